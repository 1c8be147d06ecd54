/*
 * timezone.c - local calendar days and months of UTC times in the report
 * timezone, through the C library and the system tz database (or a fixed
 * offset written as a POSIX TZ string, for an offset no zone of the database
 * keeps).
 */
#include "engage/timezone.h"
#include "engage/datetime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Whether path is a compiled zone file (a regular file starting "TZif"). */
static int is_zone_file(const char *path)
{
	char magic[4];
	FILE *fp = fopen(path, "rb");
	int ok;

	if (!fp)
		return 0;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

/*
 * Whether name is a fixed offset written as eg_tz_fixed_name writes it,
 * "<+0530>-5:30": rebuilt from its offset, it reads the same.
 */
static int is_fixed_name(const char *name)
{
	char sign, again[EG_TZ_NAME_SIZE];
	unsigned hh, mm;
	int used = 0;

	if (sscanf(name, "<%c%2u%2u>%n", &sign, &hh, &mm, &used) != 3 || used != 7 ||
	    (sign != '+' && sign != '-') || mm > 59)
		return 0;
	eg_tz_fixed_name((sign == '-' ? -1 : 1) * (int64_t)(hh * 3600 + mm * 60), again);
	return strcmp(name, again) == 0;
}

void eg_tz_fixed_name(int64_t offset, char *buf)
{
	int64_t a = offset < 0 ? -offset : offset;
	char sign = offset < 0 ? '-' : '+';

	/* POSIX counts hours west of UTC: the sign after the name is the opposite. */
	snprintf(buf, EG_TZ_NAME_SIZE, "<%c%02u%02u>%c%u:%02u", sign, (unsigned)(a / 3600 % 100),
		 (unsigned)(a / 60 % 60), offset < 0 ? '+' : '-', (unsigned)(a / 3600 % 100),
		 (unsigned)(a / 60 % 60));
}

int eg_tz_select(const char *name, struct eg_error *err)
{
	const char *dir = getenv("TZDIR");
	char path[1024];

	if (strcmp(name, "UTC") != 0 && !is_fixed_name(name)) {
		/* glibc falls back to UTC silently for an unknown zone: check first. */
		snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
			 name);
		if (name[0] == '\0' || name[0] == '/' || strstr(name, "..") || !is_zone_file(path))
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "unknown timezone '%s': expected a tz database name "
					    "such as 'Europe/Berlin' or 'UTC'",
					    name);
	}
	if (setenv("TZ", name, 1) != 0)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to set the timezone");
	tzset();
	return EG_OK;
}

/* Local broken-down time of t. */
static void local(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;

	localtime_r(&tt, tm);
}

int64_t eg_tz_local_day(int64_t t)
{
	struct tm tm;

	local(t, &tm);
	return eg_days_from_civil((int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
				  (unsigned)tm.tm_mday);
}

int64_t eg_tz_local_month(int64_t t)
{
	struct tm tm;

	local(t, &tm);
	return ((int64_t)tm.tm_year + 1900) * 12 + tm.tm_mon;
}

int64_t eg_tz_offset(int64_t t)
{
	struct tm tm;

	/* The local clock read as if it were UTC, less t (tm_gmtoff is not C11). */
	local(t, &tm);
	return eg_days_from_civil((int64_t)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
				  (unsigned)tm.tm_mday) *
		       86400 +
	       tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec - t;
}

int64_t eg_tz_utc_from_stamp(const struct eg_stamp *st)
{
	struct tm tm = { 0 };

	if (st->has_offset)
		return eg_stamp_utc(st);
	tm.tm_year = (int)(st->year - 1900);
	tm.tm_mon = (int)st->month - 1;
	tm.tm_mday = (int)st->day;
	tm.tm_hour = (int)st->hour;
	tm.tm_min = (int)st->minute;
	tm.tm_sec = (int)st->second;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}
