/*
 * test_journey_table.c - the Journey sheet's figures gathered without a
 * workbook: measures ordered by engagement stage, their changes and notes,
 * and each stage's headline count with the offsets that centre it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "engage/journey_table.h"
#include "test_scratch.h"

static void test_stages_changes_and_headlines(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_journey_table *j = malloc(sizeof(*j));
	int64_t march;

	(void)state;
	table_put(&t, "journey.csv",
		  ("month,stage,measure,value,unit,note\n"
		   "2026-03,retention,repeat_rate,0.300000,ratio,\n"
		   "2026-02,retention,repeat_rate,0.250000,ratio,\n"
		   "2026-03,awareness,sessions,900,count,\n"
		   "2026-02,awareness,sessions,600,count,\n"
		   "2026-03,conversion,revenue,50.00,USD,\n"
		   "2026-03,conversion,orders,30,count,\n"
		   "2026-02,conversion,orders,0,count,\n"
		   "2026-03,advocacy,reviews,,count,no review export\n"
		   "2026-02,loyalty,points,5,count,\n"
		   "2026-01,awareness,impressions,7,count,\n"));
	assert_true(eg_data_table_parse_month("2026-03", &march));
	eg_journey_table_collect(j, &t, march);
	/* The five stages in order, then others; January's impressions are not shown. */
	assert_int_equal(j->n, 6);
	assert_string_equal(j->measures[0].measure, "sessions");
	assert_string_equal(j->measures[1].measure, "revenue");
	assert_string_equal(j->measures[2].measure, "orders");
	assert_string_equal(j->measures[3].measure, "repeat_rate");
	assert_string_equal(j->measures[4].measure, "reviews");
	assert_string_equal(j->measures[5].measure, "points");
	assert_true(j->measures[1].opens_stage && !j->measures[2].opens_stage);
	/* Sessions: 900 - 600 = 300, 300 / 600 = 0.5. */
	assert_true(j->measures[0].has_change && j->measures[0].change == 300);
	assert_true(j->measures[0].has_ratio && j->measures[0].ratio == 0.5);
	/* Orders: from 0, no percent; repeat rate 0.30 - 0.25 = 0.05. */
	assert_true(j->measures[2].has_change && !j->measures[2].has_ratio);
	assert_true(j->measures[3].change == 0.05);
	/* Reviews: no value, compute's note; points: no row in March. */
	assert_false(j->measures[4].has_now);
	assert_string_equal(j->measures[4].note, "no review export");
	assert_string_equal(j->measures[5].note, "no row for the month");
	assert_string_equal(j->measures[5].unit, "count");

	/* Headlines: awareness sessions 900/600, conversion orders 30/0 (revenue is money),
	 * retention none (a ratio), advocacy none (no value), loyalty none (no March value).
	 * top 900: offsets (900 - 900) / 2 = 0 and (900 - 600) / 2 = 150; orders
	 * (900 - 30) / 2 = 435 and (900 - 0) / 2 = 450; a stage without one 450. */
	assert_int_equal(j->nstages, 5);
	assert_true(j->top == 900);
	assert_string_equal(j->heads[0].measure, "sessions");
	assert_true(j->heads[0].offset_now == 0 && j->heads[0].offset_prev == 150);
	assert_string_equal(j->heads[1].measure, "orders");
	assert_true(j->heads[1].offset_now == 435 && j->heads[1].offset_prev == 450);
	assert_string_equal(j->heads[2].stage, "retention");
	assert_null(j->heads[2].measure);
	assert_true(j->heads[2].offset_now == 450 && j->heads[2].offset_prev == 450);
	assert_null(j->heads[4].measure);
	free(j);
	eg_data_table_release(&t);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_stages_changes_and_headlines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
