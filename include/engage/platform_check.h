/*
 * platform_check.h - the figures a platform's own report states for a
 * period (platform_report.csv: Shopify's new and returning customers) side
 * by side with engage's: the same figure computed on the platform's
 * definition from join's orders, the difference, engage's own figure on its
 * own definition, and what makes the two definitions differ.
 *
 * Shopify's definition, as its New vs returning customers report counts:
 * a customer is new in the period of their first order and returning in a
 * period holding any later order of theirs, so a customer whose first and
 * second orders fall in one period counts as both, and cancelled orders
 * count. engage's new customers are those whose first counted order
 * (cancelled and test orders left out) is in the period, its returning
 * customers those with a counted order in the period whose first counted
 * order is before it. Test orders count in neither.
 *
 * Stripe's customers export (profiles.csv rows of stripe_customers) gives a
 * Total Spend per customer, refunds left in: one row adds it up beside the
 * same customers' Stripe payments in orders.csv (test and cancelled ones
 * left out), and engage's figure net of refunds; it names the customers
 * that differ and the pending payments engage counts and Stripe does not.
 *
 * platform_check.csv: period_start, period_end (empty for all time),
 * figure, source, platform_value, engage_same_definition, difference
 * (platform - engage on its definition), engage_value (engage's own
 * definition), explanation, unit ("count", or an amount's currency,
 * "money" when the export names none).
 */
#ifndef ENGAGE_PLATFORM_CHECK_H
#define ENGAGE_PLATFORM_CHECK_H

#include "engage/error.h"
#include "engage/manifest.h"
#include "engage/table_output.h"

/* Columns of platform_check.csv, NULL-terminated. */
extern const char *const eg_platform_check_columns[];

/*
 * Writes a row to out for each row of dir/platform_report.csv (none when
 * the file is not there), and the Stripe row when dir/profiles.csv holds
 * Stripe customers, reading dir/orders.csv for engage's figures;
 * days are local to the time zone compute selected. Both files are counted
 * in m. A row that cannot be read is EG_EDATA naming file and line; EG_EIO
 * on out of memory.
 */
int eg_platform_check_write(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			    struct eg_error *err);

#endif
