/*
 * offset_log.c - the UTC offsets time stamps carry, summed up as they are
 * read as runs of consecutive stamps with one offset.
 */
#include "engage/offset_log.h"
#include "engage/array.h"
#include "engage/datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MERGE_FIRST 4096 /* runs kept before the first sort and merge */
#define SHOWN	    24	 /* runs eg_offset_runs_format writes */

void eg_offset_log_init(struct eg_offset_log *log)
{
	memset(log, 0, sizeof(*log));
}

void eg_offset_log_release(struct eg_offset_log *log)
{
	free(log->runs);
	eg_offset_log_init(log);
}

/* Orders runs by time, then offset, so that runs do not depend on reading order. */
static int by_time(const void *a, const void *b)
{
	const struct eg_offset_run *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->last != y->last)
		return x->last < y->last ? -1 : 1;
	return (x->offset > y->offset) - (x->offset < y->offset);
}

/* Sorts the runs by time and merges neighbours of one offset less than a gap apart. */
static void merge(struct eg_offset_log *log)
{
	size_t i, k = 0;

	qsort(log->runs, log->n, sizeof(*log->runs), by_time);
	for (i = 0; i < log->n; i++) {
		struct eg_offset_run *r = &log->runs[i], *last = k ? &log->runs[k - 1] : NULL;

		if (last && last->offset == r->offset &&
		    r->first - last->last <= EG_OFFSET_RUN_GAP) {
			last->last = r->last > last->last ? r->last : last->last;
			last->count += r->count;
		} else {
			log->runs[k++] = *r;
		}
	}
	log->n = k;
}

int eg_offset_log_add(struct eg_offset_log *log, int64_t t, int64_t offset)
{
	struct eg_offset_run *r = log->n ? &log->runs[log->n - 1] : NULL;
	int dir = t > log->prev ? 1 : t < log->prev ? -1 : 0;

	if (r && dir && log->order != 2)
		log->order = log->order && log->order != dir ? 2 : dir;
	log->prev = t;
	/* In time order, the latest run is the one a stamp of its offset extends. */
	if (r && log->order != 2 && r->offset == offset && t >= r->first - EG_OFFSET_RUN_GAP &&
	    t <= r->last + EG_OFFSET_RUN_GAP) {
		r->first = t < r->first ? t : r->first;
		r->last = t > r->last ? t : r->last;
		r->count++;
		return 0;
	}
	if (eg_array_reserve((void **)&log->runs, &log->cap, log->n + 1, sizeof(*log->runs), 16)) {
		log->failed = 1;
		return -1;
	}
	r = &log->runs[log->n++];
	r->first = r->last = t;
	r->offset = offset;
	r->count = 1;
	if (!log->merge_at)
		log->merge_at = MERGE_FIRST;
	if (log->n >= log->merge_at) {
		merge(log);
		/* Offsets that keep changing leave many runs: merge less often. */
		if (log->n * 2 > log->merge_at)
			log->merge_at *= 2;
	}
	return 0;
}

int eg_offset_log_runs(struct eg_offset_log *log, struct eg_offset_run **runs, size_t *n)
{
	*runs = NULL;
	*n = 0;
	if (log->failed)
		return -1;
	if (log->n == 0)
		return 0;
	merge(log);
	*runs = malloc(log->n * sizeof(**runs));
	if (!*runs)
		return -1;
	memcpy(*runs, log->runs, log->n * sizeof(**runs));
	*n = log->n;
	return 0;
}

char *eg_offset_format(int64_t offset, char *buf)
{
	int64_t a = offset < 0 ? -offset : offset;

	snprintf(buf, EG_OFFSET_BUFSZ, "%c%02u%02u", offset < 0 ? '-' : '+',
		 (unsigned)(a / 3600 % 100), (unsigned)(a / 60 % 60));
	return buf;
}

char *eg_offset_runs_format(const struct eg_offset_run *runs, size_t n)
{
	/* "; " + offset + " " + two stamps and ".." + " " + a count, and the "more" */
	size_t each = 2 + EG_OFFSET_BUFSZ + 1 + 2 * EG_TIME_BUFSZ + 2 + 1 + 21, used = 0, i;
	size_t size = (n < SHOWN ? n : SHOWN) * each + 64;
	char *text = malloc(size);
	char off[EG_OFFSET_BUFSZ], a[EG_TIME_BUFSZ], b[EG_TIME_BUFSZ];

	if (!text)
		return NULL;
	text[0] = '\0';
	for (i = 0; i < n && i < SHOWN; i++)
		used += (size_t)snprintf(text + used, size - used, "%s%s %s..%s %lld",
					 i ? "; " : "", eg_offset_format(runs[i].offset, off),
					 eg_time_format(runs[i].first, a),
					 eg_time_format(runs[i].last, b), (long long)runs[i].count);
	if (n > SHOWN)
		snprintf(text + used, size - used, "; and %zu more", n - SHOWN);
	return text;
}
