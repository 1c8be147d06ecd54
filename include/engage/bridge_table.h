/*
 * bridge_table.h - the Revenue bridge sheet's figures gathered from
 * compute's bridge.csv and kpis.csv: each month's amounts exactly, whether
 * it reconciles (nothing unexplained in "other", net revenue equal to
 * kpis.csv's) and why not in words, and the totals. No workbook here, so
 * the reconciliation is tested on its own.
 */
#ifndef ENGAGE_BRIDGE_TABLE_H
#define ENGAGE_BRIDGE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"
#include "engage/error.h"
#include "engage/report.h"

/* bridge.csv's amount columns, in the sheet's order. */
enum eg_bridge_column {
	EG_BRIDGE_GROSS,
	EG_BRIDGE_DISCOUNTS,
	EG_BRIDGE_SHIPPING,
	EG_BRIDGE_TAX,
	EG_BRIDGE_DUTIES,
	EG_BRIDGE_OTHER,
	EG_BRIDGE_TOTAL,
	EG_BRIDGE_REFUNDS,
	EG_BRIDGE_NET,
	EG_BRIDGE_NCOLS
};

/* One row of bridge.csv. */
struct eg_bridge_month {
	const char *label;		     /* its month cell, borrowed from the table */
	int has_month;			     /* 1 when label is a month "YYYY-MM" */
	int64_t month;			     /* its month index, when has_month */
	int have[EG_BRIDGE_NCOLS];	     /* 1 when the amount is there */
	int64_t v[EG_BRIDGE_NCOLS];	     /* the amounts, in ten-thousandths */
	struct eg_report_value kpi;	     /* kpis.csv's net revenue of the month */
	int net_differs;		     /* 1 when net revenue is not kpis.csv's */
	int ok;				     /* 1 when the month reconciles */
	char check[200];		     /* "reconciles" or "does not reconcile: ..." */
};

/* The sheet's figures. */
struct eg_bridge_table {
	struct eg_bridge_month *months; /* bridge.csv's rows, in order; owned */
	size_t n;			/* how many */
	int64_t sums[EG_BRIDGE_NCOLS];	/* each column's total */
	int64_t kpi_sum;		/* kpis.csv's net revenue over the months */
	int have_kpi_all;		/* 1 when every month has a kpis.csv net revenue */
	int bad_months;			/* months that do not reconcile */
	char total_check[200];		/* "every month reconciles" or "N months do not ..." */
};

/* bridge.csv's column name of each amount, indexed by enum eg_bridge_column. */
extern const char *const eg_bridge_columns[EG_BRIDGE_NCOLS];

/*
 * Fills bt from bridge (month and the amount columns; an empty or
 * unreadable amount counts as absent) and rep's net revenue. EG_EIO on out
 * of memory. Free with eg_bridge_table_release.
 */
int eg_bridge_table_collect(struct eg_bridge_table *bt, const struct eg_data_table *bridge,
			    const struct eg_report *rep, struct eg_error *err);

/* Frees what bt holds and zeroes it. A zeroed bt is a no-op. */
void eg_bridge_table_release(struct eg_bridge_table *bt);

#endif
