/* fit_write: what `promocap fit` writes: the scenario (scenario.ini and its
 * CSV tables, loadable by `promocap run`), the empirical tables of the
 * delays, and the fit report (fit.csv: every figure with its 95% CI and
 * sample size; fit.txt: the same for a reader, with the messy rows found
 * and the goodness of fit of each distribution). */
#include "promocap/fit.h"

#include <errno.h>
#include <stddef.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"
#include "fit_internal.h"
#include "promocap/scenario.h"

static const char *const family[PC_FD_NFAMILIES] = { "lognormal", "gamma", "weibull" };
static const char *const reason_key[4] = { "quality", "no_reason", "not_received", "other" };
static const char *const path_key[4] = { "unshipped", "in_transit", "received_no_return", "return" };
static const char *const goods_key[3] = { "before_dispatch", "in_transit", "after_delivery" };
static const char *const after_reject_key[3] = { "ask_again", "escalate", "give_up" };
static const char *const role_key[PC_FIT_NROLES] = { "agent", "supervisor", "inspector" };

int pc_fit_out_open(pc_fit_out *o, const char *name)
{
	snprintf(o->path, sizeof o->path, "%s/%s", o->dir, name);
	snprintf(o->tmp, sizeof o->tmp, "%s.tmp", o->path);
	if (!(o->f = fopen(o->tmp, "w"))) {
		pc_error_set(o->err, NULL, 0, "cannot write '%s': %s", o->tmp, strerror(errno));
		return PC_EIO;
	}
	return 0;
}

int pc_fit_out_close(pc_fit_out *o)
{
	int bad = ferror(o->f);

	if (fclose(o->f) || bad || rename(o->tmp, o->path)) {
		pc_error_set(o->err, NULL, 0, "cannot write '%s': %s", o->path, strerror(errno));
		remove(o->tmp);
		return PC_EIO;
	}
	return 0;
}

#define ROW(field, aside, en, zh) { offsetof(pc_fit_counts, field), #field, aside, en, zh }
const pc_fit_count_row pc_fit_count_rows[] = {
	ROW(order_rows, 0, "orders file: data rows", "订单文件：数据行"),
	ROW(order_dup, 1, "orders: duplicate rows, dropped", "订单：重复行，已去掉"),
	ROW(order_conflict, 1, "orders: a repeated order number with other values, the first kept",
	    "订单：订单编号重复但内容不同，保留第一行"),
	ROW(order_no_paid, 1, "orders: no payment time, left out", "订单：没有付款时间，未计入"),
	ROW(order_outside, 1, "orders: paid outside the window, left out of the curves and rates",
	    "订单：付款时间在窗口之外，不计入曲线与比率"),
	ROW(order_no_dispatch, 0, "orders: not dispatched (no 发货时间)", "订单：未发货（没有发货时间）"),
	ROW(refund_rows, 0, "refunds file: data rows", "退款文件：数据行"),
	ROW(refund_dup, 1, "refunds: duplicate rows, dropped", "退款：重复行，已去掉"),
	ROW(refund_conflict, 1, "refunds: a repeated refund number with other values, the first kept",
	    "退款：退款编号重复但内容不同，保留第一行"),
	ROW(refund_no_time, 1, "refunds: no request time, left out", "退款：没有申请时间，未计入"),
	ROW(refund_no_end, 0, "refunds: ended (成功/关闭) without an end time", "退款：已完结（成功/关闭）但没有完结时间"),
	ROW(refund_no_order, 2, "refunds: order not in the orders file, left out of the rates and delays",
	    "退款：订单不在订单文件中，不计入比率与时长"),
	ROW(refund_outside, 2, "refunds: of orders outside the window, left out of the rates",
	    "退款：订单在窗口之外，不计入比率"),
	ROW(refund_before_paid, 2, "refunds: asked before the order was paid, left out of the delays",
	    "退款：申请早于付款，不计入时长"),
	ROW(refund_open, 0, "refunds: still open at the export", "退款：导出时仍未完结"),
	ROW(refund_closed, 0, "refunds: closed (退款关闭)", "退款：退款关闭"),
	ROW(refund_cancelled, 0, "refunds: of them cancelled by the buyer (买家撤销)", "退款：其中买家撤销"),
	ROW(reason_unknown, 0, "refunds: reason not one of the four, counted as other", "退款：原因不在四类之中，计为其他"),
	ROW(work_rows, 0, "work log: data rows", "工作记录：数据行"),
	ROW(work_dup, 1, "work log: duplicate rows, dropped", "工作记录：重复行，已去掉"),
	ROW(work_no_time, 1, "work log: no start or end, left out", "工作记录：没有开始或结束时间，未计入"),
	ROW(work_negative, 1, "work log: ends before it starts, left out", "工作记录：结束早于开始，未计入"),
	ROW(work_no_case, 1, "work log: case not in the refunds file, left out of the handle times",
	    "工作记录：工单不在退款文件中，不计入处理时长"),
	{ 0, NULL, 0, NULL, NULL }
};
#undef ROW

long pc_fit_count(const pc_fit_counts *c, const pc_fit_count_row *r)
{
	long v;

	memcpy(&v, (const char *)c + r->offset, sizeof v);
	return v;
}

/* A role's shift from the work log, for the supervisors and inspectors
 * (lightly loaded: the hours a person is seen on duty are far fewer than
 * their shift): the hours of the day in which the role was on duty on any
 * day of the log, [*lo, *hi) (0, 24 when all day or none), and the most
 * on duty in one hour of each day (peak[day]), a day with none taking the
 * fewest of the days with some: the role was on the team.  The agents'
 * roster stays by the hour. */
static void role_shift(const pc_fit *f, int role, int *lo, int *hi, int *peak, int ndays)
{
	int a = 24, b = -1, fewest = 0;

	for (int h = 0; h < f->hours; h++)
		if (f->roster[role][h] > 0) {
			a = h % 24 < a ? h % 24 : a;
			b = h % 24 > b ? h % 24 : b;
		}
	*lo = b < 0 ? 0 : a;
	*hi = b < 0 ? 24 : b + 1;
	for (int d = 0; d < ndays; d++) {
		peak[d] = 0;
		for (int h = d * 24; h < d * 24 + 24 && h < f->hours; h++)
			if (f->roster[role][h] > peak[d])
				peak[d] = f->roster[role][h];
		if (peak[d] > 0 && (fewest == 0 || peak[d] < fewest))
			fewest = peak[d];
	}
	for (int d = 0; d < ndays; d++)
		if (peak[d] == 0)
			peak[d] = fewest;
}

static void date(const pc_fit *f, int day, char *buf, size_t n)
{
	pc_date_format(f->d->day0 + day, buf, n);
}

/* Shares as percentages that sum to exactly 100 as written. */
static void mix(FILE *o, const char *const *names, const pc_fit_share *s, int n)
{
	double left = 100;
	int last = -1;

	for (int k = 0; k < n; k++)
		if (s[k].k > 0)
			last = k;
	for (int k = 0, first = 1; k < n; k++) {
		double v;
		if (s[k].k == 0)
			continue;
		v = k == last ? left : floor(s[k].p * 1e8 + 0.5) / 1e6;
		left -= v;
		fprintf(o, "%s%s %.6f%%", first ? "" : ", ", names[k], v < 0 ? 0 : v);
		first = 0;
	}
	fputc('\n', o);
}

static void dist_line(FILE *o, const pc_fit *f, int k, const char *key)
{
	const pc_fit_dist *fd = &f->dist[k];
	char v[160];

	if (fd->n == 0) {
		fprintf(o, "; %s: no data in the exports, the default stands\n", key);
		return;
	}
	pc_fit_dist_format(fd, v, sizeof v);
	fprintf(o, "%-22s = %-44s ; n = %ld, KS D = %.3f (empirical_%s.csv)\n", key, v, fd->n,
		fd->best >= 0 ? fd->ks[fd->best] : NAN, fd->key);
}

static int write_scenario(const pc_fit *f, pc_fit_out *o, const char *source)
{
	const pc_fit_data *d = f->d;
	char a[32], b[32];
	int hdays = (int)ceil(d->export_end / 86400.0 - 1e-9);
	FILE *s;
	int rc;

	if ((rc = pc_fit_out_open(o, "scenario.ini")))
		return rc;
	s = o->f;
	if (hdays < d->days)
		hdays = d->days;
	date(f, 0, a, sizeof a);
	date(f, d->days - 1, b, sizeof b);
	fprintf(s, "; Fitted by promocap fit from %s.\n", source);
	fprintf(s, "; Every figure's 95%% CI and sample size, and the goodness of fit of each\n"
		   "; distribution, are in fit.txt and fit.csv.  Staffing is not in the exports:\n"
		   "; set the rosters before planning with it.\n\n");
	fprintf(s, "[promotion]\nname         = fitted from the exports %s..%s\n", a, b);
	fprintf(s, "sales_start  = %s\nsales_end    = %s\n", a, b);
	date(f, hdays - 1, a, sizeof a);
	fprintf(s, "horizon      = %s                ; the exports' last day\n", a);
	fprintf(s, "gmv          = %.2f\naov          = %.4f              ; n = %ld orders\n", f->gmv, f->aov,
		f->orders);
	fprintf(s, "daily_share  = daily_share.csv\nhourly_share = hourly_share.csv\n\n");
	fprintf(s, "[refunds]\nrate              = rate_by_day.csv     ; overall %.4f%%, n = %ld orders\n",
		100 * f->rate.p, f->rate.n);
	fprintf(s, "after_sales_ratio = %.6f%%         ; after-sales claims (售后) per request (售中); enquiries are not in the exports\n",
		f->rate.k ? 100.0 * (double)f->claims.k / (double)f->rate.k : 0.0);
	if (f->ngated) {
		/* the gate found by the fit (fit.c: fit_gate), with the
		 * evidence: no same-day request where so many were due */
		fprintf(s, "entry_gated       = ");
		for (int k = 0, m = 0; k < f->d->days; k++)
			if (f->gated[k]) {
				date(f, k, a, sizeof a);
				fprintf(s, "%s%s", m++ ? ", " : "", a);
			}
		date(f, (int)floor(f->entry_opens / 86400), a, sizeof a);
		fprintf(s, "      ; none of these days' orders asked on the day, where %.0f were due\n",
			f->gate_expected);
		fprintf(s, "entry_opens       = %s %02d:00      ; their first request, down to the hour\n", a,
			(int)fmod(f->entry_opens / 3600, 24));
	} else
		fprintf(s, "entry_gated       = none              ; every sales day's orders asked on the day\n");
	fprintf(s, "request_hours     = request_hours.csv\n");
	fprintf(s, "reasons           = ");
	mix(s, reason_key, f->reason, 4);
	if (f->goods[0].n > 0) {
		if (f->goods_decided)
			fprintf(s, "; the goods' state when the buyer decided, n = %ld requests of the days the entry did not hold back\n",
				f->goods[0].n);
		fprintf(s, "goods_state       = ");
		mix(s, goods_key, f->goods, 3);
	}
	dist_line(s, f, PC_FIT_BEFORE_DISPATCH, "delay_before_dispatch");
	dist_line(s, f, PC_FIT_IN_TRANSIT, "delay_in_transit");
	dist_line(s, f, PC_FIT_AFTER_DELIVERY, "delay_after_delivery");
	if (f->no_return.n > 0)
		fprintf(s, "no_return         = %.6f%%         ; n = %ld after delivery\n", 100 * f->no_return.p,
			f->no_return.n);
	fprintf(s, "\n[goods]\n");
	dist_line(s, f, PC_FIT_DISPATCH, "dispatch");
	dist_line(s, f, PC_FIT_DELIVERY, "delivery");
	dist_line(s, f, PC_FIT_CLAIM_DELAY, "claim_delay");
	fprintf(s, "\n[after_sales]\nclaims          = 100%%\n");
	if (f->claim_no_return.n > 0)
		fprintf(s, "claim_no_return = %.6f%%          ; n = %ld claims\n", 100 * f->claim_no_return.p,
			f->claim_no_return.n);
	fprintf(s, "\n[path.unshipped]\n");
	dist_line(s, f, PC_FIT_H_UNSHIPPED, "handle");
	fprintf(s, "\n[path.in_transit]\n");
	dist_line(s, f, PC_FIT_H_IN_TRANSIT, "handle");
	if (f->courier_from >= 0)
		fprintf(s, "courier_hours          = %02d:00-%02d:00     ; %ld of the %ld recalled parcels' refunds (refund only, in a day) completed in them\n",
			f->courier_from, f->courier_to, f->courier_k, f->courier_n);
	fprintf(s, "\n[path.received_no_return]\n");
	dist_line(s, f, PC_FIT_H_RECEIVED, "handle");
	dist_line(s, f, PC_FIT_APPROVAL, "approval");
	fprintf(s, "\n[path.return]\n");
	dist_line(s, f, PC_FIT_AGREE, "agree");
	dist_line(s, f, PC_FIT_BUYER_SHIPS, "buyer_ships");
	dist_line(s, f, PC_FIT_TRANSIT, "transit");
	if (f->nwaves) {
		fprintf(s, "warehouse_waves        = ");
		for (int j = 0; j < f->nwaves; j++)
			fprintf(s, "%s%02d:%02d", j ? ", " : "", f->wave_minute[j] / 60, f->wave_minute[j] % 60);
		fprintf(s, "      ; %ld of the %ld returns reached the warehouse at these times (transit: to the middle of the wait before its wave)\n",
			f->waves_k, f->waves_n);
	}
	dist_line(s, f, PC_FIT_INSPECT, "inspect");
	dist_line(s, f, PC_FIT_PAYOUT, "payout");
	fprintf(s, "\n[platform]\n");
	if (f->esc_exposure_d > 0)
		fprintf(s, "escalation_rate = %.6f%%/d        ; %ld escalations over %.1f refund-days past the protection period\n",
			100 * f->esc_hazard, f->esc_n, f->esc_exposure_d);
	dist_line(s, f, PC_FIT_ESC_HANDLE, "escalation_handle");
	if (d->has_closed_col)
		fprintf(s, "cancel          = %.6f%%          ; 买家撤销, n = %ld\n", 100 * f->cancelled.p, f->cancelled.n);
	if (d->has_reject_col && f->rejected.k > 0) {
		int first = 1;
		fprintf(s, "reject          = ");
		for (int k = 0; k < 4; k++) {
			if (f->reject_by_reason[k].n == 0)
				continue;
			fprintf(s, "%s%s %.6f%%", first ? "" : ", ", reason_key[k], 100 * f->reject_by_reason[k].p);
			first = 0;
		}
		fputc('\n', s);
	}
	if (d->has_reject_col && f->after_reject[0].n > 0) {
		fprintf(s, "after_reject    = ");
		mix(s, after_reject_key, f->after_reject, 3);
	}
	for (int role = 0; role < PC_FIT_NROLES; role++) {
		fprintf(s, "\n[staff.%s]\n", role_key[role]);
		if (f->roster[role] && role != PC_FIT_AGENTS) {
			int lo, hi, *peak = malloc(((size_t)f->hours / 24 + 1) * sizeof *peak);
			if (!peak) {
				fclose(s);
				remove(o->tmp);
				pc_error_set(o->err, NULL, 0, "out of memory");
				return PC_ENOMEM;
			}
			role_shift(f, role, &lo, &hi, peak, f->hours / 24);
			free(peak);
			fprintf(s, "shifts = duty %02d:00-%02d:00           ; the hours the %ss worked in the log\n", lo, hi,
				role_key[role]);
			fprintf(s, "roster = roster_%s.csv   ; per day, the most %ss on duty in one hour (%d in the log, "
				   "%d busy at once at the peak)\n",
				role_key[role], role_key[role], f->people[role], f->peak[role]);
		} else if (f->roster[role])
			fprintf(s, "roster = roster_%s.csv   ; the %ss on duty each hour as the work log shows them (%d in all, "
				   "%d busy at once at the peak)\n",
				role_key[role], role_key[role], f->people[role], f->peak[role]);
		else if (role == PC_FIT_AGENTS)
			fprintf(s, "roster = 1                          ; no work log: set the team\n");
		else
			fprintf(s, "; roster: no %s in the work log, the default stands\n", role_key[role]);
	}
	return pc_fit_out_close(o);
}

static int write_tables(const pc_fit *f, pc_fit_out *o)
{
	const pc_fit_data *d = f->d;
	char day[32];
	int rc;

	if ((rc = pc_fit_out_open(o, "daily_share.csv")))
		return rc;
	fprintf(o->f, "date,share\n");
	{
		/* shares that sum to 1 as written */
		double left = 1;
		for (int k = 0; k < d->days; k++) {
			double v = k + 1 == d->days ? left : floor(f->daily[k].p * 1e9 + 0.5) / 1e9;
			left -= v;
			date(f, k, day, sizeof day);
			fprintf(o->f, "%s,%.9f\n", day, v < 0 ? 0 : v);
		}
	}
	if ((rc = pc_fit_out_close(o)) || (rc = pc_fit_out_open(o, "hourly_share.csv")))
		return rc;
	fprintf(o->f, "hour,share\n");
	{
		double left = 1;
		for (int h = 0; h < 24; h++) {
			double v = h == 23 ? left : floor(f->hourly[h].p * 1e9 + 0.5) / 1e9;
			left -= v;
			fprintf(o->f, "%d,%.9f\n", h, v < 0 ? 0 : v);
		}
	}
	if ((rc = pc_fit_out_close(o)) || (rc = pc_fit_out_open(o, "request_hours.csv")))
		return rc;
	fprintf(o->f, "hour,share\n");
	{
		double left = 1;
		for (int h = 0; h < 24; h++) {
			double v = h == 23 ? left : floor(f->req_hour[h].p * 1e9 + 0.5) / 1e9;
			left -= v;
			fprintf(o->f, "%d,%.9f\n", h, v < 0 ? 0 : v);
		}
	}
	if ((rc = pc_fit_out_close(o)) || (rc = pc_fit_out_open(o, "rate_by_day.csv")))
		return rc;
	fprintf(o->f, "date,rate\n");
	for (int k = 0; k < d->days; k++) {
		date(f, k, day, sizeof day);
		fprintf(o->f, "%s,%.9f\n", day, f->rate_day[k].p);
	}
	if ((rc = pc_fit_out_close(o)))
		return rc;
	for (int role = 0; role < PC_FIT_NROLES; role++) {
		char name[64];
		if (!f->roster[role])
			continue;
		/* change points: the first hour, then each change */
		snprintf(name, sizeof name, "roster_%s.csv", role_key[role]);
		if ((rc = pc_fit_out_open(o, name)))
			return rc;
		if (role != PC_FIT_AGENTS) {
			int lo, hi, *peak = malloc(((size_t)f->hours / 24 + 1) * sizeof *peak);
			if (!peak) {
				fclose(o->f);
				remove(o->tmp);
				pc_error_set(o->err, NULL, 0, "out of memory");
				return PC_ENOMEM;
			}
			role_shift(f, role, &lo, &hi, peak, f->hours / 24);
			fprintf(o->f, "date,shift,headcount\n");
			for (int k = 0; k < f->hours / 24; k++) {
				date(f, k, day, sizeof day);
				fprintf(o->f, "%s,duty,%d\n", day, peak[k]);
			}
			free(peak);
			if ((rc = pc_fit_out_close(o)))
				return rc;
			continue;
		}
		fprintf(o->f, "datetime,headcount\n");
		for (int h = 0; h < f->hours; h++) {
			if (h > 0 && f->roster[role][h] == f->roster[role][h - 1])
				continue;
			date(f, h / 24, day, sizeof day);
			fprintf(o->f, "%s %02d:00,%d\n", day, h % 24, f->roster[role][h]);
		}
		if ((rc = pc_fit_out_close(o)))
			return rc;
	}
	for (int k = 0; k < PC_FIT_NDISTS; k++) {
		const pc_fit_dist *fd = &f->dist[k];
		char name[96];
		if (fd->nq == 0)
			continue;
		snprintf(name, sizeof name, "empirical_%s.csv", fd->key);
		if ((rc = pc_fit_out_open(o, name)))
			return rc;
		fprintf(o->f, "value_s\n");
		for (int j = 0; j < fd->nq; j++)
			fprintf(o->f, "%.6g\n", fd->q[j]);
		if ((rc = pc_fit_out_close(o)))
			return rc;
	}
	return 0;
}

/* One row of fit.csv. */
static void row(pc_csvrow *w, const char *figure, double v, double lo, double hi, long n, const char *unit,
		const char *note)
{
	pc_csvrow_text(w, figure);
	pc_csvrow_num(w, v);
	pc_csvrow_num(w, lo);
	pc_csvrow_num(w, hi);
	pc_csvrow_num(w, (double)n);
	pc_csvrow_text(w, unit);
	pc_csvrow_text(w, note);
	pc_csvrow_end(w);
}

static void share_row(pc_csvrow *w, const char *figure, pc_fit_share s, const char *note)
{
	row(w, figure, 100 * s.p, 100 * s.lo, 100 * s.hi, s.n, "%", note);
}

static void dist_rows(pc_csvrow *w, const pc_fit_dist *fd)
{
	char name[128], v[160];

	snprintf(name, sizeof name, "%s_mean", fd->key);
	pc_fit_dist_format(fd, v, sizeof v);
	row(w, name, fd->mean / 3600, fd->mean_lo / 3600, fd->mean_hi / 3600, fd->n, "h", v);
	for (int k = 0; k < PC_FD_NFAMILIES && fd->best >= 0; k++) {
		char note[96];
		snprintf(name, sizeof name, "%s_ks_%s", fd->key, family[k]);
		snprintf(note, sizeof note, "%s(%.6g, %.6g)%s", family[k], fd->a[k], fd->b[k],
			 k == fd->best ? " chosen" : "");
		row(w, name, fd->ks[k], NAN, NAN, fd->n, "D", note);
	}
}

static int write_csv(const pc_fit *f, pc_fit_out *o)
{
	const pc_fit_data *d = f->d;
	const pc_fit_counts *c = &d->n;
	pc_csvrow w;
	char name[96];
	int rc;

	if ((rc = pc_fit_out_open(o, "fit.csv")))
		return rc;
	w = (pc_csvrow){ o->f, 0 };
	fprintf(o->f, "figure,value,ci95_low,ci95_high,n,unit,note\n");
	row(&w, "orders", (double)f->orders, NAN, NAN, f->orders, "orders", "paid in the window");
	row(&w, "gmv", f->gmv, NAN, NAN, f->orders, "CNY", "");
	row(&w, "aov", f->aov, f->aov_lo, f->aov_hi, f->orders, "CNY", "");
	for (int k = 0; k < d->days; k++) {
		char day[32];
		date(f, k, day, sizeof day);
		snprintf(name, sizeof name, "daily_share_%s", day);
		share_row(&w, name, f->daily[k], "");
	}
	for (int h = 0; h < 24; h++) {
		snprintf(name, sizeof name, "hourly_share_%02d", h);
		share_row(&w, name, f->hourly[h], "orders paid in the hour");
	}
	share_row(&w, "refund_rate", f->rate, "售中 requests per order");
	for (int k = 0; k < d->days; k++) {
		char day[32];
		date(f, k, day, sizeof day);
		snprintf(name, sizeof name, "rate_%s", day);
		share_row(&w, name, f->rate_day[k], "售中 requests of the day's orders");
	}
	share_row(&w, "claims_per_order", f->claims, "售后 claims per order");
	for (int h = 0; h < 24; h++) {
		snprintf(name, sizeof name, "request_hours_%02d", h);
		share_row(&w, name, f->req_hour[h], "requests in the hour");
	}
	for (int k = 0; k < 3; k++) {
		snprintf(name, sizeof name, "goods_state_%s", goods_key[k]);
		share_row(&w, name, f->goods[k],
			  f->goods_decided ? "售中 requests of days not gated, when the buyer decided" : "售中 requests");
	}
	for (int k = 0; k < 4; k++) {
		snprintf(name, sizeof name, "path_%s", path_key[k]);
		share_row(&w, name, f->path[k], "售中 requests");
	}
	share_row(&w, "no_return", f->no_return, "售中 after delivery: refund only");
	share_row(&w, "claim_no_return", f->claim_no_return, "售后: refund only");
	for (int k = 0; k < 4; k++) {
		snprintf(name, sizeof name, "reason_%s", reason_key[k]);
		share_row(&w, name, f->reason[k], "");
	}
	share_row(&w, "escalated", f->escalated, "小二介入");
	row(&w, "escalation_rate", 100 * f->esc_hazard, 100 * f->esc_hazard_lo, 100 * f->esc_hazard_hi, f->esc_n,
	    "%/d", "past the protection period (5d)");
	share_row(&w, "cancelled", f->cancelled, "买家撤销");
	share_row(&w, "rejected", f->rejected, "卖家拒绝");
	share_row(&w, "auto_approved", f->autoapp, "超时自动同意");
	for (int k = 0; k < 4; k++) {
		snprintf(name, sizeof name, "reject_%s", reason_key[k]);
		share_row(&w, name, f->reject_by_reason[k], "卖家拒绝 by reason");
	}
	row(&w, "peak_agents", f->peak_agents, NAN, NAN, (long)d->ntasks, "agents", "busy at once in the work log");
	for (int k = 0; k < 3; k++) {
		snprintf(name, sizeof name, "after_reject_%s", after_reject_key[k]);
		share_row(&w, name, f->after_reject[k],
			  k == PC_FIT_ESCALATE ? "rejected requests: escalated (小二介入)"
			  : k == PC_FIT_GIVE_UP ? "rejected requests: the buyer gave up (退款关闭, 放弃)"
						: "rejected requests: neither, the buyer asked again");
	}
	for (int role = 0; role < PC_FIT_NROLES; role++) {
		int top = 0;
		snprintf(name, sizeof name, "people_%s", role_key[role]);
		row(&w, name, f->people[role], NAN, NAN, (long)d->ntasks, "people", "in the work log");
		snprintf(name, sizeof name, "peak_busy_%s", role_key[role]);
		row(&w, name, f->peak[role], NAN, NAN, (long)d->ntasks, "people", "busy at once at the peak");
		for (int day = 0; f->roster[role] && day < f->hours / 24; day++) {
			char dd[32];
			top = 0;
			for (int h = 0; h < 24; h++)
				if (f->roster[role][day * 24 + h] > top)
					top = f->roster[role][day * 24 + h];
			date(f, day, dd, sizeof dd);
			snprintf(name, sizeof name, "roster_%s_%s", role_key[role], dd);
			row(&w, name, top, NAN, NAN, (long)d->ntasks, "people",
			    "most on duty in one hour of the day, as the log shows (roster_ROLE.csv)");
		}
	}
	for (int k = 0; k < PC_FIT_NDISTS; k++)
		dist_rows(&w, &f->dist[k]);
	for (const pc_fit_count_row *r = pc_fit_count_rows; r->key; r++) {
		snprintf(name, sizeof name, "rows_%s", r->key);
		row(&w, name, (double)pc_fit_count(c, r), NAN, NAN, 0, "rows", r->en);
	}
	return pc_fit_out_close(o);
}

static void txt_share(FILE *t, const char *what, pc_fit_share s)
{
	fprintf(t, "  %-42s %8.3f%%  [%7.3f%%, %7.3f%%]  n = %ld\n", what, 100 * s.p, 100 * s.lo, 100 * s.hi, s.n);
}

static int write_txt(const pc_fit *f, pc_fit_out *o, const char *source)
{
	const pc_fit_data *d = f->d;
	const pc_fit_counts *c = &d->n;
	char a[32], b[32];
	FILE *t;
	int rc;

	if ((rc = pc_fit_out_open(o, "fit.txt")))
		return rc;
	t = o->f;
	date(f, 0, a, sizeof a);
	date(f, d->days - 1, b, sizeof b);
	fprintf(t, "promocap fit: %s\nsales window %s .. %s (%d days); 95%% confidence intervals in brackets\n\n",
		source, a, b, d->days);
	fprintf(t, "Rows read and what was done with them\n");
	fprintf(t, "  orders   %ld rows: %ld duplicates dropped, %ld repeated numbers with other values (first kept),\n"
		   "           %ld without payment time, %ld paid outside the window, %ld not dispatched\n",
		c->order_rows, c->order_dup, c->order_conflict, c->order_no_paid, c->order_outside, c->order_no_dispatch);
	fprintf(t, "  refunds  %ld rows: %ld duplicates dropped, %ld repeated numbers with other values (first kept),\n"
		   "           %ld without request time, %ld ended without end time, %ld of unknown orders,\n"
		   "           %ld of orders outside the window, %ld asked before payment, %ld open at the export,\n"
		   "           %ld closed (%ld cancelled by the buyer), %ld with another reason (counted as other)\n",
		c->refund_rows, c->refund_dup, c->refund_conflict, c->refund_no_time, c->refund_no_end,
		c->refund_no_order, c->refund_outside, c->refund_before_paid, c->refund_open, c->refund_closed,
		c->refund_cancelled, c->reason_unknown);
	if (d->has_work)
		fprintf(t, "  work log %ld rows: %ld duplicates dropped, %ld without times, %ld ending before they start,\n"
			   "           %ld of unknown cases; %d people (%d agents, %d supervisors, %d inspectors)\n",
			c->work_rows, c->work_dup, c->work_no_time, c->work_negative, c->work_no_case, d->nagents,
			f->people[PC_FIT_AGENTS], f->people[PC_FIT_SUPERVISORS], f->people[PC_FIT_INSPECTORS]);
	else
		fprintf(t, "  work log none (--work): no handle times, no peak of agents\n");
	fprintf(t, "\nDemand\n");
	fprintf(t, "  %-42s %ld\n", "orders paid in the window", f->orders);
	fprintf(t, "  %-42s %.2f CNY  [%.2f, %.2f]  n = %ld\n", "AOV", f->aov, f->aov_lo, f->aov_hi, f->orders);
	fprintf(t, "  %-42s %.0f CNY\n", "GMV", f->gmv);
	txt_share(t, "refund rate (售中 requests per order)", f->rate);
	txt_share(t, "after-sales claims per order (售后)", f->claims);
	for (int k = 0; k < d->days; k++) {
		char day[32], what[96];
		date(f, k, day, sizeof day);
		snprintf(what, sizeof what, "%s orders share", day);
		txt_share(t, what, f->daily[k]);
		snprintf(what, sizeof what, "%s refund rate", day);
		txt_share(t, what, f->rate_day[k]);
	}
	fprintf(t, "\nRequests\n");
	for (int k = 0; k < 3; k++) {
		char what[96];
		snprintf(what, sizeof what, "goods' state %s%s", goods_key[k], f->goods_decided ? " decided" : "");
		txt_share(t, what, f->goods[k]);
	}
	for (int k = 0; k < 4; k++) {
		char what[96];
		snprintf(what, sizeof what, "path %s", path_key[k]);
		txt_share(t, what, f->path[k]);
	}
	txt_share(t, "after delivery: refund only (no_return)", f->no_return);
	txt_share(t, "claims: refund only (claim_no_return)", f->claim_no_return);
	if (f->nwaves) {
		fprintf(t, "  %-42s", "warehouse's delivery waves");
		for (int j = 0; j < f->nwaves; j++)
			fprintf(t, "%s%02d:%02d", j ? ", " : " ", f->wave_minute[j] / 60, f->wave_minute[j] % 60);
		fprintf(t, "  %ld of n = %ld\n", f->waves_k, f->waves_n);
	} else
		fprintf(t, "  %-42s none  n = %ld\n", "warehouse's delivery waves", f->waves_n);
	if (f->courier_from >= 0)
		fprintf(t, "  %-42s %02d:00-%02d:00  %ld of n = %ld\n", "courier's hours (recalled parcels' refunds)",
			f->courier_from, f->courier_to, f->courier_k, f->courier_n);
	else
		fprintf(t, "  %-42s always  n = %ld\n", "courier's hours (recalled parcels' refunds)", f->courier_n);
	for (int k = 0; k < 4; k++) {
		char what[96];
		snprintf(what, sizeof what, "reason %s", reason_key[k]);
		txt_share(t, what, f->reason[k]);
	}
	txt_share(t, "escalated (小二介入)", f->escalated);
	fprintf(t, "  %-42s %8.3f%%/d [%.3f, %.3f] n = %ld over %.0f refund-days\n", "escalation rate past protection",
		100 * f->esc_hazard, 100 * f->esc_hazard_lo, 100 * f->esc_hazard_hi, f->esc_n, f->esc_exposure_d);
	txt_share(t, "cancelled by the buyer (买家撤销)", f->cancelled);
	txt_share(t, "rejected by the shop (卖家拒绝)", f->rejected);
	txt_share(t, "approved on timeout (超时自动同意)", f->autoapp);
	fprintf(t, "  request hours:");
	for (int h = 0; h < 24; h++)
		fprintf(t, "%s%02d %.1f%%", h % 8 ? "  " : "\n    ", h, 100 * f->req_hour[h].p);
	fprintf(t, "\n\nDurations: mean [95%% CI], median, p90 (hours); lognormal, gamma, Weibull fitted by maximum\n"
		   "likelihood, the smallest Kolmogorov-Smirnov D chosen (*)\n");
	for (int k = 0; k < PC_FIT_NDISTS; k++) {
		const pc_fit_dist *fd = &f->dist[k];
		char v[160];
		if (fd->n == 0) {
			fprintf(t, "  %-26s no data\n", fd->key);
			continue;
		}
		pc_fit_dist_format(fd, v, sizeof v);
		fprintf(t, "  %-26s %9.3f [%.3f, %.3f] med %.3f p90 %.3f  n = %ld\n", fd->key, fd->mean / 3600,
			fd->mean_lo / 3600, fd->mean_hi / 3600, fd->median / 3600, fd->p90 / 3600, fd->n);
		if (fd->best >= 0)
			fprintf(t, "  %-26s D: lognormal %.4f%s gamma %.4f%s weibull %.4f%s -> %s\n", "", fd->ks[0],
				fd->best == 0 ? "*" : " ", fd->ks[1], fd->best == 1 ? "*" : " ", fd->ks[2],
				fd->best == 2 ? "*" : " ", v);
	}
	if (f->after_reject[0].n > 0) {
		txt_share(t, "after a rejection: asked again", f->after_reject[PC_FIT_ASK_AGAIN]);
		txt_share(t, "after a rejection: escalated", f->after_reject[PC_FIT_ESCALATE]);
		txt_share(t, "after a rejection: gave up", f->after_reject[PC_FIT_GIVE_UP]);
	}
	if (d->has_work) {
		fprintf(t, "\nAgents busy at once at the work log's peak: %d\n", f->peak_agents);
		for (int role = 0; role < PC_FIT_NROLES; role++)
			if (f->roster[role])
				fprintf(t, "%ss: %d in the work log, %d busy at once at the peak; roster_%s.csv: the "
					   "%ss seen working each hour\n",
					role_key[role], f->people[role], f->peak[role], role_key[role], role_key[role]);
	}
	return pc_fit_out_close(o);
}

int pc_fit_write(const pc_fit *f, const char *dir, const char *source, pc_error *err)
{
	pc_fit_out o = { .dir = dir, .err = err };
	int rc;

	if ((rc = write_tables(f, &o)) || (rc = write_scenario(f, &o, source)) || (rc = write_csv(f, &o)) ||
	    (rc = write_txt(f, &o, source)))
		return rc;
	return 0;
}
