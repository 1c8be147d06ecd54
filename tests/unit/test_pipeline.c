/*
 * test_pipeline.c - the pipeline file parser and its checks: variables,
 * stages, quoted words, when ${...} is expanded, command-line overrides, and
 * each error with its exact status and line.
 *
 * The tests run in a scratch folder holding bin/fake (executable),
 * bin/plain (not executable) and data/in.csv, so paths in the texts below
 * are relative to it.
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

static int setup(void **state)
{
	if (scratch_enter(state))
		return -1;
	put("bin/plain", "not a program\n");
	put("data/in.csv", "a,b\n1,2\n");
	return 0;
}

/* Parses and resolves text as "t.pipeline"; returns the first failing status. */
static int load(struct eg_pipeline *pl, const char *text, struct eg_error *err)
{
	int rc;

	eg_error_clear(err);
	rc = eg_pipeline_parse(pl, "t.pipeline", text, strlen(text), err);
	if (rc == EG_OK)
		rc = eg_pipeline_resolve(pl, "bin", err);
	return rc;
}

/* Asserts that text fails with status at line, its message holding part. */
static void expect_error(const char *text, int status, long line, const char *part)
{
	struct eg_pipeline pl;
	struct eg_error err;
	int rc = load(&pl, text, &err);

	if (rc != status || err.line != line || !strstr(err.message, part))
		print_error("got status %d at line %ld: %s\n", rc, err.line, err.message);
	assert_int_equal(rc, status);
	assert_int_equal(err.status, status);
	assert_int_equal(err.line, line);
	assert_string_equal(err.file, "t.pipeline");
	assert_non_null(strstr(err.message, part));
	eg_pipeline_release(&pl);
}

static const char demo[] = "# demo.pipeline - a comment\n"
			   "var raw   = data\n"
			   "var out   = out/demo\n"
			   "\n"
			   "stage extract\n"
			   "  run  fake --in ${raw}/in.csv --out ${out}/extract\n"
			   "  in   ${raw}/in.csv\n"
			   "  out  ${out}/extract/orders.csv ${out}/extract/order_lines.csv\n"
			   "\n"
			   "stage clean\n"
			   "  run  fake --in ${out}/extract --out ${out}/clean\n"
			   "  in   ${out}/extract/orders.csv\n"
			   "  in   ${out}/extract/order_lines.csv\n"
			   "  out  ${out}/clean/orders.csv\n";

static void pipeline_parses_vars_and_stages(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;

	(void)state;
	assert_int_equal(load(&pl, demo, &err), EG_OK);
	assert_int_equal(pl.n_vars, 2);
	assert_string_equal(pl.vars[0].name, "raw");
	assert_string_equal(pl.vars[0].value, "data");
	assert_int_equal(pl.vars[0].line, 2);
	assert_string_equal(pl.vars[1].expanded, "out/demo");
	assert_int_equal(pl.n_stages, 2);
	assert_string_equal(pl.stages[0].name, "extract");
	assert_int_equal(pl.stages[0].line, 5);
	assert_int_equal(pl.stages[0].run_line, 6);
	assert_int_equal(pl.stages[0].n_words, 5);
	assert_string_equal(pl.stages[0].words[2], "${raw}/in.csv");
	assert_int_equal(pl.stages[0].argc, 5);
	assert_string_equal(pl.stages[0].exe, "bin/fake");
	assert_string_equal(pl.stages[0].argv[0], "bin/fake");
	assert_string_equal(pl.stages[0].program, "fake");
	assert_string_equal(pl.stages[0].argv[2], "data/in.csv");
	assert_string_equal(pl.stages[0].argv[4], "out/demo/extract");
	assert_null(pl.stages[0].argv[5]);
	assert_int_equal(pl.stages[0].n_inputs, 1);
	assert_int_equal(pl.stages[0].inputs[0].producer, -1);
	assert_int_equal(pl.stages[0].n_outputs, 2);
	assert_string_equal(pl.stages[0].outputs[1].path, "out/demo/extract/order_lines.csv");
	assert_int_equal(pl.stages[0].outputs[1].line, 8);
	assert_int_equal(pl.stages[1].n_inputs, 2);
	assert_int_equal(pl.stages[1].inputs[1].line, 13);
	assert_int_equal(pl.stages[1].inputs[0].producer, 0);
	assert_int_equal(pl.stages[1].inputs[1].producer, 0);
	assert_int_equal(pl.stages[1].outputs[0].producer, 1);
	assert_string_equal(eg_pipeline_var_value(&pl, "out"), "out/demo");
	assert_null(eg_pipeline_var_value(&pl, "nope"));
	assert_int_equal(eg_pipeline_find_stage(&pl, "clean"), 1);
	assert_int_equal(eg_pipeline_find_stage(&pl, "join"), -1);
	eg_pipeline_release(&pl);
	eg_pipeline_release(&pl);
	eg_pipeline_release(NULL);
}

static void pipeline_splits_quoted_words(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\n"
			   "stage s\n"
			   "\trun\tfake \"a b\"  \"say \\\"hi\\\"\" \"back\\\\slash\" "
			   "--name=\"x y\"z \"\" c:\\dir\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_int_equal(pl.stages[0].argc, 7);
	assert_string_equal(pl.stages[0].argv[1], "a b");
	assert_string_equal(pl.stages[0].argv[2], "say \"hi\"");
	assert_string_equal(pl.stages[0].argv[3], "back\\slash");
	assert_string_equal(pl.stages[0].argv[4], "--name=x yz");
	assert_string_equal(pl.stages[0].argv[5], "");
	assert_string_equal(pl.stages[0].argv[6], "c:\\dir");
	eg_pipeline_release(&pl);
}

static void pipeline_expands_after_splitting(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\n"
			   "var evil = x; rm -rf ~\n"
			   "var spaced = a b\n"
			   "stage s\n"
			   "  run fake ${evil} --title=${spaced}! \"${spaced}\"\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_int_equal(pl.stages[0].argc, 4);
	assert_string_equal(pl.stages[0].argv[1], "x; rm -rf ~");
	assert_string_equal(pl.stages[0].argv[2], "--title=a b!");
	assert_string_equal(pl.stages[0].argv[3], "a b");
	eg_pipeline_release(&pl);
}

static void pipeline_vars_refer_to_vars_in_any_order(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var report = ${out}/${month}/report.xlsx\n"
			   "var out = o\n"
			   "stage s\n"
			   "  run fake ${report} ${late}\n"
			   "var month = 2026-03\n"
			   "var late = after the stage\n"
			   "var quoted = \"  padded \\\"q\\\" \"\n"
			   "var empty =\n"
			   "var cost = $5 {x} $\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_string_equal(pl.stages[0].argv[1], "o/2026-03/report.xlsx");
	assert_string_equal(pl.stages[0].argv[2], "after the stage");
	assert_string_equal(eg_pipeline_var_value(&pl, "quoted"), "  padded \"q\" ");
	assert_string_equal(eg_pipeline_var_value(&pl, "empty"), "");
	assert_string_equal(eg_pipeline_var_value(&pl, "cost"), "$5 {x} $");
	eg_pipeline_release(&pl);
}

static void pipeline_skips_comments_blanks_and_crlf(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "# top\r\n"
			   "\r\n"
			   "   # indented comment\n"
			   "var out = o\r\n"
			   "\t\n"
			   "stage s\r\n"
			   "run fake # not a comment\r\n"
			   "  # between keys\n"
			   "  out o/x.csv";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_int_equal(pl.n_stages, 1);
	assert_int_equal(pl.stages[0].argc, 5);
	assert_string_equal(pl.stages[0].argv[1], "#");
	assert_string_equal(pl.stages[0].argv[4], "comment");
	assert_string_equal(eg_pipeline_var_value(&pl, "out"), "o");
	assert_int_equal(pl.stages[0].outputs[0].line, 9);
	eg_pipeline_release(&pl);
}

static void pipeline_skips_a_byte_order_mark(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "\xEF\xBB\xBFvar out = o\n"
			   "stage s\n"
			   "  run fake\n"
			   "  out o/x.csv\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_string_equal(eg_pipeline_var_value(&pl, "out"), "o");
	assert_int_equal(pl.stages[0].outputs[0].line, 4);
	eg_pipeline_release(&pl);
	/* Only at the very start: elsewhere it is part of a key, reported. */
	expect_error("var out = o\n\xEF\xBB\xBFstage s\n", EG_EUSAGE, 2, "unknown key");
}

static void pipeline_override_replaces_value_literally(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\n"
			   "var month = 2026-03\n"
			   "var dir = ${out}/${month}\n"
			   "stage s\n"
			   "  run fake ${dir} ${out}\n";

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_pipeline_parse(&pl, "t.pipeline", text, strlen(text), &err), EG_OK);
	assert_int_equal(eg_pipeline_set_var(&pl, "month", "2026-10", &err), EG_OK);
	assert_int_equal(eg_pipeline_set_var(&pl, "out", "${month} x; y", &err), EG_OK);
	assert_int_equal(eg_pipeline_set_var(&pl, "out", "${month}", &err), EG_OK);
	assert_int_equal(eg_pipeline_resolve(&pl, "bin", &err), EG_OK);
	assert_string_equal(pl.stages[0].argv[1], "${month}/2026-10");
	assert_string_equal(pl.stages[0].argv[2], "${month}");
	assert_string_equal(pl.vars[1].value, "2026-03");
	eg_pipeline_release(&pl);
}

static void pipeline_override_of_unknown_name_lists_names(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\nvar month = 2026-03\nstage s\n  run fake\n";

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_pipeline_parse(&pl, "t.pipeline", text, strlen(text), &err), EG_OK);
	assert_int_equal(eg_pipeline_set_var(&pl, "moth", "x", &err), EG_EUSAGE);
	assert_int_equal(err.status, EG_EUSAGE);
	assert_int_equal(err.line, 0);
	assert_string_equal(err.message, "no variable 'moth' to set; the file defines out, month");
	assert_null(pl.vars[0].override);
	assert_null(pl.vars[1].override);
	eg_pipeline_release(&pl);
}

static void pipeline_finds_bare_names_in_bin_dir(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\n"
			   "stage a\n  run fake\n"
			   "stage b\n  run bin/fake\n"
			   "stage c\n  run ./bin/fake\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_string_equal(pl.stages[0].exe, "bin/fake");
	assert_string_equal(pl.stages[1].exe, "bin/fake");
	assert_string_equal(pl.stages[2].exe, "./bin/fake");
	assert_string_equal(pl.stages[1].program, "bin/fake");
	assert_string_equal(pl.stages[2].program, "./bin/fake");
	assert_int_equal(eg_pipeline_resolve(&pl, scratch_path("bin"), &err), EG_OK);
	assert_string_equal(pl.stages[0].exe + strlen(scratch), "/bin/fake");
	assert_string_equal(pl.stages[0].argv[0], pl.stages[0].exe);
	/* The state file records the program as written, wherever bin/ is. */
	assert_string_equal(pl.stages[0].program, "fake");
	eg_pipeline_release(&pl);
}

static void pipeline_input_under_an_earlier_output_folder(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\n"
			   "stage a\n  run fake\n  in data/in.csv\n  out ${out}/a/\n"
			   "stage b\n  run fake\n  in ${out}//a/./x.csv ./data/in.csv\n"
			   "  out ${out}/b.csv\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_int_equal(pl.stages[1].inputs[0].producer, 0);
	assert_int_equal(pl.stages[1].inputs[1].producer, -1);
	eg_pipeline_release(&pl);
}

static void pipeline_reads_a_file(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;

	(void)state;
	put("demo.pipeline", demo);
	eg_error_clear(&err);
	assert_int_equal(eg_pipeline_read(&pl, "demo.pipeline", &err), EG_OK);
	assert_string_equal(pl.file, "demo.pipeline");
	assert_int_equal(pl.n_stages, 2);
	eg_pipeline_release(&pl);
	unlink("demo.pipeline");
	assert_int_equal(eg_pipeline_read(&pl, "demo.pipeline", &err), EG_EIO);
	assert_non_null(strstr(err.message, "unable to open 'demo.pipeline'"));
	assert_int_equal(pl.n_stages, 0);
}

/* Syntax errors. */

static void pipeline_rejects_unknown_key(void **state)
{
	(void)state;
	expect_error("var out = o\nstage s\n  run fake\n  input data/in.csv\n", EG_EUSAGE, 4,
		     "unknown key 'input'");
	expect_error("var out = o\n\nvariable x = 1\n", EG_EUSAGE, 3, "unknown key 'variable'");
	expect_error("var out = o\nstage s\n  run fake\n  out: x\n", EG_EUSAGE, 4,
		     "unknown key 'out:'");
}

static void pipeline_rejects_key_outside_stage(void **state)
{
	(void)state;
	expect_error("var out = o\nrun fake\n", EG_EUSAGE, 2, "'run' outside a stage");
	expect_error("# c\nin data/in.csv\n", EG_EUSAGE, 2, "'in' outside a stage");
}

static void pipeline_rejects_malformed_var(void **state)
{
	(void)state;
	expect_error("var out o\n", EG_EUSAGE, 1, "expected 'var NAME = VALUE'");
	expect_error("\nvar\n", EG_EUSAGE, 2, "expected 'var NAME = VALUE'");
	expect_error("var = x\n", EG_EUSAGE, 1, "expected 'var NAME = VALUE'");
	expect_error("var a b = x\n", EG_EUSAGE, 1, "expected 'var NAME = VALUE'");
	expect_error("var 1st = x\n", EG_EUSAGE, 1, "bad variable name '1st'");
	expect_error("var my-var = x\n", EG_EUSAGE, 1, "bad variable name 'my-var'");
	expect_error("var q = \"a b\" c\n", EG_EUSAGE, 1, "must be one word");
	expect_error("var q = \"a b\n", EG_EUSAGE, 1, "unterminated quote");
}

static void pipeline_rejects_duplicate_var(void **state)
{
	(void)state;
	expect_error("var out = o\nvar x = 1\n\nvar x = 2\n", EG_EUSAGE, 4,
		     "variable 'x' is already defined at line 2");
}

static void pipeline_rejects_malformed_stage(void **state)
{
	(void)state;
	expect_error("var out = o\nstage\n", EG_EUSAGE, 2, "expected 'stage NAME'");
	expect_error("var out = o\nstage a b\n", EG_EUSAGE, 2, "with one name");
	expect_error("var out = o\nstage a/b\n  run fake\n", EG_EUSAGE, 2, "bad stage name 'a/b'");
	expect_error("var out = o\nstage -x\n  run fake\n", EG_EUSAGE, 2, "bad stage name '-x'");
}

static void pipeline_rejects_stage_without_run(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake\nstage b\n  in data/in.csv\n"
		     "stage c\n  run fake\n",
		     EG_EUSAGE, 4, "stage 'b' has no 'run' line");
	expect_error("var out = o\nstage last\n", EG_EUSAGE, 2, "stage 'last' has no 'run' line");
}

static void pipeline_rejects_duplicate_stage(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake\nstage b\n  run fake\nstage a\n"
		     "  run fake\n",
		     EG_EUSAGE, 6, "stage 'a' is already defined at line 2");
}

static void pipeline_rejects_second_run(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake\n  run fake x\n", EG_EUSAGE, 4,
		     "stage 'a' already has a 'run' at line 3");
}

static void pipeline_rejects_empty_keys(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run\n", EG_EUSAGE, 3, "'run' needs a command");
	expect_error("var out = o\nstage a\n  run fake\n  in  \t\n", EG_EUSAGE, 4,
		     "'in' needs at least one file");
	expect_error("var out = o\nstage a\n  run fake\n  out\n", EG_EUSAGE, 4,
		     "'out' needs at least one file");
}

static void pipeline_rejects_unterminated_quote(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake \"a b\n", EG_EUSAGE, 3,
		     "unterminated quote");
	expect_error("var out = o\nstage a\n  run fake \"a \\\"\n", EG_EUSAGE, 3,
		     "unterminated quote");
}

static void pipeline_rejects_nul_byte(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char text[] = "var out = o\nstage a\0\n  run fake\n";

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_pipeline_parse(&pl, "t.pipeline", text, sizeof(text) - 1, &err),
			 EG_EUSAGE);
	assert_int_equal(err.line, 2);
	assert_int_equal(pl.n_stages, 0);
	assert_null(pl.file);
}

/* Errors found when resolving. */

static void pipeline_rejects_undefined_variable(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake ${outt}/x\n", EG_EUSAGE, 3,
		     "undefined variable 'outt'");
	expect_error("var out = o\nvar dir = ${out}/${nope}\nstage a\n  run fake\n", EG_EUSAGE, 2,
		     "undefined variable 'nope'");
	expect_error("var out = o\nstage a\n  run fake\n  out ${out}/x\n  in ${missing}\n",
		     EG_EUSAGE, 5, "undefined variable 'missing'");
}

static void pipeline_rejects_bad_reference(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake ${out\n", EG_EUSAGE, 3, "unterminated '${'");
	expect_error("var out = o\nstage a\n  run fake ${a b}\n", EG_EUSAGE, 3,
		     "unterminated '${'");
	expect_error("var out = o\nstage a\n  run fake \"${a b}\"\n", EG_EUSAGE, 3,
		     "bad variable reference '${a b}'");
	expect_error("var out = o\nstage a\n  run fake ${}\n", EG_EUSAGE, 3,
		     "bad variable reference '${}'");
}

static void pipeline_rejects_self_reference(void **state)
{
	(void)state;
	expect_error("var out = o\nvar a = ${b}\nvar b = x${a}\nstage s\n  run fake\n", EG_EUSAGE,
		     3, "variable 'a' is defined in terms of itself");
	expect_error("var out = ${out}/x\n", EG_EUSAGE, 1,
		     "variable 'out' is defined in terms of itself");
}

static void pipeline_rejects_missing_executable(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run fake\nstage b\n  run extract --in x\n", EG_EUSAGE,
		     5, "executable 'extract' does not exist in 'bin'");
	expect_error("var out = o\nstage a\n  run ./bin/nope\n", EG_EUSAGE, 3,
		     "executable './bin/nope' does not exist");
	expect_error("var out = o\nvar none =\nstage a\n  run ${none} x\n", EG_EUSAGE, 4,
		     "the command of stage 'a' is empty");
}

static void pipeline_rejects_non_executable(void **state)
{
	(void)state;
	expect_error("var out = o\nstage a\n  run plain\n", EG_EUSAGE, 3,
		     "'bin/plain' is not an executable file");
	expect_error("var out = o\nstage a\n  run ./data\n", EG_EUSAGE, 3,
		     "'./data' is not an executable file");
}

static void pipeline_rejects_output_declared_twice(void **state)
{
	(void)state;
	expect_error("var out = o\n"
		     "stage a\n  run fake\n  out ${out}/x.csv\n"
		     "stage b\n  run fake\n  out ${out}/y.csv\n  out o//x.csv\n",
		     EG_EUSAGE, 8, "output 'o//x.csv' is already declared by stage 'a' at line 4");
	expect_error("var out = o\nstage a\n  run fake\n  out ${out}/x.csv ./o/x.csv\n", EG_EUSAGE,
		     4, "output './o/x.csv' is already declared by stage 'a' at line 4");
}

static void pipeline_rejects_input_from_later_stage(void **state)
{
	(void)state;
	expect_error(
		"var out = o\n"
		"stage a\n  run fake\n  in data/in.csv\n  in ${out}/b.csv\n  out ${out}/a.csv\n"
		"stage b\n  run fake\n  in ${out}/a.csv\n  out ${out}/b.csv\n",
		EG_EUSAGE, 5, "input 'o/b.csv' is an output of the later stage 'b' (line 10)");
}

static void pipeline_rejects_input_from_own_stage(void **state)
{
	(void)state;
	expect_error("var out = o\n"
		     "stage a\n  run fake\n  out ${out}/dir\n  in ${out}/dir/x.csv\n",
		     EG_EUSAGE, 5, "input 'o/dir/x.csv' is an output of the same stage 'a'");
}

static void pipeline_rejects_missing_input(void **state)
{
	(void)state;
	expect_error("var out = o\n"
		     "stage a\n  run fake\n  in data/in.csv\n  out ${out}/a.csv\n"
		     "stage b\n  run fake\n  in ${out}/a.csv data/nope.csv\n",
		     EG_EUSAGE, 8,
		     "input 'data/nope.csv' does not exist and no earlier stage outputs it");
}

static void pipeline_rejects_folder_input(void **state)
{
	(void)state;
	expect_error("var out = o\n"
		     "stage a\n  run fake\n  in data/in.csv\n  in ./data/\n  out ${out}/a.csv\n",
		     EG_EUSAGE, 5,
		     "input './data/' is a folder, not a file; 'in' and 'out' name files only");
	expect_error("var out = o\nstage a\n  run fake\n  in /dev/null\n", EG_EUSAGE, 4,
		     "input '/dev/null' is not a regular file; 'in' and 'out' name files only");
}

static void pipeline_failed_resolve_can_be_retried(void **state)
{
	struct eg_pipeline pl;
	struct eg_error err;
	const char *text = "var out = o\nvar tool = nope\nstage a\n  run ${tool}\n";

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_EUSAGE);
	assert_int_equal(err.line, 4);
	assert_int_equal(pl.resolved, 0);
	assert_null(pl.stages[0].argv);
	assert_null(pl.stages[0].program);
	assert_null(eg_pipeline_var_value(&pl, "out"));
	assert_int_equal(eg_pipeline_set_var(&pl, "tool", "fake", &err), EG_OK);
	assert_int_equal(eg_pipeline_resolve(&pl, "bin", &err), EG_OK);
	assert_string_equal(pl.stages[0].exe, "bin/fake");
	eg_pipeline_release(&pl);
}

/*
 * A pattern gives every regular file it matches and every file under a
 * folder it matches (not hidden or lock files), in name order, each time it
 * is resolved.
 */
static void pipeline_input_pattern_lists_matching_files(void **state)
{
	static const char text[] = "var month = 2026-10\n"
				   "stage extract\n"
				   "  run  fake --in \"data/${month}/*\"\n"
				   "  in   \"data/${month}/*\" data/in.csv\n"
				   "  out  out/x.csv\n";
	struct eg_pipeline pl;
	struct eg_error err;
	int pass;

	(void)state;
	assert_int_equal(mkdir("data/2026-10", 0777), 0);
	assert_int_equal(mkdir("data/2026-10/sub", 0777), 0);
	put("data/2026-10/b.csv", "x\n");
	put("data/2026-10/a.csv", "x\n");
	put("data/2026-10/sub/c.csv", "x\n");
	put("data/2026-10/sub/.c.csv", "x\n");
	put("data/2026-10/~$a.csv", "x\n");
	assert_int_equal(load(&pl, text, &err), EG_OK);
	for (pass = 0; pass < 2; pass++) {
		const struct eg_pipeline_stage *st = &pl.stages[0];

		assert_int_equal(st->n_declared, 2);
		assert_int_equal(st->n_inputs, 4);
		assert_string_equal(st->inputs[0].path, "data/2026-10/a.csv");
		assert_string_equal(st->inputs[1].path, "data/2026-10/b.csv");
		assert_string_equal(st->inputs[2].path, "data/2026-10/sub/c.csv");
		assert_string_equal(st->inputs[2].word, "data/${month}/*");
		assert_string_equal(st->inputs[3].path, "data/in.csv");
		assert_string_equal(st->inputs[1].word, "data/${month}/*");
		assert_int_equal(st->inputs[1].line, 4);
		assert_int_equal(st->inputs[1].producer, -1);
		assert_int_equal(eg_pipeline_resolve(&pl, "bin", &err), EG_OK);
	}
	eg_pipeline_release(&pl);
	unlink("data/2026-10/a.csv");
	unlink("data/2026-10/b.csv");
	unlink("data/2026-10/sub/c.csv");
	unlink("data/2026-10/sub/.c.csv");
	unlink("data/2026-10/~$a.csv");
	rmdir("data/2026-10/sub");
	assert_int_equal(rmdir("data/2026-10"), 0);
}

/* `in?` declares an input when its word expands to a path, none when to nothing. */
static void pipeline_in_if_set_skips_an_empty_word(void **state)
{
	static const char text[] = "var rates =\n"
				   "stage clean\n"
				   "  run  fake --rates \"${rates}\"\n"
				   "  in   data/in.csv\n"
				   "  in?  ${rates}\n"
				   "  out  out/x.csv\n";
	struct eg_pipeline pl;
	struct eg_error err;

	(void)state;
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_int_equal(pl.stages[0].n_declared, 2);
	assert_int_equal(pl.stages[0].n_inputs, 1);
	assert_string_equal(pl.stages[0].inputs[0].path, "data/in.csv");
	assert_int_equal(eg_pipeline_set_var(&pl, "rates", "data/in.csv", &err), EG_OK);
	assert_int_equal(eg_pipeline_resolve(&pl, "bin", &err), EG_OK);
	assert_int_equal(pl.stages[0].n_inputs, 2);
	assert_string_equal(pl.stages[0].inputs[1].path, "data/in.csv");
	assert_int_equal(pl.stages[0].inputs[1].line, 5);
	eg_pipeline_release(&pl);
	/* Set, it is an input like any other: one that does not exist is an error. */
	assert_int_equal(load(&pl, text, &err), EG_OK);
	assert_int_equal(eg_pipeline_set_var(&pl, "rates", "data/none.csv", &err), EG_OK);
	assert_int_equal(eg_pipeline_resolve(&pl, "bin", &err), EG_EUSAGE);
	assert_int_equal(err.line, 5);
	eg_pipeline_release(&pl);
	/* A plain `in` word that expands to nothing is still an error. */
	expect_error("var r =\nstage a\n  run fake\n  in ${r}\n  out o.csv\n", EG_EUSAGE, 4,
		     "'in' word '${r}' expands to an empty path");
}

static void pipeline_rejects_input_pattern_without_match(void **state)
{
	(void)state;
	expect_error("stage a\n  run fake\n  in data/none-*.csv\n  out o.csv\n", EG_EUSAGE, 3,
		     "input 'data/none-*.csv' matches no file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pipeline_parses_vars_and_stages),
		cmocka_unit_test(pipeline_splits_quoted_words),
		cmocka_unit_test(pipeline_expands_after_splitting),
		cmocka_unit_test(pipeline_vars_refer_to_vars_in_any_order),
		cmocka_unit_test(pipeline_skips_comments_blanks_and_crlf),
		cmocka_unit_test(pipeline_skips_a_byte_order_mark),
		cmocka_unit_test(pipeline_override_replaces_value_literally),
		cmocka_unit_test(pipeline_override_of_unknown_name_lists_names),
		cmocka_unit_test(pipeline_finds_bare_names_in_bin_dir),
		cmocka_unit_test(pipeline_input_under_an_earlier_output_folder),
		cmocka_unit_test(pipeline_reads_a_file),
		cmocka_unit_test(pipeline_rejects_unknown_key),
		cmocka_unit_test(pipeline_rejects_key_outside_stage),
		cmocka_unit_test(pipeline_rejects_malformed_var),
		cmocka_unit_test(pipeline_rejects_duplicate_var),
		cmocka_unit_test(pipeline_rejects_malformed_stage),
		cmocka_unit_test(pipeline_rejects_stage_without_run),
		cmocka_unit_test(pipeline_rejects_duplicate_stage),
		cmocka_unit_test(pipeline_rejects_second_run),
		cmocka_unit_test(pipeline_rejects_empty_keys),
		cmocka_unit_test(pipeline_rejects_unterminated_quote),
		cmocka_unit_test(pipeline_rejects_nul_byte),
		cmocka_unit_test(pipeline_rejects_undefined_variable),
		cmocka_unit_test(pipeline_rejects_bad_reference),
		cmocka_unit_test(pipeline_rejects_self_reference),
		cmocka_unit_test(pipeline_rejects_missing_executable),
		cmocka_unit_test(pipeline_rejects_non_executable),
		cmocka_unit_test(pipeline_rejects_output_declared_twice),
		cmocka_unit_test(pipeline_rejects_input_from_later_stage),
		cmocka_unit_test(pipeline_rejects_input_from_own_stage),
		cmocka_unit_test(pipeline_rejects_missing_input),
		cmocka_unit_test(pipeline_rejects_folder_input),
		cmocka_unit_test(pipeline_failed_resolve_can_be_retried),
		cmocka_unit_test(pipeline_input_pattern_lists_matching_files),
		cmocka_unit_test(pipeline_rejects_input_pattern_without_match),
		cmocka_unit_test(pipeline_in_if_set_skips_an_empty_word),
	};

	return cmocka_run_group_tests(tests, setup, scratch_leave);
}
