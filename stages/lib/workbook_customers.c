/*
 * workbook_customers.c - the Customers sheet: every customer of
 * customer_scores.csv as one row of an Excel table (filter arrows, frozen
 * header), streamed from the file so a million customers fit in
 * constant-memory mode.
 */
#include "engage/customer_list.h"
#include "engage/integer.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HEADER_ROW 3	   /* the table's header row */
#define MAX_ROWS   1048576 /* rows of a sheet in Excel */

/* A column of the sheet: a known field, or an extra column of customer_scores.csv. */
struct column {
	int field;	   /* enum eg_customer_field, or -1 for an extra */
	size_t extra;	   /* the extra's index */
	const char *title; /* its header */
};

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
	struct column cols[EG_CF_COUNT + WB_MAX_COLS];
	static char extra_titles[EG_CF_COUNT + WB_MAX_COLS][64];
	lxw_table_column tcols[EG_CF_COUNT + WB_MAX_COLS], *tptr[EG_CF_COUNT + WB_MAX_COLS + 1];
	lxw_table_options topt = { 0 };
	size_t ncols = 0, i;
	int64_t shown, written = 0;
	lxw_row_t row;
	char title[160], month[32], note[512], missing[320], count[32];
	int f, more = 0;

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
	if (eg_customer_reader_open(&r, b->d->scores, b->d->customers, b->err) != EG_OK) {
		if (b->status == EG_OK)
			b->status = b->err->status;
		return;
	}
	missing[0] = '\0';
	for (f = 0; f < EG_CF_COUNT; f++) {
		if (!eg_customer_reader_has(r, (enum eg_customer_field)f)) {
			if (f == EG_CF_FIRST_NAME || f == EG_CF_LAST_NAME || f == EG_CF_REF ||
			    eg_customer_fields[f].sparse)
				continue;
			if (strlen(missing) + strlen(eg_customer_fields[f].title) + 4 <
			    sizeof(missing))
				snprintf(missing + strlen(missing),
					 sizeof(missing) - strlen(missing), "%s%s",
					 missing[0] ? ", " : "", eg_customer_fields[f].title);
			continue;
		}
		cols[ncols].field = f;
		cols[ncols].title = eg_customer_fields[f].title;
		ncols++;
	}
	for (i = 0; i < eg_customer_reader_nextra(r) && ncols < WB_MAX_COLS; i++) {
		const char *name = eg_customer_reader_extra_name(r, i);
		size_t k;

		/* An Excel table needs a distinct, non-empty header per column. */
		for (k = 0; k < ncols && strcasecmp(cols[k].title, name) != 0; k++)
			;
		cols[ncols].field = -1;
		cols[ncols].extra = i;
		cols[ncols].title = name;
		if (!name[0] || k < ncols) {
			snprintf(extra_titles[ncols], sizeof(extra_titles[ncols]),
				 "%.40s (column %zu)", name, ncols + 1);
			cols[ncols].title = extra_titles[ncols];
		}
		ncols++;
	}
	shown = b->tally.customers < MAX_ROWS - HEADER_ROW - 1 ? b->tally.customers
							       : MAX_ROWS - HEADER_ROW - 1;
	snprintf(title, sizeof(title), "Customers: %s with an order up to the end of %s",
		 eg_int_format_grouped(b->tally.customers, count, sizeof(count)), month);
	snprintf(note, sizeof(note), "%s%s%s%s",
		 shown < b->tally.customers
			 ? "Only the first customers fit in a sheet: every one is in "
			   "customer_scores.csv and the segment lists. "
			 : "Filter and sort with the arrows of the header. ",
		 missing[0] ? "Not in compute's files yet: " : "", missing, missing[0] ? "." : "");
	wb_title(&s, 0, title, note);
	if (!shown) {
		wb_absent(&s, HEADER_ROW, "No customers: customer_scores.csv has no rows.");
		eg_customer_reader_free(r);
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
				wb_text(&s, row, (lxw_col_t)i,
					eg_customer_reader_extra(r, cols[i].extra), NULL);
		}
		row++, written++;
	}
	if (more < 0 && b->status == EG_OK)
		b->status = b->err->status;
	eg_customer_reader_free(r);
	worksheet_freeze_panes(s.ws, HEADER_ROW + 1, 2);
	worksheet_repeat_rows(s.ws, HEADER_ROW, HEADER_ROW);
	/* Ids such as a platform's "15521" are text on purpose: no warning triangles. */
	worksheet_ignore_errors(s.ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
	wb_sheet_finish(&s);
}
