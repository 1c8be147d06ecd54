/*
 * workbook.h - writing the report workbook (XLSX) from a report. The only
 * module that includes <xlsxwriter.h>.
 *
 * Sheets: Summary (the report month's KPIs beside the previous month and the
 * same month a year before, with changes) and KPIs (months as rows, metrics
 * as columns). The file is written atomically, and its bytes depend only on
 * the report: the created date is the last second of the report month.
 */
#ifndef ENGAGE_WORKBOOK_H
#define ENGAGE_WORKBOOK_H

#include "engage/error.h"
#include "engage/report.h"

/* Writes rep as an XLSX workbook at path. EG_EIO when it cannot be written. */
int eg_workbook_write(const struct eg_report *rep, const char *path, struct eg_error *err);

#endif
