/*
 * test_csv_cut.c - the quote-aware scan for row boundaries.
 *
 * Each case is an input and the offsets just after each line feed that
 * ends a row (worked out by hand: a line feed inside a quoted field is no
 * cut). cuts_of scans the input fed in pieces of every size from 1 byte to
 * the whole, asking for every cut in turn, so a quote, a "" or a CRLF
 * split between two pieces must not change a cut or the line count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "engage/csv_cut.h"

#define MAXC 16 /* cuts per case */

/* One input and what the scan must find in it. */
struct cut_case {
	const char *data;      /* the input */
	size_t len;	       /* bytes at data */
	char delim;	       /* 0 for ',' */
	size_t ncuts;	       /* cuts expected */
	size_t cuts[MAXC];     /* their offsets, just after the line feed */
	uint64_t lines;	       /* line feeds in all */
	enum eg_csv_cut_state end; /* state after the last byte */
};

#define DATA(x) .data = (x), .len = sizeof(x) - 1

/* Scans c fed in pieces of size bytes; checks every cut, the line count and the end state. */
static void check_fed_in(const struct cut_case *c, size_t size)
{
	struct eg_csv_cut s = { .delimiter = c->delim ? c->delim : ',' };
	size_t at = 0, found = 0;

	while (at < c->len) {
		size_t n = c->len - at < size ? c->len - at : size, used;
		int cut;

		used = eg_csv_cut_scan(&s, c->data + at, n, 1, &cut);
		at += used;
		if (cut) {
			if (found >= c->ncuts || c->cuts[found] != at)
				fail_msg("pieces of %zu: cut %zu at %zu, expected %zu", size,
					 found, at, found < c->ncuts ? c->cuts[found] : 0);
			/* Every cut ends a line: the count so far is the cut's line feeds. */
			found++;
		} else {
			assert_int_equal(used, n);
		}
	}
	if (found != c->ncuts)
		fail_msg("pieces of %zu: %zu cuts, expected %zu", size, found, c->ncuts);
	if (s.lines != c->lines || s.state != c->end)
		fail_msg("pieces of %zu: %llu lines, state %d; expected %llu, %d", size,
			 (unsigned long long)s.lines, (int)s.state, (unsigned long long)c->lines,
			 (int)c->end);
}

/* Runs c fed in pieces of every size, and scanned whole without asking for cuts. */
static void run_case(const struct cut_case *c)
{
	struct eg_csv_cut s = { .delimiter = c->delim ? c->delim : ',' };
	size_t size;
	int cut;

	for (size = 1; size <= c->len; size++)
		check_fed_in(c, size);
	assert_int_equal(eg_csv_cut_scan(&s, c->data, c->len, 0, &cut), c->len);
	assert_int_equal(cut, 0);
	assert_int_equal(s.lines, c->lines);
	assert_int_equal(s.state, c->end);
}

static void cut_after_each_plain_row(void **state)
{
	static const struct cut_case c = {
		DATA("a,b\n1,2\n"), .ncuts = 2, .cuts = { 4, 8 }, .lines = 2,
	};

	(void)state;
	run_case(&c);
}

static void no_cut_inside_a_quoted_field_spanning_lines(void **state)
{
	/* "1,"x\ny"\n2,z\n": the feed at 4 is inside quotes; rows end at 8 and 12. */
	static const struct cut_case c = {
		DATA("1,\"x\ny\"\n2,z\n"), .ncuts = 2, .cuts = { 8, 12 }, .lines = 3,
	};

	(void)state;
	run_case(&c);
}

static void doubled_quotes_stay_inside_the_field(void **state)
{
	/*
	 * 1,"a""\nb"\n: "" (4-5) is a quote, so the feed at 6 is inside; the
	 * field closes at 8 and the row's feed is at 9 (cut 10). Then
	 * 2,"c"""\n: c" closed at 16, the feed at 17 (cut 18).
	 */
	static const struct cut_case c = {
		DATA("1,\"a\"\"\nb\"\n2,\"c\"\"\"\n"), .ncuts = 2, .cuts = { 10, 18 }, .lines = 3,
	};

	(void)state;
	run_case(&c);
}

static void crlf_rows_cut_after_the_line_feed(void **state)
{
	/* a\r\n"x\r\ny"\r\n: the CRLF inside quotes (5-6) is no cut; 3 and 11 are. */
	static const struct cut_case c = {
		DATA("a\r\n\"x\r\ny\"\r\n"), .ncuts = 2, .cuts = { 3, 11 }, .lines = 3,
	};

	(void)state;
	run_case(&c);
}

static void quote_inside_an_unquoted_field_is_data(void **state)
{
	/*
	 * ab"c\n: the quote is not at a field's start, so it opens nothing (as
	 * when the reader skips an over-long row): cuts at 5 and 7. Same for a
	 * quote after a closed quoted field's text: "a"b"\n cuts at 13.
	 */
	static const struct cut_case c = {
		DATA("ab\"c\nd\n\"a\"b\"\ne\n"), .ncuts = 4, .cuts = { 5, 7, 13, 15 }, .lines = 4,
	};

	(void)state;
	run_case(&c);
}

static void quote_after_the_delimiter_opens_a_field(void **state)
{
	/* With ';': a;"b\nc";d\n: the quote after ';' (2) opens; one cut, after 9. */
	static const struct cut_case c = {
		DATA("a;\"b\nc\";d\n"), .delim = ';', .ncuts = 1, .cuts = { 10 }, .lines = 2,
	};
	/* With ',' the same bytes are unquoted fields whose quotes are data. */
	static const struct cut_case comma = {
		DATA("a;\"b\nc\";d\n"), .ncuts = 2, .cuts = { 5, 10 }, .lines = 2,
	};

	(void)state;
	run_case(&c);
	run_case(&comma);
}

static void quote_after_a_cr_opens_a_field(void **state)
{
	/* A lone CR ends a row for libcsv: in x\r"y\nz"\n the quote at 2 opens; one cut, 8. */
	static const struct cut_case c = {
		DATA("x\r\"y\nz\"\n"), .ncuts = 1, .cuts = { 8 }, .lines = 2,
	};

	(void)state;
	run_case(&c);
}

static void unclosed_quote_leaves_no_cut(void **state)
{
	static const struct cut_case c = {
		DATA("1,\"never\nclosed\n"), .ncuts = 0, .lines = 2, .end = EG_CSV_CUT_QUOTED,
	};

	(void)state;
	run_case(&c);
}

static void tiny_inputs(void **state)
{
	static const struct cut_case feed = { DATA("\n"), .ncuts = 1, .cuts = { 1 }, .lines = 1 };
	static const struct cut_case one = { DATA("x"), .ncuts = 0, .end = EG_CSV_CUT_PLAIN };
	static const struct cut_case quote = { DATA("\""), .end = EG_CSV_CUT_QUOTED };
	static const struct cut_case pair = { DATA("\"\""), .end = EG_CSV_CUT_QUOTE };
	struct eg_csv_cut s = { .delimiter = ',' };
	int cut = 1;

	(void)state;
	run_case(&feed);
	run_case(&one);
	run_case(&quote);
	run_case(&pair);
	assert_int_equal(eg_csv_cut_scan(&s, "", 0, 1, &cut), 0);
	assert_int_equal(cut, 0);
	assert_int_equal(s.lines, 0);
}

static void counts_line_feeds_in_long_runs(void **state)
{
	char text[1000];
	struct eg_csv_cut s = { .delimiter = ',' };
	size_t i, want = 0;
	int cut;

	(void)state;
	/* A feed every 7th byte, a quoted field from 300 to 600: every feed counts. */
	for (i = 0; i < sizeof(text); i++)
		text[i] = i % 7 == 6 ? '\n' : 'x';
	text[299] = ',';
	text[300] = '"';
	text[600] = '"';
	text[601] = '\n';
	for (i = 0; i < sizeof(text); i++)
		want += text[i] == '\n';
	assert_int_equal(eg_csv_cut_scan(&s, text, sizeof(text), 0, &cut), sizeof(text));
	assert_int_equal(s.lines, want);
	/* Asking for cuts from a fresh scan: the first is after the feed at 6. */
	memset(&s, 0, sizeof(s));
	s.delimiter = ',';
	assert_int_equal(eg_csv_cut_scan(&s, text, sizeof(text), 1, &cut), 7);
	assert_int_equal(cut, 1);
	assert_int_equal(s.lines, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cut_after_each_plain_row),
		cmocka_unit_test(no_cut_inside_a_quoted_field_spanning_lines),
		cmocka_unit_test(doubled_quotes_stay_inside_the_field),
		cmocka_unit_test(crlf_rows_cut_after_the_line_feed),
		cmocka_unit_test(quote_inside_an_unquoted_field_is_data),
		cmocka_unit_test(quote_after_the_delimiter_opens_a_field),
		cmocka_unit_test(quote_after_a_cr_opens_a_field),
		cmocka_unit_test(unclosed_quote_leaves_no_cut),
		cmocka_unit_test(tiny_inputs),
		cmocka_unit_test(counts_line_feeds_in_long_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
