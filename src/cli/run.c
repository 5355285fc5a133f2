/* run: simulate a scenario, print the summary, write the tables. */
#include <stdio.h>
#include <sys/resource.h>

#include "cli.h"

/* The figures of --stats: whole run, simulation only (loading excluded). */
static void print_stats(const pc_result *res, double wall)
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
}

int cmd_run(const options *opt)
{
	double t0;
	pc_scenario sc;
	pc_result res;
	pc_error err;
	char msg[2200];
	int rc;

	if (opt->screen_reps || opt->budget || opt->relax > 0)
		return cli_fail(EXIT_USAGE, "option '%s' belongs to promocap plan",
				opt->screen_reps ? "--screen-reps" : opt->budget ? "--budget" : "--relax");
	if ((rc = cli_load(opt, &sc)))
		return rc;
	if (opt->outdir && cli_make_dir(opt->outdir)) {
		pc_scenario_release(&sc);
		return cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
	}
	pc_error_clear(&err);
	t0 = cli_seconds_now();
	if (pc_run(&sc, opt->seed >= 0 ? (uint64_t)opt->seed : sc.seed,
		   opt->reps ? opt->reps : sc.replications, opt->threads, &res, &err)) {
		fprintf(stderr, "promocap: %s: %s\n", sc.file, pc_error_format(&err, msg, sizeof msg));
		pc_scenario_release(&sc);
		return EXIT_RUN;
	}
	if (opt->stats)
		print_stats(&res, cli_seconds_now() - t0);
	if (!opt->quiet)
		pc_output_summary(&res, stdout);
	rc = EXIT_OK;
	if (opt->outdir) {
		for (const pc_output_table *t = pc_output_tables; t->file && !rc; t++)
			rc = cli_write_table(opt->outdir, t, &res);
		if (!rc && !opt->quiet)
			printf("\ntables written to %s/\n", opt->outdir);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
	return rc;
}

