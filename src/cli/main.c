/* promocap: the command line's entry; dispatches to one file per
 * subcommand.  Only the CLI opens files, prints, or decides the exit code
 * (0 ok, 1 run failed, 2 usage error or bad input). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

static void usage(FILE *out)
{
	fprintf(out, "usage: promocap <command> [options]\n\ncommands:\n");
	for (const cli_command *c = cli_commands; c->name; c++)
		fprintf(out, "  %-7s %s\n          %s\n", c->name, c->help, c->usage);
	fprintf(out, "\noptions:\n%s\nerlang options:\n%s", cli_options_text, cli_erlang_options);
	fprintf(out, "\nCtrl-C stops sweep and compare cleanly: what finished is written, marked partial.\n%s"
		     "\n%s",
		pc_cluster_built() ? "\nbuilt with Open MPI: mpirun -n N promocap run|sweep|compare|plan|replan ... shares\n"
				     "the tasks over N ranks; rank 0 reads the scenarios and writes every output.\n" : "",
		cli_exit_text);
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
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
		return cli_version(stdout) ? EXIT_RUN : EXIT_OK;
	/* Hidden: what the build generates the manual page and the shell
	 * completion with, from the tables --help prints. */
	if (!strcmp(argv[1], "manpage") && argc == 2)
		return cli_manpage(stdout) ? EXIT_RUN : EXIT_OK;
	if (!strcmp(argv[1], "completion") && argc == 3 && !strcmp(argv[2], "bash"))
		return cli_completion_bash(stdout) ? EXIT_RUN : EXIT_OK;
	for (const cli_command *c = cli_commands; c->name; c++) {
		if (strcmp(argv[1], c->name))
			continue;
		for (int i = 2; i < argc; i++)
			if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
				printf("usage: %s\n%s\n", c->usage, c->help);
				if (c->flags & CLI_RAW)
					printf("\noptions (D a duration: 20s, 3min, 1h; P a share: 30%% or 0.3):\n%s",
					       cli_erlang_options);
				return EXIT_OK;
			}
		if (c->flags & CLI_RAW) {
			memset(&opt, 0, sizeof opt);
			opt.argc = argc;
			opt.argv = argv;
			return c->fn(&opt);
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
