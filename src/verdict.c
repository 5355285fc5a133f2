/* verdict: targets met or missed from a run's results, the binding cause
 * computed from its figures (work off duty, saturation, structural limits
 * of the refund paths), the staff cost, and suggested staffing changes,
 * each checked by simulating the changed scenario. */
#include "promocap/verdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A resource counts as saturated at this utilisation. */
#define SATURATED 0.95
/* Work arriving off duty counts as a cause from this share on. */
#define OFF_SHARE 0.01

static double series_at(const pc_rep *p, int k, int col)
{
	return p->series[(size_t)k * PC_TS_NCOLS + (size_t)col];
}

static double daily_at(const pc_rep *p, int d, int col)
{
	return d < p->ndays ? p->daily[(size_t)d * PC_DAY_NCOLS + (size_t)col] : 0;
}

static void day_label(const pc_scenario *sc, int day, char *buf, size_t n)
{
	pc_date_format(sc->day0 + day, buf, n);
}

/* The staff cost of replication p: paid hours times each roster's cost. */
static void rep_cost(const pc_scenario *sc, const pc_rep *p, double *hours, double *cost)
{
	for (int q = 0; q < PC_NRES; q++) {
		hours[q] = p->paid[q] / 3600;
		cost[q] = hours[q] * sc->staff[q].cost;
	}
	hours[PC_STAFF_PRESALE] = p->presale_paid / 3600;
	cost[PC_STAFF_PRESALE] = hours[PC_STAFF_PRESALE] * sc->staff[PC_STAFF_PRESALE].cost;
	hours[PC_STAFF_RECEPTION] = p->recep_paid / 3600;
	cost[PC_STAFF_RECEPTION] = hours[PC_STAFF_RECEPTION] * sc->staff[PC_STAFF_RECEPTION].cost;
}

double pc_verdict_rep_cost(const pc_scenario *sc, const pc_rep *p)
{
	double h[PC_NSTAFF], c[PC_NSTAFF], total = 0;

	rep_cost(sc, p, h, c);
	for (int q = 0; q < PC_NSTAFF; q++)
		total += c[q];
	return total;
}

static double result_cost(const pc_result *res, int reps, double *hours_out, double *cost_out)
{
	double total = 0;

	if (hours_out)
		memset(hours_out, 0, sizeof(double) * PC_NSTAFF);
	if (cost_out)
		memset(cost_out, 0, sizeof(double) * PC_NSTAFF);
	for (int r = 0; r < reps; r++) {
		double h[PC_NSTAFF], c[PC_NSTAFF];

		rep_cost(res->sc, &res->rep[r], h, c);
		for (int q = 0; q < PC_NSTAFF; q++) {
			total += c[q] / reps;
			if (hours_out)
				hours_out[q] += h[q] / reps;
			if (cost_out)
				cost_out[q] += c[q] / reps;
		}
	}
	return total;
}

/* The daily columns of a target judged day by day, or -1. */
static int daily_cols(const char *key, int *within)
{
	if (!strcmp(key, "first_response_within")) {
		*within = PC_DAY_FR_WITHIN;
		return PC_DAY_FR_N;
	}
	if (!strcmp(key, "refund_only_handled_within")) {
		*within = PC_DAY_HO_WITHIN;
		return PC_DAY_HO_N;
	}
	return -1;
}

/* The worst day of target t: pooled share per day of the request, over the
 * days judged (pc_result_day_floor: at least PC_DAY_MIN_REQUESTS requests a
 * replication, all days with requests when none has that many). */
static void worst_day(const pc_result *res, pc_verdict_target *t)
{
	int within, ncol = daily_cols(t->key, &within), nd = res->reps ? res->rep[0].ndays : 0;
	double floor_n;

	t->worst_day = -1;
	t->worst = NAN;
	t->days = t->days_missed = 0;
	if (ncol < 0 || !res->reps)
		return;
	floor_n = pc_result_day_floor(res, ncol) * res->reps;
	for (int d = 0; d < nd; d++) {
		double n = 0, w = 0, share;

		for (int r = 0; r < res->reps; r++) {
			n += daily_at(&res->rep[r], d, ncol);
			w += daily_at(&res->rep[r], d, within);
		}
		if (!(n > 0) || n < floor_n)
			continue;
		share = 100 * w / n;
		t->days++;
		if (t->is_max ? share > t->target + 1e-9 : share < t->target - 1e-9)
			t->days_missed++;
		if (t->worst_day < 0 || share < t->worst - 1e-12) {
			t->worst_day = d;
			t->worst = share;
			day_label(res->sc, d, t->worst_date, sizeof t->worst_date);
		}
	}
}

/* Interval k as its date and hours, "2026-11-11 10:00-11:00" (the hours
 * of its end past midnight as 24:00). */
static void interval_label(const pc_scenario *sc, int k, char *buf, size_t n)
{
	double t0 = k * sc->interval, t1 = fmin((k + 1) * sc->interval, sc->horizon);
	int d = (int)floor(t0 / PC_DAY), a = (int)lround(t0 - d * PC_DAY) / 60, b = (int)lround(t1 - d * PC_DAY) / 60;
	char date[16];

	day_label(sc, d, date, sizeof date);
	snprintf(buf, n, "%s %02d:%02d-%02d:%02d", date, a / 60, a % 60, b / 60, b % 60);
}

/* The worst interval of first response judged per interval ([plan]
 * judged = interval): pooled share per interval of the request, over the
 * intervals judged (pc_result_interval_floor: at least PC_DAY_MIN_REQUESTS
 * requests a replication, all with requests when none has that many). */
static void worst_interval(const pc_result *res, pc_verdict_target *t)
{
	int nk = res->reps ? res->rep[0].nintervals : 0;
	double floor_n;

	t->worst_interval = -1;
	t->worst_int = NAN;
	t->intervals = t->intervals_missed = 0;
	if (!res->reps || res->sc->plan_judged != PC_JUDGED_INTERVAL || strcmp(t->key, "first_response_within"))
		return;
	floor_n = pc_result_interval_floor(res, PC_TS_FR_N) * res->reps;
	for (int k = 0; k < nk; k++) {
		double n = 0, w = 0, share;

		for (int r = 0; r < res->reps; r++) {
			n += series_at(&res->rep[r], k, PC_TS_FR_N);
			w += series_at(&res->rep[r], k, PC_TS_FR_WITHIN);
		}
		if (!(n > 0) || n < floor_n)
			continue;
		share = 100 * w / n;
		t->intervals++;
		if (share < t->target - 1e-9)
			t->intervals_missed++;
		if (t->worst_interval < 0 || share < t->worst_int - 1e-12) {
			t->worst_interval = k;
			t->worst_int = share;
		}
	}
	if (t->worst_interval >= 0)
		interval_label(res->sc, t->worst_interval, t->worst_when, sizeof t->worst_when);
}

/* Whether interval k of res misses target t judged per interval (pooled
 * share over the replications; judged as worst_interval judges). */
static int interval_missed(const pc_result *res, int k, const pc_verdict_target *t)
{
	double n = 0, w = 0;

	for (int r = 0; r < res->reps; r++) {
		n += series_at(&res->rep[r], k, PC_TS_FR_N);
		w += series_at(&res->rep[r], k, PC_TS_FR_WITHIN);
	}
	return n > 0 && n >= pc_result_interval_floor(res, PC_TS_FR_N) * res->reps && 100 * w / n < t->target - 1e-9;
}

/* Share of resource q's work (tasks joining its queue) that arrives in
 * intervals with nobody on duty, and the longest run of such hours. */
static double off_duty(const pc_result *res, pc_res q, int *from, int *to)
{
	double all = 0, off = 0, by_hour[24] = { 0 };
	double dt = res->sc->interval;
	int best = 0;

	*from = *to = 0;
	for (int r = 0; r < res->reps; r++) {
		const pc_rep *p = &res->rep[r];

		for (int k = 0; k < p->nintervals; k++) {
			double w = series_at(p, k, PC_TS_OFFER0 + q);

			all += w;
			if (w > 0 && series_at(p, k, PC_TS_STAFF0 + q) < 1e-9) {
				off += w;
				by_hour[(int)floor(fmod(k * dt, PC_DAY) / PC_HOUR) % 24] += w;
			}
		}
	}
	if (all <= 0)
		return 0;
	/* The longest run of hours (round the clock) with off-duty work. */
	for (int h = 0; h < 24; h++) {
		int len = 0;

		if (by_hour[h] <= 0 || by_hour[(h + 23) % 24] > 0)
			continue;
		while (len < 24 && by_hour[(h + len) % 24] > 0)
			len++;
		if (len > best) {
			best = len;
			*from = h;
			*to = (h + len) % 24;
		}
	}
	if (!best && off > 0) { /* every hour */
		*from = 0;
		*to = 0;
	}
	return off / all;
}

/* Days of resource q busy >= 95% of its time on duty (whole days), or,
 * when none is, days with hours that busy (and how many hours). */
static int saturated_days(const pc_result *res, pc_res q, pc_verdict_cause *c)
{
	const pc_scenario *sc = res->sc;
	int nk = res->reps ? res->rep[0].nintervals : 0;
	int per_day = (int)floor(PC_DAY / sc->interval + 0.5);
	int nd = per_day > 0 ? (nk + per_day - 1) / per_day : 0;
	double dt_h = sc->interval / PC_HOUR;

	c->ndays = 0;
	c->whole_days = 1;
	for (int d = 0; d < nd; d++) {
		double busy = 0, staff = 0;

		for (int r = 0; r < res->reps; r++)
			for (int k = d * per_day; k < (d + 1) * per_day && k < nk; k++) {
				busy += series_at(&res->rep[r], k, PC_TS_BUSY0 + q);
				staff += series_at(&res->rep[r], k, PC_TS_STAFF0 + q);
			}
		if (staff > 0 && busy / staff >= SATURATED) {
			if (c->ndays < 8) {
				/* Work finishing past a shift's end can take busy
				 * time a little over the time on duty: 100% at most. */
				c->day[c->ndays] = d;
				c->util[c->ndays] = fmin(100, 100 * busy / staff);
			}
			c->ndays++;
		}
	}
	if (c->ndays)
		return c->ndays;
	c->whole_days = 0;
	for (int d = 0; d < nd; d++) {
		double hours = 0;

		for (int k = d * per_day; k < (d + 1) * per_day && k < nk; k++) {
			double busy = 0, staff = 0;

			for (int r = 0; r < res->reps; r++) {
				busy += series_at(&res->rep[r], k, PC_TS_BUSY0 + q);
				staff += series_at(&res->rep[r], k, PC_TS_STAFF0 + q);
			}
			if (staff > 0 && busy / staff >= SATURATED)
				hours += dt_h;
		}
		if (hours >= 1 - 1e-9) {
			if (c->ndays < 8) {
				c->day[c->ndays] = d;
				c->util[c->ndays] = hours;
			}
			c->ndays++;
		}
	}
	return c->ndays;
}

/* The time by which half of d's values are in (bisection on the survival). */
static double median_of(const pc_dist *d)
{
	double lo = 0, hi = 1;

	while (pc_dist_survival(d, hi) > 0.5 && hi < 1e12)
		hi *= 2;
	for (int i = 0; i < 100; i++) {
		double mid = (lo + hi) / 2;

		if (pc_dist_survival(d, mid) > 0.5)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* The most of the refund-only requests that can finish within the
 * refund_only_done target whatever the staffing: a path-2 parcel the
 * courier does not recall comes back refused after refused_return (or is
 * lost after lost_after), and the refund waits for it.  Percent. */
static double refund_only_bound(const pc_result *res, double *median_days, double *p2_share)
{
	const pc_scenario *sc = res->sc;
	double ro = 0, p2 = 0, early = 0, within = sc->sla_refund_only_done.within, slow;

	for (int r = 0; r < res->reps; r++) {
		const pc_rep *p = &res->rep[r];

		ro += p->arrived[PC_PATH_UNSHIPPED] + p->arrived[PC_PATH_IN_TRANSIT] + p->arrived[PC_PATH_RECEIVED];
		p2 += p->arrived[PC_PATH_IN_TRANSIT] + p->converted_1to2;
		/* Refunds that can end before the parcel is back: cancelled,
		 * given up after a rejection, ruled by the platform, approved
		 * on the seller's timeout.  Counted whole, so the bound stays
		 * an upper bound. */
		early += p->ended[0] + p->ended[1] + p->ended[3] + p->ended[4] + p->auto_approved;
	}
	*median_days = median_of(&sc->refused_return) / PC_DAY;
	*p2_share = ro > 0 ? p2 / ro : 0;
	if (ro <= 0)
		return 100;
	slow = sc->lost_after > 0 && sc->lost_after <= within ? 0 : pc_dist_survival(&sc->refused_return, within);
	return fmin(100, 100 * (1 - *p2_share * (1 - sc->recalled) * slow + early / ro));
}

/* The resource whose staffing a target's KPI depends on first. */
static int target_res(const char *key, pc_res *q)
{
	static const struct { const char *key; pc_res res; } map[] = {
		{ "first_response_within", PC_RES_AGENT },
		{ "refund_only_handled_within", PC_RES_AGENT },
		{ "refund_only_within", PC_RES_AGENT },
		{ "all_done_within", PC_RES_AGENT },
		{ "dispute_refund_rate", PC_RES_AGENT },
		{ "finished_within_processing_cycle", PC_RES_AGENT },
		{ "supervisor_approval_within", PC_RES_SUPERVISOR },
		{ "return_paid_within", PC_RES_INSPECTOR },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].key, key)) {
			*q = map[i].res;
			return 0;
		}
	return -1;
}

static const char *res_en(pc_res q, int many)
{
	static const char *const one[] = { "agent", "supervisor", "inspector" };
	static const char *const plural[] = { "agents", "supervisors", "inspectors" };

	return many ? plural[q] : one[q];
}

static const char *res_zh(pc_res q)
{
	static const char *const zh[] = { "退款专员", "主管", "质检员" };

	return zh[q];
}

static void hours_text(int from, int to, char *buf, size_t n)
{
	if (from == to)
		snprintf(buf, n, "round the clock");
	else
		snprintf(buf, n, "%02d:00-%02d:00", from, to);
}

/* Appends a list of days ("2026-11-12 (9 h), 2026-11-13 (4 h) and 3 more"). */
static void days_text(const pc_scenario *sc, const pc_verdict_cause *c, int zh, char *buf, size_t n)
{
	size_t used = 0;
	int shown = c->ndays < 3 ? c->ndays : 3;

	buf[0] = '\0';
	for (int i = 0; i < shown && used < n; i++) {
		char date[16];

		day_label(sc, c->day[i], date, sizeof date);
		if (c->whole_days)
			snprintf(buf + used, n - used, "%s%s (%.0f%%)", i ? (zh ? "、" : ", ") : "", date, c->util[i]);
		else
			snprintf(buf + used, n - used, zh ? "%s%s（%.0f 小时）" : "%s%s (%.0f h)", i ? (zh ? "、" : ", ") : "",
				 date, c->util[i]);
		used = strlen(buf);
	}
	if (c->ndays > shown && used < n)
		snprintf(buf + used, n - used, zh ? " 等 %d 天" : " and %d more day%s", c->ndays - shown,
			 c->ndays - shown == 1 ? "" : "s");
}

/* Adds cause c, unless the same cause (kind, resource, hours, days)
 * already explains an earlier target: it is said once. */
static void add_cause(pc_verdict *v, const pc_verdict_cause *c)
{
	for (int i = 0; i < v->ncauses; i++) {
		const pc_verdict_cause *x = &v->cause[i];

		if (x->kind == c->kind && x->res == c->res && !strcmp(x->text, c->text))
			return;
	}
	if (v->ncauses < PC_VERDICT_MAX_CAUSES)
		v->cause[v->ncauses++] = *c;
}

/* The causes of missed target t. */
static void find_causes(const pc_result *res, pc_verdict *v, int t)
{
	const pc_scenario *sc = res->sc;
	const pc_verdict_target *tg = &v->target[t];
	pc_verdict_cause c;
	pc_res q;
	int structural = 0;

	if (!strcmp(tg->key, "refund_only_within")) {
		double med, p2, bound = refund_only_bound(res, &med, &p2);
		char within[32];

		if (bound < tg->target - 1e-9) {
			memset(&c, 0, sizeof c);
			c.kind = PC_CAUSE_STRUCTURAL;
			c.target = t;
			c.share = bound;
			c.min_days = med;
			pc_dist_format_duration(sc->sla_refund_only_done.within, within, sizeof within);
			snprintf(c.text, sizeof c.text,
				 "structural limit: %.0f%% of refund-only requests are parcels already shipped, "
				 "%.0f%% of them are not recalled and come back refused in %.1f days "
				 "(median of refused_return), so at most %.1f%% can finish within %s, "
				 "whatever the staffing",
				 100 * p2, 100 * (1 - sc->recalled), med, bound, within);
			snprintf(c.text_zh, sizeof c.text_zh,
				 "结构性上限：%.0f%% 的仅退款申请是已发货的包裹，其中 %.0f%% 无法拦截，"
				 "拒收退回需 %.1f 天（refused_return 中位数），因此最多 %.1f%% 能在 %s 内完结，"
				 "与人手无关",
				 100 * p2, 100 * (1 - sc->recalled), med, bound, within);
			add_cause(v, &c);
			structural = 1;
		}
	}
	if (structural || target_res(tg->key, &q))
		return;
	{
		int from, to;
		double share = off_duty(res, q, &from, &to);

		if (share >= OFF_SHARE) {
			char hours[32];

			memset(&c, 0, sizeof c);
			c.kind = PC_CAUSE_OFF_SHIFT;
			c.target = t;
			c.res = q;
			c.share = share;
			c.hour_from = from;
			c.hour_to = to;
			hours_text(from, to, hours, sizeof hours);
			snprintf(c.text, sizeof c.text,
				 "%.0f%% of the %s' work arrives while no %s is on duty (%s); it waits for the next shift",
				 100 * share, res_en(q, 1), res_en(q, 0), hours);
			snprintf(c.text_zh, sizeof c.text_zh, "%.0f%% 的%s工作在无人值班时到达（%s），要等到下一班才处理",
				 100 * share, res_zh(q), from == to ? "全天" : hours);
			add_cause(v, &c);
		}
	}
	memset(&c, 0, sizeof c);
	/* Judged per interval, the agents' intervals that miss say more
	 * than their saturated hours (below). */
	if (!(tg->by_interval && q == PC_RES_AGENT) && saturated_days(res, q, &c)) {
		char days[256], days_zh[256];

		c.kind = PC_CAUSE_SATURATED;
		c.target = t;
		c.res = q;
		days_text(sc, &c, 0, days, sizeof days);
		days_text(sc, &c, 1, days_zh, sizeof days_zh);
		if (c.whole_days) {
			snprintf(c.text, sizeof c.text, "%s saturated: busy >= 95%% of their time on duty on %s",
				 res_en(q, 1), days);
			snprintf(c.text_zh, sizeof c.text_zh, "%s满负荷：%s 忙碌时间 >= 95%%", res_zh(q), days_zh);
		} else {
			snprintf(c.text, sizeof c.text, "%s saturated (busy >= 95%% of the time) for hours on %s",
				 res_en(q, 1), days);
			snprintf(c.text_zh, sizeof c.text_zh, "%s在高峰时段满负荷（忙碌 >= 95%%）：%s", res_zh(q), days_zh);
		}
		add_cause(v, &c);
	}
	/* Judged per interval: an hour can miss with the agents short of
	 * saturation (a busy hour's queue at 89%), so the intervals missed
	 * are the cause, with the worst one's utilisation. */
	if (tg->by_interval && q == PC_RES_AGENT && tg->worst_interval >= 0) {
		int nk = res->reps ? res->rep[0].nintervals : 0, per_day = (int)floor(PC_DAY / sc->interval + 0.5);
		double busy = 0, staff = 0;
		char days[256], days_zh[256];

		memset(&c, 0, sizeof c);
		c.kind = PC_CAUSE_SHORT_INTERVALS;
		c.target = t;
		c.res = q;
		for (int k = 0, last = -1; k < nk && per_day > 0; k++) {
			int d = k / per_day;

			if (!interval_missed(res, k, tg))
				continue;
			if (d != last) {
				if (c.ndays < 8) {
					c.day[c.ndays] = d;
					c.util[c.ndays] = 0;
				}
				c.ndays++;
				last = d;
			}
			if (c.ndays <= 8)
				c.util[c.ndays - 1] += sc->interval / PC_HOUR;
		}
		for (int r = 0; r < res->reps; r++) {
			busy += series_at(&res->rep[r], tg->worst_interval, PC_TS_BUSY0 + q);
			staff += series_at(&res->rep[r], tg->worst_interval, PC_TS_STAFF0 + q);
		}
		days_text(sc, &c, 0, days, sizeof days);
		days_text(sc, &c, 1, days_zh, sizeof days_zh);
		if (staff > 0) {
			snprintf(c.text, sizeof c.text,
				 "agents too few in the hours that miss first response (judged per interval): %s; worst %s, "
				 "agents busy %.0f%% of their time on duty there",
				 days, tg->worst_when, 100 * fmin(1, busy / staff));
			snprintf(c.text_zh, sizeof c.text_zh, "首次响应逐时段考核，未达时段退款专员不足：%s；最差 %s，退款专员忙碌 %.0f%%",
				 days_zh, tg->worst_when, 100 * fmin(1, busy / staff));
		} else {
			snprintf(c.text, sizeof c.text,
				 "agents too few in the hours that miss first response (judged per interval): %s; worst %s, "
				 "no agent on duty there",
				 days, tg->worst_when);
			snprintf(c.text_zh, sizeof c.text_zh, "首次响应逐时段考核，未达时段退款专员不足：%s；最差 %s，无人当班", days_zh,
				 tg->worst_when);
		}
		if (c.ndays)
			add_cause(v, &c);
	}
}

int pc_verdict_compute(const pc_result *res, pc_verdict *v)
{
	const pc_scenario *sc = res->sc;
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);

	memset(v, 0, sizeof *v);
	snprintf(v->name, sizeof v->name, "%.159s", sc->name[0] ? sc->name : sc->file);
	v->reps = res->reps;
	v->seed = res->seed;
	for (int i = 0; i < n && v->ntargets < PC_VERDICT_MAX_TARGETS; i++) {
		pc_verdict_target *t;

		if (!k[i].has_target)
			continue;
		t = &v->target[v->ntargets++];
		t->key = k[i].key;
		snprintf(t->label, sizeof t->label, "%s", k[i].label);
		t->unit = k[i].unit;
		t->mean = k[i].mean;
		t->lo = k[i].lo;
		t->hi = k[i].hi;
		t->target = k[i].target;
		t->is_max = k[i].target_is_max;
		t->met = k[i].met;
		t->gap = isnan(t->mean) ? NAN : t->is_max ? t->mean - t->target : t->target - t->mean;
		worst_day(res, t);
		worst_interval(res, t);
		/* First response judged per day, as plan judges it: a day
		 * that misses misses the target. */
		if (sc->plan_judged == PC_JUDGED_DAY && !strcmp(t->key, "first_response_within") &&
		    t->days_missed > 0) {
			t->met = 0;
			t->by_day = 1;
			t->gap = t->target - t->worst;
		}
		/* Or per interval (judged = interval): an interval that
		 * misses misses the target. */
		if (t->intervals_missed > 0) {
			t->met = 0;
			t->by_interval = 1;
			t->gap = t->target - t->worst_int;
		}
		v->nmet += t->met;
	}
	for (int t = 0; t < v->ntargets; t++)
		if (!v->target[t].met)
			find_causes(res, v, t);
	v->cost = result_cost(res, res->reps, v->hours_res, v->cost_res);
	return 0;
}

/* ---- suggested actions, checked by simulation ---- */

/* Adds a shift named name over [from, to) hours to the roster of q in sc
 * (a copy the caller owns), with people on every day.  Returns 0, or -1
 * when the roster has no shifts to add to (change points) or is full. */
static int add_shift(pc_scenario *sc, pc_res q, const char *name, int from, int to, int people)
{
	pc_staff *st = &sc->staff[q];
	int ns = st->nshifts, *hc;

	if (st->roster_kind == PC_ROSTER_CHANGES || ns >= PC_MAX_SHIFTS || st->ndays <= 0)
		return -1;
	hc = malloc(sizeof(int) * (size_t)st->ndays * (size_t)(ns + 1));
	if (!hc)
		return -1;
	for (int d = 0; d < st->ndays; d++) {
		for (int s = 0; s < ns; s++)
			hc[d * (ns + 1) + s] = st->headcount[d * ns + s];
		hc[d * (ns + 1) + ns] = people;
	}
	free(st->headcount);
	st->headcount = hc;
	snprintf(st->shift[ns].name, sizeof st->shift[ns].name, "%s", name);
	st->shift[ns].start = from * 3600;
	st->shift[ns].end = (to <= from ? to + 24 : to) * 3600;
	st->shift_headcount[ns] = people;
	st->nshifts = ns + 1;
	return 0;
}

/* Adds people to shift s of q on the days listed (all days when ndays < 0). */
static int add_people(pc_scenario *sc, pc_res q, int s, const int *day, int ndays, int people)
{
	pc_staff *st = &sc->staff[q];

	if (st->roster_kind == PC_ROSTER_CHANGES || st->ndays <= 0)
		return -1;
	for (int d = 0; d < st->ndays; d++) {
		int on = ndays < 0;

		for (int i = 0; i < ndays && !on; i++)
			on = day[i] == d;
		if (on)
			st->headcount[d * st->nshifts + s] += people;
	}
	return 0;
}

/* For each shift of q, the saturated intervals of the days in c its hours
 * cover (by the resource's busy share per interval, pooled), or the
 * intervals that miss target tg for a SHORT_INTERVALS cause. */
static void shift_scores(const pc_result *res, pc_res q, const pc_verdict_cause *c, const pc_verdict_target *tg,
			 double *score)
{
	const pc_staff *st = &res->sc->staff[q];
	double dt = res->sc->interval;
	int nk = res->reps ? res->rep[0].nintervals : 0;

	for (int s = 0; s < PC_MAX_SHIFTS; s++)
		score[s] = 0;
	for (int i = 0; i < c->ndays && i < 8; i++)
		for (int k = 0; k < nk; k++) {
			double t = k * dt, busy = 0, staff = 0, sec;

			if (floor(t / PC_DAY) != c->day[i])
				continue;
			for (int r = 0; r < res->reps; r++) {
				busy += series_at(&res->rep[r], k, PC_TS_BUSY0 + q);
				staff += series_at(&res->rep[r], k, PC_TS_STAFF0 + q);
			}
			if (c->kind == PC_CAUSE_SHORT_INTERVALS ? !interval_missed(res, k, tg)
							       : staff <= 0 || busy / staff < SATURATED)
				continue;
			sec = fmod(t, PC_DAY) + dt / 2;
			for (int s = 0; s < st->nshifts; s++)
				if ((sec >= st->shift[s].start && sec < st->shift[s].end) ||
				    (sec + PC_DAY >= st->shift[s].start && sec + PC_DAY < st->shift[s].end))
					score[s] += 1;
		}
}

/* The verdict's figure of target t in res: its mean, or its worst day's
 * (worst interval's) share when t is judged per day (per interval). */
static double target_value(const pc_result *res, const pc_verdict_target *t)
{
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);

	if (t->by_interval) {
		pc_verdict_target w = *t;

		worst_interval(res, &w);
		return w.worst_int;
	}
	if (t->by_day) {
		pc_verdict_target w = *t;

		worst_day(res, &w);
		return w.worst;
	}
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].key, t->key))
			return k[i].mean;
	return NAN;
}

static int try_change(const pc_scenario *sc, const pc_result *res, int reps, int threads,
		      const pc_verdict_target *t, double *value, int *all_met, double *cost, pc_error *err)
{
	pc_result r2;
	pc_verdict v2;
	int rc = pc_run(sc, res->seed, reps, threads, &r2, err);

	if (rc)
		return rc;
	*value = target_value(&r2, t);
	pc_verdict_compute(&r2, &v2);
	*all_met = v2.nmet == v2.ntargets;
	*cost = result_cost(&r2, r2.reps, NULL, NULL);
	pc_result_release(&r2);
	return 0;
}

static int better(const pc_verdict_target *t, double after, double before)
{
	return !isnan(after) && (t->is_max ? after < before - 1e-9 : after > before + 1e-9);
}

static int meets(const pc_verdict_target *t, double x)
{
	return !isnan(x) && (t->is_max ? x <= t->target + 1e-12 : x >= t->target - 1e-12);
}

/* A change tried: the cause's resource gets people more on shift (or a
 * new shift over the off-duty hours when shift < 0). */
typedef struct trial {
	pc_verdict *v;
	const pc_result *res;
	const pc_verdict_cause *c;
	int reps, threads;
	double before, base_cost;
	pc_verdict_action *a; /* the best so far (a->reps 0: none) */
	int a_shift;
} trial;

static void describe(const trial *tr, int shift, int people, pc_verdict_action *a)
{
	const pc_scenario *sc = tr->res->sc;
	const pc_verdict_cause *c = tr->c;

	if (shift < 0) {
		char hours[32];

		hours_text(c->hour_from, c->hour_to, hours, sizeof hours);
		snprintf(a->what, sizeof a->what, "add %d %s %s every day", people, res_en(c->res, people > 1), hours);
		snprintf(a->what_zh, sizeof a->what_zh, "每天 %s 增加 %d 名%s", hours, people, res_zh(c->res));
	} else {
		const pc_staff *st = &sc->staff[c->res];
		char when[64], when_zh[64], d0[16], d1[16], names[160] = "", names_zh[160] = "";
		int last = c->ndays <= 8 ? c->ndays - 1 : -1, nsh = 0, done = 0;

		for (int k = 0; k < st->nshifts; k++)
			nsh += (shift >> k) & 1;
		for (int k = 0; k < st->nshifts; k++) {
			const pc_shift *x = &st->shift[k];
			size_t u = strlen(names), uz = strlen(names_zh);

			if (!((shift >> k) & 1))
				continue;
			done++;
			snprintf(names + u, sizeof names - u, "%s%.31s (%02d:%02d-%02d:%02d)",
				 done == 1 ? "" : done == nsh ? " and " : ", ", x->name, x->start / 3600, x->start / 60 % 60,
				 x->end / 3600 % 24, x->end / 60 % 60);
			snprintf(names_zh + uz, sizeof names_zh - uz, "%s%.31s 班（%02d:%02d-%02d:%02d）", done == 1 ? "" : "、",
				 x->name, x->start / 3600, x->start / 60 % 60, x->end / 3600 % 24, x->end / 60 % 60);
		}
		if (last < 0) {
			snprintf(when, sizeof when, "every day");
			snprintf(when_zh, sizeof when_zh, "每天");
		} else {
			day_label(sc, c->day[0], d0, sizeof d0);
			day_label(sc, c->day[last], d1, sizeof d1);
			if (last == 0) {
				snprintf(when, sizeof when, "on %s", d0);
				snprintf(when_zh, sizeof when_zh, "%s", d0);
			} else {
				snprintf(when, sizeof when, "on %d days, %s to %s", c->ndays, d0, d1 + 5);
				snprintf(when_zh, sizeof when_zh, "%s 至 %s 中的 %d 天", d0, d1 + 5, c->ndays);
			}
		}
		snprintf(a->what, sizeof a->what, "add %d %s to %s%s %s %s", people, res_en(c->res, people > 1),
			 nsh > 1 ? "each of the " : "the ", names, nsh > 1 ? "shifts" : "shift", when);
		snprintf(a->what_zh, sizeof a->what_zh, "%s %s各增加 %d 名%s", when_zh, names_zh, people, res_zh(c->res));
	}
}

/* Simulates one change; keeps it in tr->a when it improves the target
 * more than the best so far (or meets it for less money).  *met_out: the
 * change meets the target.  Returns 0, 1 when the roster takes no such
 * change, or an error code. */
static int attempt(trial *tr, int shift, int people, double *after_out, int *met_out, pc_error *err)
{
	const pc_verdict_cause *c = tr->c;
	const pc_verdict_target *t = &tr->v->target[c->target];
	pc_verdict_action x;
	pc_scenario copy;
	double after, cost;
	int all_met, rc;

	*met_out = 0;
	*after_out = NAN;
	if (tr->v->tried >= PC_VERDICT_MAX_TRIES)
		return 1; /* the budget is spent */
	if (pc_scenario_copy(&copy, tr->res->sc))
		return PC_ENOMEM;
	if (shift < 0) {
		rc = add_shift(&copy, c->res, "cover", c->hour_from, c->hour_to, people);
	} else {
		rc = 0;
		for (int k = 0; k < PC_MAX_SHIFTS && !rc; k++)
			if (shift & (1 << k))
				rc = add_people(&copy, c->res, k, c->ndays <= 8 ? c->day : NULL,
						c->ndays <= 8 ? c->ndays : -1, people);
	}
	if (rc) {
		pc_scenario_release(&copy);
		return 1;
	}
	rc = try_change(&copy, tr->res, tr->reps, tr->threads, t, &after, &all_met, &cost, err);
	pc_scenario_release(&copy);
	if (rc)
		return rc;
	tr->v->tried++;
	*after_out = after;
	if (!better(t, after, tr->before))
		return 0;
	memset(&x, 0, sizeof x);
	x.target = c->target;
	/* The run's figure, moved by the paired difference of the check
	 * (the same replications with and without the change). */
	x.by_day = t->by_day && !t->by_interval;
	x.by_interval = t->by_interval;
	x.before = t->by_interval ? t->worst_int : t->by_day ? t->worst : t->mean;
	x.after = x.before + (after - tr->before);
	if (!strcmp(t->unit, "%"))
		x.after = fmin(100, fmax(0, x.after));
	x.cost_delta = cost - tr->base_cost;
	*met_out = meets(t, x.after);
	x.met_after = all_met && *met_out;
	x.reps = tr->reps;
	describe(tr, shift, people, &x);
	if (!tr->a->reps || (*met_out && (!meets(t, tr->a->after) || x.cost_delta < tr->a->cost_delta)) ||
	    (!meets(t, tr->a->after) && better(t, x.after, tr->a->after))) {
		*tr->a = x;
		tr->a_shift = shift;
	}
	return 0;
}

/* One action for cause c.  Off duty: a new shift over the off-duty hours
 * with 2 people, then 1 (when 2 meet the target) or 4 (when not).
 * Saturated: 2 more people on the shift covering the most saturated hours,
 * and on every shift covering some (at most 3), then on the better of the
 * two 1 or 4 the same way.  At most PC_VERDICT_MAX_TRIES changes are
 * simulated over all causes.  Only a
 * change that improves the target is kept.  Returns 0 (an action in *a, or
 * a->reps 0), or an error code. */
static int check_cause(pc_verdict *v, const pc_result *res, const pc_verdict_cause *c, int reps, int threads,
		       pc_verdict_action *a, pc_error *err)
{
	const pc_verdict_target *t = &v->target[c->target];
	trial tr = { .v = v, .res = res, .c = c, .reps = reps, .threads = threads, .a = a, .a_shift = -1 };
	double after;
	int met, rc;

	memset(a, 0, sizeof *a);
	if (c->kind == PC_CAUSE_STRUCTURAL)
		return 0;
	tr.base_cost = result_cost(res, reps, NULL, NULL);
	{
		/* The target's value over the same replications (common random numbers). */
		pc_result head = *res;

		head.reps = reps;
		tr.before = target_value(&head, t);
	}
	if (c->kind == PC_CAUSE_OFF_SHIFT) {
		/* 2 people, then 1 when 2 meet the target, else 4. */
		if ((rc = attempt(&tr, -1, 2, &after, &met, err)))
			return rc == 1 ? 0 : rc;
		rc = attempt(&tr, -1, met ? 1 : 4, &after, &met, err);
		return rc == 1 ? 0 : rc;
	}
	{
		double score[PC_MAX_SHIFTS];
		const pc_staff *st = &res->sc->staff[c->res];
		int order[PC_MAX_SHIFTS], n = 0, best = -1;
		double best_after = NAN;

		shift_scores(res, c->res, c, t, score);
		/* The shifts covering saturated hours, most first, at most 3. */
		for (int s = 0; s < st->nshifts; s++)
			if (score[s] > 0)
				order[n++] = s;
		for (int i = 1; i < n; i++)
			for (int j = i; j > 0 && score[order[j]] > score[order[j - 1]]; j--) {
				int x = order[j];

				order[j] = order[j - 1];
				order[j - 1] = x;
			}
		if (n > 3)
			n = 3;
		/* The busiest shift alone, then all of them together. */
		for (int i = 0; i < 2; i++) {
			int mask = 0;

			if (i == 0)
				mask = 1 << order[0];
			else if (n > 1)
				for (int j = 0; j < n; j++)
					mask |= 1 << order[j];
			else
				break;
			if ((rc = attempt(&tr, mask, 2, &after, &met, err)))
				return rc == 1 ? 0 : rc;
			if (best < 0 || better(t, after, best_after)) {
				best = mask;
				best_after = after;
			}
		}
		if (best < 0)
			return 0;
		if (meets(t, (t->by_interval ? t->worst_int : t->by_day ? t->worst : t->mean) + (best_after - tr.before))) {
			rc = attempt(&tr, best, 1, &after, &met, err);
		} else {
			rc = attempt(&tr, best, 4, &after, &met, err);
		}
		return rc == 1 ? 0 : rc;
	}
}

/* How much action a moves its target toward it (in the target's unit). */
static double gain(const pc_verdict *v, const pc_verdict_action *a)
{
	const pc_verdict_target *t = &v->target[a->target];

	return t->is_max ? a->before - a->after : a->after - a->before;
}

/* Whether a is the better action for its target than b (b->reps 0: none):
 * one that meets the target beats one that does not, the cheaper of two
 * that meet it, else the larger gain. */
static int better_action(const pc_verdict *v, const pc_verdict_action *a, const pc_verdict_action *b)
{
	const pc_verdict_target *t = &v->target[a->target];
	int am = meets(t, a->after), bm;

	if (!b->reps)
		return 1;
	bm = meets(t, b->after);
	if (am != bm)
		return am;
	if (am)
		return a->cost_delta < b->cost_delta;
	return gain(v, a) > gain(v, b);
}

int pc_verdict_check(pc_verdict *v, const pc_result *res, int reps, int threads, pc_error *err)
{
	if (reps > res->reps)
		reps = res->reps;
	if (reps < 1)
		return 0;
	v->checked = 1;
	/* Per missed target, in order: every cause staffing can change is
	 * tried and the best change kept, when it meets the target or closes
	 * at least a tenth of the gap (less is noise, not a lever). */
	for (int t = 0; t < v->ntargets && v->nactions < PC_VERDICT_MAX_ACTIONS; t++) {
		const pc_verdict_target *tg = &v->target[t];
		pc_verdict_action best;
		int done = 0;

		if (tg->met)
			continue;
		/* An action that already meets every target leaves nothing to do. */
		for (int j = 0; j < v->nactions; j++)
			done |= v->action[j].met_after;
		if (done)
			break;
		memset(&best, 0, sizeof best);
		for (int i = 0; i < v->ncauses; i++) {
			pc_verdict_action a;
			double gap;
			int rc;

			if (v->cause[i].target != t || v->cause[i].kind == PC_CAUSE_STRUCTURAL)
				continue;
			rc = check_cause(v, res, &v->cause[i], reps, threads, &a, err);
			if (rc)
				return rc;
			if (!a.reps)
				continue;
			gap = fabs(tg->target - a.before);
			if (!meets(tg, a.after) && gain(v, &a) < 0.1 * gap)
				continue;
			if (better_action(v, &a, &best))
				best = a;
		}
		if (best.reps)
			v->action[v->nactions++] = best;
	}
	return 0;
}
