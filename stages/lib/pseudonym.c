/*
 * pseudonym.c - HMAC-SHA-256 pseudonyms of emails and other personal values.
 */
#include "engage/pseudonym.h"
#include "engage/sha256.h"
#include "engage/strbuf.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int eg_pseudonym_load(struct eg_pseudonym *p, const char *path, struct eg_error *err)
{
	struct eg_strbuf b = { 0 };
	int rc = eg_strbuf_read_file(&b, path, err);
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
	char norm[320];
	size_t i, n = 0;

	/* The same person's email in any case or with stray spaces: one pseudonym. */
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	for (i = 0; i < len && n < sizeof(norm); i++)
		norm[n++] = (char)tolower((unsigned char)s[i]);
	digest(p, norm, n, out);
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
