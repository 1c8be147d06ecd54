#!/usr/bin/env bash
# runner_only_reruns_one_stage - `--only compute` runs compute alone, even
# when it is up to date (naming a stage asks for it), and the stages after
# it stay as they are; --from NAME runs NAME and every stage after it;
# --until NAME runs nothing after NAME; --force runs every selected stage.
# --only on a stage whose input is not there yet is a usage error (exit 2)
# naming the stage that makes it. Unknown names list the stages.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_only

mkdir data
copy_stage step
echo raw >data/raw.csv
chain_pipeline step data/raw.csv extract:extract.csv join:join.csv compute:kpis.csv \
	render:report.txt >chain.pipeline

# Before anything ran, --only compute cannot work: join's output is missing.
"$engage" run chain.pipeline --only compute >stdout.txt 2>stderr.txt
rc=$?
[ "$rc" -eq 2 ] || fail "--only before a run: exit $rc, expected 2"
grep -qF "engage: chain.pipeline:12: stage 'compute' needs 'out/join.csv', which does not exist; stage 'join' makes it but is not selected by --only compute" \
	stderr.txt || { cat stderr.txt >&2; fail "--only before a run: no message"; }
[ ! -e out ] || fail "--only before a run created out/"
# --until join runs the first two only.
runs chain.pipeline "extract join" --until join
grep -Eq '^compute +not run ' stderr.txt || fail "--until: compute not 'not run'"
runs chain.pipeline "compute render"
runs chain.pipeline ""

# --only compute reruns compute alone, though it is up to date.
"$engage" run chain.pipeline --only compute -n >plan.txt || fail "-n --only failed"
grep -qxF "# stage compute will run: forced by --only compute" plan.txt || fail "-n --only: compute"
grep -qxF "# stage render is not run: not selected by --only compute" plan.txt || fail "-n --only: render"
grep -qxF "bin/step compute out/join.csv out/kpis.csv" plan.txt || fail "-n --only: no command"
runs chain.pipeline "compute" --only compute
grep -Eq '^compute +ran ' stderr.txt || fail "table: compute did not run"
for s in extract join render; do
	grep -Eq "^$s +not run " stderr.txt || fail "table: $s not 'not run'"
done
# Its output is the same, so the next plain run has nothing to do.
runs chain.pipeline ""
# A stage --only leaves out stays out of date: after raw.csv changes,
# --only compute runs compute alone, and the next plain run does the rest.
echo "hand edit" >>data/raw.csv
runs chain.pipeline "compute" --only compute
runs chain.pipeline "extract join compute render"

# --from join runs join and everything after it; --from with --until a range.
runs chain.pipeline "join compute render" --from join
runs chain.pipeline "join compute" --from join --until compute
# --until alone does not force: the stages up to it are up to date.
runs chain.pipeline "" --until compute
# --force with --until runs every stage up to it.
runs chain.pipeline "extract join" --force --until join
runs chain.pipeline "extract join compute render" --force

"$engage" run chain.pipeline --only comptue 2>stderr.txt
[ $? -eq 2 ] || fail "unknown --only: exit code"
grep -qF "engage: chain.pipeline: --only: no stage 'comptue'; the stages are extract, join, compute, render" \
	stderr.txt || { cat stderr.txt >&2; fail "unknown --only: no list of stages"; }
"$engage" run chain.pipeline --from render --until join 2>stderr.txt
[ $? -eq 2 ] || fail "--from after --until: exit code"
grep -qF -- "--from stage 'render' comes after --until stage 'join'" stderr.txt ||
	fail "--from after --until: no message"
exit 0
