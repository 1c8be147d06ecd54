/*
 * bgnbd.h - the BG/NBD model of repeat buying: maximum-likelihood fit,
 * probability a customer is still active, expected future orders, and
 * churn-risk bands.
 *
 * Fader, Hardie & Lee, "'Counting Your Customers' the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005. While
 * active a customer orders as a Poisson process with rate lambda; after each
 * repeat order he drops out for good with probability p; lambda is gamma
 * (shape r, rate alpha) and p is beta(a, b) across customers. Each customer
 * is summarised by x, t_x and T below, all from his first order.
 *
 * Time unit: the caller's choice, the same for every time given to or taken
 * from this module (t_x, T, horizons; alpha is in it too, purchase rates in
 * its inverse). Days with ages up to a few thousand and weeks both fit
 * stably: the likelihood is summed on log scale and the fit works on the
 * logarithms of the parameters.
 * Repeat orders are usually counted per distinct day (several orders on one
 * day are one purchase occasion), as in the paper's data.
 */
#ifndef ENGAGE_BGNBD_H
#define ENGAGE_BGNBD_H

#include <stddef.h>

#include "engage/error.h"
#include "engage/rng.h"

/* One customer's calibration-period summary. */
struct eg_bgnbd_customer {
	unsigned x; /* repeat orders: orders after the first, up to the end of calibration */
	double t_x; /* time of the last repeat order since the first order (ignored when x is 0) */
	double T;   /* age: time from the first order to the end of calibration, >= t_x */
};

/* Model parameters. */
struct eg_bgnbd_params {
	double r;     /* shape of the gamma distribution of purchase rates */
	double alpha; /* rate of that gamma, in time units (mean purchase rate r / alpha) */
	double a;     /* beta distribution of the dropout probability p: first shape */
	double b;     /* its second shape (mean dropout probability a / (a + b)) */
};

/* Fit settings; zero in any field means its default. */
struct eg_bgnbd_fit_options {
	size_t min_customers;  /* fewer customers is EG_EDATA (default 10) */
	size_t max_iter;       /* optimiser iterations per run (default 500) */
	double gtol;	       /* tolerance on the gradient of the mean log-likelihood (1e-8) */
	int keep_unidentified; /* non-zero: a fit that runs off or does not converge is
				  returned (EG_OK) with converged / ran_off saying so */
};

/* A fitted model and how the fit went. */
struct eg_bgnbd_fit {
	struct eg_bgnbd_params params; /* maximum-likelihood estimates */
	double log_likelihood;	       /* total log-likelihood of all customers at params */
	size_t customers;	       /* customers fitted */
	size_t distinct;	       /* distinct (x, t_x, T) the likelihood was summed over */
	size_t iterations;	       /* optimiser iterations */
	size_t evaluations;	       /* likelihood evaluations */
	int converged;		       /* 1 when the optimiser converged */
	int ran_off;		       /* 1 + index (r, alpha, a, b) of a parameter that ran to 0
					  or infinity, 0 when none did */
};

/* The plain NBD model ("no dropout": BG/NBD with p = 0) fitted to the same customers. */
struct eg_bgnbd_nbd_fit {
	double r;	       /* shape of the gamma distribution of purchase rates */
	double alpha;	       /* its rate, in time units */
	double log_likelihood; /* total log-likelihood at (r, alpha), comparable with BG/NBD's */
	int converged;	       /* 1 when the optimiser converged */
};

/*
 * Checks p (unless NULL: positive and finite, else EG_EUSAGE) and n
 * customers (T >= 0 and, when x > 0, 0 <= t_x <= T, all finite; else
 * EG_EDATA naming the customer's index) as every function here does.
 */
int eg_bgnbd_check(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c, size_t n,
		   struct eg_error *err);

/*
 * Fits the model to n customers by maximum likelihood (paper eq. (6), summed
 * over the distinct (x, t_x, T) with their counts as weights) and stores the
 * result in *out. opt may be NULL for defaults. Fails with EG_EDATA for an
 * invalid customer (t_x outside [0, T], a time not finite), too few
 * customers, no repeat orders at all, or a fit that does not converge or
 * runs off to a parameter of 0 or infinity (the message says which); with
 * EG_EUSAGE for bad options; with EG_EIO when memory runs out. *out is
 * unchanged on failure. Temporary memory, freed before it returns: up to
 * about 100 bytes per customer (about 60 when times are whole days).
 */
int eg_bgnbd_fit(const struct eg_bgnbd_customer *c, size_t n,
		 const struct eg_bgnbd_fit_options *opt, struct eg_bgnbd_fit *out,
		 struct eg_error *err);

/*
 * Fits the plain NBD model, where no customer ever drops out, to n customers
 * by maximum likelihood on the same data as eg_bgnbd_fit (each customer's
 * likelihood is BG/NBD's eq. (6) with p = 0, lambda^x exp(-lambda T) mixed
 * over the gamma), so that twice the difference of the log-likelihoods is
 * the likelihood-ratio statistic of dropout. Fails like eg_bgnbd_fit (no
 * repeat orders, age 0, out of memory); *out is then unchanged.
 */
int eg_bgnbd_fit_no_dropout(const struct eg_bgnbd_customer *c, size_t n,
			    struct eg_bgnbd_nbd_fit *out, struct eg_error *err);

/*
 * Stores in *out the total log-likelihood of n customers under p, each
 * evaluated directly from paper eq. (6). Fails with EG_EUSAGE for invalid
 * parameters (not positive and finite) and EG_EDATA for an invalid customer;
 * *out is then unchanged.
 */
int eg_bgnbd_log_likelihood(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c,
			    size_t n, double *out, struct eg_error *err);

/*
 * Stores in *out the probability that customer c is still active at T
 * (Fader, Hardie & Lee, "Computing P(alive) using the BG/NBD model", 2008):
 * 1 when x is 0. Fails like eg_bgnbd_log_likelihood.
 */
int eg_bgnbd_p_alive(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c,
		     double *out, struct eg_error *err);

/*
 * Stores in *out the expected number of orders of customer c in (T, T + t]
 * (paper eq. (10)), t >= 0. Fails like eg_bgnbd_log_likelihood, with
 * EG_EUSAGE for a bad t, and with EG_EDATA if the hypergeometric function
 * cannot be evaluated (see eg_specfun_hyp2f1); *out is then unchanged.
 */
int eg_bgnbd_expected_orders(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c,
			     double t, double *out, struct eg_error *err);

/*
 * Stores in *out the expected number of repeat orders in (0, t] of a new
 * customer who has just made a first order (paper eq. (9)). Fails like
 * eg_bgnbd_expected_orders.
 */
int eg_bgnbd_expected_orders_new(const struct eg_bgnbd_params *p, double t, double *out,
				 struct eg_error *err);

/*
 * Predicts for n customers: P(alive) into p_alive[i] and expected orders in
 * the next horizons[j] into expected[i * nh + j]; either caller-owned array
 * (n, n * nh doubles) may be NULL to skip it. Allocates nothing. Parameters,
 * horizons and every customer are checked before anything is written; if a
 * hypergeometric evaluation then fails (EG_EDATA, err names the customer)
 * the arrays hold the values of the customers before it. Other failures as
 * eg_bgnbd_expected_orders.
 */
int eg_bgnbd_predict(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c, size_t n,
		     const double *horizons, size_t nh, double *p_alive, double *expected,
		     struct eg_error *err);

/*
 * Stores in *band the churn-risk band of a P(alive) value: the number of
 * thresholds at or below it, so with thresholds {0.3, 0.7} band 0 is high
 * risk (p < 0.3), 1 medium and 2 low (p >= 0.7). The n thresholds must rise
 * strictly within [0, 1] and p_alive lie in [0, 1]; else EG_EUSAGE and *band
 * unchanged.
 */
int eg_bgnbd_risk_band(double p_alive, const double *thresholds, size_t n, size_t *band,
		       struct eg_error *err);

/*
 * Simulates one customer from the model whose first order is at time 0:
 * draws lambda and p, then orders up to T + holdout. Stores the calibration
 * summary up to T in *cal and the number of orders in (T, T + holdout] in
 * *holdout_orders (may be NULL). p must be valid and T, holdout >= 0
 * (asserted). For tests and benchmark data.
 */
void eg_bgnbd_simulate(const struct eg_bgnbd_params *p, double T, double holdout, struct eg_rng *g,
		       struct eg_bgnbd_customer *cal, unsigned *holdout_orders);

#endif
