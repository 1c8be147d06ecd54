/*
 * timezone.h - the report timezone: which local calendar day and month a UTC
 * time falls in, from the system tz database.
 *
 * The zone is selected process-wide (the C library keeps one current zone),
 * which suits single-threaded stages. An unknown zone name is an error, never
 * a silent fallback to UTC.
 */
#ifndef ENGAGE_TIMEZONE_H
#define ENGAGE_TIMEZONE_H

#include <stdint.h>

#include "engage/datetime.h"
#include "engage/error.h"

/*
 * Makes name (an IANA zone such as "Europe/Berlin", or "UTC") the report
 * timezone. Returns EG_EUSAGE when the tz database has no such zone.
 */
int eg_tz_select(const char *name, struct eg_error *err);

/*
 * UTC seconds of a stamp: exact when it carries an offset, else read as
 * wall-clock time in the selected zone (a time skipped by a clock change is
 * moved forward by the change, as mktime does).
 */
int64_t eg_tz_utc_from_stamp(const struct eg_stamp *st);

/* Local calendar day of UTC time t as days since 1970-01-01. */
int64_t eg_tz_local_day(int64_t t);

/* Local month index (year * 12 + month - 1) of UTC time t. */
int64_t eg_tz_local_month(int64_t t);

#endif
