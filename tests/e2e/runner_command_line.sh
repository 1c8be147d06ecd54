#!/usr/bin/env bash
# runner_command_line - engage's own arguments and the errors found before
# anything runs: --help and --version on stdout with exit 0; unknown
# options, commands and variables, a bad pipeline file or one without `out`
# give exit 2 with a message naming the file and line; so do unknown stage
# names for --only, --from and --until (listing the stages), a bad -j and
# options given to status; a missing pipeline file gives exit 3. None of
# them runs a stage. `engage status` prints one line per stage.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_cli

# expect CODE STDERR_PART ARG...: runs engage, checks its exit code and that
# stderr holds STDERR_PART (skipped when empty); a crash always fails.
expect() {
	local want=$1 part=$2 rc
	shift 2
	"$engage" "$@" >out.txt 2>err.txt
	rc=$?
	[ "$rc" -lt 128 ] || fail "engage $* crashed (exit $rc)"
	[ "$rc" -eq "$want" ] || { cat err.txt >&2; fail "engage $*: exit $rc, expected $want"; }
	[ -z "$part" ] || grep -qF -- "$part" err.txt ||
		{ cat err.txt >&2; fail "engage $*: stderr lacks: $part"; }
}

printf '#!/bin/sh\necho ran >>ran.txt\n' | stage_program mark
cat >good.pipeline <<'PIPE'
var out   = out
var month = 2026-03
stage s
  run bin/mark ${month}
PIPE

expect 0 "" --help
grep -q '^usage: engage run FILE' out.txt || fail "--help: no usage on stdout"
[ ! -s err.txt ] || fail "--help wrote to stderr"
expect 0 "" run --help
grep -q '^usage: engage run FILE' out.txt || fail "run --help: no usage on stdout"
expect 0 "" --version
[ "$(cat out.txt)" = "engage 0.1.0" ] || fail "--version printed: $(cat out.txt)"

expect 2 "engage: unknown option '--frobnicate'" --frobnicate
grep -qF "try 'engage --help'" err.txt || fail "no pointer to --help"
[ ! -s out.txt ] || fail "usage error wrote to stdout"
expect 2 "engage: unknown option '-x'" run good.pipeline -x
expect 2 "engage: good.pipeline: --only: no stage 'nope'; the stages are s" \
	run good.pipeline --only nope
expect 2 "engage: good.pipeline: --from: no stage 'x'; the stages are s" run good.pipeline --from=x
expect 2 "engage: good.pipeline: --until: no stage 'x'" run good.pipeline -n --until x
expect 2 "engage: --only needs a stage name" run good.pipeline --only
expect 2 "engage: --only given twice" run good.pipeline --only s --only s
expect 2 "--only runs one stage; it cannot be combined with --from or --until" \
	run good.pipeline --only s --from s
expect 2 "engage: -j wants a number of stages from 1 to 64, not '0'" run good.pipeline -j 0
expect 2 "engage: -j wants a number of stages from 1 to 64, not 'x'" run good.pipeline -jx
expect 2 "engage: -j wants a number of stages from 1 to 64, not '65'" run good.pipeline --jobs=65
expect 2 "engage: -j needs a number" run good.pipeline -j
expect 2 "engage: unknown option '--force' for status" status good.pipeline --force
expect 2 "engage: missing the pipeline file" status
expect 2 "engage: good.pipeline: no variable 'mnth' to set" status good.pipeline mnth=1
expect 2 "engage: unknown command 'walk'" walk good.pipeline
expect 2 "engage: missing a command" 
expect 2 "engage: missing the pipeline file" run -n
expect 2 "engage: expected NAME=VALUE, not 'other.pipeline'" run good.pipeline other.pipeline
expect 2 "engage: good.pipeline: no variable 'mnth' to set; the file defines out, month" \
	run good.pipeline mnth=2026-10
expect 3 "engage: unable to open 'missing.pipeline'" run missing.pipeline

printf 'var out = out\nstage s\n  run bin/mark\n  rn bin/mark\n' >typo.pipeline
expect 2 "engage: typo.pipeline:4: unknown key 'rn'" run typo.pipeline
printf 'var out = out\nstage s\n  run bin/mark ${mnth}\n' >undef.pipeline
expect 2 "engage: undef.pipeline:3: undefined variable 'mnth'" run undef.pipeline
printf 'var out = out\nstage s\n  run bin/nothere\n' >noexe.pipeline
expect 2 "engage: noexe.pipeline:3: executable 'bin/nothere' does not exist" run noexe.pipeline -n
printf 'var dest = out\nstage s\n  run bin/mark\n' >noout.pipeline
expect 2 "engage: noout.pipeline: no variable 'out'" run noout.pipeline
expect 2 "engage: noout.pipeline: no variable 'out'" run noout.pipeline -n
expect 2 "variable 'out' is empty" run good.pipeline out=
[ ! -e ran.txt ] || fail "a stage ran despite an error"

# name=value overrides may come before or after the options.
expect 0 "" run good.pipeline -n month=2026-10
grep -qx 'bin/mark 2026-10' out.txt || fail "override not applied: $(cat out.txt)"
expect 0 "" run -nv good.pipeline month=2026-11
grep -qx 'bin/mark 2026-11' out.txt || fail "-nv: $(cat out.txt)"
expect 0 "" run good.pipeline month=2026-10 --dry-run -- 
expect 0 "" run good.pipeline -j 2
[ "$(cat ran.txt)" = "ran" ] || fail "the stage did not run once"
expect 0 "" status good.pipeline
[ "$(cat out.txt)" = "s  up to date" ] || fail "status printed: $(cat out.txt)"
expect 0 "" status good.pipeline month=2026-10
[ "$(cat out.txt)" = "s  out of date: command changed: 2026-03 -> 2026-10" ] ||
	fail "status printed: $(cat out.txt)"
expect 0 "" status --help
grep -q '^usage: engage run FILE' out.txt || fail "status --help: no usage on stdout"
[ "$(cat ran.txt)" = "ran" ] || fail "status or --help ran the stage"
exit 0
