/*
 * test_extract_ga4.c - taking GA4 downloads apart: the preamble's title and
 * date range, blocks separated by blank lines with their own comments,
 * CRLF without a final newline, spreadsheet padding, comments only between
 * blocks, and files that open with a "#" column rather than a comment.
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

static void split_finds_preamble_and_blocks(void **state)
{
	struct eg_extract_ga4 d;
	struct eg_error err;
	const char *s;
	size_t len;

	(void)state;
	assert_int_equal(eg_extract_ga4_split(snapshot, strlen(snapshot), ',', &d, &err), EG_OK);
	assert_string_equal(d.title, "Reports snapshot");
	assert_string_equal(d.start, "20260101");
	assert_string_equal(d.end, "20260331");
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
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_extract_ga4_split(excel, strlen(excel), ',', &d, &err), EG_OK);
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
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_extract_ga4_split(plain, strlen(plain), ',', &d, &err), EG_OK);
	assert_string_equal(d.title, "");
	assert_int_equal(d.nblocks, 1);
	assert_int_equal(d.blocks[0].offset, 0);
	assert_int_equal(d.blocks[0].len, strlen(plain));
	eg_extract_ga4_release(&d);
}

static void commented_means_a_hash_comment_line(void **state)
{
	(void)state;
	assert_true(eg_extract_ga4_is_commented("# ----\nDate\n", 12));
	assert_true(eg_extract_ga4_is_commented("#\r\n", 3));
	assert_true(eg_extract_ga4_is_commented("#", 1));
	/* Typeform's first column is named # */
	assert_false(eg_extract_ga4_is_commented("#,How easy was it?\n", 19));
	assert_false(eg_extract_ga4_is_commented("Date,Sessions\n", 14));
	assert_false(eg_extract_ga4_is_commented("", 0));
}

TEST_MAIN(cmocka_unit_test(split_finds_preamble_and_blocks),
	  cmocka_unit_test(split_treats_padded_lines_as_blank_and_comments),
	  cmocka_unit_test(split_of_a_plain_csv_is_one_block),
	  cmocka_unit_test(commented_means_a_hash_comment_line))
