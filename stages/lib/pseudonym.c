/*
 * pseudonym.c - HMAC-SHA-256 pseudonyms of emails and other personal values.
 */
#include "engage/pseudonym.h"
#include "engage/email_address.h"
#include "engage/sha256.h"
#include "engage/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int eg_pseudonym_load(struct eg_pseudonym *p, const char *path, struct eg_error *err)
{
	struct eg_strbuf b = { 0 };
	int rc = eg_strbuf_read_file(&b, path, 64 * 1024, err);
	size_t n = b.len;

	if (rc == EG_OK) {
		while (n && (b.s[n - 1] == '\n' || b.s[n - 1] == '\r'))
			n--;
		if (n < 16 || n > sizeof(p->key))
			rc = eg_error_set(
				err, EG_EUSAGE, path, 0, 0,
				"the pseudonym key in '%s' has %zu bytes: it needs 16 to 256", path,
				n);
	}
	if (rc == EG_OK) {
		memcpy(p->key, b.s, n);
		p->keylen = n;
	}
	eg_strbuf_release(&b);
	return rc;
}

/* The first 20 hex digits of the value's HMAC, after a prefix, into out. */
static void digest(const struct eg_pseudonym *p, const char *s, size_t len, char *out)
{
	unsigned char mac[32];
	int i;

	eg_sha256_hmac(p->key, p->keylen, s, len, mac);
	for (i = 0; i < 10; i++)
		snprintf(out + 2 * i, 3, "%02x", mac[i]);
}

char *eg_pseudonym_email(const struct eg_pseudonym *p, const char *s, size_t len,
			 char out[EG_PSEUDONYM_SIZE])
{
	size_t n;
	char *norm = eg_email_normalise(s, len, &n);

	/*
	 * The whole address in its normal form (email_address.h), however long:
	 * one person, one pseudonym; two people, two. Out of memory, the bytes
	 * as they are still give a pseudonym, never the address.
	 */
	if (norm)
		digest(p, norm, n, out);
	else
		digest(p, s, len, out);
	free(norm);
	strcpy(out + 20, "@pseudonym.invalid");
	return out;
}

char *eg_pseudonym_text(const struct eg_pseudonym *p, const char *s, size_t len,
			char out[EG_PSEUDONYM_SIZE])
{
	out[0] = 'p';
	digest(p, s, len, out + 1);
	return out;
}
