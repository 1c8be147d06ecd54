/*
 * workbook_segments.c - the Segments sheet: RFM segments and churn-risk bands, with their
 * recommended action.
 */
#include "engage/segments_table.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <string.h>


/* model.csv's value of model's parameter, or NULL when it has none. */
static const char *model_value(const struct eg_workbook_data *d, const char *model,
			       const char *parameter)
{
	const struct eg_data_table *t = &d->model;
	long cm = eg_data_table_column(t, "model"), cp = eg_data_table_column(t, "parameter");
	size_t r;

	for (r = 0; t->present && r < t->nrows; r++)
		if (strcmp(eg_data_table_cell(t, r, cm), model) == 0 &&
		    strcmp(eg_data_table_cell(t, r, cp), parameter) == 0)
			return eg_data_table_cell(t, r, eg_data_table_column(t, "value"));
	return NULL;
}

/*
 * Says there are no bands, with the BG/NBD model's status and reason when
 * model.csv says it cannot be used.
 */
static void no_bands(struct wb *b, struct wb_sheet *s, lxw_row_t *row, const char *why)
{
	const char *status = model_value(b->d, "bgnbd", "status");
	const char *reason = model_value(b->d, "bgnbd", "reason");
	char msg[1200];

	if (status && strncmp(status, "not fitted", 10) == 0)
		snprintf(msg, sizeof(msg), "No churn-risk bands: the BG/NBD model was %s.", status);
	else if (status && strcmp(status, "fitted") != 0 && strcmp(status, "no_dropout") != 0)
		snprintf(msg, sizeof(msg),
			 "No churn-risk bands, P(alive), expected orders or CLV: the BG/NBD model "
			 "cannot be used (%s: %.900s).",
			 status, reason ? reason : "see the Model sheet");
	else
		snprintf(msg, sizeof(msg), "No churn-risk bands: %s.", why);
	wb_absent(s, (*row)++, msg);
}

static const char *const band_head[] = { "Band",
					 "Customers",
					 "Share of customers",
					 "Revenue",
					 "Share of revenue",
					 "Average P(alive)",
					 "Average typical gaps since the last order" };

/* The bands of compute's risk_bands.csv. */
static void bands_from_table(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	const struct eg_data_table *t = &b->d->risk_bands;
	long c[7];
	size_t r;
	int k, ncols;

	if (!t->nrows) {
		no_bands(b, s, row, "risk_bands.csv has no rows");
		return;
	}
	c[0] = eg_data_table_column(t, "churn_risk");
	c[1] = eg_data_table_column(t, "customers");
	c[2] = eg_data_table_column(t, "customer_share");
	c[3] = eg_data_table_column(t, "revenue");
	c[4] = eg_data_table_column(t, "revenue_share");
	c[5] = eg_data_table_column(t, "average_p_alive");
	c[6] = eg_data_table_column(t, "average_gaps_since_last_order");
	ncols = c[6] >= 0 ? 7 : 6;
	wb_headers(s, (*row)++, 0, band_head, ncols, 1);
	for (r = 0; r < t->nrows; r++, (*row)++) {
		const char *name = eg_data_table_cell(t, r, c[0]);
		static const enum wb_kind kinds[] = { WB_COUNT, WB_COUNT, WB_RATIO,  WB_MONEY,
						      WB_RATIO, WB_RATIO, WB_DECIMAL };

		wb_text(s, *row, 0, name,
			wb_format(b, NULL, eg_band_rank(name) == 0 ? WB_RED | WB_BOLD : WB_BOLD));
		for (k = 1; k < ncols; k++)
			wb_table_value(s, *row, (lxw_col_t)k, kinds[k], t, r, c[k], 0);
	}
}

static void write_bands(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	struct eg_segment_bands bands;
	const char *basis;
	char name[96];
	int i;

	basis = model_value(b->d, "churn_risk", "basis");
	wb_note(s, (*row)++, 0,
		basis && strcmp(basis, "recency") == 0
			? "Churn risk: bands of recency, days since the last order against the "
			  "customer's typical gap between orders (P(alive) is flat here)"
			: "Churn risk: bands of P(alive)",
		wb_format(b, NULL, WB_SECTION));
	if (basis && strcmp(basis, "recency") == 0) {
		const char *reason = model_value(b->d, "churn_risk", "reason");

		wb_note(s, (*row)++, 0, reason ? reason : "", wb_format(b, NULL, WB_GREY));
	}
	if (b->d->risk_bands.present) {
		bands_from_table(b, s, row);
		return;
	}
	if (!b->d->scores) {
		no_bands(b, s, row, "compute wrote no customer_scores.csv");
		return;
	}
	if (!b->tally.has_churn_risk) {
		no_bands(b, s, row,
			 "customer_scores.csv has no churn_risk column (the BG/NBD model gives "
			 "P(alive) "
			 "and its bands; see the Model sheet)");
		return;
	}
	if (b->tally.nbands == 1 && !b->tally.bands[0].name[0]) {
		no_bands(b, s, row, "no customer has a churn-risk band");
		return;
	}
	eg_segment_bands_collect(&bands, &b->tally);
	wb_headers(s, (*row)++, 0, band_head, 6, 1);
	for (i = 0; i < bands.n; i++, (*row)++) {
		const struct eg_band_row *x = &bands.rows[i];

		snprintf(name, sizeof(name), "%s", x->name[0] ? x->name : "(no band: not scored)");
		wb_text(s, *row, 0, name,
			wb_format(b, NULL, eg_band_rank(x->name) == 0 ? WB_RED | WB_BOLD : WB_BOLD));
		wb_value(s, *row, 1, WB_COUNT, 1, (double)x->customers, 0);
		wb_value(s, *row, 2, WB_RATIO, x->has_customer_share, x->customer_share, 0);
		wb_value(s, *row, 3, WB_MONEY, 1, x->revenue, 0);
		wb_value(s, *row, 4, WB_RATIO, x->has_revenue_share, x->revenue_share, 0);
		wb_value(s, *row, 5, WB_RATIO, x->has_p_alive, x->p_alive, 0);
	}
	if (bands.unbanded) {
		snprintf(name, sizeof(name),
			 "%lld customers in bands past the first %d are not shown.",
			 (long long)bands.unbanded, WB_MAX_BANDS);
		wb_absent(s, (*row)++, name);
	}
}

/* Says how segments.csv's R and F scores were made, when its scoring column tells. */
static void write_scoring(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	const struct eg_data_table *t = &b->d->segments;
	long c = eg_data_table_column(t, "scoring");
	const char *how = c >= 0 && t->nrows ? eg_data_table_cell(t, 0, c) : "";

	if (strcmp(how, "fixed thresholds") == 0)
		wb_note(s, (*row)++, 0,
			"Scored by fixed thresholds, not quintiles: too few customers to rank "
			"(under 100), or recency quintiles only days apart. R 5 within 30 days, 4 "
			"within 90, 3 within 180, 2 within 365, else 1; F 1, 2, 3 orders, 4 for "
			"4-5, "
			"5 for 6 or more; M by quintile.",
			wb_format(b, NULL, WB_GREY));
	else if (strcmp(how, "quintiles") == 0)
		wb_note(s, (*row)++, 0,
			"Scored by quintiles: each of R, F and M from 1 to 5 by the customer's "
			"rank "
			"among all customers.",
			wb_format(b, NULL, WB_GREY));
}

void wb_write_segments(struct wb *b)
{
	const struct eg_data_table *t = &b->d->segments;
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	long cseg, ccust, cshare, crev, crshare, crec, cmodel, caction;
	lxw_row_t row = 3, first, last;
	struct eg_segments_total total;
	char title[96], month[32];
	size_t r;

	wb_sheet_start(b, &s, "Segments");
	if (!s.ws)
		return;
	snprintf(title, sizeof(title), "Segments: RFM, as of the end of %s",
		 wb_month_name(rep->month, month, sizeof(month)));
	wb_title(&s, 0, title,
		 "Customers by recency, frequency and monetary value; each segment with the "
		 "engagement model and the action recommended for it.");
	if (!t->present) {
		wb_absent(&s, row++, "No RFM segments: compute wrote no segments.csv.");
	} else {
		cseg = eg_data_table_column(t, "segment");
		ccust = eg_data_table_column(t, "customers");
		cshare = eg_data_table_column(t, "customer_share");
		crev = eg_data_table_column(t, "revenue");
		crshare = eg_data_table_column(t, "revenue_share");
		crec = eg_data_table_column(t, "average_recency_days");
		cmodel = eg_data_table_column(t, "engagement_model");
		caction = eg_data_table_column(t, "action");
		wb_headers(&s, row++, 0,
			   (const char *const[]){ "Segment", "Customers", "Share of customers",
						  "Revenue", "Share of revenue",
						  "Average days since last order",
						  "Engagement model", "Recommended action" },
			   8, 1);
		first = row;
		for (r = 0; r < t->nrows; r++, row++) {
			wb_text(&s, row, 0, eg_data_table_cell(t, r, cseg),
				wb_format(b, NULL, WB_BOLD));
			wb_table_value(&s, row, 1, WB_COUNT, t, r, ccust, 0);
			wb_table_value(&s, row, 2, WB_RATIO, t, r, cshare, 0);
			wb_table_value(&s, row, 3, WB_MONEY, t, r, crev, 0);
			wb_table_value(&s, row, 4, WB_RATIO, t, r, crshare, 0);
			wb_table_value(&s, row, 5, WB_DECIMAL, t, r, crec, 0);
			wb_text(&s, row, 6, eg_data_table_cell(t, r, cmodel), NULL);
			wb_text(&s, row, 7, eg_data_table_cell(t, r, caction),
				wb_format(b, NULL, WB_WRAP));
		}
		last = row - 1;
		eg_segments_total_collect(&total, t);
		wb_text(&s, row, 0, "Total", wb_format(b, NULL, WB_TOP_RULE));
		wb_value(&s, row, 1, WB_COUNT, 1, total.customers, WB_TOP_RULE);
		wb_value(&s, row, 2, WB_RATIO, 1, total.customer_share, WB_TOP_RULE);
		wb_value(&s, row, 3, WB_MONEY, 1, total.revenue, WB_TOP_RULE);
		wb_value(&s, row++, 4, WB_RATIO, 1, total.revenue_share, WB_TOP_RULE);
		write_scoring(b, &s, &row);
		row++;
		write_bands(b, &s, &row);
		if (t->nrows) {
			lxw_chart *chart =
				wb_chart(b, LXW_CHART_BAR, "Share of customers and of revenue");
			lxw_chart_series *a = chart ? chart_add_series(chart, NULL, NULL) : NULL;
			lxw_chart_series *v = chart ? chart_add_series(chart, NULL, NULL) : NULL;

			if (a && v) {
				chart_series_set_categories(a, "Segments", first, 0, last, 0);
				chart_series_set_values(a, "Segments", first, 2, last, 2);
				chart_series_set_name(a, "Share of customers");
				chart_series_set_categories(v, "Segments", first, 0, last, 0);
				chart_series_set_values(v, "Segments", first, 4, last, 4);
				chart_series_set_name(v, "Share of revenue");
				/* In a bar chart y_axis is the vertical category axis: first on top. */
				chart_axis_set_reverse(chart->y_axis);
				chart_axis_set_crossing_max(chart->y_axis);
				chart_axis_set_num_format(chart->x_axis, "0%");
			}
			wb_insert_chart(&s, row + 1, 0, chart, 760, 380);
		}
		worksheet_freeze_panes(s.ws, 4, 1);
	}
	if (!t->present) {
		row++;
		write_bands(b, &s, &row);
	}
	s.width[7] = 70;
	if (s.width[0] < 22)
		s.width[0] = 22;
	wb_sheet_finish(&s);
}
