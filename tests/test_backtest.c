/* test_backtest: the library side of promocap backtest on records built
 * here: the actual KPIs in the cases the hand-made log of backtest_test.sh
 * does not hold (a refund without its order, a refund-only request turned
 * return, an approval above the agent's authority, a handling deadline past
 * the horizon, an ended refund without an end time), the roster derived
 * from the work log, the dates check with its line, and the predicted
 * figures against run's own KPIs with the range sqrt(n + 1) times the CI. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "promocap/backtest.h"

#define H 3600.0
#define DAYS 86400.0

static pc_fit_refund refund(double t, int order, int type, int reason, int status, double end)
{
	pc_fit_refund x;

	memset(&x, 0, sizeof x);
	x.t = t;
	x.end = end;
	x.shipped = x.warehouse = NAN;
	x.order = order;
	x.type = (uint8_t)type;
	x.reason = (uint8_t)reason;
	x.status = (uint8_t)status;
	x.goods = PC_FG_UNKNOWN;
	x.amount = 10;
	return x;
}

int main(void)
{
	pc_scenario sc;
	pc_error err;
	pc_fit_order o[3];
	pc_fit_refund r[5];
	pc_fit_task w[6];
	pc_fit_data d;
	pc_backtest bt;
	pc_result res;
	pc_kpi k[PC_MAX_KPIS];
	int *hc = NULL, nh = 0, nk;
	char buf[4096];

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, "tests/data/backtest/tiny.ini", &err)) {
		printf("not ok - tiny.ini loads: %s\n", pc_error_format(&err, buf, sizeof buf));
		return 1;
	}
	/* two orders in the window, one before it */
	for (int i = 0; i < 3; i++)
		o[i] = (pc_fit_order){ .paid = i == 2 ? -DAYS : 0.5 * H, .dispatch = NAN, .delivered = NAN,
				       .confirm = NAN, .amount = 100, .line = 2 + i };
	r[0] = refund(1 * H, -1, 0, 0, 1, 3 * H);   /* A: no order, quality: counts alone */
	r[1] = refund(2 * H, 0, 0, 3, 1, 50 * H);   /* B: o0's first (other), turned return */
	r[1].shipped = 10 * H;
	r[2] = refund(5 * H, 0, 0, 0, 1, 7 * H);    /* C: o0's second; above the authority */
	r[2].goods = PC_FG_RECEIVED;
	r[2].amount = sc.agent_authority + 1;
	r[3] = refund(108 * H, 1, 0, 0, 0, NAN);    /* D: o1's second, open, deadline past the horizon */
	r[4] = refund(6 * H, 1, 1, 3, 2, NAN);      /* E: o1's first, closed without an end time */
	r[4].escalated = r[4].responsible = 1;
	for (int i = 0; i < 5; i++)
		r[i].line = 2 + i;
	w[0] = (pc_fit_task){ .start = 5.5 * H, .end = 5.6 * H, .refund = 2, .agent = 0 };  /* C handled: first response 30 min */
	w[1] = (pc_fit_task){ .start = 0.5 * H, .end = 2.5 * H, .refund = -1, .agent = 1, .task = 4 }; /* agent 1 over hours 0-2 */
	w[2] = (pc_fit_task){ .start = 5.7 * H, .end = 5.8 * H, .refund = -1, .agent = 0, .task = 4 }; /* agent 0 again in hour 5 */
	w[3] = (pc_fit_task){ .start = 5.2 * H, .end = 5.3 * H, .refund = -1, .agent = 1, .task = 4 }; /* agent 1 in hour 5 */
	w[4] = (pc_fit_task){ .start = 4.0 * H, .end = 4.0 * H, .refund = -1, .agent = 1, .task = 4 }; /* an instant at 04:00 */
	/* a supervisor's approval at 04:30, of C: neither an agent on duty
	 * nor a first response */
	w[5] = (pc_fit_task){ .start = 4.5 * H, .end = 4.6 * H, .refund = 2, .agent = 2, .task = 5, .resource = 1 };
	memset(&d, 0, sizeof d);
	d.day0 = sc.day0;
	d.days = sc.sales_days;
	d.order = o;
	d.norders = 3;
	d.refund = r;
	d.nrefunds = 5;
	d.task = w;
	d.ntasks = 6;
	d.nagents = 3;
	d.has_work = d.has_esc_col = d.has_resp_col = 1;

	CHECK(pc_backtest_actual(&bt, &d, &sc, &err) == 0, "actual KPIs computed");
	CHECK_NEAR(bt.m[PC_BT_REQUESTS].actual, 5, 0, "requests");
	CHECK(bt.orders == 2, "orders in the window: %ld", bt.orders);
	CHECK_NEAR(bt.m[PC_BT_QUALITY].actual, 50, 1e-9, "quality: A alone, not D (o1's second request)");
	CHECK_NEAR(bt.m[PC_BT_RO_TIME].actual, 2, 1e-9, "refund-only completion: A and C, 2 h each");
	CHECK(bt.m[PC_BT_RO_TIME].n == 2, "refund-only completions: 2 (got %ld)", bt.m[PC_BT_RO_TIME].n);
	CHECK_NEAR(bt.m[PC_BT_RR_TIME].actual, 48, 1e-9, "return-refund completion: B, turned return, 48 h");
	CHECK_NEAR(bt.m[PC_BT_DISPUTE].actual, 50, 1e-9, "disputes: E of 2 orders");
	CHECK_NEAR(bt.m[PC_BT_FR_WITHIN].actual, 100, 1e-9, "first response: C's 30 min is within 30 min");
	CHECK_NEAR(bt.m[PC_BT_FR_MEAN].actual, 30, 1e-9, "first response mean 30 min");
	CHECK(bt.m[PC_BT_FR_MEAN].n == 1, "first responses: C only (got %ld)", bt.m[PC_BT_FR_MEAN].n);
	CHECK_NEAR(bt.m[PC_BT_HO_WITHIN].actual, 100.0 / 3, 1e-9,
		   "acted on within 24 h: C (at the approval) of A, B, C; D censored");
	CHECK_NEAR(bt.m[PC_BT_ESC_RATE].actual, 20, 1e-9, "escalations: 1 of 5");
	CHECK_NEAR(bt.m[PC_BT_PEAK].actual, 2, 0, "peak backlog 2 (E left out)");
	CHECK_NEAR(bt.m[PC_BT_OPEN_END].actual, 1, 0, "open at the horizon: D");
	CHECK(bt.ndays == 5, "days to the horizon: %d", bt.ndays);
	{
		static const double want[5][3] = { { 4, 1, 2 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 0 }, { 1, 1, 0 } };
		for (int i = 0; i < 5 && i < bt.ndays; i++)
			for (int c = 0; c < PC_BT_NCURVES; c++)
				CHECK_NEAR(bt.day[i].actual[c], want[i][c], 0, "day curve");
	}
	d.has_resp_col = 0;
	pc_backtest_release(&bt);
	CHECK(pc_backtest_actual(&bt, &d, &sc, &err) == 0 && isnan(bt.m[PC_BT_DISPUTE].actual) &&
	      bt.m[PC_BT_DISPUTE].why && strstr(bt.m[PC_BT_DISPUTE].why, "卖家责任"),
	      "no 卖家责任 column: no dispute rate, and why");
	pc_backtest_release(&bt);

	/* the roster: distinct agents with work in each hour */
	CHECK(pc_backtest_roster(&d, &sc, &hc, &nh, &err) == 0, "roster derived");
	CHECK(nh == 120, "120 hours to the horizon (got %d)", nh);
	{
		static const int want[7] = { 1, 1, 1, 0, 1, 2, 0 };
		for (int h = 0; h < 7 && h < nh; h++)
			CHECK(hc[h] == want[h], "hour %d: %d agents (got %d)", h, want[h], hc[h]);
	}
	{
		FILE *f = tmpfile();
		size_t n;
		CHECK(f && pc_backtest_roster_write(hc, nh, &sc, f) == 0, "roster written");
		rewind(f);
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		CHECK(!strcmp(buf, "datetime,headcount\n2026-11-01 00:00,1\n2026-11-01 03:00,0\n2026-11-01 04:00,1\n"
				   "2026-11-01 05:00,2\n2026-11-01 06:00,0\n"),
		      "roster_derived.csv: change points only (got '%s')", buf);
	}
	free(hc);
	d.has_work = 0;
	CHECK(pc_backtest_roster(&d, &sc, &hc, &nh, &err) == PC_EINPUT, "no work log: no roster to derive");
	d.has_work = 1;
	pc_error_clear(&err); /* the first error set is kept: start afresh */

	/* the dates: a refund after the horizon names its row */
	{
		pc_fit_input in = { .orders = "o.csv", .refunds = "r.csv" };
		CHECK(pc_backtest_check(&d, &in, &sc, &err) == 0, "the records fit the scenario");
		r[3].t = 121 * H;
		CHECK(pc_backtest_check(&d, &in, &sc, &err) == PC_EINPUT && err.line == 5 &&
		      !strcmp(err.file, "r.csv"), "a refund past the horizon: r.csv:5 (got %s)",
		      pc_error_format(&err, buf, sizeof buf));
		r[3].t = 108 * H;
		pc_error_clear(&err);
		o[0].paid = o[1].paid = 3 * DAYS;
		CHECK(pc_backtest_check(&d, &in, &sc, &err) == PC_EINPUT && err.line == 2,
		      "no order in the window: the first outside, o.csv:2 (got %s)", pc_error_format(&err, buf, sizeof buf));
		o[0].paid = o[1].paid = 0.5 * H;
	}

	/* predicted: run's own KPI figures, the range sqrt(n + 1) times the CI */
	CHECK(pc_run(&sc, 3, 6, 1, &res, &err) == 0, "tiny scenario runs");
	CHECK(pc_backtest_actual(&bt, &d, &sc, &err) == 0 && pc_backtest_predict(&bt, &res, &err) == 0,
	      "predicted figures added");
	nk = pc_result_kpis(&res, k, PC_MAX_KPIS);
	for (int i = 0; i < nk; i++) {
		for (int m = 0; m < PC_BT_NMETRICS; m++) {
			const pc_bt_pred *p = &bt.m[m].pred;
			if (strcmp(k[i].key, bt.m[m].key) || isnan(k[i].mean))
				continue;
			CHECK_NEAR(p->mean, k[i].mean, 1e-9, k[i].key);
			if (!isnan(k[i].lo) && k[i].lo > 0 && (strcmp(bt.m[m].unit, "%") || k[i].hi < 100)) {
				CHECK_NEAR(p->lo, k[i].lo, 1e-9, "CI low as run's");
				CHECK_NEAR(p->phi - p->mean, (k[i].hi - k[i].mean) * sqrt(7.0), 1e-9, "range = CI x sqrt(n + 1)");
			}
		}
	}
	CHECK(bt.reps == 6 && bt.compared > 0 && bt.worst >= 0, "compared %d metrics, worst %d", bt.compared, bt.worst);
	pc_backtest_verdict(&bt, buf, sizeof buf);
	CHECK(!strncmp(buf, "the model reproduces last year within 10% on ", 45), "verdict: %s", buf);
	pc_backtest_release(&bt);
	pc_result_release(&res);
	pc_scenario_release(&sc);
	return check_done();
}
