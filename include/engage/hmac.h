/*
 * hmac.h - HMAC-SHA-256 (RFC 2104 over FIPS 180-4 SHA-256, sha256.h).
 */
#ifndef ENGAGE_HMAC_H
#define ENGAGE_HMAC_H

#include <stddef.h>

/* Writes HMAC-SHA-256 of msg (len bytes) under key (keylen bytes) into out. */
void eg_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
		    unsigned char out[32]);

#endif
