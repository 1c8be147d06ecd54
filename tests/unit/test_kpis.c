/*
 * test_kpis.c - the month x metric grid and the order metrics, from small
 * join tables written by hand into a scratch folder and loaded with
 * eg_facts_load in UTC.
 *
 * Cells are read as kpis.csv writes them: eg_kpi_write_value's three fields
 * "value,unit,note" (so "48.75,EUR," or ",ratio,no orders in the month"),
 * which checks the number, its rounding and the note of an absent value at
 * once. Each expected value is worked out by hand in the comment above it.
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

#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/facts.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/tables.h"
#include "engage/table_output.h"
#include "engage/timezone.h"

#define DAY(y, m, d) eg_days_from_civil((y), (m), (d))

/* The columns of orders.csv that compute reads. */
#define ORDERS_HEADER                                                                              \
	"customer_id,created_at,currency,total,refunded,cancelled,is_test,units,discount,"         \
	"discount_code,subtotal,shipping,tax\n"
#define ORDERS_HEADER_RA                                                                           \
	"customer_id,created_at,currency,total,refunded,cancelled,is_test,units,discount,"         \
	"discount_code,subtotal,shipping,tax,refunded_at\n"
#define REFUNDS_HEADER "customer_id,refunded_at,currency,amount\n"

/* An order row of customer c at time t with total, refunded and units; no discount. */
#define ORDER(c, t, total, refunded, units)                                                        \
	c "," t ",EUR," total "," refunded ",false,false," units ",0.00,," total ",0.00,0.00\n"

static struct eg_facts facts;	/* loaded by build() */
static struct eg_kpi_grid grid; /* filled by build() */
static int loaded;		/* facts and grid hold something */

static int teardown(void **state)
{
	(void)state;
	if (loaded) {
		eg_kpi_grid_release(&grid);
		eg_facts_release(&facts);
		loaded = 0;
	}
	return scratch_remove();
}

/*
 * Writes customers.csv, orders.csv and (when not NULL) refunds.csv, loads
 * them, and fills the order metrics of a grid of months first..last with a
 * churn window of window days.
 */
static void build(const char *customers, const char *orders, const char *refunds, int64_t first,
		  int64_t last, int64_t window)
{
	struct eg_kpi_options o = { window };
	struct eg_error err;

	facts_from(&facts, customers, orders, refunds);
	assert_int_equal(eg_kpi_grid_init(&grid, first, last, &err), EG_OK);
	loaded = 1;
	assert_int_equal(eg_kpis_fill_orders(&facts, &o, &grid, &err), EG_OK);
}

static void kpis_every_order_metric_of_one_month(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\nca,,\ncb,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "100.00", "0.00",
				  "3") "ca,2026-01-20T10:00:00Z,EUR,50.00,0.00,false,false,1,5.00,,"
				       "45.00,0.00,0.00\n"
				       "cb,2026-01-10T10:00:00Z,EUR,25.00,10.00,false,false,2,0.00,"
				       "X,25.00,0.00,0.00\n" ORDER("", "2026-01-15T10:00:00Z",
								   "20.00", "0.00", "1"),
	      NULL, MON(2026, 1), MON(2026, 1), 365);
	/* 4 orders (one a guest's), 100 + 50 + 25 + 20 = 195.00, one refund of 10.00. */
	CELL(MON(2026, 1), EG_M_ORDERS, "4,count,");
	CELL(MON(2026, 1), EG_M_GROSS_REVENUE, "195.00,EUR,");
	CELL(MON(2026, 1), EG_M_REFUNDS, "10.00,EUR,");
	CELL(MON(2026, 1), EG_M_NET_REVENUE, "185.00,EUR,");
	/* 195 / 4 = 48.75 */
	CELL(MON(2026, 1), EG_M_AOV, "48.75,EUR,");
	/* 3 + 1 + 2 + 1 = 7 units; 7 / 4 = 1.75 */
	CELL(MON(2026, 1), EG_M_UNITS, "7,count,");
	CELL(MON(2026, 1), EG_M_UNITS_PER_TRANSACTION, "1.75,units per order,");
	/* ca and cb, both first ordering in January */
	CELL(MON(2026, 1), EG_M_ACTIVE_CUSTOMERS, "2,count,");
	CELL(MON(2026, 1), EG_M_NEW_CUSTOMERS, "2,count,");
	CELL(MON(2026, 1), EG_M_RETURNING_CUSTOMERS, "0,count,");
	/* ca has 2 orders, cb 1: 1 / 2 */
	CELL(MON(2026, 1), EG_M_REPEAT_PURCHASE_RATE, "0.500000,ratio,");
	/* identified orders 3 / active customers 2 (the guest's order is left out) */
	CELL(MON(2026, 1), EG_M_PURCHASE_FREQUENCY, "1.50,orders per customer,");
	/* 1 refunded order of 4; 10 / 195 = 0.0512820... */
	CELL(MON(2026, 1), EG_M_REFUND_RATE, "0.250000,ratio,");
	CELL(MON(2026, 1), EG_M_REFUND_AMOUNT_RATE, "0.051282,ratio,");
	/* ca's second order has a discount amount, cb's a code: 2 / 4 */
	CELL(MON(2026, 1), EG_M_DISCOUNT_RATE, "0.500000,ratio,");
	/* nobody ordered in the 365 days before January */
	CELL(MON(2026, 1), EG_M_CHURN_RATE, ",ratio,no customers in the window before the month");
	CELL(MON(2026, 1), EG_M_RETENTION_RATE,
	     ",ratio,no customers in the window before the month");
	/* nobody's first order is before January: 0 / 185 */
	CELL(MON(2026, 1), EG_M_RETURNING_REVENUE_SHARE, "0.000000,ratio,");
	/* metrics of absent exports stay absent with their note */
	CELL(MON(2026, 1), EG_M_LOYALTY_PARTICIPATION, ",ratio,no loyalty programme export");
	CELL(MON(2026, 1), EG_M_SESSIONS, ",count,no web analytics export");
	CELL(MON(2026, 1), EG_M_NPS, ",score,no survey export");
	CELL(MON(2026, 1), EG_M_TICKETS, ",count,no support tickets export");
	CELL(MON(2026, 1), EG_M_OPEN_RATE, ",ratio,no email activity export");
}

/* ca orders in January, nobody in February, cc's only order (March) is fully refunded. */
static void build_quiet_february(void)
{
	build("customer_id,email,customer_ref\nca,,\ncc,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-10T10:00:00Z", "60.00", "0.00", "1")
		      ORDER("cc", "2026-03-10T10:00:00Z", "40.00", "40.00", "2"),
	      NULL, MON(2026, 1), MON(2026, 3), 365);
}

static void kpis_month_without_orders_has_zero_counts_and_absent_rates(void **state)
{
	(void)state;
	build_quiet_february();
	CELL(MON(2026, 2), EG_M_ORDERS, "0,count,");
	CELL(MON(2026, 2), EG_M_GROSS_REVENUE, "0.00,EUR,");
	CELL(MON(2026, 2), EG_M_REFUNDS, "0.00,EUR,");
	CELL(MON(2026, 2), EG_M_NET_REVENUE, "0.00,EUR,");
	CELL(MON(2026, 2), EG_M_AOV, ",EUR,no orders in the month");
	CELL(MON(2026, 2), EG_M_UNITS, "0,count,");
	CELL(MON(2026, 2), EG_M_UNITS_PER_TRANSACTION, ",units per order,no orders in the month");
	CELL(MON(2026, 2), EG_M_ACTIVE_CUSTOMERS, "0,count,");
	CELL(MON(2026, 2), EG_M_NEW_CUSTOMERS, "0,count,");
	CELL(MON(2026, 2), EG_M_RETURNING_CUSTOMERS, "0,count,");
	/* ca has ordered once by February's end: 0 / 1 */
	CELL(MON(2026, 2), EG_M_REPEAT_PURCHASE_RATE, "0.000000,ratio,");
	CELL(MON(2026, 2), EG_M_PURCHASE_FREQUENCY, ",orders per customer,no active customers");
	CELL(MON(2026, 2), EG_M_REFUND_RATE, ",ratio,no orders in the month");
	CELL(MON(2026, 2), EG_M_REFUND_AMOUNT_RATE, ",ratio,no revenue in the month");
	CELL(MON(2026, 2), EG_M_DISCOUNT_RATE, ",ratio,no orders in the month");
	CELL(MON(2026, 2), EG_M_RETURNING_REVENUE_SHARE, ",ratio,no net revenue in the month");
	/* ca ordered in the year before February and in the year up to its end: 0 of 1 lost */
	CELL(MON(2026, 2), EG_M_CHURN_RATE, "0.000000,ratio,");
	CELL(MON(2026, 2), EG_M_RETENTION_RATE, "1.000000,ratio,");
}

static void kpis_fully_refunded_only_order_is_still_an_order_and_a_customer(void **state)
{
	(void)state;
	build_quiet_february();
	CELL(MON(2026, 3), EG_M_ORDERS, "1,count,");
	CELL(MON(2026, 3), EG_M_GROSS_REVENUE, "40.00,EUR,");
	CELL(MON(2026, 3), EG_M_REFUNDS, "40.00,EUR,");
	CELL(MON(2026, 3), EG_M_NET_REVENUE, "0.00,EUR,");
	CELL(MON(2026, 3), EG_M_AOV, "40.00,EUR,");
	CELL(MON(2026, 3), EG_M_ACTIVE_CUSTOMERS, "1,count,");
	CELL(MON(2026, 3), EG_M_NEW_CUSTOMERS, "1,count,");
	CELL(MON(2026, 3), EG_M_PURCHASE_FREQUENCY, "1.00,orders per customer,");
	/* ca and cc have ordered, each once: 0 / 2 */
	CELL(MON(2026, 3), EG_M_REPEAT_PURCHASE_RATE, "0.000000,ratio,");
	CELL(MON(2026, 3), EG_M_REFUND_RATE, "1.000000,ratio,");
	CELL(MON(2026, 3), EG_M_REFUND_AMOUNT_RATE, "1.000000,ratio,");
	/* net revenue 0: the share has no denominator */
	CELL(MON(2026, 3), EG_M_RETURNING_REVENUE_SHARE, ",ratio,no net revenue in the month");
}

static void kpis_guests_count_in_orders_and_revenue_not_in_customers(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\nca,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-10T10:00:00Z", "30.00", "0.00", "1")
		      ORDER("", "2026-01-11T10:00:00Z", "20.00", "0.00", "1")
			      ORDER("", "2026-01-12T10:00:00Z", "10.00", "10.00", "1")
				      ORDER("", "2026-02-02T10:00:00Z", "15.00", "0.00", "1"),
	      NULL, MON(2026, 1), MON(2026, 2), 365);
	assert_int_equal(facts.guest_orders, 3);
	/* January: 3 orders, 30 + 20 + 10 = 60.00, 10.00 refunded by a guest */
	CELL(MON(2026, 1), EG_M_ORDERS, "3,count,");
	CELL(MON(2026, 1), EG_M_GROSS_REVENUE, "60.00,EUR,");
	CELL(MON(2026, 1), EG_M_NET_REVENUE, "50.00,EUR,");
	CELL(MON(2026, 1), EG_M_AOV, "20.00,EUR,");
	CELL(MON(2026, 1), EG_M_ACTIVE_CUSTOMERS, "1,count,");
	CELL(MON(2026, 1), EG_M_NEW_CUSTOMERS, "1,count,");
	/* only ca's order counts: 1 / 1 */
	CELL(MON(2026, 1), EG_M_PURCHASE_FREQUENCY, "1.00,orders per customer,");
	CELL(MON(2026, 1), EG_M_REPEAT_PURCHASE_RATE, "0.000000,ratio,");
	CELL(MON(2026, 1), EG_M_REFUND_RATE, "0.333333,ratio,");
	/* February: a guest's order only */
	CELL(MON(2026, 2), EG_M_ORDERS, "1,count,");
	CELL(MON(2026, 2), EG_M_GROSS_REVENUE, "15.00,EUR,");
	CELL(MON(2026, 2), EG_M_ACTIVE_CUSTOMERS, "0,count,");
	CELL(MON(2026, 2), EG_M_NEW_CUSTOMERS, "0,count,");
	CELL(MON(2026, 2), EG_M_RETURNING_CUSTOMERS, "0,count,");
	CELL(MON(2026, 2), EG_M_PURCHASE_FREQUENCY, ",orders per customer,no active customers");
	/* a guest is never a returning customer: 0 / 15 */
	CELL(MON(2026, 2), EG_M_RETURNING_REVENUE_SHARE, "0.000000,ratio,");
}

/*
 * One order each: cw 2025-03-01, cx 2025-03-15, cy 2025-04-01, cz 2025-02-28.
 * A month's window before it is [start - 365, start), the one ending with it
 * [end - 365, end); 2025 has 365 days, so 365 days before 2026-03-01 is
 * 2025-03-01.
 */
static void build_churn(int64_t window)
{
	build("customer_id,email,customer_ref\ncw,,\ncx,,\ncy,,\ncz,,\n",
	      ORDERS_HEADER ORDER("cw", "2025-03-01T10:00:00Z", "10.00", "0.00", "1")
		      ORDER("cx", "2025-03-15T10:00:00Z", "10.00", "0.00", "1")
			      ORDER("cy", "2025-04-01T10:00:00Z", "10.00", "0.00", "1")
				      ORDER("cz", "2025-02-28T10:00:00Z", "10.00", "0.00", "1"),
	      NULL, MON(2025, 2), MON(2026, 5), window);
}

static void kpis_churn_follows_the_365_day_windows(void **state)
{
	(void)state;
	build_churn(365);
	/*
	 * February 2026: before it [2025-02-01, 2026-02-01) holds all four;
	 * [2025-03-01, 2026-03-01) holds cw (on its first day), cx and cy, not
	 * cz: 1 lost of 4.
	 */
	CELL(MON(2026, 2), EG_M_CHURN_RATE, "0.250000,ratio,");
	CELL(MON(2026, 2), EG_M_RETENTION_RATE, "0.750000,ratio,");
	/*
	 * March 2026: before it [2025-03-01, 2026-03-01): cw, cx, cy (cz's
	 * 2025-02-28 is a day early); up to its end [2025-04-01, 2026-04-01):
	 * only cy. cw and cx are lost: 2 of 3.
	 */
	CELL(MON(2026, 3), EG_M_CHURN_RATE, "0.666667,ratio,");
	CELL(MON(2026, 3), EG_M_RETENTION_RATE, "0.333333,ratio,");
	/* April 2026: [2025-04-01, 2026-04-01) holds cy; [2025-05-01, 2026-05-01) nobody. */
	CELL(MON(2026, 4), EG_M_CHURN_RATE, "1.000000,ratio,");
	CELL(MON(2026, 4), EG_M_RETENTION_RATE, "0.000000,ratio,");
	/* May 2026: nobody ordered in [2025-05-01, 2026-05-01). */
	CELL(MON(2026, 5), EG_M_CHURN_RATE, ",ratio,no customers in the window before the month");
	/*
	 * March 2025: cz is at its start ([2024-03-01, 2025-03-01)) and not
	 * lost (the order is in [2024-04-01, 2025-04-01)).
	 */
	CELL(MON(2025, 3), EG_M_CHURN_RATE, "0.000000,ratio,");
	/* February 2025: nobody ordered before it. */
	CELL(MON(2025, 2), EG_M_CHURN_RATE, ",ratio,no customers in the window before the month");
}

static void kpis_churn_window_is_the_option_given(void **state)
{
	(void)state;
	build_churn(30);
	/*
	 * 30 days: March 2025 starts with [2025-01-30, 2025-03-01) holding cz;
	 * [2025-03-02, 2025-04-01) does not: 1 of 1 lost. cw's 2025-03-01 is in
	 * March itself, so not at its start.
	 */
	CELL(MON(2025, 3), EG_M_CHURN_RATE, "1.000000,ratio,");
	/*
	 * April 2025: [2025-03-02, 2025-04-01) holds cx; [2025-04-01, 2025-05-01)
	 * holds only cy: cx lost, 1 of 1.
	 */
	CELL(MON(2025, 4), EG_M_CHURN_RATE, "1.000000,ratio,");
	/* May 2025: [2025-04-01, 2025-05-01) holds cy; [2025-05-01, 2025-06-01) nobody. */
	CELL(MON(2025, 5), EG_M_CHURN_RATE, "1.000000,ratio,");
	CELL(MON(2025, 6), EG_M_CHURN_RATE, ",ratio,no customers in the window before the month");
}

static void kpis_repeat_purchase_rate_counts_customers_up_to_each_months_end(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\nca,,\ncb,,\ncc,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "10.00", "0.00",
				  "1") ORDER("cb", "2026-01-09T10:00:00Z", "10.00", "0.00", "1")
		      ORDER("cb", "2026-01-20T10:00:00Z", "10.00", "0.00", "1")
			      ORDER("cc", "2026-02-01T10:00:00Z", "10.00", "0.00", "1")
				      ORDER("ca", "2026-03-03T10:00:00Z", "10.00", "0.00", "1"),
	      NULL, MON(2026, 1), MON(2026, 3), 365);
	/* January: ca and cb have ordered, cb twice: 1 / 2 */
	CELL(MON(2026, 1), EG_M_REPEAT_PURCHASE_RATE, "0.500000,ratio,");
	/* February: cc joins: 1 / 3 */
	CELL(MON(2026, 2), EG_M_REPEAT_PURCHASE_RATE, "0.333333,ratio,");
	/* March: ca's second order: 2 / 3 */
	CELL(MON(2026, 3), EG_M_REPEAT_PURCHASE_RATE, "0.666667,ratio,");
	/* March: ca is active and returning, nobody new */
	CELL(MON(2026, 3), EG_M_ACTIVE_CUSTOMERS, "1,count,");
	CELL(MON(2026, 3), EG_M_NEW_CUSTOMERS, "0,count,");
	CELL(MON(2026, 3), EG_M_RETURNING_CUSTOMERS, "1,count,");
	/* January: 3 identified orders / 2 active */
	CELL(MON(2026, 1), EG_M_PURCHASE_FREQUENCY, "1.50,orders per customer,");
	/* March: all of it from ca, whose first order is in January */
	CELL(MON(2026, 3), EG_M_RETURNING_REVENUE_SHARE, "1.000000,ratio,");
}

static void kpis_dated_refunds_count_in_their_own_month(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\nca,,\ncb,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-10T10:00:00Z", "100.00", "0.00", "1")
		      ORDER("cb", "2026-03-05T10:00:00Z", "30.00", "0.00", "1")
			      ORDER("ca", "2026-03-06T10:00:00Z", "50.00", "0.00", "1"),
	      REFUNDS_HEADER "ca,2026-03-10T09:00:00Z,EUR,30.00\n", MON(2026, 1), MON(2026, 3),
	      365);
	/* The January order's return is dated March: January keeps its 100.00. */
	CELL(MON(2026, 1), EG_M_REFUNDS, "0.00,EUR,");
	CELL(MON(2026, 1), EG_M_NET_REVENUE, "100.00,EUR,");
	CELL(MON(2026, 1), EG_M_REFUND_RATE, "0.000000,ratio,");
	CELL(MON(2026, 2), EG_M_REFUNDS, "0.00,EUR,");
	/* March: 30 + 50 = 80.00 gross, 30.00 returned, 50.00 net */
	CELL(MON(2026, 3), EG_M_GROSS_REVENUE, "80.00,EUR,");
	CELL(MON(2026, 3), EG_M_REFUNDS, "30.00,EUR,");
	CELL(MON(2026, 3), EG_M_NET_REVENUE, "50.00,EUR,");
	/* the return invoice counts as a refund in March: 1 / 2 orders; 30 / 80 */
	CELL(MON(2026, 3), EG_M_REFUND_RATE, "0.500000,ratio,");
	CELL(MON(2026, 3), EG_M_REFUND_AMOUNT_RATE, "0.375000,ratio,");
	/* returning ca: 50 - 30 = 20 of 50 net */
	CELL(MON(2026, 3), EG_M_RETURNING_REVENUE_SHARE, "0.400000,ratio,");
}

static void kpis_refunded_at_moves_an_orders_refund_to_that_month(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\nca,,\n",
	      ORDERS_HEADER_RA
	      "ca,2026-01-10T10:00:00Z,EUR,80.00,20.00,false,false,1,0.00,,80.00,0.00,0.00,"
	      "2026-02-03T09:00:00Z\n",
	      NULL, MON(2026, 1), MON(2026, 2), 365);
	CELL(MON(2026, 1), EG_M_GROSS_REVENUE, "80.00,EUR,");
	CELL(MON(2026, 1), EG_M_REFUNDS, "0.00,EUR,");
	CELL(MON(2026, 1), EG_M_NET_REVENUE, "80.00,EUR,");
	CELL(MON(2026, 2), EG_M_REFUNDS, "20.00,EUR,");
	CELL(MON(2026, 2), EG_M_NET_REVENUE, "-20.00,EUR,");
	/* February's net is all ca's, whose first order is in January: -20 / -20 */
	CELL(MON(2026, 2), EG_M_RETURNING_REVENUE_SHARE, "1.000000,ratio,");
	/* no revenue in February to take a share of */
	CELL(MON(2026, 2), EG_M_REFUND_AMOUNT_RATE, ",ratio,no revenue in the month");
}

static void kpis_aov_rounds_half_away_from_zero_to_the_cent(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\n",
	      ORDERS_HEADER ORDER("", "2026-01-10T10:00:00Z", "50.00", "0.00",
				  "1") ORDER("", "2026-01-11T10:00:00Z", "50.01", "0.00", "1")
		      ORDER("", "2026-02-11T10:00:00Z", "50.005", "0.00",
			    "1") ORDER("", "2026-03-01T10:00:00Z", "10.00", "0.00", "1")
			      ORDER("", "2026-03-02T10:00:00Z", "10.00", "0.00", "1")
				      ORDER("", "2026-03-03T10:00:00Z", "10.01", "0.00", "1"),
	      NULL, MON(2026, 1), MON(2026, 3), 365);
	/* 100.01 / 2 = 50.005 -> 50.01 */
	CELL(MON(2026, 1), EG_M_AOV, "50.01,EUR,");
	/* one order of 50.005 (4 decimals kept in gross revenue) -> 50.01 */
	CELL(MON(2026, 2), EG_M_GROSS_REVENUE, "50.0050,EUR,");
	CELL(MON(2026, 2), EG_M_AOV, "50.01,EUR,");
	/* 30.01 / 3 = 10.00333 -> 10.00 */
	CELL(MON(2026, 3), EG_M_AOV, "10.00,EUR,");
}

static void kpis_shares_round_half_away_from_zero_at_six_decimals(void **state)
{
	(void)state;
	build("customer_id,email,customer_ref\nca,,\ncb,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "128.00", "1.00", "1")
		      ORDER("cb", "2026-03-05T10:00:00Z", "129.00", "0.00", "1"),
	      REFUNDS_HEADER "ca,2026-03-10T09:00:00Z,EUR,1.00\n", MON(2026, 1), MON(2026, 3), 365);
	/* 1 / 128 = 0.0078125 -> 0.007813 (not 0.007812) */
	CELL(MON(2026, 1), EG_M_REFUND_AMOUNT_RATE, "0.007813,ratio,");
	/* March: net 129 - 1 = 128, of which returning ca's is -1: -0.0078125 -> -0.007813 */
	CELL(MON(2026, 3), EG_M_NET_REVENUE, "128.00,EUR,");
	CELL(MON(2026, 3), EG_M_RETURNING_REVENUE_SHARE, "-0.007813,ratio,");
}

static void kpis_loyalty_participation_with_the_loyalty_export(void **state)
{
	(void)state;
	put("loyalty.csv", "customer_id,joined_at,referrals\nca,,\n");
	build("customer_id,email,customer_ref,loyalty_member\nca,,,true\ncb,,,false\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "10.00", "0.00", "1")
		      ORDER("cb", "2026-01-06T10:00:00Z", "10.00", "0.00", "1"),
	      NULL, MON(2026, 1), MON(2026, 2), 365);
	/* 1 member of 2 active customers */
	CELL(MON(2026, 1), EG_M_LOYALTY_PARTICIPATION, "0.500000,ratio,");
	CELL(MON(2026, 2), EG_M_LOYALTY_PARTICIPATION, ",ratio,no active customers");
}

static void kpis_grid_cells_outside_the_months_are_null(void **state)
{
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_kpi_grid_init(&grid, MON(2026, 1), MON(2026, 3), &err), EG_OK);
	assert_int_equal(grid.nmonths, 3);
	assert_null(eg_kpi_cell(&grid, MON(2025, 12), EG_M_ORDERS));
	assert_null(eg_kpi_cell(&grid, MON(2026, 4), EG_M_ORDERS));
	assert_non_null(eg_kpi_cell(&grid, MON(2026, 3), EG_M_MARKETING_ENGAGED_CUSTOMERS));
	/* A fresh cell is absent for want of its source. */
	assert_int_equal(eg_kpi_cell(&grid, MON(2026, 2), EG_M_ORDERS)->type, EG_CELL_ABSENT);
	assert_string_equal(eg_kpi_cell(&grid, MON(2026, 2), EG_M_USERS)->note,
			    "no web analytics export");
	/* Setting outside the grid does nothing. */
	eg_kpi_set_int(&grid, MON(2027, 1), EG_M_ORDERS, 5);
	/* A fraction over 0 is absent with the note given. */
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_CSAT, 3, 0, "why not");
	assert_int_equal(eg_kpi_cell(&grid, MON(2026, 1), EG_M_CSAT)->type, EG_CELL_ABSENT);
	assert_string_equal(eg_kpi_cell(&grid, MON(2026, 1), EG_M_CSAT)->note, "why not");
	/* A ratio keeps 6 decimals, another number 2. */
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_CSAT, 2, 3, "");
	assert_int_equal(eg_kpi_cell(&grid, MON(2026, 1), EG_M_CSAT)->places, 6);
	eg_kpi_set_fraction(&grid, MON(2026, 1), EG_M_NPS, 2, 3, "");
	assert_int_equal(eg_kpi_cell(&grid, MON(2026, 1), EG_M_NPS)->places, 2);
	CELL(MON(2026, 1), EG_M_CSAT, "0.666667,ratio,");
	CELL(MON(2026, 1), EG_M_NPS, "0.67,score,");
	eg_kpi_grid_release(&grid);
	/* An empty range has no months. */
	assert_int_equal(eg_kpi_grid_init(&grid, MON(2026, 3), MON(2026, 1), &err), EG_OK);
	assert_int_equal(grid.nmonths, 0);
	assert_null(eg_kpi_cell(&grid, MON(2026, 3), EG_M_ORDERS));
	eg_kpi_grid_release(&grid);
}

static void kpis_grid_write_is_one_row_per_month_and_metric(void **state)
{
	struct eg_table_output out;
	struct eg_error err;
	char path[1200], line[512];
	FILE *fp;
	int rows = 0;

	(void)state;
	build("customer_id,email,customer_ref\n",
	      ORDERS_HEADER ORDER("", "2026-02-10T10:00:00Z", "12.50", "0.00", "1"), NULL,
	      MON(2026, 1), MON(2026, 2), 365);
	assert_int_equal(eg_table_output_open(&out, scratch, "kpis.csv", eg_kpi_columns, &err),
			 EG_OK);
	eg_kpi_grid_write(&grid, "EUR", &out);
	assert_int_equal(out.rows, 2 * EG_M_COUNT);
	assert_int_equal(eg_table_output_commit(&out, &err), EG_OK);
	snprintf(path, sizeof(path), "%s/kpis.csv", scratch);
	fp = fopen(path, "r");
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_string_equal(line, "month,metric,value,unit,note\n");
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_string_equal(line, "2026-01,orders,0,count,\n");
	while (fgets(line, sizeof(line), fp)) {
		rows++;
		if (strncmp(line, "2026-02,aov,", 12) == 0)
			assert_string_equal(line, "2026-02,aov,12.50,EUR,\n");
		if (strncmp(line, "2026-01,aov,", 12) == 0)
			assert_string_equal(line, "2026-01,aov,,EUR,no orders in the month\n");
	}
	fclose(fp);
	assert_int_equal(rows + 1, 2 * EG_M_COUNT);
}

/*
 * A Stripe-like order has no line items and no discount column: units ""
 * and discount "" (and no code). Alone in a month, the metrics that need
 * them are absent and say why; beside an order with line items, they cover
 * that order and say so.
 */
static void kpis_orders_without_line_items_say_so(void **state)
{
#define NO_LINES                                                                                   \
	"ca,2026-01-05T10:00:00Z,EUR,42.00,0.00,false,false,,,,42.00,,\n"                          \
	"cb,2026-02-05T10:00:00Z,EUR,18.00,0.00,false,false,,,,18.00,,\n"
	(void)state;
	build("customer_id,email,customer_ref\nca,,\ncb,,\n",
	      ORDERS_HEADER NO_LINES ORDER("ca", "2026-02-10T10:00:00Z", "30.00", "0.00", "3"),
	      NULL, MON(2026, 1), MON(2026, 2), 365);
	/* January: one order, its export without line items or discounts. */
	CELL(MON(2026, 1), EG_M_ORDERS, "1,count,");
	CELL(MON(2026, 1), EG_M_GROSS_REVENUE, "42.00,EUR,");
	CELL(MON(2026, 1), EG_M_UNITS, ",count,no line items in these exports");
	CELL(MON(2026, 1), EG_M_UNITS_PER_TRANSACTION,
	     ",units per order,no line items in these exports");
	CELL(MON(2026, 1), EG_M_DISCOUNT_RATE, ",ratio,no discounts in these exports");
	/* February: 18.00 without line items, 30.00 with 3 units: 3 units over 1 order. */
	CELL(MON(2026, 2), EG_M_ORDERS, "2,count,");
	CELL(MON(2026, 2), EG_M_GROSS_REVENUE, "48.00,EUR,");
	CELL(MON(2026, 2), EG_M_UNITS,
	     "3,count,of the orders with line items only: some exports have none");
	CELL(MON(2026, 2), EG_M_UNITS_PER_TRANSACTION,
	     "3.00,units per order,of the orders with line items only: some exports have none");
	/* the order with line items states its discount (0.00): 0 of 1 */
	CELL(MON(2026, 2), EG_M_DISCOUNT_RATE,
	     "0.000000,ratio,of the orders whose exports state discounts only: some do not");
#undef NO_LINES
}

static const char first_note[] =
	"first month of the order data: customers who bought before it count as new";

/*
 * Orders from 5 January to 10 March: January is the first month of the
 * data (its customer counts noted), March ends on the 10th (its sums and
 * counts noted as partial), February is a whole month without notes.
 */
static void kpis_coverage_notes_first_and_partial_months(void **state)
{
	static const char partial[] = "partial month: the orders end on 2026-03-10 and it is not "
				      "comparable with whole months";
	struct eg_error err;
	char want[256];

	(void)state;
	build("customer_id,email,customer_ref\nca,,\ncb,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "60.00", "0.00", "1")
		      ORDER("cb", "2026-02-14T10:00:00Z", "20.00", "0.00", "1")
			      ORDER("ca", "2026-03-10T10:00:00Z", "40.00", "0.00", "2"),
	      NULL, MON(2026, 1), MON(2026, 3), 365);
	assert_int_equal(eg_kpis_note_coverage(&facts, &grid, &err), EG_OK);
	snprintf(want, sizeof(want), "1,count,%s", first_note);
	CELL(MON(2026, 1), EG_M_NEW_CUSTOMERS, want);
	snprintf(want, sizeof(want), "0,count,%s", first_note);
	CELL(MON(2026, 1), EG_M_RETURNING_CUSTOMERS, want);
	CELL(MON(2026, 1), EG_M_ORDERS, "1,count,");
	CELL(MON(2026, 2), EG_M_ORDERS, "1,count,");
	CELL(MON(2026, 2), EG_M_NEW_CUSTOMERS, "1,count,");
	snprintf(want, sizeof(want), "1,count,%s", partial);
	CELL(MON(2026, 3), EG_M_ORDERS, want);
	CELL(MON(2026, 3), EG_M_ACTIVE_CUSTOMERS, want);
	snprintf(want, sizeof(want), "40.00,EUR,%s", partial);
	CELL(MON(2026, 3), EG_M_GROSS_REVENUE, want);
	CELL(MON(2026, 3), EG_M_NET_REVENUE, want);
	/* a share is comparable: no note */
	CELL(MON(2026, 3), EG_M_AOV, "40.00,EUR,");
}

/* Data that end on a month's last day do not make it partial; one month alone gets both notes. */
static void kpis_coverage_whole_last_month_and_one_month_alone(void **state)
{
	struct eg_error err;
	char want[512];

	(void)state;
	build("customer_id,email,customer_ref\nca,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-01-05T10:00:00Z", "60.00", "0.00", "1")
		      ORDER("ca", "2026-02-28T23:59:59Z", "20.00", "0.00", "1"),
	      NULL, MON(2026, 1), MON(2026, 2), 365);
	assert_int_equal(eg_kpis_note_coverage(&facts, &grid, &err), EG_OK);
	CELL(MON(2026, 2), EG_M_ORDERS, "1,count,");
	CELL(MON(2026, 2), EG_M_RETURNING_CUSTOMERS, "1,count,");
	eg_kpi_grid_release(&grid);
	eg_facts_release(&facts);
	loaded = 0;
	build("customer_id,email,customer_ref\nca,,\n",
	      ORDERS_HEADER ORDER("ca", "2026-04-03T10:00:00Z", "60.00", "0.00", "1"), NULL,
	      MON(2026, 4), MON(2026, 4), 365);
	assert_int_equal(eg_kpis_note_coverage(&facts, &grid, &err), EG_OK);
	snprintf(want, sizeof(want),
		 "1,count,%s; partial month: the orders end on 2026-04-03 and it is not "
		 "comparable with whole months",
		 first_note);
	CELL(MON(2026, 4), EG_M_NEW_CUSTOMERS, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup_utc, teardown)
		T(kpis_every_order_metric_of_one_month),
		T(kpis_month_without_orders_has_zero_counts_and_absent_rates),
		T(kpis_fully_refunded_only_order_is_still_an_order_and_a_customer),
		T(kpis_guests_count_in_orders_and_revenue_not_in_customers),
		T(kpis_churn_follows_the_365_day_windows),
		T(kpis_churn_window_is_the_option_given),
		T(kpis_repeat_purchase_rate_counts_customers_up_to_each_months_end),
		T(kpis_dated_refunds_count_in_their_own_month),
		T(kpis_refunded_at_moves_an_orders_refund_to_that_month),
		T(kpis_aov_rounds_half_away_from_zero_to_the_cent),
		T(kpis_shares_round_half_away_from_zero_at_six_decimals),
		T(kpis_loyalty_participation_with_the_loyalty_export),
		T(kpis_grid_cells_outside_the_months_are_null),
		T(kpis_grid_write_is_one_row_per_month_and_metric),
		T(kpis_orders_without_line_items_say_so),
		T(kpis_coverage_notes_first_and_partial_months),
		T(kpis_coverage_whole_last_month_and_one_month_alone),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
