/*
 * runner.c - runs the stages a plan says must run, up to N at a time.
 *
 * Each stage is started with posix_spawn from its argv (no shell), in a
 * process group of its own, with stdin from /dev/null and stdout and stderr
 * in its log. One loop starts every stage that is ready (its producers that
 * run in this run have finished well) while fewer than `jobs` run, then
 * waits for any one of them with waitpid(-1): the runner has no children
 * but its stages. With one job this is file order, one stage at a time.
 *
 * Signals: while stages run, SIGINT, SIGTERM and SIGHUP are caught; the
 * handler notes the first one and passes each on to the process group of
 * every running stage, from a table of groups it can read safely. They are
 * blocked between posix_spawn and recording the child in that table, so a
 * signal that arrives then is passed on as soon as the child is known, and
 * never lost or sent twice.
 *
 * The state file is rewritten after every stage that ends, so a run stopped
 * half way keeps what it finished and forgets what failed.
 */
#include "engage/runner.h"
#include "engage/atomic_file.h"

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

#include "engage/manifest.h"
#include "engage/manifest_totals.h"
#include "engage/path.h"
#include "engage/timezone.h"

extern char **environ;

/* Lines of a failed stage's log shown by eg_runner_write_failure. */
#define TAIL_LINES 10
/* Bytes read from the end of a log to find its last lines. */
#define TAIL_BYTES 65536

/* The signals a run catches and passes on to the running stages. */
static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
#define N_CAUGHT (sizeof(caught) / sizeof(caught[0]))

/* First signal caught during the run, 0 when none. */
static volatile sig_atomic_t got_signal;
/* Process groups of the running stages, 0 for a free entry. */
static volatile sig_atomic_t groups[EG_RUNNER_MAX_JOBS];

static void on_signal(int sig)
{
	int saved = errno;

	if (!got_signal)
		got_signal = sig;
	for (size_t k = 0; k < EG_RUNNER_MAX_JOBS; k++)
		if (groups[k] > 0)
			kill(-(pid_t)groups[k], sig);
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
	r->live_second = -1;
	eg_runstate_init(&r->state);
	eg_run_plan_init(&r->plan);
	eg_error_clear(&r->state_warning);
	if (opts)
		r->opts = *opts;
	if (r->opts.jobs == 0)
		r->opts.jobs = 1;
	if (r->opts.jobs < 1 || r->opts.jobs > EG_RUNNER_MAX_JOBS)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "-j wants 1 to %d stages at once, not %d", EG_RUNNER_MAX_JOBS,
				    r->opts.jobs);
	if (pl->n_stages) {
		r->stages = calloc(pl->n_stages, sizeof(*r->stages));
		if (!r->stages)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	r->n_stages = pl->n_stages;
	for (size_t i = 0; i < r->n_stages; i++) {
		r->stages[i].exit_code = -1;
		r->stages[i].rows_in = -1;
		r->stages[i].rows_out = -1;
		r->stages[i].slot = -1;
	}
	return EG_OK;
}

void eg_runner_release(struct eg_runner *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_stages; i++) {
		free(r->stages[i].log_path);
		eg_runstate_record_free(r->stages[i].pending);
	}
	free(r->stages);
	free(r->log_dir);
	free(r->state_path);
	eg_runstate_release(&r->state);
	eg_run_plan_release(&r->plan);
	if (r->locked)
		eg_run_lock_release(&r->lock);
	memset(r, 0, sizeof(*r));
	r->stopped_at = -1;
	r->live_second = -1;
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
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to read '%s': %s", path, strerror(e));
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

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Keeps the first error of a run: copies e into err when nothing failed yet. */
static int keep_error(int *first, struct eg_error *err, int rc, const struct eg_error *e)
{
	if (rc != EG_OK && *first == EG_OK) {
		*first = rc;
		if (err && e)
			*err = *e;
	}
	return rc;
}

/* The output root, or EG_EUSAGE when the pipeline has none. */
static int output_root(struct eg_runner *r, const char **out, struct eg_error *err)
{
	*out = NULL;
	if (!r->pl->resolved)
		return eg_error_set(err, EG_EINTERNAL, r->pl->file, 0, 0,
				    "pipeline run before it was resolved");
	*out = eg_pipeline_var_value(r->pl, "out");
	if (!*out || !(*out)[0])
		return eg_error_set(err, EG_EUSAGE, r->pl->file, 0, 0,
				    *out ? "variable 'out' is empty; it names the folder for "
					   "outputs, logs and the state file"
					 : "no variable 'out'; add 'var out = FOLDER' for "
					   "outputs, logs and the state file");
	return EG_OK;
}

/* Reads the state file and makes the plan with popts; fills r->state_path. */
static int prepare(struct eg_runner *r, const struct eg_run_plan_options *popts,
		   struct eg_error *err)
{
	struct eg_error e;
	const char *out = NULL;
	int rc = output_root(r, &out, err);

	if (rc != EG_OK)
		return rc;
	free(r->state_path);
	r->state_path = eg_path_join(out, EG_RUNSTATE_FILE);
	if (!r->state_path)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	eg_runstate_release(&r->state);
	eg_error_clear(&e);
	rc = eg_runstate_read(&r->state, r->state_path, &e);
	if (rc == EG_EDATA) {
		/* A damaged state file only costs a full run: note it and go on. */
		r->state_warning = e;
	} else if (rc != EG_OK) {
		if (err)
			*err = e;
		return rc;
	}
	eg_run_plan_release(&r->plan);
	r->planned = 0;
	rc = eg_run_plan_make(&r->plan, r->pl, &r->state, popts, err);
	if (rc != EG_OK)
		return rc;
	r->planned = 1;
	for (size_t i = 0; i < r->n_stages; i++)
		r->stages[i].state = r->plan.stages[i].action == EG_RUN_PLAN_SKIP
					     ? EG_RUNNER_SKIPPED
					     : EG_RUNNER_NOT_RUN;
	return EG_OK;
}

int eg_runner_plan(struct eg_runner *r, struct eg_error *err)
{
	int rc = prepare(r, NULL, err);

	if (rc == EG_OK)
		r->busy = eg_run_lock_holder(eg_pipeline_var_value(r->pl, "out"));
	return rc;
}

/* Makes each stage's log path, and ${out}/logs itself when make_dir. */
static int prepare_logs(struct eg_runner *r, int make_dir, struct eg_error *err)
{
	const char *out = eg_pipeline_var_value(r->pl, "out");

	r->log_dir = eg_path_join(out, "logs");
	if (!r->log_dir)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (size_t i = 0; i < r->n_stages; i++) {
		size_t n = strlen(r->log_dir) + strlen(r->pl->stages[i].name) + 6;

		r->stages[i].log_path = malloc(n);
		if (!r->stages[i].log_path)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		snprintf(r->stages[i].log_path, n, "%s/%s.log", r->log_dir, r->pl->stages[i].name);
	}
	return make_dir ? eg_path_mkdirs(r->log_dir, err) : EG_OK;
}

/* 1 when every producer of stage i's inputs that runs in this run has run. */
static int ready(const struct eg_runner *r, size_t i)
{
	const struct eg_pipeline_stage *st = &r->pl->stages[i];

	for (size_t k = 0; k < st->n_inputs; k++) {
		long j = st->inputs[k].producer;

		if (j >= 0 && r->plan.stages[j].action == EG_RUN_PLAN_RUN &&
		    r->stages[j].state != EG_RUNNER_RAN)
			return 0;
	}
	return 1;
}

/*
 * Snapshots stage i's inputs, opens its log and starts it. Returns EG_OK
 * without starting it when a signal has come (res->pid stays 0).
 */
static int start_stage(struct eg_runner *r, size_t i, struct eg_error *err)
{
	const struct eg_pipeline_stage *st = &r->pl->stages[i];
	struct eg_runner_stage *res = &r->stages[i];
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t block, old, none;
	int fd, rc, slot = -1;
	pid_t pid;

	for (int k = 0; k < EG_RUNNER_MAX_JOBS && slot < 0; k++)
		if (groups[k] == 0)
			slot = k;
	if (slot < 0)
		return eg_error_set(err, EG_EINTERNAL, NULL, 0, 0, "no free job slot");
	rc = eg_runstate_snapshot(&r->state, st, &res->pending, err);
	if (rc != EG_OK)
		return rc;
	/*
	 * A new file every time: whatever was at the name (last run's log, or a
	 * symlink planted there) is removed, not written through.
	 */
	if (unlink(res->log_path) != 0 && errno != ENOENT)
		fd = -1;
	else
		fd = open(res->log_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			  0666);
	if (fd < 0) {
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to create '%s': %s",
				  res->log_path, strerror(errno));
		goto drop_pending;
	}
	sigemptyset(&none);
	sigemptyset(&block);
	for (size_t k = 0; k < N_CAUGHT; k++)
		sigaddset(&block, caught[k]);
	if (posix_spawn_file_actions_init(&fa) != 0) {
		close(fd);
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto drop_pending;
	}
	if (posix_spawnattr_init(&attr) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd);
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto drop_pending;
	}
	rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, fd, 1);
	if (rc == 0)
		rc = posix_spawn_file_actions_adddup2(&fa, fd, 2);
	if (rc == 0)
		rc = posix_spawnattr_setflags(&attr,
					      POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
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
		eg_runstate_record_free(res->pending);
		res->pending = NULL;
		return EG_OK;
	}
	res->started = now_seconds();
	rc = posix_spawn(&pid, st->exe, &fa, &attr, st->argv, environ);
	if (rc == 0) {
		groups[slot] = (sig_atomic_t)pid;
		res->pid = (long)pid;
		res->slot = slot;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		goto spawn_failed;
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);
	r->n_started++;
	return EG_OK;

spawn_failed:
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);
	res->state = EG_RUNNER_FAILED;
	rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "unable to start stage '%s' ('%s'): %s",
			  st->name, st->exe, strerror(rc));
drop_pending:
	eg_runstate_record_free(res->pending);
	res->pending = NULL;
	return rc;
}

/*
 * Removes what the atomic writes of a stopped stage left beside its declared
 * outputs: files named "<output name>.tmp." and six more characters.
 */
static void sweep_temp_files(const struct eg_pipeline_stage *st)
{
	for (size_t k = 0; k < st->n_outputs; k++) {
		const char *path = st->outputs[k].path;
		const char *slash = strrchr(path, '/');
		const char *base = slash ? slash + 1 : path;
		char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path))
				  : strdup(".");

		if (dir && *base)
			eg_atomic_sweep(dir, base);
		free(dir);
	}
}

/* Writes the state file when it changed. */
static int save_state(struct eg_runner *r, struct eg_error *err)
{
	if (!r->state.dirty)
		return EG_OK;
	return eg_runstate_write(&r->state, r->state_path, err);
}

/* Records how stage i ended (wait status) and updates the state file. */
static int finish_stage(struct eg_runner *r, size_t i, int status, struct eg_error *err)
{
	const struct eg_pipeline_stage *st = &r->pl->stages[i];
	struct eg_runner_stage *res = &r->stages[i];
	int rc;

	if (res->slot >= 0)
		groups[res->slot] = 0;
	res->slot = -1;
	res->pid = 0;
	res->seconds = now_seconds() - res->started;
	if (WIFEXITED(status)) {
		res->exit_code = WEXITSTATUS(status);
		res->state = res->exit_code == 0 ? EG_RUNNER_RAN : EG_RUNNER_FAILED;
	} else {
		res->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
		res->state = EG_RUNNER_FAILED;
	}
	if (got_signal && res->state == EG_RUNNER_FAILED)
		res->state = EG_RUNNER_INTERRUPTED;
	if (res->state == EG_RUNNER_RAN) {
		/* Kept in memory: the state file is written when the run ends or stops. */
		rc = eg_runstate_commit(&r->state, res->pending, st, err);
		res->pending = NULL;
		return rc;
	}
	eg_runstate_record_free(res->pending);
	res->pending = NULL;
	sweep_temp_files(st);
	eg_runstate_forget(&r->state, st->name);
	return save_state(r, err);
}

/* Index of the running stage with process pid, or -1. */
static long stage_of(const struct eg_runner *r, pid_t pid)
{
	for (size_t i = 0; i < r->n_stages; i++)
		if (r->stages[i].pid == (long)pid)
			return (long)i;
	return -1;
}

/* -v: says that stage i starts, why, and its command line. */
static void note_running(const struct eg_runner *r, size_t i)
{
	const struct eg_pipeline_stage *st = &r->pl->stages[i];
	char *line;

	if (!r->opts.notes)
		return;
	line = eg_runner_command_line(st);
	fprintf(r->opts.notes, "engage: running stage '%s' (%s): %s\n", st->name,
		r->plan.stages[i].reason, line ? line : st->exe);
	fflush(r->opts.notes);
	free(line);
}

/* -v: says that stage i does not run, and why. */
static void note_skipping(const struct eg_runner *r, size_t i)
{
	if (!r->opts.notes)
		return;
	fprintf(r->opts.notes, "engage: skipping stage '%s': %s\n", r->pl->stages[i].name,
		r->plan.stages[i].reason);
	fflush(r->opts.notes);
}

/* Draws the live line: the stages running and the seconds since the first of them started. */
static void live_draw(struct eg_runner *r)
{
	char line[200];
	size_t used = 0;
	double oldest = 0;
	long second;

	if (!r->opts.live)
		return;
	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_runner_stage *res = &r->stages[i];

		if (!res->pid)
			continue;
		if (used < sizeof(line))
			used += (size_t)snprintf(line + used, sizeof(line) - used, "%s%s",
						 used ? ", " : "running ", r->pl->stages[i].name);
		if (oldest == 0 || res->started < oldest)
			oldest = res->started;
	}
	if (!used)
		return;
	second = (long)(now_seconds() - oldest);
	if (second == r->live_second)
		return;
	r->live_second = second;
	r->live_shown = 1;
	fprintf(r->opts.live, "\r%s (%ld s)\033[K", line, second);
	fflush(r->opts.live);
}

/* Clears the live line, if one is shown. */
static void live_clear(struct eg_runner *r)
{
	if (!r->live_shown)
		return;
	fputs("\r\033[K", r->opts.live);
	fflush(r->opts.live);
	r->live_shown = 0;
	r->live_second = -1;
}

/*
 * Waits for any stage to end, as waitpid(-1) does. With a live line it
 * looks every 0.1 s instead, redrawing the line as the seconds pass; a
 * signal still ends the wait with EINTR.
 */
static pid_t wait_any(struct eg_runner *r, int *status)
{
	struct timespec tick = { 0, 100000000 };
	pid_t pid;

	if (!r->opts.live)
		return waitpid(-1, status, 0);
	for (;;) {
		pid = waitpid(-1, status, WNOHANG);
		if (pid != 0)
			return pid;
		live_draw(r);
		if (nanosleep(&tick, NULL) != 0)
			return -1;
	}
}

/* Starts and waits for the planned stages; the first error goes to err. */
static int run_stages(struct eg_runner *r, struct eg_error *err)
{
	size_t running = 0;
	long last_done = -1;
	int first = EG_OK, stop = 0;
	struct eg_error e;

	for (;;) {
		for (size_t i = 0;
		     !stop && !got_signal && i < r->n_stages && running < (size_t)r->opts.jobs;
		     i++) {
			struct eg_runner_stage *res = &r->stages[i];
			int rc;

			if (r->plan.stages[i].action != EG_RUN_PLAN_RUN ||
			    res->state != EG_RUNNER_NOT_RUN || res->pid || !ready(r, i))
				continue;
			note_running(r, i);
			eg_error_clear(&e);
			rc = start_stage(r, i, &e);
			if (keep_error(&first, err, rc, &e) != EG_OK) {
				stop = 1;
				if (res->state == EG_RUNNER_FAILED)
					last_done = (long)i;
			} else if (res->pid) {
				running++;
			}
		}
		if (running == 0)
			break;
		{
			int status, rc;
			pid_t pid = wait_any(r, &status);
			long i;

			if (pid < 0) {
				if (errno == EINTR)
					continue;
				eg_error_set(&e, EG_EIO, NULL, 0, 0,
					     "unable to wait for the running stages: %s",
					     strerror(errno));
				keep_error(&first, err, EG_EIO, &e);
				break;
			}
			i = stage_of(r, pid);
			if (i < 0)
				continue;
			running--;
			eg_error_clear(&e);
			rc = finish_stage(r, (size_t)i, status, &e);
			r->live_second = -1; /* other stages run now: redraw */
			if (keep_error(&first, err, rc, &e) != EG_OK)
				stop = 1;
			if (r->stages[i].state != EG_RUNNER_RAN)
				stop = 1;
			last_done = i;
		}
	}
	live_clear(r);
	for (size_t i = 0; i < r->n_stages && r->stopped_at < 0; i++)
		if (r->stages[i].state == EG_RUNNER_FAILED ||
		    r->stages[i].state == EG_RUNNER_INTERRUPTED)
			r->stopped_at = (long)i;
	if (got_signal) {
		r->signal = got_signal;
		if (r->stopped_at < 0)
			r->stopped_at = last_done;
	}
	return first;
}

/* Fills rows_in and rows_out of the stages that ran or were skipped. */
static void read_rows(struct eg_runner *r)
{
	for (size_t i = 0; i < r->n_stages; i++) {
		struct eg_runner_stage *res = &r->stages[i];
		struct eg_manifest_totals t;
		struct eg_error e;
		char *path;

		if (res->state != EG_RUNNER_RAN && res->state != EG_RUNNER_SKIPPED)
			continue;
		path = eg_runner_manifest_path(&r->pl->stages[i]);
		if (path && access(path, R_OK) == 0 &&
		    eg_manifest_totals_read(path, &t, &e) == EG_OK) {
			res->rows_in = t.rows_in;
			res->rows_out = t.rows_out;
			res->unread = t.unread;
		}
		free(path);
	}
}

/* Takes the output folder's lock when the folder exists (not for a dry run). */
static int lock_existing(struct eg_runner *r, struct eg_error *err)
{
	const char *out = NULL;
	struct stat sb;
	int rc;

	if (r->opts.dry_run)
		return EG_OK;
	rc = output_root(r, &out, err);
	if (rc != EG_OK || stat(out, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return rc;
	rc = eg_run_lock_take(&r->lock, out, err);
	r->locked = rc == EG_OK;
	return rc;
}

/* Makes the output folder and takes its lock. */
static int lock_new(struct eg_runner *r, struct eg_error *err)
{
	const char *out = eg_pipeline_var_value(r->pl, "out");
	int rc = eg_path_mkdirs(out, err);

	if (rc == EG_OK)
		rc = eg_run_lock_take(&r->lock, out, err);
	r->locked = rc == EG_OK;
	return rc;
}

int eg_runner_run(struct eg_runner *r, struct eg_error *err)
{
	struct eg_run_plan_options popts = { 0 };
	struct sigaction act, old[N_CAUGHT];
	int installed[N_CAUGHT] = { 0 };
	int rc;

	if (r->opts.dry_run && !r->opts.commands)
		return eg_error_set(err, EG_EINTERNAL, NULL, 0, 0,
				    "dry run without a stream for the commands");
	popts.force = r->opts.force;
	popts.only = r->opts.only;
	popts.from = r->opts.from;
	popts.until = r->opts.until;
	/*
	 * One run per output folder, locked before its state is read. A folder
	 * not made yet holds no state: it is made and locked once the plan
	 * holds, so a run refused by its checks creates nothing, and planned
	 * again should another run have made it in the meantime.
	 */
	rc = lock_existing(r, err);
	if (rc == EG_OK)
		rc = prepare(r, &popts, err);
	if (rc == EG_OK)
		rc = eg_run_plan_check_inputs(&r->plan, err);
	if (rc == EG_OK && !r->opts.dry_run && !r->locked && (rc = lock_new(r, err)) == EG_OK &&
	    access(r->state_path, F_OK) == 0) {
		rc = prepare(r, &popts, err);
		if (rc == EG_OK)
			rc = eg_run_plan_check_inputs(&r->plan, err);
	}
	if (rc != EG_OK) {
		r->exit_code = rc;
		return rc;
	}
	if (r->opts.dry_run) {
		eg_runner_write_script(r, r->opts.commands);
		return EG_OK;
	}
	rc = prepare_logs(r, r->plan.n_run > 0, err);
	if (rc != EG_OK) {
		r->exit_code = rc;
		return rc;
	}
	for (size_t i = 0; i < r->n_stages; i++)
		if (r->plan.stages[i].action != EG_RUN_PLAN_RUN)
			note_skipping(r, i);

	got_signal = 0;
	for (size_t k = 0; k < EG_RUNNER_MAX_JOBS; k++)
		groups[k] = 0;
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigemptyset(&act.sa_mask);
	act.sa_flags = 0; /* no SA_RESTART: waitpid returns on a signal */
	for (size_t k = 0; k < N_CAUGHT; k++) {
		if (sigaction(caught[k], NULL, &old[k]) != 0 || old[k].sa_handler == SIG_IGN)
			continue;
		installed[k] = sigaction(caught[k], &act, NULL) == 0;
	}

	rc = run_stages(r, err);
	/* Once per run: what ran, and touched files (the fast path of the next run). */
	{
		struct eg_error e;
		int src;

		eg_error_clear(&e);
		src = save_state(r, &e);
		if (rc == EG_OK && src != EG_OK) {
			rc = src;
			if (err)
				*err = e;
		}
	}

	for (size_t k = 0; k < N_CAUGHT; k++)
		if (installed[k])
			sigaction(caught[k], &old[k], NULL);
	read_rows(r);
	if (rc != EG_OK)
		r->exit_code = rc;
	else if (r->signal)
		r->exit_code = 128 + r->signal;
	else if (r->stopped_at >= 0)
		r->exit_code = r->stages[r->stopped_at].signal
				       ? 128 + r->stages[r->stopped_at].signal
				       : r->stages[r->stopped_at].exit_code;
	else
		r->exit_code = 0;
	eg_run_lock_release(&r->lock);
	r->locked = 0;
	return rc;
}

/* Writes line with "# " before it and after each newline in it. */
static void write_commented(FILE *fp, const char *line)
{
	fputs("# ", fp);
	for (; *line; line++) {
		fputc(*line, fp);
		if (*line == '\n')
			fputs("# ", fp);
	}
	fputc('\n', fp);
}

void eg_runner_write_script(const struct eg_runner *r, FILE *fp)
{
	if (!r->planned)
		return;
	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_run_plan_stage *ps = &r->plan.stages[i];
		const char *name = r->pl->stages[i].name;
		char *line = eg_runner_command_line(&r->pl->stages[i]);

		switch (ps->action) {
		case EG_RUN_PLAN_RUN:
			fprintf(fp, "# stage %s will run: %s\n", name, ps->reason);
			fprintf(fp, "%s\n", line ? line : r->pl->stages[i].exe);
			break;
		case EG_RUN_PLAN_SKIP:
			fprintf(fp, "# stage %s is skipped: %s\n", name, ps->reason);
			write_commented(fp, line ? line : r->pl->stages[i].exe);
			break;
		case EG_RUN_PLAN_EXCLUDED:
			fprintf(fp, "# stage %s is not run: %s\n", name, ps->reason);
			write_commented(fp, line ? line : r->pl->stages[i].exe);
			break;
		}
		free(line);
	}
}

/*
 * "time zone: ..." from the stage manifests among the outputs: the zone the
 * last one names, with how it was found when one says it.
 */
static void write_zone(const struct eg_runner *r, FILE *fp)
{
	char zone[EG_TZ_NAME_SIZE] = "", found[1024] = "";
	size_t i, k, n, suffix = strlen(".manifest.csv");

	for (i = 0; i < r->n_stages; i++)
		for (k = 0; k < r->pl->stages[i].n_outputs; k++) {
			const char *path = r->pl->stages[i].outputs[k].path;

			n = path ? strlen(path) : 0;
			if (n < suffix || strcmp(path + n - suffix, ".manifest.csv") != 0 ||
			    !eg_manifest_read_param(path, "timezone", zone, sizeof(zone)))
				continue;
			/* render's manifest names the zone, but not how it was found. */
			eg_manifest_read_param(path, "timezone_found", found, sizeof(found));
		}
	if (found[0])
		fprintf(fp, "time zone: %s\n", found);
	else if (zone[0])
		fprintf(fp, "time zone: %s, as given\n", zone);
}

void eg_runner_write_status(const struct eg_runner *r, FILE *fp)
{
	int name_w = 0;

	if (!r->planned)
		return;
	for (size_t i = 0; i < r->n_stages; i++) {
		int n = (int)strlen(r->pl->stages[i].name);

		name_w = n > name_w ? n : name_w;
	}
	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_run_plan_stage *ps = &r->plan.stages[i];

		/* Another run is rewriting the outputs: nothing is known up to date. */
		if (r->busy > 0)
			fprintf(fp, "%-*s  out of date: a run is in progress (process %ld)\n", name_w,
				r->pl->stages[i].name, r->busy);
		else if (r->busy)
			fprintf(fp, "%-*s  out of date: a run is in progress\n", name_w,
				r->pl->stages[i].name);
		else if (ps->action == EG_RUN_PLAN_SKIP)
			fprintf(fp, "%-*s  up to date\n", name_w, r->pl->stages[i].name);
		else if (ps->action == EG_RUN_PLAN_RUN)
			fprintf(fp, "%-*s  out of date: %s\n", name_w, r->pl->stages[i].name,
				ps->reason);
		else
			fprintf(fp, "%-*s  %s\n", name_w, r->pl->stages[i].name, ps->reason);
	}
	write_zone(r, fp);
}

/* Writes the failure note and log tail of stage i. */
static void write_stage_failure(const struct eg_runner *r, size_t i, FILE *fp)
{
	const struct eg_runner_stage *res = &r->stages[i];
	const char *name = r->pl->stages[i].name;
	struct eg_error err;
	char *tail = NULL;

	if (res->exit_code < 0 && !res->signal)
		return; /* never started: the runner's own error, reported by the caller */
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

void eg_runner_write_failure(const struct eg_runner *r, FILE *fp)
{
	if (r->signal) {
		int any = 0;

		for (size_t i = 0; i < r->n_stages; i++) {
			if (r->stages[i].state == EG_RUNNER_INTERRUPTED) {
				fprintf(fp, "engage: stage '%s' interrupted by %s\n",
					r->pl->stages[i].name, signal_name(r->signal));
				any = 1;
			} else if (r->stages[i].state == EG_RUNNER_FAILED) {
				write_stage_failure(r, i, fp);
				any = 1;
			}
		}
		if (any)
			return;
		if (r->stopped_at < 0)
			fprintf(fp, "engage: interrupted by %s before the first stage\n",
				signal_name(r->signal));
		else
			fprintf(fp, "engage: interrupted by %s after stage '%s'\n",
				signal_name(r->signal), r->pl->stages[r->stopped_at].name);
		return;
	}
	for (size_t i = 0; i < r->n_stages; i++)
		if (r->stages[i].state == EG_RUNNER_FAILED)
			write_stage_failure(r, i, fp);
}

static const char *state_text(enum eg_runner_state s)
{
	switch (s) {
	case EG_RUNNER_SKIPPED: return "skipped";
	case EG_RUNNER_RAN: return "ran";
	case EG_RUNNER_FAILED: return "failed";
	case EG_RUNNER_INTERRUPTED: return "interrupted";
	case EG_RUNNER_NOT_RUN: break;
	}
	return "not run";
}

/* Writes v right-aligned in w columns, or "-" when it is negative (unknown). */
static void write_count(FILE *fp, int w, int64_t v)
{
	if (v < 0)
		fprintf(fp, "  %*s", w, "-");
	else
		fprintf(fp, "  %*lld", w, (long long)v);
}

static int count_width(int64_t v)
{
	char buf[32];

	return v < 0 ? 1 : snprintf(buf, sizeof(buf), "%lld", (long long)v);
}

void eg_runner_write_summary(const struct eg_runner *r, FILE *fp)
{
	int name_w = (int)strlen("stage"), state_w = (int)strlen("status");
	int in_w = (int)strlen("rows in"), out_w = (int)strlen("rows out");

	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_runner_stage *res = &r->stages[i];
		int n = (int)strlen(r->pl->stages[i].name);
		int s = (int)strlen(state_text(res->state));

		name_w = n > name_w ? n : name_w;
		state_w = s > state_w ? s : state_w;
		in_w = count_width(res->rows_in) > in_w ? count_width(res->rows_in) : in_w;
		out_w = count_width(res->rows_out) > out_w ? count_width(res->rows_out) : out_w;
	}
	fprintf(fp, "%-*s  %-*s  %*s  %*s  %7s\n", name_w, "stage", state_w, "status", in_w,
		"rows in", out_w, "rows out", "seconds");
	for (size_t i = 0; i < r->n_stages; i++) {
		const struct eg_runner_stage *res = &r->stages[i];
		int timed = res->state == EG_RUNNER_RAN || res->state == EG_RUNNER_FAILED ||
			    res->state == EG_RUNNER_INTERRUPTED;

		fprintf(fp, "%-*s  %-*s", name_w, r->pl->stages[i].name, state_w,
			state_text(res->state));
		write_count(fp, in_w, res->rows_in);
		write_count(fp, out_w, res->rows_out);
		if (timed && (res->exit_code >= 0 || res->signal))
			fprintf(fp, "  %7.2f\n", res->seconds);
		else
			fprintf(fp, "  %7s\n", "-");
	}
	for (size_t i = 0; i < r->n_stages; i++)
		if (r->stages[i].unread > 0)
			fprintf(fp,
				"engage: %s did not read %lld file%s: each is named with why in "
				"'%s' and on the Data quality sheet\n",
				r->pl->stages[i].name, (long long)r->stages[i].unread,
				r->stages[i].unread == 1 ? "" : "s",
				r->stages[i].log_path ? r->stages[i].log_path : "its log");
}

char *eg_runner_manifest_path(const struct eg_pipeline_stage *st)
{
	static const char suffix[] = ".manifest.csv";
	const char *first, *slash;
	size_t n;
	char *dir, *name, *path;

	for (size_t k = 0; k < st->n_outputs; k++) {
		const char *p = st->outputs[k].path;
		size_t len = strlen(p);

		if (len >= sizeof(suffix) - 1 &&
		    strcmp(p + len - (sizeof(suffix) - 1), suffix) == 0)
			return strdup(p);
	}
	if (st->n_outputs == 0)
		return NULL;
	first = st->outputs[0].path;
	slash = strrchr(first, '/');
	dir = slash ? strndup(first, (size_t)(slash - first) + (slash == first)) : strdup(".");
	n = strlen(st->name) + sizeof(suffix);
	name = malloc(n);
	if (!dir || !name) {
		free(dir);
		free(name);
		return NULL;
	}
	snprintf(name, n, "%s%s", st->name, suffix);
	path = eg_path_join(dir, name);
	free(dir);
	free(name);
	return path;
}
