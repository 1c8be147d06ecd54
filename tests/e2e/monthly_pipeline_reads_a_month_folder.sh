# pipelines/monthly.pipeline on a month folder holding the demo shop's
# exports under the names a person saved them with: every stage runs, the
# workbook is written under out/<month>/, the orders and surveys were
# recognised, the Data quality sheet says every file was read, and a second
# run skips every stage. A file added to the
# month folder afterwards reruns the month from extract.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/monthly"
mkdir -p "$dir/raw/2026-03"
for f in shopify/orders_export.csv shopify/customers_export.csv \
	ga4/traffic_by_day_and_channel.csv klaviyo/email_events.csv \
	delighted/nps_responses.csv zendesk/tickets.csv smile/members.csv; do
	cp "fixtures/$f" "$dir/raw/2026-03/$(echo "$f" | tr / _)" || exit 1
done
run() {
	bin/engage run pipelines/monthly.pipeline month=2026-03 raw="$dir/raw/2026-03" \
		out="$dir/out/2026-03" tz=America/New_York 2>"$dir/stderr.txt"
}
run || { cat "$dir/stderr.txt"; exit 1; }
[ -s "$dir/out/2026-03/report.xlsx" ] || { echo "no workbook"; exit 1; }
grep -q '^2026-03,orders,20,' "$dir/out/2026-03/compute/kpis.csv" || { echo "orders not read"; exit 1; }
grep -q '^2026-03,nps_responses,5,' "$dir/out/2026-03/compute/kpis.csv" || { echo "surveys not read"; exit 1; }
/usr/bin/python3 tests/e2e/render_check.py unread "$dir/out/2026-03/report.xlsx" || exit 1
run || exit 1
[ "$(grep -c ' skipped ' "$dir/stderr.txt")" -eq 5 ] || { cat "$dir/stderr.txt"; echo "not every stage skipped"; exit 1; }
cp fixtures/zendesk/tickets.csv "$dir/raw/2026-03/tickets_again.csv" || exit 1
bin/engage status pipelines/monthly.pipeline month=2026-03 raw="$dir/raw/2026-03" \
	out="$dir/out/2026-03" tz=America/New_York >"$dir/status.txt" 2>&1
grep -q "extract .*input $dir/raw/2026-03/tickets_again.csv is new since the last run" \
	"$dir/status.txt" || { cat "$dir/status.txt"; echo "the new file is not seen"; exit 1; }
run || { cat "$dir/stderr.txt"; exit 1; }
[ "$(grep -c ' skipped ' "$dir/stderr.txt")" -eq 0 ] || { cat "$dir/stderr.txt"; echo "a stage was skipped after a new file"; exit 1; }
exit 0
