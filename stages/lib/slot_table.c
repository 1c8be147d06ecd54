/*
 * slot_table.c - open addressing with linear probing over 8-byte slots.
 *
 * The slot of hash h starts at h's low bits; its high 32 bits are kept as
 * a tag, so that a probe looks at an entry (the caller's same()) only when
 * the tags agree.
 */
#include "engage/slot_table.h"

#include <stdlib.h>

int eg_slot_table_init(struct eg_slot_table *t, size_t expected)
{
	size_t cap = 16;

	while (cap / 4 * 3 < expected && cap < ((size_t)1 << 33))
		cap *= 2;
	t->used = 0;
	t->slots = calloc(cap, sizeof(*t->slots));
	t->cap = t->slots ? cap : 0;
	return t->slots ? 0 : -1;
}

void eg_slot_table_release(struct eg_slot_table *t)
{
	free(t->slots);
	t->slots = NULL;
	t->cap = t->used = 0;
}

struct eg_slot *eg_slot_table_find(const struct eg_slot_table *t, uint64_t h,
				   int (*same)(const void *ctx, size_t entry), const void *ctx)
{
	uint32_t tag = (uint32_t)(h >> 32);
	size_t i = (size_t)h & (t->cap - 1);

	for (;; i = (i + 1) & (t->cap - 1)) {
		struct eg_slot *s = &t->slots[i];

		if (s->idx == 0 || (s->tag == tag && same(ctx, s->idx - 1)))
			return s;
	}
}

int eg_slot_table_reserve(struct eg_slot_table *t, uint64_t (*hash)(const void *ctx, size_t entry),
			  const void *ctx)
{
	size_t cap = t->cap * 2, i, j;
	struct eg_slot *slots;

	if (t->used >= EG_SLOT_TABLE_MAX)
		return -1;
	if ((t->used + 1) * 4 <= t->cap * 3)
		return 0;
	slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (t->slots[i].idx == 0)
			continue;
		for (j = (size_t)hash(ctx, t->slots[i].idx - 1) & (cap - 1); slots[j].idx;
		     j = (j + 1) & (cap - 1))
			;
		slots[j] = t->slots[i];
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return 0;
}

void eg_slot_table_set(struct eg_slot_table *t, struct eg_slot *s, uint64_t h, size_t entry)
{
	s->tag = (uint32_t)(h >> 32);
	s->idx = (uint32_t)(entry + 1);
	t->used++;
}
