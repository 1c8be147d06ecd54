/*
 * workbook_definitions.c - the Definitions sheet: every figure in plain words.
 */
#include "engage/workbook_sheets.h"

#include <stdio.h>


/* A term of the Definitions sheet that the metric catalogue does not define. */
struct term {
	const char *name;	/* as people say it */
	const char *id;		/* its id in files, "" for a concept */
	const char *definition; /* in plain words, after stages/compute/METRICS.md */
};

static const struct term web_terms[] = {
	{ "Conversion rate", "conversion_rate",
	  "Purchases (or orders) / sessions; also / users when users are given (1,000 purchases "
	  "from 5,000 visitors is 20%)." },
	{ "Funnel step rates", "",
	  "Sessions, then product views, add to cart, checkout and purchase: each step as a share "
	  "of the step before and of sessions." },
	{ "Cart abandonment rate", "cart_abandonment_rate", "1 - purchases / add-to-carts." },
	{ "Returning visitor rate", "returning_visitor_rate", "(Users - new users) / users." },
	{ "Revenue per visitor", "revenue_per_visitor", "Net revenue / users." },
	{ "Average engagement time", "average_engagement_time",
	  "Engagement seconds / users (\"actions time\")." },
	{ "Engaged session rate", "engaged_session_rate", "Engaged sessions / sessions." },
	{ "Source of a web figure", "",
	  "Each month's web figures come from one report, named beside them (\"source: "
	  "shopify_behavior\"): the funnel from the most preferred report that gives sessions and "
	  "a funnel step, the visitors from the most preferred that gives users. Preferred first: "
	  "Shopify's Customer behavior, Sessions over time and Visitors over time reports, then "
	  "GA4's traffic, user acquisition and new users. Figures of two reports are never added "
	  "up." },
	{ "Estimated from weekly data", "",
	  "A week that crosses a month's end is split by its days in each month (a week with 6 "
	  "days in February and 1 in March gives 6/7 of its figure to February), so the month's "
	  "figure is an estimate. A total for a range longer than a month is not spread over "
	  "months: the Data quality sheet shows it with its range." },
	{ "Web, email and spend reports read", "",
	  "Shopify Analytics: Customer behavior (its funnel), Sessions over time, Visitors over "
	  "time, New vs returning customers. GA4: traffic by day, week number or nth week, user "
	  "acquisition (per week, or one total for the report's range), new users by nth week. "
	  "Klaviyo: campaigns export and campaign performance report. Meta Ads Manager: amount "
	  "spent per reporting range or day. Stripe: customers export (Total Spend, Payment "
	  "Count). A GA4 week number without a year takes the year of the report's start date: "
	  "weeks start on Sunday, the days before the year's first Sunday are week 00." },
	{ "Shopify Analytics funnel", "",
	  "Shopify's Customer behavior report: sessions, sessions with cart additions (add to "
	  "cart), sessions that reached checkout (checkout) and sessions that completed checkout "
	  "(purchase). Its conversion rate, completed checkouts / sessions, is Shopify's own." },
	{ "CLV : CAC", "",
	  "A cohort's cumulative net revenue per customer / the customer acquisition cost of its "
	  "first month: above 1 once its customers have brought back what acquiring them cost." },
	{ "Platform check", "",
	  "A platform's own figure for a period (Shopify's new and returning customers) beside "
	  "engage's on the platform's definition and on its own. Shopify counts cancelled orders, "
	  "and a customer with a first and a later order in one period as both new and "
	  "returning; engage leaves cancelled orders out and counts as returning only customers "
	  "whose first order is before the period." },
	{ "Spend by campaign", "",
	  "The report month's ad spend, impressions and purchases per channel and campaign, as "
	  "the ad platform's export gives them (purchases are the platform's attribution); a "
	  "week across a month's end is split by its days and marked estimated." },
	{ "Email period figures", "",
	  "An email platform's own rates and placed order value per list or segment for a range "
	  "longer than a month (Klaviyo's custom report grouped by year), shown on the Email "
	  "sheet with their range. Rates cannot be added up into months, so they are never "
	  "spread over them; SMS rows are kept apart from email." },
	{ "NPS (Net Promoter Score)", "nps",
	  "% promoters (9-10) - % detractors (0-6) on the 0-10 scale; passives are 7-8. Reported "
	  "with the counts of each." },
	{ "CSAT", "csat", "Share of responses at the top two points of the scale (4-5 of 5)." },
	{ "CES", "ces",
	  "Mean effort score on its scale (for example 1-7), and the share of responses reporting "
	  "high effort." },
	{ "Tickets per 100 orders", "tickets_per_100_orders", "Support tickets / orders x 100." },
	{ "Resolution time", "median_resolution_hours",
	  "Median hours from a ticket's creation to its solution." },
	{ "Open rate, click rate", "open_rate",
	  "Unique opens (clicks) / delivered sends, per campaign and per month." },
	{ "Unsubscribe rate, bounce rate", "unsubscribe_rate", "Per delivered send." },
	{ "Marketing-engaged customers", "marketing_engaged_customers",
	  "Customers with an email open or click in the trailing 90 days." },
	{ NULL, NULL, NULL },
};

static const struct term sheet_terms[] = {
	{ "Customer", "",
	  "The buyer of an order, found by its email; without an email, by the platform's "
	  "customer id (Stripe, WooCommerce); without either, by its phone (Phone, then Billing "
	  "Phone, then Shipping Phone: + and digits when written with + or 00, else the digits "
	  "as written); without any of these, by the buyer's name where an export names buyers "
	  "only (WooCommerce Analytics), within that export's store. An order with none of these "
	  "is a guest order: it counts in orders and "
	  "revenue, not in customer metrics. A marketplace relay address (TikTok Shop, Amazon: "
	  "one per order) counts as no email. The Data quality sheet counts customers by the "
	  "key that found them." },
	{ "Email rating", "",
	  "The email tool's 1-5 engagement rating of an audience member (Mailchimp's "
	  "MEMBER_RATING), as the audience export gives it on the day it was downloaded: it "
	  "sums the member's whole history of opens and clicks, so it ranks members; it is no "
	  "rate and has no date. The Email sheet counts members, subscribed members and buyers "
	  "by rating." },
	{ "Acquisition cohort", "",
	  "Customers grouped by the month of their first order. For each cohort and month since "
	  "the "
	  "first order: active customers, the share of the cohort active (retention), net revenue, "
	  "and cumulative net revenue per customer." },
	{ "Historical CLV", "",
	  "Cumulative net revenue per customer of a cohort, by months since the first order." },
	{ "RFM scores", "",
	  "Recency (whole days from the last order to the day after the report month), frequency "
	  "(orders) and monetary (their gross revenue), each scored 1-5 by rank; equal values "
	  "share a score. FM = (F + M + 1) div 2. Below 100 customers, or when recency "
	  "quintiles are days apart, R and F use fixed thresholds (R 5 within 30 days, 4 within "
	  "90, 3 within 180, 2 within 365; F by orders: 1, 2, 3, 4-5, 6+)." },
	{ "Segment", "",
	  "From the R score and the FM score by the RFM grid (Champions, Loyal Customers, ... "
	  "Lost), "
	  "a data file marketing can edit." },
	{ "Segment moves", "",
	  "Each customer's segment at the previous month's end beside this month's: who stayed, "
	  "who "
	  "moved where, and who is new." },
	{ "Engagement model", "",
	  "How a segment is served: high-touch (personal outreach), low-touch (scaled automated "
	  "email), customer success manager (a named owner for the most valuable accounts), "
	  "automated retention (a win-back flow triggered by churn risk), hybrid (automation with "
	  "human follow-up)." },
	{ "P(alive)", "p_alive",
	  "The probability that a customer is still active, from the BG/NBD model (Fader, Hardie & "
	  "Lee 2005) fitted on each customer's repeat orders, recency and age." },
	{ "Expected orders", "expected_orders_30",
	  "Orders the BG/NBD model expects from the customer in the next 30, 90 and 365 days." },
	{ "Predicted CLV", "predicted_clv_12m",
	  "Expected orders in the next 12 months x the expected order value from the Gamma-Gamma "
	  "spend model." },
	{ "Churn risk", "churn_risk",
	  "A band of P(alive), for example high risk below 0.3; when P(alive) is flat (nearly "
	  "everyone alive), a band of recency instead: days since the last order over the "
	  "customer's typical days between orders, 3 or more high risk, 1.5 or more medium. "
	  "\"Churn risk from\" says which. Empty when the model cannot be used (see the Model "
	  "sheet)." },
	{ "Model status", "",
	  "fitted; no_dropout (nobody seen to stop buying: P(alive) says nothing, expected "
	  "orders stand); not_enough_data (under 30 customers or 10 repeat buyers); degenerate "
	  "(parameters where the likelihood is flat); not_converged. Only the first two are "
	  "used." },
	{ "Holdout comparison", "",
	  "The model fitted on orders up to a cut-off date, its expected orders after it compared "
	  "with the orders customers actually made, by the number of repeat orders before the "
	  "cut-off." },
	{ "Revenue bridge", "",
	  "Per month: gross sales (line items before discounts) - discounts + shipping + tax + "
	  "duties + other = order totals; net revenue = order totals - refunds. Other is what the "
	  "exported totals hold beyond their parts (tips, fees, or totals that do not add up): it "
	  "is shown, never hidden." },
	{ "First month of the data", "",
	  "The month of the earliest order in the exports: everyone who buys in it counts as a new "
	  "customer, those who bought before the exports begin included. The Summary notes its new "
	  "and returning customers." },
	{ "Partial month", "",
	  "A month the order data end inside (the last order is before its last day): its orders, "
	  "revenue and customer counts cover part of it and are not comparable with whole months. "
	  "The Summary sets them apart on grey with a note." },
	{ "Awareness", "", "Users, new users, email sends delivered." },
	{ "Consideration", "", "Product views, add-to-carts, email clicks." },
	{ "Conversion", "", "Purchases, new customers, conversion rate." },
	{ "Retention", "", "Returning customers, repeat purchase rate, churn rate." },
	{ "Advocacy", "", "NPS promoters, loyalty programme members, referrals where exported." },
	{ NULL, NULL, NULL },
};

static void definition_row(struct wb_sheet *s, lxw_row_t row, const char *name, const char *id,
			   const char *definition)
{
	wb_text(s, row, 0, name, wb_format(s->b, NULL, WB_WRAP | WB_BOLD));
	wb_text(s, row, 1, id, wb_format(s->b, NULL, WB_WRAP | WB_GREY));
	wb_note(s, row, 2, definition, wb_format(s->b, NULL, WB_WRAP));
}

void wb_write_definitions(struct wb *b)
{
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	lxw_row_t row = 3;
	char note[384];
	size_t i;

	wb_sheet_start(b, &s, "Definitions");
	if (!s.ws)
		return;
	snprintf(note, sizeof(note),
		 "Every figure of this workbook in plain words. Months are calendar months in the "
		 "report timezone (%s). An order excludes test and fully cancelled orders. Each "
		 "metric's unit, direction and source are in engage's stages/compute/METRICS.md.",
		 b->d->timezone[0] ? b->d->timezone : "UTC");
	wb_title(&s, 0, "Definitions", note);
	wb_headers(&s, row++, 0, (const char *const[]){ "Term", "Id", "Definition" }, 3, 3);
	wb_note(&s, row++, 0, "KPIs", wb_format(b, NULL, WB_SECTION));
	for (i = 0; i < rep->nmetrics; i++)
		definition_row(
			&s, row++, rep->metrics[i].name, rep->metrics[i].id,
			rep->metrics[i].definition
				? rep->metrics[i].definition
				: "Not defined by this version of engage: a metric of a newer "
				  "compute, shown as kpis.csv has it.");
	wb_note(&s, row++, 0, "Web, voice of the customer and email",
		wb_format(b, NULL, WB_SECTION));
	for (i = 0; web_terms[i].name; i++)
		if (!web_terms[i].id[0] || eg_report_find(rep, web_terms[i].id) < 0)
			definition_row(&s, row++, web_terms[i].name, web_terms[i].id,
				       web_terms[i].definition);
	wb_note(&s, row++, 0, "Cohorts, segments, models and the journey",
		wb_format(b, NULL, WB_SECTION));
	for (i = 0; sheet_terms[i].name; i++)
		definition_row(&s, row++, sheet_terms[i].name, sheet_terms[i].id,
			       sheet_terms[i].definition);
	s.width[0] = 30;
	s.width[1] = 30;
	worksheet_set_column(s.ws, 2, 2, 100, NULL);
	worksheet_freeze_panes(s.ws, 4, 0);
	wb_sheet_finish(&s);
}
