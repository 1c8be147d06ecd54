/*
 * report.c - reading kpis.csv back into a month x metric grid.
 */
#include "engage/report.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One parsed row of kpis.csv. */
struct row {
	int64_t month;           /* month index */
	enum eg_metric_id id;    /* metric */
	struct eg_report_value value; /* its value */
};

static int bad_row(struct eg_csv_reader *r, struct eg_error *err, const char *fmt,
		   const char *what)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, what);
	return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0, "%s",
			    msg);
}

/* Parses the current row of kpis.csv. */
static int parse_row(struct eg_csv_reader *r, const long *col, struct row *row, char *currency,
		     size_t currency_size, struct eg_error *err)
{
	const char *month = eg_csv_reader_field(r, col[0], NULL);
	const char *metric = eg_csv_reader_field(r, col[1], NULL);
	const char *unit = eg_csv_reader_field(r, col[3], NULL);
	const struct eg_metric_def *def = eg_metric_find(metric);
	const char *value;
	size_t len;
	int rc;

	if (eg_month_parse(month, &row->month, err) != EG_OK)
		return bad_row(r, err, "invalid month '%s'", month);
	if (!def)
		return bad_row(r, err, "unknown metric '%s'", metric);
	row->id = (enum eg_metric_id)(def - eg_metrics);
	value = eg_csv_reader_field(r, col[2], &len);
	row->value.present = len > 0;
	row->value.v = 0;
	if (!len)
		return EG_OK;
	if (def->kind == EG_METRIC_MONEY) {
		if (!currency[0] && strlen(unit) < currency_size)
			strcpy(currency, unit);
		rc = eg_money_parse(value, len, NULL, &row->value.v, err);
	} else {
		rc = eg_int_parse(value, len, &row->value.v, err);
	}
	if (rc != EG_OK)
		return bad_row(r, err, "invalid value '%s'", value);
	return EG_OK;
}

int eg_report_load(struct eg_report *rep, const char *path, const char *month,
		   struct eg_error *err)
{
	struct eg_csv_reader *r;
	struct row *rows = NULL, *q;
	size_t n = 0, cap = 0, i;
	int64_t first = INT64_MAX, last = INT64_MIN;
	long col[4];
	int more = 0, rc;

	memset(rep, 0, sizeof(*rep));
	if (month && (rc = eg_month_parse(month, &rep->month, err)) != EG_OK)
		return rc;
	rc = eg_csv_reader_open(&r, path, NULL, err);
	if (rc != EG_OK)
		return rc;
	rc = eg_csv_reader_require(r, (const char *const[]){"month", "metric", "value", "unit", NULL},
				   col, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			q = realloc(rows, cap * sizeof(*rows));
			if (!q) {
				rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
				break;
			}
			rows = q;
		}
		rc = parse_row(r, col, &rows[n], rep->currency, sizeof(rep->currency), err);
		if (rc != EG_OK)
			break;
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
	if (rc != EG_OK) {
		free(rows);
		return rc;
	}
	if (!month)
		rep->month = last;
	rep->first_month = first;
	rep->rows = (int64_t)n;
	rep->nmonths = last - first + 1;
	rep->values = calloc((size_t)rep->nmonths * EG_M_COUNT, sizeof(*rep->values));
	if (!rep->values) {
		free(rows);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	for (i = 0; i < n; i++)
		rep->values[(rows[i].month - first) * EG_M_COUNT + rows[i].id] = rows[i].value;
	free(rows);
	return EG_OK;
}

struct eg_report_value eg_report_get(const struct eg_report *rep, int64_t m, enum eg_metric_id id)
{
	struct eg_report_value none = {0, 0};

	if (m < rep->first_month || m >= rep->first_month + rep->nmonths)
		return none;
	return rep->values[(m - rep->first_month) * EG_M_COUNT + id];
}

void eg_report_release(struct eg_report *rep)
{
	free(rep->values);
	rep->values = NULL;
}
