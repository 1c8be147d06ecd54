/*
 * test_relay_domains.c - marketplace relay domains: the shipped list
 * loads, an address at a listed domain or its subdomain matches in any
 * case, other addresses do not, and a bad row names its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "engage/relay_domains.h"
#include "test_scratch.h"

/* The path of scratch/relay.csv after writing text to it, in a static buffer. */
static const char *relay_file(const char *text)
{
	static char path[1200];

	put("relay.csv", text);
	snprintf(path, sizeof(path), "%s/relay.csv", scratch);
	return path;
}

static int match(const struct eg_relay_domains *d, const char *email)
{
	return eg_relay_domains_match(d, email, strlen(email));
}

static void relay_shipped_list_names_tiktok_and_amazon(void **state)
{
	struct eg_relay_domains d;
	struct eg_error err;

	(void)state;
	assert_int_equal(eg_relay_domains_load(&d, "stages/extract/relay_domains.csv", &err),
			 EG_OK);
	assert_true(match(&d, "v4bdjxwien2zzkncgxpghkuplal2e@scs.tiktokw.us"));
	assert_true(match(&d, "0k9xyz1example@marketplace.amazon.com"));
	assert_true(match(&d, "buyer-7@marketplace.amazon.co.uk"));
	assert_false(match(&d, "alice@example.com"));
	assert_false(match(&d, "someone@amazon.com"));
	eg_relay_domains_release(&d);
}

static void relay_match_ignores_case_spaces_and_takes_subdomains(void **state)
{
	struct eg_relay_domains d;
	struct eg_error err;
	const char *path = relay_file("domain,marketplace\nRelay.Example.COM,Test\n");

	(void)state;
	assert_int_equal(eg_relay_domains_load(&d, path, &err), EG_OK);
	assert_int_equal(d.n, 1);
	assert_true(match(&d, "A1@relay.example.com"));
	assert_true(match(&d, "a1@RELAY.EXAMPLE.COM  "));
	assert_true(match(&d, "a1@eu.relay.example.com"));
	assert_false(match(&d, "a1@notrelay.example.com"));
	assert_false(match(&d, "a1@example.com"));
	assert_false(match(&d, "relay.example.com"));
	assert_false(match(&d, ""));
	eg_relay_domains_release(&d);
}

static void relay_row_that_is_not_a_domain_names_its_line(void **state)
{
	struct eg_relay_domains d;
	struct eg_error err;
	const char *path =
		relay_file("domain,marketplace\nscs.tiktokw.us,TikTok\n@amazon.com,Amazon\n");

	(void)state;
	assert_int_equal(eg_relay_domains_load(&d, path, &err), EG_EDATA);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.message, "'@amazon.com' is not a domain"));
	assert_int_equal(d.n, 0);
}

static void relay_file_without_domain_column_is_a_data_error(void **state)
{
	struct eg_relay_domains d;
	struct eg_error err;
	const char *path = relay_file("host\nscs.tiktokw.us\n");

	(void)state;
	assert_int_equal(eg_relay_domains_load(&d, path, &err), EG_EDATA);
	assert_non_null(strstr(err.message, "domain"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(relay_shipped_list_names_tiktok_and_amazon),
		cmocka_unit_test_setup_teardown(
			relay_match_ignores_case_spaces_and_takes_subdomains, scratch_setup,
			scratch_teardown),
		cmocka_unit_test_setup_teardown(relay_row_that_is_not_a_domain_names_its_line,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(relay_file_without_domain_column_is_a_data_error,
						scratch_setup, scratch_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
