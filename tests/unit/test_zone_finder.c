/*
 * test_zone_finder.c - the shop's zone found from the offsets its time
 * stamps carry: a Los Angeles year (winter, summer, winter) gives Los
 * Angeles with the zones of the same rules named; clock changes on other
 * dates fit no zone; one offset gives a fixed-offset zone (UTC, Etc/GMT+8,
 * Asia/Kolkata for +0530, a POSIX string where no zone keeps the offset);
 * no offsets give UTC; files of two stores give the zone of the heavier.
 *
 * Epochs were computed with python3:
 *   int(datetime.fromisoformat("2026-01-05T18:00:00+00:00").timestamp()).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <stdlib.h>
#include <string.h>

#include "engage/offset_log.h"
#include "engage/zone_finder.h"

#define H INT64_C(3600)

#define JAN_05 INT64_C(1767636000) /* 2026-01-05T18:00:00Z */
#define MAR_07 INT64_C(1772913600) /* 2026-03-07T20:00:00Z, before the US switch (Mar 8) */
#define MAR_09 INT64_C(1773079200) /* 2026-03-09T18:00:00Z */
#define MAR_20 INT64_C(1774029600) /* 2026-03-20T18:00:00Z, before the EU switch (Mar 29) */
#define MAR_21 INT64_C(1774116000) /* 2026-03-21T18:00:00Z */
#define MAR_30 INT64_C(1774893600) /* 2026-03-30T18:00:00Z */
#define OCT_20 INT64_C(1792519200) /* 2026-10-20T18:00:00Z */
#define OCT_30 INT64_C(1793383200) /* 2026-10-30T18:00:00Z, before the US switch (Nov 1) */
#define NOV_02 INT64_C(1793642400) /* 2026-11-02T18:00:00Z */
#define DEC_20 INT64_C(1797789600) /* 2026-12-20T18:00:00Z */

static const struct eg_offset_run los_angeles[] = {
	{ JAN_05, MAR_07, -8 * H, 40 },
	{ MAR_09, OCT_30, -7 * H, 150 },
	{ NOV_02, DEC_20, -8 * H, 30 },
};

static const struct eg_offset_run berlin[] = {
	{ JAN_05, MAR_20, 1 * H, 5 },
	{ MAR_30, OCT_20, 2 * H, 9 },
};

static void find(const struct eg_offset_run *runs, size_t n, struct eg_zone_choice *c)
{
	struct eg_error err;

	eg_error_clear(&err);
	assert_int_equal(eg_zone_find(runs, n, c, &err), EG_OK);
}

/* Finds the zone of the n runs into *c and asserts how it was found and the zone. */
static void found(const struct eg_offset_run *runs, size_t n, struct eg_zone_choice *c,
		  enum eg_zone_how how, const char *zone)
{
	find(runs, n, c);
	assert_int_equal(c->how, how);
	assert_string_equal(c->zone, zone);
}

/* Asserts that the description of c holds text. */
static void describes(const struct eg_zone_choice *c, const char *text)
{
	char line[512];

	assert_non_null(strstr(eg_zone_describe(c, line, sizeof(line)), text));
}

static void zone_los_angeles_year_gives_los_angeles(void **state)
{
	struct eg_zone_choice c;

	(void)state;
	found(los_angeles, 3, &c, EG_ZONE_RULES, "America/Los_Angeles");
	/* Tijuana and Vancouver keep the same rules. */
	assert_true(c.nfit >= 3);
	assert_string_equal(c.also[0], "America/Tijuana");
	assert_string_equal(c.also[1], "America/Vancouver");
	assert_int_equal(c.noffsets, 2);
	assert_int_equal(c.stamps, 220);
	describes(&c, "offsets -0800 and -0700 of all 220 time stamps from 2026-01-05 "
		      "to 2026-12-20");
}

static void zone_stamps_newest_first_give_runs_with_no_gap_over_a_week(void **state)
{
	struct eg_offset_log log;
	struct eg_offset_run *runs;
	struct eg_zone_choice c;
	size_t n;

	(void)state;
	eg_offset_log_init(&log);
	/* Newest first, as Shopify lists orders. */
	assert_int_equal(eg_offset_log_add(&log, DEC_20, -8 * H), 0);
	assert_int_equal(eg_offset_log_add(&log, OCT_30, -7 * H), 0);
	assert_int_equal(eg_offset_log_add(&log, MAR_09, -7 * H), 0);
	assert_int_equal(eg_offset_log_add(&log, MAR_07, -8 * H), 0);
	assert_int_equal(eg_offset_log_add(&log, MAR_07 - 3 * 24 * H, -8 * H), 0);
	assert_int_equal(eg_offset_log_add(&log, JAN_05, -8 * H), 0);
	assert_int_equal(eg_offset_log_runs(&log, &runs, &n), 0);
	/* Three days apart, one run; eight months apart, two. */
	assert_int_equal(n, 5);
	assert_true(runs[0].first == JAN_05 && runs[0].last == JAN_05 && runs[0].count == 1);
	assert_true(runs[1].first == MAR_07 - 3 * 24 * H && runs[1].last == MAR_07 &&
		    runs[1].count == 2 && runs[1].offset == -8 * H);
	assert_true(runs[2].first == MAR_09 && runs[2].last == MAR_09 && runs[2].offset == -7 * H);
	assert_true(runs[3].first == OCT_30 && runs[3].offset == -7 * H);
	assert_true(runs[4].first == DEC_20 && runs[4].offset == -8 * H);
	find(runs, n, &c);
	assert_string_equal(c.zone, "America/Los_Angeles");
	free(runs);
	eg_offset_log_release(&log);
}

/* Runs of the hourly stamps of 2026-01-05 to 2026-12-20 in Los Angeles, added in order k(i). */
static void hourly_runs(size_t (*k)(size_t i, size_t n), struct eg_offset_run *out, size_t *cap)
{
	struct eg_offset_log log;
	struct eg_offset_run *runs;
	struct eg_error err;
	size_t i, n = (size_t)((DEC_20 - JAN_05) / H) + 1, nruns;

	assert_int_equal(eg_tz_select("America/Los_Angeles", &err), EG_OK);
	eg_offset_log_init(&log);
	for (i = 0; i < n; i++) {
		int64_t t = JAN_05 + (int64_t)k(i, n) * H;

		assert_int_equal(eg_offset_log_add(&log, t, eg_tz_offset(t)), 0);
	}
	*cap = log.cap;
	assert_int_equal(eg_offset_log_runs(&log, &runs, &nruns), 0);
	assert_int_equal(nruns, 3);
	memcpy(out, runs, 3 * sizeof(*runs));
	assert_true(out[0].count + out[1].count + out[2].count == (int64_t)n);
	free(runs);
	eg_offset_log_release(&log);
}

static size_t rising(size_t i, size_t n)
{
	(void)n;
	return i;
}

static size_t falling(size_t i, size_t n)
{
	return n - 1 - i;
}

static size_t scattered(size_t i, size_t n)
{
	return i * 7919 % n; /* a permutation: n is not a multiple of the prime 7919 */
}

static void zone_log_stays_small_in_any_order(void **state)
{
	struct eg_offset_run a[3], b[3], c[3];
	size_t cap;

	(void)state;
	hourly_runs(rising, a, &cap);
	assert_true(cap <= 16);
	assert_true(a[0].first == JAN_05 && a[0].offset == -8 * H);
	assert_true(a[1].offset == -7 * H && a[2].last == DEC_20 && a[2].offset == -8 * H);
	hourly_runs(falling, b, &cap);
	assert_true(cap <= 16);
	assert_memory_equal(a, b, sizeof(a));
	hourly_runs(scattered, c, &cap);
	assert_true(cap <= 4096);
	assert_memory_equal(a, c, sizeof(a));
}

static void zone_runs_are_written_on_one_line(void **state)
{
	char *text = eg_offset_runs_format(los_angeles, 2);
	struct eg_offset_run many[30];
	size_t i;

	(void)state;
	assert_non_null(text);
	assert_string_equal(text, "-0800 2026-01-05T18:00:00Z..2026-03-07T20:00:00Z 40; "
				  "-0700 2026-03-09T18:00:00Z..2026-10-30T18:00:00Z 150");
	free(text);
	/* Many runs: the first 24, then how many more. */
	for (i = 0; i < 30; i++)
		many[i] = (struct eg_offset_run){ JAN_05 + (int64_t)i * 30 * 24 * H,
						  JAN_05 + (int64_t)i * 30 * 24 * H, -8 * H, 1 };
	text = eg_offset_runs_format(many, 30);
	assert_non_null(text);
	assert_non_null(strstr(text, "-0800 2026-01-05T18:00:00Z..2026-01-05T18:00:00Z 1; "));
	assert_int_equal(strlen(strstr(text, "; and 6 more")), strlen("; and 6 more"));
	free(text);
}

static void zone_clock_change_on_no_zone_date_is_unexplained(void **state)
{
	/* US offsets, but the change three weeks late: no zone's rules. */
	static const struct eg_offset_run runs[] = {
		{ JAN_05, MAR_20, -8 * H, 10 },
		{ MAR_21, OCT_30, -7 * H, 10 },
	};
	struct eg_zone_choice c;

	(void)state;
	found(runs, 2, &c, EG_ZONE_UNEXPLAINED, "");
	assert_int_equal(c.nfit, 0);
}

/*
 * Finds the zone of stamps carrying offset alone (January to March) and
 * checks it is the fixed-offset zone want, giving that offset in October too.
 */
static void fixed(int64_t offset, const char *want)
{
	const struct eg_offset_run run = { JAN_05, MAR_07, offset, 7 };
	struct eg_zone_choice c;
	struct eg_error err;

	find(&run, 1, &c);
	assert_int_equal(c.how, EG_ZONE_FIXED);
	assert_string_equal(c.zone, want);
	assert_int_equal(eg_tz_select(c.zone, &err), EG_OK);
	assert_true(eg_tz_offset(OCT_30) == offset);
}

static void zone_one_offset_gives_a_fixed_offset_zone(void **state)
{
	(void)state;
	/* A Los Angeles winter alone: only the offset is known. */
	fixed(-8 * H, "Etc/GMT+8");
	fixed(0, "UTC");
}

static void zone_plus_0530_gives_a_zone_keeping_it_all_year(void **state)
{
	(void)state;
	fixed(5 * H + 30 * 60, "Asia/Kolkata");
}

static void zone_offset_no_zone_keeps_is_a_posix_string(void **state)
{
	struct eg_error err;

	(void)state;
	fixed(1 * H + 15 * 60, "<+0115>-1:15");
	/* Only the form engage writes is taken for a fixed offset. */
	assert_int_equal(eg_tz_select("<+0115>-2:15", &err), EG_EUSAGE);
}

static void zone_no_offsets_gives_utc(void **state)
{
	struct eg_zone_choice c;

	(void)state;
	found(NULL, 0, &c, EG_ZONE_NO_OFFSETS, "UTC");
	describes(&c, "no export carries a UTC offset");
}

/* Finds the zone of two files: na runs at a weighing wa, nb runs at b weighing wb. */
static void two_files(struct eg_zone_file *files, const struct eg_offset_run *a, size_t na,
		      int64_t wa, const struct eg_offset_run *b, size_t nb, int64_t wb,
		      struct eg_zone_choice *c)
{
	struct eg_error err;

	memset(files, 0, 2 * sizeof(*files));
	files[0].runs = a;
	files[0].nruns = na;
	files[0].weight = wa;
	files[1].runs = b;
	files[1].nruns = nb;
	files[1].weight = wb;
	assert_int_equal(eg_zone_find_files(files, 2, c, &err), EG_OK);
}

static void zone_two_stores_give_the_zone_of_most_orders(void **state)
{
	struct eg_zone_file files[2];
	struct eg_zone_choice c;

	(void)state;
	two_files(files, berlin, 2, 3, los_angeles, 3, 10, &c);
	assert_int_equal(c.how, EG_ZONE_MIXED);
	assert_string_equal(c.zone, "America/Los_Angeles");
	assert_string_equal(files[0].choice.zone, "Europe/Berlin");
	assert_string_equal(files[1].choice.zone, "America/Los_Angeles");
	two_files(files, berlin, 2, 11, los_angeles, 3, 10, &c);
	assert_int_equal(c.how, EG_ZONE_MIXED);
	assert_string_equal(c.zone, "Europe/Berlin");
}

static void zone_files_of_one_store_fit_together(void **state)
{
	struct eg_zone_file files[2];
	struct eg_zone_choice c;

	(void)state;
	/* The winter file alone would be a fixed offset; with the summer one, the rules. */
	two_files(files, los_angeles, 1, 1, los_angeles + 1, 2, 1, &c);
	assert_int_equal(c.how, EG_ZONE_RULES);
	assert_string_equal(c.zone, "America/Los_Angeles");
}

TEST_MAIN(cmocka_unit_test(zone_los_angeles_year_gives_los_angeles),
	  cmocka_unit_test(zone_stamps_newest_first_give_runs_with_no_gap_over_a_week),
	  cmocka_unit_test(zone_log_stays_small_in_any_order),
	  cmocka_unit_test(zone_runs_are_written_on_one_line),
	  cmocka_unit_test(zone_clock_change_on_no_zone_date_is_unexplained),
	  cmocka_unit_test(zone_one_offset_gives_a_fixed_offset_zone),
	  cmocka_unit_test(zone_plus_0530_gives_a_zone_keeping_it_all_year),
	  cmocka_unit_test(zone_offset_no_zone_keeps_is_a_posix_string),
	  cmocka_unit_test(zone_no_offsets_gives_utc),
	  cmocka_unit_test(zone_two_stores_give_the_zone_of_most_orders),
	  cmocka_unit_test(zone_files_of_one_store_fit_together))
