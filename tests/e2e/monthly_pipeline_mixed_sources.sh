# One month folder holding a Shopify, a Stripe and a WooCommerce orders export
# (all in USD), Shopify's customers export and a GA4 report, through
# pipelines/monthly.pipeline to the workbook. The generic line-item source is
# not in it: its file is in GBP, and a month of several currencies needs
# clean's --currency and --rates. February 2026 in New York, by hand from the
# three fixtures (see the tests of each source alone): 17 + 1 + 2 = 20 orders,
# 911.08 + 65.64 + 91.23 = 1067.95, refunds 23.80 + 20.00 + 36.58 = 80.38, net
# 987.57. Customers meet across sources: Stripe's cus_Qdemo2 pays as
# sofia.andersen (Shopify #1015, January) and as maya.cohen, so they are one
# customer who is not new in February; WooCommerce's Chloe and Emma are
# Shopify's. 15 active, 5 new (sam, zoe, oliver, grace, hugo). Units count the
# Shopify orders only, and say so. The GA4 report's days run from 1 January to
# 31 March; Shopify's customers export dates no row.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run mixed_sources 2026-02 America/New_York shopify/orders_export.csv \
	stripe/unified_payments.csv woocommerce/orders_webtoffee.csv \
	shopify/customers_export.csv ga4/traffic_by_day_and_channel.csv || exit 1
workbook_has summary orders=20 gross_revenue=1067.95 refunds=80.38 net_revenue=987.57 \
	active_customers=15 new_customers=5 returning_customers=10 \
	"units~of the orders with line items only" || exit 1
workbook_has coverage shopify_orders=2026-01-01..2026-04-01 \
	stripe_payments=2026-01-08..2026-03-15 woocommerce_orders=2026-01-06..2026-03-21 \
	ga4_sessions=2026-01-01..2026-03-31 "shopify_customers=no dated rows" || exit 1
