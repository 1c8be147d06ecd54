/*
 * cohorts.c - the cohort matrix: a (cohort, offset) grid of active
 * customers and net revenue, filled in one pass over each customer's days
 * and one over the orders and refunds.
 */
#include "engage/cohorts.h"
#include "engage/datetime.h"
#include "engage/kpis.h"
#include "engage/money.h"

#include <stdlib.h>

const char *const eg_cohort_columns[] = {
	"cohort",
	"month_offset",
	"cohort_customers",
	"active_customers",
	"retention",
	"net_revenue",
	"cumulative_net_revenue_per_customer",
	NULL,
};

/* One cell of the grid. */
struct cell {
	int64_t active; /* cohort customers with an order in the month */
	int64_t net;	/* their net revenue in the month */
};

int eg_cohorts_write(const struct eg_facts *f, int64_t report_month, int depth,
		     struct eg_table_output *out, struct eg_error *err)
{
	int64_t first = f->first_month, ncohorts = report_month - first + 1, k, off;
	int64_t *cohort = malloc((f->ncustomers + 1) * sizeof(int64_t));
	int64_t *size = NULL;
	struct cell *grid = NULL;
	size_t c, i;
	char label[EG_TIME_BUFSZ];

	if (ncohorts < 1 || depth < 1 || first == INT64_MAX) {
		free(cohort);
		return EG_OK;
	}
	size = calloc((size_t)ncohorts, sizeof(int64_t));
	grid = calloc((size_t)(ncohorts * depth), sizeof(*grid));
	if (!cohort || !size || !grid) {
		free(cohort);
		free(size);
		free(grid);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	for (c = 0; c < f->ncustomers; c++) {
		int64_t prev = INT64_MIN;

		cohort[c] = INT64_MAX;
		if (f->day_start[c] == f->day_start[c + 1])
			continue;
		cohort[c] = eg_month_of_day(f->days[f->day_start[c]]);
		if (cohort[c] > report_month)
			continue;
		size[cohort[c] - first]++;
		for (i = f->day_start[c]; i < f->day_start[c + 1]; i++) {
			int64_t m = eg_month_of_day(f->days[i]);

			off = m - cohort[c];
			if (m != prev && off < depth && m <= report_month)
				grid[(cohort[c] - first) * depth + off].active++;
			prev = m;
		}
	}
	/* Guests have no cohort: only customers' orders and order refunds count. */
	for (c = 0; c < f->ncustomers; c++) {
		if (cohort[c] > report_month)
			continue;
		for (i = f->day_start[c]; i < f->day_start[c + 1]; i++) {
			int64_t m = eg_month_of_day(f->days[i]);

			if (m - cohort[c] < depth && m <= report_month)
				grid[(cohort[c] - first) * depth + (m - cohort[c])].net +=
					f->totals[i];
		}
	}
	for (i = 0; i < f->norder_refunds; i++) {
		const struct eg_order_refund *o = &f->order_refunds[i];
		int64_t co = cohort[o->customer];

		if (co <= report_month && o->month >= co && o->month - co < depth &&
		    o->month <= report_month)
			grid[(co - first) * depth + (o->month - co)].net -= o->amount;
	}
	for (i = 0; i < f->nrefunds; i++) {
		const struct eg_refund_fact *r = &f->refunds[i];
		int64_t co = r->customer == EG_NO_CUSTOMER ? INT64_MAX : cohort[r->customer];

		if (co <= report_month && r->month >= co && r->month - co < depth &&
		    r->month <= report_month)
			grid[(co - first) * depth + (r->month - co)].net -= r->amount;
	}
	for (k = 0; k < ncohorts; k++) {
		int64_t cum = 0;

		if (size[k] == 0)
			continue;
		eg_month_format(first + k, label);
		for (off = 0; off < depth && first + k + off <= report_month; off++) {
			const struct cell *x = &grid[k * depth + off];

			cum += x->net;
			eg_csv_write_str(&out->w, label);
			eg_csv_write_int(&out->w, off);
			eg_csv_write_int(&out->w, size[k]);
			eg_csv_write_int(&out->w, x->active);
			eg_csv_write_fraction(&out->w, x->active, size[k], 6);
			eg_csv_write_money(&out->w, x->net);
			eg_csv_write_money(&out->w, eg_money_div_round(cum, size[k] * 100) * 100);
			eg_table_output_end_row(out);
		}
	}
	free(cohort);
	free(size);
	free(grid);
	return EG_OK;
}
