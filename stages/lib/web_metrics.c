/*
 * web_metrics.c - monthly sums of the analytics rows and the web rates.
 */
#include "engage/web_metrics.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/path.h"
#include "engage/table_scan.h"
#include "engage/tables.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The counted columns of sessions.csv, in the order of struct web_month's fields. */
static const char *const counted[] = {
	"users",	 "new_users",	 "sessions",  "engaged_sessions", "engagement_seconds",
	"product_views", "add_to_carts", "checkouts", "purchases",
};

#define NCOUNTED (sizeof(counted) / sizeof(counted[0]))

/* Sums of one month. */
struct web_month {
	int64_t v[NCOUNTED]; /* sums of the counted columns */
	int seen;	     /* a row fell in the month */
	int purchases;	     /* a row of the month gave purchases */
};

enum { USERS, NEW_USERS, SESSIONS, ENGAGED, SECONDS, VIEWS, CARTS, CHECKOUTS, PURCHASES };

/* State of one scan. */
struct scan {
	struct web_month *months; /* one per grid month */
	int64_t first;		  /* grid's first month */
	int64_t n;		  /* grid's months */
};

static int add_row(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	size_t len, i;
	const char *date = eg_csv_reader_field(r, col[0], &len);
	char month[8];
	int64_t m, v;

	if (len != 10 || date[7] != '-' || date[8] < '0' || date[8] > '3' || date[9] < '0' ||
	    date[9] > '9' || (date[8] - '0') * 10 + (date[9] - '0') < 1 ||
	    (date[8] - '0') * 10 + (date[9] - '0') > 31)
		goto bad;
	memcpy(month, date, 7);
	month[7] = '\0';
	if (eg_month_parse(month, &m, err) != EG_OK)
		goto bad;
	if (m < s->first || m >= s->first + s->n)
		return EG_OK;
	for (i = 0; i < NCOUNTED; i++) {
		const char *f = eg_csv_reader_field(r, col[i + 1], &len);

		/* An export without a column writes it empty: it adds nothing. */
		if (len && eg_int_parse(f, len, &v, err) != EG_OK)
			return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					    eg_csv_reader_line(r), 0,
					    "%s '%s' is not a whole number", counted[i], f);
		if (len && eg_int_add(&s->months[m - s->first].v[i], v) != EG_OK)
			return eg_error_set(
				err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				"%s: the month's sum leaves the integer range", counted[i]);
		if (len && i == PURCHASES)
			s->months[m - s->first].purchases = 1;
	}
	s->months[m - s->first].seen = 1;
	return EG_OK;
bad:
	return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
			    "date '%s' is not YYYY-MM-DD", date);
}

static void fill(struct eg_kpi_grid *g, int64_t m, const struct web_month *w)
{
	static const char none[] = "no analytics rows in the month";
	const struct eg_kpi_cell *orders = eg_kpi_cell(g, m, EG_M_ORDERS);
	const struct eg_kpi_cell *net = eg_kpi_cell(g, m, EG_M_NET_REVENUE);
	const int64_t *v = w->v;
	int64_t conversions = w->purchases ? v[PURCHASES] : orders->a;

	if (!w->seen) {
		for (int id = EG_M_SESSIONS; id <= EG_M_ENGAGED_SESSION_RATE; id++)
			eg_kpi_set_fraction(g, m, (enum eg_metric_id)id, 0, 0, none);
		return;
	}
	eg_kpi_set_int(g, m, EG_M_SESSIONS, v[SESSIONS]);
	eg_kpi_set_int(g, m, EG_M_USERS, v[USERS]);
	eg_kpi_set_int(g, m, EG_M_NEW_USERS, v[NEW_USERS]);
	eg_kpi_set_int(g, m, EG_M_PRODUCT_VIEWS, v[VIEWS]);
	eg_kpi_set_int(g, m, EG_M_ADD_TO_CARTS, v[CARTS]);
	eg_kpi_set_int(g, m, EG_M_CHECKOUTS, v[CHECKOUTS]);
	eg_kpi_set_int(g, m, EG_M_PURCHASES, v[PURCHASES]);
	eg_kpi_set_fraction(g, m, EG_M_CONVERSION_RATE, conversions, v[SESSIONS], "no sessions");
	eg_kpi_set_fraction(g, m, EG_M_CONVERSION_RATE_USERS, conversions, v[USERS], "no users");
	if (w->purchases)
		eg_kpi_set_fraction(g, m, EG_M_CART_ABANDONMENT_RATE, v[CARTS] - v[PURCHASES],
				    v[CARTS], "no add-to-carts");
	else
		eg_kpi_set_fraction(g, m, EG_M_CART_ABANDONMENT_RATE, 0, 0,
				    "the analytics export has no purchases");
	eg_kpi_set_fraction(g, m, EG_M_RETURNING_VISITOR_RATE, v[USERS] - v[NEW_USERS], v[USERS],
			    "no users");
	/* Money per user: net revenue (money units) / users, to money units. */
	if (v[USERS] && net && net->type == EG_CELL_MONEY)
		eg_kpi_set_money(g, m, EG_M_REVENUE_PER_VISITOR,
				 eg_money_div_round(net->a, v[USERS] * 100) * 100);
	else
		eg_kpi_set_fraction(g, m, EG_M_REVENUE_PER_VISITOR, 0, 0, "no users");
	eg_kpi_set_fraction(g, m, EG_M_AVERAGE_ENGAGEMENT_TIME, v[SECONDS], v[USERS], "no users");
	eg_kpi_set_fraction(g, m, EG_M_ENGAGED_SESSION_RATE, v[ENGAGED], v[SESSIONS],
			    "no sessions");
}

int eg_web_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			struct eg_error *err)
{
	const char *need[NCOUNTED + 2];
	char *path = eg_path_join(dir, "sessions.csv");
	struct scan s = { 0 };
	int64_t k;
	size_t i;
	int rc;

	if (!path)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (access(path, F_OK) != 0) {
		free(path);
		return EG_OK;
	}
	need[0] = "date";
	for (i = 0; i < NCOUNTED; i++)
		need[i + 1] = counted[i];
	need[NCOUNTED + 1] = NULL;
	s.first = g->first_month;
	s.n = g->nmonths;
	s.months = calloc((size_t)(s.n ? s.n : 1), sizeof(*s.months));
	rc = s.months ? eg_table_scan(path, need, m, add_row, &s, err)
		      : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (k = 0; rc == EG_OK && k < s.n; k++)
		fill(g, s.first + k, &s.months[k]);
	free(s.months);
	free(path);
	return rc;
}
