/*
 * rfm.h - recency, frequency and monetary scores, the segment grid and the
 * engagement model of each segment, read from data files marketing edits.
 *
 * As of a day (by default the day after the report month): recency is the
 * whole days from the customer's last order to it, frequency the orders
 * before it, monetary their gross revenue. Scores 1-5 by rank, equal values
 * always sharing a score: F and M = 1 + floor(5 x (customers with a strictly
 * smaller value) / N); R the same with "strictly larger recency" (recent is
 * good). FM = (F + M + 1) div 2. The segment is the grid's cell at (R, FM).
 *
 * Quintiles need customers to rank: with fewer than
 * EG_RFM_MIN_QUINTILE_CUSTOMERS, or when two adjacent cut points of the
 * recency quintiles are less than EG_RFM_MIN_CUT_GAP_DAYS apart (a day more
 * or less would move a customer a whole score), EG_RFM_AUTO scores R and F
 * by fixed thresholds instead: R 5 within 30 days, 4 within 90, 3 within
 * 180, 2 within 365, else 1 (a month, a quarter, half a year, a year); F 1,
 * 2 or 3 for that many orders, 4 for 4-5, 5 for 6 or more. M stays by rank:
 * money has no scale common to every shop. Either way a more recent
 * customer with the same frequency and money never scores a lower R.
 *
 * The grid file is a CSV r,fm,segment with all 25 cells; the actions file a
 * CSV segment,engagement_model,action with every segment of the grid, in
 * the order the workbook lists them.
 */
#ifndef ENGAGE_RFM_H
#define ENGAGE_RFM_H

#include <stddef.h>
#include <stdint.h>

#include "engage/error.h"
#include "engage/facts.h"

#define EG_RFM_MIN_QUINTILE_CUSTOMERS 100 /* fewer customers: fixed thresholds */
#define EG_RFM_MIN_CUT_GAP_DAYS	      7	  /* recency cut points closer: fixed thresholds */

/* How R and F are scored. */
enum eg_rfm_scoring {
	EG_RFM_AUTO,	  /* quintiles, or fixed thresholds when quintiles cannot rank */
	EG_RFM_QUINTILES, /* always quintiles */
	EG_RFM_FIXED,	  /* always fixed thresholds */
};

/* The segment grid and what to do with each segment. */
struct eg_rfm_grid {
	int cell[5][5];	  /* segment index of (R - 1, FM - 1) */
	char **segment;	  /* segment names, in the actions file's order, owned */
	char **model;	  /* engagement model of each segment, owned */
	char **action;	  /* recommended action of each segment, owned */
	size_t nsegments; /* entries in the three arrays */
};

/* A customer's scores as of a day (32 bytes: a score is held per customer). */
struct eg_rfm_score {
	int64_t recency;      /* days from the last order to the as-of day */
	int64_t frequency;    /* orders before the as-of day; 0 means not a customer yet */
	int64_t monetary;     /* their gross revenue */
	signed char r, f, m, fm; /* scores 1-5, 0 when frequency is 0 */
	int segment;	      /* index in the grid's segments, -1 when frequency is 0 */
};

/*
 * Reads the grid and actions files into g (free with eg_rfm_grid_release).
 * A missing cell, an unknown segment or a segment without an action is
 * EG_EDATA naming the file and line.
 */
int eg_rfm_grid_load(struct eg_rfm_grid *g, const char *grid_path, const char *actions_path,
		     struct eg_error *err);

/* Frees what g holds. */
void eg_rfm_grid_release(struct eg_rfm_grid *g);

/*
 * Scores every customer of f as of local day as_of into out (f->ncustomers
 * entries, caller-allocated), R and F as mode says; *used (may be NULL)
 * gets EG_RFM_QUINTILES or EG_RFM_FIXED, what was applied. EG_EIO on out
 * of memory.
 */
int eg_rfm_score(const struct eg_facts *f, int64_t as_of, const struct eg_rfm_grid *g,
		 enum eg_rfm_scoring mode, struct eg_rfm_score *out, enum eg_rfm_scoring *used,
		 struct eg_error *err);

#endif
