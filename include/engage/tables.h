/*
 * tables.h - the canonical tables passed between stages: their column names
 * in file order, and an index for each column, so every stage names a
 * column the same way. See DESIGN.md for what each table holds.
 *
 * Every table also carries source_file and source_line: the raw export and
 * the line a row came from, so a rejected or suspicious row can be traced to
 * the file a person downloaded.
 */
#ifndef ENGAGE_TABLES_H
#define ENGAGE_TABLES_H

/* Columns of orders.csv (one row per order). */
enum eg_order_col {
	EG_ORDER_ID,          /* the platform's order number, e.g. "#1001" */
	EG_ORDER_CUSTOMER_REF, /* the platform's customer id, "" when not exported */
	EG_ORDER_EMAIL,       /* buyer email; "" for guests without one */
	EG_ORDER_CREATED_AT,  /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	EG_ORDER_CURRENCY,    /* ISO 4217 code */
	EG_ORDER_SUBTOTAL,    /* line items less discounts */
	EG_ORDER_DISCOUNT,    /* discount amount */
	EG_ORDER_SHIPPING,    /* shipping charged */
	EG_ORDER_TAX,         /* taxes */
	EG_ORDER_TOTAL,       /* order total as exported */
	EG_ORDER_REFUNDED,    /* refunded amount */
	EG_ORDER_FINANCIAL_STATUS, /* paid, refunded, partially_refunded, voided, ... */
	EG_ORDER_CANCELLED,   /* "true" when the order was cancelled */
	EG_ORDER_IS_TEST,     /* "true" for a test order */
	EG_ORDER_ITEMS,       /* line items */
	EG_ORDER_UNITS,       /* units over all line items */
	EG_ORDER_SOURCE,      /* the source that produced the row, e.g. shopify_orders */
	EG_ORDER_DISCOUNT_CODE, /* discount code(s), "" when none */
	EG_ORDER_ACCEPTS_MARKETING, /* "true", "false", or "" when unknown */
	EG_ORDER_COUNTRY,     /* the buyer's country as exported, "" when unknown */
	EG_ORDER_SOURCE_FILE, /* raw export the order came from */
	EG_ORDER_SOURCE_LINE, /* line of its first row in that file */
	EG_ORDER_NCOLS
};

/* Names of the orders.csv columns, indexed by enum eg_order_col, NULL-terminated. */
extern const char *const eg_order_columns[];

/* Columns of order_lines.csv (one row per line item). */
enum eg_line_col {
	EG_LINE_ORDER_ID,    /* order the line belongs to */
	EG_LINE_SKU,         /* stock keeping unit */
	EG_LINE_PRODUCT,     /* product name */
	EG_LINE_QUANTITY,    /* units */
	EG_LINE_UNIT_PRICE,  /* price per unit */
	EG_LINE_TOTAL,       /* quantity x unit price */
	EG_LINE_SOURCE_FILE, /* raw export the line came from */
	EG_LINE_SOURCE_LINE, /* its line in that file */
	EG_LINE_NCOLS
};

/* Names of the order_lines.csv columns, NULL-terminated. */
extern const char *const eg_line_columns[];

/*
 * Columns of refunds.csv (one row per dated refund or return that is not a
 * column of its order, such as a return invoice; written by clean).
 */
enum eg_refund_col {
	EG_REFUND_ID,           /* the refund's own id (e.g. the return invoice) */
	EG_REFUND_CUSTOMER_REF, /* platform customer id, "" when none */
	EG_REFUND_EMAIL,        /* buyer email, "" when none */
	EG_REFUND_REFUNDED_AT,  /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	EG_REFUND_CURRENCY,     /* ISO 4217 code */
	EG_REFUND_AMOUNT,       /* refunded amount, positive */
	EG_REFUND_ITEMS,        /* returned line items */
	EG_REFUND_UNITS,        /* returned units, positive */
	EG_REFUND_SOURCE,       /* the source that produced it */
	EG_REFUND_SOURCE_FILE,  /* raw export it came from */
	EG_REFUND_SOURCE_LINE,  /* its first line in that file */
	EG_REFUND_NCOLS
};

/* Names of the refunds.csv columns, NULL-terminated. */
extern const char *const eg_refund_columns[];

/* Columns of customers.csv (one row per resolved customer, after join). */
enum eg_customer_col {
	EG_CUSTOMER_ID,        /* stable id derived from the customer's key */
	EG_CUSTOMER_EMAIL,     /* normalised email, "" when only a platform id is known */
	EG_CUSTOMER_REF,       /* platform customer id, "" when none */
	EG_CUSTOMER_FIRST_ORDER_AT, /* first counted order, UTC; "" when none */
	EG_CUSTOMER_LAST_ORDER_AT,  /* last counted order, UTC; "" when none */
	EG_CUSTOMER_ORDERS,    /* counted orders */
	EG_CUSTOMER_REVENUE,   /* gross revenue of counted orders */
	EG_CUSTOMER_REFUNDS,   /* refunds of counted orders */
	EG_CUSTOMER_ACCEPTS_MARKETING, /* consent on the latest order that states it */
	EG_CUSTOMER_NCOLS
};

/* Names of the customers.csv columns, NULL-terminated. */
extern const char *const eg_customer_columns[];

/*
 * Whether an orders.csv row counts in KPIs: test orders and cancelled orders
 * do not. Takes the row's cancelled and is_test fields.
 */
int eg_order_is_counted(const char *cancelled, const char *is_test);

/* Columns of kpis.csv (long: one row per month and metric). */
extern const char *const eg_kpi_columns[];

#endif
