/*
 * test_email_address.c - the normal form of an email: ASCII trimmed and
 * lowercased, non-ASCII letters case-folded (Ë, ß), the domain in its IDNA
 * ASCII form, bytes that are not UTF-8 kept, and no length limit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engage/email_address.h"

/* Asserts that the normal form of s is want. */
static void normal_is(const char *s, const char *want)
{
	size_t n = 0;
	char *got = eg_email_normalise(s, strlen(s), &n);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(n, strlen(want));
	free(got);
}

static void email_ascii_is_trimmed_and_lowercased(void **state)
{
	(void)state;
	normal_is("  Alice.Moreau@Example.COM \t", "alice.moreau@example.com");
	normal_is("no-at-sign", "no-at-sign");
	normal_is("", "");
	assert_true(eg_email_is_ascii("a@b.c", 5));
	assert_false(eg_email_is_ascii("zo\xC3\xAB@b.c", 8));
}

static void email_non_ascii_letters_are_case_folded(void **state)
{
	(void)state;
	/* ZOË and zoë: one customer. */
	normal_is("ZO\xC3\x8B@example.com", "zo\xC3\xAB@example.com");
	normal_is("zo\xC3\xAB@Example.com", "zo\xC3\xAB@example.com");
	/* Full folding: ß is ss, as the ASCII spelling lowercases to. */
	normal_is("stra\xC3\x9F" "e@example.de", "strasse@example.de");
	normal_is("STRASSE@example.de", "strasse@example.de");
	/* E and a combining diaeresis compose (NFC) before they compare. */
	normal_is("ZOE\xCC\x88@example.com", "zo\xC3\xAB@example.com");
}

static void email_domain_is_in_its_ascii_form(void **state)
{
	(void)state;
	normal_is("Kim@B\xC3\x9C" "CHER.de", "kim@xn--bcher-kva.de");
	normal_is("kim@b\xC3\xBC" "cher.de", "kim@xn--bcher-kva.de");
	/* The last @ separates the domain. */
	normal_is("\"a@b\"@B\xC3\xBC" "cher.de", "\"a@b\"@xn--bcher-kva.de");
}

static void email_bytes_not_utf8_are_kept(void **state)
{
	(void)state;
	normal_is("J\xFF" "E@Example.COM", "j\xFF" "e@example.com");
}

static void email_long_address_is_kept_whole(void **state)
{
	char *s = malloc(2002), *got;
	size_t n;

	(void)state;
	assert_non_null(s);
	memset(s, 'A', 1990);
	memcpy(s + 1990, "@\xC3\x9C.example", 11);
	s[2001] = '\0';
	got = eg_email_normalise(s, 2001, &n);
	assert_non_null(got);
	assert_true(n > 1990);
	assert_int_equal(got[0], 'a');
	assert_int_equal(got[1989], 'a');
	assert_string_equal(got + 1990, "@xn--tda.example");
	free(got);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(email_ascii_is_trimmed_and_lowercased),
		cmocka_unit_test(email_non_ascii_letters_are_case_folded),
		cmocka_unit_test(email_domain_is_in_its_ascii_form),
		cmocka_unit_test(email_bytes_not_utf8_are_kept),
		cmocka_unit_test(email_long_address_is_kept_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
