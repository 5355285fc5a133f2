/* test_scenario: loading, defaults, dump round trip and golden dump, set, copy, capacity schedules and dates of the scenario module. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "promocap/scenario.h"

#include "check.h"

#define DATA "tests/data/"

/* The dump of sc as a malloc'd string (NULL on failure). */
static char *dump_text(const pc_scenario *sc)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	if (!out)
		return NULL;
	if (pc_scenario_dump(sc, out) != 0) {
		fclose(out);
		free(text);
		return NULL;
	}
	fclose(out);
	return text;
}

/* The whole of a file as a malloc'd string (NULL if it cannot be read). */
static char *read_text(const char *path)
{
	FILE *in = fopen(path, "rb");
	char *text;
	long n;

	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	rewind(in);
	text = malloc((size_t)n + 1);
	if (text && fread(text, 1, (size_t)n, in) != (size_t)n) {
		free(text);
		text = NULL;
	}
	if (text)
		text[n] = '\0';
	fclose(in);
	return text;
}

static int write_text(const char *path, const char *text)
{
	FILE *out = fopen(path, "wb");
	int ok;

	if (!out)
		return -1;
	ok = fputs(text, out) >= 0;
	return fclose(out) == 0 && ok ? 0 : -1;
}

/* Loads path, failing the check (and printing why) when it does not load. */
static int load(pc_scenario *sc, const char *path)
{
	pc_error err;
	char msg[2048];
	int rc = pc_scenario_load(sc, path, &err);

	CHECK(rc == 0, "load %s: %s", path, rc ? pc_error_format(&err, msg, sizeof msg) : "");
	return rc;
}

/* Writes the dump of sc beside the data files (so relative CSV names still
 * resolve), loads it again and checks the second dump equals the first. */
static void check_round_trip(const pc_scenario *sc, const char *what)
{
	char path[64];
	char *first = dump_text(sc), *second = NULL;
	pc_scenario again;

	snprintf(path, sizeof path, DATA "tmp_dump_%ld.ini", (long)getpid());
	CHECK(first && write_text(path, first) == 0, "%s: dump written", what);
	if (first && load(&again, path) == 0) {
		second = dump_text(&again);
		CHECK(second && strcmp(first, second) == 0, "%s: dump, load, dump gives the same text",
		      what);
		pc_scenario_release(&again);
	}
	remove(path);
	free(first);
	free(second);
}

static void check_schedule(const pc_staff *st, double horizon, int n, const double *t,
			   const int *cap, const char *what)
{
	int got_n = 0, i, same;
	double *got_t = NULL;
	int *got_cap = NULL;
	int rc = pc_staff_schedule(st, horizon, &got_n, &got_t, &got_cap);

	CHECK(rc == 0, "%s: schedule rc %d", what, rc);
	CHECK(got_n == n, "%s: %d change points, expected %d", what, got_n, n);
	same = got_n == n;
	for (i = 0; same && i < n; i++)
		same = got_t[i] == t[i] && got_cap[i] == cap[i];
	CHECK(same, "%s: change points as worked out by hand", what);
	if (!same)
		for (i = 0; i < got_n; i++)
			printf("#   %g: %d\n", got_t[i], got_cap[i]);
	free(got_t);
	free(got_cap);
}

static void test_good(void)
{
	pc_scenario sc;
	const pc_staff *ag, *su, *in;
	double sum = 0.0;
	int i;

	if (load(&sc, DATA "good.ini") != 0)
		return;
	CHECK(strcmp(sc.name, "Double 11 test") == 0, "name '%s'", sc.name);
	CHECK(sc.day0 == 20758, "day0 %lld", (long long)sc.day0);
	/* Its agents' roster CSV ends on 11-03: a warning, not an error. */
	CHECK(strstr(sc.warnings, DATA "good.ini:62: 'roster' '" DATA "rosters/agents.csv' ends on 2026-11-03, "
		      "before the run's last day 2026-11-30: its last day's headcounts are used for the 27 days "
		      "after it (add rows to plan them)\n") == sc.warnings &&
	      !strchr(strchr(sc.warnings, '\n') + 1, '\n'),
	      "one warning for the short roster, got '%s'", sc.warnings);
	CHECK(sc.sales_days == 11, "sales_days %d", sc.sales_days);
	CHECK_NEAR(sc.horizon, 30 * PC_DAY, 0, "horizon: the end of 2026-11-30");
	CHECK_NEAR(sc.gmv, 2e7, 0, "gmv");
	CHECK_NEAR(sc.aov, 250, 0, "aov");
	CHECK_NEAR(sc.daily_share[0], 0.05, 1e-12, "daily share of 11-01");
	CHECK_NEAR(sc.daily_share[10], 0.59, 1e-12, "daily share of 11-11");
	for (i = 0; i < sc.sales_days; i++)
		sum += sc.daily_share[i];
	CHECK_NEAR(sum, 1.0, 1e-12, "daily shares sum");
	CHECK_NEAR(sc.hourly_share[0], 0.01, 1e-12, "hourly share 0");
	CHECK_NEAR(sc.hourly_share[8], 0.06, 1e-12, "hourly share 8");
	CHECK_NEAR(sc.hourly_share[23], 0.05, 1e-12, "hourly share 23");

	CHECK_NEAR(sc.refund_rate, 0.05, 1e-15, "refund rate");
	CHECK_NEAR(sc.entry_opens, 11 * PC_DAY, 0, "entry_opens 11-12 00:00");
	CHECK(sc.request_delay.kind == PC_DIST_LOGNORMAL, "request_delay is lognormal");
	CHECK_NEAR(sc.request_delay.mean, 3 * PC_DAY, 1e-6, "request_delay mean");
	CHECK_NEAR(sc.request_delay.sd, 2 * PC_DAY, 1e-6, "request_delay sd");
	CHECK_NEAR(sc.request_delay.p1, 12.281492853397598, 1e-9, "request_delay zeta");
	CHECK_NEAR(sc.request_delay.p2, 0.6064031498312961, 1e-9, "request_delay sigma");
	/* Shares of R = 2e7 * 5% / 250 = 4000 refunds over 24 h segments. */
	CHECK(sc.has_arrival_curve == 1 && sc.arrival_curve.n == 4, "arrival curve of 4 rows");
	if (sc.arrival_curve.n == 4) {
		CHECK_NEAR(sc.arrival_curve.t[0], 264 * PC_HOUR, 0, "curve start 0");
		CHECK_NEAR(sc.arrival_curve.t[3], 336 * PC_HOUR, 0, "curve start 3");
		CHECK_NEAR(sc.arrival_curve.rate[0], 0.4 * 4000 / PC_DAY, 1e-12, "curve rate 0");
		CHECK_NEAR(sc.arrival_curve.rate[3], 0.1 * 4000 / PC_DAY, 1e-12, "curve rate 3");
		CHECK_NEAR(sc.arrival_curve.end, 360 * PC_HOUR, 0, "curve end");
	}
	CHECK_NEAR(sc.after_sales_ratio, 0.4, 1e-15, "after_sales_ratio");
	CHECK_NEAR(sc.reason_mix[PC_REASON_QUALITY], 0.2, 1e-12, "quality share");
	CHECK_NEAR(sc.reason_mix[PC_REASON_NO_REASON], 0.5, 1e-12, "no_reason share");
	CHECK_NEAR(sc.path_mix[PC_PATH_UNSHIPPED], 0.3, 1e-12, "unshipped share");
	CHECK_NEAR(sc.path_mix[PC_PATH_RETURN], 0.4, 1e-12, "return share");

	CHECK_NEAR(sc.p1_handle.mean, 180, 1e-9, "path 1 handle mean");
	CHECK_NEAR(sc.p1_handle.sd, 90, 1e-9, "path 1 handle sd from cv");
	CHECK_NEAR(sc.intercept_fails, 0.05, 1e-15, "intercept_fails as a fraction");
	CHECK(sc.p2_handle.kind == PC_DIST_EXPONENTIAL, "path 2 handle exponential");
	CHECK_NEAR(sc.p2_handle.p1, 240, 1e-9, "path 2 handle mean");
	CHECK(sc.refused_return.kind == PC_DIST_GAMMA, "refused_return gamma");
	CHECK_NEAR(sc.refused_return.p1, 4, 1e-12, "gamma shape");
	CHECK_NEAR(sc.refused_return.p2, 18 * PC_HOUR, 1e-9, "gamma scale");
	CHECK_NEAR(sc.lost_after, 5 * PC_DAY, 0, "lost_after");
	CHECK(sc.amount.unit == PC_UNIT_CNY, "amount in CNY");
	CHECK_NEAR(sc.amount.mean, 40, 1e-9, "amount mean");
	CHECK_NEAR(sc.agent_authority, 50, 0, "agent_authority");
	CHECK(sc.approval.kind == PC_DIST_WEIBULL, "approval weibull");
	CHECK_NEAR(sc.approval.p1, 180, 1e-9, "weibull scale");
	CHECK_NEAR(sc.approval.p2, 1.5, 1e-12, "weibull shape");
	CHECK(sc.transit.kind == PC_DIST_EMPIRICAL && sc.transit.n == 3, "transit empirical of 3");
	if (sc.transit.n == 3)
		CHECK_NEAR(sc.transit.values[1], 2 * PC_DAY, 0, "transit value in days");
	CHECK_NEAR(sc.payout.p1, 60, 0, "payout fixed 1min");
	CHECK(sc.refund_on_signature == 1, "refund_on_signature");
	CHECK_NEAR(sc.wrong_goods, 0.02, 1e-15, "wrong_goods");
	CHECK_NEAR(sc.as_handle.mean, 360, 1e-9, "after-sales handle");

	CHECK_NEAR(sc.response_timeout, 36 * PC_HOUR, 0, "response timeout");
	CHECK_NEAR(sc.protection_period, 5 * PC_DAY, 0, "protection period");
	CHECK_NEAR(sc.escalation_rate, 0.12 / PC_DAY, 1e-18, "escalation rate per second");
	CHECK_NEAR(sc.escalation_handle.p1, 1200, 0, "escalation handle");
	CHECK_NEAR(sc.seller_responsible, 0.4, 1e-15, "seller_responsible");

	ag = &sc.staff[PC_RES_AGENT];
	CHECK(ag->nshifts == 3, "agent shifts %d", ag->nshifts);
	CHECK(strcmp(ag->shift[2].name, "night") == 0 && ag->shift[2].start == 79200 &&
	      ag->shift[2].end == 108000, "night shift 22:00-06:00 as 79200..108000");
	CHECK(ag->roster_kind == PC_ROSTER_TABLE, "agent roster is a table");
	/* ceil(30 d) + 1 for the shift past midnight. */
	CHECK(ag->ndays == 31, "agent ndays %d", ag->ndays);
	if (ag->ndays == 31 && ag->headcount) {
		CHECK(ag->headcount[0 * 3 + 0] == 5, "11-01 day");
		CHECK(ag->headcount[1 * 3 + 1] == 4, "11-02 eve");
		CHECK(ag->headcount[2 * 3 + 2] == 1, "11-03 night");
		CHECK(ag->headcount[30 * 3 + 0] == 4 && ag->headcount[30 * 3 + 1] == 2,
		      "days past the table repeat its last date");
	}
	CHECK(ag->discipline == PC_DISC_PRIORITY, "agent discipline priority");
	CHECK(ag->priority_class[PC_TASK_ESCALATION] == 0 && ag->priority_class[PC_TASK_UNSHIPPED] == 1 &&
	      ag->priority_class[PC_TASK_IN_TRANSIT] == 2, "listed tasks in order");
	CHECK(ag->priority_class[PC_TASK_RECEIVED] == 3 && ag->priority_class[PC_TASK_AGREE] == 3 &&
	      ag->priority_class[PC_TASK_PAYOUT] == 3 && ag->priority_class[PC_TASK_AFTER_SALES] == 3,
	      "unlisted tasks share the last class");
	CHECK(ag->nclasses == 4, "agent nclasses %d", ag->nclasses);
	CHECK(ag->min_per_shift == 1 && ag->max_per_shift == 40 && ag->cost == 35, "agent limits");

	su = &sc.staff[PC_RES_SUPERVISOR];
	CHECK(su->roster_kind == PC_ROSTER_CHANGES && su->nchanges == 4, "supervisor change points");
	if (su->nchanges == 4) {
		static const double t[] = { 0, 32400, 75600, 118800 };
		static const int cap[] = { 0, 2, 1, 3 };

		CHECK(su->change_t[1] == 32400 && su->change_cap[3] == 3, "supervisor changes");
		check_schedule(su, sc.horizon, 4, t, cap, "supervisor CHANGES schedule as is");
	}
	CHECK(su->nclasses == 1 && su->cost == 60, "supervisor fifo, cost");

	in = &sc.staff[PC_RES_INSPECTOR];
	CHECK(in->roster_kind == PC_ROSTER_CONSTANT && in->ndays == 30, "inspector constant, %d days",
	      in->ndays);
	CHECK(in->headcount && in->headcount[29 * 2 + 1] == 3, "inspector headcount 3");
	CHECK_NEAR(in->cost, 30.5, 0, "inspector cost");
	{
		/* early 06-14 and late 13-22 overlap one hour: 3 + 3. */
		static const double t[] = { 0, 21600, 46800, 50400, 79200, 108000 };
		static const int cap[] = { 0, 3, 6, 3, 0, 3 };

		check_schedule(in, 86400 + 7 * 3600, 6, t, cap, "overlapping shifts add up");
	}
	{
		/* Worked by hand from rosters/agents.csv: day 09-18, eve 14-23,
		 * night 22-06 (spills into the next day); horizon day 2 10:00. */
		static const double t[] = { 0,      32400,  50400,  64800,  79200,  82800,  108000,
					    118800, 136800, 151200, 165600, 169200, 194400, 205200 };
		static const int cap[] = { 0, 5, 8, 3, 5, 2, 0, 6, 10, 4, 6, 2, 0, 4 };

		check_schedule(ag, 2 * PC_DAY + 10 * PC_HOUR, 14, t, cap, "agent TABLE schedule");
	}

	CHECK(sc.sla_first_response.set && sc.sla_first_response.share == 0.95 &&
	      sc.sla_first_response.within == 1800, "first_response target");
	CHECK(sc.sla_all_done.within == 5 * PC_DAY, "all_done within 5d");
	CHECK(!sc.sla_supervisor_approval.set, "supervisor_approval none");
	CHECK(sc.sla_dispute_set && fabs(sc.sla_dispute_max - 0.001) < 1e-15, "dispute limit");
	CHECK(sc.baseline_cases_per_day == 120 && sc.baseline_days == 5.5, "baseline");
	CHECK(sc.seed == UINT64_MAX, "seed 2^64-1");
	CHECK(sc.replications == 30, "replications");
	CHECK_NEAR(sc.interval, 1800, 0, "interval");
	pc_scenario_release(&sc);
	pc_scenario_release(&sc); /* released twice: harmless */
}

static void test_defaults(void)
{
	pc_scenario sc;
	const pc_staff *ag;
	int i, all8 = 1;

	if (load(&sc, DATA "minimal.ini") != 0)
		return;
	CHECK(strcmp(sc.name, "minimal") == 0, "name from the file name, got '%s'", sc.name);
	CHECK(sc.warnings[0] == '\0', "no warnings for a constant roster, got '%s'", sc.warnings);
	CHECK_NEAR(sc.horizon, 31 * PC_DAY, 0, "horizon: end of sales_end + 20 days");
	CHECK_NEAR(sc.entry_opens, 0, 0, "entry_opens at sales_start 00:00");
	CHECK_NEAR(sc.daily_share[3], 1.0 / 11, 1e-15, "uniform daily share");
	CHECK_NEAR(sc.hourly_share[5], 1.0 / 24, 1e-15, "uniform hourly share");
	CHECK(!sc.has_arrival_curve, "no arrival curve");
	CHECK_NEAR(sc.request_delay.mean, 3 * PC_DAY, 1e-6, "request_delay mean");
	CHECK_NEAR(sc.after_sales_ratio, 0.4, 1e-15, "after_sales_ratio 40%");
	CHECK_NEAR(sc.reason_mix[PC_REASON_NO_REASON], 0.55, 1e-12, "no_reason 55%");
	CHECK_NEAR(sc.path_mix[PC_PATH_IN_TRANSIT], 0.2, 1e-12, "in_transit 20%");
	CHECK_NEAR(sc.p1_handle.mean, 180, 1e-9, "p1 handle mean 3min");
	CHECK_NEAR(sc.p1_handle.sd, 90, 1e-9, "p1 handle cv 0.5");
	CHECK_NEAR(sc.p2_handle.mean, 240, 1e-9, "p2 handle");
	CHECK_NEAR(sc.courier_feedback.mean, 5400, 1e-9, "courier feedback 1.5h");
	CHECK_NEAR(sc.recalled, 0.7, 1e-15, "recalled");
	CHECK_NEAR(sc.refused_return.sd, PC_DAY, 1e-6, "refused_return sd");
	CHECK_NEAR(sc.lost_after, 5 * PC_DAY, 0, "lost_after");
	CHECK_NEAR(sc.p3_handle.sd, 216, 1e-9, "p3 handle cv 0.6");
	CHECK(sc.amount.unit == PC_UNIT_CNY && fabs(sc.amount.sd - 60) < 1e-9, "amount");
	CHECK_NEAR(sc.agent_authority, 50, 0, "agent_authority");
	CHECK_NEAR(sc.misfiled, 0.1, 1e-15, "misfiled");
	CHECK_NEAR(sc.transit.mean, 2 * PC_DAY, 1e-6, "transit");
	CHECK(sc.payout.kind == PC_DIST_FIXED && sc.payout.p1 == 60, "payout fixed(1min)");
	CHECK(sc.refund_on_signature == 0, "refund_on_signature no");
	CHECK_NEAR(sc.wrong_goods, 0.02, 1e-15, "wrong_goods");
	CHECK_NEAR(sc.as_handle.sd, 288, 1e-9, "after-sales handle cv 0.8");
	CHECK_NEAR(sc.response_timeout, 48 * PC_HOUR, 0, "timeout 48h");
	CHECK_NEAR(sc.escalation_rate * PC_DAY, 0.1, 1e-15, "escalation 10%/d");
	CHECK_NEAR(sc.escalation_handle.p1, 1200, 0, "escalation handle 20min");
	CHECK_NEAR(sc.seller_responsible, 0.4, 1e-15, "seller_responsible");

	ag = &sc.staff[PC_RES_AGENT];
	CHECK(ag->nshifts == 1 && ag->shift[0].start == 9 * 3600 && ag->shift[0].end == 18 * 3600,
	      "agent day 09:00-18:00");
	CHECK(ag->roster_kind == PC_ROSTER_CONSTANT && ag->ndays == 31, "agent roster 8 x 31 days");
	for (i = 0; ag->headcount && i < ag->ndays; i++)
		all8 &= ag->headcount[i] == 8;
	CHECK(ag->headcount && all8, "8 agents every day");
	CHECK(ag->discipline == PC_DISC_FIFO && ag->nclasses == 1, "agent fifo");
	CHECK(ag->npriority == 7 && ag->priority[0] == PC_TASK_ESCALATION &&
	      ag->priority[6] == PC_TASK_AFTER_SALES, "agent default priority list kept");
	for (i = 0; i < PC_NTASKS; i++)
		CHECK(ag->priority_class[i] == 0, "fifo class of task %d", i);
	CHECK(ag->cost == 35 && ag->min_per_shift == 0 && ag->max_per_shift == 500, "agent limits");
	CHECK(sc.staff[PC_RES_SUPERVISOR].shift[0].end == 21 * 3600 &&
	      sc.staff[PC_RES_SUPERVISOR].headcount[0] == 1, "supervisor 09:00-21:00, 1");
	CHECK(sc.staff[PC_RES_INSPECTOR].shift[0].start == 8 * 3600 &&
	      sc.staff[PC_RES_INSPECTOR].headcount[0] == 2, "inspector 08:00-20:00, 2");
	{
		static const double t[] = { 0, 32400, 64800, 118800 };
		static const int cap[] = { 0, 8, 0, 8 };

		check_schedule(ag, PC_DAY + 10 * PC_HOUR, 4, t, cap, "constant roster schedule");
	}

	CHECK(sc.sla_first_response.set && sc.sla_first_response.within == 1800, "first_response");
	CHECK(!sc.sla_refund_only_done.set, "refund_only_done: none by default");
	CHECK(sc.sla_refund_only_handled.share == 1.0 && sc.sla_refund_only_handled.within == PC_DAY,
	      "refund_only_handled: 100%% within 24h [000]");
	CHECK(sc.sla_return_paid.share == 0.95 && sc.sla_return_paid.within == PC_DAY, "return_paid");
	CHECK(!sc.sla_all_done.set, "all_done: none by default");
	CHECK(sc.sla_supervisor_approval.within == 4 * PC_HOUR, "supervisor_approval");
	CHECK(sc.sla_dispute_set && fabs(sc.sla_dispute_max - 0.001) < 1e-15, "dispute below 0.1%%");
	CHECK(sc.baseline_cases_per_day == 100 && sc.baseline_days == 7, "baseline defaults");
	CHECK(sc.seed == 2026 && sc.replications == 20 && sc.interval == 3600, "simulation defaults");
	check_round_trip(&sc, "minimal");
	pc_scenario_release(&sc);
}

static void test_quirks(void)
{
	pc_scenario sc;
	const pc_staff *in;

	if (load(&sc, DATA "quirks.ini") != 0)
		return;
	CHECK(strcmp(sc.name, "618 quirks") == 0, "name after a byte-order mark, CRLF");
	CHECK(sc.sales_days == 18, "indented key and ':' separator with an inline comment");
	CHECK_NEAR(sc.horizon, 30 * PC_DAY + 12 * PC_HOUR, 0, "horizon datetime");
	CHECK_NEAR(sc.gmv, 1e7, 0, "gmv 1e7");
	CHECK_NEAR(sc.refund_rate, 0.07, 1e-15, "rate as a fraction");
	CHECK_NEAR(sc.reason_mix[PC_REASON_OTHER], 0.2, 1e-12, "a line of exactly 199 characters");
	CHECK(sc.arrival_curve.n == 3, "curve of 3 rows");
	if (sc.arrival_curve.n == 3) {
		CHECK_NEAR(sc.arrival_curve.t[0], PC_DAY, 0, "datetime start, a date alone at 00:00");
		CHECK_NEAR(sc.arrival_curve.t[1], 2.5 * PC_DAY, 0, "datetime start with time");
		CHECK_NEAR(sc.arrival_curve.rate[1], 120 / PC_HOUR, 1e-15, "rate_per_h");
		CHECK_NEAR(sc.arrival_curve.end, 3.5 * PC_DAY, 0, "last segment as long as the previous");
	}
	in = &sc.staff[PC_RES_INSPECTOR];
	CHECK(in->roster_kind == PC_ROSTER_CHANGES && in->nchanges == 3, "datetime,capacity roster");
	if (in->nchanges == 3)
		CHECK(in->change_t[2] == 22 * PC_HOUR && in->change_cap[1] == 4, "capacity changes");
	CHECK(sc.staff[PC_RES_AGENT].shift[0].end == 86400, "shift ending 24:00");
	CHECK(sc.staff[PC_RES_AGENT].ndays == 31, "24:00 is not past midnight: ndays %d",
	      sc.staff[PC_RES_AGENT].ndays);
	CHECK(!sc.sla_first_response.set && !sc.sla_dispute_set, "none targets");
	CHECK(sc.response_timeout == 0, "timeout none");
	CHECK_NEAR(sc.escalation_rate * PC_DAY, 0.2, 1e-15, "escalation as a bare fraction");
	check_round_trip(&sc, "quirks");
	pc_scenario_release(&sc);
}

static void test_dump(void)
{
	pc_scenario sc;
	char *text, *golden;

	if (load(&sc, DATA "good.ini") != 0)
		return;
	text = dump_text(&sc);
	CHECK(text != NULL, "dump");
	if (text && getenv("PC_UPDATE_GOLDEN"))
		write_text(DATA "good.check", text);
	golden = read_text(DATA "good.check");
	CHECK(golden != NULL, "golden file " DATA "good.check");
	if (text && golden) {
		CHECK(strcmp(text, golden) == 0, "dump equals " DATA "good.check byte for byte");
		if (strcmp(text, golden) != 0)
			printf("# got:\n%s", text);
	}
	check_round_trip(&sc, "good");
	free(text);
	free(golden);
	pc_scenario_release(&sc);
}

static void test_keys_markdown(void)
{
	char *md = NULL, *dump = NULL, *p;
	size_t n = 0;
	FILE *out = open_memstream(&md, &n);
	pc_scenario sc;
	int rows = 0, keys = 0;

	CHECK(out && pc_scenario_keys_markdown(out) == 0, "markdown written");
	if (out)
		fclose(out);
	if (!md)
		return;
	CHECK(strstr(md, "### [staff.inspector]") != NULL, "a table per section");
	CHECK(strstr(md, "| `gmv` | required |") != NULL, "required keys say so");
	CHECK(strstr(md, "| `lost_after` | `5d` |") != NULL, "defaults shown");
	for (p = md; (p = strstr(p, "\n| `")) != NULL; p++)
		rows++;
	if (load(&sc, DATA "minimal.ini") == 0) {
		dump = dump_text(&sc);
		for (p = dump; p && (p = strstr(p, " = ")) != NULL; p++)
			keys++;
		pc_scenario_release(&sc);
	}
	CHECK(rows == keys && rows > 60, "one reference row per dumped key: %d rows, %d keys", rows,
	      keys);
	free(md);
	free(dump);
}

static void test_set(void)
{
	pc_scenario sc;
	pc_error err;
	char msg[2048], *before, *after;
	int rc;

	if (load(&sc, DATA "good.ini") != 0)
		return;
	rc = pc_scenario_set(&sc, "refunds", "rate", " 6% ", &err);
	CHECK(rc == 0, "set rate 6%%: %s", rc ? pc_error_format(&err, msg, sizeof msg) : "");
	CHECK_NEAR(sc.refund_rate, 0.06, 1e-15, "rate set");
	if (sc.arrival_curve.n == 4)
		CHECK_NEAR(sc.arrival_curve.rate[0], 0.4 * 4800 / PC_DAY, 1e-12,
			   "curve shares follow the new R");
	CHECK(sc.staff[PC_RES_AGENT].headcount && sc.staff[PC_RES_AGENT].headcount[0] == 5,
	      "the rest rebuilt as loaded");

	before = dump_text(&sc);
	rc = pc_scenario_set(&sc, "refunds", "rate", "150%", &err);
	CHECK(rc == PC_EINPUT, "set a bad rate: rc %d", rc);
	CHECK(strcmp(pc_error_format(&err, msg, sizeof msg),
		     DATA "good.ini: 'rate' must be a share from 0% to 100%, got '150%'") == 0,
	      "set error: %s", msg);
	rc = pc_scenario_set(&sc, "refunds", "refund_rate", "5%", &err);
	CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
					DATA "good.ini: unknown key 'refund_rate' in section '[refunds]' (did you mean 'rate'?)") == 0,
	      "set an unknown key: %s", msg);
	rc = pc_scenario_set(&sc, "staff.agent", "shifts", "day 09:00-18:00", &err);
	CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
					DATA "rosters/agents.csv:3: unknown shift 'eve', the agent's shifts are day") == 0,
	      "set shifts the roster does not know: %s", msg);
	rc = pc_scenario_set(&sc, "promotion", "sales_end", "2026-11-12", &err);
	CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
					DATA "good.ini:10: 'daily_share' has no row for sales day '2026-11-12'") == 0,
	      "set re-checks the other keys at their lines: %s", msg);
	after = dump_text(&sc);
	CHECK(before && after && strcmp(before, after) == 0, "a failed set leaves the scenario as it was");
	free(before);
	free(after);

	rc = pc_scenario_set(&sc, "promotion", "horizon", "2026-11-20 12:00", &err);
	CHECK(rc == 0 && sc.horizon == 19.5 * PC_DAY, "set horizon");
	CHECK(sc.staff[PC_RES_AGENT].ndays == 21, "roster days follow the horizon: %d",
	      sc.staff[PC_RES_AGENT].ndays);
	rc = pc_scenario_set(&sc, "staff.inspector", "roster", "5", &err);
	CHECK(rc == 0 && sc.staff[PC_RES_INSPECTOR].headcount[0] == 5, "set a constant roster");
	after = dump_text(&sc);
	CHECK(after && strstr(after, "horizon = 2026-11-20 12:00\n") && strstr(after, "roster = 5\n") &&
	      strstr(after, "rate = 6%\n"), "dump shows the values set");
	free(after);
	check_round_trip(&sc, "after set");
	pc_scenario_release(&sc);
}

static void test_copy(void)
{
	pc_scenario sc, copy;
	char *a, *b;
	gsl_rng *rng;
	int i, ok = 1;

	if (load(&sc, DATA "good.ini") != 0)
		return;
	CHECK(pc_scenario_copy(&copy, &sc) == 0, "copy");
	a = dump_text(&sc);
	pc_scenario_release(&sc);
	b = dump_text(&copy);
	CHECK(a && b && strcmp(a, b) == 0, "the copy dumps the same and outlives the original");
	CHECK(fabs(copy.daily_share[10] - 0.59) < 1e-12 && copy.staff[PC_RES_AGENT].headcount[3] == 6 &&
	      copy.staff[PC_RES_SUPERVISOR].change_cap[1] == 2 && copy.arrival_curve.n == 4,
	      "arrays copied");
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 1);
	for (i = 0; rng && i < 100; i++) {
		double v = pc_dist_sample(&copy.transit, rng);

		ok &= v == PC_DAY || v == 2 * PC_DAY || v == 3 * PC_DAY;
	}
	CHECK(ok, "the copy's empirical distribution samples its values");
	gsl_rng_free(rng);
	CHECK(pc_scenario_set(&copy, "simulation", "seed", "7", NULL) == 0 && copy.seed == 7,
	      "the copy keeps its keys for set");
	free(a);
	free(b);
	pc_scenario_release(&copy);
}

static void test_schedule_merge(void)
{
	pc_staff st;
	int head[2] = { 2, 2 };
	static const double t[] = { 0, 32400, 64800 };
	static const int cap[] = { 0, 2, 0 };

	memset(&st, 0, sizeof st);
	st.nshifts = 2;
	snprintf(st.shift[0].name, sizeof st.shift[0].name, "am");
	st.shift[0].start = 9 * 3600;
	st.shift[0].end = 13 * 3600;
	snprintf(st.shift[1].name, sizeof st.shift[1].name, "pm");
	st.shift[1].start = 13 * 3600;
	st.shift[1].end = 18 * 3600;
	st.roster_kind = PC_ROSTER_CONSTANT;
	st.ndays = 1;
	st.headcount = head;
	check_schedule(&st, PC_DAY, 3, t, cap, "equal capacities on both sides of 13:00 merge");
}

static void test_dates(void)
{
	int64_t day = 0, d;
	char buf[32];
	int ok = 1;

	CHECK(pc_date_parse("2026-11-11", &day) == 0 && day == 20768, "2026-11-11 is day %lld",
	      (long long)day);
	pc_date_format(20768, buf, sizeof buf);
	CHECK(strcmp(buf, "2026-11-11") == 0, "day 20768 is %s", buf);
	CHECK(pc_date_parse("1970-01-01", &day) == 0 && day == 0, "epoch");
	CHECK(pc_date_parse("1969-12-31", &day) == 0 && day == -1, "day before the epoch");
	CHECK(pc_date_parse("2024-02-29", &day) == 0 && day == 19782, "2024-02-29 valid");
	CHECK(pc_date_parse("2000-02-29", &day) == 0 && day == 11016, "2000-02-29 valid");
	CHECK(pc_date_parse("0001-01-01", &day) == 0 && day == -719162, "0001-01-01");
	CHECK(pc_date_parse("9999-12-31", &day) == 0 && day == 2932896, "9999-12-31");
	day = 42;
	CHECK(pc_date_parse("2026-02-29", &day) == PC_EINPUT && day == 42, "2026-02-29 invalid");
	CHECK(pc_date_parse("1900-02-29", &day) != 0, "1900-02-29 invalid");
	CHECK(pc_date_parse("2026-04-31", &day) != 0, "2026-04-31 invalid");
	CHECK(pc_date_parse("2026-13-01", &day) != 0, "month 13 invalid");
	CHECK(pc_date_parse("2026-00-10", &day) != 0, "month 0 invalid");
	CHECK(pc_date_parse("2026-11-00", &day) != 0, "day 0 invalid");
	CHECK(pc_date_parse("2026-1-01", &day) != 0, "one-digit month invalid");
	CHECK(pc_date_parse("2026-11-11 ", &day) != 0, "trailing blank invalid");
	CHECK(pc_date_parse("2026/11/11", &day) != 0, "slashes invalid");
	CHECK(pc_date_parse("", &day) != 0, "empty invalid");
	for (d = -719162; d <= 2932896; d += 997) {
		int64_t back = 0;

		pc_date_format(d, buf, sizeof buf);
		ok &= pc_date_parse(buf, &back) == 0 && back == d;
	}
	CHECK(ok, "format and parse agree from 0001 to 9999");
}

static void test_names(void)
{
	CHECK(strcmp(pc_path_name(PC_PATH_RECEIVED), "received_no_return") == 0, "path name");
	CHECK(strcmp(pc_path_name(PC_PATH_RETURN), "return") == 0, "path name 4");
	CHECK(strcmp(pc_res_name(PC_RES_INSPECTOR), "inspector") == 0, "resource name");
	CHECK(strcmp(pc_task_name(PC_TASK_AGREE), "return") == 0, "agree task is 'return'");
	CHECK(strcmp(pc_task_name(PC_TASK_INSPECT), "inspection") == 0, "inspect task");
	CHECK(strcmp(pc_task_name(PC_TASK_ESCALATION), "escalation") == 0, "escalation task");
	CHECK(strcmp(pc_reason_name(PC_REASON_NOT_RECEIVED), "not_received") == 0, "reason name");
	CHECK(strcmp(pc_path_name(PC_NPATHS), "?") == 0, "out of range");
}

int main(void)
{
	test_good();
	test_defaults();
	test_quirks();
	test_dump();
	test_keys_markdown();
	test_set();
	test_copy();
	test_schedule_merge();
	test_dates();
	test_names();
	return check_done();
}
