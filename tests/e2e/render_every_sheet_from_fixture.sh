# render on fixtures/canonical/render/full, a compute folder with every
# file render reads, and the demo's other manifests: every sheet read back
# with openpyxl and checked against the CSV it was made from (Summary and
# KPI trends against kpis.csv, the journey, funnel, cohorts, segments and
# churn-risk bands, moves, revenue bridge, customers, voice, email, models
# and holdout, the raw file's SHA-256), no cell anywhere a formula though
# the data hold text beginning with =, + and @, every sheet landscape and
# one page wide; then again without risk_bands.csv, when render sums the
# bands from the customers itself; and the same inputs give the same bytes.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/render_every_sheet"
fixture=fixtures/canonical/render/full
mkdir -p "$dir"
bin/render --in "$fixture" --out "$dir/a/report.xlsx" --manifests fixtures/canonical/render/manifests ||
	exit 1
/usr/bin/python3 tests/e2e/render_check.py full "$dir/a/report.xlsx" "$fixture" "$PWD" || exit 1
sleep 1
bin/render --in "$fixture" --out "$dir/b/report.xlsx" --manifests fixtures/canonical/render/manifests ||
	exit 1
cmp "$dir/a/report.xlsx" "$dir/b/report.xlsx" || { echo "two renders differ"; exit 1; }
cp -r "$fixture" "$dir/no_bands"
rm "$dir/no_bands/risk_bands.csv"
bin/render --in "$dir/no_bands" --out "$dir/c/report.xlsx" --manifests fixtures/canonical/render/manifests ||
	exit 1
/usr/bin/python3 tests/e2e/render_check.py full "$dir/c/report.xlsx" "$dir/no_bands" "$PWD" || exit 1
exit 0
