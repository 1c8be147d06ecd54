#!/usr/bin/env bash
# runner_one_run_per_folder - two runs on one out folder never mix: while a
# run holds the folder's lock, a second run started beside it stops at once
# with exit 3, naming the run in progress, and runs nothing; `engage status`
# calls no stage up to date while the run is in progress; once it has ended
# the folder is free again and every stage is up to date. A stage of the
# first run waits for a go file, so the overlap does not depend on timing.
# The state file is written when the run ends, not after each stage: the
# second stage sees none yet on a first run.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir runner_lock
trap 'touch "$dir/go"; rm -rf "$dir"' EXIT
cd "$dir" || exit 1

stage_program first <<'SH'
#!/bin/sh
echo "$MONTH" >>ran.txt
touch started
i=0
while [ ! -e go ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
echo "$MONTH" >"$1"
SH
stage_program second <<'SH'
#!/bin/sh
[ -e "$2/.engage-state" ] && echo "state written before the run ended" >>problems.txt
cp "$1" "$3"
SH
cat >lock.pipeline <<'PIPE'
var out = out
var month = 2026-02
stage first
  run /usr/bin/env MONTH=${month} bin/first ${out}/first.txt
  out ${out}/first.txt
stage second
  run bin/second ${out}/first.txt ${out} ${out}/second.txt
  in  ${out}/first.txt
  out ${out}/second.txt
PIPE

"$engage" run lock.pipeline month=2026-02 >/dev/null 2>a.err &
a=$!
i=0
while [ ! -e started ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
[ -e started ] || fail "the first run did not start its stage"

"$engage" run lock.pipeline month=2026-03 >/dev/null 2>b.err
rc=$?
[ "$rc" -eq 3 ] || { cat b.err >&2; fail "second run exited $rc, expected 3"; }
grep -q "engage: 'out' is in use by another run of engage (process $a)" b.err ||
	fail "the refusal does not name the run in progress: $(cat b.err)"
[ "$(cat ran.txt)" = 2026-02 ] || fail "the second run ran a stage: $(cat ran.txt)"

"$engage" status lock.pipeline month=2026-02 >status.txt 2>&1 || fail "status failed"
grep -q 'up to date' status.txt && fail "status during a run: $(cat status.txt)"
[ "$(grep -c "out of date: a run is in progress (process $a)" status.txt)" -eq 2 ] ||
	fail "status during a run: $(cat status.txt)"

touch go
wait "$a" || { cat a.err >&2; fail "the first run failed"; }
[ ! -e problems.txt ] || fail "$(cat problems.txt)"
[ "$(cat out/second.txt)" = 2026-02 ] || fail "second.txt: $(cat out/second.txt)"
"$engage" status lock.pipeline month=2026-02 >status.txt 2>&1 || fail "status failed"
[ "$(grep -c 'up to date' status.txt)" -eq 2 ] || fail "status after the run: $(cat status.txt)"

# Started together: whichever takes the folder first runs, the other is
# refused, or runs after it; never both at once.
rm -f started go ran.txt
"$engage" run lock.pipeline month=2026-04 --force >/dev/null 2>c.err &
c=$!
"$engage" run lock.pipeline month=2026-05 --force >/dev/null 2>d.err &
d=$!
i=0
while [ ! -e started ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
touch go
wait "$c"
rc_c=$?
wait "$d"
rc_d=$?
for rc in $rc_c $rc_d; do
	[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || fail "a run exited $rc"
done
[ $((rc_c + rc_d)) -le 3 ] || fail "both runs were refused"
grep -q 'in use by another run' c.err d.err || [ "$(wc -l <ran.txt)" -eq 2 ] ||
	fail "neither refused nor run one after the other"
# What the folder holds comes from one run: second.txt is first.txt's copy.
cmp -s out/first.txt out/second.txt || fail "outputs of two runs mixed"
exit 0
