/*
 * content_hash.h - 128-bit content hashes of files, so the runner can tell
 * whether a file's bytes changed without keeping a copy of them.
 *
 * The hash is XXH3-128 (libxxhash), written as 32 lowercase hex digits in
 * xxHash's canonical (big-endian) byte order, the same text `xxh128sum`
 * prints. It is fast enough to hash a large export at disk speed and is not
 * a cryptographic hash: it finds accidental changes, not forged ones. This is
 * the one module that includes <xxhash.h>.
 */
#ifndef ENGAGE_CONTENT_HASH_H
#define ENGAGE_CONTENT_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/* Hex digits in a hash's text form. */
#define EG_CONTENT_HASH_HEX 32

/* A content hash in text form. */
struct eg_content_hash {
	char hex[EG_CONTENT_HASH_HEX + 1]; /* 32 lowercase hex digits and a NUL */
};

/* Hashes len bytes at data into *out. Cannot fail. */
void eg_content_hash_bytes(const void *data, size_t len, struct eg_content_hash *out);

/*
 * Hashes the whole file at path into *out, reading it in chunks, and stores
 * how many bytes it read in *size (may be NULL). EG_EIO naming path when it
 * cannot be opened or read, or when out of memory; *out is then unchanged.
 */
int eg_content_hash_file(const char *path, struct eg_content_hash *out, int64_t *size,
			 struct eg_error *err);

/*
 * Reads a hash's text form from len bytes at s into *out. Returns 1 when s is
 * exactly 32 hex digits (upper case accepted, stored lower case), else 0 with
 * *out unchanged.
 */
int eg_content_hash_parse(const char *s, size_t len, struct eg_content_hash *out);

/* Returns 1 when a and b are the same hash, else 0. */
int eg_content_hash_equal(const struct eg_content_hash *a, const struct eg_content_hash *b);

#endif
