/*
 * tables.c - column names of the canonical tables.
 */
#include "engage/tables.h"

#include <stddef.h>
#include <string.h>

const char *const eg_order_columns[] = {
	"order_id", "customer_ref", "email", "created_at", "currency", "subtotal",
	"discount", "shipping", "tax", "total", "refunded", "financial_status",
	"cancelled", "is_test", "items", "units", "source", "discount_code",
	"accepts_marketing", "country", "source_file", "source_line", NULL,
};

const char *const eg_line_columns[] = {
	"order_id", "sku", "product", "quantity", "unit_price", "line_total",
	"source_file", "source_line", NULL,
};

const char *const eg_refund_columns[] = {
	"refund_id", "customer_ref", "email", "refunded_at", "currency", "amount", "items",
	"units", "source", "source_file", "source_line", NULL,
};

const char *const eg_customer_columns[] = {
	"customer_id", "email", "customer_ref", "first_order_at", "last_order_at",
	"orders", "revenue", "refunds", "accepts_marketing", NULL,
};

const char *const eg_kpi_columns[] = {"month", "metric", "value", "unit", NULL};

int eg_order_is_counted(const char *cancelled, const char *is_test)
{
	return strcmp(cancelled, "true") != 0 && strcmp(is_test, "true") != 0;
}
