/*
 * test_bgnbd.c - the BG/NBD model: log-likelihood, P(alive) and expected
 * orders against values computed independently by numerical integration
 * over the customer's unknown (lambda, p); the fit recovers known parameters
 * from simulated customers in weeks and in days, does not depend on the time
 * unit or on how customers are grouped, and is a maximum; degenerate data
 * and bad arguments give their exact status; predictions stay finite.
 *
 * Reference values: /usr/bin/python3 with python3-mpmath 1.2.1 at 40 digits.
 * refs() computes each customer's likelihood, P(alive) and conditional
 * expectation as integrals over p ~ beta(a, b), after the gamma integral
 * over lambda, by quadrature - not by the closed forms of eq. (6), (9), (10)
 * or a 2F1, which the code uses; (1 - e^(-lambda p t)) / p is the expected
 * number of orders in t of a live customer with (lambda, p), paper eq. (7).
 * closed() evaluates those closed forms in mpmath as a cross-check: they
 * agree to all 17 digits printed; where eq. (10) is 0 / 0 (a = 1, or x = 0
 * with a + b = 1) it was evaluated at the parameter +- 1e-19 or less
 * instead, which agreed too. The constants are the "quad" lines this script
 * printed:
 *
 *   from mpmath import mp, mpf, quad, log, gamma, beta, hyp2f1, loggamma, exp
 *   mp.dps = 40
 *
 *   def refs(r, al, a, b, x, tx, T, t):
 *       r, al, a, b, tx, T, t = map(mpf, (r, al, a, b, tx, T, t))
 *       G = lambda s: al**r * gamma(r + x) / (gamma(r) * (al + s)**(r + x))  # int lam^x e^(-lam s) g(lam)
 *       # E over p ~ beta(a, b) of h(p), with p = u^(1/a) so that the p^(a-1) singularity goes
 *       cuts = [0] + [(mpf(k) / (b + x + 1))**a for k in (mpf(1) / 4, 1, 4, 16) if k < b + x + 1] + [1]
 *       E = lambda h: quad(lambda u: (1 - u**(1 / a))**(b - 1) * h(u**(1 / a)), cuts) / (a * beta(a, b))
 *       # quad's error test is absolute: integrate O(1) functions, scale afterwards
 *       L_alive = E(lambda p: (1 - p)**x) * G(T)
 *       L_dead = E(lambda p: p * (1 - p)**(x - 1)) * G(tx) if x > 0 else 0
 *       L = L_alive + L_dead
 *       ey = E(lambda p: (1 - p)**x * (1 - ((al + T) / (al + T + p * t))**(r + x)) / p) * G(T) / L
 *       return log(L), L_alive / L, ey
 *
 *   def closed(r, al, a, b, x, tx, T, t):
 *       r, al, a, b, tx, T, t = map(mpf, (r, al, a, b, tx, T, t))
 *       A1 = loggamma(r + x) - loggamma(r) + r * log(al)
 *       A2 = loggamma(a + b) + loggamma(b + x) - loggamma(b) - loggamma(a + b + x)
 *       A3 = -(r + x) * log(al + T)
 *       A4 = log(a) - log(b + x - 1) - (r + x) * log(al + tx) if x > 0 else None
 *       ll = A1 + A2 + (log(exp(A3) + exp(A4)) if x > 0 else A3)
 *       den = 1 + (a / (b + x - 1) * ((al + T) / (al + tx))**(r + x) if x > 0 else 0)
 *       if a == 1 or (x == 0 and a + b == 1):
 *           return ll, 1 / den, None
 *       num = 1 - ((al + T) / (al + T + t))**(r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (al + T + t))
 *       return ll, 1 / den, (a + b + x - 1) / (a - 1) * num / den
 *
 *   def new_customer(r, al, a, b, t):
 *       r, al, a, b, t = map(mpf, (r, al, a, b, t))
 *       h = lambda p: (1 - (al / (al + p * t))**r) / p
 *       return quad(lambda u: (1 - u**(1 / a))**(b - 1) * h(u**(1 / a)), [0, (1 / (b + 1))**a, 1]) / (a * beta(a, b))
 *
 *   cases = [
 *       ("0.243", "4.414", "0.793", "2.426", 0, "0", "38.86", "39"),
 *       ("0.243", "4.414", "0.793", "2.426", 2, "30.43", "38.86", "39"),
 *       ("0.243", "4.414", "0.793", "2.426", 15, "35.2", "38.5", "39"),
 *       ("0.243", "4.414", "0.793", "2.426", 7, "5.1", "38", "39"),
 *       ("0.25", "30", "0.8", "2.5", 40, "1000", "1100", "365"),
 *       ("0.25", "30", "0.8", "2.5", 3, "100", "1050", "365"),
 *       ("0.5", "10", "1", "3", 3, "20", "40", "30"),
 *       ("0.243", "4.414", "0.793", "2.426", 150, "37", "38", "520"),
 *       ("0.5", "10", "0.4", "0.6", 0, "0", "40", "30"),
 *       ("20", "3", "5", "0.5", 3, "2", "3", "365"),
 *   ]
 *   for c in cases:
 *       q = refs(*c)
 *       k = closed(*c)
 *       print(c)
 *       print("   quad  ll %s palive %s ey %s" % tuple(mp.nstr(v, 17) for v in q))
 *       print("   closed ll %s palive %s ey %s" % tuple(v is not None and mp.nstr(v, 17) for v in k))
 *   print("new 0.243 4.414 0.793 2.426 t=39", mp.nstr(new_customer("0.243", "4.414", "0.793", "2.426", "39"), 17))
 *   print("new 0.25 30 0.8 2.5 t=365", mp.nstr(new_customer("0.25", "30", "0.8", "2.5", "365"), 17))
 *   print("new 0.5 10 1 3 t=30", mp.nstr(new_customer("0.5", "10", "1", "3", "30"), 17))
 *   print("new 0.5 10 0.4 0.6 t=30", mp.nstr(new_customer("0.5", "10", "0.4", "0.6", "30"), 17))
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engage/bgnbd.h"
#include "test_cases.h"

/* The paper's CDNOW estimates, in weeks, used as truths here. */
static const struct eg_bgnbd_params cdnow = { 0.243, 4.414, 0.793, 2.426 };

/* One reference case: parameters, customer, horizon, integrals. */
struct ref_case {
	struct eg_bgnbd_params p;
	struct eg_bgnbd_customer c;
	double t;      /* horizon */
	double ll;     /* log-likelihood */
	double palive; /* P(alive) */
	double ey;     /* expected orders in (T, T + t] */
	double tol;    /* relative tolerance on ey */
};

/* clang-format off */
static const struct ref_case refs[] = {
	{ { 0.243, 4.414, 0.793, 2.426 }, { 0, 0, 38.86 }, 39, -0.55471327643815845, 1.0, 0.19509805201126264, 1e-12 },
	/* the customer usually worked through in the literature: 1.226 */
	{ { 0.243, 4.414, 0.793, 2.426 }, { 2, 30.43, 38.86 }, 39, -9.4586063070662712, 0.72657857008067291, 1.2260281747671444, 1e-12 },
	{ { 0.243, 4.414, 0.793, 2.426 }, { 15, 35.2, 38.5 }, 39, -33.855420612695486, 0.85949729091190804, 9.282555084390261, 1e-12 },
	{ { 0.243, 4.414, 0.793, 2.426 }, { 7, 5.1, 38 }, 39, -13.698259390468706, 0.00021110158017143547, 0.0011158096068404908, 1e-12 },
	/* days, three years of history */
	{ { 0.25, 30, 0.8, 2.5 }, { 40, 1000, 1100 }, 365, -177.54832274615501, 0.55461103511083126, 6.458339829405076, 1e-12 },
	{ { 0.25, 30, 0.8, 2.5 }, { 3, 100, 1050 }, 365, -17.689980557929456, 0.0057452494674975553, 0.0058064140171963616, 1e-12 },
	/* a = 1: eq. (10) is 0 / 0 there */
	{ { 0.5, 10, 1, 3 }, { 3, 20, 40 }, 30, -11.81897806901233, 0.45550507323028401, 0.81062510730468491, 1e-10 },
	/* many orders and a ten-year horizon: the plain 2F1 would be ~1e35 */
	{ { 0.243, 4.414, 0.793, 2.426 }, { 150, 37, 38 }, 520, 34.094516659672368, 0.84121617400041623, 435.02825186336526, 1e-12 },
	/* r far above a + b - 1: the Euler-form series alternates */
	{ { 20, 3, 5, 0.5 }, { 3, 2, 3 }, 365, -10.175707368198268, 0.0074909315528539233, 0.01404549665834175, 1e-12 },
	/* x = 0 with a + b = 1: c = a + b + x - 1 = 0 */
	{ { 0.5, 10, 0.4, 0.6 }, { 0, 0, 40 }, 30, -0.80471895621705019, 1.0, 0.25942739579381588, 1e-10 },
};
/* clang-format on */

/* Asserts |got - want| <= rel * max(|want|, 1e-300), printing both. */
static void near_rel(double got, double want, double rel, const char *what, size_t i)
{
	if (!(fabs(got - want) <= rel * fmax(fabs(want), 1e-300))) {
		print_error("%s, case %zu: got %.17g, want %.17g (rel err %.3g, allowed %.3g)\n",
			    what, i, got, want, fabs(got - want) / fabs(want), rel);
		fail();
	}
}

/* n customers simulated from p with ages uniform in [t_min, t_max]. */
static struct eg_bgnbd_customer *simulate(const struct eg_bgnbd_params *p, size_t n, double t_min,
					  double t_max, uint64_t seed)
{
	struct eg_bgnbd_customer *c = malloc(n * sizeof(*c));
	struct eg_rng g;
	size_t i;

	assert_non_null(c);
	eg_rng_seed(&g, seed);
	for (i = 0; i < n; i++)
		eg_bgnbd_simulate(p, t_min + (t_max - t_min) * eg_rng_uniform(&g), 0.0, &g, &c[i],
				  NULL);
	return c;
}

static struct eg_bgnbd_fit fit_ok(const struct eg_bgnbd_customer *c, size_t n)
{
	struct eg_bgnbd_fit f;
	struct eg_error err;
	int rc;

	eg_error_clear(&err);
	rc = eg_bgnbd_fit(c, n, NULL, &f, &err);
	if (rc != EG_OK)
		print_error("fit: status %d: %s\n", rc, err.message);
	assert_int_equal(rc, EG_OK);
	return f;
}

/* Asserts each fitted parameter within its relative tolerance of the truth. */
static void recovered(const struct eg_bgnbd_params *got, const struct eg_bgnbd_params *want,
		      double tol_r_alpha, double tol_ab)
{
	const double g[] = { got->r, got->alpha, got->a, got->b };
	const double w[] = { want->r, want->alpha, want->a, want->b };
	static const char *const names[] = { "r", "alpha", "a", "b" };
	size_t i;

	for (i = 0; i < 4; i++) {
		double tol = i < 2 ? tol_r_alpha : tol_ab;

		if (!(fabs(g[i] / w[i] - 1.0) <= tol)) {
			print_error("%s: fitted %.5g, true %.5g (%.1f%% off, allowed %.0f%%)\n",
				    names[i], g[i], w[i], 100 * fabs(g[i] / w[i] - 1), 100 * tol);
			fail();
		}
	}
}

/* ---- against independent integrals ---- */

static void bgnbd_log_likelihood_matches_integral(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		double ll = NAN;

		assert_int_equal(eg_bgnbd_log_likelihood(&refs[i].p, &refs[i].c, 1, &ll, NULL),
				 EG_OK);
		near_rel(ll, refs[i].ll, 1e-13, "log-likelihood", i);
	}
}

static void bgnbd_p_alive_matches_integral(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		double pa = NAN;

		assert_int_equal(eg_bgnbd_p_alive(&refs[i].p, &refs[i].c, &pa, NULL), EG_OK);
		near_rel(pa, refs[i].palive, 1e-13, "p(alive)", i);
	}
}

static void bgnbd_expected_orders_match_integral(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		struct eg_error err;
		double ey = NAN;
		int rc;

		eg_error_clear(&err);
		rc = eg_bgnbd_expected_orders(&refs[i].p, &refs[i].c, refs[i].t, &ey, &err);
		if (rc != EG_OK)
			print_error("case %zu: %s\n", i, err.message);
		assert_int_equal(rc, EG_OK);
		near_rel(ey, refs[i].ey, refs[i].tol, "expected orders", i);
	}
}

static void bgnbd_expected_orders_of_new_customer_match_integral(void **state)
{
	static const struct {
		struct eg_bgnbd_params p;
		double t, want, tol;
	} cases[] = {
		{ { 0.243, 4.414, 0.793, 2.426 }, 39, 1.1967231933208168, 1e-12 },
		{ { 0.25, 30, 0.8, 2.5 }, 365, 1.5224695351770465, 1e-12 },
		{ { 0.5, 10, 1, 3 }, 30, 1.0439017597600974, 1e-10 },
		{ { 0.5, 10, 0.4, 0.6 }, 30, 0.95548436021711412, 1e-10 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double e = NAN;

		assert_int_equal(eg_bgnbd_expected_orders_new(&cases[i].p, cases[i].t, &e, NULL),
				 EG_OK);
		near_rel(e, cases[i].want, cases[i].tol, "new customer", i);
	}
}

/* ---- properties of the predictions ---- */

static void bgnbd_p_alive_is_one_without_repeat_orders(void **state)
{
	struct eg_bgnbd_customer c = { 0, 123.0 /* ignored */, 50.0 };
	double pa = 0;

	(void)state;
	assert_int_equal(eg_bgnbd_p_alive(&cdnow, &c, &pa, NULL), EG_OK);
	assert_true(pa == 1.0);
}

static void bgnbd_expected_orders_grow_from_zero_with_horizon(void **state)
{
	struct eg_bgnbd_customer c = { 4, 20.0, 38.0 };
	double prev = -1.0, e;
	int t;

	(void)state;
	assert_int_equal(eg_bgnbd_expected_orders(&cdnow, &c, 0.0, &e, NULL), EG_OK);
	assert_true(e == 0.0);
	for (t = 1; t <= 1024; t *= 2) {
		assert_int_equal(eg_bgnbd_expected_orders(&cdnow, &c, t, &e, NULL), EG_OK);
		assert_true(e > prev);
		prev = e;
	}
}

static void bgnbd_expected_orders_are_continuous_through_a_equal_1(void **state)
{
	/* across the interpolation band (1e-5 wide) and outside it */
	static const double offsets[] = { -4e-5, -2e-5, -1e-5, -5e-6, 0.0, 5e-6, 1e-5, 2e-5, 4e-5 };
	struct eg_bgnbd_customer c = { 3, 20.0, 40.0 };
	double e[9];
	size_t i;

	(void)state;
	for (i = 0; i < 9; i++) {
		struct eg_bgnbd_params p = { 0.5, 10.0, 1.0 + offsets[i], 3.0 };

		assert_int_equal(eg_bgnbd_expected_orders(&p, &c, 30.0, &e[i], NULL), EG_OK);
	}
	/* equal steps in a give equal steps in E to second order */
	for (i = 1; i + 1 < 9; i++) {
		double slope = (e[8] - e[0]) / (offsets[8] - offsets[0]);
		double lin = e[0] + slope * (offsets[i] - offsets[0]);

		near_rel(e[i], lin, 1e-9, "E near a = 1", i);
	}
}

static void bgnbd_predictions_stay_finite_on_extreme_customers(void **state)
{
	static const struct eg_bgnbd_customer cs[] = {
		{ 0, 0, 0 },	   { 1, 0, 0 },		 { 500, 3.0, 3.0 },  { 500, 1095, 1100 },
		{ 1, 1e-9, 1100 }, { 2000, 1100, 1100 }, { 3, 0.0, 1100.0 }, { 0, 0, 1e6 },
	};
	static const struct eg_bgnbd_params ps[] = {
		{ 0.243, 4.414, 0.793, 2.426 },
		{ 0.01, 1000, 0.05, 50 },
		{ 20, 3, 5, 0.5 },
		{ 0.25, 30, 0.999995, 2.5 },
	};
	static const double horizons[] = { 0, 1, 30, 365, 3650 };
	double pa[8], ex[8 * 5];
	size_t i, j;

	(void)state;
	for (j = 0; j < sizeof(ps) / sizeof(ps[0]); j++) {
		struct eg_error err;
		int rc;

		eg_error_clear(&err);
		rc = eg_bgnbd_predict(&ps[j], cs, 8, horizons, 5, pa, ex, &err);
		if (rc != EG_OK)
			print_error("params %zu: %s\n", j, err.message);
		assert_int_equal(rc, EG_OK);
		for (i = 0; i < 8; i++)
			assert_true(pa[i] >= 0.0 && pa[i] <= 1.0);
		for (i = 0; i < 8 * 5; i++)
			assert_true(isfinite(ex[i]) && ex[i] >= 0.0);
	}
}

static void bgnbd_predict_matches_single_calls(void **state)
{
	static const double horizons[] = { 30, 90, 365 };
	struct eg_bgnbd_customer *c = simulate(&cdnow, 50, 0, 160, 11);
	double pa[50], ex[150], one;
	size_t i, j;

	(void)state;
	assert_int_equal(eg_bgnbd_predict(&cdnow, c, 50, horizons, 3, pa, ex, NULL), EG_OK);
	for (i = 0; i < 50; i++) {
		assert_int_equal(eg_bgnbd_p_alive(&cdnow, &c[i], &one, NULL), EG_OK);
		assert_true(one == pa[i]);
		for (j = 0; j < 3; j++) {
			assert_int_equal(
				eg_bgnbd_expected_orders(&cdnow, &c[i], horizons[j], &one, NULL),
				EG_OK);
			assert_true(one == ex[i * 3 + j]);
		}
	}
	/* either output may be skipped */
	assert_int_equal(eg_bgnbd_predict(&cdnow, c, 50, horizons, 3, NULL, ex, NULL), EG_OK);
	assert_int_equal(eg_bgnbd_predict(&cdnow, c, 50, NULL, 0, pa, NULL, NULL), EG_OK);
	free(c);
}

/* ---- fit ---- */

/*
 * Simulates 100,000 customers from truth with ages uniform in [t_min, t_max],
 * fits them, and asserts the estimates within 5% of the truth for r and
 * alpha and 15% for a and b - 10 seeds of each test's setting gave standard
 * errors of 0.7-0.9% (r), 0.9-1.2% (alpha), 2.5-3.1% (a) and 3.2-4.0% (b),
 * so each tolerance is at least 3.7 of them - and the likelihood ratio
 * 0 <= 2 (LL_fit - LL_true) <= chi2(4) at 99.9% = 18.47.
 */
static void recovers(const struct eg_bgnbd_params *truth, double t_min, double t_max, uint64_t seed)
{
	const size_t n = 100000;
	struct eg_bgnbd_customer *c = simulate(truth, n, t_min, t_max, seed);
	struct eg_bgnbd_fit f = fit_ok(c, n);
	double ll_true;

	recovered(&f.params, truth, 0.05, 0.15);
	assert_int_equal(eg_bgnbd_log_likelihood(truth, c, n, &ll_true, NULL), EG_OK);
	assert_true(f.log_likelihood >= ll_true);
	assert_true(2 * (f.log_likelihood - ll_true) <= 18.47);
	assert_true(f.customers == n && f.distinct == n);
	free(c);
}

static void bgnbd_fit_recovers_parameters_in_weeks(void **state)
{
	(void)state;
	/* CDNOW-like: first orders over 12 weeks, 39 weeks of calibration */
	recovers(&cdnow, 27, 39, 1);
}

static void bgnbd_fit_recovers_parameters_in_days(void **state)
{
	const struct eg_bgnbd_params truth = { 0.25, 30.0, 0.8, 2.5 };

	(void)state;
	/* three years of daily history */
	recovers(&truth, 0, 1100, 2);
}

static void bgnbd_fit_does_not_depend_on_time_unit(void **state)
{
	const size_t n = 20000;
	struct eg_bgnbd_customer *weeks = simulate(&cdnow, n, 0, 156, 3);
	struct eg_bgnbd_customer *days = malloc(n * sizeof(*days));
	struct eg_bgnbd_fit fw, fd;
	double repeat = 0.0;
	size_t i;

	(void)state;
	assert_non_null(days);
	for (i = 0; i < n; i++) {
		days[i].x = weeks[i].x;
		days[i].t_x = 7 * weeks[i].t_x;
		days[i].T = 7 * weeks[i].T;
		repeat += weeks[i].x;
	}
	fw = fit_ok(weeks, n);
	fd = fit_ok(days, n);
	near_rel(fd.params.r, fw.params.r, 1e-5, "r", 0);
	near_rel(fd.params.alpha, 7 * fw.params.alpha, 1e-5, "alpha", 0);
	near_rel(fd.params.a, fw.params.a, 1e-5, "a", 0);
	near_rel(fd.params.b, fw.params.b, 1e-5, "b", 0);
	/* each repeat order contributes a rate lambda: lambda_day = lambda_week / 7 */
	near_rel(fd.log_likelihood, fw.log_likelihood - repeat * log(7.0), 1e-10, "ll", 0);
	free(weeks);
	free(days);
}

static void bgnbd_fit_merges_equal_customers(void **state)
{
	const size_t n = 3000;
	struct eg_bgnbd_customer *c = simulate(&cdnow, n, 0, 52, 4);
	struct eg_bgnbd_customer *twice = malloc(2 * n * sizeof(*twice));
	struct eg_bgnbd_fit f1, f2;
	size_t i;

	(void)state;
	assert_non_null(twice);
	/* whole weeks, so that many summaries coincide; t_x of x = 0 is noise */
	for (i = 0; i < n; i++) {
		c[i].T = ceil(c[i].T);
		c[i].t_x = c[i].x ? floor(c[i].t_x) : (double)(i % 7);
		twice[2 * i] = twice[2 * i + 1] = c[i];
	}
	f1 = fit_ok(c, n);
	f2 = fit_ok(twice, 2 * n);
	assert_true(f1.distinct < n / 2);
	assert_int_equal(f1.distinct, f2.distinct);
	near_rel(f2.params.r, f1.params.r, 1e-5, "r", 0);
	near_rel(f2.params.alpha, f1.params.alpha, 1e-5, "alpha", 0);
	near_rel(f2.params.a, f1.params.a, 1e-5, "a", 0);
	near_rel(f2.params.b, f1.params.b, 1e-5, "b", 0);
	near_rel(f2.log_likelihood, 2 * f1.log_likelihood, 1e-10, "ll", 0);
	free(c);
	free(twice);
}

static void bgnbd_fit_is_a_maximum_of_the_direct_likelihood(void **state)
{
	const size_t n = 5000;
	struct eg_bgnbd_customer *c = simulate(&cdnow, n, 10, 80, 5);
	struct eg_bgnbd_fit f = fit_ok(c, n);
	double ll, ll_step;
	size_t i;
	int side;

	(void)state;
	assert_int_equal(eg_bgnbd_log_likelihood(&f.params, c, n, &ll, NULL), EG_OK);
	near_rel(f.log_likelihood, ll, 1e-11, "fit ll vs direct ll", 0);
	for (i = 0; i < 4; i++) {
		for (side = -1; side <= 1; side += 2) {
			struct eg_bgnbd_params q = f.params;
			double *v = i == 0 ? &q.r : i == 1 ? &q.alpha : i == 2 ? &q.a : &q.b;

			*v *= 1.0 + side * 1e-3;
			assert_int_equal(eg_bgnbd_log_likelihood(&q, c, n, &ll_step, NULL), EG_OK);
			if (!(ll_step < ll))
				print_error("param %zu side %d: %.12g >= %.12g\n", i, side, ll_step,
					    ll);
			assert_true(ll_step < ll);
		}
	}
	free(c);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void bgnbd_fit_of_a_million_customers_is_fast(void **state)
{
	/* three years of daily data, the size the issue asks for */
	const struct eg_bgnbd_params truth = { 0.25, 30.0, 0.8, 2.5 };
	const size_t n = 1000000;
	struct eg_bgnbd_customer *c = simulate(&truth, n, 0, 1100, 8);
	struct eg_bgnbd_fit f;
	double start, took;
	size_t i;

	(void)state;
	for (i = 0; i < n; i++) {
		c[i].T = floor(c[i].T);
		c[i].t_x = floor(c[i].t_x);
	}
	start = seconds();
	f = fit_ok(c, n);
	took = seconds() - start;
	print_message("bg/nbd fit of %zu customers (%zu distinct): %.2f s, %zu iterations\n", n,
		      f.distinct, took, f.iterations);
	/* about 0.5 s on the 2-core build machine; the bound is 10 s */
	assert_true(took < 5.0);
	recovered(&f.params, &truth, 0.05, 0.15);
	free(c);
}

/* ---- degenerate data and bad calls ---- */

/* Asserts fit fails with status and a message, leaving *out untouched. */
static void fit_fails(const struct eg_bgnbd_customer *c, size_t n,
		      const struct eg_bgnbd_fit_options *opt, int status, const char *needle)
{
	struct eg_bgnbd_fit out;
	struct eg_error err;
	int rc;

	memset(&out, 0x5a, sizeof(out));
	eg_error_clear(&err);
	rc = eg_bgnbd_fit(c, n, opt, &out, &err);
	assert_failed(rc, &err, status, needle);
	assert_untouched(&out, sizeof(out), 0x5a);
}

static void bgnbd_fit_rejects_too_few_customers(void **state)
{
	struct eg_bgnbd_customer *c = simulate(&cdnow, 9, 20, 40, 6);
	struct eg_bgnbd_fit_options opt = { 50, 0, 0, 0 };

	(void)state;
	fit_fails(c, 9, NULL, EG_EDATA, "too few customers");
	fit_fails(c, 0, NULL, EG_EDATA, "too few customers");
	free(c);
	c = simulate(&cdnow, 40, 20, 40, 6);
	fit_fails(c, 40, &opt, EG_EDATA, "need at least 50");
	free(c);
}

/* Sets the n customers at c to x orders, the last at t_x, observed for T plus step times each one's index. */
static void customers_alike(struct eg_bgnbd_customer *c, size_t n, unsigned x, double t_x, double T,
			    double step)
{
	size_t i;

	for (i = 0; i < n; i++) {
		c[i].x = x;
		c[i].t_x = t_x;
		c[i].T = T + step * (double)i;
	}
}

static void bgnbd_fit_rejects_data_without_repeat_orders(void **state)
{
	struct eg_bgnbd_customer c[20];

	(void)state;
	customers_alike(c, 20, 0, 0, 10.0, 1.0);
	fit_fails(c, 20, NULL, EG_EDATA, "no customer has a repeat order");
}

static void bgnbd_fit_reports_unidentified_model(void **state)
{
	struct eg_bgnbd_customer c[30];

	(void)state;
	/* everyone ordered at the same steady pace up to today: no dropout and
	 * no spread in rates, so a -> 0 and r -> infinity */
	customers_alike(c, 30, 5, 50.0, 50.0, 0.0);
	fit_fails(c, 30, NULL, EG_EDATA, "bg/nbd fit");
}

static void bgnbd_fit_rejects_invalid_customers(void **state)
{
	struct eg_bgnbd_customer *c = simulate(&cdnow, 30, 20, 40, 7);
	struct eg_bgnbd_fit_options bad = { 0, 0, -1.0, 0 };

	(void)state;
	c[12].x = 2;
	c[12].t_x = c[12].T + 1.0;
	fit_fails(c, 30, NULL, EG_EDATA, "customer 12: last order time");
	c[12].t_x = -1.0;
	fit_fails(c, 30, NULL, EG_EDATA, "customer 12: last order time");
	c[12].t_x = 1.0;
	c[12].T = NAN;
	fit_fails(c, 30, NULL, EG_EDATA, "customer 12: age");
	c[12].T = -3.0;
	fit_fails(c, 30, NULL, EG_EDATA, "customer 12: age");
	c[12].T = 5.0;
	fit_fails(c, 30, &bad, EG_EUSAGE, "tolerance");
	free(c);
}

static void bgnbd_rejects_bad_parameters_and_horizons(void **state)
{
	static const struct eg_bgnbd_params bad[] = {
		{ 0, 1, 1, 1 }, { 1, -1, 1, 1 }, { 1, 1, NAN, 1 }, { 1, 1, 1, INFINITY }
	};
	struct eg_bgnbd_customer c = { 2, 5.0, 10.0 };
	double out = -777.0;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(eg_bgnbd_p_alive(&bad[i], &c, &out, NULL), EG_EUSAGE);
		assert_int_equal(eg_bgnbd_expected_orders(&bad[i], &c, 1.0, &out, NULL), EG_EUSAGE);
		assert_int_equal(eg_bgnbd_log_likelihood(&bad[i], &c, 1, &out, NULL), EG_EUSAGE);
	}
	assert_int_equal(eg_bgnbd_expected_orders(&cdnow, &c, -1.0, &out, NULL), EG_EUSAGE);
	assert_int_equal(eg_bgnbd_expected_orders_new(&cdnow, NAN, &out, NULL), EG_EUSAGE);
	c.t_x = 11.0;
	assert_int_equal(eg_bgnbd_p_alive(&cdnow, &c, &out, NULL), EG_EDATA);
	assert_true(out == -777.0);
}

static void bgnbd_risk_bands_follow_thresholds(void **state)
{
	static const double th[] = { 0.3, 0.7 };
	static const double bad_order[] = { 0.7, 0.3 };
	static const double bad_range[] = { 0.3, 1.5 };
	/* A risk, how many of th apply, and the band it falls in. */
	static const struct {
		double risk;
		size_t n;
		size_t band;
	} cases[] = { { 0.0, 2, 0 }, { 0.29999, 2, 0 }, { 0.3, 2, 1 },
		      { 0.7, 2, 2 }, { 1.0, 2, 2 },	{ 0.5, 0, 0 } };
	struct eg_error err;
	size_t band, i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		band = 99;
		assert_int_equal(eg_bgnbd_risk_band(cases[i].risk, th, cases[i].n, &band, NULL),
				 EG_OK);
		assert_int_equal(band, cases[i].band);
	}
	band = 99;
	eg_error_clear(&err);
	assert_int_equal(eg_bgnbd_risk_band(0.5, bad_order, 2, &band, &err), EG_EUSAGE);
	assert_non_null(strstr(err.message, "thresholds"));
	assert_int_equal(eg_bgnbd_risk_band(0.5, bad_range, 2, &band, NULL), EG_EUSAGE);
	assert_int_equal(eg_bgnbd_risk_band(NAN, th, 2, &band, NULL), EG_EUSAGE);
	assert_int_equal(eg_bgnbd_risk_band(1.2, th, 2, &band, NULL), EG_EUSAGE);
	assert_int_equal(band, 99);
}

static void bgnbd_simulate_is_reproducible_and_consistent(void **state)
{
	struct eg_bgnbd_customer *c1 = simulate(&cdnow, 1000, 0, 100, 9);
	struct eg_bgnbd_customer *c2 = simulate(&cdnow, 1000, 0, 100, 9);
	struct eg_bgnbd_customer young;
	struct eg_rng g;
	unsigned later;
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		assert_true(c1[i].x == c2[i].x && c1[i].t_x == c2[i].t_x && c1[i].T == c2[i].T);
		assert_true(c1[i].t_x <= c1[i].T && (c1[i].x > 0 || c1[i].t_x == 0));
	}
	/* age 0: nothing in calibration */
	eg_rng_seed(&g, 1);
	eg_bgnbd_simulate(&cdnow, 0.0, 50.0, &g, &young, &later);
	assert_true(young.x == 0 && young.T == 0.0);
	free(c1);
	free(c2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bgnbd_log_likelihood_matches_integral),
		cmocka_unit_test(bgnbd_p_alive_matches_integral),
		cmocka_unit_test(bgnbd_expected_orders_match_integral),
		cmocka_unit_test(bgnbd_expected_orders_of_new_customer_match_integral),
		cmocka_unit_test(bgnbd_p_alive_is_one_without_repeat_orders),
		cmocka_unit_test(bgnbd_expected_orders_grow_from_zero_with_horizon),
		cmocka_unit_test(bgnbd_expected_orders_are_continuous_through_a_equal_1),
		cmocka_unit_test(bgnbd_predictions_stay_finite_on_extreme_customers),
		cmocka_unit_test(bgnbd_predict_matches_single_calls),
		cmocka_unit_test(bgnbd_fit_recovers_parameters_in_weeks),
		cmocka_unit_test(bgnbd_fit_recovers_parameters_in_days),
		cmocka_unit_test(bgnbd_fit_does_not_depend_on_time_unit),
		cmocka_unit_test(bgnbd_fit_merges_equal_customers),
		cmocka_unit_test(bgnbd_fit_is_a_maximum_of_the_direct_likelihood),
		cmocka_unit_test(bgnbd_fit_of_a_million_customers_is_fast),
		cmocka_unit_test(bgnbd_fit_rejects_too_few_customers),
		cmocka_unit_test(bgnbd_fit_rejects_data_without_repeat_orders),
		cmocka_unit_test(bgnbd_fit_reports_unidentified_model),
		cmocka_unit_test(bgnbd_fit_rejects_invalid_customers),
		cmocka_unit_test(bgnbd_rejects_bad_parameters_and_horizons),
		cmocka_unit_test(bgnbd_risk_bands_follow_thresholds),
		cmocka_unit_test(bgnbd_simulate_is_reproducible_and_consistent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
