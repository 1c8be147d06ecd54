/*
 * test_bridge_table.c - the Revenue bridge sheet's figures gathered without
 * a workbook: a month reconciles when "other" is zero and net revenue is
 * kpis.csv's; otherwise the words say why, with the amounts; totals, the
 * kpis.csv total only when every month has one, and absent amounts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/bridge_table.h"
#include "engage/money.h"
#include "test_cases.h"
#include "test_scratch.h"

/* Loads scratch's kpis.csv into rep and bridge.csv into t. */
static void load(struct eg_report *rep, struct eg_data_table *t)
{
	struct eg_error err;

	assert_int_equal(eg_report_load(rep, scratch_path("kpis.csv"), "2026-03", &err), EG_OK);
	assert_int_equal(eg_data_table_load(t, scratch_path("bridge.csv"), NULL, NULL, &err), EG_OK);
}

static void test_months_reconcile_or_say_why(void **state)
{
	struct eg_report rep = { 0 };
	struct eg_data_table t = { 0 };
	struct eg_bridge_table bt;
	struct eg_error err;

	(void)state;
	/* kpis.csv's net revenue: 100.00 in January and February; March has none. */
	put("kpis.csv", "month,metric,value,unit,note\n"
			"2026-01,net_revenue,100.00,USD,\n"
			"2026-02,net_revenue,100.00,USD,\n"
			"2026-03,orders,3,count,\n");
	/*
	 * January: 90 + 5 + 5 other = 100 total, net 100: 5.00 unexplained.
	 * February: net 99.92 against kpis.csv's 100.00: differs by -0.08.
	 * March: no kpis.csv net revenue and no other: reconciles; duties absent.
	 */
	put("bridge.csv", "month,gross_sales,discounts,shipping,tax,duties,other,total,refunds,"
			  "net_revenue\n"
			  "2026-01,90.00,0.00,5.00,0.00,0.00,5.00,100.00,0.00,100.00\n"
			  "2026-02,100.00,0.08,0.00,0.00,0.00,0.00,99.92,0.00,99.92\n"
			  "2026-03,50.00,0.00,0.00,0.00,,0.00,50.00,10.00,40.00\n");
	load(&rep, &t);
	assert_int_equal(eg_bridge_table_collect(&bt, &t, &rep, &err), EG_OK);
	assert_int_equal(bt.n, 3);
	assert_true(bt.months[0].has_month);
	assert_false(bt.months[0].ok);
	assert_false(bt.months[0].net_differs);
	assert_string_equal(bt.months[0].check,
			    "does not reconcile: 5.00 in the totals unexplained");
	assert_false(bt.months[1].ok);
	assert_true(bt.months[1].net_differs);
	assert_string_equal(bt.months[1].check,
			    "does not reconcile: net revenue differs from kpis.csv by -0.08");
	assert_true(bt.months[2].ok);
	assert_string_equal(bt.months[2].check, "reconciles");
	assert_false(bt.months[2].have[EG_BRIDGE_DUTIES]);
	assert_false(bt.months[2].kpi.present);
	/* Totals in ten-thousandths: net 100 + 99.92 + 40; gross 90 + 100 + 50. */
	assert_true(bt.sums[EG_BRIDGE_NET] == 2399200);
	assert_true(bt.sums[EG_BRIDGE_GROSS] == 2400000);
	assert_true(bt.sums[EG_BRIDGE_OTHER] == 50000);
	/* March lacks kpis.csv's net revenue, so there is no kpis.csv total to show. */
	assert_false(bt.have_kpi_all);
	assert_true(bt.kpi_sum == 2000000);
	assert_int_equal(bt.bad_months, 2);
	assert_string_equal(bt.total_check, "2 months do not reconcile");
	eg_bridge_table_release(&bt);
	eg_bridge_table_release(&bt);
	eg_data_table_release(&t);
	eg_report_release(&rep);
}

static void test_every_month_reconciles(void **state)
{
	struct eg_report rep = { 0 };
	struct eg_data_table t = { 0 };
	struct eg_bridge_table bt;
	struct eg_error err;

	(void)state;
	put("kpis.csv", "month,metric,value,unit,note\n2026-03,net_revenue,40.00,USD,\n");
	/* A row whose month is no month keeps its label and has no kpis.csv value. */
	put("bridge.csv", "month,gross_sales,other,net_revenue\n"
			  "2026-03,50.00,0.00,40.00\n"
			  "unknown,1.00,,1.00\n");
	load(&rep, &t);
	assert_int_equal(eg_bridge_table_collect(&bt, &t, &rep, &err), EG_OK);
	assert_int_equal(bt.n, 2);
	assert_true(bt.months[0].ok && bt.months[1].ok);
	assert_false(bt.months[1].has_month);
	assert_string_equal(bt.months[1].label, "unknown");
	/* Columns bridge.csv lacks are absent, not zero. */
	assert_false(bt.months[0].have[EG_BRIDGE_SHIPPING]);
	assert_string_equal(bt.total_check, "every month reconciles");
	eg_bridge_table_release(&bt);
	eg_data_table_release(&t);
	eg_report_release(&rep);
}

TEST_MAIN(SCRATCH_TEST(test_months_reconcile_or_say_why),
	  SCRATCH_TEST(test_every_month_reconciles))
