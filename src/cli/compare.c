/* compare: scenarios side by side with common random numbers; compare.csv,
 * compare_scenarios.csv, sla_compare.csv. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "promocap/compare.h"
#include "promocap/pack.h"
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

static int pack_compare(const void *what, const pc_report_chart *charts, int n, const char *lang, const char *note,
			FILE *out)
{
	return pc_pack_write_compare(what, charts, n, lang, note, out);
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

/* The comparison of files[0..n), written into outdir (NULL: nothing
 * written); with check_only the scenarios are only loaded.  *stopped is
 * set when Ctrl-C stopped it. */
static int compare_one(const options *opt, const char *const *files, int n, const char *outdir, cli_stop *stop,
		       int check_only, int *stopped)
{
	pc_scenario *sc = calloc((size_t)n, sizeof *sc);
	const pc_scenario **scp = calloc((size_t)n, sizeof *scp);
	pc_compare cmp;
	pc_error err;
	cli_progress bar;
	pc_exec ex;
	options one = *opt;
	int loaded = 0, rc = EXIT_OK, lock = -1;

	one.outdir = outdir;
	opt = &one;
	*stopped = 0;
	if (!sc || !scp) {
		free(sc);
		free(scp);
		return cli_fail(EXIT_RUN, "%s", "out of memory for the scenarios");
	}
	/* Every scenario loads before anything runs. */
	for (; loaded < n; loaded++) {
		one.scenario = files[loaded];
		if ((rc = cli_load(&one, &sc[loaded])))
			break;
		scp[loaded] = &sc[loaded];
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
	if (!rc && !check_only && opt->outdir)
		rc = cli_open_outdir(opt->outdir, &lock);
	if (rc || check_only)
		goto out;

	/* One seed and one count for all: the first scenario's, or the options'. */
	cli_progress_init(&bar, opt->quiet);
	memset(&ex, 0, sizeof ex);
	ex.threads = opt->threads;
	ex.progress = cli_progress_report;
	ex.user = &bar;
	ex.stop = stop->active ? &stop->flag : NULL;
	ex.cluster = opt->cluster;
	ex.torn_down = opt->job ? cli_job_torn_down : NULL;
	cli_progress_ranks(&bar, pc_cluster_size(opt->cluster));
	pc_error_clear(&err);
	rc = pc_compare_run(&cmp, scp, n, sc[0].seed, sc[0].replications, &ex, &err);
	cli_progress_done(&bar);
	if (rc) {
		rc = cli_fail_error(EXIT_RUN, &err);
		goto out;
	}
	*stopped = cmp.stopped;
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
			/* The SLA curves overlaid (plots/compare.gp), the legend
			 * with the scenarios' names and each one's all_done
			 * target (up to 12 scenarios; the chart reads the others'
			 * names from compare_scenarios.csv). */
			enum { MAXSC = 12 };
			const char *names[1 + 3 * MAXSC], *values[1 + 3 * MAXSC];
			char data[4200], vname[3 * MAXSC][24], num[2 * MAXSC][32];
			int nv = 0;

			snprintf(data, sizeof data, "%s/sla_compare.csv", opt->outdir);
			names[nv] = "data";
			values[nv++] = data;
			for (int i = 0; i < cmp.n && i < MAXSC; i++) {
				const pc_sla_target *t = &cmp.sc[i]->sla_all_done;

				snprintf(vname[3 * i], sizeof vname[0], "name_%d", i + 1);
				names[nv] = vname[3 * i];
				values[nv++] = cmp.sc[i]->name;
				if (!t->set)
					continue;
				snprintf(vname[3 * i + 1], sizeof vname[0], "target_pct_%d", i + 1);
				snprintf(num[2 * i], sizeof num[0], "%.6g", 100 * t->share);
				names[nv] = vname[3 * i + 1];
				values[nv++] = num[2 * i];
				snprintf(vname[3 * i + 2], sizeof vname[0], "target_h_%d", i + 1);
				snprintf(num[2 * i + 1], sizeof num[0], "%.6g", t->within / PC_HOUR);
				names[nv] = vname[3 * i + 2];
				values[nv++] = num[2 * i + 1];
			}
			rc = cli_script_charts(opt, "compare", "sla_compare", names, values, nv);
			if (!rc && !opt->quiet && !opt->no_charts)
				printf("chart written to %s/ (sla_compare)\n", opt->outdir);
		}
		if (!rc) {
			static const cli_pack_chart list[] = {
				{ "sla_compare", "Share of refunds finished within t, scenario by scenario",
				  "各场景退款在 t 小时内完结的比例" },
			};

			rc = cli_write_pack(opt, list, 1, pack_compare, &cmp);
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
	for (int i = 0; i < loaded; i++)
		pc_scenario_release(&sc[i]);
	free(sc);
	free(scp);
	return rc;
}

int cmd_compare(const options *opt)
{
	const char *first[CLI_MAX_SCENARIOS];
	int start[CLI_MAX_SCENARIOS + 1];
	char dir[4200];
	cli_stop stop;
	int groups = 0, rc = EXIT_OK, stopped = 0;

	if (!opt->neach) {
		if (opt->nscenarios < 2)
			return cli_fail(EXIT_USAGE, "%s", "compare needs two scenarios or more (see promocap compare --help)");
		/* From here Ctrl-C asks for a stop. */
		cli_stop_init(&stop, opt->job);
		rc = compare_one(opt, opt->scenarios, opt->nscenarios, opt->outdir, &stop, 0, &stopped);
		cli_stop_release(&stop);
		return rc;
	}
	/* --each A.ini B.ini --each C.ini D.ini: one comparison per group (an
	 * agency's brands), each written into DIR/NAME, NAME the group's first
	 * scenario. */
	if (!opt->each[0])
		return cli_fail(EXIT_USAGE, "%s", "with --each every scenario belongs to a group: start with --each");
	for (int i = 0; i < opt->nscenarios; i++)
		if (opt->each[i]) {
			first[groups] = opt->scenarios[i];
			start[groups++] = i;
		}
	start[groups] = opt->nscenarios;
	for (int g = 0; g < groups; g++)
		if (start[g + 1] - start[g] < 2)
			return cli_fail(EXIT_USAGE, "--each '%s': a comparison needs two scenarios or more", first[g]);
	if (opt->neach != groups)
		return cli_fail(EXIT_USAGE, "%s", "--each must be followed by the scenarios of its comparison");
	cli_stop_init(&stop, opt->job);
	for (int g = 0; g < groups && !rc; g++)
		rc = compare_one(opt, opt->scenarios + start[g], start[g + 1] - start[g], NULL, &stop, 1, &stopped);
	if (!rc && opt->outdir && cli_make_dir(opt->outdir))
		rc = cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
	for (int g = 0; g < groups && rc != EXIT_USAGE && !stopped; g++) {
		int one;

		if (opt->outdir && cli_list_dir(opt->outdir, first, g, dir, sizeof dir)) {
			rc = cli_fail(EXIT_USAGE, "output folder name too long for '%s'", first[g]);
			break;
		}
		if (!opt->quiet)
			printf("%s== %s ==\n", g ? "\n" : "", first[g]);
		one = compare_one(opt, opt->scenarios + start[g], start[g + 1] - start[g], opt->outdir ? dir : NULL,
				  &stop, 0, &stopped);
		if (one > rc)
			rc = one;
		if (stopped && g + 1 < groups)
			fprintf(stderr, "promocap: stopped: the %d comparison%s after '%s' did not run\n",
				groups - g - 1, groups - g - 1 == 1 ? "" : "s", first[g]);
	}
	cli_stop_release(&stop);
	return rc;
}
