/*
 * extract_packed_items.c - line items packed one per cell (see
 * extract_packed_items.h).
 *
 * A cell is split at '|' into key:value parts; a part that does not start
 * with a key (lowercase letters, digits, '_' or '-' before a ':') belongs to
 * the value before it, so a name holding '|' stays whole, and a name
 * holding ':' is cut at its first ':' only, after the key. Unknown keys
 * (product_id, tax, pa_size, meta) are ignored.
 */
#include "engage/extract_packed_items.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/source_map.h"
#include "engage/tables.h"

#include <stdio.h>
#include <string.h>

/* Length of the key of the part at s (before its ':'), 0 when it starts with none. */
static size_t key_len(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == ':')
			return i;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 0;
}

/* s (len bytes) without white space at its ends. */
static const char *trim(const char *s, size_t *len)
{
	while (*len && (*s == ' ' || *s == '\t'))
		s++, (*len)--;
	while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
	return s;
}

/* Whether the key (klen bytes) is word. */
static int is_key(const char *key, size_t klen, const char *word)
{
	return strlen(word) == klen && memcmp(key, word, klen) == 0;
}

/* The values of the keys the item uses: each a span of the cell, len 0 when absent. */
struct spans {
	const char *at[5];
	size_t len[5];
};

enum { NAME, SKU, QUANTITY, TOTAL, SUBTOTAL };

static const char *const keys[] = { "name", "sku", "quantity", "total", "sub_total" };

/* Splits cell into spans: each key's value runs to the next part that starts with a key. */
static void split(const char *cell, size_t len, struct spans *sp)
{
	size_t i = 0, k, current = (size_t)-1;

	memset(sp, 0, sizeof(*sp));
	while (i <= len) {
		const char *part = cell + i;
		const char *bar = memchr(part, '|', len - i);
		size_t plen = bar ? (size_t)(bar - part) : len - i, klen = key_len(part, plen);

		if (klen) {
			current = (size_t)-1;
			for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
				if (is_key(part, klen, keys[k]) && !sp->at[k]) {
					current = k;
					sp->at[k] = part + klen + 1;
					sp->len[k] = plen - klen - 1;
				}
		} else if (plen && current != (size_t)-1) {
			/* A '|' inside the value: it runs on. */
			sp->len[current] = (size_t)(part + plen - sp->at[current]);
		}
		i += plen + 1;
	}
}

/* The value of key k, trimmed ("" when absent); its length in *len. */
static const char *value(const struct spans *sp, int k, size_t *len)
{
	*len = sp->len[k];
	return trim(sp->at[k] ? sp->at[k] : "", len);
}

/*
 * Reads the amount of key k into *out, left as it is when the item has
 * none. On a bad amount fills why naming the item and returns -1.
 */
static int amount(const struct spans *sp, int k, const struct eg_extract_value_style *style,
		  const struct eg_packed_item *item, int64_t *out, char *why, size_t whysz)
{
	struct eg_error e;
	size_t n;
	const char *s = value(sp, k, &n);

	if (!n || eg_extract_value_amount(s, n, style, out, &e) == EG_OK)
		return 0;
	snprintf(why, whysz, "%s of '%.*s': %.300s", keys[k], (int)item->name_len, item->name,
		 e.message);
	return -1;
}

const char *eg_packed_item_parse(const char *cell, size_t len,
				 const struct eg_extract_value_style *style,
				 struct eg_packed_item *item, char *why, size_t whysz)
{
	struct spans sp;
	struct eg_error e;
	size_t n;
	const char *s;

	split(cell, len, &sp);
	item->name = value(&sp, NAME, &item->name_len);
	item->sku = value(&sp, SKU, &item->sku_len);
	if (!item->name_len || !sp.at[QUANTITY]) {
		snprintf(why, whysz, "the item '%.*s' has no %s", (int)(len > 80 ? 80 : len), cell,
			 item->name_len ? "quantity" : "name");
		return "missing_value";
	}
	s = value(&sp, QUANTITY, &n);
	if (eg_int_parse(s, n, &item->quantity, &e) != EG_OK) {
		snprintf(why, whysz, "quantity of '%.*s': %.300s", (int)item->name_len, item->name,
			 e.message);
		return "bad_quantity";
	}
	item->total = 0;
	if (amount(&sp, TOTAL, style, item, &item->total, why, whysz))
		return "bad_amount";
	item->subtotal = item->total;
	if (amount(&sp, SUBTOTAL, style, item, &item->subtotal, why, whysz))
		return "bad_amount";
	return NULL;
}

/*
 * The next packed column of the current row at or after *i holding a cell,
 * its cell in *cell and *len; -1 when none is left. Columns before the
 * first match (the field's own column) are never packed ones.
 */
static long next_packed(struct eg_extract_input *x, long *i, const char **cell, size_t *len)
{
	struct eg_pattern *p = x->map->pattern[EG_SF_PACKED_ITEM];
	long n = (long)eg_csv_reader_nfields(x->r), c;

	if (!p || x->col[EG_SF_PACKED_ITEM] < 0)
		return -1;
	if (*i < x->col[EG_SF_PACKED_ITEM])
		*i = x->col[EG_SF_PACKED_ITEM];
	for (c = *i; c < n && c < (long)eg_csv_reader_ncolumns(x->r); c++) {
		const char *name;

		*cell = eg_csv_reader_field(x->r, c, len);
		if (!*len)
			continue;
		name = eg_csv_reader_column_name(x->r, (size_t)c);
		if (eg_pattern_match(p, name, strlen(name))) {
			*i = c + 1;
			return c;
		}
	}
	*i = n;
	return -1;
}

int eg_extract_packed_items_count(struct eg_extract_input *x, int64_t *items, int64_t *units,
				  int *rejected)
{
	struct eg_packed_item it;
	char why[512];
	const char *cell, *reason;
	size_t len;
	long i = 0, c;

	*items = *units = 0;
	*rejected = 0;
	while ((c = next_packed(x, &i, &cell, &len)) >= 0) {
		reason = eg_packed_item_parse(cell, len, &x->number, &it, why, sizeof(why));
		if (reason) {
			*rejected = 1;
			return eg_extract_row_reject(x, reason, "column '%s': %s",
						     eg_csv_reader_column_name(x->r, (size_t)c),
						     why);
		}
		(*items)++;
		if (eg_int_add(units, it.quantity) != EG_OK) {
			*rejected = 1;
			return eg_extract_row_reject(x, "bad_quantity", "units out of range");
		}
	}
	return EG_OK;
}

void eg_extract_packed_items_write(struct eg_extract_input *x, const char *order_id, size_t len)
{
	struct eg_csv_writer *w = &x->lines->w;
	struct eg_packed_item it;
	char why[8];
	const char *cell;
	size_t clen;
	long i = 0;

	while (next_packed(x, &i, &cell, &clen) >= 0) {
		if (eg_packed_item_parse(cell, clen, &x->number, &it, why, sizeof(why)))
			continue; /* not reached: the row was counted first */
		eg_csv_write_field(w, order_id, len);
		eg_csv_write_field(w, it.sku, it.sku_len);
		eg_csv_write_field(w, it.name, it.name_len);
		eg_csv_write_int(w, it.quantity);
		eg_csv_write_money(w, it.quantity ? eg_money_div_round(it.subtotal, it.quantity)
						  : it.subtotal);
		eg_csv_write_money(w, it.total);
		eg_csv_write_str(w, x->file_id);
		eg_csv_write_int(w, eg_extract_row_line(x));
		eg_table_output_end_row(x->lines);
	}
}
