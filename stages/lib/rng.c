/*
 * rng.c - xoshiro256** with splitmix64 seeding, and the samplers built on
 * its uniform stream.
 */
#include "engage/rng.h"

#include <assert.h>
#include <math.h>

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* One step of splitmix64 (Steele, Lea & Flood 2014) on *state. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void eg_rng_seed(struct eg_rng *g, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		g->s[i] = splitmix64(&seed);
	/* splitmix64 is a bijection of its counter, so four zeros cannot occur. */
}

uint64_t eg_rng_next(struct eg_rng *g)
{
	uint64_t *s = g->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double eg_rng_uniform(struct eg_rng *g)
{
	/* The midpoints of 2^53 equal cells: never 0, never 1. */
	return ((double)(eg_rng_next(g) >> 11) + 0.5) * 0x1.0p-53;
}

double eg_rng_normal(struct eg_rng *g)
{
	double u, v, s;

	do {
		u = 2.0 * eg_rng_uniform(g) - 1.0;
		v = 2.0 * eg_rng_uniform(g) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	/* The second variate, v * factor, is dropped: no hidden state. */
	return u * sqrt(-2.0 * log(s) / s);
}

double eg_rng_exponential(struct eg_rng *g, double rate)
{
	assert(rate > 0);
	return -log(eg_rng_uniform(g)) / rate;
}

/* log of a Gamma(shape, 1) variate: finite even where the variate underflows. */
static double log_gamma_variate(struct eg_rng *g, double shape)
{
	double boost = 0.0, d, c;

	if (shape < 1.0) {
		boost = log(eg_rng_uniform(g)) / shape;
		shape += 1.0;
	}
	d = shape - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;) {
		double x = eg_rng_normal(g), v = 1.0 + c * x, u;

		if (v <= 0.0)
			continue;
		v = v * v * v;
		u = eg_rng_uniform(g);
		if (u < 1.0 - 0.0331 * x * x * x * x ||
		    log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
			return log(d * v) + boost;
	}
}

double eg_rng_gamma(struct eg_rng *g, double shape, double scale)
{
	assert(shape > 0 && scale > 0);
	return scale * exp(log_gamma_variate(g, shape));
}

double eg_rng_beta(struct eg_rng *g, double a, double b)
{
	double la, lb;

	assert(a > 0 && b > 0);
	la = log_gamma_variate(g, a);
	lb = log_gamma_variate(g, b);
	/* X / (X + Y) = 1 / (1 + exp(lb - la)) */
	return 1.0 / (1.0 + exp(lb - la));
}

uint64_t eg_rng_poisson(struct eg_rng *g, double mean)
{
	double slam, lmean, b, a, inv_alpha, v_r;

	assert(mean >= 0);
	if (mean < 10.0) {
		double limit = exp(-mean), prod = eg_rng_uniform(g);
		uint64_t k = 0;

		while (prod > limit) {
			prod *= eg_rng_uniform(g);
			k++;
		}
		return k;
	}
	/* PTRS: a transformed-rejection hat with a quick acceptance square. */
	slam = sqrt(mean);
	lmean = log(mean);
	b = 0.931 + 2.53 * slam;
	a = -0.059 + 0.02483 * b;
	inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
	v_r = 0.9277 - 3.6224 / (b - 2.0);
	for (;;) {
		double u = eg_rng_uniform(g) - 0.5, v = eg_rng_uniform(g);
		double us = 0.5 - fabs(u);
		double k = floor((2.0 * a / us + b) * u + mean + 0.43);

		if (k >= 0.0 && us >= 0.07 && v <= v_r)
			return (uint64_t)k;
		if (k < 0.0 || (us < 0.013 && v > us))
			continue;
		if (log(v * inv_alpha / (a / (us * us) + b)) <= -mean + k * lmean - lgamma(k + 1.0))
			return (uint64_t)k;
	}
}
