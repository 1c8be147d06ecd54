# scratch.sh - sourced by the end-to-end scripts that work in a folder of
# their own; sets $engage to the runner (bin/engage).
#
# scratch_dir NAME
#     makes a new folder ${TMPDIR:-/tmp}/NAME.XXXXXX, sets $dir to it and
#     removes it when the script exits, unmounting first the file system
#     mounted at $mnt when the script set one (a script that must do more on
#     exit sets its own trap after this call).
# scratch_enter NAME
#     the same, then changes into $dir.
# fail MESSAGE...
#     prints "FAIL: MESSAGE" on stderr and exits 1.
# has_lines FILE LINE...
#     fails unless each LINE is a whole line of FILE, showing the lines of
#     FILE that begin as LINE does (up to its second comma).
# skip_without FILE
#     ends the script with success, saying it is skipped, when FILE (a large
#     data set kept outside the project) is not there.
# online_retail_data
#     changes into the project folder and sets $data to the Online Retail
#     export beside it (../shared/data), or skips the script as skip_without.
# clean_join_compute DIR COMPUTE_ARG...
#     runs clean, join and compute, each into DIR/<stage>, from extract's
#     outputs in DIR/extract (compute with COMPUTE_ARG...); 1 when one fails.
# stage_program NAME
#     writes standard input to bin/NAME (making bin/ when missing) and makes
#     it executable: a fake stage for a pipeline.
# copy_stage NAME
#     makes bin/NAME, a fake stage run as "NAME WHO IN OUT": it notes WHO in
#     ran.txt and copies IN to OUT with "via WHO" added.
# chain_pipeline PROGRAM INPUT STAGE:FILE...
#     prints a pipeline (out = out) of the stages STAGE in turn, each run as
#     "bin/PROGRAM STAGE IN ${out}/FILE" where IN is INPUT for the first and
#     the file of the stage before for the others; four lines a stage, after
#     the line of out.
# runs PIPELINE WANT ARG...
#     runs engage on PIPELINE with ARG... and fails unless it exits 0 and
#     exactly the stages WANT (space-separated) noted their turn in ran.txt,
#     in that order.
# interrupt_run SIG WANT PIPELINE [ARG...]
#     runs engage on PIPELINE with ARG... in the background, sends it SIG
#     once its stage has made out/started, and fails unless engage then
#     exits WANT; engage's stderr is left in stderr.txt.
engage="$ENGAGE_ROOT/bin/engage"

scratch_dir() {
	dir=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 1
	mnt=
	trap scratch_cleanup EXIT
}

scratch_cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	rm -rf "$dir"
}

scratch_enter() {
	scratch_dir "$1"
	cd "$dir" || exit 1
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

has_lines() {
	local file=$1 line
	shift
	for line in "$@"; do
		grep -qxF -- "$line" "$file" ||
			fail "$file lacks '$line': $(grep -F -- "$(echo "$line" | cut -d, -f1-2)," "$file")"
	done
}

skip_without() {
	[ -f "$1" ] && return 0
	echo "skipped: $1 is not here"
	exit 0
}

online_retail_data() {
	cd "$ENGAGE_ROOT" || exit 1
	data=../shared/data/online_retail.csv.xz
	skip_without "$data"
}

clean_join_compute() {
	local dir=$1
	shift
	bin/clean --in "$dir/extract" --out "$dir/clean" &&
		bin/join --in "$dir/clean" --out "$dir/join" &&
		bin/compute --in "$dir/join" --out "$dir/compute" "$@"
}

stage_program() {
	mkdir -p bin && cat >"bin/$1" && chmod +x "bin/$1"
}

copy_stage() {
	stage_program "$1" <<'SH'
#!/bin/sh
echo "$1" >>ran.txt
{ cat "$2"; echo "via $1"; } >"$3"
SH
}

chain_pipeline() {
	local prog=$1 in=$2 stage out
	shift 2
	echo 'var out = out'
	for stage in "$@"; do
		out="\${out}/${stage#*:}"
		printf 'stage %s\n  run bin/%s %s %s %s\n  in  %s\n  out %s\n' \
			"${stage%%:*}" "$prog" "${stage%%:*}" "$in" "$out" "$in" "$out"
		in=$out
	done
}

runs() {
	local pipeline=$1 want=$2 got
	shift 2
	: >ran.txt
	"$engage" run "$pipeline" "$@" >stdout.txt 2>stderr.txt ||
		{ cat stderr.txt >&2; fail "engage run $*: exit $?"; }
	got=$(tr '\n' ' ' <ran.txt | sed 's/ $//')
	[ "$got" = "$want" ] || { cat stderr.txt >&2; fail "engage run $*: ran '$got', expected '$want'"; }
}

interrupt_run() {
	local sig=$1 want=$2 pid rc i
	shift 2
	# A shell starts background jobs with SIGINT ignored, and so does a test
	# suite started in the background; engage keeps an inherited "ignore".
	# env gives it the default handling, whatever started this script.
	env --default-signal=INT "$engage" run "$@" 2>stderr.txt &
	pid=$!
	for i in $(seq 1 100); do
		[ -f out/started ] && break
		sleep 0.1
	done
	[ -f out/started ] || { kill -KILL "$pid"; fail "$sig: the stage never started"; }
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" -eq "$want" ] || { cat stderr.txt >&2; fail "$sig: exit $rc, expected $want"; }
}
