/*
 * render.h - the render stage: compute's files in; the report workbook, the
 * segment lists for email tools, the full customer list (customer_list.csv)
 * and render.manifest.csv out. The segment lists and the customer list are
 * written on a second thread while the workbook is written.
 */
#ifndef ENGAGE_RENDER_H
#define ENGAGE_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/* What to render. */
struct eg_render_options {
	const char *in_dir;    /* compute's output folder (kpis.csv and the rest) */
	const char *out;       /* the workbook to write, e.g. out/2026-10/report.xlsx */
	const char *month;     /* report month "YYYY-MM"; NULL: compute's (from
				* compute.manifest.csv), else the last month in kpis.csv */
	const char *lists_dir; /* folder of the segment lists; NULL: "segments" beside out */
	const char
		*customers; /* join's customers.csv, for last order, consent and names; or NULL */
	const char *const *manifest_dirs; /* folders whose *.manifest.csv go to Data quality */
	size_t nmanifest_dirs;		  /* how many */
	int64_t customer_rows; /* most customers the Customers sheet shows; 0: the default,
				  EG_WORKBOOK_CUSTOMER_ROWS (10,000); INT64_MAX: all */
};

/* The full customer list's file name, beside the workbook. */
#define EG_RENDER_CUSTOMER_LIST "customer_list.csv"

/*
 * Reads compute's files and writes the workbook, the segment lists and the
 * customer list atomically (the lists on a second thread while the workbook
 * is written), with render.manifest.csv beside the workbook. kpis.csv is
 * required; every other input may be absent (its sheet says so). On failure
 * the workbook and the lists are unchanged (EG_EDATA for bad input naming
 * file and line, EG_EUSAGE for a bad month, EG_EIO for files).
 */
int eg_render_run(const struct eg_render_options *opts, struct eg_error *err);

#endif
