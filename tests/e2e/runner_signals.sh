#!/usr/bin/env bash
# runner_signals - SIGTERM or Ctrl-C (SIGINT) while a stage runs is passed
# on to the stage once; engage waits for it, reports it as interrupted, runs
# nothing more and exits 128+n. A stage killed by a signal of its own is a
# failure that names the signal, with exit 128+n.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_sig

stage_program slow <<'SH'
#!/bin/bash
# slow: says it started, then waits; on a signal it notes it and exits 128+n.
trap 'echo INT >>out/got; echo "slow: interrupted" >&2; exit 130' INT
trap 'echo TERM >>out/got; echo "slow: terminated" >&2; exit 143' TERM
echo started >out/started
for i in $(seq 1 300); do sleep 0.1; done
echo finished >out/finished
SH
printf '#!/bin/sh\necho ran >out/after\n' | stage_program after
printf '#!/bin/sh\necho "about to crash" >&2\nkill -KILL $$\n' | stage_program crash
cat >slow.pipeline <<'PIPE'
var out = out
stage slow
  run bin/slow
stage after
  run bin/after
PIPE

# interrupt SIG CODE: starts a run, sends SIG to engage once the stage runs.
interrupt() {
	local sig=$1 want=$2
	rm -rf out
	mkdir out
	interrupt_run "$sig" "$want" slow.pipeline
	[ "$(cat out/got 2>/dev/null)" = "$sig" ] || fail "$sig: the stage got '$(cat out/got 2>/dev/null)'"
	[ ! -e out/finished ] || fail "$sig: the stage was not stopped"
	[ ! -e out/after ] || fail "$sig: the next stage ran"
	grep -qxF "engage: stage 'slow' interrupted by SIG$sig" stderr.txt ||
		{ cat stderr.txt >&2; fail "$sig: no interrupted note"; }
	grep -Eq '^slow +interrupted +- +- +[0-9]+\.[0-9]{2}$' stderr.txt || fail "$sig: table: slow"
	grep -Eq '^after +not run +- +- +-$' stderr.txt || fail "$sig: table: after"
}

interrupt TERM 143
# Job control gives the background run its own process group, as a terminal
# does, and keeps SIGINT from being ignored in it.
set -m
interrupt INT 130
set +m

rm -rf out
printf 'var out = out\nstage boom\n  run bin/crash\nstage after\n  run bin/after\n' >crash.pipeline
"$engage" run crash.pipeline 2>stderr.txt
rc=$?
[ "$rc" -eq 137 ] || { cat stderr.txt >&2; fail "crash: exit $rc, expected 137"; }
grep -qxF "engage: stage 'boom' failed (killed by SIGKILL, signal 9)" stderr.txt ||
	{ cat stderr.txt >&2; fail "crash: signal not named"; }
grep -qx "    about to crash" stderr.txt || fail "crash: no log tail"
[ ! -e out/after ] || fail "crash: the next stage ran"
exit 0
