/* test_plot: the gnuplot input of every chart against golden files, quoting
 * that keeps scenario text from ever running in gnuplot, the scenario.csv
 * and shifts.csv tables, and the HTML escaping of the review pack.
 * UPDATE_GOLDEN=1 rewrites the golden files (look at the diff). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "check.h"
#include "promocap/charts.h"
#include "promocap/plot.h"
#include "promocap/report.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

#define GOLDEN "tests/data/plot"

/* Everything fn-like code wrote to a memory stream. */
typedef struct text {
	char *buf;
	size_t len;
	FILE *f;
} text;

static void text_open(text *t)
{
	t->buf = NULL;
	t->len = 0;
	t->f = open_memstream(&t->buf, &t->len);
}

static void text_close(text *t)
{
	fclose(t->f);
	t->f = NULL;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf) {
		size_t got = fread(buf, 1, (size_t)n, f);
		buf[got] = '\0';
	}
	fclose(f);
	return buf;
}

/* Compares got with the golden file (or rewrites it with UPDATE_GOLDEN). */
static void check_golden(const char *name, const char *got)
{
	char path[512];
	char *want;

	snprintf(path, sizeof path, GOLDEN "/%s", name);
	if (getenv("UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "w");
		CHECK(f != NULL, "cannot write %s", path);
		if (f) {
			fputs(got, f);
			fclose(f);
		}
		return;
	}
	want = slurp(path);
	CHECK(want != NULL, "golden file %s missing (UPDATE_GOLDEN=1 writes it)", path);
	if (want) {
		CHECK(!strcmp(want, got), "%s differs from the generated text:\n%s", path, got);
		free(want);
	}
}

static void test_golden(void)
{
	pc_plot_job job;
	pc_error err;
	text t;
	char name[128];

	memset(&job, 0, sizeof job);
	job.plots = "plots";
	job.tables = "out";
	job.lang = "en";
	job.title = "Double 11 2026, worked example";
	for (const pc_plot_chart *c = pc_plot_charts; c->name; c++) {
		char png[64], svg[64];

		snprintf(png, sizeof png, "out/%s.png", c->name);
		snprintf(svg, sizeof svg, "out/%s.svg", c->name);
		job.out[PC_PLOT_PNG] = png;
		job.out[PC_PLOT_SVG] = svg;
		text_open(&t);
		pc_error_clear(&err);
		CHECK(pc_plot_write(t.f, c->name, &job, &err) == 0, "chart %s: %s", c->name, err.msg);
		text_close(&t);
		snprintf(name, sizeof name, "%s.gp.golden", c->name);
		check_golden(name, t.buf);
		free(t.buf);
	}

	/* Chinese, PDF only, installed scripts, no title (read by the script). */
	memset(&job, 0, sizeof job);
	job.plots = "/usr/local/share/promocap/plots/";
	job.tables = "runs/d11";
	job.lang = "zh";
	job.out[PC_PLOT_PDF] = "runs/d11/.sla.42.tmp.pdf";
	text_open(&t);
	CHECK(pc_plot_write(t.f, "sla", &job, &err) == 0, "zh pdf");
	text_close(&t);
	check_golden("sla-zh-pdf.gp.golden", t.buf);
	free(t.buf);
	CHECK(pc_plot_charts[0].name && !strcmp(pc_plot_charts[0].name, "demand"), "demand first");
}

/* Text a hostile scenario name could smuggle in stays one single-quoted
 * literal: quotes doubled, backquotes and system() inert, a line break
 * turned into a space (it would end the command). */
static void test_quoting(void)
{
	pc_plot_job job;
	pc_error err;
	text t;

	memset(&job, 0, sizeof job);
	job.plots = "my 'plots'";
	job.tables = "it's `here`";
	job.lang = "en";
	job.title = "x' ; system('touch /tmp/pwned') ; y = '`touch /tmp/pwned2`\nprint \"@z\"";
	job.out[PC_PLOT_SVG] = "o'ut.svg";
	text_open(&t);
	CHECK(pc_plot_write(t.f, "backlog", &job, &err) == 0, "hostile text is written");
	text_close(&t);
	check_golden("hostile.gp.golden", t.buf);
	CHECK(strstr(t.buf, "scenario_name = 'x'' ; system(''touch /tmp/pwned'') ; y = ''`touch "
			    "/tmp/pwned2` print \"@z\"'\n") != NULL,
	      "the title is one literal:\n%s", t.buf);
	CHECK(strstr(t.buf, "dir = 'it''s `here`/'\n") != NULL, "tables folder quoted");
	CHECK(strstr(t.buf, "load 'my ''plots''/backlog.gp'\n") != NULL, "script path quoted");
	{
		int lines = 0;
		for (const char *p = t.buf; *p; p++)
			lines += *p == '\n';
		CHECK(lines == 8, "one line per command, got %d", lines);
	}
	free(t.buf);

	/* A path with a line break cannot be given to gnuplot at all. */
	job.title = NULL;
	job.tables = "out\nsystem('x')";
	text_open(&t);
	pc_error_clear(&err);
	CHECK(pc_plot_write(t.f, "sla", &job, &err) == PC_EINPUT, "line break in a path refused");
	text_close(&t);
	CHECK(!strcmp(err.msg, "gnuplot cannot take a path with a line break or control character, "
			       "got 'out?system('x')'"), "message: %s", err.msg);
	CHECK(t.len == 0, "nothing written for a refused job");
	free(t.buf);
}

static void test_refusals(void)
{
	pc_plot_job job;
	pc_error err;
	pc_plot_format f = PC_PLOT_PNG;
	text t;

	memset(&job, 0, sizeof job);
	job.plots = "plots";
	job.tables = "out";
	job.lang = "en";
	job.out[PC_PLOT_PNG] = "x.png";
	text_open(&t);
	pc_error_clear(&err);
	CHECK(pc_plot_write(t.f, "pie", &job, &err) == PC_EINPUT, "unknown chart");
	CHECK(!strcmp(err.msg, "unknown chart 'pie'"), "message: %s", err.msg);
	job.lang = "fr";
	pc_error_clear(&err);
	CHECK(pc_plot_write(t.f, "sla", &job, &err) == PC_EINPUT, "unknown language");
	CHECK(!strcmp(err.msg, "chart language must be en or zh, got 'fr'"), "message: %s", err.msg);
	job.lang = "zh";
	job.out[PC_PLOT_PNG] = NULL;
	pc_error_clear(&err);
	CHECK(pc_plot_write(t.f, "sla", &job, &err) == PC_EINPUT, "no format");
	CHECK(!strcmp(err.msg, "chart 'sla': no format asked for"), "message: %s", err.msg);
	text_close(&t);
	CHECK(t.len == 0, "nothing written for refused jobs");
	free(t.buf);

	CHECK(pc_plot_format_parse("svg", &f) == 0 && f == PC_PLOT_SVG, "svg parses");
	CHECK(pc_plot_format_parse("pdf", &f) == 0 && f == PC_PLOT_PDF, "pdf parses");
	CHECK(pc_plot_format_parse("PNG", &f) == PC_EINPUT && f == PC_PLOT_PDF, "PNG refused, f kept");
	CHECK(!strcmp(pc_plot_format_name(PC_PLOT_PNG), "png"), "png name");
}

/* Counts the lines of s that start with prefix. */
static int count_lines(const char *s, const char *prefix)
{
	int n = 0;
	size_t k = strlen(prefix);

	for (const char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		n += !strncmp(p, prefix, k);
	return n;
}

static void test_tables(void)
{
	pc_scenario sc;
	pc_result res;
	pc_error err;
	text t;
	char name[160];

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, "tests/data/sim/golden.ini", &err)) {
		CHECK(0, "cannot load golden.ini: %s", err.msg);
		return;
	}
	/* A name no CSV or gnuplot parser may take apart. */
	snprintf(sc.name, sizeof sc.name, "Double 11, \"best\" `touch x`");
	sc.sla_first_response.set = 0;
	if (pc_run(&sc, 7, 2, 1, &res, &err)) {
		CHECK(0, "run failed: %s", err.msg);
		pc_scenario_release(&sc);
		return;
	}

	text_open(&t);
	CHECK(pc_charts_scenario(&res, t.f) == 0, "scenario.csv written");
	text_close(&t);
	CHECK(!strncmp(t.buf, "\"key\",\"value\",\"unit\"\n", 21), "scenario.csv header");
	CHECK(strstr(t.buf, "\"name\",\"Double 11, \"\"best\"\" `touch x`\",\"text\"\n") != NULL,
	      "name quoted as CSV:\n%s", t.buf);
	CHECK(strstr(t.buf, "\"start\",\"2026-11-01 00:00\",\"datetime\"\n") != NULL, "start");
	CHECK(strstr(t.buf, "\"entry_opens\",\"2026-11-02 00:00\",\"datetime\"\n") != NULL, "entry opens");
	CHECK(strstr(t.buf, "\"response_timeout_hours\",48,\"h\"\n") != NULL, "timeout");
	CHECK(strstr(t.buf, "\"timeout_first\",\"2026-11-04 00:00\",\"datetime\"\n") != NULL, "first timeout");
	CHECK(strstr(t.buf, "\"sla_first_response_pct\",,\"%\"\n") != NULL, "unset target empty, not \"\"");
	CHECK(strstr(t.buf, "\"sla_all_done_within_hours\",120,\"h\"\n") != NULL, "all_done target");
	CHECK(strstr(t.buf, "\"gmv_cny\",300000,\"CNY\"\n") != NULL, "GMV in full");
	CHECK(count_lines(t.buf, "\"") == 38, "header and 37 figures, got %d lines", count_lines(t.buf, "\""));
	{
		FILE *in = fmemopen(t.buf, t.len, "r");
		CHECK(in && pc_charts_read_name(in, name, sizeof name) == 0, "name read back");
		CHECK(!strcmp(name, sc.name), "name round trip: '%s'", name);
		if (in)
			fclose(in);
		in = fmemopen(t.buf, t.len, "r");
		CHECK(in && pc_charts_read_name(in, name, 9) == 0 && !strcmp(name, "Double 1"),
		      "name truncated to fit: '%s'", name);
		if (in)
			fclose(in);
		in = fmemopen((char *)"\"key\",\"value\"\n\"file\",\"x\"\n", 25, "r");
		CHECK(in && pc_charts_read_name(in, name, sizeof name) == PC_EINPUT && !name[0],
		      "no name row");
		if (in)
			fclose(in);
	}
	free(t.buf);

	text_open(&t);
	CHECK(pc_charts_shifts(&res, t.f) == 0, "shifts.csv written");
	text_close(&t);
	{
		static const char head[] = "\"resource\",\"date\",\"shift\",\"start\",\"end\",\"headcount\","
					   "\"staff_hours\",\"busy_hours\",\"utilisation_pct\"\n";
		CHECK(!strncmp(t.buf, head, sizeof head - 1), "shifts.csv header:\n%.200s", t.buf);
	}
	/* 15 days: agent day + evening, supervisor and inspector one shift each. */
	CHECK(count_lines(t.buf, "\"agent\"") == 30, "agent rows: %d", count_lines(t.buf, "\"agent\""));
	CHECK(count_lines(t.buf, "\"agent\",\"2026-11-01\",\"day\",\"09:00\",\"18:00\",2,18,") == 1,
	      "agent day shift: 2 people, 18 staff-hours");
	CHECK(count_lines(t.buf, "\"agent\",\"2026-11-15\",\"evening\",\"18:00\",\"23:00\",2,10,") == 1,
	      "agent evening shift on the last day");
	CHECK(count_lines(t.buf, "\"supervisor\"") == 15 && count_lines(t.buf, "\"inspector\"") == 15,
	      "one shift each for supervisors and inspectors");
	free(t.buf);

	/* The review pack: every scenario text escaped, charts as images. */
	{
		pc_report_chart charts[2] = {
			{ "demand", "Demand <b>", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", 46 },
			{ "sla", "SLA", NULL, 0 },
		};
		snprintf(sc.name, sizeof sc.name, "<script>alert('x')</script> & co");
		text_open(&t);
		CHECK(pc_report_write(&res, charts, 2, "zh", "note <i>", t.f) == 0, "report written");
		text_close(&t);
		CHECK(strstr(t.buf, "<script") == NULL, "no script element");
		CHECK(strstr(t.buf, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co") != NULL,
		      "name escaped");
		CHECK(strstr(t.buf, "note &lt;i&gt;") != NULL, "note escaped");
		CHECK(strstr(t.buf, "Demand &lt;b&gt;") != NULL, "chart title escaped");
		CHECK(strstr(t.buf, "data:image/svg+xml;base64,\nPHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjwvc3ZnPg==\"")
		      != NULL, "SVG as base64");
		CHECK(strstr(t.buf, "图表未生成") != NULL, "missing chart said (zh)");
		CHECK(strstr(t.buf, "关键指标") != NULL && strstr(t.buf, "<html lang=\"zh-CN\">") != NULL,
		      "Chinese headings");
		CHECK(strstr(t.buf, "http") == NULL, "no network address in the page");
		CHECK(strstr(t.buf, "day 09:00–18:00") != NULL && strstr(t.buf, "evening 18:00–23:00") != NULL,
		      "shifts listed");
		free(t.buf);
	}
	{
		text_open(&t);
		pc_report_escape(t.f, "a<b>&\"c'");
		text_close(&t);
		CHECK(!strcmp(t.buf, "a&lt;b&gt;&amp;&quot;c&#39;"), "escape: %s", t.buf);
		free(t.buf);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
}

/* The what-if scripts get their variables as single-quoted strings: a
 * quote is doubled, a backquote stays text, a line break is refused. */
static void test_script(void)
{
	const char *names[] = { "data", "kpi" };
	const char *values[] = { "out/it's `touch x`/whatif.csv", "first_response_within" };
	const char *bad[] = { "out\nsystem('x')", "kpi" };
	const char *badname[] = { "da ta", "kpi" };
	pc_error err;
	text t;

	text_open(&t);
	pc_error_clear(&err);
	CHECK(pc_plot_write_script(t.f, "plots", "sweep", names, values, 2, &err) == 0, "script: written");
	text_close(&t);
	CHECK(t.buf && !strcmp(t.buf, "# promocap: sweep.gp\n"
				      "data = 'out/it''s `touch x`/whatif.csv'\n"
				      "kpi = 'first_response_within'\n"
				      "load 'plots/sweep.gp'\n"),
	      "script: quoted variables then load, got '%s'", t.buf ? t.buf : "");
	free(t.buf);
	text_open(&t);
	pc_error_clear(&err);
	CHECK(pc_plot_write_script(t.f, "plots", "sweep", names, bad, 2, &err) == PC_EINPUT,
	      "script: a line break in a value refused");
	pc_error_clear(&err);
	CHECK(pc_plot_write_script(t.f, "plots", "sweep", badname, values, 2, &err) == PC_EINPUT,
	      "script: a bad variable name refused");
	pc_error_clear(&err);
	CHECK(pc_plot_write_script(t.f, "plots", "../x", names, values, 2, &err) == PC_EINPUT,
	      "script: a script name with a path refused");
	text_close(&t);
	CHECK(t.len == 0, "script: nothing written when refused");
	free(t.buf);
}

/* Whether s holds a Chinese character (UTF-8 lead bytes 0xE4-0xE9 of the
 * CJK block). */
static int has_chinese(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xe4 && (unsigned char)*s <= 0xe9)
			return 1;
	return 0;
}

/* Every chart script, the run's and sweep's, compare's and plan's, loads
 * the house style and has its labels in Chinese beside the English: each
 * label goes through L(en, zh), and every script holds Chinese text. */
static void test_house_style(void)
{
	static const char *const others[] = { "sweep", "compare", "daily_sla", NULL };
	char path[256];
	int n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int i = 0;; i++) {
			const char *name = pass ? others[i] : pc_plot_charts[i].name;
			char *src;

			if (!name)
				break;
			snprintf(path, sizeof path, "plots/%s.gp", name);
			src = slurp(path);
			CHECK(src != NULL, "%s readable", path);
			if (!src)
				continue;
			n++;
			if (pass)
				CHECK(strstr(src, "load plots . 'style.gp'") != NULL, "%s loads the house style", path);
			else
				CHECK(strstr(src, "load plots . 'common.gp'") != NULL, "%s loads common.gp", path);
			CHECK(strstr(src, "L('") != NULL && has_chinese(src), "%s has labels in en and zh", path);
			CHECK(strstr(src, "set terminal") == NULL, "%s leaves the terminal to style.gp", path);
			free(src);
		}
	CHECK(n >= 11, "8 run charts and 3 others, got %d", n);
	/* common.gp itself takes the house style. */
	{
		char *src = slurp("plots/common.gp");
		CHECK(src && strstr(src, "load plots . 'style.gp'"), "common.gp loads style.gp");
		free(src);
	}
}

int main(void)
{
	gsl_set_error_handler_off();
	test_script();
	test_house_style();
	test_golden();
	test_quoting();
	test_refusals();
	test_tables();
	return check_done();
}
