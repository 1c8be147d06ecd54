/*
 * period.h - the stretch of days one row of a report covers, and how its
 * figures fall into calendar months.
 *
 * Web and marketing reports give figures per day, per week, per month, or
 * one total for the whole range a GA4 preamble names. A row's time cell
 * says which day (or which week number, or how many days or weeks after the
 * range's start) it is; the mapping says how to read it (`period` lines,
 * source_map.h). Resolved, every row covers the days first..last (days
 * since 1970-01-01), written to sessions.csv as date, period (day, week,
 * month or range) and period_end.
 *
 * Week numbers follow the calendar of GA4's Week dimension as read here:
 * weeks start on Sunday, week 01 starts on the year's first Sunday and the
 * days before it are week 00 (strftime's %U). Without a year, a week number
 * takes the year of the preamble's start date, or the next year when that
 * week of the start year lies outside the range (a range over New Year).
 * A week's days outside the preamble's range are left out: the report has
 * no data for them.
 *
 * In months: a row within one month goes to that month exactly; a row
 * across a month boundary (a week) is split by its days in each month, the
 * shares rounded so that they add up to the row's value; a range total
 * across months is not spread (eg_period_splits says so).
 */
#ifndef ENGAGE_PERIOD_H
#define ENGAGE_PERIOD_H

#include <stddef.h>
#include <stdint.h>

/* How a row's time cell names its period. */
enum eg_period_kind {
	EG_PERIOD_DAY,	       /* a date: that day */
	EG_PERIOD_WEEK,	       /* a date: the first of seven days */
	EG_PERIOD_MONTH,       /* a date: its day to the end of its month */
	EG_PERIOD_RANGE,       /* no time cell: the preamble's whole range */
	EG_PERIOD_WEEK_NUMBER, /* "00".."53" without the year (GA4's Week) */
	EG_PERIOD_NTH_DAY,     /* "0000", "0001"...: days after the range's start */
	EG_PERIOD_NTH_WEEK,    /* "0000", "0001"...: weeks after the range's start */
	EG_PERIOD_YEAR,	       /* "2025" (or a date in it): the calendar year */
	EG_PERIOD_REPORT_RANGE, /* "Apr 16 2025 - Oct 16 2025" (two dates), or a year as above */
	EG_PERIOD_KIND_COUNT
};

/* Names of the kinds as written in mapping files, indexed by enum eg_period_kind. */
extern const char *const eg_period_kind_names[EG_PERIOD_KIND_COUNT];

/* Sets *out to the kind named s and returns 0; -1 when s names none. */
int eg_period_kind_parse(const char *s, enum eg_period_kind *out);

/*
 * The word sessions.csv's period column gets for a row of kind k that
 * covers first..last: "day", "week", "month" or "range" (a year too).
 */
const char *eg_period_word(enum eg_period_kind k);

/* A report's date range (the GA4 preamble's), when it states one. */
struct eg_period_range {
	int known;     /* 1 when first and last are set */
	int64_t first; /* first day */
	int64_t last;  /* last day, >= first */
};

/*
 * Resolves one row's period into *first..*last (a year is never clipped to
 * the range). For day, week and month,
 * day is the day the row's date cell names (cell unused); for the others
 * cell (len bytes) is the time cell as written, "" for range. A result
 * outside range (when known) is clipped to it. Returns NULL, or a reason
 * in words (why, whysz bytes, filled) when the cell is not a number of its
 * kind or the period needs a range the report does not state or lies
 * outside it.
 */
const char *eg_period_resolve(enum eg_period_kind k, const char *cell, size_t len, int64_t day,
			      const struct eg_period_range *range, int64_t *first, int64_t *last,
			      char *why, size_t whysz);

/* Reads a "YYYY-MM-DD" date of len bytes at s into *day; -1 when it is not one, else 0. */
int eg_period_day_parse(const char *s, size_t len, int64_t *day);

/*
 * Splits value, over days first..last, into the months they touch: writes
 * the first month's index (year * 12 + month - 1) to *month0 and the
 * month's shares to share[0..n-1] (at most max); returns n, or 0 when the
 * period spans more than max months. Each share is value x its days /
 * all days, rounded half away from zero from the running total, so the
 * shares add up to value exactly.
 */
size_t eg_period_split(int64_t first, int64_t last, int64_t value, int64_t *month0, int64_t *share,
		       size_t max);

#endif
