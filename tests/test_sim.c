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

	if (load(&sc, "scenarios/double11.ini")) {
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

	if (load(&sc, "scenarios/double11.ini")) {
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

	if (load(&sc, "scenarios/double11.ini")) {
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

	if (load(&sc, "scenarios/double11.ini")) {
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

int main(void)
{
	gsl_set_error_handler_off();
	test_erlang("tests/data/sim/mmc-09.ini", 1.8, 0.2, 10);
	test_erlang("tests/data/sim/mmc-07.ini", 0.7, 0.2, 5);
	test_conservation_and_baseline();
	test_determinism();
	test_offset_and_offered();
	test_rules();
	test_tables_parse();
	test_disciplines();
	test_golden();
	return check_done();
}
