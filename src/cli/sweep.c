/* sweep: the what-if grid of --vary keys, its summary and tables (sweep.csv, whatif.csv). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "promocap/sweep.h"

static int write_csv(const void *what, FILE *out)
{
	return pc_sweep_write_csv(what, out);
}

static int write_whatif(const void *what, FILE *out)
{
	return pc_sweep_write_whatif(what, out);
}

/* The what-if charts: each headline KPI against the first varied key, one
 * line per value of the others, the target marked (plots/sweep.gp). */
static int whatif_charts(const options *opt)
{
	static const char *const kpis[] = {
		"first_response_within", "refund_only_completion", "return_refund_completion",
		"all_done_within", "dispute_refund_rate", "utilisation_agent", NULL
	};
	static const char *const names[] = { "data", "kpi" };
	char data[4200], base[128];
	int rc = EXIT_OK;

	snprintf(data, sizeof data, "%s/whatif.csv", opt->outdir);
	for (int i = 0; kpis[i] && !rc; i++) {
		const char *values[] = { data, kpis[i] };

		snprintf(base, sizeof base, "whatif_%s", kpis[i]);
		rc = cli_script_charts(opt, "sweep", base, names, values, 2);
	}
	if (!rc && !opt->quiet && opt->outdir && !opt->no_charts)
		printf("what-if charts written to %s/ (whatif_*)\n", opt->outdir);
	return rc;
}

int cmd_sweep(const options *opt)
{
	pc_sweep_axis axis[CLI_MAX_VARY];
	pc_scenario base;
	pc_sweep sw;
	pc_error err;
	cli_progress bar;
	cli_stop stop;
	pc_exec ex;
	int naxes = 0, rc;

	if (!opt->nvary)
		return cli_fail(EXIT_USAGE, "%s", "sweep needs at least one --vary KEY=VALUES (see promocap sweep --help)");
	/* From here Ctrl-C asks for a stop, also while the grid is checked. */
	cli_stop_init(&stop, opt->job);
	if ((rc = cli_load(opt, &base))) {
		cli_stop_release(&stop);
		return rc;
	}
	if ((rc = cli_apply_overrides(opt, &base))) {
		cli_stop_release(&stop);
		pc_scenario_release(&base);
		return rc;
	}
	/* Every key, value and point is checked before anything runs or is
	 * written. */
	pc_error_clear(&err);
	for (; naxes < opt->nvary; naxes++)
		if ((rc = pc_sweep_axis_parse(&axis[naxes], opt->vary[naxes], &base, &err)))
			break;
	if (!rc)
		rc = pc_sweep_init(&sw, &base, axis, naxes, &err);
	if (rc) {
		cli_stop_release(&stop);
		for (int a = 0; a < naxes; a++)
			pc_sweep_axis_release(&axis[a]);
		pc_scenario_release(&base);
		return cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
	}
	if (opt->outdir && cli_make_dir(opt->outdir)) {
		rc = cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
		goto out;
	}

	cli_progress_init(&bar, opt->quiet);
	memset(&ex, 0, sizeof ex);
	ex.threads = opt->threads;
	ex.progress = cli_progress_report;
	ex.user = &bar;
	ex.stop = stop.active ? &stop.flag : NULL;
	ex.cluster = opt->cluster;
	ex.torn_down = opt->job ? cli_job_torn_down : NULL;
	bar.ranks = pc_cluster_size(opt->cluster);
	rc = pc_sweep_run(&sw, &ex, &err);
	cli_progress_done(&bar);
	if (rc) {
		rc = cli_fail_error(EXIT_RUN, &err);
		goto out;
	}
	if (sw.stopped && sw.points_done == 0) {
		rc = cli_fail(EXIT_RUN, "%s", "stopped before a point finished; nothing written");
		goto out;
	}
	if (!opt->quiet)
		pc_sweep_write_summary(&sw, stdout);
	rc = EXIT_OK;
	if (opt->outdir) {
		rc = cli_write_atomic(opt->outdir, "sweep.csv", write_csv, &sw);
		if (!rc)
			rc = cli_write_atomic(opt->outdir, "whatif.csv", write_whatif, &sw);
		if (!rc && !opt->quiet)
			printf("\ntables written to %s/\n", opt->outdir);
		if (!rc)
			rc = whatif_charts(opt);
	}
	if (!rc && sw.stopped) {
		fprintf(stderr, "promocap: stopped: %d of %d points finished%s\n", sw.points_done,
			sw.npoints, opt->outdir ? ", the others are marked complete = no in sweep.csv" : "");
		rc = EXIT_RUN;
	}
out:
	cli_stop_release(&stop);
	pc_sweep_release(&sw);
	for (int a = 0; a < naxes; a++)
		pc_sweep_axis_release(&axis[a]);
	pc_scenario_release(&base);
	return rc;
}
