/*
 * text_bytes.h - whether a field's bytes are text every stage can carry:
 * valid UTF-8 holding no NUL byte. extract checks every field it reads;
 * the rejects file of any stage keeps a bad field's bytes readable.
 */
#ifndef ENGAGE_TEXT_BYTES_H
#define ENGAGE_TEXT_BYTES_H

#include <stddef.h>

/* Outcome of eg_text_bytes_check. */
enum eg_text_bytes {
	EG_BYTES_OK,   /* clean UTF-8 without NUL */
	EG_BYTES_NUL,  /* holds a NUL byte */
	EG_BYTES_UTF8, /* not valid UTF-8 (a stray, overlong, surrogate or truncated sequence) */
};

/*
 * Checks that len bytes at s are valid UTF-8 holding no NUL byte; the byte
 * offset of the first problem goes to *at (when at is not NULL). ASCII is
 * checked a byte at a time with one comparison, so clean data costs little.
 */
enum eg_text_bytes eg_text_bytes_check(const char *s, size_t len, size_t *at);

#endif
