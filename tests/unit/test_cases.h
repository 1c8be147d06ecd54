/*
 * test_cases.h - table-driven unit tests, for cases that differ only by
 * their data: a yes/no question asked of many texts (assert_answers), a
 * text turned into another (assert_maps), each case keeping its expected
 * value and named when it fails; what a parser of numbers must answer
 * (assert_parsed, assert_refused); and the main that runs a binary's tests
 * (TEST_MAIN). Included by tests only, after cmocka.h;
 * each includer gets its own copy.
 */
#ifndef ENGAGE_TEST_CASES_H
#define ENGAGE_TEST_CASES_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engage/error.h"

/*
 * The main of a test binary: runs the tests listed (cmocka_unit_test()
 * entries, or any struct CMUnitTest), in order, between the group's setup
 * and teardown (either may be NULL).
 */
#define TEST_MAIN_WITH(setup, teardown, ...)                                                       \
	int main(void)                                                                             \
	{                                                                                          \
		const struct CMUnitTest tests[] = { __VA_ARGS__ };                                 \
                                                                                                   \
		return cmocka_run_group_tests(tests, setup, teardown);                             \
	}

/* The same main with no group setup or teardown. */
#define TEST_MAIN(...) TEST_MAIN_WITH(NULL, NULL, __VA_ARGS__)

/* How many entries the array a holds. */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A text and whether the question asked of it must be answered yes (1) or no (0). */
struct yes_no {
	const char *text; /* what is asked about */
	int yes;	  /* 1: the answer must be non-zero; 0: it must be 0 */
};

/* Asserts fn's answer to each of the n cases at c, naming the first that fails. */
static inline void assert_answers(int (*fn)(const char *), const struct yes_no *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((fn(c[i].text) != 0) != c[i].yes)
			fail_msg("\"%s\": expected %s", c[i].text, c[i].yes ? "yes" : "no");
}

/* A text and what it must be turned into. */
struct text_pair {
	const char *in;	  /* the text given */
	const char *want; /* the text expected back */
};

/* Asserts that fn turns each in of the n cases at c into its want (fn's answer is freed). */
static inline void assert_maps(char *(*fn)(const char *), const struct text_pair *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *got = fn(c[i].in);

		assert_non_null(got);
		assert_string_equal(got, c[i].want);
		free(got);
	}
}

/*
 * Asserts that parsing s gave status rc EG_OK and the value got, equal to
 * want; says what it got first when not.
 */
static inline void assert_parsed(const char *s, int rc, const struct eg_error *err, int64_t got,
				 int64_t want)
{
	if (rc != EG_OK || got != want)
		print_error("'%s': status %d (%s), got %lld, expected %lld\n", s, rc, err->message,
			    (long long)got, (long long)want);
	assert_int_equal(rc, EG_OK);
	assert_true(got == want);
}

/*
 * Asserts that parsing the len bytes at s was refused as bad data (rc and
 * err EG_EDATA, with a message) and left the value got at unchanged.
 */
static inline void assert_refused(const char *s, size_t len, int rc, const struct eg_error *err,
				  int64_t got, int64_t unchanged)
{
	if (rc != EG_EDATA || got != unchanged)
		print_error("'%.*s': status %d, out %lld\n", (int)len, s, rc, (long long)got);
	assert_int_equal(rc, EG_EDATA);
	assert_int_equal(err->status, EG_EDATA);
	assert_true(err->message[0] != '\0');
	assert_true(got == unchanged);
}

/*
 * Asserts that a call answered status (rc and err's status) with a message
 * holding needle; says what it got first when not.
 */
static inline void assert_failed(int rc, const struct eg_error *err, int status, const char *needle)
{
	if (rc != status || !strstr(err->message, needle))
		print_error("status %d, message '%s', wanted %d with '%s'\n", rc, err->message,
			    status, needle);
	assert_int_equal(rc, status);
	assert_int_equal(err->status, status);
	assert_non_null(strstr(err->message, needle));
}

/* Asserts that the first and last of the n bytes at p still hold byte (a result left untouched). */
static inline void assert_untouched(const void *p, size_t n, unsigned char byte)
{
	assert_true(((const unsigned char *)p)[0] == byte &&
		    ((const unsigned char *)p)[n - 1] == byte);
}

#endif
