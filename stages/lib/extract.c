/*
 * extract.c - the extract stage: expanding the inputs, recognising each
 * file's source from its header, and handing its rows to the source's
 * layout (extract_line_items, extract_orders, extract_records; GA4
 * downloads are first taken apart by extract_ga4).
 *
 * Recognition reads only the head of a file: its first line says whether it
 * opens with `#` comments (a GA4 download) and which of , ; tab | separates
 * its fields (the most frequent outside quotes), unless a mapping names its
 * delimiter. Each mapping is bound to the header; a source fits when every
 * `need` column is there, and of several that fit the one finding the most
 * of its columns wins (then the most `need` columns, then the name).
 *
 * Every data row is accounted for: it becomes a row of an output (written)
 * or goes to rejects.csv with a reason code (see the layout headers and
 * eg_extract_row_check).
 *
 * With --tz auto, the offsets of the order files' time stamps are logged
 * per file (offset_log) and the zone found from them all (zone_finder) once
 * every file is read. Stamps without offset are read in UTC meanwhile; if
 * there were any and the zone found is another, the inputs are read again
 * in it, so that the outputs are those of an explicit --tz.
 */
#include "engage/extract.h"
#include "engage/array.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/extract_ga4.h"
#include "engage/extract_line_items.h"
#include "engage/extract_orders.h"
#include "engage/extract_records.h"
#include "engage/extract_row.h"
#include "engage/extract_value.h"
#include "engage/file_walk.h"
#include "engage/input.h"
#include "engage/path.h"
#include "engage/personal_data.h"
#include "engage/source_map.h"
#include "engage/stage.h"
#include "engage/tables.h"
#include "engage/timezone.h"
#include "engage/zone_finder.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAD_SIZE  (64 * 1024)	      /* bytes first read to recognise a file */
#define HEADER_MAX (16 * 1024 * 1024) /* longest header row read to recognise it */
#define CLOSEST	   3		      /* sources named when none fits */

/* State of one stage run. */
struct run {
	const struct eg_extract_options *opts;	     /* what to extract */
	struct eg_stage stage;			     /* outputs, rejects and manifest */
	struct eg_table_output *out[EG_TABLE_COUNT]; /* table outputs, NULL until used */
	struct eg_table_output *lines;		     /* order_lines.csv, with orders */
	struct eg_source_set sources;		     /* every known source */
	struct eg_extract_value *values;	     /* compiled once per run */
	struct eg_extract_result *res;		     /* what the run did, with the files not read */
	size_t files_read;			     /* input files read */
	struct eg_relay_domains relay;		     /* marketplace relay email domains */
	char **inputs;				     /* the files to read, owned */
	size_t ninputs;				     /* entries at inputs */
	int dates;				     /* date order override, -1 for none */
	char pseudo[EG_PSEUDONYM_SIZE];		     /* the current email's pseudonym */
	const char *zone; /* zone of stamps without offset, unless the mapping names one */
	int find_zone;	  /* --tz auto: the zone is found from the order files' offsets */
	struct eg_zone_file *files;  /* the order files' offsets (runs owned), with find_zone */
	size_t nfiles;		     /* entries at files */
	size_t files_cap;	     /* room at files */
	int64_t local_stamps;	     /* stamps without offset read in zone */
	struct eg_zone_choice found; /* the zone found, with find_zone */
	char *rewritten[EG_SOURCE_MAX_FIELDS];	     /* the current row's values rewritten, owned */
	struct eg_pattern *emails;		     /* emails inside text, under a key */
};

/* Bytes of a file: its head, or all of it. */
struct bytes {
	char *data;  /* owned */
	size_t len;  /* bytes at data */
	size_t skip; /* bytes of a UTF-8 byte order mark at the start */
};

static const char *const *table_columns(enum eg_table t)
{
	switch (t) {
	case EG_TABLE_ORDERS: return eg_order_columns;
	case EG_TABLE_SESSIONS: return eg_session_columns;
	case EG_TABLE_EMAIL_EVENTS: return eg_email_event_columns;
	case EG_TABLE_EMAIL_CAMPAIGNS: return eg_email_campaign_columns;
	case EG_TABLE_RESPONSES: return eg_response_columns;
	case EG_TABLE_TICKETS: return eg_ticket_columns;
	case EG_TABLE_PROFILES: return eg_profile_columns;
	case EG_TABLE_LOYALTY: return eg_loyalty_columns;
	case EG_TABLE_SPEND: return eg_spend_columns;
	case EG_TABLE_PLATFORM_REPORT: return eg_platform_report_columns;
	case EG_TABLE_EMAIL_RATES: return eg_email_rate_columns;
	case EG_TABLE_EMAIL_FLOWS: return eg_email_flow_columns;
	default: return NULL;
	}
}

/* Opens table t's output (and order_lines.csv with orders) on first use. */
static int need_output(struct run *run, enum eg_table t, struct eg_error *err)
{
	char file[64];

	if (run->out[t])
		return EG_OK;
	snprintf(file, sizeof(file), "%s.csv", eg_table_names[t]);
	run->out[t] = eg_stage_output(&run->stage, file, table_columns(t), err);
	if (!run->out[t])
		return err->status;
	if (t == EG_TABLE_ORDERS) {
		run->lines = eg_stage_output(&run->stage, "order_lines.csv", eg_line_columns, err);
		if (!run->lines)
			return err->status;
	}
	return EG_OK;
}

/*
 * Reads the head of path (max bytes, or the whole file when max is 0),
 * through its decompressor for .xz and .gz files (input.h).
 */
static int read_bytes(const char *path, size_t max, struct bytes *b, struct eg_error *err)
{
	struct eg_input in;
	size_t cap = max ? max : 64 * 1024, max_field, whole;
	ssize_t n;
	int rc;

	memset(b, 0, sizeof(*b));
	/* A file read whole (a GA4 download) is bounded like a row. */
	rc = eg_csv_limits(&max_field, &whole, err);
	if (rc == EG_OK)
		rc = eg_input_open(&in, path, err);
	if (rc != EG_OK)
		return rc;
	b->data = malloc(cap + 1);
	while (b->data) {
		if (b->len == cap) {
			char *d;

			if (max)
				break;
			if (cap >= whole) {
				eg_input_close(&in);
				free(b->data);
				b->data = NULL;
				return eg_error_set(err, EG_EDATA, path, 0, 0,
						    "the file is longer than %zu bytes, the most read "
						    "whole (ENGAGE_MAX_ROW)",
						    whole);
			}
			d = realloc(b->data, cap * 2 + 1);
			if (!d) {
				free(b->data);
				b->data = NULL;
				break;
			}
			b->data = d;
			cap *= 2;
		}
		do
			n = read(in.fd, b->data + b->len, cap - b->len);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			int e = errno;

			eg_input_close(&in);
			free(b->data);
			b->data = NULL;
			return eg_error_set(err, EG_EIO, path, 0, 0, "unable to read '%s': %s",
					    path, strerror(e));
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	/* A whole file read to its end must have been decompressed without error. */
	rc = b->data && b->len < cap ? eg_input_finish(&in, path, err) : EG_OK;
	eg_input_close(&in);
	if (!b->data)
		return eg_stage_oom(err);
	if (rc != EG_OK) {
		free(b->data);
		b->data = NULL;
		return rc;
	}
	b->data[b->len] = '\0';
	if (b->len >= 3 && memcmp(b->data, "\xEF\xBB\xBF", 3) == 0)
		b->skip = 3;
	return EG_OK;
}

/* The field separator of a header line: the most frequent of , ; tab | outside quotes. */
static char detect_delimiter(const char *s, size_t len)
{
	static const char cand[] = { ',', ';', '\t', '|' };
	size_t count[4] = { 0 }, i, k, best = 0;
	int quoted = 0;

	for (i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			for (k = 0; k < 4; k++)
				count[k] += s[i] == cand[k];
	}
	for (k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

/* Offset of the line break (outside quotes) ending the first row of len bytes at s; len if none. */
static size_t header_end(const char *s, size_t len)
{
	size_t i;
	int quoted = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			return i;
	}
	return len;
}

/*
 * Reads the head of path into b: HEAD_SIZE bytes, or more while the header
 * row has not ended, up to HEADER_MAX (a data error beyond). The whole file
 * when commented (a GA4 export, whose tables follow # lines).
 */
static int read_head(const char *path, struct bytes *b, int *commented, struct eg_error *err)
{
	size_t max = HEAD_SIZE;
	int rc = read_bytes(path, max, b, err);

	while (rc == EG_OK) {
		*commented = eg_extract_ga4_is_commented(b->data + b->skip, b->len - b->skip);
		if (b->len < max || (!*commented && header_end(b->data, b->len) < b->len))
			return EG_OK;
		free(b->data);
		b->data = NULL;
		if (*commented)
			return read_bytes(path, 0, b, err);
		if (max == HEADER_MAX)
			return eg_error_set(err, EG_EDATA, path, 1, 0,
					    "the header row is longer than %d MB",
					    HEADER_MAX / (1024 * 1024));
		max *= 4;
		rc = read_bytes(path, max, b, err);
	}
	return rc;
}

/* A header read for recognition. */
struct header {
	struct eg_csv_reader *r; /* owns the names */
	const char **names;	 /* column names, borrowed from r, owned array */
	size_t ncols;		 /* entries at names */
};

static void header_release(struct header *h)
{
	eg_csv_reader_free(h->r);
	free(h->names);
	memset(h, 0, sizeof(*h));
}

/* Reads the header row of len bytes at data separated by delim. */
static int header_read(struct header *h, const char *path, const char *data, size_t len, char delim,
		       struct eg_error *err)
{
	struct eg_csv_options o = { 0 };
	size_t i;
	int rc;

	memset(h, 0, sizeof(*h));
	o.delimiter = delim;
	rc = eg_csv_reader_open_mem(&h->r, path, data, len, &o, err);
	if (rc != EG_OK)
		return rc;
	h->ncols = eg_csv_reader_ncolumns(h->r);
	h->names = calloc(h->ncols ? h->ncols : 1, sizeof(char *));
	if (!h->names) {
		header_release(h);
		return eg_stage_oom(err);
	}
	for (i = 0; i < h->ncols; i++)
		h->names[i] = eg_csv_reader_column_name(h->r, i);
	return EG_OK;
}

/* How well a source fits one header. */
struct fit {
	const struct eg_source_map *map; /* the source */
	size_t missing;			 /* need columns not found */
	size_t bound;			 /* columns found */
	size_t block;			 /* the GA4 block the header opens, 0 otherwise */
	long col[EG_SOURCE_MAX_FIELDS];	 /* header column per field */
};

/* Why no source fits a file, for the manifest's unread rows. */
struct miss {
	char reason[256];	     /* the verdict, without the closest sources */
	struct fit closest[CLOSEST]; /* the sources that came closest, best first */
};

/* 1 when a is a better fit than b. */
static int better(const struct fit *a, const struct fit *b)
{
	size_t na = 0, nb = 0, f;

	if (!b->map)
		return 1;
	if (a->missing != b->missing)
		return a->missing < b->missing;
	if (a->bound != b->bound)
		return a->bound > b->bound;
	for (f = 0; f < a->map->nfields; f++)
		na += a->map->need[f];
	for (f = 0; f < b->map->nfields; f++)
		nb += b->map->need[f];
	if (na != nb)
		return na > nb;
	return strcmp(a->map->name, b->map->name) < 0;
}

/*
 * Binds map to a header of len bytes at data and fills fit. A header that
 * does not parse fits nothing.
 */
static void try_fit(const struct eg_source_map *map, const char *path, const char *data, size_t len,
		    char detected, struct fit *fit)
{
	struct header h;
	struct eg_error e;
	size_t f;

	memset(fit, 0, sizeof(*fit));
	fit->map = map;
	fit->missing = (size_t)-1;
	if (header_read(&h, path, data, len, map->delimiter ? map->delimiter : detected, &e) !=
	    EG_OK)
		return;
	fit->missing = eg_source_map_bind(map, h.names, h.ncols, fit->col);
	for (f = 0; f < map->nfields; f++)
		fit->bound += fit->col[f] >= 0;
	header_release(&h);
}

/* Appends "name, which also needs f (/p/), ..." for a near miss to list. */
static void describe_miss(const struct fit *fit, char *list, size_t size, size_t *used)
{
	const struct eg_source_map *m = fit->map;
	size_t f, k = 0;

	if (*used >= size)
		return;
	*used += (size_t)snprintf(
		list + *used, size - *used, "%s%s, which %s ", *used ? "; " : "", m->name,
		fit->missing == (size_t)-1 ? "cannot read the header:" : "also needs");
	if (fit->missing == (size_t)-1)
		return;
	for (f = 0; f < m->nfields && *used < size; f++)
		if (m->need[f] && fit->col[f] < 0)
			*used += (size_t)snprintf(list + *used, size - *used, "%s%s (/%.60s/)",
						  k++ ? ", " : "", m->fields[f].name,
						  m->pattern_text[f]);
}

/*
 * A file that opens with the signature of a binary format a shop's folder
 * often holds (a workbook, a PDF, an image) is no CSV export: a data error
 * saying what it seems to be, so it is named as such rather than as a
 * header that fits no source.
 */
static int check_not_binary(const char *path, const char *data, size_t len, struct eg_error *err)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} kinds[] = {
		{ "PK\x03\x04", 4, "a zip archive (an Excel .xlsx workbook is one)" },
		{ "\xD0\xCF\x11\xE0", 4, "an old Office file (an Excel .xls workbook)" },
		{ "%PDF-", 5, "a PDF document" },
		{ "\x89PNG", 4, "a PNG image" },
		{ "\xFF\xD8\xFF", 3, "a JPEG image" },
		{ "GIF8", 4, "a GIF image" },
	};
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (len >= kinds[k].len && memcmp(data, kinds[k].magic, kinds[k].len) == 0)
			return eg_error_set(err, EG_EDATA, path, 0, 0,
					    "%s, not CSV text: extract reads exports saved as CSV",
					    kinds[k].what);
	return EG_OK;
}

/*
 * A NUL byte in the header row would cut a column name short: a data error
 * naming its column (1-based byte position), with the likely cause.
 */
static int check_header_bytes(const char *path, const char *data, size_t len, struct eg_error *err)
{
	const char *nul = memchr(data, '\0', header_end(data, len));

	if (!nul)
		return EG_OK;
	return eg_error_set(err, EG_EDATA, path, 1, (long)(nul - data) + 1,
			    "NUL byte in the header row: save the file as UTF-8 text "
			    "(a UTF-16 export has a NUL in every other byte)");
}

/*
 * A column the chosen source reads that appears twice under the same name
 * is ambiguous: a data error naming both columns (1-based).
 */
static int check_duplicates(const char *path, const struct bytes *b, const struct fit *fit,
			    struct eg_error *err)
{
	const char *data = b->data + b->skip;
	size_t len = b->len - b->skip, f, j;
	char delim = fit->map->delimiter ? fit->map->delimiter : detect_delimiter(data, len);
	struct header h;
	int rc = header_read(&h, path, b->data, b->len, delim, err);

	for (f = 0; rc == EG_OK && f < fit->map->nfields; f++) {
		long c = fit->col[f];

		for (j = 0; c >= 0 && j < h.ncols && rc == EG_OK; j++)
			if ((long)j != c && strcmp(h.names[j], h.names[c]) == 0)
				rc = eg_error_set(err, EG_EDATA, path, 1, 0,
						  "column \"%.80s\" appears twice (columns %ld and "
						  "%zu): rename or remove one, so that it is clear "
						  "which %s reads",
						  h.names[c], c + 1, j + 1, fit->map->name);
	}
	header_release(&h);
	return rc;
}

/*
 * For a header row that reads as a single column: " (it reads as one
 * column: ...)", naming the separator it seems to use, in hint (size bytes).
 * "" when the header has several columns.
 */
static const char *separator_hint(const char *data, size_t len, char *hint, size_t size)
{
	static const char others[] = ":~^!*#$%&+=/\\@";
	size_t end = header_end(data, len), count[sizeof(others)] = { 0 }, i, best = 0;
	char delim = detect_delimiter(data, len);
	const char *p;

	if (memchr(data, delim, end))
		return "";
	for (i = 0; i < end; i++)
		if (data[i] && (p = strchr(others, data[i])) != NULL)
			count[p - others]++;
	for (i = 1; i + 1 < sizeof(others); i++)
		if (count[i] > count[best])
			best = i;
	if (count[best] >= 2)
		snprintf(hint, size,
			 " (it reads as one column: its columns seem separated by '%c', and "
			 "extract reads , ; tab or |)",
			 others[best]);
	else
		snprintf(hint, size,
			 " (it reads as one column: extract separates columns by , ; tab or |)");
	return hint;
}

/*
 * 1 when fit a is of a source that reads its rows and b of a known unused
 * export, -1 the other way round, else 0: a block read beats one named
 * (a traffic table after a Pages and screens table in one GA4 download).
 */
static int prefer_read(const struct fit *a, const struct fit *b)
{
	return (b->map->layout == EG_LAYOUT_UNUSED) - (a->map->layout == EG_LAYOUT_UNUSED);
}

/*
 * Picks the source of a file whose headers (one, or one per GA4 block) are
 * at data. On success *best holds the chosen fit (which may be a known
 * export of layout unused); else err explains, naming the closest sources
 * and what each misses, and miss holds the same in parts. A known unused
 * export is never named as close to a file it does not fit.
 */
static int recognise(struct run *run, const char *path, const struct bytes *b,
		     const struct eg_extract_ga4 *doc, struct fit *best, struct miss *miss,
		     struct eg_error *err)
{
	const struct eg_source_set *set = &run->sources;
	const char *named = run->opts->source;
	const char *data = b->data + b->skip;
	size_t len = b->len - b->skip, i, k, nheaders = doc ? doc->nblocks : 1, named_found = 0;
	struct fit closest[CLOSEST];
	char list[900] = "", hint[160];
	size_t used = 0;

	memset(best, 0, sizeof(*best));
	memset(closest, 0, sizeof(closest));
	for (i = 0; i < set->n; i++) {
		const struct eg_source_map *m = set->maps[i];
		struct fit mine;

		if (named && strcmp(named, m->name) != 0)
			continue;
		named_found = 1;
		memset(&mine, 0, sizeof(mine));
		if (doc && m->layout != EG_LAYOUT_GA4 && m->layout != EG_LAYOUT_UNUSED)
			continue;
		for (k = 0; k < nheaders; k++) {
			const char *h = doc ? data + doc->blocks[k].offset : data;
			size_t hlen = doc ? doc->blocks[k].len : len;
			struct fit f;

			try_fit(m, path, h, hlen, detect_delimiter(h, hlen), &f);
			f.block = k;
			if (f.missing == 0 &&
			    (!best->map || prefer_read(&f, best) > 0 ||
			     (prefer_read(&f, best) == 0 &&
			      (k < best->block || (k == best->block && better(&f, best))))))
				*best = f;
			if (!mine.map || better(&f, &mine))
				mine = f;
		}
		if (mine.map && (named || m->layout != EG_LAYOUT_UNUSED))
			for (k = 0; k < CLOSEST; k++)
				if (better(&mine, &closest[k])) {
					memmove(&closest[k + 1], &closest[k],
						(CLOSEST - k - 1) * sizeof(closest[0]));
					closest[k] = mine;
					break;
				}
	}
	if (best->map)
		return EG_OK;
	if (named && !named_found) {
		for (i = 0; i < set->n && used < sizeof(list); i++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
						 i ? ", " : "", set->maps[i]->name);
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0, "unknown source '%s' (known: %s)",
				    named, list);
	}
	if (!closest[0].map && named)
		return eg_error_set(
			err, EG_EDATA, path, 1, 0,
			"source '%s' cannot read the file: it opens with # comment lines, "
			"which only ga4 sources read",
			named);
	if (!closest[0].map)
		return eg_error_set(
			err, EG_EDATA, path, 1, 0,
			"the file opens with # comment lines, and no ga4 source is known");
	for (k = 0; k < CLOSEST && closest[k].map; k++)
		describe_miss(&closest[k], list, sizeof(list), &used);
	snprintf(miss->reason, sizeof(miss->reason), "%s%s",
		 named ? "header does not fit the named source" : "header matches no known source",
		 doc ? "" : separator_hint(data, len, hint, sizeof(hint)));
	memcpy(miss->closest, closest, sizeof(closest));
	return eg_error_set(err, EG_EDATA, path, doc && doc->nblocks ? doc->blocks[0].line : 1, 0,
			    "%s: closest known source%s %s", miss->reason,
			    closest[1].map ? "s are" : " is", list);
}

/* Reads every row of x->r. */
static int read_rows(struct eg_extract_input *x, struct eg_extract_line_items *li,
		     struct eg_error *err)
{
	int short_ok = x->map->layout == EG_LAYOUT_RECORDS || x->map->layout == EG_LAYOUT_GA4;
	size_t ncols = eg_csv_reader_ncolumns(x->r), f;
	unsigned char *plain = calloc(ncols ? ncols : 1, 1);
	const char *reason;
	char why[512];
	int more, rc;

	if (!plain)
		return eg_stage_oom(err);
	/* Under a key, a rejected row shows as they are only the columns of non-personal fields. */
	for (f = 0; f < x->map->nfields; f++)
		if (x->col[f] >= 0 && (size_t)x->col[f] < ncols &&
		    !eg_personal_field(x->map->fields[f].name))
			plain[x->col[f]] = 1;
	eg_rejects_set_plain(&x->stage->rejects, plain, ncols);
	/* Sessions, spend, platform reports and email rates have their date first. */
	_Static_assert(EG_SESSION_DATE == 0 && EG_SPEND_DATE == 0 && EG_PLATFORM_DATE == 0 &&
			       EG_RATE_DATE == 0,
		       "date fields");
	if (eg_extract_records_dated(x->map->table))
		x->period = eg_source_map_period(x->map, eg_extract_row_column(x, EG_SESSION_DATE));
	while ((more = eg_csv_reader_next(x->r, err)) > 0) {
		x->counts->read++;
		reason = eg_extract_row_check(x, short_ok, why, sizeof(why));
		if (reason)
			rc = eg_extract_row_reject(x, reason, "%s", why);
		else if (x->map->layout == EG_LAYOUT_LINE_ITEMS)
			rc = eg_extract_line_items_row(li);
		else if (x->map->layout == EG_LAYOUT_ORDERS)
			rc = eg_extract_orders_row(x);
		else
			rc = eg_extract_records_row(x);
		if (rc != EG_OK)
			break;
	}
	eg_rejects_set_plain(&x->stage->rejects, NULL, 0);
	free(plain);
	if (more > 0)
		return eg_stage_oom(err);
	if (more < 0) {
		if (err->line > 0)
			err->line += x->line_offset;
		return err->status;
	}
	return EG_OK;
}

/* Reads a preamble date "YYYYMMDD" into *day; 0 when s is not one. */
static int compact_day(const char *s, int64_t *day)
{
	unsigned y, m, d;

	if (strlen(s) != 8 || strspn(s, "0123456789") != 8 ||
	    sscanf(s, "%4u%2u%2u", &y, &m, &d) != 3 || !eg_date_is_valid(y, m, d))
		return 0;
	*day = eg_days_from_civil(y, m, d);
	return 1;
}

/* Reads the blocks of a GA4 download that the source fits. */
static int read_blocks(struct eg_extract_input *x, const struct bytes *b,
		       const struct eg_extract_ga4 *doc, struct eg_error *err)
{
	const char *data = b->data + b->skip;
	struct eg_csv_options o = { 0 };
	int64_t nread = 0, skipped = 0;
	size_t k;
	int rc = EG_OK;

	for (k = 0; k < doc->nblocks && rc == EG_OK; k++) {
		const struct eg_extract_ga4_block *bl = &doc->blocks[k];
		struct fit f;

		try_fit(x->map, x->path, data + bl->offset, bl->len,
			detect_delimiter(data + bl->offset, bl->len), &f);
		if (f.missing != 0) {
			skipped++;
			continue;
		}
		nread++;
		memcpy(x->col, f.col, sizeof(x->col));
		/* Each block's periods count from its own range (a snapshot's retention table). */
		x->range.known = compact_day(bl->start, &x->range.first) &&
				 compact_day(bl->end, &x->range.last) &&
				 x->range.first <= x->range.last;
		o.delimiter = x->map->delimiter ? x->map->delimiter
						: detect_delimiter(data + bl->offset, bl->len);
		o.keep_long_rows = 1;
		rc = eg_csv_reader_open_mem(&x->r, x->path, data + bl->offset, bl->len, &o, err);
		if (rc != EG_OK)
			break;
		x->line_offset = bl->line - 1;
		rc = read_rows(x, NULL, err);
		eg_csv_reader_free(x->r);
		x->r = NULL;
	}
	if (rc == EG_OK && (eg_manifest_stat(x->stage->m, x->path, "blocks_read", nread) ||
			    eg_manifest_stat(x->stage->m, x->path, "blocks_skipped", skipped)))
		rc = eg_stage_oom(err);
	return rc;
}

/* Records a parameter "KEY PATH" = value in the manifest. */
static int param(struct run *run, const char *key, const char *path, const char *value,
		 struct eg_error *err)
{
	char k[768];

	snprintf(k, sizeof(k), "%s %s", key, path);
	return eg_manifest_param(run->stage.m, k, value) == EG_OK ? EG_OK : eg_stage_oom(err);
}

/* Appends e to the n errors at *arr; -1 when out of memory (*arr unchanged). */
static int keep_error(struct eg_error **arr, size_t *n, const struct eg_error *e)
{
	struct eg_error *a = realloc(*arr, (*n + 1) * sizeof(*a));

	if (!a)
		return -1;
	*arr = a;
	a[(*n)++] = *e;
	return 0;
}

/*
 * Lists path as not read: why goes to the result (for the stage's message)
 * and, with the closest sources of miss (NULL when none), to the manifest.
 * Clears err.
 */
static int not_read(struct run *run, const char *path, const struct eg_error *why,
		    const struct miss *miss, struct eg_error *err)
{
	struct eg_extract_result *res = run->res;
	char text[900];
	size_t k, used;

	if (keep_error(&res->unread, &res->nunread, why))
		return eg_stage_oom(err);
	if (eg_manifest_unread(run->stage.m, path, "reason",
			       miss && miss->reason[0] ? miss->reason : why->message) != EG_OK)
		return eg_stage_oom(err);
	for (k = 0; miss && k < CLOSEST && miss->closest[k].map; k++) {
		used = 0;
		text[0] = '\0';
		describe_miss(&miss->closest[k], text, sizeof(text), &used);
		if (eg_manifest_unread(run->stage.m, path, "closest", text) != EG_OK)
			return eg_stage_oom(err);
	}
	eg_error_clear(err);
	return EG_OK;
}

/*
 * Keeps the runs of the offsets an order file's time stamps carry, for the
 * zone, and writes them into the manifest as "offsets PATH".
 */
static int keep_offsets(struct run *run, const char *path, struct eg_offset_log *log, int64_t rows,
			struct eg_error *err)
{
	struct eg_zone_file *f;
	struct eg_offset_run *runs;
	char *text;
	int rc;

	if (eg_array_reserve((void **)&run->files, &run->files_cap, run->nfiles + 1, sizeof(*f), 4))
		return eg_stage_oom(err);
	f = &run->files[run->nfiles];
	memset(f, 0, sizeof(*f));
	if (eg_offset_log_runs(log, &runs, &f->nruns))
		return eg_stage_oom(err);
	f->name = path;
	f->runs = runs;
	f->weight = rows;
	run->nfiles++;
	if (!f->nruns)
		return EG_OK;
	text = eg_offset_runs_format(f->runs, f->nruns);
	rc = text ? param(run, "offsets", path, text, err) : eg_stage_oom(err);
	free(text);
	return rc;
}

/*
 * Says in the result (for the stage's message) and in the manifest (stat
 * no_orders) that an order file whose rows were all skipped holds no
 * orders (a PayPal personal account's download), rather than leaving an
 * empty month unexplained.
 */
static int say_no_orders(struct run *run, const char *path, const struct eg_source_map *map,
			 const struct eg_manifest_counts *counts, struct eg_error *err)
{
	struct eg_error why;

	if (counts->written || counts->merged || !counts->read)
		return EG_OK;
	eg_error_set(&why, EG_OK, path, 0, 0,
		     "%s with no orders: all %lld rows are skipped, each with its reason in "
		     "rejects.csv",
		     map->title ? map->title : map->name, (long long)counts->read);
	if (keep_error(&run->res->empty, &run->res->nempty, &why) ||
	    eg_manifest_stat(run->stage.m, path, "no_orders", counts->read))
		return eg_stage_oom(err);
	return EG_OK;
}

/*
 * Reads one input file. A file no source fits (and, unless a source is
 * named, one whose header cannot even be read as CSV) is listed as not
 * read and is no error; a file of a known unused export is listed with its
 * name. Once a source is chosen, bad data stops the run.
 */
static int extract_file(struct run *run, const char *path, struct eg_error *err)
{
	struct bytes b;
	struct eg_extract_ga4 doc;
	struct eg_extract_input x;
	struct eg_extract_line_items *li = NULL;
	struct eg_csv_options o = { 0 };
	struct eg_offset_log offsets;
	struct fit fit;
	struct miss miss;
	struct eg_error why;
	int rc, commented = 0;
	const char *data;
	char range[40], delim, file_id[24];

	eg_offset_log_init(&offsets);
	memset(&doc, 0, sizeof(doc));
	memset(&x, 0, sizeof(x));
	memset(&miss, 0, sizeof(miss));
	memset(&b, 0, sizeof(b));
	rc = read_head(path, &b, &commented, err);
	if (rc != EG_OK)
		goto recognised;
	data = b.data + b.skip;
	rc = check_not_binary(path, data, b.len - b.skip, err);
	if (rc == EG_OK && commented)
		rc = eg_extract_ga4_split(data, b.len - b.skip,
					  detect_delimiter(data, b.len - b.skip), &doc, err);
	if (rc == EG_OK && commented && doc.nblocks == 0)
		rc = eg_error_set(err, EG_EDATA, path, 1, 0, "no table after the # comment lines");
	if (rc == EG_OK && !commented) {
		/* Parse the header as csv once, for its errors. */
		struct header h;

		rc = header_read(&h, path, b.data, b.len, detect_delimiter(data, b.len - b.skip),
				 err);
		header_release(&h);
	}
	if (rc == EG_OK && !commented)
		rc = check_header_bytes(path, data, b.len - b.skip, err);
	if (rc == EG_OK)
		rc = recognise(run, path, &b, commented ? &doc : NULL, &fit, &miss, err);
recognised:
	if (rc == EG_EDATA && !run->opts->source) {
		why = *err;
		rc = not_read(run, path, &why, &miss, err);
		goto done;
	}
	if (rc == EG_OK && fit.map->layout == EG_LAYOUT_UNUSED) {
		eg_error_set(&why, EG_EDATA, path, 0, 0,
			     "%s (source %s): a known export that holds nothing engage uses",
			     fit.map->title ? fit.map->title : fit.map->name, fit.map->name);
		rc = not_read(run, path, &why, NULL, err);
		goto done;
	}
	if (rc == EG_OK && !commented)
		rc = check_duplicates(path, &b, &fit, err);
	x.counts = rc == EG_OK ? eg_manifest_input(run->stage.m, path) : NULL;
	if (rc == EG_OK && !x.counts)
		rc = eg_stage_oom(err);
	if (rc == EG_OK)
		rc = eg_tz_select(fit.map->timezone ? fit.map->timezone : run->zone, err);
	if (rc == EG_OK)
		rc = need_output(run, fit.map->table, err);
	if (rc == EG_OK)
		rc = param(run, "source", path, fit.map->name, err);
	/* Rows name the file by a short id; the manifest maps it to the path. */
	snprintf(file_id, sizeof(file_id), "f%zu", run->files_read + 1);
	if (rc == EG_OK && eg_manifest_file(run->stage.m, file_id, path) != EG_OK)
		rc = eg_stage_oom(err);
	if (rc != EG_OK)
		goto done;
	x.stage = &run->stage;
	x.out = run->out[fit.map->table];
	x.lines = fit.map->table == EG_TABLE_ORDERS ? run->lines : NULL;
	x.map = fit.map;
	x.path = path;
	x.file_id = file_id;
	x.values = run->values;
	x.pseudonym = run->opts->pseudonym;
	x.pseudo = run->pseudo;
	x.relay = run->opts->relay_domains ? &run->relay : NULL;
	x.rewritten = run->rewritten;
	x.emails = run->emails;
	x.number = fit.map->number;
	if (run->find_zone && fit.map->table == EG_TABLE_ORDERS)
		x.offsets = &offsets;
	delim = fit.map->delimiter ? fit.map->delimiter : detect_delimiter(data, b.len - b.skip);
	/* "1.234" is more likely a thousand in a file Excel wrote with ';'. */
	if (x.number.decimal == 0)
		x.number.guess = delim == ';' ? ',' : '.';
	x.dates = run->dates >= 0 ? (enum eg_date_order)run->dates : fit.map->dates;
	memcpy(x.col, fit.col, sizeof(x.col));
	if (fit.map->layout == EG_LAYOUT_GA4) {
		if (!commented) {
			/* A GA4 table without its preamble: the whole file, in blocks. */
			free(b.data);
			rc = read_bytes(path, 0, &b, err);
			if (rc == EG_OK)
				rc = eg_extract_ga4_split(
					b.data + b.skip, b.len - b.skip,
					detect_delimiter(b.data + b.skip, b.len - b.skip), &doc,
					err);
		}
		if (rc == EG_OK && doc.title[0])
			rc = param(run, "report", path, doc.title, err);
		if (rc == EG_OK && (doc.start[0] || doc.end[0])) {
			snprintf(range, sizeof(range), "%s-%s", doc.start, doc.end);
			rc = param(run, "dates", path, range, err);
		}
		if (rc == EG_OK)
			rc = read_blocks(&x, &b, &doc, err);
		if (rc == EG_OK)
			run->files_read++;
		goto done;
	}
	o.delimiter = delim;
	o.keep_long_rows = 1; /* an over-long row is a reject, not the end */
	o.ascii_ahead = 1;    /* eg_extract_row_check asks it of every row */
	rc = eg_csv_reader_open(&x.r, path, &o, err);
	if (rc == EG_OK && fit.map->layout == EG_LAYOUT_LINE_ITEMS)
		rc = eg_extract_line_items_new(&li, &x, err);
	if (rc == EG_OK)
		rc = read_rows(&x, li, err);
	if (rc == EG_OK && li)
		eg_extract_line_items_flush(li);
	if (rc == EG_OK)
		run->files_read++;
	if (rc == EG_OK && x.relay_emails &&
	    eg_manifest_stat(run->stage.m, path, "relay_emails", x.relay_emails))
		rc = eg_stage_oom(err);
	if (rc == EG_OK && x.offsets)
		rc = keep_offsets(run, path, &offsets, x.counts->read, err);
	if (rc == EG_OK && fit.map->table == EG_TABLE_ORDERS)
		rc = say_no_orders(run, path, fit.map, x.counts, err);
done:
	run->local_stamps += x.local_stamps;
	eg_offset_log_release(&offsets);
	/* What the file covers, for the Data quality sheet. */
	if (rc == EG_OK && x.first_date[0])
		rc = param(run, "first_date", path, x.first_date, err);
	if (rc == EG_OK && x.last_date[0])
		rc = param(run, "last_date", path, x.last_date, err);
	eg_extract_line_items_free(li);
	eg_csv_reader_free(x.r);
	eg_extract_ga4_release(&doc);
	free(b.data);
	return rc;
}

/* Adds path to run's inputs unless it is there already. */
static int add_input(struct run *run, const char *path, struct eg_error *err)
{
	char **in;
	size_t i;

	for (i = 0; i < run->ninputs; i++)
		if (strcmp(run->inputs[i], path) == 0)
			return EG_OK;
	in = realloc(run->inputs, (run->ninputs + 1) * sizeof(*in));
	if (!in)
		return eg_stage_oom(err);
	run->inputs = in;
	in[run->ninputs] = strdup(path);
	if (!in[run->ninputs])
		return eg_stage_oom(err);
	run->ninputs++;
	return EG_OK;
}

/*
 * Expands the inputs: a pattern or a folder into the files it stands for
 * (file_walk.h), each into its sorted files; a file read once.
 */
static int expand_inputs(struct run *run, struct eg_error *err)
{
	const struct eg_extract_options *opts = run->opts;
	size_t i, k;
	int rc = EG_OK;

	for (i = 0; i < opts->ninputs && rc == EG_OK; i++) {
		const char *in = opts->inputs[i];
		struct eg_file_list files = { 0 };
		int pattern = eg_path_has_pattern(in);

		if (!pattern && !eg_file_walk_is_folder(in)) {
			rc = add_input(run, in, err);
			continue;
		}
		rc = pattern ? eg_file_walk_pattern(&files, in, err)
			     : eg_file_walk_folder(&files, in, err);
		if (rc == EG_OK && files.n == 0)
			rc = eg_error_set(
				err, EG_EUSAGE, NULL, 0, 0,
				pattern ? "no file matches '%s'" : "no file in folder '%s'", in);
		for (k = 0; k < files.n && rc == EG_OK; k++)
			rc = add_input(run, files.paths[k], err);
		eg_file_list_release(&files);
	}
	return rc;
}

/*
 * The error of a run that read no file, or with --strict left one unread:
 * how many, and their names as far as the message holds them.
 */
static int unread_error(const struct run *run, struct eg_error *err)
{
	const struct eg_extract_result *res = run->res;
	char list[700] = "";
	size_t i, used = 0;

	for (i = 0; i < res->nunread && used < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
					 res->unread[i].file);
	if (used >= sizeof(list))
		memcpy(list + sizeof(list) - 4, "...", 4);
	return eg_error_set(err, EG_EDATA, NULL, 0, 0, "%s: %zu file%s not read: %s",
			    run->opts->strict ? "--strict" : "no input file could be read",
			    res->nunread, res->nunread == 1 ? "" : "s", list);
}

/* Frees what one pass over the inputs kept in run. */
static void forget_files(struct run *run)
{
	size_t i;

	for (i = 0; i < run->nfiles; i++)
		free((void *)run->files[i].runs);
	free(run->files);
	run->files = NULL;
	run->nfiles = run->files_cap = 0;
	run->local_stamps = 0;
}

/*
 * With --tz auto, after every file: finds the zone from the order files'
 * offsets and records it (and, when the files disagree, each file's) in the
 * manifest. *again is set when stamps without offset were read in UTC
 * while the zone found is another: the pass must be made again in it.
 */
static int settle_zone(struct run *run, int *again, struct eg_error *err)
{
	char line[1024];
	size_t i;
	int rc;

	*again = 0;
	rc = eg_zone_find_files(run->files, run->nfiles, &run->found, err);
	if (rc != EG_OK)
		return rc;
	if (run->local_stamps && strcmp(run->zone, run->found.zone) != 0) {
		*again = 1;
		return EG_OK;
	}
	if (eg_manifest_param(run->stage.m, "timezone", run->found.zone) ||
	    eg_manifest_param(run->stage.m, "timezone_found",
			      eg_zone_describe(&run->found, line, sizeof(line))))
		return eg_stage_oom(err);
	for (i = 0; run->found.how == EG_ZONE_MIXED && i < run->nfiles; i++)
		if (run->files[i].nruns && (rc = param(run, "timezone", run->files[i].name,
						       run->files[i].choice.zone, err)))
			return rc;
	return EG_OK;
}

/* One pass over the inputs, stamps without offset read in run->zone. */
static int extract_all(struct run *run, struct eg_extract_result *res, int *again,
		       struct eg_error *err)
{
	const struct eg_extract_options *opts = run->opts;
	struct eg_manifest_counts sum;
	size_t i;
	int rc;

	*again = 0;
	eg_extract_result_release(res);
	memset(res, 0, sizeof(*res));
	run->files_read = 0;
	memset(run->out, 0, sizeof(run->out));
	run->lines = NULL;
	rc = eg_stage_begin(&run->stage, "extract", opts->out_dir, 1, err);
	if (rc == EG_OK && opts->pseudonym)
		rc = eg_rejects_set_pseudonym(&run->stage.rejects, opts->pseudonym, err);
	for (i = 0; rc == EG_OK && i < run->ninputs; i++)
		rc = extract_file(run, run->inputs[i], err);
	if (rc == EG_OK && res->nunread && (opts->strict || run->files_read == 0))
		rc = unread_error(run, err);
	if (rc == EG_OK && run->find_zone)
		rc = settle_zone(run, again, err);
	if (rc != EG_OK || *again) {
		eg_stage_end(&run->stage);
		forget_files(run);
		return rc;
	}
	eg_manifest_totals(run->stage.m, &sum);
	res->rows_read = sum.read;
	res->rows_rejected = sum.rejected;
	res->orders = run->out[EG_TABLE_ORDERS] ? run->out[EG_TABLE_ORDERS]->rows : 0;
	forget_files(run);
	return eg_stage_finish(&run->stage, err);
}

int eg_extract_run(const struct eg_extract_options *opts, struct eg_extract_result *res,
		   struct eg_error *err)
{
	struct run run;
	size_t i;
	int rc = EG_OK, again = 0;

	memset(&run, 0, sizeof(run));
	memset(res, 0, sizeof(*res));
	run.opts = opts;
	run.res = res;
	run.dates = -1;
	if (opts->dates) {
		if (strcmp(opts->dates, "iso") == 0)
			run.dates = EG_DATES_ISO;
		else if (strcmp(opts->dates, "us") == 0)
			run.dates = EG_DATES_US;
		else if (strcmp(opts->dates, "eu") == 0)
			run.dates = EG_DATES_EU;
		else
			return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
					    "unknown date order '%s' (iso, us or eu)", opts->dates);
	}
	run.find_zone = opts->timezone && strcmp(opts->timezone, "auto") == 0;
	run.zone = opts->timezone && !run.find_zone ? opts->timezone : "UTC";
	rc = eg_tz_select(run.zone, err);
	if (rc != EG_OK)
		return rc;
	rc = expand_inputs(&run, err);
	if (rc == EG_OK && opts->pseudonym)
		rc = eg_personal_email_pattern(&run.emails, err);
	for (i = 0; rc == EG_OK && i < opts->nsource_dirs; i++)
		rc = eg_source_set_load_dir(&run.sources, opts->source_dirs[i], err);
	if (rc == EG_OK && opts->relay_domains)
		rc = eg_relay_domains_load(&run.relay, opts->relay_domains, err);
	if (rc == EG_OK)
		rc = eg_extract_value_new(&run.values, err);
	if (rc == EG_OK)
		rc = extract_all(&run, res, &again, err);
	if (rc == EG_OK && again) {
		/* Stamps without offset were read in UTC: read them again in the zone found. */
		run.zone = run.found.zone;
		rc = extract_all(&run, res, &again, err);
	}
	for (i = 0; i < run.ninputs; i++)
		free(run.inputs[i]);
	free(run.inputs);
	for (i = 0; i < EG_SOURCE_MAX_FIELDS; i++)
		free(run.rewritten[i]);
	eg_pattern_free(run.emails);
	eg_source_set_release(&run.sources);
	eg_extract_value_free(run.values);
	eg_relay_domains_release(&run.relay);
	return rc;
}

void eg_extract_result_release(struct eg_extract_result *res)
{
	free(res->unread);
	res->unread = NULL;
	res->nunread = 0;
	free(res->empty);
	res->empty = NULL;
	res->nempty = 0;
}
