/*
 * hmac.c - HMAC-SHA-256: H((K ^ opad) || H((K ^ ipad) || m)), a key longer
 * than the 64-byte block hashed first.
 */
#include "engage/hmac.h"
#include "engage/sha256.h"

#include <string.h>

void eg_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t len,
		    unsigned char out[32])
{
	unsigned char k[64] = { 0 }, pad[64], inner[32];
	struct eg_sha256 s;
	size_t i;

	if (keylen > 64) {
		eg_sha256_init(&s);
		eg_sha256_update(&s, key, keylen);
		eg_sha256_final(&s, k);
	} else if (keylen) {
		memcpy(k, key, keylen);
	}
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	eg_sha256_init(&s);
	eg_sha256_update(&s, pad, 64);
	eg_sha256_update(&s, msg, len);
	eg_sha256_final(&s, inner);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	eg_sha256_init(&s);
	eg_sha256_update(&s, pad, 64);
	eg_sha256_update(&s, inner, 32);
	eg_sha256_final(&s, out);
}
