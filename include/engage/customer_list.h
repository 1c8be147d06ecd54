/*
 * customer_list.h - the customers render shows and exports: the rows of
 * compute's customer_scores.csv, streamed one at a time, each completed from
 * join's customers.csv (last order, marketing consent, names) when
 * customer_scores.csv lacks those columns and that file is given.
 *
 * Columns are found by name, so a compute that adds P(alive), expected
 * orders, predicted CLV or churn risk gets them shown without a change
 * here; a column this module does not know is kept as an extra, as text.
 */
#ifndef ENGAGE_CUSTOMER_LIST_H
#define ENGAGE_CUSTOMER_LIST_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/* The fields of a customer row render knows, in the order the Customers sheet shows them. */
enum eg_customer_field {
	EG_CF_ID,		/* customer_id */
	EG_CF_EMAIL,		/* email */
	EG_CF_FIRST_NAME,	/* first_name */
	EG_CF_LAST_NAME,	/* last_name */
	EG_CF_REF,		/* customer_ref: the platform's customer id */
	EG_CF_SEGMENT,		/* segment (RFM) */
	EG_CF_PREVIOUS_SEGMENT, /* previous_segment: a month earlier */
	EG_CF_MODEL,		/* engagement_model */
	EG_CF_RECENCY,		/* recency_days */
	EG_CF_FREQUENCY,	/* frequency: orders */
	EG_CF_MONETARY,		/* monetary: their gross revenue */
	EG_CF_R,		/* r_score */
	EG_CF_F,		/* f_score */
	EG_CF_M,		/* m_score */
	EG_CF_FM,		/* fm_score */
	EG_CF_P_ALIVE,		/* p_alive (BG/NBD) */
	EG_CF_EXPECTED_30,	/* expected_orders_30 */
	EG_CF_EXPECTED_90,	/* expected_orders_90 */
	EG_CF_EXPECTED_365,	/* expected_orders_365 */
	EG_CF_EXPECTED_AOV,	/* expected_aov (Gamma-Gamma) */
	EG_CF_CLV,		/* predicted_clv_12m */
	EG_CF_CHURN_RISK,	/* churn_risk band */
	EG_CF_CHURN_RISK_BASIS, /* churn_risk_basis: p_alive or recency */
	EG_CF_TYPICAL_GAP,	/* typical_gap_days: days between orders */
	EG_CF_GAPS_SINCE,	/* gaps_since_last_order: days since the last order / that gap */
	EG_CF_LAST_ORDER,	/* last_order_at: a UTC time stamp */
	EG_CF_CONSENT,		/* accepts_marketing: email consent */
	EG_CF_EMAIL_RATING,	/* email_rating: the email tool's 1-5 engagement rating */
	EG_CF_COUNT
};

/* How a field's text is read and shown. */
enum eg_customer_kind {
	EG_CK_TEXT,    /* text as it is */
	EG_CK_COUNT,   /* a whole number */
	EG_CK_MONEY,   /* an amount in the report currency */
	EG_CK_RATIO,   /* a probability or share, 0 to 1 */
	EG_CK_DECIMAL, /* another number */
	EG_CK_TIME,    /* a time stamp "YYYY-MM-DDTHH:MM:SSZ" (or a date) */
	EG_CK_CONSENT, /* true/false, yes/no, 1/0; empty when unknown */
};

/* One known field. */
struct eg_customer_field_def {
	const char *column;	    /* its column in customer_scores.csv and customers.csv */
	const char *alias;	    /* another name accepted for it, or NULL */
	const char *title;	    /* the column title people see */
	enum eg_customer_kind kind; /* how it is read and shown */
	int sparse;		    /* 1: taken from customers.csv only when a customer has one */
};

/* The known fields, indexed by enum eg_customer_field. */
extern const struct eg_customer_field_def eg_customer_fields[EG_CF_COUNT];

struct eg_customer_reader;

/*
 * Opens compute's customer_scores.csv at scores (customer_id and segment are
 * required) and, when customers is not NULL, reads join's customers.csv at
 * that path (customer_id required) for the known fields scores lacks. On
 * success *out owns the reader; free with eg_customer_reader_free. EG_EDATA
 * naming file and columns when a required column is missing, EG_EIO when a
 * file cannot be read.
 */
int eg_customer_reader_open(struct eg_customer_reader **out, const char *scores,
			    const char *customers, struct eg_error *err);

/*
 * Opens another reader of scores (the file like reads) that borrows like's
 * customers.csv instead of loading a second copy: like must stay open until
 * this one is freed. Both only read the shared table, so they may be read
 * on different threads. Errors as eg_customer_reader_open.
 */
int eg_customer_reader_open_like(struct eg_customer_reader **out, const char *scores,
				 const struct eg_customer_reader *like, struct eg_error *err);

/* Frees r. NULL is a no-op. */
void eg_customer_reader_free(struct eg_customer_reader *r);

/* 1 when field f has a column in either file, else 0 (its value is then always ""). */
int eg_customer_reader_has(const struct eg_customer_reader *r, enum eg_customer_field f);

/* 1 when field f comes from customers.csv rather than customer_scores.csv. */
int eg_customer_reader_joined(const struct eg_customer_reader *r, enum eg_customer_field f);

/*
 * Reads the next customer. Returns 1 when one is ready, 0 at the end, -1
 * with err filled on a read error or a cell of a number field that is not a
 * number (EG_EDATA naming file, line and column).
 */
int eg_customer_reader_next(struct eg_customer_reader *r, struct eg_error *err);

/* Field f of the current customer, "" when unknown; borrowed until the next call. */
const char *eg_customer_reader_get(const struct eg_customer_reader *r, enum eg_customer_field f);

/*
 * Field f of the current customer as a number: 1 and *x when it is a
 * non-empty number (eg_data_table_parse_number), else 0. A numeric field of
 * customer_scores.csv was parsed once by eg_customer_reader_next, and is
 * not parsed again.
 */
int eg_customer_reader_number(const struct eg_customer_reader *r, enum eg_customer_field f,
			      double *x);

/* Number of columns of customer_scores.csv that are no known field. */
size_t eg_customer_reader_nextra(const struct eg_customer_reader *r);

/* The header of extra column i. */
const char *eg_customer_reader_extra_name(const struct eg_customer_reader *r, size_t i);

/* Extra column i of the current customer; borrowed until the next call. */
const char *eg_customer_reader_extra(const struct eg_customer_reader *r, size_t i);

/* The path of customer_scores.csv and the line the current customer is on. */
const char *eg_customer_reader_path(const struct eg_customer_reader *r);
long eg_customer_reader_line(const struct eg_customer_reader *r);

/* Consent text read as 1 (given), 0 (refused) or -1 (unknown or empty). */
int eg_customer_consent(const char *s);

/* Consent s in a word: "yes", "no", or "" when unknown (static strings). */
const char *eg_customer_consent_word(const char *s);

/*
 * The local calendar day (days since 1970-01-01, in the timezone selected
 * with timezone.h) of a last-order value into *day: a UTC stamp
 * "YYYY-MM-DDTHH:MM:SSZ" as join writes it, or a plain date "YYYY-MM-DD"
 * taken as it is. Returns 1, or 0 for anything else (*day unchanged).
 */
int eg_customer_day(const char *s, int64_t *day);

#endif
