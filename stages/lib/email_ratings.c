/*
 * email_ratings.c - join's customers summed per email engagement rating
 * (see email_ratings.h), in one pass over customers.csv.
 */
#include "engage/email_ratings.h"
#include "engage/csv_table.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/table_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_email_rating_columns[] = {
	"rating",  "members",	       "subscribed",	    "buyers", "orders",
	"revenue", "orders_per_buyer", "revenue_per_buyer", NULL,
};

/* The customers of one rating. */
struct rating {
	int64_t members, subscribed, buyers, orders, revenue;
};

/* Sums per rating, index 1-5; rated is how many customers have one. */
struct ratings {
	struct rating r[6];
	int64_t rated;
};

/* Places of the columns read in col[]. */
enum { C_RATING, C_STATUS, C_ORDERS, C_REVENUE };

/* Adds the reader's current customer to s when it has a rating. */
static int add_customer(struct ratings *s, struct eg_csv_reader *r, const long *col,
			struct eg_error *err)
{
	const char *rating = eg_csv_reader_field(r, col[C_RATING], NULL);
	size_t olen, len;
	const char *orders = eg_csv_reader_field(r, col[C_ORDERS], &olen);
	const char *revenue = eg_csv_reader_field(r, col[C_REVENUE], &len);
	struct rating *t;
	int64_t amount = 0, n = 0;

	if (!(rating[0] >= '1' && rating[0] <= '5' && !rating[1]))
		return EG_OK;
	t = &s->r[rating[0] - '0'];
	s->rated++;
	t->members++;
	t->subscribed += strcmp(eg_csv_reader_field(r, col[C_STATUS], NULL), "subscribed") == 0;
	if (eg_int_parse(orders, olen, &n, err) != EG_OK ||
	    (n > 0 && eg_money_parse(revenue, len, NULL, &amount, err) != EG_OK)) {
		err->line = eg_csv_reader_line(r);
		snprintf(err->file, sizeof(err->file), "%s", eg_csv_reader_path(r));
		return err->status;
	}
	if (n <= 0)
		return EG_OK;
	t->buyers++;
	return eg_int_add(&t->orders, n) == EG_OK && eg_money_add(&t->revenue, amount) == EG_OK
		       ? EG_OK
		       : eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				      0, "orders or revenue of rating %c do not fit", rating[0]);
}

int eg_email_ratings_write(const char *dir, struct eg_table_output *out, struct eg_error *err)
{
	static const char *const need[] = { "email_rating", "email_status", "orders", "revenue" };
	struct ratings s;
	char *path;
	struct eg_csv_reader *r = NULL;
	long col[4];
	int rc = eg_table_scan_find(dir, "customers.csv", &path, err), i, has = 1;

	if (rc != EG_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	if (path)
		rc = eg_csv_reader_open(&r, path, NULL, err);
	free(path);
	/* A customers.csv of an older join has no rating: nothing to write. */
	for (i = 0; r && i < 4; i++)
		has &= (col[i] = eg_csv_reader_column(r, need[i])) >= 0;
	while (r && has && rc == EG_OK && (rc = eg_csv_reader_next(r, err)) == 1)
		rc = add_customer(&s, r, col, err);
	if (rc < 0)
		rc = (int)err->status;
	eg_csv_reader_free(r);
	if (rc != EG_OK || !s.rated)
		return rc;
	for (i = 1; i <= 5; i++) {
		const struct rating *t = &s.r[i];

		eg_csv_write_int(&out->w, i);
		eg_csv_write_int(&out->w, t->members);
		eg_csv_write_int(&out->w, t->subscribed);
		eg_csv_write_int(&out->w, t->buyers);
		eg_csv_write_int(&out->w, t->orders);
		eg_csv_write_money(&out->w, t->revenue);
		eg_csv_write_fraction(&out->w, t->orders, t->buyers, 2);
		if (t->buyers)
			eg_csv_write_money(&out->w, eg_money_div_round(t->revenue, t->buyers));
		else
			eg_csv_write_str(&out->w, "");
		eg_table_output_end_row(out);
	}
	return EG_OK;
}
