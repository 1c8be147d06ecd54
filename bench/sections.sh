#!/usr/bin/env bash
# sections.sh - the numbers the baselines check, read from compute's
# outputs in the sections metrics.sql writes:
#   kpi, month, orders, active customers, new customers, net revenue
#   cohort, cohort month, offset, cohort customers, active customers
#   rfm, customer, recency days, frequency, monetary, R, F, M
# Money in thousandths. A cohort cell with no active customer is left out
# (SQL has no row for it). The customer of an RFM row is its email, else
# its customer_ref. Columns are found by name in each header.
#
#   bench/sections.sh COMPUTE_DIR > engage.csv
set -euo pipefail
dir=$1

# Money "1234.5670" or "-3.0010" to thousandths; a fourth decimal that is
# not 0 cannot be compared and is printed as is, so the diff shows it.
money='function milli(v,   neg, w, f) {
	neg = v ~ /^-/; sub(/^-/, "", v);
	w = v; f = "";
	if (index(v, ".")) { w = substr(v, 1, index(v, ".") - 1); f = substr(v, index(v, ".") + 1); }
	f = substr(f "0000", 1, 4);
	if (substr(f, 4, 1) != "0") return (neg ? "-" : "") v;
	return (neg && (w + 0 || f + 0) ? "-" : "") sprintf("%.0f", w * 1000 + substr(f, 1, 3));
}
function cols(   i) { for (i = 1; i <= NF; i++) c[$i] = i; }'

awk -F, "$money"'
NR == 1 { cols(); next }
{
	m = $c["month"]; k = $c["metric"]; v = $c["value"];
	if (!(m in seen)) { seen[m] = 1; order[++n] = m; }
	if (k == "orders" || k == "active_customers" || k == "new_customers") val[m, k] = v;
	else if (k == "net_revenue") val[m, k] = milli(v);
}
END {
	for (i = 1; i <= n; i++) {
		m = order[i];
		print "kpi," m "," val[m, "orders"] "," val[m, "active_customers"] "," \
			val[m, "new_customers"] "," val[m, "net_revenue"];
	}
}' "$dir/kpis.csv"

awk -F, "$money"'
NR == 1 { cols(); next }
$c["active_customers"] > 0 {
	print "cohort," $c["cohort"] "," $c["month_offset"] "," $c["cohort_customers"] "," \
		$c["active_customers"];
}' "$dir/cohorts.csv"

awk -F, "$money"'
NR == 1 { cols(); next }
{
	key = $c["email"] != "" ? $c["email"] : $c["customer_ref"];
	print "rfm," key "," $c["recency_days"] "," $c["frequency"] "," milli($c["monetary"]) "," \
		$c["r_score"] "," $c["f_score"] "," $c["m_score"];
}' "$dir/customer_scores.csv"
