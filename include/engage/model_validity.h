/*
 * model_validity.h - whether the data can carry a BG/NBD model, said as a
 * status from a fixed set with a reason in words, before any of the model's
 * numbers are used.
 *
 * The checks, in order:
 *   - enough data: at least EG_VALIDITY_MIN_CUSTOMERS customers and
 *     EG_VALIDITY_MIN_REPEAT_BUYERS of them with a repeat order (only repeat
 *     buyers show how often customers buy and when they stop; the dropout
 *     shapes a and b rest on them alone, and on fewer than ten they follow
 *     one or two people: the Gamma-Gamma fit asks the same ten);
 *   - the fit converged;
 *   - no parameter ran to 0 or infinity, and a and b lie in
 *     [EG_VALIDITY_SHAPE_LOW, EG_VALIDITY_SHAPE_HIGH]: beyond, the
 *     likelihood is flat along them and their values say nothing;
 *   - the fit is compared with a plain NBD fit, where nobody drops out, by
 *     the likelihood-ratio statistic 2 (ln L BG/NBD - ln L NBD); dropout is
 *     supported when it reaches EG_VALIDITY_LR_CRITICAL (chi-square, 2
 *     degrees of freedom for a and b, 5%).
 * A flat fit whose mean dropout probability a / (a + b) is below
 * EG_VALIDITY_SHAPE_LOW and that dropout does not support is the NBD in
 * other words: status no_dropout, its expected orders stand but its
 * P(alive) is about 1 for everyone. It is judged first, since its optimum
 * is the boundary a = 0: the fit may stop short of converging, or run a or
 * b off, on the way there. Any other flat fit is degenerate.
 */
#ifndef ENGAGE_MODEL_VALIDITY_H
#define ENGAGE_MODEL_VALIDITY_H

#include <stddef.h>

#include "engage/bgnbd.h"
#include "engage/error.h"

#define EG_VALIDITY_MIN_CUSTOMERS     30    /* fewer customers: not_enough_data */
#define EG_VALIDITY_MIN_REPEAT_BUYERS 10    /* fewer repeat buyers: not_enough_data */
#define EG_VALIDITY_SHAPE_LOW	      1e-3  /* a or b below: flat likelihood */
#define EG_VALIDITY_SHAPE_HIGH	      1e3   /* a or b above: flat likelihood */
#define EG_VALIDITY_LR_CRITICAL	      5.991 /* chi-square(2) at 5% */

/* What a model's fit is worth; the names are those model.csv writes. */
enum eg_model_status {
	EG_MODEL_FITTED,     /* "fitted": every prediction can be used */
	EG_MODEL_NO_DROPOUT, /* "no_dropout": expected orders and CLV stand, P(alive) is flat */
	EG_MODEL_NOT_ENOUGH_DATA, /* "not_enough_data": too few customers or repeat buyers */
	EG_MODEL_DEGENERATE,	  /* "degenerate": parameters where the likelihood is flat */
	EG_MODEL_NOT_CONVERGED,	  /* "not_converged": the optimiser did not converge */
};

/* A BG/NBD fit and what it is worth. */
struct eg_bgnbd_verdict {
	enum eg_model_status status; /* see above */
	char reason[600];	     /* why, in words, with the numbers */
	size_t customers;	     /* customers given */
	size_t repeat_buyers;	     /* of them with x > 0 */
	int has_fit;		     /* fit holds the BG/NBD fit (the optimiser ran) */
	struct eg_bgnbd_fit fit;     /* the fit, when has_fit */
	int has_nbd;		     /* nbd holds the no-dropout fit and lr the comparison */
	struct eg_bgnbd_nbd_fit nbd; /* the plain NBD fit, when has_nbd */
	double lr;		     /* 2 (ln L BG/NBD - ln L NBD), >= 0, when has_nbd */
};

/* The status's name as model.csv writes it ("fitted", "not_enough_data", ...; static). */
const char *eg_model_status_name(enum eg_model_status s);

/* 1 when expected orders (and so CLV) of a fit with status s can be used. */
int eg_model_status_predicts(enum eg_model_status s);

/*
 * Fits BG/NBD to n customers with the settings *opt (NULL: the defaults;
 * a fit that does not converge or runs off is always kept, to be judged),
 * then the plain NBD, and judges the fit into *v (see above). A data problem is a status, not an error: EG_OK then
 * (a customer the fit refuses, such as every one of age 0, is
 * not_enough_data with the fit's message). Fails only with EG_EIO (out of
 * memory) or EG_EUSAGE (too many customers); *v is then unspecified.
 */
int eg_bgnbd_fit_checked(const struct eg_bgnbd_customer *c, size_t n,
			 const struct eg_bgnbd_fit_options *opt, struct eg_bgnbd_verdict *v,
			 struct eg_error *err);

#endif
