/*
 * test_manifest_totals.c - rows in and out summed from a stage manifest:
 * which rows count, files not read counted once each, names holding
 * commas, and each error with its status.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"
#include "test_scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/manifest_totals.h"

#define MANIFEST scratch_path("extract.manifest.csv") /* the file of each test */

/* Writes text as the manifest and reads its totals into t; the status, err filled. */
static int totals_of(const char *text, struct eg_manifest_totals *t, struct eg_error *err)
{
	put("extract.manifest.csv", text);
	eg_error_clear(err);
	return eg_manifest_totals_read(MANIFEST, t, err);
}

static void manifest_totals_sums_read_and_output_rows(void **state)
{
	struct eg_manifest_totals t = { -1, -1, -1 };
	struct eg_error err;

	(void)state;
	assert_int_equal(totals_of("stage,section,name,key,value\n"
				   "clean,version,,engage,0.1.0\n"
				   "clean,param,,month,2026-03\n"
				   "clean,input,out/extract/orders.csv,read,56\n"
				   "clean,input,out/extract/orders.csv,written,50\n"
				   "clean,input,out/extract/orders.csv,rejected,6\n"
				   "clean,input,\"out/a,b/order_lines.csv\",read,82\n"
				   "clean,reject,orders.csv,bad_date,6\n"
				   "clean,stat,orders.csv,test_orders,1\n"
				   "clean,output,orders.csv,rows,50\n"
				   "clean,output,order_lines.csv,rows,82\n"
				   "clean,output,rejects.csv,rows,6\n",
				   &t, &err),
			 EG_OK);
	assert_int_equal(t.rows_in, 56 + 82);
	assert_int_equal(t.rows_out, 50 + 82 + 6);
	assert_int_equal(t.unread, 0);
}

static void manifest_totals_counts_each_file_not_read_once(void **state)
{
	struct eg_manifest_totals t = { -1, -1, -1 };
	struct eg_error err;

	(void)state;
	assert_int_equal(
		totals_of(
			"stage,section,name,key,value\n"
			"extract,input,raw/orders.csv,read,3\n"
			"extract,unread,raw/notes.csv,reason,header matches no known source\n"
			"extract,unread,raw/notes.csv,closest,\"zendesk_tickets, which also "
			"needs\"\n"
			"extract,unread,raw/notes.csv,closest,\"smile_members, which also needs\"\n"
			"extract,unread,raw/products.csv,reason,a known export\n"
			"extract,output,orders.csv,rows,3\n",
			&t, &err),
		EG_OK);
	assert_int_equal(t.rows_in, 3);
	assert_int_equal(t.unread, 2);
}

static void manifest_totals_of_header_only_is_zero(void **state)
{
	struct eg_manifest_totals t = { -1, -1, -1 };
	struct eg_error err;

	(void)state;
	assert_int_equal(totals_of("stage,section,name,key,value\n", &t, &err), EG_OK);
	assert_int_equal(t.rows_in, 0);
	assert_int_equal(t.rows_out, 0);
}

static void manifest_totals_rejects_missing_columns(void **state)
{
	struct eg_manifest_totals t = { -1, -1, -1 };
	struct eg_error err;

	(void)state;
	assert_int_equal(totals_of("stage,section,name,count\nx,input,a,3\n", &t, &err), EG_EDATA);
	assert_int_equal(err.status, EG_EDATA);
	assert_non_null(strstr(err.message, "key"));
	assert_non_null(strstr(err.message, "value"));
	assert_int_equal(t.rows_in, -1);
}

static void manifest_totals_rejects_bad_count_with_line(void **state)
{
	struct eg_manifest_totals t = { -1, -1, -1 };
	struct eg_error err;

	(void)state;
	assert_int_equal(
		totals_of("stage,section,name,key,value\nx,input,a,read,3\nx,output,b,rows,many\n",
			  &t, &err),
		EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 5);
	assert_non_null(strstr(err.message, "expected a row count, not 'many'"));
	assert_int_equal(totals_of("stage,section,name,key,value\nx,input,a,read,-3\n", &t, &err),
			 EG_EDATA);
	assert_int_equal(err.line, 2);
	assert_int_equal(
		totals_of("stage,section,name,key,value\nx,input,a,read,9223372036854775807\n"
			  "x,input,b,read,1\n",
			  &t, &err),
		EG_EDATA);
	assert_non_null(strstr(err.message, "add up to more than"));
	assert_int_equal(t.rows_in, -1);
}

static void manifest_totals_of_missing_file_is_io_error(void **state)
{
	struct eg_manifest_totals t = { -1, -1, -1 };
	struct eg_error err;

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_manifest_totals_read("no/such.manifest.csv", &t, &err), EG_EIO);
	assert_int_equal(t.rows_out, -1);
}

TEST_MAIN_WITH(scratch_setup, scratch_teardown,
	       cmocka_unit_test(manifest_totals_sums_read_and_output_rows),
	       cmocka_unit_test(manifest_totals_counts_each_file_not_read_once),
	       cmocka_unit_test(manifest_totals_of_header_only_is_zero),
	       cmocka_unit_test(manifest_totals_rejects_missing_columns),
	       cmocka_unit_test(manifest_totals_rejects_bad_count_with_line),
	       cmocka_unit_test(manifest_totals_of_missing_file_is_io_error))
