/*
 * test_scratch.h - the scratch folder of a unit test binary, shared by
 * every unit test that reads or writes files: made under $TMPDIR (or /tmp)
 * by scratch_make() (or the cmocka fixtures scratch_setup, or
 * scratch_setup_utc with times read in UTC, and scratch_teardown;
 * SCRATCH_TEST(fn) runs a test between them), filled with put() or
 * put_bytes() (table_put() and kpis_put() load what they write), named
 * with scratch_path(), read back with scratch_read() or
 * compared whole with file_is() (path_read() and path_is() for a file
 * elsewhere), counted with dir_entries(), emptied and removed by
 * scratch_remove(). scratch_enter() and scratch_leave() run a test inside
 * it, beside a fake stage program, with a pipeline read by
 * pipeline_load(). A module's table is written into it between
 * table_open() and table_commit(). Included by tests only, after cmocka.h;
 * each includer gets its own copy.
 */
#ifndef ENGAGE_TEST_SCRATCH_H
#define ENGAGE_TEST_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engage/data_table.h"
#include "engage/pipeline.h"
#include "engage/report.h"
#include "engage/table_output.h"
#include "engage/timezone.h"

static char scratch[512]; /* the current test's folder */

/* Makes a new scratch folder $TMPDIR/name.XXXXXX; -1 on failure. */
static inline int scratch_make(const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(scratch, sizeof(scratch), "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
	return mkdtemp(scratch) ? 0 : -1;
}

/* Removes folder dir and everything in it, subfolders too; the rmdir status. */
static int scratch_remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1200];

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (unlink(path) != 0)
			scratch_remove_tree(path);
	}
	closedir(d);
	return rmdir(dir);
}

/* Removes the scratch folder and what is in it (0 when a test removed it); the rmdir status. */
static inline int scratch_remove(void)
{
	return scratch_remove_tree(scratch);
}

/* A cmocka setup: a new scratch folder (named "engage-unit"); -1 on failure. */
static inline int scratch_setup(void **state)
{
	(void)state;
	return scratch_make("engage-unit");
}

/* A cmocka teardown: removes the scratch folder and what is in it; the rmdir status. */
static inline int scratch_teardown(void **state)
{
	(void)state;
	return scratch_remove();
}

/* A cmocka setup: scratch_setup's folder, with times read in UTC; -1 on failure. */
static inline int scratch_setup_utc(void **state)
{
	struct eg_error err;

	if (scratch_setup(state))
		return -1;
	return eg_tz_select("UTC", &err) == EG_OK ? 0 : -1;
}

/* A cmocka test fn run in a scratch folder of its own, made before and removed after. */
#define SCRATCH_TEST(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

/*
 * The path of scratch/name in a static buffer, one of sixteen taken in turn:
 * valid until the sixteenth call after (inline: not every includer names files).
 */
static inline const char *scratch_path(const char *name)
{
	static char paths[16][1200];
	static unsigned next;
	char *path = paths[next++ % 16];

	snprintf(path, sizeof(paths[0]), "%s/%s", scratch, name);
	return path;
}

/* Writes len bytes at data to scratch/name, asserting it worked; its path, as scratch_path's. */
static inline const char *put_bytes(const char *name, const char *data, size_t len)
{
	const char *path = scratch_path(name);
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* Writes text to scratch/name, asserting it worked; its path, as scratch_path's. */
static inline const char *put(const char *name, const char *text)
{
	return put_bytes(name, text, strlen(text));
}

/* Writes text to scratch/name and loads it into t (release it), asserting it worked. */
static inline void table_put(struct eg_data_table *t, const char *name, const char *text)
{
	struct eg_error err;

	assert_int_equal(eg_data_table_load(t, put(name, text), NULL, NULL, &err), EG_OK);
}

/* Writes text to scratch/kpis.csv and loads it into rep (release it) for month, asserting it. */
static inline void kpis_put(struct eg_report *rep, const char *text, const char *month)
{
	struct eg_error err;

	assert_int_equal(eg_report_load(rep, put("kpis.csv", text), month, &err), EG_OK);
}

static char scratch_old_cwd[4096]; /* the folder scratch_enter left */

/*
 * Makes the scratch folder and moves into it, with a folder data and a
 * program bin/fake that exits 0 (a stage for the runner's tests); 0, or -1
 * on failure. A cmocka setup.
 */
static inline int scratch_enter(void **state)
{
	(void)state;
	if (scratch_make("engage-unit") || !getcwd(scratch_old_cwd, sizeof(scratch_old_cwd)) ||
	    chdir(scratch) != 0 || mkdir("bin", 0777) != 0 || mkdir("data", 0777) != 0)
		return -1;
	put("bin/fake", "#!/bin/sh\nexit 0\n");
	return chmod("bin/fake", 0755);
}

/*
 * Parses text as t.pipeline into pl, sets its variable month when month is
 * not NULL and finds its programs in bin/, asserting each step worked; the
 * caller releases pl.
 */
static inline void pipeline_load(struct eg_pipeline *pl, const char *text, const char *month)
{
	struct eg_error err;

	eg_error_clear(&err);
	assert_int_equal(eg_pipeline_parse(pl, "t.pipeline", text, strlen(text), &err), EG_OK);
	if (month)
		assert_int_equal(eg_pipeline_set_var(pl, "month", month, &err), EG_OK);
	if (eg_pipeline_resolve(pl, "bin", &err) != EG_OK)
		fail_msg("resolve: %s", err.message);
}

/* A cmocka teardown: moves back to the folder scratch_enter left and removes the scratch folder. */
static inline int scratch_leave(void **state)
{
	(void)state;
	if (chdir(scratch_old_cwd) != 0)
		return -1;
	return scratch_remove() == 0 ? 0 : -1;
}

/*
 * The whole of the file at path as a string to free, asserting it could be
 * read; its length in *len when len is not NULL.
 */
static inline char *path_read(const char *path, size_t *len)
{
	char *text;
	FILE *fp;
	long size;

	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size >= 0);
	rewind(fp);
	text = calloc((size_t)size + 1, 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	if (len)
		*len = (size_t)size;
	return text;
}

/* The whole of scratch/name as a string to free, asserting it could be read. */
static inline char *scratch_read(const char *name)
{
	return path_read(scratch_path(name), NULL);
}

/* Asserts that the file at path holds exactly text, byte for byte. */
static inline void path_is(const char *path, const char *text)
{
	size_t len;
	char *got = path_read(path, &len);

	assert_string_equal(got, text);
	assert_int_equal(len, strlen(text));
	free(got);
}

/* Asserts that scratch/name holds exactly text, byte for byte. */
static inline void file_is(const char *name, const char *text)
{
	path_is(scratch_path(name), text);
}

/* How many entries folder dir holds (hidden ones too, "." and ".." not), asserting it opens. */
static inline int dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* Opens scratch/file as a table with columns into out, asserting it worked. */
static inline void table_open(struct eg_table_output *out, const char *file,
			      const char *const *columns)
{
	struct eg_error err;

	assert_int_equal(eg_table_output_open(out, scratch, file, columns, &err), EG_OK);
}

/* Commits out into place, asserting it worked. */
static inline void table_commit(struct eg_table_output *out)
{
	struct eg_error err;

	assert_int_equal(eg_table_output_commit(out, &err), EG_OK);
}

#endif
