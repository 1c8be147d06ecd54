/*
 * test_slot_table.c - the table under strmap and order_copies: entries
 * found by hash and the caller's equality, the empty slot where a new one
 * goes, growth past three quarters keeping every entry, and entries whose
 * hashes are all equal told apart by the caller alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <stdlib.h>
#include <string.h>

#include "engage/slot_table.h"

#define N 50000

/* The caller's entries: keys, and a hash that may be forced to collide. */
struct keys {
	uint64_t key[N]; /* entry i's key */
	int collide;	 /* every hash the same */
	uint64_t want;	 /* the key looked for */
};

static uint64_t hash_of(const struct keys *k, uint64_t key)
{
	return k->collide ? 0x1234567887654321ULL : key * 0x9e3779b97f4a7c15ULL;
}

static int same(const void *ctx, size_t i)
{
	const struct keys *k = ctx;

	return k->key[i] == k->want;
}

static uint64_t entry_hash(const void *ctx, size_t i)
{
	const struct keys *k = ctx;

	return hash_of(k, k->key[i]);
}

/* Adds key as entry n, asserting it was absent. */
static void add(struct eg_slot_table *t, struct keys *k, size_t n, uint64_t key)
{
	struct eg_slot *s;

	k->want = key;
	assert_int_equal(eg_slot_table_find(t, hash_of(k, key), same, k)->idx, 0);
	assert_int_equal(eg_slot_table_reserve(t, entry_hash, k), 0);
	s = eg_slot_table_find(t, hash_of(k, key), same, k);
	assert_int_equal(s->idx, 0);
	k->key[n] = key;
	eg_slot_table_set(t, s, hash_of(k, key), n);
}

/* The entry holding key, or -1. */
static long find(struct eg_slot_table *t, struct keys *k, uint64_t key)
{
	const struct eg_slot *s;

	k->want = key;
	s = eg_slot_table_find(t, hash_of(k, key), same, k);
	return s->idx ? (long)s->idx - 1 : -1;
}

/* Adds n entries, entry i holding key i * step + first, then asserts each is found. */
static void add_then_find(struct eg_slot_table *t, struct keys *k, size_t n, uint64_t step,
			  uint64_t first)
{
	size_t i;

	for (i = 0; i < n; i++)
		add(t, k, i, i * step + first);
	for (i = 0; i < n; i++)
		assert_int_equal(find(t, k, i * step + first), (long)i);
}

static void slot_table_finds_every_entry_after_growth(void **state)
{
	struct keys *k = calloc(1, sizeof(*k));
	struct eg_slot_table t;

	(void)state;
	assert_non_null(k);
	assert_int_equal(eg_slot_table_init(&t, 0), 0);
	assert_int_equal(t.cap, 16);
	add_then_find(&t, k, N, 7, 3);
	assert_int_equal(t.used, N);
	/* Never more than three quarters full. */
	assert_true(t.used * 4 <= t.cap * 3);
	assert_int_equal(find(&t, k, 5), -1);
	eg_slot_table_release(&t);
	eg_slot_table_release(&t);
	free(k);
}

static void slot_table_tells_colliding_entries_apart(void **state)
{
	struct keys *k = calloc(1, sizeof(*k));
	struct eg_slot_table t;

	(void)state;
	assert_non_null(k);
	k->collide = 1;
	assert_int_equal(eg_slot_table_init(&t, 100), 0);
	assert_int_equal(t.cap, 256);
	add_then_find(&t, k, 300, 1, 0);
	assert_int_equal(find(&t, k, 300), -1);
	eg_slot_table_release(&t);
	free(k);
}

TEST_MAIN(cmocka_unit_test(slot_table_finds_every_entry_after_growth),
	  cmocka_unit_test(slot_table_tells_colliding_entries_apart))
