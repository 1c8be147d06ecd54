/*
 * cli.c - error lines, usage errors, --help and --version for the stage
 * executables.
 */
#include "engage/cli.h"

#include <stdarg.h>
#include <stdio.h>

int eg_cli_report(const char *stage, const struct eg_error *err)
{
	char buf[2048];

	if (err->status == EG_OK)
		return 0;
	fprintf(stderr, "%s: %s\n", stage, eg_error_format(err, buf, sizeof(buf)));
	return (int)err->status;
}

int eg_cli_usage_error(const char *stage, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", stage);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s: try '%s --help'\n", stage, stage);
	return EG_EUSAGE;
}

int eg_cli_version(const char *stage)
{
	printf("%s %s\n", stage, ENGAGE_VERSION);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EG_EIO;
}

int eg_cli_help(const char *usage)
{
	fputs(usage, stdout);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : EG_EIO;
}
