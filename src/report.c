/* report: the review pack as one HTML page: inputs, baseline against the
 * simulated roster, KPIs with CIs, charts as base64 SVG images. */
#include "promocap/report.h"
#include "promocap/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/dist.h"
#include "promocap/spread.h"
#include "forecast_output.h"
#include "pack_common.h"
#include "report_page.h"
#include "text.h"

#undef W /* the page has its own W below */

/* The page's words in English or Chinese (MODEL.md's terms). */
typedef struct words {
	int zh;
} words;

static const char *W(const words *w, const char *en, const char *zh)
{
	return w->zh ? zh : en;
}

void pc_report_escape(FILE *out, const char *s)
{
	pc_page_escape(out, s);
}

static void fmt_grouped(char *buf, size_t n, double v)
{
	pc_page_grouped(buf, n, v);
}

static void fmt_duration(char *buf, size_t n, double seconds)
{
	pc_dist_format_duration(seconds, buf, n);
}

/* <tr><th>label</th><td>value</td></tr>, both escaped. */
static void row2(FILE *out, const char *label, const char *value)
{
	fputs("<tr><th>", out);
	pc_report_escape(out, label);
	fputs("</th><td>", out);
	pc_report_escape(out, value);
	fputs("</td></tr>\n", out);
}

static void section_inputs(FILE *out, const pc_scenario *sc, const words *w)
{
	static const char *const path_zh[PC_NPATHS] = {
		"1 未发货仅退款", "2 已发货未收到货", "3 已收到货不退货", "4 退货退款"
	};
	static const char *const path_en[PC_NPATHS] = {
		"1 not shipped, refund only", "2 shipped, not received", "3 received, no return",
		"4 return and refund"
	};
	pc_baseline b = pc_baseline_compute(sc);
	char v[512], a[64], c[64], d1[16], d2[16];
	size_t k = 0;

	fprintf(out, "<section id=\"inputs\"><h2>%s</h2>\n<table>\n", W(w, "Key inputs", "关键输入"));
	pc_date_format(sc->day0, d1, sizeof d1);
	pc_date_format(sc->day0 + sc->sales_days - 1, d2, sizeof d2);
	snprintf(v, sizeof v, "%s – %s (%d %s)", d1, d2, sc->sales_days, W(w, "days", "天"));
	row2(out, W(w, "sales days", "销售期"), v);
	fmt_grouped(a, sizeof a, sc->gmv);
	snprintf(v, sizeof v, "%s CNY", a);
	row2(out, W(w, "GMV G", "成交额 G"), v);
	fmt_grouped(a, sizeof a, sc->aov);
	snprintf(v, sizeof v, "%s CNY", a);
	row2(out, W(w, "average order value A (客单价)", "客单价 A"), v);
	fmt_grouped(a, sizeof a, b.orders);
	snprintf(v, sizeof v, "N = G / A = %s", a);
	row2(out, W(w, "paid orders", "付款订单"), v);
	fmt_grouped(a, sizeof a, b.refunds);
	snprintf(v, sizeof v, "r = %.4g%%, R = G × r / A = %s", 100 * sc->refund_rate, a);
	row2(out, W(w, "refund rate, refund requests", "退款率、退款申请"), v);
	fmt_grouped(a, sizeof a, b.after_sales);
	snprintf(v, sizeof v, "%.4g%% × R = %s", 100 * sc->after_sales_ratio, a);
	row2(out, W(w, "after-sales claims and enquiries (售后)", "售后维权与咨询"), v);
	{
		char when[32];
		int64_t day = (int64_t)floor(sc->entry_opens / PC_DAY);
		int min = (int)floor((sc->entry_opens - (double)day * PC_DAY) / 60 + 1e-6);

		pc_date_format(sc->day0 + day, d1, sizeof d1);
		snprintf(when, sizeof when, "%s %02d:%02d", d1, min / 60, min % 60);
		row2(out, W(w, "refund entry opens", "退款入口开放"), when);
	}
	v[0] = '\0';
	for (int p = 0; p < PC_NPATHS; p++) {
		int m = snprintf(v + k, sizeof v - k, "%s%s %.3g%%", p ? " · " : "",
				 w->zh ? path_zh[p] : path_en[p], 100 * sc->path_mix[p]);
		if (m > 0 && (size_t)m < sizeof v - k)
			k += (size_t)m;
	}
	row2(out, W(w, "refund paths", "退款路径占比"), v);
	row2(out, W(w, "refund on signature (签收即退款)", "签收即退款"),
	     sc->refund_on_signature ? W(w, "yes", "是") : W(w, "no, inspect first", "否，先验货"));
	if (sc->response_timeout > 0) {
		fmt_duration(c, sizeof c, sc->response_timeout);
		snprintf(v, sizeof v, "%s %s", c, W(w, "(then approved automatically)", "（超时自动同意）"));
	} else {
		snprintf(v, sizeof v, "%s", W(w, "none", "无"));
	}
	row2(out, W(w, "seller response timeout", "卖家响应时限"), v);
	fmt_duration(c, sizeof c, sc->protection_period);
	row2(out, W(w, "platform protection period", "小二介入保护期"), c);
	{
		static const struct {
			size_t off;
			const char *en, *zh;
		} t[] = {
			{ offsetof(pc_scenario, sla_first_response), "first response", "首次响应" },
			{ offsetof(pc_scenario, sla_refund_only_done), "refund only done", "仅退款完结" },
			{ offsetof(pc_scenario, sla_return_paid), "return paid after warehouse arrival",
			  "退货到仓后退款" },
			{ offsetof(pc_scenario, sla_all_done), "all refunds done", "全部退款完结" },
			{ offsetof(pc_scenario, sla_supervisor_approval), "supervisor approval", "主管审批" },
		};
		k = 0;
		v[0] = '\0';
		for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
			const pc_sla_target *g = (const pc_sla_target *)((const char *)sc + t[i].off);
			int m;
			if (!g->set)
				continue;
			fmt_duration(c, sizeof c, g->within);
			m = snprintf(v + k, sizeof v - k, "%s%s %.4g%% %s %s", k ? " · " : "",
				     w->zh ? t[i].zh : t[i].en, 100 * g->share, W(w, "within", "在"), c);
			if (m > 0 && (size_t)m < sizeof v - k)
				k += (size_t)m;
		}
		if (sc->sla_dispute_set) {
			int m = snprintf(v + k, sizeof v - k, "%s%s ≤ %.4g%%", k ? " · " : "",
					 W(w, "dispute refund rate", "纠纷退款率"), 100 * sc->sla_dispute_max);
			if (m > 0 && (size_t)m < sizeof v - k)
				k += (size_t)m;
		}
		row2(out, W(w, "service-level targets", "服务目标"), k ? v : W(w, "none", "无"));
	}
	fputs("</table></section>\n", out);
}

/* Smallest and largest headcount of one shift over the days (or of the
 * change-point roster), and the mean over the days with anyone on it. */
static void shift_headcount(const pc_staff *st, int s, int ndays, int *lo, int *hi, double *mean)
{
	int n = 0;
	double sum = 0;

	*lo = *hi = 0;
	*mean = 0;
	if (st->roster_kind == PC_ROSTER_CHANGES || !st->headcount || st->nshifts == 0) {
		for (int i = 0; i < st->nchanges; i++) {
			if (!i || st->change_cap[i] < *lo)
				*lo = st->change_cap[i];
			if (!i || st->change_cap[i] > *hi)
				*hi = st->change_cap[i];
		}
		*mean = NAN;
		return;
	}
	for (int d = 0; d < ndays && d < st->ndays; d++) {
		int h = st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s];
		if (!d || h < *lo)
			*lo = h;
		if (!d || h > *hi)
			*hi = h;
		if (h > 0) {
			sum += h;
			n++;
		}
	}
	*mean = n ? sum / n : 0;
}

static const pc_kpi *find_kpi(const pc_kpi *k, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].key, key))
			return &k[i];
	return NULL;
}

static void section_staffing(FILE *out, const pc_result *res, const pc_kpi *k, int nk,
			     const words *w)
{
	static const char *const res_en[PC_NRES] = { "refund agents", "supervisors", "warehouse QC inspectors" };
	static const char *const res_zh[PC_NRES] = { "退款专员", "主管", "仓库质检" };
	static const char *const util_key[PC_NRES] = {
		"utilisation_agent", "utilisation_supervisor", "utilisation_inspector"
	};
	static const char *const hours_key[PC_NRES] = {
		"staff_hours_agent", "staff_hours_supervisor", "staff_hours_inspector"
	};
	const pc_scenario *sc = res->sc;
	pc_baseline b = pc_baseline_compute(sc);
	int ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9);
	char a[64], t[64], v[64];

	fprintf(out, "<section id=\"staffing\"><h2>%s</h2>\n",
		W(w, "Staffing: the closed-form baseline and the simulated roster", "人力：基线公式与模拟排班"));
	fmt_grouped(a, sizeof a, b.total);
	fprintf(out, "<p>%s</p>\n<p class=\"formula\">", W(w,
		"The closed form of the worked example (docs/business.md §6) counts cases and ignores timing, queues, shifts and "
		"segments; the simulation runs the scenario's roster through them.",
		"算例公式（docs/business.md §6）只数件数，不考虑时间分布、排队、班次和时段；模拟按场景排班逐件推演。"));
	fprintf(out, "(R + %s) / %g %s / %g %s = %s / %g / %g = %.2f → <b>%d %s</b></p>\n",
		W(w, "after-sales", "售后"), sc->baseline_cases_per_day,
		W(w, "cases per agent-day", "件/人·天"), sc->baseline_days, W(w, "days", "天"), a,
		sc->baseline_cases_per_day, sc->baseline_days, b.agents_exact, b.agents,
		W(w, "agents", "名退款专员"));
	fprintf(out, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
		"<th>%s</th></tr></thead>\n<tbody>\n",
		W(w, "resource", "岗位"), W(w, "shift", "班次"),
		W(w, "headcount per shift (min – max)", "每班人数（最少 – 最多）"),
		W(w, "baseline", "基线"), W(w, "simulated staff-hours", "模拟工时"),
		W(w, "simulated utilisation", "模拟利用率"));
	for (int q = 0; q < PC_NRES; q++) {
		const pc_staff *st = &sc->staff[q];
		const pc_kpi *util = find_kpi(k, nk, util_key[q]);
		const pc_kpi *hours = find_kpi(k, nk, hours_key[q]);
		int nrows = st->roster_kind == PC_ROSTER_CHANGES || st->nshifts == 0 ? 1 : st->nshifts;

		for (int s = 0; s < nrows; s++) {
			int lo, hi;
			double mean;

			shift_headcount(st, s, ndays, &lo, &hi, &mean);
			fputs("<tr>", out);
			if (s == 0) {
				fprintf(out, "<th rowspan=\"%d\">%s</th>", nrows, w->zh ? res_zh[q] : res_en[q]);
			}
			fputs("<td>", out);
			if (nrows == 1 && (st->roster_kind == PC_ROSTER_CHANGES || st->nshifts == 0)) {
				pc_report_escape(out, W(w, "change-point roster", "按时间点排班"));
			} else {
				const pc_shift *sh = &st->shift[s];
				pc_report_escape(out, sh->name);
				/* A shift ending at midnight ends at 24:00; one past
				 * midnight at its hour the next day. */
				fprintf(out, " %02d:%02d–%02d:%02d", sh->start / 3600, sh->start / 60 % 60,
					sh->end == (int)PC_DAY ? 24 : sh->end / 3600 % 24, sh->end / 60 % 60);
			}
			fprintf(out, "</td><td class=\"n\">%d – %d</td>", lo, hi);
			if (s == 0) {
				if (q == PC_RES_AGENT)
					snprintf(t, sizeof t, "%d × %g %s", b.agents, sc->baseline_days,
						 W(w, "days", "天"));
				else
					snprintf(t, sizeof t, "%s", W(w, "not in the formula", "公式未计"));
				pc_text_value(v, sizeof v, hours ? hours->mean : NAN, "h");
				fprintf(out, "<td rowspan=\"%d\">%s</td><td class=\"n\" rowspan=\"%d\">%s</td>",
					nrows, t, nrows, v);
				pc_text_value(v, sizeof v, util ? util->mean : NAN, "%");
				fprintf(out, "<td class=\"n\" rowspan=\"%d\">%s</td>", nrows, v);
			}
			fputs("</tr>\n", out);
		}
	}
	fputs("</tbody></table></section>\n", out);
}

/* A unit in the page's language. */
static const char *unit_of(const char *unit, const words *w)
{
	static const char *const map[][2] = {
		{ "refunds", "件" }, { "cases", "件" }, { "parcels", "件" }, { "h", "小时" }, { "min", "分钟" },
	};

	if (w->zh)
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (!strcmp(map[i][0], unit))
				return map[i][1];
	return unit;
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* With forecasts, the spread columns of KPI k: P10-P90 over the draws
 * (the unit once), chance's +-, the share of the draws meeting its target. */
static void spread_cells(FILE *out, const pc_kpi *k, const pc_spread *s, const char *unit, const words *w)
{
	char lo[64], hi[64], pm[64];

	fputs("<td class=\"n\">", out);
	if (!isnan(s->p10)) {
		pc_text_value(lo, sizeof lo, s->p10, unit);
		pc_text_value(hi, sizeof hi, s->p90, unit);
		if (strcmp(lo, hi)) {
			pc_text_value(lo, sizeof lo, s->p10, "");
			pc_report_escape(out, lo);
			fputs(" – ", out);
		}
		pc_report_escape(out, hi);
	}
	fputs("</td><td class=\"n\">", out);
	if (!isnan(s->chance_pm)) {
		if (!strcmp(k->unit, "%"))
			pc_text_value(pm, sizeof pm, s->chance_pm, W(w, "pts", "点"));
		else
			pc_text_value(pm, sizeof pm, s->chance_pm, unit);
		fputs("± ", out);
		pc_report_escape(out, pm);
	}
	fputs("</td><td class=\"n\">", out);
	if (k->has_target && !isnan(s->met_share))
		fprintf(out, "%.0f%%", 100 * s->met_share);
	fputs("</td>", out);
}

static void section_kpis(FILE *out, const pc_result *res, const pc_kpi *k, int nk, const pc_spread *s,
			 const words *w)
{
	char v[64], lo[64], hi[64], tg[64];

	fprintf(out, "<section id=\"kpis\"><h2>%s</h2>\n", W(w, "KPIs", "关键指标"));
	fprintf(out, "<p>%s %d %s</p>\n", W(w, "Mean and 95% confidence interval over", "均值及 95% 置信区间，"),
		res->reps, W(w, "replications.", "次重复模拟。"));
	if (s)
		fprintf(out, "<p>%s</p>\n",
			W(w, "Over the forecast's spread (docs/forecast.md): P10–P90 over the forecast draws, chance "
			     "taken out; chance ±: what chance alone adds at a fixed forecast (half its P10–P90, pts: "
			     "percentage points); draws met: the share of the draws meeting the target.",
			  "预测不确定性（docs/forecast.md）：P10–P90 为各预测抽样间的分位数（已剔除随机波动）；"
			  "随机 ±：预测固定时随机波动单独带来的幅度（其 P10–P90 的一半，点：百分点）；达标抽样：达到目标的预测抽样占比。"));
	/* With the spread's columns the table is crowded: the met column's
	 * heading kept on one line. */
	fprintf(out, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th%s>%s</th>",
		W(w, "KPI", "指标"), W(w, "mean", "均值"), W(w, "95% CI", "95% 置信区间"),
		W(w, "target", "目标"), s ? " style=\"white-space:nowrap\"" : "", W(w, "met", "是否达标"));
	if (s)
		fprintf(out, "<th class=\"n\">%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>",
			W(w, "P10–P90", "P10–P90"), W(w, "chance ±", "随机 ±"), W(w, "draws met", "达标抽样"));
	fputs("</tr></thead>\n<tbody>\n", out);
	for (int i = 0; i < nk; i++) {
		const char *unit = unit_of(k[i].unit, w);
		const char *zh = w->zh && !has_non_ascii(k[i].label) ? pc_page_kpi_zh(k[i].key) : NULL;

		pc_text_value(v, sizeof v, k[i].mean, unit);
		fputs("<tr><td>", out);
		if (zh) {
			pc_report_escape(out, zh);
			fputs(" · ", out);
		}
		pc_report_escape(out, k[i].label);
		fputs("</td><td class=\"n\">", out);
		pc_report_escape(out, v);
		fputs("</td><td class=\"n\">", out);
		if (!isnan(k[i].lo)) {
			pc_text_value(lo, sizeof lo, k[i].lo, unit);
			pc_text_value(hi, sizeof hi, k[i].hi, unit);
			pc_report_escape(out, lo);
			fputs(" – ", out);
			pc_report_escape(out, hi);
		}
		fputs("</td><td class=\"n\">", out);
		if (k[i].has_target) {
			pc_text_value(tg, sizeof tg, k[i].target, unit);
			fputs(k[i].target_is_max ? "≤ " : "≥ ", out);
			pc_report_escape(out, tg);
			fprintf(out, "</td><td class=\"%s\">%s", k[i].met ? "met" : "missed",
				k[i].met ? W(w, "met", "达标") : W(w, "missed", "未达标"));
		} else {
			fputs("</td><td>", out);
		}
		fputs("</td>", out);
		if (s)
			spread_cells(out, &k[i], &s[i], unit, w);
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></section>\n", out);
}

static void section_charts(FILE *out, const pc_report_chart *charts, int ncharts, const words *w)
{
	pc_page p = { out, w->zh };

	fprintf(out, "<section id=\"charts\"><h2>%s</h2>\n", W(w, "Charts", "图表"));
	pc_page_charts(&p, charts, ncharts);
	fputs("</section>\n", out);
}

int pc_report_write(const pc_result *res, const pc_report_chart *charts, int ncharts,
		    const char *lang, const char *note, FILE *out)
{
	return pc_report_write_verdict(res, NULL, charts, ncharts, lang, note, out);
}

int pc_report_write_verdict(const pc_result *res, const pc_verdict *given, const pc_report_chart *charts,
			    int ncharts, const char *lang, const char *note, FILE *out)
{
	const pc_scenario *sc = res->sc;
	pc_verdict computed;
	words w = { lang && !strcmp(lang, "zh") };
	pc_kpi k[PC_MAX_KPIS];
	int nk = pc_result_kpis(res, k, PC_MAX_KPIS);
	pc_spread *s = NULL;

	/* With forecasts: the spread beside each KPI (kpis.csv's columns). */
	if (sc->forecast.on && (!(s = malloc(sizeof *s * PC_MAX_KPIS)) || pc_result_spread(res, s, PC_MAX_KPIS) < nk)) {
		free(s);
		return PC_ENOMEM;
	}
	{
		pc_page p = { out, w.zh };
		char sub[1200];

		snprintf(sub, sizeof sub, "%s %s · %s %llu · %d %s · promocap", W(&w, "scenario", "场景"), sc->file,
			 W(&w, "seed", "随机种子"), (unsigned long long)res->seed, res->reps,
			 W(&w, "replications", "次重复"));
		pc_page_begin(&p, W(&w, "Pre-promotion review", "大促前评审"), sc->name, sub, note);
	}
	if (!given) {
		pc_verdict_compute(res, &computed);
		given = &computed;
	}
	{
		pc_page p = { out, w.zh };
		pack_verdict v;

		memset(&v, 0, sizeof v);
		pack_result_verdict(&p, res, given, &v);
		pack_section_verdict(&p, &v);
	}
	/* Then the verdict in detail, as run prints it: the worst day, the
	 * cause, the actions checked by simulation. */
	pc_verdict_write_html_details(out, given, w.zh ? "zh" : "en");
	{
		pc_page p = { out, w.zh };

		pack_section_forecast(&p, res, k, nk, s);
	}
	section_inputs(out, sc, &w);
	section_staffing(out, res, k, nk, &w);
	section_kpis(out, res, k, nk, s, &w);
	section_charts(out, charts, ncharts, &w);
	free(s);
	{
		pc_page p = { out, w.zh };

		return pc_page_end(&p);
	}
}
