# The Summary flags what the data do not cover, through
# pipelines/monthly.pipeline. fixtures/stripe/unified_payments.csv holds
# payments from 8 January to 15 March 2026 (UTC):
# - January is the first month of the order data: its new customers (2)
#   include anyone who bought before the exports begin, so new and
#   returning customers carry the note, while orders do not;
# - March ends with the data on the 15th: its orders (2), revenue (154.30)
#   and customers carry the partial-month note; the average order value,
#   a ratio, does not;
# - February is neither.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
first="first month of the order data: customers who bought before it count as new"
partial="partial month: the orders end on 2026-03-15"
month_run first 2026-01 UTC stripe/unified_payments.csv || exit 1
workbook_has summary new_customers=2 "new_customers~$first" "returning_customers~$first" \
	orders=2 orders~ || exit 1
month_run partial 2026-03 UTC stripe/unified_payments.csv || exit 1
workbook_has summary orders=2 "orders~$partial" net_revenue=154.30 "net_revenue~$partial" \
	"active_customers~$partial" aov=77.15 aov~ || exit 1
month_run whole 2026-02 UTC stripe/unified_payments.csv || exit 1
workbook_has summary orders=1 orders~ new_customers~ net_revenue~ || exit 1
