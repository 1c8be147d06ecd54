/*
 * test_spend_metrics.c - marketing spend, CAC and ROAS from spend.csv:
 * monthly sums over platforms, a week split across months, a reporting
 * range over several months left out and counted, the order metrics they
 * divide (new customers, net revenue) set in the grid by hand, and absent
 * values with their notes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_kpi_cell.h"

#include "test_scratch.h"
#include "test_stage_table.h"

#include <stdlib.h>
#include <string.h>

#include "engage/kpis.h"
#include "engage/spend_metrics.h"

#define HEADER "date,period,period_end,channel,amount,source\n"

static struct eg_kpi_grid grid; /* January to March 2026 */

static int setup(void **state)
{
	*state = &grid;
	if (kpi_scratch_setup(&grid, MON(2026, 1), MON(2026, 3)))
		return -1;
	/* January 3 new customers, 1,000.00 net; February none new; March 2 new, 0.00 net. */
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NEW_CUSTOMERS, 3);
	eg_kpi_set_money(&grid, MON(2026, 1), EG_M_NET_REVENUE, CENTS(100000));
	eg_kpi_set_int(&grid, MON(2026, 2), EG_M_NEW_CUSTOMERS, 0);
	eg_kpi_set_money(&grid, MON(2026, 2), EG_M_NET_REVENUE, CENTS(50000));
	eg_kpi_set_int(&grid, MON(2026, 3), EG_M_NEW_CUSTOMERS, 2);
	eg_kpi_set_money(&grid, MON(2026, 3), EG_M_NET_REVENUE, 0);
	return 0;
}

static int fill(struct eg_error *err)
{
	return kpi_fill(eg_spend_metrics_fill, scratch, &grid, err);
}

static void spend_sums_platforms_into_cac_and_roas(void **state)
{
	struct eg_error err;

	(void)state;
	put("spend.csv", HEADER "2026-01-01,range,2026-01-31,meta,200.00,meta_ads\n"
				"2026-01-15,day,2026-01-15,awin,50.00,awin_transactions\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_MARKETING_SPEND,
	     "250.00,EUR,\"source: meta_ads, awin_transactions\"");
	/* 250.00 / 3 = 83.333 -> 83.33 */
	CELL(MON(2026, 1), EG_M_CAC, "83.33,EUR,\"source: meta_ads, awin_transactions\"");
	/* 1,000.00 / 250.00 */
	CELL(MON(2026, 1), EG_M_ROAS,
	     "4.00,revenue per unit of spend,\"source: meta_ads, awin_transactions\"");
}

static void spend_week_across_months_is_split_and_marked(void **state)
{
	struct eg_error err;

	(void)state;
	/* Jan 29 - Feb 4: 3 days of January, 4 of February */
	put("spend.csv", HEADER "2026-01-29,week,2026-02-04,meta,70.00,meta_ads\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_MARKETING_SPEND,
	     "30.00,EUR,source: meta_ads; estimated from weekly data");
	CELL(MON(2026, 2), EG_M_MARKETING_SPEND,
	     "40.00,EUR,source: meta_ads; estimated from weekly data");
	/* no new customers in February: no CAC */
	CELL(MON(2026, 2), EG_M_CAC, ",EUR,no new customers");
}

static void spend_range_over_months_is_not_spread(void **state)
{
	struct eg_error err;

	(void)state;
	put("spend.csv", HEADER "2026-01-01,range,2026-03-31,meta,900.00,meta_ads\n"
				"2026-03-02,day,2026-03-02,meta,10.00,meta_ads\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_MARKETING_SPEND, ",EUR,no ad spend in the month");
	CELL(MON(2026, 3), EG_M_MARKETING_SPEND, "10.00,EUR,source: meta_ads");
	/* 10.00 / 2 */
	CELL(MON(2026, 3), EG_M_CAC, "5.00,EUR,source: meta_ads");
	/* no net revenue in March: 0.00 / 10.00 */
	CELL(MON(2026, 3), EG_M_ROAS, "0.00,revenue per unit of spend,source: meta_ads");
}

static void spend_without_the_export_stays_absent(void **state)
{
	struct eg_error err;

	(void)state;
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_MARKETING_SPEND, ",EUR,no ad spend export");
	CELL(MON(2026, 1), EG_M_CAC, ",EUR,no ad spend export");
	CELL(MON(2026, 1), EG_M_ROAS, ",revenue per unit of spend,no ad spend export");
}

static void spend_bad_amount_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("spend.csv", HEADER "2026-01-01,day,2026-01-01,meta,1.00,meta_ads\n"
				"2026-01-02,day,2026-01-02,meta,lots,meta_ads\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "amount"));
}

static int write_campaigns(void *ctx, struct eg_manifest *m, struct eg_table_output *out,
			   struct eg_error *err)
{
	return eg_spend_campaigns_write(scratch, *(const int64_t *)ctx, m, out, err);
}

/* Writes spend_by_campaign.csv of month over scratch; the status. */
static int campaigns(int64_t month, struct eg_error *err)
{
	return stage_table_write("spend_by_campaign.csv", eg_spend_campaign_columns,
				 write_campaigns, &month, err);
}

/* A week of 700.00, 70 impressions and 7 purchases over 26 February to 4 March: March has
 * 4 of its 7 days; a campaign's two March rows add up; a range over months is left out. */
static void campaigns_of_the_month_with_weeks_split(void **state)
{
	struct eg_error err;
	char *text;

	(void)state;
	put("spend.csv",
	    "date,period,period_end,channel,campaign,amount,impressions,purchases,source\n"
	    "2026-02-26,week,2026-03-04,meta,Launch,700.00,70,7,meta_ads\n"
	    "2026-03-10,day,2026-03-10,meta,Launch,10.00,5,1,meta_ads\n"
	    "2026-03-10,day,2026-03-10,meta,Brand,2.50,100,,meta_ads\n"
	    "2026-01-15,range,2026-03-14,meta,Teaser,90.00,9,9,meta_ads\n"
	    "2026-02-10,day,2026-02-10,meta,Old,5.00,1,1,meta_ads\n");
	assert_int_equal(campaigns(MON(2026, 3), &err), EG_OK);
	text = scratch_read("spend_by_campaign.csv");
	assert_string_equal(text, "month,channel,campaign,spend,impressions,purchases,estimated\n"
				  "2026-03,meta,Launch,410.00,45,5,true\n"
				  "2026-03,meta,Brand,2.50,100,0,false\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, kpi_grid_teardown)
		T(spend_sums_platforms_into_cac_and_roas),
		T(spend_week_across_months_is_split_and_marked),
		T(spend_range_over_months_is_not_spread),
		T(spend_without_the_export_stays_absent),
		T(spend_bad_amount_is_data_error_at_its_line),
		T(campaigns_of_the_month_with_weeks_split),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
