# monthly_month.bash - sourced by end-to-end scripts that run
# pipelines/monthly.pipeline on a month folder made of fixture files.
#
#   monthly_month NAME MONTH FILE... [-- VAR=VALUE...]
#
# copies each fixture file (a path under fixtures/) into
# $TMPDIR/NAME/raw/MONTH/ under its path with / as _, then runs the month
# into $TMPDIR/NAME/out/MONTH with tz=UTC and the variables after --.
# Prints the run's stderr and returns its status when it fails.
monthly_month() {
	local name=$1 month=$2 f
	local dir="$TMPDIR/$name"
	shift 2
	mkdir -p "$dir/raw/$month" || return 3
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		cp "fixtures/$1" "$dir/raw/$month/$(echo "$1" | tr / _)" || return 3
		shift
	done
	[ $# -gt 0 ] && shift
	bin/engage run pipelines/monthly.pipeline month="$month" raw="$dir/raw/$month" \
		out="$dir/out/$month" tz=UTC "$@" 2>"$dir/stderr.txt" || {
		local rc=$?
		cat "$dir/stderr.txt"
		return $rc
	}
}
