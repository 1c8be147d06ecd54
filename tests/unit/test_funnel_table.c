/*
 * test_funnel_table.c - the Funnel sheet's figures gathered without a
 * workbook: steps in the order met, the report month against the month
 * before, and every month's counts and conversion.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/funnel_table.h"
#include "test_scratch.h"

static void test_steps_changes_and_months(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_funnel_table f;
	int64_t march;

	(void)state;
	table_put(&t, "funnel.csv",
		  ("month,step,count,share_of_previous,share_of_sessions\n"
		   "2026-01,sessions,1000,,1\n"
		   "2026-01,purchases,20,0.02,0.02\n"
		   "2026-03,sessions,1200,,1\n"
		   "2026-03,purchases,30,0.025,0.025\n"
		   "2026-02,sessions,800,,1\n"
		   "2026-02,add_to_carts,0,,0\n"
		   "2026-03,add_to_carts,5,,\n"));
	assert_true(eg_data_table_parse_month("2026-03", &march));
	assert_int_equal(eg_funnel_table_collect(&f, &t, march), EG_OK);
	/* Steps in the order met. */
	assert_int_equal(f.nsteps, 3);
	assert_string_equal(f.steps[0].step, "sessions");
	assert_string_equal(f.steps[1].step, "purchases");
	assert_string_equal(f.steps[2].step, "add_to_carts");
	/* Sessions: 1200 against 800, (1200 - 800) / 800 = 0.5; rows 2 and 4. */
	assert_int_equal(f.steps[0].row_now, 2);
	assert_int_equal(f.steps[0].row_prev, 4);
	assert_true(f.steps[0].now == 1200 && f.steps[0].prev == 800);
	assert_true(f.steps[0].has_change && f.steps[0].change == 0.5);
	/* Purchases: no February row, no change. */
	assert_true(f.steps[1].has_now && f.steps[1].now == 30);
	assert_int_equal(f.steps[1].row_prev, -1);
	assert_false(f.steps[1].has_prev || f.steps[1].has_change);
	/* Add to cart: 0 in February, so no change in percent. */
	assert_true(f.steps[2].has_prev && f.steps[2].prev == 0);
	assert_false(f.steps[2].has_change);
	/* January to March, every month a row. */
	assert_int_equal(f.first, march - 2);
	assert_int_equal(f.nmonths, 3);
	assert_true(f.has_count[0 * 3 + 0] && f.count[0 * 3 + 0] == 1000);
	assert_false(f.has_count[0 * 3 + 2]);
	assert_false(f.has_count[1 * 3 + 1]);
	assert_true(f.has_count[1 * 3 + 2] && f.count[1 * 3 + 2] == 0);
	assert_true(f.count[2 * 3 + 1] == 30 && f.count[2 * 3 + 2] == 5);
	/* Conversion: purchases' share of sessions, 0.02 and 0.025; none in February. */
	assert_true(f.has_conversion[0] && f.conversion[0] == 0.02);
	assert_false(f.has_conversion[1]);
	assert_true(f.has_conversion[2] && f.conversion[2] == 0.025);
	eg_funnel_table_release(&f);
	eg_data_table_release(&t);
}

static void test_no_month(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_funnel_table f;

	(void)state;
	/* A step without a month: a row of the steps, no month of the grid. */
	table_put(&t, "funnel.csv", "month,step,count\n,sessions,4\n");
	assert_int_equal(eg_funnel_table_collect(&f, &t, 0), EG_OK);
	assert_int_equal(f.nsteps, 1);
	assert_int_equal(f.nmonths, 0);
	assert_false(f.steps[0].has_now);
	eg_funnel_table_release(&f);
	eg_data_table_release(&t);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_steps_changes_and_months),
		T(test_no_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
