/* pack_common: the review packs' shared parts: the verdict box, numbers,
 * KPI names, table cells. */
#include "pack_common.h"
#include "text.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/charts.h"
#include "promocap/spread.h"
#include "promocap/verdict.h"
#include "forecast_output.h"

const char *const pack_res_en[PC_NRES] = { "agents", "supervisors", "inspectors" };
const char *const pack_res_zh[PC_NRES] = { "退款专员", "主管", "仓库质检" };
const char *const pack_res_cap[PC_NRES] = { "Agents", "Supervisors", "Inspectors" };

/* ---- the verdict ---------------------------------------------------------- */

/* The verdict is built from the command's own met/missed figures and
 * written by pack_section_verdict, the one place to switch to a shared
 * verdict. */
void pack_v_add(pack_verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->n >= (int)(sizeof v->item / sizeof v->item[0]))
		return;
	va_start(ap, fmt);
	vsnprintf(v->item[v->n++], sizeof v->item[0], fmt, ap);
	va_end(ap);
}

void pack_section_verdict(const pc_page *p, const pack_verdict *v)
{
	const char *items[24];

	for (int i = 0; i < v->n; i++)
		items[i] = v->item[i];
	fputs("<section id=\"verdict\">", p->out);
	fprintf(p->out, "<h2>%s</h2>\n", W(p, "Verdict", "结论"));
	pc_page_verdict(p, v->ok, v->head, items, v->n);
	pc_page_section_end(p);
}

void pack_section_verdict_run(const pc_page *p, const pc_verdict *shared, const pack_verdict *v)
{
	const char *items[24];

	for (int i = 0; i < v->n; i++)
		items[i] = v->item[i];
	fputs("<section id=\"verdict\">", p->out);
	fprintf(p->out, "<h2>%s</h2>\n", W(p, "Verdict", "结论"));
	pc_page_verdict(p, v->ok, v->head, items, v->n);
	pc_page_section_end(p);
	pc_verdict_write_html_details(p->out, shared, p->zh ? "zh" : "en");
}

/* ---- small formats ---------------------------------------------------------- */

/* A share in percent: one decimal, three significant digits below 10%
 * (a dispute rate of 0.08% is not "0.1%"). */
void pack_fmt_pct(char *buf, size_t n, double v, int sign)
{
	if (fabs(v) < 10 && v != 0)
		snprintf(buf, n, sign ? "%+.3g" : "%.3g", v);
	else
		snprintf(buf, n, sign ? "%+.1f" : "%.1f", v);
}

/* A number that is not a share: thousands grouped from 1,000, three
 * significant digits below. */
void pack_fmt_num(char *buf, size_t n, double v)
{
	if (fabs(v) >= 1000)
		pc_page_grouped(buf, n, v);
	else
		snprintf(buf, n, "%.3g", v);
}

void pack_fmt_val(char *buf, size_t n, double v, const char *unit)
{
	char x[40];

	if (isnan(v)) {
		snprintf(buf, n, "n/a");
	} else if (!strcmp(unit, "%")) {
		pack_fmt_pct(x, sizeof x, v, 0);
		snprintf(buf, n, "%s%%", x);
	} else {
		pack_fmt_num(x, sizeof x, v);
		snprintf(buf, n, "%s %s", x, unit);
	}
}

void pack_fmt_val_apart(char *buf, size_t n, double v, double target, const char *unit)
{
	char t[64];

	pack_fmt_val(buf, n, v, unit);
	pack_fmt_val(t, sizeof t, target, unit);
	pc_text_apart(buf, n, t, v, target, unit, 3);
}

/* "92.1% (90.3–93.8)": the unit once. */
void pack_fmt_ci(char *buf, size_t n, double mean, double lo, double hi, const char *unit)
{
	char m[40];

	pack_fmt_val(m, sizeof m, mean, unit);
	if (isnan(lo) || isnan(hi) || isnan(mean)) {
		snprintf(buf, n, "%s", m);
	} else if (!strcmp(unit, "%")) {
		char l[24], h[24];

		pack_fmt_pct(l, sizeof l, lo, 0);
		pack_fmt_pct(h, sizeof h, hi, 0);
		snprintf(buf, n, "%s (%s–%s)", m, l, h);
	} else {
		char l[24], h[24];

		pack_fmt_num(l, sizeof l, lo);
		pack_fmt_num(h, sizeof h, hi);
		snprintf(buf, n, "%s (%s–%s)", m, l, h);
	}
}

void pack_fmt_target(char *buf, size_t n, double target, int is_max, const char *unit)
{
	char t[40];

	pack_fmt_val(t, sizeof t, target, unit);
	snprintf(buf, n, "%s %s", is_max ? "≤" : "≥", t);
}

void pack_money(char *buf, size_t n, double v)
{
	pc_page_grouped(buf, n, v);
}

/* A KPI's name in the page's language: its label, in Chinese the Chinese
 * name before it. */
void pack_kpi_name(const pc_page *p, const char *key, const char *label, char *buf, size_t n)
{
	const char *zh = p->zh ? pc_page_kpi_zh(key) : NULL;

	if (zh)
		snprintf(buf, n, "%s（%s）", zh, label);
	else
		snprintf(buf, n, "%s", label);
}

/* A KPI's short name for a column heading: in Chinese its Chinese name
 * alone when it has one. */
void pack_kpi_short(const pc_page *p, const char *key, const char *label, char *buf, size_t n)
{
	const char *zh = p->zh ? pc_page_kpi_zh(key) : NULL;

	snprintf(buf, n, "%s", zh ? zh : label);
}

/* "hh:mm"; past midnight as the next day's hour, 24:00 at midnight. */
void pack_clock_text(int sec, int is_end, char *buf, size_t n)
{
	int m = sec / 60;

	if (is_end && m == 24 * 60)
		snprintf(buf, n, "24:00");
	else
		snprintf(buf, n, "%02d:%02d", m / 60 % 24, m % 60);
}

void pack_date_text(const pc_scenario *sc, int day, char *buf, size_t n)
{
	pc_date_format(sc->day0 + day, buf, n);
}

void pack_th(const pc_page *p, const char *cls, const char *text)
{
	if (cls)
		fprintf(p->out, "<th class=\"%s\">", cls);
	else
		fputs("<th>", p->out);
	pc_page_escape(p->out, text);
	fputs("</th>", p->out);
}

void pack_td(const pc_page *p, const char *cls, const char *text)
{
	if (cls)
		fprintf(p->out, "<td class=\"%s\">", cls);
	else
		fputs("<td>", p->out);
	pc_page_escape(p->out, text);
	fputs("</td>", p->out);
}

/* A figure with its 95% CI on a second line, in a cell of class cls. */
void pack_td_ci(const pc_page *p, const char *cls, double mean, double lo, double hi, const char *unit)
{
	char m[48], ci[96];

	pack_fmt_val(m, sizeof m, mean, unit);
	fprintf(p->out, "<td class=\"%s\">", cls ? cls : "n");
	pc_page_escape(p->out, m);
	if (!isnan(mean) && !isnan(lo) && !isnan(hi)) {
		if (!strcmp(unit, "%")) {
			char l[40], h[40];

			pack_fmt_pct(l, sizeof l, lo, 0);
			pack_fmt_pct(h, sizeof h, hi, 0);
			snprintf(ci, sizeof ci, "%s–%s", l, h);
		} else {
			char l[24], h[24];

			pack_fmt_num(l, sizeof l, lo);
			pack_fmt_num(h, sizeof h, hi);
			snprintf(ci, sizeof ci, "%s–%s", l, h);
		}
		fputs("<br><span class=\"ci\">", p->out);
		pc_page_escape(p->out, ci);
		fputs("</span>", p->out);
	}
	fputs("</td>", p->out);
}

void pack_section_charts(const pc_page *p, const pc_report_chart *charts, int ncharts)
{
	if (ncharts <= 0)
		return;
	pc_page_section(p, "charts", "Charts", "图表");
	pc_page_charts(p, charts, ncharts);
	pc_page_section_end(p);
}

void pack_sources(const pc_page *p, const char *en, const char *zh)
{
	fputs("<p class=\"src\">", p->out);
	pc_page_escape(p->out, W(p, en, zh));
	fputs("</p>\n", p->out);
}

/* ---- the staff cost ---------------------------------------------------------- */

/* Splits a CSV line in place into at most max fields (quotes removed,
 * doubled quotes kept as one).  Returns the number of fields. */
static int csv_split(char *line, char **field, int max)
{
	int n = 0;
	char *r = line, *w = line;

	while (n < max) {
		field[n++] = w;
		if (*r == '"') {
			for (r++; *r; r++) {
				if (*r == '"' && r[1] == '"')
					*w++ = *r++;
				else if (*r == '"')
					break;
				else
					*w++ = *r;
			}
			if (*r == '"')
				r++;
		}
		while (*r && *r != ',' && *r != '\n' && *r != '\r')
			*w++ = *r++;
		if (*r != ',') {
			*w = '\0';
			break;
		}
		*w++ = '\0';
		r++;
	}
	return n;
}

/* The staff cost of a run's roster, as the workbook counts it: shifts.csv's
 * staff-hours times each resource's cost.  NaN when it cannot be read. */
double pack_roster_cost(const pc_result *res)
{
	char *buf = NULL, *line, *save = NULL, *f[16];
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	double cost = 0;
	int cres = -1, chours = -1, first = 1;

	if (!m)
		return NAN;
	if (pc_charts_shifts(res, m) != 0 || fclose(m) != 0) {
		free(buf);
		return NAN;
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int n = csv_split(line, f, 16);

		if (first) {
			for (int i = 0; i < n; i++) {
				if (!strcmp(f[i], "resource"))
					cres = i;
				if (!strcmp(f[i], "staff_hours"))
					chours = i;
			}
			first = 0;
			continue;
		}
		if (cres < 0 || chours < 0 || n <= cres || n <= chours || !*f[chours])
			continue;
		for (int q = 0; q < PC_NRES; q++)
			if (!strcmp(f[cres], pc_res_name((pc_res)q)))
				cost += strtod(f[chours], NULL) * res->sc->staff[q].cost;
	}
	free(buf);
	return cost;
}

void pack_result_verdict(const pc_page *p, const pc_result *res, const pc_verdict *vd, pack_verdict *v)
{
	int targets = vd->ntargets, missed = 0;
	double cost = pack_roster_cost(res);
	char a[64], b[64], c[64], name[200];

	for (int i = 0; i < vd->ntargets; i++) {
		const pc_verdict_target *t = &vd->target[i];

		if (t->met)
			continue;
		missed++;
		pack_kpi_name(p, t->key, t->label, name, sizeof name);
		pack_fmt_ci(a, sizeof a, t->mean, t->lo, t->hi, t->unit);
		pack_fmt_target(b, sizeof b, t->target, t->is_max, t->unit);
		if (t->by_interval && t->worst_interval >= 0) {
			pack_fmt_ci(c, sizeof c, t->worst_int, NAN, NAN, t->unit);
			pack_v_add(v, W(p, "%s: %s, target %s in every interval: missed (worst interval %s: %s)",
					"%s：%s，目标 %s（逐时段）：未达标（最差时段 %s：%s）"),
				   name, a, b, t->worst_when, c);
		} else if (t->by_day && t->worst_day >= 0) {
			pack_fmt_ci(c, sizeof c, t->worst, NAN, NAN, t->unit);
			pack_v_add(v, W(p, "%s: %s, target %s on every day: missed (worst day %s: %s)",
					"%s：%s，目标 %s（逐日）：未达标（最差一天 %s：%s）"),
				   name, a, b, t->worst_date, c);
		} else {
			pack_v_add(v, W(p, "%s: %s, target %s: missed", "%s：%s，目标 %s：未达标"), name, a, b);
		}
	}
	v->ok = !missed;
	if (!targets)
		snprintf(v->head, sizeof v->head, "%s", W(p, "The scenario sets no target", "场景未设服务目标"));
	else if (!missed && targets == 1)
		snprintf(v->head, sizeof v->head, "%s", W(p, "The target is met", "目标达标"));
	else if (!missed)
		snprintf(v->head, sizeof v->head, W(p, "All %d targets met", "%d 项目标全部达标"), targets);
	else if (targets == 1)
		snprintf(v->head, sizeof v->head, "%s", W(p, "The target is MISSED", "目标未达标"));
	else
		snprintf(v->head, sizeof v->head, W(p, "%d of %d targets MISSED", "%d / %d 项目标未达标"), missed, targets);
	if (!isnan(cost)) {
		pack_money(a, sizeof a, cost);
		pack_v_add(v, W(p, "Staff cost: %s CNY (staff-hours × each role's hourly cost)",
				"人力成本：%s 元（工时 × 各岗位每小时成本）"), a);
	}
}

/* ---- the forecast's spread ------------------------------------------------ */

/* The summary's words as a page shows them: "+-" as "±", ">=" as "≥",
 * "<=" as "≤". */
static void escape_typeset(FILE *out, const char *s)
{
	char buf[1024];
	size_t k = 0;

	for (; *s && k + 4 < sizeof buf; s++) {
		const char *t = NULL;

		if (s[0] == '+' && s[1] == '-')
			t = "±";
		else if (s[0] == '>' && s[1] == '=')
			t = "≥";
		else if (s[0] == '<' && s[1] == '=')
			t = "≤";
		if (t) {
			memcpy(buf + k, t, strlen(t));
			k += strlen(t);
			s++;
		} else {
			buf[k++] = *s;
		}
	}
	buf[k] = '\0';
	pc_page_escape(out, buf);
}

void pack_section_forecast(const pc_page *p, const pc_result *res, const pc_kpi *k, int nk, const pc_spread *s)
{
	const pc_scenario *sc = res->sc;
	char text[640], name[200];
	double lo, hi;
	int draws;

	if (!sc->forecast.on || !s)
		return;
	draws = nk > 0 ? s[0].draws : 0;
	pc_page_section(p, "forecast", "The forecast's spread", "预测的不确定性");
	fputs("<p>", p->out);
	if (p->zh)
		fprintf(p->out, "%d 次预测抽样，每次 %d 次重复模拟：", draws, PC_FC_RUNS_PER_DRAW);
	else
		fprintf(p->out, "%d draws of the forecast, %d replications each: ", draws, PC_FC_RUNS_PER_DRAW);
	for (int key = 0, first = 1; key < PC_NFC; key++) {
		if (sc->forecast.key[key].kind == PC_FC_NONE)
			continue;
		snprintf(name, sizeof name, "%s%s = ", first ? "" : p->zh ? "，" : ", ", pc_fc_key_name((pc_fc_key)key));
		pc_page_escape(p->out, name);
		pc_page_escape(p->out, pc_fc_format_key((pc_fc_key)key, &sc->forecast.key[key], text, sizeof text));
		first = 0;
	}
	pc_output_refunds_range(res, &lo, &hi);
	if (!isnan(lo)) {
		if (p->zh)
			snprintf(text, sizeof text, "；退款 %.0f-%.0f 件（各抽样 gmv × rate / aov 的 P10-P90）。", lo, hi);
		else
			snprintf(text, sizeof text, "; refunds %.0f-%.0f (P10-P90 of gmv × rate / aov over the draws).", lo, hi);
		pc_page_escape(p->out, text);
	}
	fputs("</p>\n<ul>\n", p->out);
	for (int i = 0; i < nk; i++) {
		const char *zh = p->zh ? pc_page_kpi_zh(k[i].key) : NULL;

		if (!pc_output_spread_worded(&k[i]))
			continue;
		pc_output_spread_words(&k[i], &s[i], zh, p->zh, text, sizeof text);
		fputs("<li>", p->out);
		escape_typeset(p->out, text);
		fputs("</li>\n", p->out);
	}
	fputs("</ul>\n", p->out);
	pack_sources(p, "P10-P90 over the forecast draws with chance taken out; chance alone: half the P10-P90 of one replication at a fixed forecast; a target is met in a draw when the draw's mean meets it (docs/forecast.md).",
		     "P10-P90 为各预测抽样间的分位数（已剔除随机波动）；随机波动：预测固定时单次模拟 P10-P90 的一半；某次抽样的均值达到目标即记为达标（docs/forecast.md）。");
	pc_page_section_end(p);
}
