# Stripe's customers export beside its payments export in one month folder,
# through pipelines/monthly.pipeline: the platform check on the Data quality
# sheet sets Stripe's Total Spend beside engage's payments of the same
# customers. Worked out by hand from fixtures/stripe/unified_customers.csv and
# fixtures/stripe/unified_payments.csv:
#   Total Spend: 42.00 + 147.99 + 65.64 + 0.00 = 255.63 (4 customers)
#   engage, Stripe's definition (refunds left in): cus_Qdemo0 42.00 (A1),
#     cus_Qdemo1 18.99 + 129.00 (A2, A5), cus_Qdemo2 65.64 + 25.30 (A3, A6
#     still pending), cus_Qdemo3 none (its one charge failed) = 280.93;
#     difference 255.63 - 280.93 = -25.30, the pending payment
#   engage's own (refunds off): 280.93 - 18.99 - 20.00 = 241.94
#   only cus_Qdemo2 differs (65.64 against 90.94).
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run stripe_customers 2026-03 UTC stripe/unified_payments.csv stripe/unified_customers.csv ||
	exit 1
workbook_has platform "total spend of 4 customers" platform=255.63 same=280.93 \
	difference=-25.30 engage=241.94 "why~1 of 4 customers differ" \
	"why~payments still pending (25.30 of these)" || exit 1
workbook_has coverage stripe_payments=2026-01-08..2026-03-15 \
	stripe_customers=2025-12-30..2026-03-02 || exit 1
