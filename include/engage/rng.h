/*
 * rng.h - a small deterministic random number generator and the samplers
 * the lifetime-model tests and benchmark generators draw from.
 *
 * The generator is xoshiro256** (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", 2021) seeded through splitmix64, so one
 * 64-bit seed gives the same stream on every platform. It is not for
 * anything secret. The samplers are the textbook methods named beside each;
 * none reads global state, so two generators never interfere.
 */
#ifndef ENGAGE_RNG_H
#define ENGAGE_RNG_H

#include <stdint.h>

/* Generator state; embed it and seed it with eg_rng_seed. */
struct eg_rng {
	uint64_t s[4]; /* xoshiro256** state, never all zero */
};

/* Seeds g from seed (any value, zero included) via splitmix64. */
void eg_rng_seed(struct eg_rng *g, uint64_t seed);

/* Returns the next 64 random bits. */
uint64_t eg_rng_next(struct eg_rng *g);

/* Returns a uniform double in the open interval (0, 1), 53 bits. */
double eg_rng_uniform(struct eg_rng *g);

/* Returns a standard normal variate (Marsaglia's polar method). */
double eg_rng_normal(struct eg_rng *g);

/* Returns an exponential variate with the given rate (> 0, asserted). */
double eg_rng_exponential(struct eg_rng *g, double rate);

/*
 * Returns a gamma variate with the given shape and scale (both > 0,
 * asserted), mean shape * scale (Marsaglia & Tsang 2000; shapes below 1 via
 * Gamma(shape + 1) * U^(1/shape)).
 */
double eg_rng_gamma(struct eg_rng *g, double shape, double scale);

/*
 * Returns a beta(a, b) variate (a, b > 0, asserted) as X / (X + Y) of two
 * gamma variates, formed on log scale so small shapes do not give 0 / 0.
 */
double eg_rng_beta(struct eg_rng *g, double a, double b);

/*
 * Returns a Poisson variate with the given mean (>= 0, asserted): Knuth's
 * product of uniforms below 10, Hoermann's transformed rejection (PTRS, 1993)
 * from 10 up.
 */
uint64_t eg_rng_poisson(struct eg_rng *g, double mean);

#endif
