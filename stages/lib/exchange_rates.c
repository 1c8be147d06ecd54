/*
 * exchange_rates.c - the rates file and fixed-point conversion.
 */
#include "engage/exchange_rates.h"
#include "engage/csv_table.h"
#include "engage/datetime.h"

#include <stdlib.h>
#include <string.h>

/* One rate of the file. */
struct rate {
	char currency[8]; /* ISO 4217 code */
	int64_t month;	  /* month index */
	int64_t rate;	  /* units of report currency per unit, EG_RATE_SCALE = 1 */
};

struct eg_exchange_rates {
	struct rate *rates; /* in file order */
	size_t n;	    /* entries at rates */
};

/* Parses a positive decimal with at most 8 decimals into EG_RATE_SCALE units; -1 if not one. */
static int64_t parse_rate(const char *s)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, frac_digits = 0;

	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		whole = whole * 10 + (*s - '0');
		/* Checked each digit: whole * scale + 8 decimals must fit. */
		if (whole > (INT64_MAX - EG_RATE_SCALE) / EG_RATE_SCALE)
			return -1;
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, frac_digits++) {
			if (frac_digits == 8)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
	if (*s || (digits == 0 && frac_digits == 0))
		return -1;
	for (; frac_digits < 8; frac_digits++)
		frac *= 10;
	return whole * EG_RATE_SCALE + frac;
}

int eg_exchange_rates_load(struct eg_exchange_rates **out, const char *path, struct eg_error *err)
{
	static const char *const need[] = { "currency", "month", "rate", NULL };
	struct eg_exchange_rates *r = calloc(1, sizeof(*r));
	struct eg_csv_reader *in = NULL;
	size_t cap = 0;
	long col[3];
	int rc, more = 0;

	if (!r)
		return eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
	rc = eg_csv_reader_open(&in, path, NULL, err);
	if (rc == EG_OK)
		rc = eg_csv_reader_require(in, need, col, err);
	while (rc == EG_OK && (more = eg_csv_reader_next(in, err)) > 0) {
		const char *cur = eg_csv_reader_field(in, col[0], NULL);
		struct rate *q;

		if (r->n == cap) {
			cap = cap ? cap * 2 : 64;
			q = realloc(r->rates, cap * sizeof(*q));
			if (!q) {
				rc = eg_error_set(err, EG_EIO, path, 0, 0, "out of memory");
				break;
			}
			r->rates = q;
		}
		q = &r->rates[r->n];
		if (strlen(cur) != 3 || strspn(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3 ||
		    eg_month_parse(eg_csv_reader_field(in, col[1], NULL), &q->month, err) !=
			    EG_OK ||
		    (q->rate = parse_rate(eg_csv_reader_field(in, col[2], NULL))) <= 0) {
			rc = eg_error_set(err, EG_EDATA, path, eg_csv_reader_line(in), 0,
					  "expected a 3-letter currency, a month YYYY-MM and a "
					  "positive rate with at most 8 decimals");
			break;
		}
		{
			int64_t seen;

			if (eg_exchange_rates_find(r, cur, q->month, &seen)) {
				rc = eg_error_set(err, EG_EDATA, path, eg_csv_reader_line(in), 0,
						  "a second rate for %s in %s", cur,
						  eg_csv_reader_field(in, col[1], NULL));
				break;
			}
		}
		strcpy(q->currency, cur);
		r->n++;
	}
	if (rc == EG_OK && more < 0)
		rc = err->status;
	eg_csv_reader_free(in);
	if (rc != EG_OK) {
		eg_exchange_rates_free(r);
		return rc;
	}
	*out = r;
	return EG_OK;
}

void eg_exchange_rates_free(struct eg_exchange_rates *r)
{
	if (!r)
		return;
	free(r->rates);
	free(r);
}

int eg_exchange_rates_find(const struct eg_exchange_rates *r, const char *currency, int64_t m,
			   int64_t *rate)
{
	size_t i;

	for (i = 0; r && i < r->n; i++) {
		if (r->rates[i].month == m && strcmp(r->rates[i].currency, currency) == 0) {
			*rate = r->rates[i].rate;
			return 1;
		}
	}
	return 0;
}

int eg_exchange_convert(int64_t amount, int64_t rate, int64_t *out)
{
	__int128 p = (__int128)amount * rate;
	__int128 mag = p < 0 ? -p : p;
	__int128 q = (mag + EG_RATE_SCALE / 2) / EG_RATE_SCALE;

	if (q > INT64_MAX)
		return EG_EDATA;
	*out = p < 0 ? -(int64_t)q : (int64_t)q;
	return EG_OK;
}
