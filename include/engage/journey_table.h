/*
 * journey_table.h - the Journey sheet's figures gathered from compute's
 * journey.csv: the measures of the report month and the month before,
 * ordered by engagement stage, each with its change, and each stage's
 * headline (its first count) with the offsets that centre it on the funnel
 * charts. No workbook here, so the order, changes and offsets are tested on
 * their own.
 */
#ifndef ENGAGE_JOURNEY_TABLE_H
#define ENGAGE_JOURNEY_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"

#define EG_JOURNEY_MAX_MEASURES 64 /* measures the sheet shows */
#define EG_JOURNEY_MAX_STAGES	16 /* stages on the funnel charts */

/* One measure in the report month and the month before. */
struct eg_journey_measure {
	const char *stage;   /* its stage id; borrowed */
	const char *measure; /* its measure id; borrowed */
	int rank;	     /* the stage's place in the five, 5 for another */
	size_t order;	     /* first appearance, for a stable order */
	int opens_stage;     /* 1 when it is its stage's first row */
	const char *unit;    /* its unit (the report month's row, else the month before's) */
	int has_now;	     /* 1 when the report month has a value */
	double now;	     /* that value */
	int has_prev;	     /* 1 when the month before has a value */
	double prev;	     /* that value */
	int has_change;	     /* 1 when both months have a value */
	double change;	     /* now - prev, to 6 decimals */
	int has_ratio;	     /* 1 when there is a change and prev is not 0 */
	double ratio;	     /* (now - prev) / |prev| */
	const char *note;    /* the note shown: journey.csv's, "no row for the month" or "" */
};

/* A stage's headline on the funnel charts: its first count with a value this month. */
struct eg_journey_headline {
	const char *stage;   /* the stage id; borrowed */
	const char *measure; /* its headline measure, NULL when it has no count this month */
	int has_prev;	     /* 1 when the month before has a value */
	double now, prev;    /* the values (0 when none) */
	double offset_now;   /* (top - now) / 2: centres the bar of the report month */
	double offset_prev;  /* (top - prev) / 2: centres the bar of the month before */
};

/* The Journey's figures. */
struct eg_journey_table {
	struct eg_journey_measure measures[EG_JOURNEY_MAX_MEASURES]; /* by stage */
	size_t n;						     /* how many */
	struct eg_journey_headline heads[EG_JOURNEY_MAX_STAGES];     /* per stage */
	int nstages;						     /* how many */
	double top; /* the largest headline value of either month */
};

/*
 * Fills out from journey (month, stage, measure, value, unit, note) for
 * report month index month. out borrows journey's strings.
 */
void eg_journey_table_collect(struct eg_journey_table *out, const struct eg_data_table *journey,
			      int64_t month);

#endif
