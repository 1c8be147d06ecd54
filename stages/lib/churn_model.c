/*
 * churn_model.c - customer summaries from the facts, the fits, predictions
 * and the holdout table.
 */
#include "engage/churn_model.h"
#include "engage/bgnbd.h"
#include "engage/datetime.h"
#include "engage/gamma_gamma.h"
#include "engage/holdout.h"
#include "engage/model_validity.h"
#include "engage/money.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const eg_model_columns[] = { "model", "parameter", "value", NULL };
const char *const eg_holdout_columns[] = {
	"calibration_frequency",
	"customers",
	"actual_holdout_orders",
	"predicted_holdout_orders",
	"mean_absolute_error",
	"baseline_holdout_orders",
	NULL,
};

/* An order reduced to what the models need. */
static void row(struct eg_table_output *out, const char *model, const char *param,
		const char *value)
{
	eg_csv_write_str(&out->w, model);
	eg_csv_write_str(&out->w, param);
	eg_csv_write_str(&out->w, value);
	eg_table_output_end_row(out);
}

static void row_num(struct eg_table_output *out, const char *model, const char *param, double v)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.9g", v);
	row(out, model, param, buf);
}

/* A model's status row and its reason row. */
static void status(struct eg_table_output *out, const char *model, const char *name,
		   const char *reason)
{
	row(out, model, "status", name);
	row(out, model, "reason", reason);
}

/* The status of a model that was not fitted because the BG/NBD model cannot be used. */
static void not_fitted_after(struct eg_table_output *out, const char *model,
			     const struct eg_bgnbd_verdict *v)
{
	char buf[700];

	snprintf(buf, sizeof(buf), "not fitted, since the BG/NBD model cannot be used (%s): %.600s",
		 eg_model_status_name(v->status), v->reason);
	status(out, model, "not_fitted", buf);
}

/* The BG/NBD verdict's rows under model: status, reason, parameters, the NBD comparison. */
static void write_verdict(struct eg_table_output *out, const char *model,
			  const struct eg_bgnbd_verdict *v)
{
	status(out, model, eg_model_status_name(v->status), v->reason);
	if (v->has_fit) {
		row_num(out, model, "r", v->fit.params.r);
		row_num(out, model, "alpha", v->fit.params.alpha);
		row_num(out, model, "a", v->fit.params.a);
		row_num(out, model, "b", v->fit.params.b);
		row_num(out, model, "log_likelihood", v->fit.log_likelihood);
	}
	row_num(out, model, "customers", (double)v->customers);
	row_num(out, model, "repeat_buyers", (double)v->repeat_buyers);
	if (v->has_nbd) {
		row_num(out, model, "nbd_r", v->nbd.r);
		row_num(out, model, "nbd_alpha", v->nbd.alpha);
		row_num(out, model, "nbd_log_likelihood", v->nbd.log_likelihood);
		row_num(out, model, "likelihood_ratio", v->lr);
		row(out, model, "dropout_supported",
		    v->lr >= EG_VALIDITY_LR_CRITICAL ? "yes" : "no");
	}
}

/*
 * Per-customer summaries as of day end (exclusive): BG/NBD customers, the
 * repeat-day mean value, and holdout orders in [end, holdout_end). idx[k]
 * is the customer of summary k. Returns the number of summaries.
 */
/*
 * The BG/NBD and Gamma-Gamma summaries of the customers with an order
 * before end, ordered by customer: their orders before end calibrate,
 * their distinct order days in [end, holdout_end) go to holdout (when not
 * NULL). idx gets each summary's customer; gg and idx may be NULL too.
 * Arrays hold f->ncustomers.
 */
static size_t summarise(const struct eg_facts *f, int64_t end, int64_t holdout_end,
			struct eg_bgnbd_customer *bg, struct eg_gamma_gamma_customer *gg,
			unsigned *holdout, size_t *idx)
{
	size_t c, j, n = 0;

	for (c = 0; c < f->ncustomers; c++) {
		int64_t first = 0, last = 0, day = INT64_MIN, value = 0, repeat_value = 0;
		unsigned days = 0, later = 0;

		for (j = f->day_start[c]; j < f->day_start[c + 1]; j++) {
			int64_t d = f->days[j];

			if (d >= holdout_end)
				continue;
			if (d >= end) {
				/* Holdout: distinct days with an order. */
				later += d != day;
				day = d;
				continue;
			}
			if (d != day) {
				if (days > 1)
					repeat_value += value;
				days++;
				value = 0;
				if (days == 1)
					first = d;
				last = day = d;
			}
			value += f->totals[j];
		}
		if (days > 1)
			repeat_value += value;
		if (days) {
			bg[n].x = days - 1;
			bg[n].t_x = (double)(last - first);
			bg[n].T = (double)(end - first);
			if (gg) {
				gg[n].x = repeat_value > 0 ? days - 1 : 0;
				gg[n].m = days > 1 ? (double)repeat_value / EG_MONEY_SCALE /
							     (days - 1)
						   : 0;
			}
			if (holdout)
				holdout[n] = later;
			if (idx)
				idx[n] = c;
			n++;
		}
	}
	return n;
}

static void write_holdout(struct eg_table_output *out, const struct eg_holdout *h)
{
	char buf[64];
	size_t i;

	for (i = 0; i < h->nrows; i++) {
		const struct eg_holdout_row *r = &h->rows[i];

		snprintf(buf, sizeof(buf), "%u%s", r->x, i + 1 == h->nrows ? "+" : "");
		eg_csv_write_str(&out->w, buf);
		eg_csv_write_int(&out->w, (int64_t)r->customers);
		snprintf(buf, sizeof(buf), "%.4f", r->actual);
		eg_csv_write_str(&out->w, buf);
		snprintf(buf, sizeof(buf), "%.4f", r->predicted);
		eg_csv_write_str(&out->w, buf);
		eg_csv_write_str(&out->w, "");
		snprintf(buf, sizeof(buf), "%.4f", r->baseline);
		eg_csv_write_str(&out->w, buf);
		eg_table_output_end_row(out);
	}
	eg_csv_write_str(&out->w, "total");
	eg_csv_write_int(&out->w, (int64_t)h->customers);
	snprintf(buf, sizeof(buf), "%.4f", h->total_actual);
	eg_csv_write_str(&out->w, buf);
	snprintf(buf, sizeof(buf), "%.4f", h->total_predicted);
	eg_csv_write_str(&out->w, buf);
	snprintf(buf, sizeof(buf), "%.4f", h->mae);
	eg_csv_write_str(&out->w, buf);
	snprintf(buf, sizeof(buf), "%.4f", h->baseline_total);
	eg_csv_write_str(&out->w, buf);
	eg_table_output_end_row(out);
}

/* Fits on the calibration period and compares with the holdout period. */
static int validate(const struct eg_facts *f, const struct eg_churn_options *o,
		    struct eg_table_output *model, struct eg_table_output *holdout,
		    struct eg_error *err)
{
	size_t n, cap = f->ncustomers ? f->ncustomers : 1;
	struct eg_bgnbd_customer *bg = malloc(cap * sizeof(*bg));
	unsigned *later = malloc(cap * sizeof(*later));
	struct eg_bgnbd_verdict v;
	struct eg_holdout h;
	struct eg_error why;
	int64_t cal_end = o->as_of - o->holdout_days;
	char buf[EG_TIME_BUFSZ], words[300];
	int64_t y;
	unsigned mo, d;
	int rc = EG_OK;

	if (!bg || !later) {
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto done;
	}
	eg_civil_from_days(cal_end, &y, &mo, &d);
	snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", (long long)y, mo, d);
	row(model, "holdout", "calibration_end", buf);
	row_num(model, "holdout", "holdout_days", (double)o->holdout_days);
	n = summarise(f, cal_end, o->as_of, bg, NULL, later, NULL);
	if ((rc = eg_bgnbd_fit_checked(bg, n, NULL, &v, err)) != EG_OK)
		goto done;
	if (!eg_model_status_predicts(v.status)) {
		write_verdict(model, "holdout", &v);
		goto done;
	}
	eg_error_clear(&why);
	if (eg_holdout_compare(&v.fit.params, bg, later, n, (double)o->holdout_days, 7, &h, &why) !=
	    EG_OK) {
		if (why.status != EG_EDATA) {
			rc = eg_error_set(err, why.status, NULL, 0, 0, "%s", why.message);
			goto done;
		}
		status(model, "holdout", "degenerate", why.message);
		goto done;
	}
	write_verdict(model, "holdout", &v);
	row_num(model, "holdout", "actual_orders", h.total_actual);
	row_num(model, "holdout", "predicted_orders", h.total_predicted);
	row_num(model, "holdout", "bias", h.bias);
	row_num(model, "holdout", "mean_absolute_error", h.mae);
	row_num(model, "holdout", "rmse", h.rmse);
	row_num(model, "holdout", "baseline_predicted_orders", h.baseline_total);
	row_num(model, "holdout", "baseline_mean_absolute_error", h.baseline_mae);
	row_num(model, "holdout", "baseline_rmse", h.baseline_rmse);
	row(model, "holdout", "beats_baseline", h.mae < h.baseline_mae ? "yes" : "no");
	if (h.baseline_mae > 0) {
		row_num(model, "holdout", "error_reduction", 1 - h.mae / h.baseline_mae);
		snprintf(words, sizeof(words),
			 "the model's mean absolute error per customer, %.4f orders, is %.1f%% %s "
			 "than the baseline's (each customer's past order rate carried forward), "
			 "%.4f",
			 h.mae, fabs(1 - h.mae / h.baseline_mae) * 100,
			 h.mae <= h.baseline_mae ? "lower" : "higher", h.baseline_mae);
		row(model, "holdout", "against_baseline", words);
	}
	write_holdout(holdout, &h);
done:
	free(bg);
	free(later);
	return rc;
}

/* Customers predicted at a time: the scratch arrays stay small. */
#define CHUNK 1024

/*
 * Predictions for the fitted customers, straight into out, CHUNK customers
 * at a time: P(alive) and expected orders for all, then expected spend for
 * all, then CLV for all, so that the first failure is the one a single
 * call over every customer would meet. On a failure the call is repeated
 * over every customer, so the error names the customer by its index among
 * all of them, as the models do.
 */
static int predict(const struct eg_churn_options *o, const struct eg_bgnbd_params *p,
		   const struct eg_gamma_gamma_params *gp, int has_spend,
		   const struct eg_bgnbd_customer *bg, const struct eg_gamma_gamma_customer *gg,
		   const size_t *idx, size_t n, struct eg_churn_score *out, struct eg_error *err)
{
	static const double horizons[3] = { 30, 90, 365 };
	struct eg_gamma_gamma_clv_options clv = { 12, 30.4375, o->discount };
	double alive[CHUNK], expected[CHUNK * 3], spend[CHUNK], value[CHUNK];
	double *all = NULL, *all2 = NULL;
	size_t k0, k, m;
	int rc = EG_OK;

	for (k0 = 0; rc == EG_OK && k0 < n; k0 += m) {
		m = n - k0 < CHUNK ? n - k0 : CHUNK;
		rc = eg_bgnbd_predict(p, bg + k0, m, horizons, 3, alive, expected, err);
		for (k = 0; rc == EG_OK && k < m; k++) {
			struct eg_churn_score *s = &out[idx[k0 + k]];

			s->fitted = 1;
			s->p_alive = alive[k];
			memcpy(s->expected, &expected[k * 3], sizeof(s->expected));
			s->has_spend = has_spend;
			s->risk = alive[k] < o->high_risk     ? "high"
				  : alive[k] < o->medium_risk ? "medium"
							      : "low";
			s->risk_basis = "p_alive";
		}
	}
	if (rc != EG_OK && rc != EG_EIO) {
		all = malloc(n * 4 * sizeof(double));
		rc = all ? eg_bgnbd_predict(p, bg, n, horizons, 3, all, all + n, err)
			 : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (k0 = 0; rc == EG_OK && has_spend && k0 < n; k0 += m) {
		m = n - k0 < CHUNK ? n - k0 : CHUNK;
		rc = eg_gamma_gamma_predict(gp, gg + k0, m, spend, err);
		for (k = 0; rc == EG_OK && k < m; k++)
			out[idx[k0 + k]].expected_aov = spend[k];
	}
	if (rc != EG_OK && rc != EG_EIO) {
		all = malloc(n * sizeof(double));
		rc = all ? eg_gamma_gamma_predict(gp, gg, n, all, err)
			 : eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto done;
	}
	for (k0 = 0; rc == EG_OK && has_spend && k0 < n; k0 += m) {
		m = n - k0 < CHUNK ? n - k0 : CHUNK;
		for (k = 0; k < m; k++)
			spend[k] = out[idx[k0 + k]].expected_aov;
		rc = eg_gamma_gamma_clv_all(p, bg + k0, spend, m, &clv, value, err);
		for (k = 0; rc == EG_OK && k < m; k++)
			out[idx[k0 + k]].clv = value[k];
	}
	if (rc != EG_OK && rc != EG_EIO) {
		all = malloc(n * sizeof(double));
		all2 = malloc(n * sizeof(double));
		if (!all || !all2) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			goto done;
		}
		for (k = 0; k < n; k++)
			all[k] = out[idx[k]].expected_aov;
		rc = eg_gamma_gamma_clv_all(p, bg, all, n, &clv, all2, err);
	}
done:
	free(all);
	free(all2);
	return rc;
}

/* gamma_gamma's rows: its fit's status and parameters; *fitted 1 when it can be used. */
static int fit_spend(const struct eg_gamma_gamma_customer *gg, size_t n,
		     struct eg_gamma_gamma_fit *gfit, int *fitted, struct eg_table_output *model,
		     struct eg_error *err)
{
	struct eg_error why;
	size_t i, repeat = 0;

	*fitted = 0;
	eg_error_clear(&why);
	if (eg_gamma_gamma_fit(gg, n, NULL, gfit, &why) == EG_OK) {
		*fitted = 1;
		status(model, "gamma_gamma", "fitted",
		       "converged on the repeat buyers' mean order values");
		row_num(model, "gamma_gamma", "p", gfit->params.p);
		row_num(model, "gamma_gamma", "q", gfit->params.q);
		row_num(model, "gamma_gamma", "gamma", gfit->params.gamma);
		row_num(model, "gamma_gamma", "customers", (double)gfit->customers);
		return EG_OK;
	}
	if (why.status != EG_EDATA)
		return eg_error_set(err, why.status, NULL, 0, 0, "%s", why.message);
	for (i = 0; i < n; i++)
		repeat += gg[i].x > 0;
	status(model, "gamma_gamma",
	       repeat < EG_VALIDITY_MIN_REPEAT_BUYERS	 ? "not_enough_data"
	       : strstr(why.message, "did not converge") ? "not_converged"
							 : "degenerate",
	       why.message);
	return EG_OK;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Churn risk from recency for the n scored customers: days since the last
 * order against the customer's typical gap between order days (t_x / x), a
 * one-time buyer's being the median of the repeat buyers'. Returns 0 when
 * out of memory.
 */
static int recency_bands(const struct eg_bgnbd_customer *bg, const size_t *idx, size_t n,
			 struct eg_churn_score *out)
{
	double *gaps = malloc((n ? n : 1) * sizeof(*gaps)), shop = 0;
	size_t k, m = 0;

	if (!gaps)
		return 0;
	for (k = 0; k < n; k++)
		if (bg[k].x > 0)
			gaps[m++] = bg[k].t_x / bg[k].x;
	qsort(gaps, m, sizeof(*gaps), cmp_double);
	if (m)
		shop = m % 2 ? gaps[m / 2] : (gaps[m / 2 - 1] + gaps[m / 2]) / 2;
	free(gaps);
	for (k = 0; k < n; k++) {
		struct eg_churn_score *s = &out[idx[k]];
		double gap = bg[k].x > 0 ? bg[k].t_x / bg[k].x : shop;

		if (!(gap > 0))
			continue;
		s->has_gaps = 1;
		s->gap_days = gap;
		s->gaps_since = (bg[k].T - (bg[k].x > 0 ? bg[k].t_x : 0)) / gap;
		s->risk = s->gaps_since >= EG_RECENCY_HIGH_GAPS	    ? "high"
			  : s->gaps_since >= EG_RECENCY_MEDIUM_GAPS ? "medium"
								    : "low";
		s->risk_basis = "recency";
	}
	return 1;
}

/*
 * Whether P(alive) says nothing: the repeat buyers (one-time buyers are
 * always alive to BG/NBD) below the medium-risk threshold are fewer than
 * EG_FLAT_P_ALIVE_SHARE of them. Writes the count into *below.
 */
static int p_alive_flat(const struct eg_churn_options *o, const struct eg_bgnbd_customer *bg,
			const size_t *idx, size_t n, const struct eg_churn_score *out,
			size_t *below, size_t *repeat)
{
	size_t k;

	*below = *repeat = 0;
	for (k = 0; k < n; k++) {
		if (bg[k].x == 0)
			continue;
		++*repeat;
		*below += out[idx[k]].p_alive < o->medium_risk;
	}
	return (double)*below < EG_FLAT_P_ALIVE_SHARE * (double)*repeat;
}

int eg_churn_model_run(const struct eg_facts *f, const struct eg_churn_options *o,
		       struct eg_churn_score *out, struct eg_table_output *model,
		       struct eg_table_output *holdout, struct eg_error *err)
{
	size_t cap = f->ncustomers ? f->ncustomers : 1, n, below, repeat;
	struct eg_bgnbd_customer *bg = malloc(cap * sizeof(*bg));
	struct eg_gamma_gamma_customer *gg = malloc(cap * sizeof(*gg));
	size_t *idx = malloc(cap * sizeof(*idx));
	struct eg_bgnbd_verdict v;
	struct eg_gamma_gamma_fit gfit;
	char words[700];
	int rc = EG_OK, has_spend = 0, cleared = 0;

	if (!bg || !gg || !idx) {
		rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
		goto done;
	}
	n = summarise(f, o->as_of, o->as_of, bg, gg, NULL, idx);
	row(model, "bgnbd", "time_unit", "days");
	if ((rc = eg_bgnbd_fit_checked(bg, n, NULL, &v, err)) != EG_OK)
		goto done;
	write_verdict(model, "bgnbd", &v);
	if (!eg_model_status_predicts(v.status)) {
		not_fitted_after(model, "gamma_gamma", &v);
		not_fitted_after(model, "holdout", &v);
		snprintf(words, sizeof(words),
			 "no churn-risk bands: the BG/NBD model cannot be used (%s), so there is "
			 "no P(alive), expected orders or CLV either",
			 eg_model_status_name(v.status));
		row(model, "churn_risk", "basis", "none");
		row(model, "churn_risk", "reason", words);
		goto done;
	}
	if ((rc = fit_spend(gg, n, &gfit, &has_spend, model, err)) != EG_OK)
		goto done;
	/* Cleared only now: untouched pages take no memory while the models fit. */
	memset(out, 0, f->ncustomers * sizeof(*out));
	cleared = 1;
	rc = predict(o, &v.fit.params, &gfit.params, has_spend, bg, gg, idx, n, out, err);
	if (rc != EG_OK)
		goto done;
	if (p_alive_flat(o, bg, idx, n, out, &below, &repeat) || v.status == EG_MODEL_NO_DROPOUT) {
		if (!recency_bands(bg, idx, n, out)) {
			rc = eg_error_set(err, EG_EIO, NULL, 0, 0, "out of memory");
			goto done;
		}
		snprintf(
			words, sizeof(words),
			"P(alive) is flat: %zu of %zu repeat buyers are below %.2f, so its bands "
			"would call nearly everyone low risk. The bands come from recency instead: "
			"days since the last order over the customer's typical days between "
			"orders (a one-time buyer's: the median of the repeat buyers'); %.1f such "
			"gaps or more is high risk, %.1f or more medium",
			below, repeat, o->medium_risk, EG_RECENCY_HIGH_GAPS,
			EG_RECENCY_MEDIUM_GAPS);
		row(model, "churn_risk", "basis", "recency");
	} else {
		snprintf(words, sizeof(words),
			 "bands of P(alive): below %.2f high risk, below %.2f medium, else low; "
			 "%zu of %zu repeat buyers are below %.2f",
			 o->high_risk, o->medium_risk, below, repeat, o->medium_risk);
		row(model, "churn_risk", "basis", "p_alive");
	}
	row(model, "churn_risk", "reason", words);
	free(bg);
	free(gg);
	free(idx);
	bg = NULL;
	gg = NULL;
	idx = NULL;
	rc = validate(f, o, model, holdout, err);
done:
	if (!cleared)
		memset(out, 0, f->ncustomers * sizeof(*out));
	free(bg);
	free(gg);
	free(idx);
	return rc;
}
