/* compare: scenarios side by side with common random numbers; compare.csv,
 * compare_scenarios.csv, sla_compare.csv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "promocap/compare.h"

static int write_csv(const void *what, FILE *out)
{
	return pc_compare_write_csv(what, out);
}

static int write_scenarios(const void *what, FILE *out)
{
	return pc_compare_write_scenarios(what, out);
}

static int write_sla(const void *what, FILE *out)
{
	return pc_compare_write_sla(what, out);
}

int cmd_compare(const options *opt)
{
	pc_scenario sc[CLI_MAX_SCENARIOS];
	const pc_scenario *scp[CLI_MAX_SCENARIOS];
	pc_compare cmp;
	pc_error err;
	cli_progress bar;
	cli_stop stop;
	pc_exec ex;
	options one;
	int n = 0, rc = EXIT_OK;

	if (opt->nscenarios < 2)
		return cli_fail(EXIT_USAGE, "%s", "compare needs two scenarios or more (see promocap compare --help)");
	/* From here Ctrl-C asks for a stop.  Every scenario loads before
	 * anything runs. */
	cli_stop_init(&stop, opt->job);
	for (; n < opt->nscenarios; n++) {
		one = *opt;
		one.scenario = opt->scenarios[n];
		if ((rc = cli_load(&one, &sc[n])))
			break;
		scp[n] = &sc[n];
	}
	if (!rc)
		rc = cli_apply_overrides(opt, &sc[0]);
	if (!rc && opt->outdir && cli_make_dir(opt->outdir))
		rc = cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
	if (rc)
		goto out;

	/* One seed and one count for all: the first scenario's, or the options'. */
	cli_progress_init(&bar, opt->quiet);
	memset(&ex, 0, sizeof ex);
	ex.threads = opt->threads;
	ex.progress = cli_progress_report;
	ex.user = &bar;
	ex.stop = stop.active ? &stop.flag : NULL;
	ex.cluster = opt->cluster;
	ex.torn_down = opt->job ? cli_job_torn_down : NULL;
	bar.ranks = pc_cluster_size(opt->cluster);
	pc_error_clear(&err);
	rc = pc_compare_run(&cmp, scp, n, sc[0].seed, sc[0].replications, &ex, &err);
	cli_progress_done(&bar);
	if (rc) {
		rc = cli_fail_error(EXIT_RUN, &err);
		goto out;
	}
	if (cmp.reps_done == 0) {
		pc_compare_release(&cmp);
		rc = cli_fail(EXIT_RUN, "%s", "stopped before every scenario finished a replication; nothing written");
		goto out;
	}
	if (!opt->quiet)
		pc_compare_write_summary(&cmp, stdout);
	if (opt->outdir) {
		rc = cli_write_atomic(opt->outdir, "compare.csv", write_csv, &cmp);
		if (!rc)
			rc = cli_write_atomic(opt->outdir, "compare_scenarios.csv", write_scenarios, &cmp);
		if (!rc)
			rc = cli_write_atomic(opt->outdir, "sla_compare.csv", write_sla, &cmp);
		if (!rc && !opt->quiet)
			printf("\ntables written to %s/\n", opt->outdir);
		if (!rc) {
			/* The SLA curves overlaid (plots/compare.gp). */
			static const char *const names[] = { "data" };
			char data[4200];
			const char *values[] = { data };

			snprintf(data, sizeof data, "%s/sla_compare.csv", opt->outdir);
			rc = cli_script_charts(opt, "compare", "sla_compare", names, values, 1);
			if (!rc && !opt->quiet && !opt->no_charts)
				printf("chart written to %s/ (sla_compare)\n", opt->outdir);
		}
	}
	if (!rc && cmp.stopped) {
		fprintf(stderr, "promocap: stopped: %d of %d paired replications finished%s\n", cmp.reps_done,
			cmp.reps, opt->outdir ? ", the tables hold those (replications in compare_scenarios.csv)" : "");
		rc = EXIT_RUN;
	}
	pc_compare_release(&cmp);
out:
	cli_stop_release(&stop);
	for (int i = 0; i < n; i++)
		pc_scenario_release(&sc[i]);
	return rc;
}
