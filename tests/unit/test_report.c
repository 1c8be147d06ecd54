/*
 * test_report.c - reading compute's files back for the workbook: kpis.csv
 * into the month x metric grid (catalogue metrics first, ids the catalogue
 * lacks after them under their own id, values kept as written, notes kept,
 * bad rows named by file and line), and the small tables render loads whole
 * (absent files, missing columns, cells that are not numbers).
 *
 * Each test writes its files in a fresh scratch folder, removed afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/data_table.h"
#include "engage/datetime.h"
#include "engage/report.h"

static char path[1024]; /* the file the test wrote last */

/* Writes text to scratch/name and leaves its path in path. */
static const char *write_file(const char *name, const char *text)
{
	put(name, text);
	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	return path;
}

static int64_t month(const char *s)
{
	int64_t m;
	struct eg_error err;

	assert_int_equal(eg_month_parse(s, &m, &err), EG_OK);
	return m;
}

static void report_reads_catalogue_metrics_by_month(void **state)
{
	struct eg_report rep;
	struct eg_error err;
	struct eg_report_value v;

	(void)state;
	write_file("kpis.csv", "month,metric,value,unit,note\n"
			       "2026-01,orders,17,count,\n"
			       "2026-01,net_revenue,964.29,USD,\n"
			       "2026-03,orders,20,count,\n"
			       "2026-03,repeat_purchase_rate,0.214286,ratio,\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_OK);
	assert_int_equal(rep.month, month("2026-03"));
	assert_int_equal(rep.first_month, month("2026-01"));
	assert_int_equal(rep.nmonths, 3);
	assert_int_equal(rep.rows, 4);
	assert_string_equal(rep.currency, "USD");
	assert_int_equal(rep.nmetrics, EG_M_COUNT);
	v = eg_report_get(&rep, month("2026-01"), EG_M_NET_REVENUE);
	assert_true(v.present);
	assert_int_equal(v.v, 9642900);
	assert_true(v.x == 964.29);
	v = eg_report_get(&rep, month("2026-02"), EG_M_ORDERS);
	assert_false(v.present);
	/* A share keeps its six decimals, not money's four. */
	v = eg_report_get(&rep, month("2026-03"), EG_M_REPEAT_PURCHASE_RATE);
	assert_true(v.x == 0.214286);
	assert_int_equal(v.v, 2143);
	assert_int_equal(rep.metrics[EG_M_ORDERS].rows, 2);
	assert_int_equal(rep.metrics[EG_M_UNITS].rows, 0);
	eg_report_release(&rep);
}

static void report_shows_an_unknown_id_under_its_own_name(void **state)
{
	struct eg_report rep;
	struct eg_error err;
	long i, j;

	(void)state;
	write_file("kpis.csv", "month,metric,value,unit,note\n"
			       "2026-03,orders,20,count,\n"
			       "2026-03,gross_revenue,938.10,EUR,\n"
			       "2026-03,widgets_per_visit,1.25,widgets,\n"
			       "2026-03,returned_parcels,4,count,\n"
			       "2026-03,gift_cards,120.00,EUR,\n"
			       "2026-02,widgets_per_visit,1.5,widgets,\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_OK);
	assert_int_equal(rep.nmetrics, EG_M_COUNT + 3);
	i = eg_report_find(&rep, "widgets_per_visit");
	assert_int_equal(i, EG_M_COUNT);
	assert_string_equal(rep.metrics[i].name, "widgets_per_visit");
	assert_int_equal(rep.metrics[i].kind, EG_METRIC_DECIMAL);
	assert_string_equal(rep.metrics[i].unit, "widgets");
	assert_null(rep.metrics[i].definition);
	assert_int_equal(rep.metrics[i].rows, 2);
	assert_true(eg_report_value_at(&rep, month("2026-02"), (size_t)i).x == 1.5);
	j = eg_report_find(&rep, "returned_parcels");
	assert_int_equal(rep.metrics[j].kind, EG_METRIC_COUNT);
	assert_int_equal(eg_report_value_at(&rep, month("2026-03"), (size_t)j).v, 4);
	j = eg_report_find(&rep, "gift_cards");
	assert_int_equal(rep.metrics[j].kind, EG_METRIC_MONEY);
	assert_int_equal(eg_report_find(&rep, "no_such_metric"), -1);
	eg_report_release(&rep);
}

static void report_keeps_the_note_of_an_absent_value(void **state)
{
	struct eg_report rep;
	struct eg_error err;
	struct eg_report_value v;

	(void)state;
	write_file("kpis.csv", "month,metric,value,unit,note\n"
			       "2026-03,loyalty_participation,,ratio,no loyalty programme export\n"
			       "2026-03,orders,20,count,\n");
	assert_int_equal(eg_report_load(&rep, path, "2026-03", &err), EG_OK);
	v = eg_report_get(&rep, month("2026-03"), EG_M_LOYALTY_PARTICIPATION);
	assert_false(v.present);
	assert_string_equal(v.note, "no loyalty programme export");
	assert_string_equal(eg_report_get(&rep, month("2026-03"), EG_M_ORDERS).note, "");
	/* Outside the report's months: absent, with no note. */
	v = eg_report_get(&rep, month("2020-01"), EG_M_ORDERS);
	assert_false(v.present);
	assert_string_equal(v.note, "");
	eg_report_release(&rep);
}

static void report_names_file_and_line_of_a_bad_value(void **state)
{
	struct eg_report rep;
	struct eg_error err;

	(void)state;
	write_file("kpis.csv", "month,metric,value,unit,note\n"
			       "2026-03,orders,20,count,\n"
			       "2026-03,net_revenue,12,50,USD,\n"
			       "2026-03,aov,abc,USD,\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_EDATA);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.message, "invalid value 'abc'"));
	eg_report_release(&rep);
	write_file("kpis.csv", "month,metric,value,unit,note\n2026-13,orders,20,count,\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_EDATA);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "invalid month '2026-13'"));
	eg_report_release(&rep);
	write_file("kpis.csv", "month,metric,value,unit,note\n2026-03,orders,2.5,count,\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_EDATA);
	eg_report_release(&rep);
}

static void report_refuses_a_file_without_metrics_or_columns(void **state)
{
	struct eg_report rep;
	struct eg_error err;

	(void)state;
	write_file("kpis.csv", "month,metric,value,unit,note\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "no metrics"));
	eg_report_release(&rep);
	write_file("kpis.csv", "month,metric,value\n2026-03,orders,20\n");
	assert_int_equal(eg_report_load(&rep, path, NULL, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "unit"));
	eg_report_release(&rep);
	write_file("kpis.csv", "month,metric,value,unit\n2026-03,orders,20,count\n");
	assert_int_equal(eg_report_load(&rep, path, "March", &err), EG_EUSAGE);
	eg_report_release(&rep);
	eg_report_release(&rep); /* an empty report releases again */
}

static void data_table_treats_a_missing_file_as_absent(void **state)
{
	struct eg_data_table t;
	struct eg_error err;
	const char *missing = scratch_path("funnel.csv");

	(void)state;
	assert_int_equal(eg_data_table_load(&t, missing, NULL, NULL, &err), EG_OK);
	assert_false(t.present);
	assert_int_equal(t.nrows, 0);
	assert_int_equal(eg_data_table_column(&t, "month"), -1);
	eg_data_table_release(&t);
}

static void data_table_reads_rows_and_numbers(void **state)
{
	static const char *const numeric[] = { "count", "share", NULL };
	struct eg_data_table t;
	struct eg_error err;
	double x = -1;
	long c;

	(void)state;
	write_file("funnel.csv", "month,step,count,share\n"
				 "2026-03,sessions,900,\n"
				 "2026-03,\"add, to cart\",104,0.115556\n"
				 "2026-03,purchases\n");
	assert_int_equal(eg_data_table_load(&t, path,
					    (const char *const[]){ "month", "step", NULL }, numeric,
					    &err),
			 EG_OK);
	assert_true(t.present);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.ncols, 4);
	assert_string_equal(eg_data_table_column_name(&t, 2), "count");
	c = eg_data_table_column(&t, "share");
	assert_int_equal(c, 3);
	assert_string_equal(eg_data_table_cell(&t, 1, 1), "add, to cart");
	assert_int_equal(eg_data_table_number(&t, 0, c, &x), 0);
	assert_true(x == -1);
	assert_int_equal(eg_data_table_number(&t, 1, c, &x), 1);
	assert_true(x == 0.115556);
	/* A short row reads as empty cells; a missing column as "". */
	assert_string_equal(eg_data_table_cell(&t, 2, 2), "");
	assert_string_equal(eg_data_table_cell(&t, 2, -1), "");
	assert_int_equal(t.lines[2], 4);
	eg_data_table_release(&t);
}

static void data_table_names_a_cell_that_is_not_a_number(void **state)
{
	struct eg_data_table t;
	struct eg_error err;

	(void)state;
	write_file("bridge.csv", "month,total,other\n2026-01,10.00,0.00\n2026-02,12.50,n/a\n");
	assert_int_equal(eg_data_table_load(&t, path, NULL,
					    (const char *const[]){ "total", "other", NULL }, &err),
			 EG_EDATA);
	assert_false(t.present);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.message, "'n/a' in column 'other' is not a number"));
	eg_data_table_release(&t);
}

static void data_table_names_missing_columns(void **state)
{
	struct eg_data_table t;
	struct eg_error err;

	(void)state;
	write_file("segments.csv", "segment,customers\nChampions,3\n");
	assert_int_equal(eg_data_table_load(&t, path,
					    (const char *const[]){ "segment", "revenue",
								   "revenue_share", NULL },
					    NULL, &err),
			 EG_EDATA);
	assert_non_null(strstr(err.message, "revenue"));
	assert_non_null(strstr(err.message, "revenue_share"));
	eg_data_table_release(&t);
}

static void data_table_parses_numbers_as_stages_write_them(void **state)
{
	static const char *const good[] = { "0",       "-3.0010", "0.25", "+7",
					    "1.5e-06", "12.",	  ".5",	  NULL };
	static const char *const bad[] = { "",	   " 1", "1 ", "1,5",	"inf", "nan",
					   "0x10", "1e", "-",  "1e400", "abc", NULL };
	double x;
	size_t i;

	(void)state;
	for (i = 0; good[i]; i++)
		assert_true(eg_data_table_parse_number(good[i], &x));
	assert_true(eg_data_table_parse_number("1.5e-06", &x) && x == 1.5e-06);
	for (i = 0; bad[i]; i++) {
		x = 42;
		assert_false(eg_data_table_parse_number(bad[i], &x));
		assert_true(x == 42);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(report_reads_catalogue_metrics_by_month,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(report_shows_an_unknown_id_under_its_own_name,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(report_keeps_the_note_of_an_absent_value,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(report_names_file_and_line_of_a_bad_value,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(report_refuses_a_file_without_metrics_or_columns,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(data_table_treats_a_missing_file_as_absent,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(data_table_reads_rows_and_numbers, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(data_table_names_a_cell_that_is_not_a_number,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(data_table_names_missing_columns, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(data_table_parses_numbers_as_stages_write_them),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
