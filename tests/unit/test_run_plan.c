/*
 * test_run_plan.c - which stages a run runs and why: never ran, up to date,
 * a change that flows exactly downstream, --only, --from, --until, --force,
 * the errors for unknown or contradictory stage names, and the check that
 * every input of a stage that runs will be there.
 *
 * The pipeline below has two branches that meet: a reads data/raw.csv, b
 * reads a's output, c reads data/other.csv, d reads b's and c's outputs.
 * The tests run in a scratch folder holding bin/fake and the data files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engage/pipeline.h"
#include "engage/run_plan.h"
#include "engage/runstate.h"

static const char text[] =
	"var out = o\n"
	"stage a\n  run fake a\n  in data/raw.csv\n  out ${out}/a.csv\n"
	"stage b\n  run fake b\n  in ${out}/a.csv\n  out ${out}/b.csv\n"
	"stage c\n  run fake c\n  in data/other.csv\n  out ${out}/c.csv\n"
	"stage d\n  run fake d\n  in ${out}/b.csv ${out}/c.csv\n  out ${out}/d.csv\n";

static int setup(void **state)
{
	return scratch_enter(state) || mkdir("o", 0777) != 0 ? -1 : 0;
}

static struct eg_pipeline pl; /* the pipeline of text, loaded by fresh */
static struct eg_runstate s;  /* the state of pl, empty after fresh */
static struct eg_run_plan p;  /* the plan a test makes, released by done */

/* Each test starts with the sources, no outputs, text loaded into pl and an empty state. */
static int fresh(void **state)
{
	static const char *const outs[] = { "o/a.csv", "o/b.csv", "o/c.csv", "o/d.csv" };

	(void)state;
	put("data/raw.csv", "raw\n");
	put("data/other.csv", "other\n");
	for (size_t i = 0; i < 4; i++)
		unlink(outs[i]);
	memset(&p, 0, sizeof(p));
	pipeline_load(&pl, text, NULL);
	eg_runstate_init(&s);
	return 0;
}

/* Releases what fresh loaded and the test planned. */
static int done(void **state)
{
	(void)state;
	eg_run_plan_release(&p);
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
	return 0;
}

/* Records a successful run of every stage in s, writing the outputs. */
static void run_all(struct eg_runstate *s, const struct eg_pipeline *pl)
{
	struct eg_error err;

	for (size_t i = 0; i < pl->n_stages; i++) {
		struct eg_runstate_record *rec = NULL;

		assert_int_equal(eg_runstate_snapshot(s, &pl->stages[i], &rec, &err), EG_OK);
		put(pl->stages[i].outputs[0].path, pl->stages[i].name);
		assert_int_equal(eg_runstate_commit(s, rec, &pl->stages[i], &err), EG_OK);
	}
}

/* Asserts stage i of p has action and reason. */
static void expect(const struct eg_run_plan *p, size_t i, enum eg_run_plan_action action,
		   const char *reason)
{
	if (p->stages[i].action != action || strcmp(p->stages[i].reason, reason) != 0)
		print_error("stage %zu: %s, '%s'\n", i,
			    eg_run_plan_action_name(p->stages[i].action), p->stages[i].reason);
	assert_int_equal(p->stages[i].action, action);
	assert_string_equal(p->stages[i].reason, reason);
}

/* Plans pl against s with opts, expecting success. */
static void plan(struct eg_run_plan *p, const struct eg_pipeline *pl, struct eg_runstate *s,
		 const struct eg_run_plan_options *opts)
{
	struct eg_error err;

	eg_error_clear(&err);
	if (eg_run_plan_make(p, pl, s, opts, &err) != EG_OK)
		fail_msg("plan: %s", err.message);
}

static void plan_runs_every_stage_that_never_ran(void **state)
{
	(void)state;
	plan(&p, &pl, &s, NULL);
	assert_int_equal(p.n_stages, 4);
	assert_int_equal(p.n_run, 4);
	expect(&p, 0, EG_RUN_PLAN_RUN, "never ran");
	expect(&p, 1, EG_RUN_PLAN_RUN, "upstream stage 'a' will run");
	assert_int_equal(p.stages[1].upstream, 0);
	expect(&p, 2, EG_RUN_PLAN_RUN, "never ran");
	assert_int_equal(p.stages[2].stale, EG_RUNSTATE_NEVER_RAN);
	expect(&p, 3, EG_RUN_PLAN_RUN, "upstream stage 'b' will run");
	eg_run_plan_release(&p);
	eg_run_plan_release(&p);
	eg_run_plan_release(NULL);
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
}

static void plan_skips_stages_that_are_up_to_date(void **state)
{
	struct eg_error err;

	(void)state;
	run_all(&s, &pl);
	plan(&p, &pl, &s, NULL);
	assert_int_equal(p.n_run, 0);
	for (size_t i = 0; i < 4; i++)
		expect(&p, i, EG_RUN_PLAN_SKIP, "up to date");
	assert_int_equal(eg_run_plan_check_inputs(&p, &err), EG_OK);
}

static void plan_reruns_exactly_what_is_downstream(void **state)
{
	(void)state;
	run_all(&s, &pl);
	put("data/other.csv", "other, changed\n");
	plan(&p, &pl, &s, NULL);
	assert_int_equal(p.n_run, 2);
	expect(&p, 0, EG_RUN_PLAN_SKIP, "up to date");
	expect(&p, 1, EG_RUN_PLAN_SKIP, "up to date");
	expect(&p, 2, EG_RUN_PLAN_RUN, "input data/other.csv changed");
	assert_int_equal(p.stages[2].stale, EG_RUNSTATE_INPUT_CHANGED);
	expect(&p, 3, EG_RUN_PLAN_RUN, "upstream stage 'c' will run");
	assert_int_equal(p.stages[3].upstream, 2);
}

static void plan_only_forces_one_stage(void **state)
{
	struct eg_run_plan_options opts = { .only = "b" };
	struct eg_error err;

	(void)state;
	run_all(&s, &pl);
	plan(&p, &pl, &s, &opts);
	assert_int_equal(p.n_run, 1);
	expect(&p, 0, EG_RUN_PLAN_EXCLUDED, "not selected by --only b");
	expect(&p, 1, EG_RUN_PLAN_RUN, "forced by --only b");
	expect(&p, 2, EG_RUN_PLAN_EXCLUDED, "not selected by --only b");
	expect(&p, 3, EG_RUN_PLAN_EXCLUDED, "not selected by --only b");
	assert_int_equal(eg_run_plan_check_inputs(&p, &err), EG_OK);
}

static void plan_from_and_until_select_a_range(void **state)
{
	struct eg_run_plan_options from = { .from = "b" }, until = { .until = "c" };
	struct eg_run_plan_options both = { .from = "b", .until = "c" };

	(void)state;
	run_all(&s, &pl);
	plan(&p, &pl, &s, &from);
	expect(&p, 0, EG_RUN_PLAN_EXCLUDED, "not selected: before --from b");
	expect(&p, 1, EG_RUN_PLAN_RUN, "forced by --from b");
	expect(&p, 2, EG_RUN_PLAN_RUN, "forced by --from b");
	expect(&p, 3, EG_RUN_PLAN_RUN, "forced by --from b");
	eg_run_plan_release(&p);
	put("data/raw.csv", "raw, changed\n");
	plan(&p, &pl, &s, &until);
	expect(&p, 0, EG_RUN_PLAN_RUN, "input data/raw.csv changed");
	expect(&p, 1, EG_RUN_PLAN_RUN, "upstream stage 'a' will run");
	expect(&p, 2, EG_RUN_PLAN_SKIP, "up to date");
	expect(&p, 3, EG_RUN_PLAN_EXCLUDED, "not selected: after --until c");
	eg_run_plan_release(&p);
	plan(&p, &pl, &s, &both);
	expect(&p, 0, EG_RUN_PLAN_EXCLUDED, "not selected: before --from b");
	expect(&p, 1, EG_RUN_PLAN_RUN, "forced by --from b");
	expect(&p, 2, EG_RUN_PLAN_RUN, "forced by --from b");
	expect(&p, 3, EG_RUN_PLAN_EXCLUDED, "not selected: after --until c");
	assert_int_equal(p.n_run, 2);
}

static void plan_force_runs_every_selected_stage(void **state)
{
	struct eg_run_plan_options force = { .force = 1 }, until = { .force = 1, .until = "a" };

	(void)state;
	run_all(&s, &pl);
	plan(&p, &pl, &s, &force);
	assert_int_equal(p.n_run, 4);
	for (size_t i = 0; i < 4; i++)
		expect(&p, i, EG_RUN_PLAN_RUN, "forced by --force");
	eg_run_plan_release(&p);
	plan(&p, &pl, &s, &until);
	assert_int_equal(p.n_run, 1);
	expect(&p, 0, EG_RUN_PLAN_RUN, "forced by --force");
	expect(&p, 1, EG_RUN_PLAN_EXCLUDED, "not selected: after --until a");
}

/* Asserts that planning with opts fails with EG_EUSAGE and a message holding part. */
static void expect_usage(const struct eg_run_plan_options *opts, const char *part)
{
	struct eg_pipeline pl;
	struct eg_runstate s;
	struct eg_run_plan p;
	struct eg_error err;

	pipeline_load(&pl, text, NULL);
	eg_runstate_init(&s);
	eg_error_clear(&err);
	assert_int_equal(eg_run_plan_make(&p, &pl, &s, opts, &err), EG_EUSAGE);
	if (!strstr(err.message, part))
		print_error("message: %s\n", err.message);
	assert_non_null(strstr(err.message, part));
	assert_null(p.stages);
	assert_int_equal(p.n_stages, 0);
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
}

static void plan_rejects_unknown_and_contradictory_names(void **state)
{
	struct eg_run_plan_options only = { .only = "x" }, from = { .from = "B" };
	struct eg_run_plan_options until = { .until = "" };
	struct eg_run_plan_options mixed = { .only = "a", .until = "b" };
	struct eg_run_plan_options reversed = { .from = "c", .until = "b" };

	(void)state;
	expect_usage(&only, "--only: no stage 'x'; the stages are a, b, c, d");
	expect_usage(&from, "--from: no stage 'B'; the stages are a, b, c, d");
	expect_usage(&until, "--until: no stage ''");
	expect_usage(&mixed, "--only runs one stage; it cannot be combined with --from or --until");
	expect_usage(&reversed, "--from stage 'c' comes after --until stage 'b' in the file");
}

static void plan_check_inputs_names_the_stage_left_out(void **state)
{
	struct eg_run_plan_options only = { .only = "d" };
	struct eg_error err;

	(void)state;
	plan(&p, &pl, &s, &only);
	eg_error_clear(&err);
	assert_int_equal(eg_run_plan_check_inputs(&p, &err), EG_EUSAGE);
	assert_int_equal(err.line, 16);
	assert_string_equal(err.file, "t.pipeline");
	assert_string_equal(err.message, "stage 'd' needs 'o/b.csv', which does not exist; "
					 "stage 'b' makes it but is not selected by --only d");
	eg_run_plan_release(&p);
	/* Every stage runs: what d needs is made first, so nothing is missing. */
	plan(&p, &pl, &s, NULL);
	assert_int_equal(eg_run_plan_check_inputs(&p, &err), EG_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(plan_runs_every_stage_that_never_ran, fresh, done),
		cmocka_unit_test_setup_teardown(plan_skips_stages_that_are_up_to_date, fresh, done),
		cmocka_unit_test_setup_teardown(plan_reruns_exactly_what_is_downstream, fresh,
						done),
		cmocka_unit_test_setup_teardown(plan_only_forces_one_stage, fresh, done),
		cmocka_unit_test_setup_teardown(plan_from_and_until_select_a_range, fresh, done),
		cmocka_unit_test_setup_teardown(plan_force_runs_every_selected_stage, fresh, done),
		cmocka_unit_test_setup_teardown(plan_rejects_unknown_and_contradictory_names, fresh,
						done),
		cmocka_unit_test_setup_teardown(plan_check_inputs_names_the_stage_left_out, fresh,
						done),
	};

	return cmocka_run_group_tests(tests, setup, scratch_leave);
}
