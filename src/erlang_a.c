/* erlang_a: Erlang C and Erlang A (M/M/c+M) figures for a team of agents, and the smallest team meeting targets. */
#include "promocap/erlang_a.h"

#include <math.h>

#include "promocap/erlang.h"
#include "promocap/error.h"

/* Most waiting states summed: beyond this the load is absurd for a phone
 * queue (an arrival rate a hundred million times the patience rate). */
#define MAX_STATES 100000000L

/* Terms below exp(-TAIL_LOG) of the largest are dropped (e^-50 ~ 2e-22). */
#define TAIL_LOG 50.0

/* Erlang C: the closed forms of M/M/c. */
static int eval_c(double lambda, double mu, double c, double t, pc_erlang_a_kpi *k)
{
	const double a = lambda / mu;
	double pw;
	int rc;

	/* Stable with a margin: at c = a up to rounding (10 erlangs from
	 * 100 calls / 1800 s at 180 s) the figures are meaningless. */
	if (!(c - a > 1e-9 * c) || !(c * mu - lambda > 0))
		return PC_EINPUT;
	if (c == floor(c) && c <= 2147483647.0)
		rc = pc_erlang_c(a, (int)c, &pw);
	else
		rc = pc_erlang_c_real(a, c, &pw);
	if (rc != 0)
		return rc;
	k->p_wait = pw;
	k->service_level = 1 - pw * exp(-(c * mu - lambda) * t);
	k->asa = pw / (c * mu - lambda);
	k->abandon = 0;
	k->occupancy = a / c;
	return 0;
}

/* log(exp(x) + exp(y)), either may be -inf or +inf. */
static double log_add(double x, double y)
{
	double hi = x > y ? x : y;

	if (isinf(hi))
		return hi;
	return hi + log(exp(x - hi) + exp(y - hi));
}

/* Erlang A for a whole c >= 1: see the header for the method. */
static int eval_a(double lambda, double mu, double theta, int c, double t, pc_erlang_a_kpi *k)
{
	const double a = lambda / mu, alpha = c * mu;
	const double beta = alpha / theta + 1; /* the beta law's second shape */
	double b, l, top, scaled, log_d, x_log, tail_log, inc, term_log;
	double pw = 0, ab = 0, sl = 0, wait = 0, h = 0;
	long j, last;

	if (pc_erlang_b(a, c, &b) != 0)
		return PC_EINPUT;
	/* Pass 1: the largest log term and the scaled sum of the terms
	 * t_j = pi_{c+j} / pi_c = prod_{i<=j} lambda / (alpha + i theta). */
	l = 0;
	top = 0;
	scaled = 1;
	for (j = 1;; j++) {
		l += log(lambda / (alpha + (double)j * theta));
		if (l > top) {
			scaled = scaled * exp(top - l) + 1;
			top = l;
		} else {
			scaled += exp(l - top);
		}
		if (alpha + (double)j * theta > lambda && l < top - TAIL_LOG)
			break;
		if (j >= MAX_STATES)
			return PC_EINPUT;
	}
	last = j;
	/* pi_c = 1 / D with D = (1 / B - 1) + sum_j t_j; 1 / B - 1 in log is
	 * log1p(-B) - log(B), +inf when B underflows (then nobody waits). */
	log_d = log_add(top + log(scaled), b > 0 ? log1p(-b) - log(b) : INFINITY);

	/* Pass 2: a caller finding j waiting (probability pi_c t_j) is
	 * answered with probability alpha / (alpha + (j + 1) theta), within t
	 * with I_x(j + 1, beta), x = 1 - exp(-theta t), carried down from
	 * I_x(1, beta) = 1 - (1 - x)^beta by I_x(m + 1, beta) = I_x(m, beta) -
	 * T_m, T_m = x^m (1 - x)^beta Gamma(m + beta) / (Gamma(m + 1)
	 * Gamma(beta)) kept in log space (T_{m+1} / T_m = x (m + beta) / (m + 1)). */
	x_log = t > 0 ? log(-expm1(-theta * t)) : -INFINITY;
	tail_log = -theta * t; /* log(1 - x) */
	inc = t > 0 ? -expm1(beta * tail_log) : 0;
	term_log = log(beta) + x_log + beta * tail_log;
	l = 0;
	for (j = 0; j <= last; j++) {
		const double m = (double)j + 1;
		double p, served;

		if (j > 0)
			l += log(lambda / (alpha + (double)j * theta));
		p = isinf(log_d) ? 0 : exp(l - log_d);
		served = alpha / (alpha + m * theta);
		h += 1 / (alpha + m * theta);
		pw += p;
		ab += p * (m * theta / (alpha + m * theta));
		sl += p * served * (inc < 0 ? 0 : inc > 1 ? 1 : inc);
		wait += p * served * h;
		if (t > 0) {
			inc -= exp(term_log);
			term_log += x_log + log((m + beta) / (m + 1));
		}
	}
	k->p_wait = pw;
	k->abandon = ab;
	k->service_level = (1 - pw) + sl;
	k->asa = ab < 1 ? wait / (1 - ab) : 0;
	k->occupancy = lambda * (1 - ab) / alpha;
	return 0;
}

/* The domain every function here shares. */
static int domain(double lambda, double mu, double theta, double t)
{
	if (!(lambda > 0) || !isfinite(lambda) || !(mu > 0) || !isfinite(mu))
		return PC_EINPUT;
	if (!(theta >= 0) || !isfinite(theta) || !(t >= 0) || !isfinite(t))
		return PC_EINPUT;
	return 0;
}

int pc_erlang_a_eval(double lambda, double mu, double theta, double c, double t, pc_erlang_a_kpi *k)
{
	pc_erlang_a_kpi out;
	int rc;

	if (domain(lambda, mu, theta, t) != 0 || !(c > 0) || !(c <= 2147483647.0))
		return PC_EINPUT;
	if (theta == 0)
		rc = eval_c(lambda, mu, c, t, &out);
	else if (c != floor(c) || c < 1)
		rc = PC_EINPUT;
	else
		rc = eval_a(lambda, mu, theta, (int)c, t, &out);
	if (rc == 0)
		*k = out;
	return rc;
}

/* Whether c agents meet goal: 1 yes (figures in *k), 0 no, or an error. */
static int meets(double lambda, double mu, double theta, const pc_erlang_a_goal *g, int c,
		 pc_erlang_a_kpi *k)
{
	int rc = pc_erlang_a_eval(lambda, mu, theta, (double)c, g->t, k);

	if (rc == PC_EINPUT && theta == 0)
		return 0; /* unstable: c <= a */
	if (rc != 0)
		return rc;
	return k->service_level >= g->level && k->occupancy <= g->max_occupancy &&
	       k->abandon <= g->max_abandon;
}

int pc_erlang_a_staff(double lambda, double mu, double theta, const pc_erlang_a_goal *goal, int max_c,
		      int *c, pc_erlang_a_kpi *k)
{
	pc_erlang_a_kpi kk, best;
	long lo, hi, step = 1;
	int r;

	if (domain(lambda, mu, theta, goal->t) != 0 || max_c < 1)
		return PC_EINPUT;
	if (!(goal->level >= 0) || !(goal->level < 1) || !(goal->max_occupancy > 0) ||
	    !(goal->max_occupancy <= 1) || !(goal->max_abandon >= 0) || !(goal->max_abandon <= 1))
		return PC_EINPUT;
	/* Gallop from the load, where the answer usually is near: lo fails
	 * (or is 0), hi meets.  Below the load Erlang C has no answer;
	 * Erlang A may, so it gallops down when the load itself meets. */
	lo = (long)fmin(floor(lambda / mu), (double)max_c);
	if (theta > 0 && lo >= 1) {
		r = meets(lambda, mu, theta, goal, (int)lo, &kk);
		if (r < 0)
			return r;
		if (r) {
			hi = lo;
			best = kk;
			for (;;) {
				lo = hi - step > 0 ? hi - step : 0;
				if (lo == 0)
					break;
				r = meets(lambda, mu, theta, goal, (int)lo, &kk);
				if (r < 0)
					return r;
				if (!r)
					break;
				hi = lo;
				best = kk;
				step *= 2;
			}
			goto bisect;
		}
	}
	if (lo < 0)
		lo = 0;
	for (;;) {
		hi = lo + step > max_c ? max_c : lo + step;
		if (hi <= lo)
			return 1;
		r = meets(lambda, mu, theta, goal, (int)hi, &kk);
		if (r < 0)
			return r;
		if (r) {
			best = kk;
			break;
		}
		lo = hi;
		step *= 2;
	}
bisect:
	while (hi - lo > 1) {
		long mid = lo + (hi - lo) / 2;

		r = meets(lambda, mu, theta, goal, (int)mid, &kk);
		if (r < 0)
			return r;
		if (r) {
			hi = mid;
			best = kk;
		} else {
			lo = mid;
		}
	}
	*c = (int)hi;
	*k = best;
	return 0;
}
