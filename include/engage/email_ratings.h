/*
 * email_ratings.h - customers by the email tool's engagement rating
 * (Mailchimp's MEMBER_RATING, 1-5, from an audience export): per rating,
 * the audience members, those subscribed, those who bought (at least one
 * counted order) and what the buyers bought, from join's customers.csv.
 *
 * email_ratings.csv: rating, members, subscribed, buyers, orders, revenue,
 * orders_per_buyer, revenue_per_buyer; one row per rating 1-5 when any
 * customer has a rating, none otherwise.
 */
#ifndef ENGAGE_EMAIL_RATINGS_H
#define ENGAGE_EMAIL_RATINGS_H

#include "engage/error.h"
#include "engage/table_output.h"

/* Columns of email_ratings.csv, NULL-terminated. */
extern const char *const eg_email_rating_columns[];

/*
 * Writes email_ratings.csv rows to out from dir/customers.csv, when it has
 * an email_rating column and any customer a rating; out stays empty
 * otherwise (no customers.csv too). A revenue that is not an amount is
 * EG_EDATA naming the file and line.
 */
int eg_email_ratings_write(const char *dir, struct eg_table_output *out, struct eg_error *err);

#endif
