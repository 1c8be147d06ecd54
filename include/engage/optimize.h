/*
 * optimize.h - unconstrained minimisation of a smooth function of a few
 * variables: BFGS with a backtracking line search, analytic or
 * central-difference gradients, and restarts from the best point.
 *
 * The lifetime models fit positive parameters by minimising a mean negative
 * log-likelihood over their logarithms, so the search space is unconstrained
 * and every coordinate has a similar scale. The method is the textbook one
 * (Nocedal & Wright, "Numerical Optimization", 2nd ed., algorithm 6.1 with
 * the initial scaling 6.20 and a backtracking Armijo search, 3.1): it uses
 * no randomness, so the same start always gives the same answer. A restart
 * throws away the curvature estimate and searches again from the best point,
 * which recovers from a poor estimate far from the optimum. A run also ends
 * when f has fallen by less than 1e-10 relative over 20 iterations, so a
 * ridge running off to infinity reports non-convergence quickly instead of
 * using up every iteration.
 */
#ifndef ENGAGE_OPTIMIZE_H
#define ENGAGE_OPTIMIZE_H

#include <stddef.h>

#include "engage/error.h"

#define EG_OPTIMIZE_MAX_DIM 8 /* most variables eg_optimize_bfgs accepts */

/*
 * An objective: returns f(x) for x of the dimension given to the optimiser,
 * and when grad is not NULL stores the gradient there. A NaN or infinite
 * value marks x as outside the domain; the line search then steps back.
 */
typedef double (*eg_optimize_fn)(const double *x, double *grad, void *ctx);

/* Settings; zero in any field means its default. */
struct eg_optimize_options {
	size_t max_iter;      /* iterations per run (default 500) */
	size_t restarts;      /* extra runs from the best point (default 1) */
	double gtol;	      /* converged when every |gradient| <= gtol (default 1e-8) */
	double max_step;      /* largest change of one coordinate per step (default 2) */
	int numeric_gradient; /* non-zero: fn fills no gradient, use central differences */
};

/* What a minimisation found. */
struct eg_optimize_result {
	double f;	    /* objective at the best point */
	double gmax;	    /* largest |gradient component| there */
	size_t iterations;  /* BFGS iterations over all runs */
	size_t evaluations; /* calls of fn, gradient differences included */
	int converged;	    /* 1 when gmax <= gtol at the best point */
};

/*
 * Minimises fn over n variables (1 to EG_OPTIMIZE_MAX_DIM) from the point in
 * x, and leaves the best point found in x and a description in *res.
 * Returns EG_OK even when not converged (res->converged says which: the
 * caller knows what non-convergence means for its model). Fails with
 * EG_EUSAGE for a bad n or option, and with EG_EDATA when fn is not finite at
 * the start; x and *res are then unchanged. opt may be NULL for defaults.
 * Allocates nothing.
 */
int eg_optimize_bfgs(eg_optimize_fn fn, void *ctx, size_t n, double *x,
		     const struct eg_optimize_options *opt, struct eg_optimize_result *res,
		     struct eg_error *err);

#endif
