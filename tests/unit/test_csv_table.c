/*
 * test_csv_table.c - the streaming CSV reader and the CSV writer.
 *
 * Every parsing case is a table of expectations (header names, then each
 * row's starting line and fields, then either a clean end or an error with
 * its status, line and column). run_case feeds the same input through the
 * reader for every read size from 1 byte up to the input's length plus one,
 * and once with a large buffer, first from memory (eg_csv_reader_open_mem),
 * then from a real file in a scratch folder (eg_csv_reader_open), as
 * libcsv's own tests do: a row or a line number must not depend on where a
 * read happens to end. Then from the file again with the piece size
 * (chunk_bytes) equal to each read size, so the file is cut into pieces
 * after every row, every other row, and so on, each parsed by a parser of
 * its own on the two parsing threads: the rows, lines and errors must be
 * those of one parser. A case that fails lists every mode it failed in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/csv_table.h"

#include "test_scratch.h"

#define MAXF	 8	    /* fields per expected row */
#define MAXR	 8	    /* expected rows per case */
#define BIG_READ (1u << 20) /* the "large" read size */

/* Builds .data and .len from one string literal (which may hold NUL bytes). */
#define DATA(x) .data = (x), .len = sizeof(x) - 1

/* One expected data row. */
struct row {
	long line;	     /* line the row starts on */
	size_t n;	     /* fields in the row */
	const char *f[MAXF]; /* the fields */
};

/* One parsing case. */
struct csv_case {
	const char *data;	/* the input */
	size_t len;		/* bytes at data */
	char delim;		/* 0 for ',' */
	long header_line;	/* line the header starts on, 0 for 1 */
	size_t ncols;		/* header columns */
	const char *cols[MAXF]; /* header names */
	size_t nrows;		/* data rows read before the end or the error */
	struct row rows[MAXR];	/* those rows */
	int fail;		/* EG_OK, or the status of the expected error */
	int fail_at_open;	/* 1 when the error ends eg_csv_reader_open */
	long fail_line;		/* expected err.line, -1 for "do not check" */
	long fail_col;		/* expected err.column, -1 for "do not check" */
};

static char case_path[1200]; /* the case's input as a file */

static long write_many_rows(size_t n, int broken);

static int setup(void **state)
{
	if (scratch_setup(state))
		return -1;
	snprintf(case_path, sizeof(case_path), "%s/case.csv", scratch);
	return 0;
}

/* Appends a printable form of len bytes at s to a message. */
static void show(char *out, size_t n, const char *s, size_t len)
{
	size_t used = strlen(out), i;

	for (i = 0; i < len && used + 5 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			used += (size_t)snprintf(out + used, n - used, "\\n");
		else if (c == '\r')
			used += (size_t)snprintf(out + used, n - used, "\\r");
		else if (c < 0x20 || c >= 0x7f)
			used += (size_t)snprintf(out + used, n - used, "\\x%02X", c);
		else
			out[used++] = (char)c, out[used] = '\0';
	}
}

/*
 * Checks one reader against c; name is what errors must call the file.
 * Returns 0, or -1 with what went wrong in why.
 */
static int check_reader(const struct csv_case *c, int from_file, size_t read_size, char *why,
			size_t n)
{
	struct eg_csv_options opts = { .delimiter = c->delim,
				       .read_size = read_size,
				       .chunk_bytes = from_file == 2 ? read_size : 0 };
	struct eg_csv_reader *r = NULL;
	struct eg_error err;
	const char *name = from_file ? case_path : "mem.csv";
	size_t i, j, len;
	int rc, ret = -1;

	why[0] = '\0';
	eg_error_clear(&err);
	if (from_file)
		rc = eg_csv_reader_open(&r, case_path, &opts, &err);
	else
		rc = eg_csv_reader_open_mem(&r, "mem.csv", c->data, c->len, &opts, &err);
	if (c->fail_at_open) {
		if (rc != c->fail || (int)err.status != c->fail || strcmp(err.file, name) != 0 ||
		    (c->fail_line >= 0 && err.line != c->fail_line) ||
		    (c->fail_col >= 0 && err.column != c->fail_col)) {
			snprintf(why, n,
				 "open gave %d, err %d at '%.300s':%ld:%ld (%.300s); expected %d "
				 "at %ld:%ld",
				 rc, err.status, err.file, err.line, err.column, err.message,
				 c->fail, c->fail_line, c->fail_col);
			if (rc == EG_OK)
				eg_csv_reader_free(r);
			return -1;
		}
		return 0;
	}
	if (rc != EG_OK) {
		snprintf(why, n, "open failed: %d %.300s:%ld:%ld: %.300s", rc, err.file, err.line,
			 err.column, err.message);
		return -1;
	}
	if (eg_csv_reader_ncolumns(r) != c->ncols) {
		snprintf(why, n, "%zu columns, expected %zu", eg_csv_reader_ncolumns(r), c->ncols);
		goto out;
	}
	if (eg_csv_reader_line(r) != (c->header_line ? c->header_line : 1)) {
		snprintf(why, n, "header on line %ld", eg_csv_reader_line(r));
		goto out;
	}
	if (strcmp(eg_csv_reader_path(r), name) != 0) {
		snprintf(why, n, "path '%.300s'", eg_csv_reader_path(r));
		goto out;
	}
	for (i = 0; i < c->ncols; i++) {
		const char *got = eg_csv_reader_column_name(r, i);

		if (strcmp(got, c->cols[i]) != 0 ||
		    eg_csv_reader_column(r, c->cols[i]) != (long)i) {
			snprintf(why, n, "column %zu is '", i);
			show(why, n, got, strlen(got));
			snprintf(why + strlen(why), n - strlen(why), "', expected '%s'",
				 c->cols[i]);
			goto out;
		}
	}
	for (i = 0; i < c->nrows; i++) {
		const struct row *e = &c->rows[i];

		rc = eg_csv_reader_next(r, &err);
		if (rc != 1) {
			snprintf(why, n, "row %zu: next gave %d (%.300s:%ld:%ld: %.300s)", i + 1,
				 rc, err.file, err.line, err.column, err.message);
			goto out;
		}
		if (eg_csv_reader_line(r) != e->line) {
			snprintf(why, n, "row %zu starts on line %ld, expected %ld", i + 1,
				 eg_csv_reader_line(r), e->line);
			goto out;
		}
		if (eg_csv_reader_nfields(r) != e->n) {
			snprintf(why, n, "row %zu has %zu fields, expected %zu", i + 1,
				 eg_csv_reader_nfields(r), e->n);
			goto out;
		}
		for (j = 0; j < e->n; j++) {
			const char *got = eg_csv_reader_field(r, (long)j, &len);

			if (len != strlen(e->f[j]) || memcmp(got, e->f[j], len) != 0 ||
			    got[len] != '\0') {
				snprintf(why, n, "row %zu field %zu is '", i + 1, j);
				show(why, n, got, len);
				snprintf(why + strlen(why), n - strlen(why), "', expected '");
				show(why, n, e->f[j], strlen(e->f[j]));
				snprintf(why + strlen(why), n - strlen(why), "'");
				goto out;
			}
		}
		/* A column the row does not have reads as "". */
		for (j = e->n; j < e->n + 3; j++) {
			len = 99;
			if (strcmp(eg_csv_reader_field(r, (long)j, &len), "") != 0 || len != 0) {
				snprintf(why, n, "row %zu: absent field %zu is not \"\"", i + 1, j);
				goto out;
			}
		}
		len = 99;
		if (strcmp(eg_csv_reader_field(r, -1, &len), "") != 0 || len != 0) {
			snprintf(why, n, "row %zu: field -1 is not \"\"", i + 1);
			goto out;
		}
	}
	rc = eg_csv_reader_next(r, &err);
	if (c->fail) {
		if (rc != -1 || (int)err.status != c->fail || strcmp(err.file, name) != 0 ||
		    (c->fail_line >= 0 && err.line != c->fail_line) ||
		    (c->fail_col >= 0 && err.column != c->fail_col)) {
			snprintf(why, n,
				 "next gave %d, err %d at '%.300s':%ld:%ld (%.300s); expected -1, "
				 "%d at %ld:%ld",
				 rc, err.status, err.file, err.line, err.column, err.message,
				 c->fail, c->fail_line, c->fail_col);
			goto out;
		}
		if (eg_csv_reader_next(r, &err) != -1) {
			snprintf(why, n, "next after an error did not return -1");
			goto out;
		}
	} else {
		if (rc != 0) {
			snprintf(why, n, "after %zu rows next gave %d, expected 0 (%.300s)",
				 c->nrows, rc, err.message);
			goto out;
		}
		if (eg_csv_reader_next(r, &err) != 0) {
			snprintf(why, n, "next after the end did not return 0 again");
			goto out;
		}
	}
	ret = 0;
out:
	eg_csv_reader_free(r);
	return ret;
}

/* The modes of run_case, by check_reader's from_file. */
static const char *const mode_names[] = { "memory", "file", "file in pieces" };

/*
 * Runs c for every read size, from memory, from a file, and from a file in
 * pieces of that size; fails listing each bad mode.
 */
static void run_case(const struct csv_case *c)
{
	char why[2048], first[2200] = "";
	size_t rs, nfail = 0, nmodes = 0;
	int from_file;

	put_bytes("case.csv", c->data, c->len);
	for (from_file = 0; from_file < 3; from_file++) {
		for (rs = 1;; rs++) {
			size_t size = rs <= c->len + 1 ? rs : BIG_READ;

			nmodes++;
			if (check_reader(c, from_file, size, why, sizeof(why)) != 0) {
				if (nfail++ < 6)
					print_error("%s read_size %zu: %s\n", mode_names[from_file],
						    size, why);
				if (!first[0])
					snprintf(first, sizeof(first), "%s read_size %zu: %s",
						 mode_names[from_file], size, why);
			}
			if (size == BIG_READ)
				break;
		}
	}
	unlink(case_path);
	if (nfail)
		fail_msg("%zu of %zu read modes failed; first: %s", nfail, nmodes, first);
}

/* ---- header and plain rows ---- */

static void csv_indexes_columns_by_header_name(void **state)
{
	static const struct csv_case c = {
		DATA("id,name,total\n1,Ann,12.50\n2,Bob,3\n"),
		.ncols = 3,
		.cols = { "id", "name", "total" },
		.nrows = 2,
		.rows = { { 2, 3, { "1", "Ann", "12.50" } }, { 3, 3, { "2", "Bob", "3" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_column_lookup_is_exact_and_absent_is_minus_one(void **state)
{
	static const char data[] = "id,name,Total\n1,Ann,2\n";
	struct eg_csv_reader *r;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_csv_reader_open_mem(&r, "t.csv", data, sizeof(data) - 1, NULL, &err),
			 EG_OK);
	assert_int_equal(eg_csv_reader_column(r, "id"), 0);
	assert_int_equal(eg_csv_reader_column(r, "name"), 1);
	assert_int_equal(eg_csv_reader_column(r, "Total"), 2);
	assert_int_equal(eg_csv_reader_column(r, "total"), -1);
	assert_int_equal(eg_csv_reader_column(r, "nam"), -1);
	assert_int_equal(eg_csv_reader_column(r, ""), -1);
	assert_null(eg_csv_reader_column_name(r, 3));
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_string_equal(eg_csv_reader_field(r, eg_csv_reader_column(r, "name"), NULL), "Ann");
	/* An absent column (-1 from the lookup) reads as "". */
	assert_string_equal(eg_csv_reader_field(r, eg_csv_reader_column(r, "email"), NULL), "");
	eg_csv_reader_free(r);
}

static void csv_reads_custom_delimiter(void **state)
{
	static const struct csv_case c = {
		DATA("a;b\n\"x;y\";2,5\n"), .delim = ';', .ncols = 2,
		.cols = { "a", "b" },	    .nrows = 1,	  .rows = { { 2, 2, { "x;y", "2,5" } } },
	};
	(void)state;
	run_case(&c);
}

/* ---- quoting ---- */

static void csv_quoted_field_keeps_comma(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n\"x,y\",z\n\",\",\",,\"\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "x,y", "z" } }, { 3, 2, { ",", ",," } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_quoted_field_undoubles_quotes(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n\"\",x\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "say \"hi\"", "\"" } }, { 3, 2, { "", "x" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_quoted_field_keeps_lf(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n\"line1\nline2\",z\n3,4\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "line1\nline2", "z" } }, { 4, 2, { "3", "4" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_quoted_field_keeps_crlf(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\r\n\"line1\r\nline2\",z\r\n3,4\r\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "line1\r\nline2", "z" } }, { 4, 2, { "3", "4" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_quoted_field_in_header(void **state)
{
	static const struct csv_case c = {
		DATA("\"order id\",\"a,b\",\"q\"\"t\"\n1,2,3\n"),
		.ncols = 3,
		.cols = { "order id", "a,b", "q\"t" },
		.nrows = 1,
		.rows = { { 2, 3, { "1", "2", "3" } } },
	};
	(void)state;
	run_case(&c);
}

/* ---- line ends ---- */

static void csv_reads_crlf_line_ends(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\r\n1,2\r\n3,4\r\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "1", "2" } }, { 3, 2, { "3", "4" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_reads_last_row_without_final_newline(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n1,2\n3,4"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "1", "2" } }, { 3, 2, { "3", "4" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_reads_crlf_file_without_final_newline(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\r\n1,2\r\n3,"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "1", "2" } }, { 3, 2, { "3", "" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_reads_quoted_last_field_without_final_newline(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n1,\"x\ny\""),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 1,
		.rows = { { 2, 2, { "1", "x\ny" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_reads_header_only_file(void **state)
{
	static const struct csv_case c = {
		DATA("a,b"),
		.ncols = 2,
		.cols = { "a", "b" },
	};
	(void)state;
	run_case(&c);
}

/* ---- byte order mark ---- */

static void csv_strips_bom_from_first_header_name(void **state)
{
	static const struct csv_case c = {
		DATA("\xEF\xBB\xBFid,name\n1,Ann\n"),
		.ncols = 2,
		.cols = { "id", "name" },
		.nrows = 1,
		.rows = { { 2, 2, { "1", "Ann" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_keeps_bom_bytes_inside_data(void **state)
{
	static const struct csv_case c = {
		DATA("a\n\xEF\xBB\xBFx\n"),
		.ncols = 1,
		.cols = { "a" },
		.nrows = 1,
		.rows = { { 2, 1, { "\xEF\xBB\xBFx" } } },
	};
	(void)state;
	run_case(&c);
}

/* ---- blank lines and spaces ---- */

static void csv_skips_blank_lines(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n\n1,2\n\n\n3,4\n\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 3, 2, { "1", "2" } }, { 6, 2, { "3", "4" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_skips_blank_crlf_lines_and_blank_lines_before_header(void **state)
{
	static const struct csv_case c = {
		DATA("\r\n\na,b\r\n\r\n1,2\r\n"),
		.header_line = 3,
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 1,
		.rows = { { 5, 2, { "1", "2" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_fields_keep_leading_and_trailing_spaces(void **state)
{
	static const struct csv_case c = {
		DATA(" a ,b\t\n  x , y  \n\" q \",\t\n   \n"),
		.ncols = 2,
		.cols = { " a ", "b\t" },
		.nrows = 3,
		.rows = { { 2, 2, { "  x ", " y  " } },
			  { 3, 2, { " q ", "\t" } },
			  { 4, 1, { "   " } } },
	};
	(void)state;
	run_case(&c);
}

/* ---- ragged rows ---- */

static void csv_short_row_has_fewer_fields_and_missing_read_empty(void **state)
{
	static const struct csv_case c = {
		DATA("a,b,c\n1\n1,2\n,\n"),
		.ncols = 3,
		.cols = { "a", "b", "c" },
		.nrows = 3,
		.rows = { { 2, 1, { "1" } }, { 3, 2, { "1", "2" } }, { 4, 2, { "", "" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_long_row_keeps_every_field(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n1,2,3,4\n5,6\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 4, { "1", "2", "3", "4" } }, { 3, 2, { "5", "6" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_empty_fields_are_kept(void **state)
{
	static const struct csv_case c = {
		DATA("a,b,c\n,,\n\"\",,\"\"\n"),
		.ncols = 3,
		.cols = { "a", "b", "c" },
		.nrows = 2,
		.rows = { { 2, 3, { "", "", "" } }, { 3, 3, { "", "", "" } } },
	};
	(void)state;
	run_case(&c);
}

/* ---- line numbers ---- */

static void csv_row_line_counts_multiline_fields_and_blank_lines(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\n\"1\n2\n3\",x\n\n4,\"y\r\n\"\n5,z\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 3,
		.rows = { { 2, 2, { "1\n2\n3", "x" } },
			  { 6, 2, { "4", "y\r\n" } },
			  { 8, 2, { "5", "z" } } },
	};
	(void)state;
	run_case(&c);
}

/*
 * Every read size splits these rows somewhere: inside the multi-byte UTF-8
 * characters, between a CR and its LF, inside the quoted field that holds
 * a line break. A lone CR ends a row but not a line.
 */
static void csv_rows_and_lines_survive_every_split(void **state)
{
	static const struct csv_case c = {
		DATA("name,price\n\"caf\xC3\xA9, \xE2\x82\xAC\",\"1\r\n2\"\r\n"
		     "\xF0\x9F\x98\x80,3\rnext,\"\"\"4\"\"\"\n\n\xC2\xA3,5"),
		.ncols = 2,
		.cols = { "name", "price" },
		.nrows = 4,
		.rows = { { 2, 2, { "caf\xC3\xA9, \xE2\x82\xAC", "1\r\n2" } },
			  { 4, 2, { "\xF0\x9F\x98\x80", "3" } },
			  { 4, 2, { "next", "\"4\"" } },
			  { 6, 2, { "\xC2\xA3", "5" } } },
	};
	(void)state;
	run_case(&c);
}

static void csv_row_line_after_multiline_header(void **state)
{
	static const struct csv_case c = {
		DATA("\"a\nb\",c\n1,2\n"),	    .ncols = 2, .cols = { "a\nb", "c" }, .nrows = 1,
		.rows = { { 3, 2, { "1", "2" } } },
	};
	(void)state;
	run_case(&c);
}

/* ---- the ASCII test of a row ---- */

/* Reads the header and one row of data, and returns eg_csv_reader_row_is_ascii for that row. */
/*
 * eg_csv_reader_row_is_ascii of the first row of the len bytes at data,
 * read from memory, from a file, and from a file whose parsing threads
 * work it out (ascii_ahead): the three must agree.
 */
static int row_is_ascii(const char *data, size_t len)
{
	struct eg_csv_options ahead = { .ascii_ahead = 1 };
	struct eg_csv_reader *r;
	struct eg_error err;
	int ascii, mode;

	assert_int_equal(eg_csv_reader_open_mem(&r, "t.csv", data, len, NULL, &err), EG_OK);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	ascii = eg_csv_reader_row_is_ascii(r);
	eg_csv_reader_free(r);
	put_bytes("case.csv", data, len);
	for (mode = 0; mode < 2; mode++) {
		assert_int_equal(eg_csv_reader_open(&r, case_path, mode ? &ahead : NULL, &err), EG_OK);
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
		assert_int_equal(eg_csv_reader_row_is_ascii(r), ascii);
		eg_csv_reader_free(r);
	}
	unlink(case_path);
	return ascii;
}

static void csv_row_is_ascii_only_without_high_bytes_or_nul(void **state)
{
	static const char *const fields[] = { "", "a", "abcdefg", "abcdefgh", "abcdefghijklmnopq" };
	char buf[256];
	size_t a, b, k, n;

	(void)state;
	/* Every mix of field lengths puts the separators at every offset of a word. */
	for (a = 0; a < 5; a++)
		for (b = 0; b < 5; b++) {
			n = (size_t)snprintf(buf, sizeof(buf), "x,y,z\n%s,%s,\"q,\"\"\"\n",
					     fields[a], fields[b]);
			assert_int_equal(row_is_ascii(buf, n), 1);
			/* A NUL or a byte >= 0x80 anywhere in the row's fields makes it not ASCII. */
			for (k = 6; k < n - 1; k++) {
				char c = buf[k];

				if (c == ',' || c == '"')
					continue;
				buf[k] = '\0';
				assert_int_equal(row_is_ascii(buf, n), 0);
				buf[k] = '\xC3';
				assert_int_equal(row_is_ascii(buf, n), 0);
				buf[k] = c;
			}
		}
	assert_int_equal(row_is_ascii("x\n\x7F\x01 ~\n", 7), 1);
	assert_int_equal(row_is_ascii("x\ncaf\xC3\xA9\n", 8), 0);
}

/* ---- syntax errors ---- */

static void csv_stray_quote_in_unquoted_field_is_data_error(void **state)
{
	/* line 2: 1 , x " -> the quote is byte 4 */
	static const struct csv_case c = {
		DATA("a,b\n1,x\"y\n"), .ncols = 2,     .cols = { "a", "b" },
		.fail = EG_EDATA,      .fail_line = 2, .fail_col = 4,
	};
	(void)state;
	run_case(&c);
}

static void csv_stray_quote_after_multiline_field_names_its_line(void **state)
{
	/* rows on lines 2-3 and 4; the bad row starts on line 6: 2 , a b " */
	static const struct csv_case c = {
		DATA("a,b\n\"p\nq\",1\nr,s\n\n2,ab\"c\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 2,
		.rows = { { 2, 2, { "p\nq", "1" } }, { 4, 2, { "r", "s" } } },
		.fail = EG_EDATA,
		.fail_line = 6,
		.fail_col = 5,
	};
	(void)state;
	run_case(&c);
}

static void csv_stray_quote_in_crlf_file_names_line_and_column(void **state)
{
	static const struct csv_case c = {
		DATA("a,b\r\n1,2\r\n33,4\"\r\n"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 1,
		.rows = { { 2, 2, { "1", "2" } } },
		.fail = EG_EDATA,
		.fail_line = 3,
		.fail_col = 5,
	};
	(void)state;
	run_case(&c);
}

static void csv_text_after_closing_quote_is_data_error(void **state)
{
	/* line 2: " x " y -> y is byte 4 */
	static const struct csv_case c = {
		DATA("a,b\n\"x\"y,1\n"), .ncols = 2,	 .cols = { "a", "b" },
		.fail = EG_EDATA,	 .fail_line = 2, .fail_col = 4,
	};
	(void)state;
	run_case(&c);
}

static void csv_stray_quote_in_header_fails_open(void **state)
{
	static const struct csv_case c = {
		DATA("id,na\"me\n1,2\n"), .fail = EG_EDATA, .fail_at_open = 1,
		.fail_line = 1,		  .fail_col = 6,
	};
	(void)state;
	run_case(&c);
}

static void csv_unterminated_quote_names_line_and_column_of_the_quote(void **state)
{
	/* line 2: 1 , " -> the opening quote is byte 3 */
	static const struct csv_case c = {
		DATA("a,b\n1,\"abc\n"), .ncols = 2,	.cols = { "a", "b" },
		.fail = EG_EDATA,	.fail_line = 2, .fail_col = 3,
	};
	(void)state;
	run_case(&c);
}

static void csv_unterminated_quote_is_data_error_on_its_line(void **state)
{
	/* Same error, checking only status, file and line. */
	static const struct csv_case c = {
		DATA("a,b\n1,2\n3,\"abc\nmore"),
		.ncols = 2,
		.cols = { "a", "b" },
		.nrows = 1,
		.rows = { { 2, 2, { "1", "2" } } },
		.fail = EG_EDATA,
		.fail_line = 3,
		.fail_col = -1,
	};
	(void)state;
	run_case(&c);
}

static void csv_unterminated_quote_opened_on_later_line_of_row_names_that_line(void **state)
{
	/* The row starts on line 2; the quote left open is on line 3, byte 4. */
	static const struct csv_case c = {
		DATA("a,b,c\n\"x\ny\",\"open\nmore\n"),
		.ncols = 3,
		.cols = { "a", "b", "c" },
		.fail = EG_EDATA,
		.fail_line = 3,
		.fail_col = 4,
	};
	(void)state;
	run_case(&c);
}

static void csv_unterminated_quote_in_header_fails_open(void **state)
{
	static const struct csv_case c = {
		DATA("a,\"b\n"), .fail = EG_EDATA, .fail_at_open = 1,
		.fail_line = 1,	 .fail_col = -1,
	};
	(void)state;
	run_case(&c);
}

static void csv_empty_input_is_data_error(void **state)
{
	static const struct csv_case c = {
		DATA(""), .fail = EG_EDATA, .fail_at_open = 1, .fail_line = -1, .fail_col = -1,
	};
	(void)state;
	run_case(&c);
}

static void csv_blank_lines_only_is_data_error(void **state)
{
	static const struct csv_case c = {
		DATA("\n\r\n\n"), .fail = EG_EDATA, .fail_at_open = 1,
		.fail_line = -1,  .fail_col = -1,
	};
	(void)state;
	run_case(&c);
}

static void csv_bom_only_is_data_error(void **state)
{
	static const struct csv_case c = {
		DATA("\xEF\xBB\xBF"), .fail = EG_EDATA, .fail_at_open = 1,
		.fail_line = -1,      .fail_col = -1,
	};
	(void)state;
	run_case(&c);
}

static void csv_open_missing_file_is_io_error_naming_it(void **state)
{
	char path[700];
	struct eg_csv_reader *r = NULL;
	struct eg_error err;

	(void)state;
	snprintf(path, sizeof(path), "%s/no-such.csv", scratch);
	assert_int_equal(eg_csv_reader_open(&r, path, NULL, &err), EG_EIO);
	assert_int_equal(err.status, EG_EIO);
	assert_string_equal(err.file, path);
	assert_non_null(strstr(err.message, path));
	assert_null(r);
}

/* ---- require ---- */

static void csv_require_fills_indexes_in_asked_order(void **state)
{
	static const char data[] = "id,name,total\n";
	static const char *const names[] = { "total", "id", "name", NULL };
	struct eg_csv_reader *r;
	struct eg_error err;
	long idx[3] = { -9, -9, -9 };

	(void)state;
	assert_int_equal(eg_csv_reader_open_mem(&r, "t.csv", data, sizeof(data) - 1, NULL, &err),
			 EG_OK);
	assert_int_equal(eg_csv_reader_require(r, names, idx, &err), EG_OK);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 0);
	assert_int_equal(idx[2], 1);
	eg_csv_reader_free(r);
}

static void csv_require_lists_every_missing_column(void **state)
{
	static const char data[] = "id,name,total\n1,a,2\n";
	static const char *const names[] = { "id", "email", "total", "sku", "created_at", NULL };
	struct eg_csv_reader *r;
	struct eg_error err;
	long idx[5];

	(void)state;
	assert_int_equal(
		eg_csv_reader_open_mem(&r, "orders.csv", data, sizeof(data) - 1, NULL, &err),
		EG_OK);
	eg_error_clear(&err);
	assert_int_equal(eg_csv_reader_require(r, names, idx, &err), EG_EDATA);
	assert_int_equal(err.status, EG_EDATA);
	assert_string_equal(err.file, "orders.csv");
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "'email'"));
	assert_non_null(strstr(err.message, "'sku'"));
	assert_non_null(strstr(err.message, "'created_at'"));
	assert_null(strstr(err.message, "'id'"));
	assert_null(strstr(err.message, "'total'"));
	eg_csv_reader_free(r);
}

/* ---- reading after an error ---- */

static void csv_reader_after_error_keeps_failing(void **state)
{
	static const char data[] = "a\n\"x\"y\nz\n";
	struct eg_csv_reader *r;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_csv_reader_open_mem(&r, "t.csv", data, sizeof(data) - 1, NULL, &err),
			 EG_OK);
	assert_int_equal(eg_csv_reader_next(r, &err), -1);
	assert_int_equal(err.status, EG_EDATA);
	assert_int_equal(eg_csv_reader_next(r, &err), -1);
	assert_int_equal(eg_csv_reader_next(r, &err), -1);
	eg_csv_reader_free(r);
	eg_csv_reader_free(NULL);
}

/* A file of a short row, a row with a 300-byte field, one whose quoted
 * 300 bytes span lines, one of many short fields (400 bytes), and a short
 * row again, each row numbered by its first field. */
static char *long_rows(size_t *len)
{
	char *s = malloc(4096);
	size_t n = 0, i;

	assert_non_null(s);
	n += (size_t)sprintf(s + n, "id,text\n1,short\n2,");
	for (i = 0; i < 300; i++)
		s[n++] = 'x';
	n += (size_t)sprintf(s + n, "\n3,\"a \"\"quoted\"\", field\n");
	for (i = 0; i < 300; i++)
		s[n++] = i % 50 == 49 ? '\n' : 'y';
	n += (size_t)sprintf(s + n, "\"\n4");
	for (i = 0; i < 100; i++)
		n += (size_t)sprintf(s + n, ",abc");
	n += (size_t)sprintf(s + n, "\n5,after\n");
	*len = n;
	return s;
}

/* Reads long_rows() with limits 100/350, keeping long rows; checks each row. */
static void check_long_rows(struct eg_csv_reader *r)
{
	struct eg_error err;

	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_row_too_long(r), 0);
	assert_string_equal(eg_csv_reader_field(r, 1, NULL), "short");
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_row_too_long(r), EG_CSV_LONG_FIELD);
	assert_int_equal(eg_csv_reader_nfields(r), 0);
	assert_int_equal(eg_csv_reader_line(r), 3);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_row_too_long(r), EG_CSV_LONG_FIELD);
	assert_int_equal(eg_csv_reader_line(r), 4);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_row_too_long(r), EG_CSV_LONG_ROW);
	assert_int_equal(eg_csv_reader_line(r), 12);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_row_too_long(r), 0);
	assert_string_equal(eg_csv_reader_field(r, 0, NULL), "5");
	assert_string_equal(eg_csv_reader_field(r, 1, NULL), "after");
	assert_int_equal(eg_csv_reader_line(r), 13);
	assert_int_equal(eg_csv_reader_next(r, &err), 0);
}

static void csv_long_rows_are_handed_over_without_fields_when_kept(void **state)
{
	struct eg_csv_options o = { .max_field = 100, .max_row = 350, .keep_long_rows = 1 };
	struct eg_csv_reader *r;
	struct eg_error err;
	size_t len, rs;
	char *data = long_rows(&len);

	(void)state;
	assert_int_equal(eg_csv_reader_open_mem(&r, "t.csv", data, len, &o, &err), EG_OK);
	check_long_rows(r);
	eg_csv_reader_free(r);
	/* From a file, parsed ahead, in reads of every size. */
	put_bytes("case.csv", data, len);
	for (rs = 1; rs <= 64; rs = rs * 2 + 1) {
		o.read_size = rs;
		assert_int_equal(eg_csv_reader_open(&r, case_path, &o, &err), EG_OK);
		check_long_rows(r);
		eg_csv_reader_free(r);
	}
	/* In pieces of every size: a piece may end inside a long row's skipped bytes. */
	o.read_size = 64;
	for (o.chunk_bytes = 1; o.chunk_bytes <= len; o.chunk_bytes++) {
		assert_int_equal(eg_csv_reader_open(&r, case_path, &o, &err), EG_OK);
		check_long_rows(r);
		eg_csv_reader_free(r);
	}
	free(data);
}

static void csv_long_field_stops_a_reader_that_does_not_keep_it(void **state)
{
	struct eg_csv_options o = { .max_field = 100, .max_row = 350 };
	struct eg_csv_reader *r;
	struct eg_error err;
	size_t len;
	char *data = long_rows(&len);

	(void)state;
	assert_int_equal(eg_csv_reader_open_mem(&r, "t.csv", data, len, &o, &err), EG_OK);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_next(r, &err), -1);
	assert_int_equal(err.status, EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_string_equal(err.file, "t.csv");
	assert_non_null(strstr(err.message, "a field longer than 100 bytes"));
	assert_non_null(strstr(err.message, "ENGAGE_MAX_FIELD"));
	eg_csv_reader_free(r);
	free(data);
}

static void csv_field_without_end_stops_at_the_limit(void **state)
{
	struct eg_csv_options o = { .max_field = 1 << 20 };
	struct eg_csv_reader *r;
	struct eg_error err;

	(void)state;
	/* /dev/zero: one field that never ends, read until the limit, not until killed. */
	assert_int_equal(eg_csv_reader_open(&r, "/dev/zero", &o, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "a field longer than 1048576 bytes"));
}

static void csv_limits_come_from_the_environment(void **state)
{
	size_t f, rw;
	struct eg_error err;

	(void)state;
	unsetenv("ENGAGE_MAX_FIELD");
	unsetenv("ENGAGE_MAX_ROW");
	assert_int_equal(eg_csv_limits(&f, &rw, &err), EG_OK);
	assert_int_equal(f, (size_t)64 << 20);
	assert_int_equal(rw, (size_t)256 << 20);
	setenv("ENGAGE_MAX_FIELD", "2K", 1);
	setenv("ENGAGE_MAX_ROW", "3m", 1);
	assert_int_equal(eg_csv_limits(&f, &rw, &err), EG_OK);
	assert_int_equal(f, 2048);
	assert_int_equal(rw, 3 << 20);
	setenv("ENGAGE_MAX_ROW", "12345", 1);
	assert_int_equal(eg_csv_limits(&f, &rw, &err), EG_OK);
	assert_int_equal(rw, 12345);
	setenv("ENGAGE_MAX_ROW", "lots", 1);
	assert_int_equal(eg_csv_limits(&f, &rw, &err), EG_EUSAGE);
	assert_non_null(strstr(err.message, "ENGAGE_MAX_ROW='lots' is not a size"));
	setenv("ENGAGE_MAX_ROW", "-1", 1);
	assert_int_equal(eg_csv_limits(&f, &rw, &err), EG_EUSAGE);
	unsetenv("ENGAGE_MAX_FIELD");
	unsetenv("ENGAGE_MAX_ROW");
}

/* ENGAGE_CSV_CHUNK, the piece size, is a size too; a reader given a bad one does not open. */
static void csv_piece_size_comes_from_the_environment(void **state)
{
	struct eg_csv_reader *r;
	struct eg_error err;
	size_t i;

	(void)state;
	write_many_rows(3000, 0);
	setenv("ENGAGE_CSV_CHUNK", "many", 1);
	assert_int_equal(eg_csv_reader_open(&r, case_path, NULL, &err), EG_EUSAGE);
	assert_non_null(strstr(err.message, "ENGAGE_CSV_CHUNK='many' is not a size"));
	/* Pieces of 1 KiB on two threads: 3,000 rows in order, row 2000 over two lines. */
	setenv("ENGAGE_CSV_CHUNK", "1K", 1);
	assert_int_equal(eg_csv_reader_open(&r, case_path, NULL, &err), EG_OK);
	for (i = 1; i <= 3000; i++) {
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
		assert_int_equal(eg_csv_reader_line(r), (long)i + 1 + (i > 2000));
	}
	assert_int_equal(eg_csv_reader_next(r, &err), 0);
	eg_csv_reader_free(r);
	unsetenv("ENGAGE_CSV_CHUNK");
}

/* ---- writer ---- */

/* Runs fn on a writer over a memory stream; returns the text (caller frees). */
static char *written(void (*fn)(struct eg_csv_writer *), size_t *len)
{
	char *text = NULL;
	FILE *mem = open_memstream(&text, len);
	struct eg_csv_writer w;

	assert_non_null(mem);
	eg_csv_writer_init(&w, mem);
	fn(&w);
	assert_int_equal(fclose(mem), 0);
	return text;
}

static void write_special_fields(struct eg_csv_writer *w)
{
	eg_csv_write_str(w, "plain");
	eg_csv_write_str(w, "a,b");
	eg_csv_write_str(w, "say \"hi\"");
	eg_csv_write_str(w, "cr\rhere");
	eg_csv_write_str(w, "lf\nhere");
	eg_csv_write_str(w, "  spaced\t");
	eg_csv_write_str(w, "semi;colon");
	eg_csv_write_str(w, "");
	eg_csv_write_str(w, NULL);
	eg_csv_end_row(w);
	eg_csv_write_field(w, "ab\"cd", 3); /* only the first 3 bytes */
	eg_csv_write_field(w, "x,y", 1);
	eg_csv_end_row(w);
}

static void csv_writer_quotes_only_comma_quote_cr_lf(void **state)
{
	size_t len;
	char *text = written(write_special_fields, &len);

	(void)state;
	assert_string_equal(text, "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\rhere\",\"lf\nhere\","
				  "  spaced\t,semi;colon,,\n"
				  "\"ab\"\"\",x\n");
	assert_int_equal(len, strlen(text));
	free(text);
}

/* A comma, quote, CR or LF at every position of fields of 1 to 40 bytes is quoted. */
static void csv_writer_quotes_a_special_byte_at_every_position(void **state)
{
	static const char specials[] = { ',', '"', '\r', '\n', 'x' };
	size_t n, k, c;

	(void)state;
	for (n = 1; n <= 40; n++)
		for (k = 0; k < n; k++)
			for (c = 0; c < sizeof(specials); c++) {
				char field[40], want[128], *text = NULL;
				size_t len, j = 0, i;
				struct eg_csv_writer w;
				FILE *mem = open_memstream(&text, &len);
				int quote = specials[c] != 'x';

				assert_non_null(mem);
				memset(field, 'a', n);
				field[k] = specials[c];
				eg_csv_writer_init(&w, mem);
				eg_csv_write_field(&w, field, n);
				eg_csv_end_row(&w);
				assert_int_equal(fclose(mem), 0);
				if (quote)
					want[j++] = '"';
				for (i = 0; i < n; i++) {
					if (field[i] == '"')
						want[j++] = '"';
					want[j++] = field[i];
				}
				if (quote)
					want[j++] = '"';
				want[j++] = '\n';
				assert_int_equal(len, j);
				assert_memory_equal(text, want, j);
				free(text);
			}
}

/*
 * Rows and fields longer than the writer's row buffer, with quotes on
 * either side of its end, written in 1..3 pieces: what reaches the stream
 * is the same as for short rows, byte for byte.
 */
static void csv_writer_rows_longer_than_its_buffer_keep_every_byte(void **state)
{
	size_t sizes[] = { EG_CSV_ROW_BUFSZ - 2, EG_CSV_ROW_BUFSZ - 1, EG_CSV_ROW_BUFSZ,
			   EG_CSV_ROW_BUFSZ + 1, 3 * EG_CSV_ROW_BUFSZ + 7 };
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k], i, len, j = 0;
		char *field = malloc(n), *want = malloc(2 * n + 64), *text = NULL;
		struct eg_csv_writer w;
		FILE *mem = open_memstream(&text, &len);

		assert_non_null(field);
		assert_non_null(want);
		assert_non_null(mem);
		for (i = 0; i < n; i++)
			field[i] = (char)('a' + i % 26);
		/* Quotes just before, at and after the buffer's end, and a comma. */
		field[EG_CSV_ROW_BUFSZ - 3 < n ? EG_CSV_ROW_BUFSZ - 3 : 0] = '"';
		field[n - 1] = '"';
		field[n / 2] = ',';
		eg_csv_writer_init(&w, mem);
		eg_csv_write_str(&w, "id");
		eg_csv_write_field(&w, field, n);
		eg_csv_write_field(&w, field, n - 1);
		eg_csv_writer_flush(&w);
		eg_csv_write_int(&w, 7);
		eg_csv_end_row(&w);
		assert_int_equal(fclose(mem), 0);
		memcpy(want, "id,", 3);
		j = 3;
		for (int twice = 0; twice < 2; twice++) {
			want = realloc(want, j + 2 * n + 64);
			assert_non_null(want);
			want[j++] = '"';
			for (i = 0; i < n - (size_t)twice; i++) {
				if (field[i] == '"')
					want[j++] = '"';
				want[j++] = field[i];
			}
			want[j++] = '"';
			want[j++] = ',';
		}
		memcpy(want + j, "7\n", 2);
		j += 2;
		assert_int_equal(len, j);
		assert_memory_equal(text, want, j);
		free(text);
		free(want);
		free(field);
	}
}

static void write_numbers(struct eg_csv_writer *w)
{
	static const char *const header[] = { "n", "amount", "name", NULL };

	eg_csv_write_header(w, header);
	eg_csv_write_int(w, 0);
	eg_csv_write_money(w, 125000);
	eg_csv_write_str(w, "x");
	eg_csv_end_row(w);
	eg_csv_write_int(w, INT64_MIN);
	eg_csv_write_money(w, -30010);
	eg_csv_write_str(w, "y");
	eg_csv_end_row(w);
	eg_csv_write_int(w, INT64_MAX);
	eg_csv_write_money(w, -100);
	eg_csv_write_str(w, "z");
	eg_csv_end_row(w);
}

static void csv_writer_writes_header_ints_and_money(void **state)
{
	size_t len;
	char *text = written(write_numbers, &len);

	(void)state;
	assert_string_equal(text, "n,amount,name\n"
				  "0,12.50,x\n"
				  "-9223372036854775808,-3.0010,y\n"
				  "9223372036854775807,-0.01,z\n");
	free(text);
}

/* Rows written and then read back by the round-trip tests. */
static const char *const rt_header[] = { "id", "text", "note", NULL };
static const char *const rt_rows[][3] = {
	{ "1", "a,b", "say \"hi\"" },
	{ "2", "line1\nline2", "cr\r\nlf" },
	{ "3", "  pad  ", "" },
	{ "4", "\"", ",,\"\"\r" },
	{ "5", "\xEF\xBB\xBF", "\xC3\xA9t\xC3\xA9" },
};

static void write_round_trip(struct eg_csv_writer *w)
{
	size_t i, j;

	eg_csv_write_header(w, rt_header);
	for (i = 0; i < sizeof(rt_rows) / sizeof(rt_rows[0]); i++) {
		for (j = 0; j < 3; j++)
			eg_csv_write_str(w, rt_rows[i][j]);
		eg_csv_end_row(w);
	}
}

static void csv_writer_round_trips_through_reader(void **state)
{
	struct csv_case c = {
		.ncols = 3,
		.cols = { "id", "text", "note" },
		.nrows = 5,
	};
	/* Row 2 holds two LFs (the CR of row 4 is no line end): rows start on 2, 3, 6, 7, 8. */
	static const long lines[] = { 2, 3, 6, 7, 8 };
	size_t len, i, j;
	char *text = written(write_round_trip, &len);

	(void)state;
	c.data = text;
	c.len = len;
	for (i = 0; i < 5; i++) {
		c.rows[i].line = lines[i];
		c.rows[i].n = 3;
		for (j = 0; j < 3; j++)
			c.rows[i].f[j] = rt_rows[i][j];
	}
	run_case(&c);
	free(text);
}

static void csv_writer_round_trips_through_file(void **state)
{
	char path[700];
	FILE *fp;
	struct eg_csv_writer w;
	struct eg_csv_reader *r;
	struct eg_error err;
	size_t i, j, len;

	(void)state;
	snprintf(path, sizeof(path), "%s/rt.csv", scratch);
	fp = fopen(path, "w");
	assert_non_null(fp);
	eg_csv_writer_init(&w, fp);
	write_round_trip(&w);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(eg_csv_reader_open(&r, path, NULL, &err), EG_OK);
	assert_int_equal(eg_csv_reader_ncolumns(r), 3);
	for (i = 0; i < sizeof(rt_rows) / sizeof(rt_rows[0]); i++) {
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
		assert_int_equal(eg_csv_reader_nfields(r), 3);
		for (j = 0; j < 3; j++) {
			const char *f = eg_csv_reader_field(r, (long)j, &len);

			assert_int_equal(len, strlen(rt_rows[i][j]));
			assert_string_equal(f, rt_rows[i][j]);
		}
	}
	assert_int_equal(eg_csv_reader_next(r, &err), 0);
	eg_csv_reader_free(r);
	assert_int_equal(unlink(path), 0);
}

static void write_one_column(struct eg_csv_writer *w)
{
	eg_csv_write_str(w, "email");
	eg_csv_end_row(w);
	eg_csv_write_str(w, "a@x.com");
	eg_csv_end_row(w);
	eg_csv_write_str(w, "");
	eg_csv_end_row(w);
	eg_csv_write_str(w, "b@x.com");
	eg_csv_end_row(w);
}

static void csv_writer_round_trips_row_of_one_empty_field(void **state)
{
	/*
	 * A one-column row whose value is empty must not come out as a blank
	 * line, which the reader skips: the row would be lost on the way back.
	 */
	struct csv_case c = {
		.ncols = 1,
		.cols = { "email" },
		.nrows = 3,
		.rows = { { 2, 1, { "a@x.com" } }, { 3, 1, { "" } }, { 4, 1, { "b@x.com" } } },
	};
	size_t len;
	char *text = written(write_one_column, &len);

	(void)state;
	c.data = text;
	c.len = len;
	run_case(&c);
	free(text);
}

/* ---- a file read ahead on the parsing thread, over many batches ---- */

/*
 * Writes id,text with rows 1..n: row 2000's text spans two lines; when
 * broken, an unterminated quote follows the last row. Returns the line of
 * that quote.
 */
static long write_many_rows(size_t n, int broken)
{
	FILE *fp = fopen(case_path, "wb");
	long line = 2;
	size_t i;

	assert_non_null(fp);
	fputs("id,text\n", fp);
	for (i = 1; i <= n; i++) {
		if (i == 2000)
			fprintf(fp, "%zu,\"two\nlines\"\n", i), line += 2;
		else
			fprintf(fp, "%zu,row %zu\n", i, i), line++;
	}
	if (broken)
		fputs("0,\"never closed\n", fp);
	assert_int_equal(fclose(fp), 0);
	return line;
}

/* Rows, lines and the final error arrive in order across batch boundaries. */
static void csv_file_rows_and_error_cross_batches_in_order(void **state)
{
	struct eg_csv_reader *r;
	struct eg_error err;
	long quote_line = write_many_rows(5000, 1), line = 2;
	char want[32];
	size_t i, len;

	(void)state;
	assert_int_equal(eg_csv_reader_open(&r, case_path, NULL, &err), EG_OK);
	for (i = 1; i <= 5000; i++) {
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
		assert_int_equal(eg_csv_reader_line(r), line);
		line += i == 2000 ? 2 : 1;
		snprintf(want, sizeof(want), "%zu", i);
		assert_string_equal(eg_csv_reader_field(r, 0, &len), want);
		assert_int_equal(len, strlen(want));
		if (i == 2000)
			assert_string_equal(eg_csv_reader_field(r, 1, NULL), "two\nlines");
	}
	assert_int_equal(eg_csv_reader_next(r, &err), -1);
	assert_int_equal(err.status, EG_EDATA);
	assert_int_equal(err.line, quote_line);
	assert_int_equal(err.column, 3);
	assert_int_equal(eg_csv_reader_next(r, &err), -1);
	assert_int_equal(err.status, EG_EINTERNAL);
	eg_csv_reader_free(r);
}

/* Freeing a reader part way, or before any row, stops its parsing thread. */
static void csv_file_reader_freed_part_way_stops_cleanly(void **state)
{
	struct eg_csv_reader *r;
	struct eg_error err;
	size_t i;

	(void)state;
	write_many_rows(20000, 0);
	assert_int_equal(eg_csv_reader_open(&r, case_path, NULL, &err), EG_OK);
	for (i = 0; i < 1500; i++)
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
	eg_csv_reader_free(r);
	assert_int_equal(eg_csv_reader_open(&r, case_path, NULL, &err), EG_OK);
	eg_csv_reader_free(r);
	assert_int_equal(eg_csv_reader_open(&r, case_path, NULL, &err), EG_OK);
	for (i = 0; i < 20000; i++)
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_csv_reader_next(r, &err), 0);
	assert_int_equal(eg_csv_reader_next(r, &err), 0);
	eg_csv_reader_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_indexes_columns_by_header_name),
		cmocka_unit_test(csv_column_lookup_is_exact_and_absent_is_minus_one),
		cmocka_unit_test(csv_reads_custom_delimiter),
		cmocka_unit_test(csv_quoted_field_keeps_comma),
		cmocka_unit_test(csv_quoted_field_undoubles_quotes),
		cmocka_unit_test(csv_quoted_field_keeps_lf),
		cmocka_unit_test(csv_quoted_field_keeps_crlf),
		cmocka_unit_test(csv_quoted_field_in_header),
		cmocka_unit_test(csv_reads_crlf_line_ends),
		cmocka_unit_test(csv_reads_last_row_without_final_newline),
		cmocka_unit_test(csv_reads_crlf_file_without_final_newline),
		cmocka_unit_test(csv_reads_quoted_last_field_without_final_newline),
		cmocka_unit_test(csv_reads_header_only_file),
		cmocka_unit_test(csv_strips_bom_from_first_header_name),
		cmocka_unit_test(csv_keeps_bom_bytes_inside_data),
		cmocka_unit_test(csv_skips_blank_lines),
		cmocka_unit_test(csv_skips_blank_crlf_lines_and_blank_lines_before_header),
		cmocka_unit_test(csv_fields_keep_leading_and_trailing_spaces),
		cmocka_unit_test(csv_short_row_has_fewer_fields_and_missing_read_empty),
		cmocka_unit_test(csv_long_row_keeps_every_field),
		cmocka_unit_test(csv_empty_fields_are_kept),
		cmocka_unit_test(csv_row_line_counts_multiline_fields_and_blank_lines),
		cmocka_unit_test(csv_row_line_after_multiline_header),
		cmocka_unit_test(csv_rows_and_lines_survive_every_split),
		cmocka_unit_test(csv_row_is_ascii_only_without_high_bytes_or_nul),
		cmocka_unit_test(csv_stray_quote_in_unquoted_field_is_data_error),
		cmocka_unit_test(csv_stray_quote_after_multiline_field_names_its_line),
		cmocka_unit_test(csv_stray_quote_in_crlf_file_names_line_and_column),
		cmocka_unit_test(csv_text_after_closing_quote_is_data_error),
		cmocka_unit_test(csv_stray_quote_in_header_fails_open),
		cmocka_unit_test(csv_unterminated_quote_names_line_and_column_of_the_quote),
		cmocka_unit_test(csv_unterminated_quote_is_data_error_on_its_line),
		cmocka_unit_test(
			csv_unterminated_quote_opened_on_later_line_of_row_names_that_line),
		cmocka_unit_test(csv_unterminated_quote_in_header_fails_open),
		cmocka_unit_test(csv_empty_input_is_data_error),
		cmocka_unit_test(csv_blank_lines_only_is_data_error),
		cmocka_unit_test(csv_bom_only_is_data_error),
		cmocka_unit_test(csv_open_missing_file_is_io_error_naming_it),
		cmocka_unit_test(csv_require_fills_indexes_in_asked_order),
		cmocka_unit_test(csv_require_lists_every_missing_column),
		cmocka_unit_test(csv_reader_after_error_keeps_failing),
		cmocka_unit_test(csv_long_rows_are_handed_over_without_fields_when_kept),
		cmocka_unit_test(csv_long_field_stops_a_reader_that_does_not_keep_it),
		cmocka_unit_test(csv_field_without_end_stops_at_the_limit),
		cmocka_unit_test(csv_limits_come_from_the_environment),
		cmocka_unit_test(csv_piece_size_comes_from_the_environment),
		cmocka_unit_test(csv_writer_quotes_only_comma_quote_cr_lf),
		cmocka_unit_test(csv_writer_rows_longer_than_its_buffer_keep_every_byte),
		cmocka_unit_test(csv_writer_quotes_a_special_byte_at_every_position),
		cmocka_unit_test(csv_writer_writes_header_ints_and_money),
		cmocka_unit_test(csv_writer_round_trips_through_reader),
		cmocka_unit_test(csv_writer_round_trips_through_file),
		cmocka_unit_test(csv_writer_round_trips_row_of_one_empty_field),
		cmocka_unit_test(csv_file_rows_and_error_cross_batches_in_order),
		cmocka_unit_test(csv_file_reader_freed_part_way_stops_cleanly),
	};

	return cmocka_run_group_tests(tests, setup, scratch_teardown);
}
