# A shop that sells on its WooCommerce site (USD), in its UK Etsy shop (GBP)
# and through PayPal (USD), all three downloads in one month folder. With
# currency=USD and rates= (GBP at 1.2710 in March) the month is one workbook
# in dollars: March holds 7 orders, Etsy's 25.20 and 40.00 GBP (32.0292 and
# 50.84 USD, 10.00 GBP = 12.71 USD of it refunded), PayPal's 125.00, 60.00,
# 30.00 (refunded) and 15.00, and WooCommerce's 54.44 on-hold order (its
# failed one is no order): 367.3092 gross, 42.71 refunded, 324.5992 net.
# Seven buyers: two Etsy user ids, four PayPal emails, one WooCommerce
# email; Nina bought through PayPal in February, so 6 are new. Without a
# report currency the month stops in clean, naming the two currencies.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
files="woocommerce/orders_webtoffee.csv etsy/EtsySoldOrders2026_uk.csv paypal/Download_business_us.CSV"
month_run mixed 2026-03 UTC $files -- currency=USD rates="$ENGAGE_ROOT/fixtures/rates/gbp_usd.csv" ||
	exit 1
out="$TMPDIR/mixed/out/2026-03"
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=7 \
	gross_revenue=367.3092 refunds=42.71 net_revenue=324.5992 active_customers=7 \
	new_customers=6 returning_customers=1 || exit 1
# The values of clean's orders.csv column $1, each once.
column() {
	awk -F, -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		{ print $c }' "$out/clean/orders.csv" | sort -u | tr '\n' ' '
}
currencies=$(column currency)
[ "$currencies" = "USD " ] || { echo "clean's orders are in: $currencies"; exit 1; }
sources=$(column source)
[ "$sources" = "etsy_sold_orders paypal_activity woocommerce_orders " ] ||
	{ echo "sources: $sources"; exit 1; }
if month_run mixed_no_rates 2026-03 UTC $files >/dev/null; then
	echo "two currencies without a report currency went through"
	exit 1
fi
grep -q "orders in several currencies (GBP, USD): give --currency and --rates" \
	"$TMPDIR/mixed_no_rates/out/2026-03/logs/clean.log" || { echo "clean did not say why"; exit 1; }
exit 0
