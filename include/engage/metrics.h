/*
 * metrics.h - the catalogue of metrics: the id written in kpis.csv, the
 * plain name the workbook shows, the kind of value, the table it needs and
 * the definition from stages/compute/METRICS.md. compute and render share
 * it, so a metric is named once.
 */
#ifndef ENGAGE_METRICS_H
#define ENGAGE_METRICS_H

#include <stddef.h>

/* What a metric's value is, and so how it is written and shown. */
enum eg_metric_kind {
	EG_METRIC_COUNT,   /* a whole number: orders, customers */
	EG_METRIC_MONEY,   /* an amount in the report currency (money.h units) */
	EG_METRIC_RATIO,   /* a share: 0.25 is 25%; written with 6 decimals */
	EG_METRIC_DECIMAL, /* another number, in the unit the catalogue names; 2 decimals */
};

/*
 * Which way a metric's change is good news; the Summary colours a change by
 * it (green good, red bad, none neutral). 0 is "not declared", which the
 * catalogue's test refuses, so a new metric cannot go without one.
 */
enum eg_metric_direction {
	EG_DIR_UNDECLARED,    /* not given: an error in the catalogue */
	EG_DIR_HIGHER_BETTER, /* a rise is good news: revenue, customers, conversion */
	EG_DIR_LOWER_BETTER,  /* a rise is bad news: refunds, churn, detractors, bounces */
	EG_DIR_NEUTRAL,	      /* neither: how many responses a survey got */
};

/* The table a metric is computed from; absent tables make it absent. */
enum eg_metric_source {
	EG_SRC_ORDERS,	  /* orders.csv (always there) */
	EG_SRC_LOYALTY,	  /* a loyalty programme export */
	EG_SRC_SESSIONS,  /* a web analytics export */
	EG_SRC_RESPONSES, /* survey exports */
	EG_SRC_TICKETS,	  /* a support tickets export */
	EG_SRC_EMAIL,	  /* email activity exports */
	EG_SRC_SPEND,	  /* ad spend exports */
};

/* Index of each metric in eg_metrics. */
enum eg_metric_id {
	EG_M_ORDERS,
	EG_M_GROSS_REVENUE,
	EG_M_REFUNDS,
	EG_M_NET_REVENUE,
	EG_M_AOV,
	EG_M_UNITS,
	EG_M_UNITS_PER_TRANSACTION,
	EG_M_ACTIVE_CUSTOMERS,
	EG_M_NEW_CUSTOMERS,
	EG_M_RETURNING_CUSTOMERS,
	EG_M_REPEAT_PURCHASE_RATE,
	EG_M_PURCHASE_FREQUENCY,
	EG_M_REFUND_RATE,
	EG_M_REFUND_AMOUNT_RATE,
	EG_M_DISCOUNT_RATE,
	EG_M_CHURN_RATE,
	EG_M_RETENTION_RATE,
	EG_M_RETURNING_REVENUE_SHARE,
	EG_M_LOYALTY_PARTICIPATION,
	EG_M_LOYALTY_MEMBERS,
	EG_M_REFERRALS,
	EG_M_SESSIONS,
	EG_M_USERS,
	EG_M_NEW_USERS,
	EG_M_PRODUCT_VIEWS,
	EG_M_ADD_TO_CARTS,
	EG_M_CHECKOUTS,
	EG_M_PURCHASES,
	EG_M_CONVERSION_RATE,
	EG_M_CONVERSION_RATE_USERS,
	EG_M_CART_ABANDONMENT_RATE,
	EG_M_RETURNING_VISITOR_RATE,
	EG_M_REVENUE_PER_VISITOR,
	EG_M_AVERAGE_ENGAGEMENT_TIME,
	EG_M_ENGAGED_SESSION_RATE,
	EG_M_NPS,
	EG_M_NPS_RESPONSES,
	EG_M_NPS_PROMOTERS,
	EG_M_NPS_PASSIVES,
	EG_M_NPS_DETRACTORS,
	EG_M_CSAT,
	EG_M_CSAT_RESPONSES,
	EG_M_CES,
	EG_M_CES_HIGH_EFFORT_RATE,
	EG_M_CES_RESPONSES,
	EG_M_TICKETS,
	EG_M_TICKETS_PER_100_ORDERS,
	EG_M_MEDIAN_RESOLUTION_HOURS,
	EG_M_EMAILS_DELIVERED,
	EG_M_EMAIL_OPENS,
	EG_M_EMAIL_CLICKS,
	EG_M_OPEN_RATE,
	EG_M_CLICK_RATE,
	EG_M_UNSUBSCRIBE_RATE,
	EG_M_BOUNCE_RATE,
	EG_M_MARKETING_ENGAGED_CUSTOMERS,
	EG_M_MARKETING_SPEND,
	EG_M_CAC,
	EG_M_ROAS,
	EG_M_COUNT
};

/* One metric of the catalogue. */
struct eg_metric_def {
	const char *id;			    /* snake_case id used in files */
	const char *name;		    /* plain name for people */
	enum eg_metric_kind kind;	    /* how the value is written and formatted */
	const char *unit;		    /* unit of a DECIMAL metric, NULL otherwise */
	enum eg_metric_source source;	    /* table it needs */
	const char *definition;		    /* one sentence, as on the Definitions sheet */
	enum eg_metric_direction direction; /* which way a change is good news */
};

/* The catalogue, in report order, indexed by enum eg_metric_id. */
extern const struct eg_metric_def eg_metrics[EG_M_COUNT];

/* The metric with id, or NULL. */
const struct eg_metric_def *eg_metric_find(const char *id);

/*
 * Whether a change of the metric with id is good news: 1 good, -1 bad, 0
 * neither (no change, a neutral metric, or an id not in the catalogue).
 */
int eg_metric_change_news(const char *id, double change);

/* Why a metric of source s is absent, for the note beside it ("no loyalty programme export"). */
const char *eg_metric_absent_note(enum eg_metric_source s);

#endif
