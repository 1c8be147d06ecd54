/*
 * quality_table.c - the Data quality sheet's figures: each source's
 * coverage and each input file's row balance, from the stages' manifests.
 */
#include "engage/quality_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/datetime.h"

struct eg_manifest_columns eg_manifest_columns_of(const struct eg_data_table *t)
{
	struct eg_manifest_columns c;

	c.stage = eg_data_table_column(t, "stage");
	c.section = eg_data_table_column(t, "section");
	c.name = eg_data_table_column(t, "name");
	c.key = eg_data_table_column(t, "key");
	c.value = eg_data_table_column(t, "value");
	return c;
}

const char *eg_manifest_stage(const struct eg_manifest_file *mf)
{
	const char *s = mf->rows.nrows ? eg_data_table_cell(&mf->rows, 0,
							    eg_manifest_columns_of(&mf->rows).stage)
				       : "";

	return s[0] ? s : mf->file;
}

/*
 * Row r of manifest table t as extract's parameter "KEY FILE": FILE when
 * it is one (and, with value not NULL, its value is value), else NULL.
 */
static const char *file_param(const struct eg_data_table *t, size_t r, const char *key,
			      const char *value)
{
	struct eg_manifest_columns c = eg_manifest_columns_of(t);
	const char *k = eg_data_table_cell(t, r, c.key);
	size_t n = strlen(key);

	if (strcmp(eg_data_table_cell(t, r, c.section), "param") != 0 || strncmp(k, key, n) != 0 ||
	    k[n] != ' ' || (value && strcmp(eg_data_table_cell(t, r, c.value), value) != 0))
		return NULL;
	return k + n + 1;
}

/* The value of extract's parameter "KEY FILE" in t, "" when none. */
static const char *file_param_value(const struct eg_data_table *t, const char *key,
				    const char *file)
{
	const char *f;
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if ((f = file_param(t, r, key, NULL)) && strcmp(f, file) == 0)
			return eg_data_table_cell(t, r, eg_manifest_columns_of(t).value);
	return "";
}

/* A "YYYY-MM-DD" date as a day number into *day: 1, or 0 when it is not one. */
static int parse_day(const char *s, int64_t *day)
{
	int y, m, d, end = 0;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 || end != 10 || s[end] || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return 0;
	*day = eg_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 1;
}

/*
 * Adds to out each source of extract's manifest table t, where its first
 * file appears, with all its files and the first and last date of their
 * rows (extract's "source", "first_date" and "last_date" parameters).
 */
static void add_coverage(struct eg_quality_table *out, const struct eg_data_table *t)
{
	struct eg_manifest_columns c = eg_manifest_columns_of(t);
	size_t r, k;

	for (r = 0; r < t->nrows; r++) {
		const char *source = eg_data_table_cell(t, r, c.value), *file;
		char first[11] = "", last[11] = "";
		struct eg_source_coverage *x;

		if (!file_param(t, r, "source", NULL))
			continue;
		for (k = 0; k < r && !file_param(t, k, "source", source); k++)
			;
		if (k < r)
			continue;
		x = &out->sources[out->nsources++];
		x->source = source;
		for (k = r; k < t->nrows; k++) {
			const char *f, *l;

			if (!(file = file_param(t, k, "source", source)))
				continue;
			x->files++;
			f = file_param_value(t, "first_date", file);
			l = file_param_value(t, "last_date", file);
			if (strlen(f) == 10 && (!first[0] || strcmp(f, first) < 0))
				memcpy(first, f, 11);
			if (strlen(l) == 10 && (!last[0] || strcmp(l, last) > 0))
				memcpy(last, l, 11);
		}
		x->has_first = parse_day(first, &x->first);
		x->has_last = parse_day(last, &x->last);
	}
}

/* The balance of input file input of manifest mf. */
static void balance_of(struct eg_input_balance *x, const struct eg_manifest_file *mf,
		       const char *input)
{
	static const char *const keys[] = { "read", "written", "rejected", "merged" };
	const struct eg_data_table *t = &mf->rows;
	struct eg_manifest_columns c = eg_manifest_columns_of(t);
	double *v = x->rows;
	size_t r;
	int k;

	x->manifest = mf;
	x->input = input;
	for (r = 0; r < t->nrows; r++) {
		if (strcmp(eg_data_table_cell(t, r, c.section), "input") != 0 ||
		    strcmp(eg_data_table_cell(t, r, c.name), input) != 0)
			continue;
		for (k = 0; k < EG_ROWS_KINDS; k++)
			if (strcmp(eg_data_table_cell(t, r, c.key), keys[k]) == 0)
				x->have[k] = eg_data_table_number(t, r, c.value, &v[k]);
	}
	x->balanced = x->have[EG_ROWS_READ] && v[0] == v[1] + v[2] + v[3];
	x->unaccounted = v[0] - v[1] - v[2] - v[3];
}

/* Adds to out each input file of manifest mf once, where it first appears. */
static void add_balances(struct eg_quality_table *out, const struct eg_manifest_file *mf)
{
	const struct eg_data_table *t = &mf->rows;
	struct eg_manifest_columns c = eg_manifest_columns_of(t);
	size_t r, k;

	for (r = 0; r < t->nrows; r++) {
		const char *name = eg_data_table_cell(t, r, c.name);

		if (strcmp(eg_data_table_cell(t, r, c.section), "input") != 0)
			continue;
		for (k = 0; k < r; k++)
			if (strcmp(eg_data_table_cell(t, k, c.section), "input") == 0 &&
			    strcmp(eg_data_table_cell(t, k, c.name), name) == 0)
				break;
		if (k == r)
			balance_of(&out->balances[out->nbalances++], mf, name);
	}
}

enum eg_status eg_quality_table_collect(struct eg_quality_table *out,
					const struct eg_workbook_data *d)
{
	size_t i, most = 1;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < d->nmanifests; i++)
		most += d->manifests[i].rows.nrows;
	out->sources = calloc(most, sizeof(*out->sources));
	out->balances = calloc(most, sizeof(*out->balances));
	if (!out->sources || !out->balances) {
		eg_quality_table_release(out);
		return EG_EIO;
	}
	for (i = 0; i < d->nmanifests; i++)
		if (strcmp(eg_manifest_stage(&d->manifests[i]), "extract") == 0)
			add_coverage(out, &d->manifests[i].rows);
	for (i = 0; i < d->nmanifests; i++)
		add_balances(out, &d->manifests[i]);
	return EG_OK;
}

void eg_quality_table_release(struct eg_quality_table *t)
{
	free(t->sources);
	free(t->balances);
	memset(t, 0, sizeof(*t));
}
