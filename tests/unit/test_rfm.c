/*
 * test_rfm.c - RFM scores by rank and the segment grid.
 *
 * Scores: facts are filled by hand (orders and each customer's sorted days),
 * scored as of a day, and each score checked against the rule of
 * stages/compute/METRICS.md worked out in the comments: F and M = 1 + floor(5 x customers
 * with a strictly smaller value / N), R the same with strictly larger
 * recency, FM = (F + M + 1) div 2, the segment from (R, FM). A small shop,
 * or one whose recency quintiles are only days apart, gets R and F by the
 * fixed thresholds; and a property test over random shops: a more recent
 * customer with the same frequency and money never ranks lower.
 *
 * The grid and actions files are written into a scratch folder: the grid of
 * stages/compute/METRICS.md and the shipped actions order, then broken one way at a time
 * (a missing cell, a segment without an action, a cell given twice, a bad
 * r) to check EG_EDATA with the file and line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/datetime.h"
#include "engage/facts.h"
#include "engage/kpis.h"
#include "engage/rfm.h"

#define DAY(y, m, d) eg_days_from_civil((y), (m), (d))
#define EUR(x)	     ((int64_t)(x)*10000)

/* The grid of stages/compute/METRICS.md, as stages/compute/rfm_grid.csv has it. */
#define GRID_HEADER "r,fm,segment\n"
#define GRID_ROWS_5                                                                                \
	"5,1,New Customers\n5,2,Potential Loyalists\n5,3,Potential Loyalists\n"                    \
	"5,4,Champions\n5,5,Champions\n"
#define GRID_ROWS_4                                                                                \
	"4,1,Promising\n4,2,Potential Loyalists\n4,3,Potential Loyalists\n"                        \
	"4,4,Loyal Customers\n4,5,Loyal Customers\n"
#define GRID_ROWS_3                                                                                \
	"3,1,About To Sleep\n3,2,About To Sleep\n3,3,Need Attention\n"                             \
	"3,4,Loyal Customers\n3,5,Loyal Customers\n"
#define GRID_ROWS_2                                                                                \
	"2,1,Hibernating\n2,2,Hibernating\n2,3,At Risk\n2,4,At Risk\n"                             \
	"2,5,Cannot Lose Them\n"
#define GRID_ROWS_1 "1,1,Lost\n1,2,Lost\n1,3,At Risk\n1,4,At Risk\n1,5,Cannot Lose Them\n"
#define GRID	    GRID_HEADER GRID_ROWS_5 GRID_ROWS_4 GRID_ROWS_3 GRID_ROWS_2 GRID_ROWS_1

#define ACTIONS_HEADER "segment,engagement_model,action\n"
#define ACTIONS                                                                                    \
	ACTIONS_HEADER                                                                             \
	"Champions,customer success manager,\"Early access, referral asks.\"\n"                    \
	"Loyal Customers,high-touch,Personal thanks.\n"                                            \
	"Potential Loyalists,low-touch,Nurture series.\n"                                          \
	"New Customers,low-touch,Onboarding emails.\n"                                             \
	"Promising,low-touch,A nudge.\n"                                                           \
	"Need Attention,hybrid,Limited-time offer.\n"                                              \
	"About To Sleep,automated retention,Win-back flow.\n"                                      \
	"At Risk,hybrid,Personalised win-back.\n"                                                  \
	"Cannot Lose Them,high-touch,Personal outreach.\n"                                         \
	"Hibernating,automated retention,Reactivation.\n"                                          \
	"Lost,automated retention,Last attempt.\n"

static char grid_path[1200];	/* scratch/rfm_grid.csv */
static char actions_path[1200]; /* scratch/segment_actions.csv */

static int setup(void **state)
{
	if (scratch_setup(state))
		return -1;
	snprintf(grid_path, sizeof(grid_path), "%s/rfm_grid.csv", scratch);
	snprintf(actions_path, sizeof(actions_path), "%s/segment_actions.csv", scratch);
	return 0;
}

/* Loads grid and actions texts; returns the status. */
static int load_grid(struct eg_rfm_grid *g, const char *grid, const char *actions,
		     struct eg_error *err)
{
	put("rfm_grid.csv", grid);
	put("segment_actions.csv", actions);
	eg_error_clear(err);
	return eg_rfm_grid_load(g, grid_path, actions_path, err);
}

/* One hand-made order: customer, day, total. */
struct order {
	size_t customer;
	int64_t day;
	int64_t total;
};

/* Fills f with ncustomers customers ("c0", "c1", ...) and the orders, as loading does. */
static void make_facts(struct eg_facts *f, size_t ncustomers, const struct order *o, size_t n)
{
	struct eg_error err;
	size_t i, c;

	eg_facts_init(f);
	f->customers = calloc(ncustomers + 1, sizeof(*f->customers));
	assert_non_null(f->customers);
	f->ncustomers = ncustomers;
	for (c = 0; c < ncustomers; c++) {
		char id[24];

		snprintf(id, sizeof(id), "c%zu", c);
		f->customers[c].id = strdup(id);
		f->customers[c].email = strdup("");
		f->customers[c].ref = strdup("");
	}
	for (i = 0; i < n; i++) {
		struct eg_order_row row;

		memset(&row, 0, sizeof(row));
		row.customer = o[i].customer;
		row.day = o[i].day;
		row.month = eg_month_of_day(o[i].day);
		row.refund_month = row.month;
		row.total = o[i].total;
		assert_int_equal(eg_facts_add_order(f, &row, &err), EG_OK);
	}
	assert_int_equal(eg_facts_index(f, &err), EG_OK);
}

/* Index of segment name in g, failing the test when it is not there. */
static int seg(const struct eg_rfm_grid *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nsegments; i++)
		if (strcmp(g->segment[i], name) == 0)
			return (int)i;
	fail_msg("no segment '%s'", name);
	return -1;
}

/* Asserts a score: recency, frequency, monetary, r, f, m, fm and the segment's name. */
static void score_is(const struct eg_rfm_grid *g, const struct eg_rfm_score *s, int64_t rec,
		     int64_t freq, int64_t mon, int r, int f, int m, int fm, const char *segment)
{
	assert_true(s->recency == rec);
	assert_true(s->frequency == freq);
	assert_true(s->monetary == mon);
	assert_int_equal(s->r, r);
	assert_int_equal(s->f, f);
	assert_int_equal(s->m, m);
	assert_int_equal(s->fm, fm);
	assert_int_equal(s->segment, seg(g, segment));
}

/*
 * As of 2026-04-01 (A, day 20544: 2026-01-31 is day 20484, then 28 + 31 + 1
 * days): seven customers, c5 ordering only on A + 3, c6 never.
 */
#define A INT64_C(20544)
static const struct order shop[] = {
	{ 0, A - 10, EUR(100) },  { 0, A - 40, EUR(50) }, /* c0: rec 10, 2 orders, 150 */
	{ 1, A - 10, EUR(200) },  { 1, A, EUR(999) }, /* c1: rec 10, 1, 200 (A is not before A) */
	{ 2, A - 100, EUR(50) },		      /* c2: rec 100, 1, 50 */
	{ 3, A - 5, EUR(10) },	  { 3, A - 50, EUR(10) },
	{ 3, A - 200, EUR(10) },  /* c3: rec 5, 3, 30 */
	{ 4, A - 300, EUR(150) }, /* c4: rec 300, 1, 150 */
	{ 5, A + 3, EUR(70) },	  /* c5: nothing before A */
};

static void rfm_scores_by_rank_with_ties_sharing_a_score(void **state)
{
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[7];
	struct eg_error err;

	(void)state;
	assert_true(DAY(2026, 4, 1) == A);
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	make_facts(&f, 7, shop, sizeof(shop) / sizeof(shop[0]));
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_QUINTILES, s, NULL, &err), EG_OK);
	/*
	 * N = 5 scored, so a score is 1 + the count. Recencies 10, 10, 100, 5,
	 * 300: R counts strictly larger ones (c0 and c1 tie: 2 each -> 3).
	 * Frequencies 2, 1, 1, 3, 1: F counts strictly smaller (the three 1s
	 * tie at 1). Monetary 150, 200, 50, 30, 150 (c0 and c4 tie: 2 -> 3).
	 * FM: c0 (4 + 3 + 1) div 2 = 4 (not 3: the half goes up), c1 (1 + 5 +
	 * 1) div 2 = 3, c2 (1 + 2 + 1) div 2 = 2, c3 (5 + 1 + 1) div 2 = 3, c4
	 * (1 + 3 + 1) div 2 = 2. Segments from the grid at (R, FM).
	 */
	score_is(&g, &s[0], 10, 2, EUR(150), 3, 4, 3, 4, "Loyal Customers");
	score_is(&g, &s[1], 10, 1, EUR(200), 3, 1, 5, 3, "Need Attention");
	score_is(&g, &s[2], 100, 1, EUR(50), 2, 1, 2, 2, "Hibernating");
	score_is(&g, &s[3], 5, 3, EUR(30), 5, 5, 1, 3, "Potential Loyalists");
	score_is(&g, &s[4], 300, 1, EUR(150), 1, 1, 3, 2, "Lost");
	/* c5 and c6 have no order before A: not scored. */
	assert_true(s[5].frequency == 0);
	assert_int_equal(s[5].r, 0);
	assert_int_equal(s[5].fm, 0);
	assert_int_equal(s[5].segment, -1);
	assert_true(s[6].frequency == 0);
	assert_int_equal(s[6].segment, -1);
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

static void rfm_previous_month_scores_only_the_orders_before_it(void **state)
{
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[7];
	struct eg_error err;
	int64_t b = DAY(2026, 3, 1); /* A - 31 */

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	make_facts(&f, 7, shop, sizeof(shop) / sizeof(shop[0]));
	assert_int_equal(eg_rfm_score(&f, b, &g, EG_RFM_QUINTILES, s, NULL, &err), EG_OK);
	/*
	 * As of 2026-03-01 (A - 31): c0 has A - 40 (rec 9, 1, 50); c1 nothing;
	 * c2 rec 69, 1, 50; c3 A - 50 and A - 200 (rec 19, 2, 20); c4 rec 269,
	 * 1, 150. N = 4: score = 1 + floor(5 x count / 4).
	 * R: c0 3 larger -> 4; c2 1 -> 2; c3 2 -> 3; c4 0 -> 1.
	 * F: c3 3 smaller -> 4, the others 1.
	 * M: 50, 50, 20, 150: c0 and c2 1 -> 2; c3 0 -> 1; c4 3 -> 4.
	 * FM: c0 (1 + 2 + 1) div 2 = 2, c2 2, c3 (4 + 1 + 1) div 2 = 3, c4 3.
	 */
	score_is(&g, &s[0], 9, 1, EUR(50), 4, 1, 2, 2, "Potential Loyalists");
	assert_true(s[1].frequency == 0);
	assert_int_equal(s[1].segment, -1);
	score_is(&g, &s[2], 69, 1, EUR(50), 2, 1, 2, 2, "Hibernating");
	score_is(&g, &s[3], 19, 2, EUR(20), 3, 4, 1, 3, "Need Attention");
	score_is(&g, &s[4], 269, 1, EUR(150), 1, 1, 4, 3, "At Risk");
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

static void rfm_scores_do_not_depend_on_order_of_customers(void **state)
{
	static const struct order rev[] = {
		{ 4, A - 10, EUR(100) }, { 4, A - 40, EUR(50) },  { 3, A - 10, EUR(200) },
		{ 3, A, EUR(999) },	 { 2, A - 100, EUR(50) }, { 1, A - 5, EUR(10) },
		{ 1, A - 50, EUR(10) },	 { 1, A - 200, EUR(10) }, { 0, A - 300, EUR(150) },
	};
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[5];
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	make_facts(&f, 5, rev, sizeof(rev) / sizeof(rev[0]));
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_QUINTILES, s, NULL, &err), EG_OK);
	/* The shop's customers in reverse order get the same scores. */
	score_is(&g, &s[4], 10, 2, EUR(150), 3, 4, 3, 4, "Loyal Customers");
	score_is(&g, &s[3], 10, 1, EUR(200), 3, 1, 5, 3, "Need Attention");
	score_is(&g, &s[2], 100, 1, EUR(50), 2, 1, 2, 2, "Hibernating");
	score_is(&g, &s[1], 5, 3, EUR(30), 5, 5, 1, 3, "Potential Loyalists");
	score_is(&g, &s[0], 300, 1, EUR(150), 1, 1, 3, 2, "Lost");
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

static void rfm_equal_customers_all_score_one(void **state)
{
	static const struct order same[] = {
		{ 0, A - 7, EUR(20) },
		{ 1, A - 7, EUR(20) },
		{ 2, A - 7, EUR(20) },
	};
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[3];
	struct eg_error err;
	size_t c;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	make_facts(&f, 3, same, 3);
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_QUINTILES, s, NULL, &err), EG_OK);
	/*
	 * Nobody has a strictly smaller F or M, nor a strictly larger recency:
	 * every count is 0, so R = F = M = 1 and FM = (1 + 1 + 1) div 2 = 1: Lost.
	 */
	for (c = 0; c < 3; c++)
		score_is(&g, &s[c], 7, 1, EUR(20), 1, 1, 1, 1, "Lost");
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

static void rfm_guest_orders_are_not_scored(void **state)
{
	static const struct order o[] = {
		{ EG_NO_CUSTOMER, A - 1, EUR(500) },
		{ 0, A - 2, EUR(10) },
	};
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[1];
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	make_facts(&f, 1, o, 2);
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_QUINTILES, s, NULL, &err), EG_OK);
	/* One scored customer: every count 0, so 1s; the guest's 500.00 is nobody's. */
	score_is(&g, &s[0], 2, 1, EUR(10), 1, 1, 1, 1, "Lost");
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

/*
 * The same five customers with EG_RFM_AUTO: fewer than 100, so R and F by
 * fixed thresholds. Recencies 10, 10, 100, 5, 300: R 5 (within 30 days), 5,
 * 3 (within 180), 5, 2 (within 365). Frequencies 2, 1, 1, 3, 1: F as many.
 * M still by rank: 150, 200, 50, 30, 150 -> 3, 5, 2, 1, 3.
 */
static void rfm_small_shop_scores_by_fixed_thresholds(void **state)
{
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[7];
	enum eg_rfm_scoring used = EG_RFM_AUTO;
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	make_facts(&f, 7, shop, sizeof(shop) / sizeof(shop[0]));
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_AUTO, s, &used, &err), EG_OK);
	assert_int_equal(used, EG_RFM_FIXED);
	score_is(&g, &s[0], 10, 2, EUR(150), 5, 2, 3, 3, "Potential Loyalists");
	score_is(&g, &s[1], 10, 1, EUR(200), 5, 1, 5, 3, "Potential Loyalists");
	score_is(&g, &s[2], 100, 1, EUR(50), 3, 1, 2, 2, "About To Sleep");
	score_is(&g, &s[3], 5, 3, EUR(30), 5, 3, 1, 2, "Potential Loyalists");
	score_is(&g, &s[4], 300, 1, EUR(150), 2, 1, 3, 2, "Hibernating");
	assert_int_equal(s[5].segment, -1);
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

/* n one-order customers, customer i ordering 1 + i / per_day days before A, 20 EUR each. */
static void spread_facts(struct eg_facts *f, size_t n, int64_t per_day)
{
	struct order *o = malloc(n * sizeof(*o));
	size_t i;

	assert_non_null(o);
	for (i = 0; i < n; i++)
		o[i] = (struct order){ i, A - 1 - (int64_t)i / per_day, EUR(20) };
	make_facts(f, n, o, n);
	free(o);
}

/*
 * 150 customers a day apart: the recency quintiles' cut points are 30 days
 * apart, so quintiles. 150 customers whose last orders fall in 15 days: cut
 * points 3 days apart, so fixed thresholds, and a first-time buyer of 27
 * days ago no longer ranks below one of 26 (both R 5).
 */
static void rfm_quintiles_only_days_apart_give_way_to_fixed_thresholds(void **state)
{
	struct eg_rfm_grid g;
	struct eg_facts f;
	struct eg_rfm_score s[150];
	enum eg_rfm_scoring used;
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	spread_facts(&f, 150, 1);
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_AUTO, s, &used, &err), EG_OK);
	assert_int_equal(used, EG_RFM_QUINTILES);
	assert_int_equal(s[0].r, 5);
	assert_int_equal(s[149].r, 1);
	eg_facts_release(&f);
	/* ten customers a day: 15 days in all */
	spread_facts(&f, 150, 10);
	assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_AUTO, s, &used, &err), EG_OK);
	assert_int_equal(used, EG_RFM_FIXED);
	for (size_t c = 0; c < 150; c++)
		assert_int_equal(s[c].r, 5);
	eg_facts_release(&f);
	eg_rfm_grid_release(&g);
}

/*
 * The property marketing relies on: a customer with a more recent last
 * order, and the same frequency and money, never lands in a segment of
 * lower rank (segments rank in the actions file's order, best first).
 * Random shops of 20 to 1,000 customers, scored by quintiles and by fixed
 * thresholds, every pair of customers compared.
 */
static void rfm_more_recent_never_ranks_lower(void **state)
{
	static const size_t sizes[] = { 20, 60, 99, 150, 400, 1000 };
	struct eg_rfm_grid g;
	struct eg_error err;
	int modes_seen[3] = { 0, 0, 0 };
	uint64_t x = 88172645463325252u;
	size_t k, pairs = 0;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]) * 2; k++) {
		size_t n = sizes[k / 2], nord = 0, i, j;
		struct order *o = malloc(n * 4 * sizeof(*o));
		struct eg_rfm_score *s = calloc(n + 1, sizeof(*s));
		enum eg_rfm_scoring used;
		struct eg_facts f;

		assert_true(o && s);
		for (i = 0; i < n; i++) {
			/* 1 to 4 orders of 20 or 35 EUR over the last one or two years */
			unsigned orders =
				1 + (unsigned)((x ^= x << 13, x ^= x >> 7, x ^= x << 17) % 4);

			for (j = 0; j < orders; j++) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				o[nord++] =
					(struct order){ i,
							A - 1 - (int64_t)(x % (k % 2 ? 60 : 700)),
							x % 3 ? EUR(20) : EUR(35) };
			}
		}
		make_facts(&f, n, o, nord);
		assert_int_equal(eg_rfm_score(&f, A, &g, EG_RFM_AUTO, s, &used, &err), EG_OK);
		modes_seen[used]++;
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++) {
				if (s[i].frequency != s[j].frequency ||
				    s[i].monetary != s[j].monetary || s[i].recency >= s[j].recency)
					continue;
				pairs++;
				if (s[i].r < s[j].r || s[i].segment > s[j].segment)
					fail_msg("c%zu (%lld days) is %s, c%zu (%lld days) %s", i,
						 (long long)s[i].recency, g.segment[s[i].segment],
						 j, (long long)s[j].recency,
						 g.segment[s[j].segment]);
			}
		eg_facts_release(&f);
		free(o);
		free(s);
	}
	/* both ways of scoring were exercised, over many pairs */
	assert_true(modes_seen[EG_RFM_QUINTILES] > 0 && modes_seen[EG_RFM_FIXED] > 0);
	assert_true(pairs > 10000);
	eg_rfm_grid_release(&g);
}

static void rfm_grid_loads_every_cell_of_the_metrics_grid(void **state)
{
	static const char *const want[5][5] = {
		/* R = 1 .. 5, FM = 1 .. 5 */
		{ "Lost", "Lost", "At Risk", "At Risk", "Cannot Lose Them" },
		{ "Hibernating", "Hibernating", "At Risk", "At Risk", "Cannot Lose Them" },
		{ "About To Sleep", "About To Sleep", "Need Attention", "Loyal Customers",
		  "Loyal Customers" },
		{ "Promising", "Potential Loyalists", "Potential Loyalists", "Loyal Customers",
		  "Loyal Customers" },
		{ "New Customers", "Potential Loyalists", "Potential Loyalists", "Champions",
		  "Champions" },
	};
	struct eg_rfm_grid g;
	struct eg_error err;
	int r, fm;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS, &err), EG_OK);
	/* Segments in the actions file's order, with model and action. */
	assert_int_equal(g.nsegments, 11);
	assert_string_equal(g.segment[0], "Champions");
	assert_string_equal(g.model[0], "customer success manager");
	assert_string_equal(g.action[0], "Early access, referral asks.");
	assert_string_equal(g.segment[10], "Lost");
	for (r = 0; r < 5; r++)
		for (fm = 0; fm < 5; fm++)
			assert_string_equal(g.segment[g.cell[r][fm]], want[r][fm]);
	eg_rfm_grid_release(&g);
	/* Release leaves an empty grid; releasing again is harmless. */
	assert_int_equal(g.nsegments, 0);
	eg_rfm_grid_release(&g);
}

static void rfm_grid_missing_cell_is_data_error_naming_the_grid(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	/* 3,3 left out */
	assert_int_equal(
		load_grid(&g,
			  GRID_HEADER GRID_ROWS_5 GRID_ROWS_4
			  "3,1,About To Sleep\n3,2,About To Sleep\n"
			  "3,4,Loyal Customers\n3,5,Loyal Customers\n" GRID_ROWS_2 GRID_ROWS_1,
			  ACTIONS, &err),
		EG_EDATA);
	assert_string_equal(err.file, grid_path);
	assert_non_null(strstr(err.message, "r=3 fm=3"));
	assert_int_equal(g.nsegments, 0);
}

static void rfm_grid_segment_without_an_action_is_data_error_at_its_line(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	/* line 7 (header, five rows of R 5, then 4,1) names a segment the actions file lacks */
	assert_int_equal(
		load_grid(&g,
			  GRID_HEADER GRID_ROWS_5
			  "4,1,Very Promising\n"
			  "4,2,Potential Loyalists\n4,3,Potential Loyalists\n"
			  "4,4,Loyal Customers\n4,5,Loyal Customers\n" GRID_ROWS_3 GRID_ROWS_2
				  GRID_ROWS_1,
			  ACTIONS, &err),
		EG_EDATA);
	assert_string_equal(err.file, grid_path);
	assert_int_equal(err.line, 7);
	assert_non_null(strstr(err.message, "Very Promising"));
}

static void rfm_grid_cell_given_twice_is_data_error_at_its_line(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	/* line 27: 2,5 again, after the 25 cells */
	assert_int_equal(load_grid(&g, GRID "2,5,Lost\n", ACTIONS, &err), EG_EDATA);
	assert_string_equal(err.file, grid_path);
	assert_int_equal(err.line, 27);
	assert_non_null(strstr(err.message, "r=2 fm=5"));
}

static void rfm_grid_score_out_of_range_is_data_error_at_its_line(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, GRID_HEADER "6,1,Lost\n" GRID_ROWS_5, ACTIONS, &err),
			 EG_EDATA);
	assert_string_equal(err.file, grid_path);
	assert_int_equal(err.line, 2);
	assert_int_equal(load_grid(&g, GRID_HEADER GRID_ROWS_5 "4,0,Lost\n", ACTIONS, &err),
			 EG_EDATA);
	assert_int_equal(err.line, 7);
	assert_int_equal(load_grid(&g, GRID_HEADER "4,11,Lost\n", ACTIONS, &err), EG_EDATA);
	assert_int_equal(err.line, 2);
}

static void rfm_actions_segment_listed_twice_is_data_error_at_its_line(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, GRID, ACTIONS "Lost,high-touch,Again.\n", &err), EG_EDATA);
	assert_string_equal(err.file, actions_path);
	assert_int_equal(err.line, 13);
}

static void rfm_actions_segment_without_an_action_is_data_error_at_its_line(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	/*
	 * rfm.h: "a segment without an action is EG_EDATA naming the file and
	 * line": Promising (line 6) has a model but an empty action.
	 */
	assert_int_equal(load_grid(&g, GRID,
				   ACTIONS_HEADER
				   "Champions,customer success manager,Early access.\n"
				   "Loyal Customers,high-touch,Personal thanks.\n"
				   "Potential Loyalists,low-touch,Nurture series.\n"
				   "New Customers,low-touch,Onboarding emails.\n"
				   "Promising,low-touch,\n"
				   "Need Attention,hybrid,Limited-time offer.\n"
				   "About To Sleep,automated retention,Win-back flow.\n"
				   "At Risk,hybrid,Personalised win-back.\n"
				   "Cannot Lose Them,high-touch,Personal outreach.\n"
				   "Hibernating,automated retention,Reactivation.\n"
				   "Lost,automated retention,Last attempt.\n",
				   &err),
			 EG_EDATA);
	assert_string_equal(err.file, actions_path);
	assert_int_equal(err.line, 6);
	if (err.status == EG_OK)
		eg_rfm_grid_release(&g);
}

static void rfm_grid_missing_column_is_data_error(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;

	(void)state;
	assert_int_equal(load_grid(&g, "r,f,segment\n5,1,Lost\n", ACTIONS, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "fm"));
	assert_int_equal(load_grid(&g, GRID, "segment,model,action\n", &err), EG_EDATA);
	assert_non_null(strstr(err.message, "engagement_model"));
}

static void rfm_grid_missing_grid_file_is_io_error(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;
	const char *nowhere = scratch_path("none.csv");

	(void)state;
	put("segment_actions.csv", ACTIONS);
	eg_error_clear(&err);
	assert_int_equal(eg_rfm_grid_load(&g, nowhere, actions_path, &err), EG_EIO);
	assert_string_equal(err.file, nowhere);
	assert_int_equal(g.nsegments, 0);
}

static void rfm_grid_missing_actions_file_is_io_error(void **state)
{
	struct eg_rfm_grid g;
	struct eg_error err;
	const char *nowhere = scratch_path("none.csv");

	(void)state;
	put("rfm_grid.csv", GRID);
	eg_error_clear(&err);
	assert_int_equal(eg_rfm_grid_load(&g, grid_path, nowhere, &err), EG_EIO);
	assert_string_equal(err.file, nowhere);
	assert_int_equal(g.nsegments, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, scratch_teardown)
TEST_MAIN(T(rfm_scores_by_rank_with_ties_sharing_a_score),
	  T(rfm_previous_month_scores_only_the_orders_before_it),
	  T(rfm_scores_do_not_depend_on_order_of_customers), T(rfm_equal_customers_all_score_one),
	  T(rfm_guest_orders_are_not_scored), T(rfm_small_shop_scores_by_fixed_thresholds),
	  T(rfm_quintiles_only_days_apart_give_way_to_fixed_thresholds),
	  T(rfm_more_recent_never_ranks_lower), T(rfm_grid_loads_every_cell_of_the_metrics_grid),
	  T(rfm_grid_missing_cell_is_data_error_naming_the_grid),
	  T(rfm_grid_segment_without_an_action_is_data_error_at_its_line),
	  T(rfm_grid_cell_given_twice_is_data_error_at_its_line),
	  T(rfm_grid_score_out_of_range_is_data_error_at_its_line),
	  T(rfm_actions_segment_listed_twice_is_data_error_at_its_line),
	  T(rfm_actions_segment_without_an_action_is_data_error_at_its_line),
	  T(rfm_grid_missing_column_is_data_error), T(rfm_grid_missing_grid_file_is_io_error),
	  T(rfm_grid_missing_actions_file_is_io_error))
#undef T
