/*
 * voice_metrics.c - survey and ticket sums per month, and their metrics.
 */
#include "engage/voice_metrics.h"
#include "engage/datetime.h"
#include "engage/integer.h"
#include "engage/table_scan.h"
#include "engage/timezone.h"

#include <stdlib.h>
#include <string.h>

/* Survey and ticket sums of one month. */
struct voice_month {
	int64_t promoters, passives, detractors; /* NPS responses by band */
	int64_t csat, csat_top;			 /* CSAT responses, and at the top two points */
	int64_t ces, ces_sum, ces_high;		 /* CES responses, their sum, high-effort ones */
	int64_t tickets;			 /* tickets created */
	int64_t *resolved;			 /* seconds to solve, of tickets solved in it */
	size_t nresolved, cap;			 /* entries at resolved */
};

/* State of one scan. */
struct scan {
	struct voice_month *months;	  /* one per grid month */
	int64_t first, n;		  /* grid months */
	struct eg_datetime_parser *dates; /* for the time stamps */
};

/* The grid month of a time stamp field, or -1 outside the grid or when empty. */
static int64_t month_index(struct scan *s, struct eg_csv_reader *r, long col, int64_t *t,
			   struct eg_error *err, int *bad)
{
	size_t len;
	const char *v = eg_csv_reader_field(r, col, &len);
	int64_t m;

	*bad = 0;
	if (!len)
		return -1;
	if (eg_datetime_parse(s->dates, v, len, t, err) != EG_OK) {
		*bad = 1;
		return -1;
	}
	m = eg_tz_local_month(*t) - s->first;
	return m >= 0 && m < s->n ? m : -1;
}

static int bad_value(struct eg_csv_reader *r, struct eg_error *err, const char *what)
{
	return eg_error_set(err, EG_EDATA, eg_csv_reader_path(r), eg_csv_reader_line(r), 0,
			    "%s cannot be read", what);
}

static int add_response(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	const char *kind = eg_csv_reader_field(r, col[0], NULL);
	size_t len;
	const char *score = eg_csv_reader_field(r, col[1], &len);
	int64_t v, t, k;
	int bad;

	k = month_index(s, r, col[3], &t, err, &bad);
	if (bad)
		return bad_value(r, err, "responded_at");
	if (k < 0)
		return EG_OK;
	if (eg_int_parse(score, len, &v, err) != EG_OK)
		return bad_value(r, err, "score");
	if (strcmp(kind, "nps") == 0) {
		if (v >= 9)
			s->months[k].promoters++;
		else if (v >= 7)
			s->months[k].passives++;
		else
			s->months[k].detractors++;
	} else if (strcmp(kind, "csat") == 0) {
		int64_t top;
		const char *f = eg_csv_reader_field(r, col[2], &len);

		if (!len || eg_int_parse(f, len, &top, err) != EG_OK)
			top = 5;
		s->months[k].csat++;
		s->months[k].csat_top += v >= top - 1;
	} else if (strcmp(kind, "ces") == 0) {
		s->months[k].ces++;
		s->months[k].ces_sum += v;
		s->months[k].ces_high += v <= 3;
	}
	return EG_OK;
}

static int add_ticket(void *ctx, struct eg_csv_reader *r, const long *col, struct eg_error *err)
{
	struct scan *s = ctx;
	int64_t created = 0, solved = 0, k;
	int bad;
	struct voice_month *vm;

	k = month_index(s, r, col[0], &created, err, &bad);
	if (bad)
		return bad_value(r, err, "created_at");
	if (k >= 0)
		s->months[k].tickets++;
	/* Without a creation time there is no resolution time. */
	if (!*eg_csv_reader_field(r, col[0], NULL))
		return EG_OK;
	k = month_index(s, r, col[1], &solved, err, &bad);
	if (bad)
		return bad_value(r, err, "solved_at");
	if (k < 0 || solved < created)
		return EG_OK;
	vm = &s->months[k];
	if (vm->nresolved == vm->cap) {
		size_t cap = vm->cap ? vm->cap * 2 : 64;
		int64_t *q = realloc(vm->resolved, cap * sizeof(*q));

		if (!q)
			return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		vm->resolved = q;
		vm->cap = cap;
	}
	vm->resolved[vm->nresolved++] = solved - created;
	return EG_OK;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

static void fill_surveys(struct eg_kpi_grid *g, int64_t m, const struct voice_month *v)
{
	int64_t nps = v->promoters + v->passives + v->detractors;

	eg_kpi_set_int(g, m, EG_M_NPS_RESPONSES, nps);
	eg_kpi_set_int(g, m, EG_M_NPS_PROMOTERS, v->promoters);
	eg_kpi_set_int(g, m, EG_M_NPS_PASSIVES, v->passives);
	eg_kpi_set_int(g, m, EG_M_NPS_DETRACTORS, v->detractors);
	eg_kpi_set_fraction(g, m, EG_M_NPS, (v->promoters - v->detractors) * 100, nps,
			    "no NPS responses in the month");
	eg_kpi_set_int(g, m, EG_M_CSAT_RESPONSES, v->csat);
	eg_kpi_set_fraction(g, m, EG_M_CSAT, v->csat_top, v->csat,
			    "no CSAT responses in the month");
	eg_kpi_set_int(g, m, EG_M_CES_RESPONSES, v->ces);
	eg_kpi_set_fraction(g, m, EG_M_CES, v->ces_sum, v->ces, "no CES responses in the month");
	eg_kpi_set_fraction(g, m, EG_M_CES_HIGH_EFFORT_RATE, v->ces_high, v->ces,
			    "no CES responses in the month");
}

static void fill_tickets(struct eg_kpi_grid *g, int64_t m, struct voice_month *v)
{
	const struct eg_kpi_cell *orders = eg_kpi_cell(g, m, EG_M_ORDERS);
	size_t n = v->nresolved;

	eg_kpi_set_int(g, m, EG_M_TICKETS, v->tickets);
	eg_kpi_set_fraction(g, m, EG_M_TICKETS_PER_100_ORDERS, v->tickets * 100, orders->a,
			    "no orders in the month");
	/* resolved is NULL in a month with no ticket solved: qsort(NULL, 0) is undefined. */
	if (n > 1)
		qsort(v->resolved, n, sizeof(int64_t), cmp_i64);
	if (n == 0)
		eg_kpi_set_fraction(g, m, EG_M_MEDIAN_RESOLUTION_HOURS, 0, 0,
				    "no tickets solved in the month");
	else if (n % 2)
		eg_kpi_set_fraction(g, m, EG_M_MEDIAN_RESOLUTION_HOURS, v->resolved[n / 2], 3600,
				    "");
	else
		eg_kpi_set_fraction(g, m, EG_M_MEDIAN_RESOLUTION_HOURS,
				    v->resolved[n / 2 - 1] + v->resolved[n / 2], 7200, "");
}

/* Scans dir/file when it is there; *present says whether it was. */
static int scan_if_there(const char *dir, const char *file, const char *const *need,
			 struct eg_manifest *m, eg_row_fn fn, struct scan *s, int *present,
			 struct eg_error *err)
{
	char *path;
	int rc = eg_table_scan_find(dir, file, &path, err);

	*present = path != NULL;
	if (path)
		rc = eg_table_scan(path, need, m, fn, s, err);
	free(path);
	return rc;
}

int eg_voice_metrics_fill(const char *dir, struct eg_kpi_grid *g, struct eg_manifest *m,
			  struct eg_error *err)
{
	static const char *const responses[] = { "kind", "score", "scale_max", "responded_at",
						 NULL };
	static const char *const tickets[] = { "created_at", "solved_at", NULL };
	struct scan s = { 0 };
	int has_responses = 0, has_tickets = 0, rc;
	int64_t k;

	s.first = g->first_month;
	s.n = g->nmonths;
	s.months = calloc((size_t)(s.n ? s.n : 1), sizeof(*s.months));
	rc = s.months ? eg_datetime_parser_new(&s.dates, err)
		      : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	if (rc == EG_OK)
		rc = scan_if_there(dir, "responses.csv", responses, m, add_response, &s,
				   &has_responses, err);
	if (rc == EG_OK)
		rc = scan_if_there(dir, "tickets.csv", tickets, m, add_ticket, &s, &has_tickets,
				   err);
	for (k = 0; rc == EG_OK && k < s.n; k++) {
		if (has_responses)
			fill_surveys(g, s.first + k, &s.months[k]);
		if (has_tickets)
			fill_tickets(g, s.first + k, &s.months[k]);
	}
	for (k = 0; s.months && k < s.n; k++)
		free(s.months[k].resolved);
	free(s.months);
	eg_datetime_parser_free(s.dates);
	return rc;
}
