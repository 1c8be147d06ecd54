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

#   monthly_keyed_hides NAME MONTH PATTERN FILE...
#
# runs the month that monthly_month NAME ran again under a shop key (as
# NAME_key) and fails, saying what, when PATTERN (grep -E) is left in an
# output file or inside the workbook, or when the KPIs differ from NAME's.
monthly_keyed_hides() {
	local name=$1 month=$2 pattern=$3
	shift 3
	local out="$TMPDIR/$name/out/$month" key_out="$TMPDIR/${name}_key/out/$month"
	local xlsx="$TMPDIR/${name}_key/xlsx"
	printf 'a shop key of thirty-two bytes!!\n' >"$TMPDIR/$name.key" || return 3
	monthly_month "${name}_key" "$month" "$@" -- key="$TMPDIR/$name.key" || return 1
	if grep -rlE "$pattern" "$key_out" --exclude-dir=logs; then
		echo "personal data left in the files above"
		return 1
	fi
	mkdir -p "$xlsx" && (cd "$xlsx" && unzip -q "$key_out/report.xlsx") || return 3
	if grep -rlE "$pattern" "$xlsx"; then
		echo "personal data left in the workbook"
		return 1
	fi
	cmp "$out/compute/kpis.csv" "$key_out/compute/kpis.csv" || { echo "the KPIs changed"; return 1; }
}
