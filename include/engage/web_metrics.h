/*
 * web_metrics.h - the web and funnel metrics of the KPI grid, from the
 * analytics export's daily rows (sessions.csv): sums per month of users,
 * sessions and funnel steps, then the rates of stages/compute/METRICS.md.
 * Revenue per visitor and the conversion rate's fallback (orders when no
 * purchases are exported) read the order metrics, so these are filled after
 * them.
 */
#ifndef ENGAGE_WEB_METRICS_H
#define ENGAGE_WEB_METRICS_H

#include "engage/error.h"
#include "engage/kpis.h"
#include "engage/manifest.h"

/*
 * Fills the web metrics of g from dir/sessions.csv when the file is there
 * (counting it in m); leaves them absent otherwise. A row that cannot be
 * read is EG_EDATA naming file and line.
 */
int eg_web_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			struct eg_error *err);

#endif
