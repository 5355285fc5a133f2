/* test_sim: the refund simulator against queueing theory (Erlang C, Little's
 * law), conservation, determinism across runs and thread counts, the seed's
 * baseline, the paths' rules, and a golden small scenario. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>

#include <unistd.h>

#include "check.h"
#include "same_rep.h"
#include "table.h"
#include "promocap/erlang.h"
#include "promocap/output.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

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

/* Loads path with the earlier demand model (order time + request_delay,
 * path_mix, every order gated, no claims, no request hours, no ruling,
 * return timeouts, cancellations or rejections, couriers at any hour,
 * returns into the warehouse as they come): the tests of
 * the levers and of the engine's accounting were written against it and
 * keep their figures. */
static int load_v1(pc_scenario *sc, const char *path)
{
	static const char *const set[][3] = {
		{ "refunds", "timing", "order_delay" }, { "refunds", "request_hours", "none" },
		{ "refunds", "entry_gated", "all" }, { "after_sales", "claims", "0%" },
		{ "sla", "all_done", "100% within 5d" }, { "platform", "ruling", "none" },
		{ "platform", "buyer_ship_timeout", "none" }, { "platform", "receipt_timeout", "none" },
		{ "platform", "cancel", "0%" }, { "platform", "reject", "none" },
		{ "path.in_transit", "courier_hours", "always" }, { "path.return", "warehouse_waves", "none" }
	};
	pc_error err;
	char msg[2200];

	if (load(sc, path))
		return -1;
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
		pc_error_clear(&err);
		if (pc_scenario_set(sc, set[i][0], set[i][1], set[i][2], &err)) {
			printf("# cannot set %s: %s\n", set[i][1], pc_error_format(&err, msg, sizeof msg));
			pc_scenario_release(sc);
			return -1;
		}
	}
	return 0;
}

static int run(const pc_scenario *sc, uint64_t seed, int reps, int threads, pc_result *res)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (pc_run(sc, seed, reps, threads, res, &err)) {
		printf("# run failed: %s\n", pc_error_format(&err, msg, sizeof msg));
		return -1;
	}
	return 0;
}

/* Tolerance for a replication mean: the half-width of a 99.9% Student-t
 * interval from the replications' own spread.  With fixed seeds the test is
 * deterministic; the width says how far the estimate may honestly lie from
 * the truth, so a failure means a biased simulator, not bad luck. */
static double tol999(const double *x, int n)
{
	return gsl_cdf_tdist_Pinv(0.9995, n - 1) * gsl_stats_sd(x, 1, (size_t)n) / sqrt(n);
}

/* M/M/c through the whole pipeline: first response = queue wait. */
static void test_erlang(const char *path, double lambda, double mu, int c)
{
	pc_scenario sc;
	pc_result res;
	double wq_theory, c_theory, sl_theory, wq[64], sl[64], little_l[64], little_r[64], util[64];
	int n;

	if (load(&sc, path)) {
		CHECK(0, "load %s", path);
		return;
	}
	if (run(&sc, sc.seed, sc.replications, 0, &res)) {
		CHECK(0, "run %s", path);
		pc_scenario_release(&sc);
		return;
	}
	n = res.reps;
	pc_erlang_c(lambda / mu, c, &c_theory);
	pc_erlang_wait_mean(lambda, mu, c, &wq_theory);
	pc_erlang_service_level(lambda, mu, c, sc.sla_first_response.within / 60, &sl_theory); /* per minute */
	for (int r = 0; r < n; r++) {
		const pc_rep *p = &res.rep[r];
		double horizon = sc.arrival_curve.t[1];
		double samples = 0, in_system = 0;
		int k_end = (int)(horizon / sc.interval);

		wq[r] = p->fr_sum / p->fr_n / 60; /* minutes */
		sl[r] = p->fr_within / p->fr_n;
		/* Little's law: L = lambda W over the arrival window, with L the
		 * mean number with the agents (waiting or served) sampled at each
		 * interval's end and W = wait + service. */
		for (int k = 24; k < k_end; k++) {
			in_system += p->series[(size_t)k * PC_TS_NCOLS + PC_TS_BACKLOG0 + PC_ST_AGENT];
			samples++;
		}
		little_l[r] = in_system / samples;
		little_r[r] = p->arrived[0] / (horizon / 60) * (wq[r] + 1 / mu);
		util[r] = p->busy[PC_RES_AGENT] / (horizon * c);
	}
	{
		double m = gsl_stats_mean(wq, 1, (size_t)n), t = tol999(wq, n);
		printf("# %s: Wq %.4f min (Erlang C %.4f, +-%.4f)\n", path, m, wq_theory / 1, t);
		CHECK(fabs(m - wq_theory) <= t, "%s: mean wait %.4f vs Erlang C %.4f (tol %.4f)", path, m,
		      wq_theory, t);
	}
	{
		double m = gsl_stats_mean(sl, 1, (size_t)n), t = tol999(sl, n);
		CHECK(fabs(m - sl_theory) <= t, "%s: P(W <= t) %.4f vs Erlang C %.4f (tol %.4f)", path, m,
		      sl_theory, t);
	}
	{
		double d[64], m, t;
		for (int r = 0; r < n; r++)
			d[r] = little_l[r] - little_r[r];
		m = gsl_stats_mean(d, 1, (size_t)n);
		t = tol999(d, n);
		printf("# %s: Little L %.3f vs lambda W %.3f\n", path, gsl_stats_mean(little_l, 1, (size_t)n),
		       gsl_stats_mean(little_r, 1, (size_t)n));
		CHECK(fabs(m) <= t, "%s: Little's law L - lambda W = %.4f (tol %.4f)", path, m, t);
	}
	{
		/* Busy servers over the arrival window (the tail after it is
		 * short) against the offered load a = lambda / mu, per server. */
		double m = gsl_stats_mean(util, 1, (size_t)n), t = tol999(util, n);
		double rho = lambda / mu / c;
		CHECK(fabs(m - rho) <= t + 0.002, "%s: utilisation %.4f vs rho %.4f (tol %.4f)", path, m, rho, t);
	}
	(void)c_theory;
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

static void test_conservation_and_baseline(void)
{
	pc_scenario sc;
	pc_result res;
	pc_baseline b;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	b = pc_baseline_compute(&sc);
	CHECK_NEAR(b.refunds, 4000, 1e-6, "worked example refunds");
	CHECK_NEAR(b.after_sales, 1600, 1e-6, "worked example after-sales");
	CHECK(b.agents == 8, "worked example: 8 agents, got %d", b.agents);
	if (!run(&sc, 7, 3, 2, &res)) {
		for (int r = 0; r < res.reps; r++) {
			const pc_rep *p = &res.rep[r];
			double arrived = 0, done = 0, open = 0;
			for (int k = 0; k < PC_NPATHS; k++) {
				arrived += p->arrived[k];
				done += p->finished[k];
				open += p->open[k];
				CHECK(p->arrived[k] == p->finished[k] + p->open[k], "conservation path %d", k);
			}
			CHECK(arrived == done + open, "conservation all paths");
			/* Demand: refunds ~ Poisson(4000) (+-5 sd), after-sales ~ 1600. */
			CHECK(fabs(arrived - 4000) < 5 * sqrt(4000), "refunds %g near 4000", arrived);
			CHECK(fabs(p->as_arrived - 1600) < 5 * sqrt(1600), "after-sales %g near 1600", p->as_arrived);
			/* No refund before the entry opens. */
			for (int d = 0; d < 11; d++)
				CHECK(p->daily[(size_t)d * PC_DAY_NCOLS + PC_DAY_ARRIVED] == 0,
				      "no refund on day %d before the entry opens", d);
			CHECK(p->converted_1to2 > 0 && p->converted_3to4 > 0, "path conversions happen");
			CHECK(p->seg_n[PC_SEG_PAYOUT] > 0, "returns are paid");
		}
		pc_result_release(&res);
	}
	pc_scenario_release(&sc);
}

/* Writes every table of res into one buffer. */
static char *tables(const pc_result *res, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	for (const pc_output_table *t = pc_output_tables; t->file; t++)
		t->write(res, f);
	pc_output_summary(res, f);
	fclose(f);
	return buf;
}

static void test_determinism(void)
{
	pc_scenario sc;
	pc_result a, b, c;
	char *ta, *tb, *tc;
	size_t la, lb, lc;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (run(&sc, 5, 4, 1, &a) || run(&sc, 5, 4, 1, &b) || run(&sc, 5, 4, 3, &c)) {
		CHECK(0, "determinism runs");
		pc_scenario_release(&sc);
		return;
	}
	ta = tables(&a, &la);
	tb = tables(&b, &lb);
	tc = tables(&c, &lc);
	CHECK(la == lb && !memcmp(ta, tb, la), "same seed, same tables, byte for byte");
	CHECK(la == lc && !memcmp(ta, tc, la), "1 thread and 3 threads give the same tables");
	free(ta);
	free(tb);
	free(tc);
	pc_result_release(&c);
	if (!run(&sc, 6, 4, 1, &c)) {
		ta = tables(&a, &la);
		tc = tables(&c, &lc);
		CHECK(la != lc || memcmp(ta, tc, la), "another seed, other tables");
		free(tc);
		free(ta);
		pc_result_release(&c);
	}
	pc_result_release(&a);
	pc_result_release(&b);
	pc_scenario_release(&sc);
}

/* Replications from an offset equal the same replications of a whole run,
 * appended they make the whole run, and the offered work per resource adds
 * up: every first response, payout, approval and inspection joined a queue
 * once, and a task's work is the time it was served. */
static void test_offset_and_offered(void)
{
	pc_scenario sc;
	pc_result all, head, tail;
	int ok = 1;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (run(&sc, 9, 5, 2, &all)) {
		CHECK(0, "whole run");
		pc_scenario_release(&sc);
		return;
	}
	if (pc_run_from(&sc, 9, 0, 2, 1, &head, NULL) || pc_run_from(&sc, 9, 2, 3, 2, &tail, NULL)) {
		CHECK(0, "runs from an offset");
		pc_result_release(&all);
		pc_scenario_release(&sc);
		return;
	}
	CHECK(tail.first == 2 && tail.reps == 3, "the offset run knows its first replication");
	CHECK(pc_result_append(&tail, &head) == PC_EINPUT, "appending out of order is refused");
	CHECK(pc_result_append(&head, &tail) == 0 && head.reps == 5 && tail.reps == 0 && !tail.rep,
	      "appending moves the replications");
	for (int r = 0; r < 5 && ok; r++) {
		const pc_rep *a = &all.rep[r], *b = &head.rep[r];
		ok = a->fr_sum == b->fr_sum && a->events == b->events &&
		     !memcmp(a->series, b->series, sizeof(double) * (size_t)a->nintervals * PC_TS_NCOLS);
	}
	CHECK(ok, "replication r is the same from pc_run and from an offset");
	for (int r = 0; r < all.reps; r++) {
		const pc_rep *p = &all.rep[r];
		double offered[PC_NRES] = { 0 }, work[PC_NRES] = { 0 };
		double first = p->arrived[0] + p->arrived[1] + p->arrived[2] + p->arrived[3] + p->as_arrived;

		for (int k = 0; k < p->nintervals; k++)
			for (int q = 0; q < PC_NRES; q++) {
				offered[q] += p->series[(size_t)k * PC_TS_NCOLS + PC_TS_OFFER0 + q];
				work[q] += p->series[(size_t)k * PC_TS_NCOLS + PC_TS_WORK0 + q];
			}
		/* Agents: one first-response task per request and after-sales
		 * case, one payout per paid return, one task per escalation. */
		CHECK(offered[PC_RES_AGENT] == first + p->paid_n + p->escalated,
		      "rep %d: agent tasks offered %.0f = %.0f requests + %.0f payouts + %.0f escalations", r,
		      offered[PC_RES_AGENT], first, p->paid_n, p->escalated);
		CHECK(offered[PC_RES_SUPERVISOR] == p->sup_n,
		      "rep %d: supervisor tasks offered %.0f = approvals %.0f (all done)", r,
		      offered[PC_RES_SUPERVISOR], p->sup_n);
		CHECK(offered[PC_RES_INSPECTOR] == p->seg_n[PC_SEG_INSPECT],
		      "rep %d: inspections offered %.0f = inspected %.0f", r, offered[PC_RES_INSPECTOR],
		      p->seg_n[PC_SEG_INSPECT]);
		/* The busy time is the work served: at most the work offered,
		 * short of it only by the tasks in hand or waiting at the
		 * horizon and requests the platform answered first. */
		for (int q = 0; q < PC_NRES; q++)
			CHECK(p->busy[q] <= work[q] + 1e-6 && work[q] - p->busy[q] <= 1e-3 * work[q],
			      "rep %d: %s work offered %.1f s, busy %.1f s", r, pc_res_name((pc_res)q), work[q],
			      p->busy[q]);
	}
	pc_result_release(&all);
	pc_result_release(&head);
	pc_result_release(&tail);
	pc_scenario_release(&sc);
}

/* The rules of the paths on small variants of one scenario. */
static void test_rules(void)
{
	pc_scenario sc;
	pc_result res;
	pc_error err;

	if (load(&sc, "tests/data/sim/rules.ini")) {
		CHECK(0, "load rules");
		return;
	}
	pc_error_clear(&err);
	/* No staff at all: nothing is answered; every request is approved
	 * automatically at the timeout, goods lost on path 2, and returns go
	 * on to the buyer but are never paid; the run ends at the horizon. */
	if (!run(&sc, 1, 2, 1, &res)) {
		const pc_rep *p = &res.rep[0];
		CHECK(p->fr_within == 0, "no staff: nothing answered within the target");
		double all = p->arrived[0] + p->arrived[1] + p->arrived[2] + p->arrived[3];
		CHECK(all > 100 && p->auto_approved == all, "no staff: every request approved on timeout (%g of %g)",
		      p->auto_approved, all);
		CHECK(p->fr_n == all, "no staff: the timeout counts as the (late) response");
		CHECK(p->goods_lost == p->arrived[PC_PATH_IN_TRANSIT], "goods lost = path 2 requests (%g vs %g)",
		      p->goods_lost, p->arrived[PC_PATH_IN_TRANSIT]);
		CHECK(p->finished[PC_PATH_RETURN] == 0, "no staff: no return paid");
		CHECK(p->open[PC_PATH_RETURN] == p->arrived[PC_PATH_RETURN], "no staff: returns open");
		CHECK(p->as_done == 0 && p->as_open == p->as_arrived, "no staff: after-sales open");
		pc_result_release(&res);
	}
	pc_scenario_release(&sc);
}

/* Every table a run writes reads back as CSV (libcsv): a header, no
 * ragged row, numbers where numbers belong. */
static void test_tables_parse(void)
{
	pc_scenario sc;
	pc_result res;
	char dir[] = "/tmp/pc-tables-XXXXXX";

	if (load(&sc, "tests/data/sim/golden.ini") || !mkdtemp(dir)) {
		CHECK(0, "tables setup");
		return;
	}
	if (!run(&sc, 3, 2, 1, &res)) {
		for (const pc_output_table *t = pc_output_tables; t->file; t++) {
			char path[512];
			pc_table tab;
			pc_error err;
			FILE *f;

			snprintf(path, sizeof path, "%s/%s", dir, t->file);
			f = fopen(path, "w");
			CHECK(f && t->write(&res, f) == 0, "%s written", t->file);
			if (f)
				fclose(f);
			pc_error_clear(&err);
			CHECK(pc_table_read(&tab, path, path, 0, &err) == 0, "%s reads back: %s", t->file, err.msg);
			if (!err.msg[0]) {
				CHECK(tab.nrows > 1 && tab.row[0].nfields >= 2, "%s has a header and rows", t->file);
				pc_table_release(&tab);
			}
			remove(path);
		}
		pc_result_release(&res);
	}
	rmdir(dir);
	pc_scenario_release(&sc);
}

/* Mean of a per-replication ratio sum/n. */
static double mean_ratio(const pc_result *res, size_t off_sum, size_t off_n)
{
	double s = 0;

	for (int r = 0; r < res->reps; r++) {
		const char *p = (const char *)&res->rep[r];
		s += *(const double *)(p + off_sum) / *(const double *)(p + off_n);
	}
	return s / res->reps;
}

/* Serving the oldest request first (age) pays week-old returns before new
 * requests: the payout segment shortens, the first response lengthens. */
static void test_disciplines(void)
{
	pc_scenario sc;
	pc_result fifo, age;
	pc_error err;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	pc_error_clear(&err);
	if (run(&sc, 3, 6, 2, &fifo)) {
		CHECK(0, "fifo run");
		pc_scenario_release(&sc);
		return;
	}
	CHECK(pc_scenario_set(&sc, "staff.agent", "discipline", "age", &err) == 0, "set discipline = age");
	if (!run(&sc, 3, 6, 2, &age)) {
		double pf = mean_ratio(&fifo, offsetof(pc_rep, seg_sum[PC_SEG_PAYOUT]), offsetof(pc_rep, seg_n[PC_SEG_PAYOUT]));
		double pa = mean_ratio(&age, offsetof(pc_rep, seg_sum[PC_SEG_PAYOUT]), offsetof(pc_rep, seg_n[PC_SEG_PAYOUT]));
		double ff = mean_ratio(&fifo, offsetof(pc_rep, fr_sum), offsetof(pc_rep, fr_n));
		double fa = mean_ratio(&age, offsetof(pc_rep, fr_sum), offsetof(pc_rep, fr_n));
		printf("# payout segment fifo %.2f h, age %.2f h; first response fifo %.1f min, age %.1f min\n",
		       pf / 3600, pa / 3600, ff / 60, fa / 60);
		CHECK(pa < pf, "age: payouts sooner (%.0f s vs %.0f s)", pa, pf);
		CHECK(fa > ff, "age: first responses later (%.0f s vs %.0f s)", fa, ff);
		pc_result_release(&age);
	}
	pc_result_release(&fifo);
	pc_scenario_release(&sc);
}

/* The mean of KPI key in res, NaN when the table has no such KPI. */
static double kpi(const pc_result *res, const char *key)
{
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);

	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].key, key))
			return k[i].mean;
	return NAN;
}

/* Sets section.key = value in sc, failing the test if it does not load. */
static int set(pc_scenario *sc, const char *section, const char *key, const char *value)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (pc_scenario_set(sc, section, key, value, &err)) {
		printf("# cannot set [%s] %s = %s: %s\n", section, key, value,
		       pc_error_format(&err, msg, sizeof msg));
		CHECK(0, "set [%s] %s = %s", section, key, value);
		return -1;
	}
	return 0;
}

/* Peak dates [004]: the requests peak on the day the entry opens (the
 * closed entry's backlog), the escalations a protection period and a bit
 * later; a longer protection period moves the escalation peak later by as
 * much; the KPIs are in kpis.csv only once processing_cycle is given. */
static void test_peaks(void)
{
	pc_scenario sc;
	pc_result a, b;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (run(&sc, 11, 6, 2, &a) == 0) {
		pc_peak req, esc;
		CHECK(isnan(kpi(&a, "refund_request_peak_day")), "no processing_cycle: no peak KPIs");
		pc_result_peak(&a, PC_DAY_ARRIVED, &req);
		pc_result_peak(&a, PC_DAY_ESCALATED, &esc);
		CHECK(req.day == 11, "requests peak on 11-12, the day the entry opens (day %d)", req.day);
		CHECK(esc.day >= 16 && esc.day <= 18, "escalations peak 5 to 7 days later (day %d)", esc.day);
		pc_result_release(&a);
	}
	if (set(&sc, "platform", "processing_cycle", "5d") || run(&sc, 11, 6, 2, &a)) {
		pc_scenario_release(&sc);
		return;
	}
	/* A result borrows its scenario: read a's KPIs before sc changes. */
	double ra = kpi(&a, "refund_request_peak_day"), ea = kpi(&a, "escalation_peak_day");
	double ga = kpi(&a, "escalation_peak_after_request_peak"), ma = kpi(&a, "processing_cycle_margin");
	double ca = kpi(&a, "finished_within_processing_cycle"), fa = kpi(&a, "finished_within_5d");

	if (set(&sc, "platform", "protection_period", "7d") || run(&sc, 11, 6, 2, &b)) {
		pc_result_release(&a);
		pc_scenario_release(&sc);
		return;
	}
	{
		double gb = kpi(&b, "escalation_peak_after_request_peak");

		printf("# peaks: requests day %.2f, escalations day %.2f (gap %.2f d at 5d, %.2f d at 7d)\n", ra,
		       ea, ga, gb);
		CHECK(ra == 11, "refund_request_peak_day 11 (11-12), got %g", ra);
		CHECK(ga >= 5 && ga < 7, "escalations peak 5 to 7 days after the requests, got %g", ga);
		CHECK(gb > ga + 1.5 && gb < ga + 2.5, "a 7d protection period moves the gap by 2 days: %g vs %g", gb, ga);
		CHECK(ma == 0 && kpi(&b, "processing_cycle_margin") == 2,
		      "margin = protection period - processing cycle: %g, %g", ma, kpi(&b, "processing_cycle_margin"));
		CHECK(fabs(ca - fa) < 1e-9, "a 5d cycle finishes what finishes within 5d: %g vs %g", ca, fa);
	}
	pc_result_release(&a);
	pc_result_release(&b);
	pc_scenario_release(&sc);
}

/* Automatic refund rules [000]: with an unshipped rule below 200 CNY and
 * 20% of buyers with good credit, a quarter of the requests are matched
 * (0.3 x (1 - 0.441 x 0.8) + 0.3 x 0.2 = 25.4%, P(order amount < 200) =
 * 0.559 for lognormal(mean=250, cv=1)); they are refunded at once, so the
 * refund-only completion time falls and more requests are answered within
 * 30 minutes; a short agent check keeps part of the gain. */
static void test_auto_refund(void)
{
	pc_scenario sc;
	pc_result res;
	double ro0, fr0, ro1, fr1, share, money, out, ro2, matched_per_rep = 0;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (run(&sc, 13, 6, 2, &res))
		goto out;
	ro0 = kpi(&res, "refund_only_completion");
	fr0 = kpi(&res, "first_response_within");
	CHECK(isnan(kpi(&res, "auto_refund_matched")), "rules off: no auto_refund KPIs");
	pc_result_release(&res);
	if (set(&sc, "auto_refund", "unshipped_below", "200") || set(&sc, "auto_refund", "good_credit", "20%") ||
	    run(&sc, 13, 6, 2, &res))
		goto out;
	ro1 = kpi(&res, "refund_only_completion");
	fr1 = kpi(&res, "first_response_within");
	share = kpi(&res, "auto_refund_matched");
	money = kpi(&res, "auto_refund_money");
	out = kpi(&res, "auto_refund_goods_out");
	for (int r = 0; r < res.reps; r++)
		matched_per_rep += res.rep[r].auto_matched / res.reps;
	pc_result_release(&res);
	printf("# auto refund: matched %.1f%%, %.0f CNY, %.0f with goods out; refund-only %.1f h -> %.1f h, "
	       "first response within 30min %.1f%% -> %.1f%%\n", share, money, out, ro0, ro1, fr0, fr1);
	CHECK(fabs(share - 25.4) < 2, "matched share %.2f%% near 25.4%%", share);
	CHECK(ro1 < 0.8 * ro0, "rules cut the refund-only completion time: %.2f h vs %.2f h", ro1, ro0);
	CHECK(fr1 > fr0 + 10, "rules answer more within 30min: %.1f%% vs %.1f%%", fr1, fr0);
	CHECK(money > 50 * matched_per_rep && money < 300 * matched_per_rep,
	      "money refunded without review %.0f CNY for %.0f matches", money, matched_per_rep);
	CHECK(out > 0 && out < matched_per_rep, "some matches paid with the goods out: %.0f", out);
	if (set(&sc, "auto_refund", "check", "fixed(2min)") || run(&sc, 13, 6, 2, &res))
		goto out;
	ro2 = kpi(&res, "refund_only_completion");
	CHECK(fabs(kpi(&res, "auto_refund_matched") - share) < 1e-9, "a check matches the same requests");
	CHECK(ro2 > ro1 && ro2 < ro0, "a 2min agent check keeps part of the gain: %.2f h (%.2f h at once, %.2f h off)",
	      ro2, ro1, ro0);
	pc_result_release(&res);
out:
	pc_scenario_release(&sc);
}

/* The batch refund tool and the ERP interception race [001][004], on a
 * small shop whose refunds come hours after the order: runs every 30min at
 * 30s a request (instead of 3min alone) lower the agents' busy time and
 * the refund-only completion time; with ship_delay the interception fails
 * when the goods left first, so slow handling loses more of them, and an
 * evening shift or the batch tool saves some. */
static void test_batch_intercept(void)
{
	pc_scenario sc;
	pc_result res;
	double ro0, u0, ro1, u1, runs, size, f_ship, left, f_batch, f_two, f_zero, f_never;

	if (load(&sc, "tests/data/sim/levers.ini")) {
		CHECK(0, "load levers");
		return;
	}
	if (run(&sc, 21, 8, 2, &res))
		goto out;
	ro0 = kpi(&res, "refund_only_completion");
	u0 = kpi(&res, "utilisation_agent");
	CHECK(isnan(kpi(&res, "batch_runs")) && isnan(kpi(&res, "intercept_failed")), "lever off: no KPIs");
	pc_result_release(&res);
	if (set(&sc, "path.unshipped", "batch_every", "30min") || run(&sc, 21, 8, 2, &res))
		goto out;
	ro1 = kpi(&res, "refund_only_completion");
	u1 = kpi(&res, "utilisation_agent");
	runs = kpi(&res, "batch_runs");
	size = kpi(&res, "batch_size_mean");
	pc_result_release(&res);
	printf("# batch tool: %.1f runs of %.1f requests; agents busy %.1f%% -> %.1f%%, refund-only %.1f h -> %.1f h\n",
	       runs, size, u0, u1, ro0, ro1);
	CHECK(runs > 5 && size > 2, "batch runs happen: %.1f runs of %.1f", runs, size);
	CHECK(u1 < u0 - 1, "batches cut the agents' busy time: %.2f%% vs %.2f%%", u1, u0);
	CHECK(ro1 < ro0, "batches cut the refund-only completion time: %.2f h vs %.2f h", ro1, ro0);
	if (set(&sc, "path.unshipped", "batch_every", "none") ||
	    set(&sc, "path.unshipped", "ship_delay", "lognormal(mean=12h, sd=8h)") || run(&sc, 21, 8, 2, &res))
		goto out;
	f_ship = kpi(&res, "intercept_failed");
	left = kpi(&res, "goods_left_before_request");
	pc_result_release(&res);
	if (set(&sc, "path.unshipped", "batch_every", "30min") || run(&sc, 21, 8, 2, &res))
		goto out;
	f_batch = kpi(&res, "intercept_failed");
	pc_result_release(&res);
	if (set(&sc, "path.unshipped", "batch_every", "none") ||
	    set(&sc, "staff.agent", "shifts", "day 09:00-18:00, evening 18:00-24:00") || run(&sc, 21, 8, 2, &res))
		goto out;
	f_two = kpi(&res, "intercept_failed");
	pc_result_release(&res);
	if (set(&sc, "path.unshipped", "ship_delay", "fixed(0s)") || run(&sc, 21, 2, 2, &res))
		goto out;
	f_zero = kpi(&res, "intercept_failed");
	pc_result_release(&res);
	if (set(&sc, "path.unshipped", "ship_delay", "fixed(1000d)") || run(&sc, 21, 2, 2, &res))
		goto out;
	f_never = kpi(&res, "intercept_failed");
	pc_result_release(&res);
	printf("# interception: %.1f%% fail (%.1f%% hopeless at the request), %.1f%% with batches, %.1f%% with an evening shift\n",
	       f_ship, left, f_batch, f_two);
	CHECK(f_ship > left + 10, "slow handling loses interceptions: %.1f%% fail, %.1f%% hopeless", f_ship, left);
	CHECK(f_batch < f_ship - 3, "batches save interceptions: %.1f%% vs %.1f%%", f_batch, f_ship);
	CHECK(f_two < f_ship - 10, "an evening shift saves interceptions: %.1f%% vs %.1f%%", f_two, f_ship);
	CHECK(f_two >= left, "no shift saves goods that left before the request");
	CHECK(f_zero == 100 && f_never == 0, "goods gone at once: all fail (%g%%); never: none (%g%%)", f_zero, f_never);
out:
	pc_scenario_release(&sc);
}

/* Late requests [003]: with requests lognormal(mean=5d, sd=5d) after the
 * order and a 7-day after-sales period, P(delay > 7d) = 20.6% are late (a
 * far horizon cuts none off); refusing them all brings far more
 * escalations than reopening their entry; with no extension left, no
 * request can be reopened. */
static void test_late(void)
{
	pc_scenario sc;
	pc_result res;
	double share, esc_mix, esc_refuse, esc_reopen, reopened, beyond, refused, off_esc;
	/* lognormal(mean=5, sd=5): s2 = ln 2, mu = ln 5 - s2 / 2. */
	double expect = 100 * gsl_cdf_lognormal_Q(7, log(5) - log(2) / 2, sqrt(log(2)));

	if (load(&sc, "tests/data/sim/levers.ini")) {
		CHECK(0, "load levers");
		return;
	}
	if (set(&sc, "refunds", "request_delay", "lognormal(mean=5d, sd=5d)") ||
	    set(&sc, "promotion", "horizon", "2027-01-31") || run(&sc, 31, 8, 2, &res))
		goto out;
	off_esc = kpi(&res, "escalations");
	CHECK(isnan(kpi(&res, "late_requests")), "late period none: no late KPIs");
	pc_result_release(&res);
	if (set(&sc, "late", "period", "7d") || run(&sc, 31, 8, 2, &res))
		goto out;
	share = kpi(&res, "late_share");
	esc_mix = kpi(&res, "escalations");
	pc_result_release(&res);
	if (set(&sc, "late", "choices", "refuse 100%") || run(&sc, 31, 8, 2, &res))
		goto out;
	esc_refuse = kpi(&res, "escalations");
	refused = kpi(&res, "late_refused");
	CHECK(fabs(refused - kpi(&res, "late_requests")) < 1e-9, "refuse 100%%: every late request refused");
	pc_result_release(&res);
	if (set(&sc, "late", "choices", "reopen 100%") || run(&sc, 31, 8, 2, &res))
		goto out;
	esc_reopen = kpi(&res, "escalations");
	reopened = kpi(&res, "late_reopened");
	CHECK(fabs(kpi(&res, "late_requests") - refused) < 1e-9, "the same requests are late whatever the answer");
	CHECK(fabs(reopened + kpi(&res, "late_beyond_extensions") - refused) < 1e-9,
	      "reopen 100%%: all reopened but those past the 3 extensions of 7d");
	pc_result_release(&res);
	if (set(&sc, "late", "extensions", "0") || run(&sc, 31, 8, 2, &res))
		goto out;
	beyond = kpi(&res, "late_beyond_extensions");
	CHECK(kpi(&res, "late_reopened") == 0 && fabs(beyond - refused) < 1e-9,
	      "no extension: none reopened, all %g beyond (%g)", refused, beyond);
	pc_result_release(&res);
	printf("# late: %.1f%% late (%.1f%% expected); escalations %.1f off, %.1f default answers, "
	       "%.1f refused, %.1f reopened\n", share, expect, off_esc, esc_mix, esc_refuse, esc_reopen);
	CHECK(fabs(share - expect) < 2.5, "late share %.2f%% near %.2f%%", share, expect);
	CHECK(esc_refuse > esc_mix + 5 && esc_mix > esc_reopen, "refusing escalates most: %.1f > %.1f > %.1f",
	      esc_refuse, esc_mix, esc_reopen);
	CHECK(esc_mix > off_esc, "late requests add escalations: %.1f vs %.1f", esc_mix, off_esc);
out:
	pc_scenario_release(&sc);
}

/* The service catalogue [002]: with its default ratios (40% per refund in
 * all, as the single ratio) the same cases arrive, split by kind; invoices
 * and exchanges close only with their follow-up, days later; more exchanges
 * bring more work; an invoice without follow-up closes the same day. */
static void test_catalogue(void)
{
	pc_scenario sc;
	pc_result res;
	double as0, as1, u1, parcel, invoice, exchange, as2, u2, invoice2, sum = 0;

	if (load_v1(&sc, "scenarios/double11.ini")) {
		CHECK(0, "load double11");
		return;
	}
	if (run(&sc, 17, 6, 2, &res))
		goto out;
	as0 = kpi(&res, "after_sales_requests");
	CHECK(isnan(kpi(&res, "service_close_invoice")), "catalogue off: no catalogue KPIs");
	pc_result_release(&res);
	if (set(&sc, "after_sales", "catalogue", "yes") || run(&sc, 17, 6, 2, &res))
		goto out;
	as1 = kpi(&res, "after_sales_requests");
	u1 = kpi(&res, "utilisation_agent");
	parcel = kpi(&res, "service_close_where_is_my_parcel");
	invoice = kpi(&res, "service_close_invoice");
	exchange = kpi(&res, "service_close_exchange");
	for (int k = 0; k < PC_NSERVICES; k++) {
		char key[64];
		snprintf(key, sizeof key, "service_cases_%s", pc_service_name((pc_service)k));
		sum += kpi(&res, key);
	}
	CHECK(fabs(sum - as1) < 1e-6, "cases by kind add up to the after-sales cases: %g vs %g", sum, as1);
	CHECK(fabs(kpi(&res, "service_cases_where_is_my_parcel") / as1 - 0.35) < 0.03,
	      "where_is_my_parcel is 14/40 of the cases");
	pc_result_release(&res);
	if (set(&sc, "service.exchange", "ratio", "20%") || run(&sc, 17, 6, 2, &res))
		goto out;
	as2 = kpi(&res, "after_sales_requests");
	u2 = kpi(&res, "utilisation_agent");
	pc_result_release(&res);
	if (set(&sc, "service.invoice", "follow_up_after", "none") || run(&sc, 17, 6, 2, &res))
		goto out;
	invoice2 = kpi(&res, "service_close_invoice");
	pc_result_release(&res);
	printf("# catalogue: %.0f cases (%.0f without); close parcel %.1f h, invoice %.1f h (%.1f h without "
	       "follow-up), exchange %.1f h; 20%% exchanges: %.0f cases, agents %.1f%% -> %.1f%%\n",
	       as1, as0, parcel, invoice, invoice2, exchange, as2, u1, u2);
	CHECK(as1 == as0, "same ratio, same after-sales arrivals: %g vs %g", as1, as0);
	CHECK(parcel < 24 && invoice > parcel + 40 && exchange > invoice + 30,
	      "follow-ups keep invoices (2d) and exchanges (3.5d) open: %.1f, %.1f, %.1f h", parcel, invoice, exchange);
	CHECK(fabs(as2 / as1 - 0.56 / 0.40) < 0.05, "exchange 20%%: 56%% per refund, %g vs %g cases", as2, as1);
	CHECK(u2 > u1 + 1, "more exchanges, busier agents: %.2f%% vs %.2f%%", u2, u1);
	CHECK(invoice2 < 24, "an invoice without follow-up closes within a day: %.1f h", invoice2);
out:
	pc_scenario_release(&sc);
}

/* Requests kept across runs (the planner's screening replications): the
 * first run draws and keeps them, the next takes them, both give the
 * figures of runs without the cache, byte for byte; a cache is not used
 * for another seed or demand, nor beyond its replications. */
static void test_requests_kept(const char *path, const char *section, const char *key, const char *value)
{
	pc_scenario sc;
	pc_result plain, first, again, other, moved;
	pc_requests_kept *k;
	int same = 1;

	if (load(&sc, path) || (section && set(&sc, section, key, value))) {
		CHECK(0, "load %s", path);
		return;
	}
	memset(&other, 0, sizeof other);
	memset(&moved, 0, sizeof moved);
	if (run(&sc, 5, 3, 2, &plain)) {
		CHECK(0, "%s: run", path);
		pc_scenario_release(&sc);
		return;
	}
	k = pc_requests_kept_new(&sc, 5, 2);
	sc.requests_kept = k;
	if (!k || run(&sc, 5, 3, 2, &first) || run(&sc, 5, 3, 1, &again)) {
		CHECK(0, "%s: runs with a cache", path);
		goto out;
	}
	CHECK(pc_requests_kept_hits(k) == 2 && pc_requests_kept_bytes(k) > 0,
	      "%s%s%s: the second run takes replications 0 and 1 as kept (%ld taken, %.0f bytes)", path,
	      section ? " with " : "", section ? key : "", pc_requests_kept_hits(k), pc_requests_kept_bytes(k));
	for (int r = 0; r < 3; r++)
		same = same && same_rep(&plain.rep[r], &first.rep[r]) && same_rep(&plain.rep[r], &again.rep[r]);
	CHECK(same, "%s: the replications drawn, kept and taken are the same, byte for byte", path);
	pc_result_release(&first);
	pc_result_release(&again);
	/* Another seed: not taken. */
	if (!run(&sc, 6, 1, 1, &other))
		CHECK(pc_requests_kept_hits(k) == 2, "%s: another seed draws its own", path);
	/* Another demand: not taken, the figures its own. */
	sc.requests_kept = NULL;
	if (!set(&sc, "promotion", "gmv", "30000000") && !run(&sc, 5, 1, 1, &first)) {
		sc.requests_kept = k;
		if (!run(&sc, 5, 1, 1, &moved))
			CHECK(pc_requests_kept_hits(k) == 2 && same_rep(&first.rep[0], &moved.rep[0]),
			      "%s: another demand draws its own (%ld taken)", path, pc_requests_kept_hits(k));
		pc_result_release(&first);
	}
out:
	pc_result_release(&plain);
	pc_result_release(&other);
	pc_result_release(&moved);
	sc.requests_kept = NULL;
	pc_requests_kept_free(k);
	pc_scenario_release(&sc);
}

/* Dual-skill agents [004]: pre-sale chats (half a chat per order) share
 * the two agents with the refunds, beside three pre-sale-only agents.
 * Without dual-skill agents the refunds see exactly the run without chats
 * (the routing is the same); making the agents dual-skill with chats first
 * every day cuts the chat wait and lengthens the refunds' first response;
 * with chats second, the dual-skill agents only fill the gaps. */
static void test_dual_skill(void)
{
	pc_scenario sc;
	pc_result res;
	double fr_off, fr0, w0, fr_all, w_all, by_dual, fr_none, w_none;

	if (load(&sc, "tests/data/sim/levers.ini")) {
		CHECK(0, "load levers");
		return;
	}
	if (run(&sc, 41, 6, 2, &res))
		goto out;
	fr_off = kpi(&res, "first_response_mean");
	CHECK(isnan(kpi(&res, "presale_chats")), "no chats: no pre-sale KPIs");
	pc_result_release(&res);
	if (set(&sc, "presale", "chats_per_order", "50%") || set(&sc, "staff.presale", "roster", "3") ||
	    run(&sc, 41, 6, 2, &res))
		goto out;
	fr0 = kpi(&res, "first_response_mean");
	w0 = kpi(&res, "presale_wait_mean");
	CHECK(fabs(kpi(&res, "presale_chats") / 3000 - 1) < 0.05, "3000 chats expected, %g", kpi(&res, "presale_chats"));
	CHECK(kpi(&res, "presale_by_dual_skill") == 0, "no dual-skill agent, no chat answered by one");
	pc_result_release(&res);
	if (set(&sc, "presale", "dual_skill", "100%") || set(&sc, "presale", "priority_days", "all") ||
	    run(&sc, 41, 6, 2, &res))
		goto out;
	fr_all = kpi(&res, "first_response_mean");
	w_all = kpi(&res, "presale_wait_mean");
	by_dual = kpi(&res, "presale_by_dual_skill");
	pc_result_release(&res);
	if (set(&sc, "presale", "priority_days", "none") || run(&sc, 41, 6, 2, &res))
		goto out;
	fr_none = kpi(&res, "first_response_mean");
	w_none = kpi(&res, "presale_wait_mean");
	pc_result_release(&res);
	printf("# dual skill: chat wait %.0f min (single-skill), %.0f (dual, chats first), %.0f (dual, chats second); "
	       "refund first response %.0f, %.0f, %.0f min (%.0f without chats); %.1f%% of chats by dual agents\n",
	       w0, w_all, w_none, fr0, fr_all, fr_none, fr_off, by_dual);
	CHECK(fabs(fr0 - fr_off) < 1e-9, "single-skill agents: refunds as without chats (%g vs %g min)", fr0, fr_off);
	CHECK(w_all < 0.5 * w0, "dual-skill agents, chats first: chats wait less (%.0f vs %.0f min)", w_all, w0);
	CHECK(fr_all > 1.5 * fr0, "... and refunds wait longer (%.0f vs %.0f min)", fr_all, fr0);
	CHECK(by_dual > 5, "dual-skill agents answer chats: %.1f%%", by_dual);
	CHECK(w_none < w0 && w_none > w_all, "chats second: in between (%.0f min)", w_none);
	CHECK(fr_none < fr_all && fr_none >= fr0 - 1e-9, "chats second: refunds barely affected (%.1f min)", fr_none);
out:
	pc_scenario_release(&sc);
}

static void test_golden(void)
{
	pc_scenario sc;
	pc_result res;
	const char *golden = "tests/data/sim/golden.kpis.csv";
	char *buf = NULL, *want = NULL;
	size_t len = 0, wlen = 0;
	FILE *f;

	if (load(&sc, "tests/data/sim/golden.ini")) {
		CHECK(0, "load golden");
		return;
	}
	if (run(&sc, sc.seed, sc.replications, 2, &res)) {
		CHECK(0, "run golden");
		pc_scenario_release(&sc);
		return;
	}
	f = open_memstream(&buf, &len);
	pc_output_kpis(&res, f);
	fclose(f);
	if (getenv("PC_UPDATE_GOLDEN")) {
		f = fopen(golden, "w");
		fwrite(buf, 1, len, f);
		fclose(f);
	}
	if ((f = fopen(golden, "r"))) {
		want = malloc(len + 2);
		wlen = fread(want, 1, len + 1, f);
		fclose(f);
	}
	CHECK(want && wlen == len && !memcmp(want, buf, len),
	      "golden kpis.csv of tests/data/sim/golden.ini (regenerate with PC_UPDATE_GOLDEN=1 and read the diff)");
	free(want);
	free(buf);
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

/* The segment histogram's grid: 10-second bins over the first hour, then
 * 15-minute bins; every bin's lower edge falls in that bin, the edge
 * just below it in the one before. */
static void test_segment_bins(void)
{
	int bad = 0;
	double w, prev_end = 0;

	CHECK(pc_seg_bin(0) == 0 && pc_seg_bin(9.99) == 0 && pc_seg_bin(10) == 1 && pc_seg_bin(3599.9) == 359,
	      "10-second bins in the first hour");
	CHECK(pc_seg_bin(3600) == 360 && pc_seg_bin(4499) == 360 && pc_seg_bin(4500) == 361, "then 15-minute bins");
	CHECK(pc_seg_bin(40 * 86400.0) == PC_SEG_BINS - 1 && pc_seg_bin(1e300) == PC_SEG_BINS - 1 && pc_seg_bin(NAN) == 0 &&
		      pc_seg_bin(-5) == 0,
	      "past the grid: the last bin; NaN or negative: the first");
	for (int i = 0; i < PC_SEG_BINS; i++) {
		double lo = pc_seg_bin_lo(i, &w);

		if (pc_seg_bin(lo) != i || lo != prev_end || (i > 0 && pc_seg_bin(lo - 1e-6) != i - 1))
			bad++;
		prev_end = lo + w;
	}
	CHECK(bad == 0, "bins tile the grid edge to edge (%d wrong)", bad);
	CHECK(prev_end >= 30 * 86400.0, "the grid covers 30 days (%.0f s)", prev_end);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_segment_bins();
	test_erlang("tests/data/sim/mmc-09.ini", 1.8, 0.2, 10);
	test_erlang("tests/data/sim/mmc-07.ini", 0.7, 0.2, 5);
	test_conservation_and_baseline();
	test_determinism();
	test_offset_and_offered();
	test_requests_kept("scenarios/double11.ini", NULL, NULL, NULL);
	test_requests_kept("scenarios/double11-forecast.ini", NULL, NULL, NULL);
	test_requests_kept("tests/data/sim/levers.ini", "late", "period", "3d");
	test_rules();
	test_tables_parse();
	test_disciplines();
	test_peaks();
	test_auto_refund();
	test_batch_intercept();
	test_late();
	test_catalogue();
	test_dual_skill();
	test_golden();
	return check_done();
}
