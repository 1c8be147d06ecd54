/*
 * strmap.c - open-addressing hash map with keys in an append-only arena.
 *
 * Entries (key offset, value) are kept in insertion order, so a key's
 * length is where the next one starts; the table holds 8-byte slots (32
 * bits of the hash and the entry's index) and is at most three quarters
 * full: about 27 bytes a key besides its bytes, where 32-byte slots at
 * most half full took 64 to 128.
 */
#include "engage/strmap.h"

#include <stdlib.h>
#include <string.h>

/* A key and its value, in insertion order; the key's bytes run to the next entry's. */
struct entry {
	size_t key;   /* offset of the key in the arena */
	size_t value; /* the value stored */
};

/* A slot of the table: 8 bytes, so a table at three quarters full costs about 11 bytes a key. */
struct slot {
	uint32_t tag; /* high half of the key's hash */
	uint32_t idx; /* 1 + index of its entry; 0 marks an empty slot */
};

struct eg_strmap {
	struct slot *slots;	/* table of cap slots */
	size_t cap;		/* a power of two */
	size_t size;		/* keys stored */
	struct entry *entries;	/* size entries */
	size_t entries_cap;	/* entries allocated */
	char *arena;		/* key bytes, back to back */
	size_t arena_len;	/* bytes used in arena */
	size_t arena_cap;	/* bytes allocated in arena */
};

/* Most keys: slot indices are 32 bits. */
#define MAX_KEYS (UINT32_MAX - 1)

uint64_t eg_hash64(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct eg_strmap *eg_strmap_new(size_t expected)
{
	struct eg_strmap *m = calloc(1, sizeof(*m));
	size_t cap = 16;

	if (!m)
		return NULL;
	while (cap / 4 * 3 < expected && cap < ((size_t)1 << 33))
		cap *= 2;
	m->slots = calloc(cap, sizeof(*m->slots));
	if (!m->slots) {
		free(m);
		return NULL;
	}
	m->cap = cap;
	return m;
}

void eg_strmap_free(struct eg_strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m->entries);
	free(m->arena);
	free(m);
}

const char *eg_strmap_key(const struct eg_strmap *m, size_t i, size_t *len)
{
	size_t end = i + 1 < m->size ? m->entries[i + 1].key : m->arena_len;

	*len = end - m->entries[i].key;
	return m->arena + m->entries[i].key;
}

static struct slot *find(const struct eg_strmap *m, const char *key, size_t len, uint64_t h)
{
	uint32_t tag = (uint32_t)(h >> 32);
	size_t i = (size_t)h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[i];
		const char *k;
		size_t klen;

		if (s->idx == 0)
			return s;
		if (s->tag != tag)
			continue;
		k = eg_strmap_key(m, s->idx - 1, &klen);
		if (klen == len && (len == 0 || memcmp(k, key, len) == 0))
			return s;
	}
}

static int rehash(struct eg_strmap *m)
{
	size_t cap = m->cap * 2, i, j;
	struct slot *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return -1;
	for (i = 0; i < m->cap; i++) {
		const char *k;
		size_t len;

		if (m->slots[i].idx == 0)
			continue;
		k = eg_strmap_key(m, m->slots[i].idx - 1, &len);
		for (j = (size_t)eg_hash64(k, len) & (cap - 1); slots[j].idx; j = (j + 1) & (cap - 1))
			;
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int eg_strmap_get(const struct eg_strmap *m, const char *key, size_t len, size_t *value)
{
	const struct slot *s = find(m, key, len, eg_hash64(key, len));

	if (s->idx == 0)
		return 0;
	if (value)
		*value = m->entries[s->idx - 1].value;
	return 1;
}

int eg_strmap_put(struct eg_strmap *m, const char *key, size_t len, size_t *value)
{
	uint64_t h = eg_hash64(key, len);
	struct slot *s = find(m, key, len, h);

	if (s->idx != 0) {
		if (value)
			*value = m->entries[s->idx - 1].value;
		return 0;
	}
	if (m->size >= MAX_KEYS)
		return -1;
	/* Grow before inserting, so a failure leaves the map unchanged. */
	if ((m->size + 1) * 4 > m->cap * 3) {
		if (rehash(m) != 0)
			return -1;
		s = find(m, key, len, h);
	}
	if (m->size == m->entries_cap) {
		size_t cap = m->entries_cap ? m->entries_cap * 2 : 16;
		struct entry *e = realloc(m->entries, cap * sizeof(*e));

		if (!e)
			return -1;
		m->entries = e;
		m->entries_cap = cap;
	}
	if (m->arena_len + len > m->arena_cap) {
		size_t cap = m->arena_cap ? m->arena_cap : 4096;
		char *a;

		while (cap < m->arena_len + len)
			cap *= 2;
		a = realloc(m->arena, cap);
		if (!a)
			return -1;
		m->arena = a;
		m->arena_cap = cap;
	}
	if (len)
		memcpy(m->arena + m->arena_len, key, len);
	m->entries[m->size].key = m->arena_len;
	m->entries[m->size].value = value ? *value : 0;
	m->arena_len += len;
	s->tag = (uint32_t)(h >> 32);
	s->idx = (uint32_t)(++m->size);
	return 1;
}

size_t eg_strmap_size(const struct eg_strmap *m)
{
	return m->size;
}
