/*
 * test_manifest.c - the row accounting of a stage run: parameters, inputs,
 * reject reasons, stats and outputs written in insertion order (the whole
 * file is compared), the balance read = written + rejected + merged and the
 * per-reason sums checked before anything is written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/manifest.h"
#include "engage/version.h"

#define MANIFEST scratch_path("extract.manifest.csv") /* the file of each test */

static void manifest_writes_everything_in_insertion_order(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_manifest_counts *orders, *lines;
	struct eg_error err;
	int i;

	(void)state;
	assert_non_null(m);
	assert_int_equal(eg_manifest_param(m, "source", "shopify_orders"), EG_OK);
	assert_int_equal(eg_manifest_param(m, "month", "2026-10"), EG_OK);
	orders = eg_manifest_input(m, "orders_export.csv");
	lines = eg_manifest_input(m, "b_lines.csv");
	assert_non_null(orders);
	assert_non_null(lines);
	orders->read = 120;
	orders->written = 57;
	orders->merged = 60;
	for (i = 0; i < 2; i++)
		assert_int_equal(eg_manifest_reject(m, "orders_export.csv", "ragged_row"), EG_OK);
	assert_int_equal(eg_manifest_reject(m, "b_lines.csv", "bad_amount"), EG_OK);
	assert_int_equal(eg_manifest_reject(m, "orders_export.csv", "bad_date"), EG_OK);
	lines->read = 10;
	lines->written = 9;
	assert_int_equal(eg_manifest_stat(m, "orders_export.csv", "test_orders", 4), EG_OK);
	assert_int_equal(eg_manifest_output(m, "orders.csv", 57), EG_OK);
	assert_int_equal(eg_manifest_stat(m, "b_lines.csv", "zero_quantity", 0), EG_OK);
	assert_int_equal(eg_manifest_output(m, "order_lines.csv", 9), EG_OK);
	assert_int_equal(eg_manifest_output(m, "empty.csv", 0), EG_OK);
	assert_int_equal(eg_manifest_check(m, &err), EG_OK);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	file_is("extract.manifest.csv", "stage,section,name,key,value\n"
					"extract,version,,engage," ENGAGE_VERSION "\n"
					"extract,param,,source,shopify_orders\n"
					"extract,param,,month,2026-10\n"
					"extract,input,orders_export.csv,read,120\n"
					"extract,input,orders_export.csv,written,57\n"
					"extract,input,orders_export.csv,rejected,3\n"
					"extract,input,orders_export.csv,merged,60\n"
					"extract,input,b_lines.csv,read,10\n"
					"extract,input,b_lines.csv,written,9\n"
					"extract,input,b_lines.csv,rejected,1\n"
					"extract,input,b_lines.csv,merged,0\n"
					"extract,reject,orders_export.csv,ragged_row,2\n"
					"extract,reject,b_lines.csv,bad_amount,1\n"
					"extract,reject,orders_export.csv,bad_date,1\n"
					"extract,stat,orders_export.csv,test_orders,4\n"
					"extract,stat,b_lines.csv,zero_quantity,0\n"
					"extract,output,orders.csv,rows,57\n"
					"extract,output,order_lines.csv,rows,9\n"
					"extract,output,empty.csv,rows,0\n");
	eg_manifest_free(m);
}

static void manifest_with_nothing_recorded_writes_header_and_version(void **state)
{
	struct eg_manifest *m = eg_manifest_new("render");
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	file_is("extract.manifest.csv", "stage,section,name,key,value\n"
					"render,version,,engage," ENGAGE_VERSION "\n");
	eg_manifest_free(m);
}

static void manifest_quotes_names_and_values_as_csv(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_manifest_counts *c;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_param(m, "note", "a,b \"c\""), EG_OK);
	assert_int_equal(eg_manifest_param(m, "empty", NULL), EG_OK);
	c = eg_manifest_input(m, "my, orders.csv");
	c->read = 1;
	assert_int_equal(eg_manifest_reject(m, "my, orders.csv", "bad_date"), EG_OK);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	file_is("extract.manifest.csv", "stage,section,name,key,value\n"
					"clean,version,,engage," ENGAGE_VERSION "\n"
					"clean,param,,note,\"a,b \"\"c\"\"\"\n"
					"clean,param,,empty,\n"
					"clean,input,\"my, orders.csv\",read,1\n"
					"clean,input,\"my, orders.csv\",written,0\n"
					"clean,input,\"my, orders.csv\",rejected,1\n"
					"clean,input,\"my, orders.csv\",merged,0\n"
					"clean,reject,\"my, orders.csv\",bad_date,1\n");
	eg_manifest_free(m);
}

static void manifest_param_reads_back_from_the_file(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_error err;
	char buf[32], small[4];

	(void)state;
	assert_int_equal(eg_manifest_param(m, "timezone", "America/Los_Angeles"), EG_OK);
	assert_int_equal(eg_manifest_param(m, "note", "a,b \"c\""), EG_OK);
	assert_int_equal(eg_manifest_stat(m, "orders.csv", "timezone_found", 1), EG_OK);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	assert_string_equal(eg_manifest_read_param(MANIFEST, "timezone", buf, sizeof(buf)),
			    "America/Los_Angeles");
	assert_string_equal(eg_manifest_read_param(MANIFEST, "note", buf, sizeof(buf)),
			    "a,b \"c\"");
	/* A stat is no parameter; a value too long for buf is not cut short. */
	assert_null(eg_manifest_read_param(MANIFEST, "timezone_found", buf, sizeof(buf)));
	assert_null(eg_manifest_read_param(MANIFEST, "timezone", small, sizeof(small)));
	assert_null(eg_manifest_read_param("/nonexistent/x.manifest.csv", "timezone", buf,
					   sizeof(buf)));
	eg_manifest_free(m);
}

static void manifest_stats_stay_outside_the_balance(void **state)
{
	struct eg_manifest *m = eg_manifest_new("compute");
	struct eg_manifest_counts *c = eg_manifest_input(m, "orders.csv");
	struct eg_error err;

	(void)state;
	c->read = 2;
	c->written = 2;
	assert_int_equal(eg_manifest_stat(m, "orders.csv", "test_orders", 5), EG_OK);
	assert_int_equal(eg_manifest_stat(m, "other.csv", "refunds", -3), EG_OK);
	assert_int_equal(eg_manifest_check(m, &err), EG_OK);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	file_is("extract.manifest.csv", "stage,section,name,key,value\n"
					"compute,version,,engage," ENGAGE_VERSION "\n"
					"compute,input,orders.csv,read,2\n"
					"compute,input,orders.csv,written,2\n"
					"compute,input,orders.csv,rejected,0\n"
					"compute,input,orders.csv,merged,0\n"
					"compute,stat,orders.csv,test_orders,5\n"
					"compute,stat,other.csv,refunds,-3\n");
	eg_manifest_free(m);
}

static void manifest_input_returns_same_counts_for_same_name(void **state)
{
	struct eg_manifest *m = eg_manifest_new("join");
	struct eg_manifest_counts *a, *b, *c;
	char name[32];
	int i;

	(void)state;
	a = eg_manifest_input(m, "a.csv");
	assert_non_null(a);
	a->read = 5;
	/* Many more inputs must not move the counts of the first. */
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "in%d.csv", i);
		assert_non_null(eg_manifest_input(m, name));
	}
	b = eg_manifest_input(m, "a.csv");
	assert_ptr_equal(a, b);
	assert_int_equal(b->read, 5);
	c = eg_manifest_input(m, "A.csv");
	assert_ptr_not_equal(a, c);
	assert_int_equal(c->read, 0);
	assert_int_equal(c->written, 0);
	assert_int_equal(c->rejected, 0);
	assert_int_equal(c->merged, 0);
	eg_manifest_free(m);
}

static void manifest_reject_counts_rows_and_creates_input(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_manifest_counts *c;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_reject(m, "new.csv", "bad_email"), EG_OK);
	assert_int_equal(eg_manifest_reject(m, "new.csv", "bad_email"), EG_OK);
	assert_int_equal(eg_manifest_reject(m, "new.csv", "duplicate"), EG_OK);
	c = eg_manifest_input(m, "new.csv");
	assert_int_equal(c->rejected, 3);
	c->read = 3;
	assert_int_equal(eg_manifest_check(m, &err), EG_OK);
	eg_manifest_free(m);
}

static void manifest_balance_counts_merged_rows(void **state)
{
	struct eg_manifest *m = eg_manifest_new("join");
	struct eg_manifest_counts *c = eg_manifest_input(m, "customers.csv");
	struct eg_error err;

	(void)state;
	c->read = 10;
	c->written = 6;
	c->merged = 4;
	assert_int_equal(eg_manifest_check(m, &err), EG_OK);
	c->merged = 3;
	assert_int_equal(eg_manifest_check(m, &err), EG_EINTERNAL);
	eg_manifest_free(m);
}

static void manifest_failing_balance_is_internal_error_naming_input(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_manifest_counts *ok = eg_manifest_input(m, "good.csv");
	struct eg_manifest_counts *bad = eg_manifest_input(m, "orders_export.csv");
	struct eg_error err;

	(void)state;
	ok->read = 3;
	ok->written = 3;
	bad->read = 10;
	bad->written = 8;
	assert_int_equal(eg_manifest_reject(m, "orders_export.csv", "ragged_row"), EG_OK);
	eg_error_clear(&err);
	assert_int_equal(eg_manifest_check(m, &err), EG_EINTERNAL);
	assert_int_equal(err.status, EG_EINTERNAL);
	assert_string_equal(err.file, "orders_export.csv");
	assert_non_null(strstr(err.message, "10"));
	/* write checks first, and writes nothing. */
	eg_error_clear(&err);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_EINTERNAL);
	assert_int_equal(err.status, EG_EINTERNAL);
	assert_string_equal(err.file, "orders_export.csv");
	assert_int_equal(access(MANIFEST, F_OK), -1);
	eg_manifest_free(m);
}

static void manifest_more_written_than_read_is_internal_error(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_manifest_counts *c = eg_manifest_input(m, "x.csv");
	struct eg_error err;

	(void)state;
	c->read = 1;
	c->written = 2;
	assert_int_equal(eg_manifest_check(m, &err), EG_EINTERNAL);
	assert_string_equal(err.file, "x.csv");
	eg_manifest_free(m);
}

static void manifest_reasons_must_add_up_to_rejected(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_manifest_counts *c;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_reject(m, "orders.csv", "bad_amount"), EG_OK);
	assert_int_equal(eg_manifest_reject(m, "orders.csv", "bad_date"), EG_OK);
	c = eg_manifest_input(m, "orders.csv");
	/* Rows balance, but one rejected row has no reason. */
	c->rejected = 3;
	c->read = 5;
	c->written = 2;
	eg_error_clear(&err);
	assert_int_equal(eg_manifest_check(m, &err), EG_EINTERNAL);
	assert_int_equal(err.status, EG_EINTERNAL);
	assert_string_equal(err.file, "orders.csv");
	assert_non_null(strstr(err.message, "reason"));
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_EINTERNAL);
	assert_int_equal(access(MANIFEST, F_OK), -1);
	eg_manifest_free(m);
}

static void manifest_reasons_of_another_input_do_not_count(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_manifest_counts *a, *b;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_reject(m, "a.csv", "bad_date"), EG_OK);
	a = eg_manifest_input(m, "a.csv");
	b = eg_manifest_input(m, "b.csv");
	a->read = 1;
	/* b claims a rejected row; only a.csv has a reason for one. */
	b->read = 1;
	b->rejected = 1;
	eg_error_clear(&err);
	assert_int_equal(eg_manifest_check(m, &err), EG_EINTERNAL);
	assert_string_equal(err.file, "b.csv");
	eg_manifest_free(m);
}

static void manifest_write_in_missing_folder_is_io_error(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_error err;
	const char *bad = scratch_path("missing/extract.manifest.csv");

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_manifest_write(m, bad, &err), EG_EIO);
	assert_int_equal(err.status, EG_EIO);
	assert_string_equal(err.file, bad);
	eg_manifest_free(m);
	eg_manifest_free(NULL);
}

static void manifest_rewrite_replaces_previous_file(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_output(m, "a.csv", 1), EG_OK);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	assert_int_equal(eg_manifest_output(m, "b.csv", 2), EG_OK);
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	file_is("extract.manifest.csv", "stage,section,name,key,value\n"
					"extract,version,,engage," ENGAGE_VERSION "\n"
					"extract,output,a.csv,rows,1\n"
					"extract,output,b.csv,rows,2\n");
	eg_manifest_free(m);
}

static void manifest_file_ids_are_written_and_read_back(void **state)
{
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_manifest_files f;
	struct eg_manifest_counts *c;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_manifest_param(m, "source raw/a.csv", "shopify_orders"), EG_OK);
	assert_int_equal(eg_manifest_file(m, "f1", "raw/a.csv"), EG_OK);
	assert_int_equal(eg_manifest_file(m, "f2", "raw/my, b.csv"), EG_OK);
	c = eg_manifest_input(m, "raw/a.csv");
	c->read = c->written = 1;
	assert_int_equal(eg_manifest_write(m, MANIFEST, &err), EG_OK);
	/* The file rows come after the parameters, before the accounting. */
	file_is("extract.manifest.csv", "stage,section,name,key,value\n"
		"extract,version,,engage," ENGAGE_VERSION "\n"
		"extract,param,,source raw/a.csv,shopify_orders\n"
		"extract,file,f1,path,raw/a.csv\n"
		"extract,file,f2,path,\"raw/my, b.csv\"\n"
		"extract,input,raw/a.csv,read,1\n"
		"extract,input,raw/a.csv,written,1\n"
		"extract,input,raw/a.csv,rejected,0\n"
		"extract,input,raw/a.csv,merged,0\n");
	assert_int_equal(eg_manifest_read_files(MANIFEST, &f, &err), EG_OK);
	assert_int_equal(f.n, 2);
	assert_string_equal(eg_manifest_files_path(&f, "f1"), "raw/a.csv");
	assert_string_equal(eg_manifest_files_path(&f, "f2"), "raw/my, b.csv");
	/* An id it does not know (a table that names its path) stays as it is. */
	assert_string_equal(eg_manifest_files_path(&f, "raw/old.csv"), "raw/old.csv");
	eg_manifest_files_release(&f);
	assert_int_equal(f.n, 0);
	/* No manifest: an empty table, every id stays as it is. */
	assert_int_equal(eg_manifest_read_files("/nonexistent/x.manifest.csv", &f, &err), EG_OK);
	assert_int_equal(f.n, 0);
	assert_string_equal(eg_manifest_files_path(&f, "f1"), "f1");
	eg_manifest_files_release(&f);
	eg_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(manifest_writes_everything_in_insertion_order,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(
			manifest_with_nothing_recorded_writes_header_and_version, scratch_setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(manifest_quotes_names_and_values_as_csv,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(manifest_stats_stay_outside_the_balance,
						scratch_setup, scratch_teardown),
		cmocka_unit_test(manifest_input_returns_same_counts_for_same_name),
		cmocka_unit_test(manifest_reject_counts_rows_and_creates_input),
		cmocka_unit_test(manifest_balance_counts_merged_rows),
		cmocka_unit_test_setup_teardown(
			manifest_failing_balance_is_internal_error_naming_input, scratch_setup,
			scratch_teardown),
		cmocka_unit_test(manifest_more_written_than_read_is_internal_error),
		cmocka_unit_test_setup_teardown(manifest_reasons_must_add_up_to_rejected,
						scratch_setup, scratch_teardown),
		cmocka_unit_test(manifest_reasons_of_another_input_do_not_count),
		cmocka_unit_test_setup_teardown(manifest_write_in_missing_folder_is_io_error,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(manifest_param_reads_back_from_the_file,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(manifest_rewrite_replaces_previous_file,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(manifest_file_ids_are_written_and_read_back,
						scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
