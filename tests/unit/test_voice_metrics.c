/*
 * test_voice_metrics.c - the voice-of-the-customer metrics: NPS bands and
 * score, CSAT's top two points of the response's scale, CES's mean and
 * high-effort share, tickets per 100 orders, and the median hours to solve
 * of the tickets solved in a month (odd and even counts); absent files and
 * empty months leave cells absent with their notes; bad values are
 * EG_EDATA at their line.
 *
 * responses.csv and tickets.csv are written into a scratch folder; the
 * orders the tickets are counted against are set in the grid by hand.
 * Cells are read as kpis.csv writes them: "value,unit,note". Months in UTC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

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
#include "engage/timezone.h"
#include "engage/voice_metrics.h"

#define RESPONSES "kind,score,scale_max,responded_at\n"
#define TICKETS	  "ticket_id,created_at,solved_at\n"

static struct eg_kpi_grid grid; /* January to March 2026 */

static int setup(void **state)
{
	*state = &grid;
	if (kpi_scratch_setup(&grid, MON(2026, 1), MON(2026, 3)))
		return -1;
	/* Orders: January 32, February none, March 5. */
	eg_kpi_set_int(&grid, MON(2026, 1), EG_M_ORDERS, 32);
	eg_kpi_set_int(&grid, MON(2026, 2), EG_M_ORDERS, 0);
	eg_kpi_set_int(&grid, MON(2026, 3), EG_M_ORDERS, 5);
	return 0;
}

/* Removes scratch/name. */
static void drop(const char *name)
{
	char path[1200];

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	assert_int_equal(unlink(path), 0);
}

/* Fills the grid's voice metrics from scratch; returns the status. */
static int fill(struct eg_error *err)
{
	return kpi_fill(eg_voice_metrics_fill, scratch, &grid, err);
}

/* An NPS response of score s on day d of month m of 2026. */
#define NPS(s, m, d) "nps," #s ",10,2026-" #m "-" #d "T12:00:00Z\n"

static void voice_nps_bands_and_score(void **state)
{
	struct eg_error err;

	(void)state;
	put("responses.csv", RESPONSES NPS(10, 01, 05) NPS(9, 01, 06) NPS(8, 01, 07) NPS(7, 01, 08)
				     NPS(3, 01, 09) NPS(6, 02, 01) NPS(0, 02, 02) NPS(9, 02, 03));
	assert_int_equal(fill(&err), EG_OK);
	/* January: 10 and 9 promote, 8 and 7 are passive, 3 detracts: (2 - 1) x 100 / 5 */
	CELL(MON(2026, 1), EG_M_NPS_PROMOTERS, "2,count,");
	CELL(MON(2026, 1), EG_M_NPS_PASSIVES, "2,count,");
	CELL(MON(2026, 1), EG_M_NPS_DETRACTORS, "1,count,");
	CELL(MON(2026, 1), EG_M_NPS_RESPONSES, "5,count,");
	CELL(MON(2026, 1), EG_M_NPS, "20.00,score,");
	/* February: 6 and 0 detract, 9 promotes: (1 - 2) x 100 / 3 = -33.33 */
	CELL(MON(2026, 2), EG_M_NPS_DETRACTORS, "2,count,");
	CELL(MON(2026, 2), EG_M_NPS_PASSIVES, "0,count,");
	CELL(MON(2026, 2), EG_M_NPS, "-33.33,score,");
	/* March: the file is there but has no NPS response in it */
	CELL(MON(2026, 3), EG_M_NPS_RESPONSES, "0,count,");
	CELL(MON(2026, 3), EG_M_NPS, ",score,no NPS responses in the month");
}

static void voice_csat_counts_the_top_two_points_of_each_scale(void **state)
{
	struct eg_error err;

	(void)state;
	put("responses.csv", RESPONSES "csat,5,5,2026-01-05T12:00:00Z\n"
				       "csat,4,5,2026-01-05T12:00:00Z\n"
				       "csat,3,5,2026-01-05T12:00:00Z\n"
				       "csat,5,,2026-01-05T12:00:00Z\n"
				       "csat,6,7,2026-01-05T12:00:00Z\n"
				       "csat,5,7,2026-01-05T12:00:00Z\n");
	assert_int_equal(fill(&err), EG_OK);
	/*
	 * Out of 5: 5 and 4 are top two, 3 is not; no scale_max means 5, so 5
	 * is; out of 7: 6 is, 5 is not. 4 of 6.
	 */
	CELL(MON(2026, 1), EG_M_CSAT_RESPONSES, "6,count,");
	CELL(MON(2026, 1), EG_M_CSAT, "0.666667,ratio,");
	CELL(MON(2026, 2), EG_M_CSAT, ",ratio,no CSAT responses in the month");
}

static void voice_ces_mean_and_high_effort_share(void **state)
{
	struct eg_error err;

	(void)state;
	put("responses.csv", RESPONSES "ces,7,7,2026-01-05T12:00:00Z\n"
				       "ces,6,7,2026-01-05T12:00:00Z\n"
				       "ces,4,7,2026-01-05T12:00:00Z\n"
				       "ces,2,7,2026-01-05T12:00:00Z\n"
				       "ces,3,7,2026-02-05T12:00:00Z\n"
				       "ces,4,7,2026-02-05T12:00:00Z\n");
	assert_int_equal(fill(&err), EG_OK);
	/* January: (7 + 6 + 4 + 2) / 4 = 4.75; 1 of 4 at 1-3 */
	CELL(MON(2026, 1), EG_M_CES_RESPONSES, "4,count,");
	CELL(MON(2026, 1), EG_M_CES, "4.75,score,");
	CELL(MON(2026, 1), EG_M_CES_HIGH_EFFORT_RATE, "0.250000,ratio,");
	/* February: 3 is high effort (the bottom three points), 4 is not: 3.50, 1 / 2 */
	CELL(MON(2026, 2), EG_M_CES, "3.50,score,");
	CELL(MON(2026, 2), EG_M_CES_HIGH_EFFORT_RATE, "0.500000,ratio,");
	CELL(MON(2026, 3), EG_M_CES, ",score,no CES responses in the month");
	CELL(MON(2026, 3), EG_M_CES_HIGH_EFFORT_RATE, ",ratio,no CES responses in the month");
}

/*
 * t1..t3 created and solved in January after 1, 3 and 10 hours; t4 created
 * 2026-01-31 22:00, solved 2026-02-01 00:00 (2 hours, solved in February);
 * t5 created and solved in February after 5 hours; t6 created in February,
 * still open.
 */
static const char tickets[] = TICKETS "t1,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z\n"
				      "t2,2026-01-10T00:00:00Z,2026-01-10T03:00:00Z\n"
				      "t3,2026-01-20T00:00:00Z,2026-01-20T10:00:00Z\n"
				      "t4,2026-01-31T22:00:00Z,2026-02-01T00:00:00Z\n"
				      "t5,2026-02-03T00:00:00Z,2026-02-03T05:00:00Z\n"
				      "t6,2026-02-04T00:00:00Z,\n";

static void voice_tickets_per_100_orders(void **state)
{
	struct eg_error err;

	(void)state;
	put("tickets.csv", tickets);
	assert_int_equal(fill(&err), EG_OK);
	/* January: t1..t4 created, 4 x 100 / 32 orders = 12.50 */
	CELL(MON(2026, 1), EG_M_TICKETS, "4,count,");
	CELL(MON(2026, 1), EG_M_TICKETS_PER_100_ORDERS, "12.50,tickets per 100 orders,");
	/* February: t5 and t6, but no orders */
	CELL(MON(2026, 2), EG_M_TICKETS, "2,count,");
	CELL(MON(2026, 2), EG_M_TICKETS_PER_100_ORDERS,
	     ",tickets per 100 orders,no orders in the month");
	/* March: no tickets, 5 orders */
	CELL(MON(2026, 3), EG_M_TICKETS, "0,count,");
	CELL(MON(2026, 3), EG_M_TICKETS_PER_100_ORDERS, "0.00,tickets per 100 orders,");
}

static void voice_median_resolution_of_odd_and_even_counts(void **state)
{
	struct eg_error err;

	(void)state;
	put("tickets.csv", tickets);
	assert_int_equal(fill(&err), EG_OK);
	/* January solved 1, 3, 10 hours: the middle one, 3 */
	CELL(MON(2026, 1), EG_M_MEDIAN_RESOLUTION_HOURS, "3.00,hours,");
	/* February solved t4 (2 h, created in January) and t5 (5 h): (2 + 5) / 2 */
	CELL(MON(2026, 2), EG_M_MEDIAN_RESOLUTION_HOURS, "3.50,hours,");
	CELL(MON(2026, 3), EG_M_MEDIAN_RESOLUTION_HOURS, ",hours,no tickets solved in the month");
}

static void voice_median_resolution_rounds_to_two_decimals(void **state)
{
	struct eg_error err;

	(void)state;
	/* 20 minutes and 1 minute: (1200 + 60) / 2 = 630 s = 0.175 h -> 0.18 */
	put("tickets.csv", TICKETS "t1,2026-01-05T10:00:00Z,2026-01-05T10:20:00Z\n"
				   "t2,2026-01-06T10:00:00Z,2026-01-06T10:01:00Z\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_MEDIAN_RESOLUTION_HOURS, "0.18,hours,");
}

static void voice_ticket_without_created_time_has_no_resolution_time(void **state)
{
	struct eg_error err;

	(void)state;
	/*
	 * t2 has a solved time but no created time: it has no time to solve, so
	 * January's median is t1's 1 hour alone (and t2 is created in no month).
	 */
	put("tickets.csv", TICKETS "t1,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z\n"
				   "t2,,2026-01-06T10:00:00Z\n");
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_TICKETS, "1,count,");
	CELL(MON(2026, 1), EG_M_MEDIAN_RESOLUTION_HOURS, "1.00,hours,");
}

static void voice_absent_files_leave_cells_absent_with_their_notes(void **state)
{
	struct eg_error err;

	(void)state;
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_NPS, ",score,no survey export");
	CELL(MON(2026, 1), EG_M_CSAT, ",ratio,no survey export");
	CELL(MON(2026, 1), EG_M_CES_RESPONSES, ",count,no survey export");
	CELL(MON(2026, 1), EG_M_TICKETS, ",count,no support tickets export");
	CELL(MON(2026, 1), EG_M_MEDIAN_RESOLUTION_HOURS, ",hours,no support tickets export");
	/* Only responses: the ticket metrics stay absent. */
	put("responses.csv", RESPONSES NPS(9, 01, 05));
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_NPS, "100.00,score,");
	CELL(MON(2026, 1), EG_M_TICKETS_PER_100_ORDERS,
	     ",tickets per 100 orders,no support "
	     "tickets export");
}

static void voice_bad_score_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("responses.csv", RESPONSES NPS(9, 01, 05) "nps,ten,10,2026-01-05T12:00:00Z\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_non_null(strstr(err.file, "responses.csv"));
	assert_int_equal(err.line, 3);
}

static void voice_bad_time_stamp_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("responses.csv", RESPONSES "nps,9,10,someday\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 2);
	drop("responses.csv");
	put("tickets.csv", TICKETS "t1,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z\n"
				   "t2,2026-01-05T10:00:00Z,later\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_non_null(strstr(err.file, "tickets.csv"));
	assert_int_equal(err.line, 3);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, kpi_grid_teardown)
TEST_MAIN(T(voice_nps_bands_and_score), T(voice_csat_counts_the_top_two_points_of_each_scale),
	  T(voice_ces_mean_and_high_effort_share), T(voice_tickets_per_100_orders),
	  T(voice_median_resolution_of_odd_and_even_counts),
	  T(voice_median_resolution_rounds_to_two_decimals),
	  T(voice_ticket_without_created_time_has_no_resolution_time),
	  T(voice_absent_files_leave_cells_absent_with_their_notes),
	  T(voice_bad_score_is_data_error_at_its_line),
	  T(voice_bad_time_stamp_is_data_error_at_its_line))
#undef T
