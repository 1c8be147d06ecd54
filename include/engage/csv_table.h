/*
 * csv_table.h - streaming CSV tables: a reader with header-indexed columns on
 * libcsv, and a writer that quotes only where RFC 4180 needs it.
 *
 * The reader pulls one row at a time and keeps a bounded number of batches
 * of rows (a few MiB at most) in memory. It accepts LF, CRLF, a missing final newline,
 * a UTF-8 byte order mark, quoted fields holding delimiters, quotes and
 * newlines, and keeps field bytes as they are (no trimming). Fields and
 * rows are bounded (eg_csv_limits); libcsv's own shortage of memory is an
 * I/O error ("out of memory"), never a syntax error. It knows the
 * line each row starts on, so a caller can name file:line for any row. A
 * syntax error (a stray quote, an unterminated quoted field) stops the
 * reader with file:line:column. A reader of a file parses its data rows
 * ahead, on a thread of its own, in batches handed over in order. On a
 * machine of more than two cores, a plain file is parsed on two threads:
 * it is cut into pieces of about 256 KiB at line feeds outside quoted
 * fields (csv_cut.h), each piece read by a libcsv parser of its own that
 * starts on the piece's line, and the rows are handed over in the file's
 * order: the same rows, lines and first error as one parser reading the
 * whole file. (On two cores the caller's work on the rows already fills
 * the second core, and a second parser only adds copies: see
 * tests/README.md.) A compressed file is parsed on one thread. At most
 * three pieces are in flight, so memory stays bounded whatever the file's
 * size. ENGAGE_CSV_CHUNK (bytes, or a number with K, M or G) sets the piece
 * size and makes two parsing threads, for tests: 1 cuts after every row.
 * A reader is used from one thread.
 */
#ifndef ENGAGE_CSV_TABLE_H
#define ENGAGE_CSV_TABLE_H

#include <stdint.h>
#include <stdio.h>

#include "engage/error.h"

/* How to read a CSV file. Zeroed fields take the defaults. */
struct eg_csv_options {
	char delimiter;	    /* field separator; 0 means ',' */
	size_t read_size;   /* bytes read from the file at a time; 0 means 256 KiB */
	size_t max_field;   /* longest field; 0 means eg_csv_limits' */
	size_t max_row;	    /* longest row; 0 means eg_csv_limits' */
	int keep_long_rows; /* hand over a row that breaks a limit (without its
			     * fields, see eg_csv_reader_row_too_long) instead of
			     * stopping with a data error */
	int ascii_ahead;    /* eg_csv_reader_row_is_ascii is asked of every row: for a
			     * file, the parsing threads work it out */
	size_t chunk_bytes; /* a file's data rows are parsed in pieces of about this
			     * many bytes (cut after the first row that reaches it);
			     * 0 means ENGAGE_CSV_CHUNK, or 256 KiB */
};

/* The limits a row can break (eg_csv_reader_row_too_long). */
enum { EG_CSV_LONG_FIELD = 1, EG_CSV_LONG_ROW = 2 };

/*
 * The limits of every reader: the longest field and the longest row, in
 * bytes, 64 MiB and 256 MiB unless the environment variables
 * ENGAGE_MAX_FIELD and ENGAGE_MAX_ROW say otherwise (bytes, or a number
 * with K, M or G). EG_EUSAGE naming the variable when one is not a size.
 */
int eg_csv_limits(size_t *max_field, size_t *max_row, struct eg_error *err);

struct eg_csv_reader;

/*
 * Opens path and reads its header row. On success *out owns the reader (free
 * with eg_csv_reader_free). A file with no header row is a data error. opts
 * may be NULL.
 */
int eg_csv_reader_open(struct eg_csv_reader **out, const char *path,
		       const struct eg_csv_options *opts, struct eg_error *err);

/*
 * Like eg_csv_reader_open, but reads len bytes at data, which must outlive the
 * reader; name is used in error messages. For tests and fuzzing.
 */
int eg_csv_reader_open_mem(struct eg_csv_reader **out, const char *name, const char *data,
			   size_t len, const struct eg_csv_options *opts, struct eg_error *err);

/* Closes the file and frees the reader. NULL is a no-op. */
void eg_csv_reader_free(struct eg_csv_reader *r);

/*
 * Reads the next row. Returns 1 when a row is ready, 0 at the end of the
 * file, or -1 with err filled (file, line, column) on a syntax or read error;
 * after -1 the reader only returns -1.
 */
int eg_csv_reader_next(struct eg_csv_reader *r, struct eg_error *err);

/* Number of header columns. */
size_t eg_csv_reader_ncolumns(const struct eg_csv_reader *r);

/* Name of header column i (borrowed, valid until the reader is freed). */
const char *eg_csv_reader_column_name(const struct eg_csv_reader *r, size_t i);

/* Index of the header column named exactly name, or -1 when absent. */
long eg_csv_reader_column(const struct eg_csv_reader *r, const char *name);

/*
 * Looks up each of the NULL-terminated names in the header and stores its
 * index in idx (same order). When any is missing, returns EG_EDATA naming
 * the file and every missing column.
 */
int eg_csv_reader_require(const struct eg_csv_reader *r, const char *const *names, long *idx,
			  struct eg_error *err);

/* Number of fields in the current row (may differ from the header's). */
size_t eg_csv_reader_nfields(const struct eg_csv_reader *r);

/*
 * Field i of the current row, NUL-terminated, its length in *len when len is
 * not NULL. A column the row does not have reads as "". The pointer is
 * borrowed and valid until the next call to eg_csv_reader_next.
 */
const char *eg_csv_reader_field(const struct eg_csv_reader *r, long i, size_t *len);

/*
 * 1 when every field of the current row holds only bytes 0x01-0x7F (ASCII
 * without NUL), so a caller can skip checking each field for UTF-8; else 0.
 * Reads the row a word at a time (on the parsing thread with ascii_ahead).
 */
int eg_csv_reader_row_is_ascii(const struct eg_csv_reader *r);

/*
 * 0, or the limit the current row broke (EG_CSV_LONG_FIELD or
 * EG_CSV_LONG_ROW) when the reader keeps such rows: the row then has no
 * fields, and the reader goes on at the next row.
 */
int eg_csv_reader_row_too_long(const struct eg_csv_reader *r);

/* 1-based line of the file on which the current row starts. */
long eg_csv_reader_line(const struct eg_csv_reader *r);

/* The file name given at open (borrowed). */
const char *eg_csv_reader_path(const struct eg_csv_reader *r);

#define EG_CSV_ROW_BUFSZ 4096 /* bytes of a row gathered before they go to the stream */

/*
 * Writes CSV rows to a stdio stream the caller owns. A row is gathered in
 * the writer and handed to the stream in one fwrite when it ends (or when
 * it outgrows buf), so ended rows are in fp and a row still open may not be:
 * call eg_csv_writer_flush before using fp directly in the middle of a row.
 */
struct eg_csv_writer {
	FILE *fp;		     /* destination, not owned */
	size_t fields;		     /* fields written in the current row */
	int first_empty;	     /* the row's first field was empty (a lone one needs quotes) */
	size_t len;		     /* bytes of the current row waiting in buf */
	char buf[EG_CSV_ROW_BUFSZ]; /* those bytes */
};

/* Starts a writer on fp (not owned). */
void eg_csv_writer_init(struct eg_csv_writer *w, FILE *fp);

/* Hands the bytes of the row still open to the stream; the row stays open. */
void eg_csv_writer_flush(struct eg_csv_writer *w);

/* Appends a field of len bytes, quoted only when it holds ',', '"', CR or LF. */
void eg_csv_write_field(struct eg_csv_writer *w, const char *s, size_t len);

/* Appends a NUL-terminated field (NULL writes an empty field). */
void eg_csv_write_str(struct eg_csv_writer *w, const char *s);

/* Appends an integer field. */
void eg_csv_write_int(struct eg_csv_writer *w, int64_t v);

/* Appends a money field (ten-thousandths, see money.h). */
void eg_csv_write_money(struct eg_csv_writer *w, int64_t v);

/*
 * Appends num / den as a decimal with places digits after the point (0-9),
 * rounded half away from zero in exact integer arithmetic; an empty field
 * when den is 0.
 */
void eg_csv_write_fraction(struct eg_csv_writer *w, int64_t num, int64_t den, int places);

/* Ends the current row with LF and hands the row to the stream. */
void eg_csv_end_row(struct eg_csv_writer *w);

/* Writes a whole header row from a NULL-terminated array of names. */
void eg_csv_write_header(struct eg_csv_writer *w, const char *const *names);

#endif
