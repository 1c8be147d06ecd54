/*
 * data_table.h - a small CSV table read whole into memory: the compute
 * outputs render shows besides kpis.csv (cohorts, segments, the revenue
 * bridge, funnel, journey, voice, email, model, holdout) and the stages'
 * manifests.
 *
 * A file that does not exist is absent, not an error: the sheet built on it
 * says so in words. A file that exists must have the columns its sheet needs
 * and numbers where numbers belong; otherwise loading fails with EG_EDATA
 * naming file, line and column.
 */
#ifndef ENGAGE_DATA_TABLE_H
#define ENGAGE_DATA_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/* A CSV file's header and rows, all text. */
struct eg_data_table {
	int present;	 /* 1 when the file was there and read */
	char *path;	 /* the file, owned; NULL when never loaded */
	size_t ncols;	 /* header columns */
	size_t nrows;	 /* data rows */
	char *arena;	 /* every header name and cell, NUL-terminated, owned */
	size_t *offsets; /* (1 + nrows) x ncols offsets into arena: the header first */
	long *lines;	 /* the line each data row starts on, owned */
};

/*
 * Reads the CSV file at path into t. When the file does not exist, t is
 * empty with present 0 and EG_OK is returned. required (NULL-terminated, may
 * be NULL) names the columns that must be in the header; numeric (likewise)
 * the columns whose cells must be empty or a number (see
 * eg_data_table_parse_number). On failure, EG_EDATA naming file, line and
 * column, or EG_EIO, and t is empty. Release t with eg_data_table_release.
 */
int eg_data_table_load(struct eg_data_table *t, const char *path, const char *const *required,
		       const char *const *numeric, struct eg_error *err);

/* Frees what t holds and leaves it empty (present 0). An empty t is a no-op. */
void eg_data_table_release(struct eg_data_table *t);

/* The index of column name, or -1 when t has no such column. */
long eg_data_table_column(const struct eg_data_table *t, const char *name);

/* The name of column i (i < ncols). */
const char *eg_data_table_column_name(const struct eg_data_table *t, size_t i);

/* Cell (row, col), borrowed from t; "" when col is negative. row < nrows. */
const char *eg_data_table_cell(const struct eg_data_table *t, size_t row, long col);

/*
 * The number in cell (row, col) into *out: 1 when there is one, 0 when the
 * cell is empty or col is negative (*out unchanged).
 */
int eg_data_table_number(const struct eg_data_table *t, size_t row, long col, double *out);

/*
 * Reads s as a decimal number as the stages write them: an optional sign,
 * digits with an optional fraction, an optional exponent ("0.25", "-3.0010",
 * "1.5e-06"); no spaces, no infinity or NaN. Returns 1 and stores it in
 * *out, else 0 (*out unchanged).
 */
int eg_data_table_parse_number(const char *s, double *out);

/* 1 when s is a month "YYYY-MM", its index (year * 12 + month - 1) in *m; else 0. */
int eg_data_table_parse_month(const char *s, int64_t *m);

/*
 * The first row of t whose column month_col is month m and whose columns
 * cols[0..nkeys-1] equal keys[0..nkeys-1]; -1 when there is none.
 */
long eg_data_table_find_month(const struct eg_data_table *t, long month_col, int64_t m,
			      const long *cols, const char *const *keys, int nkeys);

#endif
