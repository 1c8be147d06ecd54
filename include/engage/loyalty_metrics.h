/*
 * loyalty_metrics.h - loyalty programme members and their referrals per
 * month, from the loyalty export (loyalty.csv): members who joined by the
 * month's end (a member without a join date counts from the start), and the
 * referrals those members have, as the export counts them (the export gives
 * totals, not dates, for referrals). Guests and excluded people are not
 * members.
 */
#ifndef ENGAGE_LOYALTY_METRICS_H
#define ENGAGE_LOYALTY_METRICS_H

#include "engage/error.h"
#include "engage/kpis.h"
#include "engage/manifest.h"

/* Fills loyalty_members and referrals from dir/loyalty.csv when it is there. */
int eg_loyalty_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			    struct eg_error *err);

#endif
