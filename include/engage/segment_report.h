/*
 * segment_report.h - the tables made from RFM scores: one row per customer
 * (customer_scores.csv), per segment (segments.csv) and per move between
 * segments since the previous month (segment_moves.csv).
 */
#ifndef ENGAGE_SEGMENT_REPORT_H
#define ENGAGE_SEGMENT_REPORT_H

#include "engage/churn_model.h"
#include "engage/error.h"
#include "engage/facts.h"
#include "engage/rfm.h"
#include "engage/table_output.h"

/* Columns of the three tables, NULL-terminated. */
extern const char *const eg_customer_score_columns[];
extern const char *const eg_segment_columns[];
extern const char *const eg_segment_move_columns[];

/*
 * Writes customer_scores.csv: every customer scored now (now[c].frequency >
 * 0), in customer_id order, with the segment it had as of the previous
 * month's end (prev_segment[c], -1 and "" when it was not a customer
 * yet: the segment field of eg_rfm_score as of then), and its churn
 * model predictions (empty where the model was not fitted): the churn-risk
 * band, what it comes from (p_alive or recency) and, when from recency,
 * the typical days between orders and how many of them passed since the
 * last order.
 */
void eg_customer_scores_write(const struct eg_facts *f, const struct eg_rfm_grid *g,
			      const struct eg_rfm_score *now, const int *prev_segment,
			      const struct eg_churn_score *churn, struct eg_table_output *out);

/* Columns of risk_bands.csv, NULL-terminated. */
extern const char *const eg_risk_band_columns[];

/*
 * Writes risk_bands.csv: per churn-risk band (high, medium, low) the
 * customers, their share, revenue (monetary) and its share, the mean
 * P(alive) (4 decimals), what the bands come from (p_alive or recency) and
 * the mean typical gaps since the last order (2 decimals, when from
 * recency). Nothing when no customer has a band.
 */
void eg_risk_bands_write(const struct eg_facts *f, const struct eg_rfm_score *now,
			 const struct eg_churn_score *churn, struct eg_table_output *out);

/*
 * Writes segments.csv: per segment of the grid (in the actions file's
 * order) its customers and share, revenue (monetary) and share, average
 * recency in days (2 decimals), engagement model and action, and how R
 * and F were scored ("quintiles" or "fixed thresholds", from scoring).
 */
void eg_segments_write(const struct eg_facts *f, const struct eg_rfm_grid *g,
		       const struct eg_rfm_score *now, enum eg_rfm_scoring scoring,
		       struct eg_table_output *out);

/*
 * Writes segment_moves.csv: for every pair (segment a month ago, segment
 * now) with customers, the customers and their revenue (monetary now);
 * "(new)" is the from segment of customers who had no order a month ago
 * (prev_segment[c] -1). EG_EIO on out of memory.
 */
int eg_segment_moves_write(const struct eg_facts *f, const struct eg_rfm_grid *g,
			   const struct eg_rfm_score *now, const int *prev_segment,
			   struct eg_table_output *out, struct eg_error *err);

#endif
