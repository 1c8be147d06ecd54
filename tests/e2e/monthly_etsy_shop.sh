# An Etsy shop's month from its EtsySoldOrders download: March holds 4
# orders (29.30 + 32.40 + 86.40 + 23.76 = 171.86 gross) of 4 buyers known by
# their Etsy user id; 900000101 bought in February too, so 3 are new and 1
# returning. Two orders were refunded after the sale, read from the
# adjusted columns: 32.40 - 16.20 and 86.40 - 0.00, so 102.60 refunded and
# 69.26 net revenue.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run etsy 2026-03 UTC etsy/EtsySoldOrders2026.csv || exit 1
out="$TMPDIR/etsy/out/2026-03"
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=4 \
	gross_revenue=171.86 refunds=102.60 net_revenue=69.26 active_customers=4 new_customers=3 \
	returning_customers=1 || exit 1
/usr/bin/python3 tests/e2e/render_check.py counts "$out/report.xlsx" customers_by_email=0 \
	customers_by_customer_id=4 customers_by_phone=0 || exit 1
exit 0
