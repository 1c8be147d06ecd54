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

#define EG_TZ_NAME_SIZE 64 /* room for any zone name engage uses */

/*
 * Makes name (an IANA zone such as "Europe/Berlin", "UTC", or a fixed offset
 * as eg_tz_fixed_name writes it) the report timezone. Returns EG_EUSAGE when
 * the tz database has no such zone.
 */
int eg_tz_select(const char *name, struct eg_error *err);

/*
 * Writes the POSIX TZ string of a fixed offset (seconds east of UTC), such as
 * "<+0530>-5:30", into buf (EG_TZ_NAME_SIZE bytes).
 */
void eg_tz_fixed_name(int64_t offset, char *buf);

/* UTC offset in seconds east of UTC that the selected zone gives at UTC time t. */
int64_t eg_tz_offset(int64_t t);

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
