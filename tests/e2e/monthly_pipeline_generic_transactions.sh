# A generic line-item file (invoice lines like the UCI Online Retail file)
# alone in a month folder, through pipelines/monthly.pipeline to the
# workbook. February 2011, worked out by hand from
# fixtures/generic/transactions.csv: invoice 100004 has no valid line; 100005
# (3 x 3.39 + 2 x 3.75 = 17.67, a guest, its lines in two runs of the file)
# and 100006 (8 x 2.75 = 22.00, customer 13047, who first bought in January)
# are the month's 2 orders, 39.67 and 13 units.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run generic_transactions 2011-02 Europe/London generic/transactions.csv || exit 1
workbook_has summary orders=2 gross_revenue=39.67 refunds=0 net_revenue=39.67 \
	active_customers=1 new_customers=0 returning_customers=1 units=13 units~ || exit 1
workbook_has coverage generic_transactions=2011-01-04..2011-06-30 || exit 1
