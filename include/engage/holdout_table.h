/*
 * holdout_table.h - the Model sheet's holdout comparison gathered from
 * compute's holdout.csv: per count of repeat orders before the cut-off, and
 * for all customers, the actual and predicted orders after it per customer
 * and in total, their difference, the error and the baseline. A frequency
 * row of holdout.csv holds means per customer, its total row the totals:
 * both are shown both ways. No workbook here, so the sums are tested.
 */
#ifndef ENGAGE_HOLDOUT_TABLE_H
#define ENGAGE_HOLDOUT_TABLE_H

#include <stddef.h>

#include "engage/data_table.h"
#include "engage/error.h"

/* One row of the comparison. */
struct eg_holdout_row {
	const char *frequency;	/* holdout.csv's calibration_frequency; borrowed */
	int total;		/* 1 on the "total" row: all customers */
	int has_customers;	/* 1 when the customers are given */
	double customers;	/* customers */
	int has_actual_mean;	/* 1 when actual_mean is known */
	double actual_mean;	/* actual orders per customer after the cut-off */
	int has_predicted_mean; /* 1 when predicted_mean is known */
	double predicted_mean;	/* predicted orders per customer */
	int has_difference;	/* 1 when both means are known */
	double difference;	/* predicted_mean - actual_mean */
	int has_actual;		/* 1 when actual is known */
	double actual;		/* actual orders */
	int has_predicted;	/* 1 when predicted is known */
	double predicted;	/* predicted orders */
	int has_error;		/* 1 when the mean absolute error is given */
	double error;		/* the mean absolute error per customer */
	int has_baseline;	/* 1 when baseline is known */
	double baseline;	/* baseline orders per customer (past rate carried forward) */
};

/* The comparison's rows in holdout.csv's order. */
struct eg_holdout_table {
	struct eg_holdout_row *rows; /* n, owned */
	size_t n;		     /* rows */
	int has_baseline_column;     /* 1 when holdout.csv has baseline_holdout_orders */
	size_t last_frequency;	     /* the index of the last frequency row (0 when none) */
	int charted;		     /* 1 when there is a frequency row to chart */
};

/*
 * Fills out from holdout (calibration_frequency, customers,
 * actual_holdout_orders, predicted_holdout_orders, mean_absolute_error,
 * baseline_holdout_orders). out borrows holdout's strings and owns its rows
 * (eg_holdout_table_release); EG_EIO when memory runs out.
 */
enum eg_status eg_holdout_table_collect(struct eg_holdout_table *out,
					const struct eg_data_table *holdout);

/* Frees what t holds and zeroes it. A zeroed t is a no-op. */
void eg_holdout_table_release(struct eg_holdout_table *t);

#endif
