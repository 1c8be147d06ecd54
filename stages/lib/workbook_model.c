/*
 * workbook_model.c - the Model sheet: the fitted models' parameters in plain words and
 * the holdout check.
 */
#include "engage/holdout_table.h"
#include "engage/workbook_sheets.h"

#include <stdio.h>
#include <string.h>


/* What a model parameter means. */
static const char *meaning(const char *model, const char *parameter)
{
	static const struct {
		const char *model, *parameter, *meaning;
	} known[] = {
		{ "bgnbd", "r",
		  "Shape of the gamma distribution of purchase rates across customers." },
		{ "bgnbd", "alpha",
		  "Its rate, in the time unit: the mean purchase rate while active is r / alpha." },
		{ "bgnbd", "a",
		  "First shape of the beta distribution of the chance to drop out after a "
		  "purchase." },
		{ "bgnbd", "b", "Its second shape: the mean dropout chance is a / (a + b)." },
		{ "bgnbd", "log_likelihood",
		  "Log-likelihood of the customers at these parameters." },
		{ "bgnbd", "time_unit", "The unit of time of the fit." },
		{ "bgnbd", "customers", "Customers the model was fitted on." },
		{ "gamma_gamma", "p",
		  "Shape of the gamma distribution of one customer's order values." },
		{ "gamma_gamma", "q",
		  "Shape of the gamma distribution of customers' mean order values." },
		{ "gamma_gamma", "gamma", "Its scale." },
		{ "gamma_gamma", "customers",
		  "Customers with repeat orders the model was fitted on." },
		{ "holdout", "calibration_end",
		  "The cut-off: the model is fitted on the orders before it." },
		{ "holdout", "holdout_days", "Days after the cut-off whose orders are predicted." },
		{ "holdout", "r", "BG/NBD r fitted on the orders before the cut-off." },
		{ "holdout", "alpha", "BG/NBD alpha fitted on the orders before the cut-off." },
		{ "holdout", "a", "BG/NBD a fitted on the orders before the cut-off." },
		{ "holdout", "b", "BG/NBD b fitted on the orders before the cut-off." },
		{ "holdout", "customers", "Customers compared: first order before the cut-off." },
		{ "holdout", "actual_orders", "Orders they made after the cut-off." },
		{ "holdout", "predicted_orders", "Orders the model expected of them." },
		{ "holdout", "bias", "Mean of predicted - actual orders per customer." },
		{ "holdout", "mean_absolute_error",
		  "Mean of |predicted - actual| orders per customer." },
		{ "holdout", "rmse",
		  "Root mean square of predicted - actual orders per customer." },
		{ "holdout", "baseline_predicted_orders",
		  "Orders the baseline expected: each customer's past order rate (repeat orders "
		  "since the first, per day) carried forward over the holdout days." },
		{ "holdout", "baseline_mean_absolute_error",
		  "Mean of |baseline - actual| orders per customer." },
		{ "holdout", "baseline_rmse",
		  "Root mean square of baseline - actual orders per customer." },
		{ "holdout", "beats_baseline",
		  "yes when the model's mean absolute error is below the baseline's." },
		{ "holdout", "error_reduction",
		  "1 - model error / baseline error: the share of the baseline's error the model "
		  "removes (negative: the baseline did better)." },
		{ "holdout", "against_baseline", "The comparison in words." },
		{ "churn_risk", "basis",
		  "What the churn-risk bands come from: p_alive (BG/NBD), recency (days since "
		  "the last order against the customer's typical gap, when P(alive) is flat) or "
		  "none." },
		{ "", "log_likelihood", "Log-likelihood of the customers at these parameters." },
		{ "", "repeat_buyers", "Of those customers, the ones with a repeat order." },
		{ "", "nbd_r", "r of a plain NBD fit, where no customer ever drops out." },
		{ "", "nbd_alpha", "alpha of that plain NBD fit." },
		{ "", "nbd_log_likelihood", "Its log-likelihood, on the same customers." },
		{ "", "likelihood_ratio",
		  "2 x (BG/NBD - NBD log-likelihood): 5.99 or more (chi-square, 2 degrees of "
		  "freedom, 5%) means the data show customers dropping out." },
		{ "", "dropout_supported", "yes when the likelihood ratio reaches 5.99." },
		{ NULL, NULL, NULL },
	};
	size_t i;

	for (i = 0; known[i].model; i++)
		if ((!known[i].model[0] || strcmp(known[i].model, model) == 0) &&
		    strcmp(known[i].parameter, parameter) == 0)
			return known[i].meaning;
	return "";
}

static const char *model_title(const char *model)
{
	if (strcmp(model, "bgnbd") == 0)
		return "BG/NBD: how often customers buy, and when they stop";
	if (strcmp(model, "gamma_gamma") == 0)
		return "Gamma-Gamma: how much customers spend per order";
	if (strcmp(model, "churn_risk") == 0)
		return "Churn risk: what the bands on the Segments sheet come from";
	return model;
}

/* A status as people read it: "not_enough_data" is "Not enough data", into buf. */
static void status_words(const char *status, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "%s", status);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '_')
			buf[i] = ' ';
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/*
 * Writes model's status line (the status and its reason) and its parameter
 * table; returns 1 when model.csv names it. "fitted" is green, a status
 * whose numbers are not used is grey and bold.
 */
static int write_model_rows(struct wb *b, struct wb_sheet *s, lxw_row_t *row, const char *model)
{
	const struct eg_data_table *t = &b->d->model;
	long cmod = eg_data_table_column(t, "model"), cpar = eg_data_table_column(t, "parameter");
	long cval = eg_data_table_column(t, "value");
	const char *status = NULL, *reason = NULL;
	char words[640], buf[2000];
	size_t r;
	int params = 0, named = 0;

	for (r = 0; t->present && r < t->nrows; r++) {
		if (strcmp(eg_data_table_cell(t, r, cmod), model) != 0)
			continue;
		named = 1;
		if (strcmp(eg_data_table_cell(t, r, cpar), "status") == 0)
			status = eg_data_table_cell(t, r, cval);
		else if (strcmp(eg_data_table_cell(t, r, cpar), "reason") == 0)
			reason = eg_data_table_cell(t, r, cval);
	}
	if (!named)
		return 0;
	if (status) {
		status_words(status, words, sizeof(words));
		snprintf(buf, sizeof(buf), "%s%s%.1200s.", words, reason ? ": " : "",
			 reason ? reason : "");
		wb_note(s, (*row)++, 0, buf,
			wb_format(b, NULL,
				  strcmp(status, "fitted") == 0	      ? WB_FILL_GREEN
				  : strcmp(status, "no_dropout") == 0 ? WB_BOLD
								      : WB_BOLD | WB_GREY));
	} else if (reason) {
		snprintf(buf, sizeof(buf), "%.1200s.", reason);
		wb_note(s, (*row)++, 0, buf, wb_format(b, NULL, WB_BOLD));
	}
	for (r = 0; r < t->nrows; r++) {
		const char *p = eg_data_table_cell(t, r, cpar);
		double x;

		if (strcmp(eg_data_table_cell(t, r, cmod), model) != 0 ||
		    strcmp(p, "status") == 0 || strcmp(p, "reason") == 0)
			continue;
		if (!params++)
			wb_headers(s, (*row)++, 0,
				   (const char *const[]){ "Parameter", "Value", "Meaning" }, 3, 1);
		wb_text(s, *row, 0, p, wb_format(b, NULL, WB_BOLD));
		if (eg_data_table_number(t, r, cval, &x))
			wb_number(s, *row, 1, x,
				  wb_format(b,
					    strcmp(p, "customers") == 0 ||
							    strcmp(p, "holdout_days") == 0 ||
							    strcmp(p, "repeat_buyers") == 0
						    ? "#,##0"
					    : x != 0 && x < 0.001 && x > -0.001 ? "0.000E+00"
										: "#,##0.0000",
					    0));
		else
			wb_text(s, *row, 1, eg_data_table_cell(t, r, cval),
				wb_format(b, NULL, WB_RIGHT));
		wb_note(s, (*row)++, 2, meaning(model, p), wb_format(b, NULL, WB_GREY));
	}
	return 1;
}

static void write_holdout(struct wb *b, struct wb_sheet *s, lxw_row_t *row)
{
	const struct eg_data_table *t = &b->d->holdout;
	struct eg_holdout_table h;
	lxw_row_t first, last;
	size_t r;
	int named;

	wb_note(s, (*row)++, 0,
		"Holdout check: the model fitted on orders before a cut-off, its expected orders "
		"after it against the orders customers made",
		wb_format(b, NULL, WB_SECTION));
	named = write_model_rows(b, s, row, "holdout");
	if (!t->present) {
		if (!named)
			wb_absent(s, (*row)++,
				  "No holdout comparison: compute wrote no holdout.csv.");
		return;
	}
	if (!t->nrows)
		return;
	(*row)++;
	if (eg_holdout_table_collect(&h, t) != EG_OK) {
		wb_check(s, LXW_ERROR_MEMORY_MALLOC_FAILED, *row, 0);
		return;
	}
	wb_headers(s, (*row)++, 0,
		   (const char *const[]){
			   "Repeat orders before the cut-off", "Customers",
			   "Actual orders per customer", "Predicted orders per customer",
			   "Difference", "Actual orders", "Predicted orders",
			   "Mean absolute error per customer",
			   "Baseline orders per customer (past rate carried forward)" },
		   h.has_baseline_column ? 9 : 8, 1);
	first = *row;
	for (r = 0; r < h.n; r++, (*row)++) {
		const struct eg_holdout_row *x = &h.rows[r];
		unsigned flags = x->total ? WB_TOP_RULE : 0;

		wb_text(s, *row, 0, x->total ? "All customers" : x->frequency,
			wb_format(b, NULL, (x->total ? WB_LEFT : WB_RIGHT) | flags));
		wb_value(s, *row, 1, WB_COUNT, x->has_customers, x->customers, flags);
		wb_value(s, *row, 2, WB_PRECISE, x->has_actual_mean, x->actual_mean, flags);
		wb_value(s, *row, 3, WB_PRECISE, x->has_predicted_mean, x->predicted_mean, flags);
		wb_value(s, *row, 4, WB_PRECISE, x->has_difference, x->difference, flags);
		wb_value(s, *row, 5, WB_DECIMAL, x->has_actual, x->actual, flags);
		wb_value(s, *row, 6, WB_DECIMAL, x->has_predicted, x->predicted, flags);
		if (x->has_error || x->total)
			wb_value(s, *row, 7, WB_PRECISE, x->has_error, x->error, flags);
		if (h.has_baseline_column)
			wb_value(s, *row, 8, WB_PRECISE, x->has_baseline, x->baseline, flags);
	}
	last = first + (lxw_row_t)h.last_frequency;
	if (h.charted) {
		lxw_chart *chart =
			wb_chart(b, LXW_CHART_COLUMN, "Orders per customer after the cut-off");
		lxw_chart_series *a = chart ? chart_add_series(chart, NULL, NULL) : NULL;
		lxw_chart_series *p = chart ? chart_add_series(chart, NULL, NULL) : NULL;

		if (a && p) {
			chart_series_set_categories(a, "Model", first, 0, last, 0);
			chart_series_set_values(a, "Model", first, 2, last, 2);
			chart_series_set_name(a, "Actual");
			chart_series_set_categories(p, "Model", first, 0, last, 0);
			chart_series_set_values(p, "Model", first, 3, last, 3);
			chart_series_set_name(p, "Predicted");
			chart_axis_set_name(chart->x_axis, "Repeat orders before the cut-off");
		}
		wb_insert_chart(s, *row + 1, 0, chart, 560, 300);
	}
	eg_holdout_table_release(&h);
}

void wb_write_model(struct wb *b)
{
	const struct eg_data_table *t = &b->d->model;
	struct wb_sheet s;
	const char *models[16];
	size_t nmodels = 0, r, i;
	long cmod;
	lxw_row_t row = 3;

	wb_sheet_start(b, &s, "Model");
	if (!s.ws)
		return;
	wb_title(
		&s, 0, "Customer lifetime models",
		"BG/NBD (Fader, Hardie & Lee 2005) gives P(alive) and expected orders; Gamma-Gamma "
		"the expected order value; together the predicted 12-month CLV.");
	if (!t->present) {
		wb_absent(
			&s, row++,
			"No models: compute wrote no model.csv, so there is no P(alive), expected "
			"orders or predicted CLV.");
		row++;
	} else {
		cmod = eg_data_table_column(t, "model");
		/* bgnbd and gamma_gamma first, then any other model as met; holdout last. */
		models[nmodels++] = "bgnbd";
		models[nmodels++] = "gamma_gamma";
		for (r = 0; r < t->nrows && nmodels < 16; r++) {
			const char *m = eg_data_table_cell(t, r, cmod);

			for (i = 0; i < nmodels && strcmp(models[i], m) != 0; i++)
				;
			if (i == nmodels && strcmp(m, "holdout") != 0)
				models[nmodels++] = m;
		}
		for (i = 0; i < nmodels; i++) {
			wb_note(&s, row++, 0, model_title(models[i]),
				wb_format(b, NULL, WB_SECTION));
			if (!write_model_rows(b, &s, &row, models[i]))
				wb_note(&s, row++, 0, "Not in model.csv.",
					wb_format(b, NULL, WB_BOLD | WB_GREY));
			row++;
		}
	}
	write_holdout(b, &s, &row);
	s.width[0] = 34;
	if (s.width[1] < 16)
		s.width[1] = 16;
	s.width[2] = 30;
	wb_sheet_finish(&s);
}
