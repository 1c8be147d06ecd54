/*
 * test_metrics.c - the metric catalogue against its written reference.
 *
 * stages/compute/METRICS.md keeps one table row per metric of kpis.csv. The
 * table is read here (the tests run from the repository root) and held
 * against eg_metrics: the same ids in the same order, each row's unit the
 * one kpis.csv writes for the metric's kind, its source the table the
 * catalogue names, a direction, and a definition. Also eg_metric_find and
 * eg_metric_absent_note, which the workbook relies on.
 *
 * And the catalogue's meanings: every metric declares which way its change
 * is good news, METRICS.md says the same direction, and the verdict the
 * Summary colours a change by (eg_metric_change_news) follows that
 * declaration for a rise, a fall and no change, for every metric id; the
 * ones whose rise is bad news (refunds, churn, NPS detractors, ...) are
 * named here so that a slip in the catalogue shows. An id the catalogue
 * lacks is neither good nor bad news.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "engage/metrics.h"

#define METRICS_MD "stages/compute/METRICS.md"
#define MAX_ROWS   128
#define NCELLS	   5 /* id, unit, direction, source, definition */

/* One row of the metric table, each cell trimmed. */
struct row {
	char cell[NCELLS][512];
	int line; /* line number in METRICS.md, for messages */
};

/* The canonical table each source names. */
static const char *const source_table[] = {
	[EG_SRC_ORDERS] = "orders.csv",	    [EG_SRC_LOYALTY] = "loyalty.csv",
	[EG_SRC_SESSIONS] = "sessions.csv", [EG_SRC_RESPONSES] = "responses.csv",
	[EG_SRC_TICKETS] = "tickets.csv",   [EG_SRC_EMAIL] = "email_events.csv",
	[EG_SRC_SPEND] = "spend.csv",
};

/* Copies the text between p and end, without surrounding spaces, into out. */
static void trim_copy(const char *p, const char *end, char *out, size_t cap)
{
	size_t n;

	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\n'))
		end--;
	n = (size_t)(end - p);
	assert_true(n < cap);
	memcpy(out, p, n);
	out[n] = '\0';
}

/* Splits "| a | b | ... |" into r's cells; returns how many cells it had. */
static int split_row(const char *line, struct row *r)
{
	const char *p = line + 1, *bar;
	int n = 0;

	while ((bar = strchr(p, '|')) != NULL) {
		if (n < NCELLS)
			trim_copy(p, bar, r->cell[n], sizeof(r->cell[n]));
		n++;
		p = bar + 1;
	}
	return n;
}

/* Reads the rows of the table whose header starts "| id |"; returns how many. */
static size_t read_metric_table(struct row *rows, size_t cap)
{
	char line[4096];
	FILE *f = fopen(METRICS_MD, "r");
	size_t n = 0;
	int lineno = 0, in_table = 0;

	if (!f)
		fail_msg("cannot open %s (tests run from the repository root)", METRICS_MD);
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!in_table) {
			in_table = strncmp(line, "| id |", 6) == 0;
			continue;
		}
		if (line[0] != '|')
			break;
		if (strncmp(line, "|---", 4) == 0)
			continue;
		assert_true(n < cap);
		if (split_row(line, &rows[n]) != NCELLS)
			fail_msg("%s:%d: a row of the metric table needs %d cells", METRICS_MD,
				 lineno, NCELLS);
		rows[n].line = lineno;
		n++;
	}
	fclose(f);
	assert_true(in_table);
	return n;
}

/* The unit kpis.csv writes for def ("currency" stands for the report currency). */
static const char *kpis_unit(const struct eg_metric_def *def)
{
	switch (def->kind) {
	case EG_METRIC_COUNT: return "count";
	case EG_METRIC_MONEY: return "currency";
	case EG_METRIC_RATIO: return "ratio";
	case EG_METRIC_DECIMAL: return def->unit;
	}
	return "";
}

/* The words METRICS.md uses for a catalogue direction. */
static const char *direction_words(enum eg_metric_direction d)
{
	switch (d) {
	case EG_DIR_HIGHER_BETTER: return "higher is better";
	case EG_DIR_LOWER_BETTER: return "lower is better";
	case EG_DIR_NEUTRAL: return "neither";
	case EG_DIR_UNDECLARED: break;
	}
	return "(undeclared)";
}

static void metrics_md_lists_every_catalogue_id_in_order(void **state)
{
	static struct row rows[MAX_ROWS];
	size_t n, i;

	(void)state;
	n = read_metric_table(rows, MAX_ROWS);
	for (i = 0; i < n && i < EG_M_COUNT; i++)
		if (strcmp(rows[i].cell[0], eg_metrics[i].id) != 0)
			fail_msg("%s:%d: row %zu is '%s', the catalogue has '%s' there", METRICS_MD,
				 rows[i].line, i + 1, rows[i].cell[0], eg_metrics[i].id);
	if (n != EG_M_COUNT)
		fail_msg("%s lists %zu metrics, the catalogue %d", METRICS_MD, n, (int)EG_M_COUNT);
}

static void metrics_md_units_and_sources_match_the_catalogue(void **state)
{
	static struct row rows[MAX_ROWS];
	size_t n, i;

	(void)state;
	n = read_metric_table(rows, MAX_ROWS);
	assert_int_equal(n, EG_M_COUNT);
	for (i = 0; i < n; i++) {
		const struct eg_metric_def *def = &eg_metrics[i];

		if (strcmp(rows[i].cell[1], kpis_unit(def)) != 0)
			fail_msg("%s:%d: %s has unit '%s', kpis.csv writes '%s'", METRICS_MD,
				 rows[i].line, def->id, rows[i].cell[1], kpis_unit(def));
		if (strcmp(rows[i].cell[3], source_table[def->source]) != 0)
			fail_msg("%s:%d: %s comes from '%s', the catalogue says '%s'", METRICS_MD,
				 rows[i].line, def->id, rows[i].cell[3], source_table[def->source]);
	}
}

static void metrics_md_gives_each_metric_a_direction_and_definition(void **state)
{
	static struct row rows[MAX_ROWS];
	size_t n, i;

	(void)state;
	n = read_metric_table(rows, MAX_ROWS);
	for (i = 0; i < n; i++) {
		const char *dir = rows[i].cell[2];

		if (strcmp(dir, "higher is better") != 0 && strcmp(dir, "lower is better") != 0 &&
		    strcmp(dir, "neither") != 0)
			fail_msg("%s:%d: direction '%s' is none of higher is better, lower is "
				 "better, neither",
				 METRICS_MD, rows[i].line, dir);
		if (i < EG_M_COUNT && strcmp(dir, direction_words(eg_metrics[i].direction)) != 0)
			fail_msg("%s:%d: %s is '%s' there, the catalogue says '%s'", METRICS_MD,
				 rows[i].line, rows[i].cell[0], dir,
				 direction_words(eg_metrics[i].direction));
		if (strlen(rows[i].cell[4]) < 10)
			fail_msg("%s:%d: %s has no definition", METRICS_MD, rows[i].line,
				 rows[i].cell[0]);
	}
}

static void metric_find_returns_the_catalogue_entry_or_null(void **state)
{
	(void)state;
	assert_ptr_equal(eg_metric_find("orders"), &eg_metrics[EG_M_ORDERS]);
	assert_ptr_equal(eg_metric_find("marketing_engaged_customers"),
			 &eg_metrics[EG_M_MARKETING_ENGAGED_CUSTOMERS]);
	assert_null(eg_metric_find("order"));
	assert_null(eg_metric_find(""));
}

static void metric_absent_note_names_the_missing_export(void **state)
{
	(void)state;
	assert_string_equal(eg_metric_absent_note(EG_SRC_LOYALTY), "no loyalty programme export");
	assert_string_equal(eg_metric_absent_note(EG_SRC_SESSIONS), "no web analytics export");
	assert_string_equal(eg_metric_absent_note(EG_SRC_EMAIL), "no email activity export");
}

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
		"cac",
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
		cmocka_unit_test(metrics_md_lists_every_catalogue_id_in_order),
		cmocka_unit_test(metrics_md_units_and_sources_match_the_catalogue),
		cmocka_unit_test(metrics_md_gives_each_metric_a_direction_and_definition),
		cmocka_unit_test(metric_find_returns_the_catalogue_entry_or_null),
		cmocka_unit_test(metric_absent_note_names_the_missing_export),
		cmocka_unit_test(metrics_every_metric_declares_its_direction),
		cmocka_unit_test(metrics_change_news_follows_each_direction),
		cmocka_unit_test(metrics_rises_that_are_bad_news),
		cmocka_unit_test(metrics_unknown_id_is_no_news),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
