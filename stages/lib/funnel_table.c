/*
 * funnel_table.c - the Funnel sheet's figures: steps, the report month
 * against the month before, and every month's counts and conversion.
 */
#include "engage/funnel_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Adds t's steps to out in the order first met, and sets out's months. */
static void find_steps(struct eg_funnel_table *out, const struct eg_data_table *t, long cm,
		       long cst)
{
	int64_t m, lo = INT64_MAX, hi = INT64_MIN;
	size_t r, i;

	for (r = 0; r < t->nrows; r++) {
		const char *step = eg_data_table_cell(t, r, cst);

		if (eg_data_table_parse_month(eg_data_table_cell(t, r, cm), &m)) {
			lo = m < lo ? m : lo;
			hi = m > hi ? m : hi;
		}
		for (i = 0; i < out->nsteps && strcmp(out->steps[i].step, step) != 0; i++)
			;
		if (i == out->nsteps && out->nsteps < EG_FUNNEL_MAX_STEPS)
			out->steps[out->nsteps++].step = step;
	}
	if (hi != INT64_MIN) {
		out->first = lo;
		out->nmonths = (size_t)(hi - lo + 1);
	}
}

/* Step x in the report month and the month before. */
static void compare_months(struct eg_funnel_step *x, const struct eg_data_table *t, long cm,
			   long cst, long cc, int64_t month)
{
	x->row_now = eg_data_table_find_month(t, cm, month, &cst, &x->step, 1);
	x->row_prev = eg_data_table_find_month(t, cm, month - 1, &cst, &x->step, 1);
	x->has_now = x->row_now >= 0 && eg_data_table_number(t, (size_t)x->row_now, cc, &x->now);
	x->has_prev =
		x->row_prev >= 0 && eg_data_table_number(t, (size_t)x->row_prev, cc, &x->prev);
	x->has_change = x->has_now && x->has_prev && x->prev != 0;
	if (x->has_change)
		x->change = (x->now - x->prev) / fabs(x->prev);
}

enum eg_status eg_funnel_table_collect(struct eg_funnel_table *out, const struct eg_data_table *t,
				       int64_t month)
{
	long cm = eg_data_table_column(t, "month"), cst = eg_data_table_column(t, "step");
	long cc = eg_data_table_column(t, "count"),
	     cses = eg_data_table_column(t, "share_of_sessions");
	size_t i, k, n;

	memset(out, 0, sizeof(*out));
	find_steps(out, t, cm, cst);
	for (i = 0; i < out->nsteps; i++)
		compare_months(&out->steps[i], t, cm, cst, cc, month);
	n = out->nmonths * out->nsteps;
	out->has_count = calloc(n + 1, sizeof(*out->has_count));
	out->count = calloc(n + 1, sizeof(*out->count));
	out->has_conversion = calloc(out->nmonths + 1, sizeof(*out->has_conversion));
	out->conversion = calloc(out->nmonths + 1, sizeof(*out->conversion));
	if (!out->has_count || !out->count || !out->has_conversion || !out->conversion) {
		eg_funnel_table_release(out);
		return EG_EIO;
	}
	for (k = 0; k < out->nmonths; k++) {
		for (i = 0; i < out->nsteps; i++) {
			const char *step = out->steps[i].step;
			long rr = eg_data_table_find_month(t, cm, out->first + (int64_t)k, &cst,
							   &step, 1);
			size_t c = k * out->nsteps + i;

			out->has_count[c] =
				rr >= 0 && eg_data_table_number(t, (size_t)rr, cc, &out->count[c]);
			if (rr >= 0 && strcmp(step, "purchases") == 0)
				out->has_conversion[k] = eg_data_table_number(t, (size_t)rr, cses,
									      &out->conversion[k]);
		}
	}
	return EG_OK;
}

void eg_funnel_table_release(struct eg_funnel_table *t)
{
	free(t->has_count);
	free(t->count);
	free(t->has_conversion);
	free(t->conversion);
	memset(t, 0, sizeof(*t));
}
