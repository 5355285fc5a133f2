/* options: the option parser and helpers every subcommand shares. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "promocap/plot.h"

int cli_fail(int code, const char *fmt, const char *arg)
{
	char msg[4400];

	/* The argument is often a value or a path the user gave: no control
	 * character or stray byte of it reaches the terminal. */
	snprintf(msg, sizeof msg, fmt, arg);
	pc_text_sanitize(msg);
	fprintf(stderr, "promocap: %s\n", msg);
	return code;
}

/* A whole number 0..2^64-1, as the scenario's seed key takes it; -1 on
 * error. */
static int parse_seed(const char *s, uint64_t *seed)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*seed = (uint64_t)v;
	return 0;
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

int cli_parse_options(int argc, char **argv, int flags, options *opt)
{
	memset(opt, 0, sizeof *opt);
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--format") || !strcmp(a, "--lang")) {
			if (!v)
				return cli_fail(EXIT_USAGE, "option '%s' needs a value", a);
			i++;
			if (!strcmp(a, "--lang")) {
				if (strcmp(v, "en") && strcmp(v, "zh"))
					return cli_fail(EXIT_USAGE, "'--lang' must be en or zh, got '%s'", v);
				opt->lang = v;
			} else {
				pc_plot_format f;
				if (pc_plot_format_parse(v, &f))
					return cli_fail(EXIT_USAGE, "'--format' must be png, svg or pdf, got '%s'", v);
				opt->formats |= 1u << f;
			}
		} else if (!strcmp(a, "--no-charts")) {
			opt->no_charts = 1;
		} else if (!strcmp(a, "--report")) {
			opt->report = 1;
		} else if (!strcmp(a, "--no-xlsx")) {
			opt->no_xlsx = 1;
		} else if (!strcmp(a, "--bom")) {
			opt->bom = 1;
		} else if ((!strcmp(a, "--screen-reps") || !strcmp(a, "--budget") || !strcmp(a, "--relax") ||
			    !strcmp(a, "--confidence")) &&
			   !(flags & CLI_PLAN)) {
			return cli_fail(EXIT_USAGE, "option '%s' belongs to promocap plan", a);
		} else if (!strcmp(a, "-o") || !strcmp(a, "--reps") || !strcmp(a, "--seed") ||
			   !strcmp(a, "--threads") || !strcmp(a, "--max-memory") ||
			   (!strcmp(a, "--vary") && (flags & CLI_VARY)) ||
			   ((!strcmp(a, "--screen-reps") || !strcmp(a, "--budget") || !strcmp(a, "--relax") ||
			     !strcmp(a, "--confidence")) &&
			    (flags & CLI_PLAN))) {
			if (!v)
				return cli_fail(EXIT_USAGE, "option '%s' needs a value", a);
			i++;
			if (!strcmp(a, "--vary")) {
				if (opt->nvary == CLI_MAX_VARY)
					return cli_fail(EXIT_USAGE, "at most 16 --vary, got another one '%s'", v);
				opt->vary[opt->nvary++] = v;
			} else if (!strcmp(a, "-o")) {
				opt->outdir = v;
			} else if (!strcmp(a, "--reps")) {
				long long n = cli_parse_whole(v, 1, 10000);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--reps' must be a whole number 1..10000, got '%s'", v);
				opt->reps = (int)n;
			} else if (!strcmp(a, "--screen-reps")) {
				long long n = cli_parse_whole(v, 1, 10000);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--screen-reps' must be a whole number 1..10000, got '%s'", v);
				opt->screen_reps = (int)n;
			} else if (!strcmp(a, "--confidence")) {
				char *end;
				double x = strtod(v, &end);
				if (end != v && *end == '%' && !end[1])
					x /= 100, end++;
				else if (end != v && !*end && x > 1)
					end = (char *)v; /* 90 without a sign: refused, say 90% */
				if (end == v || *end || !(x > 0) || !(x < 1))
					return cli_fail(EXIT_USAGE, "'--confidence' must be a share above 0%% and below 100%%, such as 90%%, got '%s'", v);
				opt->confidence = x;
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
			} else if (!strcmp(a, "--max-memory")) {
				if (pc_memory_parse_size(v, &opt->max_memory))
					return cli_fail(EXIT_USAGE, "'--max-memory' must be a size such as 4G or 512M, got '%s'", v);
			} else if (!strcmp(a, "--seed")) {
				if (parse_seed(v, &opt->seed))
					return cli_fail(EXIT_USAGE,
							"'--seed' must be a whole number 0..18446744073709551615, got '%s'", v);
				opt->has_seed = 1;
			} else {
				long long n = cli_parse_whole(v, 1, 256);
				if (n < 0)
					return cli_fail(EXIT_USAGE, "'--threads' must be a whole number 1..256, got '%s'", v);
				opt->threads = (int)n;
			}
		} else if (!strcmp(a, "--events") && (flags & CLI_EVENTS)) {
			if (!v || !*v)
				return cli_fail(EXIT_USAGE, "%s", "'--events' needs a file prefix, e.g. --events out/log");
			opt->events = v;
			i++;
		} else if ((flags & CLI_REPLAN) && (!strcmp(a, "--actuals") || !strcmp(a, "--now"))) {
			if (!v || !*v)
				return cli_fail(EXIT_USAGE, "'%s' needs a value", a);
			if (!strcmp(a, "--now"))
				opt->now = v;
			else
				opt->fit_file[1] = v;
			i++;
		} else if (((flags & CLI_FIT) &&
			    (!strcmp(a, "--orders") || !strcmp(a, "--refunds") || !strcmp(a, "--work") ||
			     !strcmp(a, "--map") || !strcmp(a, "--encoding") || !strcmp(a, "--from") ||
			     !strcmp(a, "--to"))) ||
			   ((flags & CLI_REPLAN) &&
			    (!strcmp(a, "--orders") || !strcmp(a, "--map") || !strcmp(a, "--encoding"))) ||
			   ((flags & CLI_EVENTS) && !strcmp(a, "--encoding"))) {
			if (!v || !*v)
				return cli_fail(EXIT_USAGE, "'%s' needs a value", a);
			if (!strcmp(a, "--encoding")) {
				if (!strcmp(v, "gbk") || !strcmp(v, "GBK"))
					opt->gbk = 1;
				else if (strcmp(v, "utf-8") && strcmp(v, "UTF-8") && strcmp(v, "utf8"))
					return cli_fail(EXIT_USAGE, "'--encoding' must be utf-8 or gbk, got '%s'", v);
			} else if (!strcmp(a, "--from")) {
				opt->from = v;
			} else if (!strcmp(a, "--to")) {
				opt->to = v;
			} else {
				opt->fit_file[a[2] == 'o' ? 0 : a[2] == 'r' ? 1 : a[2] == 'w' ? 2 : 3] = v;
			}
			i++;
		} else if (!strcmp(a, "--roster") && (flags & CLI_ROSTER)) {
			if (!v || !*v)
				return cli_fail(EXIT_USAGE, "%s", "'--roster' needs a file, e.g. --roster rosters/last-year.csv");
			opt->roster = v;
			i++;
		} else if (!strcmp(a, "--quiet")) {
			opt->quiet = 1;
		} else if (!strcmp(a, "--stats")) {
			opt->stats = 1;
		} else if (!strcmp(a, "--keys")) {
			opt->keys = 1;
		} else if (!strcmp(a, "--each") && (flags & CLI_MULTI) && !(flags & CLI_VARY)) {
			/* compare --each A.ini B.ini --each C.ini D.ini: groups. */
			if (opt->nscenarios < CLI_MAX_SCENARIOS)
				opt->each[opt->nscenarios] = 1;
			opt->neach++;
		} else if (a[0] == '-' && a[1]) {
			return cli_fail(EXIT_USAGE, "unknown option '%s' (see promocap --help)", a);
		} else if (opt->scenario && !(flags & CLI_MULTI)) {
			return cli_fail(EXIT_USAGE, "one scenario at a time, got a second one '%s'", a);
		} else if (opt->nscenarios == CLI_MAX_SCENARIOS) {
			return cli_fail(EXIT_USAGE, "at most 256 scenarios, got another one '%s'", a);
		} else {
			if (!opt->scenario)
				opt->scenario = a;
			opt->scenarios[opt->nscenarios++] = a;
		}
	}
	if (opt->report && !opt->outdir)
		return cli_fail(EXIT_USAGE, "%s", "'--report' needs '-o DIR'");
	return EXIT_OK;
}

/* The file name of path without its folder and extension .ini. */
static void list_name(const char *path, char *buf, size_t n)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 4 && !strcmp(base + len - 4, ".ini"))
		len -= 4;
	if (len >= n)
		len = n - 1;
	memcpy(buf, base, len);
	buf[len] = '\0';
}

int cli_list_dir(const char *dir, const char *const *files, int i, char *buf, size_t n)
{
	char name[256], other[256], label[300];
	int same = 0, w;

	list_name(files[i], name, sizeof name);
	for (int j = 0; j < i; j++) {
		list_name(files[j], other, sizeof other);
		same += !strcmp(name, other);
	}
	if (same)
		snprintf(label, sizeof label, "%s_%d", name, same + 1);
	else
		snprintf(label, sizeof label, "%s", name);
	w = snprintf(buf, n, "%s/%s", dir, label);
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

int cli_fail_error(int code, const pc_error *err)
{
	char msg[2200];

	pc_error_format(err, msg, sizeof msg);
	pc_text_sanitize(msg);
	fprintf(stderr, "promocap: %s\n", msg);
	return code;
}

int cli_apply_overrides(const options *opt, pc_scenario *sc)
{
	pc_error err;
	char value[32];

	pc_error_clear(&err);
	if (opt->has_seed) {
		snprintf(value, sizeof value, "%llu", (unsigned long long)opt->seed);
		if (pc_scenario_set(sc, "simulation", "seed", value, &err))
			return cli_fail_error(EXIT_USAGE, &err);
	}
	if (opt->reps > 0) {
		snprintf(value, sizeof value, "%d", opt->reps);
		if (pc_scenario_set(sc, "simulation", "replications", value, &err))
			return cli_fail_error(EXIT_USAGE, &err);
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
		pc_error_format(&err, msg, sizeof msg);
		pc_text_sanitize(msg);
		fprintf(stderr, "promocap: %s\n", msg);
		return EXIT_USAGE;
	}
	/* Warnings: what the scenario leaves promocap to extend on its own. */
	for (const char *w = sc->warnings, *nl; *w; w = nl + 1) {
		nl = strchr(w, '\n');
		if (!nl)
			break;
		fprintf(stderr, "promocap: warning: %.*s\n", (int)(nl - w), w);
	}
	return EXIT_OK;
}

/* mkdir -p; the last component must end up a folder. */
int cli_make_dir(const char *path)
{
	char buf[4096];
	size_t n = strlen(path);
	struct stat st;

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
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

int cli_open_outdir(const char *dir, int *lock)
{
	char path[4200], msg[4400], pid[32] = "";
	int fd, n, held = 0;

	*lock = -1;
	if (cli_make_dir(dir))
		return cli_fail(EXIT_USAGE, "cannot create the output folder '%s'", dir);
	if (snprintf(path, sizeof path, "%s/.promocap.lock", dir) >= (int)sizeof path)
		return cli_fail(EXIT_USAGE, "cannot write into '%s': the path is too long", dir);
	for (;;) {
		struct stat a, b;

		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0) {
			snprintf(msg, sizeof msg, "cannot write '%s': %s", path, strerror(errno));
			return cli_fail(EXIT_USAGE, "%s", msg);
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			held = errno;
			break;
		}
		/* The holder removes the file as it lets go: a lock taken on a
		 * file no longer at path is no lock; take it again. */
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			break;
		close(fd);
	}
	if (held) {
		if (held == EWOULDBLOCK) {
			n = (int)pread(fd, pid, sizeof pid - 1, 0);
			pid[n > 0 ? n : 0] = '\0';
			pid[strspn(pid, "0123456789")] = '\0';
			snprintf(msg, sizeof msg,
				 "'%s' is in use by another promocap run%s%s%s: wait for it to finish, or "
				 "write into another folder",
				 dir, *pid ? " (process " : "", pid, *pid ? ")" : "");
		} else {
			snprintf(msg, sizeof msg, "cannot lock '%s': %s", path, strerror(held));
		}
		close(fd);
		return cli_fail(EXIT_USAGE, "%s", msg);
	}
	/* Who holds it, for the message of the next one. */
	n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) < 0)
		(void)0;
	*lock = fd;
	return EXIT_OK;
}

void cli_close_outdir(const char *dir, int lock)
{
	char path[4200];

	if (lock < 0)
		return;
	/* Removed while still held, so no one takes a lock on it after. */
	if (snprintf(path, sizeof path, "%s/.promocap.lock", dir) < (int)sizeof path)
		unlink(path);
	close(lock);
}

/* Files promocap writes into -o DIR besides the tables of
 * pc_output_tables.  The charts and the HTML report add their names here,
 * so that cli_clean_stale knows their temporaries too. */
/* What promocap writes into -o DIR besides the run's tables. */
static const char *const cli_extra_outputs[] = {
	"report.html", "report.xlsx", "fit.html", "sweep.csv", "whatif.csv", "compare.csv", "compare_scenarios.csv",
	"sla_compare.csv", "staffing.csv", "methods.csv", "headcount_vs_kpi.csv",
	"roster_agent.csv", "roster_supervisor.csv", "roster_inspector.csv", "backtest.csv",
	"backtest_daily.csv", "backtest.txt", "roster_derived.csv", "forecast.csv", "confidence.csv", NULL
};

int cli_own_output(const char *name)
{
	const char *dot = strrchr(name, '.');

	/* The charts: CHART.png, CHART.svg, CHART.pdf; the what-if and
	 * comparison charts whatif_KPI.EXT and sla_compare.EXT. */
	if (dot && (!strcmp(dot, ".png") || !strcmp(dot, ".svg") || !strcmp(dot, ".pdf")) &&
	    (!strncmp(name, "whatif_", 7) || !strncmp(name, "sla_compare.", 12) || !strncmp(name, "fit_", 4) ||
	     !strncmp(name, "backtest.", 9)))
		return 1;
	if (dot && (!strcmp(dot, ".png") || !strcmp(dot, ".svg") || !strcmp(dot, ".pdf")))
		for (const pc_plot_chart *c = pc_plot_charts; c->name; c++)
			if (strlen(c->name) == (size_t)(dot - name) && !strncmp(name, c->name, (size_t)(dot - name)))
				return 1;
	for (const pc_output_table *t = pc_output_tables; t->file; t++)
		if (!strcmp(name, t->file))
			return 1;
	for (const char *const *e = cli_extra_outputs; *e; e++)
		if (!strcmp(name, *e))
			return 1;
	return 0;
}

/* The process that wrote a temporary file .NAME.PID.tmp, when name has that
 * form and NAME is one of promocap's outputs, or gnuplot's messages
 * .gnuplot.PID.stderr; else 0. */
static long temp_owner(const char *name)
{
	size_t n = strlen(name);
	const char *dot;
	char own[256];
	long pid = 0;

	/* gnuplot's messages of a chart: .gnuplot.PID.stderr. */
	if (n > 16 && !strncmp(name, ".gnuplot.", 9) && !strcmp(name + n - 7, ".stderr")) {
		for (const char *p = name + 9; p < name + n - 7; p++) {
			if (*p < '0' || *p > '9' || pid > 100000000)
				return 0;
			pid = pid * 10 + (*p - '0');
		}
		return pid;
	}
	if (n < 8 || name[0] != '.' || strcmp(name + n - 4, ".tmp") || n - 5 >= sizeof own)
		return 0;
	memcpy(own, name + 1, n - 5);
	own[n - 5] = '\0';
	dot = strrchr(own, '.');
	if (!dot || !dot[1])
		return 0;
	for (const char *p = dot + 1; *p; p++) {
		if (*p < '0' || *p > '9' || pid > 100000000)
			return 0;
		pid = pid * 10 + (*p - '0');
	}
	own[dot - own] = '\0';
	return cli_own_output(own) ? pid : 0;
}

void cli_clean_stale(const char *dir)
{
	char path[4096];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		long pid = temp_owner(e->d_name);

		/* A live process (ours, or another run writing here now) keeps
		 * its file; only a dead writer's leftover goes. */
		if (pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
			unlink(path);
	}
	closedir(d);
}

/* "cannot write 'path': reason", exit 1; why 0: the reason is unknown
 * (a writer gave up, out of memory). */
static int write_failed(const char *path, int why)
{
	char msg[4400];

	if (why)
		snprintf(msg, sizeof msg, "cannot write '%s': %s", path, strerror(why));
	else
		snprintf(msg, sizeof msg, "cannot write '%s'", path);
	return cli_fail(EXIT_RUN, "%s", msg);
}

int cli_write_atomic(const char *dir, const char *name, cli_writer write, const void *ctx)
{
	char path[4096], tmp[4096];
	FILE *f;
	int rc, n1, n2, why;

	n1 = snprintf(path, sizeof path, "%s/%s", dir, name);
	n2 = snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
	if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof path || (size_t)n2 >= sizeof tmp)
		return cli_fail(EXIT_RUN, "cannot write into '%s': the path is too long", dir);
	if (!(f = fopen(tmp, "w")))
		return write_failed(tmp, errno);
	errno = 0;
	rc = write(ctx, f);
	/* The first error the stream met (a full disk shows at a write, or
	 * only at the flush). */
	why = ferror(f) ? (errno ? errno : EIO) : 0;
	/* On disk before the rename, so that even a machine that stops (not
	 * only a killed process) shows the old file or the whole new one. */
	if (!rc && !why && (fflush(f) || fsync(fileno(f)))) {
		rc = -1;
		why = errno;
	}
	if (fclose(f) && !why)
		why = errno ? errno : EIO;
	if (rc || why) {
		unlink(tmp);
		return write_failed(path, why);
	}
	if (rename(tmp, path)) {
		why = errno;
		unlink(tmp);
		return write_failed(path, why);
	}
	return EXIT_OK;
}

int cli_write_atomic_path(const char *dir, const char *name, cli_path_writer write, const void *ctx)
{
	char path[4096], tmp[4096];
	int fd, n1, n2, rc;

	n1 = snprintf(path, sizeof path, "%s/%s", dir, name);
	n2 = snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
	if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof path || (size_t)n2 >= sizeof tmp)
		return cli_fail(EXIT_RUN, "cannot write into '%s': the path is too long", dir);
	rc = write(ctx, tmp);
	/* On disk before the rename, as cli_write_atomic does. */
	if (!rc) {
		fd = open(tmp, O_RDONLY);
		if (fd < 0 || fsync(fd))
			rc = -1;
		if (fd >= 0 && close(fd))
			rc = -1;
	}
	if (rc || rename(tmp, path)) {
		unlink(tmp);
		return cli_fail(EXIT_RUN, "cannot write '%s'", path);
	}
	return EXIT_OK;
}

/* cli_writer for a table: ctx is the table, the result rides along. */
typedef struct table_job {
	const pc_output_table *t;
	const pc_result *res;
	int bom;
} table_job;

static int write_table(const void *ctx, FILE *f)
{
	const table_job *job = ctx;

	if (job->bom && fputs("\xEF\xBB\xBF", f) == EOF)
		return -1;
	return job->t->write(job->res, f);
}

int cli_write_table(const char *dir, const pc_output_table *t, const pc_result *res)
{
	return cli_write_table_bom(dir, t, res, 0);
}

int cli_write_table_bom(const char *dir, const pc_output_table *t, const pc_result *res, int bom)
{
	table_job job = { t, res, bom };

	return cli_write_atomic(dir, t->file, write_table, &job);
}

int cli_check_memory(const options *opt, const char *file, const char *what, const pc_memory *mem)
{
	double limit = opt->max_memory > 0 ? opt->max_memory : cli_default_max_memory();
	char need[64], have[64];

	if (mem->total <= limit)
		return EXIT_OK;
	pc_memory_format_size(mem->total, need, sizeof need);
	pc_memory_format_size(limit, have, sizeof have);
	fprintf(stderr,
		"promocap: %s: the %s needs about '%s' of memory (%.15g refunds and %.15g after-sales "
		"cases a replication, %d replication%s on %d thread%s), above the limit of %s%s; %s, "
		"or raise --max-memory\n",
		file, what, need, mem->refunds, mem->after_sales, mem->reps, mem->reps == 1 ? "" : "s",
		mem->threads, mem->threads == 1 ? "" : "s", have,
		opt->max_memory > 0 ? "" : " (half the machine's memory)",
		mem->reps > 1 ? "run fewer replications or threads" : "lower the demand");
	return EXIT_USAGE;
}

double cli_default_max_memory(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);

	if (pages <= 0 || size <= 0)
		return 8.0 * 1073741824.0;
	return (double)pages * (double)size / 2.0;
}

double cli_seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

