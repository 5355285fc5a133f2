/* test_carry: the simulator's carry-in (a run that starts part way with
 * refunds already open) and replan's reading of the actuals: an empty
 * carry-in at 0 is the plain run, each carried refund is one more arrival
 * of the run and nothing arrives before the start, refunds past the
 * seller-response timeout are approved at the start, and the export's
 * rows land in the stage their times and status give. */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "promocap/carry.h"
#include "promocap/replan.h"
#include "promocap/sim.h"

static const char *const path = "tests/data/replan/small.ini";

static int load(pc_scenario *sc)
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

/* One replication of sc into rep (initialised here). */
static int run1(const pc_scenario *sc, pc_rep *rep)
{
	pc_error err;
	pc_sim *sim = pc_sim_new(sc, &err);
	int rc;

	if (!sim || pc_rep_init(rep, sc)) {
		pc_sim_free(sim);
		return -1;
	}
	rc = pc_sim_run(sim, sc->seed, 0, rep, &err);
	if (rc)
		printf("# run failed: %s\n", err.msg);
	pc_sim_free(sim);
	return rc;
}

/* No one of resource r on duty, on any day. */
static void nobody(pc_scenario *sc, int r)
{
	pc_staff *st = &sc->staff[r];

	for (int k = 0; k < st->ndays * st->nshifts; k++)
		st->headcount[k] = 0;
}

static double arrived(const pc_rep *r)
{
	return r->arrived[0] + r->arrived[1] + r->arrived[2] + r->arrived[3];
}

static void test_engine(void)
{
	pc_scenario sc;
	pc_rep plain, empty, late, with;
	pc_carry none = { 0, 0, NULL }, later, cy;
	const double start = 2 * 86400.0 + 10 * 3600.0;
	pc_carry_item it[7];
	int d0 = (int)(start / 86400.0);
	double before = 0;

	if (load(&sc))
		return;
	/* An empty carry-in at 0: the same replication. */
	CHECK(run1(&sc, &plain) == 0, "plain run");
	sc.carry = &none;
	CHECK(run1(&sc, &empty) == 0, "run with an empty carry-in at 0");
	CHECK(arrived(&empty) == arrived(&plain) && empty.fr_n == plain.fr_n && empty.fr_within == plain.fr_within &&
		      empty.finished[3] == plain.finished[3] && empty.busy[0] == plain.busy[0],
	      "an empty carry-in at 0 is the plain run (%.0f vs %.0f arrived)", arrived(&empty), arrived(&plain));
	CHECK(!memcmp(empty.daily, plain.daily, sizeof(double) * (size_t)plain.ndays * PC_DAY_NCOLS),
	      "the same days figure for figure");
	/* Starting later: nothing arrives before the start. */
	later = (pc_carry){ start, 0, NULL };
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "run from %.0f s", start);
	for (int d = 0; d < d0; d++)
		before += late.daily[(size_t)d * PC_DAY_NCOLS + PC_DAY_ARRIVED];
	CHECK(before == 0, "no request before the start (%.0f)", before);
	CHECK(arrived(&late) > 0 && arrived(&late) < arrived(&plain), "the requests after the start only (%.0f of %.0f)",
	      arrived(&late), arrived(&plain));
	/* Seven refunds carried in, one in each stage: seven more arrivals
	 * (the arrival streams are the carry-in's own), conservation holds. */
	memset(it, 0, sizeof it);
	for (int i = 0; i < 7; i++) {
		it[i].t_request = start - (7 - i) * 3600.0;
		it[i].t_stage = it[i].t_shipped = NAN;
	}
	it[0].path = PC_PATH_RETURN, it[0].state = PC_ST_AGENT;
	it[0].t_request = start - 3 * 86400.0 + 3600; /* requested before the scenario: past the 48 h timeout */
	it[1].path = PC_PATH_IN_TRANSIT, it[1].state = PC_ST_COURIER;
	it[2].path = PC_PATH_RECEIVED, it[2].state = PC_ST_SUPERVISOR;
	it[3].path = PC_PATH_RETURN, it[3].state = PC_ST_BUYER;
	it[4].path = PC_PATH_RETURN, it[4].state = PC_ST_TRANSIT, it[4].t_stage = start - 3600;
	it[5].path = PC_PATH_RETURN, it[5].state = PC_ST_INSPECT, it[5].t_stage = start - 600;
	it[6].path = PC_PATH_UNSHIPPED, it[6].state = PC_ST_AGENT, it[6].escalated = 1;
	cy = (pc_carry){ start, 7, it };
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "run with seven refunds carried in");
	CHECK(arrived(&with) == arrived(&late) + 7, "seven more arrivals (%.0f vs %.0f)", arrived(&with),
	      arrived(&late));
	CHECK(with.escalated == late.escalated, "an escalation before the start is not one of the run's");
	before = 0;
	for (int d = 0; d < d0; d++)
		for (int k = 0; k < PC_DAY_NCOLS; k++)
			before += fabs(with.daily[(size_t)d * PC_DAY_NCOLS + k]);
	CHECK(before == 0, "the days before the start hold nothing (past: not judged)");
	pc_rep_release(&late);
	pc_rep_release(&with);
	/* With no agent on duty, the refund requested 71 h before the start
	 * (past the 48 h seller-response timeout) is approved by the platform
	 * at the start, the unshipped one 48 h after its request: two
	 * approvals more than without them, both first responses. */
	nobody(&sc, PC_RES_AGENT);
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "run from the start, no agents");
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with the carry-in, no agents");
	CHECK(with.auto_approved == late.auto_approved + 2,
	      "the two waiting for an agent are approved by the platform (%.0f vs %.0f)", with.auto_approved,
	      late.auto_approved);
	CHECK(with.fr_n == late.fr_n + 2, "their first responses count (%.0f vs %.0f)", with.fr_n, late.fr_n);
	pc_rep_release(&plain);
	pc_rep_release(&empty);
	pc_rep_release(&late);
	pc_rep_release(&with);
	sc.carry = NULL;
	pc_scenario_release(&sc);
}

/* Writes text into a temporary file; returns its name (static). */
static const char *write_tmp(const char *text)
{
	static char name[64];
	FILE *f;

	snprintf(name, sizeof name, "/tmp/test_carry_%ld.csv", (long)getpid());
	f = fopen(name, "w");
	if (!f)
		return NULL;
	fputs(text, f);
	fclose(f);
	return name;
}

static void test_read(void)
{
	pc_scenario sc;
	pc_replan rp;
	pc_replan_input in;
	pc_error err;
	double now;
	static const char head[] = "退款编号,订单编号,申请退款时间,退款类型,退款阶段,货物状态,退款原因,退款金额,退款状态,"
				   "退款完结时间,小二介入,买家退货时间,卖家收货时间\n";
	char text[4096];
	const char *file;
	int rc;

	if (load(&sc))
		return;
	pc_error_clear(&err);
	CHECK(pc_replan_now(&sc, "2026-11-13 10:00", &now, &err) == 0 && now == 2 * 86400.0 + 36000.0,
	      "--now in seconds from the start (%.0f)", now);
	CHECK(pc_replan_now(&sc, "2026-11-10 10:00", &now, &err) == PC_EINPUT, "before the start: refused");
	CHECK(pc_replan_now(&sc, "2026-11-13 25:00", &now, &err) == PC_EINPUT, "hour 25: refused");
	pc_replan_now(&sc, "2026-11-13 10:00", &now, &err);
	snprintf(text, sizeof text, "%s"
		 "1,a,2026-11-13 09:20:00,仅退款,售中,未发货,其他,10,买家已经申请退款，等待卖家同意,,否,,\n"
		 "2,b,2026-11-12 09:00:00,退货退款,售中,已收货,质量问题,10,卖家已经同意退款，等待买家退货,,否,,\n"
		 "3,c,2026-11-11 09:00:00,退货退款,售中,已收货,质量问题,10,买家已经退货，等待卖家确认收货,,否,2026-11-12 09:00:00,\n"
		 "4,d,2026-11-11 08:00:00,退货退款,售中,已收货,质量问题,10,退款成功,2026-11-14 08:00:00,否,2026-11-12 09:00:00,2026-11-13 08:00:00\n"
		 "5,e,2026-11-11 07:00:00,仅退款,售中,已发货未收货,其他,10,退款处理中,,是,,\n"
		 "6,f,2026-11-11 06:00:00,仅退款,售中,未发货,其他,10,退款成功,2026-11-11 07:00:00,否,,\n"
		 "7,g,2026-11-11 05:00:00,仅退款,售中,已收货,其他,10,退款成功,2026-11-13 12:00:00,否,,\n",
		 head);
	file = write_tmp(text);
	memset(&in, 0, sizeof in);
	in.refunds = file;
	CHECK(file && pc_replan_read(&rp, &sc, now, "2026-11-13 10:00", &in, &err) == 0, "the export reads: %s",
	      err.msg);
	CHECK(rp.requests == 7 && rp.ended == 1 && rp.carry.n == 6, "7 asked, 1 ended, 6 open (%ld, %ld, %zu)",
	      rp.requests, rp.ended, rp.carry.n);
	/* 1 waits for the shop; 2 for the buyer; 3 shipped back; 4 at the
	 * warehouse (its end is after now); 5 is 退款处理中 with the goods on
	 * the way: the courier; 7, received, ended after now (a log exported
	 * later) and answered long ago: a supervisor's approval. */
	CHECK(rp.by_state[PC_ST_AGENT] == 1 && rp.by_state[PC_ST_BUYER] == 1 && rp.by_state[PC_ST_TRANSIT] == 1 &&
		      rp.by_state[PC_ST_INSPECT] == 1 && rp.by_state[PC_ST_COURIER] == 1 &&
		      rp.by_state[PC_ST_SUPERVISOR] == 1,
	      "stages: agent %ld buyer %ld transit %ld inspect %ld courier %ld supervisor %ld",
	      rp.by_state[PC_ST_AGENT], rp.by_state[PC_ST_BUYER], rp.by_state[PC_ST_TRANSIT],
	      rp.by_state[PC_ST_INSPECT], rp.by_state[PC_ST_COURIER], rp.by_state[PC_ST_SUPERVISOR]);
	CHECK(rp.escalated == 1, "one escalated");
	CHECK(rp.carry.n && rp.carry.item[0].t_request <= rp.carry.item[rp.carry.n - 1].t_request,
	      "sorted by request time");
	CHECK(fabs(rp.oldest_age - (now - 5 * 3600.0)) < 1e-6, "oldest age from 2026-11-11 05:00 (%.0f s)",
	      rp.oldest_age);
	/* the one waiting since 09:20 is past the 30 min target */
	CHECK(rp.past_first_response == 1, "one waits past the first-response target (%ld)", rp.past_first_response);
	pc_replan_release(&rp);
	/* An export taken at now: its 退款状态 words give the stage, whatever
	 * the age (a log exported later, its status final, is read by age):
	 * an old return still 等待卖家同意 waits for an agent, a return agreed
	 * 10 min after its request waits for the buyer, one shipped back
	 * without a time is in transit, a refund-only request 退款处理中 10 min
	 * after it with the goods received waits for a supervisor, one not
	 * shipped asked two days ago waits for an agent (past the timeout). */
	snprintf(text, sizeof text, "%s"
		 "1,a,2026-11-11 09:00:00,退货退款,售中,已收货,质量问题,10,买家已经申请退款，等待卖家同意,,否,,\n"
		 "2,b,2026-11-13 09:50:00,退货退款,售中,已收货,质量问题,10,卖家已经同意退款，等待买家退货,,否,,\n"
		 "3,c,2026-11-13 09:55:00,退货退款,售中,已收货,质量问题,10,买家已经退货，等待卖家确认收货,,否,,\n"
		 "4,d,2026-11-13 09:50:00,仅退款,售中,已收货,其他,10,退款处理中,,否,,\n"
		 "5,e,2026-11-11 09:00:00,仅退款,售中,未发货,其他,10,买家已经申请退款，等待卖家同意,,否,,\n"
		 "6,f,2026-11-12 09:00:00,仅退款,售中,未发货,其他,10,卖家拒绝退款,,否,,\n",
		 head);
	file = write_tmp(text);
	pc_error_clear(&err);
	CHECK(file && pc_replan_read(&rp, &sc, now, "2026-11-13 10:00", &in, &err) == 0, "an export at now reads: %s",
	      err.msg);
	CHECK(rp.refused == 1, "one rejected, its buyer to ask again (%ld)", rp.refused);
	CHECK(rp.carry.n == 6 && rp.by_state[PC_ST_AGENT] == 3 && rp.by_state[PC_ST_BUYER] == 1 &&
		      rp.by_state[PC_ST_TRANSIT] == 1 && rp.by_state[PC_ST_SUPERVISOR] == 1,
	      "the status words give the stages, not the age: open %zu, agent %ld buyer %ld transit %ld supervisor %ld",
	      rp.carry.n, rp.by_state[PC_ST_AGENT], rp.by_state[PC_ST_BUYER], rp.by_state[PC_ST_TRANSIT],
	      rp.by_state[PC_ST_SUPERVISOR]);
	CHECK(rp.past_timeout == 2 && rp.past_first_response == 2,
	      "both old ones waiting for the shop are past the timeout, not the rejected one (%ld, %ld)", rp.past_timeout,
	      rp.past_first_response);
	pc_replan_release(&rp);
	/* a request after now: file:line */
	snprintf(text, sizeof text, "%s1,a,2026-11-13 09:50:00,仅退款,售中,未发货,其他,10,退款成功,2026-11-13 09:55:00,否,,\n"
		 "2,b,2026-11-13 10:00:01,仅退款,售中,未发货,其他,10,退款成功,2026-11-13 11:00:00,否,,\n", head);
	file = write_tmp(text);
	pc_error_clear(&err);
	rc = pc_replan_read(&rp, &sc, now, "2026-11-13 10:00", &in, &err);
	CHECK(rc == PC_EINPUT && err.line == 3 &&
		      strstr(err.msg, "after --now") != NULL,
	      "a refund after now: line 3 (rc %d, %d: %s)", rc, err.line, err.msg);
	remove(file);
	pc_scenario_release(&sc);
}

/* The buyer's cancellation and the shop's rejection of refunds carried in
 * still waiting for their answer, drawn as for new requests given the wait
 * so far.  With cancel 50% after exponential(mean=6h) and no agent on duty,
 * of refunds asked 6 h before the start a share e^-1 / (1 + e^-1) = 26.9%
 * cancels (those that would have cancelled by now have: they are not in
 * the actuals); rejecting every request, each carried one is rejected at
 * its first handling.  The start is after the demand's last requests. */
static void test_buyer_act(void)
{
	pc_scenario sc;
	pc_rep late, with;
	const double start = 6 * 86400.0;
	const size_t n = 3000;
	pc_carry_item *it = calloc(n, sizeof *it);
	pc_carry later = { start, 0, NULL }, cy = { start, n, NULL };
	pc_error err;
	double p, want, got, rej_late = 0, rej_with = 0;

	if (!it || load(&sc)) {
		free(it);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		it[i].t_request = start - 6 * 3600.0;
		it[i].t_stage = NAN;
		it[i].path = PC_PATH_UNSHIPPED;
		it[i].state = PC_ST_AGENT;
	}
	cy.item = it;
	pc_error_clear(&err);
	CHECK(pc_dist_parse(&sc.cancel_after, "exponential(mean=6h)", PC_UNIT_DURATION, ".", "s.ini", 1, &err) == 0,
	      "cancel_after: %s", err.msg);
	sc.cancel = 0.5;
	nobody(&sc, PC_RES_AGENT);
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from the start, no agents, cancel 50%%");
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with %zu waiting 6 h carried in", n);
	/* the rest of the wait past the 48 h timeout (42 h on): e^-7 */
	p = exp(-1.0) / (1 + exp(-1.0)) * (1 - exp(-7.0));
	want = p * (double)n;
	got = with.ended[0] - late.ended[0];
	CHECK(fabs(got - want) < 5 * sqrt((double)n * p * (1 - p)),
	      "carried refunds cancel as buyers who have not yet: %.0f of %zu, %.0f expected (fresh draws: %.0f; none: 0)",
	      got, n, want, 0.5 * (1 - exp(-8.0)) * (double)n);
	pc_rep_release(&late);
	pc_rep_release(&with);
	pc_scenario_release(&sc);

	/* Every request rejected, the buyer giving up: with agents on duty
	 * each of 300 carried refunds is rejected at its first handling. */
	if (load(&sc)) {
		free(it);
		return;
	}
	sc.reject_set = 1;
	for (int k = 0; k < PC_NREASONS; k++)
		sc.reject[k] = 1.0;
	sc.after_reject[0] = sc.after_reject[1] = 0;
	sc.after_reject[2] = 1.0;
	for (size_t i = 0; i < 300; i++)
		it[i].t_request = start - 600;
	cy.n = 300;
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from the start, every request rejected");
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with 300 carried in");
	for (int k = 0; k < 3; k++) {
		rej_late += late.rejected[k];
		rej_with += with.rejected[k];
	}
	CHECK(rej_with - rej_late == 300 && with.ended[1] - late.ended[1] == 300,
	      "each carried refund rejected at its first handling, its buyer giving up (%.0f, %.0f more)",
	      rej_with - rej_late, with.ended[1] - late.ended[1]);
	pc_rep_release(&late);
	pc_rep_release(&with);
	sc.carry = NULL;
	pc_scenario_release(&sc);
	free(it);
}

static int by_request(const void *a, const void *b)
{
	const pc_carry_item *x = a, *y = b;

	return (x->t_request > y->t_request) - (x->t_request < y->t_request);
}

/* The mean residual life of d after a: (integral of S from a) / S(a). */
static double mean_residual(const pc_dist *d, double a)
{
	double s0 = pc_dist_survival(d, a), h = d->mean / 4000, sum = 0, x = a, prev = s0;

	while (prev > 1e-12 && x < a + 100 * d->mean) {
		double next = pc_dist_survival(d, x + h);
		sum += (prev + next) / 2 * h;
		prev = next;
		x += h;
	}
	return sum / s0;
}

/* Returns carried in transit, shipped 2 days before the start: each
 * arrives after the rest of a transit that has lasted 2 days, not after a
 * whole fresh one.  small.ini's transit is lognormal(mean=1d, sd=0.3d):
 * the transit segment averages 2 d plus its mean residual life after 2 d
 * (fresh draws: 3 d); within 10% of the rest, about 4 standard errors. */
static void test_residual_transit(void)
{
	pc_scenario sc;
	pc_rep late, with;
	const double start = 6 * 86400.0, shipped = start - 2 * 86400.0;
	const size_t n = 2000;
	pc_carry_item *it = calloc(n, sizeof *it);
	pc_carry later = { start, 0, NULL }, cy = { start, n, NULL };
	double got, want;

	if (!it || load(&sc)) {
		free(it);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		it[i].t_request = start - 3 * 86400.0;
		it[i].t_stage = shipped;
		it[i].path = PC_PATH_RETURN;
		it[i].state = PC_ST_TRANSIT;
	}
	cy.item = it;
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from the start");
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with %zu returns in transit for 2 d carried in", n);
	got = (with.seg_sum[PC_SEG_TRANSIT] - late.seg_sum[PC_SEG_TRANSIT]) /
	      (with.seg_n[PC_SEG_TRANSIT] - late.seg_n[PC_SEG_TRANSIT]);
	want = 2 * 86400.0 + mean_residual(&sc.transit, 2 * 86400.0);
	CHECK(fabs(with.seg_n[PC_SEG_TRANSIT] - late.seg_n[PC_SEG_TRANSIT] - (double)n) <= 5 &&
		      fabs(got - want) < 0.1 * (want - 2 * 86400.0),
	      "transit of the carried returns (%.0f): %.3f d on average, 2 d + the rest after 2 d = %.3f d (fresh: 3 d)",
	      with.seg_n[PC_SEG_TRANSIT] - late.seg_n[PC_SEG_TRANSIT],
	      got / 86400, want / 86400);
	pc_rep_release(&late);
	pc_rep_release(&with);
	sc.carry = NULL;
	pc_scenario_release(&sc);
	free(it);
}

/* The platform's timeouts of a stage count from the stage's start, not
 * from the run's: with a 7-day not-shipped timeout and buyers who would
 * take a month, returns agreed 6 days before the start close a day after
 * it, those agreed 5 days before do not close by the horizon 1.5 days on
 * (counted from the start, neither would).  With a 10-day receipt
 * timeout and no inspector on duty, returns shipped 9.5 days before the
 * start are refunded half a day after it, even behind returns asked
 * earlier whose timeout (from an arrival an hour before the start, the
 * shipping unknown) lies past the horizon. */
static void test_stage_timeouts(void)
{
	pc_scenario sc;
	pc_rep late, with;
	pc_error err;
	const size_t n = 400;
	pc_carry_item *it = calloc(n, sizeof *it);
	pc_carry later, cy;
	double start;

	if (!it || load(&sc)) {
		free(it);
		return;
	}
	start = sc.horizon - 1.5 * 86400.0;
	later = (pc_carry){ start, 0, NULL };
	pc_error_clear(&err);
	CHECK(pc_dist_parse(&sc.buyer_ships, "lognormal(mean=30d, sd=1d)", PC_UNIT_DURATION, ".", "s.ini", 1, &err) ==
		      0,
	      "buyer_ships: %s", err.msg);
	sc.buyer_ship_timeout = 7 * 86400.0;
	sc.receipt_timeout = 10 * 86400.0;
	nobody(&sc, PC_RES_INSPECTOR);
	for (size_t i = 0; i < n; i++) {
		pc_carry_item *c = &it[i];
		c->path = PC_PATH_RETURN;
		c->t_shipped = NAN;
		switch (i % 4) {
		case 0: /* agreed 6 d before the start */
			c->state = PC_ST_BUYER;
			c->t_request = start - 6.2 * 86400.0;
			c->t_stage = start - 6 * 86400.0;
			break;
		case 1: /* agreed 5 d before the start */
			c->state = PC_ST_BUYER;
			c->t_request = start - 5.2 * 86400.0;
			c->t_stage = start - 5 * 86400.0;
			break;
		case 2: /* at the warehouse for an hour, shipping unknown */
			c->state = PC_ST_INSPECT;
			c->t_request = start - 13 * 86400.0;
			c->t_stage = start - 3600.0;
			break;
		default: /* shipped 9.5 d before the start, arrived 8 d before */
			c->state = PC_ST_INSPECT;
			c->t_request = start - 12 * 86400.0;
			c->t_shipped = start - 9.5 * 86400.0;
			c->t_stage = start - 8 * 86400.0;
			break;
		}
	}
	qsort(it, n, sizeof *it, by_request);
	cy = (pc_carry){ start, n, it };
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from %.1f d, no inspector", start / 86400);
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with %zu returns carried in", n);
	CHECK(with.ended[2] - late.ended[2] == (double)(n / 4),
	      "the %zu agreed 6 d before the start close on the not-shipped timeout, no other (%.0f)", n / 4,
	      with.ended[2] - late.ended[2]);
	CHECK(with.ended[5] - late.ended[5] == (double)(n / 4),
	      "the %zu shipped 9.5 d before are refunded on the receipt timeout, no other (%.0f)", n / 4,
	      with.ended[5] - late.ended[5]);
	pc_rep_release(&late);
	pc_rep_release(&with);
	sc.carry = NULL;
	pc_scenario_release(&sc);
	free(it);
}

/* Refunds the shop rejected, still open (卖家拒绝退款): answered, so no
 * seller-response timeout approves them, and no second rejection is
 * counted; their buyers ask again and the next handling agrees. */
static void test_refused(void)
{
	pc_scenario sc;
	pc_rep late, with;
	const size_t n = 200;
	pc_carry_item *it = calloc(n, sizeof *it);
	pc_carry later, cy;
	double start;

	if (!it || load(&sc)) {
		free(it);
		return;
	}
	start = sc.horizon - 2 * 86400.0;
	later = (pc_carry){ start, 0, NULL };
	for (size_t i = 0; i < n; i++) {
		it[i].t_request = start - 6 * 3600.0;
		it[i].t_stage = it[i].t_shipped = NAN;
		it[i].path = PC_PATH_UNSHIPPED;
		it[i].state = PC_ST_AGENT;
		it[i].refused = 1;
	}
	cy = (pc_carry){ start, n, it };
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from %.1f d", start / 86400);
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with %zu rejected refunds carried in", n);
	CHECK(with.finished[0] - late.finished[0] > 0.5 * (double)n &&
		      with.rejected[0] + with.rejected[1] + with.rejected[2] ==
			      late.rejected[0] + late.rejected[1] + late.rejected[2],
	      "most refunded once their buyers ask again within the 2 days left (%.0f of %zu), no new rejection",
	      with.finished[0] - late.finished[0], n);
	pc_rep_release(&late);
	pc_rep_release(&with);
	nobody(&sc, PC_RES_AGENT);
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from the start, no agents");
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with the rejected ones, no agents");
	CHECK(with.auto_approved == late.auto_approved && with.fr_n == late.fr_n,
	      "answered already: no timeout approves them, no first response counts (%.0f vs %.0f)",
	      with.auto_approved, late.auto_approved);
	pc_rep_release(&late);
	pc_rep_release(&with);
	sc.carry = NULL;
	pc_scenario_release(&sc);
	free(it);
}

/* Every open refund may be escalated past its protection period, whatever
 * its stage: returns at the warehouse (no inspector on duty, no receipt
 * timeout) requested 10 days before the start, past the 5-day period,
 * escalate at escalation_rate from the start on: n (1 - e^(-rate T)) of
 * them in the T = 1.5 days left, within five standard deviations.  Before,
 * only the refunds still waiting for an agent could. */
static void test_protection_stages(void)
{
	pc_scenario sc;
	pc_rep late, with;
	const size_t n = 2000;
	const double rate = 0.2; /* a day */
	pc_carry_item *it = calloc(n, sizeof *it);
	pc_carry later, cy;
	double start, got, p, want, sd;

	if (!it || load(&sc)) {
		free(it);
		return;
	}
	start = sc.horizon - 1.5 * 86400.0;
	later = (pc_carry){ start, 0, NULL };
	sc.escalation_rate = rate / 86400.0;
	CHECK(fabs(sc.protection_period - 5 * 86400.0) < 1,
	      "the protection period is the default 5 d (%.2f d)", sc.protection_period / 86400);
	nobody(&sc, PC_RES_INSPECTOR);
	for (size_t i = 0; i < n; i++) {
		it[i].path = PC_PATH_RETURN;
		it[i].state = PC_ST_INSPECT;
		it[i].t_request = start - 10 * 86400.0;
		it[i].t_shipped = start - 8 * 86400.0;
		it[i].t_stage = start - 6 * 86400.0;
	}
	cy = (pc_carry){ start, n, it };
	sc.carry = &later;
	CHECK(run1(&sc, &late) == 0, "from %.1f d, no inspector", start / 86400);
	sc.carry = &cy;
	CHECK(run1(&sc, &with) == 0, "with %zu returns at the warehouse carried in", n);
	got = with.escalated - late.escalated;
	p = 1 - exp(-rate * 1.5);
	want = (double)n * p;
	sd = sqrt((double)n * p * (1 - p));
	printf("# escalated %.0f, expected %.0f\n", got, want);
	CHECK(fabs(got - want) <= 5 * sd,
	      "returns at the warehouse past their protection period escalate: %.0f, expected %.0f +- %.0f", got, want,
	      5 * sd);
	pc_rep_release(&late);
	pc_rep_release(&with);
	sc.carry = NULL;
	pc_scenario_release(&sc);
	free(it);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_engine();
	test_buyer_act();
	test_residual_transit();
	test_stage_timeouts();
	test_refused();
	test_protection_stages();
	test_read();
	return check_done();
}
