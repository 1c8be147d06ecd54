/*
 * extract_orders.c - the orders layout (see extract_orders.h).
 */
#include "engage/extract_orders.h"
#include "engage/extract_packed_items.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/tables.h"

#include <stdio.h>
#include <string.h>

/* The row below is written in the column order of tables.h. */
_Static_assert(EG_ORDER_NCOLS == 27, "orders columns changed: update eg_extract_orders_row");

/* Reads field f into *v, or rejects the row; *rejected tells which. */
static int read_field(struct eg_extract_input *x, int f, struct eg_extract_field *v, int *rejected)
{
	char why[512];
	const char *reason = eg_extract_row_read(x, f, v, why, sizeof(why));

	*rejected = reason != NULL;
	return reason ? eg_extract_row_reject(x, reason, "%s", why) : EG_OK;
}

/* Writes amount v of field f, or "" when the export has no column for it. */
static void write_amount(struct eg_extract_input *x, int f, int64_t v)
{
	if (eg_extract_row_part_absent(x, f))
		eg_csv_write_str(&x->out->w, "");
	else
		eg_csv_write_money(&x->out->w, v);
}

/*
 * The currency of an order without a currency column: the mapping's, else
 * the one its total's symbol names ("1 234,50 Kč", written into code),
 * else "".
 */
static const char *currency_of(const struct eg_extract_input *x, char code[4])
{
	size_t len;
	const char *total;

	if (x->map->currency[0])
		return x->map->currency;
	total = eg_extract_row_value(x, EG_SF_TOTAL, &len);
	return eg_extract_value_currency(total, len, &x->number, code) ? code : "";
}

int eg_extract_orders_row(struct eg_extract_input *x)
{
	static const int money_fields[] = { EG_SF_SUBTOTAL, EG_SF_DISCOUNT, EG_SF_SHIPPING,
					    EG_SF_TAX,	    EG_SF_TOTAL,    EG_SF_REFUNDED,
					    EG_SF_DUTIES };
	static const int text_fields[] = {
		EG_SF_ORDER_ID,	    EG_SF_CUSTOMER_REF,	 EG_SF_EMAIL,
		EG_SF_CREATED_AT,   EG_SF_CURRENCY,	 EG_SF_FINANCIAL_STATUS,
		EG_SF_CANCELLED_AT, EG_SF_DISCOUNT_CODE, EG_SF_ACCEPTS_MARKETING,
		EG_SF_COUNTRY,	    EG_SF_REFUNDED_AT,	 EG_SF_CANCELLED,
		EG_SF_ITEMS,	    EG_SF_UNITS,	 EG_SF_ORDER_NAME,
		EG_SF_CUSTOMER_NAME,
	};
	const struct eg_source_map *map = x->map;
	struct eg_extract_field v[EG_SF_COUNT], phone;
	struct eg_csv_writer *w = &x->out->w;
	int64_t amount[EG_SF_COUNT] = { 0 }, items, units;
	char ibuf[EG_INT_BUFSZ], ubuf[EG_INT_BUFSZ], code[4];
	size_t i, len;
	int rejected, rc, cancelled, test = 0;
	const char *s;

	for (i = 0; i < sizeof(text_fields) / sizeof(text_fields[0]); i++) {
		rc = read_field(x, text_fields[i], &v[text_fields[i]], &rejected);
		if (rejected || rc != EG_OK)
			return rc;
	}
	if (!v[EG_SF_ORDER_ID].present)
		return eg_extract_row_reject(x, "missing_order_id", "column '%s' is empty",
					     eg_extract_row_column(x, EG_SF_ORDER_ID));
	if (!v[EG_SF_CREATED_AT].present)
		return eg_extract_row_reject(x, "bad_date", "column '%s' is empty",
					     eg_extract_row_column(x, EG_SF_CREATED_AT));
	for (i = 0; i < sizeof(money_fields) / sizeof(money_fields[0]); i++) {
		int f = money_fields[i];

		rc = read_field(x, f, &v[f], &rejected);
		if (rejected || rc != EG_OK)
			return rc;
		amount[f] = v[f].num;
	}
	if (!v[EG_SF_TOTAL].present)
		return eg_extract_row_reject(x, "bad_amount", "column '%s' is empty",
					     eg_extract_row_column(x, EG_SF_TOTAL));
	/* A total after refunds (Etsy's adjusted columns) says what was refunded. */
	rc = read_field(x, EG_SF_ADJUSTED_TOTAL, &v[EG_SF_ADJUSTED_TOTAL], &rejected);
	if (rejected || rc != EG_OK)
		return rc;
	if (x->col[EG_SF_REFUNDED] < 0 && v[EG_SF_ADJUSTED_TOTAL].present) {
		amount[EG_SF_REFUNDED] = amount[EG_SF_TOTAL];
		if (eg_money_add(&amount[EG_SF_REFUNDED], -v[EG_SF_ADJUSTED_TOTAL].num) != EG_OK ||
		    amount[EG_SF_REFUNDED] < 0)
			return eg_extract_row_reject(
				x, "bad_amount", "column '%s' is more than the total",
				eg_extract_row_column(x, EG_SF_ADJUSTED_TOTAL));
	}
	rc = eg_extract_packed_items_count(x, &items, &units, &rejected);
	if (rejected || rc != EG_OK)
		return rc;
	if (x->col[EG_SF_SUBTOTAL] < 0 && !map->dflt[EG_SF_SUBTOTAL] &&
	    (eg_money_add(&amount[EG_SF_SUBTOTAL], amount[EG_SF_TOTAL]) != EG_OK ||
	     eg_money_add(&amount[EG_SF_SUBTOTAL], -amount[EG_SF_SHIPPING]) != EG_OK ||
	     eg_money_add(&amount[EG_SF_SUBTOTAL], -amount[EG_SF_TAX]) != EG_OK ||
	     eg_money_add(&amount[EG_SF_SUBTOTAL], -amount[EG_SF_DUTIES]) != EG_OK))
		return eg_extract_row_reject(x, "bad_amount", "subtotal out of range");
	/* A fully refunded order of a source without refund amounts is refunded in full. */
	if (x->col[EG_SF_REFUNDED] < 0 && !map->dflt[EG_SF_REFUNDED] &&
	    v[EG_SF_FINANCIAL_STATUS].len == 8 &&
	    memcmp(v[EG_SF_FINANCIAL_STATUS].text, "refunded", 8) == 0)
		amount[EG_SF_REFUNDED] = amount[EG_SF_TOTAL];
	if (eg_extract_row_relay_email(x))
		v[EG_SF_EMAIL].len = 0;
	/* Without an email, another email column (Stripe metadata) serves. */
	if (!v[EG_SF_EMAIL].len) {
		rc = read_field(x, EG_SF_OTHER_EMAIL, &v[EG_SF_EMAIL], &rejected);
		if (rejected || rc != EG_OK)
			return rc;
	}
	eg_extract_row_phone(x, &phone);
	cancelled = v[EG_SF_CANCELLED_AT].present || strcmp(v[EG_SF_CANCELLED].text, "true") == 0;
	if (map->test) {
		s = eg_extract_row_value(x, map->test_field, &len);
		test = eg_pattern_match(map->test, s, len);
	}
	eg_csv_write_field(w, v[EG_SF_ORDER_ID].text, v[EG_SF_ORDER_ID].len);
	eg_csv_write_field(w, v[EG_SF_CUSTOMER_REF].text, v[EG_SF_CUSTOMER_REF].len);
	eg_csv_write_field(w, v[EG_SF_EMAIL].text, v[EG_SF_EMAIL].len);
	eg_csv_write_field(w, v[EG_SF_CREATED_AT].text, v[EG_SF_CREATED_AT].len);
	if (v[EG_SF_CURRENCY].present)
		eg_csv_write_field(w, v[EG_SF_CURRENCY].text, v[EG_SF_CURRENCY].len);
	else
		eg_csv_write_str(w, currency_of(x, code));
	/* The parts of a total an export lacks stay "", not 0; subtotal and refunded are derived. */
	for (i = 0; i < sizeof(money_fields) / sizeof(money_fields[0]) - 1; i++)
		write_amount(x, money_fields[i], amount[money_fields[i]]);
	eg_csv_write_field(w, v[EG_SF_FINANCIAL_STATUS].text, v[EG_SF_FINANCIAL_STATUS].len);
	eg_csv_write_str(w, cancelled ? "true" : "false");
	eg_csv_write_str(w, test ? "true" : "false");
	/* Items packed in cells are counted from them when no column counts them. */
	if (!v[EG_SF_ITEMS].present && items) {
		v[EG_SF_ITEMS].text = ibuf;
		v[EG_SF_ITEMS].len = eg_int_format(items, ibuf);
	}
	if (!v[EG_SF_UNITS].present && items) {
		v[EG_SF_UNITS].text = ubuf;
		v[EG_SF_UNITS].len = eg_int_format(units, ubuf);
	}
	eg_csv_write_field(w, v[EG_SF_ITEMS].text, v[EG_SF_ITEMS].len);
	eg_csv_write_field(w, v[EG_SF_UNITS].text, v[EG_SF_UNITS].len);
	eg_csv_write_str(w, map->name);
	eg_csv_write_field(w, v[EG_SF_DISCOUNT_CODE].text, v[EG_SF_DISCOUNT_CODE].len);
	eg_csv_write_field(w, v[EG_SF_ACCEPTS_MARKETING].text, v[EG_SF_ACCEPTS_MARKETING].len);
	eg_csv_write_field(w, v[EG_SF_COUNTRY].text, v[EG_SF_COUNTRY].len);
	eg_csv_write_str(w, x->file_id);
	eg_csv_write_int(w, eg_extract_row_line(x));
	eg_csv_write_field(w, v[EG_SF_REFUNDED_AT].text, v[EG_SF_REFUNDED_AT].len);
	if (v[EG_SF_ORDER_NAME].present)
		eg_csv_write_field(w, v[EG_SF_ORDER_NAME].text, v[EG_SF_ORDER_NAME].len);
	else
		eg_csv_write_field(w, v[EG_SF_ORDER_ID].text, v[EG_SF_ORDER_ID].len);
	eg_csv_write_field(w, phone.text, phone.len);
	write_amount(x, EG_SF_DUTIES, amount[EG_SF_DUTIES]);
	eg_csv_write_field(w, v[EG_SF_CUSTOMER_NAME].text, v[EG_SF_CUSTOMER_NAME].len);
	eg_table_output_end_row(x->out);
	eg_extract_packed_items_write(x, v[EG_SF_ORDER_ID].text, v[EG_SF_ORDER_ID].len);
	eg_extract_row_note_date(x, v[EG_SF_CREATED_AT].text, v[EG_SF_CREATED_AT].len);
	x->counts->written++;
	return EG_OK;
}
