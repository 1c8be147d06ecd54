/*
 * extract_records.c - the records layout (see extract_records.h).
 */
#include "engage/extract_records.h"
#include "engage/datetime.h"
#include "engage/tables.h"

#include <stdio.h>
#include <string.h>

/* The fields one of which a row of the table must have, -1 terminated. */
static const int *key_fields(enum eg_table t)
{
	static const int sessions[] = { EG_SESSION_DATE, -1 };
	static const int events[] = { EG_EMAIL_EVENT_EMAIL, -1 };
	static const int campaigns[] = { EG_CAMPAIGN_NAME, EG_CAMPAIGN_ID, -1 };
	static const int responses[] = { EG_RESPONSE_SCORE, -1 };
	static const int tickets[] = { EG_TICKET_ID, -1 };
	static const int profiles[] = { EG_PROFILE_EMAIL, EG_PROFILE_CUSTOMER_REF, -1 };
	static const int loyalty[] = { EG_LOYALTY_EMAIL, EG_LOYALTY_CUSTOMER_REF, -1 };
	static const int spend[] = { EG_SPEND_DATE, -1 };
	static const int platform[] = { EG_PLATFORM_VALUE, -1 };
	static const int rates[] = { EG_RATE_LIST, EG_RATE_LIST_ID, -1 };
	static const int flows[] = { EG_FLOW_NAME, EG_FLOW_ID, -1 };

	switch (t) {
	case EG_TABLE_SESSIONS: return sessions;
	case EG_TABLE_EMAIL_EVENTS: return events;
	case EG_TABLE_EMAIL_CAMPAIGNS: return campaigns;
	case EG_TABLE_RESPONSES: return responses;
	case EG_TABLE_TICKETS: return tickets;
	case EG_TABLE_PROFILES: return profiles;
	case EG_TABLE_LOYALTY: return loyalty;
	case EG_TABLE_SPEND: return spend;
	case EG_TABLE_PLATFORM_REPORT: return platform;
	case EG_TABLE_EMAIL_RATES: return rates;
	case EG_TABLE_EMAIL_FLOWS: return flows;
	default: return NULL;
	}
}

/* Rejects a row without its table's key, naming the fields it lacks. */
static int missing_key(struct eg_extract_input *x, const int *keys)
{
	char list[400] = "";
	size_t used = 0;
	int i;

	for (i = 0; keys[i] >= 0 && used < sizeof(list); i++) {
		const char *col = eg_extract_row_column(x, keys[i]);

		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s%s%s%s",
					 i ? " or " : "", x->map->fields[keys[i]].name,
					 *col ? " (column '" : " (no column", col,
					 *col ? "')" : ")");
	}
	return eg_extract_row_reject(x, "missing_value", "no %s", list);
}

/* Checks a survey response's kind, scale and score; fills the scale when empty. */
static int response(struct eg_extract_input *x, struct eg_extract_field *v, int *rejected)
{
	struct eg_extract_field *kind = &v[EG_RESPONSE_KIND], *max = &v[EG_RESPONSE_SCALE_MAX];
	int64_t lo, score = v[EG_RESPONSE_SCORE].num;

	*rejected = 1;
	if (!kind->present)
		return eg_extract_row_reject(x, "bad_value",
					     "no survey kind: the source needs a kind column or "
					     "'default kind = nps|csat|ces'");
	if (!max->present) {
		max->num = kind->text[1] == 'p' ? 10 : kind->text[1] == 's' ? 5 : 7;
		snprintf(max->buf, sizeof(max->buf), "%lld", (long long)max->num);
		max->text = max->buf;
		max->len = strlen(max->buf);
		max->present = 1;
	}
	lo = kind->text[1] == 'p' ? 0 : 1;
	if (score < lo || score > max->num)
		return eg_extract_row_reject(
			x, "score_out_of_range", "column '%s': %s score %lld is outside %lld-%lld",
			eg_extract_row_column(x, EG_RESPONSE_SCORE), kind->text, (long long)score,
			(long long)lo, (long long)max->num);
	*rejected = 0;
	return EG_OK;
}

/* The first " - " in the len bytes at s, NULL when there is none. */
static const char *range_dash(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 3 <= len; i++)
		if (memcmp(s + i, " - ", 3) == 0)
			return s + i;
	return NULL;
}

/*
 * Reads a report's range written as two dates joined by " - " (Klaviyo's
 * "Apr 16 2025 - Oct 16 2025") into *first..*last. NULL, or the reason in
 * why.
 */
static const char *report_range(struct eg_extract_input *x, const char *cell, size_t len,
				int64_t *first, int64_t *last, char *why, size_t whysz)
{
	const char *dash = range_dash(cell, len);
	struct eg_stamp a, b;
	struct eg_error e;

	if (!dash || eg_extract_value_time(x->values, cell, (size_t)(dash - cell), x->dates, &a,
					   &e) != EG_OK ||
	    eg_extract_value_time(x->values, dash + 3, len - (size_t)(dash + 3 - cell), x->dates,
				  &b, &e) != EG_OK) {
		snprintf(why, whysz, "'%.*s' is neither a year nor two dates joined by ' - '",
			 (int)(len > 60 ? 60 : len), cell);
		return why;
	}
	*first = eg_days_from_civil(a.year, a.month, a.day);
	*last = eg_days_from_civil(b.year, b.month, b.day);
	if (*last < *first) {
		snprintf(why, whysz, "the range '%.*s' ends before it starts",
			 (int)(len > 60 ? 60 : len), cell);
		return why;
	}
	return NULL;
}

/*
 * Fills the date (its first day), period and period_end of a sessions,
 * spend or platform report row, fields fd, fp and fe of v, from its time cell as x->period
 * reads it and the report's range; a period_end the export gives (Meta's
 * "Reporting ends") makes the row cover date..period_end. A row without a
 * time cell is left for the key check; one whose cell names no period of
 * the range is rejected (bad_date), setting *rejected.
 */
static int row_period(struct eg_extract_input *x, struct eg_extract_field *v, int fd, int fp,
		      int fe, int *rejected)
{
	struct eg_extract_field *date = &v[fd], *period = &v[fp], *end = &v[fe];
	const char *cell = "", *bad, *word = eg_period_word(x->period);
	size_t len = 0;
	int64_t first, last, y;
	unsigned m, d;
	char why[256];

	*rejected = 0;
	if (x->period > EG_PERIOD_RANGE)
		cell = eg_extract_row_value(x, fd, &len);
	if ((x->period != EG_PERIOD_RANGE && x->period <= EG_PERIOD_MONTH && !date->present) ||
	    (x->period > EG_PERIOD_RANGE && len == 0))
		return EG_OK;
	if (x->period == EG_PERIOD_REPORT_RANGE && range_dash(cell, len)) {
		bad = report_range(x, cell, len, &first, &last, why, sizeof(why));
	} else if (end->present && x->period <= EG_PERIOD_MONTH) {
		first = date->num;
		last = end->num;
		word = last == first ? "day" : "range";
		bad = last < first ? strcpy(why, "the period ends before it starts") : NULL;
	} else {
		/* A report range without " - " is a year (Klaviyo's report grouped by year). */
		bad = eg_period_resolve(x->period == EG_PERIOD_REPORT_RANGE ? EG_PERIOD_YEAR
									    : x->period,
					cell, len, date->num, &x->range, &first, &last,
					why, sizeof(why));
	}
	if (bad) {
		*rejected = 1;
		return eg_extract_row_reject(x, "bad_date", "column '%s': %s",
					     *eg_extract_row_column(x, fd)
						     ? eg_extract_row_column(x, fd)
						     : "(report range)",
					     why);
	}
	eg_civil_from_days(first, &y, &m, &d);
	snprintf(date->buf, sizeof(date->buf), "%04lld-%02u-%02u", (long long)y, m, d);
	eg_civil_from_days(last, &y, &m, &d);
	snprintf(end->buf, sizeof(end->buf), "%04lld-%02u-%02u", (long long)y, m, d);
	date->text = date->buf;
	date->len = strlen(date->buf);
	date->present = 1;
	end->text = end->buf;
	end->len = strlen(end->buf);
	end->present = 1;
	period->text = word;
	period->len = strlen(word);
	period->present = 1;
	return EG_OK;
}

int eg_extract_records_dated(enum eg_table t)
{
	return t == EG_TABLE_SESSIONS || t == EG_TABLE_SPEND || t == EG_TABLE_PLATFORM_REPORT ||
	       t == EG_TABLE_EMAIL_RATES || t == EG_TABLE_EMAIL_FLOWS;
}

/* Index of the table's currency field, -1 when it has none. */
static int currency_field(enum eg_table t)
{
	switch (t) {
	case EG_TABLE_SESSIONS: return EG_SESSION_CURRENCY;
	case EG_TABLE_EMAIL_CAMPAIGNS: return EG_CAMPAIGN_CURRENCY;
	case EG_TABLE_PROFILES: return EG_PROFILE_CURRENCY;
	case EG_TABLE_SPEND: return EG_SPEND_CURRENCY;
	case EG_TABLE_EMAIL_RATES: return EG_RATE_CURRENCY;
	default: return -1;
	}
}

int eg_extract_records_row(struct eg_extract_input *x)
{
	const struct eg_source_map *map = x->map;
	struct eg_extract_field v[EG_SOURCE_MAX_FIELDS];
	struct eg_csv_writer *w = &x->out->w;
	const int *keys = key_fields(map->table);
	int i, cur = currency_field(map->table), found = 0, rejected;
	char why[512];

	for (i = 0; i < (int)map->nfields; i++) {
		const char *reason;

		if (eg_extract_records_dated(map->table) && i == 0 && x->period > EG_PERIOD_MONTH) {
			/* A week number or a count of days: row_period reads it. */
			memset(&v[i], 0, sizeof(v[i]));
			v[i].text = "";
			continue;
		}
		if (!eg_extract_row_kept(x, i)) {
			/* Another row's figure (an `only` line): empty here. */
			memset(&v[i], 0, sizeof(v[i]));
			v[i].text = "";
			continue;
		}
		reason = eg_extract_row_read(x, i, &v[i], why, sizeof(why));
		if (reason)
			return eg_extract_row_reject(x, reason, "%s", why);
	}
	if (eg_extract_records_dated(map->table)) {
		/* spend, platform_report, email_rates and email_flows place date, period and
		 * period_end alike */
		_Static_assert((int)EG_SPEND_DATE == (int)EG_PLATFORM_DATE &&
				       (int)EG_SPEND_PERIOD == (int)EG_PLATFORM_PERIOD &&
				       (int)EG_SPEND_PERIOD_END == (int)EG_PLATFORM_PERIOD_END &&
				       (int)EG_SPEND_DATE == (int)EG_RATE_DATE &&
				       (int)EG_SPEND_PERIOD == (int)EG_RATE_PERIOD &&
				       (int)EG_SPEND_PERIOD_END == (int)EG_RATE_PERIOD_END &&
				       (int)EG_SPEND_DATE == (int)EG_FLOW_DATE &&
				       (int)EG_SPEND_PERIOD == (int)EG_FLOW_PERIOD &&
				       (int)EG_SPEND_PERIOD_END == (int)EG_FLOW_PERIOD_END,
			       "period fields");
		int rc = map->table == EG_TABLE_SESSIONS
				 ? row_period(x, v, EG_SESSION_DATE, EG_SESSION_PERIOD,
					      EG_SESSION_PERIOD_END, &rejected)
				 : row_period(x, v, EG_SPEND_DATE, EG_SPEND_PERIOD,
					      EG_SPEND_PERIOD_END, &rejected);

		if (rejected)
			return rc;
	}
	for (i = 0; keys[i] >= 0; i++)
		found |= v[keys[i]].present;
	if (!found)
		return missing_key(x, keys);
	if (map->table == EG_TABLE_EMAIL_EVENTS && !v[EG_EMAIL_EVENT_EVENT].present) {
		int rc = eg_extract_row_reject(x, "missing_value", "no event (column '%s')",
					       eg_extract_row_column(x, EG_EMAIL_EVENT_EVENT));
		return rc;
	}
	if (map->table == EG_TABLE_RESPONSES) {
		int rc = response(x, v, &rejected);

		if (rejected)
			return rc;
	}
	if (map->table == EG_TABLE_PROFILES && v[EG_PROFILE_EMAIL_RATING].present &&
	    (v[EG_PROFILE_EMAIL_RATING].num < 1 || v[EG_PROFILE_EMAIL_RATING].num > 5))
		return eg_extract_row_reject(x, "score_out_of_range",
					     "column '%s': email rating %lld is outside 1-5",
					     eg_extract_row_column(x, EG_PROFILE_EMAIL_RATING),
					     (long long)v[EG_PROFILE_EMAIL_RATING].num);
	if (cur >= 0 && !v[cur].present) {
		v[cur].text = map->currency;
		v[cur].len = strlen(map->currency);
	}
	for (i = 0; i < (int)map->nfields; i++)
		eg_csv_write_field(w, v[i].text, v[i].len);
	eg_csv_write_str(w, map->name);
	eg_csv_write_str(w, x->file_id);
	eg_csv_write_int(w, eg_extract_row_line(x));
	eg_table_output_end_row(x->out);
	/* A table's first time or date field dates its rows (created_at, date, sent_at, ...). */
	for (i = 0; i < (int)map->nfields; i++)
		if (map->fields[i].type == EG_FT_TIME || map->fields[i].type == EG_FT_DATE) {
			eg_extract_row_note_date(x, v[i].text, v[i].present ? v[i].len : 0);
			break;
		}
	/* A week, month or range row covers the data up to its last day, not its first. */
	if (eg_extract_records_dated(map->table)) {
		i = map->table == EG_TABLE_SESSIONS ? EG_SESSION_PERIOD_END : EG_SPEND_PERIOD_END;
		eg_extract_row_note_date(x, v[i].text, v[i].present ? v[i].len : 0);
	}
	x->counts->written++;
	return EG_OK;
}
