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

#include "test_cases.h"

#include "engage/loyalty.h"

static void loyalty_member_statuses_are_members(void **state)
{
	static const struct yes_no statuses[] = {
		{ "member", 1 }, { "active", 1 }, { "vip", 1 }, { "", 1 }
	};

	(void)state;
	assert_answers(eg_loyalty_is_member, statuses, COUNT(statuses));
}

static void loyalty_guests_and_excluded_people_are_not_members(void **state)
{
	static const struct yes_no statuses[] = { { "guest", 0 }, { "excluded", 0 } };

	(void)state;
	assert_answers(eg_loyalty_is_member, statuses, COUNT(statuses));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loyalty_member_statuses_are_members),
		cmocka_unit_test(loyalty_guests_and_excluded_people_are_not_members),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
