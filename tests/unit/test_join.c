/*
 * test_join.c - join's customer keys for orders that name their buyer only:
 * orders of one name in one source are one customer found by name, the
 * same name in two sources is two customers, and an email or phone on the
 * order comes first (a name links to nothing). Counted per key in the
 * manifest.
 *
 * Each test writes clean's orders.csv into a fresh scratch folder and
 * reads join's customers.csv and manifest back.
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

#include "engage/join.h"
#include "engage/strbuf.h"
#include "engage/tables.h"

/* One order of the test: its key columns; every other column is fixed. */
struct order {
	const char *id, *email, *phone, *name, *source;
};

/* Writes orders.csv (all of clean's columns) holding the n orders. */
static void put_orders(const struct order *o, size_t n)
{
	struct eg_strbuf b = { 0 };
	size_t i, c;
	char *text;

	for (c = 0; c < EG_ORDER_NCOLS; c++) {
		assert_int_equal(eg_strbuf_str(&b, c ? "," : ""), 0);
		assert_int_equal(eg_strbuf_str(&b, eg_order_columns[c]), 0);
	}
	for (i = 0; i < n; i++) {
		assert_int_equal(eg_strbuf_str(&b, "\n"), 0);
		for (c = 0; c < EG_ORDER_NCOLS; c++) {
			const char *v = c == EG_ORDER_ID		? o[i].id
					: c == EG_ORDER_NAME		? o[i].id
					: c == EG_ORDER_EMAIL		? o[i].email
					: c == EG_ORDER_PHONE		? o[i].phone
					: c == EG_ORDER_CUSTOMER_NAME	? o[i].name
					: c == EG_ORDER_SOURCE		? o[i].source
					: c == EG_ORDER_CREATED_AT	? "2026-03-02T10:00:00Z"
					: c == EG_ORDER_CURRENCY	? "USD"
					: c == EG_ORDER_CANCELLED	? "false"
					: c == EG_ORDER_IS_TEST		? "false"
					: c == EG_ORDER_FINANCIAL_STATUS ? "paid"
					: c == EG_ORDER_TOTAL		? "10.00"
					: c == EG_ORDER_REFUNDED	? "0.00"
					: c == EG_ORDER_SOURCE_LINE	? "2"
									: "";

			assert_int_equal(eg_strbuf_str(&b, c ? "," : ""), 0);
			assert_int_equal(eg_strbuf_str(&b, v), 0);
		}
	}
	assert_int_equal(eg_strbuf_str(&b, "\n"), 0);
	text = eg_strbuf_take(&b);
	assert_non_null(text);
	put("orders.csv", text);
	free(text);
}

/*
 * Writes orders.csv holding the n orders at o and runs join on scratch
 * into scratch/out, asserting it worked.
 */
static void join_orders(const struct order *o, size_t n)
{
	const char *out = scratch_path("out");
	struct eg_join_options opts = { scratch, out };
	struct eg_join_result res;
	struct eg_error err;

	put_orders(o, n);
	assert_int_equal(eg_join_run(&opts, &res, &err), EG_OK);
}

/* Field i of the comma-separated line (no quotes in these rows), its length in *len. */
static const char *field_of(const char *line, int i, size_t *len)
{
	const char *end;

	while (i-- > 0 && line) {
		line = strchr(line, ',');
		if (line)
			line++;
	}
	if (!line) {
		*len = 0;
		return "";
	}
	end = strchr(line, ',');
	*len = end ? (size_t)(end - line) : strlen(line);
	return line;
}

/* Rows of scratch/out/customers.csv whose found_by column is found_by. */
static int customers_found_by(const char *found_by)
{
	char *text = scratch_read("out/customers.csv"), *line, *save = NULL;
	int count = 0, col = -1, c;
	size_t len;
	const char *f;

	line = strtok_r(text, "\n", &save); /* the header */
	for (c = 0; line && *(f = field_of(line, c, &len)); c++)
		if (len == 8 && memcmp(f, "found_by", 8) == 0)
			col = c;
	assert_true(col >= 0);
	while ((line = strtok_r(NULL, "\n", &save))) {
		f = field_of(line, col, &len);
		count += len == strlen(found_by) && memcmp(f, found_by, len) == 0;
	}
	free(text);
	return count;
}

/* Whether join's manifest holds the text line. */
static int manifest_has(const char *line)
{
	char *text = scratch_read("out/join.manifest.csv");
	int found = strstr(text, line) != NULL;

	free(text);
	return found;
}

static void orders_of_one_name_are_one_customer_found_by_name(void **state)
{
	static const struct order o[] = {
		{ "1", "", "", "Nora Quill", "woocommerce_analytics_orders" },
		{ "2", "", "", "Ivo Marsh", "woocommerce_analytics_orders" },
		{ "3", "", "", "Nora Quill", "woocommerce_analytics_orders" },
		{ "4", "", "", "", "woocommerce_analytics_orders" },
	};
	char *text;

	(void)state;
	join_orders(o, 4);
	assert_int_equal(customers_found_by("name"), 2);
	assert_true(manifest_has("join,stat,customers.csv,customers_by_name,2\n"));
	/* Nora's two orders are one customer's: 20.00; the fourth is a guest's. */
	text = scratch_read("out/customers.csv");
	assert_non_null(strstr(text, ",2,20.00,0.00,"));
	assert_non_null(strstr(text, ",1,10.00,0.00,"));
	free(text);
	assert_true(manifest_has("anonymous_rows,1\n"));
}

static void one_name_in_two_sources_is_two_customers(void **state)
{
	static const struct order o[] = {
		{ "1", "", "", "Nora Quill", "woocommerce_analytics_orders" },
		{ "2", "", "", "Nora Quill", "another_store_orders" },
	};

	(void)state;
	join_orders(o, 2);
	assert_int_equal(customers_found_by("name"), 2);
}

static void email_and_phone_come_before_the_name(void **state)
{
	static const struct order o[] = {
		{ "1", "nora@example.com", "", "Nora Quill", "woocommerce_analytics_orders" },
		{ "2", "", "+15550100", "Nora Quill", "woocommerce_analytics_orders" },
		{ "3", "", "", "Nora Quill", "woocommerce_analytics_orders" },
	};

	(void)state;
	join_orders(o, 3);
	/* A name links to nothing: three keys, three customers. */
	assert_int_equal(customers_found_by("email"), 1);
	assert_int_equal(customers_found_by("phone"), 1);
	assert_int_equal(customers_found_by("name"), 1);
	assert_true(manifest_has("join,stat,customers.csv,customers_by_email,1\n"));
	assert_true(manifest_has("join,stat,customers.csv,customers_by_phone,1\n"));
	assert_true(manifest_has("join,stat,customers.csv,customers_by_name,1\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, scratch_setup, scratch_teardown)
		T(orders_of_one_name_are_one_customer_found_by_name),
		T(one_name_in_two_sources_is_two_customers),
		T(email_and_phone_come_before_the_name),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
