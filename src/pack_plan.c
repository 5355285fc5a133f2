/* pack_plan: the review packs of plan and of plan with shift design: the
 * verdict, the staffing grid with cost per day, the targets, the methods. */
#include "pack_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/dist.h"
#include "promocap/plan_confidence.h"
#include "promocap/verdict.h"

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

		if (!pc_plan_day_first_response(res, d, &req, &mean, &lo, &hi))
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

static void plan_verdict(const pc_page *p, const pc_plan *plan, pack_verdict *v)
{
	const pc_scenario *sc = plan->sc;
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	days_fr f = plan_days(&plan->result, sc);
	char a[64], b[64], c[64], date[16];
	int missed = 0, bind_count[PC_PLAN_MAX_TARGETS] = { 0 }, at_min = 0, planned = 0;

	for (int t = 0; t < plan->ntargets; t++)
		missed += !o->met[t] || !plan->target[t].feasible;
	v->ok = plan->feasible && plan->met && !missed;
	pack_money(a, sizeof a, o->cost);
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

		pack_kpi_name(p, x->key, x->label, name, sizeof name);
		pack_fmt_ci(a, sizeof a, o->mean[t], o->lo[t], o->hi[t], x->unit);
		pack_fmt_target(b, sizeof b, x->target, x->is_max, x->unit);
		if (!x->feasible) {
			pack_fmt_val(c, sizeof c, x->max_mean, x->unit);
			pack_v_add(v, W(p, "%s: %s, target %s: cannot be met within max_per_shift (%s at the maximum roster)",
				   "%s：%s，目标 %s：每班人数上限内无法达到（最大排班也只有 %s）"),
			      name, a, b, c);
		} else if (!o->met[t]) {
			pack_v_add(v, W(p, "%s: %s, target %s: missed", "%s：%s，目标 %s：未达标"), name, a, b);
		}
	}
	if (f.days > 0) {
		char w[32];

		pc_dist_format_duration(sc->sla_first_response.within, w, sizeof w);
		pack_date_text(sc, f.worst, date, sizeof date);
		pack_v_add(v, W(p, "First response within %s day by day (%s): target met on %d of %d days; worst day %s: %.1f%% (%.1f–%.1f)",
			   "首次响应（%s 内）逐日（%s）：%d / %d 天达标；最差一天 %s：%.1f%%（%.1f–%.1f）"),
		      w, sc->plan_judged == PC_JUDGED_DAY	    ? W(p, "judged per day", "按天考核")
			 : sc->plan_judged == PC_JUDGED_INTERVAL ? W(p, "judged per interval", "按时段考核")
								 : W(p, "judged over the horizon", "按整个周期考核"),
		      f.met, f.days, date, f.mean, f.lo, f.hi);
	}
	if (sc->plan_judged == PC_JUDGED_INTERVAL && sc->sla_first_response.set && plan->result.reps) {
		int n, met, worst;
		double m, lo, hi;
		char when[64];

		worst = pc_plan_worst_period(&plan->result, 1, 100 * sc->sla_first_response.share, &n, &met, &m, &lo,
					     &hi);
		pc_plan_interval_text(sc, worst, when, sizeof when);
		if (worst >= 0)
			pack_v_add(v, W(p, "First response interval by interval: target met in %d of %d intervals (those with at least %d requests); worst interval %s: %.1f%% (%.1f–%.1f)",
				   "首次响应逐时段：%d / %d 个时段达标（至少 %d 个请求的时段）；最差时段 %s：%.1f%%（%.1f–%.1f）"),
				   met, n, PC_DAY_MIN_REQUESTS, when, m, lo, hi);
	}
	pack_money(a, sizeof a, o->cost);
	pc_page_grouped(b, sizeof b, o->staff_hours[0] + o->staff_hours[1] + o->staff_hours[2]);
	pack_v_add(v, W(p, "Cost: %s CNY for %s staff-hours (staff-hours × each role's hourly cost)",
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
		pack_date_text(sc, hi_day, date, sizeof date);
		pack_v_add(v, W(p, "%s a day (people on all shifts): %d to %d, most on %s",
			   "%s每天（各班合计）：%d 至 %d 人，最多在 %s"),
		      p->zh ? pack_res_zh[q] : pack_res_cap[q], lo, hi, date);
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
				     p->zh ? pack_res_zh[q] : pack_res_en[q]);
			if (m > 0 && (size_t)m < sizeof none - used)
				used += (size_t)m;
		}
		if (used)
			pack_v_add(v, W(p, "Nobody on any shift: %s (the targets hold without them)",
				   "无需排班：%s（不排也能达标）"), none);
	}
	{
		int best = -1;

		for (int t = 0; t < plan->ntargets; t++)
			if (bind_count[t] && (best < 0 || bind_count[t] > bind_count[best]))
				best = t;
		if (best >= 0) {
			char name[200];

			pack_kpi_name(p, plan->target[best].key, plan->target[best].label, name, sizeof name);
			pack_v_add(v, W(p, "Binding constraint: %s holds %d of the %d planned shifts (one person fewer breaks it)%s",
				   "约束条件：%s 决定了 %d / %d 个班次的人数（少一人即不达标）%s"),
			      name, bind_count[best], planned,
			      at_min ? W(p, "; the others are at min_per_shift", "；其余班次已是最少人数")
				     : "");
		} else if (at_min) {
			pack_v_add(v, W(p, "Binding constraint: min_per_shift (%d of %d shifts at the minimum)",
				   "约束条件：每班最少人数（%d / %d 个班次在下限）"),
			      at_min, planned);
		}
	}
	for (int q = 0; q < PC_NRES; q++)
		if (!plan->feasible && plan->off_duty[q] >= 0.005)
			pack_v_add(v, W(p, "%.0f%% of the %s' work arrives while none of their shifts is on duty: it waits for the next shift whatever the headcount",
				   "%.0f%% 的%s工作在无人当班时到达：无论人数多少都要等到下一班"),
			      100 * plan->off_duty[q], p->zh ? pack_res_zh[q] : pack_res_en[q]);
}

/* Whether day d (0: the first) is a sales day: its row is shaded. */
static int sales_day(const pc_scenario *sc, int d)
{
	return d >= 0 && d < sc->sales_days;
}

/* The staffing grid: one row per day, one column per shift of every role
 * with anyone planned, then the day's people, staff-hours and cost (all
 * roles) and, with a first-response target, that day's figure. */
static void plan_grid(const pc_page *p, const pc_plan *plan)
{
	const pc_scenario *sc = plan->sc;
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	int fr = sc->sla_first_response.set && plan->result.reps, ndays = 0, nq = 0;
	double target = 100 * sc->sla_first_response.share, tot_h = 0, tot_c = 0;
	int qs[PC_NRES];
	char a[64], b[16], c[16], date[16];

	for (int q = 0; q < PC_NRES; q++)
		if (plan_resource_planned(plan, q)) {
			qs[nq++] = q;
			if (sc->staff[q].ndays > ndays)
				ndays = sc->staff[q].ndays;
		}
	if (!nq)
		return;
	fputs("<div class=\"scroll\"><table class=\"grid\" id=\"grid\"><thead><tr><th></th>", p->out);
	for (int i = 0; i < nq; i++) {
		fprintf(p->out, "<th class=\"role\" colspan=\"%d\">", sc->staff[qs[i]].nshifts);
		pc_page_escape(p->out, p->zh ? pack_res_zh[qs[i]] : pack_res_en[qs[i]]);
		fputs("</th>", p->out);
	}
	fprintf(p->out, "<th class=\"role\" colspan=\"%d\">%s</th></tr>\n<tr>", 3 + fr,
		W(p, "the day, all roles", "当天合计"));
	pack_th(p, NULL, W(p, "date", "日期"));
	for (int i = 0; i < nq; i++) {
		const pc_staff *st = &sc->staff[qs[i]];

		for (int s = 0; s < st->nshifts; s++) {
			pack_clock_text(st->shift[s].start, 0, b, sizeof b);
			pack_clock_text(st->shift[s].end > (int)PC_DAY ? st->shift[s].end - (int)PC_DAY : st->shift[s].end, 1,
				   c, sizeof c);
			fprintf(p->out, "<th class=\"n\">");
			pc_page_escape(p->out, st->shift[s].name);
			fprintf(p->out, "<br><span class=\"ci\">%s–%s</span></th>", b, c);
		}
	}
	pack_th(p, "n", W(p, "people", "人数"));
	pack_th(p, "n", W(p, "staff-hours", "工时"));
	pack_th(p, "n", W(p, "cost (CNY)", "成本（元）"));
	if (fr)
		pack_th(p, "n", W(p, "first response", "首次响应"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int d = 0; d < ndays; d++) {
		int people = 0, any = 0;
		double hours = 0, cost = 0;

		for (int i = 0; i < nq; i++)
			any |= d < sc->staff[qs[i]].ndays && plan_day_planned(plan, qs[i], d);
		if (!any)
			continue;
		pack_date_text(sc, d, date, sizeof date);
		fputs(sales_day(sc, d) ? "<tr class=\"sale\">" : "<tr>", p->out);
		pack_th(p, NULL, date);
		for (int i = 0; i < nq; i++) {
			int q = qs[i];
			const pc_staff *st = &sc->staff[q];

			for (int s = 0; s < st->nshifts; s++) {
				int k = d * st->nshifts + s;

				if (d >= st->ndays || plan->binding[q][k] == PC_PLAN_BIND_NONE) {
					pack_td(p, "n", "–");
					continue;
				}
				people += o->headcount[q][k];
				if (!isnan(plan->staff_hours[q][k])) {
					hours += plan->staff_hours[q][k];
					cost += plan->staff_hours[q][k] * st->cost;
				}
				snprintf(a, sizeof a, "%d", o->headcount[q][k]);
				pack_td(p, o->headcount[q][k] ? "n" : "n zero", a);
			}
		}
		snprintf(a, sizeof a, "%d", people);
		pack_td(p, "n", a);
		pc_page_grouped(a, sizeof a, hours);
		pack_td(p, "n", a);
		pack_money(a, sizeof a, cost);
		pack_td(p, "n", a);
		tot_h += hours;
		tot_c += cost;
		if (fr) {
			double req, mean, lo, hi;

			int judged = pc_plan_day_first_response(&plan->result, d, &req, &mean, &lo, &hi);

			if (isnan(mean)) {
				pack_td(p, "n", "–");
			} else {
				snprintf(a, sizeof a, "%.1f%%", mean);
				pack_td(p, !judged ? "n" : lo >= target - 1e-9 ? "n met" : "n missed", a);
			}
		}
		fputs("</tr>\n", p->out);
	}
	fputs("<tr class=\"total\">", p->out);
	pack_th(p, NULL, W(p, "total", "合计"));
	for (int i = 0; i < nq; i++)
		for (int s = 0; s < sc->staff[qs[i]].nshifts; s++)
			pack_td(p, NULL, "");
	pack_td(p, NULL, "");
	pc_page_grouped(a, sizeof a, tot_h);
	pack_td(p, "n", a);
	pack_money(a, sizeof a, tot_c);
	pack_td(p, "n", a);
	if (fr)
		pack_td(p, NULL, "");
	fputs("</tr>\n</tbody></table></div>\n", p->out);
}

static void plan_targets(const pc_page *p, const pc_plan *plan)
{
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	char a[96];

	pc_page_section(p, "targets", "Targets", "服务目标");
	fputs("<table><thead><tr>", p->out);
	pack_th(p, NULL, W(p, "target", "目标"));
	pack_th(p, "n", W(p, "required", "要求"));
	pack_th(p, "n", W(p, "planned for", "排班依据"));
	pack_th(p, "n", W(p, "the plan: mean (95% CI)", "方案：均值（95% 置信区间）"));
	pack_th(p, "n", W(p, "at the maximum roster", "最大排班"));
	pack_th(p, NULL, W(p, "met", "是否达标"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *x = &plan->target[t];
		char name[200];

		pack_kpi_name(p, x->key, x->label, name, sizeof name);
		fputs("<tr>", p->out);
		pack_td(p, NULL, name);
		pack_fmt_target(a, sizeof a, x->target, x->is_max, x->unit);
		pack_td(p, "n", a);
		pack_fmt_target(a, sizeof a, x->planned, x->is_max, x->unit);
		pack_td(p, "n", a);
		pack_fmt_ci(a, sizeof a, o->mean[t], o->lo[t], o->hi[t], x->unit);
		pack_td(p, "n", a);
		pack_fmt_ci(a, sizeof a, x->max_mean, x->max_lo, x->max_hi, x->unit);
		pack_td(p, "n", a);
		pc_page_met_cell(p, o->met[t] && x->feasible);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
	pack_sources(p, "Targets as the scenario sets them (docs/business.md §5); met by the 95% CI's worse end.",
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
	pack_th(p, NULL, W(p, "method", "方法"));
	pack_th(p, "n", W(p, "staff-hours", "工时"));
	pack_th(p, "n", W(p, "cost (CNY)", "成本（元）"));
	pack_th(p, "n", W(p, "targets met", "达标目标"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int m = 0; m < PC_PLAN_NMETHODS; m++) {
		const pc_plan_outcome *x = &plan->method[m];
		int met = 0;

		for (int t = 0; t < plan->ntargets; t++)
			met += x->met[t];
		fputs(m == PC_PLAN_SEARCH ? "<tr style=\"font-weight:bold\">" : "<tr>", p->out);
		pack_td(p, NULL, p->zh ? zh[m] : en[m]);
		pc_page_grouped(a, sizeof a, x->staff_hours[0] + x->staff_hours[1] + x->staff_hours[2]);
		pack_td(p, "n", a);
		pack_money(a, sizeof a, x->cost);
		pack_td(p, "n", a);
		snprintf(a, sizeof a, "%d / %d", met, plan->ntargets);
		pack_td(p, met == plan->ntargets ? "n met" : "n missed", a);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
	pack_sources(p, "The closed form is the worked example of docs/business.md §6; the others check each roster by simulation.",
		"逐日公式即 docs/business.md §6 的算例；其余方法均以模拟检验排班。");
	pc_page_section_end(p);
}

/* The page's head (title, the scenario, seed and replications a check) and
 * its verdict: the plan's own box v, filled by the caller, then the
 * verdict's details for the chosen roster's result. */
static void plan_page_head(const pc_page *p, const pc_scenario *sc, uint64_t seed, int reps,
			   const char *title_en, const char *title_zh, const char *note)
{
	char sub[1200];

	snprintf(sub, sizeof sub, "%s %s · %s %llu · %d %s · promocap", W(p, "scenario", "场景"), sc->file,
		 W(p, "seed", "随机种子"), (unsigned long long)seed, reps,
		 W(p, "replications a check", "次重复/每次检验"));
	pc_page_begin(p, W(p, title_en, title_zh), sc->name, sub, note);
}

static void plan_page_verdict(const pc_page *p, const pc_result *res, pack_verdict *v)
{
	pc_verdict shared;

	pc_verdict_compute(res, &shared);
	pack_section_verdict_run(p, &shared, v);
}

/* plan --confidence: the demand planned for and each target at the 10th
 * and 90th percentile of demand, the draws missing it. */
static void plan_forecast(const pc_page *p, const pc_plan_confidence *c)
{
	const pc_conf_level *lv[3] = { &c->p10, &c->planned, &c->p90 };
	/* The planned level's column unless it is the 90th percentile's. */
	int planned_col = fabs(c->planned.quantile - c->p90.quantile) > 0.005;
	char a[400], b[96];

	pc_page_section(p, "forecast", "The plan over the forecast's spread", "预测不确定性下的方案");
	fprintf(p->out, "<p class=\"%s\">", c->met ? "met" : "missed");
	pc_plan_confidence_verdict_words(c, p->zh, a, sizeof a);
	pc_page_escape(p->out, a);
	fputs("</p>\n<ul>\n", p->out);
	pc_plan_confidence_level_words(&c->forecast, &c->planned, p->zh, a, sizeof a);
	fputs("<li>", p->out);
	if (p->zh)
		fprintf(p->out, "按需求的第 %.3g 百分位排班：", 100 * c->planned.quantile);
	else
		fprintf(p->out, "planned for the %.3gth percentile of demand: ", 100 * c->planned.quantile);
	pc_page_escape(p->out, a);
	fprintf(p->out, p->zh ? "；平均预测为 %.0f 件（共做 %d 次方案）</li>\n" : ", against %.0f at the mean forecast (%d plan%s made)</li>\n",
		c->work_mean, c->rounds, p->zh ? "" : c->rounds == 1 ? "" : "s");
	for (int i = 0; i < 3; i += 2) {
		pc_plan_confidence_level_words(&c->forecast, lv[i], p->zh, a, sizeof a);
		fputs("<li>", p->out);
		fprintf(p->out, p->zh ? "需求第 %.0f 百分位：" : "the %.0fth percentile of demand: ", 100 * lv[i]->quantile);
		pc_page_escape(p->out, a);
		fputs("</li>\n", p->out);
	}
	if (c->chance_bound && p->zh)
		fprintf(p->out, "<li>需求不高于中位数的 %d 次抽样中有 %d 次也未达标：是随机波动而非预测导致未达标，按更高需求排班无济于事</li>\n",
			c->covered, c->covered - c->covered_met);
	else if (c->chance_bound)
		fprintf(p->out, "<li>%d of the %d draws at or below the median demand miss a target too: chance misses, not the forecast, and planning for more demand would not help</li>\n",
			c->covered - c->covered_met, c->covered);
	fputs("</ul>\n<table><thead><tr>", p->out);
	pack_th(p, NULL, W(p, "target", "目标"));
	pack_th(p, "n", W(p, "planned for", "排班依据"));
	pack_th(p, "n", W(p, "at P10 demand", "需求 P10"));
	snprintf(b, sizeof b, p->zh ? "需求 P%.3g（排班依据）" : "at P%.3g demand (planned for)", 100 * c->planned.quantile);
	if (planned_col)
		pack_th(p, "n", b);
	pack_th(p, "n", W(p, "at P90 demand", "需求 P90"));
	pack_th(p, "n", W(p, "draws met", "达标抽样"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int t = 0; t < c->ntargets; t++) {
		const pc_conf_target *x = &c->target[t];
		char name[200];

		pack_kpi_name(p, x->key, x->label, name, sizeof name);
		if (x->by_day) {
			size_t len = strlen(name);

			/* Judged per day: the figures are its worst day's. */
			snprintf(name + len, sizeof name - len, "%s", W(p, ", worst day", "（最差一天）"));
		}
		fputs("<tr>", p->out);
		pack_td(p, NULL, name);
		pack_fmt_target(a, sizeof a, x->planned, x->is_max, x->unit);
		pack_td(p, "n", a);
		for (int i = 0; i < 3; i++) {
			if (i == 1 && !planned_col)
				continue;
			pack_fmt_val_apart(a, sizeof a, lv[i]->mean[t], x->planned, x->unit);
			pack_td(p, lv[i]->met[t] ? "n met" : "n missed", a);
		}
		snprintf(a, sizeof a, "%.0f%% (%d / %d)", c->draws ? 100.0 * (c->draws - c->missed[t]) / c->draws : 0.0,
			 c->draws - c->missed[t], c->draws);
		pack_td(p, "n", a);
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table>\n", p->out);
	pack_sources(p, "The same rosters simulated at the 10th and 90th percentile of demand (the forecast's means, its volume key set there) with the plan's replications, their mean against each target; draws met: of the forecast draws checked, two replications each, those whose mean (chance taken out) meets the target (docs/forecast.md).",
		     "同一排班在需求第 10 与第 90 百分位（预测均值，其规模键取该分位）下以方案的重复次数模拟，均值对照目标；达标抽样：检验的预测抽样（每次 2 次重复）中均值（已剔除随机波动）达到目标的次数（docs/forecast.md）。");
	pc_page_section_end(p);
}

/* The share of forecast draws meeting every target is part of the verdict:
 * a line of its own, and where the plan meets every target at the demand
 * planned for but the share falls short, the heading says both (it read
 * "Every target is met" over a red box). */
static void conf_verdict(const pc_page *p, const pc_plan_confidence *conf, double cost, pack_verdict *v)
{
	char a[400], m[64];

	if (v->ok && !conf->met) {
		pack_money(m, sizeof m, cost);
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met at the demand planned for (%s CNY), but in only %.0f%% of the forecast draws, below the %.3g%% asked",
			   "按排班依据的需求全部达标（%s 元），但预测抽样中仅 %.0f%% 全部达标，低于要求的 %.3g%%"),
			 m, 100 * conf->share, 100 * conf->level);
	}
	v->ok = v->ok && conf->met;
	pc_plan_confidence_verdict_words(conf, p->zh, a, sizeof a);
	pack_v_add(v, "%s%s", W(p, "Forecast: ", "预测："), a);
}

static int write_plan(const pc_plan *plan, const pc_plan_confidence *conf, const pc_report_chart *charts,
		      int ncharts, const char *lang, const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	pack_verdict v;

	memset(&v, 0, sizeof v);
	plan_page_head(p, plan->sc, plan->seed, plan->reps, "Staffing plan", "排班方案", note);
	plan_verdict(p, plan, &v);
	if (conf) {
		conf_verdict(p, conf, plan->method[PC_PLAN_SEARCH].cost, &v);
	}
	plan_page_verdict(p, &plan->result, &v);
	if (conf)
		plan_forecast(p, conf);
	pc_page_section(p, "staffing", "Staffing grid: people per shift, cost per day",
			"排班表：每班人数、每日成本");
	plan_grid(p, plan);
	pack_sources(p, "Shaded: the sales days. Cost per day: staff-hours × the role's cost per staff-hour ([staff.*] cost); a red 0: nobody on that shift; – : not planned; first response by the day of the request, green where the 95% CI's low end meets the target (docs/business.md §5).",
		"底色：销售期。每日成本 = 工时 × 该岗位每小时成本（[staff.*] cost）；红色 0 表示该班无人；– 表示未排班；首次响应按申请日统计，95% 置信区间下限达标为绿色（docs/business.md §5）。");
	pc_page_section_end(p);
	plan_targets(p, plan);
	plan_methods(p, plan);
	pack_section_charts(p, charts, ncharts);
	return pc_page_end(p);
}

int pc_pack_write_plan(const pc_plan *plan, const pc_report_chart *charts, int ncharts, const char *lang,
		       const char *note, FILE *out)
{
	return write_plan(plan, NULL, charts, ncharts, lang, note, out);
}

int pc_pack_write_plan_confidence(const pc_plan *plan, const pc_plan_confidence *conf, const pc_report_chart *charts,
				  int ncharts, const char *lang, const char *note, FILE *out)
{
	return write_plan(plan, conf, charts, ncharts, lang, note, out);
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

/* What binds the design (pc_design_binding), in the page's language. */
static void design_binding(const pc_page *p, const pc_design *d, char *buf, size_t n)
{
	pc_design_bind b;
	char date[16], w[32];
	const char *who;

	pc_design_binding(d, &b);
	pack_date_text(d->sc, b.day, date, sizeof date);
	who = p->zh ? pack_res_zh[b.res] : pack_res_en[b.res];
	switch (b.kind) {
	case PC_BIND_CAP:
		snprintf(buf, n, W(p, "the cap of %d %s a day (reached on %s)", "每天最多 %d 名%s的上限（%s 达到）"),
			 b.value, who, date);
		break;
	case PC_BIND_CHANGE:
		snprintf(buf, n,
			 W(p, "the largest day-to-day change of %d %s (reached on %s)",
			   "每日人数变化最多 %d 名%s的限制（%s 达到）"),
			 b.value, who, date);
		break;
	case PC_BIND_TIGHTEST_DAY:
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (p->zh)
			snprintf(buf, n, "%s 的首次响应 %.4g%%（%s 内），最紧的一天", date, d->fr_target, w);
		else
			snprintf(buf, n, "first response %.4g%% within %s on %s, the tightest day", d->fr_target, w,
				 date);
		break;
	case PC_BIND_LOWERED:
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (b.day >= 0 && !isnan(d->day_mean[b.day]))
			snprintf(buf, n,
				 W(p, "the checks: Erlang C's requirement lowered while every target held (first response %.4g%% within %s at worst %.4g%%, on %s)",
				   "检验：在各目标仍达标的前提下把 Erlang C 的需求调低（首次响应 %.4g%%（%s 内）最差 %.4g%%，在 %s）"),
				 d->fr_target, w, d->day_mean[b.day], date);
		else
			snprintf(buf, n, "%s",
				 W(p, "the checks: Erlang C's requirement lowered while every target held",
				   "检验：在各目标仍达标的前提下把 Erlang C 的需求调低"));
		break;
	case PC_BIND_ERLANG:
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (b.day >= 0 && !isnan(d->day_mean[b.day]))
			snprintf(buf, n,
				 W(p, "Erlang C's people for each interval's work at its target, as the patterns cover them (no check found a day short; first response %.4g%% within %s at worst %.4g%%, on %s)",
				   "各时段工作量按其目标由 Erlang C 算出的人数，由班型覆盖（检验未发现哪天不足；首次响应 %.4g%%（%s 内）最差 %.4g%%，在 %s）"),
				 d->fr_target, w, d->day_mean[b.day], date);
		else
			snprintf(buf, n, "%s",
				 W(p, "Erlang C's people for each interval's work at its target, as the patterns cover them (no check found a target short)",
				   "各时段工作量按其目标由 Erlang C 算出的人数，由班型覆盖（检验未发现目标不足）"));
		break;
	case PC_BIND_TIGHTEST_INTERVAL: {
		char when[64];

		pc_dist_format_duration(d->fr_within, w, sizeof w);
		pc_plan_interval_text(d->sc, b.interval, when, sizeof when);
		if (p->zh)
			snprintf(buf, n, "%s 的首次响应 %.4g%%（%s 内），最紧的时段", when, d->fr_target, w);
		else
			snprintf(buf, n, "first response %.4g%% within %s in %s, the tightest interval", d->fr_target, w,
				 when);
		break;
	}
	default: {
		char name[200];

		pack_kpi_name(p, d->target[b.target].key, d->target[b.target].label, name, sizeof name);
		snprintf(buf, n, W(p, "%s over the horizon (its misses raised the requirement)", "整个周期的%s（未达标时提高了需求）"),
			 name);
	}
	}
}

static void design_verdict(const pc_page *p, const pc_design *d, pack_verdict *v)
{
	const pc_scenario *sc = d->sc;
	char a[64], b[64], c[64], date[16], bind[400];
	int over = d->budget > 0 && d->cost > d->budget + 0.5;

	v->ok = d->met && !over;
	pack_money(a, sizeof a, d->cost);
	if (v->ok && d->by_interval)
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met on every day and in every interval it is judged, for %s CNY",
			   "每个考核日、每个考核时段全部目标达标，人力成本 %s 元"), a);
	else if (v->ok)
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met on every day it is judged, for %s CNY",
			   "每个考核日全部目标达标，人力成本 %s 元"), a);
	else if (d->met)
		snprintf(v->head, sizeof v->head,
			 W(p, "Every target is met, but the plan costs %s CNY, over the budget",
			   "全部目标达标，但成本 %s 元超出预算"), a);
	else if (d->by_interval)
		snprintf(v->head, sizeof v->head,
			 W(p, "NOT every target can be met on every day and in every interval: the plan is for what can be attained (%s CNY)",
			   "并非每天、每个时段都能全部达标：方案按可达水平排班（%s 元）"), a);
	else
		snprintf(v->head, sizeof v->head,
			 W(p, "NOT every target can be met on every day: the plan is for what can be attained (%s CNY)",
			   "并非每天都能全部达标：方案按可达水平排班（%s 元）"), a);
	if (d->by_interval && d->worst_interval >= 0) {
		int failed, judged = pc_design_intervals_judged(d, &failed), k = d->worst_interval;
		char w[32], when[64];

		pc_dist_format_duration(d->fr_within, w, sizeof w);
		pc_plan_interval_text(sc, k, when, sizeof when);
		pack_v_add(v, W(p, "First response %.4g%% within %s, judged per interval: met in %d of %d intervals; worst %s: %.1f%% (%.1f–%.1f)",
			   "首次响应 %.4g%%（%s 内，逐时段考核）：%d / %d 个时段达标；最差时段 %s：%.1f%%（%.1f–%.1f）"),
		      d->fr_target, w, judged - failed, judged, when, d->int_mean[k], d->int_lo[k], d->int_hi[k]);
	} else if (d->by_day && d->ndays > 0) {
		int judged = 0, failed = 0;
		char w[32];

		for (int day = 0; day < d->ndays; day++)
			if (d->day_requests[day] > 0 && d->day_requests[day] >= d->day_floor) {
				judged++;
				failed += !d->day_met[day];
			}
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (d->worst_day >= 0) {
			pack_date_text(sc, d->worst_day, date, sizeof date);
			pack_v_add(v, W(p, "First response %.4g%% within %s: met on %d of %d days; worst day %s: %.1f%% (%.1f–%.1f)",
				   "首次响应 %.4g%%（%s 内）：%d / %d 天达标；最差一天 %s：%.1f%%（%.1f–%.1f）"),
			      d->fr_target, w, judged - failed, judged, date, d->day_mean[d->worst_day],
			      d->day_lo[d->worst_day], d->day_hi[d->worst_day]);
		}
	}
	for (int t = 0; t < d->ntargets; t++) {
		const pc_design_target *x = &d->target[t];
		char name[200];

		pack_kpi_name(p, x->key, x->label, name, sizeof name);
		pack_fmt_ci(a, sizeof a, x->mean, x->lo, x->hi, "%");
		pack_fmt_target(b, sizeof b, x->target, x->is_max, "%");
		pack_v_add(v, W(p, "%s over the horizon: %s, target %s: %s%s", "%s（整个周期）：%s，目标 %s：%s%s"), name, a, b,
		      x->met ? W(p, "met", "达标") : W(p, "MISSED", "未达标"),
		      x->given_up ? W(p, " (more staff stopped paying)", "（加人已无明显效果）") : "");
	}
	pack_money(a, sizeof a, d->cost);
	pc_page_grouped(c, sizeof c, d->hours);
	if (d->budget > 0) {
		pack_money(b, sizeof b, d->budget);
		pack_v_add(v, W(p, "Cost: %s CNY for %s paid hours of designed shifts; budget %s CNY%s",
			   "成本：%s 元，设计班次共 %s 带薪工时；预算 %s 元%s"),
		      a, c, b, over ? W(p, ": OVER", "：超出") : "");
	} else {
		pack_v_add(v, W(p, "Cost: %s CNY for %s paid hours of designed shifts", "成本：%s 元，设计班次共 %s 带薪工时"), a, c);
	}
	{
		int days;

		if (pc_design_lowered(d, &days) && d->cost_erlang > d->cost + 0.5) {
			pack_money(a, sizeof a, d->cost_erlang - d->cost);
			pack_money(b, sizeof b, d->cost_erlang);
			pack_v_add(v,
				   W(p, "Lowered below Erlang C's requirement on %d of %d days, where every target held with room: %s CNY less than covering it (%s CNY)",
				     "在 %d / %d 天里，各目标仍有余量，需求调到 Erlang C 以下：比按其排班少花 %s 元（%s 元）"),
				   days, d->ndays, a, b);
		}
	}
	for (int r = 0; r < PC_NRES; r++) {
		int lo, hi, hi_day;

		if (!d->designed[r])
			continue;
		design_people(&d->shifts[r], &lo, &hi, &hi_day);
		pack_date_text(sc, hi_day, date, sizeof date);
		pack_v_add(v, W(p, "%s a day: %d to %d (most on %s), %d shift patterns", "%s每天 %d 至 %d 人（最多在 %s），%d 种班型"),
		      p->zh ? pack_res_zh[r] : pack_res_cap[r], lo, hi, date, d->shifts[r].npatterns);
		if (d->shifts[r].cost_any > 0 && d->shifts[r].cost > d->shifts[r].cost_any + 0.5) {
			pack_money(a, sizeof a, d->shifts[r].cost - d->shifts[r].cost_any);
			pack_money(b, sizeof b, d->shifts[r].cost_any);
			pack_v_add(v,
				   W(p, "%s: the limit of %d patterns costs %s CNY; the cheapest cover with any number costs %s CNY (%d patterns)",
				     "%s：班型上限 %d 种多花 %s 元；不限班型数的最省排班为 %s 元（%d 种班型）"),
				   p->zh ? pack_res_zh[r] : pack_res_cap[r], sc->plan_patterns[r].patterns, a, b,
				   d->shifts[r].patterns_any);
		}
	}
	design_binding(p, d, bind, sizeof bind);
	pack_v_add(v, W(p, "Binding constraint: %s", "约束条件：%s"), bind);
	for (int r = 0; r < PC_NRES; r++)
		if (d->why[r][0])
			pack_v_add(v, "%s: %s", d->met ? W(p, "Note", "说明") : W(p, "Why", "原因"),
				   p->zh && d->why_zh[r][0] ? d->why_zh[r] : d->why[r]);
}

static void design_patterns(const pc_page *p, const pc_design *d)
{
	char a[64], b[16], c[16];

	pc_page_section(p, "shifts", "Shift design", "班次设计");
	fputs("<table><thead><tr>", p->out);
	pack_th(p, NULL, W(p, "role", "岗位"));
	pack_th(p, NULL, W(p, "pattern", "班型"));
	pack_th(p, "n", W(p, "hours", "时间"));
	pack_th(p, "n", W(p, "paid hours", "带薪时长"));
	pack_th(p, "n", W(p, "break", "休息"));
	pack_th(p, "n", W(p, "people over the horizon", "周期内人次"));
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
			pack_td(p, NULL, k ? "" : p->zh ? pack_res_zh[r] : pack_res_en[r]);
			pack_td(p, NULL, pt->name);
			pack_clock_text(pt->start * 60, 0, b, sizeof b);
			pack_clock_text((pt->start + pt->length) * 60, 1, c, sizeof c);
			snprintf(a, sizeof a, "%s–%s", b, c);
			pack_td(p, "n", a);
			snprintf(a, sizeof a, "%.4g h", pt->length / 60.0);
			pack_td(p, "n", a);
			if (pt->brk) {
				pack_clock_text((pt->start + pt->brk_start) * 60, 0, b, sizeof b);
				pack_clock_text((pt->start + pt->brk_start + pt->brk) * 60, 1, c, sizeof c);
				snprintf(a, sizeof a, "%s–%s", b, c);
			} else {
				snprintf(a, sizeof a, "–");
			}
			pack_td(p, "n", a);
			snprintf(a, sizeof a, "%d", total);
			pack_td(p, "n", a);
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

	fprintf(p->out, "<h3>%s</h3>\n<div class=\"scroll\"><table class=\"grid\" id=\"grid-%s\"><thead><tr>",
		p->zh ? pack_res_zh[r] : pack_res_en[r], pc_res_name((pc_res)r));
	pack_th(p, NULL, W(p, "date", "日期"));
	for (int k = 0; k < s->npatterns; k++) {
		pack_clock_text(s->pattern[k].start * 60, 0, b, sizeof b);
		pack_clock_text((s->pattern[k].start + s->pattern[k].length) * 60, 1, c, sizeof c);
		/* start over end: eight patterns and the day's cost fit the page */
		fprintf(p->out, "<th class=\"n\">%s–<br>%s</th>", b, c);
	}
	pack_th(p, "n", W(p, "people", "人数"));
	pack_th(p, "n", W(p, "cost (CNY)", "成本（元）"));
	if (fr)
		pack_th(p, "n", W(p, "first response", "首次响应"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int day = 0; day < s->ndays; day++) {
		int people = 0, dd = s->first + day;

		for (int k = 0; k < s->npatterns; k++)
			people += s->count[day * s->npatterns + k];
		if (dd < 0 && !people)
			continue;
		pack_date_text(d->sc, dd, date, sizeof date);
		fputs(sales_day(d->sc, dd) ? "<tr class=\"sale\">" : "<tr>", p->out);
		pack_th(p, NULL, date);
		for (int k = 0; k < s->npatterns; k++) {
			int x = s->count[day * s->npatterns + k];

			snprintf(a, sizeof a, "%d", x);
			pack_td(p, "n", a);
		}
		snprintf(a, sizeof a, "%d", people);
		pack_td(p, people ? "n" : "n zero", a);
		pack_money(a, sizeof a, s->day_cost[day]);
		pack_td(p, "n", a);
		tot += s->day_cost[day];
		if (fr) {
			if (dd < 0 || dd >= d->ndays || isnan(d->day_mean[dd])) {
				pack_td(p, "n", "–");
			} else {
				snprintf(a, sizeof a, "%.1f%%", d->day_mean[dd]);
				pack_td(p, d->day_met[dd] ? "n met" : "n missed", a);
			}
		}
		fputs("</tr>\n", p->out);
	}
	fputs("<tr class=\"total\">", p->out);
	pack_th(p, NULL, W(p, "total", "合计"));
	for (int k = 0; k < s->npatterns + 1; k++)
		pack_td(p, NULL, "");
	pack_money(a, sizeof a, tot);
	pack_td(p, "n", a);
	if (fr)
		pack_td(p, NULL, "");
	fputs("</tr>\n</tbody></table></div>\n", p->out);
}

static int write_design(const pc_design *d, const pc_plan_confidence *conf, const pc_report_chart *charts,
			int ncharts, const char *lang, const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	pack_verdict v;

	memset(&v, 0, sizeof v);
	plan_page_head(p, d->sc, d->seed, d->reps, "Staffing plan with shift design", "排班方案（班次设计）", note);
	design_verdict(p, d, &v);
	if (conf) {
		conf_verdict(p, conf, d->cost, &v);
	}
	plan_page_verdict(p, &d->result, &v);
	if (conf)
		plan_forecast(p, conf);
	design_patterns(p, d);
	pc_page_section(p, "staffing", "Staffing grid: paid people per pattern, cost per day",
			"排班表：每个班型的带薪人数、每日成本");
	for (int r = 0; r < PC_NRES; r++)
		if (d->designed[r])
			design_grid(p, d, r);
	pack_sources(p, "Shaded: the sales days. Cost per day: the paid hours of the shifts starting that day × the role's hourly cost, with the night and promotion premiums; first response judged by the day of the request (docs/business.md §5).",
		"底色：销售期。每日成本 = 当天开始的班次带薪工时 × 岗位每小时成本（含夜班与大促溢价）；首次响应按申请日考核（docs/business.md §5）。");
	pc_page_section_end(p);
	pack_section_charts(p, charts, ncharts);
	return pc_page_end(p);
}

int pc_pack_write_design(const pc_design *d, const pc_report_chart *charts, int ncharts, const char *lang,
			 const char *note, FILE *out)
{
	return write_design(d, NULL, charts, ncharts, lang, note, out);
}

int pc_pack_write_design_confidence(const pc_design *d, const pc_plan_confidence *conf, const pc_report_chart *charts,
				    int ncharts, const char *lang, const char *note, FILE *out)
{
	return write_design(d, conf, charts, ncharts, lang, note, out);
}
