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

/* What one test collects: kpis.csv's report, bridge.csv's table and the figures of both. */
struct bridge_run {
	struct eg_report rep;
	struct eg_data_table t;
	struct eg_bridge_table bt;
};

/* Writes kpis.csv and bridge.csv to scratch, loads them into b and collects b->bt. */
static void collect(struct bridge_run *b, const char *kpis, const char *bridge)
{
	struct eg_error err;

	put("kpis.csv", kpis);
	put("bridge.csv", bridge);
	assert_int_equal(eg_report_load(&b->rep, scratch_path("kpis.csv"), "2026-03", &err), EG_OK);
	assert_int_equal(eg_data_table_load(&b->t, scratch_path("bridge.csv"), NULL, NULL, &err),
			 EG_OK);
	assert_int_equal(eg_bridge_table_collect(&b->bt, &b->t, &b->rep, &err), EG_OK);
}

/* Releases what collect() loaded into b. */
static void release(struct bridge_run *b)
{
	eg_bridge_table_release(&b->bt);
	eg_data_table_release(&b->t);
	eg_report_release(&b->rep);
}

static void test_months_reconcile_or_say_why(void **state)
{
	/* kpis.csv's net revenue: 100.00 in January and February; March has none. */
	const char *kpis = "month,metric,value,unit,note\n"
			   "2026-01,net_revenue,100.00,USD,\n"
			   "2026-02,net_revenue,100.00,USD,\n"
			   "2026-03,orders,3,count,\n";
	struct bridge_run b = { 0 };

	(void)state;
	/*
	 * January: 90 + 5 + 5 other = 100 total, net 100: 5.00 unexplained.
	 * February: net 99.92 against kpis.csv's 100.00: differs by -0.08.
	 * March: no kpis.csv net revenue and no other: reconciles; duties absent.
	 */
	collect(&b, kpis,
		"month,gross_sales,discounts,shipping,tax,duties,other,total,refunds,"
		"net_revenue\n"
		"2026-01,90.00,0.00,5.00,0.00,0.00,5.00,100.00,0.00,100.00\n"
		"2026-02,100.00,0.08,0.00,0.00,0.00,0.00,99.92,0.00,99.92\n"
		"2026-03,50.00,0.00,0.00,0.00,,0.00,50.00,10.00,40.00\n");
	assert_int_equal(b.bt.n, 3);
	assert_true(b.bt.months[0].has_month);
	assert_false(b.bt.months[0].ok);
	assert_false(b.bt.months[0].net_differs);
	assert_string_equal(b.bt.months[0].check,
			    "does not reconcile: 5.00 in the totals unexplained");
	assert_false(b.bt.months[1].ok);
	assert_true(b.bt.months[1].net_differs);
	assert_string_equal(b.bt.months[1].check,
			    "does not reconcile: net revenue differs from kpis.csv by -0.08");
	assert_true(b.bt.months[2].ok);
	assert_string_equal(b.bt.months[2].check, "reconciles");
	assert_false(b.bt.months[2].have[EG_BRIDGE_DUTIES]);
	assert_false(b.bt.months[2].kpi.present);
	/* Totals in ten-thousandths: net 100 + 99.92 + 40; gross 90 + 100 + 50. */
	assert_true(b.bt.sums[EG_BRIDGE_NET] == 2399200);
	assert_true(b.bt.sums[EG_BRIDGE_GROSS] == 2400000);
	assert_true(b.bt.sums[EG_BRIDGE_OTHER] == 50000);
	/* March lacks kpis.csv's net revenue, so there is no kpis.csv total to show. */
	assert_false(b.bt.have_kpi_all);
	assert_true(b.bt.kpi_sum == 2000000);
	assert_int_equal(b.bt.bad_months, 2);
	assert_string_equal(b.bt.total_check, "2 months do not reconcile");
	/* Releasing twice is harmless. */
	eg_bridge_table_release(&b.bt);
	release(&b);
}

static void test_every_month_reconciles(void **state)
{
	struct bridge_run b = { 0 };

	(void)state;
	/* A row whose month is no month keeps its label and has no kpis.csv value. */
	collect(&b, "month,metric,value,unit,note\n2026-03,net_revenue,40.00,USD,\n",
		"month,gross_sales,other,net_revenue\n"
		"2026-03,50.00,0.00,40.00\n"
		"unknown,1.00,,1.00\n");
	assert_int_equal(b.bt.n, 2);
	assert_true(b.bt.months[0].ok && b.bt.months[1].ok);
	assert_false(b.bt.months[1].has_month);
	assert_string_equal(b.bt.months[1].label, "unknown");
	/* Columns bridge.csv lacks are absent, not zero. */
	assert_false(b.bt.months[0].have[EG_BRIDGE_SHIPPING]);
	assert_string_equal(b.bt.total_check, "every month reconciles");
	release(&b);
}

TEST_MAIN(SCRATCH_TEST(test_months_reconcile_or_say_why), SCRATCH_TEST(test_every_month_reconciles))
