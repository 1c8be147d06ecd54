/*
 * customer_columns.c - the columns of the customer table, shared by the
 * Customers sheet and customers.csv.
 */
#include "engage/customer_columns.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void eg_customer_columns_of(struct eg_customer_columns *c, const struct eg_customer_reader *r)
{
	size_t i, n = 0;
	int f;

	c->missing[0] = '\0';
	for (f = 0; f < EG_CF_COUNT; f++) {
		if (!eg_customer_reader_has(r, (enum eg_customer_field)f)) {
			size_t used = strlen(c->missing);

			if (f == EG_CF_FIRST_NAME || f == EG_CF_LAST_NAME || f == EG_CF_REF ||
			    eg_customer_fields[f].sparse)
				continue;
			if (used + strlen(eg_customer_fields[f].title) + 4 < sizeof(c->missing))
				snprintf(c->missing + used, sizeof(c->missing) - used, "%s%s",
					 used ? ", " : "", eg_customer_fields[f].title);
			continue;
		}
		c->cols[n].field = f;
		c->cols[n].title = eg_customer_fields[f].title;
		n++;
	}
	for (i = 0; i < eg_customer_reader_nextra(r) && n < EG_CUSTOMER_MAX_COLUMNS; i++) {
		const char *name = eg_customer_reader_extra_name(r, i);
		size_t k;

		/* An Excel table needs a distinct, non-empty header per column. */
		for (k = 0; k < n && strcasecmp(c->cols[k].title, name) != 0; k++)
			;
		c->cols[n].field = -1;
		c->cols[n].extra = i;
		c->cols[n].title = name;
		if (!name[0] || k < n) {
			snprintf(c->cols[n].made, sizeof(c->cols[n].made), "%.40s (column %zu)", name,
				 n + 1);
			c->cols[n].title = c->cols[n].made;
		}
		n++;
	}
	c->n = n;
}

const char *eg_customer_column_text(const struct eg_customer_columns *c, size_t k,
				    const struct eg_customer_reader *r)
{
	const struct eg_customer_column *col = &c->cols[k];

	return col->field >= 0 ? eg_customer_reader_get(r, (enum eg_customer_field)col->field)
			       : eg_customer_reader_extra(r, col->extra);
}
