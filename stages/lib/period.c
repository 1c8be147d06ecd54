/*
 * period.c - the days a report row covers and their split into months
 * (see period.h). Days are counted since 1970-01-01, which was a Thursday.
 */
#include "engage/period.h"
#include "engage/datetime.h"

#include <stdio.h>
#include <string.h>

const char *const eg_period_kind_names[EG_PERIOD_KIND_COUNT] = {
	"day", "week", "month", "range", "week_number", "nth_day", "nth_week", "year",
	"report_range",
};

int eg_period_kind_parse(const char *s, enum eg_period_kind *out)
{
	int k;

	for (k = 0; k < EG_PERIOD_KIND_COUNT; k++)
		if (strcmp(s, eg_period_kind_names[k]) == 0) {
			*out = (enum eg_period_kind)k;
			return 0;
		}
	return -1;
}

const char *eg_period_word(enum eg_period_kind k)
{
	switch (k) {
	case EG_PERIOD_DAY:
	case EG_PERIOD_NTH_DAY: return "day";
	case EG_PERIOD_MONTH: return "month";
	case EG_PERIOD_RANGE:
	case EG_PERIOD_YEAR:
	case EG_PERIOD_REPORT_RANGE: return "range";
	default: return "week";
	}
}

/* Weekday of day d, 0 for Sunday. */
static int64_t weekday(int64_t d)
{
	return ((d % 7) + 7 + 4) % 7;
}

/* Month index of day d. */
static int64_t month_of(int64_t d)
{
	int64_t y;
	unsigned m, dd;

	eg_civil_from_days(d, &y, &m, &dd);
	return y * 12 + (int64_t)m - 1;
}

/* Days of week n (%U) of year y into *first..*last; 0 when the year has no such week. */
static int week_of_year(int64_t y, int64_t n, int64_t *first, int64_t *last)
{
	int64_t jan1 = eg_days_from_civil(y, 1, 1), dec31 = eg_days_from_civil(y, 12, 31);
	int64_t sunday = jan1 + (7 - weekday(jan1)) % 7;

	*first = n == 0 ? jan1 : sunday + 7 * (n - 1);
	*last = n == 0 ? sunday - 1 : *first + 6;
	if (*last > dec31)
		*last = dec31;
	return *first <= *last;
}

/* Reads an all-digit cell of at most 6 digits into *n; -1 when it is not one. */
static int digits(const char *s, size_t len, int64_t *n)
{
	size_t i;

	*n = 0;
	if (len == 0 || len > 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*n = *n * 10 + (s[i] - '0');
	}
	return 0;
}

const char *eg_period_resolve(enum eg_period_kind k, const char *cell, size_t len, int64_t day,
			      const struct eg_period_range *range, int64_t *first, int64_t *last,
			      char *why, size_t whysz)
{
	int64_t n = 0, y, y0, y1;
	unsigned m, d;

	if (k == EG_PERIOD_YEAR) {
		if (len < 4 || digits(cell, 4, &n) != 0 || n < 1 || (len > 4 && cell[4] != '-')) {
			snprintf(why, whysz, "'%.*s' is not a year", (int)(len > 40 ? 40 : len),
				 cell);
			return why;
		}
		*first = eg_days_from_civil(n, 1, 1);
		*last = eg_days_from_civil(n, 12, 31);
		return NULL;
	}
	if (k >= EG_PERIOD_RANGE && !range->known) {
		snprintf(why, whysz,
			 "a %s period needs the report's date range, and the file states none "
			 "(no '# Start date:' and '# End date:' lines)",
			 eg_period_kind_names[k]);
		return why;
	}
	if (k > EG_PERIOD_RANGE && digits(cell, len, &n) != 0) {
		snprintf(why, whysz, "'%.*s' is not a %s (digits)", (int)(len > 40 ? 40 : len),
			 cell, k == EG_PERIOD_WEEK_NUMBER ? "week number" : "day or week count");
		return why;
	}
	switch (k) {
	case EG_PERIOD_DAY: *first = *last = day; break;
	case EG_PERIOD_WEEK:
		*first = day;
		*last = day + 6;
		break;
	case EG_PERIOD_MONTH:
		eg_civil_from_days(day, &y, &m, &d);
		*first = day;
		*last = (m == 12 ? eg_days_from_civil(y + 1, 1, 1)
				 : eg_days_from_civil(y, m + 1, 1)) -
			1;
		break;
	case EG_PERIOD_RANGE:
		*first = range->first;
		*last = range->last;
		break;
	case EG_PERIOD_NTH_DAY: *first = *last = range->first + n; break;
	case EG_PERIOD_NTH_WEEK:
		*first = range->first + 7 * n;
		*last = *first + 6;
		break;
	case EG_PERIOD_WEEK_NUMBER:
		if (n > 53) {
			snprintf(why, whysz, "week %lld: week numbers go from 00 to 53",
				 (long long)n);
			return why;
		}
		eg_civil_from_days(range->first, &y0, &m, &d);
		eg_civil_from_days(range->last, &y1, &m, &d);
		for (y = y0; y <= y1; y++)
			if (week_of_year(y, n, first, last) && *last >= range->first &&
			    *first <= range->last)
				break;
		if (y > y1) {
			snprintf(why, whysz, "week %02lld lies outside the report's range",
				 (long long)n);
			return why;
		}
		break;
	default: break;
	}
	if (range->known) {
		if (*first < range->first)
			*first = range->first;
		if (*last > range->last)
			*last = range->last;
		if (*first > *last) {
			snprintf(why, whysz, "the period lies outside the report's range");
			return why;
		}
	}
	return NULL;
}

int eg_period_day_parse(const char *s, size_t len, int64_t *day)
{
	unsigned y, m, d;
	char buf[11];

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	if (strspn(buf, "0123456789-") != 10 || sscanf(buf, "%4u-%2u-%2u", &y, &m, &d) != 3 ||
	    !eg_date_is_valid(y, m, d))
		return -1;
	*day = eg_days_from_civil(y, m, d);
	return 0;
}

/* value x part / whole rounded half away from zero, without overflow (part <= whole). */
static int64_t share_of(int64_t value, int64_t part, int64_t whole)
{
	__int128 num = (__int128)value * part, q = num / whole, r = num % whole;

	if ((r < 0 ? -r : r) * 2 >= whole)
		q += num < 0 ? -1 : 1;
	return (int64_t)q;
}

size_t eg_period_split(int64_t first, int64_t last, int64_t value, int64_t *month0, int64_t *share,
		       size_t max)
{
	int64_t m0 = month_of(first), m1 = month_of(last), all = last - first + 1, done = 0,
		given = 0;
	size_t n = (size_t)(m1 - m0 + 1), i;

	*month0 = m0;
	if (m1 - m0 + 1 > (int64_t)max)
		return 0;
	for (i = 0; i < n; i++) {
		int64_t end = i + 1 == n ? last
					 : eg_days_from_civil(
						   (m0 + (int64_t)i + 1) / 12,
						   (unsigned)((m0 + (int64_t)i + 1) % 12) + 1, 1) -
						   1;
		int64_t upto;

		done = end - first + 1;
		upto = share_of(value, done, all);
		share[i] = upto - given;
		given = upto;
	}
	return n;
}
