/*
 * workbook_bridge.c - the Revenue bridge sheet: gross sales to net revenue,
 * month by month, drawn from what bridge_table.c gathers.
 */
#include "engage/bridge_table.h"
#include "engage/money.h"
#include "engage/workbook_sheets.h"

void wb_write_bridge(struct wb *b)
{
	enum { NCOLS = EG_BRIDGE_NCOLS };
	const struct eg_data_table *t = &b->d->bridge;
	struct eg_bridge_table bt;
	struct wb_sheet s;
	lxw_row_t row = 4;
	size_t r;
	int k;

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
	if (eg_bridge_table_collect(&bt, t, b->rep, b->err) != EG_OK) {
		if (b->status == EG_OK)
			b->status = b->err->status;
		return;
	}
	wb_headers(&s, 3, 0,
		   (const char *const[]){ "Month", "Gross sales", "Discounts", "Shipping", "Tax",
					  "Duties", "Other", "Order totals", "Refunds",
					  "Net revenue", "Net revenue in KPIs", "Check" },
		   NCOLS + 3, 1);
	for (r = 0; r < bt.n; r++, row++) {
		const struct eg_bridge_month *x = &bt.months[r];

		if (x->has_month)
			wb_month(&s, row, 0, x->month, 0);
		else
			wb_text(&s, row, 0, x->label, NULL);
		for (k = 0; k < NCOLS; k++)
			wb_value(&s, row, (lxw_col_t)(k + 1), WB_MONEY, x->have[k],
				 x->have[k] ? (double)x->v[k] / EG_MONEY_SCALE : 0,
				 k == EG_BRIDGE_OTHER && x->have[k] && x->v[k] != 0 ? WB_FILL_RED
				 : k == EG_BRIDGE_NET				       ? WB_BOLD
										       : 0);
		wb_value(&s, row, NCOLS + 1, WB_MONEY, x->kpi.present, x->kpi.x,
			 x->net_differs ? WB_FILL_RED : 0);
		wb_text(&s, row, NCOLS + 2, x->check,
			wb_format(b, NULL, x->ok ? WB_FILL_GREEN : WB_FILL_RED));
	}
	wb_text(&s, row, 0, "Total", wb_format(b, NULL, WB_TOP_RULE));
	for (k = 0; k < NCOLS; k++)
		wb_value(&s, row, (lxw_col_t)(k + 1), WB_MONEY, 1,
			 (double)bt.sums[k] / EG_MONEY_SCALE,
			 WB_TOP_RULE | (k == EG_BRIDGE_OTHER && bt.sums[k] != 0 ? WB_FILL_RED : 0));
	wb_value(&s, row, NCOLS + 1, WB_MONEY, bt.have_kpi_all && bt.n,
		 (double)bt.kpi_sum / EG_MONEY_SCALE, WB_TOP_RULE);
	wb_text(&s, row, NCOLS + 2, bt.total_check,
		wb_format(b, NULL, WB_TOP_RULE | (bt.bad_months ? WB_FILL_RED : WB_FILL_GREEN)));
	s.width[0] = 10;
	worksheet_freeze_panes(s.ws, 4, 1);
	wb_sheet_finish(&s);
	eg_bridge_table_release(&bt);
}
