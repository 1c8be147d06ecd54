/*
 * workbook_summary.c - the Summary sheet (the report month's headline KPIs
 * against the previous month and the same month a year before, with a
 * 12-month sparkline), KPI trends (months x metrics, with line charts) and
 * Definitions (every figure in plain words).
 */
#include "engage/metrics.h"
#include "engage/money.h"
#include "engage/version.h"
#include "engage/workbook_sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A headline KPI of the Summary sheet. */
struct headline {
	const char *id;	    /* its id in kpis.csv */
	const char *name;   /* its name when the catalogue lacks it */
	enum wb_kind kind;  /* its kind when kpis.csv lacks it too */
	const char *absent; /* why it is absent when kpis.csv lacks it */
};

static const struct headline headlines[] = {
	{ "net_revenue", "Net revenue", WB_MONEY, "not in kpis.csv" },
	{ "orders", "Orders", WB_COUNT, "not in kpis.csv" },
	{ "aov", "Average order value", WB_MONEY, "not in kpis.csv" },
	{ "active_customers", "Active customers", WB_COUNT, "not in kpis.csv" },
	{ "new_customers", "New customers", WB_COUNT, "not in kpis.csv" },
	{ "returning_customers", "Returning customers", WB_COUNT, "not in kpis.csv" },
	{ "repeat_purchase_rate", "Repeat purchase rate", WB_RATIO, "not in kpis.csv" },
	{ "churn_rate", "Churn rate", WB_RATIO, "not in kpis.csv" },
	{ "conversion_rate", "Conversion rate", WB_RATIO,
	  "not in kpis.csv: needs a web analytics export" },
	{ "nps", "Net Promoter Score (NPS)", WB_DECIMAL,
	  "not in kpis.csv: needs an NPS survey export" },
	{ "csat", "Customer satisfaction (CSAT)", WB_RATIO,
	  "not in kpis.csv: needs a CSAT survey export" },
};

#define NHEADLINES (sizeof(headlines) / sizeof(headlines[0]))

static int is_headline(const char *id)
{
	size_t i;

	for (i = 0; i < NHEADLINES; i++)
		if (strcmp(headlines[i].id, id) == 0)
			return 1;
	return 0;
}

/* now - before as the cell shows it: exact for counts and money, to 6 decimals otherwise. */
static double difference(enum wb_kind k, struct eg_report_value now, struct eg_report_value before)
{
	if (k == WB_COUNT)
		return (double)(now.v - before.v);
	if (k == WB_MONEY)
		return (double)(now.v - before.v) / EG_MONEY_SCALE;
	return round((now.x - before.x) * 1e6) / 1e6;
}

/* A change compute gave in summary.csv. */
struct given {
	int from_compute; /* 1 when summary.csv has the metric for the report month */
	int has_change;	  /* the change is there */
	double change;	  /* the change, as compute wrote it */
	int has_ratio;	  /* the change's ratio to the earlier value is there */
	double ratio;	  /* that ratio */
};

/*
 * 1 when note, on a value that is there, says something that qualifies it
 * (a partial or first month, part of the orders, estimated from weekly
 * data), not only the export it came from ("source: NAME").
 */
static int note_qualifies(const char *note)
{
	return note[0] && (strncmp(note, "source: ", 8) != 0 || strchr(note, ';') != NULL);
}

/*
 * Writes the change from before to now at col, and in percent at col + 1:
 * compute's (g) when summary.csv has them, else worked out here.
 */
static void write_change(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k,
			 const char *id, struct eg_report_value now, struct eg_report_value before,
			 const struct given *g)
{
	double diff, base, ratio = 0;
	int has_ratio, news;
	unsigned colour;

	if (!now.present || !before.present || (g->from_compute && !g->has_change)) {
		wb_value(s, row, col, k, 0, 0, 0);
		wb_value(s, row, col + 1, k, 0, 0, 0);
		return;
	}
	diff = g->from_compute ? g->change : difference(k, now, before);
	/* Good or bad news by the metric's direction in the catalogue; none when neutral.
	 * A noted value (a partial month, ...) is not judged better or worse: grey. */
	news = eg_metric_change_news(id, diff);
	colour = note_qualifies(now.note) ? WB_GREY : news > 0 ? WB_GREEN : news < 0 ? WB_RED : 0;
	wb_number(s, row, col, diff, wb_format(s->b, wb_num_format(s->b, k, 1), colour));
	if (k == WB_RATIO)
		return; /* a change of a share is in percentage points already */
	if (g->from_compute) {
		has_ratio = g->has_ratio, ratio = g->ratio;
	} else {
		base = k == WB_COUNT || k == WB_MONEY ? (double)before.v : before.x;
		has_ratio = base != 0;
		if (has_ratio)
			ratio = (k == WB_COUNT || k == WB_MONEY ? (double)(now.v - before.v)
								: now.x - before.x) /
				fabs(base);
	}
	if (!has_ratio)
		wb_value(s, row, col + 1, k, 0, 0, 0);
	else
		wb_number(s, row, col + 1, ratio,
			  wb_format(s->b, "\xE2\x96\xB2 0.0%;\xE2\x96\xBC 0.0%;0.0%", colour));
}

/* compute's changes of metric id from summary.csv into prev and year, when it is current. */
static void given_changes(const struct eg_workbook_data *d, const char *id, struct given *prev,
			  struct given *year)
{
	const struct eg_data_table *t = &d->summary;
	long cm = eg_data_table_column(t, "metric");
	size_t r;

	memset(prev, 0, sizeof(*prev));
	memset(year, 0, sizeof(*year));
	for (r = 0; d->summary_current && r < t->nrows; r++) {
		if (strcmp(eg_data_table_cell(t, r, cm), id) != 0)
			continue;
		prev->from_compute = year->from_compute = 1;
		prev->has_change = eg_data_table_number(t, r, eg_data_table_column(t, "change"),
							&prev->change);
		prev->has_ratio = eg_data_table_number(
			t, r, eg_data_table_column(t, "change_ratio"), &prev->ratio);
		year->has_change = eg_data_table_number(
			t, r, eg_data_table_column(t, "change_last_year"), &year->change);
		year->has_ratio = eg_data_table_number(
			t, r, eg_data_table_column(t, "change_ratio_last_year"), &year->ratio);
		return;
	}
}

/* The 12 months up to m of metric i as block characters, lowest to highest; "·" when absent. */
static void sparkline(const struct eg_report *rep, size_t i, int64_t m, char *buf)
{
	static const char *const bars[] = { "\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
					    "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86",
					    "\xE2\x96\x87", "\xE2\x96\x88" };
	double lo = 0, hi = 0;
	int k, any = 0;

	buf[0] = '\0';
	for (k = 0; k < 12; k++) {
		struct eg_report_value v = eg_report_value_at(rep, m - 11 + k, i);

		if (!v.present)
			continue;
		if (!any || v.x < lo)
			lo = v.x;
		if (!any || v.x > hi)
			hi = v.x;
		any = 1;
	}
	if (!any)
		return;
	for (k = 0; k < 12; k++) {
		struct eg_report_value v = eg_report_value_at(rep, m - 11 + k, i);
		int level = 3;

		if (!v.present) {
			/* Months before the data began are left out, later gaps shown. */
			if (m - 11 + k >= rep->first_month)
				strcat(buf, "\xC2\xB7");
			continue;
		}
		if (hi > lo)
			level = (int)floor((v.x - lo) / (hi - lo) * 7 + 0.5);
		strcat(buf, bars[level]);
	}
}

/* One metric row of the Summary: idx is its index in the report, -1 when kpis.csv lacks it. */
static void summary_row(struct wb_sheet *s, lxw_row_t row, long idx, const char *name,
			enum wb_kind kind, const char *id, const char *absent)
{
	const struct eg_report *rep = s->b->rep;
	struct eg_report_value none = { 0, 0, 0, "" }, v = none, p = none, y = none;
	char spark[64], note[256];
	struct given gp, gy;
	int flagged;

	if (idx >= 0) {
		v = eg_report_value_at(rep, rep->month, (size_t)idx);
		p = eg_report_value_at(rep, rep->month - 1, (size_t)idx);
		y = eg_report_value_at(rep, rep->month - 12, (size_t)idx);
		kind = wb_kind_of_metric(&rep->metrics[idx]);
	}
	/* A value compute noted (a partial or first month, part of the orders) is set apart. */
	flagged = v.present && note_qualifies(v.note);
	wb_text(s, row, 0, name, NULL);
	wb_value(s, row, 1, kind, v.present, v.x, WB_BOLD | (flagged ? WB_FILL_GREY : 0));
	wb_value(s, row, 2, kind, p.present, p.x, 0);
	given_changes(s->b->d, id, &gp, &gy);
	write_change(s, row, 3, kind, id, v, p, &gp);
	wb_value(s, row, 5, kind, y.present, y.x, 0);
	write_change(s, row, 6, kind, id, v, y, &gy);
	spark[0] = '\0';
	if (idx >= 0)
		sparkline(rep, (size_t)idx, rep->month, spark);
	wb_text(s, row, 8, spark, wb_format(s->b, NULL, WB_GREEN));
	note[0] = '\0';
	if (idx < 0)
		snprintf(note, sizeof(note), "%s", absent);
	else if (!v.present || flagged)
		snprintf(note, sizeof(note), "%s", v.note[0] ? v.note : "no value for the month");
	else
		snprintf(note, sizeof(note), "%s", v.note); /* its source, when compute names one */
	wb_text(s, row, 9, note,
		flagged	  ? wb_format(s->b, NULL, WB_RED | WB_ITALIC)
		: note[0] ? wb_format(s->b, NULL, WB_GREY | WB_ITALIC)
			  : NULL);
}

void wb_write_summary(struct wb *b)
{
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	char title[96], now[32], prev[32], last_year[32], note[1400];
	const char *head[10];
	lxw_row_t row = 4;
	size_t i;

	wb_sheet_start(b, &s, "Summary");
	if (!s.ws)
		return;
	wb_month_name(rep->month, now, sizeof(now));
	wb_month_name(rep->month - 1, prev, sizeof(prev));
	wb_month_name(rep->month - 12, last_year, sizeof(last_year));
	snprintf(title, sizeof(title), "Monthly report: %s", now);
	snprintf(note, sizeof(note),
		 "%s%s%sGreen: a change for the better; red: for the worse. Made by engage %s. "
		 "Time zone of the months: %s%s.",
		 rep->currency[0] ? "Amounts in " : "", rep->currency, rep->currency[0] ? ". " : "",
		 ENGAGE_VERSION,
		 b->d->timezone_found[0] ? b->d->timezone_found
		 : b->d->timezone[0]	 ? b->d->timezone
					 : "UTC",
		 b->d->timezone_found[0] ? "" : ", as given");
	wb_title(&s, 0, title, note);
	head[0] = "Metric", head[1] = now, head[2] = prev, head[3] = "Change", head[4] = "Change %",
	head[5] = last_year, head[6] = "Change", head[7] = "Change %", head[8] = "Last 12 months",
	head[9] = "Note";
	wb_headers(&s, 3, 0, head, 10, 1);
	for (i = 0; i < NHEADLINES; i++, row++) {
		long idx = eg_report_find(rep, headlines[i].id);
		const char *name =
			idx >= 0 && idx < EG_M_COUNT ? rep->metrics[idx].name : headlines[i].name;

		if (idx >= 0 && rep->metrics[idx].rows == 0)
			idx = -1;
		summary_row(&s, row, idx, name, headlines[i].kind, headlines[i].id,
			    idx < 0 && eg_metric_find(headlines[i].id)
				    ? eg_metric_absent_note(eg_metric_find(headlines[i].id)->source)
				    : headlines[i].absent);
	}
	row++;
	head[0] = "Other metrics";
	wb_headers(&s, row++, 0, head, 10, 1);
	for (i = 0; i < rep->nmetrics; i++) {
		if (rep->metrics[i].rows == 0 || is_headline(rep->metrics[i].id))
			continue;
		summary_row(&s, row++, (long)i, rep->metrics[i].name, WB_COUNT, rep->metrics[i].id,
			    "");
	}
	s.width[8] = 16;
	s.width[1] = s.width[2] = s.width[5] = 14;
	if (s.width[0] < 28)
		s.width[0] = 28;
	worksheet_freeze_panes(s.ws, 4, 1);
	worksheet_activate(s.ws);
	wb_sheet_finish(&s);
}

/* Adds a series of the trends table's column col (rows 1..n) to chart. */
static void trend_series(lxw_chart *chart, long col, int64_t n, const char *name)
{
	lxw_chart_series *series;

	if (col < 0 || !chart)
		return;
	series = chart_add_series(chart, NULL, NULL);
	if (!series)
		return;
	chart_series_set_categories(series, "KPI trends", 1, 0, (lxw_row_t)n, 0);
	chart_series_set_values(series, "KPI trends", 1, (lxw_col_t)col, (lxw_row_t)n,
				(lxw_col_t)col);
	chart_series_set_name(series, name);
	chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
	chart_series_set_marker_size(series, 4);
}

void wb_write_trends(struct wb *b)
{
	static const char *const revenue[] = { "gross_revenue", "net_revenue", NULL };
	static const char *const orders[] = { "orders", NULL };
	static const char *const customers[] = { "active_customers", "new_customers",
						 "returning_customers", NULL };
	static const char *const conversion[] = { "conversion_rate", NULL };
	static const struct {
		const char *title;
		const char *const *ids;
		enum wb_kind axis;
	} charts[] = {
		{ "Revenue", revenue, WB_MONEY },
		{ "Orders", orders, WB_COUNT },
		{ "Customers", customers, WB_COUNT },
		{ "Conversion rate", conversion, WB_RATIO },
	};
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	size_t n = rep->nmetrics ? rep->nmetrics : 1;
	long *col_of = malloc(n * sizeof(long)), *chart_col = malloc(n * sizeof(long));
	lxw_col_t ncols = 1, data_first, data_col;
	lxw_row_t row;
	size_t i, c, k;
	int64_t m;
	char title[160];

	wb_sheet_start(b, &s, "KPI trends");
	if (!s.ws || !col_of || !chart_col) {
		free(col_of);
		free(chart_col);
		if (s.ws)
			wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 0, 0);
		return;
	}
	worksheet_set_row(s.ws, 0, 45, NULL);
	wb_headers(&s, 0, 0, (const char *const[]){ "Month" }, 1, 1);
	for (i = 0; i < rep->nmetrics; i++) {
		col_of[i] = chart_col[i] = -1;
		if (rep->metrics[i].rows == 0 || ncols >= WB_MAX_COLS - 16)
			continue;
		col_of[i] = ncols;
		wb_headers(&s, 0, ncols++, &rep->metrics[i].name, 1, 0);
	}
	/* The charted metrics again, after a gap, in hidden columns with gaps for n/a. */
	data_first = data_col = ncols + 1;
	for (c = 0; c < sizeof(charts) / sizeof(charts[0]); c++) {
		for (k = 0; charts[c].ids[k]; k++) {
			long i2 = eg_report_find(rep, charts[c].ids[k]);

			if (i2 < 0 || col_of[i2] < 0 || chart_col[i2] >= 0)
				continue;
			chart_col[i2] = data_col;
			snprintf(title, sizeof(title), "%s (chart data)", rep->metrics[i2].name);
			wb_note(&s, 0, data_col++, title, wb_format(b, NULL, WB_HEADER));
		}
	}
	for (m = rep->first_month, row = 1; m < rep->first_month + rep->nmonths; m++, row++) {
		wb_month(&s, row, 0, m, 0);
		for (i = 0; i < rep->nmetrics; i++) {
			struct eg_report_value v = eg_report_value_at(rep, m, i);

			if (col_of[i] >= 0)
				wb_value(&s, row, (lxw_col_t)col_of[i],
					 wb_kind_of_metric(&rep->metrics[i]), v.present, v.x, 0);
		}
		for (i = 0; i < rep->nmetrics; i++) {
			struct eg_report_value v = eg_report_value_at(rep, m, i);

			if (chart_col[i] >= 0)
				wb_chart_cell(&s, row, (lxw_col_t)chart_col[i], v.present, v.x);
		}
	}
	/* Four charts below the table, two by two. */
	row++;
	for (c = 0; c < sizeof(charts) / sizeof(charts[0]); c++) {
		lxw_row_t at = row + (lxw_row_t)(c / 2) * 18;
		lxw_col_t left = (lxw_col_t)(c % 2) * 8;
		lxw_chart *chart = NULL;
		const char *why = NULL;

		for (k = 0; charts[c].ids[k]; k++) {
			long i2 = eg_report_find(rep, charts[c].ids[k]);

			if (i2 < 0 || col_of[i2] < 0) {
				if (!why && i2 >= 0 && eg_metric_find(charts[c].ids[k]))
					why = eg_metric_absent_note(
						eg_metric_find(charts[c].ids[k])->source);
				continue;
			}
			if (!chart) {
				chart = wb_chart(b, LXW_CHART_LINE, charts[c].title);
				if (!chart)
					break;
				chart_axis_set_num_format(chart->y_axis,
							  wb_num_format(b, charts[c].axis, 0));
				chart_axis_set_num_format(chart->x_axis, "mmm yyyy");
				chart_show_hidden_data(chart);
				chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
			}
			trend_series(chart, chart_col[i2], rep->nmonths, rep->metrics[i2].name);
		}
		if (chart) {
			wb_insert_chart(&s, at, left, chart, 560, 320);
		} else {
			char msg[256];

			if (why)
				snprintf(msg, sizeof(msg), "%s: no chart, %s.", charts[c].title,
					 why);
			else
				snprintf(msg, sizeof(msg),
					 "%s: no chart, the metric is not in kpis.csv.",
					 charts[c].title);
			wb_absent(&s, at, msg);
		}
	}
	s.width[0] = 10;
	for (c = 1; c < ncols; c++)
		s.width[c] = 15;
	if (data_col > data_first)
		wb_hide_columns(&s, data_first, data_col - 1);
	worksheet_freeze_panes(s.ws, 1, 1);
	worksheet_repeat_rows(s.ws, 0, 0);
	wb_sheet_finish(&s);
	free(col_of);
	free(chart_col);
}

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
