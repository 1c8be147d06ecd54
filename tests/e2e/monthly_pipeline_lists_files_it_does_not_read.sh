# A month folder as a shop downloads it: the orders export, a file no
# source fits, a subfolder holding a tickets export (read), a hidden file, a
# spreadsheet lock file and Shopify's products and inventory exports.
# pipelines/monthly.pipeline still makes the workbook (exit 0); the two
# exports and the unknown file are named, with why, in extract's manifest,
# on the Data quality sheet and in extract's log (each one), the closing
# table says how many; the hidden and lock files are not mentioned at all.
# A new file in the subfolder reruns the month, a new hidden file does not.
# With strict=1 the run fails at extract, naming every file not read.
set -u
cd "$ENGAGE_ROOT"
dir="$TMPDIR/folder"
raw="$dir/raw/2026-03"
mkdir -p "$raw/support" "$raw/.cache" || exit 1
cp fixtures/shopify/orders_export.csv "$raw/orders_export.csv" || exit 1
cp fixtures/zendesk/tickets.csv "$raw/support/tickets.csv" || exit 1
cp fixtures/bad/unknown_header.csv "$raw/notes.csv" || exit 1
cp fixtures/shopify/products_export.csv "$raw/products_export.csv" || exit 1
cp fixtures/shopify/inventory_export.csv "$raw/support/inventory_export.csv" || exit 1
cp fixtures/bad/binary_garbage.csv "$raw/~\$lock.xlsx" || exit 1
cp fixtures/bad/binary_garbage.csv "$raw/.DS_Store" || exit 1
cp fixtures/bad/binary_garbage.csv "$raw/.cache/orders_export.csv" || exit 1
out="$dir/out/2026-03"
run() {
	bin/engage run pipelines/monthly.pipeline month=2026-03 raw="$raw" out="$out" tz=UTC "$@" \
		2>"$dir/stderr.txt"
}
fail() { echo "$1"; cat "$dir/stderr.txt"; exit 1; }

run || fail "the month failed"
[ -s "$out/report.xlsx" ] || fail "no workbook"
m="$out/extract/extract.manifest.csv"
grep -q "^extract,input,$raw/orders_export.csv,read,82\$" "$m" || fail "orders not read"
grep -q "^extract,input,$raw/support/tickets.csv,read,9\$" "$m" || fail "subfolder not read"
grep -q "^extract,unread,$raw/notes.csv,reason,header matches no known source\$" "$m" ||
	fail "notes.csv not listed"
grep -q "^extract,unread,$raw/notes.csv,closest,\"csat_survey, which also needs score" "$m" ||
	fail "notes.csv without its closest source"
grep -q "^extract,unread,$raw/products_export.csv,reason,Shopify products export (source shopify_products): a known export" "$m" ||
	fail "products export not named"
grep -q "^extract,unread,$raw/support/inventory_export.csv,reason,Shopify inventory export (source shopify_inventory): a known export" "$m" ||
	fail "inventory export not named"
[ "$(grep -c ',unread,.*,reason,' "$m")" -eq 3 ] || fail "not exactly three files not read"
! grep -q 'DS_Store\|~\$lock\|\.cache' "$m" || fail "a hidden or lock file was looked at"
log="$out/logs/extract.log"
for f in notes.csv products_export.csv support/inventory_export.csv; do
	grep -q "^extract: $raw/$f:.*(file not read)\$" "$log" || fail "no warning for $f"
done
grep -qF "engage: extract did not read 3 files: each is named with why in '$log'" \
	"$dir/stderr.txt" || fail "the closing table does not say"
/usr/bin/python3 tests/e2e/render_check.py unread "$out/report.xlsx" \
	"notes.csv=header matches no known source" \
	"products_export.csv=Shopify products export" \
	"inventory_export.csv=Shopify inventory export" || exit 1

# A hidden file changes nothing; a file added to the subfolder is seen.
cp fixtures/zendesk/tickets.csv "$raw/support/.tickets_copy.csv" || exit 1
run || fail "second run failed"
[ "$(grep -c ' skipped ' "$dir/stderr.txt")" -eq 5 ] || fail "a hidden file reran a stage"
cp fixtures/zendesk/tickets.csv "$raw/support/more_tickets.csv" || exit 1
run || fail "third run failed"
grep -q '^extract  ran ' "$dir/stderr.txt" || fail "a new file in a subfolder was not seen"
grep -q "^extract,input,$raw/support/more_tickets.csv,read,9\$" "$m" || fail "new file not read"
rm "$raw/support/more_tickets.csv" || exit 1
run || fail "fourth run failed"
grep -q '^extract  ran ' "$dir/stderr.txt" || fail "a removed file was not seen"

# strict=1: exit 1 at extract, every file not read named.
run strict=1 && fail "strict=1 did not fail"
grep -q "engage: stage 'extract' failed (exit 1)" "$dir/stderr.txt" || fail "extract did not fail"
grep -qF -- "extract: --strict: 3 files not read: $raw/notes.csv, $raw/products_export.csv, $raw/support/inventory_export.csv" \
	"$log" || fail "strict does not name every file"
exit 0
