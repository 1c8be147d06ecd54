#!/usr/bin/env bash
# runner_writes_no_symlink_and_leaves_no_temporary - what engage writes under
# the out folder never follows a symlink: a link planted at
# out/logs/extract.log (to a file outside) is replaced by the log, its
# target untouched; and a segment list a killed render left half written
# (segments/NAME.csv.tmp.XXXXXX) does not survive the next good run.
set -u
root=$ENGAGE_ROOT
engage="$root/bin/engage"
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir runner_nofollow
cd "$root" || exit 1
out="$dir/x"

echo "precious" >"$dir/victim.txt"
mkdir -p "$out/logs" "$out/segments"
ln -s "$dir/victim.txt" "$out/logs/extract.log"
# What a render killed while writing its lists leaves behind.
echo "half a list" >"$out/segments/champions.csv.tmp.Ab12Cd"
echo "half a list" >"$out/segments/lost.csv.tmp.zz99QQ"

"$engage" run pipelines/demo.pipeline out="$out" month=2026-03 2>"$dir/stderr.txt" ||
	{ cat "$dir/stderr.txt" >&2; fail "the run failed"; }
[ "$(cat "$dir/victim.txt")" = precious ] || fail "the symlink's target was written"
[ -f "$out/logs/extract.log" ] && [ ! -L "$out/logs/extract.log" ] ||
	fail "logs/extract.log is not a regular file"
[ -f "$out/segments/champions.csv" ] || fail "render wrote no segment list"
left=$(find "$out" -name '*.tmp.*')
[ -z "$left" ] || fail "temporary files survived the good run: $left"
exit 0
