/*
 * test_extract_ga4.c - taking GA4 downloads apart: the preamble's title and
 * date range, blocks separated by blank lines with their own comments,
 * CRLF without a final newline, spreadsheet padding, comments only between
 * blocks, and files that open with a "#" column rather than a comment;
 * each block's range (its own, else the file's), Universal Analytics'
 * "# YYYYMMDD-YYYYMMDD" and an exploration's title ending in its range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <string.h>

#include "engage/extract_ga4.h"

static const char snapshot[] =
	"# ----------------------------------------\r\n"
	"# Reports snapshot\r\n"
	"# Account: Shop\r\n"
	"# Property: Shop\r\n"
	"# ----------------------------------------\r\n"
	"# \r\n"
	"# Start date: 20260101\r\n"
	"# End date: 20260331\r\n"
	"Nth week,New users\r\n"
	"0000,13\r\n"
	"0001,19\r\n"
	"\r\n"
	"# Where do your new users come from?\r\n"
	"# Start date: 20260101\r\n"
	"# End date: 20260331\r\n"
	"First user primary channel group (Default Channel Group),New users\r\n"
	"Direct,2218\r\n"
	"#1 Coffee,7\r\n" /* a value that starts with # inside a block is data */
	"\r\n"
	"#  \r\n"
	"Country ID,Active users\r\n"
	"\r\n"
	"\r\n"
	"Date,Week 0,Week 1\r\n"
	"Jun 14 - Jun 20,73"; /* ragged, no final newline */

static const char *block_text(const struct eg_extract_ga4 *d, size_t i, size_t *len)
{
	*len = d->blocks[i].len;
	return snapshot + d->blocks[i].offset;
}

/* Splits the whole of text (commas between cells) into d, asserting it worked. */
static void split(const char *text, struct eg_extract_ga4 *d)
{
	struct eg_error err;

	assert_int_equal(eg_extract_ga4_split(text, strlen(text), ',', d, &err), EG_OK);
}

/* Asserts the preamble of d gives title and the range start..end as written. */
static void preamble_is(const struct eg_extract_ga4 *d, const char *title, const char *start,
			const char *end)
{
	assert_string_equal(d->title, title);
	assert_string_equal(d->start, start);
	assert_string_equal(d->end, end);
}

static void split_finds_preamble_and_blocks(void **state)
{
	struct eg_extract_ga4 d;
	const char *s;
	size_t len;

	(void)state;
	split(snapshot, &d);
	preamble_is(&d, "Reports snapshot", "20260101", "20260331");
	assert_int_equal(d.nblocks, 4);
	s = block_text(&d, 0, &len);
	assert_int_equal(d.blocks[0].line, 9);
	assert_true(len == strlen("Nth week,New users\r\n0000,13\r\n0001,19\r\n"));
	assert_memory_equal(s, "Nth week,New users\r\n", 20);
	s = block_text(&d, 1, &len);
	assert_int_equal(d.blocks[1].line, 16);
	assert_true(strstr(s, "#1 Coffee,7\r\n") != NULL &&
		    (size_t)(strstr(s, "#1 Coffee") - s) < len);
	assert_int_equal(d.blocks[2].line, 21);
	assert_int_equal(d.blocks[3].line, 24);
	s = block_text(&d, 3, &len);
	assert_int_equal(len, strlen("Date,Week 0,Week 1\r\nJun 14 - Jun 20,73"));
	eg_extract_ga4_release(&d);
	assert_int_equal(d.nblocks, 0);
}

static void split_treats_padded_lines_as_blank_and_comments(void **state)
{
	static const char excel[] = "# ----------------------------------------,,,,\n"
				    "# Traffic,,,,\n"
				    "# Start date: 20260105,,,,\n"
				    ",,,,\n"
				    "Date,Sessions,,\n"
				    "20260105,12,,\n";
	struct eg_extract_ga4 d;

	(void)state;
	split(excel, &d);
	assert_string_equal(d.title, "Traffic");
	assert_string_equal(d.start, "20260105");
	assert_int_equal(d.nblocks, 1);
	assert_int_equal(d.blocks[0].line, 5);
	eg_extract_ga4_release(&d);
}

static void split_of_a_plain_csv_is_one_block(void **state)
{
	static const char plain[] = "Date,Sessions\n20260105,12\n20260106,9\n";
	struct eg_extract_ga4 d;

	(void)state;
	split(plain, &d);
	assert_string_equal(d.title, "");
	assert_int_equal(d.nblocks, 1);
	assert_int_equal(d.blocks[0].offset, 0);
	assert_int_equal(d.blocks[0].len, strlen(plain));
	eg_extract_ga4_release(&d);
}

/* Asserts block k of d covers start..end as written. */
static void block_range_is(const struct eg_extract_ga4 *d, size_t k, const char *start,
			   const char *end)
{
	assert_string_equal(d->blocks[k].start, start);
	assert_string_equal(d->blocks[k].end, end);
}

static void split_gives_each_block_its_own_range(void **state)
{
	static const char overview[] = "# Reports snapshot\n"
				       "# Start date: 20260101\n"
				       "# End date: 20260331\n"
				       "Nth day,Users\n"
				       "0000,13\n"
				       "\n"
				       "# How well do you retain your users?\n"
				       "# Start date: 20260208\n"
				       "# End date: 20260221\n"
				       "Nth day,Users\n"
				       "0000,5\n"
				       "\n"
				       "#  \n"
				       "Country ID,Active users\n"
				       "DE,5\n";
	struct eg_extract_ga4 d;

	(void)state;
	split(overview, &d);
	assert_int_equal(d.nblocks, 3);
	assert_string_equal(d.start, "20260101");
	assert_string_equal(d.end, "20260331");
	block_range_is(&d, 0, "20260101", "20260331");
	/* the retention table's own range, not the file's */
	block_range_is(&d, 1, "20260208", "20260221");
	/* a block stating none has the file's */
	block_range_is(&d, 2, "20260101", "20260331");
	eg_extract_ga4_release(&d);
}

static void split_reads_universal_analytics_and_exploration_ranges(void **state)
{
	static const char ua[] = "# ----------------------------------------\n"
				 "# All Web Site Data\n"
				 "# Audience Overview\n"
				 "# 20200601-20200630\n"
				 "# ----------------------------------------\n"
				 "\n"
				 "Date,Users,Sessions\n"
				 "20200601,12,14\n"
				 ",12,14\n"
				 "\n"
				 "# ----------------------------------------\n";
	static const char exploration[] =
		"# ----------------------------------------\n"
		"# Northwind Roasters - GA4 / Channels by day / 20260301 - 20260331\n"
		"# ----------------------------------------\n"
		"Date,Session default channel group,Sessions\n";
	static const char not_a_range[] = "# Orders 20260301-20260331\n"
					  "# 2026030-20260331\n"
					  "Date,Sessions\n";
	struct eg_extract_ga4 d;

	(void)state;
	split(ua, &d);
	preamble_is(&d, "All Web Site Data", "20200601", "20200630");
	assert_int_equal(d.nblocks, 1);
	block_range_is(&d, 0, "20200601", "20200630");
	eg_extract_ga4_release(&d);
	split(exploration, &d);
	preamble_is(&d, "Northwind Roasters - GA4 / Channels by day / 20260301 - 20260331",
		    "20260301", "20260331");
	eg_extract_ga4_release(&d);
	/* a range inside other words, or of seven digits, is none */
	split(not_a_range, &d);
	assert_string_equal(d.start, "");
	assert_string_equal(d.end, "");
	eg_extract_ga4_release(&d);
}

/* Whether the whole of s is a comment line. */
static int commented(const char *s)
{
	return eg_extract_ga4_is_commented(s, strlen(s));
}

static void commented_means_a_hash_comment_line(void **state)
{
	static const struct yes_no cases[] = {
		{ "# ----\nDate\n", 1 },
		{ "#\r\n", 1 },
		{ "#", 1 },
		/* Typeform's first column is named # */
		{ "#,How easy was it?\n", 0 },
		{ "Date,Sessions\n", 0 },
		{ "", 0 },
	};

	(void)state;
	assert_answers(commented, cases, COUNT(cases));
}

TEST_MAIN(cmocka_unit_test(split_finds_preamble_and_blocks),
	  cmocka_unit_test(split_treats_padded_lines_as_blank_and_comments),
	  cmocka_unit_test(split_of_a_plain_csv_is_one_block),
	  cmocka_unit_test(split_gives_each_block_its_own_range),
	  cmocka_unit_test(split_reads_universal_analytics_and_exploration_ranges),
	  cmocka_unit_test(commented_means_a_hash_comment_line))
