/*
 * spend_metrics.h - the acquisition-cost metrics of the KPI grid from the
 * ad platforms' exports (spend.csv): marketing spend per month, cost per new
 * customer (CAC) and return on ad spend (ROAS). CAC and ROAS read the order
 * metrics (new customers, net revenue), so these are filled after them.
 *
 * A row's period (period.h) decides its month as for the web metrics: a
 * day, a month or a reporting range within one month counts in that month
 * exactly, a week across a month's end is split by its days (the figure
 * then says "estimated from weekly data"), and a reporting range over
 * several months is not spread: it is counted in the manifest instead
 * ("spend_rows_over_several_months"). Spend of several platforms adds up.
 */
#ifndef ENGAGE_SPEND_METRICS_H
#define ENGAGE_SPEND_METRICS_H

#include "engage/error.h"
#include "engage/kpis.h"
#include "engage/manifest.h"
#include "engage/table_output.h"

#include <stdint.h>

/*
 * Fills marketing_spend, cac and roas of g from dir/spend.csv when the file
 * is there (counting it in m); leaves them absent otherwise. A row that
 * cannot be read is EG_EDATA naming file and line.
 */
int eg_spend_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			  struct eg_error *err);

/* Columns of spend_by_campaign.csv, NULL-terminated. */
extern const char *const eg_spend_campaign_columns[];

/*
 * Writes spend_by_campaign.csv's rows to out: per channel and campaign of
 * dir/spend.csv (campaign "" when the export names none), in the order
 * they first appear, the spend, impressions and purchases falling in month
 * (year * 12 + month - 1), split from weeks as the spend is (estimated
 * "true"); ranges over several months are left out. No rows without the
 * file. EG_EDATA naming file and line for a bad row.
 */
int eg_spend_campaigns_write(const char *dir, int64_t month, struct eg_manifest *m,
			     struct eg_table_output *out, struct eg_error *err);

#endif
