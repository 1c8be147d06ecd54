/*
 * compute.h - the compute stage: every number the workbook shows.
 *
 * Reads join's orders.csv and writes kpis.csv: one row per month and metric
 * (month, metric, value, unit), for every month from the first order to the
 * later of the last order and the report month, metrics in catalogue order
 * (metrics.h). Months are calendar months in the report timezone. Only
 * counted orders take part (no test orders, no cancelled orders); orders
 * without a customer count in orders and revenue, not in customer metrics.
 * A value that cannot be computed (the average order value of a month
 * without orders) is left empty rather than written as zero.
 */
#ifndef ENGAGE_COMPUTE_H
#define ENGAGE_COMPUTE_H

#include <stdint.h>

#include "engage/error.h"

/* Parameters of a compute run. */
struct eg_compute_options {
	const char *in_dir;   /* join's output folder */
	const char *out_dir;  /* folder for kpis.csv, created if needed */
	const char *month;    /* report month "YYYY-MM", or NULL for the last month with orders */
	const char *timezone; /* report timezone (tz database name); NULL means "UTC" */
};

/* What a run did. */
struct eg_compute_result {
	char month[32]; /* the report month used, "YYYY-MM" */
	int64_t months; /* months in kpis.csv */
};

/* Runs the stage; on failure no output changes and err says why. */
int eg_compute_run(const struct eg_compute_options *opts, struct eg_compute_result *res,
		   struct eg_error *err);

#endif
