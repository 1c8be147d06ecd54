/*
 * pipeline.h - a pipeline file read into a struct and checked, before
 * anything runs.
 *
 * A pipeline file lists stages in the order they run:
 *
 *     # comments take a whole line
 *     var raw = fixtures/shopify
 *     var out = out/demo
 *
 *     stage extract
 *       run  extract --in ${raw}/orders_export.csv --out ${out}/extract
 *       in   ${raw}/orders_export.csv
 *       out  ${out}/extract/orders.csv ${out}/extract/order_lines.csv
 *
 * `var NAME = VALUE` defines a variable (NAME is [A-Za-z_][A-Za-z0-9_]*,
 * VALUE the rest of the line, trimmed; a VALUE that starts with a double
 * quote must be exactly one quoted word and loses its quotes). Variables are
 * global to the file: one may be used above the line that defines it, and
 * `var` may appear between stages. `stage NAME` (NAME is
 * [A-Za-z_][A-Za-z0-9_-]*) starts a stage; the keys `run` (once), `in` and
 * `out` (any number of times, several words each) belong to the stage above
 * them; indentation is for the reader only. An `in` word holding a file
 * name pattern (*, ?, [...], as glob(3)) stands for every regular file it
 * matches and every file under a folder it matches, at any depth, leaving
 * out hidden files and spreadsheet lock files (file_walk.h: the same walk
 * extract reads a month folder with), in name order, and must give at
 * least one. `in?` declares inputs like `in`, except that a word expanding
 * to nothing (a variable left empty, such as the rates file of a pipeline
 * that converts no currency) is no input rather than an error.
 *
 * Words are split on spaces and tabs; double quotes group spaces into one
 * word ("a b"), with \" and \\ as the only escapes inside them. `${name}` is
 * expanded inside each word after splitting, so a value such as `a b` or
 * `x; rm -rf ~` stays one word, and nothing is ever given to a shell. A value
 * given on the command line (eg_pipeline_set_var) is taken literally: it is
 * not expanded again. Relative paths are relative to the working folder, not
 * to the pipeline file.
 *
 * The first word of `run` names the executable: a bare name (no '/') is the
 * file of that name in the folder given to eg_pipeline_resolve (the folder
 * holding the running `engage`), a word with '/' is a path.
 *
 * Use: eg_pipeline_init, eg_pipeline_parse (or eg_pipeline_read for a file),
 * eg_pipeline_set_var for each command-line override, eg_pipeline_resolve,
 * then read the struct; eg_pipeline_release frees everything. Every problem
 * is reported as EG_EUSAGE with the file and the line it is on, except
 * reading the file (EG_EIO) and running out of memory (EG_EIO).
 */
#ifndef ENGAGE_PIPELINE_H
#define ENGAGE_PIPELINE_H

#include <stddef.h>

#include "engage/error.h"

/* A variable defined in the pipeline file. */
struct eg_pipeline_var {
	char *name;	/* variable name, owned */
	char *value;	/* value as written in the file (quotes removed), owned */
	char *override; /* value from the command line, owned; NULL when none */
	char *expanded; /* final value, owned; NULL until eg_pipeline_resolve */
	long line;	/* line of its `var` */
	int visiting;	/* set while its value is being expanded (finds cycles) */
};

/* One file named by an `in` or `out` line. */
struct eg_pipeline_path {
	char *word;    /* the word as written, before expansion, owned */
	char *path;    /* expanded path, owned; NULL until eg_pipeline_resolve */
	long line;     /* line of its `in` or `out` */
	long producer; /* for an input: index of the earlier stage that outputs
			 * it, or -1 for a source file; for an output: the
			 * index of its own stage */
	int if_set;    /* an `in?` word: no input when it expands to nothing */
};

/* One `stage` block. */
struct eg_pipeline_stage {
	char *name;			   /* stage name, unique in the file, owned */
	long line;			   /* line of `stage NAME` */
	long run_line;			   /* line of `run`, 0 when missing */
	char **words;			   /* `run` words before expansion, owned */
	size_t n_words;			   /* entries in words */
	char **argv;			   /* expanded command, NULL-terminated,
					   * argv[0] equal to exe; owned; NULL
					   * until eg_pipeline_resolve */
	size_t argc;			   /* entries in argv before the NULL */
	char *program;			   /* first `run` word after expansion,
					   * before the lookup ("extract",
					   * "bin/ok"), owned: what the state
					   * file records as the command, so
					   * moving the checkout changes no
					   * command; NULL until resolve */
	char *exe;			   /* file given to execv, owned */
	struct eg_pipeline_path *declared; /* `in` words in file order, owned */
	size_t n_declared;		   /* entries in declared */
	struct eg_pipeline_path *inputs;   /* input files: one per `in` word, or
					    * one per file its pattern (*, ?,
					    * [...]) matches, in name order;
					    * owned; NULL until resolve */
	size_t n_inputs;		   /* entries in inputs */
	struct eg_pipeline_path *outputs;  /* `out` files in file order, owned */
	size_t n_outputs;		   /* entries in outputs */
};

/* A whole pipeline file. Owns everything it points to. */
struct eg_pipeline {
	char *file;			  /* file name used in messages, owned */
	struct eg_pipeline_var *vars;	  /* variables in file order */
	size_t n_vars;			  /* entries in vars */
	struct eg_pipeline_stage *stages; /* stages in file (run) order */
	size_t n_stages;		  /* entries in stages */
	int resolved;			  /* 1 once eg_pipeline_resolve succeeded */
};

/* Makes pl an empty pipeline; needs no eg_pipeline_release until parsed. */
void eg_pipeline_init(struct eg_pipeline *pl);

/* Frees everything pl owns and leaves it empty. pl may be NULL. */
void eg_pipeline_release(struct eg_pipeline *pl);

/*
 * Parses the text of a pipeline file (len bytes, need not end in a NUL) into
 * pl, which must be empty (a UTF-8 byte order mark at the start is skipped).
 * file is the name used in error messages. Checks
 * the syntax only: keys, variable and stage names, quotes, duplicates, a
 * `run` in every stage. On failure returns EG_EUSAGE (EG_EIO when out of
 * memory) with err naming the line, and pl is released and empty.
 */
int eg_pipeline_parse(struct eg_pipeline *pl, const char *file, const char *text, size_t len,
		      struct eg_error *err);

/*
 * Reads the file at path and parses it as eg_pipeline_parse does. EG_EIO
 * when the file cannot be read; pl is then empty.
 */
int eg_pipeline_read(struct eg_pipeline *pl, const char *path, struct eg_error *err);

/*
 * Overrides the file's value of variable name with value (copied, taken
 * literally). EG_EUSAGE when the file defines no such variable, with a
 * message listing the names it does define. Call after parsing, before
 * eg_pipeline_resolve. pl is unchanged on failure.
 */
int eg_pipeline_set_var(struct eg_pipeline *pl, const char *name, const char *value,
			struct eg_error *err);

/*
 * Expands every variable and word and checks the pipeline against the disk:
 * each executable exists and is executable (bare names looked up in bin_dir),
 * no output is declared twice, each input is an output of an earlier stage
 * (or lies under one) or an existing regular file (not a folder: `in` and
 * `out` name files, whose content the runner hashes), and no input is an
 * output of its own or a later stage. Fills vars[].expanded, stages[].argv,
 * program and exe, and the paths and producers of inputs and outputs.
 * Returns EG_EUSAGE with the line at the first problem; filled fields are
 * then released again.
 */
int eg_pipeline_resolve(struct eg_pipeline *pl, const char *bin_dir, struct eg_error *err);

/* Returns the final value of variable name (borrowed), or NULL when undefined or not resolved. */
const char *eg_pipeline_var_value(const struct eg_pipeline *pl, const char *name);

/* Returns the index of the stage called name, or -1. */
long eg_pipeline_find_stage(const struct eg_pipeline *pl, const char *name);

#endif
