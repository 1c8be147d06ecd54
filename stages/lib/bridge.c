/*
 * bridge.c - monthly sums of the parts of order totals.
 */
#include "engage/bridge.h"
#include "engage/datetime.h"

#include <stdlib.h>

const char *const eg_bridge_columns[] = {
	"month", "gross_sales", "discounts", "shipping",    "tax", "duties",
	"other", "total",	"refunds",   "net_revenue", NULL,
};

/* Sums of one month. */
struct sums {
	int64_t subtotal; /* subtotals (after discounts) */
	int64_t discount; /* discounts */
	int64_t shipping; /* shipping */
	int64_t tax;	  /* taxes */
	int64_t duties;	  /* import duties */
	int64_t total;	  /* order totals */
	int64_t refunds;  /* refunds counted in the month */
};

int eg_bridge_write(const struct eg_facts *f, int64_t first_month, int64_t last_month,
		    struct eg_table_output *out, struct eg_error *err)
{
	int64_t n = last_month - first_month + 1, k;
	struct sums *s = calloc((size_t)(n > 0 ? n : 1), sizeof(*s));
	char label[EG_TIME_BUFSZ];
	size_t i;

	if (!s)
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (k = 0; k < n; k++) {
		const struct eg_month_fact *x = eg_facts_month(f, first_month + k);

		if (!x)
			continue;
		s[k].subtotal = x->subtotal;
		s[k].discount = x->discount;
		s[k].shipping = x->shipping;
		s[k].tax = x->tax;
		s[k].duties = x->duties;
		s[k].total = x->total;
		s[k].refunds = x->refunded;
	}
	for (i = 0; i < f->nrefunds; i++) {
		k = f->refunds[i].month - first_month;
		if (k >= 0 && k < n)
			s[k].refunds += f->refunds[i].amount;
	}
	for (k = 0; k < n; k++) {
		const struct sums *x = &s[k];
		struct eg_csv_writer *w = &out->w;
		int64_t gross = x->subtotal + x->discount;

		eg_csv_write_str(w, eg_month_format(first_month + k, label));
		eg_csv_write_money(w, gross);
		eg_csv_write_money(w, x->discount);
		eg_csv_write_money(w, x->shipping);
		eg_csv_write_money(w, x->tax);
		eg_csv_write_money(w, x->duties);
		eg_csv_write_money(
			w, x->total - (gross - x->discount + x->shipping + x->tax + x->duties));
		eg_csv_write_money(w, x->total);
		eg_csv_write_money(w, x->refunds);
		eg_csv_write_money(w, x->total - x->refunds);
		eg_table_output_end_row(out);
	}
	free(s);
	return EG_OK;
}
