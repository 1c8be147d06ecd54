# month_folder.sh - sourced by the end-to-end tests that run
# pipelines/monthly.pipeline on a month folder made of fixtures, as a shop
# would download its exports into raw/<month>/.
#
# month_run NAME MONTH TZ FILE... [-- VAR=VALUE...]
#     copies each fixtures/FILE into $TMPDIR/NAME/raw/MONTH (named with its
#     folder, e.g. stripe_unified_payments.csv), runs the month to
#     $TMPDIR/NAME/out/MONTH with the pipeline variables after -- (key=...,
#     strict=1) and sets $out and $workbook; on a failed run it prints the
#     runner's stderr and returns 1.
# workbook_has CHECK ARG...
#     runs tests/e2e/render_check.py CHECK "$workbook" ARG... (summary,
#     coverage, bridge, counts, term, unread, platform, rows); returns its
#     status.
month_run() {
	local name=$1 month=$2 tz=$3
	shift 3
	local dir="$TMPDIR/$name"
	mkdir -p "$dir/raw/$month" || return 1
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		cp "$ENGAGE_ROOT/fixtures/$1" "$dir/raw/$month/$(echo "$1" | tr / _)" || return 1
		shift
	done
	[ $# -gt 0 ] && shift
	out="$dir/out/$month"
	workbook="$out/report.xlsx"
	"$ENGAGE_ROOT/bin/engage" run "$ENGAGE_ROOT/pipelines/monthly.pipeline" month="$month" \
		raw="$dir/raw/$month" out="$out" tz="$tz" "$@" 2>"$dir/stderr.txt" || {
		cat "$dir/stderr.txt"
		return 1
	}
	[ -s "$workbook" ] || { echo "no workbook at $workbook"; return 1; }
}

workbook_has() {
	local check=$1
	shift
	/usr/bin/python3 "$ENGAGE_ROOT/tests/e2e/render_check.py" "$check" "$workbook" "$@"
}

# month_keyed_hides NAME MONTH TZ PATTERN FILE...
#     runs the month that month_run NAME ran again under a shop key (as
#     NAME_key) and fails, saying what, when PATTERN (grep -E) is left in an
#     output file or inside the workbook, or when the KPIs differ from NAME's;
#     $out and $workbook stay NAME's.
month_keyed_hides() {
	local name=$1 month=$2 tz=$3 pattern=$4 plain_out=$out plain_workbook=$workbook
	shift 4
	local key_out="$TMPDIR/${name}_key/out/$month" xlsx="$TMPDIR/${name}_key/xlsx" rc=0
	printf 'a shop key of thirty-two bytes!!\n' >"$TMPDIR/$name.key" || return 1
	month_run "${name}_key" "$month" "$tz" "$@" -- key="$TMPDIR/$name.key" || rc=1
	out=$plain_out
	workbook=$plain_workbook
	[ $rc = 0 ] || return 1
	if grep -rlE "$pattern" "$key_out" --exclude-dir=logs; then
		echo "personal data left in the files above"
		return 1
	fi
	mkdir -p "$xlsx" && (cd "$xlsx" && unzip -q "$key_out/report.xlsx") || return 1
	if grep -rlE "$pattern" "$xlsx"; then
		echo "personal data left in the workbook"
		return 1
	fi
	cmp "$out/compute/kpis.csv" "$key_out/compute/kpis.csv" || { echo "the KPIs changed"; return 1; }
}
