/*
 * progress.c - the progress line on stderr: counters the CSV reader feeds,
 * a look at the clock every CHECK_EVERY rows, a redraw when due.
 */
#include "engage/progress.h"
#include "engage/integer.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHECK_EVERY 4096 /* rows between looks at the clock */

/* The one meter of the process. */
static struct {
	FILE *fp;		    /* where the line goes */
	const char *stage;	    /* stage name, borrowed */
	enum eg_progress_mode mode; /* OFF when not started */
	double start;		    /* clock at start, seconds */
	double next;		    /* clock at which to show the line next */
	double interval;	    /* seconds between lines */
	int64_t rows, bytes;	    /* counted so far */
	unsigned until_check;	    /* rows left before the next look at the clock */
	int shown;		    /* a line was written */
} meter;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int eg_progress_format(char *buf, size_t size, const char *stage, int64_t rows, int64_t bytes,
		       double seconds)
{
	char count[40];

	eg_int_format_grouped(rows, count, sizeof(count));
	if (bytes <= 0)
		return snprintf(buf, size, "%s: %s rows, %.1f s", stage, count, seconds);
	return snprintf(buf, size, "%s: %s rows, %.1f MB, %.1f MB/s, %.1f s", stage, count,
			(double)bytes / 1e6, seconds > 0 ? (double)bytes / 1e6 / seconds : 0.0,
			seconds);
}

/* Writes the line for the counts so far. */
static void show(double t)
{
	char line[160];

	eg_progress_format(line, sizeof(line), meter.stage, meter.rows, meter.bytes,
			   t - meter.start);
	if (meter.mode == EG_PROGRESS_TERMINAL)
		fprintf(meter.fp, "\r%s\033[K", line);
	else
		fprintf(meter.fp, "%s\n", line);
	fflush(meter.fp);
	meter.shown = 1;
}

void eg_progress_start_on(FILE *fp, const char *stage, enum eg_progress_mode mode, double delay,
			  double interval)
{
	memset(&meter, 0, sizeof(meter));
	meter.fp = fp;
	meter.stage = stage;
	meter.mode = fp ? mode : EG_PROGRESS_OFF;
	meter.start = now();
	meter.next = meter.start + delay;
	meter.interval = interval;
	meter.until_check = CHECK_EVERY;
}

void eg_progress_start(const char *stage, int verbose)
{
	if (isatty(STDERR_FILENO))
		eg_progress_start_on(stderr, stage, EG_PROGRESS_TERMINAL, 1.0, 0.5);
	else
		eg_progress_start_on(stderr, stage, verbose ? EG_PROGRESS_LINES : EG_PROGRESS_OFF,
				     5.0, 5.0);
}

void eg_progress_add(int64_t rows, int64_t bytes)
{
	double t;

	if (meter.mode == EG_PROGRESS_OFF)
		return;
	meter.rows += rows;
	meter.bytes += bytes;
	if (--meter.until_check)
		return;
	meter.until_check = CHECK_EVERY;
	t = now();
	if (t < meter.next)
		return;
	show(t);
	meter.next = t + meter.interval;
}

void eg_progress_stop(void)
{
	if (meter.mode != EG_PROGRESS_OFF && (meter.shown || meter.mode == EG_PROGRESS_LINES)) {
		show(now());
		if (meter.mode == EG_PROGRESS_TERMINAL)
			fputc('\n', meter.fp);
		fflush(meter.fp);
	}
	meter.mode = EG_PROGRESS_OFF;
}
