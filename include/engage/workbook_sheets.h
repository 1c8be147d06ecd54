/*
 * workbook_sheets.h - private to the workbook modules: one function per
 * sheet, each in the sheet's own module (workbook_<sheet>.c), called in
 * workbook order by workbook.c. A sheet calls the cell helpers of
 * workbook_cells.h, never workbook.c.
 */
#ifndef ENGAGE_WORKBOOK_SHEETS_H
#define ENGAGE_WORKBOOK_SHEETS_H

#include "engage/workbook_cells.h"

/* The sheets' writers (workbook.c's table gives their order); a failure is left in b->status and b->err. */
void wb_write_summary(struct wb *b);
void wb_write_trends(struct wb *b);
void wb_write_journey(struct wb *b);
void wb_write_funnel(struct wb *b);
void wb_write_cohorts(struct wb *b);
void wb_write_segments(struct wb *b);
void wb_write_moves(struct wb *b);
void wb_write_bridge(struct wb *b);
void wb_write_customers(struct wb *b);
void wb_write_voice(struct wb *b);
void wb_write_email(struct wb *b);
void wb_write_model(struct wb *b);
void wb_write_quality(struct wb *b);

/* Rows the Customers sheet shows: the customers counted, at most d->customer_rows and Excel's. */
int64_t wb_customer_rows(const struct wb *b);

/*
 * Writes the platform check (platform_check.csv) on sheet s from *row on,
 * advancing *row: each figure a platform states beside engage's on the
 * platform's definition, the difference in red when it is not 0, engage's
 * own figure and the explanation; or a line saying no platform report was
 * given.
 */
void wb_write_platform_check(struct wb *b, struct wb_sheet *s, lxw_row_t *row);

/* The Definitions sheet: every figure in plain words. */
void wb_write_definitions(struct wb *b);

#endif
