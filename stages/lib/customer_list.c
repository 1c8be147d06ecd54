/*
 * customer_list.c - customer_scores.csv streamed row by row, with the
 * fields it lacks looked up in customers.csv by customer_id.
 */
#include "engage/customer_list.h"
#include "engage/csv_table.h"
#include "engage/data_table.h"
#include "engage/datetime.h"
#include "engage/strmap.h"
#include "engage/timezone.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const struct eg_customer_field_def eg_customer_fields[EG_CF_COUNT] = {
	[EG_CF_ID] = { "customer_id", NULL, "Customer ID", EG_CK_TEXT },
	[EG_CF_EMAIL] = { "email", NULL, "Email", EG_CK_TEXT },
	[EG_CF_FIRST_NAME] = { "first_name", NULL, "First name", EG_CK_TEXT },
	[EG_CF_LAST_NAME] = { "last_name", NULL, "Last name", EG_CK_TEXT },
	[EG_CF_REF] = { "customer_ref", NULL, "Platform customer ID", EG_CK_TEXT },
	[EG_CF_SEGMENT] = { "segment", NULL, "Segment", EG_CK_TEXT },
	[EG_CF_PREVIOUS_SEGMENT] = { "previous_segment", NULL, "Segment a month ago", EG_CK_TEXT },
	[EG_CF_MODEL] = { "engagement_model", NULL, "Engagement model", EG_CK_TEXT },
	[EG_CF_RECENCY] = { "recency_days", NULL, "Days since last order", EG_CK_COUNT },
	[EG_CF_FREQUENCY] = { "frequency", NULL, "Orders", EG_CK_COUNT },
	[EG_CF_MONETARY] = { "monetary", NULL, "Revenue", EG_CK_MONEY },
	[EG_CF_R] = { "r_score", NULL, "R", EG_CK_COUNT },
	[EG_CF_F] = { "f_score", NULL, "F", EG_CK_COUNT },
	[EG_CF_M] = { "m_score", NULL, "M", EG_CK_COUNT },
	[EG_CF_FM] = { "fm_score", NULL, "FM", EG_CK_COUNT },
	[EG_CF_P_ALIVE] = { "p_alive", NULL, "P(alive)", EG_CK_RATIO },
	[EG_CF_EXPECTED_30] = { "expected_orders_30", NULL, "Expected orders, 30 days",
				EG_CK_DECIMAL },
	[EG_CF_EXPECTED_90] = { "expected_orders_90", NULL, "Expected orders, 90 days",
				EG_CK_DECIMAL },
	[EG_CF_EXPECTED_365] = { "expected_orders_365", NULL, "Expected orders, 365 days",
				 EG_CK_DECIMAL },
	[EG_CF_EXPECTED_AOV] = { "expected_aov", NULL, "Expected order value", EG_CK_MONEY },
	[EG_CF_CLV] = { "predicted_clv_12m", NULL, "Predicted CLV, 12 months", EG_CK_MONEY },
	[EG_CF_CHURN_RISK] = { "churn_risk", NULL, "Churn risk", EG_CK_TEXT },
	[EG_CF_CHURN_RISK_BASIS] = { "churn_risk_basis", NULL, "Churn risk from", EG_CK_TEXT },
	[EG_CF_TYPICAL_GAP] = { "typical_gap_days", NULL, "Typical days between orders",
				EG_CK_DECIMAL },
	[EG_CF_GAPS_SINCE] = { "gaps_since_last_order", NULL, "Typical gaps since last order",
			       EG_CK_DECIMAL },
	[EG_CF_LAST_ORDER] = { "last_order_at", "last_order_date", "Last order", EG_CK_TIME },
	[EG_CF_CONSENT] = { "accepts_marketing", "email_consent", "Email consent", EG_CK_CONSENT },
	[EG_CF_EMAIL_RATING] = { "email_rating", NULL, "Email rating", EG_CK_COUNT, 1 },
};

struct eg_customer_reader {
	struct eg_csv_reader *csv;	   /* customer_scores.csv */
	long col[EG_CF_COUNT];		   /* its column of each field, -1 when it has none */
	int joined[EG_CF_COUNT];	   /* 1 when the field comes from customers.csv */
	long *extra;			   /* its columns that are no known field */
	size_t nextra;			   /* how many */
	struct eg_strmap *ids;		   /* customers.csv: customer_id -> row */
	struct eg_data_table customers;	   /* customers.csv, when given */
	long join_col[EG_CF_COUNT];	   /* customers.csv's column of each joined field */
	size_t join_row;		   /* the current customer's row there, or (size_t)-1 */
	double num[EG_CF_COUNT];	   /* numeric fields of the current row, as parsed */
	unsigned char is_num[EG_CF_COUNT]; /* 1 when num[f] holds field f (non-empty) */
	int borrowed;			   /* 1 when ids and customers are another reader's */
};

static long find_column(struct eg_csv_reader *csv, const struct eg_customer_field_def *d)
{
	long c = eg_csv_reader_column(csv, d->column);

	if (c < 0 && d->alias)
		c = eg_csv_reader_column(csv, d->alias);
	return c;
}

/* Loads customers.csv for the fields scores lacks. */
static int join_customers(struct eg_customer_reader *r, const char *path, struct eg_error *err)
{
	static const char *const required[] = { "customer_id", NULL };
	long id;
	size_t i;
	int f, any = 0, rc;

	rc = eg_data_table_load(&r->customers, path, required, NULL, err);
	if (rc != EG_OK)
		return rc;
	if (!r->customers.present)
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to open '%s'", path);
	for (f = 0; f < EG_CF_COUNT; f++) {
		const struct eg_customer_field_def *d = &eg_customer_fields[f];

		r->join_col[f] = -1;
		if (r->col[f] >= 0 || f == EG_CF_ID)
			continue;
		r->join_col[f] = eg_data_table_column(&r->customers, d->column);
		if (r->join_col[f] < 0 && d->alias)
			r->join_col[f] = eg_data_table_column(&r->customers, d->alias);
		r->joined[f] = r->join_col[f] >= 0;
		if (d->sparse && r->joined[f]) {
			for (i = 0; i < r->customers.nrows &&
				    !*eg_data_table_cell(&r->customers, i, r->join_col[f]);
			     i++)
				;
			r->joined[f] = i < r->customers.nrows;
		}
		any |= r->joined[f];
	}
	if (!any)
		return EG_OK;
	id = eg_data_table_column(&r->customers, "customer_id");
	r->ids = eg_strmap_new(r->customers.nrows);
	if (!r->ids)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (i = 0; i < r->customers.nrows; i++) {
		const char *key = eg_data_table_cell(&r->customers, i, id);
		size_t v = i;

		if (eg_strmap_put(r->ids, key, strlen(key), &v) < 0)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	return EG_OK;
}

int eg_customer_reader_open(struct eg_customer_reader **out, const char *scores,
			    const char *customers, struct eg_error *err)
{
	static const char *const required[] = { "customer_id", "segment", NULL };
	struct eg_customer_reader *r = calloc(1, sizeof(*r));
	long idx[2];
	size_t i, n;
	int f, rc;

	if (!r)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	r->join_row = (size_t)-1;
	rc = eg_csv_reader_open(&r->csv, scores, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r->csv, required, idx, err);
	if (rc != EG_OK)
		goto fail;
	for (f = 0; f < EG_CF_COUNT; f++)
		r->col[f] = find_column(r->csv, &eg_customer_fields[f]);
	n = eg_csv_reader_ncolumns(r->csv);
	r->extra = malloc((n ? n : 1) * sizeof(long));
	if (!r->extra) {
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		for (f = 0; f < EG_CF_COUNT && r->col[f] != (long)i; f++)
			;
		if (f == EG_CF_COUNT)
			r->extra[r->nextra++] = (long)i;
	}
	if (customers && (rc = join_customers(r, customers, err)) != EG_OK)
		goto fail;
	*out = r;
	return EG_OK;
fail:
	eg_customer_reader_free(r);
	return rc;
}

int eg_customer_reader_open_like(struct eg_customer_reader **out, const char *scores,
				 const struct eg_customer_reader *like, struct eg_error *err)
{
	struct eg_customer_reader *r;
	int rc = eg_customer_reader_open(&r, scores, NULL, err);

	if (rc != EG_OK)
		return rc;
	/* The same header, so the same fields come from customers.csv. */
	r->ids = like->ids;
	r->customers = like->customers;
	memcpy(r->join_col, like->join_col, sizeof(r->join_col));
	memcpy(r->joined, like->joined, sizeof(r->joined));
	r->borrowed = 1;
	*out = r;
	return EG_OK;
}

void eg_customer_reader_free(struct eg_customer_reader *r)
{
	if (!r)
		return;
	eg_csv_reader_free(r->csv);
	if (!r->borrowed) {
		eg_strmap_free(r->ids);
		eg_data_table_release(&r->customers);
	}
	free(r->extra);
	free(r);
}

int eg_customer_reader_has(const struct eg_customer_reader *r, enum eg_customer_field f)
{
	return r->col[f] >= 0 || r->joined[f];
}

int eg_customer_reader_joined(const struct eg_customer_reader *r, enum eg_customer_field f)
{
	return r->joined[f];
}

int eg_customer_reader_next(struct eg_customer_reader *r, struct eg_error *err)
{
	int more = eg_csv_reader_next(r->csv, err), f;

	if (more <= 0)
		return more;
	for (f = 0; f < EG_CF_COUNT; f++) {
		enum eg_customer_kind k = eg_customer_fields[f].kind;
		const char *v;
		double x;

		if (r->col[f] < 0 || k == EG_CK_TEXT || k == EG_CK_TIME || k == EG_CK_CONSENT)
			continue;
		v = eg_csv_reader_field(r->csv, r->col[f], NULL);
		r->is_num[f] = 0;
		if (*v && !eg_data_table_parse_number(v, &x)) {
			eg_error_set(err, EG_EDATA, eg_csv_reader_path(r->csv),
				     eg_csv_reader_line(r->csv), r->col[f] + 1,
				     "'%.64s' in column '%s' is not a number", v,
				     eg_customer_fields[f].column);
			return -1;
		}
		if (*v) {
			r->num[f] = x;
			r->is_num[f] = 1;
		}
	}
	r->join_row = (size_t)-1;
	if (r->ids) {
		size_t len, row;
		const char *id = eg_csv_reader_field(r->csv, r->col[EG_CF_ID], &len);

		if (eg_strmap_get(r->ids, id, len, &row))
			r->join_row = row;
	}
	return 1;
}

int eg_customer_reader_number(const struct eg_customer_reader *r, enum eg_customer_field f,
			      double *x)
{
	const char *v;

	if (r->col[f] >= 0 && r->is_num[f]) {
		*x = r->num[f];
		return 1;
	}
	v = eg_customer_reader_get(r, f);
	return *v && eg_data_table_parse_number(v, x);
}

const char *eg_customer_reader_get(const struct eg_customer_reader *r, enum eg_customer_field f)
{
	if (r->col[f] >= 0)
		return eg_csv_reader_field(r->csv, r->col[f], NULL);
	if (r->joined[f] && r->join_row != (size_t)-1)
		return eg_data_table_cell(&r->customers, r->join_row, r->join_col[f]);
	return "";
}

size_t eg_customer_reader_nextra(const struct eg_customer_reader *r)
{
	return r->nextra;
}

const char *eg_customer_reader_extra_name(const struct eg_customer_reader *r, size_t i)
{
	return eg_csv_reader_column_name(r->csv, (size_t)r->extra[i]);
}

const char *eg_customer_reader_extra(const struct eg_customer_reader *r, size_t i)
{
	return eg_csv_reader_field(r->csv, r->extra[i], NULL);
}

const char *eg_customer_reader_path(const struct eg_customer_reader *r)
{
	return eg_csv_reader_path(r->csv);
}

long eg_customer_reader_line(const struct eg_customer_reader *r)
{
	return eg_csv_reader_line(r->csv);
}

int eg_customer_consent(const char *s)
{
	static const char *const yes[] = {
		"true", "yes", "y", "1", "subscribed", "opted_in", NULL
	};
	static const char *const no[] = { "false",	    "no",	 "n", "0", "unsubscribed",
					  "not_subscribed", "opted_out", NULL };
	size_t i;

	for (i = 0; yes[i]; i++)
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; no[i]; i++)
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	return -1;
}

/* Reads n digits at s into *out; 0 when one is not a digit. */
static int digits(const char *s, int n, int64_t *out)
{
	int64_t v = 0;
	int i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int eg_customer_day(const char *s, int64_t *day)
{
	size_t n = strlen(s);
	int64_t y, mo, d, h = 0, mi = 0, se = 0;

	if ((n != 10 && n != 20) || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
	    !digits(s + 5, 2, &mo) || !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	if (n == 10) {
		*day = eg_days_from_civil(y, (unsigned)mo, (unsigned)d);
		return 1;
	}
	if (s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
	    !digits(s + 11, 2, &h) || !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &se) ||
	    h > 23 || mi > 59 || se > 60)
		return 0;
	*day = eg_tz_local_day(eg_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
			       mi * 60 + se);
	return 1;
}

const char *eg_customer_consent_word(const char *s)
{
	int c = eg_customer_consent(s);

	return c == 1 ? "yes" : c == 0 ? "no" : "";
}
