/*
 * gamma_gamma.h - the Gamma-Gamma model of order value: fit, expected
 * average order value per customer, and a discounted customer lifetime value
 * that combines it with BG/NBD expected orders.
 *
 * Fader, Hardie & Lee, "RFM and CLV: Using Iso-Value Curves for Customer
 * Base Analysis", Journal of Marketing Research 42(4), 2005, and Fader &
 * Hardie, "The Gamma-Gamma Model of Monetary Value", 2013. A customer's
 * order values are gamma(p, nu) around his own mean p / nu; nu is gamma(q,
 * gamma) across customers; order value is assumed independent of how often
 * he orders. Each customer is summarised by x, the number of repeat orders,
 * and m, the mean value of those repeat orders (the first order is left out,
 * as in the papers). Values are plain doubles in any currency unit; the
 * model is fitted on customers with x >= 1 only.
 */
#ifndef ENGAGE_GAMMA_GAMMA_H
#define ENGAGE_GAMMA_GAMMA_H

#include <stddef.h>

#include "engage/bgnbd.h"
#include "engage/error.h"
#include "engage/rng.h"

/* One customer's order-value summary. */
struct eg_gamma_gamma_customer {
	unsigned x; /* repeat orders whose values are averaged (the BG/NBD x) */
	double m;   /* mean value of those orders, > 0 (ignored when x is 0) */
};

/* Model parameters. */
struct eg_gamma_gamma_params {
	double p;     /* shape of each customer's order-value distribution */
	double q;     /* shape of the gamma distribution of nu across customers */
	double gamma; /* rate of that gamma (population mean value p gamma / (q - 1)) */
};

/* Fit settings; zero in any field means its default. */
struct eg_gamma_gamma_fit_options {
	size_t min_customers; /* fewer customers with x >= 1 is EG_EDATA (default 10) */
	size_t max_iter;      /* optimiser iterations per run (default 500) */
	double gtol;	      /* tolerance on the gradient of the mean log-likelihood (1e-8) */
};

/* A fitted model and how the fit went. */
struct eg_gamma_gamma_fit {
	struct eg_gamma_gamma_params params; /* maximum-likelihood estimates */
	double log_likelihood;		     /* total log-likelihood of the fitted customers */
	size_t customers;		     /* customers fitted: those with x >= 1 */
	size_t iterations;		     /* optimiser iterations */
	size_t evaluations;		     /* likelihood evaluations */
};

/* Customer lifetime value settings. */
struct eg_gamma_gamma_clv_options {
	unsigned months;     /* months ahead (0 means 12) */
	double month_length; /* one month in the BG/NBD time unit: 30.4375 days, 4.348 weeks */
	double discount;     /* monthly discount rate, >= 0 (0.01 is 1% a month) */
};

/*
 * Fits the model by maximum likelihood to the customers with x >= 1 among
 * n (the others are skipped) and stores the result in *out. opt may be NULL
 * for defaults. Fails with EG_EDATA for a customer with x >= 1 whose m is
 * not a positive finite number, too few such customers, a fit that does not
 * converge or runs off, or q <= 1 (the population mean order value would be
 * infinite); with EG_EUSAGE for bad options; with EG_EIO when memory runs
 * out. *out is unchanged on failure. Temporary memory, freed before it
 * returns: about 24 bytes a customer.
 */
int eg_gamma_gamma_fit(const struct eg_gamma_gamma_customer *c, size_t n,
		       const struct eg_gamma_gamma_fit_options *opt, struct eg_gamma_gamma_fit *out,
		       struct eg_error *err);

/*
 * Stores in *out the total log-likelihood of the customers with x >= 1
 * among n, each the density of m given x (Fader & Hardie 2013). Fails with
 * EG_EUSAGE for parameters that are not positive and finite, EG_EDATA for a
 * bad m; *out is then unchanged.
 */
int eg_gamma_gamma_log_likelihood(const struct eg_gamma_gamma_params *p,
				  const struct eg_gamma_gamma_customer *c, size_t n, double *out,
				  struct eg_error *err);

/*
 * Stores in *out the expected mean order value of customer c: the posterior
 * mean p (gamma + m x) / (p x + q - 1), which for x = 0 is the population
 * mean p gamma / (q - 1). Fails like eg_gamma_gamma_log_likelihood, and with
 * EG_EDATA when p x + q <= 1 (no finite mean).
 */
int eg_gamma_gamma_expected_spend(const struct eg_gamma_gamma_params *p,
				  const struct eg_gamma_gamma_customer *c, double *out,
				  struct eg_error *err);

/*
 * eg_gamma_gamma_expected_spend for n customers into spend[i]. Everything
 * is checked before anything is written; spend is unchanged on failure.
 */
int eg_gamma_gamma_predict(const struct eg_gamma_gamma_params *p,
			   const struct eg_gamma_gamma_customer *c, size_t n, double *spend,
			   struct eg_error *err);

/*
 * Stores in *out the discounted value of customer c over the next
 * opt->months months: sum over months i of spend * (expected BG/NBD orders
 * in month i) / (1 + discount)^i, the orders of month i being
 * E[Y(i L)] - E[Y((i - 1) L)] (paper eq. (10)) with L = month_length. spend
 * is the customer's expected order value (>= 0; multiply by a margin first
 * for a profit CLV). Fails with EG_EUSAGE for bad options or spend, and
 * otherwise like eg_bgnbd_expected_orders; *out is then unchanged.
 */
int eg_gamma_gamma_clv(const struct eg_bgnbd_params *bg, const struct eg_bgnbd_customer *c,
		       double spend, const struct eg_gamma_gamma_clv_options *opt, double *out,
		       struct eg_error *err);

/*
 * eg_gamma_gamma_clv for n customers, spend[i] with c[i], into clv[i]. The
 * parameters, options, spends and customers are checked before anything is
 * written; if a hypergeometric evaluation then fails (EG_EDATA, err names the
 * customer) clv holds the values of the customers before it.
 */
int eg_gamma_gamma_clv_all(const struct eg_bgnbd_params *bg, const struct eg_bgnbd_customer *c,
			   const double *spend, size_t n,
			   const struct eg_gamma_gamma_clv_options *opt, double *clv,
			   struct eg_error *err);

/*
 * Simulates the mean of x (>= 1) order values of one customer drawn from
 * the model: nu, then x values. p must be valid (asserted). For tests and
 * benchmark data.
 */
double eg_gamma_gamma_simulate(const struct eg_gamma_gamma_params *p, unsigned x, struct eg_rng *g);

#endif
