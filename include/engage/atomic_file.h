/*
 * atomic_file.h - output files that appear whole or not at all.
 *
 * Output goes to a temporary file in the destination's folder; commit flushes
 * it to disk and renames it over the destination, so a reader sees either the
 * previous file or the complete new one. A stage that fails, or is stopped by
 * SIGINT, SIGTERM or SIGHUP, leaves the previous outputs untouched and removes
 * its temporary files.
 */
#ifndef ENGAGE_ATOMIC_FILE_H
#define ENGAGE_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "engage/error.h"

/* One output being written. */
struct eg_atomic_file {
	FILE *fp;	/* stream to write to; NULL when not open */
	char *path;	/* destination, owned */
	char *tmp_path; /* temporary file beside it, owned */
	int slot;	/* index in the signal-cleanup registry, -1 if none */
};

/*
 * Creates a temporary file beside path and opens it for writing in af. On
 * failure returns EG_EIO naming path, and af is left closed.
 */
int eg_atomic_open(struct eg_atomic_file *af, const char *path, struct eg_error *err);

/*
 * Like eg_atomic_open, but closes the temporary file at once, for a library
 * that writes by file name: write to af->tmp_path, then commit or abort.
 */
int eg_atomic_reserve(struct eg_atomic_file *af, const char *path, struct eg_error *err);

/*
 * Flushes, syncs and closes the temporary file, leaving it beside the
 * destination for eg_atomic_publish. Any write error seen on the stream,
 * including one from an earlier fprintf, fails with EG_EIO, removes the
 * temporary file and closes af.
 */
int eg_atomic_settle(struct eg_atomic_file *af, struct eg_error *err);

/*
 * Renames a settled temporary file to its destination and syncs the folder.
 * af is closed afterwards either way (the temporary file removed on failure).
 */
int eg_atomic_publish(struct eg_atomic_file *af, struct eg_error *err);

/* Settles af, then publishes it: the new file replaces the old one whole. */
int eg_atomic_commit(struct eg_atomic_file *af, struct eg_error *err);

/*
 * Publishes the n settled files afs (borrowed) in order. After a failure the
 * rest are aborted, so their previous versions stay. For outputs that must
 * change together: settle them all first, so a write error leaves every
 * previous output in place, then publish them all.
 */
int eg_atomic_publish_all(struct eg_atomic_file *const *afs, size_t n, struct eg_error *err);

/* Closes and removes the temporary file. A closed af is a no-op. */
void eg_atomic_abort(struct eg_atomic_file *af);

/*
 * Removes, in folder dir, the temporary files that atomic writes of a process
 * killed before it could clean up left behind: files named "<name>.tmp."
 * and six more characters, for the given name, or for any name when name
 * is NULL. Best effort: files that cannot be removed stay.
 */
void eg_atomic_sweep(const char *dir, const char *name);

/*
 * Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every
 * temporary file still open and then let the signal end the process.
 */
void eg_atomic_cleanup_on_signal(void);

#endif
