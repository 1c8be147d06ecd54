/*
 * compute.h - the compute stage: every number the workbook shows.
 *
 * Reads join's customers.csv, orders.csv and refunds.csv, and the other
 * tables when there (sessions, email events or campaigns, responses,
 * tickets, loyalty), and writes:
 *   kpis.csv            month x metric (kpis.h), every month from the first
 *                       order to the later of the last one and the report month
 *   summary.csv         the report month beside the month before and a year
 *                       before, with the changes (grid_views.h)
 *   bridge.csv          gross sales to net revenue per month (bridge.h)
 *   funnel.csv, journey.csv, voice.csv  views of the KPIs (grid_views.h)
 *   email.csv           email engagement per month and campaign (email_metrics.h)
 *   cohorts.csv         acquisition cohorts (cohorts.h)
 *   customer_scores.csv RFM scores and segment of each customer (rfm.h)
 *   segments.csv        customers and revenue per segment, with the action
 *   segment_moves.csv   segment a month ago x segment now
 *   risk_bands.csv      customers and revenue per churn-risk band
 *   model.csv, holdout.csv  the churn models and their check (churn_model.h)
 * Months and days are the report timezone's. Only counted orders take part
 * (no test orders, no cancelled orders); orders without a customer count
 * in orders and revenue, not in customer metrics.
 */
#ifndef ENGAGE_COMPUTE_H
#define ENGAGE_COMPUTE_H

#include <stdint.h>

#include "engage/error.h"

/* Parameters of a compute run; zero or NULL fields take the defaults. */
struct eg_compute_options {
	const char *in_dir;   /* join's output folder */
	const char *out_dir;  /* folder for the outputs, created if needed */
	const char *month;    /* report month "YYYY-MM"; NULL: the last full month */
	const char *timezone; /* report timezone (tz database name); NULL: "UTC"; "auto":
				 the zone extract found, read from tz_from */
	const char *tz_from;  /* extract's manifest, for timezone "auto" */
	int64_t churn_window; /* churn window in days; 0: 365 */
	int cohort_depth;     /* months followed per cohort; 0: 24 */
	const char *rfm_grid; /* RFM grid CSV; NULL: the shipped stages/compute/rfm_grid.csv */
	const char *segment_actions; /* segment actions CSV; NULL: the shipped one */
	int64_t holdout_days;	     /* holdout period of the churn model check; 0: 90 */
	double clv_discount;	     /* monthly discount rate of the CLV; < 0: 0.01 */
	double high_risk;	     /* P(alive) below this is high churn risk; <= 0: 0.3 */
	double medium_risk;	     /* below this is medium risk; <= 0: 0.7 */
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
