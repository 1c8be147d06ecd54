/*
 * test_sha256.c - SHA-256 against the FIPS 180-4 example messages (NIST
 * "Examples with Intermediate Values": one block, empty, two blocks, the
 * 896-bit message and a million 'a'), fed whole and in every chunk size, and
 * files hashed with their sizes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/sha256.h"

static void hex_of(const void *data, size_t len, char hex[EG_SHA256_HEX_SIZE])
{
	struct eg_sha256 s;
	unsigned char d[32];

	eg_sha256_init(&s);
	eg_sha256_update(&s, data, len);
	eg_sha256_final(&s, d);
	eg_sha256_hex(d, hex);
}

/* Asserts that the SHA-256 of len bytes at data is the hex digest want. */
static void digest_is(const void *data, size_t len, const char *want)
{
	char hex[EG_SHA256_HEX_SIZE];

	hex_of(data, len, hex);
	assert_string_equal(hex, want);
}

static void sha256_hashes_abc(void **state)
{
	(void)state;
	digest_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void sha256_hashes_the_empty_message(void **state)
{
	(void)state;
	digest_is(NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void sha256_hashes_a_two_block_message(void **state)
{
	static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	(void)state;
	digest_is(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void sha256_hashes_the_896_bit_message(void **state)
{
	static const char m[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
				"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	(void)state;
	digest_is(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void sha256_hashes_a_million_a(void **state)
{
	char *m = malloc(1000000);

	(void)state;
	assert_non_null(m);
	memset(m, 'a', 1000000);
	digest_is(m, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(m);
}

/* Every chunk size gives the digest of the whole, across block and padding edges. */
static void sha256_gives_the_same_digest_in_any_chunks(void **state)
{
	unsigned char m[300], d[32];
	char whole[EG_SHA256_HEX_SIZE], hex[EG_SHA256_HEX_SIZE];
	size_t len, chunk, i;

	(void)state;
	for (i = 0; i < sizeof(m); i++)
		m[i] = (unsigned char)(i * 7 + 3);
	for (len = 0; len <= sizeof(m); len += 1 + len / 8) {
		hex_of(m, len, whole);
		for (chunk = 1; chunk <= 130; chunk++) {
			struct eg_sha256 s;

			eg_sha256_init(&s);
			for (i = 0; i < len; i += chunk)
				eg_sha256_update(&s, m + i, len - i < chunk ? len - i : chunk);
			eg_sha256_final(&s, d);
			assert_string_equal(eg_sha256_hex(d, hex), whole);
		}
	}
}

static void sha256_file_gives_digest_and_size(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char path[512], hex[EG_SHA256_HEX_SIZE];
	struct eg_error err;
	int64_t size = -1;
	FILE *fp;
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/test_sha256.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs("abc", fp);
	fclose(fp);
	assert_int_equal(eg_sha256_file(path, hex, &size, &err), EG_OK);
	assert_string_equal(hex,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	unlink(path);
	strcpy(hex, "unchanged");
	assert_int_equal(eg_sha256_file(path, hex, &size, &err), EG_EIO);
	assert_string_equal(hex, "unchanged");
	assert_int_equal(size, 3);
	assert_non_null(strstr(err.message, "unable to open"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_hashes_abc),
		cmocka_unit_test(sha256_hashes_the_empty_message),
		cmocka_unit_test(sha256_hashes_a_two_block_message),
		cmocka_unit_test(sha256_hashes_the_896_bit_message),
		cmocka_unit_test(sha256_hashes_a_million_a),
		cmocka_unit_test(sha256_gives_the_same_digest_in_any_chunks),
		cmocka_unit_test(sha256_file_gives_digest_and_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
