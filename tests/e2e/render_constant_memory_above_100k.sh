# A shop with more than 100,000 customers, all asked for on the Customers
# sheet (--customer-rows all): render writes the workbook in
# libxlsxwriter's constant-memory mode (inline strings, rows streamed to
# disk; filter arrows on the header instead of an Excel table, which that
# mode lacks), every customer lands in the Customers sheet, and the
# manifest says so; a second render gives the same bytes. At exactly
# 100,000 the Customers sheet is a table.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_constant_memory"
mkdir -p "$dir/big" "$dir/edge"
cp tests/e2e/demo/expected/compute/kpis.csv "$dir/big/"
cp tests/e2e/demo/expected/compute/kpis.csv "$dir/edge/"
customers() {
	awk -v n="$1" 'BEGIN {
		print "customer_id,email,segment,frequency,monetary"
		for (i = 0; i < n; i++) printf "c%d,u%d@example.com,Lost,%d,%d.25\n", i, i, 1 + i % 5, i % 300
	}' >"$2/customer_scores.csv"
}
customers 100001 "$dir/big"
customers 100000 "$dir/edge"
bin/render --in "$dir/big" --out "$dir/big/out/report.xlsx" --month 2026-03 --customer-rows all || exit 1
bin/render --in "$dir/edge" --out "$dir/edge/out/report.xlsx" --month 2026-03 --customer-rows all || exit 1
bin/render --in "$dir/big" --out "$dir/big/again/report.xlsx" --month 2026-03 --customer-rows all || exit 1
cmp -s "$dir/big/out/report.xlsx" "$dir/big/again/report.xlsx" || { echo "constant-memory renders differ"; exit 1; }
sheet=$(unzip -p "$dir/big/out/report.xlsx" xl/worksheets/sheet9.xml)
case "$sheet" in *'t="inlineStr"'*'<autoFilter ref="A4:E100005"/>'*) ;;
*) echo "Customers is not in constant-memory mode with a filter"; exit 1 ;; esac
unzip -l "$dir/big/out/report.xlsx" | grep -q 'xl/tables/' && { echo "a table in constant-memory mode"; exit 1; }
grep -q "^render,param,,customer_rows,all$" "$dir/big/out/render.manifest.csv" || { echo "manifest: customer_rows"; exit 1; }
grep -q '^render,stat,.*,constant_memory,1$' "$dir/big/out/render.manifest.csv" || { echo "manifest: not constant memory"; exit 1; }
grep -q '^render,stat,.*,constant_memory,0$' "$dir/edge/out/render.manifest.csv" || { echo "manifest: 100,000 in constant memory"; exit 1; }
unzip -p "$dir/edge/out/report.xlsx" xl/tables/table1.xml | grep -q 'ref="A4:E100004"' ||
	{ echo "100,000 customers are not an Excel table"; exit 1; }
/usr/bin/python3 tests/e2e/render_check.py customers "$dir/big/out/report.xlsx" 100001 1 || exit 1
/usr/bin/python3 tests/e2e/render_check.py customers "$dir/edge/out/report.xlsx" 100000 0 || exit 1
[ "$(wc -l <"$dir/big/out/segments/lost.csv")" -eq 100002 ] || { echo "lost.csv lacks customers"; exit 1; }
exit 0
