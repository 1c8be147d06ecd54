/*
 * run_lock.h - one run per output folder: an advisory lock (flock) on the
 * file `.engage-lock` in the folder, held by `engage run` from before it
 * reads the state file until it has written it for the last time. A second
 * run on the same folder stops at once, naming the run that holds it; the
 * lock goes with the process that holds it, however that process ends.
 */
#ifndef ENGAGE_RUN_LOCK_H
#define ENGAGE_RUN_LOCK_H

#include "engage/error.h"

#define EG_RUN_LOCK_FILE ".engage-lock" /* the lock file's name in the output folder */

/* A held lock. */
struct eg_run_lock {
	int fd; /* the open lock file holding the lock; -1 when none */
};

/*
 * Takes the lock of folder dir (which must exist) into l. EG_EIO naming the
 * folder and the process holding it when another run has it, or when the
 * lock file cannot be made (a symlink at its name is refused, not followed).
 */
int eg_run_lock_take(struct eg_run_lock *l, const char *dir, struct eg_error *err);

/* The process id of the run holding dir's lock, -1 when it is held by a process not named, 0 when free. */
long eg_run_lock_holder(const char *dir);

/* Releases the lock (the file stays). A released or never-taken lock with fd -1 is a no-op. */
void eg_run_lock_release(struct eg_run_lock *l);

#endif
