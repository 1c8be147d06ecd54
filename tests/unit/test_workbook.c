/*
 * test_workbook.c - the report workbook as a file: every sheet written from
 * kpis.csv alone or with customers, the same data giving the same bytes,
 * the Customers sheet's first customers only (10,000 by default, or as
 * asked), constant-memory mode above EG_WORKBOOK_CONSTANT_MEMORY_ROWS sheet
 * rows and not at it, and failures (a bad customer row, a folder that cannot be
 * written) leaving no file behind. The cells themselves are read back by an
 * independent reader in tests/e2e/render_*.sh.
 *
 * Each test gets a fresh scratch folder, removed afterwards.
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

#include "engage/customer_list.h"
#include "engage/workbook.h"

static char *in_scratch(const char *name)
{
	char *p = malloc(1100);

	assert_non_null(p);
	snprintf(p, 1100, "%s/%s", scratch, name);
	return p;
}

/* Asserts scratch/a and scratch/b hold the same bytes. */
static void same_files(const char *a, const char *b)
{
	char *x, *y;
	size_t nx, ny;

	x = path_read(scratch_path(a), &nx);
	y = path_read(scratch_path(b), &ny);
	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, nx);
	free(x);
	free(y);
}

static const char kpis[] = "month,metric,value,unit,note\n"
			   "2026-02,orders,17,count,\n"
			   "2026-02,net_revenue,887.28,USD,\n"
			   "2026-03,orders,20,count,\n"
			   "2026-03,net_revenue,904.60,USD,\n"
			   "2026-03,churn_rate,,ratio,no customers in the window before the month\n"
			   "2026-03,a_newer_metric,3.5,points,\n";

/* Data with kpis.csv loaded, and customer_scores.csv when scores is not NULL. */
static void load(struct eg_workbook_data *d, const char *scores)
{
	struct eg_error err;
	char *p;

	memset(d, 0, sizeof(*d));
	put("kpis.csv", kpis);
	p = in_scratch("kpis.csv");
	assert_int_equal(eg_report_load(&d->kpis, p, "2026-03", &err), EG_OK);
	free(p);
	strcpy(d->timezone, "UTC");
	if (scores) {
		put("customer_scores.csv", scores);
		d->scores = in_scratch("customer_scores.csv");
	}
}

static void workbook_writes_every_sheet_from_kpis_alone(void **state)
{
	struct eg_workbook_data d;
	struct eg_workbook_result res;
	struct eg_error err;
	char *out = in_scratch("report.xlsx");
	char *bytes;
	size_t len;

	(void)state;
	load(&d, NULL);
	assert_int_equal(eg_workbook_write(&d, out, &res, &err), EG_OK);
	assert_int_equal(res.sheets, 14);
	assert_int_equal(res.customers, 0);
	assert_int_equal(res.constant_memory, 0);
	bytes = path_read(scratch_path("report.xlsx"), &len);
	assert_true(len > 4 && memcmp(bytes, "PK\x03\x04", 4) == 0);
	free(bytes);
	/* kpis.csv and the workbook: no temporary file left. */
	assert_int_equal(dir_entries(scratch), 2);
	eg_workbook_data_release(&d);
	eg_workbook_data_release(&d);
	free(out);
}

static void workbook_gives_the_same_bytes_for_the_same_data(void **state)
{
	struct eg_workbook_data d;
	struct eg_error err;
	char *a = in_scratch("a.xlsx"), *b = in_scratch("b.xlsx");

	(void)state;
	load(&d, "customer_id,email,segment,monetary,last_order_at\n"
		 "c1,a@example.com,Champions,10.00,2026-03-02T10:00:00Z\n"
		 "c2,=b@example.com,Lost,5.00,\n");
	assert_int_equal(eg_workbook_write(&d, a, NULL, &err), EG_OK);
	sleep(1);
	assert_int_equal(eg_workbook_write(&d, b, NULL, &err), EG_OK);
	same_files("a.xlsx", "b.xlsx");
	eg_workbook_data_release(&d);
	free(a);
	free(b);
}

/* A customer_scores.csv of n customers in a new string. */
static char *customers(long n)
{
	size_t cap = (size_t)n * 48 + 64, used;
	char *s = malloc(cap);
	long i;

	assert_non_null(s);
	used = (size_t)sprintf(s, "customer_id,email,segment,monetary\n");
	for (i = 0; i < n; i++)
		used += (size_t)sprintf(s + used, "c%ld,u%ld@example.com,Lost,%ld.50\n", i, i,
					i % 90);
	return s;
}

static void workbook_uses_constant_memory_above_the_limit(void **state)
{
	struct eg_workbook_data d;
	struct eg_workbook_result res;
	struct eg_error err;
	char *out = in_scratch("report.xlsx");
	char *at = customers(EG_WORKBOOK_CONSTANT_MEMORY_ROWS);
	char *above = customers(EG_WORKBOOK_CONSTANT_MEMORY_ROWS + 1);

	(void)state;
	load(&d, at);
	d.customer_rows = INT64_MAX; /* every customer on the sheet */
	assert_int_equal(eg_workbook_write(&d, out, &res, &err), EG_OK);
	assert_int_equal(res.customers, EG_WORKBOOK_CONSTANT_MEMORY_ROWS);
	assert_int_equal(res.sheet_rows, EG_WORKBOOK_CONSTANT_MEMORY_ROWS);
	assert_int_equal(res.constant_memory, 0);
	eg_workbook_data_release(&d);
	load(&d, above);
	d.customer_rows = INT64_MAX;
	assert_int_equal(eg_workbook_write(&d, out, &res, &err), EG_OK);
	assert_int_equal(res.customers, EG_WORKBOOK_CONSTANT_MEMORY_ROWS + 1);
	assert_int_equal(res.constant_memory, 1);
	assert_int_equal(res.sheets, 14);
	eg_workbook_data_release(&d);
	free(at);
	free(above);
	free(out);
}

static void workbook_shows_the_first_customers_only(void **state)
{
	struct eg_workbook_data d;
	struct eg_workbook_result res;
	struct eg_error err;
	char *out = in_scratch("report.xlsx");
	char *many = customers(EG_WORKBOOK_CUSTOMER_ROWS + 1);

	(void)state;
	/* By default 10,000 of the 10,001 customers, so no constant-memory mode. */
	load(&d, many);
	assert_int_equal(eg_workbook_write(&d, out, &res, &err), EG_OK);
	assert_int_equal(res.customers, EG_WORKBOOK_CUSTOMER_ROWS + 1);
	assert_int_equal(res.sheet_rows, EG_WORKBOOK_CUSTOMER_ROWS);
	assert_int_equal(res.constant_memory, 0);
	eg_workbook_data_release(&d);
	/* Three when asked for three; all ten thousand and one when asked for more. */
	load(&d, many);
	d.customer_rows = 3;
	assert_int_equal(eg_workbook_write(&d, out, &res, &err), EG_OK);
	assert_int_equal(res.sheet_rows, 3);
	d.customer_rows = EG_WORKBOOK_CUSTOMER_ROWS + 2;
	assert_int_equal(eg_workbook_write(&d, out, &res, &err), EG_OK);
	assert_int_equal(res.sheet_rows, EG_WORKBOOK_CUSTOMER_ROWS + 1);
	eg_workbook_data_release(&d);
	free(many);
	free(out);
}

static void workbook_refuses_a_bad_customer_row_and_writes_nothing(void **state)
{
	struct eg_workbook_data d;
	struct eg_error err;
	char *out = in_scratch("report.xlsx");

	(void)state;
	load(&d, "customer_id,segment,frequency\nc1,Lost,1\nc2,Lost,many\n");
	assert_int_equal(eg_workbook_write(&d, out, NULL, &err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "'many' in column 'frequency'"));
	assert_int_not_equal(access(out, F_OK), 0);
	assert_int_equal(dir_entries(scratch), 2);
	eg_workbook_data_release(&d);
	free(out);
}

static void workbook_fails_in_a_folder_it_cannot_write(void **state)
{
	struct eg_workbook_data d;
	struct eg_error err;
	char *out = in_scratch("no/such/folder/report.xlsx");

	(void)state;
	load(&d, NULL);
	assert_int_equal(eg_workbook_write(&d, out, NULL, &err), EG_EIO);
	eg_workbook_data_release(&d);
	free(out);
}

static void workbook_tally_from_render_gives_the_same_bytes(void **state)
{
	struct eg_workbook_data d;
	struct eg_workbook_result res;
	struct eg_customer_reader *r = NULL;
	struct eg_workbook_tally t;
	struct eg_error err;
	char *a = in_scratch("a.xlsx"), *b = in_scratch("b.xlsx");
	int more;

	(void)state;
	load(&d, "customer_id,segment,monetary,p_alive,churn_risk\n"
		 "c1,Lost,10.00,0.25,high\n"
		 "c2,Lost,5.50,,high\n"
		 "c3,Champions,7.00,0.9,low\n");
	/* What render counts while it writes the segment lists. */
	assert_int_equal(eg_customer_reader_open(&r, d.scores, NULL, &err), EG_OK);
	eg_workbook_tally_start(&t, r);
	while ((more = eg_customer_reader_next(r, &err)) > 0)
		eg_workbook_tally_add(&t, r);
	assert_int_equal(more, 0);
	eg_customer_reader_free(r);
	assert_int_equal(t.customers, 3);
	assert_int_equal(t.has_churn_risk, 1);
	assert_int_equal(t.nbands, 2);
	assert_string_equal(t.bands[0].name, "high");
	assert_int_equal(t.bands[0].customers, 2);
	assert_true(t.bands[0].revenue == 15.5);
	assert_true(t.bands[0].p_alive == 0.25);
	assert_int_equal(t.bands[0].with_p_alive, 1);
	assert_string_equal(t.bands[1].name, "low");
	assert_int_equal(t.unbanded, 0);
	/* The workbook counting for itself, then taking the tally: the same file. */
	assert_int_equal(eg_workbook_write(&d, a, &res, &err), EG_OK);
	assert_int_equal(res.customers, 3);
	t.done = 1;
	d.tally = t;
	assert_int_equal(eg_workbook_write(&d, b, &res, &err), EG_OK);
	assert_int_equal(res.customers, 3);
	same_files("a.xlsx", "b.xlsx");
	eg_workbook_data_release(&d);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(workbook_writes_every_sheet_from_kpis_alone, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(workbook_gives_the_same_bytes_for_the_same_data,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(workbook_shows_the_first_customers_only,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(workbook_uses_constant_memory_above_the_limit,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(
			workbook_refuses_a_bad_customer_row_and_writes_nothing, scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(workbook_tally_from_render_gives_the_same_bytes, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(workbook_fails_in_a_folder_it_cannot_write, scratch_setup,
						scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
