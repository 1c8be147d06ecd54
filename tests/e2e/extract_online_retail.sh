#!/usr/bin/env bash
# extract_online_retail - the UCI Online Retail file of ../shared/data,
# decompressed into a scratch folder, through extract with the
# generic_transactions source (recognised from its header): every one of
# its 541,909 rows is kept (business rules are clean's job), the invoice
# lines become 25,901 order rows (25,900 invoices; 542806 comes in two
# runs of lines), and the line totals add up, to the thousandth, to an
# independent sum of Quantity x UnitPrice over the raw file. The counts
# are the ones stages/extract/sources/README.md states. Skipped when the shared file is absent.
set -u
root=$ENGAGE_ROOT
data="$root/../shared/data/online_retail.csv.xz"
if [ ! -f "$data" ]; then
	echo "skipped: $data is not here"
	exit 0
fi
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
scratch_dir extract_online_retail

xz -dc "$data" >"$dir/online_retail.csv" || fail "cannot decompress $data"
"$root/bin/extract" --in "$dir/online_retail.csv" --out "$dir/extract" 2>"$dir/stderr" ||
	fail "extract exited $?: $(cat "$dir/stderr")"
[ -s "$dir/stderr" ] && fail "extract said: $(cat "$dir/stderr")"

m="$dir/extract/extract.manifest.csv"
# value SECTION NAME KEY: the manifest's value for that row
value() { awk -F, -v s="$1" -v n="$2" -v k="$3" '$2 == s && $3 == n && $4 == k {print $5}' "$m"; }
in="$dir/online_retail.csv"
[ "$(value param "" "source $in")" = generic_transactions ] || fail "source is not generic_transactions"
[ "$(value input "$in" read)" = 541909 ] || fail "read $(value input "$in" read), expected 541909"
[ "$(value input "$in" written)" = 541909 ] || fail "written $(value input "$in" written), expected 541909"
[ "$(value input "$in" rejected)" = 0 ] || fail "rejected $(value input "$in" rejected), expected 0"
[ "$(value output orders.csv rows)" = 25901 ] || fail "orders $(value output orders.csv rows), expected 25901"
[ "$(value output order_lines.csv rows)" = 541909 ] ||
	fail "order lines $(value output order_lines.csv rows), expected 541909"
[ "$(value output rejects.csv rows)" = 0 ] || fail "rejects $(value output rejects.csv rows), expected 0"
[ "$(awk -F, 'NR > 1 {print $1}' "$dir/extract/orders.csv" | sort -u | wc -l)" = 25900 ] ||
	fail "orders.csv does not hold 25900 invoice numbers"

# Quantity x UnitPrice over the raw file in thousandths of a pound (prices
# have at most 3 decimals; fields counted from the right, as only
# Description holds commas), against the line totals extract wrote (4
# decimals). Integer arithmetic in doubles: exact below 2^53.
raw=$(awk -F, 'NR > 1 {
	q = $(NF - 4); n = split($(NF - 2), p, "."); neg = p[1] ~ /^-/; w = p[1]; sub(/^-/, "", w);
	f = substr((n > 1 ? p[2] : "") "000", 1, 3); v = (w * 1000 + f) * q; s += neg ? -v : v
} END { printf "%.0f\n", s }' "$in")
ours=$(awk -F, 'NR > 1 {
	n = split($(NF - 2), p, "."); neg = p[1] ~ /^-/; w = p[1]; sub(/^-/, "", w);
	f = substr(p[2] "0000", 1, 4); v = w * 10000 + f; s += neg ? -v : v
} END { printf "%.0f\n", s / 10 }' "$dir/extract/order_lines.csv")
[ "$raw" = "$ours" ] || fail "line totals add up to $ours thousandths, the raw file to $raw"
echo "ok: 541909 rows read and kept, 25901 orders, line totals $ours thousandths of GBP"
