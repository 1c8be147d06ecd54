/*
 * sha256.h - SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104), computed by
 * nettle: the fingerprints of the raw input files the Data quality sheet
 * lists (anyone can check a file against the report with `sha256sum`), and
 * the keyed hash behind pseudonyms (pseudonym.h). This is the one module
 * that includes nettle's headers.
 */
#ifndef ENGAGE_SHA256_H
#define ENGAGE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

#define EG_SHA256_HEX_SIZE 65 /* 64 hex digits and the NUL */

/*
 * A hash being computed. Initialise with eg_sha256_init; no heap memory.
 * The room holds nettle's hash state, so that callers need not include
 * nettle (sha256.c checks at compile time that it fits).
 */
struct eg_sha256 {
	union {
		uint64_t align;		 /* aligns the room for nettle's state */
		unsigned char room[128]; /* nettle's struct sha256_ctx */
	} state;
};

/* Starts a new hash in s. */
void eg_sha256_init(struct eg_sha256 *s);

/* Adds len bytes at data (may be NULL when len is 0). */
void eg_sha256_update(struct eg_sha256 *s, const void *data, size_t len);

/* Ends the hash and writes the 32-byte digest to out; s must be initialised again to reuse. */
void eg_sha256_final(struct eg_sha256 *s, unsigned char out[32]);

/* Writes digest as 64 lowercase hex digits and a NUL into hex; returns hex. */
char *eg_sha256_hex(const unsigned char digest[32], char hex[EG_SHA256_HEX_SIZE]);

/*
 * Hashes the file at path: its digest as hex into hex and its size in bytes
 * into *size. EG_EIO naming path when it cannot be opened or read; the
 * outputs are then unchanged.
 */
int eg_sha256_file(const char *path, char hex[EG_SHA256_HEX_SIZE], int64_t *size,
		   struct eg_error *err);

/* Writes HMAC-SHA-256 of msg (len bytes) under key (keylen bytes) into out. */
void eg_sha256_hmac(const void *key, size_t keylen, const void *msg, size_t len,
		    unsigned char out[32]);

#endif
