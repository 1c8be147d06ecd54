#!/usr/bin/env bash
# runner_interrupted_run_leaves_no_partial_file - a stage that writes its
# output the atomic way (a temporary file beside it, renamed when complete)
# and is stopped half way, by Ctrl-C or SIGTERM passed on by engage or by a
# crash of its own, leaves no partial file: the previous output is intact,
# the temporary file is gone (engage removes `<output>.tmp.XXXXXX` files a
# stopped stage left), the stage after it did not start, and the stopped
# stage has no state, so the next run runs it again.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_partial

mkdir data out
stage_program writer <<'SH'
#!/bin/bash
# writer OUT SECONDS [crash]: writes OUT through OUT.tmp.XXXXXX, taking
# SECONDS; with "crash" it kills itself with SIGKILL half way.
tmp=$(mktemp "$1.tmp.XXXXXX") || exit 3
echo "first half" >"$tmp"
echo started >out/started
[ "${3:-}" = crash ] && kill -KILL $$
for i in $(seq 1 $(($2 * 10))); do sleep 0.1; done
echo "second half" >>"$tmp"
mv "$tmp" "$1"
SH
printf '#!/bin/sh\necho ran >out/after.txt\n' | stage_program after
echo in >data/in.csv
cat >slow.pipeline <<'PIPE'
var out   = out
var delay = 0
var mode  = calm
stage write
  run bin/writer ${out}/result.csv ${delay} ${mode}
  in  data/in.csv
  out ${out}/result.csv
stage after
  run bin/after
  in  ${out}/result.csv
  out ${out}/after.txt
PIPE

"$engage" run slow.pipeline 2>stderr.txt || { cat stderr.txt >&2; fail "first run failed"; }
good=$(cat out/result.csv)
[ "$good" = "$(printf 'first half\nsecond half')" ] || fail "first run wrote: $good"
rm out/after.txt out/started

# check WHAT: the previous output is intact, no temporary file is left, the
# next stage did not start and the stopped stage will run again.
check() {
	[ "$(cat out/result.csv)" = "$good" ] || fail "$1: result.csv changed: $(cat out/result.csv)"
	[ -z "$(find out -name '*.tmp.*')" ] || fail "$1: partial file left: $(find out -name '*.tmp.*')"
	[ ! -e out/after.txt ] || fail "$1: the next stage ran"
	"$engage" status slow.pipeline >status.txt || fail "$1: status failed"
	grep -qx 'write  out of date: never ran' status.txt || fail "$1: status: $(cat status.txt)"
}

# interrupt SIG CODE: runs the slow write, sends SIG to engage once it runs.
interrupt() {
	local sig=$1 want=$2
	rm -f out/started
	interrupt_run "$sig" "$want" slow.pipeline delay=30
	grep -qxF "engage: stage 'write' interrupted by SIG$sig" stderr.txt ||
		{ cat stderr.txt >&2; fail "$sig: no interrupted note"; }
	check "$sig"
}

interrupt TERM 143
set -m
interrupt INT 130
set +m

# A stage that crashes (SIGKILL: it cannot clean up) leaves its temporary
# file; engage removes it.
rm -f out/started
"$engage" run slow.pipeline mode=crash 2>stderr.txt
rc=$?
[ "$rc" -eq 137 ] || { cat stderr.txt >&2; fail "crash: exit $rc, expected 137"; }
check crash

# Without interruption, the stage runs again and completes.
"$engage" run slow.pipeline 2>stderr.txt || { cat stderr.txt >&2; fail "last run failed"; }
grep -Eq '^write +ran ' stderr.txt || fail "the stopped stage did not run again"
[ "$(cat out/after.txt)" = "ran" ] || fail "the next stage did not run"
exit 0
