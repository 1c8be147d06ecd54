/*
 * test_extract.c - the extract stage through its library entry point, on
 * small files written to a temporary folder: which outputs a run writes,
 * recognition and its errors, glob inputs, a user's own mapping folder,
 * rows with NUL bytes or invalid UTF-8, delimiters found from the header,
 * the parts of an order total an export lacks, the dates each file covers,
 * and a failed run leaving no outputs behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engage/extract.h"

/* A scratch folder for one test. */
struct scratch {
	char dir[64]; /* the folder */
	char out[96]; /* its out/ folder, the stage's outputs */
};

static int setup(void **state)
{
	struct scratch *s = calloc(1, sizeof(*s));

	if (!s)
		return -1;
	snprintf(s->dir, sizeof(s->dir), "/tmp/test_extract.XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->out, sizeof(s->out), "%s/out", s->dir);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct scratch *s = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	if (system(cmd) != 0)
		return -1;
	free(s);
	return 0;
}

/* Writes len bytes to dir/name and returns the path (static buffer rotation). */
static const char *put(const struct scratch *s, const char *name, const char *data, size_t len)
{
	static char paths[8][160];
	static int next;
	char *p = paths[next++ % 8];
	FILE *fp;

	snprintf(p, 160, "%s/%s", s->dir, name);
	fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return p;
}

static const char *put_str(const struct scratch *s, const char *name, const char *text)
{
	return put(s, name, text, strlen(text));
}

static int exists(const struct scratch *s, const char *file)
{
	char p[256];

	snprintf(p, sizeof(p), "%s/%s", s->out, file);
	return access(p, F_OK) == 0;
}

/* The whole of out/file, NUL-terminated, owned by the caller. */
static char *slurp(const struct scratch *s, const char *file)
{
	char p[256];
	FILE *fp;
	char *buf;
	long n;

	snprintf(p, sizeof(p), "%s/%s", s->out, file);
	fp = fopen(p, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	return buf;
}

static int run(const struct scratch *s, const char *const *inputs, size_t n, const char *source,
	       const char *extra_dir, struct eg_extract_result *res, struct eg_error *err)
{
	const char *dirs[2] = { "stages/extract/sources", extra_dir };
	struct eg_extract_options o;

	memset(&o, 0, sizeof(o));
	o.inputs = inputs;
	o.ninputs = n;
	o.out_dir = s->out;
	o.source = source;
	o.source_dirs = dirs;
	o.nsource_dirs = extra_dir ? 2 : 1;
	eg_error_clear(err);
	return eg_extract_run(&o, res, err);
}

static const char tickets[] =
	"Id,Requester email,Status,Via,Created at,Solved at,Satisfaction Score\n"
	"1,a@example.com,Solved,Mail,2026-01-02 10:00:00,2026-01-03 10:00:00,Good\n"
	"2,b@example.com,Open,Chat,2026-01-04 11:00:00,,Not Offered\n";

/*
 * A Stripe export has no line items and none of the parts of its total:
 * items, units, discount, shipping, tax and duties stay empty, not 0 (the
 * subtotal is the total less what is known). The manifest records the
 * first and last date of the file's rows, the rejected payment left out.
 */
static void parts_an_export_lacks_stay_empty_and_dates_are_recorded(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];
	char *t, want[256];

	in[0] = put_str(s, "payments.csv",
			"id,Created date (UTC),Amount,Currency,Status,Customer Email\n"
			"ch_1,2026-01-08 15:04:30,42.00,usd,Paid,a@example.com\n"
			"ch_2,2025-12-30 09:00:00,9.99,usd,Failed,b@example.com\n"
			"ch_3,2026-02-01 00:00:00,10.00,usd,Paid,c@example.com\n");
	assert_int_equal(run(s, in, 1, NULL, NULL, &res, &err), EG_OK);
	t = slurp(s, "orders.csv");
	assert_true(strstr(t,
			   "ch_1,,a@example.com,2026-01-08T15:04:30Z,USD,42.00,,,,42.00,0.00,paid,"
			   "false,false,,,stripe_payments,") != NULL);
	assert_true(strstr(t, ",2,,\n") != NULL); /* source_line, refunded_at, duties */
	free(t);
	t = slurp(s, "extract.manifest.csv");
	snprintf(want, sizeof(want), "extract,param,,first_date %s,2026-01-08\n", in[0]);
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof(want), "extract,param,,last_date %s,2026-02-01\n", in[0]);
	assert_non_null(strstr(t, want));
	free(t);
}

static void writes_only_the_tables_its_inputs_hold(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];
	char *t;

	in[0] = put_str(s, "tickets.csv", tickets);
	assert_int_equal(run(s, in, 1, NULL, NULL, &res, &err), EG_OK);
	assert_true(exists(s, "tickets.csv"));
	assert_true(exists(s, "rejects.csv"));
	assert_true(exists(s, "extract.manifest.csv"));
	assert_false(exists(s, "orders.csv"));
	assert_false(exists(s, "order_lines.csv"));
	assert_false(exists(s, "responses.csv"));
	assert_true(res.rows_read == 2 && res.rows_rejected == 0 && res.orders == 0);
	t = slurp(s, "tickets.csv");
	assert_true(strstr(t,
			   "1,a@example.com,2026-01-02T10:00:00Z,2026-01-03T10:00:00Z,email,solved,"
			   "satisfied,zendesk_tickets,") != NULL);
	assert_true(
		strstr(t, "2,b@example.com,2026-01-04T11:00:00Z,,chat,open,,zendesk_tickets,") !=
		NULL);
	free(t);
}

static void reads_several_sources_into_their_tables(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[3];
	char *m;

	in[0] = put_str(s, "tickets.csv", tickets);
	in[1] = put_str(s, "nps.csv",
			"Response ID,Email,Score,Comment,Created At\n"
			"9,a@example.com,10,\"great,\nreally\",2026-01-05 09:00:00\n");
	in[2] = put_str(s, "members.csv",
			"Email;Points balance;VIP tier\nb@example.com;1.250;Gold\n");
	assert_int_equal(run(s, in, 3, NULL, NULL, &res, &err), EG_OK);
	assert_true(exists(s, "tickets.csv") && exists(s, "responses.csv") &&
		    exists(s, "loyalty.csv"));
	m = slurp(s, "responses.csv");
	assert_true(
		strstr(m, "a@example.com,nps,10,10,\"great,\nreally\",2026-01-05T09:00:00Z,9,") !=
		NULL);
	free(m);
	/* ';' found from the header; "1.250" in a ';' file is 1250 points */
	m = slurp(s, "loyalty.csv");
	assert_true(strstr(m, "b@example.com,,1250,Gold,,,,smile_members,") != NULL);
	free(m);
	m = slurp(s, "extract.manifest.csv");
	assert_true(strstr(m, "zendesk_tickets") && strstr(m, "delighted_nps") &&
		    strstr(m, "smile_members"));
	free(m);
}

static void unknown_header_names_the_closest_sources(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];

	in[0] = put_str(s, "odd.csv", "Ticket,Requester email,Status\n1,a@example.com,Open\n");
	assert_int_equal(run(s, in, 1, NULL, NULL, &res, &err), EG_EDATA);
	assert_int_equal(err.line, 1);
	assert_true(strstr(err.message, "header matches no known source") != NULL);
	assert_true(strstr(err.message, "zendesk_tickets, which also needs ticket_id (/Id/), "
					"created_at (/Created at/)") != NULL);
	assert_false(exists(s, "rejects.csv"));
}

static void named_source_must_fit_and_exist(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];

	in[0] = put_str(s, "tickets.csv", tickets);
	assert_int_equal(run(s, in, 1, "no_such_source", NULL, &res, &err), EG_EUSAGE);
	assert_true(strstr(err.message, "unknown source 'no_such_source' (known: ") != NULL);
	assert_int_equal(run(s, in, 1, "stripe_payments", NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.message,
			   "header does not fit the named source: closest known source "
			   "is stripe_payments") != NULL);
	assert_int_equal(run(s, in, 1, "zendesk_tickets", NULL, &res, &err), EG_OK);
}

static void glob_inputs_expand_sorted_and_once(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	char pattern[128], nomatch[128];
	const char *in[3];
	char *m, *a, *b;

	put_str(s, "t2.csv", tickets);
	put_str(s, "t1.csv", tickets);
	snprintf(pattern, sizeof(pattern), "%s/t*.csv", s->dir);
	in[0] = pattern;
	in[1] = put_str(s, "t1.csv", tickets); /* also matched by the pattern: read once */
	assert_int_equal(run(s, in, 2, NULL, NULL, &res, &err), EG_OK);
	assert_true(res.rows_read == 4);
	m = slurp(s, "extract.manifest.csv");
	a = strstr(m, "t1.csv,read,2");
	b = strstr(m, "t2.csv,read,2");
	assert_true(a && b && a < b);
	free(m);
	snprintf(nomatch, sizeof(nomatch), "%s/none-*.csv", s->dir);
	in[2] = nomatch;
	assert_int_equal(run(s, in + 2, 1, NULL, NULL, &res, &err), EG_EUSAGE);
	assert_true(strstr(err.message, "no file matches") != NULL);
	assert_true(strstr(err.message, "none-*.csv") != NULL);
}

static void rows_with_nul_or_invalid_utf8_are_rejected(void **state)
{
	static const char data[] = "Id,Requester email,Status,Created at,Satisfaction Score\n"
				   "1,a@example.com,Open,2026-01-02 10:00:00,Good\n"
				   "3,c@example.com,Op\xFF"
				   "en,2026-01-02 10:00:00,Good\n"
				   "2,b@exa\0mple.com,Open,2026-01-02 10:00:00,Good\n"
				   "4,d@example.com,Open,2026-01-02 10:00:00,Bad\n";
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];
	char *r;

	in[0] = put(s, "bad.csv", data, sizeof(data) - 1);
	assert_int_equal(run(s, in, 1, NULL, NULL, &res, &err), EG_OK);
	assert_true(res.rows_read == 4 && res.rows_rejected == 2);
	r = slurp(s, "rejects.csv");
	/* (the NUL row last: strstr stops at its NUL) */
	assert_true(strstr(r, ",3,invalid_utf8,column 'Status' is not valid UTF-8 at byte 3,") !=
		    NULL);
	assert_true(strstr(r, ",4,nul_byte,column 'Requester email' holds a NUL byte at byte 6,") !=
		    NULL);
	free(r);
}

static void user_mapping_folder_adds_a_platform(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	char dir[128];
	const char *in[1];
	char *t;

	snprintf(dir, sizeof(dir), "%s/mine", s->dir);
	{
		char cmd[256];

		snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", dir);
		assert_int_equal(system(cmd), 0);
	}
	put_str(s, "mine/helpdesk.source",
		"source helpdesk\nlayout records\ntable tickets\n"
		"need ticket_id = Case\nneed created_at = Opened\n"
		"column status = State\nvalue status Done = solved\n"
		"dates eu\n");
	in[0] = put_str(s, "cases.csv", "Case\tOpened\tState\nC-1\t03/01/2026 10:00\tDone\n");
	assert_int_equal(run(s, in, 1, NULL, dir, &res, &err), EG_OK);
	t = slurp(s, "tickets.csv");
	assert_true(strstr(t, "C-1,,2026-01-03T10:00:00Z,,,solved,,helpdesk,") != NULL);
	free(t);
}

static void failed_run_leaves_previous_outputs(void **state)
{
	struct scratch *s = *state;
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[2];
	char *before, *after;

	in[0] = put_str(s, "tickets.csv", tickets);
	assert_int_equal(run(s, in, 1, NULL, NULL, &res, &err), EG_OK);
	before = slurp(s, "tickets.csv");
	in[1] = put_str(s, "broken.csv", "Id,Created at,Status\n1,\"2026-01-02,Open\n");
	assert_int_equal(run(s, in, 2, NULL, NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.message, "malformed csv") != NULL);
	after = slurp(s, "tickets.csv");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(writes_only_the_tables_its_inputs_hold, setup,
						teardown),
		cmocka_unit_test_setup_teardown(reads_several_sources_into_their_tables, setup,
						teardown),
		cmocka_unit_test_setup_teardown(unknown_header_names_the_closest_sources, setup,
						teardown),
		cmocka_unit_test_setup_teardown(named_source_must_fit_and_exist, setup, teardown),
		cmocka_unit_test_setup_teardown(glob_inputs_expand_sorted_and_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(rows_with_nul_or_invalid_utf8_are_rejected, setup,
						teardown),
		cmocka_unit_test_setup_teardown(user_mapping_folder_adds_a_platform, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			parts_an_export_lacks_stay_empty_and_dates_are_recorded, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_run_leaves_previous_outputs, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
