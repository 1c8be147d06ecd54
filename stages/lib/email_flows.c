/*
 * email_flows.c - flow figures of an email platform (see email_flows.h).
 * The rows are few (one per flow message of a report): they are written as
 * read, and the totals per period and channel kept in a small array,
 * written after them.
 */
#include "engage/email_flows.h"
#include "engage/integer.h"
#include "engage/period_totals.h"
#include "engage/table_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_flow_figure_columns[] = {
	"period_start",	 "period_end",	 "channel",   "flow",
	"message",	 "recipients",	 "delivered", "unique_opens",
	"unique_apple_opens", "unique_clicks", "orders", "open_rate",
	"open_rate_without_apple", "click_rate", "source", NULL,
};

/* The counts of a message, or their sums, as read from email_flows.csv. */
enum count { RECIPIENTS, BOUNCES, OPENS, APPLE, CLICKS, ORDERS, NCOUNTS };

/* A message's counts, or a total's; given[k] is 1 when count k was exported. */
struct counts {
	int64_t n[NCOUNTS];
	int given[NCOUNTS];
};

/* The total of one period, channel and source. */
struct total {
	struct eg_period_key key; /* period_start, period_end, channel, source */
	struct counts c;	  /* the counts added up */
};

/* State of the pass. */
struct flows {
	struct eg_table_output *out; /* flow_figures.csv */
	struct total *v;	     /* totals in the order they first appear */
	size_t n, cap;		     /* entries and room at v */
};

/* Writes the figures of c after the row's first five fields. */
static void write_counts(struct eg_csv_writer *w, const char *channel, const struct counts *c)
{
	int64_t delivered = c->n[RECIPIENTS] - c->n[BOUNCES];
	int opens = c->given[OPENS] && strcmp(channel, "sms") != 0;

	eg_csv_write_int(w, c->n[RECIPIENTS]);
	eg_csv_write_int(w, delivered);
	if (c->given[OPENS])
		eg_csv_write_int(w, c->n[OPENS]);
	else
		eg_csv_write_str(w, "");
	if (c->given[APPLE])
		eg_csv_write_int(w, c->n[APPLE]);
	else
		eg_csv_write_str(w, "");
	if (c->given[CLICKS])
		eg_csv_write_int(w, c->n[CLICKS]);
	else
		eg_csv_write_str(w, "");
	if (c->given[ORDERS])
		eg_csv_write_int(w, c->n[ORDERS]);
	else
		eg_csv_write_str(w, "");
	eg_csv_write_fraction(w, c->n[OPENS], opens ? delivered : 0, 6);
	eg_csv_write_fraction(w, c->n[OPENS] - c->n[APPLE],
			      opens && c->given[APPLE] ? delivered : 0, 6);
	eg_csv_write_fraction(w, c->n[CLICKS], c->given[CLICKS] ? delivered : 0, 6);
}

/* Adds c to the total of the key f (as struct eg_period_key's). */
static int add_total(struct flows *p, const char *const f[4], const struct counts *c)
{
	struct total *t = eg_period_total((void **)&p->v, &p->n, &p->cap, sizeof(*p->v), f);
	int k;

	if (!t)
		return -1;
	for (k = 0; k < NCOUNTS; k++) {
		if (eg_int_add(&t->c.n[k], c->n[k]) != EG_OK)
			return -1;
		t->c.given[k] |= c->given[k];
	}
	return 0;
}

/* email_flows.csv's columns as read here: the text fields, then the counts. */
enum field { START, END, CHANNEL, FLOW, MESSAGE, SOURCE, NTEXT };

static int add_row(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct flows *p = ctx;
	struct eg_csv_writer *w = &p->out->w;
	const char *f[NTEXT], *key[4];
	struct counts c;
	struct eg_error e;
	int k;

	for (k = 0; k < NTEXT; k++)
		f[k] = eg_csv_reader_field(r, col[k], NULL);
	memset(&c, 0, sizeof(c));
	for (k = 0; k < NCOUNTS; k++) {
		size_t len;
		const char *s = eg_csv_reader_field(r, col[NTEXT + k], &len);

		if (!len)
			continue;
		if (eg_int_parse(s, len, &c.n[k], &e) != EG_OK || c.n[k] < 0)
			return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					    eg_csv_reader_line(r), col[NTEXT + k] + 1,
					    "'%s' is not a whole number", s);
		c.given[k] = 1;
	}
	if (c.n[BOUNCES] > c.n[RECIPIENTS])
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[NTEXT + BOUNCES] + 1,
				    "more bounces (%lld) than recipients (%lld)",
				    (long long)c.n[BOUNCES], (long long)c.n[RECIPIENTS]);
	for (k = 0; k < SOURCE; k++)
		eg_csv_write_str(w, f[k]);
	write_counts(w, f[CHANNEL], &c);
	eg_csv_write_str(w, f[SOURCE]);
	eg_table_output_end_row(p->out);
	key[0] = f[START], key[1] = f[END], key[2] = f[CHANNEL], key[3] = f[SOURCE];
	if (add_total(p, key, &c) != 0)
		return eg_error_set(err, EG_EIO, NULL, 0, 0,
				    "out of memory, or a total leaves the integer range");
	return EG_OK;
}

int eg_email_flows_write(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			 struct eg_error *err)
{
	/* email_flows.csv's columns in the order of enum field, then of enum count */
	static const char *const cols[] = { "date",	    "period_end",	  "channel",
					    "flow",	    "message",		  "source",
					    "recipients",   "bounces",		  "unique_opens",
					    "unique_apple_opens", "unique_clicks", "orders",
					    NULL };
	struct flows p = { .out = out };
	char *path = NULL;
	size_t i;
	int rc = eg_table_scan_find(dir, "email_flows.csv", &path, err);

	if (rc == EG_OK && path)
		rc = eg_table_scan(path, cols, m, add_row, &p, err);
	for (i = 0; rc == EG_OK && i < p.n; i++) {
		eg_period_total_begin(&out->w, &p.v[i].key);
		eg_csv_write_str(&out->w, "");
		write_counts(&out->w, p.v[i].key.f[2], &p.v[i].c);
		eg_csv_write_str(&out->w, p.v[i].key.f[3]);
		eg_table_output_end_row(out);
	}
	free(p.v);
	free(path);
	return rc;
}
