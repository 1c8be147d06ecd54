/*
 * join.c - resolving customers across sources, and keying facts by them.
 *
 * Every email and every platform customer id met in the facts is a key
 * ("e:" + email, "r:" + id). A row that carries both links its two keys, so
 * an order by email and a return by customer id of the same person end in
 * one customer (union-find over the keys). An order with neither is keyed
 * by its phone ("p:" + the phone key of extract), else by the name an
 * export gives as its only trace of the buyer ("n:" + source + TAB + name:
 * a name is a customer only within its store's export), else it is a
 * guest's: a phone or name never links to an email or id, since one phone
 * may serve a household and two people may share a name. A customer's id
 * derives from the smallest email key of its group, else its smallest id
 * key, else its phone key, else its name key: the same customer
 * gets the same customer_id in every month's run as long as its keys do not
 * change. Two passes over the facts: the first links keys, the second
 * writes the facts with their customer_id while summing each customer's
 * figures.
 */
#include "engage/join.h"
#include "engage/csv_table.h"
#include "engage/loyalty.h"
#include "engage/money.h"
#include "engage/path.h"
#include "engage/stage.h"
#include "engage/strmap.h"
#include "engage/tables.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TIME_LEN 20 /* "YYYY-MM-DDTHH:MM:SSZ" */

/* A key's node in the union-find forest. */
struct node {
	uint32_t parent;   /* parent node; itself for a root */
	uint32_t customer; /* for a root after the first pass: customer index; NO_CUSTOMER before */
};

/* No customer yet; a strmap holds fewer than UINT32_MAX keys, so node numbers fit too. */
#define NO_CUSTOMER UINT32_MAX

/* A customer's consent as written in customers.csv, by its code in struct customer. */
static const char *const consents[] = { "", "true", "false" };

enum consent_code { CONSENT_NONE, CONSENT_TRUE, CONSENT_FALSE };

/* The email list statuses extract writes, by their code in struct customer ("" is none). */
static const char *const email_statuses[] = { "", "subscribed", "unsubscribed", "cleaned",
					      "pending" };

/* No key of that kind; node numbers fit in uint32_t (see NO_CUSTOMER). */
#define NO_KEY UINT32_MAX

/*
 * What join learns of one customer. A million customers are held at once,
 * so fields are as narrow as their values: codes index the tables above.
 */
struct customer {
	uint64_t id;		       /* hash of its best key; written "c" + 16 hex digits */
	uint32_t email_key;	       /* node of its smallest email key, NO_KEY if none */
	uint32_t ref_key;	       /* node of its smallest customer id key, NO_KEY if none */
	uint32_t phone_key;	       /* node of its phone key, NO_KEY if none */
	uint32_t name_key;	       /* node of its name key, NO_KEY if none */
	char first[TIME_LEN + 1];      /* first counted order, "" when none */
	char last[TIME_LEN + 1];       /* last counted order, "" when none */
	char consent_at[TIME_LEN + 1]; /* time of the latest order stating consent */
	uint8_t consent;	       /* consent of that order: enum consent_code */
	uint8_t profile_consent;       /* consent of the profile export: enum consent_code */
	uint8_t list_consent;	       /* consent of an email tool's audience export: ditto */
	uint8_t email_status;	       /* list status of the audience export: email_statuses */
	uint8_t loyalty_member;	       /* in the loyalty programme export */
	uint8_t email_rating;	       /* the email tool's 1-5 rating, 0 when none */
	int64_t orders;		       /* counted orders */
	int64_t revenue;	       /* sum of their totals */
	int64_t refunds;	       /* refunds of those orders, and returns */
	int64_t responses;	       /* survey responses */
	int64_t tickets;	       /* support tickets */
};

/* Room for a customer id's text: "c", 16 hex digits and a NUL. */
#define ID_TEXT 18

/* Writes customer id id as "c" + 16 lowercase hex digits into buf; returns buf. */
static const char *id_text(uint64_t id, char buf[ID_TEXT])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	buf[0] = 'c';
	for (i = 16; i >= 1; i--, id >>= 4)
		buf[i] = hex[id & 15];
	buf[17] = '\0';
	return buf;
}

/* State of one run. */
struct run {
	struct eg_stage stage;	    /* outputs and manifest */
	struct eg_strmap *keys;	    /* key -> node index; node i's key is the i-th put */
	struct node *nodes;	    /* one per key */
	size_t nnodes;		    /* entries at nodes */
	size_t nodes_cap;	    /* entries allocated */
	struct customer *customers; /* one per group of keys */
	size_t ncustomers;	    /* entries at customers */
	char *scratch;		    /* key being built */
	size_t scratch_cap;	    /* bytes allocated at scratch */
	char *scoped;		    /* a name key's value: source, TAB, name */
	size_t scoped_cap;	    /* bytes allocated at scoped */
};

/* The columns of a fact table that find a customer. */
enum key_col {
	KEY_EMAIL,  /* email */
	KEY_REF,    /* platform customer id */
	KEY_PHONE,  /* phone key */
	KEY_NAME,   /* buyer's name, for exports that name buyers only */
	KEY_SOURCE, /* source of the row, which scopes its name */
	KEY_NCOLS
};

/* Column numbers of the key columns (in a table's columns or a file's), -1 when absent. */
struct key_cols {
	long col[KEY_NCOLS];
};

static size_t find_root(struct run *run, size_t i)
{
	while (run->nodes[i].parent != i) {
		run->nodes[i].parent = run->nodes[run->nodes[i].parent].parent;
		i = run->nodes[i].parent;
	}
	return i;
}

/* Node of prefix + value, created when absent; SIZE_MAX on out of memory. */
static size_t node_for(struct run *run, const char *prefix, const char *value, size_t len)
{
	size_t n = len + 2, idx = run->nnodes;
	int fresh;

	if (n > run->scratch_cap) {
		char *s = realloc(run->scratch, n * 2);

		if (!s)
			return SIZE_MAX;
		run->scratch = s;
		run->scratch_cap = n * 2;
	}
	memcpy(run->scratch, prefix, 2);
	memcpy(run->scratch + 2, value, len);
	fresh = eg_strmap_put(run->keys, run->scratch, n, &idx);
	if (fresh <= 0)
		return fresh < 0 ? SIZE_MAX : idx;
	if (run->nnodes == run->nodes_cap) {
		size_t cap = run->nodes_cap ? run->nodes_cap * 2 : 1024;
		struct node *q = realloc(run->nodes, cap * sizeof(*q));

		if (!q)
			return SIZE_MAX;
		run->nodes = q;
		run->nodes_cap = cap;
	}
	run->nodes[idx] = (struct node){ (uint32_t)idx, NO_CUSTOMER };
	run->nnodes++;
	return idx;
}

/* Node of prefix + value when it exists, else SIZE_MAX; *oom on out of memory. */
static size_t node_find(struct run *run, const char *prefix, const char *value, size_t len,
			int *oom)
{
	size_t n = len + 2, idx;

	if (n > run->scratch_cap) {
		char *s = realloc(run->scratch, n * 2);

		if (!s) {
			*oom = 1;
			return SIZE_MAX;
		}
		run->scratch = s;
		run->scratch_cap = n * 2;
	}
	memcpy(run->scratch, prefix, 2);
	memcpy(run->scratch + 2, value, len);
	return eg_strmap_get(run->keys, run->scratch, n, &idx) ? idx : SIZE_MAX;
}

/*
 * The value of a row's name key: its source, a TAB and the name, in
 * run->scoped; NULL on out of memory.
 */
static const char *scoped_name(struct run *run, const char *source, size_t slen, const char *name,
			       size_t nlen, size_t *len)
{
	*len = slen + 1 + nlen;
	if (*len > run->scoped_cap) {
		char *s = realloc(run->scoped, *len * 2);

		if (!s)
			return NULL;
		run->scoped = s;
		run->scoped_cap = *len * 2;
	}
	memcpy(run->scoped, source, slen);
	run->scoped[slen] = '\t';
	memcpy(run->scoped + slen + 1, name, nlen);
	return run->scoped;
}

/*
 * The root node of the row's customer, or SIZE_MAX for an anonymous row.
 * With link (the first pass), the row's email and customer id become keys
 * and are linked, or without either its phone, else its name, becomes one;
 * without link (the second pass), keys are only looked up, so a row of a
 * table that creates no customers (email events) finds one or not. *oom is
 * set on out of memory.
 */
static size_t row_customer(struct run *run, struct eg_csv_reader *r, const struct key_cols *k,
			   int link, int *oom)
{
	size_t elen, rlen, plen, nlen, slen, vlen = 0, e = SIZE_MAX, f = SIZE_MAX;
	const char *email = eg_csv_reader_field(r, k->col[KEY_EMAIL], &elen);
	const char *ref = eg_csv_reader_field(r, k->col[KEY_REF], &rlen);
	const char *phone = eg_csv_reader_field(r, k->col[KEY_PHONE], &plen);
	const char *name = eg_csv_reader_field(r, k->col[KEY_NAME], &nlen);
	const char *source = eg_csv_reader_field(r, k->col[KEY_SOURCE], &slen);
	const char *scoped = NULL;

	*oom = 0;
	if (nlen && !elen && !rlen && !plen &&
	    !(scoped = scoped_name(run, source, slen, name, nlen, &vlen))) {
		*oom = 1;
		return SIZE_MAX;
	}
	if (!link) {
		if (elen)
			e = node_find(run, "e:", email, elen, oom);
		if (rlen && e == SIZE_MAX)
			f = node_find(run, "r:", ref, rlen, oom);
		if (plen && !elen && !rlen)
			f = node_find(run, "p:", phone, plen, oom);
		if (scoped)
			f = node_find(run, "n:", scoped, vlen, oom);
		return e != SIZE_MAX   ? find_root(run, e)
		       : f != SIZE_MAX ? find_root(run, f)
				       : SIZE_MAX;
	}
	if (elen && (e = node_for(run, "e:", email, elen)) == SIZE_MAX)
		*oom = 1;
	if (rlen && (f = node_for(run, "r:", ref, rlen)) == SIZE_MAX)
		*oom = 1;
	if (plen && !elen && !rlen && (f = node_for(run, "p:", phone, plen)) == SIZE_MAX)
		*oom = 1;
	if (scoped && (f = node_for(run, "n:", scoped, vlen)) == SIZE_MAX)
		*oom = 1;
	if (*oom || (e == SIZE_MAX && f == SIZE_MAX))
		return SIZE_MAX;
	if (e == SIZE_MAX || f == SIZE_MAX)
		return find_root(run, e == SIZE_MAX ? f : e);
	e = find_root(run, e);
	f = find_root(run, f);
	if (link && e != f)
		run->nodes[f].parent = (uint32_t)e;
	return e;
}

/* Compares two keys by their bytes. */
static int key_cmp(const struct run *run, size_t a, size_t b)
{
	size_t la, lb;
	const char *x = eg_strmap_key(run->keys, a, &la), *y = eg_strmap_key(run->keys, b, &lb);
	int c = memcmp(x, y, la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

/* Makes one customer per group of linked keys, its id from its best key (see the top). */
static int make_customers(struct run *run, struct eg_error *err)
{
	size_t i;

	run->customers = calloc(run->nnodes ? run->nnodes : 1, sizeof(*run->customers));
	if (!run->customers)
		return eg_stage_oom(err);
	for (i = 0; i < run->nnodes; i++) {
		size_t root = find_root(run, i);
		uint32_t *slot;
		struct customer *c;
		size_t len;
		const char *key = eg_strmap_key(run->keys, i, &len);

		if (run->nodes[root].customer == NO_CUSTOMER) {
			c = &run->customers[run->ncustomers];
			c->email_key = c->ref_key = c->phone_key = c->name_key = NO_KEY;
			run->nodes[root].customer = (uint32_t)run->ncustomers++;
		}
		c = &run->customers[run->nodes[root].customer];
		slot = key[0] == 'e'   ? &c->email_key
		       : key[0] == 'r' ? &c->ref_key
		       : key[0] == 'p' ? &c->phone_key
				       : &c->name_key;
		if (*slot == NO_KEY || key_cmp(run, i, *slot) < 0)
			*slot = (uint32_t)i;
	}
	for (i = 0; i < run->ncustomers; i++) {
		struct customer *c = &run->customers[i];
		size_t len;
		const char *key = eg_strmap_key(run->keys,
						c->email_key != NO_KEY	 ? c->email_key
						: c->ref_key != NO_KEY	 ? c->ref_key
						: c->phone_key != NO_KEY ? c->phone_key
									 : c->name_key,
						&len);

		c->id = eg_hash64(key, len);
	}
	return EG_OK;
}

/* The customer of a root node after make_customers. */
static struct customer *customer_of(struct run *run, size_t root)
{
	return &run->customers[run->nodes[find_root(run, root)].customer];
}

/*
 * The file columns of the key columns keys (indexes into columns, -1 when
 * absent) in *file, requiring them in r's header.
 */
static int key_columns(const struct eg_csv_reader *r, const char *const *columns,
		       const struct key_cols *keys, struct key_cols *file, struct eg_error *err)
{
	const char *names[KEY_NCOLS + 1];
	long col[KEY_NCOLS];
	int i, n = 0, rc;

	for (i = 0; i < KEY_NCOLS; i++)
		if (keys->col[i] >= 0)
			names[n++] = columns[keys->col[i]];
	names[n] = NULL;
	rc = eg_csv_reader_require(r, names, col, err);
	for (i = 0, n = 0; i < KEY_NCOLS; i++)
		file->col[i] = keys->col[i] >= 0 && rc == EG_OK ? col[n++] : -1;
	return rc;
}

/* Links the keys of every row of a fact table (first pass). */
static int link_keys(struct run *run, const char *path, const char *const *columns,
		     const struct key_cols *keys, struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct key_cols file;
	int more = 0, oom = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = key_columns(r, columns, keys, &file, err);
	while (rc == EG_OK && !oom && (more = eg_csv_reader_next(r, err)) > 0)
		row_customer(run, r, &file, 1, &oom);
	if (oom)
		rc = eg_stage_oom(err);
	else if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

/* Adds a counted order's values to c. */
static int customer_add_order(struct customer *c, struct eg_csv_reader *r, const long *col,
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
	/* Checked: one customer's sums of huge amounts would overflow int64. */
	if (eg_money_add(&c->revenue, total) != EG_OK ||
	    eg_money_add(&c->refunds, refunded) != EG_OK) {
		eg_error_set(err, EG_EDATA, NULL, 0, 0,
			     "the customer's revenue or refunds exceed the amount range");
		goto bad;
	}
	c->orders++;
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
	c->consent = strcmp(consent, "true") == 0 ? CONSENT_TRUE : CONSENT_FALSE;
}

/*
 * Second pass over a fact table: writes each row with its customer_id in
 * front and hands it to add (may be NULL) for the customer's figures. Counts
 * the rows without a customer in *anonymous and in the manifest.
 */
static int key_facts(struct run *run, const char *path, const char *const *columns,
		     const struct key_cols *keys, struct eg_table_output *out,
		     int (*add)(struct customer *, struct eg_csv_reader *, const long *,
				struct eg_error *),
		     int64_t *anonymous, struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *cnt;
	struct key_cols file;
	long col[64];
	int more = 0, oom = 0, rc;
	size_t ncols = 0, i;
	char id[ID_TEXT];

	while (columns[ncols])
		ncols++;
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, columns, col, err);
	for (i = 0; i < KEY_NCOLS; i++)
		file.col[i] = keys->col[i] < 0 || rc != EG_OK ? -1 : col[keys->col[i]];
	cnt = eg_manifest_input(run->stage.m, path);
	if (rc == EG_OK && !cnt)
		rc = eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		size_t root = row_customer(run, r, &file, 0, &oom);
		struct customer *c = root == SIZE_MAX ? NULL : customer_of(run, root);

		if (oom) {
			rc = eg_stage_oom(err);
			break;
		}
		cnt->read++;
		if (!c)
			(*anonymous)++;
		else if (add)
			rc = add(c, r, col, err);
		eg_csv_write_str(&out->w, c ? id_text(c->id, id) : "");
		for (i = 0; i < ncols; i++)
			eg_csv_write_str(&out->w, eg_csv_reader_field(r, col[i], NULL));
		eg_table_output_end_row(out);
		cnt->written++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	if (rc == EG_OK && eg_manifest_stat(run->stage.m, path, "anonymous_rows", *anonymous))
		rc = eg_stage_oom(err);
	eg_csv_reader_free(r);
	return rc;
}

static int add_order(struct customer *c, struct eg_csv_reader *r, const long *col,
		     struct eg_error *err)
{
	int rc = EG_OK;

	if (eg_order_is_counted(eg_csv_reader_field(r, col[EG_ORDER_CANCELLED], NULL),
				eg_csv_reader_field(r, col[EG_ORDER_IS_TEST], NULL)))
		rc = customer_add_order(c, r, col, err);
	customer_consent(c, eg_csv_reader_field(r, col[EG_ORDER_ACCEPTS_MARKETING], NULL),
			 eg_csv_reader_field(r, col[EG_ORDER_CREATED_AT], NULL));
	return rc;
}

static int add_refund(struct customer *c, struct eg_csv_reader *r, const long *col,
		      struct eg_error *err)
{
	size_t len;
	const char *s = eg_csv_reader_field(r, col[EG_REFUND_AMOUNT], &len);
	int64_t amount;

	if (eg_money_parse(s, len, NULL, &amount, err) != EG_OK) {
		err->line = eg_csv_reader_line(r);
		snprintf(err->file, sizeof(err->file), "%s", eg_csv_reader_path(r));
		return err->status;
	}
	if (eg_money_add(&c->refunds, amount) != EG_OK) {
		eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
			     "the customer's refunds exceed the amount range");
		return err->status;
	}
	return EG_OK;
}

static int add_response(struct customer *c, struct eg_csv_reader *r, const long *col,
			struct eg_error *err)
{
	(void)r;
	(void)col;
	(void)err;
	c->responses++;
	return EG_OK;
}

static int add_ticket(struct customer *c, struct eg_csv_reader *r, const long *col,
		      struct eg_error *err)
{
	(void)r;
	(void)col;
	(void)err;
	c->tickets++;
	return EG_OK;
}

static int add_loyalty(struct customer *c, struct eg_csv_reader *r, const long *col,
		       struct eg_error *err)
{
	(void)err;
	if (eg_loyalty_is_member(eg_csv_reader_field(r, col[EG_LOYALTY_STATUS], NULL)))
		c->loyalty_member = 1;
	return EG_OK;
}

/*
 * A profile export states the customer's current consent; an email tool's
 * audience export its list status and engagement rating, and its consent
 * comes before a shop's customer export's, since members unsubscribe in the
 * email tool (of several rows, the last that states one wins).
 */
static int add_profile(struct customer *c, struct eg_csv_reader *r, const long *col,
		       struct eg_error *err)
{
	const char *v = eg_csv_reader_field(r, col[EG_PROFILE_ACCEPTS_MARKETING], NULL);
	const char *rating = eg_csv_reader_field(r, col[EG_PROFILE_EMAIL_RATING], NULL);
	const char *status = eg_csv_reader_field(r, col[EG_PROFILE_EMAIL_STATUS], NULL);
	uint8_t *consent = status[0] ? &c->list_consent : &c->profile_consent;
	size_t i;

	(void)err;
	if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
		*consent = strcmp(v, "true") == 0 ? CONSENT_TRUE : CONSENT_FALSE;
	for (i = 1; i < sizeof(email_statuses) / sizeof(email_statuses[0]); i++)
		if (strcmp(status, email_statuses[i]) == 0)
			c->email_status = (uint8_t)i;
	if (rating[0] >= '1' && rating[0] <= '5' && !rating[1])
		c->email_rating = (uint8_t)(rating[0] - '0');
	return EG_OK;
}

/* The keys that find a customer, best first, as customers.csv's found_by says them. */
static const char *const found_by[] = { "email", "customer_id", "phone", "name" };

#define NFOUND_BY (sizeof(found_by) / sizeof(found_by[0]))

static int by_id(const void *a, const void *b)
{
	uint64_t x = ((const struct customer *)a)->id, y = ((const struct customer *)b)->id;

	/* Fixed-width hex texts order as their numbers do. */
	return (x > y) - (x < y);
}

/*
 * Writes customers.csv, and counts in the manifest the customers found by
 * each key: by email, else by customer id, else by phone, else by name.
 */
static int write_customers(struct run *run, struct eg_table_output *out, struct eg_error *err)
{
	struct eg_csv_writer *w = &out->w;
	int64_t by[NFOUND_BY] = { 0 };
	size_t i;

	qsort(run->customers, run->ncustomers, sizeof(*run->customers), by_id);
	for (i = 0; i < run->ncustomers; i++) {
		const struct customer *c = &run->customers[i];
		size_t elen = 2, flen = 2;
		const char *e = c->email_key != NO_KEY
					? eg_strmap_key(run->keys, c->email_key, &elen)
					: "  ";
		const char *f = c->ref_key != NO_KEY ? eg_strmap_key(run->keys, c->ref_key, &flen)
						     : "  ";
		int found = c->email_key != NO_KEY   ? 0
			    : c->ref_key != NO_KEY   ? 1
			    : c->phone_key != NO_KEY ? 2
						     : 3;
		char id[ID_TEXT];
		size_t plen = 2;
		const char *p = found == 2 ? eg_strmap_key(run->keys, c->phone_key, &plen) : "  ";

		id_text(c->id, id);
		if (i && c->id == run->customers[i - 1].id)
			return eg_error_set(err, EG_EINTERNAL, NULL, 0, 0,
					    "customer id %s is shared by two customers "
					    "(a hash collision)",
					    id);
		eg_csv_write_str(w, id);
		/* Past the key's "e:" or "r:". */
		eg_csv_write_field(w, e + 2, elen - 2);
		eg_csv_write_field(w, f + 2, flen - 2);
		eg_csv_write_str(w, c->first);
		eg_csv_write_str(w, c->last);
		eg_csv_write_int(w, c->orders);
		eg_csv_write_money(w, c->revenue);
		eg_csv_write_money(w, c->refunds);
		eg_csv_write_str(w, consents[c->list_consent	  ? c->list_consent
					     : c->profile_consent ? c->profile_consent
								  : c->consent]);
		eg_csv_write_int(w, c->responses);
		eg_csv_write_int(w, c->tickets);
		eg_csv_write_str(w, c->loyalty_member ? "true" : "false");
		eg_csv_write_field(w, p + 2, plen - 2);
		eg_csv_write_str(w, found_by[found]);
		eg_csv_write_str(w, email_statuses[c->email_status]);
		if (c->email_rating)
			eg_csv_write_int(w, c->email_rating);
		else
			eg_csv_write_str(w, "");
		eg_table_output_end_row(out);
		by[found]++;
	}
	for (i = 0; i < NFOUND_BY; i++) {
		char key[40];

		snprintf(key, sizeof(key), "customers_by_%s", found_by[i]);
		if (eg_manifest_stat(run->stage.m, "customers.csv", key, by[i]))
			return eg_stage_oom(err);
	}
	return EG_OK;
}

/* A header of customer_id followed by columns, in buf (room for 64 names). */
static const char *const *keyed_header(const char **buf, const char *const *columns)
{
	size_t i;

	buf[0] = "customer_id";
	for (i = 0; columns[i] && i < 62; i++)
		buf[i + 1] = columns[i];
	buf[i + 1] = NULL;
	return buf;
}

/* A table join reads: how its rows find their customer, and what they add to it. */
struct fact_table {
	const char *file;	    /* file in clean's folder */
	const char *const *columns; /* its columns */
	struct key_cols keys;	    /* indexes of its key columns; no email: no customers */
	int links;		    /* its rows create and link customers */
	int (*add)(struct customer *, struct eg_csv_reader *, const long *, struct eg_error *);
};

static const struct fact_table fact_tables[] = {
	{ "orders.csv",
	  eg_order_columns,
	  { { EG_ORDER_EMAIL, EG_ORDER_CUSTOMER_REF, EG_ORDER_PHONE, EG_ORDER_CUSTOMER_NAME,
	      EG_ORDER_SOURCE } },
	  1,
	  add_order },
	{ "refunds.csv",
	  eg_refund_columns,
	  { { EG_REFUND_EMAIL, EG_REFUND_CUSTOMER_REF, -1, -1, -1 } },
	  1,
	  add_refund },
	{ "profiles.csv",
	  eg_profile_columns,
	  { { EG_PROFILE_EMAIL, EG_PROFILE_CUSTOMER_REF, -1, -1, -1 } },
	  1,
	  add_profile },
	{ "loyalty.csv",
	  eg_loyalty_columns,
	  { { EG_LOYALTY_EMAIL, EG_LOYALTY_CUSTOMER_REF, -1, -1, -1 } },
	  1,
	  add_loyalty },
	{ "responses.csv", eg_response_columns, { { EG_RESPONSE_EMAIL, -1, -1, -1, -1 } }, 1,
	  add_response },
	{ "tickets.csv", eg_ticket_columns, { { EG_TICKET_EMAIL, -1, -1, -1, -1 } }, 1, add_ticket },
	/* Email recipients are customers only when they are known from the tables above. */
	{ "email_events.csv", eg_email_event_columns, { { EG_EMAIL_EVENT_EMAIL, -1, -1, -1, -1 } }, 0,
	  NULL },
	/* Tables of no one customer pass through, so compute reads one folder. */
	{ "sessions.csv", eg_session_columns, { { -1, -1, -1, -1, -1 } }, 0, NULL },
	{ "email_campaigns.csv", eg_email_campaign_columns, { { -1, -1, -1, -1, -1 } }, 0, NULL },
	{ "spend.csv", eg_spend_columns, { { -1, -1, -1, -1, -1 } }, 0, NULL },
	{ "platform_report.csv", eg_platform_report_columns, { { -1, -1, -1, -1, -1 } }, 0, NULL },
	{ "email_rates.csv", eg_email_rate_columns, { { -1, -1, -1, -1, -1 } }, 0, NULL },
	{ "email_flows.csv", eg_email_flow_columns, { { -1, -1, -1, -1, -1 } }, 0, NULL },
};

#define NFACT_TABLES (sizeof(fact_tables) / sizeof(fact_tables[0]))

/* Copies a table of no one customer through unchanged, counted. */
static int pass_through(struct run *run, const char *path, const char *const *columns,
			struct eg_table_output *out, struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *cnt;
	long col[64];
	size_t i, n = 0;
	int more = 0, rc;

	while (columns[n])
		n++;
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, columns, col, err);
	cnt = eg_manifest_input(run->stage.m, path);
	if (rc == EG_OK && !cnt)
		rc = eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		size_t len;

		cnt->read++;
		for (i = 0; i < n; i++) {
			const char *f = eg_csv_reader_field(r, col[i], &len);

			eg_csv_write_field(&out->w, f, len);
		}
		eg_table_output_end_row(out);
		cnt->written++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

int eg_join_run(const struct eg_join_options *opts, struct eg_join_result *res,
		struct eg_error *err)
{
	const char *header[NFACT_TABLES][64];
	struct eg_table_output *out[NFACT_TABLES] = { 0 }, *customers = NULL;
	char *path[NFACT_TABLES] = { 0 };
	int present[NFACT_TABLES] = { 0 };
	struct run run;
	int64_t anonymous;
	size_t t;
	int rc = EG_OK;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.keys = eg_strmap_new(4096);
	if (!run.keys)
		rc = eg_stage_oom(err);
	for (t = 0; rc == EG_OK && t < NFACT_TABLES; t++) {
		path[t] = eg_path_join(opts->in_dir, fact_tables[t].file);
		if (!path[t])
			rc = eg_stage_oom(err);
		present[t] = rc == EG_OK && access(path[t], F_OK) == 0;
	}
	if (rc == EG_OK)
		rc = eg_stage_begin(&run.stage, "join", opts->out_dir, 0, err);
	for (t = 0; rc == EG_OK && t < NFACT_TABLES; t++) {
		const struct fact_table *ft = &fact_tables[t];

		if (present[t] && ft->links)
			rc = link_keys(&run, path[t], ft->columns, &ft->keys, err);
	}
	if (rc == EG_OK)
		rc = make_customers(&run, err);
	for (t = 0; rc == EG_OK && t < NFACT_TABLES; t++) {
		const struct fact_table *ft = &fact_tables[t];

		if (!present[t])
			continue;
		out[t] = eg_stage_output(
			&run.stage, ft->file,
			ft->keys.col[KEY_EMAIL] >= 0 ? keyed_header(header[t], ft->columns)
						      : ft->columns,
			err);
		if (!out[t]) {
			rc = err->status;
			break;
		}
		anonymous = 0;
		if (ft->keys.col[KEY_EMAIL] < 0)
			rc = pass_through(&run, path[t], ft->columns, out[t], err);
		else
			rc = key_facts(&run, path[t], ft->columns, &ft->keys, out[t], ft->add,
				       &anonymous, err);
		if (t == 0)
			res->anonymous = anonymous;
	}
	/* Nothing to join at all is a mistake worth saying (a wrong folder, say). */
	for (t = 0; rc == EG_OK && t < NFACT_TABLES && !present[t]; t++)
		;
	if (rc == EG_OK && t == NFACT_TABLES) {
		rc = eg_error_set(err, EG_EDATA, opts->in_dir, 0, 0,
				  "no table to join in '%s' (orders.csv, responses.csv, ...)",
				  opts->in_dir);
	}
	if (rc == EG_OK) {
		customers = eg_stage_output(&run.stage, "customers.csv", eg_customer_columns, err);
		rc = customers ? write_customers(&run, customers, err) : (int)err->status;
	}
	if (rc == EG_OK) {
		res->customers = customers->rows;
		rc = eg_stage_finish(&run.stage, err);
	}
	eg_stage_end(&run.stage);
	eg_strmap_free(run.keys);
	free(run.nodes);
	free(run.customers);
	free(run.scratch);
	free(run.scoped);
	for (t = 0; t < NFACT_TABLES; t++)
		free(path[t]);
	return rc;
}
