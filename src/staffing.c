/* staffing: analytic staffing of one resource: offered loads (SIPP, MOL),
 * Erlang C servers per interval, the seed's closed form per day, and the
 * greedy cover of interval requirements by shifts. */
#include "promocap/staffing.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/erlang.h"

int pc_staffing_mix_add(pc_staffing_mix *mix, const pc_dist *dist, double w)
{
	if (mix->n >= PC_STAFFING_MAXMIX || !(w >= 0) || !isfinite(w))
		return PC_EINPUT;
	mix->dist[mix->n] = dist;
	mix->weight[mix->n++] = w;
	return 0;
}

static double mix_total(const pc_staffing_mix *mix)
{
	double w = 0;

	for (int i = 0; i < mix->n; i++)
		w += mix->weight[i];
	return w;
}

int pc_staffing_load_reps(const pc_result *res)
{
	double peak = 0, per = 0, want;

	if (res->reps <= 0)
		return 0;
	for (int k = 0; k < res->rep[0].nintervals; k++) {
		double n = 0;

		for (int i = 0; i < res->reps; i++)
			for (int c = PC_TS_ARRIVE_P1; c <= PC_TS_ARRIVE_AS; c++)
				n += res->rep[i].series[(size_t)k * PC_TS_NCOLS + (size_t)c];
		peak = fmax(peak, n / res->reps);
		per += n / res->reps;
	}
	if (!(peak > 0))
		return res->reps;
	want = fmin(ceil(PC_STAFFING_LOAD_PEAK / peak), ceil(PC_STAFFING_LOAD_ALL / per));
	want = fmin(want, PC_STAFFING_LOAD_REPS_MAX);
	return want > res->reps ? (int)want : res->reps;
}

void pc_staffing_work_mix(const pc_scenario *sc, const pc_result *pilot, int r, pc_staffing_mix *mix)
{
	double n[7] = { 0 };

	memset(mix, 0, sizeof *mix);
	for (int i = 0; i < pilot->reps; i++) {
		const pc_rep *q = &pilot->rep[i];

		for (int k = 0; k < 4; k++)
			n[k] += q->arrived[k];
		n[4] += q->as_arrived;
		n[5] += q->paid_n;
		n[6] += q->escalated;
	}
	if (r == PC_RES_AGENT) {
		pc_staffing_mix_add(mix, &sc->p1_handle, n[0]);
		pc_staffing_mix_add(mix, &sc->p2_handle, n[1]);
		pc_staffing_mix_add(mix, &sc->p3_handle, n[2]);
		pc_staffing_mix_add(mix, &sc->agree, n[3]);
		pc_staffing_mix_add(mix, &sc->as_handle, n[4]);
		pc_staffing_mix_add(mix, &sc->payout, n[5]);
		pc_staffing_mix_add(mix, &sc->escalation_handle, n[6]);
	} else {
		pc_staffing_mix_add(mix, r == PC_RES_SUPERVISOR ? &sc->approval : &sc->inspect, 1);
	}
}

double pc_staffing_mix_mean(const pc_staffing_mix *mix)
{
	double w = mix_total(mix), s = 0;

	if (!(w > 0))
		return 0;
	for (int i = 0; i < mix->n; i++)
		s += mix->weight[i] * mix->dist[i]->mean;
	return s / w;
}

double pc_staffing_mix_survival(const pc_staffing_mix *mix, double x)
{
	double w = mix_total(mix), s = 0;

	if (!(w > 0))
		return 0;
	for (int i = 0; i < mix->n; i++)
		if (mix->weight[i] > 0)
			s += mix->weight[i] * pc_dist_survival(mix->dist[i], x);
	return s / w;
}

/* The integral G(u) = integral_0^u P(S > x) dx, tabulated at u = i h. */
typedef struct survival_integral {
	double h;
	int n;      /* points 0..n-1; G is flat from (n - 1) h on */
	double *g;
} survival_integral;

static double integral_at(const survival_integral *si, double u)
{
	double x;
	int i;

	if (u <= 0)
		return 0;
	x = u / si->h;
	if (x >= si->n - 1)
		return si->g[si->n - 1];
	i = (int)x;
	return si->g[i] + (x - i) * (si->g[i + 1] - si->g[i]);
}

int pc_staffing_mol(const double *lambda, int n, double dt, const pc_staffing_mix *mix,
		    int points, double *m)
{
	double mean = pc_staffing_mix_mean(mix), end;
	survival_integral si;

	if (n < 1 || !(dt > 0) || points < 1 || !(mean > 0))
		return PC_EINPUT;
	for (int k = 0; k < n; k++)
		if (!(lambda[k] >= 0))
			return PC_EINPUT;
	/* Far enough that P(S > end) < 1e-9, and no further than a year. */
	end = mean;
	while (pc_staffing_mix_survival(mix, end) >= 1e-9 && end < 365 * PC_DAY)
		end *= 2;
	si.h = fmin(dt, mean) / 64;
	if (end / si.h > 4e6)
		si.h = end / 4e6;
	si.n = (int)ceil(end / si.h) + 1;
	if (!(si.g = malloc(sizeof *si.g * (size_t)si.n)))
		return PC_ENOMEM;
	/* Midpoints: exact for a fixed service time on the grid, second
	 * order for smooth survival functions. */
	si.g[0] = 0;
	for (int i = 1; i < si.n; i++)
		si.g[i] = si.g[i - 1] + si.h * pc_staffing_mix_survival(mix, (i - 0.5) * si.h);
	/* Interval j contributes lambda[j] (G(t - j dt) - G(t - (j + 1) dt)),
	 * which is 0 once both ends lie past the table. */
	for (int k = 0; k < n; k++) {
		for (int p = 0; p < points; p++) {
			double t = k * dt + (p + 1) * dt / points, sum = 0;
			int j0 = (int)floor((t - end) / dt) - 1;

			for (int j = j0 < 0 ? 0 : j0; j <= k; j++)
				if (lambda[j] > 0)
					sum += lambda[j] *
					       (integral_at(&si, t - j * dt) - integral_at(&si, t - (j + 1) * dt));
			m[(size_t)k * (size_t)points + (size_t)p] = sum;
		}
	}
	free(si.g);
	return 0;
}

int pc_staffing_erlang(const double *load, int n, double mean_s, double tau, double share,
		       int *need)
{
	if (n < 0 || !(mean_s > 0) || !(tau >= 0) || !(share > 0))
		return PC_EINPUT;
	if (share > 0.999)
		share = 0.999;
	for (int k = 0; k < n; k++) {
		if (!(load[k] > 0)) {
			need[k] = 0;
			continue;
		}
		if (load[k] > INT_MAX / 2 || pc_erlang_staff(load[k] / mean_s, 1 / mean_s, tau, share, &need[k]))
			return PC_EINPUT;
	}
	return 0;
}

int pc_staffing_planned(const pc_staff *st, double horizon, int d, int s)
{
	return d >= 0 && d < st->ndays && s >= 0 && s < st->nshifts &&
	       d * PC_DAY + st->shift[s].start < horizon &&
	       (st->planned_from <= 0 || d * PC_DAY + st->shift[s].end > st->planned_from);
}

/* Day d's shift s is on duty at t. */
static int on_duty(const pc_staff *st, int d, int s, double t)
{
	double t0 = d * PC_DAY + st->shift[s].start;

	return t >= t0 && t < d * PC_DAY + st->shift[s].end;
}

int pc_staffing_cover(const pc_staff *st, double horizon, double dt, const int *need, int n,
		      int *headcount, double *short_)
{
	int ns = st->nshifts;

	if (n < 0 || !(dt > 0))
		return PC_EINPUT;
	for (int d = 0; d < st->ndays; d++)
		for (int s = 0; s < ns; s++)
			headcount[d * ns + s] = pc_staffing_planned(st, horizon, d, s) ? st->min_per_shift : 0;
	for (int k = 0; k < n; k++) {
		double t = (k + 0.5) * dt;
		int have = 0, want = need[k], on[2 * PC_MAX_SHIFTS], non = 0;

		if (t >= horizon || want <= 0)
			continue;
		/* Shifts on duty at t: for each shift at most one day, and the
		 * one before it for a shift past midnight. */
		for (int s = 0; s < ns; s++) {
			int d = (int)floor((t - st->shift[s].start) / PC_DAY);
			if (pc_staffing_planned(st, horizon, d, s) && on_duty(st, d, s, t))
				on[non++] = d * ns + s;
		}
		for (int i = 0; i < non; i++)
			have += headcount[on[i]];
		while (have < want) {
			int best = -1;
			double best_end = -1;

			for (int i = 0; i < non; i++) {
				int s = on[i] % ns, d = on[i] / ns;
				double e = d * PC_DAY + st->shift[s].end;
				if (headcount[on[i]] < st->max_per_shift && e > best_end) {
					best = on[i];
					best_end = e;
				}
			}
			if (best < 0)
				break;
			{
				int add = want - have, room = st->max_per_shift - headcount[best];
				if (add > room)
					add = room;
				headcount[best] += add;
				have += add;
			}
		}
		if (have < want && short_)
			*short_ += want - have;
	}
	return 0;
}

int pc_staffing_closed_form(const pc_staff *st, double horizon, const double *cases, int ndays,
			    double cases_per_day, const double *arrivals, int n, double dt,
			    int *headcount)
{
	int ns = st->nshifts;

	if (!(cases_per_day > 0) || !(dt > 0))
		return PC_EINPUT;
	for (int d = 0; d < st->ndays; d++) {
		double weight[PC_MAX_SHIFTS] = { 0 }, total = 0, part[PC_MAX_SHIFTS];
		int agents, given = 0, nplanned = 0;

		for (int s = 0; s < ns; s++)
			headcount[d * ns + s] = pc_staffing_planned(st, horizon, d, s) ? st->min_per_shift : 0;
		if (d >= ndays)
			continue;
		/* Agents = cases / cases per agent-day, rounded up forgiving
		 * float noise (5600 / 100 / 7 is 8, not 9). */
		agents = (int)ceil(cases[d] / cases_per_day - 1e-9);
		if (agents <= 0)
			continue;
		for (int s = 0; s < ns; s++) {
			double t0 = d * PC_DAY + st->shift[s].start, t1 = d * PC_DAY + st->shift[s].end;

			if (!pc_staffing_planned(st, horizon, d, s))
				continue;
			nplanned++;
			for (int k = (int)floor(t0 / dt); k < n && k * dt < t1; k++) {
				double lo = fmax(t0, k * dt), hi = fmin(t1, (k + 1) * dt);
				if (hi > lo && k >= 0)
					weight[s] += arrivals[k] * (hi - lo) / dt;
			}
			total += weight[s];
		}
		if (!nplanned)
			continue;
		if (!(total > 0)) {
			for (int s = 0; s < ns; s++)
				if (pc_staffing_planned(st, horizon, d, s)) {
					weight[s] = st->shift[s].end - st->shift[s].start;
					total += weight[s];
				}
		}
		/* Largest remainder: whole parts first, then one more to the
		 * shifts with the largest fractions (the earlier shift on a tie). */
		for (int s = 0; s < ns; s++) {
			part[s] = agents * weight[s] / total;
			given += (int)floor(part[s]);
		}
		for (int s = 0; s < ns; s++)
			headcount[d * ns + s] = pc_staffing_planned(st, horizon, d, s) ? (int)floor(part[s]) : 0;
		while (given < agents) {
			int best = -1;
			double frac = -1;

			for (int s = 0; s < ns; s++) {
				double f = part[s] - floor(part[s]);
				if (pc_staffing_planned(st, horizon, d, s) && weight[s] > 0 && f > frac) {
					frac = f;
					best = s;
				}
			}
			if (best < 0)
				break;
			headcount[d * ns + best]++;
			part[best] = floor(part[best]); /* its fraction is spent */
			given++;
		}
		for (int s = 0; s < ns; s++) {
			int *h = &headcount[d * ns + s];
			if (!pc_staffing_planned(st, horizon, d, s))
				continue;
			if (*h < st->min_per_shift)
				*h = st->min_per_shift;
			if (*h > st->max_per_shift)
				*h = st->max_per_shift;
		}
	}
	return 0;
}
