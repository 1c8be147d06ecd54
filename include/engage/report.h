/*
 * report.h - what the workbook shows, as read back from compute's files:
 * the value of every metric in every month, and the report month. render
 * fills it; workbook writes it.
 */
#ifndef ENGAGE_REPORT_H
#define ENGAGE_REPORT_H

#include <stdint.h>

#include "engage/error.h"
#include "engage/metrics.h"

/* One metric in one month. */
struct eg_report_value {
	int present; /* 0 when the value is absent (not computable, or no row) */
	int64_t v;   /* a count, or money in ten-thousandths (see money.h) */
};

/* The figures of a report. */
struct eg_report {
	int64_t first_month;           /* month index of the first month */
	int64_t nmonths;               /* months from first_month on */
	int64_t month;                 /* the report month's index */
	char currency[16];             /* report currency code, "" when no money metric */
	int64_t rows;                  /* rows read from kpis.csv */
	struct eg_report_value *values; /* nmonths x EG_M_COUNT, month-major, owned */
};

/*
 * Reads kpis.csv at path into rep. month is the report month "YYYY-MM", or
 * NULL for the last month in the file. Free rep with eg_report_release.
 * A malformed file is EG_EDATA naming file and line.
 */
int eg_report_load(struct eg_report *rep, const char *path, const char *month,
		   struct eg_error *err);

/* The value of metric id in month index m (absent when m is outside the report). */
struct eg_report_value eg_report_get(const struct eg_report *rep, int64_t m,
				     enum eg_metric_id id);

/* Frees what rep holds. */
void eg_report_release(struct eg_report *rep);

#endif
