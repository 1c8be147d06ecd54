/*
 * workbook_email.c - the Email sheet: campaign figures by month and period,
 * flows apart, and the audience by the email tool's rating.
 */
#include "engage/workbook_sheets.h"

#include <string.h>


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
				wb_line_chart(b, "Email", "Open and click rates", first, last,
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
