#!/usr/bin/env bash
# runner_finds_stages_beside_itself - a bare command name in `run` is the
# program of that name in the folder holding the running engage (so
# `extract` means bin/extract), whatever the working folder; -n shows it
# relative to the working folder. A name missing there is a pipeline error.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_bare
dir=$(pwd -P)
cd "$dir" || exit 1

mkdir tools work
cp "$ENGAGE_ROOT/bin/engage" tools/engage || fail "cannot copy engage"
printf '#!/bin/sh\necho "extract $*" >"$2"\n' >tools/extract
chmod +x tools/extract
cat >work/bare.pipeline <<'PIPE'
var out = out
stage extract
  run extract --out ${out}/x.txt
  out ${out}/x.txt
PIPE

cd work || exit 1
"$dir/tools/engage" run bare.pipeline -n >stdout.txt 2>stderr.txt ||
	{ cat stderr.txt >&2; fail "-n failed"; }
[ "$(grep -v '^#' stdout.txt)" = "$dir/tools/extract --out out/x.txt" ] ||
	fail "-n printed: $(cat stdout.txt)"
"$dir/tools/engage" run bare.pipeline 2>stderr.txt || { cat stderr.txt >&2; fail "run failed"; }
[ "$(cat out/x.txt)" = "extract --out out/x.txt" ] || fail "stage got: $(cat out/x.txt)"

cd "$dir" || exit 1
"$dir/tools/engage" run work/bare.pipeline -n >stdout.txt 2>stderr.txt || fail "-n from above failed"
[ "$(grep -v '^#' stdout.txt)" = "tools/extract --out out/x.txt" ] || fail "-n printed: $(cat stdout.txt)"

printf 'var out = out\nstage c\n  run clean --in x\n' >work/missing.pipeline
"$dir/tools/engage" run work/missing.pipeline 2>stderr.txt
rc=$?
[ "$rc" -eq 2 ] || fail "missing stage program: exit $rc, expected 2"
grep -qF "engage: work/missing.pipeline:3: executable 'clean' does not exist in '$dir/tools'" \
	stderr.txt || { cat stderr.txt >&2; fail "missing program not reported"; }
exit 0
