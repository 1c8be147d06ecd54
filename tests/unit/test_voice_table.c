/*
 * test_voice_table.c - the Voice of customer sheet's figures gathered
 * without a workbook: known measures in their order then the others, and
 * every month's values from the first month to the last.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/voice_table.h"
#include "test_scratch.h"

static void test_measures_and_months(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_voice_table v;
	int64_t january;

	(void)state;
	table_put(&t, "voice.csv",
		  ("month,measure,value,unit,note\n"
		   "2026-01,tickets,12,count,\n"
		   "2026-03,tickets,9,count,\n"
		   "2026-03,nps,40,score,\n"
		   "2026-01,first_response_hours,3.5,hours,\n"
		   "2026-03,csat,,ratio,no survey\n"));
	assert_int_equal(eg_voice_table_collect(&v, &t), EG_OK);
	/* NPS, CSAT and tickets in the known order, then the other as met. */
	assert_int_equal(v.n, 4);
	assert_string_equal(v.measures[0].id, "nps");
	assert_string_equal(v.measures[0].name, "NPS");
	assert_string_equal(v.measures[0].unit, "score");
	assert_string_equal(v.measures[1].id, "csat");
	assert_string_equal(v.measures[2].id, "tickets");
	assert_string_equal(v.measures[3].id, "first_response_hours");
	assert_null(v.measures[3].name);
	assert_string_equal(v.measures[3].unit, "hours");
	/* January to March, February without a row. */
	assert_true(eg_data_table_parse_month("2026-01", &january));
	assert_int_equal(v.first, january);
	assert_int_equal(v.nmonths, 3);
	/* January: tickets 12, first response 3.5; no NPS. */
	assert_false(v.has_value[0 * 4 + 0]);
	assert_true(v.has_value[0 * 4 + 2] && v.value[0 * 4 + 2] == 12);
	assert_true(v.has_value[0 * 4 + 3] && v.value[0 * 4 + 3] == 3.5);
	assert_false(v.has_value[1 * 4 + 2]);
	/* March: NPS 40, tickets 9; CSAT's row has no value. */
	assert_true(v.has_value[2 * 4 + 0] && v.value[2 * 4 + 0] == 40);
	assert_false(v.has_value[2 * 4 + 1]);
	assert_true(v.value[2 * 4 + 2] == 9);
	eg_voice_table_release(&v);
	eg_data_table_release(&t);
}

static void test_no_month(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_voice_table v;

	(void)state;
	table_put(&t, "voice.csv", "month,measure,value\n,nps,10\n");
	assert_int_equal(eg_voice_table_collect(&v, &t), EG_OK);
	assert_int_equal(v.n, 1);
	assert_int_equal(v.nmonths, 0);
	eg_voice_table_release(&v);
	eg_data_table_release(&t);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_measures_and_months),
		T(test_no_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
