/*
 * error.h - status codes, exit codes and the error record every library
 * function fills.
 *
 * Library functions return an eg_status and, on failure, describe the problem
 * in a caller-owned struct eg_error: which file, line and column, and a
 * message in the style "unable to open 'x.csv'". The library never prints and
 * never exits; the stage front-ends (cli.h) turn an error into a line on
 * stderr and an exit code.
 */
#ifndef ENGAGE_ERROR_H
#define ENGAGE_ERROR_H

#include <stddef.h>

/* Status of a library call; the values are also the process exit codes. */
enum eg_status {
	EG_OK = 0,	  /* success */
	EG_EDATA = 1,	  /* bad input data the user must fix */
	EG_EUSAGE = 2,	  /* bad arguments or a bad pipeline file */
	EG_EIO = 3,	  /* I/O or system error (open, write, rename, memory) */
	EG_EINTERNAL = 4, /* a bug: an invariant did not hold */
};

/* What went wrong, where. Filled by the function that fails. */
struct eg_error {
	enum eg_status status; /* EG_OK while nothing failed */
	char file[512];	       /* file the problem is in, "" when none */
	long line;	       /* 1-based line in file, 0 when unknown */
	long column;	       /* 1-based column (field or byte), 0 when unknown */
	char message[1024];    /* lowercase, no full stop, subject quoted */
};

/* Returns a static, lowercase description of status. */
const char *eg_strerror(enum eg_status status);

/* Resets err to "no error". err may be NULL. */
void eg_error_clear(struct eg_error *err);

/*
 * Records a failure in err (may be NULL) and returns status, so a caller can
 * write `return eg_error_set(err, EG_EDATA, path, line, col, "...")`.
 * file may be NULL; line and column 0 mean unknown.
 */
int eg_error_set(struct eg_error *err, enum eg_status status, const char *file, long line,
		 long column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * Writes err as "file:line:column: message" (parts that are unknown left out)
 * into buf of size n, always NUL-terminated. Returns buf.
 */
char *eg_error_format(const struct eg_error *err, char *buf, size_t n);

#endif
