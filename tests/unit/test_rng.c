/*
 * test_rng.c - the generator reproduces the published xoshiro256** /
 * splitmix64 stream, and each sampler has the mean and variance (and for
 * some a probability) of its distribution within five standard errors.
 *
 * The reference stream was computed independently with /usr/bin/python3
 * from the published definitions of both algorithms:
 *
 *   M = (1 << 64) - 1
 *   def splitmix64(state):
 *       state = (state + 0x9e3779b97f4a7c15) & M
 *       z = state
 *       z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
 *       z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
 *       return state, z ^ (z >> 31)
 *   def rotl(x, k):
 *       return ((x << k) | (x >> (64 - k))) & M
 *   def stream(seed, n):
 *       s = []
 *       for _ in range(4):
 *           seed, z = splitmix64(seed)
 *           s.append(z)
 *       out = []
 *       for _ in range(n):
 *           out.append((rotl((s[1] * 5) & M, 7) * 9) & M)
 *           t = (s[1] << 17) & M
 *           s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
 *           s[3] = rotl(s[3], 45)
 *       return out
 *   for seed in (0, 42):
 *       print(seed, ["0x%016x" % v for v in stream(seed, 3)])
 *
 * (its splitmix64(0) gives the well-known first value 0xe220a8397b1dcdaf).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>

#include "engage/rng.h"

#define DRAWS 200000

/* Sample moments of DRAWS values. */
struct moments {
	double mean; /* sample mean */
	double var;  /* sample variance */
};

/* Asserts |got - want| <= 5 standard errors, printing both when it fails. */
static void within_5se(double got, double want, double se, const char *what)
{
	if (!(fabs(got - want) <= 5.0 * se)) {
		print_error("%s: got %.6g, want %.6g (%.1f standard errors of %.3g)\n", what, got,
			    want, fabs(got - want) / se, se);
		fail();
	}
}

/*
 * Asserts the mean and variance of n draws match a distribution with the
 * given mean, variance and fourth central moment (for the variance's error).
 */
static void check_moments(const struct moments *m, double mean, double var, double mu4,
			  const char *what)
{
	within_5se(m->mean, mean, sqrt(var / DRAWS), what);
	within_5se(m->var, var, sqrt((mu4 - var * var) / DRAWS), what);
}

static void add(double *sum, double *sum2, double v)
{
	*sum += v;
	*sum2 += v * v;
}

static struct moments finish(double sum, double sum2)
{
	struct moments m;

	m.mean = sum / DRAWS;
	m.var = (sum2 - sum * m.mean) / (DRAWS - 1);
	return m;
}

static void rng_matches_reference_stream(void **state)
{
	struct eg_rng g;

	(void)state;
	eg_rng_seed(&g, 0);
	assert_true(eg_rng_next(&g) == UINT64_C(0x99ec5f36cb75f2b4));
	assert_true(eg_rng_next(&g) == UINT64_C(0xbf6e1f784956452a));
	assert_true(eg_rng_next(&g) == UINT64_C(0x1a5f849d4933e6e0));
	eg_rng_seed(&g, 42);
	assert_true(eg_rng_next(&g) == UINT64_C(0x15780b2e0c2ec716));
	assert_true(eg_rng_next(&g) == UINT64_C(0x6104d9866d113a7e));
	assert_true(eg_rng_next(&g) == UINT64_C(0xae17533239e499a1));
}

static void rng_same_seed_gives_same_samples(void **state)
{
	struct eg_rng g1, g2;
	int i;

	(void)state;
	eg_rng_seed(&g1, 7);
	eg_rng_seed(&g2, 7);
	for (i = 0; i < 1000; i++) {
		assert_true(eg_rng_gamma(&g1, 0.7, 3.0) == eg_rng_gamma(&g2, 0.7, 3.0));
		assert_true(eg_rng_poisson(&g1, 40.0) == eg_rng_poisson(&g2, 40.0));
	}
}

static void rng_uniform_is_open_with_uniform_moments(void **state)
{
	struct eg_rng g;
	double sum = 0, sum2 = 0, lo = 1, hi = 0;
	struct moments m;
	int i;

	(void)state;
	eg_rng_seed(&g, 1);
	for (i = 0; i < DRAWS; i++) {
		double u = eg_rng_uniform(&g);

		lo = fmin(lo, u);
		hi = fmax(hi, u);
		add(&sum, &sum2, u);
	}
	assert_true(lo > 0.0 && hi < 1.0);
	m = finish(sum, sum2);
	check_moments(&m, 0.5, 1.0 / 12, 1.0 / 80, "uniform");
}

static void rng_normal_and_exponential_have_their_moments(void **state)
{
	struct eg_rng g;
	double sum = 0, sum2 = 0, esum = 0, esum2 = 0;
	int below = 0, i;
	struct moments m;

	(void)state;
	eg_rng_seed(&g, 2);
	for (i = 0; i < DRAWS; i++) {
		double e = eg_rng_exponential(&g, 0.25);

		add(&sum, &sum2, eg_rng_normal(&g));
		add(&esum, &esum2, e);
		below += e <= 4.0;
	}
	m = finish(sum, sum2);
	check_moments(&m, 0.0, 1.0, 3.0, "normal");
	m = finish(esum, esum2);
	/* exponential with mean 4: variance 16, fourth central moment 9 * 4^4 */
	check_moments(&m, 4.0, 16.0, 9.0 * 256.0, "exponential");
	within_5se((double)below / DRAWS, 1.0 - exp(-1.0),
		   sqrt((1.0 - exp(-1.0)) * exp(-1.0) / DRAWS), "P(exponential <= mean)");
}

static void rng_gamma_has_its_moments_for_small_and_large_shapes(void **state)
{
	static const double shapes[] = { 0.05, 0.3, 1.0, 4.5, 60.0 };
	struct eg_rng g;
	size_t k;

	(void)state;
	eg_rng_seed(&g, 3);
	for (k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++) {
		double s = shapes[k], scale = 2.0, sum = 0, sum2 = 0, var;
		struct moments m;
		int i;

		for (i = 0; i < DRAWS; i++)
			add(&sum, &sum2, eg_rng_gamma(&g, s, scale));
		m = finish(sum, sum2);
		var = s * scale * scale;
		/* excess kurtosis of a gamma is 6 / shape */
		check_moments(&m, s * scale, var, var * var * (3.0 + 6.0 / s), "gamma");
	}
}

static void rng_beta_has_its_moments_for_small_shapes(void **state)
{
	static const double ab[][2] = { { 0.3, 0.5 }, { 2.0, 5.0 }, { 0.05, 3.0 } };
	struct eg_rng g;
	size_t k;

	(void)state;
	eg_rng_seed(&g, 4);
	for (k = 0; k < sizeof(ab) / sizeof(ab[0]); k++) {
		double a = ab[k][0], b = ab[k][1], sum = 0, sum2 = 0, lo = 1, hi = 0;
		double mean = a / (a + b), var = a * b / ((a + b) * (a + b) * (a + b + 1));
		struct moments m;
		int i;

		for (i = 0; i < DRAWS; i++) {
			double p = eg_rng_beta(&g, a, b);

			lo = fmin(lo, p);
			hi = fmax(hi, p);
			add(&sum, &sum2, p);
		}
		assert_true(lo >= 0.0 && hi <= 1.0);
		m = finish(sum, sum2);
		/* on [0, 1] the fourth central moment is at most the variance */
		within_5se(m.mean, mean, sqrt(var / DRAWS), "beta mean");
		within_5se(m.var, var, sqrt(var / DRAWS), "beta variance");
	}
}

static void rng_poisson_has_its_moments_on_both_methods(void **state)
{
	static const double means[] = { 0.0, 3.5, 9.99, 10.0, 250.0 };
	struct eg_rng g;
	size_t k;

	(void)state;
	eg_rng_seed(&g, 5);
	for (k = 0; k < sizeof(means) / sizeof(means[0]); k++) {
		double mu = means[k], sum = 0, sum2 = 0;
		struct moments m;
		int zeros = 0, i;

		for (i = 0; i < DRAWS; i++) {
			uint64_t v = eg_rng_poisson(&g, mu);

			zeros += v == 0;
			add(&sum, &sum2, (double)v);
		}
		m = finish(sum, sum2);
		if (mu == 0.0) {
			assert_int_equal(zeros, DRAWS);
			continue;
		}
		/* Poisson: variance mu, fourth central moment mu (1 + 3 mu) */
		check_moments(&m, mu, mu, mu * (1.0 + 3.0 * mu), "poisson");
		within_5se((double)zeros / DRAWS, exp(-mu),
			   sqrt(exp(-mu) * (1 - exp(-mu)) / DRAWS) + 1e-12, "P(poisson = 0)");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rng_matches_reference_stream),
		cmocka_unit_test(rng_same_seed_gives_same_samples),
		cmocka_unit_test(rng_uniform_is_open_with_uniform_moments),
		cmocka_unit_test(rng_normal_and_exponential_have_their_moments),
		cmocka_unit_test(rng_gamma_has_its_moments_for_small_and_large_shapes),
		cmocka_unit_test(rng_beta_has_its_moments_for_small_shapes),
		cmocka_unit_test(rng_poisson_has_its_moments_on_both_methods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
