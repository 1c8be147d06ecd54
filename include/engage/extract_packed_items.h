/*
 * extract_packed_items.h - line items packed one per cell in an orders
 * layout: WooCommerce's WebToffee export writes each item of an order in a
 * line_item_N column as "name:TEXT|product_id:N|sku:TEXT|quantity:N|
 * total:D|sub_total:D|..." (attributes vary; a name may hold ':' or '|').
 * A mapping names those columns with `column packed_item = PATTERN`: every
 * header column whose whole name matches holds one item or nothing.
 */
#ifndef ENGAGE_EXTRACT_PACKED_ITEMS_H
#define ENGAGE_EXTRACT_PACKED_ITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "engage/extract_row.h"
#include "engage/extract_value.h"

/* One line item read from a packed cell; the texts point into the cell (borrowed). */
struct eg_packed_item {
	const char *name; /* the product's name, trimmed */
	size_t name_len;  /* bytes at name */
	const char *sku;  /* its SKU, "" when none */
	size_t sku_len;	  /* bytes at sku */
	int64_t quantity; /* units */
	int64_t total;	  /* the line's total after discounts, in money units */
	int64_t subtotal; /* before discounts (sub_total), else total */
};

/*
 * Parses one packed cell (len bytes at cell) with amounts written in style.
 * Returns NULL, or the reject reason (missing_value for no name or
 * quantity, bad_quantity, bad_amount) with why filled.
 */
const char *eg_packed_item_parse(const char *cell, size_t len,
				 const struct eg_extract_value_style *style,
				 struct eg_packed_item *item, char *why, size_t whysz);

/*
 * Reads the current row's packed items, counting them in *items and their
 * units in *units (both 0 when the mapping packs none). A bad item rejects
 * the row with its column named: *rejected is then 1. EG_EIO on out of
 * memory.
 */
int eg_extract_packed_items_count(struct eg_extract_input *x, int64_t *items, int64_t *units,
				  int *rejected);

/*
 * Writes the current row's packed items to order_lines.csv as lines of
 * order order_id (len bytes), once eg_extract_packed_items_count accepted
 * the row.
 */
void eg_extract_packed_items_write(struct eg_extract_input *x, const char *order_id, size_t len);

#endif
