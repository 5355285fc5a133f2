/* plot: gnuplot input for one chart: variables as single-quoted literals,
 * then a `load` of the chart's script from plots/ per format. */
#include "promocap/plot.h"

#include <string.h>

/* cost: CPU milliseconds/10 of the chart in PNG and SVG for double11 (one
 * gnuplot, start-up left out), which shares the charts among gnuplots. */
const pc_plot_chart pc_plot_charts[] = {
	{ "demand", "Demand and capacity", "需求与处理能力", 20, NULL },
	{ "targets", "Service targets: met or missed", "服务目标：达标与否", 13, NULL },
	{ "service_days", "Service level day by day", "每日服务水平", 11, NULL },
	{ "backlog", "Open refunds by state", "未完结退款（按状态）", 16, NULL },
	{ "sla", "Refunds completed within t", "退款完结时长分布", 14, NULL },
	{ "first_response", "First response time", "首次响应时长", 17, NULL },
	{ "segments", "The five return-refund segments", "退货退款五个时段", 11, NULL },
	{ "utilisation", "Utilisation per resource and shift", "各岗位各班次利用率", 12, NULL },
	{ NULL, NULL, NULL, 0, NULL }
};

static const char *const format_names[PC_PLOT_NFORMATS] = { "png", "svg", "pdf" };

const char *pc_plot_format_name(pc_plot_format f)
{
	return f >= 0 && f < PC_PLOT_NFORMATS ? format_names[f] : "?";
}

int pc_plot_format_parse(const char *text, pc_plot_format *f)
{
	for (int i = 0; i < PC_PLOT_NFORMATS; i++)
		if (text && !strcmp(text, format_names[i])) {
			*f = (pc_plot_format)i;
			return 0;
		}
	return PC_EINPUT;
}

/* 1 when s holds a control character (a line break would end the gnuplot
 * command and start another). */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* Writes s as a gnuplot single-quoted string: '' stands for a quote and
 * nothing else is special (no backquote, macro or escape expansion).
 * Control characters become spaces. */
static void quote(FILE *out, const char *s)
{
	fputc('\'', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'')
			fputs("''", out);
		else if (c < 0x20 || c == 0x7f)
			fputc(' ', out);
		else
			fputc(c, out);
	}
	fputc('\'', out);
}

static void assign(FILE *out, const char *var, const char *value)
{
	fprintf(out, "%s = ", var);
	quote(out, value);
	fputc('\n', out);
}

/* Writes dir/name.ext as one single-quoted string ("name.ext" for an
 * empty dir). */
static void quote_path(FILE *out, const char *dir, const char *name, const char *ext)
{
	size_t n = strlen(dir);

	fputc('\'', out);
	for (const char *s = dir; *s; s++) {
		if (*s == '\'')
			fputc('\'', out);
		fputc(*s, out);
	}
	if (n && dir[n - 1] != '/')
		fputc('/', out);
	fprintf(out, "%s%s'", name, ext);
}

/* "dir/" or "" for an empty dir: the scripts append file names to it. */
static void assign_dir(FILE *out, const char *var, const char *dir)
{
	fprintf(out, "%s = ", var);
	quote_path(out, dir, "", "");
	fputc('\n', out);
}

int pc_plot_write(FILE *out, const char *chart, const pc_plot_job *job, pc_error *err)
{
	const pc_plot_chart *c;

	for (c = pc_plot_charts; c->name && strcmp(c->name, chart ? chart : ""); c++)
		;
	if (!c->name) {
		pc_error_set(err, NULL, 0, "unknown chart '%s'", chart ? chart : "");
		return PC_EINPUT;
	}
	return pc_plot_write_chart(out, c, job, err);
}

int pc_plot_write_chart(FILE *out, const pc_plot_chart *c, const pc_plot_job *job, pc_error *err)
{
	const char *paths[2 + PC_PLOT_NFORMATS], *chart = c->name;
	int nformats = 0;

	if (c->script && strspn(c->script, "abcdefghijklmnopqrstuvwxyz_") != strlen(c->script)) {
		pc_error_set(err, NULL, 0, "bad gnuplot script '%s'", c->script);
		return PC_EINPUT;
	}
	if (!job->lang || (strcmp(job->lang, "en") && strcmp(job->lang, "zh"))) {
		pc_error_set(err, NULL, 0, "chart language must be en or zh, got '%s'",
			     job->lang ? job->lang : "");
		return PC_EINPUT;
	}
	paths[0] = job->plots;
	paths[1] = job->tables;
	for (int f = 0; f < PC_PLOT_NFORMATS; f++) {
		paths[2 + f] = job->out[f];
		nformats += job->out[f] != NULL;
	}
	if (!nformats) {
		pc_error_set(err, NULL, 0, "chart '%s': no format asked for", chart);
		return PC_EINPUT;
	}
	for (int i = 0; i < 2 + PC_PLOT_NFORMATS; i++) {
		if (i < 2 && !paths[i]) {
			pc_error_set(err, NULL, 0, "chart '%s': no %s folder given", chart,
				     i ? "tables" : "plots");
			return PC_EINPUT;
		}
		if (paths[i] && has_control(paths[i])) {
			pc_error_set(err, NULL, 0,
				     "gnuplot cannot take a path with a line break or control character, got '%s'",
				     paths[i]);
			return PC_EINPUT;
		}
	}

	fprintf(out, "# promocap: chart '%s' (%s)\n", c->name, c->title_en);
	assign_dir(out, "dir", job->tables);
	assign(out, "lang", job->lang);
	assign_dir(out, "plots", job->plots);
	if (job->title)
		assign(out, "scenario_name", job->title);
	if (c->script) {
		assign(out, "chart", c->name);
		assign(out, "chart_title", strcmp(job->lang, "zh") ? c->title_en : c->title_zh);
	}
	for (int f = 0; f < PC_PLOT_NFORMATS; f++) {
		if (!job->out[f])
			continue;
		assign(out, "fmt", format_names[f]);
		assign(out, "out", job->out[f]);
		fputs("load ", out);
		quote_path(out, job->plots, c->script ? c->script : c->name, ".gp");
		fputc('\n', out);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_plot_write_script(FILE *out, const char *plots, const char *script, const char *const *names,
			 const char *const *values, int n, pc_error *err)
{
	for (int i = 0; i < n; i++) {
		if (!names[i][0] || !strchr("abcdefghijklmnopqrstuvwxyz", names[i][0]) ||
		    strspn(names[i], "abcdefghijklmnopqrstuvwxyz_0123456789") != strlen(names[i])) {
			pc_error_set(err, NULL, 0, "bad gnuplot variable name '%s'", names[i]);
			return PC_EINPUT;
		}
		if (has_control(values[i])) {
			pc_error_set(err, NULL, 0,
				     "gnuplot cannot take a value with a line break or control character, got '%s'",
				     values[i]);
			return PC_EINPUT;
		}
	}
	if (has_control(plots) || has_control(script) ||
	    strspn(script, "abcdefghijklmnopqrstuvwxyz_") != strlen(script)) {
		pc_error_set(err, NULL, 0, "bad gnuplot script '%s'", script);
		return PC_EINPUT;
	}
	fprintf(out, "# promocap: %s.gp\n", script);
	for (int i = 0; i < n; i++)
		assign(out, names[i], values[i]);
	fputs("load ", out);
	quote_path(out, plots, script, ".gp");
	fputc('\n', out);
	return ferror(out) ? PC_EIO : 0;
}
