#!/usr/bin/env bash
# runner_changed_input_reruns_downstream - in a pipeline of two branches
# that meet (orders -> totals, customers -> segments, then both -> report)
# and one stage on its own (audit), changing one input's content reruns
# exactly the stages downstream of it, and -n and status say why each runs.
# A `touch` reruns nothing. A changed parameter, a deleted or edited output
# and a changed command rerun that stage and what follows it.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_enter runner_changed

mkdir data
stage_program cat2 <<'SH'
#!/bin/sh
# cat2 NAME OUT WORD...: notes its turn, writes to OUT each WORD that is a
# file (its content) or not (the word), then its name.
name=$1 out=$2
shift 2
echo "$name" >>ran.txt
{ for w in "$@"; do if [ -f "$w" ]; then cat -- "$w"; else echo "$w"; fi; done
  echo "by $name"; } >"$out"
SH
echo "order 1" >data/orders.csv
echo "alice" >data/customers.csv
echo "log" >data/audit.log
cat >shop.pipeline <<'PIPE'
var out   = out
var month = 2026-03
stage totals
  run bin/cat2 totals ${out}/totals.csv data/orders.csv
  in  data/orders.csv
  out ${out}/totals.csv
stage segments
  run bin/cat2 segments ${out}/segments.csv data/customers.csv
  in  data/customers.csv
  out ${out}/segments.csv
stage audit
  run bin/cat2 audit ${out}/audit.txt data/audit.log
  in  data/audit.log
  out ${out}/audit.txt
stage report
  run bin/cat2 report ${out}/report.txt ${out}/totals.csv ${out}/segments.csv --month ${month}
  in  ${out}/totals.csv ${out}/segments.csv
  out ${out}/report.txt
PIPE

# says STAGE REASON...: checks that the last `status` gives STAGE that line.
says() {
	local stage=$1 got
	shift
	got=$(sed -n "s/^$stage  *//p" status.txt)
	[ "$got" = "$*" ] || { cat status.txt >&2; fail "status of $stage: '$got', expected '$*'"; }
}

runs shop.pipeline "totals segments audit report"
runs shop.pipeline ""

# A new content of customers.csv reruns segments and report only.
echo "alice, bob" >data/customers.csv
"$engage" status shop.pipeline >status.txt || fail "status failed"
says totals   "up to date"
says segments "out of date: input data/customers.csv changed"
says audit    "up to date"
says report   "out of date: upstream stage 'segments' will run"
"$engage" run shop.pipeline -n >plan.txt || fail "-n failed"
grep -qxF "# stage segments will run: input data/customers.csv changed" plan.txt || fail "-n: segments"
grep -qxF "# stage totals is skipped: up to date" plan.txt || fail "-n: totals"
runs shop.pipeline "segments report"
grep -Eq '^totals +skipped ' stderr.txt || fail "table: totals not skipped"
grep -Eq '^segments +ran ' stderr.txt || fail "table: segments did not run"

# The same bytes again under a new time: nothing runs.
touch data/orders.csv data/customers.csv data/audit.log
runs shop.pipeline ""
# The same size, other bytes: the hash sees it.
echo "order 2" >data/orders.csv
runs shop.pipeline "totals report"

# A parameter given on the command line: report only, with the change named.
"$engage" status shop.pipeline month=2026-04 >status.txt || fail "status month failed"
says report "out of date: command changed: --month 2026-03 -> 2026-04"
runs shop.pipeline "report" month=2026-04
runs shop.pipeline "" month=2026-04
runs shop.pipeline "report"

# A deleted output, and an output edited by hand, rerun their stage.
rm out/totals.csv
"$engage" status shop.pipeline >status.txt || fail "status failed"
says totals "out of date: output out/totals.csv missing"
runs shop.pipeline "totals report"
echo "edited" >>out/segments.csv
"$engage" status shop.pipeline >status.txt || fail "status failed"
says segments "out of date: output out/segments.csv changed since the stage wrote it"
runs shop.pipeline "segments report"

# A changed command in the file reruns that stage (and what reads its output).
sed -i 's|run bin/cat2 audit |run bin/cat2 audit2 |' shop.pipeline
"$engage" status shop.pipeline >status.txt || fail "status failed"
says audit "out of date: command changed: audit -> audit2"
runs shop.pipeline "audit2"
runs shop.pipeline ""
exit 0
