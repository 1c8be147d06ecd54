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
 *   extract,file,f1,path,raw/orders_export.csv
 *   extract,input,orders_export.csv,read,120
 *   extract,reject,orders_export.csv,ragged_row,1
 *   extract,output,orders.csv,rows,57
 *   compute,stat,orders.csv,test_orders,1
 *   extract,unread,raw/notes.csv,reason,header matches no known source
 *   extract,unread,raw/notes.csv,closest,"zendesk_tickets, which also needs ..."
 *
 * A `file` row (extract's) gives the path of a raw file the rows of every
 * table name by a short id in source_file (`f1`, `f2`, ... in the order
 * the files were read), so a row leads back to its raw file and line
 * without repeating the path on every row.
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

/* Records that the rows of raw file path carry id (both copied) in source_file. */
int eg_manifest_file(struct eg_manifest *m, const char *id, const char *path);

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

/* The file rows of a manifest read back: id i stands for raw file paths[i]. */
struct eg_manifest_files {
	char **ids;   /* short ids (f1, ...), owned */
	char **paths; /* the raw files' paths, owned */
	size_t n;     /* entries at ids and paths */
};

/*
 * Reads the file rows of the manifest at path into *f (owned by the
 * caller: eg_manifest_files_release). A manifest that is missing or has no
 * such rows gives an empty table. EG_EIO when out of memory.
 */
int eg_manifest_read_files(const char *path, struct eg_manifest_files *f, struct eg_error *err);

/*
 * The raw file path id stands for, borrowed from f; id itself when f does
 * not know it (a table written before file ids names its path).
 */
const char *eg_manifest_files_path(const struct eg_manifest_files *f, const char *id);

/* Frees what *f holds and empties it. */
void eg_manifest_files_release(struct eg_manifest_files *f);

#endif
