#!/usr/bin/env bash
# thread_suite - the CSV reader's parsing threads under ThreadSanitizer,
# from the build `make check-threads` puts in build/tsan/ (part of make
# check): the reader's and the cut scan's unit tests (every parsing case
# read in pieces of every size), then extract on a file of many pieces
# (the Online Retail file's first 40,000 lines when ../shared/data has it,
# else the fixtures' largest order file 200 times over), cut in pieces of
# 64 KiB and of one row, whose outputs must equal those of one piece; last,
# render on the demo shop's compute files (made by bin/engage), whose
# segment lists and customer_list.csv, filled on render's second thread
# while the workbook is written, must equal those of the plain build. Any
# report (a data race, a lock misuse) fails the run.
set -u
cd "$(dirname "$0")/../.." || exit 3
root=$PWD
tsan=$root/build/tsan
[ -x "$tsan/bin/extract" ] || { echo "thread_suite: build build/tsan/ first (make check-threads)" >&2; exit 2; }
export TSAN_OPTIONS="halt_on_error=1:exitcode=66"
fail() { echo "thread_suite: FAIL: $*" >&2; exit 1; }

for t in test_csv_table test_csv_cut; do
	"$tsan/tests/$t" >/dev/null 2>"$tsan/$t.stderr" || { cat "$tsan/$t.stderr" >&2; fail "$t"; }
done

# The stages find their mapping files in ../stages beside bin/.
ln -sfn "$root/stages" "$tsan/stages"
work=$(mktemp -d "${TMPDIR:-/tmp}/thread_suite.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
if [ -f "$root/../shared/data/online_retail.csv.xz" ]; then
	xz -dc "$root/../shared/data/online_retail.csv.xz" | head -n 40000 >"$work/in.csv"
else
	head -n 1 "$root/fixtures/shopify/orders_export.csv" >"$work/in.csv"
	for i in $(seq 200); do tail -n +2 "$root/fixtures/shopify/orders_export.csv"; done >>"$work/in.csv"
fi
for chunk in "" 64K 1; do
	out=$work/out${chunk:-_whole}
	env ${chunk:+ENGAGE_CSV_CHUNK=$chunk} "$tsan/bin/extract" --in "$work/in.csv" --out "$out" \
		>/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; fail "extract, pieces of ${chunk:-256K}"; }
	if [ -n "$chunk" ]; then
		for f in orders.csv order_lines.csv rejects.csv; do
			cmp "$work/out_whole/$f" "$out/$f" || fail "extract $f differs in pieces of $chunk"
		done
	fi
done

# render's second thread: the plain build runs the demo, the TSan build renders it again.
demo=$work/demo
"$root/bin/engage" run "$root/pipelines/demo.pipeline" out="$demo" raw="$root/fixtures" \
	>/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; fail "the demo pipeline (plain build)"; }
"$tsan/bin/render" --in "$demo/compute" --out "$work/render/report.xlsx" --month 2026-03 \
	--customers "$demo/join/customers.csv" --customer-rows 5 >/dev/null 2>"$work/stderr" ||
	{ cat "$work/stderr" >&2; fail "render"; }
cmp "$demo/customer_list.csv" "$work/render/customer_list.csv" || fail "render's customer_list.csv differs"
diff -r "$demo/segments" "$work/render/segments" >/dev/null || fail "render's segment lists differ"
echo "thread_suite: no report"
