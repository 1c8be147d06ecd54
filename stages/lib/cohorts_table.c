/*
 * cohorts_table.c - the Cohorts sheet's figures: the grid of cohort months
 * by month offset over cohorts.csv's rows, and CLV : CAC.
 */
#include "engage/cohorts_table.h"

#include <stdlib.h>
#include <string.h>

/* Sets out's first cohort, count and last month offset from t's rows. */
static void find_bounds(struct eg_cohorts_table *out, const struct eg_data_table *t, long cc,
			long co)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN, m;
	size_t r;

	out->max_off = -1;
	for (r = 0; r < t->nrows; r++) {
		double o;

		if (eg_data_table_parse_month(eg_data_table_cell(t, r, cc), &m)) {
			lo = m < lo ? m : lo;
			hi = m > hi ? m : hi;
		}
		if (eg_data_table_number(t, r, co, &o) && o > (double)out->max_off)
			out->max_off = (int64_t)o;
	}
	if (out->max_off >= EG_COHORT_MAX_OFFSETS) {
		out->max_off = EG_COHORT_MAX_OFFSETS - 1;
		out->cut = 1;
	}
	if (hi == INT64_MIN || out->max_off < 0)
		return;
	out->first = lo;
	out->ncohorts = (size_t)(hi - lo + 1);
}

/* Each cohort's CAC and the CLV : CAC of each of its cells. */
static void clv_to_cac(struct eg_cohorts_table *out, const struct eg_data_table *t,
		       const struct eg_report *rep)
{
	long cum = eg_data_table_column(t, "cumulative_net_revenue_per_customer");
	size_t k, off, width = (size_t)(out->max_off + 1);

	for (k = 0; k < out->ncohorts; k++) {
		struct eg_report_value cac = eg_report_get(rep, out->first + (int64_t)k, EG_M_CAC);

		out->has_cac[k] = cac.present;
		out->cac[k] = cac.x;
		out->any_cac |= cac.present;
		for (off = 0; off < width; off++) {
			long rr = out->cell[k * width + off];
			double clv = 0;
			int has;

			if (rr < 0)
				continue;
			has = cac.present && cac.x > 0 &&
			      eg_data_table_number(t, (size_t)rr, cum, &clv);
			out->has_clv_cac[k * width + off] = has;
			out->clv_cac[k * width + off] = has ? clv / cac.x : 0;
		}
	}
}

enum eg_status eg_cohorts_table_collect(struct eg_cohorts_table *out, const struct eg_data_table *t,
					const struct eg_report *rep)
{
	long cc = eg_data_table_column(t, "cohort"), co = eg_data_table_column(t, "month_offset");
	size_t k, n, width, r;
	int64_t m;

	memset(out, 0, sizeof(*out));
	find_bounds(out, t, cc, co);
	if (!out->ncohorts)
		return EG_OK;
	width = (size_t)(out->max_off + 1);
	n = out->ncohorts * width;
	out->cell = malloc(n * sizeof(*out->cell));
	out->size_row = malloc(out->ncohorts * sizeof(*out->size_row));
	out->has_cac = calloc(out->ncohorts, sizeof(*out->has_cac));
	out->cac = calloc(out->ncohorts, sizeof(*out->cac));
	out->has_clv_cac = calloc(n, sizeof(*out->has_clv_cac));
	out->clv_cac = calloc(n, sizeof(*out->clv_cac));
	if (!out->cell || !out->size_row || !out->has_cac || !out->cac || !out->has_clv_cac ||
	    !out->clv_cac) {
		eg_cohorts_table_release(out);
		return EG_EIO;
	}
	for (k = 0; k < n; k++)
		out->cell[k] = -1;
	for (r = 0; r < t->nrows; r++) {
		double o;

		if (!eg_data_table_parse_month(eg_data_table_cell(t, r, cc), &m) ||
		    !eg_data_table_number(t, r, co, &o) || o < 0 || o > (double)out->max_off)
			continue;
		out->cell[(size_t)(m - out->first) * width + (size_t)o] = (long)r;
	}
	for (k = 0; k < out->ncohorts; k++) {
		out->size_row[k] = -1;
		for (r = 0; r < width && out->size_row[k] < 0; r++)
			out->size_row[k] = out->cell[k * width + r];
	}
	clv_to_cac(out, t, rep);
	return EG_OK;
}

void eg_cohorts_table_release(struct eg_cohorts_table *t)
{
	free(t->cell);
	free(t->size_row);
	free(t->has_cac);
	free(t->cac);
	free(t->has_clv_cac);
	free(t->clv_cac);
	memset(t, 0, sizeof(*t));
}
