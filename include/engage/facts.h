/*
 * facts.h - join's tables as compute holds them: one small record per
 * order, refund and customer, with days and months already in the report
 * timezone, and per customer the days of their orders in order.
 *
 * Only counted orders are kept (no test orders, no cancelled orders); the
 * ones left out are counted. Memory grows with orders and customers.
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

/* A counted order. */
struct eg_order_fact {
	int64_t day;	      /* local day of created_at (days since 1970-01-01) */
	int64_t month;	      /* local month index (year * 12 + month - 1) */
	size_t customer;      /* customer index, or EG_NO_CUSTOMER for a guest */
	int64_t total;	      /* order total */
	int64_t subtotal;     /* line items less discounts */
	int64_t discount;     /* discount amount */
	int64_t shipping;     /* shipping charged */
	int64_t tax;	      /* taxes */
	int64_t refunded;     /* refunded amount */
	int64_t refund_month; /* month the refund counts in (refunded_at's, else the order's) */
	int64_t units;	      /* units over its lines */
	int has_discount;     /* a discount amount above zero or a discount code */
};

/* A dated refund that is not part of an order row (a return invoice). */
struct eg_refund_fact {
	int64_t day;	 /* local day of refunded_at */
	int64_t month;	 /* local month index */
	size_t customer; /* customer index, or EG_NO_CUSTOMER */
	int64_t amount;	 /* amount refunded, positive */
};

/* A customer of customers.csv. */
struct eg_customer_fact {
	char *id;    /* customer_id, owned */
	char *email; /* email, owned, "" when none */
	char *ref;   /* platform customer id, owned, "" when none */
};

/* Everything compute reads. */
struct eg_facts {
	struct eg_order_fact *orders;	    /* counted orders, in file order */
	size_t norders;			    /* entries at orders */
	struct eg_refund_fact *refunds;	    /* dated refunds */
	size_t nrefunds;		    /* entries at refunds */
	struct eg_customer_fact *customers; /* in customers.csv order (by id) */
	size_t ncustomers;		    /* entries at customers */
	size_t *day_start;	  /* per customer: start of its days in days[] (ncustomers + 1) */
	int64_t *days;		  /* order days of each customer, ascending */
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
};

/*
 * Reads join's customers.csv, orders.csv and (when present) refunds.csv
 * from dir into f, with months in the timezone already selected
 * (timezone.h), counting each input in m. Free f with eg_facts_release.
 * A value that cannot be read is EG_EDATA naming file and line; orders in
 * more than one currency are EG_EDATA too, and so are amounts whose
 * magnitudes add up to more than EG_FACTS_AMOUNT_LIMIT.
 */
int eg_facts_load(struct eg_facts *f, const char *dir, struct eg_manifest *m, struct eg_error *err);

/* Frees what f holds. */
void eg_facts_release(struct eg_facts *f);

/*
 * Number of customer c's orders with a day in [from, to): binary search
 * over its sorted days.
 */
size_t eg_facts_orders_between(const struct eg_facts *f, size_t c, int64_t from, int64_t to);

#endif
