/*
 * segments_table.h - the Segments sheet's figures: segments.csv's totals and
 * the churn-risk bands summed from the customers, high to low, with their
 * shares and average P(alive). No workbook here, so the sums are tested on
 * their own.
 */
#ifndef ENGAGE_SEGMENTS_TABLE_H
#define ENGAGE_SEGMENTS_TABLE_H

#include <stdint.h>

#include "engage/data_table.h"
#include "engage/workbook_data.h"

/* segments.csv's Total row. */
struct eg_segments_total {
	double customers;      /* customers summed over the segments */
	double revenue;	       /* revenue summed over the segments */
	double customer_share; /* 1 when there are customers, else 0 */
	double revenue_share;  /* 1 when the revenue is not 0, else 0 */
};

/* One churn-risk band as the sheet shows it. */
struct eg_band_row {
	const char *name;	/* the band; "" for customers without one; borrowed */
	int64_t customers;	/* customers in it */
	double revenue;		/* their revenue */
	int has_customer_share; /* 1 when customer_share is known (some customers) */
	double customer_share;	/* its share of the banded customers */
	int has_revenue_share;	/* 1 when revenue_share is known (revenue not 0) */
	double revenue_share;	/* its share of their revenue */
	int has_p_alive;	/* 1 when some customer has a P(alive) */
	double p_alive;		/* their average P(alive) */
};

/* The bands of a tally, in the order the sheet shows them. */
struct eg_segment_bands {
	struct eg_band_row rows[EG_WORKBOOK_MAX_BANDS]; /* high, medium, low, then others */
	int n;						/* how many */
	int64_t unbanded; /* customers in bands past EG_WORKBOOK_MAX_BANDS */
};

/* A churn-risk band's place on the sheet: 0 high, 1 medium, 2 low, 3 others. */
int eg_band_rank(const char *name);

/* Sums segments.csv's customers and revenue columns into out (zeroed first). */
void eg_segments_total_collect(struct eg_segments_total *out, const struct eg_data_table *segments);

/*
 * Fills out from the tally's bands, ordered by eg_band_rank (equal ranks in
 * the order first met). out borrows the tally's names.
 */
void eg_segment_bands_collect(struct eg_segment_bands *out, const struct eg_workbook_tally *t);

#endif
