/*
 * extract_row.h - what extract's layout modules share while one input is
 * read: the input's reader, source and bound columns, the tables it
 * fills, and the steps every layout takes on a row (the byte and shape
 * checks and the mapping's skip rules that come before any layout, a
 * field's value after the mapping's value rules, a value read as its
 * field's type, a reject traced to the raw file's line).
 */
#ifndef ENGAGE_EXTRACT_ROW_H
#define ENGAGE_EXTRACT_ROW_H

#include <stddef.h>
#include <stdint.h>

#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/extract_value.h"
#include "engage/manifest.h"
#include "engage/offset_log.h"
#include "engage/period.h"
#include "engage/pseudonym.h"
#include "engage/relay_domains.h"
#include "engage/source_map.h"
#include "engage/stage.h"

/* One input (a file, or the blocks of one GA4 file) being read. */
struct eg_extract_input {
	struct eg_stage *stage;		   /* the run's rejects and manifest (borrowed) */
	struct eg_table_output *out;	   /* the table the rows fill (orders.csv for orders) */
	struct eg_table_output *lines;	   /* order_lines.csv for order sources, else NULL */
	const struct eg_source_map *map;   /* the input's source */
	struct eg_csv_reader *r;	   /* reader of the rows (the file or one block) */
	const char *path;		   /* the raw file, for messages and rejects */
	const char *file_id; /* its short id for source_file (f1, f2, ...: the extract
			      * manifest's file rows name its path) */
	long col[EG_SOURCE_MAX_FIELDS];	   /* header column per field, -1 if none */
	long line_offset;		   /* added to the reader's lines (a GA4 block's place) */
	struct eg_manifest_counts *counts; /* row counts of the input (owned by the manifest) */
	struct eg_extract_value *values;   /* time patterns, compiled once per run */
	struct eg_extract_value_style number; /* how this input writes amounts */
	enum eg_date_order dates;	      /* how this input orders numeric dates */
	const struct eg_pseudonym *pseudonym; /* pseudonyms for emails, or NULL */
	char *pseudo;			      /* room for one (EG_PSEUDONYM_SIZE), borrowed */
	const struct eg_relay_domains *relay; /* marketplace relay domains, or NULL */
	int64_t relay_emails;		      /* orders whose email was a relay address */
	struct eg_offset_log *offsets; /* records the offsets time stamps carry (not Z), or NULL */
	int64_t local_stamps; /* time stamps without offset read in extract's default zone */
	char first_date[11];		      /* earliest YYYY-MM-DD of a row written, "" if none */
	char last_date[11];		      /* latest one, "" if none */
	char **rewritten; /* per field, its value of the current row when rewritten (an email's
			   * normal form, text with its emails hidden): strings the run frees;
			   * borrowed, EG_SOURCE_MAX_FIELDS entries */
	struct eg_pattern *emails; /* emails inside text (personal_data.h), under a key;
				    * borrowed */
	enum eg_period_kind period;	      /* sessions: how the date cell names a row's days */
	struct eg_period_range range;	      /* the report's date range (a GA4 preamble's) */
};

/* Line of the raw file the current row starts on. */
long eg_extract_row_line(const struct eg_extract_input *x);

/*
 * For the order layouts: 1 when field f is a part of the order total
 * (discount, shipping, tax, duties) that has neither a column in the
 * input's header nor a default in its mapping. The export does not say, so
 * the amount is written "", not 0.
 */
int eg_extract_row_part_absent(const struct eg_extract_input *x, int f);

/*
 * Notes the date of a row written (a canonical time or date: its first 10
 * characters are YYYY-MM-DD) in the input's first_date and last_date; an
 * empty one is not noted.
 */
void eg_extract_row_note_date(struct eg_extract_input *x, const char *s, size_t len);

/* Header name of field f's column, "" when the field has none. */
const char *eg_extract_row_column(const struct eg_extract_input *x, int f);

/* Field f's cell of the current row as read (untrimmed; "" when unmapped), its length in *len. */
const char *eg_extract_row_cell(const struct eg_extract_input *x, int f, size_t *len);

/*
 * Field f of the current row after the mapping: the cell trimmed of white
 * space, then its value rules and default (eg_source_map_translate), or,
 * when the cell is empty, the file's value (eg_source_map_file_value); an
 * email field becomes its pseudonym when the input has a key, and one with
 * non-ASCII letters its normal form (email_address.h; clean lowercases the
 * ASCII ones) without one; an order's email at a marketplace relay domain
 * reads as "" (no email). Under a key, another personal field
 * (personal_data.h) becomes its pseudonym, and a text field has the emails
 * inside it replaced by theirs. Borrowed until the next row.
 */
const char *eg_extract_row_value(const struct eg_extract_input *x, int f, size_t *len);

/*
 * Sends the current row to rejects with reason and a printf-style message,
 * traced to the raw file and line, and counts it. EG_EIO on out of memory.
 */
int eg_extract_row_reject(struct eg_extract_input *x, const char *reason, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The checks before any layout reads the row: every field valid UTF-8
 * without NUL (else invalid_utf8 or nul_byte), the row's shape (ragged_row:
 * more fields than the header unless the extra ones are empty; fewer, unless
 * short_ok and no mapped column is missing), and the mapping's skip rules
 * (their own reasons). Returns NULL for a row to read, else the reason with
 * why filled.
 */
const char *eg_extract_row_check(struct eg_extract_input *x, int short_ok, char *why, size_t whysz);

/*
 * 0 when the mapping's `only` lines for field f leave it empty in the
 * current row (none of them matches its cell), else 1.
 */
int eg_extract_row_kept(const struct eg_extract_input *x, int f);

/*
 * UTC seconds of stamp st, read from len bytes at text: exact with its
 * offset, else wall-clock time in the input's zone (the selected one). Logs
 * the offset when x->offsets is set and the offset is not written "Z";
 * counts a stamp without offset read in extract's default zone.
 */
int64_t eg_extract_row_utc(struct eg_extract_input *x, const struct eg_stamp *st, const char *text,
			   size_t len);

#define EG_EXTRACT_FIELD_BUFSZ 128 /* room for any formatted value and a lowercased word */

/* A field's value read as its type. */
struct eg_extract_field {
	const char *text;		  /* what to write: buf, the cell, or a mapping string */
	size_t len;			  /* bytes at text */
	int present;			  /* 0 when empty (or a blank marker like N/A) */
	int64_t num;			  /* count, integer, seconds, amount or UTC time */
	char buf[EG_EXTRACT_FIELD_BUFSZ]; /* storage for formatted values */
};

/*
 * Reads field f of the current row (eg_extract_row_value) as its type says into
 * *v. An empty value is not an error here. Returns NULL, or the reject
 * reason (bad_date, bad_amount, bad_number or bad_value) with why naming
 * the column and the problem.
 */
const char *eg_extract_row_read(struct eg_extract_input *x, int f, struct eg_extract_field *v,
				char *why, size_t whysz);

/*
 * Reads the buyer's phone of an order row into *v: the first usable of the
 * phone, billing_phone and shipping_phone fields, as its key (phone.h) or,
 * with a key file, its pseudonym; v->present 0 when none is usable.
 */
void eg_extract_row_phone(struct eg_extract_input *x, struct eg_extract_field *v);

/*
 * 1 when the email of the current order row is at a marketplace relay
 * domain (so it reads as no email), counted in x->relay_emails; else 0.
 * Called once per order.
 */
int eg_extract_row_relay_email(struct eg_extract_input *x);

#endif
