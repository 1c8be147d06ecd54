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

touch "$dir/file"
under="$dir/file/out"
nodir="Not a directory"
expect "extract: $under: unable to create folder '$under': $nodir" \
	bin/extract --in fixtures/bad/binary_garbage.csv --out "$under"
expect "clean: $under: unable to create folder '$under': $nodir" \
	bin/clean --in fixtures/bad --out "$under"
expect "join: $under: unable to create folder '$under': $nodir" \
	bin/join --in fixtures/bad --out "$under"
expect "compute: $under: unable to create folder '$under': $nodir" \
	bin/compute --in fixtures/bad --out "$under"
expect "render: $under: unable to create folder '$under': $nodir" \
	bin/render --in fixtures/bad --out "$under/report.xlsx" --month 2026-03
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
	expect "extract: $mnt/exists: unable to write in '$mnt/exists': Read-only file system" \
		bin/extract --in fixtures/bad/binary_garbage.csv --out "$mnt/exists"
	expect "clean: $mnt/exists: unable to write in '$mnt/exists': Read-only file system" \
		bin/clean --in fixtures/bad --out "$mnt/exists"
	expect "join: $mnt/exists: unable to write in '$mnt/exists': Read-only file system" \
		bin/join --in fixtures/bad --out "$mnt/exists"
	expect "compute: $mnt/exists: unable to write in '$mnt/exists': Read-only file system" \
		bin/compute --in fixtures/bad --out "$mnt/exists"
	expect "render: $mnt/exists: unable to write in '$mnt/exists': Read-only file system" \
		bin/render --in fixtures/bad --out "$mnt/exists/report.xlsx" --month 2026-03
else
	echo "note: no read-only mount (not root, or mounting is not allowed): that part was skipped"
fi
exit 0
