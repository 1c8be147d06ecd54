# The Online Retail file from ../shared/data through every stage, then
# render with the other stages' manifests and join's customers: Summary and
# KPI trends equal kpis.csv cell by cell (amounts in pounds), the Customers
# sheet holds every scored customer, the Data quality sheet gives the raw
# file's size and SHA-256 (checked with sha256sum), and the segment lists
# are empty but there, since the data carry no email. BG/NBD's a runs to 0
# and a plain NBD fits as well, so model.csv says no_dropout with the
# likelihood ratio, and the churn-risk bands come from recency (days since
# the last order against the customer's typical gap), labelled so in
# model.csv, risk_bands.csv, customer_scores.csv, and on the Model and
# Segments sheets; the bands are not all "low". The holdout says in numbers
# how the model does against the baseline.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
online_retail_data
dir="$TMPDIR/render_online_retail"
mkdir -p "$dir"
bin/extract --in "$data" --source generic_transactions --out "$dir/extract" 2>/dev/null || exit 1
clean_join_compute "$dir" --tz Europe/London || exit 1
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
m="$dir/compute/model.csv"
has_lines "$m" bgnbd,status,no_dropout bgnbd,dropout_supported,no churn_risk,basis,recency
grep -q '^bgnbd,reason,"the model sees no customer stop buying .*likelihood ratio 0.00, below 5.99' "$m" ||
	fail "bgnbd reason: $(grep bgnbd,reason "$m")"
grep -q '^holdout,against_baseline,"the model.s mean absolute error per customer, [0-9.]* orders, is [0-9.]*% \(lower\|higher\) than the baseline' "$m" ||
	fail "holdout against the baseline: $(grep against_baseline "$m")"
/usr/bin/python3 - "$dir" <<'PY' || exit 1
import csv, sys, openpyxl
dir = sys.argv[1]
bands = list(csv.DictReader(open(dir + "/compute/risk_bands.csv")))
assert [b["churn_risk"] for b in bands] == ["high", "medium", "low"], bands
assert all(b["basis"] == "recency" for b in bands), bands
assert all(int(b["customers"]) > 100 for b in bands), "a band is nearly empty: %r" % bands
gaps = [float(b["average_gaps_since_last_order"]) for b in bands]
assert gaps[0] >= 3 > gaps[1] >= 1.5 > gaps[2], gaps
rows = list(csv.DictReader(open(dir + "/compute/customer_scores.csv")))
assert sum(int(b["customers"]) for b in bands) == len(rows)
for r in rows:
    assert r["churn_risk_basis"] == "recency" and r["gaps_since_last_order"], r["customer_id"]
    g = float(r["gaps_since_last_order"])
    want = "high" if g >= 3 else "medium" if g >= 1.5 else "low"
    # the ratio is written with 2 decimals: a band edge may round either way
    assert r["churn_risk"] == want or abs(g - 3) < 0.01 or abs(g - 1.5) < 0.01, r
wb = openpyxl.load_workbook(dir + "/report.xlsx")
seg = [c for row in wb["Segments"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
assert any(t.startswith("Churn risk: bands of recency") for t in seg), "Segments title"
assert any(t.startswith("P(alive) is flat:") for t in seg), "Segments reason"
mod = [c for row in wb["Model"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
assert any(t.startswith("No dropout: the model sees no customer stop buying") for t in mod), "Model status"
PY
exit 0
