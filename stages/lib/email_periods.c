/*
 * email_periods.c - period figures of an email platform (see
 * email_periods.h). The rows are few (one per list or segment and channel
 * of a report): they are written as read, and the channel totals kept in a
 * small array, written after them.
 */
#include "engage/email_periods.h"
#include "engage/money.h"
#include "engage/period_totals.h"
#include "engage/table_scan.h"
#include "engage/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_email_period_columns[] = {
	"period_start", "period_end", "channel", "list",   "open_rate",
	"click_rate",	"order_value", "source",  NULL,
};

/* A channel's total over its lists for one period of one source. */
struct total {
	struct eg_period_key key; /* period_start, period_end, channel, source */
	int64_t value;		  /* order value added up */
	int any;		  /* 1 when a row gave an order value */
};

/* State of the pass. */
struct periods {
	struct eg_table_output *out; /* email_periods.csv */
	struct total *v;	     /* totals in the order their channel first appears */
	size_t n, cap;		     /* entries and room at v */
};

/* Adds the row's order value to the total of its key f (as struct eg_period_key's). */
static int add_total(struct periods *p, const char *const f[4], int64_t value, int given)
{
	struct total *t = eg_period_total((void **)&p->v, &p->n, &p->cap, sizeof(*p->v), f);

	if (!t)
		return -1;
	t->value += value;
	t->any |= given;
	return 0;
}

static int add_row(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct periods *p = ctx;
	struct eg_csv_writer *w = &p->out->w;
	const char *f[8];
	const char *key[4];
	size_t len;
	int64_t value = 0;
	struct eg_error e;
	int i;

	for (i = 0; i < 8; i++)
		f[i] = eg_csv_reader_field(r, col[i], NULL);
	len = strlen(f[6]);
	if (len && eg_money_parse(f[6], len, NULL, &value, &e) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[6] + 1, "'%s' is not an amount", f[6]);
	for (i = 0; i < 8; i++)
		eg_csv_write_str(w, f[i]);
	eg_table_output_end_row(p->out);
	key[0] = f[0], key[1] = f[1], key[2] = f[2], key[3] = f[7];
	if (add_total(p, key, value, len > 0) != 0)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	return EG_OK;
}

int eg_email_periods_write(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			   struct eg_error *err)
{
	/* email_rates.csv's columns in the order email_periods.csv writes them */
	static const char *const cols[] = { "date",	  "period_end", "channel",
					    "list",	  "open_rate",	"click_rate",
					    "order_value", "source",	NULL };
	struct periods p = { .out = out };
	char *path = NULL;
	size_t i;
	int rc = eg_table_scan_find(dir, "email_rates.csv", &path, err);

	if (rc == EG_OK && path)
		rc = eg_table_scan(path, cols, m, add_row, &p, err);
	for (i = 0; rc == EG_OK && i < p.n; i++) {
		eg_period_total_begin(&out->w, &p.v[i].key);
		eg_csv_write_str(&out->w, "");
		eg_csv_write_str(&out->w, "");
		if (p.v[i].any)
			eg_csv_write_money(&out->w, p.v[i].value);
		else
			eg_csv_write_str(&out->w, "");
		eg_csv_write_str(&out->w, p.v[i].key.f[3]);
		eg_table_output_end_row(out);
	}
	free(p.v);
	free(path);
	return rc;
}
