/*
 * order_copies.h - clean's record of every order copy it reads, compact
 * enough to hold millions of orders, with an exact map from an order id to
 * its copies.
 *
 * Clean must know every order id it has seen to settle duplicates, so this
 * record grows with the orders (not with the rows): about 46 bytes per order
 * with short ids (a 20-byte copy, the id once with its first copy's index,
 * and a hash slot); an id of digits is held two digits to a byte. Values most copies never use (an exchange rate, totals
 * summed from lines, the copy it continues, the next copy of its id, a line
 * or file index too large for the compact fields) live in an extra record
 * that only the copies needing one get. Ids are compared byte for byte, so
 * a hash collision never joins two orders.
 */
#ifndef ENGAGE_ORDER_COPIES_H
#define ENGAGE_ORDER_COPIES_H

#include <stddef.h>
#include <stdint.h>

/* No copy: the end of a chain, or an id never seen. */
#define EG_COPY_NONE SIZE_MAX

/* What becomes of a copy. */
enum eg_copy_fate {
	EG_COPY_KEPT,	   /* written (the first valid copy of its id) */
	EG_COPY_MERGED,	   /* identical to the first copy: folded into it */
	EG_COPY_CONTINUED, /* a generic invoice's later run: its lines go to its owner */
	EG_COPY_REJECTED   /* sent to rejects.csv, and its lines with it */
};

/*
 * Which part of an order a copy's export holds. Two downloads of one
 * platform may each hold a part (Etsy's orders download its totals,
 * refunds and buyer id, its items download the lines): clean makes one
 * order of the two copies of an id.
 */
enum eg_copy_part {
	EG_PART_WHOLE, /* the whole order, as most exports have it */
	EG_PART_ORDER, /* the order without its lines */
	EG_PART_LINES  /* its lines, each row repeating some of the order's fields */
};

/* One copy, unpacked; eg_order_copies_get and _set move it in and out. */
struct eg_order_copy {
	uint64_t fingerprint;	/* hash of the order's values, sources left out; 0 once
				   the copy has a total (see eg_order_copies_set) */
	long line;		/* its source_line */
	enum eg_copy_fate fate; /* what becomes of it */
	int is_return;		/* a return invoice of a generic source */
	int generic;		/* its lines make its totals (generic source) */
	enum eg_copy_part part; /* the part of the order its export holds */
	size_t file;		/* index of its source file */
	size_t next;		/* next copy of the same id in read order, or EG_COPY_NONE */
	size_t owner;		/* copy that receives its lines (itself, or the one it continues) */
	int64_t rate;		/* exchange rate into the report currency, 0 when none needed */
	int64_t total;		/* generic: sum of its valid lines; return: amount returned */
	int64_t items;		/* generic or part: valid lines; return: returned lines */
	int64_t units;		/* generic or part: units of valid lines; return: units returned */
};

/* Every copy read, in read order, and the map from id to the first copy. */
struct eg_order_copies;

/* A new empty record; NULL on out of memory. Free with eg_order_copies_free. */
struct eg_order_copies *eg_order_copies_new(void);

/* Frees oc and everything it holds. NULL is a no-op. */
void eg_order_copies_free(struct eg_order_copies *oc);

/*
 * Appends a copy of order id (len bytes) from file at line: fate KEPT, no
 * totals, owner itself, chained after the last copy of the same id. Its
 * index goes to *idx and the id's first copy to *head (*idx when new).
 * Returns 0, or -1 on out of memory or past 2^32 - 2 copies or 4 GiB of
 * ids, leaving oc unchanged.
 */
int eg_order_copies_add(struct eg_order_copies *oc, const char *id, size_t len, size_t file,
			long line, size_t *idx, size_t *head);

/* The first copy of id (len bytes), or EG_COPY_NONE when it was never added. */
size_t eg_order_copies_head(const struct eg_order_copies *oc, const char *id, size_t len);

/* Copies read so far. */
size_t eg_order_copies_count(const struct eg_order_copies *oc);

/* Fills *out with copy idx (< count). */
void eg_order_copies_get(const struct eg_order_copies *oc, size_t idx, struct eg_order_copy *out);

/*
 * Stores *in as copy idx (< count), next and all. A copy without an extra
 * record keeps a total other than 0 where its fingerprint was: the
 * fingerprint is then forgotten (read back as 0), so fingerprints are for
 * settling duplicates, before any total. Returns 0, or -1 on out of memory
 * when the copy needs an extra record it did not have, leaving it as it was.
 */
int eg_order_copies_set(struct eg_order_copies *oc, size_t idx, const struct eg_order_copy *in);

#endif
