/*
 * segment_moves_table.c - the Segment moves sheet's figures: the from x to
 * matrix of segment_moves.csv in segments.csv's order, with its totals.
 */
#include "engage/segment_moves_table.h"

#include <string.h>

/* The index of name in names (adding it when there is room); -1 when full. */
static int segment_index(const char **names, int *n, const char *name)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	if (*n == EG_MOVES_MAX_SEGMENTS)
		return -1;
	names[*n] = name;
	return (*n)++;
}

void eg_segment_moves_collect(struct eg_segment_moves *m, const struct eg_data_table *t,
			      const struct eg_data_table *seg)
{
	long cf = eg_data_table_column(t, "from_segment"), ct = eg_data_table_column(t, "to_segment");
	long cc = eg_data_table_column(t, "customers"), cr = eg_data_table_column(t, "revenue");
	long cs = eg_data_table_column(seg, "segment");
	size_t r;
	int i, j;

	memset(m, 0, sizeof(*m));
	m->has_revenue = cr >= 0;
	for (r = 0; seg->present && r < seg->nrows; r++)
		segment_index(m->names, &m->n, eg_data_table_cell(seg, r, cs));
	for (r = 0; t->present && r < t->nrows; r++) {
		const char *from = eg_data_table_cell(t, r, cf), *to = eg_data_table_cell(t, r, ct);
		int a = strcmp(from, "(new)") == 0 ? -1 : segment_index(m->names, &m->n, from);
		int z = segment_index(m->names, &m->n, to);
		double x = 0, v = 0;

		if (z < 0 || (a < 0 && strcmp(from, "(new)") != 0))
			continue;
		eg_data_table_number(t, r, cc, &x);
		eg_data_table_number(t, r, cr, &v);
		m->count[a + 1][z] += x;
		m->revenue[a + 1][z] += v;
		m->all += x;
		if (a < 0) {
			m->has_new = 1;
			m->fresh += x, m->fresh_rev += v;
		} else if (a == z) {
			m->stayed += x, m->stayed_rev += v;
		} else {
			m->moved += x, m->moved_rev += v;
		}
	}
	/* Totals in the order the sheet shows its rows: "(new)" first when there is one. */
	for (i = m->has_new ? -1 : 0; i < m->n; i++) {
		for (j = 0; j < m->n; j++) {
			m->row_total[i + 1] += m->count[i + 1][j];
			m->col_total[j] += m->count[i + 1][j];
		}
	}
}
