/*
 * web_metrics.c - monthly sums of the analytics rows and the web rates.
 *
 * Rows are summed per source (the mapping that read them) and month; a
 * row's period (period.h) decides its months: a day or month row goes to
 * its month, a week across two months is split by its days (and its
 * month's figure marked estimated), a range total across months stays out
 * of the months and is counted in the manifest with its range. A month's
 * funnel and its visitors then each come from one source, by the order of
 * preference below (see fill), so figures of two platforms (Shopify's
 * sessions and GA4's) are never added up; each metric's note names it.
 */
#include "engage/web_metrics.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/money.h"
#include "engage/period.h"
#include "engage/table_scan.h"
#include "engage/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The counted columns of sessions.csv, in the order of struct web_month's fields. */
static const char *const counted[] = {
	"users",	 "new_users",	 "sessions",  "engaged_sessions", "engagement_seconds",
	"product_views", "add_to_carts", "checkouts", "purchases",
};

#define NCOUNTED (sizeof(counted) / sizeof(counted[0]))

/*
 * The order in which sources are preferred for any measure: Shopify's own
 * reports first (the store's count of its sessions and funnel, which an
 * analytics tag blocked by the browser or refused by the visitor does not
 * lower), its funnel report before its single-measure ones; then GA4's
 * sessions, its user acquisition and new users, its landing pages and users
 * by day; last Universal Analytics (Google's earlier analytics, which ran
 * beside GA4 until July 2023). A source not listed comes after these, in
 * the order its rows appear.
 */
static const char *const preferred[] = {
	"shopify_behavior", "shopify_sessions",	 "shopify_visitors", "ga4_sessions", "ga4_users",
	"ga4_new_users",    "ga4_landing_pages", "ga4_users_by_day", "ua_sessions",  "ua_channels",
};

#define NPREFERRED  (sizeof(preferred) / sizeof(preferred[0]))
#define MAX_SOURCES 32 /* distinct sources one sessions.csv may hold */
#define MAX_MONTHS  3  /* months a split row may touch (a week: 2) */

/* Sums of one source in one month. */
struct web_month {
	int64_t v[NCOUNTED]; /* sums of the counted columns */
	unsigned given;	     /* bit i: a row gave counted[i] */
	unsigned estimated;  /* bit i: part of a week split across months */
	int seen;	     /* a row fell in the month */
};

enum { USERS, NEW_USERS, SESSIONS, ENGAGED, SECONDS, VIEWS, CARTS, CHECKOUTS, PURCHASES };

/* What each counted column is, in words, for the note of a value a source does not give. */
static const char *const measure_words[NCOUNTED] = {
	"users",	 "new users",	 "sessions",  "engaged sessions", "engagement time",
	"product views", "add-to-carts", "checkouts", "purchases",
};

/* One source's rows. */
struct web_source {
	char name[64];		  /* the source column's value, "" when the table has none */
	int rank;		  /* place in the order of preference */
	struct web_month *months; /* one per grid month, owned */
};

#define MAX_RANGES 32 /* distinct report ranges across months */

/* The figures of one source for one report range that spans months. */
struct range_total {
	char name[160];	     /* "web range total SOURCE FIRST..LAST" */
	int64_t v[NCOUNTED]; /* sums of the counted columns */
	unsigned given;	     /* bit i: a row gave counted[i] */
};

/* State of one scan. */
struct scan {
	struct web_source src[MAX_SOURCES];    /* sources in order of appearance */
	size_t nsrc;			       /* entries at src */
	int64_t first;			       /* grid's first month */
	int64_t n;			       /* grid's months */
	long period_col, end_col, source_col;  /* optional columns, -1 when absent */
	int looked;			       /* the optional columns were looked up */
	struct eg_manifest *m;		       /* where range totals are counted */
	struct range_total ranges[MAX_RANGES]; /* range totals in order of appearance */
	size_t nranges;			       /* entries at ranges */
};

/* The source named s (len bytes) of the scan, added when new; NULL when too many. */
static struct web_source *source_of(struct scan *s, const char *name, size_t len)
{
	size_t i;

	if (len >= sizeof(s->src[0].name))
		len = sizeof(s->src[0].name) - 1;
	for (i = 0; i < s->nsrc; i++)
		if (strlen(s->src[i].name) == len && memcmp(s->src[i].name, name, len) == 0)
			return &s->src[i];
	if (s->nsrc == MAX_SOURCES)
		return NULL;
	memcpy(s->src[i].name, name, len);
	s->src[i].name[len] = '\0';
	s->src[i].rank = (int)(NPREFERRED + i);
	for (size_t k = 0; k < NPREFERRED; k++)
		if (strcmp(preferred[k], s->src[i].name) == 0)
			s->src[i].rank = (int)k;
	s->src[i].months = calloc((size_t)(s->n ? s->n : 1), sizeof(struct web_month));
	if (!s->src[i].months)
		return NULL;
	s->nsrc++;
	return &s->src[i];
}

/*
 * Adds a row's figures to the range total of its source and range,
 * "web range total SOURCE FIRST..LAST", kept for the manifest.
 */
static int count_range(struct scan *s, const char *source, size_t len, int64_t first, int64_t last,
		       const int64_t *v, unsigned given, struct eg_error *err)
{
	char name[sizeof(s->ranges[0].name)], a[EG_TIME_BUFSZ], b[EG_TIME_BUFSZ];
	struct range_total *t = NULL;
	size_t i;

	eg_time_format(first * 86400, a);
	eg_time_format(last * 86400, b);
	snprintf(name, sizeof(name), "web range total %.*s %.10s..%.10s",
		 (int)(len > 64 ? 64 : len), len ? source : "-", a, b);
	for (i = 0; i < s->nranges && !t; i++)
		if (strcmp(s->ranges[i].name, name) == 0)
			t = &s->ranges[i];
	if (!t && s->nranges == MAX_RANGES)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "more than %d report ranges in the analytics rows", MAX_RANGES);
	if (!t) {
		t = &s->ranges[s->nranges++];
		memcpy(t->name, name, sizeof(name));
	}
	for (i = 0; i < NCOUNTED; i++)
		if ((given >> i & 1) && eg_int_add(&t->v[i], v[i]) != EG_OK)
			return eg_error_set(err, EG_EDATA, NULL, 0, 0,
					    "%s: the range's sum leaves the integer range",
					    counted[i]);
	t->given |= given;
	return EG_OK;
}

static int add_row(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	size_t len, plen = 0, i, n, k;
	const char *date = eg_csv_reader_field(r, col[0], &len), *period = "", *source = "";
	int64_t first, last, m0, v[NCOUNTED], share[MAX_MONTHS];
	unsigned given = 0;
	struct web_source *src;

	if (!s->looked) {
		s->period_col = eg_csv_reader_column(r, "period");
		s->end_col = eg_csv_reader_column(r, "period_end");
		s->source_col = eg_csv_reader_column(r, "source");
		s->looked = 1;
	}
	if (eg_period_day_parse(date, len, &first) != 0)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "date '%s' is not YYYY-MM-DD", date);
	last = first;
	if (s->end_col >= 0) {
		const char *end = eg_csv_reader_field(r, s->end_col, &len);

		if (len && (eg_period_day_parse(end, len, &last) != 0 || last < first))
			return eg_error_set(
				err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				"period_end '%s' is not a YYYY-MM-DD on or after the date", end);
	}
	if (s->period_col >= 0)
		period = eg_csv_reader_field(r, s->period_col, &plen);
	for (i = 0; i < NCOUNTED; i++) {
		const char *f = eg_csv_reader_field(r, col[i + 1], &len);

		v[i] = 0;
		/* An export without a column writes it empty: it adds nothing. */
		if (len && eg_int_parse(f, len, &v[i], err) != EG_OK)
			return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
					    eg_csv_reader_line(r), 0,
					    "%s '%s' is not a whole number", counted[i], f);
		if (len)
			given |= 1u << i;
	}
	if (s->source_col >= 0)
		source = eg_csv_reader_field(r, s->source_col, &len);
	else
		len = 0;
	n = eg_period_split(first, last, 1, &m0, share, MAX_MONTHS);
	if (plen == 5 && memcmp(period, "range", 5) == 0 && n != 1)
		return count_range(s, source, len, first, last, v, given, err);
	if (n == 0)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "a %.*s row spans more than %d months", (int)plen, period,
				    MAX_MONTHS);
	if (m0 + (int64_t)n <= s->first || m0 >= s->first + s->n)
		return EG_OK;
	if (!(src = source_of(s, source, len)))
		return eg_error_set(err, EG_EIO, NULL, 0, 0,
				    "out of memory, or more than %d analytics sources",
				    MAX_SOURCES);
	for (i = 0; i < NCOUNTED; i++) {
		eg_period_split(first, last, v[i], &m0, share, MAX_MONTHS);
		for (k = 0; k < n; k++) {
			struct web_month *w;

			if (m0 + (int64_t)k < s->first || m0 + (int64_t)k >= s->first + s->n)
				continue;
			w = &src->months[m0 + (int64_t)k - s->first];
			w->seen = 1;
			if (!(given >> i & 1))
				continue;
			if (eg_int_add(&w->v[i], share[k]) != EG_OK)
				return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r),
						    eg_csv_reader_line(r), 0,
						    "%s: the month's sum leaves the integer range",
						    counted[i]);
			w->given |= 1u << i;
			if (n > 1)
				w->estimated |= 1u << i;
		}
	}
	return EG_OK;
}

/*
 * The most preferred source that gives, in month k, every measure of the
 * bit set all and at least one of any (0: none needed), or NULL.
 */
static const struct web_source *best(const struct scan *s, int64_t k, unsigned all, unsigned any)
{
	const struct web_source *b = NULL;
	size_t j;

	for (j = 0; j < s->nsrc; j++) {
		unsigned given = s->src[j].months[k].given;

		if ((given & all) == all && (!any || (given & any)) && given &&
		    (!b || s->src[j].rank < b->rank))
			b = &s->src[j];
	}
	return b;
}

/* One group's source in a month: the funnel's, or the visitors'. */
struct group {
	const struct web_source *src; /* NULL when no source gives the group */
	const struct web_month *w;    /* its sums of the month */
};

/* 1 when the group's source gives measure i in the month. */
static int gives(const struct group *gr, int i)
{
	return gr->w && (gr->w->given >> i & 1);
}

/*
 * Sets the note of metric id to the sources of groups x and y (y NULL or
 * the same when one): "source: NAME" or "source: NAME, OTHER", and ";
 * estimated from weekly data" when measure a or b was split from a week.
 * Nothing when no source has a name (a table without the source column).
 */
static int note(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const struct group *x,
		const struct group *y, int a, int b)
{
	const char *p = x && x->src ? x->src->name : "", *q = y && y->src ? y->src->name : "";
	int estimated = (x && x->w && (x->w->estimated >> a & 1)) ||
			(y && y->w && (y->w->estimated >> b & 1));
	char text[200];

	if (strcmp(p, q) == 0 || !*p)
		p = *p ? p : q, q = "";
	if (!*p)
		return EG_OK;
	snprintf(text, sizeof(text), "source: %s%s%s%s", p, *q ? ", " : "", q,
		 estimated ? "; estimated from weekly data" : "");
	return eg_kpi_set_note(g, m, id, text);
}

/* The funnel's count metrics and their measures, in funnel order. */
static const struct {
	enum eg_metric_id id; /* the count metric */
	int measure;	      /* its counted column */
} funnel_counts[] = {
	{ EG_M_SESSIONS, SESSIONS },   { EG_M_PRODUCT_VIEWS, VIEWS }, { EG_M_ADD_TO_CARTS, CARTS },
	{ EG_M_CHECKOUTS, CHECKOUTS }, { EG_M_PURCHASES, PURCHASES },
};

/* Leaves metric id absent because the group's source does not give measure i, and says so. */
static int not_given(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const struct group *gr,
		     int i)
{
	char why[160];

	if (gr->src && gr->src->name[0])
		snprintf(why, sizeof(why), "%s gives no %s", gr->src->name, measure_words[i]);
	else
		snprintf(why, sizeof(why), "the analytics export has no %s", measure_words[i]);
	eg_kpi_set_fraction(g, m, id, 0, 0, "");
	return eg_kpi_set_note(g, m, id, why);
}

/* Sets count metric id to measure i of the group's source, with its note. */
static int count(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const struct group *gr,
		 int i)
{
	if (!gives(gr, i))
		return not_given(g, m, id, gr, i);
	eg_kpi_set_int(g, m, id, gr->w->v[i]);
	return note(g, m, id, gr, NULL, i, i);
}

/*
 * Sets rate id to num / den (with complement, 1 - num / den) of the
 * measures of groups x and y, with its note; absent with note_if_none when
 * den is 0, or saying which measure a source does not give.
 */
static int rate(struct eg_kpi_grid *g, int64_t m, enum eg_metric_id id, const struct group *x,
		int num, const struct group *y, int den, int complement, const char *note_if_none)
{
	int64_t a, b;

	if (!gives(x, num))
		return not_given(g, m, id, x, num);
	if (!gives(y, den))
		return not_given(g, m, id, y, den);
	a = x->w->v[num];
	b = y->w->v[den];
	eg_kpi_set_fraction(g, m, id, complement ? b - a : a, b, note_if_none);
	return b ? note(g, m, id, x, y, num, den) : EG_OK;
}

/*
 * Fills month index k (month m) of the grid from the scan's sources. The
 * funnel (sessions and its steps, engaged sessions) comes from one source,
 * the most preferred that gives sessions and a step of the funnel (else
 * sessions alone, else a step); the visitors
 * (users, new users, engagement time) from the most preferred that gives
 * users (else new users): so a rate never divides one platform's count by
 * another's, except conversions per user, which names both.
 */
static int fill(struct eg_kpi_grid *g, int64_t m, const struct scan *s, int64_t k)
{
	static const char none[] = "no analytics rows in the month";
	const struct eg_kpi_cell *orders = eg_kpi_cell(g, m, EG_M_ORDERS);
	const struct eg_kpi_cell *net = eg_kpi_cell(g, m, EG_M_NET_REVENUE);
	const unsigned steps =
		1u << VIEWS | 1u << CARTS | 1u << CHECKOUTS | 1u << PURCHASES | 1u << ENGAGED;
	struct group funnel = { 0 }, visitors = { 0 }, orders_group = { 0 };
	struct web_month orders_month = { 0 };
	int seen = 0, rc = EG_OK;
	size_t i, j;

	for (j = 0; j < s->nsrc; j++)
		seen |= s->src[j].months[k].seen;
	if (!seen) {
		for (int id = EG_M_SESSIONS; id <= EG_M_ENGAGED_SESSION_RATE; id++)
			eg_kpi_set_fraction(g, m, (enum eg_metric_id)id, 0, 0, none);
		return EG_OK;
	}
	funnel.src = best(s, k, 1u << SESSIONS, steps);
	if (!funnel.src)
		funnel.src = best(s, k, 1u << SESSIONS, 0);
	if (!funnel.src)
		funnel.src = best(s, k, 0, steps);
	visitors.src = best(s, k, 1u << USERS, 0);
	if (!visitors.src)
		visitors.src = best(s, k, 0, 1u << NEW_USERS | 1u << SECONDS);
	funnel.w = funnel.src ? &funnel.src->months[k] : NULL;
	visitors.w = visitors.src ? &visitors.src->months[k] : NULL;
	for (i = 0; i < sizeof(funnel_counts) / sizeof(funnel_counts[0]) && rc == EG_OK; i++)
		rc = count(g, m, funnel_counts[i].id, &funnel, funnel_counts[i].measure);
	if (rc == EG_OK)
		rc = count(g, m, EG_M_USERS, &visitors, USERS);
	if (rc == EG_OK)
		rc = count(g, m, EG_M_NEW_USERS, &visitors, NEW_USERS);
	/* Conversions are the funnel's purchases, or the month's orders when it has none. */
	if (!gives(&funnel, PURCHASES)) {
		orders_month.v[PURCHASES] = orders ? orders->a : 0;
		orders_month.given = orders && orders->type == EG_CELL_INT ? 1u << PURCHASES : 0;
		orders_group.w = &orders_month;
	}
	if (rc == EG_OK)
		rc = rate(g, m, EG_M_CONVERSION_RATE, orders_group.w ? &orders_group : &funnel,
			  PURCHASES, &funnel, SESSIONS, 0, "no sessions");
	if (rc == EG_OK)
		rc = rate(g, m, EG_M_CONVERSION_RATE_USERS,
			  orders_group.w ? &orders_group : &funnel, PURCHASES, &visitors, USERS, 0,
			  "no users");
	if (rc == EG_OK)
		rc = rate(g, m, EG_M_CART_ABANDONMENT_RATE, &funnel, PURCHASES, &funnel, CARTS, 1,
			  "no add-to-carts");
	if (rc == EG_OK)
		rc = rate(g, m, EG_M_RETURNING_VISITOR_RATE, &visitors, NEW_USERS, &visitors, USERS,
			  1, "no users");
	/* Money per user: net revenue (money units) / users, to money units. */
	if (gives(&visitors, USERS) && visitors.w->v[USERS] && net && net->type == EG_CELL_MONEY) {
		eg_kpi_set_money(g, m, EG_M_REVENUE_PER_VISITOR,
				 eg_money_div_round(net->a, visitors.w->v[USERS] * 100) * 100);
		if (rc == EG_OK)
			rc = note(g, m, EG_M_REVENUE_PER_VISITOR, &visitors, NULL, USERS, USERS);
	} else {
		eg_kpi_set_fraction(g, m, EG_M_REVENUE_PER_VISITOR, 0, 0, "no users");
	}
	if (rc == EG_OK)
		rc = rate(g, m, EG_M_AVERAGE_ENGAGEMENT_TIME, &visitors, SECONDS, &visitors, USERS,
			  0, "no users");
	if (rc == EG_OK)
		rc = rate(g, m, EG_M_ENGAGED_SESSION_RATE, &funnel, ENGAGED, &funnel, SESSIONS, 0,
			  "no sessions");
	return rc;
}

int eg_web_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			struct eg_error *err)
{
	const char *need[NCOUNTED + 2];
	char *path;
	struct scan *s;
	int64_t k;
	size_t i;
	int rc;

	rc = eg_table_scan_find(dir, "sessions.csv", &path, err);
	if (rc != EG_OK || !path)
		return rc;
	need[0] = "date";
	for (i = 0; i < NCOUNTED; i++)
		need[i + 1] = counted[i];
	need[NCOUNTED + 1] = NULL;
	s = calloc(1, sizeof(*s));
	if (!s) {
		free(path);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	s->first = g->first_month;
	s->n = g->nmonths;
	s->m = m;
	rc = eg_table_scan(path, need, m, add_row, s, err);
	for (k = 0; rc == EG_OK && k < s->n; k++)
		if (fill(g, s->first + k, s, k) != EG_OK)
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (i = 0; rc == EG_OK && i < s->nranges; i++)
		for (size_t c = 0; rc == EG_OK && c < NCOUNTED; c++)
			if ((s->ranges[i].given >> c & 1) &&
			    eg_manifest_stat(m, s->ranges[i].name, counted[c], s->ranges[i].v[c]) !=
				    EG_OK)
				rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (i = 0; i < s->nsrc; i++)
		free(s->src[i].months);
	free(s);
	free(path);
	return rc;
}
