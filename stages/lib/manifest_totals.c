/*
 * manifest_totals.c - sums a manifest's rows read and written.
 *
 * The manifest is read with the CSV module, one row at a time, so a name
 * holding a comma or a quote (a file path) does not shift the columns.
 */
#include "engage/manifest_totals.h"

#include <string.h>

#include "engage/csv_table.h"
#include "engage/integer.h"

/* Adds the value field of the current row to *sum; EG_EDATA when it is no count. */
static int add_value(struct eg_csv_reader *r, long col, int64_t *sum, struct eg_error *err)
{
	struct eg_error ignored;
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);
	int64_t v;

	if (eg_int_parse(s, len, &v, &ignored) != EG_OK || v < 0)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col + 1, "expected a row count, not '%.*s'",
				    (int)(len > 40 ? 40 : len), s);
	if (*sum > INT64_MAX - v)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col + 1, "row counts add up to more than %lld",
				    (long long)INT64_MAX);
	*sum += v;
	return EG_OK;
}

int eg_manifest_totals_read(const char *path, struct eg_manifest_totals *t, struct eg_error *err)
{
	static const char *const cols[] = { "section", "key", "value", NULL };
	struct eg_manifest_totals sum = { 0, 0, 0 };
	struct eg_csv_reader *r = NULL;
	long idx[3];
	int rc, more;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, cols, idx, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) != 0) {
		const char *section, *key;

		if (more < 0) {
			rc = err ? err->status : EG_EDATA;
			break;
		}
		section = eg_csv_reader_field(r, idx[0], NULL);
		key = eg_csv_reader_field(r, idx[1], NULL);
		if (strcmp(section, "input") == 0 && strcmp(key, "read") == 0)
			rc = add_value(r, idx[2], &sum.rows_in, err);
		else if (strcmp(section, "output") == 0 && strcmp(key, "rows") == 0)
			rc = add_value(r, idx[2], &sum.rows_out, err);
		else if (strcmp(section, "unread") == 0 && strcmp(key, "reason") == 0)
			sum.unread++;
	}
	eg_csv_reader_free(r);
	if (rc == EG_OK)
		*t = sum;
	return rc;
}
