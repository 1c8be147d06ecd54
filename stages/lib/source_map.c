/*
 * source_map.c - parsing mapping files, the fields each layout and table
 * offers them, and matching mappings against headers.
 *
 * A file is read in two passes: the first takes every line apart and keeps
 * the lines that name a field; once the whole file is read (so `layout` and
 * `table` are known wherever they appear) the second resolves those field
 * names and compiles their patterns.
 */
#include "engage/source_map.h"
#include "engage/path.h"
#include "engage/strbuf.h"
#include "engage/tables.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_table_names[EG_TABLE_COUNT] = {
	"orders",  "sessions", "email_events", "email_campaigns", "responses",
	"tickets", "profiles", "loyalty",      "spend",		  "platform_report",
	"email_rates", "email_flows",
};

static const char *const layout_names[] = { "line_items", "orders", "records", "ga4", "unused" };

static const char *const email_event_words[] = { "sent",	"open",	  "click",
						 "unsubscribe", "bounce", NULL };
static const char *const kind_words[] = { "nps", "csat", "ces", NULL };
static const char *const period_words[] = { "day", "week", "month", "range", NULL };
static const char *const satisfaction_words[] = { "satisfied", "dissatisfied", "offered", NULL };
static const char *const email_status_words[] = { "subscribed", "unsubscribed", "cleaned",
						  "pending", NULL };

static const char *const date_orders[] = { "us", "eu", NULL };

static const struct eg_field_spec order_fields[EG_SF_COUNT] = {
	{ "order_id", EG_FT_TEXT, NULL },      { "customer_ref", EG_FT_REF, NULL },
	{ "email", EG_FT_TEXT, NULL },	       { "created_at", EG_FT_TIME, NULL },
	{ "currency", EG_FT_CURRENCY, NULL },  { "subtotal", EG_FT_MONEY, NULL },
	{ "discount", EG_FT_MONEY, NULL },     { "shipping", EG_FT_MONEY, NULL },
	{ "tax", EG_FT_MONEY, NULL },	       { "total", EG_FT_MONEY, NULL },
	{ "refunded", EG_FT_MONEY, NULL },     { "financial_status", EG_FT_WORD, NULL },
	{ "cancelled_at", EG_FT_TEXT, NULL },  { "payment_method", EG_FT_TEXT, NULL },
	{ "discount_code", EG_FT_TEXT, NULL }, { "accepts_marketing", EG_FT_BOOL, NULL },
	{ "sku", EG_FT_TEXT, NULL },	       { "product", EG_FT_TEXT, NULL },
	{ "quantity", EG_FT_INTEGER, NULL },   { "unit_price", EG_FT_MONEY, NULL },
	{ "country", EG_FT_TEXT, NULL },       { "refunded_at", EG_FT_TIME, NULL },
	{ "cancelled", EG_FT_BOOL, NULL },     { "items", EG_FT_COUNT, NULL },
	{ "units", EG_FT_COUNT, NULL },	       { "order_name", EG_FT_TEXT, NULL },
	{ "phone", EG_FT_PHONE, NULL },	       { "billing_phone", EG_FT_PHONE, NULL },
	{ "shipping_phone", EG_FT_PHONE, NULL }, { "duties", EG_FT_MONEY, NULL },
	{ "adjusted_total", EG_FT_MONEY, NULL }, { "other_email", EG_FT_TEXT, NULL },
	{ "created_time", EG_FT_TEXT, NULL },	 { "date_order", EG_FT_WORD, date_orders },
	{ "customer_name", EG_FT_REF, NULL },	 { "packed_item", EG_FT_TEXT, NULL },
};

static const struct eg_field_spec session_fields[] = {
	{ "date", EG_FT_DATE, NULL },
	{ "channel", EG_FT_TEXT, NULL },
	{ "users", EG_FT_COUNT, NULL },
	{ "new_users", EG_FT_COUNT, NULL },
	{ "sessions", EG_FT_COUNT, NULL },
	{ "engaged_sessions", EG_FT_COUNT, NULL },
	{ "engagement_seconds", EG_FT_SECONDS, NULL },
	{ "product_views", EG_FT_COUNT, NULL },
	{ "add_to_carts", EG_FT_COUNT, NULL },
	{ "checkouts", EG_FT_COUNT, NULL },
	{ "purchases", EG_FT_COUNT, NULL },
	{ "revenue", EG_FT_MONEY, NULL },
	{ "currency", EG_FT_CURRENCY, NULL },
	{ "period", EG_FT_WORD, period_words },
	{ "period_end", EG_FT_DATE, NULL },
};

static const struct eg_field_spec email_event_fields[] = {
	{ "email", EG_FT_TEXT, NULL },
	{ "campaign", EG_FT_TEXT, NULL },
	{ "event", EG_FT_WORD, email_event_words },
	{ "occurred_at", EG_FT_TIME, NULL },
	{ "campaign_id", EG_FT_REF, NULL },
	{ "url", EG_FT_TEXT, NULL },
};

static const struct eg_field_spec email_campaign_fields[] = {
	{ "campaign_id", EG_FT_REF, NULL },   { "campaign", EG_FT_TEXT, NULL },
	{ "subject", EG_FT_TEXT, NULL },      { "sent_at", EG_FT_TIME, NULL },
	{ "channel", EG_FT_WORD, NULL },      { "recipients", EG_FT_COUNT, NULL },
	{ "delivered", EG_FT_COUNT, NULL },   { "unique_opens", EG_FT_COUNT, NULL },
	{ "opens", EG_FT_COUNT, NULL },	      { "unique_clicks", EG_FT_COUNT, NULL },
	{ "clicks", EG_FT_COUNT, NULL },      { "unsubscribes", EG_FT_COUNT, NULL },
	{ "bounces", EG_FT_COUNT, NULL },     { "spam_complaints", EG_FT_COUNT, NULL },
	{ "orders", EG_FT_COUNT, NULL },      { "revenue", EG_FT_MONEY, NULL },
	{ "currency", EG_FT_CURRENCY, NULL }, { "apple_opens", EG_FT_COUNT, NULL },
	{ "unique_apple_opens", EG_FT_COUNT, NULL },
};

static const struct eg_field_spec response_fields[] = {
	{ "email", EG_FT_TEXT, NULL },	    { "kind", EG_FT_WORD, kind_words },
	{ "score", EG_FT_INTEGER, NULL },   { "scale_max", EG_FT_COUNT, NULL },
	{ "comment", EG_FT_TEXT, NULL },    { "responded_at", EG_FT_TIME, NULL },
	{ "response_id", EG_FT_REF, NULL },
};

static const struct eg_field_spec ticket_fields[] = {
	{ "ticket_id", EG_FT_REF, NULL },
	{ "email", EG_FT_TEXT, NULL },
	{ "created_at", EG_FT_TIME, NULL },
	{ "solved_at", EG_FT_TIME, NULL },
	{ "channel", EG_FT_WORD, NULL },
	{ "status", EG_FT_WORD, NULL },
	{ "satisfaction", EG_FT_WORD, satisfaction_words },
};

static const struct eg_field_spec profile_fields[] = {
	{ "customer_ref", EG_FT_REF, NULL },
	{ "email", EG_FT_TEXT, NULL },
	{ "accepts_marketing", EG_FT_BOOL, NULL },
	{ "accepts_sms", EG_FT_BOOL, NULL },
	{ "orders", EG_FT_COUNT, NULL },
	{ "total_spent", EG_FT_MONEY, NULL },
	{ "currency", EG_FT_CURRENCY, NULL },
	{ "country", EG_FT_TEXT, NULL },
	{ "tags", EG_FT_TEXT, NULL },
	{ "created_at", EG_FT_TIME, NULL },
	{ "email_status", EG_FT_WORD, email_status_words },
	{ "email_rating", EG_FT_COUNT, NULL },
};

static const struct eg_field_spec loyalty_fields[] = {
	{ "email", EG_FT_TEXT, NULL },	   { "customer_ref", EG_FT_REF, NULL },
	{ "points", EG_FT_INTEGER, NULL }, { "tier", EG_FT_TEXT, NULL },
	{ "joined_at", EG_FT_TIME, NULL }, { "referrals", EG_FT_COUNT, NULL },
	{ "status", EG_FT_WORD, NULL },
};

static const struct eg_field_spec spend_fields[] = {
	{ "date", EG_FT_DATE, NULL },
	{ "period", EG_FT_WORD, period_words },
	{ "period_end", EG_FT_DATE, NULL },
	{ "channel", EG_FT_WORD, NULL },
	{ "campaign", EG_FT_TEXT, NULL },
	{ "amount", EG_FT_MONEY, NULL },
	{ "currency", EG_FT_CURRENCY, NULL },
	{ "impressions", EG_FT_COUNT, NULL },
	{ "clicks", EG_FT_COUNT, NULL },
	{ "purchases", EG_FT_COUNT, NULL },
	{ "purchase_value", EG_FT_MONEY, NULL },
	{ "status", EG_FT_WORD, NULL },
};

static const struct eg_field_spec platform_report_fields[] = {
	{ "date", EG_FT_DATE, NULL },	    { "period", EG_FT_WORD, period_words },
	{ "period_end", EG_FT_DATE, NULL }, { "measure", EG_FT_WORD, NULL },
	{ "segment", EG_FT_WORD, NULL },    { "value", EG_FT_COUNT, NULL },
};

static const struct eg_field_spec email_rate_fields[] = {
	{ "date", EG_FT_DATE, NULL },	     { "period", EG_FT_WORD, period_words },
	{ "period_end", EG_FT_DATE, NULL },  { "list_id", EG_FT_REF, NULL },
	{ "list", EG_FT_TEXT, NULL },	     { "channel", EG_FT_WORD, NULL },
	{ "open_rate", EG_FT_RATE, NULL },   { "click_rate", EG_FT_RATE, NULL },
	{ "order_value", EG_FT_MONEY, NULL }, { "currency", EG_FT_CURRENCY, NULL },
};

static const struct eg_field_spec email_flow_fields[] = {
	{ "date", EG_FT_DATE, NULL },
	{ "period", EG_FT_WORD, period_words },
	{ "period_end", EG_FT_DATE, NULL },
	{ "flow_id", EG_FT_REF, NULL },
	{ "flow", EG_FT_TEXT, NULL },
	{ "message_id", EG_FT_REF, NULL },
	{ "message", EG_FT_TEXT, NULL },
	{ "channel", EG_FT_WORD, NULL },
	{ "status", EG_FT_WORD, NULL },
	{ "recipients", EG_FT_COUNT, NULL },
	{ "unique_opens", EG_FT_COUNT, NULL },
	{ "opens", EG_FT_COUNT, NULL },
	{ "apple_opens", EG_FT_COUNT, NULL },
	{ "unique_apple_opens", EG_FT_COUNT, NULL },
	{ "unique_clicks", EG_FT_COUNT, NULL },
	{ "clicks", EG_FT_COUNT, NULL },
	{ "unsubscribes", EG_FT_COUNT, NULL },
	{ "bounces", EG_FT_COUNT, NULL },
	{ "spam_complaints", EG_FT_COUNT, NULL },
	{ "orders", EG_FT_COUNT, NULL },
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* A table's mappable fields are its columns up to source, source_file, source_line. */
_Static_assert(COUNT_OF(session_fields) + 3 == EG_SESSION_NCOLS, "sessions fields");
_Static_assert(COUNT_OF(email_event_fields) + 3 == EG_EMAIL_EVENT_NCOLS, "email_events fields");
_Static_assert(COUNT_OF(email_campaign_fields) + 3 == EG_CAMPAIGN_NCOLS, "email_campaigns fields");
_Static_assert(COUNT_OF(response_fields) + 3 == EG_RESPONSE_NCOLS, "responses fields");
_Static_assert(COUNT_OF(ticket_fields) + 3 == EG_TICKET_NCOLS, "tickets fields");
_Static_assert(COUNT_OF(profile_fields) + 3 == EG_PROFILE_NCOLS, "profiles fields");
_Static_assert(COUNT_OF(loyalty_fields) + 3 == EG_LOYALTY_NCOLS, "loyalty fields");
_Static_assert(COUNT_OF(spend_fields) + 3 == EG_SPEND_NCOLS, "spend fields");
_Static_assert(COUNT_OF(platform_report_fields) + 3 == EG_PLATFORM_NCOLS, "platform fields");
_Static_assert(COUNT_OF(email_rate_fields) + 3 == EG_RATE_NCOLS, "email_rates fields");
_Static_assert(COUNT_OF(email_flow_fields) + 3 == EG_FLOW_NCOLS, "email_flows fields");
_Static_assert(EG_SF_COUNT <= EG_SOURCE_MAX_FIELDS, "order fields");

const struct eg_field_spec *eg_source_fields(enum eg_layout layout, enum eg_table table, size_t *n)
{
	static const struct {
		const struct eg_field_spec *f;
		size_t n;
	} tables[EG_TABLE_COUNT] = {
		{ NULL, 0 },
		{ session_fields, COUNT_OF(session_fields) },
		{ email_event_fields, COUNT_OF(email_event_fields) },
		{ email_campaign_fields, COUNT_OF(email_campaign_fields) },
		{ response_fields, COUNT_OF(response_fields) },
		{ ticket_fields, COUNT_OF(ticket_fields) },
		{ profile_fields, COUNT_OF(profile_fields) },
		{ loyalty_fields, COUNT_OF(loyalty_fields) },
		{ spend_fields, COUNT_OF(spend_fields) },
		{ platform_report_fields, COUNT_OF(platform_report_fields) },
		{ email_rate_fields, COUNT_OF(email_rate_fields) },
		{ email_flow_fields, COUNT_OF(email_flow_fields) },
	};

	*n = 0;
	if (layout == EG_LAYOUT_LINE_ITEMS || layout == EG_LAYOUT_ORDERS) {
		if (table != EG_TABLE_ORDERS)
			return NULL;
		*n = EG_SF_COUNT;
		return order_fields;
	}
	if (table <= EG_TABLE_ORDERS || table >= EG_TABLE_COUNT)
		return NULL;
	*n = tables[table].n;
	return tables[table].f;
}

void eg_source_map_free(struct eg_source_map *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < EG_SOURCE_MAX_FIELDS; i++) {
		size_t k;

		for (k = 0; k < m->nalts[i]; k++)
			eg_pattern_free(m->alts[i][k]);
		free(m->alts[i]);
		eg_pattern_free(m->pattern[i]);
		free(m->pattern_text[i]);
		free(m->dflt[i]);
	}
	for (i = 0; i < m->nvalues; i++) {
		eg_pattern_free(m->values[i].from);
		free(m->values[i].to);
	}
	free(m->values);
	for (i = 0; i < m->nskips; i++) {
		eg_pattern_free(m->skips[i].match);
		free(m->skips[i].text);
		free(m->skips[i].reason);
	}
	free(m->skips);
	for (i = 0; i < m->nonlys; i++)
		eg_pattern_free(m->onlys[i].match);
	free(m->onlys);
	for (i = 0; i < m->nfile_values; i++) {
		eg_pattern_free(m->file_values[i].from);
		free(m->file_values[i].to);
	}
	free(m->file_values);
	eg_pattern_free(m->test);
	for (i = 0; m->own_fields && i < m->nfields; i++)
		free((char *)m->own_fields[i].name);
	free(m->own_fields);
	for (i = 0; i < m->nperiods; i++)
		eg_pattern_free(m->periods[i].header);
	free(m->name);
	free(m->title);
	free(m->path);
	free(m->timezone);
	free(m);
}

/* Strips white space at both ends of s in place; returns s. */
static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int eg_source_map_field(const struct eg_source_map *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nfields; i++)
		if (strcmp(m->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* A line that names a field, kept until the layout and table are known. */
struct pending {
	char key[8]; /* need, column, default, value, file, skip, only or test */
	char *field; /* field name, owned */
	char *value; /* pattern or value, owned */
	char *extra; /* value: TO; file: VALUE; skip: REASON; only: OTHER; owned, else NULL */
	long line;   /* line in the mapping file */
};

/* Parser state of one mapping file. */
struct parse {
	struct eg_source_map *m; /* the map being built */
	const char *path;	 /* for messages */
	struct pending *lines;	 /* field lines in file order, owned */
	size_t nlines;		 /* entries at lines */
	int have_layout;	 /* a layout line was read */
	int have_table;		 /* a table line was read */
};

static int bad(struct eg_error *err, const char *path, long line, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	return eg_error_set(err, EG_EUSAGE, path, line, 0, "%s", msg);
}

static int oom(struct eg_error *err)
{
	return eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
}

/* Keeps a field line for the second pass. */
static int keep(struct parse *ps, const char *key, const char *field, const char *value,
		const char *extra, long line, struct eg_error *err)
{
	struct pending *p = realloc(ps->lines, (ps->nlines + 1) * sizeof(*p));

	if (!p)
		return oom(err);
	ps->lines = p;
	p = &ps->lines[ps->nlines];
	memset(p, 0, sizeof(*p));
	snprintf(p->key, sizeof(p->key), "%s", key);
	p->line = line;
	p->field = strdup(field);
	p->value = strdup(value);
	p->extra = extra ? strdup(extra) : NULL;
	ps->nlines++;
	if (!p->field || !p->value || (extra && !p->extra))
		return oom(err);
	return EG_OK;
}

static int is_reason(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* Handles a line naming a field: takes it apart and keeps it. */
static int field_line(struct parse *ps, const char *key, char *rest, long line,
		      struct eg_error *err)
{
	char *eq, *field, *value, *extra = NULL, *as;

	if (strcmp(key, "value") == 0 || strcmp(key, "file") == 0) {
		/* value FIELD FROM = TO: FROM may hold spaces, TO may be empty (file alike). */
		field = rest;
		while (*rest && !isspace((unsigned char)*rest))
			rest++;
		if (*rest)
			*rest++ = '\0';
		eq = strrchr(rest, '=');
		if (!*field || !eq)
			return bad(err, ps->path, line, "expected '%s FIELD FROM = TO'", key);
		*eq = '\0';
		value = trim(rest);
		extra = trim(eq + 1);
		if (!*value)
			return bad(err, ps->path, line, "expected '%s FIELD FROM = TO'", key);
		return keep(ps, key, field, value, extra, line, err);
	}
	if (strcmp(key, "only") == 0) {
		/* only FIELD when OTHER = PATTERN */
		field = rest;
		while (*rest && !isspace((unsigned char)*rest))
			rest++;
		if (*rest)
			*rest++ = '\0';
		rest = trim(rest);
		eq = strchr(rest, '=');
		if (!*field || strncmp(rest, "when ", 5) != 0 || !eq)
			return bad(err, ps->path, line, "%s",
				   "expected 'only FIELD when OTHER = PATTERN'");
		*eq = '\0';
		extra = trim(rest + 5);
		value = trim(eq + 1);
		if (!*extra || !*value)
			return bad(err, ps->path, line, "%s",
				   "expected 'only FIELD when OTHER = PATTERN'");
		return keep(ps, key, field, value, extra, line, err);
	}
	eq = strchr(rest, '=');
	if (!eq)
		return bad(err, ps->path, line, "expected '%s FIELD = ...'", key);
	*eq = '\0';
	field = trim(rest);
	value = trim(eq + 1);
	if (strcmp(key, "skip") == 0) {
		/* skip FIELD = PATTERN as REASON: the last " as " ends the pattern. */
		for (as = value + strlen(value); as > value; as--)
			if (strncmp(as, " as ", 4) == 0)
				break;
		if (as == value)
			return bad(err, ps->path, line, "%s",
				   "expected 'skip FIELD = PATTERN as REASON'");
		*as = '\0';
		extra = trim(as + 4);
		value = trim(value);
		if (!is_reason(extra))
			return bad(err, ps->path, line,
				   "reason '%s' is not a code of a-z, 0-9 and _", extra);
	}
	if (!*field || (!*value && strcmp(key, "default") != 0))
		return bad(err, ps->path, line, "expected '%s FIELD = ...'", key);
	return keep(ps, key, field, value, extra, line, err);
}

/* Handles a `period KIND [= PATTERN]` line. */
static int period_line(struct parse *ps, char *rest, long line, struct eg_error *err)
{
	struct eg_source_map *m = ps->m;
	struct eg_source_map_period *p = &m->periods[m->nperiods];
	char *eq = strchr(rest, '='), *kind = rest;
	int rc;

	if (eq)
		*eq = '\0';
	kind = trim(kind);
	if (m->nperiods == EG_SOURCE_MAX_PERIODS)
		return bad(err, ps->path, line, "more than %s period lines", "8");
	if (eg_period_kind_parse(kind, &p->kind) != 0)
		return bad(err, ps->path, line,
			   "unknown period '%s' (day, week, month, range, week_number, nth_day, "
			   "nth_week or year)",
			   kind);
	p->header = NULL;
	if (eq && *trim(eq + 1)) {
		rc = eg_pattern_new(&p->header, trim(eq + 1),
				    EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED, err);
		if (rc != EG_OK) {
			err->line = line;
			snprintf(err->file, sizeof(err->file), "%s", ps->path);
			return rc;
		}
	}
	m->nperiods++;
	return EG_OK;
}

/* Handles one non-blank, non-comment line of a mapping file. */
static int parse_line(struct parse *ps, char *text, long line, struct eg_error *err)
{
	struct eg_source_map *m = ps->m;
	const char *path = ps->path;
	char *key = text, *rest = text;
	size_t i;

	while (*rest && !isspace((unsigned char)*rest))
		rest++;
	if (*rest)
		*rest++ = '\0';
	rest = trim(rest);
	if (strcmp(key, "need") == 0 || strcmp(key, "column") == 0 || strcmp(key, "test") == 0 ||
	    strcmp(key, "default") == 0 || strcmp(key, "value") == 0 || strcmp(key, "skip") == 0 ||
	    strcmp(key, "file") == 0 || strcmp(key, "only") == 0)
		return field_line(ps, key, rest, line, err);
	if (!*rest)
		return bad(err, path, line, "'%s' needs a value", key);
	if (strcmp(key, "source") == 0) {
		if (m->name)
			return bad(err, path, line, "%s", "a second 'source' line");
		m->name = strdup(rest);
		return m->name ? EG_OK : oom(err);
	}
	if (strcmp(key, "title") == 0) {
		if (m->title)
			return bad(err, path, line, "%s", "a second 'title' line");
		m->title = strdup(rest);
		return m->title ? EG_OK : oom(err);
	}
	if (strcmp(key, "layout") == 0) {
		if (ps->have_layout)
			return bad(err, path, line, "%s", "a second 'layout' line");
		for (i = 0; i < COUNT_OF(layout_names); i++)
			if (strcmp(rest, layout_names[i]) == 0) {
				m->layout = (enum eg_layout)i;
				ps->have_layout = 1;
				return EG_OK;
			}
		return bad(err, path, line,
			   "unknown layout '%s' (known: line_items, orders, records, ga4, unused)",
			   rest);
	}
	if (strcmp(key, "table") == 0) {
		if (ps->have_table)
			return bad(err, path, line, "%s", "a second 'table' line");
		for (i = 1; i < EG_TABLE_COUNT; i++)
			if (strcmp(rest, eg_table_names[i]) == 0) {
				m->table = (enum eg_table)i;
				ps->have_table = 1;
				return EG_OK;
			}
		return bad(err, path, line,
			   "unknown table '%s' (known: sessions, email_events, email_campaigns, "
			   "responses, tickets, profiles, loyalty, spend, platform_report, "
			   "email_rates, email_flows)",
			   rest);
	}
	if (strcmp(key, "dates") == 0) {
		if (strcmp(rest, "iso") == 0 || strcmp(rest, "compact") == 0)
			m->dates = EG_DATES_ISO;
		else if (strcmp(rest, "us") == 0)
			m->dates = EG_DATES_US;
		else if (strcmp(rest, "eu") == 0)
			m->dates = EG_DATES_EU;
		else
			return bad(err, path, line,
				   "unknown date order '%s' (iso, us, eu or compact)", rest);
		m->dates_set = 1;
		return EG_OK;
	}
	if (strcmp(key, "decimal") == 0) {
		if (strcmp(rest, "auto") == 0)
			m->number.decimal = 0;
		else if (strcmp(rest, ".") == 0 || strcmp(rest, ",") == 0)
			m->number.decimal = rest[0];
		else
			return bad(err, path, line,
				   "decimal separator '%s' is not '.', ',' or auto", rest);
		return EG_OK;
	}
	if (strcmp(key, "thousands") == 0) {
		if (strcmp(rest, "none") == 0)
			m->number.thousands = 0;
		else if (strcmp(rest, "space") == 0)
			m->number.thousands = ' ';
		else if (strcmp(rest, ",") == 0 || strcmp(rest, ".") == 0 || strcmp(rest, "'") == 0)
			m->number.thousands = rest[0];
		else
			return bad(err, path, line,
				   "thousands separator '%s' is not , . ' space or none", rest);
		return EG_OK;
	}
	if (strcmp(key, "delimiter") == 0) {
		if (strcmp(rest, "tab") == 0)
			m->delimiter = '\t';
		else if (strcmp(rest, ",") == 0 || strcmp(rest, ";") == 0 || strcmp(rest, "|") == 0)
			m->delimiter = rest[0];
		else
			return bad(err, path, line, "delimiter '%s' is not , ; | or tab", rest);
		return EG_OK;
	}
	if (strcmp(key, "currency") == 0) {
		if (strlen(rest) != 3)
			return bad(err, path, line, "currency '%s' is not a 3-letter code", rest);
		for (i = 0; i < 3; i++)
			m->currency[i] = (char)toupper((unsigned char)rest[i]);
		m->currency[3] = '\0';
		return EG_OK;
	}
	if (strcmp(key, "timezone") == 0) {
		free(m->timezone);
		m->timezone = strdup(rest);
		return m->timezone ? EG_OK : oom(err);
	}
	if (strcmp(key, "period") == 0)
		return period_line(ps, rest, line, err);
	return bad(err, path, line, "unknown key '%s'", key);
}

/* Compiles a pattern of a mapping line, naming the line on failure. */
static int compile(struct parse *ps, const struct pending *p, const char *regex, unsigned flags,
		   struct eg_pattern **out, struct eg_error *err)
{
	int rc = eg_pattern_new(out, regex, flags, err);

	if (rc != EG_OK) {
		err->line = p->line;
		snprintf(err->file, sizeof(err->file), "%s", ps->path);
	}
	return rc;
}

/*
 * Compiles each top-level alternative of field f's pattern on its own (a |
 * outside parentheses, brackets and escapes separates them), so a header
 * can be bound to the first alternative that names one of its columns.
 */
static int compile_alternatives(struct parse *ps, const struct pending *p, struct eg_source_map *m,
				int f, struct eg_error *err)
{
	const char *s = p->value, *start = s;
	int depth = 0, in_class = 0, rc = EG_OK;
	char *alt;

	for (;; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (in_class) {
			in_class = *s != ']';
			if (*s)
				continue;
		}
		if (*s == '[')
			in_class = 1;
		else if (*s == '(')
			depth++;
		else if (*s == ')' && depth)
			depth--;
		if (*s && (*s != '|' || depth))
			continue;
		{
			struct eg_pattern **a = realloc(m->alts[f], (m->nalts[f] + 1) * sizeof(*a));

			if (!a)
				return oom(err);
			m->alts[f] = a;
		}
		alt = strndup(start, (size_t)(s - start));
		if (!alt)
			return oom(err);
		rc = compile(ps, p, alt, EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED,
			     &m->alts[f][m->nalts[f]], err);
		free(alt);
		if (rc != EG_OK)
			return rc;
		m->nalts[f]++;
		if (!*s)
			return EG_OK;
		start = s + 1;
	}
}

/*
 * Appends line p's rule for field f (pattern p->value compiled with flags,
 * value p->extra) to the rules at *rules, *n of them.
 */
static int add_value_rule(struct parse *ps, const struct pending *p, int f, unsigned flags,
			  struct eg_source_map_value **rules, size_t *n, struct eg_error *err)
{
	struct eg_source_map_value *v = realloc(*rules, (*n + 1) * sizeof(*v));

	if (!v)
		return oom(err);
	*rules = v;
	v = &v[*n];
	memset(v, 0, sizeof(*v));
	v->field = f;
	v->to = strdup(p->extra);
	++*n;
	if (!v->to)
		return oom(err);
	return compile(ps, p, p->value, flags, &v->from, err);
}

/* Appends line p's `only` rule for field f (the rows whose p->extra cell matches p->value). */
static int add_only_rule(struct parse *ps, const struct pending *p, int f, struct eg_error *err)
{
	struct eg_source_map *m = ps->m;
	struct eg_source_map_only *o;
	int when = eg_source_map_field(m, p->extra);

	if (m->layout != EG_LAYOUT_RECORDS && m->layout != EG_LAYOUT_GA4)
		return bad(err, ps->path, p->line, "%s",
			   "'only' lines are for the records and ga4 layouts");
	if (when < 0)
		return eg_error_set(err, EG_EUSAGE, ps->path, p->line, 0,
				    "unknown field '%s' after 'when'", p->extra);
	o = realloc(m->onlys, (m->nonlys + 1) * sizeof(*o));
	if (!o)
		return oom(err);
	m->onlys = o;
	o = &m->onlys[m->nonlys++];
	memset(o, 0, sizeof(*o));
	o->field = f;
	o->when = when;
	return compile(ps, p, p->value, EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED, &o->match, err);
}

/* Second pass: resolves the field lines against the layout's fields and compiles them. */
static int resolve(struct parse *ps, struct eg_error *err)
{
	struct eg_source_map *m = ps->m;
	const unsigned whole = EG_PATTERN_CASELESS | EG_PATTERN_ANCHORED;
	size_t i, k;
	int rc = EG_OK;

	for (i = 0; i < ps->nlines && rc == EG_OK; i++) {
		struct pending *p = &ps->lines[i];
		int f = eg_source_map_field(m, p->field);
		const char *key = p->key;

		if (f < 0) {
			char msg[600] = "";
			size_t used = 0;

			for (k = 0; k < m->nfields && used < sizeof(msg); k++)
				used += (size_t)snprintf(msg + used, sizeof(msg) - used, "%s%s",
							 k ? ", " : "", m->fields[k].name);
			return eg_error_set(
				err, EG_EUSAGE, ps->path, p->line, 0,
				"unknown field '%s' for %s %s (known: %s)", p->field,
				m->layout == EG_LAYOUT_LINE_ITEMS || m->layout == EG_LAYOUT_ORDERS
					? "layout"
					: "table",
				m->layout == EG_LAYOUT_LINE_ITEMS || m->layout == EG_LAYOUT_ORDERS
					? layout_names[m->layout]
					: eg_table_names[m->table],
				msg);
		}
		if (strcmp(key, "need") == 0 || strcmp(key, "column") == 0) {
			if (m->pattern[f])
				return bad(err, ps->path, p->line, "field '%s' mapped twice",
					   p->field);
			m->need[f] = key[0] == 'n';
			m->pattern_text[f] = strdup(p->value);
			if (!m->pattern_text[f])
				return oom(err);
			rc = compile(ps, p, p->value, whole, &m->pattern[f], err);
			if (rc == EG_OK)
				rc = compile_alternatives(ps, p, m, f, err);
		} else if (strcmp(key, "default") == 0) {
			if (m->dflt[f])
				return bad(err, ps->path, p->line,
					   "a second default for field '%s'", p->field);
			m->dflt[f] = strdup(p->value);
			if (!m->dflt[f])
				return oom(err);
		} else if (strcmp(key, "test") == 0) {
			if (m->test)
				return bad(err, ps->path, p->line, "%s", "a second 'test' line");
			m->test_field = f;
			rc = compile(ps, p, p->value, EG_PATTERN_CASELESS, &m->test, err);
		} else if (strcmp(key, "file") == 0) {
			rc = add_value_rule(ps, p, f, EG_PATTERN_CASELESS, &m->file_values,
					    &m->nfile_values, err);
		} else if (strcmp(key, "value") == 0) {
			m->has_rules[f] = 1;
			rc = add_value_rule(ps, p, f, whole, &m->values, &m->nvalues, err);
		} else if (strcmp(key, "only") == 0) {
			rc = add_only_rule(ps, p, f, err);
		} else {
			struct eg_source_map_skip *s =
				realloc(m->skips, (m->nskips + 1) * sizeof(*s));

			if (!s)
				return oom(err);
			m->skips = s;
			s = &m->skips[m->nskips];
			memset(s, 0, sizeof(*s));
			s->field = f;
			s->text = strdup(p->value);
			s->reason = strdup(p->extra);
			m->nskips++;
			if (!s->text || !s->reason)
				return oom(err);
			rc = compile(ps, p, p->value, whole, &s->match, err);
		}
	}
	if (rc != EG_OK)
		return rc;
	/* Rules read a column, so their field must have one. */
	for (i = 0; i < ps->nlines; i++) {
		struct pending *p = &ps->lines[i];
		int f = eg_source_map_field(m, p->field);

		if ((strcmp(p->key, "test") == 0 || strcmp(p->key, "skip") == 0) && !m->pattern[f])
			return eg_error_set(err, EG_EUSAGE, ps->path, p->line, 0,
					    "the '%s' field '%s' has no column", p->key, p->field);
		if (strcmp(p->key, "only") == 0 && !m->pattern[eg_source_map_field(m, p->extra)])
			return eg_error_set(err, EG_EUSAGE, ps->path, p->line, 0,
					    "the 'only' field '%s' after 'when' has no column",
					    p->extra);
	}
	return EG_OK;
}

/*
 * Layout unused: the fields are the names its need and column lines give
 * (they only identify the export), and it takes no table and no rules.
 */
static int unused_fields(struct parse *ps, struct eg_error *err)
{
	struct eg_source_map *m = ps->m;
	size_t i;

	if (ps->have_table)
		return bad(err, ps->path, 0, "%s",
			   "layout unused fills no table: it takes no 'table' line");
	m->own_fields = calloc(EG_SOURCE_MAX_FIELDS, sizeof(*m->own_fields));
	if (!m->own_fields)
		return oom(err);
	m->fields = m->own_fields;
	for (i = 0; i < ps->nlines; i++) {
		struct pending *p = &ps->lines[i];

		if (strcmp(p->key, "need") != 0 && strcmp(p->key, "column") != 0)
			return eg_error_set(err, EG_EUSAGE, ps->path, p->line, 0,
					    "layout unused reads no values: a '%s' line has no use",
					    p->key);
		if (eg_source_map_field(m, p->field) >= 0)
			continue; /* resolve says it is mapped twice */
		if (m->nfields == EG_SOURCE_MAX_FIELDS)
			return eg_error_set(err, EG_EUSAGE, ps->path, p->line, 0,
					    "more than %d columns", EG_SOURCE_MAX_FIELDS);
		m->own_fields[m->nfields].name = strdup(p->field);
		m->own_fields[m->nfields].type = EG_FT_TEXT;
		if (!m->own_fields[m->nfields++].name)
			return oom(err);
	}
	return EG_OK;
}

/* Checks what only the whole file can tell. */
static int finish(struct parse *ps, struct eg_error *err)
{
	struct eg_source_map *m = ps->m;
	int f, needs = 0, rc;
	int orders = m->layout == EG_LAYOUT_LINE_ITEMS || m->layout == EG_LAYOUT_ORDERS;

	if (!m->name)
		return bad(err, ps->path, 0, "%s", "no 'source NAME' line");
	if (!ps->have_layout)
		return bad(err, ps->path, 0, "%s", "no 'layout' line");
	if (orders && ps->have_table)
		return bad(err, ps->path, 0, "layout %s fills orders: it takes no 'table' line",
			   layout_names[m->layout]);
	if (m->layout == EG_LAYOUT_UNUSED) {
		rc = unused_fields(ps, err);
		if (rc != EG_OK)
			return rc;
	} else if (!orders && !ps->have_table)
		return bad(err, ps->path, 0, "layout %s needs a 'table' line",
			   layout_names[m->layout]);
	if (orders)
		m->table = EG_TABLE_ORDERS;
	if (m->layout != EG_LAYOUT_UNUSED)
		m->fields = eg_source_fields(m->layout, m->table, &m->nfields);
	rc = resolve(ps, err);
	if (rc != EG_OK)
		return rc;
	for (f = 0; f < (int)m->nfields; f++)
		needs += m->need[f];
	if (!needs)
		return bad(err, ps->path, 0, "%s", "no 'need' line: nothing identifies the source");
	return EG_OK;
}

static void parse_release(struct parse *ps)
{
	size_t i;

	for (i = 0; i < ps->nlines; i++) {
		free(ps->lines[i].field);
		free(ps->lines[i].value);
		free(ps->lines[i].extra);
	}
	free(ps->lines);
}

int eg_source_map_parse(struct eg_source_map **out, const char *name, const char *text,
			struct eg_error *err)
{
	struct parse ps;
	struct eg_source_map *m = calloc(1, sizeof(*m));
	char *copy = strdup(text), *line_start, *nl;
	long line = 0;
	int rc = EG_OK;

	memset(&ps, 0, sizeof(ps));
	if (!m || !copy) {
		free(copy);
		free(m);
		return oom(err);
	}
	ps.m = m;
	ps.path = name;
	m->test_field = -1;
	m->path = strdup(name);
	if (!m->path)
		rc = oom(err);
	for (line_start = copy; rc == EG_OK && line_start; line_start = nl ? nl + 1 : NULL) {
		char *t;

		nl = strchr(line_start, '\n');
		if (nl)
			*nl = '\0';
		line++;
		t = trim(line_start);
		if (*t && *t != '#')
			rc = parse_line(&ps, t, line, err);
	}
	if (rc == EG_OK)
		rc = finish(&ps, err);
	parse_release(&ps);
	free(copy);
	if (rc != EG_OK) {
		eg_source_map_free(m);
		return rc;
	}
	*out = m;
	return EG_OK;
}

int eg_source_map_load(struct eg_source_map **out, const char *path, struct eg_error *err)
{
	struct eg_strbuf b = { 0 };
	int rc = eg_strbuf_read_file(&b, path, (size_t)16 << 20, err);

	if (rc == EG_OK && b.len && memchr(b.s, '\0', b.len))
		rc = eg_error_set(err, EG_EUSAGE, path, 0, 0, "'%s' holds a NUL byte", path);
	if (rc == EG_OK)
		rc = eg_source_map_parse(out, path, b.s ? b.s : "", err);
	eg_strbuf_release(&b);
	return rc;
}

size_t eg_source_map_bind(const struct eg_source_map *m, const char *const *names, size_t ncols,
			  long *col)
{
	size_t missing = 0, i;
	size_t f;

	for (f = 0; f < EG_SOURCE_MAX_FIELDS; f++)
		col[f] = -1;
	for (f = 0; f < m->nfields; f++) {
		size_t a;

		for (a = 0; a < m->nalts[f] && col[f] < 0; a++)
			for (i = 0; i < ncols && col[f] < 0; i++)
				if (eg_pattern_match(m->alts[f][a], names[i], strlen(names[i])))
					col[f] = (long)i;
		missing += m->need[f] && col[f] < 0;
	}
	return missing;
}

const char *eg_source_map_translate(const struct eg_source_map *m, int f, const char *s, size_t len,
				    size_t *out_len)
{
	size_t i;

	if (m->has_rules[f])
		for (i = 0; i < m->nvalues; i++)
			if (m->values[i].field == f &&
			    eg_pattern_match(m->values[i].from, s, len)) {
				s = m->values[i].to;
				len = strlen(s);
				break;
			}
	if (len == 0 && m->dflt[f]) {
		s = m->dflt[f];
		len = strlen(s);
	}
	*out_len = len;
	return s;
}

const char *eg_source_map_file_value(const struct eg_source_map *m, int f, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i < m->nfile_values; i++)
		if (m->file_values[i].field == f &&
		    eg_pattern_match(m->file_values[i].from, base, strlen(base)))
			return m->file_values[i].to;
	return NULL;
}

enum eg_period_kind eg_source_map_period(const struct eg_source_map *m, const char *header)
{
	size_t i;

	for (i = 0; i < m->nperiods; i++)
		if (!m->periods[i].header ||
		    (header && eg_pattern_match(m->periods[i].header, header, strlen(header))))
			return m->periods[i].kind;
	return header && *header ? EG_PERIOD_DAY : EG_PERIOD_RANGE;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(struct eg_source_map *const *)a)->name,
		      (*(struct eg_source_map *const *)b)->name);
}

static int is_source_file(const char *name)
{
	size_t n = strlen(name);

	return n > 7 && strcmp(name + n - 7, ".source") == 0 && name[0] != '.';
}

int eg_source_set_load_dir(struct eg_source_set *set, const char *dir, struct eg_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i;
	int rc = EG_OK;

	if (!d)
		return eg_error_set(err, EG_EIO, dir, 0, 0,
				    "unable to read mapping folder '%s': %s", dir, strerror(errno));
	while (rc == EG_OK && (e = readdir(d))) {
		struct eg_source_map *m, **maps;
		char *path;

		if (!is_source_file(e->d_name))
			continue;
		path = eg_path_join(dir, e->d_name);
		if (!path) {
			rc = oom(err);
			break;
		}
		rc = eg_source_map_load(&m, path, err);
		free(path);
		if (rc != EG_OK)
			break;
		for (i = 0; i < set->n; i++)
			if (strcmp(set->maps[i]->name, m->name) == 0) {
				rc = eg_error_set(err, EG_EUSAGE, m->path, 0, 0,
						  "source '%s' is also defined in '%s'", m->name,
						  set->maps[i]->path);
				break;
			}
		maps = rc == EG_OK ? realloc(set->maps, (set->n + 1) * sizeof(*maps)) : NULL;
		if (!maps) {
			if (rc == EG_OK)
				rc = oom(err);
			eg_source_map_free(m);
			break;
		}
		set->maps = maps;
		set->maps[set->n++] = m;
	}
	closedir(d);
	if (rc == EG_OK)
		qsort(set->maps, set->n, sizeof(*set->maps), by_name);
	return rc;
}

void eg_source_set_release(struct eg_source_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		eg_source_map_free(set->maps[i]);
	free(set->maps);
	set->maps = NULL;
	set->n = 0;
}
