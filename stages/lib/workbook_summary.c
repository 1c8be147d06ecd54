/*
 * workbook_summary.c - the Summary sheet: the report month's headline KPIs against the
 * previous month and the same month a year before, with a 12-month sparkline.
 */
#include "engage/summary_table.h"
#include "engage/version.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>

/* The colour of a change of tone t. */
static unsigned tone_colour(enum eg_change_tone t)
{
	switch (t) {
	case EG_TONE_BETTER: return WB_GREEN;
	case EG_TONE_WORSE: return WB_RED;
	case EG_TONE_NOTED: return WB_GREY;
	case EG_TONE_PLAIN: break;
	}
	return 0;
}

/* Writes the change c at col, and in percent at col + 1 (a share's change has no percent). */
static void write_change(struct wb_sheet *s, lxw_row_t row, lxw_col_t col, enum wb_kind k,
			 const struct eg_summary_change *c)
{
	unsigned colour = tone_colour(c->tone);

	if (!c->shown) {
		wb_value(s, row, col, k, 0, 0, 0);
		wb_value(s, row, col + 1, k, 0, 0, 0);
		return;
	}
	wb_number(s, row, col, c->change, wb_format(s->b, wb_num_format(s->b, k, 1), colour));
	if (k == WB_RATIO)
		return;
	if (!c->has_ratio)
		wb_value(s, row, col + 1, k, 0, 0, 0);
	else
		wb_number(s, row, col + 1, c->ratio,
			  wb_format(s->b, "\xE2\x96\xB2 0.0%;\xE2\x96\xBC 0.0%;0.0%", colour));
}

/* One metric row of the Summary. */
static void summary_row(struct wb_sheet *s, lxw_row_t row, const struct eg_summary_row *x)
{
	enum wb_kind kind = wb_kind_of(x->kind);

	wb_text(s, row, 0, x->name, NULL);
	wb_value(s, row, 1, kind, x->now.present, x->now.x,
		 WB_BOLD | (x->flagged ? WB_FILL_GREY : 0));
	wb_value(s, row, 2, kind, x->prev.present, x->prev.x, 0);
	write_change(s, row, 3, kind, &x->to_prev);
	wb_value(s, row, 5, kind, x->year.present, x->year.x, 0);
	write_change(s, row, 6, kind, &x->to_year);
	wb_text(s, row, 8, x->sparkline, wb_format(s->b, NULL, WB_GREEN));
	wb_text(s, row, 9, x->note,
		x->flagged    ? wb_format(s->b, NULL, WB_RED | WB_ITALIC)
		: x->note[0] ? wb_format(s->b, NULL, WB_GREY | WB_ITALIC)
			     : NULL);
}

void wb_write_summary(struct wb *b)
{
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	char title[96], now[32], prev[32], last_year[32], note[1400];
	const char *head[10];
	struct eg_summary_table table;
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
	if (eg_summary_table_collect(&table, rep, &b->d->summary, b->d->summary_current) !=
	    EG_OK) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 4, 0);
		return;
	}
	for (i = 0; i < table.nheadlines; i++, row++)
		summary_row(&s, row, &table.rows[i]);
	row++;
	head[0] = "Other metrics";
	wb_headers(&s, row++, 0, head, 10, 1);
	for (; i < table.nrows; i++)
		summary_row(&s, row++, &table.rows[i]);
	eg_summary_table_release(&table);
	s.width[8] = 16;
	s.width[1] = s.width[2] = s.width[5] = 14;
	if (s.width[0] < 28)
		s.width[0] = 28;
	worksheet_freeze_panes(s.ws, 4, 1);
	worksheet_activate(s.ws);
	wb_sheet_finish(&s);
}
