/*
 * test_scratch.h - a scratch folder for a unit test binary: made under
 * $TMPDIR (or /tmp) before each test, filled with put(), read back with
 * scratch_read(), emptied and removed after. Included by tests only; each
 * includer gets its own copy.
 */
#ifndef ENGAGE_TEST_SCRATCH_H
#define ENGAGE_TEST_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char scratch[512]; /* the current test's folder */

/* Makes a new scratch folder named after the test binary; -1 on failure. */
static int scratch_make(const char *name)
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
static int scratch_remove(void)
{
	return scratch_remove_tree(scratch);
}

/* Writes text to scratch/name, asserting it worked (inline: not every includer writes files). */
static inline void put(const char *name, const char *text)
{
	char path[1200];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* The whole of scratch/name as a string to free, asserting it could be read. */
static inline char *scratch_read(const char *name)
{
	char path[1200], *text;
	FILE *fp;
	long size;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
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
	return text;
}

#endif
