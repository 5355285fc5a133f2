/* cli: what the subcommands share: options, messages, loading, folders. */
#ifndef PC_CLI_H
#define PC_CLI_H

#include <stdio.h>

#include "promocap/output.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

/* Exit codes: 0 ok; 1 the run failed (or no staffing meets the targets);
 * 2 usage error or bad input. */
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
	int screen_reps;  /* plan: 0: automatic */
	int budget;       /* plan: 0: automatic */
	double relax;     /* plan: 0: the default */
} options;

/* Parses argv[2..] into *opt.  Returns EXIT_OK or EXIT_USAGE (message
 * printed). */
int cli_parse_options(int argc, char **argv, options *opt);

/* Prints "promocap: " fmt (with one string argument) on stderr; returns code. */
int cli_fail(int code, const char *fmt, const char *arg);

/* A whole number in [lo, hi], or -1. */
long long cli_parse_whole(const char *s, long long lo, long long hi);

/* Loads opt->scenario, printing "file:line: message" on failure.  Returns
 * EXIT_OK or EXIT_USAGE. */
int cli_load(const options *opt, pc_scenario *sc);

/* mkdir -p.  Returns 0 or -1. */
int cli_make_dir(const char *path);

/* Writes DIR/NAME through a temporary file in DIR renamed when complete, so
 * a reader never sees a half-written file.  Returns EXIT_OK or EXIT_RUN. */
int cli_write_table(const char *dir, const pc_output_table *t, const pc_result *res);

/* A writer of one file: writes arg to out, returns 0 or a PC_E* code. */
typedef int (*cli_writer_fn)(const void *arg, FILE *out);

/* As cli_write_table, for any writer: DIR/NAME from write(arg, stream). */
int cli_write_file(const char *dir, const char *name, cli_writer_fn write, const void *arg);

/* Monotonic seconds. */
double cli_seconds_now(void);

/* The subcommands, one file each. */
int cmd_run(const options *opt);
int cmd_check(const options *opt);
int cmd_plan(const options *opt);

#endif
