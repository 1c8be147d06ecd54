/*
 * workbook_trends.c - the KPI trends sheet: months x metrics, with line charts.
 */
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>


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
