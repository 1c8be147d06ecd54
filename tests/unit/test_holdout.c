/*
 * test_holdout.c - calibration/holdout validation: summaries from order
 * times (ties, boundaries, bad input), the frequency table's arithmetic, and
 * the check practitioners rely on: customers simulated from known parameters
 * make, in each calibration-frequency row, as many holdout orders as the
 * model predicts, with the true parameters and with parameters fitted on the
 * calibration period alone; and, on a CDNOW-sized sample, the fitted model
 * beats the baseline of each customer's past order rate carried forward.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engage/holdout.h"

#include "test_bgnbd_sample.h"

static void holdout_split_counts_distinct_times(void **state)
{
	/* first at 10; repeats at 12, 12 (same day), 20 (= cal_end); holdout at
	 * 25, 25, 30; 40 is after the holdout */
	static const double t[] = { 10, 12, 12, 20, 25, 25, 30, 40 };
	struct eg_bgnbd_customer c;
	unsigned later = 99;

	(void)state;
	assert_int_equal(eg_holdout_split(t, 8, 20.0, 30.0, &c, &later, NULL), EG_OK);
	assert_int_equal(c.x, 2);
	assert_true(c.t_x == 10.0 && c.T == 10.0);
	assert_int_equal(later, 2);
	/* one order only, on the last calibration day */
	assert_int_equal(eg_holdout_split(t, 1, 10.0, 10.0, &c, NULL, NULL), EG_OK);
	assert_true(c.x == 0 && c.t_x == 0.0 && c.T == 0.0);
	/* repeat orders on the first order's day are no repeat */
	assert_int_equal(eg_holdout_split(t + 1, 2, 15.0, 15.0, &c, &later, NULL), EG_OK);
	assert_true(c.x == 0 && c.T == 3.0 && later == 0);
}

static void holdout_split_rejects_bad_input(void **state)
{
	static const double unsorted[] = { 10, 15, 12 };
	static const double late[] = { 25, 26 };
	static const double nan[] = { 10, NAN };
	struct eg_bgnbd_customer c = { 77, 7, 7 };
	unsigned later = 77;
	struct eg_error err;

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_holdout_split(unsorted, 3, 20, 30, &c, &later, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "ascending"));
	assert_int_equal(eg_holdout_split(late, 2, 20, 30, &c, &later, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "after the end of calibration"));
	assert_int_equal(eg_holdout_split(nan, 2, 20, 30, &c, &later, &err), EG_EDATA);
	assert_int_equal(eg_holdout_split(late, 2, 30, 20, &c, &later, &err), EG_EUSAGE);
	assert_int_equal(eg_holdout_split(late, 0, 20, 30, &c, &later, &err), EG_EUSAGE);
	assert_true(c.x == 77 && later == 77);
}

static void holdout_compare_builds_rows_and_errors(void **state)
{
	static const struct eg_bgnbd_customer cal[] = {
		{ 0, 0, 30 },  { 0, 0, 35 },  { 1, 10, 30 },
		{ 3, 20, 38 }, { 4, 30, 31 }, { 9, 33, 34 },
	};
	static const unsigned actual[] = { 0, 1, 2, 0, 3, 5 };
	struct eg_holdout h;
	/* the baseline: x / T x 39 weeks */
	const double base[6] = { 0, 0, 39.0 / 30, 3 * 39.0 / 38, 4 * 39.0 / 31, 9 * 39.0 / 34 };
	double e[6], bias = 0, mae = 0, sq = 0, bmae = 0, bsq = 0, btotal = 0;
	size_t i;

	(void)state;
	for (i = 0; i < 6; i++) {
		btotal += base[i];
		bmae += fabs(base[i] - actual[i]);
		bsq += (base[i] - actual[i]) * (base[i] - actual[i]);
		assert_int_equal(eg_bgnbd_expected_orders(&cdnow, &cal[i], 39.0, &e[i], NULL),
				 EG_OK);
		bias += e[i] - actual[i];
		mae += fabs(e[i] - actual[i]);
		sq += (e[i] - actual[i]) * (e[i] - actual[i]);
	}
	assert_int_equal(eg_holdout_compare(&cdnow, cal, actual, 6, 39.0, 3, &h, NULL), EG_OK);
	assert_int_equal(h.nrows, 4);
	assert_int_equal(h.customers, 6);
	/* x = 0: two customers */
	assert_int_equal(h.rows[0].customers, 2);
	assert_true(h.rows[0].actual == 0.5);
	assert_true(fabs(h.rows[0].predicted - (e[0] + e[1]) / 2) < 1e-15);
	/* x = 1: one; x = 2: none, all zero */
	assert_int_equal(h.rows[1].customers, 1);
	assert_true(h.rows[1].actual == 2.0 && h.rows[1].predicted == e[2]);
	assert_true(h.rows[2].customers == 0 && h.rows[2].actual == 0 && h.rows[2].predicted == 0);
	/* "3+": x = 3, 4 and 9 */
	assert_int_equal(h.rows[3].x, 3);
	assert_int_equal(h.rows[3].customers, 3);
	assert_true(fabs(h.rows[3].actual - 8.0 / 3) < 1e-15);
	assert_true(fabs(h.rows[3].predicted - (e[3] + e[4] + e[5]) / 3) < 1e-15);
	assert_true(h.total_actual == 11.0);
	assert_true(fabs(h.bias - bias / 6) < 1e-14);
	assert_true(fabs(h.mae - mae / 6) < 1e-14);
	assert_true(fabs(h.rmse - sqrt(sq / 6)) < 1e-14);
	assert_true(fabs(h.baseline_total - btotal) < 1e-13);
	assert_true(fabs(h.baseline_mae - bmae / 6) < 1e-14);
	assert_true(fabs(h.baseline_rmse - sqrt(bsq / 6)) < 1e-14);
	assert_true(h.rows[0].baseline == 0 && fabs(h.rows[1].baseline - base[2]) < 1e-15);
	assert_true(fabs(h.rows[3].baseline - (base[3] + base[4] + base[5]) / 3) < 1e-14);
}

static void holdout_compare_rejects_bad_input(void **state)
{
	struct eg_bgnbd_customer cal[2] = { { 0, 0, 30 }, { 2, 40, 30 } };
	const struct eg_bgnbd_params bad = { 0.2, 0, 1, 1 };
	unsigned actual[2] = { 0, 1 };
	struct eg_holdout h;
	struct eg_error err;

	(void)state;
	h.nrows = 12345;
	eg_error_clear(&err);
	assert_int_equal(eg_holdout_compare(&cdnow, cal, actual, 2, 39, 0, &h, &err), EG_EUSAGE);
	assert_int_equal(
		eg_holdout_compare(&cdnow, cal, actual, 2, 39, EG_HOLDOUT_MAX_ROWS, &h, &err),
		EG_EUSAGE);
	assert_int_equal(eg_holdout_compare(&cdnow, cal, actual, 2, 0.0, 7, &h, &err), EG_EUSAGE);
	assert_int_equal(eg_holdout_compare(&bad, cal, actual, 2, 39, 7, &h, &err), EG_EUSAGE);
	assert_int_equal(eg_holdout_compare(&cdnow, cal, actual, 2, 39, 7, &h, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "customer 1"));
	assert_int_equal(h.nrows, 12345);
}

/*
 * Asserts every row with at least 200 customers predicts its actual mean
 * within 5 standard errors of that mean (from the row's own spread).
 */
static void rows_match(const struct sample *s, const struct eg_holdout *h)
{
	size_t r, i;

	for (r = 0; r < h->nrows; r++) {
		const struct eg_holdout_row *row = &h->rows[r];
		double var = 0.0, se;
		size_t k = 0;

		if (row->customers < 200)
			continue;
		for (i = 0; i < s->n; i++) {
			size_t x = s->cal[i].x < h->nrows - 1 ? s->cal[i].x : h->nrows - 1;

			if (x == r) {
				var += (s->actual[i] - row->actual) * (s->actual[i] - row->actual);
				k++;
			}
		}
		assert_int_equal(k, row->customers);
		se = sqrt(var / (k - 1) / k);
		if (!(fabs(row->predicted - row->actual) <= 5 * se)) {
			print_error("x %u: predicted %.4f, actual %.4f (%zu customers, se %.4f)\n",
				    row->x, row->predicted, row->actual, row->customers, se);
			fail();
		}
	}
}

static void holdout_predictions_match_simulated_holdout(void **state)
{
	struct sample s = simulate(&cdnow, 100000, 21);
	struct eg_holdout h;

	(void)state;
	assert_int_equal(eg_holdout_compare(&cdnow, s.cal, s.actual, s.n, 39.0, 7, &h, NULL),
			 EG_OK);
	rows_match(&s, &h);
	/* the total within 2%: about 4 standard errors here */
	assert_true(fabs(h.total_predicted / h.total_actual - 1.0) < 0.02);
	release(&s);
}

/* n CDNOW customers drawn with seed, fitted on calibration, compared over 39 weeks into *h. */
static struct sample fitted_comparison(size_t n, uint64_t seed, struct eg_holdout *h)
{
	struct sample s = simulate(&cdnow, n, seed);
	struct eg_bgnbd_fit f;

	assert_int_equal(eg_bgnbd_fit(s.cal, s.n, NULL, &f, NULL), EG_OK);
	assert_int_equal(eg_holdout_compare(&f.params, s.cal, s.actual, s.n, 39.0, 7, h, NULL),
			 EG_OK);
	return s;
}

static void holdout_fitted_model_predicts_holdout(void **state)
{
	struct eg_holdout h;
	struct sample s = fitted_comparison(100000, 22, &h);

	(void)state;
	rows_match(&s, &h);
	assert_true(fabs(h.total_predicted / h.total_actual - 1.0) < 0.03);
	release(&s);
}

/*
 * On a CDNOW-sized sample (2,357 customers, as in the paper) the fitted
 * model beats each customer's past order rate carried forward: that
 * baseline sees neither dropout nor regression to the mean, and gives a
 * one-time buyer no order at all. By how much is printed.
 */
static void holdout_fitted_model_beats_the_baseline(void **state)
{
	struct eg_holdout h;
	struct sample s = fitted_comparison(2357, 23, &h);

	(void)state;
	print_message("mean absolute error: model %.4f, baseline %.4f (%.1f%% lower)\n", h.mae,
		      h.baseline_mae, (1 - h.mae / h.baseline_mae) * 100);
	assert_true(h.mae < 0.9 * h.baseline_mae);
	assert_true(h.rmse < h.baseline_rmse);
	release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holdout_split_counts_distinct_times),
		cmocka_unit_test(holdout_split_rejects_bad_input),
		cmocka_unit_test(holdout_compare_builds_rows_and_errors),
		cmocka_unit_test(holdout_compare_rejects_bad_input),
		cmocka_unit_test(holdout_predictions_match_simulated_holdout),
		cmocka_unit_test(holdout_fitted_model_predicts_holdout),
		cmocka_unit_test(holdout_fitted_model_beats_the_baseline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
