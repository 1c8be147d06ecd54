#!/usr/bin/env bash
# fault_unwritable_output - an output folder that cannot be written is a
# clear error (exit 3, naming the folder) before any work starts: each
# stage is given inputs it would fail on, and the message is about the
# folder, not the inputs. Two ways a folder cannot be written that hold
# even for root: a path under a regular file, and (where this may mount) a
# read-only file system, both for a folder to create and one that exists.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir fault_unwritable
cd "$root" || exit 1

# expect WANT CMD...: runs CMD, which must exit 3 with WANT (a fixed string)
# on stderr.
expect() {
	local want=$1 rc
	shift
	"$@" >"$dir/out.txt" 2>"$dir/err.txt" </dev/null
	rc=$?
	[ "$rc" -eq 3 ] || { cat "$dir/err.txt" >&2; fail "$1: exit $rc, expected 3"; }
	grep -qF -- "$want" "$dir/err.txt" ||
		fail "$(basename "$1"): stderr lacks \"$want\": $(cat "$dir/err.txt")"
}

# each_stage_refuses OUT MESSAGE: every stage, given OUT as its output
# folder, exits 3 with "STAGE: OUT: MESSAGE".
each_stage_refuses() {
	local out=$1 message=$2 stage
	expect "extract: $out: $message" bin/extract --in fixtures/bad/binary_garbage.csv --out "$out"
	for stage in clean join compute; do
		expect "$stage: $out: $message" "bin/$stage" --in fixtures/bad --out "$out"
	done
	expect "render: $out: $message" bin/render --in fixtures/bad --out "$out/report.xlsx" --month 2026-03
}

touch "$dir/file"
under="$dir/file/out"
nodir="Not a directory"
each_stage_refuses "$under" "unable to create folder '$under': $nodir"
expect "engage: unable to open '$under/.engage-state': $nodir" \
	bin/engage run pipelines/demo.pipeline out="$under"
[ -f "$dir/file" ] && [ ! -s "$dir/file" ] || fail "the regular file changed"

if [ "$(id -u)" -eq 0 ] && mkdir "$dir/ro" &&
	mount -t tmpfs -o size=64k tmpfs "$dir/ro" 2>/dev/null; then
	mnt=$dir/ro
	mkdir "$mnt/exists"
	mount -o remount,ro "$mnt" || fail "cannot remount read-only"
	expect "extract: $mnt/new: unable to create folder '$mnt/new': Read-only file system" \
		bin/extract --in fixtures/bad/binary_garbage.csv --out "$mnt/new"
	each_stage_refuses "$mnt/exists" "unable to write in '$mnt/exists': Read-only file system"
else
	echo "note: no read-only mount (not root, or mounting is not allowed): that part was skipped"
fi
exit 0
