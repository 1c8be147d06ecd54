/*
 * replay.c - a fuzz target's inputs replayed as a cmocka test, so `make
 * test` (and `make check`, under the sanitizers) runs every seed and every
 * input that once crashed the target, without clang or libFuzzer.
 *
 * Built once per target with FUZZ_TARGET naming it ("csv" for
 * fuzz_csv.c). Run from the repository's top folder, as tests/run.sh does.
 * With --list-seeds it prints the target's seed files, one per line, for
 * `make fuzz` to copy into the fuzzer's working corpus.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "build with -DFUZZ_TARGET='\"name\"'"
#endif

/* Reads a whole file into a fresh buffer (exactly its size, so a harness
 * reading one byte too far trips the sanitizers); NULL when unreadable. */
static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
		buf = malloc(n ? (size_t)n : 1);
		if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(fp);
	return buf;
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Calls fn on every regular file of the seed globs (corpus too when with_corpus). */
static size_t each_input(int seeds, int corpus, void (*fn)(const char *))
{
	size_t n = 0, i, k;
	glob_t g;
	char pat[256];

	for (i = 0; seeds && fuzz_seeds[i]; i++) {
		if (glob(fuzz_seeds[i], 0, NULL, &g) != 0)
			continue;
		for (k = 0; k < g.gl_pathc; k++)
			if (is_file(g.gl_pathv[k])) {
				fn(g.gl_pathv[k]);
				n++;
			}
		globfree(&g);
	}
	if (corpus) {
		snprintf(pat, sizeof(pat), "tests/fuzz/corpus/%s/*", FUZZ_TARGET);
		if (glob(pat, 0, NULL, &g) == 0) {
			for (k = 0; k < g.gl_pathc; k++)
				if (is_file(g.gl_pathv[k])) {
					fn(g.gl_pathv[k]);
					n++;
				}
			globfree(&g);
		}
	}
	return n;
}

static const char *current; /* the input being replayed, for a failure's message */

static void run_one(const char *path)
{
	size_t len = 0;
	uint8_t *data = slurp(path, &len);

	if (!data)
		fail_msg("unable to read '%s'", path);
	current = path;
	LLVMFuzzerTestOneInput(data, len);
	current = NULL;
	free(data);
}

static const int crash_signals[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
static struct sigaction previous[sizeof(crash_signals) / sizeof(crash_signals[0])];

/*
 * Names the input a crash happened on, then gives the signal back to the
 * handler before (cmocka's, which fails the test; or the default): the
 * faulting instruction runs again, and abort() raises again, on return.
 */
static void on_crash(int sig)
{
	static const char what[] = "replay: crash on input '";
	size_t i;

	if (current) {
		(void)!write(2, what, sizeof(what) - 1);
		(void)!write(2, current, strlen(current));
		(void)!write(2, "'\n", 2);
	}
	for (i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++)
		if (crash_signals[i] == sig)
			sigaction(sig, &previous[i], NULL);
}

/* Puts on_crash in front of the handlers cmocka installed for the test. */
static void watch_crashes(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_crash;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++)
		sigaction(crash_signals[i], &sa, &previous[i]);
}

static void unwatch_crashes(void)
{
	size_t i;

	for (i = 0; i < sizeof(crash_signals) / sizeof(crash_signals[0]); i++)
		sigaction(crash_signals[i], &previous[i], NULL);
}

static void print_one(const char *path)
{
	puts(path);
}

static void target_survives_every_seed(void **state)
{
	(void)state;
	watch_crashes();
	each_input(1, 0, run_one);
	unwatch_crashes();
}

static void target_survives_its_corpus_and_past_crashes(void **state)
{
	size_t n;

	(void)state;
	watch_crashes();
	n = each_input(0, 1, run_one);
	unwatch_crashes();
	assert_true(n > 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(target_survives_every_seed),
		cmocka_unit_test(target_survives_its_corpus_and_past_crashes),
	};

	if (argc > 1 && strcmp(argv[1], "--list-seeds") == 0) {
		each_input(1, 1, print_one);
		return 0;
	}
	return cmocka_run_group_tests_name("replay_" FUZZ_TARGET, tests, NULL, NULL);
}
