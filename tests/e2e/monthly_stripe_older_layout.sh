# A Stripe shop whose month folder holds an older payments export (Created
# (UTC) without seconds, lowercase currency) and a current one, both with
# (metadata) columns. March holds 5 completed charges: 80.00 + 42.50 + 19.99
# + 55.00 + 24.00 = 221.49 gross, 42.50 + 5.00 = 47.50 refunded, 173.99 net;
# the failed one is no order. Ben's and Cleo's first charge, and Dana's only
# one, have no Customer Email: the email in their metadata finds them, so 4
# customers are active (Ana bought in February: 3 new, 1 returning). Ben's
# second charge has its Customer Email, which wins over his metadata's.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
files="stripe/payments_older_layout.csv stripe/unified_payments_metadata.csv"
month_run stripe_older 2026-03 UTC $files || exit 1
out="$TMPDIR/stripe_older/out/2026-03"
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=5 \
	gross_revenue=221.49 refunds=47.50 net_revenue=173.99 active_customers=4 new_customers=3 \
	returning_customers=1 || exit 1
exit 0
