/*
 * web_metrics.h - the web and funnel metrics of the KPI grid, from the
 * analytics reports' rows (sessions.csv: days, weeks, months or report
 * ranges, from one or more sources): sums per month of users, sessions and
 * funnel steps, then the rates of stages/compute/METRICS.md. A week across
 * a month's end is split by its days and its figures noted "estimated from
 * weekly data"; a range total over several months is not spread but
 * counted in the manifest ("web range total SOURCE FIRST..LAST"). A month's
 * funnel (sessions, steps, engaged sessions) comes from the most preferred
 * source that gives sessions and a step, its visitors (users, new users,
 * engagement time) from the most preferred that gives users; a value that
 * source does not give is absent, saying so; each note names the source.
 * Revenue per visitor and the conversion rate's fallback (orders when the
 * funnel has no purchases) read the order metrics, so these are filled
 * after them.
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
