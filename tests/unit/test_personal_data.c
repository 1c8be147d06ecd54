/*
 * test_personal_data.c - the personal canonical fields, and emails inside
 * free text replaced by their pseudonyms (each one, where it stands, the
 * text around it kept), text without one left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_cases.h"

#include "engage/personal_data.h"

static struct eg_pseudonym key(void)
{
	struct eg_pseudonym p;

	p.keylen = 16;
	memcpy(p.key, "sixteen-byte-key", 16);
	return p;
}

static void personal_fields_are_emails_and_phones(void **state)
{
	static const struct yes_no fields[] = {
		{ "email", 1 }, { "phone", 1 }, { "comment", 0 }, { "total", 0 }
	};

	(void)state;
	assert_answers(eg_personal_field, fields, COUNT(fields));
}

static void personal_scrub_replaces_each_email_in_text(void **state)
{
	struct eg_pseudonym p = key();
	struct eg_pattern *emails;
	struct eg_strbuf out = { 0 };
	struct eg_error err;
	char a[EG_PSEUDONYM_SIZE], b[EG_PSEUDONYM_SIZE], want[256];
	const char *text = "Great! Mail Zoe.Martin@Example.com or <ben@example.co.uk>, thanks";

	(void)state;
	assert_int_equal(eg_personal_email_pattern(&emails, &err), EG_OK);
	assert_int_equal(eg_personal_scrub(emails, &p, text, strlen(text), &out), 1);
	eg_pseudonym_email(&p, "Zoe.Martin@Example.com", 22, a);
	eg_pseudonym_email(&p, "ben@example.co.uk", 17, b);
	snprintf(want, sizeof(want), "Great! Mail %s or <%s>, thanks", a, b);
	assert_string_equal(out.s, want);
	/* A clicked URL keeps its shape around the email. */
	text = "https://shop.example/unsub?u=kim@example.org&x=1";
	assert_int_equal(eg_personal_scrub(emails, &p, text, strlen(text), &out), 1);
	assert_null(strstr(out.s, "kim@example.org"));
	assert_non_null(strstr(out.s, "https://shop.example/unsub?u="));
	assert_non_null(strstr(out.s, "&x=1"));
	/* No email: 0, and out untouched. */
	text = "Lovely coffee, fast delivery @ a fair price";
	assert_int_equal(eg_personal_scrub(emails, &p, text, strlen(text), &out), 0);
	assert_non_null(strstr(out.s, "https://"));
	eg_strbuf_release(&out);
	eg_pattern_free(emails);
}

TEST_MAIN(cmocka_unit_test(personal_fields_are_emails_and_phones),
	  cmocka_unit_test(personal_scrub_replaces_each_email_in_text))
