/*
 * test_datetime.c - time stamps to UTC seconds (offsets, Z, no offset,
 * date only, minutes only, fractions), calendar checks, the day-count
 * arithmetic at the ends of years 1 and 9999, the formatting and parsing
 * of times and months, and the month of a day and the first day of a month.
 *
 * Expected epoch values were computed with python3:
 *   int(datetime.fromisoformat("2026-02-24T17:09:53-08:00").timestamp())
 * and the day counts as (date(y, m, d) - date(1970, 1, 1)).days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "engage/datetime.h"

#define UNCHANGED INT64_C(-777) /* sentinel: *out must keep it on failure */

/* 2026-02-24T17:09:53Z */
#define T_2026_02_24_170953Z INT64_C(1771952993)

static struct eg_datetime_parser *parser;

static int setup(void **state)
{
	struct eg_error err;

	(void)state;
	return eg_datetime_parser_new(&parser, &err) == EG_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	eg_datetime_parser_free(parser);
	eg_datetime_parser_free(NULL);
	return 0;
}

static void parses(const char *s, int64_t want)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_datetime_parse(parser, s, strlen(s), &out, &err);
	if (rc != EG_OK || out != want)
		print_error("'%s': status %d (%s), got %lld, expected %lld\n", s, rc, err.message,
			    (long long)out, (long long)want);
	assert_int_equal(rc, EG_OK);
	assert_true(out == want);
}

static void rejects(const char *s)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_datetime_parse(parser, s, strlen(s), &out, &err);
	if (rc != EG_EDATA || out != UNCHANGED)
		print_error("'%s': status %d, out %lld\n", s, rc, (long long)out);
	assert_int_equal(rc, EG_EDATA);
	assert_int_equal(err.status, EG_EDATA);
	assert_true(err.message[0] != '\0');
	assert_true(out == UNCHANGED);
}

/* ---- parsing ---- */

static void datetime_parses_negative_offset_without_colon(void **state)
{
	(void)state;
	/* 2026-02-24 17:09:53 -0800 = 2026-02-25T01:09:53Z */
	parses("2026-02-24 17:09:53 -0800", INT64_C(1771981793));
	parses("2026-02-24T17:09:53-0800", INT64_C(1771981793));
	parses("2026-02-24T17:09:53-08:00", INT64_C(1771981793));
}

static void datetime_parses_z(void **state)
{
	(void)state;
	parses("2026-02-24T17:09:53Z", T_2026_02_24_170953Z);
	parses("2026-02-24 17:09:53Z", T_2026_02_24_170953Z);
	parses("2026-02-24 17:09:53 UTC", T_2026_02_24_170953Z);
}

static void datetime_parses_positive_offset_with_colon(void **state)
{
	(void)state;
	/* 17:09:53+01:00 = 16:09:53Z */
	parses("2026-02-24T17:09:53+01:00", INT64_C(1771949393));
	parses("2026-02-24T17:09:53+00:00", T_2026_02_24_170953Z);
	parses("2026-02-24T17:09:53-00:00", T_2026_02_24_170953Z);
}

static void datetime_parses_half_hour_offset(void **state)
{
	(void)state;
	/* 17:09:53+05:30 = 11:39:53Z */
	parses("2026-02-24T17:09:53+0530", INT64_C(1771933193));
	parses("2026-02-24 17:09:53 +05:30", INT64_C(1771933193));
}

static void datetime_without_offset_is_utc(void **state)
{
	(void)state;
	parses("2026-02-24T17:09:53", T_2026_02_24_170953Z);
	parses("2026-02-24 17:09:53", T_2026_02_24_170953Z);
}

static void datetime_parses_date_only_as_midnight_utc(void **state)
{
	(void)state;
	parses("2026-02-24", INT64_C(1771891200));
	parses("1970-01-01", 0);
}

static void datetime_parses_minutes_only(void **state)
{
	(void)state;
	parses("2026-02-24 17:09", INT64_C(1771952940));
	parses("2026-02-24T17:09Z", INT64_C(1771952940));
	/* 17:09-08:00 = 01:09Z on the 25th */
	parses("2026-02-24 17:09 -0800", INT64_C(1771981740));
}

static void datetime_drops_fractional_seconds(void **state)
{
	(void)state;
	parses("2026-02-24T17:09:53.250Z", T_2026_02_24_170953Z);
	parses("2026-02-24T17:09:53.999999999", T_2026_02_24_170953Z);
	parses("2026-02-24 17:09:53,5 +0000", T_2026_02_24_170953Z);
}

static void datetime_parses_times_before_1970(void **state)
{
	(void)state;
	parses("1969-12-31 23:59:59", -1);
	parses("1969-07-20T20:17:40Z", INT64_C(-14182940));
	parses("1900-01-01", INT64_C(-2208988800));
	parses("0001-01-01", INT64_C(-62135596800));
}

static void datetime_parses_last_second_of_9999(void **state)
{
	(void)state;
	parses("9999-12-31T23:59:59Z", INT64_C(253402300799));
}

static void datetime_accepts_leap_day_of_leap_year(void **state)
{
	(void)state;
	parses("2024-02-29", INT64_C(1709164800));
	parses("2000-02-29", INT64_C(951782400));
}

static void datetime_rejects_leap_day_of_common_year(void **state)
{
	(void)state;
	rejects("2026-02-29");
	rejects("1900-02-29");
	rejects("2100-02-29 00:00:00");
}

static void datetime_rejects_impossible_dates_and_times(void **state)
{
	(void)state;
	rejects("2026-13-01");
	rejects("2026-00-10");
	rejects("2026-04-31");
	rejects("2026-01-00");
	rejects("2026-01-32");
	rejects("0000-01-01");
	rejects("2026-02-24 24:00:00");
	rejects("2026-02-24 23:60:00");
	rejects("2026-02-24 23:59:61");
}

static void datetime_rejects_bad_offsets(void **state)
{
	(void)state;
	rejects("2026-02-24 17:09:53 +2400");
	rejects("2026-02-24 17:09:53 +0160");
	rejects("2026-02-24 17:09:53 +08");
	rejects("2026-02-24 17:09:53 0800");
}

static void datetime_rejects_text_that_is_not_a_stamp(void **state)
{
	struct eg_error err;
	int64_t out = UNCHANGED;

	(void)state;
	rejects("");
	rejects("yesterday");
	rejects("24/02/2026");
	rejects("2026-2-24");
	rejects("2026-02-24x");
	rejects(" 2026-02-24");
	rejects("2026-02-24 17");
	rejects("2026-02-24 17:09:53 -0800 extra");
	/* Only len bytes count: the valid prefix of a longer text is not enough. */
	assert_int_equal(eg_datetime_parse(parser, "2026-02-2", 9, &out, &err), EG_EDATA);
	assert_true(out == UNCHANGED);
	assert_int_equal(eg_datetime_parse(parser, "2026-02-24junk", 10, &out, &err), EG_OK);
	assert_true(out == INT64_C(1771891200));
}

/* ---- civil calendar ---- */

static void civil(int64_t days, int64_t y, unsigned m, unsigned d)
{
	int64_t gy = 0;
	unsigned gm = 0, gd = 0;

	assert_true(eg_days_from_civil(y, m, d) == days);
	eg_civil_from_days(days, &gy, &gm, &gd);
	assert_true(gy == y);
	assert_int_equal(gm, m);
	assert_int_equal(gd, d);
}

static void days_from_civil_known_dates(void **state)
{
	(void)state;
	civil(0, 1970, 1, 1);
	civil(-1, 1969, 12, 31);
	civil(19782, 2024, 2, 29);
	civil(20485, 2026, 2, 1);
	civil(11016, 2000, 2, 29);
}

static void days_from_civil_round_trips_year_1(void **state)
{
	(void)state;
	civil(-719162, 1, 1, 1);
	civil(-719162 + 58, 1, 2, 28);
	civil(-719162 + 59, 1, 3, 1); /* year 1 is not a leap year */
	civil(-719162 + 364, 1, 12, 31);
}

static void days_from_civil_round_trips_year_9999(void **state)
{
	(void)state;
	civil(2932896, 9999, 12, 31);
	civil(2932896 - 364, 9999, 1, 1);
}

static void days_from_civil_round_trips_every_day_of_year_1_to_9999(void **state)
{
	int64_t z, y, first = eg_days_from_civil(1, 1, 1), last = eg_days_from_civil(9999, 12, 31);
	unsigned m, d;

	(void)state;
	assert_true(last - first + 1 == INT64_C(3652059)); /* days in 9999 Gregorian years */
	for (z = first; z <= last; z++) {
		eg_civil_from_days(z, &y, &m, &d);
		if (eg_days_from_civil(y, m, d) != z)
			fail_msg("day %lld came back as %lld-%u-%u", (long long)z, (long long)y, m,
				 d);
	}
}

/* ---- the two fixed forms read without the pattern ---- */

/* Parses a and b (the same stamp spelt two ways) and asserts the same outcome. */
static void same_outcome(const char *a, const char *b)
{
	struct eg_error ea, eb;
	int64_t ta = -7, tb = -7;
	int ra, rb;

	eg_error_clear(&ea);
	eg_error_clear(&eb);
	ra = eg_datetime_parse(parser, a, strlen(a), &ta, &ea);
	rb = eg_datetime_parse(parser, b, strlen(b), &tb, &eb);
	if (ra != rb || ta != tb)
		print_error("'%s' %d %lld against '%s' %d %lld\n", a, ra, (long long)ta, b, rb,
			    (long long)tb);
	assert_int_equal(ra, rb);
	assert_true(ta == tb);
	if (ra != EG_OK)
		assert_string_equal(strrchr(ea.message, ':'), strrchr(eb.message, ':'));
}

/*
 * "YYYY-MM-DDTHH:MM:SSZ" and "YYYY-MM-DD HH:MM:SS +HHMM" skip the pattern;
 * "... Z" and "+HH:MM" spell the same stamps through it. Both must agree
 * on every value, valid or not, and on the reason for a refusal.
 */
static void datetime_fixed_forms_read_as_the_pattern_does(void **state)
{
	static const char *const years[] = { "0000", "0001", "1999", "2024", "2100", "9999" };
	static const int months[] = { 0, 1, 2, 12, 13 }, days[] = { 0, 1, 28, 29, 31, 32 };
	static const int hours[] = { 0, 23, 24 }, mins[] = { 0, 59, 60 }, secs[] = { 0, 59, 60, 61 };
	static const char *const offsets[] = { "+0000", "-0500", "+2359", "-2400", "+0060" };
	size_t y, mo, d, h, mi, se, o;
	char a[64], b[128];

	(void)state;
	for (y = 0; y < 6; y++)
		for (mo = 0; mo < 5; mo++)
			for (d = 0; d < 6; d++)
				for (h = 0; h < 3; h++)
					for (mi = 0; mi < 3; mi++)
						for (se = 0; se < 4; se++) {
							snprintf(a, sizeof(a), "%s-%02d-%02dT%02d:%02d:%02dZ",
								 years[y], months[mo], days[d], hours[h],
								 mins[mi], secs[se]);
							snprintf(b, sizeof(b), "%.19s Z", a);
							same_outcome(a, b);
							for (o = 0; o < 5; o++) {
								snprintf(a, sizeof(a),
									 "%s-%02d-%02d %02d:%02d:%02d %s",
									 years[y], months[mo], days[d],
									 hours[h], mins[mi], secs[se],
									 offsets[o]);
								snprintf(b, sizeof(b), "%.23s:%s", a, a + 23);
								same_outcome(a, b);
							}
						}
	/* Near misses of the fixed forms are not read by it: the pattern decides. */
	same_outcome("2024-01-02T03:04:05Z", "2024-01-02 03:04:05Z");
	same_outcome("2024-01-02x03:04:05Z", "2024-01-02x03:04:05 Z");
	same_outcome("2024-01-02 03:04:05 *0500", "2024-01-02 03:04:05 *05:00");
	same_outcome("2024-01-02 03:04:0x +0500", "2024-01-02 03:04:0x +05:00");
	parses("2024-01-02 03:04:05 -0500", INT64_C(1704182645));
}

/* ---- formatting ---- */

static void formats(int64_t t, const char *want)
{
	char buf[EG_TIME_BUFSZ];

	assert_ptr_equal(eg_time_format(t, buf), buf);
	assert_string_equal(buf, want);
}

static void time_format_writes_iso_utc(void **state)
{
	(void)state;
	formats(0, "1970-01-01T00:00:00Z");
	formats(T_2026_02_24_170953Z, "2026-02-24T17:09:53Z");
	formats(INT64_C(253402300799), "9999-12-31T23:59:59Z");
}

/* The range is exactly the times that format as four-digit years. */
static void time_in_range_is_years_1_to_9999(void **state)
{
	(void)state;
	assert_true(eg_time_in_range(0));
	assert_true(eg_time_in_range(INT64_C(-62135596800)));
	assert_false(eg_time_in_range(INT64_C(-62135596801)));
	assert_true(eg_time_in_range(INT64_C(253402300799)));
	assert_false(eg_time_in_range(INT64_C(253402300800)));
	assert_false(eg_time_in_range(INT64_MIN));
	assert_false(eg_time_in_range(INT64_MAX));
	formats(INT64_C(-62135596801), "0000-12-31T23:59:59Z");
}

static void time_format_handles_negative_times(void **state)
{
	(void)state;
	formats(-1, "1969-12-31T23:59:59Z");
	formats(-86400, "1969-12-31T00:00:00Z");
	formats(-86401, "1969-12-30T23:59:59Z");
	formats(INT64_C(-14182940), "1969-07-20T20:17:40Z");
	formats(INT64_C(-2208988800), "1900-01-01T00:00:00Z");
	formats(INT64_C(-62135596800), "0001-01-01T00:00:00Z");
}

static void time_format_round_trips_through_parse(void **state)
{
	static const int64_t times[] = { 0,
					 -1,
					 1,
					 INT64_C(1771981793),
					 INT64_C(-62135596800),
					 INT64_C(253402300799),
					 INT64_C(951782400) };
	char buf[EG_TIME_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		parses(eg_time_format(times[i], buf), times[i]);
}

/* eg_time_format's text, worked out independently with snprintf. */
static void format_like_printf(int64_t t)
{
	char want[64], got[EG_TIME_BUFSZ];
	int64_t days = t / 86400 - (t % 86400 < 0), secs = t - days * 86400, y;
	unsigned m, d;

	eg_civil_from_days(days, &y, &m, &d);
	snprintf(want, sizeof(want), "%04" PRId64 "-%02u-%02uT%02u:%02u:%02uZ", y, m, d,
		 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
	eg_time_format(t, got);
	if (strcmp(got, want) != 0)
		print_error("t %lld: got %s want %s\n", (long long)t, got, want);
	assert_string_equal(got, want);
}

/* Times from year -1 to 10000, every second of some days and scattered others, against snprintf. */
static void time_format_matches_printf_across_the_years(void **state)
{
	static const int64_t starts[] = { INT64_C(-62198755200) - 86400, /* year -1 */
					  INT64_C(-62135596800), -86400, 0,
					  INT64_C(951782400), INT64_C(253402300799) - 86400,
					  INT64_C(253402300800) /* year 10000 */ };
	uint64_t x = UINT64_C(0x9E3779B97F4A7C15);
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		for (k = 0; k < 2 * 86400; k += 7)
			format_like_printf(starts[i] + k);
	for (k = 0; k < 200000; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* Within +-1e12 s: years -29719 to 33658, both sides of 0000 and 9999. */
		format_like_printf((int64_t)(x % UINT64_C(2000000000001)) - INT64_C(1000000000000));
	}
}

/* ---- months ---- */

static void month_format_writes_year_and_month(void **state)
{
	char buf[EG_TIME_BUFSZ];

	(void)state;
	assert_string_equal(eg_month_format(2026 * 12 + 9, buf), "2026-10");
	assert_string_equal(eg_month_format(2026 * 12 + 0, buf), "2026-01");
	assert_string_equal(eg_month_format(2025 * 12 + 11, buf), "2025-12");
	assert_string_equal(eg_month_format(1 * 12 + 0, buf), "0001-01");
	assert_string_equal(eg_month_format(9999 * 12 + 11, buf), "9999-12");
}

static void month_parse_reads_year_and_month(void **state)
{
	struct eg_error err;
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_month_parse("2026-10", &out, &err), EG_OK);
	assert_true(out == 2026 * 12 + 9);
	assert_int_equal(eg_month_parse("2026-01", &out, &err), EG_OK);
	assert_true(out == 2026 * 12);
	assert_int_equal(eg_month_parse("0001-12", &out, &err), EG_OK);
	assert_true(out == 1 * 12 + 11);
	assert_int_equal(eg_month_parse("9999-12", &out, &err), EG_OK);
	assert_true(out == 9999 * 12 + 11);
}

static void month_parse_round_trips_format(void **state)
{
	struct eg_error err;
	char buf[EG_TIME_BUFSZ];
	int64_t i, out;

	(void)state;
	for (i = 12; i < 10000 * 12; i += 7) {
		out = UNCHANGED;
		assert_int_equal(eg_month_parse(eg_month_format(i, buf), &out, &err), EG_OK);
		assert_true(out == i);
	}
}

static void month_rejects(const char *s)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_month_parse(s, &out, &err);
	if (rc != EG_EUSAGE || out != UNCHANGED)
		print_error("'%s': status %d, out %lld\n", s, rc, (long long)out);
	assert_int_equal(rc, EG_EUSAGE);
	assert_int_equal(err.status, EG_EUSAGE);
	assert_non_null(strstr(err.message, s));
	assert_true(out == UNCHANGED);
}

static void month_parse_rejects_bad_months_with_usage_error(void **state)
{
	(void)state;
	month_rejects("");
	month_rejects("2026");
	month_rejects("2026-13");
	month_rejects("2026-00");
	month_rejects("0000-05");
	month_rejects("2026-1");
	month_rejects("2026-010");
	month_rejects("26-10");
	month_rejects("2026/10");
	month_rejects("2026-10-01");
	month_rejects("2026-1x");
	month_rejects("oct-2026");
	month_rejects(" 2026-1");
	month_rejects("+026-10");
}

static void month_parse_rejects_signed_year(void **state)
{
	(void)state;
	/* sscanf's %u takes a sign and wraps it: "-026" is not year 4294967270. */
	month_rejects("-026-01");
	month_rejects("-001-12");
}

static void month_parse_rejects_signed_month(void **state)
{
	(void)state;
	month_rejects("2026--1");
	month_rejects("2026-+1");
}

static void month_parse_rejects_one_digit_month_with_trailing_dash(void **state)
{
	(void)state;
	/* "%2u" stops at the dash, so "1-" must not read as month 1. */
	month_rejects("2026-1-");
}

#define MON(y, m)    ((int64_t)(y)*12 + (m)-1)
#define DAY(y, m, d) eg_days_from_civil((y), (m), (d))

static void month_of_day_and_first_day_of_month_agree(void **state)
{
	(void)state;
	assert_true(eg_month_of_day(DAY(2026, 2, 28)) == MON(2026, 2));
	assert_true(eg_month_of_day(DAY(2024, 2, 29)) == MON(2024, 2));
	assert_true(eg_month_of_day(DAY(1969, 12, 31)) == MON(1969, 12));
	assert_true(eg_first_day_of_month(MON(2026, 3)) == DAY(2026, 3, 1));
	assert_true(eg_first_day_of_month(MON(2026, 13)) == DAY(2027, 1, 1));
	assert_true(eg_first_day_of_month(MON(1970, 1)) == 0);
	assert_true(eg_first_day_of_month(MON(1969, 12)) == -31);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(datetime_parses_negative_offset_without_colon),
		cmocka_unit_test(datetime_parses_z),
		cmocka_unit_test(datetime_fixed_forms_read_as_the_pattern_does),
		cmocka_unit_test(datetime_parses_positive_offset_with_colon),
		cmocka_unit_test(datetime_parses_half_hour_offset),
		cmocka_unit_test(datetime_without_offset_is_utc),
		cmocka_unit_test(datetime_parses_date_only_as_midnight_utc),
		cmocka_unit_test(datetime_parses_minutes_only),
		cmocka_unit_test(datetime_drops_fractional_seconds),
		cmocka_unit_test(datetime_parses_times_before_1970),
		cmocka_unit_test(datetime_parses_last_second_of_9999),
		cmocka_unit_test(datetime_accepts_leap_day_of_leap_year),
		cmocka_unit_test(datetime_rejects_leap_day_of_common_year),
		cmocka_unit_test(datetime_rejects_impossible_dates_and_times),
		cmocka_unit_test(datetime_rejects_bad_offsets),
		cmocka_unit_test(datetime_rejects_text_that_is_not_a_stamp),
		cmocka_unit_test(days_from_civil_known_dates),
		cmocka_unit_test(days_from_civil_round_trips_year_1),
		cmocka_unit_test(days_from_civil_round_trips_year_9999),
		cmocka_unit_test(days_from_civil_round_trips_every_day_of_year_1_to_9999),
		cmocka_unit_test(time_format_writes_iso_utc),
		cmocka_unit_test(time_format_handles_negative_times),
		cmocka_unit_test(time_in_range_is_years_1_to_9999),
		cmocka_unit_test(time_format_round_trips_through_parse),
		cmocka_unit_test(time_format_matches_printf_across_the_years),
		cmocka_unit_test(month_format_writes_year_and_month),
		cmocka_unit_test(month_parse_reads_year_and_month),
		cmocka_unit_test(month_parse_round_trips_format),
		cmocka_unit_test(month_parse_rejects_bad_months_with_usage_error),
		cmocka_unit_test(month_parse_rejects_signed_year),
		cmocka_unit_test(month_parse_rejects_signed_month),
		cmocka_unit_test(month_parse_rejects_one_digit_month_with_trailing_dash),
		cmocka_unit_test(month_of_day_and_first_day_of_month_agree),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
