/*
 * extract.h - the extract stage: raw platform exports in, canonical tables
 * out (orders.csv, order_lines.csv), with rejects.csv and
 * extract.manifest.csv beside them.
 *
 * The source of a file is recognised from its header, or named. Sources
 * are described by mapping files (source_map.h): which header column holds
 * each canonical field, how dates and amounts are written. A file's source
 * is the one whose required columns the header has.
 */
#ifndef ENGAGE_EXTRACT_H
#define ENGAGE_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"

/* What to extract. */
struct eg_extract_options {
	const char *const *inputs; /* raw export files, read in this order */
	size_t ninputs;            /* entries at inputs */
	const char *out_dir;       /* folder for the outputs, created if needed */
	const char *source;        /* source name, or NULL to recognise from the header */
	const char *const *source_dirs; /* folders of mapping files, read in this order */
	size_t nsource_dirs;       /* entries at source_dirs */
};

/* What a run did, for the closing message. */
struct eg_extract_result {
	int64_t rows_read;     /* data rows read over all inputs */
	int64_t rows_rejected; /* of those, rows sent to rejects.csv */
	int64_t orders;        /* rows written to orders.csv */
};

/*
 * Runs the stage. Outputs appear all together on success; on failure none of
 * them changes, and err says which file, line and column and why.
 */
int eg_extract_run(const struct eg_extract_options *opts, struct eg_extract_result *res,
		   struct eg_error *err);

#endif
