/*
 * join.c - one row per customer from the orders, and orders keyed by
 * customer_id. Holds one record per customer in memory, never the orders.
 */
#include "engage/join.h"
#include "engage/csv_table.h"
#include "engage/money.h"
#include "engage/path.h"
#include "engage/stage.h"
#include "engage/strmap.h"
#include "engage/tables.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIME_LEN 20 /* "YYYY-MM-DDTHH:MM:SSZ" */

/* What join learns of one customer. */
struct customer {
	char id[18];                    /* "c" + 16 hex digits */
	char *email;                    /* normalised email, owned, "" when none */
	char *ref;                      /* platform customer id, owned, "" when none */
	char first[TIME_LEN + 1];       /* first counted order, "" when none */
	char last[TIME_LEN + 1];        /* last counted order, "" when none */
	char consent_at[TIME_LEN + 1];  /* time of the latest order stating consent */
	const char *consent;            /* "true", "false" or "" (static strings) */
	int64_t orders;                 /* counted orders */
	int64_t revenue;                /* sum of their totals */
	int64_t refunds;                /* sum of their refunds */
};

/* State of one run. */
struct run {
	struct eg_stage stage;      /* outputs and manifest */
	struct eg_strmap *by_key;   /* customer key -> index in customers */
	struct eg_strmap *by_id;    /* customer_id -> index, to catch hash collisions */
	struct customer *customers; /* one per customer */
	size_t ncustomers;          /* entries at customers */
	size_t cap;                 /* entries allocated */
	int64_t anonymous;          /* orders without a customer */
};

/* Finds or adds the customer for key; NULL on out of memory or collision (err says). */
static struct customer *customer_for(struct run *run, const char *key, size_t klen,
				     const char *email, const char *ref, struct eg_error *err)
{
	size_t idx = run->ncustomers, same;
	int fresh = eg_strmap_put(run->by_key, key, klen, &idx);
	struct customer *c;

	if (fresh < 0)
		goto oom;
	if (!fresh)
		return &run->customers[idx];
	if (run->ncustomers == run->cap) {
		size_t cap = run->cap ? run->cap * 2 : 1024;
		struct customer *q = realloc(run->customers, cap * sizeof(*q));

		if (!q)
			goto oom;
		run->customers = q;
		run->cap = cap;
	}
	c = &run->customers[idx];
	memset(c, 0, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "c%016" PRIx64, eg_hash64(key, klen));
	c->consent = "";
	c->email = strdup(email);
	c->ref = strdup(ref);
	run->ncustomers++;
	if (!c->email || !c->ref)
		goto oom;
	same = idx;
	if (eg_strmap_put(run->by_id, c->id, strlen(c->id), &same) < 0)
		goto oom;
	if (same != idx) {
		eg_error_set(err, EG_EINTERNAL, NULL, 0, 0,
			     "customer id %s is shared by two customers (a hash collision)", c->id);
		return NULL;
	}
	return c;
oom:
	eg_stage_oom(err);
	return NULL;
}

/* Adds a counted order's values to c. */
static int customer_add(struct customer *c, struct eg_csv_reader *r, const long *col,
			struct eg_error *err)
{
	const char *at = eg_csv_reader_field(r, col[EG_ORDER_CREATED_AT], NULL);
	int64_t total, refunded;
	size_t len;
	const char *s;

	s = eg_csv_reader_field(r, col[EG_ORDER_TOTAL], &len);
	if (eg_money_parse(s, len, NULL, &total, err) != EG_OK)
		goto bad;
	s = eg_csv_reader_field(r, col[EG_ORDER_REFUNDED], &len);
	if (eg_money_parse(s, len, NULL, &refunded, err) != EG_OK)
		goto bad;
	c->orders++;
	c->revenue += total;
	c->refunds += refunded;
	if (strlen(at) == TIME_LEN) {
		/* Fixed-width UTC stamps order as strings do. */
		if (!c->first[0] || strcmp(at, c->first) < 0)
			memcpy(c->first, at, TIME_LEN + 1);
		if (strcmp(at, c->last) > 0)
			memcpy(c->last, at, TIME_LEN + 1);
	}
	return EG_OK;
bad:
	err->line = eg_csv_reader_line(r);
	snprintf(err->file, sizeof(err->file), "%s", eg_csv_reader_path(r));
	return err->status;
}

/* Keeps the consent stated on the customer's latest order that states it. */
static void customer_consent(struct customer *c, const char *consent, const char *at)
{
	if (!consent[0] || strlen(at) != TIME_LEN || strcmp(at, c->consent_at) < 0)
		return;
	memcpy(c->consent_at, at, TIME_LEN + 1);
	c->consent = strcmp(consent, "true") == 0 ? "true" : "false";
}

static int join_orders(struct run *run, const char *path, struct eg_table_output *out,
		       struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *cnt;
	long col[EG_ORDER_NCOLS];
	char *key = NULL;
	size_t key_cap = 0;
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, eg_order_columns, col, err);
	cnt = eg_manifest_input(run->stage.m, path);
	if (rc == EG_OK && !cnt)
		rc = eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		size_t elen, rlen, i;
		const char *email = eg_csv_reader_field(r, col[EG_ORDER_EMAIL], &elen);
		const char *ref = eg_csv_reader_field(r, col[EG_ORDER_CUSTOMER_REF], &rlen);
		struct customer *c = NULL;

		cnt->read++;
		if (elen || rlen) {
			/* "e:" and "r:" keep an email and a customer id from ever meeting. */
			size_t klen = 2 + (elen ? elen : rlen);

			if (klen > key_cap) {
				char *k = realloc(key, klen * 2);

				if (!k) {
					rc = eg_stage_oom(err);
					break;
				}
				key = k;
				key_cap = klen * 2;
			}
			memcpy(key, elen ? "e:" : "r:", 2);
			memcpy(key + 2, elen ? email : ref, klen - 2);
			c = customer_for(run, key, klen, email, elen ? "" : ref, err);
			if (!c) {
				rc = err->status;
				break;
			}
			if (rlen && !c->ref[0]) {
				char *dup = strdup(ref);

				if (!dup) {
					rc = eg_stage_oom(err);
					break;
				}
				free(c->ref);
				c->ref = dup;
			}
			if (eg_order_is_counted(eg_csv_reader_field(r, col[EG_ORDER_CANCELLED], NULL),
						eg_csv_reader_field(r, col[EG_ORDER_IS_TEST], NULL))) {
				rc = customer_add(c, r, col, err);
				if (rc != EG_OK)
					break;
			}
			customer_consent(c, eg_csv_reader_field(r, col[EG_ORDER_ACCEPTS_MARKETING], NULL),
					 eg_csv_reader_field(r, col[EG_ORDER_CREATED_AT], NULL));
		} else {
			run->anonymous++;
		}
		eg_csv_write_str(&out->w, c ? c->id : "");
		for (i = 0; i < EG_ORDER_NCOLS; i++)
			eg_csv_write_str(&out->w, eg_csv_reader_field(r, col[i], NULL));
		eg_table_output_end_row(out);
		cnt->written++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	free(key);
	eg_csv_reader_free(r);
	return rc;
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct customer *)a)->id, ((const struct customer *)b)->id);
}

static void write_customers(struct run *run, struct eg_table_output *out)
{
	struct eg_csv_writer *w = &out->w;
	size_t i;

	qsort(run->customers, run->ncustomers, sizeof(*run->customers), by_id);
	for (i = 0; i < run->ncustomers; i++) {
		const struct customer *c = &run->customers[i];

		eg_csv_write_str(w, c->id);
		eg_csv_write_str(w, c->email);
		eg_csv_write_str(w, c->ref);
		eg_csv_write_str(w, c->first);
		eg_csv_write_str(w, c->last);
		eg_csv_write_int(w, c->orders);
		eg_csv_write_money(w, c->revenue);
		eg_csv_write_money(w, c->refunds);
		eg_csv_write_str(w, c->consent);
		eg_table_output_end_row(out);
	}
}

int eg_join_run(const struct eg_join_options *opts, struct eg_join_result *res,
		struct eg_error *err)
{
	static const char *order_header[EG_ORDER_NCOLS + 2];
	struct run run;
	struct eg_table_output *orders, *customers;
	char *orders_in = eg_path_join(opts->in_dir, "orders.csv");
	size_t i;
	int rc;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	order_header[0] = "customer_id";
	for (i = 0; i <= EG_ORDER_NCOLS; i++)
		order_header[i + 1] = eg_order_columns[i];
	run.by_key = eg_strmap_new(1024);
	run.by_id = eg_strmap_new(1024);
	if (!orders_in || !run.by_key || !run.by_id) {
		rc = eg_stage_oom(err);
		goto done;
	}
	rc = eg_stage_begin(&run.stage, "join", opts->out_dir, 0, err);
	if (rc != EG_OK)
		goto done;
	orders = eg_stage_output(&run.stage, "orders.csv", order_header, err);
	customers = orders ? eg_stage_output(&run.stage, "customers.csv", eg_customer_columns, err)
			   : NULL;
	rc = customers ? EG_OK : err->status;
	if (rc == EG_OK)
		rc = join_orders(&run, orders_in, orders, err);
	if (rc == EG_OK) {
		write_customers(&run, customers);
		res->customers = customers->rows;
		res->anonymous = run.anonymous;
		rc = eg_stage_finish(&run.stage, err);
	}
done:
	eg_stage_end(&run.stage);
	for (i = 0; i < run.ncustomers; i++) {
		free(run.customers[i].email);
		free(run.customers[i].ref);
	}
	free(run.customers);
	eg_strmap_free(run.by_key);
	eg_strmap_free(run.by_id);
	free(orders_in);
	return rc;
}
