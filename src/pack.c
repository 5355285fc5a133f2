/* pack: the review packs of plan, compare and sweep as HTML pages: the
 * verdict first, then the grid, the differences or the points, the targets
 * with met/missed, and the charts (src/report_page.c holds what they share
 * with the run's report). */
#include "promocap/pack.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/charts.h"
#include "promocap/dist.h"
#include "promocap/output.h"
#include "report_page.h"

#define W(p, en, zh) pc_page_w(p, en, zh)

static const char *const res_en[PC_NRES] = { "agents", "supervisors", "inspectors" };
static const char *const res_zh[PC_NRES] = { "退款专员", "主管", "仓库质检" };
static const char *const res_cap[PC_NRES] = { "Agents", "Supervisors", "Inspectors" };

/* ---- the verdict ---------------------------------------------------------- */

/* The verdict of a pack: ok (green) or not, a headline and the lines under
 * it.  Built from the command's own met/missed figures; written by
 * section_verdict, the one place to switch when a shared verdict exists. */
typedef struct verdict {
	int ok;
	char head[512];
	char item[24][720];
	int n;
} verdict;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void v_add(verdict *v, const char *fmt, ...)
{
	va_list ap;

	if (v->n >= (int)(sizeof v->item / sizeof v->item[0]))
		return;
	va_start(ap, fmt);
	vsnprintf(v->item[v->n++], sizeof v->item[0], fmt, ap);
	va_end(ap);
}

static void section_verdict(const pc_page *p, const verdict *v)
{
	const char *items[24];

	for (int i = 0; i < v->n; i++)
		items[i] = v->item[i];
	fputs("<section id=\"verdict\">", p->out);
	fprintf(p->out, "<h2>%s</h2>\n", W(p, "Verdict", "结论"));
	pc_page_verdict(p, v->ok, v->head, items, v->n);
	pc_page_section_end(p);
}

/* ---- small formats ---------------------------------------------------------- */

static void fmt_val(char *buf, size_t n, double v, const char *unit)
{
	if (isnan(v))
		snprintf(buf, n, "n/a");
	else if (!strcmp(unit, "%"))
		snprintf(buf, n, "%.1f%%", v);
	else if (fabs(v) >= 1000)
		snprintf(buf, n, "%.0f %s", v, unit);
	else
		snprintf(buf, n, "%.3g %s", v, unit);
}

/* "92.1% (90.3–93.8)": the unit once. */
static void fmt_ci(char *buf, size_t n, double mean, double lo, double hi, const char *unit)
{
	char m[48];

	fmt_val(m, sizeof m, mean, unit);
	if (isnan(lo) || isnan(hi) || isnan(mean))
		snprintf(buf, n, "%s", m);
	else if (!strcmp(unit, "%"))
		snprintf(buf, n, "%s (%.1f–%.1f)", m, lo, hi);
	else
		snprintf(buf, n, "%s (%.3g–%.3g)", m, lo, hi);
}

static void fmt_target(char *buf, size_t n, double target, int is_max, const char *unit)
{
	char t[40];

	fmt_val(t, sizeof t, target, unit);
	snprintf(buf, n, "%s %s", is_max ? "≤" : "≥", t);
}

static void money(char *buf, size_t n, double v)
{
	pc_page_grouped(buf, n, v);
}

/* A KPI's name in the page's language: its label, in Chinese the Chinese
 * name before it. */
static void kpi_name(const pc_page *p, const char *key, const char *label, char *buf, size_t n)
{
	const char *zh = p->zh ? pc_report_kpi_zh(key) : NULL;

	if (zh)
		snprintf(buf, n, "%s（%s）", zh, label);
	else
		snprintf(buf, n, "%s", label);
}

/* A KPI's short name for a column heading: in Chinese its Chinese name
 * alone when it has one. */
static void kpi_short(const pc_page *p, const char *key, const char *label, char *buf, size_t n)
{
	const char *zh = p->zh ? pc_report_kpi_zh(key) : NULL;

	snprintf(buf, n, "%s", zh ? zh : label);
}

/* "hh:mm"; past midnight as the next day's hour, 24:00 at midnight. */
static void clock_text(int sec, int is_end, char *buf, size_t n)
{
	int m = sec / 60;

	if (is_end && m == 24 * 60)
		snprintf(buf, n, "24:00");
	else
		snprintf(buf, n, "%02d:%02d", m / 60 % 24, m % 60);
}

static void date_text(const pc_scenario *sc, int day, char *buf, size_t n)
{
	pc_date_format(sc->day0 + day, buf, n);
}

static void th(const pc_page *p, const char *cls, const char *text)
{
	if (cls)
		fprintf(p->out, "<th class=\"%s\">", cls);
	else
		fputs("<th>", p->out);
	pc_page_escape(p->out, text);
	fputs("</th>", p->out);
}

static void td(const pc_page *p, const char *cls, const char *text)
{
	if (cls)
		fprintf(p->out, "<td class=\"%s\">", cls);
	else
		fputs("<td>", p->out);
	pc_page_escape(p->out, text);
	fputs("</td>", p->out);
}

/* A figure with its 95% CI on a second line, in a cell of class cls. */
static void td_ci(const pc_page *p, const char *cls, double mean, double lo, double hi, const char *unit)
{
	char m[48], ci[96];

	fmt_val(m, sizeof m, mean, unit);
	fprintf(p->out, "<td class=\"%s\">", cls ? cls : "n");
	pc_page_escape(p->out, m);
	if (!isnan(mean) && !isnan(lo) && !isnan(hi)) {
		if (!strcmp(unit, "%"))
			snprintf(ci, sizeof ci, "%.1f–%.1f", lo, hi);
		else
			snprintf(ci, sizeof ci, "%.3g–%.3g", lo, hi);
		fputs("<br><span class=\"ci\">", p->out);
		pc_page_escape(p->out, ci);
		fputs("</span>", p->out);
	}
	fputs("</td>", p->out);
}

static void section_charts(const pc_page *p, const pc_report_chart *charts, int ncharts)
{
	if (ncharts <= 0)
		return;
	pc_page_section(p, "charts", "Charts", "图表");
	pc_page_charts(p, charts, ncharts);
	pc_page_section_end(p);
}

static void sources(const pc_page *p, const char *en, const char *zh)
{
	fputs("<p class=\"src\">", p->out);
	pc_page_escape(p->out, W(p, en, zh));
	fputs("</p>\n", p->out);
}

/* ---- plan ------------------------------------------------------------------ */

/* First response day by day of res: days with requests, days met, the
 * worst day (lowest CI low end) and its figures. */
typedef struct days_fr {
	int days, met, worst;
	double mean, lo, hi;
} days_fr;

static days_fr plan_days(const pc_result *res, const pc_scenario *sc)
{
	days_fr f = { 0, 0, -1, NAN, NAN, NAN };
	double target = 100 * sc->sla_first_response.share;
	int nd = res->reps ? res->rep[0].ndays : 0;

	if (!sc->sla_first_response.set)
		return f;
	for (int d = 0; d < nd; d++) {
		double req, mean, lo, hi;

		pc_plan_day_first_response(res, d, &req, &mean, &lo, &hi);
		if (isnan(mean))
			continue;
		f.days++;
		f.met += lo >= target - 1e-9;
		if (f.worst < 0 || lo < f.lo) {
			f.worst = d;
			f.mean = mean;
			f.lo = lo;
			f.hi = hi;
		}
	}
	return f;
}

/* Whether resource q has a planned shift on day d. */
static int plan_day_planned(const pc_plan *plan, int q, int d)
{
	const pc_staff *st = &plan->sc->staff[q];

	for (int s = 0; s < st->nshifts; s++)
		if (plan->binding[q][d * st->nshifts + s] != PC_PLAN_BIND_NONE)
			return 1;
	return 0;
}

/* Whether resource q has a planned shift with anyone on it. */
static int plan_resource_planned(const pc_plan *plan, int q)
{
	const pc_staff *st = &plan->sc->staff[q];
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];

	if (!plan->binding[q] || !st->nshifts || !st->headcount || !o->headcount[q])
		return 0;
	for (int i = 0; i < st->ndays * st->nshifts; i++)
		if (plan->binding[q][i] != PC_PLAN_BIND_NONE && o->headcount[q][i] > 0)
			return 1;
	return 0;
}

static void plan_verdict(const pc_page *p, const pc_plan *plan, verdict *v)
{
	const pc_scenario *sc = plan->sc;
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	days_fr f = plan_days(&plan->result, sc);
	char a[64], b[64], c[64], date[16];
	int missed = 0, bind_count[PC_PLAN_MAX_TARGETS] = { 0 }, at_min = 0, planned = 0;

	for (int t = 0; t < plan->ntargets; t++)
		missed += !o->met[t] || !plan->target[t].feasible;
	v->ok = plan->feasible && plan->met && !missed;
	money(a, sizeof a, o->cost);
	if (v->ok)
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met with the planned roster, for %s CNY",
			   "按此排班全部目标达标，人力成本 %s 元"), a);
	else
		snprintf(v->head, sizeof v->head,
			 W(p, "NOT every target is met: %d of %d missed; the plan is for what can be attained (%s CNY)",
			   "未能全部达标：%d / %d 项目标未达标；方案按可达水平排班（%s 元）"),
			 missed, plan->ntargets, a);
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *x = &plan->target[t];
		char name[200];

		kpi_name(p, x->key, x->label, name, sizeof name);
		fmt_ci(a, sizeof a, o->mean[t], o->lo[t], o->hi[t], x->unit);
		fmt_target(b, sizeof b, x->target, x->is_max, x->unit);
		if (!x->feasible) {
			fmt_val(c, sizeof c, x->max_mean, x->unit);
			v_add(v, W(p, "%s: %s, target %s: cannot be met within max_per_shift (%s at the maximum roster)",
				   "%s：%s，目标 %s：每班人数上限内无法达到（最大排班也只有 %s）"),
			      name, a, b, c);
		} else if (!o->met[t]) {
			v_add(v, W(p, "%s: %s, target %s: missed", "%s：%s，目标 %s：未达标"), name, a, b);
		}
	}
	if (f.days > 0) {
		char w[32];

		pc_dist_format_duration(sc->sla_first_response.within, w, sizeof w);
		date_text(sc, f.worst, date, sizeof date);
		v_add(v, W(p, "First response within %s day by day (%s): target met on %d of %d days; worst day %s: %.1f%% (%.1f–%.1f)",
			   "首次响应（%s 内）逐日（%s）：%d / %d 天达标；最差一天 %s：%.1f%%（%.1f–%.1f）"),
		      w, sc->plan_judged == PC_JUDGED_DAY ? W(p, "judged per day", "按天考核")
							    : W(p, "judged over the horizon", "按整个周期考核"),
		      f.met, f.days, date, f.mean, f.lo, f.hi);
	}
	money(a, sizeof a, o->cost);
	pc_page_grouped(b, sizeof b, o->staff_hours[0] + o->staff_hours[1] + o->staff_hours[2]);
	v_add(v, W(p, "Cost: %s CNY for %s staff-hours (staff-hours × each role's hourly cost)",
		   "成本：%s 元，共 %s 工时（工时 × 各岗位每小时成本）"), a, b);
	for (int q = 0; q < PC_NRES; q++) {
		const pc_staff *st = &sc->staff[q];
		int lo = -1, hi = -1, hi_day = 0;

		if (!plan_resource_planned(plan, q))
			continue;
		for (int d = 0; d < st->ndays; d++) {
			int people = 0;

			if (!plan_day_planned(plan, q, d))
				continue;
			for (int s = 0; s < st->nshifts; s++)
				people += o->headcount[q][d * st->nshifts + s];
			if (lo < 0 || people < lo)
				lo = people;
			if (people > hi) {
				hi = people;
				hi_day = d;
			}
		}
		date_text(sc, hi_day, date, sizeof date);
		v_add(v, W(p, "%s a day (people on all shifts): %d to %d, most on %s",
			   "%s每天（各班合计）：%d 至 %d 人，最多在 %s"),
		      p->zh ? res_zh[q] : res_cap[q], lo, hi, date);
		for (int i = 0; i < st->ndays * st->nshifts; i++) {
			int bind = plan->binding[q][i], t = plan->binding_target[q][i];

			if (bind == PC_PLAN_BIND_NONE)
				continue;
			planned++;
			if (bind == PC_PLAN_BIND_MIN)
				at_min++;
			else if (t >= 0 && t < PC_PLAN_MAX_TARGETS)
				bind_count[t]++;
		}
	}
	{
		char none[160] = "";
		size_t used = 0;

		for (int q = 0; q < PC_NRES; q++) {
			int m;

			if (plan_resource_planned(plan, q) || !sc->staff[q].nshifts)
				continue;
			m = snprintf(none + used, sizeof none - used, "%s%s", used ? W(p, ", ", "、") : "",
				     p->zh ? res_zh[q] : res_en[q]);
			if (m > 0 && (size_t)m < sizeof none - used)
				used += (size_t)m;
		}
		if (used)
			v_add(v, W(p, "Nobody on any shift: %s (the targets hold without them)",
				   "无需排班：%s（不排也能达标）"), none);
	}
	{
		int best = -1;

		for (int t = 0; t < plan->ntargets; t++)
			if (bind_count[t] && (best < 0 || bind_count[t] > bind_count[best]))
				best = t;
		if (best >= 0) {
			char name[200];

			kpi_name(p, plan->target[best].key, plan->target[best].label, name, sizeof name);
			v_add(v, W(p, "Binding constraint: %s holds %d of the %d planned shifts (one person fewer breaks it)%s",
				   "约束条件：%s 决定了 %d / %d 个班次的人数（少一人即不达标）%s"),
			      name, bind_count[best], planned,
			      at_min ? W(p, "; the others are at min_per_shift", "；其余班次已是最少人数")
				     : "");
		} else if (at_min) {
			v_add(v, W(p, "Binding constraint: min_per_shift (%d of %d shifts at the minimum)",
				   "约束条件：每班最少人数（%d / %d 个班次在下限）"),
			      at_min, planned);
		}
	}
	for (int q = 0; q < PC_NRES; q++)
		if (!plan->feasible && plan->off_duty[q] >= 0.005)
			v_add(v, W(p, "%.0f%% of the %s' work arrives while none of their shifts is on duty: it waits for the next shift whatever the headcount",
				   "%.0f%% 的%s工作在无人当班时到达：无论人数多少都要等到下一班"),
			      100 * plan->off_duty[q], p->zh ? res_zh[q] : res_en[q]);
}

/* The grid of resource q: date x shift, people, staff-hours, cost a day. */
static void plan_grid(const pc_page *p, const pc_plan *plan, int q)
{
	const pc_scenario *sc = plan->sc;
	const pc_staff *st = &sc->staff[q];
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	int fr = q == PC_RES_AGENT && sc->sla_first_response.set && plan->result.reps;
	double target = 100 * sc->sla_first_response.share, tot_h = 0, tot_c = 0;
	char a[64], b[16], c[16], date[16];

	fprintf(p->out, "<h3>%s</h3>\n<table class=\"grid\" id=\"grid-%s\"><thead><tr>",
		p->zh ? res_zh[q] : res_en[q], pc_res_name((pc_res)q));
	th(p, NULL, W(p, "date", "日期"));
	for (int s = 0; s < st->nshifts; s++) {
		clock_text(st->shift[s].start, 0, b, sizeof b);
		clock_text(st->shift[s].end > (int)PC_DAY ? st->shift[s].end - (int)PC_DAY : st->shift[s].end, 1, c,
			   sizeof c);
		snprintf(a, sizeof a, "%s %s–%s", st->shift[s].name, b, c);
		th(p, "n", a);
	}
	th(p, "n", W(p, "people", "人数"));
	th(p, "n", W(p, "staff-hours", "工时"));
	th(p, "n", W(p, "cost (CNY)", "成本（元）"));
	if (fr)
		th(p, "n", W(p, "first response", "首次响应"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int d = 0; d < st->ndays; d++) {
		int people = 0;
		double hours = 0;

		if (!plan_day_planned(plan, q, d))
			continue;
		date_text(sc, d, date, sizeof date);
		fputs("<tr>", p->out);
		th(p, NULL, date);
		for (int s = 0; s < st->nshifts; s++) {
			int i = d * st->nshifts + s;

			if (plan->binding[q][i] == PC_PLAN_BIND_NONE) {
				td(p, "n", "–");
				continue;
			}
			people += o->headcount[q][i];
			if (!isnan(plan->staff_hours[q][i]))
				hours += plan->staff_hours[q][i];
			snprintf(a, sizeof a, "%d", o->headcount[q][i]);
			td(p, o->headcount[q][i] ? "n" : "n zero", a);
		}
		snprintf(a, sizeof a, "%d", people);
		td(p, "n", a);
		pc_page_grouped(a, sizeof a, hours);
		td(p, "n", a);
		money(a, sizeof a, hours * st->cost);
		td(p, "n", a);
		tot_h += hours;
		tot_c += hours * st->cost;
		if (fr) {
			double req, mean, lo, hi;

			pc_plan_day_first_response(&plan->result, d, &req, &mean, &lo, &hi);
			if (isnan(mean)) {
				td(p, "n", "–");
			} else {
				snprintf(a, sizeof a, "%.1f%%", mean);
				td(p, lo >= target - 1e-9 ? "n met" : "n missed", a);
			}
		}
		fputs("</tr>\n", p->out);
	}
	fputs("<tr class=\"total\">", p->out);
	th(p, NULL, W(p, "total", "合计"));
	for (int s = 0; s < st->nshifts + 1; s++)
		td(p, NULL, "");
	pc_page_grouped(a, sizeof a, tot_h);
	td(p, "n", a);
	money(a, sizeof a, tot_c);
	td(p, "n", a);
	if (fr)
		td(p, NULL, "");
	fputs("</tr>\n</tbody></table>\n", p->out);
}

static void plan_targets(const pc_page *p, const pc_plan *plan)
{
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	char a[96];

	pc_page_section(p, "targets", "Targets", "服务目标");
	fputs("<table><thead><tr>", p->out);
	th(p, NULL, W(p, "target", "目标"));
	th(p, "n", W(p, "required", "要求"));
	th(p, "n", W(p, "planned for", "排班依据"));
	th(p, "n", W(p, "the plan: mean (95% CI)", "方案：均值（95% 置信区间）"));
	th(p, "n", W(p, "at the maximum roster", "最大排班"));
	th(p, NULL, W(p, "met", "是否达标"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *x = &plan->target[t];
		char name[200];

		kpi_name(p, x->key, x->label, name, sizeof name);
		fputs("<tr>", p->out);
		td(p, NULL, name);
		fmt_target(a, sizeof a, x->target, x->is_max, x->unit);
		td(p, "n", a);
		fmt_target(a, sizeof a, x->planned, x->is_max, x->unit);
		td(p, "n", a);
		fmt_ci(a, sizeof a, o->mean[t], o->lo[t], o->hi[t], x->unit);
		td(p, "n", a);
		fmt_ci(a, sizeof a, x->max_mean, x->max_lo, x->max_hi, x->unit);
		td(p, "n", a);
		pc_page_met_cell(p, o->met[t] && x->feasible);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
	sources(p, "Targets as the scenario sets them (docs/business.md §5); met by the 95% CI's worse end.",
		"目标取自场景设置（docs/business.md §5）；以 95% 置信区间的不利端判断是否达标。");
	pc_page_section_end(p);
}

static void plan_methods(const pc_page *p, const pc_plan *plan)
{
	static const char *const en[PC_PLAN_NMETHODS] = {
		"closed form per day", "Erlang C per interval", "Erlang C, modified offered load",
		"simulation search (the plan)", "maximum roster"
	};
	static const char *const zh[PC_PLAN_NMETHODS] = {
		"逐日公式", "逐时段 Erlang C", "Erlang C（修正负荷）", "模拟搜索（本方案）", "最大排班"
	};
	char a[64];

	pc_page_section(p, "methods", "Methods compared (the same refunds for every roster)",
			"方法对比（各排班面对相同的退款）");
	fputs("<table><thead><tr>", p->out);
	th(p, NULL, W(p, "method", "方法"));
	th(p, "n", W(p, "staff-hours", "工时"));
	th(p, "n", W(p, "cost (CNY)", "成本（元）"));
	th(p, "n", W(p, "targets met", "达标目标"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int m = 0; m < PC_PLAN_NMETHODS; m++) {
		const pc_plan_outcome *x = &plan->method[m];
		int met = 0;

		for (int t = 0; t < plan->ntargets; t++)
			met += x->met[t];
		fputs(m == PC_PLAN_SEARCH ? "<tr style=\"font-weight:bold\">" : "<tr>", p->out);
		td(p, NULL, p->zh ? zh[m] : en[m]);
		pc_page_grouped(a, sizeof a, x->staff_hours[0] + x->staff_hours[1] + x->staff_hours[2]);
		td(p, "n", a);
		money(a, sizeof a, x->cost);
		td(p, "n", a);
		snprintf(a, sizeof a, "%d / %d", met, plan->ntargets);
		td(p, met == plan->ntargets ? "n met" : "n missed", a);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
	sources(p, "The closed form is the worked example of docs/business.md §6; the others check each roster by simulation.",
		"逐日公式即 docs/business.md §6 的算例；其余方法均以模拟检验排班。");
	pc_page_section_end(p);
}

static void sub_line(const pc_page *p, char *buf, size_t n, const char *file, uint64_t seed, int reps,
		     const char *what_en, const char *what_zh)
{
	snprintf(buf, n, "%s %s · %s %llu · %d %s · promocap", W(p, "scenario", "场景"), file,
		 W(p, "seed", "随机种子"), (unsigned long long)seed, reps, W(p, what_en, what_zh));
}

int pc_pack_write_plan(const pc_plan *plan, const pc_report_chart *charts, int ncharts, const char *lang,
		       const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	verdict v;
	char sub[1200];

	memset(&v, 0, sizeof v);
	sub_line(p, sub, sizeof sub, plan->sc->file, plan->seed, plan->reps, "replications a check", "次重复/每次检验");
	pc_page_begin(p, W(p, "Staffing plan", "排班方案"), plan->sc->name, sub, note);
	plan_verdict(p, plan, &v);
	section_verdict(p, &v);
	pc_page_section(p, "staffing", "Staffing grid: people per shift, cost per day",
			"排班表：每班人数、每日成本");
	for (int q = 0; q < PC_NRES; q++)
		if (plan_resource_planned(plan, q))
			plan_grid(p, plan, q);
	sources(p, "Cost per day: staff-hours × the role's cost per staff-hour ([staff.*] cost); a red 0: nobody on that shift; – : not planned.",
		"每日成本 = 工时 × 该岗位每小时成本（[staff.*] cost）；红色 0 表示该班无人；– 表示未排班。");
	pc_page_section_end(p);
	plan_targets(p, plan);
	plan_methods(p, plan);
	section_charts(p, charts, ncharts);
	return pc_page_end(p);
}

/* ---- plan with shift design ------------------------------------------------ */

static void design_people(const pc_shifts_design *s, int *lo, int *hi, int *hi_day)
{
	*lo = *hi = -1;
	*hi_day = 0;
	for (int day = 0; day < s->ndays; day++) {
		int people = 0;

		if (s->first + day < 0)
			continue;
		for (int k = 0; k < s->npatterns; k++)
			people += s->count[day * s->npatterns + k];
		if (*lo < 0 || people < *lo)
			*lo = people;
		if (people > *hi) {
			*hi = people;
			*hi_day = s->first + day;
		}
	}
}

/* What binds the design, as pc_design_write_summary says it. */
static void design_binding(const pc_page *p, const pc_design *d, char *buf, size_t n)
{
	char date[16];

	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];
		const pc_shifts_grid *g = &d->sc->plan_patterns[r];

		if (!d->designed[r])
			continue;
		for (int day = 0; day < s->ndays; day++) {
			int people = 0, before = 0;

			for (int k = 0; k < s->npatterns; k++) {
				people += s->count[day * s->npatterns + k];
				if (day)
					before += s->count[(day - 1) * s->npatterns + k];
			}
			date_text(d->sc, s->first + day, date, sizeof date);
			if (g->max_day && people == g->max_day) {
				snprintf(buf, n, W(p, "the cap of %d %s a day (reached on %s)", "每天最多 %d 名%s的上限（%s 达到）"),
					 g->max_day, p->zh ? res_zh[r] : res_en[r], date);
				return;
			}
			if (g->change > 0 && day && abs(people - before) == g->change) {
				snprintf(buf, n,
					 W(p, "the largest day-to-day change of %d %s (reached on %s)",
					   "每日人数变化最多 %d 名%s的限制（%s 达到）"),
					 g->change, p->zh ? res_zh[r] : res_en[r], date);
				return;
			}
		}
	}
	if (d->by_day && d->worst_day >= 0) {
		char w[32];

		date_text(d->sc, d->worst_day, date, sizeof date);
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (p->zh)
			snprintf(buf, n, "%s 的首次响应 %.4g%%（%s 内），最紧的一天", date, d->fr_target, w);
		else
			snprintf(buf, n, "first response %.4g%% within %s on %s, the tightest day", d->fr_target, w, date);
		return;
	}
	snprintf(buf, n, "%s", W(p, "the targets over the horizon", "整个周期的服务目标"));
}

static void design_verdict(const pc_page *p, const pc_design *d, verdict *v)
{
	const pc_scenario *sc = d->sc;
	char a[64], b[64], c[64], date[16], bind[400];
	int over = d->budget > 0 && d->cost > d->budget + 0.5;

	v->ok = d->met && !over;
	money(a, sizeof a, d->cost);
	if (v->ok)
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met on every day it is judged, for %s CNY",
			   "每个考核日全部目标达标，人力成本 %s 元"), a);
	else if (d->met)
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met, but the plan costs %s CNY, over the budget",
			   "全部目标达标，但成本 %s 元超出预算"), a);
	else
		snprintf(v->head, sizeof v->head,
			 W(p, "NOT every target can be met on every day: the plan is for what can be attained (%s CNY)",
			   "并非每天都能全部达标：方案按可达水平排班（%s 元）"), a);
	if (d->by_day && d->ndays > 0) {
		int judged = 0, failed = 0;
		char w[32];

		for (int day = 0; day < d->ndays; day++)
			if (!isnan(d->day_mean[day])) {
				judged++;
				failed += !d->day_met[day];
			}
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (d->worst_day >= 0) {
			date_text(sc, d->worst_day, date, sizeof date);
			v_add(v, W(p, "First response %.4g%% within %s: met on %d of %d days; worst day %s: %.1f%% (%.1f–%.1f)",
				   "首次响应 %.4g%%（%s 内）：%d / %d 天达标；最差一天 %s：%.1f%%（%.1f–%.1f）"),
			      d->fr_target, w, judged - failed, judged, date, d->day_mean[d->worst_day],
			      d->day_lo[d->worst_day], d->day_hi[d->worst_day]);
		}
	}
	for (int t = 0; t < d->ntargets; t++) {
		const pc_design_target *x = &d->target[t];
		char name[200];

		kpi_name(p, x->key, x->label, name, sizeof name);
		fmt_ci(a, sizeof a, x->mean, x->lo, x->hi, "%");
		fmt_target(b, sizeof b, x->target, x->is_max, "%");
		v_add(v, W(p, "%s over the horizon: %s, target %s: %s%s", "%s（整个周期）：%s，目标 %s：%s%s"), name, a, b,
		      x->met ? W(p, "met", "达标") : W(p, "MISSED", "未达标"),
		      x->given_up ? W(p, " (more staff stopped paying)", "（加人已无明显效果）") : "");
	}
	money(a, sizeof a, d->cost);
	pc_page_grouped(c, sizeof c, d->hours);
	if (d->budget > 0) {
		money(b, sizeof b, d->budget);
		v_add(v, W(p, "Cost: %s CNY for %s paid hours of designed shifts; budget %s CNY%s",
			   "成本：%s 元，设计班次共 %s 带薪工时；预算 %s 元%s"),
		      a, c, b, over ? W(p, ": OVER", "：超出") : "");
	} else {
		v_add(v, W(p, "Cost: %s CNY for %s paid hours of designed shifts", "成本：%s 元，设计班次共 %s 带薪工时"), a, c);
	}
	for (int r = 0; r < PC_NRES; r++) {
		int lo, hi, hi_day;

		if (!d->designed[r])
			continue;
		design_people(&d->shifts[r], &lo, &hi, &hi_day);
		date_text(sc, hi_day, date, sizeof date);
		v_add(v, W(p, "%s a day: %d to %d (most on %s), %d shift patterns", "%s每天 %d 至 %d 人（最多在 %s），%d 种班型"),
		      p->zh ? res_zh[r] : res_cap[r], lo, hi, date, d->shifts[r].npatterns);
	}
	design_binding(p, d, bind, sizeof bind);
	v_add(v, W(p, "Binding constraint: %s", "约束条件：%s"), bind);
	for (int r = 0; r < PC_NRES; r++)
		if (d->why[r][0])
			v_add(v, "%s: %s", d->met ? W(p, "Note", "说明") : W(p, "Why", "原因"), d->why[r]);
}

static void design_patterns(const pc_page *p, const pc_design *d)
{
	char a[64], b[16], c[16];

	pc_page_section(p, "shifts", "Shift design", "班次设计");
	fputs("<table><thead><tr>", p->out);
	th(p, NULL, W(p, "role", "岗位"));
	th(p, NULL, W(p, "pattern", "班型"));
	th(p, "n", W(p, "hours", "时间"));
	th(p, "n", W(p, "paid hours", "带薪时长"));
	th(p, "n", W(p, "break", "休息"));
	th(p, "n", W(p, "people over the horizon", "周期内人次"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];

		if (!d->designed[r])
			continue;
		for (int k = 0; k < s->npatterns; k++) {
			const pc_shifts_pattern *pt = &s->pattern[k];
			int total = 0;

			for (int day = 0; day < s->ndays; day++)
				total += s->count[day * s->npatterns + k];
			fputs("<tr>", p->out);
			td(p, NULL, k ? "" : p->zh ? res_zh[r] : res_en[r]);
			td(p, NULL, pt->name);
			clock_text(pt->start * 60, 0, b, sizeof b);
			clock_text((pt->start + pt->length) * 60, 1, c, sizeof c);
			snprintf(a, sizeof a, "%s–%s", b, c);
			td(p, "n", a);
			snprintf(a, sizeof a, "%.4g h", pt->length / 60.0);
			td(p, "n", a);
			if (pt->brk) {
				clock_text((pt->start + pt->brk_start) * 60, 0, b, sizeof b);
				clock_text((pt->start + pt->brk_start + pt->brk) * 60, 1, c, sizeof c);
				snprintf(a, sizeof a, "%s–%s", b, c);
			} else {
				snprintf(a, sizeof a, "–");
			}
			td(p, "n", a);
			snprintf(a, sizeof a, "%d", total);
			td(p, "n", a);
			fputs("</tr>\n", p->out);
		}
	}
	fputs("</tbody></table>\n", p->out);
	pc_page_section_end(p);
}

static void design_grid(const pc_page *p, const pc_design *d, int r)
{
	const pc_shifts_design *s = &d->shifts[r];
	int fr = r == PC_RES_AGENT && d->by_day;
	double tot = 0;
	char a[64], b[16], c[16], date[16];

	fprintf(p->out, "<h3>%s</h3>\n<table class=\"grid\" id=\"grid-%s\"><thead><tr>",
		p->zh ? res_zh[r] : res_en[r], pc_res_name((pc_res)r));
	th(p, NULL, W(p, "date", "日期"));
	for (int k = 0; k < s->npatterns; k++) {
		clock_text(s->pattern[k].start * 60, 0, b, sizeof b);
		clock_text((s->pattern[k].start + s->pattern[k].length) * 60, 1, c, sizeof c);
		snprintf(a, sizeof a, "%s–%s", b, c);
		th(p, "n", a);
	}
	th(p, "n", W(p, "people", "人数"));
	th(p, "n", W(p, "cost (CNY)", "成本（元）"));
	if (fr)
		th(p, "n", W(p, "first response", "首次响应"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int day = 0; day < s->ndays; day++) {
		int people = 0, dd = s->first + day;

		for (int k = 0; k < s->npatterns; k++)
			people += s->count[day * s->npatterns + k];
		if (dd < 0 && !people)
			continue;
		date_text(d->sc, dd, date, sizeof date);
		fputs("<tr>", p->out);
		th(p, NULL, date);
		for (int k = 0; k < s->npatterns; k++) {
			int x = s->count[day * s->npatterns + k];

			snprintf(a, sizeof a, "%d", x);
			td(p, "n", a);
		}
		snprintf(a, sizeof a, "%d", people);
		td(p, people ? "n" : "n zero", a);
		money(a, sizeof a, s->day_cost[day]);
		td(p, "n", a);
		tot += s->day_cost[day];
		if (fr) {
			if (dd < 0 || dd >= d->ndays || isnan(d->day_mean[dd])) {
				td(p, "n", "–");
			} else {
				snprintf(a, sizeof a, "%.1f%%", d->day_mean[dd]);
				td(p, d->day_met[dd] ? "n met" : "n missed", a);
			}
		}
		fputs("</tr>\n", p->out);
	}
	fputs("<tr class=\"total\">", p->out);
	th(p, NULL, W(p, "total", "合计"));
	for (int k = 0; k < s->npatterns + 1; k++)
		td(p, NULL, "");
	money(a, sizeof a, tot);
	td(p, "n", a);
	if (fr)
		td(p, NULL, "");
	fputs("</tr>\n</tbody></table>\n", p->out);
}

int pc_pack_write_design(const pc_design *d, const pc_report_chart *charts, int ncharts, const char *lang,
			 const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	verdict v;
	char sub[1200];

	memset(&v, 0, sizeof v);
	sub_line(p, sub, sizeof sub, d->sc->file, d->seed, d->reps, "replications a check", "次重复/每次检验");
	pc_page_begin(p, W(p, "Staffing plan with shift design", "排班方案（班次设计）"), d->sc->name, sub, note);
	design_verdict(p, d, &v);
	section_verdict(p, &v);
	design_patterns(p, d);
	pc_page_section(p, "staffing", "Staffing grid: paid people per pattern, cost per day",
			"排班表：每个班型的带薪人数、每日成本");
	for (int r = 0; r < PC_NRES; r++)
		if (d->designed[r])
			design_grid(p, d, r);
	sources(p, "Cost per day: the paid hours of the shifts starting that day × the role's hourly cost, with the night and promotion premiums; first response judged by the day of the request (docs/business.md §5).",
		"每日成本 = 当天开始的班次带薪工时 × 岗位每小时成本（含夜班与大促溢价）；首次响应按申请日考核（docs/business.md §5）。");
	pc_page_section_end(p);
	section_charts(p, charts, ncharts);
	return pc_page_end(p);
}

/* ---- compare --------------------------------------------------------------- */

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
static double roster_cost(const pc_result *res)
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

/* A scenario's resolved keys (pc_scenario_dump) as "section.key" = value. */
typedef struct keyset {
	char *buf;
	int n;
	char *key[1024], *val[1024];
	char name[1024][128];
} keyset;

static int keyset_read(keyset *ks, const pc_scenario *sc)
{
	size_t len = 0;
	FILE *m = open_memstream(&ks->buf, &len);
	char section[96] = "", *line, *save = NULL;

	ks->n = 0;
	if (!m)
		return -1;
	if (pc_scenario_dump(sc, m) != 0 || fclose(m) != 0)
		return -1;
	for (line = strtok_r(ks->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq;

		if (line[0] == '[') {
			char *end = strchr(line, ']');

			if (end)
				snprintf(section, sizeof section, "%.*s", (int)(end - line - 1), line + 1);
			continue;
		}
		if (line[0] == ';' || line[0] == '#' || !(eq = strstr(line, " = ")) || ks->n >= 1024)
			continue;
		*eq = '\0';
		snprintf(ks->name[ks->n], sizeof ks->name[0], "%s.%s", section, line);
		ks->key[ks->n] = ks->name[ks->n];
		ks->val[ks->n++] = eq + 3;
	}
	return 0;
}

static const char *keyset_get(const keyset *ks, const char *key)
{
	for (int i = 0; i < ks->n; i++)
		if (!strcmp(ks->key[i], key))
			return ks->val[i];
	return NULL;
}

static void compare_differences(const pc_page *p, const pc_compare *cmp)
{
	keyset *ks = calloc((size_t)cmp->n, sizeof *ks);
	int rows = 0, ok = ks != NULL;

	pc_page_section(p, "differences", "What differs between the scenarios", "各场景的差异");
	for (int i = 0; ok && i < cmp->n; i++)
		ok = keyset_read(&ks[i], cmp->sc[i]) == 0;
	if (!ok) {
		fprintf(p->out, "<p class=\"note\">%s</p>\n", W(p, "the scenarios' keys could not be read", "无法读取场景设置"));
	} else {
		fputs("<table id=\"keys\"><thead><tr>", p->out);
		th(p, NULL, W(p, "scenario key", "场景参数"));
		for (int i = 0; i < cmp->n; i++)
			th(p, NULL, cmp->label[i]);
		fputs("</tr></thead>\n<tbody>\n", p->out);
		/* Every key of any scenario, in the order they first appear. */
		for (int i = 0; i < cmp->n; i++)
			for (int k = 0; k < ks[i].n; k++) {
				const char *key = ks[i].key[k];
				int seen = 0, differs = 0;

				for (int j = 0; j < i && !seen; j++)
					seen = keyset_get(&ks[j], key) != NULL;
				if (seen)
					continue;
				for (int j = 1; j < cmp->n && !differs; j++) {
					const char *a = keyset_get(&ks[0], key), *b = keyset_get(&ks[j], key);
					differs = !a || !b || strcmp(a, b);
				}
				if (!differs)
					continue;
				rows++;
				fputs("<tr>", p->out);
				td(p, NULL, key);
				for (int j = 0; j < cmp->n; j++) {
					const char *x = keyset_get(&ks[j], key);
					td(p, NULL, x ? x : "–");
				}
				fputs("</tr>\n", p->out);
			}
		if (!rows) {
			fputs("<tr>", p->out);
			td(p, NULL, W(p, "none: the scenarios are the same", "无：各场景设置相同"));
			fputs("</tr>\n", p->out);
		}
		fputs("</tbody></table>\n", p->out);
		for (int i = 1; i < cmp->n; i++) {
			char line[800];

			if (cmp->demand[i][0])
				snprintf(line, sizeof line,
					 W(p, "%s faces other refunds than %s (demand keys differ: %s).",
					   "%s 面对的退款与 %s 不同（需求参数不同：%s）。"),
					 cmp->label[i], cmp->label[0], cmp->demand[i]);
			else
				snprintf(line, sizeof line,
					 W(p, "%s faces the same refunds as %s (common random numbers): the differences come from how they are handled.",
					   "%s 与 %s 面对相同的退款（共同随机数）：差异来自处理方式。"),
					 cmp->label[i], cmp->label[0]);
			sources(p, line, line);
		}
	}
	for (int i = 0; ks && i < cmp->n; i++)
		free(ks[i].buf);
	free(ks);
	pc_page_section_end(p);
}

static const pc_kpi *kpi_by_key(const pc_kpi *k, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].key, key))
			return &k[i];
	return NULL;
}

/* A difference without floating-point noise: "+2.5 pp (+1.9, +3.1)",
 * "same" when every pair is equal. */
static void fmt_diff(const pc_page *p, char *buf, size_t n, double d, double lo, double hi, const char *unit)
{
	const char *u = !strcmp(unit, "%") ? "pp" : unit;

	if (isnan(d)) {
		snprintf(buf, n, "–");
		return;
	}
	if (fabs(d) < 5e-7)
		d = 0;
	if (!isnan(lo) && fabs(lo) < 5e-7)
		lo = 0;
	if (!isnan(hi) && fabs(hi) < 5e-7)
		hi = 0;
	if (d == 0 && (isnan(lo) || (lo == 0 && hi == 0)))
		snprintf(buf, n, "%s", W(p, "same", "相同"));
	else if (isnan(lo) || isnan(hi))
		snprintf(buf, n, "%+.3g %s", d, u);
	else
		snprintf(buf, n, "%+.3g %s (%+.3g, %+.3g)", d, u, lo, hi);
}

int pc_pack_write_compare(const pc_compare *cmp, const pc_report_chart *charts, int ncharts, const char *lang,
			  const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	pc_kpi(*k)[PC_MAX_KPIS] = calloc((size_t)cmp->n, sizeof *k);
	int *nk = calloc((size_t)cmp->n, sizeof *nk), all_met = 0, best = -1;
	double *cost = calloc((size_t)cmp->n, sizeof *cost);
	verdict v;
	char sub[1200], a[96], name[200];

	if (!k || !nk || !cost) {
		free(k);
		free(nk);
		free(cost);
		return PC_ENOMEM;
	}
	memset(&v, 0, sizeof v);
	for (int i = 0; i < cmp->n; i++) {
		nk[i] = pc_result_kpis(&cmp->res[i], k[i], PC_MAX_KPIS);
		cost[i] = roster_cost(&cmp->res[i]);
	}
	snprintf(sub, sizeof sub, "%d %s · %s %llu · %d %s · promocap", cmp->n, W(p, "scenarios", "个场景"),
		 W(p, "seed", "随机种子"), (unsigned long long)cmp->seed, cmp->reps_done,
		 W(p, "paired replications", "次配对重复"));
	snprintf(name, sizeof name, "%s", cmp->label[0]);
	for (int i = 1; i < cmp->n; i++) {
		size_t l = strlen(name);
		snprintf(name + l, sizeof name - l, " · %s", cmp->label[i]);
	}
	pc_page_begin(p, W(p, "Scenario comparison", "场景对比"), name, sub, note);

	/* The verdict: per scenario its targets and cost. */
	for (int i = 0; i < cmp->n; i++) {
		int targets = 0, missed = 0;
		char miss[600] = "", c[64];
		size_t used = 0;

		for (int j = 0; j < nk[i]; j++) {
			const pc_kpi *x = &k[i][j];
			char val[48], tg[48];
			int m;

			if (!x->has_target)
				continue;
			targets++;
			if (x->met)
				continue;
			missed++;
			fmt_val(val, sizeof val, x->mean, x->unit);
			fmt_val(tg, sizeof tg, x->target, x->unit);
			kpi_name(p, x->key, x->label, name, sizeof name);
			m = snprintf(miss + used, sizeof miss - used, "%s%s %s %s %s", used ? "; " : "", name, val,
				     x->target_is_max ? ">" : "<", tg);
			if (m > 0 && (size_t)m < sizeof miss - used)
				used += (size_t)m;
		}
		money(c, sizeof c, cost[i]);
		if (!missed) {
			all_met++;
			if (best < 0 || cost[i] < cost[best])
				best = i;
			v_add(&v, W(p, "%s: all %d targets met; staff cost %s CNY", "%s：%d 项目标全部达标；人力成本 %s 元"),
			      cmp->label[i], targets, c);
		} else {
			v_add(&v, W(p, "%s: %d of %d targets MISSED (%s); staff cost %s CNY",
				    "%s：%d / %d 项目标未达标（%s）；人力成本 %s 元"),
			      cmp->label[i], missed, targets, miss, c);
		}
	}
	v.ok = all_met > 0;
	if (best >= 0) {
		money(a, sizeof a, cost[best]);
		snprintf(v.head, sizeof v.head,
			 W(p, "%d of %d scenarios meet every target; the cheapest that does: %s, %s CNY",
			   "%d / %d 个场景全部达标；其中成本最低：%s，%s 元"),
			 all_met, cmp->n, cmp->label[best], a);
	} else {
		snprintf(v.head, sizeof v.head, "%s",
			 W(p, "No scenario meets every target", "没有一个场景能全部达标"));
	}
	if (cmp->stopped)
		v_add(&v, W(p, "Stopped early: %d of %d paired replications finished", "提前停止：%d / %d 次配对重复完成"),
		      cmp->reps_done, cmp->reps);
	section_verdict(p, &v);
	compare_differences(p, cmp);

	/* Every KPI side by side. */
	pc_page_section(p, "kpis", "KPIs side by side: mean (95% CI), difference to the first",
			"关键指标对比：均值（95% 置信区间），与第一个场景之差");
	fputs("<table id=\"side\" class=\"wide\"><thead><tr>", p->out);
	th(p, NULL, W(p, "KPI", "指标"));
	th(p, "n", W(p, "target", "目标"));
	for (int i = 0; i < cmp->n; i++)
		th(p, "n", cmp->label[i]);
	for (int i = 1; i < cmp->n; i++) {
		snprintf(a, sizeof a, "%s − %s", cmp->label[i], cmp->label[0]);
		th(p, "n", a);
	}
	fputs("</tr></thead>\n<tbody>\n<tr>", p->out);
	td(p, NULL, W(p, "staff cost (CNY)", "人力成本（元）"));
	td(p, NULL, "");
	for (int i = 0; i < cmp->n; i++) {
		money(a, sizeof a, cost[i]);
		td(p, "n", a);
	}
	for (int i = 1; i < cmp->n; i++) {
		char c[64];

		money(c, sizeof c, cost[i] - cost[0]);
		snprintf(a, sizeof a, "%s%s", cost[i] - cost[0] > 0.5 ? "+" : "", c);
		td(p, "n", a);
	}
	fputs("</tr>\n", p->out);
	for (int part = 0; part < 2; part++) {
		if (part == 1)
			fprintf(p->out, "<tr class=\"part\"><th colspan=\"%d\">%s</th></tr>\n", 1 + 2 * cmp->n,
				W(p, "other figures", "其他指标"));
		for (int j = 0; j < cmp->nkpis; j++) {
			const pc_kpi *x = &cmp->kpi[j];
			int targeted = x->has_target;

			for (int i = 1; i < cmp->n && !targeted; i++) {
				const pc_kpi *own = kpi_by_key(k[i], nk[i], x->key);
				targeted = own && own->has_target;
			}
			if (targeted != (part == 0))
				continue;
			kpi_name(p, x->key, x->label, name, sizeof name);
			fputs("<tr>", p->out);
			td(p, NULL, name);
			if (x->has_target)
				fmt_target(a, sizeof a, x->target, x->target_is_max, x->unit);
			else
				a[0] = '\0';
			td(p, "n", a);
			for (int i = 0; i < cmp->n; i++) {
				const pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)cmp->nkpis + (size_t)j];
				const pc_kpi *own = kpi_by_key(k[i], nk[i], x->key);

				td_ci(p, own && own->has_target ? own->met ? "n met" : "n missed" : "n", f->mean, f->lo,
				      f->hi, x->unit);
			}
			for (int i = 1; i < cmp->n; i++) {
				const pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)cmp->nkpis + (size_t)j];

				if (cmp->comparable && !cmp->comparable[j])
					snprintf(a, sizeof a, "%s", W(p, "not comparable", "不可比"));
				else
					fmt_diff(p, a, sizeof a, f->diff, f->diff_lo, f->diff_hi, x->unit);
				td(p, "n", a);
			}
			fputs("</tr>\n", p->out);
		}
	}
	fputs("</tbody></table>\n", p->out);
	sources(p, "Green: the scenario meets its target, red: it misses it (docs/business.md §5); pp: percentage points; differences from paired replications (the same refunds).",
		"绿色：达标，红色：未达标（docs/business.md §5）；pp：百分点；差值来自配对重复（相同的退款）。");
	pc_page_section_end(p);
	section_charts(p, charts, ncharts);
	free(k);
	free(nk);
	free(cost);
	return pc_page_end(p);
}

/* ---- sweep ----------------------------------------------------------------- */

static const double *sweep_stat(const pc_sweep *sw, int pt, int k)
{
	return sw->stat + ((size_t)pt * (size_t)sw->nkpis + (size_t)k) * 4;
}

/* Whether point pt meets KPI k's target, by the mean as the sweep's
 * summary and workbook judge it; -1 when k has no target there. */
static int sweep_met(const pc_sweep *sw, int pt, int k)
{
	const double *st = sweep_stat(sw, pt, k);

	if (isnan(st[3]))
		return -1;
	return !isnan(st[0]) && (sw->kpi[k].target_is_max ? st[0] <= st[3] + 1e-12 : st[0] >= st[3] - 1e-12);
}

static void point_label(const pc_sweep *sw, int pt, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int a = 0; a < sw->naxes; a++) {
		int m = snprintf(buf + used, n - used, "%s%s=%s", a ? ", " : "", sw->axis[a].name,
				 sw->axis[a].values[pc_sweep_at(sw, pt, a)]);
		if (m < 0 || (size_t)m >= n - used)
			break;
		used += (size_t)m;
	}
}

int pc_pack_write_sweep(const pc_sweep *sw, const pc_report_chart *charts, int ncharts, const char *lang,
			const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	int targeted[PC_MAX_KPIS], nt = 0, util = -1, all = 0, first = -1, bestp = -1, bestn = -1, done = 0, ties = 0;
	verdict v;
	char sub[1200], a[320], name[200];

	memset(&v, 0, sizeof v);
	for (int k = 0; k < sw->nkpis; k++) {
		int any = 0;

		for (int pt = 0; pt < sw->npoints && !any; pt++)
			any = sw->complete[pt] && sweep_met(sw, pt, k) >= 0;
		if (any)
			targeted[nt++] = k;
		if (!strcmp(sw->kpi[k].key, "utilisation_agent"))
			util = k;
	}
	for (int pt = 0; pt < sw->npoints; pt++) {
		int met = 0, judged = 0;

		if (!sw->complete[pt])
			continue;
		done++;
		for (int t = 0; t < nt; t++) {
			int m = sweep_met(sw, pt, targeted[t]);
			judged += m >= 0;
			met += m == 1;
		}
		if (met == judged) {
			all++;
			if (first < 0)
				first = pt;
		}
		if (met > bestn) {
			bestn = met;
			bestp = pt;
			ties = 0;
		}
		ties += met == bestn;
	}
	snprintf(sub, sizeof sub, "%s %s · %s %llu · %d %s · promocap", W(p, "scenario", "场景"), sw->base->file,
		 W(p, "seed", "随机种子"), (unsigned long long)(sw->npoints ? sw->seed[0] : 0), sw->npoints,
		 W(p, "points", "个取值点"));
	pc_page_begin(p, W(p, "What-if sweep", "假设分析"), sw->base->name, sub, note);

	v.ok = all > 0;
	if (first >= 0) {
		point_label(sw, first, a, sizeof a);
		snprintf(v.head, sizeof v.head,
			 W(p, "%d of %d points meet every target; the first that does: %s",
			   "%d / %d 个取值点全部达标；第一个达标的：%s"),
			 all, done, a);
	} else if (bestp >= 0 && ties == done && done > 1) {
		snprintf(v.head, sizeof v.head,
			 W(p, "No point meets every target; every point meets %d of %d",
			   "没有一个取值点全部达标；每个点都只达标 %d / %d 项"),
			 bestn, nt);
	} else if (bestp >= 0) {
		point_label(sw, bestp, a, sizeof a);
		snprintf(v.head, sizeof v.head,
			 W(p, "No point meets every target; the best, %s, meets %d of %d",
			   "没有一个取值点全部达标；最好的 %s 达标 %d / %d 项"),
			 a, bestn, nt);
	} else {
		snprintf(v.head, sizeof v.head, "%s", W(p, "No point finished", "没有完成的取值点"));
	}
	for (int t = 0; t < nt; t++) {
		int k = targeted[t], n = 0, shown = 0;
		char list[600] = "", tg[64];
		size_t used = 0;

		for (int pt = 0; pt < sw->npoints; pt++) {
			if (!sw->complete[pt] || sweep_met(sw, pt, k) != 1)
				continue;
			n++;
			if (shown < 8) {
				char l[160];
				int m;

				point_label(sw, pt, l, sizeof l);
				m = snprintf(list + used, sizeof list - used, "%s%s", shown ? "; " : "", l);
				if (m > 0 && (size_t)m < sizeof list - used)
					used += (size_t)m;
				shown++;
			}
		}
		kpi_name(p, sw->kpi[k].key, sw->kpi[k].label, name, sizeof name);
		fmt_target(tg, sizeof tg, sw->kpi[k].target, sw->kpi[k].target_is_max, sw->kpi[k].unit);
		if (!n) {
			int bp = -1;
			char val[48];

			for (int pt = 0; pt < sw->npoints; pt++) {
				const double *st = sweep_stat(sw, pt, k);

				if (!sw->complete[pt] || isnan(st[0]))
					continue;
				if (bp < 0 || (sw->kpi[k].target_is_max ? st[0] < sweep_stat(sw, bp, k)[0]
									: st[0] > sweep_stat(sw, bp, k)[0]))
					bp = pt;
			}
			if (bp >= 0) {
				point_label(sw, bp, list, sizeof list);
				fmt_val(val, sizeof val, sweep_stat(sw, bp, k)[0], sw->kpi[k].unit);
				v_add(&v, W(p, "%s %s: met at no point; the best is %s at %s", "%s %s：所有取值点均未达标；最好的是 %s（%s）"),
				      name, tg, val, list);
			} else {
				v_add(&v, W(p, "%s %s: met at no point", "%s %s：所有取值点均未达标"), name, tg);
			}
		} else if (n == done) {
			v_add(&v, W(p, "%s %s: met at every point", "%s %s：所有取值点均达标"), name, tg);
		} else
			v_add(&v, W(p, "%s %s: met at %d of %d points (%s%s)", "%s %s：%d / %d 个取值点达标（%s%s）"), name,
			      tg, n, done, list, n > shown ? " …" : "");
	}
	if (sw->stopped)
		v_add(&v, W(p, "Stopped early: %d of %d points finished", "提前停止：%d / %d 个取值点完成"), sw->points_done,
		      sw->npoints);
	section_verdict(p, &v);

	pc_page_section(p, "swept", "The values swept", "取值范围");
	fputs("<table><thead><tr>", p->out);
	th(p, NULL, W(p, "scenario key", "场景参数"));
	th(p, NULL, W(p, "values", "取值"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int ax = 0; ax < sw->naxes; ax++) {
		fputs("<tr>", p->out);
		td(p, NULL, sw->axis[ax].name);
		fputs("<td>", p->out);
		for (int i = 0; i < sw->axis[ax].nvalues; i++) {
			if (i)
				fputs(" · ", p->out);
			pc_page_escape(p->out, sw->axis[ax].values[i]);
		}
		fputs("</td></tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
	pc_page_section_end(p);

	pc_page_section(p, "points", "KPIs per point: mean (95% CI)", "各取值点的关键指标：均值（95% 置信区间）");
	fputs("<div class=\"scroll\"><table id=\"points\" class=\"wide\"><thead><tr>", p->out);
	th(p, "n", "#");
	for (int ax = 0; ax < sw->naxes; ax++)
		th(p, NULL, sw->axis[ax].name);
	th(p, "n", W(p, "targets met", "达标目标"));
	for (int t = 0; t < nt; t++) {
		const pc_kpi *x = &sw->kpi[targeted[t]];
		char tg[64];

		kpi_short(p, x->key, x->label, name, sizeof name);
		fmt_target(tg, sizeof tg, x->target, x->target_is_max, x->unit);
		snprintf(a, sizeof a, "%s %s", name, tg);
		th(p, "n", a);
	}
	if (util >= 0) {
		kpi_short(p, sw->kpi[util].key, sw->kpi[util].label, name, sizeof name);
		th(p, "n", name);
	}
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int pt = 0; pt < sw->npoints; pt++) {
		int met = 0, judged = 0;

		fputs("<tr>", p->out);
		snprintf(a, sizeof a, "%d", pt + 1);
		td(p, "n", a);
		for (int ax = 0; ax < sw->naxes; ax++)
			td(p, NULL, sw->axis[ax].values[pc_sweep_at(sw, pt, ax)]);
		if (!sw->complete[pt]) {
			fprintf(p->out, "<td colspan=\"%d\">%s</td></tr>\n", 1 + nt + (util >= 0),
				W(p, "did not run (stopped)", "未运行（已停止）"));
			continue;
		}
		for (int t = 0; t < nt; t++) {
			int m = sweep_met(sw, pt, targeted[t]);
			judged += m >= 0;
			met += m == 1;
		}
		snprintf(a, sizeof a, "%d / %d", met, judged);
		td(p, met == judged ? "n met" : "n missed", a);
		for (int t = 0; t < nt; t++) {
			const double *st = sweep_stat(sw, pt, targeted[t]);
			int m = sweep_met(sw, pt, targeted[t]);

			td_ci(p, m == 1 ? "n met" : m == 0 ? "n missed" : "n", st[0], st[1], st[2], sw->kpi[targeted[t]].unit);
		}
		if (util >= 0) {
			const double *st = sweep_stat(sw, pt, util);

			td_ci(p, "n", st[0], st[1], st[2], sw->kpi[util].unit);
		}
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table></div>\n", p->out);
	sources(p, "Green: the point meets the target by its mean, red: it misses it (targets: docs/business.md §5); every point faces the same refunds (common random numbers).",
		"绿色：该点均值达标，红色：未达标（目标见 docs/business.md §5）；各点面对相同的退款（共同随机数）。");
	pc_page_section_end(p);
	section_charts(p, charts, ncharts);
	return pc_page_end(p);
}
