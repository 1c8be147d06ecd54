/*
 * strbuf.h - a growing string, and reading a small text file into one.
 */
#ifndef ENGAGE_STRBUF_H
#define ENGAGE_STRBUF_H

#include <stddef.h>

#include "engage/error.h"

/* A growing string; zero-initialised it is empty. */
struct eg_strbuf {
	char *s;    /* NUL-terminated text, owned; NULL while empty */
	size_t len; /* bytes before the NUL */
	size_t cap; /* bytes allocated */
};

/* Appends n bytes at s. Returns 0, or -1 on out of memory (b unchanged). */
int eg_strbuf_add(struct eg_strbuf *b, const char *s, size_t n);

/* Appends the NUL-terminated s. Returns 0, or -1 on out of memory. */
int eg_strbuf_str(struct eg_strbuf *b, const char *s);

/* Hands the text to the caller, who frees it ("" when empty; NULL on out of memory); b is empty after. */
char *eg_strbuf_take(struct eg_strbuf *b);

/* Frees b's text and empties it. */
void eg_strbuf_release(struct eg_strbuf *b);

/*
 * Appends the whole file at path, of at most max bytes. EG_EIO naming the
 * file when it cannot be read (errno is left as the failing call set it, so
 * ENOENT can be told); EG_EDATA when it holds more than max bytes (it is
 * not read past them, so /dev/zero is no threat).
 */
int eg_strbuf_read_file(struct eg_strbuf *b, const char *path, size_t max, struct eg_error *err);

#endif
