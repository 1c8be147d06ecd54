/*
 * test_period_totals.c - keyed totals of period figures: a key seen again
 * finds its entry, a new key adds a zero-filled entry at the end, keys
 * longer than their room compare on what is kept. (The start of a total's
 * row, eg_period_total_begin, is checked by test_email_periods and
 * test_email_flows, whose tables end with such rows.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engage/period_totals.h"

/* An entry as the callers keep one: the key first, then the sums. */
struct total {
	struct eg_period_key key;
	long sum;
};

static void a_key_seen_again_finds_its_entry(void **state)
{
	const char *const email[4] = { "2026-01-01", "2026-03-31", "email", "k" };
	const char *const sms[4] = { "2026-01-01", "2026-03-31", "sms", "k" };
	struct total *v = NULL, *t;
	size_t n = 0, cap = 0;

	(void)state;
	t = eg_period_total((void **)&v, &n, &cap, sizeof(*v), email);
	assert_non_null(t);
	assert_int_equal(t->sum, 0);
	t->sum += 5;
	t = eg_period_total((void **)&v, &n, &cap, sizeof(*v), sms);
	t->sum += 7;
	t = eg_period_total((void **)&v, &n, &cap, sizeof(*v), email);
	t->sum += 1;
	assert_int_equal(n, 2);
	assert_string_equal(v[0].key.f[2], "email");
	assert_int_equal(v[0].sum, 6);
	assert_string_equal(v[1].key.f[2], "sms");
	assert_int_equal(v[1].sum, 7);
	free(v);
}

static void a_long_key_is_cut_and_still_found(void **state)
{
	char lng[100];
	const char *key[4] = { "2025-01-01", "2025-12-31", lng, "k" };
	struct total *v = NULL;
	size_t n = 0, cap = 0;

	(void)state;
	memset(lng, 'x', sizeof(lng) - 1);
	lng[sizeof(lng) - 1] = '\0';
	assert_non_null(eg_period_total((void **)&v, &n, &cap, sizeof(*v), key));
	assert_non_null(eg_period_total((void **)&v, &n, &cap, sizeof(*v), key));
	assert_int_equal(n, 1);
	assert_int_equal(strlen(v[0].key.f[2]), 63);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_key_seen_again_finds_its_entry),
		cmocka_unit_test(a_long_key_is_cut_and_still_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
