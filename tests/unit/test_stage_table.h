/*
 * One of compute's tables written by its module into the scratch folder,
 * for the unit tests of modules that write a table (email periods, spend
 * by campaign, email flows); stage_table_write_dir for a writer that only
 * needs the folder. Included by tests only, after cmocka.h and test_scratch.h;
 * each includer gets its own copy.
 */
#ifndef ENGAGE_TEST_STAGE_TABLE_H
#define ENGAGE_TEST_STAGE_TABLE_H

#include "engage/stage.h"

/* Writes a table's rows to out, reading what it needs from the scratch folder. */
typedef int (*stage_table_fn)(void *ctx, struct eg_manifest *m, struct eg_table_output *out,
			      struct eg_error *err);

/*
 * Runs fn(ctx, ...) as compute over scratch into scratch/file with the
 * columns; the status fn returned (the stage finished when it is EG_OK).
 */
static inline int stage_table_write(const char *file, const char *const *columns,
				    stage_table_fn fn, void *ctx, struct eg_error *err)
{
	struct eg_stage st;
	struct eg_table_output *out;
	int rc;

	assert_int_equal(eg_stage_begin(&st, "compute", scratch, 0, err), EG_OK);
	out = eg_stage_output(&st, file, columns, err);
	assert_non_null(out);
	rc = fn(ctx, st.m, out, err);
	if (rc == EG_OK)
		assert_int_equal(eg_stage_finish(&st, err), EG_OK);
	eg_stage_end(&st);
	return rc;
}

/* A module's writer of a table from what it reads in folder dir. */
typedef int (*dir_table_fn)(const char *dir, struct eg_manifest *m, struct eg_table_output *out,
			    struct eg_error *err);

/* The dir_table_fn that stage_table_write_dir runs, as ctx. */
struct dir_table_writer {
	dir_table_fn fn;
};

/* Runs the dir_table_fn in ctx over the scratch folder (a stage_table_fn). */
static inline int dir_table_run(void *ctx, struct eg_manifest *m, struct eg_table_output *out,
				struct eg_error *err)
{
	return ((struct dir_table_writer *)ctx)->fn(scratch, m, out, err);
}

/* Writes scratch/file with the columns by fn(scratch, ...) as stage_table_write; the status. */
static inline int stage_table_write_dir(const char *file, const char *const *columns,
					dir_table_fn fn, struct eg_error *err)
{
	struct dir_table_writer w = { fn };

	return stage_table_write(file, columns, dir_table_run, &w, err);
}

#endif
