/*
 * manifest.h - the row accounting of one stage run.
 *
 * Every stage records, per input file, rows read, written, rejected (with a
 * count per reason code) and merged into another row, and asserts
 * read = written + rejected + merged before it writes the manifest. The
 * manifest also carries the stage's parameters and its outputs' row counts.
 * It is a long CSV, `<stage>.manifest.csv` beside the outputs:
 *
 *   stage,section,name,key,value
 *   extract,param,,source,shopify_orders
 *   extract,input,orders_export.csv,read,120
 *   extract,reject,orders_export.csv,ragged_row,1
 *   extract,output,orders.csv,rows,57
 *   compute,stat,orders.csv,test_orders,1
 *   extract,unread,raw/notes.csv,reason,header matches no known source
 *   extract,unread,raw/notes.csv,closest,"zendesk_tickets, which also needs ..."
 *
 * An `unread` row speaks of an input file the stage did not read (it is not
 * part of the row accounting): why (`reason`), and the sources that came
 * closest to fitting it with what each lacks (`closest`, one row each).
 * render reads these files back for the Data quality sheet.
 */
#ifndef ENGAGE_MANIFEST_H
#define ENGAGE_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "engage/atomic_file.h"
#include "engage/error.h"

/* Row counts of one input file. */
struct eg_manifest_counts {
	int64_t read;	  /* data rows read (header not counted) */
	int64_t written;  /* rows that went to an output */
	int64_t rejected; /* rows that went to the rejects file */
	int64_t merged;	  /* rows folded into another row (duplicates, continuations) */
};

struct eg_manifest;

/* Starts a manifest for stage; NULL on out of memory. Free with eg_manifest_free. */
struct eg_manifest *eg_manifest_new(const char *stage);

/* Frees m. NULL is a no-op. */
void eg_manifest_free(struct eg_manifest *m);

/* Records a parameter (copied). Returns EG_EIO on out of memory. */
int eg_manifest_param(struct eg_manifest *m, const char *key, const char *value);

/*
 * The counts of input file name, created at zero on first use (name copied).
 * The pointer stays owned by m and valid until m is freed. NULL on out of memory.
 */
struct eg_manifest_counts *eg_manifest_input(struct eg_manifest *m, const char *name);

/* Counts one rejected row of input name under reason (both copied). */
int eg_manifest_reject(struct eg_manifest *m, const char *name, const char *reason);

/*
 * Records a figure about input name that is not part of the balance, such
 * as how many orders were test orders (name and key copied).
 */
int eg_manifest_stat(struct eg_manifest *m, const char *name, const char *key, int64_t value);

/*
 * Records a line about input file name that was not read: key "reason"
 * (why) or "closest" (a source that came close and what it lacks), value
 * the text (all copied). Returns EG_EIO on out of memory.
 */
int eg_manifest_unread(struct eg_manifest *m, const char *name, const char *key, const char *value);

/* Records that output name holds rows data rows. */
int eg_manifest_output(struct eg_manifest *m, const char *name, int64_t rows);

/* Sums the counts of every input into *sum. */
void eg_manifest_totals(const struct eg_manifest *m, struct eg_manifest_counts *sum);

/*
 * Checks read = written + rejected + merged for every input, and that the
 * per-reason reject counts add up. EG_EINTERNAL naming the input when not.
 */
int eg_manifest_check(const struct eg_manifest *m, struct eg_error *err);

/*
 * Checks the accounting, then writes m to a settled temporary file af for
 * path (see eg_atomic_settle); the caller publishes or aborts af.
 */
int eg_manifest_settle(const struct eg_manifest *m, const char *path, struct eg_atomic_file *af,
		       struct eg_error *err);

/* Checks the accounting, then writes m atomically to path. */
int eg_manifest_write(const struct eg_manifest *m, const char *path, struct eg_error *err);

/*
 * Reads parameter key of the manifest file at path into buf (n bytes);
 * returns buf, or NULL when the file cannot be read, has no such
 * parameter or its value does not fit.
 */
const char *eg_manifest_read_param(const char *path, const char *key, char *buf, size_t n);

#endif
