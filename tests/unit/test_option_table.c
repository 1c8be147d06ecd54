/*
 * test_option_table.c - one option table gives getopt_long's array and
 * short options, the options part of --help, and the parse: values stored
 * by kind, the word meaning none, a list's room, bad numbers and shares,
 * an unknown option and a missing argument (exit 2 and the message), an
 * unexpected operand, operands left for the caller, and a call() told of a
 * missing argument.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/error.h"
#include "engage/option_table.h"

/* What the options of the test command store into; cleared before each test. */
static struct {
	const char *in, *month, *list[2], *stage;
	size_t nlist;
	int verbose, strict;
	int64_t days;
	double share, risk;
} v;

static int set_stage(const struct eg_option *opt, const char *cmd, const char *as,
		     const char *arg)
{
	(void)cmd;
	if (!arg) {
		fprintf(stderr, "%s: %s needs a stage name\n", cmd, as);
		return EG_EUSAGE;
	}
	*(const char **)opt->value = arg;
	return 0;
}

static const struct eg_option options[] = {
	EG_OPT_TEXT(0, "in", &v.in, "DIR", "the input folder"),
	EG_OPT_TEXT_OR_NONE(0, "month", &v.month, "YYYY-MM", "auto",
			    "report month; 'auto' or none: the last full month of the data"),
	EG_OPT_LIST(0, "add", v.list, &v.nlist, 2, "FILE", "a file (repeatable)"),
	EG_OPT_NUMBER(0, "days", &v.days, "DAYS", "a window"),
	EG_OPT_SHARE(0, "share", &v.share, "RATE", "a rate"),
	EG_OPT_SHARE_ABOVE_ZERO(0, "risk", &v.risk, "P", "a risk"),
	EG_OPT_SWITCH(0, "strict", &v.strict, "fail on any file not read"),
	EG_OPT_CALL('s', "stage-name-that-is-long", &v.stage, "STAGE", set_stage,
		    "a label longer than the column has a line of its own"),
	EG_OPT_STAGE_COMMON(&v.verbose),
	EG_OPT_END,
};

static const struct eg_command stage = { "tool", "usage: tool --in DIR\n", options,
					 "Exit codes: 0 ok.\n", 0, NULL };
static const struct eg_command runner = { "tool", "usage: tool FILE\n", options, NULL, 1,
					  " for run" };

/* The exit code of parsing the words (argv[0] is "tool"); stderr lands in err. */
static int parse(const struct eg_command *cmd, char *err, size_t size, const char *const *words)
{
	char *argv[32] = { "tool" };
	int argc = 1, rc, saved;
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	for (; *words; words++) {
		assert_true(argc < 31);
		argv[argc++] = (char *)*words;
	}
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(f), STDERR_FILENO);
	rc = eg_option_parse(cmd, argc, argv);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(f);
	n = fread(err, 1, size - 1, f);
	err[n] = '\0';
	fclose(f);
	return rc;
}

#define PARSE(cmd, err, ...) parse((cmd), (err), sizeof(err), (const char *const[]){ __VA_ARGS__, NULL })

static int clear(void **state)
{
	(void)state;
	memset(&v, 0, sizeof(v));
	return 0;
}

/* Every entry is a long option with val 256 + index; short letters go to optstring. */
static void test_longopts_from_table(void **state)
{
	char optstring[3 * 12 + 2];
	struct option *lo = eg_option_longopts(options, 0, optstring);

	(void)state;
	assert_non_null(lo);
	assert_string_equal(optstring, "s:vh");
	assert_string_equal(lo[0].name, "in");
	assert_int_equal(lo[0].has_arg, required_argument);
	assert_int_equal(lo[0].val, 256);
	assert_string_equal(lo[6].name, "strict");
	assert_int_equal(lo[6].has_arg, optional_argument);
	assert_string_equal(lo[8].name, "verbose");
	assert_int_equal(lo[8].has_arg, no_argument);
	assert_int_equal(lo[8].val, 256 + 8);
	assert_string_equal(lo[10].name, "version");
	assert_null(lo[11].name);
	free(lo);
	/* With the parser's own messages, ':' first makes getopt tell a missing argument. */
	lo = eg_option_longopts(options, 1, optstring);
	assert_string_equal(optstring, ":s:vh");
	free(lo);
}

/* --help: usage, the options with their labels in one column, the epilog. */
static void test_help_text(void **state)
{
	char *text = eg_option_help_text(&stage);

	(void)state;
	assert_non_null(text);
	assert_string_equal(
		text,
		"usage: tool --in DIR\n"
		"\n"
		"  --in DIR         the input folder\n"
		"  --month YYYY-MM  report month; 'auto' or none: the last full month of the\n"
		"                   data\n"
		"  --add FILE       a file (repeatable)\n"
		"  --days DAYS      a window\n"
		"  --share RATE     a rate\n"
		"  --risk P         a risk\n"
		"  --strict[=1|0]   fail on any file not read\n"
		"  -s, --stage-name-that-is-long STAGE\n"
		"                   a label longer than the column has a line of its own\n"
		"  -v, --verbose    a progress line on stderr even when it is not a terminal\n"
		"  -h, --help       this text\n"
		"  --version        the version\n"
		"\n"
		"Exit codes: 0 ok.\n");
	free(text);
}

/* Each kind stores its value; the word meaning none stores NULL. */
static void test_values_stored(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(PARSE(&stage, err, "--in", "d", "--month=auto", "--add", "a", "--add=b",
			       "--days", "30", "--share", "0", "--risk", "0.25", "--strict", "-v",
			       "-s", "x"),
			 EG_OPTIONS_READ);
	assert_string_equal(err, "");
	assert_string_equal(v.in, "d");
	assert_null(v.month);
	assert_int_equal(v.nlist, 2);
	assert_string_equal(v.list[0], "a");
	assert_string_equal(v.list[1], "b");
	assert_int_equal(v.days, 30);
	assert_true(v.share == 0);
	assert_true(v.risk == 0.25);
	assert_int_equal(v.strict, 1);
	assert_int_equal(v.verbose, 1);
	assert_string_equal(v.stage, "x");
	assert_int_equal(PARSE(&stage, err, "--month", "2026-03", "--strict=0"), EG_OPTIONS_READ);
	assert_string_equal(v.month, "2026-03");
	assert_int_equal(v.strict, 0);
}

/* A bad value is a usage error naming it; nothing after it is read. */
static void test_bad_values(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(PARSE(&stage, err, "--days", "0"), EG_EUSAGE);
	assert_string_equal(err, "tool: '0' is not a positive number\ntool: try 'tool --help'\n");
	assert_int_equal(PARSE(&stage, err, "--days", "100000"), EG_EUSAGE);
	assert_int_equal(PARSE(&stage, err, "--share", "1"), EG_EUSAGE);
	assert_string_equal(err, "tool: '1' is not a share between 0 and 1\n"
				 "tool: try 'tool --help'\n");
	assert_int_equal(PARSE(&stage, err, "--risk", "0"), EG_EUSAGE);
	assert_int_equal(PARSE(&stage, err, "--strict=yes"), EG_EUSAGE);
	assert_string_equal(err, "tool: --strict takes 1, 0 or nothing\ntool: try 'tool --help'\n");
	assert_int_equal(PARSE(&stage, err, "--add", "a", "--add", "b", "--add", "c", "--in", "d"),
			 EG_EUSAGE);
	assert_string_equal(err, "tool: --add given more than 2 times\ntool: try 'tool --help'\n");
	assert_null(v.in);
}

/* A stage: getopt names the unknown option, then "unknown option"; exit 2. */
static void test_unknown_option(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(PARSE(&stage, err, "--in", "d", "--nope"), EG_EUSAGE);
	assert_string_equal(err, "tool: unrecognized option '--nope'\n"
				 "tool: unknown option\n"
				 "tool: try 'tool --help'\n");
	/* The parser's own words, with the command's note. */
	assert_int_equal(PARSE(&runner, err, "--nope"), EG_EUSAGE);
	assert_string_equal(err, "tool: unknown option '--nope' for run\ntool: try 'tool --help'\n");
	assert_int_equal(PARSE(&runner, err, "-vx"), EG_EUSAGE);
	assert_string_equal(err, "tool: unknown option '-x' for run\ntool: try 'tool --help'\n");
	assert_int_equal(PARSE(&runner, err, "--verbose=1"), EG_EUSAGE);
	assert_string_equal(err, "tool: unknown option '--verbose=1' for run\n"
				 "tool: try 'tool --help'\n");
}

/* A missing argument: getopt's message for a stage; the parser's own, or call(), else. */
static void test_missing_argument(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(PARSE(&stage, err, "--in"), EG_EUSAGE);
	assert_string_equal(err, "tool: option '--in' requires an argument\n"
				 "tool: unknown option\n"
				 "tool: try 'tool --help'\n");
	assert_int_equal(PARSE(&runner, err, "--in"), EG_EUSAGE);
	assert_string_equal(err, "tool: --in needs DIR\ntool: try 'tool --help'\n");
	assert_int_equal(PARSE(&runner, err, "-s"), EG_EUSAGE);
	assert_string_equal(err, "tool: -s needs a stage name\n");
	assert_int_equal(PARSE(&runner, err, "--stage-name-that-is-long"), EG_EUSAGE);
	assert_string_equal(err, "tool: --stage-name-that-is-long needs a stage name\n");
}

/* Operands: refused by a stage, left at optind (in order) for a runner. */
static void test_operands(void **state)
{
	char err[512];

	(void)state;
	assert_int_equal(PARSE(&stage, err, "--in", "d", "extra"), EG_EUSAGE);
	assert_string_equal(err, "tool: unexpected argument 'extra'\ntool: try 'tool --help'\n");
	{
		char *argv[] = { "tool", "file", "-v", "a=1", "--in", "d", "--", "-b=2", NULL };

		assert_int_equal(eg_option_parse(&runner, 8, argv), EG_OPTIONS_READ);
		assert_int_equal(v.verbose, 1);
		assert_string_equal(v.in, "d");
		assert_int_equal(optind, 5);
		assert_string_equal(argv[5], "file");
		assert_string_equal(argv[6], "a=1");
		assert_string_equal(argv[7], "-b=2");
	}
}
/* A count with a word for no limit: any number from 1, the word as INT64_MAX, else refused. */
static void test_count_or_all(void **state)
{
	static int64_t rows;
	static const struct eg_option counted[] = {
		EG_OPT_NUMBER_OR_ALL(0, "rows", &rows, "N", "all", "rows shown"),
		EG_OPT_END,
	};
	static const struct eg_command cmd = { "tool", "usage: tool\n", counted, NULL, 0, NULL };
	char err[512];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "--rows", "250000"), EG_OPTIONS_READ);
	assert_int_equal(rows, 250000);
	assert_int_equal(PARSE(&cmd, err, "--rows", "all"), EG_OPTIONS_READ);
	assert_true(rows == INT64_MAX);
	assert_int_equal(PARSE(&cmd, err, "--rows", "0"), EG_EUSAGE);
	assert_string_equal(err, "tool: --rows wants a number from 1, or 'all', not '0'\n"
				 "tool: try 'tool --help'\n");
	assert_int_equal(PARSE(&cmd, err, "--rows", "12x"), EG_EUSAGE);
	assert_int_equal(PARSE(&cmd, err, "--rows", "-3"), EG_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_longopts_from_table, clear),
		cmocka_unit_test_setup(test_help_text, clear),
		cmocka_unit_test_setup(test_values_stored, clear),
		cmocka_unit_test_setup(test_bad_values, clear),
		cmocka_unit_test_setup(test_unknown_option, clear),
		cmocka_unit_test_setup(test_missing_argument, clear),
		cmocka_unit_test_setup(test_operands, clear),
		cmocka_unit_test_setup(test_count_or_all, clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
