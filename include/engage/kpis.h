/*
 * kpis.h - the month x metric grid of kpis.csv, and the order metrics.
 *
 * Each module fills the cells of its metrics (metrics.h) as exact numbers:
 * an integer, an amount, or a fraction num/den written with a set number of
 * decimals. A cell left alone is absent: empty, with the reason in note
 * (the export its metric needs was not given); a value may carry a note
 * too (it covers part of the orders, or a month the data do not fully
 * cover). kpis.csv is long: month, metric, value, unit, note; one row per
 * month and metric, metrics in catalogue order. Counts are integers, money
 * has 2 or 4 decimals (money.h), shares 6 decimals (0.250000 is 25%),
 * other numbers 2 decimals; all rounded half away from zero from exact
 * integers.
 */
#ifndef ENGAGE_KPIS_H
#define ENGAGE_KPIS_H

#include <stdint.h>

#include "engage/error.h"
#include "engage/facts.h"
#include "engage/metrics.h"
#include "engage/table_output.h"

/* What a cell holds. */
enum eg_cell_type {
	EG_CELL_ABSENT,	  /* no value; note says why */
	EG_CELL_INT,	  /* the integer a */
	EG_CELL_MONEY,	  /* the amount a (money.h units) */
	EG_CELL_FRACTION, /* a / b with places decimals; absent when b is 0 */
};

/* One metric in one month. */
struct eg_kpi_cell {
	enum eg_cell_type type; /* what it holds */
	int64_t a, b;		/* the value, or numerator and denominator */
	int places;		/* decimals of a fraction */
	const char *note;	/* why it is absent, or what to know about its value (where it
				   came from, that it covers some orders only); "" for none;
				   static or in the grid, not owned */
};

/* The grid of one run. */
struct eg_kpi_grid {
	int64_t first_month;	   /* month index of row 0 */
	int64_t nmonths;	   /* months */
	struct eg_kpi_cell *cells; /* nmonths x EG_M_COUNT, month-major, owned */
	char **notes;		   /* the distinct notes eg_kpi_set_note copied, owned */
	size_t nnotes;		   /* entries at notes */
};

/* Makes a grid of months first..last, every cell absent for want of its source. */
int eg_kpi_grid_init(struct eg_kpi_grid *g, int64_t first, int64_t last, struct eg_error *err);

/* Frees what g holds. */
void eg_kpi_grid_release(struct eg_kpi_grid *g);

/* The cell of metric id in month index m, or NULL outside the grid. */
struct eg_kpi_cell *eg_kpi_cell(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id);

/* Sets a cell to an integer, an amount, or a fraction (absent with note when den is 0). */
void eg_kpi_set_int(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, int64_t v);
void eg_kpi_set_money(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, int64_t v);
void eg_kpi_set_fraction(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, int64_t num,
			 int64_t den, const char *note_if_none);

/*
 * Notes text about a value that is there (it covers some orders only, the
 * month is the data's first or a partial one), copied into g as
 * eg_kpi_set_note does; absent cells keep the reason they are absent.
 * EG_EIO on out of memory (the cell unchanged).
 */
int eg_kpi_note(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const char *text);

/*
 * Sets the note of the cell of metric id in month m, kept beside its value
 * (the source a value came from); text is copied into g. A cell set
 * afterwards loses it. EG_EIO on out of memory (the cell unchanged).
 */
int eg_kpi_set_note(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const char *text);

/*
 * Writes the value, unit and note fields of metric id in month m (three
 * fields of a row) to w; money in currency.
 */
void eg_kpi_write_value(struct eg_csv_writer *w, struct eg_kpi_grid *g, int64_t m,
			enum eg_metric_id id, const char *currency);

/* Writes every cell, month by month, to out (eg_kpi_columns); money in currency. */
void eg_kpi_grid_write(struct eg_kpi_grid *g, const char *currency, struct eg_table_output *out);

/* Options of the order metrics. */
struct eg_kpi_options {
	int64_t churn_window; /* the churn window, in days */
};

/* Fills the metrics computed from orders, refunds and customers. EG_EIO on out of memory. */
int eg_kpis_fill_orders(const struct eg_facts *f, const struct eg_kpi_options *o,
			struct eg_kpi_grid *g, struct eg_error *err);

/*
 * Notes, on the order metrics eg_kpis_fill_orders filled, what the order
 * data do not cover: in their first month the customer metrics (customers
 * who bought before it count as new), in a month they end inside (the last
 * order before its last day) the sums and counts (a partial month, not
 * comparable with whole ones). The notes are copied into g; EG_EIO in err
 * when out of memory.
 */
int eg_kpis_note_coverage(const struct eg_facts *f, struct eg_kpi_grid *g, struct eg_error *err);
#endif
