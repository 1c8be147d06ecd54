/*
 * summary_table.h - the Summary sheet's figures gathered from kpis.csv and
 * compute's summary.csv: each metric's value in the report month, the month
 * before and the same month a year before, the changes with whether they are
 * for the better or the worse, a 12-month sparkline and the note beside it.
 * No workbook here, so the changes and the colour decisions are tested on
 * their own.
 */
#ifndef ENGAGE_SUMMARY_TABLE_H
#define ENGAGE_SUMMARY_TABLE_H

#include <stddef.h>

#include "engage/data_table.h"
#include "engage/error.h"
#include "engage/metrics.h"
#include "engage/report.h"

/* How a change reads. */
enum eg_change_tone {
	EG_TONE_PLAIN,	/* a neutral metric, or no change */
	EG_TONE_BETTER, /* a change for the better, by the metric's direction */
	EG_TONE_WORSE,	/* a change for the worse */
	EG_TONE_NOTED,	/* the value is noted (a partial month, ...): not judged */
};

/* A change from an earlier month to the report month. */
struct eg_summary_change {
	int shown;		  /* 1 when both values are there (and compute gave the change) */
	double change;		  /* now - before: exact for counts and money, else to 6 decimals */
	int has_ratio;		  /* 1 when the change's ratio to the earlier value is known */
	double ratio;		  /* (now - before) / |before| */
	enum eg_change_tone tone; /* better, worse, plain or noted */
};

/* One metric row of the Summary. */
struct eg_summary_row {
	const char *id;				/* its id in kpis.csv; borrowed */
	const char *name;			/* its plain name; borrowed */
	enum eg_metric_kind kind;		/* how its values read */
	struct eg_report_value now, prev, year; /* the report month, the one before, a year
						   before (absent when kpis.csv lacks it) */
	int flagged;			  /* 1 when now is there with a note that qualifies it */
	struct eg_summary_change to_prev; /* now against prev */
	struct eg_summary_change to_year; /* now against year */
	char sparkline[64];		  /* the 12 months up to now as block characters */
	char note[256];			  /* why it is absent, its note, or its source */
};

/* The Summary's rows: the headline KPIs, then every other metric of kpis.csv. */
struct eg_summary_table {
	struct eg_summary_row *rows; /* nrows, owned */
	size_t nheadlines;	     /* the first nheadlines rows are the headlines */
	size_t nrows;		     /* headlines and other metrics */
};

/*
 * Fills out from rep and, when summary_current, the changes compute wrote in
 * summary (metric, change, change_ratio, change_last_year,
 * change_ratio_last_year). out borrows rep's strings and owns its rows
 * (eg_summary_table_release); EG_EIO when memory runs out.
 */
enum eg_status eg_summary_table_collect(struct eg_summary_table *out, const struct eg_report *rep,
					const struct eg_data_table *summary, int summary_current);

/* Frees what t holds and zeroes it. A zeroed t is a no-op. */
void eg_summary_table_release(struct eg_summary_table *t);

#endif
