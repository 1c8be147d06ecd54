/*
 * pseudonym.h - keyed pseudonyms for personal data in reports that leave
 * the analytics team.
 *
 * An email becomes "<20 hex digits>@pseudonym.invalid" and any other
 * personal value (a name, a phone number) "p<20 hex digits>": the first 80
 * bits of HMAC-SHA-256 (sha256.h) under the shop's key of the value
 * (an email whole, in its normal form first: email_address.h). The same key gives the same
 * pseudonym every month, so customers still match across runs and
 * sources; without the key the value cannot be recovered or guessed by
 * hashing candidates.
 */
#ifndef ENGAGE_PSEUDONYM_H
#define ENGAGE_PSEUDONYM_H

#include <stddef.h>

#include "engage/error.h"

#define EG_PSEUDONYM_SIZE 40 /* room for a pseudonym and its NUL */

/* The key. */
struct eg_pseudonym {
	unsigned char key[256]; /* the key file's bytes, without a final newline */
	size_t keylen;		/* bytes at key, 16 to 256 */
};

/*
 * Reads the key file at path into p. A key shorter than 16 bytes or longer
 * than 256 is EG_EUSAGE; a file that cannot be read EG_EIO.
 */
int eg_pseudonym_load(struct eg_pseudonym *p, const char *path, struct eg_error *err);

/* Writes the pseudonym of the email (len bytes at s) into out; returns out. */
char *eg_pseudonym_email(const struct eg_pseudonym *p, const char *s, size_t len,
			 char out[EG_PSEUDONYM_SIZE]);

/* Writes the pseudonym of another personal value into out; returns out. */
char *eg_pseudonym_text(const struct eg_pseudonym *p, const char *s, size_t len,
			char out[EG_PSEUDONYM_SIZE]);

#endif
