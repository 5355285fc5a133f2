/* erlang: the call-centre calculator: agents needed, the service level of a team, tables over a range of agents or a day. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csvrow.h"
#include "promocap/dist.h"
#include "promocap/erlang.h"
#include "promocap/erlang_a.h"
#include "table.h"

const char cli_erlang_options[] =
	"  --calls N          calls arriving per --per (a number > 0)\n"
	"  --per D            the period of --calls and of the rows of --intervals (default 30min)\n"
	"  --aht D            average handling time of a call (> 0: 180s, 3min)\n"
	"  --target T         service level target: \"80% within 20s\" (or 80/20, in seconds)\n"
	"  --within D         the answer time of the service level when there is no --target\n"
	"  --agents N         the service level of N agents; N:M[:STEP] a CSV table, a row per team size\n"
	"  --intervals FILE   a day from a CSV with a column calls (optionally aht, a duration; the\n"
	"                     first column labels the rows): agents needed per row, as CSV\n"
	"  --patience D       mean patience of a waiting caller: Erlang A (M/M/c+M) with abandonment;\n"
	"                     without it Erlang C (nobody hangs up)\n"
	"  --shrinkage P      share of paid time off the phones (30%): scheduled = agents / (1 - P)\n"
	"  --max-occupancy P  agents busy at most this share of the time (85%)\n"
	"  --max-abandon P    at most this share of callers hang up (5%; needs --patience)\n"
	"  --max-agents N     the largest team tried (default 100000); none enough: exit 2\n"
	"  --fractional       Erlang C for a real number of agents (the continuous extension):\n"
	"                     agents needed as a decimal; --agents may be fractional\n";

/* What the command line asked. */
typedef struct erlang_args {
	double calls, per, aht, patience;
	double level, within;   /* level 0: no target */
	int have_target, have_within;
	double shrinkage, max_occupancy, max_abandon;
	const char *agents, *intervals;
	long max_agents;
	int fractional;
} erlang_args;

/* A share written 80% or 0.8, within [lo, hi] as a fraction; -1 if not. */
static double parse_share(const char *s, double lo, double hi)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || !isfinite(v))
		return -1;
	while (*end == ' ')
		end++;
	if (*end == '%') {
		v /= 100;
		end++;
	}
	if (*end || v < lo || v > hi)
		return -1;
	return v;
}

/* "80% within 20s", "80%/20s" or "80/20" (seconds): returns 0 or -1; a
 * share of 100 % or more is -2. */
static int parse_target(const char *s, double *level, double *within)
{
	char share[64], *sep;
	const char *rest;
	size_t n;

	if ((sep = strstr(s, "within")) != NULL) {
		n = (size_t)(sep - s);
		rest = sep + 6;
	} else if ((sep = strchr(s, '/')) != NULL) {
		n = (size_t)(sep - s);
		rest = sep + 1;
	} else {
		return -1;
	}
	if (n >= sizeof share)
		return -1;
	memcpy(share, s, n);
	share[n] = '\0';
	while (n && share[n - 1] == ' ')
		share[--n] = '\0';
	{
		const char *p = share;
		while (*p == ' ')
			p++;
		/* "80/20": both plain numbers, the share a percentage. */
		if (!strchr(p, '%') && !strstr(s, "within")) {
			char *end;
			double v = strtod(p, &end);
			if (end == p || *end || !(v > 0))
				return -1;
			if (v >= 100)
				return -2;
			*level = v / 100;
		} else {
			double v = parse_share(p, 0, 1e9);
			if (v < 0 || !(v > 0) || (!strchr(p, '%') && v > 1))
				return -1;
			if (v >= 1)
				return -2;
			*level = v;
		}
	}
	while (*rest == ' ')
		rest++;
	if (pc_dist_parse_duration(rest, within) != 0) {
		char *end;
		double v = strtod(rest, &end);
		if (end == rest || *end || !isfinite(v))
			return -1;
		*within = v;
	}
	return *within >= 0 ? 0 : -1;
}

/* A duration > 0 (or >= 0 when zero_ok) for option opt; prints and returns
 * EXIT_USAGE when bad. */
static int parse_time(const char *opt, const char *v, int zero_ok, double *out)
{
	char msg[160];

	if (pc_dist_parse_duration(v, out) != 0 || !(*out > 0 || (zero_ok && *out == 0))) {
		snprintf(msg, sizeof msg, "'%s' must be a duration %s with a unit (20s, 3min, 1h), got '%%s'", opt,
			 zero_ok ? ">= 0" : "> 0");
		return cli_fail(EXIT_USAGE, msg, v);
	}
	return EXIT_OK;
}

static int parse_args(int argc, char **argv, erlang_args *e)
{
	memset(e, 0, sizeof *e);
	e->calls = -1;
	e->per = 1800;
	e->max_occupancy = 1;
	e->max_abandon = 1;
	e->max_agents = 100000;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int rc = EXIT_OK;

		if (!strcmp(a, "--fractional")) {
			e->fractional = 1;
			continue;
		}
		if (strncmp(a, "--", 2) || !strcmp(a, "--"))
			return cli_fail(EXIT_USAGE, "erlang takes options only, got '%s' (see promocap erlang --help)", a);
		if (strcmp(a, "--calls") && strcmp(a, "--per") && strcmp(a, "--aht") && strcmp(a, "--target") &&
		    strcmp(a, "--within") && strcmp(a, "--agents") && strcmp(a, "--intervals") &&
		    strcmp(a, "--patience") && strcmp(a, "--shrinkage") && strcmp(a, "--max-occupancy") &&
		    strcmp(a, "--max-abandon") && strcmp(a, "--max-agents"))
			return cli_fail(EXIT_USAGE, "unknown option '%s' (see promocap erlang --help)", a);
		if (!v)
			return cli_fail(EXIT_USAGE, "option '%s' needs a value", a);
		i++;
		if (!strcmp(a, "--calls")) {
			char *end;
			errno = 0;
			e->calls = strtod(v, &end);
			if (end == v || *end || errno || !isfinite(e->calls) || !(e->calls > 0))
				return cli_fail(EXIT_USAGE, "'--calls' must be a number > 0, got '%s'", v);
		} else if (!strcmp(a, "--per")) {
			rc = parse_time(a, v, 0, &e->per);
		} else if (!strcmp(a, "--aht")) {
			rc = parse_time(a, v, 0, &e->aht);
		} else if (!strcmp(a, "--patience")) {
			rc = parse_time(a, v, 0, &e->patience);
		} else if (!strcmp(a, "--within")) {
			rc = parse_time(a, v, 1, &e->within);
			e->have_within = 1;
		} else if (!strcmp(a, "--target")) {
			int t = parse_target(v, &e->level, &e->within);
			if (t == -2)
				return cli_fail(EXIT_USAGE, "'--target' must ask for less than 100%% of the calls, got '%s'", v);
			if (t)
				return cli_fail(EXIT_USAGE, "'--target' must read like \"80%% within 20s\" or 80/20, got '%s'", v);
			e->have_target = 1;
		} else if (!strcmp(a, "--shrinkage")) {
			e->shrinkage = parse_share(v, 0, 1);
			if (e->shrinkage < 0 || e->shrinkage >= 1)
				return cli_fail(EXIT_USAGE, "'--shrinkage' must be a share from 0%% to below 100%%, got '%s'", v);
		} else if (!strcmp(a, "--max-occupancy")) {
			e->max_occupancy = parse_share(v, 0, 1);
			if (!(e->max_occupancy > 0))
				return cli_fail(EXIT_USAGE, "'--max-occupancy' must be a share above 0%% and at most 100%%, got '%s'", v);
		} else if (!strcmp(a, "--max-abandon")) {
			e->max_abandon = parse_share(v, 0, 1);
			if (e->max_abandon < 0)
				return cli_fail(EXIT_USAGE, "'--max-abandon' must be a share from 0%% to 100%%, got '%s'", v);
		} else if (!strcmp(a, "--max-agents")) {
			e->max_agents = (long)cli_parse_whole(v, 1, 10000000);
			if (e->max_agents < 0)
				return cli_fail(EXIT_USAGE, "'--max-agents' must be a whole number 1..10000000, got '%s'", v);
		} else if (!strcmp(a, "--agents")) {
			e->agents = v;
		} else {
			e->intervals = v;
		}
		if (rc)
			return rc;
	}
	if (!e->intervals && e->calls < 0)
		return cli_fail(EXIT_USAGE, "%s", "erlang needs '--calls N' (or '--intervals FILE.csv')");
	if (e->intervals && e->calls >= 0)
		return cli_fail(EXIT_USAGE, "%s", "'--calls' and '--intervals' do not go together (the file gives the calls)");
	if (!(e->aht > 0))
		return cli_fail(EXIT_USAGE, "%s", "erlang needs '--aht D', the average handling time (180s, 3min)");
	if (e->fractional && e->patience > 0)
		return cli_fail(EXIT_USAGE, "%s", "'--fractional' is Erlang C's continuous extension; it does not go with '--patience'");
	if (e->max_abandon < 1 && !(e->patience > 0))
		return cli_fail(EXIT_USAGE, "%s", "'--max-abandon' needs '--patience' (without it nobody hangs up)");
	if (e->have_target && e->have_within)
		return cli_fail(EXIT_USAGE, "%s", "'--target' already says the answer time; drop '--within'");
	if (!e->agents && !e->have_target && !(e->max_occupancy < 1) && !(e->max_abandon < 1))
		return cli_fail(EXIT_USAGE, "%s", "erlang needs '--target' (agents needed) or '--agents N' (see promocap erlang --help)");
	if (e->fractional && !e->agents && !e->have_target)
		return cli_fail(EXIT_USAGE, "%s", "'--fractional' agents needed needs '--target'");
	if (e->agents && !e->have_target && !e->have_within)
		return cli_fail(EXIT_USAGE, "%s", "'--agents' needs '--target' or '--within D' for the answer time");
	return EXIT_OK;
}

/* Rates of one row, per second. */
typedef struct load {
	double calls, aht;
	double lambda, mu, theta, erlangs;
} load;

static load make_load(const erlang_args *e, double calls, double aht)
{
	load l;

	l.calls = calls;
	l.aht = aht;
	l.lambda = calls / e->per;
	l.mu = 1 / aht;
	l.theta = e->patience > 0 ? 1 / e->patience : 0;
	l.erlangs = calls * aht / e->per;
	return l;
}

/* Agents needed for load l: whole (or real with --fractional) into *c, the
 * figures into *k.  Returns EXIT_OK, or EXIT_USAGE with the message printed
 * when no team within --max-agents will do. */
static int need(const erlang_args *e, const load *l, double *c, pc_erlang_a_kpi *k)
{
	pc_erlang_a_goal g = { e->within, e->level, e->max_occupancy, e->max_abandon };
	char msg[300];
	int n, rc;

	if (e->fractional) {
		double x = l->erlangs / e->max_occupancy;
		if (pc_erlang_staff_real(l->lambda, l->mu, e->within, e->level, c) != 0)
			return cli_fail(EXIT_RUN, "%s", "the continuous extension did not converge");
		if (*c < x)
			*c = x;
		if (*c > (double)e->max_agents)
			goto none;
		if (pc_erlang_a_eval(l->lambda, l->mu, 0, *c, e->within, k) != 0)
			return cli_fail(EXIT_RUN, "%s", "the continuous extension did not converge");
		return EXIT_OK;
	}
	rc = pc_erlang_a_staff(l->lambda, l->mu, l->theta, &g, (int)e->max_agents, &n, k);
	if (rc == 0) {
		*c = n;
		return EXIT_OK;
	}
	if (rc != 1) {
		char erl[32];
		snprintf(erl, sizeof erl, "%.6g erlangs", l->erlangs);
		return cli_fail(EXIT_USAGE, "the load is out of range for the formulas, got '%s'", erl);
	}
none:
	{
		char per[32], aht[32];
		pc_dist_format_duration(e->per, per, sizeof per);
		pc_dist_format_duration(l->aht, aht, sizeof aht);
		snprintf(msg, sizeof msg,
			 "no team of up to '%%s' agents (--max-agents) meets the targets for %.6g calls per %s at AHT %s "
			 "(%.6g erlangs): raise '--max-agents' or relax the targets",
			 l->calls, per, aht, l->erlangs);
	}
	{
		char max[32];
		snprintf(max, sizeof max, "%ld", e->max_agents);
		return cli_fail(EXIT_USAGE, msg, max);
	}
}

/* Agents on the schedule for c on the phones, after shrinkage. */
static double scheduled(const erlang_args *e, double c)
{
	double s = c / (1 - e->shrinkage);

	return e->fractional ? s : ceil(s - 1e-9);
}

static const char *const table_header[] = {
	"agents", "scheduled", "erlangs", "service_level", "p_wait", "asa_s", "occupancy", "abandon", "meets_target", NULL
};

/* One table row: the figures of c agents for load l (unstable Erlang C:
 * level 0, P(wait) 1, occupancy 1, ASA empty). */
static void table_row(const erlang_args *e, const load *l, double c, pc_csvrow *r)
{
	pc_erlang_a_kpi k;
	int ok = pc_erlang_a_eval(l->lambda, l->mu, l->theta, c, e->within, &k) == 0;

	if (!ok)
		k = (pc_erlang_a_kpi){ 0, 1, NAN, 0, 1 };
	pc_csvrow_num(r, c);
	pc_csvrow_num(r, scheduled(e, c));
	pc_csvrow_num(r, l->erlangs);
	pc_csvrow_num(r, k.service_level);
	pc_csvrow_num(r, k.p_wait);
	pc_csvrow_num(r, k.asa);
	pc_csvrow_num(r, k.occupancy);
	pc_csvrow_num(r, e->patience > 0 ? k.abandon : (ok ? 0 : NAN));
	pc_csvrow_text(r, ok && (!e->have_target || k.service_level >= e->level) && k.occupancy <= e->max_occupancy &&
				   k.abandon <= e->max_abandon ? "yes" : "no");
	pc_csvrow_end(r);
}

static void header(FILE *out, const char *first)
{
	pc_csvrow r = { out, 0 };

	if (first)
		pc_csvrow_text(&r, first);
	for (const char *const *h = table_header; *h; h++)
		pc_csvrow_text(&r, *h);
	pc_csvrow_end(&r);
}

static void percent(const char *label, double v, const char *note)
{
	printf("%-15s %.1f%%%s\n", label, 100 * v, note);
}

/* The human answer for one team. */
static void show(const erlang_args *e, const load *l, double c, const pc_erlang_a_kpi *k, int needed)
{
	char d1[32], d2[32], note[96];

	pc_dist_format_duration(e->per, d1, sizeof d1);
	pc_dist_format_duration(l->aht, d2, sizeof d2);
	printf("%-15s %.4g erlangs (%.6g calls per %s, AHT %s)\n", "traffic", l->erlangs, l->calls, d1, d2);
	if (e->fractional)
		printf("%-15s %.2f%s\n", "agents", c, needed ? " needed on the phones" : "");
	else
		printf("%-15s %.0f%s\n", "agents", c, needed ? " needed on the phones" : "");
	if (e->shrinkage > 0)
		printf("%-15s %.*f (with %.4g%% shrinkage)\n", "scheduled", e->fractional ? 2 : 0, scheduled(e, c),
		       100 * e->shrinkage);
	pc_dist_format_duration(e->within, d1, sizeof d1);
	if (e->have_target)
		snprintf(note, sizeof note, " answered within %s (target %.4g%%: %s)", d1, 100 * e->level,
			 k->service_level >= e->level ? "met" : "missed");
	else
		snprintf(note, sizeof note, " answered within %s", d1);
	percent("service level", k->service_level, note);
	percent("P(wait)", k->p_wait, "");
	printf("%-15s %.1fs\n", "ASA", k->asa);
	percent("occupancy", k->occupancy, e->max_occupancy < 1 ? (k->occupancy <= e->max_occupancy ? " (limit met)" : " (over the limit)") : "");
	if (e->patience > 0) {
		pc_dist_format_duration(e->patience, d1, sizeof d1);
		snprintf(note, sizeof note, " hang up (mean patience %s)", d1);
		percent("abandonment", k->abandon, note);
	}
}

/* --agents: one team, or N:M[:STEP]. */
static int by_agents(const erlang_args *e)
{
	const load l = make_load(e, e->calls, e->aht);
	double from, to, step = 1;
	char *end;
	pc_erlang_a_kpi k;

	errno = 0;
	from = strtod(e->agents, &end);
	if (end == e->agents || errno || !isfinite(from))
		goto bad;
	if (*end == ':') {
		const char *p = end + 1;
		to = strtod(p, &end);
		if (end == p || !isfinite(to))
			goto bad;
		if (*end == ':') {
			p = end + 1;
			step = strtod(p, &end);
			if (end == p || !(step > 0) || !isfinite(step))
				goto bad;
		}
		if (*end || !(from >= 1) || !(to >= from) || (to - from) / step > 1e6)
			goto bad;
		if (!e->fractional && (from != floor(from) || to != floor(to) || step != floor(step)))
			goto bad;
		if (to > (double)e->max_agents)
			return cli_fail(EXIT_USAGE, "'--agents' goes above '--max-agents', got '%s'", e->agents);
		header(stdout, NULL);
		for (long i = 0; from + (double)i * step <= to + 1e-9; i++) {
			pc_csvrow r = { stdout, 0 };
			table_row(e, &l, from + (double)i * step, &r);
		}
		return fflush(stdout) ? EXIT_RUN : EXIT_OK;
	}
	if (*end || !(from >= 1) || (!e->fractional && from != floor(from)))
		goto bad;
	if (pc_erlang_a_eval(l.lambda, l.mu, l.theta, from, e->within, &k) != 0)
		return cli_fail(EXIT_USAGE,
				"the queue is unstable: more traffic than agents and nobody hangs up "
				"(add agents or '--patience'), got '--agents %s'", e->agents);
	show(e, &l, from, &k, 0);
	return EXIT_OK;
bad:
	return cli_fail(EXIT_USAGE,
			e->fractional ? "'--agents' must be a number >= 1 or a range FROM:TO[:STEP], got '%s'"
				      : "'--agents' must be a whole number >= 1 or a range FROM:TO[:STEP], got '%s'",
			e->agents);
}

/* --intervals FILE: one row per interval, printed only when every row is
 * good (the table is built in memory). */
static int by_intervals(const erlang_args *e)
{
	pc_table t;
	pc_error err;
	int ccalls, caht, rc = EXIT_OK;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	pc_error_clear(&err);
	if (pc_table_read(&t, e->intervals, NULL, 0, &err))
		return cli_fail_error(EXIT_USAGE, &err);
	ccalls = pc_table_column(&t, "calls");
	caht = pc_table_column(&t, "aht");
	if (ccalls < 0) {
		pc_table_release(&t);
		return cli_fail(EXIT_USAGE, "%s: needs a column 'calls'", e->intervals);
	}
	if (!(out = open_memstream(&text, &len))) {
		pc_table_release(&t);
		return cli_fail(EXIT_RUN, "%s", "out of memory");
	}
	header(out, ccalls == 0 ? "interval" : t.row[0].field[0]);
	for (size_t i = 1; i < t.nrows && rc == EXIT_OK; i++) {
		const pc_table_row *row = &t.row[i];
		const char *cs = row->field[ccalls];
		char *end, where[1200];
		double calls, aht = e->aht, c;
		pc_erlang_a_kpi k;

		pc_csvrow r = { out, 0 };

		snprintf(where, sizeof where, "%s:%d: ", e->intervals, row->line);
		errno = 0;
		calls = strtod(cs, &end);
		if (end == cs || *end || errno || !isfinite(calls) || calls < 0) {
			fprintf(stderr, "promocap: %s'calls' must be a number >= 0, got '%s'\n", where, cs);
			rc = EXIT_USAGE;
			break;
		}
		if (caht >= 0 && *row->field[caht] &&
		    (pc_dist_parse_duration(row->field[caht], &aht) != 0 || !(aht > 0))) {
			fprintf(stderr, "promocap: %s'aht' must be a duration > 0 (180s, 3min), got '%s'\n", where,
				row->field[caht]);
			rc = EXIT_USAGE;
			break;
		}
		if (ccalls == 0)
			pc_csvrow_num(&r, (double)i);
		else
			pc_csvrow_text(&r, row->field[0]);
		if (calls == 0) {
			/* No calls: no agents; nothing waits. */
			for (int j = 0; j < 8; j++)
				pc_csvrow_num(&r, j == 3 ? 1 : 0);
			pc_csvrow_text(&r, "yes");
			pc_csvrow_end(&r);
			continue;
		}
		{
			const load l = make_load(e, calls, aht);
			if (e->agents) {
				double n = strtod(e->agents, &end);
				if (*end || !(n >= 1) || (!e->fractional && n != floor(n))) {
					rc = cli_fail(EXIT_USAGE, "with '--intervals', '--agents' must be one team size, got '%s'", e->agents);
					break;
				}
				c = n;
			} else {
					if ((rc = need(e, &l, &c, &k)) != EXIT_OK) {
					fprintf(stderr, "promocap: (in %s, row of line %d)\n", e->intervals, row->line);
					break;
				}
			}
			table_row(e, &l, c, &r);
		}
	}
	pc_table_release(&t);
	if (fclose(out) && rc == EXIT_OK)
		rc = cli_fail(EXIT_RUN, "%s", "out of memory");
	if (rc == EXIT_OK && (fwrite(text, 1, len, stdout) != len || fflush(stdout)))
		rc = EXIT_RUN;
	free(text);
	return rc;
}

int cmd_erlang(const options *opt)
{
	erlang_args e;
	int rc = parse_args(opt->argc, opt->argv, &e);

	if (rc)
		return rc;
	if (e.intervals)
		return by_intervals(&e);
	if (e.agents)
		return by_agents(&e);
	{
		const load l = make_load(&e, e.calls, e.aht);
		double c;
		pc_erlang_a_kpi k;

		if ((rc = need(&e, &l, &c, &k)) != EXIT_OK)
			return rc;
		show(&e, &l, c, &k, 1);
	}
	return EXIT_OK;
}
