/* plan: the staffing search: a pilot at the maximum roster, the analytic
 * plans (closed form per day, SIPP, MOL), then simulation with common random
 * numbers (iterative restaffing, repair, trimming, single removals) down to
 * the smallest rosters that meet every target.  Its tables and summary are
 * plan_output.c's. */
#include "promocap/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "promocap/sim.h"
#include "promocap/experiment.h"
#include "promocap/staffing.h"

#define T_MAX PC_PLAN_MAX_TARGETS
#define ALL_RES ((1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR) | (1u << PC_RES_INSPECTOR))

/* The targets the planner knows and the resources whose work each
 * measures (their short titles are plan_output.c's). */
static const struct {
	const char *key;
	unsigned res;
} target_info[] = {
	{ "first_response_within", 1u << PC_RES_AGENT },
	{ "refund_only_within", (1u << PC_RES_AGENT) | (1u << PC_RES_SUPERVISOR) },
	{ "return_paid_within", (1u << PC_RES_AGENT) | (1u << PC_RES_INSPECTOR) },
	{ "supervisor_approval_within", 1u << PC_RES_SUPERVISOR },
	{ "all_done_within", ALL_RES },
	{ "dispute_refund_rate", ALL_RES },
};
#define NINFO (sizeof target_info / sizeof target_info[0])

/* One planned shift: resource, day, shift, and when it is on duty. */
typedef struct block {
	int res, day, shift, idx; /* idx = day * nshifts + shift */
	double t0, t1;            /* on duty [t0, t1), cut at the horizon */
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
	int chain;             /* predicted acceptances since the last full check */
} planner;

/* ---- rosters and checks ---- */

static void apply(planner *p, const int *h)
{
	for (int b = 0; b < p->nblocks; b++)
		p->work.staff[p->blk[b].res].headcount[p->blk[b].idx] = h[b];
}

static double block_hours(const block *b)
{
	return (b->t1 - b->t0) / PC_HOUR;
}

static void roster_hours(const planner *p, const int *h, double hours[PC_NRES], double *cost)
{
	for (int r = 0; r < PC_NRES; r++)
		hours[r] = 0;
	for (int b = 0; b < p->nblocks; b++)
		hours[p->blk[b].res] += h[b] * block_hours(&p->blk[b]);
	*cost = 0;
	for (int r = 0; r < PC_NRES; r++)
		*cost += hours[r] * p->sc->staff[r].cost;
}

static double total_hours(const planner *p, const int *h)
{
	double hours[PC_NRES], cost;

	roster_hours(p, h, hours, &cost);
	return hours[0] + hours[1] + hours[2];
}

/* Mean over the replications of column col of interval k. */
static double series_mean(const pc_result *res, int k, int col)
{
	double s = 0;

	for (int r = 0; r < res->reps; r++)
		s += res->rep[r].series[(size_t)k * PC_TS_NCOLS + (size_t)col];
	return res->reps ? s / res->reps : 0;
}

/* Open work of resource r at the end of interval k (waiting or in service). */
static double in_system(const pc_result *res, int k, int r)
{
	if (k < 0)
		return 0;
	switch (r) {
	case PC_RES_AGENT:
		return series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_AGENT) + series_mean(res, k, PC_TS_AS_OPEN) +
		       series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_PAYOUT);
	case PC_RES_SUPERVISOR:
		return series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_SUPERVISOR);
	default:
		return series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_INSPECT);
	}
}

static double interval_length(const planner *p, int k)
{
	return fmin(p->dt, p->sc->horizon - k * p->dt);
}

/* Reads each target's KPI off res and judges it against the planned
 * target: met by the CI's worse end (the mean with one replication), missed
 * clearly when the mean misses (the full replications, of which these are
 * the first, would have to move the mean by more than their own CI's
 * half-width to meet it: rarely worth their cost).  A KPI with no value
 * (no case of its kind, say no approval at all) is met: nothing missed it. */
/* First response on its worst day (judged = day): each day's share
 * answered in time, by the day of the request, with its 95% CI over the
 * replications; the day whose CI's low end is lowest stands for the
 * target.  Returns 0, or -1 when no day had a request. */
static int worst_day(const pc_result *res, double *mean, double *lo, double *hi)
{
	int nd = res->reps ? res->rep[0].ndays : 0, found = -1;
	double *x = malloc(sizeof(double) * (size_t)(res->reps + 1));

	for (int d = 0; x && d < nd; d++) {
		double m = NAN, half = NAN, l;
		int n = 0;

		for (int i = 0; i < res->reps; i++) {
			const double *row = res->rep[i].daily + (size_t)d * PC_DAY_NCOLS;

			x[i] = row[PC_DAY_FR_N] > 0 ? 100 * row[PC_DAY_FR_WITHIN] / row[PC_DAY_FR_N] : NAN;
			n += row[PC_DAY_FR_N] > 0;
		}
		if (!n)
			continue;
		pc_stat_ci(x, res->reps, &m, &half);
		l = isnan(half) ? m : fmax(0, m - half);
		if (found < 0 || l < *lo) {
			found = d;
			*mean = m;
			*lo = l;
			*hi = isnan(half) ? m : fmin(100, m + half);
		}
	}
	free(x);
	return found < 0 ? -1 : 0;
}

static void assess(planner *p, check *c)
{
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(&c->res, k, PC_MAX_KPIS);
	pc_plan *plan = p->plan;

	c->all_met = 1;
	c->any_clear_fail = 0;
	c->anchored = c->res.reps >= plan->reps;
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *tg = &plan->target[t];
		double lo = NAN, hi = NAN, mean = NAN, worse;

		for (int i = 0; i < n; i++)
			if (!strcmp(k[i].key, tg->key)) {
				mean = k[i].mean;
				lo = k[i].lo;
				hi = k[i].hi;
			}
		/* Judged day by day ([plan] judged = day): the worst day. */
		if (p->sc->plan_judged == PC_JUDGED_DAY && !strcmp(tg->key, "first_response_within") &&
		    !isnan(mean))
			worst_day(&c->res, &mean, &lo, &hi);
		c->mean[t] = mean;
		c->lo[t] = lo;
		c->hi[t] = hi;
		if (isnan(mean)) {
			c->met[t] = 1;
			c->clear_fail[t] = 0;
			continue;
		}
		worse = tg->is_max ? (isnan(hi) ? mean : hi) : (isnan(lo) ? mean : lo);
		c->met[t] = tg->is_max ? worse <= tg->planned + 1e-12 : worse >= tg->planned - 1e-12;
		c->clear_fail[t] = tg->is_max ? mean > tg->planned + 1e-12 : mean < tg->planned - 1e-12;
		if (!c->met[t])
			c->all_met = 0;
		if (c->clear_fail[t])
			c->any_clear_fail = 1;
	}
}

static void check_release(check *c)
{
	pc_result_release(&c->res);
	memset(c, 0, sizeof *c);
}

static void progress(planner *p)
{
	if (p->opt->progress)
		p->opt->progress(p->opt->user, p->phase, p->plan->checks, p->plan->replications);
}

/* Runs replications first .. first + n - 1 of the working scenario and
 * appends them to c. */
static int simulate(planner *p, check *c, int first, int n, int search)
{
	pc_result more;
	int rc;

	if (n <= 0)
		return 0;
	if ((rc = pc_experiment_replications(&p->work, p->plan->seed, first, n, p->opt->threads, p->opt->cluster,
					     first ? &more : &c->res, p->err)))
		return rc;
	p->plan->replications += n;
	if (search)
		p->plan->search_replications += n;
	if (first && (rc = pc_result_append(&c->res, &more))) {
		pc_result_release(&more);
		pc_error_set(p->err, NULL, 0, "out of memory adding replications");
		return rc;
	}
	return 0;
}

/* Target t's value in each of the first n replications of res. */
static void per_rep(planner *p, const pc_result *res, int n, int t, double *x)
{
	for (int i = 0; i < n; i++) {
		pc_result one = *res;
		pc_kpi k[PC_MAX_KPIS];
		int m;

		one.rep = &res->rep[i];
		one.reps = 1;
		m = pc_result_kpis(&one, k, PC_MAX_KPIS);
		x[i] = NAN;
		for (int j = 0; j < m; j++)
			if (!strcmp(k[j].key, p->plan->target[t].key))
				x[i] = k[j].mean;
	}
}

/* Paired prediction with common random numbers: the candidate c, on the
 * screening replications, against the current roster cur (anchored: its
 * figures stand for the full replications).  Replication i of both faces
 * the same refunds, so the difference d_i of a target's value is sharp even
 * over few replications.  The candidate's full mean is predicted as cur's
 * plus the mean difference, and its worse end as far from that mean as
 * cur's is from its own, times the ratio of the candidate's spread to cur's
 * over these replications when it is above 1 (fewer staff, more spread).
 * A target is missed clearly when its predicted worse end misses it by more
 * than the standard error of the mean difference (rejecting a removal that
 * would just hold costs a little staff, never a target).  Returns whether
 * every target's predicted worse end clears it by more than twice that
 * standard error (a clear pass), and leaves the predictions in pred (mean,
 * lo, hi per target); 0 without a prediction (cur not anchored). */
static int paired(planner *p, const check *cur, check *c, double pred[][3])
{
	int n = c->res.reps, pass = 1, R = p->plan->reps;
	double a[64], b[64], tq = R > 1 ? gsl_cdf_tdist_Pinv(0.975, R - 1) : 0;

	if (n > 64 || !cur->anchored || cur->res.reps < n)
		return 0;
	for (int t = 0; t < p->plan->ntargets; t++) {
		const pc_plan_target *tg = &p->plan->target[t];
		double sum = 0, sq = 0, sa = 0, saa = 0, sb = 0, sbb = 0, d, se, worse, half, m = 0;

		pred[t][0] = cur->mean[t];
		pred[t][1] = cur->lo[t];
		pred[t][2] = cur->hi[t];
		if (isnan(cur->mean[t])) {
			if (!isnan(c->mean[t]))
				pass = 0;
			continue;
		}
		per_rep(p, &cur->res, n, t, a);
		per_rep(p, &c->res, n, t, b);
		for (int i = 0; i < n; i++) {
			double x = b[i] - a[i];
			if (isnan(x))
				continue;
			sum += x;
			sq += x * x;
			sa += a[i];
			saa += a[i] * a[i];
			sb += b[i];
			sbb += b[i] * b[i];
			m++;
		}
		if (m < 1) {
			pass = 0;
			continue;
		}
		d = sum / m;
		se = m > 1 ? sqrt(fmax(0, (sq - m * d * d) / (m - 1)) / m) : fabs(d);
		/* The worse end's distance from the mean: cur's, widened by as
		 * much as the candidate's spread exceeds cur's over the same
		 * replications (fewer staff, more spread); from the candidate's
		 * spread alone when cur's is nil there. */
		half = tg->is_max ? cur->hi[t] - cur->mean[t] : cur->mean[t] - cur->lo[t];
		if (isnan(half))
			half = 0;
		if (m > 1) {
			double va = fmax(0, (saa - sa * sa / m) / (m - 1)), vb = fmax(0, (sbb - sb * sb / m) / (m - 1));

			if (va > 0)
				half *= fmax(1, sqrt(vb / va));
			else
				half = fmax(half, tq * sqrt(vb) / sqrt(R));
		}
		pred[t][0] += d;
		pred[t][1] = pred[t][0] - half;
		pred[t][2] = pred[t][0] + half;
		worse = tg->is_max ? pred[t][2] : pred[t][1];
		if (tg->is_max ? worse > tg->planned + se + 1e-12 : worse < tg->planned - se - 1e-12) {
			c->clear_fail[t] = 1;
			c->any_clear_fail = 1;
		}
		if (tg->is_max ? !(worse < tg->planned - 2 * se - 1e-12) : !(worse > tg->planned + 2 * se + 1e-12))
			pass = 0;
	}
	return pass;
}

enum { CHECK_RAW, CHECK_SEQUENTIAL, CHECK_PAIRED };

/* Simulates roster h.
 *   CHECK_RAW: n replications (0: the full ones), judged as they are.
 *   CHECK_SEQUENTIAL: the screening replications first; a roster that
 *     meets every target even so, or misses one clearly, is decided;
 *     otherwise the full replications decide (common random numbers: the
 *     screening ones are the first of them).
 *   CHECK_PAIRED: the screening replications, compared pair by pair with
 *     cur (anchored: see paired); a roster that misses a target clearly is
 *     rejected, one that passes clearly is accepted on the prediction (four
 *     in a row at most, then one on the full replications anchors the
 *     chain again), any other goes to the full replications; but if cur
 *     stands on a prediction, c comes back undecided with need_anchor set
 *     (the caller anchors cur and asks again).
 * c must be released by the caller. */
static int check_roster(planner *p, const int *h, int mode, int n, int search, const check *cur,
			check *c)
{
	pc_plan *plan = p->plan;
	int rc;

	memset(c, 0, sizeof *c);
	apply(p, h);
	plan->checks++;
	if (mode == CHECK_RAW) {
		if ((rc = simulate(p, c, 0, n > 0 ? n : plan->reps, search)))
			return rc;
		assess(p, c);
		progress(p);
		return 0;
	}
	if ((rc = simulate(p, c, 0, plan->screen_reps, search)))
		return rc;
	assess(p, c);
	if (mode == CHECK_PAIRED && cur->anchored) {
		double pred[T_MAX][3];

		/* Judged against cur pair by pair, not by its own screening
		 * mean (which shares the screening replications' luck). */
		c->any_clear_fail = 0;
		memset(c->clear_fail, 0, sizeof c->clear_fail);

		/* A clear pass is taken on the prediction, four times in a row
		 * at most; then a full check anchors the chain again. */
		if (paired(p, cur, c, pred) && !c->any_clear_fail && p->chain < 4) {
			for (int t = 0; t < plan->ntargets; t++) {
				c->mean[t] = pred[t][0];
				c->lo[t] = pred[t][1];
				c->hi[t] = pred[t][2];
				c->met[t] = 1;
			}
			c->all_met = 1;
			c->anchored = 1;
			p->chain++;
			progress(p);
			return 0;
		}
	}
	if (mode == CHECK_PAIRED && !c->any_clear_fail && cur->res.reps < plan->reps) {
		/* Undecided against a prediction: the full replications would
		 * compare the candidate with a roster never checked on them. */
		c->need_anchor = 1;
		c->all_met = 0;
		progress(p);
		return 0;
	}
	if (((mode == CHECK_PAIRED && !c->any_clear_fail) || (!c->all_met && !c->any_clear_fail)) &&
	    plan->screen_reps < plan->reps) {
		if ((rc = simulate(p, c, plan->screen_reps, plan->reps - plan->screen_reps, search)))
			return rc;
		assess(p, c);
	}
	if (c->res.reps >= plan->reps && c->all_met)
		p->chain = 0;
	progress(p);
	return 0;
}

/* Makes sure cur, the check of roster h, has the full replications. */
static int full(planner *p, const int *h, check *cur, int search)
{
	int rc;

	if (cur->res.reps >= p->plan->reps) {
		p->chain = 0;
		return 0;
	}
	apply(p, h);
	if ((rc = simulate(p, cur, cur->res.reps, p->plan->reps - cur->res.reps, search)))
		return rc;
	assess(p, cur);
	p->chain = 0;
	return 0;
}

static int budget_left(const planner *p)
{
	return p->plan->search_replications < p->plan->budget;
}

/* ---- what the simulation says per shift ---- */

/* Fraction of interval k that block b is on duty. */
static double overlap(const planner *p, const block *b, int k)
{
	double lo = fmax(b->t0, k * p->dt), hi = fmin(b->t1, (k + 1) * p->dt);

	return hi > lo ? (hi - lo) / p->dt : 0;
}

/* Per block of c's roster h: mean idle servers attributable to it (the
 * pool's idle servers times its share of the pool), utilisation (percent),
 * mean work waiting per server (open work beyond the busy servers) and
 * work offered in its hours. */
static void block_figures(const planner *p, const check *c, const int *h, double *idle, double *util,
			  double *waiting, double *offered)
{
	for (int b = 0; b < p->nblocks; b++) {
		const block *bl = &p->blk[b];
		double w = 0, si = 0, su = 0, sw = 0, so = 0;
		int k0 = (int)floor(bl->t0 / p->dt);

		for (int k = k0 < 0 ? 0 : k0; k < p->nint && k * p->dt < bl->t1; k++) {
			double f = overlap(p, bl, k), staff, busy, open;
			if (f <= 0)
				continue;
			staff = series_mean(&c->res, k, PC_TS_STAFF0 + bl->res);
			busy = series_mean(&c->res, k, PC_TS_BUSY0 + bl->res);
			open = in_system(&c->res, k, bl->res);
			w += f;
			if (staff > 0) {
				si += f * (staff - busy) * h[b] / staff;
				su += f * busy / staff;
			}
			sw += f * fmax(0, open - busy) / (staff > 0 ? staff : 1);
			so += series_mean(&c->res, k, PC_TS_WORK0 + bl->res) * f;
		}
		if (idle)
			idle[b] = w > 0 ? si / w : 0;
		if (util)
			util[b] = w > 0 && h[b] > 0 ? 100 * su / w : NAN;
		if (waiting)
			waiting[b] = w > 0 ? sw / w : 0;
		if (offered)
			offered[b] = so;
	}
}

/* ---- the analytic plans ---- */

/* The target that sets the pace of resource r's work in the analytic
 * plans (the first of the list set): its window and share. */
static void pace(const planner *p, int r, double *tau, double *share)
{
	static const char *const order[PC_NRES][3] = {
		{ "first_response_within", "refund_only_within", "all_done_within" },
		{ "supervisor_approval_within", "refund_only_within", "all_done_within" },
		{ "return_paid_within", "all_done_within", NULL },
	};
	const pc_scenario *sc = p->sc;

	*tau = PC_DAY;
	*share = 0.95;
	for (int i = 0; i < 3 && order[r][i]; i++)
		for (int t = 0; t < p->plan->ntargets; t++) {
			const pc_plan_target *tg = &p->plan->target[t];
			const pc_sla_target *s = NULL;

			if (strcmp(tg->key, order[r][i]))
				continue;
			if (!strcmp(tg->key, "first_response_within"))
				s = &sc->sla_first_response;
			else if (!strcmp(tg->key, "refund_only_within"))
				s = &sc->sla_refund_only_done;
			else if (!strcmp(tg->key, "all_done_within"))
				s = &sc->sla_all_done;
			else if (!strcmp(tg->key, "supervisor_approval_within"))
				s = &sc->sla_supervisor_approval;
			else if (!strcmp(tg->key, "return_paid_within"))
				s = &sc->sla_return_paid;
			if (!s)
				continue;
			*tau = s->within;
			*share = fmin(fmax(tg->planned / 100, 0.01), 0.999);
			return;
		}
}

/* Whether any target measures resource r's work. */
static int serves_target(const planner *p, int r)
{
	for (int t = 0; t < p->plan->ntargets; t++)
		if (p->plan->target[t].resources & (1u << r))
			return 1;
	return 0;
}

/* Copies resource r's layout headcounts into the blocks of h. */
static void from_layout(const planner *p, int r, const int *lay, int *h)
{
	for (int b = p->first_block[r]; b < p->first_block[r + 1]; b++) {
		int v = lay[p->blk[b].idx];
		h[b] = v < p->blk[b].lo ? p->blk[b].lo : v > p->blk[b].hi ? p->blk[b].hi : v;
	}
}

/* The service-time mixture of resource r's work, weighted by the tasks of
 * each kind in the pilot. */
static void work_mix(const planner *p, const pc_result *pilot, int r, pc_staffing_mix *mix)
{
	const pc_scenario *sc = p->sc;
	double n[7] = { 0 };

	memset(mix, 0, sizeof *mix);
	for (int i = 0; i < pilot->reps; i++) {
		const pc_rep *q = &pilot->rep[i];
		n[0] += q->arrived[0];
		n[1] += q->arrived[1];
		n[2] += q->arrived[2];
		n[3] += q->arrived[3];
		n[4] += q->as_arrived;
		n[5] += q->paid_n;
		n[6] += q->escalated;
	}
	switch (r) {
	case PC_RES_AGENT:
		pc_staffing_mix_add(mix, &sc->p1_handle, n[0]);
		pc_staffing_mix_add(mix, &sc->p2_handle, n[1]);
		pc_staffing_mix_add(mix, &sc->p3_handle, n[2]);
		pc_staffing_mix_add(mix, &sc->agree, n[3]);
		pc_staffing_mix_add(mix, &sc->as_handle, n[4]);
		pc_staffing_mix_add(mix, &sc->payout, n[5]);
		pc_staffing_mix_add(mix, &sc->escalation_handle, n[6]);
		break;
	case PC_RES_SUPERVISOR:
		pc_staffing_mix_add(mix, &sc->approval, 1);
		break;
	default:
		pc_staffing_mix_add(mix, &sc->inspect, 1);
		break;
	}
}

/* Erlang C per interval on the pilot's offered tasks: SIPP with the load
 * lambda_k E[S], MOL with m(t) at four points of each interval (the most
 * servers of the four).  Writes both rosters. */
static int analytic(planner *p, const check *pilot, int *sipp, int *mol)
{
	int n = p->nint, rc = 0;
	double *lambda = malloc(sizeof(double) * (size_t)n);
	double *load = malloc(sizeof(double) * (size_t)n * 4);
	int *need = malloc(sizeof(int) * (size_t)n * 4), *need1 = malloc(sizeof(int) * (size_t)n);
	int *lay = NULL;

	for (int r = 0; r < PC_NRES && !rc; r++) {
		const pc_staff *st = &p->sc->staff[r];
		pc_staffing_mix mix;
		double tau, share, mean;

		free(lay);
		lay = malloc(sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);
		if (!lambda || !load || !need || !need1 || !lay) {
			rc = PC_ENOMEM;
			break;
		}
		work_mix(p, &pilot->res, r, &mix);
		mean = pc_staffing_mix_mean(&mix);
		pace(p, r, &tau, &share);
		if (!serves_target(p, r) || !(mean > 0)) {
			for (int b = p->first_block[r]; b < p->first_block[r + 1]; b++)
				sipp[b] = mol[b] = p->blk[b].lo;
			continue;
		}
		for (int k = 0; k < n; k++) {
			lambda[k] = series_mean(&pilot->res, k, PC_TS_OFFER0 + r) / interval_length(p, k);
			load[k] = lambda[k] * mean;
		}
		if ((rc = pc_staffing_erlang(load, n, mean, tau, share, need1)))
			break;
		pc_staffing_cover(st, p->sc->horizon, p->dt, need1, n, lay, NULL);
		from_layout(p, r, lay, sipp);
		if ((rc = pc_staffing_mol(lambda, n, p->dt, &mix, 4, load)) ||
		    (rc = pc_staffing_erlang(load, n * 4, mean, tau, share, need)))
			break;
		for (int k = 0; k < n; k++) {
			need1[k] = 0;
			for (int j = 0; j < 4; j++)
				if (need[k * 4 + j] > need1[k])
					need1[k] = need[k * 4 + j];
		}
		pc_staffing_cover(st, p->sc->horizon, p->dt, need1, n, lay, NULL);
		from_layout(p, r, lay, mol);
	}
	if (rc == PC_ENOMEM)
		pc_error_set(p->err, NULL, 0, "out of memory in the analytic plans");
	else if (rc)
		pc_error_set(p->err, p->sc->file, 0, "the offered load is too large for Erlang C staffing");
	free(lambda);
	free(load);
	free(need);
	free(need1);
	free(lay);
	return rc;
}

/* The seed's closed form per day for agents, from the pilot's requests and
 * after-sales cases of each day; supervisors and inspectors as in sipp
 * (the closed form has no rule for them). */
static int closed_form(planner *p, const check *pilot, const int *sipp, int *h)
{
	const pc_staff *st = &p->sc->staff[PC_RES_AGENT];
	const pc_result *res = &pilot->res;
	int ndays = res->rep[0].ndays, rc;
	double *cases = calloc((size_t)ndays, sizeof *cases);
	double *arrivals = calloc((size_t)p->nint, sizeof *arrivals);
	int *lay = malloc(sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);

	if (!cases || !arrivals || !lay) {
		free(cases);
		free(arrivals);
		free(lay);
		pc_error_set(p->err, NULL, 0, "out of memory in the closed form");
		return PC_ENOMEM;
	}
	for (int i = 0; i < res->reps; i++)
		for (int d = 0; d < ndays; d++) {
			const double *row = res->rep[i].daily + (size_t)d * PC_DAY_NCOLS;
			cases[d] += (row[PC_DAY_ARRIVED] + row[PC_DAY_AS_ARRIVED]) / res->reps;
		}
	for (int k = 0; k < p->nint; k++)
		for (int c = PC_TS_ARRIVE_P1; c <= PC_TS_ARRIVE_AS; c++)
			arrivals[k] += series_mean(res, k, c);
	rc = pc_staffing_closed_form(st, p->sc->horizon, cases, ndays, p->sc->baseline_cases_per_day,
				     arrivals, p->nint, p->dt, lay);
	if (!rc) {
		memcpy(h, sipp, sizeof(int) * (size_t)p->nblocks);
		from_layout(p, PC_RES_AGENT, lay, h);
	}
	free(cases);
	free(arrivals);
	free(lay);
	return rc;
}

/* ---- the simulation-based search ---- */

/* Whether some planned shift of resource r is on duty at t, and until
 * when the latest of them stays. */
static double on_duty_until(const planner *p, int r, double t)
{
	double until = -1;

	for (int b = p->first_block[r]; b < p->first_block[r + 1]; b++)
		if (p->blk[b].t0 <= t && t < p->blk[b].t1 && p->blk[b].t1 > until)
			until = p->blk[b].t1;
	return until;
}

/* The load each interval of resource r must carry: the work that joins the
 * queue in it, W_k / dt, and the work that came while nobody was on duty,
 * to be done within the pace target's window tau once the next stretch of
 * on-duty intervals begins (the night's requests are the morning's work;
 * under FIFO the morning's own requests wait behind them): with U the work
 * of the off-duty intervals before the stretch and H = tau, at least one
 * interval and at most the stretch,
 *   e_k = W_k / dt + U / H   for the intervals k of the stretch's first H. */
static void carried_load(const planner *p, int r, double tau, const double *work, double *load)
{
	double pending = 0;

	for (int k = 0; k < p->nint; k++) {
		double len = interval_length(p, k), until = on_duty_until(p, r, (k + 0.5) * p->dt);

		load[k] = work[k] / len;
		if (until < 0) {
			pending += work[k];
			load[k] = 0;
			continue;
		}
		if (pending > 0) {
			int j = k;
			double h = 0;

			while (j < p->nint && on_duty_until(p, r, (j + 0.5) * p->dt) >= 0 &&
			       (j == k || h < tau - 1e-9)) {
				h += interval_length(p, j);
				j++;
			}
			for (int i = k; i < j; i++)
				load[i] += pending / h;
			pending = 0;
		}
	}
}

/* One step of iterative staffing in the spirit of Feldman, Mandelbaum,
 * Massey and Whitt (2008): simulate the roster, measure the work each
 * interval really receives under it (payouts, approvals, inspections and
 * escalations come when upstream work and the buyers let them, which only
 * the simulation knows), and restaff every interval by Erlang C on that
 * load with the night's work carried to the morning (carried_load).  The
 * queue itself is not fed back, so an understaffed roster does not make the
 * next one overshoot; the iteration stops when the roster repeats. */
static int restaff(planner *p, const check *c, const int *h, int *out)
{
	int n = p->nint, rc = 0;
	double *load = malloc(sizeof(double) * (size_t)n), *work = malloc(sizeof(double) * (size_t)n);
	int *need = malloc(sizeof(int) * (size_t)n), *lay = NULL;

	memcpy(out, h, sizeof(int) * (size_t)p->nblocks);
	for (int r = 0; r < PC_NRES && !rc; r++) {
		const pc_staff *st = &p->sc->staff[r];
		double tau, share, tasks = 0, total = 0, w;

		free(lay);
		lay = malloc(sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);
		if (!load || !work || !need || !lay) {
			rc = PC_ENOMEM;
			break;
		}
		if (!serves_target(p, r))
			continue;
		for (int k = 0; k < n; k++) {
			tasks += series_mean(&c->res, k, PC_TS_OFFER0 + r);
			work[k] = series_mean(&c->res, k, PC_TS_WORK0 + r);
			total += work[k];
		}
		if (!(tasks > 0) || !(total > 0))
			continue;
		w = total / tasks;
		pace(p, r, &tau, &share);
		carried_load(p, r, tau, work, load);
		if ((rc = pc_staffing_erlang(load, n, w, tau, share, need)))
			break;
		pc_staffing_cover(st, p->sc->horizon, p->dt, need, n, lay, NULL);
		from_layout(p, r, lay, out);
	}
	if (rc == PC_ENOMEM)
		pc_error_set(p->err, NULL, 0, "out of memory restaffing");
	else if (rc)
		pc_error_set(p->err, p->sc->file, 0, "the offered load is too large for Erlang C staffing");
	free(load);
	free(work);
	free(need);
	free(lay);
	return rc;
}

/* The resources that serve the targets c misses. */
static unsigned failing_resources(const planner *p, const check *c)
{
	unsigned m = 0;

	for (int t = 0; t < p->plan->ntargets; t++)
		if (!c->met[t])
			m |= p->plan->target[t].resources;
	return m;
}

/* Adds staff where the missed targets' resources are short: to shifts
 * with work waiting, or failing that the busiest ones, or failing that every
 * shift with work; step is the share of the headcount added (at least 1).
 * Returns how many shifts grew. */
static int repair(planner *p, const check *c, int *h, double step)
{
	unsigned m = failing_resources(p, c);
	double *util = malloc(sizeof(double) * (size_t)p->nblocks);
	double *waiting = malloc(sizeof(double) * (size_t)p->nblocks);
	double *offered = malloc(sizeof(double) * (size_t)p->nblocks);
	int grown = 0;

	if (!util || !waiting || !offered) {
		free(util);
		free(waiting);
		free(offered);
		return -1;
	}
	block_figures(p, c, h, NULL, util, waiting, offered);
	for (int r = 0; r < PC_NRES; r++) {
		int b0 = p->first_block[r], b1 = p->first_block[r + 1], pick = 0;
		double umax = 0;

		if (!(m & (1u << r)))
			continue;
		for (int b = b0; b < b1; b++) {
			if (h[b] < p->blk[b].hi && waiting[b] >= 0.5)
				pick = 1;
			if (!isnan(util[b]) && util[b] > umax)
				umax = util[b];
		}
		for (int b = b0; b < b1; b++) {
			int take;

			if (h[b] >= p->blk[b].hi || !(offered[b] > 0 || waiting[b] > 0))
				continue;
			if (pick == 1)
				take = waiting[b] >= 0.5;
			else
				take = umax > 0 ? (!isnan(util[b]) && util[b] >= umax - 15) : 1;
			if (!take && umax <= 0)
				take = 1;
			if (take) {
				int add = (int)ceil(step * h[b]);
				h[b] += add < 1 ? 1 : add;
				if (h[b] > p->blk[b].hi)
					h[b] = p->blk[b].hi;
				grown++;
			}
		}
		/* Nothing with work could grow: every shift of the resource. */
		if (!grown)
			for (int b = b0; b < b1; b++)
				if (h[b] < p->blk[b].hi) {
					h[b]++;
					grown++;
				}
	}
	free(util);
	free(waiting);
	free(offered);
	return grown;
}

/* The accepted changes, newest last, to step back if the full check of the
 * end result fails. */
typedef struct history {
	int n, cap, nb;
	int *h; /* n rosters of nb blocks */
} history;

static int history_push(history *hs, const int *h)
{
	if (hs->n == hs->cap) {
		int cap = hs->cap ? 2 * hs->cap : 16;
		int *x = realloc(hs->h, sizeof(int) * (size_t)cap * (size_t)hs->nb);
		if (!x)
			return PC_ENOMEM;
		hs->h = x;
		hs->cap = cap;
	}
	memcpy(hs->h + (size_t)hs->n * (size_t)hs->nb, h, sizeof(int) * (size_t)hs->nb);
	hs->n++;
	return 0;
}

/* Replaces *cur by c (the check of the roster now current). */
static void adopt(check *cur, check *c)
{
	check_release(cur);
	*cur = *c;
	memset(c, 0, sizeof *c);
}

/* Makes cur, the check of roster h, stand on the full replications; if the
 * targets then fail (an acceptance on a prediction that did not hold),
 * steps back through the accepted changes, each checked on the full
 * replications, until they hold again, and takes the next acceptance on
 * the full replications too. */
static int anchor(planner *p, int *h, check *cur, history *hs)
{
	int rc;

	p->phase = "anchor";
	if ((rc = full(p, h, cur, 1)))
		return rc;
	if (cur->all_met)
		return 0;
	while (!cur->all_met && hs->n > 0) {
		check c;

		hs->n--;
		memcpy(h, hs->h + (size_t)hs->n * (size_t)hs->nb, sizeof(int) * (size_t)p->nblocks);
		if ((rc = check_roster(p, h, CHECK_RAW, 0, 1, NULL, &c)))
			return rc;
		adopt(cur, &c);
	}
	/* A prediction did not hold: the next acceptance is checked on the
	 * full replications (which starts a new chain). */
	p->chain = 4;
	return 0;
}

/* Trimming, coarse to fine, by square-root staffing: shift b keeps
 *   max(min_per_shift, ceil(B_b + beta_r sqrt(B_b)))
 * people, B_b its mean busy servers in the current roster (Halfin and Whitt
 * 1981: a safety margin of beta sqrt(load) keeps the delay probability
 * steady as the load grows), never more than it has.  beta_r, one per
 * resource, is searched between 3 and -1: from 3 down by 1.5 while the
 * targets hold, then by bisection between the last that held and the first
 * that failed (the resources serving a failed target only), to within
 * 0.25; a resource that fails at 3 already (its need is not the mean load:
 * a morning surge, say) is left to the single removals.  Every resource's shifts move at once in each check; a held cut
 * stays and the next is measured on the new roster.  Ends when every
 * resource has converged or the budget is spent. */
static int trim(planner *p, int *h, check *cur, history *hs)
{
	double ok[PC_NRES], bad[PC_NRES], try[PC_NRES];
	int done[PC_NRES];
	double *idle = malloc(sizeof(double) * (size_t)p->nblocks);
	int *cand = malloc(sizeof(int) * (size_t)p->nblocks), rc = 0;

	if (!idle || !cand) {
		free(idle);
		free(cand);
		return PC_ENOMEM;
	}
	for (int r = 0; r < PC_NRES; r++) {
		ok[r] = NAN;
		bad[r] = NAN;
		try[r] = 3;
		done[r] = !serves_target(p, r);
	}
	p->phase = "trim";
	while (budget_left(p) && !rc) {
		unsigned touched = 0, active = 0;
		check c;

		block_figures(p, cur, h, idle, NULL, NULL, NULL);
		for (int b = 0; b < p->nblocks; b++) {
			int r = p->blk[b].res, keep;
			double busy = fmax(0, h[b] - idle[b]);

			cand[b] = h[b];
			if (done[r])
				continue;
			active |= 1u << r;
			keep = (int)ceil(busy + try[r] * sqrt(busy) - 1e-9);
			if (keep < p->blk[b].lo)
				keep = p->blk[b].lo;
			if (keep < h[b]) {
				cand[b] = keep;
				touched |= 1u << r;
			}
		}
		if (!active)
			break;
		if (touched) {
			if ((rc = check_roster(p, cand, CHECK_PAIRED, 0, 1, cur, &c)))
				break;
			if (c.need_anchor) {
				check_release(&c);
				if ((rc = anchor(p, h, cur, hs)))
					break;
				p->phase = "trim";
				continue;
			}
		} else {
			memset(&c, 0, sizeof c);
			c.all_met = 1;
		}
		if (c.all_met && touched) {
			if ((rc = history_push(hs, h)))
				break;
			memcpy(h, cand, sizeof(int) * (size_t)p->nblocks);
			adopt(cur, &c);
		}
		for (int r = 0; r < PC_NRES; r++) {
			unsigned bit = 1u << r, m;

			if (done[r])
				continue;
			m = c.all_met ? 0 : (failing_resources(p, &c) & touched ? failing_resources(p, &c) & touched : touched);
			if (!(touched & bit) && !c.all_met)
				continue; /* untouched here: try the same again */
			if (c.all_met || !(m & bit)) {
				if (!(touched & bit) || c.all_met)
					ok[r] = try[r];
				if (!c.all_met)
					continue;
			} else {
				bad[r] = try[r];
			}
			if (!isnan(ok[r]) && !isnan(bad[r]))
				try[r] = (ok[r] + bad[r]) / 2;
			else if (!isnan(bad[r]))
				done[r] = 1; /* even beta = 3 fails: single removals go on */
			else
				try[r] = ok[r] - 1.5;
			if ((!isnan(ok[r]) && !isnan(bad[r]) && ok[r] - bad[r] < 0.25) || try[r] < -1)
				done[r] = 1;
		}
		if (touched)
			check_release(&c);
	}
	free(idle);
	free(cand);
	return rc;
}

/* Sorts order[0..n) by key, largest first, block order on a tie
 * (insertion sort: a few hundred shifts at most, and stable). */
static void sort_by_key(int *order, int n, const double *key)
{
	for (int i = 1; i < n; i++) {
		int x = order[i], j = i;

		while (j > 0 && key[order[j - 1]] < key[x]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = x;
	}
}

/* Single removals, shift by shift (the most idle staff-hours first): one
 * person fewer; while the targets hold the cut stays and the next step
 * doubles (2, 4, ...: few checks for a shift with many to spare); a failed
 * step larger than one goes back to one; a failed single step ends the
 * shift, and names the target that binds it.  When every shift has ended
 * that way no single removal keeps the targets met.  Each check is paired
 * with the current roster (check_roster), so a removal that clearly breaks
 * a target costs the screening replications only.  Stops early when the
 * budget is spent. */
/* Shift b's single removals (see single_removals); cand is scratch. */
static int gallop(planner *p, int *h, check *cur, history *hs, int b, int *cand, int *stuck, int *bind)
{
	int step = 1, rc = 0;

	while (h[b] > p->blk[b].lo && budget_left(p)) {
		check c;

		if (step > h[b] - p->blk[b].lo)
			step = h[b] - p->blk[b].lo;
		memcpy(cand, h, sizeof(int) * (size_t)p->nblocks);
		cand[b] -= step;
		if ((rc = check_roster(p, cand, CHECK_PAIRED, 0, 1, cur, &c)))
			break;
		if (c.need_anchor) {
			check_release(&c);
			if ((rc = anchor(p, h, cur, hs)))
				break;
			p->phase = "single removals";
			continue;
		}
		if (c.all_met) {
			if ((rc = history_push(hs, h)))
				break;
			memcpy(h, cand, sizeof(int) * (size_t)p->nblocks);
			adopt(cur, &c);
			step *= 2;
			continue;
		}
		if (step == 1) {
			stuck[b] = 1;
			for (int t = 0; t < p->plan->ntargets; t++)
				if (!c.met[t]) {
					bind[b] = t;
					break;
				}
			check_release(&c);
			break;
		}
		check_release(&c);
		step = 1;
	}
	return rc;
}

static int single_removals(planner *p, int *h, check *cur, history *hs, int *stuck, int *bind)
{
	double *idle = malloc(sizeof(double) * (size_t)p->nblocks);
	double *key = malloc(sizeof(double) * (size_t)p->nblocks);
	int *order = malloc(sizeof(int) * (size_t)p->nblocks);
	int *cand = malloc(sizeof(int) * (size_t)p->nblocks), rc = 0;

	if (!idle || !key || !order || !cand) {
		rc = PC_ENOMEM;
		goto out;
	}
	p->phase = "single removals";
	/* Passes over the shifts still open, three at most: a step back (see
	 * anchor) can give a shift already done its people again. */
	for (int pass = 0; pass < 3 && !rc && budget_left(p); pass++) {
		int n = 0;

		block_figures(p, cur, h, idle, NULL, NULL, NULL);
		for (int b = 0; b < p->nblocks; b++) {
			key[b] = idle[b] * block_hours(&p->blk[b]);
			if (h[b] > p->blk[b].lo && !stuck[b])
				order[n++] = b;
		}
		if (n == 0)
			break;
		sort_by_key(order, n, key);
		for (int i = 0; i < n && !rc && budget_left(p); i++)
			rc = gallop(p, h, cur, hs, order[i], cand, stuck, bind);
	}
out:
	if (rc == PC_ENOMEM)
		pc_error_set(p->err, NULL, 0, "out of memory in the search");
	free(idle);
	free(key);
	free(order);
	free(cand);
	return rc;
}

/* ---- the plan ---- */

static void outcome_fill(const planner *p, pc_plan_outcome *o, const int *h, const check *c)
{
	for (int r = 0; r < PC_NRES; r++) {
		const pc_staff *st = &p->sc->staff[r];
		memset(o->headcount[r], 0, sizeof(int) * (size_t)st->ndays * (size_t)st->nshifts);
	}
	for (int b = 0; b < p->nblocks; b++)
		o->headcount[p->blk[b].res][p->blk[b].idx] = h[b];
	roster_hours(p, h, o->staff_hours, &o->cost);
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
	apply(p, hmax);
	plan->checks++;
	if ((rc = simulate(p, c, 0, plan->screen_reps, 0)))
		return rc;
	targets_init(p, &c->res);
	if (plan->ntargets == 0) {
		pc_error_set(p->err, p->sc->file, 0,
			     "no SLA target to plan for: [sla] sets every target to 'none'");
		return PC_EINPUT;
	}
	assess(p, c);
	if (!c->all_met && !c->any_clear_fail && plan->screen_reps < plan->reps) {
		if ((rc = simulate(p, c, plan->screen_reps, plan->reps - plan->screen_reps, 0)))
			return rc;
		assess(p, c);
	}
	/* A target missed at the maximum: what the maximum attains is stated
	 * on the full replications when the screening ones leave it uncertain
	 * (a CI half-width above half the relaxation). */
	for (int t = 0; t < plan->ntargets && c->res.reps < plan->reps; t++)
		if (!c->met[t] && !isnan(c->hi[t]) &&
		    (c->hi[t] - c->lo[t]) / 2 > fabs(c->mean[t]) * plan->relax / 200) {
			if ((rc = simulate(p, c, c->res.reps, plan->reps - c->res.reps, 0)))
				return rc;
			assess(p, c);
		}
	progress(p);
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
	assess(p, c);
	for (int r = 0; r < PC_NRES; r++) {
		double all = 0, off = 0;

		for (int k = 0; k < p->nint; k++) {
			double w = series_mean(&c->res, k, PC_TS_WORK0 + r);
			all += w;
			if (on_duty_until(p, r, (k + 0.5) * p->dt) < 0)
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

/* The busiest shift (of agents, the one with the most work offered in its
 * hours; of another resource when agents have none) with its headcount
 * varied, the rest of the plan as chosen, the plan's own point being its
 * full check.  Each other point is simulated on the full replications when
 * seven points of them fit in a tenth of the budget, and judged like any
 * check.  Otherwise (a large scenario) on half the screening replications
 * (at least 2), read with common random numbers against the plan's full
 * check: its KPIs are the plan's plus the mean paired difference over those
 * replications, its CI the plan's moved by as much, and it meets a target
 * when that moved CI's worse end does (an estimate). */
static int curve(planner *p, const int *h, const check *final)
{
	pc_plan *plan = p->plan;
	int best = -1, rc = 0, np = 0, delta, n;
	static const int steps[] = { -2, -1, 0, 1, 2, 4, 8 };
	int *cand = malloc(sizeof(int) * (size_t)p->nblocks);
	double *offered = malloc(sizeof(double) * (size_t)(p->nblocks + 1));
	double a[64], b[64];

	if (!cand || !offered) {
		free(cand);
		free(offered);
		return PC_ENOMEM;
	}
	block_figures(p, final, h, NULL, NULL, NULL, offered);
	for (int r = 0; r < PC_NRES && best < 0; r++)
		for (int k = p->first_block[r]; k < p->first_block[r + 1]; k++)
			if (offered[k] > 0 && (best < 0 || offered[k] > offered[best]))
				best = k;
	free(offered);
	plan->ncurve = 0;
	if (best < 0) {
		free(cand);
		return 0;
	}
	plan->curve_res = p->blk[best].res;
	plan->curve_day = p->blk[best].day;
	plan->curve_shift = p->blk[best].shift;
	/* The full replications when seven points of them fit in a tenth of
	 * the budget, else half the screening ones (at least 2). */
	if (7 * plan->reps <= plan->budget / 10) {
		n = plan->reps;
	} else {
		n = plan->screen_reps / 2 < 2 ? 2 : plan->screen_reps / 2;
		if (n > plan->reps)
			n = plan->reps;
	}
	if (n > 64)
		n = 64;
	plan->curve_reps = n;
	delta = (int)lround(h[best] * 0.05);
	if (delta < 1)
		delta = 1;
	p->phase = "curve";
	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && np < PC_PLAN_MAX_CURVE && !rc; i++) {
		int v = h[best] + steps[i] * delta;
		pc_plan_point *pt;
		check c;

		if (v < p->blk[best].lo || v > p->blk[best].hi)
			continue;
		memcpy(cand, h, sizeof(int) * (size_t)p->nblocks);
		cand[best] = v;
		memset(&c, 0, sizeof c);
		if (steps[i] != 0 && (rc = check_roster(p, cand, CHECK_RAW, n, 0, NULL, &c)))
			break;
		pt = &plan->curve[np++];
		pt->headcount = v;
		pt->staff_hours = total_hours(p, cand);
		pt->all_met = 1;
		for (int t = 0; t < plan->ntargets; t++) {
			const pc_plan_target *tg = &plan->target[t];
			double d = 0, m = 0, worse;

			if (steps[i] != 0 && n == final->res.reps) {
				/* Full replications: the point's own KPIs and CI. */
				pt->mean[t] = c.mean[t];
				pt->lo[t] = c.lo[t];
				pt->hi[t] = c.hi[t];
				pt->met[t] = c.met[t];
				if (!pt->met[t])
					pt->all_met = 0;
				continue;
			}
			if (steps[i] != 0) {
				per_rep(p, &final->res, n, t, a);
				per_rep(p, &c.res, n, t, b);
				for (int j = 0; j < n; j++)
					if (!isnan(a[j]) && !isnan(b[j])) {
						d += b[j] - a[j];
						m++;
					}
				d = m > 0 ? d / m : 0;
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
			pt->met[t] = tg->is_max ? worse <= tg->planned + 1e-12 : worse >= tg->planned - 1e-12;
			if (!pt->met[t])
				pt->all_met = 0;
		}
		if (steps[i] != 0)
			check_release(&c);
	}
	plan->ncurve = np;
	free(cand);
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
		if (!plan->utilisation[r] || !plan->staff_hours[r] || !plan->binding[r] || !plan->binding_target[r])
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
		for (int m = 0; m < PC_PLAN_NMETHODS; m++)
			free(plan->method[m].headcount[r]);
	}
	free(plan);
}

/* Checks the method's roster and keeps its outcome: on the full
 * replications when the three methods' checks fit in a tenth of the
 * budget, else on half the screening ones (at least 2; common random
 * numbers keep the methods comparable). */
static int compare(planner *p, int m, const int *h, check *keep)
{
	const pc_plan *plan = p->plan;
	check c;
	int rc, n = 3 * plan->reps <= plan->budget / 10 ? plan->reps : plan->screen_reps / 2;

	if (n < 2)
		n = plan->reps < 2 ? plan->reps : 2;

	if ((rc = check_roster(p, h, CHECK_RAW, n, 0, NULL, &c)))
		return rc;
	outcome_fill(p, &p->plan->method[m], h, &c);
	if (keep)
		*keep = c;
	else
		check_release(&c);
	return 0;
}

static int search(planner *p, int *h, check *cur, history *hs, int *stuck, int *bind)
{
	int *next = malloc(sizeof(int) * (size_t)p->nblocks), rc = 0;
	double step = 0.25;

	if (!next)
		return PC_ENOMEM;
	/* Iterative restaffing from the MOL plan: until the roster repeats
	 * (or nearly), three steps at most. */
	p->phase = "restaff";
	for (int it = 0; it < 3 && !rc; it++) {
		check c;

		if ((rc = restaff(p, cur, h, next)))
			break;
		/* Converged: the roster repeats, or moves by under 3% of its
		 * staff-hours. */
		if (!memcmp(next, h, sizeof(int) * (size_t)p->nblocks) ||
		    (it > 0 && fabs(total_hours(p, next) - total_hours(p, h)) < 0.03 * total_hours(p, h)))
			break;
		if ((rc = check_roster(p, next, CHECK_SEQUENTIAL, 0, 1, NULL, &c)))
			break;
		memcpy(h, next, sizeof(int) * (size_t)p->nblocks);
		adopt(cur, &c);
	}
	/* Repair: add where a target fails, larger steps while it keeps
	 * failing, until the targets hold on the full replications. */
	p->phase = "repair";
	for (int it = 0; !rc && it < 12; it++) {
		check c;
		int grown;

		if (cur->all_met && ((rc = full(p, h, cur, 1)) || cur->all_met))
			break;
		if ((grown = repair(p, cur, h, step)) < 0)
			rc = PC_ENOMEM;
		if (grown <= 0)
			break;
		if ((rc = check_roster(p, h, CHECK_SEQUENTIAL, 0, 1, NULL, &c)))
			break;
		adopt(cur, &c);
		step = fmin(4.0, step * 2);
	}
	if (!rc && cur->all_met)
		rc = trim(p, h, cur, hs);
	if (!rc && cur->all_met)
		rc = anchor(p, h, cur, hs);
	if (!rc && cur->all_met)
		rc = single_removals(p, h, cur, hs, stuck, bind);
	if (!rc && cur->all_met)
		rc = anchor(p, h, cur, hs);
	free(next);
	return rc;
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
	plan->screen_reps = opt->screen_reps;
	if (!plan->screen_reps) {
		/* A fifth of the full replications rounded up to an even number
		 * (two threads), at least 4: paired differences are sharp, but
		 * their standard error needs a few pairs. */
		plan->screen_reps = (plan->reps + 4) / 5;
		plan->screen_reps += plan->screen_reps & 1;
		if (plan->screen_reps < 4)
			plan->screen_reps = 4;
		if (plan->screen_reps > plan->reps)
			plan->screen_reps = plan->reps;
	}
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
	/* 2. The analytic plans, each simulated with the same replications. */
	if ((rc = analytic(&p, &pil, sipp, mol)) || (rc = closed_form(&p, &pil, sipp, cf)))
		goto fail;
	p.phase = "methods";
	if ((rc = compare(&p, PC_PLAN_CLOSED_FORM, cf, NULL)) || (rc = compare(&p, PC_PLAN_SIPP, sipp, NULL)) ||
	    (rc = compare(&p, PC_PLAN_MOL, mol, &cur)))
		goto fail;
	/* 3. The search from the MOL plan. */
	memcpy(h, mol, sizeof(int) * (size_t)p.nblocks);
	if ((rc = search(&p, h, &cur, &hs, stuck, bind)))
		goto fail;
	/* 4. The full check: the search's own when it ended on one that
	 * holds; otherwise one more, and a failure steps back through the
	 * accepted changes, then repairs on full checks. */
	p.phase = "final";
	if (cur.all_met && cur.res.reps >= plan->reps) {
		fin = cur;
		memset(&cur, 0, sizeof cur);
	} else if ((rc = check_roster(&p, h, CHECK_RAW, 0, 0, NULL, &fin))) {
		goto fail;
	}
	while (!fin.all_met && hs.n > 0) {
		hs.n--;
		memcpy(h, hs.h + (size_t)hs.n * (size_t)hs.nb, sizeof(int) * (size_t)p.nblocks);
		check_release(&fin);
		if ((rc = check_roster(&p, h, CHECK_RAW, 0, 0, NULL, &fin)))
			goto fail;
	}
	for (int it = 0; !fin.all_met && it < 6; it++) {
		int grown = repair(&p, &fin, h, 0.1 * (1 << it));
		if (grown <= 0)
			break;
		check_release(&fin);
		if ((rc = check_roster(&p, h, CHECK_RAW, 0, 0, NULL, &fin)))
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
		block_figures(&p, &fin, h, NULL, util, NULL, NULL);
		for (int r = 0; r < PC_NRES; r++)
			tight[r] = tightest(&p, &fin, r);
		for (int b = 0; b < p.nblocks; b++) {
			const block *bl = &p.blk[b];
			plan->utilisation[bl->res][bl->idx] = util[b];
			plan->staff_hours[bl->res][bl->idx] = h[b] * block_hours(bl);
			if (h[b] <= bl->lo) {
				plan->binding[bl->res][bl->idx] = PC_PLAN_BIND_MIN;
			} else if (stuck[b] && bind[b] >= 0) {
				plan->binding[bl->res][bl->idx] = PC_PLAN_BIND_REMOVAL;
				plan->binding_target[bl->res][bl->idx] = bind[b];
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
	apply(&p, h);
	if (pc_scenario_copy(&plan->chosen, &p.work))
		goto nomem;
	plan->result = fin.res;
	plan->result.sc = &plan->chosen;
	memset(&fin, 0, sizeof fin);
	*out = plan;
	plan = NULL;
	goto done;
nomem:
	rc = PC_ENOMEM;
	pc_error_set(err, NULL, 0, "out of memory planning");
fail:
	pc_plan_free(plan);
done:
	check_release(&pil);
	check_release(&cur);
	check_release(&fin);
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
	pc_scenario_release(&p.work);
	return rc;
}
