/*
 * test_specfun.c - log-sum-exp at the extremes, digamma and 2F1 against
 * closed forms and against values computed independently at 40 digits with
 * mpmath, in each region 2F1 takes a different route (series, Pfaff, the
 * 1 - z connection, the near-integer fallback, terminating polynomials,
 * Gauss's sum at z = 1), and its error paths.
 *
 * The reference constants come from /usr/bin/python3 with Debian's
 * python3-mpmath 1.2.1; this script, run as is, printed them:
 *
 *   from mpmath import mp, hyp2f1, digamma, mpf
 *   mp.dps = 40
 *   cases = [
 *    ("1", "1", "2", "0.5"),
 *    ("0.5", "0.5", "1.5", "0.25"),
 *    ("0.243", "2.426", "3.219", "0.3"),
 *    ("1.5", "2.5", "3.7", "-5"),
 *    ("0.3", "4.2", "1.7", "-50"),
 *    ("2", "3", "4.5", "-0.9"),
 *    ("0.7", "1.9", "2.3", "0.97"),
 *    ("1.2", "0.4", "3.1", "0.995"),
 *    ("2.5", "3.5", "1.5", "0.98"),
 *    ("1", "1", "2", "0.99"),
 *    ("0.5", "1.5", "4", "0.999"),
 *    ("0.3", "0.7", "2.02", "0.995"),
 *    ("-3", "2.5", "1.5", "2.5"),
 *    ("-2", "1", "-1.5", "0.7"),
 *    ("0.5", "0.7", "2.3", "1"),
 *    ("2.976", "-0.207", "152.219", "0.8"),
 *    ("2.976", "-0.207", "2.219", "0.9218"),
 *    ("2", "3", "1000", "0.999"),
 *    ("1.5", "-0.4", "2.2", "0.9999"),
 *    ("0.9", "1.3", "1.7", "-1e6"),
 *   ]
 *   for a, b, c, z in cases:
 *       print(a, b, c, z, mp.nstr(hyp2f1(mpf(a), mpf(b), mpf(c), mpf(z)), 20))
 *   for x in ["1e-8", "0.001", "0.5", "1", "3.7", "12.5", "1000", "1e6"]:
 *       print("psi", x, mp.nstr(digamma(mpf(x)), 20))
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "engage/specfun.h"

/* Asserts |got - want| <= rel * |want|, printing both when it fails. */
static void near_rel(double got, double want, double rel, const char *what)
{
	if (!(fabs(got - want) <= rel * fabs(want))) {
		print_error("%s: got %.17g, want %.17g (rel err %.3g, allowed %.3g)\n", what, got,
			    want, fabs(got - want) / fabs(want), rel);
		fail();
	}
}

/* Asserts 2F1(a, b; c; z) succeeds and is within rel of want. */
static void hyp(double a, double b, double c, double z, double want, double rel)
{
	struct eg_error err;
	double out = NAN;
	int rc;

	eg_error_clear(&err);
	rc = eg_specfun_hyp2f1(a, b, c, z, &out, &err);
	if (rc != EG_OK)
		print_error("2f1(%g, %g; %g; %g): status %d: %s\n", a, b, c, z, rc, err.message);
	assert_int_equal(rc, EG_OK);
	near_rel(out, want, rel, "2f1");
}

/* Asserts 2F1(a, b; c; z) fails with status, a message, *out untouched. */
static void hyp_fails(double a, double b, double c, double z, int status)
{
	struct eg_error err;
	double out = -777.0;
	int rc;

	eg_error_clear(&err);
	rc = eg_specfun_hyp2f1(a, b, c, z, &out, &err);
	assert_int_equal(rc, status);
	assert_int_equal(err.status, status);
	assert_true(err.message[0] != '\0');
	assert_true(out == -777.0);
}

static void specfun_logaddexp_is_stable_at_extremes(void **state)
{
	(void)state;
	near_rel(eg_specfun_logaddexp(log(2.0), log(3.0)), log(5.0), 1e-15, "small");
	near_rel(eg_specfun_logaddexp(1000.0, 1000.0), 1000.0 + log(2.0), 1e-15, "large");
	near_rel(eg_specfun_logaddexp(-1000.0, -1001.0), -1000.0 + log1p(exp(-1.0)), 1e-15, "tiny");
	assert_true(eg_specfun_logaddexp(-INFINITY, 3.5) == 3.5);
	assert_true(eg_specfun_logaddexp(3.5, -INFINITY) == 3.5);
	assert_true(eg_specfun_logaddexp(-INFINITY, -INFINITY) == -INFINITY);
	assert_true(isnan(eg_specfun_logaddexp(NAN, 0.0)));
	near_rel(eg_specfun_log1pexp(800.0), 800.0, 1e-15, "softplus large");
	near_rel(eg_specfun_log1pexp(-800.0), exp(-800.0), 1e-12, "softplus tiny");
	near_rel(eg_specfun_log1pexp(0.0), log(2.0), 1e-15, "softplus zero");
}

/* Asserts psi(x) is within 2e-15 absolute or 1e-15 relative of want. */
static void digamma_is(double x, double want)
{
	double got = eg_specfun_digamma(x);

	if (!(fabs(got - want) <= fmax(2e-15, 1e-15 * fabs(want)))) {
		print_error("psi(%g): got %.17g, want %.17g\n", x, got, want);
		fail();
	}
}

static void specfun_digamma_matches_mpmath(void **state)
{
	(void)state;
	digamma_is(1e-8, -100000000.57721564845);
	digamma_is(0.001, -1000.5755719318103005);
	digamma_is(0.5, -1.9635100260214234794);
	digamma_is(1.0, -0.57721566490153286061);
	digamma_is(3.7, 1.1671535393615113859);
	digamma_is(12.5, 2.4851956512749120482);
	digamma_is(1000.0, 6.9072551956488120521);
	digamma_is(1e6, 13.815510057964190771);
}

static void specfun_hyp2f1_matches_closed_forms(void **state)
{
	(void)state;
	/* 2F1(1, 1; 2; z) = -log(1 - z) / z (A&S 15.1.3) */
	hyp(1, 1, 2, 0.5, 2.0 * log(2.0), 1e-15);
	hyp(1, 1, 2, -0.3, log1p(0.3) / 0.3, 1e-15);
	hyp(1, 1, 2, -20.0, log(21.0) / 20.0, 1e-14);
	/* 2F1(1/2, 1/2; 3/2; z^2) = asin(z) / z (A&S 15.1.6) */
	hyp(0.5, 0.5, 1.5, 0.25, asin(0.5) / 0.5, 1e-15);
	/* 2F1(a, b; b; z) = (1 - z)^-a (A&S 15.1.8) */
	hyp(2.7, 1.3, 1.3, 0.6, pow(0.4, -2.7), 1e-14);
	hyp(2.7, 1.3, 1.3, -9.0, pow(10.0, -2.7), 1e-14);
	/* z = 0 */
	hyp(3.3, -1.7, 0.2, 0.0, 1.0, 0.0);
}

static void specfun_hyp2f1_sums_series_for_small_z(void **state)
{
	(void)state;
	hyp(0.243, 2.426, 3.219, 0.3, 1.065277556895151613, 1e-15);
}

static void specfun_hyp2f1_transforms_negative_z(void **state)
{
	(void)state;
	hyp(1.5, 2.5, 3.7, -5, 0.12895610419284252544, 1e-14);
	hyp(0.3, 4.2, 1.7, -50, 0.21618766929474394754, 1e-14);
	hyp(2, 3, 4.5, -0.9, 0.40779268386896985136, 1e-14);
	hyp(0.9, 1.3, 1.7, -1e6, 7.6567400250834460028e-6, 1e-13);
}

static void specfun_hyp2f1_uses_connection_near_one(void **state)
{
	(void)state;
	hyp(0.7, 1.9, 2.3, 0.97, 5.6040547900855889688, 1e-14);
	hyp(1.2, 0.4, 3.1, 0.995, 1.3054764810572719434, 1e-14);
	hyp(2.5, 3.5, 1.5, 0.98, 101941227.62106060143, 1e-13);
	hyp(1.5, -0.4, 2.2, 0.9999, 0.56505467973086567072, 1e-14);
	hyp(2.976, -0.207, 2.219, 0.9218, 0.17378439049069502849, 1e-14);
}

static void specfun_hyp2f1_sums_series_when_c_minus_a_minus_b_is_integer(void **state)
{
	(void)state;
	hyp(1, 1, 2, 0.99, 4.6516870565536276445, 1e-14);
	hyp(0.5, 1.5, 4, 0.999, 1.357114026458402326, 1e-14);
	hyp(0.3, 0.7, 2.02, 0.995, 1.2153934818860715093, 1e-14);
}

static void specfun_hyp2f1_handles_large_c_and_polynomials(void **state)
{
	(void)state;
	hyp(2.976, -0.207, 152.219, 0.8, 0.99673532116686119682, 1e-15);
	hyp(2, 3, 1000, 0.999, 1.0060301325055384117, 1e-15);
	hyp(-3, 2.5, 1.5, 2.5, -14.625, 1e-15);
	hyp(-2, 1, -1.5, 0.7, 3.24, 1e-15);
}

static void specfun_hyp2f1_sums_gauss_at_one(void **state)
{
	(void)state;
	hyp(0.5, 0.7, 2.3, 1.0, 1.3337475041254077332, 1e-14);
}

static void specfun_hyp2f1_rejects_bad_arguments(void **state)
{
	(void)state;
	hyp_fails(1, 2, -2.0, 0.5, EG_EUSAGE);
	hyp_fails(1, 2, 0.0, 0.5, EG_EUSAGE);
	hyp_fails(1, 2, 3.5, 1.5, EG_EUSAGE);
	hyp_fails(NAN, 2, 3.5, 0.5, EG_EUSAGE);
	hyp_fails(1, 2, 3.5, -INFINITY, EG_EUSAGE);
	hyp_fails(1, 2, 2.5, 1.0, EG_EDATA);	   /* c - a - b = -0.5 */
	hyp_fails(1, 1, 2, 1.0 - 1e-12, EG_EDATA); /* needs about 1e13 terms */
	hyp_fails(400, 400, 0.5, 0.999, EG_EDATA); /* about 1e1000 */
	/* alternating terms up to 1e6 times the value (mpmath: about -6.65e-5) */
	hyp_fails(167.896, 5.09357, -0.904638, -0.173926712402, EG_EDATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(specfun_logaddexp_is_stable_at_extremes),
		cmocka_unit_test(specfun_digamma_matches_mpmath),
		cmocka_unit_test(specfun_hyp2f1_matches_closed_forms),
		cmocka_unit_test(specfun_hyp2f1_sums_series_for_small_z),
		cmocka_unit_test(specfun_hyp2f1_transforms_negative_z),
		cmocka_unit_test(specfun_hyp2f1_uses_connection_near_one),
		cmocka_unit_test(specfun_hyp2f1_sums_series_when_c_minus_a_minus_b_is_integer),
		cmocka_unit_test(specfun_hyp2f1_handles_large_c_and_polynomials),
		cmocka_unit_test(specfun_hyp2f1_sums_gauss_at_one),
		cmocka_unit_test(specfun_hyp2f1_rejects_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
