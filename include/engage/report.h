/*
 * report.h - what the workbook shows of kpis.csv: the value of every metric
 * in every month, with the note beside an absent one, and the report month.
 * render fills it; workbook writes it.
 *
 * Metrics come from the catalogue (metrics.h) in its order, then any id
 * kpis.csv holds that the catalogue lacks, in the order the file first names
 * it: such a metric is shown under its id, its kind taken from its unit, so
 * a compute newer than this render never makes it fail.
 */
#ifndef ENGAGE_REPORT_H
#define ENGAGE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"
#include "engage/metrics.h"

/* One metric in one month. */
struct eg_report_value {
	int present;	  /* 0 when the value is absent (not computable, or no row) */
	int64_t v;	  /* a count; any other kind in ten-thousandths (money.h), rounded */
	double x;	  /* the value as kpis.csv writes it (a count as a number too) */
	const char *note; /* kpis.csv's note, "" when none; borrowed from the report */
};

/* One metric column of the report. */
struct eg_report_metric {
	const char *id;		  /* the id in kpis.csv (the catalogue's, or an owned copy) */
	const char *name;	  /* the catalogue's plain name, else the id */
	enum eg_metric_kind kind; /* the catalogue's, else from the unit in kpis.csv */
	const char *unit;	  /* unit of a DECIMAL metric, NULL otherwise */
	const char *definition;	  /* the catalogue's definition, NULL for an id it lacks */
	int64_t rows;		  /* rows of kpis.csv naming it (0: not in the file) */
};

/* The figures of a report. */
struct eg_report {
	int64_t first_month;		  /* month index of the first month */
	int64_t nmonths;		  /* months from first_month on */
	int64_t month;			  /* the report month's index */
	char currency[16];		  /* report currency code, "" when no money metric */
	int64_t rows;			  /* rows read from kpis.csv */
	size_t nmetrics;		  /* EG_M_COUNT catalogue metrics, then ids it lacks */
	struct eg_report_metric *metrics; /* nmetrics, owned; index i < EG_M_COUNT is metric id i */
	struct eg_report_value *values;	  /* nmonths x nmetrics, month-major, owned */
	char *notes;			  /* the notes' text, owned */
};

/*
 * Reads kpis.csv at path into rep. month is the report month "YYYY-MM", or
 * NULL for the last month in the file (EG_EUSAGE when it is not a month).
 * Free rep with eg_report_release, also after a failure. A malformed file is
 * EG_EDATA naming file and line.
 */
int eg_report_load(struct eg_report *rep, const char *path, const char *month,
		   struct eg_error *err);

/* The index of the metric with id in rep->metrics, or -1 when kpis.csv and the catalogue lack it. */
long eg_report_find(const struct eg_report *rep, const char *id);

/* The value of metric index i in month index m (absent outside the report's months). */
struct eg_report_value eg_report_value_at(const struct eg_report *rep, int64_t m, size_t i);

/* The value of catalogue metric id in month index m (absent when m is outside the report). */
struct eg_report_value eg_report_get(const struct eg_report *rep, int64_t m, enum eg_metric_id id);

/* Frees what rep holds; rep is then empty. An empty rep is a no-op. */
void eg_report_release(struct eg_report *rep);

#endif
