/*
 * rfm.c - RFM scores by rank and the segment grid.
 *
 * Ranks come from sorted copies of the values: the number of customers with
 * a strictly smaller value is a lower bound in the sorted array, so ties get
 * equal scores and the result does not depend on input order.
 */
#include "engage/rfm.h"
#include "engage/csv_table.h"

#include <stdlib.h>
#include <string.h>

void eg_rfm_grid_release(struct eg_rfm_grid *g)
{
	size_t i;

	for (i = 0; i < g->nsegments; i++) {
		free(g->segment[i]);
		free(g->model[i]);
		free(g->action[i]);
	}
	free(g->segment);
	free(g->model);
	free(g->action);
	memset(g, 0, sizeof(*g));
}

static int find_segment(const struct eg_rfm_grid *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nsegments; i++)
		if (strcmp(g->segment[i], name) == 0)
			return (int)i;
	return -1;
}

static int load_actions(struct eg_rfm_grid *g, const char *path, struct eg_error *err)
{
	static const char *const need[] = { "segment", "engagement_model", "action", NULL };
	struct eg_csv_reader *r = NULL;
	long col[3];
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r, need, col, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		size_t n = g->nsegments + 1;
		char **s = realloc(g->segment, n * sizeof(char *));
		char **m = s ? realloc(g->model, n * sizeof(char *)) : NULL;
		char **a = m ? realloc(g->action, n * sizeof(char *)) : NULL;

		if (s)
			g->segment = s;
		if (m)
			g->model = m;
		if (!a) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		g->action = a;
		if (!*eg_csv_reader_field(r, col[0], NULL) ||
		    !*eg_csv_reader_field(r, col[1], NULL) ||
		    !*eg_csv_reader_field(r, col[2], NULL)) {
			rc = eg_error_set(
				err, EG_EDATA, path, eg_csv_reader_line(r), 0,
				"a segment needs a name, an engagement model and an action");
			break;
		}
		if (find_segment(g, eg_csv_reader_field(r, col[0], NULL)) >= 0) {
			rc = eg_error_set(err, EG_EDATA, path, eg_csv_reader_line(r), 0,
					  "segment '%s' is listed twice",
					  eg_csv_reader_field(r, col[0], NULL));
			break;
		}
		g->segment[g->nsegments] = strdup(eg_csv_reader_field(r, col[0], NULL));
		g->model[g->nsegments] = strdup(eg_csv_reader_field(r, col[1], NULL));
		g->action[g->nsegments] = strdup(eg_csv_reader_field(r, col[2], NULL));
		g->nsegments++;
		if (!g->segment[n - 1] || !g->model[n - 1] || !g->action[n - 1])
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

static int load_grid(struct eg_rfm_grid *g, const char *path, struct eg_error *err)
{
	static const char *const need[] = { "r", "fm", "segment", NULL };
	struct eg_csv_reader *r = NULL;
	long col[3];
	int more = 0, rc, i, j;

	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++)
			g->cell[i][j] = -1;
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r, need, col, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *rs = eg_csv_reader_field(r, col[0], NULL);
		const char *fs = eg_csv_reader_field(r, col[1], NULL);
		const char *seg = eg_csv_reader_field(r, col[2], NULL);
		int s = find_segment(g, seg);

		if (strlen(rs) != 1 || rs[0] < '1' || rs[0] > '5' || strlen(fs) != 1 ||
		    fs[0] < '1' || fs[0] > '5')
			rc = eg_error_set(err, EG_EDATA, path, eg_csv_reader_line(r), 0,
					  "r and fm must be 1 to 5");
		else if (s < 0)
			rc = eg_error_set(
				err, EG_EDATA, path, eg_csv_reader_line(r), 0,
				"segment '%s' has no engagement model in the actions file", seg);
		else if (g->cell[rs[0] - '1'][fs[0] - '1'] >= 0)
			rc = eg_error_set(err, EG_EDATA, path, eg_csv_reader_line(r), 0,
					  "cell r=%s fm=%s is given twice", rs, fs);
		else
			g->cell[rs[0] - '1'][fs[0] - '1'] = s;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	for (i = 0; rc == EG_OK && i < 5; i++)
		for (j = 0; rc == EG_OK && j < 5; j++)
			if (g->cell[i][j] < 0)
				rc = eg_error_set(err, EG_EDATA, path, 0, 0,
						  "no segment for r=%d fm=%d", i + 1, j + 1);
	return rc;
}

int eg_rfm_grid_load(struct eg_rfm_grid *g, const char *grid_path, const char *actions_path,
		     struct eg_error *err)
{
	int rc;

	memset(g, 0, sizeof(*g));
	rc = load_actions(g, actions_path, err);
	if (rc == EG_OK)
		rc = load_grid(g, grid_path, err);
	if (rc != EG_OK)
		eg_rfm_grid_release(g);
	return rc;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Customers in sorted[0 .. n) with a value strictly smaller than v. */
static size_t count_below(const int64_t *sorted, size_t n, int64_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Customers in sorted[0 .. n) with a value strictly larger than v. */
static size_t count_above(const int64_t *sorted, size_t n, int64_t v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid] <= v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return n - lo;
}

static int score(size_t rank, size_t n)
{
	return 1 + (int)(5 * rank / n);
}

/* The fixed score of v: 1 + the cut points below it, or 5 - that when lower is better. */
static int fixed_score(int64_t v, const int64_t cuts[4], int lower_better)
{
	int k, above = 0;

	for (k = 0; k < 4; k++)
		above += v > cuts[k];
	return lower_better ? 5 - above : 1 + above;
}

/*
 * Whether quintiles of the n sorted recencies cannot rank: too few
 * customers, or two adjacent cut points (the recency at each fifth) less
 * than EG_RFM_MIN_CUT_GAP_DAYS apart.
 */
static int quintiles_too_close(const int64_t *rec, size_t n)
{
	size_t k;

	if (n < EG_RFM_MIN_QUINTILE_CUSTOMERS)
		return 1;
	for (k = 1; k < 4; k++)
		if (rec[n * (k + 1) / 5] - rec[n * k / 5] < EG_RFM_MIN_CUT_GAP_DAYS)
			return 1;
	return 0;
}

/* Which value of a score sorted_values gathers. */
enum rfm_value { RFM_RECENCY, RFM_FREQUENCY, RFM_MONETARY };

/* Gathers value `which` of the customers in out[0 .. count) with orders into v, sorted; returns how many. */
static size_t sorted_values(const struct eg_rfm_score *out, size_t count, enum rfm_value which,
			    int64_t *v)
{
	size_t c, n = 0;

	for (c = 0; c < count; c++)
		if (out[c].frequency)
			v[n++] = which == RFM_RECENCY	   ? out[c].recency
				 : which == RFM_FREQUENCY ? out[c].frequency
							  : out[c].monetary;
	qsort(v, n, sizeof(int64_t), cmp_i64);
	return n;
}

/*
 * The three values are ranked one after the other in one array, so that
 * scoring a million customers holds one array of their values, not three.
 */
int eg_rfm_score(const struct eg_facts *f, int64_t as_of, const struct eg_rfm_grid *g,
		 enum eg_rfm_scoring mode, struct eg_rfm_score *out, enum eg_rfm_scoring *used,
		 struct eg_error *err)
{
	static const int64_t recency_cuts[4] = { 30, 90, 180, 365 };
	static const int64_t frequency_cuts[4] = { 1, 2, 3, 5 };
	int fixed;
	int64_t *v = malloc((f->ncustomers + 1) * sizeof(int64_t));
	size_t c, i, n;

	if (!v)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	memset(out, 0, f->ncustomers * sizeof(*out));
	for (c = 0; c < f->ncustomers; c++)
		for (i = f->day_start[c]; i < f->day_start[c + 1] && f->days[i] < as_of; i++) {
			out[c].frequency++;
			out[c].monetary += f->totals[i];
		}
	for (c = 0; c < f->ncustomers; c++) {
		size_t lo = f->day_start[c], hi = f->day_start[c + 1];

		out[c].segment = -1;
		if (!out[c].frequency)
			continue;
		/* The last order day before as_of: days are sorted. */
		while (hi > lo && f->days[hi - 1] >= as_of)
			hi--;
		out[c].recency = as_of - f->days[hi - 1];
	}
	n = sorted_values(out, f->ncustomers, RFM_RECENCY, v);
	fixed = mode == EG_RFM_FIXED || (mode == EG_RFM_AUTO && quintiles_too_close(v, n));
	if (used)
		*used = fixed ? EG_RFM_FIXED : EG_RFM_QUINTILES;
	for (c = 0; c < f->ncustomers; c++)
		if (out[c].frequency)
			out[c].r = (signed char)(fixed ? fixed_score(out[c].recency, recency_cuts, 1)
						       : score(count_above(v, n, out[c].recency), n));
	sorted_values(out, f->ncustomers, RFM_FREQUENCY, v);
	for (c = 0; c < f->ncustomers; c++)
		if (out[c].frequency)
			out[c].f =
				(signed char)(fixed ? fixed_score(out[c].frequency, frequency_cuts, 0)
						    : score(count_below(v, n, out[c].frequency), n));
	sorted_values(out, f->ncustomers, RFM_MONETARY, v);
	for (c = 0; c < f->ncustomers; c++) {
		struct eg_rfm_score *s = &out[c];

		if (!s->frequency)
			continue;
		s->m = (signed char)score(count_below(v, n, s->monetary), n);
		s->fm = (signed char)((s->f + s->m + 1) / 2);
		s->segment = g->cell[s->r - 1][s->fm - 1];
	}
	free(v);
	return EG_OK;
}
