/*
 * test_quality_table.c - the Data quality sheet's figures gathered without
 * a workbook: each source's files and first and last day from extract's
 * manifest, and each stage's input files balanced or not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "engage/quality_table.h"
#include "test_scratch.h"

/* Writes text to scratch/name and loads it into mf, named name. */
static void manifest_put(struct eg_manifest_file *mf, char *name, const char *text)
{
	mf->file = name;
	table_put(&mf->rows, name, text);
}

static void test_coverage_and_balances(void **state)
{
	struct eg_manifest_file mf[3] = { { 0 } };
	struct eg_workbook_data d = { 0 };
	struct eg_quality_table q;
	char extract[] = "extract.manifest.csv", clean[] = "clean.manifest.csv";
	char join[] = "join.manifest.csv";
	int i;

	(void)state;
	manifest_put(&mf[0], extract,
		     "stage,section,name,key,value\n"
		     "extract,param,,source shop/a.csv,shopify\n"
		     "extract,param,,first_date shop/a.csv,2026-01-05\n"
		     "extract,param,,last_date shop/a.csv,2026-02-10\n"
		     "extract,param,,source ga/s.csv,ga4\n"
		     "extract,param,,source shop/b.csv,shopify\n"
		     "extract,param,,first_date shop/b.csv,2025-12-30\n"
		     "extract,param,,last_date shop/b.csv,2026-01-31\n"
		     "extract,input,shop/a.csv,read,10\n"
		     "extract,input,shop/a.csv,written,8\n"
		     "extract,input,shop/a.csv,rejected,2\n"
		     "extract,input,shop/b.csv,read,5\n"
		     "extract,input,shop/b.csv,written,3\n");
	/* clean's source parameter is not extract's: no coverage from it. */
	manifest_put(&mf[1], clean,
		     "stage,section,name,key,value\n"
		     "clean,param,,source x.csv,other\n"
		     "clean,input,orders.csv,read,8\n"
		     "clean,input,orders.csv,written,6\n"
		     "clean,input,orders.csv,rejected,0\n"
		     "clean,input,orders.csv,merged,2\n");
	manifest_put(&mf[2], join, "section,name,key,value\nstat,,customers,4\n");
	d.manifests = mf;
	d.nmanifests = 3;
	assert_int_equal(eg_quality_table_collect(&q, &d), EG_OK);

	/* shopify where its first file is: 2 files, 2025-12-30 to 2026-02-10; then ga4 undated.
	 * 2026-01-01 is day 20454 (2024-01-01 is 19723, + 366 + 365): 2025-12-30 is 20452,
	 * 2026-02-10 is 20454 + 31 + 9 = 20494. */
	assert_int_equal(q.nsources, 2);
	assert_string_equal(q.sources[0].source, "shopify");
	assert_int_equal(q.sources[0].files, 2);
	assert_true(q.sources[0].has_first && q.sources[0].first == 20452);
	assert_true(q.sources[0].has_last && q.sources[0].last == 20494);
	assert_string_equal(q.sources[1].source, "ga4");
	assert_int_equal(q.sources[1].files, 1);
	assert_false(q.sources[1].has_first || q.sources[1].has_last);

	/* a.csv: 10 = 8 + 2 (merged not given); b.csv: 5 - 3 = 2 unaccounted;
	 * clean: 8 = 6 + 0 + 2. */
	assert_int_equal(q.nbalances, 3);
	assert_string_equal(q.balances[0].input, "shop/a.csv");
	assert_true(q.balances[0].balanced && q.balances[0].unaccounted == 0);
	assert_false(q.balances[0].have[EG_ROWS_MERGED]);
	assert_string_equal(q.balances[1].input, "shop/b.csv");
	assert_false(q.balances[1].balanced);
	assert_true(q.balances[1].unaccounted == 2);
	assert_string_equal(eg_manifest_stage(q.balances[2].manifest), "clean");
	assert_true(q.balances[2].balanced && q.balances[2].rows[EG_ROWS_MERGED] == 2);
	/* A manifest without a stage column speaks under its file name. */
	assert_string_equal(eg_manifest_stage(&mf[2]), "join.manifest.csv");
	eg_quality_table_release(&q);
	for (i = 0; i < 3; i++)
		eg_data_table_release(&mf[i].rows);
}

static void test_no_manifests(void **state)
{
	struct eg_workbook_data d = { 0 };
	struct eg_quality_table q;

	(void)state;
	assert_int_equal(eg_quality_table_collect(&q, &d), EG_OK);
	assert_int_equal(q.nsources, 0);
	assert_int_equal(q.nbalances, 0);
	eg_quality_table_release(&q);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_coverage_and_balances),
		T(test_no_manifests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
