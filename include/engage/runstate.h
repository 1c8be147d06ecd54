/*
 * runstate.h - what each stage last ran successfully with, kept in a small
 * state file beside its outputs, and whether a stage is up to date.
 *
 * `engage run` keeps one state file per output root, `${out}/.engage-state`.
 * After a stage succeeds it holds one record for it: the command words, and
 * for each declared input (as it was just before the stage started) and each
 * declared output (just after it ended) the path, size, modification time in
 * nanoseconds and XXH3-128 content hash. A stage is up to date when it has a
 * record, its command is the same word for word, and every declared input
 * and output is a file whose content hash matches the record. Size and
 * modification time are the fast path: when both are as recorded the hash
 * is taken as unchanged and the file is not read. When only they differ
 * (a `touch`, a fresh checkout) the file is hashed; an equal hash keeps the
 * stage up to date, and the record takes the new size and time so the next
 * check is fast again.
 *
 * The file is text, written whole to a temporary file and renamed over the
 * old one (atomic_file.h), so a crash leaves the old state or the new one:
 *
 *     engage-state 1
 *     stage compute
 *     run compute --in out/demo/join --out out/demo/compute --month 2026-03
 *     in 5321 1767225600123456789 0123456789abcdef0123456789abcdef out/demo/join/orders.csv
 *     out 880 1767225600223456789 fedcba9876543210fedcba9876543210 out/demo/compute/kpis.csv
 *
 * Lines starting with '#' and blank lines are ignored; the first other line
 * is `engage-state 1`. `stage NAME` starts a record; `run` gives the command
 * (the program as written in the pipeline file, then the arguments); `in`
 * and `out` give SIZE MTIME_NS HASH PATH. Fields are separated by one space;
 * inside a field a backslash escapes: `\\` backslash, `\s` space, `\t` tab,
 * `\n` newline, `\r` carriage return, and a field that is exactly `\e` is
 * empty. MTIME_NS -1 means "unknown" (the file changed while it was hashed),
 * so the fast path never applies to it.
 *
 * A stage that fails or is interrupted loses its record (eg_runstate_forget),
 * so the next run runs it again. Records of stages the pipeline no longer has
 * are kept, in case another pipeline shares the output folder.
 *
 * Files only: a declared input or output that is a folder is never up to
 * date, and says so.
 */
#ifndef ENGAGE_RUNSTATE_H
#define ENGAGE_RUNSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/content_hash.h"
#include "engage/error.h"
#include "engage/pipeline.h"

/* Name of the state file inside the output root. */
#define EG_RUNSTATE_FILE ".engage-state"

/* One file as a record holds it. */
struct eg_runstate_file {
	char *path;		     /* path as the pipeline names it, expanded; owned */
	int64_t size;		     /* bytes */
	int64_t mtime_ns;	     /* modification time in ns since the epoch; -1 unknown */
	struct eg_content_hash hash; /* XXH3-128 of its content */
};

/* What one stage last ran successfully with. */
struct eg_runstate_record {
	char *stage;			  /* stage name, owned */
	char **command;			  /* command words, owned; [0] is the program
					   * as written ("extract"), not its path */
	size_t n_command;		  /* entries in command */
	struct eg_runstate_file *inputs;  /* declared inputs before the run, owned */
	size_t n_inputs;		  /* entries in inputs */
	struct eg_runstate_file *outputs; /* declared outputs after the run, owned;
					   * outputs missing then are left out */
	size_t n_outputs;		  /* entries in outputs */
};

/* A whole state file in memory. */
struct eg_runstate {
	struct eg_runstate_record *records; /* one per stage, in file order, owned */
	size_t n_records;		    /* entries in records */
	int dirty;			    /* 1 when records changed since read or written */
};

/* Why a stage is not up to date: the first reason a check found. */
enum eg_runstate_why {
	EG_RUNSTATE_UP_TO_DATE = 0,  /* nothing changed */
	EG_RUNSTATE_NEVER_RAN,	     /* no record: never ran, or failed last time */
	EG_RUNSTATE_COMMAND_CHANGED, /* a command word differs (a parameter, a path) */
	EG_RUNSTATE_INPUT_CHANGED,   /* an input's content differs */
	EG_RUNSTATE_INPUT_MISSING,   /* an input does not exist */
	EG_RUNSTATE_INPUT_ADDED,     /* an input declared now is not in the record */
	EG_RUNSTATE_INPUT_REMOVED,   /* the record has an input no longer declared */
	EG_RUNSTATE_OUTPUT_MISSING,  /* an output does not exist */
	EG_RUNSTATE_OUTPUT_CHANGED,  /* an output's content differs from what the stage wrote */
	EG_RUNSTATE_OUTPUT_ADDED,    /* an output declared now is not in the record */
	EG_RUNSTATE_NOT_A_FILE,	     /* an input or output is a folder or other non-file */
};

/* Longest reason text kept, with its NUL. */
#define EG_RUNSTATE_REASON_MAX 1024

/* The answer of eg_runstate_check. */
struct eg_runstate_verdict {
	enum eg_runstate_why why;	     /* first reason; EG_RUNSTATE_UP_TO_DATE if none */
	size_t n_reasons;		     /* reasons found */
	char reason[EG_RUNSTATE_REASON_MAX]; /* every reason in the order found, joined
					      * by "; " ("input out/x.csv changed",
					      * "output out/y.csv missing"), cut
					      * with "..." when too long; "" when
					      * up to date */
};

/* Makes s an empty state. */
void eg_runstate_init(struct eg_runstate *s);

/* Frees everything s owns and leaves it empty. s may be NULL. */
void eg_runstate_release(struct eg_runstate *s);

/* Frees rec and what it owns. NULL is a no-op. */
void eg_runstate_record_free(struct eg_runstate_record *rec);

/*
 * Parses the text of a state file (len bytes, need not end in a NUL) into s,
 * which must be empty; name is used in messages. EG_EDATA with name and line
 * on a malformed line, an unknown version or a stage recorded twice; EG_EIO
 * when out of memory. s is empty after a failure.
 */
int eg_runstate_parse(struct eg_runstate *s, const char *name, const char *text, size_t len,
		      struct eg_error *err);

/*
 * Reads the state file at path into s (empty before the call) as
 * eg_runstate_parse does. A file that does not exist is an empty state and
 * EG_OK. EG_EIO when it exists but cannot be read; s is then empty.
 */
int eg_runstate_read(struct eg_runstate *s, const char *path, struct eg_error *err);

/*
 * Returns the text of s in the format above, in a new string the caller
 * frees; NULL when out of memory.
 */
char *eg_runstate_format(const struct eg_runstate *s);

/*
 * Writes s to path atomically (temporary file beside it, then rename) and
 * clears s->dirty. EG_EIO when it cannot; the old file is then unchanged.
 */
int eg_runstate_write(struct eg_runstate *s, const char *path, struct eg_error *err);

/* Returns the record of stage (borrowed from s), or NULL when there is none. */
const struct eg_runstate_record *eg_runstate_find(const struct eg_runstate *s, const char *stage);

/*
 * Decides whether stage st (resolved) is up to date against its record in s
 * and the disk, filling *v with every reason it is not. Hashes a file only
 * when its size or modification time differs from the record; when the hash
 * is still the same, the record takes the new size and time and s->dirty is
 * set. EG_EIO when a file exists but cannot be read, or when out of memory;
 * *v is then "never ran".
 */
int eg_runstate_check(struct eg_runstate *s, const struct eg_pipeline_stage *st,
		      struct eg_runstate_verdict *v, struct eg_error *err);

/*
 * Makes a new record for stage st holding its command and its declared
 * inputs as they are now (OUT: *rec, freed with eg_runstate_record_free or
 * handed to eg_runstate_commit). Call just before the stage starts. A file
 * whose size and time match an entry already in s for the same path reuses
 * that hash. Inputs that are missing or not files are left out (the stage
 * reports them itself, and the next check finds them). EG_EIO when an input
 * cannot be read, or when out of memory; *rec is then NULL.
 */
int eg_runstate_snapshot(const struct eg_runstate *s, const struct eg_pipeline_stage *st,
			 struct eg_runstate_record **rec, struct eg_error *err);

/*
 * Adds st's declared outputs as they are now to rec (from eg_runstate_snapshot
 * for the same stage) and puts rec in s in place of the stage's old record
 * (or at the end), setting s->dirty. Call after the stage succeeded. Outputs
 * that are missing or not files are left out, so the next check reports
 * them. Takes rec over in every case; on failure (EG_EIO: an output cannot be
 * read, out of memory) rec is freed and s is unchanged.
 */
int eg_runstate_commit(struct eg_runstate *s, struct eg_runstate_record *rec,
		       const struct eg_pipeline_stage *st, struct eg_error *err);

/* Removes the record of stage from s, setting s->dirty when there was one. */
void eg_runstate_forget(struct eg_runstate *s, const char *stage);

/* Returns a static, lowercase name for why ("input changed"). */
const char *eg_runstate_why_name(enum eg_runstate_why why);

#endif
