/*
 * extract_orders.h - the orders layout: one row per order (WooCommerce
 * order exports, Stripe payments) into orders.csv. No line items are
 * written; items and units are the source's own counts when it has them,
 * else empty.
 *
 * An order needs an id (missing_order_id), a creation time (bad_date) and a
 * total (bad_amount); other amounts absent or empty read as 0, except the
 * subtotal, which without a column is total - shipping - tax, and the
 * refunded amount, which without a column is the total when the order's
 * financial status is refunded (a fully refunded order). The order is
 * cancelled when its cancelled_at cell is filled or its cancelled cell says
 * yes; refunded_at is the refund's time when the source dates refunds
 * (Stripe's Refunded date), else empty. Other reject reasons: bad_amount,
 * bad_number and bad_value for cells that do not read as their type.
 */
#ifndef ENGAGE_EXTRACT_ORDERS_H
#define ENGAGE_EXTRACT_ORDERS_H

#include "engage/extract_row.h"

/*
 * Reads the current row of x->r, which eg_extract_row_check has passed: an order
 * written, or a reject. Returns EG_OK, or EG_EIO on out of memory.
 */
int eg_extract_orders_row(struct eg_extract_input *x);

#endif
