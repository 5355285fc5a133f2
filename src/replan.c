/* replan: the actuals to date as a run's carry-in, the re-forecast of the
 * remaining demand, and the scenario a re-plan plans (promocap/replan.h). */
#include "promocap/replan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_cdf.h>

#include "csvrow.h"
#include "promocap/result.h"
#include "promocap/staffing.h"

/* What an open refund waits for, as the summary and carry_in.csv name it. */
static const char *const state_name[PC_NSTATES] = {
	"waiting for an agent", "courier (refund only, goods on the way)", "supervisor approval",
	"buyer to ship the return", "return in transit", "awaiting inspection", "awaiting payout"
};
static const char *const state_key[PC_NSTATES] = { "agent", "courier", "supervisor", "buyer",
						    "transit", "inspect", "payout" };

int pc_replan_now(const pc_scenario *sc, const char *text, double *now, pc_error *err)
{
	int bad = 0;
	double t = pc_fit_time(text, &bad);

	if (bad || isnan(t) || strlen(text) <= 10) {
		pc_error_set(err, NULL, 0, "'--now' must be a time YYYY-MM-DD HH:MM, got '%.60s'", text);
		return PC_EINPUT;
	}
	t -= (double)sc->day0 * 86400.0;
	if (t < 0 || t >= sc->horizon) {
		pc_error_set(err, NULL, 0, "'--now' must lie within the scenario, from its start to its horizon, got '%.60s'",
			     text);
		return PC_EINPUT;
	}
	*now = t;
	return 0;
}

/* The files' clock for t seconds from sc's start: "YYYY-MM-DD HH:MM:SS". */
static void clock_text(const pc_scenario *sc, double t, char *buf, size_t n)
{
	time_t s = (time_t)floor((double)sc->day0 * 86400.0 + t);
	struct tm tm;

	if (gmtime_r(&s, &tm))
		strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
	else
		snprintf(buf, n, "%.0f s", t);
}

/* The refund-only path a row without the goods' state takes: from its
 * order's times when known, else the scenario's likeliest refund-only
 * path. */
static int refund_only_path(const pc_scenario *sc, const pc_fit_data *d, const pc_fit_refund *x)
{
	int best = PC_PATH_UNSHIPPED;

	if (x->goods == PC_FG_UNSHIPPED)
		return PC_PATH_UNSHIPPED;
	if (x->goods == PC_FG_IN_TRANSIT)
		return PC_PATH_IN_TRANSIT;
	if (x->goods == PC_FG_RECEIVED)
		return PC_PATH_RECEIVED;
	if (x->order >= 0 && d->has_dispatch) {
		const pc_fit_order *o = &d->order[x->order];
		if (isnan(o->dispatch) || o->dispatch > x->t)
			return PC_PATH_UNSHIPPED;
		if (d->has_delivered && !isnan(o->delivered) && o->delivered <= x->t)
			return PC_PATH_RECEIVED;
		return PC_PATH_IN_TRANSIT;
	}
	for (int p = PC_PATH_IN_TRANSIT; p <= PC_PATH_RECEIVED; p++)
		if (sc->path_mix[p] > sc->path_mix[best])
			best = p;
	return best;
}

/* The stage an open refund waits in at now, from its times and status.
 * A row whose status is final (a log exported after now) says nothing of
 * the shop's answer: a request younger than the first-response target
 * (30 min without one) still waits for it; an older one was answered, and
 * waits for the buyer (a return not yet shipped), the courier (refund
 * only, goods not received: on the way, or an interception that failed) or
 * a supervisor's approval (refund only, goods received: an amount above
 * the agent's authority), as 退款处理中 says in an export at now. */
static void stage(const pc_scenario *sc, const pc_fit_data *d, const pc_fit_refund *x, double now,
		  pc_carry_item *c)
{
	double answer = sc->sla_first_response.set ? sc->sla_first_response.within : 1800.0;
	int answered = x->status != 0 && now - x->t >= answer;

	c->t_stage = c->t_shipped = NAN;
	if (x->type == 1) {
		c->path = PC_PATH_RETURN;
		if (!isnan(x->warehouse) && x->warehouse <= now) {
			c->state = PC_ST_INSPECT;
			c->t_stage = x->warehouse;
			c->t_shipped = x->shipped;
		} else if (!isnan(x->shipped) && x->shipped <= now) {
			c->state = PC_ST_TRANSIT;
			c->t_stage = x->shipped;
		} else if (x->wait == PC_FW_RETURNED) {
			c->state = PC_ST_TRANSIT;
		} else if (x->wait == PC_FW_BUYER) {
			c->state = PC_ST_BUYER;
		} else if (x->wait == PC_FW_REFUSED) {
			c->state = PC_ST_AGENT;
			c->refused = 1;
		} else if (!answered) {
			c->state = PC_ST_AGENT;
		} else {
			c->state = PC_ST_BUYER;
		}
		return;
	}
	c->path = (uint8_t)refund_only_path(sc, d, x);
	c->state = PC_ST_AGENT;
	c->refused = x->wait == PC_FW_REFUSED;
	if (c->refused)
		return;
	if (x->wait == PC_FW_PROCESSING || answered)
		c->state = c->path == PC_PATH_RECEIVED ? PC_ST_SUPERVISOR : PC_ST_COURIER;
}

static int by_request(const void *a, const void *b)
{
	const pc_carry_item *x = a, *y = b;

	return (x->t_request > y->t_request) - (x->t_request < y->t_request);
}

int pc_replan_read(pc_replan *rp, const pc_scenario *sc, double now, const char *now_text,
		   const pc_replan_input *in, pc_error *err)
{
	pc_fit_data d;
	pc_fit_input fi;
	int rc;
	size_t n = 0;

	memset(rp, 0, sizeof *rp);
	rp->now = now;
	rp->scale = rp->scale_lo = rp->scale_hi = 1.0;
	rp->carry.start = now;
	snprintf(rp->now_text, sizeof rp->now_text, "%s", now_text ? now_text : "");
	if (!in->refunds)
		return 0;
	rp->has_actuals = 1;
	memset(&fi, 0, sizeof fi);
	fi.refunds = in->refunds;
	fi.orders = in->orders;
	fi.map = in->map;
	fi.gbk = in->gbk;
	fi.from = sc->day0;
	fi.to = sc->day0 + (int64_t)ceil(sc->horizon / 86400.0) - 1;
	if ((rc = pc_fit_read(&d, &fi, err)))
		return rc;
	rp->rows = (long)d.nrefunds;
	rp->item = malloc((d.nrefunds ? d.nrefunds : 1) * sizeof *rp->item);
	if (!rp->item) {
		pc_fit_data_release(&d);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	for (size_t i = 0; i < d.nrefunds; i++) {
		const pc_fit_refund *x = &d.refund[i];
		pc_carry_item *c;

		if (isnan(x->t)) {
			rp->no_time++;
			continue;
		}
		if (x->t > now) {
			char when[40];
			clock_text(sc, x->t, when, sizeof when);
			pc_error_set(err, in->refunds, x->line, "refund requested at '%s', after --now '%s'", when,
				     rp->now_text);
			pc_fit_data_release(&d);
			pc_replan_release(rp);
			return PC_EINPUT;
		}
		if (x->t < 0)
			rp->before_start++;
		else
			rp->requests++;
		/* Ended by now: its end time, or a final status without one. */
		if ((!isnan(x->end) && x->end <= now) || (x->status != 0 && isnan(x->end))) {
			rp->ended++;
			continue;
		}
		c = &rp->item[n++];
		memset(c, 0, sizeof *c);
		c->t_request = x->t;
		c->escalated = x->escalated;
		c->claim = x->after;
		stage(sc, &d, x, now, c);
	}
	pc_fit_data_release(&d);
	qsort(rp->item, n, sizeof *rp->item, by_request);
	rp->carry.n = n;
	rp->carry.item = rp->item;
	for (size_t i = 0; i < n; i++) {
		const pc_carry_item *c = &rp->item[i];
		double age = now - c->t_request;

		rp->by_state[c->state]++;
		rp->escalated += c->escalated;
		rp->claims += c->claim;
		rp->refused += c->refused;
		if (age > rp->oldest_age)
			rp->oldest_age = age;
		if (c->state != PC_ST_AGENT || c->refused)
			continue;
		if (sc->sla_first_response.set && age > sc->sla_first_response.within)
			rp->past_first_response++;
		if (sc->response_timeout > 0 && age > sc->response_timeout)
			rp->past_timeout++;
		if (sc->escalation_rate > 0 && age > sc->protection_period)
			rp->past_protection++;
	}
	return 0;
}

int pc_replan_forecast(pc_replan *rp, const pc_scenario *sc, uint64_t seed, int reps, int threads,
		       pc_error *err)
{
	pc_result res;
	double *x;
	int rc;

	if (rp->now <= 0)
		return 0;
	if ((rc = pc_run(sc, seed, reps, threads, &res, err)))
		return rc;
	if (!(x = malloc((size_t)reps * sizeof *x))) {
		pc_result_release(&res);
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	/* Requests that arrived before now: whole intervals, and the share of
	 * the one now falls in. */
	for (int r = 0; r < reps; r++) {
		const pc_rep *rep = &res.rep[r];
		double sum = 0;
		for (int k = 0; k < rep->nintervals; k++) {
			const double *row = rep->series + (size_t)k * PC_TS_NCOLS;
			double t0 = k * sc->interval, share = fmin(1.0, (rp->now - t0) / sc->interval);
			if (share <= 0)
				break;
			for (int p = 0; p < PC_NPATHS; p++)
				sum += share * row[PC_TS_ARRIVE_P1 + p];
		}
		x[r] = sum;
	}
	pc_stat_ci(x, reps, &rp->expected, &rp->expected_half);
	free(x);
	pc_result_release(&res);
	rp->forecast_reps = reps;
	if (!rp->has_actuals || !(rp->expected > 0))
		return 0;
	/* The actual count is Poisson with mean scale x forecast: the exact
	 * (gamma) 95% interval of its mean, over the forecast, widened on the
	 * log scale by the forecast's own error over its replications (its
	 * standard error, the half-width over 1.96, added in quadrature). */
	{
		double lo = rp->requests > 0 ? pc_cdf_gamma_Pinv(0.025, (double)rp->requests, 1.0) : 0.0;
		double hi = pc_cdf_gamma_Pinv(0.975, (double)rp->requests + 1, 1.0);
		double s = rp->requests > 0 ? rp->requests : 0.5; /* the log's centre for a count of 0 */
		double e = isnan(rp->expected_half) ? 0.0 : rp->expected_half / rp->expected; /* 1.96 x relative SE */
		double up = log(hi / s);

		rp->scale = rp->requests / rp->expected;
		rp->scale_lo = lo > 0 ? s * exp(-sqrt(pow(log(s / lo), 2) + e * e)) / rp->expected : 0.0;
		rp->scale_hi = s * exp(sqrt(up * up + e * e)) / rp->expected;
	}
	rp->scaled = 1;
	return 0;
}

int pc_replan_scenario(pc_replan *rp, const pc_scenario *sc, pc_scenario *out, pc_error *err)
{
	if (pc_scenario_copy(out, sc)) {
		pc_error_set(err, NULL, 0, "out of memory");
		return PC_ENOMEM;
	}
	if (rp->now <= 0 && rp->carry.n == 0)
		return 0; /* the plan of the scenario itself */
	out->carry = &rp->carry;
	for (int r = 0; r < PC_NSTAFF; r++)
		out->staff[r].planned_from = rp->now;
	if (rp->scaled && rp->scale != 1.0) {
		out->refund_rate *= rp->scale;
		if (out->rate_by_day)
			for (int d = 0; d < out->sales_days; d++)
				out->rate_by_day[d] *= rp->scale;
		if (out->has_arrival_curve)
			for (int k = 0; k < out->arrival_curve.n; k++)
				out->arrival_curve.rate[k] *= rp->scale;
	}
	if (rp->scaled && rp->scale_lo > 0 && !out->has_arrival_curve && !out->rate_by_day &&
	    out->forecast.key[PC_FC_RATE].kind == PC_FC_NONE) {
		/* The scale's uncertainty as a forecast of the rate: lognormal
		 * about the scaled rate, its 95% range the scale's CI's. */
		double sigma = (log(rp->scale_hi) - log(rp->scale_lo)) / (2 * 1.959964);
		char text[160], why[256];

		snprintf(text, sizeof text, "lognormal(mean=%.9g, cv=%.9g)", out->refund_rate, sqrt(expm1(sigma * sigma)));
		if (pc_fc_parse(PC_FC_RATE, text, &out->forecast.key[PC_FC_RATE], why, sizeof why) == 0)
			out->forecast.on = rp->spread = 1;
	}
	return 0;
}

/* "3.5 h" or "2.1 d" for an age in seconds. */
static void age_text(double s, char *buf, size_t n)
{
	if (s >= 2 * 86400.0)
		snprintf(buf, n, "%.1f d", s / 86400.0);
	else
		snprintf(buf, n, "%.1f h", s / 3600.0);
}

/* The shifts on duty at now, costed from now on only (the hours before
 * are past): one line, nothing when none. */
static void in_progress(const pc_replan *rp, const pc_plan *plan, FILE *out)
{
	const pc_scenario *sc = plan->sc;
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	int n = 0;

	if (rp->now <= 0)
		return;
	for (int q = 0; q < PC_NRES; q++) {
		const pc_staff *st = &sc->staff[q];
		if (!o->headcount[q])
			continue;
		for (int d = 0; d < st->ndays; d++)
			for (int s = 0; s < st->nshifts; s++) {
				double t0 = d * 86400.0 + st->shift[s].start, t1 = d * 86400.0 + st->shift[s].end;
				int h = o->headcount[q][d * st->nshifts + s];

				if (!(t0 < rp->now && rp->now < t1) || !pc_staffing_planned(st, sc->horizon, d, s))
					continue;
				fprintf(out, "%s %s %s %d x %.1f of %.1f h", n++ ? ";" : "  shifts in progress at --now, costed from it on:",
					pc_res_name((pc_res)q), st->shift[s].name, h, (fmin(t1, sc->horizon) - rp->now) / 3600.0,
					(fmin(t1, sc->horizon) - t0) / 3600.0);
			}
	}
	if (n)
		fputc('\n', out);
}

int pc_replan_write_summary(const pc_replan *rp, const pc_plan *plan, FILE *out)
{
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	char age[32];
	long open = (long)rp->carry.n;

	fprintf(out, "re-plan at %s: %s; %ld refunds open carried in; remaining demand x%.3g%s\n", rp->now_text,
		plan->feasible && plan->met ? "the plan meets every target" : "the plan MISSES a target", open,
		rp->scale, rp->scaled ? "" : " (not re-forecast)");
	fprintf(out, "  remaining staff cost %.0f CNY\n", o->cost);
	in_progress(rp, plan, out);
	fprintf(out, "\ncarry-in at %s: %ld open refunds\n", rp->now_text, open);
	for (int s = 0; s < PC_NSTATES; s++)
		if (rp->by_state[s])
			fprintf(out, "  %-42s %8ld\n", state_name[s], rp->by_state[s]);
	age_text(rp->oldest_age, age, sizeof age);
	fprintf(out, "  oldest request: %s; escalated (小二介入): %ld; after-sales claims: %ld", open ? age : "none",
		rp->escalated, rp->claims);
	if (rp->refused)
		fprintf(out, "; rejected by the shop, the buyer to ask again (卖家拒绝退款): %ld", rp->refused);
	fputc('\n', out);
	fprintf(out, "  waiting for the shop's answer past the first-response target: %ld", rp->past_first_response);
	if (rp->past_timeout)
		fprintf(out, "; past the seller-response timeout (approved by the platform at once): %ld",
			rp->past_timeout);
	if (rp->past_protection)
		fprintf(out, "; past the protection period: %ld", rp->past_protection);
	fprintf(out, "\n\nre-forecast: ");
	if (!rp->has_actuals)
		fprintf(out, "no actuals given: the scenario's demand as it is\n");
	else if (!rp->scaled)
		fprintf(out, "%ld requests to date, no forecast request before now: the scenario's demand as it is\n",
			rp->requests);
	else
		fprintf(out,
			"%ld refund requests to date against %.0f forecast (+-%.1f, %d replications): actual / "
			"forecast %.3f, 95%% CI [%.3f, %.3f]; the remaining demand is planned at x%.3f\n",
			rp->requests, rp->expected, rp->expected_half, rp->forecast_reps, rp->scale, rp->scale_lo,
			rp->scale_hi, rp->scale);
	if (rp->spread)
		fprintf(out, "  the scale's CI is the refund rate's forecast spread: --confidence P plans for it "
			     "(without, the point scale is planned)\n");
	if (rp->has_actuals)
		fprintf(out, "  actuals: %ld rows, %ld ended by now, %ld requested before the scenario's start, %ld "
			     "without a request time (skipped)\n",
			rp->rows, rp->ended, rp->before_start, rp->no_time);
	return ferror(out) ? -1 : 0;
}

void pc_replan_note(const pc_replan *rp, const char *lang, char *buf, size_t n)
{
	int zh = lang && !strcmp(lang, "zh");
	char sc[96] = "";

	if (rp->scaled)
		snprintf(sc, sizeof sc, zh ? "，剩余需求按实际/预测 %.3f 倍（95%% CI %.3f-%.3f）" :
			 "; the remaining demand at %.3f x the forecast (actual / forecast, 95%% CI %.3f-%.3f)",
			 rp->scale, rp->scale_lo, rp->scale_hi);
	if (zh)
		snprintf(buf, n, "%s 起的重新排班：结转未完结退款 %zu 笔（等待客服 %ld 笔，其中 %ld 笔已超首次响应目标）%s。",
			 rp->now_text, rp->carry.n, rp->by_state[PC_ST_AGENT], rp->past_first_response, sc);
	else
		snprintf(buf, n, "Re-plan from %s: %zu open refunds carried in (%ld waiting for an agent, %ld of them past "
			 "the first-response target)%s.",
			 rp->now_text, rp->carry.n, rp->by_state[PC_ST_AGENT], rp->past_first_response, sc);
}

int pc_replan_write_carry(const pc_replan *rp, FILE *out)
{
	pc_csvrow w = { out, 0 };
	double oldest[PC_NSTATES] = { 0 };

	for (size_t i = 0; i < rp->carry.n; i++) {
		const pc_carry_item *c = &rp->item[i];
		if (rp->now - c->t_request > oldest[c->state])
			oldest[c->state] = rp->now - c->t_request;
	}
	pc_csvrow_text(&w, "state");
	pc_csvrow_text(&w, "open");
	pc_csvrow_text(&w, "oldest_age_h");
	pc_csvrow_end(&w);
	for (int s = 0; s < PC_NSTATES; s++) {
		pc_csvrow_text(&w, state_key[s]);
		pc_csvrow_num(&w, (double)rp->by_state[s]);
		pc_csvrow_num(&w, rp->by_state[s] ? oldest[s] / 3600.0 : NAN);
		pc_csvrow_end(&w);
	}
	pc_csvrow_text(&w, "all");
	pc_csvrow_num(&w, (double)rp->carry.n);
	pc_csvrow_num(&w, rp->carry.n ? rp->oldest_age / 3600.0 : NAN);
	pc_csvrow_end(&w);
	return ferror(out) ? -1 : 0;
}

int pc_replan_write_forecast(const pc_replan *rp, FILE *out)
{
	pc_csvrow w = { out, 0 };
	static const char *const head[] = { "now", "actual_requests", "forecast_requests", "forecast_half",
					    "forecast_reps", "scale", "scale_lo", "scale_hi", "scaled",
					    "open", "past_first_response", "past_timeout", "escalated" };

	for (size_t k = 0; k < sizeof head / sizeof *head; k++)
		pc_csvrow_text(&w, head[k]);
	pc_csvrow_end(&w);
	pc_csvrow_text(&w, rp->now_text);
	pc_csvrow_num(&w, rp->has_actuals ? (double)rp->requests : NAN);
	pc_csvrow_num(&w, rp->forecast_reps ? rp->expected : NAN);
	pc_csvrow_num(&w, rp->forecast_reps ? rp->expected_half : NAN);
	pc_csvrow_num(&w, rp->forecast_reps);
	pc_csvrow_num(&w, rp->scale);
	pc_csvrow_num(&w, rp->scale_lo);
	pc_csvrow_num(&w, rp->scale_hi);
	pc_csvrow_num(&w, rp->scaled);
	pc_csvrow_num(&w, (double)rp->carry.n);
	pc_csvrow_num(&w, (double)rp->past_first_response);
	pc_csvrow_num(&w, (double)rp->past_timeout);
	pc_csvrow_num(&w, (double)rp->escalated);
	pc_csvrow_end(&w);
	return ferror(out) ? -1 : 0;
}

void pc_replan_release(pc_replan *rp)
{
	if (!rp)
		return;
	free(rp->item);
	rp->item = NULL;
	rp->carry.item = NULL;
	rp->carry.n = 0;
}
