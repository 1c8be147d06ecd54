/*
 * voice_table.c - the Voice of customer sheet's figures: the measures of
 * voice.csv in the sheet's order and their values by month.
 */
#include "engage/voice_table.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *id;	  /* measure id in voice.csv */
	const char *name; /* its column title */
} known[] = {
	{ "nps", "NPS" },
	{ "promoters", "Promoters" },
	{ "passives", "Passives" },
	{ "detractors", "Detractors" },
	{ "nps_responses", "NPS responses" },
	{ "csat", "CSAT" },
	{ "csat_responses", "CSAT responses" },
	{ "ces", "CES (mean effort)" },
	{ "ces_high_effort_rate", "High-effort share (CES)" },
	{ "ces_responses", "CES responses" },
	{ "tickets", "Tickets" },
	{ "tickets_per_100_orders", "Tickets per 100 orders" },
	{ "median_resolution_hours", "Median resolution (hours)" },
	{ NULL, NULL },
};

/* Adds the known measures in their order, then the others as met. */
static void find_measures(struct eg_voice_table *out, const struct eg_data_table *t, long cme,
			  long cu)
{
	size_t r, i, k;

	for (k = 0; known[k].id; k++) {
		for (r = 0; r < t->nrows; r++)
			if (strcmp(eg_data_table_cell(t, r, cme), known[k].id) == 0)
				break;
		if (r < t->nrows && out->n < EG_VOICE_MAX_MEASURES) {
			out->measures[out->n].id = known[k].id;
			out->measures[out->n].name = known[k].name;
			out->measures[out->n++].unit = eg_data_table_cell(t, r, cu);
		}
	}
	for (r = 0; r < t->nrows && out->n < EG_VOICE_MAX_MEASURES; r++) {
		const char *id = eg_data_table_cell(t, r, cme);

		for (i = 0; i < out->n && strcmp(out->measures[i].id, id) != 0; i++)
			;
		if (i < out->n)
			continue;
		out->measures[out->n].id = id;
		out->measures[out->n++].unit = eg_data_table_cell(t, r, cu);
	}
}

/* Sets out's months from column cm of t: the first and how many to the last. */
static void find_months(struct eg_voice_table *out, const struct eg_data_table *t, long cm)
{
	int64_t m, lo = 0, hi = 0;
	size_t r;
	int any = 0;

	for (r = 0; r < t->nrows; r++) {
		if (!eg_data_table_parse_month(eg_data_table_cell(t, r, cm), &m))
			continue;
		if (!any || m < lo)
			lo = m;
		if (!any || m > hi)
			hi = m;
		any = 1;
	}
	if (any) {
		out->first = lo;
		out->nmonths = (size_t)(hi - lo + 1);
	}
}

enum eg_status eg_voice_table_collect(struct eg_voice_table *out, const struct eg_data_table *t)
{
	long cm = eg_data_table_column(t, "month"), cme = eg_data_table_column(t, "measure");
	long cv = eg_data_table_column(t, "value");
	size_t k, i;

	memset(out, 0, sizeof(*out));
	find_measures(out, t, cme, eg_data_table_column(t, "unit"));
	find_months(out, t, cm);
	out->has_value = calloc(out->nmonths * out->n + 1, sizeof(*out->has_value));
	out->value = calloc(out->nmonths * out->n + 1, sizeof(*out->value));
	if (!out->has_value || !out->value) {
		eg_voice_table_release(out);
		return EG_EIO;
	}
	for (k = 0; k < out->nmonths; k++) {
		for (i = 0; i < out->n; i++) {
			long r = eg_data_table_find_month(t, cm, out->first + (int64_t)k, &cme,
							  &out->measures[i].id, 1);

			if (r >= 0)
				out->has_value[k * out->n + i] = eg_data_table_number(
					t, (size_t)r, cv, &out->value[k * out->n + i]);
		}
	}
	return EG_OK;
}

void eg_voice_table_release(struct eg_voice_table *t)
{
	free(t->has_value);
	free(t->value);
	memset(t, 0, sizeof(*t));
}
