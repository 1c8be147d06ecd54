#!/usr/bin/env bash
# runner_parallel_jobs - with -j 2, two stages that do not depend on each
# other run at the same time (each waits to see the other start), the stage
# that reads both starts only after both finished, logs stay per stage and
# the closing table keeps file order. When a stage fails under -j, the stage
# running beside it is let finish (its output and state are kept), no new
# stage starts, and engage exits with the failing stage's code.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_jobs

mkdir data out
stage_program meet <<'SH'
#!/bin/sh
# meet NAME OTHER OUT: says it started, waits up to 10 s for OTHER to
# start too, then writes OUT; exits 1 when OTHER never started.
echo "$1 started" >"out/$1.started"
echo "log of $1"
i=0
while [ ! -f "out/$2.started" ]; do
	i=$((i + 1))
	[ "$i" -le 200 ] || { echo "$1: $2 never started" >&2; exit 1; }
	sleep 0.05
done
echo "$1" >"$3"
SH
stage_program both <<'SH'
#!/bin/sh
# both OUT IN1 IN2: needs both inputs, writes OUT.
[ -f "$2" ] && [ -f "$3" ] || { echo "both: an input is missing" >&2; exit 1; }
cat "$2" "$3" >"$1"
SH
echo x >data/x.csv
cat >par.pipeline <<'PIPE'
var out = out
stage left
  run bin/meet left right ${out}/left.csv
  in  data/x.csv
  out ${out}/left.csv
stage right
  run bin/meet right left ${out}/right.csv
  in  data/x.csv
  out ${out}/right.csv
stage merge
  run bin/both ${out}/merged.csv ${out}/left.csv ${out}/right.csv
  in  ${out}/left.csv ${out}/right.csv
  out ${out}/merged.csv
PIPE

"$engage" run par.pipeline -j 2 >stdout.txt 2>stderr.txt || { cat stderr.txt >&2; fail "-j 2 failed"; }
[ "$(cat out/merged.csv)" = "$(printf 'left\nright')" ] || fail "merged: $(cat out/merged.csv)"
grep -qx "log of left" out/logs/left.log || fail "left's log"
grep -qx "log of right" out/logs/right.log || fail "right's log"
grep -q "right" out/logs/left.log && fail "logs mixed"
[ "$(sed -n '2,4s/ .*//p' stderr.txt | tr '\n' ' ')" = "left right merge " ] ||
	fail "table not in file order: $(cat stderr.txt)"
for s in left right merge; do
	grep -Eq "^$s +ran " stderr.txt || fail "table: $s did not run"
done
"$engage" run par.pipeline -j2 2>stderr.txt || fail "second -j run failed"
grep -Eq '^merge +skipped ' stderr.txt || fail "second -j run did not skip"

# A failure under -j: 'fast' fails at once while 'slow' runs; slow finishes,
# 'after' (which needs fast) and 'later' (independent, but not started yet)
# do not start.
stage_program fast <<'SH'
#!/bin/sh
echo "fast: broken" >&2
exit 4
SH
stage_program slow <<'SH'
#!/bin/sh
sleep 0.5
echo slow >"$1"
SH
printf '#!/bin/sh\necho "$1" >>ran.txt\necho ok >"$2"\n' | stage_program mark
cat >fail.pipeline <<'PIPE'
var out = out2
stage slow
  run bin/slow ${out}/slow.txt
  out ${out}/slow.txt
stage fast
  run bin/fast
  out ${out}/fast.txt
stage after
  run bin/mark after ${out}/after.txt
  in  ${out}/fast.txt
  out ${out}/after.txt
stage later
  run bin/mark later ${out}/later.txt
  out ${out}/later.txt
PIPE
"$engage" run fail.pipeline -j 2 >stdout.txt 2>stderr.txt
rc=$?
[ "$rc" -eq 4 ] || { cat stderr.txt >&2; fail "failure under -j: exit $rc, expected 4"; }
grep -qxF "engage: stage 'fast' failed (exit 4)" stderr.txt || fail "failure under -j: not named"
grep -qx "    fast: broken" stderr.txt || fail "failure under -j: no log tail"
[ "$(cat out2/slow.txt 2>/dev/null)" = "slow" ] || fail "the running stage was not let finish"
grep -qx 'stage slow' out2/.engage-state || fail "the finished stage's state was not kept"
[ ! -e ran.txt ] || fail "a new stage started after the failure: $(cat ran.txt)"
grep -Eq '^slow +ran ' stderr.txt || fail "table: slow"
grep -Eq '^fast +failed ' stderr.txt || fail "table: fast"
grep -Eq '^after +not run ' stderr.txt || fail "table: after"
grep -Eq '^later +not run ' stderr.txt || fail "table: later"
exit 0
