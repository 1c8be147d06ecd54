/*
 * test_runstate.c - the state file of `engage run`: its text round trip
 * (escapes included), each malformed line with its exact status and line,
 * atomic writing, and every up-to-date decision with its reason: never ran,
 * command changed, input changed (same size and not), input missing, added
 * and removed, output missing and changed, a folder where a file should be,
 * and a touched file that stays up to date.
 *
 * The tests run in a scratch folder holding bin/fake (executable) and
 * data/in.csv, so paths below are relative to it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engage/pipeline.h"
#include "engage/runstate.h"

/* Sets path's modification time to sec seconds and nsec nanoseconds. */
static void set_mtime(const char *path, time_t sec, long nsec)
{
	struct timespec t[2] = { { sec, nsec }, { sec, nsec } };

	assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static int setup(void **state)
{
	return scratch_enter(state) || mkdir("o", 0777) != 0 ? -1 : 0;
}

/* Each test starts from the same input and no outputs. */
static int fresh(void **state)
{
	(void)state;
	put("data/in.csv", "a,b\n1,2\n");
	put("data/extra.csv", "x\n");
	unlink("o/a.csv");
	unlink("o/b.csv");
	rmdir("o/a.csv");
	unlink("o/state");
	return 0;
}

static struct eg_runstate s;  /* an empty state, for a test set up by loaded */
static struct eg_pipeline pl; /* stage_text, loaded by loaded */

static const char stage_text[] = "var out = o\n"
				 "var month = 2026-03\n"
				 "stage s\n"
				 "  run fake --in data/in.csv --month ${month}\n"
				 "  in  data/in.csv\n"
				 "  out ${out}/a.csv\n";

/* As fresh, with stage_text loaded into pl and s empty. */
static int loaded(void **state)
{
	fresh(state);
	eg_runstate_init(&s);
	pipeline_load(&pl, stage_text, NULL);
	return 0;
}

/* Releases what loaded loaded. */
static int unload(void **state)
{
	(void)state;
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
	return 0;
}

/* Records a successful run of stage 0 of pl in s, writing its outputs first. */
static void record_run(struct eg_runstate *s, const struct eg_pipeline *pl)
{
	struct eg_runstate_record *rec = NULL;
	struct eg_error err;

	eg_error_clear(&err);
	assert_int_equal(eg_runstate_snapshot(s, &pl->stages[0], &rec, &err), EG_OK);
	assert_non_null(rec);
	for (size_t k = 0; k < pl->stages[0].n_outputs; k++)
		put(pl->stages[0].outputs[k].path, "out\n");
	assert_int_equal(eg_runstate_commit(s, rec, &pl->stages[0], &err), EG_OK);
}

/* Checks stage 0 of pl against s; asserts why and the reason text. */
static void expect(struct eg_runstate *s, const struct eg_pipeline *pl, enum eg_runstate_why why,
		   const char *reason)
{
	struct eg_runstate_verdict v;
	struct eg_error err;

	eg_error_clear(&err);
	assert_int_equal(eg_runstate_check(s, &pl->stages[0], &v, &err), EG_OK);
	if (v.why != why || strcmp(v.reason, reason) != 0)
		print_error("got why %d (%s): '%s'\n", (int)v.why, eg_runstate_why_name(v.why),
			    v.reason);
	assert_int_equal(v.why, why);
	assert_string_equal(v.reason, reason);
	if (why == EG_RUNSTATE_UP_TO_DATE)
		assert_int_equal(v.n_reasons, 0);
}

/* Text form. */

static const char sample[] =
	"# engage state: what each stage last ran successfully with.\n"
	"# Written by 'engage run'; delete it to make every stage run again.\n"
	"engage-state 1\n"
	"\n"
	"stage extract\n"
	"run extract --in my\\sfile.csv \\e tab\\there line\\nbreak back\\\\slash\n"
	"in 41335 1767225600123456789 db85fca3056bda5608102dad4e797650 my\\sfile.csv\n"
	"out 9852 -1 724a89ff8c8e9e8ef57526f1ef7de3f9 out/x\\ny.csv\n"
	"\n"
	"stage compute\n"
	"run compute\n"
	"out 0 0 99aa06d3014798d86001c324468d497f out/kpis.csv\n";

static void runstate_round_trips_through_text(void **state)
{
	struct eg_runstate s, again;
	struct eg_error err;
	const struct eg_runstate_record *r;
	char *text;

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_runstate_parse(&s, "st", sample, strlen(sample), &err), EG_OK);
	assert_int_equal(s.n_records, 2);
	r = eg_runstate_find(&s, "extract");
	assert_non_null(r);
	assert_int_equal(r->n_command, 7);
	assert_string_equal(r->command[2], "my file.csv");
	assert_string_equal(r->command[3], "");
	assert_string_equal(r->command[4], "tab\there");
	assert_string_equal(r->command[5], "line\nbreak");
	assert_string_equal(r->command[6], "back\\slash");
	assert_int_equal(r->n_inputs, 1);
	assert_string_equal(r->inputs[0].path, "my file.csv");
	assert_int_equal(r->inputs[0].size, 41335);
	assert_int_equal(r->inputs[0].mtime_ns, 1767225600123456789LL);
	assert_string_equal(r->inputs[0].hash.hex, "db85fca3056bda5608102dad4e797650");
	assert_int_equal(r->n_outputs, 1);
	assert_int_equal(r->outputs[0].mtime_ns, -1);
	assert_string_equal(r->outputs[0].path, "out/x\ny.csv");
	assert_null(eg_runstate_find(&s, "render"));
	assert_int_equal(s.dirty, 0);

	text = eg_runstate_format(&s);
	assert_non_null(text);
	assert_string_equal(text, sample);
	assert_int_equal(eg_runstate_parse(&again, "st", text, strlen(text), &err), EG_OK);
	assert_int_equal(again.n_records, 2);
	assert_string_equal(again.records[1].stage, "compute");
	free(text);
	eg_runstate_release(&again);
	eg_runstate_release(&s);
	eg_runstate_release(NULL);
	eg_runstate_record_free(NULL);
}

/* Asserts that text fails to parse with EG_EDATA at line, message holding part. */
static void expect_parse_error(const char *text, long line, const char *part)
{
	struct eg_runstate s;
	struct eg_error err;
	int rc;

	eg_error_clear(&err);
	rc = eg_runstate_parse(&s, "st", text, strlen(text), &err);
	if (rc != EG_EDATA || err.line != line || !strstr(err.message, part))
		print_error("got status %d at line %ld: %s\n", rc, err.line, err.message);
	assert_int_equal(rc, EG_EDATA);
	assert_int_equal(err.line, line);
	assert_string_equal(err.file, "st");
	assert_non_null(strstr(err.message, part));
	assert_int_equal(s.n_records, 0);
	assert_null(s.records);
}

static void runstate_rejects_malformed_lines(void **state)
{
	static const char hash[] = "99aa06d3014798d86001c324468d497f";
	char text[512];

	(void)state;
	expect_parse_error("engage-state 2\n", 1, "not an engage state file of version 1");
	expect_parse_error("# c\n\nstage s\n", 3, "not an engage state file");
	expect_parse_error("engage-state 1\nrun x\n", 2, "'run' before any 'stage'");
	expect_parse_error("engage-state 1\nstage s\nrun x\nwhat y\n", 4, "unknown key 'what'");
	expect_parse_error("engage-state 1\nstage\n", 2, "expected 'stage NAME'");
	expect_parse_error("engage-state 1\nstage s\nrun x\nstage s\nrun x\n", 4,
			   "stage 's' is recorded twice");
	expect_parse_error("engage-state 1\nstage s\nrun x\nrun y\n", 4, "a second 'run'");
	expect_parse_error("engage-state 1\nstage s\nrun a\\qb\n", 3, "bad escape");
	expect_parse_error("engage-state 1\nstage s\nrun x\nin 1 2 abc\n", 4,
			   "expected 'in SIZE MTIME_NS HASH PATH'");
	snprintf(text, sizeof(text), "engage-state 1\nstage s\nrun x\nin -1 2 %s p\n", hash);
	expect_parse_error(text, 4, "bad size '-1'");
	snprintf(text, sizeof(text), "engage-state 1\nstage s\nrun x\nout 1 -2 %s p\n", hash);
	expect_parse_error(text, 4, "bad modification time '-2'");
	snprintf(text, sizeof(text), "engage-state 1\nstage s\nrun x\nout 1 2x %s p\n", hash);
	expect_parse_error(text, 4, "bad modification time '2x'");
	expect_parse_error("engage-state 1\nstage s\nrun x\nin 1 2 99aa p\n", 4, "bad hash '99aa'");
	expect_parse_error("engage-state 1\nstage s\n", 0, "stage 's' has no 'run' line");
}

static void runstate_reads_missing_file_as_empty(void **state)
{
	struct eg_runstate s;
	struct eg_error err;

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_runstate_read(&s, "o/no-state", &err), EG_OK);
	assert_int_equal(s.n_records, 0);
	assert_int_equal(eg_runstate_read(&s, "data", &err), EG_EIO);
	assert_int_equal(s.n_records, 0);
}

static void runstate_writes_atomically(void **state)
{
	struct eg_runstate s, back;
	struct eg_pipeline pl;
	struct eg_error err;
	struct dirent *d;
	DIR *dp;

	(void)state;
	eg_runstate_init(&s);
	pipeline_load(&pl, stage_text, NULL);
	record_run(&s, &pl);
	assert_int_equal(s.dirty, 1);
	eg_error_clear(&err);
	assert_int_equal(eg_runstate_write(&s, "o/state", &err), EG_OK);
	assert_int_equal(s.dirty, 0);
	assert_int_equal(eg_runstate_read(&back, "o/state", &err), EG_OK);
	assert_int_equal(back.n_records, 1);
	assert_string_equal(back.records[0].stage, "s");
	assert_int_equal(back.records[0].n_command, 5);
	assert_string_equal(back.records[0].command[0], "fake");
	assert_string_equal(back.records[0].command[4], "2026-03");
	assert_string_equal(back.records[0].inputs[0].path, "data/in.csv");
	assert_int_equal(back.records[0].inputs[0].size, 8);
	assert_string_equal(back.records[0].outputs[0].path, "o/a.csv");
	dp = opendir("o");
	assert_non_null(dp);
	while ((d = readdir(dp)) != NULL)
		assert_null(strstr(d->d_name, ".tmp."));
	closedir(dp);
	assert_int_equal(eg_runstate_write(&s, "no/such/folder/state", &err), EG_EIO);
	eg_runstate_release(&back);
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
}

/* Decisions. */

static void runstate_stage_without_record_never_ran(void **state)
{
	(void)state;
	put("o/a.csv", "out\n");
	expect(&s, &pl, EG_RUNSTATE_NEVER_RAN, "never ran");
}

static void runstate_stage_is_up_to_date_after_its_run(void **state)
{
	(void)state;
	record_run(&s, &pl);
	s.dirty = 0;
	expect(&s, &pl, EG_RUNSTATE_UP_TO_DATE, "");
	assert_int_equal(s.dirty, 0);
}

static void runstate_names_the_changed_parameter(void **state)
{
	struct eg_pipeline later;

	(void)state;
	record_run(&s, &pl);
	pipeline_load(&later, stage_text, "2026-04");
	expect(&s, &later, EG_RUNSTATE_COMMAND_CHANGED,
	       "command changed: --month 2026-03 -> 2026-04");
	eg_pipeline_release(&later);
	pipeline_load(&later,
		      "var out = o\nvar month = x\nstage s\n  run fake --in data/in.csv\n"
		      "  in data/in.csv\n  out o/a.csv\n",
		      NULL);
	expect(&s, &later, EG_RUNSTATE_COMMAND_CHANGED, "command changed: --month -> (end)");
	eg_pipeline_release(&later);
	pipeline_load(&later,
		      "var out = o\nvar month = x\nstage s\n  run bin/fake --in data/in.csv "
		      "--month 2026-03\n  in data/in.csv\n  out o/a.csv\n",
		      NULL);
	expect(&s, &later, EG_RUNSTATE_COMMAND_CHANGED, "command changed: fake -> bin/fake");
	eg_pipeline_release(&later);
}

static void runstate_sees_changed_input_content(void **state)
{
	(void)state;
	record_run(&s, &pl);
	put("data/in.csv", "a,b\n1,3\n"); /* same size */
	set_mtime("data/in.csv", 1700000000, 1);
	expect(&s, &pl, EG_RUNSTATE_INPUT_CHANGED, "input data/in.csv changed");
	put("data/in.csv", "a,b\n1,2\n3,4\n"); /* another size */
	expect(&s, &pl, EG_RUNSTATE_INPUT_CHANGED, "input data/in.csv changed");
}

static void runstate_touched_input_stays_up_to_date(void **state)
{
	struct eg_runstate_record *rec;

	(void)state;
	record_run(&s, &pl);
	s.dirty = 0;
	set_mtime("data/in.csv", 1700000000, 123456789);
	set_mtime("o/a.csv", 1700000001, 5);
	expect(&s, &pl, EG_RUNSTATE_UP_TO_DATE, "");
	/* The record took the new times, so the next check is the fast path. */
	assert_int_equal(s.dirty, 1);
	rec = &s.records[0];
	assert_int_equal(rec->inputs[0].mtime_ns, 1700000000123456789LL);
	assert_int_equal(rec->outputs[0].mtime_ns, 1700000001000000005LL);
}

static void runstate_trusts_same_size_and_time(void **state)
{
	(void)state;
	set_mtime("data/in.csv", 1700000000, 42);
	record_run(&s, &pl);
	/* Other bytes, same size and time: the fast path does not read the file. */
	put("data/in.csv", "a,b\n9,9\n");
	set_mtime("data/in.csv", 1700000000, 42);
	expect(&s, &pl, EG_RUNSTATE_UP_TO_DATE, "");
	set_mtime("data/in.csv", 1700000000, 43);
	expect(&s, &pl, EG_RUNSTATE_INPUT_CHANGED, "input data/in.csv changed");
}

static void runstate_sees_missing_and_changed_outputs(void **state)
{
	(void)state;
	record_run(&s, &pl);
	unlink("o/a.csv");
	expect(&s, &pl, EG_RUNSTATE_OUTPUT_MISSING, "output o/a.csv missing");
	put("o/a.csv", "hand edit\n");
	expect(&s, &pl, EG_RUNSTATE_OUTPUT_CHANGED,
	       "output o/a.csv changed since the stage wrote it");
}

static void runstate_sees_missing_added_and_removed_inputs(void **state)
{
	struct eg_runstate s;
	struct eg_pipeline pl, more, fewer;

	(void)state;
	eg_runstate_init(&s);
	pipeline_load(&pl, stage_text, NULL);
	record_run(&s, &pl);
	pipeline_load(&more,
		      "var out = o\nvar month = 2026-03\nstage s\n"
		      "  run fake --in data/in.csv --month ${month}\n"
		      "  in  data/in.csv data/extra.csv\n  out ${out}/a.csv\n",
		      NULL);
	expect(&s, &more, EG_RUNSTATE_INPUT_ADDED,
	       "input data/extra.csv is new since the last run");
	pipeline_load(&fewer,
		      "var out = o\nvar month = 2026-03\nstage s\n"
		      "  run fake --in data/in.csv --month ${month}\n  out ${out}/a.csv\n",
		      NULL);
	expect(&s, &fewer, EG_RUNSTATE_INPUT_REMOVED, "input data/in.csv is no longer declared");
	unlink("data/in.csv");
	expect(&s, &pl, EG_RUNSTATE_INPUT_MISSING, "input data/in.csv missing");
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
	eg_pipeline_release(&more);
	eg_pipeline_release(&fewer);
}

static void runstate_folder_output_is_never_up_to_date(void **state)
{
	struct eg_runstate_record *rec = NULL;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_runstate_snapshot(&s, &pl.stages[0], &rec, &err), EG_OK);
	assert_int_equal(mkdir("o/a.csv", 0777), 0);
	assert_int_equal(eg_runstate_commit(&s, rec, &pl.stages[0], &err), EG_OK);
	assert_int_equal(s.records[0].n_outputs, 0);
	expect(&s, &pl, EG_RUNSTATE_NOT_A_FILE, "output o/a.csv is a folder, not a file");
}

static void runstate_lists_every_reason(void **state)
{
	struct eg_runstate s;
	struct eg_pipeline pl, later;
	struct eg_runstate_verdict v;
	struct eg_error err;

	(void)state;
	eg_runstate_init(&s);
	pipeline_load(&pl, stage_text, NULL);
	record_run(&s, &pl);
	pipeline_load(&later, stage_text, "2026-05");
	put("data/in.csv", "new\n");
	unlink("o/a.csv");
	assert_int_equal(eg_runstate_check(&s, &later.stages[0], &v, &err), EG_OK);
	assert_int_equal(v.why, EG_RUNSTATE_COMMAND_CHANGED);
	assert_int_equal(v.n_reasons, 3);
	assert_string_equal(v.reason, "command changed: --month 2026-03 -> 2026-05; "
				      "input data/in.csv changed; output o/a.csv missing");
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
	eg_pipeline_release(&later);
}

static void runstate_commit_replaces_and_forget_removes(void **state)
{
	struct eg_runstate s;
	struct eg_pipeline pl, later;

	(void)state;
	eg_runstate_init(&s);
	pipeline_load(&pl, stage_text, NULL);
	record_run(&s, &pl);
	pipeline_load(&later, stage_text, "2026-04");
	record_run(&s, &later);
	assert_int_equal(s.n_records, 1);
	assert_string_equal(s.records[0].command[4], "2026-04");
	s.dirty = 0;
	eg_runstate_forget(&s, "nope");
	assert_int_equal(s.dirty, 0);
	eg_runstate_forget(&s, "s");
	assert_int_equal(s.n_records, 0);
	assert_int_equal(s.dirty, 1);
	expect(&s, &later, EG_RUNSTATE_NEVER_RAN, "never ran");
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
	eg_pipeline_release(&later);
}

static void runstate_snapshot_leaves_out_missing_inputs(void **state)
{
	struct eg_runstate s;
	struct eg_pipeline pl;
	struct eg_runstate_record *rec = NULL;
	struct eg_error err;

	(void)state;
	eg_runstate_init(&s);
	pipeline_load(&pl, stage_text, NULL);
	unlink("data/in.csv");
	assert_int_equal(eg_runstate_snapshot(&s, &pl.stages[0], &rec, &err), EG_OK);
	assert_int_equal(rec->n_inputs, 0);
	assert_string_equal(rec->stage, "s");
	eg_runstate_record_free(rec);
	eg_runstate_release(&s);
	eg_pipeline_release(&pl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(runstate_round_trips_through_text, fresh),
		cmocka_unit_test_setup(runstate_rejects_malformed_lines, fresh),
		cmocka_unit_test_setup(runstate_reads_missing_file_as_empty, fresh),
		cmocka_unit_test_setup(runstate_writes_atomically, fresh),
		cmocka_unit_test_setup_teardown(runstate_stage_without_record_never_ran, loaded,
						unload),
		cmocka_unit_test_setup_teardown(runstate_stage_is_up_to_date_after_its_run, loaded,
						unload),
		cmocka_unit_test_setup_teardown(runstate_names_the_changed_parameter, loaded,
						unload),
		cmocka_unit_test_setup_teardown(runstate_sees_changed_input_content, loaded,
						unload),
		cmocka_unit_test_setup_teardown(runstate_touched_input_stays_up_to_date, loaded,
						unload),
		cmocka_unit_test_setup_teardown(runstate_trusts_same_size_and_time, loaded, unload),
		cmocka_unit_test_setup_teardown(runstate_sees_missing_and_changed_outputs, loaded,
						unload),
		cmocka_unit_test_setup(runstate_sees_missing_added_and_removed_inputs, fresh),
		cmocka_unit_test_setup_teardown(runstate_folder_output_is_never_up_to_date, loaded,
						unload),
		cmocka_unit_test_setup(runstate_lists_every_reason, fresh),
		cmocka_unit_test_setup(runstate_commit_replaces_and_forget_removes, fresh),
		cmocka_unit_test_setup(runstate_snapshot_leaves_out_missing_inputs, fresh),
	};

	return cmocka_run_group_tests(tests, setup, scratch_leave);
}
