/* design: the planner with shift design: Erlang C requirement per interval,
 * the cheapest shifts by GLPK (pc_shifts), the simulation's check day by
 * day, raises where a target fails, then lowers where every target holds
 * with room (the tables a manager reads: design_output.c). */
#include "promocap/design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"
#include "design_internal.h"
#include "promocap/plan.h"
#include "promocap/sim.h"
#include "promocap/staffing.h"

const char *const pc_design_who[PC_NRES] = { "agents", "supervisors", "inspectors" };
static const char *const *const who = pc_design_who;
static const char *const who_zh[PC_NRES] = { "退款专员", "主管", "质检员" };

int pc_design_wanted(const pc_scenario *sc)
{
	for (int r = 0; r < PC_NRES; r++)
		if (sc->plan_patterns[r].set)
			return 1;
	return 0;
}

int pc_design_intervals_judged(const pc_design *d, int *missed)
{
	int judged = 0;

	*missed = 0;
	for (int i = 0; i < d->nint; i++)
		if (d->int_requests[i] > 0 && d->int_requests[i] >= d->int_floor) {
			judged++;
			*missed += !d->int_met[i];
		}
	return judged;
}

void pc_design_free(pc_design *d)
{
	if (!d)
		return;
	for (int r = 0; r < PC_NRES; r++) {
		pc_shifts_release(&d->shifts[r]);
		free(d->erlang[r]);
		free(d->need[r]);
		free(d->covered[r]);
	}
	free(d->day_requests);
	free(d->day_mean);
	free(d->day_lo);
	free(d->day_hi);
	free(d->day_met);
	free(d->day_given_up);
	free(d->int_requests);
	free(d->int_mean);
	free(d->int_lo);
	free(d->int_hi);
	free(d->int_met);
	free(d->int_given_up);
	for (int r = 0; r < PC_NRES; r++)
		free(d->base_need[r]);
	free(d->lower_why);
	pc_result_release(&d->result);
	pc_scenario_release(&d->chosen);
	free(d);
}

/* The window and share resource r's work is staffed for. */
static void pace(const pc_scenario *sc, int r, double *tau, double *share)
{
	const pc_sla_target *s = NULL;

	if (r == PC_RES_AGENT)
		s = sc->sla_first_response.set ? &sc->sla_first_response
		    : sc->sla_refund_only_done.set ? &sc->sla_refund_only_done
						   : NULL;
	else if (r == PC_RES_SUPERVISOR)
		s = sc->sla_supervisor_approval.set ? &sc->sla_supervisor_approval : NULL;
	else
		s = sc->sla_return_paid.set ? &sc->sla_return_paid : NULL;
	*tau = s ? s->within : PC_DAY;
	*share = s ? fmin(fmax(s->share, 0.01), 0.999) : 0.95;
}

/* Erlang C per interval on the modified offered load (the most servers of
 * four points in each interval) of the work offered to r in the pilot. */
static int requirement(pc_design *d, const pc_result *pilot, int r, pc_error *err)
{
	int n = d->nint, rc;
	double *lambda = malloc(sizeof(double) * (size_t)n), *m = malloc(sizeof(double) * (size_t)n * 4);
	int *need = malloc(sizeof(int) * (size_t)n * 4);
	pc_staffing_mix mix;
	double tau, share;

	if (!d->erlang[r])
		d->erlang[r] = calloc((size_t)n, sizeof(int));
	if (!d->need[r])
		d->need[r] = calloc((size_t)n, sizeof(int));
	if (!lambda || !m || !need || !d->erlang[r] || !d->need[r]) {
		rc = PC_ENOMEM;
		pc_error_set(err, NULL, 0, "out of memory for the requirement");
		goto done;
	}
	pc_staffing_work_mix(d->sc, pilot, r, &mix);
	d->work_mean[r] = pc_staffing_mix_mean(&mix);
	pace(d->sc, r, &tau, &share);
	rc = 0;
	if (!(d->work_mean[r] > 0))
		goto done;
	for (int k = 0; k < n; k++) {
		double s = 0, len = fmin(d->dt, d->sc->horizon - k * d->dt);

		for (int i = 0; i < pilot->reps; i++)
			s += pilot->rep[i].series[(size_t)k * PC_TS_NCOLS + PC_TS_OFFER0 + r];
		lambda[k] = pilot->reps ? s / pilot->reps / len : 0;
	}
	if ((rc = pc_staffing_mol(lambda, n, d->dt, &mix, 4, m)) ||
	    (rc = pc_staffing_erlang(m, n * 4, d->work_mean[r], tau, share, need))) {
		pc_error_set(err, d->sc->file, 0, "the %s' offered load is too large for Erlang C staffing", who[r]);
		goto done;
	}
	for (int k = 0; k < n; k++) {
		int most = 0;

		for (int j = 0; j < 4; j++)
			if (need[k * 4 + j] > most)
				most = need[k * 4 + j];
		/* Again on a check: the work downstream of the designed
		 * rosters arrives when they hand it on. */
		if (most > d->erlang[r][k])
			d->erlang[r][k] = most;
		if (most > d->need[r][k])
			d->need[r][k] = most;
	}
done:
	free(lambda);
	free(m);
	free(need);
	return rc;
}

/* Designs r's shifts for d->need[r]; keep: with the patterns of the
 * design it replaces when the grid's limit binds (lowering: a lower
 * requirement than those patterns covered). */
static int design_shifts(pc_design *d, int r, const pc_design_options *opt, int keep, pc_error *err)
{
	const pc_scenario *sc = d->sc;
	pc_shifts_problem pb;
	pc_shifts_pattern kept[PC_SHIFTS_MAX_PATTERNS];
	int rc;

	memset(&pb, 0, sizeof pb);
	pb.grid = &sc->plan_patterns[r];
	pb.who = who[r];
	pb.horizon = sc->horizon;
	pb.need = d->need[r];
	pb.nneed = d->nint;
	pb.dt = d->dt;
	pb.shrinkage = sc->staff[r].shrinkage;
	pb.cost = sc->staff[r].cost;
	pb.night_premium = sc->plan_night_premium;
	pb.promo_premium = sc->plan_promo_premium;
	pb.promo_days = sc->sales_days;
	pb.time_limit = opt->time_limit;
	if (d->covered[r] && !memcmp(d->covered[r], d->need[r], sizeof(int) * (size_t)d->nint))
		return 0;
	if (keep && d->shifts[r].npatterns > 0) {
		pb.nkeep = d->shifts[r].npatterns;
		memcpy(kept, d->shifts[r].pattern, sizeof(pc_shifts_pattern) * (size_t)pb.nkeep);
		pb.keep = kept;
	}
	pc_shifts_release(&d->shifts[r]);
	free(d->covered[r]);
	d->covered[r] = NULL;
	if ((rc = pc_shifts_design_run(&pb, &d->shifts[r], err)))
		return rc;
	/* Kept only when it can be: without it the next round designs again. */
	if ((d->covered[r] = malloc(sizeof(int) * (size_t)d->nint)))
		memcpy(d->covered[r], d->need[r], sizeof(int) * (size_t)d->nint);
	return 0;
}

/* The design of r as the capacity schedule of chosen: paid people on duty
 * minute by minute (breaks out); the simulation takes the resource's
 * shrinkage off them ([staff.*] shrinkage, break windows). */
static int apply(pc_design *d, int r)
{
	const pc_shifts_design *s = &d->shifts[r];
	pc_staff *st = &d->chosen.staff[r];
	int minutes = (int)ceil(d->sc->horizon / 60) + 1, n = 0, prev = -1;
	/* delta[m + 1440]: minute m, from the evening before day 0 */
	long *delta = calloc((size_t)minutes + 4 * 1440 + 2, sizeof(long));
	double *t;
	int *cap;

	if (!delta)
		return PC_ENOMEM;
	for (int day = 0; day < s->ndays; day++)
		for (int p = 0; p < s->npatterns; p++) {
			const pc_shifts_pattern *pt = &s->pattern[p];
			int c = s->count[day * s->npatterns + p], m0 = (s->first + day + 1) * 1440 + pt->start;

			if (!c)
				continue;
			delta[m0] += c;
			delta[m0 + pt->length] -= c;
			if (pt->brk) {
				delta[m0 + pt->brk_start] -= c;
				delta[m0 + pt->brk_start + pt->brk] += c;
			}
		}
	t = malloc(sizeof(double) * (size_t)(minutes + 1));
	cap = malloc(sizeof(int) * (size_t)(minutes + 1));
	if (!t || !cap) {
		free(delta);
		free(t);
		free(cap);
		return PC_ENOMEM;
	}
	{
		long paid = 0;

		for (int m = -1440; m < minutes; m++) {
			int eff;

			paid += delta[m + 1440];
			if (m < 0)
				continue;
			eff = (int)paid;
			if (eff != prev && m * 60.0 < d->sc->horizon) {
				t[n] = m * 60.0;
				cap[n++] = eff;
				prev = eff;
			}
		}
	}
	free(delta);
	free(st->change_t);
	free(st->change_cap);
	free(st->headcount);
	st->headcount = NULL;
	st->roster_kind = PC_ROSTER_CHANGES;
	st->change_t = t;
	st->change_cap = cap;
	st->nchanges = n;
	return 0;
}

/* First response interval by interval in d->result (judged = interval):
 * each judged interval's share answered in time, by the interval of the
 * request, with its 95% CI, met by its low end; the day of a failing
 * interval fails with it (day_met).  x holds a replication's value each. */
static void judge_intervals(pc_design *d, double *x)
{
	const pc_result *res = &d->result;
	int nk = res->reps ? res->rep[0].nintervals : 0, per_day = (int)lround(PC_DAY / d->dt);
	double floor_n = d->int_floor = pc_result_interval_floor(res, PC_TS_FR_N);

	d->worst_interval = -1;
	for (int k = 0; k < d->nint; k++) {
		double mean = NAN, half = NAN, reqs = 0;
		int m;

		if (k < nk)
			reqs = pc_result_interval_shares(res, res->reps, k, PC_TS_FR_N, PC_TS_FR_WITHIN, x);
		/* Judged on the intervals pc_result_interval_floor says (plan's
		 * and the verdict's rule). */
		m = reqs > 0 && reqs >= floor_n;
		if (reqs > 0)
			pc_stat_ci(x, res->reps, &mean, &half);
		d->int_requests[k] = reqs;
		d->int_mean[k] = mean;
		d->int_lo[k] = isnan(half) ? mean : fmax(0, mean - half);
		d->int_hi[k] = isnan(half) ? mean : fmin(100, mean + half);
		d->int_met[k] = !m || d->int_lo[k] >= d->fr_target - 1e-9;
		if (!d->int_met[k]) {
			d->met = 0;
			if (per_day > 0 && k / per_day < d->ndays)
				d->day_met[k / per_day] = 0;
		}
		if (m && (d->worst_interval < 0 || d->int_lo[k] < d->int_lo[d->worst_interval]))
			d->worst_interval = k;
	}
}

/* Judges the check in d->result: first response per day (or per interval),
 * the other targets (and first response when judged over the horizon) by
 * their KPI. */
static void judge(pc_design *d)
{
	const pc_result *res = &d->result;
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);
	double *x = malloc(sizeof(double) * (size_t)(res->reps + 1));

	d->met = 1;
	d->worst_day = -1;
	if (d->by_day && x) {
		double floor_n = d->day_floor = pc_result_day_floor(res, PC_DAY_FR_N);

		for (int day = 0; day < d->ndays; day++) {
			double mean = NAN, half = NAN;
			double reqs = pc_result_day_shares(res, res->reps, day, PC_DAY_FR_N, PC_DAY_FR_WITHIN, x);
			/* Judged on the days pc_result_day_floor says (plan's and
			 * the verdict's rule). */
			int m = reqs > 0 && reqs >= floor_n;

			if (reqs > 0)
				pc_stat_ci(x, res->reps, &mean, &half);
			d->day_requests[day] = reqs;
			d->day_mean[day] = mean;
			d->day_lo[day] = isnan(half) ? mean : fmax(0, mean - half);
			d->day_hi[day] = isnan(half) ? mean : fmin(100, mean + half);
			/* Judged per interval: the day's own figure is shown,
			 * its intervals judge it (judge_intervals). */
			d->day_met[day] = d->by_interval || !m || d->day_lo[day] >= d->fr_target - 1e-9;
			if (!d->day_met[day])
				d->met = 0;
			if (m && (d->worst_day < 0 || d->day_lo[day] < d->day_lo[d->worst_day]))
				d->worst_day = day;
		}
		if (d->by_interval)
			judge_intervals(d, x);
	}
	free(x);
	d->ntargets = 0;
	for (int i = 0; i < n && d->ntargets < PC_DESIGN_MAX_TARGETS; i++) {
		pc_design_target *t;

		if (!k[i].has_target || (d->by_day && !strcmp(k[i].key, "first_response_within")))
			continue;
		t = &d->target[d->ntargets++];
		t->key = k[i].key;
		snprintf(t->label, sizeof t->label, "%s", k[i].label);
		t->is_max = k[i].target_is_max;
		t->target = k[i].target;
		t->mean = k[i].mean;
		t->lo = isnan(k[i].lo) ? k[i].mean : k[i].lo;
		t->hi = isnan(k[i].hi) ? k[i].mean : k[i].hi;
		t->met = isnan(t->mean) || (t->is_max ? t->hi <= t->target + 1e-12 : t->lo >= t->target - 1e-12);
		if (!t->met)
			d->met = 0;
	}
}

/* The resources a horizon target measures. */
static unsigned target_res(const char *key)
{
	if (!strcmp(key, "supervisor_approval_within"))
		return 1u << PC_RES_SUPERVISOR;
	if (!strcmp(key, "return_paid_within"))
		return 1u << PC_RES_INSPECTOR; /* the agents' payout is a minute after it */
	/* Refund-only finished, or acted on (the agents' first handling, or
	 * the supervisor's approval above the agent's authority): no
	 * inspection lies on the paths 1 to 3. */
	if (!strcmp(key, "refund_only_within") || !strcmp(key, "refund_only_handled_within"))
		return (1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR);
	if (!strcmp(key, "first_response_within"))
		return 1u << PC_RES_AGENT;
	return (1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR) | (1u << PC_RES_INSPECTOR);
}

/* Raises the requirement where a target fails: agents on every interval
 * of a failing day (5% or one more), or on each failing interval when
 * first response is judged per interval, every designed resource a failing
 * horizon target measures on every interval.  Returns the intervals
 * raised. */
static int raise(pc_design *d)
{
	int raised = 0, per_day = (int)lround(PC_DAY / d->dt);

	if (d->by_interval && d->designed[PC_RES_AGENT])
		for (int k = 0; k < d->nint; k++) {
			int v = d->need[PC_RES_AGENT][k];
			double on = 0;

			if (d->int_met[k] || d->int_given_up[k])
				continue;
			/* From the people the check had on duty there: the
			 * shifts covering other intervals may give it more than
			 * its requirement, and a raise below them changes
			 * nothing. */
			for (int i = 0; i < d->result.reps && k < d->result.rep[i].nintervals; i++)
				on += d->result.rep[i].series[(size_t)k * PC_TS_NCOLS + PC_TS_STAFF0 + PC_RES_AGENT];
			if (d->result.reps && (int)floor(on / d->result.reps + 1e-9) > v)
				v = (int)floor(on / d->result.reps + 1e-9);
			d->need[PC_RES_AGENT][k] = v + (v >= 20 ? (v + 19) / 20 : 1);
			raised++;
		}
	else if (d->by_day && d->designed[PC_RES_AGENT])
		for (int day = 0; day < d->ndays; day++) {
			if (d->day_met[day] || d->day_given_up[day])
				continue;
			for (int k = day * per_day; k < (day + 1) * per_day && k < d->nint; k++)
				if (d->need[PC_RES_AGENT][k] > 0) {
					int v = d->need[PC_RES_AGENT][k];
					d->need[PC_RES_AGENT][k] = v + (v >= 20 ? (v + 19) / 20 : 1);
					raised++;
				}
		}
	d->fr_raised += raised > 0;
	for (int t = 0; t < d->ntargets; t++) {
		unsigned res = target_res(d->target[t].key);
		int before = raised;

		if (d->target[t].met || d->target[t].given_up)
			continue;
		for (int r = 0; r < PC_NRES; r++)
			if (d->designed[r] && (res & (1u << r)))
				for (int k = 0; k < d->nint; k++)
					if (d->need[r][k] > 0) {
						int v = d->need[r][k];
						d->need[r][k] = v + (v >= 20 ? (v + 19) / 20 : 1);
						raised++;
					}
		d->target[t].raised += raised > before;
	}
	return raised;
}


/* ---- lowering ----
 *
 * Erlang C staffs each interval for all of a resource's work at one
 * target (the agents' at first response), so where most of that work is
 * not a first response, or the patterns cover more than the requirement,
 * the checks find every day far above its target: a roster no lead would
 * adopt.  Once every target holds, the requirement comes down step by step
 * (step_down) on each day (or interval) whose first response is met with
 * room, and on each other designed resource whose targets are met with
 * room; the shifts are designed again (on the patterns already chosen when
 * the grid's limit binds); a check judges every step, and a day, an
 * interval or a resource whose step made a target fail goes back to its
 * last requirement, to be tried with a smaller step, at most LOWER_TRIES
 * times (lower_blame).  The plan kept is the last one every target held
 * on. */
#define LOWER_ROUNDS 10
#define LOWER_ROOM 1.0 /* points above a target (or a tenth below a ceiling) */
#define LOWER_BIG 5.0  /* points above first response's target for a bigger step */

/* What the last plan every target held on had: its requirement, shifts
 * and check. */
typedef struct lower_state {
	int *need[PC_NRES];
	pc_shifts_design shifts[PC_NRES];
	pc_result result;
	int nunits;           /* agents' units, the intervals (first response
			       * judged per day or interval), or 0 (agents
			       * lowered as a whole) */
	unsigned char *done;  /* [nunits] sent back this many times: the step
			       * shrinks (step_down), LOWER_TRIES: lowered no more */
	unsigned char *moved; /* [nunits] lowered this round */
	double *x;            /* a figure per replication */
	int res_done[PC_NRES], res_moved[PC_NRES]; /* res_done as done */
} lower_state;

static int shifts_copy(pc_shifts_design *dst, const pc_shifts_design *src)
{
	size_t nc = (size_t)src->ndays * (size_t)src->npatterns, nd = (size_t)src->ndays;

	*dst = *src;
	dst->count = NULL;
	dst->day_cost = dst->day_hours = NULL;
	if (!src->count)
		return 0;
	dst->count = malloc(sizeof(int) * (nc ? nc : 1));
	dst->day_cost = malloc(sizeof(double) * (nd ? nd : 1));
	dst->day_hours = malloc(sizeof(double) * (nd ? nd : 1));
	if (!dst->count || !dst->day_cost || !dst->day_hours) {
		pc_shifts_release(dst);
		return PC_ENOMEM;
	}
	memcpy(dst->count, src->count, sizeof(int) * nc);
	if (src->day_cost)
		memcpy(dst->day_cost, src->day_cost, sizeof(double) * nd);
	if (src->day_hours)
		memcpy(dst->day_hours, src->day_hours, sizeof(double) * nd);
	return 0;
}

/* The day of interval k. */
static int day_of(const pc_design *d, int k)
{
	int day = (int)(k * d->dt / PC_DAY + 1e-9);

	return day < d->ndays ? day : d->ndays - 1;
}

/* First response where interval k is judged (its day, or itself): the
 * CI's low end, NaN when not judged (too few requests). */
static double judged_lo(const pc_design *d, int k)
{
	if (d->by_interval)
		return d->int_requests[k] > 0 && d->int_requests[k] >= d->int_floor ? d->int_lo[k] : NAN;
	k = day_of(d, k);
	return d->day_requests[k] > 0 && d->day_requests[k] >= d->day_floor ? d->day_lo[k] : NAN;
}

/* Whether interval k's day (or k, judged per interval) met first response. */
static int judged_met(const pc_design *d, int k)
{
	return d->by_interval ? d->int_met[k] : d->day_met[day_of(d, k)];
}

/* Interval k's own first response in d's check: the mean share of its
 * requests answered in time, NaN without any.  x: room for the reps. */
static double interval_share(const pc_design *d, int k, double *x)
{
	const pc_result *res = &d->result;
	double mean, half;

	if (!res->reps || k >= res->rep[0].nintervals)
		return NAN;
	pc_result_interval_shares(res, res->reps, k, PC_TS_FR_N, PC_TS_FR_WITHIN, x);
	pc_stat_ci(x, res->reps, &mean, &half);
	return mean;
}

/* Whether every horizon target that measures r is met with room (and one
 * measures it at all). */
static int res_room(const pc_design *d, int r)
{
	int any = 0;

	for (int t = 0; t < d->ntargets; t++) {
		const pc_design_target *x = &d->target[t];

		if (!(target_res(x->key) & (1u << r)))
			continue;
		any = 1;
		/* A target of 100% has room once it is met. */
		if (isnan(x->mean) ||
		    !(x->is_max ? x->hi <= 0.9 * x->target : x->lo >= fmin(x->target + LOWER_ROOM, 100) - 1e-9))
			return 0;
	}
	return any;
}

/* A step down: a fifth of the requirement when the day is LOWER_BIG
 * points above its target and its steps were never sent back, else a
 * tenth, a twentieth after one was sent back (tries: how many were); at
 * least one person, but one stays on duty where Erlang C wanted someone:
 * lowering thins the shifts, it does not open gaps.  Returns whether
 * anything came down. */
#define LOWER_TRIES 2
static int step_down(int *need, int k0, int k1, int big, int tries)
{
	int any = 0, div = tries > 0 ? 20 : big ? 5 : 10;

	for (int k = k0; k < k1; k++)
		if (need[k] > 1) {
			need[k] -= need[k] >= div ? need[k] / div : 1;
			any = 1;
		}
	return any;
}

/* Lowers what has room; returns the steps taken. */
static int lower_propose(pc_design *d, lower_state *ls)
{
	int n = 0;

	memset(ls->moved, 0, (size_t)(ls->nunits ? ls->nunits : 1));
	memset(ls->res_moved, 0, sizeof ls->res_moved);
	for (int r = 0; r < PC_NRES; r++) {
		if (!d->designed[r])
			continue;
		if (r == PC_RES_AGENT && ls->nunits) {
			/* Each interval of a day (an interval) that meets first
			 * response with room. */
			for (int k = 0; k < ls->nunits; k++) {
				double lo = judged_lo(d, k);

				if (ls->done[k] >= LOWER_TRIES || !judged_met(d, k) || !(lo >= d->fr_target + LOWER_ROOM))
					continue;
				if (step_down(d->need[r], k, k + 1, lo >= d->fr_target + LOWER_BIG, ls->done[k])) {
					ls->moved[k] = 1;
					n++;
				}
			}
			continue;
		}
		if (ls->res_done[r] >= LOWER_TRIES || !res_room(d, r) ||
		    !step_down(d->need[r], 0, d->nint, 0, ls->res_done[r]))
			continue;
		ls->res_moved[r] = 1;
		n++;
	}
	return n;
}

/* A unit or resource lowered this round goes back to the last requirement
 * every target held on, to be tried again with a smaller step, and after
 * LOWER_TRIES such returns is lowered no more. */
static void lower_undo_unit(pc_design *d, lower_state *ls, int k, int why)
{
	d->need[PC_RES_AGENT][k] = ls->need[PC_RES_AGENT][k];
	ls->done[k]++;
	ls->moved[k] = 0;
	if (d->lower_why)
		d->lower_why[d->by_interval ? k : day_of(d, k)] = why;
}

static void lower_undo_res(pc_design *d, lower_state *ls, int r)
{
	memcpy(d->need[r], ls->need[r], sizeof(int) * (size_t)d->nint);
	ls->res_done[r]++;
}

/* Agents' intervals lowered this round on days whose refund-only requests
 * were acted on in time less often than the target asks
 * (refund_only_handled_within, per day of the request): sent back.  x
 * has room for the replications.  Returns how many. */
static int blame_handled(pc_design *d, lower_state *ls, const pc_design_target *x, double *v)
{
	const pc_result *res = &d->result;
	int n = 0, reps = res->reps, day = -1, short_day = 0;

	if (strcmp(x->key, "refund_only_handled_within") || !reps)
		return 0;
	for (int k = 0; k < ls->nunits; k++) {
		if (!ls->moved[k])
			continue;
		if (day_of(d, k) != day) {
			double mean, half;

			day = day_of(d, k);
			short_day = 0;
			if (day >= res->rep[0].ndays)
				continue;
			pc_result_day_shares(res, reps, day, PC_DAY_HO_N, PC_DAY_HO_WITHIN, v);
			short_day = pc_stat_ci(v, reps, &mean, &half) > 0 && mean < x->target - 1e-9;
		}
		if (short_day) {
			lower_undo_unit(d, ls, k, (int)(x - d->target));
			n++;
		}
	}
	return n;
}

/* Everything that differs from the kept plan goes back. */
static void lower_undo_changed(pc_design *d, lower_state *ls)
{
	for (int r = 0; r < PC_NRES; r++) {
		if (!d->designed[r])
			continue;
		if (r == PC_RES_AGENT && ls->nunits) {
			for (int k = 0; k < ls->nunits; k++)
				if (d->need[r][k] != ls->need[r][k])
					lower_undo_unit(d, ls, k, PC_LOWER_WHY_UNCLEAR);
		} else if (memcmp(d->need[r], ls->need[r], sizeof(int) * (size_t)d->nint)) {
			lower_undo_res(d, ls, r);
		}
	}
	memset(ls->moved, 0, (size_t)(ls->nunits ? ls->nunits : 1));
	memset(ls->res_moved, 0, sizeof ls->res_moved);
}

/* A check failed after a round of lowering.  A day (interval) that
 * misses first response sends back the intervals lowered this round whose
 * own requests fell short of the target (all of the day's lowered ones
 * when none did: the day's figure is what misses).  A failing horizon
 * target sends back, of what it measures and this round lowered, the
 * resources lowered as a whole, else the agents' intervals on the days it
 * failed on (refund-only acted on in time, per day of the request), else
 * every agents' interval lowered.  A failure none of this round's steps
 * explains sends back everything that differs from the kept plan.  What
 * goes back is tried again with a smaller step (lower_undo_unit).  x has
 * room for the replications. */
static void lower_blame(pc_design *d, lower_state *ls, double *x)
{
	int unexplained = 0;
	unsigned sent = 0; /* resources with a step sent back */

	for (int k0 = 0; k0 < ls->nunits;) {
		int k1 = k0 + 1, moved = 0, any = 0;

		/* The intervals judged together: a day's, or one. */
		while (!d->by_interval && k1 < ls->nunits && day_of(d, k1) == day_of(d, k0))
			k1++;
		if (!judged_met(d, k0)) {
			for (int k = k0; k < k1; k++)
				moved += ls->moved[k];
			if (!moved)
				unexplained = 1;
			for (int k = k0; k < k1; k++)
				if (ls->moved[k] && interval_share(d, k, x) < d->fr_target - 1e-9) {
					lower_undo_unit(d, ls, k, PC_LOWER_WHY_FIRST_RESPONSE);
					any = 1;
				}
			for (int k = k0; k < k1 && !any; k++)
				if (ls->moved[k])
					lower_undo_unit(d, ls, k, PC_LOWER_WHY_FIRST_RESPONSE);
			if (moved)
				sent |= 1u << PC_RES_AGENT;
		}
		k0 = k1;
	}
	for (int t = 0; t < d->ntargets && !unexplained; t++) {
		const pc_design_target *tg = &d->target[t];
		unsigned res = target_res(tg->key);
		int any = 0, moved = 0;

		if (tg->met)
			continue;
		/* A whole resource's step is the larger one: it goes back
		 * first, the agents' intervals keep theirs for the next check. */
		for (int r = 0; r < PC_NRES; r++)
			if (d->designed[r] && (res & (1u << r)) && ls->res_moved[r]) {
				lower_undo_res(d, ls, r);
				ls->res_moved[r] = 0;
				sent |= 1u << r;
				any = 1;
			}
		/* Steps of what it measures went back for another target:
		 * the next check tells whether that was enough. */
		if (any || (res & sent))
			continue;
		if (blame_handled(d, ls, tg, x)) {
			sent |= 1u << PC_RES_AGENT;
			continue;
		}
		for (int k = 0; k < ls->nunits; k++)
			moved += ls->moved[k];
		if (moved && d->designed[PC_RES_AGENT] && (res & (1u << PC_RES_AGENT))) {
			for (int k = 0; k < ls->nunits; k++)
				if (ls->moved[k])
					lower_undo_unit(d, ls, k, t);
			sent |= 1u << PC_RES_AGENT;
			any = 1;
		}
		unexplained = !any;
	}
	if (unexplained)
		lower_undo_changed(d, ls);
}

/* Keeps the plan in d (every target met) as the one to return to. */
static int lower_keep(pc_design *d, lower_state *ls)
{
	for (int r = 0; r < PC_NRES; r++) {
		if (!d->designed[r])
			continue;
		memcpy(ls->need[r], d->need[r], sizeof(int) * (size_t)d->nint);
		pc_shifts_release(&ls->shifts[r]);
		if (shifts_copy(&ls->shifts[r], &d->shifts[r]))
			return PC_ENOMEM;
	}
	pc_result_release(&ls->result);
	ls->result = d->result;
	memset(&d->result, 0, sizeof d->result);
	return 0;
}

/* Back to the kept plan: its requirement, shifts, schedules and check. */
static int lower_restore(pc_design *d, lower_state *ls)
{
	for (int r = 0; r < PC_NRES; r++) {
		if (!d->designed[r])
			continue;
		memcpy(d->need[r], ls->need[r], sizeof(int) * (size_t)d->nint);
		pc_shifts_release(&d->shifts[r]);
		d->shifts[r] = ls->shifts[r];
		memset(&ls->shifts[r], 0, sizeof ls->shifts[r]);
		free(d->covered[r]);
		if ((d->covered[r] = malloc(sizeof(int) * (size_t)d->nint)))
			memcpy(d->covered[r], d->need[r], sizeof(int) * (size_t)d->nint);
		if (apply(d, r))
			return PC_ENOMEM;
	}
	pc_result_release(&d->result);
	d->result = ls->result;
	memset(&ls->result, 0, sizeof ls->result);
	d->result.sc = &d->chosen;
	judge(d);
	return 0;
}

static void lower_free(lower_state *ls)
{
	for (int r = 0; r < PC_NRES; r++) {
		free(ls->need[r]);
		pc_shifts_release(&ls->shifts[r]);
	}
	pc_result_release(&ls->result);
	free(ls->done);
	free(ls->moved);
	free(ls->x);
}

/* The lowering rounds on a design whose every target holds (d->met). */
static int lower(pc_design *d, const pc_design_options *opt, pc_error *err)
{
	lower_state ls;
	int rc = 0;
	double cost0 = 0;

	memset(&ls, 0, sizeof ls);
	ls.nunits = d->by_day ? d->nint : 0;
	for (int r = 0; r < PC_NRES; r++)
		if (d->designed[r]) {
			cost0 += d->shifts[r].cost;
			if (!(ls.need[r] = malloc(sizeof(int) * (size_t)d->nint)) ||
			    !(d->base_need[r] = malloc(sizeof(int) * (size_t)d->nint))) {
				rc = PC_ENOMEM;
				goto done;
			}
			memcpy(d->base_need[r], d->need[r], sizeof(int) * (size_t)d->nint);
		}
	if (!(ls.done = calloc((size_t)(ls.nunits ? ls.nunits : 1), 1)) ||
	    !(ls.moved = calloc((size_t)(ls.nunits ? ls.nunits : 1), 1)) ||
	    !(ls.x = malloc(sizeof(double) * (size_t)(opt->reps + 1)))) {
		rc = PC_ENOMEM;
		goto done;
	}
	d->lower_units = !d->by_day ? 0 : d->by_interval ? d->nint : d->ndays;
	if (d->lower_units && !(d->lower_why = malloc(sizeof(int) * (size_t)d->lower_units))) {
		rc = PC_ENOMEM;
		goto done;
	}
	for (int u = 0; u < d->lower_units; u++)
		d->lower_why[u] = PC_LOWER_WHY_NONE;
	d->cost_erlang = cost0;
	for (int round = 0; round < LOWER_ROUNDS; round++) {
		if (d->met) {
			if ((rc = lower_keep(d, &ls)))
				goto done;
			if (!lower_propose(d, &ls))
				break; /* nothing has room left: the kept plan stands */
		} else {
			/* The steps the last check did not send back are
			 * checked as they stand, before any further one. */
			pc_result_release(&d->result);
		}
		for (int r = 0; r < PC_NRES; r++)
			if (d->designed[r] && ((rc = design_shifts(d, r, opt, 1, err)) || (rc = apply(d, r)))) {
				/* A requirement the grid's limits cannot take lower:
				 * the kept plan stands. */
				if (rc == PC_ENOMEM)
					goto done;
				pc_error_clear(err);
				rc = 0;
				d->met = 0;
				goto restore;
			}
		if ((rc = pc_run(&d->chosen, opt->seed, opt->reps, opt->threads, &d->result, err)))
			goto done;
		d->result.sc = &d->chosen;
		d->replications += opt->reps;
		d->lower_rounds++;
		judge(d);
		if (!d->met) {
			int same = 1;

			lower_blame(d, &ls, ls.x);
			for (int r = 0; r < PC_NRES; r++)
				same &= !d->designed[r] || !memcmp(d->need[r], ls.need[r], sizeof(int) * (size_t)d->nint);
			/* Everything went back: the kept plan, no check needed. */
			if (same && (rc = lower_restore(d, &ls)))
				goto done;
		}
	}
restore:
	/* The first round kept the plan lower() began with (every target
	 * met), so there is always one to return to. */
	if (!d->met || !d->result.reps)
		rc = lower_restore(d, &ls);
done:
	lower_free(&ls);
	return rc;
}

int pc_design_run(const pc_scenario *sc, const pc_design_options *opt, pc_design **out, pc_error *err)
{
	pc_design *d;
	pc_result pilot;
	int rc = 0, rounds = opt->rounds > 0 ? opt->rounds : 12;
	double min_gain = opt->min_gain > 0 ? opt->min_gain : 0.1;
	double *prev_mean = NULL, *prev_hours = NULL, *prev_int = NULL;
	int *prev_need = NULL; /* the agents' requirement the last round covered */
	double prev_target[PC_DESIGN_MAX_TARGETS], prev_total = 0;
	int given_target[PC_DESIGN_MAX_TARGETS] = { 0 };

	*out = NULL;
	memset(&pilot, 0, sizeof pilot);
	for (int r = 0; r < PC_NRES; r++)
		if (!(sc->staff[r].shrinkage < 0.9)) {
			pc_error_set(err, sc->file, 0, "[staff.%s] shrinkage must be below 90%% to design shifts, got %.4g%%",
				     pc_res_name((pc_res)r), 100 * sc->staff[r].shrinkage);
			return PC_EINPUT;
		}
	if (opt->reps < 1) {
		pc_error_set(err, NULL, 0, "replications must be at least 1, got %d", opt->reps);
		return PC_EINPUT;
	}
	if (!(d = calloc(1, sizeof *d))) {
		pc_error_set(err, NULL, 0, "out of memory for the plan");
		return PC_ENOMEM;
	}
	d->sc = sc;
	d->seed = opt->seed;
	d->reps = opt->reps;
	d->budget = sc->plan_budget;
	d->min_gain = min_gain;
	d->dt = sc->interval;
	d->nint = (int)ceil(sc->horizon / sc->interval - 1e-9);
	d->ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9);
	/* First response per day, or per interval (judged = interval: the
	 * day figures shown beside the intervals that judge). */
	d->by_day = sc->plan_judged != PC_JUDGED_HORIZON && sc->sla_first_response.set;
	d->by_interval = d->by_day && sc->plan_judged == PC_JUDGED_INTERVAL;
	d->worst_interval = -1;
	d->fr_target = 100 * sc->sla_first_response.share;
	d->fr_within = sc->sla_first_response.within;
	if (!(d->day_requests = calloc((size_t)d->ndays, sizeof(double))) ||
	    !(d->day_mean = calloc((size_t)d->ndays, sizeof(double))) ||
	    !(d->day_lo = calloc((size_t)d->ndays, sizeof(double))) ||
	    !(d->day_hi = calloc((size_t)d->ndays, sizeof(double))) ||
	    !(d->day_met = calloc((size_t)d->ndays, sizeof(int))) ||
	    !(d->day_given_up = calloc((size_t)d->ndays, sizeof(int))) ||
	    !(prev_mean = malloc(sizeof(double) * (size_t)d->ndays)) ||
	    !(prev_hours = calloc((size_t)d->ndays, sizeof(double))) || pc_scenario_copy(&d->chosen, sc) ||
	    (d->by_interval && (!(d->int_requests = calloc((size_t)d->nint, sizeof(double))) ||
				!(d->int_mean = calloc((size_t)d->nint, sizeof(double))) ||
				!(d->int_lo = calloc((size_t)d->nint, sizeof(double))) ||
				!(d->int_hi = calloc((size_t)d->nint, sizeof(double))) ||
				!(d->int_met = calloc((size_t)d->nint, sizeof(int))) ||
				!(d->int_given_up = calloc((size_t)d->nint, sizeof(int))) ||
				!(prev_int = malloc(sizeof(double) * (size_t)d->nint)) ||
				!(prev_need = calloc((size_t)d->nint, sizeof(int)))))) {
		pc_error_set(err, NULL, 0, "out of memory for the plan");
		rc = PC_ENOMEM;
		goto fail;
	}
	for (int day = 0; day < d->ndays; day++)
		prev_mean[day] = NAN;
	for (int k = 0; prev_int && k < d->nint; k++)
		prev_int[k] = NAN;
	for (int t = 0; t < PC_DESIGN_MAX_TARGETS; t++)
		prev_target[t] = NAN;
	/* The pilot: the work each resource is offered, on the scenario as
	 * given (the arrivals of work do not depend on the rosters but through
	 * the later steps of a refund). */
	if ((rc = pc_run(sc, opt->seed, 2, opt->threads, &pilot, err)))
		goto fail;
	{
		/* Enough replications that the offered work is near its
		 * expectation (pc_staffing_load_reps). */
		int want = pc_staffing_load_reps(&pilot);

		if (want > pilot.reps) {
			pc_result more;

			memset(&more, 0, sizeof more);
			if ((rc = pc_run_from(sc, opt->seed, pilot.reps, want - pilot.reps, opt->threads, &more, err)))
				goto fail;
			if ((rc = pc_result_append(&pilot, &more))) {
				pc_result_release(&more);
				pc_error_set(err, NULL, 0, "out of memory adding replications");
				goto fail;
			}
		}
	}
	d->replications += pilot.reps;
	for (int r = 0; r < PC_NRES; r++) {
		d->designed[r] = sc->plan_patterns[r].set;
		if (d->designed[r] && (rc = requirement(d, &pilot, r, err)))
			goto fail;
	}
	for (d->rounds_used = 0; d->rounds_used < rounds;) {
		double hours = 0;

		for (int r = 0; r < PC_NRES; r++) {
			if (!d->designed[r])
				continue;
			if ((rc = design_shifts(d, r, opt, 0, err)))
				goto fail;
			if ((rc = apply(d, r))) {
				pc_error_set(err, NULL, 0, "out of memory building the designed schedule");
				goto fail;
			}
			hours += d->shifts[r].hours;
		}
		pc_result_release(&d->result);
		if ((rc = pc_run(&d->chosen, opt->seed, opt->reps, opt->threads, &d->result, err)))
			goto fail;
		d->result.sc = &d->chosen;
		d->replications += opt->reps;
		d->rounds_used++;
		judge(d);
		if (d->met)
			break;
		/* Supervisors and inspectors get work when agents hand it on:
		 * their requirement again from this check, whose agents are
		 * the designed ones. */
		if (d->rounds_used == 1)
			for (int r = PC_RES_SUPERVISOR; r < PC_NRES; r++)
				if (d->designed[r] && (rc = requirement(d, &d->result, r, err)))
					goto fail;
		/* A failing day whose figure rose by less than min_gain points
		 * per 10 paid hours since the last round is given up. */
		for (int day = 0; day < d->ndays && d->by_day && !d->by_interval; day++) {
			if (d->day_met[day] || isnan(prev_mean[day]))
				continue;
			{
				const pc_shifts_design *s = &d->shifts[PC_RES_AGENT];
				int i = day - s->first;
				double h = i < s->ndays && s->day_hours ? s->day_hours[i] : 0;
				double added = h - prev_hours[day];

				if (added > 0 && (d->day_mean[day] - prev_mean[day]) / (added / 10) < min_gain)
					d->day_given_up[day] = 1;
			}
		}
		/* Per interval: a failing interval raised for this round
		 * whose figure rose by less than min_gain points per 10 paid
		 * hours added on its day (an interval that failed only now
		 * was not raised yet: the others' raises are no test of it). */
		for (int k = 0; d->by_interval && d->designed[PC_RES_AGENT] && k < d->nint; k++) {
			const pc_shifts_design *s = &d->shifts[PC_RES_AGENT];
			int day = (int)(k * d->dt / PC_DAY), i = day - s->first;
			double h = i < s->ndays && s->day_hours ? s->day_hours[i] : 0, added = h - prev_hours[day];

			if (!d->int_met[k] && !isnan(prev_int[k]) && d->need[PC_RES_AGENT][k] > prev_need[k] && added > 0 &&
			    (d->int_mean[k] - prev_int[k]) / (added / 10) < min_gain)
				d->int_given_up[k] = 1;
			prev_int[k] = d->int_mean[k];
			prev_need[k] = d->need[PC_RES_AGENT][k];
		}
		for (int day = 0; day < d->ndays; day++) {
			const pc_shifts_design *s = &d->shifts[PC_RES_AGENT];

			prev_mean[day] = d->day_mean[day];
			int i = day - s->first;

			prev_hours[day] = i < s->ndays && s->day_hours ? s->day_hours[i] : 0;
		}
		for (int t = 0; t < d->ntargets; t++) {
			pc_design_target *x = &d->target[t];
			double gain = x->is_max ? prev_target[t] - x->mean : x->mean - prev_target[t];

			if (!x->met && !isnan(prev_target[t]) && hours > prev_total &&
			    !(gain / ((hours - prev_total) / 10) >= min_gain))
				given_target[t] = 1;
			x->given_up = given_target[t];
			prev_target[t] = x->mean;
		}
		prev_total = hours;
		if (d->rounds_used >= rounds || !raise(d))
			break;
	}
	if (d->met && (rc = lower(d, opt, err))) {
		if (rc == PC_ENOMEM)
			pc_error_set(err, NULL, 0, "out of memory lowering the requirement");
		goto fail;
	}
	d->cost = d->hours = 0;
	for (int r = 0; r < PC_NRES; r++)
		if (d->designed[r]) {
			d->cost += d->shifts[r].cost;
			d->hours += d->shifts[r].hours;
		}
	/* Structural causes, in a manager's words. */
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];
		char day[16];

		if (!d->designed[r] || !s->gap_need)
			continue;
		double off = 0, all = 0;

		/* The share of r's work that arrives with nobody on duty. */
		for (int i = 0; i < d->result.reps; i++)
			for (int k = 0; k < d->nint; k++) {
				const double *row = d->result.rep[i].series + (size_t)k * PC_TS_NCOLS;

				all += row[PC_TS_OFFER0 + r];
				if (row[PC_TS_STAFF0 + r] <= 0)
					off += row[PC_TS_OFFER0 + r];
			}
		char gap[sizeof s->gap];

		snprintf(gap, sizeof gap, "%s", s->gap);
		day_text(sc, s->gap_day, day, sizeof day);
		snprintf(d->why[r], sizeof d->why[r],
			 "no allowed %s pattern covers %s (from %s): %.0f%% of their work arrives while none is on duty and waits for the next shift (up to %d %s would be needed then)",
			 who[r], gap, day, all > 0 ? 100 * off / all : 0, s->gap_need, who[r]);
		snprintf(d->why_zh[r], sizeof d->why_zh[r],
			 "没有允许的%s班型覆盖 %s（自 %s 起）：%.0f%% 的工作在无人当班时到达，要等到下一班（届时需要多达 %d 名%s）",
			 who_zh[r], gap, day, all > 0 ? 100 * off / all : 0, s->gap_need, who_zh[r]);
	}
	*out = d;
	d = NULL;
fail:
	pc_result_release(&pilot);
	pc_design_free(d);
	free(prev_mean);
	free(prev_hours);
	free(prev_int);
	free(prev_need);
	return rc;
}
