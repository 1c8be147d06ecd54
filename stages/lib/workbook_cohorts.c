/*
 * workbook_cohorts.c - the Cohorts sheet (retention heatmap, revenue and
 * the historical CLV curve per acquisition cohort), Segments (RFM segments
 * and churn-risk bands, with their recommended action) and Segment moves
 * (the from x to matrix of the last two months as a heatmap).
 */
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_OFFSETS  60 /* month offsets the Cohorts sheet shows */
#define MAX_SEGMENTS 60 /* segments the Segment moves matrix shows */
#define MAX_CHARTED  36 /* cohorts on the CLV chart: the latest */

/* Applies a colour scale over rows first..last, columns c0..c1 (nothing when empty). */
static void colour_scale(struct wb_sheet *s, lxw_row_t first, lxw_row_t last, lxw_col_t c0,
			 lxw_col_t c1, int three)
{
	lxw_conditional_format cf = { 0 };

	if (last < first || c1 < c0)
		return;
	if (three) {
		cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
		cf.min_color = 0xF8696B;
		cf.mid_color = 0xFFEB84;
		cf.max_color = 0x63BE7B;
	} else {
		cf.type = LXW_CONDITIONAL_2_COLOR_SCALE;
		cf.min_color = 0xFFFFFF;
		cf.max_color = 0x63BE7B;
	}
	wb_check(s, worksheet_conditional_format_range(s->ws, first, c0, last, c1, &cf), first, c0);
}

/*
 * Writes the CLV : CAC block from *row on when kpis.csv gives a CAC for a
 * cohort's month: each cohort's CAC, then its cumulative net revenue per
 * customer by month offset divided by that CAC (above 1 once a cohort's
 * customers have brought back what acquiring them cost). cell maps cohort
 * k and offset to a row of t, or -1; head is the blocks' header row.
 */
static void clv_to_cac(struct wb *b, struct wb_sheet *s, lxw_row_t *row,
		       const struct eg_data_table *t, const int64_t *cohorts, size_t ncohorts,
		       const long *cell, int64_t max_off, const char **head)
{
	long cum = eg_data_table_column(t, "cumulative_net_revenue_per_customer");
	const char *cac_head[MAX_OFFSETS + 2];
	size_t k;
	int64_t off;
	int any = 0;

	for (k = 0; k < ncohorts; k++)
		any |= eg_report_get(b->rep, cohorts[k], EG_M_CAC).present;
	if (!any)
		return;
	memcpy(cac_head, head, (size_t)(max_off + 3) * sizeof(*head));
	cac_head[1] = "CAC";
	wb_note(s, (*row)++, 0,
		"CLV : CAC: cumulative net revenue per customer / the cohort month's CAC",
		wb_format(b, NULL, WB_SECTION));
	wb_headers(s, (*row)++, 0, cac_head, (size_t)max_off + 3, 1);
	for (k = 0; k < ncohorts; k++, (*row)++) {
		struct eg_report_value cac = eg_report_get(b->rep, cohorts[k], EG_M_CAC);

		wb_month(s, *row, 0, cohorts[k], WB_BOLD);
		wb_value(s, *row, 1, WB_MONEY, cac.present, cac.x, 0);
		for (off = 0; off <= max_off; off++) {
			long rr = cell[k * (size_t)(max_off + 1) + (size_t)off];
			double clv = 0;
			int has;

			if (rr < 0)
				continue;
			has = cac.present && cac.x > 0 &&
			      eg_data_table_number(t, (size_t)rr, cum, &clv);
			wb_value(s, *row, (lxw_col_t)(off + 2), WB_DECIMAL, has,
				 has ? clv / cac.x : 0, 0);
		}
	}
	(*row)++;
}

/*
 * Writes the report month's spend by channel and campaign
 * (spend_by_campaign.csv) from *row on: spend, impressions and purchases
 * per campaign, for reading beside CAC and CLV : CAC. Nothing when the ad
 * exports give no spend in the month.
 */
static void spend_by_campaign(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	static const char *const titles[] = { "Month",	     "Channel",	    "Campaign",
					      "Spend",	     "Impressions", "Purchases",
					      "Estimated" };
	const struct eg_data_table *t = &b->d->spend_campaigns;
	long c[7];
	size_t r;
	int k;

	if (!t->present || !t->nrows)
		return;
	c[0] = eg_data_table_column(t, "month"), c[1] = eg_data_table_column(t, "channel");
	c[2] = eg_data_table_column(t, "campaign"), c[3] = eg_data_table_column(t, "spend");
	c[4] = eg_data_table_column(t, "impressions");
	c[5] = eg_data_table_column(t, "purchases");
	c[6] = eg_data_table_column(t, "estimated");
	wb_note(s, (*row)++, 0, "Spend by channel and campaign in the report month",
		wb_format(b, NULL, WB_SECTION));
	wb_headers(s, (*row)++, 0, titles, 7, 3);
	for (r = 0; r < t->nrows; r++, (*row)++) {
		for (k = 0; k < 3; k++)
			wb_text(s, *row, (lxw_col_t)k, eg_data_table_cell(t, r, c[k]), NULL);
		wb_table_value(s, *row, 3, WB_MONEY, t, r, c[3], 0);
		wb_table_value(s, *row, 4, WB_COUNT, t, r, c[4], 0);
		wb_table_value(s, *row, 5, WB_COUNT, t, r, c[5], 0);
		wb_text(s, *row, 6,
			strcmp(eg_data_table_cell(t, r, c[6]), "true") == 0
				? "estimated from weekly data"
				: "",
			NULL);
	}
	(*row)++;
}

void wb_write_cohorts(struct wb *b)
{
	static const char *const blocks[] = {
		"Retention: share of the cohort with an order in the month",
		"Net revenue in the month",
		"Cumulative net revenue per customer (historical CLV)",
	};
	static const char *const columns[] = { "retention", "net_revenue",
					       "cumulative_net_revenue_per_customer" };
	const struct eg_data_table *t = &b->d->cohorts;
	struct wb_sheet s;
	int64_t *cohorts = NULL, m, off;
	long *cell = NULL, cc, co, csize, col;
	size_t ncohorts = 0, r, k;
	int64_t max_off = -1, lo = INT64_MAX, hi = INT64_MIN;
	lxw_row_t row = 3, block_first[3] = { 0 }, header_row[3] = { 0 };
	char names[MAX_OFFSETS][16], label[32];
	const char *head[MAX_OFFSETS + 2];
	int blk, cut = 0;

	wb_sheet_start(b, &s, "Cohorts");
	if (!s.ws)
		return;
	wb_title(&s, 0, "Cohorts: customers by the month of their first order",
		 "Month 0 is the month of the first order. Retention runs from red (low) to green "
		 "(high); month 0, always 100%, is left out of the colours.");
	if (!t->present || !t->nrows) {
		wb_absent(&s, 3,
			  t->present ? "No cohorts: cohorts.csv has no rows."
				     : "No cohorts: compute wrote no cohorts.csv.");
		wb_sheet_finish(&s);
		return;
	}
	cc = eg_data_table_column(t, "cohort");
	co = eg_data_table_column(t, "month_offset");
	csize = eg_data_table_column(t, "cohort_customers");
	for (r = 0; r < t->nrows; r++) {
		double o;

		if (wb_parse_month(eg_data_table_cell(t, r, cc), &m)) {
			lo = m < lo ? m : lo;
			hi = m > hi ? m : hi;
		}
		if (eg_data_table_number(t, r, co, &o) && o > (double)max_off)
			max_off = (int64_t)o;
	}
	if (max_off >= MAX_OFFSETS) {
		max_off = MAX_OFFSETS - 1;
		cut = 1;
	}
	if (hi == INT64_MIN || max_off < 0) {
		wb_absent(&s, 3, "No cohorts: cohorts.csv names no cohort month or month offset.");
		wb_sheet_finish(&s);
		return;
	}
	/* Every month from the first cohort to the last is a row, so gaps show. */
	ncohorts = (size_t)(hi - lo + 1);
	cohorts = malloc(ncohorts * sizeof(*cohorts));
	cell = malloc(ncohorts * (size_t)(max_off + 1) * sizeof(*cell));
	if (!cohorts || !cell) {
		free(cohorts);
		free(cell);
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 3, 0);
		return;
	}
	for (k = 0; k < ncohorts * (size_t)(max_off + 1); k++)
		cell[k] = -1;
	for (k = 0; k < ncohorts; k++)
		cohorts[k] = lo + (int64_t)k;
	for (r = 0; r < t->nrows; r++) {
		double o;

		if (!wb_parse_month(eg_data_table_cell(t, r, cc), &m) ||
		    !eg_data_table_number(t, r, co, &o) || o < 0 || o > (double)max_off)
			continue;
		cell[(size_t)(m - lo) * (size_t)(max_off + 1) + (size_t)o] = (long)r;
	}
	head[0] = "Cohort", head[1] = "Customers";
	for (off = 0; off <= max_off; off++) {
		snprintf(names[off], sizeof(names[off]), "Month %d", (int)off);
		head[off + 2] = names[off];
	}
	for (blk = 0; blk < 3; blk++) {
		col = eg_data_table_column(t, columns[blk]);
		wb_note(&s, row++, 0, blocks[blk], wb_format(b, NULL, WB_SECTION));
		header_row[blk] = row;
		wb_headers(&s, row++, 0, head, (size_t)max_off + 3, 1);
		block_first[blk] = row;
		for (k = 0; k < ncohorts; k++, row++) {
			long size_row = -1;

			wb_month(&s, row, 0, cohorts[k], WB_BOLD);
			for (off = 0; off <= max_off; off++) {
				long rr = cell[k * (size_t)(max_off + 1) + (size_t)off];

				if (rr < 0)
					continue;
				if (size_row < 0)
					size_row = rr;
				wb_table_value(&s, row, (lxw_col_t)(off + 2),
					       blk == 0 ? WB_RATIO : WB_MONEY, t, (size_t)rr, col,
					       0);
			}
			if (size_row >= 0)
				wb_table_value(&s, row, 1, WB_COUNT, t, (size_t)size_row, csize, 0);
			else
				wb_value(&s, row, 1, WB_COUNT, 1, 0, WB_GREY);
		}
		row++;
	}
	colour_scale(&s, block_first[0], block_first[0] + (lxw_row_t)ncohorts - 1, 3,
		     (lxw_col_t)(max_off + 2), 1);
	colour_scale(&s, block_first[2], block_first[2] + (lxw_row_t)ncohorts - 1, 2,
		     (lxw_col_t)(max_off + 2), 0);
	if (cut)
		wb_absent(&s, row++, "Only the first 60 months after the first order are shown.");
	clv_to_cac(b, &s, &row, t, cohorts, ncohorts, cell, max_off, head);
	spend_by_campaign(b, &s, &row);
	{
		lxw_chart *chart = wb_chart(b, LXW_CHART_LINE,
					    "Cumulative net revenue per customer, by cohort");
		size_t from = ncohorts > MAX_CHARTED ? ncohorts - MAX_CHARTED : 0;

		for (k = from; chart && k < ncohorts; k++) {
			lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

			if (!series)
				break;
			chart_series_set_categories(series, "Cohorts", header_row[2], 2,
						    header_row[2], (lxw_col_t)(max_off + 2));
			chart_series_set_values(series, "Cohorts", block_first[2] + (lxw_row_t)k, 2,
						block_first[2] + (lxw_row_t)k,
						(lxw_col_t)(max_off + 2));
			chart_series_set_name(series,
					      wb_month_name(cohorts[k], label, sizeof(label)));
			chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
			chart_series_set_marker_size(series, 4);
		}
		if (chart) {
			chart_axis_set_num_format(chart->y_axis, wb_num_format(b, WB_MONEY, 0));
			chart_legend_set_position(chart, LXW_CHART_LEGEND_RIGHT);
			chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
		}
		wb_insert_chart(&s, row + 1, 0, chart, 720, 330);
	}
	s.width[0] = 11;
	s.width[1] = 11;
	for (off = 0; off <= max_off; off++)
		if (s.width[off + 2] < 10)
			s.width[off + 2] = 10;
	worksheet_freeze_panes(s.ws, header_row[0] + 1, 2);
	wb_sheet_finish(&s);
	free(cohorts);
	free(cell);
}

/* The rank of a churn-risk band for display: high, medium, low, then others. */
static int band_rank(const char *name)
{
	if (strncasecmp(name, "high", 4) == 0)
		return 0;
	if (strncasecmp(name, "medium", 6) == 0)
		return 1;
	if (strncasecmp(name, "low", 3) == 0)
		return 2;
	return 3;
}

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
			wb_format(b, NULL, band_rank(name) == 0 ? WB_RED | WB_BOLD : WB_BOLD));
		for (k = 1; k < ncols; k++)
			wb_table_value(s, *row, (lxw_col_t)k, kinds[k], t, r, c[k], 0);
	}
}

static void write_bands(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	int order[WB_MAX_BANDS], i, j, n = b->tally.nbands;
	const char *basis;
	int64_t total = 0;
	double revenue = 0;
	char name[96];

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
	if (n == 1 && !b->tally.bands[0].name[0]) {
		no_bands(b, s, row, "no customer has a churn-risk band");
		return;
	}
	for (i = 0; i < n; i++) {
		order[i] = i;
		total += b->tally.bands[i].customers;
		revenue += b->tally.bands[i].revenue;
	}
	/* Insertion sort: few bands, and equal ranks keep the order first met. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && band_rank(b->tally.bands[order[j - 1]].name) >
					     band_rank(b->tally.bands[order[j]].name);
		     j--) {
			int x = order[j];

			order[j] = order[j - 1], order[j - 1] = x;
		}
	wb_headers(s, (*row)++, 0, band_head, 6, 1);
	for (i = 0; i < n; i++, (*row)++) {
		const struct eg_workbook_band *x = &b->tally.bands[order[i]];

		snprintf(name, sizeof(name), "%s", x->name[0] ? x->name : "(no band: not scored)");
		wb_text(s, *row, 0, name,
			wb_format(b, NULL, band_rank(x->name) == 0 ? WB_RED | WB_BOLD : WB_BOLD));
		wb_value(s, *row, 1, WB_COUNT, 1, (double)x->customers, 0);
		wb_value(s, *row, 2, WB_RATIO, total > 0,
			 total ? (double)x->customers / (double)total : 0, 0);
		wb_value(s, *row, 3, WB_MONEY, 1, x->revenue, 0);
		wb_value(s, *row, 4, WB_RATIO, revenue != 0,
			 revenue != 0 ? x->revenue / revenue : 0, 0);
		wb_value(s, *row, 5, WB_RATIO, x->with_p_alive > 0,
			 x->with_p_alive ? x->p_alive / (double)x->with_p_alive : 0, 0);
	}
	if (b->tally.unbanded) {
		snprintf(name, sizeof(name),
			 "%lld customers in bands past the first %d are not shown.",
			 (long long)b->tally.unbanded, WB_MAX_BANDS);
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
	double customers = 0, revenue = 0, x;
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
			if (eg_data_table_number(t, r, ccust, &x))
				customers += x;
			if (eg_data_table_number(t, r, crev, &x))
				revenue += x;
		}
		last = row - 1;
		wb_text(&s, row, 0, "Total", wb_format(b, NULL, WB_TOP_RULE));
		wb_value(&s, row, 1, WB_COUNT, 1, customers, WB_TOP_RULE);
		wb_value(&s, row, 2, WB_RATIO, 1, customers > 0 ? 1 : 0, WB_TOP_RULE);
		wb_value(&s, row, 3, WB_MONEY, 1, revenue, WB_TOP_RULE);
		wb_value(&s, row++, 4, WB_RATIO, 1, revenue != 0 ? 1 : 0, WB_TOP_RULE);
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

/* The index of name in names (adding it when there is room); -1 when full. */
static int segment_index(const char **names, int *n, const char *name)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	if (*n == MAX_SEGMENTS)
		return -1;
	names[*n] = name;
	return (*n)++;
}

void wb_write_moves(struct wb *b)
{
	const struct eg_data_table *t = &b->d->moves, *seg = &b->d->segments;
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	const char *names[MAX_SEGMENTS];
	static double count[MAX_SEGMENTS + 1][MAX_SEGMENTS],
		revenue[MAX_SEGMENTS + 1][MAX_SEGMENTS];
	double row_total, col_total[MAX_SEGMENTS], stayed = 0, moved = 0, fresh = 0, all = 0;
	double stayed_rev = 0, moved_rev = 0, fresh_rev = 0;
	int n = 0, i, j, has_new = 0, has_revenue;
	long cf, ct, cc, cr, cs;
	lxw_row_t row = 3;
	char now[32], prev[32], title[128], note[320], *ranges = NULL;
	size_t r, used = 0;

	wb_sheet_start(b, &s, "Segment moves");
	if (!s.ws)
		return;
	wb_month_name(rep->month, now, sizeof(now));
	wb_month_name(rep->month - 1, prev, sizeof(prev));
	snprintf(title, sizeof(title), "Segment moves: %s to %s", prev, now);
	snprintf(note, sizeof(note),
		 "Customers by their segment at the end of %s (rows) and at the end of %s "
		 "(columns). The diagonal, on grey, stayed in their segment; the other cells are "
		 "shaded by how many moved.",
		 prev, now);
	wb_title(&s, 0, title, note);
	if (!t->present) {
		wb_absent(&s, 3, "No segment moves: compute wrote no segment_moves.csv.");
		wb_sheet_finish(&s);
		return;
	}
	memset(count, 0, sizeof(count));
	memset(revenue, 0, sizeof(revenue));
	cf = eg_data_table_column(t, "from_segment"), ct = eg_data_table_column(t, "to_segment");
	cc = eg_data_table_column(t, "customers"), cr = eg_data_table_column(t, "revenue");
	has_revenue = cr >= 0;
	cs = eg_data_table_column(seg, "segment");
	for (r = 0; seg->present && r < seg->nrows; r++)
		segment_index(names, &n, eg_data_table_cell(seg, r, cs));
	for (r = 0; r < t->nrows; r++) {
		const char *from = eg_data_table_cell(t, r, cf), *to = eg_data_table_cell(t, r, ct);
		int a = strcmp(from, "(new)") == 0 ? -1 : segment_index(names, &n, from);
		int z = segment_index(names, &n, to);
		double x = 0, v = 0;

		if (z < 0 || (a < 0 && strcmp(from, "(new)") != 0))
			continue;
		eg_data_table_number(t, r, cc, &x);
		eg_data_table_number(t, r, cr, &v);
		count[a + 1][z] += x;
		revenue[a + 1][z] += v;
		all += x;
		if (a < 0) {
			has_new = 1;
			fresh += x, fresh_rev += v;
		} else if (a == z) {
			stayed += x, stayed_rev += v;
		} else {
			moved += x, moved_rev += v;
		}
	}
	if (!n) {
		wb_absent(&s, 3, "No segment moves: segment_moves.csv has no rows.");
		wb_sheet_finish(&s);
		return;
	}
	{
		const char *head[MAX_SEGMENTS + 2];

		head[0] = "From \\ to";
		for (j = 0; j < n; j++)
			head[j + 1] = names[j];
		head[n + 1] = "Total";
		worksheet_set_row(s.ws, row, 45, NULL);
		wb_headers(&s, row++, 0, head, (size_t)n + 2, 1);
	}
	memset(col_total, 0, sizeof(col_total));
	ranges = malloc((size_t)(n + 1) * 2 * 24 + 1);
	if (ranges)
		ranges[0] = '\0';
	for (i = has_new ? -1 : 0; i < n; i++, row++) {
		char cell_a[16], cell_b[16];

		wb_text(&s, row, 0, i < 0 ? "New (no order a month ago)" : names[i],
			wb_format(b, NULL, WB_BOLD));
		row_total = 0;
		for (j = 0; j < n; j++) {
			double x = count[i + 1][j];

			row_total += x;
			col_total[j] += x;
			wb_number(&s, row, (lxw_col_t)(j + 1), x,
				  wb_format(b, "#,##0;-#,##0;\"\"", i == j ? WB_FILL_GREY : 0));
		}
		wb_number(&s, row, (lxw_col_t)(n + 1), row_total, wb_format(b, "#,##0", WB_BOLD));
		/* The heatmap's cells: the row left and right of the diagonal. */
		if (ranges) {
			int l0 = 1, l1 = i >= 0 ? i : n, r0 = i >= 0 ? i + 2 : n + 1, r1 = n;

			if (l1 >= l0) {
				lxw_rowcol_to_cell(cell_a, row, (lxw_col_t)l0);
				lxw_rowcol_to_cell(cell_b, row, (lxw_col_t)l1);
				used += (size_t)sprintf(ranges + used, "%s%s:%s", used ? " " : "",
							cell_a, cell_b);
			}
			if (r1 >= r0) {
				lxw_rowcol_to_cell(cell_a, row, (lxw_col_t)r0);
				lxw_rowcol_to_cell(cell_b, row, (lxw_col_t)r1);
				used += (size_t)sprintf(ranges + used, "%s%s:%s", used ? " " : "",
							cell_a, cell_b);
			}
		}
	}
	wb_text(&s, row, 0, "Total", wb_format(b, NULL, WB_TOP_RULE));
	for (j = 0; j < n; j++)
		wb_number(&s, row, (lxw_col_t)(j + 1), col_total[j],
			  wb_format(b, "#,##0", WB_TOP_RULE));
	wb_number(&s, row++, (lxw_col_t)(n + 1), all, wb_format(b, "#,##0", WB_TOP_RULE));
	if (ranges && used) {
		lxw_conditional_format cf2 = { 0 };
		lxw_row_t r0, r1;
		lxw_col_t c0, c1;
		char *space = strchr(ranges, ' ');

		/* The primary range is the first piece of the list. */
		if (space)
			*space = '\0';
		r0 = lxw_name_to_row(ranges), c0 = lxw_name_to_col(ranges);
		r1 = lxw_name_to_row_2(ranges), c1 = lxw_name_to_col_2(ranges);
		if (space)
			*space = ' ';
		cf2.type = LXW_CONDITIONAL_2_COLOR_SCALE;
		cf2.min_color = 0xFFFFFF;
		cf2.max_color = 0xF4B183;
		cf2.multi_range = ranges;
		wb_check(&s, worksheet_conditional_format_range(s.ws, r0, c0, r1, c1, &cf2), r0,
			 c0);
	}
	free(ranges);
	row++;
	wb_note(&s, row++, 0, "Who stayed, who moved", wb_format(b, NULL, WB_SECTION));
	wb_headers(&s, row++, 0, (const char *const[]){ "Customers", "Count", "Share", "Revenue" },
		   has_revenue ? 4 : 3, 1);
	{
		const char *labels[3] = { "Stayed in their segment", "Moved to another segment",
					  "New since a month ago" };
		double counts[3] = { stayed, moved, fresh },
		       revs[3] = { stayed_rev, moved_rev, fresh_rev };

		for (i = 0; i < 3; i++, row++) {
			wb_text(&s, row, 0, labels[i],
				i == 0 ? wb_format(b, NULL, WB_FILL_GREY) : NULL);
			wb_value(&s, row, 1, WB_COUNT, 1, counts[i], 0);
			wb_value(&s, row, 2, WB_RATIO, all > 0, all > 0 ? counts[i] / all : 0, 0);
			if (has_revenue)
				wb_value(&s, row, 3, WB_MONEY, 1, revs[i], 0);
		}
	}
	if (s.width[0] < 28)
		s.width[0] = 28;
	for (j = 1; j <= n + 1 && j < WB_MAX_COLS; j++)
		s.width[j] = 12;
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
}
