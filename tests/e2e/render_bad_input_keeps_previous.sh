# A compute file with a cell that is not a number stops render with exit 1
# and file:line:column; the workbook, the lists and the manifest of the
# previous run stay as they were, and no temporary file is left. A missing
# kpis.csv is an I/O error (exit 3), an unknown option a usage error (2).
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_bad_input"
mkdir -p "$dir"
cp -r fixtures/canonical/render/full "$dir/compute"
bin/render --in "$dir/compute" --out "$dir/out/report.xlsx" || exit 1
cp "$dir/out/report.xlsx" "$dir/before.xlsx"
cp "$dir/out/segments/champions.csv" "$dir/before.csv"
cp "$dir/out/render.manifest.csv" "$dir/before.manifest.csv"
sed -i 's/^2026-02,786.74,24.69,97.30,51.73,0.00,1.50,/2026-02,786.74,24.69,97.30,51.73,0.00,x,/' "$dir/compute/bridge.csv"
bin/render --in "$dir/compute" --out "$dir/out/report.xlsx" 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 1 ] || { cat "$dir/stderr"; echo "exit $rc, not 1"; exit 1; }
grep -qF "render: $dir/compute/bridge.csv:3:7: 'x' in column 'other' is not a number" "$dir/stderr" ||
	{ cat "$dir/stderr"; echo "message does not name file, line and column"; exit 1; }
cmp -s "$dir/out/report.xlsx" "$dir/before.xlsx" || { echo "workbook changed"; exit 1; }
cmp -s "$dir/out/segments/champions.csv" "$dir/before.csv" || { echo "list changed"; exit 1; }
cmp -s "$dir/out/render.manifest.csv" "$dir/before.manifest.csv" || { echo "manifest changed"; exit 1; }
{ ls -A "$dir/out"; ls -A "$dir/out/segments"; } | grep -q '\.tmp\.' && { echo "temporary file left"; exit 1; }
rm "$dir/compute/kpis.csv"
bin/render --in "$dir/compute" --out "$dir/out/report.xlsx" 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 3 ] || { cat "$dir/stderr"; echo "missing kpis.csv: exit $rc, not 3"; exit 1; }
bin/render --in "$dir/compute" --out "$dir/out/report.xlsx" --no-such-option 2>/dev/null
[ $? -eq 2 ] || { echo "unknown option is not exit 2"; exit 1; }
exit 0
