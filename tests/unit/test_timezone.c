/*
 * test_timezone.c - the report timezone: local day and month of UTC times in
 * America/New_York around the 2026 switches to and from daylight saving time
 * and a month boundary, in Europe/Berlin, and in UTC; unknown zones rejected.
 *
 * Expected values were computed with python3: epochs as
 *   int(datetime.fromisoformat("2026-03-08T05:00:00+00:00").timestamp()),
 * day counts as (date(y, m, d) - date(1970, 1, 1)).days, months as
 * year * 12 + month - 1. Each test selects its zone first, so the order in
 * which cmocka runs them does not matter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "engage/timezone.h"

#define DAY_2026_01_31 INT64_C(20484)
#define DAY_2026_02_01 INT64_C(20485)
#define DAY_2026_03_07 INT64_C(20519)
#define DAY_2026_03_08 INT64_C(20520)
#define DAY_2026_03_09 INT64_C(20521)
#define DAY_2026_03_28 INT64_C(20540)
#define DAY_2026_03_29 INT64_C(20541)
#define DAY_2026_03_30 INT64_C(20542)
#define DAY_2026_10_31 INT64_C(20757)
#define DAY_2026_11_01 INT64_C(20758)
#define DAY_2026_12_31 INT64_C(20818)
#define DAY_2027_01_01 INT64_C(20819)

#define MONTH(y, m) ((int64_t)(y)*12 + (m)-1)

static void select_zone(const char *name)
{
	struct eg_error err;

	eg_error_clear(&err);
	if (eg_tz_select(name, &err) != EG_OK)
		fail_msg("cannot select '%s': %s", name, err.message);
}

static void tz_new_york_february_first_early_utc_is_still_january(void **state)
{
	(void)state;
	select_zone("America/New_York");
	/* 2026-02-01T02:30:00Z = 2026-01-31 21:30 EST */
	assert_true(eg_tz_local_month(INT64_C(1769913000)) == MONTH(2026, 1));
	assert_true(eg_tz_local_day(INT64_C(1769913000)) == DAY_2026_01_31);
	/* 2026-02-01T05:00:00Z = 2026-02-01 00:00 EST */
	assert_true(eg_tz_local_month(INT64_C(1769922000)) == MONTH(2026, 2));
	assert_true(eg_tz_local_day(INT64_C(1769922000)) == DAY_2026_02_01);
	/* 2026-02-01T04:59:59Z = 2026-01-31 23:59:59 EST */
	assert_true(eg_tz_local_month(INT64_C(1769921999)) == MONTH(2026, 1));
}

static void tz_new_york_midnight_moves_at_spring_switch(void **state)
{
	(void)state;
	select_zone("America/New_York");
	/* Before the switch (EST, -5): local midnight of March 8 is 05:00Z. */
	assert_true(eg_tz_local_day(INT64_C(1772945999)) == DAY_2026_03_07); /* 03-08T04:59:59Z */
	assert_true(eg_tz_local_day(INT64_C(1772946000)) == DAY_2026_03_08); /* 03-08T05:00:00Z */
	/* The switch, 2026-03-08 02:00 EST = 07:00Z, stays on March 8. */
	assert_true(eg_tz_local_day(INT64_C(1772953199)) == DAY_2026_03_08); /* 03-08T06:59:59Z */
	assert_true(eg_tz_local_day(INT64_C(1772953200)) == DAY_2026_03_08); /* 03-08T07:00:00Z */
	/* After it (EDT, -4): local midnight of March 9 is 04:00Z, not 05:00Z. */
	assert_true(eg_tz_local_day(INT64_C(1773028799)) == DAY_2026_03_08); /* 03-09T03:59:59Z */
	assert_true(eg_tz_local_day(INT64_C(1773028800)) == DAY_2026_03_09); /* 03-09T04:00:00Z */
	assert_true(eg_tz_local_month(INT64_C(1773028800)) == MONTH(2026, 3));
}

static void tz_new_york_october_ends_at_0400_utc_in_daylight_time(void **state)
{
	(void)state;
	select_zone("America/New_York");
	/* 2026-10-31T23:30:00Z = 19:30 EDT on October 31 */
	assert_true(eg_tz_local_day(INT64_C(1793489400)) == DAY_2026_10_31);
	assert_true(eg_tz_local_month(INT64_C(1793489400)) == MONTH(2026, 10));
	/* 2026-11-01T03:59:59Z = 23:59:59 EDT on October 31 */
	assert_true(eg_tz_local_day(INT64_C(1793505599)) == DAY_2026_10_31);
	assert_true(eg_tz_local_month(INT64_C(1793505599)) == MONTH(2026, 10));
	/* 2026-11-01T04:00:00Z = 00:00 EDT on November 1 */
	assert_true(eg_tz_local_day(INT64_C(1793505600)) == DAY_2026_11_01);
	assert_true(eg_tz_local_month(INT64_C(1793505600)) == MONTH(2026, 11));
	/* 2026-11-01T05:30:00Z = 01:30 EDT, then EST from 06:00Z: still November 1 */
	assert_true(eg_tz_local_day(INT64_C(1793511000)) == DAY_2026_11_01);
}

static void tz_berlin_day_around_spring_switch(void **state)
{
	(void)state;
	select_zone("Europe/Berlin");
	/* CET (+1): 2026-03-28T22:59:59Z = 23:59:59 on March 28 */
	assert_true(eg_tz_local_day(INT64_C(1774738799)) == DAY_2026_03_28);
	assert_true(eg_tz_local_day(INT64_C(1774738800)) == DAY_2026_03_29); /* 03-28T23:00Z */
	/* The switch, 2026-03-29T01:00:00Z. */
	assert_true(eg_tz_local_day(INT64_C(1774745999)) == DAY_2026_03_29);
	assert_true(eg_tz_local_day(INT64_C(1774746000)) == DAY_2026_03_29);
	/* CEST (+2): March 30 starts at 22:00Z on the 29th. */
	assert_true(eg_tz_local_day(INT64_C(1774821599)) == DAY_2026_03_29); /* 03-29T21:59:59Z */
	assert_true(eg_tz_local_day(INT64_C(1774821600)) == DAY_2026_03_30); /* 03-29T22:00:00Z */
}

static void tz_berlin_month_and_year_boundaries(void **state)
{
	(void)state;
	select_zone("Europe/Berlin");
	/* 2026-04-30T22:30:00Z = 2026-05-01 00:30 CEST */
	assert_true(eg_tz_local_month(INT64_C(1777588200)) == MONTH(2026, 5));
	/* 2026-12-31T23:30:00Z = 2027-01-01 00:30 CET */
	assert_true(eg_tz_local_month(INT64_C(1798759800)) == MONTH(2027, 1));
	assert_true(eg_tz_local_day(INT64_C(1798759800)) == DAY_2027_01_01);
	/* 2026-02-01T02:30:00Z = 2026-02-01 03:30 CET */
	assert_true(eg_tz_local_month(INT64_C(1769913000)) == MONTH(2026, 2));
}

static void tz_utc_day_and_month_are_the_utc_ones(void **state)
{
	(void)state;
	select_zone("UTC");
	assert_true(eg_tz_local_day(INT64_C(1798759800)) == DAY_2026_12_31);
	assert_true(eg_tz_local_month(INT64_C(1798759800)) == MONTH(2026, 12));
	assert_true(eg_tz_local_day(INT64_C(1769913000)) == DAY_2026_02_01);
	assert_true(eg_tz_local_month(INT64_C(1769913000)) == MONTH(2026, 2));
	assert_true(eg_tz_local_day(0) == 0);
	assert_true(eg_tz_local_day(-1) == -1);
	assert_true(eg_tz_local_month(-1) == MONTH(1969, 12));
}

static void tz_switching_zones_takes_effect(void **state)
{
	(void)state;
	select_zone("America/New_York");
	assert_true(eg_tz_local_month(INT64_C(1769913000)) == MONTH(2026, 1));
	select_zone("UTC");
	assert_true(eg_tz_local_month(INT64_C(1769913000)) == MONTH(2026, 2));
	select_zone("America/New_York");
	assert_true(eg_tz_local_month(INT64_C(1769913000)) == MONTH(2026, 1));
}

static void expect_unknown(const char *name)
{
	struct eg_error err;
	int rc;

	eg_error_clear(&err);
	rc = eg_tz_select(name, &err);
	if (rc != EG_EUSAGE)
		print_error("zone '%s' gave status %d\n", name, rc);
	assert_int_equal(rc, EG_EUSAGE);
	assert_int_equal(err.status, EG_EUSAGE);
	assert_non_null(strstr(err.message, name));
}

static void tz_rejects_unknown_zone_name(void **state)
{
	(void)state;
	expect_unknown("Mars/Olympus_Mons");
	expect_unknown("Europe/Berlinn");
	expect_unknown("");
	expect_unknown("../../etc/passwd");
	expect_unknown("/etc/passwd");
}

static void tz_rejects_folder_of_the_tz_database(void **state)
{
	(void)state;
	/* A folder exists under the zoneinfo root but is no zone: glibc would fall back to UTC. */
	expect_unknown("America");
	expect_unknown("Europe");
}

static void tz_rejects_data_file_of_the_tz_database(void **state)
{
	(void)state;
	/* zone.tab is a readable table, not a zone: glibc would fall back to UTC. */
	expect_unknown("zone.tab");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tz_new_york_february_first_early_utc_is_still_january),
		cmocka_unit_test(tz_new_york_midnight_moves_at_spring_switch),
		cmocka_unit_test(tz_new_york_october_ends_at_0400_utc_in_daylight_time),
		cmocka_unit_test(tz_berlin_day_around_spring_switch),
		cmocka_unit_test(tz_berlin_month_and_year_boundaries),
		cmocka_unit_test(tz_utc_day_and_month_are_the_utc_ones),
		cmocka_unit_test(tz_switching_zones_takes_effect),
		cmocka_unit_test(tz_rejects_unknown_zone_name),
		cmocka_unit_test(tz_rejects_folder_of_the_tz_database),
		cmocka_unit_test(tz_rejects_data_file_of_the_tz_database),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
