/*
 * test_segments_table.c - the Segments sheet's figures gathered without a
 * workbook: segments.csv's totals, and the churn-risk bands ordered high to
 * low with their shares and average P(alive).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/segments_table.h"
#include "test_scratch.h"

static void test_total(void **state)
{
	struct eg_data_table t = { 0 };
	struct eg_segments_total total;

	(void)state;
	table_put(&t, "segments.csv",
		  "segment,customers,revenue\n"
		  "Champions,4,250.50\n"
		  "At Risk,6,49.50\n"
		  "Lost,,\n");
	eg_segments_total_collect(&total, &t);
	/* 4 + 6 customers (Lost's empty cells count nothing), 250.50 + 49.50 revenue. */
	assert_true(total.customers == 10 && total.revenue == 300);
	assert_true(total.customer_share == 1 && total.revenue_share == 1);
	eg_data_table_release(&t);

	/* No rows: no customers, no revenue, shares 0. */
	table_put(&t, "segments.csv", "segment,customers,revenue\n");
	eg_segments_total_collect(&total, &t);
	assert_true(total.customers == 0 && total.revenue == 0);
	assert_true(total.customer_share == 0 && total.revenue_share == 0);
	eg_data_table_release(&t);
}

/* Sets band i of t. */
static void band(struct eg_workbook_tally *t, int i, const char *name, int64_t customers,
		 double revenue, double p_alive, int64_t with_p_alive)
{
	snprintf(t->bands[i].name, sizeof(t->bands[i].name), "%s", name);
	t->bands[i].customers = customers;
	t->bands[i].revenue = revenue;
	t->bands[i].p_alive = p_alive;
	t->bands[i].with_p_alive = with_p_alive;
}

static void test_bands_ordered_with_shares(void **state)
{
	struct eg_workbook_tally t = { 0 };
	struct eg_segment_bands out;

	(void)state;
	/* Met low, unscored, high, medium: shown high, medium, low, then unscored. */
	band(&t, 0, "low", 5, 100, 4.5, 5);
	band(&t, 1, "", 2, 0, 0, 0);
	band(&t, 2, "High risk", 1, 50, 0.25, 1);
	band(&t, 3, "medium", 2, 50, 1.0, 2);
	t.nbands = 4;
	t.unbanded = 3;
	eg_segment_bands_collect(&out, &t);
	assert_int_equal(out.n, 4);
	assert_string_equal(out.rows[0].name, "High risk");
	assert_string_equal(out.rows[1].name, "medium");
	assert_string_equal(out.rows[2].name, "low");
	assert_string_equal(out.rows[3].name, "");
	assert_int_equal(out.unbanded, 3);
	/* 10 customers in all: high 1/10, medium 2/10, low 5/10, unscored 2/10. */
	assert_true(out.rows[0].has_customer_share && out.rows[0].customer_share == 0.1);
	assert_true(out.rows[2].customer_share == 0.5 && out.rows[3].customer_share == 0.2);
	/* Revenue 200: high 50/200, low 100/200, unscored 0. */
	assert_true(out.rows[0].has_revenue_share && out.rows[0].revenue_share == 0.25);
	assert_true(out.rows[2].revenue_share == 0.5 && out.rows[3].revenue_share == 0);
	/* Average P(alive): high 0.25/1, medium 1.0/2, low 4.5/5; unscored has none. */
	assert_true(out.rows[0].p_alive == 0.25 && out.rows[1].p_alive == 0.5);
	assert_true(out.rows[2].p_alive == 0.9);
	assert_false(out.rows[3].has_p_alive);
}

static void test_bands_without_revenue(void **state)
{
	struct eg_workbook_tally t = { 0 };
	struct eg_segment_bands out;

	(void)state;
	/* Two bands of equal rank keep the order first met; no revenue: no revenue share. */
	band(&t, 0, "dormant", 3, 0, 0, 0);
	band(&t, 1, "other", 1, 0, 0, 0);
	t.nbands = 2;
	eg_segment_bands_collect(&out, &t);
	assert_string_equal(out.rows[0].name, "dormant");
	assert_string_equal(out.rows[1].name, "other");
	assert_true(out.rows[0].customer_share == 0.75);
	assert_false(out.rows[0].has_revenue_share);
	assert_int_equal(eg_band_rank("HIGH"), 0);
	assert_int_equal(eg_band_rank("Medium"), 1);
	assert_int_equal(eg_band_rank("lowest"), 2);
	assert_int_equal(eg_band_rank("none"), 3);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_total),
		T(test_bands_ordered_with_shares),
		T(test_bands_without_revenue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
