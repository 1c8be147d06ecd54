/*
 * stage.h - the frame every stage runs in: its output folder, its output
 * tables, its rejects file and its manifest, committed together at the end.
 *
 * A stage begins (the output folder is checked before any work), opens its
 * outputs, does its work, and finishes: the row accounting is checked, every
 * output is renamed into place and the manifest is written last, since it
 * vouches for the files beside it. A stage that fails ends without
 * finishing, and every output it had open is removed, so the previous
 * outputs stay as they were.
 */
#ifndef ENGAGE_STAGE_H
#define ENGAGE_STAGE_H

#include "engage/error.h"
#include "engage/manifest.h"
#include "engage/rejects.h"
#include "engage/table_output.h"

#define EG_STAGE_MAX_OUTPUTS 24

/* One run of a stage. */
struct eg_stage {
	const char *name;				  /* stage name, e.g. "clean" (borrowed) */
	const char *out_dir;				  /* output folder (borrowed) */
	struct eg_manifest *m;				  /* row accounting, owned */
	struct eg_rejects rejects;			  /* rejects.csv, open when has_rejects */
	int has_rejects;				  /* the stage writes a rejects file */
	struct eg_table_output out[EG_STAGE_MAX_OUTPUTS]; /* output tables */
	size_t nout;					  /* outputs opened */
};

/*
 * Starts stage name writing into out_dir (both borrowed, must outlive s):
 * creates and checks the folder, starts the manifest and, when with_rejects,
 * opens rejects.csv. On failure s is ended and the status returned.
 */
int eg_stage_begin(struct eg_stage *s, const char *name, const char *out_dir, int with_rejects,
		   struct eg_error *err);

/*
 * Opens output table file (in the stage's folder) with the NULL-terminated
 * header columns. The returned table stays owned by s; NULL with err filled
 * on failure.
 */
struct eg_table_output *eg_stage_output(struct eg_stage *s, const char *file,
					const char *const *columns, struct eg_error *err);

/*
 * Checks the accounting, commits every output and the rejects file, and
 * writes <name>.manifest.csv. Then ends s.
 */
int eg_stage_finish(struct eg_stage *s, struct eg_error *err);

/* Removes every output not yet committed and frees s's resources. Safe to repeat. */
void eg_stage_end(struct eg_stage *s);

/* Shorthand for out-of-memory failures: fills err and returns EG_EIO. */
int eg_stage_oom(struct eg_error *err);

#endif
