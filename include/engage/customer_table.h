/*
 * customer_table.h - customers.csv beside the workbook: every customer of
 * customer_scores.csv, in its order, under the Customers sheet's columns
 * (see customer_columns.h), for the rows the sheet does not show. Cells as
 * the segment lists write them: the last order as a date, consent as
 * yes/no, a cell a spreadsheet would run as a formula behind an
 * apostrophe. Identifiers stay as compute wrote them (pseudonymised when
 * the run is), so the file holds no more than the sheet.
 */
#ifndef ENGAGE_CUSTOMER_TABLE_H
#define ENGAGE_CUSTOMER_TABLE_H

#include <stdint.h>

#include "engage/customer_columns.h"
#include "engage/customer_list.h"
#include "engage/error.h"
#include "engage/table_output.h"

/* The file being written. */
struct eg_customer_table {
	struct eg_table_output out;	 /* the temporary file and its writer */
	struct eg_customer_columns cols; /* its columns */
	int64_t rows;			 /* customers written */
};

/*
 * Opens a temporary file for dir/name and writes the header of r's columns
 * (r only tells its header; it must stay open while rows are added). Nothing
 * is in place until the file is settled and published (out.af). EG_EIO when
 * it cannot be created.
 */
int eg_customer_table_open(struct eg_customer_table *t, const char *dir, const char *name,
			   const struct eg_customer_reader *r, struct eg_error *err);

/* Writes r's current customer as a row; ctx is the table (a segment-lists hook). */
void eg_customer_table_add(void *ctx, const struct eg_customer_reader *r);

/* Removes the temporary file unless it was published; frees what t holds. Zeroed t: no-op. */
void eg_customer_table_release(struct eg_customer_table *t);

#endif
