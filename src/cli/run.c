/* run: simulate a scenario, print the summary, write the tables. */
#include <stdio.h>
#include <sys/resource.h>

#include "cli.h"

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

/* Refuses a run whose estimated memory is above the limit (--max-memory,
 * or half the machine's RAM): better a message now than a run the system
 * kills halfway.  Returns EXIT_OK or EXIT_USAGE. */
static int check_memory(const options *opt, const pc_scenario *sc, const pc_memory *mem)
{
	double limit = opt->max_memory > 0 ? opt->max_memory : cli_default_max_memory();
	char need[64], have[64];

	if (mem->total <= limit)
		return EXIT_OK;
	pc_memory_format_size(mem->total, need, sizeof need);
	pc_memory_format_size(limit, have, sizeof have);
	fprintf(stderr,
		"promocap: %s: the run needs about '%s' of memory (%.0f refunds and %.0f after-sales "
		"cases a replication, %d replication%s on %d thread%s), above the limit of %s%s; %s, "
		"or raise --max-memory\n",
		sc->file, need, mem->refunds, mem->after_sales, mem->reps, mem->reps == 1 ? "" : "s",
		mem->threads, mem->threads == 1 ? "" : "s", have,
		opt->max_memory > 0 ? "" : " (half the machine's memory)",
		mem->reps > 1 ? "run fewer replications or threads" : "lower the demand");
	return EXIT_USAGE;
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
	int rc;

	if ((rc = cli_load(opt, &sc)))
		return rc;
	reps = opt->reps ? opt->reps : sc.replications;
	pc_memory_estimate(&sc, reps, opt->threads, &mem);
	if ((rc = check_memory(opt, &sc, &mem))) {
		pc_scenario_release(&sc);
		return rc;
	}
	if (opt->outdir && cli_make_dir(opt->outdir)) {
		pc_scenario_release(&sc);
		return cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
	}
	pc_error_clear(&err);
	t0 = cli_seconds_now();
	{
		/* The replications as an experiment of one point, for the
		 * progress bar: the same replications pc_run gives. */
		const pc_scenario *one = &sc;
		uint64_t seed = opt->seed >= 0 ? (uint64_t)opt->seed : sc.seed;
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
		return EXIT_RUN;
	}
	if (opt->stats)
		print_stats(&res, cli_seconds_now() - t0, &mem);
	if (!opt->quiet)
		pc_output_summary(&res, stdout);
	rc = EXIT_OK;
	if (opt->outdir) {
		cli_clean_stale(opt->outdir);
		for (const pc_output_table *t = pc_output_tables; t->file && !rc; t++)
			rc = cli_write_table(opt->outdir, t, &res);
		if (!rc && !opt->quiet)
			printf("\ntables written to %s/\n", opt->outdir);
		if (!rc)
			rc = cli_charts(opt, &res);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
	return rc;
}

