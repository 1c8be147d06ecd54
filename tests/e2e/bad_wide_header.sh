#!/usr/bin/env bash
# bad_wide_header - a header of 100,000 columns (about 700 KB on its first
# line), made here rather than kept in fixtures/. With the survey columns
# among the first or at the end of the line (past the first 64 KB that
# recognition reads, so it reads on until the header row ends), extract
# recognises the source and reads the row. A header row longer than 16 MB
# stops with a data error naming the file. In bounded time, never a crash.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir bad_wide_header

# wide FILE FIRST: 100,000 columns, Response ID, Score and Created At at
# FIRST, FIRST+1 and FIRST+2, one data row.
wide() {
	awk -v first="$2" 'function cell(i, header) {
			if (i == first) return header ? "Response ID" : "58113001"
			if (i == first + 1) return header ? "Score" : "9"
			if (i == first + 2) return header ? "Created At" : "2026-01-13 17:41:05"
			return header ? "Column " i : ""
		}
		BEGIN {
			for (row = 1; row >= 0; row--) {
				for (i = 0; i < 100000; i++)
					printf "%s%s", (i ? "," : ""), cell(i, row)
				printf "\n"
			}
		}' >"$1"
}

# NAME FIRST: the survey columns at FIRST of a wide file NAME.csv; extract
# reads its row into NAME/responses.csv.
for at in early:3 late:99997; do
	name=${at%%:*}
	wide "$dir/$name.csv" "${at#*:}"
	timeout 60 "$root/bin/extract" --in "$dir/$name.csv" --out "$dir/$name" 2>"$dir/stderr"
	rc=$?
	[ "$rc" -eq 0 ] || { cat "$dir/stderr" >&2; fail "$name: extract exited $rc"; }
	grep -q '^,nps,9,10,,2026-01-13T17:41:05Z,58113001,delighted_nps,' "$dir/$name/responses.csv" ||
		fail "$name: the row was not read: $(cat "$dir/$name/responses.csv")"
done

# One header name of 17 MB.
{
	printf 'Response ID,Score,Created At,'
	head -c 17825792 /dev/zero | tr '\0' a
	printf '\n58113001,9,2026-01-13 17:41:05,x\n'
} >"$dir/long.csv"
timeout 60 "$root/bin/extract" --in "$dir/long.csv" --out "$dir/long" 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 1 ] || { cat "$dir/stderr" >&2; fail "long: extract exited $rc, expected 1"; }
grep -q "^extract: $dir/long.csv:1: the header row is longer than 16 MB" "$dir/stderr" ||
	fail "long: $(cut -c1-200 "$dir/stderr")"
[ ! -e "$dir/long/responses.csv" ] || fail "long: responses.csv written"
exit 0
