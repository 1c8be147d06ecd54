/*
 * sha256.c - SHA-256 and HMAC-SHA-256 through nettle (Debian's nettle-dev),
 * a small, maintained library of hash functions: engage carries no
 * cryptography of its own. Only this file includes nettle's headers; the
 * hash state lives in the room struct eg_sha256 keeps for it.
 */
#include "engage/sha256.h"

#include <errno.h>
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct eg_sha256 *)0)->state.room),
	       "struct eg_sha256 has room for nettle's SHA-256 state");
_Static_assert(alignof(struct sha256_ctx) <= alignof(uint64_t),
	       "struct eg_sha256 is aligned for nettle's SHA-256 state");

/* nettle's state inside s. */
static struct sha256_ctx *ctx(struct eg_sha256 *s)
{
	return (struct sha256_ctx *)(void *)s->state.room;
}

void eg_sha256_init(struct eg_sha256 *s)
{
	sha256_init(ctx(s));
}

void eg_sha256_update(struct eg_sha256 *s, const void *data, size_t len)
{
	if (len)
		sha256_update(ctx(s), len, data);
}

void eg_sha256_final(struct eg_sha256 *s, unsigned char out[32])
{
	sha256_digest(ctx(s), SHA256_DIGEST_SIZE, out);
}

char *eg_sha256_hex(const unsigned char digest[32], char hex[EG_SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
	return hex;
}

int eg_sha256_file(const char *path, char hex[EG_SHA256_HEX_SIZE], int64_t *size,
		   struct eg_error *err)
{
	unsigned char buf[65536], digest[32];
	struct eg_sha256 s;
	FILE *fp = fopen(path, "rb");
	int64_t total = 0;
	size_t n;

	if (!fp)
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to open '%s': %s", path,
				    strerror(errno));
	eg_sha256_init(&s);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		eg_sha256_update(&s, buf, n);
		total += (int64_t)n;
	}
	if (ferror(fp)) {
		fclose(fp);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s'", path);
	}
	fclose(fp);
	eg_sha256_final(&s, digest);
	eg_sha256_hex(digest, hex);
	*size = total;
	return EG_OK;
}

void eg_sha256_hmac(const void *key, size_t keylen, const void *msg, size_t len,
		    unsigned char out[32])
{
	struct hmac_sha256_ctx c;

	hmac_sha256_set_key(&c, keylen, key);
	if (len)
		hmac_sha256_update(&c, len, msg);
	hmac_sha256_digest(&c, SHA256_DIGEST_SIZE, out);
}
