/*
 * fuzz_extract.c - extract's library entry (eg_extract_run) on an arbitrary
 * raw export, as the stage runs it: the bytes are written to a file in a
 * scratch folder (on /dev/shm where there is one, so the outputs' fsync
 * costs nothing) and extracted into another.
 *
 * With FUZZ_SOURCE=NAME in the environment (how `make fuzz` runs it once
 * per mapping of stages/extract/sources), only that mapping is loaded and
 * the source is named, so every input goes through that source's layout;
 * without it, every mapping is loaded and the source recognised from the
 * header, as `extract --in FILE` does. Run from the repository's top
 * folder.
 *
 * Properties: the run either succeeds or stops with a data error (exit 1):
 * never a usage, i/o or internal error (the row accounting read = written +
 * rejected is checked by the stage itself and would be one); after a
 * success every output is CSV whose rows have as many fields as its header.
 */
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engage/csv_table.h"
#include "engage/extract.h"

#define SOURCES "stages/extract/sources"

const char *const fuzz_seeds[] = {
	"fixtures/*/*.csv",
	"fixtures/*/*.tsv",
	"fixtures/klaviyo/monthly/*.csv",
	"fixtures/bad/*",
	NULL,
};

static char work[256];	   /* scratch folder */
static char input[300];	   /* the input file in it */
static char out_dir[300];  /* the output folder in it */
static char map_dir[300];  /* the one mapping's folder, with FUZZ_SOURCE */
static const char *source; /* FUZZ_SOURCE, or NULL */

/* Removes every file of dir (not folders), and dir itself when rmdir_too. */
static void empty_dir(const char *dir, int rmdir_too)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[600];

	if (d) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	if (rmdir_too)
		rmdir(dir);
}

static void cleanup(void)
{
	empty_dir(out_dir, 1);
	if (source)
		empty_dir(map_dir, 1);
	unlink(input);
	rmdir(work);
}

/* Copies file from to file to; -1 on failure. */
static int copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[4096];
	size_t n;
	int rc = in && out ? 0 : -1;

	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc;
}

static void setup(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char from[512];

	snprintf(work, sizeof(work), "%s/engage-fuzz-extract.XXXXXX", base);
	if (!mkdtemp(work))
		abort();
	snprintf(input, sizeof(input), "%s/export.csv", work);
	snprintf(out_dir, sizeof(out_dir), "%s/out", work);
	source = getenv("FUZZ_SOURCE");
	if (source && !*source)
		source = NULL;
	if (source) {
		snprintf(map_dir, sizeof(map_dir), "%s/sources", work);
		snprintf(from, sizeof(from), SOURCES "/%s.source", source);
		if (mkdir(map_dir, 0777) != 0)
			abort();
		snprintf(map_dir + strlen(map_dir), sizeof(map_dir) - strlen(map_dir), "/%s.source",
			 source);
		if (copy(from, map_dir) != 0) {
			fprintf(stderr, "fuzz_extract: no mapping '%s'\n", from);
			abort();
		}
		*strrchr(map_dir, '/') = '\0';
	}
	atexit(cleanup);
}

/* Checks that the output file at path is CSV with rows as wide as its header. */
static void check_output(const char *path)
{
	struct eg_csv_reader *r;
	struct eg_error err;
	size_t ncols;
	int more;

	FUZZ_CHECK(eg_csv_reader_open(&r, path, NULL, &err) == EG_OK);
	ncols = eg_csv_reader_ncolumns(r);
	while ((more = eg_csv_reader_next(r, &err)) > 0)
		FUZZ_CHECK(eg_csv_reader_nfields(r) == ncols);
	FUZZ_CHECK(more == 0);
	eg_csv_reader_free(r);
}

static void check_outputs(void)
{
	DIR *d = opendir(out_dir);
	struct dirent *e;
	char path[600];
	size_t n;

	FUZZ_CHECK(d != NULL);
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		FUZZ_CHECK(strstr(e->d_name, ".tmp.") == NULL);
		if (n < 4 || strcmp(e->d_name + n - 4, ".csv") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", out_dir, e->d_name);
		check_output(path);
	}
	closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *inputs[1] = { input };
	const char *dirs[1];
	struct eg_extract_options opts;
	struct eg_extract_result res;
	struct eg_error err;
	FILE *fp;
	int rc;

	if (!work[0])
		setup();
	fp = fopen(input, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		abort();
	empty_dir(out_dir, 0);
	memset(&opts, 0, sizeof(opts));
	dirs[0] = source ? map_dir : SOURCES;
	opts.inputs = inputs;
	opts.ninputs = 1;
	opts.out_dir = out_dir;
	opts.source = source;
	opts.source_dirs = dirs;
	opts.nsource_dirs = 1;
	opts.timezone = "America/New_York";
	eg_error_clear(&err);
	rc = eg_extract_run(&opts, &res, &err);
	/* one input: not read means nothing was read, a data error */
	FUZZ_CHECK(res.nunread == 0 || rc == EG_EDATA);
	eg_extract_result_release(&res);
	FUZZ_CHECK(rc == EG_OK || rc == EG_EDATA);
	FUZZ_CHECK((int)err.status == rc);
	if (rc == EG_OK) {
		FUZZ_CHECK(res.rows_rejected >= 0 && res.rows_rejected <= res.rows_read);
		check_outputs();
	}
	return 0;
}
