/*
 * spend_metrics.c - marketing spend per month, CAC and ROAS (see
 * spend_metrics.h).
 */
#include "engage/spend_metrics.h"
#include "engage/array.h"
#include "engage/money.h"
#include "engage/period.h"
#include "engage/table_scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MONTHS  3 /* months a split row may touch (a week: 2) */
#define MAX_SOURCES 8 /* sources named in a month's note */

/* Spend of one month. */
struct spend_month {
	int64_t amount;		       /* money units */
	int seen;		       /* a row fell in the month */
	int estimated;		       /* part of it was split from a week */
	char sources[MAX_SOURCES][64]; /* the sources of its rows, in order of appearance */
	size_t nsources;	       /* entries at sources */
};

/* State of one scan. */
struct scan {
	struct spend_month *months; /* one per grid month */
	int64_t first;		    /* grid's first month */
	int64_t n;		    /* grid's months */
	int64_t over_months;	    /* rows of a range over several months */
};

/* Adds source (len bytes) to the month's list unless it is there or the list is full. */
static void add_source(struct spend_month *w, const char *source, size_t len)
{
	size_t i;

	if (len >= sizeof(w->sources[0]))
		len = sizeof(w->sources[0]) - 1;
	for (i = 0; i < w->nsources; i++)
		if (strlen(w->sources[i]) == len && memcmp(w->sources[i], source, len) == 0)
			return;
	if (w->nsources == MAX_SOURCES)
		return;
	memcpy(w->sources[w->nsources], source, len);
	w->sources[w->nsources++][len] = '\0';
}

/*
 * Reads a spend row's days and amount (columns date, period, period_end,
 * amount at col[0..3]) into *first, *last and *value, and the amount's
 * shares per month into m0 and share (n of them, 0 for a range over several
 * months, which is not spread). EG_EDATA naming the row when a cell is bad.
 */
static int split_row(struct eg_csv_reader *r, const long *col, int64_t *first, int64_t *last,
		     int64_t *value, int64_t *m0, int64_t share[MAX_MONTHS], size_t *n,
		     struct eg_error *err)
{
	size_t len, plen;
	const char *date = eg_csv_reader_field(r, col[0], &len);
	const char *period = eg_csv_reader_field(r, col[1], &plen);
	const char *end, *amount;
	struct eg_error e;

	if (eg_period_day_parse(date, len, first) != 0)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[0] + 1, "date '%s' is not YYYY-MM-DD", date);
	end = eg_csv_reader_field(r, col[2], &len);
	*last = *first;
	if (len && (eg_period_day_parse(end, len, last) != 0 || *last < *first))
		return eg_error_set(
			err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), col[2] + 1,
			"period_end '%s' is not a YYYY-MM-DD on or after the date", end);
	amount = eg_csv_reader_field(r, col[3], &len);
	*value = 0;
	if (len && eg_money_parse(amount, len, NULL, value, &e) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[3] + 1, "amount '%s' is not an amount", amount);
	*n = eg_period_split(*first, *last, *value, m0, share, MAX_MONTHS);
	if (*n != 1 && (*n == 0 || (plen == 5 && memcmp(period, "range", 5) == 0)))
		*n = 0;
	return EG_OK;
}

static int add_row(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	size_t slen, n, k;
	const char *source = eg_csv_reader_field(r, col[4], &slen);
	int64_t first, last, m0, value, share[MAX_MONTHS];
	int rc = split_row(r, col, &first, &last, &value, &m0, share, &n, err);

	if (rc != EG_OK)
		return rc;
	if (n == 0) {
		s->over_months++;
		return EG_OK;
	}
	for (k = 0; k < n; k++) {
		struct spend_month *w;

		if (m0 + (int64_t)k < s->first || m0 + (int64_t)k >= s->first + s->n)
			continue;
		w = &s->months[m0 + (int64_t)k - s->first];
		if (eg_money_add(&w->amount, share[k]) != EG_OK)
			return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					    eg_csv_reader_line(r), col[3] + 1,
					    "the month's spend leaves the amount range");
		w->seen = 1;
		w->estimated |= n > 1;
		add_source(w, source, slen);
	}
	return EG_OK;
}

/* Fills month m's metrics from w. */
static int fill(struct eg_kpi_grid *g, int64_t m, const struct spend_month *w)
{
	static const char none[] = "no ad spend in the month";
	const struct eg_kpi_cell *new_customers = eg_kpi_cell(g, m, EG_M_NEW_CUSTOMERS);
	const struct eg_kpi_cell *net = eg_kpi_cell(g, m, EG_M_NET_REVENUE);
	char note[600] = "source: ";
	size_t i, used = strlen(note);
	int rc = EG_OK;

	if (!w->seen) {
		eg_kpi_set_fraction(g, m, EG_M_MARKETING_SPEND, 0, 0, none);
		eg_kpi_set_fraction(g, m, EG_M_CAC, 0, 0, none);
		eg_kpi_set_fraction(g, m, EG_M_ROAS, 0, 0, none);
		return EG_OK;
	}
	for (i = 0; i < w->nsources && used < sizeof(note); i++)
		used += (size_t)snprintf(note + used, sizeof(note) - used, "%s%s", i ? ", " : "",
					 w->sources[i][0] ? w->sources[i] : "-");
	if (w->estimated && used < sizeof(note))
		snprintf(note + used, sizeof(note) - used, "; estimated from weekly data");
	eg_kpi_set_money(g, m, EG_M_MARKETING_SPEND, w->amount);
	if (new_customers && new_customers->type == EG_CELL_INT && new_customers->a > 0)
		/* rounded to the cent, as the average order value */
		eg_kpi_set_money(g, m, EG_M_CAC,
				 eg_money_div_round(w->amount, new_customers->a * 100) * 100);
	else
		eg_kpi_set_fraction(g, m, EG_M_CAC, 0, 0, "no new customers");
	if (net && net->type == EG_CELL_MONEY && w->amount)
		eg_kpi_set_fraction(g, m, EG_M_ROAS, net->a, w->amount, "");
	else
		eg_kpi_set_fraction(g, m, EG_M_ROAS, 0, 0,
				    w->amount ? "no net revenue" : "no marketing spend");
	for (i = 0; i < 3 && rc == EG_OK; i++) {
		enum eg_metric_id id = i == 0	? EG_M_MARKETING_SPEND
				       : i == 1 ? EG_M_CAC
						: EG_M_ROAS;

		if (eg_kpi_cell(g, m, id)->type != EG_CELL_ABSENT && w->nsources)
			rc = eg_kpi_set_note(g, m, id, note);
	}
	return rc;
}

int eg_spend_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			  struct eg_error *err)
{
	static const char *const need[] = {
		"date", "period", "period_end", "amount", "source", NULL
	};
	char *path;
	struct scan s = { 0 };
	int64_t k;
	int rc;

	rc = eg_table_scan_find(dir, "spend.csv", &path, err);
	if (rc != EG_OK || !path)
		return rc;
	s.first = g->first_month;
	s.n = g->nmonths;
	s.months = calloc((size_t)(s.n ? s.n : 1), sizeof(*s.months));
	rc = s.months ? eg_table_scan(path, need, m, add_row, &s, err)
		      : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (k = 0; rc == EG_OK && k < s.n; k++)
		if (fill(g, s.first + k, &s.months[k]) != EG_OK)
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK && s.over_months &&
	    eg_manifest_stat(m, path, "spend_rows_over_several_months", s.over_months) != EG_OK)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	free(s.months);
	free(path);
	return rc;
}

const char *const eg_spend_campaign_columns[] = {
	"month",     "channel",	  "campaign", "spend", "impressions",
	"purchases", "estimated", NULL,
};

/* One campaign's figures in the report month. */
struct campaign {
	char channel[64], name[256]; /* as in spend.csv (truncated) */
	int64_t spend;		     /* money units */
	int64_t impressions, purchases;
	int estimated; /* part of it was split from a week */
};

/* State of the campaign scan. */
struct campaigns {
	int64_t month;	    /* the report month */
	struct campaign *v; /* in the order they first appear */
	size_t n, cap;	    /* entries and room at v */
};

/* The report month's share of a count over days first..last, as the amount's. */
static int64_t month_count(struct eg_csv_reader *r, long col, int64_t first, int64_t last,
			   int64_t month)
{
	size_t len;
	const char *s = eg_csv_reader_field(r, col, &len);
	int64_t v = 0, m0, share[MAX_MONTHS];
	struct eg_error e;
	size_t n, k;

	if (!len || eg_money_parse(s, len, NULL, &v, &e) != EG_OK)
		return 0;
	n = eg_period_split(first, last, v / EG_MONEY_SCALE, &m0, share, MAX_MONTHS);
	for (k = 0; k < n; k++)
		if (m0 + (int64_t)k == month)
			return share[k];
	return 0;
}

static int add_campaign(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct campaigns *c = ctx;
	const char *channel = eg_csv_reader_field(r, col[4], NULL);
	const char *name = eg_csv_reader_field(r, col[5], NULL);
	int64_t first, last, m0, value, share[MAX_MONTHS];
	size_t n, k, i;
	int rc = split_row(r, col, &first, &last, &value, &m0, share, &n, err);

	if (rc != EG_OK || c->month < m0 || c->month >= m0 + (int64_t)n)
		return rc;
	k = (size_t)(c->month - m0);
	for (i = 0; i < c->n; i++)
		if (strncmp(c->v[i].channel, channel, sizeof(c->v[i].channel) - 1) == 0 &&
		    strncmp(c->v[i].name, name, sizeof(c->v[i].name) - 1) == 0)
			break;
	if (i == c->n) {
		if (eg_array_reserve((void **)&c->v, &c->cap, c->n + 1, sizeof(*c->v), 16) != 0)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		memset(&c->v[i], 0, sizeof(c->v[i]));
		snprintf(c->v[i].channel, sizeof(c->v[i].channel), "%s", channel);
		snprintf(c->v[i].name, sizeof(c->v[i].name), "%s", name);
		c->n++;
	}
	if (eg_money_add(&c->v[i].spend, share[k]) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r),
				    col[3] + 1, "the campaign's spend leaves the amount range");
	c->v[i].impressions += month_count(r, col[6], first, last, c->month);
	c->v[i].purchases += month_count(r, col[7], first, last, c->month);
	c->v[i].estimated |= n > 1;
	return EG_OK;
}

int eg_spend_campaigns_write(const char *dir, int64_t month, struct eg_manifest *m,
			     struct eg_table_output *out, struct eg_error *err)
{
	static const char *const need[] = { "date",    "period",   "period_end",  "amount",
					    "channel", "campaign", "impressions", "purchases",
					    NULL };
	struct campaigns c = { .month = month };
	char *path = NULL, ym[48];
	size_t i;
	int rc = eg_table_scan_find(dir, "spend.csv", &path, err);

	if (rc == EG_OK && path)
		rc = eg_table_scan(path, need, m, add_campaign, &c, err);
	snprintf(ym, sizeof(ym), "%04lld-%02lld", (long long)(month / 12),
		 (long long)(month % 12 + 1));
	for (i = 0; rc == EG_OK && i < c.n; i++) {
		char num[32];

		eg_csv_write_str(&out->w, ym);
		eg_csv_write_str(&out->w, c.v[i].channel);
		eg_csv_write_str(&out->w, c.v[i].name);
		eg_csv_write_money(&out->w, c.v[i].spend);
		snprintf(num, sizeof(num), "%lld", (long long)c.v[i].impressions);
		eg_csv_write_str(&out->w, num);
		snprintf(num, sizeof(num), "%lld", (long long)c.v[i].purchases);
		eg_csv_write_str(&out->w, num);
		eg_csv_write_str(&out->w, c.v[i].estimated ? "true" : "false");
		eg_table_output_end_row(out);
	}
	free(c.v);
	free(path);
	return rc;
}
