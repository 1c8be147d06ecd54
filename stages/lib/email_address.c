/*
 * email_address.c - the normal form of an email address: ASCII lowercase
 * for the common all-ASCII address, Unicode case folding (libunistring) of
 * the local part and the IDNA ASCII form (libidn2) of the domain otherwise.
 */
#include "engage/email_address.h"

#include <idn2.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

int eg_email_is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Appends n bytes at s to *out (*len used); lowercases ASCII letters when lower. */
static void append(char *out, size_t *len, const char *s, size_t n, int lower)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		out[(*len)++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
}

/*
 * The Unicode case fold of n bytes at s (NFC) as a new string, its length in
 * *folded; NULL when they are not UTF-8 or memory ran out.
 */
static char *fold(const char *s, size_t n, size_t *folded)
{
	uint8_t *f;

	*folded = 0;
	/* u8_casefold would make each invalid byte U+FFFD: such bytes are kept instead. */
	if (u8_check((const uint8_t *)s, n))
		return NULL;
	f = u8_casefold((const uint8_t *)s, n, NULL, UNINORM_NFC, NULL, folded);
	return (char *)f;
}

char *eg_email_normalise(const char *s, size_t len, size_t *outlen)
{
	const char *at;
	char *local = NULL, *domain = NULL, *ascii = NULL, *out;
	size_t nlocal = 0, ndomain = 0, n = 0;

	while (len && is_space(*s))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	for (at = s + len; at > s && at[-1] != '@'; at--)
		;
	at = at > s ? at - 1 : NULL;
	if (!eg_email_is_ascii(s, len)) {
		size_t local_len = at ? (size_t)(at - s) : len;

		local = fold(s, local_len, &nlocal);
		if (at) {
			char *d = malloc(len - local_len);

			/* IDNA works on a NUL-terminated domain. */
			if (d) {
				memcpy(d, at + 1, len - local_len - 1);
				d[len - local_len - 1] = '\0';
				if (idn2_to_ascii_8z(d, &ascii, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) !=
				    IDN2_OK)
					ascii = NULL;
				if (!ascii)
					domain = fold(at + 1, len - local_len - 1, &ndomain);
			}
			free(d);
		}
	}
	out = malloc(len + (local ? nlocal : 0) + (ascii ? strlen(ascii) : 0) +
		     (domain ? ndomain : 0) + 2);
	if (out) {
		size_t local_len = at ? (size_t)(at - s) : len;

		if (local)
			append(out, &n, local, nlocal, 0);
		else
			append(out, &n, s, local_len, 1);
		if (at) {
			out[n++] = '@';
			if (ascii)
				append(out, &n, ascii, strlen(ascii), 1);
			else if (domain)
				append(out, &n, domain, ndomain, 0);
			else
				append(out, &n, at + 1, len - local_len - 1, 1);
		}
		out[n] = '\0';
		*outlen = n;
	}
	free(local);
	free(domain);
	idn2_free(ascii);
	return out;
}
