# Awin's Transactions report (fixtures/awin/transactions.csv: BOM, CRLF,
# every field quoted, Awin's snake_case columns) beside Stripe's payments,
# through pipelines/monthly.pipeline: the commission is marketing spend, so
# it gives the month's spend, CAC and ROAS and the spend per partner on the
# Cohorts sheet. By hand from the fixture: March's commissions 9.60
# (approved) + 6.44 (pending) + 1.50 (a lead, approved as "1") = 17.54; the
# declined 5.12 is skipped (awin_declined). Brew Reviews 9.60 + 6.44 =
# 16.04 with 2 sales, Coupon Corner 1.50 with none. February: 3.60 (status
# "0", pending). Stripe's February: 1 new customer and 45.64 net revenue,
# so CAC 3.60 / 1 = 3.60 and ROAS 45.64 / 3.60 = 12.68; March: 154.30 net
# revenue, ROAS 154.30 / 17.54 = 8.80, and no new customer, so no CAC.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
. tests/e2e/lib/scratch.sh
month_run awin 2026-03 UTC stripe/unified_payments.csv awin/transactions.csv || exit 1
k="$out/compute/kpis.csv"
has_lines "$k" '2026-03,marketing_spend,17.54,USD,source: awin_transactions'
has_lines "$k" '2026-03,roas,8.80,revenue per unit of spend,source: awin_transactions'
has_lines "$k" '2026-03,cac,,USD,no new customers'
has_lines "$k" '2026-02,marketing_spend,3.60,USD,source: awin_transactions'
has_lines "$k" '2026-02,cac,3.60,USD,source: awin_transactions'
has_lines "$k" '2026-02,roas,12.68,revenue per unit of spend,source: awin_transactions'
grep -q 'transactions.csv,4,awin_declined' "$out/extract/rejects.csv" ||
	{ echo "the declined commission is not skipped"; cat "$out/extract/rejects.csv"; exit 1; }
workbook_has summary marketing_spend=17.54 || exit 1
workbook_has rows Cohorts "Spend by channel and campaign" "2026-03|awin|Brew Reviews|16.04|0|2" \
	"2026-03|awin|Coupon Corner|1.5|0|0" || exit 1
