/*
 * tables.c - column names of the canonical tables.
 */
#include "engage/tables.h"

#include <stddef.h>
#include <string.h>

const char *const eg_order_columns[] = {
	"order_id",
	"customer_ref",
	"email",
	"created_at",
	"currency",
	"subtotal",
	"discount",
	"shipping",
	"tax",
	"total",
	"refunded",
	"financial_status",
	"cancelled",
	"is_test",
	"items",
	"units",
	"source",
	"discount_code",
	"accepts_marketing",
	"country",
	"source_file",
	"source_line",
	"refunded_at",
	"order_name",
	"phone",
	"duties",
	"customer_name",
	NULL,
};

const char *const eg_line_columns[] = {
	"order_id",   "sku",	     "product",	    "quantity", "unit_price",
	"line_total", "source_file", "source_line", NULL,
};

const char *const eg_refund_columns[] = {
	"refund_id", "customer_ref", "email",  "refunded_at", "currency",    "amount",
	"items",     "units",	     "source", "source_file", "source_line", NULL,
};

const char *const eg_session_columns[] = {
	"date",
	"channel",
	"users",
	"new_users",
	"sessions",
	"engaged_sessions",
	"engagement_seconds",
	"product_views",
	"add_to_carts",
	"checkouts",
	"purchases",
	"revenue",
	"currency",
	"period",
	"period_end",
	"source",
	"source_file",
	"source_line",
	NULL,
};

const char *const eg_email_event_columns[] = {
	"email", "campaign", "event",	    "occurred_at", "campaign_id",
	"url",	 "source",   "source_file", "source_line", NULL,
};

const char *const eg_email_campaign_columns[] = {
	"campaign_id", "campaign",	  "subject", "sent_at",	      "channel",  "recipients",
	"delivered",   "unique_opens",	  "opens",   "unique_clicks", "clicks",	  "unsubscribes",
	"bounces",     "spam_complaints", "orders",  "revenue",	      "currency", "apple_opens",
	"unique_apple_opens", "source", "source_file", "source_line", NULL,
};

const char *const eg_response_columns[] = {
	"email",       "kind",	 "score",	"scale_max",   "comment", "responded_at",
	"response_id", "source", "source_file", "source_line", NULL,
};

const char *const eg_ticket_columns[] = {
	"ticket_id",	"email",  "created_at",	 "solved_at",	"channel", "status",
	"satisfaction", "source", "source_file", "source_line", NULL,
};

const char *const eg_profile_columns[] = {
	"customer_ref", "email",       "accepts_marketing", "accepts_sms", "orders",
	"total_spent",	"currency",    "country",	    "tags",	   "created_at",
	"email_status", "email_rating", "source",	    "source_file", "source_line",
	NULL,
};

const char *const eg_loyalty_columns[] = {
	"email",  "customer_ref", "points",	 "tier",	"joined_at", "referrals",
	"status", "source",	  "source_file", "source_line", NULL,
};

const char *const eg_spend_columns[] = {
	"date",		  "period",   "period_end",  "channel",	    "campaign",
	"amount",	  "currency", "impressions", "clicks",	    "purchases",
	"purchase_value", "status",   "source",	     "source_file", "source_line", NULL,
};

const char *const eg_platform_report_columns[] = {
	"date",	 "period", "period_end",  "measure",	 "segment",
	"value", "source", "source_file", "source_line", NULL,
};

const char *const eg_email_rate_columns[] = {
	"date",	      "period",	     "period_end",  "list_id",	   "list",
	"channel",    "open_rate",   "click_rate",  "order_value", "currency",
	"source",     "source_file", "source_line", NULL,
};

const char *const eg_email_flow_columns[] = {
	"date",		  "period",	     "period_end",	   "flow_id",	      "flow",
	"message_id",	  "message",	     "channel",		   "status",	      "recipients",
	"unique_opens",	  "opens",	     "apple_opens",	   "unique_apple_opens", "unique_clicks",
	"clicks",	  "unsubscribes",    "bounces",		   "spam_complaints", "orders",
	"source",	  "source_file",     "source_line",	   NULL,
};

const char *const eg_customer_columns[] = {
	"customer_id", "email",		 "customer_ref", "first_order_at",    "last_order_at",
	"orders",      "revenue",	 "refunds",	 "accepts_marketing", "responses",
	"tickets",     "loyalty_member", "phone",	 "found_by",	      "email_status",
	"email_rating", NULL,
};

const char *const eg_kpi_columns[] = { "month", "metric", "value", "unit", "note", NULL };

int eg_order_is_counted(const char *cancelled, const char *is_test)
{
	return strcmp(cancelled, "true") != 0 && strcmp(is_test, "true") != 0;
}

const struct eg_table_def eg_side_tables[] = {
	{ "sessions.csv", eg_session_columns },
	{ "email_events.csv", eg_email_event_columns },
	{ "email_campaigns.csv", eg_email_campaign_columns },
	{ "responses.csv", eg_response_columns },
	{ "tickets.csv", eg_ticket_columns },
	{ "profiles.csv", eg_profile_columns },
	{ "loyalty.csv", eg_loyalty_columns },
	{ "spend.csv", eg_spend_columns },
	{ "platform_report.csv", eg_platform_report_columns },
	{ "email_rates.csv", eg_email_rate_columns },
	{ "email_flows.csv", eg_email_flow_columns },
};

const size_t eg_nside_tables = sizeof(eg_side_tables) / sizeof(eg_side_tables[0]);
