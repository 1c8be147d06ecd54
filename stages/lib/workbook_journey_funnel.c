/*
 * workbook_journey_funnel.c - the Journey sheet (the customer journey's stages by month) and the
 * Funnel sheet (the steps from visit to purchase), which share their
 * stage order, change cells and funnel chart.
 */
#include "engage/workbook_sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 64 /* journey measures or funnel steps a sheet shows */

static const char *const stages[] = { "awareness", "consideration", "conversion",
				      "retention", "advocacy",	    NULL };

/* The rank of a journey stage: its place in the five, or 5 for another. */
static int stage_rank(const char *stage)
{
	int i;

	for (i = 0; stages[i]; i++)
		if (strcmp(stages[i], stage) == 0)
			return i;
	return i;
}

/* The row of t whose column cols[0] is month m and whose columns cols[1..] equal keys; -1 if none. */
static long find_row(const struct eg_data_table *t, long month_col, int64_t m, const long *cols,
		     const char *const *keys, int nkeys)
{
	size_t r;
	int k;

	for (r = 0; r < t->nrows; r++) {
		int64_t rm;

		if (!wb_parse_month(eg_data_table_cell(t, r, month_col), &rm) || rm != m)
			continue;
		for (k = 0; k < nkeys && strcmp(eg_data_table_cell(t, r, cols[k]), keys[k]) == 0;
		     k++)
			;
		if (k == nkeys)
			return (long)r;
	}
	return -1;
}

/* Writes the change from before to now (both present) and in percent. */
static void change_cells(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k,
			 int have_now, double now, int have_before, double before)
{
	double diff;

	if (!have_now || !have_before) {
		wb_value(s, row, col, k, 0, 0, 0);
		wb_value(s, row, col + 1, k, 0, 0, 0);
		return;
	}
	diff = round((now - before) * 1e6) / 1e6;
	wb_number(s, row, col, diff, wb_format(s->b, wb_num_format(s->b, k, 1), 0));
	if (before == 0 || k == WB_RATIO)
		wb_value(s, row, col + 1, k, 0, 0, 0);
	else
		wb_number(s, row, col + 1, (now - before) / fabs(before),
			  wb_format(s->b, "\xE2\x96\xB2 0.0%;\xE2\x96\xBC 0.0%;0.0%", 0));
}

/* A stacked bar chart drawn as a funnel: an invisible offset series centres each bar. */
static lxw_chart *funnel_chart(struct wb *b, const char *sheet, const char *title, lxw_row_t first,
			       lxw_row_t last, lxw_col_t categories, lxw_col_t offsets,
			       lxw_col_t values)
{
	lxw_chart *chart = wb_chart(b, LXW_CHART_BAR_STACKED, title);
	lxw_chart_series *pad, *bars;
	lxw_chart_fill none = { 0 };
	lxw_chart_line no_line = { 0 };

	if (!chart)
		return NULL;
	pad = chart_add_series(chart, NULL, NULL);
	bars = chart_add_series(chart, NULL, NULL);
	if (!pad || !bars)
		return chart;
	chart_series_set_categories(pad, sheet, first, categories, last, categories);
	chart_series_set_values(pad, sheet, first, offsets, last, offsets);
	none.none = LXW_TRUE;
	no_line.none = LXW_TRUE;
	chart_series_set_fill(pad, &none);
	chart_series_set_line(pad, &no_line);
	chart_series_set_categories(bars, sheet, first, categories, last, categories);
	chart_series_set_values(bars, sheet, first, values, last, values);
	chart_series_set_name(bars, title);
	chart_series_set_labels(bars);
	chart_series_set_labels_num_format(bars, "#,##0");
	chart_set_series_gap(chart, 40);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* In a bar chart libxlsxwriter's y_axis is the vertical category axis: first on top. */
	chart_axis_set_reverse(chart->y_axis);
	chart_axis_set_crossing_max(chart->y_axis);
	chart_axis_off(chart->x_axis);
	chart_axis_major_gridlines_set_visible(chart->x_axis, LXW_FALSE);
	return chart;
}

/* One measure of the Journey. */
struct measure {
	const char *stage;   /* its stage id */
	const char *measure; /* its measure id */
	int rank;	     /* the stage's rank */
	size_t order;	     /* first appearance, for a stable order */
};

static int by_stage(const void *a, const void *b)
{
	const struct measure *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->rank == 5 && strcmp(x->stage, y->stage) != 0)
		return strcmp(x->stage, y->stage);
	return x->order < y->order ? -1 : x->order > y->order;
}

void wb_write_journey(struct wb *b)
{
	const struct eg_data_table *t = &b->d->journey;
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	struct measure items[MAX_ITEMS];
	size_t n = 0, r, i;
	long cm, cs, cme, cv, cu, cn;
	char now[32], prev[32], title[128], buf[128];
	const char *head[7];
	lxw_row_t row = 3, chart_first, chart_row;
	int nstages = 0, k;
	double top = 0;
	struct {
		const char *stage;   /* stage id */
		const char *measure; /* its headline measure */
		int have_now, have_prev;
		double now, prev;
	} heads[16];

	wb_sheet_start(b, &s, "Journey");
	if (!s.ws)
		return;
	wb_month_name(rep->month, now, sizeof(now));
	wb_month_name(rep->month - 1, prev, sizeof(prev));
	snprintf(title, sizeof(title), "Customer journey: %s against %s", now, prev);
	wb_title(&s, 0, title,
		 "The five engagement stages of the Definitions sheet, each with the measures its "
		 "exports give.");
	if (!t->present) {
		wb_absent(
			&s, 3,
			"No customer journey: compute wrote no journey.csv, so there is nothing to "
			"show for the five stages.");
		wb_sheet_finish(&s);
		return;
	}
	cm = eg_data_table_column(t, "month"), cs = eg_data_table_column(t, "stage");
	cme = eg_data_table_column(t, "measure"), cv = eg_data_table_column(t, "value");
	cu = eg_data_table_column(t, "unit"), cn = eg_data_table_column(t, "note");
	if (wb_no_values(&s, 3, t, cv, cn, "No customer journey", "journey.csv")) {
		wb_sheet_finish(&s);
		return;
	}
	for (r = 0; r < t->nrows && n < MAX_ITEMS; r++) {
		int64_t m;

		if (!wb_parse_month(eg_data_table_cell(t, r, cm), &m) ||
		    (m != rep->month && m != rep->month - 1))
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(items[i].stage, eg_data_table_cell(t, r, cs)) == 0 &&
			    strcmp(items[i].measure, eg_data_table_cell(t, r, cme)) == 0)
				break;
		if (i < n)
			continue;
		items[n].stage = eg_data_table_cell(t, r, cs);
		items[n].measure = eg_data_table_cell(t, r, cme);
		items[n].rank = stage_rank(items[n].stage);
		items[n].order = n;
		n++;
	}
	if (!n) {
		snprintf(buf, sizeof(buf),
			 "No customer journey for %s: journey.csv has no row for it.", now);
		wb_absent(&s, 3, buf);
		wb_sheet_finish(&s);
		return;
	}
	qsort(items, n, sizeof(items[0]), by_stage);
	head[0] = "Stage", head[1] = "Measure", head[2] = now, head[3] = prev, head[4] = "Change",
	head[5] = "Change %", head[6] = "Note";
	wb_headers(&s, row++, 0, head, 7, 2);
	for (i = 0; i < n; i++, row++) {
		long keys_cols[2] = { cs, cme };
		const char *keys[2] = { items[i].stage, items[i].measure };
		long rn = find_row(t, cm, rep->month, keys_cols, keys, 2);
		long rp = find_row(t, cm, rep->month - 1, keys_cols, keys, 2);
		const char *unit = eg_data_table_cell(t, (size_t)(rn >= 0 ? rn : rp), cu);
		enum wb_kind kind = wb_kind_of_unit(b, unit);
		double vn = 0, vp = 0;
		int hn = rn >= 0 && eg_data_table_number(t, (size_t)rn, cv, &vn);
		int hp = rp >= 0 && eg_data_table_number(t, (size_t)rp, cv, &vp);
		const char *note = rn >= 0 ? eg_data_table_cell(t, (size_t)rn, cn) : "";

		if (i == 0 || strcmp(items[i].stage, items[i - 1].stage) != 0) {
			wb_text(&s, row, 0, wb_humanise(items[i].stage, buf, sizeof(buf)),
				wb_format(b, NULL, WB_BOLD));
			if (nstages < 16) {
				heads[nstages].stage = items[i].stage;
				heads[nstages].measure = NULL;
				nstages++;
			}
		}
		wb_text(&s, row, 1, wb_humanise(items[i].measure, buf, sizeof(buf)), NULL);
		wb_value(&s, row, 2, kind, hn, vn, WB_BOLD);
		wb_value(&s, row, 3, kind, hp, vp, 0);
		change_cells(&s, row, 4, kind, hn, vn, hp, vp);
		if (!hn && !note[0])
			note = rn < 0 ? "no row for the month" : "";
		wb_text(&s, row, 6, note, note[0] ? wb_format(b, NULL, WB_GREY | WB_ITALIC) : NULL);
		/* A stage's headline is its first count with a value this month. */
		if (nstages && !heads[nstages - 1].measure && hn && kind == WB_COUNT &&
		    strcmp(heads[nstages - 1].stage, items[i].stage) == 0) {
			heads[nstages - 1].measure = items[i].measure;
			heads[nstages - 1].have_now = hn, heads[nstages - 1].now = vn;
			heads[nstages - 1].have_prev = hp, heads[nstages - 1].prev = vp;
			if (vn > top)
				top = vn;
			if (hp && vp > top)
				top = vp;
		}
	}
	/* The funnel charts' data: each stage's headline, and the offsets that centre it. */
	row++;
	wb_note(&s, row++, 0, "Funnel chart data: each stage's first count",
		wb_format(b, NULL, WB_SECTION));
	head[0] = "Stage", head[1] = "Measure", head[2] = now, head[3] = prev,
	head[4] = "Offset (chart)", head[5] = "Offset (chart)";
	wb_headers(&s, row++, 0, head, 6, 2);
	chart_first = row;
	for (k = 0; k < nstages; k++, row++) {
		wb_text(&s, row, 0, wb_humanise(heads[k].stage, buf, sizeof(buf)), NULL);
		if (!heads[k].measure) {
			wb_text(&s, row, 1, "no count this month",
				wb_format(b, NULL, WB_GREY | WB_ITALIC));
			wb_number(&s, row, 2, 0, wb_format(b, "#,##0", 0));
			wb_number(&s, row, 3, 0, wb_format(b, "#,##0", 0));
			wb_number(&s, row, 4, top / 2, wb_format(b, "#,##0", WB_GREY));
			wb_number(&s, row, 5, top / 2, wb_format(b, "#,##0", WB_GREY));
			continue;
		}
		wb_text(&s, row, 1, wb_humanise(heads[k].measure, buf, sizeof(buf)), NULL);
		wb_value(&s, row, 2, WB_COUNT, 1, heads[k].now, 0);
		wb_value(&s, row, 3, WB_COUNT, heads[k].have_prev, heads[k].prev, 0);
		wb_number(&s, row, 4, (top - heads[k].now) / 2, wb_format(b, "#,##0", WB_GREY));
		wb_number(&s, row, 5, (top - (heads[k].have_prev ? heads[k].prev : 0)) / 2,
			  wb_format(b, "#,##0", WB_GREY));
	}
	chart_row = row + 1;
	if (nstages) {
		wb_insert_chart(&s, chart_row, 0,
				funnel_chart(b, "Journey", now, chart_first, row - 1, 0, 4, 2), 480,
				300);
		wb_insert_chart(&s, chart_row, 4,
				funnel_chart(b, "Journey", prev, chart_first, row - 1, 0, 5, 3),
				480, 300);
	}
	s.width[0] = 16;
	if (s.width[1] < 24)
		s.width[1] = 24;
	s.width[6] = 40;
	worksheet_freeze_panes(s.ws, 4, 2);
	wb_sheet_finish(&s);
}

/* The name of a funnel step. */
static const char *step_name(const char *step, char *buf, size_t n)
{
	static const char *const ids[] = { "sessions",	"product_views", "add_to_carts",
					   "checkouts", "purchases",	 NULL };
	static const char *const names[] = { "Sessions", "Product views", "Add to cart", "Checkout",
					     "Purchase" };
	int i;

	for (i = 0; ids[i]; i++)
		if (strcmp(ids[i], step) == 0)
			return names[i];
	return wb_humanise(step, buf, n);
}

/*
 * Writes, under the Funnel sheet's title, where the report month's funnel
 * came from as kpis.csv notes it ("source: shopify_behavior", and
 * "estimated from weekly data" when a week was split), when it says.
 */
static void source_line(struct wb_sheet *s, const struct eg_report *rep, const char *month)
{
	struct eg_report_value v = eg_report_get(rep, rep->month, EG_M_SESSIONS);
	char line[320];

	if (!v.present || !v.note[0])
		return;
	snprintf(line, sizeof(line), "%s: %s", month, v.note);
	wb_note(s, 2, 0, line, wb_format(s->b, NULL, WB_GREY | WB_ITALIC));
}

void wb_write_funnel(struct wb *b)
{
	const struct eg_data_table *t = &b->d->funnel;
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	const char *steps[MAX_ITEMS];
	size_t nsteps = 0, r, i;
	long cm, cst, cc, cprev, cses;
	char now[32], prev[32], title[96], buf[96];
	const char *head[MAX_ITEMS + 2];
	char names[MAX_ITEMS][64];
	lxw_row_t row = 3, first;
	int64_t m, lo = INT64_MAX, hi = INT64_MIN;
	long purchases_share = -1;

	wb_sheet_start(b, &s, "Funnel");
	if (!s.ws)
		return;
	wb_month_name(rep->month, now, sizeof(now));
	wb_month_name(rep->month - 1, prev, sizeof(prev));
	snprintf(title, sizeof(title), "Funnel: %s", now);
	wb_title(&s, 0, title,
		 "Sessions, then product views, add to cart, checkout and purchase; each step as a "
		 "share of the step before and of sessions.");
	if (!t->present) {
		wb_absent(
			&s, 3,
			"No funnel: compute wrote no funnel.csv. The funnel needs a web analytics "
			"export (sessions, product views, add-to-carts, checkouts, purchases).");
		wb_sheet_finish(&s);
		return;
	}
	cm = eg_data_table_column(t, "month"), cst = eg_data_table_column(t, "step");
	cc = eg_data_table_column(t, "count");
	cprev = eg_data_table_column(t, "share_of_previous");
	cses = eg_data_table_column(t, "share_of_sessions");
	if (wb_no_values(&s, 3, t, cc, -1, "No funnel (it needs a web analytics export)",
			 "funnel.csv")) {
		wb_sheet_finish(&s);
		return;
	}
	source_line(&s, rep, now);
	for (r = 0; r < t->nrows; r++) {
		const char *step = eg_data_table_cell(t, r, cst);

		if (wb_parse_month(eg_data_table_cell(t, r, cm), &m)) {
			lo = m < lo ? m : lo;
			hi = m > hi ? m : hi;
		}
		for (i = 0; i < nsteps && strcmp(steps[i], step) != 0; i++)
			;
		if (i == nsteps && nsteps < MAX_ITEMS)
			steps[nsteps++] = step;
	}
	head[0] = "Step", head[1] = now, head[2] = "% of previous step", head[3] = "% of sessions",
	head[4] = prev, head[5] = "% of previous step", head[6] = "Change %";
	wb_headers(&s, row++, 0, head, 7, 1);
	first = row;
	for (i = 0; i < nsteps; i++, row++) {
		long rn = find_row(t, cm, rep->month, &cst, &steps[i], 1);
		long rp = find_row(t, cm, rep->month - 1, &cst, &steps[i], 1);
		double vn = 0, vp = 0;
		int hn = rn >= 0 && eg_data_table_number(t, (size_t)rn, cc, &vn);
		int hp = rp >= 0 && eg_data_table_number(t, (size_t)rp, cc, &vp);

		wb_text(&s, row, 0, step_name(steps[i], buf, sizeof(buf)), NULL);
		wb_value(&s, row, 1, WB_COUNT, hn, vn, WB_BOLD);
		if (rn >= 0) {
			wb_table_value(&s, row, 2, WB_RATIO, t, (size_t)rn, cprev, 0);
			wb_table_value(&s, row, 3, WB_RATIO, t, (size_t)rn, cses, 0);
		} else {
			wb_value(&s, row, 2, WB_RATIO, 0, 0, 0);
			wb_value(&s, row, 3, WB_RATIO, 0, 0, 0);
		}
		wb_value(&s, row, 4, WB_COUNT, hp, vp, 0);
		if (rp >= 0)
			wb_table_value(&s, row, 5, WB_RATIO, t, (size_t)rp, cprev, 0);
		else
			wb_value(&s, row, 5, WB_RATIO, 0, 0, 0);
		if (hn && hp && vp != 0)
			wb_number(&s, row, 6, (vn - vp) / fabs(vp),
				  wb_format(b, "\xE2\x96\xB2 0.0%;\xE2\x96\xBC 0.0%;0.0%", 0));
		else
			wb_value(&s, row, 6, WB_RATIO, 0, 0, 0);
	}
	if (nsteps) {
		lxw_chart *chart = wb_chart(b, LXW_CHART_COLUMN, "Funnel steps");
		lxw_chart_series *a = chart ? chart_add_series(chart, NULL, NULL) : NULL;
		lxw_chart_series *p = chart ? chart_add_series(chart, NULL, NULL) : NULL;

		if (a && p) {
			chart_series_set_categories(a, "Funnel", first, 0, row - 1, 0);
			chart_series_set_values(a, "Funnel", first, 1, row - 1, 1);
			chart_series_set_name(a, now);
			chart_series_set_categories(p, "Funnel", first, 0, row - 1, 0);
			chart_series_set_values(p, "Funnel", first, 4, row - 1, 4);
			chart_series_set_name(p, prev);
			chart_axis_set_num_format(chart->y_axis, "#,##0");
		}
		wb_insert_chart(&s, 3, 8, chart, 520, 300);
	}
	/* Every month, one column per step, and the conversion rate. */
	row++;
	wb_note(&s, row++, 0, "By month", wb_format(b, NULL, WB_SECTION));
	head[0] = "Month";
	for (i = 0; i < nsteps; i++) {
		snprintf(names[i], sizeof(names[i]), "%s", step_name(steps[i], buf, sizeof(buf)));
		head[i + 1] = names[i];
	}
	head[nsteps + 1] = "Conversion (purchases / sessions)";
	wb_headers(&s, row++, 0, head, nsteps + 2, 1);
	for (i = 0; i < nsteps; i++)
		if (strcmp(steps[i], "purchases") == 0)
			purchases_share = (long)i;
	for (m = lo; hi != INT64_MIN && m <= hi; m++, row++) {
		wb_month(&s, row, 0, m, 0);
		for (i = 0; i < nsteps; i++) {
			long rr = find_row(t, cm, m, &cst, &steps[i], 1);
			double v = 0;
			int h = rr >= 0 && eg_data_table_number(t, (size_t)rr, cc, &v);

			wb_value(&s, row, (lxw_col_t)(i + 1), WB_COUNT, h, v, 0);
			if ((long)i == purchases_share) {
				double share = 0;
				int hs = rr >= 0 &&
					 eg_data_table_number(t, (size_t)rr, cses, &share);

				wb_value(&s, row, (lxw_col_t)(nsteps + 1), WB_RATIO, hs, share, 0);
			}
		}
		if (purchases_share < 0)
			wb_value(&s, row, (lxw_col_t)(nsteps + 1), WB_RATIO, 0, 0, 0);
	}
	if (s.width[0] < 16)
		s.width[0] = 16;
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
}
