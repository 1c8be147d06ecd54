/*
 * integer.c - decimal integers without strtol's locale and whitespace rules.
 */
#include "engage/integer.h"

int eg_int_parse(const char *s, size_t len, int64_t *out, struct eg_error *err)
{
	size_t i = 0;
	int neg = 0;
	uint64_t v = 0, limit;

	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (i == len)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0, "invalid number '%.*s'",
				    (int)(len > 64 ? 64 : len), s);
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9)
			return eg_error_set(err, EG_EDATA, NULL, 0, 0, "invalid number '%.*s'",
					    (int)(len > 64 ? 64 : len), s);
		if (v > (limit - d) / 10)
			return eg_error_set(err, EG_EDATA, NULL, 0, 0, "number '%.*s' out of range",
					    (int)(len > 64 ? 64 : len), s);
		v = v * 10 + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return EG_OK;
}

int eg_int_add(int64_t *acc, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(*acc, b, &r))
		return EG_EDATA;
	*acc = r;
	return EG_OK;
}
