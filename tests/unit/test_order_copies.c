/*
 * test_order_copies.c - clean's compact record of order copies: ids found
 * again byte for byte, copies of one id chained in read order, values
 * round-tripping through the compact fields and the extra record (large
 * lines and file indices, rates, totals, owners), a total taking the
 * fingerprint's place, growth through 200k ids, and ids of digits (stored
 * two to a byte) kept apart from each other and from other ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "engage/order_copies.h"

#define NIDS 200000

static size_t add(struct eg_order_copies *oc, const char *id, size_t file, long line,
		  size_t *head)
{
	size_t idx = 12345;

	assert_int_equal(eg_order_copies_add(oc, id, strlen(id), file, line, &idx, head), 0);
	return idx;
}

static void order_copies_new_id_is_its_own_head(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	struct eg_order_copy c;
	size_t head;

	(void)state;
	assert_non_null(oc);
	assert_int_equal(eg_order_copies_head(oc, "#1001", 5), EG_COPY_NONE);
	assert_int_equal(add(oc, "#1001", 0, 2, &head), 0);
	assert_int_equal(head, 0);
	assert_int_equal(add(oc, "#1002", 0, 3, &head), 1);
	assert_int_equal(head, 1);
	assert_int_equal(eg_order_copies_count(oc), 2);
	assert_int_equal(eg_order_copies_head(oc, "#1002", 5), 1);
	/* A prefix or a longer id is another id. */
	assert_int_equal(eg_order_copies_head(oc, "#100", 4), EG_COPY_NONE);
	assert_int_equal(eg_order_copies_head(oc, "#10011", 6), EG_COPY_NONE);
	eg_order_copies_get(oc, 1, &c);
	assert_int_equal(c.fate, EG_COPY_KEPT);
	assert_int_equal(c.line, 3);
	assert_int_equal(c.file, 0);
	assert_int_equal(c.owner, 1);
	assert_int_equal(c.next, EG_COPY_NONE);
	assert_int_equal(c.rate, 0);
	assert_int_equal(c.total, 0);
	eg_order_copies_free(oc);
}

static void order_copies_chain_copies_of_one_id_in_read_order(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	struct eg_order_copy c;
	size_t head, k, seen[3], n = 0;

	(void)state;
	add(oc, "A", 0, 2, &head);
	add(oc, "B", 0, 3, &head);
	assert_int_equal(add(oc, "A", 1, 9, &head), 2);
	assert_int_equal(head, 0);
	assert_int_equal(add(oc, "A", 0, 40, &head), 3);
	assert_int_equal(head, 0);
	for (k = eg_order_copies_head(oc, "A", 1); k != EG_COPY_NONE; k = c.next) {
		eg_order_copies_get(oc, k, &c);
		assert_true(n < 3);
		seen[n++] = k;
	}
	assert_int_equal(n, 3);
	assert_int_equal(seen[0], 0);
	assert_int_equal(seen[1], 2);
	assert_int_equal(seen[2], 3);
	/* Chaining kept the first copy's other values. */
	eg_order_copies_get(oc, 0, &c);
	assert_int_equal(c.line, 2);
	assert_int_equal(c.owner, 0);
	eg_order_copies_get(oc, 2, &c);
	assert_int_equal(c.file, 1);
	assert_int_equal(c.line, 9);
	eg_order_copies_free(oc);
}

static void order_copies_values_round_trip(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	struct eg_order_copy in, out;
	size_t head, big;

	(void)state;
	add(oc, "plain", 3, 7, &head);
	big = add(oc, "big", 70000, LONG_MAX, &head);
	eg_order_copies_get(oc, big, &out);
	assert_int_equal(out.file, 70000);
	assert_true(out.line == LONG_MAX);
	add(oc, "negative", 0, -5, &head);
	eg_order_copies_get(oc, 2, &out);
	assert_true(out.line == -5);

	eg_order_copies_get(oc, 0, &in);
	in.fingerprint = 0x0123456789abcdefULL;
	in.fate = EG_COPY_CONTINUED;
	in.is_return = 1;
	in.generic = 1;
	in.owner = 1;
	in.rate = 12345;
	in.total = -987654321;
	in.items = 4;
	in.units = -9;
	assert_int_equal(eg_order_copies_set(oc, 0, &in), 0);
	eg_order_copies_get(oc, 0, &out);
	assert_true(out.fingerprint == 0x0123456789abcdefULL);
	assert_int_equal(out.fate, EG_COPY_CONTINUED);
	assert_int_equal(out.is_return, 1);
	assert_int_equal(out.generic, 1);
	assert_int_equal(out.owner, 1);
	assert_int_equal(out.rate, 12345);
	assert_int_equal(out.total, -987654321);
	assert_int_equal(out.items, 4);
	assert_int_equal(out.units, -9);
	assert_int_equal(out.file, 3);
	assert_int_equal(out.line, 7);
	eg_order_copies_free(oc);
}

/* A copy's part of its order comes back as set, compact and with an extra record. */
static void order_copies_part_round_trips(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	struct eg_order_copy c;
	size_t head;

	(void)state;
	add(oc, "3100000004", 0, 5, &head);
	add(oc, "3100000005", 1, 6, &head);
	eg_order_copies_get(oc, 0, &c);
	assert_int_equal(c.part, EG_PART_WHOLE);
	c.part = EG_PART_LINES;
	c.fingerprint = 7;
	assert_int_equal(eg_order_copies_set(oc, 0, &c), 0);
	eg_order_copies_get(oc, 0, &c);
	assert_int_equal(c.part, EG_PART_LINES);
	assert_true(c.fingerprint == 7);
	/* A lines copy continued into the order copy: an extra record, the part kept. */
	c.fate = EG_COPY_CONTINUED;
	c.owner = 1;
	assert_int_equal(eg_order_copies_set(oc, 0, &c), 0);
	eg_order_copies_get(oc, 1, &c);
	c.part = EG_PART_ORDER;
	c.items = 2;
	c.units = 3;
	assert_int_equal(eg_order_copies_set(oc, 1, &c), 0);
	eg_order_copies_get(oc, 0, &c);
	assert_int_equal(c.part, EG_PART_LINES);
	assert_int_equal(c.fate, EG_COPY_CONTINUED);
	assert_int_equal(c.owner, 1);
	assert_true(c.fingerprint == 7);
	eg_order_copies_get(oc, 1, &c);
	assert_int_equal(c.part, EG_PART_ORDER);
	assert_int_equal(c.items, 2);
	assert_int_equal(c.units, 3);
	assert_int_equal(c.generic, 0);
	assert_int_equal(c.is_return, 0);
	eg_order_copies_free(oc);
}

static void order_copies_total_takes_the_fingerprint_place(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	struct eg_order_copy c;
	size_t head;

	(void)state;
	add(oc, "#1", 0, 2, &head);
	eg_order_copies_get(oc, 0, &c);
	c.fingerprint = 42;
	c.fate = EG_COPY_REJECTED;
	assert_int_equal(eg_order_copies_set(oc, 0, &c), 0);
	eg_order_copies_get(oc, 0, &c);
	assert_true(c.fingerprint == 42);
	assert_int_equal(c.total, 0);
	c.total = INT64_MIN;
	assert_int_equal(eg_order_copies_set(oc, 0, &c), 0);
	eg_order_copies_get(oc, 0, &c);
	assert_true(c.total == INT64_MIN);
	assert_true(c.fingerprint == 0);
	assert_int_equal(c.fate, EG_COPY_REJECTED);
	assert_int_equal(c.line, 2);
	eg_order_copies_free(oc);
}

static void order_copies_grow_through_200k_ids(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	char id[32];
	size_t i, head;

	(void)state;
	for (i = 0; i < NIDS; i++) {
		snprintf(id, sizeof(id), "#%zu", i);
		assert_int_equal(add(oc, id, 0, (long)i + 2, &head), i);
		assert_int_equal(head, i);
	}
	/* Every other id again: each finds its first copy. */
	for (i = 0; i < NIDS; i += 2) {
		snprintf(id, sizeof(id), "#%zu", i);
		add(oc, id, 1, 5, &head);
		assert_int_equal(head, i);
	}
	assert_int_equal(eg_order_copies_count(oc), NIDS + NIDS / 2);
	for (i = 0; i < NIDS; i++) {
		struct eg_order_copy c;

		snprintf(id, sizeof(id), "#%zu", i);
		assert_int_equal(eg_order_copies_head(oc, id, strlen(id)), i);
		eg_order_copies_get(oc, i, &c);
		assert_int_equal(c.line, (long)i + 2);
		assert_int_equal(c.next, i % 2 ? EG_COPY_NONE : NIDS + i / 2);
	}
	assert_int_equal(eg_order_copies_head(oc, "#200000", 7), EG_COPY_NONE);
	eg_order_copies_free(oc);
}

static void order_copies_ids_may_be_empty_or_long(void **state)
{
	struct eg_order_copies *oc = eg_order_copies_new();
	char longid[1000];
	size_t head, idx;

	(void)state;
	memset(longid, 'x', sizeof(longid));
	assert_int_equal(eg_order_copies_add(oc, "", 0, 0, 2, &idx, &head), 0);
	assert_int_equal(eg_order_copies_add(oc, longid, sizeof(longid), 0, 3, &idx, &head), 0);
	assert_int_equal(idx, 1);
	assert_int_equal(eg_order_copies_head(oc, "", 0), 0);
	assert_int_equal(eg_order_copies_head(oc, longid, sizeof(longid)), 1);
	assert_int_equal(eg_order_copies_head(oc, longid, sizeof(longid) - 1), EG_COPY_NONE);
	eg_order_copies_free(oc);
	eg_order_copies_free(NULL);
}

/*
 * Digit ids are stored packed: each must still be found as itself only.
 * "12" packs to the byte 0x12, "1" to 0x1f; the one-byte id "\x12" and the
 * two-byte "\x12\x3f" are not digits and stay apart from "12" and "123".
 */
static void order_copies_digit_ids_are_found_as_themselves(void **state)
{
	static const char *const ids[] = { "1",	   "12",	   "123", "0123",   "00123",
					   "123a", "\x12", "\x12\x3f", "1f",   "5000084202986" };
	char d64[65], d65[66];
	struct eg_order_copies *oc = eg_order_copies_new();
	size_t i, head;

	(void)state;
	assert_non_null(oc);
	memset(d64, '7', 64);
	d64[64] = '\0';
	memset(d65, '7', 65);
	d65[65] = '\0';
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_int_equal(add(oc, ids[i], 0, (long)i + 2, &head), i);
		assert_int_equal(head, i);
	}
	/* 64 digits are the most packed; 65 are stored as they are: two ids. */
	assert_int_equal(add(oc, d64, 0, 20, &head), 10);
	assert_int_equal(add(oc, d65, 0, 21, &head), 11);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		assert_int_equal(eg_order_copies_head(oc, ids[i], strlen(ids[i])), i);
	assert_int_equal(eg_order_copies_head(oc, d64, 64), 10);
	assert_int_equal(eg_order_copies_head(oc, d65, 65), 11);
	assert_int_equal(eg_order_copies_head(oc, d65, 63), EG_COPY_NONE);
	assert_int_equal(eg_order_copies_head(oc, "2", 1), EG_COPY_NONE);
	assert_int_equal(eg_order_copies_head(oc, "120", 3), EG_COPY_NONE);
	assert_int_equal(eg_order_copies_head(oc, "\x1f", 1), EG_COPY_NONE);
	/* A second copy of a packed id chains after its first. */
	assert_int_equal(add(oc, "0123", 1, 30, &head), 12);
	assert_int_equal(head, 3);
	eg_order_copies_free(oc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_copies_new_id_is_its_own_head),
		cmocka_unit_test(order_copies_chain_copies_of_one_id_in_read_order),
		cmocka_unit_test(order_copies_values_round_trip),
		cmocka_unit_test(order_copies_part_round_trips),
		cmocka_unit_test(order_copies_total_takes_the_fingerprint_place),
		cmocka_unit_test(order_copies_grow_through_200k_ids),
		cmocka_unit_test(order_copies_ids_may_be_empty_or_long),
		cmocka_unit_test(order_copies_digit_ids_are_found_as_themselves),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
