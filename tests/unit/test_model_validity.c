/*
 * test_model_validity.c - the status a BG/NBD fit gets: a young store with
 * one repeat buyer is not_enough_data and nothing is fitted; the CDNOW
 * sample is fitted, with the parameters of a plain fit and dropout
 * supported over the NBD; customers who never drop out give no_dropout with
 * a likelihood ratio near 0; repeat buyers who all stop right after their
 * second order drive a and b where the likelihood is flat: degenerate; the
 * optimiser stopped after a few iterations is not_converged. Each
 * status comes with its reason in words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_cases.h"

#include <math.h>
#include <string.h>

#include "engage/model_validity.h"

#include "test_bgnbd_sample.h"

/* v's reason contains text. */
static void reason_says(const struct eg_bgnbd_verdict *v, const char *text)
{
	if (!strstr(v->reason, text))
		fail_msg("reason \"%s\" does not say \"%s\"", v->reason, text);
}

/*
 * Runs the checked fit of the n customers at c with opt into *v, and
 * asserts its status, the status's name and whether it predicts.
 */
static void verdict_is(const struct eg_bgnbd_customer *c, size_t n,
		       const struct eg_bgnbd_fit_options *opt, struct eg_bgnbd_verdict *v,
		       enum eg_model_status status, const char *name, int predicts)
{
	assert_int_equal(eg_bgnbd_fit_checked(c, n, opt, v, NULL), EG_OK);
	assert_int_equal(v->status, status);
	assert_string_equal(eg_model_status_name(v->status), name);
	assert_int_equal(eg_model_status_predicts(v->status) != 0, predicts);
}

/* 50 customers, the first ones' orders in the last months, one of them back once. */
static void validity_young_store_is_not_enough_data(void **state)
{
	struct eg_bgnbd_customer c[50];
	struct eg_bgnbd_verdict v;
	size_t i;

	(void)state;
	for (i = 0; i < 50; i++)
		c[i] = (struct eg_bgnbd_customer){ 0, 0, (double)(3 + i * 2) };
	c[7] = (struct eg_bgnbd_customer){ 1, 5, 17 };
	verdict_is(c, 50, NULL, &v, EG_MODEL_NOT_ENOUGH_DATA, "not_enough_data", 0);
	assert_false(v.has_fit);
	assert_int_equal(v.customers, 50);
	assert_int_equal(v.repeat_buyers, 1);
	reason_says(&v, "50 customers, 1 of them with a repeat order");
	reason_says(&v, "at least 30 customers and 10 repeat buyers");
}

/* The CDNOW sample (2,357 customers): fitted, as a plain fit, and dropout supported. */
static void validity_cdnow_sample_is_fitted(void **state)
{
	struct sample s = simulate(&cdnow, 2357, 31);
	struct eg_bgnbd_verdict v;
	struct eg_bgnbd_fit f;

	(void)state;
	assert_int_equal(eg_bgnbd_fit(s.cal, s.n, NULL, &f, NULL), EG_OK);
	verdict_is(s.cal, s.n, NULL, &v, EG_MODEL_FITTED, "fitted", 1);
	assert_true(v.has_fit && v.has_nbd);
	assert_memory_equal(&v.fit.params, &f.params, sizeof(f.params));
	assert_true(v.fit.converged && !v.fit.ran_off);
	assert_true(v.nbd.log_likelihood < v.fit.log_likelihood);
	assert_true(fabs(v.lr - 2 * (f.log_likelihood - v.nbd.log_likelihood)) < 1e-9);
	assert_true(v.lr >= EG_VALIDITY_LR_CRITICAL);
	reason_says(&v, "the data support dropout");
	release(&s);
}

/* Customers who never drop out: BG/NBD runs to the NBD and says so. */
static void validity_no_dropout_is_the_plain_nbd(void **state)
{
	const struct eg_bgnbd_params never = { 0.5, 5.0, 1e-6, 1e4 };
	struct sample s = simulate(&never, 3000, 32);
	struct eg_bgnbd_verdict v;

	(void)state;
	verdict_is(s.cal, s.n, NULL, &v, EG_MODEL_NO_DROPOUT, "no_dropout", 1);
	assert_true(v.has_nbd && v.lr < EG_VALIDITY_LR_CRITICAL);
	/* the NBD's parameters are the BG/NBD's r and alpha */
	assert_true(fabs(v.nbd.r / v.fit.params.r - 1) < 1e-3);
	assert_true(fabs(v.nbd.alpha / v.fit.params.alpha - 1) < 1e-3);
	reason_says(&v, "sees no customer stop buying");
	reason_says(&v, "the data do not support dropout");
	release(&s);
}

/* Ten repeat buyers who all stop right after their second order, 30 one-time buyers. */
static void validity_everyone_stops_at_once_is_degenerate(void **state)
{
	struct eg_bgnbd_customer c[40];
	struct eg_bgnbd_verdict v;
	size_t i;

	(void)state;
	for (i = 0; i < 40; i++)
		c[i] = i < 10 ? (struct eg_bgnbd_customer){ 1, 1 + (double)i, 300 + (double)i }
			      : (struct eg_bgnbd_customer){ 0, 0, 10 + (double)i * 7 };
	assert_int_equal(eg_bgnbd_fit_checked(c, 40, NULL, &v, NULL), EG_OK);
	print_message("a %g b %g lr %g: %s\n", v.fit.params.a, v.fit.params.b, v.lr, v.reason);
	assert_int_equal(v.status, EG_MODEL_DEGENERATE);
	assert_string_equal(eg_model_status_name(v.status), "degenerate");
	assert_false(eg_model_status_predicts(v.status));
	assert_true(v.has_fit);
	reason_says(&v, "the likelihood is flat");
}

/* The CDNOW sample with the optimiser stopped after 3 iterations: not_converged, nothing used. */
static void validity_stopped_optimiser_is_not_converged(void **state)
{
	struct sample s = simulate(&cdnow, 2357, 31);
	struct eg_bgnbd_fit_options opt = { .max_iter = 3 };
	struct eg_bgnbd_verdict v;

	(void)state;
	verdict_is(s.cal, s.n, &opt, &v, EG_MODEL_NOT_CONVERGED, "not_converged", 0);
	assert_true(v.has_fit);
	assert_false(v.fit.converged);
	assert_int_equal(v.fit.ran_off, 0);
	reason_says(&v, "the fit did not converge");
	reason_says(&v, "so none is used");
	release(&s);
}

TEST_MAIN(cmocka_unit_test(validity_young_store_is_not_enough_data),
	  cmocka_unit_test(validity_cdnow_sample_is_fitted),
	  cmocka_unit_test(validity_no_dropout_is_the_plain_nbd),
	  cmocka_unit_test(validity_everyone_stops_at_once_is_degenerate),
	  cmocka_unit_test(validity_stopped_optimiser_is_not_converged))
