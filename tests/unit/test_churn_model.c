/*
 * test_churn_model.c - the churn model over compute's facts: on 3,000
 * customers drawn from the BG/NBD model (several chunks of predictions),
 * each customer's P(alive) and expected orders equal one fit and one
 * prediction over all of them; a customer whose only order is after the
 * as-of day is not scored.
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

#define NCUST 3000

static char scratch[512]; /* the test's folder; the outputs are aborted, leaving it empty */
#define AS_OF 20000 /* a day in 2024 */

#define MAXDAYS 32 /* orders a test customer may have */

/*
 * A customer's order days drawn from the BG/NBD model itself (as the
 * benchmark draws its customers): the first order T days before AS_OF,
 * the repeats spread to the last one at t_x, on distinct days.
 */
static size_t orders_of(struct eg_rng *g, int64_t *days)
{
	static const struct eg_bgnbd_params truth = { 0.8, 70, 0.6, 2.5 };
	struct eg_bgnbd_customer s;
	double T = (double)(1 + eg_rng_next(g) % 1095);
	int64_t first = AS_OF - (int64_t)T, span;
	size_t k, x;

	eg_bgnbd_simulate(&truth, T, 0, g, &s, NULL);
	span = (int64_t)floor(s.t_x);
	x = s.x < MAXDAYS - 1 ? s.x : MAXDAYS - 1;
	if ((int64_t)x > span)
		x = (size_t)span;
	days[0] = first;
	for (k = 1; k <= x; k++)
		days[k] = first + span * (int64_t)k / (int64_t)x;
	return x + 1;
}

static void churn_predictions_equal_one_call_over_every_customer(void **state)
{
	static struct eg_churn_score out[NCUST + 1];
	static struct eg_bgnbd_customer bg[NCUST];
	static double alive[NCUST], expected[NCUST * 3];
	static const double horizons[3] = { 30, 90, 365 };
	struct eg_churn_options o = { AS_OF, 90, 0.01, 0.3, 0.7 };
	struct eg_table_output model, holdout;
	struct eg_bgnbd_fit fit;
	struct eg_facts f;
	struct eg_error err;
	const char *dir = scratch;
	size_t c, k, n, scored = 0;
	int64_t days[MAXDAYS];
	struct eg_rng g;

	(void)state;
	eg_rng_seed(&g, 20261123);
	eg_facts_init(&f);
	f.ncustomers = NCUST + 1; /* the last has only an order after AS_OF */
	for (c = 0; c <= NCUST; c++) {
		struct eg_order_row row;

		n = c < NCUST ? orders_of(&g, days) : 1;
		if (c == NCUST)
			days[0] = AS_OF + 3;
		for (k = 0; k < n; k++) {
			memset(&row, 0, sizeof(row));
			row.customer = c;
			row.day = days[k];
			row.month = eg_month_of_day(days[k]);
			row.refund_month = row.month;
			row.total = 250000 + (int64_t)(c % 7) * 10000;
			assert_int_equal(eg_facts_add_order(&f, &row, &err), EG_OK);
		}
		if (c < NCUST) {
			bg[c].x = (unsigned)(n - 1);
			bg[c].t_x = (double)(days[n - 1] - days[0]);
			bg[c].T = (double)(AS_OF - days[0]);
		}
	}
	assert_int_equal(eg_facts_index(&f, &err), EG_OK);
	assert_int_equal(eg_table_output_open(&model, dir, "model.csv", eg_model_columns, &err),
			 EG_OK);
	assert_int_equal(
		eg_table_output_open(&holdout, dir, "holdout.csv", eg_holdout_columns, &err), EG_OK);
	if (eg_churn_model_run(&f, &o, out, &model, &holdout, &err) != EG_OK)
		fail_msg("churn model: %s", err.message);
	eg_table_output_abort(&model);
	eg_table_output_abort(&holdout);

	if (eg_bgnbd_fit(bg, NCUST, NULL, &fit, &err) != EG_OK)
		fail_msg("fit: %s", err.message);
	assert_int_equal(
		eg_bgnbd_predict(&fit.params, bg, NCUST, horizons, 3, alive, expected, &err), EG_OK);
	for (c = 0; c < NCUST; c++) {
		assert_int_equal(out[c].fitted, 1);
		/* Bit for bit: the same model, the same customer. */
		if (out[c].p_alive != alive[c] || out[c].expected[0] != expected[c * 3] ||
		    out[c].expected[1] != expected[c * 3 + 1] ||
		    out[c].expected[2] != expected[c * 3 + 2])
			fail_msg("customer %zu: %.17g, one call %.17g", c, out[c].p_alive, alive[c]);
		scored++;
	}
	assert_int_equal(scored, NCUST);
	assert_int_equal(out[NCUST].fitted, 0);
	assert_null(out[NCUST].risk);
	eg_facts_release(&f);
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");

	(void)state;
	snprintf(scratch, sizeof(scratch), "%s/test_churn_model.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(scratch) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(scratch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(churn_predictions_equal_one_call_over_every_customer,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
