/*
 * fuzz_money.c - amounts and numbers as exports write them: money.h's
 * strict parser and extract_value.h's lenient one (currency symbols,
 * either decimal separator, counts, durations).
 *
 * The first byte picks the style (decimal separator, thousands separator,
 * the guess for an undecidable "1,234"); the rest is the value. Properties:
 * an amount that parses formats to text that parses back to the same
 * amount, whatever style read it; a count is never negative; rounding,
 * sums and products of any amount either give a result or report an
 * overflow, never undefined behaviour (the sanitizers watch).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engage/extract_value.h"
#include "engage/money.h"
#include "engage/text_bytes.h"

const char *const fuzz_seeds[] = { NULL };

/* Formats v and parses it back with the plain style. */
static void round_trip(int64_t v)
{
	char buf[EG_MONEY_BUFSZ];
	struct eg_error err;
	int64_t back = 0;

	eg_money_format(v, buf);
	FUZZ_CHECK(strlen(buf) < EG_MONEY_BUFSZ);
	FUZZ_CHECK(eg_money_parse(buf, strlen(buf), NULL, &back, &err) == EG_OK);
	FUZZ_CHECK(back == v);
}

/* Exercises the arithmetic of money.h on two amounts. */
static void arithmetic(int64_t a, int64_t b)
{
	int64_t r = 12345, d;

	for (d = 0; d <= 5; d++)
		(void)eg_money_round(a, (int)d);
	if (eg_money_add(&r, a) != EG_OK)
		FUZZ_CHECK(r == 12345);
	r = a;
	(void)eg_money_add(&r, b);
	(void)eg_money_mul(a, b / EG_MONEY_SCALE, &r);
	if (b != 0)
		(void)eg_money_div_round(a, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char decimals[] = { '.', ',', 0, 0 };
	static const char thousands[] = { 0, ',', '.', ' ', '\'', 0, 0, 0 };
	struct eg_money_style ms;
	struct eg_extract_value_style vs;
	struct eg_error err;
	const char *s;
	size_t len, half;
	int64_t a = 0, b = 0, n = -1;
	int ok_a, ok_b;

	if (size == 0)
		return 0;
	ms.decimal = decimals[data[0] & 3];
	ms.thousands = thousands[(data[0] >> 2) & 7];
	vs.decimal = ms.decimal;
	vs.thousands = ms.thousands;
	vs.guess = (data[0] & 0x20) ? ',' : '.';
	s = (const char *)data + 1;
	len = size - 1;

	ok_a = eg_money_parse(s, len, &ms, &a, &err) == EG_OK;
	if (ok_a)
		round_trip(a);
	ok_b = eg_extract_value_amount(s, len, &vs, &b, &err) == EG_OK;
	if (ok_b)
		round_trip(b);
	if (eg_extract_value_count(s, len, &vs, &n, &err) == EG_OK)
		FUZZ_CHECK(n >= 0);
	n = -1;
	if (eg_extract_value_seconds(s, len, &vs, &n, &err) == EG_OK)
		FUZZ_CHECK(n >= 0);
	(void)eg_extract_value_is_blank(s, len);
	(void)eg_extract_value_bool(s, len);
	(void)eg_text_bytes_check(s, len, NULL);

	/* Two amounts from the two halves, for the arithmetic. */
	half = len / 2;
	if (eg_money_parse(s, half, NULL, &a, &err) == EG_OK &&
	    eg_money_parse(s + half, len - half, NULL, &b, &err) == EG_OK)
		arithmetic(a, b);
	if (ok_b)
		arithmetic(b, b);
	return 0;
}
