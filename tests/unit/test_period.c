/*
 * test_period.c - the days a report row covers: days, weeks given by
 * their first day, months, a preamble's range, GA4 week numbers without a
 * year (over New Year too) and counts of days or weeks from the range's
 * start; clipping to the range; and the split of a figure over months.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "engage/datetime.h"
#include "engage/period.h"

#define DAY(y, m, d) eg_days_from_civil((y), (m), (d))

/* Resolves cell (or day) as kind k over range; asserts success and the days. */
static void resolves(enum eg_period_kind k, const char *cell, int64_t day,
		     const struct eg_period_range *range, int64_t first, int64_t last)
{
	int64_t f = -1, l = -1;
	char why[256];

	assert_null(eg_period_resolve(k, cell, strlen(cell), day, range, &f, &l, why, sizeof(why)));
	assert_int_equal(f, first);
	assert_int_equal(l, last);
}

/* Resolves and asserts a failure whose reason contains words. */
static void fails(enum eg_period_kind k, const char *cell, const struct eg_period_range *range,
		  const char *words)
{
	int64_t f, l;
	char why[256];
	const char *r =
		eg_period_resolve(k, cell, strlen(cell), 0, range, &f, &l, why, sizeof(why));

	assert_non_null(r);
	assert_non_null(strstr(r, words));
}

static const struct eg_period_range none = { 0, 0, 0 };

static void period_day_week_and_month_from_their_date(void **state)
{
	(void)state;
	resolves(EG_PERIOD_DAY, "", DAY(2026, 3, 5), &none, DAY(2026, 3, 5), DAY(2026, 3, 5));
	resolves(EG_PERIOD_WEEK, "", DAY(2026, 2, 23), &none, DAY(2026, 2, 23), DAY(2026, 3, 1));
	resolves(EG_PERIOD_MONTH, "", DAY(2024, 2, 1), &none, DAY(2024, 2, 1), DAY(2024, 2, 29));
	resolves(EG_PERIOD_MONTH, "", DAY(2025, 12, 1), &none, DAY(2025, 12, 1), DAY(2025, 12, 31));
}

static void period_week_numbers_take_the_range_year_and_roll_over(void **state)
{
	/* 2025-12-01..2026-01-31: 2025's week 00 (Jan 1-4) is outside, so 00 is 2026's. */
	struct eg_period_range r = { 1, DAY(2025, 12, 1), DAY(2026, 1, 31) };

	(void)state;
	/* 2025's first Sunday is Jan 5: week 49 starts Sunday Dec 7 */
	resolves(EG_PERIOD_WEEK_NUMBER, "49", 0, &r, DAY(2025, 12, 7), DAY(2025, 12, 13));
	/* week 52 ends with the year */
	resolves(EG_PERIOD_WEEK_NUMBER, "52", 0, &r, DAY(2025, 12, 28), DAY(2025, 12, 31));
	/* 2026 starts on a Thursday: week 00 is Jan 1-3, week 01 starts Sunday Jan 4 */
	resolves(EG_PERIOD_WEEK_NUMBER, "00", 0, &r, DAY(2026, 1, 1), DAY(2026, 1, 3));
	resolves(EG_PERIOD_WEEK_NUMBER, "02", 0, &r, DAY(2026, 1, 11), DAY(2026, 1, 17));
	/* week 48 (Nov 30 - Dec 6) is clipped to the range's first day */
	resolves(EG_PERIOD_WEEK_NUMBER, "48", 0, &r, DAY(2025, 12, 1), DAY(2025, 12, 6));
	fails(EG_PERIOD_WEEK_NUMBER, "20", &r, "outside the report's range");
	fails(EG_PERIOD_WEEK_NUMBER, "54", &r, "00 to 53");
	fails(EG_PERIOD_WEEK_NUMBER, "4x", &r, "not a week number");
	fails(EG_PERIOD_WEEK_NUMBER, "02", &none, "date range");
}

static void period_nth_day_and_week_count_from_the_start(void **state)
{
	struct eg_period_range r = { 1, DAY(2026, 2, 5), DAY(2026, 3, 18) };

	(void)state;
	resolves(EG_PERIOD_NTH_WEEK, "0000", 0, &r, DAY(2026, 2, 5), DAY(2026, 2, 11));
	resolves(EG_PERIOD_NTH_WEEK, "0003", 0, &r, DAY(2026, 2, 26), DAY(2026, 3, 4));
	resolves(EG_PERIOD_NTH_DAY, "0024", 0, &r, DAY(2026, 3, 1), DAY(2026, 3, 1));
	/* the last week is cut at the range's end */
	resolves(EG_PERIOD_NTH_WEEK, "0005", 0, &r, DAY(2026, 3, 12), DAY(2026, 3, 18));
	fails(EG_PERIOD_NTH_WEEK, "0006", &r, "outside the report's range");
	fails(EG_PERIOD_NTH_DAY, "", &r, "not a day or week count");
}

static void period_range_is_the_preamble_range(void **state)
{
	struct eg_period_range r = { 1, DAY(2026, 1, 1), DAY(2026, 3, 31) };

	(void)state;
	resolves(EG_PERIOD_RANGE, "", 0, &r, DAY(2026, 1, 1), DAY(2026, 3, 31));
	fails(EG_PERIOD_RANGE, "", &none, "date range");
	assert_string_equal(eg_period_word(EG_PERIOD_RANGE), "range");
	assert_string_equal(eg_period_word(EG_PERIOD_NTH_WEEK), "week");
	assert_string_equal(eg_period_word(EG_PERIOD_NTH_DAY), "day");
}

static void period_year_is_its_calendar_year(void **state)
{
	struct eg_period_range r = { 1, DAY(2026, 3, 1), DAY(2026, 3, 31) };

	(void)state;
	resolves(EG_PERIOD_YEAR, "2026", 0, &none, DAY(2026, 1, 1), DAY(2026, 12, 31));
	resolves(EG_PERIOD_YEAR, "2025-01-01", 0, &none, DAY(2025, 1, 1), DAY(2025, 12, 31));
	/* a year is the platform's figure for the year: never cut to a range */
	resolves(EG_PERIOD_YEAR, "2026", 0, &r, DAY(2026, 1, 1), DAY(2026, 12, 31));
	fails(EG_PERIOD_YEAR, "FY26", &none, "not a year");
	assert_string_equal(eg_period_word(EG_PERIOD_YEAR), "range");
}

static void period_kind_names_parse(void **state)
{
	enum eg_period_kind k;

	(void)state;
	assert_int_equal(eg_period_kind_parse("week_number", &k), 0);
	assert_int_equal(k, EG_PERIOD_WEEK_NUMBER);
	assert_int_equal(eg_period_kind_parse("fortnight", &k), -1);
}

static void period_split_by_days_adds_up(void **state)
{
	int64_t m0, share[3];

	(void)state;
	/* Feb 23 - Mar 1: 6 days of February, 1 of March */
	assert_int_equal(eg_period_split(DAY(2026, 2, 23), DAY(2026, 3, 1), 702, &m0, share, 3), 2);
	assert_int_equal(m0, 2026 * 12 + 1);
	assert_int_equal(share[0], 602);
	assert_int_equal(share[1], 100);
	/* one month: the whole value, exactly */
	assert_int_equal(eg_period_split(DAY(2026, 3, 1), DAY(2026, 3, 31), 7, &m0, share, 3), 1);
	assert_int_equal(share[0], 7);
	/* 1 over 2 + 5 days: 0.29 rounds to 0, the other month gets 1 */
	assert_int_equal(eg_period_split(DAY(2026, 1, 30), DAY(2026, 2, 5), 1, &m0, share, 3), 2);
	assert_int_equal(share[0] + share[1], 1);
	assert_int_equal(share[0], 0);
	/* a range over more months than room: 0 */
	assert_int_equal(eg_period_split(DAY(2026, 1, 1), DAY(2026, 12, 31), 5, &m0, share, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(period_day_week_and_month_from_their_date),
		cmocka_unit_test(period_week_numbers_take_the_range_year_and_roll_over),
		cmocka_unit_test(period_nth_day_and_week_count_from_the_start),
		cmocka_unit_test(period_range_is_the_preamble_range),
		cmocka_unit_test(period_year_is_its_calendar_year),
		cmocka_unit_test(period_kind_names_parse),
		cmocka_unit_test(period_split_by_days_adds_up),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
