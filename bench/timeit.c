/*
 * timeit.c - runs one command and says how long it took and how much
 * memory it held, for make bench.
 *
 *   timeit OUT_FILE COMMAND [ARG...]
 *
 * Runs COMMAND (execvp, no shell) with the standard streams it was given,
 * waits for it, and writes one line to OUT_FILE:
 *
 *   wall_seconds user_seconds sys_seconds peak_rss_kb exit_status
 *
 * Times and memory are those of getrusage(RUSAGE_CHILDREN) after the wait,
 * so a command that runs others and waits for them (bin/engage run) is
 * measured with them: CPU times add up and the peak RSS is that of the
 * largest process of the tree. exit_status is the command's exit code, or
 * 128 + the signal that ended it. timeit exits with that status too, or
 * with 2 on a usage error and 3 when it cannot run the command or write
 * OUT_FILE.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status, code;
	FILE *out;

	if (argc < 3) {
		fputs("usage: timeit OUT_FILE COMMAND [ARG...]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "timeit: unable to fork: %s\n", strerror(errno));
		return 3;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "timeit: unable to run '%s': %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "timeit: unable to wait: %s\n", strerror(errno));
			return 3;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_CHILDREN, &ru);
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	out = fopen(argv[1], "w");
	if (!out) {
		fprintf(stderr, "timeit: unable to open '%s': %s\n", argv[1], strerror(errno));
		return 3;
	}
	fprintf(out, "%.3f %.3f %.3f %ld %d\n",
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		seconds(ru.ru_utime), seconds(ru.ru_stime), ru.ru_maxrss, code);
	if (fclose(out) != 0) {
		fprintf(stderr, "timeit: unable to write '%s': %s\n", argv[1], strerror(errno));
		return 3;
	}
	return code;
}
