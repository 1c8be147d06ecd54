/*
 * workbook_segment_moves.c - the Segment moves sheet: the from x to matrix
 * of the last two months as a heatmap, drawn from what segment_moves_table.c
 * gathers.
 */
#include "engage/segment_moves_table.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void wb_write_moves(struct wb *b)
{
	const struct eg_report *rep = b->rep;
	struct eg_segment_moves *m;
	struct wb_sheet s;
	int n, i, j;
	lxw_row_t row = 3;
	char now[32], prev[32], title[128], note[320], *ranges = NULL;
	size_t used = 0;

	wb_sheet_start(b, &s, "Segment moves");
	if (!s.ws)
		return;
	wb_month_name(rep->month, now, sizeof(now));
	wb_month_name(rep->month - 1, prev, sizeof(prev));
	snprintf(title, sizeof(title), "Segment moves: %s to %s", prev, now);
	snprintf(note, sizeof(note),
		 "Customers by their segment at the end of %s (rows) and at the end of %s "
		 "(columns). The diagonal, on grey, stayed in their segment; the other cells are "
		 "shaded by how many moved.",
		 prev, now);
	wb_title(&s, 0, title, note);
	if (!b->d->moves.present) {
		wb_absent(&s, 3, "No segment moves: compute wrote no segment_moves.csv.");
		wb_sheet_finish(&s);
		return;
	}
	m = malloc(sizeof(*m));
	if (!m) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 3, 0);
		wb_sheet_finish(&s);
		return;
	}
	eg_segment_moves_collect(m, &b->d->moves, &b->d->segments);
	n = m->n;
	if (!n) {
		wb_absent(&s, 3, "No segment moves: segment_moves.csv has no rows.");
		free(m);
		wb_sheet_finish(&s);
		return;
	}
	{
		const char *head[EG_MOVES_MAX_SEGMENTS + 2];

		head[0] = "From \\ to";
		for (j = 0; j < n; j++)
			head[j + 1] = m->names[j];
		head[n + 1] = "Total";
		worksheet_set_row(s.ws, row, 45, NULL);
		wb_headers(&s, row++, 0, head, (size_t)n + 2, 1);
	}
	ranges = malloc((size_t)(n + 1) * 2 * 24 + 1);
	if (ranges)
		ranges[0] = '\0';
	for (i = m->has_new ? -1 : 0; i < n; i++, row++) {
		char cell_a[16], cell_b[16];

		wb_text(&s, row, 0, i < 0 ? "New (no order a month ago)" : m->names[i],
			wb_format(b, NULL, WB_BOLD));
		for (j = 0; j < n; j++) {
			wb_number(&s, row, (lxw_col_t)(j + 1), m->count[i + 1][j],
				  wb_format(b, "#,##0;-#,##0;\"\"", i == j ? WB_FILL_GREY : 0));
		}
		wb_number(&s, row, (lxw_col_t)(n + 1), m->row_total[i + 1], wb_format(b, "#,##0", WB_BOLD));
		/* The heatmap's cells: the row left and right of the diagonal. */
		if (ranges) {
			int l0 = 1, l1 = i >= 0 ? i : n, r0 = i >= 0 ? i + 2 : n + 1, r1 = n;

			if (l1 >= l0) {
				lxw_rowcol_to_cell(cell_a, row, (lxw_col_t)l0);
				lxw_rowcol_to_cell(cell_b, row, (lxw_col_t)l1);
				used += (size_t)sprintf(ranges + used, "%s%s:%s", used ? " " : "",
							cell_a, cell_b);
			}
			if (r1 >= r0) {
				lxw_rowcol_to_cell(cell_a, row, (lxw_col_t)r0);
				lxw_rowcol_to_cell(cell_b, row, (lxw_col_t)r1);
				used += (size_t)sprintf(ranges + used, "%s%s:%s", used ? " " : "",
							cell_a, cell_b);
			}
		}
	}
	wb_text(&s, row, 0, "Total", wb_format(b, NULL, WB_TOP_RULE));
	for (j = 0; j < n; j++)
		wb_number(&s, row, (lxw_col_t)(j + 1), m->col_total[j],
			  wb_format(b, "#,##0", WB_TOP_RULE));
	wb_number(&s, row++, (lxw_col_t)(n + 1), m->all, wb_format(b, "#,##0", WB_TOP_RULE));
	if (ranges && used) {
		lxw_conditional_format cf2 = { 0 };
		lxw_row_t r0, r1;
		lxw_col_t c0, c1;
		char *space = strchr(ranges, ' ');

		/* The primary range is the first piece of the list. */
		if (space)
			*space = '\0';
		r0 = lxw_name_to_row(ranges), c0 = lxw_name_to_col(ranges);
		r1 = lxw_name_to_row_2(ranges), c1 = lxw_name_to_col_2(ranges);
		if (space)
			*space = ' ';
		cf2.type = LXW_CONDITIONAL_2_COLOR_SCALE;
		cf2.min_color = 0xFFFFFF;
		cf2.max_color = 0xF4B183;
		cf2.multi_range = ranges;
		wb_check(&s, worksheet_conditional_format_range(s.ws, r0, c0, r1, c1, &cf2), r0,
			 c0);
	}
	free(ranges);
	row++;
	wb_note(&s, row++, 0, "Who stayed, who moved", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Customers", "Count", "Share", "Revenue" },
		   m->has_revenue ? 4 : 3, 1);
	{
		const char *labels[3] = { "Stayed in their segment", "Moved to another segment",
					  "New since a month ago" };
		double counts[3] = { m->stayed, m->moved, m->fresh },
		       revs[3] = { m->stayed_rev, m->moved_rev, m->fresh_rev };

		for (i = 0; i < 3; i++, row++) {
			wb_text(&s, row, 0, labels[i],
				i == 0 ? wb_format(b, NULL, WB_FILL_GREY) : NULL);
			wb_value(&s, row, 1, WB_COUNT, 1, counts[i], 0);
			wb_value(&s, row, 2, WB_RATIO, m->all > 0, m->all > 0 ? counts[i] / m->all : 0, 0);
			if (m->has_revenue)
				wb_value(&s, row, 3, WB_MONEY, 1, revs[i], 0);
		}
	}
	if (s.width[0] < 28)
		s.width[0] = 28;
	for (j = 1; j <= n + 1 && j < WB_MAX_COLS; j++)
		s.width[j] = 12;
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
	free(m);
}
