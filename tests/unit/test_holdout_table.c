/*
 * test_holdout_table.c - the Model sheet's holdout comparison gathered
 * without a workbook: a frequency row's means times its customers, the
 * total row's totals over its customers, and the baseline alike.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/holdout_table.h"
#include "test_scratch.h"

static void test_means_and_totals(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_holdout_table h;
	const struct eg_holdout_row *x;

	(void)state;
	table_put(&t, "holdout.csv",
		  "calibration_frequency,customers,actual_holdout_orders,predicted_holdout_orders,"
		  "mean_absolute_error,baseline_holdout_orders\n"
		  "0,10,0.5,0.75,0.25,0.5\n"
		  "1,4,2,1.5,,1\n"
		  "total,14,13,13.5,0.5,9\n");
	assert_int_equal(eg_holdout_table_collect(&h, &t), EG_OK);
	assert_int_equal(h.n, 3);
	assert_true(h.has_baseline_column && h.charted);
	assert_int_equal(h.last_frequency, 1);
	/* 0 repeat orders: 10 customers, 0.5 and 0.75 each: 5 and 7.5 orders, +0.25. */
	x = &h.rows[0];
	assert_false(x->total);
	assert_true(x->actual_mean == 0.5 && x->predicted_mean == 0.75 && x->difference == 0.25);
	assert_true(x->has_actual && x->actual == 5 && x->predicted == 7.5);
	assert_true(x->has_baseline && x->baseline == 0.5);
	/* 1: 4 customers, 2 and 1.5 each: 8 and 6 orders; no error given. */
	x = &h.rows[1];
	assert_true(x->actual == 8 && x->predicted == 6 && x->difference == -0.5);
	assert_false(x->has_error);
	/* All: 13 and 13.5 orders over 14 customers; baseline 9 / 14. */
	x = &h.rows[2];
	assert_true(x->total && x->actual == 13 && x->predicted == 13.5);
	assert_true(x->actual_mean == 13.0 / 14 && x->predicted_mean == 13.5 / 14);
	assert_true(x->has_baseline && x->baseline == 9.0 / 14);
	assert_true(x->has_error && x->error == 0.5);
	eg_holdout_table_release(&h);
	eg_data_table_release(&t);
}

static void test_total_alone_without_customers(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_holdout_table h;
	const struct eg_holdout_row *x;

	(void)state;
	/* Only the total row, 0 customers: no means, the totals shown; nothing to chart. */
	table_put(&t, "holdout.csv",
		  "calibration_frequency,customers,actual_holdout_orders,predicted_holdout_orders,"
		  "mean_absolute_error\n"
		  "total,0,0,0,\n");
	assert_int_equal(eg_holdout_table_collect(&h, &t), EG_OK);
	assert_false(h.has_baseline_column || h.charted);
	x = &h.rows[0];
	assert_false(x->has_actual_mean || x->has_predicted_mean || x->has_difference);
	assert_true(x->has_actual && x->has_predicted);
	assert_false(x->has_baseline);
	eg_holdout_table_release(&h);
	eg_data_table_release(&t);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_means_and_totals),
		T(test_total_alone_without_customers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
