/* spread: a KPI's spread over replications split into the part the forecast
 * makes and the part chance makes (one-way random-effects ANOVA over the
 * forecast draws, docs/forecast.md). */
#ifndef PROMOCAP_SPREAD_H
#define PROMOCAP_SPREAD_H

#include "promocap/error.h"


/* The spread of one KPI. */
typedef struct pc_spread {
	int runs;             /* replications with a value */
	int draws;            /* forecast draws among them */
	double mean;          /* over the replications */
	double sd_forecast;   /* sigma_f: sd of the KPI's mean given the forecast, over forecasts */
	double sd_chance;     /* sigma_c: sd of one replication around its forecast's mean */
	double share_forecast; /* sigma_f^2 / (sigma_f^2 + sigma_c^2), 0..1 */
	double p10, p50, p90; /* quantiles over the forecasts of the KPI's mean
			       * given the forecast, chance taken out */
	double chance_pm;     /* half the P10-P90 of one replication at a fixed
			       * forecast: 1.2816 sigma_c */
	double chance_lo, chance_hi; /* 95% CI of sigma_c (chi-square, MSW's df) */
	double met_share;     /* pc_spread_of_target (pc_result_spread), a KPI with a target: the share
			       * of the draws whose mean (chance taken out, as for
			       * the quantiles; the plain mean for a target at the
			       * KPI's bound, pc_spread_at_bound) meets it; NaN
			       * otherwise */
} pc_spread;

/* The spread of values y[0..n) where y[i] came from forecast draw
 * draw[i] (NaN values skipped).  The estimator of the one-way
 * random-effects model y = mu + f(draw) + e, Var f = sigma_f^2, Var e =
 * sigma_c^2 (Searle, Casella and McCulloch, Variance Components, 1992,
 * §3.5): sigma_c^2 = MSW; sigma_f^2 = max(0, (MSB - MSW) / n0) with n0 =
 * (N - sum n_k^2 / N) / (K - 1).  The quantiles are those of the draws'
 * means, each pulled towards the mean by sqrt(sigma_f^2 / (sigma_f^2 +
 * sigma_c^2 / n_k)) so that their spread is the forecast's alone.  With
 * fewer than two draws, or no draw with two values, the parts that need
 * them are NaN.  Returns 0, or PC_ENOMEM. */
int pc_spread_of(const double *y, const int *draw, int n, pc_spread *out);

/* As pc_spread_of, and each draw's mean of y, pulled towards the mean as
 * for the quantiles (chance taken out), into dm[0 .. out->draws) and the
 * draws' numbers into dn, in the order of those numbers (dm and dn have
 * room for n; a draw without a value is left out); with no spread to pull
 * in (fewer than two draws, no draw with two values) the plain means.
 * Returns 0, or PC_ENOMEM. */
int pc_spread_draw_means(const double *y, const int *draw, int n, double *dm, int *dn, pc_spread *out);

/* Whether a target sits at its KPI's bound (100% at least, 0 at most):
 * met only when no replication misses, which pulling a draw's mean in
 * towards the others' would hide or invent, so such a target is judged on
 * the draw's plain mean. */
int pc_spread_at_bound(double target, int is_max, const char *unit);

/* As pc_spread_of, with met_share: the share of the draws whose mean
 * (chance taken out, as for the quantiles; the plain mean for a target at
 * the KPI's bound, pc_spread_at_bound) meets target (is_max: at most,
 * otherwise at least; unit: the KPI's unit).  Returns 0, or PC_ENOMEM. */
int pc_spread_of_target(const double *y, const int *draw, int n, double target, int is_max, const char *unit,
			pc_spread *out);

/* The half-width of the 95% confidence interval of the mean of y[0..n)
 * (NaN skipped) when the y[i] of one forecast draw draw[i] are correlated:
 * from the draws' means (Student t on K - 1 degrees of freedom).  NaN with
 * fewer than two draws. */
double pc_spread_ci_half(const double *y, const int *draw, int n);

#endif
