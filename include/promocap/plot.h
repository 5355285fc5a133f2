/* plot: the gnuplot input that renders one chart: it sets the variables a
 * script in plots/ reads (tables folder, language, format, output file) and
 * loads the script.  Written to a stream the caller opened (a pipe to
 * gnuplot, or a file for the golden tests); nothing here runs gnuplot. */
#ifndef PROMOCAP_PLOT_H
#define PROMOCAP_PLOT_H

#include <stdio.h>

#include "promocap/error.h"

/* The formats a chart is rendered in. */
typedef enum pc_plot_format {
	PC_PLOT_PNG,
	PC_PLOT_SVG,
	PC_PLOT_PDF,
	PC_PLOT_NFORMATS
} pc_plot_format;

/* One chart: plots/NAME.gp renders it into NAME.png, NAME.svg, NAME.pdf. */
typedef struct pc_plot_chart {
	const char *name;     /* "demand" */
	const char *title_en; /* heading in the review pack */
	const char *title_zh;
	int cost;             /* relative drawing time: the charts are shared
			       * among gnuplots by it */
	const char *script;   /* plots/SCRIPT.gp draws it, one script for
			       * several charts (fit_cdf.gp); NULL: NAME.gp */
} pc_plot_chart;

/* At most this many charts in one drawing (pc_plot_charts, fit's). */
#define PC_PLOT_MAX_CHARTS 32

/* The charts, in the order of the review pack, ended by an entry with
 * name == NULL. */
extern const pc_plot_chart pc_plot_charts[];

/* "png", "svg", "pdf" (the file extension and gnuplot's fmt value). */
const char *pc_plot_format_name(pc_plot_format f);

/* Parses "png", "svg" or "pdf" into *f.  Returns 0, or PC_EINPUT with *f
 * left alone. */
int pc_plot_format_parse(const char *text, pc_plot_format *f);

/* What one chart is rendered from and into.  Every string is borrowed. */
typedef struct pc_plot_job {
	const char *plots;   /* folder holding the .gp scripts */
	const char *tables;  /* folder holding the run's tables */
	const char *lang;    /* "en" or "zh" */
	const char *title;   /* the scenario's name for chart titles; NULL: the
			      * scripts read it from scenario.csv themselves */
	const char *out[PC_PLOT_NFORMATS]; /* output file per format; NULL:
					    * that format is not rendered */
} pc_plot_job;

/* Writes the gnuplot commands that render chart (a name of pc_plot_charts)
 * for job to out: the variables dir, lang, plots, scenario_name, then fmt
 * and out and a `load` of the script for each format asked for.  Every
 * string reaches gnuplot as a single-quoted literal ('' for a quote), in
 * which gnuplot expands neither backquotes nor macros, so no text from a
 * scenario or a path is ever run; control characters of the title become
 * spaces.  Returns 0; PC_EINPUT with err filled for an unknown chart, a
 * language other than en and zh, no format asked for, or a path with a
 * line break or other control character (gnuplot cannot take it); PC_EIO
 * when out fails.  out is borrowed, not closed. */
int pc_plot_write(FILE *out, const char *chart, const pc_plot_job *job, pc_error *err);

/* As pc_plot_write for a chart of any list (fit's charts: pc_fit_charts):
 * a chart with a script also gets the variables chart (its name) and
 * chart_title (title_en or title_zh by job->lang), and loads
 * plots/SCRIPT.gp instead of plots/NAME.gp.  Same returns. */
int pc_plot_write_chart(FILE *out, const pc_plot_chart *chart, const pc_plot_job *job, pc_error *err);

/* Writes the gnuplot input that runs the script plots/SCRIPT.gp (the
 * what-if and comparison charts: sweep.gp, compare.gp) with the variables
 * names[i] = values[i], i < n, each value passed as a single-quoted string
 * (no backquote or macro expansion).  Returns 0, or PC_EINPUT with err
 * filled for a name that is not [a-z][a-z0-9_]* or a value with a control
 * character. */
int pc_plot_write_script(FILE *out, const char *plots, const char *script, const char *const *names,
			 const char *const *values, int n, pc_error *err);

#endif
