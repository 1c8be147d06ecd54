/*
 * test_facts.c - loading join's tables for compute: counted orders only
 * (tests and cancelled orders counted, not kept), guests, customer indexes,
 * local days and months, refund months (refunded_at on an order, dated
 * refunds in refunds.csv), each customer's order days in order, the
 * loyalty flag, and every bad value as EG_EDATA naming file and line.
 *
 * Each test writes its tables into a fresh scratch folder. Days are
 * computed with eg_days_from_civil (tested in test_datetime.c); months are
 * year * 12 + month - 1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_kpi_cell.h"
#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/datetime.h"
#include "engage/facts.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/timezone.h"

#define DAY(y, m, d) eg_days_from_civil((y), (m), (d))

/* The columns of orders.csv that compute reads. */
#define ORDERS_HEADER                                                                              \
	"customer_id,created_at,currency,total,refunded,cancelled,is_test,units,discount,"         \
	"discount_code,subtotal,shipping,tax\n"

/* The same with refunded_at, the day an order's refund was made. */
#define ORDERS_REFUNDED_AT_HEADER                                                                  \
	"customer_id,created_at,currency,total,refunded,cancelled,is_test,units,discount,"         \
	"discount_code,subtotal,shipping,tax,refunded_at\n"

/* Loads scratch into f; returns the status, err filled. */
static int load(struct eg_facts *f, struct eg_error *err)
{
	struct eg_manifest *m = eg_manifest_new("compute");
	int rc;

	assert_non_null(m);
	eg_error_clear(err);
	rc = eg_facts_load(f, scratch, m, err);
	eg_manifest_free(m);
	return rc;
}

/* Asserts that err names scratch/file (by its end) at line. */
static void error_at(const struct eg_error *err, const char *file, long line)
{
	size_t n = strlen(err->file), k = strlen(file);

	assert_true(n >= k);
	assert_string_equal(err->file + n - k, file);
	assert_int_equal(err->line, line);
}

/*
 * Asserts that loading customers, orders and (when not NULL) refunds is
 * refused as bad data naming file at line, with says in the message when
 * says is not NULL.
 */
static void refused_at(const char *customers, const char *orders, const char *refunds,
		       const char *file, long line, const char *says)
{
	struct eg_facts f;
	struct eg_error err;

	put("customers.csv", customers);
	put("orders.csv", orders);
	if (refunds)
		put("refunds.csv", refunds);
	assert_int_equal(load(&f, &err), EG_EDATA);
	error_at(&err, file, line);
	if (says)
		assert_non_null(strstr(err.message, says));
	eg_facts_release(&f);
}

static void facts_keep_counted_orders_and_count_tests_cancelled_and_guests(void **state)
{
	struct eg_facts f;
	struct eg_error err;

	(void)state;
	facts_from(&f,
		   "customer_id,email,customer_ref\n"
		   "ca,a@example.com,\n"
		   "cb,b@example.com,9001\n",
		   ORDERS_HEADER
		   "ca,2026-01-05T10:00:00Z,EUR,100.00,0.00,false,false,3,0.00,,100.00,0.00,0.00\n"
		   "ca,2026-01-06T10:00:00Z,EUR,9.00,0.00,false,true,1,0.00,,9.00,0.00,0.00\n"
		   "cb,2026-01-07T10:00:00Z,EUR,8.00,0.00,true,false,1,0.00,,8.00,0.00,0.00\n"
		   ",2026-02-20T12:00:00Z,EUR,20.00,5.00,false,false,2,0.00,,20.00,0.00,0.00\n"
		   "cb,2026-03-01T00:00:00Z,EUR,12.50,0.00,false,false,1,0.00,,12.50,0.00,0.00\n",
		   NULL);
	/* Rows 2 (test) and 3 (cancelled) are left out; 1, 4 and 5 kept in file order. */
	assert_int_equal(f.norders, 3);
	assert_int_equal(f.test_orders, 1);
	assert_int_equal(f.cancelled_orders, 1);
	assert_int_equal(f.guest_orders, 1);
	assert_string_equal(f.currency, "EUR");
	assert_int_equal(f.ncustomers, 2);
	/* Names come only when asked for. */
	assert_null(f.customers);
	assert_int_equal(eg_facts_load_names(&f, scratch, &err), EG_OK);
	assert_string_equal(f.customers[1].id, "cb");
	assert_string_equal(f.customers[1].email, "b@example.com");
	assert_string_equal(f.customers[1].ref, "9001");
	assert_string_equal(f.customers[0].ref, "");
	/* ca's order and cb's, each under its customer; the guest's only in its month. */
	assert_int_equal(f.day_start[1], 1);
	assert_int_equal(f.day_start[2], 2);
	assert_true(f.days[0] == DAY(2026, 1, 5));
	assert_true(f.totals[0] == EUR(100));
	assert_true(f.days[1] == DAY(2026, 3, 1));
	assert_true(f.totals[1] == 125000);
	assert_true(f.months_from == MON(2026, 1));
	assert_int_equal(f.nmonths, 3);
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->orders, 1);
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->identified, 1);
	assert_true(eg_facts_month(&f, MON(2026, 1))->total == EUR(100));
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->units, 3);
	assert_int_equal(eg_facts_month(&f, MON(2026, 2))->orders, 1);
	assert_int_equal(eg_facts_month(&f, MON(2026, 2))->identified, 0);
	assert_int_equal(eg_facts_month(&f, MON(2026, 2))->refunded_orders, 1);
	/* No refunded_at: the refund counts in the order's month. */
	assert_true(eg_facts_month(&f, MON(2026, 2))->refunded == EUR(5));
	assert_true(eg_facts_month(&f, MON(2026, 3))->total == 125000);
	assert_null(eg_facts_month(&f, MON(2025, 12)));
	assert_null(eg_facts_month(&f, MON(2026, 4)));
	/* A guest's refund is no customer's. */
	assert_int_equal(f.norder_refunds, 0);
	assert_true(f.first_month == MON(2026, 1));
	assert_true(f.last_month == MON(2026, 3));
	assert_true(f.last_day == DAY(2026, 3, 1));
	/* Without loyalty.csv nobody is known to be a member. */
	assert_int_equal(f.has_loyalty, 0);
	eg_facts_release(&f);
}

static void facts_sort_each_customers_order_days(void **state)
{
	struct eg_facts f;
	size_t a;

	(void)state;
	facts_from(&f, "customer_id,email,customer_ref\nca,,\ncb,,\n",
		   ORDERS_HEADER
		   "ca,2026-03-03T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   "cb,2026-01-01T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   "ca,2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   ",2026-01-02T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   "ca,2026-02-01T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   NULL);
	/* ca's three days ascending, then cb's one; the guest has none. */
	assert_int_equal(f.day_start[0], 0);
	assert_int_equal(f.day_start[1], 3);
	assert_int_equal(f.day_start[2], 4);
	assert_true(f.days[0] == DAY(2026, 1, 5));
	assert_true(f.days[1] == DAY(2026, 2, 1));
	assert_true(f.days[2] == DAY(2026, 3, 3));
	assert_true(f.days[3] == DAY(2026, 1, 1));
	a = 0;
	/* Half-open [from, to). */
	assert_int_equal(eg_facts_orders_between(&f, a, DAY(2026, 1, 5), DAY(2026, 3, 3)), 2);
	assert_int_equal(eg_facts_orders_between(&f, a, DAY(2026, 1, 5), DAY(2026, 3, 4)), 3);
	assert_int_equal(eg_facts_orders_between(&f, a, DAY(2026, 1, 6), DAY(2026, 2, 1)), 0);
	assert_int_equal(eg_facts_orders_between(&f, a, DAY(2026, 3, 3), DAY(2026, 1, 1)), 0);
	assert_int_equal(eg_facts_orders_between(&f, 1, DAY(2025, 1, 1), DAY(2027, 1, 1)), 1);
	eg_facts_release(&f);
}

static void facts_refunded_at_moves_an_orders_refund_to_its_month(void **state)
{
	struct eg_facts f;

	(void)state;
	facts_from(&f, "customer_id,email,customer_ref\nca,,\n",
		   ORDERS_REFUNDED_AT_HEADER
		   "ca,2026-01-10T10:00:00Z,EUR,80.00,20.00,false,false,1,0.00,,80.00,0.00,0.00,"
		   "2026-02-03T09:00:00Z\n"
		   "ca,2026-01-11T10:00:00Z,EUR,10.00,10.00,false,false,1,0.00,,10.00,0.00,0.00,\n",
		   NULL);
	assert_int_equal(f.norders, 2);
	/* Refunded on 2026-02-03: February, though ordered in January. */
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->orders, 2);
	assert_int_equal(f.norder_refunds, 2);
	assert_int_equal(f.order_refunds[0].customer, 0);
	assert_true(f.order_refunds[0].month == MON(2026, 2));
	assert_true(f.order_refunds[0].amount == EUR(20));
	/* refunded_at empty: the order's month. */
	assert_true(f.order_refunds[1].month == MON(2026, 1));
	assert_true(eg_facts_month(&f, MON(2026, 1))->refunded == EUR(10));
	assert_true(eg_facts_month(&f, MON(2026, 2))->refunded == EUR(20));
	assert_int_equal(eg_facts_month(&f, MON(2026, 2))->orders, 0);
	eg_facts_release(&f);
}

static void facts_refunded_at_month_widens_the_months(void **state)
{
	struct eg_facts f;

	(void)state;
	/*
	 * facts.h: last_month is the latest month "of an order or refund". The
	 * order's refund dated February is a refund in February, as a return
	 * in refunds.csv dated February would be (see the next test): the
	 * months run to February, so compute's grid shows that refund.
	 */
	facts_from(&f, "customer_id,email,customer_ref\nca,,\n",
		   ORDERS_REFUNDED_AT_HEADER
		   "ca,2026-01-10T10:00:00Z,EUR,80.00,20.00,false,false,1,0.00,,80.00,0.00,0.00,"
		   "2026-02-03T09:00:00Z\n",
		   NULL);
	assert_true(f.first_month == MON(2026, 1));
	assert_true(f.last_month == MON(2026, 2));
	eg_facts_release(&f);
}

static void facts_read_dated_refunds_and_widen_the_months(void **state)
{
	struct eg_facts f;

	(void)state;
	facts_from(&f, "customer_id,email,customer_ref\nca,,\ncb,,\n",
		   ORDERS_HEADER
		   "cb,2026-01-05T10:00:00Z,EUR,100.00,0.00,false,false,1,0.00,,100.00,0.00,0.00\n",
		   "customer_id,refunded_at,currency,amount\n"
		   "cb,2026-04-10T09:00:00Z,EUR,30.00\n"
		   ",2026-01-20T09:00:00Z,EUR,2.50\n");
	assert_int_equal(f.nrefunds, 2);
	assert_int_equal(f.refunds[0].customer, 1);
	assert_true(f.refunds[0].day == DAY(2026, 4, 10));
	assert_true(f.refunds[0].month == MON(2026, 4));
	assert_true(f.refunds[0].amount == EUR(30));
	assert_true(f.refunds[1].customer == EG_NO_CUSTOMER);
	assert_true(f.refunds[1].amount == 25000);
	assert_true(f.first_month == MON(2026, 1));
	assert_true(f.last_month == MON(2026, 4));
	/* last_day is the last order's, not the refund's. */
	assert_true(f.last_day == DAY(2026, 1, 5));
	eg_facts_release(&f);
}

static void facts_days_and_months_are_the_report_timezones(void **state)
{
	struct eg_facts f;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_tz_select("Europe/Berlin", &err), EG_OK);
	/* 2026-01-31T23:30Z is 2026-02-01 00:30 in Berlin (UTC+1). */
	facts_from(&f, "customer_id,email,customer_ref\nca,,\n",
		   ORDERS_HEADER
		   "ca,2026-01-31T23:30:00Z,EUR,50.005,0.00,false,false,1,0.00,,50.005,0.00,0.00\n",
		   NULL);
	assert_true(f.days[0] == DAY(2026, 2, 1));
	assert_int_equal(eg_facts_month(&f, MON(2026, 2))->orders, 1);
	assert_null(eg_facts_month(&f, MON(2026, 1)));
	assert_true(f.totals[0] == 500050);
	eg_facts_release(&f);
	assert_int_equal(eg_tz_select("UTC", &err), EG_OK);
}

static void facts_discount_flag_from_an_amount_or_a_code(void **state)
{
	struct eg_facts f;

	(void)state;
	facts_from(
		&f, "customer_id,email,customer_ref\n",
		ORDERS_HEADER
		",2026-01-05T10:00:00Z,EUR,10.00,0.00,false,false,1,0.00,,10.00,0.00,0.00\n"
		",2026-01-05T10:00:00Z,EUR,10.00,0.00,false,false,1,0.00,SPRING,10.00,0.00,0.00\n"
		",2026-01-05T10:00:00Z,EUR,10.00,0.00,false,false,1,2.00,,10.00,0.00,0.00\n",
		NULL);
	/* The second (a code) and the third (an amount) have a discount. */
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->orders, 3);
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->discounted, 2);
	assert_true(eg_facts_month(&f, MON(2026, 1))->discount == EUR(2));
	eg_facts_release(&f);
}

/*
 * Sources without line items or without the parts of their total write them
 * "": such an order counts, without units or a known discount; a bad amount
 * in a part is still an error. duties is read when the file has it.
 */
static void facts_parts_an_export_lacks_are_unknown_not_zero(void **state)
{
	struct eg_facts f;
	struct eg_error err;
	const struct eg_month_fact *x;

	(void)state;
	facts_from(&f, "customer_id,email,customer_ref\n",
		   "customer_id,created_at,currency,total,refunded,cancelled,is_test,units,"
		   "discount,discount_code,subtotal,shipping,tax,duties\n"
		   ",2026-01-05T10:00:00Z,EUR,42.00,0.00,false,false,,,,42.00,,,\n"
		   ",2026-01-06T10:00:00Z,EUR,10.00,0.00,false,false,,,WELCOME,10.00,,,\n"
		   ",2026-01-07T10:00:00Z,EUR,101.60,0.00,false,false,2,0.00,,80.00,12.00,0.00,"
		   "9.60\n",
		   NULL);
	x = eg_facts_month(&f, MON(2026, 1));
	assert_int_equal(x->orders, 3);
	/* only the third has line items: its 2 units */
	assert_int_equal(x->lined, 1);
	assert_int_equal(x->units, 2);
	/* the second's code and the third's amount state a discount; the first says nothing */
	assert_int_equal(x->discount_known, 2);
	assert_int_equal(x->discounted, 1);
	assert_true(x->shipping == EUR(12) && x->tax == 0);
	assert_true(x->duties == 96000);
	assert_true(x->total == 1536000);
	eg_facts_release(&f);
	/* A file from before the duties column loads, without duties. */
	put("orders.csv", ORDERS_HEADER
	    ",2026-01-05T10:00:00Z,EUR,10.00,0.00,false,false,1,0.00,,10.00,0.00,0.00\n");
	assert_int_equal(load(&f, &err), EG_OK);
	assert_true(eg_facts_month(&f, MON(2026, 1))->duties == 0);
	eg_facts_release(&f);
	put("orders.csv",
	    ORDERS_HEADER ",2026-01-05T10:00:00Z,EUR,10.00,0.00,false,false,,,,10.00,abc,\n");
	assert_int_equal(load(&f, &err), EG_EDATA);
	error_at(&err, "orders.csv", 2);
	eg_facts_release(&f);
}

static void facts_loyalty_is_known_only_with_the_loyalty_export(void **state)
{
	struct eg_facts f;
	struct eg_error err;

	(void)state;
	facts_from(&f,
		   "customer_id,email,customer_ref,loyalty_member\n"
		   "ca,,,true\ncb,,,false\n",
		   ORDERS_HEADER, NULL);
	assert_int_equal(f.has_loyalty, 0);
	eg_facts_release(&f);
	put("loyalty.csv", "customer_id,joined_at,referrals\n");
	assert_int_equal(load(&f, &err), EG_OK);
	assert_int_equal(f.has_loyalty, 1);
	assert_non_null(f.loyalty_member);
	assert_int_equal(f.loyalty_member[0], 1);
	assert_int_equal(f.loyalty_member[1], 0);
	assert_int_equal(f.norders, 0);
	assert_true(f.first_month == INT64_MAX);
	assert_true(f.last_day == INT64_MIN);
	eg_facts_release(&f);
}

static void facts_unknown_customer_is_data_error_at_its_line(void **state)
{
	(void)state;
	refused_at("customer_id,email,customer_ref\nca,,\n",
		   ORDERS_HEADER
		   "ca,2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   "zz,2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   NULL, "orders.csv", 3, "zz");
}

static void facts_bad_amount_is_data_error_at_its_line(void **state)
{
	(void)state;
	refused_at("customer_id,email,customer_ref\n",
		   ORDERS_HEADER
		   ",2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   ",2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   ",2026-01-05T10:00:00Z,EUR,12.3x,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   NULL, "orders.csv", 4, NULL);
}

static void facts_bad_time_stamp_is_data_error_at_its_line(void **state)
{
	(void)state;
	refused_at("customer_id,email,customer_ref\n",
		   ORDERS_HEADER ",yesterday,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   NULL, "orders.csv", 2, NULL);
}

static void facts_bad_units_is_data_error_at_its_line(void **state)
{
	(void)state;
	refused_at("customer_id,email,customer_ref\n",
		   ORDERS_HEADER
		   ",2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,2.5,0.00,,1.00,0.00,0.00\n",
		   NULL, "orders.csv", 2, NULL);
}

static void facts_second_currency_is_data_error_at_its_line(void **state)
{
	(void)state;
	refused_at("customer_id,email,customer_ref\n",
		   ORDERS_HEADER
		   ",2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n"
		   ",2026-01-05T10:00:00Z,USD,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   NULL, "orders.csv", 3, NULL);
}

static void facts_refund_in_another_currency_is_data_error_at_its_line(void **state)
{
	(void)state;
	refused_at("customer_id,email,customer_ref\n",
		   ORDERS_HEADER
		   ",2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   "customer_id,refunded_at,currency,amount\n"
		   ",2026-01-06T10:00:00Z,EUR,1.00\n"
		   ",2026-01-07T10:00:00Z,GBP,1.00\n",
		   "refunds.csv", 3, NULL);
}

static void facts_missing_column_is_data_error(void **state)
{
	struct eg_facts f;
	struct eg_error err;

	(void)state;
	put("customers.csv", "customer_id,email,customer_ref\n");
	put("orders.csv", "customer_id,created_at,currency,total\n");
	assert_int_equal(load(&f, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "refunded"));
	eg_facts_release(&f);
}

static void facts_missing_orders_file_is_io_error(void **state)
{
	struct eg_facts f;
	struct eg_error err;

	(void)state;
	put("customers.csv", "customer_id,email,customer_ref\n");
	assert_int_equal(load(&f, &err), EG_EIO);
	eg_facts_release(&f);
}

static void facts_index_keeps_each_total_with_its_day(void **state)
{
	struct eg_facts f;
	struct eg_error err;
	struct eg_order_row o;
	size_t i, c;

	(void)state;
	eg_facts_init(&f);
	f.ncustomers = 7;
	f.customers = calloc(7, sizeof(*f.customers)); /* no ids: freeing NULL is a no-op */
	assert_non_null(f.customers);
	/* 200 orders over 7 customers in a scrambled order, total = 1000 * customer + day. */
	for (i = 0; i < 200; i++) {
		memset(&o, 0, sizeof(o));
		o.customer = (i * 5) % 7;
		o.day = (int64_t)((i * 37) % 101);
		o.month = eg_month_of_day(o.day);
		o.refund_month = o.month;
		o.total = (int64_t)o.customer * 1000 + o.day;
		assert_int_equal(eg_facts_add_order(&f, &o, &err), EG_OK);
	}
	/* A guest goes into the month only. */
	o.customer = EG_NO_CUSTOMER;
	assert_int_equal(eg_facts_add_order(&f, &o, &err), EG_OK);
	assert_int_equal(eg_facts_index(&f, &err), EG_OK);
	assert_int_equal(f.norders, 201);
	assert_int_equal(f.day_start[7], 200);
	for (c = 0; c < 7; c++)
		for (i = f.day_start[c]; i < f.day_start[c + 1]; i++) {
			assert_true(f.totals[i] == (int64_t)c * 1000 + f.days[i]);
			if (i > f.day_start[c])
				assert_true(f.days[i - 1] <= f.days[i]);
		}
	/* A customer index beyond 32 bits is refused. */
	o.customer = (size_t)UINT32_MAX;
	assert_int_equal(eg_facts_add_order(&f, &o, &err), EG_EDATA);
	eg_facts_release(&f);
}

static void facts_names_come_later_and_must_match_the_count(void **state)
{
	struct eg_facts f;
	struct eg_error err;

	(void)state;
	facts_from(&f, "customer_id,email,customer_ref\nca,a@example.com,\ncb,,77\n",
		   ORDERS_HEADER
		   "cb,2026-01-05T10:00:00Z,EUR,1.00,0.00,false,false,1,0.00,,1.00,0.00,0.00\n",
		   NULL);
	assert_int_equal(f.ncustomers, 2);
	assert_non_null(f.days);
	/* The days go when the models are done; the sums stay. */
	eg_facts_drop_days(&f);
	assert_null(f.days);
	assert_null(f.totals);
	assert_null(f.day_start);
	assert_int_equal(eg_facts_month(&f, MON(2026, 1))->orders, 1);
	/* A row more than was counted: the file changed under compute. */
	put("customers.csv", "customer_id,email,customer_ref\nca,,\ncb,,\ncc,,\n");
	assert_int_equal(eg_facts_load_names(&f, scratch, &err), EG_EIO);
	assert_non_null(strstr(err.message, "changed while compute read it"));
	eg_facts_release(&f);
	/* As it was: names in file order, each customer's three strings. */
	put("customers.csv", "customer_id,email,customer_ref\nca,a@example.com,\ncb,,77\n");
	assert_int_equal(load(&f, &err), EG_OK);
	assert_int_equal(eg_facts_load_names(&f, scratch, &err), EG_OK);
	assert_string_equal(f.customers[0].id, "ca");
	assert_string_equal(f.customers[0].email, "a@example.com");
	assert_string_equal(f.customers[0].ref, "");
	assert_string_equal(f.customers[1].id, "cb");
	assert_string_equal(f.customers[1].email, "");
	assert_string_equal(f.customers[1].ref, "77");
	eg_facts_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup_utc, scratch_teardown)
		T(facts_keep_counted_orders_and_count_tests_cancelled_and_guests),
		T(facts_sort_each_customers_order_days),
		T(facts_index_keeps_each_total_with_its_day),
		T(facts_names_come_later_and_must_match_the_count),
		T(facts_refunded_at_moves_an_orders_refund_to_its_month),
		T(facts_refunded_at_month_widens_the_months),
		T(facts_read_dated_refunds_and_widen_the_months),
		T(facts_days_and_months_are_the_report_timezones),
		T(facts_discount_flag_from_an_amount_or_a_code),
		T(facts_parts_an_export_lacks_are_unknown_not_zero),
		T(facts_loyalty_is_known_only_with_the_loyalty_export),
		T(facts_unknown_customer_is_data_error_at_its_line),
		T(facts_bad_amount_is_data_error_at_its_line),
		T(facts_bad_time_stamp_is_data_error_at_its_line),
		T(facts_bad_units_is_data_error_at_its_line),
		T(facts_second_currency_is_data_error_at_its_line),
		T(facts_refund_in_another_currency_is_data_error_at_its_line),
		T(facts_missing_column_is_data_error),
		T(facts_missing_orders_file_is_io_error),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
