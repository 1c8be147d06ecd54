/*
 * cohorts.h - acquisition cohorts: customers grouped by the month of their
 * first order, followed month by month.
 *
 * cohorts.csv: cohort, month_offset, cohort_customers, active_customers,
 * retention, net_revenue, cumulative_net_revenue_per_customer; one row per
 * cohort and offset 0 .. depth - 1 that is not after the report month.
 * retention = active / cohort customers (6 decimals); net revenue is the
 * cohort's orders in that month less the refunds counted in it; the
 * cumulative revenue per customer (the historical CLV curve) is rounded
 * half away from zero to the cent.
 */
#ifndef ENGAGE_COHORTS_H
#define ENGAGE_COHORTS_H

#include <stdint.h>

#include "engage/error.h"
#include "engage/facts.h"
#include "engage/table_output.h"

/* Columns of cohorts.csv, NULL-terminated. */
extern const char *const eg_cohort_columns[];

/*
 * Writes the cohorts whose month is not after report_month, with offsets
 * 0 .. depth - 1 (and not after report_month), to out.
 */
int eg_cohorts_write(const struct eg_facts *f, int64_t report_month, int depth,
		     struct eg_table_output *out, struct eg_error *err);

#endif
