/*
 * test_pseudonym.c - keyed pseudonyms: stable, case-blind for emails (in
 * any script), of the whole email however long, different under another
 * key, and the key's length checked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>

#include "engage/pseudonym.h"
#include "engage/sha256.h"

static struct eg_pseudonym key(const char *k)
{
	struct eg_pseudonym p;

	p.keylen = strlen(k);
	memcpy(p.key, k, p.keylen);
	return p;
}

/*
 * Asserts that the xlen bytes at x and the ylen bytes at y, as emails, get
 * the same pseudonym under the test key when same is 1, different ones when 0.
 */
static void emails_alike(const char *x, size_t xlen, const char *y, size_t ylen, int same)
{
	struct eg_pseudonym p = key("sixteen-byte-key");
	char a[EG_PSEUDONYM_SIZE], b[EG_PSEUDONYM_SIZE];

	eg_pseudonym_email(&p, x, xlen, a);
	eg_pseudonym_email(&p, y, ylen, b);
	if (same)
		assert_string_equal(a, b);
	else
		assert_string_not_equal(a, b);
}

static void pseudonym_email_is_the_hmac_prefix_at_an_invalid_domain(void **state)
{
	struct eg_pseudonym p = key("sixteen-byte-key");
	unsigned char mac[32];
	char hex[EG_SHA256_HEX_SIZE], out[EG_PSEUDONYM_SIZE], want[64];

	(void)state;
	eg_sha256_hmac(p.key, p.keylen, "alice@example.com", 17, mac);
	snprintf(want, sizeof(want), "%.20s@pseudonym.invalid", eg_sha256_hex(mac, hex));
	assert_string_equal(eg_pseudonym_email(&p, "alice@example.com", 17, out), want);
}

/*
 * Pseudonyms written with a key must stay the same across releases and
 * whatever computes the HMAC: these were written by engage before its
 * HMAC-SHA-256 came from nettle, and agree with Python's hmac module.
 */
static void pseudonyms_stay_the_ones_earlier_runs_wrote(void **state)
{
	struct eg_pseudonym p = key("sixteen-byte-key");
	char out[EG_PSEUDONYM_SIZE];

	(void)state;
	assert_string_equal(eg_pseudonym_email(&p, "alice@example.com", 17, out),
			    "cdb806bc618f00b93da5@pseudonym.invalid");
	assert_string_equal(eg_pseudonym_text(&p, "Jane Doe", 8, out), "paeb86652b4fc9b072bd9");
}

static void pseudonym_email_ignores_case_and_spaces(void **state)
{
	(void)state;
	emails_alike("alice@example.com", 17, " Alice@Example.COM ", 19, 1);
}

static void pseudonym_depends_on_the_key(void **state)
{
	struct eg_pseudonym p = key("sixteen-byte-key"), q = key("another-16b-key!");
	char a[EG_PSEUDONYM_SIZE], b[EG_PSEUDONYM_SIZE];

	(void)state;
	eg_pseudonym_text(&p, "Jane Doe", 8, a);
	eg_pseudonym_text(&q, "Jane Doe", 8, b);
	assert_int_equal(a[0], 'p');
	assert_int_equal(strlen(a), 21);
	assert_string_not_equal(a, b);
}

static void pseudonym_key_shorter_than_16_bytes_is_usage_error(void **state)
{
	char path[] = "/tmp/engage-key.XXXXXX";
	int fd = mkstemp(path);
	struct eg_pseudonym p;
	struct eg_error err;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "too short\n", 10), 10);
	close(fd);
	assert_int_equal(eg_pseudonym_load(&p, path, &err), EG_EUSAGE);
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "long enough for a key\n", 22), 22);
	close(fd);
	assert_int_equal(eg_pseudonym_load(&p, path, &err), EG_OK);
	assert_int_equal(p.keylen, 21); /* the final newline is not part of the key */
	unlink(path);
}

static void pseudonym_key_file_without_end_is_refused(void **state)
{
	struct eg_pseudonym p;
	struct eg_error err;

	(void)state;
	/* Read up to a bound, not until memory runs out. */
	assert_int_equal(eg_pseudonym_load(&p, "/dev/zero", &err), EG_EDATA);
	assert_non_null(strstr(err.message, "longer than 65536 bytes"));
}

static void pseudonym_email_folds_case_beyond_ascii(void **state)
{
	(void)state;
	emails_alike("ZO\xC3\x8B@Example.com", 17, "zo\xC3\xAB@example.com", 17, 1);
	emails_alike("ZO\xC3\x8B@Example.com", 17, "zoe@example.com", 15, 0);
}

static void pseudonym_email_hashes_the_whole_email(void **state)
{
	char s[600], t[600];

	(void)state;
	/* Two long emails that differ only past their 320th byte: two people. */
	memset(s, 'x', sizeof(s));
	memcpy(s + sizeof(s) - 13, "1@example.com", 13);
	memcpy(t, s, sizeof(t));
	t[sizeof(t) - 13] = '2';
	emails_alike(s, sizeof(s), t, sizeof(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pseudonym_email_folds_case_beyond_ascii),
		cmocka_unit_test(pseudonym_key_file_without_end_is_refused),
		cmocka_unit_test(pseudonym_email_hashes_the_whole_email),
		cmocka_unit_test(pseudonym_email_is_the_hmac_prefix_at_an_invalid_domain),
		cmocka_unit_test(pseudonyms_stay_the_ones_earlier_runs_wrote),
		cmocka_unit_test(pseudonym_email_ignores_case_and_spaces),
		cmocka_unit_test(pseudonym_depends_on_the_key),
		cmocka_unit_test(pseudonym_key_shorter_than_16_bytes_is_usage_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
