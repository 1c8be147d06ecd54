/*
 * clean.h - the clean stage: canonical tables in, validated and normalised
 * tables out, every row accounted for.
 *
 * Reads orders.csv and order_lines.csv from extract's folder and writes them
 * again with emails trimmed and lowercased, and with each order id once: the
 * same order read twice (overlapping exports) is merged, and a second copy
 * whose values differ is rejected with the reason conflicting_duplicate.
 * Line items follow their order: kept, merged or rejected with it.
 */
#ifndef ENGAGE_CLEAN_H
#define ENGAGE_CLEAN_H

#include <stdint.h>

#include "engage/error.h"

/* Where clean reads and writes. */
struct eg_clean_options {
	const char *in_dir;  /* folder holding extract's orders.csv and order_lines.csv */
	const char *out_dir; /* folder for the cleaned tables, created if needed */
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
