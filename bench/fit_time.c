/*
 * fit_time - how long the BG/NBD fit takes on N simulated customers.
 *
 *   fit_time N [SEED]
 *
 * Simulates N customers from fixed parameters (r 0.8, alpha 70, a 0.6,
 * b 2.5, in days) with ages spread over 3 years in whole days, as a shop's
 * data are, fits the model and prints "customers,distinct,seconds,r,alpha,a,b"
 * on stdout. The seconds cover the fit alone (the time compute spends on
 * it), measured with the monotonic clock.
 */
#include "engage/bgnbd.h"
#include "engage/rng.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct eg_bgnbd_params truth = {0.8, 70, 0.6, 2.5};
	struct eg_bgnbd_fit fit;
	struct eg_bgnbd_customer *c;
	struct eg_error err;
	struct eg_rng g;
	struct timespec t0, t1;
	size_t n, i;

	if (argc < 2 || (n = strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: fit_time N [SEED]\n");
		return 2;
	}
	c = malloc(n * sizeof(*c));
	if (!c)
		return 3;
	eg_rng_seed(&g, argc > 2 ? strtoull(argv[2], NULL, 10) : 20261123);
	for (i = 0; i < n; i++) {
		/* Whole days, like summaries built from order dates. */
		double T = (double)(1 + eg_rng_next(&g) % 1095);

		eg_bgnbd_simulate(&truth, T, 0, &g, &c[i], NULL);
		c[i].t_x = floor(c[i].t_x);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (eg_bgnbd_fit(c, n, NULL, &fit, &err) != EG_OK) {
		fprintf(stderr, "fit_time: %s\n", err.message);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%zu,%zu,%.3f,%.4f,%.3f,%.4f,%.4f\n", n, fit.distinct,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, fit.params.r,
	       fit.params.alpha, fit.params.a, fit.params.b);
	free(c);
	return 0;
}
