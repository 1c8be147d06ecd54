#!/usr/bin/env bash
# runner_demo_pipeline - the real demo pipeline, run into a scratch folder
# from a copy of the fixture (the repository's fixtures are never touched):
# the first run runs all five stages and the closing table shows each
# stage's rows in and out from its manifest; a second run skips all five;
# a `touch` of the raw export reruns nothing; a new report month reruns
# compute and render only; `--only compute` reruns compute alone; -n
# changes nothing; a changed raw export reruns all five; -j 2 gives the
# same outputs.
set -u
root=$ENGAGE_ROOT
engage="$root/bin/engage"
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir runner_demo
cd "$root" || exit 1

fixture_sum=$(cksum <fixtures/shopify/orders_export.csv)
cp -r fixtures "$dir/raw" || fail "cannot copy the fixtures"
out="$dir/x"
run() { "$engage" run pipelines/demo.pipeline out="$out" raw="$dir/raw" "$@" 2>"$dir/stderr.txt"; }
# statuses S1,S2,S3,S4,S5: the table gives extract..render these statuses.
statuses() {
	local got
	got=$(sed -nE 's/^(extract|clean|join|compute|render) +(ran|skipped|failed|not run) .*/\2/p' \
		"$dir/stderr.txt" | paste -sd,)
	[ "$got" = "$1" ] || { cat "$dir/stderr.txt" >&2; fail "statuses '$got', expected '$1'"; }
}

run || { cat "$dir/stderr.txt" >&2; fail "first run failed"; }
statuses ran,ran,ran,ran,ran
# Rows in and out come from each stage's manifest: the sums of its
# input,*,read and output,*,rows rows.
rows() {
	awk -F, -v sec="$2" -v key="$3" '$2 == sec && $4 == key { s += $5 } END { print s + 0 }' "$1"
}
for m in extract/extract clean/clean join/join compute/compute render; do
	s=${m##*/}
	in=$(rows "$out/$m.manifest.csv" input read)
	made=$(rows "$out/$m.manifest.csv" output rows)
	[ "$in" -gt 0 ] || fail "$s: its manifest counts no rows read"
	grep -Eq "^$s +ran +$in +$made +[0-9]+\.[0-9]{2}\$" "$dir/stderr.txt" ||
		{ cat "$dir/stderr.txt" >&2; fail "table: $s should read $in rows and write $made"; }
done
grep -Eq '^extract +ran +721 ' "$dir/stderr.txt" || fail "table: extract did not read the 721 rows of the demo shop's files"
[ -f "$out/report.xlsx" ] || fail "no report"
[ -f "$out/.engage-state" ] || fail "no state file"
cp "$out/compute/kpis.csv" "$dir/kpis.first"

run || fail "second run failed"
statuses skipped,skipped,skipped,skipped,skipped
grep -Eq '^extract +skipped +721 +[0-9]+ +-$' "$dir/stderr.txt" || fail "table: skipped extract rows"

touch "$dir/raw/shopify/orders_export.csv"
run || fail "run after touch failed"
statuses skipped,skipped,skipped,skipped,skipped

"$engage" status pipelines/demo.pipeline out="$out" raw="$dir/raw" month=2026-02 >"$dir/status.txt" ||
	fail "status failed"
grep -qx "compute  out of date: command changed: --month 2026-03 -> 2026-02" "$dir/status.txt" ||
	fail "status: $(cat "$dir/status.txt")"
grep -qx "render   out of date: upstream stage 'compute' will run" "$dir/status.txt" ||
	fail "status: $(cat "$dir/status.txt")"
run month=2026-02 || fail "run for 2026-02 failed"
statuses skipped,skipped,skipped,ran,ran
run month=2026-02 || fail "second run for 2026-02 failed"
statuses skipped,skipped,skipped,skipped,skipped
run || fail "run back to 2026-03 failed"
statuses skipped,skipped,skipped,ran,ran
cmp -s "$out/compute/kpis.csv" "$dir/kpis.first" || fail "kpis.csv differs after going back"

run --only compute || fail "--only compute failed"
statuses "not run,not run,not run,ran,not run"

listing() { find "$out" -printf '%p %s %T@\n' | sort; }
before=$(listing)
"$engage" run pipelines/demo.pipeline out="$out" raw="$dir/raw" -n --force >"$dir/plan.txt" ||
	fail "-n failed"
[ "$before" = "$(listing)" ] || fail "-n changed the output folder"
[ "$(grep -c '^# stage .* will run: forced by --force$' "$dir/plan.txt")" -eq 5 ] ||
	fail "-n --force: $(cat "$dir/plan.txt")"

# A changed raw export (same size, other bytes) reruns all five.
sed -i 's/Newton/Newtom/' "$dir/raw/shopify/orders_export.csv"
"$engage" status pipelines/demo.pipeline out="$out" raw="$dir/raw" >"$dir/status.txt" || fail "status"
grep -qx "extract  out of date: input $dir/raw/shopify/orders_export.csv changed" "$dir/status.txt" ||
	fail "status: $(cat "$dir/status.txt")"
run -j 2 || { cat "$dir/stderr.txt" >&2; fail "run after the change failed"; }
statuses ran,ran,ran,ran,ran
cmp -s fixtures/shopify/orders_export.csv "$dir/raw/shopify/orders_export.csv" &&
	fail "the copy did not change"
[ "$(cksum <fixtures/shopify/orders_export.csv)" = "$fixture_sum" ] ||
	fail "the repository's fixture changed"
exit 0
