/*
 * runner.h - runs a resolved pipeline: one stage after another, each as an
 * argv given to posix_spawn (never a shell), with its output in a log.
 *
 * Before the first stage the runner needs the variable `out`; it creates
 * ${out}/logs/ and runs each stage with stdin from /dev/null and stdout and
 * stderr both written, in the order the stage wrote them, to
 * ${out}/logs/<stage>.log (truncated at the start of the stage). Each stage
 * runs in its own process group, so Ctrl-C on a terminal reaches only the
 * runner, which passes SIGINT, SIGTERM or SIGHUP on to the running stage
 * (and its children) exactly once, waits for it, and runs nothing more.
 *
 * The run stops at the first stage that fails; earlier stages' outputs stay.
 * How it ended, in struct eg_runner: exit_code is 0 when every stage ran;
 * the stage's own exit code when it exited non-zero; 128 + n when it was
 * killed by signal n (a crash, such as SIGSEGV, gives 139); 128 + n when the
 * runner got signal n (130 for Ctrl-C), whichever way the stage then ended.
 *
 * The library never writes to stdout or stderr on its own: the dry-run
 * commands, -v notes, the failure note and the closing table go to the
 * streams the caller passes in.
 *
 * Room for later work: options gain stage selection (--only, --from,
 * --until), --force and a job count; struct eg_runner_stage gains a
 * "skipped" state (content hashes in a state file) and each input's producer
 * (struct eg_pipeline_path.producer) gives the dependency graph for -j N and
 * `engage status`.
 */
#ifndef ENGAGE_RUNNER_H
#define ENGAGE_RUNNER_H

#include <stdio.h>

#include "engage/error.h"
#include "engage/pipeline.h"

/* Where a stage got to. */
enum eg_runner_state {
	EG_RUNNER_NOT_RUN = 0,   /* not started (the run stopped before it, or -n) */
	EG_RUNNER_RAN,           /* exited with 0 */
	EG_RUNNER_FAILED,        /* exited non-zero or was killed by a signal */
	EG_RUNNER_INTERRUPTED,   /* was running when the runner got a signal */
};

/* What happened to one stage. */
struct eg_runner_stage {
	enum eg_runner_state state; /* where it got to */
	int exit_code;              /* its exit status when it exited, else -1 */
	int signal;                 /* the signal that ended it, else 0 */
	double seconds;             /* wall-clock time it ran, 0 when not run */
	char *log_path;             /* ${out}/logs/<name>.log, owned; NULL for -n */
};

/* How to run. Zeroed fields mean: run everything, quietly. */
struct eg_runner_options {
	int dry_run;    /* 1: write the commands to `commands`, touch nothing on disk */
	FILE *commands; /* stream for the dry-run commands (required with dry_run) */
	FILE *notes;    /* stream for "running stage" notes (-v); NULL for none */
};

/* One run of a pipeline: the options, then what happened. */
struct eg_runner {
	const struct eg_pipeline *pl;     /* the pipeline, borrowed, resolved */
	struct eg_runner_options opts;    /* copy of the options */
	char *log_dir;                    /* ${out}/logs, owned; NULL until run */
	struct eg_runner_stage *stages;   /* one per pipeline stage, same order */
	size_t n_stages;                  /* entries in stages */
	size_t n_started;                 /* stages started so far */
	long stopped_at;                  /* index of the stage that failed or was
					   * interrupted, or the last one run when
					   * a signal came between stages; -1 */
	int signal;                       /* signal the runner got, 0 when none */
	int exit_code;                    /* what `engage run` exits with */
};

/*
 * Prepares r to run pl (borrowed: it must outlive r and be resolved) with
 * opts (copied; NULL for defaults). EG_EIO when out of memory; r is then
 * empty. Release r with eg_runner_release either way.
 */
int eg_runner_init(struct eg_runner *r, const struct eg_pipeline *pl,
		   const struct eg_runner_options *opts, struct eg_error *err);

/* Frees what r owns. r may be NULL. */
void eg_runner_release(struct eg_runner *r);

/*
 * Runs the stages in order and fills r->stages, r->stopped_at, r->signal
 * and r->exit_code. Returns EG_OK when the runner did its work, whether or
 * not every stage succeeded (see r->exit_code). Fails before running
 * anything with EG_EUSAGE when the pipeline defines no `out`, and with
 * EG_EIO when the logs folder or a log cannot be made or a stage cannot be
 * started (r->exit_code is then EG_EIO and stages run so far keep their
 * results). With opts.dry_run it writes each command line to opts.commands
 * and creates, writes or deletes nothing. Installs its own SIGINT, SIGTERM
 * and SIGHUP handlers while it runs (a signal ignored at the start stays
 * ignored) and puts the previous ones back before returning.
 */
int eg_runner_run(struct eg_runner *r, struct eg_error *err);

/*
 * Writes, for a run that did not end well, "engage: stage 'NAME' failed
 * (exit N)" (or how it was killed or interrupted) and then the last lines
 * of its log, indented, to fp. Writes nothing after a successful run.
 */
void eg_runner_write_failure(const struct eg_runner *r, FILE *fp);

/*
 * Writes the closing table to fp: one row per stage with its name, state
 * (ran, failed, interrupted, not run) and seconds with 2 decimals.
 */
void eg_runner_write_summary(const struct eg_runner *r, FILE *fp);

/*
 * Returns stage st's command line, each word shell-quoted only when it
 * needs it, ready to copy into a shell; an executable under the working
 * folder is shown relative to it ("bin/extract"). The caller frees the
 * string; NULL when out of memory.
 */
char *eg_runner_command_line(const struct eg_pipeline_stage *st);

/*
 * Returns word quoted for a POSIX shell: as is when it holds only
 * [A-Za-z0-9_@%+=:,./-] (and is not empty), else in single quotes with each
 * ' written as '\''. The caller frees the string; NULL when out of memory.
 */
char *eg_runner_shell_quote(const char *word);

/*
 * Reads the last n lines of the file at path (only its last 64 KiB) into a
 * new string the caller frees (OUT: *tail). EG_EIO when it cannot be read;
 * *tail is then NULL.
 */
int eg_runner_log_tail(const char *path, int n, char **tail, struct eg_error *err);

/*
 * Returns the folder holding the running executable (from /proc/self/exe)
 * in a new string the caller frees; NULL with EG_EIO in err on failure.
 */
char *eg_runner_self_dir(struct eg_error *err);

#endif
