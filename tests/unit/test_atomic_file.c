/*
 * test_atomic_file.c - outputs that appear whole or not at all: commit puts
 * the content in place and leaves no temporary file, abort keeps the
 * previous file, failures (a removed folder, an earlier stream error, a
 * missing folder at open) are EG_EIO naming the destination, settle and
 * publish split a commit so several files can change together, a reserved
 * file written by name commits the same way, and a signal removes the
 * temporary files of a dying process.
 *
 * Each test gets a fresh scratch folder, emptied and removed afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engage/atomic_file.h"

static char dest[600]; /* scratch/out.csv */

static int setup(void **state)
{
	(void)state;
	if (scratch_make("test_atomic_file"))
		return -1;
	snprintf(dest, sizeof(dest), "%s/out.csv", scratch);
	return 0;
}

/* Number of entries in scratch; the names, joined by spaces, in names. */
static int entries(char *names, size_t n)
{
	DIR *d = opendir(scratch);
	struct dirent *e;
	int count = 0;

	assert_non_null(d);
	names[0] = '\0';
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		count++;
		if (strlen(names) + strlen(e->d_name) + 2 < n) {
			if (names[0])
				strcat(names, " ");
			strcat(names, e->d_name);
		}
	}
	closedir(d);
	return count;
}

/* Asserts that a call answered EG_EIO (rc and err's status), err naming path as its file. */
static void io_error_on(int rc, const struct eg_error *err, const char *path)
{
	assert_int_equal(rc, EG_EIO);
	assert_int_equal(err->status, EG_EIO);
	assert_string_equal(err->file, path);
}

static void atomic_commit_makes_file_appear_with_content(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	assert_non_null(af.fp);
	assert_string_equal(af.path, dest);
	/* Until the commit, only the temporary file beside it exists. */
	assert_int_equal(access(dest, F_OK), -1);
	assert_int_equal(access(af.tmp_path, F_OK), 0);
	assert_int_equal(strncmp(af.tmp_path, dest, strlen(dest)), 0);
	assert_int_equal(entries(names, sizeof(names)), 1);
	fprintf(af.fp, "id,total\n1,12.50\n");
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	path_is(dest, "id,total\n1,12.50\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_string_equal(names, "out.csv");
	/* af is closed afterwards. */
	assert_null(af.fp);
	assert_null(af.path);
	assert_null(af.tmp_path);
}

static void atomic_commit_replaces_previous_file(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	put("out.csv", "old content that is longer than the new\n");
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("new\n", af.fp);
	path_is(dest, "old content that is longer than the new\n");
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	path_is(dest, "new\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_string_equal(names, "out.csv");
}

static void atomic_commit_of_empty_file_makes_empty_file(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	struct stat st;

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_size, 0);
}

static void atomic_file_mode_follows_umask(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	struct stat st;
	mode_t old = umask(022);

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	umask(old);
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
}

static void atomic_abort_leaves_previous_file_untouched(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	put("out.csv", "previous\n");
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("half a new fi", af.fp);
	fflush(af.fp);
	assert_int_equal(entries(names, sizeof(names)), 2);
	eg_atomic_abort(&af);
	path_is(dest, "previous\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_string_equal(names, "out.csv");
	assert_null(af.fp);
	assert_null(af.tmp_path);
}

static void atomic_abort_of_new_file_leaves_nothing(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("data\n", af.fp);
	eg_atomic_abort(&af);
	assert_int_equal(access(dest, F_OK), -1);
	assert_int_equal(entries(names, sizeof(names)), 0);
}

static void atomic_abort_of_closed_file_is_noop(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("kept\n", af.fp);
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	eg_atomic_abort(&af);
	eg_atomic_abort(&af);
	path_is(dest, "kept\n");
}

static void atomic_commit_of_closed_file_is_internal_error(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	assert_int_equal(eg_atomic_commit(&af, &err), EG_EINTERNAL);
	assert_int_equal(err.status, EG_EINTERNAL);
}

static void atomic_commit_after_folder_removed_is_io_error(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("data\n", af.fp);
	assert_int_equal(unlink(af.tmp_path), 0);
	assert_int_equal(rmdir(scratch), 0);
	eg_error_clear(&err);
	io_error_on(eg_atomic_commit(&af, &err), &err, dest);
	assert_non_null(strstr(err.message, dest));
	assert_null(af.fp);
	assert_null(af.tmp_path);
	assert_int_equal(access(scratch, F_OK), -1);
}

static void atomic_commit_fails_on_earlier_stream_error(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	put("out.csv", "previous\n");
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("data\n", af.fp);
	/* Reading a write-only stream fails and sets its error indicator. */
	assert_int_equal(fgetc(af.fp), EOF);
	assert_true(ferror(af.fp));
	eg_error_clear(&err);
	io_error_on(eg_atomic_commit(&af, &err), &err, dest);
	path_is(dest, "previous\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_string_equal(names, "out.csv");
}

static void atomic_settle_keeps_previous_file_until_publish(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	put("out.csv", "previous\n");
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("new\n", af.fp);
	assert_int_equal(eg_atomic_settle(&af, &err), EG_OK);
	assert_null(af.fp);
	path_is(dest, "previous\n");
	path_is(af.tmp_path, "new\n");
	assert_int_equal(entries(names, sizeof(names)), 2);
	assert_int_equal(eg_atomic_publish(&af, &err), EG_OK);
	path_is(dest, "new\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_null(af.tmp_path);
}

static void atomic_publish_of_unsettled_file_is_internal_error(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	assert_int_equal(eg_atomic_publish(&af, &err), EG_EINTERNAL);
	eg_atomic_abort(&af);
	assert_int_equal(access(dest, F_OK), -1);
}

/* A publish that fails (its folder is gone) aborts the files after it. */
static void atomic_publish_all_stops_at_failure_and_aborts_the_rest(void **state)
{
	struct eg_atomic_file a, b, c, *files[3] = { &a, &b, &c };
	struct eg_error err;
	char sub[700], bpath[800], cpath[700], names[1024];

	(void)state;
	snprintf(sub, sizeof(sub), "%s/sub", scratch);
	snprintf(bpath, sizeof(bpath), "%s/b.csv", sub);
	snprintf(cpath, sizeof(cpath), "%s/c.csv", scratch);
	assert_int_equal(mkdir(sub, 0777), 0);
	put("c.csv", "previous c\n");
	assert_int_equal(eg_atomic_open(&a, dest, &err), EG_OK);
	assert_int_equal(eg_atomic_open(&b, bpath, &err), EG_OK);
	assert_int_equal(eg_atomic_open(&c, cpath, &err), EG_OK);
	fputs("a\n", a.fp);
	fputs("b\n", b.fp);
	fputs("c\n", c.fp);
	assert_int_equal(eg_atomic_settle(&a, &err), EG_OK);
	assert_int_equal(eg_atomic_settle(&b, &err), EG_OK);
	assert_int_equal(eg_atomic_settle(&c, &err), EG_OK);
	assert_int_equal(unlink(b.tmp_path), 0);
	assert_int_equal(rmdir(sub), 0);
	eg_error_clear(&err);
	io_error_on(eg_atomic_publish_all(files, 3, &err), &err, bpath);
	path_is(dest, "a\n");
	path_is(cpath, "previous c\n");
	assert_int_equal(entries(names, sizeof(names)), 2);
	assert_null(b.tmp_path);
	assert_null(c.tmp_path);
}

static void atomic_settle_fails_on_earlier_stream_error_and_removes_temp(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	assert_int_equal(eg_atomic_open(&af, dest, &err), EG_OK);
	fputs("data\n", af.fp);
	assert_int_equal(fgetc(af.fp), EOF);
	eg_error_clear(&err);
	io_error_on(eg_atomic_settle(&af, &err), &err, dest);
	assert_int_equal(entries(names, sizeof(names)), 0);
	assert_null(af.tmp_path);
}

static void atomic_open_in_missing_folder_is_io_error_naming_path(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	const char *path = scratch_path("no-such-folder/out.csv");

	(void)state;
	eg_error_clear(&err);
	io_error_on(eg_atomic_open(&af, path, &err), &err, path);
	assert_non_null(strstr(err.message, path));
	/* af is left closed: abort is a no-op. */
	assert_null(af.fp);
	assert_null(af.path);
	assert_null(af.tmp_path);
	eg_atomic_abort(&af);
}

static void atomic_two_files_in_one_folder_commit_independently(void **state)
{
	struct eg_atomic_file a, b;
	struct eg_error err;
	char other[700], names[1024];

	(void)state;
	snprintf(other, sizeof(other), "%s/rejects.csv", scratch);
	assert_int_equal(eg_atomic_open(&a, dest, &err), EG_OK);
	assert_int_equal(eg_atomic_open(&b, other, &err), EG_OK);
	assert_string_not_equal(a.tmp_path, b.tmp_path);
	fputs("a\n", a.fp);
	fputs("b\n", b.fp);
	eg_atomic_abort(&b);
	assert_int_equal(eg_atomic_commit(&a, &err), EG_OK);
	path_is(dest, "a\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
}

static void atomic_reserve_closes_stream_and_commit_renames_file_written_by_name(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];
	FILE *fp;

	(void)state;
	put("out.csv", "previous\n");
	assert_int_equal(eg_atomic_reserve(&af, dest, &err), EG_OK);
	assert_null(af.fp);
	assert_non_null(af.tmp_path);
	assert_int_equal(access(af.tmp_path, F_OK), 0);
	/* Another library writes the temporary file by its name. */
	fp = fopen(af.tmp_path, "wb");
	assert_non_null(fp);
	fputs("written by name\n", fp);
	assert_int_equal(fclose(fp), 0);
	path_is(dest, "previous\n");
	assert_int_equal(eg_atomic_commit(&af, &err), EG_OK);
	path_is(dest, "written by name\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_string_equal(names, "out.csv");
	assert_null(af.tmp_path);
	assert_int_equal(eg_atomic_commit(&af, &err), EG_EINTERNAL);
}

static void atomic_reserve_then_abort_leaves_previous_file(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	char names[1024];

	(void)state;
	put("out.csv", "previous\n");
	assert_int_equal(eg_atomic_reserve(&af, dest, &err), EG_OK);
	eg_atomic_abort(&af);
	path_is(dest, "previous\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_null(af.tmp_path);
}

static void atomic_reserve_commit_after_folder_removed_is_io_error(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_atomic_reserve(&af, dest, &err), EG_OK);
	assert_int_equal(unlink(af.tmp_path), 0);
	assert_int_equal(rmdir(scratch), 0);
	eg_error_clear(&err);
	io_error_on(eg_atomic_commit(&af, &err), &err, dest);
	assert_null(af.tmp_path);
}

static void atomic_reserve_in_missing_folder_is_io_error_naming_path(void **state)
{
	struct eg_atomic_file af;
	struct eg_error err;
	const char *path = scratch_path("no-such-folder/report.xlsx");

	(void)state;
	eg_error_clear(&err);
	io_error_on(eg_atomic_reserve(&af, path, &err), &err, path);
	assert_null(af.tmp_path);
}

static void atomic_signal_removes_temp_files(void **state)
{
	char names[1024];
	int status;
	pid_t pid;

	(void)state;
	put("out.csv", "previous\n");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct eg_atomic_file af;
		struct eg_error err;

		eg_atomic_cleanup_on_signal();
		if (eg_atomic_open(&af, dest, &err) != EG_OK)
			_exit(10);
		fputs("partial\n", af.fp);
		fflush(af.fp);
		raise(SIGTERM);
		_exit(11);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGTERM);
	path_is(dest, "previous\n");
	assert_int_equal(entries(names, sizeof(names)), 1);
	assert_string_equal(names, "out.csv");
}

static void atomic_sweep_removes_only_temporaries(void **state)
{
	char names[512];
	const char *keep[] = { "out.csv", "out.csv.tmp.short", "out.csv.tmp.abcdefg", "a.tmp.x",
			       "other.csv" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(keep) / sizeof(*keep); i++)
		put(keep[i], "kept");
	put("out.csv.tmp.Ab3dE9", "left by a killed writer");
	put("other.csv.tmp.zZ0123", "left by another writer");
	/* By name: only out.csv's temporary goes. */
	eg_atomic_sweep(scratch, "out.csv");
	assert_int_equal(entries(names, sizeof(names)), 6);
	assert_null(strstr(names, "out.csv.tmp.Ab3dE9"));
	assert_non_null(strstr(names, "other.csv.tmp.zZ0123"));
	/* Any name: every temporary goes, everything else stays. */
	eg_atomic_sweep(scratch, NULL);
	assert_int_equal(entries(names, sizeof(names)), 5);
	assert_null(strstr(names, "other.csv.tmp.zZ0123"));
	/* A missing folder is no error. */
	eg_atomic_sweep(scratch_path("none"), NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(atomic_commit_makes_file_appear_with_content, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_sweep_removes_only_temporaries, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_commit_replaces_previous_file, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_commit_of_empty_file_makes_empty_file, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_file_mode_follows_umask, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_abort_leaves_previous_file_untouched, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_abort_of_new_file_leaves_nothing, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_abort_of_closed_file_is_noop, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_commit_of_closed_file_is_internal_error,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_commit_after_folder_removed_is_io_error,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_commit_fails_on_earlier_stream_error, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(
			atomic_open_in_missing_folder_is_io_error_naming_path, setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_two_files_in_one_folder_commit_independently,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(
			atomic_reserve_closes_stream_and_commit_renames_file_written_by_name, setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_reserve_then_abort_leaves_previous_file,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(
			atomic_reserve_commit_after_folder_removed_is_io_error, setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(
			atomic_reserve_in_missing_folder_is_io_error_naming_path, setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_signal_removes_temp_files, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_settle_keeps_previous_file_until_publish,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(atomic_publish_of_unsettled_file_is_internal_error,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(
			atomic_publish_all_stops_at_failure_and_aborts_the_rest, setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(
			atomic_settle_fails_on_earlier_stream_error_and_removes_temp, setup,
			scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
