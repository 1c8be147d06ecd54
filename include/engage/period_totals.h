/*
 * period_totals.h - the totals compute writes after a platform's period
 * figures (email_periods.csv, flow_figures.csv): a small array of entries,
 * each keyed by four short strings (period start, period end, channel and
 * source), kept in the order their keys first appear.
 */
#ifndef ENGAGE_PERIOD_TOTALS_H
#define ENGAGE_PERIOD_TOTALS_H

#include <stddef.h>

#include "engage/csv_table.h"

/* The key every entry starts with: period_start, period_end, channel, source. */
struct eg_period_key {
	char f[4][64]; /* each cut to 63 bytes */
};

/*
 * The entry of *rows (n entries of size bytes, room for *cap; the caller
 * owns and frees the array) whose key (its first member, a struct
 * eg_period_key) is f: found, or added at the end zero-filled with key f
 * (*n grows). Its address, or NULL when out of memory.
 */
void *eg_period_total(void **rows, size_t *n, size_t *cap, size_t size, const char *const f[4]);

/*
 * Begins a total's row on w: the key's period start, period end and
 * channel, then "(all)" where a row names its list or flow.
 */
void eg_period_total_begin(struct eg_csv_writer *w, const struct eg_period_key *key);

#endif
