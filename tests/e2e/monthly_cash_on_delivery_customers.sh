# A cash-on-delivery Shopify shop: most orders have a phone and no email.
# Its customers are found by phone (+234 803 555 0101, 002348035550101 and
# '+234 803 555 0104 are the same numbers as +2348035550101 and
# +2348035550104; a billing or shipping phone serves when Phone is empty;
# 0803 555 0102 has no country code and stays as written), so March's 8
# orders have 6 active customers: 3 new (0104, 0105, 0106) and 3 returning
# (0101 and 0102 by phone, ada.obi by email); the order with a masked phone
# stays a guest's. The Data quality sheet counts customers by key, and with
# key= no phone number is left in any output while the KPIs stay the same.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
files="shopify/cash_on_delivery/orders_export.csv"
month_run cod 2026-03 UTC $files || exit 1
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=8 active_customers=6 \
	new_customers=3 returning_customers=3 || exit 1
/usr/bin/python3 tests/e2e/render_check.py counts "$out/report.xlsx" customers_by_email=1 \
	customers_by_customer_id=0 customers_by_phone=5 anonymous_rows=1 || exit 1
/usr/bin/python3 tests/e2e/render_check.py term "$out/report.xlsx" Customer \
	"without an email, by the platform's customer id" || exit 1
month_keyed_hides cod 2026-03 UTC '803 ?555|555010[1-6]' $files || exit 1
exit 0
