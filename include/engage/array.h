/*
 * array.h - room in a growable array, by doubling.
 */
#ifndef ENGAGE_ARRAY_H
#define ENGAGE_ARRAY_H

#include <stddef.h>

/*
 * Makes *p (owned by the caller; *cap elements of size bytes) hold at
 * least need elements: from first (when *cap is 0) or *cap, doubled until
 * it does, then realloc'd. -1 on out of memory, with *p and *cap as they
 * were.
 */
int eg_array_reserve(void **p, size_t *cap, size_t need, size_t size, size_t first);

#endif
