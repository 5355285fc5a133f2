/* test_compare: a scenario against itself differs by exactly zero; more agents give a difference whose CI excludes zero; demand keys named when they differ; identical tables whatever the threads; a stop keeps whole pairs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/compare.h"

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

static int set(pc_scenario *sc, const char *section, const char *key, const char *value)
{
	pc_error err;
	char msg[2048];
	int rc;

	pc_error_clear(&err);
	rc = pc_scenario_set(sc, section, key, value, &err);
	CHECK(rc == 0, "set %s.%s: %s", section, key, rc ? pc_error_format(&err, msg, sizeof msg) : "");
	return rc;
}

static int kpi_index(const pc_compare *cmp, const char *key)
{
	for (int k = 0; k < cmp->nkpis; k++)
		if (strcmp(cmp->kpi[k].key, key) == 0)
			return k;
	return -1;
}

/* The three tables as one string. */
static char *tables(const pc_compare *cmp)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	if (!out)
		return NULL;
	CHECK(pc_compare_write_csv(cmp, out) == 0 && pc_compare_write_scenarios(cmp, out) == 0 &&
	      pc_compare_write_sla(cmp, out) == 0, "tables written");
	fclose(out);
	return text;
}

static void test_self(const pc_scenario *a)
{
	const pc_scenario *two[2] = { a, a };
	pc_compare cmp;
	pc_error err;
	int zero = 1, some = 0, rc;
	char *text;

	pc_error_clear(&err);
	rc = pc_compare_run(&cmp, two, 2, 99, 5, NULL, &err);
	CHECK(rc == 0 && cmp.reps_done == 5 && !cmp.stopped, "compare with itself runs");
	if (rc)
		return;
	for (int k = 0; k < cmp.nkpis; k++) {
		const pc_compare_fig *f = &cmp.fig[cmp.nkpis + k], *f0 = &cmp.fig[k];

		if (isnan(f0->mean))
			continue;
		some++;
		zero &= f->diff == 0 && f->diff_lo == 0 && f->diff_hi == 0 && f->mean == f0->mean &&
			f->pairs == 5;
	}
	CHECK(some > 30 && zero, "every KPI differs by exactly 0, CI [0, 0] (%d KPIs)", some);
	CHECK(strcmp(cmp.label[0], "golden") == 0 && strcmp(cmp.label[1], "golden_2") == 0,
	      "labels made unique: %s, %s", cmp.label[0], cmp.label[1]);
	CHECK(cmp.demand[1][0] == '\0', "same demand");
	text = tables(&cmp);
	CHECK(text && strstr(text, "\"refund_requests\",\"refund requests\",\"refunds\",\"yes\",") &&
	      strstr(text, "\"golden_2_diff\",\"golden_2_diff_ci95_low\",\"golden_2_diff_ci95_high\"\n"),
	      "compare.csv columns");
	CHECK(text && strstr(text, "\"golden_2\",\"" GOLDEN "\",\"golden small scenario\",\"99\",5,\"yes\",\"\"\n"),
	      "compare_scenarios.csv: same demand");
	CHECK(text && strstr(text, "\"hours\",\"golden_all_pct\",\"golden_all_low\",\"golden_all_high\",\"golden_unshipped_pct\""),
	      "sla_compare.csv header");
	free(text);
	pc_compare_release(&cmp);
}

static void test_more_agents(const pc_scenario *a)
{
	pc_scenario b, c;
	const pc_scenario *three[3];
	pc_compare cmp;
	pc_error err;
	char *one = NULL, *two = NULL;
	int rc;

	if (pc_scenario_copy(&b, a) || pc_scenario_copy(&c, a)) {
		CHECK(0, "copy");
		return;
	}
	/* b: two more agents on the day shift; c: another refund rate. */
	pc_error_clear(&err);
	rc = pc_scenario_set_shift(&b, PC_RES_AGENT, "day", 4, &err);
	CHECK(rc == 0, "day 4");
	set(&c, "refunds", "rate", "7%");
	three[0] = a;
	three[1] = &b;
	three[2] = &c;
	for (int threads = 1; threads <= 3; threads += 2) {
		pc_exec ex = { threads, NULL, NULL, NULL, NULL, NULL };

		pc_error_clear(&err);
		rc = pc_compare_run(&cmp, three, 3, 99, 8, &ex, &err);
		CHECK(rc == 0, "compare of three runs on %d threads", threads);
		if (rc)
			break;
		if (threads == 1) {
			int kmean = kpi_index(&cmp, "first_response_mean");
			int kreq = kpi_index(&cmp, "refund_requests");
			const pc_compare_fig *f = &cmp.fig[cmp.nkpis + kmean];
			const pc_compare_fig *r = &cmp.fig[cmp.nkpis + kreq];

			CHECK(f->diff < 0 && f->diff_hi < 0, "more agents: first response sooner, CI below 0 (%g [%g, %g])",
			      f->diff, f->diff_lo, f->diff_hi);
			CHECK(r->diff == 0 && r->diff_lo == 0 && r->diff_hi == 0,
			      "the same refunds arrive (common random numbers)");
			CHECK(cmp.demand[1][0] == '\0' && strcmp(cmp.demand[2], "refunds.rate") == 0,
			      "demand: b shares it, c differs in '%s'", cmp.demand[2]);
			CHECK(cmp.fig[2 * cmp.nkpis + kreq].diff > 0, "c has more refunds");
			one = tables(&cmp);
		} else {
			two = tables(&cmp);
		}
		pc_compare_release(&cmp);
	}
	CHECK(one && two && strcmp(one, two) == 0, "compare tables identical for 1 and 3 threads");
	CHECK(one && strstr(one, "\"c\",") == NULL && strstr(one, "\"golden_3\",\"" GOLDEN "\",\"golden small scenario\",\"99\",8,\"no\",\"refunds.rate\"\n"),
	      "compare_scenarios.csv names the demand key that differs");
	free(one);
	free(two);

	/* A target measured differently is flagged. */
	set(&b, "sla", "first_response", "95% within 1h");
	three[1] = &b;
	pc_error_clear(&err);
	if (pc_compare_run(&cmp, three, 2, 99, 2, NULL, &err) == 0) {
		CHECK(!cmp.comparable[kpi_index(&cmp, "first_response_within")] &&
		      cmp.comparable[kpi_index(&cmp, "first_response_mean")],
		      "first response within: not comparable when the target times differ");
		pc_compare_release(&cmp);
	}
	pc_scenario_release(&b);
	pc_scenario_release(&c);
}

/* Stops once after replications have run. */
typedef struct stopper {
	atomic_int flag;
	long long after;
} stopper;

static void stop_at(void *user, const pc_progress *p)
{
	stopper *s = user;

	if (p->reps_done >= s->after)
		atomic_store(&s->flag, 1);
}

static void test_stop(const pc_scenario *a)
{
	const pc_scenario *two[2] = { a, a };
	stopper s;
	pc_exec ex = { 1, stop_at, &s, &s.flag, NULL, NULL };
	pc_compare cmp;
	pc_error err;

	/* Replication 0 of both, then 1 of both, ...: a stop after five runs
	 * keeps two whole pairs. */
	atomic_init(&s.flag, 0);
	s.after = 5;
	pc_error_clear(&err);
	CHECK(pc_compare_run(&cmp, two, 2, 99, 6, &ex, &err) == 0, "a stopped compare is not an error");
	CHECK(cmp.stopped && cmp.reps_done == 2 && cmp.res[0].reps == 2 && cmp.res[1].reps == 2,
	      "stopped with 2 whole pairs (%d)", cmp.reps_done);
	CHECK(cmp.fig[cmp.nkpis].pairs == 2, "the differences use those pairs");
	pc_compare_release(&cmp);
}

/* A lever only B turns on: its KPIs get rows of their own (n/a for A),
 * and every other row still pairs the same KPI. */
static void test_rows_by_key(const pc_scenario *a)
{
	pc_scenario b;
	const pc_scenario *sc[2];
	pc_compare cmp;
	pc_exec ex = { .threads = 2 };
	pc_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int k;

	if (pc_scenario_copy(&b, a))
		return;
	if (set(&b, "auto_refund", "unshipped_below", "200")) {
		pc_scenario_release(&b);
		return;
	}
	sc[0] = a;
	sc[1] = &b;
	pc_error_clear(&err);
	if (pc_compare_run(&cmp, sc, 2, 99, 3, &ex, &err)) {
		CHECK(0, "compare with a lever");
		pc_scenario_release(&b);
		return;
	}
	k = kpi_index(&cmp, "auto_refund_money");
	CHECK(k >= 0, "the automatic refund money has a row");
	if (k >= 0) {
		CHECK(isnan(cmp.fig[k].mean), "A has no automatic refunds: n/a");
		CHECK(cmp.fig[cmp.nkpis + k].mean > 0, "B refunds money automatically");
	}
	k = kpi_index(&cmp, "refund_requests");
	CHECK(k >= 0 && cmp.fig[k].mean == cmp.fig[cmp.nkpis + k].mean && cmp.fig[cmp.nkpis + k].diff == 0,
	      "the same refunds pair row by row");
	for (int j = 0; j < cmp.nkpis; j++)
		for (int i = j + 1; i < cmp.nkpis; i++)
			CHECK(strcmp(cmp.kpi[i].key, cmp.kpi[j].key) != 0, "row %s once", cmp.kpi[i].key);
	f = open_memstream(&buf, &len);
	CHECK(f && pc_compare_write_summary(&cmp, f) == 0, "summary");
	if (f)
		fclose(f);
	if (buf) {
		const char *p = buf;
		int wide = 0;

		CHECK(!strncmp(buf, "verdict:\n  A  ", 14), "the verdict comes first: %.40s", buf);
		CHECK(strstr(buf, " met ") != NULL && strstr(buf, "target") != NULL, "target and met columns");
		CHECK(strstr(buf, "e-") == NULL, "no float noise in the summary");
		CHECK(strstr(buf, "staff cost") != NULL, "staff cost row");
		/* Every line fits 110 display columns (a CJK character takes two). */
		while (*p) {
			int cols = 0;

			for (; *p && *p != '\n'; p++) {
				unsigned char ch = (unsigned char)*p;

				if ((ch & 0xc0) == 0x80)
					continue;
				cols += ch >= 0xe0 ? 2 : 1;
			}
			if (cols > 110)
				wide++;
			if (*p)
				p++;
		}
		CHECK(wide == 0, "%d lines wider than 110 columns", wide);
	}
	free(buf);
	pc_compare_release(&cmp);
	pc_scenario_release(&b);
}

int main(void)
{
	pc_scenario a;

	if (load(&a, GOLDEN))
		return check_done();
	test_self(&a);
	test_more_agents(&a);
	test_stop(&a);
	test_rows_by_key(&a);
	pc_scenario_release(&a);
	return check_done();
}
