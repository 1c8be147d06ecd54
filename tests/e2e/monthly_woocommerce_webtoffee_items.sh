# A WebToffee export whose line items are packed in line_item_N cells,
# through monthly.pipeline: March has 4 orders (the fifth's item says
# quantity "two" and is rejected whole) worth 54.95 + 15.95 + 36.00 + 27.95
# = 134.85, with 5 + 1 + 1 + 2 = 9 units unpacked from the cells ("Mug:
# Large" and "Tea | Green 100g" keep their ':' and '|'). Olive Hart's two
# orders make her one customer by email, Milo Byrne another, and the guest
# (customer id 0) a third by phone: 3 active customers.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run wc_wt 2026-03 UTC woocommerce/orders_webtoffee_items.csv || exit 1
workbook_has summary orders=4 gross_revenue=134.85 \
	units=9 active_customers=3 new_customers=3 || exit 1
workbook_has counts customers_by_email=2 \
	customers_by_phone=1 anonymous_rows=0 || exit 1
lines=$(($(wc -l <"$out/extract/order_lines.csv") - 1))
[ "$lines" = 5 ] || { echo "order_lines.csv has $lines lines, not 5"; exit 1; }
exit 0
