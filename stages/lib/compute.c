/*
 * compute.c - monthly KPIs from join's orders.
 *
 * One pass over the orders keeps, per counted order, its month, customer and
 * amounts (a few words each); then per-month sums, and per customer the
 * first month and the months active, come from sorting (customer, month)
 * pairs. Money stays in int64 fixed point; the average order value is the
 * one division, rounded half away from zero to the cent.
 */
#include "engage/compute.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/metrics.h"
#include "engage/money.h"
#include "engage/path.h"
#include "engage/stage.h"
#include "engage/strmap.h"
#include "engage/tables.h"
#include "engage/timezone.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_CUSTOMER SIZE_MAX

/* A counted order, reduced to what the KPIs need. */
struct fact {
	int64_t month;   /* local month index */
	size_t customer; /* customer index, or NO_CUSTOMER */
	int64_t total;   /* order total */
	int64_t refunded; /* refunded amount */
};

/* A customer active in a month. */
struct activity {
	size_t customer; /* customer index */
	int64_t month;   /* local month index */
};

/* Per-month sums. */
struct month {
	int64_t orders;    /* counted orders */
	int64_t gross;     /* sum of totals */
	int64_t refunds;   /* sum of refunds */
	int64_t active;    /* customers with an order */
	int64_t fresh;     /* customers whose first order is in the month */
};

/* State of one run. */
struct run {
	struct eg_stage stage;    /* output and manifest */
	struct fact *facts;       /* counted orders */
	size_t nfacts;            /* entries at facts */
	size_t cap;               /* entries allocated */
	struct eg_strmap *customers; /* customer_id -> index */
	char currency[16];        /* the one currency of the counted orders */
	int64_t test_orders;      /* orders left out as tests */
	int64_t cancelled_orders; /* orders left out as cancelled */
	int64_t anonymous_orders; /* counted orders without a customer */
};

static int read_orders(struct run *run, const char *path, struct eg_error *err)
{
	static const char *const need[] = {"customer_id", "created_at", "currency", "total",
					   "refunded", "cancelled", "is_test", NULL};
	enum { C_CUSTOMER, C_CREATED, C_CURRENCY, C_TOTAL, C_REFUNDED, C_CANCELLED, C_TEST };
	struct eg_datetime_parser *dates = NULL;
	struct eg_csv_reader *r = NULL;
	struct eg_manifest_counts *cnt;
	long col[7];
	int more = 0, rc;

	rc = eg_datetime_parser_new(&dates, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r, need, col, err);
	cnt = rc == EG_OK ? eg_manifest_input(run->stage.m, path) : NULL;
	if (rc == EG_OK && !cnt)
		rc = eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *cancelled = eg_csv_reader_field(r, col[C_CANCELLED], NULL);
		const char *test = eg_csv_reader_field(r, col[C_TEST], NULL);
		const char *cur, *s;
		size_t len, clen;
		struct fact f;
		int64_t t;

		cnt->read++;
		cnt->written++; /* every order is consumed; the ones left out are counted below */
		if (!eg_order_is_counted(cancelled, test)) {
			if (strcmp(test, "true") == 0)
				run->test_orders++;
			else
				run->cancelled_orders++;
			continue;
		}
		s = eg_csv_reader_field(r, col[C_CREATED], &len);
		rc = eg_datetime_parse(dates, s, len, &t, err);
		if (rc == EG_OK) {
			s = eg_csv_reader_field(r, col[C_TOTAL], &len);
			rc = eg_money_parse(s, len, NULL, &f.total, err);
		}
		if (rc == EG_OK) {
			s = eg_csv_reader_field(r, col[C_REFUNDED], &len);
			rc = eg_money_parse(s, len, NULL, &f.refunded, err);
		}
		cur = eg_csv_reader_field(r, col[C_CURRENCY], &clen);
		if (rc == EG_OK && !run->currency[0] && clen < sizeof(run->currency))
			memcpy(run->currency, cur, clen + 1);
		if (rc == EG_OK && strcmp(cur, run->currency) != 0)
			rc = eg_error_set(err, EG_EDATA, NULL, 0, 0,
					  "order in currency '%s' after orders in '%s': "
					  "the report needs one currency",
					  cur, run->currency);
		if (rc != EG_OK) {
			snprintf(err->file, sizeof(err->file), "%s", path);
			err->line = eg_csv_reader_line(r);
			break;
		}
		f.month = eg_tz_local_month(t);
		s = eg_csv_reader_field(r, col[C_CUSTOMER], &len);
		f.customer = NO_CUSTOMER;
		if (len) {
			f.customer = eg_strmap_size(run->customers);
			if (eg_strmap_put(run->customers, s, len, &f.customer) < 0) {
				rc = eg_stage_oom(err);
				break;
			}
		} else {
			run->anonymous_orders++;
		}
		if (run->nfacts == run->cap) {
			size_t ncap = run->cap ? run->cap * 2 : 4096;
			struct fact *q = realloc(run->facts, ncap * sizeof(*q));

			if (!q) {
				rc = eg_stage_oom(err);
				break;
			}
			run->facts = q;
			run->cap = ncap;
		}
		run->facts[run->nfacts++] = f;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	eg_datetime_parser_free(dates);
	return rc;
}

static int by_customer_month(const void *a, const void *b)
{
	const struct activity *x = a, *y = b;

	if (x->customer != y->customer)
		return x->customer < y->customer ? -1 : 1;
	return (x->month > y->month) - (x->month < y->month);
}

/* Fills months[0 .. n) (month index first + i) from the facts. */
static int sum_months(struct run *run, int64_t first, struct month *months, struct eg_error *err)
{
	struct activity *act = malloc((run->nfacts ? run->nfacts : 1) * sizeof(*act));
	size_t i, n = 0;

	if (!act)
		return eg_stage_oom(err);
	for (i = 0; i < run->nfacts; i++) {
		const struct fact *f = &run->facts[i];
		struct month *m = &months[f->month - first];

		m->orders++;
		m->gross += f->total;
		m->refunds += f->refunded;
		if (f->customer != NO_CUSTOMER)
			act[n++] = (struct activity){f->customer, f->month};
	}
	qsort(act, n, sizeof(*act), by_customer_month);
	for (i = 0; i < n; i++) {
		int new_customer = i == 0 || act[i].customer != act[i - 1].customer;

		if (!new_customer && act[i].month == act[i - 1].month)
			continue;
		months[act[i].month - first].active++;
		if (new_customer)
			months[act[i].month - first].fresh++;
	}
	free(act);
	return EG_OK;
}

static void write_value(struct eg_csv_writer *w, enum eg_metric_id id, const struct month *m)
{
	switch (id) {
	case EG_M_ORDERS: eg_csv_write_int(w, m->orders); break;
	case EG_M_GROSS_REVENUE: eg_csv_write_money(w, m->gross); break;
	case EG_M_REFUNDS: eg_csv_write_money(w, m->refunds); break;
	case EG_M_NET_REVENUE: eg_csv_write_money(w, m->gross - m->refunds); break;
	case EG_M_AOV:
		/* One rounding, straight to the cent: no double rounding. */
		if (m->orders)
			eg_csv_write_money(w, eg_money_div_round(m->gross, m->orders * 100) * 100);
		else
			eg_csv_write_str(w, "");
		break;
	case EG_M_ACTIVE_CUSTOMERS: eg_csv_write_int(w, m->active); break;
	case EG_M_NEW_CUSTOMERS: eg_csv_write_int(w, m->fresh); break;
	case EG_M_RETURNING_CUSTOMERS: eg_csv_write_int(w, m->active - m->fresh); break;
	case EG_M_COUNT: break;
	}
}

static int write_kpis(struct run *run, int64_t first, int64_t last, const struct month *months,
		      struct eg_error *err)
{
	struct eg_table_output *out = eg_stage_output(&run->stage, "kpis.csv", eg_kpi_columns, err);
	char label[EG_TIME_BUFSZ];
	int64_t mi;
	int id;

	if (!out)
		return err->status;
	for (mi = first; mi <= last; mi++) {
		eg_month_format(mi, label);
		for (id = 0; id < EG_M_COUNT; id++) {
			eg_csv_write_str(&out->w, label);
			eg_csv_write_str(&out->w, eg_metrics[id].id);
			write_value(&out->w, (enum eg_metric_id)id, &months[mi - first]);
			eg_csv_write_str(&out->w,
					 eg_metrics[id].kind == EG_METRIC_MONEY ? run->currency : "count");
			eg_table_output_end_row(out);
		}
	}
	return EG_OK;
}

int eg_compute_run(const struct eg_compute_options *opts, struct eg_compute_result *res,
		   struct eg_error *err)
{
	const char *tz = opts->timezone ? opts->timezone : "UTC";
	struct run run;
	struct month *months = NULL;
	char *orders_in = eg_path_join(opts->in_dir, "orders.csv");
	int64_t first = INT64_MAX, last = INT64_MIN, report = 0;
	size_t i;
	int rc;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.customers = eg_strmap_new(1024);
	if (!orders_in || !run.customers) {
		rc = eg_stage_oom(err);
		goto done;
	}
	rc = eg_tz_select(tz, err);
	if (rc == EG_OK && opts->month)
		rc = eg_month_parse(opts->month, &report, err);
	if (rc == EG_OK)
		rc = eg_stage_begin(&run.stage, "compute", opts->out_dir, 0, err);
	if (rc == EG_OK)
		rc = read_orders(&run, orders_in, err);
	if (rc != EG_OK)
		goto done;
	for (i = 0; i < run.nfacts; i++) {
		if (run.facts[i].month < first)
			first = run.facts[i].month;
		if (run.facts[i].month > last)
			last = run.facts[i].month;
	}
	if (!opts->month) {
		if (run.nfacts == 0) {
			rc = eg_error_set(err, EG_EDATA, orders_in, 0, 0,
					  "no counted orders, so no report month: give --month");
			goto done;
		}
		report = last;
	}
	if (run.nfacts == 0)
		first = last = report;
	if (report > last)
		last = report;
	if (report < first)
		first = report;
	months = calloc((size_t)(last - first + 1), sizeof(*months));
	if (!months) {
		rc = eg_stage_oom(err);
		goto done;
	}
	eg_month_format(report, res->month);
	res->months = last - first + 1;
	rc = sum_months(&run, first, months, err);
	if (rc == EG_OK)
		rc = write_kpis(&run, first, last, months, err);
	if (rc == EG_OK &&
	    (eg_manifest_param(run.stage.m, "month", res->month) != EG_OK ||
	     eg_manifest_param(run.stage.m, "timezone", tz) != EG_OK ||
	     eg_manifest_param(run.stage.m, "currency", run.currency) != EG_OK ||
	     eg_manifest_stat(run.stage.m, orders_in, "counted_orders", (int64_t)run.nfacts) ||
	     eg_manifest_stat(run.stage.m, orders_in, "test_orders", run.test_orders) ||
	     eg_manifest_stat(run.stage.m, orders_in, "cancelled_orders", run.cancelled_orders) ||
	     eg_manifest_stat(run.stage.m, orders_in, "anonymous_orders", run.anonymous_orders)))
		rc = eg_stage_oom(err);
	if (rc == EG_OK)
		rc = eg_stage_finish(&run.stage, err);
done:
	eg_stage_end(&run.stage);
	eg_strmap_free(run.customers);
	free(run.facts);
	free(months);
	free(orders_in);
	return rc;
}
