/* plan: the smallest rosters (headcount per shift per day of agents,
 * supervisors and inspectors) with the least staff-hours that meet every
 * SLA target of a scenario with 95% confidence, found by simulation with
 * common random numbers from an analytic start, beside the analytic plans
 * (the seed's closed form per day, Erlang C per interval, the modified
 * offered load) and what each achieves. */
#ifndef PROMOCAP_PLAN_H
#define PROMOCAP_PLAN_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/error.h"
#include "promocap/result.h"
#include "promocap/cluster.h"
#include "promocap/scenario.h"

#define PC_PLAN_MAX_TARGETS 8
#define PC_PLAN_MAX_CURVE 8

/* How the planner runs.  Everything it decides depends on these and the
 * scenario only, never on threads or timing: the same options give the
 * same plan. */
typedef struct pc_plan_options {
	uint64_t seed;     /* streams of every check (common random numbers) */
	int reps;          /* replications of a full check, >= 1 */
	int screen_reps;   /* replications of a screening check, 1..reps; 0: reps / 5
			    * rounded up to an even number, at least 4 (at most reps) */
	int threads;       /* worker threads, <= 0: one per core */
	int budget;        /* replications of the search (restaffing, repair,
			    * trimming, single removals): it starts no new step once
			    * it has used them; 0: 8e7 simulated requests and
			    * after-sales cases' worth, from the pilot */
	double relax;      /* a target the maximum roster cannot meet is planned for
			    * what the maximum attains less relax percent of it (a
			    * ceiling: plus), 0 < relax <= 100; 0: 5 */
	/* Called after every check with the phase ("pilot", "search", ...) and
	 * the checks and replications so far; may be NULL. */
	void (*progress)(void *user, const char *phase, int checks, int replications);
	void *user;
	/* NULL, or the MPI job whose ranks share each check's replications
	 * (the plan is the same). */
	pc_cluster *cluster;
} pc_plan_options;

/* The methods compared. */
typedef enum pc_plan_method {
	PC_PLAN_CLOSED_FORM, /* the seed's closed form per day (agents; others as SIPP) */
	PC_PLAN_SIPP,        /* Erlang C per interval on lambda E[S] */
	PC_PLAN_MOL,         /* Erlang C on the modified offered load m(t) */
	PC_PLAN_SEARCH,      /* simulation-based search: the plan */
	PC_PLAN_MAXIMUM,     /* max_per_shift on every shift: what is attainable */
	PC_PLAN_NMETHODS
} pc_plan_method;

/* One SLA target of the scenario as the planner sees it. */
typedef struct pc_plan_target {
	const char *key;     /* KPI key of pc_result_kpis: "first_response_within", ... */
	char label[96];      /* "first response within 30min" */
	const char *unit;    /* "%" */
	int is_max;          /* 1: at most target (dispute rate), 0: at least */
	double target;       /* as the scenario sets it, in unit */
	double planned;      /* what the plan meets: target, or for an infeasible
			      * target what the maximum attains less relax percent
			      * of it (or its CI's worse end there if worse) */
	int feasible;        /* the maximum roster meets target with 95% confidence */
	double max_mean, max_lo, max_hi; /* at the maximum roster */
	int max_reps;
	unsigned resources;  /* bit r: resource r serves work this target measures */
} pc_plan_target;

/* A roster's simulated KPIs, target by target. */
typedef struct pc_plan_outcome {
	int *headcount[PC_NRES];  /* [day * nshifts + s] as pc_staff.headcount, owned */
	double staff_hours[PC_NRES];
	double cost;              /* CNY: staff-hours times each resource's cost */
	int reps;                 /* replications simulated */
	double mean[PC_PLAN_MAX_TARGETS], lo[PC_PLAN_MAX_TARGETS], hi[PC_PLAN_MAX_TARGETS];
	int met[PC_PLAN_MAX_TARGETS]; /* the planned target, by the CI's worse end */
	int all_met;
} pc_plan_outcome;

/* One point of the headcount-versus-KPI curve. */
typedef struct pc_plan_point {
	int headcount;
	double staff_hours;       /* the whole roster's */
	double mean[PC_PLAN_MAX_TARGETS], lo[PC_PLAN_MAX_TARGETS], hi[PC_PLAN_MAX_TARGETS];
	int met[PC_PLAN_MAX_TARGETS];
	int all_met;
	/* With first response judged day by day: its mean and 95% CI on the
	 * shift's date alone (the requests of that day), where mean[] holds
	 * the worst day of the plan, often another one; NaN otherwise or
	 * when that day is not judged. */
	double day_mean, day_lo, day_hi;
} pc_plan_point;

/* What a shift's headcount is held by. */
typedef enum pc_plan_binding {
	PC_PLAN_BIND_REMOVAL,  /* one fewer failed target binding_target (checked) */
	PC_PLAN_BIND_ESTIMATE, /* not checked alone: the resource's tightest target */
	PC_PLAN_BIND_MIN,      /* at min_per_shift */
	PC_PLAN_BIND_NONE      /* not planned (starts after the horizon) */
} pc_plan_binding;

typedef struct pc_plan {
	const pc_scenario *sc;     /* the scenario planned (borrowed) */
	pc_scenario chosen;        /* a copy of it with the chosen rosters */
	pc_result result;          /* the chosen rosters' full check (result.sc == &chosen) */
	uint64_t seed;
	int reps, screen_reps, budget;
	double relax;
	int ntargets;
	pc_plan_target target[PC_PLAN_MAX_TARGETS];
	int feasible;              /* every target can be met as the scenario sets it */
	double off_duty[PC_NRES];  /* share of each resource's work (at the maximum)
				    * that arrives while none of its shifts is on duty */
	int met;                   /* the chosen rosters meet every planned target */
	pc_plan_outcome method[PC_PLAN_NMETHODS];
	/* Per shift of the chosen rosters, in the layout of pc_staff.headcount. */
	double *utilisation[PC_NRES];  /* percent of the shift's staff-hours busy; NaN unplanned */
	double *staff_hours[PC_NRES];
	int *binding[PC_NRES];         /* pc_plan_binding */
	int *binding_target[PC_NRES];  /* target index for REMOVAL and ESTIMATE, else -1 */
	/* For REMOVAL: 1 when one fewer failed on the full replications by
	 * its 95% CI alone (its mean met the target; judged per day, on the
	 * day the removal was blamed for),
	 * so more replications may release the shift; 0 when it missed on
	 * average or was rejected while screening. */
	int *binding_ci[PC_NRES];
	/* The busiest shift (of agents, the one with the most work offered;
	 * of another resource when agents have none) with its headcount
	 * varied, the rest of the plan unchanged; curve_reps replications a
	 * point (fewer than reps: read against the plan's full check with
	 * common random numbers, see README). */
	int curve_res, curve_day, curve_shift, ncurve, curve_reps;
	int curve_day_target; /* the target of the points' day_mean (first
			       * response judged per day), or -1 */
	pc_plan_point curve[PC_PLAN_MAX_CURVE];
	/* Effort: checks (calls of the simulation) and replications simulated. */
	int checks, replications, search_replications;
	int single_tested, single_untested; /* shifts above min_per_shift whose single
					     * removal was checked and failed, and the others */
} pc_plan;

/* Whether sc can be planned: every roster a number or a CSV table of
 * date,shift,headcount (change points have no shifts to staff).  Returns 0,
 * or PC_EINPUT with err filled as "file: message". */
int pc_plan_check(const pc_scenario *sc, pc_error *err);

/* Plans sc (borrowed; unchanged) with options opt and returns the plan in
 * *out (free with pc_plan_free).  The rosters must be numbers or CSV tables
 * of date,shift,headcount: a roster of capacity change points, or a scenario
 * without any SLA target, gives PC_EINPUT with err filled as "file: message".
 * A target that the maximum roster (max_per_shift on every shift) cannot
 * meet is reported in its pc_plan_target (feasible 0) and planned for what
 * the maximum attains less opt->relax percent; the call still returns 0 with
 * plan->feasible 0.  Returns 0, PC_EINPUT, PC_ERUN (a replication failed)
 * or PC_ENOMEM; *out is NULL on failure. */
int pc_plan_run(const pc_scenario *sc, const pc_plan_options *opt, pc_plan **out, pc_error *err);

/* The replications of a screening check for reps full ones and the option
 * screen_reps (0: the default of pc_plan_options).  The planner keeps
 * these replications' requests across its checks (promocap/sim.h): the
 * memory estimate adds them (pc_memory_add_kept). */
int pc_plan_screen_reps(int reps, int screen_reps);

/* Frees the plan and what it owns (chosen, result, the per-shift arrays).
 * NULL-safe. */
void pc_plan_free(pc_plan *plan);

/* Name of a method: "closed_form", "sipp", "mol", "simulation", "maximum". */
const char *pc_plan_method_name(pc_plan_method m);

/* Writers of the plan's tables, to streams the caller opened and closes;
 * each returns 0 or PC_EIO.  staffing.csv: resource, date, shift, start,
 * end, headcount, staff_hours, utilisation_pct, binding_target,
 * binding_checked, held_by_ci, one row per planned shift of the chosen
 * rosters. */
int pc_plan_write_staffing(const pc_plan *plan, FILE *out);

/* methods.csv: per method its staff-hours per resource and in all, cost,
 * replications, then per target its mean, CI and whether it was met. */
int pc_plan_write_methods(const pc_plan *plan, FILE *out);

/* headcount_vs_kpi.csv: the busiest shift's headcount against every
 * target's KPI (mean and CI), the roster's staff-hours, the replications a
 * point, and whether all targets are met. */
int pc_plan_write_curve(const pc_plan *plan, FILE *out);

/* daily_sla.csv: per day of the chosen rosters' check: date, requests (a
 * replication), first_response_pct with its 95% CI (low, high), by the day
 * of the request, target_pct and met (1: the CI's low end reaches it, or
 * the day is not judged: fewer than PC_DAY_MIN_REQUESTS requests a
 * replication). */
int pc_plan_write_daily(const pc_plan *plan, FILE *out);

/* First response on day d (0: the first day) of res, by the day of the
 * request: requests a replication, the mean and 95% CI of the share
 * answered in time in percent (NaN without a request).  daily_sla.csv's
 * figures.  Returns 1 when the day is judged (pc_result_day_floor: the
 * rule plan and the verdict share), else 0. */
int pc_plan_day_first_response(const pc_result *res, int d, double *req, double *mean, double *lo, double *hi);

/* As pc_plan_day_first_response for interval k (0: the first) of the time
 * series, by the interval of the request ([plan] judged = interval). */
int pc_plan_interval_first_response(const pc_result *res, int k, double *req, double *mean, double *lo, double *hi);

/* Interval k (0: the first) of sc as its date and hours,
 * "2026-11-11 10:00-11:00", into buf ("-" for k < 0). */
void pc_plan_interval_text(const pc_scenario *sc, int k, char *buf, size_t n);

/* First response over the periods of res judged (days, or intervals when
 * by_interval): how many are judged, how many meet target (percent) by
 * their CI's low end, and the worst (lowest low end) with its mean and CI.
 * Returns the worst period's index, or -1 when none is judged. */
int pc_plan_worst_period(const pc_result *res, int by_interval, double target, int *judged, int *met, double *mean,
			 double *lo, double *hi);

/* The chosen roster of resource r as a roster CSV, date,shift,headcount,
 * every day the scenario has, which a scenario's roster key can name. */
int pc_plan_write_roster(const pc_plan *plan, pc_res r, FILE *out);

/* The text a manager reads: targets (and which cannot be met, by how much
 * at the maximum), the staffing table, the methods compared, the busiest
 * shift's curve and the effort. */
int pc_plan_write_summary(const pc_plan *plan, FILE *out);

#endif
