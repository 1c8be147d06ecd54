/*
 * clean.h - the clean stage: canonical tables in, validated and normalised
 * tables out, every row accounted for.
 *
 * Reads orders.csv and order_lines.csv from extract's folder and writes
 * orders.csv and refunds.csv (and order_lines.csv, the kept line items,
 * when asked: no later stage reads them): emails trimmed, lowercased
 * and checked; each order id once (an identical copy from an overlapping
 * export is merged, a copy with other values rejected); time stamps in a
 * plausible range; amounts in one report currency. Line items follow their
 * order. The rules of generic line-item sources (generic_transactions):
 * an invoice starting with C is a return, written to refunds.csv; one
 * starting with A is an adjustment, rejected; a line with a quantity or
 * price of zero or less on an ordinary invoice is rejected, and the
 * invoice's totals are the sum of its remaining lines. See clean.c for the
 * reject reasons.
 */
#ifndef ENGAGE_CLEAN_H
#define ENGAGE_CLEAN_H

#include <stdint.h>

#include "engage/error.h"

/* Where clean reads and writes. */
struct eg_clean_options {
	const char *in_dir;   /* folder holding extract's orders.csv and order_lines.csv */
	const char *out_dir;  /* folder for the cleaned tables, created if needed */
	const char *currency; /* report currency; NULL: the orders' one currency */
	const char *rates;    /* exchange rates CSV (exchange_rates.h), or NULL */
	int lines;	      /* 1: also write the kept line items, order_lines.csv */
};

/* What a run did, for the closing message. */
struct eg_clean_result {
	int64_t rows_read;     /* rows read over both tables */
	int64_t rows_rejected; /* rows sent to rejects.csv */
	int64_t rows_merged;   /* duplicate rows folded into the first copy */
};

/* Runs the stage; on failure no output changes and err says why. */
int eg_clean_run(const struct eg_clean_options *opts, struct eg_clean_result *res,
		 struct eg_error *err);

#endif
