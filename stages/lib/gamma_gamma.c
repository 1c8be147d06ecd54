/*
 * gamma_gamma.c - Gamma-Gamma likelihood, fit, expected order value and
 * discounted CLV.
 *
 * The mean m of x order values, given nu, is gamma(p x, nu x); integrating
 * nu out against gamma(q, gamma) gives the density the fit maximises
 * (Fader & Hardie 2013):
 *
 *   ln f(m | x) = lgamma(p x + q) - lgamma(p x) - lgamma(q) + q ln gamma
 *                 + (p x - 1) ln m + p x ln x - (p x + q) ln(gamma + m x)
 *
 * The fit groups customers by x so the lgamma and digamma terms are taken
 * once per distinct x; per customer and evaluation there is one log and one
 * division. The gradient is analytic, with respect to ln(p, q, gamma).
 */
#include "engage/gamma_gamma.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/optimize.h"
#include "engage/specfun.h"

#define DEFAULT_MIN_CUSTOMERS 10
#define DEFAULT_MONTHS	      12
#define LOG_PARAM_LIMIT	      30.0 /* |ln param| beyond this is outside the domain */
#define LOG_PARAM_RUNAWAY     20.0 /* a fitted |ln param| beyond this ran off */

static const char *const param_names[] = { "p", "q", "gamma" };

static int check_params(const struct eg_gamma_gamma_params *p, struct eg_error *err)
{
	if (!(p->p > 0) || !(p->q > 0) || !(p->gamma > 0) || isinf(p->p) || isinf(p->q) ||
	    isinf(p->gamma))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "gamma-gamma parameters must be positive and finite "
				    "(p %g, q %g, gamma %g)",
				    p->p, p->q, p->gamma);
	return EG_OK;
}

/* Checks customer c; index is named in the message (SIZE_MAX: none). */
static int check_customer(const struct eg_gamma_gamma_customer *c, size_t index,
			  struct eg_error *err)
{
	char who[48] = "customer";

	if (c->x == 0 || (c->m > 0 && isfinite(c->m)))
		return EG_OK;
	if (index != SIZE_MAX)
		snprintf(who, sizeof(who), "customer %zu", index);
	return eg_error_set(err, EG_EDATA, NULL, 0, 0,
			    "%s: mean order value %g is not a positive number", who, c->m);
}

static double log_density(const struct eg_gamma_gamma_params *p,
			  const struct eg_gamma_gamma_customer *c)
{
	double x = c->x, px = p->p * x;

	return lgamma(px + p->q) - lgamma(px) - lgamma(p->q) + p->q * log(p->gamma) +
	       (px - 1) * log(c->m) + px * log(x) - (px + p->q) * log(p->gamma + c->m * x);
}

int eg_gamma_gamma_log_likelihood(const struct eg_gamma_gamma_params *p,
				  const struct eg_gamma_gamma_customer *c, size_t n, double *out,
				  struct eg_error *err)
{
	double sum = 0.0;
	size_t i;
	int rc;

	if ((rc = check_params(p, err)) != EG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = check_customer(&c[i], i, err)) != EG_OK)
			return rc;
		if (c[i].x > 0)
			sum += log_density(p, &c[i]);
	}
	*out = sum;
	return EG_OK;
}

/* ---- fit ---- */

/* Customers with one x: rows [begin, end). */
struct group {
	double x;      /* repeat orders */
	double w;      /* customers */
	double sum_lm; /* sum of ln m over them */
	size_t begin;  /* first row */
	size_t end;    /* one past the last row */
};

/* What the objective needs; built once per fit. */
struct fitdata {
	double *xm;	      /* per row (sorted by x): m x */
	struct group *groups; /* distinct x, ascending */
	size_t ngroups;	      /* distinct x */
	double w_total;	      /* customers fitted */
};

/* One customer's summary, for sorting by x. */
struct row {
	unsigned x; /* repeat orders, >= 1 */
	double m;   /* their mean value */
};

static int cmp_row(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a->m < b->m ? -1 : a->m > b->m;
}

/*
 * Sorts the k customers with x >= 1 among n by x and groups them; returns 0
 * on out of memory (nothing left allocated).
 */
static int fitdata_build(struct fitdata *d, const struct eg_gamma_gamma_customer *c, size_t n,
			 size_t k)
{
	struct row *rows = malloc(k * sizeof(*rows));
	size_t i, j = 0, nx = 0;

	memset(d, 0, sizeof(*d));
	d->xm = malloc(k * sizeof(*d->xm));
	if (!rows || !d->xm)
		goto fail;
	for (i = 0; i < n; i++)
		if (c[i].x > 0) {
			rows[j].x = c[i].x;
			rows[j++].m = c[i].m;
		}
	qsort(rows, k, sizeof(*rows), cmp_row);
	for (i = 0; i < k; i++)
		nx += i == 0 || rows[i].x != rows[i - 1].x;
	d->groups = malloc(nx * sizeof(*d->groups));
	if (!d->groups)
		goto fail;
	for (i = 0; i < k; i++) {
		struct group *g;

		if (d->ngroups == 0 || d->groups[d->ngroups - 1].x != rows[i].x) {
			g = &d->groups[d->ngroups++];
			g->x = rows[i].x;
			g->w = g->sum_lm = 0.0;
			g->begin = i;
		}
		g = &d->groups[d->ngroups - 1];
		g->w += 1.0;
		g->sum_lm += log(rows[i].m);
		g->end = i + 1;
		d->xm[i] = rows[i].x * rows[i].m;
	}
	d->w_total = (double)k;
	free(rows);
	return 1;
fail:
	free(rows);
	free(d->xm);
	memset(d, 0, sizeof(*d));
	return 0;
}

/* Mean negative log-likelihood at theta = ln(p, q, gamma), and its gradient. */
static double objective(const double *theta, double *grad, void *ctx)
{
	const struct fitdata *d = ctx;
	double p, q, gm, lg, ll = 0.0, g_p = 0.0, g_q = 0.0, g_g = 0.0, psi_q = 0.0;
	size_t i, k;

	for (i = 0; i < 3; i++)
		if (!(fabs(theta[i]) <= LOG_PARAM_LIMIT))
			return INFINITY;
	p = exp(theta[0]);
	q = exp(theta[1]);
	gm = exp(theta[2]);
	lg = log(gm);
	if (grad)
		psi_q = eg_specfun_digamma(q);
	for (i = 0; i < d->ngroups; i++) {
		const struct group *gr = &d->groups[i];
		double x = gr->x, px = p * x, s_log = 0.0, s_inv = 0.0;

		for (k = gr->begin; k < gr->end; k++) {
			double v = gm + d->xm[k];

			s_log += log(v);
			s_inv += 1.0 / v;
		}
		ll += gr->w * (lgamma(px + q) - lgamma(px) - lgamma(q) + q * lg + px * log(x)) +
		      (px - 1) * gr->sum_lm - (px + q) * s_log;
		if (grad) {
			double psi_pxq = eg_specfun_digamma(px + q);

			g_p += x * (gr->w * (psi_pxq - eg_specfun_digamma(px) + log(x)) +
				    gr->sum_lm - s_log);
			g_q += gr->w * (psi_pxq - psi_q + lg) - s_log;
			g_g += gr->w * q / gm - (px + q) * s_inv;
		}
	}
	if (grad) {
		grad[0] = -g_p * p / d->w_total;
		grad[1] = -g_q * q / d->w_total;
		grad[2] = -g_g * gm / d->w_total;
	}
	return -ll / d->w_total;
}

int eg_gamma_gamma_fit(const struct eg_gamma_gamma_customer *c, size_t n,
		       const struct eg_gamma_gamma_fit_options *opt, struct eg_gamma_gamma_fit *out,
		       struct eg_error *err)
{
	struct eg_optimize_options oo = { 0 };
	struct eg_optimize_result res;
	struct fitdata d;
	size_t min_customers = DEFAULT_MIN_CUSTOMERS, k = 0, i;
	double sum_m = 0.0, theta[3];
	int rc;

	if (opt) {
		if (!(opt->gtol >= 0) || isinf(opt->gtol))
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "gamma-gamma fit tolerance must be finite and not "
					    "negative");
		if (opt->min_customers)
			min_customers = opt->min_customers;
		oo.max_iter = opt->max_iter;
		oo.gtol = opt->gtol;
	}
	for (i = 0; i < n; i++) {
		if ((rc = check_customer(&c[i], i, err)) != EG_OK)
			return rc;
		if (c[i].x > 0) {
			k++;
			sum_m += c[i].m;
		}
	}
	if (k < min_customers)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "too few customers with repeat orders to fit the gamma-gamma "
				    "model: %zu, need at least %zu",
				    k, min_customers);
	if (!fitdata_build(&d, c, n, k))
		return eg_error_set(err, EG_EIO, NULL, 0, 0,
				    "out of memory fitting the gamma-gamma model");
	/* Start at p = 1, q = 3 and gamma matching the mean order value. */
	theta[0] = 0.0;
	theta[1] = log(3.0);
	theta[2] = log(2.0 * sum_m / (double)k);
	rc = eg_optimize_bfgs(objective, &d, 3, theta, &oo, &res, err);
	if (rc != EG_OK)
		goto done;
	for (i = 0; i < 3; i++) {
		if (fabs(theta[i]) > LOG_PARAM_RUNAWAY) {
			rc = eg_error_set(err, EG_EDATA, NULL, 0, 0,
					  "gamma-gamma fit ran off: %s heads to %s (%g); the order "
					  "values do not identify the model",
					  param_names[i], theta[i] > 0 ? "infinity" : "zero",
					  exp(theta[i]));
			goto done;
		}
	}
	if (!res.converged) {
		rc = eg_error_set(err, EG_EDATA, NULL, 0, 0,
				  "gamma-gamma fit did not converge (gradient %.3g after %zu "
				  "iterations, at p %.4g, q %.4g, gamma %.4g)",
				  res.gmax, res.iterations, exp(theta[0]), exp(theta[1]),
				  exp(theta[2]));
		goto done;
	}
	if (exp(theta[1]) <= 1.0) {
		rc = eg_error_set(err, EG_EDATA, NULL, 0, 0,
				  "gamma-gamma fit gives q = %.4g, not above 1: the mean order "
				  "value of the population would be infinite (a few huge "
				  "orders?)",
				  exp(theta[1]));
		goto done;
	}
	out->params.p = exp(theta[0]);
	out->params.q = exp(theta[1]);
	out->params.gamma = exp(theta[2]);
	out->log_likelihood = -res.f * d.w_total;
	out->customers = k;
	out->iterations = res.iterations;
	out->evaluations = res.evaluations;
done:
	free(d.xm);
	free(d.groups);
	return rc;
}

/* ---- predictions ---- */

/* The posterior mean order value of a valid customer, or EG_EDATA. */
static int spend_one(const struct eg_gamma_gamma_params *p, const struct eg_gamma_gamma_customer *c,
		     double *out, struct eg_error *err)
{
	double px = p->p * c->x, den = px + p->q - 1.0;

	if (!(den > 0))
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "expected order value is infinite: p x + q = %g is not above 1",
				    px + p->q);
	*out = p->p * (p->gamma + (c->x ? c->m * c->x : 0.0)) / den;
	return EG_OK;
}

int eg_gamma_gamma_expected_spend(const struct eg_gamma_gamma_params *p,
				  const struct eg_gamma_gamma_customer *c, double *out,
				  struct eg_error *err)
{
	int rc;

	if ((rc = check_params(p, err)) != EG_OK ||
	    (rc = check_customer(c, SIZE_MAX, err)) != EG_OK)
		return rc;
	return spend_one(p, c, out, err);
}

int eg_gamma_gamma_predict(const struct eg_gamma_gamma_params *p,
			   const struct eg_gamma_gamma_customer *c, size_t n, double *spend,
			   struct eg_error *err)
{
	size_t i;
	int rc;

	if ((rc = check_params(p, err)) != EG_OK)
		return rc;
	/* everything is checked, and could be computed, before anything is written */
	for (i = 0; i < n; i++) {
		char msg[sizeof(err->message)];
		double unused;

		if ((rc = check_customer(&c[i], i, err)) != EG_OK)
			return rc;
		if ((rc = spend_one(p, &c[i], &unused, err)) == EG_OK)
			continue;
		snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
		return eg_error_set(err, rc, NULL, 0, 0, "customer %zu: %s", i, msg);
	}
	for (i = 0; i < n; i++)
		spend_one(p, &c[i], &spend[i], NULL);
	return EG_OK;
}

static int check_clv_options(const struct eg_gamma_gamma_clv_options *o, unsigned *months,
			     struct eg_error *err)
{
	if (!(o->month_length > 0) || isinf(o->month_length))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "clv month length %g must be a positive time in the bg/nbd "
				    "time unit",
				    o->month_length);
	if (!(o->discount >= 0) || isinf(o->discount))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "clv monthly discount rate %g must be 0 or more", o->discount);
	*months = o->months ? o->months : DEFAULT_MONTHS;
	return EG_OK;
}

/* Checks an order value; index is named in the message (SIZE_MAX: none). */
static int check_spend(double spend, size_t index, struct eg_error *err)
{
	char who[48] = "customer";

	if (spend >= 0 && isfinite(spend))
		return EG_OK;
	if (index != SIZE_MAX)
		snprintf(who, sizeof(who), "customer %zu", index);
	return eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "%s: order value %g is not 0 or more", who,
			    spend);
}

/* The discounted sum for valid inputs (months already resolved). */
static int clv_one(const struct eg_bgnbd_params *bg, const struct eg_bgnbd_customer *c,
		   double spend, const struct eg_gamma_gamma_clv_options *o, unsigned months,
		   double *out, struct eg_error *err)
{
	double prev = 0.0, sum = 0.0, factor = 1.0;
	unsigned i;
	int rc;

	for (i = 1; i <= months; i++) {
		double e;

		rc = eg_bgnbd_expected_orders(bg, c, i * o->month_length, &e, err);
		if (rc != EG_OK)
			return rc;
		factor /= 1.0 + o->discount;
		sum += (e - prev) * factor;
		prev = e;
	}
	*out = spend * sum;
	return EG_OK;
}

int eg_gamma_gamma_clv(const struct eg_bgnbd_params *bg, const struct eg_bgnbd_customer *c,
		       double spend, const struct eg_gamma_gamma_clv_options *opt, double *out,
		       struct eg_error *err)
{
	unsigned months;
	int rc;

	if ((rc = check_clv_options(opt, &months, err)) != EG_OK ||
	    (rc = check_spend(spend, SIZE_MAX, err)) != EG_OK)
		return rc;
	return clv_one(bg, c, spend, opt, months, out, err);
}

int eg_gamma_gamma_clv_all(const struct eg_bgnbd_params *bg, const struct eg_bgnbd_customer *c,
			   const double *spend, size_t n,
			   const struct eg_gamma_gamma_clv_options *opt, double *clv,
			   struct eg_error *err)
{
	unsigned months;
	size_t i;
	int rc;

	if ((rc = check_clv_options(opt, &months, err)) != EG_OK ||
	    (rc = eg_bgnbd_check(bg, c, n, err)) != EG_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = check_spend(spend[i], i, err)) != EG_OK)
			return rc;
	for (i = 0; i < n; i++) {
		char msg[sizeof(err->message)];

		if ((rc = clv_one(bg, &c[i], spend[i], opt, months, &clv[i], err)) == EG_OK)
			continue;
		snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
		return eg_error_set(err, rc, NULL, 0, 0, "customer %zu: %s", i, msg);
	}
	return EG_OK;
}

double eg_gamma_gamma_simulate(const struct eg_gamma_gamma_params *p, unsigned x, struct eg_rng *g)
{
	double nu, sum = 0.0;
	unsigned i;

	assert(p->p > 0 && p->q > 0 && p->gamma > 0 && x >= 1);
	nu = eg_rng_gamma(g, p->q, 1.0 / p->gamma);
	for (i = 0; i < x; i++)
		sum += eg_rng_gamma(g, p->p, 1.0 / nu);
	return sum / x;
}
