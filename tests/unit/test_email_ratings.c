/*
 * test_email_ratings.c - customers summed per email rating: members,
 * subscribed members, buyers and their orders and revenue per rating 1-5;
 * customers without a rating left out; nothing written without any rating
 * or without the column; a revenue that is no amount named by file and line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/email_ratings.h"
#include "test_scratch.h"

/* Runs eg_email_ratings_write on the scratch folder; its status, the output in *text. */
static int run(char **text, struct eg_error *err)
{
	struct eg_table_output out;
	int rc;

	eg_error_clear(err);
	assert_int_equal(eg_table_output_open(&out, scratch, "email_ratings.csv",
					      eg_email_rating_columns, err),
			 EG_OK);
	rc = eg_email_ratings_write(scratch, &out, err);
	if (rc != EG_OK) {
		eg_table_output_abort(&out);
		*text = NULL;
		return rc;
	}
	assert_int_equal(eg_table_output_commit(&out, err), EG_OK);
	*text = scratch_read("email_ratings.csv");
	return rc;
}

static void members_buyers_and_what_buyers_bought_per_rating(void **state)
{
	struct eg_error err;
	char *text;

	(void)state;
	put("customers.csv", "customer_id,email,orders,revenue,accepts_marketing,found_by,"
			     "email_status,email_rating\n"
			     "c1,a@x.test,3,30.00,true,email,subscribed,5\n"
			     "c2,b@x.test,0,0.00,true,email,subscribed,5\n"
			     "c3,c@x.test,2,10.00,false,email,unsubscribed,2\n"
			     "c4,d@x.test,1,5.01,false,email,cleaned,2\n"
			     "c5,e@x.test,4,99.00,true,email,,\n"
			     "c6,f@x.test,0,0.00,false,email,cleaned,1\n");
	assert_int_equal(run(&text, &err), EG_OK);
	assert_string_equal(text,
			    "rating,members,subscribed,buyers,orders,revenue,orders_per_buyer,"
			    "revenue_per_buyer\n"
			    "1,1,0,0,0,0.00,,\n"
			    "2,2,0,2,3,15.01,1.50,7.5050\n"
			    "3,0,0,0,0,0.00,,\n"
			    "4,0,0,0,0,0.00,,\n"
			    "5,2,2,1,3,30.00,3.00,30.00\n");
	free(text);
}

static void nothing_without_a_rating(void **state)
{
	struct eg_error err;
	char *text;

	(void)state;
	/* no customers.csv at all */
	assert_int_equal(run(&text, &err), EG_OK);
	assert_string_equal(text,
			    "rating,members,subscribed,buyers,orders,revenue,orders_per_buyer,"
			    "revenue_per_buyer\n");
	free(text);
	/* a customers.csv of an older join, without the columns */
	put("customers.csv", "customer_id,email,orders,revenue\nc1,a@x.test,1,5.00\n");
	assert_int_equal(run(&text, &err), EG_OK);
	assert_null(strchr(strchr(text, '\n') + 1, '\n'));
	free(text);
	/* the columns, but no customer rated */
	put("customers.csv", "customer_id,email,orders,revenue,email_status,email_rating\n"
			     "c1,a@x.test,1,5.00,,\n");
	assert_int_equal(run(&text, &err), EG_OK);
	assert_null(strchr(strchr(text, '\n') + 1, '\n'));
	free(text);
}

static void a_revenue_that_is_no_amount_names_its_line(void **state)
{
	struct eg_error err;
	char *text;

	(void)state;
	put("customers.csv", "customer_id,email,orders,revenue,email_status,email_rating\n"
			     "c1,a@x.test,1,5.00,subscribed,3\n"
			     "c2,b@x.test,1,five,subscribed,3\n");
	assert_int_equal(run(&text, &err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.file, "customers.csv"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)
		T(members_buyers_and_what_buyers_bought_per_rating),
		T(nothing_without_a_rating),
		T(a_revenue_that_is_no_amount_names_its_line),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
