/*
 * grid_views.c - funnel, journey and voice tables read off the KPI grid.
 */
#include "engage/grid_views.h"
#include "engage/datetime.h"

const char *const eg_funnel_columns[] = {
	"month", "step", "count", "share_of_previous", "share_of_sessions", NULL,
};

const char *const eg_journey_columns[] = {
	"month", "stage", "measure", "value", "unit", "note", NULL,
};

const char *const eg_voice_columns[] = { "month", "measure", "value", "unit", "note", NULL };

const char *const eg_summary_columns[] = {
	"metric",
	"value",
	"previous",
	"change",
	"change_ratio",
	"last_year",
	"change_last_year",
	"change_ratio_last_year",
	"unit",
	"note",
	NULL,
};

/* A cell's value as written, as an integer in units of 10^-places; 0 when absent. */
static int scaled(const struct eg_kpi_cell *c, int64_t *v, int *places)
{
	__int128 scale = 1, n, d;
	int i;

	*places = c && c->type == EG_CELL_FRACTION ? c->places : 0;
	if (!c || c->type == EG_CELL_ABSENT)
		return 0;
	if (c->type != EG_CELL_FRACTION) {
		*v = c->a;
		return 1;
	}
	for (i = 0; i < c->places; i++)
		scale *= 10;
	n = (__int128)c->a * scale;
	d = c->b;
	if (d < 0) {
		n = -n;
		d = -d;
	}
	*v = (int64_t)(n < 0 ? -((-n * 2 + d) / (2 * d)) : (n * 2 + d) / (2 * d));
	return 1;
}

/* Writes a value of the kind of cell c given in its scaled units. */
static void write_scaled(struct eg_csv_writer *w, const struct eg_kpi_cell *c, int64_t v,
			 int places)
{
	int64_t scale = 1;
	int i;

	if (c->type == EG_CELL_MONEY) {
		eg_csv_write_money(w, v);
		return;
	}
	if (c->type == EG_CELL_INT) {
		eg_csv_write_int(w, v);
		return;
	}
	for (i = 0; i < places; i++)
		scale *= 10;
	eg_csv_write_fraction(w, v, scale, places);
}

/* Writes the earlier value, the change to now and its ratio (three fields). */
static void write_comparison(struct eg_csv_writer *w, const struct eg_kpi_cell *now,
			     const struct eg_kpi_cell *then)
{
	int64_t a, b;
	int pa, pb, has_now = scaled(now, &a, &pa), has_then = scaled(then, &b, &pb);

	if (has_then)
		write_scaled(w, then, b, pb);
	else
		eg_csv_write_str(w, "");
	if (!has_now || !has_then) {
		eg_csv_write_str(w, "");
		eg_csv_write_str(w, "");
		return;
	}
	write_scaled(w, now, a - b, pa);
	eg_csv_write_fraction(w, a - b, b < 0 ? -b : b, 6);
}

void eg_funnel_write(struct eg_kpi_grid *g, struct eg_table_output *out)
{
	static const enum eg_metric_id steps[] = { EG_M_SESSIONS, EG_M_PRODUCT_VIEWS,
						   EG_M_ADD_TO_CARTS, EG_M_CHECKOUTS,
						   EG_M_PURCHASES };
	char label[EG_TIME_BUFSZ];
	int64_t k;
	size_t i;

	for (k = 0; k < g->nmonths; k++) {
		int64_t m = g->first_month + k;
		const struct eg_kpi_cell *sessions = eg_kpi_cell(g, m, EG_M_SESSIONS), *prev;

		if (sessions->type != EG_CELL_INT)
			continue;
		eg_month_format(m, label);
		prev = sessions;
		for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
			const struct eg_kpi_cell *c = eg_kpi_cell(g, m, steps[i]);

			/* A step the month's analytics source does not give is left out. */
			if (c->type != EG_CELL_INT)
				continue;

			eg_csv_write_str(&out->w, label);
			eg_csv_write_str(&out->w, eg_metrics[steps[i]].id);
			eg_csv_write_int(&out->w, c->a);
			eg_csv_write_fraction(&out->w, c->a, prev->a, 6);
			eg_csv_write_fraction(&out->w, c->a, sessions->a, 6);
			eg_table_output_end_row(out);
			prev = c;
		}
	}
}

void eg_journey_write(struct eg_kpi_grid *g, const char *currency, struct eg_table_output *out)
{
	static const struct {
		const char *stage;
		enum eg_metric_id measure[3];
	} stages[] = {
		{ "awareness", { EG_M_USERS, EG_M_NEW_USERS, EG_M_EMAILS_DELIVERED } },
		{ "consideration", { EG_M_PRODUCT_VIEWS, EG_M_ADD_TO_CARTS, EG_M_EMAIL_CLICKS } },
		{ "conversion", { EG_M_PURCHASES, EG_M_NEW_CUSTOMERS, EG_M_CONVERSION_RATE } },
		{ "retention",
		  { EG_M_RETURNING_CUSTOMERS, EG_M_REPEAT_PURCHASE_RATE, EG_M_CHURN_RATE } },
		{ "advocacy", { EG_M_NPS_PROMOTERS, EG_M_LOYALTY_MEMBERS, EG_M_REFERRALS } },
	};
	char label[EG_TIME_BUFSZ];
	int64_t k;
	size_t s, i;

	for (k = 0; k < g->nmonths; k++) {
		eg_month_format(g->first_month + k, label);
		for (s = 0; s < sizeof(stages) / sizeof(stages[0]); s++) {
			for (i = 0; i < 3; i++) {
				eg_csv_write_str(&out->w, label);
				eg_csv_write_str(&out->w, stages[s].stage);
				eg_csv_write_str(&out->w, eg_metrics[stages[s].measure[i]].id);
				eg_kpi_write_value(&out->w, g, g->first_month + k,
						   stages[s].measure[i], currency);
				eg_table_output_end_row(out);
			}
		}
	}
}

void eg_voice_write(struct eg_kpi_grid *g, struct eg_table_output *out)
{
	static const struct {
		const char *name;
		enum eg_metric_id id;
	} measures[] = {
		{ "nps", EG_M_NPS },
		{ "promoters", EG_M_NPS_PROMOTERS },
		{ "passives", EG_M_NPS_PASSIVES },
		{ "detractors", EG_M_NPS_DETRACTORS },
		{ "nps_responses", EG_M_NPS_RESPONSES },
		{ "csat", EG_M_CSAT },
		{ "csat_responses", EG_M_CSAT_RESPONSES },
		{ "ces", EG_M_CES },
		{ "ces_high_effort_rate", EG_M_CES_HIGH_EFFORT_RATE },
		{ "ces_responses", EG_M_CES_RESPONSES },
		{ "tickets", EG_M_TICKETS },
		{ "tickets_per_100_orders", EG_M_TICKETS_PER_100_ORDERS },
		{ "median_resolution_hours", EG_M_MEDIAN_RESOLUTION_HOURS },
	};
	char label[EG_TIME_BUFSZ];
	int64_t k;
	size_t i;

	for (k = 0; k < g->nmonths; k++) {
		eg_month_format(g->first_month + k, label);
		for (i = 0; i < sizeof(measures) / sizeof(measures[0]); i++) {
			eg_csv_write_str(&out->w, label);
			eg_csv_write_str(&out->w, measures[i].name);
			eg_kpi_write_value(&out->w, g, g->first_month + k, measures[i].id, "");
			eg_table_output_end_row(out);
		}
	}
}

void eg_summary_write(struct eg_kpi_grid *g, int64_t report, const char *currency,
		      struct eg_table_output *out)
{
	struct eg_csv_writer *w = &out->w;
	int id;

	for (id = 0; id < EG_M_COUNT; id++) {
		const struct eg_kpi_cell *now = eg_kpi_cell(g, report, (enum eg_metric_id)id);
		int64_t v;
		int places;

		eg_csv_write_str(w, eg_metrics[id].id);
		if (scaled(now, &v, &places))
			write_scaled(w, now, v, places);
		else
			eg_csv_write_str(w, "");
		write_comparison(w, now, eg_kpi_cell(g, report - 1, (enum eg_metric_id)id));
		write_comparison(w, now, eg_kpi_cell(g, report - 12, (enum eg_metric_id)id));
		eg_csv_write_str(w, eg_metrics[id].kind == EG_METRIC_MONEY   ? currency
				    : eg_metrics[id].kind == EG_METRIC_COUNT ? "count"
				    : eg_metrics[id].kind == EG_METRIC_RATIO ? "ratio"
									     : eg_metrics[id].unit);
		eg_csv_write_str(w, now && now->type == EG_CELL_ABSENT ? now->note : "");
		eg_table_output_end_row(out);
	}
}
