/*
 * slot_table.h - the open-addressing table under strmap and clean's order
 * copies: 8-byte slots holding 32 bits of a key's hash and the index of the
 * caller's entry, probed linearly, at most three quarters full. The caller
 * keeps its keys and entries, and says how to hash an entry and whether an
 * entry holds the key looked for.
 */
#ifndef ENGAGE_SLOT_TABLE_H
#define ENGAGE_SLOT_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* Most entries a table can index. */
#define EG_SLOT_TABLE_MAX (UINT32_MAX - 1)

/* A slot. */
struct eg_slot {
	uint32_t tag; /* high half of the entry's hash */
	uint32_t idx; /* 1 + the entry's index; 0 marks an empty slot */
};

/* A table; embed it, eg_slot_table_init it, eg_slot_table_release it. */
struct eg_slot_table {
	struct eg_slot *slots; /* cap slots, owned */
	size_t cap;	       /* a power of two */
	size_t used;	       /* slots set */
};

/* Makes t empty, sized for about expected entries; -1 on out of memory (t then empty too). */
int eg_slot_table_init(struct eg_slot_table *t, size_t expected);

/* Frees t's slots. A released or zeroed t is a no-op. */
void eg_slot_table_release(struct eg_slot_table *t);

/*
 * The slot of the entry with hash h for which same(ctx, entry) is true, or
 * the empty slot where such an entry would go. The pointer is borrowed
 * until the next eg_slot_table_reserve.
 */
struct eg_slot *eg_slot_table_find(const struct eg_slot_table *t, uint64_t h,
				   int (*same)(const void *ctx, size_t entry), const void *ctx);

/*
 * Makes room for one more entry: doubles t, placing every entry again by
 * hash(ctx, entry), when one more would fill it past three quarters.
 * Returns 0, or -1 on out of memory or with EG_SLOT_TABLE_MAX entries,
 * leaving t unchanged.
 */
int eg_slot_table_reserve(struct eg_slot_table *t, uint64_t (*hash)(const void *ctx, size_t entry),
			  const void *ctx);

/* Puts entry (hash h) in s, an empty slot eg_slot_table_find gave since the last reserve. */
void eg_slot_table_set(struct eg_slot_table *t, struct eg_slot *s, uint64_t h, size_t entry);

#endif
