/*
 * csv_cut.c - the quote-aware scan for row boundaries (see csv_cut.h).
 *
 * Quoted fields are crossed with memchr for their closing quote; between
 * them, memchr finds the next quote, and whether it opens a field is told
 * by the byte before it. Line feeds are counted eight bytes at a time.
 */
#include "engage/csv_cut.h"

#include <string.h>

/* Line feeds in the n bytes at p. */
static uint64_t count_lf(const char *p, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), low7 = UINT64_C(0x7F7F7F7F7F7F7F7F);
	uint64_t count = 0, w, t, y;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		t = w ^ (ones * '\n');
		/* A byte of y has its high bit clear exactly when that byte of t is 0. */
		y = ((t & low7) + low7) | t;
		count += (((~y & ~low7) >> 7) * ones) >> 56;
	}
	for (; i < n; i++)
		count += p[i] == '\n';
	return count;
}

size_t eg_csv_cut_scan(struct eg_csv_cut *c, const char *p, size_t n, int want_cut, int *cut)
{
	size_t i = 0, end;
	const char *q, *lf;

	*cut = 0;
	while (i < n) {
		if (c->state == EG_CSV_CUT_QUOTED) {
			q = memchr(p + i, '"', n - i);
			end = q ? (size_t)(q - p) : n;
			c->lines += count_lf(p + i, end - i);
			if (!q)
				return n;
			c->state = EG_CSV_CUT_QUOTE;
			i = end + 1;
			continue;
		}
		if (c->state == EG_CSV_CUT_QUOTE) {
			if (p[i] == '"') {
				c->state = EG_CSV_CUT_QUOTED;
				i++;
				continue;
			}
			/* Any other byte after the closing quote goes as in an unquoted field. */
			c->state = EG_CSV_CUT_PLAIN;
		}
		/* Outside quotes: up to the next quote, only line feeds matter. */
		q = memchr(p + i, '"', n - i);
		end = q ? (size_t)(q - p) : n;
		if (want_cut && (lf = memchr(p + i, '\n', end - i)) != NULL) {
			c->lines++;
			c->state = EG_CSV_CUT_START;
			*cut = 1;
			return (size_t)(lf - p) + 1;
		}
		c->lines += count_lf(p + i, end - i);
		if (end > i)
			c->state = p[end - 1] == c->delimiter || p[end - 1] == '\n' ||
						   p[end - 1] == '\r'
					   ? EG_CSV_CUT_START
					   : EG_CSV_CUT_PLAIN;
		if (!q)
			return n;
		/* A quote opens a quoted field at a field's start; elsewhere it is data. */
		if (c->state == EG_CSV_CUT_START)
			c->state = EG_CSV_CUT_QUOTED;
		i = end + 1;
	}
	return n;
}
