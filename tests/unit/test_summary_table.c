/*
 * test_summary_table.c - the Summary sheet's figures gathered without a
 * workbook: changes worked out or taken from compute, better or worse by
 * the metric's direction, noted values set apart, the sparkline and the
 * notes of absent headlines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/summary_table.h"
#include "test_scratch.h"

/* kpis.csv for 2026-03, with a year before. */
static const char kpis[] = "month,metric,value,unit,note\n"
			   "2025-03,net_revenue,200.00,USD,\n"
			   "2026-02,net_revenue,100.00,USD,\n"
			   "2026-03,net_revenue,150.00,USD,source: shop\n"
			   "2026-02,churn_rate,0.200000,ratio,\n"
			   "2026-03,churn_rate,0.250000,ratio,\n"
			   "2026-03,orders,10,count,partial month\n"
			   "2026-02,cac,20.00,USD,\n"
			   "2026-03,cac,25.00,USD,\n";

/* The row of metric id in st. */
static const struct eg_summary_row *row_of(const struct eg_summary_table *st, const char *id)
{
	size_t i;

	for (i = 0; i < st->nrows; i++)
		if (strcmp(st->rows[i].id, id) == 0)
			return &st->rows[i];
	fail_msg("no row %s", id);
	return NULL;
}

static void test_changes_worked_out(void **state)
{
	struct eg_report rep = { 0 };
	struct eg_data_table t = { 0 };
	struct eg_summary_table st;
	const struct eg_summary_row *x;

	(void)state;
	kpis_put(&rep, kpis, "2026-03");
	table_put(&t, "summary.csv", "metric,change\n");
	assert_int_equal(eg_summary_table_collect(&st, &rep, &t, 1), EG_OK);
	/* Eleven headlines first, then cac, the one other metric with rows. */
	assert_int_equal(st.nheadlines, 11);
	assert_int_equal(st.nrows, 12);
	assert_string_equal(st.rows[0].id, "net_revenue");
	assert_string_equal(st.rows[11].id, "cac");

	/* Net revenue: 150 - 100 = +50, 50 / 100 = 0.5, better; 150 - 200 = -50, -0.25, worse. */
	x = row_of(&st, "net_revenue");
	assert_true(x->to_prev.shown && x->to_prev.change == 50 && x->to_prev.ratio == 0.5);
	assert_int_equal(x->to_prev.tone, EG_TONE_BETTER);
	assert_true(x->to_year.shown && x->to_year.change == -50 && x->to_year.ratio == -0.25);
	assert_int_equal(x->to_year.tone, EG_TONE_WORSE);
	/* Only its source: not flagged, the source its note. */
	assert_false(x->flagged);
	assert_string_equal(x->note, "source: shop");
	/* 2025-04..2026-01 without a value after the data began (2025-03): ten dots;
	 * then February the lowest (level 0), March the highest (level 7). */
	assert_string_equal(x->sparkline, "\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7"
					  "\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7\xC2\xB7"
					  "\xE2\x96\x81\xE2\x96\x88");

	/* Churn rate: 0.25 - 0.20 = 0.05 in points, no percent; higher churn is worse. */
	x = row_of(&st, "churn_rate");
	assert_true(x->to_prev.shown && x->to_prev.change == 0.05);
	assert_false(x->to_prev.has_ratio);
	assert_int_equal(x->to_prev.tone, EG_TONE_WORSE);
	assert_false(x->to_year.shown);

	/* Orders: a partial month is flagged and its note shown; no month before. */
	x = row_of(&st, "orders");
	assert_true(x->flagged && x->now.present);
	assert_false(x->to_prev.shown);
	assert_string_equal(x->note, "partial month");

	/* AOV is in the catalogue but not in kpis.csv: absent, with its source's note. */
	x = row_of(&st, "aov");
	assert_false(x->now.present);
	assert_string_equal(x->note, eg_metric_absent_note(eg_metric_find("aov")->source));
	assert_string_equal(x->sparkline, "");

	/* CAC: 25 - 20 = +5, 0.25; a higher CAC is worse. */
	x = row_of(&st, "cac");
	assert_true(x->to_prev.change == 5 && x->to_prev.ratio == 0.25);
	assert_int_equal(x->to_prev.tone, EG_TONE_WORSE);
	eg_summary_table_release(&st);
	eg_data_table_release(&t);
	eg_report_release(&rep);
}

static void test_changes_from_compute(void **state)
{
	struct eg_report rep = { 0 };
	struct eg_data_table t = { 0 };
	struct eg_summary_table st;
	const struct eg_summary_row *x;

	(void)state;
	kpis_put(&rep, kpis, "2026-03");
	/* compute's net revenue change, and none against last year: that one is not shown. */
	table_put(&t, "summary.csv",
		  "metric,change,change_ratio,change_last_year,change_ratio_last_year\n"
		  "net_revenue,49.99,0.4999,,\n");
	assert_int_equal(eg_summary_table_collect(&st, &rep, &t, 1), EG_OK);
	x = row_of(&st, "net_revenue");
	assert_true(x->to_prev.shown && x->to_prev.change == 49.99 && x->to_prev.ratio == 0.4999);
	assert_false(x->to_year.shown);
	eg_summary_table_release(&st);

	/* summary.csv for another month: the changes are worked out again. */
	assert_int_equal(eg_summary_table_collect(&st, &rep, &t, 0), EG_OK);
	x = row_of(&st, "net_revenue");
	assert_true(x->to_prev.change == 50 && x->to_year.shown);
	eg_summary_table_release(&st);
	eg_data_table_release(&t);
	eg_report_release(&rep);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_changes_worked_out),
		T(test_changes_from_compute),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
