/*
 * funnel_table.h - the Funnel sheet's figures gathered from compute's
 * funnel.csv: its steps in the order met, each step's count in the report
 * month and the month before with the change between them, and every
 * month's counts with the conversion (purchases as a share of sessions).
 * No workbook here, so the grid and the changes are tested on their own.
 */
#ifndef ENGAGE_FUNNEL_TABLE_H
#define ENGAGE_FUNNEL_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"
#include "engage/error.h"

#define EG_FUNNEL_MAX_STEPS 64 /* funnel steps the sheet shows */

/* One step in the report month and the month before. */
struct eg_funnel_step {
	const char *step; /* funnel.csv's step id; borrowed */
	long row_now;	  /* its row in the report month, -1 when none */
	long row_prev;	  /* its row in the month before, -1 when none */
	int has_now;	  /* 1 when the report month has a count */
	double now;	  /* that count */
	int has_prev;	  /* 1 when the month before has a count */
	double prev;	  /* that count */
	int has_change;	  /* 1 when both are there and prev is not 0 */
	double change;	  /* (now - prev) / |prev| */
};

/* The Funnel's figures. */
struct eg_funnel_table {
	struct eg_funnel_step steps[EG_FUNNEL_MAX_STEPS]; /* in the order first met */
	size_t nsteps;					  /* how many */
	int64_t first;	/* the first month of funnel.csv's rows (index year * 12 + month - 1) */
	size_t nmonths; /* months from first to the last; 0 when no row names one */
	int *has_count; /* nmonths x nsteps: 1 when the month has the step's count; owned */
	double *count;	/* nmonths x nsteps: that count; owned */
	int *has_conversion; /* per month: 1 when purchases' share of sessions is there; owned */
	double *conversion;  /* per month: that share; owned */
};

/*
 * Fills out from funnel (month, step, count, share_of_sessions) for report
 * month index month. out borrows funnel's strings and owns its arrays
 * (eg_funnel_table_release); EG_EIO when memory runs out.
 */
enum eg_status eg_funnel_table_collect(struct eg_funnel_table *out,
				       const struct eg_data_table *funnel, int64_t month);

/* Frees what t holds and zeroes it. A zeroed t is a no-op. */
void eg_funnel_table_release(struct eg_funnel_table *t);

#endif
