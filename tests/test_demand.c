/* test_demand: the order's life and the buyers' hours (src/demand.c), the
 * goods' state giving the path, the conditional draw below a limit, and the
 * model v2 figures of the shipped Double 11: night requests, the path mix
 * moving over the days, completion-time KPIs monotone in headcount. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "demand.h"
#include "promocap/dist.h"
#include "promocap/erlang_a.h"
#include "promocap/result.h"
#include "promocap/scenario.h"
#include "promocap/sim.h"

static int load(pc_scenario *sc, const char *path)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (pc_scenario_load(sc, path, &err)) {
		printf("# cannot load %s: %s\n", path, pc_error_format(&err, msg, sizeof msg));
		return -1;
	}
	return 0;
}

static int set(pc_scenario *sc, const char *section, const char *key, const char *value)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (pc_scenario_set(sc, section, key, value, &err)) {
		printf("# cannot set %s: %s\n", key, pc_error_format(&err, msg, sizeof msg));
		return -1;
	}
	return 0;
}

static int run(const pc_scenario *sc, uint64_t seed, int reps, pc_result *res)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (pc_run(sc, seed, reps, 2, res, &err)) {
		printf("# run failed: %s\n", pc_error_format(&err, msg, sizeof msg));
		return -1;
	}
	return 0;
}

/* pc_dist_sample_below: every draw below the limit, and the conditional
 * mean of an exponential below L: m - L e^{-L/m} / (1 - e^{-L/m}). */
static void test_below(void)
{
	pc_dist d;
	pc_error err;
	gsl_rng *g = gsl_rng_alloc(gsl_rng_taus2);
	const double m = 3600, limit = 1800;
	double sum = 0, max = 0, want = m - limit * exp(-limit / m) / (1 - exp(-limit / m));
	const int n = 200000;

	gsl_rng_set(g, 7);
	if (pc_dist_parse(&d, "exponential(mean=1h)", PC_UNIT_DURATION, ".", "test", 0, &err)) {
		CHECK(0, "parse exponential");
		gsl_rng_free(g);
		return;
	}
	for (int i = 0; i < n; i++) {
		double x = pc_dist_sample_below(&d, g, limit);
		sum += x;
		if (x > max)
			max = x;
	}
	CHECK(max < limit, "every draw below the limit: max %g", max);
	/* sd of the truncated law < limit / 2: 5 standard errors. */
	CHECK(fabs(sum / n - want) < 5 * (limit / 2) / sqrt(n), "conditional mean %g vs %g", sum / n, want);
	pc_dist_release(&d);
	if (pc_dist_parse(&d, "lognormal(mean=1d, sd=1d)", PC_UNIT_DURATION, ".", "test", 0, &err) == 0) {
		int below = 1;
		for (int i = 0; i < 10000; i++)
			if (pc_dist_sample_below(&d, g, 3600) >= 3600)
				below = 0;
		CHECK(below, "lognormal held below 1 h even where little mass lies below it");
		CHECK(pc_dist_sample_below(&d, g, 0) == 0, "a limit of 0 gives 0");
		pc_dist_release(&d);
	}
	gsl_rng_free(g);
}

/* The demand of the shipped Double 11: each request after its order, the
 * path by the goods' state at the request, hours from the buyers' profile. */
static void test_requests(void)
{
	pc_scenario sc;
	pc_demand dem;
	gsl_rng *g;
	int bad_path = 0, before_order = 0, night = 0, n = 20000, gated_early = 0;
	int state[PC_NPATHS] = { 0 };

	if (load(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (pc_demand_init(&dem, &sc)) {
		CHECK(0, "demand tables");
		pc_scenario_release(&sc);
		return;
	}
	g = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(g, 11);
	for (int i = 0; i < n; i++) {
		/* Orders on 11-05 (not gated) and 11-11 (gated until 11-12). */
		double order = (i % 2 ? 4 : 10) * PC_DAY + 20 * PC_HOUR;
		pc_ask a;

		pc_demand_refund(&dem, order, g, &a);
		if (a.t < order)
			before_order++;
		if (i % 2 == 0 && a.t < sc.entry_opens)
			gated_early++;
		if (a.path == PC_PATH_UNSHIPPED && a.t >= a.dispatch)
			bad_path++;
		if (a.path != PC_PATH_UNSHIPPED && a.t < a.dispatch)
			bad_path++;
		if (fmod(a.t, PC_DAY) < 8 * PC_HOUR)
			night++;
		state[a.path]++;
	}
	CHECK(before_order == 0, "no request before its order: %d", before_order);
	CHECK(gated_early == 0, "no request of a gated day before the entry opens: %d", gated_early);
	CHECK(bad_path == 0, "path 1 exactly when asked before dispatch: %d wrong", bad_path);
	CHECK(night < 0.2 * n, "under 20%% of requests between 00:00 and 08:00: %.1f%%", 100.0 * night / n);
	CHECK(state[PC_PATH_UNSHIPPED] > 0 && state[PC_PATH_IN_TRANSIT] > 0 && state[PC_PATH_RECEIVED] > 0 &&
		      state[PC_PATH_RETURN] > 0,
	      "every path occurs: %d %d %d %d", state[0], state[1], state[2], state[3]);
	/* After delivery, received_no_return by no_return (20%). */
	{
		double after = state[PC_PATH_RECEIVED] + state[PC_PATH_RETURN];
		double p = sc.no_return, share = state[PC_PATH_RECEIVED] / after;
		CHECK(fabs(share - p) < 5 * sqrt(p * (1 - p) / after), "no_return share %.3f vs %.3f", share, p);
	}
	gsl_rng_free(g);
	pc_demand_release(&dem);
	pc_scenario_release(&sc);
}

/* The simulated Double 11: night share, the per-path mix over the days,
 * claims on received goods only, conservation (checked by the run). */
static void test_double11(void)
{
	pc_scenario sc;
	pc_result res;

	if (load(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (run(&sc, 3, 4, &res) == 0) {
		for (int r = 0; r < res.reps; r++) {
			const pc_rep *p = &res.rep[r];
			double all = 0, night = 0, early[PC_NPATHS] = { 0 }, late[PC_NPATHS] = { 0 };
			double e = 0, l = 0, claim_days_before = 0;
			int per_day = (int)llround(PC_DAY / sc.interval);

			for (int k = 0; k < p->nintervals; k++) {
				const double *row = p->series + (size_t)k * PC_TS_NCOLS;
				double a = row[PC_TS_ARRIVE_P1] + row[PC_TS_ARRIVE_P2] + row[PC_TS_ARRIVE_P3] +
					   row[PC_TS_ARRIVE_P4];
				all += a;
				if (k % per_day < 8 * per_day / 24)
					night += a;
			}
			CHECK(night < 0.2 * all, "rep %d: %.1f%% of requests 00:00-08:00 (under 20%%)", r,
			      100 * night / all);
			for (int d = 0; d < p->ndays; d++) {
				const double *row = p->daily + (size_t)d * PC_DAY_NCOLS;
				for (int k = 0; k < PC_NPATHS; k++) {
					if (d < 10)
						early[k] += row[PC_DAY_ARRIVED_P1 + k];
					else if (d >= 14)
						late[k] += row[PC_DAY_ARRIVED_P1 + k];
				}
				if (d < 10)
					claim_days_before += row[PC_DAY_CLAIMS];
			}
			for (int k = 0; k < PC_NPATHS; k++) {
				e += early[k];
				l += late[k];
			}
			CHECK(early[0] / e > 0.15 && late[0] / l < 0.01,
			      "rep %d: path 1 early (%.1f%% of 11-01..11-10), not late (%.1f%% from 11-15)", r,
			      100 * early[0] / e, 100 * late[0] / l);
			CHECK((late[2] + late[3]) / l > (early[2] + early[3]) / e + 0.3,
			      "rep %d: paths 3-4 grow from %.1f%% to %.1f%%", r, 100 * (early[2] + early[3]) / e,
			      100 * (late[2] + late[3]) / l);
			CHECK(claim_days_before == 0, "rep %d: no claim before the trades close", r);
			CHECK(p->claims > 0.8 * 1600 && p->claims < 1.2 * 1600, "rep %d: %g claims near 1600", r,
			      p->claims);
		}
		pc_result_release(&res);
	}
	pc_scenario_release(&sc);
}

/* Every completion-time and within-t KPI moves the right way as agents are
 * added (MODEL.md: the completion times exclude nothing, so a slower shop
 * scores worse): 1, 2, 4 and 8 agents on each shift, common random numbers,
 * each step judged on the paired differences (no step worse by more than 3
 * standard errors) and the whole range clearly better. */
typedef struct mono {
	const char *name;
	int better_up; /* 1: larger is better */
	double v[4][8];
} mono;

static double ro_h(const pc_rep *p) { return p->ro_n ? p->ro_sum / p->ro_n / 3600 : NAN; }
static double rr_h(const pc_rep *p) { return p->rr_n ? p->rr_sum / p->rr_n / 3600 : NAN; }
static double fr_in(const pc_rep *p) { return 100 * p->fr_within / p->fr_n; }
static double ho_in(const pc_rep *p) { return 100 * p->ho_within / p->ho_n; }
static double all_in(const pc_rep *p)
{
	return 100 * p->done_all_within / (p->arrived[0] + p->arrived[1] + p->arrived[2] + p->arrived[3]);
}

static void test_monotone(void)
{
	static const char *const heads[4] = { "1", "2", "4", "8" };
	double (*const fn[5])(const pc_rep *) = { ro_h, rr_h, fr_in, ho_in, all_in };
	mono m[5] = { { "refund-only completion h", 0, { { 0 } } },
		      { "return-refund completion h", 0, { { 0 } } },
		      { "first response within 30min %", 1, { { 0 } } },
		      { "refund-only handled within 24h %", 1, { { 0 } } },
		      { "all done within 10d %", 1, { { 0 } } } };
	const int reps = 6;
	pc_scenario sc;

	if (load(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	for (int h = 0; h < 4; h++) {
		pc_result res;
		if (set(&sc, "staff.agent", "roster", heads[h]) || run(&sc, 5, reps, &res)) {
			CHECK(0, "run with %s agents a shift", heads[h]);
			pc_scenario_release(&sc);
			return;
		}
		for (int k = 0; k < 5; k++)
			for (int r = 0; r < reps; r++)
				m[k].v[h][r] = fn[k](&res.rep[r]);
		pc_result_release(&res);
	}
	for (int k = 0; k < 5; k++) {
		int ok = 1;
		for (int h = 1; h < 4; h++) {
			double d[8], mean = 0, var = 0;
			for (int r = 0; r < reps; r++) {
				d[r] = (m[k].better_up ? 1 : -1) * (m[k].v[h][r] - m[k].v[h - 1][r]);
				mean += d[r] / reps;
			}
			for (int r = 0; r < reps; r++)
				var += (d[r] - mean) * (d[r] - mean) / (reps - 1);
			printf("# %s: %s -> %s agents: %+.3f (se %.3f)\n", m[k].name, heads[h - 1], heads[h],
			       mean, sqrt(var / reps));
			if (!(mean >= -3 * sqrt(var / reps) - 1e-9))
				ok = 0;
		}
		CHECK(ok, "%s never worse with more agents (paired, 3 se)", m[k].name);
		{
			double a = 0, b = 0;
			for (int r = 0; r < reps; r++) {
				a += m[k].v[0][r] / reps;
				b += m[k].v[3][r] / reps;
			}
			CHECK(m[k].better_up ? b > a : b < a, "%s: 8 agents a shift better than 1: %.3g vs %.3g",
			      m[k].name, b, a);
		}
	}
	pc_scenario_release(&sc);
}

/* [004]'s 2013 timeline: the entry opens 11-12, refund requests peak 11-15,
 * the protection period is 5 days and escalations peak 11-20; the scenario
 * built from it must give both peaks within a day, from the goods' life. */
static void test_2013(void)
{
	pc_scenario sc;
	pc_result res;

	if (load(&sc, "scenarios/double11-2013.ini")) {
		CHECK(0, "load double11-2013");
		return;
	}
	if (run(&sc, sc.seed, sc.replications, &res) == 0) {
		pc_peak req, esc;
		char a[16], b[16];

		pc_result_peak(&res, PC_DAY_ARRIVED, &req);
		pc_result_peak(&res, PC_DAY_ESCALATED, &esc);
		pc_date_format(sc.day0 + req.day, a, sizeof a);
		pc_date_format(sc.day0 + esc.day, b, sizeof b);
		/* sales_start is 11-11: 11-15 is day 4, 11-20 day 9. */
		CHECK(abs(req.day - 4) <= 1, "2013: refund requests peak %s (11-15 +- 1 day)", a);
		CHECK(abs(esc.day - 9) <= 1, "2013: escalations peak %s (11-20 +- 1 day)", b);
		CHECK(res.rep[0].daily[PC_DAY_ARRIVED] == 0, "2013: no request on 11-11, the entry is closed");
		pc_result_release(&res);
	}
	pc_scenario_release(&sc);
}

/* The courier answers in business hours and returns reach the warehouse
 * in delivery waves: each can only delay a refund (common random numbers,
 * the same refunds with and without), and does. */
static void test_hours_and_waves(void)
{
	pc_scenario sc;
	pc_result a, b;
	double ro[2] = { 0 }, transit[2] = { 0 };

	if (load(&sc, "scenarios/double11.ini"))
		return;
	if (set(&sc, "path.in_transit", "courier_hours", "always") ||
	    set(&sc, "path.return", "warehouse_waves", "none") || run(&sc, 9, 4, &a)) {
		pc_scenario_release(&sc);
		CHECK(0, "double11 without courier hours and waves");
		return;
	}
	if (set(&sc, "path.in_transit", "courier_hours", "10:00-16:00") ||
	    set(&sc, "path.return", "warehouse_waves", "11:00") || run(&sc, 9, 4, &b)) {
		pc_result_release(&a);
		pc_scenario_release(&sc);
		CHECK(0, "double11 with courier hours and one wave");
		return;
	}
	for (int r = 0; r < 4; r++) {
		ro[0] += a.rep[r].ro_sum / a.rep[r].ro_n / 4;
		ro[1] += b.rep[r].ro_sum / b.rep[r].ro_n / 4;
		transit[0] += a.rep[r].seg_sum[PC_SEG_TRANSIT] / a.rep[r].seg_n[PC_SEG_TRANSIT] / 4;
		transit[1] += b.rep[r].seg_sum[PC_SEG_TRANSIT] / b.rep[r].seg_n[PC_SEG_TRANSIT] / 4;
	}
	/* One wave a day adds half a day on average to the transit segment. */
	CHECK(transit[1] - transit[0] > 0.3 * PC_DAY && transit[1] - transit[0] < 0.7 * PC_DAY,
	      "one delivery wave a day adds about half a day in transit: %.2f h -> %.2f h",
	      transit[0] / 3600, transit[1] / 3600);
	CHECK(ro[1] > ro[0], "courier hours 10:00-16:00 lengthen refund-only completion: %.2f h -> %.2f h",
	      ro[0] / 3600, ro[1] / 3600);
	pc_result_release(&a);
	pc_result_release(&b);
	pc_scenario_release(&sc);
}

/* The pre-sale chat queue with patience is M/M/c+M: its abandonment and
 * its service level agree with Erlang A (pc_erlang_a_eval) within the 99.9%
 * Student-t interval of the replications.  Two agents at two chats each
 * are the same four chat slots as four agents at one: the same chats, the
 * same answers, half the staff-hours. */
static void test_chat_erlang_a(void)
{
	pc_scenario sc;
	pc_result a, b;
	pc_erlang_a_kpi k;
	double ab[16], sl[16], m_ab = 0, m_sl = 0, s_ab = 0, s_sl = 0, t;
	int n;

	if (load(&sc, "tests/data/sim/erlang-a.ini"))
		return;
	if (run(&sc, sc.seed, sc.replications, &a)) {
		pc_scenario_release(&sc);
		CHECK(0, "run the Erlang A scenario");
		return;
	}
	n = a.reps;
	for (int r = 0; r < n; r++) {
		const pc_rep *p = &a.rep[r];
		ab[r] = p->chat_abandoned / (p->chat_answered + p->chat_abandoned);
		sl[r] = p->chat_within / (p->chat_answered + p->chat_abandoned);
		m_ab += ab[r] / n;
		m_sl += sl[r] / n;
	}
	for (int r = 0; r < n; r++) {
		s_ab += (ab[r] - m_ab) * (ab[r] - m_ab) / (n - 1);
		s_sl += (sl[r] - m_sl) * (sl[r] - m_sl) / (n - 1);
	}
	t = gsl_cdf_tdist_Pinv(0.9995, n - 1);
	/* Per minute: lambda 1, mu 1 / 3.5, theta 1 / 2, four agents, within 1. */
	CHECK(pc_erlang_a_eval(1.0, 1 / 3.5, 0.5, 4, 1.0, &k) == 0, "Erlang A evaluates");
	printf("# chats: abandoned %.4f (Erlang A %.4f), within 1 min %.4f (Erlang A %.4f), %d replications\n",
	       m_ab, k.abandon, m_sl, k.service_level, n);
	CHECK(fabs(m_ab - k.abandon) <= t * sqrt(s_ab / n) + 1e-3,
	      "abandonment %.4f vs Erlang A %.4f (+- %.4f)", m_ab, k.abandon, t * sqrt(s_ab / n));
	CHECK(fabs(m_sl - k.service_level) <= t * sqrt(s_sl / n) + 1e-3,
	      "answered within 1 min %.4f vs Erlang A %.4f (+- %.4f)", m_sl, k.service_level,
	      t * sqrt(s_sl / n));
	if (set(&sc, "staff.presale", "roster", "2") || set(&sc, "presale", "concurrency", "2") ||
	    run(&sc, sc.seed, sc.replications, &b)) {
		CHECK(0, "run two agents at two chats");
	} else {
		CHECK(b.rep[0].chat_answered == a.rep[0].chat_answered &&
			      b.rep[0].chat_abandoned == a.rep[0].chat_abandoned &&
			      b.rep[0].chat_within == a.rep[0].chat_within,
		      "2 agents x 2 chats answer as 4 x 1: %g and %g answered", b.rep[0].chat_answered,
		      a.rep[0].chat_answered);
		CHECK(b.rep[0].presale_cap * 2 == a.rep[0].presale_cap, "at half the staff-hours");
		pc_result_release(&b);
	}
	pc_result_release(&a);
	pc_scenario_release(&sc);
}

/* Shrinkage as break windows: ten agents at 20% are eight available, the
 * same queue figure for figure as eight agents (same seed), at ten agents'
 * paid hours; one agent at 15% is available 85% of the paid hours. */
static void test_shrinkage(void)
{
	pc_scenario sc;
	pc_result a, b;

	if (load(&sc, "tests/data/sim/mmc-09.ini"))
		return;
	if (set(&sc, "staff.agent", "roster", "8") || run(&sc, 3, 3, &a)) {
		pc_scenario_release(&sc);
		CHECK(0, "eight agents");
		return;
	}
	if (set(&sc, "staff.agent", "roster", "10") || set(&sc, "staff.agent", "shrinkage", "20%") ||
	    run(&sc, 3, 3, &b)) {
		pc_result_release(&a);
		pc_scenario_release(&sc);
		CHECK(0, "ten agents at 20%% shrinkage");
		return;
	}
	CHECK(a.rep[0].fr_sum == b.rep[0].fr_sum && a.rep[2].fr_within == b.rep[2].fr_within,
	      "10 agents at 20%% shrinkage answer as 8: %g vs %g s of first response", b.rep[0].fr_sum,
	      a.rep[0].fr_sum);
	CHECK(fabs(b.rep[0].paid[PC_RES_AGENT] - 1.25 * a.rep[0].paid[PC_RES_AGENT]) < 1e-6 * b.rep[0].paid[PC_RES_AGENT],
	      "at the paid hours of 10: %g vs %g h", b.rep[0].paid[PC_RES_AGENT] / 3600,
	      a.rep[0].paid[PC_RES_AGENT] / 3600);
	pc_result_release(&a);
	pc_result_release(&b);
	if (set(&sc, "staff.agent", "roster", "1") || set(&sc, "staff.agent", "shrinkage", "15%") ||
	    run(&sc, 3, 1, &a)) {
		CHECK(0, "one agent at 15%% shrinkage");
	} else {
		CHECK(fabs(a.rep[0].cap[PC_RES_AGENT] - 0.85 * a.rep[0].paid[PC_RES_AGENT]) < 1,
		      "one agent at 15%%: %g of %g paid hours available", a.rep[0].cap[PC_RES_AGENT] / 3600,
		      a.rep[0].paid[PC_RES_AGENT] / 3600);
		pc_result_release(&a);
	}
	pc_scenario_release(&sc);
}

/* Enquiries go to the reception when it has anyone: the refund agents are
 * freed of them (first response better, their utilisation lower); and a
 * refund left open brings where-is-my-refund enquiries, fewer when the
 * refunds go faster. */
static void test_reception(void)
{
	pc_scenario sc;
	pc_result a, b, c;

	if (load(&sc, "scenarios/double11.ini"))
		return;
	if (set(&sc, "after_sales", "claims", "60%") || set(&sc, "after_sales", "chase_after", "2d") ||
	    run(&sc, 4, 4, &a)) {
		pc_scenario_release(&sc);
		CHECK(0, "double11 with enquiries, no reception");
		return;
	}
	if (set(&sc, "staff.reception", "roster", "2") || run(&sc, 4, 4, &b)) {
		pc_result_release(&a);
		pc_scenario_release(&sc);
		CHECK(0, "double11 with a reception");
		return;
	}
	CHECK(b.rep[0].busy[PC_RES_AGENT] < a.rep[0].busy[PC_RES_AGENT] && b.rep[0].recep_busy > 0,
	      "the reception takes the enquiries off the agents: %.0f -> %.0f agent-hours busy",
	      a.rep[0].busy[PC_RES_AGENT] / 3600, b.rep[0].busy[PC_RES_AGENT] / 3600);
	CHECK(b.rep[0].fr_within / b.rep[0].fr_n > a.rep[0].fr_within / a.rep[0].fr_n,
	      "and the refunds are answered sooner: %.1f%% -> %.1f%% within 30 min",
	      100 * a.rep[0].fr_within / a.rep[0].fr_n, 100 * b.rep[0].fr_within / b.rep[0].fr_n);
	CHECK(b.rep[0].enq_n > 0 && b.rep[0].chases > 0, "enquiries answered (%g), chases (%g)", b.rep[0].enq_n,
	      b.rep[0].chases);
	if (set(&sc, "staff.agent", "roster", "12") || run(&sc, 4, 4, &c)) {
		CHECK(0, "double11 with more agents");
	} else {
		CHECK(c.rep[0].chases <= b.rep[0].chases, "faster refunds, no more chases: %g -> %g",
		      b.rep[0].chases, c.rep[0].chases);
		pc_result_release(&c);
	}
	pc_result_release(&a);
	pc_result_release(&b);
	pc_scenario_release(&sc);
}

/* The hour-modulated hazard against integrating it hour by hour. */
static double hazard_by_hours(const double *p, double start, double e, double rate)
{
	double t = start;

	for (;;) {
		double day = floor(t / PC_DAY) * PC_DAY;
		int h = (int)((t - day) / PC_HOUR);
		double end = day + (h + 1) * PC_HOUR, r = rate * 24 * p[h];
		if (r > 0 && t + e / r <= end)
			return t + e / r;
		e -= r * (end - t);
		t = end;
	}
}

static void test_hazard(void)
{
	pc_scenario sc;
	pc_demand dem;
	gsl_rng *g;
	double worst = 0;

	if (load(&sc, "scenarios/double11.ini"))
		return;
	if (pc_demand_init(&dem, &sc)) {
		pc_scenario_release(&sc);
		return;
	}
	g = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(g, 5);
	for (int i = 0; i < 20000; i++) {
		double start = gsl_rng_uniform(g) * 30 * PC_DAY, e = gsl_ran_exponential(g, 1.0);
		double rate = (0.02 + gsl_rng_uniform(g)) / PC_DAY;
		double a = pc_demand_hazard_time(&dem, start, e, rate);
		double b = hazard_by_hours(sc.request_hours, start, e, rate);
		if (fabs(a - b) > worst)
			worst = fabs(a - b);
	}
	CHECK(worst < 1e-3, "escalation hazard by hour: largest difference to hour-by-hour %g s", worst);
	gsl_rng_free(g);
	pc_demand_release(&dem);
	pc_scenario_release(&sc);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_below();
	test_hazard();
	test_requests();
	test_double11();
	test_monotone();
	test_2013();
	test_hours_and_waves();
	test_chat_erlang_a();
	test_shrinkage();
	test_reception();
	return check_done();
}
