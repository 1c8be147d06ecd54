/*
 * specfun.c - log-sum-exp, digamma and the real Gauss hypergeometric
 * function.
 *
 * 2F1 picks one of three routes by z: the Gauss series (A&S 15.1.1) where it
 * converges within a small budget of terms; for z < -1/2, Pfaff's
 * transformation (A&S 15.3.5) to w = z / (z - 1) in (1/3, 1); near z = 1 the
 * connection formula (A&S 15.3.6) in 1 - z, unless c - a - b is close to an
 * integer, where its two gamma-function terms cancel and the plain series is
 * summed to the end instead.
 */
#include "engage/specfun.h"

#include <assert.h>
#include <float.h>
#include <math.h>

#define SERIES_BUDGET 1000L	/* terms tried before a transformation */
#define SERIES_CAP    20000000L /* terms before giving up */
#define NEAR_INTEGER  0.05	/* c - a - b this close to an integer: no 15.3.6 */
#define SERIES_TOL    (DBL_EPSILON / 2)
#define MAX_CANCEL    1e4 /* largest term (or part) / result allowed */

enum series_status {
	SERIES_DONE,	 /* converged */
	SERIES_SLOW,	 /* not converged within the cap */
	SERIES_OVERFLOW, /* a partial sum overflowed */
	SERIES_CANCEL,	 /* terms cancel: the result would lose more than 4 digits */
};

double eg_specfun_logaddexp(double u, double v)
{
	double m;

	if (isnan(u) || isnan(v))
		return u + v;
	if (u == -INFINITY)
		return v;
	if (v == -INFINITY)
		return u;
	m = u > v ? u : v;
	if (isinf(m))
		return m;
	return m + log1p(exp(-fabs(u - v)));
}

double eg_specfun_log1pexp(double u)
{
	return u > 0 ? u + log1p(exp(-u)) : log1p(exp(u));
}

double eg_specfun_digamma(double x)
{
	double acc = 0.0, inv, inv2, poly;

	assert(x > 0);
	/* psi(x) = psi(x + 1) - 1/x until the asymptotic series (through the
	 * x^-12 term) is exact to about 1e-16 at x >= 10. */
	while (x < 10.0) {
		acc -= 1.0 / x;
		x += 1.0;
	}
	inv = 1.0 / x;
	inv2 = inv * inv;
	poly = 1.0 / 132 - inv2 * 691.0 / 32760;
	poly = 1.0 / 240 - inv2 * poly;
	poly = 1.0 / 252 - inv2 * poly;
	poly = 1.0 / 120 - inv2 * poly;
	poly = 1.0 / 12 - inv2 * poly;
	return acc + log(x) - 0.5 * inv - inv2 * poly;
}

static int is_nonpositive_integer(double v)
{
	return v <= 0 && v == floor(v);
}

/* Whether Pfaff with exponent e leaves a series of positive terms. */
static int pfaff_positive(double e, double f, double c)
{
	return e > 0 && c - f > 0 && c > 0;
}

static int near_integer(double v, double tol)
{
	return fabs(v - nearbyint(v)) < tol;
}

/*
 * Sums the Gauss series with at most cap terms, compensated (Neumaier). It
 * stops once the terms keep their sign and the geometric bound on the tail
 * is below half an ulp of the sum; a zero ratio ends a terminating series.
 * Each term carries a rounding error of a few ulps, so a sum far smaller than
 * its largest term is refused rather than returned inaccurate.
 */
static enum series_status series(double a, double b, double c, double z, long cap, double *out)
{
	double term = 1.0, sum = 1.0, comp = 0.0, biggest = 1.0;
	/* From this index on no factor (a + n), (b + n), (c + n) changes sign. */
	double settle = ceil(fmax(0.0, fmax(-a, fmax(-b, -c)))) + 1.0;
	int quiet = 0; /* consecutive terms that passed the tail test */
	long n;

	for (n = 0; n < cap; n++) {
		double ratio = (a + n) / (c + n) * (b + n) / (n + 1.0) * z;
		double q = fmax(fabs(ratio), fabs(z));
		double next;

		if (ratio == 0.0)
			break;
		if (n >= settle && q < 1.0 &&
		    fabs(term) * q <= SERIES_TOL * (1.0 - q) * fabs(sum)) {
			if (++quiet == 2)
				break;
		} else {
			quiet = 0;
		}
		term *= ratio;
		biggest = fmax(biggest, fabs(term));
		next = sum + term;
		comp += fabs(sum) >= fabs(term) ? (sum - next) + term : (term - next) + sum;
		sum = next;
		if (!isfinite(sum))
			return SERIES_OVERFLOW;
	}
	if (n == cap)
		return SERIES_SLOW;
	sum += comp;
	if (biggest > MAX_CANCEL * fabs(sum))
		return SERIES_CANCEL;
	*out = sum;
	return SERIES_DONE;
}

/* log|Gamma(v)| with the sign of Gamma(v) in *sign (0 at a pole). */
static double lgamma_signed(double v, int *sign)
{
	if (v > 0) {
		*sign = 1;
		return lgamma(v);
	}
	if (v == floor(v)) {
		*sign = 0;
		return INFINITY;
	}
	*sign = fmod(floor(v), 2.0) == 0.0 ? 1 : -1;
	return lgamma(v);
}

/*
 * One term of A&S 15.3.6: g * zc^power * 2F1(a2, b2; c2; zc) with zc = 1 - z,
 * where g = Gamma(num1) Gamma(num2) / (Gamma(den1) Gamma(den2)); a pole in a
 * denominator makes the term zero.
 */
static enum series_status connection_term(double num1, double num2, double den1, double den2,
					  double power, double a2, double b2, double c2, double zc,
					  double *out)
{
	int s1, s2, s3, s4;
	double lg = lgamma_signed(num1, &s1) + lgamma_signed(num2, &s2);
	double f, lmag;
	enum series_status st;

	lg -= lgamma_signed(den1, &s3);
	if (s3 == 0)
		return *out = 0.0, SERIES_DONE;
	lg -= lgamma_signed(den2, &s4);
	if (s4 == 0)
		return *out = 0.0, SERIES_DONE;
	st = series(a2, b2, c2, zc, SERIES_CAP, &f);
	if (st != SERIES_DONE)
		return st;
	lmag = lg + power * log(zc);
	if (lmag > 700.0)
		return SERIES_OVERFLOW;
	*out = (double)(s1 * s2 * s3 * s4) * exp(lmag) * f;
	return SERIES_DONE;
}

/*
 * 2F1 for 0 <= z < 1 (and small negative z), given zc = 1 - z computed
 * without cancellation: the series within its budget, else the connection
 * formula when it is well conditioned, else the series to the end.
 */
static enum series_status unit_interval(double a, double b, double c, double z, double zc,
					double *out)
{
	double s = c - a - b, t1, t2;
	enum series_status st;

	st = series(a, b, c, z, SERIES_BUDGET, out);
	if (st != SERIES_SLOW)
		return st;
	if (z > 0.5 && !near_integer(s, NEAR_INTEGER)) {
		st = connection_term(c, s, c - a, c - b, 0.0, a, b, 1.0 - s, zc, &t1);
		if (st == SERIES_DONE)
			st = connection_term(c, -s, a, b, s, c - a, c - b, 1.0 + s, zc, &t2);
		if (st == SERIES_DONE && isfinite(t1 + t2) &&
		    fabs(t1) + fabs(t2) <= MAX_CANCEL * fabs(t1 + t2)) {
			*out = t1 + t2;
			return SERIES_DONE;
		}
	}
	return series(a, b, c, z, SERIES_CAP, out);
}

int eg_specfun_hyp2f1(double a, double b, double c, double z, double *out, struct eg_error *err)
{
	double value;
	enum series_status st;

	if (!isfinite(a) || !isfinite(b) || !isfinite(c) || !isfinite(z))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "2f1(%g, %g; %g; %g): arguments must be finite", a, b, c, z);
	if (is_nonpositive_integer(c))
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "2f1(%g, %g; %g; %g): c is a non-positive integer", a, b, c, z);
	if (is_nonpositive_integer(a) || is_nonpositive_integer(b)) {
		st = series(a, b, c, z, SERIES_CAP, &value);
	} else if (z > 1.0) {
		return eg_error_set(err, EG_EUSAGE, NULL, 0, 0,
				    "2f1(%g, %g; %g; %g): z above 1 gives a complex value", a, b, c,
				    z);
	} else if (z == 1.0) {
		int s1, s2, s3, s4;
		double lg;

		/* Gauss: Gamma(c) Gamma(c-a-b) / (Gamma(c-a) Gamma(c-b)), A&S 15.1.20. */
		if (c - a - b <= 0)
			return eg_error_set(err, EG_EDATA, NULL, 0, 0,
					    "2f1(%g, %g; %g; 1) diverges: c - a - b is not "
					    "positive",
					    a, b, c);
		lg = lgamma_signed(c, &s1) + lgamma_signed(c - a - b, &s2) -
		     lgamma_signed(c - a, &s3) - lgamma_signed(c - b, &s4);
		value = s3 == 0 || s4 == 0 ? 0.0 : (double)(s1 * s2 * s3 * s4) * exp(lg);
		st = isfinite(value) ? SERIES_DONE : SERIES_OVERFLOW;
	} else if (z < 0.0 && (pfaff_positive(a, b, c) || pfaff_positive(b, a, c) || z < -0.5)) {
		/* Pfaff, A&S 15.3.5: 2F1 = (1 - z)^-e 2F1(e, c - f; c; z / (z - 1))
		 * with {e, f} = {a, b}. Prefer the choice whose series has only
		 * positive terms (no cancellation), else the smaller exponent: that
		 * term dominates as z -> -inf, so the transformed function stays
		 * bounded. */
		double e = a <= b ? a : b, f = a <= b ? b : a, inner;

		if (!pfaff_positive(e, f, c) && pfaff_positive(f, e, c)) {
			e = f;
			f = a <= b ? a : b;
		}
		st = unit_interval(e, c - f, c, z / (z - 1.0), 1.0 / (1.0 - z), &inner);
		if (st == SERIES_DONE) {
			double lf = -e * log1p(-z);

			value = lf > 700.0 ? INFINITY : exp(lf) * inner;
			if (!isfinite(value))
				st = SERIES_OVERFLOW;
		}
	} else {
		st = unit_interval(a, b, c, z, 1.0 - z, &value);
	}
	if (st == SERIES_OVERFLOW)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "2f1(%g, %g; %g; %g) overflows double precision", a, b, c, z);
	if (st == SERIES_CANCEL)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "2f1(%g, %g; %g; %g) cannot be computed accurately: its terms "
				    "cancel",
				    a, b, c, z);
	if (st == SERIES_SLOW)
		return eg_error_set(err, EG_EDATA, NULL, 0, 0,
				    "2f1(%g, %g; %g; %g): series did not converge (z too close "
				    "to 1)",
				    a, b, c, z);
	*out = value;
	return EG_OK;
}
