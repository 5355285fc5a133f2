/* plot: charts and the review pack: `promocap plot DIR` and the chart step
 * of `run` (and of `report`, a run with the review pack); gnuplot runs
 * behind a pipe, one process per chart, its stderr kept in a file so its
 * own errors reach the user. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "promocap/charts.h"
#include "promocap/plot.h"
#include "promocap/report.h"

/* The tables the chart scripts read. */
static const char *const chart_tables[] = {
	"scenario.csv", "intervals.csv", "sla.csv", "first_response.csv", "segments.csv",
	"shifts.csv", "kpis.csv", "daily.csv", NULL
};

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* 1 when dir holds the chart scripts. */
static int has_scripts(const char *dir)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/demand.gp", dir);
	return is_file(path);
}

/* The folder of the chart scripts: $PROMOCAP_PLOTS; else, next to the
 * binary, ../share/promocap/plots (installed) or ../plots (build/ of the
 * source tree); else ./plots.  Returns 0, or -1 with buf naming where
 * they were looked for last. */
static int find_plots(char *buf, size_t n)
{
	const char *env = getenv("PROMOCAP_PLOTS");
	char exe[2048];
	ssize_t len;

	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return has_scripts(buf) ? 0 : -1;
	}
	len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		char *slash;

		exe[len] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		snprintf(buf, n, "%s/../share/promocap/plots", exe);
		if (has_scripts(buf))
			return 0;
		snprintf(buf, n, "%s/../plots", exe);
		if (has_scripts(buf))
			return 0;
	}
	snprintf(buf, n, "plots");
	return has_scripts(buf) ? 0 : -1;
}

/* 1 when an executable gnuplot is on PATH. */
static int gnuplot_on_path(void)
{
	const char *path = getenv("PATH");
	char file[4200];

	if (!path)
		return 0;
	while (*path) {
		size_t len = strcspn(path, ":");

		snprintf(file, sizeof file, "%.*s/gnuplot", len ? (int)len : 1, len ? path : ".");
		if (access(file, X_OK) == 0 && is_file(file))
			return 1;
		path += len;
		if (*path == ':')
			path++;
	}
	return 0;
}

/* Whether a gnuplot message '"PATH" line N: ...' is about the script
 * chart.gp (or a script it loads: common.gp, style.gp). */
static int script_line_of(const char *line, const char *chart)
{
	const char *end = strchr(line + 1, '"');
	size_t n = strlen(chart);

	if (!end)
		return 1;
	for (const char *base = end; base > line + 1; base--)
		if (base[-1] == '/' || base - 1 == line + 1) {
			const char *name = base[-1] == '/' ? base : base - 1;
			size_t len = (size_t)(end - name);
			return (len == n + 3 && !strncmp(name, chart, n) && !strncmp(name + n, ".gp", 3)) ||
			       (len == 9 && !strncmp(name, "common.gp", 9)) ||
			       (len == 8 && !strncmp(name, "style.gp", 8));
		}
	return 1;
}

/* gnuplot's messages about chart, kept in file: each '"script" line N:
 * message' as it is; gnuplot's echo of the failing command ("gnuplot>
 * plot ...", often screens long) and its caret line are left out, the
 * script's line number says where.  Prints them under the headline when
 * print is set ("gnuplot gave no message" when there are none).  Returns
 * whether there was any. */
static int gnuplot_errors(const char *file, const char *chart, int print)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int any = 0;

	if (!f) {
		if (print)
			fprintf(stderr, "  (gnuplot gave no message)\n");
		return 0;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		char *s = line;

		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || !strncmp(s, "gnuplot>", 8) || strspn(s, " \t^") == strlen(s) ||
		    !strncmp(s, "promocap: drawn ", 16))
			continue;
		/* A gnuplot drawing several charts: the lines of this one. */
		if (chart && *s == '"' && !script_line_of(s, chart))
			continue;
		if (print)
			fprintf(stderr, "  %s\n", s);
		any = 1;
	}
	if (!any && print)
		fprintf(stderr, "  (gnuplot gave no message)\n");
	free(line);
	fclose(f);
	return any;
}

/* Starts gnuplot behind a pipe, its stderr going to errfile (in dir, named
 * after tag and our pid) so that its own messages can be reported.
 * Returns the pipe, or NULL with the message printed. */
static FILE *open_gnuplot(const char *dir, const char *tag, char *errfile, size_t n)
{
	FILE *pipe;
	int errfd, saved;

	snprintf(errfile, n, "%s/.gnuplot.%s.%ld.stderr", dir, tag, (long)getpid());
	errfd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (errfd < 0) {
		fprintf(stderr, "promocap: cannot write '%s': %s\n", errfile, strerror(errno));
		return NULL;
	}
	/* gnuplot inherits our stderr when popen starts it: point it at the
	 * file for that moment. */
	fflush(stderr);
	saved = dup(2);
	dup2(errfd, 2);
	pipe = popen("gnuplot", "w");
	dup2(saved, 2);
	close(saved);
	close(errfd);
	if (!pipe) {
		unlink(errfile);
		cli_fail(EXIT_RUN, "cannot start gnuplot: %s", strerror(errno));
	}
	return pipe;
}

/* Whether path holds a whole chart of format f, from its first and last
 * bytes: PNG from its signature to the IEND chunk, SVG to its closing
 * </svg>, PDF from %PDF- to %%EOF.  gnuplot exits 0 after a failed write
 * (a full disk), so its status alone does not prove a chart whole. */
static int chart_whole(const char *path, pc_plot_format f)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	static const unsigned char png_end[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
	unsigned char head[8], tail[1025];
	size_t nh, nt;
	long size;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return 0;
	nh = fread(head, 1, sizeof head, fp);
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, size > 1024 ? size - 1024 : 0, SEEK_SET) != 0) {
		fclose(fp);
		return 0;
	}
	nt = fread(tail, 1, sizeof tail - 1, fp);
	fclose(fp);
	while (f != PC_PLOT_PNG && nt > 0 && strchr(" \t\r\n", tail[nt - 1]) && tail[nt - 1])
		nt--;
	tail[nt] = '\0';
	switch (f) {
	case PC_PLOT_PNG:
		return nh == 8 && !memcmp(head, png_sig, 8) && nt >= 12 && !memcmp(tail + nt - 12, png_end, 12);
	case PC_PLOT_SVG:
		return nt >= 6 && !memcmp(tail + nt - 6, "</svg>", 6);
	default:
		return nh >= 5 && !memcmp(head, "%PDF-", 5) && nt >= 5 && !memcmp(tail + nt - 5, "%%EOF", 5);
	}
}

/* Why a chart came out cut off: a full disk (under 1 MiB left where it
 * was written) or gnuplot stopping short. */
static const char *chart_cut_reason(const char *dir)
{
	struct statvfs vfs;

	if (statvfs(dir, &vfs) == 0 && (double)vfs.f_bavail * (double)vfs.f_frsize < 1048576.0)
		return strerror(ENOSPC);
	return "gnuplot left it incomplete";
}

/* The format of a chart file by its name's extension. */
static pc_plot_format chart_format(const char *name)
{
	const char *dot = strrchr(name, '.');
	pc_plot_format f;

	if (dot && pc_plot_format_parse(dot + 1, &f) == 0)
		return f;
	return PC_PLOT_PNG;
}

/* What a render asks for. */
typedef struct render_job {
	const char *plots;   /* the scripts */
	const char *tables;  /* the tables */
	const char *outdir;  /* where the charts go */
	unsigned formats;    /* bit (1 << pc_plot_format) each */
	const char *lang;
	const char *title;   /* the scenario's name, NULL: from the tables */
	const pc_plot_chart *charts; /* ended by a NULL name; NULL: the run's */
} render_job;

/* One chart to draw: the files it writes, and whether it was drawn. */
typedef struct chart_draw {
	const pc_plot_chart *chart;
	char tmp[PC_PLOT_NFORMATS][4200], final[PC_PLOT_NFORMATS][4200];
	int want[PC_PLOT_NFORMATS];
} chart_draw;

/* One gnuplot drawing charts one after the other: the charts of a run are
 * shared among as many gnuplots as there are cores, so that each pays
 * gnuplot's start-up (cairo, fonts: about a third of a chart's time) once
 * and the cores work together.  After each chart gnuplot prints a line
 * "promocap: drawn NAME" into its stderr file when the chart's script ran
 * without an error (gnuplot, reading a pipe, abandons a script at its
 * first error and goes on with the next command), which says which
 * charts were drawn; a gnuplot that stops altogether leaves the charts
 * after the one it stopped in for another gnuplot. */
typedef struct chart_worker {
	FILE *pipe;          /* NULL: not running */
	chart_draw *draw[PC_PLOT_MAX_CHARTS];
	int n;
	char errfile[4200];
} chart_worker;

static const char drawn_mark[] = "promocap: drawn ";

/* The paths of one chart for rj. */
static void chart_paths(const render_job *rj, const pc_plot_chart *chart, chart_draw *cd)
{
	cd->chart = chart;
	for (int f = 0; f < PC_PLOT_NFORMATS; f++) {
		cd->want[f] = (rj->formats & (1u << f)) != 0;
		if (!cd->want[f])
			continue;
		snprintf(cd->final[f], sizeof cd->final[f], "%s/%s.%s", rj->outdir, chart->name,
			 pc_plot_format_name((pc_plot_format)f));
		snprintf(cd->tmp[f], sizeof cd->tmp[f], "%s/.%s.%s.%ld.tmp", rj->outdir, chart->name,
			 pc_plot_format_name((pc_plot_format)f), (long)getpid());
	}
}

/* Starts a gnuplot on w's charts and hands it their whole input without
 * waiting for it.  Returns EXIT_OK, or EXIT_RUN with the message printed
 * (no gnuplot started, or a chart refused by pc_plot_write). */
static int start_worker(const render_job *rj, chart_worker *w, int id)
{
	char tag[32];

	snprintf(tag, sizeof tag, "w%d", id);
	if (!(w->pipe = open_gnuplot(rj->outdir, tag, w->errfile, sizeof w->errfile)))
		return EXIT_RUN;
	for (int i = 0; i < w->n; i++) {
		chart_draw *cd = w->draw[i];
		pc_plot_job job;
		pc_error err;

		memset(&job, 0, sizeof job);
		job.plots = rj->plots;
		job.tables = rj->tables;
		job.lang = rj->lang;
		job.title = rj->title;
		for (int f = 0; f < PC_PLOT_NFORMATS; f++)
			job.out[f] = cd->want[f] ? cd->tmp[f] : NULL;
		pc_error_clear(&err);
		if (pc_plot_write_chart(w->pipe, cd->chart, &job, &err)) {
			char msg[2200];
			fprintf(stderr, "promocap: chart '%s': %s\n", cd->chart->name,
				pc_error_format(&err, msg, sizeof msg));
			/* gnuplot must not draw the rest with half an input. */
			fputs("exit status 1\n", w->pipe);
			break;
		}
		fprintf(w->pipe, "if (GPVAL_ERRNO == 0) { print '%s%s' } else { reset errors }\n", drawn_mark,
			cd->chart->name);
	}
	fflush(w->pipe);
	return EXIT_OK;
}

/* The script that draws a chart (its name without one). */
static const char *script_of(const pc_plot_chart *c)
{
	return c->script ? c->script : c->name;
}

/* Whether gnuplot's stderr file says it drew the chart name. */
static int was_drawn(const char *errfile, const char *name)
{
	FILE *f = fopen(errfile, "r");
	char line[512];
	size_t n = strlen(drawn_mark);
	int yes = 0;

	if (!f)
		return 0;
	while (!yes && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		yes = !strncmp(line, drawn_mark, n) && !strcmp(line + n, name);
	}
	fclose(f);
	return yes;
}

/* Whether gnuplot left any of cd's files. */
static int wrote_files(const chart_draw *cd)
{
	for (int f = 0; f < PC_PLOT_NFORMATS; f++)
		if (cd->want[f] && access(cd->tmp[f], F_OK) == 0)
			return 1;
	return 0;
}

/* Moves a drawn chart's files into place when whole; removes them when
 * not.  Returns 1 when the chart is in place, 0 (message printed) if not. */
static int place_chart(const render_job *rj, chart_draw *cd, int drawn)
{
	int ok = drawn;

	for (int f = 0; f < PC_PLOT_NFORMATS && ok; f++) {
		if (cd->want[f] && !chart_whole(cd->tmp[f], (pc_plot_format)f)) {
			fprintf(stderr, "promocap: cannot write '%s': %s\n", cd->final[f],
				chart_cut_reason(rj->outdir));
			ok = 0;
		}
	}
	for (int f = 0; f < PC_PLOT_NFORMATS; f++) {
		if (!cd->want[f])
			continue;
		if (ok && rename(cd->tmp[f], cd->final[f])) {
			fprintf(stderr, "promocap: cannot write '%s': %s\n", cd->final[f], strerror(errno));
			ok = 0;
		}
		unlink(cd->tmp[f]);
		if (!ok)
			unlink(cd->final[f]); /* no chart of older tables beside these */
	}
	return ok;
}

/* Waits for w's gnuplot and places the charts it drew.  The first chart
 * it did not draw failed: gnuplot's messages are printed; the charts after
 * it are left in w (w->n of them, from w->draw[0]) for another gnuplot.
 * Returns EXIT_OK, EXIT_RUN (a chart failed, messages printed) or 127 when
 * the shell could not start gnuplot. */
static int finish_worker(const render_job *rj, chart_worker *w)
{
	int status = pclose(w->pipe), rc = EXIT_OK, i;

	w->pipe = NULL;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		for (i = 0; i < w->n; i++)
			place_chart(rj, w->draw[i], 0);
		unlink(w->errfile);
		w->n = 0;
		return 127;
	}
	/* The charts in order: drawn, or failed (gnuplot's messages name the
	 * script); gnuplot ran on past a failed script when it exited 0. */
	for (i = 0; i < w->n; i++) {
		chart_draw *cd = w->draw[i];

		/* No "drawn" line, but files written and no message from
		 * gnuplot: its stderr file could not take the line (a full
		 * disk), or a gnuplot that exits 0 after a failed write; the
		 * files' own ends say whether the chart is whole. */
		if (was_drawn(w->errfile, cd->chart->name) ||
		    (wrote_files(cd) && !gnuplot_errors(w->errfile, script_of(cd->chart), 0))) {
			if (!place_chart(rj, cd, 1))
				rc = EXIT_RUN;
			continue;
		}
		fprintf(stderr, "promocap: gnuplot failed on chart '%s' (%s/%s.gp):\n", cd->chart->name,
			rj->plots, script_of(cd->chart));
		gnuplot_errors(w->errfile, script_of(cd->chart), 1);
		place_chart(rj, cd, 0);
		rc = EXIT_RUN;
		if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
			i++;
			break;
		}
	}
	unlink(w->errfile);
	/* The charts after a failed one: for another gnuplot. */
	memmove(w->draw, w->draw + i, (size_t)(w->n - i) * sizeof w->draw[0]);
	w->n -= i;
	return rc;
}

static const char no_gnuplot[] =
	"gnuplot not found on PATH: no charts drawn (install it: apt-get install gnuplot-nox; "
	"or pass --no-charts); the tables are in '%s'";

/* Renders every chart: the charts shared among one gnuplot per core
 * (at most one per chart), the costliest first, each to the gnuplot with
 * the least work so far; all started, then waited for.  Returns EXIT_OK or
 * EXIT_RUN (messages printed); *missing is set when gnuplot could not be
 * found. */
static int render_all(const render_job *rj, int *missing)
{
	static chart_draw draws[PC_PLOT_MAX_CHARTS];
	chart_worker workers[PC_PLOT_MAX_CHARTS];
	int load[PC_PLOT_MAX_CHARTS] = { 0 };
	int order[PC_PLOT_MAX_CHARTS];
	const pc_plot_chart *list = rj->charts ? rj->charts : pc_plot_charts;
	int rc = EXIT_OK, n = 0, nw, gone = 0;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	*missing = 0;
	if (!gnuplot_on_path()) {
		*missing = 1;
		return cli_fail(EXIT_RUN, no_gnuplot, rj->tables);
	}
	/* A gnuplot that dies early must not kill us with SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	for (const pc_plot_chart *c = list; c->name && n < PC_PLOT_MAX_CHARTS; c++, n++) {
		chart_paths(rj, c, &draws[n]);
		order[n] = n;
	}
	/* The costliest first (insertion sort, stable). */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && list[order[j]].cost > list[order[j - 1]].cost; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	nw = cores < 1 ? 1 : cores > n ? n : (int)cores;
	memset(workers, 0, sizeof workers);
	for (int i = 0; i < n; i++) {
		int best = 0;
		for (int k = 1; k < nw; k++)
			if (load[k] < load[best])
				best = k;
		workers[best].draw[workers[best].n++] = &draws[order[i]];
		load[best] += list[order[i]].cost;
	}
	for (int k = 0; k < nw; k++)
		if (start_worker(rj, &workers[k], k))
			rc = EXIT_RUN;
	for (int k = 0; k < nw; k++) {
		/* Charts a failed one left undrawn go to a new gnuplot, until
		 * every chart was drawn or failed itself. */
		while (workers[k].pipe) {
			int r = finish_worker(rj, &workers[k]);

			if (r == 127) {
				gone = 1;
				break;
			}
			if (r)
				rc = r;
			if (workers[k].n > 0 && start_worker(rj, &workers[k], k))
				rc = EXIT_RUN;
		}
	}
	if (gone) {
		for (int k = 0; k < nw; k++)
			if (workers[k].pipe) {
				finish_worker(rj, &workers[k]);
			}
		*missing = 1;
		return cli_fail(EXIT_RUN, no_gnuplot, rj->tables);
	}
	return rc;
}

static unsigned formats_of(const options *opt)
{
	unsigned f = opt->formats;

	if (!f)
		f = 1u << PC_PLOT_PNG | 1u << PC_PLOT_SVG;
	if (opt->report)
		f |= 1u << PC_PLOT_SVG;
	return f;
}

/* Reads a whole file into a malloc'd buffer (NUL-terminated, its length
 * in *len); NULL if it cannot. */
char *cli_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* Writes DIR/report.html through a temporary file renamed when whole. */
static int write_report(const options *opt, const pc_result *res, const char *note)
{
	pc_report_chart charts[16];
	char *svg[16];
	char path[4200], tmp[4200];
	int n = 0, rc;
	FILE *f;

	for (const pc_plot_chart *c = pc_plot_charts; c->name && n < 16; c++, n++) {
		snprintf(path, sizeof path, "%s/%s.svg", opt->outdir, c->name);
		charts[n].name = c->name;
		charts[n].title = opt->lang && !strcmp(opt->lang, "zh") ? c->title_zh : c->title_en;
		charts[n].svg_len = 0;
		charts[n].svg = svg[n] = note ? NULL : cli_slurp(path, &charts[n].svg_len);
	}
	snprintf(path, sizeof path, "%s/report.html", opt->outdir);
	snprintf(tmp, sizeof tmp, "%s/.report.html.%ld.tmp", opt->outdir, (long)getpid());
	if (!(f = fopen(tmp, "w"))) {
		fprintf(stderr, "promocap: cannot write '%s': %s\n", tmp, strerror(errno));
		rc = EXIT_RUN;
	} else {
		int why;

		errno = 0;
		rc = pc_report_write_verdict(res, cli_verdict_of(res), charts, n, opt->lang ? opt->lang : "en", note, f);
		why = ferror(f) || fflush(f) ? (errno ? errno : EIO) : 0;
		if (fclose(f) && !why)
			why = errno ? errno : EIO;
		if (!why && !rc && rename(tmp, path))
			why = errno;
		if (why || rc) {
			unlink(tmp);
			if (why)
				fprintf(stderr, "promocap: cannot write '%s': %s\n", path, strerror(why));
			else
				fprintf(stderr, "promocap: cannot write '%s'\n", path);
			rc = EXIT_RUN;
		} else if (!opt->quiet) {
			printf("report written to %s\n", path);
		}
	}
	for (int i = 0; i < n; i++)
		free(svg[i]);
	return rc;
}

int cli_charts(const options *opt, const pc_result *res)
{
	char plots[4096];
	render_job rj;
	int rc = EXIT_OK, missing = 0;

	if (!opt->outdir || (opt->no_charts && !opt->report))
		return EXIT_OK;
	if (!opt->no_charts) {
		if (find_plots(plots, sizeof plots))
			return cli_fail(EXIT_RUN, "no chart scripts in '%s' (set PROMOCAP_PLOTS to the plots/ folder)",
					plots);
		rj.plots = plots;
		rj.tables = opt->outdir;
		rj.outdir = opt->outdir;
		rj.formats = formats_of(opt);
		rj.lang = opt->lang ? opt->lang : "en";
		rj.title = res->sc->name;
		rj.charts = NULL;
		rc = render_all(&rj, &missing);
		if (!rc && !opt->quiet)
			printf("charts written to %s/\n", opt->outdir);
	}
	if (opt->report) {
		const char *note = opt->no_charts ? "charts not drawn (--no-charts)" :
				   missing ? "charts not drawn: gnuplot not found" : NULL;
		int r = write_report(opt, res, note);
		if (r)
			rc = r;
	}
	/* A killed run's gnuplot may finish its chart after our first sweep
	 * of the folder: its temporaries go now. */
	cli_clean_stale(opt->outdir);
	return rc;
}

int cmd_plot(const options *opt)
{
	const char *dir = opt->scenario;
	char plots[4096], path[4200], name[160];
	render_job rj;
	int rc, missing, lock = -1;
	FILE *f;

	if (!dir)
		return cli_fail(EXIT_USAGE, "%s", "no folder given: promocap plot DIR (a folder a run wrote)");
	if (opt->report || opt->no_charts)
		return cli_fail(EXIT_USAGE, "%s",
				"'plot' draws charts only; for the review pack use promocap report SCENARIO.ini -o DIR");
	for (const char *const *t = chart_tables; *t; t++) {
		snprintf(path, sizeof path, "%s/%s", dir, *t);
		if (!is_file(path))
			return cli_fail(EXIT_USAGE, "no table '%s': run promocap run SCENARIO.ini -o DIR first",
					path);
	}
	if (find_plots(plots, sizeof plots))
		return cli_fail(EXIT_RUN, "no chart scripts in '%s' (set PROMOCAP_PLOTS to the plots/ folder)",
				plots);
	if ((rc = cli_open_outdir(opt->outdir ? opt->outdir : dir, &lock)))
		return rc;
	snprintf(path, sizeof path, "%s/scenario.csv", dir);
	name[0] = '\0';
	if ((f = fopen(path, "r"))) {
		pc_charts_read_name(f, name, sizeof name);
		fclose(f);
	}
	rj.plots = plots;
	rj.tables = dir;
	rj.outdir = opt->outdir ? opt->outdir : dir;
	rj.formats = formats_of(opt);
	rj.lang = opt->lang ? opt->lang : "en";
	rj.title = name;
	rj.charts = NULL;
	rc = render_all(&rj, &missing);
	if (!rc && !opt->quiet)
		printf("charts written to %s/\n", rj.outdir);
	cli_close_outdir(rj.outdir, lock);
	return rc;
}

int cli_script_chart(const char *dir, const char *script, const char *name, const char *const *names,
		     const char *const *values, int n)
{
	char plots[4096], tmp[4200], final[4200], errfile[4200];
	const char *vn[CLI_CHART_VARS + 1], *vv[CLI_CHART_VARS + 1];
	pc_error err;
	FILE *pipe;
	int rc, status, ok, cut = 0;

	if (n > CLI_CHART_VARS)
		return cli_fail(EXIT_RUN, "%s", "too many chart variables");
	if (find_plots(plots, sizeof plots))
		return cli_fail(EXIT_RUN, "no chart scripts in '%s' (set PROMOCAP_PLOTS to the plots/ folder)",
				plots);
	if (!gnuplot_on_path())
		return cli_fail(EXIT_RUN, no_gnuplot, dir);
	snprintf(final, sizeof final, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
	for (int i = 0; i < n; i++) {
		vn[i] = names[i];
		vv[i] = values[i];
	}
	vn[n] = "out";
	vv[n] = tmp;
	signal(SIGPIPE, SIG_IGN);
	if (!(pipe = open_gnuplot(dir, "script", errfile, sizeof errfile)))
		return EXIT_RUN;
	pc_error_clear(&err);
	rc = pc_plot_write_script(pipe, plots, script, vn, vv, n + 1, &err);
	status = pclose(pipe);
	ok = rc == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	if (ok && !chart_whole(tmp, chart_format(name))) {
		fprintf(stderr, "promocap: cannot write '%s': %s\n", final, chart_cut_reason(dir));
		ok = 0;
		cut = 1;
	}
	if (ok && rename(tmp, final)) {
		fprintf(stderr, "promocap: cannot write '%s': %s\n", final, strerror(errno));
		ok = 0;
	}
	unlink(tmp);
	if (rc) {
		char msg[2200];
		fprintf(stderr, "promocap: chart '%s': %s\n", name, pc_error_format(&err, msg, sizeof msg));
	} else if (!ok && !cut) {
		fprintf(stderr, "promocap: gnuplot failed on chart '%s' (%s/%s.gp):\n", name, plots, script);
		gnuplot_errors(errfile, NULL, 1);
	}
	unlink(errfile);
	return ok ? EXIT_OK : EXIT_RUN;
}

int cli_script_charts(const options *opt, const char *script, const char *base, const char *const *names,
		      const char *const *values, int n)
{
	unsigned formats = formats_of(opt);
	const char *vn[CLI_CHART_VARS], *vv[CLI_CHART_VARS];
	char name[512], plots[4096];
	int rc = EXIT_OK;

	if (!opt->outdir || opt->no_charts || n > CLI_CHART_VARS - 3)
		return EXIT_OK;
	if (find_plots(plots, sizeof plots))
		return cli_fail(EXIT_RUN, "no chart scripts in '%s' (set PROMOCAP_PLOTS to the plots/ folder)",
				plots);
	/* The house style (plots/style.gp) and the labels' language. */
	strncat(plots, "/", sizeof plots - strlen(plots) - 1);
	for (int i = 0; i < n; i++) {
		vn[i] = names[i];
		vv[i] = values[i];
	}
	vn[n] = "plots";
	vv[n] = plots;
	vn[n + 1] = "lang";
	vv[n + 1] = opt->lang ? opt->lang : "en";
	vn[n + 2] = "fmt";
	for (int f = 0; f < PC_PLOT_NFORMATS && !rc; f++) {
		if (!(formats & (1u << f)))
			continue;
		vv[n + 2] = pc_plot_format_name((pc_plot_format)f);
		snprintf(name, sizeof name, "%s.%s", base, pc_plot_format_name((pc_plot_format)f));
		rc = cli_script_chart(opt->outdir, script, name, vn, vv, n + 3);
	}
	return rc;
}

int cli_draw_charts(const options *opt, const pc_plot_chart *charts, int *missing)
{
	char plots[4096];
	render_job rj;

	*missing = 0;
	if (!opt->outdir || opt->no_charts)
		return EXIT_OK;
	if (find_plots(plots, sizeof plots))
		return cli_fail(EXIT_RUN, "no chart scripts in '%s' (set PROMOCAP_PLOTS to the plots/ folder)",
				plots);
	rj.plots = plots;
	rj.tables = opt->outdir;
	rj.outdir = opt->outdir;
	rj.formats = formats_of(opt) | 1u << PC_PLOT_SVG;
	rj.lang = opt->lang ? opt->lang : "en";
	rj.title = "";
	rj.charts = charts;
	return render_all(&rj, missing);
}
