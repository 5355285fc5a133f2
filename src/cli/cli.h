/* cli: what the subcommands share: options, messages, loading, folders. */
#ifndef PC_CLI_H
#define PC_CLI_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>

#include "promocap/cluster.h"
#include "promocap/experiment.h"
#include "promocap/memory.h"
#include "promocap/output.h"
#include "promocap/plot.h"
#include "promocap/report.h"
#include "promocap/result.h"
#include "promocap/scenario.h"
#include "promocap/verdict.h"

/* Exit codes: 0 ok; 1 the run failed (or no staffing meets the targets);
 * 2 usage error or bad input. */
enum { EXIT_OK = 0, EXIT_RUN = 1, EXIT_USAGE = 2 };

/* Most scenarios of compare, most --vary of sweep. */
#define CLI_MAX_SCENARIOS 256
#define CLI_MAX_VARY 16

typedef struct options {
	const char *scenario;  /* the first scenario */
	const char *scenarios[CLI_MAX_SCENARIOS];
	int nscenarios;
	const char *vary[CLI_MAX_VARY]; /* --vary KEY=VALUES, in order */
	int nvary;
	const char *outdir;
	uint64_t seed;    /* --seed, when has_seed */
	int has_seed;     /* 0: the scenario's seed */
	int reps;         /* 0: the scenario's */
	int threads;      /* 0: one per core */
	int quiet;
	int keys;
	int stats;
	/* charts and the review pack (src/cli/plot.c) */
	int no_charts;      /* --no-charts */
	int report;         /* --report: also DIR/report.html */
	int no_xlsx;        /* --no-xlsx: no DIR/report.xlsx */
	int bom;            /* --bom: CSV tables start with a UTF-8 byte-order mark */
	unsigned formats;   /* --format: bit (1 << pc_plot_format) each; 0: png and svg */
	const char *lang;   /* --lang: "en" (NULL) or "zh" */
	const char *events; /* run --events PREFIX: the event log of replication 1 */
	const char *fit_file[4]; /* fit: --orders, --refunds, --work, --map */
	int gbk;            /* fit --encoding gbk */
	const char *from, *to; /* fit --from, --to */
	const char *roster; /* backtest --roster: the agents' roster of last year */
	const char *now;    /* replan --now; its --actuals is fit_file[1] */
	double max_memory; /* bytes; 0: the default, cli_default_max_memory */
	int screen_reps;  /* plan: 0: automatic */
	int budget;       /* plan: 0: automatic */
	double relax;     /* plan: 0: the default */
	double confidence; /* plan --confidence: share of forecast draws to meet, 0: none */
	int argc;         /* CLI_RAW: the whole command line, which the */
	char **argv;      /* command parses itself (argv[1] its name) */
	int each[CLI_MAX_SCENARIOS]; /* compare --each: 1 where a group of scenarios starts */
	int neach;                 /* --each given (how many times) */
	pc_cluster *cluster;       /* the MPI job (one rank without mpirun) */
	struct cli_job *job;       /* its signal watcher, NULL with one rank */
} options;

/* What a command accepts beyond the shared options. */
enum {
	CLI_ONE = 0,      /* one scenario */
	CLI_MULTI = 1,    /* several scenarios (compare) */
	CLI_VARY = 2,     /* --vary (sweep) */
	CLI_PLAN = 4,     /* --screen-reps, --budget, --relax, --confidence (plan) */
	CLI_RAW = 8,      /* its own options: opt->argc, opt->argv (erlang) */
	CLI_EVENTS = 16,  /* --events PREFIX, --encoding utf-8|gbk (run) */
	CLI_FIT = 32,     /* --orders, --refunds, --work, --map, --encoding, --from, --to (fit) */
	CLI_ROSTER = 64,  /* --roster FILE (backtest) */
	CLI_REPLAN = 128  /* --actuals, --now, --orders, --map, --encoding (replan) */
};

/* One subcommand: the table main dispatches on, and that --help, the
 * manual page and the shell completion are generated from. */
typedef struct cli_command {
	const char *name;
	int (*fn)(const options *opt);
	int flags;         /* CLI_MULTI, CLI_VARY, CLI_PLAN, CLI_RAW */
	const char *usage; /* synopsis, lines joined by newlines */
	const char *help;  /* what it does */
} cli_command;

/* The subcommands, ended by a NULL name (src/cli/commands.c). */
extern const cli_command cli_commands[];

/* The shared options of --help, one "  OPTION  description" per line,
 * continuation lines indented (src/cli/commands.c). */
extern const char cli_options_text[];

/* The exit codes paragraph of --help (src/cli/commands.c). */
extern const char cli_exit_text[];

/* The options of promocap erlang, in the layout of cli_options_text
 * (src/cli/erlang.c). */
extern const char cli_erlang_options[];

/* Prints the version, the git commit it was built from and the libraries
 * (src/cli/version.c).  Returns 0 or -1 on a write error. */
int cli_version(FILE *out);

/* The version alone, "0.1.0" (src/cli/version.c). */
const char *cli_version_number(void);

/* Writes the manual page promocap.1 (roff, man macros) generated from the
 * tables above and the scenario key table (src/cli/manual.c).  Returns 0
 * or -1 on a write error. */
int cli_manpage(FILE *out);

/* Writes the bash completion script, from the same tables (commands, each
 * command's options, --vary keys, --format and --lang values).  Returns 0
 * or -1 on a write error. */
int cli_completion_bash(FILE *out);

/* Parses argv[2..] into *opt, for a command that accepts what flags say.
 * Returns EXIT_OK or EXIT_USAGE (message printed). */
int cli_parse_options(int argc, char **argv, int flags, options *opt);

/* Prints "promocap: " fmt (with one string argument) on stderr; returns code. */
int cli_fail(int code, const char *fmt, const char *arg);

/* A whole number in [lo, hi], or -1. */
long long cli_parse_whole(const char *s, long long lo, long long hi);

/* Replications that check a suggested action (common random numbers
 * with the run: its first ones). */
#define CLI_VERDICT_REPS 4

/* Computes the verdict of res, checks its actions by simulation and,
 * when print, prints it on stdout (src/cli/verdict.c); cli_verdict_of gives
 * it back.  Returns EXIT_OK or EXIT_RUN. */
int cli_print_verdict(const options *opt, const pc_result *res, int print);

/* The verdict cli_print_verdict last printed, when it was for res (its
 * actions checked, for the review pack); else NULL. */
const pc_verdict *cli_verdict_of(const pc_result *res);

/* Loads opt->scenario, printing "file:line: message" on failure.  Returns
 * EXIT_OK or EXIT_USAGE. */
int cli_load(const options *opt, pc_scenario *sc);

/* Makes the output folder (mkdir -p) and locks it for this process:
 * flock on DIR/.promocap.lock (which holds the locker's PID and goes when
 * the lock is released; a killed run leaves it, unlocked), so that two
 * runs never mix their files in one folder.  A second writer is refused
 * at once: "'DIR' is in use by another promocap run (process N): ...".
 * Returns EXIT_OK with *lock the descriptor to give cli_close_outdir,
 * or EXIT_USAGE (message printed) with *lock -1. */
int cli_open_outdir(const char *dir, int *lock);

/* Releases the lock of cli_open_outdir on dir (lock -1: none) and removes
 * the lock file. */
void cli_close_outdir(const char *dir, int lock);

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

/* Fills the file at path (a temporary of cli_write_atomic_path): returns 0 or
 * non-zero on failure. */
typedef int (*cli_path_writer)(const void *ctx, const char *path);

/* cli_write_atomic for a writer that needs a file name rather than a stream
 * (libxlsxwriter's workbook): write fills DIR/.NAME.PID.tmp by name, which
 * is then flushed to disk and renamed over DIR/NAME.  Returns EXIT_OK or
 * EXIT_RUN (message printed). */
int cli_write_atomic_path(const char *dir, const char *name, cli_path_writer write, const void *ctx);

/* cli_write_atomic for one table of pc_output_tables; with bom, the table
 * starts with a UTF-8 byte-order mark (for Excel: Chinese text then shows
 * as such). */
int cli_write_table(const char *dir, const pc_output_table *t, const pc_result *res);
int cli_write_table_bom(const char *dir, const pc_output_table *t, const pc_result *res, int bom);

/* Writes DIR/report.xlsx, the run's workbook, atomically (unless
 * --no-xlsx).  Returns EXIT_OK or EXIT_RUN (message printed). */
int cli_write_workbook(const options *opt, const pc_result *res);

/* Whether promocap writes a file of this name into -o DIR. */
int cli_own_output(const char *name);

/* Removes DIR/.NAME.PID.tmp files that a killed run left (NAME one of
 * promocap's outputs, PID a process that no longer exists).  Nothing else
 * in DIR is ever removed. */
void cli_clean_stale(const char *dir);

/* Refuses a command whose estimated memory (mem) is above the limit
 * (--max-memory, or half the machine's RAM), before anything runs: "FILE:
 * the WHAT needs about ... above the limit of ...".  Returns EXIT_OK or
 * EXIT_USAGE (message printed). */
int cli_check_memory(const options *opt, const char *file, const char *what, const pc_memory *mem);

/* The memory limit of a run without --max-memory: half the machine's RAM,
 * or 8 GiB when the system does not say. */
double cli_default_max_memory(void);

/* Applies --seed and --reps to a loaded scenario, as if written in it.
 * Returns EXIT_OK or EXIT_USAGE (message printed). */
int cli_apply_overrides(const options *opt, pc_scenario *sc);

/* The output folder of scenario i of a list run one by one (sweep over
 * several scenarios, compare --each): DIR/NAME, NAME the file's name
 * without its folder and .ini, made unique with _2, _3 against the
 * earlier ones of names[0..n) (each the start of a list entry).  Returns
 * 0, or -1 when it does not fit in n bytes. */
int cli_list_dir(const char *dir, const char *const *files, int i, char *buf, size_t n);

/* Prints "promocap: " and the error record on stderr; returns code. */
int cli_fail_error(int code, const pc_error *err);

/* The progress bar: drawn on stderr when it is a terminal and not --quiet,
 * at most ten times a second. */
typedef struct cli_progress {
	int on;
	double t0, last;
	int drawn;
	int ranks; /* MPI ranks sharing the tasks (shown when above 1) */
	int quiet;
} cli_progress;

void cli_progress_init(cli_progress *p, int quiet);
/* A pc_progress_fn: user is the cli_progress. */
void cli_progress_report(void *user, const pc_progress *pr);
/* The MPI ranks sharing the tasks: shown on the bar, which under mpirun
 * is drawn when mpirun runs on a terminal. */
void cli_progress_ranks(cli_progress *p, int ranks);
/* Clears the bar's line. */
void cli_progress_done(cli_progress *p);

/* Ctrl-C (SIGINT) and SIGTERM during an experiment: both signals are
 * blocked in every thread and a watcher thread waits for them with
 * sigwait and sets flag, which asks the experiment to stop.  No handler,
 * no global. */
typedef struct cli_stop {
	atomic_int flag;
	pthread_t watcher;
	int active;          /* flag is watched */
	struct cli_job *job; /* the job's watcher sets flag (no thread of its own) */
} cli_stop;

/* Starts watching (before any worker thread exists, so they inherit the
 * blocked signals); in an MPI job of several ranks (job not NULL) the
 * job's watcher sets the flag instead.  Returns 0, or -1 if the watcher
 * cannot start (then Ctrl-C just ends the program as usual). */
int cli_stop_init(cli_stop *s, struct cli_job *job);
/* Stops the watcher; the signals stay blocked until the program ends. */
void cli_stop_release(cli_stop *s);

/* An MPI job of several ranks: SIGINT, SIGTERM and SIGHUP are blocked
 * before MPI starts its threads and one watcher serves the whole process.
 * A SIGTERM from the parent (mpirun or orted) means the runtime ends the
 * job (a rank died): torn is set to PC_CLUSTER_TORN_DOWN (and the armed
 * stop flag too), and rank 0 says so and leaves within a second.  Other
 * signals: on rank 0 they stop the running sweep or comparison as without
 * MPI, or end the process as usual; on the other ranks they are reported
 * to rank 0 (signal), which ends the job naming the tasks of that rank. */
typedef struct cli_job {
	int rank;
	atomic_int signal;
	atomic_int torn;
	pthread_mutex_t lock;
	atomic_int *stop; /* under lock: the running command's stop flag */
	pthread_t watcher;
	int active;
} cli_job;

/* Blocks the signals; call first in main.  Returns 0 or -1. */
int cli_job_block(sigset_t *old);
/* Starts the watcher of rank rank.  Returns 0 or -1. */
int cli_job_start(cli_job *j, int rank);
/* A pc_exec torn_down callback: prints the error and leaves (exit 1). */
void cli_job_torn_down(void *user, const pc_error *err);

/* Monotonic seconds. */
double cli_seconds_now(void);

/* Reads a whole file into a malloc'd buffer, NUL-terminated, its length in
 * *len; NULL if it cannot (src/cli/plot.c). */
char *cli_slurp(const char *path, size_t *len);

/* The subcommands, one file each. */
int cmd_run(const options *opt);
int cmd_check(const options *opt);
int cmd_plot(const options *opt);
int cmd_report(const options *opt);

/* The chart step of a run (src/cli/plot.c): once the tables are in
 * opt->outdir, renders the charts into it (unless --no-charts) and, with
 * --report, writes report.html.  Returns EXIT_OK, or EXIT_RUN with the
 * message printed (gnuplot missing or failing); the tables stay. */
int cli_charts(const options *opt, const pc_result *res);

/* Draws the charts of a list (ended by a NULL name; fit's: pc_fit_charts)
 * from the tables in opt->outdir into it, in the formats of --format and
 * SVG (for a page), shared among gnuplots as the run's are; nothing with
 * --no-charts.  Returns EXIT_OK or EXIT_RUN (messages printed); *missing
 * is set when gnuplot could not be found. */
int cli_draw_charts(const options *opt, const pc_plot_chart *charts, int *missing);

/* The most variables a script chart takes. */
#define CLI_CHART_VARS 48

/* Draws DIR/NAME with plots/SCRIPT.gp (sweep.gp, compare.gp), the script's
 * variables names[i] = values[i] (i < n, n <= CLI_CHART_VARS) and `out`
 * set to a temporary renamed into place when gnuplot succeeded.  Returns EXIT_OK,
 * or EXIT_RUN with the message printed (gnuplot missing or failing). */
int cli_script_chart(const char *dir, const char *script, const char *name, const char *const *names,
		     const char *const *values, int n);

/* cli_script_chart into opt->outdir as BASE.png, BASE.svg, ... for the
 * formats of --format (PNG and SVG by default), with the variables plots
 * (the scripts' folder, for style.gp), lang (--lang) and fmt (png, svg,
 * pdf) besides names; nothing with --no-charts or without -o.
 * n <= CLI_CHART_VARS - 3.  Returns EXIT_OK or EXIT_RUN. */
int cli_script_charts(const options *opt, const char *script, const char *base, const char *const *names,
		      const char *const *values, int n);
/* The review packs of plan, compare and sweep (src/cli/pack.c). */
#define CLI_PACK_MAX_CHARTS 32

/* A chart of a pack: DIR/NAME.svg, drawn before the pack is written. */
typedef struct cli_pack_chart {
	const char *name;
	const char *title_en, *title_zh;
} cli_pack_chart;

/* A pack writer of include/promocap/pack.h, what its plan, design,
 * comparison or sweep. */
typedef int (*cli_pack_fn)(const void *what, const pc_report_chart *charts, int ncharts, const char *lang,
			   const char *note, FILE *out);

/* With --report and -o DIR: writes DIR/report.html with write(what, ...)
 * atomically, the charts list[0..n) read from DIR (a chart not drawn says
 * so).  Returns EXIT_OK (also without --report) or EXIT_RUN (message
 * printed). */
int cli_write_pack(const options *opt, const cli_pack_chart *list, int n, cli_pack_fn write, const void *what);

/* As cli_write_pack, without --report: writes DIR/NAME (fit.html). */
int cli_write_page(const options *opt, const char *name, const cli_pack_chart *list, int n, cli_pack_fn write,
		   const void *what);

/* Fills list with the run's charts (pc_plot_charts), at most max; returns
 * how many. */
int cli_pack_run_charts(cli_pack_chart *list, int max);

int cmd_sweep(const options *opt);
int cmd_compare(const options *opt);
int cmd_plan(const options *opt);
int cmd_replan(const options *opt);

/* What a command adds to a plan's outputs (replan): a summary printed
 * before the plan's, and tables written into the plan's folder after its
 * own; either may be NULL.  Each returns 0, or an exit code. */
struct pc_plan;
typedef struct cli_plan_extra {
	int (*summary)(const void *ctx, const struct pc_plan *plan, FILE *out);
	int (*tables)(const void *ctx, const struct pc_plan *plan, const char *dir);
	const void *ctx;
	const char *note;  /* a sentence atop the review pack, or NULL */
} cli_plan_extra;

/* Plans sc as promocap plan does (its checks, summary, tables, workbook,
 * charts and review pack into opt->outdir), with extra's additions (NULL:
 * none).  Returns the exit code (src/cli/plan.c). */
int cli_plan_scenario(const options *opt, const pc_scenario *sc, const cli_plan_extra *extra);
int cmd_erlang(const options *opt);
int cmd_fit(const options *opt);
int cmd_backtest(const options *opt);

#endif
