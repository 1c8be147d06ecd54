/*
 * workbook.h - writing the report workbook (XLSX) marketing opens. The
 * workbook modules (workbook*.c) are the only ones that include
 * <xlsxwriter.h>.
 *
 * Sheets, always all of them and in this order: Summary, KPI trends,
 * Journey, Funnel, Cohorts, Segments, Segment moves, Revenue bridge,
 * Customers, Voice of customer, Email, Model, Data quality, Definitions. A
 * sheet whose source file is absent says so in words. Text from the data is
 * always written as text, never as a formula. The file is written
 * atomically, and its bytes depend only on what it shows: the created date
 * is the last second of the report month.
 */
#ifndef ENGAGE_WORKBOOK_H
#define ENGAGE_WORKBOOK_H

#include "engage/atomic_file.h"
#include "engage/error.h"
#include "engage/workbook_data.h"

/* Above this many rows on the Customers sheet the workbook is written in constant-memory mode. */
#define EG_WORKBOOK_CONSTANT_MEMORY_ROWS 100000

/* What the workbook holds, for render's manifest. */
struct eg_workbook_result {
	int64_t customers;   /* customers of customer_scores.csv */
	int64_t sheet_rows;  /* rows of the Customers sheet */
	int constant_memory; /* 1 when written in constant-memory mode */
	int sheets;	     /* sheets written */
};

/*
 * Writes d as an XLSX workbook into a settled temporary file af for path (see
 * eg_atomic_settle), for the caller to publish or abort. Errors as
 * eg_workbook_write, with nothing left behind.
 */
int eg_workbook_settle(const struct eg_workbook_data *d, const char *path,
		       struct eg_atomic_file *af, struct eg_workbook_result *res,
		       struct eg_error *err);

/*
 * Writes d as an XLSX workbook at path, atomically. Streams the customers
 * from d->scores, after a pass counting them unless d->tally is done. EG_EIO when it cannot be written,
 * EG_EDATA for a bad customer row, EG_EINTERNAL when a cell is refused (a
 * bug). res may be NULL.
 */
int eg_workbook_write(const struct eg_workbook_data *d, const char *path,
		      struct eg_workbook_result *res, struct eg_error *err);

#endif
