# Shopify's Duties column in the Revenue bridge, through
# pipelines/monthly.pipeline. fixtures/shopify/orders_export_duties.csv
# holds April 2026's three orders (invented): #2001 to Canada (80.00 + 12.00
# shipping + 9.60 duties = 101.60), #2002 at home (24.50 + 6.95 + 1.47 tax =
# 32.92, no duties) and #2003 to Norway (54.00 less 5.40 off + 15.00
# shipping + 12.15 duties = 75.75). Gross sales 158.50 - discounts 5.40 +
# shipping 33.95 + tax 1.47 + duties 21.75 = the order totals 210.27: the
# month reconciles. The same export without its Duties column leaves the
# 21.75 unexplained, and the bridge says so.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run duties 2026-04 America/New_York shopify/orders_export_duties.csv || exit 1
workbook_has bridge 2026-04 check=reconciles gross_sales=158.50 discounts=5.40 \
	shipping=33.95 tax=1.47 duties=21.75 other=0 total=210.27 || exit 1
# Without the column (an older layout, or one trimmed in a spreadsheet).
mkdir -p "$TMPDIR/no_duties" || exit 1
/usr/bin/python3 - "$TMPDIR/no_duties/orders.csv" <<'PY' || exit 1
import csv, sys
with open("fixtures/shopify/orders_export_duties.csv", newline="") as f:
    rows = list(csv.reader(f))
drop = rows[0].index("Duties")
with open(sys.argv[1], "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([r[:drop] + r[drop + 1:] for r in rows])
PY
mkdir -p "$TMPDIR/without/raw/2026-04" && cp "$TMPDIR/no_duties/orders.csv" "$TMPDIR/without/raw/2026-04/" || exit 1
month_run without 2026-04 America/New_York || exit 1
workbook_has bridge 2026-04 "check=does not reconcile: 21.75 in the totals unexplained" \
	duties=0 other=21.75 total=210.27 || exit 1
