/*
 * test_web_metrics.c - the web and funnel metrics from the analytics
 * export's daily rows (sessions.csv): monthly sums, the rates of
 * stages/compute/METRICS.md, revenue per visitor from the net revenue already in the
 * grid, the conversion rate's fallback to orders when no purchases are
 * exported, and absent values with their notes (no export; no rows in a
 * month; a zero denominator).
 *
 * The order metrics the web metrics read (orders, net revenue) are set in
 * the grid by hand; sessions.csv is written into a scratch folder. Cells
 * are read as kpis.csv writes them: "value,unit,note".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_kpi_cell.h"

#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/csv_table.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/web_metrics.h"

#define HEADER                                                                                     \
	"date,channel,users,new_users,sessions,engaged_sessions,engagement_seconds,"               \
	"product_views,add_to_carts,checkouts,purchases\n"

static struct eg_kpi_grid grid; /* January to March 2026 */

static int setup(void **state)
{
	*state = &grid;
	if (kpi_scratch_setup(&grid, MON(2026, 1), MON(2026, 3)))
		return -1;
	/* January 40 orders, 1,000.00 net; February 10 orders; March 4 orders, 100.25 net. */
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_ORDERS, 40);
	eg_kpi_set_money(&grid, MON(2026, 1), EG_M_NET_REVENUE, CENTS(100000));
	eg_kpi_set_int(&grid, MON(2026, 2), EG_M_ORDERS, 10);
	eg_kpi_set_money(&grid, MON(2026, 2), EG_M_NET_REVENUE, CENTS(50000));
	eg_kpi_set_int(&grid, MON(2026, 3), EG_M_ORDERS, 4);
	eg_kpi_set_money(&grid, MON(2026, 3), EG_M_NET_REVENUE, CENTS(10025));
	return 0;
}

/* Fills the grid's web metrics from scratch; returns the status. */
static int fill(struct eg_error *err)
{
	return kpi_fill(eg_web_metrics_fill, scratch, &grid, err);
}

/* Two January days, a December day outside the grid, a March day without purchases. */
static const char shop[] = HEADER "2026-01-01,organic,100,60,150,90,6000,400,80,40,20\n"
				  "2026-01-02,paid,100,40,250,110,4000,600,120,60,30\n"
				  "2025-12-31,organic,999,999,999,999,999,999,999,999,999\n"
				  "2026-03-15,organic,50,50,100,0,0,20,10,5,\n";

static void web_metrics_sum_a_months_rows_into_the_rates(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", shop);
	assert_int_equal(fill(&err), EG_OK);
	/* January sums: users 200, new 100, sessions 400, engaged 200, 10,000 s, 1,000 views,
	 * 200 carts, 100 checkouts, 50 purchases. */
	CELL(MON(2026, 1), EG_M_SESSIONS, "400,count,");
	CELL(MON(2026, 1), EG_M_USERS, "200,count,");
	CELL(MON(2026, 1), EG_M_NEW_USERS, "100,count,");
	CELL(MON(2026, 1), EG_M_PRODUCT_VIEWS, "1000,count,");
	CELL(MON(2026, 1), EG_M_ADD_TO_CARTS, "200,count,");
	CELL(MON(2026, 1), EG_M_CHECKOUTS, "100,count,");
	CELL(MON(2026, 1), EG_M_PURCHASES, "50,count,");
	/* 50 / 400; 50 / 200 */
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE, "0.125000,ratio,");
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE_USERS, "0.250000,ratio,");
	/* 1 - 50 / 200 */
	CELL(MON(2026, 1), EG_M_CART_ABANDONMENT_RATE, "0.750000,ratio,");
	/* (200 - 100) / 200 */
	CELL(MON(2026, 1), EG_M_RETURNING_VISITOR_RATE, "0.500000,ratio,");
	/* 1,000.00 / 200 */
	CELL(MON(2026, 1), EG_M_REVENUE_PER_VISITOR, "5.00,EUR,");
	/* 10,000 / 200 */
	CELL(MON(2026, 1), EG_M_AVERAGE_ENGAGEMENT_TIME, "50.00,seconds per user,");
	/* 200 / 400 */
	CELL(MON(2026, 1), EG_M_ENGAGED_SESSION_RATE, "0.500000,ratio,");
}

static void web_metrics_month_without_rows_is_absent_with_its_note(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", shop);
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 2), EG_M_SESSIONS, ",count,no analytics rows in the month");
	CELL(MON(2026, 2), EG_M_PURCHASES, ",count,no analytics rows in the month");
	CELL(MON(2026, 2), EG_M_CONVERSION_RATE, ",ratio,no analytics rows in the month");
	CELL(MON(2026, 2), EG_M_REVENUE_PER_VISITOR, ",EUR,no analytics rows in the month");
	CELL(MON(2026, 2), EG_M_ENGAGED_SESSION_RATE, ",ratio,no analytics rows in the month");
	/* the order metrics are left as they were */
	CELL(MON(2026, 2), EG_M_ORDERS, "10,count,");
}

static void web_metrics_conversion_falls_back_to_orders_without_purchases(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", shop);
	assert_int_equal(fill(&err), EG_OK);
	/* March's purchases field is empty: no purchases, so the 4 orders convert. */
	CELL(MON(2026, 3), EG_M_PURCHASES, ",count,the analytics export has no purchases");
	CELL(MON(2026, 3), EG_M_CART_ABANDONMENT_RATE,
	     ",ratio,the analytics export has no purchases");
	/* 4 / 100 sessions; 4 / 50 users */
	CELL(MON(2026, 3), EG_M_CONVERSION_RATE, "0.040000,ratio,");
	CELL(MON(2026, 3), EG_M_CONVERSION_RATE_USERS, "0.080000,ratio,");
	/* all 50 users new */
	CELL(MON(2026, 3), EG_M_RETURNING_VISITOR_RATE, "0.000000,ratio,");
	CELL(MON(2026, 3), EG_M_AVERAGE_ENGAGEMENT_TIME, "0.00,seconds per user,");
	CELL(MON(2026, 3), EG_M_ENGAGED_SESSION_RATE, "0.000000,ratio,");
}

static void web_metrics_revenue_per_visitor_rounds_half_away_from_zero(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", shop);
	assert_int_equal(fill(&err), EG_OK);
	/* 100.25 / 50 = 2.005 -> 2.01 */
	CELL(MON(2026, 3), EG_M_REVENUE_PER_VISITOR, "2.01,EUR,");
}

static void web_metrics_zero_denominators_are_absent_with_their_notes(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", HEADER "2026-02-01,organic,0,0,0,0,0,0,0,0,0\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 2), EG_M_SESSIONS, "0,count,");
	CELL(MON(2026, 2), EG_M_CONVERSION_RATE, ",ratio,no sessions");
	CELL(MON(2026, 2), EG_M_CONVERSION_RATE_USERS, ",ratio,no users");
	CELL(MON(2026, 2), EG_M_CART_ABANDONMENT_RATE, ",ratio,no add-to-carts");
	CELL(MON(2026, 2), EG_M_RETURNING_VISITOR_RATE, ",ratio,no users");
	CELL(MON(2026, 2), EG_M_REVENUE_PER_VISITOR, ",EUR,no users");
	CELL(MON(2026, 2), EG_M_AVERAGE_ENGAGEMENT_TIME, ",seconds per user,no users");
	CELL(MON(2026, 2), EG_M_ENGAGED_SESSION_RATE, ",ratio,no sessions");
}

static void web_metrics_without_the_export_stay_absent(void **state)
{
	struct eg_error err;

	(void)state;
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS, ",count,no web analytics export");
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE, ",ratio,no web analytics export");
	CELL(MON(2026, 1), EG_M_REVENUE_PER_VISITOR, ",EUR,no web analytics export");
}

static void web_metrics_bad_date_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", HEADER "2026-01-01,organic,1,1,1,1,1,1,1,1,1\n"
				   "01/02/2026,organic,1,1,1,1,1,1,1,1,1\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.file, "sessions.csv"));
	put("sessions.csv", HEADER "Jan 1,organic,1,1,1,1,1,1,1,1,1\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 2);
}

static void web_metrics_count_that_is_not_whole_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", HEADER "2026-01-01,organic,1,1,1,1,1,1,1,1,1\n"
				   "2026-01-02,organic,1,1,1.5,1,1,1,1,1,1\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "sessions"));
}

static void web_metrics_sum_past_int64_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", HEADER "2026-01-01,organic,1,1,9223372036854775807,1,1,1,1,1,1\n"
				   "2026-01-02,organic,1,1,1,1,1,1,1,1,1\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "sessions"));
}

static void web_metrics_missing_column_is_data_error(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv", "date,users,new_users,sessions\n2026-01-01,1,1,1\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_non_null(strstr(err.message, "purchases"));
}

#define PERIODS                                                                                    \
	"date,channel,users,new_users,sessions,engaged_sessions,engagement_seconds,"               \
	"product_views,add_to_carts,checkouts,purchases,period,period_end,source\n"

static void web_metrics_split_a_week_across_months_by_its_days(void **state)
{
	struct eg_error err;

	(void)state;
	/* 2026-01-26..02-01: 6 days in January, 1 in February; 700 sessions -> 600 + 100. */
	put("sessions.csv", PERIODS "2026-01-26,,,,700,,,,,,,week,2026-02-01,shopify_sessions\n"
				    "2026-02-02,,,,70,,,,,,,week,2026-02-08,shopify_sessions\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS,
	     "600,count,source: shopify_sessions; estimated from weekly data");
	CELL(MON(2026, 2), EG_M_SESSIONS,
	     "170,count,source: shopify_sessions; estimated from weekly data");
}

static void web_metrics_split_shares_add_up_to_the_week(void **state)
{
	struct eg_error err;

	(void)state;
	/* 10 over 3 + 4 days: 4.29 rounds to 4, so February gets 6, never 10 +- 1. */
	put("sessions.csv", PERIODS "2026-01-29,,,,10,,,,,,,week,2026-02-04,ga4_sessions\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS,
	     "4,count,source: ga4_sessions; estimated from weekly data");
	CELL(MON(2026, 2), EG_M_SESSIONS,
	     "6,count,source: ga4_sessions; estimated from weekly data");
}

static void web_metrics_day_and_month_rows_go_to_their_month_exactly(void **state)
{
	struct eg_error err;

	(void)state;
	put("sessions.csv",
	    PERIODS "2026-01-01,,,,3100,,,,250,110,60,month,2026-01-31,shopify_behavior\n"
		    "2026-01-31,,,,5,,,,,,,day,2026-01-31,shopify_behavior\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS, "3105,count,source: shopify_behavior");
	CELL(MON(2026, 1), EG_M_PURCHASES, "60,count,source: shopify_behavior");
	CELL(MON(2026, 2), EG_M_SESSIONS, ",count,no analytics rows in the month");
}

static void web_metrics_take_each_measure_from_the_preferred_source(void **state)
{
	struct eg_error err;

	(void)state;
	/* Shopify's funnel and GA4's daily rows for January: never added up. */
	put("sessions.csv", PERIODS
	    "2026-01-01,,,,3000,,,,240,100,60,month,2026-01-31,shopify_behavior\n"
	    "2026-01-05,Direct,800,500,1000,600,40000,900,90,30,20,day,2026-01-05,ga4_sessions\n"
	    "2026-01-06,Email,200,100,500,300,10000,400,10,5,2,day,2026-01-06,ga4_sessions\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS, "3000,count,source: shopify_behavior");
	CELL(MON(2026, 1), EG_M_PURCHASES, "60,count,source: shopify_behavior");
	/* Shopify's behavior report has no users: GA4's are taken, and named. */
	CELL(MON(2026, 1), EG_M_USERS, "1000,count,source: ga4_sessions");
	/* 60 / 3000, both from Shopify */
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE, "0.020000,ratio,source: shopify_behavior");
	/* the funnel's purchases per visitor: 60 / 1,000, naming both */
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE_USERS,
	     "0.060000,ratio,\"source: shopify_behavior, ga4_sessions\"");
	/* the funnel is Shopify's: GA4's product views are not set against Shopify's sessions */
	CELL(MON(2026, 1), EG_M_PRODUCT_VIEWS, ",count,shopify_behavior gives no product views");
	CELL(MON(2026, 1), EG_M_ENGAGED_SESSION_RATE,
	     ",ratio,shopify_behavior gives no engaged sessions");
	/* the visitors are GA4's: (1,000 - 600) / 1,000 */
	CELL(MON(2026, 1), EG_M_RETURNING_VISITOR_RATE, "0.400000,ratio,source: ga4_sessions");
}

static void web_metrics_funnel_comes_from_a_source_with_its_steps(void **state)
{
	struct eg_error err;

	(void)state;
	/* Shopify's weekly sessions have no funnel steps; GA4's daily rows do. */
	put("sessions.csv", PERIODS
	    "2026-01-05,,,,5000,,,,,,,week,2026-01-11,shopify_sessions\n"
	    "2026-01-05,Direct,800,500,1000,600,40000,900,90,30,20,day,2026-01-05,ga4_sessions\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS, "1000,count,source: ga4_sessions");
	CELL(MON(2026, 1), EG_M_ADD_TO_CARTS, "90,count,source: ga4_sessions");
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE, "0.020000,ratio,source: ga4_sessions");
	/* alone, the weekly sessions are the funnel's, and orders convert (40 in January) */
	put("sessions.csv", PERIODS "2026-01-05,,,,5000,,,,,,,week,2026-01-11,shopify_sessions\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_SESSIONS, "5000,count,source: shopify_sessions");
	CELL(MON(2026, 1), EG_M_ADD_TO_CARTS, ",count,shopify_sessions gives no add-to-carts");
	CELL(MON(2026, 1), EG_M_CONVERSION_RATE, "0.008000,ratio,source: shopify_sessions");
}

static void web_metrics_range_total_across_months_is_not_spread(void **state)
{
	struct eg_manifest *m = eg_manifest_new("compute");
	struct eg_error err;
	char path[600], text[4096];
	size_t len;
	FILE *fp;

	(void)state;
	assert_non_null(m);
	put("sessions.csv", PERIODS "2026-01-01,Direct,954,880,,,,,,,,range,2026-03-31,ga4_users\n"
				    "2026-02-01,Direct,40,30,,,,,,,,range,2026-02-28,ga4_users\n");
	assert_int_equal(eg_web_metrics_fill(scratch, &grid, m, &err), EG_OK);
	/* the three-month total is in no month; February's own range is February's */
	CELL(MON(2026, 1), EG_M_USERS, ",count,no analytics rows in the month");
	CELL(MON(2026, 2), EG_M_USERS, "40,count,source: ga4_users");
	CELL(MON(2026, 3), EG_M_USERS, ",count,no analytics rows in the month");
	/* it is kept, with its range, in the manifest */
	snprintf(path, sizeof(path), "%s/compute.manifest.csv", scratch);
	assert_int_equal(eg_manifest_write(m, path, &err), EG_OK);
	fp = fopen(path, "r");
	assert_non_null(fp);
	len = fread(text, 1, sizeof(text) - 1, fp);
	text[len] = '\0';
	fclose(fp);
	assert_non_null(strstr(text, "web range total ga4_users 2026-01-01..2026-03-31,users,954"));
	assert_non_null(
		strstr(text, "web range total ga4_users 2026-01-01..2026-03-31,new_users,880"));
	eg_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, kpi_grid_teardown)
		T(web_metrics_sum_a_months_rows_into_the_rates),
		T(web_metrics_month_without_rows_is_absent_with_its_note),
		T(web_metrics_conversion_falls_back_to_orders_without_purchases),
		T(web_metrics_revenue_per_visitor_rounds_half_away_from_zero),
		T(web_metrics_zero_denominators_are_absent_with_their_notes),
		T(web_metrics_without_the_export_stay_absent),
		T(web_metrics_bad_date_is_data_error_at_its_line),
		T(web_metrics_count_that_is_not_whole_is_data_error_at_its_line),
		T(web_metrics_sum_past_int64_is_data_error_at_its_line),
		T(web_metrics_missing_column_is_data_error),
		T(web_metrics_split_a_week_across_months_by_its_days),
		T(web_metrics_split_shares_add_up_to_the_week),
		T(web_metrics_day_and_month_rows_go_to_their_month_exactly),
		T(web_metrics_take_each_measure_from_the_preferred_source),
		T(web_metrics_funnel_comes_from_a_source_with_its_steps),
		T(web_metrics_range_total_across_months_is_not_spread),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
