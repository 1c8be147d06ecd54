/*
 * test_extract.c - the extract stage through its library entry point, on
 * small files written to a temporary folder: which outputs a run writes,
 * recognition and its errors, glob inputs, a month folder with files it
 * does not read (listed, or an error with strict), a user's own mapping folder,
 * rows with NUL bytes or invalid UTF-8, delimiters found from the header,
 * the parts of an order total an export lacks, the dates each file covers,
 * a failed run leaving no outputs behind, and the identity of orders and
 * customers (Shopify's Id as the key, phones, relay addresses, pseudonyms).
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

#include "engage/extract.h"
#include "engage/pseudonym.h"

static char out_dir[600]; /* scratch/out, the stage's outputs */

static int setup(void **state)
{
	if (scratch_setup(state))
		return -1;
	snprintf(out_dir, sizeof(out_dir), "%s/out", scratch);
	return 0;
}

/* The path of out/file, as scratch_path's. */
static const char *out_path(const char *file)
{
	char name[256];

	snprintf(name, sizeof(name), "out/%s", file);
	return scratch_path(name);
}

static int exists(const char *file)
{
	return access(out_path(file), F_OK) == 0;
}

/* The whole of out/file, NUL-terminated, owned by the caller. */
static char *slurp(const char *file)
{
	return path_read(out_path(file), NULL);
}

/* Runs extract on inputs into out/ with the shipped relay domains, strict or not, and
 * pseudonyms under key when not NULL. */
static int run_with(const char *const *inputs, size_t n,
		    const char *source, const char *extra_dir, int strict,
		    const struct eg_pseudonym *key, struct eg_extract_result *res,
		    struct eg_error *err)
{
	const char *dirs[2] = { "stages/extract/sources", extra_dir };
	struct eg_extract_options o;

	memset(&o, 0, sizeof(o));
	o.inputs = inputs;
	o.ninputs = n;
	o.out_dir = out_dir;
	o.source = source;
	o.source_dirs = dirs;
	o.nsource_dirs = extra_dir ? 2 : 1;
	o.strict = strict;
	o.pseudonym = key;
	o.relay_domains = "stages/extract/relay_domains.csv";
	eg_error_clear(err);
	return eg_extract_run(&o, res, err);
}

static int run(const char *const *inputs, size_t n, const char *source,
	       const char *extra_dir, struct eg_extract_result *res, struct eg_error *err)
{
	return run_with(inputs, n, source, extra_dir, 0, NULL, res, err);
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
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];
	char *t, want[256];

	(void)state;
	in[0] = put("payments.csv",
			"id,Created date (UTC),Amount,Currency,Status,Customer Email\n"
			"ch_1,2026-01-08 15:04:30,42.00,usd,Paid,a@example.com\n"
			"ch_2,2025-12-30 09:00:00,9.99,usd,Failed,b@example.com\n"
			"ch_3,2026-02-01 00:00:00,10.00,usd,Paid,c@example.com\n");
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_OK);
	t = slurp("orders.csv");
	assert_true(strstr(t,
			   "ch_1,,a@example.com,2026-01-08T15:04:30Z,USD,42.00,,,,42.00,0.00,paid,"
			   "false,false,,,stripe_payments,") != NULL);
	/* source_line, refunded_at, order_name, phone, duties, customer_name */
	assert_true(strstr(t, ",2,,ch_1,,,\n") != NULL);
	free(t);
	t = slurp("extract.manifest.csv");
	snprintf(want, sizeof(want), "extract,param,,first_date %s,2026-01-08\n", in[0]);
	assert_non_null(strstr(t, want));
	snprintf(want, sizeof(want), "extract,param,,last_date %s,2026-02-01\n", in[0]);
	assert_non_null(strstr(t, want));
	free(t);
}

static void writes_only_the_tables_its_inputs_hold(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];
	char *t;

	(void)state;
	in[0] = put("tickets.csv", tickets);
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_OK);
	assert_true(exists("tickets.csv"));
	assert_true(exists("rejects.csv"));
	assert_true(exists("extract.manifest.csv"));
	assert_false(exists("orders.csv"));
	assert_false(exists("order_lines.csv"));
	assert_false(exists("responses.csv"));
	assert_true(res.rows_read == 2 && res.rows_rejected == 0 && res.orders == 0);
	t = slurp("tickets.csv");
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
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[3];
	char *m;

	(void)state;
	in[0] = put("tickets.csv", tickets);
	in[1] = put("nps.csv",
			"Response ID,Email,Score,Comment,Created At\n"
			"9,a@example.com,10,\"great,\nreally\",2026-01-05 09:00:00\n");
	in[2] = put("members.csv",
			"Email;Points balance;VIP tier\nb@example.com;1.250;Gold\n");
	assert_int_equal(run(in, 3, NULL, NULL, &res, &err), EG_OK);
	assert_true(exists("tickets.csv") && exists("responses.csv") &&
		    exists("loyalty.csv"));
	m = slurp("responses.csv");
	assert_true(
		strstr(m, "a@example.com,nps,10,10,\"great,\nreally\",2026-01-05T09:00:00Z,9,") !=
		NULL);
	free(m);
	/* ';' found from the header; "1.250" in a ';' file is 1250 points */
	m = slurp("loyalty.csv");
	assert_true(strstr(m, "b@example.com,,1250,Gold,,,,smile_members,") != NULL);
	free(m);
	m = slurp("extract.manifest.csv");
	assert_true(strstr(m, "zendesk_tickets") && strstr(m, "delighted_nps") &&
		    strstr(m, "smile_members"));
	free(m);
}

static void unknown_header_names_the_closest_sources(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];

	(void)state;
	in[0] = put("odd.csv", "Ticket,Requester email,Status\n1,a@example.com,Open\n");
	/* the only file is not read: the run fails, naming it */
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.message, "no input file could be read: 1 file not read: ") != NULL);
	assert_true(strstr(err.message, "odd.csv") != NULL);
	assert_int_equal(res.nunread, 1);
	assert_string_equal(res.unread[0].file, in[0]);
	assert_int_equal(res.unread[0].line, 1);
	assert_true(strstr(res.unread[0].message, "header matches no known source") != NULL);
	assert_true(strstr(res.unread[0].message,
			   "zendesk_tickets, which also needs ticket_id (/Id/), "
			   "created_at (/Created at/)") != NULL);
	assert_false(exists("rejects.csv"));
	eg_extract_result_release(&res);
}

/* Makes folder dir/name (and its parents). */
static void make_dir(const char *name)
{
	char cmd[1300];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", scratch, name);
	assert_int_equal(system(cmd), 0);
}

/*
 * A month folder: tickets at the top and in a subfolder (both read), a
 * header no source fits, a Shopify products export, a workbook saved as
 * .xlsx (not read), a hidden file and a spreadsheet lock file (left out).
 */
static void month_folder(char *folder, size_t size)
{
	make_dir("raw/sub/.cache");
	put("raw/tickets.csv", tickets);
	put("raw/sub/more_tickets.csv", tickets);
	put("raw/notes.csv", "Ticket,Requester email,Status\n1,a@example.com,Open\n");
	put("raw/products_export.csv",
		"Handle,Title,Body (HTML),Vendor,Type,Variant SKU,Variant Price\n"
		"mug,Mug,<p>A mug</p>,Acme,Kitchen,MUG-1,12.00\n");
	put_bytes("raw/sub/report.xlsx", "PK\x03\x04\x14\x00\x06\x00", 8);
	put("raw/.DS_Store", "\x01\x02");
	put("raw/sub/.cache/tickets.csv", tickets);
	put("raw/~$tickets.csv", "\x01\x02");
	snprintf(folder, size, "%s/raw", scratch);
}

static void month_folder_lists_what_it_does_not_read(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	char folder[1300], pattern[1400];
	const char *in[1];
	char *m;

	(void)state;
	month_folder(folder, sizeof(folder));
	snprintf(pattern, sizeof(pattern), "%s/*", folder);
	in[0] = pattern;
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_OK);
	assert_true(res.rows_read == 4); /* two ticket files of two rows */
	assert_int_equal(res.nunread, 3);
	assert_true(strstr(res.unread[0].file, "raw/notes.csv") != NULL);
	assert_true(strstr(res.unread[0].message, "header matches no known source") != NULL);
	assert_true(strstr(res.unread[1].file, "raw/products_export.csv") != NULL);
	assert_true(strstr(res.unread[1].message,
			   "Shopify products export (source shopify_products): a known export "
			   "that holds nothing engage uses") != NULL);
	assert_true(strstr(res.unread[2].file, "raw/sub/report.xlsx") != NULL);
	assert_string_equal(res.unread[2].message,
			    "a zip archive (an Excel .xlsx workbook is one), not CSV text: "
			    "extract reads exports saved as CSV");
	m = slurp("extract.manifest.csv");
	assert_true(strstr(m, "raw/sub/more_tickets.csv,read,2") != NULL);
	assert_true(strstr(m, "raw/notes.csv,reason,header matches no known source\n") != NULL);
	assert_true(strstr(m, "raw/notes.csv,closest,\"zendesk_tickets, which also needs "
			      "ticket_id (/Id/), created_at (/Created at/)\"\n") != NULL);
	assert_true(strstr(m, "raw/products_export.csv,reason,") != NULL);
	/* files not read are not inputs of the row accounting; hidden and lock files not named */
	assert_null(strstr(m, "notes.csv,read"));
	assert_null(strstr(m, ".cache"));
	assert_null(strstr(m, "~$"));
	assert_null(strstr(m, "DS_Store"));
	/* a closest source is never a known unused export */
	assert_null(strstr(m, "closest,\"shopify_products"));
	free(m);
	eg_extract_result_release(&res);

	/* the folder itself reads the same */
	in[0] = folder;
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_OK);
	assert_true(res.rows_read == 4 && res.nunread == 3);
	eg_extract_result_release(&res);
}

static void strict_makes_a_file_not_read_an_error(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	char folder[1300];
	const char *in[1];

	(void)state;
	month_folder(folder, sizeof(folder));
	in[0] = folder;
	assert_int_equal(run_with(in, 1, NULL, NULL, 1, NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.message, "--strict: 3 files not read: ") != NULL);
	assert_true(strstr(err.message, "raw/notes.csv, ") != NULL);
	assert_true(strstr(err.message, "raw/products_export.csv, ") != NULL);
	assert_true(strstr(err.message, "raw/sub/report.xlsx") != NULL);
	assert_int_equal(res.nunread, 3);
	assert_false(exists("extract.manifest.csv"));
	eg_extract_result_release(&res);
}

static void recognised_but_malformed_still_stops_a_folder(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	char folder[1300];
	const char *in[1];

	(void)state;
	month_folder(folder, sizeof(folder));
	put("raw/sub/broken.csv", "Id,Created at,Status\n1,\"2026-01-02,Open\n");
	in[0] = folder;
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.file, "raw/sub/broken.csv") != NULL);
	assert_true(strstr(err.message, "malformed csv") != NULL);
	assert_false(exists("extract.manifest.csv"));
	eg_extract_result_release(&res);
}

static void named_source_must_fit_and_exist(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];

	(void)state;
	in[0] = put("tickets.csv", tickets);
	assert_int_equal(run(in, 1, "no_such_source", NULL, &res, &err), EG_EUSAGE);
	assert_true(strstr(err.message, "unknown source 'no_such_source' (known: ") != NULL);
	assert_int_equal(run(in, 1, "stripe_payments", NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.message,
			   "header does not fit the named source: closest known source "
			   "is stripe_payments") != NULL);
	assert_int_equal(run(in, 1, "zendesk_tickets", NULL, &res, &err), EG_OK);
}

static void glob_inputs_expand_sorted_and_once(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	char pattern[1300], nomatch[1300];
	const char *in[3];
	char *m, *a, *b;

	(void)state;
	put("t2.csv", tickets);
	put("t1.csv", tickets);
	snprintf(pattern, sizeof(pattern), "%s/t*.csv", scratch);
	in[0] = pattern;
	in[1] = put("t1.csv", tickets); /* also matched by the pattern: read once */
	assert_int_equal(run(in, 2, NULL, NULL, &res, &err), EG_OK);
	assert_true(res.rows_read == 4);
	m = slurp("extract.manifest.csv");
	a = strstr(m, "t1.csv,read,2");
	b = strstr(m, "t2.csv,read,2");
	assert_true(a && b && a < b);
	free(m);
	snprintf(nomatch, sizeof(nomatch), "%s/none-*.csv", scratch);
	in[2] = nomatch;
	assert_int_equal(run(in + 2, 1, NULL, NULL, &res, &err), EG_EUSAGE);
	assert_true(strstr(err.message, "no file matches") != NULL);
	assert_true(strstr(err.message, "none-*.csv") != NULL);
	/* a folder holding only hidden files holds no file */
	make_dir("empty/.git");
	put("empty/.git/config", tickets);
	snprintf(nomatch, sizeof(nomatch), "%s/empty", scratch);
	assert_int_equal(run(in + 2, 1, NULL, NULL, &res, &err), EG_EUSAGE);
	assert_true(strstr(err.message, "no file in folder") != NULL);
}

static void rows_with_nul_or_invalid_utf8_are_rejected(void **state)
{
	static const char data[] = "Id,Requester email,Status,Created at,Satisfaction Score\n"
				   "1,a@example.com,Open,2026-01-02 10:00:00,Good\n"
				   "3,c@example.com,Op\xFF"
				   "en,2026-01-02 10:00:00,Good\n"
				   "2,b@exa\0mple.com,Open,2026-01-02 10:00:00,Good\n"
				   "4,d@example.com,Open,2026-01-02 10:00:00,Bad\n";
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1];
	char *r;

	(void)state;
	in[0] = put_bytes("bad.csv", data, sizeof(data) - 1);
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_OK);
	assert_true(res.rows_read == 4 && res.rows_rejected == 2);
	r = slurp("rejects.csv");
	/* (the NUL row last: strstr stops at its NUL) */
	assert_true(strstr(r, ",3,invalid_utf8,column 'Status' is not valid UTF-8 at byte 3,") !=
		    NULL);
	assert_true(strstr(r, ",4,nul_byte,column 'Requester email' holds a NUL byte at byte 6,") !=
		    NULL);
	free(r);
}

static void user_mapping_folder_adds_a_platform(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	const char *dir = scratch_path("mine");
	const char *in[1];
	char *t;

	(void)state;
	make_dir("mine");
	put("mine/helpdesk.source",
		"source helpdesk\nlayout records\ntable tickets\n"
		"need ticket_id = Case\nneed created_at = Opened\n"
		"column status = State\nvalue status Done = solved\n"
		"dates eu\n");
	in[0] = put("cases.csv", "Case\tOpened\tState\nC-1\t03/01/2026 10:00\tDone\n");
	assert_int_equal(run(in, 1, NULL, dir, &res, &err), EG_OK);
	t = slurp("tickets.csv");
	assert_true(strstr(t, "C-1,,2026-01-03T10:00:00Z,,,solved,,helpdesk,") != NULL);
	free(t);
}

static void failed_run_leaves_previous_outputs(void **state)
{
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[2];
	char *before, *after;

	(void)state;
	in[0] = put("tickets.csv", tickets);
	assert_int_equal(run(in, 1, NULL, NULL, &res, &err), EG_OK);
	before = slurp("tickets.csv");
	in[1] = put("broken.csv", "Id,Created at,Status\n1,\"2026-01-02,Open\n");
	assert_int_equal(run(in, 2, NULL, NULL, &res, &err), EG_EDATA);
	assert_true(strstr(err.message, "malformed csv") != NULL);
	after = slurp("tickets.csv");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* A Shopify orders export cut to the columns its mapping needs, Id and the phones. */
#define SHOPIFY_HEADER                                                                             \
	"Name,Id,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Amount,"   \
	"Created at,Lineitem quantity,Lineitem name,Lineitem price,Refunded Amount,Phone,"         \
	"Billing Phone\n"

static const char two_orders_named_alike[] = SHOPIFY_HEADER
	"#1001,111,,paid,USD,12.00,0.00,0.00,12.00,0.00,2026-03-01 10:00:00 +0000,1,A,10.00,0.00,,"
	"'+1 (215) 555-0101\n"
	"#1001,,,,,,,,,,2026-03-01 10:00:00 +0000,1,B,2.00,,,\n"
	"#1001,222,V4X2E@SCS.TIKTOKW.US,paid,USD,5.00,0.00,0.00,5.00,0.00,2026-03-02 10:00:00 "
	"+0000,1,C,5.00,0.00,,\n";

/*
 * Extracts the one input (pseudonyms under key when not NULL), asserting
 * the run succeeds; the whole orders.csv it wrote, owned by the caller.
 */
static char *orders_from(const char *input, const struct eg_pseudonym *key)
{
	struct eg_extract_result res;
	struct eg_error err;
	const char *in[1] = { input };

	assert_int_equal(run_with(in, 1, NULL, NULL, 0, key, &res, &err), EG_OK);
	return slurp("orders.csv");
}

/* The key the pseudonym tests use. */
static struct eg_pseudonym test_key(void)
{
	struct eg_pseudonym key = { .keylen = 16 };

	memcpy(key.key, "sixteen-byte-key", 16);
	return key;
}

static void shopify_orders_are_keyed_by_id_and_grouped_by_name(void **state)
{
	char *o, *l, *m;

	(void)state;
	o = orders_from(put("orders_export.csv", two_orders_named_alike), NULL);
	/* Two orders named #1001 (two stores, or a renamed order): each its own Id. */
	assert_non_null(strstr(o, "\n111,,,2026-03-01T10:00:00Z,USD,12.00,"));
	assert_non_null(strstr(o, ",2,2,shopify_orders,"));
	assert_non_null(strstr(o, ",,#1001,+12155550101,,\n"));
	/* The relay address is no email; the order has no phone either. */
	assert_non_null(strstr(o, "\n222,,,2026-03-02T10:00:00Z,"));
	assert_non_null(strstr(o, ",,#1001,,,\n"));
	l = slurp("order_lines.csv");
	assert_non_null(strstr(l, "\n111,,A,1,10.00,10.00,"));
	assert_non_null(strstr(l, "\n111,,B,1,2.00,2.00,"));
	assert_non_null(strstr(l, "\n222,,C,1,5.00,5.00,"));
	m = slurp("extract.manifest.csv");
	assert_non_null(strstr(m, "orders_export.csv,relay_emails,1\n"));
	free(o);
	free(l);
	free(m);
}

static void shopify_orders_without_id_are_keyed_by_name(void **state)
{
	char *o = orders_from(put("trimmed.csv",
			"Name,Email,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,"
			"Discount Amount,Created at,Lineitem quantity,Lineitem name,"
			"Lineitem price,Refunded Amount,Billing Phone\n"
			"#1001,a@example.com,paid,USD,2.00,0.00,0.00,2.00,0.00,"
			"2026-03-01 10:00:00 +0000,1,A,2.00,0.00,0044 20 7946 0018\n"),
		NULL);

	(void)state;
	assert_non_null(strstr(o, "\n#1001,,a@example.com,"));
	assert_non_null(strstr(o, ",,#1001,+442079460018,,\n"));
	free(o);
}

static void woocommerce_guest_has_no_customer_id_but_its_phone(void **state)
{
	char *o = orders_from(put("woo.csv",
			"order_id,order_number,order_date,status,order_total,order_currency,"
			"customer_id,customer_email,billing_phone,shipping_phone\n"
			"85101,5101,2026-03-01 10:00:00,wc-completed,20.00,EUR,0,,,+33 6 12 34 56 "
			"78\n"
			"85102,5102,2026-03-02 10:00:00,wc-completed,30.00,EUR,312,,06 12 34 56 "
			"78,\n"),
		NULL);

	(void)state;
	assert_non_null(strstr(o, "\n5101,,,2026-03-01T10:00:00Z,"));
	assert_non_null(strstr(o, ",5101,+33612345678,,\n"));
	assert_non_null(strstr(o, "\n5102,312,,2026-03-02T10:00:00Z,"));
	assert_non_null(strstr(o, ",5102,0612345678,,\n"));
	free(o);
}

static void pseudonyms_replace_customer_phones(void **state)
{
	struct eg_pseudonym key = test_key();
	char want[EG_PSEUDONYM_SIZE + 8], p[EG_PSEUDONYM_SIZE];
	char *o = orders_from(put("orders_export.csv", two_orders_named_alike), &key);

	(void)state;
	/* The phone's key is pseudonymised, so one number written two ways stays one. */
	snprintf(want, sizeof(want), ",#1001,%s,,\n", eg_pseudonym_text(&key, "+12155550101", 12, p));
	assert_non_null(strstr(o, want));
	assert_null(strstr(o, "5550101"));
	free(o);
}

static void pseudonyms_replace_customer_ids(void **state)
{
	struct eg_pseudonym key = test_key();
	char want[EG_PSEUDONYM_SIZE + 8], p[EG_PSEUDONYM_SIZE];
	char *o = orders_from("fixtures/stripe/unified_payments.csv", &key);

	(void)state;
	snprintf(want, sizeof(want), "\nch_3RdemoA1,%s,",
		 eg_pseudonym_text(&key, "cus_Qdemo0", 10, p));
	assert_non_null(strstr(o, want));
	assert_null(strstr(o, "cus_"));
	free(o);
}

static void etsy_refunds_come_from_the_adjusted_total(void **state)
{
	char *o, *r;

	(void)state;
	o = orders_from(put("EtsySoldOrders.csv",
			"Sale Date,Order ID,Buyer User ID,Currency,Shipping,Sales Tax,Order Total,"
			"Adjusted Order Total\n"
			"03/02/26,31,901,USD,5.00,1.00,30.00,\n"
			"03/03/26,32,902,USD,0.00,0.00,40.00,25.50\n"
			"03/04/26,33,903,USD,0.00,0.00,12.00,0.00\n"
			"03/05/26,34,904,USD,0.00,0.00,12.00,15.00\n"),
		NULL);
	/* Not adjusted: nothing refunded; the two-digit year is this century's. */
	assert_non_null(
		strstr(o, "\n31,901,,2026-03-02T00:00:00Z,USD,24.00,,5.00,1.00,30.00,0.00,"));
	assert_non_null(
		strstr(o, "\n32,902,,2026-03-03T00:00:00Z,USD,40.00,,0.00,0.00,40.00,14.50,"));
	assert_non_null(
		strstr(o, "\n33,903,,2026-03-04T00:00:00Z,USD,12.00,,0.00,0.00,12.00,12.00,"));
	/* An adjusted total above the total is no refund: the row is rejected. */
	assert_null(strstr(o, "\n34,"));
	r = slurp("rejects.csv");
	assert_non_null(strstr(r, "EtsySoldOrders.csv,5,bad_amount,"));
	free(o);
	free(r);
}

/*
 * Etsy's items download has no order total: 2 x 20.00 + 32.00 = 72.00 of
 * lines, less the 5.00 discount (67.00), plus 8.00 shipping and 6.40 tax
 * make 81.40; the order's 2 lines are 3 units, and Buyer is its name.
 */
static void etsy_items_make_the_order_total_from_their_lines(void **state)
{
	char *o, *l;

	(void)state;
	o = orders_from(put("EtsySoldOrderItems.csv",
				"Sale Date,Item Name,Buyer,Quantity,Price,Discount Amount,"
				"Order Shipping,Order Sales Tax,Currency,Order ID,SKU\n"
				"03/20/26,Card set,Ines D (inesd),2,20.00,5.00,8.00,6.40,USD,41,CARD\n"
				"03/20/26,Wax seal,Ines D (inesd),1,32.00,5.00,8.00,6.40,USD,41,SEAL\n"
				"03/21/26,Mug,Bo L (bolind),1,18.00,0.00,0.00,0.00,USD,42,\n"),
			NULL);
	assert_non_null(strstr(o, "\n41,,,2026-03-20T00:00:00Z,USD,67.00,5.00,8.00,6.40,81.40,"
				  "0.00,,false,false,2,3,etsy_sold_order_items,"));
	assert_non_null(strstr(o, ",Ines D (inesd)\n"));
	assert_non_null(strstr(o, "\n42,,,2026-03-21T00:00:00Z,USD,18.00,0.00,0.00,0.00,18.00,"
				  "0.00,,false,false,1,1,etsy_sold_order_items,"));
	l = slurp("order_lines.csv");
	assert_non_null(strstr(l, "\n41,CARD,Card set,2,20.00,40.00,"));
	assert_non_null(strstr(l, "\n41,SEAL,Wax seal,1,32.00,32.00,"));
	assert_non_null(strstr(l, "\n42,,Mug,1,18.00,18.00,"));
	free(o);
	free(l);
}

static void paypal_joins_date_and_time_read_in_the_rows_zone_order(void **state)
{
	char *o = orders_from(put("Download.CSV",
			"\"Date\",\"Time\",\"Time zone\",\"Name\",\"Type\",\"Status\",\"Currency\","
			"\"Gross\",\"Fee\",\"Net\",\"Receipt ID\",\"Balance\",\"Tip\"\n"
			"03/04/2026,10:00:00,PDT,A,Website Payment,Completed,USD,5.00,0,5.00,r1,5,\n"
			"03/04/2026,11:30:00,BST,B,Website Payment,Completed,GBP,6.00,0,6.00,r2,6,\n"
			"03/04/2026,12:00:00,CET,C,Website Payment,Completed,EUR,7.00,0,7.00,r3,7,\n"),
		NULL);

	(void)state;
	assert_non_null(strstr(o, "\nr1,,,2026-03-04T10:00:00Z,USD,"));
	assert_non_null(strstr(o, "\nr2,,,2026-04-03T11:30:00Z,GBP,"));
	/* A zone the mapping does not name reads as its `dates eu`. */
	assert_non_null(strstr(o, "\nr3,,,2026-04-03T12:00:00Z,EUR,"));
	free(o);
}

static void stripe_metadata_email_fills_an_empty_customer_email(void **state)
{
	struct eg_pseudonym key = test_key();
	char want[EG_PSEUDONYM_SIZE + 8], p[EG_PSEUDONYM_SIZE];
	const char *in = put("unified_payments.csv",
				 "id,Created (UTC),Amount,Currency,Status,Customer Email,"
				 "Customer Email (metadata)\n"
				 "ch_1,2026-03-01 10:00,5.00,usd,Paid,,m@example.com\n"
				 "ch_2,2026-03-02 10:00,6.00,usd,Paid,c@example.com,x@example.com\n");
	char *o = orders_from(in, NULL);

	(void)state;
	assert_non_null(strstr(o, "\nch_1,,m@example.com,2026-03-01T10:00:00Z,USD,"));
	assert_non_null(strstr(o, "\nch_2,,c@example.com,2026-03-02T10:00:00Z,USD,"));
	free(o);
	/* The metadata email is as personal as the column it stands for. */
	o = orders_from(in, &key);
	snprintf(want, sizeof(want), "\nch_1,,%s,",
		 eg_pseudonym_email(&key, "m@example.com", 13, p));
	assert_non_null(strstr(o, want));
	assert_null(strstr(o, "m@example.com"));
	free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(etsy_refunds_come_from_the_adjusted_total, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(etsy_items_make_the_order_total_from_their_lines,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(paypal_joins_date_and_time_read_in_the_rows_zone_order,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(stripe_metadata_email_fills_an_empty_customer_email,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(writes_only_the_tables_its_inputs_hold, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(reads_several_sources_into_their_tables, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(unknown_header_names_the_closest_sources, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(named_source_must_fit_and_exist, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(month_folder_lists_what_it_does_not_read, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(strict_makes_a_file_not_read_an_error, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(recognised_but_malformed_still_stops_a_folder,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(glob_inputs_expand_sorted_and_once, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(rows_with_nul_or_invalid_utf8_are_rejected, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(user_mapping_folder_adds_a_platform, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(
			parts_an_export_lacks_stay_empty_and_dates_are_recorded, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(failed_run_leaves_previous_outputs, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(shopify_orders_are_keyed_by_id_and_grouped_by_name,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(shopify_orders_without_id_are_keyed_by_name, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(woocommerce_guest_has_no_customer_id_but_its_phone,
						setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(pseudonyms_replace_customer_phones, setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(pseudonyms_replace_customer_ids, setup, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
