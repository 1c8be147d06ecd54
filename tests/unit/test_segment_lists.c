/*
 * test_segment_lists.c - the customers render exports: customer_scores.csv
 * read row by row with the fields it lacks taken from customers.csv, and
 * the per-segment CSV lists for email tools (file names, the columns,
 * cells neutralised for spreadsheets, customers without email or consent
 * left out, nothing in place before commit).
 *
 * Each test gets a fresh scratch folder, removed afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include "test_scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engage/customer_list.h"
#include "engage/datetime.h"
#include "engage/segment_lists.h"
#include "engage/timezone.h"

/* The whole of file dir/name in a new string, NULL when it does not exist. */
static char *slurp(const char *dir, const char *name)
{
	char p[1400], *buf;
	FILE *fp;
	long n;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	if (!(fp = fopen(p, "rb")))
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static const char scores[] =
	"customer_id,email,segment,previous_segment,frequency,monetary,p_alive,churn_risk,"
	"first_name,loyalty_tier,churn_risk_basis\n"
	"c1,ann@example.com,Champions,Loyal Customers,5,250.00,0.95,low,Ann,gold,p_alive\n"
	"c2,,At Risk,,2,80.00,0.20,high,Bob,,p_alive\n"
	"c3,=cmd@example.com,At Risk,Champions,3,-12.50,0.40,medium,@Cy,silver,p_alive\n"
	"c4,dee@example.com,Lost,Lost,1,20.00,,,-Dee,,\n"
	"c5,eve@example.com,Brand New,,1,30.00,0.99,low,+Eve,,p_alive\n";

static const char customers[] = "customer_id,email,last_order_at,accepts_marketing,last_name\n"
				"c1,ann@example.com,2026-03-31T23:30:00Z,true,Smith\n"
				"c3,=cmd@example.com,2026-02-01,yes,=1+1\n"
				"c4,dee@example.com,2026-01-15T10:00:00Z,false,Doe\n";

static void customer_reader_numbers_are_parsed_once_and_empty_is_none(void **state)
{
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *p = put("customer_scores.csv", scores);
	double x = -1;

	(void)state;
	assert_int_equal(eg_customer_reader_open(&r, p, NULL, &err), EG_OK);
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_int_equal(eg_customer_reader_number(r, EG_CF_MONETARY, &x), 1);
	assert_true(x == 250.0);
	assert_int_equal(eg_customer_reader_number(r, EG_CF_FREQUENCY, &x), 1);
	assert_true(x == 5.0);
	/* A text field is no number; a field the file lacks neither. */
	assert_int_equal(eg_customer_reader_number(r, EG_CF_SEGMENT, &x), 0);
	assert_int_equal(eg_customer_reader_number(r, EG_CF_EXPECTED_30, &x), 0);
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_int_equal(eg_customer_reader_number(r, EG_CF_MONETARY, &x), 1);
	assert_true(x == -12.5);
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	/* c4's p_alive is empty: none, not the row before's 0.40. */
	x = -1;
	assert_int_equal(eg_customer_reader_number(r, EG_CF_P_ALIVE, &x), 0);
	assert_true(x == -1);
	eg_customer_reader_free(r);
}

static void customer_reader_reads_known_and_extra_columns(void **state)
{
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *p = put("customer_scores.csv", scores);

	(void)state;
	assert_int_equal(eg_customer_reader_open(&r, p, NULL, &err), EG_OK);
	assert_true(eg_customer_reader_has(r, EG_CF_P_ALIVE));
	assert_false(eg_customer_reader_has(r, EG_CF_CLV));
	assert_false(eg_customer_reader_has(r, EG_CF_CONSENT));
	assert_int_equal(eg_customer_reader_nextra(r), 1);
	assert_string_equal(eg_customer_reader_extra_name(r, 0), "loyalty_tier");
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_string_equal(eg_customer_reader_get(r, EG_CF_ID), "c1");
	assert_string_equal(eg_customer_reader_get(r, EG_CF_CHURN_RISK), "low");
	assert_string_equal(eg_customer_reader_get(r, EG_CF_CLV), "");
	assert_string_equal(eg_customer_reader_extra(r, 0), "gold");
	assert_int_equal(eg_customer_reader_line(r), 2);
	eg_customer_reader_free(r);
}

static void customer_reader_takes_missing_fields_from_customers(void **state)
{
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *s = put("customer_scores.csv", scores);
	const char *c = put("customers.csv", customers);

	(void)state;
	assert_int_equal(eg_customer_reader_open(&r, s, c, &err), EG_OK);
	assert_true(eg_customer_reader_joined(r, EG_CF_CONSENT));
	assert_true(eg_customer_reader_joined(r, EG_CF_LAST_ORDER));
	assert_true(eg_customer_reader_joined(r, EG_CF_LAST_NAME));
	/* customer_scores.csv has first_name and email: those are its own. */
	assert_false(eg_customer_reader_joined(r, EG_CF_FIRST_NAME));
	assert_false(eg_customer_reader_joined(r, EG_CF_EMAIL));
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_string_equal(eg_customer_reader_get(r, EG_CF_CONSENT), "true");
	assert_string_equal(eg_customer_reader_get(r, EG_CF_LAST_NAME), "Smith");
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	/* c2 is not in customers.csv: its joined fields are empty. */
	assert_string_equal(eg_customer_reader_get(r, EG_CF_CONSENT), "");
	eg_customer_reader_free(r);
}

static void customer_reader_names_a_number_field_that_is_not_one(void **state)
{
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *p = put("customer_scores.csv", "customer_id,segment,monetary\n"
						   "c1,Lost,10.00\nc2,Lost,ten\n");

	(void)state;
	assert_int_equal(eg_customer_reader_open(&r, p, NULL, &err), EG_OK);
	assert_int_equal(eg_customer_reader_next(r, &err), 1);
	assert_int_equal(eg_customer_reader_next(r, &err), -1);
	assert_int_equal(err.status, EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 3);
	assert_non_null(strstr(err.message, "'ten' in column 'monetary'"));
	eg_customer_reader_free(r);
	p = put("customer_scores.csv", "customer_id,email\nc1,a@example.com\n");
	assert_int_equal(eg_customer_reader_open(&r, p, NULL, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "segment"));
}

static void customer_consent_and_day_read_what_exports_write(void **state)
{
	int64_t day = -1;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_customer_consent("TRUE"), 1);
	assert_int_equal(eg_customer_consent("yes"), 1);
	assert_int_equal(eg_customer_consent("false"), 0);
	assert_int_equal(eg_customer_consent("0"), 0);
	assert_int_equal(eg_customer_consent(""), -1);
	assert_int_equal(eg_customer_consent("maybe"), -1);
	assert_true(eg_customer_day("2026-03-31T23:30:00Z", &day));
	assert_int_equal(day, eg_days_from_civil(2026, 3, 31));
	/* In New York that is still the 31st at 19:30. April 1st 02:30 UTC is too. */
	assert_int_equal(eg_tz_select("America/New_York", &err), EG_OK);
	assert_true(eg_customer_day("2026-04-01T02:30:52Z", &day));
	assert_int_equal(day, eg_days_from_civil(2026, 3, 31));
	assert_true(eg_customer_day("2026-02-01", &day));
	assert_int_equal(day, eg_days_from_civil(2026, 2, 1));
	day = 7;
	assert_false(eg_customer_day("01/02/2026", &day));
	assert_false(eg_customer_day("2026-13-01", &day));
	assert_false(eg_customer_day("2026-03-31T23:30:00", &day));
	assert_int_equal(day, 7);
	eg_tz_select("UTC", &err);
}

static void segment_list_file_names_are_plain(void **state)
{
	static const struct text_pair cases[] = {
		{ "Champions", "champions.csv" },
		{ "At Risk", "at_risk.csv" },
		{ "Cannot Lose Them", "cannot_lose_them.csv" },
		{ "  VIP / Top-10 ", "vip_top_10.csv" },
		{ "Über", "ber.csv" },
		{ "***", "segment.csv" },
		{ "", "segment.csv" },
		{ "../../etc/passwd", "etc_passwd.csv" },
	};

	(void)state;
	assert_maps(eg_segment_list_file_name, cases, COUNT(cases));
}

static void segment_list_quotes_what_a_spreadsheet_would_run(void **state)
{
	static const struct yes_no fields[] = {
		{ "=SUM(A1)", 1 }, { "+cmd", 1 }, { "-2+3", 1 },
		{ "@import", 1 },  { "\tx", 1 },  { "\rx", 1 },
		{ "-12.50", 0 },   { "+7", 0 },	  { "ann@example.com", 0 },
		{ "", 0 }
	};

	(void)state;
	assert_answers(eg_segment_list_needs_quote, fields, COUNT(fields));
}

/* A hook counting the customers it sees into *ctx. */
static void count_row(void *ctx, const struct eg_customer_reader *r)
{
	(void)r;
	++*(int *)ctx;
}

static void segment_lists_write_one_file_per_segment(void **state)
{
	static const char *const order[] = { "Champions", "Loyal Customers", "At Risk", "Lost" };
	static struct eg_atomic_file *files[EG_SEGMENT_LISTS_MAX];
	struct eg_segment_lists l;
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *s = put("customer_scores.csv", scores);
	const char *c = put("customers.csv", customers);
	char dir[1100], *text;
	int seen = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/lists", scratch);
	assert_int_equal(eg_customer_reader_open(&r, s, c, &err), EG_OK);
	assert_int_equal(eg_segment_lists_write(&l, dir, order, 4, r, count_row, &seen, &err),
			 EG_OK);
	eg_customer_reader_free(r);
	/* The hook saw every customer read, those left out of the lists too. */
	assert_int_equal(seen, 5);
	/* Nothing is in place before the lists are published. */
	assert_null(slurp(dir, "champions.csv"));
	assert_int_equal(l.n, 5);
	assert_int_equal(l.read, 5);
	assert_int_equal(l.written, 3);
	assert_int_equal(l.no_email, 1);
	assert_int_equal(l.no_consent, 1);
	/* As render does: settle every list, then rename them all into place. */
	assert_int_equal(eg_segment_lists_settle(&l, &err), EG_OK);
	assert_int_equal(eg_atomic_publish_all(files, eg_segment_lists_files(&l, files), &err),
			 EG_OK);
	text = slurp(dir, "champions.csv");
	assert_non_null(text);
	assert_string_equal(
		text, "Email,First Name,Last Name,Segment,Previous Segment,Engagement Model,"
		      "Customer ID,Orders,Revenue,Last Order Date,Days Since Last Order,P(alive),"
		      "Expected Orders 90 Days,Predicted CLV 12 Months,Churn Risk,Email Consent,"
		      "Churn Risk From\n"
		      "ann@example.com,Ann,Smith,Champions,Loyal Customers,,c1,5,250.00,"
		      "2026-03-31,,0.95,,,low,yes,p_alive\n");
	free(text);
	/* Cells a spreadsheet would run get an apostrophe; a negative amount does not. */
	text = slurp(dir, "at_risk.csv");
	assert_non_null(strstr(text,
			       "\n'=cmd@example.com,'@Cy,'=1+1,At Risk,Champions,,c3,3,-12.50,"
			       "2026-02-01,,0.40,,,medium,yes,p_alive\n"));
	assert_null(strstr(text, "c2"));
	free(text);
	/* Every named segment has its file, empty or not; Dee refused marketing. */
	text = slurp(dir, "loyal_customers.csv");
	assert_non_null(text);
	assert_null(strchr(strchr(text, '\n') + 1, '\n'));
	free(text);
	text = slurp(dir, "lost.csv");
	assert_null(strstr(text, "dee@"));
	free(text);
	/* A segment segments.csv does not name gets a file too. */
	text = slurp(dir, "brand_new.csv");
	assert_non_null(strstr(text, "eve@example.com,'+Eve,"));
	free(text);
	assert_string_equal(l.lists[4].file, "brand_new.csv");
	assert_int_equal(l.lists[4].customers, 1);
	eg_segment_lists_release(&l);
	eg_segment_lists_release(&l);
}

static void segment_lists_abort_leaves_the_previous_files(void **state)
{
	static const char *const order[] = { "Champions" };
	struct eg_segment_lists l;
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *s = put("customer_scores.csv", scores);
	char dir[1100];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/lists", scratch);
	mkdir(dir, 0777);
	put("lists/champions.csv", "old\n");
	assert_int_equal(eg_customer_reader_open(&r, s, NULL, &err), EG_OK);
	assert_int_equal(eg_segment_lists_write(&l, dir, order, 1, r, NULL, NULL, &err), EG_OK);
	eg_customer_reader_free(r);
	eg_segment_lists_release(&l);
	file_is("lists/champions.csv", "old\n");
	assert_int_equal(dir_entries(dir), 1);
}

static void segment_lists_stop_at_a_bad_row_and_keep_nothing(void **state)
{
	struct eg_segment_lists l;
	struct eg_customer_reader *r;
	struct eg_error err;
	const char *s = put("customer_scores.csv", "customer_id,email,segment,frequency\n"
						   "c1,a@example.com,Lost,1\n"
						   "c2,b@example.com,Lost,one\n");
	const char *dir = scratch_path("lists");

	(void)state;
	assert_int_equal(eg_customer_reader_open(&r, s, NULL, &err), EG_OK);
	assert_int_equal(eg_segment_lists_write(&l, dir, NULL, 0, r, NULL, NULL, &err), EG_EDATA);
	eg_customer_reader_free(r);
	assert_int_equal(err.line, 3);
	assert_null(l.lists);
	assert_int_equal(dir_entries(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			customer_reader_numbers_are_parsed_once_and_empty_is_none,
			scratch_setup_utc, scratch_teardown),
		cmocka_unit_test_setup_teardown(customer_reader_reads_known_and_extra_columns,
						scratch_setup_utc, scratch_teardown),
		cmocka_unit_test_setup_teardown(customer_reader_takes_missing_fields_from_customers,
						scratch_setup_utc, scratch_teardown),
		cmocka_unit_test_setup_teardown(
			customer_reader_names_a_number_field_that_is_not_one, scratch_setup_utc,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(customer_consent_and_day_read_what_exports_write,
						scratch_setup_utc, scratch_teardown),
		cmocka_unit_test(segment_list_file_names_are_plain),
		cmocka_unit_test(segment_list_quotes_what_a_spreadsheet_would_run),
		cmocka_unit_test_setup_teardown(segment_lists_write_one_file_per_segment,
						scratch_setup_utc, scratch_teardown),
		cmocka_unit_test_setup_teardown(segment_lists_abort_leaves_the_previous_files,
						scratch_setup_utc, scratch_teardown),
		cmocka_unit_test_setup_teardown(segment_lists_stop_at_a_bad_row_and_keep_nothing,
						scratch_setup_utc, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
