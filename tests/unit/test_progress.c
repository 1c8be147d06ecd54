/*
 * test_progress.c - the progress line: its text (thousands separators, MB,
 * MB/s, seconds; no MB parts without bytes), a line once the delay has
 * passed and the reader has counted enough rows, the final line at stop, a
 * terminal line redrawn in place and finished with a newline, and silence
 * when off or when the work ends before the delay.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/progress.h"

/* Everything written to fp so far, as a string (static buffer). */
static const char *contents(FILE *fp)
{
	static char text[4096];
	size_t n;

	fflush(fp);
	rewind(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	return text;
}

static void progress_format_writes_rows_megabytes_rate_and_time(void **state)
{
	char buf[160];

	(void)state;
	eg_progress_format(buf, sizeof(buf), "clean", 1234567, 85200000, 2.0);
	assert_string_equal(buf, "clean: 1,234,567 rows, 85.2 MB, 42.6 MB/s, 2.0 s");
	eg_progress_format(buf, sizeof(buf), "join", 999, 0, 0.25);
	assert_string_equal(buf, "join: 999 rows, 0.2 s");
	eg_progress_format(buf, sizeof(buf), "x", 1000, 1, 0.0);
	assert_string_equal(buf, "x: 1,000 rows, 0.0 MB, 0.0 MB/s, 0.0 s");
	eg_progress_format(buf, sizeof(buf), "x", INT64_MAX, 0, 1.0);
	assert_string_equal(buf, "x: 9,223,372,036,854,775,807 rows, 1.0 s");
}

/* Lines mode: a line when the clock is looked at after the delay, and one at stop. */
static void progress_lines_show_counts_then_a_final_line(void **state)
{
	FILE *fp = tmpfile();
	int i;

	(void)state;
	assert_non_null(fp);
	eg_progress_start_on(fp, "extract", EG_PROGRESS_LINES, 0.0, 1000.0);
	for (i = 0; i < 4095; i++)
		eg_progress_add(1, 10);
	assert_string_equal(contents(fp), "");
	eg_progress_add(1, 10);
	assert_non_null(strstr(contents(fp), "extract: 4,096 rows, 0.0 MB,"));
	assert_null(strchr(contents(fp), '\r'));
	eg_progress_add(4, 0);
	eg_progress_stop();
	assert_non_null(strstr(contents(fp), "\nextract: 4,100 rows, 0.0 MB,"));
	eg_progress_add(1, 1); /* after stop: nothing */
	eg_progress_stop();
	{
		const char *text = contents(fp), *c;
		int lines = 0;

		for (c = text; *c; c++)
			lines += *c == '\n';
		assert_int_equal(lines, 2);
	}
	fclose(fp);
}

/* Terminal mode: the line is redrawn with \r and ends with a newline at stop. */
static void progress_terminal_redraws_in_place(void **state)
{
	FILE *fp = tmpfile();
	const char *text;
	int i;

	(void)state;
	assert_non_null(fp);
	eg_progress_start_on(fp, "clean", EG_PROGRESS_TERMINAL, 0.0, 0.0);
	for (i = 0; i < 8192; i++)
		eg_progress_add(1, 0);
	eg_progress_stop();
	text = contents(fp);
	assert_true(strncmp(text, "\rclean: 4,096 rows, ", 20) == 0);
	assert_non_null(strstr(text, "\rclean: 8,192 rows, "));
	assert_int_equal(text[strlen(text) - 1], '\n');
	fclose(fp);
}

/* Work that ends before the delay shows nothing on a terminal; off shows nothing. */
static void progress_short_work_and_off_are_silent(void **state)
{
	FILE *fp = tmpfile();
	int i;

	(void)state;
	assert_non_null(fp);
	eg_progress_start_on(fp, "render", EG_PROGRESS_TERMINAL, 1000.0, 0.5);
	for (i = 0; i < 10000; i++)
		eg_progress_add(1, 100);
	eg_progress_stop();
	assert_string_equal(contents(fp), "");
	eg_progress_start_on(fp, "render", EG_PROGRESS_OFF, 0.0, 0.0);
	for (i = 0; i < 10000; i++)
		eg_progress_add(1, 100);
	eg_progress_stop();
	assert_string_equal(contents(fp), "");
	fclose(fp);
}

TEST_MAIN(cmocka_unit_test(progress_format_writes_rows_megabytes_rate_and_time),
	  cmocka_unit_test(progress_lines_show_counts_then_a_final_line),
	  cmocka_unit_test(progress_terminal_redraws_in_place),
	  cmocka_unit_test(progress_short_work_and_off_are_silent))
