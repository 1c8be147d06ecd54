/*
 * fuzz_csv.c - the CSV reader (csv_table.h) on arbitrary bytes.
 *
 * Each input is read from memory three times: with the default read size,
 * with reads of 1 to 7 bytes and with reads of 64 bytes, all with the same
 * delimiter (one of , ; tab |, picked from the input's length). Besides
 * surviving the input, the reader must give the same header, rows, line
 * numbers and error (status, line, column) whatever the read size: a row
 * must not depend on where a read happens to end. Every field of every row
 * is read, its length checked against its bytes.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engage/csv_table.h"

const char *const fuzz_seeds[] = {
	"fixtures/*/*.csv",
	"fixtures/*/*.tsv",
	"fixtures/bad/*",
	"fixtures/canonical/*/*.csv",
	NULL,
};

/* What one read of the input gave, folded into a few numbers. */
struct outcome {
	int open_rc;	 /* status of eg_csv_reader_open_mem */
	int end;	 /* last eg_csv_reader_next result: 0 or -1 */
	long err_line;	 /* err.line at the end */
	long err_column; /* err.column at the end */
	size_t ncols;	 /* header columns */
	size_t rows;	 /* data rows */
	uint64_t hash;	 /* FNV-1a of the header and every row */
};

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	return h;
}

static void read_all(const uint8_t *data, size_t size, char delim, size_t read_size,
		     struct outcome *o)
{
	struct eg_csv_options opts = { .delimiter = delim, .read_size = read_size };
	struct eg_csv_reader *r = NULL;
	struct eg_error err;
	size_t i, n, len;
	long prev = 0;

	memset(o, 0, sizeof(*o));
	o->hash = 14695981039346656037u;
	eg_error_clear(&err);
	o->open_rc = eg_csv_reader_open_mem(&r, "fuzz.csv", (const char *)data, size, &opts, &err);
	if (o->open_rc != EG_OK) {
		FUZZ_CHECK((int)err.status == o->open_rc);
		o->err_line = err.line;
		o->err_column = err.column;
		return;
	}
	o->ncols = eg_csv_reader_ncolumns(r);
	for (i = 0; i < o->ncols; i++) {
		const char *name = eg_csv_reader_column_name(r, i);

		FUZZ_CHECK(name != NULL);
		o->hash = mix(o->hash, name, strlen(name) + 1);
	}
	FUZZ_CHECK(eg_csv_reader_column_name(r, o->ncols) == NULL);
	while ((o->end = eg_csv_reader_next(r, &err)) > 0) {
		long line = eg_csv_reader_line(r);

		/* Lines are counted by LF: rows ended by a lone CR share one. */
		FUZZ_CHECK(line >= prev && line >= 1);
		prev = line;
		n = eg_csv_reader_nfields(r);
		o->hash = mix(o->hash, &line, sizeof(line));
		o->hash = mix(o->hash, &n, sizeof(n));
		for (i = 0; i < n; i++) {
			const char *f = eg_csv_reader_field(r, (long)i, &len);

			FUZZ_CHECK(f[len] == '\0');
			o->hash = mix(o->hash, f, len);
			o->hash = mix(o->hash, &len, sizeof(len));
		}
		FUZZ_CHECK(eg_csv_reader_field(r, (long)n, &len)[0] == '\0' && len == 0);
		FUZZ_CHECK(eg_csv_reader_field(r, -1, &len)[0] == '\0' && len == 0);
		o->rows++;
	}
	if (o->end < 0) {
		o->err_line = err.line;
		o->err_column = err.column;
		FUZZ_CHECK(err.status == EG_EDATA);
		/* A failed reader stays failed. */
		FUZZ_CHECK(eg_csv_reader_next(r, &err) < 0);
	} else {
		FUZZ_CHECK(eg_csv_reader_next(r, &err) == 0);
	}
	eg_csv_reader_free(r);
}

static int same(const struct outcome *a, const struct outcome *b)
{
	return a->open_rc == b->open_rc && a->end == b->end && a->err_line == b->err_line &&
	       a->err_column == b->err_column && a->ncols == b->ncols && a->rows == b->rows &&
	       a->hash == b->hash;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { ',', ';', '\t', '|' };
	char delim = delims[size % 4];
	struct outcome whole, small, medium;

	read_all(data, size, delim, 0, &whole);
	read_all(data, size, delim, 1 + size % 7, &small);
	read_all(data, size, delim, 64, &medium);
	FUZZ_CHECK(same(&whole, &small));
	FUZZ_CHECK(same(&whole, &medium));
	return 0;
}
