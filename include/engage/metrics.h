/*
 * metrics.h - the catalogue of metrics: the id written in kpis.csv, the
 * plain name the workbook shows, the kind of value, and the definition from
 * METRICS.md. compute and render share it, so a metric is named once.
 */
#ifndef ENGAGE_METRICS_H
#define ENGAGE_METRICS_H

#include <stddef.h>

/* What a metric's value is. */
enum eg_metric_kind {
	EG_METRIC_COUNT, /* a whole number: orders, customers */
	EG_METRIC_MONEY, /* an amount in the report currency */
};

/* Index of each metric in eg_metrics. */
enum eg_metric_id {
	EG_M_ORDERS,
	EG_M_GROSS_REVENUE,
	EG_M_REFUNDS,
	EG_M_NET_REVENUE,
	EG_M_AOV,
	EG_M_ACTIVE_CUSTOMERS,
	EG_M_NEW_CUSTOMERS,
	EG_M_RETURNING_CUSTOMERS,
	EG_M_COUNT
};

/* One metric of the catalogue. */
struct eg_metric_def {
	const char *id;         /* snake_case id used in files */
	const char *name;       /* plain name for people */
	enum eg_metric_kind kind; /* how the value is written and formatted */
	const char *definition; /* one sentence, as on the Definitions sheet */
};

/* The catalogue, in report order, indexed by enum eg_metric_id. */
extern const struct eg_metric_def eg_metrics[EG_M_COUNT];

/* The metric with id, or NULL. */
const struct eg_metric_def *eg_metric_find(const char *id);

#endif
