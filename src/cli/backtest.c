/* backtest: promocap backtest, last promotion's exports against the
 * scenario's prediction with last year's agent roster (the computing is in
 * the library: promocap/backtest.h). */
#define _DEFAULT_SOURCE /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "promocap/backtest.h"

typedef struct roster_ctx {
	const int *hc;
	int n;
	const pc_scenario *sc;
} roster_ctx;

static int write_roster(const void *ctx, FILE *f)
{
	const roster_ctx *r = ctx;

	return pc_backtest_roster_write(r->hc, r->n, r->sc, f);
}

static int write_csv(const void *ctx, FILE *f)
{
	return pc_backtest_write_csv(ctx, f);
}

static int write_daily(const void *ctx, FILE *f)
{
	return pc_backtest_write_daily(ctx, f);
}

static int write_txt(const void *ctx, FILE *f)
{
	return pc_backtest_write_txt(ctx, f);
}

/* Names file (relative to the working folder) as the agents' roster of sc.
 * Returns EXIT_OK or EXIT_USAGE (message printed). */
static int set_roster(pc_scenario *sc, const char *file)
{
	char abs[PATH_MAX];
	pc_error err;

	pc_error_clear(&err);
	if (!realpath(file, abs))
		return cli_fail(EXIT_USAGE, "%s: cannot open", file);
	if (pc_scenario_set(sc, "staff.agent", "roster", abs, &err))
		return cli_fail_error(EXIT_USAGE, &err);
	return EXIT_OK;
}

/* The agents' roster of the prediction without --roster: the agents with
 * work in each hour of the work log (written as DIR/roster_derived.csv),
 * else the scenario's own.  Returns EXIT_OK, EXIT_USAGE or EXIT_RUN. */
static int choose_roster(const options *opt, const pc_fit_data *d, pc_scenario *sc, pc_backtest *bt)
{
	char path[4200];
	int *hc = NULL, n = 0, rc;
	pc_error err;

	pc_error_clear(&err);
	if (opt->roster)
		return EXIT_OK; /* set before the folder was opened */
	if (!d->has_work) {
		bt->roster = PC_BT_ROSTER_SCENARIO;
		return EXIT_OK;
	}
	if ((rc = pc_backtest_roster(d, sc, &hc, &n, &err)))
		return cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
	{
		roster_ctx rx = { hc, n, sc };
		rc = cli_write_atomic(opt->outdir, "roster_derived.csv", write_roster, &rx);
	}
	free(hc);
	if (rc)
		return rc;
	bt->roster = PC_BT_ROSTER_WORK;
	snprintf(path, sizeof path, "%s/roster_derived.csv", opt->outdir);
	return set_roster(sc, path);
}

/* Checks the options and reads the exports with the scenario's sales
 * window.  Returns EXIT_OK with *d filled, or the exit code (printed). */
static int read_logs(const options *opt, const pc_scenario *sc, pc_fit_data *d)
{
	pc_fit_input in;
	pc_fit_map map;
	pc_error err;
	int rc;

	pc_error_clear(&err);
	if (opt->from || opt->to)
		return cli_fail(EXIT_USAGE, "%s", "backtest takes the sales window from the scenario: no --from, --to");
	if (!opt->fit_file[0] || !opt->fit_file[1])
		return cli_fail(EXIT_USAGE, "%s", "backtest needs --orders ORDERS.csv and --refunds REFUNDS.csv");
	if (!opt->outdir)
		return cli_fail(EXIT_USAGE, "%s", "backtest needs -o DIR for backtest.csv and the chart");
	memset(&in, 0, sizeof in);
	in.orders = opt->fit_file[0];
	in.refunds = opt->fit_file[1];
	in.work = opt->fit_file[2];
	in.gbk = opt->gbk;
	in.from = sc->day0;
	in.to = sc->day0 + sc->sales_days - 1;
	if (opt->fit_file[3]) {
		if (pc_fit_map_read(&map, opt->fit_file[3], &err))
			return cli_fail_error(EXIT_USAGE, &err);
		in.map = &map;
	}
	if ((rc = pc_fit_read(d, &in, &err)))
		return cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
	if (pc_backtest_check(d, &in, sc, &err)) {
		pc_fit_data_release(d);
		return cli_fail_error(EXIT_USAGE, &err);
	}
	return EXIT_OK;
}

/* The outputs: tables, summary, chart.  Returns EXIT_OK or EXIT_RUN. */
static int write_outputs(const options *opt, const pc_backtest *bt)
{
	char data[4200];
	const char *names[2] = { "data", "scenario_name" };
	const char *values[2];
	int rc;

	if ((rc = cli_write_atomic(opt->outdir, "backtest.csv", write_csv, bt)) ||
	    (rc = cli_write_atomic(opt->outdir, "backtest_daily.csv", write_daily, bt)) ||
	    (rc = cli_write_atomic(opt->outdir, "backtest.txt", write_txt, bt)))
		return rc;
	snprintf(data, sizeof data, "%s/backtest_daily.csv", opt->outdir);
	values[0] = data;
	values[1] = bt->sc->name;
	return cli_script_charts(opt, "backtest", "backtest", names, values, 2);
}

/* The replications, as run runs them (an experiment of one point, with
 * the progress bar and Ctrl-C).  Returns EXIT_OK with *res filled, or
 * EXIT_RUN (message printed). */
static int predict(const options *opt, const pc_scenario *sc, int reps, uint64_t seed, pc_result *res)
{
	const pc_scenario *one = sc;
	pc_experiment xp = { .npoints = 1, .sc = &one, .seed = &seed, .reps = &reps, .order = PC_ORDER_POINTS,
			     .keep = res };
	pc_exec ex = { .threads = opt->threads, .progress = cli_progress_report };
	cli_progress bar;
	cli_stop stop;
	pc_error err;
	long long done = 0;
	int rc, watched;

	pc_error_clear(&err);
	watched = cli_stop_init(&stop, NULL) == 0;
	ex.stop = watched ? &stop.flag : NULL;
	ex.user = &bar;
	cli_progress_init(&bar, opt->quiet);
	rc = pc_experiment_run(&xp, &ex, &done, &err);
	cli_progress_done(&bar);
	if (watched)
		cli_stop_release(&stop);
	if (rc)
		return cli_fail_error(EXIT_RUN, &err);
	if (done < reps) {
		pc_result_release(res);
		return cli_fail(EXIT_RUN, "%s", "stopped (Ctrl-C): nothing written");
	}
	return EXIT_OK;
}

int cmd_backtest(const options *opt)
{
	pc_scenario sc;
	pc_fit_data d;
	pc_backtest bt;
	pc_result res;
	pc_memory mem;
	pc_error err;
	int rc, lock = -1, reps;
	uint64_t seed;

	pc_error_clear(&err);
	memset(&bt, 0, sizeof bt);
	if ((rc = cli_load(opt, &sc)))
		return rc;
	if ((rc = cli_apply_overrides(opt, &sc)) || (rc = read_logs(opt, &sc, &d))) {
		pc_scenario_release(&sc);
		return rc;
	}
	reps = opt->reps ? opt->reps : sc.replications;
	seed = opt->has_seed ? opt->seed : sc.seed;
	pc_memory_estimate(&sc, reps, opt->threads, &mem);
	/* --roster: a bad one is refused before anything is written */
	if ((opt->roster && (rc = set_roster(&sc, opt->roster))) ||
	    (rc = cli_check_memory(opt, sc.file, "backtest", &mem)) || (rc = cli_open_outdir(opt->outdir, &lock))) {
		pc_fit_data_release(&d);
		pc_scenario_release(&sc);
		return rc;
	}
	if (!(rc = choose_roster(opt, &d, &sc, &bt))) {
		int roster = opt->roster ? PC_BT_ROSTER_FILE : bt.roster;
		const char *file = opt->roster;
		if (pc_backtest_actual(&bt, &d, &sc, &err))
			rc = cli_fail_error(EXIT_RUN, &err);
		bt.roster = roster;
		bt.roster_file = file;
	}
	pc_fit_data_release(&d);
	if (!rc) {
		if (!(rc = predict(opt, &sc, reps, seed, &res))) {
			if (pc_backtest_predict(&bt, &res, &err))
				rc = cli_fail_error(EXIT_RUN, &err);
			else
				rc = write_outputs(opt, &bt);
			pc_result_release(&res);
		}
	}
	cli_close_outdir(opt->outdir, lock);
	if (!rc && !opt->quiet) {
		pc_backtest_write_txt(&bt, stdout);
		printf("\nwritten: %s/backtest.txt, backtest.csv, backtest_daily.csv%s\n", opt->outdir,
		       opt->no_charts ? "" : ", the chart backtest.png");
	}
	pc_backtest_release(&bt);
	pc_scenario_release(&sc);
	return rc;
}
