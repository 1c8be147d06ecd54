/*
 * offset_log.h - the UTC offsets that time stamps carry, as evidence of the
 * shop's time zone.
 *
 * A log collects (instant, offset) pairs as a file is read, then sums them
 * up as runs: the stamps sorted by time, each run a stretch of consecutive
 * stamps carrying the same offset. A Los Angeles store's export from
 * November to April gives three runs (-0700, -0800, -0700), whatever the
 * number of orders; the runs are what zone_finder checks zones against and
 * what extract writes into its manifest.
 */
#ifndef ENGAGE_OFFSET_LOG_H
#define ENGAGE_OFFSET_LOG_H

#include <stddef.h>
#include <stdint.h>

#define EG_OFFSET_BUFSZ 8 /* room for an offset written as "+0530" */

/* Consecutive stamps (in time) carrying one offset. */
struct eg_offset_run {
	int64_t first;	/* UTC seconds of the run's earliest stamp */
	int64_t last;	/* UTC seconds of its latest stamp */
	int64_t offset; /* the offset its stamps carry, seconds east of UTC */
	int64_t count;	/* stamps in the run */
};

/* One stamp seen. */
struct eg_offset_seen {
	int64_t t;	/* UTC seconds */
	int64_t offset; /* seconds east of UTC */
};

/* The stamps seen so far. Zero it (or eg_offset_log_init) before use. */
struct eg_offset_log {
	struct eg_offset_seen *seen; /* owned */
	size_t n;		     /* entries at seen */
	size_t cap;		     /* room at seen */
	int failed;		     /* an add ran out of memory: the runs are refused */
};

/* Starts an empty log. */
void eg_offset_log_init(struct eg_offset_log *log);

/* Frees what log holds and empties it. Safe to repeat. */
void eg_offset_log_release(struct eg_offset_log *log);

/*
 * Records a stamp at UTC time t carrying offset. -1 on out of memory: the
 * stamp is lost and eg_offset_log_runs fails.
 */
int eg_offset_log_add(struct eg_offset_log *log, int64_t t, int64_t offset);

/*
 * Sorts the stamps by time and sums them up as runs into *runs (malloc'd,
 * the caller frees; NULL when there are none) and *n. -1 on out of memory,
 * now or in an earlier add, with *runs NULL and *n 0.
 */
int eg_offset_log_runs(struct eg_offset_log *log, struct eg_offset_run **runs, size_t *n);

/* Writes offset (seconds east of UTC) as "+0530" or "-0800" into buf (EG_OFFSET_BUFSZ); returns buf. */
char *eg_offset_format(int64_t offset, char *buf);

/*
 * Writes runs as one line of text, "-0700 2025-10-02T16:05:11Z..2025-11-01T18:00:00Z 41; ..."
 * (offset, first and last stamp, stamps), for a manifest: malloc'd, the
 * caller frees; NULL on out of memory.
 */
char *eg_offset_runs_format(const struct eg_offset_run *runs, size_t n);

#endif
