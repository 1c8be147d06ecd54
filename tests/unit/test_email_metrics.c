/*
 * test_email_metrics.c - email engagement from per-recipient activity
 * (email_events.csv) or, without it, campaign reports
 * (email_campaigns.csv): distinct sends per month and campaign, delivered =
 * sent - bounced, unique opens, clicks and unsubscribes, rates per
 * delivered send (bounces per send), email.csv with "(all)" first and the
 * campaigns by name, and marketing-engaged customers over the 90 days up
 * to each month's end. Absent exports leave every email cell absent.
 *
 * Files are written into a scratch folder; months in UTC. Cells are read
 * as kpis.csv writes them ("value,unit,note"); email.csv is compared whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include "test_kpi_cell.h"

#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/csv_table.h"
#include "engage/email_metrics.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/table_output.h"
#include "engage/timezone.h"

#define EVENTS "customer_id,email,event,occurred_at,campaign\n"
#define CAMPAIGNS                                                                                  \
	"campaign,sent_at,recipients,delivered,unique_opens,unique_clicks,unsubscribes,"           \
	"bounces\n"
#define EMAIL_HEADER                                                                               \
	"month,campaign,delivered,unique_opens,unique_clicks,unsubscribes,bounces,"                \
	"open_rate,click_rate,unsubscribe_rate,bounce_rate,unique_apple_opens,"                    \
	"open_rate_without_apple\n"

static struct eg_kpi_grid grid; /* January to April 2026 */

static int setup(void **state)
{
	*state = &grid;
	return kpi_scratch_setup(&grid, MON(2026, 1), MON(2026, 4));
}

/*
 * Fills the email metrics into the grid and email.csv; returns the status.
 * On success the file is committed and *rows says how many rows it has.
 */
static int fill(struct eg_error *err, int64_t *rows)
{
	struct eg_manifest *m = eg_manifest_new("compute");
	struct eg_table_output out;
	int rc;

	assert_non_null(m);
	assert_int_equal(eg_table_output_open(&out, scratch, "email.csv", eg_email_columns, err),
			 EG_OK);
	eg_error_clear(err);
	rc = eg_email_metrics_fill(scratch, &grid, m, &out, err);
	eg_manifest_free(m);
	if (rc != EG_OK) {
		eg_table_output_abort(&out);
		return rc;
	}
	if (rows)
		*rows = out.rows;
	assert_int_equal(eg_table_output_commit(&out, err), EG_OK);
	return rc;
}

/*
 * January: "spring" sent to a (twice in the export: one send), b (bounced)
 * and c (no customer; opened, unsubscribed, and a spam complaint, which is
 * no engagement event); a opened twice and clicked. "news" sent to a and
 * d; d clicked on 01-31 without an open. Nothing after January.
 */
static const char events[] = EVENTS "ca,a@x.com,sent,2026-01-05T09:00:00Z,spring\n"
				    "ca,a@x.com,sent,2026-01-05T09:00:00Z,spring\n"
				    "ca,a@x.com,open,2026-01-05T10:00:00Z,spring\n"
				    "ca,a@x.com,open,2026-01-06T10:00:00Z,spring\n"
				    "ca,a@x.com,click,2026-01-06T10:05:00Z,spring\n"
				    "cb,b@x.com,sent,2026-01-05T09:00:00Z,spring\n"
				    "cb,b@x.com,bounce,2026-01-05T09:01:00Z,spring\n"
				    ",c@x.com,sent,2026-01-05T09:00:00Z,spring\n"
				    ",c@x.com,open,2026-01-07T08:00:00Z,spring\n"
				    ",c@x.com,unsubscribe,2026-01-07T08:01:00Z,spring\n"
				    ",c@x.com,spam_complaint,2026-01-07T08:02:00Z,spring\n"
				    "ca,a@x.com,sent,2026-01-20T09:00:00Z,news\n"
				    "cd,d@x.com,sent,2026-01-20T09:00:00Z,news\n"
				    "cd,d@x.com,click,2026-01-31T20:00:00Z,news\n";

static void email_counts_distinct_sends_and_their_rates(void **state)
{
	struct eg_error err;
	int64_t rows;

	(void)state;
	put("email_events.csv", events);
	assert_int_equal(fill(&err, &rows), EG_OK);
	/*
	 * Sends (email x campaign): a-spring, b-spring, c-spring, a-news, d-news
	 * = 5; b bounced: 4 delivered. Unique opens a-spring, c-spring = 2;
	 * clicks a-spring, d-news = 2; 1 unsubscribe.
	 */
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, "4,count,");
	CELL(MON(2026, 1), EG_M_EMAIL_OPENS, "2,count,");
	CELL(MON(2026, 1), EG_M_EMAIL_CLICKS, "2,count,");
	/* 2 / 4, 2 / 4, 1 / 4; bounces 1 / 5 sends */
	CELL(MON(2026, 1), EG_M_OPEN_RATE, "0.500000,ratio,");
	CELL(MON(2026, 1), EG_M_CLICK_RATE, "0.500000,ratio,");
	CELL(MON(2026, 1), EG_M_UNSUBSCRIBE_RATE, "0.250000,ratio,");
	CELL(MON(2026, 1), EG_M_BOUNCE_RATE, "0.200000,ratio,");
	/* February: nothing sent */
	CELL(MON(2026, 2), EG_M_EMAILS_DELIVERED, "0,count,");
	CELL(MON(2026, 2), EG_M_OPEN_RATE, ",ratio,no email delivered in the month");
	CELL(MON(2026, 2), EG_M_BOUNCE_RATE, ",ratio,no email sent in the month");
	/*
	 * spring: 3 sends, 1 bounce, 2 delivered, 2 opens (1.0), 1 click (0.5),
	 * 1 unsubscribe (0.5), bounces 1 / 3. news: 2 delivered, 1 click.
	 * Campaigns by name after "(all)"; months without activity have no rows.
	 */
	assert_int_equal(rows, 3);
	file_is("email.csv",
		EMAIL_HEADER "2026-01,(all),4,2,2,1,1,0.500000,0.500000,0.250000,0.200000,,\n"
			     "2026-01,news,2,0,1,0,0,0.000000,0.500000,0.000000,0.000000,,\n"
			     "2026-01,spring,2,2,1,1,1,1.000000,0.500000,0.500000,0.333333,,\n");
}

static void email_marketing_engaged_customers_over_90_days_to_month_end(void **state)
{
	struct eg_error err;

	(void)state;
	put("email_events.csv", events);
	assert_int_equal(fill(&err, NULL), EG_OK);
	/*
	 * Customers with an open or click: ca (01-05, 01-06) and cd (01-31); c
	 * opened but is no customer, cb only bounced. The window of a month is
	 * the 90 days before its end: January [2025-11-03, 2026-02-01),
	 * February [2025-12-01, 2026-03-01), March [2026-01-01, 2026-04-01):
	 * both; April [2026-01-31, 2026-05-01): cd only, on its first day.
	 */
	CELL(MON(2026, 1), EG_M_MARKETING_ENGAGED_CUSTOMERS, "2,count,");
	CELL(MON(2026, 2), EG_M_MARKETING_ENGAGED_CUSTOMERS, "2,count,");
	CELL(MON(2026, 3), EG_M_MARKETING_ENGAGED_CUSTOMERS, "2,count,");
	CELL(MON(2026, 4), EG_M_MARKETING_ENGAGED_CUSTOMERS, "1,count,");
}

static void email_marketing_engaged_counts_opens_before_the_first_grid_month(void **state)
{
	struct eg_error err;

	(void)state;
	/*
	 * cb opened on 2025-12-20, within the 90 days up to January 2026's end
	 * ([2025-11-03, 2026-02-01)), though December is before the grid: ca
	 * and cb are engaged in January.
	 */
	put("email_events.csv", EVENTS "cb,b@x.com,sent,2025-12-20T09:00:00Z,winter\n"
				       "cb,b@x.com,open,2025-12-20T10:00:00Z,winter\n"
				       "ca,a@x.com,sent,2026-01-05T09:00:00Z,spring\n"
				       "ca,a@x.com,open,2026-01-05T10:00:00Z,spring\n");
	assert_int_equal(fill(&err, NULL), EG_OK);
	/* December's sends are outside the grid's months: January has only spring's. */
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, "1,count,");
	CELL(MON(2026, 1), EG_M_MARKETING_ENGAGED_CUSTOMERS, "2,count,");
}

static void email_from_campaign_reports_without_activity(void **state)
{
	struct eg_error err;
	int64_t rows;

	(void)state;
	put("email_campaigns.csv", CAMPAIGNS "spring,2026-01-05T09:00:00Z,1000,950,300,60,5,50\n"
					     "news,2026-01-20T09:00:00Z,500,480,100,20,2,20\n"
					     "draft,,100,,,,,\n");
	assert_int_equal(fill(&err, &rows), EG_OK);
	/*
	 * January: 1,500 recipients, 70 bounces, so 1,430 delivered; 400 opens
	 * (400 / 1430 = 0.2797202...), 80 clicks (0.0559440...), 7 unsubscribes
	 * (0.0048951...), bounces 70 / 1500 = 0.0466666... The unsent draft
	 * counts nowhere.
	 */
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, "1430,count,");
	CELL(MON(2026, 1), EG_M_EMAIL_OPENS, "400,count,");
	CELL(MON(2026, 1), EG_M_OPEN_RATE, "0.279720,ratio,");
	CELL(MON(2026, 1), EG_M_CLICK_RATE, "0.055944,ratio,");
	CELL(MON(2026, 1), EG_M_UNSUBSCRIBE_RATE, "0.004895,ratio,");
	CELL(MON(2026, 1), EG_M_BOUNCE_RATE, "0.046667,ratio,");
	CELL(MON(2026, 2), EG_M_OPEN_RATE, ",ratio,no email delivered in the month");
	/* Reports say nothing of customers. */
	CELL(MON(2026, 1), EG_M_MARKETING_ENGAGED_CUSTOMERS, ",count,no email activity export");
	/* Each campaign's row follows the month's, by name: news 500 - 20 = 480 delivered,
	 * 100 / 480 opened; spring 1,000 - 50 = 950, 300 / 950. */
	assert_int_equal(rows, 3);
	file_is("email.csv", EMAIL_HEADER
		"2026-01,(all),1430,400,80,7,70,0.279720,0.055944,0.004895,0.046667,,\n"
		"2026-01,news,480,100,20,2,20,0.208333,0.041667,0.004167,0.040000,,\n"
		"2026-01,spring,950,300,60,5,50,0.315789,0.063158,0.005263,0.050000,,\n");
}

static void email_campaign_reports_keep_apple_opens_and_sms_apart(void **state)
{
	struct eg_error err;
	int64_t rows;

	(void)state;
	put("email_campaigns.csv",
	    "campaign,sent_at,recipients,delivered,unique_opens,unique_clicks,unsubscribes,"
	    "bounces,channel,unique_apple_opens,source\n"
	    "spring,2026-01-05T09:00:00Z,1000,,300,60,5,50,email,120,klaviyo_campaign_report\n"
	    "text,2026-01-06T09:00:00Z,400,,0,40,3,0,sms,0,klaviyo_campaign_report\n");
	assert_int_equal(fill(&err, &rows), EG_OK);
	/*
	 * January: the email campaign only (the SMS one is no email): 1,000 - 50
	 * = 950 delivered, 300 unique opens (0.315789...), 120 of them Apple's,
	 * so (300 - 120) / 950 = 0.189473... without them.
	 */
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, "950,count,source: klaviyo_campaign_report");
	CELL(MON(2026, 1), EG_M_OPEN_RATE,
	     "0.315789,ratio,source: klaviyo_campaign_report; Apple privacy opens included: 120 "
	     "of the 300 unique opens (the Email sheet shows the rate without them)");
	assert_int_equal(rows, 2);
	file_is("email.csv", EMAIL_HEADER "2026-01,(all),950,300,60,5,50,0.315789,0.063158,"
					  "0.005263,0.050000,120,0.189474\n"
					  "2026-01,spring,950,300,60,5,50,0.315789,0.063158,"
					  "0.005263,0.050000,120,0.189474\n");
}

static void email_activity_wins_over_campaign_reports(void **state)
{
	struct eg_error err;

	(void)state;
	put("email_events.csv", events);
	put("email_campaigns.csv", CAMPAIGNS "spring,2026-01-05T09:00:00Z,1000,950,300,60,5,50\n");
	assert_int_equal(fill(&err, NULL), EG_OK);
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, "4,count,");
}

static void email_metrics_name_the_source_they_came_from(void **state)
{
	struct eg_error err;

	(void)state;
	put("email_campaigns.csv",
	    "campaign,sent_at,recipients,delivered,unique_opens,unique_clicks,unsubscribes,bounces,"
	    "source\n"
	    "spring,2026-01-05T09:00:00Z,1000,950,300,60,5,50,klaviyo_campaign_report\n");
	assert_int_equal(fill(&err, NULL), EG_OK);
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, "950,count,source: klaviyo_campaign_report");
	CELL(MON(2026, 1), EG_M_OPEN_RATE, "0.315789,ratio,source: klaviyo_campaign_report");
	/* a month without sends says so, and names no source */
	CELL(MON(2026, 2), EG_M_OPEN_RATE, ",ratio,no email delivered in the month");
}

static void email_without_exports_leaves_cells_absent(void **state)
{
	struct eg_error err;
	int64_t rows;

	(void)state;
	assert_int_equal(fill(&err, &rows), EG_OK);
	assert_int_equal(rows, 0);
	CELL(MON(2026, 1), EG_M_EMAILS_DELIVERED, ",count,no email activity export");
	CELL(MON(2026, 1), EG_M_OPEN_RATE, ",ratio,no email activity export");
	CELL(MON(2026, 1), EG_M_MARKETING_ENGAGED_CUSTOMERS, ",count,no email activity export");
	file_is("email.csv", EMAIL_HEADER);
}

static void email_bad_time_stamp_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("email_events.csv", EVENTS "ca,a@x.com,sent,2026-01-05T09:00:00Z,spring\n"
				       "ca,a@x.com,open,soon,spring\n");
	assert_int_equal(fill(&err, NULL), EG_EDATA);
	assert_non_null(strstr(err.file, "email_events.csv"));
	assert_int_equal(err.line, 3);
}

static void email_campaign_count_that_is_not_whole_is_data_error_at_its_line(void **state)
{
	struct eg_error err;

	(void)state;
	put("email_campaigns.csv", CAMPAIGNS "spring,2026-01-05T09:00:00Z,1000,950,300,60,5,50\n"
					     "news,2026-01-20T09:00:00Z,500,480,many,20,2,20\n");
	assert_int_equal(fill(&err, NULL), EG_EDATA);
	assert_non_null(strstr(err.file, "email_campaigns.csv"));
	assert_int_equal(err.line, 3);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, kpi_grid_teardown)
TEST_MAIN(T(email_counts_distinct_sends_and_their_rates),
	  T(email_marketing_engaged_customers_over_90_days_to_month_end),
	  T(email_marketing_engaged_counts_opens_before_the_first_grid_month),
	  T(email_from_campaign_reports_without_activity),
	  T(email_campaign_reports_keep_apple_opens_and_sms_apart),
	  T(email_activity_wins_over_campaign_reports),
	  T(email_metrics_name_the_source_they_came_from),
	  T(email_without_exports_leaves_cells_absent),
	  T(email_bad_time_stamp_is_data_error_at_its_line),
	  T(email_campaign_count_that_is_not_whole_is_data_error_at_its_line))
#undef T
