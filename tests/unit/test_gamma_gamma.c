/*
 * test_gamma_gamma.c - the Gamma-Gamma order-value model: likelihood and
 * expected order value against numerical integration over the customer's
 * unknown nu; the fit recovers known parameters from simulated customers and
 * refuses degenerate data; the discounted CLV matches an independent sum and
 * behaves as a discounted sum should.
 *
 * Reference values: /usr/bin/python3 with python3-mpmath 1.2.1 at 40
 * digits, integrating over nu ~ gamma(q, rate gamma) the density of the mean
 * m of x order values, gamma(shape p x, rate nu x), not using the closed
 * forms the code uses. This script, run as is, printed them:
 *
 *   from mpmath import mp, mpf, quad, log, gamma, exp, inf
 *   mp.dps = 40
 *   def gg(p, q, g, x, m):
 *       p, q, g, m = map(mpf, (p, q, g, m))
 *       # m | nu ~ gamma(shape p x, rate nu x); nu ~ gamma(shape q, rate g)
 *       dens = lambda nu: (nu * x)**(p * x) * m**(p * x - 1) * exp(-nu * x * m) / gamma(p * x)
 *       prior = lambda nu: g**q * nu**(q - 1) * exp(-g * nu) / gamma(q)
 *       mode = (q + p * x - 1) / (g + x * m)    # posterior mode of nu
 *       cuts = [0, mode / 4, mode, 4 * mode, inf]
 *       f = quad(lambda nu: dens(nu) * prior(nu), cuts)
 *       post_mean = quad(lambda nu: p / nu * dens(nu) * prior(nu), cuts) / f
 *       return log(f), post_mean
 *   for c in [("6.25", "3.74", "15.44", 1, "20"), ("6.25", "3.74", "15.44", 3, "35.5"),
 *             ("6.25", "3.74", "15.44", 20, "100"), ("0.5", "1.5", "2", 2, "0.3")]:
 *       ll, e = gg(*c)
 *       print(c, mp.nstr(ll, 17), mp.nstr(e, 17))
 *
 * The CLV reference sums, month by month, the BG/NBD conditional
 * expectations by quadrature of test_bgnbd.c's script (saved as
 * ref_bgnbd2.py; its refs() function is all that is taken from it):
 *
 *   exec(open('ref_bgnbd2.py').read().split('def closed')[0])   # refs(): the quadrature above
 *   L = mpf(52) / 12
 *   clv = 0
 *   prev = 0
 *   for i in range(1, 13):
 *       ey = refs("0.243", "4.414", "0.793", "2.426", 2, "30.43", "38.86", i * L)[2]
 *       clv += (ey - prev) * mpf(35) / mpf("1.01")**i
 *       prev = ey
 *   print("clv", mp.nstr(clv, 17))
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engage/gamma_gamma.h"
#include "test_cases.h"

/* CDNOW estimates (Fader, Hardie & Lee 2005, iso-value paper). */
static const struct eg_gamma_gamma_params cdnow = { 6.25, 3.74, 15.44 };
static const struct eg_bgnbd_params cdnow_bg = { 0.243, 4.414, 0.793, 2.426 };

static void near_rel(double got, double want, double rel, const char *what)
{
	if (!(fabs(got - want) <= rel * fabs(want))) {
		print_error("%s: got %.17g, want %.17g (rel err %.3g, allowed %.3g)\n", what, got,
			    want, fabs(got - want) / fabs(want), rel);
		fail();
	}
}

/* n customers with x = 1 + Poisson(2) repeat orders, values from p. */
static struct eg_gamma_gamma_customer *simulate(const struct eg_gamma_gamma_params *p, size_t n,
						uint64_t seed)
{
	struct eg_gamma_gamma_customer *c = malloc(n * sizeof(*c));
	struct eg_rng g;
	size_t i;

	assert_non_null(c);
	eg_rng_seed(&g, seed);
	for (i = 0; i < n; i++) {
		c[i].x = 1 + (unsigned)eg_rng_poisson(&g, 2.0);
		c[i].m = eg_gamma_gamma_simulate(p, c[i].x, &g);
	}
	return c;
}

/* Asserts the fit fails with status and a message holding needle. */
static void fit_fails(const struct eg_gamma_gamma_customer *c, size_t n, int status,
		      const char *needle)
{
	struct eg_gamma_gamma_fit out;
	struct eg_error err;
	int rc;

	memset(&out, 0x5a, sizeof(out));
	eg_error_clear(&err);
	rc = eg_gamma_gamma_fit(c, n, NULL, &out, &err);
	assert_failed(rc, &err, status, needle);
	assert_untouched(&out, sizeof(out), 0x5a);
}

static const struct {
	struct eg_gamma_gamma_params p;
	struct eg_gamma_gamma_customer c;
	double ll, spend;
} refs[] = {
	{ { 6.25, 3.74, 15.44 }, { 1, 20 }, -3.5941964929491959, 24.638487208008899 },
	{ { 6.25, 3.74, 15.44 }, { 3, 35.5 }, -4.0905522096788454, 35.464169381107492 },
	{ { 6.25, 3.74, 15.44 }, { 20, 100 }, -7.1628367421087603, 98.610458744324409 },
	{ { 0.5, 1.5, 2 }, { 2, 0.3 }, -0.25044555306056325, 0.86666666666666667 },
};

static void gamma_gamma_log_likelihood_matches_integral(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		double ll = NAN;

		assert_int_equal(
			eg_gamma_gamma_log_likelihood(&refs[i].p, &refs[i].c, 1, &ll, NULL), EG_OK);
		near_rel(ll, refs[i].ll, 1e-13, "log-likelihood");
	}
}

static void gamma_gamma_expected_spend_is_posterior_mean(void **state)
{
	struct eg_gamma_gamma_customer none = { 0, NAN /* ignored */ };
	double e = NAN;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		assert_int_equal(eg_gamma_gamma_expected_spend(&refs[i].p, &refs[i].c, &e, NULL),
				 EG_OK);
		near_rel(e, refs[i].spend, 1e-13, "expected spend");
	}
	/* no repeat orders: the population mean p gamma / (q - 1) */
	assert_int_equal(eg_gamma_gamma_expected_spend(&cdnow, &none, &e, NULL), EG_OK);
	near_rel(e, 6.25 * 15.44 / 2.74, 1e-15, "population mean");
}

static void gamma_gamma_fit_recovers_parameters(void **state)
{
	const size_t n = 50000;
	struct eg_gamma_gamma_customer *c = simulate(&cdnow, n, 1);
	struct eg_gamma_gamma_fit f;
	struct eg_error err;
	double ll_true;
	int rc;

	(void)state;
	eg_error_clear(&err);
	rc = eg_gamma_gamma_fit(c, n, NULL, &f, &err);
	if (rc != EG_OK)
		print_error("%s\n", err.message);
	assert_int_equal(rc, EG_OK);
	/* 20 seeds at this n gave standard errors of 2.8%, 0.9% and 3.6%: these
	 * tolerances are 4 to 5 of them */
	near_rel(f.params.p, cdnow.p, 0.15, "p");
	near_rel(f.params.q, cdnow.q, 0.05, "q");
	near_rel(f.params.gamma, cdnow.gamma, 0.15, "gamma");
	assert_int_equal(eg_gamma_gamma_log_likelihood(&cdnow, c, n, &ll_true, NULL), EG_OK);
	/* likelihood ratio: 0 <= 2 (LL_fit - LL_true) <= chi2(3) 99.9% = 16.27 */
	assert_true(f.log_likelihood >= ll_true);
	assert_true(2 * (f.log_likelihood - ll_true) <= 16.27);
	assert_int_equal(f.customers, n);
	free(c);
}

static void gamma_gamma_fit_skips_customers_without_repeat_orders(void **state)
{
	const size_t n = 2000;
	struct eg_gamma_gamma_customer *c = simulate(&cdnow, n, 2);
	struct eg_gamma_gamma_customer *mixed = malloc(2 * n * sizeof(*mixed));
	struct eg_gamma_gamma_fit f1, f2;
	size_t i;

	(void)state;
	assert_non_null(mixed);
	for (i = 0; i < n; i++) {
		mixed[2 * i] = c[i];
		mixed[2 * i + 1].x = 0;
		mixed[2 * i + 1].m = i % 2 ? NAN : -5.0; /* ignored */
	}
	assert_int_equal(eg_gamma_gamma_fit(c, n, NULL, &f1, NULL), EG_OK);
	assert_int_equal(eg_gamma_gamma_fit(mixed, 2 * n, NULL, &f2, NULL), EG_OK);
	assert_int_equal(f2.customers, n);
	assert_true(f1.params.p == f2.params.p && f1.params.q == f2.params.q &&
		    f1.params.gamma == f2.params.gamma);
	free(c);
	free(mixed);
}

static void gamma_gamma_fit_refuses_degenerate_data(void **state)
{
	const struct eg_gamma_gamma_params heavy = { 2.0, 0.8, 10.0 };
	struct eg_gamma_gamma_customer same[40], *c;
	size_t i;

	(void)state;
	c = simulate(&cdnow, 9, 3);
	fit_fails(c, 9, EG_EDATA, "too few customers");
	c[4].m = 0.0;
	fit_fails(c, 9, EG_EDATA, "customer 4: mean order value");
	c[4].m = NAN;
	fit_fails(c, 9, EG_EDATA, "customer 4: mean order value");
	free(c);
	/* every order worth the same: no spread to estimate */
	for (i = 0; i < 40; i++) {
		same[i].x = 1 + i % 3;
		same[i].m = 25.0;
	}
	fit_fails(same, 40, EG_EDATA, "gamma-gamma fit");
	/* q < 1: a population mean that does not exist */
	c = simulate(&heavy, 20000, 4);
	fit_fails(c, 20000, EG_EDATA, "not above 1");
	free(c);
}

static void gamma_gamma_predict_checks_before_writing(void **state)
{
	const struct eg_gamma_gamma_params low_q = { 0.3, 0.9, 10.0 };
	struct eg_gamma_gamma_customer c[3] = { { 2, 30.0 }, { 5, 12.0 }, { 0, 0.0 } };
	double spend[3] = { -1, -1, -1 }, one;
	struct eg_error err;
	size_t i;

	(void)state;
	assert_int_equal(eg_gamma_gamma_predict(&cdnow, c, 3, spend, NULL), EG_OK);
	for (i = 0; i < 3; i++) {
		assert_int_equal(eg_gamma_gamma_expected_spend(&cdnow, &c[i], &one, NULL), EG_OK);
		assert_true(one == spend[i]);
	}
	/* p x + q <= 1 for the x = 0 customer: nothing written */
	spend[0] = spend[1] = spend[2] = -1;
	eg_error_clear(&err);
	assert_int_equal(eg_gamma_gamma_predict(&low_q, c, 3, spend, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "customer 2"));
	assert_true(spend[0] == -1 && spend[1] == -1 && spend[2] == -1);
}

static void gamma_gamma_clv_matches_independent_sum(void **state)
{
	struct eg_gamma_gamma_clv_options o = { 12, 52.0 / 12, 0.01 };
	struct eg_bgnbd_customer c = { 2, 30.43, 38.86 };
	double clv = NAN;

	(void)state;
	assert_int_equal(eg_gamma_gamma_clv(&cdnow_bg, &c, 35.0, &o, &clv, NULL), EG_OK);
	near_rel(clv, 51.383996832268453, 1e-11, "clv");
}

static void gamma_gamma_clv_discounts_monthly(void **state)
{
	struct eg_gamma_gamma_clv_options plain = { 0 /* 12 */, 30.4375, 0.0 };
	struct eg_gamma_gamma_clv_options disc = { 12, 30.4375, 0.02 };
	const struct eg_bgnbd_params days = { 0.25, 30, 0.8, 2.5 };
	struct eg_bgnbd_customer c = { 6, 500.0, 700.0 };
	double a, b, e;

	(void)state;
	/* no discount: the sum of monthly orders is the 12-month total */
	assert_int_equal(eg_gamma_gamma_clv(&days, &c, 50.0, &plain, &a, NULL), EG_OK);
	assert_int_equal(eg_bgnbd_expected_orders(&days, &c, 12 * 30.4375, &e, NULL), EG_OK);
	near_rel(a, 50.0 * e, 1e-12, "undiscounted clv");
	/* 2% a month: between the 12-month total discounted at 2%^12 and at 2%^1 */
	assert_int_equal(eg_gamma_gamma_clv(&days, &c, 50.0, &disc, &b, NULL), EG_OK);
	assert_true(b < a && b > a / pow(1.02, 12) && b < a / 1.02);
	/* zero spend, zero value */
	assert_int_equal(eg_gamma_gamma_clv(&days, &c, 0.0, &disc, &b, NULL), EG_OK);
	assert_true(b == 0.0);
}

static void gamma_gamma_clv_all_matches_single_and_rejects_bad_input(void **state)
{
	struct eg_gamma_gamma_clv_options o = { 6, 4.348, 0.01 }, bad = o;
	struct eg_bgnbd_customer c[3] = { { 0, 0, 20 }, { 3, 15, 30 }, { 10, 29, 30 } };
	double spend[3] = { 30.0, 45.0, 20.0 }, clv[3] = { -1, -1, -1 }, one;
	struct eg_error err;
	size_t i;

	(void)state;
	assert_int_equal(eg_gamma_gamma_clv_all(&cdnow_bg, c, spend, 3, &o, clv, NULL), EG_OK);
	for (i = 0; i < 3; i++) {
		assert_int_equal(eg_gamma_gamma_clv(&cdnow_bg, &c[i], spend[i], &o, &one, NULL),
				 EG_OK);
		assert_true(one == clv[i] && one > 0);
	}
	clv[0] = clv[1] = clv[2] = -1;
	bad.month_length = 0;
	assert_int_equal(eg_gamma_gamma_clv_all(&cdnow_bg, c, spend, 3, &bad, clv, NULL),
			 EG_EUSAGE);
	bad = o;
	bad.discount = -0.5;
	assert_int_equal(eg_gamma_gamma_clv_all(&cdnow_bg, c, spend, 3, &bad, clv, NULL),
			 EG_EUSAGE);
	spend[1] = NAN;
	eg_error_clear(&err);
	assert_int_equal(eg_gamma_gamma_clv_all(&cdnow_bg, c, spend, 3, &o, clv, &err), EG_EUSAGE);
	assert_non_null(strstr(err.message, "customer 1"));
	spend[1] = 45.0;
	c[2].t_x = 31.0;
	assert_int_equal(eg_gamma_gamma_clv_all(&cdnow_bg, c, spend, 3, &o, clv, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "customer 2"));
	assert_true(clv[0] == -1 && clv[1] == -1 && clv[2] == -1);
}

static void gamma_gamma_rejects_bad_parameters(void **state)
{
	const struct eg_gamma_gamma_params bad = { 6.25, -1.0, 15.44 };
	struct eg_gamma_gamma_customer c = { 2, 30.0 };
	double out = -777.0;

	(void)state;
	assert_int_equal(eg_gamma_gamma_expected_spend(&bad, &c, &out, NULL), EG_EUSAGE);
	assert_int_equal(eg_gamma_gamma_log_likelihood(&bad, &c, 1, &out, NULL), EG_EUSAGE);
	assert_true(out == -777.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gamma_gamma_log_likelihood_matches_integral),
		cmocka_unit_test(gamma_gamma_expected_spend_is_posterior_mean),
		cmocka_unit_test(gamma_gamma_fit_recovers_parameters),
		cmocka_unit_test(gamma_gamma_fit_skips_customers_without_repeat_orders),
		cmocka_unit_test(gamma_gamma_fit_refuses_degenerate_data),
		cmocka_unit_test(gamma_gamma_predict_checks_before_writing),
		cmocka_unit_test(gamma_gamma_clv_matches_independent_sum),
		cmocka_unit_test(gamma_gamma_clv_discounts_monthly),
		cmocka_unit_test(gamma_gamma_clv_all_matches_single_and_rejects_bad_input),
		cmocka_unit_test(gamma_gamma_rejects_bad_parameters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
