/*
 * test_exchange_rates.c - the rates file (currency, month, rate with up to
 * 8 decimals), finding a rate by currency and month, and converting an
 * amount at a rate rounded half away from zero for both signs; a malformed
 * row is EG_EDATA naming the file and its line.
 *
 * Rates are EG_RATE_SCALE (10^8) units; amounts money.h units (10^4). A
 * converted amount is amount x rate / 10^8, worked out in each comment.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/exchange_rates.h"

#define MON(y, m) ((int64_t)(y)*12 + (m)-1)
#define HEADER	  "currency,month,rate\n"

static char path[600]; /* scratch/rates.csv */

static int setup(void **state)
{
	if (scratch_setup(state))
		return -1;
	snprintf(path, sizeof(path), "%s/rates.csv", scratch);
	return 0;
}

/* Writes text as the rates file and loads it; returns the status. */
static int load(const char *text, struct eg_exchange_rates **r, struct eg_error *err)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	*r = NULL;
	eg_error_clear(err);
	return eg_exchange_rates_load(r, path, err);
}

/* Asserts that text fails to load with EG_EDATA at line of the rates file. */
static void bad_at(const char *text, long line)
{
	struct eg_exchange_rates *r;
	struct eg_error err;

	assert_int_equal(load(text, &r, &err), EG_EDATA);
	assert_null(r);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, line);
}

static void rates_are_found_by_currency_and_month(void **state)
{
	struct eg_exchange_rates *r;
	struct eg_error err;
	int64_t rate = -1;

	(void)state;
	assert_int_equal(load(HEADER "EUR,2026-01,1.0842\n"
				     "GBP,2026-01,1.25\n"
				     "JPY,2026-01,0.00654321\n"
				     "EUR,2026-02,1.08425\n"
				     "CHF,2026-02,1.\n"
				     "SEK,2026-02,.09\n",
			      &r, &err),
			 EG_OK);
	assert_int_equal(eg_exchange_rates_find(r, "EUR", MON(2026, 1), &rate), 1);
	assert_true(rate == INT64_C(108420000));
	assert_int_equal(eg_exchange_rates_find(r, "EUR", MON(2026, 2), &rate), 1);
	assert_true(rate == INT64_C(108425000));
	assert_int_equal(eg_exchange_rates_find(r, "GBP", MON(2026, 1), &rate), 1);
	assert_true(rate == INT64_C(125000000));
	/* 8 decimals kept exactly */
	assert_int_equal(eg_exchange_rates_find(r, "JPY", MON(2026, 1), &rate), 1);
	assert_true(rate == INT64_C(654321));
	assert_int_equal(eg_exchange_rates_find(r, "CHF", MON(2026, 2), &rate), 1);
	assert_true(rate == EG_RATE_SCALE);
	assert_int_equal(eg_exchange_rates_find(r, "SEK", MON(2026, 2), &rate), 1);
	assert_true(rate == INT64_C(9000000));
	/* no such month, no such currency: 0 and the rate untouched */
	rate = -1;
	assert_int_equal(eg_exchange_rates_find(r, "EUR", MON(2026, 3), &rate), 0);
	assert_int_equal(eg_exchange_rates_find(r, "USD", MON(2026, 1), &rate), 0);
	assert_true(rate == -1);
	eg_exchange_rates_free(r);
	/* no rates at all */
	assert_int_equal(eg_exchange_rates_find(NULL, "EUR", MON(2026, 1), &rate), 0);
	eg_exchange_rates_free(NULL);
}

static void rates_file_with_no_rows_finds_nothing(void **state)
{
	struct eg_exchange_rates *r;
	struct eg_error err;
	int64_t rate = -1;

	(void)state;
	assert_int_equal(load(HEADER, &r, &err), EG_OK);
	assert_non_null(r);
	assert_int_equal(eg_exchange_rates_find(r, "EUR", MON(2026, 1), &rate), 0);
	eg_exchange_rates_free(r);
}

static void convert_rounds_half_away_from_zero_for_both_signs(void **state)
{
	int64_t out = 0;

	(void)state;
	/* 1.0000 x 1.08425 = 1.08425 -> 1.0843 (10842.5 units -> 10843) */
	assert_int_equal(eg_exchange_convert(10000, INT64_C(108425000), &out), EG_OK);
	assert_true(out == 10843);
	assert_int_equal(eg_exchange_convert(-10000, INT64_C(108425000), &out), EG_OK);
	assert_true(out == -10843);
	/* 0.0001 x 0.5 = 0.00005 -> 0.0001; the negative likewise */
	assert_int_equal(eg_exchange_convert(1, INT64_C(50000000), &out), EG_OK);
	assert_true(out == 1);
	assert_int_equal(eg_exchange_convert(-1, INT64_C(50000000), &out), EG_OK);
	assert_true(out == -1);
	/* 0.0001 x 0.49999999 is below the half: 0 */
	assert_int_equal(eg_exchange_convert(1, INT64_C(49999999), &out), EG_OK);
	assert_true(out == 0);
	assert_int_equal(eg_exchange_convert(-1, INT64_C(49999999), &out), EG_OK);
	assert_true(out == 0);
	/* 123.4567 x 1.0842 = 133.85175414 -> 133.8518 */
	assert_int_equal(eg_exchange_convert(1234567, INT64_C(108420000), &out), EG_OK);
	assert_true(out == 1338518);
	/* 250.00 x 0.00654321 = 1.6358025 -> 1.6358 */
	assert_int_equal(eg_exchange_convert(2500000, INT64_C(654321), &out), EG_OK);
	assert_true(out == 16358);
	assert_int_equal(eg_exchange_convert(0, INT64_C(108420000), &out), EG_OK);
	assert_true(out == 0);
}

static void convert_that_does_not_fit_is_data_error_leaving_out_alone(void **state)
{
	int64_t out = 77;

	(void)state;
	assert_int_equal(eg_exchange_convert(INT64_MAX, 2 * EG_RATE_SCALE, &out), EG_EDATA);
	assert_true(out == 77);
	assert_int_equal(eg_exchange_convert(INT64_MIN + 1, 2 * EG_RATE_SCALE, &out), EG_EDATA);
	assert_true(out == 77);
	/* at a rate of 1 the largest amount still fits */
	assert_int_equal(eg_exchange_convert(INT64_MAX, EG_RATE_SCALE, &out), EG_OK);
	assert_true(out == INT64_MAX);
}

static void rate_with_nine_decimals_is_data_error_at_its_line(void **state)
{
	(void)state;
	bad_at(HEADER "EUR,2026-01,1.12345678\nEUR,2026-02,1.123456789\n", 3);
}

static void rate_that_is_not_positive_is_data_error_at_its_line(void **state)
{
	(void)state;
	bad_at(HEADER "EUR,2026-01,0\n", 2);
	bad_at(HEADER "EUR,2026-01,0.00000000\n", 2);
	bad_at(HEADER "EUR,2026-01,1.08\nEUR,2026-02,-1.08\n", 3);
}

static void rate_that_is_not_a_number_is_data_error_at_its_line(void **state)
{
	(void)state;
	bad_at(HEADER "EUR,2026-01,\n", 2);
	bad_at(HEADER "EUR,2026-01,\"1,08\"\n", 2);
	bad_at(HEADER "EUR,2026-01,1.08\nEUR,2026-02,abc\n", 3);
	bad_at(HEADER "EUR,2026-01, 1.08\n", 2);
	bad_at(HEADER "EUR,2026-01,.\n", 2);
}

static void rate_too_large_to_hold_is_data_error_at_its_line(void **state)
{
	(void)state;
	/* INT64_MAX is 92233720368.54775807 rate units of 10^8 */
	bad_at(HEADER "EUR,2026-01,92233720369\n", 2);
	bad_at(HEADER "EUR,2026-01,92233720368.99999999\n", 2);
	bad_at(HEADER "EUR,2026-01,1000000000000\n", 2);
}

static void bad_month_is_data_error_at_its_line(void **state)
{
	(void)state;
	bad_at(HEADER "EUR,2026-13,1.08\n", 2);
	bad_at(HEADER "EUR,2026-01,1.08\nEUR,Jan 2026,1.08\n", 3);
}

static void currency_that_is_not_three_characters_is_data_error_at_its_line(void **state)
{
	(void)state;
	bad_at(HEADER "EURO,2026-01,1.08\n", 2);
	bad_at(HEADER "EUR,2026-01,1.08\nEU,2026-01,1.08\n", 3);
	bad_at(HEADER ",2026-01,1.08\n", 2);
}

static void currency_that_is_not_three_letters_is_data_error_at_its_line(void **state)
{
	(void)state;
	/* The message says "a 3-letter currency": digits and signs are not letters. */
	bad_at(HEADER "EU1,2026-01,1.08\n", 2);
	bad_at(HEADER "EUR,2026-01,1.08\n$$$,2026-01,1.08\n", 3);
}

static void rates_file_missing_a_column_is_data_error(void **state)
{
	struct eg_exchange_rates *r;
	struct eg_error err;

	(void)state;
	assert_int_equal(load("currency,rate\nEUR,1.08\n", &r, &err), EG_EDATA);
	assert_null(r);
	assert_non_null(strstr(err.message, "month"));
}

static void missing_rates_file_is_io_error(void **state)
{
	struct eg_exchange_rates *r = NULL;
	struct eg_error err;
	const char *nowhere = scratch_path("none.csv");

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_exchange_rates_load(&r, nowhere, &err), EG_EIO);
	assert_null(r);
	assert_string_equal(err.file, nowhere);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rates_are_found_by_currency_and_month),
		cmocka_unit_test(rates_file_with_no_rows_finds_nothing),
		cmocka_unit_test(convert_rounds_half_away_from_zero_for_both_signs),
		cmocka_unit_test(convert_that_does_not_fit_is_data_error_leaving_out_alone),
		cmocka_unit_test(rate_with_nine_decimals_is_data_error_at_its_line),
		cmocka_unit_test(rate_that_is_not_positive_is_data_error_at_its_line),
		cmocka_unit_test(rate_that_is_not_a_number_is_data_error_at_its_line),
		cmocka_unit_test(rate_too_large_to_hold_is_data_error_at_its_line),
		cmocka_unit_test(bad_month_is_data_error_at_its_line),
		cmocka_unit_test(currency_that_is_not_three_characters_is_data_error_at_its_line),
		cmocka_unit_test(currency_that_is_not_three_letters_is_data_error_at_its_line),
		cmocka_unit_test(rates_file_missing_a_column_is_data_error),
		cmocka_unit_test(missing_rates_file_is_io_error),
	};

	return cmocka_run_group_tests(tests, setup, scratch_teardown);
}
