/* dist: named probability distributions from the scenario, sampled with GSL. */
#ifndef PROMOCAP_DIST_H
#define PROMOCAP_DIST_H

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
 *   gamma:       p1 = shape k, p2 = scale theta  (gsl_ran_gamma)
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
	gsl_ran_discrete_t *table; /* empirical: owned */
	char file[512];           /* empirical: the file as written in the scenario */
} pc_dist;

/* Parses text such as "lognormal(mean=3min, cv=0.5)" into *d, values read in
 * unit.  basedir is the folder relative file names are resolved against.
 * On error fills err with file:line (the caller's, for the INI line; the
 * CSV's own for an empirical file) and returns PC_EINPUT; *d then holds
 * nothing to release.  Message style: "'lognormal' needs mean and sd or cv,
 * got 'lognormal(mean=3min)'". */
int pc_dist_parse(pc_dist *d, const char *text, pc_unit unit, const char *basedir,
		  const char *file, int line, pc_error *err);

/* Frees what an empirical distribution owns.  NULL-safe; d can be parsed
 * again afterwards. */
void pc_dist_release(pc_dist *d);

/* Deep copy (the empirical table is rebuilt).  Returns 0 or PC_ENOMEM. */
int pc_dist_copy(pc_dist *dst, const pc_dist *src);

/* Draws one value (seconds or CNY, never negative) from stream r. */
double pc_dist_sample(const pc_dist *d, gsl_rng *r);

/* Writes the canonical text of d ("lognormal(mean=3min, cv=0.5)"), which
 * pc_dist_parse reads back to the same distribution.  Returns buf. */
const char *pc_dist_format(const pc_dist *d, char *buf, size_t n);

#endif
