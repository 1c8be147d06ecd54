#!/usr/bin/env bash
# clean_lines_on_request - no later stage reads line items, so clean writes
# order_lines.csv only with --lines, and a run without it removes the file an
# earlier run left; either way the manifest accounts for every line, and
# every row leads back to its raw file: tables by the short id f1, which
# extract's manifest maps to the path, rejects by the path itself.
#
# fixtures/generic/transactions.csv has 13 lines (file lines 2-14):
#   kept 8:     100001 x3 (lines 2-4, one repeated scan), 100002 line 5,
#               100005 lines 10 and 12 (one invoice in two runs), 100006
#               line 11, 100008 line 14;
#   rejected 4: line 6 (quantity 0), line 7 (price 0), line 9 (100004:
#               quantity -5), line 13 (A100007, an adjustment: order_rejected);
#   merged 1:   line 8, the return C100003, folded into its refund.
set -u
root=$ENGAGE_ROOT
dir=$(mktemp -d "${TMPDIR:-/tmp}/clean_lines_on_request.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
raw="$root/fixtures/generic/transactions.csv"

# value MANIFEST SECTION NAME KEY: the manifest's value for that row
value() { awk -F, -v s="$2" -v n="$3" -v k="$4" '$2 == s && $3 == n && $4 == k {print $5}' "$1"; }

"$root/bin/extract" --in "$raw" --out "$dir/extract" 2>/dev/null || fail "extract exited $?"
[ "$(value "$dir/extract/extract.manifest.csv" file f1 path)" = "$raw" ] ||
	fail "extract's manifest does not map f1 to $raw"
awk -F, 'NR > 1 && $(NF - 1) != "f1" {bad = 1} END {exit bad}' "$dir/extract/order_lines.csv" ||
	fail "a line of extract's order_lines.csv does not name its file f1"

"$root/bin/clean" --in "$dir/extract" --out "$dir/clean" --lines 2>/dev/null || fail "clean --lines exited $?"
m="$dir/clean/clean.manifest.csv"
lines_in="$dir/extract/order_lines.csv"
[ "$(value "$m" input "$lines_in" written)" = 8 ] || fail "lines written $(value "$m" input "$lines_in" written), expected 8"
[ "$(value "$m" input "$lines_in" rejected)" = 4 ] || fail "lines rejected $(value "$m" input "$lines_in" rejected), expected 4"
[ "$(value "$m" input "$lines_in" merged)" = 1 ] || fail "lines merged $(value "$m" input "$lines_in" merged), expected 1"
[ "$(value "$m" output order_lines.csv rows)" = 8 ] || fail "order_lines.csv output is not 8 rows in the manifest"
[ "$(($(wc -l <"$dir/clean/order_lines.csv") - 1))" = 8 ] || fail "clean --lines did not write 8 lines"
awk -F, 'NR > 1 && $(NF - 1) != "f1" {bad = 1} END {exit bad}' "$dir/clean/order_lines.csv" ||
	fail "a line of clean's order_lines.csv does not name its file f1"

"$root/bin/clean" --in "$dir/extract" --out "$dir/clean" 2>/dev/null || fail "clean exited $?"
[ -e "$dir/clean/order_lines.csv" ] && fail "clean without --lines left order_lines.csv"
[ "$(value "$m" input "$lines_in" written)" = 8 ] || fail "without --lines, lines kept $(value "$m" input "$lines_in" written), expected 8"
[ -z "$(value "$m" output order_lines.csv rows)" ] || fail "the manifest names an order_lines.csv not written"
# The rejects name the raw file's path, at the raw line: line 6 is the quantity 0.
grep -q "^$raw,6,non_positive_quantity," "$dir/clean/rejects.csv" ||
	fail "rejects.csv does not name $raw line 6: $(sed -n 2p "$dir/clean/rejects.csv")"
grep -q "^f1," "$dir/clean/rejects.csv" && fail "rejects.csv names a file by its id"
# The orders and refunds name it by its id, with their first line.
grep -q ',f1,8$' "$dir/clean/refunds.csv" || fail "refunds.csv does not lead back to f1 line 8"
exit 0
