/*
 * extract.c - recognising a raw export's source from its header and turning
 * its rows into the canonical orders and order_lines tables, as its mapping
 * file says.
 *
 * The line_items layout: one row per line item, rows of an order next to
 * each other. The first row of an order carries the order-level fields; when
 * the source has a total column, that row must have a total (a later row of
 * the same order repeats only some fields, as Shopify's export does). When
 * the source has no total column, the order's subtotal and total are the sum
 * of its lines. The reader streams: one order is held in memory at a time,
 * and its line items are written as they are read.
 *
 * Every data row is accounted for: it becomes an order line (written) or
 * goes to rejects.csv with a reason code:
 *   ragged_row       the row has more or fewer fields than the header
 *   missing_order_id the order id is empty
 *   orphan_line_item a continuation row whose order's first row is absent
 *   bad_date         the order's date is not a date
 *   bad_amount       an amount is not an amount, or out of range
 *   bad_quantity     the quantity is not a whole number
 *   order_rejected   a line item of an order whose first row was rejected
 */
#include "engage/extract.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/source_map.h"
#include "engage/stage.h"
#include "engage/tables.h"
#include "engage/timezone.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The order being assembled from its rows. */
struct order {
	int open;                    /* an order is being assembled */
	char *name;                  /* its order id, owned */
	char *field[EG_ORDER_NCOLS]; /* formatted output fields, owned */
	int64_t items;               /* line items so far */
	int64_t units;               /* units so far */
	int64_t lines_total;         /* sum of the line totals so far */
};

/* State of one stage run. */
struct run {
	const struct eg_extract_options *opts; /* what to extract */
	struct eg_stage stage;              /* outputs, rejects and manifest */
	struct eg_table_output *orders;     /* orders.csv */
	struct eg_table_output *lines;      /* order_lines.csv */
	struct eg_source_set sources;       /* every known source */
	struct eg_datetime_parser *dates;   /* compiled once per run */
	const struct eg_source_map *map;    /* source of the current input */
	long col[EG_SF_COUNT];              /* its header column per field, -1 if none */
	struct eg_manifest_counts *counts;  /* counts of the current input */
	struct order order;                 /* the order being assembled */
	char *skip_name;                    /* id of a rejected order, owned */
	long skip_line;                     /* line of that order's first row */
};

static void order_clear(struct order *o)
{
	size_t i;

	for (i = 0; i < EG_ORDER_NCOLS; i++) {
		free(o->field[i]);
		o->field[i] = NULL;
	}
	free(o->name);
	memset(o, 0, sizeof(*o));
}

/* The value of field f in the current row ("" when the source lacks it). */
static const char *field(const struct run *run, struct eg_csv_reader *r, enum eg_source_field f,
			 size_t *len)
{
	return eg_csv_reader_field(r, run->col[f], len);
}

/* Writes the assembled order to orders.csv and clears it. */
static void order_flush(struct run *run)
{
	struct order *o = &run->order;
	struct eg_csv_writer *w = &run->orders->w;
	int from_lines = run->col[EG_SF_TOTAL] < 0;
	size_t i;

	if (!o->open)
		return;
	for (i = 0; i < EG_ORDER_NCOLS; i++) {
		if (i == EG_ORDER_ITEMS)
			eg_csv_write_int(w, o->items);
		else if (i == EG_ORDER_UNITS)
			eg_csv_write_int(w, o->units);
		else if (from_lines && (i == EG_ORDER_SUBTOTAL || i == EG_ORDER_TOTAL))
			eg_csv_write_money(w, o->lines_total);
		else
			eg_csv_write_str(w, o->field[i]);
	}
	eg_table_output_end_row(run->orders);
	order_clear(o);
}

/* Sends the reader's current row to rejects with a formatted message. */
static int reject(struct run *run, struct eg_csv_reader *r, const char *reason,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int reject(struct run *run, struct eg_csv_reader *r, const char *reason,
		  const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return eg_rejects_add(&run->stage.rejects, r, NULL, NULL, reason, msg);
}

/* The header name of field f's column, for messages. */
static const char *column_name(const struct run *run, struct eg_csv_reader *r,
			       enum eg_source_field f)
{
	return eg_csv_reader_column_name(r, (size_t)run->col[f]);
}

/*
 * Parses money field f of the current row into *v; an empty or absent field
 * is 0 when empty_ok. On failure fills why and returns EG_EDATA.
 */
static int field_money(struct run *run, struct eg_csv_reader *r, enum eg_source_field f,
		       int empty_ok, int64_t *v, char *why, size_t whysz)
{
	struct eg_error e;
	size_t len;
	const char *s = field(run, r, f, &len);

	*v = 0;
	if (len == 0 && empty_ok)
		return EG_OK;
	if (eg_money_parse(s, len, &run->map->money, v, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s", column_name(run, r, f), e.message);
		return EG_EDATA;
	}
	return EG_OK;
}

/* Parses the line-item part of a row, or names the reject reason and fills why. */
static const char *parse_line(struct run *run, struct eg_csv_reader *r, int64_t *qty,
			      int64_t *price, int64_t *total, char *why, size_t whysz)
{
	struct eg_error e;
	size_t len;
	const char *s = field(run, r, EG_SF_QUANTITY, &len);

	if (eg_int_parse(s, len, qty, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s", column_name(run, r, EG_SF_QUANTITY),
			 e.message);
		return "bad_quantity";
	}
	if (field_money(run, r, EG_SF_UNIT_PRICE, 0, price, why, whysz))
		return "bad_amount";
	if (eg_money_mul(*price, *qty, total) != EG_OK) {
		snprintf(why, whysz, "line total of %lld units out of range", (long long)*qty);
		return "bad_amount";
	}
	return NULL;
}

static void write_line(struct run *run, struct eg_csv_reader *r, int64_t qty, int64_t price,
		       int64_t total)
{
	struct eg_csv_writer *w = &run->lines->w;

	eg_csv_write_str(w, field(run, r, EG_SF_ORDER_ID, NULL));
	eg_csv_write_str(w, field(run, r, EG_SF_SKU, NULL));
	eg_csv_write_str(w, field(run, r, EG_SF_PRODUCT, NULL));
	eg_csv_write_int(w, qty);
	eg_csv_write_money(w, price);
	eg_csv_write_money(w, total);
	eg_csv_write_str(w, eg_csv_reader_path(r));
	eg_csv_write_int(w, eg_csv_reader_line(r));
	eg_table_output_end_row(run->lines);
}

static char *dup_field(struct run *run, struct eg_csv_reader *r, enum eg_source_field f)
{
	return strdup(field(run, r, f, NULL));
}

/* "true", "false" or "" for a yes/no style value. */
static const char *boolean(const char *s)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 || strcmp(s, "TRUE") == 0 ||
	    strcmp(s, "Yes") == 0 || strcmp(s, "1") == 0)
		return "true";
	if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 || strcmp(s, "FALSE") == 0 ||
	    strcmp(s, "No") == 0 || strcmp(s, "0") == 0)
		return "false";
	return "";
}

/*
 * Starts a new order from its first row. Returns NULL on success, or the
 * reject reason with why filled.
 */
static const char *order_start(struct run *run, struct eg_csv_reader *r, char *why, size_t whysz)
{
	static const struct {
		enum eg_source_field src;
		enum eg_order_col dst;
	} money[] = {
		{EG_SF_SUBTOTAL, EG_ORDER_SUBTOTAL}, {EG_SF_DISCOUNT, EG_ORDER_DISCOUNT},
		{EG_SF_SHIPPING, EG_ORDER_SHIPPING}, {EG_SF_TAX, EG_ORDER_TAX},
		{EG_SF_TOTAL, EG_ORDER_TOTAL},       {EG_SF_REFUNDED, EG_ORDER_REFUNDED},
	};
	const struct eg_source_map *map = run->map;
	struct order *o = &run->order;
	struct eg_stamp stamp;
	struct eg_error e;
	int64_t v[6];
	size_t i, len;
	const char *s;
	char buf[EG_TIME_BUFSZ > EG_MONEY_BUFSZ ? EG_TIME_BUFSZ : EG_MONEY_BUFSZ];

	s = field(run, r, EG_SF_CREATED_AT, &len);
	if (eg_datetime_scan(run->dates, s, len, map->dates, &stamp, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s", column_name(run, r, EG_SF_CREATED_AT),
			 e.message);
		return "bad_date";
	}
	for (i = 0; i < 6; i++)
		if (field_money(run, r, money[i].src,
				money[i].src != EG_SF_TOTAL || run->col[EG_SF_TOTAL] < 0, &v[i], why,
				whysz))
			return "bad_amount";
	o->open = 1;
	o->name = dup_field(run, r, EG_SF_ORDER_ID);
	o->field[EG_ORDER_ID] = dup_field(run, r, EG_SF_ORDER_ID);
	o->field[EG_ORDER_CUSTOMER_REF] = dup_field(run, r, EG_SF_CUSTOMER_REF);
	o->field[EG_ORDER_EMAIL] = dup_field(run, r, EG_SF_EMAIL);
	/* Without an offset, a stamp is wall-clock time in the source's zone. */
	o->field[EG_ORDER_CREATED_AT] = strdup(eg_time_format(eg_tz_utc_from_stamp(&stamp), buf));
	s = field(run, r, EG_SF_CURRENCY, &len);
	o->field[EG_ORDER_CURRENCY] = strdup(len ? s : map->currency);
	for (i = 0; i < 6; i++)
		o->field[money[i].dst] = strdup(eg_money_format(v[i], buf));
	o->field[EG_ORDER_FINANCIAL_STATUS] = dup_field(run, r, EG_SF_FINANCIAL_STATUS);
	field(run, r, EG_SF_CANCELLED_AT, &len);
	o->field[EG_ORDER_CANCELLED] = strdup(len ? "true" : "false");
	s = map->test ? field(run, r, (enum eg_source_field)map->test_field, &len) : "";
	o->field[EG_ORDER_IS_TEST] =
		strdup(map->test && eg_pattern_match(map->test, s, len) ? "true" : "false");
	o->field[EG_ORDER_SOURCE] = strdup(map->name);
	o->field[EG_ORDER_DISCOUNT_CODE] = dup_field(run, r, EG_SF_DISCOUNT_CODE);
	o->field[EG_ORDER_ACCEPTS_MARKETING] =
		strdup(boolean(field(run, r, EG_SF_ACCEPTS_MARKETING, NULL)));
	o->field[EG_ORDER_COUNTRY] = dup_field(run, r, EG_SF_COUNTRY);
	o->field[EG_ORDER_SOURCE_FILE] = strdup(eg_csv_reader_path(r));
	snprintf(buf, sizeof(buf), "%ld", eg_csv_reader_line(r));
	o->field[EG_ORDER_SOURCE_LINE] = strdup(buf);
	return NULL;
}

/* Reads one row of a line_items source. Returns EG_OK, or EG_EIO on out of memory. */
static int line_items_row(struct run *run, struct eg_csv_reader *r)
{
	const char *name, *reason;
	size_t name_len, ncols = eg_csv_reader_ncolumns(r);
	int64_t qty, price, total;
	int first;
	char why[512];

	if (eg_csv_reader_nfields(r) != ncols)
		return reject(run, r, "ragged_row", "row has %zu fields, the header has %zu",
			      eg_csv_reader_nfields(r), ncols);
	name = field(run, r, EG_SF_ORDER_ID, &name_len);
	if (name_len == 0)
		return reject(run, r, "missing_order_id", "column '%s' is empty",
			      column_name(run, r, EG_SF_ORDER_ID));
	if (run->skip_name && strcmp(name, run->skip_name) == 0)
		return reject(run, r, "order_rejected",
			      "line item of order '%s', whose first row (line %ld) was rejected",
			      name, run->skip_line);
	first = !run->order.open || strcmp(name, run->order.name) != 0;
	if (first) {
		order_flush(run);
		free(run->skip_name);
		run->skip_name = NULL;
		if (run->col[EG_SF_TOTAL] >= 0 && field(run, r, EG_SF_TOTAL, NULL)[0] == '\0')
			return reject(run, r, "orphan_line_item",
				      "line item of order '%s' without the order's first row "
				      "(no %s)",
				      name, column_name(run, r, EG_SF_TOTAL));
	}
	reason = parse_line(run, r, &qty, &price, &total, why, sizeof(why));
	if (!reason && first)
		reason = order_start(run, r, why, sizeof(why));
	if (!reason && eg_money_add(&run->order.lines_total, total) != EG_OK) {
		snprintf(why, sizeof(why), "order total out of range");
		reason = "bad_amount";
	}
	if (reason) {
		if (first) {
			order_clear(&run->order);
			run->skip_name = strdup(name);
			run->skip_line = eg_csv_reader_line(r);
		}
		return reject(run, r, reason, "%s", why);
	}
	write_line(run, r, qty, price, total);
	run->order.items++;
	run->order.units += qty;
	run->counts->written++;
	return EG_OK;
}

/* Picks the source whose required columns the header has, or explains why none fits. */
static const struct eg_source_map *recognise(struct run *run, struct eg_csv_reader *r,
					     struct eg_error *err)
{
	const struct eg_source_set *set = &run->sources;
	const struct eg_source_map *best = NULL;
	const char *named = run->opts->source;
	size_t ncols = eg_csv_reader_ncolumns(r), i, best_missing = (size_t)-1, used = 0;
	const char **names = calloc(ncols ? ncols : 1, sizeof(char *));
	char list[768] = "";
	int f;

	if (!names) {
		eg_stage_oom(err);
		return NULL;
	}
	for (i = 0; i < ncols; i++)
		names[i] = eg_csv_reader_column_name(r, i);
	for (i = 0; i < set->n; i++) {
		size_t missing;

		if (named && strcmp(named, set->maps[i]->name) != 0)
			continue;
		missing = eg_source_map_bind(set->maps[i], names, ncols, run->col);
		if (missing == 0) {
			free(names);
			return set->maps[i];
		}
		if (missing < best_missing) {
			best_missing = missing;
			best = set->maps[i];
		}
	}
	if (!best) {
		for (i = 0; i < set->n && used < sizeof(list); i++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
						 i ? ", " : "", set->maps[i]->name);
		free(names);
		eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "unknown source '%s' (known: %s)",
			     named ? named : "", list);
		return NULL;
	}
	eg_source_map_bind(best, names, ncols, run->col);
	for (f = 0; f < EG_SF_COUNT && used < sizeof(list); f++)
		if (best->need[f] && run->col[f] < 0)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s (/%s/)",
						 used ? ", " : "", eg_source_field_names[f],
						 best->pattern_text[f]);
	free(names);
	eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), 1, 0,
		     "%s: closest known source is %s, which also needs %s",
		     named ? "header does not fit the named source" : "header matches no known source",
		     best->name, list);
	return NULL;
}

static int extract_file(struct run *run, const char *path, struct eg_error *err)
{
	struct eg_csv_reader *r;
	char key[512];
	int rc, more = 0;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	run->counts = eg_manifest_input(run->stage.m, path);
	run->map = recognise(run, r, err);
	if (!run->counts)
		rc = eg_stage_oom(err);
	else if (!run->map)
		rc = err->status;
	if (rc == EG_OK && run->map->timezone)
		rc = eg_tz_select(run->map->timezone, err);
	else if (rc == EG_OK)
		rc = eg_tz_select("UTC", err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		run->counts->read++;
		if (line_items_row(run, r) != EG_OK)
			rc = eg_stage_oom(err);
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	order_flush(run);
	free(run->skip_name);
	run->skip_name = NULL;
	snprintf(key, sizeof(key), "source %s", path);
	if (rc == EG_OK && eg_manifest_param(run->stage.m, key, run->map->name) != EG_OK)
		rc = eg_stage_oom(err);
	eg_csv_reader_free(r);
	return rc;
}

int eg_extract_run(const struct eg_extract_options *opts, struct eg_extract_result *res,
		   struct eg_error *err)
{
	struct run run;
	size_t i;
	int rc;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.opts = opts;
	rc = eg_stage_begin(&run.stage, "extract", opts->out_dir, 1, err);
	for (i = 0; rc == EG_OK && i < opts->nsource_dirs; i++)
		rc = eg_source_set_load_dir(&run.sources, opts->source_dirs[i], err);
	if (rc == EG_OK)
		rc = eg_datetime_parser_new(&run.dates, err);
	if (rc == EG_OK) {
		run.orders = eg_stage_output(&run.stage, "orders.csv", eg_order_columns, err);
		run.lines = run.orders ? eg_stage_output(&run.stage, "order_lines.csv",
							 eg_line_columns, err)
				       : NULL;
		rc = run.lines ? EG_OK : err->status;
	}
	for (i = 0; rc == EG_OK && i < opts->ninputs; i++)
		rc = extract_file(&run, opts->inputs[i], err);
	if (rc == EG_OK) {
		for (i = 0; i < opts->ninputs; i++) {
			const struct eg_manifest_counts *c = eg_manifest_input(run.stage.m,
									       opts->inputs[i]);

			res->rows_read += c->read;
			res->rows_rejected += c->rejected;
		}
		res->orders = run.orders->rows;
		rc = eg_stage_finish(&run.stage, err);
	}
	eg_stage_end(&run.stage);
	order_clear(&run.order);
	free(run.skip_name);
	eg_source_set_release(&run.sources);
	eg_datetime_parser_free(run.dates);
	return rc;
}
