/*
 * test_extract_value.c - reading export values: amounts with currency
 * symbols and either decimal separator, counts, durations, blank markers,
 * yes/no words, and time stamps in every order the sources use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <string.h>

#include "engage/extract_value.h"

#define UNCHANGED INT64_C(-777) /* sentinel: *out must keep it on failure */

/* Decided per value; an undecidable "1,234" is 1234 (autodot) or 1.234 (autocomma). */
static const struct eg_extract_value_style autodot = { 0, 0, '.' };
static const struct eg_extract_value_style autocomma = { 0, 0, ',' };
static const struct eg_extract_value_style plain = { '.', 0, 0 };	/* "1234.56" only */
static const struct eg_extract_value_style dot_comma = { '.', ',', 0 }; /* "1,234.56" */

static void amount_is(const char *s, const struct eg_extract_value_style *st, int64_t want)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_extract_value_amount(s, strlen(s), st, &out, &err);
	assert_parsed(s, rc, &err, out, want);
}

static void amount_fails(const char *s, const struct eg_extract_value_style *st)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_extract_value_amount(s, strlen(s), st, &out, &err);
	if (rc != EG_EDATA)
		print_error("'%s': status %d, out %lld\n", s, rc, (long long)out);
	assert_int_equal(rc, EG_EDATA);
	assert_true(strstr(err.message, "invalid amount") != NULL);
	assert_true(out == UNCHANGED);
}

static void amount_reads_plain_decimals(void **state)
{
	(void)state;
	amount_is("12.50", &plain, 125000);
	amount_is("-3.001", &plain, -30010);
	amount_is("38970", &autodot, 389700000);
	amount_is("0.001", &autodot, 10);
	amount_is("0.001", &autocomma, 10); /* a leading 0 is never a thousands group */
	amount_is(".5", &autodot, 5000);
}

/*
 * A plain "[-]digits[.digits]" takes a short path; a space around it sends
 * the same number through the general one. Both must agree, on the value
 * and on the reason for a failure, under every style.
 */
static void amount_reads_plain_numbers_as_the_general_path_does(void **state)
{
	static const struct eg_extract_value_style comma_dot = { ',', '.', 0 };
	static const struct eg_extract_value_style comma = { ',', 0, 0 };
	const struct eg_extract_value_style *styles[] = { NULL,	  &autodot, &autocomma, &plain,
							  &dot_comma, &comma_dot, &comma };
	static const char *const values[] = {
		"0", "7", "-7", "12.50", "-3.001", "1.234", "-1.234", "0.001", "0.123", ".5",
		"5.", "-.5", "1.2345", "1.23456", "1.23455", "00012.3400", "922337203685477.5807",
		"-922337203685477.5808", "922337203685477.5808", "-922337203685477.5809",
		"99999999999999999999", "1234567890123456789012345678901234567890",
		"12345678901234567890123456789012345678901", "-", ".", "-.", "1.2.3", "--1",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		for (j = 0; j < sizeof(values) / sizeof(values[0]); j++) {
			struct eg_error e1, e2;
			int64_t v1 = UNCHANGED, v2 = UNCHANGED;
			char spaced[64];
			size_t len = strlen(values[j]);
			int r1, r2;

			spaced[0] = ' ';
			memcpy(spaced + 1, values[j], len);
			spaced[len + 1] = ' ';
			eg_error_clear(&e1);
			eg_error_clear(&e2);
			r1 = eg_extract_value_amount(values[j], len, styles[i], &v1, &e1);
			r2 = eg_extract_value_amount(spaced, len + 2, styles[i], &v2, &e2);
			if (r1 != r2 || v1 != v2)
				print_error("style %zu '%s': %d %lld against %d %lld\n", i,
					    values[j], r1, (long long)v1, r2, (long long)v2);
			assert_int_equal(r1, r2);
			assert_true(v1 == v2);
			/* The message quotes the value as given; the reason after it must match. */
			if (r1 != EG_OK)
				assert_string_equal(strrchr(e1.message, ':'), strrchr(e2.message, ':'));
		}
	amount_is("1.234", &autocomma, 12340000);
	amount_is("1.234", &autodot, 12340);
	amount_is("-922337203685477.5808", NULL, INT64_MIN);
	amount_fails("922337203685477.5808", NULL);
}

static void amount_strips_currency_symbols_and_codes(void **state)
{
	(void)state;
	amount_is("$1,234.50", &autodot, 12345000);
	amount_is("\xC2\xA3"
		  "2.55",
		  &autodot, 25500);
	amount_is("2,55 \xE2\x82\xAC", &autocomma, 25500);
	amount_is("USD 12.50", &autodot, 125000);
	amount_is("12.50 EUR", &autodot, 125000);
	amount_is("R$ 10,00", &autocomma, 100000);
	amount_is("  7.00  ", &plain, 70000);
}

/* Asserts the currency that amount s names: want, or none when want is NULL. */
static void currency_is(const char *s, const char *want)
{
	char code[4] = "---";
	int found = eg_extract_value_currency(s, strlen(s), &autodot, code);

	if (!want) {
		assert_int_equal(found, 0);
		assert_string_equal(code, "---");
		return;
	}
	assert_int_equal(found, 1);
	assert_string_equal(code, want);
}

static void currency_comes_from_a_symbol_only_one_currency_uses(void **state)
{
	(void)state;
	currency_is("1 234,50 K\xC4\x8D", "CZK");
	currency_is("1.234,50 \xE2\x82\xAC", "EUR");
	currency_is("\xC2\xA3" "2.55", "GBP");
	currency_is("\xE2\x82\xB9" "670.00", "INR");
	currency_is("USD 12.50", "USD");
	currency_is("-12,50 EUR", "EUR");
	currency_is("US$1,234.50", "USD");
	/* Several currencies write $ and kr; a bare number names none. */
	currency_is("$1,234.50", NULL);
	currency_is("120 kr", NULL);
	currency_is("12.50", NULL);
	currency_is("twelve", NULL);
}

static void amount_reads_negatives_in_every_form(void **state)
{
	(void)state;
	amount_is("-$12.50", &autodot, -125000);
	amount_is("$-12.50", &autodot, -125000);
	amount_is("(12.50)", &autodot, -125000);
	amount_is("12.50-", &autodot, -125000);
	amount_is("-3,00", &autocomma, -30000);
}

static void amount_decides_the_decimal_separator_per_value(void **state)
{
	(void)state;
	amount_is("1.234,50", &autodot, 12345000); /* both: the last one is decimal */
	amount_is("1,234.50", &autocomma, 12345000);
	amount_is("1,234,567", &autodot, 12345670000); /* twice: thousands */
	amount_is("12,5", &autodot, 125000);	       /* not three digits after: decimal */
	amount_is("1,234", &autodot, 12340000);	       /* three digits: the guess decides */
	amount_is("1,234", &autocomma, 12340);
	amount_is("1.234", &autocomma, 12340000);
	amount_is("1 234,50", &autocomma, 12345000);
	amount_is("1\xC2\xA0"
		  "234,50",
		  &autocomma, 12345000); /* no-break space */
	amount_is("1'234.50", &autodot, 12345000);
}

static void amount_keeps_a_fixed_style_strict(void **state)
{
	(void)state;
	amount_is("1,234.50", &dot_comma, 12345000);
	amount_fails("1,234.50", &plain);
	amount_fails("12,50", &plain);
}

static void amount_refuses_what_is_not_an_amount(void **state)
{
	(void)state;
	amount_fails("", &autodot);
	amount_fails("abc", &autodot);
	amount_fails("12abc", &autodot);
	amount_fails("$", &autodot);
	amount_fails("1,23,4.00", &autodot);
	amount_fails("--5", &autodot);
	amount_fails("99999999999999999999", &autodot);
	amount_fails("12.5.3,1", &autodot);
}

static void count_reads_whole_numbers_written_any_way(void **state)
{
	struct eg_error err;
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_extract_value_count("63421.0", 7, &autodot, &out, &err), EG_OK);
	assert_true(out == 63421);
	assert_int_equal(eg_extract_value_count("1,025", 5, &autodot, &out, &err), EG_OK);
	assert_true(out == 1025);
	out = UNCHANGED;
	assert_int_equal(eg_extract_value_count("2.5", 3, &autodot, &out, &err), EG_EDATA);
	assert_true(strstr(err.message, "not a whole number") != NULL);
	assert_int_equal(eg_extract_value_count("-1", 2, &autodot, &out, &err), EG_EDATA);
	assert_true(strstr(err.message, "negative") != NULL);
	assert_true(out == UNCHANGED);
}

static void seconds_round_half_away_from_zero(void **state)
{
	struct eg_error err;
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_extract_value_seconds("27.5", 4, &autodot, &out, &err), EG_OK);
	assert_true(out == 28);
	assert_int_equal(eg_extract_value_seconds("27.094200651263762", 18, &autodot, &out, &err),
			 EG_OK);
	assert_true(out == 27);
	assert_int_equal(eg_extract_value_seconds("-3", 2, &autodot, &out, &err), EG_EDATA);
}

/* Whether the whole of s is a blank marker. */
static int blank(const char *s)
{
	return eg_extract_value_is_blank(s, strlen(s));
}

static void blank_markers_read_as_no_value(void **state)
{
	static const struct yes_no cases[] = {
		{ "", 1 },     { "  ", 1 },   { "N/A", 1 }, { "n/a", 1 },
		{ "-", 1 },    { "null", 1 }, { "0", 0 },   { "-1", 0 },
	};

	(void)state;
	assert_answers(blank, cases, COUNT(cases));
}

static void bool_reads_yes_no_words(void **state)
{
	(void)state;
	assert_string_equal(eg_extract_value_bool("yes", 3), "true");
	assert_string_equal(eg_extract_value_bool("TRUE", 4), "true");
	assert_string_equal(eg_extract_value_bool("1", 1), "true");
	assert_string_equal(eg_extract_value_bool("No", 2), "false");
	assert_string_equal(eg_extract_value_bool("FALSE", 5), "false");
	assert_string_equal(eg_extract_value_bool("", 0), "");
	assert_null(eg_extract_value_bool("maybe", 5));
}

/* Reads s with order and checks the calendar fields and offset. */
static void time_is(struct eg_extract_value *p, const char *s, enum eg_date_order order, int y,
		    unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned sec, int has_off,
		    long off)
{
	struct eg_error err;
	struct eg_stamp st;
	int rc;

	eg_error_clear(&err);
	rc = eg_extract_value_time(p, s, strlen(s), order, &st, &err);
	if (rc != EG_OK)
		print_error("'%s': %s\n", s, err.message);
	assert_int_equal(rc, EG_OK);
	assert_int_equal(st.year, y);
	assert_int_equal(st.month, mo);
	assert_int_equal(st.day, d);
	assert_int_equal(st.hour, h);
	assert_int_equal(st.minute, mi);
	assert_int_equal(st.second, sec);
	assert_int_equal(st.has_offset, has_off);
	assert_int_equal(st.offset, off);
}

static void time_fails(struct eg_extract_value *p, const char *s, enum eg_date_order order,
		       const char *why)
{
	struct eg_error err;
	struct eg_stamp st;

	eg_error_clear(&err);
	assert_int_equal(eg_extract_value_time(p, s, strlen(s), order, &st, &err), EG_EDATA);
	if (!strstr(err.message, why))
		print_error("'%s': %s\n", s, err.message);
	assert_true(strstr(err.message, why) != NULL);
}

static void time_reads_iso_with_and_without_offsets(void **state)
{
	struct eg_extract_value *p = *state;

	time_is(p, "2026-10-03 14:05:00 -0400", EG_DATES_ISO, 2026, 10, 3, 14, 5, 0, 1, -4 * 3600);
	time_is(p, "2026-10-03T14:05:00Z", EG_DATES_US, 2026, 10, 3, 14, 5, 0, 1, 0);
	time_is(p, "2026-10-03", EG_DATES_EU, 2026, 10, 3, 0, 0, 0, 0, 0);
	time_is(p, "2026-01-05 14:22:10 UTC", EG_DATES_ISO, 2026, 1, 5, 14, 22, 10, 1, 0);
}

static void time_reads_us_and_european_dates(void **state)
{
	struct eg_extract_value *p = *state;

	time_is(p, "10/03/2026", EG_DATES_US, 2026, 10, 3, 0, 0, 0, 0, 0);
	time_is(p, "10/03/2026", EG_DATES_EU, 2026, 3, 10, 0, 0, 0, 0, 0);
	time_is(p, "12/1/2010 8:26", EG_DATES_US, 2010, 12, 1, 8, 26, 0, 0, 0);
	time_is(p, "5/31/2016 0:37", EG_DATES_US, 2016, 5, 31, 0, 37, 0, 0, 0);
	time_is(p, "10/03/2026 2:05 PM -0400", EG_DATES_US, 2026, 10, 3, 14, 5, 0, 1, -4 * 3600);
	time_is(p, "03/10/2026 14:05:00 +0200", EG_DATES_EU, 2026, 10, 3, 14, 5, 0, 1, 2 * 3600);
	/* a two-digit year (Etsy's Sale Date) is of this century */
	time_is(p, "07/16/22", EG_DATES_US, 2022, 7, 16, 0, 0, 0, 0, 0);
	time_is(p, "16/07/26 9:30", EG_DATES_EU, 2026, 7, 16, 9, 30, 0, 0, 0);
	/* dots are always day first, whatever the order setting */
	time_is(p, "03.10.2026 14:05", EG_DATES_ISO, 2026, 10, 3, 14, 5, 0, 0, 0);
	time_is(p, "03.10.2026 14:05", EG_DATES_US, 2026, 10, 3, 14, 5, 0, 0, 0);
}

static void time_refuses_ambiguous_slashes_without_an_order(void **state)
{
	struct eg_extract_value *p = *state;

	time_fails(p, "10/03/2026", EG_DATES_ISO, "'dates us' or 'dates eu'");
	time_fails(p, "2026-02-30", EG_DATES_ISO, "no such day");
	time_fails(p, "yesterday", EG_DATES_ISO, "expected YYYY-MM-DD");
	time_fails(p, "", EG_DATES_ISO, "empty");
}

/* Klaviyo's rates are fractions; a share above 1 or below 0 is no rate. */
static void rate_is_a_fraction_from_0_to_1(void **state)
{
	struct eg_error err;
	int64_t out = -1;

	(void)state;
	assert_int_equal(eg_extract_value_rate("0.09091", 7, &autodot, &out, &err), EG_OK);
	assert_int_equal(out, 909);
	assert_int_equal(eg_extract_value_rate("1", 1, &autodot, &out, &err), EG_OK);
	assert_int_equal(out, 10000);
	assert_int_equal(eg_extract_value_rate("1.25", 4, &autodot, &out, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "not a fraction from 0 to 1"));
	assert_int_equal(eg_extract_value_rate("-0.1", 4, &autodot, &out, &err), EG_EDATA);
	assert_int_equal(eg_extract_value_rate("high", 4, &autodot, &out, &err), EG_EDATA);
}

static void time_reads_ga4_compact_dates_and_unix_seconds(void **state)
{
	struct eg_extract_value *p = *state;

	time_is(p, "20260103", EG_DATES_ISO, 2026, 1, 3, 0, 0, 0, 0, 0);
	time_fails(p, "20260230", EG_DATES_ISO, "no such day");
	time_is(p, "1767225600", EG_DATES_ISO, 2026, 1, 1, 0, 0, 0, 1, 0);
}

static void time_reads_month_names(void **state)
{
	struct eg_extract_value *p = *state;

	time_is(p, "Jun 09, 2018 09:30 pm", EG_DATES_ISO, 2018, 6, 9, 21, 30, 0, 0, 0);
	time_is(p, "Jan 15, 2026 12:05 AM", EG_DATES_ISO, 2026, 1, 15, 0, 5, 0, 0, 0);
	time_is(p, "Mon, Apr 26, 2021 12:25", EG_DATES_ISO, 2021, 4, 26, 12, 25, 0, 0, 0);
	time_is(p, "3 October 2026", EG_DATES_ISO, 2026, 10, 3, 0, 0, 0, 0, 0);
	time_is(p, "September 30, 2026", EG_DATES_ISO, 2026, 9, 30, 0, 0, 0, 0, 0);
	time_fails(p, "Foo 3, 2026", EG_DATES_ISO, "unknown month name");
	time_fails(p, "Feb 30, 2026", EG_DATES_ISO, "no such day");
}

static int setup(void **state)
{
	struct eg_extract_value *p;
	struct eg_error err;

	if (eg_extract_value_new(&p, &err) != EG_OK)
		return -1;
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	eg_extract_value_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(amount_reads_plain_decimals),
		cmocka_unit_test(amount_reads_plain_numbers_as_the_general_path_does),
		cmocka_unit_test(amount_strips_currency_symbols_and_codes),
		cmocka_unit_test(amount_reads_negatives_in_every_form),
		cmocka_unit_test(amount_decides_the_decimal_separator_per_value),
		cmocka_unit_test(amount_keeps_a_fixed_style_strict),
		cmocka_unit_test(amount_refuses_what_is_not_an_amount),
		cmocka_unit_test(count_reads_whole_numbers_written_any_way),
		cmocka_unit_test(seconds_round_half_away_from_zero),
		cmocka_unit_test(rate_is_a_fraction_from_0_to_1),
		cmocka_unit_test(blank_markers_read_as_no_value),
		cmocka_unit_test(bool_reads_yes_no_words),
		cmocka_unit_test(time_reads_iso_with_and_without_offsets),
		cmocka_unit_test(time_reads_us_and_european_dates),
		cmocka_unit_test(time_refuses_ambiguous_slashes_without_an_order),
		cmocka_unit_test(time_reads_ga4_compact_dates_and_unix_seconds),
		cmocka_unit_test(time_reads_month_names),
		cmocka_unit_test(currency_comes_from_a_symbol_only_one_currency_uses),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
