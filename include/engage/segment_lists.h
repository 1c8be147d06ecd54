/*
 * segment_lists.h - one CSV per customer segment, for import into an email
 * tool (Klaviyo, Mailchimp): champions.csv, at_risk.csv, ...
 *
 * Columns, the same in every file whatever compute wrote, so an import
 * template set up once keeps working:
 *
 *   Email, First Name, Last Name, Segment, Previous Segment,
 *   Engagement Model, Customer ID, Orders, Revenue, Last Order Date,
 *   Days Since Last Order, P(alive), Expected Orders 90 Days,
 *   Predicted CLV 12 Months, Churn Risk, Email Consent
 *
 * A field compute did not provide is empty. A customer without an email is
 * left out, and so is one whose consent says no (counted, for the manifest).
 * A cell that begins with =, +, -, @, a tab or a carriage return, and is not
 * a plain number, gets a leading apostrophe, so a spreadsheet that opens the
 * file shows it as text instead of running it as a formula.
 *
 * Every file of a segment the segment table names is written, empty or not,
 * so an old list never lingers under a current name. Files are written to
 * temporary files first and renamed into place together by commit.
 */
#ifndef ENGAGE_SEGMENT_LISTS_H
#define ENGAGE_SEGMENT_LISTS_H

#include <stddef.h>
#include <stdint.h>

#include "engage/customer_list.h"
#include "engage/error.h"
#include "engage/table_output.h"

#define EG_SEGMENT_LISTS_MAX 256 /* most segments (open files) a run writes */

/* The columns of every list, NULL-terminated. */
extern const char *const eg_segment_list_columns[];

/* One segment's file. */
struct eg_segment_list {
	char *segment;		    /* the segment's name, owned */
	struct eg_table_output out; /* its file; out.name is the file name */
	char *file;		    /* the file name, owned (kept after commit) */
	int64_t customers;	    /* rows written */
};

/* The lists of a run. */
struct eg_segment_lists {
	char *dir;		       /* the folder, owned */
	struct eg_segment_list *lists; /* in order: the named segments, then others as met */
	size_t n;		       /* lists */
	int64_t read;		       /* customers read */
	int64_t written;	       /* customers written to a list */
	int64_t no_email;	       /* left out: no email */
	int64_t no_consent;	       /* left out: consent refused */
};

/*
 * The first half of eg_segment_lists_write: creates dir if needed, removes
 * the temporary files a killed render left there, and opens one temporary
 * list per segment of segments (nsegments names, in order; duplicates
 * once). On failure l is released.
 */
int eg_segment_lists_open(struct eg_segment_lists *l, const char *dir, const char *const *segments,
			  size_t nsegments, struct eg_error *err);

/*
 * The second half of eg_segment_lists_write: reads every customer of r into
 * the lists l opened (eg_segment_lists_open), with each as there. Touches
 * only l, r and ctx (no file is opened, closed or removed), so it may run on
 * a thread of its own. On failure the caller releases l.
 */
int eg_segment_lists_fill(struct eg_segment_lists *l, struct eg_customer_reader *r,
			  void (*each)(void *ctx, const struct eg_customer_reader *r), void *ctx,
			  struct eg_error *err);

/*
 * Creates dir if needed, opens one temporary list per segment of segments
 * (nsegments names, in order; duplicates once), then reads every customer
 * of r and writes each into its segment's list, opening a list for a segment
 * that segments does not name. Nothing is in place until the lists are
 * settled and published (eg_segment_lists_settle, eg_segment_lists_files,
 * eg_atomic_publish_all). On failure every temporary file is removed and l
 * is released; EG_EIO for files, EG_EDATA for bad customer rows or more
 * than EG_SEGMENT_LISTS_MAX segments. each (may be NULL) sees every
 * customer read, listed or not, with ctx: another tally in the same pass.
 */
int eg_segment_lists_write(struct eg_segment_lists *l, const char *dir, const char *const *segments,
			   size_t nsegments, struct eg_customer_reader *r,
			   void (*each)(void *ctx, const struct eg_customer_reader *r), void *ctx,
			   struct eg_error *err);

/*
 * Flushes and syncs every list's temporary file (see eg_atomic_settle). On a
 * failure every list is removed and EG_EIO returned.
 */
int eg_segment_lists_settle(struct eg_segment_lists *l, struct eg_error *err);

/*
 * Fills files (room for EG_SEGMENT_LISTS_MAX) with the lists' open files,
 * borrowed from l, for eg_atomic_publish_all; returns how many.
 */
size_t eg_segment_lists_files(struct eg_segment_lists *l, struct eg_atomic_file **files);

/* Removes the temporary files of lists not published. */
void eg_segment_lists_abort(struct eg_segment_lists *l);

/* Frees what l holds (aborting lists not published). A zeroed l is a no-op. */
void eg_segment_lists_release(struct eg_segment_lists *l);

/*
 * The file name of a segment in a new string: ASCII letters and digits
 * lowercased, every other run of characters one '_', none at either end,
 * ".csv" after ("At Risk" -> "at_risk.csv"; "segment.csv" when nothing is
 * left). NULL on out of memory.
 */
char *eg_segment_list_file_name(const char *segment);

/*
 * 1 when s must be neutralised before a spreadsheet reads it: it begins with
 * '=', '+', '-', '@', a tab or a carriage return and is not a plain number
 * such as "-12.50".
 */
int eg_segment_list_needs_quote(const char *s);

/* Writes s as the next cell of w, with a leading apostrophe when eg_segment_list_needs_quote. */
void eg_segment_list_write_safe(struct eg_csv_writer *w, const char *s);

/*
 * The date (YYYY-MM-DD) of a last-order time stamp s, written into buf
 * (EG_TIME_BUFSZ bytes) and returned; s itself when it is no time stamp.
 */
const char *eg_segment_list_order_date(const char *s, char *buf);

#endif
