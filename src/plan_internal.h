/* plan_internal: what the planner's files share (the plan's steps in
 * plan.c, the checks of candidate rosters in plan_check.c, the analytic
 * plans in plan_analytic.c, the simulation-based search in plan_search.c):
 * the planned shifts, a check and the planner's state.  Private to the
 * library: the public contract is include/promocap/plan.h. */
#ifndef PC_PLAN_INTERNAL_H
#define PC_PLAN_INTERNAL_H

#include "promocap/plan.h"

#define T_MAX PC_PLAN_MAX_TARGETS
#define ALL_RES ((1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR) | (1u << PC_RES_INSPECTOR))

/* One planned shift: resource, day, shift, and when it is on duty. */
typedef struct block {
	int res, day, shift, idx; /* idx = day * nshifts + shift */
	double t0, t1;            /* on duty [t0, t1), cut at the horizon (and
				   * at a re-plan's start) */
	int lo, hi;               /* min_per_shift, max_per_shift */
} block;

/* A roster simulated: the replications and each target's verdict. */
typedef struct check {
	pc_result res;
	double mean[T_MAX], lo[T_MAX], hi[T_MAX];
	int met[T_MAX];        /* the planned target, by the CI's worse end */
	int clear_fail[T_MAX]; /* missed by the mean */
	int all_met, any_clear_fail;
	int anchored;          /* mean, lo, hi stand for the full replications:
				* simulated on them, or predicted (see paired) */
	int need_anchor;       /* undecided, and the roster compared with stands
				* on a prediction: anchor it first (see anchor) */
	/* The target judged per period (planner's period_target), day by day
	 * or interval by interval: each judged period's mean and 95% CI, NaN
	 * on periods not judged; NULL without one.  Owned by the check
	 * (pc_check_release frees them). */
	int nper;
	double *per_mean, *per_lo, *per_hi;
} check;

typedef struct planner {
	const pc_scenario *sc;
	pc_scenario work;      /* the copy whose headcounts each check sets */
	pc_plan *plan;
	const pc_plan_options *opt;
	pc_error *err;
	const char *phase;
	int nint;
	double dt;
	int nblocks;
	block *blk;
	int *first_block;      /* [PC_NRES + 1]: blocks of resource r are first_block[r] .. [r + 1) */
	double arrivals_per_rep;
	int period_target;     /* the target judged per period (first response
				* with judged = day or interval), or -1 */
	int by_interval;       /* its periods are intervals (judged = interval), else days */
	int chain;             /* predicted acceptances since the last full check */
	int batch;             /* a batch of removals is being checked: all
				* the screening replications before a rejection
				* (each day's verdict counts), an acceptance on
				* the full ones only (a prediction over many days
				* at once is optimistic: its worst day is the
				* least of many) */
} planner;

/* The accepted changes, newest last, to step back if the full check of the
 * end result fails. */
typedef struct history {
	int n, cap, nb;
	int *h; /* n rosters of nb blocks */
} history;

/* ---- plan_check.c: rosters, and the simulation that judges them ---- */

/* How pc_check_roster simulates a roster (see there). */
enum { CHECK_RAW, CHECK_SEQUENTIAL, CHECK_PAIRED };

/* Sets the working scenario's headcounts to roster h (one per block). */
void pc_check_apply(planner *p, const int *h);
/* Block b's hours on duty. */
double pc_check_block_hours(const block *b);
/* Roster h's staff-hours per resource and its cost. */
void pc_check_roster_hours(const planner *p, const int *h, double hours[PC_NRES], double *cost);
/* Roster h's staff-hours, all resources together. */
double pc_check_total_hours(const planner *p, const int *h);
/* Mean over res's replications of time-series column col in interval k. */
double pc_check_series_mean(const pc_result *res, int k, int col);
/* Length of interval k (the last one is cut at the horizon). */
double pc_check_interval_length(const planner *p, int k);
/* Judges c's replications against every planned target (fills mean, lo,
 * hi, met, clear_fail, all_met, any_clear_fail, anchored). */
void pc_check_assess(planner *p, check *c);
/* Frees c's result and zeroes it (safe on a zeroed check). */
void pc_check_release(check *c);
/* Reports the phase and effort so far to the options' progress callback. */
void pc_check_progress(planner *p);
/* Runs replications first .. first + n - 1 of the working scenario and
 * appends them to c; search counts them against the budget.  Returns 0 or
 * a negative code with p->err filled. */
int pc_check_simulate(planner *p, check *c, int first, int n, int search);
/* Target t's value in each of the first n replications of res, into x. */
void pc_check_per_rep(planner *p, const pc_result *res, int n, int t, double *x);

/* The target judged per period, in period d of each of the first n
 * replications of res, into x; returns 0, or -1 when d is not judged
 * (too few requests, or out of range). */
int pc_check_period_per_rep(const planner *p, const pc_result *res, int n, int d, double *x);
/* Simulates roster h as mode says (CHECK_RAW with n replications, 0: the
 * full ones; CHECK_SEQUENTIAL; CHECK_PAIRED against cur) and judges it
 * into c, which the caller releases.  Returns 0 or a negative code. */
int pc_check_roster(planner *p, const int *h, int mode, int n, int search, const check *cur, check *c);
/* The target judged per period, period by period, in c (checked as
 * pc_check_roster says, cur the roster it was paired with or NULL): into
 * v[d] +1 met (on the screening replications: predicted to pass clearly),
 * -1 missed (on the screening replications: predicted to miss by more than
 * the standard error of the paired difference, or missed even by the CI's
 * better end), 0 undecided or not judged.  Returns the periods (c->nper),
 * 0 without a target judged per period. */
int pc_check_period_verdicts(planner *p, const check *cur, const check *c, signed char *v);
/* Target t (not judged per period) day by day where it has its days
 * (refund-only handling: the day of the request): into v[d] -1 where c's
 * share over its replications misses the planned target and is below
 * cur's over the same ones, else 0.  Returns the days, 0 for a target
 * without them. */
int pc_check_day_misses(planner *p, const check *cur, const check *c, int t, signed char *v);
/* Makes cur, the check of roster h, stand on the full replications. */
int pc_check_full(planner *p, const int *h, check *cur, int search);
/* Whether the search still has replications in its budget. */
int pc_check_budget_left(const planner *p);
/* Per block of c's roster h, any of: idle servers attributable to it,
 * utilisation (percent), work waiting per server, work offered in its
 * hours (each array nblocks long, or NULL). */
void pc_check_block_figures(const planner *p, const check *c, const int *h, double *idle, double *util,
			    double *waiting, double *offered);

/* ---- plan_analytic.c: the analytic plans ---- */

/* The window tau and share of the target that sets the pace of resource
 * r's work (a day and 95% when none does). */
void pc_analytic_pace(const planner *p, int r, double *tau, double *share);
/* Whether any target measures resource r's work. */
int pc_analytic_serves_target(const planner *p, int r);
/* Copies resource r's layout headcounts (day x shift) into the blocks of
 * h, clamped to each block's bounds. */
void pc_analytic_from_layout(const planner *p, int r, const int *lay, int *h);
/* Adds replications of the maximum roster (applied) to the pilot until its
 * offered work is near its expectation (pc_staffing_load_reps), for the
 * analytic plans.  Returns 0 or a negative code with p->err filled. */
int pc_analytic_loads(planner *p, check *pilot);
/* SIPP and MOL rosters (Erlang C per interval) from the pilot's offered
 * work.  Returns 0 or a negative code with p->err filled. */
int pc_analytic_plans(planner *p, const check *pilot, int *sipp, int *mol);
/* The closed form per day for agents from the pilot's requests, the
 * other resources as in sipp.  Returns 0 or a negative code. */
int pc_analytic_closed_form(planner *p, const check *pilot, const int *sipp, int *h);

/* ---- plan_search.c: the simulation-based search ---- */

/* The end of the latest planned shift of resource r on duty at t, or -1
 * when none is. */
double pc_search_on_duty_until(const planner *p, int r, double t);
/* Adds staff where the targets c misses are short (step: the share of the
 * headcount added, at least 1).  Returns how many shifts grew, -1 out of
 * memory. */
int pc_search_repair(planner *p, const check *c, int *h, double step);
/* The search from roster h, checked in cur: iterative restaffing, repair,
 * trimming and single removals; h and cur end on the roster found, hs
 * holds the accepted changes, stuck and bind what binds each block.
 * Returns 0 or a negative code with p->err filled. */
int pc_search_run(planner *p, int *h, check *cur, history *hs, int *stuck, int *bind);

/* stuck[b] when block b's single removal failed on the full replications
 * by the CI of its binding target alone (else 1). */
#define STUCK_BY_CI 2

/* Whether value m (a mean, or a CI's worse end) meets target tg: its
 * planned value, within rounding. */
int pc_check_value_meets(const pc_plan_target *tg, double m);

/* Whether target t failed in c on the full replications by its 95% CI
 * alone: its mean meets it (judged per period: on every period judged). */
int pc_check_fails_by_ci(const planner *p, const check *c, int t);

#endif
