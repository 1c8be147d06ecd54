/*
 * facts.c - loading join's tables for compute.
 */
#include "engage/facts.h"
#include "engage/array.h"
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

/* A customer's order until eg_facts_index: sorted by customer in place, then split into days and totals. */
struct visit {
	uint32_t customer; /* customer index */
	int32_t day;	   /* local day */
	int64_t total;	   /* order total */
};

/* Customers' orders added and not yet indexed. */
struct eg_facts_load {
	struct visit *visits; /* customers' orders, in file order */
	size_t nvisits;	      /* entries at visits */
	size_t cap;	      /* entries allocated */
	size_t refunds_cap;   /* entries allocated at f->order_refunds */
};

/* The sums of month m, growing f's months to hold it; NULL on out of memory. */
static struct eg_month_fact *month_slot(struct eg_facts *f, int64_t m)
{
	int64_t from = f->nmonths ? f->months_from : m;
	int64_t to = f->nmonths ? f->months_from + (int64_t)f->nmonths - 1 : m;
	struct eg_month_fact *q;

	if (f->nmonths && m >= from && m <= to)
		return &f->months[m - from];
	if (m < from)
		from = m;
	if (m > to)
		to = m;
	q = calloc((size_t)(to - from + 1), sizeof(*q));
	if (!q)
		return NULL;
	if (f->nmonths)
		memcpy(q + (f->months_from - from), f->months, f->nmonths * sizeof(*q));
	free(f->months);
	f->months = q;
	f->months_from = from;
	f->nmonths = (size_t)(to - from + 1);
	return &f->months[m - from];
}

void eg_facts_init(struct eg_facts *f)
{
	memset(f, 0, sizeof(*f));
	f->first_month = INT64_MAX;
	f->last_month = INT64_MIN;
	f->last_day = INT64_MIN;
}

int eg_facts_add_order(struct eg_facts *f, const struct eg_order_row *o, struct eg_error *err)
{
	struct eg_month_fact *x;
	struct eg_facts_load *ld = f->load;

	if (o->customer != EG_NO_CUSTOMER &&
	    (o->customer >= UINT32_MAX || o->day < INT32_MIN || o->day > INT32_MAX))
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "order of customer %zu on day %lld: out of range", o->customer,
				    (long long)o->day);
	if (!ld && !(ld = f->load = calloc(1, sizeof(*ld))))
		goto oom;
	if (!(x = month_slot(f, o->month)))
		goto oom;
	x->orders++;
	x->identified += o->customer != EG_NO_CUSTOMER;
	x->discounted += o->has_discount;
	x->refunded_orders += o->refunded > 0;
	x->units += o->units;
	x->lined += o->has_units;
	x->discount_known += o->discount_known;
	x->total += o->total;
	x->subtotal += o->subtotal;
	x->discount += o->discount;
	x->shipping += o->shipping;
	x->tax += o->tax;
	x->duties += o->duties;
	if (!(x = month_slot(f, o->refund_month)))
		goto oom;
	x->refunded += o->refunded;
	if (o->customer != EG_NO_CUSTOMER) {
		if (eg_array_reserve((void **)&ld->visits, &ld->cap, ld->nvisits + 1,
				     sizeof(*ld->visits), 1024))
			goto oom;
		ld->visits[ld->nvisits++] =
			(struct visit){ (uint32_t)o->customer, (int32_t)o->day, o->total };
	}
	if (o->customer != EG_NO_CUSTOMER && o->refunded != 0) {
		if (eg_array_reserve((void **)&f->order_refunds, &ld->refunds_cap,
				     f->norder_refunds + 1, sizeof(*f->order_refunds), 1024))
			goto oom;
		f->order_refunds[f->norder_refunds++] =
			(struct eg_order_refund){ o->customer, o->refund_month, o->refunded };
	}
	f->norders++;
	note_month(f, o->month);
	note_month(f, o->refund_month);
	if (o->day > f->last_day)
		f->last_day = o->day;
	return EG_OK;
oom:
	/* The month sums may hold the order already: f is only good for release now. */
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

/*
 * Reads customers.csv: with ids, each customer's index by id, their count
 * and loyalty flags, counted in m; without, their id, email and ref into
 * f->customers and f->strings, for the customers counted before.
 */
static int load_customers(struct eg_facts *f, const char *path, struct eg_strmap *ids,
			  struct eg_manifest *m, struct eg_error *err)
{
	static const char *const need[] = { "customer_id", "email", "customer_ref", NULL };
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c = NULL;
	size_t member_cap = 0, used = 0, room = 0, n = 0, i;
	long col[3], member;
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, need, col, err);
	/* join writes loyalty_member; it means something only with a loyalty export. */
	member = eg_csv_reader_column(r, "loyalty_member");
	if (ids && !(c = eg_manifest_input(m, path)) && rc == EG_OK)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (!ids && rc == EG_OK &&
	    !(f->customers = calloc(f->ncustomers + 1, sizeof(*f->customers))))
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		size_t len, idx = f->ncustomers;
		const char *id = eg_csv_reader_field(r, col[0], &len);

		if (!ids) {
			/* id, email and ref back to back in f->strings; pointed at once all are read. */
			for (i = 0; rc == EG_OK && n < f->ncustomers && i < 3; i++) {
				const char *v = eg_csv_reader_field(r, col[i], NULL);
				size_t k = strlen(v) + 1;

				if (eg_array_reserve((void **)&f->strings, &room, used + k, 1,
						     4096))
					rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
				else
					memcpy(f->strings + used, v, k);
				used += k;
			}
			n++;
			continue;
		}
		c->read++;
		c->written++;
		/* Orders name their customer in 32 bits while loading. */
		if (f->ncustomers == UINT32_MAX || eg_strmap_put(ids, id, len, &idx) < 0) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		if (member >= 0 && eg_array_reserve((void **)&f->loyalty_member, &member_cap,
						    f->ncustomers + 1, 1, 1024)) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		if (member >= 0)
			f->loyalty_member[f->ncustomers] =
				strcmp(eg_csv_reader_field(r, member, NULL), "true") == 0;
		f->ncustomers++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	if (rc == EG_OK && !ids && n != f->ncustomers)
		rc = eg_error_set(err, EG_EIO, path, 0, 0, "'%s' changed while compute read it",
				  path);
	if (rc != EG_OK || ids)
		return rc;
	for (i = 0, used = 0; i < f->ncustomers; i++) {
		struct eg_customer_fact *cu = &f->customers[i];

		cu->id = f->strings + used;
		cu->email = cu->id + strlen(cu->id) + 1;
		cu->ref = cu->email + strlen(cu->email) + 1;
		used = (size_t)(cu->ref - f->strings) + strlen(cu->ref) + 1;
	}
	return EG_OK;
}

int eg_facts_load_names(struct eg_facts *f, const char *dir, struct eg_error *err)
{
	char *path = eg_path_join(dir, "customers.csv");
	int rc;

	if (!path)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	rc = load_customers(f, path, NULL, NULL, err);
	free(path);
	return rc;
}

void eg_facts_drop_days(struct eg_facts *f)
{
	free(f->day_start);
	free(f->days);
	free(f->totals);
	f->day_start = NULL;
	f->days = NULL;
	f->totals = NULL;
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

/*
 * Reads an amount a source may not export: "" is 0 with *known 0 (col -1,
 * a column older files lack, likewise).
 */
static int row_part(struct eg_facts *f, struct eg_csv_reader *r, long col, int64_t *v, int *known,
		    struct eg_error *err)
{
	size_t len = 0;

	if (col >= 0)
		eg_csv_reader_field(r, col, &len);
	*v = 0;
	*known = len > 0;
	return len ? row_money(f, r, col, v, err) : EG_OK;
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
		C_REFUNDED_AT,
		C_DUTIES
	};
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	long col[15];
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, need, col, err);
	/* Sources that date their refunds fill refunded_at. */
	col[C_REFUNDED_AT] = eg_csv_reader_column(r, "refunded_at");
	col[C_DUTIES] = eg_csv_reader_column(r, "duties");
	c = eg_manifest_input(m, path);
	if (rc == EG_OK && !c)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *test = eg_csv_reader_field(r, col[C_TEST], NULL);
		struct eg_order_row o;
		int64_t ignored_day;
		int known[4];
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
			rc = row_money(f, r, col[C_SUBTOTAL], &o.subtotal, err);
		/* The parts of the total a source does not export are "". */
		if (rc == EG_OK)
			rc = row_part(f, r, col[C_DISCOUNT], &o.discount, &known[0], err);
		if (rc == EG_OK)
			rc = row_part(f, r, col[C_SHIPPING], &o.shipping, &known[1], err);
		if (rc == EG_OK)
			rc = row_part(f, r, col[C_TAX], &o.tax, &known[2], err);
		if (rc == EG_OK)
			rc = row_part(f, r, col[C_DUTIES], &o.duties, &known[3], err);
		/* Units are "" for sources without line items (Stripe, WooCommerce). */
		s = eg_csv_reader_field(r, col[C_UNITS], &len);
		o.has_units = len > 0;
		if (rc == EG_OK && len && eg_int_parse(s, len, &o.units, err) != EG_OK)
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
		o.discount_known = known[0] || len > 0;
		if (o.customer == EG_NO_CUSTOMER)
			f->guest_orders++;
		/* Days are held in 32 bits: over five million years either way. */
		if (o.day < INT32_MIN || o.day > INT32_MAX) {
			rc = eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					  eg_csv_reader_line(r), 0, "time stamp out of range");
			break;
		}
		if ((rc = eg_facts_add_order(f, &o, err)) != EG_OK)
			break;
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
		if (eg_array_reserve((void **)&f->refunds, &cap, f->nrefunds + 1, sizeof(rf),
				     1024)) {
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

static int cmp_visit(const void *a, const void *b)
{
	const struct visit *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->total > y->total) - (x->total < y->total);
}

/*
 * The visits are sorted by customer in place (each swapped straight into
 * its customer's range), each customer's by day, then split into days
 * and, over the visits' own memory, totals.
 */
int eg_facts_index(struct eg_facts *f, struct eg_error *err)
{
	struct visit *v = f->load ? f->load->visits : NULL;
	size_t i, c, n = f->load ? f->load->nvisits : 0, *next;
	int64_t *totals;

	free(f->load);
	f->load = NULL;
	f->day_start = calloc(f->ncustomers + 1, sizeof(size_t));
	f->days = malloc((n ? n : 1) * sizeof(*f->days));
	next = malloc((f->ncustomers + 1) * sizeof(size_t));
	if (!f->day_start || !f->days || !next) {
		free(next);
		free(v);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	for (i = 0; i < n; i++)
		f->day_start[v[i].customer + 1]++;
	for (c = 0; c < f->ncustomers; c++)
		f->day_start[c + 1] += f->day_start[c];
	memcpy(next, f->day_start, (f->ncustomers + 1) * sizeof(size_t));
	for (c = 0; c < f->ncustomers; c++) {
		while (next[c] < f->day_start[c + 1]) {
			size_t d = v[next[c]].customer;
			struct visit t;

			if (d == c) {
				next[c]++;
				continue;
			}
			t = v[next[d]];
			v[next[d]++] = v[next[c]];
			v[next[c]] = t;
		}
		if (f->day_start[c + 1] - f->day_start[c] > 1)
			qsort(v + f->day_start[c], f->day_start[c + 1] - f->day_start[c],
			      sizeof(*v), cmp_visit);
	}
	free(next);
	for (i = 0; i < n; i++)
		f->days[i] = v[i].day;
	/* Total i goes where visit i/2 was: visits up to i are read by then. */
	totals = (int64_t *)(void *)v;
	for (i = 0; i < n; i++) {
		int64_t t = v[i].total;

		totals[i] = t;
	}
	f->totals = n ? realloc(v, n * sizeof(int64_t)) : v;
	if (!f->totals)
		f->totals = totals;
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

	eg_facts_init(f);
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
		rc = eg_facts_index(f, err);
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

	/* Customers loaded point into strings; ones made by hand own theirs. */
	for (i = 0; f->customers && !f->strings && i < f->ncustomers; i++) {
		free(f->customers[i].id);
		free(f->customers[i].email);
		free(f->customers[i].ref);
	}
	free(f->strings);
	free(f->customers);
	free(f->loyalty_member);
	free(f->months);
	free(f->order_refunds);
	free(f->refunds);
	free(f->day_start);
	free(f->days);
	free(f->totals);
	if (f->load)
		free(f->load->visits);
	free(f->load);
	memset(f, 0, sizeof(*f));
}

const struct eg_month_fact *eg_facts_month(const struct eg_facts *f, int64_t m)
{
	if (!f->nmonths || m < f->months_from || m - f->months_from >= (int64_t)f->nmonths)
		return NULL;
	return &f->months[m - f->months_from];
}

/* First index in [lo, hi) of days whose value is >= v. */
static size_t lower_bound(const int32_t *days, size_t lo, size_t hi, int64_t v)
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
