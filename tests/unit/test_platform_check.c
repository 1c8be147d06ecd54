/*
 * test_platform_check.c - a platform's new and returning customers beside
 * engage's: the same figures on the platform's definition (cancelled orders
 * count, a first and a later order in one period count as new and
 * returning), engage's own figures, the difference, and a row engage has no
 * figure for. Orders and the platform's report are written into a scratch
 * folder; platform_check.csv is written to a file and read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "engage/platform_check.h"
#include "engage/stage.h"
#include "engage/timezone.h"

#define ORDERS "customer_id,created_at,cancelled,is_test\n"
#define REPORT "date,period,period_end,measure,segment,value,source\n"

/* January: a cancels her first order, orders again in February and March; b orders twice
 * in January; c once in February; a test order of d; a guest. */
static const char orders[] = ORDERS "ca,2026-01-10T12:00:00Z,true,false\n"
				    "ca,2026-02-05T12:00:00Z,false,false\n"
				    "ca,2026-03-20T12:00:00Z,false,false\n"
				    "cb,2026-01-03T12:00:00Z,false,false\n"
				    "cb,2026-01-25T12:00:00Z,false,false\n"
				    "cc,2026-02-14T12:00:00Z,false,false\n"
				    "cd,2026-02-15T12:00:00Z,false,true\n"
				    ",2026-02-16T12:00:00Z,false,false\n";

static int setup(void **state)
{
	struct eg_error err;

	(void)state;
	return scratch_make("test_platform_check") || eg_tz_select("UTC", &err) != EG_OK;
}

/* Runs the check over scratch into text (size bytes): platform_check.csv's rows. */
static void run(char *text, size_t size)
{
	struct eg_stage st;
	struct eg_table_output *out;
	struct eg_error err;
	const char *path = scratch_path("platform_check.csv");
	size_t n;
	FILE *fp;

	assert_int_equal(eg_stage_begin(&st, "compute", scratch, 0, &err), EG_OK);
	out = eg_stage_output(&st, "platform_check.csv", eg_platform_check_columns, &err);
	assert_non_null(out);
	assert_int_equal(eg_platform_check_write(scratch, st.m, out, &err), EG_OK);
	assert_int_equal(eg_stage_finish(&st, &err), EG_OK);
	eg_stage_end(&st);
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(text, 1, size - 1, fp);
	text[n] = '\0';
	fclose(fp);
}

static void platform_check_counts_on_the_platform_definition(void **state)
{
	char text[8192];

	(void)state;
	put("orders.csv", orders);
	put("platform_report.csv", REPORT "2026-01-01,month,2026-01-31,customers,new,2,shop\n"
					  "2026-01-01,month,2026-01-31,customers,returning,1,shop\n"
					  "2026-02-01,month,2026-02-28,customers,new,1,shop\n"
					  "2026-02-01,month,2026-02-28,customers,returning,2,shop\n"
					  "2026-01-01,range,2026-12-31,customers,new,3,shop\n");
	run(text, sizeof(text));
	/* January: a (cancelled) and b are new on the platform's count, b also returning;
	 * engage's own: only b new, no one returning. */
	assert_non_null(strstr(text, "2026-01-01,2026-01-31,new customers,shop,2,2,0,1,"));
	assert_non_null(strstr(text, "1 customer here had a cancelled first order"));
	assert_non_null(strstr(text, "2026-01-01,2026-01-31,returning customers,shop,1,1,0,0,"));
	assert_non_null(strstr(text, "(1 here count as new and returning)"));
	/* February: the platform says 2 returning, engage counts a alone on its definition;
	 * engage's own: c new, a new too (her first counted order), none returning. */
	assert_non_null(strstr(text, "2026-02-01,2026-02-28,new customers,shop,1,1,0,2,"));
	assert_non_null(strstr(text, "2026-02-01,2026-02-28,returning customers,shop,2,1,1,0,"));
	assert_non_null(strstr(text, "still differ"));
	/* the year: a, b and c; the test order's d and the guest count nowhere */
	assert_non_null(strstr(text, "2026-01-01,2026-12-31,new customers,shop,3,3,0,3,"));
}

static void platform_check_other_figures_are_shown_without_engage(void **state)
{
	char text[4096];

	(void)state;
	put("orders.csv", orders);
	put("platform_report.csv", REPORT "2026-01-01,month,2026-01-31,sessions,all,900,shop\n");
	run(text, sizeof(text));
	assert_non_null(strstr(text, "2026-01-01,2026-01-31,all sessions,shop,900,,,,"
				     "engage has no figure of this kind to check it against"));
}

static void platform_check_without_a_report_writes_no_row(void **state)
{
	char text[4096];

	(void)state;
	put("orders.csv", orders);
	run(text, sizeof(text));
	assert_string_equal(text,
			    "period_start,period_end,figure,source,platform_value,"
			    "engage_same_definition,difference,engage_value,explanation,unit\n");
}

static void platform_check_sets_stripe_total_spend_beside_its_payments(void **state)
{
	char text[8192];

	(void)state;
	/* s1 paid 42.00; s2 paid 18.99 (refunded) and 129.00; s3's 25.30 is still pending;
	 * a Shopify order of s1 and a test payment of s2 are not Stripe payments of theirs */
	put("orders.csv",
	    "customer_id,customer_ref,created_at,total,refunded,source,cancelled,"
	    "is_test,financial_status\n"
	    "c1,s1,2026-01-08T15:04:30Z,42.00,0.00,stripe_payments,false,false,paid\n"
	    "c2,s2,2026-01-22T18:40:57Z,18.99,18.99,stripe_payments,false,false,refunded\n"
	    "c2,s2,2026-02-20T11:00:00Z,129.00,0.00,stripe_payments,false,false,paid\n"
	    "c2,s2,2026-02-21T11:00:00Z,5.00,0.00,stripe_payments,false,true,paid\n"
	    "c3,s3,2026-03-15T22:45:00Z,25.30,0.00,stripe_payments,false,false,pending\n"
	    "c1,,2026-03-01T10:00:00Z,60.00,0.00,shopify_orders,false,false,paid\n");
	put("profiles.csv", "customer_id,customer_ref,total_spent,currency,source\n"
			    "c1,s1,42.00,,stripe_customers\n"
			    "c2,s2,147.99,,stripe_customers\n"
			    "c3,s3,0.00,,stripe_customers\n"
			    "c4,,12.00,,shopify_customers\n");
	run(text, sizeof(text));
	/* 189.99 on Stripe, 215.29 of engage's (25.30 pending), 196.30 net of the refund */
	assert_non_null(strstr(text, ",,total spend of 3 customers,stripe_customers,189.99,215.29,"
				     "-25.30,196.30,"));
	assert_non_null(strstr(text, "1 of 3 customers differ."));
	assert_non_null(strstr(text, "payments still pending (25.30 of these)"));
	assert_non_null(strstr(text, ",money\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, scratch_teardown)
		T(platform_check_counts_on_the_platform_definition),
		T(platform_check_other_figures_are_shown_without_engage),
		T(platform_check_without_a_report_writes_no_row),
		T(platform_check_sets_stripe_total_spend_beside_its_payments),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
