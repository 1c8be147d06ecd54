# A WooCommerce (WebToffee) orders export alone in a month folder, through
# pipelines/monthly.pipeline to the workbook: one row per order, its line
# items unpacked from the line_item_N cells. February 2026, worked out by hand from
# fixtures/woocommerce/orders_webtoffee.csv: 5103 (36.58, refunded in full)
# and 5104 (54.65) are the month's orders, 91.23 in all, 54.65 net; 5105 was
# cancelled. Chloe and Emma had not bought before. Each bought 1 unit.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run woocommerce_orders 2026-02 UTC woocommerce/orders_webtoffee.csv || exit 1
workbook_has summary orders=2 gross_revenue=91.23 refunds=36.58 net_revenue=54.65 \
	active_customers=2 new_customers=2 returning_customers=0 \
	units=2 || exit 1
# 5106 (failed) is not an order: the last row held is 5107's, 21 March.
workbook_has coverage woocommerce_orders=2026-01-06..2026-03-21 || exit 1
