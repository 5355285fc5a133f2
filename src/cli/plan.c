/* plan: find the smallest rosters that meet every SLA target, print the
 * staffing and the methods compared, write the plan's tables. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "promocap/design.h"
#include "promocap/pack.h"
#include "promocap/plan.h"
#include "promocap/plan_confidence.h"
#include "promocap/plot.h"
#include "promocap/workbook.h"

static void show_progress(void *user, const char *phase, int checks, int reps)
{
	(void)user;
	fprintf(stderr, "\rplanning: %-16s %5d checks %7d replications", phase, checks, reps);
	fflush(stderr);
}

static int w_staffing(const void *arg, FILE *out)
{
	return pc_plan_write_staffing(arg, out);
}

static int w_methods(const void *arg, FILE *out)
{
	return pc_plan_write_methods(arg, out);
}

static int w_daily(const void *arg, FILE *out)
{
	return pc_plan_write_daily(arg, out);
}

static int w_curve(const void *arg, FILE *out)
{
	return pc_plan_write_curve(arg, out);
}

/* confidence.csv of a plan and its pc_plan_confidence. */
typedef struct confidence_arg {
	const pc_plan *plan;
	const pc_plan_confidence *conf;
} confidence_arg;

static int w_confidence(const void *arg, FILE *out)
{
	const confidence_arg *a = arg;

	return pc_plan_confidence_write_draws(a->plan, a->conf, out);
}

typedef struct roster_arg {
	const pc_plan *plan;
	pc_res r;
} roster_arg;

static int w_roster(const void *arg, FILE *out)
{
	const roster_arg *a = arg;

	return pc_plan_write_roster(a->plan, a->r, out);
}

/* The plan's own tables, then the run's tables of the chosen rosters. */
static int write_tables(const char *dir, const pc_plan *plan)
{
	static const struct {
		const char *file;
		cli_writer write;
	} tables[] = {
		{ "staffing.csv", w_staffing },
		{ "methods.csv", w_methods },
		{ "headcount_vs_kpi.csv", w_curve },
		{ "daily_sla.csv", w_daily },
	};
	int rc = EXIT_OK;

	for (size_t i = 0; i < sizeof tables / sizeof tables[0] && !rc; i++)
		rc = cli_write_atomic(dir, tables[i].file, tables[i].write, plan);
	for (int r = 0; r < PC_NRES && !rc; r++) {
		roster_arg a = { plan, (pc_res)r };
		char name[64];

		snprintf(name, sizeof name, "roster_%s.csv", pc_res_name((pc_res)r));
		rc = cli_write_atomic(dir, name, w_roster, &a);
	}
	for (const pc_output_table *t = pc_output_tables; t->file && !rc; t++)
		rc = cli_write_table(dir, t, &plan->result);
	return rc;
}

/* One line per target the maximum roster cannot meet. */
static void report_infeasible(const pc_scenario *sc, const pc_plan *plan)
{
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *x = &plan->target[t];

		if (x->feasible)
			continue;
		fprintf(stderr,
			"promocap: %s: target '%s' (%s %.4g%s) cannot be met within max_per_shift: %.4g%s at the "
			"maximum, %.3g points %s\n",
			sc->file, x->label, x->is_max ? "at most" : "at least", x->target, x->unit, x->max_mean,
			x->unit, fabs(x->max_mean - x->target), x->is_max ? "over" : "short");
	}
}

/* report.xlsx of plan --confidence: the plan's run and its Forecast sheet. */
static int write_workbook_confidence(const void *arg, const char *path)
{
	const confidence_arg *a = arg;
	pc_error err;

	pc_error_clear(&err);
	if (pc_workbook_write_plan_confidence(&a->plan->result, a->conf, path, &err) == 0)
		return 0;
	cli_fail_error(EXIT_RUN, &err);
	return -1;
}

/* The plan's pack: with --confidence its check over the draws too; with a
 * sentence of its command's atop (replan's), before the pack's own note. */
typedef struct plan_pack {
	const pc_plan *plan;
	const pc_plan_confidence *conf; /* NULL: without --confidence */
	const char *note;               /* NULL: none */
} plan_pack;

static int pack_plan(const void *what, const pc_report_chart *charts, int n, const char *lang, const char *note,
		     FILE *out)
{
	const plan_pack *w = what;
	char both[1024];
	const char *say = note;

	if (w->note && note) {
		snprintf(both, sizeof both, "%s %s", w->note, note);
		say = both;
	} else if (w->note) {
		say = w->note;
	}
	if (w->conf)
		return pc_pack_write_plan_confidence(w->plan, w->conf, charts, n, lang, say, out);
	return pc_pack_write_plan(w->plan, charts, n, lang, say, out);
}

static int pack_design(const void *what, const pc_report_chart *charts, int n, const char *lang, const char *note,
		       FILE *out)
{
	return pc_pack_write_design(what, charts, n, lang, note, out);
}

/* The options of the chart step: the run's charts without the run's
 * report.html (the plan writes its own pack), in SVG too for the pack. */
/* The chart of first response day by day (DIR/daily_sla.csv), added to the
 * review pack's list.  Returns what cli_script_charts returns. */
static int daily_sla_chart(const options *opt, cli_pack_chart *list, int *n)
{
	static const char *const names[] = { "data" };
	char data[4200];
	const char *values[] = { data };

	snprintf(data, sizeof data, "%s/daily_sla.csv", opt->outdir);
	list[(*n)++] = (cli_pack_chart){ "daily_sla", "First response day by day", "逐日首次响应" };
	return cli_script_charts(opt, "daily_sla", "daily_sla", names, values, 1);
}

static options chart_options(const options *opt)
{
	options o = *opt;

	o.report = 0;
	if (opt->report && o.formats)
		o.formats |= 1u << PC_PLOT_SVG;
	return o;
}

static int w_design_staffing(const void *arg, FILE *out)
{
	return pc_design_write_staffing(arg, out);
}

static int w_design_daily(const void *arg, FILE *out)
{
	return pc_design_write_daily(arg, out);
}

static int w_design_methods(const void *arg, FILE *out)
{
	return pc_design_write_methods(arg, out);
}

static int w_design_ini(const void *arg, FILE *out)
{
	return pc_design_write_ini(arg, out);
}

typedef struct design_roster_arg {
	const pc_design *d;
	pc_res r;
} design_roster_arg;

static int w_design_roster(const void *arg, FILE *out)
{
	const design_roster_arg *a = arg;

	return pc_design_write_roster(a->d, a->r, out);
}

static int write_design(const char *dir, const pc_design *d)
{
	static const struct {
		const char *file;
		cli_writer write;
	} tables[] = {
		{ "staffing.csv", w_design_staffing },
		{ "daily_sla.csv", w_design_daily },
		{ "roster.ini", w_design_ini },
		{ "methods.csv", w_design_methods },
	};
	int rc = EXIT_OK;

	for (size_t i = 0; i < sizeof tables / sizeof tables[0] && !rc; i++)
		rc = cli_write_atomic(dir, tables[i].file, tables[i].write, d);
	for (int r = 0; r < PC_NRES && !rc; r++) {
		design_roster_arg a = { d, (pc_res)r };
		char name[64];

		if (!d->designed[r])
			continue;
		snprintf(name, sizeof name, "roster_%s.csv", pc_res_name((pc_res)r));
		rc = cli_write_atomic(dir, name, w_design_roster, &a);
	}
	for (const pc_output_table *t = pc_output_tables; t->file && !rc; t++)
		rc = cli_write_table(dir, t, &d->result);
	return rc;
}

/* confidence.csv and the pack of a design and its pc_plan_confidence. */
typedef struct design_confidence_arg {
	const pc_design *d;
	const pc_plan_confidence *conf;
} design_confidence_arg;

/* report.xlsx of a shift design: the run's sheets of the designed rosters,
 * the designed patterns on the Roster sheet, the Forecast sheet with
 * --confidence. */
static int write_workbook_design(const void *arg, const char *path)
{
	const design_confidence_arg *a = arg;
	pc_error err;

	pc_error_clear(&err);
	if (pc_workbook_write_design(a->d, a->conf, path, &err) == 0)
		return 0;
	cli_fail_error(EXIT_RUN, &err);
	return -1;
}

static int w_design_confidence(const void *arg, FILE *out)
{
	const design_confidence_arg *a = arg;

	return pc_design_confidence_write_draws(a->d, a->conf, out);
}

static int pack_design_confidence(const void *what, const pc_report_chart *charts, int n, const char *lang,
				  const char *note, FILE *out)
{
	const design_confidence_arg *a = what;

	return pc_pack_write_design_confidence(a->d, a->conf, charts, n, lang, note, out);
}

/* plan with shift design ([plan] *_patterns): exit 0 when every target
 * holds on every period within the budget (with --confidence, in that
 * share of the forecast draws too), 1 otherwise (the plan for what can be
 * attained still printed and written). */
static int cmd_design(const options *opt, pc_scenario *sc)
{
	pc_design_options po;
	pc_design *d = NULL;
	pc_plan_confidence conf;
	pc_error err;
	char msg[2200];
	double t0;
	int rc;

	memset(&po, 0, sizeof po);
	po.seed = opt->has_seed ? opt->seed : sc->seed;
	po.reps = opt->reps ? opt->reps : sc->replications;
	po.threads = opt->threads;
	memset(&conf, 0, sizeof conf);
	pc_error_clear(&err);
	t0 = cli_seconds_now();
	if (opt->confidence)
		rc = pc_design_confidence_run(sc, opt->confidence, &po, &d, &conf, &err);
	else
		rc = pc_design_run(sc, &po, &d, &err);
	if (rc) {
		fprintf(stderr, "promocap: %s\n", pc_error_format(&err, msg, sizeof msg));
		return rc == PC_EINPUT ? EXIT_USAGE : EXIT_RUN;
	}
	if (opt->stats) {
		fprintf(stderr, "wall_s: %.3f\n", cli_seconds_now() - t0);
		fprintf(stderr, "rounds: %d\n", d->rounds_used);
		fprintf(stderr, "replications: %d\n", d->replications);
	}
	if (!opt->quiet && opt->confidence)
		pc_design_confidence_write_summary(d, &conf, stdout);
	if (!opt->quiet)
		pc_design_write_summary(d, stdout);
	rc = d->met ? EXIT_OK : EXIT_RUN;
	if (!d->met) {
		for (int r = 0; r < PC_NRES; r++)
			if (d->why[r][0])
				fprintf(stderr, "promocap: %s: %s\n", sc->file, d->why[r]);
		fprintf(stderr, "promocap: %s: not every target is met %s: the plan is for what can be attained\n",
			sc->file,
			sc->plan_judged == PC_JUDGED_INTERVAL ? "on every day and in every interval"
			: sc->plan_judged == PC_JUDGED_HORIZON ? "over the run" : "on every day");
	}
	if (d->budget > 0 && d->cost > d->budget + 0.5) {
		fprintf(stderr,
			"promocap: %s: the cheapest plan costs %.0f CNY, %.0f CNY over the budget of %.0f CNY: raise the budget or relax a target\n",
			sc->file, d->cost, d->cost - d->budget, d->budget);
		rc = EXIT_RUN;
	}
	if (opt->confidence && !conf.met) {
		fprintf(stderr,
			"promocap: %s: the plan meets every target in %.0f%% of the forecast draws, below the %.3g%% asked, after %d plan%s\n",
			sc->file, 100 * conf.share, 100 * conf.level, conf.rounds, conf.rounds == 1 ? "" : "s");
		rc = EXIT_RUN;
	}
	if (opt->outdir) {
		design_confidence_arg ca = { d, opt->confidence ? &conf : NULL };
		int wrc = write_design(opt->outdir, d);

		if (!wrc && opt->confidence)
			wrc = cli_write_atomic(opt->outdir, "confidence.csv", w_design_confidence, &ca);
		if (wrc)
			rc = wrc;
		else if (!opt->quiet)
			printf("\ntables written to %s/ (roster.ini and roster_*.csv load the design back into the scenario)\n",
			       opt->outdir);
		if (!wrc && !opt->no_xlsx) {
			if ((wrc = cli_write_atomic_path(opt->outdir, "report.xlsx", write_workbook_design, &ca)))
				rc = wrc;
			else if (!opt->quiet)
				printf("workbook written to %s/report.xlsx\n", opt->outdir);
		}
		options co = chart_options(opt);
		cli_pack_chart list[CLI_PACK_MAX_CHARTS];
		int n = 0;

		if (!wrc && (wrc = cli_charts(&co, &d->result)))
			rc = wrc;
		if (!wrc && d->by_day && (wrc = daily_sla_chart(opt, list, &n)))
			rc = wrc;
		n += cli_pack_run_charts(list + n, CLI_PACK_MAX_CHARTS - n);
		if (!wrc && opt->confidence && (wrc = cli_write_pack(opt, list, n, pack_design_confidence, &ca)))
			rc = wrc;
		else if (!wrc && !opt->confidence && (wrc = cli_write_pack(opt, list, n, pack_design, d)))
			rc = wrc;
	}
	if (opt->confidence)
		pc_design_confidence_free(d, &conf);
	else
		pc_design_free(d);
	return rc;
}

int cli_plan_scenario(const options *opt, const pc_scenario *sc, const cli_plan_extra *extra)
{
	pc_plan_options po;
	pc_plan *plan = NULL;
	pc_plan_confidence conf;
	pc_error err;
	char msg[2200];
	double t0;
	int rc, tty, lock = -1;

	memset(&conf, 0, sizeof conf);
	pc_error_clear(&err);
	if (pc_plan_check(sc, &err)) {
		fprintf(stderr, "promocap: %s\n", pc_error_format(&err, msg, sizeof msg));
		return EXIT_USAGE;
	}
	memset(&po, 0, sizeof po);
	po.seed = opt->has_seed ? opt->seed : sc->seed;
	po.reps = opt->reps ? opt->reps : sc->replications;
	if (opt->screen_reps > po.reps) {
		snprintf(msg, sizeof msg, "'--screen-reps' must be at most the replications (%d), got '%d'",
			 po.reps, opt->screen_reps);
		return cli_fail(EXIT_USAGE, "%s", msg);
	}
	po.screen_reps = opt->screen_reps;
	{
		/* The plan's checks are runs of the scenario at most reps
		 * replications each, the chosen one's figures held. */
		pc_memory mem;

		pc_memory_estimate(sc, po.reps, opt->threads, &mem);
		pc_memory_add_kept(sc, pc_plan_screen_reps(po.reps, po.screen_reps), &mem);
		if ((rc = cli_check_memory(opt, sc->file, "plan", &mem)))
			return rc;
	}
	if (opt->outdir && (rc = cli_open_outdir(opt->outdir, &lock)))
		return rc;
	po.threads = opt->threads;
	po.budget = opt->budget;
	po.relax = opt->relax;
	po.cluster = opt->cluster;
	tty = isatty(2) && !opt->quiet;
	if (tty)
		po.progress = show_progress;
	pc_error_clear(&err);
	t0 = cli_seconds_now();
	if (opt->confidence)
		rc = pc_plan_confidence_run(sc, opt->confidence, &po, &plan, &conf, &err);
	else
		rc = pc_plan_run(sc, &po, &plan, &err);
	if (tty)
		fprintf(stderr, "\r%60s\r", "");
	if (rc) {
		fprintf(stderr, "promocap: %s\n", pc_error_format(&err, msg, sizeof msg));
		cli_close_outdir(opt->outdir, lock);
		return rc == PC_EINPUT ? EXIT_USAGE : EXIT_RUN;
	}
	if (opt->stats) {
		fprintf(stderr, "wall_s: %.3f\n", cli_seconds_now() - t0);
		fprintf(stderr, "checks: %d\n", plan->checks);
		fprintf(stderr, "replications: %d\n", plan->replications);
		fprintf(stderr, "search_replications: %d\n", plan->search_replications);
		fprintf(stderr, "budget: %d\n", plan->budget);
	}
	if (!opt->quiet && extra && extra->summary) {
		extra->summary(extra->ctx, plan, stdout);
		printf("\n");
	}
	if (!opt->quiet && opt->confidence)
		pc_plan_confidence_write_summary(plan, &conf, stdout);
	if (!opt->quiet)
		pc_plan_write_summary(plan, stdout);
	report_infeasible(sc, plan);
	rc = plan->feasible && plan->met ? EXIT_OK : EXIT_RUN;
	if (plan->feasible && !plan->met)
		fprintf(stderr, "promocap: %s: the plan misses a target on its full check\n", sc->file);
	if (opt->confidence && !conf.met) {
		fprintf(stderr,
			"promocap: %s: the plan meets every target in %.0f%% of the forecast draws, below the %.3g%% asked, after %d plan%s\n",
			sc->file, 100 * conf.share, 100 * conf.level, conf.rounds, conf.rounds == 1 ? "" : "s");
		rc = EXIT_RUN;
	}
	if (opt->outdir) {
		confidence_arg ca = { plan, &conf };
		int wrc = write_tables(opt->outdir, plan);

		if (!wrc && extra && extra->tables)
			wrc = extra->tables(extra->ctx, plan, opt->outdir);
		if (!wrc && opt->confidence)
			wrc = cli_write_atomic(opt->outdir, "confidence.csv", w_confidence, &ca);
		if (wrc)
			rc = wrc;
		else if (!opt->quiet)
			printf("\ntables written to %s/ (roster_agent.csv, roster_supervisor.csv and "
			       "roster_inspector.csv can serve as the scenario's rosters)\n",
			       opt->outdir);
		/* The workbook and the charts of the chosen plan, as a run
		 * writes and draws them. */
		if (!wrc && opt->confidence && !opt->no_xlsx) {
			if ((wrc = cli_write_atomic_path(opt->outdir, "report.xlsx", write_workbook_confidence, &ca)))
				rc = wrc;
			else if (!opt->quiet)
				printf("workbook written to %s/report.xlsx\n", opt->outdir);
		} else if (!wrc && !opt->confidence && (wrc = cli_write_workbook(opt, &plan->result))) {
			rc = wrc;
		}
		if (!wrc) {
			options co = chart_options(opt);
			cli_pack_chart list[CLI_PACK_MAX_CHARTS];
			int n = 0;

			if ((wrc = cli_charts(&co, &plan->result)))
				rc = wrc;
			/* First response day by day (daily_sla.csv), as with
			 * shift design. */
			if (!wrc && sc->sla_first_response.set && (wrc = daily_sla_chart(opt, list, &n)))
				rc = wrc;
			n += cli_pack_run_charts(list + n, CLI_PACK_MAX_CHARTS - n);
			plan_pack w = { plan, opt->confidence ? &conf : NULL, extra ? extra->note : NULL };

			if (!wrc && (wrc = cli_write_pack(opt, list, n, pack_plan, &w)))
				rc = wrc;
		}
	}
	pc_plan_confidence_free(plan, &conf);
	cli_close_outdir(opt->outdir, lock);
	return rc;
}

void cli_plan_at_means(const options *opt, pc_scenario *sc)
{
	if (sc->forecast.on && !opt->confidence) {
		/* Without --confidence a forecast is planned at its means. */
		double means[PC_NFC];

		pc_fc_values(sc, means);
		pc_fc_fix(sc, means);
		if (!opt->quiet)
			printf("planned at the forecast's means; --confidence 90%% plans for its spread (docs/forecast.md)\n\n");
	}
}

int cmd_plan(const options *opt)
{
	pc_scenario sc;
	int rc;

	if ((rc = cli_load(opt, &sc)))
		return rc;
	cli_plan_at_means(opt, &sc);
	if (pc_design_wanted(&sc)) {
		if (opt->outdir && cli_make_dir(opt->outdir)) {
			pc_scenario_release(&sc);
			return cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
		}
		rc = cmd_design(opt, &sc);
		pc_scenario_release(&sc);
		return rc;
	}
	rc = cli_plan_scenario(opt, &sc, NULL);
	pc_scenario_release(&sc);
	return rc;
}
