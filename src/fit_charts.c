/* fit_charts: the fit report's charts: which to draw (pc_fit_charts, drawn
 * by plots/fit_days.gp, fit_hours.gp and fit_cdf.gp through the chart
 * machinery of run) and the small tables they read, the legends with each
 * fitted family's KS statistic in the report's language. */
#include "promocap/fit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "csvrow.h"
#include "fit_internal.h"
#include "promocap/scenario.h"

/* Per duration (PC_FIT_*): its chart and what it measures. */
static const struct {
	const char *chart, *en, *zh;
} dist_chart[PC_FIT_NDISTS] = {
	{ "fit_dispatch", "Dispatch: paid to dispatched", "发货：付款到发货" },
	{ "fit_delivery", "Delivery: dispatched to delivered", "配送：发货到签收" },
	{ "fit_delay_before_dispatch", "Request before dispatch: paid to request", "未发货退款：付款到申请" },
	{ "fit_delay_in_transit", "Request in transit: dispatched to request", "运输中退款：发货到申请" },
	{ "fit_delay_after_delivery", "Request after delivery: delivered to request", "已签收退款：签收到申请" },
	{ "fit_claim_delay", "After-sales claim: received to claim", "售后申请：确认收货到申请" },
	{ "fit_buyer_ships", "Buyer ships the return: agreed to shipped", "买家寄回：同意到寄出" },
	{ "fit_transit", "Return in transit: shipped to warehouse", "退货运输：寄出到入仓" },
	{ "fit_unshipped_handle", "Handle time: refund before dispatch", "处理时长：未发货退款" },
	{ "fit_in_transit_handle", "Handle time: refund in transit", "处理时长：运输中退款" },
	{ "fit_received_no_return_handle", "Handle time: refund only after delivery", "处理时长：已收货仅退款" },
	{ "fit_agree", "Handle time: agreeing to a return", "处理时长：同意退货" },
	{ "fit_payout", "Handle time: refund payout", "处理时长：退款打款" },
	{ "fit_escalation_handle", "Handle time: platform escalation", "处理时长：小二介入" },
	{ "fit_approval", "Supervisor approval time", "主管审批时长" },
	{ "fit_inspect", "Inspection time per returned parcel", "质检时长（每个退货包裹）" },
};

static const char *const family_en[PC_FD_NFAMILIES] = { "lognormal", "gamma", "Weibull" };
static const char *const family_zh[PC_FD_NFAMILIES] = { "对数正态", "伽马", "威布尔" };

const char *pc_fit_dist_title(int k, int zh)
{
	if (k < 0 || k >= PC_FIT_NDISTS)
		return "";
	return zh ? dist_chart[k].zh : dist_chart[k].en;
}

int pc_fit_charts(const pc_fit *f, pc_plot_chart *list, int max)
{
	int n = 0;

	if (max < 1)
		return 0;
	if (n + 1 < max)
		list[n++] = (pc_plot_chart){ "fit_days", "Orders and refund rate by day", "每日订单与退款率", 10,
					     "fit_days" };
	if (n + 1 < max)
		list[n++] = (pc_plot_chart){ "fit_hours", "Orders and refund requests by hour", "每小时订单与退款申请",
					     8, "fit_hours" };
	for (int k = 0; k < PC_FIT_NDISTS && n + 1 < max; k++)
		if (f->dist[k].best >= 0)
			list[n++] = (pc_plot_chart){ dist_chart[k].chart, dist_chart[k].en, dist_chart[k].zh, 6,
						     "fit_cdf" };
	list[n] = (pc_plot_chart){ NULL, NULL, NULL, 0, NULL };
	return n;
}

/* A share's cells: percent, its 95% CI, and its count k (what) or its
 * sample n. */
static void share_cells(pc_csvrow *w, pc_fit_share s, int count)
{
	pc_csvrow_num(w, 100 * s.p);
	pc_csvrow_num(w, 100 * s.lo);
	pc_csvrow_num(w, 100 * s.hi);
	pc_csvrow_num(w, (double)(count ? s.k : s.n));
}

static int write_days(const pc_fit *f, pc_fit_out *o)
{
	pc_csvrow w;
	int rc;

	if ((rc = pc_fit_out_open(o, "fit_days.csv")))
		return rc;
	w = (pc_csvrow){ o->f, 0 };
	fprintf(o->f, "date,order_share_pct,order_ci95_low,order_ci95_high,orders,"
		      "refund_rate_pct,rate_ci95_low,rate_ci95_high,refunds\n");
	for (int k = 0; k < f->d->days; k++) {
		char day[32];
		pc_date_format(f->d->day0 + k, day, sizeof day);
		pc_csvrow_text(&w, day);
		share_cells(&w, f->daily[k], 1);
		share_cells(&w, f->rate_day[k], 1);
		pc_csvrow_end(&w);
	}
	return pc_fit_out_close(o);
}

static int write_hours(const pc_fit *f, pc_fit_out *o)
{
	pc_csvrow w;
	int rc;

	if ((rc = pc_fit_out_open(o, "fit_hours.csv")))
		return rc;
	w = (pc_csvrow){ o->f, 0 };
	fprintf(o->f, "hour,order_share_pct,order_ci95_low,order_ci95_high,orders,"
		      "request_share_pct,request_ci95_low,request_ci95_high,requests\n");
	for (int h = 0; h < 24; h++) {
		pc_csvrow_num(&w, h);
		share_cells(&w, f->hourly[h], 1);
		share_cells(&w, f->req_hour[h], 1);
		pc_csvrow_end(&w);
	}
	return pc_fit_out_close(o);
}

/* The points of the fitted curves. */
#define GRID 200

static int write_cdf(const pc_fit *f, int k, int zh, pc_fit_out *o)
{
	const pc_fit_dist *fd = &f->dist[k];
	char name[96], head[PC_FD_NFAMILIES][128];
	double xmax = fd->q[fd->nq - 1] * 1.05;
	int rows = fd->nq > GRID ? fd->nq : GRID, rc;
	pc_csvrow w;

	snprintf(name, sizeof name, "fit_cdf_%s.csv", fd->key);
	if ((rc = pc_fit_out_open(o, name)))
		return rc;
	w = (pc_csvrow){ o->f, 0 };
	/* The heads are the legend: no comma in them (gnuplot would cut). */
	for (int fam = 0; fam < PC_FD_NFAMILIES; fam++)
		snprintf(head[fam], sizeof head[fam], zh ? "%s：KS D = %.3f%s" : "%s: KS D = %.3f%s",
			 zh ? family_zh[fam] : family_en[fam], fd->ks[fam],
			 fam == fd->best ? (zh ? "（选用）" : " (chosen)") : "");
	fprintf(o->f, "data_h,%s %ld%s,grid_h,%s,%s,%s\n", zh ? "数据（n =" : "data (n =", fd->n, zh ? "）" : ")",
		head[0], head[1], head[2]);
	for (int j = 0; j < rows; j++) {
		double x = xmax * (double)j / (GRID - 1);
		if (j < fd->nq) {
			pc_csvrow_num(&w, fd->q[j] / 3600);
			pc_csvrow_num(&w, ((double)j + 0.5) / fd->nq);
		} else {
			pc_csvrow_num(&w, NAN);
			pc_csvrow_num(&w, NAN);
		}
		if (j < GRID) {
			pc_csvrow_num(&w, x / 3600);
			for (int fam = 0; fam < PC_FD_NFAMILIES; fam++)
				pc_csvrow_num(&w, pc_fit_dist_cdf(fd, fam, x));
		} else {
			for (int c = 0; c < 1 + PC_FD_NFAMILIES; c++)
				pc_csvrow_num(&w, NAN);
		}
		pc_csvrow_end(&w);
	}
	return pc_fit_out_close(o);
}

int pc_fit_write_charts(const pc_fit *f, const char *dir, const char *lang, pc_error *err)
{
	pc_fit_out o = { .dir = dir, .err = err };
	int zh = lang && !strcmp(lang, "zh"), rc;

	if ((rc = write_days(f, &o)) || (rc = write_hours(f, &o)))
		return rc;
	for (int k = 0; k < PC_FIT_NDISTS; k++)
		if (f->dist[k].best >= 0 && (rc = write_cdf(f, k, zh, &o)))
			return rc;
	return 0;
}
