/*
 * rejects.h - the rejects file: every row a stage could not use, with why.
 *
 * Columns: source_file, source_line, reason (a stable snake_case code such as
 * ragged_row or bad_amount), message (for a person), original (the row's
 * fields as one CSV line, exactly as read, except that a byte that is not
 * valid UTF-8, and a NUL, is written as \xNN). Written atomically like any
 * output; each added row is also counted in the stage's manifest.
 */
#ifndef ENGAGE_REJECTS_H
#define ENGAGE_REJECTS_H

#include <stdint.h>

#include "engage/csv_table.h"
#include "engage/error.h"
#include "engage/manifest.h"
#include "engage/pattern.h"
#include "engage/pseudonym.h"
#include "engage/table_output.h"

/* An open rejects file. */
struct eg_rejects {
	struct eg_table_output out;	      /* rejects.csv being written */
	struct eg_manifest *m;		      /* manifest the rejects are counted in, borrowed */
	const struct eg_pseudonym *pseudonym; /* when set, personal fields of originals are
					       * written as pseudonyms; borrowed */
	struct eg_pattern *personal; /* header names of personal fields (email, name, phone,
				      * address), owned, made with the pseudonym */
};

/*
 * Opens dir/rejects.csv for rejects counted in m (borrowed, must outlive r)
 * and writes the header. EG_EIO on failure.
 */
int eg_rejects_open(struct eg_rejects *r, const char *dir, struct eg_manifest *m,
		    struct eg_error *err);

/*
 * Adds the current row of reader as rejected for reason, with message, and
 * counts it in the manifest under the reader's file. The row is traced to
 * source_file:source_line, the raw export it came from; NULL means the
 * reader's own file and line. EG_EIO on out of memory.
 */
int eg_rejects_add(struct eg_rejects *r, const struct eg_csv_reader *reader,
		   const char *source_file, const char *source_line, const char *reason,
		   const char *message);

/*
 * From now on, writes the original fields under personal-looking headers
 * (email, name, phone, address, street, city, zip, postcode) as their
 * pseudonyms (pseudonym.h; p is borrowed and must outlive r).
 */
void eg_rejects_set_pseudonym(struct eg_rejects *r, const struct eg_pseudonym *p);

/* Commits the file (see eg_atomic_commit). */
int eg_rejects_commit(struct eg_rejects *r, struct eg_error *err);

/* Abandons the file, leaving any previous one in place. */
void eg_rejects_abort(struct eg_rejects *r);

#endif
