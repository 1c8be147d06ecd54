# The Shopify customers export in its 2018-2020 layout (Accepts Marketing,
# no Customer ID) and its 2025 layout (Customer ID with a leading ',
# WhatsApp consent and metafield columns after Tags) beside March's orders:
# the profile's consent is the customer's, whatever the orders said
# (david.okafor's and farid.haddad's orders say no, their 2025 profiles yes;
# emma.larsen's orders say yes, her profile no; ben.carter no and
# isabel.ruiz yes from the 2019 file), and the 2025 file's ids reach the
# Customers sheet. The newsletter-only row (no name, no order) is a
# customer of join, not a buyer on the Customers sheet.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run shopify_customers 2026-03 UTC shopify/orders_export.csv \
	shopify/customers_export_2019.csv shopify/customers_export_2025.csv || exit 1
check() { workbook_has customer "$@" || exit 1; }
check david.okafor@example.com "Email consent=yes" "Platform customer ID=8812004500011"
check farid.haddad@example.com "Email consent=yes" "Platform customer ID=8812004500033"
check emma.larsen@example.com "Email consent=no" "Platform customer ID=8812004500022"
check ben.carter@example.com "Email consent=no" "Platform customer ID="
check isabel.ruiz@example.com "Email consent=yes"
grep -q '^c[0-9a-f]*,letters.only@example.com,,,,0,0.00,0.00,true,' "$out/join/customers.csv" ||
	{ echo "the newsletter-only profile is not a customer"; exit 1; }
workbook_has summary orders=20 || exit 1
workbook_has unread || exit 1
exit 0
