/*
 * render.c - the render stage: loading compute's files and the stages'
 * manifests, hashing the raw inputs, writing the segment lists and the
 * workbook, and accounting for it all in render.manifest.csv.
 */
#include "engage/render.h"
#include "engage/csv_table.h"
#include "engage/customer_list.h"
#include "engage/customer_table.h"
#include "engage/datetime.h"
#include "engage/manifest.h"
#include "engage/path.h"
#include "engage/report.h"
#include "engage/segment_lists.h"
#include "engage/sha256.h"
#include "engage/timezone.h"
#include "engage/workbook.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int oom(struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

/* The folder part of path, in a new string; "." when path has none. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	dir = malloc((size_t)(slash - path) + 1);
	if (dir) {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	return dir;
}

/*
 * Parameter key of compute.manifest.csv in dir, into buf of size n; NULL
 * when there is no such manifest or parameter.
 */
static const char *compute_param(const char *dir, const char *key, char *buf, size_t n)
{
	char *path = eg_path_join(dir, "compute.manifest.csv");
	const char *found =
		path && access(path, R_OK) == 0 ? eg_manifest_read_param(path, key, buf, n) : NULL;

	free(path);
	return found;
}

/* One of compute's tables: its file, the columns it must have and those that hold numbers. */
struct table_spec {
	const char *file;
	const char *const *required;
	const char *const *numeric;
	size_t offset; /* of the eg_data_table in struct eg_workbook_data */
};

#define COLS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static const struct table_spec tables[] = {
	{ "cohorts.csv",
	  COLS("cohort", "month_offset", "cohort_customers", "active_customers", "retention",
	       "net_revenue", "cumulative_net_revenue_per_customer"),
	  COLS("month_offset", "cohort_customers", "active_customers", "retention", "net_revenue",
	       "cumulative_net_revenue_per_customer"),
	  offsetof(struct eg_workbook_data, cohorts) },
	{ "segments.csv",
	  COLS("segment", "customers", "customer_share", "revenue", "revenue_share"),
	  COLS("customers", "customer_share", "revenue", "revenue_share", "average_recency_days"),
	  offsetof(struct eg_workbook_data, segments) },
	{ "segment_moves.csv", COLS("from_segment", "to_segment", "customers"),
	  COLS("customers", "revenue"), offsetof(struct eg_workbook_data, moves) },
	{ "bridge.csv",
	  COLS("month", "gross_sales", "discounts", "shipping", "tax", "other", "total", "refunds",
	       "net_revenue"),
	  COLS("gross_sales", "discounts", "shipping", "tax", "duties", "other", "total", "refunds",
	       "net_revenue"),
	  offsetof(struct eg_workbook_data, bridge) },
	{ "funnel.csv", COLS("month", "step", "count", "share_of_previous", "share_of_sessions"),
	  COLS("count", "share_of_previous", "share_of_sessions"),
	  offsetof(struct eg_workbook_data, funnel) },
	{ "journey.csv", COLS("month", "stage", "measure", "value", "unit"), COLS("value"),
	  offsetof(struct eg_workbook_data, journey) },
	{ "voice.csv", COLS("month", "measure", "value", "unit"), COLS("value"),
	  offsetof(struct eg_workbook_data, voice) },
	{ "email.csv", COLS("month", "campaign", "delivered", "open_rate", "click_rate"),
	  COLS("delivered", "unique_opens", "unique_clicks", "unsubscribes", "bounces", "open_rate",
	       "click_rate", "unsubscribe_rate", "bounce_rate", "unique_apple_opens",
	       "open_rate_without_apple"),
	  offsetof(struct eg_workbook_data, email) },
	{ "email_ratings.csv", COLS("rating", "members", "subscribed", "buyers"),
	  COLS("rating", "members", "subscribed", "buyers", "orders", "revenue", "orders_per_buyer",
	       "revenue_per_buyer"),
	  offsetof(struct eg_workbook_data, email_ratings) },
	{ "model.csv", COLS("model", "parameter", "value"), NULL,
	  offsetof(struct eg_workbook_data, model) },
	{ "holdout.csv",
	  COLS("calibration_frequency", "customers", "actual_holdout_orders",
	       "predicted_holdout_orders"),
	  COLS("customers", "actual_holdout_orders", "predicted_holdout_orders",
	       "mean_absolute_error", "bias", "rmse", "baseline_holdout_orders"),
	  offsetof(struct eg_workbook_data, holdout) },
	{ "risk_bands.csv", COLS("churn_risk", "customers"),
	  COLS("customers", "customer_share", "revenue", "revenue_share", "average_p_alive",
	       "average_gaps_since_last_order"),
	  offsetof(struct eg_workbook_data, risk_bands) },
	{ "summary.csv",
	  COLS("metric", "value", "previous", "change", "change_ratio", "last_year",
	       "change_last_year", "change_ratio_last_year"),
	  COLS("value", "previous", "change", "change_ratio", "last_year", "change_last_year",
	       "change_ratio_last_year"),
	  offsetof(struct eg_workbook_data, summary) },
	{ "platform_check.csv",
	  COLS("period_start", "period_end", "figure", "platform_value", "engage_same_definition",
	       "difference", "engage_value", "explanation"),
	  COLS("platform_value", "engage_same_definition", "difference", "engage_value"),
	  offsetof(struct eg_workbook_data, platform) },
	{ "email_periods.csv",
	  COLS("period_start", "period_end", "channel", "list", "open_rate", "click_rate",
	       "order_value"),
	  COLS("open_rate", "click_rate", "order_value"),
	  offsetof(struct eg_workbook_data, email_periods) },
	{ "flow_figures.csv",
	  COLS("period_start", "period_end", "channel", "flow", "message", "recipients",
	       "delivered", "open_rate", "click_rate"),
	  COLS("recipients", "delivered", "unique_opens", "unique_apple_opens", "unique_clicks",
	       "orders", "open_rate", "open_rate_without_apple", "click_rate"),
	  offsetof(struct eg_workbook_data, email_flows) },
	{ "spend_by_campaign.csv",
	  COLS("month", "channel", "campaign", "spend", "impressions", "purchases"),
	  COLS("spend", "impressions", "purchases"),
	  offsetof(struct eg_workbook_data, spend_campaigns) },
};

#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static struct eg_data_table *table_of(struct eg_workbook_data *d, size_t i)
{
	return (struct eg_data_table *)((char *)d + tables[i].offset);
}

/* The order of a manifest in the pipeline, by its file name. */
static int stage_rank(const char *file)
{
	static const char *const order[] = { "extract.", "clean.", "join.", "compute.", NULL };
	int i;

	for (i = 0; order[i]; i++)
		if (strncmp(file, order[i], strlen(order[i])) == 0)
			return i;
	return i;
}

static int by_stage(const void *a, const void *b)
{
	const struct eg_manifest_file *x = a, *y = b;
	int rx = stage_rank(x->file), ry = stage_rank(y->file);

	return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x->file, y->file);
}

/* A manifest already read: its device and inode, so a folder given twice counts once. */
struct seen {
	dev_t dev;
	ino_t ino;
};

/* Reads manifest path (named file) into d's list, unless the same file is there already. */
static int add_manifest(struct eg_workbook_data *d, const char *path, const char *file,
			struct seen *seen, size_t *nseen, struct eg_error *err)
{
	static const char *const required[] = { "stage", "section", "name", "key", "value", NULL };
	struct eg_manifest_file *mf, *grown;
	struct stat st;
	size_t i;
	int rc;

	if (stat(path, &st) != 0)
		return EG_OK; /* absent: compute's own manifest is optional */
	for (i = 0; i < *nseen; i++)
		if (seen[i].dev == st.st_dev && seen[i].ino == st.st_ino)
			return EG_OK;
	if (*nseen == 64)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "more than 64 manifests");
	seen[*nseen].dev = st.st_dev;
	seen[(*nseen)++].ino = st.st_ino;
	grown = realloc(d->manifests, (d->nmanifests + 1) * sizeof(*grown));
	if (!grown)
		return oom(err);
	d->manifests = grown;
	mf = &d->manifests[d->nmanifests];
	memset(mf, 0, sizeof(*mf));
	if (!(mf->file = strdup(file)))
		return oom(err);
	rc = eg_data_table_load(&mf->rows, path, required, NULL, err);
	if (rc != EG_OK || !mf->rows.present) {
		free(mf->file);
		return rc;
	}
	d->nmanifests++;
	return EG_OK;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n > t && strcmp(s + n - t, tail) == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_stage_manifest(const struct dirent *e)
{
	/* render's own manifest is the one this run writes, not an input. */
	return ends_with(e->d_name, ".manifest.csv") &&
	       strcmp(e->d_name, "render.manifest.csv") != 0;
}

/* Loads every *.manifest.csv of the --manifests folders and compute's, in stage order. */
static int load_manifests(struct eg_workbook_data *d, const struct eg_render_options *opts,
			  struct eg_error *err)
{
	struct seen *seen = malloc(64 * sizeof(*seen));
	size_t nseen = 0, i;
	int rc = EG_OK, k, n;

	if (!seen)
		return oom(err);
	for (i = 0; rc == EG_OK && i < opts->nmanifest_dirs; i++) {
		struct dirent **names = NULL;

		n = scandir(opts->manifest_dirs[i], &names, is_stage_manifest, by_name);
		if (n < 0) {
			rc = eg_error_set(err, EG_EIO, opts->manifest_dirs[i], 0, 0,
					  "unable to read folder '%s': %s", opts->manifest_dirs[i],
					  strerror(errno));
			break;
		}
		for (k = 0; k < n; k++) {
			char *path = eg_path_join(opts->manifest_dirs[i], names[k]->d_name);

			if (rc == EG_OK)
				rc = path ? add_manifest(d, path, names[k]->d_name, seen, &nseen,
							 err)
					  : oom(err);
			free(path);
			free(names[k]);
		}
		free(names);
	}
	if (rc == EG_OK) {
		char *path = eg_path_join(opts->in_dir, "compute.manifest.csv");

		rc = path ? add_manifest(d, path, "compute.manifest.csv", seen, &nseen, err)
			  : oom(err);
		free(path);
	}
	free(seen);
	if (rc == EG_OK && d->nmanifests > 1)
		qsort(d->manifests, d->nmanifests, sizeof(*d->manifests), by_stage);
	return rc;
}

/* The raw files extract read, with their sizes and SHA-256. */
static int hash_inputs(struct eg_workbook_data *d, struct eg_error *err)
{
	size_t i, r, k;

	for (i = 0; i < d->nmanifests; i++) {
		const struct eg_data_table *t = &d->manifests[i].rows;
		long cs = eg_data_table_column(t, "stage"),
		     csec = eg_data_table_column(t, "section");
		long cn = eg_data_table_column(t, "name");

		for (r = 0; r < t->nrows; r++) {
			const char *name = eg_data_table_cell(t, r, cn);
			struct eg_input_file *f, *grown;
			struct eg_error ignored;

			if (strcmp(eg_data_table_cell(t, r, cs), "extract") != 0 ||
			    strcmp(eg_data_table_cell(t, r, csec), "input") != 0 || !name[0])
				continue;
			for (k = 0; k < d->nfiles && strcmp(d->files[k].path, name) != 0; k++)
				;
			if (k < d->nfiles)
				continue;
			grown = realloc(d->files, (d->nfiles + 1) * sizeof(*grown));
			if (!grown)
				return oom(err);
			d->files = grown;
			f = &d->files[d->nfiles];
			memset(f, 0, sizeof(*f));
			f->stage = strdup("extract");
			f->path = strdup(name);
			if (!f->stage || !f->path) {
				free(f->stage);
				free(f->path);
				return oom(err);
			}
			d->nfiles++;
			f->found = eg_sha256_file(name, f->sha256, &f->size, &ignored) == EG_OK;
		}
	}
	return EG_OK;
}

/* Adds render parameter key = value to d (both copied). */
static int add_param(struct eg_workbook_data *d, const char *key, const char *value)
{
	char **grown = realloc(d->params, 2 * (d->nparams + 1) * sizeof(char *));

	if (!grown)
		return 0;
	d->params = grown;
	d->params[2 * d->nparams] = strdup(key);
	d->params[2 * d->nparams + 1] = strdup(value ? value : "");
	if (!d->params[2 * d->nparams] || !d->params[2 * d->nparams + 1]) {
		free(d->params[2 * d->nparams]);
		free(d->params[2 * d->nparams + 1]);
		return 0;
	}
	d->nparams++;
	return 1;
}

/* Everything the workbook shows, from opts. */
static int load(struct eg_workbook_data *d, const struct eg_render_options *opts,
		struct eg_error *err)
{
	char month[EG_TIME_BUFSZ], computed[EG_TIME_BUFSZ], *path;
	const char *m = opts->month;
	size_t i;
	int rc;

	if (!m)
		m = compute_param(opts->in_dir, "month", month, sizeof(month));
	if (m && strcmp(m, "auto") == 0)
		m = NULL;
	if (!compute_param(opts->in_dir, "month", computed, sizeof(computed)))
		computed[0] = '\0';
	if (!compute_param(opts->in_dir, "timezone", d->timezone, sizeof(d->timezone)))
		strcpy(d->timezone, "UTC");
	if (!compute_param(opts->in_dir, "timezone_found", d->timezone_found,
			   sizeof(d->timezone_found)))
		d->timezone_found[0] = '\0';
	/* Dates in the workbook are local to the report timezone, whatever the machine's. */
	if (eg_tz_select(d->timezone, err) != EG_OK) {
		strcpy(d->timezone, "UTC");
		eg_tz_select("UTC", err);
		eg_error_clear(err);
	}
	if (!(path = eg_path_join(opts->in_dir, "kpis.csv")))
		return oom(err);
	rc = eg_report_load(&d->kpis, path, m, err);
	free(path);
	for (i = 0; rc == EG_OK && i < NTABLES; i++) {
		if (!(path = eg_path_join(opts->in_dir, tables[i].file)))
			return oom(err);
		rc = eg_data_table_load(table_of(d, i), path, tables[i].required, tables[i].numeric,
					err);
		free(path);
	}
	if (rc != EG_OK)
		return rc;
	/* summary.csv speaks of compute's report month: of another, render computes the changes. */
	d->summary_current =
		d->summary.present && strcmp(computed, eg_month_format(d->kpis.month, month)) == 0;
	if (!(path = eg_path_join(opts->in_dir, "customer_scores.csv")))
		return oom(err);
	if (access(path, F_OK) == 0)
		d->scores = path;
	else
		free(path);
	if (opts->customers) {
		if (access(opts->customers, R_OK) != 0)
			return eg_error_set(err, EG_EIO, opts->customers, 0, 0,
					    "unable to open '%s': %s", opts->customers,
					    strerror(errno));
		if (!(d->customers = strdup(opts->customers)))
			return oom(err);
	}
	rc = load_manifests(d, opts, err);
	if (rc == EG_OK)
		rc = hash_inputs(d, err);
	if (rc != EG_OK)
		return rc;
	/* The outputs' paths are not in the workbook: where it is written changes no byte. */
	if (!add_param(d, "month", eg_month_format(d->kpis.month, month)) ||
	    !add_param(d, "in", opts->in_dir) || !add_param(d, "customers", opts->customers))
		return oom(err);
	for (i = 0; i < opts->nmanifest_dirs; i++)
		if (!add_param(d, "manifests", opts->manifest_dirs[i]))
			return oom(err);
	return EG_OK;
}

/* The segments in segments.csv's order, borrowed from d; *n of them. NULL on out of memory. */
static const char **segment_order(const struct eg_workbook_data *d, size_t *n)
{
	const char **names = malloc((d->segments.nrows + 1) * sizeof(*names));
	long c = eg_data_table_column(&d->segments, "segment");
	size_t r;

	*n = 0;
	if (!names)
		return NULL;
	for (r = 0; d->segments.present && r < d->segments.nrows; r++)
		names[(*n)++] = eg_data_table_cell(&d->segments, r, c);
	return names;
}

/*
 * The customer files render writes beside the workbook, from one pass over
 * the customers on a thread of their own while the workbook is written:
 * the segment lists and the customer list.
 */
struct customer_files {
	struct eg_customer_reader *r;	/* customer_scores.csv with --customers joined; owned */
	struct eg_segment_lists lists;	/* the segment lists */
	struct eg_customer_table table; /* the customer list */
	struct eg_error err;		/* where the pass's failure is described */
	int rc;				/* the pass's status */
};

/*
 * Opens the segment lists in dir and the customer list in out_dir (temporary
 * files, made here: files are created and removed on the calling thread
 * only). Nothing when there are no customers.
 */
static int open_customer_files(const struct eg_workbook_data *d, const char *dir,
			       const char *out_dir, struct customer_files *f, struct eg_error *err)
{
	const char **order;
	size_t n;
	int rc;

	if (!d->scores)
		return EG_OK;
	if (!(order = segment_order(d, &n)))
		return oom(err);
	rc = eg_customer_reader_open(&f->r, d->scores, d->customers, err);
	if (rc == EG_OK)
		rc = eg_segment_lists_open(&f->lists, dir, order, n, err);
	if (rc == EG_OK)
		rc = eg_customer_table_open(&f->table, out_dir, EG_RENDER_CUSTOMER_LIST, f->r, err);
	free(order);
	return rc;
}

/* Reads every customer into the segment lists and the customer list (a thread's body). */
static void *fill_customer_files(void *arg)
{
	struct customer_files *f = arg;

	f->rc = eg_segment_lists_fill(&f->lists, f->r, eg_customer_table_add, &f->table, &f->err);
	return NULL;
}

/* Flushes and syncs the customer files, for publishing beside the workbook. */
static int settle_customer_files(struct customer_files *f, struct eg_error *err)
{
	int rc = eg_segment_lists_settle(&f->lists, err);

	if (rc == EG_OK && f->table.out.name)
		rc = eg_atomic_settle(&f->table.out.af, err);
	return rc;
}

/* Frees the customer files, removing those not published. */
static void release_customer_files(struct customer_files *f)
{
	eg_segment_lists_release(&f->lists);
	eg_customer_table_release(&f->table);
	eg_customer_reader_free(f->r);
	f->r = NULL;
}

/*
 * Writes the workbook on this thread while a second one fills the customer
 * files (f, opened): both settled, or neither. The customer files' failure
 * is told first, as it was met reading the customers.
 */
static int write_outputs(const struct eg_workbook_data *d, const char *path,
			 struct eg_atomic_file *book, struct eg_workbook_result *wr,
			 struct customer_files *f, struct eg_error *err)
{
	pthread_t thread;
	int threaded = 0, rc;

	f->rc = EG_OK;
	if (f->r)
		threaded = pthread_create(&thread, NULL, fill_customer_files, f) == 0;
	if (f->r && !threaded)
		fill_customer_files(f);
	rc = eg_workbook_settle(d, path, book, wr, err);
	if (threaded)
		pthread_join(thread, NULL);
	if (f->rc != EG_OK) {
		if (rc == EG_OK)
			eg_atomic_abort(book);
		*err = f->err;
		return f->rc;
	}
	if (rc != EG_OK)
		return rc;
	rc = settle_customer_files(f, err);
	if (rc != EG_OK)
		eg_atomic_abort(book);
	return rc;
}

/* Counts one input table read whole into the manifest. */
static int count_input(struct eg_manifest *m, const char *path, int64_t rows)
{
	struct eg_manifest_counts *c = eg_manifest_input(m, path);

	if (!c)
		return 0;
	c->read = c->written = rows;
	return 1;
}

/* render.manifest.csv, settled in af: what was read, what was written. */
static int write_manifest(const struct eg_workbook_data *d, const struct eg_render_options *opts,
			  const struct customer_files *f, const char *lists_dir,
			  const struct eg_workbook_result *wr, const char *path,
			  struct eg_atomic_file *af, struct eg_error *err)
{
	const struct eg_segment_lists *lists = &f->lists;
	struct eg_manifest *m = eg_manifest_new("render");
	char *kpis = eg_path_join(opts->in_dir, "kpis.csv"), rows[24];
	int ok = m && kpis, rc;
	size_t i;

	/* --customer-rows as given: a number, or "all". */
	if (d->customer_rows == INT64_MAX)
		snprintf(rows, sizeof(rows), "all");
	else
		snprintf(rows, sizeof(rows), "%lld",
			 (long long)(d->customer_rows ? d->customer_rows
						      : EG_WORKBOOK_CUSTOMER_ROWS));
	ok = ok && count_input(m, kpis, d->kpis.rows);
	for (i = 0; ok && i < NTABLES; i++) {
		const struct eg_data_table *t =
			(const struct eg_data_table *)((const char *)d + tables[i].offset);

		if (t->present)
			ok = count_input(m, t->path, (int64_t)t->nrows);
	}
	if (ok && d->scores)
		ok = count_input(m, d->scores, wr->customers);
	/* The workbook's parameters (month and in first), with the outputs after in. */
	for (i = 0; ok && i < d->nparams; i++) {
		ok = eg_manifest_param(m, d->params[2 * i], d->params[2 * i + 1]) == EG_OK;
		if (ok && strcmp(d->params[2 * i], "in") == 0)
			ok = eg_manifest_param(m, "out", opts->out) == EG_OK &&
			     eg_manifest_param(m, "lists", lists_dir) == EG_OK &&
			     eg_manifest_param(m, "customer_rows", rows) == EG_OK;
	}
	ok = ok && eg_manifest_param(m, "timezone", d->timezone) == EG_OK;
	ok = ok && eg_manifest_output(m, opts->out, d->kpis.nmonths) == EG_OK;
	if (ok && d->scores)
		ok = eg_manifest_stat(m, d->scores, "customers_sheet_rows", wr->sheet_rows) ==
			     EG_OK &&
		     eg_manifest_stat(m, d->scores, "constant_memory", wr->constant_memory) ==
			     EG_OK &&
		     eg_manifest_stat(m, d->scores, "listed", lists->written) == EG_OK &&
		     eg_manifest_stat(m, d->scores, "not_listed_no_email", lists->no_email) ==
			     EG_OK &&
		     eg_manifest_stat(m, d->scores, "not_listed_no_consent", lists->no_consent) ==
			     EG_OK;
	if (ok && f->table.out.af.path)
		ok = eg_manifest_output(m, f->table.out.af.path, f->table.rows) == EG_OK;
	for (i = 0; ok && i < lists->n; i++) {
		char *p = eg_path_join(lists->dir, lists->lists[i].file);

		ok = p && eg_manifest_output(m, p, lists->lists[i].customers) == EG_OK;
		free(p);
	}
	rc = ok ? eg_manifest_settle(m, path, af, err) : oom(err);
	eg_manifest_free(m);
	free(kpis);
	return rc;
}

int eg_render_run(const struct eg_render_options *opts, struct eg_error *err)
{
	struct eg_workbook_data d;
	struct customer_files *f = calloc(1, sizeof(*f));
	struct eg_workbook_result wr = { 0, 0, 0, 0 };
	struct eg_atomic_file book, manifest_file, *files[EG_SEGMENT_LISTS_MAX + 3];
	char *dir = folder_of(opts->out), *manifest = NULL, *lists_dir = NULL;
	size_t n;
	int rc;

	memset(&d, 0, sizeof(d));
	if (dir) {
		manifest = eg_path_join(dir, "render.manifest.csv");
		lists_dir =
			opts->lists_dir ? strdup(opts->lists_dir) : eg_path_join(dir, "segments");
	}
	if (!f || !dir || !manifest || !lists_dir) {
		rc = oom(err);
		goto done;
	}
	rc = eg_path_prepare_output_dir(dir, err);
	if (rc == EG_OK)
		rc = load(&d, opts, err);
	d.customer_rows = opts->customer_rows;
	if (rc == EG_OK && d.scores && !(d.customer_list = strdup(EG_RENDER_CUSTOMER_LIST)))
		rc = oom(err);
	if (rc == EG_OK)
		rc = open_customer_files(&d, lists_dir, dir, f, err);
	/* One copy of join's customers in memory, for the lists and the Customers sheet. */
	if (d.customers)
		d.joined = f->r;
	/* Every file is written and synced before any replaces its previous version. */
	if (rc == EG_OK)
		rc = write_outputs(&d, opts->out, &book, &wr, f, err);
	if (rc == EG_OK) {
		rc = write_manifest(&d, opts, f, lists_dir, &wr, manifest, &manifest_file, err);
		if (rc != EG_OK)
			eg_atomic_abort(&book);
	}
	if (rc == EG_OK) {
		n = eg_segment_lists_files(&f->lists, files);
		if (f->table.out.name)
			files[n++] = &f->table.out.af;
		files[n++] = &book;
		files[n++] = &manifest_file; /* last: it vouches for the files beside it */
		rc = eg_atomic_publish_all(files, n, err);
	}
done:
	if (f)
		release_customer_files(f);
	free(f);
	eg_workbook_data_release(&d);
	free(dir);
	free(manifest);
	free(lists_dir);
	return rc;
}
