/*
 * manifest_totals.h - the rows a stage read and wrote, summed from the
 * manifest it left beside its outputs, for the runner's closing table.
 *
 * A manifest (manifest.h) is a long CSV `stage,section,name,key,value`.
 * Rows in are the sum of `value` over rows with section `input` and key
 * `read`; rows out the sum over section `output` and key `rows`; files not
 * read the number of rows with section `unread` and key `reason` (one per
 * file). Other rows are ignored, so a manifest may carry any parameters and
 * statistics.
 */
#ifndef ENGAGE_MANIFEST_TOTALS_H
#define ENGAGE_MANIFEST_TOTALS_H

#include <stdint.h>

#include "engage/error.h"

/* What a manifest says a stage read and wrote. */
struct eg_manifest_totals {
	int64_t rows_in;  /* sum of input,*,read */
	int64_t rows_out; /* sum of output,*,rows */
	int64_t unread;	  /* input files not read: rows unread,*,reason */
};

/*
 * Reads the manifest at path into *t. EG_EIO when it cannot be opened or
 * read; EG_EDATA naming file and line when it is not a manifest (columns
 * section, key or value missing, a counted value that is not a whole number
 * of at least 0, a sum too large). *t is unchanged on failure.
 */
int eg_manifest_totals_read(const char *path, struct eg_manifest_totals *t, struct eg_error *err);

#endif
