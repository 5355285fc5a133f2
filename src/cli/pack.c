/* pack: --report for plan, compare and sweep: DIR/report.html, the review
 * pack of the command, with the charts it drew embedded. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "promocap/pack.h"
#include "promocap/plot.h"

typedef struct pack_ctx {
	cli_pack_fn write;
	const void *what;
	const pc_report_chart *charts;
	int ncharts;
	const char *lang, *note;
} pack_ctx;

static int write_pack(const void *arg, FILE *out)
{
	const pack_ctx *c = arg;

	return c->write(c->what, c->charts, c->ncharts, c->lang, c->note, out);
}

int cli_write_pack(const options *opt, const cli_pack_chart *list, int n, cli_pack_fn write, const void *what)
{
	if (!opt->report || !opt->outdir)
		return EXIT_OK;
	return cli_write_page(opt, "report.html", list, n, write, what);
}

int cli_write_page(const options *opt, const char *name, const cli_pack_chart *list, int n, cli_pack_fn write,
		   const void *what)
{
	pc_report_chart charts[CLI_PACK_MAX_CHARTS];
	char *svg[CLI_PACK_MAX_CHARTS];
	char path[4200];
	int zh = opt->lang && !strcmp(opt->lang, "zh"), rc, drawn = 0;
	pack_ctx c;

	if (!opt->outdir)
		return EXIT_OK;
	if (n > CLI_PACK_MAX_CHARTS)
		n = CLI_PACK_MAX_CHARTS;
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s.svg", opt->outdir, list[i].name);
		charts[i].name = list[i].name;
		charts[i].title = zh ? list[i].title_zh : list[i].title_en;
		charts[i].svg = svg[i] = opt->no_charts ? NULL : cli_slurp(path, &charts[i].svg_len);
		drawn += svg[i] != NULL;
	}
	c.write = write;
	c.what = what;
	c.charts = charts;
	c.ncharts = n;
	c.lang = zh ? "zh" : "en";
	c.note = opt->no_charts ? (zh ? "图表未生成（--no-charts）" : "charts not drawn (--no-charts)")
		 : n && !drawn ? (zh ? "图表未生成（gnuplot 不可用）" : "charts not drawn: gnuplot not found or failing")
			       : NULL;
	rc = cli_write_atomic(opt->outdir, name, write_pack, &c);
	if (!rc && !opt->quiet)
		printf("report written to %s/%s\n", opt->outdir, name);
	for (int i = 0; i < n; i++)
		free(svg[i]);
	return rc;
}

int cli_pack_run_charts(cli_pack_chart *list, int max)
{
	int n = 0;

	for (const pc_plot_chart *c = pc_plot_charts; c->name && n < max; c++, n++) {
		list[n].name = c->name;
		list[n].title_en = c->title_en;
		list[n].title_zh = c->title_zh;
	}
	return n;
}
