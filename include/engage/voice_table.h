/*
 * voice_table.h - the Voice of customer sheet's figures gathered from
 * compute's voice.csv: its measures (the known ones in their order, then
 * the others as met) and every month's value of each, from the first month
 * to the last. No workbook here, so the grid is tested on its own.
 */
#ifndef ENGAGE_VOICE_TABLE_H
#define ENGAGE_VOICE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"
#include "engage/error.h"

#define EG_VOICE_MAX_MEASURES 48 /* voice measures the sheet shows */

/* One measure, a column of the sheet. */
struct eg_voice_measure {
	const char *id;	  /* its id in voice.csv; borrowed */
	const char *name; /* its column title when a known measure, else NULL */
	const char *unit; /* its unit, from its first row; borrowed */
};

/* The Voice of customer grid: row k is month first + k, column i measure i. */
struct eg_voice_table {
	struct eg_voice_measure measures[EG_VOICE_MAX_MEASURES]; /* the columns */
	size_t n;						 /* how many */
	int64_t first;	/* the first month (index year * 12 + month - 1) */
	size_t nmonths; /* months from the first to the last; 0 when no row names one */
	int *has_value; /* nmonths x n: 1 when the month has the measure's value; owned */
	double *value;	/* nmonths x n: that value; owned */
};

/*
 * Fills out from voice (month, measure, value, unit). out borrows voice's
 * strings and owns its arrays (eg_voice_table_release); EG_EIO when memory
 * runs out.
 */
enum eg_status eg_voice_table_collect(struct eg_voice_table *out,
				      const struct eg_data_table *voice);

/* Frees what t holds and zeroes it. A zeroed t is a no-op. */
void eg_voice_table_release(struct eg_voice_table *t);

#endif
