/*
 * extract.c - recognising a raw export's source from its header and turning
 * its rows into the canonical orders and order_lines tables.
 *
 * Shopify's orders export has one row per line item; the first row of an
 * order carries the order-level fields (totals, status, dates) and the rows
 * after it repeat only Name, Email, Created at and the Lineitem columns. The
 * reader streams: one order is held in memory at a time, and its line items
 * are written as they are read.
 *
 * Every data row is accounted for: it becomes an order line (written) or
 * goes to rejects.csv with a reason code:
 *   ragged_row       the row has more or fewer fields than the header
 *   missing_order_id Name is empty
 *   orphan_line_item a continuation row whose order's first row is absent
 *   bad_date         Created at is not a date
 *   bad_amount       a money column is not an amount
 *   bad_quantity     Lineitem quantity is not a whole number
 *   order_rejected   a line item of an order whose first row was rejected
 */
#include "engage/extract.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/manifest.h"
#include "engage/money.h"
#include "engage/pattern.h"
#include "engage/rejects.h"
#include "engage/stage.h"
#include "engage/table_output.h"
#include "engage/tables.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shopify orders columns, in the order of enum shopify_col. */
static const char *const shopify_required[] = {
	"Name", "Email", "Financial Status", "Currency", "Subtotal", "Shipping", "Taxes",
	"Total", "Discount Amount", "Created at", "Lineitem quantity", "Lineitem name",
	"Lineitem price", "Refunded Amount", NULL,
};

enum shopify_col {
	S_NAME, S_EMAIL, S_FINANCIAL_STATUS, S_CURRENCY, S_SUBTOTAL, S_SHIPPING, S_TAXES,
	S_TOTAL, S_DISCOUNT_AMOUNT, S_CREATED_AT, S_LINE_QUANTITY, S_LINE_NAME, S_LINE_PRICE,
	S_REFUNDED, S_NREQUIRED,
	/* Optional: absent in trimmed or older exports. */
	S_LINE_SKU = S_NREQUIRED, S_DISCOUNT_CODE, S_CANCELLED_AT, S_PAYMENT_METHOD,
	S_ACCEPTS_MARKETING, S_NCOLS
};

static const char *const shopify_optional[] = {
	"Lineitem sku", "Discount Code", "Cancelled at", "Payment Method", "Accepts Marketing",
	NULL,
};

struct run;

/* A source the stage knows. */
struct source {
	const char *name;                  /* name for --source and messages */
	const char *const *required;       /* header columns that identify it */
	int (*extract)(struct run *, struct eg_csv_reader *, struct eg_error *);
};

static int extract_shopify_orders(struct run *, struct eg_csv_reader *, struct eg_error *);

static const struct source sources[] = {
	{"shopify_orders", shopify_required, extract_shopify_orders},
};

#define NSOURCES (sizeof(sources) / sizeof(sources[0]))

/* The order being assembled from its rows. */
struct order {
	int open;                      /* an order is being assembled */
	char *name;                    /* its Name, owned */
	char *field[EG_ORDER_NCOLS];   /* formatted output fields, owned */
	int64_t items;                 /* line items so far */
	int64_t units;                 /* units so far */
};

/* State of one stage run. */
struct run {
	const struct eg_extract_options *opts; /* what to extract */
	struct eg_stage stage;              /* outputs, rejects and manifest */
	struct eg_manifest *m;              /* the stage's manifest */
	struct eg_rejects *rejects;         /* the stage's rejects file */
	struct eg_table_output *orders;     /* orders.csv */
	struct eg_table_output *lines;      /* order_lines.csv */
	struct eg_datetime_parser *dates;   /* compiled once per run */
	struct eg_pattern *test_payment;    /* a test order's payment method */
	struct eg_manifest_counts *counts;  /* counts of the current input */
	struct order order;                 /* the order being assembled */
	char *skip_name;                    /* Name of a rejected order, owned */
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
	o->name = NULL;
	o->open = 0;
	o->items = 0;
	o->units = 0;
}

/* Writes the assembled order to orders.csv and clears it. */
static void order_flush(struct run *run)
{
	struct order *o = &run->order;
	struct eg_csv_writer *w = &run->orders->w;
	size_t i;

	if (!o->open)
		return;
	for (i = 0; i < EG_ORDER_NCOLS; i++) {
		if (i == EG_ORDER_ITEMS)
			eg_csv_write_int(w, o->items);
		else if (i == EG_ORDER_UNITS)
			eg_csv_write_int(w, o->units);
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
	return eg_rejects_add(run->rejects, r, NULL, NULL, reason, msg);
}

static char *dup_field(struct eg_csv_reader *r, long col)
{
	return strdup(col >= 0 ? eg_csv_reader_field(r, col, NULL) : "");
}

static char *dup_money(int64_t v)
{
	char buf[EG_MONEY_BUFSZ];

	return strdup(eg_money_format(v, buf));
}

/*
 * Parses money column col of the current row into *v; an empty field is 0
 * when empty_ok. On failure fills why with the column and the problem.
 */
static int field_money(struct eg_csv_reader *r, long col, const char *colname, int empty_ok,
		       int64_t *v, char *why, size_t whysz)
{
	struct eg_error e;
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);

	*v = 0;
	if (len == 0 && empty_ok)
		return EG_OK;
	if (eg_money_parse(s, len, NULL, v, &e) != EG_OK) {
		snprintf(why, whysz, "column '%s': %.400s", colname, e.message);
		return EG_EDATA;
	}
	return EG_OK;
}

/* Parses the line-item part of a row into quantity and price, or explains why not. */
static const char *parse_line(struct eg_csv_reader *r, const long *col, int64_t *qty,
			      int64_t *price, char *why, size_t whysz)
{
	struct eg_error e;
	size_t len;
	const char *s = eg_csv_reader_field(r, col[S_LINE_QUANTITY], &len);

	if (eg_int_parse(s, len, qty, &e) != EG_OK) {
		snprintf(why, whysz, "column 'Lineitem quantity': %.400s", e.message);
		return "bad_quantity";
	}
	if (field_money(r, col[S_LINE_PRICE], "Lineitem price", 0, price, why, whysz))
		return "bad_amount";
	return NULL;
}

/* Writes one order_lines row. */
static int write_line(struct run *run, struct eg_csv_reader *r, const long *col, int64_t qty,
		      int64_t price, char *why, size_t whysz)
{
	struct eg_csv_writer *w = &run->lines->w;
	int64_t total;

	if (eg_money_mul(price, qty, &total) != EG_OK) {
		snprintf(why, whysz, "line total of %lld units out of range", (long long)qty);
		return EG_EDATA;
	}
	eg_csv_write_str(w, eg_csv_reader_field(r, col[S_NAME], NULL));
	eg_csv_write_str(w, eg_csv_reader_field(r, col[S_LINE_SKU], NULL));
	eg_csv_write_str(w, eg_csv_reader_field(r, col[S_LINE_NAME], NULL));
	eg_csv_write_int(w, qty);
	eg_csv_write_money(w, price);
	eg_csv_write_money(w, total);
	eg_csv_write_str(w, eg_csv_reader_path(r));
	eg_csv_write_int(w, eg_csv_reader_line(r));
	eg_table_output_end_row(run->lines);
	return EG_OK;
}

/*
 * Starts a new order from its first row. Returns NULL on success, or the
 * reject reason with why filled.
 */
static const char *order_start(struct run *run, struct eg_csv_reader *r, const long *col,
			       char *why, size_t whysz)
{
	static const struct {
		enum shopify_col src;
		enum eg_order_col dst;
		const char *name;
		int empty_ok;
	} money[] = {
		{S_SUBTOTAL, EG_ORDER_SUBTOTAL, "Subtotal", 1},
		{S_DISCOUNT_AMOUNT, EG_ORDER_DISCOUNT, "Discount Amount", 1},
		{S_SHIPPING, EG_ORDER_SHIPPING, "Shipping", 1},
		{S_TAXES, EG_ORDER_TAX, "Taxes", 1},
		{S_TOTAL, EG_ORDER_TOTAL, "Total", 0},
		{S_REFUNDED, EG_ORDER_REFUNDED, "Refunded Amount", 1},
	};
	struct order *o = &run->order;
	struct eg_error e;
	int64_t created, v[6];
	size_t i, len;
	const char *s, *marketing, *payment;
	char tbuf[EG_TIME_BUFSZ], line[32];

	s = eg_csv_reader_field(r, col[S_CREATED_AT], &len);
	if (eg_datetime_parse(run->dates, s, len, &created, &e) != EG_OK) {
		snprintf(why, whysz, "column 'Created at': %.400s", e.message);
		return "bad_date";
	}
	for (i = 0; i < 6; i++)
		if (field_money(r, col[money[i].src], money[i].name, money[i].empty_ok, &v[i], why,
				whysz))
			return "bad_amount";
	o->open = 1;
	o->name = dup_field(r, col[S_NAME]);
	o->field[EG_ORDER_ID] = dup_field(r, col[S_NAME]);
	o->field[EG_ORDER_CUSTOMER_REF] = strdup("");
	o->field[EG_ORDER_EMAIL] = dup_field(r, col[S_EMAIL]);
	o->field[EG_ORDER_CREATED_AT] = strdup(eg_time_format(created, tbuf));
	o->field[EG_ORDER_CURRENCY] = dup_field(r, col[S_CURRENCY]);
	for (i = 0; i < 6; i++)
		o->field[money[i].dst] = dup_money(v[i]);
	o->field[EG_ORDER_FINANCIAL_STATUS] = dup_field(r, col[S_FINANCIAL_STATUS]);
	s = eg_csv_reader_field(r, col[S_CANCELLED_AT], &len);
	o->field[EG_ORDER_CANCELLED] = strdup(len ? "true" : "false");
	payment = eg_csv_reader_field(r, col[S_PAYMENT_METHOD], &len);
	o->field[EG_ORDER_IS_TEST] =
		strdup(eg_pattern_match(run->test_payment, payment, len) ? "true" : "false");
	o->field[EG_ORDER_SOURCE] = strdup("shopify_orders");
	o->field[EG_ORDER_DISCOUNT_CODE] = dup_field(r, col[S_DISCOUNT_CODE]);
	marketing = eg_csv_reader_field(r, col[S_ACCEPTS_MARKETING], NULL);
	o->field[EG_ORDER_ACCEPTS_MARKETING] = strdup(
		strcmp(marketing, "yes") == 0 ? "true" : strcmp(marketing, "no") == 0 ? "false" : "");
	o->field[EG_ORDER_SOURCE_FILE] = strdup(eg_csv_reader_path(r));
	snprintf(line, sizeof(line), "%ld", eg_csv_reader_line(r));
	o->field[EG_ORDER_SOURCE_LINE] = strdup(line);
	return NULL;
}

static int extract_shopify_orders(struct run *run, struct eg_csv_reader *r, struct eg_error *err)
{
	long col[S_NCOLS];
	size_t i, ncols = eg_csv_reader_ncolumns(r);
	int rc, more;
	char why[512];

	rc = eg_csv_reader_require(r, shopify_required, col, err);
	if (rc != EG_OK)
		return rc;
	for (i = 0; shopify_optional[i]; i++)
		col[S_NREQUIRED + i] = eg_csv_reader_column(r, shopify_optional[i]);
	while ((more = eg_csv_reader_next(r, err)) > 0) {
		const char *name, *reason = NULL;
		size_t name_len;
		int64_t qty, price;
		int first;

		run->counts->read++;
		if (eg_csv_reader_nfields(r) != ncols) {
			rc = reject(run, r, "ragged_row", "row has %zu fields, the header has %zu",
				    eg_csv_reader_nfields(r), ncols);
			goto next;
		}
		name = eg_csv_reader_field(r, col[S_NAME], &name_len);
		if (name_len == 0) {
			rc = reject(run, r, "missing_order_id", "column 'Name' is empty");
			goto next;
		}
		if (run->skip_name && strcmp(name, run->skip_name) == 0) {
			rc = reject(run, r, "order_rejected",
				    "line item of order '%s', whose first row (line %ld) was rejected",
				    name, run->skip_line);
			goto next;
		}
		first = !run->order.open || strcmp(name, run->order.name) != 0;
		if (first) {
			order_flush(run);
			free(run->skip_name);
			run->skip_name = NULL;
			if (eg_csv_reader_field(r, col[S_TOTAL], NULL)[0] == '\0') {
				rc = reject(run, r, "orphan_line_item",
					    "line item of order '%s' without the order's first row "
					    "(no Total)",
					    name);
				goto next;
			}
		}
		reason = parse_line(r, col, &qty, &price, why, sizeof(why));
		if (!reason && first)
			reason = order_start(run, r, col, why, sizeof(why));
		if (!reason && write_line(run, r, col, qty, price, why, sizeof(why)) != EG_OK)
			reason = "bad_amount";
		if (reason) {
			if (first) {
				order_clear(&run->order);
				run->skip_name = strdup(name);
				run->skip_line = eg_csv_reader_line(r);
			}
			rc = reject(run, r, reason, "%s", why);
			goto next;
		}
		run->order.items++;
		run->order.units += qty;
		run->counts->written++;
		rc = EG_OK;
next:
		if (rc != EG_OK)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	order_flush(run);
	free(run->skip_name);
	run->skip_name = NULL;
	return more < 0 ? err->status : EG_OK;
}

/* Picks the source whose required columns the header has, or explains why none fits. */
static const struct source *recognise(struct eg_csv_reader *r, const char *named,
				      struct eg_error *err)
{
	const struct source *best = NULL;
	size_t i, j, best_missing = (size_t)-1;
	char list[512] = "";
	size_t used = 0;

	for (i = 0; i < NSOURCES; i++) {
		size_t missing = 0;

		if (named && strcmp(named, sources[i].name) != 0)
			continue;
		for (j = 0; sources[i].required[j]; j++)
			missing += eg_csv_reader_column(r, sources[i].required[j]) < 0;
		if (missing == 0)
			return &sources[i];
		if (missing < best_missing) {
			best_missing = missing;
			best = &sources[i];
		}
	}
	if (named && !best) {
		for (i = 0; i < NSOURCES && used < sizeof(list); i++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
						 i ? ", " : "", sources[i].name);
		eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "unknown source '%s' (known: %s)", named,
			     list);
		return NULL;
	}
	for (j = 0; best->required[j]; j++) {
		if (eg_csv_reader_column(r, best->required[j]) >= 0 || used >= sizeof(list))
			continue;
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s'%s'",
					 used ? ", " : "", best->required[j]);
	}
	eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), 1, 0,
		     "%s: closest known source is %s, which also needs %s",
		     named ? "header does not fit the named source" : "header matches no known source",
		     best->name, list);
	return NULL;
}

static int run_inputs(struct run *run, struct eg_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < run->opts->ninputs; i++) {
		const char *path = run->opts->inputs[i];
		struct eg_csv_reader *r;
		const struct source *src;

		rc = eg_csv_reader_open(&r, path, NULL, err);
		if (rc != EG_OK)
			return rc;
		run->counts = eg_manifest_input(run->m, path);
		src = recognise(r, run->opts->source, err);
		if (!run->counts)
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		else if (!src)
			rc = err->status;
		else
			rc = src->extract(run, r, err);
		eg_csv_reader_free(r);
		if (rc != EG_OK)
			return rc;
		if (eg_manifest_param(run->m, "source", src->name) != EG_OK)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	return EG_OK;
}

int eg_extract_run(const struct eg_extract_options *opts, struct eg_extract_result *res,
		   struct eg_error *err)
{
	struct run run;
	struct eg_table_output *orders, *lines;
	size_t i;
	int rc;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.opts = opts;
	rc = eg_stage_begin(&run.stage, "extract", opts->out_dir, 1, err);
	if (rc != EG_OK)
		return rc;
	run.m = run.stage.m;
	run.rejects = &run.stage.rejects;
	rc = eg_datetime_parser_new(&run.dates, err);
	if (rc == EG_OK)
		rc = eg_pattern_new(&run.test_payment, "bogus", EG_PATTERN_CASELESS, err);
	if (rc == EG_OK) {
		orders = eg_stage_output(&run.stage, "orders.csv", eg_order_columns, err);
		lines = orders ? eg_stage_output(&run.stage, "order_lines.csv", eg_line_columns, err)
			       : NULL;
		rc = lines ? EG_OK : err->status;
	}
	if (rc == EG_OK) {
		run.orders = orders;
		run.lines = lines;
		rc = run_inputs(&run, err);
	}
	if (rc == EG_OK) {
		for (i = 0; i < opts->ninputs; i++) {
			const struct eg_manifest_counts *c = eg_manifest_input(run.m, opts->inputs[i]);

			res->rows_read += c->read;
			res->rows_rejected += c->rejected;
		}
		res->orders = run.orders->rows;
		rc = eg_stage_finish(&run.stage, err);
	}
	eg_stage_end(&run.stage);
	order_clear(&run.order);
	free(run.skip_name);
	eg_pattern_free(run.test_payment);
	eg_datetime_parser_free(run.dates);
	return rc;
}
