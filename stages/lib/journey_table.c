/*
 * journey_table.c - the Journey sheet's figures: measures by engagement
 * stage with their changes, and each stage's headline for the funnel charts.
 */
#include "engage/journey_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const stages[] = { "awareness", "consideration", "conversion",
				      "retention", "advocacy",	    NULL };

/* The rank of a journey stage: its place in the five, or 5 for another. */
static int stage_rank(const char *stage)
{
	int i;

	for (i = 0; stages[i]; i++)
		if (strcmp(stages[i], stage) == 0)
			return i;
	return i;
}

static int by_stage(const void *a, const void *b)
{
	const struct eg_journey_measure *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->rank == 5 && strcmp(x->stage, y->stage) != 0)
		return strcmp(x->stage, y->stage);
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds each stage and measure of the two months once, in the order first met. */
static void find_measures(struct eg_journey_table *out, const struct eg_data_table *t,
			  int64_t month)
{
	long cm = eg_data_table_column(t, "month"), cs = eg_data_table_column(t, "stage");
	long cme = eg_data_table_column(t, "measure");
	size_t r, i;

	for (r = 0; r < t->nrows && out->n < EG_JOURNEY_MAX_MEASURES; r++) {
		struct eg_journey_measure *x = &out->measures[out->n];
		int64_t m;

		if (!eg_data_table_parse_month(eg_data_table_cell(t, r, cm), &m) ||
		    (m != month && m != month - 1))
			continue;
		for (i = 0; i < out->n; i++)
			if (strcmp(out->measures[i].stage, eg_data_table_cell(t, r, cs)) == 0 &&
			    strcmp(out->measures[i].measure, eg_data_table_cell(t, r, cme)) == 0)
				break;
		if (i < out->n)
			continue;
		x->stage = eg_data_table_cell(t, r, cs);
		x->measure = eg_data_table_cell(t, r, cme);
		x->rank = stage_rank(x->stage);
		x->order = out->n++;
	}
	qsort(out->measures, out->n, sizeof(out->measures[0]), by_stage);
}

/* Measure x's values in the two months, its change and its note. */
static void compare_months(struct eg_journey_measure *x, const struct eg_data_table *t,
			   int64_t month)
{
	long cm = eg_data_table_column(t, "month"), cv = eg_data_table_column(t, "value");
	long cols[2] = { eg_data_table_column(t, "stage"), eg_data_table_column(t, "measure") };
	const char *keys[2] = { x->stage, x->measure };
	long rn = eg_data_table_find_month(t, cm, month, cols, keys, 2);
	long rp = eg_data_table_find_month(t, cm, month - 1, cols, keys, 2);

	x->unit =
		eg_data_table_cell(t, (size_t)(rn >= 0 ? rn : rp), eg_data_table_column(t, "unit"));
	x->has_now = rn >= 0 && eg_data_table_number(t, (size_t)rn, cv, &x->now);
	x->has_prev = rp >= 0 && eg_data_table_number(t, (size_t)rp, cv, &x->prev);
	x->note = rn >= 0 ? eg_data_table_cell(t, (size_t)rn, eg_data_table_column(t, "note")) : "";
	if (!x->has_now && !x->note[0])
		x->note = rn < 0 ? "no row for the month" : "";
	x->has_change = x->has_now && x->has_prev;
	if (x->has_change)
		x->change = round((x->now - x->prev) * 1e6) / 1e6;
	x->has_ratio = x->has_change && x->prev != 0;
	if (x->has_ratio)
		x->ratio = (x->now - x->prev) / fabs(x->prev);
}

void eg_journey_table_collect(struct eg_journey_table *out, const struct eg_data_table *t,
			      int64_t month)
{
	struct eg_journey_headline *h;
	size_t i;
	int k;

	memset(out, 0, sizeof(*out));
	find_measures(out, t, month);
	for (i = 0; i < out->n; i++) {
		struct eg_journey_measure *x = &out->measures[i];

		compare_months(x, t, month);
		x->opens_stage = i == 0 || strcmp(x->stage, out->measures[i - 1].stage) != 0;
		if (x->opens_stage && out->nstages < EG_JOURNEY_MAX_STAGES)
			out->heads[out->nstages++].stage = x->stage;
		/* A stage's headline is its first count with a value this month. */
		h = &out->heads[out->nstages - 1]; /* the first measure opened one */
		if (!h->measure && x->has_now && strcmp(x->unit, "count") == 0 &&
		    strcmp(h->stage, x->stage) == 0) {
			h->measure = x->measure;
			h->now = x->now;
			h->has_prev = x->has_prev, h->prev = x->prev;
			if (x->now > out->top)
				out->top = x->now;
			if (x->has_prev && x->prev > out->top)
				out->top = x->prev;
		}
	}
	for (k = 0; k < out->nstages; k++) {
		h = &out->heads[k];
		if (!h->measure) {
			h->offset_now = h->offset_prev = out->top / 2;
			continue;
		}
		h->offset_now = (out->top - h->now) / 2;
		h->offset_prev = (out->top - (h->has_prev ? h->prev : 0)) / 2;
	}
}
