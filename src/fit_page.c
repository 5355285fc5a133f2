/* fit_page: fit.html, the page a manager reads after promocap fit: the
 * verdict first (what was fitted from how much, the rows set aside, the
 * weakest fits), the rows read and what was done with them, every fitted
 * figure with its 95% CI, n, family and KS D, then the charts.  In the
 * house style of the review packs (report_page.c, pack_common.c). */
#include "promocap/fit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fit_internal.h"
#include "pack_common.h"
#include "promocap/scenario.h"

/* The 5% critical value of the KS D for n values (asymptotic; the
 * parameters were fitted on the same data, so a D above it is a clear
 * misfit). */
static double ks_critical(long n)
{
	return 1.358 / sqrt((double)n);
}

static const char *const family_en[PC_FD_NFAMILIES] = { "lognormal", "gamma", "Weibull" };
static const char *const family_zh[PC_FD_NFAMILIES] = { "对数正态", "伽马", "威布尔" };

/* A duration in the unit that reads best, in the page's language. */
static void dur_text(const pc_page *p, double s, char *buf, size_t n)
{
	if (isnan(s))
		snprintf(buf, n, "n/a");
	else if (s >= 2 * 86400)
		snprintf(buf, n, "%.3g %s", s / 86400, W(p, "d", "天"));
	else if (s >= 2 * 3600)
		snprintf(buf, n, "%.3g %s", s / 3600, W(p, "h", "小时"));
	else if (s >= 120)
		snprintf(buf, n, "%.3g %s", s / 60, W(p, "min", "分钟"));
	else
		snprintf(buf, n, "%.3g %s", s, W(p, "s", "秒"));
}

/* The chosen fits, worst KS D first (index into f->dist), those fitted. */
static int worst_fits(const pc_fit *f, int *idx)
{
	int n = 0;

	for (int k = 0; k < PC_FIT_NDISTS; k++)
		if (f->dist[k].best >= 0)
			idx[n++] = k;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			const pc_fit_dist *a = &f->dist[idx[j]], *b = &f->dist[idx[j - 1]];
			int t;
			if (a->ks[a->best] <= b->ks[b->best])
				break;
			t = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	return n;
}

/* Appends to buf (of size n) a list item, separated by "; ". */
static void list_add(char *buf, size_t n, const char *item)
{
	size_t len = strlen(buf);

	snprintf(buf + len, n - len, "%s%s", len ? "; " : "", item);
}

static void verdict(const pc_page *p, const pc_fit *f, pack_verdict *v)
{
	const pc_fit_data *d = f->d;
	char a[32], b[32], no[32], nr[32], list[600] = "", part[600] = "", item[160];
	long aside = 0, inpart = 0;
	int idx[PC_FIT_NDISTS], nfit = worst_fits(f, idx), nbad = 0;

	memset(v, 0, sizeof *v);
	pc_date_format(d->day0, a, sizeof a);
	pc_date_format(d->day0 + d->days - 1, b, sizeof b);
	pc_page_grouped(no, sizeof no, (double)f->orders);
	pc_page_grouped(nr, sizeof nr, (double)f->req_hour[0].n);
	v->ok = f->orders > 0 && f->req_hour[0].n > 0;
	snprintf(v->head, sizeof v->head,
		 W(p, "Fitted from %s orders and %s refunds, %s to %s (%d days)",
		   "由 %s 笔订单和 %s 笔退款拟合，%s 至 %s（%d 天）"),
		 no, nr, a, b, d->days);
	for (const pc_fit_count_row *r = pc_fit_count_rows; r->key; r++) {
		long c = pc_fit_count(&d->n, r);
		const char *words = W(p, r->en, r->zh), *colon = strstr(words, W(p, ": ", "："));
		char num[32];
		int head;
		if (!r->aside || c == 0)
			continue;
		pc_page_grouped(num, sizeof num, (double)c);
		head = colon ? (int)(colon - words) : 0;
		if (p->zh)
			snprintf(item, sizeof item, "%.*s%s%s %s 行", head, words, colon ? "：" : "",
				 colon ? colon + strlen("：") : words, num);
		else
			snprintf(item, sizeof item, "%.*s%s%s %s", head, words, colon ? ": " : "", num,
				 colon ? colon + 2 : words);
		if (r->aside == 1) {
			aside += c;
			list_add(list, sizeof list, item);
		} else {
			inpart += c;
			list_add(part, sizeof part, item);
		}
	}
	if (aside)
		pack_v_add(v, W(p, "%ld rows set aside: %s", "%ld 行未计入：%s"), aside, list);
	else
		pack_v_add(v, "%s", W(p, "no row set aside", "所有行均已计入"));
	if (inpart)
		pack_v_add(v, W(p, "%ld refunds left out of some figures only: %s", "%ld 笔退款只在部分数字中未计入：%s"),
			   inpart, part);
	pack_v_add(v, "%s",
		   W(p, "every figure below with its 95% confidence interval and sample size n; the scenario is "
			"scenario.ini (it runs as it is: promocap run scenario.ini; set the rosters before planning)",
		     "下表每个数字都附 95% 置信区间与样本量 n；拟合的场景是 scenario.ini（可直接运行："
		     "promocap run scenario.ini；规划前请设定排班）"));
	if (nfit > 0) {
		char w[600] = "";
		for (int i = 0; i < nfit && i < 3; i++) {
			const pc_fit_dist *fd = &f->dist[idx[i]];
			snprintf(item, sizeof item, W(p, "%s (%s, KS D = %.3f, n = %ld)", "%s（%s，KS D = %.3f，n = %ld）"),
				 pc_fit_dist_title(idx[i], p->zh), p->zh ? family_zh[fd->best] : family_en[fd->best],
				 fd->ks[fd->best], fd->n);
			list_add(w, sizeof w, item);
		}
		for (int i = 0; i < nfit; i++)
			nbad += f->dist[idx[i]].ks[f->dist[idx[i]].best] > ks_critical(f->dist[idx[i]].n);
		pack_v_add(v, W(p, "the weakest fits: %s", "拟合最弱的是：%s"), w);
		if (nbad)
			pack_v_add(v,
				   W(p, "%d of the %d durations fitted are off their family at the 5%% level (KS D above "
					"1.36/√n): the scenario uses the family, the empirical table beside it is exact",
				     "%d / %d 项时长与所选分布在 5%% 水平上不符（KS D 大于 1.36/√n）：场景用所选分布，"
				     "旁边的经验分布表是精确的"),
				   nbad, nfit);
		else
			pack_v_add(v, W(p, "all %d durations fitted pass the KS test at the 5%% level",
					"%d 项时长均通过 5%% 水平的 KS 检验"),
				   nfit);
	}
	if (!d->has_work)
		pack_v_add(v, "%s",
			   W(p, "no work log (--work): no handle times, the team must be set by hand",
			     "没有工作记录（--work）：没有处理时长，团队人数需手工设定"));
}

/* The counts table: every category, its count and what was done. */
static void section_rows(const pc_page *p, const pc_fit *f)
{
	pc_page_section(p, "rows", "Rows read and what was done with them", "读取的行及其处理");
	fprintf(p->out, "<table><thead><tr>");
	pack_th(p, NULL, W(p, "What", "类别"));
	pack_th(p, "n", W(p, "Rows", "行数"));
	pack_th(p, NULL, W(p, "Left out", "是否计入"));
	fprintf(p->out, "</tr></thead><tbody>\n");
	for (const pc_fit_count_row *r = pc_fit_count_rows; r->key; r++) {
		char num[32];
		if (!f->d->has_work && !strncmp(r->key, "work_", 5))
			continue;
		pc_page_grouped(num, sizeof num, (double)pc_fit_count(&f->d->n, r));
		fprintf(p->out, "<tr>");
		pack_td(p, NULL, W(p, r->en, r->zh));
		pack_td(p, "n", num);
		pack_td(p, NULL, r->aside == 1 ? W(p, "yes", "未计入") : r->aside == 2 ? W(p, "from some figures", "部分数字未计入")
						  : W(p, "no", "已计入"));
		fprintf(p->out, "</tr>\n");
	}
	fprintf(p->out, "</tbody></table>\n");
	pack_sources(p, "The same counts are the rows_* lines of fit.csv.", "同样的计数见 fit.csv 的 rows_* 行。");
	pc_page_section_end(p);
}

/* One row of the figures table. */
static void fig_row(const pc_page *p, const char *what, const char *value, const char *ci, long n, const char *fit,
		    const char *ks)
{
	char num[32];

	pc_page_grouped(num, sizeof num, (double)n);
	fprintf(p->out, "<tr>");
	pack_td(p, NULL, what);
	pack_td(p, "n", value);
	pack_td(p, "n", ci);
	pack_td(p, "n", n > 0 ? num : "0");
	pack_td(p, NULL, fit);
	pack_td(p, "n", ks);
	fprintf(p->out, "</tr>\n");
}

static void share_fig(const pc_page *p, const char *en, const char *zh, pc_fit_share s)
{
	char v[40], lo[24], hi[24], ci[64];

	if (s.n <= 0)
		return;
	pack_fmt_val(v, sizeof v, 100 * s.p, "%");
	pack_fmt_pct(lo, sizeof lo, 100 * s.lo, 0);
	pack_fmt_pct(hi, sizeof hi, 100 * s.hi, 0);
	snprintf(ci, sizeof ci, "%s–%s%%", lo, hi);
	fig_row(p, W(p, en, zh), v, ci, s.n, "", "");
}

static void dist_fig(const pc_page *p, const pc_fit *f, int k)
{
	const pc_fit_dist *fd = &f->dist[k];
	char v[40], lo[32], hi[32], ci[80], fit[200] = "", ks[64] = "";

	if (fd->n == 0)
		return;
	dur_text(p, fd->mean, v, sizeof v);
	dur_text(p, fd->mean_lo, lo, sizeof lo);
	dur_text(p, fd->mean_hi, hi, sizeof hi);
	snprintf(ci, sizeof ci, "%s – %s", lo, hi);
	if (fd->best >= 0) {
		char s[160];
		pc_fit_dist_format(fd, s, sizeof s);
		snprintf(fit, sizeof fit, "%s", s);
		snprintf(ks, sizeof ks, "%.3f%s", fd->ks[fd->best],
			 fd->ks[fd->best] > ks_critical(fd->n) ? W(p, " (off)", "（不符）") : "");
	} else {
		char s[160];
		pc_fit_dist_format(fd, s, sizeof s);
		snprintf(fit, sizeof fit, "%s%s", s,
			 fd->n < 10 ? W(p, " (under 10 values)", "（不足 10 个值）") : W(p, " (all equal)", "（全部相同）"));
	}
	{
		char what[200];
		snprintf(what, sizeof what, W(p, "%s, mean", "%s，均值"), pc_fit_dist_title(k, p->zh));
		fig_row(p, what, v, ci, fd->n, fit, ks);
	}
}

static void section_figures(const pc_page *p, const pc_fit *f)
{
	static const char *const goods_en[3] = { "requests before dispatch", "requests in transit",
						 "requests after delivery" };
	static const char *const goods_zh[3] = { "未发货时申请", "运输中申请", "已签收后申请" };
	/* the state when the buyer decided (fit.c: decided_mix) */
	static const char *const decided_en[3] = { "decided before dispatch", "decided in transit",
						   "decided after delivery" };
	static const char *const decided_zh[3] = { "未发货时决定申请", "运输中决定申请", "已签收后决定申请" };
	static const char *const path_en[4] = { "path: refund before dispatch", "path: refund in transit",
						"path: refund only after delivery", "path: return and refund" };
	static const char *const path_zh[4] = { "路径：未发货退款", "路径：运输中退款", "路径：已收货仅退款",
						"路径：退货退款" };
	static const char *const reason_en[4] = { "reason: quality", "reason: no reason (7 days)",
						  "reason: not received", "reason: other" };
	static const char *const reason_zh[4] = { "原因：质量问题", "原因：七天无理由", "原因：未收到货",
						  "原因：其他" };
	char v[64], ci[80], lo[32], hi[32];

	pc_page_section(p, "figures", "Fitted figures", "拟合的数字");
	fprintf(p->out, "<div class=\"scroll\"><table><thead><tr>");
	pack_th(p, NULL, W(p, "Figure", "数字"));
	pack_th(p, "n", W(p, "Value", "值"));
	pack_th(p, "n", W(p, "95% CI", "95% 置信区间"));
	pack_th(p, "n", "n");
	pack_th(p, NULL, W(p, "Fit (scenario value)", "拟合（场景取值）"));
	pack_th(p, "n", W(p, "KS D", "KS D"));
	fprintf(p->out, "</tr></thead><tbody>\n");
	pc_page_grouped(v, sizeof v, (double)f->orders);
	fig_row(p, W(p, "orders paid in the window", "窗口内付款订单"), v, "", f->orders, "", "");
	pack_fmt_val(v, sizeof v, f->aov, W(p, "CNY", "元"));
	pack_fmt_num(lo, sizeof lo, f->aov_lo);
	pack_fmt_num(hi, sizeof hi, f->aov_hi);
	snprintf(ci, sizeof ci, "%s–%s", lo, hi);
	fig_row(p, W(p, "average order value", "客单价"), v, ci, f->orders, "", "");
	share_fig(p, "refund rate (售中 requests per order)", "退款率（售中申请 / 订单）", f->rate);
	share_fig(p, "after-sales claims per order (售后)", "售后申请 / 订单", f->claims);
	for (int k = 0; k < 3; k++)
		share_fig(p, f->goods_decided ? decided_en[k] : goods_en[k], f->goods_decided ? decided_zh[k] : goods_zh[k],
			  f->goods[k]);
	for (int k = 0; k < 4; k++)
		share_fig(p, path_en[k], path_zh[k], f->path[k]);
	share_fig(p, "after delivery: refund only", "已签收：仅退款", f->no_return);
	share_fig(p, "after-sales claims: refund only", "售后：仅退款", f->claim_no_return);
	for (int k = 0; k < 4; k++)
		share_fig(p, reason_en[k], reason_zh[k], f->reason[k]);
	share_fig(p, "escalated to the platform (小二介入)", "小二介入", f->escalated);
	if (f->esc_exposure_d > 0) {
		pack_fmt_pct(v, sizeof v, 100 * f->esc_hazard, 0);
		strncat(v, W(p, "% a day", "% / 天"), sizeof v - strlen(v) - 1);
		pack_fmt_pct(lo, sizeof lo, 100 * f->esc_hazard_lo, 0);
		pack_fmt_pct(hi, sizeof hi, 100 * f->esc_hazard_hi, 0);
		snprintf(ci, sizeof ci, "%s–%s%%", lo, hi);
		fig_row(p, W(p, "escalation rate past the protection period", "保障期后的介入率"), v, ci, f->esc_n,
			W(p, "escalations over refund-days open past it", "介入数 / 超期未完结退款天数"), "");
	}
	share_fig(p, "cancelled by the buyer (买家撤销)", "买家撤销", f->cancelled);
	share_fig(p, "rejected by the shop (卖家拒绝)", "卖家拒绝", f->rejected);
	share_fig(p, "approved on timeout (超时自动同意)", "超时自动同意", f->autoapp);
	for (int k = 0; k < 4; k++) {
		char en[96], zh[96];
		snprintf(en, sizeof en, "rejected, %s", reason_en[k]);
		snprintf(zh, sizeof zh, "卖家拒绝，%s", reason_zh[k]);
		if (f->rejected.k > 0)
			share_fig(p, en, zh, f->reject_by_reason[k]);
	}
	share_fig(p, "after a rejection: the buyer asked again", "被拒后：买家再次申请", f->after_reject[PC_FIT_ASK_AGAIN]);
	share_fig(p, "after a rejection: escalated", "被拒后：申请小二介入", f->after_reject[PC_FIT_ESCALATE]);
	share_fig(p, "after a rejection: gave up", "被拒后：买家放弃", f->after_reject[PC_FIT_GIVE_UP]);
	for (int k = 0; k < PC_FIT_NDISTS; k++)
		dist_fig(p, f, k);
	for (int role = 0; role < PC_FIT_NROLES && f->d->has_work; role++) {
		static const char *const en[PC_FIT_NROLES] = { "agents", "supervisors", "inspectors" };
		static const char *const zh[PC_FIT_NROLES] = { "客服", "主管", "质检" };
		static const char *const file[PC_FIT_NROLES] = { "roster_agent.csv", "roster_supervisor.csv",
								 "roster_inspector.csv" };
		char what[160], how[200];
		if (!f->roster[role])
			continue;
		snprintf(v, sizeof v, "%d", f->peak[role]);
		snprintf(what, sizeof what, W(p, "%s busy at once at the peak (%d in the log)", "高峰时同时在忙的%s（记录中共 %d 人）"),
			 W(p, en[role], zh[role]), f->people[role]);
		snprintf(how, sizeof how,
			 role ? W(p, "roster: %s, per day the most %s on duty in one hour, in the hours they worked",
				  "排班：%s，每天一小时内在岗%s的最多人数，班次为记录中工作的时段")
			      : W(p, "roster: %s, the %s on duty each hour as the log shows",
				  "排班：%s，记录所示每小时在岗的%s"),
			 file[role], W(p, en[role], zh[role]));
		fig_row(p, what, v, "", (long)f->d->ntasks, how, "");
	}
	fprintf(p->out, "</tbody></table></div>\n");
	pack_sources(p,
		     "Shares: Wilson 95% intervals; means: normal 95% intervals; durations fitted as lognormal, gamma "
		     "and Weibull by maximum likelihood, the smallest Kolmogorov-Smirnov D chosen, (off) when D is "
		     "above 1.36/√n. The orders and refund rate of each day and hour, with their CIs, are in fit.csv "
		     "and the charts below.",
		     "比例：Wilson 95% 区间；均值：正态 95% 区间；时长用最大似然拟合对数正态、伽马与威布尔分布，"
		     "取 Kolmogorov-Smirnov D 最小者，D 大于 1.36/√n 时标为不符。每天、每小时的订单与退款率及其置信"
		     "区间见 fit.csv 与下面的图表。");
	pc_page_section_end(p);
}

int pc_fit_write_html(const pc_fit *f, const char *source, const struct pc_report_chart *charts, int ncharts,
		      const char *lang, const char *note, FILE *out)
{
	pc_page pg = { out, lang && !strcmp(lang, "zh") };
	const pc_page *p = &pg;
	pack_verdict v;
	char sub[4400];

	snprintf(sub, sizeof sub, W(p, "from %s", "数据：%s"), source);
	pc_page_begin(p, W(p, "Scenario fitted from the exports", "由导出数据拟合的场景"), "promocap fit", sub, note);
	verdict(p, f, &v);
	pack_section_verdict(p, &v);
	section_rows(p, f);
	section_figures(p, f);
	pack_section_charts(p, charts, ncharts);
	return pc_page_end(p);
}
