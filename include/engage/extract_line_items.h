/*
 * extract_line_items.h - the line_items layout: one row per line item, the
 * rows of an order next to each other, into orders.csv and order_lines.csv.
 *
 * The first row of an order carries the order-level fields; when the source
 * has a total column, that row must have a total (a later row of the same
 * order repeats only some fields, as Shopify's export does). When the
 * source has no total column, the order's subtotal and total are the sum of
 * its lines. One order is held in memory at a time; its line items are
 * written as they are read.
 *
 * Reject reasons, besides those of eg_extract_row_check:
 *   missing_order_id the order id is empty
 *   orphan_line_item a continuation row whose order's first row is absent
 *   bad_date         the order's date is not a date
 *   bad_amount       an amount is not an amount, or out of range
 *   bad_quantity     the quantity is not a whole number
 *   order_rejected   a line item of an order whose first row was rejected
 */
#ifndef ENGAGE_EXTRACT_LINE_ITEMS_H
#define ENGAGE_EXTRACT_LINE_ITEMS_H

#include "engage/extract_row.h"

struct eg_extract_line_items;

/*
 * Starts reading rows of x (borrowed, must outlive the reader) into a new
 * reader *out, freed with eg_extract_line_items_free. EG_EIO on out of memory.
 */
int eg_extract_line_items_new(struct eg_extract_line_items **out, struct eg_extract_input *x,
			      struct eg_error *err);

/*
 * Reads the current row of x->r, which eg_extract_row_check has passed: a line
 * item written, or a reject. Returns EG_OK, or EG_EIO on out of memory.
 */
int eg_extract_line_items_row(struct eg_extract_line_items *li);

/* Writes the order being assembled, if any (call at the end of the input). */
void eg_extract_line_items_flush(struct eg_extract_line_items *li);

/* Frees li without writing anything. NULL is a no-op. */
void eg_extract_line_items_free(struct eg_extract_line_items *li);

#endif
