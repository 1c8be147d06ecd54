/*
 * optimize.c - BFGS on the inverse Hessian with a backtracking Armijo line
 * search, for a handful of variables; all state lives on the stack. Near the
 * optimum f changes by rounding noise only, so with analytic gradients the
 * search also accepts Hager & Zhang's approximate Wolfe steps, which judge
 * progress by the slope instead.
 */
#include "engage/optimize.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define MAXN	   EG_OPTIMIZE_MAX_DIM
#define ARMIJO	   1e-4	 /* sufficient-decrease constant c1 */
#define BACKTRACKS 60	 /* step halvings (at least) before a search gives up */
#define NOISE	   1e-12 /* relative change of f taken as rounding noise */
#define STALL	   20	 /* iterations over which f must fall by STALL_GAIN */
#define STALL_GAIN 1e-10 /* relative; less means a flat ridge or the noise floor */

/* The objective and its bookkeeping. */
struct problem {
	eg_optimize_fn fn; /* objective */
	void *ctx;	   /* its context */
	size_t n;	   /* dimension */
	int numeric;	   /* gradients by central differences */
	size_t evals;	   /* calls of fn so far */
};

/* Central differences of fn at x into g; 0 when a side is not finite. */
static int numeric_gradient(struct problem *p, const double *x, double *g)
{
	double xt[MAXN];
	size_t i;

	memcpy(xt, x, p->n * sizeof(*x));
	for (i = 0; i < p->n; i++) {
		double h = cbrt(DBL_EPSILON) * fmax(1.0, fabs(x[i]));
		double fp, fm, up, down;

		xt[i] = x[i] + h;
		up = xt[i];
		fp = p->fn(xt, NULL, p->ctx);
		xt[i] = x[i] - h;
		down = xt[i];
		fm = p->fn(xt, NULL, p->ctx);
		xt[i] = x[i];
		p->evals += 2;
		if (!isfinite(fp) || !isfinite(fm))
			return 0;
		g[i] = (fp - fm) / (up - down);
	}
	return 1;
}

/*
 * f at x, and the gradient into g when g is not NULL. Anything not finite
 * (value or gradient) comes back as +inf: outside the domain.
 */
static double evaluate(struct problem *p, const double *x, double *g)
{
	double f;
	size_t i;

	p->evals++;
	f = p->fn(x, p->numeric ? NULL : g, p->ctx);
	if (!isfinite(f))
		return INFINITY;
	if (!g)
		return f;
	if (p->numeric && !numeric_gradient(p, x, g))
		return INFINITY;
	for (i = 0; i < p->n; i++)
		if (!isfinite(g[i]))
			return INFINITY;
	return f;
}

static double dot(const double *u, const double *v, size_t n)
{
	double s = 0.0;
	size_t i;

	for (i = 0; i < n; i++)
		s += u[i] * v[i];
	return s;
}

static double max_abs(const double *v, size_t n)
{
	double m = 0.0;
	size_t i;

	for (i = 0; i < n; i++)
		m = fmax(m, fabs(v[i]));
	return m;
}

static void identity(double *h, size_t n, double scale)
{
	size_t i;

	memset(h, 0, n * n * sizeof(*h));
	for (i = 0; i < n; i++)
		h[i * n + i] = scale;
}

/* H += rank-two BFGS correction for step s and gradient change y (s.y > 0). */
static void bfgs_update(double *h, const double *s, const double *y, double sy, size_t n)
{
	double hy[MAXN], rho = 1.0 / sy, yhy, coef;
	size_t i, j;

	for (i = 0; i < n; i++)
		hy[i] = dot(h + i * n, y, n);
	yhy = dot(y, hy, n);
	coef = rho * rho * yhy + rho;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			h[i * n + j] += coef * s[i] * s[j] - rho * (s[i] * hy[j] + hy[i] * s[j]);
}

/*
 * Hager & Zhang's approximate Wolfe test (SIAM J. Optim. 16(1), 2005):
 * once f changes only by rounding noise, Armijo cannot see progress,
 * but the slope along the search line still can. Accepts a step whose slope
 * d1 has risen from d0 < 0 to within [0.9 d0, -0.8 d0] while f grew by no
 * more than NOISE relative.
 */
static int approx_wolfe(double f0, double f1, double d0, double d1)
{
	return f1 <= f0 + NOISE * fabs(f0) && d1 >= 0.9 * d0 && d1 <= -0.8 * d0;
}

/*
 * One BFGS run from (x, *f, g), updating them in place; returns when the
 * gradient test passes, after max_iter iterations, when even a fresh
 * steepest-descent search cannot decrease f (the noise floor), or when f has
 * stalled over the last STALL iterations (a ridge running off to infinity
 * would otherwise use up every iteration).
 */
static void run(struct problem *p, double *x, double *f, double *g,
		const struct eg_optimize_options *o, size_t *iters)
{
	size_t n = p->n, it, steps = 0;
	double h[MAXN * MAXN], past[STALL];
	int fresh = 1; /* h is a multiple of the identity, no curvature learnt */

	identity(h, n, 1.0);
	for (it = 0; it < o->max_iter && max_abs(g, n) > o->gtol; it++) {
		double d[MAXN], xt[MAXN], gt[MAXN], s[MAXN], y[MAXN];
		double gd, big, step = 1.0, ft = INFINITY, sy;
		size_t i, k;
		int accepted = 0, stalled;

		for (i = 0; i < n; i++)
			d[i] = -dot(h + i * n, g, n);
		gd = dot(g, d, n);
		if (!(gd < 0)) {
			identity(h, n, 1.0);
			fresh = 1;
			for (i = 0; i < n; i++)
				d[i] = -g[i];
			gd = -dot(g, g, n);
		}
		big = max_abs(d, n);
		if (big > o->max_step) {
			for (i = 0; i < n; i++)
				d[i] *= o->max_step / big;
			gd *= o->max_step / big;
		}
		for (k = 0; k < BACKTRACKS; k++) {
			for (i = 0; i < n; i++)
				xt[i] = x[i] + step * d[i];
			ft = evaluate(p, xt, p->numeric ? NULL : gt);
			if (ft <= *f + ARMIJO * step * gd ||
			    (!p->numeric && isfinite(ft) &&
			     approx_wolfe(*f, ft, gd, dot(gt, d, n)))) {
				accepted = 1;
				break;
			}
			if (isfinite(ft)) {
				/* minimiser of the quadratic through f, f'(0), ft */
				double q = -gd * step * step / (2.0 * (ft - *f - gd * step));

				step = fmin(fmax(q, 0.1 * step), 0.5 * step);
			} else {
				step *= 0.1;
			}
		}
		if (accepted && p->numeric && !isfinite(evaluate(p, xt, gt)))
			accepted = 0;
		if (!accepted) {
			if (fresh)
				break;
			identity(h, n, 1.0);
			fresh = 1;
			continue;
		}
		for (i = 0; i < n; i++) {
			s[i] = xt[i] - x[i];
			y[i] = gt[i] - g[i];
		}
		memcpy(x, xt, n * sizeof(*x));
		memcpy(g, gt, n * sizeof(*g));
		stalled = steps >= STALL && past[steps % STALL] - ft <= STALL_GAIN * fabs(ft);
		past[steps++ % STALL] = *f;
		*f = ft;
		(*iters)++;
		if (stalled)
			break;
		sy = dot(s, y, n);
		if (sy > 1e-10 * sqrt(dot(s, s, n) * dot(y, y, n))) {
			if (fresh)
				identity(h, n, sy / dot(y, y, n));
			bfgs_update(h, s, y, sy, n);
			fresh = 0;
		}
	}
}

int eg_optimize_bfgs(eg_optimize_fn fn, void *ctx, size_t n, double *x,
		     const struct eg_optimize_options *opt, struct eg_optimize_result *res,
		     struct eg_error *err)
{
	struct eg_optimize_options o = { 500, 1, 1e-8, 2.0, 0 };
	struct problem p;
	double xc[MAXN], g[MAXN], f;
	size_t r, iters = 0;

	if (n == 0 || n > MAXN)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "optimizer takes 1 to %d variables, not %zu", MAXN, n);
	if (opt) {
		if (!(opt->gtol >= 0) || !(opt->max_step >= 0) || isinf(opt->gtol) ||
		    isinf(opt->max_step))
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "optimizer tolerances must be finite and not negative");
		o.max_iter = opt->max_iter ? opt->max_iter : o.max_iter;
		o.restarts = opt->restarts ? opt->restarts : o.restarts;
		o.gtol = opt->gtol > 0 ? opt->gtol : o.gtol;
		o.max_step = opt->max_step > 0 ? opt->max_step : o.max_step;
		o.numeric_gradient = opt->numeric_gradient;
	}
	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	p.numeric = o.numeric_gradient != 0;
	p.evals = 0;
	memcpy(xc, x, n * sizeof(*x));
	f = evaluate(&p, xc, g);
	if (!isfinite(f))
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "objective is not finite at the starting point");
	for (r = 0; r <= o.restarts; r++) {
		size_t before = iters;

		run(&p, xc, &f, g, &o, &iters);
		if (iters == before)
			break; /* a fresh run made no step: nothing more to find */
	}
	memcpy(x, xc, n * sizeof(*x));
	res->f = f;
	res->gmax = max_abs(g, n);
	res->iterations = iters;
	res->evaluations = p.evals;
	res->converged = res->gmax <= o.gtol;
	return EG_OK;
}
