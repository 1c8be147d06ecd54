/*
 * voice_metrics.h - the voice-of-the-customer metrics of the KPI grid:
 * NPS, CSAT and CES from survey responses (responses.csv), tickets and
 * resolution times from the support export (tickets.csv). Months are the
 * report timezone's (already selected). Tickets per 100 orders reads the
 * order metrics, so these are filled after them.
 *
 * NPS: promoters (9-10), passives (7-8), detractors (0-6); NPS = (promoters
 * - detractors) x 100 / responses, 2 decimals. CSAT: responses at the top
 * two points of the scale / responses. CES on the 1-7 agreement scale ("the
 * company made it easy"): the mean score, and high effort = the bottom
 * three points (1-3). Resolution: median hours from created to solved of
 * the tickets solved in the month (the mean of the middle two when even).
 */
#ifndef ENGAGE_VOICE_METRICS_H
#define ENGAGE_VOICE_METRICS_H

#include "engage/error.h"
#include "engage/kpis.h"
#include "engage/manifest.h"

/*
 * Fills the survey metrics from dir/responses.csv and the ticket metrics
 * from dir/tickets.csv, each when the file is there (counted in m).
 */
int eg_voice_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			  struct eg_error *err);

#endif
