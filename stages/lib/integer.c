/*
 * integer.c - decimal integers without strtol's locale and whitespace rules,
 * and written without printf's format parsing (the output tables write one or
 * more numbers per row, so this sits on every stage's hot path).
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

size_t eg_uint_format(uint64_t v, char *buf)
{
	char tmp[20];
	size_t n = 0, len = 0;

	/* Digits come out least significant first; 2^64 - 1 has 20. */
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

size_t eg_int_format(int64_t v, char *buf)
{
	/* Negated as unsigned: -INT64_MIN does not fit an int64_t. */
	if (v < 0) {
		buf[0] = '-';
		return 1 + eg_uint_format((uint64_t)0 - (uint64_t)v, buf + 1);
	}
	return eg_uint_format((uint64_t)v, buf);
}

char *eg_int_format_grouped(int64_t v, char *buf, size_t size)
{
	char digits[EG_INT_BUFSZ];
	size_t len, i, o = 0;

	if (size == 0)
		return buf;
	/* The magnitude as unsigned: -INT64_MIN does not fit an int64_t. */
	len = eg_uint_format(v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, digits);
	if (v < 0 && o + 1 < size)
		buf[o++] = '-';
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}
