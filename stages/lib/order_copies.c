/*
 * order_copies.c - the compact record of clean's order copies.
 *
 * A copy is 20 bytes: its fingerprint, line, file, fate and flags, and the
 * index of an extra record when it has values the compact fields cannot
 * hold. Each distinct id is stored once in an arena, after the index of its
 * first copy; an id of decimal digits (most platforms' order ids) is stored
 * two digits to a byte, so a 13-digit id takes 7 bytes; a slot table (slot_table.h: 32 bits of the id's
 * hash and the arena offset) finds it. Copies of one id are chained in read
 * order through their extra records, which only ids read more than once
 * need.
 */
#include "engage/order_copies.h"
#include "engage/array.h"
#include "engage/slot_table.h"
#include "engage/strmap.h"

#include <stdlib.h>
#include <string.h>

/* A line or file index that does not fit the compact field: see the extra record. */
#define BIG_LINE UINT32_MAX
#define BIG_FILE UINT16_MAX
/* Most copies and arena bytes the 32-bit indices can address. */
#define MAX_COPIES (UINT32_MAX - 1)
#define MAX_ARENA  (UINT32_MAX - 1)

enum {
	FLAG_RETURN = 1,
	FLAG_GENERIC = 2,
	FLAG_TOTAL = 4,
	FLAG_PART_ORDER = 8,
	FLAG_PART_LINES = 16
};

/* A copy as stored. */
struct packed {
	uint32_t lo;	/* low half of the fingerprint, or of the total (FLAG_TOTAL) */
	uint32_t hi;	/* high half of it */
	uint32_t line;	/* source line, or BIG_LINE: in the extra record */
	uint32_t extra; /* 1 + index of its extra record, 0 when none */
	uint16_t file;	/* file index, or BIG_FILE: in the extra record */
	uint8_t fate;	/* enum eg_copy_fate */
	uint8_t flags;	/* FLAG_RETURN, FLAG_GENERIC, FLAG_TOTAL, FLAG_PART_* */
};

/* What few copies need. */
struct extra {
	int64_t rate;	/* exchange rate, 0 when none */
	int64_t total;	/* summed line totals or amount returned */
	int64_t items;	/* lines */
	int64_t units;	/* units */
	long line;	/* source line */
	size_t file;	/* file index */
	uint32_t owner; /* copy receiving its lines */
	uint32_t next;	/* next copy of its id, UINT32_MAX when none */
};

struct eg_order_copies {
	struct packed *copies;	  /* every copy, in read order */
	size_t ncopies;		  /* entries at copies */
	size_t copies_cap;	  /* entries allocated */
	struct extra *extras;	  /* extra records */
	size_t nextras;		  /* entries at extras */
	size_t extras_cap;	  /* entries allocated */
	unsigned char *arena;	  /* per id: first copy (4 bytes), length (varint), bytes */
	size_t arena_len;	  /* bytes used */
	size_t arena_cap;	  /* bytes allocated */
	struct eg_slot_table ids; /* arena offsets of the ids, by hash */
};

/* The id's hash, mixed so that its low bits index the table well. */
static uint64_t id_hash(const char *id, size_t len)
{
	uint64_t h = eg_hash64(id, len);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

struct eg_order_copies *eg_order_copies_new(void)
{
	struct eg_order_copies *oc = calloc(1, sizeof(*oc));

	if (!oc)
		return NULL;
	if (eg_slot_table_init(&oc->ids, 1024) != 0) {
		free(oc);
		return NULL;
	}
	return oc;
}

void eg_order_copies_free(struct eg_order_copies *oc)
{
	if (!oc)
		return;
	free(oc->copies);
	free(oc->extras);
	free(oc->arena);
	eg_slot_table_release(&oc->ids);
	free(oc);
}

/*
 * Reads the entry at arena offset off: its first copy, stored id bytes, and
 * tagged length (see struct stored_id).
 */
static const unsigned char *entry(const struct eg_order_copies *oc, size_t off, uint32_t *head,
				  size_t *len)
{
	const unsigned char *p = oc->arena + off;
	size_t n = 0;
	int shift = 0;

	memcpy(head, p, 4);
	p += 4;
	do {
		n |= (size_t)(*p & 0x7f) << shift;
		shift += 7;
	} while (*p++ & 0x80);
	*len = n;
	return p;
}

/* Most digits an id may have to be stored packed. */
#define MAX_PACKED_DIGITS 64

/*
 * An id as the arena stores it: its digits two to a byte (the last nibble
 * 0xf for an odd count) when it has only digits, else its own bytes. The
 * tagged length, 2 * bytes + 1 when packed, keeps the two forms apart, so
 * two ids are equal exactly when their stored forms are.
 */
struct stored_id {
	unsigned char packed[MAX_PACKED_DIGITS / 2]; /* the digits packed */
	const unsigned char *bytes;		      /* stored bytes: packed, or the id */
	size_t len;				      /* entries at bytes */
	size_t tagged;				      /* 2 * len, + 1 when packed */
};

/* Fills k with id's (len bytes) stored form; k->bytes may point into id. */
static void stored_id(const char *id, size_t len, struct stored_id *k)
{
	size_t i;

	k->bytes = (const unsigned char *)id;
	k->len = len;
	k->tagged = 2 * len;
	if (len == 0 || len > MAX_PACKED_DIGITS)
		return;
	for (i = 0; i < len; i++)
		if (id[i] < '0' || id[i] > '9')
			return;
	for (i = 0; i < len; i += 2)
		k->packed[i / 2] =
			(unsigned char)((id[i] - '0') << 4 | (i + 1 < len ? id[i + 1] - '0' : 0xf));
	k->bytes = k->packed;
	k->len = (len + 1) / 2;
	k->tagged = 2 * k->len + 1;
}

/* An id being looked for. */
struct probe {
	const struct eg_order_copies *oc; /* the record */
	const struct stored_id *key;	  /* its stored form */
};

/* Whether the arena entry at off holds the probe's id. */
static int same(const void *ctx, size_t off)
{
	const struct probe *p = ctx;
	uint32_t head;
	size_t tagged;
	const unsigned char *key = entry(p->oc, off, &head, &tagged);

	return tagged == p->key->tagged && memcmp(key, p->key->bytes, p->key->len) == 0;
}

/* The hash of the id at arena offset off, to place it again when the table grows. */
static uint64_t entry_hash(const void *ctx, size_t off)
{
	uint32_t head;
	size_t tagged;
	const unsigned char *key = entry(ctx, off, &head, &tagged);

	return id_hash((const char *)key, tagged / 2);
}

size_t eg_order_copies_head(const struct eg_order_copies *oc, const char *id, size_t len)
{
	struct stored_id k;
	struct probe p = { oc, &k };
	const struct eg_slot *s;

	stored_id(id, len, &k);
	s = eg_slot_table_find(&oc->ids, id_hash((const char *)k.bytes, k.len), same, &p);
	uint32_t head;
	size_t klen;

	if (s->idx == 0)
		return EG_COPY_NONE;
	entry(oc, s->idx - 1, &head, &klen);
	return head;
}

size_t eg_order_copies_count(const struct eg_order_copies *oc)
{
	return oc->ncopies;
}

void eg_order_copies_get(const struct eg_order_copies *oc, size_t idx, struct eg_order_copy *out)
{
	const struct packed *p = &oc->copies[idx];

	memset(out, 0, sizeof(*out));
	if (p->flags & FLAG_TOTAL)
		out->total = (int64_t)((uint64_t)p->hi << 32 | p->lo);
	else
		out->fingerprint = (uint64_t)p->hi << 32 | p->lo;
	out->line = p->line;
	out->file = p->file;
	out->fate = (enum eg_copy_fate)p->fate;
	out->is_return = (p->flags & FLAG_RETURN) != 0;
	out->generic = (p->flags & FLAG_GENERIC) != 0;
	out->part = p->flags & FLAG_PART_ORDER	 ? EG_PART_ORDER
		    : p->flags & FLAG_PART_LINES ? EG_PART_LINES
						 : EG_PART_WHOLE;
	out->owner = idx;
	out->next = EG_COPY_NONE;
	if (p->extra) {
		const struct extra *x = &oc->extras[p->extra - 1];

		out->line = x->line;
		out->file = x->file;
		out->owner = x->owner;
		out->next = x->next == UINT32_MAX ? EG_COPY_NONE : x->next;
		out->rate = x->rate;
		out->total = x->total;
		out->items = x->items;
		out->units = x->units;
	}
}

/* Whether in holds a value only an extra record can. */
static int needs_extra(size_t idx, const struct eg_order_copy *in)
{
	return in->rate || in->items || in->units || in->owner != idx || in->next != EG_COPY_NONE ||
	       in->line < 0 || in->line >= (long)BIG_LINE || in->file >= BIG_FILE;
}

int eg_order_copies_set(struct eg_order_copies *oc, size_t idx, const struct eg_order_copy *in)
{
	struct packed *p = &oc->copies[idx];

	if (!p->extra && needs_extra(idx, in)) {
		if (eg_array_reserve((void **)&oc->extras, &oc->extras_cap, oc->nextras + 1,
				     sizeof(*oc->extras), 64))
			return -1;
		p->extra = (uint32_t)++oc->nextras;
	}
	p->fate = (uint8_t)in->fate;
	p->flags = (uint8_t)((in->is_return ? FLAG_RETURN : 0) | (in->generic ? FLAG_GENERIC : 0) |
			     (in->part == EG_PART_ORDER ? FLAG_PART_ORDER : 0) |
			     (in->part == EG_PART_LINES ? FLAG_PART_LINES : 0));
	if (in->total && !p->extra) {
		p->flags |= FLAG_TOTAL;
		p->lo = (uint32_t)(uint64_t)in->total;
		p->hi = (uint32_t)((uint64_t)in->total >> 32);
	} else {
		p->lo = (uint32_t)in->fingerprint;
		p->hi = (uint32_t)(in->fingerprint >> 32);
	}
	if (p->extra) {
		struct extra *x = &oc->extras[p->extra - 1];

		p->line = BIG_LINE;
		p->file = BIG_FILE;
		x->line = in->line;
		x->file = in->file;
		x->owner = (uint32_t)in->owner;
		x->next = in->next == EG_COPY_NONE ? UINT32_MAX : (uint32_t)in->next;
		x->rate = in->rate;
		x->total = in->total;
		x->items = in->items;
		x->units = in->units;
	} else {
		p->line = (uint32_t)in->line;
		p->file = (uint16_t)in->file;
	}
	return 0;
}

int eg_order_copies_add(struct eg_order_copies *oc, const char *id, size_t len, size_t file,
			long line, size_t *idx, size_t *head)
{
	struct stored_id k;
	struct probe p = { oc, &k };
	uint64_t h;
	struct eg_slot *s;
	struct eg_order_copy c;
	size_t n = oc->ncopies, tail, need;
	uint32_t first;
	size_t klen;

	stored_id(id, len, &k);
	h = id_hash((const char *)k.bytes, k.len);
	s = eg_slot_table_find(&oc->ids, h, same, &p);
	need = 4 + 10 + k.len;

	if (n >= MAX_COPIES)
		return -1;
	if (eg_array_reserve((void **)&oc->copies, &oc->copies_cap, n + 1, sizeof(*oc->copies),
			     1024))
		return -1;
	memset(&oc->copies[n], 0, sizeof(oc->copies[n]));
	memset(&c, 0, sizeof(c));
	c.fate = EG_COPY_KEPT;
	c.file = file;
	c.line = line;
	c.owner = n;
	c.next = EG_COPY_NONE;
	if (s->idx) {
		/* Chain it after the id's last copy; that one needs an extra record for next. */
		struct eg_order_copy t;

		entry(oc, s->idx - 1, &first, &klen);
		for (tail = first;; tail = t.next) {
			eg_order_copies_get(oc, tail, &t);
			if (t.next == EG_COPY_NONE)
				break;
		}
		t.next = n;
		if (eg_order_copies_set(oc, n, &c) || eg_order_copies_set(oc, tail, &t))
			return -1; /* the new copy is not counted yet: oc is unchanged */
		oc->ncopies++;
		*idx = n;
		*head = first;
		return 0;
	}
	/* A new id: grow the table before using s, so a failure leaves oc unchanged. */
	if (oc->arena_len + need > MAX_ARENA ||
	    eg_array_reserve((void **)&oc->arena, &oc->arena_cap, oc->arena_len + need, 1, 4096))
		return -1;
	if (eg_slot_table_reserve(&oc->ids, entry_hash, oc) != 0)
		return -1;
	s = eg_slot_table_find(&oc->ids, h, same, &p);
	if (eg_order_copies_set(oc, n, &c))
		return -1;
	eg_slot_table_set(&oc->ids, s, h, oc->arena_len);
	first = (uint32_t)n;
	memcpy(oc->arena + oc->arena_len, &first, 4);
	oc->arena_len += 4;
	klen = k.tagged;
	do {
		oc->arena[oc->arena_len++] =
			(unsigned char)((klen & 0x7f) | (klen > 0x7f ? 0x80 : 0));
		klen >>= 7;
	} while (klen);
	memcpy(oc->arena + oc->arena_len, k.bytes, k.len);
	oc->arena_len += k.len;
	oc->ncopies++;
	*idx = n;
	*head = n;
	return 0;
}
