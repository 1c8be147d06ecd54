/*
 * extract_value.c - amounts, counts, time stamps, yes/no words and byte
 * checks of raw export values. Amounts are rewritten into a plain
 * "[-]digits[.digits]" string and handed to eg_money_parse, so range checks
 * and rounding stay in one place (money.c).
 */
#include "engage/extract_value.h"
#include "engage/money.h"
#include "engage/pattern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AMOUNT_MAX 64 /* longest normalised amount read; longer values are refused */

/* Length of the white space (ASCII, no-break or narrow no-break space) at s, 0 if none. */
static size_t space_at(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	if (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x89))
		return 3;
	return 0;
}

/* Length of the white space ending at s + len, 0 if none. */
static size_t space_before(const char *s, size_t len)
{
	if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		return 1;
	if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
		return 2;
	if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80 &&
	    ((unsigned char)s[len - 1] == 0xAF || (unsigned char)s[len - 1] == 0x89))
		return 3;
	return 0;
}

static void trim(const char **s, size_t *len)
{
	size_t k;

	while ((k = space_at(*s, *len)) > 0) {
		*s += k;
		*len -= k;
	}
	while ((k = space_before(*s, *len)) > 0)
		*len -= k;
}

/*
 * Currency symbols and prefixes accepted around an amount, longest first
 * where they overlap, each with the one currency it names, or NULL when
 * several use it ("$", "kr").
 */
static const struct {
	const char *text; /* as written */
	const char *code; /* ISO 4217 code, or NULL */
} symbols[] = {
	{ "US$", "USD" },
	{ "NZ$", "NZD" },
	{ "HK$", "HKD" },
	{ "A$", "AUD" },
	{ "C$", "CAD" },
	{ "S$", "SGD" },
	{ "R$", "BRL" },
	{ "$", NULL },
	{ "\xE2\x82\xAC" /* euro */, "EUR" },
	{ "\xC2\xA3" /* pound */, "GBP" },
	{ "\xC2\xA5" /* yen or yuan */, NULL },
	{ "\xE2\x82\xB9" /* rupee */, "INR" },
	{ "\xE2\x82\xA9" /* won */, "KRW" },
	{ "\xE2\x82\xBD" /* rouble */, "RUB" },
	{ "\xE2\x82\xBA" /* lira */, "TRY" },
	{ "\xE2\x82\xAA" /* shekel */, "ILS" },
	{ "\xE2\x82\xAB" /* dong */, "VND" },
	{ "\xE0\xB8\xBF" /* baht */, "THB" },
	{ "\xE2\x82\xB1" /* peso */, "PHP" },
	{ "z\xC5\x82" /* zloty */, "PLN" },
	{ "K\xC4\x8D" /* koruna */, "CZK" },
	{ "kr", NULL },
	{ "Fr.", NULL },
	{ NULL, NULL },
};

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Length of a currency symbol or ISO code at the start of s, 0 if none;
 * *sym is its entry in symbols, or -1 for an ISO code.
 */
static size_t symbol_at(const char *s, size_t len, long *sym)
{
	size_t i, n;

	*sym = -1;
	/* No symbol starts with a digit: most values are numbers, skip the table. */
	if (len && is_digit(s[0]))
		return 0;
	for (i = 0; symbols[i].text; i++) {
		n = strlen(symbols[i].text);
		if (n <= len && memcmp(s, symbols[i].text, n) == 0) {
			*sym = (long)i;
			return n;
		}
	}
	if (len >= 3 && is_upper(s[0]) && is_upper(s[1]) && is_upper(s[2]) &&
	    (len == 3 || !is_upper(s[3])))
		return 3;
	return 0;
}

/* Length of a currency symbol or ISO code ending at s + len, 0 if none; *sym as symbol_at. */
static size_t symbol_before(const char *s, size_t len, long *sym)
{
	size_t i, n;

	*sym = -1;
	/* No symbol ends with a digit either. */
	if (len && is_digit(s[len - 1]))
		return 0;
	for (i = 0; symbols[i].text; i++) {
		n = strlen(symbols[i].text);
		if (n <= len && memcmp(s + len - n, symbols[i].text, n) == 0) {
			*sym = (long)i;
			return n;
		}
	}
	if (len >= 3 && is_upper(s[len - 1]) && is_upper(s[len - 2]) && is_upper(s[len - 3]) &&
	    (len == 3 || !is_upper(s[len - 4])))
		return 3;
	return 0;
}

static int bad(struct eg_error *err, const char *what, const char *s, size_t len, const char *why)
{
	return eg_error_set(err, EG_EDATA, NULL, 0, 0, "invalid %s '%.*s': %s", what,
			    (int)(len > 64 ? 64 : len), s, why);
}

/* A thousands separator in per-value mode: no-break spaces, spaces, apostrophes. */
static size_t group_space_at(const char *s, size_t len)
{
	if (len >= 1 && s[0] == '\'')
		return 1;
	return space_at(s, len);
}

/*
 * Rewrites the number body (digits and separators) at s into norm as
 * "digits[.digits]". Returns NULL on success or why it is not a number.
 */
static const char *normalise(const char *s, size_t len, const struct eg_extract_value_style *st,
			     char *norm, size_t *nlen)
{
	char dec, thou = 0;
	size_t i, n = 0, group = 0, digits = 0, dots = 0, commas = 0, last_sep = len;
	int seen_thou = 0, in_frac = 0, auto_mode = st == NULL || st->decimal == 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '.')
			dots++, last_sep = i;
		else if (s[i] == ',')
			commas++, last_sep = i;
	}
	if (!auto_mode) {
		dec = st->decimal;
		thou = st->thousands;
	} else if (dots && commas) {
		dec = s[last_sep];
		thou = dec == '.' ? ',' : '.';
	} else if (dots + commas == 0) {
		dec = '.';
	} else if (dots + commas > 1) {
		/* "1,234,567": the separator groups thousands, there are no decimals. */
		thou = dots ? '.' : ',';
		dec = thou == '.' ? ',' : '.';
	} else {
		char sep = s[last_sep];
		size_t after = 0, j;
		int lead_zero = last_sep == 0 || (s[0] == '0');

		for (j = last_sep + 1; j < len && is_digit(s[j]); j++)
			after++;
		if (after != 3 || lead_zero || j < len) {
			dec = sep;
		} else {
			char guess = st && st->guess ? st->guess : '.';

			dec = guess == sep ? sep : (sep == '.' ? ',' : '.');
			thou = sep == dec ? 0 : sep;
		}
		if (thou == 0)
			thou = dec == '.' ? ',' : '.';
	}
	for (i = 0; i < len;) {
		size_t k = 0;
		char c = s[i];

		if (is_digit(c)) {
			if (n + 1 >= AMOUNT_MAX)
				return "too long";
			norm[n++] = c;
			if (!in_frac) {
				digits++;
				group++;
			}
			i++;
			continue;
		}
		if (c == dec && !in_frac) {
			if (seen_thou && group != 3)
				return "misplaced thousands separator";
			in_frac = 1;
			norm[n++] = '.';
			i++;
			continue;
		}
		if (!in_frac &&
		    ((thou && c == thou) || (auto_mode && (k = group_space_at(s + i, len - i))))) {
			if (digits == 0 || (seen_thou ? group != 3 : group > 3))
				return "misplaced thousands separator";
			seen_thou = 1;
			group = 0;
			i += k ? k : 1;
			continue;
		}
		return "not a number";
	}
	if (!in_frac && seen_thou && group != 3)
		return "misplaced thousands separator";
	if (n == 0 || (n == 1 && norm[0] == '.'))
		return "no digits";
	*nlen = n;
	return NULL;
}

/*
 * Whether len bytes at s are a plain "[-]digits[.digits]" (at least one
 * digit, at most 40 bytes) that style reads with '.' as the decimal point,
 * so that amount() would only strip the sign and hand the same text to
 * eg_money_parse. Most export values are; they skip the trimming, the
 * currency tables and the separator guessing.
 */
static int is_plain(const char *s, size_t len, const struct eg_extract_value_style *st)
{
	size_t i = len && s[0] == '-', digits = 0, dots = 0;

	if (len > 40)
		return 0;
	for (; i < len; i++) {
		if (is_digit(s[i]))
			digits++;
		else if (s[i] == '.')
			dots++;
		else
			return 0;
	}
	if (digits == 0 || dots > 1)
		return 0;
	if (dots == 0)
		return 1;
	/* A lone '.' is decimal unless the style says otherwise or may guess ','. */
	return st == NULL || st->decimal == '.' || (st->decimal == 0 && st->guess != ',');
}

/* The currency symbol or code written beside an amount. */
struct symbol_seen {
	const char *at; /* where it is written, NULL when there is none */
	size_t len;	/* its length */
	long sym;	/* its entry in symbols, -1 for an ISO code */
};

/*
 * Reads an amount into *out, and the symbol beside it into *seen; returns
 * NULL, or why the value is not an amount (for the caller's message).
 */
static const char *amount(const char *s, size_t len, const struct eg_extract_value_style *style,
			  int64_t *out, struct symbol_seen *seen)
{
	const char *p = s, *why;
	size_t n = len, k, nlen = 0;
	int neg = 0, signs = 0, symbols_seen = 0;
	char norm[AMOUNT_MAX + 2];
	struct eg_error e;

	seen->at = NULL;
	if (is_plain(s, len, style))
		return eg_money_parse(s, len, NULL, out, &e) == EG_OK ? NULL : "out of range";
	trim(&p, &n);
	if (n == 0)
		return "empty";
	if (n >= 2 && p[0] == '(' && p[n - 1] == ')') {
		neg = 1;
		signs++;
		p++;
		n -= 2;
		trim(&p, &n);
	}
	/* Leading sign and currency, in either order. */
	for (;;) {
		if (n && (p[0] == '-' || p[0] == '+') && signs == 0) {
			neg = p[0] == '-';
			signs++;
			p++;
			n--;
		} else if (n && symbols_seen == 0 && (k = symbol_at(p, n, &seen->sym)) > 0) {
			symbols_seen++;
			seen->at = p;
			seen->len = k;
			p += k;
			n -= k;
		} else {
			break;
		}
		trim(&p, &n);
	}
	for (;;) {
		if (n && p[n - 1] == '-' && signs == 0) {
			neg = 1;
			signs++;
			n--;
		} else if (n && symbols_seen == 0 && (k = symbol_before(p, n, &seen->sym)) > 0) {
			symbols_seen++;
			seen->at = p + n - k;
			seen->len = k;
			n -= k;
		} else {
			break;
		}
		trim(&p, &n);
	}
	if (n == 0)
		return "no digits";
	why = normalise(p, n, style, norm + 1, &nlen);
	if (why)
		return why;
	norm[0] = '-';
	if (eg_money_parse(neg ? norm : norm + 1, neg ? nlen + 1 : nlen, NULL, out, &e) != EG_OK)
		return "out of range";
	return NULL;
}

/* Reads s as a number of the given kind (for messages) into *v, or fills err saying why not. */
static int number(const char *s, size_t len, const struct eg_extract_value_style *style,
		  const char *kind, int64_t *v, struct eg_error *err)
{
	struct symbol_seen seen;
	const char *why = amount(s, len, style, v, &seen);

	return why ? bad(err, kind, s, len, why) : EG_OK;
}

int eg_extract_value_amount(const char *s, size_t len, const struct eg_extract_value_style *style,
			    int64_t *out, struct eg_error *err)
{
	int64_t v;
	int rc = number(s, len, style, "amount", &v, err);

	if (rc != EG_OK)
		return rc;
	*out = v;
	return EG_OK;
}

int eg_extract_value_currency(const char *s, size_t len, const struct eg_extract_value_style *style,
			      char code[4])
{
	int64_t v;
	struct symbol_seen seen;
	const char *c;

	if (amount(s, len, style, &v, &seen) || !seen.at)
		return 0;
	c = seen.sym < 0 ? seen.at : symbols[seen.sym].code;
	if (!c)
		return 0;
	memcpy(code, c, 3);
	code[3] = '\0';
	return 1;
}

int eg_extract_value_count(const char *s, size_t len, const struct eg_extract_value_style *style,
			   int64_t *out, struct eg_error *err)
{
	int64_t v;
	int rc = number(s, len, style, "number", &v, err);

	if (rc != EG_OK)
		return rc;
	if (v % EG_MONEY_SCALE != 0)
		return bad(err, "number", s, len, "not a whole number");
	if (v < 0)
		return bad(err, "number", s, len, "negative");
	*out = v / EG_MONEY_SCALE;
	return EG_OK;
}

int eg_extract_value_seconds(const char *s, size_t len, const struct eg_extract_value_style *style,
			     int64_t *out, struct eg_error *err)
{
	int64_t v;
	int rc = number(s, len, style, "duration", &v, err);

	if (rc != EG_OK)
		return rc;
	if (v < 0)
		return bad(err, "duration", s, len, "negative");
	*out = eg_money_round(v, 0) / EG_MONEY_SCALE;
	return EG_OK;
}

int eg_extract_value_rate(const char *s, size_t len, const struct eg_extract_value_style *style,
			  int64_t *out, struct eg_error *err)
{
	int64_t v;
	int rc = number(s, len, style, "rate", &v, err);

	if (rc != EG_OK)
		return rc;
	if (v < 0 || v > EG_MONEY_SCALE)
		return bad(err, "rate", s, len, "not a fraction from 0 to 1");
	*out = v;
	return EG_OK;
}

static int caseless_is(const char *s, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

int eg_extract_value_is_blank(const char *s, size_t len)
{
	trim(&s, &len);
	return len == 0 || caseless_is(s, len, "n/a") || caseless_is(s, len, "na") ||
	       caseless_is(s, len, "-") || caseless_is(s, len, "--") || caseless_is(s, len, "null");
}

const char *eg_extract_value_bool(const char *s, size_t len)
{
	static const char *const yes[] = { "yes", "y", "true", "t", "1", NULL };
	static const char *const no[] = { "no", "n", "false", "f", "0", NULL };
	size_t i;

	trim(&s, &len);
	if (len == 0)
		return "";
	for (i = 0; yes[i]; i++)
		if (caseless_is(s, len, yes[i]))
			return "true";
	for (i = 0; no[i]; i++)
		if (caseless_is(s, len, no[i]))
			return "false";
	return NULL;
}

/*
 * Time after a date, shared by the month-name patterns. Groups (from n):
 * hour, minute, second, am/pm, "Z", offset sign, offset hours, minutes.
 */
#define TIME_TAIL                                                                                  \
	"(?:(?:,?\\s+|T)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\\s*([ap])?\\.?(?:m\\.?)?)?"        \
	"\\s*(?:(Z|UTC|GMT)|([+-])([0-9]{2}):?([0-9]{2}))?"

#define WEEKDAY "(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?"

/* "Oct 3, 2026 2:05 pm": groups 1 month, 2 day, 3 year, then TIME_TAIL from 4. */
#define MONTH_FIRST                                                                                \
	WEEKDAY "([a-z]{3,9})\\.?\\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\\s+([0-9]{4})" TIME_TAIL

/* "3 October 2026 14:05": groups 1 day, 2 month, 3 year, then TIME_TAIL from 4. */
#define DAY_FIRST                                                                                  \
	WEEKDAY "([0-9]{1,2})(?:st|nd|rd|th)?\\.?\\s+([a-z]{3,9})\\.?,?\\s+([0-9]{4})" TIME_TAIL

struct eg_extract_value {
	struct eg_datetime_parser *dt;	/* ISO and numeric stamps */
	struct eg_pattern *month_first; /* MONTH_FIRST */
	struct eg_pattern *day_first;	/* DAY_FIRST */
};

int eg_extract_value_new(struct eg_extract_value **out, struct eg_error *err)
{
	struct eg_extract_value *p = calloc(1, sizeof(*p));
	int rc;

	if (!p)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	rc = eg_datetime_parser_new(&p->dt, err);
	if (rc == EG_OK)
		rc = eg_pattern_new(&p->month_first, MONTH_FIRST,
				    EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED, err);
	if (rc == EG_OK)
		rc = eg_pattern_new(&p->day_first, DAY_FIRST,
				    EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED, err);
	if (rc != EG_OK) {
		eg_extract_value_free(p);
		return rc;
	}
	*out = p;
	return EG_OK;
}

void eg_extract_value_free(struct eg_extract_value *p)
{
	if (!p)
		return;
	eg_datetime_parser_free(p->dt);
	eg_pattern_free(p->month_first);
	eg_pattern_free(p->day_first);
	free(p);
}

/* The decimal number of the len digits at s + off. */
static int64_t num(const char *s, size_t off, size_t len)
{
	int64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++)
		v = v * 10 + (s[off + i] - '0');
	return v;
}

/* Month 1-12 named by the word at s (first three letters, any case), 0 if none. */
static unsigned month_named(const char *s, size_t len)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char w[3];
	unsigned i;

	if (len < 3)
		return 0;
	for (i = 0; i < 3; i++)
		w[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	for (i = 0; i < 12; i++)
		if (memcmp(names + 3 * i, w, 3) == 0)
			return i + 1;
	return 0;
}

static int invalid(struct eg_error *err, const char *s, size_t len, const char *why)
{
	return eg_error_set(err, EG_EDATA, NULL, 0, 0, "invalid date '%.*s': %s",
			    (int)(len > 64 ? 64 : len), s, why);
}

/* Reads a month-name stamp matched by pat (month group mg, day group dg). */
static int named_stamp(const struct eg_pattern *pat, const char *s, size_t len, unsigned mg,
		       unsigned dg, struct eg_stamp *out, struct eg_error *err)
{
	struct eg_stamp st;
	size_t off, glen;
	int64_t h, mi, sec;

	memset(&st, 0, sizeof(st));
	eg_pattern_group(pat, mg, &off, &glen);
	st.month = month_named(s + off, glen);
	if (st.month == 0)
		return invalid(err, s, len, "unknown month name");
	st.day = (unsigned)eg_pattern_group_number(pat, s, dg, 0);
	st.year = eg_pattern_group_number(pat, s, 3, 0);
	h = eg_pattern_group_number(pat, s, 4, 0);
	mi = eg_pattern_group_number(pat, s, 5, 0);
	sec = eg_pattern_group_number(pat, s, 6, 0);
	if (eg_pattern_group(pat, 7, &off, &glen)) {
		if (h < 1 || h > 12)
			return invalid(err, s, len, "no such hour on a 12-hour clock");
		h = h % 12 + ((s[off] == 'p' || s[off] == 'P') ? 12 : 0);
	}
	if (!eg_date_is_valid(st.year, st.month, st.day) || h > 23 || mi > 59 || sec > 60)
		return invalid(err, s, len, "no such day or time");
	st.hour = (unsigned)h;
	st.minute = (unsigned)mi;
	st.second = (unsigned)(sec == 60 ? 59 : sec);
	if (eg_pattern_group(pat, 8, &off, &glen)) {
		st.has_offset = 1;
	} else if (eg_pattern_group(pat, 9, &off, &glen)) {
		int64_t oh = eg_pattern_group_number(pat, s, 10, 0);
		int64_t om = eg_pattern_group_number(pat, s, 11, 0);

		if (oh > 23 || om > 59)
			return invalid(err, s, len, "bad utc offset");
		st.has_offset = 1;
		st.offset = (s[off] == '-' ? -1 : 1) * (oh * 60 + om) * 60;
	}
	*out = st;
	return EG_OK;
}

int eg_extract_value_time(struct eg_extract_value *p, const char *s, size_t len,
			  enum eg_date_order order, struct eg_stamp *out, struct eg_error *err)
{
	struct eg_stamp st;
	size_t i, digits;

	trim(&s, &len);
	if (len == 0)
		return invalid(err, s, len, "empty");
	for (digits = 0; digits < len && is_digit(s[digits]); digits++)
		;
	if (digits == len && len == 8) {
		/* GA4's YYYYMMDD. */
		memset(&st, 0, sizeof(st));
		st.year = num(s, 0, 4);
		st.month = (unsigned)num(s, 4, 2);
		st.day = (unsigned)num(s, 6, 2);
		if (!eg_date_is_valid(st.year, st.month, st.day))
			return invalid(err, s, len, "no such day");
		*out = st;
		return EG_OK;
	}
	if (digits == len && len == 10) {
		/* Unix seconds. */
		int64_t t = num(s, 0, len), days = t / 86400, rest = t % 86400, y;
		unsigned m, d;

		memset(&st, 0, sizeof(st));
		eg_civil_from_days(days, &y, &m, &d);
		st.year = y;
		st.month = m;
		st.day = d;
		st.hour = (unsigned)(rest / 3600);
		st.minute = (unsigned)(rest / 60 % 60);
		st.second = (unsigned)(rest % 60);
		st.has_offset = 1;
		*out = st;
		return EG_OK;
	}
	if (digits == 4 && len > 4 && s[4] == '-')
		return eg_datetime_scan(p->dt, s, len, EG_DATES_ISO, out, err);
	if (digits >= 1 && digits <= 2 && len > digits) {
		char sep = s[digits];

		if (sep == '.' && len > digits + 1 && is_digit(s[digits + 1]))
			return eg_datetime_scan(p->dt, s, len, EG_DATES_EU, out, err);
		if (sep == '/' || sep == '-') {
			if (order == EG_DATES_ISO)
				return invalid(err, s, len,
					       "day and month order unknown: the mapping needs "
					       "'dates us' or 'dates eu'");
			return eg_datetime_scan(p->dt, s, len, order, out, err);
		}
		if (eg_pattern_match(p->day_first, s, len))
			return named_stamp(p->day_first, s, len, 2, 1, out, err);
	}
	for (i = 0; i < len && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')); i++)
		;
	if (i >= 3) {
		if (eg_pattern_match(p->month_first, s, len))
			return named_stamp(p->month_first, s, len, 1, 2, out, err);
		if (eg_pattern_match(p->day_first, s, len))
			return named_stamp(p->day_first, s, len, 2, 1, out, err);
	}
	return invalid(err, s, len,
		       order == EG_DATES_ISO  ? "expected YYYY-MM-DD[ HH:MM[:SS]][ +HHMM]"
		       : order == EG_DATES_US ? "expected MM/DD/YYYY[ HH:MM[:SS]]"
					      : "expected DD/MM/YYYY[ HH:MM[:SS]]");
}
