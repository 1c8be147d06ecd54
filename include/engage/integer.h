/*
 * integer.h - whole numbers from export text.
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

#endif
