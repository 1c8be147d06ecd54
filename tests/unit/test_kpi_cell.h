/*
 * What the compute unit tests share: months and amounts written as in the
 * fixtures (MON, CENTS, EUR), a scratch folder in UTC with a KPI grid
 * (kpi_scratch_setup, kpi_scratch_teardown, or kpi_grid_teardown as a
 * cmocka teardown), facts loaded from tables written there (facts_from),
 * the kpis.csv text of one grid cell, and a run of a metrics module's fill
 * over a folder. Included by tests only, after cmocka.h and
 * test_scratch.h; each includer gets its own copy.
 */
#ifndef ENGAGE_TEST_KPI_CELL_H
#define ENGAGE_TEST_KPI_CELL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "engage/csv_table.h"
#include "engage/facts.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/timezone.h"

#include "test_scratch.h"

#define MON(y, m) ((int64_t)(y)*12 + (m)-1) /* the month index of month m of year y */
#define CENTS(x)  ((int64_t)(x)*100)	    /* cents in money units */
#define EUR(x)	  ((int64_t)(x)*10000)	    /* whole currency units in money units */

/*
 * Makes the scratch folder, selects UTC and sets g to a grid of the months
 * first to last; 0, or -1 on failure (a cmocka setup's answer).
 */
static inline int kpi_scratch_setup(struct eg_kpi_grid *g, int64_t first, int64_t last)
{
	struct eg_error err;

	if (scratch_setup_utc(NULL))
		return -1;
	return eg_kpi_grid_init(g, first, last, &err) == EG_OK ? 0 : -1;
}

/*
 * Writes customers.csv, orders.csv and (when not NULL) refunds.csv into
 * the scratch folder and loads them into f (the caller releases it),
 * asserting it worked.
 */
static inline void facts_from(struct eg_facts *f, const char *customers, const char *orders,
			      const char *refunds)
{
	struct eg_manifest *m = eg_manifest_new("compute");
	struct eg_error err;

	assert_non_null(m);
	put("customers.csv", customers);
	put("orders.csv", orders);
	if (refunds)
		put("refunds.csv", refunds);
	eg_error_clear(&err);
	assert_int_equal(eg_facts_load(f, scratch, m, &err), EG_OK);
	eg_manifest_free(m);
}

/* Releases g, selects UTC again and removes the scratch folder; the rmdir status. */
static inline int kpi_scratch_teardown(struct eg_kpi_grid *g)
{
	struct eg_error err;

	eg_kpi_grid_release(g);
	eg_tz_select("UTC", &err);
	return scratch_remove();
}

/* A cmocka teardown: kpi_scratch_teardown of the grid *state points at (set by the setup). */
static inline int kpi_grid_teardown(void **state)
{
	return kpi_scratch_teardown(*state);
}

/* The cell of g as kpis.csv writes it, "value,unit,note"; a static buffer, valid until the next call. */
static inline const char *kpi_cell_text(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id)
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
