# One month folder holding a Shopify, a Stripe and a WooCommerce orders export
# (all in USD), a generic line-item file in GBP, Shopify's customers export and
# a GA4 report, through pipelines/monthly.pipeline to the workbook in USD
# (currency=USD, rates from fixtures/rates/gbp_usd.csv). February 2026 in New
# York, by hand from the fixtures (see the tests of each source alone):
# 17 + 1 + 2 + 2 = 22 orders. The generic file's two invoices are 10.00 GBP
# (2 x 5.00) and 14.00 GBP (8.00 + 3 x 2.00), at 1.2650 USD in February
# 12.65 + 17.71 = 30.36 USD; so gross 911.08 + 65.64 + 91.23 + 30.36 =
# 1098.31, refunds 23.80 + 20.00 + 36.58 = 80.38, net 1017.93. Customers meet
# across sources: Stripe's cus_Qdemo2 pays as sofia.andersen (Shopify #1015,
# January) and as maya.cohen, so they are one customer who is not new in
# February; WooCommerce's Chloe and Emma are Shopify's; the generic file's
# customers 20001 and 20002 are new. 17 active, 7 new (sam, zoe, oliver,
# grace, hugo, 20001, 20002). Units count the orders with line items only,
# Shopify's, the generic file's and WooCommerce's unpacked from its
# line_item_N cells (32 + 6 + 2 = 40), and say so. The GA4 report's days run from 1 January to 31
# March; Shopify's customers export dates no row.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run mixed_sources 2026-02 America/New_York shopify/orders_export.csv \
	stripe/unified_payments.csv woocommerce/orders_webtoffee.csv \
	generic/transactions_2026_gbp.csv shopify/customers_export.csv \
	ga4/traffic_by_day_and_channel.csv -- currency=USD \
	rates="$ENGAGE_ROOT/fixtures/rates/gbp_usd.csv" || exit 1
workbook_has summary orders=22 gross_revenue=1098.31 refunds=80.38 net_revenue=1017.93 \
	active_customers=17 new_customers=7 returning_customers=10 units=40 \
	"units~of the orders with line items only" || exit 1
workbook_has coverage shopify_orders=2026-01-01..2026-04-01 \
	stripe_payments=2026-01-08..2026-03-15 woocommerce_orders=2026-01-06..2026-03-21 \
	generic_transactions=2026-02-10..2026-02-20 \
	ga4_sessions=2026-01-01..2026-03-31 "shopify_customers=no dated rows" || exit 1
