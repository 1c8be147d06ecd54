# Two Shopify stores' exports in one month folder, whose order names
# collide (#1050 to #1055 in both): orders are keyed by their Id, so
# every order of both stores is kept through the whole monthly pipeline
# and the Summary counts them all (the demo shop's 20 March orders and the
# second store's 6), with no conflicting duplicate.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run two_stores 2026-03 UTC shopify/orders_export.csv shopify/second_store_orders_export.csv ||
	exit 1
grep -q conflicting_duplicate "$out/clean/rejects.csv" &&
	{ echo "an order of one store was taken for the other's"; exit 1; }
[ "$(grep -c ',#1053,' "$out/clean/orders.csv")" -eq 2 ] ||
	{ echo "#1053 is not kept once per store"; exit 1; }
/usr/bin/python3 tests/e2e/render_check.py summary "$out/report.xlsx" orders=26 || exit 1
exit 0
