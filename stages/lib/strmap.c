/*
 * strmap.c - open-addressing hash map with keys in an append-only arena.
 *
 * Entries (key offset, value) are kept in insertion order, so a key's
 * length is where the next one starts; the table (slot_table.h) holds
 * 8-byte slots (32 bits of the hash and the entry's index) and is at most
 * three quarters full: about 27 bytes a key besides its bytes, where 32-byte slots at
 * most half full took 64 to 128.
 */
#include "engage/strmap.h"
#include "engage/array.h"
#include "engage/slot_table.h"

#include <stdlib.h>
#include <string.h>

/* A key and its value, in insertion order; the key's bytes run to the next entry's. */
struct entry {
	size_t key;   /* offset of the key in the arena */
	size_t value; /* the value stored */
};

struct eg_strmap {
	struct eg_slot_table table; /* entry indices by hash */
	size_t size;		    /* keys stored */
	struct entry *entries;	    /* size entries */
	size_t entries_cap;	    /* entries allocated */
	char *arena;		    /* key bytes, back to back */
	size_t arena_len;	    /* bytes used in arena */
	size_t arena_cap;	    /* bytes allocated in arena */
};

/* A key being looked for. */
struct probe {
	const struct eg_strmap *m; /* the map */
	const char *key;	   /* its bytes */
	size_t len;		   /* their length */
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

struct eg_strmap *eg_strmap_new(size_t expected)
{
	struct eg_strmap *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	if (eg_slot_table_init(&m->table, expected) != 0) {
		free(m);
		return NULL;
	}
	return m;
}

void eg_strmap_free(struct eg_strmap *m)
{
	if (!m)
		return;
	eg_slot_table_release(&m->table);
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

/* Whether entry i holds the probe's key. */
static int same(const void *ctx, size_t i)
{
	const struct probe *p = ctx;
	size_t len;
	const char *k = eg_strmap_key(p->m, i, &len);

	return len == p->len && (len == 0 || memcmp(k, p->key, len) == 0);
}

/* Entry i's hash, to place it again when the table grows. */
static uint64_t entry_hash(const void *ctx, size_t i)
{
	size_t len;
	const char *k = eg_strmap_key(ctx, i, &len);

	return eg_hash64(k, len);
}

int eg_strmap_get(const struct eg_strmap *m, const char *key, size_t len, size_t *value)
{
	struct probe p = { m, key, len };
	const struct eg_slot *s = eg_slot_table_find(&m->table, eg_hash64(key, len), same, &p);

	if (s->idx == 0)
		return 0;
	if (value)
		*value = m->entries[s->idx - 1].value;
	return 1;
}

int eg_strmap_put(struct eg_strmap *m, const char *key, size_t len, size_t *value)
{
	uint64_t h = eg_hash64(key, len);
	struct probe p = { m, key, len };
	struct eg_slot *s = eg_slot_table_find(&m->table, h, same, &p);

	if (s->idx != 0) {
		if (value)
			*value = m->entries[s->idx - 1].value;
		return 0;
	}
	/* Grow before inserting, so a failure leaves the map unchanged. */
	if (eg_slot_table_reserve(&m->table, entry_hash, m) != 0)
		return -1;
	s = eg_slot_table_find(&m->table, h, same, &p);
	if (eg_array_reserve((void **)&m->entries, &m->entries_cap, m->size + 1,
			     sizeof(*m->entries), 16) ||
	    eg_array_reserve((void **)&m->arena, &m->arena_cap, m->arena_len + len, 1, 4096))
		return -1;
	if (len)
		memcpy(m->arena + m->arena_len, key, len);
	m->entries[m->size].key = m->arena_len;
	m->entries[m->size].value = value ? *value : 0;
	m->arena_len += len;
	eg_slot_table_set(&m->table, s, h, m->size++);
	return 1;
}

size_t eg_strmap_size(const struct eg_strmap *m)
{
	return m->size;
}
