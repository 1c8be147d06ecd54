/*
 * test_hmac.c - HMAC-SHA-256 (eg_sha256_hmac, through nettle) against the
 * test cases of RFC 4231.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "test_cases.h"

#include "engage/sha256.h"

static void check(const void *key, size_t keylen, const void *msg, size_t len, const char *want)
{
	unsigned char mac[32];
	char hex[EG_SHA256_HEX_SIZE];

	eg_sha256_hmac(key, keylen, msg, len, mac);
	assert_string_equal(eg_sha256_hex(mac, hex), want);
}

/* RFC 4231 test case 1: a 20-byte key of 0x0b, "Hi There". */
static void hmac_rfc4231_case_1(void **state)
{
	unsigned char key[20];

	(void)state;
	memset(key, 0x0b, sizeof(key));
	check(key, sizeof(key), "Hi There", 8,
	      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

/* Test case 2: key "Jefe", "what do ya want for nothing?". */
static void hmac_rfc4231_case_2(void **state)
{
	(void)state;
	check("Jefe", 4, "what do ya want for nothing?", 28,
	      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

/* Test case 3: a 20-byte key of 0xaa, 50 bytes of 0xdd. */
static void hmac_rfc4231_case_3(void **state)
{
	unsigned char key[20], msg[50];

	(void)state;
	memset(key, 0xaa, sizeof(key));
	memset(msg, 0xdd, sizeof(msg));
	check(key, sizeof(key), msg, sizeof(msg),
	      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
}

/* Test case 6: a 131-byte key (longer than a block, so hashed first). */
static void hmac_rfc4231_case_6_long_key(void **state)
{
	unsigned char key[131];
	const char *msg = "Test Using Larger Than Block-Size Key - Hash Key First";

	(void)state;
	memset(key, 0xaa, sizeof(key));
	check(key, sizeof(key), msg, strlen(msg),
	      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_MAIN(cmocka_unit_test(hmac_rfc4231_case_1), cmocka_unit_test(hmac_rfc4231_case_2),
	  cmocka_unit_test(hmac_rfc4231_case_3), cmocka_unit_test(hmac_rfc4231_case_6_long_key))
