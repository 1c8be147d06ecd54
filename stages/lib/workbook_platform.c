/*
 * workbook_platform.c - the platform check section of the Data quality
 * sheet: the figures a platform's own report states (Shopify's new and
 * returning customers) beside engage's for the same period, from compute's
 * platform_check.csv.
 */
#include "engage/workbook_sheets.h"

#include <string.h>

void wb_write_platform_check(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	const struct eg_data_table *t = &b->d->platform;
	static const char *const heads[] = { "From",	       "To",
					     "Figure",	       "Source",
					     "Platform",       "engage, platform's definition",
					     "Difference",     "engage, its own definition",
					     "Why they differ" };
	static const char *const cols[] = { "period_start",   "period_end",
					    "figure",	      "source",
					    "platform_value", "engage_same_definition",
					    "difference",     "engage_value",
					    "explanation" };
	long c[9], unit;
	size_t r, i;
	double diff;

	wb_note(s, (*row)++, 0, "Platform check", wb_format(b, NULL, WB_SECTION));
	if (!t->present || !t->nrows) {
		wb_note(s, (*row)++, 0,
			"No platform report to check against (such as Shopify's New vs returning "
			"customers).",
			wb_format(b, NULL, WB_GREY | WB_ITALIC));
		return;
	}
	wb_headers(s, (*row)++, 0, heads, 9, 4);
	for (i = 0; i < 9; i++)
		c[i] = eg_data_table_column(t, cols[i]);
	unit = eg_data_table_column(t, "unit");
	for (r = 0; r < t->nrows; r++, (*row)++) {
		int differs = eg_data_table_number(t, r, c[6], &diff) && diff != 0;
		/* customers are counts; a platform's money figures have a currency unit */
		enum wb_kind k = unit < 0 || strcmp(eg_data_table_cell(t, r, unit), "count") == 0
					 ? WB_COUNT
					 : WB_MONEY;

		for (i = 0; i < 4; i++)
			wb_text(s, *row, (lxw_col_t)i, eg_data_table_cell(t, r, c[i]), NULL);
		wb_table_value(s, *row, 4, k, t, r, c[4], 0);
		wb_table_value(s, *row, 5, k, t, r, c[5], 0);
		wb_table_value(s, *row, 6, k, t, r, c[6], differs ? WB_FILL_RED : 0);
		wb_table_value(s, *row, 7, k, t, r, c[7], 0);
		wb_note(s, *row, 8, eg_data_table_cell(t, r, c[8]), NULL);
	}
}
