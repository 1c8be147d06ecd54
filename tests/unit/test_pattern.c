/*
 * test_pattern.c - compiled patterns: plain and caseless matching, anchoring
 * to the whole subject, group offsets and unset groups, bad regexes as usage
 * errors, and subjects holding invalid UTF-8 (no crash, no match of the bad
 * bytes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "engage/pattern.h"

static struct eg_pattern *compile(const char *regex, unsigned flags)
{
	struct eg_pattern *p = NULL;
	struct eg_error err;

	eg_error_clear(&err);
	if (eg_pattern_new(&p, regex, flags, &err) != EG_OK)
		fail_msg("cannot compile '%s': %s", regex, err.message);
	return p;
}

static int match(struct eg_pattern *p, const char *s)
{
	return eg_pattern_match(p, s, strlen(s));
}

/* Asserts group i of the last match is at off with len bytes. */
static void group_is(struct eg_pattern *p, unsigned i, size_t off, size_t len)
{
	size_t o = 999, l = 999;

	assert_int_equal(eg_pattern_group(p, i, &o, &l), 1);
	assert_int_equal(o, off);
	assert_int_equal(l, len);
}

static void pattern_matches_anywhere_without_anchor(void **state)
{
	struct eg_pattern *p = compile("b+c", 0);

	(void)state;
	assert_int_equal(match(p, "abbcd"), 1);
	group_is(p, 0, 1, 3);
	assert_int_equal(match(p, "bc"), 1);
	assert_int_equal(match(p, "acb"), 0);
	assert_int_equal(match(p, ""), 0);
	eg_pattern_free(p);
}

static void pattern_is_case_sensitive_by_default(void **state)
{
	struct eg_pattern *p = compile("paid", 0);

	(void)state;
	assert_int_equal(match(p, "paid"), 1);
	assert_int_equal(match(p, "PAID"), 0);
	assert_int_equal(match(p, "Paid"), 0);
	eg_pattern_free(p);
}

static void pattern_caseless_matches_either_case(void **state)
{
	struct eg_pattern *p = compile("paid", EG_PATTERN_CASELESS);
	struct eg_pattern *u = compile("stra\xc3\x9f"
				       "e|\xc3\xa9t\xc3\xa9",
				       EG_PATTERN_CASELESS);

	(void)state;
	assert_int_equal(match(p, "PAID"), 1);
	assert_int_equal(match(p, "Paid"), 1);
	assert_int_equal(match(p, "pAiD"), 1);
	assert_int_equal(match(p, "pending"), 0);
	/* Caseless is UTF-8 aware: É matches é. */
	assert_int_equal(match(u, "\xc3\x89T\xc3\x89"), 1);
	assert_int_equal(match(u, "STRA\xc3\x9f"
				  "E"),
			 1);
	eg_pattern_free(p);
	eg_pattern_free(u);
}

static void pattern_anchored_must_match_whole_subject(void **state)
{
	struct eg_pattern *p = compile("[0-9]+", EG_PATTERN_ANCHORED);
	struct eg_pattern *alt = compile("a|ab", EG_PATTERN_ANCHORED);

	(void)state;
	assert_int_equal(match(p, "123"), 1);
	group_is(p, 0, 0, 3);
	assert_int_equal(match(p, "123x"), 0);
	assert_int_equal(match(p, "x123"), 0);
	assert_int_equal(match(p, " 123"), 0);
	assert_int_equal(match(p, "123 "), 0);
	assert_int_equal(match(p, ""), 0);
	/* The whole subject, even when a shorter alternative matches first. */
	assert_int_equal(match(alt, "ab"), 1);
	group_is(alt, 0, 0, 2);
	eg_pattern_free(p);
	eg_pattern_free(alt);
}

static void pattern_anchored_caseless_combine(void **state)
{
	struct eg_pattern *p = compile("refunded", EG_PATTERN_ANCHORED | EG_PATTERN_CASELESS);

	(void)state;
	assert_int_equal(match(p, "REFUNDED"), 1);
	assert_int_equal(match(p, "partially_refunded"), 0);
	assert_int_equal(match(p, "Refunded!"), 0);
	eg_pattern_free(p);
}

static void pattern_matches_only_len_bytes(void **state)
{
	struct eg_pattern *p = compile("abc", EG_PATTERN_ANCHORED);

	(void)state;
	assert_int_equal(eg_pattern_match(p, "abcdef", 3), 1);
	assert_int_equal(eg_pattern_match(p, "abcdef", 2), 0);
	/* A NUL byte inside the subject is just a byte. */
	assert_int_equal(eg_pattern_match(p, "abc\0", 4), 0);
	eg_pattern_free(p);
}

static void pattern_group_gives_offsets_and_lengths(void **state)
{
	struct eg_pattern *p = compile("([0-9]{4})-([0-9]{2})-([0-9]{2})", 0);

	(void)state;
	assert_int_equal(match(p, "on 2026-02-24 at noon"), 1);
	group_is(p, 0, 3, 10);
	group_is(p, 1, 3, 4);
	group_is(p, 2, 8, 2);
	group_is(p, 3, 11, 2);
	/* Groups follow the latest match. */
	assert_int_equal(match(p, "1999-12-31"), 1);
	group_is(p, 0, 0, 10);
	group_is(p, 3, 8, 2);
	eg_pattern_free(p);
}

static void pattern_group_offsets_count_bytes_not_characters(void **state)
{
	struct eg_pattern *p = compile("(\\d+)", 0);

	(void)state;
	assert_int_equal(match(p, "\xc3\xa9\xc3\xa9 42"), 1); /* "éé 42" */
	group_is(p, 1, 5, 2);
	eg_pattern_free(p);
}

static void pattern_empty_group_has_zero_length(void **state)
{
	struct eg_pattern *p = compile("a(x*)b", 0);

	(void)state;
	assert_int_equal(match(p, "ab"), 1);
	group_is(p, 1, 1, 0);
	eg_pattern_free(p);
}

static void pattern_unset_group_returns_zero(void **state)
{
	struct eg_pattern *p = compile("(a)|(b)", 0);
	struct eg_pattern *q = compile("x(y)?(z)?", 0);
	size_t off = 777, len = 777;

	(void)state;
	assert_int_equal(match(p, "b"), 1);
	assert_int_equal(eg_pattern_group(p, 1, &off, &len), 0);
	group_is(p, 2, 0, 1);
	assert_int_equal(match(p, "a"), 1);
	group_is(p, 1, 0, 1);
	assert_int_equal(eg_pattern_group(p, 2, &off, &len), 0);
	/* Trailing optional groups that did not take part. */
	assert_int_equal(match(q, "x"), 1);
	assert_int_equal(eg_pattern_group(q, 1, &off, &len), 0);
	assert_int_equal(eg_pattern_group(q, 2, &off, &len), 0);
	assert_int_equal(match(q, "xz"), 1);
	assert_int_equal(eg_pattern_group(q, 1, &off, &len), 0);
	group_is(q, 2, 1, 1);
	/* A group the pattern does not have. */
	assert_int_equal(eg_pattern_group(q, 3, &off, &len), 0);
	assert_int_equal(eg_pattern_group(q, 1000, &off, &len), 0);
	eg_pattern_free(p);
	eg_pattern_free(q);
}

static void expect_bad(const char *regex)
{
	struct eg_pattern *p = NULL;
	struct eg_error err;
	int rc;

	eg_error_clear(&err);
	rc = eg_pattern_new(&p, regex, 0, &err);
	assert_int_equal(rc, EG_EUSAGE);
	assert_int_equal(err.status, EG_EUSAGE);
	assert_non_null(strstr(err.message, regex));
	assert_true(err.column > 0);
	assert_null(p);
}

static void pattern_invalid_regex_is_usage_error(void **state)
{
	(void)state;
	expect_bad("(unclosed");
	expect_bad("[a-");
	expect_bad("a{2,1}");
	expect_bad("*start");
	expect_bad("\\");
	expect_bad("(?<n>a)(?<n>b)");
}

static void pattern_invalid_regex_error_names_offset(void **state)
{
	struct eg_pattern *p = NULL;
	struct eg_error err;

	(void)state;
	/* The unmatched ')' is at offset 3. */
	assert_int_equal(eg_pattern_new(&p, "abc)", 0, &err), EG_EUSAGE);
	assert_int_equal(err.column, 4);
	assert_non_null(strstr(err.message, "offset 3"));
}

static void pattern_invalid_utf8_regex_is_usage_error(void **state)
{
	struct eg_pattern *p = NULL;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_pattern_new(&p, "a\xff", 0, &err), EG_EUSAGE);
	assert_null(p);
}

static void pattern_invalid_utf8_bytes_never_match(void **state)
{
	struct eg_pattern *dot = compile("a.c", 0);
	struct eg_pattern *any = compile(".", EG_PATTERN_ANCHORED);
	struct eg_pattern *neg = compile("[^x]", EG_PATTERN_ANCHORED);

	(void)state;
	assert_int_equal(match(dot, "abc"), 1);
	assert_int_equal(match(dot, "a\xff"
				    "c"),
			 0); /* never valid byte */
	assert_int_equal(match(dot, "a\xc3"
				    "c"),
			 0); /* truncated sequence */
	assert_int_equal(match(dot, "a\x80"
				    "c"),
			 0); /* lone continuation */
	assert_int_equal(match(dot, "a\xed\xa0\x80"
				    "c"),
			 0); /* surrogate */
	assert_int_equal(match(dot, "a\xc0\xaf"
				    "c"),
			 0); /* overlong */
	assert_int_equal(match(any, "\xff"), 0);
	assert_int_equal(match(any, "\xe2\x82"), 0);
	assert_int_equal(match(neg, "\xfe"), 0);
	/* A valid character still matches. */
	assert_int_equal(match(dot, "a\xc3\xa9"
				    "c"),
			 1);
	eg_pattern_free(dot);
	eg_pattern_free(any);
	eg_pattern_free(neg);
}

static void pattern_valid_text_around_invalid_utf8_still_matches(void **state)
{
	struct eg_pattern *p = compile("(\\d+)", 0);
	struct eg_pattern *a = compile("abc", EG_PATTERN_ANCHORED);
	static const char subject[] = "\xff\xfe 12 \xc3";

	(void)state;
	assert_int_equal(eg_pattern_match(p, subject, sizeof(subject) - 1), 1);
	group_is(p, 1, 3, 2);
	assert_int_equal(match(a, "abc\xff"), 0);
	assert_int_equal(match(a, "\xff"
				  "abc"),
			 0);
	eg_pattern_free(p);
	eg_pattern_free(a);
}

static void pattern_survives_every_single_byte_subject(void **state)
{
	struct eg_pattern *p = compile("^.$", 0);
	char s[2];
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		s[0] = (char)c;
		s[1] = '\0';
		/* ASCII bytes (not LF, which "." and "$" treat specially) match; 0x80-0xFF never. */
		assert_int_equal(eg_pattern_match(p, s, 1), c < 0x80 && c != '\n');
	}
	eg_pattern_free(p);
	eg_pattern_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pattern_matches_anywhere_without_anchor),
		cmocka_unit_test(pattern_is_case_sensitive_by_default),
		cmocka_unit_test(pattern_caseless_matches_either_case),
		cmocka_unit_test(pattern_anchored_must_match_whole_subject),
		cmocka_unit_test(pattern_anchored_caseless_combine),
		cmocka_unit_test(pattern_matches_only_len_bytes),
		cmocka_unit_test(pattern_group_gives_offsets_and_lengths),
		cmocka_unit_test(pattern_group_offsets_count_bytes_not_characters),
		cmocka_unit_test(pattern_empty_group_has_zero_length),
		cmocka_unit_test(pattern_unset_group_returns_zero),
		cmocka_unit_test(pattern_invalid_regex_is_usage_error),
		cmocka_unit_test(pattern_invalid_regex_error_names_offset),
		cmocka_unit_test(pattern_invalid_utf8_regex_is_usage_error),
		cmocka_unit_test(pattern_invalid_utf8_bytes_never_match),
		cmocka_unit_test(pattern_valid_text_around_invalid_utf8_still_matches),
		cmocka_unit_test(pattern_survives_every_single_byte_subject),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
