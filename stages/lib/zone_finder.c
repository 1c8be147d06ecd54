/*
 * zone_finder.c - the zone whose rules give the UTC offsets the exports'
 * time stamps carry: the well-known zones first, then every zone of the tz
 * database's zone.tab, each checked through the C library (timezone.h).
 */
#include "engage/zone_finder.h"
#include "engage/array.h"
#include "engage/datetime.h"
#include "engage/pattern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY INT64_C(86400)

/*
 * Zones preferred, in this order, among several that fit: the zones most
 * shops name, one per set of rules (Los Angeles before Vancouver and
 * Tijuana, New York before Toronto).
 */
static const char *const preferred[] = {
	"America/New_York",    "America/Chicago",     "America/Denver",	   "America/Phoenix",
	"America/Los_Angeles", "America/Anchorage",   "Pacific/Honolulu",  "America/Halifax",
	"America/St_Johns",    "America/Mexico_City", "America/Sao_Paulo", "Europe/London",
	"Europe/Dublin",       "Europe/Lisbon",	      "Europe/Berlin",	   "Europe/Paris",
	"Europe/Helsinki",     "Europe/Athens",	      "Europe/Istanbul",   "Europe/Moscow",
	"Asia/Dubai",	       "Asia/Karachi",	      "Asia/Kolkata",	   "Asia/Kathmandu",
	"Asia/Dhaka",	       "Asia/Bangkok",	      "Asia/Singapore",	   "Asia/Shanghai",
	"Asia/Tokyo",	       "Australia/Perth",     "Australia/Darwin",  "Australia/Brisbane",
	"Australia/Adelaide",  "Australia/Sydney",    "Pacific/Auckland",  "Africa/Lagos",
	"Africa/Johannesburg", "Africa/Cairo",	      "Africa/Nairobi",
};
#define NPREFERRED (sizeof(preferred) / sizeof(preferred[0]))

/* The zones to try: the preferred ones, then zone.tab's in alphabetical order. */
struct zones {
	char **names; /* owned, each owned */
	size_t n;     /* entries at names */
	size_t cap;   /* room at names */
};

static void zones_release(struct zones *z)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		free(z->names[i]);
	free(z->names);
	memset(z, 0, sizeof(*z));
}

static int zones_add(struct zones *z, const char *name, size_t len)
{
	if (eg_array_reserve((void **)&z->names, &z->cap, z->n + 1, sizeof(*z->names), 512))
		return -1;
	z->names[z->n] = strndup(name, len);
	return z->names[z->n] ? (z->n++, 0) : -1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when name is one of the preferred zones. */
static int is_preferred(const char *name)
{
	size_t i;

	for (i = 0; i < NPREFERRED; i++)
		if (strcmp(preferred[i], name) == 0)
			return 1;
	return 0;
}

/*
 * Fills z with the preferred zones, then the other zones of $TZDIR/zone.tab
 * (a line per zone: country code, coordinates, zone name, comment), sorted.
 * A zone.tab that cannot be read adds nothing.
 */
static int zones_load(struct zones *z, struct eg_error *err)
{
	const char *dir = getenv("TZDIR");
	struct eg_pattern *line = NULL;
	char path[1024], *buf = NULL;
	size_t cap = 0, i, first;
	ssize_t len;
	FILE *fp;
	int rc;

	memset(z, 0, sizeof(*z));
	for (i = 0; i < NPREFERRED; i++)
		if (zones_add(z, preferred[i], strlen(preferred[i])))
			goto oom;
	snprintf(path, sizeof(path), "%s/zone.tab", dir && *dir ? dir : "/usr/share/zoneinfo");
	fp = fopen(path, "r");
	if (!fp)
		return EG_OK;
	rc = eg_pattern_new(&line, "[A-Z]{2}\t[^\t]+\t([A-Za-z0-9_+/-]+)", 0, err);
	first = z->n;
	while (rc == EG_OK && (len = getline(&buf, &cap, fp)) > 0) {
		size_t off, n;

		if (!eg_pattern_match(line, buf, (size_t)len) ||
		    !eg_pattern_group(line, 1, &off, &n))
			continue;
		buf[off + n] = '\0';
		if (!is_preferred(buf + off) && zones_add(z, buf + off, n))
			rc = EG_EIO;
	}
	free(buf);
	fclose(fp);
	eg_pattern_free(line);
	if (rc == EG_EIO)
		goto oom;
	if (rc != EG_OK) {
		zones_release(z);
		return rc;
	}
	qsort(z->names + first, z->n - first, sizeof(*z->names), by_name);
	return EG_OK;
oom:
	zones_release(z);
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

/* 1 when the selected zone gives offset at t. */
static int gives(int64_t t, int64_t offset)
{
	return eg_tz_offset(t) == offset;
}

/*
 * 1 when zone gives every run's offset from its first stamp to its last:
 * the ends of every run first (most zones fail there), then each day between.
 */
static int fits(const char *zone, const struct eg_offset_run *runs, size_t n)
{
	struct eg_error ignored;
	size_t i;
	int64_t t;

	if (eg_tz_select(zone, &ignored) != EG_OK)
		return 0;
	for (i = 0; i < n; i++)
		if (!gives(runs[i].first, runs[i].offset) || !gives(runs[i].last, runs[i].offset))
			return 0;
	for (i = 0; i < n; i++)
		for (t = runs[i].first + DAY; t < runs[i].last; t += DAY)
			if (!gives(t, runs[i].offset))
				return 0;
	return 1;
}

/* Notes the offsets and the span of n runs in c. */
static void describe_runs(const struct eg_offset_run *runs, size_t n, struct eg_zone_choice *c)
{
	size_t i, k;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < n; i++) {
		for (k = 0; k < c->noffsets && k < EG_ZONE_OFFSETS; k++)
			if (c->offsets[k] == runs[i].offset)
				break;
		if (k == c->noffsets) {
			if (k < EG_ZONE_OFFSETS)
				c->offsets[k] = runs[i].offset;
			c->noffsets++;
		}
		if (!c->stamps || runs[i].first < c->first)
			c->first = runs[i].first;
		if (!c->stamps || runs[i].last > c->last)
			c->last = runs[i].last;
		c->stamps += runs[i].count;
	}
}

/* UTC seconds of January 1st, 00:00 of t's year (as UTC). */
static int64_t year_start(int64_t t, int add)
{
	int64_t y;
	unsigned m, d;

	eg_civil_from_days(t / DAY - (t % DAY < 0), &y, &m, &d);
	return eg_days_from_civil(y + add, 1, 1) * DAY;
}

/* A zone of fixed offset for stamps from first to last, into c->zone. */
static void fixed_zone(const struct zones *z, int64_t offset, int64_t first, int64_t last,
		       struct eg_zone_choice *c)
{
	struct eg_offset_run year = { 0 };
	size_t i;

	c->how = EG_ZONE_FIXED;
	if (offset == 0) {
		strcpy(c->zone, "UTC");
		return;
	}
	/* Etc/GMT+8 is UTC-8: POSIX signs. */
	snprintf(c->zone, sizeof(c->zone), "Etc/GMT%+d", (int)(-offset / 3600));
	if (offset % 3600 == 0 && offset >= -12 * 3600 && offset <= 14 * 3600 &&
	    fits(c->zone, &(struct eg_offset_run){ first, first, offset, 1 }, 1))
		return;
	/* A zone keeping the offset all year round, in every year of the data. */
	year.first = year_start(first, 0);
	year.last = year_start(last, 1) - 1;
	year.offset = offset;
	for (i = 0; i < z->n; i++)
		if (fits(z->names[i], &year, 1)) {
			snprintf(c->zone, sizeof(c->zone), "%s", z->names[i]);
			return;
		}
	eg_tz_fixed_name(offset, c->zone);
}

/* Finds the zone of n runs with the zones z into c. */
static void find(const struct zones *z, const struct eg_offset_run *runs, size_t n,
		 struct eg_zone_choice *c)
{
	size_t i;

	describe_runs(runs, n, c);
	if (c->stamps == 0) {
		c->how = EG_ZONE_NO_OFFSETS;
		strcpy(c->zone, "UTC");
		return;
	}
	if (c->noffsets == 1) {
		fixed_zone(z, runs[0].offset, c->first, c->last, c);
		return;
	}
	c->how = EG_ZONE_UNEXPLAINED;
	for (i = 0; i < z->n; i++) {
		if (!fits(z->names[i], runs, n))
			continue;
		if (c->nfit == 0)
			snprintf(c->zone, sizeof(c->zone), "%s", z->names[i]);
		else if (c->nfit <= EG_ZONE_ALSO)
			snprintf(c->also[c->nfit - 1], sizeof(c->also[0]), "%s", z->names[i]);
		c->nfit++;
	}
	if (c->nfit)
		c->how = EG_ZONE_RULES;
}

int eg_zone_find(const struct eg_offset_run *runs, size_t n, struct eg_zone_choice *out,
		 struct eg_error *err)
{
	struct zones z;
	int rc = zones_load(&z, err);

	if (rc != EG_OK)
		return rc;
	find(&z, runs, n, out);
	zones_release(&z);
	return EG_OK;
}

/* The offset of the most stamps among n runs (the earliest on a tie). */
static int64_t commonest(const struct eg_offset_run *runs, size_t n)
{
	int64_t best = 0, most = -1, count;
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (count = 0, k = 0; k < n; k++)
			count += runs[k].offset == runs[i].offset ? runs[k].count : 0;
		if (count > most) {
			most = count;
			best = runs[i].offset;
		}
	}
	return best;
}

int eg_zone_find_files(struct eg_zone_file *files, size_t n, struct eg_zone_choice *out,
		       struct eg_error *err)
{
	struct eg_offset_run *all = NULL;
	size_t nall = 0, cap = 0, i, k, best = 0;
	int64_t weight, most = -1;
	struct zones z;
	int rc = zones_load(&z, err);

	for (i = 0; rc == EG_OK && i < n; i++) {
		if (eg_array_reserve((void **)&all, &cap, nall + files[i].nruns + 1, sizeof(*all),
				     16)) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			break;
		}
		if (files[i].nruns)
			memcpy(all + nall, files[i].runs, files[i].nruns * sizeof(*all));
		nall += files[i].nruns;
	}
	if (rc == EG_OK)
		find(&z, all, nall, out);
	for (i = 0; rc == EG_OK && out->how == EG_ZONE_UNEXPLAINED && i < n; i++) {
		struct eg_zone_choice *c = &files[i].choice;

		find(&z, files[i].runs, files[i].nruns, c);
		if (c->how == EG_ZONE_UNEXPLAINED)
			fixed_zone(&z, commonest(files[i].runs, files[i].nruns), c->first, c->last,
				   c);
	}
	if (rc == EG_OK && out->how == EG_ZONE_UNEXPLAINED) {
		/* The zone whose files weigh most. */
		for (i = 0; i < n; i++) {
			if (files[i].choice.how == EG_ZONE_NO_OFFSETS)
				continue;
			for (weight = 0, k = 0; k < n; k++)
				if (strcmp(files[k].choice.zone, files[i].choice.zone) == 0)
					weight += files[k].weight;
			if (weight > most) {
				most = weight;
				best = i;
			}
		}
		memcpy(out->zone, files[best].choice.zone, sizeof(out->zone));
		out->how = EG_ZONE_MIXED;
	}
	free(all);
	zones_release(&z);
	return rc;
}

char *eg_zone_describe(const struct eg_zone_choice *c, char *buf, size_t size)
{
	char offs[64] = "", a[EG_TIME_BUFSZ], b[EG_TIME_BUFSZ], o[EG_OFFSET_BUFSZ];
	size_t i, used = 0;

	for (i = 0; i < c->noffsets && i < EG_ZONE_OFFSETS; i++)
		used += (size_t)snprintf(offs + used, sizeof(offs) - used, "%s%s",
					 i == 0			? ""
					 : i + 1 == c->noffsets ? " and "
								: ", ",
					 eg_offset_format(c->offsets[i], o));
	if (c->noffsets > EG_ZONE_OFFSETS)
		snprintf(offs + used, sizeof(offs) - used, " and more");
	eg_time_format(c->first, a);
	eg_time_format(c->last, b);
	a[10] = b[10] = '\0';
	switch (c->how) {
	case EG_ZONE_NO_OFFSETS:
		snprintf(buf, size,
			 "UTC: no export carries a UTC offset (give tz=ZONE for the shop's zone)");
		break;
	case EG_ZONE_RULES:
		snprintf(buf, size,
			 "%s, found from the exports: its rules give the offsets %s of all %lld "
			 "time stamps from %s to %s%s%s%s%s%s",
			 c->zone, offs, (long long)c->stamps, a, b, c->nfit > 1 ? " (" : "",
			 c->also[0],
			 c->nfit > 3   ? ", "
			 : c->nfit > 2 ? " and "
				       : "",
			 c->also[1],
			 c->nfit > 3   ? " and others fit too)"
			 : c->nfit > 2 ? " fit too)"
			 : c->nfit > 1 ? " fits too)"
				       : "");
		break;
	case EG_ZONE_FIXED:
		snprintf(buf, size,
			 "%s, found from the exports: all %lld time stamps from %s to %s carry %s, "
			 "with no clock change: a fixed offset",
			 c->zone, (long long)c->stamps, a, b, offs);
		break;
	case EG_ZONE_MIXED:
		snprintf(buf, size,
			 "%s, the zone of the files with most orders: the exports carry offsets "
			 "%s that no single zone explains (see Data quality)",
			 c->zone, offs);
		break;
	default: snprintf(buf, size, "no zone fits the offsets %s", offs); break;
	}
	return buf;
}
