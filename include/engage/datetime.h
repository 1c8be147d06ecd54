/*
 * datetime.h - dates and times as UTC seconds, parsed from export text.
 *
 * A time is seconds since 1970-01-01T00:00:00Z in an int64_t. The parser
 * compiles its PCRE2 patterns once (see pattern.h) and accepts ISO 8601
 * style stamps as platforms write them: "2026-02-24 17:09:53 -0800",
 * "2026-02-24T17:09:53Z", "2026-02-24T17:09:53+01:00", "2026-02-24 17:09",
 * "2026-02-24". A stamp without an offset is taken as UTC. Calendar
 * arithmetic is proleptic Gregorian, valid for years 1 to 9999.
 */
#ifndef ENGAGE_DATETIME_H
#define ENGAGE_DATETIME_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

#define EG_TIME_BUFSZ 32 /* enough for any formatted time */

struct eg_datetime_parser;

/* Order of day and month in numeric dates. */
enum eg_date_order {
	EG_DATES_ISO, /* YYYY-MM-DD */
	EG_DATES_US,  /* MM/DD/YYYY, with an optional 12-hour AM/PM time */
	EG_DATES_EU,  /* DD.MM.YYYY or DD/MM/YYYY */
};

/* A time stamp as written: its calendar fields and its offset, if any. */
struct eg_stamp {
	int64_t year;	 /* 1 to 9999 */
	unsigned month;	 /* 1 to 12 */
	unsigned day;	 /* 1 to 31, valid for the month */
	unsigned hour;	 /* 0 to 23 */
	unsigned minute; /* 0 to 59 */
	unsigned second; /* 0 to 59 (a leap second reads as 59) */
	int has_offset;	 /* 1 when the stamp gives its UTC offset or Z */
	int64_t offset;	 /* the offset in seconds east of UTC */
};

/* Compiles the patterns into *out, owned by the caller. */
int eg_datetime_parser_new(struct eg_datetime_parser **out, struct eg_error *err);

/* Frees a parser. NULL is a no-op. */
void eg_datetime_parser_free(struct eg_datetime_parser *p);

/*
 * Parses len bytes at s into *out (UTC seconds). On failure returns EG_EDATA
 * with a message in err (the caller adds file and line); *out is unchanged.
 */
int eg_datetime_parse(struct eg_datetime_parser *p, const char *s, size_t len, int64_t *out,
		      struct eg_error *err);

/*
 * Reads len bytes at s as a time stamp with dates in the given order into
 * *out. On failure returns EG_EDATA with a message in err (the caller adds
 * file and line).
 */
int eg_datetime_scan(struct eg_datetime_parser *p, const char *s, size_t len,
		     enum eg_date_order order, struct eg_stamp *out, struct eg_error *err);

/* UTC seconds of a stamp; a stamp without an offset is taken as UTC. */
int64_t eg_stamp_utc(const struct eg_stamp *st);

/* 1 when year-month-day is a real day of years 1 to 9999, else 0. */
int eg_date_is_valid(int64_t year, unsigned month, unsigned day);

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
int64_t eg_days_from_civil(int64_t year, unsigned month, unsigned day);

/* The date of a day count since 1970-01-01. */
void eg_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

/* 1 when UTC seconds t fall in years 1 to 9999, the times eg_time_format writes, else 0. */
int eg_time_in_range(int64_t t);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into buf (EG_TIME_BUFSZ bytes); returns buf. */
char *eg_time_format(int64_t t, char *buf);

/* Writes a month index (year * 12 + month - 1) as "YYYY-MM" into buf; returns buf. */
char *eg_month_format(int64_t month_index, char *buf);

/*
 * Parses "YYYY-MM" into a month index (year * 12 + month - 1). Returns
 * EG_EUSAGE with a message when s is not such a month.
 */
int eg_month_parse(const char *s, int64_t *out, struct eg_error *err);

/* Month index of local day d. */
int64_t eg_month_of_day(int64_t d);

/* First local day of month index m. */
int64_t eg_first_day_of_month(int64_t m);

#endif
