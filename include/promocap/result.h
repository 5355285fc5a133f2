/* result: replications of a scenario run (on threads, reduced in a fixed
 * order) and the KPIs they give, each a mean with a 95% confidence interval. */
#ifndef PROMOCAP_RESULT_H
#define PROMOCAP_RESULT_H

#include <stdint.h>

#include "promocap/scenario.h"
#include "promocap/sim.h"
#include "promocap/spread.h"

/* One KPI over the replications.  mean is NaN when no replication had a
 * value (no return finished, say); lo and hi are NaN with fewer than two. */
typedef struct pc_kpi {
	const char *key;   /* "first_response_within", ... */
	char label[96];    /* "first response within 30min" */
	const char *unit;  /* "%", "h", "min", "refunds", ... */
	double mean, lo, hi;
	int n;             /* replications with a value */
	int has_target;
	int target_is_max; /* 1: the KPI must stay at or below target */
	double target;
	int met;           /* target met by the mean (and by the CI's worse end
			    * for met_ci) */
	int met_ci;
} pc_kpi;

/* The seed's closed form [004], MODEL.md worked example:
 * refunds R = G * r / A, after-sales = R * ratio, agents =
 * (R + after-sales) / cases per agent-day / days to finish. */
typedef struct pc_baseline {
	double orders, refunds, after_sales, total;
	double agents_exact; /* before rounding up */
	int agents;
} pc_baseline;

typedef struct pc_result {
	const pc_scenario *sc; /* borrowed */
	uint64_t seed;
	int reps;
	pc_rep *rep;           /* [reps], replication first + i in rep[i] */
	int first;             /* number of the replication in rep[0] (0 from pc_run) */
} pc_result;

/* Runs reps replications of sc with streams from seed, on threads threads
 * (<= 0: one per core).  Replication r depends on (seed, r) only, so the
 * result is the same whatever the thread count.  Returns 0, or PC_ERUN /
 * PC_ENOMEM with err filled (the error of the lowest failing replication). */
int pc_run(const pc_scenario *sc, uint64_t seed, int reps, int threads, pc_result *res,
	   pc_error *err);

/* As pc_run, for replications first .. first + reps - 1 only (first >= 0):
 * rep[i] holds replication first + i, the same figures pc_run gives for it,
 * so a caller can add replications to a result it has without running the
 * first ones again (pc_result_append). */
int pc_run_from(const pc_scenario *sc, uint64_t seed, int first, int reps, int threads,
		pc_result *res, pc_error *err);

/* Moves the replications of more (which must continue res: same scenario
 * and seed, more->first == res->first + res->reps) to the end of res, and
 * leaves more empty.  Returns 0, or PC_EINPUT (they do not continue) or
 * PC_ENOMEM with both unchanged. */
int pc_result_append(pc_result *res, pc_result *more);

/* Frees the replications.  NULL-safe. */
void pc_result_release(pc_result *res);

/* The seed's baseline staffing for sc. */
pc_baseline pc_baseline_compute(const pc_scenario *sc);

/* Fills out[0..max) with the KPIs; returns how many (at most PC_MAX_KPIS).
 * The KPIs of a lever the scenario leaves off (auto_refund, batches, late
 * requests, the service catalogue, pre-sale chat, processing_cycle) are left
 * out, so a scenario without levers gets the same table as before them. */
#define PC_MAX_KPIS 96
int pc_result_kpis(const pc_result *res, pc_kpi *out, int max);

/* The KPIs of replication r of res alone, as pc_result_kpis gives them (the
 * same KPIs in the same order): mean is that replication's value (NaN when
 * it has none), n 1 or 0, lo and hi NaN.  For paired comparisons. */
int pc_result_kpis_of(const pc_result *res, int r, pc_kpi *out, int max);

/* The spread of every KPI of res over its forecast draws (spread.h), in
 * the order of pc_result_kpis (out[i] for its i-th KPI; a KPI without
 * spread, one value of the scenario, gets sd 0), with met_share for the
 * KPIs with a target.  Returns the number of KPIs, or PC_ENOMEM
 * (negative). */
int pc_result_spread(const pc_result *res, pc_spread *out, int max);

/* The day a daily figure peaks [004]: in each replication the first day
 * with the most (none when the figure is 0 every day), and the peak of the
 * mean daily curve over the replications. */
typedef struct pc_peak {
	int day;             /* days after sales_start of the mean curve's peak,
			      * -1 when the figure is 0 every day */
	double count;        /* the mean curve's value that day */
	double mean, lo, hi; /* the replications' peak days: mean and 95% CI
			      * (NaN as for pc_kpi) */
	int n;               /* replications with a peak */
} pc_peak;

/* Fills *out for the daily column (PC_DAY_ARRIVED for refund requests,
 * PC_DAY_ESCALATED for escalations, ...). */
void pc_result_peak(const pc_result *res, pc_daily column, pc_peak *out);

/* Days with fewer cases than this a replication are not judged when a
 * target is judged day by day: a day of one request answers 0% or 100%. */
#define PC_DAY_MIN_REQUESTS 5

/* The rule that says which days a target judged day by day is judged on,
 * the one plan, shift design and the verdict share: a day is judged when
 * its mean count a replication of daily column ncol (PC_DAY_FR_N for first
 * response) is above 0 and at least the value returned, which is
 * PC_DAY_MIN_REQUESTS when some day of res has that many, else 0 (every
 * day with a case: a shop too small for the rule). */
double pc_result_day_floor(const pc_result *res, int ncol);

/* Day d (0: the first day) of the first n replications of res: the share
 * in percent of daily column within over daily column ncol in each, into
 * x[0..n) (NaN where the day had no case).  Returns the mean of column ncol
 * a replication. */
double pc_result_day_shares(const pc_result *res, int n, int d, int ncol, int within, double *x);

/* As pc_result_day_floor and pc_result_day_shares, for a target judged
 * interval by interval ([plan] judged = interval): the columns are the time
 * series' (PC_TS_FR_N and PC_TS_FR_WITHIN for first response, by the
 * interval of the request), k the interval; the same rule, at least
 * PC_DAY_MIN_REQUESTS cases a replication in the interval. */
double pc_result_interval_floor(const pc_result *res, int ncol);
double pc_result_interval_shares(const pc_result *res, int n, int k, int ncol, int within, double *x);

/* Mean and 95% confidence half-width (Student t) of x[0..n); NaN values are
 * skipped.  Returns the count used. */
int pc_stat_ci(const double *x, int n, double *mean, double *half);

#endif
