/*
 * test_phone.c - phone numbers as customer keys: one key for one number
 * however it is written, none for numbers that cannot identify a person.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engage/phone.h"

/* The key of s, in a static buffer. */
static const char *key(const char *s)
{
	static char out[EG_PHONE_SIZE];

	eg_phone_key(s, strlen(s), out);
	return out;
}

static void phone_with_plus_keeps_country_code_and_digits(void **state)
{
	(void)state;
	assert_string_equal(key("+1 (215) 555-0199"), "+12155550199");
	assert_string_equal(key("+12155550199"), "+12155550199");
	assert_string_equal(key("(+1) 215.555.0199"), "+12155550199");
}

static void phone_with_00_reads_as_plus(void **state)
{
	(void)state;
	assert_string_equal(key("0012155550199"), "+12155550199");
	assert_string_equal(key("00 46 70 123 45 67"), "+46701234567");
}

static void phone_spreadsheet_apostrophe_and_spaces_are_dropped(void **state)
{
	(void)state;
	assert_string_equal(key(" '+46 70 123 45 67 "), "+46701234567");
}

static void phone_trunk_zero_after_country_code_is_dropped(void **state)
{
	(void)state;
	assert_string_equal(key("+44 (0)20 7946 0018"), "+442079460018");
}

static void phone_without_country_code_keeps_its_digits(void **state)
{
	char national[EG_PHONE_SIZE], international[EG_PHONE_SIZE];

	(void)state;
	assert_string_equal(key("0612 345 678"), "0612345678");
	assert_string_equal(key("(215) 555-0199"), "2155550199");
	/* Not the same key as the international form: no country is assumed. */
	eg_phone_key("2155550199", 10, national);
	eg_phone_key("+12155550199", 12, international);
	assert_string_not_equal(national, international);
}

static void phone_masked_or_with_letters_has_no_key(void **state)
{
	char out[EG_PHONE_SIZE];

	(void)state;
	assert_int_equal(eg_phone_key("(+1)*******88", 13, out), 0);
	assert_string_equal(out, "");
	assert_string_equal(key("215-555-0199 ext 12"), "");
	assert_string_equal(key("n/a"), "");
}

static void phone_too_short_too_long_or_placeholder_has_no_key(void **state)
{
	(void)state;
	assert_string_equal(key("555-019"), "");
	assert_string_equal(key("5550199"), "5550199");
	assert_string_equal(key("+1234567890123456"), "");
	assert_string_equal(key("0000000000"), "");
	assert_string_equal(key("+1 111 111 1111"), "");
	assert_string_equal(key(""), "");
	assert_string_equal(key("+"), "");
}

static void phone_key_length_is_returned(void **state)
{
	char out[EG_PHONE_SIZE];

	(void)state;
	assert_int_equal(eg_phone_key("+1 215 555 0199", 15, out), 12);
	assert_int_equal(eg_phone_key("+123456789012345", 16, out), 16);
	assert_string_equal(out, "+123456789012345");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phone_with_plus_keeps_country_code_and_digits),
		cmocka_unit_test(phone_with_00_reads_as_plus),
		cmocka_unit_test(phone_spreadsheet_apostrophe_and_spaces_are_dropped),
		cmocka_unit_test(phone_trunk_zero_after_country_code_is_dropped),
		cmocka_unit_test(phone_without_country_code_keeps_its_digits),
		cmocka_unit_test(phone_masked_or_with_letters_has_no_key),
		cmocka_unit_test(phone_too_short_too_long_or_placeholder_has_no_key),
		cmocka_unit_test(phone_key_length_is_returned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
