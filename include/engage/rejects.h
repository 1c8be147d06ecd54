/*
 * rejects.h - the rejects file: every row a stage could not use, with why.
 *
 * Columns: source_file (the raw export's path, not its short id),
 * source_line, reason (a stable snake_case code such as
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
	const struct eg_pseudonym *pseudonym; /* when set, originals and messages are written
					       * under the rule of personal_data.h; borrowed */
	struct eg_pattern *emails;	      /* emails inside text, owned, made with the pseudonym */
	const unsigned char *plain; /* per header column of the file being read: 1 when the
				     * source maps it to a field that is not personal;
				     * borrowed, NULL when none is */
	size_t nplain;		    /* entries at plain */
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
 * source_file:source_line, the raw export (its path) it came from; NULL
 * means the reader's own file and line. EG_EIO on out of memory.
 */
int eg_rejects_add(struct eg_rejects *r, const struct eg_csv_reader *reader,
		   const char *source_file, const char *source_line, const char *reason,
		   const char *message);

/*
 * From now on, writes rejected rows under the rule of personal_data.h with
 * the key p (borrowed, must outlive r): a field of the original as it is only
 * when its column is one eg_rejects_set_plain marks and the row is as wide
 * as its header, empty padding aside (cells of a ragged row cannot be told
 * apart), every other non-empty field as its pseudonym, and emails inside
 * the fields kept and the message as their pseudonyms. EG_EIO when out of
 * memory.
 */
int eg_rejects_set_pseudonym(struct eg_rejects *r, const struct eg_pseudonym *p,
			     struct eg_error *err);

/*
 * Marks the header columns of the file being read whose values are not
 * personal: plain[i] is 1 for column i (n entries, borrowed until the next
 * call; NULL for none). Only read under a key.
 */
void eg_rejects_set_plain(struct eg_rejects *r, const unsigned char *plain, size_t n);

/* Commits the file (see eg_atomic_commit). */
int eg_rejects_commit(struct eg_rejects *r, struct eg_error *err);

/* Abandons the file, leaving any previous one in place. */
void eg_rejects_abort(struct eg_rejects *r);

#endif
