/*
 * fuzz.h - what every fuzz target in tests/fuzz/ defines.
 *
 * A target is one file fuzz_NAME.c with libFuzzer's entry point and the
 * glob patterns of its seed files. The same file is built two ways: by
 * clang with -fsanitize=fuzzer for `make fuzz` (build-fuzz/fuzz_NAME), and
 * by the normal compiler with replay.c, a cmocka binary of `make test`
 * that feeds it every seed and every input kept in tests/fuzz/corpus/NAME/
 * (among them each input that once crashed it). A harness never prints; a
 * property it checks that does not hold ends in abort(), which the fuzzer
 * and the replay both report as a crash.
 */
#ifndef ENGAGE_FUZZ_H
#define ENGAGE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Runs one input through the code under test. Returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Seed files of the target: glob patterns relative to the repository's top
 * folder, NULL-terminated. tests/fuzz/corpus/NAME/ is always a seed folder
 * too.
 */
extern const char *const fuzz_seeds[];

/* Ends the process when a property does not hold (a finding, not an error). */
#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond))                                                                       \
			__builtin_trap();                                                          \
	} while (0)

#endif
