/*
 * test_cohorts.c - the acquisition cohort table: customers grouped by the
 * month of their first order, offsets 0 .. depth - 1 up to the report month,
 * active customers and retention, net revenue with refunds in the month
 * they count in, and the cumulative net revenue per customer rounded half
 * away from zero to the cent.
 *
 * Tables are written by hand into a scratch folder, loaded with
 * eg_facts_load in UTC, and the whole cohorts.csv is compared with the
 * rows worked out in each test's comments.
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

#include "engage/cohorts.h"
#include "engage/facts.h"
#include "engage/manifest.h"
#include "engage/table_output.h"
#include "engage/timezone.h"

#define ORDERS_HEADER                                                                              \
	"customer_id,created_at,currency,total,refunded,cancelled,is_test,units,discount,"         \
	"discount_code,subtotal,shipping,tax,refunded_at\n"
#define REFUNDS_HEADER "customer_id,refunded_at,currency,amount\n"
#define COHORTS_HEADER                                                                             \
	"cohort,month_offset,cohort_customers,active_customers,retention,net_revenue,"             \
	"cumulative_net_revenue_per_customer\n"

/* An order of customer c at time t with total and refunded (refunded_at ra, "" for none). */
#define ORDER(c, t, total, refunded, ra)                                                           \
	c "," t ",EUR," total "," refunded ",false,false,1,0.00,," total ",0.00,0.00," ra "\n"

static struct eg_facts facts; /* loaded by load() */
static int loaded;	      /* facts holds something */

static int teardown(void **state)
{
	(void)state;
	if (loaded)
		eg_facts_release(&facts);
	loaded = 0;
	return scratch_remove();
}

/* Writes and loads the tables (refunds may be NULL). */
static void load(const char *customers, const char *orders, const char *refunds)
{
	facts_from(&facts, customers, orders, refunds);
	loaded = 1;
}

/* Writes cohorts.csv for report month and depth, and asserts it is text. */
static void cohorts_are(int64_t report, int depth, const char *text)
{
	struct eg_table_output out;
	struct eg_error err;

	table_open(&out, "cohorts.csv", eg_cohort_columns);
	assert_int_equal(eg_cohorts_write(&facts, report, depth, &out, &err), EG_OK);
	table_commit(&out);
	file_is("cohorts.csv", text);
}

/*
 * January cohort: ca (100.00 on 01-05, then 30.00 on 03-02 fully refunded)
 * and cb (50.01 on 01-20). February cohort of one: cc (40.00 on 02-10, with
 * a 10.00 return dated 03-15 in refunds.csv). A guest's order is in no
 * cohort; cd's first order is after the report month (March).
 */
static void load_shop(void)
{
	load("customer_id,email,customer_ref\nca,,\ncb,,\ncc,,\ncd,,\n",
	     ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "100.00", "0.00",
				 "") ORDER("cb", "2026-01-20T10:00:00Z", "50.01", "0.00", "")
		     ORDER("", "2026-01-25T10:00:00Z", "20.00", "0.00",
			   "") ORDER("cc", "2026-02-10T10:00:00Z", "40.00", "0.00", "")
			     ORDER("ca", "2026-03-02T10:00:00Z", "30.00", "30.00", "")
				     ORDER("cd", "2026-05-01T10:00:00Z", "99.00", "0.00", ""),
	     REFUNDS_HEADER "cc,2026-03-15T10:00:00Z,EUR,10.00\n");
}

static void cohorts_follow_each_cohort_up_to_the_report_month(void **state)
{
	(void)state;
	load_shop();
	/*
	 * 2026-01 (2 customers): offset 0 both active, 150.01 net, 150.01 / 2 =
	 * 75.005 -> 75.01 per customer; offset 1 nobody, 0; offset 2 ca active
	 * (1 / 2), 30 - 30 = 0 net, still 75.01.
	 * 2026-02 (cc alone): offset 0 40.00; offset 1 the March return, -10.00,
	 * cumulative 30.00. No cohort starts in March; cd's May is after it.
	 */
	cohorts_are(MON(2026, 3), 24,
		    COHORTS_HEADER "2026-01,0,2,2,1.000000,150.01,75.01\n"
				   "2026-01,1,2,0,0.000000,0.00,75.01\n"
				   "2026-01,2,2,1,0.500000,0.00,75.01\n"
				   "2026-02,0,1,1,1.000000,40.00,40.00\n"
				   "2026-02,1,1,0,0.000000,-10.00,30.00\n");
}

static void cohorts_stop_at_the_depth(void **state)
{
	(void)state;
	load_shop();
	/* depth 2: offsets 0 and 1 only */
	cohorts_are(MON(2026, 3), 2,
		    COHORTS_HEADER "2026-01,0,2,2,1.000000,150.01,75.01\n"
				   "2026-01,1,2,0,0.000000,0.00,75.01\n"
				   "2026-02,0,1,1,1.000000,40.00,40.00\n"
				   "2026-02,1,1,0,0.000000,-10.00,30.00\n");
	/* depth 1: offset 0 only */
	cohorts_are(MON(2026, 3), 1,
		    COHORTS_HEADER "2026-01,0,2,2,1.000000,150.01,75.01\n"
				   "2026-02,0,1,1,1.000000,40.00,40.00\n");
}

static void cohorts_leave_out_what_is_after_the_report_month(void **state)
{
	(void)state;
	load_shop();
	/* January as the report month: only the January cohort, at offset 0. */
	cohorts_are(MON(2026, 1), 24, COHORTS_HEADER "2026-01,0,2,2,1.000000,150.01,75.01\n");
	/* May: cd's cohort of one joins; cc's cohort has nothing after March. */
	cohorts_are(MON(2026, 5), 24,
		    COHORTS_HEADER "2026-01,0,2,2,1.000000,150.01,75.01\n"
				   "2026-01,1,2,0,0.000000,0.00,75.01\n"
				   "2026-01,2,2,1,0.500000,0.00,75.01\n"
				   "2026-01,3,2,0,0.000000,0.00,75.01\n"
				   "2026-01,4,2,0,0.000000,0.00,75.01\n"
				   "2026-02,0,1,1,1.000000,40.00,40.00\n"
				   "2026-02,1,1,0,0.000000,-10.00,30.00\n"
				   "2026-02,2,1,0,0.000000,0.00,30.00\n"
				   "2026-02,3,1,0,0.000000,0.00,30.00\n"
				   "2026-05,0,1,1,1.000000,99.00,99.00\n");
	/* Before the first month: no rows. */
	cohorts_are(MON(2025, 12), 24, COHORTS_HEADER);
}

static void cohorts_count_a_dated_order_refund_in_its_month(void **state)
{
	(void)state;
	/*
	 * ca: 80.00 on 01-10, 20.00 of it refunded on 02-03; 0.03 on 01-11.
	 * cb: 0.02 on 01-12. Offset 0: 80.05 net, 80.05 / 2 = 40.025 -> 40.03.
	 * Offset 1: -20.00; cumulative 60.05 / 2 = 30.025 -> 30.03.
	 */
	load("customer_id,email,customer_ref\nca,,\ncb,,\n",
	     ORDERS_HEADER ORDER("ca", "2026-01-10T10:00:00Z", "80.00", "20.00",
				 "2026-02-03T09:00:00Z")
		     ORDER("ca", "2026-01-11T10:00:00Z", "0.03", "0.00", "")
			     ORDER("cb", "2026-01-12T10:00:00Z", "0.02", "0.00", ""),
	     NULL);
	cohorts_are(MON(2026, 2), 24,
		    COHORTS_HEADER "2026-01,0,2,2,1.000000,80.05,40.03\n"
				   "2026-01,1,2,0,0.000000,-20.00,30.03\n");
}

static void cohorts_round_a_negative_half_cent_away_from_zero(void **state)
{
	(void)state;
	/*
	 * ca 1.00 and cb 0.01 in January; in February ca returns 10.02 (refunds.csv).
	 * Offset 1 cumulative: 1.01 - 10.02 = -9.01, / 2 = -4.505 -> -4.51.
	 */
	load("customer_id,email,customer_ref\nca,,\ncb,,\n",
	     ORDERS_HEADER ORDER("ca", "2026-01-10T10:00:00Z", "1.00", "0.00", "")
		     ORDER("cb", "2026-01-12T10:00:00Z", "0.01", "0.00", ""),
	     REFUNDS_HEADER "ca,2026-02-01T00:00:00Z,EUR,10.02\n");
	cohorts_are(MON(2026, 2), 24,
		    COHORTS_HEADER "2026-01,0,2,2,1.000000,1.01,0.51\n"
				   "2026-01,1,2,0,0.000000,-10.02,-4.51\n");
}

static void cohorts_of_a_shop_without_orders_are_empty(void **state)
{
	(void)state;
	load("customer_id,email,customer_ref\nca,,\n", ORDERS_HEADER, NULL);
	cohorts_are(MON(2026, 3), 24, COHORTS_HEADER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup_utc, teardown)
		T(cohorts_follow_each_cohort_up_to_the_report_month),
		T(cohorts_stop_at_the_depth),
		T(cohorts_leave_out_what_is_after_the_report_month),
		T(cohorts_count_a_dated_order_refund_in_its_month),
		T(cohorts_round_a_negative_half_cent_away_from_zero),
		T(cohorts_of_a_shop_without_orders_are_empty),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
