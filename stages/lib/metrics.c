/*
 * metrics.c - the metric catalogue (definitions from METRICS.md).
 */
#include "engage/metrics.h"

#include <string.h>

const struct eg_metric_def eg_metrics[EG_M_COUNT] = {
	{"orders", "Orders", EG_METRIC_COUNT,
	 "Count of orders, excluding test orders and fully cancelled orders."},
	{"gross_revenue", "Gross revenue", EG_METRIC_MONEY, "Sum of order totals."},
	{"refunds", "Refunds", EG_METRIC_MONEY,
	 "Refunded amounts, in the month of the refund when the source dates it, "
	 "else in the month of the order."},
	{"net_revenue", "Net revenue", EG_METRIC_MONEY, "Gross revenue minus refunded amounts."},
	{"aov", "Average order value", EG_METRIC_MONEY, "Gross revenue / orders."},
	{"active_customers", "Active customers", EG_METRIC_COUNT,
	 "Customers with at least one order in the month."},
	{"new_customers", "New customers", EG_METRIC_COUNT,
	 "Customers whose first order is in the month."},
	{"returning_customers", "Returning customers", EG_METRIC_COUNT,
	 "Active customers whose first order is before the month."},
};

const struct eg_metric_def *eg_metric_find(const char *id)
{
	size_t i;

	for (i = 0; i < EG_M_COUNT; i++)
		if (strcmp(eg_metrics[i].id, id) == 0)
			return &eg_metrics[i];
	return NULL;
}
