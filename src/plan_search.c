/* plan_search: the planner's simulation-based search: iterative
 * restaffing, repair where a target fails, trimming by square-root
 * staffing, single removals, each step checked by plan_check.c. */
#include "plan_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/staffing.h"


/* Whether some planned shift of resource r is on duty at t, and until
 * when the latest of them stays. */
double pc_search_on_duty_until(const planner *p, int r, double t)
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
		double len = pc_check_interval_length(p, k), until = pc_search_on_duty_until(p, r, (k + 0.5) * p->dt);

		load[k] = work[k] / len;
		if (until < 0) {
			pending += work[k];
			load[k] = 0;
			continue;
		}
		if (pending > 0) {
			int j = k;
			double h = 0;

			while (j < p->nint && pc_search_on_duty_until(p, r, (j + 0.5) * p->dt) >= 0 &&
			       (j == k || h < tau - 1e-9)) {
				h += pc_check_interval_length(p, j);
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
		if (!pc_analytic_serves_target(p, r))
			continue;
		for (int k = 0; k < n; k++) {
			tasks += pc_check_series_mean(&c->res, k, PC_TS_OFFER0 + r);
			work[k] = pc_check_series_mean(&c->res, k, PC_TS_WORK0 + r);
			total += work[k];
		}
		if (!(tasks > 0) || !(total > 0))
			continue;
		w = total / tasks;
		pc_analytic_pace(p, r, &tau, &share);
		carried_load(p, r, tau, work, load);
		if ((rc = pc_staffing_erlang(load, n, w, tau, share, need)))
			break;
		pc_staffing_cover(st, p->sc->horizon, p->dt, need, n, lay, NULL);
		pc_analytic_from_layout(p, r, lay, out);
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
int pc_search_repair(planner *p, const check *c, int *h, double step)
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
	pc_check_block_figures(p, c, h, NULL, util, waiting, offered);
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
	pc_check_release(cur);
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
	if ((rc = pc_check_full(p, h, cur, 1)))
		return rc;
	if (cur->all_met)
		return 0;
	while (!cur->all_met && hs->n > 0) {
		check c;

		hs->n--;
		memcpy(h, hs->h + (size_t)hs->n * (size_t)hs->nb, sizeof(int) * (size_t)p->nblocks);
		if ((rc = pc_check_roster(p, h, CHECK_RAW, 0, 1, NULL, &c)))
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
 * 0.25 (0.5 when the budget is tight: see below); a resource that fails
 * at 3 already (its need is not the mean load: a morning surge, say) is
 * left to the single removals.  Every resource's shifts move at once in
 * each check; a held cut stays and the next is measured on the new
 * roster.  Ends when every
 * resource has converged or the budget is spent. */
static int trim(planner *p, int *h, check *cur, history *hs)
{
	double ok[PC_NRES], bad[PC_NRES], try[PC_NRES], tol;
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
		done[r] = !pc_analytic_serves_target(p, r);
	}
	/* Bisection to within 0.25, or 0.5 when the budget affords fewer
	 * than 20 full checks (a replication of a large scenario costs a
	 * second or more: a finer beta is not worth its checks). */
	tol = p->plan->budget < 20 * p->plan->reps ? 0.5 : 0.25;
	p->phase = "trim";
	while (pc_check_budget_left(p) && !rc) {
		unsigned touched = 0, active = 0, failing;
		int met;
		check c;

		pc_check_block_figures(p, cur, h, idle, NULL, NULL, NULL);
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
			if ((rc = pc_check_roster(p, cand, CHECK_PAIRED, 0, 1, cur, &c)))
				break;
			if (c.need_anchor) {
				pc_check_release(&c);
				if ((rc = anchor(p, h, cur, hs)))
					break;
				p->phase = "trim";
				continue;
			}
		} else {
			memset(&c, 0, sizeof c);
			c.all_met = 1;
		}
		/* The verdict, read before adopt hands c over to cur (and
		 * empties it). */
		met = c.all_met;
		failing = met ? 0 : failing_resources(p, &c);
		if (met && touched) {
			if ((rc = history_push(hs, h)))
				break;
			memcpy(h, cand, sizeof(int) * (size_t)p->nblocks);
			adopt(cur, &c);
		}
		for (int r = 0; r < PC_NRES; r++) {
			unsigned bit = 1u << r, m;

			if (done[r])
				continue;
			m = met ? 0 : (failing & touched ? failing & touched : touched);
			if (!(touched & bit) && !met)
				continue; /* untouched here: try the same again */
			if (met || !(m & bit)) {
				if (!(touched & bit) || met)
					ok[r] = try[r];
				if (!met)
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
			if ((!isnan(ok[r]) && !isnan(bad[r]) && ok[r] - bad[r] < tol) || try[r] < -1)
				done[r] = 1;
		}
		if (touched)
			pc_check_release(&c);
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

	while (h[b] > p->blk[b].lo && pc_check_budget_left(p)) {
		check c;

		if (step > h[b] - p->blk[b].lo)
			step = h[b] - p->blk[b].lo;
		memcpy(cand, h, sizeof(int) * (size_t)p->nblocks);
		cand[b] -= step;
		if ((rc = pc_check_roster(p, cand, CHECK_PAIRED, 0, 1, cur, &c)))
			break;
		if (c.need_anchor) {
			pc_check_release(&c);
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
			int missed = 0, by_ci = 1;

			for (int t = 0; t < p->plan->ntargets; t++)
				if (!c.met[t]) {
					if (!missed++)
						bind[b] = t;
					/* Every target it missed, by its CI alone. */
					by_ci &= pc_check_fails_by_ci(p, &c, t);
				}
			stuck[b] = missed && by_ci ? STUCK_BY_CI : 1;
			pc_check_release(&c);
			break;
		}
		pc_check_release(&c);
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
	for (int pass = 0; pass < 3 && !rc && pc_check_budget_left(p); pass++) {
		int n = 0;

		pc_check_block_figures(p, cur, h, idle, NULL, NULL, NULL);
		for (int b = 0; b < p->nblocks; b++) {
			key[b] = idle[b] * pc_check_block_hours(&p->blk[b]);
			if (h[b] > p->blk[b].lo && !stuck[b])
				order[n++] = b;
		}
		if (n == 0)
			break;
		sort_by_key(order, n, key);
		for (int i = 0; i < n && !rc && pc_check_budget_left(p); i++)
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

/* Removals in batches, before the single removals, when the target judged
 * per period is judged day by day: one check removes staff from one shift
 * of one resource on every other day at once (the shifts of a class: same
 * resource, same shift, days of the same parity), and the days that then
 * miss the target tell which removals break it (the removal on the failing
 * day, or failing that the nearest earlier one within three days: the
 * backlog of an evening carries into the next morning).  The removals
 * blamed leave the batch, a single step among them ends its shift as a
 * single removal would (stuck, the target judged per day binding), a
 * larger one goes back to one; the rest are checked again together.  A
 * batch that misses a target not blamed on a day (one judged over the
 * horizon) goes shift by shift, as the single removals do (gallop): such
 * misses come from most of a class's removals (the day's only supervisor,
 * say), where halving the batch would cost more checks than it saves.  A
 * batch that holds stays whole, and each of its shifts' next step doubles
 * (2, 4, ...).  Rounds over the classes go on until no shift is open or
 * the budget is spent; the single removals then see what is left.  On
 * double11 the search's checks fell from 187 to 129 and its replications
 * from 1,804 to 1,252 (same seed). */
typedef struct batcher {
	planner *p;
	int *h, *stuck, *bind, *step, *cand;
	check *cur;
	history *hs;
	signed char *v;
	double *key; /* per block: idle staff-hours (scratch) */
	int *day_of; /* per block: the day that last blamed its removal */
	signed char *by_ci; /* per day: the batch missed it on the full
			     * replications by the CI alone (its mean met) */
	int moved; /* removals accepted in this round */
} batcher;

/* Whether block b can still lose staff. */
static int open_block(const batcher *bt, int b)
{
	return !bt->stuck[b] && bt->h[b] > bt->p->blk[b].lo;
}

/* Marks (a negative step) the removal of m[0..n) each day d with v[d] < 0
 * of v[0..nd) blames: the one on day d or up to ahead days later (the
 * work of day d may wait for them), or else the nearest earlier within
 * three days.  Returns how many were marked. */
static int blame(batcher *bt, const int *m, int n, int nd, int ahead)
{
	const planner *p = bt->p;
	int blamed = 0;

	for (int d = 0; d < nd; d++) {
		int who = -1;

		if (bt->v[d] >= 0)
			continue;
		for (int i = 0; i < n && who < 0; i++)
			if (p->blk[m[i]].day >= d && p->blk[m[i]].day <= d + ahead)
				who = i;
		for (int i = 0; i < n && who < 0; i++) {
			int day = p->blk[m[i]].day;

			if (day < d && day >= d - 3 && (who < 0 || day > p->blk[m[who]].day))
				who = i;
		}
		if (who < 0 || bt->step[m[who]] < 0)
			continue;
		bt->step[m[who]] = -bt->step[m[who]];
		bt->day_of[m[who]] = d;
		blamed++;
	}
	return blamed;
}

/* Checks the removals of m[0..n) (block numbers, days increasing) and
 * what follows, as the comment above says.  Returns 0 or a negative code. */
static int batch_check(batcher *bt, int *m, int n)
{
	planner *p = bt->p;
	int rc = 0;

	/* A batch is accepted on the full replications only: one that the
	 * budget cannot take whole is not started. */
	while (n > 0 && !rc && p->plan->search_replications + p->plan->reps <= p->plan->budget) {
		check c;
		int k = 0, blamed = 0, fail_other = -1, why;

		/* Only blocks still open, each step within its bounds. */
		for (int i = 0; i < n; i++)
			if (open_block(bt, m[i])) {
				int b = m[i];

				if (bt->step[b] > bt->h[b] - p->blk[b].lo)
					bt->step[b] = bt->h[b] - p->blk[b].lo;
				m[k++] = b;
			}
		n = k;
		if (n == 0)
			break;
		memcpy(bt->cand, bt->h, sizeof(int) * (size_t)p->nblocks);
		for (int i = 0; i < n; i++)
			bt->cand[m[i]] -= bt->step[m[i]];
		p->batch = 1;
		rc = pc_check_roster(p, bt->cand, CHECK_PAIRED, 0, 1, bt->cur, &c);
		p->batch = 0;
		if (rc)
			break;
		if (c.need_anchor) {
			pc_check_release(&c);
			if ((rc = anchor(p, bt->h, bt->cur, bt->hs)))
				break;
			p->phase = "batch removals";
			continue;
		}
		if (c.all_met) {
			if ((rc = history_push(bt->hs, bt->h)))
				break;
			memcpy(bt->h, bt->cand, sizeof(int) * (size_t)p->nblocks);
			adopt(bt->cur, &c);
			for (int i = 0; i < n; i++)
				bt->step[m[i]] *= 2;
			bt->moved += n;
			return 0;
		}
		/* The days that miss the target judged per day blame the
		 * removal on that day, or the nearest earlier one within three
		 * days. */
		blamed = blame(bt, m, n, pc_check_period_verdicts(p, bt->cur, &c, bt->v), 0);
		why = p->period_target;
		for (int t = 0; t < p->plan->ntargets && fail_other < 0; t++)
			if (t != p->period_target && !c.met[t] && (c.res.reps >= p->plan->reps || c.clear_fail[t]))
				fail_other = t;
		/* Which days it missed by the CI alone, on the full
		 * replications, with no other target missed. */
		for (int d = 0; d < bt->cur->nper; d++) {
			const pc_plan_target *tg = &p->plan->target[p->period_target];
			double pm = c.per_mean && d < c.nper ? c.per_mean[d] : NAN;

			bt->by_ci[d] = (signed char)(fail_other < 0 && c.res.reps >= p->plan->reps && !isnan(pm) &&
						     pc_check_value_meets(tg, pm));
		}
		/* A target judged over the horizon that has its days (refund-only
		 * handling): the days where the batch misses it and the current
		 * roster does not. */
		if (!blamed && fail_other >= 0) {
			blamed = blame(bt, m, n, pc_check_day_misses(p, bt->cur, &c, fail_other, bt->v), 1);
			why = fail_other;
		}
		pc_check_release(&c);
		if (blamed) {
			k = 0;
			for (int i = 0; i < n; i++) {
				int b = m[i];

				if (bt->step[b] > 0) {
					m[k++] = b;
					continue;
				}
				if (bt->step[b] == -1) {
					bt->stuck[b] = why == p->period_target && bt->by_ci[bt->day_of[b]]
							       ? STUCK_BY_CI : 1;
					bt->bind[b] = why;
				}
				bt->step[b] = 1;
			}
			n = k;
			continue;
		}
		/* Not blamed on a day: each shift on its own, as the single
		 * removals would. */
		if (n == 1 && bt->step[m[0]] == 1) {
			bt->stuck[m[0]] = 1;
			bt->bind[m[0]] = fail_other >= 0 ? fail_other : p->period_target;
			return 0;
		}
		/* The most idle staff-hours first, as the single removals. */
		pc_check_block_figures(p, bt->cur, bt->h, bt->key, NULL, NULL, NULL);
		for (int b = 0; b < p->nblocks; b++)
			bt->key[b] *= pc_check_block_hours(&p->blk[b]);
		sort_by_key(m, n, bt->key);
		for (int i = 0; i < n && !rc && pc_check_budget_left(p); i++)
			rc = gallop(p, bt->h, bt->cur, bt->hs, m[i], bt->cand, bt->stuck, bt->bind);
		p->phase = "batch removals";
		return rc;
	}
	return rc;
}

static int batch_removals(planner *p, int *h, check *cur, history *hs, int *stuck, int *bind)
{
	batcher bt;
	int *m = malloc(sizeof(int) * (size_t)(p->nblocks + 1)), rc = 0;

	memset(&bt, 0, sizeof bt);
	bt.p = p;
	bt.h = h;
	bt.cur = cur;
	bt.hs = hs;
	bt.stuck = stuck;
	bt.bind = bind;
	bt.step = malloc(sizeof(int) * (size_t)(p->nblocks + 1));
	bt.cand = malloc(sizeof(int) * (size_t)(p->nblocks + 1));
	bt.v = malloc((size_t)(cur->nper + 1) + (size_t)cur->res.rep[0].ndays);
	bt.key = malloc(sizeof(double) * (size_t)(p->nblocks + 1));
	bt.day_of = calloc((size_t)(p->nblocks + 1), sizeof(int));
	bt.by_ci = calloc((size_t)(cur->nper + 1), 1);
	if (!m || !bt.step || !bt.cand || !bt.v || !bt.key || !bt.day_of || !bt.by_ci) {
		rc = PC_ENOMEM;
		goto out;
	}
	for (int b = 0; b < p->nblocks; b++)
		bt.step[b] = 1;
	p->phase = "batch removals";
	for (int round = 0; round < 32 && !rc && p->plan->search_replications + p->plan->reps <= p->plan->budget;
	     round++) {
		int any = 0;

		bt.moved = 0;
		for (int r = 0; r < PC_NRES && !rc; r++) {
			int nsh = p->sc->staff[r].nshifts;

			for (int s = 0; s < nsh && !rc; s++)
				for (int par = 0; par < 2 && !rc; par++) {
					int n = 0;

					for (int b = p->first_block[r]; b < p->first_block[r + 1]; b++)
						if (p->blk[b].shift == s && (p->blk[b].day & 1) == par && open_block(&bt, b))
							m[n++] = b;
					if (n == 0)
						continue;
					any = 1;
					rc = batch_check(&bt, m, n);
				}
		}
		if (!any)
			break;
	}
out:
	if (rc == PC_ENOMEM)
		pc_error_set(p->err, NULL, 0, "out of memory in the search");
	free(m);
	free(bt.step);
	free(bt.cand);
	free(bt.v);
	free(bt.key);
	free(bt.day_of);
	free(bt.by_ci);
	return rc;
}

/* Whether one person on the longest planned shift is at least 0.1% of
 * roster h's staff-hours. */
static int worth_single_steps(const planner *p, const int *h)
{
	double longest = 0;

	for (int b = 0; b < p->nblocks; b++)
		longest = fmax(longest, pc_check_block_hours(&p->blk[b]));
	return longest >= 0.001 * pc_check_total_hours(p, h);
}

int pc_search_run(planner *p, int *h, check *cur, history *hs, int *stuck, int *bind)
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
		    (it > 0 && fabs(pc_check_total_hours(p, next) - pc_check_total_hours(p, h)) < 0.03 * pc_check_total_hours(p, h)))
			break;
		if ((rc = pc_check_roster(p, next, CHECK_SEQUENTIAL, 0, 1, NULL, &c)))
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

		if (cur->all_met && ((rc = pc_check_full(p, h, cur, 1)) || cur->all_met))
			break;
		if ((grown = pc_search_repair(p, cur, h, step)) < 0)
			rc = PC_ENOMEM;
		if (grown <= 0)
			break;
		if ((rc = pc_check_roster(p, h, CHECK_SEQUENTIAL, 0, 1, NULL, &c)))
			break;
		adopt(cur, &c);
		step = fmin(4.0, step * 2);
	}
	if (!rc && cur->all_met)
		rc = trim(p, h, cur, hs);
	if (!rc && cur->all_met)
		rc = anchor(p, h, cur, hs);
	/* Removals shift by shift, unless a person on the longest shift is
	 * under 0.1% of the roster's staff-hours (a large brand's thousands
	 * of agents): each such step would cost a check for less. */
	if (!rc && cur->all_met && worth_single_steps(p, h)) {
		if (p->period_target >= 0 && !p->by_interval && cur->per_mean)
			rc = batch_removals(p, h, cur, hs, stuck, bind);
		if (!rc && cur->all_met)
			rc = single_removals(p, h, cur, hs, stuck, bind);
	}
	if (!rc && cur->all_met)
		rc = anchor(p, h, cur, hs);
	free(next);
	return rc;
}
