/*
 * bgnbd.c - BG/NBD likelihood, fit, P(alive) and conditional expectations.
 *
 * Likelihood of one customer, paper eq. (6), in log form:
 *
 *   ln L = A1 + A2 + ln(exp(A3) + [x > 0] exp(A4))
 *   A1 = lgamma(r + x) - lgamma(r) + r ln alpha
 *   A2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x)
 *   A3 = -(r + x) ln(alpha + T)
 *   A4 = ln a - ln(b + x - 1) - (r + x) ln(alpha + t_x)
 *
 * The fit sums this over distinct (x, t_x, T) weighted by their counts. A1
 * and A2 depend on x only and are added once per distinct x; ln(alpha + t)
 * and 1 / (alpha + t) are computed once per distinct time per evaluation;
 * what is left per row is one exp and one log1p. The gradient is analytic
 * (digamma for the lgamma terms), with respect to the log-parameters.
 */
#include "engage/bgnbd.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/optimize.h"
#include "engage/specfun.h"

#define DEFAULT_MIN_CUSTOMERS 10
#define LOG_PARAM_LIMIT	      30.0 /* |ln param| beyond this is outside the domain */
#define LOG_PARAM_RUNAWAY     20.0 /* a fitted |ln param| beyond this ran off */
#define SINGULAR_STEP	      1e-5 /* half-width of the interpolation around a = 1 */

static const char *const param_names[] = { "r", "alpha", "a", "b" };

/* ---- validation ---- */

static int check_params(const struct eg_bgnbd_params *p, struct eg_error *err)
{
	if (!(p->r > 0) || !(p->alpha > 0) || !(p->a > 0) || !(p->b > 0) || isinf(p->r) ||
	    isinf(p->alpha) || isinf(p->a) || isinf(p->b))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "bg/nbd parameters must be positive and finite "
				    "(r %g, alpha %g, a %g, b %g)",
				    p->r, p->alpha, p->a, p->b);
	return EG_OK;
}

/* Checks customer c; index is named in the message (SIZE_MAX: none). */
static int check_customer(const struct eg_bgnbd_customer *c, size_t index, struct eg_error *err)
{
	char who[48] = "customer";

	if (isfinite(c->T) && c->T >= 0 &&
	    (c->x == 0 || (isfinite(c->t_x) && c->t_x >= 0 && c->t_x <= c->T)))
		return EG_OK;
	if (index != SIZE_MAX)
		snprintf(who, sizeof(who), "customer %zu", index);
	if (!isfinite(c->T) || c->T < 0)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0, "%s: age %g is not a time >= 0", who,
				    c->T);
	return eg_error_set(err, EG_EDATA, NULL, 0, 0,
			    "%s: last order time %g is outside [0, age %g]", who, c->t_x, c->T);
}

int eg_bgnbd_check(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c, size_t n,
		   struct eg_error *err)
{
	size_t i;
	int rc;

	if (p && (rc = check_params(p, err)) != EG_OK)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = check_customer(&c[i], i, err)) != EG_OK)
			return rc;
	return EG_OK;
}

/* ---- likelihood of one customer, eq. (6) ---- */

static double log_likelihood_one(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c)
{
	double r = p->r, al = p->alpha, a = p->a, b = p->b, x = c->x;
	double a1 = lgamma(r + x) - lgamma(r) + r * log(al);
	double a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
	double a3 = -(r + x) * log(al + c->T);
	double a4 = c->x > 0 ? log(a) - log(b + x - 1) - (r + x) * log(al + c->t_x) : -INFINITY;

	return a1 + a2 + eg_specfun_logaddexp(a3, a4);
}

int eg_bgnbd_log_likelihood(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c,
			    size_t n, double *out, struct eg_error *err)
{
	double sum = 0.0;
	size_t i;
	int rc;

	if ((rc = eg_bgnbd_check(p, c, n, err)) != EG_OK)
		return rc;
	for (i = 0; i < n; i++)
		sum += log_likelihood_one(p, &c[i]);
	*out = sum;
	return EG_OK;
}

/* ---- compressed data for the fit ---- */

/* One customer as a sort key: (x, t_x, T) with t_x = 0 when x = 0. */
struct key {
	double t_x; /* last repeat order time */
	double T;   /* age */
	unsigned x; /* repeat orders */
};

/* Customers with the same x >= 1: rows [begin, end) of the row arrays. */
struct group {
	double x;     /* repeat orders */
	double w;     /* customers in the group */
	size_t begin; /* first row */
	size_t end;   /* one past the last row */
};

/* ln(alpha + t) and 1 / (alpha + t) for one distinct time t. */
struct time_terms {
	double log; /* ln(alpha + t) */
	double inv; /* 1 / (alpha + t) */
};

/* Everything the objective needs; built once per fit. */
struct fitdata {
	double *times;	       /* distinct times, ascending */
	struct time_terms *tv; /* per time, for the current alpha */
	double *w0;	       /* per time: customers with x = 0 and that age */
	size_t ntimes;	       /* distinct times */
	struct group *groups;  /* distinct x >= 1, ascending */
	size_t ngroups;	       /* distinct x >= 1 */
	uint32_t *it_T, *it_x; /* per row: time index of T and of t_x */
	double *w;	       /* per row: customers with that (x, t_x, T) */
	size_t nrows;	       /* rows: distinct (x, t_x, T) with x >= 1 */
	double w_zero;	       /* customers with x = 0 */
	double w_total;	       /* all customers */
};

static int cmp_key(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->t_x != b->t_x)
		return a->t_x < b->t_x ? -1 : 1;
	if (a->T != b->T)
		return a->T < b->T ? -1 : 1;
	return 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* Index of v in the ascending distinct times (v is present). */
static uint32_t time_index(const struct fitdata *d, double v)
{
	size_t lo = 0, hi = d->ntimes;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->times[mid] <= v)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static void fitdata_release(struct fitdata *d)
{
	free(d->times);
	free(d->tv);
	free(d->w0);
	free(d->groups);
	free(d->it_T);
	free(d->it_x);
	free(d->w);
	memset(d, 0, sizeof(*d));
}

/*
 * Sorts the n (valid) customers, merges equal summaries into weighted rows
 * and indexes their times. Returns 0 on out of memory (d released).
 */
static int fitdata_build(struct fitdata *d, const struct eg_bgnbd_customer *c, size_t n)
{
	struct key *k = malloc(n * sizeof(*k));
	double *all = malloc(2 * n * sizeof(*all));
	size_t i, j, nall = 0, ndist = 0, nx = 0;

	memset(d, 0, sizeof(*d));
	if (!k || !all)
		goto fail;
	for (i = 0; i < n; i++) {
		k[i].x = c[i].x;
		k[i].t_x = c[i].x ? c[i].t_x : 0.0;
		k[i].T = c[i].T;
	}
	qsort(k, n, sizeof(*k), cmp_key);
	/* distinct times, and distinct x >= 1 */
	for (i = 0; i < n; i++) {
		all[nall++] = k[i].T;
		if (k[i].x)
			all[nall++] = k[i].t_x;
		nx += k[i].x && (i == 0 || k[i].x != k[i - 1].x);
	}
	qsort(all, nall, sizeof(*all), cmp_double);
	for (i = 0; i < nall; i++)
		if (ndist == 0 || all[i] != all[ndist - 1])
			all[ndist++] = all[i];
	d->times = all;
	all = NULL;
	d->ntimes = ndist;
	d->tv = malloc(ndist * sizeof(*d->tv));
	d->w0 = calloc(ndist, sizeof(*d->w0));
	/* rows: at most n */
	d->it_T = malloc(n * sizeof(*d->it_T));
	d->it_x = malloc(n * sizeof(*d->it_x));
	d->w = malloc(n * sizeof(*d->w));
	d->groups = malloc((nx ? nx : 1) * sizeof(*d->groups));
	if (!d->tv || !d->w0 || !d->it_T || !d->it_x || !d->w || !d->groups)
		goto fail;
	d->w_total = (double)n;
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && cmp_key(&k[i], &k[j]) == 0; j++)
			;
		if (k[i].x == 0) {
			d->w0[time_index(d, k[i].T)] += (double)(j - i);
			d->w_zero += (double)(j - i);
			continue;
		}
		if (d->ngroups == 0 || d->groups[d->ngroups - 1].x != k[i].x) {
			struct group *g = &d->groups[d->ngroups++];

			g->x = k[i].x;
			g->w = 0.0;
			g->begin = g->end = d->nrows;
		}
		d->it_T[d->nrows] = time_index(d, k[i].T);
		d->it_x[d->nrows] = time_index(d, k[i].t_x);
		d->w[d->nrows] = (double)(j - i);
		d->groups[d->ngroups - 1].w += (double)(j - i);
		d->groups[d->ngroups - 1].end = ++d->nrows;
	}
	free(k);
	return 1;
fail:
	free(k);
	free(all);
	fitdata_release(d);
	return 0;
}

/* Distinct (x, t_x, T) rows, counting all x = 0 customers of one age as one. */
static size_t fitdata_distinct(const struct fitdata *d)
{
	size_t i, n = d->nrows;

	for (i = 0; i < d->ntimes; i++)
		n += d->w0[i] > 0;
	return n;
}

/* 1 when every log-parameter of theta[0 .. n) is inside the domain. */
static int in_domain(const double *theta, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(fabs(theta[i]) <= LOG_PARAM_LIMIT))
			return 0;
	return 1;
}

/*
 * Sets the time terms for alpha and returns the log-likelihood of the
 * customers without repeat orders, the same in BG/NBD and NBD (A1 + A2 =
 * r ln alpha, no A4), adding to *g_r and *g_al its derivatives in r and
 * alpha (they start from 0 here).
 */
static double no_repeat_terms(struct fitdata *d, double r, double al, double *g_r, double *g_al)
{
	double lal = log(al), ll = d->w_zero * r * lal;
	size_t k;

	for (k = 0; k < d->ntimes; k++) {
		d->tv[k].log = log(al + d->times[k]);
		d->tv[k].inv = 1.0 / (al + d->times[k]);
	}
	*g_r = d->w_zero * lal;
	*g_al = d->w_zero * r / al;
	for (k = 0; k < d->ntimes; k++) {
		if (d->w0[k] == 0)
			continue;
		ll -= d->w0[k] * r * d->tv[k].log;
		*g_r -= d->w0[k] * d->tv[k].log;
		*g_al -= d->w0[k] * r * d->tv[k].inv;
	}
	return ll;
}

/*
 * The NBD objective: mean negative log-likelihood at theta = ln(r, alpha)
 * when nobody drops out (A1 + A3 for every customer), and its gradient.
 */
static double objective_no_dropout(const double *theta, double *grad, void *ctx)
{
	struct fitdata *d = ctx;
	double r, al, lal, ll, g_r, g_al, psi_r;
	size_t i, k;

	if (!in_domain(theta, 2))
		return INFINITY;
	r = exp(theta[0]);
	al = exp(theta[1]);
	lal = log(al);
	ll = no_repeat_terms(d, r, al, &g_r, &g_al);
	psi_r = grad ? eg_specfun_digamma(r) : 0;
	for (i = 0; i < d->ngroups; i++) {
		const struct group *gr = &d->groups[i];
		double rx = r + gr->x, s_log = 0, s_inv = 0;

		for (k = gr->begin; k < gr->end; k++) {
			s_log += d->w[k] * d->tv[d->it_T[k]].log;
			s_inv += d->w[k] * d->tv[d->it_T[k]].inv;
		}
		ll += gr->w * (lgamma(rx) - lgamma(r) + r * lal) - rx * s_log;
		if (grad) {
			g_r += gr->w * (eg_specfun_digamma(rx) - psi_r + lal) - s_log;
			g_al += gr->w * r / al - rx * s_inv;
		}
	}
	if (grad) {
		grad[0] = -g_r * r / d->w_total;
		grad[1] = -g_al * al / d->w_total;
	}
	return -ll / d->w_total;
}

/*
 * The objective: mean negative log-likelihood at theta = ln(r, alpha, a, b),
 * and its gradient with respect to theta when grad is not NULL.
 */
static double objective(const double *theta, double *grad, void *ctx)
{
	struct fitdata *d = ctx;
	double r, al, a, b, lal, ll, g_r, g_al, g_a, g_b, lg_x0;
	double psi_r = 0, psi_b = 0, psi_ab = 0;
	size_t i, k;

	if (!in_domain(theta, 4))
		return INFINITY;
	r = exp(theta[0]);
	al = exp(theta[1]);
	a = exp(theta[2]);
	b = exp(theta[3]);
	lal = log(al);
	ll = no_repeat_terms(d, r, al, &g_r, &g_al);
	g_a = g_b = 0.0;
	/* the x-free part of A1 + A2 */
	lg_x0 = -lgamma(r) + r * lal + lgamma(a + b) - lgamma(b);
	if (grad) {
		psi_r = eg_specfun_digamma(r);
		psi_b = eg_specfun_digamma(b);
		psi_ab = eg_specfun_digamma(a + b);
	}
	for (i = 0; i < d->ngroups; i++) {
		const struct group *gr = &d->groups[i];
		double x = gr->x, rx = r + x, c = log(a) - log(b + x - 1);
		double s_ll = 0, s_r = 0, s_al = 0, s_q = 0;

		for (k = gr->begin; k < gr->end; k++) {
			const struct time_terms *vT = &d->tv[d->it_T[k]], *vt = &d->tv[d->it_x[k]];
			double dl = vT->log - vt->log; /* >= 0: T >= t_x */
			double delta = c + rx * dl;    /* A4 - A3 */
			double e = exp(-fabs(delta));
			double sp = fmax(delta, 0.0) + log1p(e);      /* ln(1 + exp(delta)) */
			double q = (delta > 0 ? 1.0 : e) / (1.0 + e); /* weight of the A4 term */
			double w = d->w[k];

			s_ll += w * (sp - rx * vT->log);
			s_r += w * (q * dl - vT->log);
			s_al += w * (q * (vT->inv - vt->inv) - vT->inv);
			s_q += w * q;
		}
		ll += gr->w * (lg_x0 + lgamma(rx) + lgamma(b + x) - lgamma(a + b + x)) + s_ll;
		if (grad) {
			double psi_abx = eg_specfun_digamma(a + b + x);

			g_r += gr->w * (eg_specfun_digamma(rx) - psi_r + lal) + s_r;
			g_al += gr->w * r / al + rx * s_al;
			g_a += gr->w * (psi_ab - psi_abx) + s_q / a;
			g_b += gr->w * (psi_ab + eg_specfun_digamma(b + x) - psi_b - psi_abx) -
			       s_q / (b + x - 1);
		}
	}
	if (grad) {
		/* d/dtheta = param * d/dparam, negated and averaged */
		grad[0] = -g_r * r / d->w_total;
		grad[1] = -g_al * al / d->w_total;
		grad[2] = -g_a * a / d->w_total;
		grad[3] = -g_b * b / d->w_total;
	}
	return -ll / d->w_total;
}

/* ---- fit ---- */

/*
 * Checks n customers for a fit needing min_customers and builds its data in
 * *d; *mean_gap is the total age over the total repeat orders, where the fit
 * starts alpha. EG_EDATA (too few, no repeat orders, all of age 0), EG_EUSAGE
 * (too many) or EG_EIO; d holds nothing then.
 */
static int fit_prepare(const struct eg_bgnbd_customer *c, size_t n, size_t min_customers,
		       struct fitdata *d, double *mean_gap, struct eg_error *err)
{
	double sum_x = 0.0, sum_T = 0.0;
	size_t i;
	int rc;

	if ((rc = eg_bgnbd_check(NULL, c, n, err)) != EG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		sum_x += c[i].x;
		sum_T += c[i].T;
	}
	if (n > UINT32_MAX / 2)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "bg/nbd fit takes at most %lu customers, not %zu",
				    (unsigned long)(UINT32_MAX / 2), n);
	if (n < min_customers)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "too few customers to fit the bg/nbd model: %zu, need at "
				    "least %zu",
				    n, min_customers);
	if (sum_x == 0)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "no customer has a repeat order: the bg/nbd model cannot be "
				    "fitted");
	if (sum_T == 0)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "every customer has age 0: the bg/nbd model cannot be fitted");
	if (!fitdata_build(d, c, n))
		return eg_error_set(err, EG_EIO, NULL, 0, 0,
				    "out of memory fitting the bg/nbd model");
	*mean_gap = sum_T / sum_x;
	return EG_OK;
}

int eg_bgnbd_fit_no_dropout(const struct eg_bgnbd_customer *c, size_t n,
			    struct eg_bgnbd_nbd_fit *out, struct eg_error *err)
{
	struct eg_optimize_result res;
	struct fitdata d;
	double mean_gap, theta[2];
	int rc;

	if ((rc = fit_prepare(c, n, 1, &d, &mean_gap, err)) != EG_OK)
		return rc;
	theta[0] = 0.0;
	theta[1] = log(mean_gap);
	rc = eg_optimize_bfgs(objective_no_dropout, &d, 2, theta, NULL, &res, err);
	if (rc == EG_OK) {
		out->r = exp(theta[0]);
		out->alpha = exp(theta[1]);
		out->log_likelihood = -res.f * d.w_total;
		out->converged = res.converged;
	}
	fitdata_release(&d);
	return rc;
}

int eg_bgnbd_fit(const struct eg_bgnbd_customer *c, size_t n,
		 const struct eg_bgnbd_fit_options *opt, struct eg_bgnbd_fit *out,
		 struct eg_error *err)
{
	struct eg_optimize_options oo = { 0 };
	struct eg_optimize_result res;
	struct fitdata d;
	size_t min_customers = DEFAULT_MIN_CUSTOMERS, i;
	double mean_gap, theta[4];
	int rc, keep = opt && opt->keep_unidentified, ran_off = 0;

	if (opt) {
		if (!(opt->gtol >= 0) || isinf(opt->gtol))
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "bg/nbd fit tolerance must be finite and not negative");
		if (opt->min_customers)
			min_customers = opt->min_customers;
		oo.max_iter = opt->max_iter;
		oo.gtol = opt->gtol;
	}
	if ((rc = fit_prepare(c, n, min_customers, &d, &mean_gap, err)) != EG_OK)
		return rc;
	/* Start at r = 1 with alpha matching the mean repeat rate, a = 1, b = 3. */
	theta[0] = 0.0;
	theta[1] = log(mean_gap);
	theta[2] = 0.0;
	theta[3] = log(3.0);
	rc = eg_optimize_bfgs(objective, &d, 4, theta, &oo, &res, err);
	if (rc != EG_OK)
		goto done;
	for (i = 0; i < 4; i++) {
		if (fabs(theta[i]) > LOG_PARAM_RUNAWAY) {
			ran_off = (int)i + 1;
			if (keep)
				break;
			rc = eg_error_set(err, EG_EDATA, NULL, 0, 0,
					  "bg/nbd fit ran off: %s heads to %s (%g); the data do "
					  "not identify the model (too little dropout or repeat "
					  "buying)",
					  param_names[i], theta[i] > 0 ? "infinity" : "zero",
					  exp(theta[i]));
			goto done;
		}
	}
	if (!res.converged && !keep) {
		rc = eg_error_set(err, EG_EDATA, NULL, 0, 0,
				  "bg/nbd fit did not converge (gradient %.3g after %zu "
				  "iterations, at r %.4g, alpha %.4g, a %.4g, b %.4g): the data "
				  "may show too little dropout or repeat buying to identify the "
				  "model",
				  res.gmax, res.iterations, exp(theta[0]), exp(theta[1]),
				  exp(theta[2]), exp(theta[3]));
		goto done;
	}
	out->params.r = exp(theta[0]);
	out->params.alpha = exp(theta[1]);
	out->params.a = exp(theta[2]);
	out->params.b = exp(theta[3]);
	out->log_likelihood = -res.f * d.w_total;
	out->customers = n;
	out->distinct = fitdata_distinct(&d);
	out->iterations = res.iterations;
	out->evaluations = res.evaluations;
	out->converged = res.converged;
	out->ran_off = ran_off;
done:
	fitdata_release(&d);
	return rc;
}

/* ---- predictions ---- */

/* P(alive) for a valid customer: 1 / (1 + exp(A4 - A3)). */
static double p_alive(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c)
{
	double delta;

	if (c->x == 0)
		return 1.0;
	delta = log(p->a) - log(p->b + c->x - 1) +
		(p->r + c->x) * log1p((c->T - c->t_x) / (p->alpha + c->t_x));
	return exp(-eg_specfun_log1pexp(delta));
}

/*
 * Eq. (10) times 1 / P(alive), for a != 1: with z = t / (alpha + T + t),
 *
 *   (a + b + x - 1) / (a - 1) *
 *     [1 - (1 - z)^(r + x) 2F1(r + x, b + x; a + b + x - 1; z)]
 *
 * Euler's transformation (A&S 15.3.3) turns the bracket into
 * 1 - (1 - z)^(a - 1) 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z), whose
 * factors stay near 1 for any x (the original 2F1 grows like (1 - z)^-x).
 * When r is well above a + b - 1 that series alternates and cancels; the
 * original form, all positive terms, is then used on log scale.
 */
static int alive_expectation(const struct eg_bgnbd_params *p, double x, double T, double t,
			     double *out, struct eg_error *err)
{
	double a = p->a, c = a + p->b + x - 1, z = t / (p->alpha + T + t), f, scaled;
	double log_1mz = -log1p(t / (p->alpha + T));
	int rc;

	rc = eg_specfun_hyp2f1(a + p->b - 1 - p->r, a - 1, c, z, &f, NULL);
	if (rc == EG_OK) {
		scaled = exp((a - 1) * log_1mz) * f;
	} else {
		rc = eg_specfun_hyp2f1(p->r + x, p->b + x, c, z, &f, err);
		if (rc != EG_OK)
			return rc;
		scaled = copysign(exp((p->r + x) * log_1mz + log(fabs(f))), f);
	}
	*out = c / (a - 1) * (1.0 - scaled);
	return EG_OK;
}

/*
 * alive_expectation, continuous through a = 1 (where it is 0 / 0) and, for
 * x = 0, through a + b = 1 (c = 0): inside a band of SINGULAR_STEP around
 * the singular value the result is interpolated linearly between the band's
 * edges, which costs about 1e-10 relative.
 */
static int expectation(const struct eg_bgnbd_params *p, double x, double T, double t, double *out,
		       struct eg_error *err)
{
	struct eg_bgnbd_params q = *p;
	double *knob = NULL, centre = 0.0, value, lo, hi;
	int rc;

	if (fabs(p->a - 1.0) <= SINGULAR_STEP) {
		knob = &q.a;
		centre = 1.0;
	} else if (x == 0 && fabs(p->a + p->b - 1.0) < SINGULAR_STEP) {
		knob = &q.b; /* here a < 1 - SINGULAR_STEP, so b - SINGULAR_STEP > 0 */
		centre = 1.0 - p->a;
	}
	if (!knob)
		return alive_expectation(p, x, T, t, out, err);
	value = *knob;
	*knob = centre - SINGULAR_STEP;
	if ((rc = alive_expectation(&q, x, T, t, &lo, err)) != EG_OK)
		return rc;
	*knob = centre + SINGULAR_STEP;
	if ((rc = alive_expectation(&q, x, T, t, &hi, err)) != EG_OK)
		return rc;
	*out = lo + (hi - lo) * (value - (centre - SINGULAR_STEP)) / (2 * SINGULAR_STEP);
	return EG_OK;
}

static int check_horizon(double t, struct eg_error *err)
{
	if (isfinite(t) && t >= 0)
		return EG_OK;
	return eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "forecast horizon %g is not a time >= 0",
			    t);
}

int eg_bgnbd_p_alive(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c,
		     double *out, struct eg_error *err)
{
	int rc;

	if ((rc = check_params(p, err)) != EG_OK ||
	    (rc = check_customer(c, SIZE_MAX, err)) != EG_OK)
		return rc;
	*out = p_alive(p, c);
	return EG_OK;
}

int eg_bgnbd_expected_orders(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c,
			     double t, double *out, struct eg_error *err)
{
	double e;
	int rc;

	if ((rc = check_params(p, err)) != EG_OK ||
	    (rc = check_customer(c, SIZE_MAX, err)) != EG_OK ||
	    (rc = check_horizon(t, err)) != EG_OK)
		return rc;
	if ((rc = expectation(p, c->x, c->T, t, &e, err)) != EG_OK)
		return rc;
	*out = p_alive(p, c) * e;
	return EG_OK;
}

int eg_bgnbd_expected_orders_new(const struct eg_bgnbd_params *p, double t, double *out,
				 struct eg_error *err)
{
	double e;
	int rc;

	/* eq. (9) is eq. (10) at x = 0, T = 0 */
	if ((rc = check_params(p, err)) != EG_OK || (rc = check_horizon(t, err)) != EG_OK)
		return rc;
	if ((rc = expectation(p, 0.0, 0.0, t, &e, err)) != EG_OK)
		return rc;
	*out = e;
	return EG_OK;
}

int eg_bgnbd_predict(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *c, size_t n,
		     const double *horizons, size_t nh, double *p_alive_out, double *expected,
		     struct eg_error *err)
{
	size_t i, j;
	int rc;

	if ((rc = check_params(p, err)) != EG_OK)
		return rc;
	for (j = 0; expected && j < nh; j++)
		if ((rc = check_horizon(horizons[j], err)) != EG_OK)
			return rc;
	if ((rc = eg_bgnbd_check(NULL, c, n, err)) != EG_OK)
		return rc;
	for (i = 0; i < n; i++) {
		double pa = p_alive(p, &c[i]);

		if (p_alive_out)
			p_alive_out[i] = pa;
		for (j = 0; expected && j < nh; j++) {
			double e;

			if ((rc = expectation(p, c[i].x, c[i].T, horizons[j], &e, err)) != EG_OK) {
				char msg[sizeof(err->message)];

				snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
				return eg_error_set(err, rc, NULL, 0, 0, "customer %zu: %s", i,
						    msg);
			}
			expected[i * nh + j] = pa * e;
		}
	}
	return EG_OK;
}

/* ---- bands and simulation ---- */

int eg_bgnbd_risk_band(double p_alive, const double *thresholds, size_t n, size_t *band,
		       struct eg_error *err)
{
	size_t i, k = 0;

	if (!(p_alive >= 0 && p_alive <= 1))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "p(alive) %g is not in [0, 1]",
				    p_alive);
	for (i = 0; i < n; i++) {
		if (!(thresholds[i] >= 0 && thresholds[i] <= 1) ||
		    (i > 0 && !(thresholds[i] > thresholds[i - 1])))
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "risk band thresholds must rise strictly within [0, 1] "
					    "(threshold %zu is %g)",
					    i + 1, thresholds[i]);
		k += thresholds[i] <= p_alive;
	}
	*band = k;
	return EG_OK;
}

void eg_bgnbd_simulate(const struct eg_bgnbd_params *p, double T, double holdout, struct eg_rng *g,
		       struct eg_bgnbd_customer *cal, unsigned *holdout_orders)
{
	double lambda, drop, t = 0.0, end = T + holdout;
	unsigned later = 0;

	assert(p->r > 0 && p->alpha > 0 && p->a > 0 && p->b > 0 && T >= 0 && holdout >= 0);
	lambda = eg_rng_gamma(g, p->r, 1.0 / p->alpha);
	drop = eg_rng_beta(g, p->a, p->b);
	cal->x = 0;
	cal->t_x = 0.0;
	cal->T = T;
	/* lambda can underflow to 0 for a tiny r: such a customer never returns */
	while (lambda > 0) {
		t += eg_rng_exponential(g, lambda);
		if (t > end)
			break;
		if (t <= T) {
			cal->x++;
			cal->t_x = t;
		} else {
			later++;
		}
		/* the dropout coin is tossed after each repeat order */
		if (eg_rng_uniform(g) < drop)
			break;
	}
	if (holdout_orders)
		*holdout_orders = later;
}
