#!/usr/bin/env bash
# runner_second_run_skips_everything - after a successful run, a second run
# starts no stage: the table lists every stage as skipped, logs and outputs
# stay as they were. A `touch` of every file, or a fresh copy of the inputs
# with new times (as a fresh checkout gives), reruns nothing either: the
# content hashes are the same. The state file then holds the new times, so
# the next check takes the fast path.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_skip
# Every path under out/ with its size and mtime (the state file left out).
# The state file and the lock file are engage's own: every run writes them.
listing() { find out \( -path out/.engage-state -o -path out/.engage-lock \) -prune -o -printf '%p %s %T@\n' | sort; }

mkdir data
copy_stage copy
echo raw >data/raw.txt
chain_pipeline copy data/raw.txt first:first.txt second:second.txt >two.pipeline

"$engage" run two.pipeline 2>stderr.txt || { cat stderr.txt >&2; fail "first run failed"; }
[ "$(printf 'first\nsecond\n')" = "$(cat ran.txt)" ] || fail "first run ran: $(cat ran.txt)"
[ -f out/.engage-state ] || fail "no state file out/.engage-state"
head -n 3 out/.engage-state | grep -qx 'engage-state 1' || fail "state file has no version line"
grep -qx 'run bin/copy first data/raw.txt out/first.txt' out/.engage-state ||
	fail "state file lacks the command of first"
grep -Eq '^in 4 [0-9]+ [0-9a-f]{32} data/raw.txt$' out/.engage-state ||
	fail "state file lacks the input of first"

before=$(listing)
"$engage" run two.pipeline >stdout.txt 2>stderr.txt || { cat stderr.txt >&2; fail "second run failed"; }
[ "$(printf 'first\nsecond\n')" = "$(cat ran.txt)" ] || fail "second run ran a stage: $(cat ran.txt)"
grep -Eq '^first +skipped +- +- +-$' stderr.txt || fail "table: first not skipped"
grep -Eq '^second +skipped +- +- +-$' stderr.txt || fail "table: second not skipped"
[ "$before" = "$(listing)" ] || fail "a run of up-to-date stages changed out/"
[ ! -s stdout.txt ] || fail "stdout not empty"

# touch changes times, not content: nothing reruns.
sleep 0.01
touch data/raw.txt out/first.txt out/second.txt
"$engage" run two.pipeline 2>stderr.txt || { cat stderr.txt >&2; fail "run after touch failed"; }
[ "$(printf 'first\nsecond\n')" = "$(cat ran.txt)" ] || fail "touch made a stage run: $(cat ran.txt)"
# ... and the state file took the new times (the fast path for next time).
want=$(stat -c '%.9Y' data/raw.txt | tr -d .)
want=$((10#$want))
grep -Eq "^in 4 $want [0-9a-f]{32} data/raw.txt\$" out/.engage-state ||
	fail "state file did not take the new time $want: $(grep '^in' out/.engage-state)"

# A fresh copy (new inode, new time, same bytes), as a fresh checkout gives.
cp data/raw.txt data/raw.new && mv data/raw.new data/raw.txt
"$engage" status two.pipeline >status.txt || fail "status failed"
[ "$(cat status.txt)" = "first   up to date
second  up to date" ] || fail "status after a fresh copy: $(cat status.txt)"
"$engage" run two.pipeline 2>stderr.txt || fail "run after a fresh copy failed"
[ "$(printf 'first\nsecond\n')" = "$(cat ran.txt)" ] || fail "a fresh copy made a stage run"

# Deleting the state file makes every stage run again.
rm out/.engage-state
"$engage" status two.pipeline >status.txt || fail "status failed"
grep -qx 'first   out of date: never ran' status.txt || fail "status without state: $(cat status.txt)"
"$engage" run two.pipeline 2>/dev/null || fail "run without state failed"
[ "$(printf 'first\nsecond\nfirst\nsecond\n')" = "$(cat ran.txt)" ] || fail "ran: $(cat ran.txt)"

# A damaged state file is ignored with a warning, and rewritten.
echo 'not a state file' >out/.engage-state
"$engage" run two.pipeline 2>stderr.txt || fail "run with a damaged state file failed"
grep -qF "engage: warning: ignoring the state file: out/.engage-state:1: not an engage state file" \
	stderr.txt || { cat stderr.txt >&2; fail "no warning about the damaged state file"; }
grep -qx 'engage-state 1' out/.engage-state || fail "damaged state file not rewritten"
exit 0
