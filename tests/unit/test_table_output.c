/*
 * test_table_output.c - output tables and the rejects file built on them:
 * the header written at open, data rows counted, the file appearing only on
 * commit, abort keeping the previous file; each rejected row carrying its
 * source file and line, reason, message and the original row re-encoded as
 * one CSV line, and counted per reason in the manifest.
 *
 * Each test gets a fresh scratch folder, emptied and removed afterwards.
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

#include "engage/csv_table.h"
#include "engage/manifest.h"
#include "engage/rejects.h"
#include "engage/table_output.h"
#include "engage/version.h"

static int exists(const char *name)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	return access(path, F_OK) == 0;
}

static const char *const order_columns[] = { "order_id", "total", "note", NULL };

/* ---- table output ---- */

static void table_output_writes_header_and_counts_rows(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_table_output_open(&out, scratch, "orders.csv", order_columns, &err),
			 EG_OK);
	assert_string_equal(out.name, "orders.csv");
	assert_int_equal(out.rows, 0);
	eg_csv_write_str(&out.w, "1001");
	eg_csv_write_money(&out.w, 125000);
	eg_csv_write_str(&out.w, "gift, wrapped");
	eg_table_output_end_row(&out);
	eg_csv_write_str(&out.w, "1002");
	eg_csv_write_money(&out.w, -30010);
	eg_csv_write_str(&out.w, "");
	eg_table_output_end_row(&out);
	assert_int_equal(out.rows, 2);
	/* Nothing in place before the commit. */
	assert_false(exists("orders.csv"));
	assert_int_equal(eg_table_output_commit(&out, &err), EG_OK);
	assert_int_equal(out.rows, 2);
	assert_null(out.name);
	file_is("orders.csv", "order_id,total,note\n"
			      "1001,12.50,\"gift, wrapped\"\n"
			      "1002,-3.0010,\n");
	assert_int_equal(dir_entries(scratch), 1);
}

static void table_output_without_rows_holds_header_only(void **state)
{
	struct eg_table_output out;
	struct eg_error err;
	static const char *const cols[] = { "a,b", "c", NULL };

	(void)state;
	assert_int_equal(eg_table_output_open(&out, scratch, "empty.csv", cols, &err), EG_OK);
	assert_int_equal(eg_table_output_commit(&out, &err), EG_OK);
	assert_int_equal(out.rows, 0);
	file_is("empty.csv", "\"a,b\",c\n");
}

static void table_output_joins_folder_with_trailing_slash(void **state)
{
	struct eg_table_output out;
	struct eg_error err;
	const char *dir = scratch_path("");

	(void)state;
	assert_int_equal(eg_table_output_open(&out, dir, "orders.csv", order_columns, &err), EG_OK);
	assert_string_equal(out.af.path + strlen(scratch), "/orders.csv");
	assert_int_equal(eg_table_output_commit(&out, &err), EG_OK);
	file_is("orders.csv", "order_id,total,note\n");
}

static void table_output_abort_keeps_previous_file(void **state)
{
	struct eg_table_output out;
	struct eg_error err;

	(void)state;
	put("orders.csv", "previous\n");
	assert_int_equal(eg_table_output_open(&out, scratch, "orders.csv", order_columns, &err),
			 EG_OK);
	eg_csv_write_str(&out.w, "1");
	eg_table_output_end_row(&out);
	eg_table_output_abort(&out);
	assert_null(out.name);
	file_is("orders.csv", "previous\n");
	assert_int_equal(dir_entries(scratch), 1);
	/* A closed output: abort again is a no-op. */
	eg_table_output_abort(&out);
	file_is("orders.csv", "previous\n");
}

static void table_output_open_in_missing_folder_is_io_error(void **state)
{
	struct eg_table_output out;
	struct eg_error err;
	char dir[600], path[700];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/missing", scratch);
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	eg_error_clear(&err);
	assert_int_equal(eg_table_output_open(&out, dir, "orders.csv", order_columns, &err),
			 EG_EIO);
	assert_int_equal(err.status, EG_EIO);
	assert_string_equal(err.file, path);
	assert_null(out.name);
	assert_null(out.af.fp);
	eg_table_output_abort(&out);
	assert_int_equal(dir_entries(scratch), 0);
}

/* ---- rejects ---- */

/* The source the rejected rows come from: rows on lines 2, 3, 4-5 and 6. */
static const char source[] = "id,sku,note\n"
			     "1,A,ok\n"
			     "2,x,\"say \"\"hi\"\"\"\n"
			     "\"3\nb\",C,\"a,b\"\n"
			     "4\n";

/* Reads rows until the one starting on line. */
static void seek_line(struct eg_csv_reader *r, long line)
{
	struct eg_error err;

	while (eg_csv_reader_line(r) != line)
		assert_int_equal(eg_csv_reader_next(r, &err), 1);
}

static const char rejects_text[] =
	"source_file,source_line,reason,message,original\n"
	"orders_export.csv,3,bad_amount,invalid amount 'x',\"2,x,\"\"say \"\"\"\"hi\"\"\"\"\"\"\"\n"
	"orders_export.csv,4,bad_amount,\"invalid amount 'C', see \"\"docs\"\"\","
	"\"\"\"3\nb\"\",C,\"\"a,b\"\"\"\n"
	"raw/export.csv,17,ragged_row,expected 3 fields,4\n";

/* Writes the three rejects of rejects_text into scratch/rejects.csv, counted in m. */
static void write_rejects(struct eg_manifest *m, int commit)
{
	struct eg_csv_reader *r;
	struct eg_rejects rj;
	struct eg_error err;

	assert_int_equal(eg_csv_reader_open_mem(&r, "orders_export.csv", source, sizeof(source) - 1,
						NULL, &err),
			 EG_OK);
	assert_int_equal(eg_rejects_open(&rj, scratch, m, &err), EG_OK);
	assert_int_equal(rj.out.rows, 0);
	seek_line(r, 3);
	assert_int_equal(eg_rejects_add(&rj, r, NULL, NULL, "bad_amount", "invalid amount 'x'"),
			 EG_OK);
	seek_line(r, 4);
	assert_int_equal(eg_rejects_add(&rj, r, NULL, NULL, "bad_amount",
					"invalid amount 'C', see \"docs\""),
			 EG_OK);
	seek_line(r, 6);
	assert_int_equal(
		eg_rejects_add(&rj, r, "raw/export.csv", "17", "ragged_row", "expected 3 fields"),
		EG_OK);
	assert_int_equal(rj.out.rows, 3);
	if (commit) {
		assert_int_equal(eg_manifest_output(m, "rejects.csv", rj.out.rows), EG_OK);
		assert_int_equal(eg_rejects_commit(&rj, &err), EG_OK);
	} else {
		eg_rejects_abort(&rj);
	}
	eg_csv_reader_free(r);
}

static void rejects_row_carries_source_line_reason_and_original(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");

	(void)state;
	write_rejects(m, 1);
	file_is("rejects.csv", rejects_text);
	eg_manifest_free(m);
}

static void rejects_original_reads_back_as_the_source_fields(void **state)
{
	static const char *const want[][3] = { { "2", "x", "say \"hi\"" },
					       { "3\nb", "C", "a,b" },
					       { "4" } };
	static const size_t nwant[] = { 3, 3, 1 };
	static const long lines[] = { 2, 3, 5 };
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_csv_reader *r, *orig;
	struct eg_error err;
	const char *path = scratch_path("rejects.csv");
	long col;
	size_t i, j, len;

	(void)state;
	write_rejects(m, 1);
	assert_int_equal(eg_csv_reader_open(&r, path, NULL, &err), EG_OK);
	col = eg_csv_reader_column(r, "original");
	assert_int_equal(col, 4);
	for (i = 0; i < 3; i++) {
		const char *text;

		assert_int_equal(eg_csv_reader_next(r, &err), 1);
		assert_int_equal(eg_csv_reader_line(r), lines[i]);
		assert_int_equal(eg_csv_reader_nfields(r), 5);
		text = eg_csv_reader_field(r, col, &len);
		/* The original is one CSV line: read it as a header-only table. */
		assert_int_equal(eg_csv_reader_open_mem(&orig, "original", text, len, NULL, &err),
				 EG_OK);
		assert_int_equal(eg_csv_reader_ncolumns(orig), nwant[i]);
		for (j = 0; j < nwant[i]; j++)
			assert_string_equal(eg_csv_reader_column_name(orig, j), want[i][j]);
		assert_int_equal(eg_csv_reader_next(orig, &err), 0);
		eg_csv_reader_free(orig);
	}
	assert_int_equal(eg_csv_reader_next(r, &err), 0);
	eg_csv_reader_free(r);
	eg_manifest_free(m);
}

/* Bytes that are not UTF-8, and NUL, become \xNN; valid multi-byte text stays. */
static void rejects_original_escapes_bytes_that_are_not_utf8(void **state)
{
	static const char src[] = "id,name\n1,Caf\xE9 cr\xC3\xA8me\n2,a\0b\xC3\n";
	struct eg_manifest *m = eg_manifest_new("extract");
	struct eg_csv_reader *r;
	struct eg_rejects rj;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_csv_reader_open_mem(&r, "in.csv", src, sizeof(src) - 1, NULL, &err),
			 EG_OK);
	assert_int_equal(eg_rejects_open(&rj, scratch, m, &err), EG_OK);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_rejects_add(&rj, r, NULL, NULL, "invalid_utf8", "m"), EG_OK);
	assert_int_equal(eg_csv_reader_next(r, &err), 1);
	assert_int_equal(eg_rejects_add(&rj, r, NULL, NULL, "nul_byte", "m"), EG_OK);
	assert_int_equal(eg_manifest_output(m, "rejects.csv", rj.out.rows), EG_OK);
	assert_int_equal(eg_rejects_commit(&rj, &err), EG_OK);
	file_is("rejects.csv", "source_file,source_line,reason,message,original\n"
			       "in.csv,2,invalid_utf8,m,\"1,Caf\\xE9 cr\xC3\xA8me\"\n"
			       "in.csv,3,nul_byte,m,\"2,a\\x00b\\xC3\"\n");
	eg_csv_reader_free(r);
	eg_manifest_free(m);
}

static void rejects_are_counted_per_reason_in_manifest(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_manifest_counts *c;
	struct eg_error err;
	const char *path = scratch_path("clean.manifest.csv");

	(void)state;
	write_rejects(m, 1);
	/* Counted under the reader's file, also for the row traced to raw/export.csv. */
	c = eg_manifest_input(m, "orders_export.csv");
	assert_int_equal(c->rejected, 3);
	assert_int_equal(c->read, 0);
	c->read = 4;
	c->written = 1;
	assert_int_equal(eg_manifest_check(m, &err), EG_OK);
	assert_int_equal(eg_manifest_write(m, path, &err), EG_OK);
	file_is("clean.manifest.csv", "stage,section,name,key,value\n"
				      "clean,version,,engage," ENGAGE_VERSION "\n"
				      "clean,input,orders_export.csv,read,4\n"
				      "clean,input,orders_export.csv,written,1\n"
				      "clean,input,orders_export.csv,rejected,3\n"
				      "clean,input,orders_export.csv,merged,0\n"
				      "clean,reject,orders_export.csv,bad_amount,2\n"
				      "clean,reject,orders_export.csv,ragged_row,1\n"
				      "clean,output,rejects.csv,rows,3\n");
	eg_manifest_free(m);
}

static void rejects_without_rows_hold_header_only(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_rejects rj;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_rejects_open(&rj, scratch, m, &err), EG_OK);
	assert_int_equal(eg_rejects_commit(&rj, &err), EG_OK);
	file_is("rejects.csv", "source_file,source_line,reason,message,original\n");
	assert_int_equal(eg_manifest_check(m, &err), EG_OK);
	eg_manifest_free(m);
}

static void rejects_abort_keeps_previous_file(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");

	(void)state;
	put("rejects.csv", "previous\n");
	write_rejects(m, 0);
	file_is("rejects.csv", "previous\n");
	assert_int_equal(dir_entries(scratch), 1);
	eg_manifest_free(m);
}

static void rejects_open_in_missing_folder_is_io_error(void **state)
{
	struct eg_manifest *m = eg_manifest_new("clean");
	struct eg_rejects rj;
	struct eg_error err;
	const char *dir = scratch_path("missing");

	(void)state;
	eg_error_clear(&err);
	assert_int_equal(eg_rejects_open(&rj, dir, m, &err), EG_EIO);
	assert_int_equal(err.status, EG_EIO);
	assert_non_null(strstr(err.file, "missing/rejects.csv"));
	eg_manifest_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(table_output_writes_header_and_counts_rows,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(table_output_without_rows_holds_header_only,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(table_output_joins_folder_with_trailing_slash,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(table_output_abort_keeps_previous_file,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(table_output_open_in_missing_folder_is_io_error,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_row_carries_source_line_reason_and_original,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_original_reads_back_as_the_source_fields,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_are_counted_per_reason_in_manifest,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_without_rows_hold_header_only,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_abort_keeps_previous_file, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_original_escapes_bytes_that_are_not_utf8,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(rejects_open_in_missing_folder_is_io_error,
						scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
