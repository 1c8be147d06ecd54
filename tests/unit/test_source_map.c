/*
 * test_source_map.c - mapping files: the grammar (every key), fields
 * resolved after the whole file whatever the line order, the errors a
 * malformed file gives (exact status and line), binding to a header
 * (alternatives in order, need columns counted), the unused layout of
 * known exports engage does not read, value rules and defaults, values
 * taken from the file's name, `only` lines (a field kept in the rows whose
 * other cell matches), and loading the built-in sources folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "engage/source_map.h"
#include "engage/tables.h"

static struct eg_source_map *parse_ok(const char *text)
{
	struct eg_source_map *m = NULL;
	struct eg_error err;
	int rc;

	eg_error_clear(&err);
	rc = eg_source_map_parse(&m, "test.source", text, &err);
	if (rc != EG_OK)
		print_error("%s:%ld: %s\n", err.file, err.line, err.message);
	assert_int_equal(rc, EG_OK);
	return m;
}

/* Asserts text is refused with status, at line, with a message containing what. */
static void parse_fails(const char *text, int status, long line, const char *what)
{
	struct eg_source_map *m = NULL;
	struct eg_error err;
	int rc;

	eg_error_clear(&err);
	rc = eg_source_map_parse(&m, "test.source", text, &err);
	if (rc != status || err.line != line || !strstr(err.message, what))
		print_error("status %d line %ld: %s\n", rc, err.line, err.message);
	assert_int_equal(rc, status);
	assert_int_equal(err.line, line);
	assert_true(strstr(err.message, what) != NULL);
	assert_string_equal(err.file, "test.source");
	assert_null(m);
}

static void map_reads_every_key(void **state)
{
	struct eg_source_map *m =
		parse_ok("# a comment\n"
			 "source    tickets_x\n"
			 "layout    records\n"
			 "table     tickets\n"
			 "need      ticket_id = Id|Ticket ID\n"
			 "column    satisfaction = Satisfaction( Score)?\n"
			 "default   channel = email\n"
			 "value     satisfaction Good( with comment)? = satisfied\n"
			 "value     satisfaction Not Offered =\n"
			 "skip      ticket_id = DELETED-.* as deleted_ticket\n"
			 "dates     eu\n"
			 "decimal   ,\n"
			 "thousands .\n"
			 "delimiter tab\n"
			 "currency  eur\n"
			 "timezone  Europe/Berlin\n");

	(void)state;
	assert_string_equal(m->name, "tickets_x");
	assert_int_equal(m->layout, EG_LAYOUT_RECORDS);
	assert_int_equal(m->table, EG_TABLE_TICKETS);
	assert_true(m->need[EG_TICKET_ID]);
	assert_false(m->need[EG_TICKET_SATISFACTION]);
	assert_non_null(m->pattern[EG_TICKET_SATISFACTION]);
	assert_int_equal(m->nalts[EG_TICKET_ID], 2);
	assert_string_equal(m->dflt[EG_TICKET_CHANNEL], "email");
	assert_int_equal(m->nvalues, 2);
	assert_int_equal(m->nskips, 1);
	assert_string_equal(m->skips[0].reason, "deleted_ticket");
	assert_int_equal(m->dates, EG_DATES_EU);
	assert_int_equal(m->number.decimal, ',');
	assert_int_equal(m->number.thousands, '.');
	assert_int_equal(m->delimiter, '\t');
	assert_string_equal(m->currency, "EUR");
	assert_string_equal(m->timezone, "Europe/Berlin");
	eg_source_map_free(m);
}

static void map_resolves_fields_whatever_the_line_order(void **state)
{
	/* need lines before layout and table still name the table's fields. */
	struct eg_source_map *m = parse_ok("need score = Score\n"
					   "need responded_at = Created At\n"
					   "default kind = nps\n"
					   "table responses\n"
					   "source nps_x\n"
					   "layout records\n");

	(void)state;
	assert_int_equal(m->table, EG_TABLE_RESPONSES);
	assert_true(m->need[EG_RESPONSE_SCORE]);
	assert_true(m->need[EG_RESPONSE_RESPONDED_AT]);
	assert_string_equal(m->dflt[EG_RESPONSE_KIND], "nps");
	eg_source_map_free(m);
}

static void map_order_layouts_take_the_order_fields(void **state)
{
	struct eg_source_map *m = parse_ok("source s\nlayout orders\nneed order_id = id\n"
					   "column refunded_at = Refunded date \\(UTC\\)\n"
					   "test order_id = ^test_\n");

	(void)state;
	assert_int_equal(m->table, EG_TABLE_ORDERS);
	assert_int_equal(m->nfields, EG_SF_COUNT);
	assert_non_null(m->pattern[EG_SF_REFUNDED_AT]);
	assert_int_equal(m->test_field, EG_SF_ORDER_ID);
	assert_int_equal(m->number.decimal, 0); /* auto unless the file says */
	eg_source_map_free(m);
}

static void map_errors_name_the_line(void **state)
{
	(void)state;
	parse_fails("source s\nlayout records\ntable tickets\nneed nope = X\n", EG_EUSAGE, 4,
		    "unknown field 'nope' for table tickets");
	parse_fails("source s\nlayout lines\n", EG_EUSAGE, 2, "unknown layout 'lines'");
	parse_fails("source s\nlayout records\ntable orders\n", EG_EUSAGE, 3,
		    "unknown table 'orders'");
	parse_fails("source s\nlayout records\ntable tickets\nfrobnicate x\n", EG_EUSAGE, 4,
		    "unknown key 'frobnicate'");
	parse_fails("source s\nlayout records\ntable tickets\nneed ticket_id = (\n", EG_EUSAGE, 4,
		    "bad pattern");
	parse_fails(
		"source s\nlayout records\ntable tickets\nneed ticket_id = A\nneed ticket_id = B\n",
		EG_EUSAGE, 5, "mapped twice");
	parse_fails("source s\nlayout records\ntable tickets\nneed ticket_id = A\n"
		    "skip status = x as Bad-Reason\n",
		    EG_EUSAGE, 5, "reason 'Bad-Reason'");
	parse_fails(
		"source s\nlayout records\ntable tickets\nneed ticket_id = A\nskip status = x\n",
		EG_EUSAGE, 5, "expected 'skip FIELD = PATTERN as REASON'");
	parse_fails("source s\nlayout records\ntable tickets\nneed ticket_id = A\nskip status = x "
		    "as y\n",
		    EG_EUSAGE, 5, "has no column");
	parse_fails("source s\nlayout records\ntable tickets\nneed ticket_id = A\ndates julian\n",
		    EG_EUSAGE, 5, "unknown date order");
	parse_fails("source s\nlayout records\ntable tickets\nneed ticket_id = A\ndelimiter :\n",
		    EG_EUSAGE, 5, "delimiter ':'");
	parse_fails("source s\nlayout records\ntable tickets\nneed ticket_id = A\ncurrency euro\n",
		    EG_EUSAGE, 5, "3-letter code");
}

static void map_errors_of_the_whole_file(void **state)
{
	(void)state;
	parse_fails("layout records\ntable tickets\nneed ticket_id = A\n", EG_EUSAGE, 0,
		    "no 'source NAME' line");
	parse_fails("source s\ntable tickets\nneed ticket_id = A\n", EG_EUSAGE, 0,
		    "no 'layout' line");
	parse_fails("source s\nlayout records\nneed ticket_id = A\n", EG_EUSAGE, 0,
		    "needs a 'table' line");
	parse_fails("source s\nlayout orders\ntable tickets\nneed order_id = A\n", EG_EUSAGE, 0,
		    "takes no 'table' line");
	parse_fails("source s\nlayout records\ntable tickets\ncolumn ticket_id = A\n", EG_EUSAGE, 0,
		    "no 'need' line");
}

static void only_lines_name_a_field_and_the_cell_that_keeps_it(void **state)
{
	static const char head[] = "source s\nlayout ga4\ntable sessions\n"
				   "need channel = Event name\nneed sessions = Event count\n";
	char text[512];
	struct eg_source_map *m;

	(void)state;
	/* before the column line it reads: fields resolve after the whole file */
	snprintf(text, sizeof(text),
		 "only purchases when channel = purchase\n%s"
		 "column purchases = Event count\nonly sessions when channel = session_start\n",
		 head);
	m = parse_ok(text);
	assert_int_equal(m->nonlys, 2);
	assert_int_equal(m->onlys[0].field, EG_SESSION_PURCHASES);
	assert_int_equal(m->onlys[0].when, EG_SESSION_CHANNEL);
	assert_true(eg_pattern_match(m->onlys[0].match, "PURCHASE", 8));
	assert_false(eg_pattern_match(m->onlys[0].match, "purchases", 9));
	assert_int_equal(m->onlys[1].field, EG_SESSION_SESSIONS);
	eg_source_map_free(m);
	snprintf(text, sizeof(text), "%sonly sessions channel = x\n", head);
	parse_fails(text, EG_EUSAGE, 6, "expected 'only FIELD when OTHER = PATTERN'");
	snprintf(text, sizeof(text), "%sonly sessions when = x\n", head);
	parse_fails(text, EG_EUSAGE, 6, "expected 'only FIELD when OTHER = PATTERN'");
	snprintf(text, sizeof(text), "%sonly sessions when event = x\n", head);
	parse_fails(text, EG_EUSAGE, 6, "unknown field 'event' after 'when'");
	snprintf(text, sizeof(text), "%sonly sessions when users = x\n", head);
	parse_fails(text, EG_EUSAGE, 6, "'users' after 'when' has no column");
	parse_fails("source s\nlayout orders\nneed order_id = A\nneed total = T\n"
		    "only total when order_id = 1\n",
		    EG_EUSAGE, 5, "records and ga4 layouts");
}

static void bind_prefers_alternatives_in_order(void **state)
{
	struct eg_source_map *m = parse_ok("source s\nlayout orders\n"
					   "need order_id = order_number|order_id\n"
					   "need total = Total\n"
					   "column email = E-?mail\n");
	const char *header[] = { "order_id", "order_number", "EMAIL", "Other" };
	long col[EG_SOURCE_MAX_FIELDS];

	(void)state;
	/* order_id comes first in the header, but the pattern prefers order_number. */
	assert_int_equal(eg_source_map_bind(m, header, 4, col), 1); /* no Total */
	assert_int_equal(col[EG_SF_ORDER_ID], 1);
	assert_int_equal(col[EG_SF_EMAIL], 2); /* caseless, whole name */
	assert_int_equal(col[EG_SF_TOTAL], -1);
	assert_int_equal(col[EG_SF_SKU], -1);
	eg_source_map_free(m);
}

static void bind_matches_whole_names_only(void **state)
{
	struct eg_source_map *m = parse_ok("source s\nlayout orders\nneed total = Total\n");
	const char *header[] = { "Total Spent", "Subtotal" };
	long col[EG_SOURCE_MAX_FIELDS];

	(void)state;
	assert_int_equal(eg_source_map_bind(m, header, 2, col), 1);
	eg_source_map_free(m);
}

static void unused_layout_names_its_columns(void **state)
{
	struct eg_source_map *m = parse_ok("source shopify_products\n"
					   "title Shopify products export\n"
					   "layout unused\n"
					   "need handle = Handle\n"
					   "need body = Body \\(HTML\\)\n"
					   "column sku = Variant SKU\n");
	const char *products[] = { "Handle", "Title", "Body (HTML)", "Vendor", "Variant SKU" };
	const char *orders[] = { "Name", "Email", "Handle" };
	long col[EG_SOURCE_MAX_FIELDS];

	(void)state;
	assert_int_equal(m->layout, EG_LAYOUT_UNUSED);
	assert_string_equal(m->title, "Shopify products export");
	assert_int_equal(m->nfields, 3);
	assert_string_equal(m->fields[1].name, "body");
	assert_true(m->need[0] && m->need[1] && !m->need[2]);
	assert_int_equal(eg_source_map_bind(m, products, 5, col), 0);
	assert_int_equal(col[1], 2);
	assert_int_equal(col[2], 4);
	assert_int_equal(eg_source_map_bind(m, orders, 3, col), 1); /* no Body (HTML) */
	eg_source_map_free(m);
	parse_fails("source s\nlayout unused\ntable sessions\nneed a = A\n", EG_EUSAGE, 0,
		    "layout unused fills no table");
	parse_fails("source s\nlayout unused\nneed a = A\ndefault a = x\n", EG_EUSAGE, 4,
		    "layout unused reads no values: a 'default' line has no use");
	parse_fails("source s\nlayout unused\nneed a = A\ncolumn a = B\n", EG_EUSAGE, 4,
		    "field 'a' mapped twice");
	parse_fails("source s\nlayout unused\ncolumn a = A\n", EG_EUSAGE, 0, "no 'need' line");
}

static void file_value_comes_from_the_first_name_that_matches(void **state)
{
	struct eg_source_map *m = parse_ok("source s\nlayout records\ntable profiles\n"
					   "need email = Email Address\n"
					   "file email_status unsubscribed = unsubscribed\n"
					   "file email_status Subscribed = subscribed\n"
					   "file accepts_marketing cleaned = false\n");

	(void)state;
	assert_int_equal(m->nfile_values, 3);
	/* unsubscribed_... also holds "subscribed": the first line wins */
	assert_string_equal(eg_source_map_file_value(m, EG_PROFILE_EMAIL_STATUS,
						     "raw/unsubscribed_members_export_1.csv"),
			    "unsubscribed");
	/* any case, anywhere in the base name */
	assert_string_equal(eg_source_map_file_value(m, EG_PROFILE_EMAIL_STATUS,
						     "mailchimp_SUBSCRIBED_members.csv"),
			    "subscribed");
	/* the folders do not count */
	assert_null(eg_source_map_file_value(m, EG_PROFILE_EMAIL_STATUS,
					     "raw/subscribed/cleaned_members_export_1.csv"));
	assert_string_equal(eg_source_map_file_value(m, EG_PROFILE_ACCEPTS_MARKETING,
						     "raw/subscribed/cleaned_members_export_1.csv"),
			    "false");
	assert_null(eg_source_map_file_value(m, EG_PROFILE_EMAIL, "subscribed.csv"));
	eg_source_map_free(m);
	parse_fails("source s\nlayout records\ntable profiles\nneed email = Email\n"
		    "file email_status = subscribed\n",
		    EG_EUSAGE, 5, "expected 'file FIELD FROM = TO'");
}

static void translate_applies_value_rules_then_defaults(void **state)
{
	struct eg_source_map *m = parse_ok("source s\nlayout records\ntable tickets\n"
					   "need ticket_id = Id\n"
					   "column satisfaction = Satisfaction Score\n"
					   "value satisfaction Good( with comment)? = satisfied\n"
					   "value satisfaction good = never_reached\n"
					   "value satisfaction Not Offered =\n"
					   "default satisfaction = unknown\n");
	size_t len;
	const char *s;

	(void)state;
	s = eg_source_map_translate(m, EG_TICKET_SATISFACTION, "good WITH comment", 17, &len);
	assert_int_equal(len, 9);
	assert_memory_equal(s, "satisfied", 9);
	s = eg_source_map_translate(m, EG_TICKET_SATISFACTION, "Bad", 3, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "Bad", 3);
	/* a rule to "" then falls back on the default, as an empty cell does */
	s = eg_source_map_translate(m, EG_TICKET_SATISFACTION, "Not Offered", 11, &len);
	assert_string_equal(s, "unknown");
	s = eg_source_map_translate(m, EG_TICKET_SATISFACTION, "", 0, &len);
	assert_string_equal(s, "unknown");
	eg_source_map_free(m);
}

static void fields_cover_every_table(void **state)
{
	static const struct {
		enum eg_table t;
		size_t ncols;
	} t[] = {
		{ EG_TABLE_SESSIONS, EG_SESSION_NCOLS },
		{ EG_TABLE_EMAIL_EVENTS, EG_EMAIL_EVENT_NCOLS },
		{ EG_TABLE_EMAIL_CAMPAIGNS, EG_CAMPAIGN_NCOLS },
		{ EG_TABLE_RESPONSES, EG_RESPONSE_NCOLS },
		{ EG_TABLE_TICKETS, EG_TICKET_NCOLS },
		{ EG_TABLE_PROFILES, EG_PROFILE_NCOLS },
		{ EG_TABLE_LOYALTY, EG_LOYALTY_NCOLS },
	};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const struct eg_field_spec *f = eg_source_fields(EG_LAYOUT_RECORDS, t[i].t, &n);

		assert_non_null(f);
		/* every column but source, source_file and source_line is a field */
		assert_int_equal(n + 3, t[i].ncols);
	}
	assert_null(eg_source_fields(EG_LAYOUT_RECORDS, EG_TABLE_ORDERS, &n));
	assert_null(eg_source_fields(EG_LAYOUT_ORDERS, EG_TABLE_TICKETS, &n));
}

static void builtin_sources_all_load(void **state)
{
	struct eg_source_set set = { 0 };
	struct eg_error err;
	size_t i;
	int rc;

	(void)state;
	eg_error_clear(&err);
	rc = eg_source_set_load_dir(&set, "stages/extract/sources", &err);
	if (rc != EG_OK)
		print_error("%s:%ld: %s\n", err.file, err.line, err.message);
	assert_int_equal(rc, EG_OK);
	assert_true(set.n >= 16);
	for (i = 1; i < set.n; i++)
		assert_true(strcmp(set.maps[i - 1]->name, set.maps[i]->name) < 0);
	/* loading the same folder twice defines every source twice */
	assert_int_equal(eg_source_set_load_dir(&set, "stages/extract/sources", &err), EG_EUSAGE);
	assert_true(strstr(err.message, "is also defined in") != NULL);
	eg_source_set_release(&set);
	assert_int_equal(set.n, 0);
}

static void load_reports_a_missing_file_as_io(void **state)
{
	struct eg_source_map *m = NULL;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_source_map_load(&m, "no/such.source", &err), EG_EIO);
	assert_true(strstr(err.message, "unable to open 'no/such.source'") != NULL);
	assert_null(m);
}

static void map_period_lines_pick_a_kind_by_the_date_header(void **state)
{
	struct eg_source_map *m = parse_ok("source s\nlayout ga4\ntable sessions\n"
					   "need date = Date|Week|Nth week\nneed sessions = Sessions\n"
					   "period week_number = Week\nperiod nth_week = Nth week\n"
					   "period day\n");

	(void)state;
	assert_int_equal(m->nperiods, 3);
	assert_int_equal(eg_source_map_period(m, "Week"), EG_PERIOD_WEEK_NUMBER);
	assert_int_equal(eg_source_map_period(m, "nth WEEK"), EG_PERIOD_NTH_WEEK);
	/* the header must match whole: the previous period's column is not the week */
	assert_int_equal(eg_source_map_period(m, "Week (previous_year)"), EG_PERIOD_DAY);
	assert_int_equal(eg_source_map_period(m, "Date"), EG_PERIOD_DAY);
	eg_source_map_free(m);
	/* without period lines: day, or the report's range without a date column */
	m = parse_ok("source s\nlayout records\ntable sessions\nneed sessions = Sessions\n"
		     "column date = Day\n");
	assert_int_equal(eg_source_map_period(m, "Day"), EG_PERIOD_DAY);
	assert_int_equal(eg_source_map_period(m, ""), EG_PERIOD_RANGE);
	eg_source_map_free(m);
	parse_fails("source s\nlayout records\ntable sessions\nneed sessions = Sessions\n"
		    "period fortnight\n",
		    EG_EUSAGE, 5, "unknown period 'fortnight'");
	parse_fails("source s\nlayout records\ntable sessions\nneed sessions = Sessions\n"
		    "period week = Week(\n",
		    EG_EUSAGE, 5, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(map_reads_every_key),
		cmocka_unit_test(map_period_lines_pick_a_kind_by_the_date_header),
		cmocka_unit_test(map_resolves_fields_whatever_the_line_order),
		cmocka_unit_test(map_order_layouts_take_the_order_fields),
		cmocka_unit_test(map_errors_name_the_line),
		cmocka_unit_test(map_errors_of_the_whole_file),
		cmocka_unit_test(only_lines_name_a_field_and_the_cell_that_keeps_it),
		cmocka_unit_test(bind_prefers_alternatives_in_order),
		cmocka_unit_test(bind_matches_whole_names_only),
		cmocka_unit_test(unused_layout_names_its_columns),
		cmocka_unit_test(translate_applies_value_rules_then_defaults),
		cmocka_unit_test(file_value_comes_from_the_first_name_that_matches),
		cmocka_unit_test(fields_cover_every_table),
		cmocka_unit_test(builtin_sources_all_load),
		cmocka_unit_test(load_reports_a_missing_file_as_io),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
