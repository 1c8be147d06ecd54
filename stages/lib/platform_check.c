/*
 * platform_check.c - platform figures against engage's (see
 * platform_check.h). The orders are read once into (customer, day,
 * cancelled) triples sorted by customer and day; each platform row is then
 * one pass over the customers.
 */
#include "engage/platform_check.h"
#include "engage/array.h"
#include "engage/datetime.h"
#include "engage/money.h"
#include "engage/path.h"
#include "engage/period.h"
#include "engage/strmap.h"
#include "engage/table_scan.h"
#include "engage/timezone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_platform_check_columns[] = {
	"period_start",
	"period_end",
	"figure",
	"source",
	"platform_value",
	"engage_same_definition",
	"difference",
	"engage_value",
	"explanation",
	"unit",
	NULL,
};

/* One order of an identified customer. */
struct order {
	size_t customer; /* index in the scan's customer map */
	int64_t day;	 /* local day of created_at */
	int cancelled;	 /* a cancelled order */
};

/* The orders read. */
struct orders {
	struct order *v;		 /* sorted by customer, then day, once read */
	size_t n, cap;			 /* entries and room at v */
	struct eg_strmap *ids;		 /* customer_id -> index */
	struct eg_datetime_parser *time; /* reads created_at */
};

static int add_order(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct orders *o = ctx;
	size_t len, id_len, k = eg_strmap_size(o->ids);
	const char *id = eg_csv_reader_field(r, col[0], &id_len);
	const char *at = eg_csv_reader_field(r, col[1], &len);
	int64_t t;

	if (!id_len || strcmp(eg_csv_reader_field(r, col[3], NULL), "true") == 0)
		return EG_OK; /* a guest, or a test order */
	if (eg_datetime_parse(o->time, at, len, &t, err) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[1] + 1, "created_at '%s' is not a time stamp", at);
	if (eg_strmap_put(o->ids, id, id_len, &k) < 0 ||
	    eg_array_reserve((void **)&o->v, &o->cap, o->n + 1, sizeof(*o->v), 256) != EG_OK)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	o->v[o->n].customer = k;
	o->v[o->n].day = eg_tz_local_day(t);
	o->v[o->n].cancelled = strcmp(eg_csv_reader_field(r, col[2], NULL), "true") == 0;
	o->n++;
	return EG_OK;
}

static int by_customer_day(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->customer != y->customer)
		return x->customer < y->customer ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->cancelled - y->cancelled;
}

/* Counts of one period over all customers. */
struct counts {
	int64_t new_platform;	    /* first order (cancelled or not) in the period */
	int64_t returning_platform; /* a later order in the period */
	int64_t new_own;	    /* first counted order in the period */
	int64_t returning_own;	    /* a counted order in it, the first counted before it */
	int64_t both;		    /* new and returning on the platform's count */
	int64_t cancelled_first;    /* new on the platform's count by a cancelled first order */
};

/* Counts the customers of orders o for days first..last. */
static void count(const struct orders *o, int64_t first, int64_t last, struct counts *c)
{
	size_t i = 0, j;

	memset(c, 0, sizeof(*c));
	while (i < o->n) {
		int64_t first_counted = -1;
		int new_p, ret_p = 0, ret_o = 0;

		for (j = i; j < o->n && o->v[j].customer == o->v[i].customer; j++)
			if (!o->v[j].cancelled && first_counted < 0)
				first_counted = (int64_t)j;
		new_p = o->v[i].day >= first && o->v[i].day <= last;
		for (size_t k = i + 1; k < j; k++)
			ret_p |= o->v[k].day >= first && o->v[k].day <= last;
		for (size_t k = i; k < j && first_counted >= 0; k++)
			ret_o |= !o->v[k].cancelled && o->v[k].day >= first && o->v[k].day <= last;
		c->new_platform += new_p;
		c->returning_platform += ret_p;
		c->both += new_p && ret_p;
		if (first_counted >= 0 && o->v[first_counted].day >= first &&
		    o->v[first_counted].day <= last)
			c->new_own++;
		else if (first_counted >= 0 && o->v[first_counted].day < first && ret_o)
			c->returning_own++;
		if (new_p && o->v[i].cancelled &&
		    (first_counted < 0 || o->v[first_counted].day > last))
			c->cancelled_first++;
		i = j;
	}
}

/* State of the platform report's scan. */
struct check {
	const struct orders *orders; /* engage's side */
	struct eg_table_output *out; /* platform_check.csv */
};

/* Writes day d as YYYY-MM-DD. */
static void write_day(struct eg_csv_writer *w, int64_t d)
{
	char buf[EG_TIME_BUFSZ];

	eg_time_format(d * 86400, buf);
	eg_csv_write_field(w, buf, 10);
}

static int check_row(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct check *ck = ctx;
	struct eg_csv_writer *w = &ck->out->w;
	size_t len, elen;
	const char *date = eg_csv_reader_field(r, col[0], &len);
	const char *end = eg_csv_reader_field(r, col[1], &elen);
	const char *measure = eg_csv_reader_field(r, col[2], NULL);
	const char *segment = eg_csv_reader_field(r, col[3], NULL);
	const char *value = eg_csv_reader_field(r, col[4], NULL);
	int is_new = strcmp(segment, "new") == 0, is_ret = strcmp(segment, "returning") == 0;
	int64_t first, last, platform;
	char figure[128], why[900], *e;
	struct counts c;

	if (eg_period_day_parse(date, len, &first) != 0 ||
	    (elen && eg_period_day_parse(end, elen, &last) != 0))
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "date '%s' or period_end '%s' is not YYYY-MM-DD", date, end);
	if (!elen)
		last = first;
	platform = strtoll(value, &e, 10);
	snprintf(figure, sizeof(figure), "%s %s", segment, measure);
	write_day(w, first);
	write_day(w, last);
	eg_csv_write_str(w, figure);
	eg_csv_write_str(w, eg_csv_reader_field(r, col[5], NULL));
	eg_csv_write_str(w, value);
	if (strcmp(measure, "customers") != 0 || (!is_new && !is_ret) || *e) {
		for (int k = 0; k < 3; k++)
			eg_csv_write_str(w, "");
		eg_csv_write_str(w, "engage has no figure of this kind to check it against");
		eg_csv_write_str(w, "count");
		eg_table_output_end_row(ck->out);
		return EG_OK;
	}
	count(ck->orders, first, last, &c);
	eg_csv_write_int(w, is_new ? c.new_platform : c.returning_platform);
	eg_csv_write_int(w, platform - (is_new ? c.new_platform : c.returning_platform));
	eg_csv_write_int(w, is_new ? c.new_own : c.returning_own);
	if (is_new)
		snprintf(why, sizeof(why),
			 "The platform counts a customer as new in the period of their first "
			 "order, cancelled or not; engage's new customers leave cancelled orders "
			 "out: %lld customer%s here had a cancelled first order.",
			 (long long)c.cancelled_first, c.cancelled_first == 1 ? "" : "s");
	else
		snprintf(why, sizeof(why),
			 "The platform counts every customer with an order after their first in "
			 "the period, also one whose first order is in the same period (%lld here "
			 "count as new and returning), and cancelled orders; engage's returning "
			 "customers are those whose first counted order is before the period.",
			 (long long)c.both);
	if (platform != (is_new ? c.new_platform : c.returning_platform))
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
			 " On the platform's definition the figures still differ: orders missing "
			 "from one side, or customers linked differently (engage links a "
			 "customer's orders by email and platform id).");
	eg_csv_write_str(w, why);
	eg_csv_write_str(w, "count");
	eg_table_output_end_row(ck->out);
	return EG_OK;
}

/* A Stripe customer's Total Spend beside engage's Stripe payments of theirs. */
struct spend {
	int64_t stripe;	  /* Total Spend, money units */
	int64_t paid;	  /* engage: totals of their counted Stripe payments */
	int64_t refunded; /* engage: refunded amounts of those */
	int64_t pending;  /* engage: of those, payments still pending */
};

/* State of the Stripe check. */
struct stripe {
	struct eg_strmap *refs; /* Stripe customer id -> index in v */
	struct spend *v;	/* one per Stripe customer with a Total Spend */
	size_t n, cap;		/* entries and room at v */
	char currency[8];	/* the profiles' currency, "" when not given */
};

/* Reads an amount cell into *v; EG_EDATA naming the row when it is not one. */
static int amount(struct eg_csv_reader *r, long col, int64_t *v, struct eg_error *err)
{
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);
	struct eg_error e;

	*v = 0;
	if (len && eg_money_parse(s, len, NULL, v, &e) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col + 1, "'%s' is not an amount", s);
	return EG_OK;
}

static int add_profile(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct stripe *st = ctx;
	size_t len, k = st->n;
	const char *ref = eg_csv_reader_field(r, col[0], &len);
	const char *cur = eg_csv_reader_field(r, col[3], NULL);
	int64_t v;
	int rc;

	if (strcmp(eg_csv_reader_field(r, col[2], NULL), "stripe_customers") != 0 || !len ||
	    !*eg_csv_reader_field(r, col[1], NULL))
		return EG_OK;
	if ((rc = amount(r, col[1], &v, err)) != EG_OK)
		return rc;
	if (eg_strmap_put(st->refs, ref, len, &k) < 0 ||
	    (k == st->n &&
	     eg_array_reserve((void **)&st->v, &st->cap, st->n + 1, sizeof(*st->v), 64) != 0))
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (k == st->n)
		memset(&st->v[st->n++], 0, sizeof(*st->v));
	st->v[k].stripe += v;
	if (*cur && strlen(cur) < sizeof(st->currency))
		strcpy(st->currency, cur);
	return EG_OK;
}

static int add_payment(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct stripe *st = ctx;
	size_t len, k;
	const char *ref = eg_csv_reader_field(r, col[0], &len);
	int64_t total, refunded;
	int rc;

	if (strcmp(eg_csv_reader_field(r, col[3], NULL), "stripe_payments") != 0 ||
	    strcmp(eg_csv_reader_field(r, col[4], NULL), "true") == 0 ||
	    strcmp(eg_csv_reader_field(r, col[5], NULL), "true") == 0 ||
	    !eg_strmap_get(st->refs, ref, len, &k))
		return EG_OK;
	if ((rc = amount(r, col[1], &total, err)) != EG_OK ||
	    (rc = amount(r, col[2], &refunded, err)) != EG_OK)
		return rc;
	st->v[k].paid += total;
	st->v[k].refunded += refunded;
	if (strcmp(eg_csv_reader_field(r, col[6], NULL), "pending") == 0)
		st->v[k].pending += total;
	return EG_OK;
}

/*
 * Adds the Stripe row to out when dir's profiles.csv holds Stripe customers
 * with a Total Spend: their Total Spend added up beside engage's Stripe
 * payments of the same customers, and engage's net of refunds.
 */
static int stripe_check(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			struct eg_error *err)
{
	static const char *const profile_cols[] = { "customer_ref", "total_spent", "source",
						    "currency", NULL };
	static const char *const payment_cols[] = { "customer_ref",	"total",     "refunded",
						    "source",		"cancelled", "is_test",
						    "financial_status", NULL };
	char *profiles = NULL, *orders = eg_path_join(dir, "orders.csv");
	struct stripe st = { 0 };
	struct eg_csv_writer *w = &out->w;
	int64_t stripe = 0, paid = 0, net = 0, pending = 0, differ = 0;
	char figure[96], why[700], money[EG_MONEY_BUFSZ];
	size_t i;
	int rc = orders ? eg_table_scan_find(dir, "profiles.csv", &profiles, err)
			: eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");

	if (rc == EG_OK && !profiles)
		goto done;
	st.refs = rc == EG_OK ? eg_strmap_new(256) : NULL;
	if (rc == EG_OK && !st.refs)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = eg_table_scan(profiles, profile_cols, m, add_profile, &st, err);
	if (rc == EG_OK && st.n)
		rc = eg_table_scan(orders, payment_cols, m, add_payment, &st, err);
	if (rc != EG_OK || !st.n)
		goto done;
	for (i = 0; i < st.n; i++) {
		stripe += st.v[i].stripe;
		paid += st.v[i].paid;
		net += st.v[i].paid - st.v[i].refunded;
		pending += st.v[i].pending;
		differ += st.v[i].stripe != st.v[i].paid;
	}
	snprintf(figure, sizeof(figure), "total spend of %zu customers", st.n);
	snprintf(why, sizeof(why),
		 "Stripe's Total Spend adds up a customer's payments with their refunds left in "
		 "(the export gives those as Refunded Volume); engage's figure on that definition "
		 "adds up the same customers' Stripe payments, its own takes the refunds off. "
		 "%lld of %zu customers differ.",
		 (long long)differ, st.n);
	if (pending)
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
			 " engage counts payments still pending (%s of these), which Stripe's "
			 "Total Spend leaves out.",
			 eg_money_format(pending, money));
	eg_csv_write_str(w, "");
	eg_csv_write_str(w, "");
	eg_csv_write_str(w, figure);
	eg_csv_write_str(w, "stripe_customers");
	eg_csv_write_money(w, stripe);
	eg_csv_write_money(w, paid);
	eg_csv_write_money(w, stripe - paid);
	eg_csv_write_money(w, net);
	eg_csv_write_str(w, why);
	eg_csv_write_str(w, st.currency[0] ? st.currency : "money");
	eg_table_output_end_row(out);
done:
	eg_strmap_free(st.refs);
	free(st.v);
	free(profiles);
	free(orders);
	return rc;
}

int eg_platform_check_write(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			    struct eg_error *err)
{
	static const char *const order_cols[] = { "customer_id", "created_at", "cancelled",
						  "is_test", NULL };
	static const char *const report_cols[] = { "date",  "period_end", "measure", "segment",
						   "value", "source",	  NULL };
	char *report = NULL, *orders_path = eg_path_join(dir, "orders.csv");
	struct orders o = { 0 };
	struct check ck = { &o, out };
	int rc = orders_path ? eg_table_scan_find(dir, "platform_report.csv", &report, err)
			     : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");

	if (rc == EG_OK && !report)
		goto stripe;
	o.ids = rc == EG_OK ? eg_strmap_new(1024) : NULL;
	if (rc == EG_OK && !o.ids)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = eg_datetime_parser_new(&o.time, err);
	if (rc == EG_OK)
		rc = eg_table_scan(orders_path, order_cols, m, add_order, &o, err);
	if (rc == EG_OK) {
		if (o.n)
			qsort(o.v, o.n, sizeof(*o.v), by_customer_day);
		rc = eg_table_scan(report, report_cols, m, check_row, &ck, err);
	}
stripe:
	if (rc == EG_OK)
		rc = stripe_check(dir, m, out, err);
	eg_datetime_parser_free(o.time);
	eg_strmap_free(o.ids);
	free(o.v);
	free(report);
	free(orders_path);
	return rc;
}
