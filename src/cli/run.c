/* run: simulate a scenario, print the summary, write the tables; report: the same with the charts and the review pack. */
#include <stdio.h>
#include <sys/resource.h>

#include "cli.h"
#include "promocap/events.h"
#include "promocap/workbook.h"

/* The figures of --stats: whole run, simulation only (loading excluded). */
static void print_stats(const pc_result *res, double wall, const pc_memory *mem)
{
	struct rusage ru;
	double events = 0, logical = 0;

	for (int r = 0; r < res->reps; r++) {
		events += res->rep[r].events;
		logical += res->rep[r].logical_events;
	}
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "replications: %d\n", res->reps);
	fprintf(stderr, "wall_s: %.3f\n", wall);
	fprintf(stderr, "wall_per_replication_s: %.3f\n", wall / res->reps);
	fprintf(stderr, "calendar_events: %.0f\n", events);
	fprintf(stderr, "logical_events: %.0f\n", logical);
	fprintf(stderr, "events_per_s: %.0f\n", wall > 0 ? logical / wall : 0);
	fprintf(stderr, "peak_rss_mib: %.1f\n", ru.ru_maxrss / 1024.0);
	fprintf(stderr, "memory_estimate_mib: %.1f\n", mem->total / 1048576.0);
}

/* cli_path_writer for the workbook: ctx is the result. */
static int write_workbook(const void *ctx, const char *path)
{
	pc_error err;

	pc_error_clear(&err);
	if (pc_workbook_write_run(ctx, path, &err) == 0)
		return 0;
	cli_fail_error(EXIT_RUN, &err);
	return -1;
}

int cli_write_workbook(const options *opt, const pc_result *res)
{
	int rc;

	if (opt->no_xlsx || !opt->outdir)
		return EXIT_OK;
	rc = cli_write_atomic_path(opt->outdir, "report.xlsx", write_workbook, res);
	if (!rc && !opt->quiet)
		printf("workbook written to %s/report.xlsx\n", opt->outdir);
	return rc;
}

/* --events PREFIX: replication 1 of the run (the first of res) again,
 * this time recording, then its log written. */
static int write_events(const options *opt, const pc_scenario *sc, const pc_result *res)
{
	pc_events *ev = pc_events_new();
	pc_error err;
	long nref, nord, nwork;
	int rc;

	pc_error_clear(&err);
	if (!ev)
		return cli_fail(EXIT_RUN, "%s", "out of memory for the event log");
	pc_events_set_gbk(ev, opt->gbk);
	rc = pc_events_record(sc, res->seed, res->first, ev, &err);
	if (!rc)
		rc = pc_events_write(ev, sc, res->seed, res->first, opt->events, &err);
	if (rc) {
		pc_events_free(ev);
		return cli_fail_error(rc == PC_EINPUT ? EXIT_USAGE : EXIT_RUN, &err);
	}
	pc_events_counts(ev, &nref, &nord, &nwork);
	if (!opt->quiet)
		printf("event log of replication %d: %ld orders, %ld refunds, %ld tasks in %s_{orders,refunds,work}.csv%s\n",
		       res->first + 1, nord, nref, nwork, opt->events, opt->gbk ? " (GBK)" : "");
	pc_events_free(ev);
	return EXIT_OK;
}

int cmd_run(const options *opt)
{
	pc_memory mem;
	double t0;
	int reps;
	pc_scenario sc;
	pc_result res;
	cli_progress bar;
	pc_error err;
	char msg[2200];
	int rc, lock = -1;

	if ((rc = cli_load(opt, &sc)))
		return rc;
	if (opt->events && pc_events_check(&sc, &err)) {
		pc_scenario_release(&sc);
		return cli_fail_error(EXIT_USAGE, &err);
	}
	reps = opt->reps ? opt->reps : sc.replications;
	pc_memory_estimate(&sc, reps, opt->threads, &mem);
	if ((rc = cli_check_memory(opt, sc.file, "run", &mem))) {
		pc_scenario_release(&sc);
		return rc;
	}
	if (opt->outdir && (rc = cli_open_outdir(opt->outdir, &lock))) {
		pc_scenario_release(&sc);
		return rc;
	}
	pc_error_clear(&err);
	t0 = cli_seconds_now();
	{
		/* The replications as an experiment of one point, for the
		 * progress bar: the same replications pc_run gives. */
		const pc_scenario *one = &sc;
		uint64_t seed = opt->has_seed ? opt->seed : sc.seed;
		pc_experiment xp = { .npoints = 1, .sc = &one, .seed = &seed, .reps = &reps,
				     .order = PC_ORDER_POINTS, .keep = &res };
		pc_exec ex = { .threads = opt->threads, .progress = cli_progress_report, .user = &bar,
			       .cluster = opt->cluster, .stop = opt->job ? &opt->job->torn : NULL,
			       .torn_down = opt->job ? cli_job_torn_down : NULL };
		long long done;

		cli_progress_init(&bar, opt->quiet);
		cli_progress_ranks(&bar, pc_cluster_size(opt->cluster));
		rc = pc_experiment_run(&xp, &ex, &done, &err);
		cli_progress_done(&bar);
	}
	if (rc) {
		fprintf(stderr, "promocap: %s: %s\n", sc.file, pc_error_format(&err, msg, sizeof msg));
		pc_scenario_release(&sc);
		cli_close_outdir(opt->outdir, lock);
		return EXIT_RUN;
	}
	if (opt->stats)
		print_stats(&res, cli_seconds_now() - t0, &mem);
	rc = EXIT_OK;
	/* The verdict leads the summary, and the review pack. */
	if (!opt->quiet || (opt->report && opt->outdir))
		rc = cli_print_verdict(opt, &res, !opt->quiet);
	if (!rc && !opt->quiet) {
		fputc('\n', stdout);
		pc_output_summary(&res, stdout);
	}
	if (!rc && opt->events)
		rc = write_events(opt, &sc, &res);
	if (opt->outdir) {
		cli_clean_stale(opt->outdir);
		for (const pc_output_table *t = pc_output_tables; t->file && !rc; t++)
			rc = cli_write_table_bom(opt->outdir, t, &res, opt->bom);
		if (!rc && sc.forecast.on)
			rc = cli_write_table_bom(opt->outdir, &pc_output_forecast_table, &res, opt->bom);
		if (!rc && !opt->quiet)
			printf("\ntables written to %s/\n", opt->outdir);
		if (!rc)
			rc = cli_write_workbook(opt, &res);
		if (!rc)
			rc = cli_charts(opt, &res);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
	cli_close_outdir(opt->outdir, lock);
	return rc;
}

int cmd_report(const options *opt)
{
	options o = *opt;

	if (!opt->outdir)
		return cli_fail(EXIT_USAGE, "%s", "'report' needs '-o DIR' for the tables, charts and report.html");
	if (opt->no_charts)
		return cli_fail(EXIT_USAGE, "%s", "'report' draws the charts; '--no-charts' goes with 'run'");
	o.report = 1;
	return cmd_run(&o);
}
