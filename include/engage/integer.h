/*
 * integer.h - whole numbers from export text, and back to text.
 */
#ifndef ENGAGE_INTEGER_H
#define ENGAGE_INTEGER_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/*
 * Parses len bytes at s as a decimal integer with an optional sign into *out.
 * On failure (empty, not a number, out of range) returns EG_EDATA with a
 * message in err (the caller adds file and line); *out is unchanged.
 */
int eg_int_parse(const char *s, size_t len, int64_t *out, struct eg_error *err);

/* Adds b to *acc; EG_EDATA, with *acc unchanged, when the sum leaves int64. */
int eg_int_add(int64_t *acc, int64_t b);

#define EG_INT_BUFSZ 21 /* bytes for any int64_t in decimal, its sign and the NUL */

/*
 * Writes v into buf (at least EG_INT_BUFSZ bytes, caller-owned) in decimal,
 * as printf's "%lld" does, NUL-terminated. Returns the length. Never fails.
 */
size_t eg_int_format(int64_t v, char *buf);

/* Like eg_int_format for an unsigned value ("%llu"); buf holds at least EG_INT_BUFSZ bytes. */
size_t eg_uint_format(uint64_t v, char *buf);

/*
 * Writes v into buf (size bytes, caller-owned) with a comma between groups
 * of three digits ("-120,001"), cut short to fit; returns buf.
 */
char *eg_int_format_grouped(int64_t v, char *buf, size_t size);

/*
 * Writes the last width decimal digits of v at buf (caller-owned, width
 * bytes), zero-padded as "%0*llu" would for a v below 10^width; no NUL.
 * Inline: time stamps and amounts are written with it on every row.
 */
static inline void eg_uint_format_digits(uint64_t v, unsigned width, char *buf)
{
	while (width) {
		buf[--width] = (char)('0' + v % 10);
		v /= 10;
	}
}

#endif
