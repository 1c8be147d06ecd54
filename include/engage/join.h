/*
 * join.h - the join stage: resolving customers and keying facts by them.
 *
 * A customer is everything linked by an email (case-insensitive: clean
 * lowercases) or a platform customer id: a row carrying both links them.
 * An order with neither is found by its phone, else by its buyer's name
 * within its source; neither links to anything. Rows with none of these are
 * anonymous: they keep an empty customer_id, count in orders and revenue,
 * and stay out of customer metrics. A customer_id is "c" and 16 hex digits
 * of a hash of the customer's smallest email (or, with no email, its
 * smallest customer id, else its phone, else its name key), so it is the
 * same in every month's run.
 *
 * Outputs: orders.csv and refunds.csv (customer_id, then clean's columns)
 * and customers.csv (one row per customer, sorted by customer_id; refunds
 * include the customer's returns).
 */
#ifndef ENGAGE_JOIN_H
#define ENGAGE_JOIN_H

#include <stdint.h>

#include "engage/error.h"

/* Where join reads and writes. */
struct eg_join_options {
	const char *in_dir;  /* clean's output folder (orders.csv, and refunds.csv if there) */
	const char *out_dir; /* folder for the outputs, created if needed */
};

/* What a run did. */
struct eg_join_result {
	int64_t customers; /* rows of customers.csv */
	int64_t anonymous; /* orders with neither email nor customer id */
};

/* Runs the stage; on failure no output changes and err says why. */
int eg_join_run(const struct eg_join_options *opts, struct eg_join_result *res,
		struct eg_error *err);

#endif
