/*
 * segment_lists.c - the per-segment CSV files for email tools.
 */
#include "engage/segment_lists.h"
#include "engage/atomic_file.h"
#include "engage/data_table.h"
#include "engage/datetime.h"
#include "engage/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_segment_list_columns[] = {
	"Email",
	"First Name",
	"Last Name",
	"Segment",
	"Previous Segment",
	"Engagement Model",
	"Customer ID",
	"Orders",
	"Revenue",
	"Last Order Date",
	"Days Since Last Order",
	"P(alive)",
	"Expected Orders 90 Days",
	"Predicted CLV 12 Months",
	"Churn Risk",
	"Email Consent",
	"Churn Risk From",
	NULL,
};

/* The customer field behind each list column but the date and consent. */
static const int column_field[] = {
	EG_CF_EMAIL,
	EG_CF_FIRST_NAME,
	EG_CF_LAST_NAME,
	EG_CF_SEGMENT,
	EG_CF_PREVIOUS_SEGMENT,
	EG_CF_MODEL,
	EG_CF_ID,
	EG_CF_FREQUENCY,
	EG_CF_MONETARY,
	EG_CF_LAST_ORDER,
	EG_CF_RECENCY,
	EG_CF_P_ALIVE,
	EG_CF_EXPECTED_90,
	EG_CF_CLV,
	EG_CF_CHURN_RISK,
	EG_CF_CONSENT,
	EG_CF_CHURN_RISK_BASIS,
};

char *eg_segment_list_file_name(const char *segment)
{
	size_t n = strlen(segment), i, o = 0;
	char *name = malloc(n + sizeof("segment.csv"));
	int gap = 0;

	if (!name)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = segment[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
			if (gap && o)
				name[o++] = '_';
			name[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
			gap = 0;
		} else {
			gap = 1;
		}
	}
	if (!o) {
		strcpy(name, "segment");
		o = 7;
	}
	strcpy(name + o, ".csv");
	return name;
}

int eg_segment_list_needs_quote(const char *s)
{
	double x;

	if (!(*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r'))
		return 0;
	return !((*s == '-' || *s == '+') && eg_data_table_parse_number(s, &x));
}

/* Writes a cell, neutralised when a spreadsheet could run it. */
void eg_segment_list_write_safe(struct eg_csv_writer *w, const char *s)
{
	if (eg_segment_list_needs_quote(s)) {
		size_t n = strlen(s);
		char *q = malloc(n + 2);

		if (q) {
			q[0] = '\'';
			memcpy(q + 1, s, n + 1);
			eg_csv_write_str(w, q);
			free(q);
			return;
		}
		/* Out of memory: an empty cell rather than a live formula. */
		eg_csv_write_str(w, "");
		return;
	}
	eg_csv_write_str(w, s);
}

const char *eg_segment_list_order_date(const char *s, char *buf)
{
	int64_t day, y;
	unsigned m, d;

	if (!eg_customer_day(s, &day))
		return s;
	eg_civil_from_days(day, &y, &m, &d);
	snprintf(buf, EG_TIME_BUFSZ, "%04d-%02u-%02u", (int)y, m, d);
	return buf;
}

/* The list of segment name, opened when new; NULL with err filled on failure. */
static struct eg_segment_list *list_of(struct eg_segment_lists *l, const char *segment,
				       struct eg_error *err)
{
	struct eg_segment_list *x;
	size_t i;
	int rc;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->lists[i].segment, segment) == 0)
			return &l->lists[i];
	if (l->n == EG_SEGMENT_LISTS_MAX) {
		eg_error_set(err, EG_EDATA, NULL, 0, 0, "more than %d segments",
			     EG_SEGMENT_LISTS_MAX);
		return NULL;
	}
	x = &l->lists[l->n];
	memset(x, 0, sizeof(*x));
	x->out.af.slot = -1;
	x->segment = strdup(segment);
	x->file = eg_segment_list_file_name(segment);
	if (!x->segment || !x->file) {
		free(x->segment);
		free(x->file);
		eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		return NULL;
	}
	/* Two names that make one file name ("At Risk", "at-risk") get a number. */
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->lists[i].file, x->file) == 0) {
			char *numbered = malloc(strlen(x->file) + 24);
			size_t k;

			if (!numbered) {
				free(x->segment);
				free(x->file);
				eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
				return NULL;
			}
			x->file[strlen(x->file) - 4] = '\0';
			sprintf(numbered, "%s_%zu.csv", x->file, l->n + 1);
			free(x->file);
			x->file = numbered;
			for (k = 0; k < l->n && strcmp(l->lists[k].file, x->file) != 0; k++)
				;
			if (k < l->n) {
				free(x->segment);
				free(x->file);
				eg_error_set(err, EG_EDATA, NULL, 0, 0,
					     "segment '%s' has no file name of its own", segment);
				return NULL;
			}
			break;
		}
	}
	rc = eg_table_output_open(&x->out, l->dir, x->file, eg_segment_list_columns, err);
	if (rc != EG_OK) {
		free(x->segment);
		free(x->file);
		return NULL;
	}
	l->n++;
	return x;
}

static void write_customer(struct eg_segment_list *x, struct eg_customer_reader *r)
{
	char date[EG_TIME_BUFSZ];
	size_t i;

	for (i = 0; i < sizeof(column_field) / sizeof(column_field[0]); i++) {
		const char *v = eg_customer_reader_get(r, (enum eg_customer_field)column_field[i]);

		if (column_field[i] == EG_CF_LAST_ORDER)
			v = eg_segment_list_order_date(v, date);
		else if (column_field[i] == EG_CF_CONSENT)
			v = eg_customer_consent_word(v);
		eg_segment_list_write_safe(&x->out.w, v);
	}
	eg_table_output_end_row(&x->out);
	x->customers++;
}

int eg_segment_lists_open(struct eg_segment_lists *l, const char *dir, const char *const *segments,
			  size_t nsegments, struct eg_error *err)
{
	size_t i;
	int rc;

	memset(l, 0, sizeof(*l));
	l->dir = strdup(dir);
	l->lists = calloc(EG_SEGMENT_LISTS_MAX, sizeof(*l->lists));
	if (!l->dir || !l->lists) {
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto fail;
	}
	rc = eg_path_prepare_output_dir(dir, err);
	if (rc != EG_OK)
		goto fail;
	/* Lists a killed render was writing: only render writes in this folder. */
	eg_atomic_sweep(dir, NULL);
	for (i = 0; i < nsegments; i++) {
		if (!list_of(l, segments[i], err)) {
			rc = err->status;
			goto fail;
		}
	}
	return EG_OK;
fail:
	eg_segment_lists_release(l);
	return rc;
}

int eg_segment_lists_fill(struct eg_segment_lists *l, struct eg_customer_reader *r,
			  void (*each)(void *ctx, const struct eg_customer_reader *r), void *ctx,
			  struct eg_error *err)
{
	int more;

	while ((more = eg_customer_reader_next(r, err)) > 0) {
		const char *email = eg_customer_reader_get(r, EG_CF_EMAIL);
		struct eg_segment_list *x;

		l->read++;
		if (each)
			each(ctx, r);
		if (!*email) {
			l->no_email++;
			continue;
		}
		if (eg_customer_consent(eg_customer_reader_get(r, EG_CF_CONSENT)) == 0) {
			l->no_consent++;
			continue;
		}
		x = list_of(l, eg_customer_reader_get(r, EG_CF_SEGMENT), err);
		if (!x)
			return err->status;
		write_customer(x, r);
		l->written++;
	}
	return more < 0 ? err->status : EG_OK;
}

int eg_segment_lists_write(struct eg_segment_lists *l, const char *dir, const char *const *segments,
			   size_t nsegments, struct eg_customer_reader *r,
			   void (*each)(void *ctx, const struct eg_customer_reader *r), void *ctx,
			   struct eg_error *err)
{
	int rc = eg_segment_lists_open(l, dir, segments, nsegments, err);

	if (rc == EG_OK && (rc = eg_segment_lists_fill(l, r, each, ctx, err)) != EG_OK)
		eg_segment_lists_release(l);
	return rc;
}

int eg_segment_lists_settle(struct eg_segment_lists *l, struct eg_error *err)
{
	size_t i;
	int rc = EG_OK;

	for (i = 0; i < l->n && rc == EG_OK; i++)
		if (l->lists[i].out.name)
			rc = eg_atomic_settle(&l->lists[i].out.af, err);
	if (rc != EG_OK)
		eg_segment_lists_abort(l);
	return rc;
}

size_t eg_segment_lists_files(struct eg_segment_lists *l, struct eg_atomic_file **files)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++)
		if (l->lists[i].out.name)
			files[n++] = &l->lists[i].out.af;
	return n;
}

void eg_segment_lists_abort(struct eg_segment_lists *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->lists[i].out.name)
			eg_table_output_abort(&l->lists[i].out);
}

void eg_segment_lists_release(struct eg_segment_lists *l)
{
	size_t i;

	if (l->lists) {
		eg_segment_lists_abort(l);
		for (i = 0; i < l->n; i++) {
			free(l->lists[i].segment);
			free(l->lists[i].file);
		}
	}
	free(l->lists);
	free(l->dir);
	memset(l, 0, sizeof(*l));
}
