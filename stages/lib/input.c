/*
 * input.c - plain files, and compressed ones through a decompressor child
 * process writing into a pipe.
 */
#include "engage/input.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

int eg_input_open(struct eg_input *in, const char *path, struct eg_error *err)
{
	const char *tool = ends_with(path, ".xz") ? "xz" : ends_with(path, ".gz") ? "gzip" : NULL;
	posix_spawn_file_actions_t fa;
	char *argv[4];
	int pipefd[2], rc;

	in->child = 0;
	in->fd = -1;
	/* Open it ourselves first, so a missing file reads as one. */
	if (access(path, R_OK) != 0 || (!tool && (in->fd = open(path, O_RDONLY)) < 0))
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to open '%s': %s", path,
				    strerror(errno));
	if (!tool)
		return EG_OK;
	if (pipe(pipefd) != 0)
		return eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s': %s", path,
				    strerror(errno));
	argv[0] = (char *)tool;
	argv[1] = (char *)"-dc";
	argv[2] = (char *)path;
	argv[3] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	rc = posix_spawnp(&in->child, tool, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
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
