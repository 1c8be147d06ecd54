/*
 * email_periods.h - an email platform's figures for a period longer than
 * the report month (email_rates.csv: Klaviyo's custom report by list or
 * segment, grouped by year), passed to the workbook as period figures with
 * their range, never spread over months: rates cannot be added up, and a
 * year's order value is no month's.
 *
 * email_periods.csv: period_start, period_end, channel (email, sms, or ""
 * when the export leaves it empty), list (list or segment name; "(all)"
 * for a channel's total over its lists), open_rate and click_rate as the
 * platform gives them ("" for N/A, and on the totals, as rates of lists
 * cannot be combined without their deliveries), order_value (placed order
 * value the platform attributes; on a total, the sum over the channel's
 * lists), source. Rows keep the export's order; each channel's total
 * follows the period's rows, channels in the order they first appear.
 */
#ifndef ENGAGE_EMAIL_PERIODS_H
#define ENGAGE_EMAIL_PERIODS_H

#include "engage/error.h"
#include "engage/manifest.h"
#include "engage/table_output.h"

/* Columns of email_periods.csv, NULL-terminated. */
extern const char *const eg_email_period_columns[];

/*
 * Writes dir/email_rates.csv's rows, and a total per period and channel, to
 * out (no row when the file is not there), counting the file in m. A row
 * whose order value is no amount is EG_EDATA naming file and line; EG_EIO
 * on out of memory.
 */
int eg_email_periods_write(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			   struct eg_error *err);

#endif
