/*
 * workbook_bridge.c - the Revenue bridge sheet: gross sales to net revenue, month by month.
 */
#include "engage/money.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <string.h>


/* Exact amount of a bridge cell into *v: 1, or 0 when empty or not an amount. */
static int amount(const struct eg_data_table *t, size_t r, long c, int64_t *v)
{
	const char *s = eg_data_table_cell(t, r, c);
	struct eg_error ignored;

	return *s && eg_money_parse(s, strlen(s), NULL, v, &ignored) == EG_OK;
}

void wb_write_bridge(struct wb *b)
{
	static const char *const cols[] = { "gross_sales", "discounts", "shipping",
					    "tax",	   "duties",	"other",
					    "total",	   "refunds",	"net_revenue" };
	enum { NCOLS = sizeof(cols) / sizeof(cols[0]), OTHER = 5, NET = 8 };
	const struct eg_data_table *t = &b->d->bridge;
	const struct eg_report *rep = b->rep;
	struct wb_sheet s;
	long c[NCOLS], cm;
	int64_t sums[NCOLS] = { 0 }, v, kpi_sum = 0;
	lxw_row_t row = 4;
	size_t r;
	int k, bad_months = 0, have_kpi_all = 1;
	char check[200], a[EG_MONEY_BUFSZ], b2[EG_MONEY_BUFSZ], total_check[200];

	wb_sheet_start(b, &s, "Revenue bridge");
	if (!s.ws)
		return;
	wb_title(&s, 0, "Revenue bridge: from gross sales to net revenue",
		 "Gross sales - discounts + shipping + tax + duties + other = order totals; "
		 "order totals - refunds = net revenue. Other is what the exported totals hold "
		 "beyond their parts: any amount there, or a net revenue that differs from "
		 "kpis.csv, is shown in red.");
	if (!t->present) {
		wb_absent(&s, 3,
			  "No revenue bridge: compute wrote no bridge.csv, so the order totals "
			  "cannot "
			  "be reconciled here.");
		wb_sheet_finish(&s);
		return;
	}
	cm = eg_data_table_column(t, "month");
	for (k = 0; k < NCOLS; k++)
		c[k] = eg_data_table_column(t, cols[k]);
	wb_headers(&s, 3, 0,
		   (const char *const[]){ "Month", "Gross sales", "Discounts", "Shipping", "Tax",
					  "Duties", "Other", "Order totals", "Refunds",
					  "Net revenue", "Net revenue in KPIs", "Check" },
		   NCOLS + 3, 1);
	for (r = 0; r < t->nrows; r++, row++) {
		int64_t m = 0, other = 0, net = 0;
		struct eg_report_value kpi = { 0, 0, 0, "" };
		int ok, have_net = 0;

		if (wb_parse_month(eg_data_table_cell(t, r, cm), &m)) {
			wb_month(&s, row, 0, m, 0);
			kpi = eg_report_get(rep, m, EG_M_NET_REVENUE);
		} else {
			wb_text(&s, row, 0, eg_data_table_cell(t, r, cm), NULL);
		}
		for (k = 0; k < NCOLS; k++) {
			int have = amount(t, r, c[k], &v);

			if (have)
				sums[k] += v;
			if (k == OTHER && have)
				other = v;
			if (k == NET && have)
				net = v, have_net = 1;
			wb_value(&s, row, (lxw_col_t)(k + 1), WB_MONEY, have,
				 have ? (double)v / EG_MONEY_SCALE : 0,
				 k == OTHER && have && v != 0 ? WB_FILL_RED
				 : k == NET		      ? WB_BOLD
							      : 0);
		}
		wb_value(&s, row, NCOLS + 1, WB_MONEY, kpi.present, kpi.x,
			 kpi.present && have_net && kpi.v != net ? WB_FILL_RED : 0);
		if (kpi.present)
			kpi_sum += kpi.v;
		else
			have_kpi_all = 0;
		ok = other == 0 && (!kpi.present || !have_net || kpi.v == net);
		if (ok)
			snprintf(check, sizeof(check), "reconciles");
		else
			snprintf(check, sizeof(check), "does not reconcile:%s%s%s%s%s",
				 other ? " " : "", other ? eg_money_format(other, a) : "",
				 other ? " in the totals unexplained" : "",
				 kpi.present && have_net && kpi.v != net
					 ? (other ? "; net revenue differs from kpis.csv by "
						  : " net revenue differs from kpis.csv by ")
					 : "",
				 kpi.present && have_net && kpi.v != net
					 ? eg_money_format(net - kpi.v, b2)
					 : "");
		bad_months += !ok;
		wb_text(&s, row, NCOLS + 2, check,
			wb_format(b, NULL, ok ? WB_FILL_GREEN : WB_FILL_RED));
	}
	wb_text(&s, row, 0, "Total", wb_format(b, NULL, WB_TOP_RULE));
	for (k = 0; k < NCOLS; k++)
		wb_value(&s, row, (lxw_col_t)(k + 1), WB_MONEY, 1, (double)sums[k] / EG_MONEY_SCALE,
			 WB_TOP_RULE | (k == OTHER && sums[k] != 0 ? WB_FILL_RED : 0));
	wb_value(&s, row, NCOLS + 1, WB_MONEY, have_kpi_all && t->nrows,
		 (double)kpi_sum / EG_MONEY_SCALE, WB_TOP_RULE);
	if (bad_months)
		snprintf(total_check, sizeof(total_check), "%d month%s do%s not reconcile",
			 bad_months, bad_months == 1 ? "" : "s", bad_months == 1 ? "es" : "");
	else
		snprintf(total_check, sizeof(total_check), "every month reconciles");
	wb_text(&s, row, NCOLS + 2, total_check,
		wb_format(b, NULL, WB_TOP_RULE | (bad_months ? WB_FILL_RED : WB_FILL_GREEN)));
	s.width[0] = 10;
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
}
