# scratch.sh - sourced by the end-to-end scripts that work in a folder of
# their own; sets $engage to the runner (bin/engage).
#
# scratch_dir NAME
#     makes a new folder ${TMPDIR:-/tmp}/NAME.XXXXXX, sets $dir to it and
#     removes it when the script exits (a script that must do more on exit
#     sets its own trap after this call).
# scratch_enter NAME
#     the same, then changes into $dir.
# fail MESSAGE...
#     prints "FAIL: MESSAGE" on stderr and exits 1.
# stage_program NAME
#     writes standard input to bin/NAME (making bin/ when missing) and makes
#     it executable: a fake stage for a pipeline.
engage="$ENGAGE_ROOT/bin/engage"

scratch_dir() {
	dir=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 1
	trap 'rm -rf "$dir"' EXIT
}

scratch_enter() {
	scratch_dir "$1"
	cd "$dir" || exit 1
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

stage_program() {
	mkdir -p bin && cat >"bin/$1" && chmod +x "bin/$1"
}
