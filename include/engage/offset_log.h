/*
 * offset_log.h - the UTC offsets that time stamps carry, as evidence of the
 * shop's time zone.
 *
 * A log collects (instant, offset) pairs as a file is read and sums them
 * up as runs: the stamps sorted by time, each run a stretch of consecutive
 * stamps carrying the same offset, none more than a week after the one
 * before. A Los Angeles store's export from October to April with orders
 * every day gives three runs (-0700, -0800, -0700), whatever the number of
 * orders; the runs are what zone_finder checks zones against and
 * what extract writes into its manifest.
 */
#ifndef ENGAGE_OFFSET_LOG_H
#define ENGAGE_OFFSET_LOG_H

#include <stddef.h>
#include <stdint.h>

#define EG_OFFSET_BUFSZ 8 /* room for an offset written as "+0530" */

/*
 * Stamps of one offset further apart than this are in different runs: no
 * zone changes its clocks twice within a week, so a zone giving a run's
 * offset at each of its stamps gives it from the first to the last.
 */
#define EG_OFFSET_RUN_GAP (7 * INT64_C(86400))

/* Consecutive stamps (in time) carrying one offset. */
struct eg_offset_run {
	int64_t first;	/* UTC seconds of the run's earliest stamp */
	int64_t last;	/* UTC seconds of its latest stamp */
	int64_t offset; /* the offset its stamps carry, seconds east of UTC */
	int64_t count;	/* stamps in the run */
};

/*
 * The stamps seen so far, as runs. Zero it (or eg_offset_log_init) before
 * use. While stamps come in time order (either way, as exports list rows),
 * each extends the latest run; once they do not, each starts a run, and
 * the runs are sorted and merged whenever they grow past a bound, so a log
 * stays small whatever the number of stamps.
 */
struct eg_offset_log {
	struct eg_offset_run *runs; /* owned */
	size_t n;		    /* entries at runs */
	size_t cap;		    /* room at runs */
	size_t merge_at;	    /* runs at which they are next sorted and merged */
	int64_t prev;		    /* the stamp added last */
	int order;		    /* 1 rising, -1 falling, 0 not yet known, 2 neither */
	int failed;		    /* an add ran out of memory: the runs are refused */
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
 * The runs of the stamps, sorted by time, into *runs (malloc'd, the caller
 * frees; NULL when there are none) and *n. -1 on out of memory, now or in
 * an earlier add, with *runs NULL and *n 0.
 */
int eg_offset_log_runs(struct eg_offset_log *log, struct eg_offset_run **runs, size_t *n);

/* Writes offset (seconds east of UTC) as "+0530" or "-0800" into buf (EG_OFFSET_BUFSZ); returns buf. */
char *eg_offset_format(int64_t offset, char *buf);

/*
 * Writes runs as one line of text, "-0700 2025-10-02T16:05:11Z..2025-11-01T18:00:00Z 41; ..."
 * (offset, first and last stamp, stamps; the first 24 runs, then "and N
 * more"), for a manifest: malloc'd, the caller frees; NULL on out of memory.
 */
char *eg_offset_runs_format(const struct eg_offset_run *runs, size_t n);

#endif
