/* sweep: the what-if grid of --vary keys, its summary and tables (sweep.csv, whatif.csv). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "promocap/pack.h"
#include "promocap/sweep.h"
#include "promocap/workbook.h"

static int write_csv(const void *what, FILE *out)
{
	return pc_sweep_write_csv(what, out);
}

static int write_whatif(const void *what, FILE *out)
{
	return pc_sweep_write_whatif(what, out);
}

static int pack_sweep(const void *what, const pc_report_chart *charts, int n, const char *lang, const char *note,
		      FILE *out)
{
	return pc_pack_write_sweep(what, charts, n, lang, note, out);
}

/* The what-if charts of the pack, as whatif_charts draws them. */
static const cli_pack_chart whatif_list[] = {
	{ "whatif_first_response_within", "What-if: first response in time", "假设分析：首次响应及时率" },
	{ "whatif_refund_only_completion", "What-if: refund-only completion time", "假设分析：仅退款完结时长" },
	{ "whatif_return_refund_completion", "What-if: return-and-refund completion time",
	  "假设分析：退货退款完结时长" },
	{ "whatif_all_done_within", "What-if: all refunds done in time", "假设分析：全部退款按时完结率" },
	{ "whatif_dispute_refund_rate", "What-if: dispute refund rate", "假设分析：纠纷退款率" },
	{ "whatif_utilisation_agent", "What-if: agent utilisation", "假设分析：退款专员利用率" },
};

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

/* cli_path_writer for the sweep's workbook. */
static int write_workbook(const void *ctx, const char *path)
{
	pc_error err;

	pc_error_clear(&err);
	if (pc_workbook_write_sweep(ctx, path, &err) == 0)
		return 0;
	cli_fail_error(EXIT_RUN, &err);
	return -1;
}

/* The sweep of one scenario (file), written into outdir (NULL: nothing
 * written): every key, value and point checked first; with check_only
 * nothing more.  *stopped is set when Ctrl-C stopped it. */
static int sweep_one(const options *opt, const char *file, const char *outdir, cli_stop *stop, int check_only,
		     int *stopped)
{
	pc_sweep_axis axis[CLI_MAX_VARY];
	pc_scenario base;
	pc_sweep sw;
	pc_error err;
	cli_progress bar;
	pc_exec ex;
	options one = *opt;
	int naxes = 0, rc, lock = -1;

	one.scenario = file;
	one.outdir = outdir;
	opt = &one;
	*stopped = 0;
	if ((rc = cli_load(opt, &base)))
		return rc;
	if ((rc = cli_apply_overrides(opt, &base))) {
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
		for (int a = 0; a < naxes; a++)
			pc_sweep_axis_release(&axis[a]);
		pc_scenario_release(&base);
		return cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
	}
	{
		pc_memory mem;

		if ((rc = pc_sweep_memory(&sw, opt->threads, &mem, &err)) != 0) {
			rc = cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
			goto out;
		}
		if ((rc = cli_check_memory(opt, base.file, "sweep", &mem)))
			goto out;
	}
	if (check_only) {
		rc = EXIT_OK;
		goto out;
	}
	if (opt->outdir && (rc = cli_open_outdir(opt->outdir, &lock)))
		goto out;

	cli_progress_init(&bar, opt->quiet);
	memset(&ex, 0, sizeof ex);
	ex.threads = opt->threads;
	ex.progress = cli_progress_report;
	ex.user = &bar;
	ex.stop = stop->active ? &stop->flag : NULL;
	ex.cluster = opt->cluster;
	ex.torn_down = opt->job ? cli_job_torn_down : NULL;
	cli_progress_ranks(&bar, pc_cluster_size(opt->cluster));
	rc = pc_sweep_run(&sw, &ex, &err);
	cli_progress_done(&bar);
	if (rc) {
		rc = cli_fail_error(EXIT_RUN, &err);
		goto out;
	}
	*stopped = sw.stopped;
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
		if (!rc && !opt->no_xlsx) {
			rc = cli_write_atomic_path(opt->outdir, "report.xlsx", write_workbook, &sw);
			if (!rc && !opt->quiet)
				printf("workbook written to %s/report.xlsx\n", opt->outdir);
		}
		if (!rc)
			rc = whatif_charts(opt);
		if (!rc)
			rc = cli_write_pack(opt, whatif_list, (int)(sizeof whatif_list / sizeof whatif_list[0]), pack_sweep,
					    &sw);
	}
	if (!rc && sw.stopped) {
		fprintf(stderr, "promocap: stopped: %d of %d points finished%s\n", sw.points_done,
			sw.npoints, opt->outdir ? ", the others are marked complete = no in sweep.csv" : "");
		rc = EXIT_RUN;
	}
out:
	cli_close_outdir(opt->outdir, lock);
	pc_sweep_release(&sw);
	for (int a = 0; a < naxes; a++)
		pc_sweep_axis_release(&axis[a]);
	pc_scenario_release(&base);
	return rc;
}

int cmd_sweep(const options *opt)
{
	cli_stop stop;
	char dir[4200];
	int rc = EXIT_OK, stopped = 0, n = opt->nscenarios;

	if (!opt->nvary)
		return cli_fail(EXIT_USAGE, "%s", "sweep needs at least one --vary KEY=VALUES (see promocap sweep --help)");
	/* From here Ctrl-C asks for a stop, also while the grid is checked. */
	cli_stop_init(&stop, opt->job);
	if (n <= 1) {
		rc = sweep_one(opt, opt->scenario, opt->outdir, &stop, 0, &stopped);
		cli_stop_release(&stop);
		return rc;
	}
	/* Several scenarios (an agency's brands): every one is checked before
	 * any runs, then each is swept in turn into DIR/NAME. */
	for (int i = 0; i < n && !rc; i++)
		rc = sweep_one(opt, opt->scenarios[i], NULL, &stop, 1, &stopped);
	if (!rc && opt->outdir && cli_make_dir(opt->outdir))
		rc = cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
	for (int i = 0; i < n && rc != EXIT_USAGE && !stopped; i++) {
		int one;

		if (opt->outdir && cli_list_dir(opt->outdir, opt->scenarios, i, dir, sizeof dir)) {
			rc = cli_fail(EXIT_USAGE, "output folder name too long for '%s'", opt->scenarios[i]);
			break;
		}
		if (!opt->quiet)
			printf("%s== %s ==\n", i ? "\n" : "", opt->scenarios[i]);
		one = sweep_one(opt, opt->scenarios[i], opt->outdir ? dir : NULL, &stop, 0, &stopped);
		if (one > rc)
			rc = one;
		if (stopped && i + 1 < n)
			fprintf(stderr, "promocap: stopped: the sweeps of the %d scenario%s after '%s' did not run\n",
				n - i - 1, n - i - 1 == 1 ? "" : "s", opt->scenarios[i]);
	}
	cli_stop_release(&stop);
	return rc;
}
