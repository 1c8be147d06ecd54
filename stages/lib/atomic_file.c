/*
 * atomic_file.c - write to a temporary file beside the destination, then
 * fsync and rename it into place; remove temporaries on failure or signal.
 *
 * Temporary names are kept in a fixed registry that the signal handler can
 * read without allocating, so an interrupted stage leaves no litter.
 */
#include "engage/atomic_file.h"
#include "engage/path.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 64

static char slot_path[SLOTS][PATH_MAX]; /* temporary files still open */
static volatile sig_atomic_t slot_used[SLOTS];

static int slot_take(const char *tmp)
{
	int i;

	if (strlen(tmp) >= PATH_MAX)
		return -1;
	for (i = 0; i < SLOTS; i++) {
		if (!slot_used[i]) {
			strcpy(slot_path[i], tmp);
			slot_used[i] = 1;
			return i;
		}
	}
	return -1;
}

static void slot_release(int i)
{
	if (i >= 0)
		slot_used[i] = 0;
}

static void on_signal(int sig)
{
	int i;

	for (i = 0; i < SLOTS; i++)
		if (slot_used[i])
			unlink(slot_path[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* 1 when file is "<name>.tmp.XXXXXX" (any name when name is NULL). */
static int is_temporary(const char *file, const char *name)
{
	size_t n = name ? strlen(name) : 0, len = strlen(file);

	if (name && strncmp(file, name, n) != 0)
		return 0;
	if (!name)
		n = len >= 11 ? len - 11 : len;
	return len == n + 11 && n > 0 && strncmp(file + n, ".tmp.", 5) == 0;
}

void eg_atomic_sweep(const char *dir, const char *name)
{
	DIR *dp = opendir(dir);
	struct dirent *d;

	while (dp && (d = readdir(dp)) != NULL) {
		char *victim;

		if (!is_temporary(d->d_name, name))
			continue;
		victim = eg_path_join(dir, d->d_name);
		if (victim)
			unlink(victim);
		free(victim);
	}
	if (dp)
		closedir(dp);
}

void eg_atomic_cleanup_on_signal(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void release(struct eg_atomic_file *af)
{
	slot_release(af->slot);
	free(af->path);
	free(af->tmp_path);
	af->fp = NULL;
	af->path = NULL;
	af->tmp_path = NULL;
	af->slot = -1;
}

int eg_atomic_open(struct eg_atomic_file *af, const char *path, struct eg_error *err)
{
	size_t n = strlen(path);
	int fd;

	af->fp = NULL;
	af->slot = -1;
	af->path = strdup(path);
	af->tmp_path = malloc(n + sizeof(".tmp.XXXXXX"));
	if (!af->path || !af->tmp_path) {
		release(af);
		return eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
	}
	memcpy(af->tmp_path, path, n);
	memcpy(af->tmp_path + n, ".tmp.XXXXXX", sizeof(".tmp.XXXXXX"));
	fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		int e = errno;

		release(af);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to create '%s': %s", path,
				    strerror(e));
	}
	af->slot = slot_take(af->tmp_path);
	/* mkstemp makes the file 0600; outputs are ordinary files. */
	{
		mode_t um = umask(0);

		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		int e = errno;

		close(fd);
		unlink(af->tmp_path);
		release(af);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to write '%s': %s", path,
				    strerror(e));
	}
	return EG_OK;
}

int eg_atomic_reserve(struct eg_atomic_file *af, const char *path, struct eg_error *err)
{
	int rc = eg_atomic_open(af, path, err);

	if (rc != EG_OK)
		return rc;
	if (fclose(af->fp) != 0) {
		int e = errno;

		af->fp = NULL;
		eg_atomic_abort(af);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to write '%s': %s", path,
				    strerror(e));
	}
	af->fp = NULL;
	return EG_OK;
}

/* Flushes and syncs a file written by name, not through af->fp. */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Syncs the folder holding path, so the rename itself is durable. */
static void sync_dir(const char *path)
{
	char *dir = strdup(path), *slash;
	int fd;

	if (!dir)
		return;
	slash = strrchr(dir, '/');
	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Removes af's temporary file after error e and reports it as EG_EIO. */
static int fail(struct eg_atomic_file *af, int e, struct eg_error *err)
{
	unlink(af->tmp_path);
	eg_error_set(err, EG_EIO, af->path, 0, 0, "unable to write '%s': %s", af->path,
		     e ? strerror(e) : "write error");
	release(af);
	return EG_EIO;
}

int eg_atomic_settle(struct eg_atomic_file *af, struct eg_error *err)
{
	int failed = 0, e = 0;

	if (!af->tmp_path)
		return eg_error_set(err, EG_EINTERNAL, NULL, 0, 0, "commit of a closed file");
	if (af->fp) {
		failed = fflush(af->fp) != 0 || ferror(af->fp);
		if (failed)
			e = errno;
		if (!failed && fsync(fileno(af->fp)) != 0) {
			failed = 1;
			e = errno;
		}
		if (fclose(af->fp) != 0 && !failed) {
			failed = 1;
			e = errno;
		}
		af->fp = NULL;
	} else if (sync_path(af->tmp_path) != 0) {
		failed = 1;
		e = errno;
	}
	if (failed)
		return fail(af, e, err);
	return EG_OK;
}

int eg_atomic_publish(struct eg_atomic_file *af, struct eg_error *err)
{
	if (!af->tmp_path || af->fp)
		return eg_error_set(err, EG_EINTERNAL, NULL, 0, 0, "publish of an unsettled file");
	if (rename(af->tmp_path, af->path) != 0)
		return fail(af, errno, err);
	sync_dir(af->path);
	release(af);
	return EG_OK;
}

int eg_atomic_commit(struct eg_atomic_file *af, struct eg_error *err)
{
	int rc = eg_atomic_settle(af, err);

	return rc == EG_OK ? eg_atomic_publish(af, err) : rc;
}

int eg_atomic_publish_all(struct eg_atomic_file *const *afs, size_t n, struct eg_error *err)
{
	size_t i;
	int rc = EG_OK;

	for (i = 0; i < n; i++) {
		if (rc == EG_OK)
			rc = eg_atomic_publish(afs[i], err);
		else
			eg_atomic_abort(afs[i]);
	}
	return rc;
}

void eg_atomic_abort(struct eg_atomic_file *af)
{
	if (!af->fp && !af->tmp_path)
		return;
	if (af->fp)
		fclose(af->fp);
	if (af->tmp_path)
		unlink(af->tmp_path);
	release(af);
}
