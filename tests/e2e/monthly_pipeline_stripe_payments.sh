# A Stripe payments export alone in a month folder, through
# pipelines/monthly.pipeline to the workbook: no line items and no
# discounts in the export, so the metrics that need them say so instead of
# stopping compute. February 2026, worked out by hand from
# fixtures/stripe/unified_payments.csv: ch_3RdemoA3 (65.64, 20.00 refunded on
# 11 February) is the month's one order; the failed charge and the payment
# that never got one are not orders. Its customer (cus_Qdemo2) had not bought
# before.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run stripe_payments 2026-02 UTC stripe/unified_payments.csv || exit 1
workbook_has summary orders=1 gross_revenue=65.64 refunds=20.00 net_revenue=45.64 \
	active_customers=1 new_customers=1 returning_customers=0 \
	units=n/a "units~no line items in these exports" \
	units_per_transaction=n/a "units_per_transaction~no line items in these exports" \
	discount_rate=n/a "discount_rate~no discounts in these exports" || exit 1
workbook_has coverage stripe_payments=2026-01-08..2026-03-15 || exit 1
