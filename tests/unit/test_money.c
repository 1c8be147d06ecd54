/*
 * test_money.c - fixed-point amounts in ten-thousandths: parsing (signs,
 * decimals, rounding past the fourth decimal, thousands separators, the
 * int64 edge), formatting, rounding division, rounding to fewer decimals,
 * and the overflow checks of multiply and add.
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

#include "engage/money.h"

#define UNCHANGED INT64_C(-777) /* sentinel: *out must keep it on failure */

static const struct eg_money_style dot_comma = { '.', ',' };   /* 1,234.50 */
static const struct eg_money_style comma_dot = { ',', '.' };   /* 1.234,50 */
static const struct eg_money_style comma_only = { ',', 0 };    /* 12,50 */
static const struct eg_money_style comma_space = { ',', ' ' }; /* 1 234,50 */

/* Parses s with style and asserts it gives want. */
static void parses(const char *s, const struct eg_money_style *style, int64_t want)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_money_parse(s, strlen(s), style, &out, &err);
	assert_parsed(s, rc, &err, out, want);
}

/* Asserts that s is rejected with EG_EDATA, a message, and *out untouched. */
static void rejects(const char *s, size_t len, const struct eg_money_style *style)
{
	struct eg_error err;
	int64_t out = UNCHANGED;
	int rc;

	eg_error_clear(&err);
	rc = eg_money_parse(s, len, style, &out, &err);
	assert_refused(s, len, rc, &err, out, UNCHANGED);
}

static void rejects_str(const char *s, const struct eg_money_style *style)
{
	rejects(s, strlen(s), style);
}

/* ---- parse ---- */

static void money_parses_plain_amounts(void **state)
{
	(void)state;
	parses("0", NULL, 0);
	parses("12", NULL, 120000);
	parses("12.5", NULL, 125000);
	parses("12.50", NULL, 125000);
	parses("1234.56", NULL, 12345600);
	parses("007.10", NULL, 71000);
	parses("0.0", NULL, 0);
}

static void money_parses_signs(void **state)
{
	(void)state;
	parses("-12.50", NULL, -125000);
	parses("+12.50", NULL, 125000);
	parses("-0", NULL, 0);
	parses("-0.01", NULL, -100);
	parses("+.5", NULL, 5000);
	parses("-.5", NULL, -5000);
}

static void money_parses_without_integer_part(void **state)
{
	(void)state;
	parses(".5", NULL, 5000);
	parses(".0001", NULL, 1);
}

static void money_parses_trailing_point(void **state)
{
	(void)state;
	parses("5.", NULL, 50000);
	parses("-5.", NULL, -50000);
}

static void money_parses_four_decimals_exactly(void **state)
{
	(void)state;
	parses("0.001", NULL, 10);
	parses("0.0001", NULL, 1);
	parses("-3.0010", NULL, -30010);
	parses("9.9999", NULL, 99999);
}

static void money_rounds_fifth_decimal_half_away_from_zero(void **state)
{
	(void)state;
	parses("0.00005", NULL, 1);
	parses("-0.00005", NULL, -1);
	parses("0.00004", NULL, 0);
	parses("-0.00004", NULL, 0);
	parses("0.000049999", NULL, 0);
	parses("0.00005000", NULL, 1);
	parses("1.23456", NULL, 12346);
	parses("-1.23455", NULL, -12346);
	parses("-1.23454999", NULL, -12345);
	parses("9.99995", NULL, 100000);
	parses("-9.99995", NULL, -100000);
}

static void money_parses_thousands_separators_dot_decimal(void **state)
{
	(void)state;
	parses("1,234.50", &dot_comma, 12345000);
	parses("1,234,567.89", &dot_comma, 12345678900);
	parses("-12,345", &dot_comma, -123450000);
	parses("123", &dot_comma, 1230000);
	parses("1234.5", &dot_comma, 12345000); /* separators are optional */
}

static void money_parses_decimal_comma(void **state)
{
	(void)state;
	parses("1.234,50", &comma_dot, 12345000);
	parses("-1.234.567,8", &comma_dot, -12345678000);
	parses("12,50", &comma_only, 125000);
	parses("1 234,5", &comma_space, 12345000);
	parses(",5", &comma_dot, 5000);
}

static void money_rejects_misplaced_thousands_separators(void **state)
{
	(void)state;
	rejects_str(",123.00", &dot_comma);   /* no digit before */
	rejects_str("1,23.00", &dot_comma);   /* short last group */
	rejects_str("1,2345.00", &dot_comma); /* long last group */
	rejects_str("1234,567", &dot_comma);  /* long first group */
	rejects_str("1,,234", &dot_comma);    /* empty group */
	rejects_str("1,234,56", &dot_comma);  /* short group */
	rejects_str("1,234,", &dot_comma);    /* trailing separator */
	rejects_str("1,234.5,0", &dot_comma); /* separator in the decimals */
	rejects_str("-,123", &dot_comma);     /* after the sign */
	rejects_str("1.23,45", &comma_dot);   /* short group, decimal comma */
	rejects_str("1,234.50", NULL);	      /* no separator allowed by default */
	rejects_str("1.234,50", &dot_comma);  /* the other style's text */
}

static void money_rejects_empty_garbage_and_sign_only(void **state)
{
	(void)state;
	rejects("", 0, NULL);
	rejects_str("-", NULL);
	rejects_str("+", NULL);
	rejects_str(".", NULL);
	rejects_str("-.", NULL);
	rejects_str("abc", NULL);
	rejects_str("12a", NULL);
	rejects_str("1.2.3", NULL);
	rejects_str("1e3", NULL);
	rejects_str(" 12", NULL);
	rejects_str("12 ", NULL);
	rejects_str("--1", NULL);
	rejects_str("+-1", NULL);
	rejects_str("$12", NULL);
	rejects_str("1.2x", NULL);
	rejects_str("0x10", NULL);
	rejects("12\0", 3, NULL);
}

static void money_only_reads_len_bytes(void **state)
{
	struct eg_error err;
	int64_t out = 0;

	(void)state;
	assert_int_equal(eg_money_parse("12.34junk", 5, NULL, &out, &err), EG_OK);
	assert_true(out == 123400);
}

static void money_parses_largest_amount_that_fits(void **state)
{
	(void)state;
	/* INT64_MAX = 9223372036854775807 ten-thousandths */
	parses("922337203685477.5807", NULL, INT64_MAX);
	parses("-922337203685477.5807", NULL, -INT64_MAX);
	parses("922337203685477.58074", NULL, INT64_MAX);
	parses("922,337,203,685,477.5807", &dot_comma, INT64_MAX);
}

static void money_rejects_amount_past_int64(void **state)
{
	(void)state;
	rejects_str("922337203685477.5808", NULL);
	rejects_str("922337203685477.58075", NULL); /* rounds up past the edge */
	rejects_str("922337203685478", NULL);
	rejects_str("9223372036854770", NULL); /* one more integer digit */
	rejects_str("-9223372036854770", NULL);
	rejects_str("99999999999999999999", NULL);
	rejects_str("123456789012345678901234567890", NULL);
}

static void money_rejects_integer_part_that_wraps_uint64(void **state)
{
	(void)state;
	/*
	 * 1844674407370955161 * 10 + 6..9 is past UINT64_MAX: these 20-digit
	 * numbers must be out of range, not wrap around to a small amount.
	 */
	rejects_str("18446744073709551616", NULL);
	rejects_str("18446744073709551619", NULL);
	rejects_str("-18446744073709551619.00", NULL);
}

/* ---- format ---- */

static void formats(int64_t v, const char *want)
{
	char buf[EG_MONEY_BUFSZ];

	memset(buf, 'x', sizeof(buf));
	assert_ptr_equal(eg_money_format(v, buf), buf);
	assert_string_equal(buf, want);
}

static void money_formats_two_decimals_for_whole_cents(void **state)
{
	(void)state;
	formats(125000, "12.50");
	formats(0, "0.00");
	formats(-100, "-0.01");
	formats(10000, "1.00");
	formats(-125000, "-12.50");
	formats(12345600, "1234.56");
}

static void money_formats_four_decimals_otherwise(void **state)
{
	(void)state;
	formats(-30010, "-3.0010");
	formats(1, "0.0001");
	formats(-1, "-0.0001");
	formats(10, "0.0010");
	formats(125001, "12.5001");
}

static void money_formats_extreme_values(void **state)
{
	(void)state;
	formats(INT64_MAX, "922337203685477.5807");
	formats(INT64_MIN, "-922337203685477.5808");
	formats(INT64_C(99999999999990000), "9999999999999.00");
}

static void money_format_round_trips_through_parse(void **state)
{
	static const int64_t values[] = { 0,	  1,	  -1,	     99,	 100,	   -100,
					  125000, -30010, INT64_MAX, -INT64_MAX, 123456789 };
	char buf[EG_MONEY_BUFSZ];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		parses(eg_money_format(values[i], buf), NULL, values[i]);
}

/* The format's definition, in printf: two decimals for whole cents, else four. */
static void formats_like_printf(int64_t v)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char want[64], got[EG_MONEY_BUFSZ];

	if (mag % 100 == 0)
		snprintf(want, sizeof(want), "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "",
			 mag / 10000, mag % 10000 / 100);
	else
		snprintf(want, sizeof(want), "%s%" PRIu64 ".%04" PRIu64, v < 0 ? "-" : "",
			 mag / 10000, mag % 10000);
	eg_money_format(v, got);
	assert_string_equal(got, want);
}

static void money_format_matches_printf_on_edges_and_scattered_values(void **state)
{
	static const int64_t edges[] = { 0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, 9999, 10000,
					 10001, -9999, -10000, -10001, INT64_MAX, INT64_MIN,
					 INT64_MAX - 1, INT64_MIN + 1, INT64_MIN + 100 };
	uint64_t x = UINT64_C(0x2545F4914F6CDD1D);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		formats_like_printf(edges[i]);
	for (i = 0; i < 100000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		formats_like_printf((int64_t)(x >> (i % 64)));
		/* Whole cents, to take the two-decimal branch often. */
		formats_like_printf((int64_t)(x >> (i % 56 + 8)) / 100 * 100);
		formats_like_printf((int64_t)x);
	}
}

/* ---- div_round and round ---- */

static void money_div_round_halves_away_from_zero(void **state)
{
	(void)state;
	assert_int_equal(eg_money_div_round(5, 2), 3);
	assert_int_equal(eg_money_div_round(-5, 2), -3);
	assert_int_equal(eg_money_div_round(5, -2), -3);
	assert_int_equal(eg_money_div_round(-5, -2), 3);
	assert_int_equal(eg_money_div_round(7, 2), 4);
	assert_int_equal(eg_money_div_round(-7, 2), -4);
	assert_int_equal(eg_money_div_round(3, 2), 2);
	assert_int_equal(eg_money_div_round(1, 2), 1);
	assert_int_equal(eg_money_div_round(-1, 2), -1);
}

static void money_div_round_rounds_below_half_toward_zero(void **state)
{
	(void)state;
	assert_int_equal(eg_money_div_round(10, 3), 3);
	assert_int_equal(eg_money_div_round(-10, 3), -3);
	assert_int_equal(eg_money_div_round(10, -3), -3);
	assert_int_equal(eg_money_div_round(11, 3), 4);
	assert_int_equal(eg_money_div_round(-11, 3), -4);
	assert_int_equal(eg_money_div_round(-11, -3), 4);
	assert_int_equal(eg_money_div_round(0, 7), 0);
	assert_int_equal(eg_money_div_round(0, -7), 0);
	assert_int_equal(eg_money_div_round(12, 4), 3);
	assert_int_equal(eg_money_div_round(-12, 4), -3);
	assert_int_equal(eg_money_div_round(1, 3), 0);
	assert_int_equal(eg_money_div_round(-1, 3), 0);
}

static void money_div_round_handles_large_values(void **state)
{
	(void)state;
	assert_true(eg_money_div_round(INT64_MAX, 1) == INT64_MAX);
	assert_true(eg_money_div_round(INT64_MAX, 2) == INT64_C(4611686018427387904));
	assert_true(eg_money_div_round(-INT64_MAX, 2) == -INT64_C(4611686018427387904));
	assert_true(eg_money_div_round(INT64_MIN, 2) == INT64_MIN / 2);
	assert_true(eg_money_div_round(INT64_MIN, INT64_MIN) == 1);
	assert_true(eg_money_div_round(INT64_MAX, INT64_MIN) == -1);
}

static void money_rounds_to_whole_units(void **state)
{
	(void)state;
	assert_int_equal(eg_money_round(125000, 0), 130000);   /* 12.50 -> 13 */
	assert_int_equal(eg_money_round(-125000, 0), -130000); /* -12.50 -> -13 */
	assert_int_equal(eg_money_round(124999, 0), 120000);
	assert_int_equal(eg_money_round(-124999, 0), -120000);
	assert_int_equal(eg_money_round(0, 0), 0);
}

static void money_rounds_to_one_two_three_decimals(void **state)
{
	(void)state;
	assert_int_equal(eg_money_round(12500, 1), 13000); /* 1.25 -> 1.3 */
	assert_int_equal(eg_money_round(-12500, 1), -13000);
	assert_int_equal(eg_money_round(12499, 1), 12000);
	assert_int_equal(eg_money_round(12345, 2), 12300); /* 1.2345 -> 1.23 */
	assert_int_equal(eg_money_round(12350, 2), 12400); /* 1.2350 -> 1.24 */
	assert_int_equal(eg_money_round(-12350, 2), -12400);
	assert_int_equal(eg_money_round(-50, 2), -100); /* -0.005 -> -0.01 */
	assert_int_equal(eg_money_round(50, 2), 100);
	assert_int_equal(eg_money_round(49, 2), 0);
	assert_int_equal(eg_money_round(12345, 3), 12350); /* 1.2345 -> 1.235 */
	assert_int_equal(eg_money_round(-12345, 3), -12350);
	assert_int_equal(eg_money_round(12344, 3), 12340);
}

static void money_round_to_four_decimals_is_identity(void **state)
{
	(void)state;
	assert_int_equal(eg_money_round(12345, 4), 12345);
	assert_int_equal(eg_money_round(-1, 4), -1);
	assert_true(eg_money_round(INT64_MAX, 4) == INT64_MAX);
	assert_true(eg_money_round(INT64_MIN, 4) == INT64_MIN);
}

/* ---- mul and add ---- */

static void money_mul_multiplies(void **state)
{
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_money_mul(125000, 3, &out), EG_OK);
	assert_int_equal(out, 375000);
	assert_int_equal(eg_money_mul(-30010, -2, &out), EG_OK);
	assert_int_equal(out, 60020);
	assert_int_equal(eg_money_mul(125000, 0, &out), EG_OK);
	assert_int_equal(out, 0);
	assert_int_equal(eg_money_mul(INT64_MAX, 1, &out), EG_OK);
	assert_true(out == INT64_MAX);
	assert_int_equal(eg_money_mul(INT64_MAX, -1, &out), EG_OK);
	assert_true(out == -INT64_MAX);
}

static void money_mul_overflow_is_data_error_and_out_unchanged(void **state)
{
	int64_t out = UNCHANGED;

	(void)state;
	assert_int_equal(eg_money_mul(INT64_MAX, 2, &out), EG_EDATA);
	assert_true(out == UNCHANGED);
	assert_int_equal(eg_money_mul(INT64_MIN, -1, &out), EG_EDATA);
	assert_true(out == UNCHANGED);
	assert_int_equal(eg_money_mul(INT64_C(4611686018427387904), 2, &out), EG_EDATA);
	assert_true(out == UNCHANGED);
	assert_int_equal(eg_money_mul(-INT64_C(4611686018427387905), 2, &out), EG_EDATA);
	assert_true(out == UNCHANGED);
	assert_int_equal(eg_money_mul(INT64_C(3037000500), INT64_C(3037000500), &out), EG_EDATA);
	assert_true(out == UNCHANGED);
}

static void money_add_adds(void **state)
{
	int64_t acc = 125000;

	(void)state;
	assert_int_equal(eg_money_add(&acc, -30010), EG_OK);
	assert_int_equal(acc, 94990);
	acc = INT64_MAX - 1;
	assert_int_equal(eg_money_add(&acc, 1), EG_OK);
	assert_true(acc == INT64_MAX);
	acc = INT64_MIN + 1;
	assert_int_equal(eg_money_add(&acc, -1), EG_OK);
	assert_true(acc == INT64_MIN);
}

static void money_add_overflow_is_data_error_and_acc_unchanged(void **state)
{
	int64_t acc = INT64_MAX;

	(void)state;
	assert_int_equal(eg_money_add(&acc, 1), EG_EDATA);
	assert_true(acc == INT64_MAX);
	acc = INT64_MIN;
	assert_int_equal(eg_money_add(&acc, -1), EG_EDATA);
	assert_true(acc == INT64_MIN);
	acc = INT64_C(5000000000000000000);
	assert_int_equal(eg_money_add(&acc, INT64_C(5000000000000000000)), EG_EDATA);
	assert_true(acc == INT64_C(5000000000000000000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_parses_plain_amounts),
		cmocka_unit_test(money_parses_signs),
		cmocka_unit_test(money_parses_without_integer_part),
		cmocka_unit_test(money_parses_trailing_point),
		cmocka_unit_test(money_parses_four_decimals_exactly),
		cmocka_unit_test(money_rounds_fifth_decimal_half_away_from_zero),
		cmocka_unit_test(money_parses_thousands_separators_dot_decimal),
		cmocka_unit_test(money_parses_decimal_comma),
		cmocka_unit_test(money_rejects_misplaced_thousands_separators),
		cmocka_unit_test(money_rejects_empty_garbage_and_sign_only),
		cmocka_unit_test(money_only_reads_len_bytes),
		cmocka_unit_test(money_parses_largest_amount_that_fits),
		cmocka_unit_test(money_rejects_amount_past_int64),
		cmocka_unit_test(money_rejects_integer_part_that_wraps_uint64),
		cmocka_unit_test(money_formats_two_decimals_for_whole_cents),
		cmocka_unit_test(money_formats_four_decimals_otherwise),
		cmocka_unit_test(money_formats_extreme_values),
		cmocka_unit_test(money_format_round_trips_through_parse),
		cmocka_unit_test(money_format_matches_printf_on_edges_and_scattered_values),
		cmocka_unit_test(money_div_round_halves_away_from_zero),
		cmocka_unit_test(money_div_round_rounds_below_half_toward_zero),
		cmocka_unit_test(money_div_round_handles_large_values),
		cmocka_unit_test(money_rounds_to_whole_units),
		cmocka_unit_test(money_rounds_to_one_two_three_decimals),
		cmocka_unit_test(money_round_to_four_decimals_is_identity),
		cmocka_unit_test(money_mul_multiplies),
		cmocka_unit_test(money_mul_overflow_is_data_error_and_out_unchanged),
		cmocka_unit_test(money_add_adds),
		cmocka_unit_test(money_add_overflow_is_data_error_and_acc_unchanged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
