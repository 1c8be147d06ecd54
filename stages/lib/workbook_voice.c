/*
 * workbook_voice.c - the Voice of customer sheet: survey and support measures by month.
 */
#include "engage/voice_table.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <string.h>


void wb_write_voice(struct wb *b)
{
	const struct eg_data_table *t = &b->d->voice;
	struct eg_voice_table v;
	struct wb_sheet s;
	const char *head[EG_VOICE_MAX_MEASURES + 1];
	char names[EG_VOICE_MAX_MEASURES][64], buf[320], month[32];
	enum wb_kind kinds[EG_VOICE_MAX_MEASURES];
	lxw_col_t chart_col[EG_VOICE_MAX_MEASURES];
	size_t n, r, i, k;
	long cm, cme, cv, cn;
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
	cv = eg_data_table_column(t, "value"), cn = eg_data_table_column(t, "note");
	if (wb_no_values(&s, 3, t, cv, cn, "No voice of the customer", "voice.csv")) {
		wb_sheet_finish(&s);
		return;
	}
	if (eg_voice_table_collect(&v, t) != EG_OK) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 3, 0);
		return;
	}
	if (!v.n || !v.nmonths) {
		wb_absent(&s, 3, "No voice of the customer: voice.csv has no rows.");
		wb_sheet_finish(&s);
		eg_voice_table_release(&v);
		return;
	}
	n = v.n;
	for (i = 0; i < n; i++) {
		if (v.measures[i].name)
			snprintf(names[i], sizeof(names[i]), "%s", v.measures[i].name);
		else
			wb_humanise(v.measures[i].id, names[i], sizeof(names[i]));
		kinds[i] = wb_kind_of_unit(b, v.measures[i].unit);
	}
	head[0] = "Month";
	for (i = 0; i < n; i++)
		head[i + 1] = names[i];
	worksheet_set_row(s.ws, row, 30, NULL);
	wb_headers(&s, row, 0, head, n + 1, 1);
	/* NPS and CSAT again after a gap, hidden, for the charts: gaps, not zeros, for n/a. */
	for (i = 0, k = 0; i < n; i++) {
		chart_col[i] = 0;
		if (strcmp(v.measures[i].id, "nps") == 0 || strcmp(v.measures[i].id, "csat") == 0) {
			chart_col[i] = (lxw_col_t)(n + 2 + k++);
			snprintf(buf, sizeof(buf), "%.63s (chart data)", names[i]);
			wb_note(&s, row, chart_col[i], buf, wb_format(b, NULL, WB_HEADER));
		}
	}
	row++;
	first = row;
	for (k = 0; k < v.nmonths; k++, row++) {
		wb_month(&s, row, 0, v.first + (int64_t)k, 0);
		for (i = 0; i < n; i++) {
			int have = v.has_value[k * n + i];
			double x = v.value[k * n + i];

			wb_value(&s, row, (lxw_col_t)(i + 1), kinds[i], have, x,
				 i == 0 || strcmp(v.measures[i].id, "csat") == 0 ? WB_BOLD : 0);
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
						   first + (lxw_row_t)(v.nmonths - 1), &col, &name, 1,
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
	eg_voice_table_release(&v);
}
