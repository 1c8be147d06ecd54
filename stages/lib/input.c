/*
 * input.c - plain files, and compressed ones through a decompressor child
 * process writing into a pipe.
 *
 * A file is opened here once per open, and the decompressor reads the
 * descriptor opened here on its standard input: no path is ever handed to
 * xz or gzip, so a name that looks like an option (`--files=x.xz`) stays a
 * name. A pipe or FIFO can be read only once, but a stage may open an input
 * twice (extract reads the head, then the rows), so the first open of one
 * copies it whole into an unlinked temporary file, and every open of that
 * path in the process reads the copy from its start.
 */
#include "engage/input.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* A pipe or FIFO read once into a temporary file. */
struct spool {
	char *path; /* the name it was opened by, owned */
	FILE *copy; /* its bytes, in an unlinked temporary file */
};

static struct spool *spools; /* every pipe or FIFO read so far, for the process's life */
static size_t nspools;	     /* entries at spools */

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int open_error(const char *path, int e, struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, path, 0, 0, "unable to open '%s': %s", path, strerror(e));
}

/* Copies everything fd gives into copy; 0, or an errno value. */
static int copy_all(int fd, FILE *copy)
{
	char buf[65536];
	ssize_t n;

	for (;;) {
		do
			n = read(fd, buf, sizeof(buf));
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return errno;
		if (n == 0)
			return fflush(copy) == 0 ? 0 : errno;
		if (fwrite(buf, 1, (size_t)n, copy) != (size_t)n)
			return errno ? errno : EIO;
	}
}

/* A new descriptor reading the spooled copy of path from its start; -1 with err set. */
static int open_spooled(const char *path, struct eg_error *err)
{
	struct spool *s = NULL, *grown;
	char self[64];
	size_t i;
	int fd, e;

	for (i = 0; i < nspools && !s; i++)
		if (strcmp(spools[i].path, path) == 0)
			s = &spools[i];
	if (!s) {
		FILE *copy;

		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			open_error(path, errno, err);
			return -1;
		}
		copy = tmpfile();
		e = copy ? copy_all(fd, copy) : errno;
		close(fd);
		grown = e ? NULL : realloc(spools, (nspools + 1) * sizeof(*spools));
		if (grown)
			spools = grown;
		if (!e && (!grown || !(grown[nspools].path = strdup(path))))
			e = ENOMEM;
		if (e) {
			if (copy)
				fclose(copy);
			eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s': %s", path,
				     strerror(e));
			return -1;
		}
		s = &spools[nspools++];
		s->copy = copy;
	}
	/* A new open file description: its own offset, at the start. */
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fileno(s->copy));
	fd = open(self, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s' again: %s", path,
			     strerror(errno));
	return fd;
}

/* Opens path for reading: directly, or its spooled copy for a pipe or FIFO; -1 with err set. */
static int open_once(const char *path, struct eg_error *err)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) != 0) {
		open_error(path, errno, err);
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		open_error(path, EISDIR, err);
		return -1;
	}
	if (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))
		return open_spooled(path, err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		open_error(path, errno, err);
	return fd;
}

int eg_input_open(struct eg_input *in, const char *path, struct eg_error *err)
{
	const char *tool = ends_with(path, ".xz") ? "xz" : ends_with(path, ".gz") ? "gzip" : NULL;
	posix_spawn_file_actions_t fa;
	char *argv[3];
	int pipefd[2], rc, fd;

	in->child = 0;
	in->fd = -1;
	fd = open_once(path, err);
	if (fd < 0)
		return EG_EIO;
	if (!tool) {
		in->fd = fd;
		return EG_OK;
	}
	if (pipe(pipefd) != 0) {
		rc = errno;
		close(fd);
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s': %s", path,
				    strerror(rc));
	}
	/* The decompressor reads the file on its standard input: it never sees the name. */
	argv[0] = (char *)tool;
	argv[1] = (char *)"-dc";
	argv[2] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	rc = posix_spawnp(&in->child, tool, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	close(fd);
	if (rc != 0) {
		close(pipefd[0]);
		in->child = 0;
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to run '%s' to read '%s': %s",
				    tool, path, strerror(rc));
	}
	in->fd = pipefd[0];
	return EG_OK;
}
int eg_input_finish(struct eg_input *in, const char *path, struct eg_error *err)
{
	int status;
	pid_t pid = in->child;

	if (!pid)
		return EG_OK;
	in->child = 0;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return eg_error_set(err, EG_EIO, path, 0, 0, "unable to decompress '%s'",
					    path);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return eg_error_set(
			err, EG_EIO, path, 0, 0,
			"unable to decompress '%s': the archive is corrupt or truncated", path);
	return EG_OK;
}

void eg_input_close(struct eg_input *in)
{
	if (in->fd >= 0)
		close(in->fd);
	in->fd = -1;
	if (in->child) {
		int status;

		kill(in->child, SIGTERM);
		waitpid(in->child, &status, 0);
		in->child = 0;
	}
}
