/*
 * workbook_summary.c - the Summary sheet: the report month's headline KPIs against the
 * previous month and the same month a year before, with a 12-month sparkline.
 */
#include "engage/money.h"
#include "engage/version.h"
#include "engage/workbook_sheets.h"

#include <math.h>
#include <stdio.h>
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
