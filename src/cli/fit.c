/* fit: promocap fit, a scenario learnt from the seller back end's exports
 * (reading, fitting and writing are in the library: promocap/fit.h). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "promocap/fit.h"

/* What fit.html is written from. */
typedef struct fit_what {
	const pc_fit *f;
	const char *source;
} fit_what;

static int write_fit_page(const void *what, const pc_report_chart *charts, int ncharts, const char *lang,
			  const char *note, FILE *out)
{
	const fit_what *w = what;

	return pc_fit_write_html(w->f, w->source, charts, ncharts, lang, note, out);
}

/* Draws the fit report's charts (unless --no-charts) and writes fit.html
 * with them.  EXIT_OK, or EXIT_RUN (message printed): fit.html is written
 * even when the charts could not be drawn, saying so. */
static int fit_page(const options *opt, const pc_fit *f, const char *source)
{
	pc_plot_chart charts[PC_PLOT_MAX_CHARTS + 1];
	cli_pack_chart list[PC_PLOT_MAX_CHARTS];
	fit_what what = { f, source };
	int n = pc_fit_charts(f, charts, PC_PLOT_MAX_CHARTS + 1), missing = 0, rc, r;

	rc = cli_draw_charts(opt, charts, &missing);
	if (!rc && !opt->no_charts && !opt->quiet)
		printf("charts written to %s/\n", opt->outdir);
	for (int i = 0; i < n; i++) {
		list[i].name = charts[i].name;
		list[i].title_en = charts[i].title_en;
		list[i].title_zh = charts[i].title_zh;
	}
	r = cli_write_page(opt, "fit.html", list, n, write_fit_page, &what);
	return rc ? rc : r;
}

int cmd_fit(const options *opt)
{
	pc_fit_input in;
	pc_fit_map map;
	pc_fit_data d;
	pc_fit f;
	pc_error err;
	char source[4200];
	int rc, lock = -1;

	pc_error_clear(&err);
	if (opt->scenario)
		return cli_fail(EXIT_USAGE, "fit takes no scenario, got '%s' (--orders, --refunds, -o DIR)",
				opt->scenario);
	if (!opt->fit_file[0] || !opt->fit_file[1])
		return cli_fail(EXIT_USAGE, "%s", "fit needs --orders ORDERS.csv and --refunds REFUNDS.csv");
	if (!opt->outdir)
		return cli_fail(EXIT_USAGE, "%s", "fit needs -o DIR for the scenario and the report");
	memset(&in, 0, sizeof in);
	in.orders = opt->fit_file[0];
	in.refunds = opt->fit_file[1];
	in.work = opt->fit_file[2];
	in.gbk = opt->gbk;
	in.from = in.to = -1;
	if ((opt->from != NULL) != (opt->to != NULL))
		return cli_fail(EXIT_USAGE, "%s", "'--from' and '--to' go together");
	if (opt->from && (pc_date_parse(opt->from, &in.from) || pc_date_parse(opt->to, &in.to) || in.to < in.from))
		return cli_fail(EXIT_USAGE, "%s", "'--from' and '--to' must be dates YYYY-MM-DD, --to not before --from");
	if (opt->fit_file[3]) {
		if ((rc = pc_fit_map_read(&map, opt->fit_file[3], &err)))
			return cli_fail_error(EXIT_USAGE, &err);
		in.map = &map;
	}
	if ((rc = pc_fit_read(&d, &in, &err)))
		return cli_fail_error(rc == PC_ENOMEM ? EXIT_RUN : EXIT_USAGE, &err);
	if ((rc = pc_fit_run(&f, &d, &err))) {
		pc_fit_data_release(&d);
		return cli_fail_error(EXIT_RUN, &err);
	}
	snprintf(source, sizeof source, "%s, %s%s%s", in.orders, in.refunds, in.work ? ", " : "",
		 in.work ? in.work : "");
	if ((rc = cli_open_outdir(opt->outdir, &lock)) == EXIT_OK) {
		if (pc_fit_write(&f, opt->outdir, source, &err) ||
		    pc_fit_write_charts(&f, opt->outdir, opt->lang ? opt->lang : "en", &err))
			rc = cli_fail_error(EXIT_RUN, &err);
		else
			rc = fit_page(opt, &f, source);
		cli_close_outdir(opt->outdir, lock);
	}
	if (!rc && !opt->quiet)
		printf("fitted %ld orders and %zu refunds: %s/scenario.ini, fit.txt, fit.csv, fit.html\n", f.orders,
		       d.nrefunds, opt->outdir);
	pc_fit_release(&f);
	pc_fit_data_release(&d);
	return rc;
}
