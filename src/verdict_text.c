/* verdict_text: the verdict as the text that leads a command's output and
 * as an HTML fragment for a review pack, in English or Chinese. */
#include "promocap/verdict.h"

#include <math.h>
#include <string.h>

#include "promocap/report.h"
#include "report_page.h"

void pc_verdict_format(char *buf, size_t n, double v, const char *unit)
{
	if (isnan(v)) {
		snprintf(buf, n, "n/a");
	} else if (unit && !strcmp(unit, "%")) {
		double a = fabs(v);

		/* One decimal, none for whole numbers; small shares keep three
		 * significant digits (a dispute rate of 0.0554%). */
		if (a != 0 && a < 1)
			snprintf(buf, n, "%.3g%%", v);
		else if (fabs(v - floor(v + 0.5)) < 0.05)
			snprintf(buf, n, "%.0f%%", v);
		else
			snprintf(buf, n, "%.1f%%", v);
	} else if (fabs(v) >= 1000 || (unit && !strcmp(unit, "CNY"))) {
		/* Thousands separators: 80290 -> 80,290. */
		char digits[64], out[96];
		long long x = llround(fabs(v));
		int len, o = 0;

		snprintf(digits, sizeof digits, "%lld", x);
		len = (int)strlen(digits);
		if (v < 0)
			out[o++] = '-';
		for (int i = 0; i < len; i++) {
			out[o++] = digits[i];
			if ((len - i - 1) % 3 == 0 && i < len - 1)
				out[o++] = ',';
		}
		out[o] = '\0';
		snprintf(buf, n, "%s%s%s", out, unit && *unit ? " " : "", unit ? unit : "");
	} else {
		snprintf(buf, n, "%.3g%s%s", v, unit && *unit ? " " : "", unit ? unit : "");
	}
}

/* A figure without its unit, for the inside of brackets. */
static void bare(char *buf, size_t n, double v, const char *unit)
{
	size_t len;

	pc_verdict_format(buf, n, v, unit);
	len = strlen(buf);
	if (unit && !strcmp(unit, "%") && len && buf[len - 1] == '%')
		buf[len - 1] = '\0';
}

/* A target's Chinese name: the review packs' (pc_page_kpi_zh), so a page
 * says one thing one way; else its label. */
static const char *label_zh(const pc_verdict_target *t)
{
	const char *zh = pc_page_kpi_zh(t->key);

	return zh ? zh : t->label;
}

static int is_zh(const char *lang)
{
	return lang && !strcmp(lang, "zh");
}

void pc_verdict_line(const pc_verdict *v, char *buf, size_t n)
{
	size_t used;
	int missed = v->ntargets - v->nmet;

	if (v->ntargets == 0) {
		snprintf(buf, n, "no service-level targets set");
		return;
	}
	/* One target is the target, not "all 1 targets". */
	if (!missed) {
		if (v->ntargets == 1)
			snprintf(buf, n, "the target is met");
		else
			snprintf(buf, n, "all %d targets met", v->ntargets);
		return;
	}
	if (v->ntargets == 1)
		snprintf(buf, n, "the target is MISSED: ");
	else
		snprintf(buf, n, "%d of %d targets MISSED: ", missed, v->ntargets);
	used = strlen(buf);
	for (int i = 0, j = 0; i < v->ntargets && used < n; i++) {
		const pc_verdict_target *t = &v->target[i];
		char m[32], g[32];

		if (t->met)
			continue;
		pc_verdict_format(m, sizeof m, t->by_interval ? t->worst_int : t->by_day ? t->worst : t->mean, t->unit);
		pc_verdict_format(g, sizeof g, t->target, t->unit);
		snprintf(buf + used, n - used, "%s%s %s%s (target %s %s%s)", j++ ? "; " : "", t->label,
			 t->by_interval ? "in its worst interval " : t->by_day ? "on its worst day " : "", m,
			 t->is_max ? "<=" : ">=", g, t->by_interval ? " every interval" : t->by_day ? " every day" : "");
		used = strlen(buf);
	}
}

/* "by 3.6 points" for a share, "by 0.2 h" else. */
static void gap_text(const pc_verdict_target *t, int zh, char *buf, size_t n)
{
	char g[32];

	if (!strcmp(t->unit, "%")) {
		bare(g, sizeof g, t->gap, "%");
		snprintf(buf, n, zh ? "差 %s 个百分点" : "by %s points", g);
	} else {
		pc_verdict_format(g, sizeof g, t->gap, t->unit);
		snprintf(buf, n, zh ? "差 %s" : "by %s", g);
	}
}

int pc_verdict_write_text(FILE *out, const pc_verdict *v, const char *lang)
{
	int zh = is_zh(lang), missed = v->ntargets - v->nmet;
	char a[48], b[48], c[48], d[48];

	if (v->ntargets == 0)
		fprintf(out, zh ? "结论：未设服务目标\n" : "verdict: no service-level targets set\n");
	else if (!missed && v->ntargets == 1)
		fputs(zh ? "结论：目标达成\n" : "verdict: the target is met\n", out);
	else if (!missed)
		fprintf(out, zh ? "结论：%d 项目标全部达成\n" : "verdict: all %d targets met\n", v->ntargets);
	else if (v->ntargets == 1)
		fputs(zh ? "结论：目标未达成\n" : "verdict: the target is MISSED\n", out);
	else
		fprintf(out, zh ? "结论：%d 项目标中 %d 项未达成\n" : "verdict: %d of %d targets MISSED\n",
			zh ? v->ntargets : missed, zh ? missed : v->ntargets);
	for (int i = 0; i < v->ntargets; i++) {
		const pc_verdict_target *t = &v->target[i];

		pc_verdict_format(a, sizeof a, t->mean, t->unit);
		pc_verdict_format(c, sizeof c, t->target, t->unit);
		fprintf(out, "  %-4s %s %s", t->met ? (zh ? "达成" : "met") : (zh ? "未达" : "MISS"),
			zh ? label_zh(t) : t->label, a);
		if (!isnan(t->lo)) {
			bare(b, sizeof b, t->lo, t->unit);
			bare(d, sizeof d, t->hi, t->unit);
			fprintf(out, " [%s, %s]", b, d);
		}
		fprintf(out, zh ? "，目标 %s %s%s" : ", target %s %s%s", t->is_max ? "<=" : ">=", c,
			t->worst_interval >= 0 ? (zh ? "（每个时段）" : " in every interval")
			: t->by_day	       ? (zh ? "（每天）" : " on every day")
					       : "");
		if (t->worst_interval >= 0 && t->intervals_missed) {
			pc_verdict_format(a, sizeof a, t->worst_int, t->unit);
			fprintf(out, zh ? "；最差时段 %s：%s（%d/%d 个时段未达）" : "; worst interval %s: %s (%d of %d intervals missed)",
				t->worst_when, a, t->intervals_missed, t->intervals);
		} else if (t->worst_day >= 0 && t->days_missed) {
			pc_verdict_format(a, sizeof a, t->worst, t->unit);
			fprintf(out, zh ? "；最差日 %s：%s（%d/%d 天未达）" : "; worst day %s: %s (%d of %d days missed)",
				t->worst_date, a, t->days_missed, t->days);
		}
		if (!t->met && !isnan(t->gap)) {
			gap_text(t, zh, b, sizeof b);
			fprintf(out, zh ? "，%s" : ", missed %s", b);
		}
		fputc('\n', out);
	}
	for (int i = 0; i < v->ncauses; i++)
		fprintf(out, zh ? "  原因：%s\n" : "  why: %s\n", zh ? v->cause[i].text_zh : v->cause[i].text);
	for (int i = 0; i < v->nactions; i++) {
		const pc_verdict_action *x = &v->action[i];
		const pc_verdict_target *t = &v->target[x->target];

		pc_verdict_format(a, sizeof a, x->before, t->unit);
		pc_verdict_format(b, sizeof b, x->after, t->unit);
		pc_verdict_format(c, sizeof c, fabs(x->cost_delta), "CNY");
		if (zh)
			fprintf(out, "  建议（已用 %d 次模拟验证）：%s：%s%s %s -> %s，人力成本 %s%s%s\n", x->reps, x->what_zh,
				label_zh(t), x->by_interval ? "（最差时段）" : x->by_day ? "（最差日）" : "", a, b, x->cost_delta < 0 ? "-" : "+", c,
				x->met_after ? "，全部目标达成" : "");
		else
			fprintf(out, "  action (checked, %d replications): %s: %s%s %s -> %s, %s%s%s\n", x->reps, x->what,
				t->label, x->by_interval ? " in the worst interval" : x->by_day ? " on the worst day" : "", a, b, x->cost_delta < 0 ? "-" : "+", c,
				x->met_after ? "; every target met" : "");
	}
	if (v->checked && missed && !v->nactions) {
		int structural = 0;

		for (int i = 0; i < v->ncauses; i++)
			structural |= v->cause[i].kind == PC_CAUSE_STRUCTURAL;
		if (v->tried)
			fprintf(out, zh ? "  建议：无；模拟的 %d 种增员方案都未能缩小未达目标差距的十分之一，"
					  "promocap plan 可搜索达成全部目标的排班\n"
					: "  action: none; the %d staffing changes simulated each closed less than a tenth of a "
					  "missed target's gap: promocap plan searches for the rosters that meet them\n",
				v->tried);
		else if (structural)
			fprintf(out, zh ? "  建议：无，增加人手无法突破结构性上限\n"
					: "  action: none; more staff cannot lift a structural limit\n");
		else
			fprintf(out, zh ? "  建议：无，未找到人手可改变的原因\n"
					: "  action: none; no cause that staffing can change was found\n");
	}
	{
		int solved = 0;

		for (int i = 0; i < v->nactions; i++)
			solved |= v->action[i].met_after;
		if (v->checked && missed && v->nactions && !solved)
			fprintf(out, zh ? "  以上建议不足以达成全部目标：promocap plan 可搜索达成全部目标的排班\n"
					: "  no action above meets every target: promocap plan searches for the rosters that do\n");
	}
	pc_verdict_format(a, sizeof a, v->cost, "CNY");
	fprintf(out, zh ? "  人力成本 %s（" : "  staff cost %s (", a);
	for (int q = 0, j = 0; q < PC_NSTAFF; q++) {
		static const char *const en[] = { "agent", "supervisor", "inspector", "pre-sale", "reception" };
		static const char *const cn[] = { "退款专员", "主管", "质检", "售前", "售后接待" };

		if (v->hours_res[q] <= 0)
			continue;
		pc_verdict_format(b, sizeof b, v->hours_res[q], "h");
		fprintf(out, "%s%s %s", j++ ? ", " : "", zh ? cn[q] : en[q], b);
	}
	fprintf(out, zh ? "）\n" : ")\n");
	return ferror(out) ? PC_EIO : 0;
}

/* The fragment; full 0: without the box, the headline and the cost (under
 * a page's own verdict box). */
static int write_html(FILE *out, const pc_verdict *v, const char *lang, int full)
{
	int zh = is_zh(lang), missed = v->ntargets - v->nmet;
	char a[48], b[48], c[48], d[48], head[160];

	if (full)
		fprintf(out, "<section class=\"verdict %s\" style=\"border-left:6px solid %s;padding:0.5em 1em;"
			     "margin:1em 0;background:%s\">\n",
			missed ? "bad" : "ok", missed ? "#c0392b" : "#27ae60", missed ? "#fdeeee" : "#eef7f0");
	else
		fprintf(out, "<section class=\"verdict-details\">\n<h3>%s</h3>\n",
			zh ? "逐项目标（最差日、原因、已验证的建议）" : "Targets in detail: worst day, cause, checked actions");
	if (v->ntargets == 0)
		snprintf(head, sizeof head, zh ? "结论：未设服务目标" : "Verdict: no service-level targets set");
	else if (!missed && v->ntargets == 1)
		snprintf(head, sizeof head, "%s", zh ? "结论：目标达成" : "Verdict: the target is met");
	else if (!missed)
		snprintf(head, sizeof head, zh ? "结论：%d 项目标全部达成" : "Verdict: all %d targets met", v->ntargets);
	else if (v->ntargets == 1)
		snprintf(head, sizeof head, "%s", zh ? "结论：目标未达成" : "Verdict: the target is missed");
	else if (zh)
		snprintf(head, sizeof head, "结论：%d 项目标中 %d 项未达成", v->ntargets, missed);
	else
		snprintf(head, sizeof head, "Verdict: %d of %d targets missed", missed, v->ntargets);
	if (full) {
		fprintf(out, "<h2>");
		pc_page_escape(out, head);
		fprintf(out, "</h2>\n");
	}
	if (v->ntargets) {
		fprintf(out, "<table class=\"verdict-targets\" style=\"border-collapse:collapse\">\n"
			     "<tr style=\"text-align:left;border-bottom:1px solid #ccc\"><th style=\"padding:0.2em 1em 0.2em 0\">%s</th>"
			     "<th style=\"padding:0.2em 1em 0.2em 0\">%s</th><th style=\"padding:0.2em 1em 0.2em 0\">%s</th>"
			     "<th>%s</th></tr>\n",
			zh ? "目标" : "Target", zh ? "结果 [95% 置信区间]" : "Result [95% CI]", zh ? "要求" : "Required",
			zh ? "判定" : "Verdict");
		for (int i = 0; i < v->ntargets; i++) {
			const pc_verdict_target *t = &v->target[i];

			pc_verdict_format(a, sizeof a, t->mean, t->unit);
			fprintf(out, "<tr style=\"vertical-align:top\"><td style=\"padding:0.2em 1em 0.2em 0\">");
			pc_page_escape(out, zh ? label_zh(t) : t->label);
			fprintf(out, "</td><td style=\"padding:0.2em 1em 0.2em 0;white-space:nowrap\">%s", a);
			if (!isnan(t->lo)) {
				bare(b, sizeof b, t->lo, t->unit);
				bare(d, sizeof d, t->hi, t->unit);
				fprintf(out, " [%s, %s]", b, d);
			}
			pc_verdict_format(c, sizeof c, t->target, t->unit);
			fprintf(out, "</td><td style=\"padding:0.2em 1em 0.2em 0;white-space:nowrap\">%s %s%s</td>"
				     "<td style=\"padding:0.2em 0;color:%s;font-weight:bold\">",
				t->is_max ? "&le;" : "&ge;", c,
				t->worst_interval >= 0 ? (zh ? "（每个时段）" : " every interval")
				: t->by_day	       ? (zh ? "（每天）" : " every day")
						       : "",
				t->met ? "#27ae60" : "#c0392b");
			if (t->met) {
				fprintf(out, "%s", zh ? "达成" : "met");
			} else {
				gap_text(t, zh, b, sizeof b);
				fprintf(out, "%s, %s", zh ? "未达成" : "missed", b);
			}
			if (t->worst_interval >= 0 && t->intervals_missed) {
				pc_verdict_format(a, sizeof a, t->worst_int, t->unit);
				fprintf(out, zh ? "<br><small>最差时段 %s：%s（%d/%d 个时段未达）</small>"
						: "<br><small>worst interval %s: %s (%d of %d intervals missed)</small>",
					t->worst_when, a, t->intervals_missed, t->intervals);
			} else if (t->worst_day >= 0 && t->days_missed) {
				pc_verdict_format(a, sizeof a, t->worst, t->unit);
				fprintf(out, zh ? "<br><small>最差日 %s：%s（%d/%d 天未达）</small>"
						: "<br><small>worst day %s: %s (%d of %d days missed)</small>",
					t->worst_date, a, t->days_missed, t->days);
			}
			fprintf(out, "</td></tr>\n");
		}
		fprintf(out, "</table>\n");
	}
	if (v->ncauses) {
		fprintf(out, "<h3>%s</h3>\n<ul class=\"verdict-causes\">\n", zh ? "原因" : "Why");
		for (int i = 0; i < v->ncauses; i++) {
			fprintf(out, "<li>");
			pc_page_escape(out, zh ? v->cause[i].text_zh : v->cause[i].text);
			fprintf(out, "</li>\n");
		}
		fprintf(out, "</ul>\n");
	}
	if (v->nactions) {
		fprintf(out, "<h3>%s</h3>\n<ul class=\"verdict-actions\">\n", zh ? "建议（已模拟验证）" : "What to do (checked by simulation)");
		for (int i = 0; i < v->nactions; i++) {
			const pc_verdict_action *x = &v->action[i];
			const pc_verdict_target *t = &v->target[x->target];

			pc_verdict_format(a, sizeof a, x->before, t->unit);
			pc_verdict_format(b, sizeof b, x->after, t->unit);
			pc_verdict_format(c, sizeof c, fabs(x->cost_delta), "CNY");
			fprintf(out, "<li>");
			pc_page_escape(out, zh ? x->what_zh : x->what);
			fprintf(out, zh ? "：" : ": ");
			pc_page_escape(out, zh ? label_zh(t) : t->label);
			if (x->by_interval)
				fprintf(out, zh ? "（最差时段）" : " in the worst interval");
			else if (x->by_day)
				fprintf(out, zh ? "（最差日）" : " on the worst day");
			fprintf(out, zh ? " %s &rarr; %s，人力成本 %s%s" : " %s &rarr; %s, %s%s staff cost", a, b,
				x->cost_delta < 0 ? "&minus;" : "+", c);
			if (x->met_after)
				fprintf(out, zh ? "，全部目标达成" : "; every target met");
			fprintf(out, zh ? " <small>（%d 次模拟）</small></li>\n" : " <small>(%d replications)</small></li>\n",
				x->reps);
		}
		fprintf(out, "</ul>\n");
	}
	if (full) {
		pc_verdict_format(a, sizeof a, v->cost, "CNY");
		fprintf(out, zh ? "<p style=\"margin-top:0.6em\">人力成本：%s</p>\n"
				: "<p style=\"margin-top:0.6em\">Staff cost: %s</p>\n",
			a);
	}
	fprintf(out, "</section>\n");
	return ferror(out) ? PC_EIO : 0;
}

int pc_verdict_write_html(FILE *out, const pc_verdict *v, const char *lang)
{
	return write_html(out, v, lang, 1);
}

int pc_verdict_write_html_details(FILE *out, const pc_verdict *v, const char *lang)
{
	return write_html(out, v, lang, 0);
}
