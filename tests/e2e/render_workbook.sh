# render writes a workbook whose Summary and KPI trends hold the golden
# values of the demo's kpis.csv, checked twice: in the sheet XML itself and
# through an independent reader (openpyxl), cell by cell against kpis.csv;
# the same input gives the same bytes at another time, --month picks the
# report month, and no temporary file is left.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_workbook"
mkdir -p "$dir/compute"
cp tests/e2e/demo/expected/compute/kpis.csv "$dir/compute/"
bin/render --in "$dir/compute" --out "$dir/a/report.xlsx" --month 2026-03 || exit 1
sleep 1
bin/render --in "$dir/compute" --out "$dir/b/report.xlsx" --month 2026-03 || exit 1
cmp "$dir/a/report.xlsx" "$dir/b/report.xlsx" || { echo "two renders differ"; exit 1; }
ls "$dir/a" | grep -q tmp && { echo "temporary file left behind"; exit 1; }
workbook=$(unzip -p "$dir/a/report.xlsx" xl/workbook.xml)
sheets=$(echo "$workbook" | grep -o '<sheet name="[^"]*" sheetId="[0-9]*"' | sed 's/<sheet name="\([^"]*\)".*/\1/' | paste -sd,)
want="Summary,KPI trends,Journey,Funnel,Cohorts,Segments,Segment moves,Revenue bridge,Customers"
want+=",Voice of customer,Email,Model,Data quality,Definitions"
[ "$sheets" = "$want" ] || { echo "sheets are '$sheets', not '$want'"; exit 1; }
# Summary: row 5 is Net revenue (March 904.6, February 887.28), row 6 Orders (20, 17).
summary=$(unzip -p "$dir/a/report.xlsx" xl/worksheets/sheet1.xml)
for cell in '<c r="B5" s="[0-9]*"><v>904.6</v>' '<c r="C5" s="[0-9]*"><v>887.28</v>' \
	'<c r="B6" s="[0-9]*"><v>20</v>' '<c r="C6" s="[0-9]*"><v>17</v>'; do
	echo "$summary" | grep -q "$cell" || { echo "Summary lacks $cell"; exit 1; }
done
# KPI trends: one row per month after the header; January's gross revenue in C2.
kpis=$(unzip -p "$dir/a/report.xlsx" xl/worksheets/sheet2.xml)
echo "$kpis" | grep -q '<c r="C2" s="[0-9]*"><v>994.09</v>' || { echo "KPI trends lacks C2 = 994.09"; exit 1; }
echo "$kpis" | grep -q '<c r="A4" s="[0-9]*"><v>46082</v>' || { echo "KPI trends lacks March in A4"; exit 1; }
echo "$kpis" | grep -q '<c r="A5" s="[0-9]*"><v>' && { echo "KPI trends has a fourth month"; exit 1; }
unzip -p "$dir/a/report.xlsx" docProps/core.xml | grep -q '2026-03-31T23:59:59Z' ||
	{ echo "created date is not the end of the report month"; exit 1; }
# Every cell of Summary and KPI trends against kpis.csv, with an independent reader.
/usr/bin/python3 tests/e2e/render_check.py kpis "$dir/a/report.xlsx" "$dir/compute/kpis.csv" || exit 1
# Another report month: February in B5, January beside it.
bin/render --in "$dir/compute" --out "$dir/c/report.xlsx" --month 2026-02 || exit 1
unzip -p "$dir/c/report.xlsx" xl/worksheets/sheet1.xml | grep -q '<c r="B5" s="[0-9]*"><v>887.28</v>' ||
	{ echo "--month 2026-02 does not report February"; exit 1; }
/usr/bin/python3 tests/e2e/render_check.py kpis "$dir/c/report.xlsx" "$dir/compute/kpis.csv" || exit 1
unzip -p "$dir/c/report.xlsx" docProps/core.xml | grep -q '2026-02-28T23:59:59Z' ||
	{ echo "created date is not the end of February"; exit 1; }
exit 0
