# A Shopify orders export alone in a month folder, through
# pipelines/monthly.pipeline to the workbook. February 2026 in New York,
# worked out by hand from fixtures/shopify/orders_export.csv: #1019 to #1036
# less #1025 (a Bogus-gateway test order) are 17 orders of 911.08 in all;
# #1024's 23.80 refund leaves 887.28. 15 customers bought (" Alice@Example.com "
# is alice@example.com); 6 had not bought before February (sam, zoe, maya,
# oliver, grace, and hugo, whose January order #1007 was cancelled).
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run shopify_orders 2026-02 America/New_York shopify/orders_export.csv || exit 1
workbook_has summary orders=17 gross_revenue=911.08 refunds=23.80 net_revenue=887.28 \
	active_customers=15 new_customers=6 returning_customers=9 \
	orders~ new_customers~ units~ || exit 1
# The Data quality sheet says what the export covers (UTC dates: #1056 is
# 2026-03-31 22:30 in New York, 1 April in UTC).
workbook_has coverage shopify_orders=2026-01-01..2026-04-01 || exit 1
