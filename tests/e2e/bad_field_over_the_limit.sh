#!/usr/bin/env bash
# bad_field_over_the_limit - reading is bounded: with ENGAGE_MAX_FIELD=1M a
# survey comment of 2 MB puts its row in rejects.csv as field_too_long (the
# rows after it read as usual, and the manifest still balances), a row of
# many small fields over ENGAGE_MAX_ROW (1500K) as row_too_long; compute stops on
# --rfm-grid /dev/zero at the limit (exit 1 naming the file) instead of
# growing until killed; a compressed field bigger than memory allows is
# exit 3 "out of memory", not a CSV syntax error; a limit that is not a
# size is a usage error (exit 2).
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir bad_field_limit

{
	echo 'Response ID,Email,Name,Score,Comment,Created At'
	echo '58113001,alice@example.com,Alice Moreau,10,Lovely.,2026-01-13 17:41:05'
	printf '58113002,ben@example.com,Ben Carter,9,"'
	yes 'a long, long comment' | head -c $((2 * 1024 * 1024))
	printf '",2026-01-14 12:15:22\n'
	printf '58113003,chloe@example.com,Chloe Nguyen,8,Good'
	yes ',x' | head -c 2400000 | tr -d '\n'
	printf ',2026-01-15 09:00:00\n'
	echo '58113004,david@example.com,David Okafor,7,Fine.,2026-01-16 10:30:00'
} >"$dir/nps.csv"

ENGAGE_MAX_FIELD=1M ENGAGE_MAX_ROW=1500K "$root/bin/extract" --in "$dir/nps.csv" --out "$dir/out" \
	2>"$dir/stderr" || { cat "$dir/stderr" >&2; fail "extract failed"; }
python3 - "$dir/out" <<'PY' || fail "the over-long rows are not accounted as rejects"
import csv, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + "/responses.csv", newline="", encoding="utf-8")))
assert [r["response_id"] for r in rows] == ["58113001", "58113004"], rows
rej = list(csv.DictReader(open(d + "/rejects.csv", newline="", encoding="utf-8")))
got = [(r["source_line"], r["reason"], r["original"]) for r in rej]
assert got[0] == ("3", "field_too_long", ""), got
assert got[1][1:] == ("row_too_long", ""), got
assert "ENGAGE_MAX_FIELD" in rej[0]["message"] and "ENGAGE_MAX_ROW" in rej[1]["message"]
man = list(csv.reader(open(d + "/extract.manifest.csv", newline="", encoding="utf-8")))
flat = "\n".join(",".join(r) for r in man)
assert ",read,4" in flat and ",rejected,2" in flat, flat
PY

ENGAGE_MAX_FIELD=1M timeout 60 "$root/bin/compute" --in "$dir/none" --out "$dir/compute" \
	--rfm-grid /dev/zero 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 1 ] || { cat "$dir/stderr" >&2; fail "compute --rfm-grid /dev/zero exited $rc"; }
grep -q "compute: /dev/zero:1: a field longer than 1048576 bytes" "$dir/stderr" ||
	fail "no limit message: $(cat "$dir/stderr")"

# 200 MB of one field, 200 KB compressed, read with 150 MB of address space
# (not under AddressSanitizer, which needs terabytes of it to start).
bomb() {
	{
		echo 'Response ID,Email,Name,Score,Comment,Created At'
		printf '58113001,alice@example.com,Alice Moreau,10,'
		head -c 200M /dev/zero | tr '\0' a
		printf ',2026-01-13 17:41:05\n'
	} | gzip -1 >"$dir/bomb.csv.gz"
	(
		ulimit -v 150000
		ENGAGE_MAX_FIELD=1G ENGAGE_MAX_ROW=1G exec "$root/bin/extract" \
			--in "$dir/bomb.csv.gz" --out "$dir/bomb"
	) 2>"$dir/stderr"
	rc=$?
	[ "$rc" -eq 3 ] || { cat "$dir/stderr" >&2; fail "the bomb: exit $rc, expected 3"; }
	grep -q "bomb.csv.gz:2: out of memory" "$dir/stderr" || fail "the bomb: $(cat "$dir/stderr")"
	grep -q "malformed" "$dir/stderr" && fail "out of memory reported as a syntax error"
}
[ -n "${ASAN_OPTIONS:-}" ] || bomb

ENGAGE_MAX_FIELD=lots "$root/bin/extract" --in "$dir/nps.csv" --out "$dir/usage" 2>"$dir/stderr"
rc=$?
[ "$rc" -eq 2 ] || { cat "$dir/stderr" >&2; fail "ENGAGE_MAX_FIELD=lots: exit $rc, expected 2"; }
grep -q "ENGAGE_MAX_FIELD='lots' is not a size" "$dir/stderr" || fail "$(cat "$dir/stderr")"
exit 0
