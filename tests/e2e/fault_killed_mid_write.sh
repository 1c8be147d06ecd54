#!/usr/bin/env bash
# fault_killed_mid_write - extract killed with SIGKILL while it writes its
# outputs (it cannot clean up) leaves the previous outputs as they were:
# the same files (inodes: nothing was renamed over them) with the same
# bytes; only its temporary files remain. A rerun completes. Through
# engage, the runner removes the temporary files the killed stage left,
# says the stage failed, and the next run runs it again to completion.
set -u
root=$ENGAGE_ROOT
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir fault_killed
pid=
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir" || exit 1

. "$root/tests/faults/snapshot.sh"

# wait_for_tmp DIR PID: waits until PID writes a non-empty orders.csv.tmp.*
# in DIR; fails if PID ends first.
wait_for_tmp() {
	local i
	for i in $(seq 1 3000); do
		[ -n "$(find "$1" -name 'orders.csv.tmp.*' -size +0 2>/dev/null)" ] && return 0
		kill -0 "$2" 2>/dev/null || fail "the stage ended before it could be killed"
		sleep 0.01
	done
	fail "no temporary output appeared in 30 s"
}

# 600,000 invoice lines, about 50 MB: a second or more of work.
awk 'BEGIN {
	print "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
	for (i = 0; i < 600000; i++)
		printf "%d,85123A,WHITE HANGING HEART T-LIGHT HOLDER,%d,2011-01-04 10:%02d:00,2.55,%d,United Kingdom\n",
			500000 + int(i / 3), 1 + i % 7, i % 60, 12000 + i % 4000
}' >big.csv

# The stage alone.
"$root/bin/extract" --in "$root/fixtures/generic/transactions.csv" --out out 2>err.txt ||
	{ cat err.txt >&2; fail "the first extract failed"; }
snapshot out >before
"$root/bin/extract" --in big.csv --out out 2>err.txt &
pid=$!
wait_for_tmp out "$pid"
kill -KILL "$pid"
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 137 ] || fail "killed extract exited $rc, expected 137"
snapshot out >after
cmp -s before after || fail "the previous outputs changed: $(diff before after)"
[ -n "$(find out -name '*.tmp.*')" ] || fail "no temporary file: was extract killed mid-write?"
"$root/bin/extract" --in big.csv --out out 2>err.txt || { cat err.txt >&2; fail "the rerun failed"; }
grep -qx 'extract,input,big.csv,read,600000' out/extract.manifest.csv ||
	fail "the rerun did not read every row: $(grep input out/extract.manifest.csv)"
[ "$(wc -l <out/order_lines.csv)" -eq 600001 ] || fail "the rerun wrote $(wc -l <out/order_lines.csv) lines"

# Through engage: the stage killed, the runner cleans up after it.
cat >kill.pipeline <<PIPE
var out  = run
var data = $root/fixtures/generic/transactions.csv
stage extract
  run  $root/bin/extract --in \${data} --out \${out}/extract
  in   \${data}
  out  \${out}/extract/orders.csv \${out}/extract/order_lines.csv
  out  \${out}/extract/rejects.csv \${out}/extract/extract.manifest.csv
PIPE
"$root/bin/engage" run kill.pipeline 2>err.txt || { cat err.txt >&2; fail "the first engage run failed"; }
snapshot run/extract >before
"$root/bin/engage" run kill.pipeline data="$dir/big.csv" 2>err.txt &
pid=$!
wait_for_tmp run/extract "$pid"
stage=$(pgrep -P "$pid" -x extract)
[ -n "$stage" ] || fail "no extract under engage"
kill -KILL "$stage"
wait "$pid"
rc=$?
pid=
# engage ends with its stage's status: 128 + 9.
[ "$rc" -eq 137 ] || { cat err.txt >&2; fail "engage exited $rc after its stage was killed"; }
grep -q "stage 'extract' failed (killed by SIGKILL" err.txt || { cat err.txt >&2; fail "engage did not name the stage"; }
snapshot run/extract >after
cmp -s before after || fail "engage: the previous outputs changed: $(diff before after)"
[ -z "$(find run -name '*.tmp.*')" ] || fail "engage left temporary files: $(find run -name '*.tmp.*')"
"$root/bin/engage" run kill.pipeline data="$dir/big.csv" 2>err.txt ||
	{ cat err.txt >&2; fail "the engage rerun failed"; }
grep -Eq '^extract +ran ' err.txt || fail "the rerun did not run extract: $(cat err.txt)"
[ "$(wc -l <run/extract/order_lines.csv)" -eq 600001 ] || fail "engage rerun: incomplete output"
exit 0
