/*
 * holdout_table.c - the Model sheet's holdout comparison: means per
 * customer and totals from holdout.csv's rows.
 */
#include "engage/holdout_table.h"

#include <stdlib.h>
#include <string.h>

/* Row r of t, whose columns are c (frequency, customers, actual, predicted, error, baseline). */
static void row_of(struct eg_holdout_row *x, const struct eg_data_table *t, size_t r, const long *c)
{
	double n = 0, a = 0, p = 0, base = 0;
	int hn = eg_data_table_number(t, r, c[1], &n), ha = eg_data_table_number(t, r, c[2], &a);
	int hp = eg_data_table_number(t, r, c[3], &p);
	int hb = c[5] >= 0 && eg_data_table_number(t, r, c[5], &base);
	int total = strcmp(eg_data_table_cell(t, r, c[0]), "total") == 0;
	int means = !total || n > 0; /* a total row has means only over some customers */

	x->frequency = eg_data_table_cell(t, r, c[0]);
	x->total = total;
	x->has_customers = hn, x->customers = n;
	x->has_error = eg_data_table_number(t, r, c[4], &x->error);
	/* A frequency row holds means per customer; the total row the totals. */
	x->actual_mean = a, x->predicted_mean = p, x->actual = n * a, x->predicted = n * p;
	if (total) {
		x->actual = a, x->predicted = p;
		x->actual_mean = n > 0 ? a / n : 0, x->predicted_mean = n > 0 ? p / n : 0;
	}
	x->has_actual_mean = ha && means;
	x->has_predicted_mean = hp && means;
	x->has_difference = ha && hp && means;
	x->difference = x->predicted_mean - x->actual_mean;
	x->has_actual = ha && (total || hn);
	x->has_predicted = hp && (total || hn);
	/* The baseline like the predictions: a mean per customer. */
	x->has_baseline = hb && means;
	x->baseline = total && n > 0 ? base / n : base;
}

enum eg_status eg_holdout_table_collect(struct eg_holdout_table *out, const struct eg_data_table *t)
{
	long c[6];
	size_t r;

	memset(out, 0, sizeof(*out));
	c[0] = eg_data_table_column(t, "calibration_frequency");
	c[1] = eg_data_table_column(t, "customers");
	c[2] = eg_data_table_column(t, "actual_holdout_orders");
	c[3] = eg_data_table_column(t, "predicted_holdout_orders");
	c[4] = eg_data_table_column(t, "mean_absolute_error");
	c[5] = eg_data_table_column(t, "baseline_holdout_orders");
	out->has_baseline_column = c[5] >= 0;
	out->rows = calloc(t->nrows + 1, sizeof(*out->rows));
	if (!out->rows)
		return EG_EIO;
	for (r = 0; r < t->nrows; r++) {
		row_of(&out->rows[r], t, r, c);
		if (!out->rows[r].total)
			out->last_frequency = r;
	}
	out->n = t->nrows;
	out->charted = t->nrows > 1 || (t->nrows == 1 && !out->rows[0].total);
	return EG_OK;
}

void eg_holdout_table_release(struct eg_holdout_table *t)
{
	free(t->rows);
	memset(t, 0, sizeof(*t));
}
