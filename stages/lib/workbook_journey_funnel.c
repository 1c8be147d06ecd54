/*
 * workbook_journey_funnel.c - the Journey sheet (the customer journey's stages by month) and the
 * Funnel sheet (the steps from visit to purchase), which share the change
 * format and the funnel chart; their figures are gathered in journey_table.c
 * and funnel_table.c.
 */
#include "engage/funnel_table.h"
#include "engage/journey_table.h"
#include "engage/workbook_sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes measure x's change at col and in percent at col + 1 (a share's change has no percent). */
static void change_cells(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k,
			 const struct eg_journey_measure *x)
{
	if (!x->has_change) {
		wb_value(s, row, col, k, 0, 0, 0);
		wb_value(s, row, col + 1, k, 0, 0, 0);
		return;
	}
	wb_number(s, row, col, x->change, wb_format(s->b, wb_num_format(s->b, k, 1), 0));
	if (!x->has_ratio || k == WB_RATIO)
		wb_value(s, row, col + 1, k, 0, 0, 0);
	else
		wb_number(s, row, col + 1, x->ratio,
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

void wb_write_journey(struct wb *b)
{
	const struct eg_data_table *t = &b->d->journey;
	const struct eg_report *rep = b->rep;
	struct eg_journey_table *j;
	struct wb_sheet s;
	size_t i;
	char now[32], prev[32], title[128], buf[128];
	const char *head[7];
	lxw_row_t row = 3, chart_first, chart_row;
	int k;

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
	if (wb_no_values(&s, 3, t, eg_data_table_column(t, "value"),
			 eg_data_table_column(t, "note"), "No customer journey", "journey.csv")) {
		wb_sheet_finish(&s);
		return;
	}
	j = malloc(sizeof(*j));
	if (!j) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 3, 0);
		return;
	}
	eg_journey_table_collect(j, t, rep->month);
	if (!j->n) {
		snprintf(buf, sizeof(buf),
			 "No customer journey for %s: journey.csv has no row for it.", now);
		wb_absent(&s, 3, buf);
		wb_sheet_finish(&s);
		free(j);
		return;
	}
	head[0] = "Stage", head[1] = "Measure", head[2] = now, head[3] = prev, head[4] = "Change",
	head[5] = "Change %", head[6] = "Note";
	wb_headers(&s, row++, 0, head, 7, 2);
	for (i = 0; i < j->n; i++, row++) {
		const struct eg_journey_measure *x = &j->measures[i];
		enum wb_kind kind = wb_kind_of_unit(b, x->unit);

		if (x->opens_stage)
			wb_text(&s, row, 0, wb_humanise(x->stage, buf, sizeof(buf)),
				wb_format(b, NULL, WB_BOLD));
		wb_text(&s, row, 1, wb_humanise(x->measure, buf, sizeof(buf)), NULL);
		wb_value(&s, row, 2, kind, x->has_now, x->now, WB_BOLD);
		wb_value(&s, row, 3, kind, x->has_prev, x->prev, 0);
		change_cells(&s, row, 4, kind, x);
		wb_text(&s, row, 6, x->note,
			x->note[0] ? wb_format(b, NULL, WB_GREY | WB_ITALIC) : NULL);
	}
	/* The funnel charts' data: each stage's headline, and the offsets that centre it. */
	row++;
	wb_note(&s, row++, 0, "Funnel chart data: each stage's first count",
		wb_format(b, NULL, WB_SECTION));
	head[0] = "Stage", head[1] = "Measure", head[2] = now, head[3] = prev,
	head[4] = "Offset (chart)", head[5] = "Offset (chart)";
	wb_headers(&s, row++, 0, head, 6, 2);
	chart_first = row;
	for (k = 0; k < j->nstages; k++, row++) {
		const struct eg_journey_headline *h = &j->heads[k];

		wb_text(&s, row, 0, wb_humanise(h->stage, buf, sizeof(buf)), NULL);
		if (!h->measure) {
			wb_text(&s, row, 1, "no count this month",
				wb_format(b, NULL, WB_GREY | WB_ITALIC));
			wb_number(&s, row, 2, 0, wb_format(b, "#,##0", 0));
			wb_number(&s, row, 3, 0, wb_format(b, "#,##0", 0));
		} else {
			wb_text(&s, row, 1, wb_humanise(h->measure, buf, sizeof(buf)), NULL);
			wb_value(&s, row, 2, WB_COUNT, 1, h->now, 0);
			wb_value(&s, row, 3, WB_COUNT, h->has_prev, h->prev, 0);
		}
		wb_number(&s, row, 4, h->offset_now, wb_format(b, "#,##0", WB_GREY));
		wb_number(&s, row, 5, h->offset_prev, wb_format(b, "#,##0", WB_GREY));
	}
	chart_row = row + 1;
	if (j->nstages) {
		wb_insert_chart(&s, chart_row, 0,
				funnel_chart(b, "Journey", now, chart_first, row - 1, 0, 4, 2), 480,
				300);
		wb_insert_chart(&s, chart_row, 4,
				funnel_chart(b, "Journey", prev, chart_first, row - 1, 0, 5, 3),
				480, 300);
	}
	free(j);
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
	struct eg_funnel_table f;
	struct wb_sheet s;
	size_t i, k;
	long cprev, cses;
	char now[32], prev[32], title[96], buf[96];
	const char *head[EG_FUNNEL_MAX_STEPS + 2];
	char names[EG_FUNNEL_MAX_STEPS][64];
	lxw_row_t row = 3, first;

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
	cprev = eg_data_table_column(t, "share_of_previous");
	cses = eg_data_table_column(t, "share_of_sessions");
	if (wb_no_values(&s, 3, t, eg_data_table_column(t, "count"), -1,
			 "No funnel (it needs a web analytics export)", "funnel.csv")) {
		wb_sheet_finish(&s);
		return;
	}
	if (eg_funnel_table_collect(&f, t, rep->month) != EG_OK) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 3, 0);
		return;
	}
	source_line(&s, rep, now);
	head[0] = "Step", head[1] = now, head[2] = "% of previous step", head[3] = "% of sessions",
	head[4] = prev, head[5] = "% of previous step", head[6] = "Change %";
	wb_headers(&s, row++, 0, head, 7, 1);
	first = row;
	for (i = 0; i < f.nsteps; i++, row++) {
		const struct eg_funnel_step *x = &f.steps[i];

		wb_text(&s, row, 0, step_name(x->step, buf, sizeof(buf)), NULL);
		wb_value(&s, row, 1, WB_COUNT, x->has_now, x->now, WB_BOLD);
		if (x->row_now >= 0) {
			wb_table_value(&s, row, 2, WB_RATIO, t, (size_t)x->row_now, cprev, 0);
			wb_table_value(&s, row, 3, WB_RATIO, t, (size_t)x->row_now, cses, 0);
		} else {
			wb_value(&s, row, 2, WB_RATIO, 0, 0, 0);
			wb_value(&s, row, 3, WB_RATIO, 0, 0, 0);
		}
		wb_value(&s, row, 4, WB_COUNT, x->has_prev, x->prev, 0);
		if (x->row_prev >= 0)
			wb_table_value(&s, row, 5, WB_RATIO, t, (size_t)x->row_prev, cprev, 0);
		else
			wb_value(&s, row, 5, WB_RATIO, 0, 0, 0);
		if (x->has_change)
			wb_number(&s, row, 6, x->change,
				  wb_format(b, "\xE2\x96\xB2 0.0%;\xE2\x96\xBC 0.0%;0.0%", 0));
		else
			wb_value(&s, row, 6, WB_RATIO, 0, 0, 0);
	}
	if (f.nsteps) {
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
	for (i = 0; i < f.nsteps; i++) {
		snprintf(names[i], sizeof(names[i]), "%s", step_name(f.steps[i].step, buf, sizeof(buf)));
		head[i + 1] = names[i];
	}
	head[f.nsteps + 1] = "Conversion (purchases / sessions)";
	wb_headers(&s, row++, 0, head, f.nsteps + 2, 1);
	for (k = 0; k < f.nmonths; k++, row++) {
		wb_month(&s, row, 0, f.first + (int64_t)k, 0);
		for (i = 0; i < f.nsteps; i++)
			wb_value(&s, row, (lxw_col_t)(i + 1), WB_COUNT, f.has_count[k * f.nsteps + i],
				 f.count[k * f.nsteps + i], 0);
		wb_value(&s, row, (lxw_col_t)(f.nsteps + 1), WB_RATIO, f.has_conversion[k],
			 f.conversion[k], 0);
	}
	eg_funnel_table_release(&f);
	if (s.width[0] < 16)
		s.width[0] = 16;
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
}
