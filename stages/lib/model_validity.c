/*
 * model_validity.c - the checks of model_validity.h: counts, the BG/NBD fit
 * kept even when it runs off or does not converge, the plain NBD fit beside
 * it, and the status and reason they give.
 */
#include "engage/model_validity.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *eg_model_status_name(enum eg_model_status s)
{
	switch (s) {
	case EG_MODEL_FITTED: return "fitted";
	case EG_MODEL_NO_DROPOUT: return "no_dropout";
	case EG_MODEL_NOT_ENOUGH_DATA: return "not_enough_data";
	case EG_MODEL_DEGENERATE: return "degenerate";
	case EG_MODEL_NOT_CONVERGED: return "not_converged";
	}
	return "";
}

int eg_model_status_predicts(enum eg_model_status s)
{
	return s == EG_MODEL_FITTED || s == EG_MODEL_NO_DROPOUT;
}

/* 1 when shape v lies where the likelihood is flat. */
static int flat(double v)
{
	return v < EG_VALIDITY_SHAPE_LOW || v > EG_VALIDITY_SHAPE_HIGH;
}

/* The comparison with the plain NBD, in words, into buf. */
static void compare_words(const struct eg_bgnbd_verdict *v, char *buf, size_t size)
{
	if (!v->has_nbd)
		snprintf(buf, size, "no plain NBD fit to compare with");
	else if (v->lr >= EG_VALIDITY_LR_CRITICAL)
		snprintf(buf, size,
			 "the data support dropout: the fit beats a plain NBD where nobody drops "
			 "out (likelihood ratio %.2f, at least %.2f needed)",
			 v->lr, EG_VALIDITY_LR_CRITICAL);
	else
		snprintf(buf, size,
			 "the data do not support dropout: a plain NBD where nobody drops out fits "
			 "as well (likelihood ratio %.2f, below %.2f)",
			 v->lr, EG_VALIDITY_LR_CRITICAL);
}

/* Sets the status and reason of a fit that ran (counts checked). */
static void judge(struct eg_bgnbd_verdict *v)
{
	const struct eg_bgnbd_params *p = &v->fit.params;
	static const char *const names[] = { "r", "alpha", "a", "b" };
	const double values[] = { p->r, p->alpha, p->a, p->b };
	char cmp[240];

	compare_words(v, cmp, sizeof(cmp));
	/*
	 * The no-dropout case first: there the optimum is the boundary a = 0, so
	 * the fit may stop short of converging, or run a off to zero, on the way.
	 */
	if ((flat(p->a) || flat(p->b) || v->fit.ran_off > 2) &&
	    p->a / (p->a + p->b) < EG_VALIDITY_SHAPE_LOW && v->has_nbd &&
	    v->lr < EG_VALIDITY_LR_CRITICAL) {
		v->status = EG_MODEL_NO_DROPOUT;
		snprintf(v->reason, sizeof(v->reason),
			 "the model sees no customer stop buying (a %.3g, b %.6g: a mean dropout "
			 "chance of %.2g after each order), and %s. Expected orders and CLV stand "
			 "(they are the plain NBD's), but P(alive) is about 1 for everyone and "
			 "tells "
			 "nothing, so churn risk comes from recency",
			 p->a, p->b, p->a / (p->a + p->b), cmp);
		return;
	}
	if (v->fit.ran_off) {
		v->status = EG_MODEL_DEGENERATE;
		snprintf(v->reason, sizeof(v->reason),
			 "%s ran off to %s (%.3g), where the likelihood is flat: the data do not "
			 "identify the model; %s",
			 names[v->fit.ran_off - 1],
			 values[v->fit.ran_off - 1] > 1 ? "infinity" : "zero",
			 values[v->fit.ran_off - 1], cmp);
		return;
	}
	if (!v->fit.converged) {
		v->status = EG_MODEL_NOT_CONVERGED;
		snprintf(v->reason, sizeof(v->reason),
			 "the fit did not converge (at r %.4g, alpha %.4g, a %.4g, b %.4g): the "
			 "numbers would be the optimiser's last guess, so none is used",
			 p->r, p->alpha, p->a, p->b);
		return;
	}
	if (flat(p->a) || flat(p->b)) {
		v->status = EG_MODEL_DEGENERATE;
		snprintf(v->reason, sizeof(v->reason),
			 "a %.4g and b %.4g lie where the likelihood is flat (below %g or above "
			 "%g): the data cannot tell how customers stop buying, so P(alive), "
			 "expected orders and CLV would be artefacts; %s",
			 p->a, p->b, EG_VALIDITY_SHAPE_LOW, EG_VALIDITY_SHAPE_HIGH, cmp);
		return;
	}
	v->status = EG_MODEL_FITTED;
	snprintf(v->reason, sizeof(v->reason),
		 "converged with every parameter inside its range, on %zu customers (%zu repeat "
		 "buyers); %s",
		 v->customers, v->repeat_buyers, cmp);
}

int eg_bgnbd_fit_checked(const struct eg_bgnbd_customer *c, size_t n,
			 const struct eg_bgnbd_fit_options *given, struct eg_bgnbd_verdict *v,
			 struct eg_error *err)
{
	struct eg_bgnbd_fit_options opt = { 0 };
	struct eg_error why;
	size_t i;
	int rc;

	memset(v, 0, sizeof(*v));
	v->customers = n;
	for (i = 0; i < n; i++)
		v->repeat_buyers += c[i].x > 0;
	if (n < EG_VALIDITY_MIN_CUSTOMERS || v->repeat_buyers < EG_VALIDITY_MIN_REPEAT_BUYERS) {
		v->status = EG_MODEL_NOT_ENOUGH_DATA;
		snprintf(v->reason, sizeof(v->reason),
			 "%zu customers, %zu of them with a repeat order: the model needs at least "
			 "%d customers and %d repeat buyers, since only repeat buyers show how "
			 "often "
			 "customers buy and when they stop",
			 n, v->repeat_buyers, EG_VALIDITY_MIN_CUSTOMERS,
			 EG_VALIDITY_MIN_REPEAT_BUYERS);
		return EG_OK;
	}
	if (given)
		opt = *given;
	opt.keep_unidentified = 1;
	eg_error_clear(&why);
	rc = eg_bgnbd_fit(c, n, &opt, &v->fit, &why);
	if (rc == EG_EDATA) {
		v->status = EG_MODEL_NOT_ENOUGH_DATA;
		snprintf(v->reason, sizeof(v->reason), "%.500s", why.message);
		return EG_OK;
	}
	if (rc != EG_OK)
		return eg_error_set(err, why.status, NULL, 0, 0, "%s", why.message);
	v->has_fit = 1;
	eg_error_clear(&why);
	rc = eg_bgnbd_fit_no_dropout(c, n, &v->nbd, &why);
	if (rc == EG_OK && v->nbd.converged) {
		v->has_nbd = 1;
		v->lr = fmax(0.0, 2.0 * (v->fit.log_likelihood - v->nbd.log_likelihood));
	} else if (rc != EG_OK && rc != EG_EDATA) {
		return eg_error_set(err, why.status, NULL, 0, 0, "%s", why.message);
	}
	judge(v);
	return EG_OK;
}
