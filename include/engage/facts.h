/*
 * facts.h - join's tables as compute holds them, with days and months
 * already in the report timezone: per month, the sums of the counted orders
 * dated in it; per customer, the day and total of each of their orders, in
 * day order; the refunds of customers' order rows; dated refunds; and the
 * customers.
 *
 * Only counted orders are read (no test orders, no cancelled orders); the
 * ones left out are counted. No per-order row is kept for guests, whose
 * orders count only in their month's sums: memory grows with customers
 * and their orders (16 bytes an order), not with every order's columns.
 */
#ifndef ENGAGE_FACTS_H
#define ENGAGE_FACTS_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"
#include "engage/manifest.h"

#define EG_NO_CUSTOMER SIZE_MAX

/*
 * The most the magnitudes of all amounts read may add up to: a quarter of
 * the int64 range, so that no sum or difference compute makes of them can
 * overflow (about 230 trillion currency units).
 */
#define EG_FACTS_AMOUNT_LIMIT ((uint64_t)INT64_MAX / 4)

/* Sums over the counted orders dated in one month. */
struct eg_month_fact {
	int64_t orders;		 /* counted orders */
	int64_t identified;	 /* of them, those with a customer */
	int64_t discounted;	 /* with a discount amount above zero or a discount code */
	int64_t refunded_orders; /* with a refunded amount above zero */
	int64_t units;		 /* units over their lines, of the orders with line items */
	int64_t lined;		 /* orders whose export has line items (units known) */
	int64_t discount_known;	 /* orders whose export states a discount amount or code */
	int64_t total;		 /* order totals */
	int64_t subtotal;	 /* line items less discounts */
	int64_t discount;	 /* discount amounts */
	int64_t shipping;	 /* shipping charged */
	int64_t tax;		 /* taxes */
	int64_t duties;		 /* import duties */
	int64_t refunded;	 /* refunded amounts of orders (of any month) counted in this one:
				    refunded_at's month, else the order's */
};

/* A counted order row, as eg_facts_add_order takes it. */
struct eg_order_row {
	int64_t day;	      /* local day of created_at */
	int64_t month;	      /* local month index (year * 12 + month - 1) of that day */
	size_t customer;      /* customer index, or EG_NO_CUSTOMER for a guest */
	int64_t total;	      /* order total */
	int64_t subtotal;     /* line items less discounts */
	int64_t discount;     /* discount amount */
	int64_t shipping;     /* shipping charged */
	int64_t tax;	      /* taxes */
	int64_t refunded;     /* refunded amount */
	int64_t refund_month; /* month the refund counts in (refunded_at's, else the order's) */
	int64_t duties;	      /* import duties */
	int64_t units;	      /* units over its lines */
	int has_units;	      /* its export has line items: units is known */
	int has_discount;     /* a discount amount above zero or a discount code */
	int discount_known;   /* its export has a discount amount or code column */
};

/* The refunded amount of a customer's order row (not 0). */
struct eg_order_refund {
	size_t customer; /* customer index */
	int64_t month;	 /* month the refund counts in (refunded_at's, else the order's) */
	int64_t amount;	 /* refunded amount */
};

/* A dated refund that is not part of an order row (a return invoice). */
struct eg_refund_fact {
	int64_t day;	 /* local day of refunded_at */
	int64_t month;	 /* local month index */
	size_t customer; /* customer index, or EG_NO_CUSTOMER */
	int64_t amount;	 /* amount refunded, positive */
};

/* A customer of customers.csv: loaded (eg_facts_load_names), its strings are in eg_facts.strings. */
struct eg_customer_fact {
	char *id;    /* customer_id; owned when eg_facts.strings is NULL */
	char *email; /* email, "" when none; owned likewise */
	char *ref;   /* platform customer id, "" when none; owned likewise */
};

/* Everything compute reads. */
struct eg_facts {
	size_t norders;			    /* counted orders read */
	struct eg_month_fact *months;	    /* per month from months_from, nmonths of them */
	int64_t months_from;		    /* month of months[0] */
	size_t nmonths;			    /* entries at months */
	struct eg_order_refund *order_refunds; /* customers' order rows with a refund */
	size_t norder_refunds;		    /* entries at order_refunds */
	struct eg_refund_fact *refunds;	    /* dated refunds */
	size_t nrefunds;		    /* entries at refunds */
	struct eg_customer_fact *customers; /* in customers.csv order (by id); NULL until
					       eg_facts_load_names */
	char *strings;			    /* loaded customers' id, email, ref back to back; owned */
	size_t ncustomers;		    /* customers in customers.csv */
	size_t *day_start;	  /* per customer: start of its days in days[] (ncustomers + 1) */
	int32_t *days;		  /* order days of each customer, ascending (days fit in 32 bits) */
	int64_t *totals;	  /* order totals, beside days (same index) */
	char currency[8];	  /* currency of the amounts */
	int64_t test_orders;	  /* orders left out as tests */
	int64_t cancelled_orders; /* orders left out as cancelled */
	int64_t guest_orders;	  /* counted orders without a customer */
	int64_t first_month;	  /* earliest month of an order or refund; INT64_MAX if none */
	int64_t last_month;	  /* latest such month; INT64_MIN if none */
	int64_t last_day;	  /* latest order day; INT64_MIN if none */
	uint64_t amounts;	  /* sum of the magnitudes of every amount read, at most
				     EG_FACTS_AMOUNT_LIMIT */
	int has_loyalty;	  /* customers.csv says who is a loyalty member */
	unsigned char *loyalty_member; /* per customer: 1 when a loyalty member; NULL if unknown */
	struct eg_facts_load *load;    /* customers' orders added, not yet indexed; owned */
};

/* Makes f empty: no months, customers or orders (first_month INT64_MAX...). */
void eg_facts_init(struct eg_facts *f);

/*
 * Adds a counted order to its month's sums and, with a customer (set
 * ncustomers first), to that customer's orders, which eg_facts_index then
 * sorts. EG_EDATA for a customer index or day beyond 32 bits, EG_EIO on
 * out of memory (f then is only good for eg_facts_release).
 */
int eg_facts_add_order(struct eg_facts *f, const struct eg_order_row *o, struct eg_error *err);

/*
 * Builds day_start, days and totals from the orders added: each customer's
 * orders by day. EG_EIO on out of memory.
 */
int eg_facts_index(struct eg_facts *f, struct eg_error *err);

/*
 * Reads join's customers.csv, orders.csv and (when present) refunds.csv
 * from dir into f, with months in the timezone already selected
 * (timezone.h), counting each input in m. Free f with eg_facts_release.
 * Customers are counted and indexed, but their names are read only by
 * eg_facts_load_names.
 * A value that cannot be read is EG_EDATA naming file and line; orders in
 * more than one currency are EG_EDATA too, and so are amounts whose
 * magnitudes add up to more than EG_FACTS_AMOUNT_LIMIT.
 */
int eg_facts_load(struct eg_facts *f, const char *dir, struct eg_manifest *m, struct eg_error *err);

/*
 * Reads the customers' id, email and ref from dir's customers.csv into
 * f->customers, for the ncustomers eg_facts_load counted: compute needs
 * them last, for customer_scores.csv, so they need not take memory while
 * the models run. EG_EIO when the file has changed its number of rows.
 */
int eg_facts_load_names(struct eg_facts *f, const char *dir, struct eg_error *err);

/* Frees each customer's order days and totals (day_start, days, totals), once no model needs them. */
void eg_facts_drop_days(struct eg_facts *f);

/* Frees what f holds. */
void eg_facts_release(struct eg_facts *f);

/*
 * The sums of month m's counted orders, borrowed from f; NULL when no
 * order is dated in m.
 */
const struct eg_month_fact *eg_facts_month(const struct eg_facts *f, int64_t m);

/*
 * Number of customer c's orders with a day in [from, to): binary search
 * over its sorted days.
 */
size_t eg_facts_orders_between(const struct eg_facts *f, size_t c, int64_t from, int64_t to);

#endif
