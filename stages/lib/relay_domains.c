/*
 * relay_domains.c - marketplace relay email domains (see relay_domains.h).
 * The list is short (a few dozen domains at most), so a match compares
 * the email's domain with each in turn.
 */
#include "engage/relay_domains.h"
#include "engage/array.h"
#include "engage/csv_table.h"
#include "engage/strbuf.h"

#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Checks and keeps one domain (len bytes at s) of line. */
static int add(struct eg_relay_domains *d, const char *s, size_t len, const char *path, long line,
	       struct eg_error *err)
{
	size_t i;
	char *copy;

	for (i = 0; i < len; i++)
		if (is_space(s[i]) || s[i] == '@')
			break;
	if (len == 0 || i < len)
		return eg_error_set(err, EG_EDATA, path, line, 0,
				    "'%.80s' is not a domain (like marketplace.amazon.com)", s);
	if (eg_array_reserve((void **)&d->domain, &d->cap, d->n + 1, sizeof(*d->domain), 16) ||
	    !(copy = malloc(len + 1)))
		return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
	for (i = 0; i < len; i++)
		copy[i] = lower(s[i]);
	copy[len] = '\0';
	d->domain[d->n++] = copy;
	return EG_OK;
}

int eg_relay_domains_load(struct eg_relay_domains *d, const char *path, struct eg_error *err)
{
	struct eg_csv_reader *r = NULL;
	struct eg_strbuf text = { 0 };
	long col[1];
	int more = 0, rc;

	memset(d, 0, sizeof(*d));
	/* Read whole: a settings file, not data, so its rows stay out of the progress line. */
	rc = eg_strbuf_read_file(&text, path, (size_t)16 << 20, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_open_mem(&r, path, text.s, text.len, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(r, (const char *const[]){ "domain", NULL }, col, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(r, err)) > 0) {
		size_t len;
		const char *s = eg_csv_reader_field(r, col[0], &len);

		rc = add(d, s, len, path, eg_csv_reader_line(r), err);
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(r);
	eg_strbuf_release(&text);
	if (rc != EG_OK)
		eg_relay_domains_release(d);
	return rc;
}

void eg_relay_domains_release(struct eg_relay_domains *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->domain[i]);
	free(d->domain);
	memset(d, 0, sizeof(*d));
}

/* 1 when the len bytes at s equal domain, ignoring case. */
static int same(const char *s, size_t len, const char *domain)
{
	size_t i;

	if (strlen(domain) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (lower(s[i]) != domain[i])
			return 0;
	return 1;
}

int eg_relay_domains_match(const struct eg_relay_domains *d, const char *s, size_t len)
{
	const char *at;
	size_t i;
	int email = 0;

	while (len && is_space(s[len - 1]))
		len--;
	while (len && (at = memchr(s, '@', len)) != NULL) { /* the last @ starts the domain */
		len -= (size_t)(at + 1 - s);
		s = at + 1;
		email = 1;
	}
	if (!email)
		return 0;
	/* The domain and each parent domain: a.scs.tiktokw.us matches scs.tiktokw.us. */
	while (len) {
		const char *dot;

		for (i = 0; i < d->n; i++)
			if (same(s, len, d->domain[i]))
				return 1;
		dot = memchr(s, '.', len);
		if (!dot)
			break;
		len -= (size_t)(dot + 1 - s);
		s = dot + 1;
	}
	return 0;
}
