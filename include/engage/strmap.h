/*
 * strmap.h - a hash map from byte-string keys to size_t values.
 *
 * Open addressing with linear probing; keys are copied into one arena owned
 * by the map. Iteration order is not exposed: callers that write output sort
 * what they take out, so no hash order leaks into files.
 */
#ifndef ENGAGE_STRMAP_H
#define ENGAGE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct eg_strmap;

/* A new empty map sized for about expected keys; NULL on out of memory. */
struct eg_strmap *eg_strmap_new(size_t expected);

/* Frees m and its keys. NULL is a no-op. */
void eg_strmap_free(struct eg_strmap *m);

/*
 * Looks up key (len bytes). When present, returns 1 and stores its value in
 * *value (if value is not NULL); when absent returns 0.
 */
int eg_strmap_get(const struct eg_strmap *m, const char *key, size_t len, size_t *value);

/*
 * Inserts key with value when absent (returns 1), or leaves the existing entry
 * and stores its value in *value (returns 0). Returns -1 on out of memory.
 */
int eg_strmap_put(struct eg_strmap *m, const char *key, size_t len, size_t *value);

/* Number of keys. */
size_t eg_strmap_size(const struct eg_strmap *m);

/*
 * The key put i-th (i < size, from 0), borrowed from m until the next put;
 * its length in *len. Lets a caller number its keys by insertion and keep
 * no copy of them.
 */
const char *eg_strmap_key(const struct eg_strmap *m, size_t i, size_t *len);

/* 64-bit FNV-1a hash of len bytes at s. */
uint64_t eg_hash64(const char *s, size_t len);

#endif
