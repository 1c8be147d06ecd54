/*
 * datetime.c - parsing export time stamps into UTC seconds, and the
 * proleptic Gregorian calendar arithmetic behind it (days from civil and
 * back, after Howard Hinnant's public-domain algorithms).
 */
#include "engage/datetime.h"
#include "engage/pattern.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 fraction,
 * 8 "Z", 9 offset sign, 10 offset hours, 11 offset minutes.
 */
#define ISO_PATTERN                                                                                \
	"([0-9]{4})-([0-9]{2})-([0-9]{2})"                                                         \
	"(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?)?"                      \
	"[ ]?(?:(Z|UTC)|([+-])([0-9]{2}):?([0-9]{2}))?"

/*
 * Day-first or month-first numeric dates. Groups: 1 and 2 the day and month
 * in the source's order, 3 year, 4 hour, 5 minute, 6 second, 7 AM/PM,
 * 8 "Z", 9 offset sign, 10 offset hours, 11 offset minutes.
 */
#define NUMERIC_PATTERN                                                                            \
	"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})"                                             \
	"(?:[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]{1,9})?)?"                        \
	"(?: ?([AaPp][Mm]))?)?"                                                                    \
	"[ ]?(?:(Z|UTC)|([+-])([0-9]{2}):?([0-9]{2}))?"

struct eg_datetime_parser {
	struct eg_pattern *iso;	    /* ISO 8601 style stamps */
	struct eg_pattern *numeric; /* US and European numeric dates */
};

int eg_datetime_parser_new(struct eg_datetime_parser **out, struct eg_error *err)
{
	struct eg_datetime_parser *p = calloc(1, sizeof(*p));
	int rc;

	if (!p)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	rc = eg_pattern_new(&p->iso, ISO_PATTERN, EG_PATTERN_ANCHORED, err);
	if (rc == EG_OK)
		rc = eg_pattern_new(&p->numeric, NUMERIC_PATTERN, EG_PATTERN_ANCHORED, err);
	if (rc != EG_OK) {
		eg_datetime_parser_free(p);
		return rc;
	}
	*out = p;
	return EG_OK;
}

void eg_datetime_parser_free(struct eg_datetime_parser *p)
{
	if (!p)
		return;
	eg_pattern_free(p->iso);
	eg_pattern_free(p->numeric);
	free(p);
}

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
	static const unsigned char dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Fills err for a stamp that cannot be read, quoting at most 64 bytes of it. */
static int invalid(struct eg_error *err, const char *s, size_t len, const char *why)
{
	return eg_error_set(err, EG_EDATA, NULL, 0, 0, "invalid date '%.*s': %s",
			    (int)(len > 64 ? 64 : len), s, why);
}

int eg_datetime_scan(struct eg_datetime_parser *p, const char *s, size_t len,
		     enum eg_date_order order, struct eg_stamp *out, struct eg_error *err)
{
	const struct eg_pattern *pat = order == EG_DATES_ISO ? p->iso : p->numeric;
	struct eg_stamp st;
	int64_t a, b, h, mi, sec;
	size_t off, glen;

	if (!eg_pattern_match(order == EG_DATES_ISO ? p->iso : p->numeric, s, len))
		return invalid(err, s, len,
			       order == EG_DATES_ISO  ? "expected YYYY-MM-DD[ HH:MM[:SS]][ +HHMM]"
			       : order == EG_DATES_US ? "expected MM/DD/YYYY[ HH:MM[:SS]]"
						      : "expected DD.MM.YYYY[ HH:MM[:SS]]");
	memset(&st, 0, sizeof(st));
	a = eg_pattern_group_number(pat, s, 1, 0);
	b = eg_pattern_group_number(pat, s, 2, 0);
	if (order == EG_DATES_ISO) {
		st.year = a;
		st.month = (unsigned)b;
		st.day = (unsigned)eg_pattern_group_number(pat, s, 3, 0);
	} else {
		st.year = eg_pattern_group_number(pat, s, 3, 0);
		st.month = (unsigned)(order == EG_DATES_US ? a : b);
		st.day = (unsigned)(order == EG_DATES_US ? b : a);
	}
	h = eg_pattern_group_number(pat, s, 4, 0);
	mi = eg_pattern_group_number(pat, s, 5, 0);
	sec = eg_pattern_group_number(pat, s, 6, 0);
	if (order != EG_DATES_ISO && eg_pattern_group(pat, 7, &off, &glen)) {
		/* 12-hour clock: 12 AM is midnight, 12 PM noon. */
		if (h < 1 || h > 12)
			return invalid(err, s, len, "no such hour on a 12-hour clock");
		h = h % 12 + ((s[off] == 'P' || s[off] == 'p') ? 12 : 0);
	}
	if (!eg_date_is_valid(st.year, st.month, st.day) || h > 23 || mi > 59 || sec > 60)
		return invalid(err, s, len, "no such day or time");
	st.hour = (unsigned)h;
	st.minute = (unsigned)mi;
	st.second = (unsigned)(sec == 60 ? 59 : sec); /* a leap second ends its minute */
	if (eg_pattern_group(pat, 8, &off, &glen)) {
		st.has_offset = 1;
	} else if (eg_pattern_group(pat, 9, &off, &glen)) {
		int64_t oh = eg_pattern_group_number(pat, s, 10, 0),
			om = eg_pattern_group_number(pat, s, 11, 0);

		if (oh > 23 || om > 59)
			return invalid(err, s, len, "bad utc offset");
		st.has_offset = 1;
		st.offset = (s[off] == '-' ? -1 : 1) * (oh * 60 + om) * 60;
	}
	*out = st;
	return EG_OK;
}

int eg_date_is_valid(int64_t y, unsigned m, unsigned d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int64_t eg_stamp_utc(const struct eg_stamp *st)
{
	return eg_days_from_civil(st->year, st->month, st->day) * 86400 + st->hour * 3600 +
	       st->minute * 60 + st->second - st->offset;
}

int eg_datetime_parse(struct eg_datetime_parser *p, const char *s, size_t len, int64_t *out,
		      struct eg_error *err)
{
	struct eg_stamp st;
	int rc = eg_datetime_scan(p, s, len, EG_DATES_ISO, &st, err);

	if (rc == EG_OK)
		*out = eg_stamp_utc(&st);
	return rc;
}

int64_t eg_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void eg_civil_from_days(int64_t z, int64_t *year, unsigned *month, unsigned *day)
{
	int64_t era, doe, yoe, y, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*year = y + (*month <= 2);
}

/* Floor division for negative times. */
static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Writes v (0-99) as two digits at p. */
static void two_digits(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

char *eg_time_format(int64_t t, char *buf)
{
	int64_t days = floor_div(t, 86400), secs = t - days * 86400, y;
	unsigned m, d;

	eg_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, EG_TIME_BUFSZ, "%04" PRId64 "-%02u-%02uT%02u:%02u:%02uZ", y, m, d,
			 (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
			 (unsigned)(secs % 60));
		return buf;
	}
	/* Output tables write a stamp a row: by hand, as the snprintf above would. */
	two_digits(buf, (unsigned)(y / 100));
	two_digits(buf + 2, (unsigned)(y % 100));
	buf[4] = '-';
	two_digits(buf + 5, m);
	buf[7] = '-';
	two_digits(buf + 8, d);
	buf[10] = 'T';
	two_digits(buf + 11, (unsigned)(secs / 3600));
	buf[13] = ':';
	two_digits(buf + 14, (unsigned)(secs / 60 % 60));
	buf[16] = ':';
	two_digits(buf + 17, (unsigned)(secs % 60));
	buf[19] = 'Z';
	buf[20] = '\0';
	return buf;
}

char *eg_month_format(int64_t month_index, char *buf)
{
	int64_t y = floor_div(month_index, 12);

	snprintf(buf, EG_TIME_BUFSZ, "%04" PRId64 "-%02u", y, (unsigned)(month_index - y * 12 + 1));
	return buf;
}

int eg_month_parse(const char *s, int64_t *out, struct eg_error *err)
{
	int64_t y = 0, m;
	int i;

	for (i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			break;
	if (i < 7 || s[7] != '\0')
		goto bad;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1 || m < 1 || m > 12)
		goto bad;
	*out = y * 12 + m - 1;
	return EG_OK;
bad:
	return eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "invalid month '%s': expected YYYY-MM", s);
}
