/*
 * clean.c - normalising orders and line items and settling duplicate orders.
 *
 * Orders are read first. Each copy of an order is remembered by its source
 * file and first line, with what became of it (kept, merged into an earlier
 * identical copy, or rejected as a conflicting copy). Line items are then
 * read, and each follows the copy of its order that it was exported with:
 * the copy in the same file whose first line is the nearest one above it.
 *
 * Reject reasons:
 *   ragged_row            a row has more or fewer fields than the header
 *   conflicting_duplicate an order id seen before with different values
 *   order_rejected        a line item of a rejected order copy
 *   unknown_order         a line item whose order is not in orders.csv
 */
#include "engage/clean.h"
#include "engage/csv_table.h"
#include "engage/path.h"
#include "engage/stage.h"
#include "engage/strmap.h"
#include "engage/tables.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum copy_fate { KEPT, MERGED, REJECTED };

/* One copy of an order, as read from orders.csv. */
struct copy {
	uint64_t fingerprint; /* hash of the order's values, sources left out */
	long line;            /* its source_line */
	enum copy_fate fate;  /* what became of it */
	size_t next;          /* next copy with the same file and id, or SIZE_MAX */
	size_t first;         /* the kept copy of its order id */
};

/* State of one run. */
struct run {
	struct eg_stage stage;    /* outputs, rejects and manifest */
	struct eg_strmap *by_id;  /* order id -> index of its first copy */
	struct eg_strmap *by_key; /* source file + id -> index of the file's first copy */
	struct copy *copies;      /* every order copy read */
	size_t ncopies;           /* entries at copies */
	size_t cap;               /* entries allocated at copies */
	char *key;                /* scratch for map keys */
	size_t key_cap;           /* bytes allocated at key */
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
	return eg_rejects_add(&run->stage.rejects, r, eg_csv_reader_field(r, file_col, NULL),
			      eg_csv_reader_field(r, line_col, NULL), reason, msg);
}

/* Builds "file \x1f id" in run->key; returns its length, or 0 on out of memory. */
static size_t file_key(struct run *run, const char *file, const char *id)
{
	size_t a = strlen(file), b = strlen(id), n = a + b + 1;

	if (n > run->key_cap) {
		char *k = realloc(run->key, n * 2);

		if (!k)
			return 0;
		run->key = k;
		run->key_cap = n * 2;
	}
	memcpy(run->key, file, a);
	run->key[a] = '\x1f';
	memcpy(run->key + a + 1, id, b);
	return n;
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

static int clean_orders(struct run *run, const char *path, struct eg_table_output *out,
			struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	long col[EG_ORDER_NCOLS];
	char *email = NULL;
	size_t email_cap = 0;
	int more, rc;

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
		struct copy *cp;
		size_t i, len, n, first, idx;
		uint64_t fp = 0;
		const char *f;

		c->read++;
		if (eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r)) {
			rc = reject(run, r, col[EG_ORDER_SOURCE_FILE], col[EG_ORDER_SOURCE_LINE],
				    "ragged_row", "row has %zu fields, the header has %zu",
				    eg_csv_reader_nfields(r), eg_csv_reader_ncolumns(r));
			if (rc != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		f = eg_csv_reader_field(r, col[EG_ORDER_EMAIL], &len);
		if (len + 1 > email_cap) {
			char *e = realloc(email, len + 1);

			if (!e) {
				rc = eg_stage_oom(err);
				break;
			}
			email = e;
			email_cap = len + 1;
		}
		memcpy(email, f, len + 1);
		len = normalise_email(email, len);
		/* The fingerprint covers every value but where the copy came from. */
		for (i = 0; i < EG_ORDER_NCOLS; i++) {
			if (i == EG_ORDER_SOURCE_FILE || i == EG_ORDER_SOURCE_LINE)
				continue;
			f = i == EG_ORDER_EMAIL ? email : eg_csv_reader_field(r, col[i], NULL);
			fp = fp * 1099511628211ULL ^ eg_hash64(f, strlen(f) + 1);
		}
		if (run->ncopies == run->cap) {
			size_t cap = run->cap ? run->cap * 2 : 1024;
			struct copy *q = realloc(run->copies, cap * sizeof(*q));

			if (!q) {
				rc = eg_stage_oom(err);
				break;
			}
			run->copies = q;
			run->cap = cap;
		}
		idx = run->ncopies;
		cp = &run->copies[idx];
		cp->fingerprint = fp;
		cp->line = strtol(eg_csv_reader_field(r, col[EG_ORDER_SOURCE_LINE], NULL), NULL, 10);
		cp->next = SIZE_MAX;
		first = idx;
		if (eg_strmap_put(run->by_id, id, strlen(id), &first) < 0 ||
		    !(n = file_key(run, file, id))) {
			rc = eg_stage_oom(err);
			break;
		}
		cp->first = first;
		{
			size_t head = idx;
			int fresh = eg_strmap_put(run->by_key, run->key, n, &head);

			if (fresh < 0) {
				rc = eg_stage_oom(err);
				break;
			}
			if (!fresh) {
				while (run->copies[head].next != SIZE_MAX)
					head = run->copies[head].next;
				run->copies[head].next = idx;
			}
		}
		run->ncopies++;
		if (first == idx) {
			cp->fate = KEPT;
			for (i = 0; i < EG_ORDER_NCOLS; i++) {
				if (i == EG_ORDER_EMAIL)
					eg_csv_write_field(&out->w, email, len);
				else
					eg_csv_write_str(&out->w, eg_csv_reader_field(r, col[i], NULL));
			}
			eg_table_output_end_row(out);
			c->written++;
		} else if (run->copies[first].fingerprint == fp) {
			cp->fate = MERGED;
			c->merged++;
		} else {
			cp->fate = REJECTED;
			rc = reject(run, r, col[EG_ORDER_SOURCE_FILE], col[EG_ORDER_SOURCE_LINE],
				    "conflicting_duplicate",
				    "order '%s' was read before (line %ld) with different values", id,
				    run->copies[first].line);
			if (rc != EG_OK)
				rc = eg_stage_oom(err);
		}
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	free(email);
	eg_csv_reader_free(r);
	return rc;
}

static int clean_lines(struct run *run, const char *path, struct eg_table_output *out,
		       struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct eg_manifest_counts *c;
	long col[EG_LINE_NCOLS];
	int more, rc;

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
		long line = strtol(eg_csv_reader_field(r, col[EG_LINE_SOURCE_LINE], NULL), NULL, 10);
		size_t n, head, owner = SIZE_MAX, i;

		c->read++;
		if (eg_csv_reader_nfields(r) != eg_csv_reader_ncolumns(r)) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   "ragged_row", "row has %zu fields, the header has %zu",
				   eg_csv_reader_nfields(r), eg_csv_reader_ncolumns(r)) != EG_OK)
				rc = eg_stage_oom(err);
			continue;
		}
		if (!(n = file_key(run, file, id))) {
			rc = eg_stage_oom(err);
			break;
		}
		if (eg_strmap_get(run->by_key, run->key, n, &head))
			for (; head != SIZE_MAX; head = run->copies[head].next)
				if (run->copies[head].line <= line)
					owner = head;
		if (owner == SIZE_MAX) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   "unknown_order", "line item of order '%s', which is not in orders",
				   id) != EG_OK)
				rc = eg_stage_oom(err);
		} else if (run->copies[owner].fate == MERGED) {
			c->merged++;
		} else if (run->copies[owner].fate == REJECTED) {
			if (reject(run, r, col[EG_LINE_SOURCE_FILE], col[EG_LINE_SOURCE_LINE],
				   "order_rejected",
				   "line item of order '%s', whose copy at line %ld was rejected", id,
				   run->copies[owner].line) != EG_OK)
				rc = eg_stage_oom(err);
		} else {
			for (i = 0; i < EG_LINE_NCOLS; i++)
				eg_csv_write_str(&out->w, eg_csv_reader_field(r, col[i], NULL));
			eg_table_output_end_row(out);
			c->written++;
		}
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	return rc;
}

int eg_clean_run(const struct eg_clean_options *opts, struct eg_clean_result *res,
		 struct eg_error *err)
{
	struct run run;
	struct eg_table_output *orders, *lines;
	char *orders_in = eg_path_join(opts->in_dir, "orders.csv");
	char *lines_in = eg_path_join(opts->in_dir, "order_lines.csv");
	int rc;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.by_id = eg_strmap_new(1024);
	run.by_key = eg_strmap_new(1024);
	if (!orders_in || !lines_in || !run.by_id || !run.by_key) {
		rc = eg_stage_oom(err);
		goto done;
	}
	rc = eg_stage_begin(&run.stage, "clean", opts->out_dir, 1, err);
	if (rc != EG_OK)
		goto done;
	orders = eg_stage_output(&run.stage, "orders.csv", eg_order_columns, err);
	lines = orders ? eg_stage_output(&run.stage, "order_lines.csv", eg_line_columns, err) : NULL;
	rc = lines ? EG_OK : err->status;
	if (rc == EG_OK)
		rc = clean_orders(&run, orders_in, orders, err);
	if (rc == EG_OK)
		rc = clean_lines(&run, lines_in, lines, err);
	if (rc == EG_OK) {
		const char *in[] = {orders_in, lines_in};

		for (size_t i = 0; i < 2; i++) {
			const struct eg_manifest_counts *c = eg_manifest_input(run.stage.m, in[i]);

			res->rows_read += c->read;
			res->rows_rejected += c->rejected;
			res->rows_merged += c->merged;
		}
		rc = eg_stage_finish(&run.stage, err);
	}
done:
	eg_stage_end(&run.stage);
	eg_strmap_free(run.by_id);
	eg_strmap_free(run.by_key);
	free(run.copies);
	free(run.key);
	free(orders_in);
	free(lines_in);
	return rc;
}
