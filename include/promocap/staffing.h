/* staffing: analytic staffing of one resource: the offered load of its work
 * (stationary per interval or modified for time-varying arrivals), Erlang C
 * servers per interval, the seed's closed form per day, and the cover of a
 * requirement per interval by the resource's shifts. */
#ifndef PROMOCAP_STAFFING_H
#define PROMOCAP_STAFFING_H

#include "promocap/dist.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

#define PC_STAFFING_MAXMIX 8

/* The work of one resource as a mixture of service-time distributions: a
 * task takes dist[i] with probability weight[i] / (sum of the weights).
 * The distributions are borrowed. */
typedef struct pc_staffing_mix {
	int n;
	const pc_dist *dist[PC_STAFFING_MAXMIX];
	double weight[PC_STAFFING_MAXMIX];
} pc_staffing_mix;

/* Adds dist with weight w >= 0 to mix (weights need not sum to 1).  Returns
 * 0, or PC_EINPUT when the mix is full or w is negative or not finite. */
int pc_staffing_mix_add(pc_staffing_mix *mix, const pc_dist *dist, double w);

/* The service-time mixture of resource r's work (PC_RES_*) in sc, weighted
 * by the tasks of each kind in the replications of pilot: the agents' four
 * paths, after-sales claims, payouts and escalations; the supervisors'
 * approvals; the inspectors' inspections.  mix borrows sc's distributions. */
void pc_staffing_work_mix(const pc_scenario *sc, const pc_result *pilot, int r, pc_staffing_mix *mix);

/* Replications whose offered work Erlang C may read: enough that the
 * busiest interval's requests and cases reach PC_STAFFING_LOAD_PEAK over
 * them (a relative standard error of 1%), but no more than
 * PC_STAFFING_LOAD_ALL requests and cases in all (a large scenario's loads
 * are many agents, whose integer staffing a few percent of noise hardly
 * moves) and at most PC_STAFFING_LOAD_REPS_MAX; at least res's own.
 * Erlang C per interval on the noisy counts of a few replications staffs
 * the peaks of the noise: a shift takes the most its intervals need. */
#define PC_STAFFING_LOAD_PEAK 1e4
#define PC_STAFFING_LOAD_ALL 1e6
#define PC_STAFFING_LOAD_REPS_MAX 100
int pc_staffing_load_reps(const pc_result *res);

/* The mixture's mean service time, E[S] = sum w_i E[S_i] / sum w_i, in
 * seconds; 0 when the weights sum to 0. */
double pc_staffing_mix_mean(const pc_staffing_mix *mix);

/* The mixture's survival function, P(S > x) = sum w_i P(S_i > x) / sum w_i;
 * 0 when the weights sum to 0. */
double pc_staffing_mix_survival(const pc_staffing_mix *mix, double x);

/* The modified offered load of arrivals at the piecewise-constant rate
 * lambda[k] per second on [k dt, (k + 1) dt), k < n (none before 0 or after
 * n dt), whose service times follow mix:
 *   m(t) = integral_{-inf}^{t} lambda(s) P(S > t - s) ds,
 * the mean number in service at t when no task waits (M_t/G/infinity, Eick,
 * Massey and Whitt 1993), used as the load of the MOL approximation
 * (Jennings, Mandelbaum, Massey and Whitt 1996).  For a constant rate it
 * tends to lambda E[S]; after a step up from 0 to lambda at time 0 with
 * exponential service of mean 1/mu it is lambda (1 - e^(-mu t)) / mu.  The
 * integral of P(S > u) is tabulated once (midpoint rule, steps of
 * min(dt, E[S]) / 64) up to where P(S > u) < 1e-9.  Writes m at
 * t = k dt + (j + 1) dt / points into m[k * points + j] for k < n and
 * j < points.  Returns 0; PC_EINPUT for n < 1, dt <= 0, points < 1, a
 * negative rate or a mix with mean 0; PC_ENOMEM. */
int pc_staffing_mol(const double *lambda, int n, double dt, const pc_staffing_mix *mix,
		    int points, double *m);

/* Servers needed per interval so that an M/M/c queue with offered load
 * load[k] erlangs and mean service time mean_s (seconds) answers a share of
 * at least share within tau seconds, P(W <= tau) >= share:
 *   need[k] = pc_erlang_staff(load[k] / mean_s, 1 / mean_s, tau, share),
 * and 0 where load[k] <= 0.  With load = lambda E[S] per interval this is
 * the stationary independent period-by-period method (SIPP, Green, Kolesar
 * and Soares 2001); with the modified offered load m(t), MOL.  A share of 1
 * or more is taken as 0.999 (a share of exactly 1 needs infinitely many
 * servers under exponential service).  Returns 0, or PC_EINPUT for n < 0,
 * mean_s <= 0, tau < 0, share <= 0, or a load too large for an int. */
int pc_staffing_erlang(const double *load, int n, double mean_s, double tau, double share,
		       int *need);

/* Whether day d's shift s of st starts before the horizon and ends after
 * st->planned_from: only those shifts are planned (a night shift of the
 * horizon's last day that starts after it is not, nor one of a re-plan
 * that ended before its start). */
int pc_staffing_planned(const pc_staff *st, double horizon, int d, int s);

/* Covers a requirement per interval with st's shifts: headcount[d *
 * st->nshifts + s] for d < st->ndays, in the layout of pc_staff.headcount,
 * such that in every interval k < n (of length dt) whose midpoint lies
 * before horizon the shifts on duty at the midpoint add up to at least
 * need[k].  Every planned shift starts at st->min_per_shift (the others,
 * starting at or after horizon, get 0); then, interval by interval in time
 * order, a shortfall goes to the shift on duty that ends last (it covers the
 * most of what comes next; the greedy rule is optimal when the shifts have
 * equal lengths), up to st->max_per_shift, the rest to the next one.  What
 * no shift can take (no shift on duty, or all at the maximum) is added to
 * *short_ (server-intervals), which may be NULL.  Returns 0 or PC_EINPUT
 * (n < 0, dt <= 0). */
int pc_staffing_cover(const pc_staff *st, double horizon, double dt, const int *need, int n,
		      int *headcount, double *short_);

/* The seed's closed form [004] per day (MODEL.md worked example: agents =
 * cases / cases one agent handles a day / days to finish), each day on its
 * own: the agents of day d are ceil(cases[d] / cases_per_day), with
 * cases[d] the refund requests and after-sales cases of that day, for
 * d < ndays.  They are split over the day's planned shifts in proportion to
 * the work arriving in each shift's hours (arrivals[k] per interval of
 * length dt, k < n; by shift length when none does), by largest remainder,
 * then held within min_per_shift and max_per_shift.  Writes headcount in
 * the layout of pc_staff.headcount (st->ndays days; days from ndays on get
 * min_per_shift).  Returns 0 or PC_EINPUT (cases_per_day <= 0, dt <= 0). */
int pc_staffing_closed_form(const pc_staff *st, double horizon, const double *cases, int ndays,
			    double cases_per_day, const double *arrivals, int n, double dt,
			    int *headcount);

#endif
