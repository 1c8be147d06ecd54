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
 * From campaign reports: each email campaign counts in the month it was
 * sent, in the month's total and in a row of its own (SMS campaigns are
 * left out: a text message is no email). Flows,
 * the automated messages a trigger sends, are not here: they come in a
 * report of their own for its whole range (email_flows.h).
 *
 * Opens are counted as the platform counts them, Apple privacy opens
 * (Apple Mail loading every message on a proxy, not a person reading it)
 * included. When a campaign report gives them apart (Klaviyo's custom
 * report), email.csv's unique_apple_opens holds them and
 * open_rate_without_apple is (unique opens - Apple privacy opens) /
 * delivered, and the open rate's note in kpis.csv says how many of the
 * opens they are; both columns are "" otherwise.
 *
 * email.csv: month, campaign, delivered, unique_opens, unique_clicks,
 * unsubscribes, bounces, open_rate, click_rate, unsubscribe_rate,
 * bounce_rate, unique_apple_opens, open_rate_without_apple; the campaign
 * "(all)" is the month's total, first.
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
