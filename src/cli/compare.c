/* compare: scenarios side by side with common random numbers; compare.csv,
 * compare_scenarios.csv, sla_compare.csv. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "promocap/compare.h"
#include "promocap/workbook.h"

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

/* cli_path_writer for the comparison's workbook. */
static int write_workbook(const void *ctx, const char *path)
{
	pc_error err;

	pc_error_clear(&err);
	if (pc_workbook_write_compare(ctx, path, &err) == 0)
		return 0;
	cli_fail_error(EXIT_RUN, &err);
	return -1;
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
	int n = 0, rc = EXIT_OK, lock = -1;

	if (opt->nscenarios < 2)
		return cli_fail(EXIT_USAGE, "%s", "compare needs two scenarios or more (see promocap compare --help)");
	/* From here Ctrl-C asks for a stop.  Every scenario loads before
	 * anything runs. */
	cli_stop_init(&stop);
	for (; n < opt->nscenarios; n++) {
		one = *opt;
		one.scenario = opt->scenarios[n];
		if ((rc = cli_load(&one, &sc[n])))
			break;
		scp[n] = &sc[n];
	}
	if (!rc)
		rc = cli_apply_overrides(opt, &sc[0]);
	if (!rc) {
		/* Replication r of every scenario runs before r + 1: each
		 * thread holds a simulator of every scenario, and every
		 * replication's figures are held. */
		pc_memory mem, est, big;
		int threads = opt->threads, most = 0;

		memset(&mem, 0, sizeof mem);
		for (int i = 0; i < n; i++) {
			pc_memory_estimate(&sc[i], sc[0].replications, threads, &est);
			if (i == 0 || est.per_thread > big.per_thread) {
				big = est;
				most = i;
			}
			mem.per_thread += est.per_thread;
			mem.per_rep += est.per_rep * est.reps;
			mem.base = fmax(mem.base, est.base);
		}
		big.total = mem.base + big.threads * mem.per_thread + mem.per_rep;
		rc = cli_check_memory(opt, sc[most].file, "comparison", &big);
	}
	if (!rc && opt->outdir)
		rc = cli_open_outdir(opt->outdir, &lock);
	if (rc)
		goto out;

	/* One seed and one count for all: the first scenario's, or the options'. */
	cli_progress_init(&bar, opt->quiet);
	memset(&ex, 0, sizeof ex);
	ex.threads = opt->threads;
	ex.progress = cli_progress_report;
	ex.user = &bar;
	ex.stop = stop.active ? &stop.flag : NULL;
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
		if (!rc && !opt->no_xlsx) {
			rc = cli_write_atomic_path(opt->outdir, "report.xlsx", write_workbook, &cmp);
			if (!rc && !opt->quiet)
				printf("workbook written to %s/report.xlsx\n", opt->outdir);
		}
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
	cli_close_outdir(opt->outdir, lock);
	cli_stop_release(&stop);
	for (int i = 0; i < n; i++)
		pc_scenario_release(&sc[i]);
	return rc;
}
