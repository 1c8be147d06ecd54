/*
 * phone.h - a phone number as a customer key: the same number written
 * `+1 (215) 555-0199`, `'+12155550199` or `0012155550199` gives one key, so
 * orders without an email still find their customer.
 *
 * The rule: one leading ' (a spreadsheet guard) and white space are
 * dropped; spaces, hyphens, dots, slashes and parentheses separate digit
 * groups; a number starting with + or 00 has its country code, and its key
 * is + and its digits (E.164), with a trunk "(0)" after the country code
 * dropped; a number without either is kept as its digits, since no country
 * can be assumed. A number is not usable (no key) when it holds anything
 * else (a masked `*******88`, an extension, letters), has fewer than 7 or
 * more than 15 digits, or repeats one digit (a placeholder like 0000000).
 */
#ifndef ENGAGE_PHONE_H
#define ENGAGE_PHONE_H

#include <stddef.h>

#define EG_PHONE_SIZE 17 /* room for a key: + and 15 digits, and its NUL */

/*
 * Writes the key of the phone number (len bytes at s) into out, NUL
 * terminated; returns its length, or 0 (out "") when the number is not usable.
 */
size_t eg_phone_key(const char *s, size_t len, char out[EG_PHONE_SIZE]);

#endif
