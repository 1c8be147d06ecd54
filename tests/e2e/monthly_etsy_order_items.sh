# Etsy's EtsySoldOrderItems download through monthly.pipeline, alone and
# beside the EtsySoldOrders download of the same orders.
#
# Alone (US): an order's total is made from its lines: Price x Quantity less
# Discount Amount plus Order Shipping and Order Sales Tax. March holds 4
# orders: 25.00 - 2.50 + 5.00 + 1.80 = 29.30, 30.00 + 2.40 = 32.40,
# 2 x 20.00 + 32.00 + 8.00 + 6.40 = 86.40 and 18.00 + 4.00 + 1.76 = 23.76,
# 171.86 gross, and 1 + 1 + 3 + 1 = 6 units. The download has no refunds
# and no buyer id: buyers are known by their Buyer ("Mara Quill
# (maraquill)"), so 4 customers found by name; Mara bought in February too,
# so 3 are new. The Data quality sheet counts the 5 orders made from the
# items download alone (items_only_orders).
#
# Orders + items (US): each order is one order, not two: the KPIs are those
# of the orders download alone (4 orders, 171.86 gross, 102.60 refunded
# from its adjusted columns, customers by Buyer User ID), and clean's
# orders count the 6 items of the 5 orders (Ines's order is a card set and a
# wax seal: 2 items, 3 units).
#
# UK wording (Delivery), both downloads, in dollars at 1.2710: the items
# download holds one order the orders download does not (Ruth's 3200000003
# of 25 March, 18.00 - 1.80 + 3.20 = 19.40 GBP). It counts once, and Ruth
# is one customer: the orders download names her Buyer with her user id, so
# her items-only order gets it. 25.20 + 40.00 + 19.40 = 84.60 GBP, that is
# 32.0292 + 50.84 + 24.6574 = 107.5266 USD; 10.00 GBP = 12.71 USD refunded;
# 2 customers by customer id, 1 + 2 + 1 = 4 units. Under key= no buyer's
# name is left and the KPIs are the same.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run items_us 2026-03 UTC etsy/EtsySoldOrderItems2026.csv || exit 1
workbook_has summary orders=4 gross_revenue=171.86 refunds=0.00 net_revenue=171.86 units=6 \
	active_customers=4 new_customers=3 returning_customers=1 || exit 1
workbook_has counts customers_by_customer_id=0 customers_by_name=4 items_only_orders=5 || exit 1

month_run orders_us 2026-03 UTC etsy/EtsySoldOrders2026.csv || exit 1
orders_kpis="$out/compute/kpis.csv"
month_run both_us 2026-03 UTC etsy/EtsySoldOrders2026.csv etsy/EtsySoldOrderItems2026.csv || exit 1
workbook_has summary orders=4 gross_revenue=171.86 refunds=102.60 net_revenue=69.26 units=6 \
	active_customers=4 new_customers=3 returning_customers=1 || exit 1
workbook_has counts customers_by_customer_id=4 customers_by_name=0 || exit 1
cmp "$orders_kpis" "$out/compute/kpis.csv" ||
	{ echo "orders + items differ from orders alone"; exit 1; }
items=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "items") c = i; next }
	{ n += $c } END { print n }' "$out/clean/orders.csv")
[ "$items" = 6 ] || { echo "clean's orders count $items items, expected 6"; exit 1; }
grep -q '^3100000004,900000103,.*,2,3,etsy_sold_orders,' "$out/clean/orders.csv" ||
	{ echo "order 3100000004 is not written with 2 items and 3 units"; exit 1; }
workbook_has counts combined_orders=5 || exit 1
if grep -q items_only_orders "$out/clean/clean.manifest.csv"; then
	echo "orders of both downloads counted as items-only"
	exit 1
fi

uk="etsy/EtsySoldOrders2026_uk.csv etsy/EtsySoldOrderItems2026_uk.csv"
month_run both_uk 2026-03 UTC $uk -- currency=USD rates="$ENGAGE_ROOT/fixtures/rates/gbp_usd.csv" ||
	exit 1
workbook_has summary orders=3 gross_revenue=107.5266 refunds=12.71 units=4 \
	active_customers=2 || exit 1
workbook_has counts customers_by_customer_id=2 customers_by_name=0 combined_orders=2 \
	items_only_orders=1 || exit 1
month_keyed_hides both_uk 2026-03 UTC 'Ruth|Pembry|ruthp|Callum|cal_h' $uk -- \
	currency=USD rates="$ENGAGE_ROOT/fixtures/rates/gbp_usd.csv" || exit 1
month_run items_uk 2026-03 UTC etsy/EtsySoldOrderItems2026_uk.csv || exit 1
workbook_has summary orders=3 gross_revenue=84.60 refunds=0.00 units=4 active_customers=2 || exit 1
workbook_has counts customers_by_name=2 || exit 1
exit 0
