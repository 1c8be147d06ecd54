/*
 * test_loyalty.c - the member rule of loyalty.csv: every status is a
 * member's but "guest" and "excluded", which the programme tracks without
 * enrolling; statuses arrive lowercased (tables.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/loyalty.h"

static void loyalty_member_statuses_are_members(void **state)
{
	(void)state;
	assert_true(eg_loyalty_is_member("member"));
	assert_true(eg_loyalty_is_member("active"));
	assert_true(eg_loyalty_is_member("vip"));
	assert_true(eg_loyalty_is_member(""));
}

static void loyalty_guests_and_excluded_people_are_not_members(void **state)
{
	(void)state;
	assert_false(eg_loyalty_is_member("guest"));
	assert_false(eg_loyalty_is_member("excluded"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loyalty_member_statuses_are_members),
		cmocka_unit_test(loyalty_guests_and_excluded_people_are_not_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
