/*
 * workbook_customers.c - the Customers sheet: the first customers of
 * customer_scores.csv (at most eg_workbook_customer_rows of them) as rows of
 * an Excel table (filter arrows, frozen header), streamed from the file;
 * the rest are in the customer list beside the workbook.
 */
#include "engage/customer_columns.h"
#include "engage/customer_list.h"
#include "engage/integer.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_ROW 3	   /* the table's header row */
#define EXCEL_ROWS 1048576 /* rows of a sheet in Excel */

int64_t wb_customer_rows(const struct wb *b)
{
	int64_t limit = b->d->customer_rows > 0 ? b->d->customer_rows : EG_WORKBOOK_CUSTOMER_ROWS;

	if (limit > EXCEL_ROWS - HEADER_ROW - 1)
		limit = EXCEL_ROWS - HEADER_ROW - 1;
	return b->tally.customers < limit ? b->tally.customers : limit;
}

/* Writes field f of r's current customer, as the kind of value it is. */
static void write_cell(struct wb_sheet *s, lxw_row_t row, lxw_col_t col,
		       const struct eg_customer_reader *r, enum eg_customer_field f)
{
	struct wb *b = s->b;
	enum eg_customer_kind k = eg_customer_fields[f].kind;
	const char *v;
	double x;
	int64_t day;

	switch (k) {
	case EG_CK_COUNT:
	case EG_CK_MONEY:
	case EG_CK_RATIO:
	case EG_CK_DECIMAL:
		if (!eg_customer_reader_number(r, f, &x))
			return; /* an empty cell: a filter shows it as blank */
		wb_number(s, row, col, x,
			  wb_format(b,
				    wb_num_format(b,
						  k == EG_CK_COUNT   ? WB_COUNT
						  : k == EG_CK_MONEY ? WB_MONEY
						  : k == EG_CK_RATIO ? WB_RATIO
								     : WB_DECIMAL,
						  0),
				    0));
		return;
	case EG_CK_TIME:
		v = eg_customer_reader_get(r, f);
		if (eg_customer_day(v, &day))
			wb_day(s, row, col, day, 0);
		else if (*v)
			wb_text(s, row, col, v, NULL);
		return;
	case EG_CK_CONSENT:
		x = eg_customer_consent(eg_customer_reader_get(r, f));
		if (x >= 0)
			wb_text(s, row, col, x > 0 ? "yes" : "no", NULL);
		return;
	case EG_CK_TEXT: break;
	}
	wb_text(s, row, col, eg_customer_reader_get(r, f), NULL);
}

void wb_write_customers(struct wb *b)
{
	struct wb_sheet s;
	struct eg_customer_reader *r = NULL;
	struct eg_customer_columns *c;
	const struct eg_customer_column *cols;
	lxw_table_column tcols[EG_CF_COUNT + EG_CUSTOMER_MAX_COLUMNS];
	lxw_table_column *tptr[EG_CF_COUNT + EG_CUSTOMER_MAX_COLUMNS + 1];
	lxw_table_options topt = { 0 };
	size_t ncols, i;
	int64_t shown, written = 0;
	lxw_row_t row;
	char title[160], month[32], note[768], count[32], rows[32];
	const char *missing;
	int more = 0;

	wb_sheet_start(b, &s, "Customers");
	if (!s.ws)
		return;
	s.max_width = 36;
	wb_month_name(b->rep->month, month, sizeof(month));
	if (!b->d->scores) {
		wb_title(&s, 0, "Customers", NULL);
		wb_absent(&s, 3, "No customers: compute wrote no customer_scores.csv.");
		wb_sheet_finish(&s);
		return;
	}
	if ((b->d->joined ? eg_customer_reader_open_like(&r, b->d->scores, b->d->joined, b->err)
			  : eg_customer_reader_open(&r, b->d->scores, b->d->customers, b->err)) !=
	    EG_OK) {
		if (b->status == EG_OK)
			b->status = b->err->status;
		return;
	}
	c = malloc(sizeof(*c));
	if (!c) {
		eg_customer_reader_free(r);
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 0, 0);
		return;
	}
	eg_customer_columns_of(c, r);
	cols = c->cols, ncols = c->n, missing = c->missing;
	shown = wb_customer_rows(b);
	snprintf(title, sizeof(title), "Customers: %s with an order up to the end of %s",
		 eg_int_format_grouped(b->tally.customers, count, sizeof(count)), month);
	if (shown < b->tally.customers)
		snprintf(note, sizeof(note),
			 "The first %s customers, in customer_scores.csv's order; all %s are in "
			 "%s beside this workbook and in the segment lists. %s%s%s",
			 eg_int_format_grouped(shown, rows, sizeof(rows)), count,
			 b->d->customer_list ? b->d->customer_list : "customer_scores.csv",
			 missing[0] ? "Not in compute's files yet: " : "", missing,
			 missing[0] ? "." : "");
	else
		snprintf(note, sizeof(note), "%s%s%s%s",
			 "Filter and sort with the arrows of the header. ",
			 missing[0] ? "Not in compute's files yet: " : "", missing,
			 missing[0] ? "." : "");
	wb_title(&s, 0, title, note);
	if (!shown) {
		wb_absent(&s, HEADER_ROW, "No customers: customer_scores.csv has no rows.");
		eg_customer_reader_free(r);
		free(c);
		wb_sheet_finish(&s);
		return;
	}
	/* The table first, so its header is written before any data row (constant memory). */
	for (i = 0; i < ncols; i++) {
		memset(&tcols[i], 0, sizeof(tcols[i]));
		tcols[i].header = (char *)cols[i].title;
		tcols[i].header_format = wb_format(b, NULL, WB_HEADER);
		tptr[i] = &tcols[i];
		s.width[i] = strlen(cols[i].title) * 1.1 + 4;
	}
	tptr[ncols] = NULL;
	topt.name = "CustomerTable";
	topt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
	topt.style_type_number = 9;
	topt.columns = tptr;
	worksheet_set_row(s.ws, HEADER_ROW, 30, NULL);
	if (!b->constant_memory) {
		wb_check(&s,
			 worksheet_add_table(s.ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + shown),
					     (lxw_col_t)(ncols - 1), &topt),
			 HEADER_ROW, 0);
	} else {
		/* libxlsxwriter has no tables in constant-memory mode: a header and filter arrows. */
		for (i = 0; i < ncols; i++)
			wb_note(&s, HEADER_ROW, (lxw_col_t)i, cols[i].title,
				wb_format(b, NULL, WB_HEADER));
		wb_check(&s,
			 worksheet_autofilter(s.ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + shown),
					      (lxw_col_t)(ncols - 1)),
			 HEADER_ROW, 0);
	}
	row = HEADER_ROW + 1;
	while (written < shown && b->status == EG_OK &&
	       (more = eg_customer_reader_next(r, b->err)) > 0) {
		for (i = 0; i < ncols; i++) {
			if (cols[i].field >= 0)
				write_cell(&s, row, (lxw_col_t)i, r,
					   (enum eg_customer_field)cols[i].field);
			else
				wb_text(&s, row, (lxw_col_t)i, eg_customer_column_text(c, i, r),
					NULL);
		}
		row++, written++;
	}
	if (more < 0 && b->status == EG_OK)
		b->status = b->err->status;
	eg_customer_reader_free(r);
	free(c);
	worksheet_freeze_panes(s.ws, HEADER_ROW + 1, 2);
	worksheet_repeat_rows(s.ws, HEADER_ROW, HEADER_ROW);
	/* Ids such as a platform's "15521" are text on purpose: no warning triangles. */
	worksheet_ignore_errors(s.ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
	wb_sheet_finish(&s);
}
