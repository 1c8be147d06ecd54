#!/usr/bin/env bash
# stages_show_progress - every stage counts the rows and bytes it reads on
# a progress line: with -v when stderr is not a terminal (one line at the
# end for short work) and nothing without it. The terminal's line, redrawn
# in place once the work takes a second, is tested in test_progress.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir stages_show_progress
cd "$root" || exit 1

raw=fixtures/shopify/orders_export.csv
bin/extract --in $raw --out "$dir/quiet" 2>"$dir/quiet.err" || fail "extract failed"
[ ! -s "$dir/quiet.err" ] || fail "extract wrote without -v: $(cat "$dir/quiet.err")"

bin/extract -v --in $raw --out "$dir/x" 2>"$dir/x.err" || fail "extract -v failed"
rows=$(($(wc -l <"$dir/x/order_lines.csv") - 1))
bytes=$(wc -c <$raw)
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
grep -Eq "^extract: $rows rows, $mb MB, [0-9.]+ MB/s, [0-9.]+ s$" "$dir/x.err" ||
	fail "extract -v: expected $rows rows and $mb MB: $(cat "$dir/x.err")"
bin/clean --verbose --in "$dir/x" --out "$dir/c" 2>"$dir/c.err" || fail "clean -v failed"
grep -Eq '^clean: [0-9,]+ rows, [0-9.]+ MB, [0-9.]+ MB/s, [0-9.]+ s$' "$dir/c.err" ||
	fail "clean -v: $(cat "$dir/c.err")"

exit 0
