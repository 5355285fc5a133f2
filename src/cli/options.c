/* options: the option parser and helpers every subcommand shares. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

int cli_fail(int code, const char *fmt, const char *arg)
{
	fprintf(stderr, "promocap: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return code;
}

/* A whole number in [lo, hi] or -1 on error. */
long long cli_parse_whole(const char *s, long long lo, long long hi)
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

int cli_parse_options(int argc, char **argv, options *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->seed = -1;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-o") || !strcmp(a, "--reps") || !strcmp(a, "--seed") ||
		    !strcmp(a, "--threads") || !strcmp(a, "--screen-reps") || !strcmp(a, "--budget") ||
		    !strcmp(a, "--relax")) {
			if (!v)
				return cli_fail(EXIT_USAGE, "option '%s' needs a value", a);
			i++;
			if (!strcmp(a, "-o")) {
				opt->outdir = v;
			} else if (!strcmp(a, "--reps")) {
				long long n = cli_parse_whole(v, 1, 10000);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--reps' must be a whole number 1..10000, got '%s'", v);
				opt->reps = (int)n;
			} else if (!strcmp(a, "--seed")) {
				long long n = cli_parse_whole(v, 0, 0x7fffffffffffffffLL);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--seed' must be a whole number >= 0, got '%s'", v);
				opt->seed = n;
			} else if (!strcmp(a, "--screen-reps")) {
				long long n = cli_parse_whole(v, 1, 10000);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--screen-reps' must be a whole number 1..10000, got '%s'", v);
				opt->screen_reps = (int)n;
			} else if (!strcmp(a, "--relax")) {
				char *end;
				double x = strtod(v, &end);
				if (end == v || *end || !(x > 0) || x > 100)
					return cli_fail(EXIT_USAGE, "'--relax' must be a percentage above 0 and at most 100, got '%s'", v);
				opt->relax = x;
			} else if (!strcmp(a, "--budget")) {
				long long n = cli_parse_whole(v, 1, 100000000);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--budget' must be a whole number 1..100000000, got '%s'", v);
				opt->budget = (int)n;
			} else {
				long long n = cli_parse_whole(v, 1, 256);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--threads' must be a whole number 1..256, got '%s'", v);
				opt->threads = (int)n;
			}
		} else if (!strcmp(a, "--quiet")) {
			opt->quiet = 1;
		} else if (!strcmp(a, "--stats")) {
			opt->stats = 1;
		} else if (!strcmp(a, "--keys")) {
			opt->keys = 1;
		} else if (a[0] == '-' && a[1]) {
			return cli_fail(EXIT_USAGE, "unknown option '%s' (see promocap --help)", a);
		} else if (opt->scenario) {
			return cli_fail(EXIT_USAGE, "one scenario at a time, got a second one '%s'", a);
		} else {
			opt->scenario = a;
		}
	}
	return EXIT_OK;
}

int cli_load(const options *opt, pc_scenario *sc)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (!opt->scenario)
		return cli_fail(EXIT_USAGE, "%s", "no scenario file given (see promocap --help)");
	if (pc_scenario_load(sc, opt->scenario, &err)) {
		fprintf(stderr, "promocap: %s\n", pc_error_format(&err, msg, sizeof msg));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* mkdir -p. */
int cli_make_dir(const char *path)
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
typedef struct table_arg {
	const pc_output_table *t;
	const pc_result *res;
} table_arg;

static int write_output_table(const void *arg, FILE *out)
{
	const table_arg *a = arg;

	return a->t->write(a->res, out);
}

int cli_write_table(const char *dir, const pc_output_table *t, const pc_result *res)
{
	table_arg a = { t, res };

	return cli_write_file(dir, t->file, write_output_table, &a);
}

int cli_write_file(const char *dir, const char *name, cli_writer_fn write, const void *arg)
{
	char path[4096], tmp[4200];
	FILE *f;
	int rc;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
	if (!(f = fopen(tmp, "w")))
		return cli_fail(EXIT_RUN, "cannot write '%s'", tmp);
	rc = write(arg, f);
	if (fclose(f) || rc) {
		unlink(tmp);
		return cli_fail(EXIT_RUN, "cannot write '%s'", path);
	}
	if (rename(tmp, path)) {
		unlink(tmp);
		return cli_fail(EXIT_RUN, "cannot write '%s'", path);
	}
	return EXIT_OK;
}

double cli_seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

