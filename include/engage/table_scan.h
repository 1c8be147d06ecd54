/*
 * table_scan.h - reading a whole canonical table row by row: open, check
 * its columns, hand each row to a function, count the rows in a manifest.
 */
#ifndef ENGAGE_TABLE_SCAN_H
#define ENGAGE_TABLE_SCAN_H

#include "engage/csv_table.h"
#include "engage/error.h"
#include "engage/manifest.h"

/*
 * Called for each data row; col holds the reader's index of each required
 * column, in the order given. Returns EG_OK, or a status with err filled to
 * stop the scan.
 */
typedef int (*eg_row_fn)(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err);

/*
 * The path of the table file in dir into *path (the caller frees it), or
 * NULL there when the file is not in dir (the shop gave no such export).
 * EG_EIO when out of memory.
 */
int eg_table_scan_find(const char *dir, const char *file, char **path, struct eg_error *err);

/*
 * Reads the table at path, requiring the NULL-terminated columns (at most
 * 64), calling fn(ctx, ...) for every row, and counting every row as read
 * and written (consumed) in m. Returns the first failure.
 */
int eg_table_scan(const char *path, const char *const *columns, struct eg_manifest *m, eg_row_fn fn,
		  void *ctx, struct eg_error *err);

#endif
