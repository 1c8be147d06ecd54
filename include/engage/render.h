/*
 * render.h - the render stage: compute's files in, report.xlsx out.
 */
#ifndef ENGAGE_RENDER_H
#define ENGAGE_RENDER_H

#include "engage/error.h"

/* What to render. */
struct eg_render_options {
	const char *in_dir; /* compute's output folder (kpis.csv) */
	const char *out;    /* the workbook to write, e.g. out/2026-10/report.xlsx */
	const char *month;  /* report month "YYYY-MM", or NULL for the last month in kpis.csv */
};

/*
 * Reads kpis.csv and writes the workbook atomically, with
 * render.manifest.csv beside it. On failure no output changes.
 */
int eg_render_run(const struct eg_render_options *opts, struct eg_error *err);

#endif
