/*
 * zone_finder.h - the shop's time zone, found from the UTC offsets its
 * exports' time stamps carry (offset_log.h), among the zones of the system
 * tz database, whose rules are read through the C library.
 *
 * A zone fits a run of stamps when its rules give the run's offset at every
 * instant from the run's first stamp to its last (checked at both ends and
 * at every day between: no zone changes its clocks twice within a day), so
 * the clock changes the data shows must fall where the zone's rules put
 * them. When several zones fit:
 *   - several offsets seen (clock changes): the first that fits of a short
 *     list of well-known zones (preferred[] in zone_finder.c), else the first
 *     in alphabetical order among the zones of zone.tab. Every zone that fits
 *     gives the same local days to those stamps.
 *   - one offset and no clock change: a zone of that fixed offset: UTC for
 *     +0000, Etc/GMT-N for whole hours, else a zone (well-known first, then
 *     zone.tab) keeping that offset all year round in each year of the data,
 *     else a POSIX TZ string such as "<+0115>-1:15".
 *   - no stamp carries an offset: UTC.
 * Finding a zone changes the selected zone (timezone.h): select the one to
 * use afterwards.
 */
#ifndef ENGAGE_ZONE_FINDER_H
#define ENGAGE_ZONE_FINDER_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"
#include "engage/offset_log.h"
#include "engage/timezone.h"

#define EG_ZONE_OFFSETS 4 /* distinct offsets a choice names */
#define EG_ZONE_ALSO	2 /* other fitting zones a choice names */

/* How a zone was chosen. */
enum eg_zone_how {
	EG_ZONE_NO_OFFSETS,  /* no stamp carries an offset: UTC */
	EG_ZONE_RULES,	     /* its rules give every offset seen, clock changes included */
	EG_ZONE_FIXED,	     /* one offset and no clock change: a zone of that fixed offset */
	EG_ZONE_MIXED,	     /* no zone fits every file: the zone of the files with most rows */
	EG_ZONE_UNEXPLAINED, /* no zone fits (eg_zone_find only): zone is empty */
};

/* A zone found, and what it was found from. */
struct eg_zone_choice {
	char zone[EG_TZ_NAME_SIZE]; /* the zone to use, "" when unexplained */
	enum eg_zone_how how;	    /* how it was chosen */
	size_t nfit;		    /* zones that fit, the chosen one too (EG_ZONE_RULES) */
	char also[EG_ZONE_ALSO][EG_TZ_NAME_SIZE]; /* others that fit, "" for none */
	int64_t offsets[EG_ZONE_OFFSETS];	  /* distinct offsets seen, first ones in time */
	size_t noffsets;			  /* distinct offsets seen (may exceed the array) */
	int64_t first;				  /* UTC seconds of the earliest stamp */
	int64_t last;				  /* UTC seconds of the latest stamp */
	int64_t stamps;				  /* stamps seen */
};

/* The offsets of one file, for eg_zone_find_files. */
struct eg_zone_file {
	const char *name;		  /* the file, for the caller (borrowed) */
	const struct eg_offset_run *runs; /* its runs (borrowed) */
	size_t nruns;			  /* entries at runs */
	int64_t weight;			  /* its share: the order rows it holds */
	struct eg_zone_choice choice;	  /* OUT: its own zone, when the files are mixed */
};

/*
 * Finds the zone that fits n runs into *out (see above). EG_EIO with err
 * filled on out of memory; a zone list that cannot be read leaves only the
 * well-known zones to choose from.
 */
int eg_zone_find(const struct eg_offset_run *runs, size_t n, struct eg_zone_choice *out,
		 struct eg_error *err);

/*
 * Finds the zone of n files together; when none fits them all, finds each
 * file's own (into its choice; a file that no zone explains gets the fixed
 * zone of its commonest offset) and chooses the zone whose files weigh most,
 * the earliest file's on a tie (how EG_ZONE_MIXED).
 */
int eg_zone_find_files(struct eg_zone_file *files, size_t n, struct eg_zone_choice *out,
		       struct eg_error *err);

/* Writes one line saying which zone c is and why into buf (size bytes); returns buf. */
char *eg_zone_describe(const struct eg_zone_choice *c, char *buf, size_t size);

#endif
