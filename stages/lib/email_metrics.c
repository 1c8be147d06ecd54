/*
 * email_metrics.c - email activity reduced to distinct sends per month and
 * campaign, by sorting (month, campaign, event, send) records.
 */
#include "engage/email_metrics.h"
#include "engage/array.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/path.h"
#include "engage/strmap.h"
#include "engage/table_scan.h"
#include "engage/timezone.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const eg_email_columns[] = {
	"month",   "campaign",	"delivered",  "unique_opens",	  "unique_clicks", "unsubscribes",
	"bounces", "open_rate", "click_rate", "unsubscribe_rate", "bounce_rate",
	"unique_apple_opens", "open_rate_without_apple", NULL,
};

enum event { SENT, OPEN, CLICK, UNSUBSCRIBE, BOUNCE, NEVENTS };

static const char *const event_names[NEVENTS] = { "sent", "open", "click", "unsubscribe",
						  "bounce" };

/* One activity row. */
struct record {
	int64_t month;	   /* grid month index (0-based); -1: before the grid, engagement only */
	size_t campaign;   /* campaign index */
	int event;	   /* enum event */
	uint64_t send;	   /* hash of email and campaign */
	int64_t day;	   /* local day */
	uint64_t customer; /* hash of customer_id, 0 when not a customer */
};

/* Counts of one month or one campaign in a month. */
struct counts {
	int64_t n[NEVENTS]; /* distinct sends with each event */
	int64_t apple;	    /* of the opens, Apple privacy (machine) opens, as a report gives */
	int apple_given;    /* 1 when a report of the month gave its Apple privacy opens */
};

/* A campaign report's counts of one campaign in one grid month. */
struct campaign_row {
	int64_t month;	 /* grid month index (0-based) */
	size_t campaign; /* campaign index */
	struct counts c; /* its counts */
};

/* State of one run. */
struct scan {
	struct record *recs;		  /* activity rows in the grid's months */
	size_t nrecs, cap;		  /* entries at recs */
	struct eg_strmap *campaigns;	  /* campaign name -> index */
	char **names;			  /* campaign names by index, owned */
	size_t nnames;			  /* entries at names */
	int64_t first, n;		  /* grid months */
	struct eg_datetime_parser *dates; /* for occurred_at */
	struct counts *month_totals;	  /* campaign reports: sums per grid month */
	struct campaign_row *rows;	  /* campaign reports: sums per month and campaign */
	size_t nrows, rows_cap;		  /* entries and room at rows */
	char sources[4][64];		  /* the source column's names, in order of appearance */
	size_t nsources;		  /* entries at sources */
	long source_col;		  /* the source column, -1 when absent */
	long apple_col;			  /* campaigns: unique_apple_opens, -1 when absent */
	long channel_col;		  /* campaigns: channel, -1 when absent */
	int looked; /* 1: source_col was looked up; 2: apple_col and channel_col too */
};

/* Adds the source of the current row of r to s's list (four at most). */
static void note_source(struct scan *s, struct eg_csv_reader *r)
{
	const char *name;
	size_t len, i;

	if (!s->looked) {
		s->source_col = eg_csv_reader_column(r, "source");
		s->looked = 1;
	}
	if (s->source_col < 0)
		return;
	name = eg_csv_reader_field(r, s->source_col, &len);
	if (!len || len >= sizeof(s->sources[0]))
		return;
	for (i = 0; i < s->nsources; i++)
		if (strlen(s->sources[i]) == len && memcmp(s->sources[i], name, len) == 0)
			return;
	if (s->nsources < sizeof(s->sources) / sizeof(s->sources[0])) {
		memcpy(s->sources[s->nsources], name, len);
		s->sources[s->nsources++][len] = '\0';
	}
}

/*
 * Names the sources read in the note of every email metric that has a value:
 * "source: klaviyo_events". Nothing when the tables have no source column.
 */
static int name_sources(const struct scan *s, struct eg_kpi_grid *g)
{
	char note[300] = "source: ";
	size_t i, used = strlen(note);
	int64_t k;
	int id, rc = EG_OK;

	if (!s->nsources)
		return EG_OK;
	for (i = 0; i < s->nsources && used < sizeof(note); i++)
		used += (size_t)snprintf(note + used, sizeof(note) - used, "%s%s", i ? ", " : "",
					 s->sources[i]);
	for (k = 0; k < s->n && rc == EG_OK; k++)
		for (id = EG_M_EMAILS_DELIVERED;
		     id <= EG_M_MARKETING_ENGAGED_CUSTOMERS && rc == EG_OK; id++)
			if (eg_kpi_cell(g, s->first + k, (enum eg_metric_id)id)->type !=
			    EG_CELL_ABSENT)
				rc = eg_kpi_set_note(g, s->first + k, (enum eg_metric_id)id, note);
	for (k = 0; k < s->n && rc == EG_OK && s->month_totals; k++) {
		const struct counts *c = &s->month_totals[k];
		char with[400];

		if (!c->apple_given ||
		    eg_kpi_cell(g, s->first + k, EG_M_OPEN_RATE)->type == EG_CELL_ABSENT)
			continue;
		snprintf(with, sizeof(with),
			 "%s; Apple privacy opens included: %lld of the %lld unique opens "
			 "(the Email sheet shows the rate without them)",
			 note, (long long)c->apple, (long long)c->n[OPEN]);
		rc = eg_kpi_set_note(g, s->first + k, EG_M_OPEN_RATE, with);
	}
	return rc;
}

static size_t campaign_index(struct scan *s, const char *name, int *oom)
{
	size_t idx = s->nnames, len = strlen(name);
	int fresh = eg_strmap_put(s->campaigns, name, len, &idx);

	*oom = fresh < 0;
	if (fresh == 1) {
		char **q = realloc(s->names, (s->nnames + 1) * sizeof(char *));

		if (!q || !(q[s->nnames] = strdup(name))) {
			if (q)
				s->names = q;
			*oom = 1;
			return 0;
		}
		s->names = q;
		s->nnames++;
	}
	return idx;
}

static int add_event(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	const char *ev = eg_csv_reader_field(r, col[2], NULL);
	const char *email = eg_csv_reader_field(r, col[1], NULL);
	const char *campaign = eg_csv_reader_field(r, col[3], NULL);
	const char *customer;
	struct record rec;
	size_t len;
	const char *at = eg_csv_reader_field(r, col[4], &len);
	int64_t t;
	int e, oom;

	note_source(s, r);
	for (e = 0; e < NEVENTS && strcmp(ev, event_names[e]) != 0; e++)
		;
	if (e == NEVENTS)
		return EG_OK; /* another event kind is not engagement */
	if (eg_datetime_parse(s->dates, at, len, &t, err) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "occurred_at '%s' cannot be read", at);
	rec.month = eg_tz_local_month(t) - s->first;
	customer = eg_csv_reader_field(r, col[0], &len);
	rec.customer = len ? eg_hash64(customer, len) | 1 : 0;
	if (rec.month < 0 || rec.month >= s->n) {
		/* An open or click before the grid still makes a customer engaged in it. */
		if (!rec.customer || (e != OPEN && e != CLICK) || rec.month >= s->n)
			return EG_OK;
		rec.month = -1;
	}
	rec.campaign = campaign_index(s, campaign, &oom);
	if (oom)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	rec.event = e;
	rec.send = eg_hash64(email, strlen(email) + 1) * 31 ^ eg_hash64(campaign, strlen(campaign));
	rec.day = eg_tz_local_day(t);
	if (s->nrecs == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4096;
		struct record *q = realloc(s->recs, cap * sizeof(*q));

		if (!q)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		s->recs = q;
		s->cap = cap;
	}
	s->recs[s->nrecs++] = rec;
	return EG_OK;
}

static int by_key(const void *a, const void *b)
{
	const struct record *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	if (x->campaign != y->campaign)
		return x->campaign < y->campaign ? -1 : 1;
	if (x->event != y->event)
		return x->event < y->event ? -1 : 1;
	return (x->send > y->send) - (x->send < y->send);
}

static void write_counts(struct eg_table_output *out, const char *month, const char *campaign,
			 const struct counts *c)
{
	struct eg_csv_writer *w = &out->w;
	int64_t delivered = c->n[SENT] - c->n[BOUNCE];

	eg_csv_write_str(w, month);
	eg_csv_write_str(w, campaign);
	eg_csv_write_int(w, delivered);
	eg_csv_write_int(w, c->n[OPEN]);
	eg_csv_write_int(w, c->n[CLICK]);
	eg_csv_write_int(w, c->n[UNSUBSCRIBE]);
	eg_csv_write_int(w, c->n[BOUNCE]);
	eg_csv_write_fraction(w, c->n[OPEN], delivered, 6);
	eg_csv_write_fraction(w, c->n[CLICK], delivered, 6);
	eg_csv_write_fraction(w, c->n[UNSUBSCRIBE], delivered, 6);
	eg_csv_write_fraction(w, c->n[BOUNCE], c->n[SENT], 6);
	if (c->apple_given)
		eg_csv_write_int(w, c->apple);
	else
		eg_csv_write_str(w, "");
	eg_csv_write_fraction(w, c->n[OPEN] - c->apple, c->apple_given ? delivered : 0, 6);
	eg_table_output_end_row(out);
}

static void fill_month(struct eg_kpi_grid *g, int64_t m, const struct counts *c)
{
	static const char none[] = "no email delivered in the month";
	int64_t delivered = c->n[SENT] - c->n[BOUNCE];

	eg_kpi_set_int(g, m, EG_M_EMAILS_DELIVERED, delivered);
	eg_kpi_set_int(g, m, EG_M_EMAIL_OPENS, c->n[OPEN]);
	eg_kpi_set_int(g, m, EG_M_EMAIL_CLICKS, c->n[CLICK]);
	eg_kpi_set_fraction(g, m, EG_M_OPEN_RATE, c->n[OPEN], delivered, none);
	eg_kpi_set_fraction(g, m, EG_M_CLICK_RATE, c->n[CLICK], delivered, none);
	eg_kpi_set_fraction(g, m, EG_M_UNSUBSCRIBE_RATE, c->n[UNSUBSCRIBE], delivered, none);
	eg_kpi_set_fraction(g, m, EG_M_BOUNCE_RATE, c->n[BOUNCE], c->n[SENT],
			    "no email sent in the month");
}

static int by_customer_day(const void *a, const void *b)
{
	const struct record *x = a, *y = b;

	if (x->customer != y->customer)
		return x->customer < y->customer ? -1 : 1;
	return (x->day > y->day) - (x->day < y->day);
}

/* Customers with an open or click in the 90 days up to each month's end. */
static void fill_engaged(struct scan *s, struct eg_kpi_grid *g)
{
	int64_t *engaged = calloc((size_t)(s->n ? s->n : 1), sizeof(int64_t)), k;
	size_t i, j, n = 0;

	if (!engaged)
		return;
	for (i = 0; i < s->nrecs; i++)
		if (s->recs[i].customer && (s->recs[i].event == OPEN || s->recs[i].event == CLICK))
			s->recs[n++] = s->recs[i];
	qsort(s->recs, n, sizeof(*s->recs), by_customer_day);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s->recs[j].customer == s->recs[i].customer; j++)
			;
		for (k = 0; k < s->n; k++) {
			int64_t end = eg_first_day_of_month(s->first + k + 1), from = end - 90;
			size_t x;

			for (x = i; x < j && s->recs[x].day < from; x++)
				;
			engaged[k] += x < j && s->recs[x].day < end;
		}
	}
	for (k = 0; k < s->n; k++)
		eg_kpi_set_int(g, s->first + k, EG_M_MARKETING_ENGAGED_CUSTOMERS, engaged[k]);
	free(engaged);
}

/* Reduces the activity records to counts, fills the grid and writes email.csv. */
static void from_events(struct scan *s, struct eg_kpi_grid *g, struct eg_table_output *out)
{
	struct counts *month = calloc((size_t)(s->n ? s->n : 1), sizeof(*month));
	struct counts *camp = calloc(s->nnames ? s->nnames : 1, sizeof(*camp));
	char label[EG_TIME_BUFSZ];
	size_t i, c;
	int64_t k;

	if (!month || !camp) {
		free(month);
		free(camp);
		return;
	}
	qsort(s->recs, s->nrecs, sizeof(*s->recs), by_key);
	for (i = 0; i < s->nrecs; i++) {
		const struct record *x = &s->recs[i];

		if (x->month < 0 || (i && by_key(x, &s->recs[i - 1]) == 0))
			continue;
		month[x->month].n[x->event]++;
	}
	for (k = 0; k < s->n; k++) {
		int any = 0;

		fill_month(g, s->first + k, &month[k]);
		memset(camp, 0, s->nnames * sizeof(*camp));
		for (i = 0; i < s->nrecs; i++) {
			const struct record *x = &s->recs[i];

			if (x->month != k || (i && by_key(x, &s->recs[i - 1]) == 0))
				continue;
			camp[x->campaign].n[x->event]++;
			any = 1;
		}
		if (!any)
			continue;
		eg_month_format(s->first + k, label);
		write_counts(out, label, "(all)", &month[k]);
		/* Campaigns by name, so no hash order reaches the file. */
		for (;;) {
			size_t best = SIZE_MAX;

			for (c = 0; c < s->nnames; c++)
				if (camp[c].n[SENT] + camp[c].n[OPEN] + camp[c].n[CLICK] +
						    camp[c].n[UNSUBSCRIBE] + camp[c].n[BOUNCE] >
					    0 &&
				    (best == SIZE_MAX || strcmp(s->names[c], s->names[best]) < 0))
					best = c;
			if (best == SIZE_MAX)
				break;
			write_counts(out, label, s->names[best], &camp[best]);
			memset(&camp[best], 0, sizeof(camp[best]));
		}
	}
	fill_engaged(s, g);
	free(month);
	free(camp);
}

/* Adds the counts of b to a; -1 when a sum leaves the integer range. */
static int add_counts(struct counts *a, const struct counts *b)
{
	int e;

	for (e = 0; e < NEVENTS; e++)
		if (eg_int_add(&a->n[e], b->n[e]) != EG_OK)
			return -1;
	a->apple_given |= b->apple_given;
	return eg_int_add(&a->apple, b->apple) == EG_OK ? 0 : -1;
}

/* The counts of campaign c in grid month k, added when new; NULL when out of memory. */
static struct counts *campaign_counts(struct scan *s, int64_t k, size_t c)
{
	size_t i;

	for (i = 0; i < s->nrows; i++)
		if (s->rows[i].month == k && s->rows[i].campaign == c)
			return &s->rows[i].c;
	if (eg_array_reserve((void **)&s->rows, &s->rows_cap, s->nrows + 1, sizeof(*s->rows),
			     64) != 0)
		return NULL;
	memset(&s->rows[s->nrows], 0, sizeof(s->rows[0]));
	s->rows[s->nrows].month = k;
	s->rows[s->nrows].campaign = c;
	return &s->rows[s->nrows++].c;
}

/* Reads count column col of the current row into *out (0 when empty); *given says which. */
static int row_count(struct eg_csv_reader *r, long col, int64_t *out, int *given,
		     struct eg_error *err)
{
	size_t len;
	const char *f = eg_csv_reader_field(r, col, &len);

	*out = 0;
	*given = len > 0;
	if (len && eg_int_parse(f, len, out, err) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "'%s' is not a whole number", f);
	return EG_OK;
}

/*
 * Campaign reports: one row per campaign, counted in the month it was sent,
 * in the month's total and in the campaign's own row of the month.
 */
static int add_campaign(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	static const int at[] = { SENT, -1, OPEN, CLICK, UNSUBSCRIBE, BOUNCE };
	size_t len, i, c;
	const char *sent_at = eg_csv_reader_field(r, col[1], &len);
	struct counts row = { { 0 }, 0, 0 }, *camp;
	int64_t t, k, v;
	int given, oom;

	note_source(s, r);
	if (s->looked < 2) {
		s->apple_col = eg_csv_reader_column(r, "unique_apple_opens");
		s->channel_col = eg_csv_reader_column(r, "channel");
		s->looked = 2;
	}
	/* SMS messages are no email: their recipients and clicks stay out. */
	if (!len || (s->channel_col >= 0 &&
		     strcmp(eg_csv_reader_field(r, s->channel_col, NULL), "sms") == 0))
		return EG_OK;
	if (eg_datetime_parse(s->dates, sent_at, len, &t, err) != EG_OK)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "sent_at '%s' cannot be read", sent_at);
	k = eg_tz_local_month(t) - s->first;
	if (k < 0 || k >= s->n)
		return EG_OK;
	/* Columns: recipients, delivered, unique_opens, unique_clicks, unsubscribes, bounces. */
	for (i = 0; i < 6; i++) {
		if (at[i] < 0)
			continue;
		if (row_count(r, col[i + 2], &v, &given, err) != EG_OK)
			return EG_EDATA;
		row.n[at[i]] = v;
	}
	if (s->apple_col >= 0) {
		if (row_count(r, s->apple_col, &row.apple, &row.apple_given, err) != EG_OK)
			return EG_EDATA;
	}
	c = campaign_index(s, eg_csv_reader_field(r, col[0], NULL), &oom);
	camp = oom ? NULL : campaign_counts(s, k, c);
	if (!camp)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (add_counts(&s->month_totals[k], &row) != 0 || add_counts(camp, &row) != 0)
		return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
				    "the month's sum leaves the integer range");
	return EG_OK;
}

/* Writes each campaign's row of grid month k after the month's total, by name. */
static void write_campaign_rows(struct scan *s, int64_t k, const char *label,
				struct eg_table_output *out)
{
	const char *last = NULL;

	for (;;) {
		size_t i, best = SIZE_MAX;

		for (i = 0; i < s->nrows; i++)
			if (s->rows[i].month == k &&
			    (!last || strcmp(s->names[s->rows[i].campaign], last) > 0) &&
			    (best == SIZE_MAX || strcmp(s->names[s->rows[i].campaign],
							s->names[s->rows[best].campaign]) < 0))
				best = i;
		if (best == SIZE_MAX)
			return;
		last = s->names[s->rows[best].campaign];
		write_counts(out, label, last, &s->rows[best].c);
	}
}

int eg_email_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			  struct eg_table_output *out, struct eg_error *err)
{
	static const char *const events[] = { "customer_id", "email",	    "event",
					      "campaign",    "occurred_at", NULL };
	static const char *const campaigns[] = { "campaign",	 "sent_at",	 "recipients",
						 "delivered",	 "unique_opens", "unique_clicks",
						 "unsubscribes", "bounces",	 NULL };
	char *ev = eg_path_join(dir, "email_events.csv");
	char *ca = eg_path_join(dir, "email_campaigns.csv");
	struct scan s = { 0 };
	int rc = ev && ca ? EG_OK : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	size_t i;
	int64_t k;

	s.first = g->first_month;
	s.n = g->nmonths;
	s.campaigns = eg_strmap_new(64);
	if (rc == EG_OK && !s.campaigns)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = eg_datetime_parser_new(&s.dates, err);
	if (rc == EG_OK && access(ev, F_OK) == 0) {
		rc = eg_table_scan(ev, events, m, add_event, &s, err);
		if (rc == EG_OK)
			from_events(&s, g, out);
	} else if (rc == EG_OK && access(ca, F_OK) == 0) {
		s.month_totals = calloc((size_t)(s.n ? s.n : 1), sizeof(*s.month_totals));
		rc = s.month_totals ? eg_table_scan(ca, campaigns, m, add_campaign, &s, err)
				    : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		for (k = 0; rc == EG_OK && k < s.n; k++) {
			char label[EG_TIME_BUFSZ];
			const struct counts *c = &s.month_totals[k];

			fill_month(g, s.first + k, c);
			if (c->n[SENT] || c->n[OPEN] || c->n[CLICK]) {
				write_counts(out, eg_month_format(s.first + k, label), "(all)", c);
				write_campaign_rows(&s, k, label, out);
			}
		}
	}
	if (rc == EG_OK && name_sources(&s, g) != EG_OK)
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (i = 0; i < s.nnames; i++)
		free(s.names[i]);
	free(s.names);
	free(s.recs);
	free(s.month_totals);
	free(s.rows);
	eg_strmap_free(s.campaigns);
	eg_datetime_parser_free(s.dates);
	free(ev);
	free(ca);
	return rc;
}
