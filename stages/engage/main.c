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
	"${out}/.engage-state; a stage after one that runs runs too.\n"
	"\n"
	"  NAME=VALUE      use VALUE for the file's variable NAME (taken literally)\n"
	"  -n, --dry-run   print what would run and why, and each stage's command\n"
	"                  line, as a shell script; run and write nothing\n"
	"  -v, --verbose   say when each stage starts or is skipped, and why\n"
	"  --force         run every selected stage, up to date or not\n"
	"  --only STAGE    run STAGE alone, even when it is up to date\n"
	"  --from STAGE    run STAGE and every stage after it in the file\n"
	"  --until STAGE   run no stage after STAGE (the others as usual)\n"
	"  -j, --jobs N    run up to N independent stages at once (default 1)\n"
	"  --help          print this help\n"
	"  --version       print the version\n"
	"\n"
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

/* Reads N of -j N into a->jobs; returns 0 or an exit code. */
static int parse_jobs(const char *s, struct args *a)
{
	int n = 0;

	if (a->jobs)
		return eg_cli_usage_error("engage", "-j given twice");
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || n > EG_RUNNER_MAX_JOBS)
			break;
		n = n * 10 + (*p - '0');
	}
	if (!*s || strspn(s, "0123456789") != strlen(s) || n < 1 || n > EG_RUNNER_MAX_JOBS)
		return eg_cli_usage_error("engage",
					  "-j wants a number of stages from 1 to %d, not '%s'",
					  EG_RUNNER_MAX_JOBS, s);
	a->jobs = n;
	return 0;
}

/* Stores the stage name of option opt in *slot; returns 0 or an exit code. */
static int set_stage(const char *opt, const char *name, const char **slot)
{
	if (!name || !name[0])
		return eg_cli_usage_error("engage", "%s needs a stage name", opt);
	if (*slot)
		return eg_cli_usage_error("engage", "%s given twice", opt);
	*slot = name;
	return 0;
}

/*
 * Reads an option that takes a value: "--only NAME" or "--only=NAME". Returns
 * 1 when arg is option opt (value in *value, *i advanced past it), else 0.
 */
static int valued(const char *opt, int argc, char **argv, int *i, const char **value)
{
	const char *arg = argv[*i];
	size_t n = strlen(opt);

	if (strncmp(arg, opt, n) != 0)
		return 0;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return 1;
	}
	if (arg[n] != '\0')
		return 0;
	*value = *i + 1 < argc ? argv[++*i] : NULL;
	return 1;
}

/* Reads the arguments after `run` or `status` into a; returns 0 or an exit code. */
static int parse_args(int argc, char **argv, struct args *a)
{
	int options = 1, code = 0;

	a->assigns = calloc((size_t)argc + 1, sizeof(*a->assigns));
	if (!a->assigns)
		return eg_cli_usage_error("engage", "out of memory");
	for (int i = 0; i < argc && code == 0; i++) {
		const char *arg = argv[i], *value;

		if (options && strcmp(arg, "--") == 0) {
			options = 0;
		} else if (options && a->status && arg[0] == '-' && arg[1]) {
			code = eg_cli_usage_error("engage", "unknown option '%s' for status", arg);
		} else if (options && strcmp(arg, "--dry-run") == 0) {
			a->dry_run = 1;
		} else if (options && strcmp(arg, "--verbose") == 0) {
			a->verbose = 1;
		} else if (options && strcmp(arg, "--force") == 0) {
			a->force = 1;
		} else if (options && valued("--only", argc, argv, &i, &value)) {
			code = set_stage("--only", value, &a->only);
		} else if (options && valued("--from", argc, argv, &i, &value)) {
			code = set_stage("--from", value, &a->from);
		} else if (options && valued("--until", argc, argv, &i, &value)) {
			code = set_stage("--until", value, &a->until);
		} else if (options && valued("--jobs", argc, argv, &i, &value)) {
			code = value ? parse_jobs(value, a)
				     : eg_cli_usage_error("engage", "--jobs needs a number");
		} else if (options && arg[0] == '-' && arg[1] != '-' && arg[1]) {
			for (const char *c = arg + 1; *c && code == 0; c++) {
				if (*c == 'n') {
					a->dry_run = 1;
				} else if (*c == 'v') {
					a->verbose = 1;
				} else if (*c == 'j') {
					if (c[1])
						code = parse_jobs(c + 1, a);
					else if (i + 1 < argc)
						code = parse_jobs(argv[++i], a);
					else
						code = eg_cli_usage_error("engage",
									  "-j needs a number");
					break;
				} else {
					code = eg_cli_usage_error("engage", "unknown option '-%c'",
								  *c);
				}
			}
		} else if (options && arg[0] == '-' && arg[1]) {
			code = eg_cli_usage_error("engage", "unknown option '%s'", arg);
		} else if (!a->file) {
			a->file = arg;
		} else if (strchr(arg, '=') && arg[0] != '=') {
			a->assigns[a->n_assigns++] = argv[i];
		} else {
			code = eg_cli_usage_error("engage", "expected NAME=VALUE, not '%s'", arg);
		}
	}
	if (code == 0 && !a->file)
		code = eg_cli_usage_error("engage", "missing the pipeline file");
	return code;
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
	struct args a;
	int code;

	if (argc < 2)
		return eg_cli_usage_error("engage", "missing a command, such as 'run FILE'");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return eg_cli_help(usage);
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
			return eg_cli_help(usage);
	}
	memset(&a, 0, sizeof(a));
	a.status = strcmp(argv[1], "status") == 0;
	code = parse_args(argc - 2, argv + 2, &a);
	if (code == 0)
		code = run(&a);
	free(a.assigns);
	return code;
}
