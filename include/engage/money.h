/*
 * money.h - exact money in int64_t fixed point.
 *
 * An amount is a count of ten-thousandths of the currency unit (4 decimals:
 * real exports carry prices like 0.001), so 12.50 is 125000. Amounts are
 * parsed from text without floating point, summed as integers, and rounded
 * half away from zero only where a value is shown or averaged.
 */
#ifndef ENGAGE_MONEY_H
#define ENGAGE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

#define EG_MONEY_SCALE 10000 /* units per currency unit */
#define EG_MONEY_BUFSZ 32    /* enough for any formatted amount */

/* How amounts are written in a source. */
struct eg_money_style {
	char decimal;	/* decimal separator: '.' or ','; 0 means '.' */
	char thousands; /* thousands separator accepted between digit groups, 0 for none */
};

/*
 * Parses len bytes at s as an amount: optional sign, digits (with the style's
 * thousands separator between groups of three), optional decimal part.
 * Digits past the fourth decimal are rounded half away from zero. style may
 * be NULL for plain "1234.56". On failure returns EG_EDATA with a message in
 * err (no file or line: the caller adds them) and leaves *out unchanged.
 */
int eg_money_parse(const char *s, size_t len, const struct eg_money_style *style, int64_t *out,
		   struct eg_error *err);

/*
 * Writes v into buf (at least EG_MONEY_BUFSZ bytes) as a plain decimal: two
 * decimals when v is a whole number of cents ("12.50"), else four
 * ("-3.0010"). Returns buf.
 */
char *eg_money_format(int64_t v, char *buf);

/*
 * Multiplies an amount by an integer quantity into *out. Returns EG_EDATA
 * when the product does not fit, leaving *out unchanged.
 */
int eg_money_mul(int64_t amount, int64_t quantity, int64_t *out);

/* Adds b to *acc; returns EG_EDATA when the sum does not fit (acc unchanged). */
int eg_money_add(int64_t *acc, int64_t b);

/* Returns num / den rounded half away from zero; den must not be 0. */
int64_t eg_money_div_round(int64_t num, int64_t den);

/*
 * Returns v rounded half away from zero to the given number of decimals
 * (0-4); within half a step of the int64 limits, where that does not fit,
 * rounded toward zero.
 */
int64_t eg_money_round(int64_t v, int decimals);

#endif
