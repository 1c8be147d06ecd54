/*
 * loyalty_metrics.c - members by the day they joined, summed month by month.
 */
#include "engage/loyalty_metrics.h"
#include "engage/datetime.h"
#include "engage/loyalty.h"
#include "engage/integer.h"
#include "engage/table_scan.h"
#include "engage/timezone.h"

#include <stdlib.h>
#include <string.h>

/* Members and referrals joining in each grid month, plus those before it. */
struct scan {
	int64_t *members;   /* members who joined in month k (k = -1 .. n - 1, shifted by one) */
	int64_t *referrals; /* their referrals */
	int64_t first, n;   /* grid months */
	struct eg_datetime_parser *dates; /* for joined_at */
};

static int add_member(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	size_t len, rlen;
	const char *at = eg_csv_reader_field(r, col[0], &len);
	const char *ref = eg_csv_reader_field(r, col[1], &rlen);
	int64_t t, k, referrals = 0;

	if (!eg_loyalty_is_member(eg_csv_reader_field(r, col[2], NULL)))
		return EG_OK;
	if (rlen && eg_int_parse(ref, rlen, &referrals, err) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "referrals '%s' is not a whole number", ref);
	/* A member without a join date counts from the start. */
	k = -1;
	if (len) {
		if (eg_datetime_parse(s->dates, at, len, &t, err) != EG_OK)
			return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					    eg_csv_reader_line(r), 0,
					    "joined_at '%s' cannot be read", at);
		k = eg_tz_local_month(t) - s->first;
		if (k < -1)
			k = -1;
	}
	if (k >= s->n)
		return EG_OK;
	s->members[k + 1]++;
	if (eg_int_add(&s->referrals[k + 1], referrals) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "referrals '%s': the month's sum leaves the integer range",
				    ref);
	return EG_OK;
}

int eg_loyalty_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			    struct eg_error *err)
{
	static const char *const need[] = { "joined_at", "referrals", "status", NULL };
	char *path;
	struct scan s = { 0 };
	int64_t k, members = 0, referrals = 0;
	int rc = EG_OK;

	rc = eg_table_scan_find(dir, "loyalty.csv", &path, err);
	if (rc != EG_OK || !path)
		return rc;
	s.first = g->first_month;
	s.n = g->nmonths;
	s.members = calloc((size_t)s.n + 1, sizeof(int64_t));
	s.referrals = calloc((size_t)s.n + 1, sizeof(int64_t));
	if (!s.members || !s.referrals)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = eg_datetime_parser_new(&s.dates, err);
	if (rc == EG_OK)
		rc = eg_table_scan(path, need, m, add_member, &s, err);
	for (k = -1; rc == EG_OK && k < s.n; k++) {
		members += s.members[k + 1];
		if (eg_int_add(&referrals, s.referrals[k + 1]) != EG_OK) {
			rc = eg_error_set(err, EG_EDATA, path, 0, 0,
					  "referrals: the running total leaves the integer range");
			break;
		}
		if (k < 0)
			continue;
		eg_kpi_set_int(g, s.first + k, EG_M_LOYALTY_MEMBERS, members);
		eg_kpi_set_int(g, s.first + k, EG_M_REFERRALS, referrals);
	}
	eg_datetime_parser_free(s.dates);
	free(s.members);
	free(s.referrals);
	free(path);
	return rc;
}
