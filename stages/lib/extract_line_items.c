/*
 * extract_line_items.c - the line_items layout (see extract_line_items.h).
 *
 * Text fields are written as read, so the canonical tables keep what the
 * platform exported (clean normalises emails); a field the mapping gives
 * value rules or a default goes through them.
 */
#include "engage/extract_line_items.h"
#include "engage/email_address.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/strbuf.h"
#include "engage/tables.h"
#include "engage/timezone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_TEXT ((size_t)-1) /* a field with no text: written empty */

/*
 * The order being assembled from its rows. Its texts live in one buffer
 * that is emptied, not freed, between orders: no malloc per order.
 */
struct order {
	int open;		      /* an order is being assembled */
	size_t name;		      /* offset of the name its rows share */
	size_t field[EG_ORDER_NCOLS]; /* offset of each formatted output field in text, or NO_TEXT */
	struct eg_strbuf text;	      /* the NUL-terminated texts, one after the other */
	int64_t items;		      /* line items so far */
	int64_t units;		      /* units so far */
	int64_t lines_total;	      /* sum of the line totals so far */
	int64_t discount;	      /* the order's discount, 0 when not exported */
	int64_t charges;	      /* its shipping, tax and duties, 0 when not exported */
};

struct eg_extract_line_items {
	struct eg_extract_input *x; /* the input being read (borrowed) */
	struct order order;	    /* the order being assembled */
	char *skip_name;	    /* name of a rejected order, owned */
	long skip_line;		    /* line of that order's first row */
};

/* Empties o for the next order, keeping the room its texts had. */
static void order_clear(struct order *o)
{
	size_t i;

	o->open = 0;
	o->name = NO_TEXT;
	for (i = 0; i < EG_ORDER_NCOLS; i++)
		o->field[i] = NO_TEXT;
	o->text.len = 0;
	o->items = o->units = o->lines_total = o->discount = o->charges = 0;
}

/*
 * The subtotal and total of o, an order of an export without an order
 * total, when its lines add up to lines: their sum less the discount, then
 * plus shipping, tax and duties (those the export has; the others are 0).
 * EG_EDATA when out of range.
 */
static int totals_from_lines(const struct order *o, int64_t lines, int64_t *subtotal,
			     int64_t *total)
{
	*subtotal = lines;
	if (o->discount == INT64_MIN || eg_money_add(subtotal, -o->discount) != EG_OK)
		return EG_EDATA;
	*total = *subtotal;
	return eg_money_add(total, o->charges);
}

/* Copies len bytes at s into o's texts; their offset, or NO_TEXT on out of memory. */
static size_t keep(struct order *o, const char *s, size_t len)
{
	size_t off = o->text.len;

	if (eg_strbuf_add(&o->text, s, len) != 0)
		return NO_TEXT;
	o->text.len++; /* past the NUL eg_strbuf_add wrote: the next text starts after it */
	return off;
}

static size_t keep_str(struct order *o, const char *s)
{
	return keep(o, s, strlen(s));
}

/* The text at offset off, NULL for NO_TEXT (borrowed until o is cleared or grows). */
static char *text_at(const struct order *o, size_t off)
{
	return off == NO_TEXT ? NULL : o->text.s + off;
}

int eg_extract_line_items_new(struct eg_extract_line_items **out, struct eg_extract_input *x,
			      struct eg_error *err)
{
	struct eg_extract_line_items *li = calloc(1, sizeof(*li));

	if (!li)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	li->x = x;
	order_clear(&li->order);
	*out = li;
	return EG_OK;
}

void eg_extract_line_items_free(struct eg_extract_line_items *li)
{
	if (!li)
		return;
	eg_strbuf_release(&li->order.text);
	free(li->skip_name);
	free(li);
}

/* The cell of field f as read, or after the mapping's rules when it has any. */
static const char *field(const struct eg_extract_line_items *li, int f, size_t *len)
{
	const struct eg_source_map *m = li->x->map;
	const char *cell = eg_extract_row_cell(li->x, f, len);

	/* Under a key every value is checked; an email not ASCII goes in its normal form. */
	if (m->has_rules[f] || m->dflt[f] || li->x->pseudonym ||
	    (f == EG_SF_EMAIL && !eg_email_is_ascii(cell, *len)))
		return eg_extract_row_value(li->x, f, len);
	return cell;
}

/* Keeps the cell of field f in the order's texts; its offset. */
static size_t keep_field(struct eg_extract_line_items *li, int f)
{
	size_t len;
	const char *s = field(li, f, &len);

	return keep(&li->order, s, len);
}

void eg_extract_line_items_flush(struct eg_extract_line_items *li)
{
	struct order *o = &li->order;
	struct eg_csv_writer *w = &li->x->out->w;
	int from_lines = li->x->col[EG_SF_TOTAL] < 0;
	int64_t subtotal = 0, total = 0;
	const char *s;
	size_t i;

	if (!o->open)
		return;
	if (from_lines)
		totals_from_lines(o, o->lines_total, &subtotal, &total); /* checked line by line */
	for (i = 0; i < EG_ORDER_NCOLS; i++) {
		if (i == EG_ORDER_ITEMS)
			eg_csv_write_int(w, o->items);
		else if (i == EG_ORDER_UNITS)
			eg_csv_write_int(w, o->units);
		else if (from_lines && i == EG_ORDER_SUBTOTAL)
			eg_csv_write_money(w, subtotal);
		else if (from_lines && i == EG_ORDER_TOTAL)
			eg_csv_write_money(w, total);
		else
			eg_csv_write_str(w, text_at(o, o->field[i]));
	}
	eg_table_output_end_row(li->x->out);
	s = text_at(o, o->field[EG_ORDER_CREATED_AT]);
	eg_extract_row_note_date(li->x, s, s ? strlen(s) : 0);
	order_clear(o);
	free(li->skip_name);
	li->skip_name = NULL;
}

/*
 * Parses money field f of the current row into *v; an empty or absent field
 * is 0 when empty_ok. On failure fills why and returns EG_EDATA.
 */
static int field_money(struct eg_extract_line_items *li, int f, int empty_ok, int64_t *v, char *why,
		       size_t whysz)
{
	struct eg_error e;
	size_t len;
	const char *s = field(li, f, &len);

	*v = 0;
	if (len == 0 && empty_ok)
		return EG_OK;
	if (eg_extract_value_amount(s, len, &li->x->number, v, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s", eg_extract_row_column(li->x, f),
			 e.message);
		return EG_EDATA;
	}
	return EG_OK;
}

/* Parses the line-item part of a row, or names the reject reason and fills why. */
static const char *parse_line(struct eg_extract_line_items *li, int64_t *qty, int64_t *price,
			      int64_t *total, char *why, size_t whysz)
{
	struct eg_error e;
	size_t len;
	const char *s = field(li, EG_SF_QUANTITY, &len);

	if (eg_int_parse(s, len, qty, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s",
			 eg_extract_row_column(li->x, EG_SF_QUANTITY), e.message);
		return "bad_quantity";
	}
	if (field_money(li, EG_SF_UNIT_PRICE, 0, price, why, whysz))
		return "bad_amount";
	if (eg_money_mul(*price, *qty, total) != EG_OK) {
		snprintf(why, whysz, "line total of %lld units out of range", (long long)*qty);
		return "bad_amount";
	}
	return NULL;
}

static void write_line(struct eg_extract_line_items *li, int64_t qty, int64_t price, int64_t total)
{
	struct eg_csv_writer *w = &li->x->lines->w;
	size_t len;
	const char *s;

	eg_csv_write_str(w, text_at(&li->order, li->order.field[EG_ORDER_ID]));
	s = field(li, EG_SF_SKU, &len);
	eg_csv_write_field(w, s, len);
	s = field(li, EG_SF_PRODUCT, &len);
	eg_csv_write_field(w, s, len);
	eg_csv_write_int(w, qty);
	eg_csv_write_money(w, price);
	eg_csv_write_money(w, total);
	eg_csv_write_str(w, li->x->file_id);
	eg_csv_write_int(w, eg_extract_row_line(li->x));
	eg_table_output_end_row(li->x->lines);
}

/* Reads a typed field into the order's texts (offset in *out), or names the reject reason. */
static const char *typed(struct eg_extract_line_items *li, int f, size_t *out, char *why,
			 size_t whysz)
{
	struct eg_extract_field v;
	const char *reason = eg_extract_row_read(li->x, f, &v, why, whysz);

	if (reason)
		return reason;
	*out = keep(&li->order, v.text, v.len);
	return NULL;
}

/*
 * Starts a new order from its first row; name (name_len bytes) is the name
 * its rows share. Returns NULL on success, or the reject reason with why
 * filled.
 */
static const char *order_start(struct eg_extract_line_items *li, const char *name, size_t name_len,
			       char *why, size_t whysz)
{
	static const struct {
		enum eg_source_field src;
		enum eg_order_col dst;
	} money[] = {
		{ EG_SF_SUBTOTAL, EG_ORDER_SUBTOTAL }, { EG_SF_DISCOUNT, EG_ORDER_DISCOUNT },
		{ EG_SF_SHIPPING, EG_ORDER_SHIPPING }, { EG_SF_TAX, EG_ORDER_TAX },
		{ EG_SF_TOTAL, EG_ORDER_TOTAL },       { EG_SF_REFUNDED, EG_ORDER_REFUNDED },
		{ EG_SF_DUTIES, EG_ORDER_DUTIES },
	};
	struct eg_extract_input *x = li->x;
	const struct eg_source_map *map = x->map;
	struct order *o = &li->order;
	struct eg_extract_field phone;
	struct eg_stamp stamp;
	int64_t created;
	struct eg_error e;
	int64_t v[sizeof(money) / sizeof(money[0])];
	size_t i, len, refunded_at = NO_TEXT, cancelled = NO_TEXT, customer_ref = NO_TEXT;
	size_t customer_name = NO_TEXT;
	const char *s, *reason, *cancelled_text;
	char *currency;
	char buf[EG_TIME_BUFSZ > EG_MONEY_BUFSZ ? EG_TIME_BUFSZ : EG_MONEY_BUFSZ];

	/* A placed order always has a payment state; a checkout left unpaid has none. */
	if (x->col[EG_SF_FINANCIAL_STATUS] >= 0)
		field(li, EG_SF_FINANCIAL_STATUS, &len);
	if (x->col[EG_SF_FINANCIAL_STATUS] >= 0 && len == 0) {
		snprintf(why, whysz,
			 "column '%s' is empty on the order's first row, so it is not a placed "
			 "order (Shopify's abandoned-checkouts export looks like this: export "
			 "Orders instead)",
			 eg_extract_row_column(x, EG_SF_FINANCIAL_STATUS));
		return "not_an_order";
	}
	s = field(li, EG_SF_CREATED_AT, &len);
	if (eg_extract_value_time(x->values, s, len, x->dates, &stamp, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s",
			 eg_extract_row_column(x, EG_SF_CREATED_AT), e.message);
		return "bad_date";
	}
	created = eg_extract_row_utc(x, &stamp, s, len);
	if (!eg_time_in_range(created)) {
		snprintf(why, whysz, "column '%s': its UTC offset moves it out of years 1 to 9999",
			 eg_extract_row_column(x, EG_SF_CREATED_AT));
		return "bad_date";
	}
	for (i = 0; i < sizeof(money) / sizeof(money[0]); i++)
		if (field_money(li, money[i].src,
				money[i].src != EG_SF_TOTAL || x->col[EG_SF_TOTAL] < 0, &v[i], why,
				whysz))
			return "bad_amount";
	/* For a total made from the lines: the discount, and what is charged beside them. */
	for (i = 0; i < sizeof(money) / sizeof(money[0]); i++) {
		if (money[i].src == EG_SF_DISCOUNT)
			o->discount = v[i];
		else if ((money[i].src == EG_SF_SHIPPING || money[i].src == EG_SF_TAX ||
			  money[i].src == EG_SF_DUTIES) &&
			 eg_money_add(&o->charges, v[i]) != EG_OK) {
			snprintf(why, whysz, "shipping, tax and duties add up out of range");
			return "bad_amount";
		}
	}
	reason = typed(li, EG_SF_REFUNDED_AT, &refunded_at, why, whysz);
	if (!reason)
		reason = typed(li, EG_SF_CANCELLED, &cancelled, why, whysz);
	if (!reason)
		reason = typed(li, EG_SF_CUSTOMER_REF, &customer_ref, why, whysz);
	if (!reason)
		reason = typed(li, EG_SF_CUSTOMER_NAME, &customer_name, why, whysz);
	if (reason)
		return reason; /* the caller clears the order, texts included */
	o->open = 1;
	o->name = keep(o, name, name_len);
	/* The order's own key (Shopify's Id) when the row has it, else its name. */
	field(li, EG_SF_ORDER_ID, &len);
	o->field[EG_ORDER_ID] = len ? keep_field(li, EG_SF_ORDER_ID) : o->name;
	o->field[EG_ORDER_NAME] = o->name;
	o->field[EG_ORDER_CUSTOMER_REF] = customer_ref;
	o->field[EG_ORDER_CUSTOMER_NAME] = customer_name;
	o->field[EG_ORDER_EMAIL] =
		eg_extract_row_relay_email(x) ? keep_str(o, "") : keep_field(li, EG_SF_EMAIL);
	eg_extract_row_phone(x, &phone);
	o->field[EG_ORDER_PHONE] = keep(o, phone.text, phone.len);
	/* Without an offset, a stamp is wall-clock time in the source's zone. */
	o->field[EG_ORDER_CREATED_AT] =
		keep_str(o, eg_time_format(created, buf));
	s = field(li, EG_SF_CURRENCY, &len);
	o->field[EG_ORDER_CURRENCY] =
		len ? keep_field(li, EG_SF_CURRENCY) : keep_str(o, map->currency);
	currency = text_at(o, o->field[EG_ORDER_CURRENCY]);
	for (i = 0; currency && currency[i]; i++)
		if (currency[i] >= 'a' && currency[i] <= 'z')
			currency[i] -= 'a' - 'A';
	/* A part of the total the export has no column for stays "" (NO_TEXT), not 0. */
	for (i = 0; i < sizeof(money) / sizeof(money[0]); i++)
		if (!eg_extract_row_part_absent(x, money[i].src))
			o->field[money[i].dst] = keep_str(o, eg_money_format(v[i], buf));
	o->field[EG_ORDER_FINANCIAL_STATUS] = keep_field(li, EG_SF_FINANCIAL_STATUS);
	field(li, EG_SF_CANCELLED_AT, &len);
	cancelled_text = text_at(o, cancelled);
	o->field[EG_ORDER_CANCELLED] = keep_str(
		o, len || (cancelled_text && strcmp(cancelled_text, "true") == 0) ? "true" : "false");
	s = map->test ? field(li, map->test_field, &len) : "";
	o->field[EG_ORDER_IS_TEST] =
		keep_str(o, map->test && eg_pattern_match(map->test, s, len) ? "true" : "false");
	o->field[EG_ORDER_SOURCE] = keep_str(o, map->name);
	o->field[EG_ORDER_DISCOUNT_CODE] = keep_field(li, EG_SF_DISCOUNT_CODE);
	s = field(li, EG_SF_ACCEPTS_MARKETING, &len);
	s = eg_extract_value_bool(s, len);
	o->field[EG_ORDER_ACCEPTS_MARKETING] = keep_str(o, s ? s : "");
	o->field[EG_ORDER_COUNTRY] = keep_field(li, EG_SF_COUNTRY);
	o->field[EG_ORDER_SOURCE_FILE] = keep_str(o, x->file_id);
	o->field[EG_ORDER_SOURCE_LINE] = keep(o, buf, eg_int_format(eg_extract_row_line(x), buf));
	o->field[EG_ORDER_REFUNDED_AT] = refunded_at;
	return NULL;
}

int eg_extract_line_items_row(struct eg_extract_line_items *li)
{
	struct eg_extract_input *x = li->x;
	/* Shopify's rows share Name; only an order's first row has its Id. */
	int group = x->col[EG_SF_ORDER_NAME] >= 0 ? EG_SF_ORDER_NAME : EG_SF_ORDER_ID;
	const char *name, *id, *reason;
	size_t name_len, id_len;
	int64_t qty, price, total;
	int first;
	char why[512];

	name = field(li, group, &name_len);
	if (name_len == 0)
		return eg_extract_row_reject(x, "missing_order_id", "column '%s' is empty",
					     eg_extract_row_column(x, group));
	if (li->skip_name && strcmp(name, li->skip_name) == 0)
		return eg_extract_row_reject(
			x, "order_rejected",
			"line item of order '%s', whose first row (line %ld) was rejected", name,
			li->skip_line);
	/* Rows of one order share its name; an order id, when a row has one, must agree. */
	first = !li->order.open || strcmp(name, text_at(&li->order, li->order.name)) != 0;
	if (!first && group != EG_SF_ORDER_ID) {
		id = field(li, EG_SF_ORDER_ID, &id_len);
		first = id_len &&
			strcmp(id, text_at(&li->order, li->order.field[EG_ORDER_ID])) != 0;
	}
	if (first) {
		eg_extract_line_items_flush(li);
		free(li->skip_name);
		li->skip_name = NULL;
		if (x->col[EG_SF_TOTAL] >= 0 &&
		    eg_extract_row_cell(x, EG_SF_TOTAL, NULL)[0] == '\0')
			return eg_extract_row_reject(
				x, "orphan_line_item",
				"line item of order '%s' without the order's first row "
				"(no %s)",
				name, eg_extract_row_column(x, EG_SF_TOTAL));
	}
	reason = parse_line(li, &qty, &price, &total, why, sizeof(why));
	if (!reason && first)
		reason = order_start(li, name, name_len, why, sizeof(why));
	if (!reason) {
		/* The line joins the order's sum only when every total stays in range. */
		int64_t lines = li->order.lines_total, subtotal, order_total;

		if (eg_money_add(&lines, total) != EG_OK ||
		    (x->col[EG_SF_TOTAL] < 0 &&
		     totals_from_lines(&li->order, lines, &subtotal, &order_total) != EG_OK)) {
			snprintf(why, sizeof(why), "order total out of range");
			reason = "bad_amount";
		} else {
			li->order.lines_total = lines;
		}
	}
	if (reason) {
		if (first) {
			order_clear(&li->order);
			li->skip_name = strdup(name);
			li->skip_line = eg_extract_row_line(x);
		}
		return eg_extract_row_reject(x, reason, "%s", why);
	}
	write_line(li, qty, price, total);
	li->order.items++;
	li->order.units += qty;
	x->counts->written++;
	return EG_OK;
}
