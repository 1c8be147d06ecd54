/*
 * personal_data.h - what counts as personal in an export, and how it is
 * hidden when a report is made under a key (pseudonym.h).
 *
 * The rule is a guarantee, not a list of personal columns to hide: under a
 * key, a value leaves extract as it is only when it sits in a column the
 * source maps to a canonical field that is not personal. The personal
 * canonical fields are named in one list (email, phone, ...: adding a field
 * is one line); every other column of an export (names, requesters,
 * addresses, IPs, whatever a platform adds) is dropped from the tables and
 * written as a pseudonym in rejects.csv. An email written inside free text
 * (a survey comment, a tag, a clicked URL) is replaced by its pseudonym
 * wherever it is.
 */
#ifndef ENGAGE_PERSONAL_DATA_H
#define ENGAGE_PERSONAL_DATA_H

#include <stddef.h>

#include "engage/error.h"
#include "engage/pattern.h"
#include "engage/pseudonym.h"
#include "engage/strbuf.h"

/* 1 when the canonical field called name holds personal data (an email, a phone...). */
int eg_personal_field(const char *name);

/* Compiles the pattern of an email inside text into *out (free with eg_pattern_free). */
int eg_personal_email_pattern(struct eg_pattern **out, struct eg_error *err);

/*
 * When the len bytes at s hold an email (emails: eg_personal_email_pattern),
 * writes them to out (emptied first) with each email replaced by its
 * pseudonym under p and returns 1; returns 0 (out untouched) when they hold
 * none, and -1 when out of memory.
 */
int eg_personal_scrub(struct eg_pattern *emails, const struct eg_pseudonym *p, const char *s,
		      size_t len, struct eg_strbuf *out);

#endif
