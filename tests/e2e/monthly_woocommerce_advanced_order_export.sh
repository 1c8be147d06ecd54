# An Advanced Order Export one-row-per-item file through monthly.pipeline:
# March has 4 orders (7301 of two item rows, 7302, 7303 on hold, 7306 of
# three; 7304 awaits payment and 7305 was cancelled) worth 18500 + 9000 +
# 7200 + 14100 = 48800, 7 units. The file has billing phones and no email:
# +234 803 555 0170 and 002348035550170 are one buyer of two orders,
# 0803 555 0171 another, so 2 active customers, both new; the cancelled
# order's buyer is a customer by phone too (3 by phone), and 7306 without a
# phone is a guest's order.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run wc_aoe 2026-03 UTC woocommerce/advanced_order_export_items.csv || exit 1
workbook_has summary orders=4 gross_revenue=48800 \
	units=7 active_customers=2 new_customers=2 returning_customers=0 || exit 1
workbook_has counts customers_by_email=0 \
	customers_by_phone=3 || exit 1
exit 0
