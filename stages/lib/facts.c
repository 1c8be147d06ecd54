/*
 * facts.c - loading join's tables for compute.
 */
#include "engage/facts.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/path.h"
#include "engage/strmap.h"
#include "engage/tables.h"
#include "engage/timezone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Grows *p (of *cap elements of size bytes) to hold one more; -1 on out of memory. */
static int grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *q;

	if (n < *cap)
		return 0;
	q = realloc(*p, (*cap ? *cap * 2 : 1024) * size);
	if (!q)
		return -1;
	*p = q;
	*cap = *cap ? *cap * 2 : 1024;
	return 0;
}

/* Fills err with the reader's file and line for a value that cannot be read. */
static int bad_value(struct eg_csv_reader *r, struct eg_error *err, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s: %.400s", what, err->message);
	return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0, "%s",
			    msg);
}

static void note_month(struct eg_facts *f, int64_t m)
{
	if (m < f->first_month)
		f->first_month = m;
	if (m > f->last_month)
		f->last_month = m;
}

static int load_customers(struct eg_facts *f, const char *path, struct eg_strmap *ids,
			  struct eg_manifest *m, struct eg_error *err)
{
	static const char *const need[] = { "customer_id", "email", "customer_ref", NULL };
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	size_t cap = 0, member_cap = 0;
	long col[3], member;
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, need, col, err);
	/* join writes loyalty_member; it means something only with a loyalty export. */
	member = eg_csv_reader_column(r, "loyalty_member");
	c = eg_manifest_input(m, path);
	if (rc == EG_OK && !c)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		struct eg_customer_fact *cu;
		size_t len, idx = f->ncustomers;
		const char *id = eg_csv_reader_field(r, col[0], &len);

		c->read++;
		c->written++;
		if (grow((void **)&f->customers, &cap, f->ncustomers, sizeof(*cu)) ||
		    eg_strmap_put(ids, id, len, &idx) < 0) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		if (member >= 0 &&
		    grow((void **)&f->loyalty_member, &member_cap, f->ncustomers, 1)) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		if (member >= 0)
			f->loyalty_member[f->ncustomers] =
				strcmp(eg_csv_reader_field(r, member, NULL), "true") == 0;
		cu = &f->customers[f->ncustomers++];
		cu->id = strdup(id);
		cu->email = strdup(eg_csv_reader_field(r, col[1], NULL));
		cu->ref = strdup(eg_csv_reader_field(r, col[2], NULL));
		if (!cu->id || !cu->email || !cu->ref)
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

/* The customer index of a row's customer_id, EG_NO_CUSTOMER when empty. */
static int row_customer(struct eg_csv_reader *r, long col, struct eg_strmap *ids, size_t *out,
			struct eg_error *err)
{
	size_t len;
	const char *id = eg_csv_reader_field(r, col, &len);

	*out = EG_NO_CUSTOMER;
	if (len && !eg_strmap_get(ids, id, len, out))
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "customer '%s' is not in customers.csv", id);
	return EG_OK;
}

/* Parses a time stamp field into its local day and month. */
static int row_time(struct eg_datetime_parser *dates, struct eg_csv_reader *r, long col,
		    int64_t *day, int64_t *month, struct eg_error *err)
{
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);
	int64_t t;

	if (eg_datetime_parse(dates, s, len, &t, err) != EG_OK)
		return bad_value(r, err, "time stamp");
	*day = eg_tz_local_day(t);
	*month = eg_tz_local_month(t);
	return EG_OK;
}

/*
 * Reads an amount and adds its magnitude to f->amounts: past
 * EG_FACTS_AMOUNT_LIMIT, compute's sums could overflow int64.
 */
static int row_money(struct eg_facts *f, struct eg_csv_reader *r, long col, int64_t *v,
		     struct eg_error *err)
{
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);
	uint64_t mag;

	if (eg_money_parse(s, len, NULL, v, err) != EG_OK)
		return bad_value(r, err, "amount");
	mag = *v < 0 ? (uint64_t)0 - (uint64_t)*v : (uint64_t)*v;
	if (mag > EG_FACTS_AMOUNT_LIMIT - f->amounts) {
		char limit[EG_MONEY_BUFSZ];

		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "amounts too large: the orders' and refunds' amounts add up to "
				    "more than %s, beyond what compute can sum exactly",
				    eg_money_format((int64_t)EG_FACTS_AMOUNT_LIMIT, limit));
	}
	f->amounts += mag;
	return EG_OK;
}

static int check_currency(struct eg_facts *f, struct eg_csv_reader *r, long col,
			  struct eg_error *err)
{
	size_t len;
	const char *cur = eg_csv_reader_field(r, col, &len);

	if (!f->currency[0] && len < sizeof(f->currency))
		memcpy(f->currency, cur, len + 1);
	if (strcmp(cur, f->currency) == 0)
		return EG_OK;
	return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
			    "order in currency '%s' after orders in '%s': the report needs one "
			    "currency",
			    cur, f->currency);
}

static int load_orders(struct eg_facts *f, struct eg_datetime_parser *dates, const char *path,
		       struct eg_strmap *ids, struct eg_manifest *m, struct eg_error *err)
{
	static const char *const need[] = { "customer_id",   "created_at", "currency",
					    "total",	     "refunded",   "cancelled",
					    "is_test",	     "units",	   "discount",
					    "discount_code", "subtotal",   "shipping",
					    "tax",	     NULL };
	enum {
		C_CUSTOMER,
		C_CREATED,
		C_CURRENCY,
		C_TOTAL,
		C_REFUNDED,
		C_CANCELLED,
		C_TEST,
		C_UNITS,
		C_DISCOUNT,
		C_CODE,
		C_SUBTOTAL,
		C_SHIPPING,
		C_TAX,
		C_REFUNDED_AT
	};
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	size_t cap = 0;
	long col[14];
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, need, col, err);
	/* Sources that date their refunds fill refunded_at. */
	col[C_REFUNDED_AT] = eg_csv_reader_column(r, "refunded_at");
	c = eg_manifest_input(m, path);
	if (rc == EG_OK && !c)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *test = eg_csv_reader_field(r, col[C_TEST], NULL);
		struct eg_order_fact o;
		int64_t ignored_day;
		size_t len;
		const char *s;

		c->read++;
		c->written++;
		if (!eg_order_is_counted(eg_csv_reader_field(r, col[C_CANCELLED], NULL), test)) {
			if (strcmp(test, "true") == 0)
				f->test_orders++;
			else
				f->cancelled_orders++;
			continue;
		}
		memset(&o, 0, sizeof(o));
		rc = row_customer(r, col[C_CUSTOMER], ids, &o.customer, err);
		if (rc == EG_OK)
			rc = row_time(dates, r, col[C_CREATED], &o.day, &o.month, err);
		if (rc == EG_OK)
			rc = check_currency(f, r, col[C_CURRENCY], err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[C_TOTAL], &o.total, err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[C_REFUNDED], &o.refunded, err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[C_DISCOUNT], &o.discount, err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[C_SUBTOTAL], &o.subtotal, err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[C_SHIPPING], &o.shipping, err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[C_TAX], &o.tax, err);
		s = eg_csv_reader_field(r, col[C_UNITS], &len);
		if (rc == EG_OK && eg_int_parse(s, len, &o.units, err) != EG_OK)
			rc = bad_value(r, err, "units");
		o.refund_month = o.month;
		eg_csv_reader_field(r, col[C_REFUNDED_AT], &len);
		if (rc == EG_OK && len)
			rc = row_time(dates, r, col[C_REFUNDED_AT], &ignored_day, &o.refund_month,
				      err);
		if (rc != EG_OK)
			break;
		eg_csv_reader_field(r, col[C_CODE], &len);
		o.has_discount = o.discount > 0 || len > 0;
		if (o.customer == EG_NO_CUSTOMER)
			f->guest_orders++;
		if (grow((void **)&f->orders, &cap, f->norders, sizeof(o))) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		f->orders[f->norders++] = o;
		note_month(f, o.month);
		note_month(f, o.refund_month);
		if (o.day > f->last_day)
			f->last_day = o.day;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

static int load_refunds(struct eg_facts *f, struct eg_datetime_parser *dates, const char *path,
			struct eg_strmap *ids, struct eg_manifest *m, struct eg_error *err)
{
	static const char *const need[] = { "customer_id", "refunded_at", "currency", "amount",
					    NULL };
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	size_t cap = 0;
	long col[4];
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, need, col, err);
	c = eg_manifest_input(m, path);
	if (rc == EG_OK && !c)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		struct eg_refund_fact rf;

		c->read++;
		c->written++;
		rc = row_customer(r, col[0], ids, &rf.customer, err);
		if (rc == EG_OK)
			rc = row_time(dates, r, col[1], &rf.day, &rf.month, err);
		if (rc == EG_OK)
			rc = check_currency(f, r, col[2], err);
		if (rc == EG_OK)
			rc = row_money(f, r, col[3], &rf.amount, err);
		if (rc != EG_OK)
			break;
		if (grow((void **)&f->refunds, &cap, f->nrefunds, sizeof(rf))) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		f->refunds[f->nrefunds++] = rf;
		note_month(f, rf.month);
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Builds the per-customer sorted order days (counting sort by customer). */
static int index_days(struct eg_facts *f, struct eg_error *err)
{
	size_t i, *fill;

	f->day_start = calloc(f->ncustomers + 1, sizeof(size_t));
	f->days = malloc((f->norders ? f->norders : 1) * sizeof(int64_t));
	fill = calloc(f->ncustomers + 1, sizeof(size_t));
	if (!f->day_start || !f->days || !fill) {
		free(fill);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	for (i = 0; i < f->norders; i++)
		if (f->orders[i].customer != EG_NO_CUSTOMER)
			f->day_start[f->orders[i].customer + 1]++;
	for (i = 0; i < f->ncustomers; i++)
		f->day_start[i + 1] += f->day_start[i];
	for (i = 0; i < f->norders; i++) {
		size_t c = f->orders[i].customer;

		if (c != EG_NO_CUSTOMER)
			f->days[f->day_start[c] + fill[c]++] = f->orders[i].day;
	}
	for (i = 0; i < f->ncustomers; i++)
		qsort(f->days + f->day_start[i], f->day_start[i + 1] - f->day_start[i],
		      sizeof(int64_t), cmp_day);
	free(fill);
	return EG_OK;
}

int eg_facts_load(struct eg_facts *f, const char *dir, struct eg_manifest *m, struct eg_error *err)
{
	char *customers = eg_path_join(dir, "customers.csv");
	char *orders = eg_path_join(dir, "orders.csv");
	char *refunds = eg_path_join(dir, "refunds.csv");
	struct eg_strmap *ids = eg_strmap_new(4096);
	struct eg_datetime_parser *dates = NULL;
	int rc = EG_OK;

	memset(f, 0, sizeof(*f));
	f->first_month = INT64_MAX;
	f->last_month = INT64_MIN;
	f->last_day = INT64_MIN;
	if (!customers || !orders || !refunds || !ids)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = eg_datetime_parser_new(&dates, err);
	if (rc == EG_OK)
		rc = load_customers(f, customers, ids, m, err);
	if (rc == EG_OK)
		rc = load_orders(f, dates, orders, ids, m, err);
	if (rc == EG_OK && access(refunds, F_OK) == 0)
		rc = load_refunds(f, dates, refunds, ids, m, err);
	if (rc == EG_OK) {
		char *loyalty = eg_path_join(dir, "loyalty.csv");

		f->has_loyalty = loyalty && access(loyalty, F_OK) == 0 && f->loyalty_member;
		free(loyalty);
	}
	if (rc == EG_OK)
		rc = index_days(f, err);
	eg_datetime_parser_free(dates);
	eg_strmap_free(ids);
	free(customers);
	free(orders);
	free(refunds);
	return rc;
}

void eg_facts_release(struct eg_facts *f)
{
	size_t i;

	for (i = 0; i < f->ncustomers; i++) {
		free(f->customers[i].id);
		free(f->customers[i].email);
		free(f->customers[i].ref);
	}
	free(f->customers);
	free(f->loyalty_member);
	free(f->orders);
	free(f->refunds);
	free(f->day_start);
	free(f->days);
	memset(f, 0, sizeof(*f));
}

/* First index in [lo, hi) of days whose value is >= v. */
static size_t lower_bound(const int64_t *days, size_t lo, size_t hi, int64_t v)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (days[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t eg_facts_orders_between(const struct eg_facts *f, size_t c, int64_t from, int64_t to)
{
	size_t lo = f->day_start[c], hi = f->day_start[c + 1];

	if (to <= from)
		return 0;
	return lower_bound(f->days, lo, hi, to) - lower_bound(f->days, lo, hi, from);
}
