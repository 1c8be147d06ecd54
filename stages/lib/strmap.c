/*
 * strmap.c - open-addressing hash map with keys in an append-only arena.
 */
#include "engage/strmap.h"

#include <stdlib.h>
#include <string.h>

struct slot {
	uint64_t hash; /* full hash of the key; 0 marks an empty slot */
	size_t key;    /* offset of the key in the arena */
	size_t len;    /* key length */
	size_t value;  /* the value stored */
};

struct eg_strmap {
	struct slot *slots; /* table of cap slots */
	size_t cap;	    /* a power of two */
	size_t size;	    /* keys stored */
	char *arena;	    /* key bytes */
	size_t arena_len;   /* bytes used in arena */
	size_t arena_cap;   /* bytes allocated in arena */
};

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

/* The slot hash: never 0, which marks empty slots. */
static uint64_t slot_hash(const char *s, size_t len)
{
	uint64_t h = eg_hash64(s, len);

	return h ? h : 1;
}

struct eg_strmap *eg_strmap_new(size_t expected)
{
	struct eg_strmap *m = calloc(1, sizeof(*m));
	size_t cap = 16;

	if (!m)
		return NULL;
	while (cap < expected * 2)
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
	free(m->arena);
	free(m);
}

static struct slot *find(const struct eg_strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[i];

		if (s->hash == 0)
			return s;
		if (s->hash == h && s->len == len &&
		    (len == 0 || memcmp(m->arena + s->key, key, len) == 0))
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
		if (m->slots[i].hash == 0)
			continue;
		for (j = (size_t)m->slots[i].hash & (cap - 1); slots[j].hash;
		     j = (j + 1) & (cap - 1))
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
	const struct slot *s = find(m, key, len, slot_hash(key, len));

	if (s->hash == 0)
		return 0;
	if (value)
		*value = s->value;
	return 1;
}

int eg_strmap_put(struct eg_strmap *m, const char *key, size_t len, size_t *value)
{
	uint64_t h = slot_hash(key, len);
	struct slot *s = find(m, key, len, h);

	if (s->hash != 0) {
		if (value)
			*value = s->value;
		return 0;
	}
	/* Grow before inserting, so a failure leaves the map unchanged. */
	if ((m->size + 1) * 2 > m->cap) {
		if (rehash(m) != 0)
			return -1;
		s = find(m, key, len, h);
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
	s->hash = h;
	s->key = m->arena_len;
	s->len = len;
	s->value = value ? *value : 0;
	m->arena_len += len;
	m->size++;
	return 1;
}

size_t eg_strmap_size(const struct eg_strmap *m)
{
	return m->size;
}
