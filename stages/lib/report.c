/*
 * report.c - reading kpis.csv back into a month x metric grid, with the
 * catalogue's metrics first and any id it lacks after them.
 */
#include "engage/report.h"
#include "engage/csv_table.h"
#include "engage/data_table.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/money.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One parsed row of kpis.csv. */
struct row {
	int64_t month;		      /* month index */
	size_t metric;		      /* index in the report's metrics */
	struct eg_report_value value; /* its value (note not yet set) */
	size_t note;		      /* offset of its note in the notes buffer */
};

/* What loading keeps between rows. */
struct loader {
	struct eg_report *rep; /* the report being filled */
	size_t metrics_cap;    /* allocated metrics */
	char *notes;	       /* notes text, each NUL-terminated; offset 0 is "" */
	size_t notes_used, notes_cap;
};

static int bad_row(struct eg_csv_reader *r, struct eg_error *err, long col, const char *fmt,
		   const char *what)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, what);
	return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), col, "%s",
			    msg);
}

static int oom(struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

/* The kind of a metric the catalogue lacks, from its unit in kpis.csv. */
static enum eg_metric_kind kind_of_unit(const char *unit, const char *currency)
{
	size_t i;

	if (strcmp(unit, "count") == 0)
		return EG_METRIC_COUNT;
	if (strcmp(unit, "ratio") == 0)
		return EG_METRIC_RATIO;
	if (currency[0] && strcmp(unit, currency) == 0)
		return EG_METRIC_MONEY;
	for (i = 0; i < 3; i++)
		if (unit[i] < 'A' || unit[i] > 'Z')
			return EG_METRIC_DECIMAL;
	return unit[3] ? EG_METRIC_DECIMAL : EG_METRIC_MONEY;
}

/* The index of metric id, adding it after the catalogue when new. (size_t)-1 on out of memory. */
static size_t metric_index(struct loader *l, const char *id, const char *unit)
{
	struct eg_report *rep = l->rep;
	struct eg_report_metric *m;
	long i = eg_report_find(rep, id);
	char *copy, *unit_copy = NULL;

	if (i >= 0)
		return (size_t)i;
	if (rep->nmetrics == l->metrics_cap) {
		size_t cap = l->metrics_cap * 2;

		if (!(m = realloc(rep->metrics, cap * sizeof(*m))))
			return (size_t)-1;
		rep->metrics = m, l->metrics_cap = cap;
	}
	m = &rep->metrics[rep->nmetrics];
	if (!(copy = strdup(id)))
		return (size_t)-1;
	m->id = m->name = copy;
	m->kind = kind_of_unit(unit, rep->currency);
	m->unit = NULL;
	if (m->kind == EG_METRIC_DECIMAL && unit[0]) {
		if (!(unit_copy = strdup(unit))) {
			free(copy);
			return (size_t)-1;
		}
		m->unit = unit_copy;
	}
	m->definition = NULL;
	m->rows = 0;
	return rep->nmetrics++;
}

/* Appends a note, returning its offset (0 for ""); (size_t)-1 on out of memory. */
static size_t add_note(struct loader *l, const char *s, size_t len)
{
	size_t at;

	if (!len)
		return 0;
	if (l->notes_used + len + 1 > l->notes_cap) {
		size_t cap = l->notes_cap * 2;
		char *p;

		while (cap < l->notes_used + len + 1)
			cap *= 2;
		if (!(p = realloc(l->notes, cap)))
			return (size_t)-1;
		l->notes = p, l->notes_cap = cap;
	}
	at = l->notes_used;
	memcpy(l->notes + at, s, len);
	l->notes[at + len] = '\0';
	l->notes_used += len + 1;
	return at;
}

/* Parses the current row of kpis.csv. */
static int parse_row(struct loader *l, struct eg_csv_reader *r, const long *col, struct row *row,
		     struct eg_error *err)
{
	struct eg_report *rep = l->rep;
	const char *month = eg_csv_reader_field(r, col[0], NULL);
	const char *metric = eg_csv_reader_field(r, col[1], NULL);
	const char *unit = eg_csv_reader_field(r, col[3], NULL);
	const char *value, *note;
	const struct eg_report_metric *m;
	size_t len, note_len;
	struct eg_error ignored;

	if (eg_month_parse(month, &row->month, &ignored) != EG_OK)
		return bad_row(r, err, col[0] + 1, "invalid month '%s'", month);
	if (!metric[0])
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[1] + 1, "empty metric id");
	if (eg_metric_find(metric) && eg_metric_find(metric)->kind == EG_METRIC_MONEY &&
	    !rep->currency[0] && strlen(unit) < sizeof(rep->currency))
		strcpy(rep->currency, unit);
	row->metric = metric_index(l, metric, unit);
	note = col[4] >= 0 ? eg_csv_reader_field(r, col[4], &note_len) : "";
	if (col[4] < 0)
		note_len = 0;
	row->note = add_note(l, note, note_len);
	if (row->metric == (size_t)-1 || row->note == (size_t)-1)
		return oom(err);
	m = &rep->metrics[row->metric];
	value = eg_csv_reader_field(r, col[2], &len);
	memset(&row->value, 0, sizeof(row->value));
	row->value.present = len > 0;
	if (!len)
		return EG_OK;
	if (m->kind == EG_METRIC_COUNT) {
		if (eg_int_parse(value, len, &row->value.v, &ignored) != EG_OK)
			return bad_row(r, err, col[2] + 1, "invalid value '%s'", value);
		row->value.x = (double)row->value.v;
		return EG_OK;
	}
	/* Every other value is kept as written, and in money.h's fixed point. */
	if (!eg_data_table_parse_number(value, &row->value.x))
		return bad_row(r, err, col[2] + 1, "invalid value '%s'", value);
	if (eg_money_parse(value, len, NULL, &row->value.v, &ignored) != EG_OK) {
		if (fabs(row->value.x) > 9e14)
			return bad_row(r, err, col[2] + 1, "value '%s' is out of range", value);
		row->value.v = llround(row->value.x * EG_MONEY_SCALE);
	}
	return EG_OK;
}

/* Starts rep's metric list with the catalogue. */
static int start_metrics(struct loader *l)
{
	struct eg_report *rep = l->rep;
	size_t i;

	l->metrics_cap = EG_M_COUNT + 16;
	rep->metrics = calloc(l->metrics_cap, sizeof(*rep->metrics));
	l->notes_cap = 4096;
	l->notes = malloc(l->notes_cap);
	if (!rep->metrics || !l->notes)
		return 0;
	l->notes[0] = '\0';
	l->notes_used = 1;
	for (i = 0; i < EG_M_COUNT; i++) {
		struct eg_report_metric *m = &rep->metrics[i];

		m->id = eg_metrics[i].id;
		m->name = eg_metrics[i].name;
		m->kind = eg_metrics[i].kind;
		m->unit = eg_metrics[i].unit;
		m->definition = eg_metrics[i].definition;
	}
	rep->nmetrics = EG_M_COUNT;
	return 1;
}

int eg_report_load(struct eg_report *rep, const char *path, const char *month, struct eg_error *err)
{
	struct loader l = { rep, 0, NULL, 0, 0 };
	struct eg_csv_reader *r = NULL;
	struct row *rows = NULL, *q;
	size_t n = 0, cap = 0, i;
	int64_t first = INT64_MAX, last = INT64_MIN;
	long col[5];
	int more = 0, rc;

	memset(rep, 0, sizeof(*rep));
	if (month && (rc = eg_month_parse(month, &rep->month, err)) != EG_OK)
		return rc;
	if (!start_metrics(&l)) {
		free(l.notes);
		return oom(err);
	}
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(
			r, (const char *const[]){ "month", "metric", "value", "unit", NULL }, col,
			err);
	if (rc == EG_OK)
		col[4] = eg_csv_reader_column(r, "note");
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			q = realloc(rows, cap * sizeof(*rows));
			if (!q) {
				rc = oom(err);
				break;
			}
			rows = q;
		}
		rc = parse_row(&l, r, col, &rows[n], err);
		if (rc != EG_OK)
			break;
		rep->metrics[rows[n].metric].rows++;
		if (rows[n].month < first)
			first = rows[n].month;
		if (rows[n].month > last)
			last = rows[n].month;
		n++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	if (rc == EG_OK && n == 0)
		rc = eg_error_set(err, EG_EDATA, path, 0, 0, "no metrics in '%s'", path);
	eg_csv_reader_free(r);
	rep->notes = l.notes;
	if (rc != EG_OK) {
		free(rows);
		return rc;
	}
	if (!month)
		rep->month = last;
	rep->first_month = first;
	rep->rows = (int64_t)n;
	rep->nmonths = last - first + 1;
	rep->values = calloc((size_t)rep->nmonths * rep->nmetrics, sizeof(*rep->values));
	if (!rep->values) {
		free(rows);
		return oom(err);
	}
	for (i = 0; i < (size_t)rep->nmonths * rep->nmetrics; i++)
		rep->values[i].note = rep->notes;
	for (i = 0; i < n; i++) {
		struct eg_report_value *v =
			&rep->values[(size_t)(rows[i].month - first) * rep->nmetrics +
				     rows[i].metric];

		*v = rows[i].value;
		v->note = rep->notes + rows[i].note;
	}
	free(rows);
	return EG_OK;
}

long eg_report_find(const struct eg_report *rep, const char *id)
{
	size_t i;

	for (i = 0; i < rep->nmetrics; i++)
		if (strcmp(rep->metrics[i].id, id) == 0)
			return (long)i;
	return -1;
}

struct eg_report_value eg_report_value_at(const struct eg_report *rep, int64_t m, size_t i)
{
	struct eg_report_value none = { 0, 0, 0.0, "" };

	if (m < rep->first_month || m >= rep->first_month + rep->nmonths || i >= rep->nmetrics ||
	    !rep->values)
		return none;
	return rep->values[(size_t)(m - rep->first_month) * rep->nmetrics + i];
}

struct eg_report_value eg_report_get(const struct eg_report *rep, int64_t m, enum eg_metric_id id)
{
	return eg_report_value_at(rep, m, (size_t)id);
}

void eg_report_release(struct eg_report *rep)
{
	size_t i;

	for (i = EG_M_COUNT; i < rep->nmetrics; i++) {
		free((char *)rep->metrics[i].id);
		free((char *)rep->metrics[i].unit);
	}
	free(rep->metrics);
	free(rep->values);
	free(rep->notes);
	memset(rep, 0, sizeof(*rep));
}
