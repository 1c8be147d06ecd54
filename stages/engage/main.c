/*
 * engage - the runner: `engage run FILE [NAME=VALUE ...] [-n] [-v]` reads a
 * pipeline file, checks it, and runs its stages in order (pipeline.h,
 * runner.h). This file only reads the command line, calls the library and
 * turns the result into an exit code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/cli.h"
#include "engage/pipeline.h"
#include "engage/runner.h"

static const char usage[] =
	"usage: engage run FILE [NAME=VALUE ...] [-n] [-v]\n"
	"       engage --help | --version\n"
	"\n"
	"Runs the stages of pipeline FILE in file order, each as its own command\n"
	"(never through a shell), and stops at the first stage that fails.\n"
	"\n"
	"  NAME=VALUE     use VALUE for the file's variable NAME (taken literally)\n"
	"  -n, --dry-run  print each stage's command line; run and write nothing\n"
	"  -v, --verbose  say when each stage starts, with its command line\n"
	"  --help         print this help\n"
	"  --version      print the version\n"
	"\n"
	"A bare command name in a 'run' line is a program in engage's own folder.\n"
	"Each stage's stdout and stderr go to ${out}/logs/STAGE.log; a table of\n"
	"stages, status and seconds closes each run on stderr.\n"
	"\n"
	"Exit status: 0 every stage ran; the failing stage's own exit code;\n"
	"2 bad arguments or pipeline file; 3 i/o error; 128+N when a stage was\n"
	"killed by signal N or engage was stopped by it (130 for Ctrl-C).\n";

/* The command line of `engage run`. */
struct args {
	const char *file;  /* pipeline file */
	char **assigns;    /* NAME=VALUE words, borrowed from argv */
	size_t n_assigns;  /* entries in assigns */
	int dry_run;       /* -n */
	int verbose;       /* -v */
};

/* Reads `run`'s arguments into a (assigns allocated); returns 0 or an exit code. */
static int parse_args(int argc, char **argv, struct args *a)
{
	int options = 1;

	memset(a, 0, sizeof(*a));
	a->assigns = calloc((size_t)argc, sizeof(*a->assigns));
	if (!a->assigns)
		return eg_cli_usage_error("engage", "out of memory");
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];

		if (options && strcmp(arg, "--") == 0) {
			options = 0;
		} else if (options && (strcmp(arg, "--dry-run") == 0)) {
			a->dry_run = 1;
		} else if (options && (strcmp(arg, "--verbose") == 0)) {
			a->verbose = 1;
		} else if (options && arg[0] == '-' && arg[1] != '-' && arg[1]) {
			for (const char *c = arg + 1; *c; c++) {
				if (*c == 'n')
					a->dry_run = 1;
				else if (*c == 'v')
					a->verbose = 1;
				else
					return eg_cli_usage_error("engage", "unknown option '-%c'", *c);
			}
		} else if (options && arg[0] == '-' && arg[1]) {
			return eg_cli_usage_error("engage", "unknown option '%s'", arg);
		} else if (!a->file) {
			a->file = arg;
		} else if (strchr(arg, '=') && arg[0] != '=') {
			a->assigns[a->n_assigns++] = argv[i];
		} else {
			return eg_cli_usage_error("engage", "expected NAME=VALUE, not '%s'", arg);
		}
	}
	if (!a->file)
		return eg_cli_usage_error("engage", "missing the pipeline file");
	return 0;
}

/* Loads, checks and runs the pipeline; returns the exit code. */
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
	if (rc == EG_OK)
		rc = eg_runner_init(&r, &pl, &opts, &err);
	if (rc != EG_OK) {
		code = eg_cli_report("engage", &err);
		goto out;
	}
	rc = eg_runner_run(&r, &err);
	if (rc != EG_OK)
		eg_cli_report("engage", &err);
	if (!a->dry_run) {
		eg_runner_write_failure(&r, stderr);
		if (r.n_started)
			eg_runner_write_summary(&r, stderr);
	}
	code = rc != EG_OK ? rc : r.exit_code;
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
	if (strcmp(argv[1], "run") != 0)
		return eg_cli_usage_error("engage", "unknown command '%s'", argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0)
			return eg_cli_help(usage);
	code = parse_args(argc - 2, argv + 2, &a);
	if (code == 0)
		code = run(&a);
	free(a.assigns);
	return code;
}
