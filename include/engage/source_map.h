/*
 * source_map.h - mapping files: how one platform's export maps onto the
 * canonical tables, written as data so a user can add a platform without C.
 *
 * A mapping file (stages/extract/sources/NAME.source) reads:
 *
 *     # Shopify orders export: one row per line item.
 *     source   shopify_orders
 *     layout   line_items
 *     need     order_id    = Name
 *     need     created_at  = Created at
 *     column   sku         = Lineitem sku
 *     test     payment_method = bogus
 *     dates    iso
 *     decimal  .
 *     currency USD
 *     timezone Europe/London
 *
 * `need` and `column` map a canonical field to the header column whose name
 * matches the pattern (PCRE2, the whole name, case-insensitive); the `need`
 * columns identify the source: a header has the source when every one of
 * them is present. `test FIELD = PATTERN` marks an order as a test order
 * when that field's value contains a match. `dates` says how numeric dates
 * are ordered (iso, us: MM/DD/YYYY, eu: DD.MM.YYYY or DD/MM/YYYY), `decimal`
 * and `thousands` how amounts are written, `currency` the currency when the
 * export has no currency column, `timezone` the zone of time stamps written
 * without a UTC offset. Fields a layout knows are listed in source_map.c.
 */
#ifndef ENGAGE_SOURCE_MAP_H
#define ENGAGE_SOURCE_MAP_H

#include <stddef.h>

#include "engage/datetime.h"
#include "engage/error.h"
#include "engage/money.h"
#include "engage/pattern.h"

/* How a source's rows become canonical rows; each layout is code in extract. */
enum eg_layout {
	EG_LAYOUT_LINE_ITEMS, /* one row per line item, grouped into orders by order_id */
};

/* Fields of the line_items layout, in the order of eg_source_field_names. */
enum eg_source_field {
	EG_SF_ORDER_ID,
	EG_SF_CUSTOMER_REF,
	EG_SF_EMAIL,
	EG_SF_CREATED_AT,
	EG_SF_CURRENCY,
	EG_SF_SUBTOTAL,
	EG_SF_DISCOUNT,
	EG_SF_SHIPPING,
	EG_SF_TAX,
	EG_SF_TOTAL,
	EG_SF_REFUNDED,
	EG_SF_FINANCIAL_STATUS,
	EG_SF_CANCELLED_AT,
	EG_SF_PAYMENT_METHOD,
	EG_SF_DISCOUNT_CODE,
	EG_SF_ACCEPTS_MARKETING,
	EG_SF_SKU,
	EG_SF_PRODUCT,
	EG_SF_QUANTITY,
	EG_SF_UNIT_PRICE,
	EG_SF_COUNTRY,
	EG_SF_COUNT
};

/* Names of the fields as written in mapping files, indexed by enum eg_source_field. */
extern const char *const eg_source_field_names[EG_SF_COUNT];

/* One mapping file, parsed and compiled. */
struct eg_source_map {
	char *name;                     /* source name, owned */
	char *path;                     /* the mapping file, owned */
	enum eg_layout layout;          /* how rows are read */
	struct eg_pattern *pattern[EG_SF_COUNT]; /* header pattern per field, NULL when unmapped */
	char *pattern_text[EG_SF_COUNT]; /* the same as written, owned, for messages */
	int need[EG_SF_COUNT];          /* 1 when the field's column identifies the source */
	int test_field;                 /* field tested for test orders, -1 when none */
	struct eg_pattern *test;        /* pattern marking a test order, NULL when none */
	enum eg_date_order dates;       /* date order */
	struct eg_money_style money;    /* decimal and thousands separators */
	char currency[8];               /* currency when there is no currency column, "" if none */
	char *timezone;                 /* zone of stamps without offset, owned, NULL = UTC */
};

/*
 * Reads and compiles the mapping file at path into a new map the caller
 * frees with eg_source_map_free. A malformed file is EG_EUSAGE naming
 * path:line.
 */
int eg_source_map_load(struct eg_source_map **out, const char *path, struct eg_error *err);

/* Frees m. NULL is a no-op. */
void eg_source_map_free(struct eg_source_map *m);

/*
 * Finds, for each field m maps, the first of the ncols header names that
 * matches its pattern, storing the column index in col (-1 when none).
 * Returns how many `need` fields have no column.
 */
size_t eg_source_map_bind(const struct eg_source_map *m, const char *const *names, size_t ncols,
			  long *col);

/* All mapping files of a folder, sorted by source name. */
struct eg_source_set {
	struct eg_source_map **maps; /* owned */
	size_t n;                    /* entries at maps */
};

/*
 * Loads every *.source file of dir into set (appending, so several folders
 * can be loaded). A source name defined twice is EG_EUSAGE.
 */
int eg_source_set_load_dir(struct eg_source_set *set, const char *dir, struct eg_error *err);

/* Frees every map of set and empties it. */
void eg_source_set_release(struct eg_source_set *set);

#endif
