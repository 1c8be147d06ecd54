#!/usr/bin/env bash
# valgrind_demo - the demo pipeline, from raw files to the workbook, with
# the runner and every stage under valgrind memcheck (--trace-children):
# no memory error and no leak (definite or indirect) in any of them. Then
# a second run, which skips every stage, and `engage status`, the same way.
# Uses the normal build in bin/, what a user runs.
set -u
cd "$(dirname "$0")/../.." || exit 3
dir=$(mktemp -d "${TMPDIR:-/tmp}/engage-valgrind.XXXXXX") || exit 3
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL valgrind_demo: $*" >&2; exit 1; }

vg() {
	valgrind --quiet --trace-children=yes --trace-children-skip='/usr/*,/bin/*' \
		--error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--show-leak-kinds=definite,indirect --suppressions=tests/faults/valgrind.supp \
		--log-file="$dir/logs/vg.%p.log" "$@"
}

mkdir -p "$dir/logs"
for step in run rerun status; do
	case $step in
	run | rerun) vg bin/engage run pipelines/demo.pipeline out="$dir/demo" >"$dir/$step.out" 2>&1 ;;
	status) vg bin/engage status pipelines/demo.pipeline out="$dir/demo" >"$dir/$step.out" 2>&1 ;;
	esac
	rc=$?
	if [ "$rc" -ne 0 ]; then
		tail -n 20 "$dir/$step.out" >&2
		for log in "$dir"/logs/*.log; do head -n 40 "$log"; done >&2
		fail "$step exited $rc"
	fi
done
[ -f "$dir/demo/report.xlsx" ] || fail "no report.xlsx"
n=0
for log in "$dir"/logs/*.log; do
	n=$((n + 1))
	# --quiet leaves a log empty unless something went wrong.
	if [ -s "$log" ]; then
		head -n 80 "$log" >&2
		fail "valgrind reported a problem (above)"
	fi
done
# engage three times, and extract, clean, join, compute and render once.
[ "$n" -ge 8 ] || fail "only $n processes ran under valgrind"
echo "valgrind_demo: $n processes (engage and every stage), no error, no leak"
