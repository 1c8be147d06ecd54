/*
 * test_input.c - opening an input plain or through a decompressor: a plain
 * file read as it is, .gz and .xz files read through gzip -dc and xz -dc
 * (made in the test with the same tools), a corrupt or truncated archive
 * reported as EG_EIO when the reading ends, a missing file as EG_EIO at
 * open, closing while a decompressor is still writing, and a FIFO read once
 * and read again, whole, by a second open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engage/input.h"

#define TEXT "order_id,total\n1001,12.50\n1002,7.25\n"
#define GZ_GARBAGE                                                                                 \
	"\x1f\x8b"                                                                                 \
	" garbage after a gzip magic\n" /* a gzip header, then nonsense */

/* scratch/name in path (1200 bytes). */
static char *at(char *path, const char *name)
{
	snprintf(path, 1200, "%s/%s", scratch, name);
	return path;
}

/* Runs "tool -c scratch/name > scratch/name.ext" (tool: gzip or xz). */
static void compress(const char *tool, const char *name, const char *ext)
{
	char cmd[3000], src[1200], dst[1300];

	at(src, name);
	snprintf(dst, sizeof(dst), "%s%s", src, ext);
	snprintf(cmd, sizeof(cmd), "%s -c '%s' > '%s'", tool, src, dst);
	assert_int_equal(system(cmd), 0);
}

static int saved_stderr = -1; /* stderr while a failing decompressor runs */

/* Sends stderr (which a decompressor inherits) to /dev/null until loud(). */
static void quiet(void)
{
	FILE *null = fopen("/dev/null", "w");

	assert_non_null(null);
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	dup2(fileno(null), STDERR_FILENO);
	fclose(null);
}

static void loud(void)
{
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	saved_stderr = -1;
}

/* Reads in to its end into buf (size n, NUL-terminated); returns the bytes read. */
static size_t read_all(struct eg_input *in, char *buf, size_t n)
{
	size_t got = 0;
	ssize_t k;

	while (got + 1 < n && (k = read(in->fd, buf + got, n - 1 - got)) > 0)
		got += (size_t)k;
	buf[got] = '\0';
	return got;
}

static void input_reads_a_plain_file_as_it_is(void **state)
{
	struct eg_input in;
	struct eg_error err;
	char path[1200], buf[256];

	(void)state;
	put("orders.csv", TEXT);
	assert_int_equal(eg_input_open(&in, at(path, "orders.csv"), &err), EG_OK);
	assert_true(in.fd >= 0);
	assert_int_equal(in.child, 0);
	assert_int_equal(read_all(&in, buf, sizeof(buf)), strlen(TEXT));
	assert_string_equal(buf, TEXT);
	assert_int_equal(eg_input_finish(&in, path, &err), EG_OK);
	eg_input_close(&in);
	assert_int_equal(in.fd, -1);
	/* closing again is a no-op */
	eg_input_close(&in);
}

static void input_reads_a_gz_file_through_gzip(void **state)
{
	struct eg_input in;
	struct eg_error err;
	char path[1200], buf[256];

	(void)state;
	put("orders.csv", TEXT);
	compress("gzip", "orders.csv", ".gz");
	assert_int_equal(eg_input_open(&in, at(path, "orders.csv.gz"), &err), EG_OK);
	assert_true(in.child > 0);
	read_all(&in, buf, sizeof(buf));
	assert_string_equal(buf, TEXT);
	assert_int_equal(eg_input_finish(&in, path, &err), EG_OK);
	assert_int_equal(in.child, 0);
	eg_input_close(&in);
}

static void input_reads_an_xz_file_through_xz(void **state)
{
	struct eg_input in;
	struct eg_error err;
	char path[1200], buf[256];

	(void)state;
	put("orders.csv", TEXT);
	compress("xz", "orders.csv", ".xz");
	assert_int_equal(eg_input_open(&in, at(path, "orders.csv.xz"), &err), EG_OK);
	assert_true(in.child > 0);
	read_all(&in, buf, sizeof(buf));
	assert_string_equal(buf, TEXT);
	assert_int_equal(eg_input_finish(&in, path, &err), EG_OK);
	eg_input_close(&in);
}

static void input_corrupt_xz_is_io_error_when_reading_ends(void **state)
{
	struct eg_input in;
	struct eg_error err;
	int rc;
	char path[1200], buf[256];

	(void)state;
	put_bytes("orders.csv.xz", "this is not an xz archive\n", 26);
	/* The decompressor starts; its failure is known only at the end. */
	quiet(); /* the decompressor inherits stderr at its start: its complaint is expected */
	rc = eg_input_open(&in, at(path, "orders.csv.xz"), &err);
	loud();
	assert_int_equal(rc, EG_OK);
	read_all(&in, buf, sizeof(buf));
	eg_error_clear(&err);
	assert_int_equal(eg_input_finish(&in, path, &err), EG_EIO);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.message, "corrupt"));
	eg_input_close(&in);
}

static void input_truncated_xz_is_io_error_when_reading_ends(void **state)
{
	struct eg_input in;
	struct eg_error err;
	int rc;
	char path[1200], buf[256], whole[1300];
	struct stat st;

	(void)state;
	put("orders.csv", TEXT);
	compress("xz", "orders.csv", ".xz");
	/* Cut the archive in half. */
	snprintf(whole, sizeof(whole), "%s/orders.csv.xz", scratch);
	assert_int_equal(stat(whole, &st), 0);
	assert_int_equal(truncate(whole, st.st_size / 2), 0);
	quiet(); /* the decompressor inherits stderr at its start: its complaint is expected */
	rc = eg_input_open(&in, at(path, "orders.csv.xz"), &err);
	loud();
	assert_int_equal(rc, EG_OK);
	read_all(&in, buf, sizeof(buf));
	assert_int_equal(eg_input_finish(&in, path, &err), EG_EIO);
	eg_input_close(&in);
}

static void input_corrupt_gz_is_io_error_when_reading_ends(void **state)
{
	struct eg_input in;
	struct eg_error err;
	int rc;
	char path[1200], buf[256];

	(void)state;
	put_bytes("orders.csv.gz", GZ_GARBAGE, sizeof(GZ_GARBAGE) - 1);
	quiet(); /* the decompressor inherits stderr at its start: its complaint is expected */
	rc = eg_input_open(&in, at(path, "orders.csv.gz"), &err);
	loud();
	assert_int_equal(rc, EG_OK);
	read_all(&in, buf, sizeof(buf));
	assert_int_equal(eg_input_finish(&in, path, &err), EG_EIO);
	eg_input_close(&in);
}

static void input_missing_file_is_io_error_naming_it(void **state)
{
	struct eg_input in;
	struct eg_error err;
	char path[1200];

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_input_open(&in, at(path, "none.csv"), &err), EG_EIO);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.message, "none.csv"));
	assert_int_equal(in.fd, -1);
	assert_int_equal(in.child, 0);
	/* a compressed name is looked for before any decompressor runs */
	assert_int_equal(eg_input_open(&in, at(path, "none.csv.xz"), &err), EG_EIO);
	assert_int_equal(in.child, 0);
	assert_int_equal(eg_input_open(&in, at(path, "none.csv.gz"), &err), EG_EIO);
	assert_int_equal(in.child, 0);
	eg_input_close(&in);
}

static void input_close_stops_a_decompressor_still_writing(void **state)
{
	struct eg_input in;
	struct eg_error err;
	char path[1200], buf[16];
	char *big = malloc(4 << 20);
	size_t i;

	(void)state;
	assert_non_null(big);
	/* 4 MiB of text: far more than a pipe holds, so gzip is still writing. */
	for (i = 0; i < (4u << 20); i++)
		big[i] = (char)('a' + i % 26);
	put_bytes("big.csv", big, 4u << 20);
	free(big);
	compress("gzip", "big.csv", ".gz");
	assert_int_equal(eg_input_open(&in, at(path, "big.csv.gz"), &err), EG_OK);
	assert_true(read(in.fd, buf, sizeof(buf)) > 0);
	eg_input_close(&in);
	assert_int_equal(in.fd, -1);
	assert_int_equal(in.child, 0);
}

static void input_fifo_opened_twice_reads_the_same_bytes(void **state)
{
	struct eg_input in;
	struct eg_error err;
	char path[1200], buf[256];
	pid_t writer;
	int status;

	(void)state;
	assert_int_equal(mkfifo(at(path, "orders.fifo"), 0600), 0);
	writer = fork();
	assert_true(writer >= 0);
	if (writer == 0) {
		FILE *fp = fopen(path, "wb");

		_exit(fp && fputs(TEXT, fp) >= 0 && fclose(fp) == 0 ? 0 : 1);
	}
	assert_int_equal(eg_input_open(&in, path, &err), EG_OK);
	assert_int_equal(read_all(&in, buf, 8), 7); /* the head only, as extract reads it */
	eg_input_close(&in);
	assert_int_equal(waitpid(writer, &status, 0), writer);
	assert_int_equal(status, 0);
	/* The writer is gone: the second open reads the copy, from its start. */
	assert_int_equal(eg_input_open(&in, path, &err), EG_OK);
	assert_int_equal(read_all(&in, buf, sizeof(buf)), strlen(TEXT));
	assert_string_equal(buf, TEXT);
	eg_input_close(&in);
}

static void input_folder_is_refused(void **state)
{
	struct eg_input in;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_input_open(&in, scratch, &err), EG_EIO);
	assert_non_null(strstr(err.message, "Is a directory"));
	assert_int_equal(in.fd, -1);
}

TEST_MAIN_WITH(scratch_setup, scratch_teardown, cmocka_unit_test(input_reads_a_plain_file_as_it_is),
	       cmocka_unit_test(input_reads_a_gz_file_through_gzip),
	       cmocka_unit_test(input_reads_an_xz_file_through_xz),
	       cmocka_unit_test(input_corrupt_xz_is_io_error_when_reading_ends),
	       cmocka_unit_test(input_truncated_xz_is_io_error_when_reading_ends),
	       cmocka_unit_test(input_corrupt_gz_is_io_error_when_reading_ends),
	       cmocka_unit_test(input_missing_file_is_io_error_naming_it),
	       cmocka_unit_test(input_close_stops_a_decompressor_still_writing),
	       cmocka_unit_test(input_fifo_opened_twice_reads_the_same_bytes),
	       cmocka_unit_test(input_folder_is_refused))
