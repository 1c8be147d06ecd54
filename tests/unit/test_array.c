/*
 * test_array.c - eg_array_reserve: no change while the room suffices, the
 * first capacity when empty, doubling until need fits, contents kept.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <stdlib.h>

#include "engage/array.h"

static void array_reserve_starts_at_first_and_doubles(void **state)
{
	int *a = NULL;
	size_t cap = 0, i;

	(void)state;
	assert_int_equal(eg_array_reserve((void **)&a, &cap, 1, sizeof(*a), 4), 0);
	assert_non_null(a);
	assert_int_equal(cap, 4);
	for (i = 0; i < 4; i++)
		a[i] = (int)i;
	assert_int_equal(eg_array_reserve((void **)&a, &cap, 4, sizeof(*a), 4), 0);
	assert_int_equal(cap, 4);
	assert_int_equal(eg_array_reserve((void **)&a, &cap, 5, sizeof(*a), 4), 0);
	assert_int_equal(cap, 8);
	assert_int_equal(eg_array_reserve((void **)&a, &cap, 33, sizeof(*a), 4), 0);
	assert_int_equal(cap, 64);
	for (i = 0; i < 4; i++)
		assert_int_equal(a[i], (int)i);
	free(a);
}

static void array_reserve_of_a_large_first_need_doubles_from_first(void **state)
{
	char *s = NULL;
	size_t cap = 0;

	(void)state;
	assert_int_equal(eg_array_reserve((void **)&s, &cap, 5000, 1, 4096), 0);
	assert_int_equal(cap, 8192);
	free(s);
}

TEST_MAIN(cmocka_unit_test(array_reserve_starts_at_first_and_doubles),
	  cmocka_unit_test(array_reserve_of_a_large_first_need_doubles_from_first))
