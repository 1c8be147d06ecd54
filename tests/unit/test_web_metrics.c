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

#define MON(y, m) ((int64_t)(y)*12 + (m)-1)
#define CENTS(x)  ((int64_t)(x)*100)
#define HEADER                                                                                     \
	"date,channel,users,new_users,sessions,engaged_sessions,engagement_seconds,"               \
	"product_views,add_to_carts,checkouts,purchases\n"

static struct eg_kpi_grid grid; /* January to March 2026 */

static int setup(void **state)
{
	struct eg_error err;

	(void)state;
	if (scratch_make("test_web_metrics"))
		return -1;
	if (eg_kpi_grid_init(&grid, MON(2026, 1), MON(2026, 3), &err) != EG_OK)
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

static int teardown(void **state)
{
	(void)state;
	eg_kpi_grid_release(&grid);
	return scratch_remove();
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
	/* March's purchases field is empty: 0 purchases, so the 4 orders convert. */
	CELL(MON(2026, 3), EG_M_PURCHASES, "0,count,");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
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
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
