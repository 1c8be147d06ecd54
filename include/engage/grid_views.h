/*
 * grid_views.h - tables that show parts of the KPI grid another way:
 *   funnel.csv   month, step, count, share_of_previous, share_of_sessions;
 *                steps sessions -> product views -> add to cart -> checkout
 *                -> purchase, for the months with analytics rows; a step
 *                the month's analytics source does not give is left out,
 *                and the next is a share of the step before it that is there
 *   journey.csv  month, stage, measure, value, unit, note; the five
 *                engagement stages of stages/compute/METRICS.md (awareness,
 *                consideration, conversion, retention, advocacy) with their
 *                measures
 *   voice.csv    month, measure, value, unit, note; surveys and tickets
 *   summary.csv  metric, value, previous, change, change_ratio, last_year,
 *                change_last_year, change_ratio_last_year, unit, note: every
 *                metric of the report month beside the month before and the
 *                same month a year before; changes are between the values
 *                as written (rounded), ratios of a change to the earlier
 *                value's size with 6 decimals, empty where a value is absent
 *                or the earlier one is 0
 * A value whose source is absent is empty with the reason, as in kpis.csv.
 */
#ifndef ENGAGE_GRID_VIEWS_H
#define ENGAGE_GRID_VIEWS_H

#include "engage/kpis.h"
#include "engage/table_output.h"

/* Columns of the three tables, NULL-terminated. */
extern const char *const eg_funnel_columns[];
extern const char *const eg_journey_columns[];
extern const char *const eg_voice_columns[];
extern const char *const eg_summary_columns[];

/* Writes funnel.csv rows from g. */
void eg_funnel_write(struct eg_kpi_grid *g, struct eg_table_output *out);

/* Writes journey.csv rows from g; money in currency. */
void eg_journey_write(struct eg_kpi_grid *g, const char *currency, struct eg_table_output *out);

/* Writes voice.csv rows from g. */
void eg_voice_write(struct eg_kpi_grid *g, struct eg_table_output *out);

/* Writes summary.csv rows for month index report from g; money in currency. */
void eg_summary_write(struct eg_kpi_grid *g, int64_t report, const char *currency,
		      struct eg_table_output *out);

#endif
