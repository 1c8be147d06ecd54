/*
 * extract_row.c - the row steps extract's layouts share: checks before a
 * layout, a field's value after the mapping, typed reads, and rejects.
 */
#include "engage/extract_row.h"
#include "engage/email_address.h"
#include "engage/personal_data.h"
#include "engage/money.h"
#include "engage/phone.h"
#include "engage/rejects.h"
#include "engage/text_bytes.h"
#include "engage/timezone.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long eg_extract_row_line(const struct eg_extract_input *x)
{
	return x->line_offset + eg_csv_reader_line(x->r);
}

int eg_extract_row_part_absent(const struct eg_extract_input *x, int f)
{
	int part =
		f == EG_SF_DISCOUNT || f == EG_SF_SHIPPING || f == EG_SF_TAX || f == EG_SF_DUTIES;

	return part && x->col[f] < 0 && !x->map->dflt[f];
}

void eg_extract_row_note_date(struct eg_extract_input *x, const char *s, size_t len)
{
	if (!s || len < 10)
		return;
	if (!x->first_date[0] || memcmp(s, x->first_date, 10) < 0)
		memcpy(x->first_date, s, 10);
	if (!x->last_date[0] || memcmp(s, x->last_date, 10) > 0)
		memcpy(x->last_date, s, 10);
}

const char *eg_extract_row_column(const struct eg_extract_input *x, int f)
{
	const char *name;

	if (x->col[f] < 0)
		return "";
	name = eg_csv_reader_column_name(x->r, (size_t)x->col[f]);
	return name ? name : "";
}

const char *eg_extract_row_cell(const struct eg_extract_input *x, int f, size_t *len)
{
	return eg_csv_reader_field(x->r, x->col[f], len);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* 1 when the email (len bytes at s) of field f is an order's relay address. */
static int relay_address(const struct eg_extract_input *x, int f, const char *s, size_t len)
{
	return x->relay && len && x->map->table == EG_TABLE_ORDERS &&
	       (f == EG_SF_EMAIL || f == EG_SF_OTHER_EMAIL) &&
	       eg_relay_domains_match(x->relay, s, len);
}

/*
 * 1 when field f is a customer key that eg_extract_row_read makes a
 * pseudonym of itself, after it is normalised (a phone, a customer id or
 * name).
 */
static int keyed_when_read(const struct eg_extract_input *x, int f)
{
	return x->map->fields[f].type == EG_FT_PHONE ||
	       strcmp(x->map->fields[f].name, "customer_ref") == 0 ||
	       strcmp(x->map->fields[f].name, "customer_name") == 0;
}

/* Makes text (n bytes, owned now by x) field f's rewritten value; returns it, n in *len. */
static const char *keep_rewritten(const struct eg_extract_input *x, int f, char *text, size_t n,
				  size_t *len)
{
	free(x->rewritten[f]);
	x->rewritten[f] = text;
	*len = n;
	return text;
}

/*
 * Under a key, field f's value (*len bytes at s) as it may leave extract:
 * the pseudonym of a personal field, text with the emails in it hidden,
 * or s. Out of memory, a value with an email in it is emptied, never kept.
 */
static const char *hide_personal(const struct eg_extract_input *x, int f, const char *s,
				 size_t *len)
{
	struct eg_strbuf b = { 0 };
	enum eg_field_type t = x->map->fields[f].type;
	char *text;
	size_t n;
	int found;

	if (eg_personal_field(x->map->fields[f].name)) {
		char pseudo[EG_PSEUDONYM_SIZE];

		eg_pseudonym_text(x->pseudonym, s, *len, pseudo);
		text = x->rewritten ? strdup(pseudo) : NULL;
		if (!text) {
			*len = 0;
			return "";
		}
		return keep_rewritten(x, f, text, strlen(text), len);
	}
	if ((t != EG_FT_TEXT && t != EG_FT_REF && t != EG_FT_WORD) || !x->rewritten || !x->emails)
		return s;
	found = eg_personal_scrub(x->emails, x->pseudonym, s, *len, &b);
	if (found == 0)
		return s;
	n = b.len;
	text = found > 0 ? eg_strbuf_take(&b) : NULL;
	eg_strbuf_release(&b);
	if (!text) {
		*len = 0;
		return "";
	}
	return keep_rewritten(x, f, text, n, len);
}

const char *eg_extract_row_value(const struct eg_extract_input *x, int f, size_t *len)
{
	size_t n;
	const char *s = eg_csv_reader_field(x->r, x->col[f], &n), *named;

	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	named = n == 0 && x->map->nfile_values ? eg_source_map_file_value(x->map, f, x->path)
					       : NULL;
	if (named) {
		s = named;
		*len = strlen(named);
	} else {
		s = eg_source_map_translate(x->map, f, s, n, len);
	}
	if (relay_address(x, f, s, *len)) {
		*len = 0;
		return "";
	}
	if (!*len)
		return s;
	if (strcmp(x->map->fields[f].name, "email") != 0 &&
	    strcmp(x->map->fields[f].name, "other_email") != 0)
		return x->pseudonym && !keyed_when_read(x, f) ? hide_personal(x, f, s, len) : s;
	if (x->pseudonym) {
		eg_pseudonym_email(x->pseudonym, s, *len, x->pseudo);
		*len = strlen(x->pseudo);
		return x->pseudo;
	}
	if (x->rewritten && !eg_email_is_ascii(s, *len)) {
		size_t n;
		char *norm = eg_email_normalise(s, *len, &n);

		/* Out of memory, the email stays as it is: it only fails to match. */
		if (norm)
			return keep_rewritten(x, f, norm, n, len);
	}
	return s;
}

int eg_extract_row_reject(struct eg_extract_input *x, const char *reason, const char *fmt, ...)
{
	char msg[768], line[32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (x->line_offset == 0)
		return eg_rejects_add(&x->stage->rejects, x->r, NULL, NULL, reason, msg);
	snprintf(line, sizeof(line), "%ld", eg_extract_row_line(x));
	return eg_rejects_add(&x->stage->rejects, x->r, x->path, line, reason, msg);
}

/* Name of the header column i for messages ("field N" past the header). */
static const char *column_label(const struct eg_extract_input *x, size_t i, char *buf, size_t n)
{
	const char *name = eg_csv_reader_column_name(x->r, i);

	if (name && *name)
		return name;
	snprintf(buf, n, "field %zu", i + 1);
	return buf;
}

/* The cell of field f in the current row, without white space at its ends. */
static const char *trimmed_cell(const struct eg_extract_input *x, int f, size_t *len)
{
	const char *s = eg_csv_reader_field(x->r, x->col[f], len);

	while (*len && is_space(*s))
		s++, --*len;
	while (*len && is_space(s[*len - 1]))
		--*len;
	return s;
}

const char *eg_extract_row_check(struct eg_extract_input *x, int short_ok, char *why, size_t whysz)
{
	size_t nf = eg_csv_reader_nfields(x->r), nc = eg_csv_reader_ncolumns(x->r), i, len, at;
	const struct eg_source_map *m = x->map;
	char label[32];
	size_t max_field, max_row;
	struct eg_error e;
	int long_row = eg_csv_reader_row_too_long(x->r);

	if (long_row) {
		int field = long_row == EG_CSV_LONG_FIELD;

		eg_csv_limits(&max_field, &max_row, &e);
		snprintf(why, whysz, "%s longer than %zu bytes, the limit (%s): the row is not kept",
			 field ? "a field is" : "the row is", field ? max_field : max_row,
			 field ? "ENGAGE_MAX_FIELD" : "ENGAGE_MAX_ROW");
		return field ? "field_too_long" : "row_too_long";
	}
	/* Most rows are plain ASCII: one pass over the row instead of one call a field. */
	for (i = eg_csv_reader_row_is_ascii(x->r) ? nf : 0; i < nf; i++) {
		const char *s = eg_csv_reader_field(x->r, (long)i, &len);
		enum eg_text_bytes c;

		if (len == 0) /* wide exports leave most cells empty */
			continue;
		c = eg_text_bytes_check(s, len, &at);
		if (c == EG_BYTES_OK)
			continue;
		snprintf(why, whysz, "column '%s' %s at byte %zu",
			 column_label(x, i, label, sizeof(label)),
			 c == EG_BYTES_NUL ? "holds a NUL byte" : "is not valid UTF-8", at + 1);
		return c == EG_BYTES_NUL ? "nul_byte" : "invalid_utf8";
	}
	if (nf > nc) {
		/* Spreadsheets pad rows with empty fields past the header. */
		for (i = nc; i < nf; i++) {
			eg_csv_reader_field(x->r, (long)i, &len);
			if (len)
				break;
		}
		if (i < nf) {
			snprintf(why, whysz, "row has %zu fields, the header has %zu", nf, nc);
			return "ragged_row";
		}
	} else if (nf < nc) {
		int missing = !short_ok;

		for (i = 0; i < m->nfields && !missing; i++)
			missing = x->col[i] >= (long)nf;
		if (missing) {
			snprintf(why, whysz, "row has %zu fields, the header has %zu", nf, nc);
			return "ragged_row";
		}
	}
	for (i = 0; i < m->nskips; i++) {
		const struct eg_source_map_skip *k = &m->skips[i];
		const char *s = trimmed_cell(x, k->field, &len);

		if (eg_pattern_match(k->match, s, len)) {
			snprintf(why, whysz, "column '%s' is '%.*s', which the source skips (/%s/)",
				 eg_extract_row_column(x, k->field), (int)(len > 64 ? 64 : len), s,
				 k->text);
			return k->reason;
		}
	}
	return NULL;
}

int eg_extract_row_kept(const struct eg_extract_input *x, int f)
{
	const struct eg_source_map *m = x->map;
	size_t i, len;
	int ruled = 0;

	for (i = 0; i < m->nonlys; i++) {
		const char *s;

		if (m->onlys[i].field != f)
			continue;
		ruled = 1;
		s = trimmed_cell(x, m->onlys[i].when, &len);
		if (eg_pattern_match(m->onlys[i].match, s, len))
			return 1;
	}
	return !ruled;
}

/* Copies len bytes at s lowercased into v->buf when they fit; else leaves them. */
static void lower(struct eg_extract_field *v)
{
	size_t i;

	if (v->len >= sizeof(v->buf))
		return;
	for (i = 0; i < v->len; i++) {
		char c = v->text[i];

		v->buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	v->buf[v->len] = '\0';
	v->text = v->buf;
}

static const char *fail(struct eg_extract_input *x, int f, const char *reason, const char *msg,
			char *why, size_t whysz)
{
	snprintf(why, whysz, "column '%s': %s", eg_extract_row_column(x, f), msg);
	return reason;
}

int64_t eg_extract_row_utc(struct eg_extract_input *x, const struct eg_stamp *st, const char *text,
			   size_t len)
{
	/* Without an offset, a stamp is wall-clock time in the input's zone. */
	int64_t t = eg_tz_utc_from_stamp(st);

	if (!st->has_offset && !x->map->timezone)
		x->local_stamps++;
	/* "Z" says UTC, not where the shop is: only numeric offsets tell. */
	if (st->has_offset && x->offsets && len && text[len - 1] != 'Z' && text[len - 1] != 'z')
		eg_offset_log_add(x->offsets, t, st->offset);
	return t;
}

/*
 * Reads an order's created_at cell v into *st: joined with the created_time
 * cell when the export gives the time apart, with the row's date_order when
 * the export says it per row.
 */
static int order_stamp(struct eg_extract_input *x, const struct eg_extract_field *v,
		       struct eg_stamp *st, struct eg_error *e)
{
	enum eg_date_order order = x->dates;
	char joined[EG_EXTRACT_FIELD_BUFSZ];
	const char *text = v->text, *s;
	size_t len = v->len, n;

	if (x->col[EG_SF_DATE_ORDER] >= 0) {
		s = eg_extract_row_value(x, EG_SF_DATE_ORDER, &n);
		if (n == 2 && (s[0] == 'u' || s[0] == 'U'))
			order = EG_DATES_US;
		else if (n == 2 && (s[0] == 'e' || s[0] == 'E'))
			order = EG_DATES_EU;
	}
	if (x->col[EG_SF_CREATED_TIME] >= 0) {
		s = eg_extract_row_value(x, EG_SF_CREATED_TIME, &n);
		if (n && len + 1 + n < sizeof(joined)) {
			memcpy(joined, v->text, len);
			joined[len] = ' ';
			memcpy(joined + len + 1, s, n);
			text = joined;
			len += 1 + n;
		}
	}
	return eg_extract_value_time(x->values, text, len, order, st, e);
}

const char *eg_extract_row_read(struct eg_extract_input *x, int f, struct eg_extract_field *v,
				char *why, size_t whysz)
{
	const struct eg_field_spec *spec = &x->map->fields[f];
	struct eg_error e;
	struct eg_stamp st;
	size_t i;
	int rc;

	v->text = eg_extract_row_value(x, f, &v->len);
	v->present = v->len > 0;
	v->num = 0;
	switch (spec->type) {
	case EG_FT_TEXT: return NULL;
	case EG_FT_REF:
		if (v->len && v->text[0] == '\'') {
			v->text++;
			v->len--;
			v->present = v->len > 0;
		}
		/* A customer id or name is a customer key: as personal as an email. */
		if (x->pseudonym && v->present && keyed_when_read(x, f)) {
			eg_pseudonym_text(x->pseudonym, v->text, v->len, v->buf);
			v->text = v->buf;
			v->len = strlen(v->buf);
		}
		return NULL;
	case EG_FT_PHONE:
		v->len = eg_phone_key(v->text, v->len, v->buf);
		v->present = v->len > 0;
		if (x->pseudonym && v->present) {
			eg_pseudonym_text(x->pseudonym, v->buf, v->len, x->pseudo);
			memcpy(v->buf, x->pseudo, EG_PSEUDONYM_SIZE);
			v->len = strlen(v->buf);
		}
		v->text = v->buf;
		return NULL;
	case EG_FT_WORD:
		lower(v);
		if (!v->present || !spec->allowed)
			return NULL;
		for (i = 0; spec->allowed[i]; i++)
			if (strlen(spec->allowed[i]) == v->len &&
			    memcmp(spec->allowed[i], v->text, v->len) == 0)
				return NULL;
		snprintf(why, whysz, "column '%s': '%.*s' is not a known %s",
			 eg_extract_row_column(x, f), (int)(v->len > 64 ? 64 : v->len), v->text,
			 spec->name);
		return "bad_value";
	case EG_FT_BOOL: {
		const char *b = eg_extract_value_bool(v->text, v->len);

		if (!b) {
			snprintf(why, whysz, "column '%s': '%.*s' is not yes or no",
				 eg_extract_row_column(x, f), (int)(v->len > 64 ? 64 : v->len),
				 v->text);
			return "bad_value";
		}
		v->text = b;
		v->len = strlen(b);
		v->present = v->len > 0;
		return NULL;
	}
	case EG_FT_CURRENCY:
		if (!v->present)
			return NULL;
		if (v->len != 3) {
			snprintf(why, whysz, "column '%s': '%.*s' is not a currency code",
				 eg_extract_row_column(x, f), (int)(v->len > 64 ? 64 : v->len),
				 v->text);
			return "bad_value";
		}
		for (i = 0; i < 3; i++) {
			char c = v->text[i];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c < 'A' || c > 'Z') {
				snprintf(why, whysz, "column '%s': '%.3s' is not a currency code",
					 eg_extract_row_column(x, f), v->text);
				return "bad_value";
			}
			v->buf[i] = c;
		}
		v->buf[3] = '\0';
		v->text = v->buf;
		return NULL;
	default: break;
	}
	if (eg_extract_value_is_blank(v->text, v->len)) {
		v->text = "";
		v->len = 0;
		v->present = 0;
		return NULL;
	}
	switch (spec->type) {
	case EG_FT_TIME:
	case EG_FT_DATE:
		if (x->map->table == EG_TABLE_ORDERS && f == EG_SF_CREATED_AT)
			rc = order_stamp(x, v, &st, &e);
		else
			rc = eg_extract_value_time(x->values, v->text, v->len, x->dates, &st, &e);
		if (rc != EG_OK)
			return fail(x, f, "bad_date", e.message, why, whysz);
		if (spec->type == EG_FT_DATE) {
			snprintf(v->buf, sizeof(v->buf), "%04lld-%02u-%02u", (long long)st.year,
				 st.month, st.day);
			v->num = eg_days_from_civil(st.year, st.month, st.day);
		} else {
			v->num = eg_extract_row_utc(x, &st, v->text, v->len);
			if (!eg_time_in_range(v->num))
				return fail(x, f, "bad_date",
					    "its UTC offset moves it out of years 1 to 9999", why,
					    whysz);
			eg_time_format(v->num, v->buf);
		}
		break;
	case EG_FT_MONEY:
		if (eg_extract_value_amount(v->text, v->len, &x->number, &v->num, &e) != EG_OK)
			return fail(x, f, "bad_amount", e.message, why, whysz);
		eg_money_format(v->num, v->buf);
		break;
	case EG_FT_RATE:
		if (eg_extract_value_rate(v->text, v->len, &x->number, &v->num, &e) != EG_OK)
			return fail(x, f, "bad_number", e.message, why, whysz);
		/* kept as exported when plainly written: more decimals than money has */
		if (strspn(v->text, "0123456789.") != v->len || v->len >= sizeof(v->buf)) {
			eg_money_format(v->num, v->buf);
		} else {
			memcpy(v->buf, v->text, v->len);
			v->buf[v->len] = '\0';
		}
		break;
	case EG_FT_COUNT:
		rc = eg_extract_value_count(v->text, v->len, &x->number, &v->num, &e);
		goto integer;
	case EG_FT_SECONDS:
		rc = eg_extract_value_seconds(v->text, v->len, &x->number, &v->num, &e);
		goto integer;
	case EG_FT_INTEGER:
		rc = eg_extract_value_amount(v->text, v->len, &x->number, &v->num, &e);
		if (rc == EG_OK && v->num % EG_MONEY_SCALE != 0) {
			snprintf(e.message, sizeof(e.message),
				 "invalid number '%.*s': not a whole number",
				 (int)(v->len > 64 ? 64 : v->len), v->text);
			rc = EG_EDATA;
		} else if (rc == EG_OK) {
			v->num /= EG_MONEY_SCALE;
		} else {
			snprintf(e.message, sizeof(e.message),
				 "invalid number '%.*s': not a number",
				 (int)(v->len > 64 ? 64 : v->len), v->text);
		}
	integer:
		if (rc != EG_OK)
			return fail(x, f, "bad_number", e.message, why, whysz);
		snprintf(v->buf, sizeof(v->buf), "%lld", (long long)v->num);
		break;
	default: return NULL;
	}
	v->text = v->buf;
	v->len = strlen(v->buf);
	return NULL;
}

void eg_extract_row_phone(struct eg_extract_input *x, struct eg_extract_field *v)
{
	static const int fields[] = { EG_SF_PHONE, EG_SF_BILLING_PHONE, EG_SF_SHIPPING_PHONE };
	char why[8];
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!eg_extract_row_read(x, fields[i], v, why, sizeof(why)) && v->present)
			return;
}

int eg_extract_row_relay_email(struct eg_extract_input *x)
{
	size_t len;
	const char *s = eg_csv_reader_field(x->r, x->col[EG_SF_EMAIL], &len);

	while (len && is_space(*s))
		s++, len--;
	if (!relay_address(x, EG_SF_EMAIL, s, len))
		return 0;
	x->relay_emails++;
	return 1;
}
