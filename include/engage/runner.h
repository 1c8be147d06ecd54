/*
 * runner.h - runs a resolved pipeline: the stages that are out of date (or
 * selected and forced), each as an argv given to posix_spawn (never a
 * shell), with its output in a log, up to N at a time.
 *
 * A run needs the variable `out`, the output root. It reads the state file
 * ${out}/.engage-state (runstate.h), plans which stages run and why
 * (run_plan.h), checks that every input of a stage that runs will be there,
 * and only then starts anything. It creates ${out}/logs/ and runs each stage
 * with stdin from /dev/null and stdout and stderr both written, in the order
 * the stage wrote them, to ${out}/logs/<stage>.log (truncated when the stage
 * starts; a skipped stage keeps the log of its last run).
 *
 * Order and parallel runs: a stage starts once every stage that makes one of
 * its inputs and runs in this run has finished successfully; with jobs = 1
 * that is file order. With jobs = N up to N such stages run at once, the
 * earliest in the file first. When a stage fails no new stage starts, and
 * the stages already running are waited for.
 *
 * State: just before a stage starts, its inputs are fingerprinted; when it
 * exits 0 its outputs are too, and its record is replaced in the state file,
 * which is rewritten (atomically) at once, so an interrupted run keeps what
 * it finished. A stage that fails or is interrupted loses its record, so the
 * next run runs it again; the files a killed stage's atomic writes left
 * (`<declared output>.tmp.XXXXXX`, see atomic_file.h) are removed.
 *
 * Signals: each stage runs in its own process group, so Ctrl-C on a terminal
 * reaches only the runner, which passes SIGINT, SIGTERM or SIGHUP on to the
 * running stages (and their children) exactly once, waits for them, and
 * starts nothing more.
 *
 * How it ended, in struct eg_runner: exit_code is 0 when every stage that
 * had to run ran; the stage's own exit code when it exited non-zero (the
 * first such stage in file order); 128 + n when it was killed by signal n (a
 * crash, such as SIGSEGV, gives 139); 128 + n when the runner got signal n
 * (130 for Ctrl-C), whichever way the stages then ended.
 *
 * The library never writes to stdout or stderr on its own: the dry-run
 * script, status, -v notes, the failure note and the closing table go to
 * the streams the caller passes in.
 */
#ifndef ENGAGE_RUNNER_H
#define ENGAGE_RUNNER_H

#include <stdint.h>
#include <stdio.h>

#include "engage/error.h"
#include "engage/pipeline.h"
#include "engage/run_plan.h"
#include "engage/run_lock.h"
#include "engage/runstate.h"

/* Most stages one run starts at once (-j). */
#define EG_RUNNER_MAX_JOBS 64

/* Where a stage got to. */
enum eg_runner_state {
	EG_RUNNER_NOT_RUN = 0, /* not started: not selected, the run stopped
				  * before it, or -n */
	EG_RUNNER_SKIPPED,     /* up to date, so not started */
	EG_RUNNER_RAN,	       /* exited with 0 */
	EG_RUNNER_FAILED,      /* exited non-zero or was killed by a signal */
	EG_RUNNER_INTERRUPTED, /* was running when the runner got a signal */
};

/* What happened to one stage. */
struct eg_runner_stage {
	enum eg_runner_state state;	    /* where it got to */
	int exit_code;			    /* its exit status when it exited, else -1 */
	int signal;			    /* the signal that ended it, else 0 */
	double seconds;			    /* wall-clock time it ran, 0 when not run */
	char *log_path;			    /* ${out}/logs/<name>.log, owned; NULL for -n */
	int64_t rows_in;		    /* rows read, from its manifest; -1 unknown */
	int64_t rows_out;		    /* rows written, from its manifest; -1 unknown */
	int64_t unread;			    /* input files its manifest lists as not read */
	long pid;			    /* its process while it runs, else 0 */
	int slot;			    /* its entry in the signal handler's table
					     * while it runs, else -1 */
	double started;			    /* monotonic seconds when it started */
	struct eg_runstate_record *pending; /* its inputs as they were when it
					     * started, owned; NULL when not running */
};

/* How to run. Zeroed fields mean: every out-of-date stage, one at a time, quietly. */
struct eg_runner_options {
	int dry_run;	   /* 1: write the plan as a script to `commands`, touch nothing */
	FILE *commands;	   /* stream for the dry-run script (required with dry_run) */
	FILE *notes;	   /* stream for "running stage" notes (-v); NULL for none */
	FILE *live;	   /* a terminal for a "running STAGE (N s)" line, redrawn as
			    * the seconds pass and cleared at the end; NULL for none */
	int force;	   /* --force: every selected stage runs */
	const char *only;  /* --only NAME, borrowed; NULL for none */
	const char *from;  /* --from NAME, borrowed; NULL for none */
	const char *until; /* --until NAME, borrowed; NULL for none */
	int jobs;	   /* stages run at once, 1..EG_RUNNER_MAX_JOBS; 0 means 1 */
};

/* One run of a pipeline: the options, then what happened. */
struct eg_runner {
	const struct eg_pipeline *pl;	/* the pipeline, borrowed, resolved */
	struct eg_runner_options opts;	/* copy of the options */
	char *log_dir;			/* ${out}/logs, owned; NULL until run */
	char *state_path;		/* ${out}/.engage-state, owned; NULL until run */
	struct eg_runstate state;	/* the state file as read, then as updated */
	struct eg_error state_warning;	/* why an unreadable state file was ignored
					 * (every stage then counts as never run);
					 * status EG_OK when it was not */
	struct eg_run_plan plan;	/* what runs and why; empty until planned */
	int planned;			/* 1 once plan is made */
	struct eg_runner_stage *stages; /* one per pipeline stage, same order */
	size_t n_stages;		/* entries in stages */
	size_t n_started;		/* stages started so far */
	long stopped_at;		/* index of the first stage (file order) that
					 * failed or was interrupted, or the last one
					 * that finished when a signal came between
					 * stages; -1 */
	int signal;			/* signal the runner got, 0 when none */
	long live_second;		/* seconds the live line shows, -1 to redraw it */
	int live_shown;			/* the live line is on the terminal */
	int exit_code;			/* what `engage run` exits with */
	struct eg_run_lock lock;	/* the output folder's lock while it runs */
	int locked;			/* lock is held */
	long busy;			/* for status: the run holding the folder's lock
					 * (run_lock.h), 0 when none */
};

/*
 * Prepares r to run pl (borrowed: it must outlive r and be resolved) with
 * opts (copied; NULL for defaults). EG_EUSAGE when opts.jobs is out of range;
 * EG_EIO when out of memory; r is then empty. Release r with
 * eg_runner_release either way.
 */
int eg_runner_init(struct eg_runner *r, const struct eg_pipeline *pl,
		   const struct eg_runner_options *opts, struct eg_error *err);

/* Frees what r owns. r may be NULL. */
void eg_runner_release(struct eg_runner *r);

/*
 * Takes the output folder's lock (run_lock.h), plans the run, then runs the
 * stages that have to run and fills r->stages, r->stopped_at, r->signal and
 * r->exit_code; releases the lock before returning. The state file is
 * written once, when the run ends, and also as soon as a stage fails or a
 * signal comes, so a finished stage's record is never lost. Returns EG_OK when
 * the runner did its work, whether or not every stage succeeded (see
 * r->exit_code). Fails before running anything with EG_EUSAGE when the
 * pipeline defines no `out`, a stage named in the options does not exist,
 * or an input of a stage that would run would be missing; with EG_EIO when
 * the state file cannot be read (a malformed one is ignored instead, see
 * r->state_warning), a file cannot be hashed, or the logs folder cannot be
 * made, and when another run holds the folder's lock (naming it). Fails during the run with EG_EIO when a log or the state file cannot
 * be written or a stage cannot be started: no new stage starts, running ones
 * are waited for, and r->exit_code is EG_EIO. With opts.dry_run it writes the
 * plan as a shell script to opts.commands (eg_runner_write_script) and
 * creates, writes or deletes nothing. Installs its own SIGINT, SIGTERM and
 * SIGHUP handlers while stages run (a signal ignored at the start stays
 * ignored) and puts the previous ones back before returning.
 */
int eg_runner_run(struct eg_runner *r, struct eg_error *err);

/*
 * Reads the state file and plans a run of every stage (the options' stage
 * selection and force are ignored), without running or writing anything:
 * for `engage status`. Same failures as eg_runner_run before it starts
 * anything, except that missing inputs are reasons, not errors. When a run
 * holds the folder's lock, r->busy names it and every stage is out of date.
 */
int eg_runner_plan(struct eg_runner *r, struct eg_error *err);

/*
 * Writes the plan as a POSIX shell script to fp, one block per stage in
 * file order: a comment line "# stage NAME will run: REASON", "# stage NAME
 * is skipped: up to date" or "# stage NAME is not run: not selected ...",
 * then the stage's command line (eg_runner_command_line), commented out when
 * the stage does not run. Pasted into a shell, it runs what the run would
 * (without logs or state). Writes nothing before the plan is made.
 */
void eg_runner_write_script(const struct eg_runner *r, FILE *fp);

/*
 * Writes `engage status` to fp: one line per stage in file order, its name
 * and "up to date" or "out of date: REASON" ("a run is in progress" for
 * every stage while another run holds the folder's lock); then "time zone:
 * ..." when a stage manifest among the outputs names the report zone (the
 * last one's).
 */
void eg_runner_write_status(const struct eg_runner *r, FILE *fp);

/*
 * Writes, for a run that did not end well, "engage: stage 'NAME' failed
 * (exit N)" (or how it was killed or interrupted) and then the last lines
 * of its log, indented, to fp, for each stage that failed, in file order.
 * Writes nothing after a successful run.
 */
void eg_runner_write_failure(const struct eg_runner *r, FILE *fp);

/*
 * Writes the closing table to fp: one row per stage in file order with its
 * name, status (ran, skipped, failed, interrupted, not run), rows in and
 * rows out from its manifest ("-" when unknown) and seconds with 2 decimals
 * ("-" when it did not run); then a line for each stage whose manifest
 * lists input files it did not read, saying how many and where they are
 * named.
 */
void eg_runner_write_summary(const struct eg_runner *r, FILE *fp);

/*
 * Returns the manifest path of stage st, where the closing table reads its
 * rows: the first declared output named "*.manifest.csv", else
 * "<stage name>.manifest.csv" in the folder of its first output; NULL when
 * it has no outputs or out of memory. The caller frees the string.
 */
char *eg_runner_manifest_path(const struct eg_pipeline_stage *st);

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
