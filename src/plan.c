/* plan: the planner's steps: a pilot at the maximum roster, the analytic
 * plans (closed form per day, SIPP, MOL: plan_analytic.c), then simulation
 * with common random numbers (iterative restaffing, repair, trimming,
 * single removals: plan_search.c, each candidate judged by plan_check.c)
 * down to the smallest rosters that meet every target; the final check,
 * what binds each shift and the headcount curve.  Its tables and summary
 * are plan_output.c's. */
#include "plan_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/experiment.h"
#include "promocap/sim.h"
#include "promocap/staffing.h"

/* The targets the planner knows and the resources whose work each
 * measures (their short titles are plan_output.c's). */
static const struct {
	const char *key;
	unsigned res;
} target_info[] = {
	{ "first_response_within", 1u << PC_RES_AGENT },
	{ "refund_only_within", (1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR) },
	/* Acted on: the agents' first handling, or the supervisor's approval
	 * of a path-3 decision above the agent's authority (refund.c). */
	{ "refund_only_handled_within", (1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR) },
	{ "return_paid_within", (1u << PC_RES_AGENT) | (1u << PC_RES_INSPECTOR) },
	{ "supervisor_approval_within", 1u << PC_RES_SUPERVISOR },
	{ "all_done_within", ALL_RES },
	{ "dispute_refund_rate", ALL_RES },
};
#define NINFO (sizeof target_info / sizeof target_info[0])

static void outcome_fill(const planner *p, pc_plan_outcome *o, const int *h, const check *c)
{
	for (int r = 0; r < PC_NRES; r++) {
		const pc_staff *st = &p->sc->staff[r];
		memset(o->headcount[r], 0, sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);
	}
	for (int b = 0; b < p->nblocks; b++)
		o->headcount[p->blk[b].res][p->blk[b].idx] = h[b];
	pc_check_roster_hours(p, h, o->staff_hours, &o->cost);
	o->reps = c->res.reps;
	o->all_met = c->all_met;
	for (int t = 0; t < p->plan->ntargets; t++) {
		o->mean[t] = c->mean[t];
		o->lo[t] = c->lo[t];
		o->hi[t] = c->hi[t];
		o->met[t] = c->met[t];
	}
}

/* The targets of the scenario, from the KPIs of a first result. */
static void targets_init(planner *p, const pc_result *res)
{
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);
	pc_plan *plan = p->plan;

	plan->ntargets = 0;
	p->period_target = -1;
	for (int i = 0; i < n && plan->ntargets < T_MAX; i++) {
		pc_plan_target *t;

		if (!k[i].has_target)
			continue;
		t = &plan->target[plan->ntargets++];
		memset(t, 0, sizeof *t);
		t->key = k[i].key;
		snprintf(t->label, sizeof t->label, "%s", k[i].label);
		t->unit = k[i].unit;
		t->is_max = k[i].target_is_max;
		t->target = t->planned = k[i].target;
		t->feasible = 1;
		t->resources = ALL_RES;
		for (size_t j = 0; j < NINFO; j++)
			if (!strcmp(target_info[j].key, t->key))
				t->resources = target_info[j].res;
		/* Judged day by day ([plan] judged = day) or interval by
		 * interval (judged = interval): first response. */
		if (p->sc->plan_judged != PC_JUDGED_HORIZON && !strcmp(t->key, "first_response_within")) {
			p->period_target = plan->ntargets - 1;
			p->by_interval = p->sc->plan_judged == PC_JUDGED_INTERVAL;
		}
	}
}

/* The pilot: every shift at max_per_shift.  It tells what can be attained
 * (a target missed there, on the full replications, is infeasible, and is
 * planned for what the maximum attains less relax percent of it, or for
 * the CI's lower end there if that is lower; a ceiling for what it attains
 * plus relax percent, or the CI's upper end if higher), the work
 * offered to each resource per interval (the analytic plans' arrival
 * curves), and the size of a replication (the default budget). */
static int pilot(planner *p, int *hmax, check *c)
{
	pc_plan *plan = p->plan;
	int rc;

	for (int b = 0; b < p->nblocks; b++)
		hmax[b] = p->blk[b].hi;
	p->phase = "pilot";
	memset(c, 0, sizeof *c);
	pc_check_apply(p, hmax);
	plan->checks++;
	if ((rc = pc_check_simulate(p, c, 0, plan->screen_reps, 0)))
		return rc;
	targets_init(p, &c->res);
	if (plan->ntargets == 0) {
		pc_error_set(p->err, p->sc->file, 0,
			     "no SLA target to plan for: [sla] sets every target to 'none'");
		return PC_EINPUT;
	}
	pc_check_assess(p, c);
	if (!c->all_met && !c->any_clear_fail && plan->screen_reps < plan->reps) {
		if ((rc = pc_check_simulate(p, c, plan->screen_reps, plan->reps - plan->screen_reps, 0)))
			return rc;
		pc_check_assess(p, c);
	}
	/* A target missed at the maximum: what the maximum attains is stated
	 * on the full replications when the screening ones leave it uncertain
	 * (a CI half-width above half the relaxation). */
	for (int t = 0; t < plan->ntargets && c->res.reps < plan->reps; t++)
		if (!c->met[t] && !isnan(c->hi[t]) &&
		    (c->hi[t] - c->lo[t]) / 2 > fabs(c->mean[t]) * plan->relax / 200) {
			if ((rc = pc_check_simulate(p, c, c->res.reps, plan->reps - c->res.reps, 0)))
				return rc;
			pc_check_assess(p, c);
		}
	pc_check_progress(p);
	plan->feasible = 1;
	for (int t = 0; t < plan->ntargets; t++) {
		pc_plan_target *tg = &plan->target[t];

		tg->max_mean = c->mean[t];
		tg->max_lo = c->lo[t];
		tg->max_hi = c->hi[t];
		tg->max_reps = c->res.reps;
		if (c->met[t])
			continue;
		tg->feasible = 0;
		plan->feasible = 0;
		if (tg->is_max)
			tg->planned = fmax(tg->target, fmax(tg->max_mean * (1 + plan->relax / 100),
							    isnan(c->hi[t]) ? tg->max_mean : c->hi[t]));
		else
			tg->planned = fmax(0, fmin(tg->target, fmin(tg->max_mean * (1 - plan->relax / 100),
								     isnan(c->lo[t]) ? tg->max_mean : c->lo[t])));
	}
	pc_check_assess(p, c);
	for (int r = 0; r < PC_NRES; r++) {
		double all = 0, off = 0;

		for (int k = 0; k < p->nint; k++) {
			double w = pc_check_series_mean(&c->res, k, PC_TS_WORK0 + r);
			all += w;
			if (pc_search_on_duty_until(p, r, (k + 0.5) * p->dt) < 0)
				off += w;
		}
		plan->off_duty[r] = all > 0 ? off / all : 0;
	}
	{
		double a = 0;
		for (int i = 0; i < c->res.reps; i++) {
			const pc_rep *q = &c->res.rep[i];
			a += q->arrived[0] + q->arrived[1] + q->arrived[2] + q->arrived[3] + q->as_arrived;
		}
		p->arrivals_per_rep = a / c->res.reps;
	}
	if (plan->budget <= 0) {
		double b = 8e7 / fmax(p->arrivals_per_rep, 1.0);
		plan->budget = b > 1e6 ? 1000000 : (int)b;
		if (plan->budget < 8 * plan->screen_reps)
			plan->budget = 8 * plan->screen_reps;
	}
	return 0;
}

/* The checks of np rosters at once, n replications each: one experiment
 * over the threads (and ranks), each roster in a copy of the working
 * scenario, which out[i].res refers to until pc_check_release; the copies
 * go in *copies for the caller to release.  Returns 0 or an error code
 * with the planner's error filled. */
static int check_at_once(planner *p, int np, int *const *h, int n, check *out, pc_scenario **copies)
{
	pc_plan *plan = p->plan;
	pc_scenario *sc = calloc((size_t)np, sizeof *sc);
	const pc_scenario **scp = malloc(sizeof *scp * (size_t)np);
	uint64_t *seed = malloc(sizeof *seed * (size_t)np);
	int *reps = malloc(sizeof *reps * (size_t)np), *first = calloc((size_t)np, sizeof *first);
	pc_result *keep = calloc((size_t)np, sizeof *keep);
	pc_experiment xp;
	pc_exec ex;
	long long done;
	int rc = 0, made = 0;

	*copies = sc;
	if (!sc || !scp || !seed || !reps || !first || !keep) {
		rc = PC_ENOMEM;
		goto out;
	}
	for (; made < np; made++) {
		pc_check_apply(p, h[made]);
		if (pc_scenario_copy(&sc[made], &p->work)) {
			rc = PC_ENOMEM;
			goto out;
		}
		/* The same demand: the kept requests serve every copy. */
		sc[made].requests_kept = p->work.requests_kept;
		scp[made] = &sc[made];
		seed[made] = plan->seed;
		reps[made] = n;
	}
	memset(&xp, 0, sizeof xp);
	xp.npoints = np;
	xp.sc = scp;
	xp.seed = seed;
	xp.reps = reps;
	xp.first = first;
	xp.order = PC_ORDER_POINTS; /* a thread frees a point's simulator before the next */
	xp.keep = keep;
	memset(&ex, 0, sizeof ex);
	ex.threads = p->opt->threads;
	ex.cluster = p->opt->cluster;
	if ((rc = pc_experiment_run(&xp, &ex, &done, p->err)))
		goto out;
	for (int i = 0; i < np; i++) {
		memset(&out[i], 0, sizeof out[i]);
		out[i].res = keep[i];
		out[i].res.first = 0;
		pc_check_assess(p, &out[i]);
		plan->checks++;
		plan->replications += n;
	}
	pc_check_progress(p);
out:
	if (rc == PC_ENOMEM)
		pc_error_set(p->err, NULL, 0, "out of memory checking %d rosters at once", np);
	if (rc)
		for (int i = 0; i < made; i++)
			pc_scenario_release(&sc[i]);
	if (rc) {
		free(sc);
		*copies = NULL;
	}
	free(scp);
	free(seed);
	free(reps);
	free(first);
	free(keep);
	return rc;
}

/* The mean of b[k] - a[k] over the n pairs with both values (0 for none). */
static double mean_pair_diff(const double *a, const double *b, int n)
{
	double sum = 0;
	int m = 0;

	for (int k = 0; k < n; k++)
		if (!isnan(a[k]) && !isnan(b[k])) {
			sum += b[k] - a[k];
			m++;
		}
	return m > 0 ? sum / m : 0;
}

/* The target judged per period (first response by day or interval) in
 * period d of check c, estimated from the full check final: its mean and
 * CI moved by the mean paired difference of c against final in that
 * period over their first n replications (common random numbers), within
 * [0, 100].  Returns 0, or -1 when the period is not judged. */
static int paired_period(const planner *p, const check *final, const check *c, int n, int d, double *mean,
			 double *lo, double *hi)
{
	double a[64], b[64], diff;

	if (!final->per_mean || d >= final->nper || isnan(final->per_mean[d]) || n > 64 ||
	    pc_check_period_per_rep(p, &final->res, n, d, a) || pc_check_period_per_rep(p, &c->res, n, d, b))
		return -1;
	diff = mean_pair_diff(a, b, n);
	*mean = fmin(100, fmax(0, final->per_mean[d] + diff));
	*lo = fmin(100, fmax(0, final->per_lo[d] + diff));
	*hi = fmin(100, fmax(0, final->per_hi[d] + diff));
	return 0;
}

/* Point pt's first response on the shift's date (judged per day): check
 * c's own figures, or with paired > 0 estimated from final (paired_period)
 * as the point's other figures are. */
static void curve_day_figure(const planner *p, const check *final, const check *c, int paired, pc_plan_point *pt)
{
	int d = p->plan->curve_day;

	pt->day_mean = pt->day_lo = pt->day_hi = NAN;
	if (p->plan->curve_day_target < 0)
		return;
	if (paired) {
		(void)paired_period(p, final, c, paired, d, &pt->day_mean, &pt->day_lo, &pt->day_hi);
		return;
	}
	if (c->per_mean && d < c->nper) {
		pt->day_mean = c->per_mean[d];
		pt->day_lo = c->per_lo[d];
		pt->day_hi = c->per_hi[d];
	}
}

/* The target judged per period at a point estimated from final: each
 * period's estimate (paired_period), the one whose CI's low end is lowest
 * standing for it, as worst_period picks on a check.  Returns 0, or -1
 * when no period could be estimated. */
static int paired_worst(const planner *p, const check *final, const check *c, int n, double *mean, double *lo,
			double *hi)
{
	int found = -1;

	for (int d = 0; final->per_mean && d < final->nper; d++) {
		double m, l, h;

		if (paired_period(p, final, c, n, d, &m, &l, &h))
			continue;
		if (found < 0 || l < *lo) {
			found = d;
			*mean = m;
			*lo = l;
			*hi = h;
		}
	}
	return found < 0 ? -1 : 0;
}

/* The busiest shift (of agents, the one with the most work offered in its
 * hours; of another resource when agents have none) with its headcount
 * varied, the rest of the plan as chosen, the plan's own point being its
 * full check.  The other points are simulated together (one experiment
 * over the threads), on the full replications when seven points of them
 * fit in a tenth of the budget, and judged like any check.  Otherwise (a
 * large scenario) on half the screening replications (at least 2), or on
 * one when seven points of 2 would not fit in that tenth either (a large
 * brand: a replication of a million refunds, whose paired differences
 * agree within a few hundredths of a point), read with common random
 * numbers against the plan's full check: its KPIs are the plan's plus the
 * mean paired difference over those replications, its CI the plan's moved
 * by as much, and it meets a target when that moved CI's worse end does
 * (an estimate). */
static int curve(planner *p, const int *h, const check *final)
{
	pc_plan *plan = p->plan;
	int best = -1, rc = 0, np = 0, nc = 0, delta, n;
	static const int steps[] = { -2, -1, 0, 1, 2, 4, 8 };
	enum { NSTEPS = sizeof steps / sizeof steps[0] };
	int *cand[NSTEPS], step_of[NSTEPS], *rost[NSTEPS];
	check chk[NSTEPS];
	pc_scenario *copies = NULL;
	double *offered = malloc(sizeof(double) * (size_t)(p->nblocks + 1));
	double a[64], b[64];

	memset(cand, 0, sizeof cand);
	memset(chk, 0, sizeof chk);
	if (!offered)
		return PC_ENOMEM;
	pc_check_block_figures(p, final, h, NULL, NULL, NULL, offered);
	for (int r = 0; r < PC_NRES && best < 0; r++)
		for (int k = p->first_block[r]; k < p->first_block[r + 1]; k++)
			if (offered[k] > 0 && (best < 0 || offered[k] > offered[best]))
				best = k;
	free(offered);
	plan->ncurve = 0;
	if (best < 0)
		return 0;
	plan->curve_res = p->blk[best].res;
	plan->curve_day = p->blk[best].day;
	plan->curve_shift = p->blk[best].shift;
	/* The full replications when seven points of them fit in a tenth of
	 * the budget, else half the screening ones (at least 2), else one. */
	if (7 * plan->reps <= plan->budget / 10) {
		n = plan->reps;
	} else {
		n = plan->screen_reps / 2 < 2 ? 2 : plan->screen_reps / 2;
		if (7 * n > plan->budget / 10)
			n = 1;
		if (n > plan->reps)
			n = plan->reps;
	}
	if (n > 64)
		n = 64;
	plan->curve_reps = n;
	plan->curve_day_target = p->period_target >= 0 && !p->by_interval ? p->period_target : -1;
	delta = (int)lround(h[best] * 0.05);
	if (delta < 1)
		delta = 1;
	p->phase = "curve";
	/* The points within the shift's bounds; all but the plan's own are
	 * checked at once. */
	for (int i = 0; i < NSTEPS && np < PC_PLAN_MAX_CURVE; i++) {
		int v = h[best] + steps[i] * delta;

		if (v < p->blk[best].lo || v > p->blk[best].hi)
			continue;
		step_of[np++] = i;
		if (steps[i] == 0)
			continue;
		if (!(cand[nc] = malloc(sizeof(int) * (size_t)p->nblocks))) {
			rc = PC_ENOMEM;
			pc_error_set(p->err, NULL, 0, "out of memory for the headcount curve");
			goto out;
		}
		memcpy(cand[nc], h, sizeof(int) * (size_t)p->nblocks);
		cand[nc][best] = v;
		rost[nc] = cand[nc];
		nc++;
	}
	if (nc > 0 && (rc = check_at_once(p, nc, rost, n, chk, &copies)))
		goto out;
	for (int i = 0, j = 0; i < np; i++) {
		int st = steps[step_of[i]];
		const check *c = st != 0 ? &chk[j++] : final;
		pc_plan_point *pt = &plan->curve[i];

		pt->headcount = h[best] + st * delta;
		pt->staff_hours = st != 0 ? pc_check_total_hours(p, rost[j - 1]) : pc_check_total_hours(p, h);
		pt->all_met = 1;
		for (int t = 0; t < plan->ntargets; t++) {
			const pc_plan_target *tg = &plan->target[t];
			double d = 0, worse;

			if (st != 0 && n == final->res.reps) {
				/* Full replications: the point's own KPIs and CI. */
				pt->mean[t] = c->mean[t];
				pt->lo[t] = c->lo[t];
				pt->hi[t] = c->hi[t];
				pt->met[t] = c->met[t];
				if (!pt->met[t])
					pt->all_met = 0;
				continue;
			}
			if (st != 0 && t == p->period_target &&
			    !paired_worst(p, final, c, n, &pt->mean[t], &pt->lo[t], &pt->hi[t])) {
				/* Judged period by period: each period moved by its
				 * own paired difference, the worst one standing. */
				worse = tg->is_max ? pt->hi[t] : pt->lo[t];
				pt->met[t] = pc_check_value_meets(tg, worse);
				if (!pt->met[t])
					pt->all_met = 0;
				continue;
			}
			if (st != 0) {
				pc_check_per_rep(p, &final->res, n, t, a);
				pc_check_per_rep(p, &c->res, n, t, b);
				d = mean_pair_diff(a, b, n);
			}
			pt->mean[t] = final->mean[t] + d;
			pt->lo[t] = final->lo[t] + d;
			pt->hi[t] = final->hi[t] + d;
			if (isnan(pt->mean[t])) {
				pt->met[t] = 1;
				continue;
			}
			worse = tg->is_max ? (isnan(pt->hi[t]) ? pt->mean[t] : pt->hi[t])
					   : (isnan(pt->lo[t]) ? pt->mean[t] : pt->lo[t]);
			pt->met[t] = pc_check_value_meets(tg, worse);
			if (!pt->met[t])
				pt->all_met = 0;
		}
		curve_day_figure(p, final, c, st != 0 && n != final->res.reps ? n : 0, pt);
	}
	plan->ncurve = np;
out:
	for (int i = 0; i < nc; i++) {
		pc_check_release(&chk[i]);
		free(cand[i]);
	}
	for (int i = 0; copies && i < nc; i++)
		pc_scenario_release(&copies[i]);
	free(copies);
	return rc;
}

/* The tightest target of resource r in c: the least margin over its
 * planned value, relative to it. */
static int tightest(const planner *p, const check *c, int r)
{
	int best = -1;
	double least = INFINITY;

	for (int t = 0; t < p->plan->ntargets; t++) {
		const pc_plan_target *tg = &p->plan->target[t];
		double worse, margin;

		if (!(tg->resources & (1u << r)) || isnan(c->mean[t]))
			continue;
		worse = tg->is_max ? (isnan(c->hi[t]) ? c->mean[t] : c->hi[t])
				   : (isnan(c->lo[t]) ? c->mean[t] : c->lo[t]);
		margin = (tg->is_max ? tg->planned - worse : worse - tg->planned) / fmax(fabs(tg->planned), 1e-9);
		if (margin < least) {
			least = margin;
			best = t;
		}
	}
	return best;
}

static int plan_alloc(planner *p, pc_plan *plan)
{
	for (int r = 0; r < PC_NRES; r++) {
		size_t n = (size_t)p->sc->staff[r].ndays * (size_t)p->sc->staff[r].nshifts;
		plan->utilisation[r] = malloc(sizeof(double) * (n ? n : 1));
		plan->staff_hours[r] = calloc(n ? n : 1, sizeof(double));
		plan->binding[r] = malloc(sizeof(int) * (n ? n : 1));
		plan->binding_target[r] = malloc(sizeof(int) * (n ? n : 1));
		plan->binding_ci[r] = calloc(n ? n : 1, sizeof(int));
		if (!plan->utilisation[r] || !plan->staff_hours[r] || !plan->binding[r] || !plan->binding_target[r] ||
		    !plan->binding_ci[r])
			return PC_ENOMEM;
		for (size_t i = 0; i < n; i++) {
			plan->utilisation[r][i] = NAN;
			plan->binding[r][i] = PC_PLAN_BIND_NONE;
			plan->binding_target[r][i] = -1;
		}
		for (int m = 0; m < PC_PLAN_NMETHODS; m++)
			if (!(plan->method[m].headcount[r] = calloc(n ? n : 1, sizeof(int))))
				return PC_ENOMEM;
	}
	return 0;
}

/* The planned shifts, resource by resource, day by day. */
static int blocks_init(planner *p)
{
	const pc_scenario *sc = p->sc;
	int n = 0;

	for (int r = 0; r < PC_NRES; r++)
		n += sc->staff[r].ndays * sc->staff[r].nshifts;
	p->blk = malloc(sizeof *p->blk * (size_t)(n ? n : 1));
	p->first_block = malloc(sizeof(int) * (PC_NRES + 1));
	if (!p->blk || !p->first_block)
		return PC_ENOMEM;
	p->nblocks = 0;
	for (int r = 0; r < PC_NRES; r++) {
		const pc_staff *st = &sc->staff[r];

		p->first_block[r] = p->nblocks;
		for (int d = 0; d < st->ndays; d++)
			for (int s = 0; s < st->nshifts; s++) {
				block *b;

				p->work.staff[r].headcount[d * st->nshifts + s] = 0;
				if (!pc_staffing_planned(st, sc->horizon, d, s))
					continue;
				b = &p->blk[p->nblocks++];
				b->res = r;
				b->day = d;
				b->shift = s;
				b->idx = d * st->nshifts + s;
				b->t0 = d * PC_DAY + st->shift[s].start;
				b->t1 = fmin(d * PC_DAY + st->shift[s].end, sc->horizon);
				/* A re-plan's shift in progress at its start: only
				 * the rest is worked, costed and counted. */
				if (st->planned_from > b->t0)
					b->t0 = st->planned_from;
				b->lo = st->min_per_shift;
				b->hi = st->max_per_shift;
			}
	}
	p->first_block[PC_NRES] = p->nblocks;
	return 0;
}

void pc_plan_free(pc_plan *plan)
{
	if (!plan)
		return;
	pc_result_release(&plan->result);
	pc_scenario_release(&plan->chosen);
	for (int r = 0; r < PC_NRES; r++) {
		free(plan->utilisation[r]);
		free(plan->staff_hours[r]);
		free(plan->binding[r]);
		free(plan->binding_target[r]);
		free(plan->binding_ci[r]);
		for (int m = 0; m < PC_PLAN_NMETHODS; m++)
			free(plan->method[m].headcount[r]);
	}
	free(plan);
}

/* Checks the method's roster and keeps its outcome: on the full
 * replications when the three methods' checks fit in a tenth of the
 * budget, else on half the screening ones (at least 2; common random
 * numbers keep the methods comparable).  keep (or NULL) takes the check. */
static int compare(planner *p, int m, const int *h, check *keep)
{
	const pc_plan *plan = p->plan;
	check c;
	int rc, n = 3 * plan->reps <= plan->budget / 10 ? plan->reps : plan->screen_reps / 2;

	if (n < 2)
		n = plan->reps < 2 ? plan->reps : 2;

	if ((rc = pc_check_roster(p, h, CHECK_RAW, n, 0, NULL, &c)))
		return rc;
	outcome_fill(p, &p->plan->method[m], h, &c);
	if (keep)
		*keep = c;
	else
		pc_check_release(&c);
	return 0;
}

int pc_plan_check(const pc_scenario *sc, pc_error *err)
{
	for (int r = 0; r < PC_NRES; r++)
		if (sc->staff[r].roster_kind == PC_ROSTER_CHANGES || !sc->staff[r].headcount) {
			pc_error_set(err, sc->file, 0,
				     "the %s roster '%s' gives capacity change points; the planner needs a headcount "
				     "per shift: a number or a CSV date,shift,headcount",
				     pc_res_name((pc_res)r), sc->staff[r].roster_text);
			return PC_EINPUT;
		}
	return 0;
}

int pc_plan_screen_reps(int reps, int screen_reps)
{
	if (screen_reps)
		return screen_reps;
	/* A fifth of the full replications rounded up to an even number (two
	 * threads), at least 4: paired differences are sharp, but their
	 * standard error needs a few pairs. */
	screen_reps = (reps + 4) / 5;
	screen_reps += screen_reps & 1;
	if (screen_reps < 4)
		screen_reps = 4;
	return screen_reps > reps ? reps : screen_reps;
}

int pc_plan_run(const pc_scenario *sc, const pc_plan_options *opt, pc_plan **out, pc_error *err)
{
	planner p;
	pc_plan *plan;
	check pil, cur, fin;
	history hs;
	int *hmax = NULL, *sipp = NULL, *mol = NULL, *cf = NULL, *h = NULL, *stuck = NULL, *bind = NULL;
	int rc = 0;

	*out = NULL;
	memset(&p, 0, sizeof p);
	memset(&pil, 0, sizeof pil);
	memset(&cur, 0, sizeof cur);
	memset(&fin, 0, sizeof fin);
	memset(&hs, 0, sizeof hs);
	if ((rc = pc_plan_check(sc, err)))
		return rc;
	if (opt->reps < 1 || opt->screen_reps < 0 || opt->screen_reps > opt->reps || opt->budget < 0 ||
	    !(opt->relax >= 0) || opt->relax > 100) {
		pc_error_set(err, NULL, 0,
			     "planner options out of range: reps '%d' (>= 1), screening reps '%d' (0 to reps), "
			     "budget '%d' (>= 0), relax '%g' (0 to 100)",
			     opt->reps, opt->screen_reps, opt->budget, opt->relax);
		return PC_EINPUT;
	}
	if (!(plan = calloc(1, sizeof *plan))) {
		pc_error_set(err, NULL, 0, "out of memory for the plan");
		return PC_ENOMEM;
	}
	plan->sc = sc;
	plan->seed = opt->seed;
	plan->reps = opt->reps;
	plan->screen_reps = pc_plan_screen_reps(plan->reps, opt->screen_reps);
	plan->budget = opt->budget;
	plan->relax = opt->relax > 0 ? opt->relax : 5.0;
	p.sc = sc;
	p.plan = plan;
	p.opt = opt;
	p.err = err;
	p.dt = sc->interval;
	p.nint = (int)ceil(sc->horizon / sc->interval - 1e-9);
	if (pc_scenario_copy(&p.work, sc)) {
		free(plan);
		pc_error_set(err, NULL, 0, "out of memory copying the scenario");
		return PC_ENOMEM;
	}
	/* The screening replications run in nearly every check, on the one
	 * demand: their requests are drawn once (promocap/sim.h). */
	p.work.requests_kept = pc_requests_kept_new(&p.work, plan->seed, plan->screen_reps);
	if ((rc = blocks_init(&p)) || (rc = plan_alloc(&p, plan)))
		goto nomem;
	hs.nb = p.nblocks;
	hmax = malloc(sizeof(int) * (size_t)(p.nblocks + 1));
	sipp = malloc(sizeof(int) * (size_t)(p.nblocks + 1));
	mol = malloc(sizeof(int) * (size_t)(p.nblocks + 1));
	cf = malloc(sizeof(int) * (size_t)(p.nblocks + 1));
	h = malloc(sizeof(int) * (size_t)(p.nblocks + 1));
	stuck = calloc((size_t)(p.nblocks + 1), sizeof(int));
	bind = malloc(sizeof(int) * (size_t)(p.nblocks + 1));
	if (!hmax || !sipp || !mol || !cf || !h || !stuck || !bind)
		goto nomem;
	for (int b = 0; b < p.nblocks; b++)
		bind[b] = -1;

	/* 1. The maximum: what can be attained, and the loads. */
	if ((rc = pilot(&p, hmax, &pil)))
		goto fail;
	outcome_fill(&p, &plan->method[PC_PLAN_MAXIMUM], hmax, &pil);
	/* 2. The analytic plans, each simulated with the same replications,
	 * on the offered work of enough replications of the maximum. */
	if ((rc = pc_analytic_loads(&p, &pil)) || (rc = pc_analytic_plans(&p, &pil, sipp, mol)) || (rc = pc_analytic_closed_form(&p, &pil, sipp, cf)))
		goto fail;
	p.phase = "methods";
	{
		/* A method whose roster is an earlier one's (SIPP and MOL often
		 * agree) takes that one's check: the same roster on the same
		 * replications gives the same figures. */
		static const int mid[3] = { PC_PLAN_CLOSED_FORM, PC_PLAN_SIPP, PC_PLAN_MOL };
		const int *ro[3] = { cf, sipp, mol };
		check mc[3];
		int same[3];

		memset(mc, 0, sizeof mc);
		for (int i = 0; i < 3 && !rc; i++) {
			same[i] = -1;
			for (int j = 0; j < i && same[i] < 0; j++)
				if (same[j] < 0 && !memcmp(ro[i], ro[j], sizeof(int) * (size_t)p.nblocks))
					same[i] = j;
			if (same[i] >= 0)
				outcome_fill(&p, &plan->method[mid[i]], ro[i], &mc[same[i]]);
			else
				rc = compare(&p, mid[i], ro[i], &mc[i]);
		}
		if (!rc) {
			/* The search starts from MOL's check. */
			int k = same[2] >= 0 ? same[2] : 2;

			cur = mc[k];
			memset(&mc[k], 0, sizeof mc[k]);
		}
		for (int i = 0; i < 3; i++)
			pc_check_release(&mc[i]);
		if (rc)
			goto fail;
	}
	/* 3. The search from the MOL plan. */
	memcpy(h, mol, sizeof(int) * (size_t)p.nblocks);
	if ((rc = pc_search_run(&p, h, &cur, &hs, stuck, bind)))
		goto fail;
	/* 4. The full check: the search's own when it ended on one that
	 * holds; otherwise one more, and a failure steps back through the
	 * accepted changes, then repairs on full checks. */
	p.phase = "final";
	if (cur.all_met && cur.res.reps >= plan->reps) {
		fin = cur;
		memset(&cur, 0, sizeof cur);
	} else if ((rc = pc_check_roster(&p, h, CHECK_RAW, 0, 0, NULL, &fin))) {
		goto fail;
	}
	while (!fin.all_met && hs.n > 0) {
		hs.n--;
		memcpy(h, hs.h + (size_t)hs.n * (size_t)hs.nb, sizeof(int) * (size_t)p.nblocks);
		pc_check_release(&fin);
		if ((rc = pc_check_roster(&p, h, CHECK_RAW, 0, 0, NULL, &fin)))
			goto fail;
	}
	for (int it = 0; !fin.all_met && it < 6; it++) {
		int grown = pc_search_repair(&p, &fin, h, 0.1 * (1 << it));
		if (grown <= 0)
			break;
		pc_check_release(&fin);
		if ((rc = pc_check_roster(&p, h, CHECK_RAW, 0, 0, NULL, &fin)))
			goto fail;
	}
	plan->met = fin.all_met;
	outcome_fill(&p, &plan->method[PC_PLAN_SEARCH], h, &fin);
	/* Per shift: utilisation, staff-hours, what binds it. */
	{
		double *util = malloc(sizeof(double) * (size_t)(p.nblocks + 1));
		int tight[PC_NRES];

		if (!util)
			goto nomem;
		pc_check_block_figures(&p, &fin, h, NULL, util, NULL, NULL);
		for (int r = 0; r < PC_NRES; r++)
			tight[r] = tightest(&p, &fin, r);
		for (int b = 0; b < p.nblocks; b++) {
			const block *bl = &p.blk[b];
			plan->utilisation[bl->res][bl->idx] = util[b];
			plan->staff_hours[bl->res][bl->idx] = h[b] * pc_check_block_hours(bl);
			if (h[b] <= bl->lo) {
				plan->binding[bl->res][bl->idx] = PC_PLAN_BIND_MIN;
			} else if (stuck[b] && bind[b] >= 0) {
				plan->binding[bl->res][bl->idx] = PC_PLAN_BIND_REMOVAL;
				plan->binding_target[bl->res][bl->idx] = bind[b];
				plan->binding_ci[bl->res][bl->idx] = stuck[b] == STUCK_BY_CI;
				plan->single_tested++;
			} else {
				plan->binding[bl->res][bl->idx] = PC_PLAN_BIND_ESTIMATE;
				plan->binding_target[bl->res][bl->idx] = tight[bl->res];
				plan->single_untested++;
			}
		}
		free(util);
	}
	if ((rc = curve(&p, h, &fin)))
		goto fail;
	/* The chosen rosters in a scenario of their own, with their result. */
	pc_check_apply(&p, h);
	if (pc_scenario_copy(&plan->chosen, &p.work))
		goto nomem;
	plan->result = fin.res;
	plan->result.sc = &plan->chosen;
	memset(&fin.res, 0, sizeof fin.res);
	*out = plan;
	plan = NULL;
	goto done;
nomem:
	rc = PC_ENOMEM;
	pc_error_set(err, NULL, 0, "out of memory planning");
fail:
	pc_plan_free(plan);
done:
	pc_check_release(&pil);
	pc_check_release(&cur);
	pc_check_release(&fin);
	free(hs.h);
	free(hmax);
	free(sipp);
	free(mol);
	free(cf);
	free(h);
	free(stuck);
	free(bind);
	free(p.blk);
	free(p.first_block);
	pc_requests_kept_free(p.work.requests_kept);
	pc_scenario_release(&p.work);
	return rc;
}
