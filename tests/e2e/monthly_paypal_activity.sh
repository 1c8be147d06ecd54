# A shop paid through PayPal: its business account's activity download
# beside its owner's personal account's. Of the business file's March rows
# only payments received of a sale type are orders: 125.00 + 60.00 + 30.00
# + 15.00 = 230.00 gross from 4 buyers by their From Email Address (Nina
# also bought in February, so 3 new and 1 returning); the 30.00 payment is
# Refunded, so 200.00 net. The refund the shop paid for it, an
# authorisation and its void, a purchase the shop made, a currency
# conversion, a deposit, a withdrawal, a hold, a bonus and a denied payment
# are skipped, each with its reason, and counted. The personal download
# gives no orders and says so.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run paypal 2026-03 UTC paypal/Download_business_us.CSV paypal/Download_personal_uk.CSV ||
	exit 1
out="$TMPDIR/paypal/out/2026-03"
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=4 \
	gross_revenue=230.00 refunds=30.00 net_revenue=200.00 active_customers=4 new_customers=3 \
	returning_customers=1 || exit 1
m="$out/extract/extract.manifest.csv"
business="$TMPDIR/paypal/raw/2026-03/paypal_Download_business_us.CSV"
personal="$TMPDIR/paypal/raw/2026-03/paypal_Download_personal_uk.CSV"
for want in "read,15" "written,5" "rejected,10"; do
	grep -qx "extract,input,$business,$want" "$m" || { echo "business file: no $want"; exit 1; }
done
for reason in paypal_refund_paid paypal_authorisation paypal_void paypal_money_paid \
	paypal_currency_conversion paypal_deposit paypal_transfer paypal_hold paypal_not_a_sale \
	payment_not_completed; do
	grep -qx "extract,reject,$business,$reason,1" "$m" || { echo "no $reason row"; exit 1; }
done
grep -qx "extract,input,$personal,written,0" "$m" || { echo "personal file wrote orders"; exit 1; }
grep -qx "extract,stat,$personal,no_orders,6" "$m" || { echo "no no_orders stat"; exit 1; }
grep -q "paypal_Download_personal_uk.CSV: PayPal activity download with no orders" \
	"$out/logs/extract.log" || { echo "the personal download's emptiness is not said"; exit 1; }
# With --tz auto, extract reads PayPal's times again in the zone the Shopify
# file shows (New York): the second pass says the empty download once.
bin/extract --tz auto --in fixtures/paypal --in fixtures/shopify/orders_export.csv \
	--out "$TMPDIR/paypal_auto" 2>"$TMPDIR/paypal_auto.txt" || exit 1
grep -q "^5AA00000000000002,.*,2026-03-03T14:00:00Z," "$TMPDIR/paypal_auto/orders.csv" ||
	{ echo "PayPal's time not read in New York's zone"; exit 1; }
[ "$(grep -c 'PayPal activity download with no orders' "$TMPDIR/paypal_auto.txt")" = 1 ] ||
	{ cat "$TMPDIR/paypal_auto.txt"; exit 1; }
exit 0
