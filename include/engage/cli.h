/*
 * cli.h - what every stage executable shares at its edge: the version, how
 * an error becomes a line on stderr and an exit code, and --help/--version.
 *
 * This is the one module that prints (option_table.c, the command line's
 * parser, prints through it); the rest of the library only fills struct
 * eg_error.
 */
#ifndef ENGAGE_CLI_H
#define ENGAGE_CLI_H

#include "engage/error.h"
#include "engage/version.h"

/*
 * Prints "stage: file:line:column: message" for err to stderr and returns the
 * exit code for err->status (0 when err holds no error).
 */
int eg_cli_report(const char *stage, const struct eg_error *err);

/*
 * Prints "stage: message" and a pointer to --help on stderr for a bad command
 * line; returns EG_EUSAGE.
 */
int eg_cli_usage_error(const char *stage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints "stage VERSION" on stdout and returns 0. */
int eg_cli_version(const char *stage);

/*
 * Prints usage text on stdout and returns 0, or EG_EIO when stdout cannot
 * be written (a closed pipe, a full disk).
 */
int eg_cli_help(const char *usage);

#endif
