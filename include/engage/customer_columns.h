/*
 * customer_columns.h - the columns of the customer table, the same on the
 * workbook's Customers sheet and in customers.csv beside it: every known
 * field either file has, in eg_customer_fields order, then the extra
 * columns of customer_scores.csv, each under a distinct, non-empty title
 * (an Excel table needs one). No workbook here.
 */
#ifndef ENGAGE_CUSTOMER_COLUMNS_H
#define ENGAGE_CUSTOMER_COLUMNS_H

#include <stddef.h>

#include "engage/customer_list.h"

#define EG_CUSTOMER_MAX_COLUMNS 256 /* columns shown; extras past it are left out */

/* A column: a known field, or an extra column of customer_scores.csv. */
struct eg_customer_column {
	int field;	   /* enum eg_customer_field, or -1 for an extra */
	size_t extra;	   /* the extra's index, when field is -1 */
	const char *title; /* its header: static, borrowed from the reader, or made */
	char made[64];	   /* a title made for an empty or repeated extra name */
};

/* The columns of the customer table and the known fields it lacks. */
struct eg_customer_columns {
	struct eg_customer_column cols[EG_CF_COUNT + EG_CUSTOMER_MAX_COLUMNS]; /* in order */
	size_t n;	    /* how many */
	char missing[320];  /* titles of expected fields neither file has, ", " between; "" if none */
};

/*
 * Fills c with r's columns (r only tells its header). Titles borrow from r
 * and c: use c where it is, while r is open.
 */
void eg_customer_columns_of(struct eg_customer_columns *c, const struct eg_customer_reader *r);

/* The text of column k of r's current customer as the reader has it, "" when unknown. */
const char *eg_customer_column_text(const struct eg_customer_columns *c, size_t k,
				    const struct eg_customer_reader *r);

#endif
