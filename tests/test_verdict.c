/* test_verdict: targets met or missed with the gap and worst day; the
 * causes computed from the run (off duty, structural); actions checked by
 * simulation that improve their target; figures formatted without float
 * noise; the HTML fragment in en and zh with scenario text escaped; first
 * response judged per interval, the worst interval named. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/verdict.h"

#include "check.h"

static int run(const char *path, pc_scenario *sc, pc_result *res)
{
	pc_error err;
	char msg[2048];
	int rc = pc_scenario_load(sc, path, &err);

	CHECK(rc == 0, "load %s: %s", path, rc ? pc_error_format(&err, msg, sizeof msg) : "");
	if (rc)
		return rc;
	rc = pc_run(sc, sc->seed, 4, 2, res, &err);
	CHECK(rc == 0, "run %s", path);
	if (rc)
		pc_scenario_release(sc);
	return rc;
}

static int find(const pc_verdict *v, const char *key)
{
	for (int i = 0; i < v->ntargets; i++)
		if (!strcmp(v->target[i].key, key))
			return i;
	return -1;
}

static char *html(const pc_verdict *v, const char *lang)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	CHECK(f && pc_verdict_write_html(f, v, lang) == 0, "write html %s", lang);
	if (f)
		fclose(f);
	return buf;
}

static void test_format(void)
{
	char b[64];

	pc_verdict_format(b, sizeof b, 91.43, "%");
	CHECK(!strcmp(b, "91.4%"), "91.43%% -> '%s'", b);
	pc_verdict_format(b, sizeof b, 99.999, "%");
	CHECK(!strcmp(b, "100%"), "99.999%% -> '%s'", b);
	pc_verdict_format(b, sizeof b, 0.0554, "%");
	CHECK(!strcmp(b, "0.0554%"), "0.0554%% -> '%s'", b);
	pc_verdict_format(b, sizeof b, 4400.4, "CNY");
	CHECK(!strcmp(b, "4,400 CNY"), "4400.4 CNY -> '%s'", b);
	pc_verdict_format(b, sizeof b, 1234567, "CNY");
	CHECK(!strcmp(b, "1,234,567 CNY"), "1234567 CNY -> '%s'", b);
	pc_verdict_format(b, sizeof b, -2100, "CNY");
	CHECK(!strcmp(b, "-2,100 CNY"), "-2100 CNY -> '%s'", b);
	pc_verdict_format(b, sizeof b, NAN, "h");
	CHECK(!strcmp(b, "n/a"), "NaN -> '%s'", b);
}

static void test_off_shift(void)
{
	pc_scenario sc;
	pc_result res;
	pc_verdict v;
	pc_error err;
	char line[1024], *h;
	int t;

	if (run("tests/data/verdict/off_shift.ini", &sc, &res))
		return;
	pc_verdict_compute(&res, &v);
	t = find(&v, "first_response_within");
	CHECK(t >= 0, "first response is a target");
	if (t < 0)
		goto out;
	CHECK(!v.target[t].met, "first response missed");
	/* Judged per day (the default, as plan judges it): missed on a day,
	 * by the worst day's shortfall. */
	CHECK(sc.plan_judged == PC_JUDGED_DAY && v.target[t].by_day && v.target[t].days_missed > 0,
	      "first response judged per day");
	CHECK_NEAR(v.target[t].gap, v.target[t].target - v.target[t].worst, 1e-9, "gap");
	CHECK(v.target[t].worst_day >= 0 && v.target[t].worst <= v.target[t].mean + 1e-9,
	      "a worst day no better than the mean");
	CHECK(v.ncauses >= 1 && v.cause[0].kind == PC_CAUSE_OFF_SHIFT && v.cause[0].res == PC_RES_AGENT,
	      "the cause: agents off duty");
	/* Agents are on 09:00-18:00: the off-duty hours start at 18:00. */
	CHECK(v.cause[0].hour_from == 18, "off duty from %d", v.cause[0].hour_from);
	CHECK(v.cause[0].share > 0.2 && v.cause[0].share < 0.9, "off-duty share %g", v.cause[0].share);
	CHECK(v.cost > 0, "a staff cost");
	CHECK(v.nactions == 0, "no action before the check");
	pc_error_clear(&err);
	CHECK(pc_verdict_check(&v, &res, 4, 2, &err) == 0, "check");
	CHECK(v.nactions >= 1, "an action");
	if (v.nactions) {
		CHECK(v.action[0].by_day && v.action[0].before == v.target[t].worst, "the action reads the worst day");
		CHECK(v.action[0].after > v.action[0].before, "the action improves first response");
		CHECK(v.action[0].cost_delta > 0, "and costs money: %g", v.action[0].cost_delta);
		CHECK(strstr(v.action[0].what, "18:00") != NULL, "over the off-duty hours: %s", v.action[0].what);
	}
	pc_verdict_line(&v, line, sizeof line);
	CHECK(strstr(line, "1 of 5 targets MISSED: first response within 2h") == line, "line: %s", line);
	h = html(&v, "en");
	CHECK(h && strstr(h, "<section class=\"verdict bad\"") && strstr(h, "1 of 5 targets missed") &&
		      strstr(h, "checked by simulation"),
	      "html en");
	free(h);
	h = html(&v, "zh");
	CHECK(h && strstr(h, "结论") && strstr(h, "未达成"), "html zh");
	free(h);
	/* Scenario text is escaped. */
	snprintf(v.action[0].what, sizeof v.action[0].what, "<script>x</script>");
	h = html(&v, "en");
	CHECK(h && !strstr(h, "<script>") && strstr(h, "&lt;script&gt;"), "html escapes");
	free(h);
out:
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

static void test_structural(void)
{
	pc_scenario sc;
	pc_result res;
	pc_verdict v;
	pc_error err;
	int t;

	if (run("tests/data/verdict/structural.ini", &sc, &res))
		return;
	pc_verdict_compute(&res, &v);
	t = find(&v, "refund_only_within");
	CHECK(t >= 0 && !v.target[t].met, "refund-only within 24h missed");
	CHECK(v.ncauses >= 1 && v.cause[0].kind == PC_CAUSE_STRUCTURAL, "structural cause");
	if (t >= 0 && v.ncauses) {
		/* The bound is an upper bound: the run stays below it. */
		CHECK(v.cause[0].share >= v.target[t].mean - 1e-9, "bound %g >= simulated %g", v.cause[0].share,
		      v.target[t].mean);
		CHECK(v.cause[0].share < v.target[t].target, "bound below the target");
	}
	pc_error_clear(&err);
	CHECK(pc_verdict_check(&v, &res, 2, 1, &err) == 0 && v.nactions == 0 && v.tried == 0,
	      "no staffing action for a structural limit");
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

static void test_all_met(void)
{
	pc_scenario sc;
	pc_result res;
	pc_verdict v;
	pc_error err;
	char line[256];

	if (run("tests/data/verdict/all_met.ini", &sc, &res))
		return;
	pc_verdict_compute(&res, &v);
	CHECK(v.ntargets > 0 && v.nmet == v.ntargets, "all met: %d of %d", v.nmet, v.ntargets);
	CHECK(v.ncauses == 0, "no cause");
	pc_error_clear(&err);
	CHECK(pc_verdict_check(&v, &res, 2, 1, &err) == 0 && v.nactions == 0 && v.tried == 0, "nothing to check");
	pc_verdict_line(&v, line, sizeof line);
	CHECK(!strcmp(line, "all 6 targets met"), "line: %s", line);
	{
		/* One target is the target, not "all 1 targets". */
		pc_verdict one = v;

		one.ntargets = one.nmet = 1;
		pc_verdict_line(&one, line, sizeof line);
		CHECK(!strcmp(line, "the target is met"), "one target met: %s", line);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

/* First response judged per interval ([plan] judged = interval): 14
 * agents around the clock answer 90% within 2 min on every day and in the
 * quiet hours, not in the busy hour (2.7 requests a minute from 10:00 to
 * 11:00, where Erlang C wants about 17): the verdict misses the target,
 * names the worst interval with its date and hours, and says why; judged
 * per day the same run meets it. */
static void test_by_interval(void)
{
	pc_scenario sc;
	pc_result res;
	pc_verdict v;
	pc_error err;
	char line[512];
	int t;

	if (run("tests/data/verdict/interval.ini", &sc, &res))
		return;
	pc_verdict_compute(&res, &v);
	t = find(&v, "first_response_within");
	CHECK(t >= 0 && !v.target[t].met && v.nmet < v.ntargets, "judged per interval: the busy hour misses first response");
	if (t >= 0) {
		const pc_verdict_target *x = &v.target[t];

		CHECK(x->by_interval && x->worst_interval >= 0 && x->worst_interval % 24 == 10 &&
			      strstr(x->worst_when, " 10:00-11:00") && x->intervals_missed >= 1 && x->intervals >= 70 &&
			      x->worst_int < 90 && fabs(x->gap - (90 - x->worst_int)) < 1e-9,
		      "the worst interval named: %s, %.4g%%, %d of %d missed", x->worst_when, x->worst_int,
		      x->intervals_missed, x->intervals);
		CHECK(x->mean >= 90, "over the run the mean meets it: %.4g%%", x->mean);
	}
	CHECK(v.ncauses >= 1 && v.cause[0].kind == PC_CAUSE_SHORT_INTERVALS && strstr(v.cause[0].text, "10:00-11:00"),
	      "why: the agents too few in the hours that miss: %s", v.ncauses ? v.cause[0].text : "none");
	pc_verdict_line(&v, line, sizeof line);
	CHECK(strstr(line, "in its worst interval") && strstr(line, "every interval"), "line: %s", line);
	pc_error_clear(&err);
	CHECK(pc_verdict_check(&v, &res, 2, 1, &err) == 0 && v.nactions >= 1 && v.action[0].by_interval &&
		      v.action[0].after > v.action[0].before,
	      "an action checked for the worst interval: %s", v.nactions ? v.action[0].what : "none");
	/* Judged per day: the same figures meet it. */
	sc.plan_judged = PC_JUDGED_DAY;
	pc_verdict_compute(&res, &v);
	t = find(&v, "first_response_within");
	CHECK(t >= 0 && v.target[t].met && !v.target[t].by_interval && v.target[t].worst_interval < 0,
	      "judged per day: met (worst day %s: %.4g%%)", t >= 0 ? v.target[t].worst_date : "", t >= 0 ? v.target[t].worst : NAN);
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

int main(void)
{
	test_format();
	test_off_shift();
	test_structural();
	test_all_met();
	test_by_interval();
	return check_done();
}
