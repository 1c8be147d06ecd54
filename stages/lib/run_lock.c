/*
 * run_lock.c - the output folder's lock: flock on `.engage-lock`, opened
 * without following a symlink, with the holder's process id written in it
 * so that a run refused names the one that runs.
 */
#include "engage/run_lock.h"
#include "engage/path.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* The process id written in the lock file open at fd, or 0 when it holds none. */
static long written_pid(int fd)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, NULL, 10);
	return pid > 0 ? pid : 0;
}

int eg_run_lock_take(struct eg_run_lock *l, const char *dir, struct eg_error *err)
{
	char *path, line[32];
	int rc, fd, e;
	long pid;

	l->fd = -1;
	path = eg_path_join(dir, EG_RUN_LOCK_FILE);
	if (!path)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = eg_error_set(err, EG_EIO, path, 0, 0, "unable to open the lock file '%s': %s",
				  path, strerror(errno));
		free(path);
		return rc;
	}
	while ((rc = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
		;
	if (rc != 0) {
		e = errno;
		pid = e == EWOULDBLOCK ? written_pid(fd) : 0;
		close(fd);
		free(path);
		if (e != EWOULDBLOCK)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to lock '%s': %s", dir,
					    strerror(e));
		if (pid)
			return eg_error_set(err, EG_EIO, NULL, 0, 0,
					    "'%s' is in use by another run of engage (process %ld): "
					    "run again once it has ended, or give another out=",
					    dir, pid);
		return eg_error_set(err, EG_EIO, NULL, 0, 0,
				    "'%s' is in use by another run of engage: run again once it "
				    "has ended, or give another out=",
				    dir);
	}
	free(path);
	snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	/* The id is a courtesy for the message above: the lock holds without it. */
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, strlen(line), 0) < 0)
		line[0] = '\0';
	l->fd = fd;
	return EG_OK;
}

long eg_run_lock_holder(const char *dir)
{
	char *path = eg_path_join(dir, EG_RUN_LOCK_FILE);
	long pid = 0;
	int fd = path ? open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;

	free(path);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
		pid = written_pid(fd);
		if (!pid)
			pid = -1;
	}
	close(fd);
	return pid;
}

void eg_run_lock_release(struct eg_run_lock *l)
{
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}
