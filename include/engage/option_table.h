/*
 * option_table.h - a command's options written once, as a table: each entry
 * holds the long name, the short letter if any, the argument's name, the
 * help text and where the value goes. From it come getopt_long's array,
 * the parsing (values stored, bad values refused) and the options part of
 * --help, so an option is added by adding one line to its stage's table.
 *
 *	int verbose = 0;
 *	const struct eg_option options[] = {
 *		EG_OPT_TEXT(0, "in", &opts.in_dir, "DIR", "extract's output folder"),
 *		EG_OPT_STAGE_COMMON(&verbose),
 *		EG_OPT_END,
 *	};
 *	const struct eg_command cmd = { "clean", usage, options, exit_codes };
 *	int rc = eg_option_parse(&cmd, argc, argv);
 *	if (rc != EG_OPTIONS_READ)
 *		return rc;
 *
 * Tables live in the stages' main.c, beside the values they fill.
 */
#ifndef ENGAGE_OPTION_TABLE_H
#define ENGAGE_OPTION_TABLE_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

/* What an option's value is, and so where and how it is stored. */
enum eg_option_kind {
	EG_OPTION_END,	   /* ends the table */
	EG_OPTION_FLAG,	   /* no argument: *(int *)value = 1 */
	EG_OPTION_SWITCH,  /* --NAME and --NAME=1 set *(int *)value to 1, --NAME=0 and --NAME= to 0 */
	EG_OPTION_TEXT,	   /* *(const char **)value = the argument; NULL when it is none */
	EG_OPTION_LIST,	   /* repeatable: each argument appended to (const char **)value */
	EG_OPTION_NUMBER,  /* a whole number from 1 to 99999: *(int64_t *)value; with a none
			      word, any number from 1, the word storing INT64_MAX (no limit) */
	EG_OPTION_SHARE,   /* a number from 0 (excluded when above_zero) to 1 (excluded): *(double *)value */
	EG_OPTION_CALL,	   /* the argument goes to call(), which checks and stores it */
	EG_OPTION_HELP,	   /* prints --help on stdout and ends the parse */
	EG_OPTION_VERSION, /* prints the version on stdout and ends the parse */
};

struct eg_option;

/*
 * Checks and stores arg (NULL when the option was given without its
 * argument) for the option spelled as the user wrote it ("--jobs", "-j") in
 * command cmd; returns 0, or the exit code after saying what is wrong
 * (eg_cli_usage_error).
 */
typedef int (*eg_option_call)(const struct eg_option *opt, const char *cmd, const char *spelled,
			      const char *arg);

/* One entry of an option table; written with the EG_OPT_* macros below. */
struct eg_option {
	enum eg_option_kind kind;
	char short_name;       /* 'v' for -v; 0 for none */
	const char *long_name; /* "verbose" for --verbose */
	const char *arg;       /* the argument's name in --help ("DIR"); NULL when it takes none */
	const char *help;      /* what it does: wrapped to fit in --help; "\n" starts a new line */
	void *value;	       /* where the value goes, by kind */
	const char *none;      /* TEXT: the argument that means none ("", "auto"), or NULL */
	size_t *count;	       /* LIST: entries in value so far */
	size_t max;	       /* LIST: entries value has room for */
	int above_zero;	       /* SHARE: 0 is refused too */
	eg_option_call call;   /* CALL: checks and stores the argument */
};

/* A command: its name, its option table and the text --help prints around it. */
struct eg_command {
	const char *name;		 /* "clean": starts every message; --version prints it */
	const char *usage;		 /* synopsis and description, before the options */
	const struct eg_option *options; /* the table, ended by EG_OPT_END */
	const char *epilog;		 /* after the options (exit codes), or NULL */
	int operands;			 /* 1: words that are no options are left for the caller */
	/*
	 * NULL: getopt names a bad option and "NAME: unknown option" follows.
	 * Else the parser names it: "NAME: unknown option 'X'" and this text
	 * (" for status"; "" for none), and a missing argument goes to the
	 * option's call() as NULL.
	 */
	const char *unknown_note;
};

/* eg_option_parse read every option: optind indexes the first operand. */
#define EG_OPTIONS_READ (-1)

/*
 * Reads argv's options by cmd's table, storing each value where its entry
 * says. Returns EG_OPTIONS_READ, or the exit code to end with: 0 after
 * --help or --version, EG_EUSAGE after saying on stderr what is wrong,
 * EG_EIO when stdout cannot be written. getopt's state (optind, optarg) is
 * global: one parse at a time.
 */
int eg_option_parse(const struct eg_command *cmd, int argc, char **argv);

/*
 * Builds getopt_long's array from table (ended by an all-zero entry, owned
 * by the caller, who frees it) and its short options into optstring (room
 * for 3 bytes per entry and 2 more); a long option's val is 256 plus its
 * index in table, a short one's is its letter. NULL on out of memory.
 */
struct option *eg_option_longopts(const struct eg_option *table, int own_messages,
				  char *optstring);

/* Returns cmd's --help text, owned by the caller (NULL on out of memory). */
char *eg_option_help_text(const struct eg_command *cmd);

/* Prints cmd's --help on stdout; returns 0, or EG_EIO when stdout cannot be written. */
int eg_option_help(const struct eg_command *cmd);

/* The entries, as git's parse-options writes them; v is type-checked by kind (not a call()'s). */
#define EG_OPT_FLAG(s, l, v, h)                                                                    \
	{ .kind = EG_OPTION_FLAG, .short_name = (s), .long_name = (l), .help = (h),                \
	  .value = (1 ? (v) : (int *)0) }
#define EG_OPT_SWITCH(s, l, v, h)                                                                  \
	{ .kind = EG_OPTION_SWITCH, .short_name = (s), .long_name = (l), .arg = "1|0",             \
	  .help = (h), .value = (1 ? (v) : (int *)0) }
#define EG_OPT_TEXT(s, l, v, a, h)                                                                 \
	{ .kind = EG_OPTION_TEXT, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),    \
	  .value = (1 ? (v) : (const char **)0) }
#define EG_OPT_TEXT_OR_NONE(s, l, v, a, none_word, h)                                              \
	{ .kind = EG_OPTION_TEXT, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),    \
	  .value = (1 ? (v) : (const char **)0), .none = (none_word) }
#define EG_OPT_LIST(s, l, v, n, room, a, h)                                                        \
	{ .kind = EG_OPTION_LIST, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),    \
	  .value = (1 ? (v) : (const char **)0), .count = (n), .max = (room) }
#define EG_OPT_NUMBER(s, l, v, a, h)                                                               \
	{ .kind = EG_OPTION_NUMBER, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),  \
	  .value = (1 ? (v) : (int64_t *)0) }
#define EG_OPT_NUMBER_OR_ALL(s, l, v, a, all_word, h)                                              \
	{ .kind = EG_OPTION_NUMBER, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),  \
	  .value = (1 ? (v) : (int64_t *)0), .none = (all_word) }
#define EG_OPT_SHARE(s, l, v, a, h)                                                                \
	{ .kind = EG_OPTION_SHARE, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),   \
	  .value = (1 ? (v) : (double *)0) }
#define EG_OPT_SHARE_ABOVE_ZERO(s, l, v, a, h)                                                     \
	{ .kind = EG_OPTION_SHARE, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),   \
	  .value = (1 ? (v) : (double *)0), .above_zero = 1 }
#define EG_OPT_CALL(s, l, v, a, fn, h)                                                             \
	{ .kind = EG_OPTION_CALL, .short_name = (s), .long_name = (l), .arg = (a), .help = (h),    \
	  .value = (v), .call = (fn) }
#define EG_OPT_HELP(s, h) { .kind = EG_OPTION_HELP, .short_name = (s), .long_name = "help", .help = (h) }
#define EG_OPT_VERSION(h) { .kind = EG_OPTION_VERSION, .long_name = "version", .help = (h) }
#define EG_OPT_END { .kind = EG_OPTION_END }

/* The options every stage has: -v/--verbose into *verbose, -h/--help, --version. */
#define EG_OPT_STAGE_COMMON(verbose)                                                               \
	EG_OPT_FLAG('v', "verbose", verbose,                                                       \
		    "a progress line on stderr even when it is not a terminal"),                   \
		EG_OPT_HELP('h', "this text"), EG_OPT_VERSION("the version")

#endif
