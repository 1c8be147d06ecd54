/*
 * test_integer.c - eg_int_parse: signs, the int64 edges, overflow, and every
 * kind of text that is not a whole number (with *out left untouched); and
 * eg_int_format / eg_uint_format against snprintf, edges included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "engage/integer.h"

#define UNCHANGED INT64_C(-777) /* sentinel: *out must keep it on failure */

static void parses(const char *s, int64_t want)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_int_parse(s, strlen(s), &out, &err);
	assert_parsed(s, rc, &err, out, want);
}

static void rejects(const char *s, size_t len)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_int_parse(s, len, &out, &err);
	assert_refused(s, len, rc, &err, out, UNCHANGED);
}

static void rejects_str(const char *s)
{
	rejects(s, strlen(s));
}

static void int_parses_plain_numbers(void **state)
{
	(void)state;
	parses("0", 0);
	parses("7", 7);
	parses("120", 120);
	parses("000042", 42);
}

static void int_parses_signs(void **state)
{
	(void)state;
	parses("-7", -7);
	parses("+7", 7);
	parses("-0", 0);
	parses("+0", 0);
}

static void int_parses_int64_max_and_min(void **state)
{
	(void)state;
	parses("9223372036854775807", INT64_MAX);
	parses("+9223372036854775807", INT64_MAX);
	parses("-9223372036854775808", INT64_MIN);
	parses("-9223372036854775807", -INT64_MAX);
	parses("00009223372036854775807", INT64_MAX);
}

static void int_rejects_overflow(void **state)
{
	(void)state;
	rejects_str("9223372036854775808");
	rejects_str("-9223372036854775809");
	rejects_str("9223372036854775810");
	rejects_str("18446744073709551615");
	rejects_str("18446744073709551616");
	rejects_str("99999999999999999999");
	rejects_str("-99999999999999999999999");
}

static void int_rejects_empty_and_sign_only(void **state)
{
	(void)state;
	rejects("", 0);
	rejects_str("-");
	rejects_str("+");
	rejects_str("--1");
	rejects_str("+-1");
}

static void int_rejects_spaces(void **state)
{
	(void)state;
	rejects_str(" 1");
	rejects_str("1 ");
	rejects_str("- 1");
	rejects_str(" ");
	rejects_str("1 000");
	rejects_str("\t1");
	rejects_str("1\n");
}

static void int_rejects_non_digits(void **state)
{
	(void)state;
	rejects_str("1.0");
	rejects_str("1,000");
	rejects_str("1e3");
	rejects_str("0x10");
	rejects_str("abc");
	rejects_str("12a");
	rejects_str("/");
	rejects_str(":");
	rejects_str("\xd9\xa3"); /* ARABIC-INDIC DIGIT THREE */
	rejects("1\0", 2);
}

static void int_only_reads_len_bytes(void **state)
{
	struct eg_error err;
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_int_parse("123abc", 3, &out, &err), EG_OK);
	assert_true(out == 123);
	assert_int_equal(eg_int_parse("-5x", 2, &out, &err), EG_OK);
	assert_true(out == -5);
}

static void int_accepts_null_error_record(void **state)
{
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_int_parse("x", 1, &out, NULL), EG_EDATA);
	assert_true(out == UNCHANGED);
}

static void int_add_sums_and_refuses_to_leave_int64(void **state)
{
	int64_t acc = 40;

	(void)state;
	assert_int_equal(eg_int_add(&acc, 2), EG_OK);
	assert_true(acc == 42);
	acc = INT64_MAX - 1;
	assert_int_equal(eg_int_add(&acc, 1), EG_OK);
	assert_true(acc == INT64_MAX);
	assert_int_equal(eg_int_add(&acc, 1), EG_EDATA);
	assert_true(acc == INT64_MAX);
	acc = INT64_MIN;
	assert_int_equal(eg_int_add(&acc, -1), EG_EDATA);
	assert_true(acc == INT64_MIN);
}

/* Formats v both ways and asserts the text and the returned length match snprintf's. */
static void formats_like_printf(int64_t v)
{
	char want[32], got[EG_INT_BUFSZ + 8];
	int n = snprintf(want, sizeof(want), "%" PRId64, v);

	memset(got, 'x', sizeof(got));
	assert_int_equal(eg_int_format(v, got), (size_t)n);
	assert_string_equal(got, want);
	assert_true(got[EG_INT_BUFSZ] == 'x'); /* nothing written past the buffer size */
}

static void int_format_matches_printf_at_the_edges(void **state)
{
	static const int64_t edges[] = { 0,
					 1,
					 -1,
					 9,
					 -9,
					 10,
					 -10,
					 99,
					 100,
					 -100,
					 101,
					 INT64_MAX,
					 INT64_MIN,
					 INT64_MAX - 1,
					 INT64_MIN + 1,
					 INT64_C(1000000000000000000),
					 INT64_C(-999999999999999999) };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		formats_like_printf(edges[i]);
}

static void int_format_matches_printf_around_every_power_of_ten(void **state)
{
	int64_t p = 1;
	int k;

	(void)state;
	/* 10^0 to 10^18; 10^19 does not fit. */
	for (k = 0; k < 19; k++) {
		formats_like_printf(p - 1);
		formats_like_printf(p);
		formats_like_printf(p + 1);
		formats_like_printf(-p + 1);
		formats_like_printf(-p);
		formats_like_printf(-p - 1);
		if (k < 18)
			p *= 10;
	}
}

static void int_format_matches_printf_on_scattered_values(void **state)
{
	uint64_t x = UINT64_C(0x9E3779B97F4A7C15);
	int i;

	(void)state;
	/* A fixed xorshift sequence: every magnitude, both signs. */
	for (i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		formats_like_printf((int64_t)(x >> (i % 64)));
		formats_like_printf((int64_t)x);
	}
}

static void uint_format_writes_the_largest_value(void **state)
{
	char got[EG_INT_BUFSZ];

	(void)state;
	assert_int_equal(eg_uint_format(UINT64_MAX, got), 20);
	assert_string_equal(got, "18446744073709551615");
	assert_int_equal(eg_uint_format(0, got), 1);
	assert_string_equal(got, "0");
}

/* Fixed-width digits match "%0*llu" below 10^width, and keep the last width digits above. */
static void uint_format_digits_pads_with_zeros_to_the_width(void **state)
{
	static const uint64_t v[] = { 0, 1, 9, 10, 59, 99, 100, 1999, 9999, 12345 };
	char want[32], got[8];
	size_t i;
	unsigned w;

	(void)state;
	for (w = 1; w <= 4; w++) {
		for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			snprintf(want, sizeof(want), "%0*llu", (int)w, (unsigned long long)v[i]);
			memset(got, 'x', sizeof(got));
			eg_uint_format_digits(v[i], w, got);
			assert_int_equal(got[w], 'x');
			got[w] = '\0';
			assert_string_equal(got, want + strlen(want) - w);
		}
	}
}

static void int_format_grouped_puts_commas_between_thousands(void **state)
{
	char buf[40];

	(void)state;
	assert_string_equal(eg_int_format_grouped(0, buf, sizeof(buf)), "0");
	assert_string_equal(eg_int_format_grouped(999, buf, sizeof(buf)), "999");
	assert_string_equal(eg_int_format_grouped(1000, buf, sizeof(buf)), "1,000");
	assert_string_equal(eg_int_format_grouped(120001, buf, sizeof(buf)), "120,001");
	assert_string_equal(eg_int_format_grouped(-1234567, buf, sizeof(buf)), "-1,234,567");
	assert_string_equal(eg_int_format_grouped(INT64_MIN, buf, sizeof(buf)),
			    "-9,223,372,036,854,775,808");
	assert_string_equal(eg_int_format_grouped(INT64_MAX, buf, sizeof(buf)),
			    "9,223,372,036,854,775,807");
	/* Cut short to fit, NUL-terminated. */
	assert_string_equal(eg_int_format_grouped(1234567, buf, 5), "1,2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(int_parses_plain_numbers),
		cmocka_unit_test(int_parses_signs),
		cmocka_unit_test(int_parses_int64_max_and_min),
		cmocka_unit_test(int_rejects_overflow),
		cmocka_unit_test(int_rejects_empty_and_sign_only),
		cmocka_unit_test(int_rejects_spaces),
		cmocka_unit_test(int_rejects_non_digits),
		cmocka_unit_test(int_only_reads_len_bytes),
		cmocka_unit_test(int_accepts_null_error_record),
		cmocka_unit_test(int_add_sums_and_refuses_to_leave_int64),
		cmocka_unit_test(uint_format_digits_pads_with_zeros_to_the_width),
		cmocka_unit_test(int_format_grouped_puts_commas_between_thousands),
		cmocka_unit_test(int_format_matches_printf_at_the_edges),
		cmocka_unit_test(int_format_matches_printf_around_every_power_of_ten),
		cmocka_unit_test(int_format_matches_printf_on_scattered_values),
		cmocka_unit_test(uint_format_writes_the_largest_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
