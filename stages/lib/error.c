/*
 * error.c - the status string table and the error record.
 */
#include "engage/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_text[] = {
	[EG_OK] = "success",
	[EG_EDATA] = "bad input data",
	[EG_EUSAGE] = "usage error",
	[EG_EIO] = "i/o or system error",
	[EG_EINTERNAL] = "internal error",
};

const char *eg_strerror(enum eg_status status)
{
	if ((unsigned)status >= sizeof(status_text) / sizeof(status_text[0]))
		return "unknown error";
	return status_text[status];
}

void eg_error_clear(struct eg_error *err)
{
	if (!err)
		return;
	err->status = EG_OK;
	err->file[0] = '\0';
	err->line = 0;
	err->column = 0;
	err->message[0] = '\0';
}

int eg_error_set(struct eg_error *err, enum eg_status status, const char *file, long line,
		 long column, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return status;
}

char *eg_error_format(const struct eg_error *err, char *buf, size_t n)
{
	size_t used = 0;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (err->file[0]) {
		used += (size_t)snprintf(buf, n, "%s:", err->file);
		if (err->line > 0 && used < n)
			used += (size_t)snprintf(buf + used, n - used, "%ld:", err->line);
		if (err->line > 0 && err->column > 0 && used < n)
			used += (size_t)snprintf(buf + used, n - used, "%ld:", err->column);
		if (used < n)
			used += (size_t)snprintf(buf + used, n - used, " ");
	}
	if (used < n)
		snprintf(buf + used, n - used, "%s",
			 err->message[0] ? err->message : eg_strerror(err->status));
	return buf;
}
