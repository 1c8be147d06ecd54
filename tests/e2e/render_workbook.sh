# render writes a workbook with the Summary and KPIs sheets holding the
# golden values, and the same input gives the same bytes at another time.
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
case "$workbook" in
*'<sheet name="Summary" sheetId="1"'*'<sheet name="KPIs" sheetId="2"'*) ;;
*) echo "sheets are not Summary, KPIs: $workbook"; exit 1 ;;
esac
# Summary: row 5 is Orders (March 20, February 17), row 8 Net revenue (904.6, 887.28).
summary=$(unzip -p "$dir/a/report.xlsx" xl/worksheets/sheet1.xml)
for cell in '<c r="B5" s="[0-9]*"><v>20</v>' '<c r="C5" s="[0-9]*"><v>17</v>' \
	'<c r="B8" s="[0-9]*"><v>904.6</v>' '<c r="C8" s="[0-9]*"><v>887.28</v>'; do
	echo "$summary" | grep -q "$cell" || { echo "Summary lacks $cell"; exit 1; }
done
# KPIs: one row per month after the header; January's gross revenue in C2.
kpis=$(unzip -p "$dir/a/report.xlsx" xl/worksheets/sheet2.xml)
echo "$kpis" | grep -q '<c r="C2" s="[0-9]*"><v>994.09</v>' || { echo "KPIs lacks C2 = 994.09"; exit 1; }
echo "$kpis" | grep -q '<row r="4"' || { echo "KPIs lacks March"; exit 1; }
echo "$kpis" | grep -q '<row r="5"' && { echo "KPIs has a fifth row"; exit 1; }
unzip -p "$dir/a/report.xlsx" docProps/core.xml | grep -q '2026-03-31T23:59:59Z' ||
	{ echo "created date is not the end of the report month"; exit 1; }
exit 0
