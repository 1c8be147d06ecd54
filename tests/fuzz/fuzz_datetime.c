/*
 * fuzz_datetime.c - time stamps as exports write them: datetime.h's
 * parser in each date order, extract_value.h's lenient reader (month
 * names, YYYYMMDD, Unix seconds), the report timezone's wall-clock
 * conversion, and month parsing.
 *
 * Properties: a stamp that parses has its fields in range (year 1 to 9999,
 * a real day of its month, hour, minute and second in range); its UTC time
 * formats to text the ISO parser reads back to the same time when that
 * time is still within years 1 to 9999; a month that parses formats back
 * to the same text.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engage/datetime.h"
#include "engage/extract_value.h"
#include "engage/timezone.h"

const char *const fuzz_seeds[] = { NULL };

static struct eg_datetime_parser *parser;
static struct eg_extract_value *values;

/* Checks a stamp's fields and the round trip of its UTC time. */
static void check_stamp(const struct eg_stamp *st)
{
	static const unsigned dim[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char buf[EG_TIME_BUFSZ];
	struct eg_error err;
	int64_t t, back = 0, y;
	unsigned m, d;

	FUZZ_CHECK(st->year >= 1 && st->year <= 9999);
	FUZZ_CHECK(st->month >= 1 && st->month <= 12);
	FUZZ_CHECK(st->day >= 1 && st->day <= dim[st->month - 1]);
	FUZZ_CHECK(st->hour <= 23 && st->minute <= 59 && st->second <= 59);
	FUZZ_CHECK(st->offset > -86400 && st->offset < 86400);
	t = eg_stamp_utc(st);
	eg_civil_from_days(eg_days_from_civil(st->year, st->month, st->day), &y, &m, &d);
	FUZZ_CHECK(y == st->year && m == st->month && d == st->day);
	eg_time_format(t, buf);
	FUZZ_CHECK(strlen(buf) < EG_TIME_BUFSZ);
	if (t >= eg_days_from_civil(1, 1, 1) * 86400 &&
	    t < eg_days_from_civil(10000, 1, 1) * 86400) {
		FUZZ_CHECK(eg_datetime_parse(parser, buf, strlen(buf), &back, &err) == EG_OK);
		FUZZ_CHECK(back == t);
	}
	/* Wall-clock time in a zone with clock changes, as extract reads it. */
	t = eg_tz_utc_from_stamp(st);
	(void)eg_tz_local_day(t);
	(void)eg_tz_local_month(t);
	eg_time_format(t, buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum eg_date_order orders[] = { EG_DATES_ISO, EG_DATES_US, EG_DATES_EU };
	const char *s = (const char *)data;
	struct eg_error err;
	struct eg_stamp st;
	int64_t t, month;
	char *z, buf[EG_TIME_BUFSZ];
	size_t i;

	if (!parser) {
		if (eg_datetime_parser_new(&parser, &err) != EG_OK ||
		    eg_extract_value_new(&values, &err) != EG_OK ||
		    eg_tz_select("America/New_York", &err) != EG_OK)
			abort();
	}
	for (i = 0; i < 3; i++) {
		if (eg_datetime_scan(parser, s, size, orders[i], &st, &err) == EG_OK)
			check_stamp(&st);
		if (eg_extract_value_time(values, s, size, orders[i], &st, &err) == EG_OK)
			check_stamp(&st);
	}
	if (eg_datetime_parse(parser, s, size, &t, &err) == EG_OK)
		eg_time_format(t, buf);
	z = malloc(size + 1);
	if (!z)
		return 0;
	memcpy(z, data, size);
	z[size] = '\0';
	if (eg_month_parse(z, &month, &err) == EG_OK) {
		eg_month_format(month, buf);
		FUZZ_CHECK(strcmp(buf, z) == 0);
	}
	free(z);
	return 0;
}
