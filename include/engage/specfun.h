/*
 * specfun.h - the special functions the customer-lifetime models need:
 * log-sum-exp helpers, the digamma function and the Gauss hypergeometric
 * function 2F1(a, b; c; z) for real arguments.
 *
 * The models work on log scale to stay finite with large order counts and
 * ages in days (lgamma of a few thousand, powers like (alpha + T)^(r + x));
 * these helpers add two such log terms without overflow. 2F1 is evaluated by
 * its Gauss series, Pfaff's transformation for negative z and the 1 - z
 * connection formula near z = 1 (Abramowitz & Stegun 15.1.1, 15.3.5, 15.3.6),
 * with the series carried further where that formula is degenerate.
 */
#ifndef ENGAGE_SPECFUN_H
#define ENGAGE_SPECFUN_H

#include "engage/error.h"

/*
 * Returns log(exp(u) + exp(v)) without overflow or needless underflow. Either
 * may be -INFINITY (a zero term); NaN in gives NaN out.
 */
double eg_specfun_logaddexp(double u, double v);

/* Returns log(1 + exp(u)) (the softplus) without overflow for any finite u. */
double eg_specfun_log1pexp(double u);

/*
 * Returns the digamma function psi(x) = d/dx lgamma(x) for x > 0 (asserted),
 * within about 2e-15 absolute or 1e-15 relative, whichever is larger: upward
 * recurrence to x >= 10, then the asymptotic series.
 */
double eg_specfun_digamma(double x);

/*
 * Stores the Gauss hypergeometric function 2F1(a, b; c; z) in *out, for real
 * a, b, c and z <= 1. A non-positive integer a or b gives the terminating
 * polynomial (any finite z); z = 1 needs c - a - b > 0 (Gauss's theorem).
 * Relative accuracy is about 1e-14; where z is within 1e-4 of 1 and
 * c - a - b within 0.05 of an integer the series is summed term by term
 * (about 1e-11, and up to 40 / (1 - z) terms).
 * Fails with EG_EUSAGE for a NaN or infinite argument, z > 1 (the value is
 * complex there) or c a non-positive integer (undefined); with EG_EDATA when
 * the value diverges (z = 1 with c - a - b <= 0), when every route would
 * overflow or lose more than four digits to cancelling terms (large |a| or
 * |b| with negative z or c, far from what the lifetime models use), or when
 * the series does not converge in 20 million terms. *out is unchanged on
 * failure.
 */
int eg_specfun_hyp2f1(double a, double b, double c, double z, double *out, struct eg_error *err);

#endif
