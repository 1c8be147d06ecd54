#!/usr/bin/env bash
# runner_dry_run_touches_nothing - `engage run -n` prints, for each stage,
# whether it would run and why, then its command, shell-quoted only where
# needed (commented out when the stage would not run), and creates, writes
# or deletes nothing, the state file included: the folder listing is the
# same before and after. Each printed command, pasted into a shell, gives
# the stage the same arguments a real run would.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir runner_dry
mkdir "$dir/p" && cd "$dir/p" || exit 1
# Every path under the project folder with its type, size, mode and mtime.
listing() { find . -printf '%p %y %s %m %T@\n' | sort; }

mkdir data out
stage_program args <<'SH'
#!/bin/sh
# args FILE WORD...: writes each word on its own line, in brackets, to FILE.
f=$1
shift
for w in "$@"; do printf '[%s]\n' "$w"; done >"$f"
SH
echo raw >data/raw.txt
echo old >out/keep.txt
cat >dry.pipeline <<'PIPE'
var out   = out
var title = it's a "test"
var month = 2026-03
stage plain
  run bin/args ${out}/plain.args --in data/raw.txt --month ${month}
  in  data/raw.txt
  out ${out}/plain.args
stage fancy
  run bin/args ${out}/fancy.args "${title}" "" ~ $HOME a*b --x=1,2
  in  ${out}/plain.args
  out ${out}/fancy.args
PIPE

before=$(listing)
"$engage" run dry.pipeline -n >"$dir/stdout.txt" 2>"$dir/stderr.txt"
rc=$?
[ "$rc" -eq 0 ] || { cat "$dir/stderr.txt" >&2; fail "exit code $rc, expected 0"; }
[ ! -s "$dir/stderr.txt" ] || fail "-n wrote to stderr: $(cat "$dir/stderr.txt")"
printed=$(cat "$dir/stdout.txt")
after=$(listing)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2; fail "-n changed the disk"; }

expected="# stage plain will run: never ran
bin/args out/plain.args --in data/raw.txt --month 2026-03
# stage fancy will run: upstream stage 'plain' will run
bin/args out/fancy.args 'it'\\''s a \"test\"' '' '~' '\$HOME' 'a*b' --x=1,2"
[ "$printed" = "$expected" ] || {
	printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$printed" >&2
	fail "-n printed other commands"
}

# Without an out folder, -n still creates nothing (no logs folder either).
rm -r out
"$engage" run dry.pipeline -n month=2026-10 >"$dir/stdout.txt" || fail "-n with an override failed"
[ ! -e out ] || fail "-n created the out folder"
grep -qF -- "--month 2026-10" "$dir/stdout.txt" || fail "override not shown in -n output"

# The printed commands, pasted into a shell, pass the same words as a real run.
mkdir out
"$engage" run dry.pipeline 2>/dev/null || fail "real run failed"
mv out/plain.args real_plain.args
mv out/fancy.args real_fancy.args
while IFS= read -r line; do
	bash -c "$line" || fail "printed command failed: $line"
done <<<"$printed"
cmp -s real_plain.args out/plain.args || fail "pasted 'plain' command differs from the run"
cmp -s real_fancy.args out/fancy.args || {
	diff real_fancy.args out/fancy.args >&2
	fail "pasted 'fancy' command differs from the run"
}
grep -qxF "[it's a \"test\"]" out/fancy.args || fail "quoted value not one word"

# After a real run, -n says each stage is skipped and comments its command
# out, so the printed script, pasted into a shell, does nothing; and it
# still writes nothing, not even the state file's note of a touched input.
"$engage" run dry.pipeline 2>/dev/null || fail "second real run failed"
touch -d '2001-02-03 04:05:06' data/raw.txt
before=$(listing)
"$engage" run dry.pipeline -n >"$dir/stdout.txt" 2>"$dir/stderr.txt" || fail "-n after a run failed"
after=$(listing)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") >&2; fail "-n changed the disk"; }
expected="# stage plain is skipped: up to date
# bin/args out/plain.args --in data/raw.txt --month 2026-03
# stage fancy is skipped: up to date
# bin/args out/fancy.args 'it'\\''s a \"test\"' '' '~' '\$HOME' 'a*b' --x=1,2"
[ "$(cat "$dir/stdout.txt")" = "$expected" ] || {
	printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$(cat "$dir/stdout.txt")" >&2
	fail "-n after a run printed other lines"
}

# With a changed parameter, -n names the change and the stage it carries to.
"$engage" run dry.pipeline -n month=2026-04 >"$dir/stdout.txt" || fail "-n month=2026-04 failed"
grep -qxF "# stage plain will run: command changed: --month 2026-03 -> 2026-04" "$dir/stdout.txt" ||
	fail "-n did not name the changed parameter: $(cat "$dir/stdout.txt")"
grep -qxF "# stage fancy will run: upstream stage 'plain' will run" "$dir/stdout.txt" ||
	fail "-n did not say why fancy runs"
after=$(listing)
[ "$before" = "$after" ] || fail "-n with an override changed the disk"
exit 0
