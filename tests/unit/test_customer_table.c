/*
 * test_customer_table.c - customer_list.csv and the columns it shares with
 * the Customers sheet: known fields in catalogue order, extras under a
 * distinct title, the expected fields neither file has; every customer as
 * a row (dates as dates, consent as yes/no, a formula-like cell behind an
 * apostrophe); and a reader that borrows another's customers.csv.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/customer_table.h"
#include "engage/timezone.h"
#include "test_cases.h"
#include "test_scratch.h"

static void test_columns_of_scores(void **state)
{
	struct eg_customer_reader *r = NULL;
	struct eg_customer_columns *c = malloc(sizeof(*c));
	struct eg_error err;

	(void)state;
	/* "Segment" repeats the known field's title and the last column has no name. */
	put("customer_scores.csv", "monetary,customer_id,segment,Segment,\n"
				   "10.00,c1,Lost,x,y\n");
	assert_int_equal(eg_customer_reader_open(&r, scratch_path("customer_scores.csv"),
						 NULL, &err),
			 EG_OK);
	eg_customer_columns_of(c, r);
	/* Known fields in catalogue order (id, segment, revenue), then the extras. */
	assert_int_equal(c->n, 5);
	assert_string_equal(c->cols[0].title, "Customer ID");
	assert_string_equal(c->cols[1].title, "Segment");
	assert_string_equal(c->cols[2].title, "Revenue");
	assert_string_equal(c->cols[3].title, "Segment (column 4)");
	assert_string_equal(c->cols[4].title, " (column 5)");
	assert_int_equal(c->cols[3].field, -1);
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_string_equal(eg_customer_column_text(c, 2, r), "10.00");
	assert_string_equal(eg_customer_column_text(c, 3, r), "x");
	assert_string_equal(eg_customer_column_text(c, 4, r), "y");
	/* Email is expected and absent; names and the platform id are not expected. */
	assert_non_null(strstr(c->missing, "Email"));
	assert_null(strstr(c->missing, "First name"));
	assert_null(strstr(c->missing, "Platform customer ID"));
	eg_customer_reader_free(r);
	free(c);
}

static void test_every_customer_as_a_row(void **state)
{
	struct eg_customer_reader *r = NULL;
	struct eg_customer_table *t = malloc(sizeof(*t));
	struct eg_error err;
	char *text;
	int more;

	(void)state;
	put("customer_scores.csv",
	    "customer_id,email,segment,last_order_at,accepts_marketing\n"
	    "c1,a@example.com,Champions,2026-03-02T10:00:00Z,true\n"
	    "c2,=b@example.com,Lost,,false\n"
	    "c3,,Lost,2026-01-31T23:00:00Z,\n");
	assert_int_equal(eg_customer_reader_open(&r, scratch_path("customer_scores.csv"),
						 NULL, &err),
			 EG_OK);
	assert_int_equal(eg_customer_table_open(t, scratch, "customer_list.csv", r, &err), EG_OK);
	while ((more = eg_customer_reader_next(r, &err)) > 0)
		eg_customer_table_add(t, r);
	assert_int_equal(more, 0);
	assert_int_equal(t->rows, 3);
	assert_int_equal(eg_atomic_settle(&t->out.af, &err), EG_OK);
	assert_int_equal(eg_atomic_publish(&t->out.af, &err), EG_OK);
	text = scratch_read("customer_list.csv");
	assert_string_equal(text, "Customer ID,Email,Segment,Last order,Email consent\n"
				  "c1,a@example.com,Champions,2026-03-02,yes\n"
				  "c2,'=b@example.com,Lost,,no\n"
				  "c3,,Lost,2026-01-31,\n");
	free(text);
	eg_customer_table_release(t);
	eg_customer_reader_free(r);
	free(t);
}

static void test_a_reader_borrows_the_joined_customers(void **state)
{
	struct eg_customer_reader *like = NULL, *r = NULL;
	struct eg_error err;
	const char *scores, *customers;

	(void)state;
	scores = put("customer_scores.csv", "customer_id,segment\nc1,Lost\nc2,Champions\n");
	customers = put("customers.csv",
			"customer_id,first_name,accepts_marketing\nc2,Ada,yes\nc1,Bo,no\n");
	assert_int_equal(eg_customer_reader_open(&like, scores, customers, &err), EG_OK);
	assert_int_equal(eg_customer_reader_open_like(&r, scores, like, &err), EG_OK);
	assert_true(eg_customer_reader_has(r, EG_CF_FIRST_NAME));
	assert_true(eg_customer_reader_joined(r, EG_CF_CONSENT));
	/* Each reads on its own: r is one customer ahead of like. */
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_string_equal(eg_customer_reader_get(r, EG_CF_FIRST_NAME), "Bo");
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_int_equal(eg_customer_reader_next(like, &err), 1);
	assert_string_equal(eg_customer_reader_get(r, EG_CF_FIRST_NAME), "Ada");
	assert_string_equal(eg_customer_reader_get(like, EG_CF_FIRST_NAME), "Bo");
	/* Freeing the borrower leaves the lender's table whole. */
	eg_customer_reader_free(r);
	assert_int_equal(eg_customer_reader_next(like, &err), 1);
	assert_string_equal(eg_customer_reader_get(like, EG_CF_CONSENT), "yes");
	eg_customer_reader_free(like);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup_utc, scratch_teardown)

TEST_MAIN(T(test_columns_of_scores),
	  T(test_every_customer_as_a_row),
	  T(test_a_reader_borrows_the_joined_customers))
