/*
 * cohorts_table.h - the Cohorts sheet's figures gathered from compute's
 * cohorts.csv and kpis.csv: every month from the first cohort to the last
 * with the cohorts.csv row of each month offset, and each cohort's
 * cumulative net revenue per customer over its month's CAC (CLV : CAC).
 * No workbook here, so the grid and the ratios are tested on their own.
 */
#ifndef ENGAGE_COHORTS_TABLE_H
#define ENGAGE_COHORTS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"
#include "engage/error.h"
#include "engage/report.h"

#define EG_COHORT_MAX_OFFSETS 60 /* month offsets the Cohorts sheet shows */

/* The cohort grid: row k is month first + k; column o is month offset o. */
struct eg_cohorts_table {
	int64_t first;	  /* the first cohort's month index (year * 12 + month - 1) */
	size_t ncohorts;  /* months from the first cohort to the last; 0: none named */
	int64_t max_off;  /* the last month offset shown; -1: none named */
	int cut;	  /* 1 when offsets past EG_COHORT_MAX_OFFSETS - 1 were left out */
	long *cell;	  /* ncohorts x (max_off + 1): cohorts.csv's row, -1 when none; owned */
	long *size_row;	  /* per cohort: the row giving its size (its first offset), or -1;
			     owned */
	int any_cac;	  /* 1 when kpis.csv gives some cohort's month a CAC */
	int *has_cac;	  /* per cohort: 1 when its month has a CAC; owned */
	double *cac;	  /* per cohort: that CAC; owned */
	int *has_clv_cac; /* like cell: 1 when the CLV : CAC is known (CAC above 0); owned */
	double *clv_cac;  /* like cell: cumulative net revenue per customer / CAC; owned */
};

/*
 * Fills out from cohorts (cohort, month_offset,
 * cumulative_net_revenue_per_customer) and rep's CAC by month. out owns its
 * arrays (eg_cohorts_table_release); EG_EIO when memory runs out, and then
 * out holds nothing.
 */
enum eg_status eg_cohorts_table_collect(struct eg_cohorts_table *out,
					const struct eg_data_table *cohorts,
					const struct eg_report *rep);

/* Frees what t holds and zeroes it. A zeroed t is a no-op. */
void eg_cohorts_table_release(struct eg_cohorts_table *t);

#endif
