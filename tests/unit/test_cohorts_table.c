/*
 * test_cohorts_table.c - the Cohorts sheet's figures gathered without a
 * workbook: every month from the first cohort to the last, the cohorts.csv
 * row of each month offset, each cohort's size row, and CLV : CAC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/cohorts_table.h"
#include "test_scratch.h"

static void test_grid_and_clv_to_cac(void **state)
{
	struct eg_report rep = { 0 };
	struct eg_data_table t = { 0 };
	struct eg_cohorts_table g;

	(void)state;
	/* CAC: January 20.00, February none, March 0 (no ratio from a CAC of 0). */
	kpis_put(&rep,
		 "month,metric,value,unit,note\n"
		 "2026-01,cac,20.00,USD,\n"
		 "2026-02,orders,4,count,\n"
		 "2026-03,cac,0,USD,\n",
		 "2026-03");
	/* January with offsets 1 and 2 (no 0 row), March with 0; February has no row. */
	table_put(&t, "cohorts.csv",
		  "cohort,month_offset,cohort_customers,"
		  "cumulative_net_revenue_per_customer\n"
		  "2026-01,1,10,30.00\n"
		  "2026-01,2,10,50.00\n"
		  "2026-03,0,4,12.00\n"
		  "bad,0,1,1\n");
	assert_int_equal(eg_cohorts_table_collect(&g, &t, &rep), EG_OK);
	/* Months 2026-01..2026-03, the gap kept; offsets 0..2. */
	assert_int_equal(g.first, 2026 * 12 + 0);
	assert_int_equal(g.ncohorts, 3);
	assert_int_equal(g.max_off, 2);
	assert_false(g.cut);
	/* Rows of cohorts.csv: January 1 -> row 0, 2 -> row 1; March 0 -> row 2. */
	assert_int_equal(g.cell[0 * 3 + 0], -1);
	assert_int_equal(g.cell[0 * 3 + 1], 0);
	assert_int_equal(g.cell[0 * 3 + 2], 1);
	assert_int_equal(g.cell[1 * 3 + 0], -1);
	assert_int_equal(g.cell[2 * 3 + 0], 2);
	/* January's size from its first offset's row (0); February has none. */
	assert_int_equal(g.size_row[0], 0);
	assert_int_equal(g.size_row[1], -1);
	assert_int_equal(g.size_row[2], 2);
	/* January: 30.00 / 20.00 = 1.5, 50.00 / 20.00 = 2.5; March: CAC 0, no ratio. */
	assert_true(g.any_cac && g.has_cac[0] && g.cac[0] == 20);
	assert_false(g.has_cac[1]);
	assert_true(g.has_cac[2] && g.cac[2] == 0);
	assert_true(g.has_clv_cac[1] && g.clv_cac[1] == 1.5);
	assert_true(g.has_clv_cac[2] && g.clv_cac[2] == 2.5);
	assert_false(g.has_clv_cac[0]);
	assert_false(g.has_clv_cac[2 * 3 + 0]);
	eg_cohorts_table_release(&g);
	eg_data_table_release(&t);
	eg_report_release(&rep);
}

static void test_offsets_cut_and_none(void **state)
{
	struct eg_report rep = { 0 };
	struct eg_data_table t = { 0 };
	struct eg_cohorts_table g;

	(void)state;
	kpis_put(&rep, "month,metric,value,unit,note\n2026-03,orders,1,count,\n", "2026-03");
	/* Offset 75 is past the 60 shown: offsets 0..59, cut; no CAC anywhere. */
	table_put(&t, "cohorts.csv",
		  "cohort,month_offset,cohort_customers\n"
		  "2026-02,0,3\n"
		  "2026-02,75,3\n");
	assert_int_equal(eg_cohorts_table_collect(&g, &t, &rep), EG_OK);
	assert_int_equal(g.ncohorts, 1);
	assert_int_equal(g.max_off, EG_COHORT_MAX_OFFSETS - 1);
	assert_true(g.cut);
	assert_int_equal(g.cell[0], 0);
	assert_false(g.any_cac);
	eg_cohorts_table_release(&g);
	eg_data_table_release(&t);

	/* No cohort month: nothing to show, nothing held. */
	table_put(&t, "cohorts.csv", "cohort,month_offset\n,0\n");
	assert_int_equal(eg_cohorts_table_collect(&g, &t, &rep), EG_OK);
	assert_int_equal(g.ncohorts, 0);
	assert_null(g.cell);
	eg_cohorts_table_release(&g);
	eg_data_table_release(&t);
	eg_report_release(&rep);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_grid_and_clv_to_cac),
		T(test_offsets_cut_and_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
