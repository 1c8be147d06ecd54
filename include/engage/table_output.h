/*
 * table_output.h - one output table of a stage: an atomic file with a CSV
 * writer on it, its header written at open and its data rows counted.
 */
#ifndef ENGAGE_TABLE_OUTPUT_H
#define ENGAGE_TABLE_OUTPUT_H

#include <stdint.h>

#include "engage/atomic_file.h"
#include "engage/csv_table.h"
#include "engage/error.h"

/* An output table being written. */
struct eg_table_output {
	struct eg_atomic_file af; /* the file, renamed into place on commit */
	struct eg_csv_writer w;	  /* writer on af.fp */
	int64_t rows;		  /* data rows ended with eg_table_output_end_row */
	char *name;		  /* file name inside the folder, owned */
	char *iobuf;		  /* af.fp's stdio buffer (large, for fewer writes), owned */
};

/*
 * Opens dir/name for writing and writes the NULL-terminated header columns.
 * On failure returns EG_EIO and leaves out closed.
 */
int eg_table_output_open(struct eg_table_output *out, const char *dir, const char *name,
			 const char *const *columns, struct eg_error *err);

/* Ends the current data row and counts it. */
void eg_table_output_end_row(struct eg_table_output *out);

/* Commits the file into place (see eg_atomic_commit); out is closed after. */
int eg_table_output_commit(struct eg_table_output *out, struct eg_error *err);

/* Abandons the file, leaving any previous one in place. A closed out is a no-op. */
void eg_table_output_abort(struct eg_table_output *out);

#endif
