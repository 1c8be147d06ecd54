/*
 * churn_model.h - the buy-till-you-die models on a shop's customers:
 * BG/NBD (bgnbd.h) for P(alive) and expected orders, Gamma-Gamma
 * (gamma_gamma.h) for the expected order value and a 12-month CLV, churn-
 * risk bands, and a calibration/holdout check.
 *
 * Time is in days. A customer's transactions are the distinct days with an
 * order before the as-of day: x = those days - 1, t_x = last - first day,
 * T = as-of - first day; a day's value is the sum of its order totals, and
 * the Gamma-Gamma value is the mean of the repeat days' values. The fit
 * uses every order before the as-of day. The holdout check fits again on
 * the orders before as-of - holdout days and compares the orders expected
 * in the holdout days with those that happened, per calibration frequency.
 *
 * Before the BG/NBD model's numbers are used, model_validity.h judges the
 * fit: model.csv gives each model a status ("fitted", "no_dropout",
 * "not_enough_data", "degenerate", "not_converged", or "not_fitted" when
 * the BG/NBD model it rests on cannot be used) and a reason in words. Only
 * "fitted" and "no_dropout" fits predict; otherwise no customer gets a
 * P(alive), expected orders, CLV or churn-risk band.
 *
 * Churn-risk bands come from P(alive) (below high_risk high, below
 * medium_risk medium, else low), unless P(alive) is flat (status
 * no_dropout, or fewer than EG_FLAT_P_ALIVE_SHARE of the repeat buyers
 * below medium_risk): then from recency, the days since the last order
 * over the customer's typical days between order days (t_x / x; a one-time
 * buyer's is the median of the repeat buyers'), EG_RECENCY_HIGH_GAPS or
 * more high, EG_RECENCY_MEDIUM_GAPS or more medium, else low. A steady
 * buyer at his own rate is that late by chance about exp(-3) = 5% and
 * exp(-1.5) = 22% of the time. model.csv's churn_risk rows say which
 * (basis p_alive, recency or none) and why.
 *
 * Outputs: model.csv (model, parameter, value: bgnbd status, reason, r,
 * alpha, a, b, log_likelihood, customers, repeat_buyers and the plain NBD
 * comparison nbd_r, nbd_alpha, nbd_log_likelihood, likelihood_ratio,
 * dropout_supported; time_unit; gamma_gamma status, reason, p, q, gamma;
 * churn_risk basis, reason; holdout the refit's rows, its errors and the
 * baseline's) and holdout.csv (calibration_frequency, customers,
 * actual_holdout_orders, predicted_holdout_orders as means per customer,
 * mean_absolute_error, baseline_holdout_orders; a last row "total" with
 * the totals and the mean absolute error per customer). A model that
 * cannot be used is reported there, and the run goes on.
 */
#ifndef ENGAGE_CHURN_MODEL_H
#define ENGAGE_CHURN_MODEL_H

#include <stdint.h>

#include "engage/error.h"
#include "engage/facts.h"
#include "engage/table_output.h"

/* Parameters of the models. */
struct eg_churn_options {
	int64_t as_of;	      /* local day the model looks from (the day after the report month) */
	int64_t holdout_days; /* length of the holdout period */
	double discount;      /* monthly discount rate of the CLV */
	double high_risk;     /* P(alive) below this is high risk */
	double medium_risk;   /* below this (and not high) is medium risk; else low */
};

/* A customer's predictions; all absent when fitted is 0. */
struct eg_churn_score {
	double p_alive;		     /* P(alive) at the as-of day */
	double expected[3];	     /* expected orders in the next 30, 90 and 365 days */
	double expected_aov;	     /* expected value of an order */
	double clv;		     /* predicted 12-month CLV, discounted */
	double gap_days;	     /* the customer's typical days between order days */
	double gaps_since;	     /* days since the last order / gap_days */
	const char *risk;	     /* "high", "medium" or "low" (static), NULL when no band */
	const char *risk_basis;	     /* what risk comes from: "p_alive" or "recency" (static) */
	unsigned char fitted;	     /* the BG/NBD model was fitted and the customer scored */
	unsigned char has_spend;     /* the Gamma-Gamma model was fitted */
	unsigned char has_gaps;	     /* gap_days and gaps_since are given (risk from recency) */
};

#define EG_FLAT_P_ALIVE_SHARE  0.01 /* fewer repeat buyers below medium risk: P(alive) is flat */
#define EG_RECENCY_HIGH_GAPS   3.0  /* this many typical gaps since the last order: high risk */
#define EG_RECENCY_MEDIUM_GAPS 1.5  /* this many: medium risk */

/* Columns of model.csv and holdout.csv, NULL-terminated. */
extern const char *const eg_model_columns[];
extern const char *const eg_holdout_columns[];

/*
 * Fits the models on f's orders before o->as_of, fills out (f->ncustomers
 * entries, caller-allocated), and writes model.csv and holdout.csv rows.
 * A model that cannot be fitted is not an error; EG_EIO on out of memory.
 */
int eg_churn_model_run(const struct eg_facts *f, const struct eg_churn_options *o,
		       struct eg_churn_score *out, struct eg_table_output *model,
		       struct eg_table_output *holdout, struct eg_error *err);

#endif
