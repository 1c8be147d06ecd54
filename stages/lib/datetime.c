/*
 * datetime.c - parsing export time stamps into UTC seconds, and the
 * proleptic Gregorian calendar arithmetic behind it (days from civil and
 * back, after Howard Hinnant's public-domain algorithms).
 */
#include "engage/datetime.h"
#include "engage/integer.h"
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
 * Day-first or month-first numeric dates, the year of four digits or of two
 * (Etsy's 07/16/22, a year of this century). Groups: 1 and 2 the day and month
 * in the source's order, 3 year, 4 hour, 5 minute, 6 second, 7 AM/PM,
 * 8 "Z", 9 offset sign, 10 offset hours, 11 offset minutes.
 */
#define NUMERIC_PATTERN                                                                            \
	"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})"                                    \
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

/* The number written by the n digits at s, or -1 when one of them is not a digit. */
static int64_t digits(const char *s, size_t n)
{
	int64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* A stamp's fields as read, before they are checked. */
struct fields {
	int64_t year, month, day, hour, minute, second;
	char zone;	/* 0 for none, 'Z' for Z or UTC, '+' or '-' for an offset */
	int64_t oh, om; /* the offset's hours and minutes */
	size_t ampm;	/* offset of an AM/PM marker in the stamp, 0 for none */
};

/*
 * The two forms the stages read row after row, without the pattern (which
 * reads them the same way): "YYYY-MM-DDTHH:MM:SSZ", as every stage writes
 * times, and "YYYY-MM-DD HH:MM:SS +HHMM", as Shopify exports them. Returns
 * 1 with f filled, or 0 when s is of neither form.
 */
static int fixed_iso(const char *s, size_t len, struct fields *f)
{
	if ((len != 20 && len != 25) || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':')
		return 0;
	if (len == 20 ? s[10] != 'T' || s[19] != 'Z'
		      : s[10] != ' ' || s[19] != ' ' || (s[20] != '+' && s[20] != '-'))
		return 0;
	memset(f, 0, sizeof(*f));
	f->year = digits(s, 4);
	f->month = digits(s + 5, 2);
	f->day = digits(s + 8, 2);
	f->hour = digits(s + 11, 2);
	f->minute = digits(s + 14, 2);
	f->second = digits(s + 17, 2);
	f->zone = len == 20 ? 'Z' : s[20];
	if (len == 25) {
		f->oh = digits(s + 21, 2);
		f->om = digits(s + 23, 2);
	}
	return f->year >= 0 && f->month >= 0 && f->day >= 0 && f->hour >= 0 && f->minute >= 0 &&
	       f->second >= 0 && f->oh >= 0 && f->om >= 0;
}

/* Reads s with the pattern of order into f; 0 when it does not match. */
static int pattern_fields(struct eg_datetime_parser *p, const char *s, size_t len,
			  enum eg_date_order order, struct fields *f)
{
	struct eg_pattern *pat = order == EG_DATES_ISO ? p->iso : p->numeric;
	int64_t a, b;
	size_t off, glen;

	if (!eg_pattern_match(pat, s, len))
		return 0;
	memset(f, 0, sizeof(*f));
	a = eg_pattern_group_number(pat, s, 1, 0);
	b = eg_pattern_group_number(pat, s, 2, 0);
	if (order == EG_DATES_ISO) {
		f->year = a;
		f->month = b;
		f->day = eg_pattern_group_number(pat, s, 3, 0);
	} else {
		f->year = eg_pattern_group_number(pat, s, 3, 0);
		if (eg_pattern_group(pat, 3, &off, &glen) && glen == 2)
			f->year += 2000;
		f->month = order == EG_DATES_US ? a : b;
		f->day = order == EG_DATES_US ? b : a;
	}
	f->hour = eg_pattern_group_number(pat, s, 4, 0);
	f->minute = eg_pattern_group_number(pat, s, 5, 0);
	f->second = eg_pattern_group_number(pat, s, 6, 0);
	if (order != EG_DATES_ISO && eg_pattern_group(pat, 7, &off, &glen))
		f->ampm = off;
	if (eg_pattern_group(pat, 8, &off, &glen)) {
		f->zone = 'Z';
	} else if (eg_pattern_group(pat, 9, &off, &glen)) {
		f->zone = s[off];
		f->oh = eg_pattern_group_number(pat, s, 10, 0);
		f->om = eg_pattern_group_number(pat, s, 11, 0);
	}
	return 1;
}

int eg_datetime_scan(struct eg_datetime_parser *p, const char *s, size_t len,
		     enum eg_date_order order, struct eg_stamp *out, struct eg_error *err)
{
	struct eg_stamp st;
	struct fields f;
	int64_t h;

	if (!(order == EG_DATES_ISO && fixed_iso(s, len, &f)) &&
	    !pattern_fields(p, s, len, order, &f))
		return invalid(err, s, len,
			       order == EG_DATES_ISO  ? "expected YYYY-MM-DD[ HH:MM[:SS]][ +HHMM]"
			       : order == EG_DATES_US ? "expected MM/DD/YYYY[ HH:MM[:SS]]"
						      : "expected DD.MM.YYYY[ HH:MM[:SS]]");
	memset(&st, 0, sizeof(st));
	st.year = f.year;
	st.month = (unsigned)f.month;
	st.day = (unsigned)f.day;
	h = f.hour;
	if (f.ampm) {
		/* 12-hour clock: 12 AM is midnight, 12 PM noon. */
		if (h < 1 || h > 12)
			return invalid(err, s, len, "no such hour on a 12-hour clock");
		h = h % 12 + ((s[f.ampm] == 'P' || s[f.ampm] == 'p') ? 12 : 0);
	}
	if (!eg_date_is_valid(st.year, st.month, st.day) || h > 23 || f.minute > 59 ||
	    f.second > 60)
		return invalid(err, s, len, "no such day or time");
	st.hour = (unsigned)h;
	st.minute = (unsigned)f.minute;
	st.second = (unsigned)(f.second == 60 ? 59 : f.second); /* a leap second ends its minute */
	if (f.zone == 'Z') {
		st.has_offset = 1;
	} else if (f.zone) {
		if (f.oh > 23 || f.om > 59)
			return invalid(err, s, len, "bad utc offset");
		st.has_offset = 1;
		st.offset = (f.zone == '-' ? -1 : 1) * (f.oh * 60 + f.om) * 60;
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

int eg_time_in_range(int64_t t)
{
	/* 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z */
	return t >= -62135596800LL && t < 253402300800LL;
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
	eg_uint_format_digits((uint64_t)y, 4, buf);
	buf[4] = '-';
	eg_uint_format_digits(m, 2, buf + 5);
	buf[7] = '-';
	eg_uint_format_digits(d, 2, buf + 8);
	buf[10] = 'T';
	eg_uint_format_digits((uint64_t)(secs / 3600), 2, buf + 11);
	buf[13] = ':';
	eg_uint_format_digits((uint64_t)(secs / 60 % 60), 2, buf + 14);
	buf[16] = ':';
	eg_uint_format_digits((uint64_t)(secs % 60), 2, buf + 17);
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

int64_t eg_month_of_day(int64_t d)
{
	int64_t y;
	unsigned m, day;

	eg_civil_from_days(d, &y, &m, &day);
	return y * 12 + m - 1;
}

int64_t eg_first_day_of_month(int64_t m)
{
	int64_t y = m >= 0 ? m / 12 : (m - 11) / 12;

	return eg_days_from_civil(y, (unsigned)(m - y * 12 + 1), 1);
}
