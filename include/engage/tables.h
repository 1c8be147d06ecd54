/*
 * tables.h - the canonical tables passed between stages: their column names
 * in file order, and an index for each column, so every stage names a
 * column the same way. What each column holds is the comment beside its
 * index.
 *
 * Every table also carries source_file and source_line: the raw export and
 * the line a row came from, so a rejected or suspicious row can be traced to
 * the file a person downloaded. source_file is the file's short id (f1,
 * f2, ...), which extract.manifest.csv's file rows map to its path
 * (manifest.h); rejects.csv names the path itself.
 */
#ifndef ENGAGE_TABLES_H
#define ENGAGE_TABLES_H

#include <stddef.h>

/* Columns of orders.csv (one row per order). */
enum eg_order_col {
	EG_ORDER_ID,		    /* the order's key: Shopify's Id, else its number */
	EG_ORDER_CUSTOMER_REF,	    /* the platform's customer id, "" when not exported */
	EG_ORDER_EMAIL,		    /* buyer email; "" for guests without one */
	EG_ORDER_CREATED_AT,	    /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	EG_ORDER_CURRENCY,	    /* ISO 4217 code */
	EG_ORDER_SUBTOTAL,	    /* line items less discounts */
	EG_ORDER_DISCOUNT,	    /* discount amount, "" when the export has no such column */
	EG_ORDER_SHIPPING,	    /* shipping charged, "" likewise */
	EG_ORDER_TAX,		    /* taxes, "" likewise */
	EG_ORDER_TOTAL,		    /* order total as exported */
	EG_ORDER_REFUNDED,	    /* refunded amount */
	EG_ORDER_FINANCIAL_STATUS,  /* paid, refunded, partially_refunded, voided, ... */
	EG_ORDER_CANCELLED,	    /* "true" when the order was cancelled */
	EG_ORDER_IS_TEST,	    /* "true" for a test order */
	EG_ORDER_ITEMS,		    /* line items, "" when the export has none */
	EG_ORDER_UNITS,		    /* units over all line items, "" when the export has none */
	EG_ORDER_SOURCE,	    /* the source that produced the row, e.g. shopify_orders */
	EG_ORDER_DISCOUNT_CODE,	    /* discount code(s), "" when none */
	EG_ORDER_ACCEPTS_MARKETING, /* "true", "false", or "" when unknown */
	EG_ORDER_COUNTRY,	    /* the buyer's country as exported, "" when unknown */
	EG_ORDER_SOURCE_FILE,	    /* id of the raw export the order came from (f1) */
	EG_ORDER_SOURCE_LINE,	    /* line of its first row in that file */
	EG_ORDER_REFUNDED_AT,	    /* UTC time of the refund when the source dates it, else "" */
	EG_ORDER_NAME,		    /* the name the shop shows ("#1001"), else the id */
	EG_ORDER_PHONE,		    /* buyer's phone key (phone.h) or pseudonym, or "" */
	EG_ORDER_DUTIES,	    /* import duties (Shopify), "" when the export has none */
	EG_ORDER_CUSTOMER_NAME,	    /* buyer's name when the export names buyers only, or "" */
	EG_ORDER_NCOLS
};

/* Names of the orders.csv columns, indexed by enum eg_order_col, NULL-terminated. */
extern const char *const eg_order_columns[];

/* Columns of order_lines.csv (one row per line item). */
enum eg_line_col {
	EG_LINE_ORDER_ID,    /* order the line belongs to */
	EG_LINE_SKU,	     /* stock keeping unit */
	EG_LINE_PRODUCT,     /* product name */
	EG_LINE_QUANTITY,    /* units */
	EG_LINE_UNIT_PRICE,  /* price per unit */
	EG_LINE_TOTAL,	     /* quantity x unit price */
	EG_LINE_SOURCE_FILE, /* id of the raw export the line came from (f1) */
	EG_LINE_SOURCE_LINE, /* its line in that file */
	EG_LINE_NCOLS
};

/* Names of the order_lines.csv columns, NULL-terminated. */
extern const char *const eg_line_columns[];

/*
 * Columns of refunds.csv (one row per dated refund or return that is not a
 * column of its order, such as a return invoice; written by clean).
 */
enum eg_refund_col {
	EG_REFUND_ID,		/* the refund's own id (e.g. the return invoice) */
	EG_REFUND_CUSTOMER_REF, /* platform customer id, "" when none */
	EG_REFUND_EMAIL,	/* buyer email, "" when none */
	EG_REFUND_REFUNDED_AT,	/* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	EG_REFUND_CURRENCY,	/* ISO 4217 code */
	EG_REFUND_AMOUNT,	/* refunded amount, positive */
	EG_REFUND_ITEMS,	/* returned line items */
	EG_REFUND_UNITS,	/* returned units, positive */
	EG_REFUND_SOURCE,	/* the source that produced it */
	EG_REFUND_SOURCE_FILE,	/* id of the raw export it came from (f1) */
	EG_REFUND_SOURCE_LINE,	/* its first line in that file */
	EG_REFUND_NCOLS
};

/* Names of the refunds.csv columns, NULL-terminated. */
extern const char *const eg_refund_columns[];

/*
 * The tables below are written by extract from sources other than orders
 * (see source_map.h). Each ends with source (the mapping that read the
 * row), source_file and source_line. Times are UTC "YYYY-MM-DDTHH:MM:SSZ",
 * dates "YYYY-MM-DD" as the platform wrote them, amounts plain decimals,
 * counts whole numbers; a value the export does not give is "".
 */

/*
 * Columns of sessions.csv (web analytics: one row per day, week, month or
 * report range, and channel).
 */
enum eg_session_col {
	EG_SESSION_DATE,	       /* the day, in the analytics property's time zone */
	EG_SESSION_CHANNEL,	       /* channel group as exported, e.g. "Organic Search" (the
					* landing page or event of ga4_landing_pages, ga4_events) */
	EG_SESSION_USERS,	       /* total (or active) users */
	EG_SESSION_NEW_USERS,	       /* first-time users */
	EG_SESSION_SESSIONS,	       /* sessions */
	EG_SESSION_ENGAGED_SESSIONS,   /* engaged sessions */
	EG_SESSION_ENGAGEMENT_SECONDS, /* total engagement time, whole seconds */
	EG_SESSION_PRODUCT_VIEWS,      /* item or page views */
	EG_SESSION_ADD_TO_CARTS,       /* add-to-cart events */
	EG_SESSION_CHECKOUTS,	       /* checkouts begun */
	EG_SESSION_PURCHASES,	       /* purchases */
	EG_SESSION_REVENUE,	       /* purchase revenue */
	EG_SESSION_CURRENCY,	       /* currency of revenue (from the mapping), "" if unknown */
	EG_SESSION_PERIOD,	/* what the row covers: day, week, month or range (period.h) */
	EG_SESSION_PERIOD_END,	/* the last day it covers; date is the first */
	EG_SESSION_SOURCE,	/* the source that produced the row */
	EG_SESSION_SOURCE_FILE, /* id of the raw export the row came from (f1) */
	EG_SESSION_SOURCE_LINE, /* its line in that file */
	EG_SESSION_NCOLS
};

/* Names of the sessions.csv columns, NULL-terminated. */
extern const char *const eg_session_columns[];

/* Columns of email_events.csv (one row per email event of one recipient). */
enum eg_email_event_col {
	EG_EMAIL_EVENT_EMAIL,	    /* recipient */
	EG_EMAIL_EVENT_CAMPAIGN,    /* campaign (or flow) name */
	EG_EMAIL_EVENT_EVENT,	    /* sent, open, click, unsubscribe or bounce */
	EG_EMAIL_EVENT_OCCURRED_AT, /* UTC time of the event */
	EG_EMAIL_EVENT_CAMPAIGN_ID, /* the platform's campaign id, "" when not exported */
	EG_EMAIL_EVENT_URL,	    /* the clicked link of a click, else "" */
	EG_EMAIL_EVENT_SOURCE,	    /* the source that produced the row */
	EG_EMAIL_EVENT_SOURCE_FILE, /* id of the raw export the row came from (f1) */
	EG_EMAIL_EVENT_SOURCE_LINE, /* its line in that file */
	EG_EMAIL_EVENT_NCOLS
};

/* Names of the email_events.csv columns, NULL-terminated. */
extern const char *const eg_email_event_columns[];

/* Columns of email_campaigns.csv (one row per sent campaign, with its totals). */
enum eg_email_campaign_col {
	EG_CAMPAIGN_ID,		     /* the platform's campaign id, "" when not exported */
	EG_CAMPAIGN_NAME,	     /* campaign name */
	EG_CAMPAIGN_SUBJECT,	     /* subject line */
	EG_CAMPAIGN_SENT_AT,	     /* UTC send time */
	EG_CAMPAIGN_CHANNEL,	     /* email or sms, lowercased */
	EG_CAMPAIGN_RECIPIENTS,	     /* recipients */
	EG_CAMPAIGN_DELIVERED,	     /* successful deliveries */
	EG_CAMPAIGN_UNIQUE_OPENS,    /* recipients who opened */
	EG_CAMPAIGN_OPENS,	     /* opens, repeats included */
	EG_CAMPAIGN_UNIQUE_CLICKS,   /* recipients who clicked */
	EG_CAMPAIGN_CLICKS,	     /* clicks, repeats included */
	EG_CAMPAIGN_UNSUBSCRIBES,    /* unsubscribes */
	EG_CAMPAIGN_BOUNCES,	     /* bounces, hard and soft */
	EG_CAMPAIGN_SPAM_COMPLAINTS, /* spam complaints */
	EG_CAMPAIGN_ORDERS,	     /* orders the platform attributes to the campaign */
	EG_CAMPAIGN_REVENUE,	     /* revenue the platform attributes to it */
	EG_CAMPAIGN_CURRENCY,	     /* currency of revenue (from the mapping), "" if unknown */
	EG_CAMPAIGN_APPLE_OPENS,     /* Apple privacy (machine) opens among opens, "" if not given */
	EG_CAMPAIGN_UNIQUE_APPLE_OPENS, /* recipients among unique_opens whose open was Apple's
					 * privacy (machine) open, "" if not given */
	EG_CAMPAIGN_SOURCE,	     /* the source that produced the row */
	EG_CAMPAIGN_SOURCE_FILE,     /* id of the raw export the row came from (f1) */
	EG_CAMPAIGN_SOURCE_LINE,     /* its line in that file */
	EG_CAMPAIGN_NCOLS
};

/* Names of the email_campaigns.csv columns, NULL-terminated. */
extern const char *const eg_email_campaign_columns[];

/* Columns of responses.csv (one row per survey response). */
enum eg_response_col {
	EG_RESPONSE_EMAIL,	  /* respondent, "" when anonymous */
	EG_RESPONSE_KIND,	  /* nps, csat or ces */
	EG_RESPONSE_SCORE,	  /* the score: 0-10 (nps), 1-5 (csat), 1-7 (ces) */
	EG_RESPONSE_SCALE_MAX,	  /* top of the scale: 10, 5 or 7 unless the source says */
	EG_RESPONSE_COMMENT,	  /* free text, may hold newlines */
	EG_RESPONSE_RESPONDED_AT, /* UTC time of the response */
	EG_RESPONSE_ID,		  /* the platform's response id, "" when not exported */
	EG_RESPONSE_SOURCE,	  /* the source that produced the row */
	EG_RESPONSE_SOURCE_FILE,  /* id of the raw export the row came from (f1) */
	EG_RESPONSE_SOURCE_LINE,  /* its line in that file */
	EG_RESPONSE_NCOLS
};

/* Names of the responses.csv columns, NULL-terminated. */
extern const char *const eg_response_columns[];

/* Columns of tickets.csv (one row per support ticket). */
enum eg_ticket_col {
	EG_TICKET_ID,		/* the platform's ticket id */
	EG_TICKET_EMAIL,	/* requester */
	EG_TICKET_CREATED_AT,	/* UTC */
	EG_TICKET_SOLVED_AT,	/* UTC, "" while unsolved */
	EG_TICKET_CHANNEL,	/* email, web, chat, phone, ... lowercased */
	EG_TICKET_STATUS,	/* new, open, pending, hold, solved, closed, ... lowercased */
	EG_TICKET_SATISFACTION, /* satisfied, dissatisfied, offered, or "" when not offered */
	EG_TICKET_SOURCE,	/* the source that produced the row */
	EG_TICKET_SOURCE_FILE,	/* id of the raw export the row came from (f1) */
	EG_TICKET_SOURCE_LINE,	/* its line in that file */
	EG_TICKET_NCOLS
};

/* Names of the tickets.csv columns, NULL-terminated. */
extern const char *const eg_ticket_columns[];

/* Columns of profiles.csv (one row per customer record of a platform's customer export). */
enum eg_profile_col {
	EG_PROFILE_CUSTOMER_REF,      /* the platform's customer id, "" when not exported */
	EG_PROFILE_EMAIL,	      /* email, "" for phone-only customers */
	EG_PROFILE_ACCEPTS_MARKETING, /* email consent: "true", "false" or "" */
	EG_PROFILE_ACCEPTS_SMS,	      /* SMS consent: "true", "false" or "" */
	EG_PROFILE_ORDERS,	      /* orders the platform counts for the customer */
	EG_PROFILE_TOTAL_SPENT,	      /* amount the platform says the customer spent */
	EG_PROFILE_CURRENCY,	/* currency of total_spent (from the mapping), "" if unknown */
	EG_PROFILE_COUNTRY,	/* country as exported */
	EG_PROFILE_TAGS,	/* tags as exported (", "-joined) */
	EG_PROFILE_CREATED_AT,	/* UTC, "" when the export has no date (Shopify) */
	EG_PROFILE_EMAIL_STATUS, /* email list status: subscribed, unsubscribed, cleaned, pending; "" */
	EG_PROFILE_EMAIL_RATING, /* the email tool's 1-5 engagement rating (Mailchimp), "" if none */
	EG_PROFILE_SOURCE,	/* the source that produced the row */
	EG_PROFILE_SOURCE_FILE, /* id of the raw export the row came from (f1) */
	EG_PROFILE_SOURCE_LINE, /* its line in that file */
	EG_PROFILE_NCOLS
};

/* Names of the profiles.csv columns, NULL-terminated. */
extern const char *const eg_profile_columns[];

/* Columns of loyalty.csv (one row per loyalty programme member). */
enum eg_loyalty_col {
	EG_LOYALTY_EMAIL,	 /* member email */
	EG_LOYALTY_CUSTOMER_REF, /* the store's customer id, "" when not exported */
	EG_LOYALTY_POINTS,	 /* points balance */
	EG_LOYALTY_TIER,	 /* tier (VIP level) name as exported, "" when none */
	EG_LOYALTY_JOINED_AT,	 /* UTC time the member joined */
	EG_LOYALTY_REFERRALS,	 /* completed referrals */
	EG_LOYALTY_STATUS,	 /* member, guest, excluded, ... lowercased */
	EG_LOYALTY_SOURCE,	 /* the source that produced the row */
	EG_LOYALTY_SOURCE_FILE,	 /* id of the raw export the row came from (f1) */
	EG_LOYALTY_SOURCE_LINE,	 /* its line in that file */
	EG_LOYALTY_NCOLS
};

/* Names of the loyalty.csv columns, NULL-terminated. */
extern const char *const eg_loyalty_columns[];

/*
 * Columns of spend.csv (marketing spend: one row per day, week, month or
 * reporting range, and campaign).
 */
enum eg_spend_col {
	EG_SPEND_DATE,		 /* first day the row covers, as the platform dated it */
	EG_SPEND_PERIOD,	 /* what the row covers: day, week, month or range (period.h) */
	EG_SPEND_PERIOD_END,	 /* the last day it covers */
	EG_SPEND_CHANNEL,	 /* the platform or channel, e.g. "meta", lowercased */
	EG_SPEND_CAMPAIGN,	 /* campaign name as exported, "" when not given */
	EG_SPEND_AMOUNT,	 /* amount spent (an affiliate's commission) */
	EG_SPEND_CURRENCY,	 /* currency of amount, "" when the export does not say */
	EG_SPEND_IMPRESSIONS,	 /* impressions */
	EG_SPEND_CLICKS,	 /* clicks */
	EG_SPEND_PURCHASES,	 /* purchases the platform attributes to the spend */
	EG_SPEND_PURCHASE_VALUE, /* their value as the platform counts it */
	EG_SPEND_STATUS,	 /* the row's status as exported (Awin's commission_status:
				  * pending, approved), "" when not given */
	EG_SPEND_SOURCE,	 /* the source that produced the row */
	EG_SPEND_SOURCE_FILE,	 /* id of the raw export the row came from (f1) */
	EG_SPEND_SOURCE_LINE,	 /* its line in that file */
	EG_SPEND_NCOLS
};

/* Names of the spend.csv columns, NULL-terminated. */
extern const char *const eg_spend_columns[];

/*
 * Columns of platform_report.csv (figures a platform's own report states
 * for a period, such as Shopify's new and returning customers; compute
 * checks them against its own).
 */
enum eg_platform_report_col {
	EG_PLATFORM_DATE,	 /* first day of the period */
	EG_PLATFORM_PERIOD,	 /* day, week, month or range (period.h) */
	EG_PLATFORM_PERIOD_END,	 /* last day of the period */
	EG_PLATFORM_MEASURE,	 /* what is counted, e.g. "customers" */
	EG_PLATFORM_SEGMENT,	 /* which of them, e.g. "new" or "returning" */
	EG_PLATFORM_VALUE,	 /* the platform's figure */
	EG_PLATFORM_SOURCE,	 /* the source that produced the row */
	EG_PLATFORM_SOURCE_FILE, /* id of the raw export the row came from (f1) */
	EG_PLATFORM_SOURCE_LINE, /* its line in that file */
	EG_PLATFORM_NCOLS
};

/* Names of the platform_report.csv columns, NULL-terminated. */
extern const char *const eg_platform_report_columns[];

/*
 * Columns of email_rates.csv (an email platform's figures per list or
 * segment for a period, rates as the platform gives them, such as
 * Klaviyo's custom campaign report grouped by year: period figures, never
 * spread over months).
 */
enum eg_email_rate_col {
	EG_RATE_DATE,	     /* first day of the period */
	EG_RATE_PERIOD,	     /* day, week, month or range (a year, period.h) */
	EG_RATE_PERIOD_END,  /* last day of the period */
	EG_RATE_LIST_ID,     /* the platform's list or segment id, "" when not exported */
	EG_RATE_LIST,	     /* list or segment name */
	EG_RATE_CHANNEL,     /* email or sms, lowercased; "" when not given */
	EG_RATE_OPEN_RATE,   /* opens / deliveries as a fraction, as exported; "" for N/A */
	EG_RATE_CLICK_RATE,  /* clicks / deliveries as a fraction, as exported; "" for N/A */
	EG_RATE_ORDER_VALUE, /* placed order value the platform attributes */
	EG_RATE_CURRENCY,    /* currency of the order value (from the mapping), "" if unknown */
	EG_RATE_SOURCE,	     /* the source that produced the row */
	EG_RATE_SOURCE_FILE, /* id of the raw export the row came from (f1) */
	EG_RATE_SOURCE_LINE, /* its line in that file */
	EG_RATE_NCOLS
};

/* Names of the email_rates.csv columns, NULL-terminated. */
extern const char *const eg_email_rate_columns[];

/*
 * Columns of email_flows.csv (an email platform's figures per flow message,
 * the automated messages a trigger sends, for the range of the report,
 * such as Klaviyo's custom flow performance report: period figures, kept
 * apart from campaigns and never spread over months).
 */
enum eg_email_flow_col {
	EG_FLOW_DATE,		    /* first day of the report's range */
	EG_FLOW_PERIOD,		    /* range (period.h) */
	EG_FLOW_PERIOD_END,	    /* last day of the report's range */
	EG_FLOW_ID,		    /* the platform's flow id, "" when not exported */
	EG_FLOW_NAME,		    /* flow name */
	EG_FLOW_MESSAGE_ID,	    /* the platform's message id, "" when not exported */
	EG_FLOW_MESSAGE,	    /* message name */
	EG_FLOW_CHANNEL,	    /* email or sms, lowercased */
	EG_FLOW_STATUS,		    /* the flow's status (live, manual, draft), lowercased */
	EG_FLOW_RECIPIENTS,	    /* recipients */
	EG_FLOW_UNIQUE_OPENS,	    /* recipients who opened, Apple privacy opens included */
	EG_FLOW_OPENS,		    /* opens, repeats included */
	EG_FLOW_APPLE_OPENS,	    /* Apple privacy (machine) opens among opens */
	EG_FLOW_UNIQUE_APPLE_OPENS, /* recipients among unique_opens opened by Apple's privacy */
	EG_FLOW_UNIQUE_CLICKS,	    /* recipients who clicked */
	EG_FLOW_CLICKS,		    /* clicks, repeats included */
	EG_FLOW_UNSUBSCRIBES,	    /* unsubscribes */
	EG_FLOW_BOUNCES,	    /* bounces */
	EG_FLOW_SPAM_COMPLAINTS,    /* spam complaints */
	EG_FLOW_ORDERS,		    /* orders the platform attributes to the message */
	EG_FLOW_SOURCE,		    /* the source that produced the row */
	EG_FLOW_SOURCE_FILE,	    /* raw export the row came from */
	EG_FLOW_SOURCE_LINE,	    /* its line in that file */
	EG_FLOW_NCOLS
};

/* Names of the email_flows.csv columns, NULL-terminated. */
extern const char *const eg_email_flow_columns[];

/* Columns of customers.csv (one row per resolved customer, after join). */
enum eg_customer_col {
	EG_CUSTOMER_ID,		    /* stable id derived from the customer's key */
	EG_CUSTOMER_EMAIL,	    /* normalised email, "" when only a platform id is known */
	EG_CUSTOMER_REF,	    /* platform customer id, "" when none */
	EG_CUSTOMER_FIRST_ORDER_AT, /* first counted order, UTC; "" when none */
	EG_CUSTOMER_LAST_ORDER_AT,  /* last counted order, UTC; "" when none */
	EG_CUSTOMER_ORDERS,	    /* counted orders */
	EG_CUSTOMER_REVENUE,	    /* gross revenue of counted orders */
	EG_CUSTOMER_REFUNDS,	    /* refunds of counted orders */
	EG_CUSTOMER_ACCEPTS_MARKETING, /* consent of the profile export, else of the latest order stating it */
	EG_CUSTOMER_RESPONSES,	    /* survey responses */
	EG_CUSTOMER_TICKETS,	    /* support tickets */
	EG_CUSTOMER_LOYALTY_MEMBER, /* "true" when in the loyalty programme export, else "false" */
	EG_CUSTOMER_PHONE,	    /* phone key of a customer known by no other key */
	EG_CUSTOMER_FOUND_BY,	    /* the key that found it: email, customer_id or phone */
	EG_CUSTOMER_EMAIL_STATUS,   /* email list status of the audience export, "" when none */
	EG_CUSTOMER_EMAIL_RATING,   /* the email tool's 1-5 engagement rating, "" when none */
	EG_CUSTOMER_NCOLS
};

/* Names of the customers.csv columns, NULL-terminated. */
extern const char *const eg_customer_columns[];

/*
 * Whether an orders.csv row counts in KPIs: test orders and cancelled orders
 * do not. Takes the row's cancelled and is_test fields.
 */
int eg_order_is_counted(const char *cancelled, const char *is_test);

/* Columns of kpis.csv (long: one row per month and metric). */
extern const char *const eg_kpi_columns[];

/* A canonical table read from a source besides the orders: its file and columns. */
struct eg_table_def {
	const char *file;	    /* file name, e.g. "responses.csv" */
	const char *const *columns; /* its columns, NULL-terminated */
};

/*
 * The tables besides orders, order_lines and refunds that clean and join
 * carry through when extract wrote them: sessions, email events and
 * campaigns, survey responses, tickets, customer profiles, loyalty members.
 */
extern const struct eg_table_def eg_side_tables[];

/* Number of entries in eg_side_tables. */
extern const size_t eg_nside_tables;

#endif
