# A Meta Ads Manager export by campaign (fixtures/meta_ads/by_campaign/
# campaigns_march.csv) beside Stripe's payments, through
# pipelines/monthly.pipeline: March's spend, impressions and purchases per
# campaign in compute's spend_by_campaign.csv and on the Cohorts sheet. By
# hand from the fixture: Spring Roast Launch 310.45, 24,120 impressions, 17
# purchases; Subscription Retargeting 89.01, 5,102, 9; Brand Awareness 0
# (no purchases given). Spring Roast Teaser ran 15 February to 14 March, a
# range over two months, which is not spread: it is in no month.
set -u
cd "$ENGAGE_ROOT"
. tests/e2e/lib/month_folder.sh
month_run spend_by_campaign 2026-03 UTC stripe/unified_payments.csv \
	meta_ads/by_campaign/campaigns_march.csv || exit 1
want='month,channel,campaign,spend,impressions,purchases,estimated
2026-03,meta,Spring Roast Launch,310.45,24120,17,false
2026-03,meta,Subscription Retargeting,89.01,5102,9,false
2026-03,meta,Brand Awareness,0.00,0,0,false'
[ "$(cat "$out/compute/spend_by_campaign.csv")" = "$want" ] ||
	{ echo "spend_by_campaign.csv:"; cat "$out/compute/spend_by_campaign.csv"; exit 1; }
workbook_has summary marketing_spend=399.46 || exit 1
workbook_has rows Cohorts "Spend by channel and campaign" \
	"2026-03|meta|Spring Roast Launch|310.45|24120|17" \
	"2026-03|meta|Subscription Retargeting|89.01|5102|9" "2026-03|meta|Brand Awareness|0|0|0" ||
	exit 1
