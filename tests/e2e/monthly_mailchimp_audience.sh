# A Mailchimp audience export (its subscribed, unsubscribed and cleaned
# files) beside March's Shopify orders and no email activity. Each member's
# status comes from the file's name, the consent from the status, and
# MEMBER_RATING reaches customers.csv and the Email sheet. By hand, from
# the fixtures' orders (counted, all months):
#   rating 5: alice (4 orders, 179.90)                       1 member, 1 subscribed, 1 buyer
#   rating 4: ben (4, 173.31), chloe (4, 229.60)             2, 2, 2: 4.00 orders, 201.455 each
#   rating 3: grace (3, 149.32), reader.three (none)         2, 2, 1: 3.00, 149.32
#   rating 2: isabel (1, 113.17), reader.one, emma (4, 274.56, unsubscribed)
#                                                            3, 2, 2: 2.50, 193.865
#   rating 1: reader.two, reader.four (unsubscribed), hugo (2, 68.44, cleaned),
#             bounced.box (cleaned)                          4, 1, 1: 2.00, 68.44
# With no activity export the sheet says what the audience export cannot
# tell. The members who never bought are customers of join, not buyers.
# The shop's 2019 customers export, read after the audience files, says
# ben.carter does not accept marketing: the audience export's "subscribed"
# still wins, since members subscribe and unsubscribe in the email tool.
# The Customers sheet shows each buyer's rating (none for a buyer who is
# not in the audience).
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run audience 2026-03 UTC shopify/orders_export.csv \
	mailchimp/subscribed_members_export_4f2a9c1e7b.csv \
	mailchimp/unsubscribed_members_export_4f2a9c1e7b.csv \
	mailchimp/cleaned_members_export_4f2a9c1e7b.csv shopify/customers_export_2019.csv || exit 1
workbook_has ratings \
	5=1,1,1,4,179.90 4=2,2,2,4,201.455 3=2,2,1,3,149.32 2=3,2,2,2.5,193.865 \
	1=4,1,1,2,68.44 "note=it ranks members, but it is no rate" \
	"note=not in an audience export" || exit 1
workbook_has term "Email rating" "it ranks members" || exit 1
check() { workbook_has customer "$@" || exit 1; }
check emma.larsen@example.com "Email consent=no"
check hugo.silva@example.com "Email consent=no"
check isabel.ruiz@example.com "Email consent=yes"
check ben.carter@example.com "Email consent=yes" "Email rating=4"
check alice@example.com "Email rating=5"
check rachel.ito@example.com "Email rating="
for row in 'emma.larsen@example.com,.*,unsubscribed,2$' 'hugo.silva@example.com,.*,cleaned,1$' \
	'alice@example.com,.*,true,.*,subscribed,5$' 'bounced.box@example.com,,,,0,0.00,0.00,false,.*,cleaned,1$'; do
	grep -q "^c[0-9a-f]*,$row" "$out/join/customers.csv" || { echo "customers.csv lacks $row"; exit 1; }
done
workbook_has summary orders=20 || exit 1
workbook_has unread || exit 1
exit 0
