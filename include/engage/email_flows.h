/*
 * email_flows.h - an email platform's figures per flow message (the
 * automated messages a trigger sends: a welcome series, an abandoned cart)
 * for the range of its report (email_flows.csv: Klaviyo's custom flow
 * performance report), passed to the workbook beside the campaigns and
 * kept apart from them: the email metrics of the KPI grid come from
 * campaigns (or per-recipient activity) only, and a report's range is
 * never spread over months.
 *
 * flow_figures.csv: period_start, period_end, channel, flow, message,
 * recipients, delivered (recipients - bounces), unique_opens,
 * unique_apple_opens (the platform's Apple privacy opens among them:
 * opens Apple's Mail Privacy Protection makes by loading every message,
 * not a person's; "" when the export does not give them), unique_clicks,
 * orders (placed orders the platform attributes), open_rate (unique opens
 * / delivered, Apple privacy opens included, as the platform counts),
 * open_rate_without_apple ((unique opens - Apple privacy opens) /
 * delivered, "" without them), click_rate (unique clicks / delivered),
 * source. Rates of an SMS message are "" for opens (a text message has
 * none). Rows keep the export's order; after them comes one total per
 * period, channel and source (flow "(all)", message ""), the counts added
 * up and the rates computed from the sums.
 */
#ifndef ENGAGE_EMAIL_FLOWS_H
#define ENGAGE_EMAIL_FLOWS_H

#include "engage/error.h"
#include "engage/manifest.h"
#include "engage/table_output.h"

/* Columns of flow_figures.csv, NULL-terminated. */
extern const char *const eg_flow_figure_columns[];

/*
 * Writes dir/email_flows.csv's rows, and a total per period and channel, to
 * out (no row when the file is not there), counting the file in m. A count
 * that is no whole number is EG_EDATA naming file and line; EG_EIO on out
 * of memory.
 */
int eg_email_flows_write(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			 struct eg_error *err);

#endif
