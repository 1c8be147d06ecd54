# WooCommerce Analytics > Orders downloads through monthly.pipeline: the
# English file's March has 4 orders (the pending-payment one is not an
# order) worth $1,234.50 + $58.00 + $41.25 + $76.10 = 1409.85, of which the
# refunded 41.25 comes back; the German file's revenue cells are written
# "1.234,50 €". The files name their buyers only: Nora Quill's two orders
# are one customer's, so 3 active customers, all new, found by name (the
# Data quality sheet says so). With key= no buyer's name is left in any
# output and the KPIs stay the same.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run wc_en 2026-03 UTC woocommerce/analytics_orders_en.csv || exit 1
workbook_has summary orders=4 gross_revenue=1409.85 \
	refunds=41.25 net_revenue=1368.60 units=10 active_customers=3 new_customers=3 \
	returning_customers=0 || exit 1
workbook_has counts customers_by_email=0 \
	customers_by_name=3 anonymous_rows=0 || exit 1
workbook_has term Customer \
	"by the buyer's name where an export names buyers only" || exit 1
month_keyed_hides wc_en 2026-03 UTC 'Nora|Quill|Ivo Marsh|Tomas Reed' \
	woocommerce/analytics_orders_en.csv || exit 1
month_run wc_de 2026-03 UTC woocommerce/analytics_orders_de.csv || exit 1
workbook_has summary orders=2 \
	gross_revenue=1280.40 units=4 || exit 1
exit 0
