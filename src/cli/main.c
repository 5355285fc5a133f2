/* promocap: the command line; parses arguments, opens files, calls the
 * library, prints, and decides the exit code (0 ok, 1 run failed, 2 bad input). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "promocap/output.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

enum { EXIT_OK = 0, EXIT_RUN = 1, EXIT_USAGE = 2 };

typedef struct options {
	const char *scenario;
	const char *outdir;
	long long seed;   /* -1: the scenario's */
	int reps;         /* 0: the scenario's */
	int threads;      /* 0: one per core */
	int quiet;
	int keys;
	int stats;
} options;

typedef int (*command_fn)(const options *opt);

typedef struct command {
	const char *name;
	command_fn fn;
	const char *usage;
	const char *help;
} command;

static int cmd_run(const options *opt);
static int cmd_check(const options *opt);

static const command commands[] = {
	{ "run", cmd_run, "promocap run SCENARIO.ini [-o DIR] [--reps N] [--seed S] [--threads N] [--quiet] [--stats]",
	  "simulate the scenario, print the summary, write the tables into DIR" },
	{ "check", cmd_check, "promocap check SCENARIO.ini | promocap check --keys",
	  "validate a scenario and print it resolved, every default shown; --keys prints the key reference" },
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
		     "  --quiet       no summary on stdout\n"
		     "  --stats       print wall time, events per second and peak memory on stderr\n"
		     "  -h, --help    this text\n"
		     "\nexit codes: 0 ok, 1 the run failed, 2 usage error or bad input\n");
}

static int fail(int code, const char *fmt, const char *arg)
{
	fprintf(stderr, "promocap: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return code;
}

/* A whole number in [lo, hi] or -1 on error. */
static long long parse_whole(const char *s, long long lo, long long hi)
{
	char *end;
	long long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	return v;
}

static int parse_options(int argc, char **argv, options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->seed = -1;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-o") || !strcmp(a, "--reps") || !strcmp(a, "--seed") ||
		    !strcmp(a, "--threads")) {
			if (!v)
				return fail(EXIT_USAGE, "option '%s' needs a value", a);
			i++;
			if (!strcmp(a, "-o")) {
				opt->outdir = v;
			} else if (!strcmp(a, "--reps")) {
				long long n = parse_whole(v, 1, 10000);
				if (n < 0)
					return fail(EXIT_USAGE, "'--reps' must be a whole number 1..10000, got '%s'", v);
				opt->reps = (int)n;
			} else if (!strcmp(a, "--seed")) {
				long long n = parse_whole(v, 0, 0x7fffffffffffffffLL);
				if (n < 0)
					return fail(EXIT_USAGE, "'--seed' must be a whole number >= 0, got '%s'", v);
				opt->seed = n;
			} else {
				long long n = parse_whole(v, 1, 256);
				if (n < 0)
					return fail(EXIT_USAGE, "'--threads' must be a whole number 1..256, got '%s'", v);
				opt->threads = (int)n;
			}
		} else if (!strcmp(a, "--quiet")) {
			opt->quiet = 1;
		} else if (!strcmp(a, "--stats")) {
			opt->stats = 1;
		} else if (!strcmp(a, "--keys")) {
			opt->keys = 1;
		} else if (a[0] == '-' && a[1]) {
			return fail(EXIT_USAGE, "unknown option '%s' (see promocap --help)", a);
		} else if (opt->scenario) {
			return fail(EXIT_USAGE, "one scenario at a time, got a second one '%s'", a);
		} else {
			opt->scenario = a;
		}
	}
	return EXIT_OK;
}

static int load(const options *opt, pc_scenario *sc)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (!opt->scenario)
		return fail(EXIT_USAGE, "%s", "no scenario file given (see promocap --help)");
	if (pc_scenario_load(sc, opt->scenario, &err)) {
		fprintf(stderr, "promocap: %s\n", pc_error_format(&err, msg, sizeof msg));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* mkdir -p. */
static int make_dir(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];
			buf[i] = '\0';
			if (mkdir(buf, 0777) && errno != EEXIST)
				return -1;
			buf[i] = c;
		}
	}
	return 0;
}

/* Writes one table to DIR/.NAME.tmp and renames it to DIR/NAME when whole,
 * so a reader never sees a half-written file. */
static int write_table(const char *dir, const pc_output_table *t, const pc_result *res)
{
	char path[4096], tmp[4200];
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, t->file);
	snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, t->file, (long)getpid());
	if (!(f = fopen(tmp, "w")))
		return fail(EXIT_RUN, "cannot write '%s'", tmp);
	rc = t->write(res, f);
	if (fclose(f) || rc) {
		unlink(tmp);
		return fail(EXIT_RUN, "cannot write '%s'", path);
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		return fail(EXIT_RUN, "cannot write '%s'", path);
	}
	return EXIT_OK;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

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

static int cmd_run(const options *opt)
{
	double t0;
	pc_scenario sc;
	pc_result res;
	pc_error err;
	char msg[2200];
	int rc;

	if ((rc = load(opt, &sc)))
		return rc;
	if (opt->outdir && make_dir(opt->outdir)) {
		pc_scenario_release(&sc);
		return fail(EXIT_USAGE, "cannot create the output folder '%s'", opt->outdir);
	}
	pc_error_clear(&err);
	t0 = seconds_now();
	if (pc_run(&sc, opt->seed >= 0 ? (uint64_t)opt->seed : sc.seed,
		   opt->reps ? opt->reps : sc.replications, opt->threads, &res, &err)) {
		fprintf(stderr, "promocap: %s: %s\n", sc.file, pc_error_format(&err, msg, sizeof msg));
		pc_scenario_release(&sc);
		return EXIT_RUN;
	}
	if (opt->stats)
		print_stats(&res, seconds_now() - t0);
	if (!opt->quiet)
		pc_output_summary(&res, stdout);
	rc = EXIT_OK;
	if (opt->outdir) {
		for (const pc_output_table *t = pc_output_tables; t->file && !rc; t++)
			rc = write_table(opt->outdir, t, &res);
		if (!rc && !opt->quiet)
			printf("\ntables written to %s/\n", opt->outdir);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
	return rc;
}

static int cmd_check(const options *opt)
{
	pc_scenario sc;
	int rc;

	if (opt->keys)
		return pc_scenario_keys_markdown(stdout) ? EXIT_RUN : EXIT_OK;
	if ((rc = load(opt, &sc)))
		return rc;
	rc = pc_scenario_dump(&sc, stdout) ? EXIT_RUN : EXIT_OK;
	pc_scenario_release(&sc);
	return rc;
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
		if ((rc = parse_options(argc, argv, &opt)))
			return rc;
		return c->fn(&opt);
	}
	return fail(EXIT_USAGE, "unknown command '%s' (see promocap --help)", argv[1]);
}
