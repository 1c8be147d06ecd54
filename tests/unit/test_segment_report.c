/*
 * test_segment_report.c - the tables made from RFM scores: customer_scores.csv
 * (one row per scored customer, with the segment a month earlier),
 * segments.csv (customers, revenue, their shares and average recency per
 * segment, in the actions file's order) and segment_moves.csv (customers
 * and revenue per pair of segments, "(new)" for who had not ordered).
 *
 * The grid (three segments), the scores and the churn model's predictions
 * are filled by hand, so these tests depend on neither the scoring nor the
 * model fit; each table is compared whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/churn_model.h"
#include "engage/facts.h"
#include "engage/rfm.h"
#include "engage/segment_report.h"
#include "engage/table_output.h"

#include "test_scratch.h"

#define EUR(x) ((int64_t)(x)*10000)
#define NCUST  6

enum { CHAMPIONS, AT_RISK, LOST };

static struct eg_facts facts;		   /* NCUST customers, no orders */
static struct eg_rfm_grid grid;		   /* Champions, At Risk, Lost */
static struct eg_rfm_score now[NCUST];	   /* scores now */
static int prev[NCUST];			   /* segments a month earlier, -1 for none */
static struct eg_churn_score churn[NCUST]; /* churn model predictions, none fitted */

/* Sets score s: recency, frequency, monetary (whole euros), r, f, m, fm, segment. */
static void set(struct eg_rfm_score *s, int64_t rec, int64_t freq, int64_t mon, int r, int f, int m,
		int fm, int segment)
{
	*s = (struct eg_rfm_score){ rec, freq, EUR(mon), r, f, m, fm, segment };
}

static int setup(void **state)
{
	static const char *const names[] = { "Champions", "At Risk", "Lost" };
	static const char *const models[] = { "customer success manager", "hybrid",
					      "automated retention" };
	static const char *const actions[] = { "Early access, referral asks.",
					       "Personalised win-back.", "Last attempt." };
	size_t i;

	if (scratch_setup(state))
		return -1;
	memset(&grid, 0, sizeof(grid));
	grid.segment = calloc(3, sizeof(char *));
	grid.model = calloc(3, sizeof(char *));
	grid.action = calloc(3, sizeof(char *));
	if (!grid.segment || !grid.model || !grid.action)
		return -1;
	for (i = 0; i < 3; i++) {
		grid.segment[i] = strdup(names[i]);
		grid.model[i] = strdup(models[i]);
		grid.action[i] = strdup(actions[i]);
	}
	grid.nsegments = 3;
	memset(&facts, 0, sizeof(facts));
	facts.customers = calloc(NCUST, sizeof(*facts.customers));
	facts.day_start = calloc(NCUST + 1, sizeof(size_t));
	if (!facts.customers || !facts.day_start)
		return -1;
	facts.ncustomers = NCUST;
	for (i = 0; i < NCUST; i++) {
		char id[16], email[32];

		snprintf(id, sizeof(id), "c%zu", i);
		snprintf(email, sizeof(email), "c%zu@example.com", i);
		facts.customers[i].id = strdup(id);
		facts.customers[i].email = strdup(email);
		facts.customers[i].ref = strdup(i == 1 ? "9001" : "");
	}
	/*
	 * Now: c0 and c1 Champions, c2..c4 At Risk, c5 not a customer yet.
	 * A month earlier: c0 At Risk, c1 not yet, c2 At Risk, c3 and c4 Lost.
	 */
	set(&now[0], 10, 3, 300, 5, 5, 5, 5, CHAMPIONS);
	set(&now[1], 15, 2, 100, 5, 4, 4, 4, CHAMPIONS);
	set(&now[2], 7, 1, 50, 2, 1, 5, 3, AT_RISK);
	set(&now[3], 8, 1, 25, 2, 1, 5, 3, AT_RISK);
	set(&now[4], 8, 1, 25, 1, 3, 3, 3, AT_RISK);
	set(&now[5], 0, 0, 0, 0, 0, 0, 0, -1);
	prev[0] = AT_RISK;
	prev[1] = -1;
	prev[2] = AT_RISK;
	prev[3] = LOST;
	prev[4] = LOST;
	prev[5] = -1;
	memset(churn, 0, sizeof(churn));
	return 0;
}

static int teardown(void **state)
{
	eg_facts_release(&facts);
	eg_rfm_grid_release(&grid);
	return scratch_teardown(state);
}

/* segments.csv's header. */
#define SEGMENTS_HEAD                                                                              \
	"segment,customers,customer_share,revenue,revenue_share,average_recency_days,"             \
	"engagement_model,action,scoring\n"

/* Writes segments.csv of the scores in now, scored by scoring, and asserts it is text. */
static void segments_are(enum eg_rfm_scoring scoring, const char *text)
{
	struct eg_table_output out;

	table_open(&out, "segments.csv", eg_segment_columns);
	eg_segments_write(&facts, &grid, now, scoring, &out);
	table_commit(&out);
	file_is("segments.csv", text);
}

static void segments_give_shares_revenue_and_average_recency(void **state)
{
	(void)state;
	/*
	 * 5 customers scored, 500.00 of revenue. Champions: 2 (0.4), 300 + 100
	 * = 400 (0.8), recency (10 + 15) / 2 = 12.50. At Risk: 3 (0.6), 100
	 * (0.2), (7 + 8 + 8) / 3 = 7.666... -> 7.67. Lost: nobody, no average.
	 * The action with a comma is quoted.
	 */
	segments_are(
		EG_RFM_QUINTILES, SEGMENTS_HEAD
		"Champions,2,0.400000,400.00,0.800000,12.50,customer success manager,"
		"\"Early access, referral asks.\",quintiles\n"
		"At Risk,3,0.600000,100.00,0.200000,7.67,hybrid,Personalised win-back.,quintiles\n"
		"Lost,0,0.000000,0.00,0.000000,,automated retention,Last attempt.,quintiles\n");
}

static void segments_of_nobody_scored_leave_shares_empty(void **state)
{
	size_t c;

	(void)state;
	for (c = 0; c < NCUST; c++)
		set(&now[c], 0, 0, 0, 0, 0, 0, 0, -1);
	segments_are(EG_RFM_FIXED, SEGMENTS_HEAD
		     "Champions,0,,0.00,,,customer success manager,\"Early access, referral "
		     "asks.\",fixed thresholds\n"
		     "At Risk,0,,0.00,,,hybrid,Personalised win-back.,fixed thresholds\n"
		     "Lost,0,,0.00,,,automated retention,Last attempt.,fixed thresholds\n");
}

static void customer_scores_list_scored_customers_with_their_previous_segment(void **state)
{
	struct eg_table_output out;

	(void)state;
	/* Only c0 has churn predictions; the others' seven model fields stay empty. */
	churn[0] = (struct eg_churn_score){ .fitted = 1,
					    .p_alive = 0.87654,
					    .expected = { 0.1234, 0.5, 2.25 },
					    .has_spend = 1,
					    .expected_aov = 61.5,
					    .clv = 123.456,
					    .risk = "low",
					    .risk_basis = "p_alive" };
	/* c1's band comes from recency: 45 days since his last order, 30 days his typical gap. */
	churn[1] = (struct eg_churn_score){ .risk = "medium",
					    .risk_basis = "recency",
					    .has_gaps = 1,
					    .gap_days = 30,
					    .gaps_since = 1.5 };
	table_open(&out, "customer_scores.csv", eg_customer_score_columns);
	eg_customer_scores_write(&facts, &grid, now, prev, churn, &out);
	assert_int_equal(out.rows, 5);
	table_commit(&out);
	/* c1 had no order a month ago: empty previous segment; c5 is not listed. */
	file_is("customer_scores.csv",
		"customer_id,email,customer_ref,recency_days,frequency,monetary,r_score,f_score,"
		"m_score,fm_score,segment,previous_segment,engagement_model,p_alive,"
		"expected_orders_30,expected_orders_90,expected_orders_365,expected_aov,"
		"predicted_clv_12m,churn_risk,churn_risk_basis,typical_gap_days,"
		"gaps_since_last_order\n"
		"c0,c0@example.com,,10,3,300.00,5,5,5,5,Champions,At Risk,customer success "
		"manager,0.8765,0.1234,0.5000,2.2500,61.50,123.46,low,p_alive,,\n"
		"c1,c1@example.com,9001,15,2,100.00,5,4,4,4,Champions,,customer success "
		"manager,,,,,,,medium,recency,30.00,1.50\n"
		"c2,c2@example.com,,7,1,50.00,2,1,5,3,At Risk,At Risk,hybrid,,,,,,,,,,\n"
		"c3,c3@example.com,,8,1,25.00,2,1,5,3,At Risk,Lost,hybrid,,,,,,,,,,\n"
		"c4,c4@example.com,,8,1,25.00,1,3,3,3,At Risk,Lost,hybrid,,,,,,,,,,\n");
}

/* A fitted customer's score: P(alive) p and its risk band, from P(alive). */
static struct eg_churn_score fitted_score(double p, const char *risk)
{
	return (struct eg_churn_score){ .fitted = 1, .p_alive = p, .risk = risk,
					.risk_basis = "p_alive" };
}

static void risk_bands_share_the_fitted_customers(void **state)
{
	struct eg_table_output out;

	(void)state;
	churn[0] = fitted_score(0.9, "low");
	churn[1] = fitted_score(0.2, "high");
	churn[2] = fitted_score(0.1, "high");
	churn[3] = fitted_score(0.5, "medium");
	table_open(&out, "risk_bands.csv", eg_risk_band_columns);
	eg_risk_bands_write(&facts, now, churn, &out);
	table_commit(&out);
	/*
	 * c4 is not fitted: 4 customers, 300 + 100 + 50 + 25 = 475.00. High: c1
	 * and c2, 150.00 (150 / 475 = 0.3157894...), mean P(alive) 0.15.
	 * Medium: c3, 25 / 475 = 0.0526315... Low: c0, 300 / 475 = 0.6315789...
	 */
	file_is("risk_bands.csv",
		"churn_risk,customers,customer_share,revenue,revenue_share,average_p_alive,basis,"
		"average_gaps_since_last_order\n"
		"high,2,0.500000,150.00,0.315789,0.1500,p_alive,\n"
		"medium,1,0.250000,25.00,0.052632,0.5000,p_alive,\n"
		"low,1,0.250000,300.00,0.631579,0.9000,p_alive,\n");
}

static void risk_bands_are_empty_when_the_model_was_not_fitted(void **state)
{
	struct eg_table_output out;

	(void)state;
	table_open(&out, "risk_bands.csv", eg_risk_band_columns);
	eg_risk_bands_write(&facts, now, churn, &out);
	assert_int_equal(out.rows, 0);
	table_commit(&out);
	file_is("risk_bands.csv",
		"churn_risk,customers,customer_share,revenue,revenue_share,average_p_alive,basis,"
		"average_gaps_since_last_order\n");
}

static void segment_moves_count_pairs_with_new_customers_first(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	table_open(&out, "segment_moves.csv", eg_segment_move_columns);
	assert_int_equal(eg_segment_moves_write(&facts, &grid, now, prev, &out, &err), EG_OK);
	table_commit(&out);
	/*
	 * c1 (new) -> Champions 100.00; c0 At Risk -> Champions 300.00; c2 stays
	 * At Risk 50.00; c3 and c4 Lost -> At Risk, 25 + 25 = 50.00. Rows by from
	 * ("(new)" first, then the actions order), then to; pairs without
	 * customers are left out.
	 */
	file_is("segment_moves.csv", "from_segment,to_segment,customers,revenue\n"
				     "(new),Champions,1,100.00\n"
				     "At Risk,Champions,1,300.00\n"
				     "At Risk,At Risk,1,50.00\n"
				     "Lost,At Risk,2,50.00\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(segments_give_shares_revenue_and_average_recency),
		T(segments_of_nobody_scored_leave_shares_empty),
		T(customer_scores_list_scored_customers_with_their_previous_segment),
		T(risk_bands_share_the_fitted_customers),
		T(risk_bands_are_empty_when_the_model_was_not_fitted),
		T(segment_moves_count_pairs_with_new_customers_first),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
