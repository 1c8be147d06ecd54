/*
 * extract.h - the extract stage: raw platform exports in, canonical tables
 * out, with rejects.csv and extract.manifest.csv beside them.
 *
 * The source of a file is recognised from its header, or named. Sources
 * are described by mapping files (source_map.h): which header column holds
 * each canonical field, how dates and amounts are written. A file's source
 * is the one whose required columns the header has; when several fit, the
 * one that finds the most of its columns in the header. Files of different
 * sources may be read in one run: each table kind the inputs produce gets
 * one output (orders.csv and order_lines.csv for order sources, then
 * sessions.csv, email_events.csv, email_campaigns.csv, responses.csv,
 * tickets.csv, profiles.csv, loyalty.csv), holding the rows of every input
 * of that kind in input order.
 *
 * An input may be a folder or a pattern: it stands for the files under it
 * (file_walk.h: at any depth, without hidden files and lock files). A file
 * extract cannot use does not stop the run: a header no source fits (or
 * one that is not CSV text), or a known export that holds nothing engage
 * uses (a mapping of layout unused), is listed as not read, in the result
 * and in the manifest's `unread` rows with the closest sources and what
 * each lacks. The run fails when no file at all could be read, or with
 * strict when any was not. A file whose source is recognised but whose
 * data is bad stops the run as before; so does any file that does not fit
 * a source named with `source`.
 */
#ifndef ENGAGE_EXTRACT_H
#define ENGAGE_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"
#include "engage/pseudonym.h"

/* What to extract. */
struct eg_extract_options {
	const char *const *inputs;	/* raw export files or glob patterns (*, ?, [),
				      read in this order; a pattern's matches sorted */
	size_t ninputs;			/* entries at inputs */
	const char *out_dir;		/* folder for the outputs, created if needed */
	const char *source;		/* source name, or NULL to recognise from the header */
	const char *const *source_dirs; /* folders of mapping files, read in this order */
	size_t nsource_dirs;		/* entries at source_dirs */
	const char *timezone;		/* zone of time stamps without offset for sources whose
				      mapping names none; NULL means UTC; "auto": the zone
				      found from the order files' offsets (zone_finder.h),
				      written into the manifest */
	const char *dates;		/* "iso", "us" or "eu" to override every mapping's date
				      order, or NULL */
	const struct eg_pseudonym *pseudonym; /* replace emails (and personal values in
					       rejects) by keyed pseudonyms, or NULL */
	int strict;			      /* 1: a file not read is an error */
	const char *relay_domains;	      /* CSV of marketplace relay email domains, whose
				      addresses orders read as no email; NULL for none */
};

/* What a run did, for the closing message. */
struct eg_extract_result {
	int64_t rows_read;	 /* data rows read over all inputs */
	int64_t rows_rejected;	 /* of those, rows sent to rejects.csv */
	int64_t orders;		 /* rows written to orders.csv */
	struct eg_error *unread; /* why each file not read was not read (file, line,
				    message), in input order; owned, freed by
				    eg_extract_result_release; filled on failure too */
	size_t nunread;		 /* entries at unread */
	struct eg_error *empty;	 /* order files read whose every row was skipped (a
				    personal PayPal account's download): file and why;
				    owned like unread */
	size_t nempty;		 /* entries at empty */
};

/*
 * Runs the stage. Outputs appear all together on success; on failure none of
 * them changes, and err says which file, line and column and why: EG_EDATA
 * for bad data in a recognised file, for a file that does not fit the named
 * source, when no file could be read or (strict) one was not; EG_EUSAGE for
 * an unknown source name, a bad mapping file, a pattern or folder without
 * files or a bad timezone or dates value, EG_EIO for a file that cannot be
 * read or an output that cannot be written. res lists the files not read
 * either way; release it with eg_extract_result_release.
 */
int eg_extract_run(const struct eg_extract_options *opts, struct eg_extract_result *res,
		   struct eg_error *err);

/* Frees what res owns (the list of files not read) and empties that list. */
void eg_extract_result_release(struct eg_extract_result *res);

#endif
