/*
 * workbook_voice.c - the Voice of customer sheet: survey and support measures by month.
 */
#include "engage/workbook_sheets.h"

#include <stdio.h>
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
					wb_line_chart(b, "Voice of customer", name, first,
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
