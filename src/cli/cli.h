/* cli: what the subcommands share: options, messages, loading, folders. */
#ifndef PC_CLI_H
#define PC_CLI_H

#include <stdio.h>

#include "promocap/memory.h"
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
	double max_memory; /* bytes; 0: the default, cli_default_max_memory */
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

/* mkdir -p; the path must end up a folder.  Returns 0 or -1. */
int cli_make_dir(const char *path);

/* Writes the whole of a file to f: returns 0 or non-zero on failure. */
typedef int (*cli_writer)(const void *ctx, FILE *f);

/* Writes DIR/NAME through the temporary DIR/.NAME.PID.tmp, which write
 * fills, then flushed to disk and renamed over DIR/NAME: a reader, or a
 * run killed at any moment, sees the old file or the whole new one, never
 * a part.  On failure the temporary is removed.  Every file promocap puts
 * in -o DIR goes through here (charts and report too), under a name
 * cli_own_output knows.  Returns EXIT_OK or EXIT_RUN (message printed). */
int cli_write_atomic(const char *dir, const char *name, cli_writer write, const void *ctx);

/* cli_write_atomic for one table of pc_output_tables. */
int cli_write_table(const char *dir, const pc_output_table *t, const pc_result *res);

/* Whether promocap writes a file of this name into -o DIR. */
int cli_own_output(const char *name);

/* Removes DIR/.NAME.PID.tmp files that a killed run left (NAME one of
 * promocap's outputs, PID a process that no longer exists).  Nothing else
 * in DIR is ever removed. */
void cli_clean_stale(const char *dir);

/* The memory limit of a run without --max-memory: half the machine's RAM,
 * or 8 GiB when the system does not say. */
double cli_default_max_memory(void);

/* Monotonic seconds. */
double cli_seconds_now(void);

/* The subcommands, one file each. */
int cmd_run(const options *opt);
int cmd_check(const options *opt);

#endif
