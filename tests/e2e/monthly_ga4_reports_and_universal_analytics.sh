# GA4's downloads beyond its daily traffic, and Universal Analytics', each
# through pipelines/monthly.pipeline to the workbook beside the orders
# export (20 orders in March 2026):
# - two explorations ("# <property> / <exploration> / <range>" preamble),
#   each ending with a Grand total row that is skipped (totals_row), never
#   added: March's days by channel give 52 + 40 + 61 + 19 + 44 = 216
#   sessions (432 had the total been added), 47 + 33 + 55 + 18 + 39 = 192
#   users, 30 + 11 + 36 + 2 + 14 = 93 new users, 2 + 1 + 3 + 1 + 0 = 7
#   purchases, so a conversion rate of 7 / 216 = 0.032407; the first
#   quarter by channel, a range over three months, is not spread but kept
#   with its range: 2,410 + 1,733 + 402 = 4,545 sessions (not 9,090), and
#   the Data quality sheet says GA4's data cover 1 January to 31 March;
# - the Landing page report, no time dimension, one total per page for
#   March: 1,204 + 655 + 318 + 41 = 2,218 sessions and 822 + 431 + 205 + 12
#   = 1,470 new users; its active users overlap between pages and are not
#   read, so users say so; conversions are the 20 orders / 2,218 = 0.009017;
# - the Events report for March, one figure per event: session_start's
#   2,330 sessions and its 2,104 users, first_visit's 1,402 new users,
#   view_item's 1,406 product views, add_to_cart's 251, begin_checkout's
#   117 checkouts and purchase's 64 purchases: a conversion rate of 64 /
#   2,330 = 0.027468 and cart abandonment of 1 - 64 / 251 = 0.745020;
#   page_view and user_engagement are skipped (event_not_read), not added;
# - a Reports snapshot whose "Nth day,Users" table states its own range (1
#   to 7 March) under the file's (the first quarter): 96 + 104 + 88 + 131 +
#   120 + 77 + 69 = 685 users in March, day 0000 being 1 March;
# - Universal Analytics by Date for June 2023 (with 3 invoices of that
#   month): "1,388" + 486 + "1,105" + 81 = 3,060 sessions (the totals row's
#   3,060 skipped, not added), 1,204 + 412 + 980 + 77 = 2,673 users, 1,015 +
#   230 + 802 + 64 = 2,111 new users, 14 + 5 + 9 + 1 = 29 transactions as
#   purchases, 29 / 3,060 = 0.009477; its percentages and durations are
#   left out;
# - Universal Analytics' Channels report for June 2023, one total per
#   channel for the month: 2,650 + 1,212 + 144 = 4,006 sessions, 2,210 +
#   1,015 + 130 = 3,355 users, 21 + 9 + 2 = 32 purchases; its totals row and
#   the Day Index table below (133 + 141 of the same sessions) are not
#   added.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
. tests/e2e/lib/scratch.sh

month_run ga4_explorations 2026-03 UTC shopify/orders_export.csv \
	ga4/exploration_channels_by_day.csv ga4/exploration_channels_q1.csv || exit 1
workbook_has summary sessions=216 users=192 new_users=93 purchases=7 conversion_rate=0.032407 \
	sessions~"source: ga4_sessions" || exit 1
m="$out/extract/extract.manifest.csv"
for f in exploration_channels_by_day exploration_channels_q1; do
	has_lines "$m" "extract,input,$TMPDIR/ga4_explorations/raw/2026-03/ga4_$f.csv,rejected,1"
	has_lines "$m" "extract,reject,$TMPDIR/ga4_explorations/raw/2026-03/ga4_$f.csv,totals_row,1"
done
has_lines "$out/compute/compute.manifest.csv" \
	'compute,stat,web range total ga4_sessions 2026-01-01..2026-03-31,sessions,4545'
has_lines "$out/compute/compute.manifest.csv" \
	'compute,stat,web range total ga4_sessions 2026-01-01..2026-03-31,users,3693'
workbook_has coverage shopify_orders=2026-01-01..2026-04-01 ga4_sessions=2026-01-01..2026-03-31 ||
	exit 1
# the quarter's total on the Data quality sheet (Other counts), with its range
workbook_has counts sessions=4545 users=3693 new_users=2587 || exit 1

month_run ga4_landing_pages 2026-03 UTC shopify/orders_export.csv ga4/landing_page_march.csv ||
	exit 1
workbook_has summary sessions=2218 new_users=1470 users=n/a \
	users~"ga4_landing_pages gives no users" conversion_rate=0.009017 \
	sessions~"source: ga4_landing_pages" || exit 1
# a range row covers its range: the data end on 31 March, not where the range starts
workbook_has coverage shopify_orders=2026-01-01..2026-04-01 \
	ga4_landing_pages=2026-03-01..2026-03-31 || exit 1

month_run ga4_events 2026-03 UTC shopify/orders_export.csv ga4/events_march.csv || exit 1
workbook_has summary sessions=2330 users=2104 new_users=1402 product_views=1406 \
	add_to_carts=251 checkouts=117 purchases=64 conversion_rate=0.027468 \
	cart_abandonment_rate=0.745020 sessions~"source: ga4_events" || exit 1
has_lines "$out/extract/extract.manifest.csv" \
	"extract,reject,$TMPDIR/ga4_events/raw/2026-03/ga4_events_march.csv,event_not_read,2"

month_run ga4_snapshot 2026-03 UTC shopify/orders_export.csv \
	ga4/reports_snapshot_users_by_day.csv || exit 1
workbook_has summary users=685 users~"source: ga4_users_by_day" sessions=n/a || exit 1
has_lines "$out/extract/extract.manifest.csv" \
	"extract,stat,$TMPDIR/ga4_snapshot/raw/2026-03/ga4_reports_snapshot_users_by_day.csv,blocks_read,1"

month_run universal_analytics 2023-06 UTC generic/transactions_2023_06.csv \
	ga4/ua_all_web_site_data_by_date.csv || exit 1
workbook_has summary orders=3 sessions=3060 users=2673 new_users=2111 purchases=29 \
	conversion_rate=0.009477 sessions~"source: ua_sessions" || exit 1
has_lines "$out/extract/extract.manifest.csv" \
	"extract,reject,$TMPDIR/universal_analytics/raw/2023-06/ga4_ua_all_web_site_data_by_date.csv,totals_row,1"
month_run ua_channels 2023-06 UTC generic/transactions_2023_06.csv ga4/ua_channels.csv || exit 1
workbook_has summary sessions=4006 users=3355 new_users=2545 purchases=32 \
	sessions~"source: ua_channels" || exit 1
exit 0
