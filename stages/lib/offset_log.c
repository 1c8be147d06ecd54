/*
 * offset_log.c - the UTC offsets time stamps carry, collected as they are
 * read and summed up as runs of consecutive stamps with one offset.
 */
#include "engage/offset_log.h"
#include "engage/array.h"
#include "engage/datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void eg_offset_log_init(struct eg_offset_log *log)
{
	memset(log, 0, sizeof(*log));
}

void eg_offset_log_release(struct eg_offset_log *log)
{
	free(log->seen);
	eg_offset_log_init(log);
}

int eg_offset_log_add(struct eg_offset_log *log, int64_t t, int64_t offset)
{
	if (eg_array_reserve((void **)&log->seen, &log->cap, log->n + 1, sizeof(*log->seen), 256)) {
		log->failed = 1;
		return -1;
	}
	log->seen[log->n].t = t;
	log->seen[log->n].offset = offset;
	log->n++;
	return 0;
}

/* Orders stamps by time, then offset, so that runs do not depend on reading order. */
static int by_time(const void *a, const void *b)
{
	const struct eg_offset_seen *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->offset > y->offset) - (x->offset < y->offset);
}

int eg_offset_log_runs(struct eg_offset_log *log, struct eg_offset_run **runs, size_t *n)
{
	size_t i, cap = 0;

	*runs = NULL;
	*n = 0;
	if (log->failed)
		return -1;
	if (log->n == 0)
		return 0;
	qsort(log->seen, log->n, sizeof(*log->seen), by_time);
	for (i = 0; i < log->n; i++) {
		const struct eg_offset_seen *s = &log->seen[i];
		struct eg_offset_run *r = *n ? &(*runs)[*n - 1] : NULL;

		if (r && r->offset == s->offset) {
			r->last = s->t;
			r->count++;
			continue;
		}
		if (eg_array_reserve((void **)runs, &cap, *n + 1, sizeof(**runs), 4)) {
			free(*runs);
			*runs = NULL;
			*n = 0;
			return -1;
		}
		r = &(*runs)[(*n)++];
		r->first = r->last = s->t;
		r->offset = s->offset;
		r->count = 1;
	}
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
	/* "; " + offset + " " + two stamps and ".." + " " + a count */
	size_t each = 2 + EG_OFFSET_BUFSZ + 1 + 2 * EG_TIME_BUFSZ + 2 + 1 + 21, used = 0, i;
	char *text = malloc(n * each + 1);
	char off[EG_OFFSET_BUFSZ], a[EG_TIME_BUFSZ], b[EG_TIME_BUFSZ];

	if (!text)
		return NULL;
	text[0] = '\0';
	for (i = 0; i < n; i++)
		used += (size_t)snprintf(text + used, n * each + 1 - used, "%s%s %s..%s %lld",
					 i ? "; " : "", eg_offset_format(runs[i].offset, off),
					 eg_time_format(runs[i].first, a),
					 eg_time_format(runs[i].last, b), (long long)runs[i].count);
	return text;
}
