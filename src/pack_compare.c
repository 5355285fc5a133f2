/* pack_compare: the review packs of compare (the scenarios' verdicts, the
 * keys that differ, the KPIs side by side) and sweep (the points). */
#include "pack_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/charts.h"
#include "promocap/verdict.h"

/* ---- compare --------------------------------------------------------------- */

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
		pack_th(p, NULL, W(p, "scenario key", "场景参数"));
		for (int i = 0; i < cmp->n; i++)
			pack_th(p, NULL, cmp->label[i]);
		fputs("</tr></thead>\n<tbody>\n", p->out);
		/* Every key of any scenario, in the order they first appear. */
		for (int i = 0; i < cmp->n; i++)
			for (int k = 0; k < ks[i].n; k++) {
				const char *key = ks[i].key[k];
				int seen = 0, differs = 0;

				for (int j = 0; j < i && !seen; j++)
					seen = keyset_get(&ks[j], key) != NULL;
				/* compare runs every scenario with the first one's seed
				 * and replications: not a difference. */
				if (seen || !strcmp(key, "simulation.seed") || !strcmp(key, "simulation.replications"))
					continue;
				for (int j = 1; j < cmp->n && !differs; j++) {
					const char *a = keyset_get(&ks[0], key), *b = keyset_get(&ks[j], key);
					differs = !a || !b || strcmp(a, b);
				}
				if (!differs)
					continue;
				rows++;
				fputs("<tr>", p->out);
				pack_td(p, NULL, key);
				for (int j = 0; j < cmp->n; j++) {
					const char *x = keyset_get(&ks[j], key);
					pack_td(p, NULL, x ? x : "–");
				}
				fputs("</tr>\n", p->out);
			}
		if (!rows) {
			fputs("<tr>", p->out);
			pack_td(p, NULL, W(p, "none: the scenarios are the same", "无：各场景设置相同"));
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
			pack_sources(p, line, line);
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

/* A difference without floating-point noise: "+2.5 pp (+1.9, +3.1)";
 * "same" when every pair is equal, "≈ 0" below res (a thousandth of a
 * percentage point, or of the figures compared). */
static void fmt_diff(const pc_page *p, char *buf, size_t n, double d, double lo, double hi, double res,
		     const char *unit)
{
	const char *u = !strcmp(unit, "%") ? "pp" : unit;
	char a[24], l[24], h[24];

	if (isnan(d)) {
		snprintf(buf, n, "–");
		return;
	}
	if (d == 0 && (isnan(lo) || (lo == 0 && hi == 0))) {
		snprintf(buf, n, "%s", W(p, "same", "相同"));
		return;
	}
	if (fabs(d) < res && (isnan(lo) || (fabs(lo) < res && fabs(hi) < res))) {
		snprintf(buf, n, "≈ 0 %s", u);
		return;
	}
	if (fabs(d) >= 1000)
		snprintf(a, sizeof a, "%s%.0f", d > 0 ? "+" : "", d);
	else
		snprintf(a, sizeof a, fabs(d) < res ? "≈ 0" : "%+.3g", d);
	if (isnan(lo) || isnan(hi)) {
		snprintf(buf, n, "%s %s", a, u);
	} else {
		snprintf(l, sizeof l, "%+.3g", fabs(lo) < res ? 0 : lo);
		snprintf(h, sizeof h, "%+.3g", fabs(hi) < res ? 0 : hi);
		snprintf(buf, n, "%s %s (%s, %s)", a, u, l, h);
	}
}

int pc_pack_write_compare(const pc_compare *cmp, const pc_report_chart *charts, int ncharts, const char *lang,
			  const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	pc_kpi(*k)[PC_MAX_KPIS] = calloc((size_t)cmp->n, sizeof *k);
	int *nk = calloc((size_t)cmp->n, sizeof *nk), all_met = 0, best = -1;
	double *cost = calloc((size_t)cmp->n, sizeof *cost);
	pack_verdict v;
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

	/* The verdict: per scenario its targets (as pc_verdict_compute judges
	 * them, the summary's) and its staff cost. */
	for (int i = 0; i < cmp->n; i++) {
		pc_verdict vv;
		int targets, missed;
		char miss[600] = "", c[64];
		size_t used = 0;

		pc_verdict_compute(&cmp->res[i], &vv);
		targets = vv.ntargets;
		missed = vv.ntargets - vv.nmet;
		cost[i] = vv.cost;
		for (int t = 0; t < vv.ntargets; t++) {
			const pc_verdict_target *x = &vv.target[t];
			char val[48], tg[48];
			int m;

			if (x->met)
				continue;
			pack_fmt_val(val, sizeof val, x->by_day && x->worst_day >= 0 ? x->worst : x->mean, x->unit);
			pack_fmt_val(tg, sizeof tg, x->target, x->unit);
			pack_kpi_name(p, x->key, x->label, name, sizeof name);
			m = snprintf(miss + used, sizeof miss - used, "%s%s %s%s %s %s", used ? "; " : "", name,
				     x->by_day && x->worst_day >= 0 ? W(p, "on its worst day ", "最差日 ") : "", val,
				     x->is_max ? ">" : "<", tg);
			if (m > 0 && (size_t)m < sizeof miss - used)
				used += (size_t)m;
		}
		pack_money(c, sizeof c, cost[i]);
		if (!missed) {
			all_met++;
			if (best < 0 || cost[i] < cost[best])
				best = i;
			if (targets == 1)
				pack_v_add(&v, W(p, "%s: the target is met; staff cost %s CNY", "%s：目标达标；人力成本 %s 元"),
					   cmp->label[i], c);
			else
				pack_v_add(&v, W(p, "%s: all %d targets met; staff cost %s CNY", "%s：%d 项目标全部达标；人力成本 %s 元"),
					   cmp->label[i], targets, c);
		} else {
			pack_v_add(&v, W(p, "%s: %d of %d targets MISSED (%s); staff cost %s CNY",
				    "%s：%d / %d 项目标未达标（%s）；人力成本 %s 元"),
			      cmp->label[i], missed, targets, miss, c);
		}
	}
	v.ok = all_met > 0;
	if (best >= 0) {
		pack_money(a, sizeof a, cost[best]);
		snprintf(v.head, sizeof v.head,
			 W(p, "%d of %d scenarios meet every target; the cheapest that does: %s, %s CNY",
			   "%d / %d 个场景全部达标；其中成本最低：%s，%s 元"),
			 all_met, cmp->n, cmp->label[best], a);
	} else {
		snprintf(v.head, sizeof v.head, "%s",
			 W(p, "No scenario meets every target", "没有一个场景能全部达标"));
	}
	if (cmp->stopped)
		pack_v_add(&v, W(p, "Stopped early: %d of %d paired replications finished", "提前停止：%d / %d 次配对重复完成"),
		      cmp->reps_done, cmp->reps);
	pack_section_verdict(p, &v);
	compare_differences(p, cmp);

	/* Every KPI side by side. */
	pc_page_section(p, "kpis", "KPIs side by side: mean (95% CI), difference to the first",
			"关键指标对比：均值（95% 置信区间），与第一个场景之差");
	fputs("<table id=\"side\" class=\"wide\"><thead><tr>", p->out);
	pack_th(p, NULL, W(p, "KPI", "指标"));
	pack_th(p, "n", W(p, "target", "目标"));
	for (int i = 0; i < cmp->n; i++)
		pack_th(p, "n", cmp->label[i]);
	for (int i = 1; i < cmp->n; i++) {
		snprintf(a, sizeof a, "%s − %s", cmp->label[i], cmp->label[0]);
		pack_th(p, "n", a);
	}
	fputs("</tr></thead>\n<tbody>\n<tr>", p->out);
	pack_td(p, NULL, W(p, "staff cost (CNY)", "人力成本（元）"));
	pack_td(p, NULL, "");
	for (int i = 0; i < cmp->n; i++) {
		pack_money(a, sizeof a, cost[i]);
		pack_td(p, "n", a);
	}
	for (int i = 1; i < cmp->n; i++) {
		char c[64];

		pack_money(c, sizeof c, cost[i] - cost[0]);
		snprintf(a, sizeof a, "%s%s", cost[i] - cost[0] > 0.5 ? "+" : "", c);
		pack_td(p, "n", a);
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
			pack_kpi_name(p, x->key, x->label, name, sizeof name);
			fputs("<tr>", p->out);
			pack_td(p, NULL, name);
			if (x->has_target)
				pack_fmt_target(a, sizeof a, x->target, x->target_is_max, x->unit);
			else
				a[0] = '\0';
			pack_td(p, "n", a);
			for (int i = 0; i < cmp->n; i++) {
				const pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)cmp->nkpis + (size_t)j];
				const pc_kpi *own = kpi_by_key(k[i], nk[i], x->key);

				pack_td_ci(p, own && own->has_target ? own->met ? "n met" : "n missed" : "n", f->mean, f->lo,
				      f->hi, x->unit);
			}
			for (int i = 1; i < cmp->n; i++) {
				const pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)cmp->nkpis + (size_t)j];

				if (cmp->comparable && !cmp->comparable[j])
					snprintf(a, sizeof a, "%s", W(p, "not comparable", "不可比"));
				else
					fmt_diff(p, a, sizeof a, f->diff, f->diff_lo, f->diff_hi,
						 !strcmp(x->unit, "%") ? 1e-3
						 : 1e-3 * fmax(fabs(f->mean), fabs(cmp->fig[j].mean)), x->unit);
				pack_td(p, "n", a);
			}
			fputs("</tr>\n", p->out);
		}
	}
	fputs("</tbody></table>\n", p->out);
	pack_sources(p, "Green: the scenario meets its target, red: it misses it (docs/business.md §5); pp: percentage points; differences from paired replications (the same refunds).",
		"绿色：达标，红色：未达标（docs/business.md §5）；pp：百分点；差值来自配对重复（相同的退款）。");
	pc_page_section_end(p);
	pack_section_charts(p, charts, ncharts);
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

/* Whether the point's verdict names KPI k among its missed targets (by
 * the short names src/sweep.c gives them): a target judged per day can
 * miss on a day while its mean over the horizon meets it. */
static int verdict_missed(const pc_sweep *sw, int pt, int k)
{
	static const struct {
		const char *key, *name;
	} map[] = {
		{ "first_response_within", "first response" },
		{ "refund_only_handled_within", "refund-only acted on" },
	};
	const char *list = sw->missed ? sw->missed[pt] : "";

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		size_t n = strlen(map[i].name);
		const char *at = list;

		if (strcmp(map[i].key, sw->kpi[k].key))
			continue;
		while ((at = strstr(at, map[i].name))) {
			if ((at == list || at[-1] == ' ') && (at[n] == ',' || at[n] == '\0'))
				return 1;
			at += n;
		}
	}
	return 0;
}

/* sweep_met, a target judged per day missed on a day counting as missed
 * (2: met by the mean, missed on a day). */
static int sweep_met_verdict(const pc_sweep *sw, int pt, int k)
{
	int m = sweep_met(sw, pt, k);

	return m == 1 && verdict_missed(sw, pt, k) ? 2 : m;
}

/* The staff cost of point pt, as its verdict counts it (paid staff-hours
 * times each roster's cost, mean of the replications). */
static double point_cost(const pc_sweep *sw, int pt)
{
	return sw->cost ? sw->cost[pt] : NAN;
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
	int targeted[PC_MAX_KPIS], nt = 0, util = -1, all = 0, first = -1, bestp = -1, bestn = -1, done = 0, ties = 0, cheap = -1;
	pack_verdict v;
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
		/* The point's verdict (pc_verdict_compute, as run judges it:
		 * first response per day where the scenario says so). */
		met = sw->met[pt];
		judged = sw->targets[pt];
		if (met == judged) {
			all++;
			if (first < 0)
				first = pt;
			if (cheap < 0 || point_cost(sw, pt) < point_cost(sw, cheap))
				cheap = pt;
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
	if (first >= 0 && cheap >= 0 && !isnan(point_cost(sw, cheap))) {
		char c[64];

		point_label(sw, cheap, a, sizeof a);
		pack_money(c, sizeof c, point_cost(sw, cheap));
		snprintf(v.head, sizeof v.head,
			 W(p, "%d of %d points meet every target; the cheapest that does: %s, staff cost %s CNY",
			   "%d / %d 个取值点全部达标；其中成本最低：%s，人力成本 %s 元"),
			 all, done, a, c);
	} else if (first >= 0) {
		point_label(sw, first, a, sizeof a);
		snprintf(v.head, sizeof v.head,
			 W(p, "%d of %d points meet every target; the first that does: %s",
			   "%d / %d 个取值点全部达标；第一个达标的：%s"),
			 all, done, a);
	} else if (bestp >= 0 && ties == done && done > 1) {
		snprintf(v.head, sizeof v.head,
			 W(p, "No point meets every target; every point meets %d of %d",
			   "没有一个取值点全部达标；每个点都只达标 %d / %d 项"),
			 bestn, sw->targets[bestp]);
	} else if (bestp >= 0) {
		point_label(sw, bestp, a, sizeof a);
		snprintf(v.head, sizeof v.head,
			 W(p, "No point meets every target; the best, %s, meets %d of %d",
			   "没有一个取值点全部达标；最好的 %s 达标 %d / %d 项"),
			 a, bestn, sw->targets[bestp]);
	} else {
		snprintf(v.head, sizeof v.head, "%s", W(p, "No point finished", "没有完成的取值点"));
	}
	for (int t = 0; t < nt; t++) {
		int k = targeted[t], n = 0, shown = 0;
		char list[600] = "", tg[64];
		size_t used = 0;

		for (int pt = 0; pt < sw->npoints; pt++) {
			if (!sw->complete[pt] || sweep_met_verdict(sw, pt, k) != 1)
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
		pack_kpi_name(p, sw->kpi[k].key, sw->kpi[k].label, name, sizeof name);
		pack_fmt_target(tg, sizeof tg, sw->kpi[k].target, sw->kpi[k].target_is_max, sw->kpi[k].unit);
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
				pack_fmt_val(val, sizeof val, sweep_stat(sw, bp, k)[0], sw->kpi[k].unit);
				pack_v_add(&v, W(p, "%s %s: met at no point; the best is %s at %s", "%s %s：所有取值点均未达标；最好的是 %s（%s）"),
				      name, tg, val, list);
			} else {
				pack_v_add(&v, W(p, "%s %s: met at no point", "%s %s：所有取值点均未达标"), name, tg);
			}
		} else if (n == done) {
			pack_v_add(&v, W(p, "%s %s: met at every point", "%s %s：所有取值点均达标"), name, tg);
		} else
			pack_v_add(&v, W(p, "%s %s: met at %d of %d points (%s%s)", "%s %s：%d / %d 个取值点达标（%s%s）"), name,
			      tg, n, done, list, n > shown ? " …" : "");
	}
	if (sw->stopped)
		pack_v_add(&v, W(p, "Stopped early: %d of %d points finished", "提前停止：%d / %d 个取值点完成"), sw->points_done,
		      sw->npoints);
	pack_section_verdict(p, &v);

	pc_page_section(p, "swept", "The values swept", "取值范围");
	fputs("<table><thead><tr>", p->out);
	pack_th(p, NULL, W(p, "scenario key", "场景参数"));
	pack_th(p, NULL, W(p, "values", "取值"));
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int ax = 0; ax < sw->naxes; ax++) {
		fputs("<tr>", p->out);
		pack_td(p, NULL, sw->axis[ax].name);
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
	pack_th(p, "n", "#");
	for (int ax = 0; ax < sw->naxes; ax++)
		pack_th(p, NULL, sw->axis[ax].name);
	pack_th(p, "n", W(p, "targets met", "达标目标"));
	pack_th(p, "n", W(p, "staff cost (CNY)", "人力成本（元）"));
	for (int t = 0; t < nt; t++) {
		const pc_kpi *x = &sw->kpi[targeted[t]];
		char tg[64];

		pack_kpi_short(p, x->key, x->label, name, sizeof name);
		pack_fmt_target(tg, sizeof tg, x->target, x->target_is_max, x->unit);
		snprintf(a, sizeof a, "%s %s", name, tg);
		pack_th(p, "n", a);
	}
	if (util >= 0) {
		pack_kpi_short(p, sw->kpi[util].key, sw->kpi[util].label, name, sizeof name);
		pack_th(p, "n", name);
	}
	fputs("</tr></thead>\n<tbody>\n", p->out);
	for (int pt = 0; pt < sw->npoints; pt++) {
		int met = 0, judged = 0;

		fputs("<tr>", p->out);
		snprintf(a, sizeof a, "%d", pt + 1);
		pack_td(p, "n", a);
		for (int ax = 0; ax < sw->naxes; ax++)
			pack_td(p, NULL, sw->axis[ax].values[pc_sweep_at(sw, pt, ax)]);
		if (!sw->complete[pt]) {
			fprintf(p->out, "<td colspan=\"%d\">%s</td></tr>\n", 2 + nt + (util >= 0),
				W(p, "did not run (stopped)", "未运行（已停止）"));
			continue;
		}
		met = sw->met[pt];
		judged = sw->targets[pt];
		snprintf(a, sizeof a, "%d / %d", met, judged);
		pack_td(p, met == judged ? "n met" : "n missed", a);
		pack_money(a, sizeof a, point_cost(sw, pt));
		pack_td(p, "n", a);
		for (int t = 0; t < nt; t++) {
			const double *st = sweep_stat(sw, pt, targeted[t]);
			int m = sweep_met_verdict(sw, pt, targeted[t]);

			pack_td_ci(p, m == 1 ? "n met" : m == 0 ? "n missed" : m == 2 ? "n missed day" : "n", st[0], st[1],
				   st[2], sw->kpi[targeted[t]].unit);
		}
		if (util >= 0) {
			const double *st = sweep_stat(sw, pt, util);

			pack_td_ci(p, "n", st[0], st[1], st[2], sw->kpi[util].unit);
		}
		fputs("</tr>\n", p->out);
	}
	fputs("</tbody></table></div>\n", p->out);
	pack_sources(p, "Green: the point meets the target by its mean, red: it misses it, red with a mark: its mean meets it but a day misses it (a target judged per day; targets: docs/business.md §5); staff cost: the point's simulated staff-hours × each role's cost per staff-hour; every point faces the same refunds (common random numbers).",
		"绿色：该点均值达标，红色：未达标，带标记的红色：均值达标但有一天未达标（按天考核；目标见 docs/business.md §5）；人力成本 = 该点模拟工时 × 各岗位每小时成本；各点面对相同的退款（共同随机数）。");
	pc_page_section_end(p);
	pack_section_charts(p, charts, ncharts);
	return pc_page_end(p);
}
