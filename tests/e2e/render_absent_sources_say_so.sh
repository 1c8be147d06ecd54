# render with kpis.csv alone: all fourteen sheets are there, and each whose
# source is absent says so in words in its first cell under the title
# instead of showing an empty table; no segment list is written.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_absent"
mkdir -p "$dir/compute"
cp tests/e2e/demo/expected/compute/kpis.csv "$dir/compute/"
bin/render --in "$dir/compute" --out "$dir/out/report.xlsx" || exit 1
/usr/bin/python3 tests/e2e/render_check.py absent "$dir/out/report.xlsx" || exit 1
[ -e "$dir/out/segments" ] && { echo "segment lists written without customers"; exit 1; }
grep -q '^render,output,.*report.xlsx,rows,3$' "$dir/out/render.manifest.csv" ||
	{ echo "manifest lacks the workbook"; exit 1; }
exit 0
