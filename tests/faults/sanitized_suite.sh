#!/usr/bin/env bash
# sanitized_suite - the whole test suite (tests/run.sh: every unit binary,
# every end-to-end case and script) against the AddressSanitizer and
# UndefinedBehaviorSanitizer build that `make check` puts in build/check/.
#
# The cases call bin/... from the repository's top folder, so the suite runs
# in a copy of the tree, build/check/tree/, whose bin/ holds the sanitizer
# build's executables (they find their mapping files beside themselves, in
# ../stages of the copy). Every sanitizer report aborts its process, which
# a case always counts as a failure (exit 134, never an expected code);
# AddressSanitizer and LeakSanitizer also write their reports to
# build/check/sanitizer/, and a report there fails the run even when a
# script let the process's failure pass.
set -u
cd "$(dirname "$0")/../.." || exit 3
root=$PWD
check=$root/build/check
tree=$check/tree
san=$check/sanitizer

[ -x "$check/bin/extract" ] || { echo "sanitized_suite: build build/check/ first (make check)" >&2; exit 2; }
rm -rf "$tree" "$san"
mkdir -p "$tree/out" "$san"
for entry in *; do
	case $entry in
	bin | build | out | bench) continue ;;
	esac
	cp -a "$entry" "$tree/" || exit 3
done
cp -a "$check/bin" "$tree/bin" || exit 3
# Tests that read ../shared/data find it beside the copy too.
rm -f "$check/shared"
[ -d "$root/../shared" ] && ln -s "$root/../shared" "$check/shared"

# UBSan ignores log_path in gcc's runtime: its reports go to stderr.
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:log_path=$san/asan"
export UBSAN_OPTIONS="abort_on_error=1:halt_on_error=1:print_stacktrace=1"
units=()
for b in "$check"/tests/test_* "$check"/tests/replay_*; do
	[ -x "$b" ] && units+=("$b")
done
(cd "$tree" && bash tests/run.sh "${units[@]}")
rc=$?
reports=$(find "$san" -type f | sort)
if [ -n "$reports" ]; then
	echo "sanitized_suite: sanitizer reports:" >&2
	for f in $reports; do
		echo "--- $f" >&2
		head -n 60 "$f" >&2
	done
	exit 1
fi
[ "$rc" -eq 0 ] || { echo "sanitized_suite: tests failed under the sanitizers" >&2; exit 1; }
echo "sanitized_suite: no sanitizer report"
