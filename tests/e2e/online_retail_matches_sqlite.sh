# The Online Retail file from ../shared/data through extract, clean, join
# and compute, against an independent count in SQL (tests/sql/online_retail.sql
# run by sqlite3 on the raw CSV): the cleaned counts, monthly orders,
# active and new customers and net revenue (exact to the thousandth), and
# the cohort retention matrix must be equal.
set -u
. "$ENGAGE_ROOT/tests/e2e/lib/scratch.sh"
online_retail_data
dir="$TMPDIR/online_retail"
mkdir -p "$dir"
bin/extract --in "$data" --out "$dir/extract" || exit 1
clean_join_compute "$dir" --tz Europe/London --month 2011-12 || exit 1

xz -dc "$data" >"$dir/raw.csv" || exit 1
sqlite3 -batch "$dir/check.db" ".import --csv $dir/raw.csv raw" || exit 1
sqlite3 -batch -csv "$dir/check.db" <tests/sql/online_retail.sql >"$dir/sql.csv" || exit 1

# The same sections from engage's outputs.
value() { awk -F, -v k="$2" '$2 == "output" && $3 == k {print $5}' "$1"; }
{
	# The sale lines clean kept: written into their invoices (no lines table without --lines).
	echo "clean,sale_lines,$(awk -F, -v k="$dir/extract/order_lines.csv" '$2 == "input" && $3 == k && $4 == "written" {print $5}' "$dir/clean/clean.manifest.csv")"
	echo "clean,invoices,$(value "$dir/clean/clean.manifest.csv" orders.csv)"
	echo "clean,return_invoices,$(value "$dir/clean/clean.manifest.csv" refunds.csv)"
	echo "clean,customers,$(value "$dir/join/join.manifest.csv" customers.csv)"
	# kpis.csv: money to thousandths (4 decimals, the last always 0 here).
	awk -F, 'NR > 1 {
		if ($2 == "orders") o = $3; else if ($2 == "active_customers") a = $3;
		else if ($2 == "new_customers") n = $3;
		else if ($2 == "net_revenue") {
			split($3, p, "."); f = substr(p[2] "0000", 1, 4);
			neg = ($3 ~ /^-/); w = p[1]; sub(/^-/, "", w);
			milli = w * 1000 + substr(f, 1, 3);
			if (substr(f, 4, 1) != "0") milli = "fraction-of-a-thousandth";
			r = (neg ? "-" : "") milli;
		} else if ($2 == "loyalty_participation") print "kpi," $1 "," o "," a "," n "," r;
	}' "$dir/compute/kpis.csv"
	awk -F, 'NR > 1 && $4 > 0 {print "cohort," $1 "," $2 "," $3 "," $4}' "$dir/compute/cohorts.csv"
} >"$dir/engage.csv"
# SQL lists only cohort months with activity; engage lists every offset.
if ! diff "$dir/sql.csv" "$dir/engage.csv" >"$dir/diff"; then
	echo "engage and SQL differ:"
	head -n 20 "$dir/diff"
	exit 1
fi
echo "equal: $(grep -c '^clean' "$dir/sql.csv") counts, $(grep -c '^kpi' "$dir/sql.csv") months, $(grep -c '^cohort' "$dir/sql.csv") cohort cells"
