/*
 * strbuf.c - a growing string doubling its room, and whole-file reads.
 */
#include "engage/strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eg_strbuf_add(struct eg_strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		p = realloc(b->s, cap);
		if (!p)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

int eg_strbuf_str(struct eg_strbuf *b, const char *s)
{
	return eg_strbuf_add(b, s, strlen(s));
}

char *eg_strbuf_take(struct eg_strbuf *b)
{
	char *s = b->s ? b->s : calloc(1, 1);

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void eg_strbuf_release(struct eg_strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int eg_strbuf_read_file(struct eg_strbuf *b, const char *path, size_t max, struct eg_error *err)
{
	char chunk[8192];
	size_t n, total = 0;
	FILE *fp = fopen(path, "rb");
	int e;

	if (!fp)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to open '%s': %s", path,
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		total += n;
		if (total > max) {
			fclose(fp);
			return eg_error_set(err, EG_EDATA, path, 0, 0,
					    "'%s' is longer than %zu bytes, the most read", path, max);
		}
		if (eg_strbuf_add(b, chunk, n)) {
			fclose(fp);
			return eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
		}
	}
	if (ferror(fp)) {
		e = errno;
		fclose(fp);
		errno = e;
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to read '%s': %s", path,
				    strerror(e));
	}
	fclose(fp);
	return EG_OK;
}
