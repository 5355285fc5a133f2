/* promocap: the command line's entry; dispatches to one file per
 * subcommand.  Only the CLI opens files, prints, or decides the exit code
 * (0 ok, 1 run failed, 2 usage error or bad input). */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli.h"

typedef int (*command_fn)(const options *opt);

typedef struct command {
	const char *name;
	command_fn fn;
	const char *usage;
	const char *help;
} command;

static const command commands[] = {
	{ "run", cmd_run, "promocap run SCENARIO.ini [-o DIR] [--reps N] [--seed S] [--threads N] [--quiet] [--stats]",
	  "simulate the scenario, print the summary, write the tables into DIR" },
	{ "check", cmd_check, "promocap check SCENARIO.ini | promocap check --keys",
	  "validate a scenario and print it resolved, every default shown; --keys prints the key reference" },
	{ "plan", cmd_plan, "promocap plan SCENARIO.ini [-o DIR] [--reps N] [--screen-reps N] [--budget N] [--relax P] [--seed S] [--threads N] [--quiet] [--stats]",
	  "find the smallest rosters that meet every SLA target; write the staffing, the methods compared and\n"
	  "          the plan's tables into DIR (exit 1 when a target cannot be met within max_per_shift)" },
	{ NULL, NULL, NULL, NULL }
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
		     "  --screen-reps N  plan: replications of a screening check (default: reps / 5, even, >= 4)\n"
		     "  --budget N    plan: replications of the search (default: from the scenario's size)\n"
		     "  --relax P     plan: a target no roster meets is planned for the maximum's value less P%% of it (5)\n"
		     "  --quiet       no summary on stdout\n"
		     "  --stats       print wall time, events per second and peak memory on stderr\n"
		     "  -h, --help    this text\n"
		     "\nexit codes: 0 ok, 1 the run failed or no staffing meets the targets, 2 usage error or bad input\n");
}

int main(int argc, char **argv)
{
	options opt;
	int rc;

	gsl_set_error_handler_off();
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
		if ((rc = cli_parse_options(argc, argv, &opt)))
			return rc;
		return c->fn(&opt);
	}
	return cli_fail(EXIT_USAGE, "unknown command '%s' (see promocap --help)", argv[1]);
}
