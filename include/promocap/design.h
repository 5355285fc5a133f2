/* design: plan with shift design.  For every resource whose scenario gives
 * allowed shift patterns ([plan] agent_patterns, ...): the requirement per
 * interval from Erlang C on the modified offered load of the work the
 * resource is offered (the mean over a pilot's replications), the cheapest
 * shifts covering it (pc_shifts, GLPK), then the simulation checks the
 * targets day by day (or interval by interval, or over the horizon: [plan]
 * judged) with 95% confidence and the requirement is raised on the days
 * (or the intervals) where a target fails,
 * until every target holds, the raises stop paying (less than min_gain
 * points of the day's figure per 10 paid hours added), or the rounds run
 * out.  Resources without patterns keep the scenario's rosters. */
#ifndef PROMOCAP_DESIGN_H
#define PROMOCAP_DESIGN_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/error.h"
#include "promocap/result.h"
#include "promocap/scenario.h"
#include "promocap/shifts.h"

#define PC_DESIGN_MAX_TARGETS 8

typedef struct pc_design_options {
	uint64_t seed;
	int reps;            /* replications of every check, >= 2 for a CI */
	int threads;         /* <= 0: one per core; the plan does not depend on it */
	int rounds;          /* most checks (design, simulate, raise); 0: 12 */
	double min_gain;     /* points of a failing day's figure per 10 paid hours
			      * below which raising it stops; 0: 0.1 */
	double time_limit;   /* seconds for each MIP; 0: 20 */
} pc_design_options;

/* Why a lowering step went back (pc_design.lower_why), besides an index
 * into target[]. */
enum {
	PC_LOWER_WHY_NONE = -1,           /* never sent back */
	PC_LOWER_WHY_FIRST_RESPONSE = -2, /* the day (interval) missed first response */
	PC_LOWER_WHY_UNCLEAR = -3         /* a miss no single step explained */
};

/* A target judged over the whole horizon. */
typedef struct pc_design_target {
	const char *key;
	char label[96];
	int is_max;
	double target, mean, lo, hi;
	int met;
	int given_up;        /* more staff stopped paying (min_gain) */
	int raised;          /* rounds in which it raised a requirement */
} pc_design_target;

typedef struct pc_design {
	const pc_scenario *sc;      /* borrowed */
	pc_scenario chosen;         /* sc with the designed shifts as capacity
				     * schedules (breaks and shrinkage applied) */
	pc_result result;           /* the final check of chosen */
	uint64_t seed;
	int reps, rounds_used, replications;
	int designed[PC_NRES];      /* 1: shifts designed for resource r */
	pc_shifts_design shifts[PC_NRES];
	int nint;                   /* intervals of the requirement */
	double dt;
	int *erlang[PC_NRES];       /* people on duty needed, Erlang C on the MOL load */
	int *need[PC_NRES];         /* the requirement the final design covers */
	int *covered[PC_NRES];      /* the requirement shifts[r] was designed for:
				     * a round whose requirement is the same keeps it */
	/* Lowering (once every target holds): the requirement before it,
	 * the cost of covering that, and the checks it took. */
	int *base_need[PC_NRES];
	double cost_erlang;
	int lower_rounds;
	int lower_units;            /* agents' days (intervals) lowered one by one */
	int *lower_why;             /* [lower_units] what last sent a step back:
				     * PC_LOWER_WHY_*, or target[] index */
	double work_mean[PC_NRES];  /* mean service time of the resource's work, s */
	/* First response judged by the day of the request (judged = day). */
	int by_day;                 /* 1: first response judged per day */
	int fr_raised;              /* rounds in which a day or interval that missed
				     * first response raised the agents' requirement */
	double fr_target;           /* percent */
	double fr_within;           /* seconds */
	int ndays;
	double *day_requests, *day_mean, *day_lo, *day_hi; /* [ndays]; NaN: no request */
	int *day_met;               /* [ndays] 1 met (or not judged), 0 not */
	double day_floor;           /* a day is judged when day_requests is above 0
				     * and at least this (pc_result_day_floor) */
	int *day_given_up;          /* [ndays] 1: raising it stopped paying */
	int worst_day;              /* -1: none */
	/* First response judged by the interval of the request (judged =
	 * interval, as WFM tools judge it per hour): by_day is 1 too, the
	 * day figures shown, each day_met saying whether every interval of
	 * the day judged met; the raises are per interval. */
	int by_interval;            /* 1: first response judged per interval */
	double *int_requests, *int_mean, *int_lo, *int_hi; /* [nint]; NaN: none */
	int *int_met;               /* [nint] 1 met (or not judged), 0 not */
	double int_floor;           /* an interval is judged when int_requests is
				     * above 0 and at least this
				     * (pc_result_interval_floor) */
	int *int_given_up;          /* [nint] 1: raising it stopped paying */
	int worst_interval;         /* the judged interval with the lowest CI
				     * low end, -1: none (or not by_interval) */
	int ntargets;
	pc_design_target target[PC_DESIGN_MAX_TARGETS];
	int met;                    /* every target holds on every period */
	double cost, hours;         /* designed resources, over the horizon */
	double budget;              /* sc's, 0 none */
	double min_gain;            /* as used */
	char why[PC_NRES][320];     /* a structural cause, in a manager's words */
	char why_zh[PC_NRES][480];  /* the same in Chinese */
} pc_design;

/* Whether sc asks for shift design (any [plan] *_patterns set). */
int pc_design_wanted(const pc_scenario *sc);

/* Plans sc.  Returns 0 with *out (free with pc_design_free), even when a
 * target cannot be met (out->met 0, the causes in why); PC_EINPUT with err
 * filled for a grid that allows no shift, limits no roster meets, a solver
 * that found nothing in its time, shrinkage of 90% or more, a scenario
 * with no SLA target; PC_ERUN, PC_ENOMEM. */
int pc_design_run(const pc_scenario *sc, const pc_design_options *opt, pc_design **out, pc_error *err);

void pc_design_free(pc_design *d);

/* With first response judged per interval: the intervals judged (enough
 * requests, int_floor) and, of them, those missed.  Returns the number
 * judged, with *missed set. */
int pc_design_intervals_judged(const pc_design *d, int *missed);

/* The text a manager reads: the verdict (targets met on every day or
 * not, cost against the budget, people per day, what binds), then the
 * roster grid (date x pattern, people, cost per day) and the per-day
 * service level. */
int pc_design_write_summary(const pc_design *d, FILE *out);

/* What binds a design: the first resource and day where the people cap
 * or the largest day-to-day change is reached; else, when a missed first
 * response raised the agents' requirement, its tightest day (judged per
 * day) or interval (judged per interval); else the first horizon target
 * whose misses raised a requirement; else, when the checks lowered it,
 * that; else the requirement Erlang C gave for each resource's own
 * target, which no check found short. */
typedef enum pc_design_bind_kind {
	PC_BIND_HORIZON,      /* target (index into target[]) over the horizon */
	PC_BIND_CAP,          /* value people a day, on day */
	PC_BIND_CHANGE,       /* value people from one day to the next, on day */
	PC_BIND_TIGHTEST_DAY, /* first response, on day */
	PC_BIND_TIGHTEST_INTERVAL, /* first response, in interval (on day) */
	PC_BIND_LOWERED,      /* no check raised the requirement, the checks
			       * lowered it below Erlang C's where every target
			       * held with room (day as for ERLANG) */
	PC_BIND_ERLANG        /* no check raised the requirement: Erlang C's for
			       * each resource's target, as the patterns cover
			       * it (day: first response's worst day when judged
			       * per day, else -1) */
} pc_design_bind_kind;

typedef struct pc_design_bind {
	pc_design_bind_kind kind;
	pc_res res;  /* CAP, CHANGE: the resource */
	int value;   /* CAP, CHANGE: the limit */
	int day;     /* days after sales_start */
	int interval; /* TIGHTEST_INTERVAL: the interval (from sales_start) */
	int target;  /* HORIZON: the target */
} pc_design_bind;

void pc_design_binding(const pc_design *d, pc_design_bind *b);

/* Whether the lowering rounds kept a requirement below Erlang C's (once
 * every target held, each day or interval, and each other resource, with
 * room was lowered a step at a time while the checks still met every
 * target); *days (may be NULL): the days lowered. */
int pc_design_lowered(const pc_design *d, int *days);

/* staffing.csv: resource, date, pattern, start, end, break_start,
 * break_end, paid_people, on_duty_people, paid_hours, cost_cny. */
int pc_design_write_staffing(const pc_design *d, FILE *out);

/* daily_sla.csv: date, requests, first_response_pct, low, high, target_pct,
 * met (judged per day), one row per day. */
int pc_design_write_daily(const pc_design *d, FILE *out);

/* methods.csv: per designed resource, the hours of the analytic
 * requirement (erlang_c_mol: Erlang C on the modified offered load, people
 * on duty x hours, and paid hours after shrinkage), of the requirement the
 * final design covers (requirement_checked: after the raises), and of the
 * designed shifts (designed_shifts: paid hours, breaks included, and cost
 * with premiums).  Columns resource, method, on_duty_hours, paid_hours,
 * cost_cny. */
int pc_design_write_methods(const pc_design *d, FILE *out);

/* roster_RESOURCE.csv: date,shift,headcount of the designed patterns (paid
 * people), which the scenario loads back with the shifts of
 * pc_design_write_shifts_ini. */
int pc_design_write_roster(const pc_design *d, pc_res r, FILE *out);

/* roster.ini: the [staff.*] shifts and roster lines that load the design
 * back into the scenario (breaks and shrinkage are the planner's: a loaded
 * roster puts every paid person on duty for the whole shift). */
int pc_design_write_ini(const pc_design *d, FILE *out);

#endif
