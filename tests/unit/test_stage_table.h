/*
 * One of compute's tables written by its module into the scratch folder,
 * for the unit tests of modules that write a table (email periods, spend
 * by campaign, email flows); dir_table_is and dir_table_refused for a
 * writer that only needs the folder. Included by tests only, after
 * cmocka.h and test_scratch.h; each includer gets its own copy.
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

/* A table written by fn from the scratch folder into scratch/file with the columns. */
struct dir_table {
	const char *file;
	const char *const *columns;
	dir_table_fn fn;
};

/* Runs the dir_table in ctx over the scratch folder (a stage_table_fn). */
static inline int dir_table_run(void *ctx, struct eg_manifest *m, struct eg_table_output *out,
				struct eg_error *err)
{
	return ((const struct dir_table *)ctx)->fn(scratch, m, out, err);
}

/* Asserts that table t is written from the scratch folder and holds exactly want. */
static inline void dir_table_is(const struct dir_table *t, const char *want)
{
	struct eg_error err;

	assert_int_equal(stage_table_write(t->file, t->columns, dir_table_run, (void *)t, &err),
			 EG_OK);
	file_is(t->file, want);
}

/* Asserts that table t is refused as bad data at line, its message holding message. */
static inline void dir_table_refused(const struct dir_table *t, long line, const char *message)
{
	struct eg_error err;

	assert_int_equal(stage_table_write(t->file, t->columns, dir_table_run, (void *)t, &err),
			 EG_EDATA);
	assert_int_equal(err.line, line);
	assert_non_null(strstr(err.message, message));
}

#endif
