/*
 * csv_cut.h - finding where a CSV file can be cut into pieces that parse
 * on their own: line feeds that end a row, never one inside a quoted field.
 *
 * The scan reads the bytes once, in order, in pieces of any size, and keeps
 * the state a field is in (the same states the CSV reader uses to skip an
 * over-long row: a quote opens a quoted field only at a field's start, ""
 * inside one is a quote, a quote inside an unquoted field is data). In a
 * file libcsv reads without a syntax error, a line feed the scan finds
 * outside a quoted field ends a row for libcsv too, so the rows after it
 * parse the same on a parser started there. It also counts every line
 * feed, so a piece knows the line it starts on.
 */
#ifndef ENGAGE_CSV_CUT_H
#define ENGAGE_CSV_CUT_H

#include <stddef.h>
#include <stdint.h>

/* Where a field stands after the bytes scanned so far. */
enum eg_csv_cut_state {
	EG_CSV_CUT_START,  /* at a field's start (a quote here opens a quoted field) */
	EG_CSV_CUT_PLAIN,  /* inside an unquoted field */
	EG_CSV_CUT_QUOTED, /* inside a quoted field */
	EG_CSV_CUT_QUOTE   /* just after a quote inside a quoted field: it closed, or
			    * a second quote follows */
};

/* The scan's state; zero it, then set delimiter (the file's field separator). */
struct eg_csv_cut {
	enum eg_csv_cut_state state; /* where the next byte falls */
	char delimiter;		     /* field separator */
	uint64_t lines;		     /* line feeds scanned so far */
};

/*
 * Scans the n bytes at p on from c's state. With want_cut 0, scans them
 * all and returns n. With want_cut 1, stops just after the first line feed
 * outside a quoted field and returns the bytes scanned up to it (cut
 * there); returns n when the bytes hold none, and then *cut is 0 (else 1).
 */
size_t eg_csv_cut_scan(struct eg_csv_cut *c, const char *p, size_t n, int want_cut, int *cut);

#endif
