/*
 * workbook_cohorts.c - the Cohorts sheet: retention heatmap, revenue and the historical
 * CLV curve per acquisition cohort.
 */
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define MAX_OFFSETS  60 /* month offsets the Cohorts sheet shows */
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
