/*
 * kpis.c - monthly sums and customer counts, then one row per metric.
 *
 * Per month: order sums in one pass over the orders; refunds in the month
 * they count in; customers from each customer's sorted order days (first
 * and second order months, months active, churn windows by binary search).
 */
#include "engage/kpis.h"
#include "engage/datetime.h"
#include "engage/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sums of one month. */
struct month {
	int64_t orders;		 /* counted orders */
	int64_t gross;		 /* sum of totals */
	int64_t refunds;	 /* refunds counted in the month */
	int64_t units;		 /* units sold, of the orders with line items */
	int64_t lined;		 /* orders whose export has line items */
	int64_t discounted;	 /* orders with a discount */
	int64_t discount_known;	 /* orders whose export states discounts */
	int64_t refunded_orders; /* orders with a refund, and return invoices */
	int64_t identified;	 /* orders of identified customers */
	int64_t active;		 /* customers with an order */
	int64_t fresh;		 /* customers whose first order is in the month */
	int64_t ever1;		 /* customers with 1+ orders up to the month's end */
	int64_t ever2;		 /* customers with 2+ orders up to the month's end */
	int64_t at_start;	 /* customers with an order in the window before the month */
	int64_t lost;		 /* of those, customers with none in the window ending with it */
	int64_t returning_net;	 /* net revenue from customers whose first order is before it */
	int64_t active_members;	 /* active customers who are loyalty members */
	int loyalty_known;	 /* a loyalty export was read */
};

/* Per-customer months: first, second order, from the sorted days. */
static void customer_months(const struct eg_facts *f, int64_t *first, int64_t *second)
{
	size_t c;

	for (c = 0; c < f->ncustomers; c++) {
		size_t lo = f->day_start[c], hi = f->day_start[c + 1];

		first[c] = lo < hi ? eg_month_of_day(f->days[lo]) : INT64_MAX;
		second[c] = lo + 1 < hi ? eg_month_of_day(f->days[lo + 1]) : INT64_MAX;
	}
}

static void sum_orders(const struct eg_facts *f, int64_t first_month, int64_t n,
		       const int64_t *first, struct month *mo)
{
	size_t i, c;
	int64_t k;

	for (k = 0; k < n; k++) {
		const struct eg_month_fact *x = eg_facts_month(f, first_month + k);

		if (!x)
			continue;
		mo[k].orders += x->orders;
		mo[k].gross += x->total;
		mo[k].units += x->units;
		mo[k].lined += x->lined;
		mo[k].discounted += x->discounted;
		mo[k].discount_known += x->discount_known;
		mo[k].refunded_orders += x->refunded_orders;
		mo[k].identified += x->identified;
		mo[k].refunds += x->refunded;
	}
	/* Returning: a customer's orders after the month of their first. */
	for (c = 0; c < f->ncustomers; c++) {
		for (i = f->day_start[c]; i < f->day_start[c + 1]; i++) {
			int64_t m = eg_month_of_day(f->days[i]);

			if (first[c] < m && m - first_month >= 0 && m - first_month < n)
				mo[m - first_month].returning_net += f->totals[i];
		}
	}
	for (i = 0; i < f->norder_refunds; i++) {
		const struct eg_order_refund *x = &f->order_refunds[i];
		int64_t r = x->month - first_month;

		if (r >= 0 && r < n && first[x->customer] < x->month)
			mo[r].returning_net -= x->amount;
	}
	for (i = 0; i < f->nrefunds; i++) {
		const struct eg_refund_fact *x = &f->refunds[i];
		int64_t k = x->month - first_month;

		if (k < 0 || k >= n)
			continue;
		mo[k].refunds += x->amount;
		mo[k].refunded_orders++;
		if (x->customer != EG_NO_CUSTOMER && first[x->customer] < x->month)
			mo[k].returning_net -= x->amount;
	}
}

static void count_customers(const struct eg_facts *f, int64_t first_month, int64_t n,
			    int64_t window, const int64_t *first, const int64_t *second,
			    struct month *mo)
{
	int64_t k;
	size_t c, i;

	for (c = 0; c < f->ncustomers; c++) {
		int64_t prev = INT64_MIN;

		for (i = f->day_start[c]; i < f->day_start[c + 1]; i++) {
			int64_t m = eg_month_of_day(f->days[i]);

			if (m != prev && m >= first_month && m < first_month + n) {
				mo[m - first_month].active++;
				mo[m - first_month].active_members +=
					f->loyalty_member && f->loyalty_member[c];
			}
			prev = m;
		}
		if (first[c] >= first_month && first[c] < first_month + n)
			mo[first[c] - first_month].fresh++;
		for (k = 0; k < n; k++) {
			int64_t m = first_month + k;
			int64_t start = eg_first_day_of_month(m),
				end = eg_first_day_of_month(m + 1);

			mo[k].ever1 += first[c] <= m;
			mo[k].ever2 += second[c] <= m;
			if (eg_facts_orders_between(f, c, start - window, start) == 0)
				continue;
			mo[k].at_start++;
			mo[k].lost += eg_facts_orders_between(f, c, end - window, end) == 0;
		}
	}
}

int eg_kpi_grid_init(struct eg_kpi_grid *g, int64_t first, int64_t last, struct eg_error *err)
{
	int64_t n = last - first + 1, k;
	int id;

	g->first_month = first;
	g->notes = NULL;
	g->nnotes = 0;
	g->nmonths = n > 0 ? n : 0;
	g->cells = calloc((size_t)(g->nmonths ? g->nmonths : 1) * EG_M_COUNT, sizeof(*g->cells));
	if (!g->cells)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (k = 0; k < g->nmonths; k++)
		for (id = 0; id < EG_M_COUNT; id++)
			g->cells[k * EG_M_COUNT + id].note =
				eg_metric_absent_note(eg_metrics[id].source);
	return EG_OK;
}

void eg_kpi_grid_release(struct eg_kpi_grid *g)
{
	size_t i;

	free(g->cells);
	g->cells = NULL;
	for (i = 0; i < g->nnotes; i++)
		free(g->notes[i]);
	free(g->notes);
	g->notes = NULL;
	g->nnotes = 0;
}

int eg_kpi_set_note(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const char *text)
{
	struct eg_kpi_cell *c = eg_kpi_cell(g, m, id);
	char **notes;
	size_t i;

	if (!c)
		return EG_OK;
	for (i = 0; i < g->nnotes; i++)
		if (strcmp(g->notes[i], text) == 0) {
			c->note = g->notes[i];
			return EG_OK;
		}
	notes = realloc(g->notes, (g->nnotes + 1) * sizeof(*notes));
	if (!notes)
		return EG_EIO;
	g->notes = notes;
	if (!(notes[g->nnotes] = strdup(text)))
		return EG_EIO;
	c->note = notes[g->nnotes++];
	return EG_OK;
}

struct eg_kpi_cell *eg_kpi_cell(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id)
{
	int64_t k = m - g->first_month;

	return k >= 0 && k < g->nmonths ? &g->cells[k * EG_M_COUNT + id] : NULL;
}

static void set(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, enum eg_cell_type type,
		int64_t a, int64_t b, int places, const char *note)
{
	struct eg_kpi_cell *c = eg_kpi_cell(g, m, id);

	if (c)
		*c = (struct eg_kpi_cell){ type, a, b, places, note };
}

int eg_kpi_note(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const char *text)
{
	struct eg_kpi_cell *c = eg_kpi_cell(g, m, id);

	return c && c->type != EG_CELL_ABSENT ? eg_kpi_set_note(g, m, id, text) : EG_OK;
}

void eg_kpi_set_int(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, int64_t v)
{
	set(g, m, id, EG_CELL_INT, v, 0, 0, "");
}

void eg_kpi_set_money(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, int64_t v)
{
	set(g, m, id, EG_CELL_MONEY, v, 0, 0, "");
}

void eg_kpi_set_fraction(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, int64_t num,
			 int64_t den, const char *note_if_none)
{
	int places = eg_metrics[id].kind == EG_METRIC_RATIO ? 6 : 2;

	if (den == 0)
		set(g, m, id, EG_CELL_ABSENT, 0, 0, 0, note_if_none);
	else
		set(g, m, id, EG_CELL_FRACTION, num, den, places, "");
}

void eg_kpi_write_value(struct eg_csv_writer *w, struct eg_kpi_grid *g, int64_t m,
			enum eg_metric_id id, const char *currency)
{
	const struct eg_kpi_cell *c = eg_kpi_cell(g, m, id);
	const struct eg_metric_def *def = &eg_metrics[id];

	switch (c ? c->type : EG_CELL_ABSENT) {
	case EG_CELL_ABSENT: eg_csv_write_str(w, ""); break;
	case EG_CELL_INT: eg_csv_write_int(w, c->a); break;
	case EG_CELL_MONEY: eg_csv_write_money(w, c->a); break;
	case EG_CELL_FRACTION: eg_csv_write_fraction(w, c->a, c->b, c->places); break;
	}
	eg_csv_write_str(w, def->kind == EG_METRIC_MONEY   ? currency
			    : def->kind == EG_METRIC_COUNT ? "count"
			    : def->kind == EG_METRIC_RATIO ? "ratio"
							   : def->unit);
	eg_csv_write_str(w, c ? c->note : "");
}

void eg_kpi_grid_write(struct eg_kpi_grid *g, const char *currency, struct eg_table_output *out)
{
	char label[EG_TIME_BUFSZ];
	int64_t k;
	int id;

	for (k = 0; k < g->nmonths; k++) {
		eg_month_format(g->first_month + k, label);
		for (id = 0; id < EG_M_COUNT; id++) {
			eg_csv_write_str(&out->w, label);
			eg_csv_write_str(&out->w, eg_metrics[id].id);
			eg_kpi_write_value(&out->w, g, g->first_month + k, (enum eg_metric_id)id,
					   currency);
			eg_table_output_end_row(out);
		}
	}
}

/* Fills the order metrics of one month from its sums; EG_EIO when out of memory for a note. */
static int fill_month(struct eg_kpi_grid *g, int64_t m, const struct month *x)
{
	static const char no_orders[] = "no orders in the month";
	static const char no_lines[] = "no line items in these exports";
	static const char some_lines[] =
		"of the orders with line items only: some exports have none";
	static const char no_discounts[] = "no discounts in these exports";
	static const char some_discounts[] =
		"of the orders whose exports state discounts only: some do not";
	int64_t net = x->gross - x->refunds;
	int rc = EG_OK;

	eg_kpi_set_int(g, m, EG_M_ORDERS, x->orders);
	eg_kpi_set_money(g, m, EG_M_GROSS_REVENUE, x->gross);
	eg_kpi_set_money(g, m, EG_M_REFUNDS, x->refunds);
	eg_kpi_set_money(g, m, EG_M_NET_REVENUE, net);
	/* One rounding, straight to the cent: no double rounding. */
	if (x->orders)
		eg_kpi_set_money(g, m, EG_M_AOV,
				 eg_money_div_round(x->gross, x->orders * 100) * 100);
	else
		eg_kpi_set_fraction(g, m, EG_M_AOV, 0, 0, no_orders);
	/* Sources without line items (Stripe, WooCommerce) do not say how many units. */
	if (x->orders && !x->lined)
		set(g, m, EG_M_UNITS, EG_CELL_ABSENT, 0, 0, 0, no_lines);
	else
		eg_kpi_set_int(g, m, EG_M_UNITS, x->units);
	eg_kpi_set_fraction(g, m, EG_M_UNITS_PER_TRANSACTION, x->units, x->lined,
			    x->orders ? no_lines : no_orders);
	if (x->lined < x->orders) {
		rc = eg_kpi_note(g, m, EG_M_UNITS, some_lines);
		if (rc == EG_OK)
			rc = eg_kpi_note(g, m, EG_M_UNITS_PER_TRANSACTION, some_lines);
	}
	eg_kpi_set_int(g, m, EG_M_ACTIVE_CUSTOMERS, x->active);
	eg_kpi_set_int(g, m, EG_M_NEW_CUSTOMERS, x->fresh);
	eg_kpi_set_int(g, m, EG_M_RETURNING_CUSTOMERS, x->active - x->fresh);
	eg_kpi_set_fraction(g, m, EG_M_REPEAT_PURCHASE_RATE, x->ever2, x->ever1,
			    "no customers yet");
	eg_kpi_set_fraction(g, m, EG_M_PURCHASE_FREQUENCY, x->identified, x->active,
			    "no active customers");
	eg_kpi_set_fraction(g, m, EG_M_REFUND_RATE, x->refunded_orders, x->orders, no_orders);
	eg_kpi_set_fraction(g, m, EG_M_REFUND_AMOUNT_RATE, x->refunds, x->gross,
			    "no revenue in the month");
	eg_kpi_set_fraction(g, m, EG_M_DISCOUNT_RATE, x->discounted, x->discount_known,
			    x->orders ? no_discounts : no_orders);
	if (rc == EG_OK && x->discount_known < x->orders)
		rc = eg_kpi_note(g, m, EG_M_DISCOUNT_RATE, some_discounts);
	eg_kpi_set_fraction(g, m, EG_M_CHURN_RATE, x->lost, x->at_start,
			    "no customers in the window before the month");
	eg_kpi_set_fraction(g, m, EG_M_RETENTION_RATE, x->at_start - x->lost, x->at_start,
			    "no customers in the window before the month");
	eg_kpi_set_fraction(g, m, EG_M_RETURNING_REVENUE_SHARE, x->returning_net, net,
			    "no net revenue in the month");
	if (x->loyalty_known)
		eg_kpi_set_fraction(g, m, EG_M_LOYALTY_PARTICIPATION, x->active_members, x->active,
				    "no active customers");
	return rc;
}

int eg_kpis_note_coverage(const struct eg_facts *f, struct eg_kpi_grid *g, struct eg_error *err)
{
	static const enum eg_metric_id first_ids[] = { EG_M_NEW_CUSTOMERS, EG_M_RETURNING_CUSTOMERS,
						       EG_M_REPEAT_PURCHASE_RATE,
						       EG_M_RETURNING_REVENUE_SHARE };
	static const enum eg_metric_id partial_ids[] = {
		EG_M_ORDERS, EG_M_GROSS_REVENUE,    EG_M_REFUNDS,	EG_M_NET_REVENUE,
		EG_M_UNITS,  EG_M_ACTIVE_CUSTOMERS, EG_M_NEW_CUSTOMERS, EG_M_RETURNING_CUSTOMERS
	};
	static const char first_note[] =
		"first month of the order data: customers who bought before it count as new";
	char last_day[EG_TIME_BUFSZ], partial_note[160], both_note[330];
	int64_t first = INT64_MAX, last;
	size_t i;
	int rc = EG_OK;

	for (i = 0; i < f->nmonths && first == INT64_MAX; i++)
		if (f->months[i].orders)
			first = f->months_from + (int64_t)i;
	if (first == INT64_MAX)
		return EG_OK;
	last = eg_month_of_day(f->last_day);
	eg_time_format(f->last_day * 86400, last_day);
	last_day[10] = '\0';
	snprintf(partial_note, sizeof(partial_note),
		 "partial month: the orders end on %s and it is not comparable with whole months",
		 last_day);
	snprintf(both_note, sizeof(both_note), "%s; %s", first_note, partial_note);
	for (i = 0; rc == EG_OK && i < sizeof(first_ids) / sizeof(first_ids[0]); i++)
		rc = eg_kpi_note(g, first, first_ids[i], first_note);
	for (i = 0; rc == EG_OK && f->last_day + 1 < eg_first_day_of_month(last + 1) &&
		    i < sizeof(partial_ids) / sizeof(partial_ids[0]);
	     i++) {
		struct eg_kpi_cell *c = eg_kpi_cell(g, last, partial_ids[i]);

		rc = eg_kpi_note(g, last, partial_ids[i],
				 c && strcmp(c->note, first_note) == 0 ? both_note : partial_note);
	}
	return rc == EG_OK ? EG_OK : eg_error_set(err, rc, NULL, 0, 0, "out of memory");
}

int eg_kpis_fill_orders(const struct eg_facts *f, const struct eg_kpi_options *o,
			struct eg_kpi_grid *g, struct eg_error *err)
{
	int64_t n = g->nmonths, k;
	struct month *mo = calloc((size_t)(n > 0 ? n : 1), sizeof(*mo));
	int64_t *first = malloc((f->ncustomers + 1) * sizeof(int64_t));
	int64_t *second = malloc((f->ncustomers + 1) * sizeof(int64_t));
	int rc = EG_OK;

	if (!mo || !first || !second) {
		free(mo);
		free(first);
		free(second);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	customer_months(f, first, second);
	sum_orders(f, g->first_month, n, first, mo);
	count_customers(f, g->first_month, n, o->churn_window, first, second, mo);
	for (k = 0; rc == EG_OK && k < n; k++) {
		mo[k].loyalty_known = f->has_loyalty;
		rc = fill_month(g, g->first_month + k, &mo[k]);
	}
	free(mo);
	free(first);
	free(second);
	return rc == EG_OK ? EG_OK : eg_error_set(err, rc, NULL, 0, 0, "out of memory");
}
