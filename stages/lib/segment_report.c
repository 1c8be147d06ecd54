/*
 * segment_report.c - customer scores, segment summary and segment moves.
 */
#include "engage/segment_report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_customer_score_columns[] = {
	"customer_id",
	"email",
	"customer_ref",
	"recency_days",
	"frequency",
	"monetary",
	"r_score",
	"f_score",
	"m_score",
	"fm_score",
	"segment",
	"previous_segment",
	"engagement_model",
	"p_alive",
	"expected_orders_30",
	"expected_orders_90",
	"expected_orders_365",
	"expected_aov",
	"predicted_clv_12m",
	"churn_risk",
	"churn_risk_basis",
	"typical_gap_days",
	"gaps_since_last_order",
	NULL,
};

const char *const eg_risk_band_columns[] = {
	"churn_risk",
	"customers",
	"customer_share",
	"revenue",
	"revenue_share",
	"average_p_alive",
	"basis",
	"average_gaps_since_last_order",
	NULL,
};

/* Writes a double with the given decimals, or an empty field when absent. */
static void write_double(struct eg_csv_writer *w, int present, double v, int decimals)
{
	char buf[64];

	if (!present) {
		eg_csv_write_str(w, "");
		return;
	}
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	eg_csv_write_str(w, buf);
}

const char *const eg_segment_columns[] = {
	"segment",	    "customers",
	"customer_share",   "revenue",
	"revenue_share",    "average_recency_days",
	"engagement_model", "action",
	"scoring",	    NULL,
};

const char *const eg_segment_move_columns[] = {
	"from_segment", "to_segment", "customers", "revenue", NULL,
};

void eg_customer_scores_write(const struct eg_facts *f, const struct eg_rfm_grid *g,
			      const struct eg_rfm_score *now, const int *prev_segment,
			      const struct eg_churn_score *churn, struct eg_table_output *out)
{
	struct eg_csv_writer *w = &out->w;
	size_t c;

	for (c = 0; c < f->ncustomers; c++) {
		const struct eg_rfm_score *s = &now[c];

		if (!s->frequency)
			continue;
		eg_csv_write_str(w, f->customers[c].id);
		eg_csv_write_str(w, f->customers[c].email);
		eg_csv_write_str(w, f->customers[c].ref);
		eg_csv_write_int(w, s->recency);
		eg_csv_write_int(w, s->frequency);
		eg_csv_write_money(w, s->monetary);
		eg_csv_write_int(w, s->r);
		eg_csv_write_int(w, s->f);
		eg_csv_write_int(w, s->m);
		eg_csv_write_int(w, s->fm);
		eg_csv_write_str(w, g->segment[s->segment]);
		eg_csv_write_str(w, prev_segment[c] >= 0 ? g->segment[prev_segment[c]] : "");
		eg_csv_write_str(w, g->model[s->segment]);
		write_double(w, churn[c].fitted, churn[c].p_alive, 4);
		write_double(w, churn[c].fitted, churn[c].expected[0], 4);
		write_double(w, churn[c].fitted, churn[c].expected[1], 4);
		write_double(w, churn[c].fitted, churn[c].expected[2], 4);
		write_double(w, churn[c].has_spend, churn[c].expected_aov, 2);
		write_double(w, churn[c].has_spend, churn[c].clv, 2);
		eg_csv_write_str(w, churn[c].risk ? churn[c].risk : "");
		eg_csv_write_str(w,
				 churn[c].risk && churn[c].risk_basis ? churn[c].risk_basis : "");
		write_double(w, churn[c].has_gaps, churn[c].gap_days, 2);
		write_double(w, churn[c].has_gaps, churn[c].gaps_since, 2);
		eg_table_output_end_row(out);
	}
}

void eg_risk_bands_write(const struct eg_facts *f, const struct eg_rfm_score *now,
			 const struct eg_churn_score *churn, struct eg_table_output *out)
{
	static const char *const bands[] = { "high", "medium", "low" };
	int64_t total_customers = 0, total_revenue = 0;
	const char *basis = "";
	size_t c, b;

	for (c = 0; c < f->ncustomers; c++) {
		if (!now[c].frequency || !churn[c].risk)
			continue;
		total_customers++;
		total_revenue += now[c].monetary;
		basis = churn[c].risk_basis ? churn[c].risk_basis : "";
	}
	if (!total_customers)
		return;
	for (b = 0; b < 3; b++) {
		int64_t customers = 0, revenue = 0, alive_n = 0, gaps_n = 0;
		double alive = 0, gaps = 0;

		for (c = 0; c < f->ncustomers; c++) {
			if (!now[c].frequency || !churn[c].risk || strcmp(churn[c].risk, bands[b]))
				continue;
			customers++;
			revenue += now[c].monetary;
			if (churn[c].fitted)
				alive += churn[c].p_alive, alive_n++;
			if (churn[c].has_gaps)
				gaps += churn[c].gaps_since, gaps_n++;
		}
		eg_csv_write_str(&out->w, bands[b]);
		eg_csv_write_int(&out->w, customers);
		eg_csv_write_fraction(&out->w, customers, total_customers, 6);
		eg_csv_write_money(&out->w, revenue);
		eg_csv_write_fraction(&out->w, revenue, total_revenue, 6);
		write_double(&out->w, alive_n > 0, alive_n ? alive / alive_n : 0, 4);
		eg_csv_write_str(&out->w, basis);
		write_double(&out->w, gaps_n > 0, gaps_n ? gaps / gaps_n : 0, 2);
		eg_table_output_end_row(out);
	}
}

void eg_segments_write(const struct eg_facts *f, const struct eg_rfm_grid *g,
		       const struct eg_rfm_score *now, enum eg_rfm_scoring scoring,
		       struct eg_table_output *out)
{
	struct eg_csv_writer *w = &out->w;
	int64_t total_customers = 0, total_revenue = 0;
	size_t c, s;

	for (c = 0; c < f->ncustomers; c++) {
		if (!now[c].frequency)
			continue;
		total_customers++;
		total_revenue += now[c].monetary;
	}
	for (s = 0; s < g->nsegments; s++) {
		int64_t customers = 0, revenue = 0, recency = 0;

		for (c = 0; c < f->ncustomers; c++) {
			if (now[c].segment != (int)s)
				continue;
			customers++;
			revenue += now[c].monetary;
			recency += now[c].recency;
		}
		eg_csv_write_str(w, g->segment[s]);
		eg_csv_write_int(w, customers);
		eg_csv_write_fraction(w, customers, total_customers, 6);
		eg_csv_write_money(w, revenue);
		eg_csv_write_fraction(w, revenue, total_revenue, 6);
		eg_csv_write_fraction(w, recency, customers, 2);
		eg_csv_write_str(w, g->model[s]);
		eg_csv_write_str(w, g->action[s]);
		eg_csv_write_str(w, scoring == EG_RFM_FIXED ? "fixed thresholds" : "quintiles");
		eg_table_output_end_row(out);
	}
}

int eg_segment_moves_write(const struct eg_facts *f, const struct eg_rfm_grid *g,
			   const struct eg_rfm_score *now, const int *prev_segment,
			   struct eg_table_output *out, struct eg_error *err)
{
	/* Row 0 of the matrix is "(new)"; row s + 1 is segment s. */
	size_t n = g->nsegments, c, a, b;
	int64_t *count = calloc((n + 1) * n, sizeof(int64_t));
	int64_t *revenue = calloc((n + 1) * n, sizeof(int64_t));

	if (!count || !revenue) {
		free(count);
		free(revenue);
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	}
	for (c = 0; c < f->ncustomers; c++) {
		size_t from;

		if (!now[c].frequency)
			continue;
		from = prev_segment[c] < 0 ? 0 : (size_t)prev_segment[c] + 1;
		count[from * n + (size_t)now[c].segment]++;
		revenue[from * n + (size_t)now[c].segment] += now[c].monetary;
	}
	for (a = 0; a <= n; a++) {
		for (b = 0; b < n; b++) {
			if (!count[a * n + b])
				continue;
			eg_csv_write_str(&out->w, a ? g->segment[a - 1] : "(new)");
			eg_csv_write_str(&out->w, g->segment[b]);
			eg_csv_write_int(&out->w, count[a * n + b]);
			eg_csv_write_money(&out->w, revenue[a * n + b]);
			eg_table_output_end_row(out);
		}
	}
	free(count);
	free(revenue);
	return EG_OK;
}
