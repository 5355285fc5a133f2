/* dist: named probability distributions from the scenario, sampled with GSL. */
#ifndef PROMOCAP_DIST_H
#define PROMOCAP_DIST_H

#include <math.h>
#include <stddef.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "promocap/error.h"

/* What the numbers of a distribution measure.  Durations are held in
 * seconds; money in CNY. */
typedef enum pc_unit {
	PC_UNIT_DURATION, /* written with a unit: 30s, 4min, 1.5h, 2d */
	PC_UNIT_CNY       /* plain numbers */
} pc_unit;

typedef enum pc_dist_kind {
	PC_DIST_FIXED,       /* fixed(v) */
	PC_DIST_EXPONENTIAL, /* exponential(mean=m) or exponential(m) */
	PC_DIST_LOGNORMAL,   /* lognormal(mean=m, sd=s) or lognormal(mean=m, cv=c) */
	PC_DIST_GAMMA,       /* gamma(mean=m, sd=s | cv=c) or gamma(shape=k, scale=t) */
	PC_DIST_WEIBULL,     /* weibull(shape=k, scale=l) */
	PC_DIST_EMPIRICAL    /* empirical(file.csv): values, optionally weighted */
} pc_dist_kind;

/* A distribution.  p1 and p2 are the parameters the GSL sampler takes:
 *   fixed:       p1 = value
 *   exponential: p1 = mean                      (gsl_ran_exponential)
 *   lognormal:   p1 = zeta = ln m - s2/2, p2 = sigma with s2 = ln(1 + sd^2/m^2)
 *                                               (gsl_ran_lognormal)
 *   gamma:       p1 = shape k, p2 = scale theta  (gsl_ran_gamma);
 *                p1 = p2 = 0 when sd is 0 (a fixed value, the mean)
 *   weibull:     p1 = scale l, p2 = shape k      (gsl_ran_weibull)
 *   empirical:   values[] with table from gsl_ran_discrete_preproc
 * mean and sd are the distribution's mean and standard deviation, derived
 * once at parse time (in seconds or CNY). */
typedef struct pc_dist {
	pc_dist_kind kind;
	pc_unit unit;
	double p1, p2;
	double mean, sd;
	size_t n;                 /* empirical: number of values */
	double *values;           /* empirical: owned */
	double *weights;          /* empirical: owned, one per value (1 without a weight
	                           * column), kept so pc_dist_copy rebuilds the same table */
	gsl_ran_discrete_t *table; /* empirical: owned */
	char file[512];           /* empirical: the file as written in the scenario */
} pc_dist;

/* Parses text such as "lognormal(mean=3min, cv=0.5)" into *d, values read in
 * unit.  basedir is the folder relative file names are resolved against.
 * An empirical file is read with pc_table_read: a relative name is joined to
 * basedir ("." or NULL: as is).  Returns 0; on error fills err with
 * file:line (the caller's, for the INI line and for an empirical file that
 * cannot be opened; the CSV's own for what is wrong inside it) and returns
 * PC_EINPUT, PC_EIO (the file cannot be read) or PC_ENOMEM; *d then holds
 * nothing to release.  d is overwritten, not released, first.  Messages do
 * not name the key (the caller prefixes "'KEY': "), e.g. "lognormal needs
 * mean and sd or cv, got 'lognormal(mean=3min)'" or "unknown distribution
 * 'lognorm', expected fixed, exponential, lognormal, gamma, weibull or
 * empirical".  A lognormal or gamma with sd (or cv) 0 is a fixed value: it
 * samples its mean. */
int pc_dist_parse(pc_dist *d, const char *text, pc_unit unit, const char *basedir,
		  const char *file, int line, pc_error *err);

/* Frees what an empirical distribution owns.  NULL-safe; d can be parsed
 * again afterwards. */
void pc_dist_release(pc_dist *d);

/* Deep copy into dst, which is overwritten (release it first); the empirical
 * table is rebuilt from the same weights, so the copy draws the same values
 * from the same stream.  Returns 0, or PC_ENOMEM with dst holding nothing to
 * release. */
int pc_dist_copy(pc_dist *dst, const pc_dist *src);

/* Draws one value (seconds or CNY, never negative) from stream r. */
double pc_dist_sample(const pc_dist *d, gsl_rng *r);

/* A lognormal's draw (sd above 0): exp(zeta + sigma Z), Z from GSL's
 * ziggurat, the same law as gsl_ran_lognormal at about half the cost. */
static inline double pc_dist_lognormal_draw(const pc_dist *d, gsl_rng *r)
{
	return exp(d->p1 + d->p2 * gsl_ran_gaussian_ziggurat(r, 1.0));
}

/* pc_dist_sample with its commonest kind, the lognormal, inline: the same
 * draw from the same stream, for the engine's hot paths. */
static inline double pc_dist_draw(const pc_dist *d, gsl_rng *r)
{
	if (d->kind == PC_DIST_LOGNORMAL && d->sd != 0.0)
		return pc_dist_lognormal_draw(d, r);
	return pc_dist_sample(d, r);
}

/* The survival function P(X > x) of d, in d's unit: 1 for x < 0; for a
 * fixed value (and a lognormal or gamma with sd 0) 1 while x < the value,
 * else 0; GSL's upper-tail cdf functions for the others
 * (gsl_cdf_exponential_Q, _lognormal_Q, _gamma_Q, _weibull_Q); for an
 * empirical distribution the weight of the values above x over the total
 * weight. */
double pc_dist_survival(const pc_dist *d, double x);

/* One draw of d conditioned on being below limit (limit > 0), by the
 * inverse of d's distribution function at a uniform share of
 * P(X < limit): one uniform from r for every kind (GSL's gsl_cdf_*_Pinv).
 * Where d has no mass below the limit, a uniform point within it.  A limit
 * <= 0 gives 0. */
double pc_dist_sample_below(const pc_dist *d, gsl_rng *r, double limit);

/* The rest of a wait of d that has lasted elapsed already: one draw of
 * X - elapsed given X > elapsed (the residual life), by the inverse of d's
 * survival function at a uniform share of P(X > elapsed): one uniform from
 * r for every kind (GSL's gsl_cdf_*_Qinv; an empirical table draws among
 * its values above elapsed).  The exponential's is the exponential itself
 * (memoryless); a lognormal's grows with elapsed.  Where d has no mass
 * above elapsed, 0 (due now).  elapsed <= 0: a draw of d. */
double pc_dist_sample_residual(const pc_dist *d, gsl_rng *r, double elapsed);

/* The gamma distribution's quantiles, P(X <= x) = p and P(X > x) = q, for
 * shape a and scale b (X/b ~ gamma(a)).  GSL's gsl_cdf_gamma_Pinv and
 * _Qinv fail to converge at large shapes (NaN now and then from a shape of
 * about 1,000, for a sixth of the probabilities above 10,000) or answer
 * wrongly (Qinv(0.975, 1e6, 1) = 1.34e6): GSL's answer is kept when its
 * own gsl_cdf_gamma_P (or _Q) gives p back, else the equation is solved
 * by GSL's Brent root finder on that function.  p, q outside (0, 1) or
 * a, b <= 0: GSL's answer.  Poisson and chi-squared CIs use them
 * (chi-squared with k degrees of freedom is gamma(k/2, 2)).  Like the rest
 * of the library they need GSL's error handler off, as promocap's main
 * sets it (promocap/erlang.h): GSL's default handler aborts where its
 * inverse fails, before the answer can be checked. */
double pc_cdf_gamma_Pinv(double p, double a, double b);
double pc_cdf_gamma_Qinv(double q, double a, double b);

/* Writes the canonical text of d, which pc_dist_parse reads back to the same
 * distribution to 6 significant digits: fixed(v), exponential(mean=m),
 * lognormal(mean=m, sd=s), gamma(mean=m, sd=s), weibull(shape=k, scale=l),
 * empirical(file as written).  A cv in the input comes out as sd
 * ("lognormal(mean=3min, cv=0.5)" as "lognormal(mean=3min, sd=90s)") and
 * gamma's shape and scale as mean and sd.  Values are formatted as
 * pc_dist_format_duration does, or %.6g for CNY.  Truncates to fit n.
 * Returns buf. */
const char *pc_dist_format(const pc_dist *d, char *buf, size_t n);

/* Reads a duration, a number and a unit (s, min, h, d, blanks allowed around
 * and between them: "30min", "1.5d", "4 h"), into *seconds.  The number is
 * decimal (no hex, nan or inf) and the result finite; it may be negative,
 * range checks are the caller's.  Returns 0; -1 for a bad or missing number;
 * -2 when the unit is missing ("5"); -3 for an unknown unit ("5x").  *seconds
 * is left alone on failure. */
int pc_dist_parse_duration(const char *text, double *seconds);

/* For a duration text with an unknown unit (pc_dist_parse_duration gives
 * -3), writes the end of its message into buf of size n: " (did you mean
 * '30min'? units are s, min, h, d)" for "30 minutes", " (units are s, min,
 * h, d)" when no unit is near; "" for any other text. */
void pc_dist_unit_hint(const char *text, char *buf, size_t n);

/* Writes seconds as a duration pc_dist_parse_duration reads back, in the
 * largest unit that gives a tidy number: days or hours with at most one
 * decimal and >= 1 ("1.5d", "4h", "2.4h"), whole minutes ("30min"), else
 * seconds ("90s", "0.25s"); the number with %.6g.  Truncates to fit n. */
void pc_dist_format_duration(double seconds, char *buf, size_t n);

#endif
