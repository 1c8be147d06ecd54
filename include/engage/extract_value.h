/*
 * extract_value.h - reading one value of a raw export the way platforms and
 * spreadsheets write it: amounts with currency symbols and either decimal
 * separator ("$1,234.50", "1.234,50 €", "(12.50)"), whole numbers written as
 * "1,025" or "63421.0", time stamps in every order platforms use (ISO with
 * or without an offset, US and European numeric dates, GA4's YYYYMMDD,
 * "Jun 09, 2018 09:30 pm", Unix seconds), and yes/no words (the check that
 * a field is clean UTF-8 without NUL bytes is text_bytes.h).
 *
 * Values are read from borrowed bytes and nothing here allocates per value:
 * the patterns behind the time formats are compiled once per run into a
 * struct eg_extract_value.
 */
#ifndef ENGAGE_EXTRACT_VALUE_H
#define ENGAGE_EXTRACT_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "engage/datetime.h"
#include "engage/error.h"

/* How a source writes amounts and numbers. */
struct eg_extract_value_style {
	char decimal;	/* '.' or ','; 0: decided per value (see eg_extract_value_amount) */
	char thousands; /* with a fixed decimal: separator between digit groups, 0 for none */
	char guess;	/* with decimal 0: the decimal separator of an undecidable
			   "1,234" or "1.234" (',' in files delimited by ';'); 0 means '.' */
};

/*
 * Reads len bytes at s as an amount into *out (ten-thousandths, see
 * money.h). Around the number: white space (also no-break spaces), one
 * sign before or after a currency symbol or ISO code ("-$12.50",
 * "$-12.50", "12,50 €", "USD 12.50"), a trailing minus, or parentheses for
 * a negative amount. With style->decimal 0 the decimal separator is the
 * last of '.' and ',' when both appear; a separator that appears twice
 * groups thousands; a single one is decimal unless exactly three digits
 * follow and digits precede it, when style->guess decides. Spaces,
 * no-break spaces and apostrophes may group thousands in that mode too.
 * Groups after the first must have three digits. Digits past the fourth
 * decimal round half away from zero. On failure returns EG_EDATA with a
 * message quoting the value in err and leaves *out unchanged.
 */
int eg_extract_value_amount(const char *s, size_t len, const struct eg_extract_value_style *style,
			    int64_t *out, struct eg_error *err);

/*
 * The currency an amount written as eg_extract_value_amount reads names,
 * into code (NUL-terminated): its ISO code ("EUR 12.50") or a symbol only
 * one currency uses ("12,50 €", "1 234,50 Kč"). Returns 1, or
 * 0 with code untouched when the amount names none or a symbol several
 * currencies use ("$", "kr"), or is no amount.
 */
int eg_extract_value_currency(const char *s, size_t len, const struct eg_extract_value_style *style,
			      char code[4]);

/*
 * Reads a count (a whole number >= 0) into *out, written like an amount:
 * "1,025" and "63421.0" are counts, "2.5" and "-1" are not. EG_EDATA with a
 * message on failure, *out unchanged.
 */
int eg_extract_value_count(const char *s, size_t len, const struct eg_extract_value_style *style,
			   int64_t *out, struct eg_error *err);

/*
 * Reads a duration in seconds, possibly with decimals, rounded half away
 * from zero to whole seconds into *out. Negative durations are EG_EDATA.
 */
int eg_extract_value_seconds(const char *s, size_t len, const struct eg_extract_value_style *style,
			     int64_t *out, struct eg_error *err);

/*
 * Reads a rate given as a fraction from 0 to 1 ("0.09091") into *out in
 * ten-thousandths (rounded); EG_EDATA when it is no number or out of range.
 */
int eg_extract_value_rate(const char *s, size_t len, const struct eg_extract_value_style *style,
			  int64_t *out, struct eg_error *err);

/*
 * 1 when the value says "no value": empty or white space, "N/A", "NA",
 * "-", "--" or "null" (any case). Numeric and time fields treat these as
 * empty.
 */
int eg_extract_value_is_blank(const char *s, size_t len);

/*
 * "true" or "false" for yes/no, y/n, true/false, t/f, 1/0 (any case); ""
 * for an empty value; NULL for anything else.
 */
const char *eg_extract_value_bool(const char *s, size_t len);

struct eg_extract_value;

/* Compiles the time patterns into *out, owned by the caller. EG_EIO on out of memory. */
int eg_extract_value_new(struct eg_extract_value **out, struct eg_error *err);

/* Frees p. NULL is a no-op. */
void eg_extract_value_free(struct eg_extract_value *p);

/*
 * Reads len bytes at s as a time stamp into *out. Accepted in any order
 * setting: ISO dates ("2026-10-03", "2026-10-03 14:05:00 -0400",
 * "2026-10-03T14:05:00Z"), eight-digit YYYYMMDD, dates with dots
 * ("03.10.2026 14:05", always day first), month names ("Oct 3, 2026
 * 2:05 pm", "3 October 2026", "Sat, Oct 3, 2026 14:05"), and ten-digit
 * Unix seconds. Dates with slashes or dashes between day and month
 * ("10/03/2026") follow order: month first for EG_DATES_US, day first for
 * EG_DATES_EU, and are refused as ambiguous for EG_DATES_ISO. On failure
 * returns EG_EDATA with a message in err.
 */
int eg_extract_value_time(struct eg_extract_value *p, const char *s, size_t len,
			  enum eg_date_order order, struct eg_stamp *out, struct eg_error *err);

#endif
