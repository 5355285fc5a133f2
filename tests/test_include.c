/* test_include: `include = FILE` in scenarios (overrides, relative paths, errors at the included file's line, cycles) and shift headcounts in rosters ("8, night 3"). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "promocap/scenario.h"

#include "check.h"

#define INC "tests/data/include/"

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

static int load(pc_scenario *sc, const char *path)
{
	pc_error err;
	char msg[2048];
	int rc = pc_scenario_load(sc, path, &err);

	CHECK(rc == 0, "load %s: %s", path, rc ? pc_error_format(&err, msg, sizeof msg) : "");
	return rc;
}

/* Loading path fails with exactly want ("file:line: message"). */
static void check_fails(const char *path, const char *want)
{
	pc_scenario sc;
	pc_error err;
	char msg[2048];
	int rc = pc_scenario_load(&sc, path, &err);

	CHECK(rc != 0, "%s must not load", path);
	if (rc != 0)
		CHECK(strcmp(pc_error_format(&err, msg, sizeof msg), want) == 0,
		      "%s: got '%s', want '%s'", path, msg, want);
	else
		pc_scenario_release(&sc);
}

/* The sum of headcount[] over every day of shift s. */
static long shift_total(const pc_staff *st, int s)
{
	long sum = 0;

	for (int d = 0; d < st->ndays; d++)
		sum += st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s];
	return sum;
}

static void test_override(void)
{
	pc_scenario base, var, nested;
	const pc_staff *bs, *vs;

	if (load(&base, INC "base/base.ini") || load(&var, INC "variant.ini")) {
		pc_scenario_release(&base);
		return;
	}
	/* The variant's own keys win; the rest is the base's. */
	CHECK(strcmp(var.name, "include variant") == 0, "name overridden: '%s'", var.name);
	CHECK(var.refund_rate == 0.08 && base.refund_rate == 0.06, "rate overridden: %g", var.refund_rate);
	CHECK(var.gmv == base.gmv && var.horizon == base.horizon && var.seed == 99 &&
	      var.replications == 4, "other keys come from the base");
	/* hourly.csv is named in base/base.ini: found beside it. */
	CHECK(memcmp(var.hourly_share, base.hourly_share, sizeof var.hourly_share) == 0,
	      "the base's CSV resolved against the base's folder");
	CHECK(strcmp(var.hourly_share_text, "base/hourly.csv") == 0,
	      "its name is kept relative to the variant's folder: '%s'", var.hourly_share_text);
	/* The variant's roster: the base's CSV, evening 4 on every day. */
	bs = &base.staff[PC_RES_AGENT];
	vs = &var.staff[PC_RES_AGENT];
	CHECK(vs->roster_kind == PC_ROSTER_TABLE && vs->ndays == bs->ndays, "roster by table");
	CHECK(shift_total(vs, 0) == shift_total(bs, 0), "day shift as in the CSV");
	CHECK(shift_total(vs, 1) == 4L * vs->ndays, "evening 4 on every day: %ld", shift_total(vs, 1));
	CHECK(vs->shift_headcount[1] == 4 && vs->shift_headcount[0] == -1, "shift headcounts kept");
	CHECK(pc_scenario_demand_diff(&base, &var, NULL, 0) == 1, "only the rate differs in demand");

	/* Two levels: nested.ini includes variant.ini includes base/base.ini. */
	if (load(&nested, INC "nested.ini") == 0) {
		char *a = dump_text(&nested), *b;

		CHECK(nested.replications == 2 && nested.refund_rate == 0.08 &&
		      strcmp(nested.name, "include variant") == 0, "two levels of include");
		/* Its dump loads from its folder to the same dump. */
		CHECK(a && strstr(a, "hourly_share = base/hourly.csv\n") &&
		      strstr(a, "roster = base/agents.csv, evening 4\n"), "dump names files from the scenario's folder");
		if (a) {
			FILE *f = fopen(INC "tmp_nested_dump.ini", "w");
			pc_scenario again;

			CHECK(f && fputs(a, f) >= 0 && fclose(f) == 0, "dump written");
			if (load(&again, INC "tmp_nested_dump.ini") == 0) {
				b = dump_text(&again);
				CHECK(b && strcmp(a, b) == 0, "dump of an including scenario round-trips");
				free(b);
				pc_scenario_release(&again);
			}
			remove(INC "tmp_nested_dump.ini");
		}
		free(a);
		pc_scenario_release(&nested);
	}

	/* pc_scenario_set and pc_scenario_copy keep where keys came from. */
	{
		pc_error err;
		pc_scenario copy;
		char msg[2048];
		int rc;

		pc_error_clear(&err);
		rc = pc_scenario_set(&var, "refunds", "rate", "5%", &err);
		CHECK(rc == 0 && var.refund_rate == 0.05, "set on an including scenario: %s",
		      rc ? pc_error_format(&err, msg, sizeof msg) : "");
		CHECK(memcmp(var.hourly_share, base.hourly_share, sizeof var.hourly_share) == 0,
		      "the rebuild still finds the base's CSV");
		pc_error_clear(&err);
		rc = pc_scenario_set(&var, "staff.agent", "shifts", "day 09:00-18:00", &err);
		pc_error_format(&err, msg, sizeof msg);
		CHECK(rc == PC_EINPUT && strcmp(msg, INC "base/agents.csv:3: unknown shift 'evening', the agent's shifts are day") == 0,
		      "a rebuild error in an included CSV names that CSV: %s", msg);
		CHECK(pc_scenario_copy(&copy, &var) == 0, "copy");
		pc_error_clear(&err);
		rc = pc_scenario_set(&copy, "simulation", "seed", "7", &err);
		CHECK(rc == 0 && copy.seed == 7 && strcmp(copy.hourly_share_text, "base/hourly.csv") == 0,
		      "a copy rebuilds like the original");
		pc_scenario_release(&copy);
	}
	pc_scenario_release(&var);
	pc_scenario_release(&base);
}

static void test_errors(void)
{
	check_fails(INC "dup.ini", INC "dup.ini:4: key 'rate' given twice in section '[refunds]'");
	check_fails(INC "bad_inner.ini", INC "base/bad.ini:4: 'gmv' must be a number > 0, got '-3'");
	check_fails(INC "cycle_a.ini",
		    INC "cycle_b.ini:2: include cycle: '" INC "cycle_a.ini' is already being read");
	check_fails(INC "missing.ini", INC "missing.ini:1: cannot open include '" INC
		    "base/nowhere.ini': No such file or directory");
	check_fails(INC "in_section.ini",
		    INC "in_section.ini:2: 'include' must come before any [section], got it in '[promotion]'");
}

static void test_shift_headcounts(void)
{
	pc_scenario sc;
	pc_error err;
	char msg[2048], *text;
	const pc_staff *st;
	int rc;

	if (load(&sc, INC "base/base.ini"))
		return;
	st = &sc.staff[PC_RES_AGENT];
	/* A table roster: day 2, 3, 3 in the CSV. */
	pc_error_clear(&err);
	rc = pc_scenario_set_shift(&sc, PC_RES_AGENT, "day", 7, &err);
	CHECK(rc == 0, "set_shift over a CSV roster: %s", rc ? pc_error_format(&err, msg, sizeof msg) : "");
	st = &sc.staff[PC_RES_AGENT];
	CHECK(st->roster_kind == PC_ROSTER_TABLE && shift_total(st, 0) == 7L * st->ndays,
	      "day 7 on every day");
	CHECK(st->headcount[1] == 1 && st->headcount[5] == 2, "the evening still follows the CSV");
	text = dump_text(&sc);
	CHECK(text && strstr(text, "roster = agents.csv, day 7\n"), "dump shows the shift headcount");
	free(text);
	/* Again: the headcount is replaced, not added. */
	pc_error_clear(&err);
	rc = pc_scenario_set_shift(&sc, PC_RES_AGENT, "day", 5, &err);
	text = dump_text(&sc);
	CHECK(rc == 0 && text && strstr(text, "roster = agents.csv, day 5\n"), "second set replaces");
	free(text);
	/* A constant roster. */
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, "staff.agent", "roster", "2", &err);
	rc |= pc_scenario_set_shift(&sc, PC_RES_AGENT, "evening", 0, &err);
	st = &sc.staff[PC_RES_AGENT];
	CHECK(rc == 0 && shift_total(st, 0) == 2L * st->ndays && shift_total(st, 1) == 0,
	      "constant 2, evening 0");
	/* Errors. */
	pc_error_clear(&err);
	rc = pc_scenario_set_shift(&sc, PC_RES_AGENT, "night", 3, &err);
	CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
					INC "base/base.ini: the agent has no shift 'night', its shifts are day, evening") == 0,
	      "unknown shift: %s", msg);
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, "staff.agent", "roster", "2, night 3", &err);
	CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
					INC "base/base.ini: 'roster' names shift 'night', but the agent's shifts are day, evening") == 0,
	      "unknown shift in a roster value: %s", msg);
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, "staff.agent", "roster", "2, day x", &err);
	CHECK(rc == PC_EINPUT && strcmp(pc_error_format(&err, msg, sizeof msg),
					INC "base/base.ini: 'roster' shift headcounts must be like 'night 3', got 'day x'") == 0,
	      "bad shift headcount: %s", msg);
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, "staff.agent", "roster", "2, day 1, day 2", &err);
	CHECK(rc == PC_EINPUT && strstr(pc_error_format(&err, msg, sizeof msg), "names shift 'day' twice"),
	      "shift twice: %s", msg);
	pc_scenario_release(&sc);

	/* A CSV with rows for the day shift only: the evening comes from its
	 * shift headcount, on every one of the CSV's twelve days and after. */
	if (load(&sc, INC "base/base.ini"))
		return;
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, "staff.agent", "roster", "day-only.csv, evening 2", &err);
	CHECK(rc == 0, "a CSV without the evening's rows: %s", rc ? pc_error_format(&err, msg, sizeof msg) : "");
	st = &sc.staff[PC_RES_AGENT];
	if (rc == 0) {
		int ok = st->ndays >= 14;

		for (int d = 0; ok && d < st->ndays; d++)
			ok = st->headcount[2 * d] == 2 + (d < 12 ? d : 11) % 3 && st->headcount[2 * d + 1] == 2;
		CHECK(ok, "day from the CSV (last row repeated), evening 2, over %d days", st->ndays);
	}
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, "staff.agent", "roster", "day-only.csv", &err);
	CHECK(rc == PC_EINPUT && strstr(pc_error_format(&err, msg, sizeof msg),
					"'roster' has no row for date '2026-11-01' shift 'evening'"),
	      "without the shift headcount the rows are missing: %s", msg);
	pc_scenario_release(&sc);

	/* A roster of change points takes no shift headcount. */
	if (load(&sc, "tests/data/good.ini"))
		return;
	pc_error_clear(&err);
	rc = pc_scenario_set_shift(&sc, PC_RES_SUPERVISOR, "day", 3, &err);
	CHECK(rc == PC_EINPUT && strstr(pc_error_format(&err, msg, sizeof msg),
					"gives capacity change points: a shift headcount needs a roster by shift"),
	      "change points: %s", msg);
	pc_scenario_release(&sc);
}

int main(void)
{
	test_override();
	test_errors();
	test_shift_headcounts();
	return check_done();
}
