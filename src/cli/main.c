/* promocap: the command line's entry; dispatches to one file per
 * subcommand.  Only the CLI opens files, prints, or decides the exit code
 * (0 ok, 1 run failed, 2 usage error or bad input). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

typedef int (*command_fn)(const options *opt);

typedef struct command {
	const char *name;
	command_fn fn;
	int flags; /* CLI_MULTI, CLI_VARY */
	const char *usage;
	const char *help;
} command;

static const command commands[] = {
	{ "run", cmd_run, CLI_ONE,
	  "promocap run SCENARIO.ini [-o DIR] [--reps N] [--seed S] [--threads N] [--max-memory SIZE]\n"
	  "                    [--quiet] [--stats] [--no-charts] [--format png|svg|pdf]... [--lang en|zh] [--report]",
	  "simulate the scenario, print the summary, write the tables into DIR" },
	{ "sweep", cmd_sweep, CLI_VARY | CLI_MULTI,
	  "promocap sweep SCENARIO.ini [MORE.ini ...] --vary KEY=VALUES [--vary ...] [-o DIR] [--reps N] [--seed S] [--threads N] [--quiet]",
	  "run every combination of the varied keys; sweep.csv and whatif.csv into DIR\n"
	  "          (several scenarios: each swept in turn into DIR/NAME)" },
	{ "compare", cmd_compare, CLI_MULTI,
	  "promocap compare A.ini B.ini [C.ini ...] [-o DIR] [--reps N] [--seed S] [--threads N] [--quiet]\n"
	  "       promocap compare --each A.ini B.ini [...] --each C.ini D.ini [...] [...] [-o DIR] [options]",
	  "KPIs side by side, differences to A with CIs from paired replications; compare*.csv into DIR\n"
	  "          (--each: one comparison per group, each into DIR/NAME of its first scenario)" },
	{ "check", cmd_check, CLI_ONE, "promocap check SCENARIO.ini | promocap check --keys",
	  "validate a scenario and print it resolved, every default shown; --keys prints the key reference" },
	{ "plot", cmd_plot, CLI_ONE, "promocap plot DIR [-o OUTDIR] [--format png|svg|pdf]... [--lang en|zh] [--quiet]",
	  "redraw every chart from the tables a run wrote into DIR (PNG and SVG unless --format says;\n"
	  "          run also draws them: --no-charts to skip, --format, --lang, --report for report.html)" },
	{ "report", cmd_report, CLI_ONE, "promocap report SCENARIO.ini -o DIR [--format F]... [--lang en|zh] [run's options]",
	  "run, draw the charts, and write DIR/report.html: the review pack, one self-contained page" },
	{ "plan", cmd_plan, CLI_PLAN,
	  "promocap plan SCENARIO.ini [-o DIR] [--reps N] [--screen-reps N] [--budget N] [--relax P] [--seed S] [--threads N] [--quiet] [--stats]",
	  "find the smallest rosters that meet every SLA target; write the staffing, the methods compared and\n"
	  "          the plan's tables into DIR (exit 1 when a target cannot be met within max_per_shift)" },
	{ NULL, NULL, 0, NULL, NULL }
};

static void usage(FILE *out)
{
	fprintf(out, "usage: promocap <command> [options]\n\ncommands:\n");
	for (const command *c = commands; c->name; c++)
		fprintf(out, "  %-7s %s\n          %s\n", c->name, c->help, c->usage);
	fprintf(out, "\noptions:\n"
		     "  -o DIR        write the CSV tables into DIR (created if missing)\n"
		     "  --reps N      replications (default: the scenario's [simulation] replications)\n"
		     "  --seed S      random seed (default: the scenario's [simulation] seed)\n"
		     "  --threads N   worker threads (default: one per core); results do not depend on it\n"
		     "  --vary KEY=VALUES  (sweep) a key and its values: FROM:TO:STEP in the key's syntax\n"
		     "                (4:20:2, 3%%:8%%:1%%, 10min:60min:10min) or a list V1,V2,... (';' between\n"
		     "                values that hold commas); KEY is section.key, a key unique to one\n"
		     "                section, refund_rate, agents, supervisors, inspectors, response_timeout,\n"
		     "                or agents.SHIFT (that shift's headcount on every day)\n"
		     "  --max-memory SIZE  refuse a run estimated to need more memory than SIZE (4G, 512M;\n"
		     "                default: half the machine's RAM)\n"
		     "  --screen-reps N  plan: replications of a screening check (default: reps / 5, even, >= 4)\n"
		     "  --budget N    plan: replications of the search (default: from the scenario's size)\n"
		     "  --relax P     plan: a target no roster meets is planned for the maximum's value less P%% of it (5)\n"

		     "  --quiet       no summary on stdout, no progress bar\n"
		     "  --stats       print wall time, events per second and peak memory on stderr\n"
		     "  --no-charts   run: write the tables only (no gnuplot)\n"
		     "  --format F    charts as png, svg or pdf (repeatable; default png and svg)\n"
		     "  --lang L      chart and report labels in en (default) or zh\n"
		     "  --report      run: also write report.html, the review pack\n"
		     "  -h, --help    this text\n"
		     "\nCtrl-C stops sweep and compare cleanly: what finished is written, marked partial.\n"
		     "%s"
		     "\nexit codes: 0 ok, 1 the run failed, was stopped, or no staffing meets the targets,\n"
		     "            2 usage error or bad input\n",
		pc_cluster_built() ? "\nbuilt with Open MPI: mpirun -n N promocap run|sweep|compare|plan ... shares the\n"
				     "tasks over N ranks; rank 0 reads the scenarios and writes every output.\n" : "");
}

/* Runs the command of argv (rank 0, or a process without MPI). */
static int run_command(int argc, char **argv, pc_cluster *cluster, cli_job *job)
{
	options opt;
	int rc;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (const command *c = commands; c->name; c++) {
		if (strcmp(argv[1], c->name))
			continue;
		for (int i = 2; i < argc; i++)
			if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
				printf("usage: %s\n%s\n", c->usage, c->help);
				return EXIT_OK;
			}
		if ((rc = cli_parse_options(argc, argv, c->flags, &opt)))
			return rc;
		opt.cluster = cluster;
		opt.job = job;
		return c->fn(&opt);
	}
	return cli_fail(EXIT_USAGE, "unknown command '%s' (see promocap --help)", argv[1]);
}

int main(int argc, char **argv)
{
	pc_cluster *cluster = NULL;
	cli_job job;
	sigset_t old;
	pc_error err;
	int rc, blocked = 0;

	gsl_set_error_handler_off();
	if (!pc_cluster_built())
		return run_command(argc, argv, NULL, NULL);
	/* Built with MPI: the job's signals are blocked before MPI starts its
	 * threads, so that they reach the one watcher. */
	blocked = cli_job_block(&old) == 0;
	pc_error_clear(&err);
	if (pc_cluster_new(&argc, &argv, &cluster, &err))
		return cli_fail_error(EXIT_RUN, &err);
	memset(&job, 0, sizeof job);
	if (pc_cluster_size(cluster) < 2) {
		/* One process: as without MPI. */
		if (blocked)
			pthread_sigmask(SIG_SETMASK, &old, NULL);
		rc = run_command(argc, argv, cluster, NULL);
		pc_cluster_free(cluster, 0);
		return rc;
	}
	if (cli_job_start(&job, pc_cluster_rank(cluster))) {
		pc_cluster_free(cluster, 1);
		return cli_fail(EXIT_RUN, "%s", "cannot start the signal watcher");
	}
	if (pc_cluster_rank(cluster) != 0) {
		/* The other ranks serve rank 0's tasks and write nothing. */
		rc = pc_cluster_serve(cluster, &job.signal, &err) ? EXIT_RUN : EXIT_OK;
		if (rc) {
			char msg[2200];

			fprintf(stderr, "promocap: rank %d: %s\n", pc_cluster_rank(cluster),
				pc_error_format(&err, msg, sizeof msg));
		}
		if (atomic_load(&job.signal))
			rc = EXIT_RUN;
		pc_cluster_free(cluster, rc != EXIT_OK && !atomic_load(&job.signal));
		return rc;
	}
	rc = run_command(argc, argv, cluster, &job);
	pc_cluster_free(cluster, 0);
	return rc;
}
