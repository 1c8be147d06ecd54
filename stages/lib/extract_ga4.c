/*
 * extract_ga4.c - taking a GA4 download apart into preamble and blocks
 * (see extract_ga4.h). One pass over the lines, no copies of the data.
 */
#include "engage/extract_ga4.h"

#include <stdlib.h>
#include <string.h>

/* 1 when the line at s (len bytes, no newline) starts a comment. */
static int is_comment(const char *s, size_t len)
{
	return len >= 1 && s[0] == '#' &&
	       (len == 1 || s[1] == ' ' || s[1] == '-' || s[1] == '#' || s[1] == '\t' ||
		s[1] == '\r');
}

/* 1 when the line holds nothing but white space and delimiters. */
static int is_blank(const char *s, size_t len, char delimiter)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != delimiter)
			return 0;
	return 1;
}

int eg_extract_ga4_is_commented(const char *data, size_t len)
{
	const char *nl = memchr(data, '\n', len);

	return is_comment(data, nl ? (size_t)(nl - data) : len);
}

/* The text of a comment line after "# ", without trailing white space or padding. */
static void comment_text(const char *s, size_t len, char delimiter, const char **t, size_t *tlen)
{
	size_t i = 1;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\r' || s[len - 1] == '\t' ||
			   s[len - 1] == delimiter))
		len--;
	*t = s + i;
	*tlen = len - i;
}

static void copy_after(const char *t, size_t tlen, const char *prefix, char *out, size_t outsz)
{
	size_t n = strlen(prefix);

	if (out[0] || tlen < n || strncmp(t, prefix, n) != 0)
		return;
	t += n;
	tlen -= n;
	while (tlen && *t == ' ')
		t++, tlen--;
	if (tlen >= outsz)
		tlen = outsz - 1;
	memcpy(out, t, tlen);
	out[tlen] = '\0';
}

/* 1 when the n bytes at s are digits. */
static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * 1 when the tlen bytes at t end in a range "YYYYMMDD-YYYYMMDD" (spaces
 * around the dash allowed) that is the whole text or follows " / ": then
 * its days go to start and end (16 bytes each), when those are still empty.
 */
static int range_at_end(const char *t, size_t tlen, char *start, char *end)
{
	size_t i, a;

	if (tlen < 17 || !all_digits(t + tlen - 8, 8))
		return 0;
	i = tlen - 8;
	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i == 0 || t[--i] != '-')
		return 0;
	while (i > 0 && t[i - 1] == ' ')
		i--;
	if (i < 8 || !all_digits(t + i - 8, 8))
		return 0;
	a = i - 8;
	if (a != 0 && (a < 3 || memcmp(t + a - 3, " / ", 3) != 0))
		return 0;
	if (!start[0] && !end[0]) {
		memcpy(start, t + a, 8);
		start[8] = '\0';
		memcpy(end, t + tlen - 8, 8);
		end[8] = '\0';
	}
	return 1;
}

/* The date range a comment line states into start and end (16 bytes each); 1 when a range line. */
static int range_line(const char *t, size_t tlen, char *start, char *end)
{
	copy_after(t, tlen, "Start date:", start, 16);
	copy_after(t, tlen, "End date:", end, 16);
	return range_at_end(t, tlen, start, end) && tlen <= 8 + 3 + 8;
}

/* Reads what the preamble says: the title (its first other line) and the date range. */
static void preamble_line(struct eg_extract_ga4 *doc, const char *t, size_t tlen)
{
	static const char *const keys[] = { "Account:", "Property:", "Start date:", "End date:",
					    NULL };
	size_t i;

	if (range_line(t, tlen, doc->start, doc->end))
		return;
	for (i = 0; keys[i]; i++)
		if (tlen >= strlen(keys[i]) && strncmp(t, keys[i], strlen(keys[i])) == 0)
			return;
	if (doc->title[0])
		return;
	if (tlen >= sizeof(doc->title))
		tlen = sizeof(doc->title) - 1;
	memcpy(doc->title, t, tlen);
	doc->title[tlen] = '\0';
}

int eg_extract_ga4_split(const char *data, size_t len, char delimiter, struct eg_extract_ga4 *doc,
			 struct eg_error *err)
{
	size_t pos = 0, cap = 0;
	long line = 0;
	int between = 1;  /* not inside a block: a '#' line is a comment */
	int preamble = 1; /* no block seen yet */
	struct eg_extract_ga4_block *cur = NULL;
	char start[16] = "", end[16] = ""; /* the range the comments before a block state */

	memset(doc, 0, sizeof(*doc));
	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos, next = pos + n + (nl ? 1 : 0);

		line++;
		if (is_blank(s, n, delimiter)) {
			between = 1;
			cur = NULL;
		} else if (between && is_comment(s, n)) {
			const char *t;
			size_t tlen, i;
			int dashes = 1;

			comment_text(s, n, delimiter, &t, &tlen);
			for (i = 0; i < tlen; i++)
				dashes &= t[i] == '-';
			if (tlen && !dashes) {
				if (preamble)
					preamble_line(doc, t, tlen);
				range_line(t, tlen, start, end);
			}
			cur = NULL;
		} else if (cur) {
			cur->len = next - cur->offset;
		} else {
			if (doc->nblocks == cap) {
				size_t ncap = cap ? cap * 2 : 4;
				struct eg_extract_ga4_block *b =
					realloc(doc->blocks, ncap * sizeof(*b));

				if (!b) {
					eg_extract_ga4_release(doc);
					return eg_error_set(err, EG_EIO, NULL, 0, 0,
							    "out of memory");
				}
				doc->blocks = b;
				cap = ncap;
			}
			cur = &doc->blocks[doc->nblocks++];
			cur->offset = pos;
			cur->len = next - pos;
			cur->line = line;
			/* A block without a range of its own has the file's. */
			memcpy(cur->start, start[0] || end[0] ? start : doc->start, sizeof(start));
			memcpy(cur->end, start[0] || end[0] ? end : doc->end, sizeof(end));
			start[0] = end[0] = '\0';
			between = 0;
			preamble = 0;
		}
		pos = next;
	}
	return EG_OK;
}

void eg_extract_ga4_release(struct eg_extract_ga4 *doc)
{
	free(doc->blocks);
	doc->blocks = NULL;
	doc->nblocks = 0;
}
