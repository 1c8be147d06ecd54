#!/usr/bin/env bash
# runner_live_line_on_a_terminal - on a terminal (made here with script(1)),
# engage run shows "running STAGE (N s)" while a stage runs, redrawn as the
# seconds pass, redrawn when the next stage starts, and cleared before the
# closing table; with stderr in a file, or with -v, there is no such line.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_live
command -v script >/dev/null || fail "script(1) (Debian's bsdutils) is missing"

printf '#!/bin/sh\nsleep 1.5\necho x >out/a.txt\n' | stage_program slow
printf '#!/bin/sh\nsleep 0.3\necho y >out/b.txt\n' | stage_program quick
printf 'var out = out\nstage slow\n  run bin/slow\n  out ${out}/a.txt\n' >p.pipeline
printf 'stage quick\n  run bin/quick\n  in ${out}/a.txt\n  out ${out}/b.txt\n' >>p.pipeline

script -qec "'$engage' run p.pipeline --force" /dev/null >tty.txt || fail "the run failed: $(cat tty.txt)"
grep -q $'\r''running slow (0 s)'$'\e''\[K' tty.txt || fail "no live line: $(cat -A tty.txt)"
grep -q $'\r''running slow (1 s)'$'\e''\[K' tty.txt || fail "the line was not redrawn: $(cat -A tty.txt)"
grep -q $'\r''running quick (0 s)'$'\e''\[K' tty.txt || fail "the next stage is not shown: $(cat -A tty.txt)"
grep -q $'\r'$'\e''\[Kstage  status' tty.txt || fail "not cleared before the table: $(cat -A tty.txt)"

"$engage" run p.pipeline --force 2>file.txt || fail "the run failed: $(cat file.txt)"
! grep -q 'running slow' file.txt || fail "a live line in a file: $(cat file.txt)"
script -qec "'$engage' run -v p.pipeline --force" /dev/null >verbose.txt || fail "the -v run failed"
! grep -q 'running slow (' verbose.txt || fail "a live line with -v: $(cat -A verbose.txt)"
exit 0
