/* plan_check: the planner's checks: a candidate roster simulated (all
 * the replications, screening ones first, or paired with the current
 * roster on common random numbers) and judged against each target, per
 * day where the target is judged per day; what the simulation says per
 * shift. */
#include "plan_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "promocap/experiment.h"

void pc_check_apply(planner *p, const int *h)
{
	for (int b = 0; b < p->nblocks; b++)
		p->work.staff[p->blk[b].res].headcount[p->blk[b].idx] = h[b];
}

double pc_check_block_hours(const block *b)
{
	return (b->t1 - b->t0) / PC_HOUR;
}

void pc_check_roster_hours(const planner *p, const int *h, double hours[PC_NRES], double *cost)
{
	for (int r = 0; r < PC_NRES; r++)
		hours[r] = 0;
	for (int b = 0; b < p->nblocks; b++)
		hours[p->blk[b].res] += h[b] * pc_check_block_hours(&p->blk[b]);
	*cost = 0;
	for (int r = 0; r < PC_NRES; r++)
		*cost += hours[r] * p->sc->staff[r].cost;
}

double pc_check_total_hours(const planner *p, const int *h)
{
	double hours[PC_NRES], cost;

	pc_check_roster_hours(p, h, hours, &cost);
	return hours[0] + hours[1] + hours[2];
}

/* Mean over the replications of column col of interval k. */
double pc_check_series_mean(const pc_result *res, int k, int col)
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
		return pc_check_series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_AGENT) + pc_check_series_mean(res, k, PC_TS_AS_OPEN) +
		       pc_check_series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_PAYOUT);
	case PC_RES_SUPERVISOR:
		return pc_check_series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_SUPERVISOR);
	default:
		return pc_check_series_mean(res, k, PC_TS_BACKLOG0 + PC_ST_INSPECT);
	}
}

double pc_check_interval_length(const planner *p, int k)
{
	return fmin(p->dt, p->sc->horizon - k * p->dt);
}

/* Reads each target's KPI off res and judges it against the planned
 * target: met by the CI's worse end (the mean with one replication), missed
 * clearly when the mean misses (the full replications, of which these are
 * the first, would have to move the mean by more than their own CI's
 * half-width to meet it: rarely worth their cost).  A KPI with no value
 * (no case of its kind, say no approval at all) is met: nothing missed it. */
/* The periods of the target judged per period in res: days, or intervals
 * with judged = interval. */
static int periods(const planner *p, const pc_result *res)
{
	return !res->reps ? 0 : p->by_interval ? res->rep[0].nintervals : res->rep[0].ndays;
}

/* The rule for the periods judged (pc_result_day_floor: at least
 * PC_DAY_MIN_REQUESTS requests a replication), days or intervals. */
static double period_floor(const planner *p, const pc_result *res)
{
	return p->by_interval ? pc_result_interval_floor(res, PC_TS_FR_N) : pc_result_day_floor(res, PC_DAY_FR_N);
}

/* First response in period d of the first n replications of res, into x
 * (pc_result_day_shares); returns the requests a replication. */
static double period_shares(const planner *p, const pc_result *res, int n, int d, double *x)
{
	return p->by_interval ? pc_result_interval_shares(res, n, d, PC_TS_FR_N, PC_TS_FR_WITHIN, x)
			      : pc_result_day_shares(res, n, d, PC_DAY_FR_N, PC_DAY_FR_WITHIN, x);
}

/* The target judged per period (judged = day or interval), in c: each
 * judged period's share answered in time (period_floor says which are
 * judged), by the period of the request, with its 95% CI over the
 * replications, into c's period arrays; the period whose CI's low end is
 * lowest stands for the target.  Returns 0, -1 when no period is judged,
 * or PC_ENOMEM. */
static int worst_period(const planner *p, check *c, double *mean, double *lo, double *hi)
{
	const pc_result *res = &c->res;
	int nd = periods(p, res), found = -1;
	double *x = malloc(sizeof(double) * (size_t)(res->reps + 1));
	double floor_n = period_floor(p, res);

	if (!c->per_mean || c->nper != nd) {
		free(c->per_mean);
		c->nper = nd;
		c->per_mean = malloc(sizeof(double) * 3 * (size_t)(nd + 1));
		c->per_lo = c->per_mean ? c->per_mean + nd : NULL;
		c->per_hi = c->per_mean ? c->per_mean + 2 * nd : NULL;
	}
	if (!x || !c->per_mean) {
		free(x);
		return PC_ENOMEM;
	}
	for (int d = 0; d < nd; d++) {
		double m = NAN, half = NAN, l;
		double req = period_shares(p, res, res->reps, d, x);

		c->per_mean[d] = c->per_lo[d] = c->per_hi[d] = NAN;
		if (!(req > 0) || req < floor_n)
			continue;
		pc_stat_ci(x, res->reps, &m, &half);
		l = isnan(half) ? m : fmax(0, m - half);
		c->per_mean[d] = m;
		c->per_lo[d] = l;
		c->per_hi[d] = isnan(half) ? m : fmin(100, m + half);
		if (found < 0 || l < *lo) {
			found = d;
			*mean = m;
			*lo = l;
			*hi = c->per_hi[d];
		}
	}
	free(x);
	return found < 0 ? -1 : 0;
}

void pc_check_assess(planner *p, check *c)
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
		/* Judged per day or per interval ([plan] judged): the worst
		 * period (out of memory for them: judged over the horizon). */
		if (t == p->period_target && !isnan(mean))
			worst_period(p, c, &mean, &lo, &hi);
		c->mean[t] = mean;
		c->lo[t] = lo;
		c->hi[t] = hi;
		if (isnan(mean)) {
			c->met[t] = 1;
			c->clear_fail[t] = 0;
			continue;
		}
		worse = tg->is_max ? (isnan(hi) ? mean : hi) : (isnan(lo) ? mean : lo);
		c->met[t] = pc_check_value_meets(tg, worse);
		c->clear_fail[t] = tg->is_max ? mean > tg->planned + 1e-12 : mean < tg->planned - 1e-12;
		if (!c->met[t])
			c->all_met = 0;
		if (c->clear_fail[t])
			c->any_clear_fail = 1;
	}
}

void pc_check_release(check *c)
{
	pc_result_release(&c->res);
	free(c->per_mean);
	memset(c, 0, sizeof *c);
}

void pc_check_progress(planner *p)
{
	if (p->opt->progress)
		p->opt->progress(p->opt->user, p->phase, p->plan->checks, p->plan->replications);
}

/* Runs replications first .. first + n - 1 of the working scenario and
 * appends them to c. */
int pc_check_simulate(planner *p, check *c, int first, int n, int search)
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

int pc_check_value_meets(const pc_plan_target *tg, double m)
{
	return tg->is_max ? m <= tg->planned + 1e-12 : m >= tg->planned - 1e-12;
}

int pc_check_fails_by_ci(const planner *p, const check *c, int t)
{
	const pc_plan_target *tg = &p->plan->target[t];

	if (c->res.reps < p->plan->reps || c->met[t] || c->clear_fail[t])
		return 0;
	if (t == p->period_target && c->per_mean)
		for (int d = 0; d < c->nper; d++) {
			double m = c->per_mean[d];

			if (!isnan(m) && !pc_check_value_meets(tg, m))
				return 0;
		}
	return 1;
}

int pc_check_period_per_rep(const planner *p, const pc_result *res, int n, int d, double *x)
{
	double req;

	if (d < 0 || d >= periods(p, res))
		return -1;
	req = period_shares(p, res, n, d, x);
	return req > 0 && req >= period_floor(p, res) ? 0 : -1;
}

/* Target t's value in each of the first n replications of res. */
void pc_check_per_rep(planner *p, const pc_result *res, int n, int t, double *x)
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

/* The paired statistics of b against a over n replications (NaN pairs
 * skipped): the mean difference d and its standard error se, and the
 * variances va, vb of a and b.  Returns the pairs used. */
static int pair_stats(const double *a, const double *b, int n, double *d, double *se, double *va, double *vb)
{
	double sum = 0, sq = 0, sa = 0, saa = 0, sb = 0, sbb = 0, m = 0;

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
	*d = m > 0 ? sum / m : NAN;
	*se = m > 1 ? sqrt(fmax(0, (sq - m * *d * *d) / (m - 1)) / m) : fabs(*d);
	*va = m > 1 ? fmax(0, (saa - sa * sa / m) / (m - 1)) : NAN;
	*vb = m > 1 ? fmax(0, (sbb - sb * sb / m) / (m - 1)) : NAN;
	return (int)m;
}

/* One figure of the candidate predicted from cur's (mean, lo, hi: cur
 * stands for the full replications) and the pairs a (cur), b (candidate)
 * over n screening replications: the mean moved by the mean difference,
 * the worse end as far from it as cur's, widened by as much as the
 * candidate's spread exceeds cur's over the same replications (fewer
 * staff, more spread), from the candidate's spread alone when cur's is
 * nil there.  Into pred (mean, lo, hi); *fail when the predicted worse end
 * misses planned by more than the standard error of the mean difference
 * (rejecting a removal that would just hold costs a little staff, never a
 * target); returns whether it clears planned by at least twice that
 * standard error (a clear pass). */
static int predict(const pc_plan_target *tg, int R, double tq, double k, double mean, double lo, double hi,
		   const double *a, const double *b, int n, double pred[3], int *fail)
{
	double d, se, va, vb, half, worse;

	pred[0] = mean;
	pred[1] = lo;
	pred[2] = hi;
	if (pair_stats(a, b, n, &d, &se, &va, &vb) < 1)
		return 0;
	half = tg->is_max ? hi - mean : mean - lo;
	if (isnan(half))
		half = 0;
	if (!isnan(va) && k <= 1) {
		if (va > 0)
			half *= fmax(1, sqrt(vb / va));
		else
			half = fmax(half, tq * sqrt(vb) / sqrt(R));
	}
	pred[0] += d;
	pred[1] = pred[0] - half;
	pred[2] = pred[0] + half;
	worse = tg->is_max ? pred[2] : pred[1];
	if (tg->is_max ? worse > tg->planned + k * se + 1e-12 : worse < tg->planned - k * se - 1e-12)
		*fail = 1;
	return tg->is_max ? worse <= tg->planned - 2 * se + 1e-12 : worse >= tg->planned + 2 * se - 1e-12;
}

/* Paired prediction with common random numbers: the candidate c, on the
 * screening replications, against the current roster cur (anchored: its
 * figures stand for the full replications).  Replication i of both faces
 * the same refunds, so the difference d_i of a target's value is sharp even
 * over few replications; each target's figures are predicted from cur's
 * (see predict), a target judged per period on each day or interval cur
 * is judged on, the period with the lowest predicted low end standing for
 * it (c's period arrays then hold the predictions).  A target predicted to miss clearly
 * sets c's clear_fail.  Returns whether every target passes clearly, and
 * leaves the predictions in pred (mean, lo, hi per target); 0 without a
 * prediction (cur not anchored). */
static int paired(planner *p, const check *cur, check *c, double k, double pred[][3])
{
	int n = c->res.reps, pass = 1, R = p->plan->reps;
	double a[64], b[64], tq = R > 1 ? gsl_cdf_tdist_Pinv(0.975, R - 1) : 0;

	if (n > 64 || !cur->anchored || cur->res.reps < n)
		return 0;
	for (int t = 0; t < p->plan->ntargets; t++) {
		const pc_plan_target *tg = &p->plan->target[t];
		int fail = 0;

		pred[t][0] = cur->mean[t];
		pred[t][1] = cur->lo[t];
		pred[t][2] = cur->hi[t];
		if (isnan(cur->mean[t])) {
			if (!isnan(c->mean[t]))
				pass = 0;
			continue;
		}
		if (t == p->period_target && cur->per_mean && c->per_mean && c->nper == cur->nper) {
			int worst = -1;

			for (int d = 0; d < cur->nper; d++) {
				double dp[3];

				if (isnan(cur->per_mean[d])) {
					c->per_mean[d] = c->per_lo[d] = c->per_hi[d] = NAN;
					continue;
				}
				period_shares(p, &cur->res, n, d, a);
				period_shares(p, &c->res, n, d, b);
				if (!predict(tg, R, tq, k, cur->per_mean[d], cur->per_lo[d], cur->per_hi[d], a, b, n, dp, &fail))
					pass = 0;
				c->per_mean[d] = dp[0];
				c->per_lo[d] = fmax(0, dp[1]);
				c->per_hi[d] = fmin(100, dp[2]);
				if (worst < 0 || c->per_lo[d] < pred[t][1]) {
					worst = d;
					pred[t][0] = c->per_mean[d];
					pred[t][1] = c->per_lo[d];
					pred[t][2] = c->per_hi[d];
				}
			}
		} else {
			pc_check_per_rep(p, &cur->res, n, t, a);
			pc_check_per_rep(p, &c->res, n, t, b);
			if (!predict(tg, R, tq, k, cur->mean[t], cur->lo[t], cur->hi[t], a, b, n, pred[t], &fail))
				pass = 0;
		}
		if (fail) {
			c->clear_fail[t] = 1;
			c->any_clear_fail = 1;
		}
	}
	return pass;
}

/* The margin, in standard errors of the paired difference, by which a
 * prediction from n pairs must miss to count as a clear miss: one on the
 * screening replications; on fewer (the first half of them, see
 * pc_check_roster) the 97.5% quantile of Student's t with n - 1 degrees of
 * freedom (12.7 for two pairs), so that only a removal that breaks a
 * target by far is rejected that early. */
static double early_margin(const pc_plan *plan, int n)
{
	return n < plan->screen_reps && n > 1 ? gsl_cdf_tdist_Pinv(0.975, n - 1) : 1;
}

int pc_check_period_verdicts(planner *p, const check *cur, const check *c, signed char *v)
{
	const pc_plan *plan = p->plan;
	const pc_plan_target *tg;
	int n = c->res.reps, R = plan->reps, t = p->period_target;
	double a[64], b[64], tq = R > 1 ? gsl_cdf_tdist_Pinv(0.975, R - 1) : 0, k = early_margin(plan, n);

	if (t < 0 || !c->per_mean)
		return 0;
	tg = &plan->target[t];
	for (int d = 0; d < c->nper; d++) {
		double m = c->per_mean[d], lo = c->per_lo[d], hi = c->per_hi[d], worse, better;

		v[d] = 0;
		if (n < R && cur && cur->anchored && cur->per_mean && cur->nper == c->nper && n <= 64 &&
		    cur->res.reps >= n) {
			double dp[3];
			int fail = 0;

			if (isnan(cur->per_mean[d]))
				continue;
			period_shares(p, &cur->res, n, d, a);
			period_shares(p, &c->res, n, d, b);
			if (predict(tg, R, tq, k, cur->per_mean[d], cur->per_lo[d], cur->per_hi[d], a, b, n, dp, &fail))
				v[d] = 1;
			if (fail)
				v[d] = -1;
			continue;
		}
		if (isnan(m))
			continue;
		worse = tg->is_max ? (isnan(hi) ? m : hi) : (isnan(lo) ? m : lo);
		better = tg->is_max ? (isnan(lo) ? m : lo) : (isnan(hi) ? m : hi);
		if (n >= R)
			v[d] = pc_check_value_meets(tg, worse) ? 1 : -1;
		else if (tg->is_max ? better > tg->planned + 1e-12 : better < tg->planned - 1e-12)
			v[d] = -1;
	}
	return c->nper;
}

int pc_check_day_misses(planner *p, const check *cur, const check *c, int t, signed char *v)
{
	const pc_plan_target *tg = &p->plan->target[t];
	int n = c->res.reps, nd;
	double a[64], b[64];

	if (strcmp(tg->key, "refund_only_handled_within") || tg->is_max || !cur || cur->res.reps < n || n > 64 ||
	    !n)
		return 0;
	nd = c->res.rep[0].ndays;
	if (cur->res.rep[0].ndays != nd)
		return 0;
	for (int d = 0; d < nd; d++) {
		double ma = 0, mb = 0;
		int k = 0;

		v[d] = 0;
		pc_result_day_shares(&cur->res, n, d, PC_DAY_HO_N, PC_DAY_HO_WITHIN, a);
		pc_result_day_shares(&c->res, n, d, PC_DAY_HO_N, PC_DAY_HO_WITHIN, b);
		for (int i = 0; i < n; i++)
			if (!isnan(a[i]) && !isnan(b[i])) {
				ma += a[i];
				mb += b[i];
				k++;
			}
		if (k > 0 && mb / k < tg->planned - 1e-9 && mb < ma - 1e-9)
			v[d] = -1;
	}
	return nd;
}

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
int pc_check_roster(planner *p, const int *h, int mode, int n, int search, const check *cur, check *c)
{
	pc_plan *plan = p->plan;
	int rc;

	memset(c, 0, sizeof *c);
	pc_check_apply(p, h);
	plan->checks++;
	if (mode == CHECK_RAW) {
		if ((rc = pc_check_simulate(p, c, 0, n > 0 ? n : plan->reps, search)))
			return rc;
		pc_check_assess(p, c);
		pc_check_progress(p);
		return 0;
	}
	if (mode == CHECK_PAIRED && cur->anchored && !p->batch && plan->screen_reps >= 4 &&
	    cur->res.reps >= plan->screen_reps) {
		/* The first half of the screening replications: a removal that
		 * breaks a target by far (see early_margin) is rejected on
		 * them. */
		double pred[T_MAX][3];
		int half = plan->screen_reps / 2;

		if ((rc = pc_check_simulate(p, c, 0, half, search)))
			return rc;
		pc_check_assess(p, c);
		c->any_clear_fail = 0;
		memset(c->clear_fail, 0, sizeof c->clear_fail);
		paired(p, cur, c, early_margin(plan, half), pred);
		if (c->any_clear_fail) {
			for (int t = 0; t < plan->ntargets; t++)
				if (c->clear_fail[t])
					c->met[t] = 0;
			c->all_met = 0;
			pc_check_progress(p);
			return 0;
		}
		if ((rc = pc_check_simulate(p, c, half, plan->screen_reps - half, search)))
			return rc;
	} else if ((rc = pc_check_simulate(p, c, 0, plan->screen_reps, search))) {
		return rc;
	}
	pc_check_assess(p, c);
	if (mode == CHECK_PAIRED && cur->anchored) {
		double pred[T_MAX][3];

		/* Judged against cur pair by pair, not by its own screening
		 * mean (which shares the screening replications' luck). */
		c->any_clear_fail = 0;
		memset(c->clear_fail, 0, sizeof c->clear_fail);

		/* A clear pass is taken on the prediction, four times in a row
		 * at most; then a full check anchors the chain again. */
		if (paired(p, cur, c, 1, pred) && !c->any_clear_fail && p->chain < 4 && !p->batch) {
			for (int t = 0; t < plan->ntargets; t++) {
				c->mean[t] = pred[t][0];
				c->lo[t] = pred[t][1];
				c->hi[t] = pred[t][2];
				c->met[t] = 1;
			}
			c->all_met = 1;
			c->anchored = 1;
			p->chain++;
			pc_check_progress(p);
			return 0;
		}
	}
	if (mode == CHECK_PAIRED && !c->any_clear_fail && cur->res.reps < plan->reps) {
		/* Undecided against a prediction: the full replications would
		 * compare the candidate with a roster never checked on them. */
		c->need_anchor = 1;
		c->all_met = 0;
		pc_check_progress(p);
		return 0;
	}
	if (((mode == CHECK_PAIRED && !c->any_clear_fail) || (!c->all_met && !c->any_clear_fail)) &&
	    plan->screen_reps < plan->reps) {
		if ((rc = pc_check_simulate(p, c, plan->screen_reps, plan->reps - plan->screen_reps, search)))
			return rc;
		pc_check_assess(p, c);
	}
	if (c->res.reps >= plan->reps && c->all_met)
		p->chain = 0;
	pc_check_progress(p);
	return 0;
}

/* Makes sure cur, the check of roster h, has the full replications. */
int pc_check_full(planner *p, const int *h, check *cur, int search)
{
	int rc;

	if (cur->res.reps >= p->plan->reps) {
		p->chain = 0;
		return 0;
	}
	pc_check_apply(p, h);
	if ((rc = pc_check_simulate(p, cur, cur->res.reps, p->plan->reps - cur->res.reps, search)))
		return rc;
	pc_check_assess(p, cur);
	p->chain = 0;
	return 0;
}

int pc_check_budget_left(const planner *p)
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
void pc_check_block_figures(const planner *p, const check *c, const int *h, double *idle, double *util,
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
			staff = pc_check_series_mean(&c->res, k, PC_TS_STAFF0 + bl->res);
			busy = pc_check_series_mean(&c->res, k, PC_TS_BUSY0 + bl->res);
			open = in_system(&c->res, k, bl->res);
			w += f;
			if (staff > 0) {
				si += f * (staff - busy) * h[b] / staff;
				su += f * busy / staff;
			}
			sw += f * fmax(0, open - busy) / (staff > 0 ? staff : 1);
			so += pc_check_series_mean(&c->res, k, PC_TS_WORK0 + bl->res) * f;
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
