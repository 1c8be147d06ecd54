/*
 * test_grid_views.c - the tables read off the KPI grid: funnel.csv (each
 * step's count, share of the step before and of sessions, for months with
 * analytics rows only), journey.csv (the five engagement stages with their
 * three measures each) and voice.csv (surveys and tickets); absent values
 * are empty with their note, as in kpis.csv.
 *
 * Grid cells are set by hand; each table is written into a scratch folder
 * and compared whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/grid_views.h"
#include "engage/kpis.h"
#include "engage/table_output.h"

#include "test_scratch.h"

#define MON(y, m) ((int64_t)(y)*12 + (m)-1)

static struct eg_kpi_grid grid; /* filled by each test */

static int teardown(void **state)
{
	eg_kpi_grid_release(&grid);
	return scratch_teardown(state);
}

/* Sets the five funnel steps of month m. */
static void steps(int64_t m, int64_t sessions, int64_t views, int64_t carts, int64_t checkouts,
		  int64_t purchases)
{
	eg_kpi_set_int(&grid, m, EG_M_SESSIONS, sessions);
	eg_kpi_set_int(&grid, m, EG_M_PRODUCT_VIEWS, views);
	eg_kpi_set_int(&grid, m, EG_M_ADD_TO_CARTS, carts);
	eg_kpi_set_int(&grid, m, EG_M_CHECKOUTS, checkouts);
	eg_kpi_set_int(&grid, m, EG_M_PURCHASES, purchases);
}

static void funnel_shares_of_the_step_before_and_of_sessions(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_kpi_grid_init(&grid, MON(2026, 1), MON(2026, 3), &err), EG_OK);
	steps(MON(2026, 1), 400, 1000, 200, 100, 50);
	/* February: no analytics rows (sessions absent), so no funnel rows. */
	eg_kpi_set_fraction(&grid, MON(2026, 2), EG_M_SESSIONS, 0, 0,
			    "no analytics rows in the month");
	/* March: sessions but nothing viewed: shares of a 0 step are empty. */
	steps(MON(2026, 3), 10, 0, 0, 0, 0);
	table_open(&out, "funnel.csv", eg_funnel_columns);
	eg_funnel_write(&grid, &out);
	table_commit(&out);
	/*
	 * January: views 1000 / 400 = 2.5 of sessions; carts 200 / 1000 = 0.2
	 * of views, 200 / 400 = 0.5 of sessions; checkouts 100 / 200, 100 / 400;
	 * purchases 50 / 100, 50 / 400.
	 */
	file_is("funnel.csv", "month,step,count,share_of_previous,share_of_sessions\n"
			      "2026-01,sessions,400,1.000000,1.000000\n"
			      "2026-01,product_views,1000,2.500000,2.500000\n"
			      "2026-01,add_to_carts,200,0.200000,0.500000\n"
			      "2026-01,checkouts,100,0.500000,0.250000\n"
			      "2026-01,purchases,50,0.500000,0.125000\n"
			      "2026-03,sessions,10,1.000000,1.000000\n"
			      "2026-03,product_views,0,0.000000,0.000000\n"
			      "2026-03,add_to_carts,0,,0.000000\n"
			      "2026-03,checkouts,0,,0.000000\n"
			      "2026-03,purchases,0,,0.000000\n");
}

static void funnel_is_empty_without_the_analytics_export(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_kpi_grid_init(&grid, MON(2026, 1), MON(2026, 2), &err), EG_OK);
	table_open(&out, "funnel.csv", eg_funnel_columns);
	eg_funnel_write(&grid, &out);
	assert_int_equal(out.rows, 0);
	table_commit(&out);
	file_is("funnel.csv", "month,step,count,share_of_previous,share_of_sessions\n");
}

static void journey_lists_five_stages_with_absent_sources_noted(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_kpi_grid_init(&grid, MON(2026, 1), MON(2026, 1), &err), EG_OK);
	/* Web and orders present; no email, survey or referral figures. */
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_USERS, 200);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NEW_USERS, 100);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_PRODUCT_VIEWS, 1000);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_ADD_TO_CARTS, 200);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_PURCHASES, 50);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NEW_CUSTOMERS, 2);
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_CONVERSION_RATE, 50, 400, "no sessions");
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_RETURNING_CUSTOMERS, 1);
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_REPEAT_PURCHASE_RATE, 1, 3, "");
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_CHURN_RATE, 0, 0,
			    "no customers in the window before the month");
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_LOYALTY_MEMBERS, 7);
	table_open(&out, "journey.csv", eg_journey_columns);
	eg_journey_write(&grid, "EUR", &out);
	assert_int_equal(out.rows, 15);
	table_commit(&out);
	file_is("journey.csv",
		"month,stage,measure,value,unit,note\n"
		"2026-01,awareness,users,200,count,\n"
		"2026-01,awareness,new_users,100,count,\n"
		"2026-01,awareness,emails_delivered,,count,no email activity export\n"
		"2026-01,consideration,product_views,1000,count,\n"
		"2026-01,consideration,add_to_carts,200,count,\n"
		"2026-01,consideration,email_clicks,,count,no email activity export\n"
		"2026-01,conversion,purchases,50,count,\n"
		"2026-01,conversion,new_customers,2,count,\n"
		"2026-01,conversion,conversion_rate,0.125000,ratio,\n"
		"2026-01,retention,returning_customers,1,count,\n"
		"2026-01,retention,repeat_purchase_rate,0.333333,ratio,\n"
		"2026-01,retention,churn_rate,,ratio,no customers in the window before the month\n"
		"2026-01,advocacy,nps_promoters,,count,no survey export\n"
		"2026-01,advocacy,loyalty_members,7,count,\n"
		"2026-01,advocacy,referrals,,count,no loyalty programme export\n");
}

static void voice_lists_surveys_and_tickets_with_absent_sources_noted(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_kpi_grid_init(&grid, MON(2026, 1), MON(2026, 1), &err), EG_OK);
	/* NPS of 2 promoters, 2 passives, 1 detractor; tickets; no CSAT or CES. */
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_NPS, 100, 5, "");
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NPS_PROMOTERS, 2);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NPS_PASSIVES, 2);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NPS_DETRACTORS, 1);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_NPS_RESPONSES, 5);
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_TICKETS, 4);
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_TICKETS_PER_100_ORDERS, 400, 32, "");
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_MEDIAN_RESOLUTION_HOURS, 10800, 3600, "");
	table_open(&out, "voice.csv", eg_voice_columns);
	eg_voice_write(&grid, &out);
	table_commit(&out);
	file_is("voice.csv", "month,measure,value,unit,note\n"
			     "2026-01,nps,20.00,score,\n"
			     "2026-01,promoters,2,count,\n"
			     "2026-01,passives,2,count,\n"
			     "2026-01,detractors,1,count,\n"
			     "2026-01,nps_responses,5,count,\n"
			     "2026-01,csat,,ratio,no survey export\n"
			     "2026-01,csat_responses,,count,no survey export\n"
			     "2026-01,ces,,score,no survey export\n"
			     "2026-01,ces_high_effort_rate,,ratio,no survey export\n"
			     "2026-01,ces_responses,,count,no survey export\n"
			     "2026-01,tickets,4,count,\n"
			     "2026-01,tickets_per_100_orders,12.50,tickets per 100 orders,\n"
			     "2026-01,median_resolution_hours,3.00,hours,\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, teardown)
		T(funnel_shares_of_the_step_before_and_of_sessions),
		T(funnel_is_empty_without_the_analytics_export),
		T(journey_lists_five_stages_with_absent_sources_noted),
		T(voice_lists_surveys_and_tickets_with_absent_sources_noted),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
