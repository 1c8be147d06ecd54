/*
 * money.c - parsing, formatting and rounding of fixed-point amounts, all in
 * integer arithmetic.
 */
#include "engage/money.h"
#include "engage/integer.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int bad(struct eg_error *err, const char *s, size_t len, const char *why)
{
	return eg_error_set(err, EG_EDATA, NULL, 0, 0, "invalid amount '%.*s': %s",
			    (int)(len > 64 ? 64 : len), s, why);
}

int eg_money_parse(const char *s, size_t len, const struct eg_money_style *style, int64_t *out,
		   struct eg_error *err)
{
	char dec = style && style->decimal ? style->decimal : '.';
	char thou = style ? style->thousands : 0;
	size_t i = 0, group = 0, int_digits = 0, frac_digits = 0;
	int neg = 0, seen_thou = 0, round_up = 0;
	uint64_t units = 0; /* whole currency units */
	uint64_t frac = 0;  /* first four decimals, in ten-thousandths */
	uint64_t total, limit;

	if (len == 0)
		return bad(err, s, len, "empty");
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		i++;
	}
	/* The magnitude INT64_MIN has is one more than INT64_MAX's. */
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len && s[i] != dec; i++) {
		unsigned char c = (unsigned char)s[i];

		if (thou && c == (unsigned char)thou) {
			/* A separator needs 1-3 digits before the first, exactly 3 between. */
			if (int_digits == 0 || (seen_thou ? group != 3 : group > 3))
				return bad(err, s, len, "misplaced thousands separator");
			seen_thou = 1;
			group = 0;
			continue;
		}
		if (c < '0' || c > '9')
			return bad(err, s, len, "not a number");
		units = units * 10 + (uint64_t)(c - '0');
		/* Checked each digit, so units * 10 never wraps. */
		if (units > limit / EG_MONEY_SCALE)
			return bad(err, s, len, "out of range");
		int_digits++;
		group++;
	}
	if (seen_thou && group != 3)
		return bad(err, s, len, "misplaced thousands separator");
	if (i < len) {
		for (i++; i < len; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c < '0' || c > '9')
				return bad(err, s, len, "not a number");
			if (frac_digits < 4)
				frac = frac * 10 + (uint64_t)(c - '0');
			else if (frac_digits == 4)
				round_up = c >= '5';
			frac_digits++;
		}
	}
	if (int_digits == 0 && frac_digits == 0)
		return bad(err, s, len, "no digits");
	while (frac_digits < 4) {
		frac *= 10;
		frac_digits++;
	}
	total = units * EG_MONEY_SCALE + frac + (uint64_t)round_up;
	if (total > limit)
		return bad(err, s, len, "out of range");
	*out = neg ? (int64_t)(0 - total) : (int64_t)total;
	return EG_OK;
}

char *eg_money_format(int64_t v, char *buf)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t frac = mag % EG_MONEY_SCALE;
	size_t n = 0;
	int places = frac % 100 == 0 ? 2 : 4;

	if (v < 0)
		buf[n++] = '-';
	n += eg_uint_format(mag / EG_MONEY_SCALE, buf + n);
	buf[n++] = '.';
	eg_uint_format_digits(places == 2 ? frac / 100 : frac, (unsigned)places, buf + n);
	buf[n + (size_t)places] = '\0';
	return buf;
}

int eg_money_mul(int64_t amount, int64_t quantity, int64_t *out)
{
	int64_t r;

	if (__builtin_mul_overflow(amount, quantity, &r))
		return EG_EDATA;
	*out = r;
	return EG_OK;
}

int eg_money_add(int64_t *acc, int64_t b)
{
	return eg_int_add(acc, b);
}

int64_t eg_money_div_round(int64_t num, int64_t den)
{
	/* Work on magnitudes so that halves round away from zero for any signs. */
	uint64_t n = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
	uint64_t d = den < 0 ? (uint64_t)0 - (uint64_t)den : (uint64_t)den;
	uint64_t q = n / d, r = n % d;
	int neg = (num < 0) != (den < 0);

	if (r >= d - r)
		q++;
	/* Negated as unsigned: q is 2^63 for INT64_MIN / 1, which -(int64_t)q overflows. */
	return neg ? (int64_t)(0 - q) : (int64_t)q;
}

int64_t eg_money_round(int64_t v, int decimals)
{
	static const int64_t step[] = { 10000, 1000, 100, 10, 1 };
	int64_t r;

	if (decimals < 0)
		decimals = 0;
	if (decimals >= 4)
		return v;
	/* Within half a step of the int64 limits the rounded value does not fit. */
	if (__builtin_mul_overflow(eg_money_div_round(v, step[decimals]), step[decimals], &r))
		return v / step[decimals] * step[decimals];
	return r;
}
