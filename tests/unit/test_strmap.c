/*
 * test_strmap.c - the byte-string hash map: put and get, a duplicate put
 * keeping the old value, growth through 100k keys, keys holding NUL bytes,
 * the empty key, long keys, the FNV-1a hash against published vectors, and
 * keys numbered by insertion.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engage/strmap.h"

#define NKEYS 100000

static int put(struct eg_strmap *m, const char *key, size_t len, size_t v)
{
	return eg_strmap_put(m, key, len, &v);
}

/* Asserts key is present with value want. */
static void has(const struct eg_strmap *m, const char *key, size_t len, size_t want)
{
	size_t v = 12345;

	assert_int_equal(eg_strmap_get(m, key, len, &v), 1);
	assert_int_equal(v, want);
}

/* Asserts key is absent, leaving the output untouched. */
static void lacks(const struct eg_strmap *m, const char *key, size_t len)
{
	size_t v = 12345;

	assert_int_equal(eg_strmap_get(m, key, len, &v), 0);
	assert_int_equal(v, 12345);
}

/* A key of len bytes and the value put with it. */
struct key_value {
	const char *key;
	size_t len;
	size_t value;
};

/* Puts the n new keys at kv into m in turn, then asserts each holds its value. */
static void put_all_then_has(struct eg_strmap *m, const struct key_value *kv, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(put(m, kv[i].key, kv[i].len, kv[i].value), 1);
	for (i = 0; i < n; i++)
		has(m, kv[i].key, kv[i].len, kv[i].value);
}

static void strmap_put_then_get_returns_value(void **state)
{
	struct eg_strmap *m = eg_strmap_new(4);

	(void)state;
	assert_non_null(m);
	assert_int_equal(eg_strmap_size(m), 0);
	lacks(m, "a", 1);
	assert_int_equal(put(m, "alice@example.com", 17, 1), 1);
	assert_int_equal(put(m, "bob@example.com", 15, 2), 1);
	assert_int_equal(eg_strmap_size(m), 2);
	has(m, "alice@example.com", 17, 1);
	has(m, "bob@example.com", 15, 2);
	lacks(m, "carol@example.com", 17);
	/* A get with no output pointer only tells presence. */
	assert_int_equal(eg_strmap_get(m, "bob@example.com", 15, NULL), 1);
	assert_int_equal(eg_strmap_get(m, "bob", 3, NULL), 0);
	eg_strmap_free(m);
	eg_strmap_free(NULL);
}

static void strmap_duplicate_put_returns_zero_and_old_value(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);
	size_t v = 99;

	(void)state;
	assert_int_equal(put(m, "k", 1, 7), 1);
	assert_int_equal(eg_strmap_put(m, "k", 1, &v), 0);
	assert_int_equal(v, 7);
	has(m, "k", 1, 7);
	assert_int_equal(eg_strmap_size(m), 1);
	/* With no value pointer the duplicate is still refused. */
	assert_int_equal(eg_strmap_put(m, "k", 1, NULL), 0);
	has(m, "k", 1, 7);
	eg_strmap_free(m);
}

static void strmap_put_without_value_stores_zero(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);

	(void)state;
	assert_int_equal(eg_strmap_put(m, "x", 1, NULL), 1);
	has(m, "x", 1, 0);
	eg_strmap_free(m);
}

static void strmap_keys_compare_by_length_and_bytes(void **state)
{
	static const struct key_value kv[] = {
		{ "ab", 2, 1 }, { "abc", 3, 2 }, { "a", 1, 3 }, { "AB", 2, 4 }
	};
	struct eg_strmap *m = eg_strmap_new(0);

	(void)state;
	put_all_then_has(m, kv, 4);
	/* Only len bytes of the key count. */
	has(m, "abcdef", 3, 2);
	lacks(m, "abcd", 4);
	assert_int_equal(eg_strmap_size(m), 4);
	eg_strmap_free(m);
}

static void strmap_grows_through_100k_keys(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);
	char key[32];
	size_t i, v;
	int n;

	(void)state;
	for (i = 0; i < NKEYS; i++) {
		n = snprintf(key, sizeof(key), "customer-%zu@example.com", i);
		assert_int_equal(put(m, key, (size_t)n, i * 3), 1);
	}
	assert_int_equal(eg_strmap_size(m), NKEYS);
	for (i = 0; i < NKEYS; i++) {
		n = snprintf(key, sizeof(key), "customer-%zu@example.com", i);
		v = 0;
		if (eg_strmap_get(m, key, (size_t)n, &v) != 1 || v != i * 3)
			fail_msg("key '%s' lost or changed after growth (got %zu)", key, v);
	}
	for (i = 0; i < NKEYS; i += 997) {
		n = snprintf(key, sizeof(key), "customer-%zu@example.com", i);
		v = 1;
		assert_int_equal(eg_strmap_put(m, key, (size_t)n, &v), 0);
		assert_int_equal(v, i * 3);
	}
	for (i = NKEYS; i < NKEYS + 1000; i++) {
		n = snprintf(key, sizeof(key), "customer-%zu@example.com", i);
		assert_int_equal(eg_strmap_get(m, key, (size_t)n, NULL), 0);
	}
	assert_int_equal(eg_strmap_size(m), NKEYS);
	eg_strmap_free(m);
}

static void strmap_presized_map_holds_100k_keys(void **state)
{
	struct eg_strmap *m = eg_strmap_new(NKEYS);
	size_t i, v;

	(void)state;
	/* Binary keys: the 8 bytes of i. */
	for (i = 0; i < NKEYS; i++) {
		uint64_t k = (uint64_t)i;

		assert_int_equal(put(m, (const char *)&k, sizeof(k), i), 1);
	}
	for (i = 0; i < NKEYS; i++) {
		uint64_t k = (uint64_t)i;

		v = 0;
		assert_int_equal(eg_strmap_get(m, (const char *)&k, sizeof(k), &v), 1);
		assert_int_equal(v, i);
	}
	assert_int_equal(eg_strmap_size(m), NKEYS);
	eg_strmap_free(m);
}

static void strmap_keys_may_hold_nul_bytes(void **state)
{
	static const struct key_value kv[] = {
		{ "a\0b", 3, 1 }, { "a\0c", 3, 2 }, { "a", 1, 3 },
		{ "a\0", 2, 4 },  { "\0", 1, 5 },   { "\0\0", 2, 6 },
	};
	struct eg_strmap *m = eg_strmap_new(0);

	(void)state;
	put_all_then_has(m, kv, 6);
	lacks(m, "a\0d", 3);
	lacks(m, "\0\0\0", 3);
	assert_int_equal(eg_strmap_size(m), 6);
	eg_strmap_free(m);
}

static void strmap_empty_key_is_a_key(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);
	size_t v = 0;

	(void)state;
	lacks(m, "", 0);
	/* As the very first key of a map. */
	assert_int_equal(put(m, "", 0, 42), 1);
	has(m, "", 0, 42);
	has(m, "ignored", 0, 42);
	lacks(m, "\0", 1);
	assert_int_equal(put(m, "x", 1, 1), 1);
	assert_int_equal(eg_strmap_put(m, "", 0, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(eg_strmap_size(m), 2);
	eg_strmap_free(m);
}

static void strmap_empty_key_after_other_keys(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);
	char key[16];
	int i, n;

	(void)state;
	for (i = 0; i < 50; i++) {
		n = snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(put(m, key, (size_t)n, (size_t)i), 1);
	}
	assert_int_equal(put(m, "", 0, 500), 1);
	for (i = 50; i < 100; i++) {
		n = snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(put(m, key, (size_t)n, (size_t)i), 1);
	}
	has(m, "", 0, 500);
	has(m, "k0", 2, 0);
	has(m, "k99", 3, 99);
	assert_int_equal(eg_strmap_size(m), 101);
	eg_strmap_free(m);
}

static void strmap_long_keys_are_copied(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);
	size_t len = 100000;
	char *a = malloc(len), *b = malloc(len);

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	memset(a, 'x', len);
	memcpy(b, a, len);
	b[len - 1] = 'y';
	assert_int_equal(put(m, a, len, 1), 1);
	assert_int_equal(put(m, b, len, 2), 1);
	/* The map keeps its own copy: changing the caller's buffer changes nothing. */
	memset(a, 'z', len);
	has(m, b, len, 2);
	memset(a, 'x', len);
	has(m, a, len, 1);
	lacks(m, a, len - 1);
	free(a);
	free(b);
	eg_strmap_free(m);
}

static void strmap_hash_is_fnv1a_64(void **state)
{
	(void)state;
	/* Published FNV-1a 64-bit test vectors. */
	assert_true(eg_hash64("", 0) == UINT64_C(0xcbf29ce484222325));
	assert_true(eg_hash64("a", 1) == UINT64_C(0xaf63dc4c8601ec8c));
	assert_true(eg_hash64("foobar", 6) == UINT64_C(0x85944171f73967e8));
	assert_true(eg_hash64("a\0b", 3) == UINT64_C(0xe5d29919042666b2));
	/* Bytes are taken unsigned. */
	assert_true(eg_hash64("\xff", 1) != eg_hash64("\x7f", 1));
}

static void strmap_key_numbers_keys_by_insertion(void **state)
{
	struct eg_strmap *m = eg_strmap_new(0);
	char key[32];
	const char *k;
	size_t i, len;
	int n;

	(void)state;
	assert_int_equal(put(m, "first", 5, 10), 1);
	assert_int_equal(put(m, "", 0, 11), 1);
	/* A duplicate adds no key. */
	assert_int_equal(put(m, "first", 5, 12), 0);
	assert_int_equal(put(m, "third\0x", 7, 13), 1);
	k = eg_strmap_key(m, 0, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(k, "first", 5);
	eg_strmap_key(m, 1, &len);
	assert_int_equal(len, 0);
	k = eg_strmap_key(m, 2, &len);
	assert_int_equal(len, 7);
	assert_memory_equal(k, "third\0x", 7);
	/* Still so after the table and the arena have grown. */
	for (i = 0; i < 5000; i++) {
		n = snprintf(key, sizeof(key), "k%zu", i);
		assert_int_equal(put(m, key, (size_t)n, i), 1);
	}
	for (i = 0; i < 5000; i += 499) {
		n = snprintf(key, sizeof(key), "k%zu", i);
		k = eg_strmap_key(m, i + 3, &len);
		assert_int_equal(len, (size_t)n);
		assert_memory_equal(k, key, len);
	}
	eg_strmap_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strmap_put_then_get_returns_value),
		cmocka_unit_test(strmap_duplicate_put_returns_zero_and_old_value),
		cmocka_unit_test(strmap_put_without_value_stores_zero),
		cmocka_unit_test(strmap_keys_compare_by_length_and_bytes),
		cmocka_unit_test(strmap_grows_through_100k_keys),
		cmocka_unit_test(strmap_presized_map_holds_100k_keys),
		cmocka_unit_test(strmap_keys_may_hold_nul_bytes),
		cmocka_unit_test(strmap_empty_key_is_a_key),
		cmocka_unit_test(strmap_empty_key_after_other_keys),
		cmocka_unit_test(strmap_long_keys_are_copied),
		cmocka_unit_test(strmap_hash_is_fnv1a_64),
		cmocka_unit_test(strmap_key_numbers_keys_by_insertion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
