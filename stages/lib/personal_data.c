/*
 * personal_data.c - the personal canonical fields, and emails found and
 * replaced inside free text.
 */
#include "engage/personal_data.h"

#include <string.h>

/* The canonical fields that hold personal data: one line each. */
static const char *const personal_fields[] = {
	"email",
	"other_email",
	"phone",
	"billing_phone",
	"shipping_phone",
	"customer_ref",
	"customer_name",
	NULL,
};

int eg_personal_field(const char *name)
{
	size_t i;

	for (i = 0; personal_fields[i]; i++)
		if (strcmp(personal_fields[i], name) == 0)
			return 1;
	return 0;
}

/* A character that may be part of an email in text: not space, brackets, quotes or separators. */
#define MAIL_CHAR "[^\\s@<>()\\[\\]{},;:\"'`/?&=|]"

int eg_personal_email_pattern(struct eg_pattern **out, struct eg_error *err)
{
	/* Generous on purpose: whatever reads as local@domain.tld is hidden. */
	return eg_pattern_new(out, MAIL_CHAR "+@" MAIL_CHAR "+\\." MAIL_CHAR "+", 0, err);
}

int eg_personal_scrub(struct eg_pattern *emails, const struct eg_pseudonym *p, const char *s,
		      size_t len, struct eg_strbuf *out)
{
	size_t done = 0, off, n;
	int found = 0;

	while (done < len && eg_pattern_match(emails, s + done, len - done) &&
	       eg_pattern_group(emails, 0, &off, &n) && n > 0) {
		char pseudo[EG_PSEUDONYM_SIZE];

		if (!found)
			out->len = 0;
		found = 1;
		eg_pseudonym_email(p, s + done + off, n, pseudo);
		if (eg_strbuf_add(out, s + done, off) || eg_strbuf_add(out, pseudo, strlen(pseudo)))
			return -1;
		done += off + n;
	}
	if (found && eg_strbuf_add(out, s + done, len - done))
		return -1;
	return found;
}
