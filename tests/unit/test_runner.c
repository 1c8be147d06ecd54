/*
 * test_runner.c - the runner's pieces that need no child process: where a
 * stage's manifest is looked for, shell quoting, the job count check, and
 * the text of the -n script, the status lines and the closing table.
 * Running stages is tested end to end (tests/e2e/runner_*.sh).
 *
 * The tests run in a scratch folder holding bin/fake and data/in.csv.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include "test_scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engage/pipeline.h"
#include "engage/runner.h"

static const char text[] =
	"var out = o\n"
	"stage extract\n  run fake --in data/in.csv\n  in data/in.csv\n"
	"  out ${out}/x/orders.csv ${out}/x/extract.manifest.csv\n"
	"stage join\n  run fake \"a b\"\n  in ${out}/x/orders.csv\n  out ${out}/j/customers.csv\n"
	"stage notify\n  run fake\n";

static int setup(void **state)
{
	if (scratch_enter(state))
		return -1;
	put("data/in.csv", "a\n1\n");
	return 0;
}

/* Returns what write(r, fp) writes, in a string the caller frees. */
static char *capture(void (*write)(const struct eg_runner *, FILE *), const struct eg_runner *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	write(r, fp);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

/* Asserts that write writes exactly want about r. */
static void writes(void (*write)(const struct eg_runner *, FILE *), const struct eg_runner *r,
		   const char *want)
{
	char *out = capture(write, r);

	assert_string_equal(out, want);
	free(out);
}

/* Loads the test pipeline into pl and makes r run it with opts (NULL: none), asserting it worked. */
static void runner_of(struct eg_pipeline *pl, struct eg_runner *r,
		      const struct eg_runner_options *opts)
{
	struct eg_error err;

	pipeline_load(pl, text, NULL);
	eg_error_clear(&err);
	assert_int_equal(eg_runner_init(r, pl, opts, &err), EG_OK);
}

static void runner_finds_each_stage_manifest(void **state)
{
	struct eg_pipeline pl;
	char *path;

	(void)state;
	pipeline_load(&pl, text, NULL);
	path = eg_runner_manifest_path(&pl.stages[0]);
	assert_string_equal(path, "o/x/extract.manifest.csv");
	free(path);
	path = eg_runner_manifest_path(&pl.stages[1]);
	assert_string_equal(path, "o/j/join.manifest.csv");
	free(path);
	assert_null(eg_runner_manifest_path(&pl.stages[2]));
	eg_pipeline_release(&pl);
}

static void runner_quotes_only_what_needs_it(void **state)
{
	static const struct text_pair cases[] = { { "out/x.csv", "out/x.csv" },
						  { "--month=2026-03", "--month=2026-03" },
						  { "", "''" },
						  { "a b", "'a b'" },
						  { "it's", "'it'\\''s'" },
						  { "$HOME", "'$HOME'" } };

	(void)state;
	assert_maps(eg_runner_shell_quote, cases, COUNT(cases));
}

static void runner_rejects_bad_job_counts(void **state)
{
	struct eg_runner_options opts = { .jobs = EG_RUNNER_MAX_JOBS + 1 };
	struct eg_pipeline pl;
	struct eg_runner r;
	struct eg_error err;

	(void)state;
	pipeline_load(&pl, text, NULL);
	eg_error_clear(&err);
	assert_int_equal(eg_runner_init(&r, &pl, &opts, &err), EG_EUSAGE);
	assert_non_null(strstr(err.message, "-j wants 1 to 64 stages at once, not 65"));
	eg_runner_release(&r);
	opts.jobs = 0;
	assert_int_equal(eg_runner_init(&r, &pl, &opts, &err), EG_OK);
	assert_int_equal(r.opts.jobs, 1);
	eg_runner_release(&r);
	eg_runner_release(NULL);
	eg_pipeline_release(&pl);
}

static void runner_writes_plan_as_script_and_status(void **state)
{
	struct eg_runner_options opts = { .only = "join" };
	struct eg_pipeline pl;
	struct eg_runner r;
	struct eg_error err;

	(void)state;
	runner_of(&pl, &r, &opts);
	writes(eg_runner_write_script, &r, ""); /* nothing before the plan is made */
	assert_int_equal(eg_runner_plan(&r, &err), EG_OK);
	assert_int_equal(r.planned, 1);
	assert_int_equal(r.state_warning.status, EG_OK);
	/* eg_runner_plan ignores the selection: this is what status shows. */
	writes(eg_runner_write_status, &r,
	       "extract  out of date: never ran\n"
	       "join     out of date: upstream stage 'extract' will run\n"
	       "notify   out of date: never ran\n");
	writes(eg_runner_write_script, &r,
	       "# stage extract will run: never ran\n"
	       "bin/fake --in data/in.csv\n"
	       "# stage join will run: upstream stage 'extract' will run\n"
	       "bin/fake 'a b'\n"
	       "# stage notify will run: never ran\n"
	       "bin/fake\n");
	eg_runner_release(&r);
	eg_pipeline_release(&pl);
}

static void runner_summary_lines_up_columns(void **state)
{
	struct eg_pipeline pl;
	struct eg_runner r;

	(void)state;
	runner_of(&pl, &r, NULL);
	r.stages[0].state = EG_RUNNER_SKIPPED;
	r.stages[0].rows_in = 82;
	r.stages[0].rows_out = 12345678901LL;
	r.stages[1].state = EG_RUNNER_RAN;
	r.stages[1].exit_code = 0;
	r.stages[1].seconds = 1.234;
	r.stages[2].state = EG_RUNNER_NOT_RUN;
	writes(eg_runner_write_summary, &r,
	       "stage    status   rows in     rows out  seconds\n"
	       "extract  skipped       82  12345678901        -\n"
	       "join     ran            -            -     1.23\n"
	       "notify   not run        -            -        -\n");
	eg_runner_release(&r);
	eg_pipeline_release(&pl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(runner_finds_each_stage_manifest),
		cmocka_unit_test(runner_quotes_only_what_needs_it),
		cmocka_unit_test(runner_rejects_bad_job_counts),
		cmocka_unit_test(runner_writes_plan_as_script_and_status),
		cmocka_unit_test(runner_summary_lines_up_columns),
	};

	return cmocka_run_group_tests(tests, setup, scratch_leave);
}
