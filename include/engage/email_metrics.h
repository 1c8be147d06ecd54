/*
 * email_metrics.h - email engagement: the email metrics of the KPI grid and
 * email.csv (per month and campaign), from per-recipient activity
 * (email_events.csv) or, without it, from campaign reports
 * (email_campaigns.csv).
 *
 * From activity: a send is an (email, campaign) pair; per month, sends are
 * the pairs with a sent event, bounces those with a bounce, delivered =
 * sends - bounces, and unique opens, clicks and unsubscribes the pairs with
 * such an event in the month. Rates are per delivered send; the bounce rate
 * per send. Marketing-engaged customers are customers with an open or click
 * in the 90 days up to the month's end.
 *
 * email.csv: month, campaign, delivered, unique_opens, unique_clicks,
 * unsubscribes, bounces, open_rate, click_rate, unsubscribe_rate,
 * bounce_rate; the campaign "(all)" is the month's total, first.
 */
#ifndef ENGAGE_EMAIL_METRICS_H
#define ENGAGE_EMAIL_METRICS_H

#include "engage/error.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/table_output.h"

/* Columns of email.csv, NULL-terminated. */
extern const char *const eg_email_columns[];

/*
 * Fills the email metrics of g and writes email.csv rows to out, from
 * dir/email_events.csv, else dir/email_campaigns.csv, when either is there
 * (counted in m). Leaves the metrics absent and out empty otherwise.
 */
int eg_email_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			  struct eg_table_output *out, struct eg_error *err);

#endif
