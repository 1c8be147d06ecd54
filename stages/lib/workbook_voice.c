/*
 * workbook_voice.c - the Voice of customer sheet (NPS, CSAT, CES and
 * support tickets by month), Email (open, click, unsubscribe and bounce
 * rates by month and campaign) and Model (BG/NBD and Gamma-Gamma
 * parameters, and the holdout comparison or why there is none).
 */
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MEASURES 48 /* voice measures shown */

static const struct {
	const char *id;	  /* measure id in voice.csv */
	const char *name; /* its column title */
} voice_measures[] = {
	{ "nps", "NPS" },
	{ "promoters", "Promoters" },
	{ "passives", "Passives" },
	{ "detractors", "Detractors" },
	{ "nps_responses", "NPS responses" },
	{ "csat", "CSAT" },
	{ "csat_responses", "CSAT responses" },
	{ "ces", "CES (mean effort)" },
	{ "ces_high_effort_rate", "High-effort share (CES)" },
	{ "ces_responses", "CES responses" },
	{ "tickets", "Tickets" },
	{ "tickets_per_100_orders", "Tickets per 100 orders" },
	{ "median_resolution_hours", "Median resolution (hours)" },
	{ NULL, NULL },
};

/* The month range of column cm of t into *lo and *hi; 0 when no row has a month. */
static int month_range(const struct eg_data_table *t, long cm, int64_t *lo, int64_t *hi)
{
	size_t r;
	int64_t m;
	int any = 0;

	for (r = 0; r < t->nrows; r++) {
		if (!wb_parse_month(eg_data_table_cell(t, r, cm), &m))
			continue;
		if (!any || m < *lo)
			*lo = m;
		if (!any || m > *hi)
			*hi = m;
		any = 1;
	}
	return any;
}

/* A line chart of one column of rows first..last, months in column 0. */
static lxw_chart *line_chart(struct wb *b, const char *sheet, const char *title, lxw_row_t first,
			     lxw_row_t last, const lxw_col_t *cols, const char *const *names, int n,
			     const char *num_format)
{
	lxw_chart *chart = wb_chart(b, LXW_CHART_LINE, title);
	int i;

	for (i = 0; chart && i < n; i++) {
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

		if (!series)
			break;
		chart_series_set_categories(series, sheet, first, 0, last, 0);
		chart_series_set_values(series, sheet, first, cols[i], last, cols[i]);
		chart_series_set_name(series, names[i]);
		chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
	}
	if (chart) {
		chart_axis_set_num_format(chart->y_axis, num_format);
		chart_axis_set_num_format(chart->x_axis, "mmm yyyy");
		chart_show_hidden_data(chart);
		chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
	}
	return chart;
}

void wb_write_voice(struct wb *b)
{
	const struct eg_data_table *t = &b->d->voice;
	struct wb_sheet s;
	const char *ids[MAX_MEASURES], *head[MAX_MEASURES + 1];
	char names[MAX_MEASURES][64], buf[320], month[32];
	enum wb_kind kinds[MAX_MEASURES];
	lxw_col_t chart_col[MAX_MEASURES];
	size_t n = 0, r, i, k;
	long cm, cme, cv, cu, cn;
	int64_t lo = 0, hi = 0, m;
	lxw_row_t row = 3, first;

	wb_sheet_start(b, &s, "Voice of customer");
	if (!s.ws)
		return;
	wb_title(&s, 0, "Voice of the customer: surveys and support",
		 "NPS = % promoters (9-10) - % detractors (0-6); CSAT = share of 4-5 of 5; CES = "
		 "mean effort score. See Definitions.");
	if (!t->present) {
		wb_absent(&s, 3,
			  "No voice of the customer: compute wrote no voice.csv. It needs survey "
			  "exports (NPS, CSAT, CES) or a support tickets export.");
		wb_sheet_finish(&s);
		return;
	}
	cm = eg_data_table_column(t, "month"), cme = eg_data_table_column(t, "measure");
	cv = eg_data_table_column(t, "value"), cu = eg_data_table_column(t, "unit");
	cn = eg_data_table_column(t, "note");
	if (wb_no_values(&s, 3, t, cv, cn, "No voice of the customer", "voice.csv")) {
		wb_sheet_finish(&s);
		return;
	}
	/* Known measures in their order, then the others as met. */
	for (k = 0; voice_measures[k].id; k++) {
		for (r = 0; r < t->nrows; r++)
			if (strcmp(eg_data_table_cell(t, r, cme), voice_measures[k].id) == 0)
				break;
		if (r < t->nrows && n < MAX_MEASURES) {
			ids[n] = voice_measures[k].id;
			snprintf(names[n], sizeof(names[n]), "%s", voice_measures[k].name);
			kinds[n] = wb_kind_of_unit(b, eg_data_table_cell(t, r, cu));
			n++;
		}
	}
	for (r = 0; r < t->nrows && n < MAX_MEASURES; r++) {
		const char *id = eg_data_table_cell(t, r, cme);

		for (i = 0; i < n && strcmp(ids[i], id) != 0; i++)
			;
		if (i < n)
			continue;
		ids[n] = id;
		wb_humanise(id, names[n], sizeof(names[n]));
		kinds[n] = wb_kind_of_unit(b, eg_data_table_cell(t, r, cu));
		n++;
	}
	if (!n || !month_range(t, cm, &lo, &hi)) {
		wb_absent(&s, 3, "No voice of the customer: voice.csv has no rows.");
		wb_sheet_finish(&s);
		return;
	}
	head[0] = "Month";
	for (i = 0; i < n; i++)
		head[i + 1] = names[i];
	worksheet_set_row(s.ws, row, 30, NULL);
	wb_headers(&s, row, 0, head, n + 1, 1);
	/* NPS and CSAT again after a gap, hidden, for the charts: gaps, not zeros, for n/a. */
	for (i = 0, k = 0; i < n; i++) {
		chart_col[i] = 0;
		if (strcmp(ids[i], "nps") == 0 || strcmp(ids[i], "csat") == 0) {
			chart_col[i] = (lxw_col_t)(n + 2 + k++);
			snprintf(buf, sizeof(buf), "%s (chart data)", names[i]);
			wb_note(&s, row, chart_col[i], buf, wb_format(b, NULL, WB_HEADER));
		}
	}
	row++;
	first = row;
	for (m = lo; m <= hi; m++, row++) {
		wb_month(&s, row, 0, m, 0);
		for (i = 0; i < n; i++) {
			double x = 0;
			int have = 0;

			for (r = 0; r < t->nrows; r++) {
				int64_t rm;

				if (wb_parse_month(eg_data_table_cell(t, r, cm), &rm) && rm == m &&
				    strcmp(eg_data_table_cell(t, r, cme), ids[i]) == 0) {
					have = eg_data_table_number(t, r, cv, &x);
					break;
				}
			}
			wb_value(&s, row, (lxw_col_t)(i + 1), kinds[i], have, x,
				 i == 0 || strcmp(ids[i], "csat") == 0 ? WB_BOLD : 0);
			if (chart_col[i])
				wb_chart_cell(&s, row, chart_col[i], have, x);
		}
	}
	/* The report month's notes: why a value is absent. */
	row++;
	snprintf(buf, sizeof(buf), "Notes for %s",
		 wb_month_name(b->rep->month, month, sizeof(month)));
	wb_note(&s, row++, 0, buf, wb_format(b, NULL, WB_SECTION));
	k = 0;
	for (r = 0; r < t->nrows; r++) {
		int64_t rm;
		const char *note = eg_data_table_cell(t, r, cn);
		char name[64];

		if (!note[0] || !wb_parse_month(eg_data_table_cell(t, r, cm), &rm) ||
		    rm != b->rep->month)
			continue;
		snprintf(buf, sizeof(buf), "%s: %s",
			 wb_humanise(eg_data_table_cell(t, r, cme), name, sizeof(name)), note);
		wb_note(&s, row++, 0, buf, wb_format(b, NULL, WB_GREY | WB_ITALIC));
		k++;
	}
	if (!k)
		wb_note(&s, row++, 0, "None.", wb_format(b, NULL, WB_GREY | WB_ITALIC));
	k = 0;
	for (i = 0; i < n; i++) {
		if (chart_col[i]) {
			lxw_col_t col = chart_col[i];
			const char *name = names[i];

			wb_insert_chart(&s, row + 1, (lxw_col_t)(k * 7),
					line_chart(b, "Voice of customer", name, first,
						   first + (lxw_row_t)(hi - lo), &col, &name, 1,
						   wb_num_format(b, kinds[i], 0)),
					480, 288);
			k++;
		}
	}
	s.width[0] = 10;
	for (i = 1; i <= n && i < WB_MAX_COLS; i++)
		s.width[i] = 13;
	if (k)
		wb_hide_columns(&s, (lxw_col_t)(n + 2), (lxw_col_t)(n + 1 + k));
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
}

/*
 * The Email sheet's section of audience members by the email tool's 1-5
 * rating (email_ratings.csv) from row on, with what an audience export
 * alone can and cannot tell; has_activity says whether the sheet shows
 * send-level figures above. Nothing when no customer has a rating.
 */
static void write_ratings(struct wb *b, struct wb_sheet *s, lxw_row_t row, int has_activity)
{
	static const char *const columns[] = { "members", "subscribed", "buyers",
					       "orders_per_buyer", "revenue_per_buyer" };
	static const enum wb_kind kinds[] = { WB_COUNT, WB_COUNT, WB_COUNT, WB_DECIMAL, WB_MONEY };
	static const char *const titles[] = { "Rating", "Members",	    "Subscribed",
					      "Buyers", "Orders per buyer", "Revenue per buyer" };
	const struct eg_data_table *t = &b->d->email_ratings;
	lxw_format *grey = wb_format(b, NULL, WB_GREY | WB_ITALIC);
	long rc = eg_data_table_column(t, "rating"), col[5];
	size_t r;
	int k;

	if (!t->present || !t->nrows)
		return;
	for (k = 0; k < 5; k++)
		col[k] = eg_data_table_column(t, columns[k]);
	wb_note(s, row++, 0, "By engagement rating (audience export)",
		wb_format(b, NULL, WB_SECTION));
	worksheet_set_row(s->ws, row, 30, NULL);
	wb_headers(s, row++, 0, titles, 6, 1);
	for (r = 0; r < t->nrows; r++, row++) {
		wb_table_value(s, row, 0, WB_COUNT, t, r, rc, WB_BOLD);
		for (k = 0; k < 5; k++)
			wb_table_value(s, row, (lxw_col_t)(k + 1), kinds[k], t, r, col[k], 0);
	}
	wb_note(s, row++, 0,
		"Members: on the audience export with this rating (subscribed, unsubscribed or "
		"cleaned). Buyers: members with at least one counted order in the data read; "
		"orders "
		"and revenue per buyer are theirs.",
		grey);
	wb_note(s, row++, 0,
		"An audience export tells each member's list status and the email tool's 1-5 "
		"rating "
		"on the day it was downloaded. The rating sums a member's whole history of opens "
		"and "
		"clicks: it ranks members, but it is no rate, has no date, and does not show that "
		"an "
		"email led to an order.",
		grey);
	if (!has_activity)
		wb_note(s, row++, 0,
			"Sends, opens, clicks and unsubscribes by month or campaign are not in an "
			"audience export: they need the campaign activity export (Klaviyo, "
			"Mailchimp).",
			grey);
}

/*
 * The email platform's period figures (email_periods.csv) from *row on:
 * rates and placed order value per list or segment for a range longer than
 * a month, shown with the range and never spread over months; SMS apart
 * from email. Nothing when there are none.
 */
static void write_period_figures(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	static const char *const titles[] = { "From",	    "To",	  "Channel",
					      "List or segment", "Open rate", "Click rate",
					      "Placed order value" };
	static const char *const cols[] = { "period_start", "period_end", "channel", "list",
					    "open_rate",    "click_rate", "order_value" };
	const struct eg_data_table *t = &b->d->email_periods;
	long c[7];
	size_t r;
	int k;

	if (!t->present || !t->nrows)
		return;
	for (k = 0; k < 7; k++)
		c[k] = eg_data_table_column(t, cols[k]);
	(*row)++;
	wb_note(s, (*row)++, 0, "Period figures (the platform's own, for their whole range)",
		wb_format(b, NULL, WB_SECTION));
	wb_note(s, (*row)++, 0,
		"Rates as the platform gives them per list or segment; a range longer than the "
		"report month is not spread over months. SMS rows are kept apart from email; "
		"(all) is a channel's placed order value over its lists.",
		wb_format(b, NULL, WB_GREY | WB_ITALIC));
	worksheet_set_row(s->ws, *row, 30, NULL);
	wb_headers(s, (*row)++, 0, titles, 7, 4);
	for (r = 0; r < t->nrows; r++, (*row)++) {
		const char *channel = eg_data_table_cell(t, r, c[2]);

		for (k = 0; k < 4; k++)
			wb_text(s, *row, (lxw_col_t)k,
				k == 2 && !*channel ? "(not given)" : eg_data_table_cell(t, r, c[k]),
				NULL);
		wb_table_value(s, *row, 4, WB_RATIO, t, r, c[4], 0);
		wb_table_value(s, *row, 5, WB_RATIO, t, r, c[5], 0);
		wb_table_value(s, *row, 6, WB_MONEY, t, r, c[6], 0);
	}
}

/*
 * The email platform's flow figures (flow_figures.csv) from *row on: per
 * flow message, for the report's range, kept apart from campaigns and
 * never spread over months, with the open rate with and without Apple
 * privacy opens. Nothing when there are none.
 */
static void write_flow_figures(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	static const char *const titles[] = {
		"From",		"To",		 "Channel",
		"Flow",		"Message",	 "Recipients",
		"Delivered",	"Unique opens",	 "Apple privacy opens",
		"Unique clicks", "Placed orders", "Open rate (Apple privacy opens included)",
		"Open rate without Apple privacy opens", "Click rate",
	};
	static const char *const cols[] = {
		"period_start", "period_end",	"channel",	      "flow",
		"message",	"recipients",	"delivered",	      "unique_opens",
		"unique_apple_opens", "unique_clicks", "orders", "open_rate",
		"open_rate_without_apple", "click_rate",
	};
	const struct eg_data_table *t = &b->d->email_flows;
	long c[14];
	size_t r;
	int k;

	if (!t->present || !t->nrows)
		return;
	for (k = 0; k < 14; k++)
		c[k] = eg_data_table_column(t, cols[k]);
	(*row)++;
	wb_note(s, (*row)++, 0, "Flows (automated messages, the platform's figures for the report's range)",
		wb_format(b, NULL, WB_SECTION));
	wb_note(s, (*row)++, 0,
		"Flows (a welcome series, an abandoned cart) are kept apart from campaigns: the "
		"email figures by month and the email KPIs come from campaigns only. A range "
		"longer than the report month is not spread over months; (all) adds up a "
		"channel's messages. Apple privacy opens are opens Apple Mail makes by loading "
		"every message, not a person reading it.",
		wb_format(b, NULL, WB_GREY | WB_ITALIC));
	worksheet_set_row(s->ws, *row, 45, NULL);
	wb_headers(s, (*row)++, 0, titles, 14, 5);
	for (r = 0; r < t->nrows; r++, (*row)++) {
		for (k = 0; k < 5; k++)
			wb_text(s, *row, (lxw_col_t)k, eg_data_table_cell(t, r, c[k]), NULL);
		for (k = 5; k < 14; k++)
			wb_table_value(s, *row, (lxw_col_t)k, k < 11 ? WB_COUNT : WB_RATIO, t, r,
				       c[k], 0);
	}
}

void wb_write_email(struct wb *b)
{
	static const char *const columns[] = { "delivered",	   "unique_opens",
					       "unique_clicks",	   "unsubscribes",
					       "bounces",	   "open_rate",
					       "click_rate",	   "unsubscribe_rate",
					       "bounce_rate",	   "unique_apple_opens",
					       "open_rate_without_apple" };
	static const char *const titles[] = { "Month",
					      "Delivered",
					      "Unique opens",
					      "Unique clicks",
					      "Unsubscribes",
					      "Bounces",
					      "Open rate (Apple privacy opens included)",
					      "Click rate",
					      "Unsubscribe rate",
					      "Bounce rate",
					      "Apple privacy opens",
					      "Open rate without Apple privacy opens" };
	const struct eg_data_table *t = &b->d->email;
	struct wb_sheet s;
	long cm, cc, col[11];
	lxw_row_t row = 3, first, last;
	size_t r, totals = 0, campaigns = 0;
	int k;
	const char *head[13];

	wb_sheet_start(b, &s, "Email");
	if (!s.ws)
		return;
	wb_title(&s, 0, "Email engagement",
		 "Rates per delivered send: unique opens, unique clicks, unsubscribes and bounces "
		 "/ delivered. The open rate counts opens as the platform does, Apple privacy "
		 "(machine) opens included; where the export gives them apart, the open rate "
		 "without them stands beside it (n/a where it does not). Campaigns only: flows "
		 "are shown apart below.");
	if (!t->present) {
		wb_absent(&s, row++,
			  "No email engagement: compute wrote no email.csv. It needs an email "
			  "activity export (Klaviyo, Mailchimp).");
		write_flow_figures(b, &s, &row);
		write_period_figures(b, &s, &row);
		write_ratings(b, &s, row + 1, 0);
		wb_sheet_finish(&s);
		return;
	}
	cm = eg_data_table_column(t, "month"), cc = eg_data_table_column(t, "campaign");
	if (wb_no_values(&s, 3, t, eg_data_table_column(t, "delivered"), -1, "No email engagement",
			 "email.csv")) {
		row = 5;
		write_flow_figures(b, &s, &row);
		write_period_figures(b, &s, &row);
		write_ratings(b, &s, row + 1, 0);
		wb_sheet_finish(&s);
		return;
	}
	for (k = 0; k < 11; k++)
		col[k] = eg_data_table_column(t, columns[k]);
	wb_note(&s, row++, 0, "By month, all campaigns", wb_format(b, NULL, WB_SECTION));
	worksheet_set_row(s.ws, row, 45, NULL);
	wb_headers(&s, row++, 0, titles, 12, 1);
	first = row;
	for (r = 0; r < t->nrows; r++) {
		int64_t m;

		if (strcmp(eg_data_table_cell(t, r, cc), "(all)") != 0)
			continue;
		if (wb_parse_month(eg_data_table_cell(t, r, cm), &m))
			wb_month(&s, row, 0, m, 0);
		else
			wb_text(&s, row, 0, eg_data_table_cell(t, r, cm), NULL);
		for (k = 0; k < 11; k++)
			wb_table_value(&s, row, (lxw_col_t)(k + 1),
				       k < 5 || k == 9 ? WB_COUNT : WB_RATIO, t, r, col[k],
				       k == 5 || k == 6 ? WB_BOLD : 0);
		row++, totals++;
	}
	last = row - 1;
	if (!totals)
		wb_absent(&s, row++, "No month totals: email.csv has no \"(all)\" rows.");
	row++;
	if (totals) {
		static const lxw_col_t rate_cols[] = { 7, 8 };
		static const char *const rate_names[] = { "Open rate", "Click rate" };

		wb_insert_chart(&s, 3, 13,
				line_chart(b, "Email", "Open and click rates", first, last,
					   rate_cols, rate_names, 2, "0%"),
				520, 300);
	}
	wb_note(&s, row++, 0, "By campaign", wb_format(b, NULL, WB_SECTION));
	head[0] = "Month", head[1] = "Campaign";
	for (k = 0; k < 11; k++)
		head[k + 2] = titles[k + 1];
	worksheet_set_row(s.ws, row, 30, NULL);
	first = row;
	wb_headers(&s, row++, 0, head, 13, 2);
	for (r = 0; r < t->nrows; r++) {
		int64_t m;

		if (strcmp(eg_data_table_cell(t, r, cc), "(all)") == 0)
			continue;
		if (wb_parse_month(eg_data_table_cell(t, r, cm), &m))
			wb_month(&s, row, 0, m, 0);
		else
			wb_text(&s, row, 0, eg_data_table_cell(t, r, cm), NULL);
		wb_text(&s, row, 1, eg_data_table_cell(t, r, cc), NULL);
		for (k = 0; k < 11; k++)
			wb_table_value(&s, row, (lxw_col_t)(k + 2),
				       k < 5 || k == 9 ? WB_COUNT : WB_RATIO, t, r, col[k], 0);
		row++, campaigns++;
	}
	if (campaigns)
		wb_check(&s, worksheet_autofilter(s.ws, first, 0, row - 1, 12), first, 0);
	else
		wb_absent(&s, row++, "No campaigns: email.csv has only month totals.");
	write_flow_figures(b, &s, &row);
	write_period_figures(b, &s, &row);
	write_ratings(b, &s, row + 1, 1);
	s.width[0] = 10;
	if (s.width[1] < 24)
		s.width[1] = 24;
	worksheet_freeze_panes(s.ws, 5, 1);
	wb_sheet_finish(&s);
}

/* What a model parameter means. */
static const char *meaning(const char *model, const char *parameter)
{
	static const struct {
		const char *model, *parameter, *meaning;
	} known[] = {
		{ "bgnbd", "r",
		  "Shape of the gamma distribution of purchase rates across customers." },
		{ "bgnbd", "alpha",
		  "Its rate, in the time unit: the mean purchase rate while active is r / alpha." },
		{ "bgnbd", "a",
		  "First shape of the beta distribution of the chance to drop out after a "
		  "purchase." },
		{ "bgnbd", "b", "Its second shape: the mean dropout chance is a / (a + b)." },
		{ "bgnbd", "log_likelihood",
		  "Log-likelihood of the customers at these parameters." },
		{ "bgnbd", "time_unit", "The unit of time of the fit." },
		{ "bgnbd", "customers", "Customers the model was fitted on." },
		{ "gamma_gamma", "p",
		  "Shape of the gamma distribution of one customer's order values." },
		{ "gamma_gamma", "q",
		  "Shape of the gamma distribution of customers' mean order values." },
		{ "gamma_gamma", "gamma", "Its scale." },
		{ "gamma_gamma", "customers",
		  "Customers with repeat orders the model was fitted on." },
		{ "holdout", "calibration_end",
		  "The cut-off: the model is fitted on the orders before it." },
		{ "holdout", "holdout_days", "Days after the cut-off whose orders are predicted." },
		{ "holdout", "r", "BG/NBD r fitted on the orders before the cut-off." },
		{ "holdout", "alpha", "BG/NBD alpha fitted on the orders before the cut-off." },
		{ "holdout", "a", "BG/NBD a fitted on the orders before the cut-off." },
		{ "holdout", "b", "BG/NBD b fitted on the orders before the cut-off." },
		{ "holdout", "customers", "Customers compared: first order before the cut-off." },
		{ "holdout", "actual_orders", "Orders they made after the cut-off." },
		{ "holdout", "predicted_orders", "Orders the model expected of them." },
		{ "holdout", "bias", "Mean of predicted - actual orders per customer." },
		{ "holdout", "mean_absolute_error",
		  "Mean of |predicted - actual| orders per customer." },
		{ "holdout", "rmse",
		  "Root mean square of predicted - actual orders per customer." },
		{ "holdout", "baseline_predicted_orders",
		  "Orders the baseline expected: each customer's past order rate (repeat orders "
		  "since the first, per day) carried forward over the holdout days." },
		{ "holdout", "baseline_mean_absolute_error",
		  "Mean of |baseline - actual| orders per customer." },
		{ "holdout", "baseline_rmse",
		  "Root mean square of baseline - actual orders per customer." },
		{ "holdout", "beats_baseline",
		  "yes when the model's mean absolute error is below the baseline's." },
		{ "holdout", "error_reduction",
		  "1 - model error / baseline error: the share of the baseline's error the model "
		  "removes (negative: the baseline did better)." },
		{ "holdout", "against_baseline", "The comparison in words." },
		{ "churn_risk", "basis",
		  "What the churn-risk bands come from: p_alive (BG/NBD), recency (days since "
		  "the last order against the customer's typical gap, when P(alive) is flat) or "
		  "none." },
		{ "", "log_likelihood", "Log-likelihood of the customers at these parameters." },
		{ "", "repeat_buyers", "Of those customers, the ones with a repeat order." },
		{ "", "nbd_r", "r of a plain NBD fit, where no customer ever drops out." },
		{ "", "nbd_alpha", "alpha of that plain NBD fit." },
		{ "", "nbd_log_likelihood", "Its log-likelihood, on the same customers." },
		{ "", "likelihood_ratio",
		  "2 x (BG/NBD - NBD log-likelihood): 5.99 or more (chi-square, 2 degrees of "
		  "freedom, 5%) means the data show customers dropping out." },
		{ "", "dropout_supported", "yes when the likelihood ratio reaches 5.99." },
		{ NULL, NULL, NULL },
	};
	size_t i;

	for (i = 0; known[i].model; i++)
		if ((!known[i].model[0] || strcmp(known[i].model, model) == 0) &&
		    strcmp(known[i].parameter, parameter) == 0)
			return known[i].meaning;
	return "";
}

static const char *model_title(const char *model)
{
	if (strcmp(model, "bgnbd") == 0)
		return "BG/NBD: how often customers buy, and when they stop";
	if (strcmp(model, "gamma_gamma") == 0)
		return "Gamma-Gamma: how much customers spend per order";
	if (strcmp(model, "churn_risk") == 0)
		return "Churn risk: what the bands on the Segments sheet come from";
	return model;
}

/* A status as people read it: "not_enough_data" is "Not enough data", into buf. */
static void status_words(const char *status, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "%s", status);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '_')
			buf[i] = ' ';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/*
 * Writes model's status line (the status and its reason) and its parameter
 * table; returns 1 when model.csv names it. "fitted" is green, a status
 * whose numbers are not used is grey and bold.
 */
static int write_model_rows(struct wb *b, struct wb_sheet *s, lxw_row_t *row, const char *model)
{
	const struct eg_data_table *t = &b->d->model;
	long cmod = eg_data_table_column(t, "model"), cpar = eg_data_table_column(t, "parameter");
	long cval = eg_data_table_column(t, "value");
	const char *status = NULL, *reason = NULL;
	char words[640], buf[2000];
	size_t r;
	int params = 0, named = 0;

	for (r = 0; t->present && r < t->nrows; r++) {
		if (strcmp(eg_data_table_cell(t, r, cmod), model) != 0)
			continue;
		named = 1;
		if (strcmp(eg_data_table_cell(t, r, cpar), "status") == 0)
			status = eg_data_table_cell(t, r, cval);
		else if (strcmp(eg_data_table_cell(t, r, cpar), "reason") == 0)
			reason = eg_data_table_cell(t, r, cval);
	}
	if (!named)
		return 0;
	if (status) {
		status_words(status, words, sizeof(words));
		snprintf(buf, sizeof(buf), "%s%s%.1200s.", words, reason ? ": " : "",
			 reason ? reason : "");
		wb_note(s, (*row)++, 0, buf,
			wb_format(b, NULL,
				  strcmp(status, "fitted") == 0	      ? WB_FILL_GREEN
				  : strcmp(status, "no_dropout") == 0 ? WB_BOLD
								      : WB_BOLD | WB_GREY));
	} else if (reason) {
		snprintf(buf, sizeof(buf), "%.1200s.", reason);
		wb_note(s, (*row)++, 0, buf, wb_format(b, NULL, WB_BOLD));
	}
	for (r = 0; r < t->nrows; r++) {
		const char *p = eg_data_table_cell(t, r, cpar);
		double x;

		if (strcmp(eg_data_table_cell(t, r, cmod), model) != 0 ||
		    strcmp(p, "status") == 0 || strcmp(p, "reason") == 0)
			continue;
		if (!params++)
			wb_headers(s, (*row)++, 0,
				   (const char *const[]){ "Parameter", "Value", "Meaning" }, 3, 1);
		wb_text(s, *row, 0, p, wb_format(b, NULL, WB_BOLD));
		if (eg_data_table_number(t, r, cval, &x))
			wb_number(s, *row, 1, x,
				  wb_format(b,
					    strcmp(p, "customers") == 0 ||
							    strcmp(p, "holdout_days") == 0 ||
							    strcmp(p, "repeat_buyers") == 0
						    ? "#,##0"
					    : x != 0 && x < 0.001 && x > -0.001 ? "0.000E+00"
										: "#,##0.0000",
					    0));
		else
			wb_text(s, *row, 1, eg_data_table_cell(t, r, cval),
				wb_format(b, NULL, WB_RIGHT));
		wb_note(s, (*row)++, 2, meaning(model, p), wb_format(b, NULL, WB_GREY));
	}
	return 1;
}

static void write_holdout(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	const struct eg_data_table *t = &b->d->holdout;
	long cf, cn, ca, cp, cmae, cb;
	lxw_row_t first, last;
	size_t r;
	int named;

	wb_note(s, (*row)++, 0,
		"Holdout check: the model fitted on orders before a cut-off, its expected orders "
		"after it against the orders customers made",
		wb_format(b, NULL, WB_SECTION));
	named = write_model_rows(b, s, row, "holdout");
	if (!t->present) {
		if (!named)
			wb_absent(s, (*row)++,
				  "No holdout comparison: compute wrote no holdout.csv.");
		return;
	}
	if (!t->nrows)
		return;
	(*row)++;
	cf = eg_data_table_column(t, "calibration_frequency");
	cn = eg_data_table_column(t, "customers");
	ca = eg_data_table_column(t, "actual_holdout_orders");
	cp = eg_data_table_column(t, "predicted_holdout_orders");
	cmae = eg_data_table_column(t, "mean_absolute_error");
	cb = eg_data_table_column(t, "baseline_holdout_orders");
	wb_headers(s, (*row)++, 0,
		   (const char *const[]){
			   "Repeat orders before the cut-off", "Customers",
			   "Actual orders per customer", "Predicted orders per customer",
			   "Difference", "Actual orders", "Predicted orders",
			   "Mean absolute error per customer",
			   "Baseline orders per customer (past rate carried forward)" },
		   cb >= 0 ? 9 : 8, 1);
	first = *row;
	for (r = 0; r < t->nrows; r++, (*row)++) {
		double n = 0, a = 0, p = 0, e = 0, base = 0;
		int hb = cb >= 0 && eg_data_table_number(t, r, cb, &base);
		int hn = eg_data_table_number(t, r, cn, &n),
		    ha = eg_data_table_number(t, r, ca, &a);
		int hp = eg_data_table_number(t, r, cp, &p),
		    he = eg_data_table_number(t, r, cmae, &e);
		int total = strcmp(eg_data_table_cell(t, r, cf), "total") == 0;
		unsigned flags = total ? WB_TOP_RULE : 0;
		double ma = a, mp = p, ta = n * a, tp = n * p;

		/* A frequency row holds means per customer; the total row the totals. */
		if (total) {
			ta = a, tp = p;
			ma = n > 0 ? a / n : 0, mp = n > 0 ? p / n : 0;
		}
		wb_text(s, *row, 0, total ? "All customers" : eg_data_table_cell(t, r, cf),
			wb_format(b, NULL, (total ? WB_LEFT : WB_RIGHT) | flags));
		wb_value(s, *row, 1, WB_COUNT, hn, n, flags);
		wb_value(s, *row, 2, WB_PRECISE, ha && (!total || n > 0), ma, flags);
		wb_value(s, *row, 3, WB_PRECISE, hp && (!total || n > 0), mp, flags);
		wb_value(s, *row, 4, WB_PRECISE, ha && hp && (!total || n > 0), mp - ma, flags);
		wb_value(s, *row, 5, WB_DECIMAL, ha && (total || hn), ta, flags);
		wb_value(s, *row, 6, WB_DECIMAL, hp && (total || hn), tp, flags);
		if (he)
			wb_value(s, *row, 7, WB_PRECISE, 1, e, flags);
		else if (total)
			wb_value(s, *row, 7, WB_PRECISE, 0, 0, flags);
		/* The baseline like the predictions: a mean per customer, a total on the total row. */
		if (cb >= 0)
			wb_value(s, *row, 8, WB_PRECISE, hb && (!total || n > 0),
				 total && n > 0 ? base / n : base, flags);
	}
	last = first;
	for (r = 0; r < t->nrows; r++)
		if (strcmp(eg_data_table_cell(t, r, cf), "total") != 0)
			last = first + (lxw_row_t)r;
	if (t->nrows > 1 || strcmp(eg_data_table_cell(t, 0, cf), "total") != 0) {
		lxw_chart *chart =
			wb_chart(b, LXW_CHART_COLUMN, "Orders per customer after the cut-off");
		lxw_chart_series *a = chart ? chart_add_series(chart, NULL, NULL) : NULL;
		lxw_chart_series *p = chart ? chart_add_series(chart, NULL, NULL) : NULL;

		if (a && p) {
			chart_series_set_categories(a, "Model", first, 0, last, 0);
			chart_series_set_values(a, "Model", first, 2, last, 2);
			chart_series_set_name(a, "Actual");
			chart_series_set_categories(p, "Model", first, 0, last, 0);
			chart_series_set_values(p, "Model", first, 3, last, 3);
			chart_series_set_name(p, "Predicted");
			chart_axis_set_name(chart->x_axis, "Repeat orders before the cut-off");
		}
		wb_insert_chart(s, *row + 1, 0, chart, 560, 300);
	}
}

void wb_write_model(struct wb *b)
{
	const struct eg_data_table *t = &b->d->model;
	struct wb_sheet s;
	const char *models[16];
	size_t nmodels = 0, r, i;
	long cmod;
	lxw_row_t row = 3;

	wb_sheet_start(b, &s, "Model");
	if (!s.ws)
		return;
	wb_title(
		&s, 0, "Customer lifetime models",
		"BG/NBD (Fader, Hardie & Lee 2005) gives P(alive) and expected orders; Gamma-Gamma "
		"the expected order value; together the predicted 12-month CLV.");
	if (!t->present) {
		wb_absent(
			&s, row++,
			"No models: compute wrote no model.csv, so there is no P(alive), expected "
			"orders or predicted CLV.");
		row++;
	} else {
		cmod = eg_data_table_column(t, "model");
		/* bgnbd and gamma_gamma first, then any other model as met; holdout last. */
		models[nmodels++] = "bgnbd";
		models[nmodels++] = "gamma_gamma";
		for (r = 0; r < t->nrows && nmodels < 16; r++) {
			const char *m = eg_data_table_cell(t, r, cmod);

			for (i = 0; i < nmodels && strcmp(models[i], m) != 0; i++)
				;
			if (i == nmodels && strcmp(m, "holdout") != 0)
				models[nmodels++] = m;
		}
		for (i = 0; i < nmodels; i++) {
			wb_note(&s, row++, 0, model_title(models[i]),
				wb_format(b, NULL, WB_SECTION));
			if (!write_model_rows(b, &s, &row, models[i]))
				wb_note(&s, row++, 0, "Not in model.csv.",
					wb_format(b, NULL, WB_BOLD | WB_GREY));
			row++;
		}
	}
	write_holdout(b, &s, &row);
	s.width[0] = 34;
	if (s.width[1] < 16)
		s.width[1] = 16;
	s.width[2] = 30;
	wb_sheet_finish(&s);
}
