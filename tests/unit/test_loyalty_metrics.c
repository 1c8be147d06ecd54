/*
 * test_loyalty_metrics.c - loyalty programme members and referrals per
 * month from loyalty.csv: members who joined by each month's end (those
 * without a join date, or joined before the grid, from the first month),
 * their referrals as the export counts them, joins after the grid left
 * out, months in the report timezone; an absent export leaves the cells
 * absent with its note; bad values are EG_EDATA at their line.
 *
 * loyalty.csv is written into a scratch folder. Cells are read as kpis.csv
 * writes them: "value,unit,note".
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
#include "engage/loyalty_metrics.h"
#include "engage/manifest.h"
#include "engage/timezone.h"

#define HEADER "customer_id,email,joined_at,referrals,status\n"

static struct eg_kpi_grid grid; /* January to March 2026 */

static int setup(void **state)
{
	*state = &grid;
	return kpi_scratch_setup(&grid, MON(2026, 1), MON(2026, 3));
}

/* Fills the grid's loyalty metrics from scratch; returns the status. */
static int fill(struct eg_error *err)
{
	return kpi_fill(eg_loyalty_metrics_fill, scratch, &grid, err);
}

/*
 * c1 joined before the grid (2 referrals), c2 has no join date (no
 * referrals given), c3 joined in January (1), c4 on 2026-03-31 23:00 UTC
 * (3), c5 after the grid (5). c6 is a guest and c7 excluded: not members,
 * their referrals not counted.
 */
static const char members[] = HEADER "c1,a@x.com,2025-06-01T10:00:00Z,2,member\n"
				     "c2,b@x.com,,,member\n"
				     "c3,c@x.com,2026-01-15T10:00:00Z,1,member\n"
				     "c4,d@x.com,2026-03-31T23:00:00Z,3,member\n"
				     "c5,e@x.com,2026-05-01T10:00:00Z,5,member\n"
				     "c6,f@x.com,,4,guest\n"
				     "c7,g@x.com,2025-06-01T10:00:00Z,4,excluded\n";

static void loyalty_members_by_join_month(void **state)
{
	struct eg_error err;

	(void)state;
	put("loyalty.csv", members);
	assert_int_equal(fill(&err), EG_OK);
	/* January: c1, c2, c3 with 2 + 0 + 1 referrals; February the same; March adds c4. */
	CELL(MON(2026, 1), EG_M_LOYALTY_MEMBERS, "3,count,");
	CELL(MON(2026, 1), EG_M_REFERRALS, "3,count,");
	CELL(MON(2026, 2), EG_M_LOYALTY_MEMBERS, "3,count,");
	CELL(MON(2026, 2), EG_M_REFERRALS, "3,count,");
	CELL(MON(2026, 3), EG_M_LOYALTY_MEMBERS, "4,count,");
	CELL(MON(2026, 3), EG_M_REFERRALS, "6,count,");
	/* participation needs the customers' orders: left to the order metrics */
	CELL(MON(2026, 1), EG_M_LOYALTY_PARTICIPATION, ",ratio,no loyalty programme export");
}

static void loyalty_join_months_are_the_report_timezones(void **state)
{
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_tz_select("Europe/Berlin", &err), EG_OK);
	put("loyalty.csv", members);
	assert_int_equal(fill(&err), EG_OK);
	/* c4's 2026-03-31 23:00 UTC is April 1 in Berlin: after the grid. */
	CELL(MON(2026, 3), EG_M_LOYALTY_MEMBERS, "3,count,");
	CELL(MON(2026, 3), EG_M_REFERRALS, "3,count,");
}

static void loyalty_without_the_export_stays_absent(void **state)
{
	struct eg_error err;

	(void)state;
	assert_int_equal(fill(&err), EG_OK);
	CELL(MON(2026, 1), EG_M_LOYALTY_MEMBERS, ",count,no loyalty programme export");
	CELL(MON(2026, 3), EG_M_REFERRALS, ",count,no loyalty programme export");
}

static void loyalty_bad_referrals_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("loyalty.csv", HEADER "c1,a@x.com,2025-06-01T10:00:00Z,2,member\n"
				  "c2,b@x.com,2025-06-01T10:00:00Z,two,member\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_non_null(strstr(err.file, "loyalty.csv"));
	assert_int_equal(err.line, 3);
}

static void loyalty_bad_join_date_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("loyalty.csv", HEADER "c1,a@x.com,last spring,2,member\n");
	assert_int_equal(fill(&err), EG_EDATA);
	assert_int_equal(err.line, 2);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, kpi_grid_teardown)
TEST_MAIN(T(loyalty_members_by_join_month), T(loyalty_join_months_are_the_report_timezones),
	  T(loyalty_without_the_export_stays_absent),
	  T(loyalty_bad_referrals_is_data_error_at_its_line),
	  T(loyalty_bad_join_date_is_data_error_at_its_line))
#undef T
