# The Online Retail file from ../shared/data through every stage, then
# render with the other stages' manifests and join's customers: Summary and
# KPI trends equal kpis.csv cell by cell (amounts in pounds), the Customers
# sheet holds every scored customer, the Data quality sheet gives the raw
# file's size and SHA-256 (checked with sha256sum), and the segment lists
# are empty but there, since the data carry no email.
set -u
cd "$ENGAGE_ROOT"
data=../shared/data/online_retail.csv.xz
if [ ! -f "$data" ]; then
	echo "skipped: $data is not here"
	exit 0
fi
dir="$TMPDIR/render_online_retail"
mkdir -p "$dir"
bin/extract --in "$data" --source generic_transactions --out "$dir/extract" 2>/dev/null || exit 1
bin/clean --in "$dir/extract" --out "$dir/clean" || exit 1
bin/join --in "$dir/clean" --out "$dir/join" || exit 1
bin/compute --in "$dir/join" --out "$dir/compute" --tz Europe/London || exit 1
bin/render --in "$dir/compute" --out "$dir/report.xlsx" --customers "$dir/join/customers.csv" \
	--manifests "$dir/extract" --manifests "$dir/clean" --manifests "$dir/join" || exit 1
/usr/bin/python3 tests/e2e/render_check.py kpis "$dir/report.xlsx" "$dir/compute/kpis.csv" || exit 1
n=$(($(wc -l <"$dir/compute/customer_scores.csv") - 1))
sum=$(sha256sum "$data" | cut -d' ' -f1)
size=$(stat -c %s "$data")
/usr/bin/python3 - "$dir/report.xlsx" "$n" "$data" "$sum" "$size" <<'PY' || exit 1
import sys, openpyxl
path, n, data, digest, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
wb = openpyxl.load_workbook(path)
ws = wb["Customers"]
assert ws["A1"].value.startswith("Customers: {:,} with".format(n)), ws["A1"].value
assert ws.cell(4 + n, 1).value and ws.cell(5 + n, 1).value is None, "Customers rows"
assert "\u00a3" in wb["Summary"]["B5"].number_format, wb["Summary"]["B5"].number_format
rows = [r for r in wb["Data quality"].iter_rows(values_only=True)]
hit = [r for r in rows if r[1] == data and r[3] == digest]
assert hit and hit[0][2] == size, "no %s with SHA-256 %s" % (data, digest)
assert any(r[0] == "clean" and r[2] == "non_positive_quantity" for r in rows), "reject reasons"
PY
[ "$(cat "$dir"/segments/*.csv | grep -vc '^Email,')" -eq 0 ] || { echo "listed customers without email"; exit 1; }
grep -q "^render,stat,.*,not_listed_no_email,$n$" "$dir/render.manifest.csv" || { echo "manifest: no-email count"; exit 1; }
exit 0
