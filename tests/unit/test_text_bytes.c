/*
 * test_text_bytes.c - the UTF-8 and NUL check: clean text, each kind of
 * bad sequence, and every position of a field (the check reads eight bytes
 * at a time) with the exact offset of the problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "engage/text_bytes.h"

static void bytes_check_finds_nul_and_invalid_utf8(void **state)
{
	size_t at = 99;

	(void)state;
	assert_int_equal(eg_text_bytes_check("plain ascii", 11, &at), EG_BYTES_OK);
	assert_int_equal(eg_text_bytes_check("caf\xC3\xA9 \xE2\x98\x95 \xF0\x9F\x8C\x85", 14, &at),
			 EG_BYTES_OK);
	assert_int_equal(eg_text_bytes_check("ab\0cd", 5, &at), EG_BYTES_NUL);
	assert_int_equal(at, 2);
	assert_int_equal(eg_text_bytes_check("ab\xFF", 3, &at), EG_BYTES_UTF8);
	assert_int_equal(at, 2);
	/* truncated, overlong, surrogate, stray continuation, past U+10FFFF */
	assert_int_equal(eg_text_bytes_check("x\xC3", 2, &at), EG_BYTES_UTF8);
	assert_int_equal(eg_text_bytes_check("\xC0\xAF", 2, &at), EG_BYTES_UTF8);
	assert_int_equal(eg_text_bytes_check("\xE0\x80\xAF", 3, &at), EG_BYTES_UTF8);
	assert_int_equal(eg_text_bytes_check("\xED\xA0\x80", 3, &at), EG_BYTES_UTF8);
	assert_int_equal(eg_text_bytes_check("\x80", 1, &at), EG_BYTES_UTF8);
	assert_int_equal(eg_text_bytes_check("\xF4\x90\x80\x80", 4, &at), EG_BYTES_UTF8);
}

/*
 * The check reads eight bytes at a time where it can: a NUL, a stray byte
 * or a multi-byte character at every position of a 40-byte field, also
 * where a character straddles two words, is found at its exact offset.
 */
static void bytes_check_finds_each_byte_at_every_position(void **state)
{
	static const struct {
		const char *bytes; /* what is put at position k */
		size_t n;	   /* its length */
		int want;	   /* the outcome */
	} cases[] = {
		{ "\0", 1, EG_BYTES_NUL },
		{ "\xFF", 1, EG_BYTES_UTF8 },
		{ "\x80", 1, EG_BYTES_UTF8 },
		{ "\xC3", 1, EG_BYTES_UTF8 },
		{ "\xC3\xA9", 2, EG_BYTES_OK },
		{ "\xE2\x82\xAC", 3, EG_BYTES_OK },
		{ "\xF0\x9F\x98\x80", 4, EG_BYTES_OK },
		{ "\x7F", 1, EG_BYTES_OK },
		{ "\x01", 1, EG_BYTES_OK },
	};
	char buf[40];
	size_t c, k, at;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		for (k = 0; k + cases[c].n <= sizeof(buf); k++) {
			int got;

			memset(buf, 'a', sizeof(buf));
			memcpy(buf + k, cases[c].bytes, cases[c].n);
			at = 999;
			got = eg_text_bytes_check(buf, sizeof(buf), &at);
			if (got != cases[c].want || (got != EG_BYTES_OK && at != k))
				print_error("case %zu at %zu: got %d at %zu\n", c, k, got, at);
			assert_int_equal(got, cases[c].want);
			if (got != EG_BYTES_OK)
				assert_int_equal(at, k);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bytes_check_finds_nul_and_invalid_utf8),
		cmocka_unit_test(bytes_check_finds_each_byte_at_every_position),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
