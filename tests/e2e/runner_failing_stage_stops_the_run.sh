#!/usr/bin/env bash
# runner_failing_stage_stops_the_run - when the middle stage exits 5, engage
# names it, shows the last 10 lines of its log, exits 5, keeps the first
# stage's output and does not start the third stage. The failed stage
# records no state, so the next run runs it again (and skips the first);
# once it is fixed, --from NAME resumes there.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_fail

stage_program ok <<'SH'
#!/bin/sh
echo "$1" >>ran.txt
echo done >"$2"
SH
stage_program broken <<'SH'
#!/bin/sh
echo broken >>ran.txt
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo "problem line $i" >&2; done
exit 5
SH
cat >fail.pipeline <<'PIPE'
var out = out
stage first
  run bin/ok first ${out}/first.txt
  out ${out}/first.txt
stage middle
  run bin/broken
  in  ${out}/first.txt
  out ${out}/middle.txt
stage last
  run bin/ok last ${out}/last.txt
  in  ${out}/middle.txt
PIPE

"$engage" run fail.pipeline >stdout.txt 2>stderr.txt
rc=$?
[ "$rc" -eq 5 ] || { cat stderr.txt >&2; fail "exit code $rc, expected 5"; }
grep -qxF "engage: stage 'middle' failed (exit 5)" stderr.txt || fail "stage not named"
for i in 3 4 5 6 7 8 9 10 11 12; do
	grep -qx "    problem line $i" stderr.txt || fail "tail lacks line $i"
done
grep -qx "    problem line 2" stderr.txt && fail "tail shows more than 10 lines"
[ "$(printf 'first\nbroken\n')" = "$(cat ran.txt)" ] || fail "ran: $(cat ran.txt)"
[ -f out/first.txt ] || fail "the first stage's output was removed"
[ ! -e out/last.txt ] && [ ! -e out/logs/last.log ] || fail "the last stage ran"
grep -Eq '^first +ran +- +- +[0-9]+\.[0-9]{2}$' stderr.txt || fail "table: first"
grep -Eq '^middle +failed +- +- +[0-9]+\.[0-9]{2}$' stderr.txt || fail "table: middle"
grep -Eq '^last +not run +- +- +-$' stderr.txt || fail "table: last"
# The failure note comes before the table.
[ "$(grep -n "failed (exit 5)" stderr.txt | cut -d: -f1)" -lt \
  "$(grep -n '^stage ' stderr.txt | cut -d: -f1)" ] || fail "table printed before the failure"

# The failed stage recorded no state: the next run skips the stage that
# worked and runs the failed one again, and stops there again.
grep -qx 'stage first' out/.engage-state || fail "no state recorded for first"
grep -qx 'stage middle' out/.engage-state && fail "state recorded for the failed stage"
"$engage" run fail.pipeline >stdout.txt 2>stderr.txt
rc=$?
[ "$rc" -eq 5 ] || { cat stderr.txt >&2; fail "second run: exit code $rc, expected 5"; }
[ "$(printf 'first\nbroken\nbroken\n')" = "$(cat ran.txt)" ] || fail "second run ran: $(cat ran.txt)"
grep -Eq '^first +skipped +- +- +-$' stderr.txt || fail "second run: first not skipped"
"$engage" status fail.pipeline >status.txt || fail "status failed"
[ "$(cat status.txt)" = "first   up to date
middle  out of date: never ran
last    out of date: upstream stage 'middle' will run" ] || fail "status: $(cat status.txt)"

# Once fixed, --from resumes at the failed stage: it and the ones after it
# run, the earlier one is not run.
printf '#!/bin/sh\necho fixed >>ran.txt\necho fixed >out/middle.txt\n' | stage_program broken
"$engage" run fail.pipeline --from middle >stdout.txt 2>stderr.txt ||
	{ cat stderr.txt >&2; fail "--from middle failed"; }
[ "$(printf 'first\nbroken\nbroken\nfixed\nlast\n')" = "$(cat ran.txt)" ] ||
	fail "--from ran: $(cat ran.txt)"
grep -Eq '^first +not run +- +- +-$' stderr.txt || fail "--from: first not 'not run'"
grep -Eq '^middle +ran ' stderr.txt || fail "--from: middle did not run"
"$engage" run fail.pipeline 2>stderr.txt || fail "run after --from failed"
[ "$(tail -n 1 ran.txt)" = "last" ] || fail "a stage ran again after --from: $(cat ran.txt)"

# A stage that fails without a word says so instead of showing nothing.
stage_program quiet <<'SH'
#!/bin/sh
exit 1
SH
printf 'var out = out\nstage hush\n  run bin/quiet\n' >quiet.pipeline
"$engage" run quiet.pipeline 2>stderr.txt
rc=$?
[ "$rc" -eq 1 ] || fail "quiet stage: exit code $rc, expected 1"
grep -qF "engage: its log 'out/logs/hush.log' is empty" stderr.txt || fail "empty log not mentioned"
exit 0
