/*
 * input.h - opening an input file for reading, plain or compressed.
 *
 * A name ending in .xz or .gz is read through `xz -dc` or `gzip -dc` (run
 * directly, never through a shell, reading the file on its standard input),
 * so exports can stay compressed on disk. A pipe or FIFO is read once and
 * kept, so opening the same name again in the process reads the same bytes.
 */
#ifndef ENGAGE_INPUT_H
#define ENGAGE_INPUT_H

#include <sys/types.h>

#include "engage/error.h"

/* An open input. */
struct eg_input {
	int fd;	     /* descriptor to read; -1 when closed */
	pid_t child; /* decompressor feeding fd, or 0 */
};

/* Opens path into in (a folder is refused). EG_EIO naming path when it cannot be opened. */
int eg_input_open(struct eg_input *in, const char *path, struct eg_error *err);

/*
 * After the last byte was read: waits for the decompressor and returns
 * EG_EIO when it failed (a corrupt or truncated archive). EG_OK for plain files.
 */
int eg_input_finish(struct eg_input *in, const char *path, struct eg_error *err);

/* Closes in, stopping a decompressor still running. A closed in is a no-op. */
void eg_input_close(struct eg_input *in);

#endif
