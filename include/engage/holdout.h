/*
 * holdout.h - calibration/holdout validation of a fitted BG/NBD model, the
 * way practitioners check it: split each customer's orders at a date, fit on
 * the calibration part, then compare the orders each customer actually made
 * in the holdout period with the model's conditional expectation (paper eq.
 * (10)), averaged over customers with the same calibration frequency
 * (0, 1, 2, ... and "top or more"), plus overall error measures, and the
 * same for a simple baseline the model should beat: each customer's past
 * order rate carried forward (x / T repeat orders per time unit since his
 * first order, times the holdout's length; 0 when T is 0).
 *
 * Times are in the BG/NBD time unit (see bgnbd.h), on any common origin.
 */
#ifndef ENGAGE_HOLDOUT_H
#define ENGAGE_HOLDOUT_H

#include <stddef.h>

#include "engage/bgnbd.h"
#include "engage/error.h"

#define EG_HOLDOUT_MAX_ROWS 64 /* most frequency rows a table holds */

/* Customers with one calibration frequency. */
struct eg_holdout_row {
	unsigned x;	  /* calibration repeat orders; in the last row, this many or more */
	size_t customers; /* customers in the row */
	double actual;	  /* their mean holdout orders, observed (0 when the row is empty) */
	double predicted; /* their mean holdout orders, expected by the model (0 when empty) */
	double baseline;  /* their mean holdout orders by the baseline (0 when empty) */
};

/* Predicted against actual holdout orders. */
struct eg_holdout {
	struct eg_holdout_row rows[EG_HOLDOUT_MAX_ROWS]; /* rows 0 .. nrows - 1 by x */
	size_t nrows;					 /* top + 1 */
	size_t customers;				 /* all customers compared */
	double total_actual;				 /* holdout orders of all customers */
	double total_predicted;				 /* the model's expected total */
	double bias;	       /* mean of predicted - actual per customer */
	double mae;	       /* mean |predicted - actual| per customer */
	double rmse;	       /* root mean square of predicted - actual per customer */
	double baseline_total; /* the baseline's expected total */
	double baseline_mae;   /* mean |baseline - actual| per customer */
	double baseline_rmse;  /* root mean square of baseline - actual per customer */
};

/*
 * Summarises one customer's n order times (ascending; n >= 1) at the end of
 * calibration cal_end: the first order starts his clock, repeat orders are
 * the distinct times after it up to cal_end inclusive (several orders at the
 * same time are one purchase occasion, as the model counts them), and
 * *holdout_orders (may be NULL) counts the distinct times in
 * (cal_end, holdout_end]. Fails with EG_EDATA when a time is not finite, the
 * times are not ascending or the first order is after cal_end (the customer
 * does not belong to the calibration period); with EG_EUSAGE when
 * holdout_end < cal_end or n is 0. Outputs are unchanged on failure.
 */
int eg_holdout_split(const double *times, size_t n, double cal_end, double holdout_end,
		     struct eg_bgnbd_customer *cal, unsigned *holdout_orders, struct eg_error *err);

/*
 * Builds in *out the comparison for n customers with calibration summaries
 * cal and actual holdout orders actual[i] over a holdout of the given length
 * (> 0), under parameters p, with rows for x = 0 .. top - 1 and top or more
 * (top from 1 to EG_HOLDOUT_MAX_ROWS - 1; 7 gives the usual 0 .. 7+).
 * Fails with EG_EUSAGE for bad parameters, length or top, EG_EDATA for an
 * invalid customer or a failed expectation; *out is then unchanged.
 */
int eg_holdout_compare(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *cal,
		       const unsigned *actual, size_t n, double length, unsigned top,
		       struct eg_holdout *out, struct eg_error *err);

#endif
