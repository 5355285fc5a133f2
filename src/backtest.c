/* backtest: the actual KPIs of last promotion's exports with the
 * simulator's definitions, the predicted ones from its replications, and
 * the comparison (promocap/backtest.h). */
#include "promocap/backtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"

#define DAY 86400.0
#define HOUR 3600.0

/* What each metric is: its key in kpis.csv (NULL: computed here), label
 * and unit. */
static const struct {
	const char *key, *label, *unit;
} metric_info[PC_BT_NMETRICS] = {
	[PC_BT_REQUESTS] = { "refund_requests", "refund requests", "refunds" },
	[PC_BT_QUALITY] = { "product_experience_refund_rate", "product-experience refund rate (商品体验退款率)", "%" },
	[PC_BT_RO_TIME] = { "refund_only_completion", "refund-only completion time (仅退款自主完结时长)", "h" },
	[PC_BT_RR_TIME] = { "return_refund_completion", "return-refund completion time (退货退款自主完结时长)", "h" },
	[PC_BT_DISPUTE] = { "dispute_refund_rate", "dispute refund rate (纠纷退款率)", "%" },
	[PC_BT_FR_WITHIN] = { "first_response_within", "first response within target", "%" },
	[PC_BT_FR_MEAN] = { "first_response_mean", "first response time, mean", "min" },
	[PC_BT_HO_WITHIN] = { "refund_only_handled_within", "refund-only requests acted on within target", "%" },
	[PC_BT_ESC_RATE] = { "escalation_rate", "escalations to the platform (小二介入), share of requests", "%" },
	[PC_BT_PEAK] = { "peak_backlog", "peak backlog of open refunds", "refunds" },
	[PC_BT_OPEN_END] = { "open_at_horizon", "refunds open at the horizon", "refunds" },
};

static const char *const curve_name[PC_BT_NCURVES] = { "requests", "backlog", "completed" };

static double limit_or(const pc_sla_target *t, double def)
{
	return t->set ? t->within : def;
}

int pc_backtest_check(const pc_fit_data *d, const pc_fit_input *in, const pc_scenario *sc, pc_error *err)
{
	char a[16], b[16], h[16];
	size_t i;
	const pc_fit_order *first = NULL;
	int any = 0;

	pc_date_format(sc->day0, a, sizeof a);
	pc_date_format(sc->day0 + sc->sales_days - 1, b, sizeof b);
	pc_date_format(sc->day0 + (int64_t)ceil(sc->horizon / DAY - 1e-9) - 1, h, sizeof h);
	for (i = 0; i < d->norders && !any; i++) {
		const pc_fit_order *o = &d->order[i];
		if (isnan(o->paid))
			continue;
		if (o->paid >= 0 && o->paid < sc->sales_days * DAY)
			any = 1;
		else if (!first)
			first = o;
	}
	if (!any) {
		if (first)
			pc_error_set(err, in->orders, first->line,
				     "no order paid in the scenario's sales window %s to %s (this one is outside it): "
				     "the logs are not of this scenario's promotion", a, b);
		else
			pc_error_set(err, in->orders, 0, "no order with a payment time");
		return PC_EINPUT;
	}
	for (i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		if (isnan(x->t) || (x->t >= 0 && x->t <= sc->horizon))
			continue;
		pc_error_set(err, in->refunds, x->line,
			     "refund requested %s the scenario's dates (%s to the horizon %s): a backtest simulates "
			     "those dates only; give the scenario of these logs",
			     x->t < 0 ? "before" : "after", a, h);
		return PC_EINPUT;
	}
	return 0;
}

int pc_backtest_roster(const pc_fit_data *d, const pc_scenario *sc, int **hc, int *nhours, pc_error *err)
{
	int nh = (int)ceil(sc->horizon / HOUR - 1e-9);
	size_t na = (size_t)(d->nagents > 0 ? d->nagents : 1), row = ((size_t)nh + 7) / 8;
	unsigned char *seen;
	int *c;

	*hc = NULL;
	*nhours = 0;
	if (!d->has_work || d->ntasks == 0) {
		pc_error_set(err, NULL, 0, "no work log (--work) to derive the agents on duty from: give --roster");
		return PC_EINPUT;
	}
	if (nh < 1)
		nh = 1;
	seen = calloc(na * row, 1);
	c = calloc((size_t)nh, sizeof *c);
	if (!seen || !c) {
		free(seen);
		free(c);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	/* An agent counts in every hour a task of theirs touches (the
	 * supervisors' and inspectors' tasks, 岗位 主管 and 质检, are not the
	 * agents'). */
	for (size_t i = 0; i < d->ntasks; i++) {
		const pc_fit_task *w = &d->task[i];
		double s = w->start, e = w->end;
		long h0, h1;
		if (isnan(s) || isnan(e) || e < s || w->agent < 0 || w->resource != PC_FIT_AGENTS)
			continue;
		h0 = (long)floor(s / HOUR);
		h1 = e > s ? (long)ceil(e / HOUR) - 1 : h0;
		if (h0 < 0)
			h0 = 0;
		if (h1 >= nh)
			h1 = nh - 1;
		for (long h = h0; h <= h1; h++) {
			unsigned char *bit = &seen[(size_t)w->agent * row + (size_t)h / 8];
			unsigned char m = (unsigned char)(1u << (h % 8));
			if (!(*bit & m)) {
				*bit |= m;
				c[h]++;
			}
		}
	}
	free(seen);
	*hc = c;
	*nhours = nh;
	return 0;
}

int pc_backtest_roster_write(const int *hc, int nhours, const pc_scenario *sc, FILE *out)
{
	fprintf(out, "datetime,headcount\n");
	for (int h = 0; h < nhours; h++) {
		char date[16];
		if (h > 0 && hc[h] == hc[h - 1])
			continue;
		pc_date_format(sc->day0 + h / 24, date, sizeof date);
		fprintf(out, "%s %02d:00,%d\n", date, h % 24, hc[h]);
	}
	return ferror(out) ? PC_EIO : 0;
}

/* Mean of sum / n, NaN without cases. */
static double ratio(double sum, double n)
{
	return n > 0 ? sum / n : NAN;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The most refunds open at once: requests +1, ends -1 (an end sorts
 * after a request at the same time, as the simulator counts the request
 * first).  ev holds 2 n slots. */
static double peak_open(const pc_fit_data *d, double horizon, double *ev)
{
	size_t n = 0;
	double open = 0, peak = 0;

	/* time * 2 + 0 (request) or + 1 (end) keeps the order of a tie in
	 * one sortable number: times are whole seconds. */
	for (size_t i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		if (isnan(x->t) || (x->status && isnan(x->end)))
			continue;
		ev[n++] = 2 * floor(x->t);
		if (!isnan(x->end) && x->end <= horizon)
			ev[n++] = 2 * floor(x->end) + 1;
	}
	qsort(ev, n, sizeof *ev, by_double);
	for (size_t i = 0; i < n; i++) {
		open += fmod(ev[i], 2) != 0 ? -1 : 1;
		if (open > peak)
			peak = open;
	}
	return peak;
}

static void set_actual(pc_backtest *bt, int m, double v, long n, const char *why)
{
	bt->m[m].actual = n > 0 ? v : NAN;
	bt->m[m].n = n;
	bt->m[m].why = n > 0 ? NULL : why;
}

int pc_backtest_actual(pc_backtest *bt, const pc_fit_data *d, const pc_scenario *sc, pc_error *err)
{
	const double horizon = sc->horizon;
	const double fr_limit = limit_or(&sc->sla_first_response, 1800.0);
	const double ho_limit = limit_or(&sc->sla_refund_only_handled, DAY);
	size_t nr = d->nrefunds;
	double *fstart = malloc((nr + 1) * sizeof *fstart), *fend = malloc((nr + 1) * sizeof *fend);
	double *first_t = malloc((d->norders + 1) * sizeof *first_t);
	double *ev = malloc((2 * nr + 1) * sizeof *ev);
	long *first_i = malloc((d->norders + 1) * sizeof *first_i);
	long req = 0, quality = 0, esc = 0, disputes = 0;
	long fr_n = 0, fr_in = 0, ho_n = 0, ho_in = 0, ro_n = 0, rr_n = 0, open_end = 0;
	double fr_sum = 0, ro_sum = 0, rr_sum = 0;
	int nd = (int)ceil(horizon / DAY - 1e-9);

	memset(bt, 0, sizeof *bt);
	bt->sc = sc;
	bt->worst = -1;
	if (nd < 1)
		nd = 1;
	bt->ndays = nd;
	bt->day = calloc((size_t)nd, sizeof *bt->day);
	if (!fstart || !fend || !first_t || !ev || !first_i || !bt->day) {
		free(fstart);
		free(fend);
		free(first_t);
		free(ev);
		free(first_i);
		pc_backtest_release(bt);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	for (int m = 0; m < PC_BT_NMETRICS; m++) {
		bt->m[m].key = metric_info[m].key;
		snprintf(bt->m[m].label, sizeof bt->m[m].label, "%s", metric_info[m].label);
		bt->m[m].unit = metric_info[m].unit;
		bt->m[m].in_ci = bt->m[m].in_range = -1;
		bt->m[m].err = bt->m[m].err_pct = NAN;
	}
	/* Orders paid in the window, and the first request of each order
	 * (the product-experience rate counts an order by its first). */
	for (size_t i = 0; i < d->norders; i++) {
		double p = d->order[i].paid;
		first_t[i] = INFINITY;
		first_i[i] = -1;
		if (!isnan(p) && p >= 0 && p < sc->sales_days * DAY)
			bt->orders++;
	}
	/* Each refund's first agent task that answers it (handle, agree):
	 * its start is the first response, its end the shop's action. */
	for (size_t i = 0; i < nr; i++)
		fstart[i] = fend[i] = NAN;
	for (size_t i = 0; i < d->ntasks; i++) {
		const pc_fit_task *w = &d->task[i];
		if (w->refund < 0 || w->task > 1 || w->resource != PC_FIT_AGENTS || isnan(w->start))
			continue;
		if (isnan(fstart[w->refund]) || w->start < fstart[w->refund]) {
			fstart[w->refund] = w->start;
			fend[w->refund] = w->end;
		}
	}
	for (size_t i = 0; i < nr; i++) {
		const pc_fit_refund *x = &d->refund[i];
		int ret = x->type == 1 || !isnan(x->shipped); /* its final path a return */
		double fr = NAN, handled = NAN;
		int dd;

		if (isnan(x->t))
			continue;
		req++;
		dd = (int)floor(x->t / DAY);
		if (dd >= 0 && dd < nd)
			bt->day[dd].actual[PC_BT_DAY_REQUESTS]++;
		if (x->order >= 0 && x->t < first_t[x->order]) {
			first_t[x->order] = x->t;
			first_i[x->order] = (long)i;
		}
		if (x->order < 0 && x->reason == 0)
			quality++; /* its order is not in the file: it counts alone */
		esc += x->escalated;
		disputes += x->escalated && x->responsible;
		/* completion: every refund ended by the horizon, with its whole
		 * duration, by its final path */
		if (x->status && !isnan(x->end) && x->end <= horizon) {
			int de = (int)floor(x->end / DAY);
			if (de >= 0 && de < nd)
				bt->day[de].actual[PC_BT_DAY_COMPLETED]++;
			if (ret) {
				rr_n++;
				rr_sum += x->end - x->t;
			} else {
				ro_n++;
				ro_sum += x->end - x->t;
			}
		} else if (!x->status) {
			open_end++;
		}
		/* backlog at each day's end while it was open */
		if (!(x->status && isnan(x->end))) {
			double until = isnan(x->end) || x->end > horizon ? INFINITY : x->end;
			for (int k = dd < 0 ? 0 : dd; k < nd && (k + 1) * DAY <= until; k++)
				bt->day[k].actual[PC_BT_DAY_BACKLOG]++;
		}
		if (!d->has_work)
			continue;
		/* first response: the first answering task's start, or the
		 * platform's automatic approval at the timeout */
		if (x->autoapp && sc->response_timeout > 0 &&
		    (isnan(fstart[i]) || fstart[i] > x->t + sc->response_timeout))
			fr = sc->response_timeout;
		else if (!isnan(fstart[i]))
			fr = fstart[i] - x->t;
		if (!isnan(fr)) {
			fr_n++;
			fr_sum += fr;
			fr_in += fr <= fr_limit;
		}
		/* a refund-only request acted on: at its first handling; above
		 * the agent's authority (goods received, not rejected) at the
		 * supervisor's approval, which ends it */
		if (x->type == 1)
			continue;
		handled = fend[i];
		if (!x->rejected && !ret && x->status == 1 && !isnan(x->end) && x->amount > sc->agent_authority &&
		    (x->goods == PC_FG_RECEIVED || (x->goods == PC_FG_UNKNOWN && x->after)))
			handled = x->end;
		if (!isnan(handled) && handled > horizon)
			handled = NAN;
		if (isnan(handled) && x->t + ho_limit > horizon)
			continue; /* no outcome yet at the horizon */
		if (isnan(handled) && x->cancelled && !isnan(x->end) && x->end < x->t + ho_limit)
			continue; /* withdrawn before its deadline */
		ho_n++;
		ho_in += !isnan(handled) && handled - x->t <= ho_limit;
	}
	for (size_t o = 0; o < d->norders; o++)
		if (first_i[o] >= 0 && d->refund[first_i[o]].reason == 0)
			quality++;
	bt->refunds = req;
	set_actual(bt, PC_BT_REQUESTS, (double)req, req ? req : 1, NULL);
	set_actual(bt, PC_BT_QUALITY, 100 * ratio((double)quality, (double)bt->orders), bt->orders,
		   "no order paid in the window");
	set_actual(bt, PC_BT_RO_TIME, ratio(ro_sum, (double)ro_n) / HOUR, ro_n, "no refund-only refund ended");
	set_actual(bt, PC_BT_RR_TIME, ratio(rr_sum, (double)rr_n) / HOUR, rr_n, "no return-refund ended");
	set_actual(bt, PC_BT_DISPUTE, 100 * ratio((double)disputes, (double)bt->orders), d->has_resp_col ? bt->orders : 0,
		   "the refunds export has no 卖家责任 column (the platform's ruling on responsibility)");
	set_actual(bt, PC_BT_FR_WITHIN, 100 * ratio((double)fr_in, (double)fr_n), fr_n,
		   d->has_work ? "no request answered" : "needs the work log (--work)");
	set_actual(bt, PC_BT_FR_MEAN, ratio(fr_sum, (double)fr_n) / 60, fr_n,
		   d->has_work ? "no request answered" : "needs the work log (--work)");
	set_actual(bt, PC_BT_HO_WITHIN, 100 * ratio((double)ho_in, (double)ho_n), ho_n,
		   d->has_work ? "no refund-only request" : "needs the work log (--work)");
	set_actual(bt, PC_BT_ESC_RATE, 100 * ratio((double)esc, (double)req), d->has_esc_col ? req : 0,
		   "the refunds export has no 小二介入 column");
	set_actual(bt, PC_BT_PEAK, peak_open(d, horizon, ev), req ? req : 1, NULL);
	set_actual(bt, PC_BT_OPEN_END, (double)open_end, req ? req : 1, NULL);
	free(fstart);
	free(fend);
	free(first_t);
	free(ev);
	free(first_i);
	return 0;
}

/* Mean, CI and the range of one replication of x[0..n). */
static pc_bt_pred pred_of(const double *x, int n, int share)
{
	pc_bt_pred p;
	double half;

	p.n = pc_stat_ci(x, n, &p.mean, &half);
	if (p.n == 0)
		p.mean = NAN;
	p.lo = p.mean - half;
	p.hi = p.mean + half;
	/* t s / sqrt(n) * sqrt(n + 1) = t s sqrt(1 + 1/n) */
	p.plo = p.mean - half * sqrt((double)p.n + 1);
	p.phi = p.mean + half * sqrt((double)p.n + 1);
	if (p.n < 2)
		p.lo = p.hi = p.plo = p.phi = NAN;
	/* every figure here is a count, share or time: none below 0 */
	if (p.n >= 2) {
		p.lo = fmax(p.lo, 0);
		p.plo = fmax(p.plo, 0);
		if (share) {
			p.hi = fmin(p.hi, 100);
			p.phi = fmin(p.phi, 100);
		}
	}
	return p;
}

static int kpi_index(const pc_kpi *k, int nk, const char *key)
{
	for (int i = 0; i < nk; i++)
		if (!strcmp(k[i].key, key))
			return i;
	return -1;
}

/* 1 when x lies in [lo, hi] (a point range: equal to it), 0 when not,
 * -1 when either is missing. */
static int inside(double x, double lo, double hi, double mean)
{
	if (isnan(x) || isnan(mean))
		return -1;
	if (isnan(lo))
		return x == mean;
	return x >= lo - 1e-9 && x <= hi + 1e-9;
}

int pc_backtest_predict(pc_backtest *bt, const pc_result *res, pc_error *err)
{
	int reps = res->reps, nk;
	double *v = malloc(((size_t)PC_BT_NMETRICS + 3 * (size_t)bt->ndays) * (size_t)(reps + 1) * sizeof *v);
	pc_kpi *k = malloc(PC_MAX_KPIS * sizeof *k);
	double worst = -1;

	if (!v || !k) {
		free(v);
		free(k);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	bt->reps = reps;
	/* The metrics of each replication, by run's own KPI formulas. */
	for (int r = 0; r < reps; r++) {
		const pc_rep *p = &res->rep[r];
		nk = pc_result_kpis_of(res, r, k, PC_MAX_KPIS);
		for (int m = 0; m < PC_BT_NMETRICS; m++) {
			int i = kpi_index(k, nk, metric_info[m].key);
			double x = NAN;
			if (m == PC_BT_ESC_RATE) {
				double req = p->arrived[0] + p->arrived[1] + p->arrived[2] + p->arrived[3];
				x = 100 * ratio(p->escalated, req);
			} else if (i >= 0) {
				x = k[i].mean;
				if (r == 0)
					snprintf(bt->m[m].label, sizeof bt->m[m].label, "%s", k[i].label);
			}
			v[(size_t)m * (size_t)reps + (size_t)r] = x;
		}
		/* the daily curves: requests and completions by day, and the
		 * open refunds at the end of each day (the interval ending then) */
		for (int dd = 0; dd < bt->ndays; dd++) {
			double *row = dd < p->ndays ? &p->daily[(size_t)dd * PC_DAY_NCOLS] : NULL;
			long it = (long)floor((dd + 1) * DAY / res->sc->interval + 1e-9) - 1;
			double open = 0;
			size_t base = (size_t)(PC_BT_NMETRICS + 3 * dd) * (size_t)reps + (size_t)r;
			if (it >= p->nintervals)
				it = p->nintervals - 1;
			for (int s = 0; s < PC_NSTATES && it >= 0; s++)
				open += p->series[(size_t)it * PC_TS_NCOLS + PC_TS_BACKLOG0 + (size_t)s];
			v[base] = row ? row[PC_DAY_ARRIVED] : NAN;
			v[base + (size_t)reps] = open;
			v[base + 2 * (size_t)reps] = row ? row[PC_DAY_FINISHED] : NAN;
		}
	}
	for (int m = 0; m < PC_BT_NMETRICS; m++) {
		pc_bt_metric *x = &bt->m[m];
		x->pred = pred_of(&v[(size_t)m * (size_t)reps], reps, !strcmp(x->unit, "%"));
		x->err = x->pred.mean - x->actual;
		x->err_pct = x->actual != 0 ? 100 * x->err / x->actual : (x->err == 0 ? 0 : NAN);
		x->in_ci = inside(x->actual, x->pred.lo, x->pred.hi, x->pred.mean);
		x->in_range = inside(x->actual, x->pred.plo, x->pred.phi, x->pred.mean);
		if (isnan(x->err))
			continue;
		bt->compared++;
		bt->close += !isnan(x->err_pct) && fabs(x->err_pct) <= PC_BT_CLOSE_PCT;
		bt->in_range += x->in_range == 1;
		/* the worst: the error in half-widths of the range (beyond 1:
		 * outside it), so that a small count's large relative error,
		 * which is chance, does not outrank a real miss */
		{
			double half = (x->pred.phi - x->pred.plo) / 2;
			double score = half > 0 ? fabs(x->err) / half : x->err != 0 ? INFINITY : 0;
			if (!isnan(score) && score > worst) {
				worst = score;
				bt->worst = m;
			}
		}
	}
	for (int dd = 0; dd < bt->ndays; dd++)
		for (int c = 0; c < PC_BT_NCURVES; c++)
			bt->day[dd].pred[c] = pred_of(&v[(size_t)(PC_BT_NMETRICS + 3 * dd + c) * (size_t)reps], reps, 0);
	free(v);
	free(k);
	return 0;
}

/* A value with its unit: "97.1%", "20.3 h", "5,512 refunds". */
static void fmt_value(char *buf, size_t n, double v, const char *unit)
{
	if (isnan(v))
		snprintf(buf, n, "n/a");
	else if (!strcmp(unit, "%"))
		snprintf(buf, n, "%.3g%%", v);
	else if (!strcmp(unit, "refunds"))
		snprintf(buf, n, v >= 100 ? "%.0f" : "%.3g", v);
	else
		snprintf(buf, n, "%.3g %s", v, unit);
}

void pc_backtest_verdict(const pc_backtest *bt, char *buf, size_t n)
{
	int w = bt->worst;

	if (bt->compared == 0) {
		snprintf(buf, n, "nothing to compare: the logs gave no actual value");
		return;
	}
	if (w >= 0) {
		const pc_bt_metric *x = &bt->m[w];
		char p[64], a[64];
		fmt_value(p, sizeof p, x->pred.mean, x->unit);
		fmt_value(a, sizeof a, x->actual, x->unit);
		snprintf(buf, n,
			 "the model reproduces last year within %.0f%% on %d of %d metrics (%d inside the 95%% range "
			 "of one promotion); worst: %s, predicted %s vs actual %s (%+.1f%%)",
			 PC_BT_CLOSE_PCT, bt->close, bt->compared, bt->in_range, x->label, p, a, x->err_pct);
	} else {
		snprintf(buf, n, "the model reproduces last year within %.0f%% on %d of %d metrics (%d inside the 95%% "
			 "range of one promotion)", PC_BT_CLOSE_PCT, bt->close, bt->compared, bt->in_range);
	}
}

/* Writes s left-aligned in width columns (a CJK character takes two). */
static void put_padded(FILE *out, const char *s, int width)
{
	int cols = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			cols += *p >= 0xe0 ? 2 : 1;
	fputs(s, out);
	for (; cols < width; cols++)
		fputc(' ', out);
}

static const char *yes_no(int v)
{
	return v < 0 ? "" : v ? "yes" : "no";
}

int pc_backtest_write_csv(const pc_backtest *bt, FILE *out)
{
	pc_csvrow w = { out, 0 };
	static const char *const head[] = { "metric", "label", "unit", "predicted_mean", "ci_low", "ci_high",
					    "range_low", "range_high", "actual", "actual_n", "error", "error_pct",
					    "within_ci", "within_range" };

	for (size_t c = 0; c < sizeof head / sizeof *head; c++)
		pc_csvrow_text(&w, head[c]);
	pc_csvrow_end(&w);
	for (int m = 0; m < PC_BT_NMETRICS; m++) {
		const pc_bt_metric *x = &bt->m[m];
		pc_csvrow_text(&w, x->key);
		pc_csvrow_text(&w, x->label);
		pc_csvrow_text(&w, x->unit);
		pc_csvrow_num(&w, x->pred.mean);
		pc_csvrow_num(&w, x->pred.lo);
		pc_csvrow_num(&w, x->pred.hi);
		pc_csvrow_num(&w, x->pred.plo);
		pc_csvrow_num(&w, x->pred.phi);
		pc_csvrow_num(&w, x->actual);
		pc_csvrow_num(&w, (double)x->n);
		pc_csvrow_num(&w, x->err);
		pc_csvrow_num(&w, x->err_pct);
		pc_csvrow_text(&w, yes_no(x->in_ci));
		pc_csvrow_text(&w, yes_no(x->in_range));
		pc_csvrow_end(&w);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_backtest_write_daily(const pc_backtest *bt, FILE *out)
{
	pc_csvrow w = { out, 0 };
	static const char *const part[] = { "mean", "ci_low", "ci_high", "range_low", "range_high", "actual" };
	char name[64];

	pc_csvrow_text(&w, "date");
	for (int c = 0; c < PC_BT_NCURVES; c++)
		for (size_t k = 0; k < sizeof part / sizeof *part; k++) {
			snprintf(name, sizeof name, "%s_%s", curve_name[c], part[k]);
			pc_csvrow_text(&w, name);
		}
	pc_csvrow_end(&w);
	for (int dd = 0; dd < bt->ndays; dd++) {
		const pc_bt_day *x = &bt->day[dd];
		pc_date_format(bt->sc->day0 + dd, name, sizeof name);
		pc_csvrow_text(&w, name);
		for (int c = 0; c < PC_BT_NCURVES; c++) {
			pc_csvrow_num(&w, x->pred[c].mean);
			pc_csvrow_num(&w, x->pred[c].lo);
			pc_csvrow_num(&w, x->pred[c].hi);
			pc_csvrow_num(&w, x->pred[c].plo);
			pc_csvrow_num(&w, x->pred[c].phi);
			pc_csvrow_num(&w, x->actual[c]);
		}
		pc_csvrow_end(&w);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_backtest_write_txt(const pc_backtest *bt, FILE *out)
{
	char v[600], a[64], p[64], lo[64], hi[64];
	double days_in = 0, days = 0;

	pc_backtest_verdict(bt, v, sizeof v);
	fprintf(out, "Backtest of '%s': %s.\n\n", bt->sc->name, v);
	fprintf(out, "%-60s %12s %25s %12s %9s  %s\n", "metric", "predicted", "95% range of one promotion",
		"actual", "error", "inside");
	for (int m = 0; m < PC_BT_NMETRICS; m++) {
		const pc_bt_metric *x = &bt->m[m];
		char e[32], rng[140];
		fmt_value(p, sizeof p, x->pred.mean, x->unit);
		fmt_value(a, sizeof a, x->actual, x->unit);
		fmt_value(lo, sizeof lo, x->pred.plo, x->unit);
		fmt_value(hi, sizeof hi, x->pred.phi, x->unit);
		snprintf(rng, sizeof rng, "%s - %s", lo, hi);
		if (isnan(x->err_pct))
			snprintf(e, sizeof e, "%s", isnan(x->actual) ? "" : "-");
		else
			snprintf(e, sizeof e, "%+.1f%%", x->err_pct);
		put_padded(out, x->label, 60);
		fprintf(out, " %12s %25s %12s %9s  %s\n", p, rng, a, e,
			x->in_range == 1 ? "yes" : x->in_range == 0 ? "NO" : "");
	}
	for (int m = 0; m < PC_BT_NMETRICS; m++)
		if (bt->m[m].why)
			fprintf(out, "  %s: no actual value, %s\n", bt->m[m].label, bt->m[m].why);
	for (int dd = 0; dd < bt->ndays; dd++)
		for (int c = 0; c < PC_BT_NCURVES; c++) {
			const pc_bt_pred *q = &bt->day[dd].pred[c];
			if (isnan(q->mean))
				continue;
			days++;
			days_in += inside(bt->day[dd].actual[c], q->plo, q->phi, q->mean) == 1;
		}
	fprintf(out, "\nDaily curves (backtest_daily.csv): the actual requests, backlog and completions fall inside "
		     "the 95%% range of one promotion on %.0f of %.0f day-curves.\n", days_in, days);
	fprintf(out, "\nPredicted: %d replications of the scenario, ", bt->reps);
	if (bt->roster == PC_BT_ROSTER_FILE)
		fprintf(out, "the agents' roster from %s.\n", bt->roster_file);
	else if (bt->roster == PC_BT_ROSTER_WORK)
		fprintf(out, "the agents on duty derived from the work log (roster_derived.csv: the distinct agents "
			     "with work in each hour, a lower bound: an idle agent does not show).\n");
	else
		fprintf(out, "the scenario's own agent roster (no --roster, no work log).\n");
	fprintf(out, "Actual: %ld refund requests, %ld orders paid in the sales window.\n", bt->refunds, bt->orders);
	fprintf(out, "The 95%% CI is that of the predicted mean; the range is where one promotion's value falls 19 "
		     "times in 20 (mean +- t s sqrt(1 + 1/n)): last year is one promotion, so it is judged by the "
		     "range.  Close: within %.0f%% of the actual value.\n", PC_BT_CLOSE_PCT);
	return ferror(out) ? PC_EIO : 0;
}

void pc_backtest_release(pc_backtest *bt)
{
	if (!bt)
		return;
	free(bt->day);
	bt->day = NULL;
}
