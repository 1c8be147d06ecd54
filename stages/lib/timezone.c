/*
 * timezone.c - local calendar days and months of UTC times in the report
 * timezone, through the C library and the system tz database.
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

int eg_tz_select(const char *name, struct eg_error *err)
{
	const char *dir = getenv("TZDIR");
	char path[1024];

	if (strcmp(name, "UTC") != 0) {
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
