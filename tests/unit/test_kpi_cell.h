/*
 * The kpis.csv text of one grid cell, and a run of a metrics module's
 * fill over a folder, for the compute unit tests. Included by tests only,
 * after cmocka.h; each includer gets its own copy.
 */
#ifndef ENGAGE_TEST_KPI_CELL_H
#define ENGAGE_TEST_KPI_CELL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "engage/csv_table.h"
#include "engage/kpis.h"
#include "engage/manifest.h"

/* The cell of g as kpis.csv writes it, "value,unit,note"; a static buffer, valid until the next call. */
static const char *kpi_cell_text(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id)
{
	static char buf[512];
	char *p = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&p, &n);
	struct eg_csv_writer w;

	assert_non_null(fp);
	eg_csv_writer_init(&w, fp);
	eg_kpi_write_value(&w, g, m, id, "EUR");
	eg_csv_writer_flush(&w); /* the row is not ended: hand its fields to fp */
	assert_int_equal(fclose(fp), 0);
	snprintf(buf, sizeof(buf), "%s", p);
	free(p);
	return buf;
}

/* A metrics module's fill: reads its table from dir into g, counting in m. */
typedef int (*kpi_fill_fn)(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			   struct eg_error *err);

/* Runs fill over dir into g with a manifest of its own; returns its status, err cleared first. */
static inline int kpi_fill(kpi_fill_fn fill, const char *dir, struct eg_kpi_grid *g,
			   struct eg_error *err)
{
	struct eg_manifest *m = eg_manifest_new("compute");
	int rc;

	assert_non_null(m);
	eg_error_clear(err);
	rc = fill(dir, g, m, err);
	eg_manifest_free(m);
	return rc;
}

/* Asserts the file's grid cell (m, id) reads text. */
#define CELL(m, id, text) assert_string_equal(kpi_cell_text(&grid, (m), (id)), (text))

#endif
