/*
 * runner.c - runs a resolved pipeline's stages one after another.
 *
 * Each stage is started with posix_spawn from its argv (no shell), in a
 * process group of its own, with stdin from /dev/null and stdout and stderr
 * in its log. Signals: while a run is under way SIGINT, SIGTERM and SIGHUP
 * are caught; the handler notes the first one and passes each on to the
 * running stage's process group. They are blocked between posix_spawn and
 * recording the child, so a signal that arrives then is passed on as soon
 * as the child is known, and never lost or sent twice.
 */
#include "engage/runner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engage/path.h"

extern char **environ;

/* Lines of a failed stage's log shown by eg_runner_write_failure. */
#define TAIL_LINES 10
/* Bytes read from the end of a log to find its last lines. */
#define TAIL_BYTES 65536

/* The signals a run catches and passes on to the running stage. */
static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
#define N_CAUGHT (sizeof(caught) / sizeof(caught[0]))

/* First signal caught during the run, 0 when none. */
static volatile sig_atomic_t got_signal;
/* Process group of the running stage, 0 when none runs. */
static volatile sig_atomic_t child_group;

static void on_signal(int sig)
{
	int saved = errno;

	if (!got_signal)
		got_signal = sig;
	if (child_group > 0)
		kill(-(pid_t)child_group, sig);
	errno = saved;
}

/* Signal names for messages; strsignal gives only descriptions. */
static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGHUP: return "SIGHUP";
	case SIGINT: return "SIGINT";
	case SIGQUIT: return "SIGQUIT";
	case SIGILL: return "SIGILL";
	case SIGABRT: return "SIGABRT";
	case SIGFPE: return "SIGFPE";
	case SIGKILL: return "SIGKILL";
	case SIGBUS: return "SIGBUS";
	case SIGSEGV: return "SIGSEGV";
	case SIGPIPE: return "SIGPIPE";
	case SIGALRM: return "SIGALRM";
	case SIGTERM: return "SIGTERM";
	case SIGUSR1: return "SIGUSR1";
	case SIGUSR2: return "SIGUSR2";
	case SIGXCPU: return "SIGXCPU";
	case SIGXFSZ: return "SIGXFSZ";
	default: return "an unknown signal";
	}
}

int eg_runner_init(struct eg_runner *r, const struct eg_pipeline *pl,
		   const struct eg_runner_options *opts, struct eg_error *err)
{
	memset(r, 0, sizeof(*r));
	r->pl = pl;
	r->stopped_at = -1;
	if (opts)
		r->opts = *opts;
	if (pl->n_stages) {
		r->stages = calloc(pl->n_stages, sizeof(*r->stages));
		if (!r->stages)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	r->n_stages = pl->n_stages;
	for (size_t i = 0; i < r->n_stages; i++)
		r->stages[i].exit_code = -1;
	return EG_OK;
}

void eg_runner_release(struct eg_runner *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_stages; i++)
		free(r->stages[i].log_path);
	free(r->stages);
	free(r->log_dir);
	memset(r, 0, sizeof(*r));
	r->stopped_at = -1;
}

char *eg_runner_shell_quote(const char *word)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789_@%+=:,./-";
	size_t n = strlen(word), quotes = 0;
	char *q, *w;

	if (n > 0 && strspn(word, safe) == n)
		return strdup(word);
	for (const char *p = word; *p; p++)
		quotes += *p == '\'';
	q = malloc(n + 3 * quotes + 3);
	if (!q)
		return NULL;
	w = q;
	*w++ = '\'';
	for (const char *p = word; *p; p++) {
		if (*p == '\'') {
			memcpy(w, "'\\''", 4);
			w += 4;
		} else {
			*w++ = *p;
		}
	}
	*w++ = '\'';
	*w = '\0';
	return q;
}

/* The executable as a person would type it from the working folder (OUT: owned). */
static char *shown_exe(const char *exe)
{
	char cwd[4096];
	size_t n;

	if (exe[0] != '/' || !getcwd(cwd, sizeof(cwd)) || strcmp(cwd, "/") == 0)
		return strdup(exe);
	n = strlen(cwd);
	if (strncmp(exe, cwd, n) != 0 || exe[n] != '/')
		return strdup(exe);
	exe += n + 1;
	if (strchr(exe, '/'))
		return strdup(exe);
	return eg_path_join(".", exe);
}

char *eg_runner_command_line(const struct eg_pipeline_stage *st)
{
	char *exe = st->argc ? shown_exe(st->argv[0]) : strdup("");
	char *line = exe ? eg_runner_shell_quote(exe) : NULL;
	size_t len = line ? strlen(line) : 0;

	free(exe);
	for (size_t i = 1; line && i < st->argc; i++) {
		char *q = eg_runner_shell_quote(st->argv[i]);
		char *grown = q ? realloc(line, len + strlen(q) + 2) : NULL;

		if (!grown) {
			free(q);
			free(line);
			return NULL;
		}
		line = grown;
		line[len++] = ' ';
		memcpy(line + len, q, strlen(q) + 1);
		len += strlen(q);
		free(q);
	}
	return line;
}

int eg_runner_log_tail(const char *path, int n, char **tail, struct eg_error *err)
{
	struct stat sb;
	char *buf = NULL, *start;
	ssize_t got;
	off_t from;
	size_t len;
	int fd, e;

	*tail = NULL;
	if (n <= 0) {
		*tail = strdup("");
		return *tail ? EG_OK : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0)
		goto fail;
	from = sb.st_size > TAIL_BYTES ? sb.st_size - TAIL_BYTES : 0;
	buf = malloc(TAIL_BYTES + 1);
	if (!buf)
		goto fail;
	len = 0;
	while ((got = pread(fd, buf + len, TAIL_BYTES - len, from + (off_t)len)) > 0)
		len += (size_t)got;
	if (got < 0)
		goto fail;
	close(fd);
	buf[len] = '\0';
	/* Walk back over n line ends, not counting the one that ends the file. */
	start = buf + len;
	if (start > buf && start[-1] == '\n')
		start--;
	while (start > buf) {
		if (start[-1] == '\n' && --n == 0)
			break;
		start--;
	}
	memmove(buf, start, len - (size_t)(start - buf) + 1);
	*tail = buf;
	return EG_OK;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	free(buf);
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to read '%s': %s", path,
			    strerror(e));
}

char *eg_runner_self_dir(struct eg_error *err)
{
	size_t cap = 256;
	char *buf = NULL, *slash;
	ssize_t n;

	for (;;) {
		char *grown = realloc(buf, cap);

		if (!grown) {
			free(buf);
			eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			return NULL;
		}
		buf = grown;
		n = readlink("/proc/self/exe", buf, cap);
		if (n < 0) {
			eg_error_set(err, EG_EIO, NULL, 0, 0,
				     "unable to find the running executable: %s", strerror(errno));
			free(buf);
			return NULL;
		}
		if ((size_t)n < cap)
			break;
		cap *= 2;
	}
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash) {
		free(buf);
		eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to find the running executable");
		return NULL;
	}
	slash[slash == buf] = '\0';
	return buf;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Starts stage i and waits for it; fills r->stages[i]. */
static int run_stage(struct eg_runner *r, size_t i, struct eg_error *err)
{
	const struct eg_pipeline_stage *st = &r->pl->stages[i];
	struct eg_runner_stage *res = &r->stages[i];
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t block, old, none;
	struct timespec t0;
	int fd, rc, status;
	pid_t pid;

	fd = open(res->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to create '%s': %s",
				    res->log_path, strerror(errno));
	sigemptyset(&none);
	sigemptyset(&block);
	for (size_t k = 0; k < N_CAUGHT; k++)
		sigaddset(&block, caught[k]);
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(fd);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	if (posix_spawnattr_init(&attr) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, fd, 1);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, fd, 2);
	if (rc == 0)
		rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
							     POSIX_SPAWN_SETSIGMASK);
	if (rc == 0)
		rc = posix_spawnattr_setpgroup(&attr, 0);
	if (rc == 0)
		rc = posix_spawnattr_setsigmask(&attr, &none);
	if (rc != 0)
		goto spawn_failed;

	sigprocmask(SIG_BLOCK, &block, &old);
	if (got_signal) {
		/* A signal came before this stage started: start nothing. */
		sigprocmask(SIG_SETMASK, &old, NULL);
		posix_spawnattr_destroy(&attr);
		posix_spawn_file_actions_destroy(&fa);
		close(fd);
		return EG_OK;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = posix_spawn(&pid, st->exe, &fa, &attr, st->argv, environ);
	if (rc == 0)
		child_group = (sig_atomic_t)pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		goto spawn_failed;
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);
	r->n_started++;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			child_group = 0;
			res->state = EG_RUNNER_FAILED;
			return eg_error_set(err, EG_EIO, NULL, 0, 0,
					    "unable to wait for stage '%s': %s", st->name,
					    strerror(errno));
		}
	}
	child_group = 0;
	res->seconds = seconds_since(&t0);
	if (WIFEXITED(status)) {
		res->exit_code = WEXITSTATUS(status);
		res->state = res->exit_code == 0 ? EG_RUNNER_RAN : EG_RUNNER_FAILED;
	} else {
		res->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		res->state = EG_RUNNER_FAILED;
	}
	if (got_signal && res->state == EG_RUNNER_FAILED)
		res->state = EG_RUNNER_INTERRUPTED;
	return EG_OK;

spawn_failed:
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);
	res->state = EG_RUNNER_FAILED;
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to start stage '%s' ('%s'): %s",
			    st->name, st->exe, strerror(rc));
}

/* Writes each stage's command line to opts.commands. */
static int dry_run(struct eg_runner *r, struct eg_error *err)
{
	for (size_t i = 0; i < r->pl->n_stages; i++) {
		char *line = eg_runner_command_line(&r->pl->stages[i]);

		if (!line)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		fprintf(r->opts.commands, "%s\n", line);
		free(line);
	}
	return EG_OK;
}

/* Makes ${out}/logs and each stage's log path. */
static int prepare_logs(struct eg_runner *r, const char *out, struct eg_error *err)
{
	int rc;

	r->log_dir = eg_path_join(out, "logs");
	if (!r->log_dir)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < r->n_stages; i++) {
		size_t n = strlen(r->log_dir) + strlen(r->pl->stages[i].name) + 6;

		r->stages[i].log_path = malloc(n);
		if (!r->stages[i].log_path)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		snprintf(r->stages[i].log_path, n, "%s/%s.log", r->log_dir,
			 r->pl->stages[i].name);
	}
	rc = eg_path_mkdirs(r->log_dir, err);
	return rc;
}

int eg_runner_run(struct eg_runner *r, struct eg_error *err)
{
	struct sigaction act, old[N_CAUGHT];
	int installed[N_CAUGHT] = { 0 };
	const char *out;
	int rc = EG_OK;

	if (!r->pl->resolved)
		return eg_error_set(err, EG_EINTERNAL, r->pl->file, 0, 0,
				    "pipeline run before it was resolved");
	out = eg_pipeline_var_value(r->pl, "out");
	if (!out || !out[0]) {
		r->exit_code = EG_EUSAGE;
		return eg_error_set(err, EG_EUSAGE, r->pl->file, 0, 0,
				    out ? "variable 'out' is empty; it names the folder for logs"
					: "no variable 'out'; add 'var out = FOLDER' for "
					  "outputs and logs");
	}
	if (r->opts.dry_run && !r->opts.commands)
		return eg_error_set(err, EG_EINTERNAL, NULL, 0, 0,
				    "dry run without a stream for the commands");
	if (r->opts.dry_run)
		return dry_run(r, err);
	rc = prepare_logs(r, out, err);
	if (rc != EG_OK) {
		r->exit_code = rc;
		return rc;
	}

	got_signal = 0;
	child_group = 0;
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigemptyset(&act.sa_mask);
	act.sa_flags = 0; /* no SA_RESTART: waitpid returns on a signal */
	for (size_t k = 0; k < N_CAUGHT; k++) {
		if (sigaction(caught[k], NULL, &old[k]) != 0 || old[k].sa_handler == SIG_IGN)
			continue;
		installed[k] = sigaction(caught[k], &act, NULL) == 0;
	}

	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_pipeline_stage *st = &r->pl->stages[i];
		struct eg_runner_stage *res = &r->stages[i];

		if (r->opts.notes) {
			char *line = eg_runner_command_line(st);

			fprintf(r->opts.notes, "engage: running stage '%s': %s\n", st->name,
				line ? line : st->exe);
			fflush(r->opts.notes);
			free(line);
		}
		rc = run_stage(r, i, err);
		if (rc != EG_OK) {
			r->stopped_at = (long)i;
			r->exit_code = rc;
			break;
		}
		if (got_signal) {
			/* Stopped by a signal: this stage, or the one before it. */
			r->signal = got_signal;
			r->exit_code = 128 + got_signal;
			if (res->state != EG_RUNNER_NOT_RUN)
				r->stopped_at = (long)i;
			else
				r->stopped_at = (long)i - 1;
			break;
		}
		if (res->state == EG_RUNNER_FAILED) {
			r->stopped_at = (long)i;
			r->exit_code = res->signal ? 128 + res->signal : res->exit_code;
			break;
		}
	}

	for (size_t k = 0; k < N_CAUGHT; k++)
		if (installed[k])
			sigaction(caught[k], &old[k], NULL);
	return rc;
}

void eg_runner_write_failure(const struct eg_runner *r, FILE *fp)
{
	const struct eg_runner_stage *res;
	const char *name;
	struct eg_error err;
	char *tail = NULL;

	if (r->signal) {
		if (r->stopped_at < 0)
			fprintf(fp, "engage: interrupted by %s before the first stage\n",
				signal_name(r->signal));
		else if (r->stages[r->stopped_at].state == EG_RUNNER_INTERRUPTED)
			fprintf(fp, "engage: stage '%s' interrupted by %s\n",
				r->pl->stages[r->stopped_at].name, signal_name(r->signal));
		else
			fprintf(fp, "engage: interrupted by %s after stage '%s'\n",
				signal_name(r->signal), r->pl->stages[r->stopped_at].name);
		return;
	}
	if (r->stopped_at < 0)
		return;
	res = &r->stages[r->stopped_at];
	name = r->pl->stages[r->stopped_at].name;
	if (res->state != EG_RUNNER_FAILED || (res->exit_code < 0 && !res->signal))
		return; /* the runner's own error, reported by the caller */
	if (res->signal)
		fprintf(fp, "engage: stage '%s' failed (killed by %s, signal %d)\n", name,
			signal_name(res->signal), res->signal);
	else
		fprintf(fp, "engage: stage '%s' failed (exit %d)\n", name, res->exit_code);
	eg_error_clear(&err);
	if (eg_runner_log_tail(res->log_path, TAIL_LINES, &tail, &err) != EG_OK) {
		fprintf(fp, "engage: %s\n", err.message);
		return;
	}
	if (!tail[0]) {
		fprintf(fp, "engage: its log '%s' is empty\n", res->log_path);
	} else {
		const char *p = tail;

		fprintf(fp, "engage: last lines of '%s':\n", res->log_path);
		while (*p) {
			size_t n = strcspn(p, "\n");

			fprintf(fp, "    %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
	free(tail);
}

static const char *state_text(enum eg_runner_state s)
{
	switch (s) {
	case EG_RUNNER_RAN: return "ran";
	case EG_RUNNER_FAILED: return "failed";
	case EG_RUNNER_INTERRUPTED: return "interrupted";
	case EG_RUNNER_NOT_RUN: break;
	}
	return "not run";
}

void eg_runner_write_summary(const struct eg_runner *r, FILE *fp)
{
	int name_w = (int)strlen("stage"), state_w = (int)strlen("status");

	for (size_t i = 0; i < r->n_stages; i++) {
		int n = (int)strlen(r->pl->stages[i].name);
		int s = (int)strlen(state_text(r->stages[i].state));

		name_w = n > name_w ? n : name_w;
		state_w = s > state_w ? s : state_w;
	}
	fprintf(fp, "%-*s  %-*s  %7s\n", name_w, "stage", state_w, "status", "seconds");
	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_runner_stage *res = &r->stages[i];

		if (res->state == EG_RUNNER_NOT_RUN)
			fprintf(fp, "%-*s  %-*s  %7s\n", name_w, r->pl->stages[i].name, state_w,
				state_text(res->state), "-");
		else
			fprintf(fp, "%-*s  %-*s  %7.2f\n", name_w, r->pl->stages[i].name,
				state_w, state_text(res->state), res->seconds);
	}
}
