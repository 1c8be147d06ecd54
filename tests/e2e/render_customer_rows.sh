# --customer-rows N: the Customers sheet shows the first N customers of
# customer_scores.csv and says where the rest are; customer_list.csv beside
# the workbook holds every customer under the sheet's columns (a formula-like
# cell behind an apostrophe, as in the segment lists), the same bytes on a
# second run, and the manifest counts both. Without the option all 12 fit
# under the default 10,000.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_customer_rows"
mkdir -p "$dir/compute"
cp tests/e2e/demo/expected/compute/kpis.csv "$dir/compute/"
# Twelve invented customers c0..c11; c3's email begins with '='.
awk 'BEGIN {
	print "customer_id,email,segment,frequency,monetary,last_order_at"
	for (i = 0; i < 12; i++)
		printf "c%d,%su%d@example.com,%s,%d,%d.50,2026-03-%02dT10:00:00Z\n", i,
			i == 3 ? "=" : "", i, i % 2 ? "Lost" : "Champions", 1 + i % 3, 10 * i, 1 + i
}' >"$dir/compute/customer_scores.csv"
bin/render --in "$dir/compute" --out "$dir/out/report.xlsx" --month 2026-03 --customer-rows 5 || exit 1
bin/render --in "$dir/compute" --out "$dir/again/report.xlsx" --month 2026-03 --customer-rows 5 || exit 1
bin/render --in "$dir/compute" --out "$dir/all/report.xlsx" --month 2026-03 || exit 1
cmp -s "$dir/out/report.xlsx" "$dir/again/report.xlsx" || { echo "workbooks differ"; exit 1; }
cmp -s "$dir/out/customer_list.csv" "$dir/again/customer_list.csv" || { echo "customer lists differ"; exit 1; }
cmp -s "$dir/out/customer_list.csv" "$dir/all/customer_list.csv" || { echo "the list depends on N"; exit 1; }
# A header and all twelve customers, in customer_scores.csv's order.
[ "$(wc -l <"$dir/out/customer_list.csv")" -eq 13 ] || { echo "customer_list.csv lacks customers"; exit 1; }
[ "$(sed -n 2p "$dir/out/customer_list.csv" | cut -d, -f1)" = c0 ] || { echo "c0 is not first"; exit 1; }
[ "$(sed -n 13p "$dir/out/customer_list.csv" | cut -d, -f1)" = c11 ] || { echo "c11 is not last"; exit 1; }
# c3: Lost (odd), 1 + 3 % 3 = 1 order, 10 x 3 + 0.50, its last order on day 1 + 3.
grep -qx "c3,'=u3@example.com,Lost,1,30.50,2026-03-04" "$dir/out/customer_list.csv" ||
	{ echo "c3's row: formula not neutralised or date not a date"; exit 1; }
m="$dir/out/render.manifest.csv"
grep -q '^render,output,.*/customer_list.csv,rows,12$' "$m" || { echo "manifest: customer list"; exit 1; }
grep -q '^render,stat,.*,customers_sheet_rows,5$' "$m" || { echo "manifest: sheet rows"; exit 1; }
grep -q '^render,param,,customer_rows,5$' "$m" || { echo "manifest: customer_rows"; exit 1; }
/usr/bin/python3 - "$dir/out/report.xlsx" "$dir/all/report.xlsx" "$dir/out/customer_list.csv" <<'PY' || exit 1
import csv, sys
import openpyxl

def sheet(path):
    ws = openpyxl.load_workbook(path, read_only=True)["Customers"]
    rows = [r for r in ws.iter_rows(values_only=True)]
    data = [r for r in rows[4:] if r[0] is not None]
    return rows, data

rows, data = sheet(sys.argv[1])
assert [r[0] for r in data] == ["c0", "c1", "c2", "c3", "c4"], data
assert rows[0][0] == "Customers: 12 with an order up to the end of March 2026", rows[0][0]
assert rows[1][0].startswith("The first 5 customers, in customer_scores.csv's order; all 12 are "
                             "in customer_list.csv beside this workbook"), rows[1][0]
with open(sys.argv[3], newline="") as f:
    header = next(csv.reader(f))
assert list(rows[3][:len(header)]) == header, (rows[3], header)
rows, data = sheet(sys.argv[2])
assert len(data) == 12 and rows[1][0].startswith("Filter and sort"), (len(data), rows[1][0])
PY
bin/render --in "$dir/compute" --out "$dir/bad/report.xlsx" --customer-rows 0 2>"$dir/err"
[ $? -eq 2 ] && grep -q "customer-rows" "$dir/err" || { echo "--customer-rows 0 not a usage error"; exit 1; }
exit 0
