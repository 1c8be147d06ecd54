/*
 * engage - the runner: `engage run FILE [NAME=VALUE ...] [options]` reads a
 * pipeline file, checks it, and runs the stages that are out of date
 * (pipeline.h, run_plan.h, runner.h); `engage status FILE [NAME=VALUE ...]`
 * says which stages are up to date and why the others are not. This file
 * only reads the command line, calls the library and turns the result into
 * an exit code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/cli.h"
#include "engage/option_table.h"
#include "engage/pipeline.h"
#include "engage/runner.h"

static const char usage[] =
	"usage: engage run FILE [NAME=VALUE ...] [-n] [-v] [--force] [-j N]\n"
	"                  [--only STAGE | --from STAGE | --until STAGE]\n"
	"       engage status FILE [NAME=VALUE ...]\n"
	"       engage --help | --version\n"
	"\n"
	"run: runs the stages of pipeline FILE that are out of date, each as its\n"
	"own command (never through a shell), and stops at the first that fails.\n"
	"A stage is up to date when its outputs exist and its inputs' content and\n"
	"its command line are those of its last successful run, as recorded in\n"
	"${out}/.engage-state; a stage after one that runs runs too. NAME=VALUE\n"
	"uses VALUE for the file's variable NAME (taken literally).\n";

static const char epilog[] =
	"status: prints each stage's name and 'up to date' or 'out of date: WHY'\n"
	"(which input or parameter changed); runs and writes nothing.\n"
	"\n"
	"A bare command name in a 'run' line is a program in engage's own folder.\n"
	"Each stage's stdout and stderr go to ${out}/logs/STAGE.log; a table of\n"
	"stages, status, rows in and out and seconds closes each run on stderr.\n"
	"\n"
	"Exit status: 0 every stage that had to run ran; the failing stage's own\n"
	"exit code; 2 bad arguments or pipeline file; 3 i/o error; 128+N when a\n"
	"stage was killed by signal N or engage was stopped by it (130 for Ctrl-C).\n";

/* The command line of `engage run` or `engage status`. */
struct args {
	int status;	   /* 1 for `engage status` */
	const char *file;  /* pipeline file */
	char **assigns;	   /* NAME=VALUE words, borrowed from argv */
	size_t n_assigns;  /* entries in assigns */
	int dry_run;	   /* -n */
	int verbose;	   /* -v */
	int force;	   /* --force */
	const char *only;  /* --only STAGE, borrowed from argv */
	const char *from;  /* --from STAGE, borrowed from argv */
	const char *until; /* --until STAGE, borrowed from argv */
	int jobs;	   /* -j N; 0 when not given */
};

/* The one command line of this process, filled by the option tables below. */
static struct args args;

/* Reads N of -j N into *(int *)opt->value; returns 0 or an exit code. */
static int set_jobs(const struct eg_option *opt, const char *cmd, const char *as, const char *s)
{
	int *jobs = opt->value;
	int n = 0;

	if (!s)
		return eg_cli_usage_error(cmd, "%s needs a number", as);
	if (*jobs)
		return eg_cli_usage_error(cmd, "-j given twice");
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || n > EG_RUNNER_MAX_JOBS)
			break;
		n = n * 10 + (*p - '0');
	}
	if (!*s || strspn(s, "0123456789") != strlen(s) || n < 1 || n > EG_RUNNER_MAX_JOBS)
		return eg_cli_usage_error(cmd, "-j wants a number of stages from 1 to %d, not '%s'",
					  EG_RUNNER_MAX_JOBS, s);
	*jobs = n;
	return 0;
}

/* Stores stage name in *(const char **)opt->value; returns 0 or an exit code. */
static int set_stage(const struct eg_option *opt, const char *cmd, const char *as,
		     const char *name)
{
	const char **slot = opt->value;

	if (!name || !name[0])
		return eg_cli_usage_error(cmd, "%s needs a stage name", as);
	if (*slot)
		return eg_cli_usage_error(cmd, "%s given twice", as);
	*slot = name;
	return 0;
}

static const struct eg_option run_options[] = {
	EG_OPT_FLAG('n', "dry-run", &args.dry_run,
		    "print what would run and why, and each stage's command line, as a shell "
		    "script; run and write nothing"),
	EG_OPT_FLAG('v', "verbose", &args.verbose, "say when each stage starts or is skipped, and why"),
	EG_OPT_FLAG(0, "force", &args.force, "run every selected stage, up to date or not"),
	EG_OPT_CALL(0, "only", &args.only, "STAGE", set_stage,
		    "run STAGE alone, even when it is up to date"),
	EG_OPT_CALL(0, "from", &args.from, "STAGE", set_stage,
		    "run STAGE and every stage after it in the file"),
	EG_OPT_CALL(0, "until", &args.until, "STAGE", set_stage,
		    "run no stage after STAGE (the others as usual)"),
	EG_OPT_CALL('j', "jobs", &args.jobs, "N", set_jobs,
		    "run up to N independent stages at once (default 1)"),
	EG_OPT_HELP(0, "print this help"),
	EG_OPT_VERSION("print the version"),
	EG_OPT_END,
};

/* `engage status` takes no option: main answers --help before. */
static const struct eg_option status_options[] = { EG_OPT_END };

static const struct eg_command run_command = { "engage", usage, run_options, epilog, 1, "" };
static const struct eg_command status_command = { "engage", usage, status_options, epilog, 1,
						  " for status" };

/* Reads the arguments after `run` or `status` (argv[0]) into args; returns 0 or an exit code. */
static int parse_args(int argc, char **argv)
{
	int code = eg_option_parse(args.status ? &status_command : &run_command, argc, argv);

	if (code != EG_OPTIONS_READ)
		return code;
	args.assigns = calloc((size_t)argc + 1, sizeof(*args.assigns));
	if (!args.assigns)
		return eg_cli_usage_error("engage", "out of memory");
	for (int i = optind; i < argc; i++) {
		if (!args.file)
			args.file = argv[i];
		else if (strchr(argv[i], '=') && argv[i][0] != '=')
			args.assigns[args.n_assigns++] = argv[i];
		else
			return eg_cli_usage_error("engage", "expected NAME=VALUE, not '%s'", argv[i]);
	}
	if (!args.file)
		return eg_cli_usage_error("engage", "missing the pipeline file");
	return 0;
}

/* Says on stderr that a damaged state file was ignored. */
static void warn_state(const struct eg_runner *r)
{
	char where[1600];

	if (r->state_warning.status == EG_OK)
		return;
	eg_error_format(&r->state_warning, where, sizeof(where));
	fprintf(stderr,
		"engage: warning: ignoring the state file: %s; every stage counts as "
		"never run\n",
		where);
}

/* Loads and checks the pipeline, then runs it or reports its status; returns the exit code. */
static int run(const struct args *a)
{
	struct eg_runner_options opts = { 0 };
	struct eg_pipeline pl;
	struct eg_runner r;
	struct eg_error err;
	char *bin_dir;
	int rc, code;

	eg_error_clear(&err);
	eg_pipeline_init(&pl);
	memset(&r, 0, sizeof(r));
	bin_dir = eg_runner_self_dir(&err);
	if (!bin_dir)
		return eg_cli_report("engage", &err);
	rc = eg_pipeline_read(&pl, a->file, &err);
	for (size_t i = 0; rc == EG_OK && i < a->n_assigns; i++) {
		char *eq = strchr(a->assigns[i], '=');

		*eq = '\0';
		rc = eg_pipeline_set_var(&pl, a->assigns[i], eq + 1, &err);
		*eq = '=';
	}
	if (rc == EG_OK)
		rc = eg_pipeline_resolve(&pl, bin_dir, &err);
	opts.dry_run = a->dry_run;
	opts.commands = stdout;
	opts.notes = a->verbose ? stderr : NULL;
	/* On a terminal, without -v, one line says what runs while it runs. */
	opts.live = !a->verbose && !a->dry_run && isatty(STDERR_FILENO) ? stderr : NULL;
	opts.force = a->force;
	opts.only = a->only;
	opts.from = a->from;
	opts.until = a->until;
	opts.jobs = a->jobs;
	if (rc == EG_OK)
		rc = eg_runner_init(&r, &pl, &opts, &err);
	if (rc != EG_OK) {
		code = eg_cli_report("engage", &err);
		goto out;
	}
	if (a->status) {
		rc = eg_runner_plan(&r, &err);
		warn_state(&r);
		if (rc != EG_OK) {
			code = eg_cli_report("engage", &err);
			goto out;
		}
		eg_runner_write_status(&r, stdout);
		code = 0;
	} else {
		rc = eg_runner_run(&r, &err);
		warn_state(&r);
		if (rc != EG_OK)
			eg_cli_report("engage", &err);
		if (!a->dry_run) {
			eg_runner_write_failure(&r, stderr);
			if (r.planned)
				eg_runner_write_summary(&r, stderr);
		}
		code = rc != EG_OK ? rc : r.exit_code;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "engage: unable to write to stdout\n");
		if (code == 0)
			code = EG_EIO;
	}
out:
	eg_runner_release(&r);
	eg_pipeline_release(&pl);
	free(bin_dir);
	return code;
}

int main(int argc, char **argv)
{
	int code;

	if (argc < 2)
		return eg_cli_usage_error("engage", "missing a command, such as 'run FILE'");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return eg_option_help(&run_command);
	if (strcmp(argv[1], "--version") == 0)
		return eg_cli_version("engage");
	if (argv[1][0] == '-')
		return eg_cli_usage_error("engage", "unknown option '%s'", argv[1]);
	if (strcmp(argv[1], "run") != 0 && strcmp(argv[1], "status") != 0)
		return eg_cli_usage_error("engage", "unknown command '%s'", argv[1]);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0)
			return eg_option_help(&run_command);
	}
	args.status = strcmp(argv[1], "status") == 0;
	code = parse_args(argc - 1, argv + 1);
	if (code == 0)
		code = run(&args);
	free(args.assigns);
	return code;
}
