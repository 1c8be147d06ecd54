/*
 * data_table.c - small CSV files read whole: every cell copied into one
 * arena, addressed by offsets so the arena can grow.
 */
#include "engage/data_table.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A growing arena and offset list. */
struct build {
	char *arena;
	size_t used, cap;
	size_t *offsets;
	size_t noffsets, offsets_cap;
	long *lines;
	size_t lines_cap;
};

/* Copies s (len bytes) into the arena and records its offset. 0 on out of memory. */
static int add_cell(struct build *b, const char *s, size_t len)
{
	if (b->used + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->used + len + 1)
			cap *= 2;
		if (!(p = realloc(b->arena, cap)))
			return 0;
		b->arena = p, b->cap = cap;
	}
	if (b->noffsets == b->offsets_cap) {
		size_t cap = b->offsets_cap ? b->offsets_cap * 2 : 256;
		size_t *p = realloc(b->offsets, cap * sizeof(*p));

		if (!p)
			return 0;
		b->offsets = p, b->offsets_cap = cap;
	}
	memcpy(b->arena + b->used, s, len);
	b->arena[b->used + len] = '\0';
	b->offsets[b->noffsets++] = b->used;
	b->used += len + 1;
	return 1;
}

static int add_line(struct build *b, size_t row, long line)
{
	if (row == b->lines_cap) {
		size_t cap = b->lines_cap ? b->lines_cap * 2 : 64;
		long *p = realloc(b->lines, cap * sizeof(*p));

		if (!p)
			return 0;
		b->lines = p, b->lines_cap = cap;
	}
	b->lines[row] = line;
	return 1;
}

int eg_data_table_parse_number(const char *s, double *out)
{
	const char *p = s;
	char *end;
	double v;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (*end || errno == ERANGE)
		return 0;
	*out = v;
	return 1;
}

int eg_data_table_load(struct eg_data_table *t, const char *path, const char *const *required,
		       const char *const *numeric, struct eg_error *err)
{
	struct eg_csv_reader *r = NULL;
	struct build b = { 0 };
	struct stat st;
	size_t ncols, i, row = 0;
	long numeric_col[64];
	size_t nnumeric = 0;
	int more, rc;

	memset(t, 0, sizeof(*t));
	if (stat(path, &st) != 0 && errno == ENOENT)
		return EG_OK;
	if (!(t->path = strdup(path)))
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		goto fail;
	if (required) {
		size_t n = 0;
		long *idx;

		while (required[n])
			n++;
		idx = malloc((n + 1) * sizeof(long));
		if (!idx) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			goto fail;
		}
		rc = eg_csv_reader_require(r, required, idx, err);
		free(idx);
		if (rc != EG_OK)
			goto fail;
	}
	ncols = eg_csv_reader_ncolumns(r);
	for (i = 0; numeric && numeric[i] && nnumeric < 64; i++) {
		long c = eg_csv_reader_column(r, numeric[i]);

		if (c >= 0)
			numeric_col[nnumeric++] = c;
	}
	for (i = 0; i < ncols; i++) {
		const char *name = eg_csv_reader_column_name(r, i);

		if (!add_cell(&b, name, strlen(name)))
			goto oom;
	}
	while ((more = eg_csv_reader_next(r, err)) > 0) {
		for (i = 0; i < nnumeric; i++) {
			size_t len;
			const char *v = eg_csv_reader_field(r, numeric_col[i], &len);
			double x;

			if (len && !eg_data_table_parse_number(v, &x)) {
				rc = eg_error_set(
					err, EG_EDATA, path, eg_csv_reader_line(r),
					numeric_col[i] + 1,
					"'%.64s' in column '%s' is not a number", v,
					eg_csv_reader_column_name(r, (size_t)numeric_col[i]));
				goto fail;
			}
		}
		for (i = 0; i < ncols; i++) {
			size_t len;
			const char *v = eg_csv_reader_field(r, (long)i, &len);

			if (!add_cell(&b, v, len))
				goto oom;
		}
		if (!add_line(&b, row, eg_csv_reader_line(r)))
			goto oom;
		row++;
	}
	if (more < 0) {
		rc = err->status;
		goto fail;
	}
	eg_csv_reader_free(r);
	t->present = 1;
	t->ncols = ncols;
	t->nrows = row;
	t->arena = b.arena;
	t->offsets = b.offsets;
	t->lines = b.lines;
	return EG_OK;
oom:
	rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
fail:
	eg_csv_reader_free(r);
	free(b.arena);
	free(b.offsets);
	free(b.lines);
	free(t->path);
	t->path = NULL;
	return rc;
}

void eg_data_table_release(struct eg_data_table *t)
{
	free(t->path);
	free(t->arena);
	free(t->offsets);
	free(t->lines);
	memset(t, 0, sizeof(*t));
}

long eg_data_table_column(const struct eg_data_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->arena + t->offsets[i], name) == 0)
			return (long)i;
	return -1;
}

const char *eg_data_table_column_name(const struct eg_data_table *t, size_t i)
{
	return t->arena + t->offsets[i];
}

const char *eg_data_table_cell(const struct eg_data_table *t, size_t row, long col)
{
	if (col < 0 || (size_t)col >= t->ncols)
		return "";
	return t->arena + t->offsets[(row + 1) * t->ncols + (size_t)col];
}

int eg_data_table_number(const struct eg_data_table *t, size_t row, long col, double *out)
{
	const char *s = eg_data_table_cell(t, row, col);

	return *s ? eg_data_table_parse_number(s, out) : 0;
}

int eg_data_table_parse_month(const char *s, int64_t *m)
{
	struct eg_error ignored;

	return strlen(s) == 7 && eg_month_parse(s, m, &ignored) == EG_OK;
}

long eg_data_table_find_month(const struct eg_data_table *t, long month_col, int64_t m,
			      const long *cols, const char *const *keys, int nkeys)
{
	size_t r;
	int k;

	for (r = 0; r < t->nrows; r++) {
		int64_t rm;

		if (!eg_data_table_parse_month(eg_data_table_cell(t, r, month_col), &rm) || rm != m)
			continue;
		for (k = 0; k < nkeys && strcmp(eg_data_table_cell(t, r, cols[k]), keys[k]) == 0;
		     k++)
			;
		if (k == nkeys)
			return (long)r;
	}
	return -1;
}
