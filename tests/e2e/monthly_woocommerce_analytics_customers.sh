# WooCommerce Analytics > Customers beside the Orders download of the same
# store through monthly.pipeline: the 3 profiles become 3 customers found
# by email, and the orders, which name their buyers only, 3 customers found
# by name (a name links to no email): March's 4 orders worth 1409.85 have 3
# active customers.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run wc_customers 2026-03 UTC woocommerce/analytics_orders_en.csv \
	woocommerce/analytics_customers.csv || exit 1
workbook_has summary orders=4 gross_revenue=1409.85 \
	active_customers=3 || exit 1
workbook_has counts customers_by_email=3 \
	customers_by_name=3 anonymous_rows=0 || exit 1
exit 0
