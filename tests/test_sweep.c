/* test_sweep: --vary parsing (keys, aliases, shifts, ranges, lists, errors), the grid, identical tables whatever the threads, monotone KPIs, and a stop part way. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/sweep.h"

#include "check.h"

#define GOLDEN "tests/data/sim/golden.ini"

static int load(pc_scenario *sc, const char *path)
{
	pc_error err;
	char msg[2048];
	int rc = pc_scenario_load(sc, path, &err);

	CHECK(rc == 0, "load %s: %s", path, rc ? pc_error_format(&err, msg, sizeof msg) : "");
	return rc;
}

/* Parses spec; checks name and the values joined by '|'. */
static void check_axis(const pc_scenario *base, const char *spec, const char *name, const char *values)
{
	pc_sweep_axis ax;
	pc_error err;
	char msg[2048], got[4096] = "";
	int rc;

	pc_error_clear(&err);
	rc = pc_sweep_axis_parse(&ax, spec, base, &err);
	CHECK(rc == 0, "%s parses: %s", spec, rc ? pc_error_format(&err, msg, sizeof msg) : "");
	if (rc)
		return;
	for (int i = 0; i < ax.nvalues; i++) {
		strcat(got, i ? "|" : "");
		strcat(got, ax.values[i]);
	}
	CHECK(strcmp(ax.name, name) == 0, "%s: name '%s', want '%s'", spec, ax.name, name);
	CHECK(strcmp(got, values) == 0, "%s: values '%s', want '%s'", spec, got, values);
	pc_sweep_axis_release(&ax);
}

/* Parsing spec fails with exactly want. */
static void check_bad(const pc_scenario *base, const char *spec, const char *want)
{
	pc_sweep_axis ax;
	pc_error err;
	char msg[2048];
	int rc;

	pc_error_clear(&err);
	rc = pc_sweep_axis_parse(&ax, spec, base, &err);
	CHECK(rc == PC_EINPUT, "%s must fail (rc %d)", spec, rc);
	if (rc == 0)
		pc_sweep_axis_release(&ax);
	else
		CHECK(strcmp(pc_error_format(&err, msg, sizeof msg), want) == 0, "%s: got '%s', want '%s'",
		      spec, msg, want);
}

static void test_axes(const pc_scenario *base)
{
	pc_sweep_axis ax;
	pc_error err;

	/* Keys: section.key, a key unique to its section, aliases, shifts. */
	check_axis(base, "refunds.rate=3%:8%:1%", "refunds.rate", "3%|4%|5%|6%|7%|8%");
	check_axis(base, "refund_rate = 0.03:0.05:0.01", "refunds.rate", "3%|4%|5%");
	check_axis(base, "gmv=100000:300000:100000", "promotion.gmv", "100000|200000|300000");
	check_axis(base, "agents=1:9:4", "staff.agent.roster", "1|5|9");
	check_axis(base, "agents.evening=0:2:1", "agents.evening", "0|1|2");
	check_axis(base, "inspectors=1,3", "staff.inspector.roster", "1|3");
	check_axis(base, "path.return.refund_on_signature=no,yes", "path.return.refund_on_signature", "no|yes");
	check_axis(base, "refund_on_signature=yes", "path.return.refund_on_signature", "yes");
	check_axis(base, "response_timeout=24h,none", "platform.seller_response_timeout", "24h|none");
	/* Durations keep the unit of FROM; ranges never drift. */
	check_axis(base, "path.unshipped.handle=fixed(3min),lognormal(mean=3min, cv=0.5)",
		   "path.unshipped.handle", "fixed(3min)|lognormal(mean=3min, cv=0.5)");
	check_axis(base, "platform.protection_period=10min:60min:10min", "platform.protection_period",
		   "10min|20min|30min|40min|50min|60min");
	check_axis(base, "protection_period=1h:3h:30min", "platform.protection_period", "1h|1.5h|2h|2.5h|3h");
	check_axis(base, "refunds.after_sales_ratio=0.1:0.3:0.1", "refunds.after_sales_ratio", "10%|20%|30%");
	check_axis(base, "refunds.rate=2%:3%:0.3%", "refunds.rate", "2%|2.3%|2.6%|2.9%");
	/* ';' separates values that hold commas; a single one ends with ';'. */
	check_axis(base, "refunds.path_mix=unshipped 50%, return 50%;unshipped 30%, return 70%",
		   "refunds.path_mix", "unshipped 50%, return 50%|unshipped 30%, return 70%");
	check_axis(base, "refunds.path_mix=unshipped 50%, return 50%;", "refunds.path_mix",
		   "unshipped 50%, return 50%");
	check_axis(base, "staff.agent.shifts=day 09:00-18:00, evening 18:00-23:00;day 08:00-20:00, evening 20:00-23:00",
		   "staff.agent.shifts", "day 09:00-18:00, evening 18:00-23:00|day 08:00-20:00, evening 20:00-23:00");

	/* Errors: the key, the range, the values, each named. */
	check_bad(base, "refund_ratio=3%:8%:1%",
		  "--vary 'refund_ratio=3%:8%:1%': unknown key 'refund_ratio' (see promocap check --keys)");
	check_bad(base, "handle=fixed(3min)",
		  "--vary 'handle=fixed(3min)': key 'handle' is in several sections (path.unshipped, path.in_transit, path.received_no_return, after_sales, service.where_is_my_parcel, service.order_change, service.invoice, service.price_protection, service.quality, service.warranty, service.exchange, presale): write SECTION.handle");
	check_bad(base, "refunds.bogus=1", "--vary 'refunds.bogus=1': unknown key 'bogus' in section '[refunds]'");
	check_bad(base, "refunds.rate", "--vary 'refunds.rate': expected KEY=VALUES");
	check_bad(base, "=5%", "--vary '=5%': expected KEY=VALUES, the key is missing");
	check_bad(base, "refunds.rate=", "--vary 'refunds.rate=': expected KEY=VALUES, the values are missing");
	check_bad(base, "refunds.rate=8%:3%:1%", "--vary 'refunds.rate=8%:3%:1%': FROM must not be above TO, got '8%' to '3%'");
	check_bad(base, "refunds.rate=3%:8%:0%", "--vary 'refunds.rate=3%:8%:0%': the step must be above 0, got '0%'");
	check_bad(base, "refunds.rate=3%:8%:-1%", "--vary 'refunds.rate=3%:8%:-1%': the step must be above 0, got '-1%'");
	check_bad(base, "refunds.rate=3%:150%:50%",
		  "--vary 'refunds.rate=3%:150%:50%': 'rate' must be a share from 0% to 100%, got '103%'");
	check_bad(base, "refunds.rate=3%:x:1%", "--vary 'refunds.rate=3%:x:1%': 'refunds.rate' takes a share such as 5%, got 'x'");
	check_bad(base, "agents=1:5", "--vary 'agents=1:5': a range is FROM:TO:STEP, got '1:5'");
	check_bad(base, "agents=1:5:2:1", "--vary 'agents=1:5:2:1': a range is FROM:TO:STEP, got '1:5:2:1'");
	check_bad(base, "agents=1:5:0.5", "--vary 'agents=1:5:0.5': 'staff.agent.roster' takes a whole number, got '0.5'");
	check_bad(base, "protection_period=1h:3h:30", "--vary 'protection_period=1h:3h:30': 'platform.protection_period' takes a duration such as 30min, got '30'");
	check_bad(base, "agents=0:100000:1", "--vary 'agents=0:100000:1': the range has 100001 values, at most 1000");
	check_bad(base, "agents.night=1:3:1", "--vary 'agents.night=1:3:1': the agent has no shift 'night', its shifts are day, evening");
	check_bad(base, "agents.evening=1,x", "--vary 'agents.evening=1,x': 'agents.evening' takes a whole number >= 0, got 'x'");
	check_bad(base, "refunds.rate=3%,,5%", "--vary 'refunds.rate=3%,,5%': the list has an empty value");
	check_bad(base, "refunds.rate=3%,3%", "--vary 'refunds.rate=3%,3%': the list has '3%' twice");
	check_bad(base, "refund_on_signature=no,maybe",
		  "--vary 'refund_on_signature=no,maybe': 'refund_on_signature' must be yes or no, got 'maybe'");
	check_bad(base, "refunds.path_mix=unshipped 50%, return 50%",
		  "--vary 'refunds.path_mix=unshipped 50%, return 50%': 'path_mix' shares sum to 50%, not 100%");
	check_bad(base, "promotion.hourly_share=nowhere.csv",
		  "--vary 'promotion.hourly_share=nowhere.csv': cannot open 'tests/data/sim/nowhere.csv': No such file or directory");

	/* Two axes on one key; a grid too big. */
	{
		pc_sweep_axis two[2];
		pc_sweep sw;
		char msg[2048];
		int rc;

		pc_error_clear(&err);
		rc = pc_sweep_axis_parse(&two[0], "agents=1,2", base, &err) |
		     pc_sweep_axis_parse(&two[1], "staff.agent.roster=3", base, &err);
		CHECK(rc == 0, "two axes parse");
		rc = pc_sweep_init(&sw, base, two, 2, &err);
		CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
						"--vary 'staff.agent.roster' given twice") == 0,
		      "the same key twice: %s", msg);
		pc_sweep_axis_release(&two[0]);
		pc_sweep_axis_release(&two[1]);

		pc_error_clear(&err);
		rc = pc_sweep_axis_parse(&two[0], "gmv=100000:1000000:1000", base, &err) |
		     pc_sweep_axis_parse(&two[1], "aov=100:200:1", base, &err);
		CHECK(rc == 0, "big axes parse");
		rc = pc_sweep_init(&sw, base, two, 2, &err);
		CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
						"--vary: the grid has more than 20000 points") == 0,
		      "too many points: %s", msg);
		pc_sweep_axis_release(&two[0]);
		pc_sweep_axis_release(&two[1]);
	}
	/* A combination can fail where each value alone is fine. */
	{
		pc_sweep_axis two[2];
		pc_sweep sw;
		char msg[2048];
		int rc;

		pc_error_clear(&err);
		rc = pc_sweep_axis_parse(&two[0], "staff.agent.min_per_shift=0,5", base, &err) |
		     pc_sweep_axis_parse(&two[1], "staff.agent.max_per_shift=9,3", base, &err);
		CHECK(rc == 0, "min and max parse alone");
		rc = pc_sweep_init(&sw, base, two, 2, &err);
		CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
						"--vary point staff.agent.min_per_shift=5, staff.agent.max_per_shift=3: 'max_per_shift' must be a whole number >= min_per_shift 5, got '3'") == 0,
		      "a bad combination: %s", msg);
		pc_sweep_axis_release(&two[0]);
		pc_sweep_axis_release(&two[1]);
	}
	(void)ax;
}

/* Sweep.csv and whatif.csv of a run with threads threads, as one string. */
static char *sweep_tables(const pc_scenario *base, const char *const *specs, int n, int threads,
			  pc_sweep *keep)
{
	pc_sweep_axis ax[4];
	pc_sweep sw;
	pc_exec ex = { threads, NULL, NULL, NULL, NULL, NULL };
	pc_error err;
	char *text = NULL, msg[2048];
	size_t size = 0;
	FILE *out;
	int rc = 0, a;

	pc_error_clear(&err);
	for (a = 0; a < n && !rc; a++)
		rc = pc_sweep_axis_parse(&ax[a], specs[a], base, &err);
	if (rc)
		a--;
	if (!rc)
		rc = pc_sweep_init(&sw, base, ax, n, &err);
	if (!rc && (rc = pc_sweep_run(&sw, &ex, &err)) != 0)
		pc_sweep_release(&sw);
	CHECK(rc == 0, "sweep runs: %s", rc ? pc_error_format(&err, msg, sizeof msg) : "");
	if (!rc && (out = open_memstream(&text, &size)) != NULL) {
		CHECK(pc_sweep_write_csv(&sw, out) == 0 && pc_sweep_write_whatif(&sw, out) == 0,
		      "tables written");
		fclose(out);
	}
	if (!rc && keep) {
		*keep = sw;
		keep->axis = NULL; /* the axes are gone below */
	} else if (!rc) {
		pc_sweep_release(&sw);
	}
	for (int i = 0; i < a; i++)
		pc_sweep_axis_release(&ax[i]);
	return text;
}

/* The index of KPI key in sw. */
static int kpi_index(const pc_sweep *sw, const char *key)
{
	for (int k = 0; k < sw->nkpis; k++)
		if (strcmp(sw->kpi[k].key, key) == 0)
			return k;
	return -1;
}

static void test_threads_and_monotone(const pc_scenario *base)
{
	static const char *const specs[] = { "agents=1:5:1", "refunds.rate=4%,8%" };
	char *one, *two, *three;
	pc_sweep sw;

	one = sweep_tables(base, specs, 2, 1, &sw);
	two = sweep_tables(base, specs, 2, 2, NULL);
	three = sweep_tables(base, specs, 2, 3, NULL);
	CHECK(one && two && three && strcmp(one, two) == 0 && strcmp(one, three) == 0,
	      "sweep.csv and whatif.csv identical for 1, 2 and 3 threads");
	if (one) {
		/* Header and rows: point, 2 axes, complete, replications, 3 per KPI. */
		char *nl = strchr(one, '\n');
		int commas = 0;

		for (char *p = one; p < nl; p++)
			commas += *p == ',';
		CHECK(commas + 1 == 1 + 2 + 2 + 3 * sw.nkpis, "sweep.csv has %d columns", commas + 1);
		static const char head[] = "\"point\",\"staff.agent.roster\",\"refunds.rate\",\"complete\","
					   "\"replications\",\"refund_requests_mean\",\"refund_requests_ci95_low\"";

		CHECK(strncmp(one, head, strlen(head)) == 0, "sweep.csv header");
		CHECK(strstr(one, ",\"first_response_within_pct_mean\",\"first_response_within_pct_ci95_low\","
				  "\"first_response_within_pct_ci95_high\",\"first_response_mean_minutes_mean\",") != NULL,
		      "KPI columns carry their units");
		CHECK(strstr(one, "\n10,\"5\",\"8%\",\"yes\",4,") != NULL, "the last point: agents 5, rate 8%%");
		CHECK(strstr(one, "\"kpi\",\"label\",\"unit\",\"target\",\"x\",\"x_label\",\"x_name\",\"refunds.rate=4%\",\"refunds.rate=8%\","
				  "\"refunds.rate=4% ci95_low\",\"refunds.rate=8% ci95_low\","
				  "\"refunds.rate=4% ci95_high\",\"refunds.rate=8% ci95_high\"\n") != NULL,
		      "whatif.csv header: one column per second-axis value, then their CIs' low and high ends");
		CHECK(strstr(one, "\"first_response_within\",\"first response within 30min\",\"%\",95,3,\"3\",\"staff.agent.roster\",") != NULL,
		      "whatif.csv row with its target");
	}
	/* More agents: first responses within 30 min up, their mean time down,
	 * point by point along the first axis, at both refund rates (common
	 * random numbers keep the comparison tight). */
	if (one) {
		int kin = kpi_index(&sw, "first_response_within"), kmean = kpi_index(&sw, "first_response_mean");
		int kreq = kpi_index(&sw, "refund_requests"), up = 1, down = 1, same = 1, moved = 1;

		CHECK(sw.npoints == 10 && sw.points_done == 10 && !sw.stopped, "10 points done");
		for (int rate = 0; rate < 2; rate++)
			for (int a = 1; a < 5; a++) {
				int p = a * 2 + rate, q = (a - 1) * 2 + rate;
				const double *sp = &sw.stat[((size_t)p * (size_t)sw.nkpis) * 4];
				const double *sq = &sw.stat[((size_t)q * (size_t)sw.nkpis) * 4];

				up &= sp[kin * 4] >= sq[kin * 4];
				down &= sp[kmean * 4] < sq[kmean * 4];
				same &= sp[kreq * 4] == sq[kreq * 4];
			}
		for (int rate = 0; rate < 2; rate++)
			moved &= sw.stat[((size_t)(8 + rate) * (size_t)sw.nkpis + (size_t)kin) * 4] >
				 sw.stat[((size_t)rate * (size_t)sw.nkpis + (size_t)kin) * 4] + 1;
		CHECK(up, "first response within 30min never falls as agents are added");
		CHECK(moved, "and rises by more than a point from 1 to 5 agents");
		CHECK(down, "mean first response falls with every agent added");
		CHECK(same, "the same refunds at every headcount (common random numbers)");
		CHECK(sw.stat[(size_t)kreq * 4] < sw.stat[((size_t)1 * (size_t)sw.nkpis + (size_t)kreq) * 4],
		      "more refunds at 8%% than at 4%%");
		pc_sweep_release(&sw);
	}
	free(one);
	free(two);
	free(three);
}

/* Raises the stop flag once stop_after replications have run. */
typedef struct stopper {
	atomic_int flag;
	long long after;
	int calls;
} stopper;

static void stop_at(void *user, const pc_progress *p)
{
	stopper *s = user;

	s->calls++;
	if (p->reps_done >= s->after)
		atomic_store(&s->flag, 1);
}

static void test_stop(const pc_scenario *base)
{
	pc_sweep_axis ax;
	pc_sweep sw;
	stopper s;
	pc_exec ex = { 1, stop_at, &s, &s.flag, NULL, NULL };
	pc_error err;
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	pc_error_clear(&err);
	if (pc_sweep_axis_parse(&ax, "agents=1:6:1", base, &err) || pc_sweep_init(&sw, base, &ax, 1, &err)) {
		CHECK(0, "stop sweep set up");
		return;
	}
	/* One thread, 4 replications a point: a stop after the 6th leaves
	 * point 1 whole, point 2 half run and dropped, the rest not run. */
	atomic_init(&s.flag, 0);
	s.after = 6;
	s.calls = 0;
	CHECK(pc_sweep_run(&sw, &ex, &err) == 0, "a stopped sweep is not an error");
	CHECK(sw.stopped && sw.points_done == 1 && sw.complete[0] && !sw.complete[1] && !sw.complete[5],
	      "stopped after point 1: stopped %d, done %d", sw.stopped, sw.points_done);
	CHECK(s.calls == 7, "progress: once at the start and after each replication (%d)", s.calls);
	if ((out = open_memstream(&text, &size)) != NULL) {
		pc_sweep_write_csv(&sw, out);
		fclose(out);
	}
	CHECK(text && strstr(text, "\n1,\"1\",\"yes\",4,") && strstr(text, "\n2,\"2\",\"no\",4,,,,") &&
	      strstr(text, "\n6,\"6\",\"no\",4,"), "sweep.csv marks the points not run complete = no");
	free(text);
	pc_sweep_release(&sw);

	/* A stop before the start: nothing runs. */
	if (pc_sweep_init(&sw, base, &ax, 1, &err) == 0) {
		atomic_init(&s.flag, 1);
		CHECK(pc_sweep_run(&sw, &ex, &err) == 0 && sw.stopped && sw.points_done == 0,
		      "a stop before the start runs nothing");
		pc_sweep_release(&sw);
	}
	pc_sweep_axis_release(&ax);
}

int main(void)
{
	pc_scenario base;

	if (load(&base, GOLDEN))
		return check_done();
	test_axes(&base);
	test_threads_and_monotone(&base);
	test_stop(&base);
	pc_scenario_release(&base);
	return check_done();
}
