/*
 * progress.h - the progress line a stage shows on stderr during long work:
 * rows read, megabytes read, MB/s and the time so far.
 *
 * One meter per process. The CSV reader counts every row and its bytes
 * into it; the meter looks at the clock once every few thousand rows and
 * redraws its line at most twice a second. On a terminal the line is
 * redrawn in place and finished with a newline when the stage ends; when
 * stderr is not a terminal the meter is quiet unless asked (-v), and then
 * writes a line every few seconds. Work shorter than a second shows
 * nothing on a terminal.
 */
#ifndef ENGAGE_PROGRESS_H
#define ENGAGE_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* How the meter shows itself. */
enum eg_progress_mode {
	EG_PROGRESS_OFF,      /* nothing */
	EG_PROGRESS_TERMINAL, /* one line redrawn in place with \r */
	EG_PROGRESS_LINES,    /* a full line now and then, for logs */
};

/*
 * Starts the meter for stage (borrowed; must outlive the meter) on stderr:
 * redrawn in place when stderr is a terminal, lines when verbose, else off.
 */
void eg_progress_start(const char *stage, int verbose);

/*
 * Starts the meter on fp (borrowed) in mode, showing itself first after
 * delay seconds and then every interval seconds. For tests and callers
 * that choose.
 */
void eg_progress_start_on(FILE *fp, const char *stage, enum eg_progress_mode mode, double delay,
			  double interval);

/* Counts rows and bytes read; cheap enough to call for every row. */
void eg_progress_add(int64_t rows, int64_t bytes);

/* Ends the meter: the line shown last is finished with the final counts. */
void eg_progress_stop(void);

/*
 * Writes "stage: 1,234,567 rows, 85.2 MB, 42.1 MB/s, 2.0 s" into buf (size
 * bytes; the MB parts only when bytes > 0). Returns the length it wanted,
 * as snprintf.
 */
int eg_progress_format(char *buf, size_t size, const char *stage, int64_t rows, int64_t bytes,
		       double seconds);

#endif
