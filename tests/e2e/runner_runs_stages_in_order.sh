#!/usr/bin/env bash
# runner_runs_stages_in_order - three fake stages run in file order, each
# stage's stdout and stderr land in ${out}/logs/<stage>.log, and the closing
# table on stderr lists every stage as ran (rows unknown: these stages write
# no manifest). --force runs them all again; -v says what runs and why.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_order

mkdir data
stage_program step <<'SH'
#!/bin/sh
# step NAME INPUT OUTPUT: notes its turn, needs its input, makes its output.
[ -f "$2" ] || { echo "step $1: missing input '$2'" >&2; exit 1; }
echo "$1" >>order.txt
echo "stdout from $1"
echo "stderr from $1" >&2
echo "$1" >"$3"
SH
echo raw >data/raw.txt
# three stages, each reading what the one before it wrote
chain_pipeline step data/raw.txt one:one.txt two:two.txt three:three.txt >three.pipeline
mkdir out

"$engage" run three.pipeline >stdout.txt 2>stderr.txt
rc=$?
[ "$rc" -eq 0 ] || { cat stderr.txt >&2; fail "exit code $rc, expected 0"; }
[ "$(printf 'one\ntwo\nthree\n')" = "$(cat order.txt)" ] || fail "stages ran as: $(cat order.txt)"
for s in one two three; do
	log="out/logs/$s.log"
	[ -f "$log" ] || fail "no log $log"
	grep -qx "stdout from $s" "$log" || fail "$log lacks the stage's stdout"
	grep -qx "stderr from $s" "$log" || fail "$log lacks the stage's stderr"
	[ -f "out/$s.txt" ] || fail "no output out/$s.txt"
	grep -Eq "^$s +ran +- +- +[0-9]+\.[0-9]{2}\$" stderr.txt || fail "table has no 'ran' row for $s"
done
grep -Eq '^stage +status +rows in +rows out +seconds$' stderr.txt || fail "no table header on stderr"
[ ! -s stdout.txt ] || fail "stdout not empty: $(cat stdout.txt)"

# A second, forced run truncates the logs instead of appending.
"$engage" run three.pipeline --force 2>/dev/null || fail "second run failed"
[ "$(grep -c 'stderr from one' out/logs/one.log)" -eq 1 ] || fail "log appended, not rewritten"
[ "$(printf 'one\ntwo\nthree\none\ntwo\nthree\n')" = "$(cat order.txt)" ] ||
	fail "--force did not run every stage: $(cat order.txt)"

# -v says when each stage starts, why, with its command, and why the others
# are skipped; a skipped stage keeps the log of its last run.
"$engage" run three.pipeline -v --only two 2>stderr.txt || fail "-v run failed"
grep -qxF "engage: running stage 'two' (forced by --only two): bin/step two out/one.txt out/two.txt" \
	stderr.txt || fail "-v did not name the stage, the reason and its command"
grep -qxF "engage: skipping stage 'one': not selected by --only two" stderr.txt ||
	fail "-v did not say why one is skipped"
"$engage" run three.pipeline -v 2>stderr.txt || fail "-v run failed"
grep -qxF "engage: skipping stage 'three': up to date" stderr.txt || fail "-v: three not up to date"
grep -qx "stdout from three" out/logs/three.log || fail "a skipped stage's log was emptied"
exit 0
