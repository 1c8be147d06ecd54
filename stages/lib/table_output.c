/*
 * table_output.c - an atomic CSV output with its header and row count.
 */
#include "engage/table_output.h"
#include "engage/path.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IOBUF_SIZE (256 * 1024) /* bytes of an output table's stdio buffer */

int eg_table_output_open(struct eg_table_output *out, const char *dir, const char *name,
			 const char *const *columns, struct eg_error *err)
{
	char *path = eg_path_join(dir, name);
	int rc;

	memset(out, 0, sizeof(*out));
	out->af.slot = -1;
	out->name = strdup(name);
	if (!path || !out->name) {
		free(path);
		free(out->name);
		out->name = NULL;
		return eg_error_set(err, EG_EIO, name, 0, 0, "out of memory");
	}
	rc = eg_atomic_open(&out->af, path, err);
	free(path);
	if (rc != EG_OK) {
		free(out->name);
		out->name = NULL;
		return rc;
	}
	/* Big tables go out in 256 KiB writes rather than stdio's 4 KiB; without the memory, 4 KiB. */
	out->iobuf = malloc(IOBUF_SIZE);
	if (out->iobuf && setvbuf(out->af.fp, out->iobuf, _IOFBF, IOBUF_SIZE) != 0) {
		free(out->iobuf);
		out->iobuf = NULL;
	}
	eg_csv_writer_init(&out->w, out->af.fp);
	eg_csv_write_header(&out->w, columns);
	return EG_OK;
}

void eg_table_output_end_row(struct eg_table_output *out)
{
	eg_csv_end_row(&out->w);
	out->rows++;
}

int eg_table_output_commit(struct eg_table_output *out, struct eg_error *err)
{
	int rc = eg_atomic_commit(&out->af, err);

	/* The stream is closed now: its buffer can go. */
	free(out->iobuf);
	out->iobuf = NULL;
	free(out->name);
	out->name = NULL;
	return rc;
}

void eg_table_output_abort(struct eg_table_output *out)
{
	eg_atomic_abort(&out->af);
	free(out->iobuf);
	out->iobuf = NULL;
	free(out->name);
	out->name = NULL;
}
