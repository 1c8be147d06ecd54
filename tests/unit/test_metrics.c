/*
 * test_metrics.c - the metric catalogue's meanings: every metric declares
 * which way its change is good news, and the verdict the Summary colours a
 * change by (eg_metric_change_news) follows that declaration for a rise, a
 * fall and no change, for every metric id; the ones whose rise is bad news
 * (refunds, churn, NPS detractors, ...) are named here so that a slip in the
 * catalogue shows. An id the catalogue lacks is neither good nor bad news.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "engage/metrics.h"

static void metrics_every_metric_declares_its_direction(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < EG_M_COUNT; i++) {
		if (eg_metrics[i].direction == EG_DIR_UNDECLARED)
			fail_msg("%s declares no direction", eg_metrics[i].id);
		assert_true(eg_metrics[i].direction == EG_DIR_HIGHER_BETTER ||
			    eg_metrics[i].direction == EG_DIR_LOWER_BETTER ||
			    eg_metrics[i].direction == EG_DIR_NEUTRAL);
	}
}

/* The news of a rise, a fall and no change of every metric follows its direction. */
static void metrics_change_news_follows_each_direction(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < EG_M_COUNT; i++) {
		const char *id = eg_metrics[i].id;
		int up = eg_metric_change_news(id, 2.5), down = eg_metric_change_news(id, -0.01);

		switch (eg_metrics[i].direction) {
		case EG_DIR_HIGHER_BETTER:
			assert_int_equal(up, 1);
			assert_int_equal(down, -1);
			break;
		case EG_DIR_LOWER_BETTER:
			assert_int_equal(up, -1);
			assert_int_equal(down, 1);
			break;
		default:
			assert_int_equal(up, 0);
			assert_int_equal(down, 0);
			break;
		}
		assert_int_equal(eg_metric_change_news(id, 0.0), 0);
	}
}

/* The metrics whose rise is bad news, as METRICS.md means them. */
static void metrics_rises_that_are_bad_news(void **state)
{
	static const char *const lower[] = {
		"refunds",
		"refund_rate",
		"refund_amount_rate",
		"discount_rate",
		"churn_rate",
		"cart_abandonment_rate",
		"nps_detractors",
		"ces_high_effort_rate",
		"tickets",
		"tickets_per_100_orders",
		"median_resolution_hours",
		"unsubscribe_rate",
		"bounce_rate",
		NULL,
	};
	size_t i, j, nlower = 0;

	(void)state;
	for (j = 0; lower[j]; j++) {
		assert_non_null(eg_metric_find(lower[j]));
		assert_int_equal(eg_metric_change_news(lower[j], 1), -1);
	}
	for (i = 0; i < EG_M_COUNT; i++)
		nlower += eg_metrics[i].direction == EG_DIR_LOWER_BETTER;
	assert_int_equal(nlower, j);
	assert_int_equal(eg_metric_change_news("nps", 1), 1);
	assert_int_equal(eg_metric_change_news("nps_responses", 1), 0);
}

static void metrics_unknown_id_is_no_news(void **state)
{
	(void)state;
	assert_null(eg_metric_find("detractors"));
	assert_int_equal(eg_metric_change_news("detractors", 1), 0);
	assert_int_equal(eg_metric_change_news("detractors", -1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test(f)
		T(metrics_every_metric_declares_its_direction),
		T(metrics_change_news_follows_each_direction),
		T(metrics_rises_that_are_bad_news),
		T(metrics_unknown_id_is_no_news),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
