/*
 * test_segment_moves_table.c - the Segment moves sheet's figures gathered
 * without a workbook: the matrix in segments.csv's order, its row and
 * column totals, who stayed, moved or is new, and the cap on segments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/segment_moves_table.h"
#include "test_cases.h"
#include "test_scratch.h"

/* Loads scratch/name into t, asserting it worked. */
static void load(struct eg_data_table *t, const char *name)
{
	struct eg_error err;

	assert_int_equal(eg_data_table_load(t, scratch_path(name), NULL, NULL, &err), EG_OK);
}

static void test_matrix_and_totals(void **state)
{
	struct eg_data_table moves = { 0 }, segments = { 0 };
	struct eg_segment_moves *m = malloc(sizeof(*m));

	(void)state;
	put("segments.csv", "segment\nChampions\nAt Risk\n");
	put("segment_moves.csv", "from_segment,to_segment,customers,revenue\n"
				 "Champions,Champions,5,500.00\n"
				 "Champions,At Risk,2,80.00\n"
				 "At Risk,Champions,1,30.00\n"
				 "(new),At Risk,3,45.00\n"
				 "Lost,Lost,4,0\n");
	load(&segments, "segments.csv");
	load(&moves, "segment_moves.csv");
	eg_segment_moves_collect(m, &moves, &segments);
	/* segments.csv's two, then Lost as met in segment_moves.csv. */
	assert_int_equal(m->n, 3);
	assert_string_equal(m->names[0], "Champions");
	assert_string_equal(m->names[1], "At Risk");
	assert_string_equal(m->names[2], "Lost");
	assert_true(m->has_new && m->has_revenue);
	/* Row 0 is (new); row i + 1 is segment i. */
	assert_true(m->count[1][0] == 5 && m->count[1][1] == 2 && m->count[2][0] == 1);
	assert_true(m->count[0][1] == 3 && m->count[3][2] == 4 && m->count[2][1] == 0);
	assert_true(m->revenue[1][1] == 80 && m->revenue[0][1] == 45);
	/* Rows: new 3, Champions 5 + 2, At Risk 1, Lost 4. */
	assert_true(m->row_total[0] == 3 && m->row_total[1] == 7);
	assert_true(m->row_total[2] == 1 && m->row_total[3] == 4);
	/* Columns: Champions 5 + 1, At Risk 2 + 3, Lost 4; all 15. */
	assert_true(m->col_total[0] == 6 && m->col_total[1] == 5 && m->col_total[2] == 4);
	assert_true(m->all == 15);
	/* Stayed 5 + 4 (revenue 500 + 0), moved 2 + 1 (80 + 30), new 3 (45). */
	assert_true(m->stayed == 9 && m->stayed_rev == 500);
	assert_true(m->moved == 3 && m->moved_rev == 110);
	assert_true(m->fresh == 3 && m->fresh_rev == 45);
	free(m);
	eg_data_table_release(&moves);
	eg_data_table_release(&segments);
}

static void test_without_revenue_new_or_segments(void **state)
{
	struct eg_data_table moves = { 0 }, segments = { 0 };
	struct eg_segment_moves *m = malloc(sizeof(*m));

	(void)state;
	put("segment_moves.csv", "from_segment,to_segment,customers\n"
				 "Loyal,Loyal,2\n"
				 "Loyal,Lost,1\n");
	load(&moves, "segment_moves.csv");
	eg_segment_moves_collect(m, &moves, &segments);
	assert_int_equal(m->n, 2);
	assert_false(m->has_new);
	assert_false(m->has_revenue);
	/* No (new) row: totals over Loyal and Lost only. */
	assert_true(m->row_total[0] == 0 && m->row_total[1] == 3 && m->row_total[2] == 0);
	assert_true(m->col_total[0] == 2 && m->col_total[1] == 1 && m->all == 3);
	assert_true(m->stayed == 2 && m->moved == 1 && m->fresh == 0);
	free(m);
	eg_data_table_release(&moves);
}

static void test_segments_past_the_cap_left_out(void **state)
{
	struct eg_data_table moves = { 0 }, segments = { 0 };
	struct eg_segment_moves *m = malloc(sizeof(*m));
	char text[4096];
	size_t used;
	int i;

	(void)state;
	/* 61 segments each staying with one customer: the 61st is past the cap. */
	used = (size_t)snprintf(text, sizeof(text), "from_segment,to_segment,customers\n");
	for (i = 0; i <= EG_MOVES_MAX_SEGMENTS; i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "s%d,s%d,1\n", i, i);
	put("segment_moves.csv", text);
	load(&moves, "segment_moves.csv");
	eg_segment_moves_collect(m, &moves, &segments);
	assert_int_equal(m->n, EG_MOVES_MAX_SEGMENTS);
	assert_true(m->all == EG_MOVES_MAX_SEGMENTS && m->stayed == EG_MOVES_MAX_SEGMENTS);
	free(m);
	eg_data_table_release(&moves);
}

TEST_MAIN(SCRATCH_TEST(test_matrix_and_totals),
	  SCRATCH_TEST(test_without_revenue_new_or_segments),
	  SCRATCH_TEST(test_segments_past_the_cap_left_out))
