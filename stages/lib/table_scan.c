/*
 * table_scan.c - one loop over a canonical table for every reader.
 */
#include "engage/table_scan.h"

#include <stdlib.h>
#include <unistd.h>

#include "engage/path.h"

int eg_table_scan_find(const char *dir, const char *file, char **path, struct eg_error *err)
{
	*path = eg_path_join(dir, file);
	if (!*path)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (access(*path, F_OK) != 0) {
		free(*path);
		*path = NULL;
	}
	return EG_OK;
}

int eg_table_scan(const char *path, const char *const *columns, struct eg_manifest *m, eg_row_fn fn,
		  void *ctx, struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	long col[64];
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, columns, col, err);
	c = rc == EG_OK ? eg_manifest_input(m, path) : NULL;
	if (rc == EG_OK && !c)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		c->read++;
		c->written++;
		rc = fn(ctx, r, col, err);
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}
