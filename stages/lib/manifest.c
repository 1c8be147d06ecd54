/*
 * manifest.c - row accounting of a stage run, kept in insertion order and
 * written as a long CSV (see manifest.h for the layout).
 */
#include "engage/manifest.h"
#include "engage/atomic_file.h"
#include "engage/csv_table.h"
#include "engage/version.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct reason {
	char *input;   /* input file the rows came from, owned */
	char *code;    /* reason code, owned */
	int64_t count; /* rows rejected for it */
};

struct input {
	char *name;			  /* input file, owned */
	struct eg_manifest_counts counts; /* its row accounting */
};

struct pair {
	char *key;    /* parameter name or output file, owned */
	char *value;  /* parameter value, or a stat's input file; owned, NULL for outputs */
	int64_t rows; /* output rows, or a stat's value */
};

/* A line about an input file that was not read, or a raw file's id and path. */
struct note {
	char *name;  /* the file (a file id for a file row), owned */
	char *key;   /* what the line says, owned */
	char *value; /* the text, owned */
};

struct eg_manifest {
	char *stage;		/* stage name, owned */
	struct pair *params;	/* parameters in insertion order */
	size_t nparams;		/* entries at params */
	struct input **inputs;	/* inputs in insertion order */
	size_t ninputs;		/* entries at inputs */
	struct reason *reasons; /* reject reasons in insertion order */
	size_t nreasons;	/* entries at reasons */
	struct pair *outputs;	/* outputs in insertion order */
	size_t noutputs;	/* entries at outputs */
	struct pair *stats;	/* figures outside the balance, in insertion order */
	size_t nstats;		/* entries at stats */
	struct note *unread;	/* lines about files not read, in insertion order */
	size_t nunread;		/* entries at unread */
	struct note *files;	/* short file ids (name) and their paths (value) */
	size_t nfiles;		/* entries at files */
};

/* Appends one zeroed element of size bytes to *arr holding *n; NULL on out of memory. */
static void *grow(void *arr, size_t *n, size_t size, void **out)
{
	char *q = realloc(arr, (*n + 1) * size);

	if (!q)
		return NULL;
	memset(q + *n * size, 0, size);
	*out = q + *n * size;
	(*n)++;
	return q;
}

struct eg_manifest *eg_manifest_new(const char *stage)
{
	struct eg_manifest *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->stage = strdup(stage);
	if (!m->stage) {
		free(m);
		return NULL;
	}
	return m;
}

/* Frees n notes at arr and arr. */
static void free_notes(struct note *arr, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(arr[i].name);
		free(arr[i].key);
		free(arr[i].value);
	}
	free(arr);
}

void eg_manifest_free(struct eg_manifest *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nparams; i++) {
		free(m->params[i].key);
		free(m->params[i].value);
	}
	for (i = 0; i < m->ninputs; i++) {
		free(m->inputs[i]->name);
		free(m->inputs[i]);
	}
	for (i = 0; i < m->nreasons; i++) {
		free(m->reasons[i].input);
		free(m->reasons[i].code);
	}
	for (i = 0; i < m->noutputs; i++)
		free(m->outputs[i].key);
	for (i = 0; i < m->nstats; i++) {
		free(m->stats[i].key);
		free(m->stats[i].value);
	}
	free_notes(m->unread, m->nunread);
	free_notes(m->files, m->nfiles);
	free(m->stats);
	free(m->params);
	free(m->inputs);
	free(m->reasons);
	free(m->outputs);
	free(m->stage);
	free(m);
}

int eg_manifest_param(struct eg_manifest *m, const char *key, const char *value)
{
	struct pair *p;
	void *arr = grow(m->params, &m->nparams, sizeof(*p), (void **)&p);

	if (!arr)
		return EG_EIO;
	m->params = arr;
	p->key = strdup(key);
	p->value = strdup(value ? value : "");
	return p->key && p->value ? EG_OK : EG_EIO;
}

struct eg_manifest_counts *eg_manifest_input(struct eg_manifest *m, const char *name)
{
	struct input **arr, *in;
	size_t i;

	for (i = 0; i < m->ninputs; i++)
		if (strcmp(m->inputs[i]->name, name) == 0)
			return &m->inputs[i]->counts;
	in = calloc(1, sizeof(*in));
	arr = realloc(m->inputs, (m->ninputs + 1) * sizeof(*arr));
	if (!in || !arr || !(in->name = strdup(name))) {
		free(in);
		if (arr)
			m->inputs = arr;
		return NULL;
	}
	m->inputs = arr;
	m->inputs[m->ninputs++] = in;
	return &in->counts;
}

int eg_manifest_reject(struct eg_manifest *m, const char *name, const char *reason)
{
	struct eg_manifest_counts *c = eg_manifest_input(m, name);
	struct reason *r;
	void *arr;
	size_t i;

	if (!c)
		return EG_EIO;
	c->rejected++;
	for (i = 0; i < m->nreasons; i++) {
		if (strcmp(m->reasons[i].input, name) == 0 &&
		    strcmp(m->reasons[i].code, reason) == 0) {
			m->reasons[i].count++;
			return EG_OK;
		}
	}
	arr = grow(m->reasons, &m->nreasons, sizeof(*r), (void **)&r);
	if (!arr)
		return EG_EIO;
	m->reasons = arr;
	r->input = strdup(name);
	r->code = strdup(reason);
	r->count = 1;
	return r->input && r->code ? EG_OK : EG_EIO;
}

int eg_manifest_output(struct eg_manifest *m, const char *name, int64_t rows)
{
	struct pair *p;
	void *arr = grow(m->outputs, &m->noutputs, sizeof(*p), (void **)&p);

	if (!arr)
		return EG_EIO;
	m->outputs = arr;
	p->key = strdup(name);
	p->rows = rows;
	return p->key ? EG_OK : EG_EIO;
}

int eg_manifest_stat(struct eg_manifest *m, const char *name, const char *key, int64_t value)
{
	struct pair *p;
	void *arr = grow(m->stats, &m->nstats, sizeof(*p), (void **)&p);

	if (!arr)
		return EG_EIO;
	m->stats = arr;
	p->key = strdup(key);
	p->value = strdup(name);
	p->rows = value;
	return p->key && p->value ? EG_OK : EG_EIO;
}

/* Appends a note name,key,value (copied) to *arr holding *n. */
static int add_note(struct note **arr, size_t *n, const char *name, const char *key,
		    const char *value)
{
	struct note *e;
	void *q = grow(*arr, n, sizeof(*e), (void **)&e);

	if (!q)
		return EG_EIO;
	*arr = q;
	e->name = strdup(name);
	e->key = strdup(key);
	e->value = strdup(value);
	return e->name && e->key && e->value ? EG_OK : EG_EIO;
}

int eg_manifest_unread(struct eg_manifest *m, const char *name, const char *key, const char *value)
{
	return add_note(&m->unread, &m->nunread, name, key, value);
}

int eg_manifest_file(struct eg_manifest *m, const char *id, const char *path)
{
	return add_note(&m->files, &m->nfiles, id, "path", path);
}

void eg_manifest_totals(const struct eg_manifest *m, struct eg_manifest_counts *sum)
{
	size_t i;

	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < m->ninputs; i++) {
		sum->read += m->inputs[i]->counts.read;
		sum->written += m->inputs[i]->counts.written;
		sum->rejected += m->inputs[i]->counts.rejected;
		sum->merged += m->inputs[i]->counts.merged;
	}
}

int eg_manifest_check(const struct eg_manifest *m, struct eg_error *err)
{
	size_t i, j;

	for (i = 0; i < m->ninputs; i++) {
		const struct input *in = m->inputs[i];
		const struct eg_manifest_counts *c = &in->counts;
		int64_t by_reason = 0;

		if (c->read != c->written + c->rejected + c->merged)
			return eg_error_set(err, EG_EINTERNAL, in->name, 0, 0,
					    "row accounting does not balance: read %" PRId64
					    " != written %" PRId64 " + rejected %" PRId64
					    " + merged %" PRId64,
					    c->read, c->written, c->rejected, c->merged);
		for (j = 0; j < m->nreasons; j++)
			if (strcmp(m->reasons[j].input, in->name) == 0)
				by_reason += m->reasons[j].count;
		if (by_reason != c->rejected)
			return eg_error_set(err, EG_EINTERNAL, in->name, 0, 0,
					    "rejected rows %" PRId64 " != %" PRId64
					    " counted by reason",
					    c->rejected, by_reason);
	}
	return EG_OK;
}

static void row(struct eg_csv_writer *w, const char *stage, const char *section, const char *name,
		const char *key)
{
	eg_csv_write_str(w, stage);
	eg_csv_write_str(w, section);
	eg_csv_write_str(w, name);
	eg_csv_write_str(w, key);
}

int eg_manifest_settle(const struct eg_manifest *m, const char *path, struct eg_atomic_file *af,
		       struct eg_error *err)
{
	static const char *const header[] = { "stage", "section", "name", "key", "value", NULL };
	static const char *const count_key[] = { "read", "written", "rejected", "merged" };
	struct eg_csv_writer w;
	size_t i, k;
	int rc;

	rc = eg_manifest_check(m, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_atomic_open(af, path, err);
	if (rc != EG_OK)
		return rc;
	eg_csv_writer_init(&w, af->fp);
	eg_csv_write_header(&w, header);
	row(&w, m->stage, "version", "", "engage");
	eg_csv_write_str(&w, ENGAGE_VERSION);
	eg_csv_end_row(&w);
	for (i = 0; i < m->nparams; i++) {
		row(&w, m->stage, "param", "", m->params[i].key);
		eg_csv_write_str(&w, m->params[i].value);
		eg_csv_end_row(&w);
	}
	for (i = 0; i < m->nfiles; i++) {
		row(&w, m->stage, "file", m->files[i].name, m->files[i].key);
		eg_csv_write_str(&w, m->files[i].value);
		eg_csv_end_row(&w);
	}
	for (i = 0; i < m->ninputs; i++) {
		const struct eg_manifest_counts *c = &m->inputs[i]->counts;
		const int64_t v[] = { c->read, c->written, c->rejected, c->merged };

		for (k = 0; k < 4; k++) {
			row(&w, m->stage, "input", m->inputs[i]->name, count_key[k]);
			eg_csv_write_int(&w, v[k]);
			eg_csv_end_row(&w);
		}
	}
	for (i = 0; i < m->nreasons; i++) {
		row(&w, m->stage, "reject", m->reasons[i].input, m->reasons[i].code);
		eg_csv_write_int(&w, m->reasons[i].count);
		eg_csv_end_row(&w);
	}
	for (i = 0; i < m->nstats; i++) {
		row(&w, m->stage, "stat", m->stats[i].value, m->stats[i].key);
		eg_csv_write_int(&w, m->stats[i].rows);
		eg_csv_end_row(&w);
	}
	for (i = 0; i < m->nunread; i++) {
		row(&w, m->stage, "unread", m->unread[i].name, m->unread[i].key);
		eg_csv_write_str(&w, m->unread[i].value);
		eg_csv_end_row(&w);
	}
	for (i = 0; i < m->noutputs; i++) {
		row(&w, m->stage, "output", m->outputs[i].key, "rows");
		eg_csv_write_int(&w, m->outputs[i].rows);
		eg_csv_end_row(&w);
	}
	return eg_atomic_settle(af, err);
}

int eg_manifest_write(const struct eg_manifest *m, const char *path, struct eg_error *err)
{
	struct eg_atomic_file af;
	int rc = eg_manifest_settle(m, path, &af, err);

	return rc == EG_OK ? eg_atomic_publish(&af, err) : rc;
}

const char *eg_manifest_read_param(const char *path, const char *key, char *buf, size_t n)
{
	struct eg_csv_reader *r = NULL;
	struct eg_error ignored;
	const char *found = NULL;
	long col[3];

	if (eg_csv_reader_open(&r, path, NULL, &ignored) == EG_OK &&
	    eg_csv_reader_require(r, (const char *const[]){ "section", "key", "value", NULL }, col,
				  &ignored) == EG_OK) {
		while (!found && eg_csv_reader_next(r, &ignored) > 0) {
			const char *v = eg_csv_reader_field(r, col[2], NULL);

			if (strcmp(eg_csv_reader_field(r, col[0], NULL), "param") == 0 &&
			    strcmp(eg_csv_reader_field(r, col[1], NULL), key) == 0 && strlen(v) < n)
				found = strcpy(buf, v);
		}
	}
	eg_csv_reader_free(r);
	return found;
}

int eg_manifest_read_files(const char *path, struct eg_manifest_files *f, struct eg_error *err)
{
	struct eg_csv_reader *r = NULL;
	struct eg_error ignored;
	long col[4];
	int more, rc = EG_OK;

	memset(f, 0, sizeof(*f));
	if (eg_csv_reader_open(&r, path, NULL, &ignored) != EG_OK ||
	    eg_csv_reader_require(r, (const char *const[]){ "section", "name", "key", "value", NULL },
				  col, &ignored) != EG_OK) {
		eg_csv_reader_free(r);
		return EG_OK;
	}
	while (rc == EG_OK && (more = eg_csv_reader_next(r, &ignored)) > 0) {
		char **ids, **paths;

		if (strcmp(eg_csv_reader_field(r, col[0], NULL), "file") != 0 ||
		    strcmp(eg_csv_reader_field(r, col[2], NULL), "path") != 0)
			continue;
		ids = realloc(f->ids, (f->n + 1) * sizeof(*ids));
		if (ids)
			f->ids = ids;
		paths = ids ? realloc(f->paths, (f->n + 1) * sizeof(*paths)) : NULL;
		if (paths)
			f->paths = paths;
		if (!ids || !paths) {
			rc = eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
			break;
		}
		f->ids[f->n] = strdup(eg_csv_reader_field(r, col[1], NULL));
		f->paths[f->n] = strdup(eg_csv_reader_field(r, col[3], NULL));
		f->n++;
		if (!f->ids[f->n - 1] || !f->paths[f->n - 1])
			rc = eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
	}
	eg_csv_reader_free(r);
	if (rc != EG_OK)
		eg_manifest_files_release(f);
	return rc;
}

const char *eg_manifest_files_path(const struct eg_manifest_files *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->ids[i], id) == 0)
			return f->paths[i];
	return id;
}

void eg_manifest_files_release(struct eg_manifest_files *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->ids[i]);
		free(f->paths[i]);
	}
	free(f->ids);
	free(f->paths);
	memset(f, 0, sizeof(*f));
}
