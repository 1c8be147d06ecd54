/*
 * test_churn_model.c - the churn model over compute's facts: on 3,000
 * customers drawn from the BG/NBD model (several chunks of predictions),
 * each customer's P(alive) and expected orders equal one fit and one
 * prediction over all of them; a customer whose only order is after the
 * as-of day is not scored. Customers who never drop out get their churn
 * risk from recency, worked out here again; a young store's customers get
 * no prediction and no band.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/bgnbd.h"
#include "engage/churn_model.h"
#include "engage/datetime.h"
#include "engage/facts.h"
#include "engage/kpis.h"
#include "engage/rng.h"

#include "test_scratch.h"

#define NCUST 3000

#define AS_OF 20000 /* a day in 2024 */

#define MAXDAYS 32 /* orders a test customer may have */

/*
 * A customer's order days drawn from the BG/NBD model itself (as the
 * benchmark draws its customers): the first order T days before AS_OF,
 * the repeats spread to the last one at t_x, on distinct days.
 */
static size_t orders_of(const struct eg_bgnbd_params *truth, struct eg_rng *g, int64_t *days)
{
	struct eg_bgnbd_customer s;
	double T = (double)(1 + eg_rng_next(g) % 1095);
	int64_t first = AS_OF - (int64_t)T, span;
	size_t k, x;

	eg_bgnbd_simulate(truth, T, 0, g, &s, NULL);
	span = (int64_t)floor(s.t_x);
	x = s.x < MAXDAYS - 1 ? s.x : MAXDAYS - 1;
	if ((int64_t)x > span)
		x = (size_t)span;
	days[0] = first;
	for (k = 1; k <= x; k++)
		days[k] = first + span * (int64_t)k / (int64_t)x;
	return x + 1;
}

/* The customers' dropout: some stop buying. */
static const struct eg_bgnbd_params truth = { 0.8, 70, 0.6, 2.5 };

/*
 * Fills f with n customers drawn from p (seeded) and one more whose only
 * order is after AS_OF; bg (n entries, may be NULL) gets their summaries.
 */
static void make_facts(struct eg_facts *f, const struct eg_bgnbd_params *p, size_t ncust,
		       uint64_t seed, struct eg_bgnbd_customer *bg)
{
	int64_t days[MAXDAYS];
	struct eg_error err;
	struct eg_rng g;
	size_t c, k, n;

	eg_rng_seed(&g, seed);
	eg_facts_init(f);
	f->ncustomers = ncust + 1;
	for (c = 0; c <= ncust; c++) {
		struct eg_order_row row;

		n = c < ncust ? orders_of(p, &g, days) : 1;
		if (c == ncust)
			days[0] = AS_OF + 3;
		for (k = 0; k < n; k++) {
			memset(&row, 0, sizeof(row));
			row.customer = c;
			row.day = days[k];
			row.month = eg_month_of_day(days[k]);
			row.refund_month = row.month;
			row.total = 250000 + (int64_t)(c % 7) * 10000;
			assert_int_equal(eg_facts_add_order(f, &row, &err), EG_OK);
		}
		if (bg && c < ncust) {
			bg[c].x = (unsigned)(n - 1);
			bg[c].t_x = (double)(days[n - 1] - days[0]);
			bg[c].T = (double)(AS_OF - days[0]);
		}
	}
	assert_int_equal(eg_facts_index(f, &err), EG_OK);
}

/*
 * Runs the churn model on f into out; model.csv is kept in scratch and its
 * text returned (to free) when model_text is not NULL, else dropped.
 */
static void run_model(const struct eg_facts *f, const struct eg_churn_options *o,
		      struct eg_churn_score *out, char **model_text)
{
	struct eg_table_output model, holdout;
	struct eg_error err;

	assert_int_equal(eg_table_output_open(&model, scratch, "model.csv", eg_model_columns, &err),
			 EG_OK);
	assert_int_equal(
		eg_table_output_open(&holdout, scratch, "holdout.csv", eg_holdout_columns, &err),
		EG_OK);
	if (eg_churn_model_run(f, o, out, &model, &holdout, &err) != EG_OK)
		fail_msg("churn model: %s", err.message);
	eg_table_output_abort(&holdout);
	if (!model_text) {
		eg_table_output_abort(&model);
		return;
	}
	assert_int_equal(eg_table_output_commit(&model, &err), EG_OK);
	*model_text = scratch_read("model.csv");
}

/* text holds the line line. */
static void has_line(const char *text, const char *line)
{
	const char *p = strstr(text, line);
	size_t n = strlen(line);

	if (!p || (p != text && p[-1] != '\n') || (p[n] != '\n' && p[n] != '\r'))
		fail_msg("model.csv lacks \"%s\":\n%s", line, text);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Customers who never drop out: the BG/NBD fit is no_dropout, P(alive) is
 * about 1 for everyone, and each customer's churn risk comes from recency:
 * days since his last order over his typical gap (t_x / x; a one-time
 * buyer's the median of the repeat buyers'), 3 gaps or more high, 1.5
 * medium, else low; model.csv says so.
 */
static void churn_flat_p_alive_bands_come_from_recency(void **state)
{
	static const struct eg_bgnbd_params never = { 0.8, 70, 1e-6, 1e4 };
	static struct eg_churn_score out[1501];
	static struct eg_bgnbd_customer bg[1500];
	static double gaps[1500];
	struct eg_churn_options o = { AS_OF, 90, 0.01, 0.3, 0.7 };
	size_t c, m = 0, bands[3] = { 0, 0, 0 };
	struct eg_facts f;
	char *text;
	double shop;

	(void)state;
	make_facts(&f, &never, 1500, 7, bg);
	run_model(&f, &o, out, &text);
	has_line(text, "bgnbd,status,no_dropout");
	has_line(text, "bgnbd,dropout_supported,no");
	has_line(text, "churn_risk,basis,recency");
	for (c = 0; c < 1500; c++)
		if (bg[c].x > 0)
			gaps[m++] = bg[c].t_x / bg[c].x;
	qsort(gaps, m, sizeof(*gaps), cmp_double);
	shop = m % 2 ? gaps[m / 2] : (gaps[m / 2 - 1] + gaps[m / 2]) / 2;
	for (c = 0; c < 1500; c++) {
		double gap = bg[c].x > 0 ? bg[c].t_x / bg[c].x : shop;
		double since = (bg[c].T - (bg[c].x > 0 ? bg[c].t_x : 0)) / gap;
		const char *want = since >= 3 ? "high" : since >= 1.5 ? "medium" : "low";

		assert_int_equal(out[c].fitted, 1);
		assert_true(out[c].p_alive > 0.99);
		assert_true(out[c].has_gaps);
		assert_string_equal(out[c].risk_basis, "recency");
		assert_true(fabs(out[c].gap_days - gap) < 1e-9);
		assert_true(fabs(out[c].gaps_since - since) < 1e-9);
		assert_string_equal(out[c].risk, want);
		bands[since >= 3 ? 0 : since >= 1.5 ? 1 : 2]++;
	}
	/* an ordered list: every band has customers */
	assert_true(bands[0] > 0 && bands[1] > 0 && bands[2] > 0);
	assert_null(out[1500].risk);
	free(text);
	eg_facts_release(&f);
}

/* 40 customers, 2 of them repeat buyers: nobody gets a prediction or a band. */
static void churn_unusable_model_scores_nobody(void **state)
{
	static struct eg_churn_score out[41];
	struct eg_churn_options o = { AS_OF, 90, 0.01, 0.3, 0.7 };
	static const struct eg_bgnbd_params once = { 0.01, 70, 0.6, 2.5 };
	struct eg_bgnbd_customer bg[40];
	size_t c, repeat = 0;
	struct eg_facts f;
	char *text;

	(void)state;
	/* seed chosen so that exactly two of the 40 come back */
	make_facts(&f, &once, 40, 5, bg);
	for (c = 0; c < 40; c++)
		repeat += bg[c].x > 0;
	run_model(&f, &o, out, &text);
	if (repeat >= 10)
		fail_msg("%zu repeat buyers: the sample is not a young store", repeat);
	has_line(text, "bgnbd,status,not_enough_data");
	has_line(text, "gamma_gamma,status,not_fitted");
	has_line(text, "holdout,status,not_fitted");
	has_line(text, "churn_risk,basis,none");
	for (c = 0; c <= 40; c++) {
		assert_int_equal(out[c].fitted, 0);
		assert_int_equal(out[c].has_spend, 0);
		assert_int_equal(out[c].has_gaps, 0);
		assert_null(out[c].risk);
	}
	free(text);
	eg_facts_release(&f);
}

static void churn_predictions_equal_one_call_over_every_customer(void **state)
{
	static struct eg_churn_score out[NCUST + 1];
	static struct eg_bgnbd_customer bg[NCUST];
	static double alive[NCUST], expected[NCUST * 3];
	static const double horizons[3] = { 30, 90, 365 };
	struct eg_churn_options o = { AS_OF, 90, 0.01, 0.3, 0.7 };
	struct eg_bgnbd_fit fit;
	struct eg_facts f;
	struct eg_error err;
	size_t c, scored = 0;

	(void)state;
	make_facts(&f, &truth, NCUST, 20261123, bg);
	run_model(&f, &o, out, NULL);

	if (eg_bgnbd_fit(bg, NCUST, NULL, &fit, &err) != EG_OK)
		fail_msg("fit: %s", err.message);
	assert_int_equal(
		eg_bgnbd_predict(&fit.params, bg, NCUST, horizons, 3, alive, expected, &err),
		EG_OK);
	for (c = 0; c < NCUST; c++) {
		assert_int_equal(out[c].fitted, 1);
		/* Bit for bit: the same model, the same customer. */
		if (out[c].p_alive != alive[c] || out[c].expected[0] != expected[c * 3] ||
		    out[c].expected[1] != expected[c * 3 + 1] ||
		    out[c].expected[2] != expected[c * 3 + 2])
			fail_msg("customer %zu: %.17g, one call %.17g", c, out[c].p_alive,
				 alive[c]);
		scored++;
	}
	assert_int_equal(scored, NCUST);
	assert_int_equal(out[NCUST].fitted, 0);
	assert_null(out[NCUST].risk);
	eg_facts_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			churn_predictions_equal_one_call_over_every_customer, scratch_setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(churn_flat_p_alive_bands_come_from_recency,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(churn_unusable_model_scores_nobody, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
