/*
 * text_bytes.c - the UTF-8 and NUL check of a field's bytes, eight ASCII
 * bytes at a time where it can.
 */
#include "engage/text_bytes.h"

#include <stdint.h>
#include <string.h>

enum eg_text_bytes eg_text_bytes_check(const char *s, size_t len, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned c, need, min, cp, k;
		uint64_t w;

		/* Eight bytes at a time while they are all 0x01-0x7F (no high bit, no zero byte). */
		if (len - i >= 8) {
			memcpy(&w, u + i, 8);
			if (((w | ((w - UINT64_C(0x0101010101010101)) & ~w)) &
			     UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		c = u[i];
		/* One comparison for the common case: 0x01-0x7F. */
		if ((unsigned char)(c - 1) < 0x7F) {
			i++;
			continue;
		}
		if (at)
			*at = i;
		if (c == 0)
			return EG_BYTES_NUL;
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, min = 0x80, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, min = 0x800, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, min = 0x10000, cp = c & 0x07;
		else
			return EG_BYTES_UTF8;
		if (i + need >= len)
			return EG_BYTES_UTF8;
		for (k = 1; k <= need; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return EG_BYTES_UTF8;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return EG_BYTES_UTF8;
		i += need + 1;
	}
	return EG_BYTES_OK;
}
