/*
 * workbook_cohorts.c - the Cohorts sheet: retention heatmap, revenue and the historical
 * CLV curve per acquisition cohort.
 */
#include "engage/cohorts_table.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <string.h>


#define MAX_OFFSETS  EG_COHORT_MAX_OFFSETS
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
 * customers have brought back what acquiring them cost). head is the
 * blocks' header row.
 */
static void clv_to_cac(struct wb *b, struct wb_sheet *s, lxw_row_t *row,
		       const struct eg_cohorts_table *g, const char **head)
{
	const char *cac_head[MAX_OFFSETS + 2];
	size_t k, width = (size_t)(g->max_off + 1);
	int64_t off;

	if (!g->any_cac)
		return;
	memcpy(cac_head, head, (size_t)(g->max_off + 3) * sizeof(*head));
	cac_head[1] = "CAC";
	wb_note(s, (*row)++, 0,
		"CLV : CAC: cumulative net revenue per customer / the cohort month's CAC",
		wb_format(b, NULL, WB_SECTION));
	wb_headers(s, (*row)++, 0, cac_head, (size_t)g->max_off + 3, 1);
	for (k = 0; k < g->ncohorts; k++, (*row)++) {
		wb_month(s, *row, 0, g->first + (int64_t)k, WB_BOLD);
		wb_value(s, *row, 1, WB_MONEY, g->has_cac[k], g->cac[k], 0);
		for (off = 0; off <= g->max_off; off++) {
			size_t i = k * width + (size_t)off;

			if (g->cell[i] >= 0)
				wb_value(s, *row, (lxw_col_t)(off + 2), WB_DECIMAL,
					 g->has_clv_cac[i], g->clv_cac[i], 0);
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
	struct eg_cohorts_table g;
	struct wb_sheet s;
	int64_t off, max_off;
	long csize, col;
	size_t ncohorts, k, width;
	lxw_row_t row = 3, block_first[3] = { 0 }, header_row[3] = { 0 };
	char names[MAX_OFFSETS][16], label[32];
	const char *head[MAX_OFFSETS + 2];
	int blk;

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
	if (eg_cohorts_table_collect(&g, t, b->rep) != EG_OK) {
		wb_check(&s, LXW_ERROR_MEMORY_MALLOC_FAILED, 3, 0);
		return;
	}
	if (!g.ncohorts) {
		wb_absent(&s, 3, "No cohorts: cohorts.csv names no cohort month or month offset.");
		wb_sheet_finish(&s);
		return;
	}
	ncohorts = g.ncohorts, max_off = g.max_off, width = (size_t)(max_off + 1);
	csize = eg_data_table_column(t, "cohort_customers");
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
			wb_month(&s, row, 0, g.first + (int64_t)k, WB_BOLD);
			for (off = 0; off <= max_off; off++) {
				long rr = g.cell[k * width + (size_t)off];

				if (rr >= 0)
					wb_table_value(&s, row, (lxw_col_t)(off + 2),
						       blk == 0 ? WB_RATIO : WB_MONEY, t,
						       (size_t)rr, col, 0);
			}
			if (g.size_row[k] >= 0)
				wb_table_value(&s, row, 1, WB_COUNT, t, (size_t)g.size_row[k],
					       csize, 0);
			else
				wb_value(&s, row, 1, WB_COUNT, 1, 0, WB_GREY);
		}
		row++;
	}
	colour_scale(&s, block_first[0], block_first[0] + (lxw_row_t)ncohorts - 1, 3,
		     (lxw_col_t)(max_off + 2), 1);
	colour_scale(&s, block_first[2], block_first[2] + (lxw_row_t)ncohorts - 1, 2,
		     (lxw_col_t)(max_off + 2), 0);
	if (g.cut)
		wb_absent(&s, row++, "Only the first 60 months after the first order are shown.");
	clv_to_cac(b, &s, &row, &g, head);
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
			chart_series_set_name(series, wb_month_name(g.first + (int64_t)k, label,
								    sizeof(label)));
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
	eg_cohorts_table_release(&g);
}
