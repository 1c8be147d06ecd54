/*
 * customer_table.c - customers.csv beside the workbook: the whole customer
 * table, one row per customer of customer_scores.csv.
 */
#include "engage/customer_table.h"
#include "engage/datetime.h"
#include "engage/segment_lists.h"

#include <string.h>

int eg_customer_table_open(struct eg_customer_table *t, const char *dir, const char *name,
			   const struct eg_customer_reader *r, struct eg_error *err)
{
	const char *titles[EG_CF_COUNT + EG_CUSTOMER_MAX_COLUMNS + 1];
	size_t i;

	memset(t, 0, sizeof(*t));
	eg_customer_columns_of(&t->cols, r);
	for (i = 0; i < t->cols.n; i++)
		titles[i] = t->cols.cols[i].title;
	titles[t->cols.n] = NULL;
	return eg_table_output_open(&t->out, dir, name, titles, err);
}

void eg_customer_table_add(void *ctx, const struct eg_customer_reader *r)
{
	struct eg_customer_table *t = ctx;
	char date[EG_TIME_BUFSZ];
	size_t i;

	for (i = 0; i < t->cols.n; i++) {
		int f = t->cols.cols[i].field;
		const char *v = eg_customer_column_text(&t->cols, i, r);

		if (f >= 0 && eg_customer_fields[f].kind == EG_CK_TIME)
			v = eg_segment_list_order_date(v, date);
		else if (f >= 0 && eg_customer_fields[f].kind == EG_CK_CONSENT)
			v = eg_customer_consent_word(v);
		eg_segment_list_write_safe(&t->out.w, v);
	}
	eg_table_output_end_row(&t->out);
	t->rows++;
}

void eg_customer_table_release(struct eg_customer_table *t)
{
	if (t->out.name)
		eg_table_output_abort(&t->out);
	memset(t, 0, sizeof(*t));
}
