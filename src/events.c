/* events: the event log of one replication (promocap/events.h): the
 * simulator's records (evlog.h) joined into orders, refunds and the work
 * log, written as the seller back end exports them, in UTF-8 or GBK. */
#include "promocap/events.h"

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "csvrow.h"
#include "evlog.h"
#include "sim_internal.h"

#define NO_RECORD UINT32_MAX

pc_events *pc_events_new(void)
{
	return calloc(1, sizeof(pc_events));
}

void pc_events_free(pc_events *ev)
{
	if (!ev)
		return;
	free(ev->ask);
	free(ev->ref);
	free(ev->work);
	free(ev->of);
	free(ev);
}

void pc_events_set_gbk(pc_events *ev, int gbk)
{
	ev->gbk = gbk != 0;
}

void pc_sim_set_events(pc_sim *sim, pc_events *ev)
{
	sim->ev = ev;
}

void pc_events_counts(const pc_events *ev, long *refunds, long *orders, long *work)
{
	*refunds = (long)ev->nref;
	*orders = ev->orders;
	*work = (long)ev->nwork;
}

/* Room for one more of n elements of size sz in *p (capacity *cap,
 * doubled when full).  0, or -1 (ev->nomem set). */
static int room(pc_events *ev, void **p, size_t *cap, size_t n, size_t sz)
{
	size_t c;
	void *q;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 4096;
	if (!(q = realloc(*p, c * sz))) {
		ev->nomem = 1;
		return -1;
	}
	*p = q;
	*cap = c;
	return 0;
}

void pc_ev_ask_add(pc_events *ev, double t, double order, double dispatch, double delivered)
{
	if (room(ev, (void **)&ev->ask, &ev->cap_ask, ev->nask, sizeof *ev->ask))
		return;
	ev->ask[ev->nask++] = (pc_ev_ask){ t, order, dispatch, delivered };
}

void pc_ev_arrive(pc_events *ev, uint32_t id, double now, int path0, int reason, double asked, int claim)
{
	if (id >= ev->cap_of) {
		size_t c = ev->cap_of ? ev->cap_of : 4096;
		uint32_t *q;
		while (c <= id)
			c *= 2;
		if (!(q = realloc(ev->of, c * sizeof *q))) {
			ev->nomem = 1;
			return;
		}
		for (size_t i = ev->cap_of; i < c; i++)
			q[i] = NO_RECORD;
		ev->of = q;
		ev->cap_of = c;
	}
	ev->of[id] = NO_RECORD;
	if (room(ev, (void **)&ev->ref, &ev->cap_ref, ev->nref, sizeof *ev->ref))
		return;
	ev->ref[ev->nref] = (pc_ev_refund){ .t = now, .end = NAN, .shipped = NAN, .warehouse = NAN,
					    .amount = asked, .path0 = (uint8_t)path0, .path = (uint8_t)path0,
					    .reason = (uint8_t)reason, .how = PC_EV_FINISHED,
					    .state = PC_ST_AGENT, .flags = claim ? PC_EVF_CLAIM : 0 };
	ev->of[id] = (uint32_t)ev->nref++;
}

pc_ev_refund *pc_ev_of(pc_events *ev, uint32_t id)
{
	if (id >= ev->cap_of || ev->of[id] == NO_RECORD)
		return NULL;
	return &ev->ref[ev->of[id]];
}

void pc_ev_work_add(pc_events *ev, uint32_t id, int task, double start, double end)
{
	if (id >= ev->cap_of || ev->of[id] == NO_RECORD)
		return; /* after-sales enquiries are not refunds */
	if (room(ev, (void **)&ev->work, &ev->cap_work, ev->nwork, sizeof *ev->work))
		return;
	ev->work[ev->nwork++] = (pc_ev_work){ start, end, ev->of[id], (uint8_t)task };
}

int pc_events_check(const pc_scenario *sc, pc_error *err)
{
	if (sc->has_arrival_curve) {
		pc_error_set(err, sc->file, 0,
			     "--events needs orders-based demand (gmv, aov, daily_share): this scenario's requests "
			     "come from arrival_curve, which has no orders to log");
		return PC_EINPUT;
	}
	return 0;
}

int pc_events_record(const pc_scenario *sc, uint64_t seed, int r, pc_events *ev, pc_error *err)
{
	pc_sim *sim;
	pc_rep rep;
	int rc;

	if ((rc = pc_events_check(sc, err)))
		return rc;
	ev->nask = ev->nref = ev->nwork = 0;
	ev->nomem = 0;
	for (size_t i = 0; i < ev->cap_of; i++)
		ev->of[i] = NO_RECORD;
	if (!(sim = pc_sim_new(sc, err)))
		return PC_ENOMEM;
	if (pc_rep_init(&rep, sc)) {
		pc_sim_free(sim);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	pc_sim_set_events(sim, ev);
	rc = pc_sim_run(sim, seed, r, &rep, err);
	pc_rep_release(&rep);
	pc_sim_free(sim);
	return rc;
}

/* ---- writing ---- */

/* One order of the export. */
typedef struct order {
	double t, dispatch, delivered, amount;
	uint32_t refund; /* its refund record, NO_RECORD: none */
} order;

static const double *sort_key;

static int by_key(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	double x = sort_key[i], y = sort_key[j];

	if (x != y)
		return x < y ? -1 : 1;
	return i < j ? -1 : i > j;
}

/* Indices 0..n-1 in the order of key[] (ties by index: the same order on
 * every libc). */
static uint32_t *sorted(const double *key, size_t n)
{
	uint32_t *ix = malloc((n ? n : 1) * sizeof *ix);

	if (!ix)
		return NULL;
	for (size_t i = 0; i < n; i++)
		ix[i] = (uint32_t)i;
	sort_key = key;
	qsort(ix, n, sizeof *ix, by_key);
	return ix;
}

static int by_order_time(const void *a, const void *b)
{
	const order *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	/* equal times: refunds' orders by their record, then the others */
	return x->refund < y->refund ? -1 : x->refund > y->refund;
}

/* "YYYY-MM-DD HH:MM:SS" of time t (seconds from sales_start); "" for NaN
 * or past the horizon (not yet happened when the export was taken). */
static void stamp(const pc_scenario *sc, double t, char *buf, size_t n)
{
	double s;
	int64_t day;
	long sec;
	char date[32];

	if (isnan(t) || t > sc->horizon) {
		buf[0] = '\0';
		return;
	}
	s = floor(t);
	day = (int64_t)floor(s / PC_DAY);
	sec = (long)(s - (double)day * PC_DAY);
	pc_date_format(sc->day0 + day, date, sizeof date);
	snprintf(buf, n, "%s %02ld:%02ld:%02ld", date, sec / 3600, sec / 60 % 60, sec % 60);
}

static void cell_time(pc_csvrow *w, const pc_scenario *sc, double t)
{
	char buf[64];

	stamp(sc, t, buf, sizeof buf);
	pc_csvrow_text(w, buf);
}

static void cell_id(pc_csvrow *w, unsigned long long base, size_t i)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%llu", base + (unsigned long long)i);
	pc_csvrow_text(w, buf);
}

static void cell_money(pc_csvrow *w, double v)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%.2f", v);
	pc_csvrow_text(w, buf);
}

static const char *const reason_zh[PC_NREASONS] = { "质量问题", "七天无理由退换货", "未收到货", "其他" };

/* 退款状态: refunded, closed, or what an open refund waits for. */
static const char *status_zh(const pc_ev_refund *e)
{
	if (!isnan(e->end)) {
		switch (e->how) {
		case END_CANCELLED: case END_GAVE_UP: case END_NOT_SHIPPED: case END_RULED_CLOSED:
			return "退款关闭";
		default:
			return "退款成功";
		}
	}
	switch (e->state) {
	case PC_ST_AGENT:
		return "买家已经申请退款，等待卖家同意";
	case PC_ST_BUYER:
		return "卖家已经同意退款，等待买家退货";
	case PC_ST_TRANSIT: case PC_ST_INSPECT: case PC_ST_PAYOUT:
		return "买家已经退货，等待卖家确认收货";
	default:
		return "退款处理中";
	}
}

static const char *closed_zh(const pc_ev_refund *e)
{
	if (isnan(e->end))
		return "";
	switch (e->how) {
	case END_CANCELLED: return "买家撤销";
	case END_GAVE_UP: return "卖家拒绝后买家放弃";
	case END_NOT_SHIPPED: return "买家超时未退货";
	case END_RULED_CLOSED: return "小二判定关闭";
	default: return "";
	}
}

static const char *goods_zh(int path0)
{
	switch (path0) {
	case PC_PATH_UNSHIPPED: return "未发货";
	case PC_PATH_IN_TRANSIT: return "已发货未收货";
	default: return "已收货";
	}
}

static const char *task_name(int task)
{
	switch (task) {
	case PC_TASK_UNSHIPPED: case PC_TASK_IN_TRANSIT: case PC_TASK_RECEIVED: return "handle";
	case PC_TASK_AGREE: return "agree";
	case PC_TASK_PAYOUT: return "payout";
	case PC_TASK_ESCALATION: return "escalation";
	case PC_TASK_LATE: return "late";
	case PC_TASK_APPROVAL: return "approval";
	case PC_TASK_INSPECT: return "inspect";
	default: return "other";
	}
}

/* Opens PREFIX_name.tmp; the caller renames it into place when whole. */
static FILE *open_part(const char *prefix, const char *name, char *path, size_t n, char *tmp, size_t ntmp,
		       pc_error *err)
{
	FILE *f;

	if ((size_t)snprintf(path, n, "%s_%s", prefix, name) >= n ||
	    (size_t)snprintf(tmp, ntmp, "%s.tmp", path) >= ntmp) {
		pc_error_set(err, NULL, 0, "--events prefix too long: '%s'", prefix);
		return NULL;
	}
	if (!(f = fopen(tmp, "w"))) {
		pc_error_set(err, NULL, 0, "cannot write '%s': %s", tmp, strerror(errno));
		return NULL;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

/* Converts the UTF-8 file tmp into GBK in tmp.gbk, in blocks of 1 MiB (a
 * character cut at a block's end carried into the next), then renames it
 * over tmp.  0, or PC_EIO with err filled (both removed). */
static int to_gbk(const char *path, const char *tmp, pc_error *err)
{
	enum { BLOCK = 1 << 20 };
	char gtmp[4400], *in = malloc(BLOCK + 8), *out = malloc(2 * BLOCK + 16);
	FILE *fi = fopen(tmp, "rb"), *fo = NULL;
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t have = 0, n;
	int rc = PC_EIO, bad = 0;

	snprintf(gtmp, sizeof gtmp, "%s.gbk", tmp);
	if (!in || !out || !fi || cd == (iconv_t)-1 || !(fo = fopen(gtmp, "wb"))) {
		pc_error_set(err, NULL, 0, "cannot write '%s' in GBK: %s", path, strerror(errno));
		goto out;
	}
	while ((n = fread(in + have, 1, BLOCK - have, fi)) > 0 || have > 0) {
		char *ip = in, *op = out;
		size_t il = have + n, ol = 2 * BLOCK + 16;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && (errno != EINVAL || n == 0)) {
			pc_error_set(err, NULL, 0, "cannot write '%s' in GBK: a character GBK does not have", path);
			goto out;
		}
		if (fwrite(out, 1, (size_t)(op - out), fo) != (size_t)(op - out))
			bad = 1;
		memmove(in, ip, il); /* a character cut at the block's end */
		have = il;
		if (n == 0 && have == 0)
			break;
	}
	if (ferror(fi) || bad) {
		pc_error_set(err, NULL, 0, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fi)
		fclose(fi);
	if (fo && (fclose(fo) || rc)) {
		if (!rc)
			pc_error_set(err, NULL, 0, "cannot write '%s': %s", path, strerror(errno));
		rc = PC_EIO;
	}
	if (!rc && rename(gtmp, tmp)) {
		pc_error_set(err, NULL, 0, "cannot write '%s': %s", path, strerror(errno));
		rc = PC_EIO;
	}
	if (rc) {
		remove(gtmp);
		remove(tmp);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	free(in);
	free(out);
	return rc;
}

static int close_part(FILE *f, const char *path, const char *tmp, int gbk, pc_error *err)
{
	int bad = ferror(f);

	if (fclose(f) || bad) {
		pc_error_set(err, NULL, 0, "cannot write '%s': %s", path, strerror(errno));
		remove(tmp);
		return PC_EIO;
	}
	if (gbk && to_gbk(path, tmp, err))
		return PC_EIO;
	if (rename(tmp, path)) {
		pc_error_set(err, NULL, 0, "cannot write '%s': %s", path, strerror(errno));
		remove(tmp);
		return PC_EIO;
	}
	return 0;
}

/* The orders of the export: those that asked (joined to their refund by
 * the request time, which the run kept exactly), those whose request came
 * after the horizon, and the rest of N = gmv / aov drawn over the sales
 * days and hours by the order curve from their own stream. */
static order *build_orders(const pc_events *ev, const pc_scenario *sc, gsl_rng *g, size_t *norders)
{
	double *kt = malloc((ev->nask + 1) * sizeof *kt), *rt = malloc((ev->nref + 1) * sizeof *rt);
	uint32_t *ka = NULL, *kr = NULL;
	order *o = NULL;
	size_t n = 0, cap, want, i, j;
	double total = floor(sc->gmv / sc->aov + 0.5);

	if (!kt || !rt)
		goto out;
	for (i = 0; i < ev->nask; i++)
		kt[i] = ev->ask[i].t;
	for (i = 0; i < ev->nref; i++)
		rt[i] = ev->ref[i].t;
	if (!(ka = sorted(kt, ev->nask)) || !(kr = sorted(rt, ev->nref)))
		goto out;
	want = total > (double)ev->nask ? (size_t)total - ev->nask : 0;
	cap = ev->nask + ev->nref + want + 1;
	if (!(o = malloc(cap * sizeof *o)))
		goto out;
	/* Walk both in time order: a request that arrived has its ask. */
	for (i = j = 0; i < ev->nask; i++) {
		const pc_ev_ask *a = &ev->ask[ka[i]];
		order *x = &o[n++];
		x->t = a->order;
		x->dispatch = a->dispatch;
		x->delivered = a->delivered;
		x->amount = pc_dist_sample(&sc->order_amount, g);
		x->refund = NO_RECORD;
		while (j < ev->nref && rt[kr[j]] < a->t) {
			/* A refund without its order's ask (none in an
			 * orders-based run): its own order at its request. */
			order *y = &o[n++];
			*y = (order){ rt[kr[j]], NAN, NAN, pc_dist_sample(&sc->order_amount, g), kr[j] };
			j++;
		}
		if (j < ev->nref && rt[kr[j]] == a->t)
			x->refund = kr[j++];
	}
	for (; j < ev->nref; j++)
		o[n++] = (order){ rt[kr[j]], NAN, NAN, pc_dist_sample(&sc->order_amount, g), kr[j] };
	/* The orders that asked for nothing. */
	{
		size_t ncell = (size_t)sc->sales_days * 24;
		double *w = malloc(ncell * sizeof *w);
		gsl_ran_discrete_t *tab;
		int goods = sc->timing == PC_TIMING_GOODS_STATE;

		if (!w)
			goto fail;
		for (size_t c = 0; c < ncell; c++) {
			double rate = sc->rate_by_day ? sc->rate_by_day[c / 24] : sc->refund_rate;
			double keep = 1 - rate * (1 + pc_scenario_after_sales_ratio(sc));
			w[c] = sc->daily_share[c / 24] * sc->hourly_share[c % 24] * (keep > 0 ? keep : 0);
		}
		tab = gsl_ran_discrete_preproc(ncell, w);
		free(w);
		if (!tab && want)
			goto fail;
		for (size_t k = 0; k < want; k++) {
			size_t c = gsl_ran_discrete(g, tab);
			order *x = &o[n++];
			x->t = (double)c * PC_HOUR + gsl_rng_uniform(g) * PC_HOUR;
			x->dispatch = goods ? x->t + pc_dist_sample(&sc->dispatch, g) : NAN;
			x->delivered = goods ? x->dispatch + pc_dist_sample(&sc->delivery, g) : NAN;
			x->amount = pc_dist_sample(&sc->order_amount, g);
			x->refund = NO_RECORD;
		}
		if (tab)
			gsl_ran_discrete_free(tab);
	}
	qsort(o, n, sizeof *o, by_order_time);
	*norders = n;
	goto out;
fail:
	free(o);
	o = NULL;
out:
	free(kt);
	free(rt);
	free(ka);
	free(kr);
	return o;
}

static int write_orders(const order *o, size_t n, const pc_scenario *sc, const char *prefix, int gbk,
			pc_error *err)
{
	char path[4200], tmp[4300];
	FILE *f = open_part(prefix, "orders.csv", path, sizeof path, tmp, sizeof tmp, err);
	pc_csvrow w = { f, 0 };
	static const char *const head[] = { "订单编号", "订单状态", "订单付款时间", "买家实际支付金额",
					    "发货时间", "签收时间", "确认收货时间" };

	if (!f)
		return PC_EIO;
	w.out = f;
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		pc_csvrow_text(&w, head[k]);
	pc_csvrow_end(&w);
	for (size_t i = 0; i < n; i++) {
		double confirm = NAN;
		int delivered = !isnan(o[i].delivered) && o[i].delivered <= sc->horizon;
		if (!isnan(o[i].dispatch))
			confirm = fmax(o[i].dispatch + sc->confirm_after, o[i].delivered);
		cell_id(&w, 3000000000000000000ULL, i + 1);
		pc_csvrow_text(&w, !isnan(confirm) && confirm <= sc->horizon ? "交易成功"
				   : delivered ? "卖家已发货，等待买家确认"
				   : !isnan(o[i].dispatch) && o[i].dispatch <= sc->horizon ? "卖家已发货，等待买家确认"
				   : isnan(o[i].dispatch) ? "交易成功" : "买家已付款，等待卖家发货");
		cell_time(&w, sc, o[i].t);
		cell_money(&w, o[i].amount);
		cell_time(&w, sc, o[i].dispatch);
		cell_time(&w, sc, o[i].delivered);
		cell_time(&w, sc, confirm);
		pc_csvrow_end(&w);
	}
	return close_part(f, path, tmp, gbk, err);
}

static int write_refunds(const pc_events *ev, const order *o, size_t n, const uint32_t *order_of,
			 const uint32_t *rank, const pc_scenario *sc, const char *prefix, pc_error *err)
{
	char path[4200], tmp[4300];
	FILE *f = open_part(prefix, "refunds.csv", path, sizeof path, tmp, sizeof tmp, err);
	pc_csvrow w = { f, 0 };
	static const char *const head[] = { "退款编号", "订单编号", "申请退款时间", "退款类型", "退款阶段",
					    "货物状态", "退款原因", "退款金额", "退款状态", "退款完结时间",
					    "退款关闭原因", "小二介入", "卖家拒绝", "超时自动同意",
					    "买家退货时间", "卖家收货时间", "卖家责任" };
	uint32_t *by_rank = malloc((ev->nref + 1) * sizeof *by_rank);

	if (!f) {
		free(by_rank);
		return PC_EIO;
	}
	if (!by_rank) {
		fclose(f);
		remove(tmp);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	for (size_t i = 0; i < ev->nref; i++)
		by_rank[rank[i]] = (uint32_t)i;
	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		pc_csvrow_text(&w, head[k]);
	pc_csvrow_end(&w);
	(void)n;
	for (size_t r = 0; r < ev->nref; r++) {
		uint32_t i = by_rank[r];
		const pc_ev_refund *e = &ev->ref[i];
		const order *x = &o[order_of[i]];
		double amount = e->path0 == PC_PATH_RECEIVED ? fmin(e->amount, x->amount) : x->amount;
		cell_id(&w, 9000000000000000000ULL, r + 1);
		cell_id(&w, 3000000000000000000ULL, (size_t)order_of[i] + 1);
		cell_time(&w, sc, e->t);
		pc_csvrow_text(&w, e->path0 == PC_PATH_RETURN ? "退货退款" : "仅退款");
		pc_csvrow_text(&w, e->flags & PC_EVF_CLAIM ? "售后" : "售中");
		pc_csvrow_text(&w, goods_zh(e->path0));
		pc_csvrow_text(&w, reason_zh[e->reason < PC_NREASONS ? e->reason : PC_REASON_OTHER]);
		cell_money(&w, amount);
		pc_csvrow_text(&w, status_zh(e));
		cell_time(&w, sc, e->end);
		pc_csvrow_text(&w, closed_zh(e));
		pc_csvrow_text(&w, e->flags & PC_EVF_ESCALATED ? "是" : "否");
		pc_csvrow_text(&w, e->flags & PC_EVF_REJECTED ? "是" : "否");
		pc_csvrow_text(&w, e->flags & PC_EVF_AUTO ? "是" : "否");
		cell_time(&w, sc, e->shipped);
		cell_time(&w, sc, e->warehouse);
		pc_csvrow_text(&w, e->flags & PC_EVF_SELLER ? "是" : "否");
		pc_csvrow_end(&w);
	}
	free(by_rank);
	return close_part(f, path, tmp, ev->gbk, err);
}

static int write_work(const pc_events *ev, const uint32_t *rank, const pc_scenario *sc, const char *prefix,
		      pc_error *err)
{
	char path[4200], tmp[4300];
	FILE *f = open_part(prefix, "work.csv", path, sizeof path, tmp, sizeof tmp, err);
	pc_csvrow w = { f, 0 };
	double *st = malloc((ev->nwork + 1) * sizeof *st);
	uint32_t *ix = NULL;
	static const char *const role_zh[PC_NRES] = { "客服", "主管", "质检" };
	static const char *const person[PC_NRES] = { "agent", "supervisor", "inspector" };
	double *free_at[PC_NRES] = { NULL };
	size_t nagents[PC_NRES] = { 0 }, cap[PC_NRES] = { 0 };
	int rc = 0;

	if (!f) {
		free(st);
		return PC_EIO;
	}
	for (size_t i = 0; st && i < ev->nwork; i++)
		st[i] = ev->work[i].start;
	if (!st || !(ix = sorted(st, ev->nwork))) {
		rc = PC_ENOMEM;
		goto out;
	}
	pc_csvrow_text(&w, "agent");
	pc_csvrow_text(&w, "case");
	pc_csvrow_text(&w, "start");
	pc_csvrow_text(&w, "end");
	pc_csvrow_text(&w, "task");
	pc_csvrow_text(&w, "岗位");
	pc_csvrow_end(&w);
	/* The simulator's servers have no names: each task goes to the
	 * lowest-numbered person of its role (岗位: agent, supervisor,
	 * inspector) free at its start, so no one ever holds two tasks at once
	 * and no more are busy than were on duty. */
	for (size_t k = 0; k < ev->nwork; k++) {
		const pc_ev_work *x = &ev->work[ix[k]];
		int res = pc_sim_task_res[x->task];
		size_t a;
		char name[32];
		for (a = 0; a < nagents[res] && free_at[res][a] > x->start; a++)
			;
		if (a == nagents[res]) {
			if (nagents[res] == cap[res]) {
				size_t c = cap[res] ? cap[res] * 2 : 64;
				double *q = realloc(free_at[res], c * sizeof *q);
				if (!q) {
					rc = PC_ENOMEM;
					goto out;
				}
				free_at[res] = q;
				cap[res] = c;
			}
			nagents[res]++;
		}
		free_at[res][a] = x->end;
		if (x->start > sc->horizon)
			continue;
		snprintf(name, sizeof name, "%s%03zu", person[res], a + 1);
		pc_csvrow_text(&w, name);
		cell_id(&w, 9000000000000000000ULL, (size_t)rank[x->refund] + 1);
		cell_time(&w, sc, x->start);
		cell_time(&w, sc, x->end);
		pc_csvrow_text(&w, task_name(x->task));
		pc_csvrow_text(&w, role_zh[res]);
		pc_csvrow_end(&w);
	}
out:
	free(st);
	free(ix);
	for (int res = 0; res < PC_NRES; res++)
		free(free_at[res]);
	if (rc) {
		fclose(f);
		remove(tmp);
		pc_error_set(err, NULL, 0, "out of memory");
		return rc;
	}
	return close_part(f, path, tmp, ev->gbk, err);
}

int pc_events_write(pc_events *ev, const pc_scenario *sc, uint64_t seed, int r, const char *prefix,
		    pc_error *err)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_taus2);
	order *o = NULL;
	size_t n = 0;
	uint32_t *order_of = malloc((ev->nref + 1) * sizeof *order_of);
	uint32_t *rank = NULL;
	double *rt = malloc((ev->nref + 1) * sizeof *rt);
	int rc = PC_ENOMEM;

	if (!g || !order_of || !rt)
		goto out;
	/* Its own stream: the orders that asked for nothing move no draw of
	 * the run's. */
	gsl_rng_set(g, (unsigned long)(seed * 0x9e3779b97f4a7c15ULL + (uint64_t)r * 0xbf58476d1ce4e5b9ULL + 0xe7));
	if (!(o = build_orders(ev, sc, g, &n)))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (o[i].refund != NO_RECORD)
			order_of[o[i].refund] = (uint32_t)i;
	/* Refund numbers in request order. */
	for (size_t i = 0; i < ev->nref; i++)
		rt[i] = ev->ref[i].t;
	if (!(rank = sorted(rt, ev->nref)))
		goto out;
	{
		uint32_t *inv = malloc((ev->nref + 1) * sizeof *inv);
		if (!inv)
			goto out;
		for (size_t k = 0; k < ev->nref; k++)
			inv[rank[k]] = (uint32_t)k;
		free(rank);
		rank = inv;
	}
	if ((rc = write_orders(o, n, sc, prefix, ev->gbk, err)) ||
	    (rc = write_refunds(ev, o, n, order_of, rank, sc, prefix, err)) ||
	    (rc = write_work(ev, rank, sc, prefix, err)))
		goto done;
	ev->orders = (long)n;
	rc = 0;
	goto done;
out:
	pc_error_set(err, NULL, 0, "out of memory writing the event log");
done:
	if (g)
		gsl_rng_free(g);
	free(o);
	free(order_of);
	free(rank);
	free(rt);
	return rc;
}
