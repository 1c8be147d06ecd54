/*
 * test_bgnbd_sample.h - customers simulated from the BG/NBD model in the
 * design of the paper's CDNOW sample (first orders spread over 12 weeks,
 * 39 weeks of calibration, 39 of holdout), with the paper's CDNOW estimates
 * as truths. Included by tests only; each includer gets its own copy.
 */
#ifndef ENGAGE_TEST_BGNBD_SAMPLE_H
#define ENGAGE_TEST_BGNBD_SAMPLE_H

#include <stdlib.h>

#include "engage/bgnbd.h"
#include "engage/rng.h"

/* The paper's CDNOW estimates, in weeks. */
static const struct eg_bgnbd_params cdnow = { 0.243, 4.414, 0.793, 2.426 };

/* A simulated calibration/holdout sample. */
struct sample {
	struct eg_bgnbd_customer *cal; /* calibration summaries */
	unsigned *actual;	       /* holdout orders */
	size_t n;
};

/* n customers from p, first orders spread over 12 weeks, 39 + 39 weeks; release to free. */
static struct sample simulate(const struct eg_bgnbd_params *p, size_t n, uint64_t seed)
{
	struct sample s = { malloc(n * sizeof(*s.cal)), malloc(n * sizeof(*s.actual)), n };
	struct eg_rng g;
	size_t i;

	assert_non_null(s.cal);
	assert_non_null(s.actual);
	eg_rng_seed(&g, seed);
	for (i = 0; i < n; i++)
		eg_bgnbd_simulate(p, 27.0 + 12.0 * eg_rng_uniform(&g), 39.0, &g, &s.cal[i],
				  &s.actual[i]);
	return s;
}

static void release(struct sample *s)
{
	free(s->cal);
	free(s->actual);
}

#endif
