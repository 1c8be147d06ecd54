/*
 * email_address.h - the one form of an email address that engage matches
 * customers by and pseudonymises.
 *
 * ASCII white space around it is trimmed; the part before the last '@' is
 * lowercased with Unicode case folding (so `ZOË` and `zoë`, or `STRASSE`
 * and `straße`, are one) in Unicode normalisation form NFC; the domain is
 * written in its IDNA ASCII form (`bücher.de` becomes `xn--bcher-kva.de`),
 * lowercase. An address that is all ASCII is only lowercased. Bytes that are
 * not UTF-8, and a domain that IDNA refuses, are case-folded as far as they
 * can be and otherwise kept. Case folding is libunistring's, the IDNA
 * mapping (UTS #46, non-transitional) libidn2's.
 */
#ifndef ENGAGE_EMAIL_ADDRESS_H
#define ENGAGE_EMAIL_ADDRESS_H

#include <stddef.h>

/*
 * The normal form of the email of len bytes at s, as a new NUL-terminated
 * string the caller frees, its length in *outlen; NULL when out of memory.
 */
char *eg_email_normalise(const char *s, size_t len, size_t *outlen);

/* 1 when the len bytes at s are all ASCII (so lowercasing them is their normal form). */
int eg_email_is_ascii(const char *s, size_t len);

#endif
