/*
 * exchange_rates.h - converting amounts into the report currency with a
 * user's rates file.
 *
 * The file is a CSV with the columns currency, month and rate: one unit of
 * currency is worth rate units of the report currency in that month
 * ("EUR,2026-01,1.0842"). Rates keep 8 decimals; a converted amount is
 * rounded half away from zero to the 4 decimals of money.h.
 */
#ifndef ENGAGE_EXCHANGE_RATES_H
#define ENGAGE_EXCHANGE_RATES_H

#include <stdint.h>

#include "engage/error.h"

#define EG_RATE_SCALE 100000000LL /* a rate of 1 */

struct eg_exchange_rates;

/*
 * Reads the rates file at path into *out, owned by the caller (free with
 * eg_exchange_rates_free). A malformed row is EG_EDATA naming file:line.
 */
int eg_exchange_rates_load(struct eg_exchange_rates **out, const char *path, struct eg_error *err);

/* Frees r. NULL is a no-op. */
void eg_exchange_rates_free(struct eg_exchange_rates *r);

/*
 * The rate of currency in month index m (year * 12 + month - 1) in *rate
 * (EG_RATE_SCALE = 1). Returns 0 when the file has no such rate; r may be NULL.
 */
int eg_exchange_rates_find(const struct eg_exchange_rates *r, const char *currency, int64_t m,
			   int64_t *rate);

/*
 * Converts amount (money.h units) at rate into *out, rounded half away from
 * zero. Returns EG_EDATA when the result does not fit, leaving *out unchanged.
 */
int eg_exchange_convert(int64_t amount, int64_t rate, int64_t *out);

#endif
