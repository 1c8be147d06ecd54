/*
 * clean.c - normalising orders and line items, settling duplicate orders,
 * applying the rules of generic line-item sources, and converting amounts
 * into the report currency.
 *
 * Three passes, so that memory grows with orders, not with rows:
 *  1. orders.csv: every copy of an order is remembered (its file, first
 *     line, a fingerprint of its values, its exchange rate) with what
 *     becomes of it: kept, merged into an earlier identical copy, folded
 *     into the copy it continues (an invoice split in two runs of one
 *     file, or the lines part of an order whose order part another
 *     download holds: see part_sources), or rejected. The record
 *     (order_copies.h) takes about 46 bytes an order: settling duplicates
 *     exactly needs every id read so far, so clean's memory cannot be
 *     constant in the number of orders.
 *  2. order_lines.csv: each line follows the copy of its order it was
 *     exported with (the copy in the same file whose first line is the
 *     nearest above it). Lines of generic sources are checked, and their
 *     sums become the order's totals; lines of returns become the return's
 *     amount. No later stage reads line items, so the kept lines are
 *     written again (amounts converted) only when asked (lines option);
 *     either way a kept line counts as written, into its order's row.
 *  3. orders.csv again: kept orders are written with their final totals,
 *     returns go to refunds.csv, and an ordinary invoice left without lines
 *     is rejected.
 *
 * Reject reasons:
 *   ragged_row            a row has more or fewer fields than the header
 *   conflicting_duplicate an order id seen before with different values
 *   adjustment            an adjustment invoice (A...) of a generic source
 *   implausible_date      a time stamp before 1995 or from 2100 on
 *   bad_date, bad_amount  a value extract should have caught
 *   no_exchange_rate      an order in another currency with no rate for its month
 *   non_positive_quantity a line of an ordinary generic invoice with quantity <= 0
 *   non_positive_price    a line of an ordinary generic invoice with price <= 0
 *   no_valid_lines        an ordinary generic invoice none of whose lines is valid
 *   order_rejected        a line item of a rejected order copy
 *   unknown_order         a line item whose order is not in orders.csv
 *   bad_score             a survey response whose kind is not nps, csat or ces,
 *                         or whose score is not a whole number on its scale
 *
 * The other tables extract may write (sessions, email events and campaigns,
 * survey responses, tickets, profiles, loyalty members) are carried
 * through with their emails normalised like the orders'.
 * Figures for the Data quality sheet (manifest stats): invalid_emails (an
 * email that does not look like one is cleared, making the order a guest
 * order), duplicate_lines (lines that repeat an earlier line of their order
 * exactly, whatever became of them; a kept one stays, as a real repeated
 * scan), test_orders and cancelled_orders (kept, flagged), and when there
 * are any, combined_orders (an order part and a lines part made one) and
 * items_only_orders (written from a lines part alone: no refund is known,
 * and the buyer's id only when an order part names the same buyer).
 */
#include "engage/clean.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/exchange_rates.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/order_copies.h"
#include "engage/path.h"
#include "engage/pattern.h"
#include "engage/stage.h"
#include "engage/strmap.h"
#include "engage/tables.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Time stamps outside [1995-01-01, 2100-01-01) are not plausible order dates. */
#define PLAUSIBLE_FROM	788918400LL
#define PLAUSIBLE_UNTIL 4102444800LL

/* Rules of a generic line-item source. */
struct source_rules {
	const char *source;	/* source name, as extract writes it */
	char return_prefix;	/* order ids starting with it are returns */
	char adjustment_prefix; /* order ids starting with it are adjustments */
};

static const struct source_rules generic_rules[] = {
	{ "generic_transactions", 'C', 'A' },
};

/*
 * Two downloads of one platform that each hold a part of every order: the
 * order (its totals, refunds and buyer id) and its lines (with what each
 * line's row repeats of its order, and the buyer's name only). Copies of
 * one order id from the two are one order: the order part is written, its
 * items and units counted from the lines part.
 */
struct order_parts {
	const char *order; /* source of the order part */
	const char *lines; /* source of the lines part */
};

static const struct order_parts part_sources[] = {
	{ "etsy_sold_orders", "etsy_sold_order_items" },
};

/* State of one run. */
struct run {
	const struct eg_clean_options *opts; /* what to do */
	struct eg_stage stage;		     /* outputs, rejects and manifest */
	struct eg_table_output *orders;	     /* orders.csv */
	struct eg_table_output *lines;	     /* order_lines.csv */
	struct eg_table_output *refunds;     /* refunds.csv */
	struct eg_strmap *files;	     /* source file (its id) -> index */
	struct eg_manifest_files raw_files;  /* extract's file ids and their paths */
	struct eg_order_copies *copies;	     /* every order copy read, by id too */
	struct eg_strmap *buyer_refs;	     /* customer ids of order parts, each once */
	struct eg_strmap *buyers;	     /* order parts' buyer name -> its id in buyer_refs */
	char currency[8];		  /* report currency */
	struct eg_exchange_rates *rates;  /* the user's rates, NULL when none */
	struct eg_pattern *email;	  /* what an email looks like */
	struct eg_datetime_parser *dates; /* for created_at */
	int64_t invalid_emails;		  /* emails cleared as invalid */
	int64_t duplicate_lines;	  /* lines repeated exactly within their order */
	int64_t test_orders;		  /* kept orders flagged as tests */
	int64_t cancelled_orders;	  /* kept orders flagged as cancelled */
	int64_t combined_orders;	  /* orders made of an order part and a lines part */
	int64_t lines_part_orders;	  /* orders written from a lines part alone */
};

static int reject(struct run *run, struct eg_csv_reader *r, long file_col, long line_col,
		  const char *reason, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int reject(struct run *run, struct eg_csv_reader *r, long file_col, long line_col,
		  const char *reason, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* Named by its path, as the person who downloaded it knows it. */
	return eg_rejects_add(&run->stage.rejects, r,
			      eg_manifest_files_path(&run->raw_files,
						     eg_csv_reader_field(r, file_col, NULL)),
			      eg_csv_reader_field(r, line_col, NULL), reason, msg);
}

/* Trims ASCII white space and lowercases ASCII letters of an email, in place. */
static size_t normalise_email(char *s, size_t len)
{
	size_t start = 0, i;

	while (start < len && isspace((unsigned char)s[start]))
		start++;
	while (len > start && isspace((unsigned char)s[len - 1]))
		len--;
	for (i = start; i < len; i++)
		s[i - start] = (char)tolower((unsigned char)s[i]);
	s[len - start] = '\0';
	return len - start;
}

static const struct source_rules *rules_for(const char *source)
{
	size_t i;

	for (i = 0; i < sizeof(generic_rules) / sizeof(generic_rules[0]); i++)
		if (strcmp(generic_rules[i].source, source) == 0)
			return &generic_rules[i];
	return NULL;
}

/* The part of an order the rows of source hold. */
static enum eg_copy_part part_of(const char *source)
{
	size_t i;

	for (i = 0; i < sizeof(part_sources) / sizeof(part_sources[0]); i++) {
		if (strcmp(part_sources[i].order, source) == 0)
			return EG_PART_ORDER;
		if (strcmp(part_sources[i].lines, source) == 0)
			return EG_PART_LINES;
	}
	return EG_PART_WHOLE;
}

/*
 * Remembers the customer id of the current row, an order part, under its
 * buyer's name, so that a lines part naming the same buyer gets it. The
 * first id met for a name stays. Returns 0, or -1 on out of memory.
 */
static int note_buyer(struct run *run, struct eg_csv_reader *r, const long *col)
{
	size_t nlen, rlen, ref = eg_strmap_size(run->buyer_refs);
	const char *name = eg_csv_reader_field(r, col[EG_ORDER_CUSTOMER_NAME], &nlen);
	const char *id = eg_csv_reader_field(r, col[EG_ORDER_CUSTOMER_REF], &rlen);

	if (!nlen || !rlen || eg_strmap_get(run->buyers, name, nlen, NULL))
		return 0;
	if (eg_strmap_put(run->buyer_refs, id, rlen, &ref) < 0 ||
	    eg_strmap_put(run->buyers, name, nlen, &ref) < 0)
		return -1;
	return 0;
}

/*
 * Gives the order copy idx the later runs of a lines part that continued
 * the copy from (its partner until now): walks the id's copies from head.
 * Returns 0, or -1 on out of memory.
 */
static int repoint_lines(struct run *run, size_t head, size_t from, size_t idx)
{
	struct eg_order_copy k;
	size_t i;

	for (i = head; i != EG_COPY_NONE; i = k.next) {
		eg_order_copies_get(run->copies, i, &k);
		if (k.part != EG_PART_LINES || k.fate != EG_COPY_CONTINUED || k.owner != from)
			continue;
		k.owner = idx;
		if (eg_order_copies_set(run->copies, i, &k) != 0)
			return -1;
	}
	return 0;
}

/* Parses a money field of the current row; EG_EDATA when it is not an amount. */
static int money_field(struct eg_csv_reader *r, long col, int64_t *v)
{
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);
	struct eg_error e;

	return eg_money_parse(s, len, NULL, v, &e);
}

/* 1 when s is an amount of zero ("0.00"). */
static int is_zero_amount(const char *s)
{
	struct eg_error e;
	int64_t v;

	return eg_money_parse(s, strlen(s), NULL, &v, &e) == EG_OK && v == 0;
}

/*
 * Decides, for the current orders.csv row (copy idx), whether it can be
 * kept. Returns NULL, or the reject reason with why filled. Normalises the
 * email into email (*elen bytes).
 */
static const char *check_order(struct run *run, struct eg_csv_reader *r, const long *col,
			       struct eg_order_copy *cp, char *email, size_t *elen, char *why, size_t whysz)
{
	const char *id = eg_csv_reader_field(r, col[EG_ORDER_ID], NULL);
	const char *cur = eg_csv_reader_field(r, col[EG_ORDER_CURRENCY], NULL);
	const struct source_rules *rules =
		rules_for(eg_csv_reader_field(r, col[EG_ORDER_SOURCE], NULL));
	struct eg_error e;
	int64_t t;
	size_t len;
	const char *s;
	char month[EG_TIME_BUFSZ];

	if (eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r)) {
		snprintf(why, whysz, "row has %zu fields, the header has %zu",
			 eg_csv_reader_nfields(r), eg_csv_reader_ncolumns(r));
		return "ragged_row";
	}
	cp->generic = rules != NULL;
	if (rules && id[0] == rules->adjustment_prefix) {
		snprintf(why, whysz, "'%s' is an adjustment invoice, not a sale or a return", id);
		return "adjustment";
	}
	cp->is_return = rules && id[0] == rules->return_prefix;
	s = eg_csv_reader_field(r, col[EG_ORDER_CREATED_AT], &len);
	if (eg_datetime_parse(run->dates, s, len, &t, &e) != EG_OK) {
		snprintf(why, whysz, "%.400s", e.message);
		return "bad_date";
	}
	if (t < PLAUSIBLE_FROM || t >= PLAUSIBLE_UNTIL) {
		snprintf(why, whysz, "order date %s is before 1995 or after 2099", s);
		return "implausible_date";
	}
	if (run->currency[0] && strcmp(cur, run->currency) != 0) {
		/* Rates are looked up by the UTC month of the order. */
		int64_t y, m;
		unsigned mo, d;

		eg_civil_from_days(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &mo, &d);
		m = y * 12 + mo - 1;
		if (!eg_exchange_rates_find(run->rates, cur, m, &cp->rate)) {
			snprintf(why, whysz,
				 "order in %s, and no rate to %s for %s in the rates file", cur,
				 run->currency, eg_month_format(m, month));
			return "no_exchange_rate";
		}
	}
	s = eg_csv_reader_field(r, col[EG_ORDER_EMAIL], &len);
	memcpy(email, s, len + 1);
	*elen = normalise_email(email, len);
	if (*elen && !eg_pattern_match(run->email, email, *elen)) {
		run->invalid_emails++;
		email[0] = '\0';
		*elen = 0;
	}
	return NULL;
}

static int orders_pass1(struct run *run, const char *path, struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	long col[EG_ORDER_NCOLS];
	char *email = NULL;
	size_t email_cap = 0;
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, eg_order_columns, col, err);
	c = eg_manifest_input(run->stage.m, path);
	if (rc == EG_OK && !c)
		rc = eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *id = eg_csv_reader_field(r, col[EG_ORDER_ID], NULL);
		const char *file = eg_csv_reader_field(r, col[EG_ORDER_SOURCE_FILE], NULL);
		const char *reason;
		struct eg_order_copy cp, first, partner;
		size_t i, elen, idx, first_idx, partner_idx, head, file_idx, raw_len;
		uint64_t fp = 0;
		char why[512];

		c->read++;
		eg_csv_reader_field(r, col[EG_ORDER_EMAIL], &raw_len);
		if (raw_len + 1 > email_cap) {
			char *e = realloc(email, raw_len + 1);

			if (!e) {
				rc = eg_stage_oom(err);
				break;
			}
			email = e;
			email_cap = raw_len + 1;
		}
		file_idx = eg_strmap_size(run->files);
		if (eg_strmap_put(run->files, file, strlen(file), &file_idx) < 0 ||
		    eg_order_copies_add(run->copies, id, strlen(id), file_idx,
					strtol(eg_csv_reader_field(r, col[EG_ORDER_SOURCE_LINE],
								   NULL),
					       NULL, 10),
					&idx, &head) != 0) {
			rc = eg_stage_oom(err);
			break;
		}
		eg_order_copies_get(run->copies, idx, &cp);
		cp.part = part_of(eg_csv_reader_field(r, col[EG_ORDER_SOURCE], NULL));
		reason = check_order(run, r, col, &cp, email, &elen, why, sizeof(why));
		if (reason) {
			cp.fate = EG_COPY_REJECTED;
			if (eg_order_copies_set(run->copies, idx, &cp) != 0 ||
			    reject(run, r, col[EG_ORDER_SOURCE_FILE], col[EG_ORDER_SOURCE_LINE],
				   reason, "%s", why) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		/*
		 * The fingerprint covers every value but where the copy came from, and
		 * duties: an export without the column (an older layout, or one trimmed
		 * in a spreadsheet) says nothing about them, and a real difference in
		 * duties is one in the total, which is covered. Likewise a discount,
		 * shipping or tax of zero is the same as none exported.
		 */
		for (i = 0; i < EG_ORDER_NCOLS; i++) {
			const char *f;

			if (i == EG_ORDER_SOURCE_FILE || i == EG_ORDER_SOURCE_LINE ||
			    i == EG_ORDER_DUTIES)
				continue;
			f = i == EG_ORDER_EMAIL ? email : eg_csv_reader_field(r, col[i], NULL);
			if ((i == EG_ORDER_DISCOUNT || i == EG_ORDER_SHIPPING ||
			     i == EG_ORDER_TAX) &&
			    is_zero_amount(f))
				f = "";
			fp = fp * 1099511628211ULL ^ eg_hash64(f, strlen(f) + 1);
		}
		cp.fingerprint = fp;
		if (cp.part == EG_PART_ORDER && note_buyer(run, r, col) != 0) {
			rc = eg_stage_oom(err);
			break;
		}
		/*
		 * The first copy of the id that was not rejected, before this one;
		 * a part of an order looks past the copies of the other part, the
		 * first of which is its partner.
		 */
		partner_idx = idx;
		for (first_idx = head; first_idx != idx; first_idx = first.next) {
			eg_order_copies_get(run->copies, first_idx, &first);
			if (first.fate == EG_COPY_REJECTED)
				continue;
			if (cp.part == EG_PART_WHOLE || first.part == EG_PART_WHOLE ||
			    first.part == cp.part)
				break;
			if (partner_idx == idx) {
				partner_idx = first_idx;
				partner = first;
			}
		}
		if (first_idx == idx && partner_idx != idx) {
			/* The order part is written; the lines part's lines go to it. */
			if (cp.part == EG_PART_LINES) {
				cp.fate = EG_COPY_CONTINUED;
				cp.owner = partner_idx;
			} else {
				cp.fate = EG_COPY_KEPT;
				partner.fate = EG_COPY_CONTINUED;
				partner.owner = idx;
				if (eg_order_copies_set(run->copies, partner_idx, &partner) != 0 ||
				    repoint_lines(run, head, partner_idx, idx) != 0)
					rc = eg_stage_oom(err);
			}
			c->merged++;
			run->combined_orders++;
		} else if (first_idx == idx) {
			cp.fate = EG_COPY_KEPT;
		} else if (cp.generic && first.file == cp.file && first.fate == EG_COPY_KEPT) {
			/* A generic invoice split in two runs of one file is one invoice. */
			cp.fate = EG_COPY_CONTINUED;
			cp.owner = first_idx;
			c->merged++;
		} else if (cp.part == EG_PART_LINES && first.file == cp.file &&
			   first.fate != EG_COPY_MERGED) {
			/* Rows of one order apart in a download: with the first run. */
			cp.fate = EG_COPY_CONTINUED;
			cp.owner = first.owner;
			c->merged++;
		} else if (first.fingerprint == fp) {
			cp.fate = EG_COPY_MERGED;
			c->merged++;
		} else {
			/* Named as the shop shows it (#1049), with its key when that differs. */
			const char *name = eg_csv_reader_field(r, col[EG_ORDER_NAME], NULL);
			int named = name[0] && strcmp(name, id) != 0;

			cp.fate = EG_COPY_REJECTED;
			if (reject(run, r, col[EG_ORDER_SOURCE_FILE], col[EG_ORDER_SOURCE_LINE],
				   "conflicting_duplicate",
				   "order '%s'%s%s%s was read before (line %ld) with different "
				   "values",
				   named ? name : id, named ? " (key " : "", named ? id : "",
				   named ? ")" : "", first.line) != EG_OK)
				rc = eg_stage_oom(err);
		}
		if (eg_order_copies_set(run->copies, idx, &cp) != 0)
			rc = eg_stage_oom(err);
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	free(email);
	eg_csv_reader_free(r);
	return rc;
}

/* The copy a line of file:line for order id belongs to, or EG_COPY_NONE. */
static size_t line_owner(struct run *run, const char *file, const char *id, long line)
{
	size_t k, file_idx, owner = EG_COPY_NONE;
	struct eg_order_copy cp;

	if (!eg_strmap_get(run->files, file, strlen(file), &file_idx))
		return EG_COPY_NONE;
	for (k = eg_order_copies_head(run->copies, id, strlen(id)); k != EG_COPY_NONE;
	     k = cp.next) {
		eg_order_copies_get(run->copies, k, &cp);
		if (cp.file == file_idx && cp.line <= line)
			owner = k;
	}
	return owner;
}

/* Writes a line with its amounts converted at rate (0: as they are). */
static void write_line(struct run *run, struct eg_csv_reader *r, const long *col, int64_t rate,
		       int64_t price, int64_t total)
{
	struct eg_csv_writer *w = &run->lines->w;
	size_t i;

	for (i = 0; i < EG_LINE_NCOLS; i++) {
		if (rate && i == EG_LINE_UNIT_PRICE)
			eg_csv_write_money(w, price);
		else if (rate && i == EG_LINE_TOTAL)
			eg_csv_write_money(w, total);
		else
			eg_csv_write_str(w, eg_csv_reader_field(r, col[i], NULL));
	}
	eg_table_output_end_row(run->lines);
}

/* Whether the current line repeats one already seen in its run of the order exactly. */
static int repeated_line(struct eg_csv_reader *r, const long *col, uint64_t **seen, size_t *n,
			 size_t *cap, char **run_key, int *oom)
{
	const char *id = eg_csv_reader_field(r, col[EG_LINE_ORDER_ID], NULL);
	uint64_t h = 0;
	size_t i;

	*oom = 0;
	if (!*run_key || strcmp(*run_key, id) != 0) {
		free(*run_key);
		*run_key = strdup(id);
		*n = 0;
		if (!*run_key) {
			*oom = 1;
			return 0;
		}
	}
	for (i = 0; i < EG_LINE_NCOLS; i++) {
		const char *f;
		size_t len;

		if (i == EG_LINE_SOURCE_LINE)
			continue;
		f = eg_csv_reader_field(r, col[i], &len);
		h = h * 1099511628211ULL ^ eg_hash64(f, len + 1);
	}
	for (i = 0; i < *n; i++)
		if ((*seen)[i] == h)
			return 1;
	if (*n == *cap) {
		uint64_t *q = realloc(*seen, (*cap ? *cap * 2 : 64) * sizeof(*q));

		if (!q) {
			*oom = 1;
			return 0;
		}
		*seen = q;
		*cap = *cap ? *cap * 2 : 64;
	}
	(*seen)[(*n)++] = h;
	return 0;
}

static int lines_pass(struct run *run, const char *path, struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	long col[EG_LINE_NCOLS];
	uint64_t *seen = NULL;
	size_t nseen = 0, seen_cap = 0;
	char *run_key = NULL;
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, eg_line_columns, col, err);
	c = eg_manifest_input(run->stage.m, path);
	if (rc == EG_OK && !c)
		rc = eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *id = eg_csv_reader_field(r, col[EG_LINE_ORDER_ID], NULL);
		const char *file = eg_csv_reader_field(r, col[EG_LINE_SOURCE_FILE], NULL);
		long line =
			strtol(eg_csv_reader_field(r, col[EG_LINE_SOURCE_LINE], NULL), NULL, 10);
		const char *reason = NULL;
		char why[512]; /* set with reason; no 512-byte clearing a row */
		struct eg_order_copy cp, tg;
		size_t owner;
		int64_t qty, price, total;
		struct eg_error e;
		size_t len;
		const char *s;
		int oom;

		c->read++;
		if (eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r)) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   "ragged_row", "row has %zu fields, the header has %zu",
				   eg_csv_reader_nfields(r), eg_csv_reader_ncolumns(r)) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		/* Counted whatever becomes of the line, like any scan of the raw file. */
		if (repeated_line(r, col, &seen, &nseen, &seen_cap, &run_key, &oom))
			run->duplicate_lines++;
		if (oom) {
			rc = eg_stage_oom(err);
			break;
		}
		owner = line_owner(run, file, id, line);
		if (owner == EG_COPY_NONE) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   "unknown_order",
				   "line item of order '%s', which is not in orders", id) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		eg_order_copies_get(run->copies, owner, &cp);
		if (cp.fate == EG_COPY_MERGED) {
			c->merged++;
			continue;
		}
		if (cp.fate == EG_COPY_REJECTED) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   "order_rejected",
				   "line item of order '%s', whose copy at line %ld was rejected",
				   id, cp.line) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		eg_order_copies_get(run->copies, cp.owner, &tg);
		s = eg_csv_reader_field(r, col[EG_LINE_QUANTITY], &len);
		if (eg_int_parse(s, len, &qty, &e) != EG_OK) {
			reason = "bad_amount";
			snprintf(why, sizeof(why), "quantity: %.400s", e.message);
		} else if (money_field(r, col[EG_LINE_UNIT_PRICE], &price) != EG_OK ||
			   money_field(r, col[EG_LINE_TOTAL], &total) != EG_OK) {
			reason = "bad_amount";
			snprintf(why, sizeof(why), "unit_price or line_total is not an amount");
		} else if (tg.rate && (eg_exchange_convert(price, tg.rate, &price) ||
					    eg_exchange_convert(total, tg.rate, &total))) {
			reason = "bad_amount";
			snprintf(why, sizeof(why), "converted amount out of range");
		} else if (tg.generic && !tg.is_return && qty <= 0) {
			reason = "non_positive_quantity";
			snprintf(why, sizeof(why),
				 "quantity %lld on invoice '%s', which is not a return",
				 (long long)qty, id);
		} else if (tg.generic && !tg.is_return && price <= 0) {
			reason = "non_positive_price";
			snprintf(why, sizeof(why), "unit price %s on invoice '%s'",
				 eg_csv_reader_field(r, col[EG_LINE_UNIT_PRICE], NULL), id);
		}
		if (reason) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   reason, "%s", why) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		if (tg.is_return) {
			/* A return's lines are folded into its one refund row. */
			tg.total -= total;
			tg.items++;
			tg.units -= qty;
			c->merged++;
			if (eg_order_copies_set(run->copies, cp.owner, &tg) != 0)
				rc = eg_stage_oom(err);
			continue;
		}
		if (eg_money_add(&tg.total, total) != EG_OK) {
			rc = eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					  eg_csv_reader_line(r), 0,
					  "total of order '%s' out of range", id);
			break;
		}
		/*
		 * Only a generic invoice's totals are written; any order's must not
		 * overflow. Its items and units, and a part's, are counted here.
		 */
		if (tg.generic || tg.part != EG_PART_WHOLE) {
			tg.items++;
			tg.units += qty;
		}
		if (eg_order_copies_set(run->copies, cp.owner, &tg) != 0) {
			rc = eg_stage_oom(err);
			break;
		}
		/* Kept: counted in its order's row, and written as a line when asked. */
		if (run->lines)
			write_line(run, r, col, tg.rate, price, total);
		c->written++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	free(seen);
	free(run_key);
	eg_csv_reader_free(r);
	return rc;
}

/*
 * The customer id an order part gives the current row's buyer name (*len
 * bytes, borrowed from run), or "" when none does.
 */
static const char *buyer_ref(const struct run *run, struct eg_csv_reader *r, const long *col,
			     size_t *len)
{
	size_t ref;
	const char *name = eg_csv_reader_field(r, col[EG_ORDER_CUSTOMER_NAME], len);

	if (!*len || !eg_strmap_get(run->buyers, name, *len, &ref)) {
		*len = 0;
		return "";
	}
	return eg_strmap_key(run->buyer_refs, ref, len);
}

/* An amount cell of the current row converted at rate (0: as it is); "" is 0. */
static int row_amount(struct eg_csv_reader *r, long col, int64_t rate, int64_t *v)
{
	*v = 0;
	if (!eg_csv_reader_field(r, col, NULL)[0])
		return EG_OK;
	if (money_field(r, col, v) != EG_OK)
		return EG_EDATA;
	return rate ? eg_exchange_convert(*v, rate, v) : EG_OK;
}

/*
 * The subtotal and total of a lines part written alone, from all the lines
 * it received (those of its runs apart in the download too): their sum,
 * converted, less the discount, plus shipping, tax and duties, each
 * converted like the lines. EG_EDATA when a cell is no amount or a sum
 * is out of range.
 */
static int lines_part_totals(struct eg_csv_reader *r, const long *col,
			     const struct eg_order_copy *cp, int64_t *subtotal, int64_t *total)
{
	static const enum eg_order_col charges[] = { EG_ORDER_SHIPPING, EG_ORDER_TAX,
						     EG_ORDER_DUTIES };
	int64_t v;
	size_t i;

	*subtotal = cp->total;
	if (row_amount(r, col[EG_ORDER_DISCOUNT], cp->rate, &v) != EG_OK || v == INT64_MIN ||
	    eg_money_add(subtotal, -v) != EG_OK)
		return EG_EDATA;
	*total = *subtotal;
	for (i = 0; i < sizeof(charges) / sizeof(charges[0]); i++)
		if (row_amount(r, col[charges[i]], cp->rate, &v) != EG_OK ||
		    eg_money_add(total, v) != EG_OK)
			return EG_EDATA;
	return EG_OK;
}

/*
 * Writes a kept sale, its totals from its lines when generic or a lines
 * part, its items and units from the lines of a part, a lines part's buyer
 * id from the order part naming the same buyer, amounts converted.
 */
static int write_order(struct run *run, struct eg_csv_reader *r, const long *col,
		       const struct eg_order_copy *cp, const char *email)
{
	static const enum eg_order_col money[] = { EG_ORDER_SUBTOTAL, EG_ORDER_DISCOUNT,
						   EG_ORDER_SHIPPING, EG_ORDER_TAX,
						   EG_ORDER_TOTAL,    EG_ORDER_REFUNDED,
						   EG_ORDER_DUTIES };
	struct eg_csv_writer *w = &run->orders->w;
	int from_lines = cp->part == EG_PART_LINES && cp->items;
	int64_t subtotal = 0, total = 0;
	size_t i, k;

	if (from_lines && lines_part_totals(r, col, cp, &subtotal, &total) != EG_OK)
		return EG_EDATA;
	for (i = 0; i < EG_ORDER_NCOLS; i++) {
		int is_money = 0;
		int64_t v;

		for (k = 0; k < sizeof(money) / sizeof(money[0]); k++)
			is_money |= money[k] == i;
		if (i == EG_ORDER_EMAIL) {
			eg_csv_write_str(w, email);
		} else if (cp->generic && (i == EG_ORDER_SUBTOTAL || i == EG_ORDER_TOTAL)) {
			eg_csv_write_money(w, cp->total);
		} else if (from_lines && (i == EG_ORDER_SUBTOTAL || i == EG_ORDER_TOTAL)) {
			eg_csv_write_money(w, i == EG_ORDER_SUBTOTAL ? subtotal : total);
		} else if ((cp->generic || (cp->part && cp->items)) && i == EG_ORDER_ITEMS) {
			eg_csv_write_int(w, cp->items);
		} else if ((cp->generic || (cp->part && cp->items)) && i == EG_ORDER_UNITS) {
			eg_csv_write_int(w, cp->units);
		} else if (i == EG_ORDER_CUSTOMER_REF && cp->part == EG_PART_LINES &&
			   !eg_csv_reader_field(r, col[i], NULL)[0]) {
			size_t len;
			const char *ref = buyer_ref(run, r, col, &len);

			eg_csv_write_field(w, ref, len);
		} else if (i == EG_ORDER_CURRENCY && cp->rate) {
			eg_csv_write_str(w, run->currency);
		} else if (is_money && cp->rate && eg_csv_reader_field(r, col[i], NULL)[0]) {
			/* An amount the export lacks ("") stays so. */
			if (money_field(r, col[i], &v) != EG_OK ||
			    eg_exchange_convert(v, cp->rate, &v) != EG_OK)
				return EG_EDATA;
			eg_csv_write_money(w, v);
		} else {
			eg_csv_write_str(w, eg_csv_reader_field(r, col[i], NULL));
		}
	}
	eg_table_output_end_row(run->orders);
	return EG_OK;
}

static void write_refund(struct run *run, struct eg_csv_reader *r, const long *col,
			 const struct eg_order_copy *cp, const char *email)
{
	struct eg_csv_writer *w = &run->refunds->w;

	eg_csv_write_str(w, eg_csv_reader_field(r, col[EG_ORDER_ID], NULL));
	eg_csv_write_str(w, eg_csv_reader_field(r, col[EG_ORDER_CUSTOMER_REF], NULL));
	eg_csv_write_str(w, email);
	eg_csv_write_str(w, eg_csv_reader_field(r, col[EG_ORDER_CREATED_AT], NULL));
	eg_csv_write_str(w, cp->rate ? run->currency
				     : eg_csv_reader_field(r, col[EG_ORDER_CURRENCY], NULL));
	eg_csv_write_money(w, cp->total);
	eg_csv_write_int(w, cp->items);
	eg_csv_write_int(w, cp->units);
	eg_csv_write_str(w, eg_csv_reader_field(r, col[EG_ORDER_SOURCE], NULL));
	eg_csv_write_str(w, eg_csv_reader_field(r, col[EG_ORDER_SOURCE_FILE], NULL));
	eg_csv_write_str(w, eg_csv_reader_field(r, col[EG_ORDER_SOURCE_LINE], NULL));
	eg_table_output_end_row(run->refunds);
}

static int orders_pass3(struct run *run, const char *path, struct eg_error *err)
{
	struct eg_csv_reader *r = NULL;
	struct eg_manifest_counts *c = eg_manifest_input(run->stage.m, path);
	long col[EG_ORDER_NCOLS];
	char *email = NULL;
	size_t email_cap = 0, idx = 0;
	int more = 0, rc;

	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r, eg_order_columns, col, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		struct eg_order_copy copy;
		const struct eg_order_copy *cp = &copy;
		const char *id = eg_csv_reader_field(r, col[EG_ORDER_ID], NULL);
		size_t len;
		const char *s;

		if (idx >= eg_order_copies_count(run->copies)) {
			idx++; /* more rows than pass 1 read */
			break;
		}
		eg_order_copies_get(run->copies, idx++, &copy);
		if (cp->fate != EG_COPY_KEPT)
			continue;
		s = eg_csv_reader_field(r, col[EG_ORDER_EMAIL], &len);
		if (len + 1 > email_cap) {
			char *e = realloc(email, len + 1);

			if (!e) {
				rc = eg_stage_oom(err);
				break;
			}
			email = e;
			email_cap = len + 1;
		}
		memcpy(email, s, len + 1);
		len = normalise_email(email, len);
		if (len && !eg_pattern_match(run->email, email, len))
			email[0] = '\0';
		if (cp->is_return) {
			write_refund(run, r, col, cp, email);
			c->written++;
		} else if (cp->generic && cp->items == 0) {
			if (reject(run, r, col[EG_ORDER_SOURCE_FILE], col[EG_ORDER_SOURCE_LINE],
				   "no_valid_lines",
				   "every line of invoice '%s' was rejected: quantity or price <= "
				   "0",
				   id) != EG_OK)
				rc = eg_stage_oom(err);
		} else if (write_order(run, r, col, cp, email) != EG_OK) {
			rc = eg_error_set(err, EG_EDATA, path, eg_csv_reader_line(r), 0,
					  "amounts of order '%s' cannot be converted", id);
		} else {
			run->test_orders +=
				strcmp(eg_csv_reader_field(r, col[EG_ORDER_IS_TEST], NULL),
				       "true") == 0;
			run->cancelled_orders +=
				strcmp(eg_csv_reader_field(r, col[EG_ORDER_CANCELLED], NULL),
				       "true") == 0;
			run->lines_part_orders += cp->part == EG_PART_LINES;
			c->written++;
		}
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	if (rc == EG_OK && idx != eg_order_copies_count(run->copies))
		rc = eg_error_set(err, EG_EIO, path, 0, 0, "'%s' changed while clean read it",
				  path);
	free(email);
	eg_csv_reader_free(r);
	return rc;
}

/* Whether a responses.csv row's kind and score make sense; fills why when not. */
static int score_ok(struct eg_csv_reader *r, const long *col, char *why, size_t whysz)
{
	static const struct {
		const char *kind;
		int64_t low, high;
	} scales[] = { { "nps", 0, 10 }, { "csat", 1, 5 }, { "ces", 1, 7 } };
	const char *kind = eg_csv_reader_field(r, col[EG_RESPONSE_KIND], NULL);
	const char *s;
	size_t i, len;
	int64_t score, top;
	struct eg_error e;

	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		if (strcmp(kind, scales[i].kind) != 0)
			continue;
		s = eg_csv_reader_field(r, col[EG_RESPONSE_SCALE_MAX], &len);
		top = scales[i].high;
		if (len && eg_int_parse(s, len, &top, &e) != EG_OK)
			top = -1;
		s = eg_csv_reader_field(r, col[EG_RESPONSE_SCORE], &len);
		if (eg_int_parse(s, len, &score, &e) == EG_OK && top > scales[i].low &&
		    score >= scales[i].low && score <= top)
			return 1;
		snprintf(why, whysz, "%s score '%s' is not a whole number from %lld to %lld", kind,
			 s, (long long)scales[i].low, (long long)top);
		return 0;
	}
	snprintf(why, whysz, "survey kind '%s' is not nps, csat or ces", kind);
	return 0;
}

/* Carries one of the other tables through, when extract wrote it. */
static int clean_side_table(struct run *run, const struct eg_table_def *t, struct eg_error *err)
{
	char *path = eg_path_join(run->opts->in_dir, t->file);
	struct eg_csv_reader *r = NULL;
	struct eg_table_output *out;
	struct eg_manifest_counts *c;
	long col[64], email = -1, file_col = -1, line_col = -1;
	char *buf = NULL;
	size_t ncols = 0, i, cap = 0;
	int more = 0, rc = EG_OK, responses = t->columns == eg_response_columns;

	if (!path)
		return eg_stage_oom(err);
	if (access(path, F_OK) != 0) {
		free(path);
		return EG_OK;
	}
	while (t->columns[ncols]) {
		if (strcmp(t->columns[ncols], "email") == 0)
			email = (long)ncols;
		else if (strcmp(t->columns[ncols], "source_file") == 0)
			file_col = (long)ncols;
		else if (strcmp(t->columns[ncols], "source_line") == 0)
			line_col = (long)ncols;
		ncols++;
	}
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r, t->columns, col, err);
	c = rc == EG_OK ? eg_manifest_input(run->stage.m, path) : NULL;
	out = c ? eg_stage_output(&run->stage, t->file, t->columns, err) : NULL;
	if (rc == EG_OK && !out)
		rc = c ? (int)err->status : eg_stage_oom(err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		char why[512];

		c->read++;
		if (eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r) ||
		    (responses && !score_ok(r, col, why, sizeof(why)))) {
			if (eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r))
				snprintf(why, sizeof(why), "row has %zu fields, the header has %zu",
					 eg_csv_reader_nfields(r), eg_csv_reader_ncolumns(r));
			if (reject(run, r, col[file_col], col[line_col],
				   eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r)
					   ? "ragged_row"
					   : "bad_score",
				   "%s", why) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		for (i = 0; i < ncols; i++) {
			size_t len;
			const char *f = eg_csv_reader_field(r, col[i], &len);

			if ((long)i != email) {
				eg_csv_write_field(&out->w, f, len);
				continue;
			}
			if (len + 1 > cap) {
				char *q = realloc(buf, len + 1);

				if (!q) {
					rc = eg_stage_oom(err);
					break;
				}
				buf = q;
				cap = len + 1;
			}
			memcpy(buf, f, len + 1);
			len = normalise_email(buf, len);
			if (len && !eg_pattern_match(run->email, buf, len)) {
				run->invalid_emails++;
				len = 0;
			}
			eg_csv_write_field(&out->w, buf, len);
		}
		eg_table_output_end_row(out);
		c->written++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	free(buf);
	free(path);
	eg_csv_reader_free(r);
	return rc;
}

/*
 * Picks the report currency: the one given, or the orders' one currency
 * (read from the first pass over orders.csv). Several without a choice is
 * a data error.
 */
static int choose_currency(struct run *run, const char *path, struct eg_error *err)
{
	struct eg_csv_reader *r;
	long col;
	char first[8] = "", other[8] = "";
	int more = 0, rc;

	if (run->opts->currency) {
		if (strlen(run->opts->currency) != 3)
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "currency '%s' is not a 3-letter code",
					    run->opts->currency);
		strcpy(run->currency, run->opts->currency);
		return EG_OK;
	}
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	col = eg_csv_reader_column(r, "currency");
	while (col >= 0 && (more = eg_csv_reader_next(r, err)) > 0) {
		const char *cur = eg_csv_reader_field(r, col, NULL);

		if (!cur[0] || strlen(cur) >= sizeof(first))
			continue;
		if (!first[0])
			strcpy(first, cur);
		else if (strcmp(first, cur) != 0 && !other[0])
			strcpy(other, cur);
	}
	eg_csv_reader_free(r);
	if (more < 0)
		return err->status;
	if (other[0])
		return eg_error_set(err, EG_EDATA, path, 0, 0,
				    "orders in several currencies (%s, %s): give --currency "
				    "and --rates",
				    first, other);
	strcpy(run->currency, first);
	return EG_OK;
}

/*
 * Removes an order_lines.csv an earlier run asked for (--lines) from out_dir,
 * so that no table lingers that this run's manifest does not account for.
 */
static int remove_stale_lines(const char *out_dir, struct eg_error *err)
{
	char *path = eg_path_join(out_dir, "order_lines.csv");
	int rc = EG_OK;

	if (!path)
		return eg_stage_oom(err);
	if (unlink(path) != 0 && errno != ENOENT)
		rc = eg_error_set(err, EG_EIO, path, 0, 0, "cannot remove '%s': %s", path,
				  strerror(errno));
	free(path);
	return rc;
}

int eg_clean_run(const struct eg_clean_options *opts, struct eg_clean_result *res,
		 struct eg_error *err)
{
	struct run run;
	char *orders_in = eg_path_join(opts->in_dir, "orders.csv");
	char *lines_in = eg_path_join(opts->in_dir, "order_lines.csv");
	char *manifest_in = eg_path_join(opts->in_dir, "extract.manifest.csv");
	int rc = EG_OK, has_orders;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.opts = opts;
	run.copies = eg_order_copies_new();
	run.files = eg_strmap_new(16);
	if (!orders_in || !lines_in || !manifest_in || !run.copies || !run.files)
		rc = eg_stage_oom(err);
	if (rc == EG_OK)
		rc = eg_manifest_read_files(manifest_in, &run.raw_files, err);
	/* A folder of surveys or analytics alone has no order tables: that is fine. */
	has_orders = rc == EG_OK && (access(orders_in, F_OK) == 0 || access(lines_in, F_OK) == 0);
	if (rc == EG_OK)
		rc = eg_stage_begin(&run.stage, "clean", opts->out_dir, 1, err);
	if (rc == EG_OK)
		rc = eg_pattern_new(&run.email, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", EG_PATTERN_ANCHORED,
				    err);
	if (rc == EG_OK)
		rc = eg_datetime_parser_new(&run.dates, err);
	if (rc == EG_OK && opts->rates)
		rc = eg_exchange_rates_load(&run.rates, opts->rates, err);
	if (rc == EG_OK && has_orders)
		rc = choose_currency(&run, orders_in, err);
	if (rc == EG_OK && has_orders) {
		run.buyer_refs = eg_strmap_new(16);
		run.buyers = eg_strmap_new(16);
		if (!run.buyer_refs || !run.buyers)
			rc = eg_stage_oom(err);
	}
	if (rc == EG_OK && has_orders) {
		run.orders = eg_stage_output(&run.stage, "orders.csv", eg_order_columns, err);
		if (run.orders && opts->lines)
			run.lines = eg_stage_output(&run.stage, "order_lines.csv", eg_line_columns,
						    err);
		if (run.orders && (run.lines || !opts->lines))
			run.refunds = eg_stage_output(&run.stage, "refunds.csv", eg_refund_columns,
						      err);
		rc = run.refunds ? EG_OK : err->status;
	}
	if (rc == EG_OK && has_orders)
		rc = orders_pass1(&run, orders_in, err);
	if (rc == EG_OK && has_orders)
		rc = lines_pass(&run, lines_in, err);
	if (rc == EG_OK && has_orders)
		rc = orders_pass3(&run, orders_in, err);
	for (size_t t = 0; rc == EG_OK && t < eg_nside_tables; t++)
		rc = clean_side_table(&run, &eg_side_tables[t], err);
	if (rc == EG_OK) {
		struct eg_manifest *m = run.stage.m;
		struct eg_manifest_counts sum;

		eg_manifest_totals(m, &sum);
		res->rows_read = sum.read;
		res->rows_rejected = sum.rejected;
		res->rows_merged = sum.merged;
	}
	if (rc == EG_OK && has_orders) {
		struct eg_manifest *m = run.stage.m;

		if (eg_manifest_param(m, "currency", run.currency) != EG_OK ||
		    eg_manifest_param(m, "rates", opts->rates ? opts->rates : "") != EG_OK ||
		    eg_manifest_stat(m, orders_in, "invalid_emails", run.invalid_emails) != EG_OK ||
		    eg_manifest_stat(m, orders_in, "test_orders", run.test_orders) != EG_OK ||
		    eg_manifest_stat(m, orders_in, "cancelled_orders", run.cancelled_orders) !=
			    EG_OK ||
		    (run.combined_orders && eg_manifest_stat(m, orders_in, "combined_orders",
							     run.combined_orders) != EG_OK) ||
		    (run.lines_part_orders &&
		     eg_manifest_stat(m, orders_in, "items_only_orders", run.lines_part_orders) !=
			     EG_OK) ||
		    eg_manifest_stat(m, lines_in, "duplicate_lines", run.duplicate_lines) != EG_OK)
			rc = eg_stage_oom(err);
	}
	if (rc == EG_OK)
		rc = eg_stage_finish(&run.stage, err);
	if (rc == EG_OK && !opts->lines)
		rc = remove_stale_lines(opts->out_dir, err);
	eg_stage_end(&run.stage);
	eg_strmap_free(run.files);
	eg_strmap_free(run.buyer_refs);
	eg_strmap_free(run.buyers);
	eg_pattern_free(run.email);
	eg_datetime_parser_free(run.dates);
	eg_exchange_rates_free(run.rates);
	eg_order_copies_free(run.copies);
	eg_manifest_files_release(&run.raw_files);
	free(orders_in);
	free(lines_in);
	free(manifest_in);
	return rc;
}
