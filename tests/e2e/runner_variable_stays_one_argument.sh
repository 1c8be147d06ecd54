#!/usr/bin/env bash
# runner_variable_stays_one_argument - a variable whose value is
# `x; rm -rf ~` (or holds spaces) reaches the stage as one single argument,
# from the file or from the command line; no shell ever sees it. HOME points
# at a sandbox holding a canary, in case.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_onearg

export HOME="$dir/home"
mkdir -p bin out "$HOME"
echo alive >"$HOME/canary"
stage_program args <<'SH'
#!/bin/sh
# args FILE WORD...: writes the word count, then each word in brackets.
f=$1
shift
{ echo "$#"; for w in "$@"; do printf '[%s]\n' "$w"; done; } >"$f"
SH
cat >evil.pipeline <<'PIPE'
var out    = out
var evil   = x; rm -rf ~
var spaced = a  b
var marker = $(touch pwned) `touch pwned2`
stage s
  run bin/args ${out}/args.txt ${evil} ${spaced} --v=${evil} ${marker}
  out ${out}/args.txt
PIPE

"$engage" run evil.pipeline 2>stderr.txt
rc=$?
[ "$rc" -eq 0 ] || { cat stderr.txt >&2; fail "exit code $rc, expected 0"; }
expected='4
[x; rm -rf ~]
[a  b]
[--v=x; rm -rf ~]
[$(touch pwned) `touch pwned2`]'
[ "$(cat out/args.txt)" = "$expected" ] || {
	printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$(cat out/args.txt)" >&2
	fail "words were split or changed"
}
[ -f "$HOME/canary" ] || fail "the canary is gone"
[ ! -e pwned ] && [ ! -e pwned2 ] && [ ! -e out/pwned ] || fail "a shell ran the value"

# The same from the command line.
"$engage" run evil.pipeline 'evil=y; touch pwned3' 'spaced=${evil}' 2>stderr.txt ||
	{ cat stderr.txt >&2; fail "run with overrides failed"; }
expected='4
[y; touch pwned3]
[${evil}]
[--v=y; touch pwned3]
[$(touch pwned) `touch pwned2`]'
[ "$(cat out/args.txt)" = "$expected" ] || {
	printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$(cat out/args.txt)" >&2
	fail "override was split or expanded"
}
[ ! -e pwned3 ] && [ ! -e out/pwned3 ] || fail "a shell ran the override"
[ -f "$HOME/canary" ] || fail "the canary is gone"
exit 0
