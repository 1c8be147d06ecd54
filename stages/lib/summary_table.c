/*
 * summary_table.c - the Summary sheet's figures: values, changes and their
 * tone, sparklines and notes of the headline KPIs and every other metric.
 */
#include "engage/summary_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/money.h"

/* A headline KPI of the Summary sheet. */
struct headline {
	const char *id;		  /* its id in kpis.csv */
	const char *name;	  /* its name when the catalogue lacks it */
	enum eg_metric_kind kind; /* its kind when kpis.csv lacks it too */
	const char *absent;	  /* why it is absent when kpis.csv lacks it */
};

static const struct headline headlines[] = {
	{ "net_revenue", "Net revenue", EG_METRIC_MONEY, "not in kpis.csv" },
	{ "orders", "Orders", EG_METRIC_COUNT, "not in kpis.csv" },
	{ "aov", "Average order value", EG_METRIC_MONEY, "not in kpis.csv" },
	{ "active_customers", "Active customers", EG_METRIC_COUNT, "not in kpis.csv" },
	{ "new_customers", "New customers", EG_METRIC_COUNT, "not in kpis.csv" },
	{ "returning_customers", "Returning customers", EG_METRIC_COUNT, "not in kpis.csv" },
	{ "repeat_purchase_rate", "Repeat purchase rate", EG_METRIC_RATIO, "not in kpis.csv" },
	{ "churn_rate", "Churn rate", EG_METRIC_RATIO, "not in kpis.csv" },
	{ "conversion_rate", "Conversion rate", EG_METRIC_RATIO,
	  "not in kpis.csv: needs a web analytics export" },
	{ "nps", "Net Promoter Score (NPS)", EG_METRIC_DECIMAL,
	  "not in kpis.csv: needs an NPS survey export" },
	{ "csat", "Customer satisfaction (CSAT)", EG_METRIC_RATIO,
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

/* A change compute gave in summary.csv. */
struct given {
	int from_compute; /* 1 when summary.csv has the metric for the report month */
	int has_change;	  /* the change is there */
	double change;	  /* the change, as compute wrote it */
	int has_ratio;	  /* the change's ratio to the earlier value is there */
	double ratio;	  /* that ratio */
};

/* compute's changes of metric id from summary.csv into prev and year, when it is current. */
static void given_changes(const struct eg_data_table *t, int current, const char *id,
			  struct given *prev, struct given *year)
{
	long cm = eg_data_table_column(t, "metric");
	size_t r;

	memset(prev, 0, sizeof(*prev));
	memset(year, 0, sizeof(*year));
	for (r = 0; current && r < t->nrows; r++) {
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

/*
 * 1 when note, on a value that is there, says something that qualifies it
 * (a partial or first month, part of the orders, estimated from weekly
 * data), not only the export it came from ("source: NAME").
 */
static int note_qualifies(const char *note)
{
	return note[0] && (strncmp(note, "source: ", 8) != 0 || strchr(note, ';') != NULL);
}

/* now - before as the cell shows it: exact for counts and money, to 6 decimals otherwise. */
static double difference(enum eg_metric_kind k, struct eg_report_value now,
			 struct eg_report_value before)
{
	if (k == EG_METRIC_COUNT)
		return (double)(now.v - before.v);
	if (k == EG_METRIC_MONEY)
		return (double)(now.v - before.v) / EG_MONEY_SCALE;
	return round((now.x - before.x) * 1e6) / 1e6;
}

/* The change from before to now: compute's (g) when summary.csv has it, else worked out. */
static struct eg_summary_change change_of(enum eg_metric_kind k, const char *id,
					  struct eg_report_value now, struct eg_report_value before,
					  const struct given *g)
{
	struct eg_summary_change c = { 0 };
	int exact = k == EG_METRIC_COUNT || k == EG_METRIC_MONEY;
	int news;
	double base;

	if (!now.present || !before.present || (g->from_compute && !g->has_change))
		return c;
	c.shown = 1;
	c.change = g->from_compute ? g->change : difference(k, now, before);
	/* Good or bad news by the metric's direction in the catalogue; none when neutral.
	 * A noted value (a partial month, ...) is not judged better or worse. */
	news = eg_metric_change_news(id, c.change);
	c.tone = note_qualifies(now.note) ? EG_TONE_NOTED
		 : news > 0		  ? EG_TONE_BETTER
		 : news < 0		  ? EG_TONE_WORSE
					  : EG_TONE_PLAIN;
	if (k == EG_METRIC_RATIO)
		return c; /* a change of a share is in percentage points already */
	if (g->from_compute) {
		c.has_ratio = g->has_ratio, c.ratio = g->ratio;
		return c;
	}
	base = exact ? (double)before.v : before.x;
	c.has_ratio = base != 0;
	if (c.has_ratio)
		c.ratio = (exact ? (double)(now.v - before.v) : now.x - before.x) / fabs(base);
	return c;
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

/* Fills x for the metric at index idx of rep, -1 when kpis.csv lacks it. */
static void row_of(struct eg_summary_row *x, const struct eg_report *rep,
		   const struct eg_data_table *summary, int current, long idx)
{
	struct eg_report_value none = { 0, 0, 0, "" };
	struct given gp, gy;

	x->now = x->prev = x->year = none;
	if (idx >= 0) {
		x->now = eg_report_value_at(rep, rep->month, (size_t)idx);
		x->prev = eg_report_value_at(rep, rep->month - 1, (size_t)idx);
		x->year = eg_report_value_at(rep, rep->month - 12, (size_t)idx);
		x->kind = rep->metrics[idx].kind;
	}
	/* A value compute noted (a partial or first month, part of the orders) is set apart. */
	x->flagged = x->now.present && note_qualifies(x->now.note);
	given_changes(summary, current, x->id, &gp, &gy);
	x->to_prev = change_of(x->kind, x->id, x->now, x->prev, &gp);
	x->to_year = change_of(x->kind, x->id, x->now, x->year, &gy);
	x->sparkline[0] = '\0';
	if (idx >= 0)
		sparkline(rep, (size_t)idx, rep->month, x->sparkline);
	if (idx >= 0 && (!x->now.present || x->flagged))
		snprintf(x->note, sizeof(x->note), "%s",
			 x->now.note[0] ? x->now.note : "no value for the month");
	else if (idx >= 0)
		snprintf(x->note, sizeof(x->note), "%s", x->now.note); /* its source, if named */
}

enum eg_status eg_summary_table_collect(struct eg_summary_table *out, const struct eg_report *rep,
					const struct eg_data_table *summary, int current)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->rows = calloc(NHEADLINES + rep->nmetrics, sizeof(*out->rows));
	if (!out->rows)
		return EG_EIO;
	for (i = 0; i < NHEADLINES; i++) {
		struct eg_summary_row *x = &out->rows[out->nrows++];
		long idx = eg_report_find(rep, headlines[i].id);
		const struct eg_metric_def *def = eg_metric_find(headlines[i].id);

		x->id = headlines[i].id;
		x->name = idx >= 0 && idx < EG_M_COUNT ? rep->metrics[idx].name : headlines[i].name;
		x->kind = headlines[i].kind;
		if (idx >= 0 && rep->metrics[idx].rows == 0)
			idx = -1;
		if (idx < 0)
			snprintf(x->note, sizeof(x->note), "%s",
				 def ? eg_metric_absent_note(def->source) : headlines[i].absent);
		row_of(x, rep, summary, current, idx);
	}
	out->nheadlines = NHEADLINES;
	for (i = 0; i < rep->nmetrics; i++) {
		struct eg_summary_row *x;

		if (rep->metrics[i].rows == 0 || is_headline(rep->metrics[i].id))
			continue;
		x = &out->rows[out->nrows++];
		x->id = rep->metrics[i].id;
		x->name = rep->metrics[i].name;
		row_of(x, rep, summary, current, (long)i);
	}
	return EG_OK;
}

void eg_summary_table_release(struct eg_summary_table *t)
{
	free(t->rows);
	memset(t, 0, sizeof(*t));
}
