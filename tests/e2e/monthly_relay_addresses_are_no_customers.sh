# Marketplace orders (TikTok Shop, Amazon) carry a relay address, a new
# one per order: they are read as orders without an email, so they do not
# each become a customer. Of March's 6 orders, 2 are nora.quinn's, 1 is
# found by its shipping phone and 3 are guests': 2 active customers.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run relay 2026-03 UTC shopify/marketplace_relay/orders_export.csv || exit 1
grep -qiE 'tiktokw|amazon' "$out/clean/orders.csv" && { echo "a relay address is kept"; exit 1; }
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=6 active_customers=2 \
	new_customers=2 || exit 1
/usr/bin/python3 tests/e2e/render_check.py counts "$out/report.xlsx" relay_emails=4 \
	customers_by_email=1 customers_by_phone=1 || exit 1
exit 0
