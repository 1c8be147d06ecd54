#!/usr/bin/env bash
# fault_write_error - a write that fails half way (the disk is full, or the
# file grows past what the system allows) makes a stage exit 3 with a
# message naming the file, and leaves the previous outputs exactly as they
# were, with no partial or temporary file beside them.
#
# Each stage of the demo pipeline is rerun over its own previous outputs
# with a file size limit of 1 KB (ulimit -f, SIGXFSZ ignored, so a write
# past it fails with EFBIG: an injected failure that needs no privilege).
# Then, where this runs as root and may mount, extract writes into a 64 KB
# tmpfs that fills up (ENOSPC).
#
# A stage writes and syncs all its outputs before it renames any into
# place, so a failure on a late output leaves even the early ones untouched:
# the snapshots compare each file's inode as well as its bytes, since a
# rerun over its own outputs would rename in files of the same content.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir fault_write_error
cd "$root" || exit 1

. "$root/tests/faults/snapshot.sh"

"$root/bin/engage" run pipelines/demo.pipeline out="$dir/demo" 2>"$dir/run.err" ||
	{ cat "$dir/run.err" >&2; fail "the demo pipeline failed"; }
snapshot "$dir/demo" >"$dir/before"
"$root/bin/engage" run pipelines/demo.pipeline out="$dir/demo" -n --force 2>&1 |
	grep -v '^#' >"$dir/commands"
[ "$(wc -l <"$dir/commands")" -eq 5 ] || fail "expected 5 stage commands: $(cat "$dir/commands")"

while IFS= read -r line; do
	eval "cmd=($line)"
	stage=$(basename "${cmd[0]}")
	(
		trap '' XFSZ
		ulimit -f 1
		exec "${cmd[@]}"
	) >"$dir/$stage.out" 2>"$dir/$stage.err" </dev/null
	rc=$?
	[ "$rc" -eq 3 ] || { cat "$dir/$stage.err" >&2; fail "$stage: exit $rc, expected 3"; }
	grep -Eq "^$stage: .*unable to write [a-z ]*'$dir/demo/[^']*': File too large" \
		"$dir/$stage.err" ||
		fail "$stage: no message naming the file: $(cat "$dir/$stage.err")"
	snapshot "$dir/demo" >"$dir/after"
	cmp -s "$dir/before" "$dir/after" ||
		fail "$stage: previous outputs changed: $(diff "$dir/before" "$dir/after")"
	left=$(find "$dir/demo" -name '*.tmp.*')
	[ -z "$left" ] || fail "$stage: temporary files left: $left"
done <"$dir/commands"

# A full file system, where one can be mounted.
if [ "$(id -u)" -eq 0 ] && mkdir "$dir/small" &&
	mount -t tmpfs -o size=64k tmpfs "$dir/small" 2>/dev/null; then
	mnt=$dir/small
	"$root/bin/extract" --in fixtures/generic/transactions.csv --out "$mnt/out" 2>"$dir/small.err" ||
		{ cat "$dir/small.err" >&2; fail "tmpfs: the small extract failed"; }
	snapshot "$mnt/out" >"$dir/before"
	# About 300 KB of output: more than the file system holds.
	{
		head -n 1 fixtures/generic/transactions.csv
		for i in $(seq 1 2000); do
			echo "$((200000 + i)),85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2011-01-04 10:00:00,2.55,17850,United Kingdom"
		done
	} >"$dir/big.csv"
	"$root/bin/extract" --in "$dir/big.csv" --out "$mnt/out" 2>"$dir/full.err"
	rc=$?
	[ "$rc" -eq 3 ] || { cat "$dir/full.err" >&2; fail "tmpfs: exit $rc, expected 3"; }
	grep -q "^extract: .*unable to write '$mnt/out/.*': No space left on device" "$dir/full.err" ||
		fail "tmpfs: no message naming the file: $(cat "$dir/full.err")"
	snapshot "$mnt/out" >"$dir/after"
	cmp -s "$dir/before" "$dir/after" || fail "tmpfs: previous outputs changed"
	left=$(find "$mnt" -name '*.tmp.*')
	[ -z "$left" ] || fail "tmpfs: temporary files left: $left"
else
	echo "note: no tmpfs mounted (not root, or mounting is not allowed): the ENOSPC part was skipped"
fi
exit 0
