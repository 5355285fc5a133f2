/* result: replications on threads, reduced in replication order, and the KPIs
 * with 95% confidence intervals across replications (GSL statistics). */
#include "promocap/result.h"

#include "promocap/spread.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

typedef struct worker_job {
	const pc_scenario *sc;
	pc_result *res;
	atomic_int next;
	int *rc;          /* [reps] */
	pc_error *errs;   /* [reps] */
} worker_job;

static void *worker(void *arg)
{
	worker_job *job = arg;
	pc_error err;
	pc_sim *sim;
	int r;

	pc_error_clear(&err);
	sim = pc_sim_new(job->sc, &err);
	while ((r = atomic_fetch_add(&job->next, 1)) < job->res->reps) {
		if (!sim) {
			job->rc[r] = PC_ENOMEM;
			job->errs[r] = err;
			continue;
		}
		pc_error_clear(&job->errs[r]);
		job->rc[r] = pc_sim_run(sim, job->res->seed, job->res->first + r, &job->res->rep[r],
					&job->errs[r]);
	}
	pc_sim_free(sim);
	return NULL;
}

void pc_result_release(pc_result *res)
{
	if (!res || !res->rep)
		return;
	for (int r = 0; r < res->reps; r++)
		pc_rep_release(&res->rep[r]);
	free(res->rep);
	res->rep = NULL;
}

int pc_run(const pc_scenario *sc, uint64_t seed, int reps, int threads, pc_result *res,
	   pc_error *err)
{
	return pc_run_from(sc, seed, 0, reps, threads, res, err);
}

int pc_result_append(pc_result *res, pc_result *more)
{
	pc_rep *rep;

	if (more->sc != res->sc || more->seed != res->seed || more->first != res->first + res->reps)
		return PC_EINPUT;
	rep = realloc(res->rep, sizeof *rep * (size_t)(res->reps + more->reps));
	if (!rep)
		return PC_ENOMEM;
	memcpy(rep + res->reps, more->rep, sizeof *rep * (size_t)more->reps);
	res->rep = rep;
	res->reps += more->reps;
	free(more->rep);
	more->rep = NULL;
	more->reps = 0;
	return 0;
}

int pc_run_from(const pc_scenario *sc, uint64_t seed, int first, int reps, int threads,
		pc_result *res, pc_error *err)
{
	worker_job job;
	pthread_t tid[256];
	int rc = 0, started = 0;

	memset(res, 0, sizeof *res);
	res->sc = sc;
	res->seed = seed;
	res->reps = reps;
	res->first = first;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 1;
	}
	if (threads > reps)
		threads = reps;
	if (threads > 256)
		threads = 256;
	res->rep = calloc((size_t)reps, sizeof *res->rep);
	job.rc = calloc((size_t)reps, sizeof *job.rc);
	job.errs = calloc((size_t)reps, sizeof *job.errs);
	if (!res->rep || !job.rc || !job.errs) {
		rc = PC_ENOMEM;
		goto out;
	}
	for (int r = 0; r < reps; r++)
		if (pc_rep_init(&res->rep[r], sc)) {
			rc = PC_ENOMEM;
			goto out;
		}
	job.sc = sc;
	job.res = res;
	atomic_init(&job.next, 0);
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[t], NULL, worker, &job))
			break;
		started = t;
	}
	worker(&job);
	for (int t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	for (int r = 0; r < reps; r++)
		if (job.rc[r]) {
			rc = job.rc[r];
			*err = job.errs[r];
			break;
		}
out:
	if (rc == PC_ENOMEM && !err->msg[0])
		pc_error_set(err, NULL, 0, "out of memory for %d replications", reps);
	free(job.rc);
	free(job.errs);
	if (rc)
		pc_result_release(res);
	return rc;
}

pc_baseline pc_baseline_compute(const pc_scenario *sc)
{
	pc_baseline b;

	b.orders = sc->gmv / sc->aov;
	b.refunds = sc->gmv * sc->refund_rate / sc->aov;
	b.after_sales = b.refunds * pc_scenario_after_sales_ratio(sc);
	b.total = b.refunds + b.after_sales;
	b.agents_exact = b.total / sc->baseline_cases_per_day / sc->baseline_days;
	/* Round up, forgiving float noise: 5600 / 100 / 7 is 8, not 9. */
	b.agents = (int)ceil(b.agents_exact - 1e-9);
	return b;
}

int pc_stat_ci(const double *x, int n, double *mean, double *half)
{
	double buf[1024], *v = n <= 1024 ? buf : malloc(sizeof(double) * (size_t)n);
	int m = 0;

	if (!v) {
		*mean = *half = NAN;
		return 0;
	}
	for (int i = 0; i < n; i++)
		if (!isnan(x[i]))
			v[m++] = x[i];
	*mean = m ? gsl_stats_mean(v, 1, (size_t)m) : NAN;
	*half = m > 1 ? gsl_cdf_tdist_Pinv(0.975, m - 1) * gsl_stats_sd(v, 1, (size_t)m) / sqrt(m)
		      : NAN;
	if (v != buf)
		free(v);
	return m;
}

/* Column col of period d: a day (by_interval 0) or an interval. */
static double period_col(const pc_rep *p, int by_interval, int d, int col)
{
	if (by_interval)
		return d < p->nintervals ? p->series[(size_t)d * PC_TS_NCOLS + (size_t)col] : 0;
	return d < p->ndays ? p->daily[(size_t)d * PC_DAY_NCOLS + (size_t)col] : 0;
}

static double period_floor(const pc_result *res, int by_interval, int ncol)
{
	int nd = !res->reps ? 0 : by_interval ? res->rep[0].nintervals : res->rep[0].ndays;

	for (int d = 0; d < nd; d++) {
		double n = 0;

		for (int r = 0; r < res->reps; r++)
			n += period_col(&res->rep[r], by_interval, d, ncol);
		if (n >= PC_DAY_MIN_REQUESTS * (double)res->reps)
			return PC_DAY_MIN_REQUESTS;
	}
	return 0;
}

static double period_shares(const pc_result *res, int by_interval, int n, int d, int ncol, int within, double *x)
{
	double sum = 0;

	for (int r = 0; r < n; r++) {
		double c = period_col(&res->rep[r], by_interval, d, ncol);

		sum += c;
		x[r] = c > 0 ? 100 * period_col(&res->rep[r], by_interval, d, within) / c : NAN;
	}
	return n > 0 ? sum / n : 0;
}

double pc_result_day_floor(const pc_result *res, int ncol)
{
	return period_floor(res, 0, ncol);
}

double pc_result_day_shares(const pc_result *res, int n, int d, int ncol, int within, double *x)
{
	return period_shares(res, 0, n, d, ncol, within, x);
}

double pc_result_interval_floor(const pc_result *res, int ncol)
{
	return period_floor(res, 1, ncol);
}

double pc_result_interval_shares(const pc_result *res, int n, int k, int ncol, int within, double *x)
{
	return period_shares(res, 1, n, k, ncol, within, x);
}

static double ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

static double sum4(const double *x)
{
	return x[0] + x[1] + x[2] + x[3];
}

/* One KPI: value(rep) per replication, then mean and CI. */
typedef double (*kpi_fn)(const pc_rep *rep, int arg);

static double k_refunds(const pc_rep *p, int a) { (void)a; return sum4(p->arrived); }
static double k_as(const pc_rep *p, int a) { (void)a; return p->as_arrived; }
static double k_fr_within(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->fr_within, p->fr_n); }
static double k_fr_mean(const pc_rep *p, int a) { (void)a; return ratio(p->fr_sum, p->fr_n) / 60; }
static double k_ro_mean(const pc_rep *p, int a) { (void)a; return ratio(p->ro_sum, p->ro_n) / 3600; }
static double k_ro_within(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->ro_within, p->ro_n); }
static double k_ho_within(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->ho_within, p->ho_n); }
static double k_ho_mean(const pc_rep *p, int a) { (void)a; return ratio(p->ho_sum, p->ho_acted) / 3600; }
static double k_claims(const pc_rep *p, int a) { (void)a; return p->claims; }
static double k_ended(const pc_rep *p, int a) { return p->ended[a]; }
static double k_enq_within(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->enq_within, p->enq_n); }
static double k_enq_wait(const pc_rep *p, int a) { (void)a; return ratio(p->enq_wait_sum, p->enq_n) / 60; }
static double k_chases(const pc_rep *p, int a) { (void)a; return p->chases; }
static double k_recep_util(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->recep_busy, p->recep_cap); }
static double k_recep_hours(const pc_rep *p, int a) { (void)a; return p->recep_paid / 3600; }
static double k_rejected(const pc_rep *p, int a)
{
	return a >= 0 ? p->rejected[a] : p->rejected[0] + p->rejected[1] + p->rejected[2];
}
static double k_rr_mean(const pc_rep *p, int a) { (void)a; return ratio(p->rr_sum, p->rr_n) / 3600; }
static double k_seg(const pc_rep *p, int a) { return ratio(p->seg_sum[a], p->seg_n[a]) / 3600; }
static double k_paid(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->paid_within, p->paid_n); }
static double k_sup(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->sup_within, p->sup_n); }
static double k_24h(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->done_24h, sum4(p->arrived)); }
static double k_5d(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->done_5d, sum4(p->arrived)); }
static double k_all(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->done_all_within, sum4(p->arrived)); }
static double k_dispute(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->disputes, p->orders); }
static double k_quality(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->quality_refunds, p->orders); }
static double k_escalated(const pc_rep *p, int a) { (void)a; return p->escalated; }
static double k_auto(const pc_rep *p, int a) { (void)a; return p->auto_approved; }
static double k_goods_lost(const pc_rep *p, int a) { (void)a; return p->goods_lost; }
static double k_parcels_lost(const pc_rep *p, int a) { (void)a; return p->parcels_lost; }
static double k_wrong(const pc_rep *p, int a) { (void)a; return p->wrong_goods; }
static double k_open(const pc_rep *p, int a) { (void)a; return sum4(p->open); }
static double k_as_open(const pc_rep *p, int a) { (void)a; return p->as_open; }
static double k_peak(const pc_rep *p, int a) { (void)a; return p->peak_backlog; }
static double k_util(const pc_rep *p, int a) { return 100 * ratio(p->busy[a], p->cap[a]); }
/* Staff-hours are the paid ones; utilisation is of the hours available. */
static double k_hours(const pc_rep *p, int a) { return p->paid[a] / 3600; }

/* The first day with the most of daily column col in one replication, in
 * days after sales_start; NaN when the column is 0 every day. */
static double peak_day(const pc_rep *p, int col)
{
	double best = 0;
	int day = -1;

	for (int d = 0; d < p->ndays; d++) {
		double v = p->daily[(size_t)d * PC_DAY_NCOLS + col];
		if (v > best) {
			best = v;
			day = d;
		}
	}
	return day < 0 ? NAN : day;
}

static double k_peak_day(const pc_rep *p, int a) { return peak_day(p, a); }
/* How long after the refund-request peak the escalations peak [004]. */
static double k_peak_gap(const pc_rep *p, int a)
{
	(void)a;
	return peak_day(p, PC_DAY_ESCALATED) - peak_day(p, PC_DAY_ARRIVED);
}
static double k_auto_share(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->auto_matched, sum4(p->arrived)); }
static double k_auto_money(const pc_rep *p, int a) { (void)a; return p->auto_money; }
static double k_auto_out(const pc_rep *p, int a) { (void)a; return p->auto_goods_out; }
static double k_batch_runs(const pc_rep *p, int a) { (void)a; return p->batch_runs; }
static double k_batch_size(const pc_rep *p, int a) { (void)a; return ratio(p->batch_items, p->batch_runs); }
static double k_intercept_failed(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->converted_1to2, p->p1_handled); }
static double k_left_before(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->p1_left_before, p->arrived[PC_PATH_UNSHIPPED]); }
static double k_late(const pc_rep *p, int a) { (void)a; return p->late_n[0] + p->late_n[1] + p->late_n[2]; }
static double k_late_share(const pc_rep *p, int a) { return 100 * ratio(k_late(p, a), sum4(p->arrived)); }
static double k_late_by(const pc_rep *p, int a) { return p->late_n[a]; }
static double k_late_beyond(const pc_rep *p, int a) { (void)a; return p->late_beyond; }
static double k_late_esc(const pc_rep *p, int a) { (void)a; return p->late_escalated; }
static double k_svc_close(const pc_rep *p, int a) { return ratio(p->svc_sum[a], p->svc_done[a]) / 3600; }
static double k_svc_n(const pc_rep *p, int a) { return p->svc_n[a]; }
static double k_chat_n(const pc_rep *p, int a) { (void)a; return p->chat_n; }
/* A buyer who left unanswered counts as a miss, as in Erlang A's service level. */
static double k_chat_within(const pc_rep *p, int a)
{
	(void)a;
	return 100 * ratio(p->chat_within, p->chat_answered + p->chat_abandoned);
}
static double k_chat_abandoned(const pc_rep *p, int a)
{
	(void)a;
	return 100 * ratio(p->chat_abandoned, p->chat_answered + p->chat_abandoned);
}
static double k_chat_wait(const pc_rep *p, int a) { (void)a; return ratio(p->chat_wait_sum, p->chat_answered) / 60; }
static double k_chat_open(const pc_rep *p, int a)
{
	(void)a;
	return p->chat_n - p->chat_answered - p->chat_abandoned;
}
static double k_chat_dual(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->chat_by_dual, p->chat_answered); }
static double k_chat_dual_h(const pc_rep *p, int a) { (void)a; return p->chat_dual_secs / 3600; }
static double k_presale_util(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->presale_busy, p->presale_cap); }
static double k_presale_hours(const pc_rep *p, int a) { (void)a; return p->presale_paid / 3600; }
static double k_cycle(const pc_rep *p, int a) { (void)a; return 100 * ratio(p->done_cycle, sum4(p->arrived)); }

/* With forecasts the replications of one draw share its demand: the
 * interval of the mean comes from the draws' means (spread.h). */
static double forecast_half(const pc_result *res, const double *v)
{
	int draws[1024], *d = res->reps <= 1024 ? draws : malloc(sizeof(int) * (size_t)res->reps);
	double half;

	if (!d)
		return NAN;
	for (int r = 0; r < res->reps; r++)
		d[r] = pc_fc_draw_of(res->first + r);
	half = pc_spread_ci_half(v, d, res->reps);
	if (d != draws)
		free(d);
	return half;
}

static void add_kpi_any(const pc_result *res, pc_kpi *out, int *n, int max, const char *key,
			const char *unit, kpi_fn fn, int arg, const char *label, int can_be_negative)
{
	double vals[1024], *v = res->reps <= 1024 ? vals : malloc(sizeof(double) * (size_t)res->reps);
	double half;
	pc_kpi *k;

	if (*n >= max || !v)
		return;
	k = &out[(*n)++];
	memset(k, 0, sizeof *k);
	k->key = key;
	k->unit = unit;
	snprintf(k->label, sizeof k->label, "%s", label);
	for (int r = 0; r < res->reps; r++)
		v[r] = fn(&res->rep[r], arg);
	k->n = pc_stat_ci(v, res->reps, &k->mean, &half);
	if (res->sc->forecast.on)
		half = forecast_half(res, v);
	/* Every KPI is a count, a time or a share: the interval is cut to the
	 * values the KPI can take. */
	k->lo = k->mean - half;
	k->hi = k->mean + half;
	if (k->lo < 0 && !can_be_negative)
		k->lo = 0;
	/* Every KPI in % is a share: its interval stays in [0, 100]. */
	if (!strcmp(unit, "%") && k->hi > 100)
		k->hi = 100;
	if (v != vals)
		free(v);
}

static void add_kpi(const pc_result *res, pc_kpi *out, int *n, int max, const char *key,
		    const char *unit, kpi_fn fn, int arg, const char *label)
{
	add_kpi_any(res, out, n, max, key, unit, fn, arg, label, 0);
}

/* A KPI that is the same in every replication (a figure of the scenario). */
static void add_value_kpi(const pc_result *res, pc_kpi *out, int *n, int max, const char *key,
			  const char *unit, double value, const char *label)
{
	pc_kpi *k;

	if (*n >= max)
		return;
	k = &out[(*n)++];
	memset(k, 0, sizeof *k);
	k->key = key;
	k->unit = unit;
	snprintf(k->label, sizeof k->label, "%s", label);
	k->mean = k->lo = k->hi = value;
	k->n = res->reps;
}

/* Marks the KPI just added with a target: at least (share) or at most. */
static void target(pc_kpi *k, double value, int is_max)
{
	k->has_target = 1;
	k->target = value;
	k->target_is_max = is_max;
	if (isnan(k->mean)) {
		k->met = k->met_ci = 0;
		return;
	}
	k->met = is_max ? k->mean <= value + 1e-12 : k->mean >= value - 1e-12;
	k->met_ci = is_max ? !(k->hi > value + 1e-12) : !(k->lo < value - 1e-12);
	if (isnan(k->lo))
		k->met_ci = k->met;
}

static const char *label(char *buf, size_t n, const char *fmt, const char *arg)
{
	snprintf(buf, n, fmt, arg);
	return buf;
}

/* A label with a duration in it, written as the scenario would ("30min"). */
static const char *hlabel(char *buf, size_t n, const char *fmt, double seconds)
{
	char d[32];

	pc_dist_format_duration(seconds, d, sizeof d);
	snprintf(buf, n, fmt, d);
	return buf;
}

/* Rewrites the label of the day KPI k with the date of its rounded mean. */
static void date_label(const pc_scenario *sc, pc_kpi *k, const char *what)
{
	char date[16] = "none";

	if (!isnan(k->mean))
		pc_date_format(sc->day0 + (int64_t)floor(k->mean + 0.5), date, sizeof date);
	snprintf(k->label, sizeof k->label, "%s, day from start (%s)", what, date);
}

/* Peak dates [004]: the refund requests' peak day, the escalations' peak
 * day, the gap between them (which [004] predicts to be the protection
 * period: 2013, requests peak 11-15 + 5 days = escalations peak 11-20), and
 * how far the shop's processing cycle is from the protection period. */
static int peak_kpis(const pc_result *res, pc_kpi *out, int n, int max)
{
	const pc_scenario *sc = res->sc;
	char buf[96], d[32];
	int before = n;

	add_kpi(res, out, &n, max, "refund_request_peak_day", "days", k_peak_day, PC_DAY_ARRIVED, "");
	if (n > before)
		date_label(sc, &out[n - 1], "refund-request peak");
	before = n;
	add_kpi(res, out, &n, max, "escalation_peak_day", "days", k_peak_day, PC_DAY_ESCALATED, "");
	if (n > before)
		date_label(sc, &out[n - 1], "escalation peak");
	add_kpi_any(res, out, &n, max, "escalation_peak_after_request_peak", "days", k_peak_gap, 0,
		    hlabel(buf, sizeof buf, "escalation peak after request peak (protection %s)",
			   sc->protection_period), 1);
	pc_dist_format_duration(sc->processing_cycle, d, sizeof d);
	snprintf(buf, sizeof buf, "protection period - processing cycle %s", d);
	add_value_kpi(res, out, &n, max, "processing_cycle_margin", "days",
		      (sc->protection_period - sc->processing_cycle) / PC_DAY, buf);
	add_kpi(res, out, &n, max, "finished_within_processing_cycle", "%", k_cycle, 0,
		hlabel(buf, sizeof buf, "refunds finished within processing cycle %s",
		       sc->processing_cycle));
	return n;
}

int pc_result_kpis(const pc_result *res, pc_kpi *out, int max)
{
	const pc_scenario *sc = res->sc;
	static const char *const seg_key[PC_NSEGMENTS] = {
		"segment_agree", "segment_buyer_ships", "segment_transit",
		"segment_inspection", "segment_payout"
	};
	static const char *const seg_label[PC_NSEGMENTS] = {
		"segment 1 agreement (agent)", "segment 2 buyer ships (buyer)",
		"segment 3 return in transit (courier)", "segment 4 inspection (warehouse)",
		"segment 5 payout (agent)"
	};
	static const char *const util_key[PC_NRES] = {
		"utilisation_agent", "utilisation_supervisor", "utilisation_inspector"
	};
	static const char *const hours_key[PC_NRES] = {
		"staff_hours_agent", "staff_hours_supervisor", "staff_hours_inspector"
	};
	double fr = sc->sla_first_response.set ? sc->sla_first_response.within : 1800;
	double ro = sc->sla_refund_only_done.set ? sc->sla_refund_only_done.within : 86400;
	double ho = sc->sla_refund_only_handled.set ? sc->sla_refund_only_handled.within : 86400;
	double paid = sc->sla_return_paid.set ? sc->sla_return_paid.within : 86400;
	double sup = sc->sla_supervisor_approval.set ? sc->sla_supervisor_approval.within : 14400;
	double all = sc->sla_all_done.set ? sc->sla_all_done.within : 5 * 86400;
	char buf[96];
	int n = 0;

	add_kpi(res, out, &n, max, "refund_requests", "refunds", k_refunds, 0, "refund requests");
	add_kpi(res, out, &n, max, "after_sales_claims", "refunds", k_claims, 0,
		"of them after-sales claims (售后维权)");
	add_kpi(res, out, &n, max, "after_sales_requests", "cases", k_as, 0, "after-sales enquiries");
	add_kpi(res, out, &n, max, "first_response_within", "%", k_fr_within, 0,
		hlabel(buf, sizeof buf, "first response within %s", fr));
	if (sc->sla_first_response.set)
		target(&out[n - 1], 100 * sc->sla_first_response.share, 0);
	add_kpi(res, out, &n, max, "first_response_mean", "min", k_fr_mean, 0, "first response time, mean");
	add_kpi(res, out, &n, max, "refund_only_handled_within", "%", k_ho_within, 0,
		hlabel(buf, sizeof buf, "refund-only requests acted on within %s", ho));
	if (sc->sla_refund_only_handled.set)
		target(&out[n - 1], 100 * sc->sla_refund_only_handled.share, 0);
	add_kpi(res, out, &n, max, "refund_only_handling_mean", "h", k_ho_mean, 0,
		"refund-only time to the shop's action, mean");
	add_kpi(res, out, &n, max, "refund_only_completion", "h", k_ro_mean, 0,
		"refund-only completion time (仅退款自主完结时长)");
	add_kpi(res, out, &n, max, "refund_only_within", "%", k_ro_within, 0,
		hlabel(buf, sizeof buf, "refund-only finished within %s", ro));
	if (sc->sla_refund_only_done.set)
		target(&out[n - 1], 100 * sc->sla_refund_only_done.share, 0);
	add_kpi(res, out, &n, max, "return_refund_completion", "h", k_rr_mean, 0,
		"return-refund completion time (退货退款自主完结时长)");
	for (int s = 0; s < PC_NSEGMENTS; s++)
		add_kpi(res, out, &n, max, seg_key[s], "h", k_seg, s, seg_label[s]);
	add_kpi(res, out, &n, max, "return_paid_within", "%", k_paid, 0,
		hlabel(buf, sizeof buf, "returns paid within %s of warehouse arrival", paid));
	if (sc->sla_return_paid.set)
		target(&out[n - 1], 100 * sc->sla_return_paid.share, 0);
	add_kpi(res, out, &n, max, "supervisor_approval_within", "%", k_sup, 0,
		hlabel(buf, sizeof buf, "supervisor approvals within %s", sup));
	if (sc->sla_supervisor_approval.set)
		target(&out[n - 1], 100 * sc->sla_supervisor_approval.share, 0);
	add_kpi(res, out, &n, max, "finished_within_24h", "%", k_24h, 0, "refunds finished within 24h");
	add_kpi(res, out, &n, max, "finished_within_5d", "%", k_5d, 0, "refunds finished within 5d");
	add_kpi(res, out, &n, max, "all_done_within", "%", k_all, 0,
		hlabel(buf, sizeof buf, "all refunds finished within %s (all_done)", all));
	if (sc->sla_all_done.set)
		target(&out[n - 1], 100 * sc->sla_all_done.share, 0);
	add_kpi(res, out, &n, max, "dispute_refund_rate", "%", k_dispute, 0,
		"dispute refund rate (纠纷退款率)");
	if (sc->sla_dispute_set)
		target(&out[n - 1], 100 * sc->sla_dispute_max, 1);
	add_kpi(res, out, &n, max, "product_experience_refund_rate", "%", k_quality, 0,
		"product-experience refund rate (商品体验退款率)");
	add_kpi(res, out, &n, max, "escalations", "refunds", k_escalated, 0, "escalations to the platform");
	add_kpi(res, out, &n, max, "automatic_approvals", "refunds", k_auto, 0,
		"automatic approvals on timeout");
	add_kpi(res, out, &n, max, "goods_lost", "refunds", k_goods_lost, 0,
		"money and goods lost on timeout (财物两失)");
	add_kpi(res, out, &n, max, "parcels_lost", "parcels", k_parcels_lost, 0,
		"parcels lost in return (courier bears)");
	add_kpi(res, out, &n, max, "wrong_goods_paid", "refunds", k_wrong, 0,
		"paid on signature with wrong goods");
	add_kpi(res, out, &n, max, "open_at_horizon", "refunds", k_open, 0, "refunds open at the horizon");
	add_kpi(res, out, &n, max, "after_sales_open_at_horizon", "cases", k_as_open, 0,
		"after-sales work open at the horizon");
	add_kpi(res, out, &n, max, "peak_backlog", "refunds", k_peak, 0, "peak backlog of open refunds");
	for (int r = 0; r < PC_NRES; r++)
		add_kpi(res, out, &n, max, util_key[r], "%", k_util, r,
			label(buf, sizeof buf, "utilisation, %s", pc_res_name((pc_res)r)));
	for (int r = 0; r < PC_NRES; r++)
		add_kpi(res, out, &n, max, hours_key[r], "h", k_hours, r,
			label(buf, sizeof buf, "staff-hours, %s", pc_res_name((pc_res)r)));
	/* Enquiries (the reception's or the agents' other work), when any. */
	if ((pc_scenario_after_sales_ratio(sc) > 0 && (sc->claims < 1 || sc->catalogue)) || sc->chase_after > 0) {
		double w = sc->sla_enquiry_response.set ? sc->sla_enquiry_response.within : 1800;
		add_kpi(res, out, &n, max, "enquiry_response_within", "%", k_enq_within, 0,
			hlabel(buf, sizeof buf, "after-sales enquiries answered within %s", w));
		if (sc->sla_enquiry_response.set)
			target(&out[n - 1], 100 * sc->sla_enquiry_response.share, 0);
		add_kpi(res, out, &n, max, "enquiry_wait_mean", "min", k_enq_wait, 0,
			"after-sales enquiry wait, mean");
		if (sc->chase_after > 0)
			add_kpi(res, out, &n, max, "where_is_my_refund", "cases", k_chases, 0,
				"where-is-my-refund enquiries (chase_after)");
	}
	if (pc_staff_any(&sc->staff[PC_STAFF_RECEPTION])) {
		add_kpi(res, out, &n, max, "utilisation_reception", "%", k_recep_util, 0,
			"utilisation, reception agents");
		add_kpi(res, out, &n, max, "staff_hours_reception", "h", k_recep_hours, 0,
			"staff-hours, reception agents");
	}
	/* The buyers' and the platform's ends of a refund, each when on. */
	if (sc->cancel > 0)
		add_kpi(res, out, &n, max, "cancelled_by_buyer", "refunds", k_ended, 0,
			"requests the buyer cancelled before an answer");
	if (sc->reject_set) {
		add_kpi(res, out, &n, max, "rejected", "refunds", k_rejected, -1,
			"requests the shop rejected at its first handling");
		add_kpi(res, out, &n, max, "rejected_asked_again", "refunds", k_rejected, PC_REJECT_ASK_AGAIN,
			"of them asked again (then agreed)");
		add_kpi(res, out, &n, max, "rejected_escalated", "refunds", k_rejected, PC_REJECT_ESCALATE,
			"of them escalated to the platform");
		add_kpi(res, out, &n, max, "rejected_gave_up", "refunds", k_ended, 1,
			"of them closed: the buyer gave up");
	}
	if (sc->buyer_ship_timeout > 0)
		add_kpi(res, out, &n, max, "closed_not_shipped", "refunds", k_ended, 2,
			"returns closed: not shipped back in time (buyer_ship_timeout)");
	if (sc->ruling.set) {
		add_kpi(res, out, &n, max, "ruled_refunded", "refunds", k_ended, 3,
			"escalations ruled: refunded (seller-responsible)");
		add_kpi(res, out, &n, max, "ruled_closed", "refunds", k_ended, 4,
			"escalations ruled: closed");
	}
	if (sc->receipt_timeout > 0)
		add_kpi(res, out, &n, max, "refunded_on_receipt_timeout", "refunds", k_ended, 5,
			"returns refunded automatically: not paid out in time (receipt_timeout)");
	/* The levers' KPIs, each only when its lever is on. */
	if (sc->processing_cycle > 0)
		n = peak_kpis(res, out, n, max);
	if (sc->auto_unshipped_below > 0 || sc->good_credit > 0) {
		add_kpi(res, out, &n, max, "auto_refund_matched", "%", k_auto_share, 0,
			"refund requests matched by the automatic rules");
		add_kpi(res, out, &n, max, "auto_refund_money", "CNY", k_auto_money, 0,
			"money refunded without review");
		add_kpi(res, out, &n, max, "auto_refund_goods_out", "refunds", k_auto_out, 0,
			"refunded by the rules while the goods were out");
	}
	if (sc->batch_every > 0 || sc->batch_size > 0) {
		add_kpi(res, out, &n, max, "batch_runs", "runs", k_batch_runs, 0,
			"runs of the batch refund tool");
		add_kpi(res, out, &n, max, "batch_size_mean", "requests", k_batch_size, 0,
			"unshipped requests per batch run, mean");
	}
	if (sc->batch_every > 0 || sc->batch_size > 0 || sc->ship_delay.set)
		add_kpi(res, out, &n, max, "intercept_failed", "%", k_intercept_failed, 0,
			"unshipped interceptions that failed (-> in_transit)");
	if (sc->ship_delay.set)
		add_kpi(res, out, &n, max, "goods_left_before_request", "%", k_left_before, 0,
			"unshipped requests whose goods had left already");
	if (sc->catalogue) {
		static const char *const svc_key[PC_NSERVICES] = {
			"service_close_where_is_my_parcel", "service_close_order_change",
			"service_close_invoice", "service_close_price_protection", "service_close_quality",
			"service_close_warranty", "service_close_exchange"
		};
		static const char *const svc_n_key[PC_NSERVICES] = {
			"service_cases_where_is_my_parcel", "service_cases_order_change",
			"service_cases_invoice", "service_cases_price_protection", "service_cases_quality",
			"service_cases_warranty", "service_cases_exchange"
		};
		for (int k = 0; k < PC_NSERVICES; k++)
			add_kpi(res, out, &n, max, svc_n_key[k], "cases", k_svc_n, k,
				label(buf, sizeof buf, "after-sales cases, %s", pc_service_name((pc_service)k)));
		for (int k = 0; k < PC_NSERVICES; k++)
			add_kpi(res, out, &n, max, svc_key[k], "h", k_svc_close, k,
				label(buf, sizeof buf, "time to close, %s", pc_service_name((pc_service)k)));
	}
	if (sc->chats_per_order > 0) {
		double within = sc->sla_presale_response.set ? sc->sla_presale_response.within : 60;

		add_kpi(res, out, &n, max, "presale_chats", "chats", k_chat_n, 0, "pre-sale chats");
		add_kpi(res, out, &n, max, "presale_response_within", "%", k_chat_within, 0,
			hlabel(buf, sizeof buf, "pre-sale chats answered within %s", within));
		if (sc->sla_presale_response.set)
			target(&out[n - 1], 100 * sc->sla_presale_response.share, 0);
		add_kpi(res, out, &n, max, "presale_wait_mean", "min", k_chat_wait, 0,
			"pre-sale chat wait, mean");
		if (sc->chat_patience.set)
			add_kpi(res, out, &n, max, "presale_abandoned", "%", k_chat_abandoned, 0,
				"pre-sale chats abandoned: the buyer left unanswered");
		add_kpi(res, out, &n, max, "presale_unanswered", "chats", k_chat_open, 0,
			"pre-sale chats unanswered at the horizon");
		add_kpi(res, out, &n, max, "presale_by_dual_skill", "%", k_chat_dual, 0,
			"pre-sale chats answered by dual-skill agents");
		add_kpi(res, out, &n, max, "dual_skill_chat_hours", "h", k_chat_dual_h, 0,
			"dual-skill agents' hours on pre-sale chat");
		add_kpi(res, out, &n, max, "utilisation_presale", "%", k_presale_util, 0,
			"utilisation, pre-sale-only agents");
		add_kpi(res, out, &n, max, "staff_hours_presale", "h", k_presale_hours, 0,
			"staff-hours, pre-sale-only agents");
	}
	if (sc->late_period > 0) {
		static const char *const late_key[PC_NLATE] = {
			"late_reopened", "late_compensated", "late_refused"
		};
		static const char *const late_label[PC_NLATE] = {
			"late requests reopened (延长售后)", "late requests compensated (小额补偿)",
			"late requests refused"
		};
		add_kpi(res, out, &n, max, "late_requests", "refunds", k_late, 0,
			"requests after the after-sales period");
		add_kpi(res, out, &n, max, "late_share", "%", k_late_share, 0,
			"late requests among refund requests");
		for (int c = 0; c < PC_NLATE; c++)
			add_kpi(res, out, &n, max, late_key[c], "refunds", k_late_by, c, late_label[c]);
		add_kpi(res, out, &n, max, "late_beyond_extensions", "refunds", k_late_beyond, 0,
			"late requests past every extension");
		add_kpi(res, out, &n, max, "late_escalations", "refunds", k_late_esc, 0,
			"late requests escalated at the shop's answer");
	}
	return n;
}

int pc_result_kpis_of(const pc_result *res, int r, pc_kpi *out, int max)
{
	pc_result one = *res;

	one.reps = 1;
	one.rep = &res->rep[r];
	return pc_result_kpis(&one, out, max);
}

void pc_result_peak(const pc_result *res, pc_daily column, pc_peak *out)
{
	double vals[1024] = { 0 }, *v = res->reps <= 1024 ? vals : malloc(sizeof(double) * (size_t)res->reps);
	double half = NAN, best = 0;
	int ndays = res->reps > 0 ? res->rep[0].ndays : 0;

	memset(out, 0, sizeof *out);
	out->day = -1;
	out->mean = out->lo = out->hi = NAN;
	/* The mean curve's peak: the first day with the largest sum over the
	 * replications. */
	for (int d = 0; d < ndays; d++) {
		double sum = 0;
		for (int r = 0; r < res->reps; r++)
			sum += res->rep[r].daily[(size_t)d * PC_DAY_NCOLS + column];
		if (sum > best) {
			best = sum;
			out->day = d;
		}
	}
	out->count = res->reps > 0 ? best / res->reps : 0;
	if (!v)
		return;
	for (int r = 0; r < res->reps; r++)
		v[r] = peak_day(&res->rep[r], (int)column);
	out->n = pc_stat_ci(v, res->reps, &out->mean, &half);
	out->lo = out->mean - half;
	out->hi = out->mean + half;
	if (v != vals)
		free(v);
}

int pc_result_spread(const pc_result *res, pc_spread *out, int max)
{
	int n = 0, reps = res->reps, rc = 0;
	double *y = malloc(sizeof *y * (size_t)(reps > 0 ? reps : 1) * PC_MAX_KPIS);
	int *draw = malloc(sizeof *draw * (size_t)(reps > 0 ? reps : 1));
	pc_kpi *k = malloc(sizeof *k * PC_MAX_KPIS), *all = malloc(sizeof *all * PC_MAX_KPIS);

	if (!y || !draw || !k || !all) {
		rc = PC_ENOMEM;
		goto out;
	}
	/* y[i * reps + r]: KPI i of replication r. */
	for (int r = 0; r < reps; r++) {
		n = pc_result_kpis_of(res, r, k, PC_MAX_KPIS);
		for (int i = 0; i < n; i++)
			y[(size_t)i * reps + r] = k[i].mean;
		draw[r] = pc_fc_draw_of(res->first + r);
	}
	if (n > max)
		n = max;
	pc_result_kpis(res, all, PC_MAX_KPIS);
	for (int i = 0; i < n && !rc; i++)
		rc = all[i].has_target ? pc_spread_of_target(y + (size_t)i * reps, draw, reps, all[i].target,
						      all[i].target_is_max, all[i].unit, &out[i])
				 : pc_spread_of(y + (size_t)i * reps, draw, reps, &out[i]);
out:
	free(all);
	free(y);
	free(draw);
	free(k);
	return rc ? rc : n;
}
