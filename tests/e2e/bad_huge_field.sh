#!/usr/bin/env bash
# bad_huge_field - a survey export whose comment is a 10 MB quoted field
# (with commas, quotes and newlines in it), made here rather than kept in
# fixtures/: extract reads it in bounded time, keeps the comment whole in
# responses.csv, and reads the row after it as usual.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir bad_huge_field

# 10 MiB of text: lines of 63 characters and a newline, with "" and commas.
line='a comment, with ""quotes"" and commas, repeated to fill ten MB'
{
	echo 'Response ID,Email,Name,Score,Comment,Created At'
	printf '58113001,alice@example.com,Alice Moreau,10,"'
	yes "$line" | head -c $((10 * 1024 * 1024))
	printf '",2026-01-13 17:41:05\n'
	echo '58113002,ben@example.com,Ben Carter,9,Great coffee.,2026-01-14 12:15:22'
} >"$dir/nps.csv"

timeout 60 "$root/bin/extract" --in "$dir/nps.csv" --out "$dir/out" 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 0 ] || { cat "$dir/stderr" >&2; fail "extract exited $rc"; }
# Both rows, the comment byte for byte (its quotes undoubled, trimmed).
python3 - "$dir/out/responses.csv" <<'PY' || fail "the 10 MB comment did not come back whole"
import csv, sys
csv.field_size_limit(1 << 30)
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 2, len(rows)
line = 'a comment, with "quotes" and commas, repeated to fill ten MB\n'
raw = (line.replace('"', '""') * (10 * 1024 * 1024 // len(line.replace('"', '""')) + 1))
want = raw[: 10 * 1024 * 1024].replace('""', '"')
assert rows[0]["comment"] == want.strip(), (len(rows[0]["comment"]), len(want))
assert rows[1]["comment"] == "Great coffee."
PY
exit 0
