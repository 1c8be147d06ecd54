/*
 * bridge.h - the revenue bridge: per month, from gross sales to net
 * revenue, with a check that the parts reconcile with the order totals the
 * sources exported.
 *
 * bridge.csv: month, gross_sales (line items before discounts: subtotal +
 * discount), discounts, shipping, tax, duties (import duties, Shopify's
 * Duties), other, total (sum of order totals), refunds (as in kpis.csv),
 * net_revenue (total - refunds). other = total - (gross_sales - discounts +
 * shipping + tax + duties): zero when every order's total is the sum of its
 * parts; anything else (tips, fees, an export that does not add up) is
 * shown, never hidden. A part a source does not export counts as zero there.
 */
#ifndef ENGAGE_BRIDGE_H
#define ENGAGE_BRIDGE_H

#include <stdint.h>

#include "engage/error.h"
#include "engage/facts.h"
#include "engage/table_output.h"

/* Columns of bridge.csv, NULL-terminated. */
extern const char *const eg_bridge_columns[];

/* Writes one bridge row per month from first_month to last_month to out. */
int eg_bridge_write(const struct eg_facts *f, int64_t first_month, int64_t last_month,
		    struct eg_table_output *out, struct eg_error *err);

#endif
