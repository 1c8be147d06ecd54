/*
 * segments_table.c - the Segments sheet's figures: segments.csv's totals and
 * the churn-risk bands of the customers with their shares.
 */
#include "engage/segments_table.h"

#include <string.h>
#include <strings.h>

int eg_band_rank(const char *name)
{
	if (strncasecmp(name, "high", 4) == 0)
		return 0;
	if (strncasecmp(name, "medium", 6) == 0)
		return 1;
	if (strncasecmp(name, "low", 3) == 0)
		return 2;
	return 3;
}

void eg_segments_total_collect(struct eg_segments_total *out, const struct eg_data_table *t)
{
	long ccust = eg_data_table_column(t, "customers"),
	     crev = eg_data_table_column(t, "revenue");
	double x;
	size_t r;

	memset(out, 0, sizeof(*out));
	for (r = 0; t->present && r < t->nrows; r++) {
		if (eg_data_table_number(t, r, ccust, &x))
			out->customers += x;
		if (eg_data_table_number(t, r, crev, &x))
			out->revenue += x;
	}
	out->customer_share = out->customers > 0 ? 1 : 0;
	out->revenue_share = out->revenue != 0 ? 1 : 0;
}

void eg_segment_bands_collect(struct eg_segment_bands *out, const struct eg_workbook_tally *t)
{
	int order[EG_WORKBOOK_MAX_BANDS], i, j, n = t->nbands;
	int64_t total = 0;
	double revenue = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		order[i] = i;
		total += t->bands[i].customers;
		revenue += t->bands[i].revenue;
	}
	/* Insertion sort: few bands, and equal ranks keep the order first met. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && eg_band_rank(t->bands[order[j - 1]].name) >
					     eg_band_rank(t->bands[order[j]].name);
		     j--) {
			int x = order[j];

			order[j] = order[j - 1], order[j - 1] = x;
		}
	for (i = 0; i < n; i++) {
		const struct eg_workbook_band *x = &t->bands[order[i]];
		struct eg_band_row *o = &out->rows[i];

		o->name = x->name;
		o->customers = x->customers;
		o->revenue = x->revenue;
		o->has_customer_share = total > 0;
		o->customer_share = total ? (double)x->customers / (double)total : 0;
		o->has_revenue_share = revenue != 0;
		o->revenue_share = revenue != 0 ? x->revenue / revenue : 0;
		o->has_p_alive = x->with_p_alive > 0;
		o->p_alive = x->with_p_alive ? x->p_alive / (double)x->with_p_alive : 0;
	}
	out->n = n;
	out->unbanded = t->unbanded;
}
