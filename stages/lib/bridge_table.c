/*
 * bridge_table.c - the Revenue bridge sheet's figures: each month of
 * bridge.csv reconciled against its parts and kpis.csv, and the totals.
 */
#include "engage/bridge_table.h"
#include "engage/datetime.h"
#include "engage/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_bridge_columns[EG_BRIDGE_NCOLS] = {
	"gross_sales", "discounts", "shipping", "tax",	       "duties",
	"other",       "total",	    "refunds",	"net_revenue",
};

/* Exact amount of a bridge cell into *v: 1, or 0 when empty or not an amount. */
static int amount(const struct eg_data_table *t, size_t r, long c, int64_t *v)
{
	const char *s = eg_data_table_cell(t, r, c);
	struct eg_error ignored;

	return *s && eg_money_parse(s, strlen(s), NULL, v, &ignored) == EG_OK;
}

/* The month index of "YYYY-MM" into *m: 1, or 0 when it is not one. */
static int parse_month(const char *s, int64_t *m)
{
	struct eg_error ignored;

	return strlen(s) == 7 && eg_month_parse(s, m, &ignored) == EG_OK;
}

/* Says in x->check whether month x reconciles, and why not. */
static void check_month(struct eg_bridge_month *x)
{
	int64_t other = x->have[EG_BRIDGE_OTHER] ? x->v[EG_BRIDGE_OTHER] : 0;
	int64_t net = x->v[EG_BRIDGE_NET];
	char a[EG_MONEY_BUFSZ], b[EG_MONEY_BUFSZ];

	x->net_differs = x->kpi.present && x->have[EG_BRIDGE_NET] && x->kpi.v != net;
	x->ok = other == 0 && !x->net_differs;
	if (x->ok) {
		snprintf(x->check, sizeof(x->check), "reconciles");
		return;
	}
	snprintf(x->check, sizeof(x->check), "does not reconcile:%s%s%s%s%s", other ? " " : "",
		 other ? eg_money_format(other, a) : "", other ? " in the totals unexplained" : "",
		 x->net_differs ? (other ? "; net revenue differs from kpis.csv by "
					 : " net revenue differs from kpis.csv by ")
				: "",
		 x->net_differs ? eg_money_format(net - x->kpi.v, b) : "");
}

int eg_bridge_table_collect(struct eg_bridge_table *bt, const struct eg_data_table *t,
			    const struct eg_report *rep, struct eg_error *err)
{
	long c[EG_BRIDGE_NCOLS], cm = eg_data_table_column(t, "month");
	size_t r;
	int k;

	memset(bt, 0, sizeof(*bt));
	bt->have_kpi_all = 1;
	if (t->nrows && !(bt->months = calloc(t->nrows, sizeof(*bt->months))))
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (k = 0; k < EG_BRIDGE_NCOLS; k++)
		c[k] = eg_data_table_column(t, eg_bridge_columns[k]);
	for (r = 0; r < t->nrows; r++) {
		struct eg_bridge_month *x = &bt->months[bt->n++];

		x->label = eg_data_table_cell(t, r, cm);
		x->has_month = parse_month(x->label, &x->month);
		if (x->has_month)
			x->kpi = eg_report_get(rep, x->month, EG_M_NET_REVENUE);
		for (k = 0; k < EG_BRIDGE_NCOLS; k++) {
			x->have[k] = amount(t, r, c[k], &x->v[k]);
			if (x->have[k])
				bt->sums[k] += x->v[k];
			else
				x->v[k] = 0;
		}
		if (x->kpi.present)
			bt->kpi_sum += x->kpi.v;
		else
			bt->have_kpi_all = 0;
		check_month(x);
		bt->bad_months += !x->ok;
	}
	if (bt->bad_months)
		snprintf(bt->total_check, sizeof(bt->total_check), "%d month%s do%s not reconcile",
			 bt->bad_months, bt->bad_months == 1 ? "" : "s",
			 bt->bad_months == 1 ? "es" : "");
	else
		snprintf(bt->total_check, sizeof(bt->total_check), "every month reconciles");
	return EG_OK;
}

void eg_bridge_table_release(struct eg_bridge_table *bt)
{
	free(bt->months);
	memset(bt, 0, sizeof(*bt));
}
