/*
 * segment_moves_table.h - the Segment moves sheet's figures gathered from
 * compute's segment_moves.csv and segments.csv: the from x to matrix, its
 * row and column totals, and who stayed, moved or is new. No workbook here,
 * so the sums are tested on their own.
 */
#ifndef ENGAGE_SEGMENT_MOVES_TABLE_H
#define ENGAGE_SEGMENT_MOVES_TABLE_H

#include "engage/data_table.h"

#define EG_MOVES_MAX_SEGMENTS 60 /* segments the matrix shows */

/* The matrix and its totals. Row 0 of count and revenue is "(new)", row i + 1 segment i. */
struct eg_segment_moves {
	const char *names[EG_MOVES_MAX_SEGMENTS]; /* segments.csv's order, then others as met;
						     borrowed from the tables */
	int n;					  /* segments */
	int has_new;				  /* 1 when a row is from "(new)" */
	int has_revenue;			  /* 1 when segment_moves.csv has revenue */
	double count[EG_MOVES_MAX_SEGMENTS + 1][EG_MOVES_MAX_SEGMENTS];	  /* customers */
	double revenue[EG_MOVES_MAX_SEGMENTS + 1][EG_MOVES_MAX_SEGMENTS]; /* their revenue */
	double row_total[EG_MOVES_MAX_SEGMENTS + 1]; /* customers per from-row */
	double col_total[EG_MOVES_MAX_SEGMENTS];     /* customers per to-column */
	double all;				     /* customers in the matrix */
	double stayed, moved, fresh;		     /* customers who stayed, moved, are new */
	double stayed_rev, moved_rev, fresh_rev;     /* their revenue */
};

/*
 * Fills m from moves (from_segment, to_segment, customers[, revenue]) and
 * segments (segment: the order of the rows and columns). A segment past
 * EG_MOVES_MAX_SEGMENTS is left out. m borrows the tables' strings.
 */
void eg_segment_moves_collect(struct eg_segment_moves *m, const struct eg_data_table *moves,
			      const struct eg_data_table *segments);

#endif
