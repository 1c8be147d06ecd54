/*
 * test_optimize.c - BFGS finds the known minima of classic test functions
 * (Rosenbrock in 2 and 6 variables, a quadratic scaled over four orders of
 * magnitude, a function with a barrier where it is undefined) with analytic
 * and with numeric gradients, repeats itself exactly, reports
 * non-convergence instead of failing, and rejects bad calls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "engage/optimize.h"

/* Chained Rosenbrock in *(size_t *)ctx variables; minimum 0 at (1, ..., 1). */
static double rosenbrock(const double *x, double *g, void *ctx)
{
	size_t n = *(const size_t *)ctx, i;
	double f = 0.0;

	if (g)
		memset(g, 0, n * sizeof(*g));
	for (i = 0; i + 1 < n; i++) {
		double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];

		f += 100.0 * a * a + b * b;
		if (g) {
			g[i] += -400.0 * x[i] * a - 2.0 * b;
			g[i + 1] += 200.0 * a;
		}
	}
	return f;
}

/* sum 10^i (x_i - i)^2 for i = 0..3; minimum 0 at (0, 1, 2, 3). */
static double scaled_quadratic(const double *x, double *g, void *ctx)
{
	double f = 0.0, w = 1.0;
	int i;

	(void)ctx;
	for (i = 0; i < 4; i++, w *= 10.0) {
		f += w * (x[i] - i) * (x[i] - i);
		if (g)
			g[i] = 2.0 * w * (x[i] - i);
	}
	return f;
}

/* 50 x^2 - log x, undefined (NaN) for x <= 0; minimum at x = 0.1. */
static double barrier(const double *x, double *g, void *ctx)
{
	(void)ctx;
	if (x[0] <= 0)
		return NAN;
	if (g)
		g[0] = 100.0 * x[0] - 1.0 / x[0];
	return 50.0 * x[0] * x[0] - log(x[0]);
}

/* Minimises fn from start and asserts every coordinate within tol of want. */
static void finds(eg_optimize_fn fn, void *ctx, size_t n, const double *start, const double *want,
		  double tol, int numeric)
{
	struct eg_optimize_options opt = { 0, 0, 0, 0, numeric };
	struct eg_optimize_result res;
	struct eg_error err;
	double x[EG_OPTIMIZE_MAX_DIM];
	size_t i;

	memcpy(x, start, n * sizeof(*x));
	eg_error_clear(&err);
	assert_int_equal(eg_optimize_bfgs(fn, ctx, n, x, &opt, &res, &err), EG_OK);
	if (!res.converged)
		print_error("not converged: f %g, gmax %g after %zu iterations\n", res.f, res.gmax,
			    res.iterations);
	assert_true(res.converged);
	for (i = 0; i < n; i++) {
		if (fabs(x[i] - want[i]) > tol)
			print_error("x[%zu] = %.12g, want %.12g\n", i, x[i], want[i]);
		assert_true(fabs(x[i] - want[i]) <= tol);
	}
}

static void optimize_finds_rosenbrock_minimum(void **state)
{
	static const double start2[] = { -1.2, 1.0 }, ones[] = { 1, 1, 1, 1, 1, 1 };
	static const double start6[] = { -1.2, 1.0, -1.2, 1.0, -1.2, 1.0 };
	size_t two = 2, six = 6;

	(void)state;
	finds(rosenbrock, &two, 2, start2, ones, 1e-7, 0);
	finds(rosenbrock, &six, 6, start6, ones, 1e-7, 0);
}

static void optimize_finds_minimum_with_numeric_gradient(void **state)
{
	static const double start2[] = { -1.2, 1.0 }, ones[] = { 1, 1 };
	static const double start4[] = { 5, 5, 5, 5 }, want4[] = { 0, 1, 2, 3 };
	size_t two = 2;

	(void)state;
	finds(rosenbrock, &two, 2, start2, ones, 1e-5, 1);
	finds(scaled_quadratic, NULL, 4, start4, want4, 1e-6, 1);
}

static void optimize_handles_badly_scaled_quadratic(void **state)
{
	static const double start[] = { -3, 7, 0.5, 100 }, want[] = { 0, 1, 2, 3 };

	(void)state;
	finds(scaled_quadratic, NULL, 4, start, want, 1e-9, 0);
}

static void optimize_steps_back_from_undefined_region(void **state)
{
	static const double start[] = { 1.0 }, want[] = { 0.1 };

	(void)state;
	/* the first step (capped at 2) lands at x = -1, where f is NaN */
	finds(barrier, NULL, 1, start, want, 1e-9, 0);
	finds(barrier, NULL, 1, start, want, 1e-7, 1);
}

static void optimize_is_deterministic(void **state)
{
	double x1[2] = { -1.2, 1.0 }, x2[2] = { -1.2, 1.0 };
	struct eg_optimize_result r1, r2;
	size_t two = 2;

	(void)state;
	assert_int_equal(eg_optimize_bfgs(rosenbrock, &two, 2, x1, NULL, &r1, NULL), EG_OK);
	assert_int_equal(eg_optimize_bfgs(rosenbrock, &two, 2, x2, NULL, &r2, NULL), EG_OK);
	assert_memory_equal(x1, x2, sizeof(x1));
	assert_true(r1.f == r2.f && r1.iterations == r2.iterations &&
		    r1.evaluations == r2.evaluations);
}

static void optimize_reports_non_convergence_as_ok(void **state)
{
	struct eg_optimize_options opt = { 3, 0, 0, 0, 0 };
	struct eg_optimize_result res;
	double x[2] = { -1.2, 1.0 };
	size_t two = 2;

	(void)state;
	assert_int_equal(eg_optimize_bfgs(rosenbrock, &two, 2, x, &opt, &res, NULL), EG_OK);
	assert_false(res.converged);
	assert_true(res.iterations <= 6); /* 3 per run, one restart */
	assert_true(res.f < 24.2);	  /* f at the start is 24.2 */
}

static void optimize_rejects_bad_calls(void **state)
{
	struct eg_optimize_options bad = { 0, 0, -1.0, 0, 0 };
	struct eg_optimize_result res = { 0 };
	struct eg_error err;
	double x[EG_OPTIMIZE_MAX_DIM + 1] = { -5.0 };
	size_t two = 2;

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_optimize_bfgs(rosenbrock, &two, 0, x, NULL, &res, &err), EG_EUSAGE);
	assert_int_equal(
		eg_optimize_bfgs(rosenbrock, &two, EG_OPTIMIZE_MAX_DIM + 1, x, NULL, &res, &err),
		EG_EUSAGE);
	assert_int_equal(eg_optimize_bfgs(rosenbrock, &two, 2, x, &bad, &res, &err), EG_EUSAGE);
	/* not finite at the start: EG_EDATA, x and res untouched */
	assert_int_equal(eg_optimize_bfgs(barrier, NULL, 1, x, NULL, &res, &err), EG_EDATA);
	assert_int_equal(err.status, EG_EDATA);
	assert_true(err.message[0] != '\0');
	assert_true(x[0] == -5.0 && res.evaluations == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(optimize_finds_rosenbrock_minimum),
		cmocka_unit_test(optimize_finds_minimum_with_numeric_gradient),
		cmocka_unit_test(optimize_handles_badly_scaled_quadratic),
		cmocka_unit_test(optimize_steps_back_from_undefined_region),
		cmocka_unit_test(optimize_is_deterministic),
		cmocka_unit_test(optimize_reports_non_convergence_as_ok),
		cmocka_unit_test(optimize_rejects_bad_calls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
