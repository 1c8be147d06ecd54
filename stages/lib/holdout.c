/*
 * holdout.c - calibration summaries from order times, and the table of
 * predicted against actual holdout orders by calibration frequency.
 */
#include "engage/holdout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int eg_holdout_split(const double *times, size_t n, double cal_end, double holdout_end,
		     struct eg_bgnbd_customer *cal, unsigned *holdout_orders, struct eg_error *err)
{
	struct eg_bgnbd_customer s = { 0, 0.0, 0.0 };
	unsigned later = 0;
	size_t i;

	if (n == 0)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "a customer needs at least one order");
	if (!(holdout_end >= cal_end) || !isfinite(cal_end) || !isfinite(holdout_end))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "holdout end %g is not a time at or after calibration end %g",
				    holdout_end, cal_end);
	for (i = 0; i < n; i++) {
		if (!isfinite(times[i]))
			return eg_error_set(err, EG_EDATA, NULL, 0, 0,
					    "order %zu: time %g is not finite", i + 1, times[i]);
		if (i > 0 && times[i] < times[i - 1])
			return eg_error_set(err, EG_EDATA, NULL, 0, 0,
					    "order %zu: times are not in ascending order", i + 1);
	}
	if (times[0] > cal_end)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "first order at %g is after the end of calibration %g",
				    times[0], cal_end);
	for (i = 1; i < n && times[i] <= holdout_end; i++) {
		if (times[i] == times[i - 1])
			continue; /* same purchase occasion */
		if (times[i] <= cal_end) {
			s.x++;
			s.t_x = times[i] - times[0];
		} else {
			later++;
		}
	}
	s.T = cal_end - times[0];
	*cal = s;
	if (holdout_orders)
		*holdout_orders = later;
	return EG_OK;
}

int eg_holdout_compare(const struct eg_bgnbd_params *p, const struct eg_bgnbd_customer *cal,
		       const unsigned *actual, size_t n, double length, unsigned top,
		       struct eg_holdout *out, struct eg_error *err)
{
	struct eg_holdout h;
	double sq = 0.0, sq_base = 0.0;
	size_t i;
	int rc;

	if (top == 0 || top >= EG_HOLDOUT_MAX_ROWS)
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "holdout table top frequency %u is not in 1 .. %d", top,
				    EG_HOLDOUT_MAX_ROWS - 1);
	if (!(length > 0) || isinf(length))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "holdout length %g is not a positive time", length);
	if ((rc = eg_bgnbd_check(p, cal, n, err)) != EG_OK)
		return rc;
	memset(&h, 0, sizeof(h));
	h.nrows = top + 1;
	for (i = 0; i < h.nrows; i++)
		h.rows[i].x = (unsigned)i;
	for (i = 0; i < n; i++) {
		struct eg_holdout_row *row = &h.rows[cal[i].x < top ? cal[i].x : top];
		double e, diff, base;

		if ((rc = eg_bgnbd_expected_orders(p, &cal[i], length, &e, err)) != EG_OK) {
			char msg[sizeof(err->message)];

			snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
			return eg_error_set(err, rc, NULL, 0, 0, "customer %zu: %s", i, msg);
		}
		base = cal[i].T > 0 ? cal[i].x / cal[i].T * length : 0.0;
		diff = e - actual[i];
		row->customers++;
		row->actual += actual[i];
		row->predicted += e;
		row->baseline += base;
		h.total_actual += actual[i];
		h.total_predicted += e;
		h.baseline_total += base;
		h.mae += fabs(diff);
		sq += diff * diff;
		h.baseline_mae += fabs(base - actual[i]);
		sq_base += (base - actual[i]) * (base - actual[i]);
	}
	for (i = 0; i < h.nrows; i++) {
		if (h.rows[i].customers == 0)
			continue;
		h.rows[i].actual /= (double)h.rows[i].customers;
		h.rows[i].predicted /= (double)h.rows[i].customers;
		h.rows[i].baseline /= (double)h.rows[i].customers;
	}
	h.customers = n;
	if (n > 0) {
		h.bias = (h.total_predicted - h.total_actual) / (double)n;
		h.mae /= (double)n;
		h.rmse = sqrt(sq / (double)n);
		h.baseline_mae /= (double)n;
		h.baseline_rmse = sqrt(sq_base / (double)n);
	}
	*out = h;
	return EG_OK;
}
