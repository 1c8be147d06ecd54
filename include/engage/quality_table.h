/*
 * quality_table.h - the Data quality sheet's figures from the stages'
 * manifests: what the data cover (per source extract read, its files and
 * the first and last day of their rows) and each input file's row balance
 * (read = written + rejected + merged). No workbook here, so the balances
 * and the coverage are tested on their own.
 */
#ifndef ENGAGE_QUALITY_TABLE_H
#define ENGAGE_QUALITY_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/data_table.h"
#include "engage/error.h"
#include "engage/workbook_data.h"

/* Columns of a manifest table (-1 when absent). */
struct eg_manifest_columns {
	long stage, section, name, key, value;
};

/* What one source's files cover. */
struct eg_source_coverage {
	const char *source; /* the source, as extract names it; borrowed */
	int files;	    /* its files */
	int has_first;	    /* 1 when some file has a first date */
	int64_t first;	    /* the earliest, in days since 1970-01-01 */
	int has_last;	    /* 1 when some file has a last date */
	int64_t last;	    /* the latest, in days since 1970-01-01 */
};

enum { EG_ROWS_READ, EG_ROWS_WRITTEN, EG_ROWS_REJECTED, EG_ROWS_MERGED, EG_ROWS_KINDS };

/* The row accounting of one input file of one stage. */
struct eg_input_balance {
	const struct eg_manifest_file *manifest; /* the stage's manifest; borrowed */
	const char *input;			 /* the input file; borrowed */
	int have[EG_ROWS_KINDS];		 /* 1 when the manifest gives the count */
	double rows[EG_ROWS_KINDS];		 /* read, written, rejected, merged */
	int balanced;	    /* 1 when read is given and read = written + rejected + merged */
	double unaccounted; /* read - written - rejected - merged */
};

/* The Data quality sheet's figures. */
struct eg_quality_table {
	struct eg_source_coverage *sources; /* per source of extract's manifests; owned */
	size_t nsources;		    /* how many */
	struct eg_input_balance *balances;  /* per stage and input file, each once; owned */
	size_t nbalances;		    /* how many */
};

/* The columns of manifest table t. */
struct eg_manifest_columns eg_manifest_columns_of(const struct eg_data_table *t);

/* The stage a manifest speaks for: its stage column, else its file name; borrowed from mf. */
const char *eg_manifest_stage(const struct eg_manifest_file *mf);

/*
 * Fills out from d's manifests, in their order. out borrows d's strings and
 * owns its arrays (eg_quality_table_release); EG_EIO when memory runs out.
 */
enum eg_status eg_quality_table_collect(struct eg_quality_table *out,
					const struct eg_workbook_data *d);

/* Frees what t holds and zeroes it. A zeroed t is a no-op. */
void eg_quality_table_release(struct eg_quality_table *t);

#endif
