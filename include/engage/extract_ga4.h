/*
 * extract_ga4.h - the shape of a Google Analytics 4 CSV download: a
 * preamble of `#` comment lines (report title, account, property, date
 * range), then one or more tables ("blocks"), each with its own header,
 * separated by blank lines and often introduced by comment lines of their
 * own. A line counts as a comment only between blocks (at the start, after
 * a blank line or after another comment), so a data value starting with #
 * stays data; a line of nothing but delimiters (a spreadsheet's padding)
 * is blank.
 *
 * The date range is read from `# Start date: YYYYMMDD` and `# End date:
 * YYYYMMDD` lines (GA4's reports; a block may state its own), from a line
 * that is only `# YYYYMMDD-YYYYMMDD` (Universal Analytics' downloads, after
 * `# All Web Site Data` and the report's name) or from the end of a title
 * `# <property> / <exploration name> / YYYYMMDD-YYYYMMDD` (GA4's
 * explorations).
 *
 * The ga4 layout reads each block whose header its mapping fits with the
 * records layout (extract_records.h).
 */
#ifndef ENGAGE_EXTRACT_GA4_H
#define ENGAGE_EXTRACT_GA4_H

#include <stddef.h>

#include "engage/error.h"

/*
 * One table of the file: its header line and data lines, and the date
 * range it covers: the one its own comment lines state, else the file's.
 */
struct eg_extract_ga4_block {
	size_t offset;	/* first byte of the header line in the data */
	size_t len;	/* bytes from there to the end of the block's last line */
	long line;	/* 1-based line of the header in the data */
	char start[16]; /* its range's first day as written (YYYYMMDD), "" when none */
	char end[16];	/* its range's last day, "" when none */
};

/* A GA4 download taken apart. */
struct eg_extract_ga4 {
	char title[256];		     /* report title from the preamble, "" when none */
	char start[16];			     /* the preamble's range: first day, "" when none */
	char end[16];			     /* its last day, "" when none */
	struct eg_extract_ga4_block *blocks; /* blocks in file order, owned */
	size_t nblocks;			     /* entries at blocks */
};

/*
 * 1 when the len bytes at data (a UTF-8 byte order mark already skipped)
 * open with a comment line: '#' followed by a space, a dash, another '#' or
 * the end of the line (so a header whose first column is named "#", as
 * Typeform writes, is not one).
 */
int eg_extract_ga4_is_commented(const char *data, size_t len);

/*
 * Splits len bytes at data into doc's preamble and blocks; fields are
 * separated by delimiter. On success doc owns an array the caller frees
 * with eg_extract_ga4_release. EG_EIO on out of memory.
 */
int eg_extract_ga4_split(const char *data, size_t len, char delimiter, struct eg_extract_ga4 *doc,
			 struct eg_error *err);

/* Frees doc's blocks and empties it. */
void eg_extract_ga4_release(struct eg_extract_ga4 *doc);

#endif
