/*
 * period_totals.c - keyed totals of period figures (see period_totals.h).
 * The entries are few (one per period and channel of a report): a linear
 * search finds them.
 */
#include "engage/period_totals.h"
#include "engage/array.h"

#include <stdio.h>
#include <string.h>

void *eg_period_total(void **rows, size_t *n, size_t *cap, size_t size, const char *const f[4])
{
	struct eg_period_key *key;
	size_t i;
	int k;

	for (i = 0; i < *n; i++) {
		key = (struct eg_period_key *)((char *)*rows + i * size);
		for (k = 0; k < 4 && strncmp(key->f[k], f[k], sizeof(key->f[k]) - 1) == 0; k++)
			;
		if (k == 4)
			return key;
	}
	if (eg_array_reserve(rows, cap, *n + 1, size, 8) != 0)
		return NULL;
	key = (struct eg_period_key *)((char *)*rows + (*n)++ * size);
	memset(key, 0, size);
	for (k = 0; k < 4; k++)
		snprintf(key->f[k], sizeof(key->f[k]), "%s", f[k]);
	return key;
}

void eg_period_total_begin(struct eg_csv_writer *w, const struct eg_period_key *key)
{
	int k;

	for (k = 0; k < 3; k++)
		eg_csv_write_str(w, key->f[k]);
	eg_csv_write_str(w, "(all)");
}
