/* plan_output: the planner's tables (staffing.csv, methods.csv,
 * headcount_vs_kpi.csv, the roster CSVs) and the summary a manager reads,
 * from a finished pc_plan. */
#include "promocap/plan.h"

#include <math.h>
#include <string.h>

#include "csvrow.h"
#include "promocap/sim.h"
#include "promocap/verdict.h"

/* Short column titles of the targets the planner knows. */
static const struct {
	const char *key;
	const char *title;
} target_titles[] = {
	{ "first_response_within", "first resp" },
	{ "refund_only_within", "refund-only" },
	{ "refund_only_handled_within", "ro handled" },
	{ "return_paid_within", "returns paid" },
	{ "supervisor_approval_within", "approvals" },
	{ "all_done_within", "all done" },
	{ "dispute_refund_rate", "disputes" },
};

static const char *target_title(const char *key)
{
	for (size_t j = 0; j < sizeof target_titles / sizeof target_titles[0]; j++)
		if (!strcmp(target_titles[j].key, key))
			return target_titles[j].title;
	return key;
}

const char *pc_plan_method_name(pc_plan_method m)
{
	static const char *const names[PC_PLAN_NMETHODS] = {
		"closed_form", "sipp", "mol", "simulation", "maximum"
	};
	return m < PC_PLAN_NMETHODS ? names[m] : "?";
}

static const char *method_title(int m)
{
	static const char *const titles[PC_PLAN_NMETHODS] = {
		"closed form/day", "Erlang C (SIPP)", "Erlang C (MOL)", "simulation", "maximum"
	};
	return titles[m];
}

/* ---- tables ---- */

/* The header cells of every target: KEY_UNIT, KEY_low, KEY_high and, with
 * met, KEY_met. */
static void target_columns(pc_csvrow *r, const pc_plan *plan, int met)
{
	for (int t = 0; t < plan->ntargets; t++) {
		char name[128];
		const char *u = !strcmp(plan->target[t].unit, "%") ? "pct" : plan->target[t].unit;

		snprintf(name, sizeof name, "%s_%s", plan->target[t].key, u);
		pc_csvrow_text(r, name);
		snprintf(name, sizeof name, "%s_low", plan->target[t].key);
		pc_csvrow_text(r, name);
		snprintf(name, sizeof name, "%s_high", plan->target[t].key);
		pc_csvrow_text(r, name);
		if (met) {
			snprintf(name, sizeof name, "%s_met", plan->target[t].key);
			pc_csvrow_text(r, name);
		}
	}
}

static int done(FILE *out)
{
	return ferror(out) ? PC_EIO : 0;
}

static void clock_text(int sec, char *buf, size_t n)
{
	int min = sec / 60;

	if (min < 0 || min > 24 * 60)
		min = 0;
	snprintf(buf, n, "%02d:%02d", min / 60, min % 60);
}

int pc_plan_write_staffing(const pc_plan *plan, FILE *out)
{
	static const char *const cols[] = {
		"resource", "date", "shift", "start", "end", "headcount", "staff_hours", "utilisation_pct",
		"binding_target", "binding_checked", "held_by_ci", NULL
	};
	const pc_scenario *sc = plan->sc;
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	pc_csvrow r = { out, 0 };

	for (int i = 0; cols[i]; i++)
		pc_csvrow_text(&r, cols[i]);
	pc_csvrow_end(&r);
	for (int q = 0; q < PC_NRES; q++) {
		const pc_staff *st = &sc->staff[q];
		for (int d = 0; d < st->ndays; d++)
			for (int s = 0; s < st->nshifts; s++) {
				int i = d * st->nshifts + s, bind = plan->binding[q][i], t = plan->binding_target[q][i];
				char date[16], a[16], b[16];

				if (bind == PC_PLAN_BIND_NONE)
					continue;
				pc_date_format(sc->day0 + d, date, sizeof date);
				clock_text(st->shift[s].start, a, sizeof a);
				clock_text(st->shift[s].end > PC_DAY ? st->shift[s].end - (int)PC_DAY : st->shift[s].end, b,
					   sizeof b);
				pc_csvrow_text(&r, pc_res_name((pc_res)q));
				pc_csvrow_text(&r, date);
				pc_csvrow_text(&r, st->shift[s].name);
				pc_csvrow_text(&r, a);
				pc_csvrow_text(&r, b);
				pc_csvrow_num(&r, o->headcount[q][i]);
				pc_csvrow_num(&r, plan->staff_hours[q][i]);
				pc_csvrow_num(&r, plan->utilisation[q][i]);
				pc_csvrow_text(&r, bind == PC_PLAN_BIND_MIN ? "min_per_shift" : t >= 0 ? plan->target[t].key : "");
				pc_csvrow_text(&r, bind == PC_PLAN_BIND_REMOVAL ? "yes" : "no");
				pc_csvrow_text(&r, bind == PC_PLAN_BIND_REMOVAL && plan->binding_ci[q][i] ? "yes" : "no");
				pc_csvrow_end(&r);
			}
	}
	return done(out);
}

int pc_plan_write_methods(const pc_plan *plan, FILE *out)
{
	static const char *const cols[] = {
		"method", "staff_hours_agent", "staff_hours_supervisor", "staff_hours_inspector",
		"staff_hours", "cost_cny", "replications", "targets_met", NULL
	};
	pc_csvrow r = { out, 0 };

	for (int i = 0; cols[i]; i++)
		pc_csvrow_text(&r, cols[i]);
	target_columns(&r, plan, 1);
	pc_csvrow_end(&r);
	for (int m = 0; m < PC_PLAN_NMETHODS; m++) {
		const pc_plan_outcome *o = &plan->method[m];
		int met = 0;

		for (int t = 0; t < plan->ntargets; t++)
			met += o->met[t];
		pc_csvrow_text(&r, pc_plan_method_name((pc_plan_method)m));
		for (int q = 0; q < PC_NRES; q++)
			pc_csvrow_num(&r, o->staff_hours[q]);
		pc_csvrow_num(&r, o->staff_hours[0] + o->staff_hours[1] + o->staff_hours[2]);
		pc_csvrow_num(&r, o->cost);
		pc_csvrow_num(&r, o->reps);
		pc_csvrow_num(&r, met);
		for (int t = 0; t < plan->ntargets; t++) {
			pc_csvrow_num(&r, o->mean[t]);
			pc_csvrow_num(&r, o->lo[t]);
			pc_csvrow_num(&r, o->hi[t]);
			pc_csvrow_text(&r, o->met[t] ? "yes" : "no");
		}
		pc_csvrow_end(&r);
	}
	return done(out);
}

int pc_plan_write_curve(const pc_plan *plan, FILE *out)
{
	static const char *const cols[] = {
		"resource", "date", "shift", "headcount", "staff_hours", "replications", "all_met", NULL
	};
	const pc_scenario *sc = plan->sc;
	pc_csvrow r = { out, 0 };
	char date[16];
	int on_date = plan->ncurve > 0 && plan->curve_day_target >= 0;

	for (int i = 0; cols[i]; i++)
		pc_csvrow_text(&r, cols[i]);
	target_columns(&r, plan, 0);
	if (on_date) {
		/* The shift's date alone, beside the plan's worst day. */
		pc_csvrow_text(&r, "first_response_within_on_date_pct");
		pc_csvrow_text(&r, "first_response_within_on_date_low");
		pc_csvrow_text(&r, "first_response_within_on_date_high");
	}
	pc_csvrow_end(&r);
	if (plan->ncurve == 0)
		return done(out);
	pc_date_format(sc->day0 + plan->curve_day, date, sizeof date);
	for (int i = 0; i < plan->ncurve; i++) {
		const pc_plan_point *pt = &plan->curve[i];

		pc_csvrow_text(&r, pc_res_name((pc_res)plan->curve_res));
		pc_csvrow_text(&r, date);
		pc_csvrow_text(&r, sc->staff[plan->curve_res].shift[plan->curve_shift].name);
		pc_csvrow_num(&r, pt->headcount);
		pc_csvrow_num(&r, pt->staff_hours);
		pc_csvrow_num(&r, plan->curve_reps);
		pc_csvrow_text(&r, pt->all_met ? "yes" : "no");
		for (int t = 0; t < plan->ntargets; t++) {
			pc_csvrow_num(&r, pt->mean[t]);
			pc_csvrow_num(&r, pt->lo[t]);
			pc_csvrow_num(&r, pt->hi[t]);
		}
		if (on_date) {
			pc_csvrow_num(&r, pt->day_mean);
			pc_csvrow_num(&r, pt->day_lo);
			pc_csvrow_num(&r, pt->day_hi);
		}
		pc_csvrow_end(&r);
	}
	return done(out);
}

int pc_plan_write_roster(const pc_plan *plan, pc_res q, FILE *out)
{
	const pc_staff *st = &plan->sc->staff[q];
	pc_csvrow r = { out, 0 };

	pc_csvrow_text(&r, "date");
	pc_csvrow_text(&r, "shift");
	pc_csvrow_text(&r, "headcount");
	pc_csvrow_end(&r);
	for (int d = 0; d < st->ndays; d++)
		for (int s = 0; s < st->nshifts; s++) {
			char date[16];

			pc_date_format(plan->sc->day0 + d, date, sizeof date);
			pc_csvrow_text(&r, date);
			pc_csvrow_text(&r, st->shift[s].name);
			pc_csvrow_num(&r, plan->method[PC_PLAN_SEARCH].headcount[q][d * st->nshifts + s]);
			pc_csvrow_end(&r);
		}
	return done(out);
}

/* A KPI value as the summary shows it. */
static void fmt_value(char *buf, size_t n, double v, const char *unit)
{
	if (isnan(v))
		snprintf(buf, n, "n/a");
	else if (!strcmp(unit, "%"))
		snprintf(buf, n, "%.4g%%", v);
	else
		snprintf(buf, n, "%.4g %s", v, unit);
}

/* First response in day or interval d (see pc_plan_day_first_response). */
static int period_first_response(const pc_result *res, int by_interval, int d, double *req, double *mean, double *lo,
				 double *hi)
{
	double x[1024], half = NAN;
	int n = res->reps < 1024 ? res->reps : 1024;

	*mean = *lo = *hi = NAN;
	*req = by_interval ? pc_result_interval_shares(res, n, d, PC_TS_FR_N, PC_TS_FR_WITHIN, x)
			   : pc_result_day_shares(res, n, d, PC_DAY_FR_N, PC_DAY_FR_WITHIN, x);
	if (!(*req > 0))
		return 0;
	pc_stat_ci(x, n, mean, &half);
	*lo = isnan(half) ? *mean : fmax(0, *mean - half);
	*hi = isnan(half) ? *mean : fmin(100, *mean + half);
	return *req >= (by_interval ? pc_result_interval_floor(res, PC_TS_FR_N) : pc_result_day_floor(res, PC_DAY_FR_N));
}

int pc_plan_day_first_response(const pc_result *res, int d, double *req, double *mean, double *lo, double *hi)
{
	return period_first_response(res, 0, d, req, mean, lo, hi);
}

int pc_plan_interval_first_response(const pc_result *res, int k, double *req, double *mean, double *lo, double *hi)
{
	return period_first_response(res, 1, k, req, mean, lo, hi);
}

int pc_plan_worst_period(const pc_result *res, int by_interval, double target, int *judged, int *met, double *mean,
			 double *lo, double *hi)
{
	int nd = !res->reps ? 0 : by_interval ? res->rep[0].nintervals : res->rep[0].ndays, worst = -1;

	*judged = *met = 0;
	*mean = *lo = *hi = NAN;
	for (int d = 0; d < nd; d++) {
		double req, m, l, h;

		if (!period_first_response(res, by_interval, d, &req, &m, &l, &h))
			continue;
		++*judged;
		*met += l >= target - 1e-9;
		if (worst < 0 || l < *lo) {
			worst = d;
			*mean = m;
			*lo = l;
			*hi = h;
		}
	}
	return worst;
}

int pc_plan_write_daily(const pc_plan *plan, FILE *out)
{
	const pc_result *res = &plan->result;
	const pc_scenario *sc = plan->sc;
	int nd = res->reps ? res->rep[0].ndays : 0;

	fputs("date,requests,first_response_pct,first_response_low,first_response_high,target_pct,met\n", out);
	for (int d = 0; d < nd; d++) {
		double req, mean, lo, hi, target = 100 * sc->sla_first_response.share;
		char date[16];
		pc_csvrow row = { out, 0 };
		int judged;

		judged = pc_plan_day_first_response(res, d, &req, &mean, &lo, &hi);
		pc_date_format(sc->day0 + d, date, sizeof date);
		pc_csvrow_text(&row, date);
		pc_csvrow_num(&row, req);
		pc_csvrow_num(&row, mean);
		pc_csvrow_num(&row, lo);
		pc_csvrow_num(&row, hi);
		pc_csvrow_num(&row, sc->sla_first_response.set ? target : NAN);
		pc_csvrow_num(&row, !sc->sla_first_response.set || !judged || isnan(lo) || lo >= target - 1e-9);
		pc_csvrow_end(&row);
	}
	return done(out);
}

void pc_plan_interval_text(const pc_scenario *sc, int k, char *buf, size_t n)
{
	char date[16], a[16], b[16];
	double t0 = k * sc->interval, t1 = fmin((k + 1) * sc->interval, sc->horizon);
	int d = (int)floor(t0 / PC_DAY);

	if (k < 0) {
		snprintf(buf, n, "-");
		return;
	}
	pc_date_format(sc->day0 + d, date, sizeof date);
	clock_text((int)lround(t0 - d * PC_DAY), a, sizeof a);
	clock_text((int)lround(t1 - d * PC_DAY), b, sizeof b);
	snprintf(buf, n, "%s %s-%s", date, a, b);
}

/* The verdict that leads the plan: whether the plan meets every target
 * (or which cannot be met within max_per_shift, by how much, and why),
 * then the verdict of the chosen rosters' full check: each target, the
 * causes computed from it, the staff cost. */
static void plan_verdict(const pc_plan *plan, FILE *out)
{
	const pc_scenario *sc = plan->sc;
	pc_verdict v;

	if (plan->feasible && plan->met)
		fprintf(out, "plan: the rosters below meet every target (full check, %d replications)\n", plan->reps);
	else if (plan->feasible)
		fprintf(out, "plan: the rosters below miss a target on their full check (%d replications; see methods)\n",
			plan->reps);
	else
		fprintf(out, "plan: some targets cannot be met within max_per_shift; the plan meets what the maximum "
			     "attains instead\n");
	if (sc->plan_judged == PC_JUDGED_INTERVAL && sc->sla_first_response.set && plan->result.reps) {
		int n, met, worst;
		double wm, wl, wh;
		char when[64];

		worst = pc_plan_worst_period(&plan->result, 1, 100 * sc->sla_first_response.share, &n, &met, &wm, &wl,
					     &wh);
		pc_plan_interval_text(sc, worst, when, sizeof when);
		if (worst >= 0)
			fprintf(out, "  first response judged per interval: met in %d of %d intervals; worst %s: %.1f%% "
				     "[%.1f%%, %.1f%%]\n",
				met, n, when, wm, wl, wh);
	}
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *x = &plan->target[t];
		char tg[48], v1[48], lo[48], hi[48];
		/* The mean meets it, the CI's worse end does not: short of
		 * the 95% confidence every target is planned with. */
		int mean_ok = x->is_max ? x->max_mean <= x->target + 1e-12 : x->max_mean >= x->target - 1e-12;

		if (x->feasible)
			continue;
		pc_verdict_format(tg, sizeof tg, x->target, x->unit);
		pc_verdict_format(v1, sizeof v1, x->max_mean, x->unit);
		pc_verdict_format(lo, sizeof lo, x->max_lo, x->unit);
		pc_verdict_format(hi, sizeof hi, x->max_hi, x->unit);
		fprintf(out, "  cannot be met%s: %s reaches %s [%s, %s] at the maximum (target %s %s)\n",
			mean_ok ? " with 95% confidence" : "", x->label, v1, lo, hi, x->is_max ? "<=" : ">=", tg);
	}
	if (!plan->feasible)
		for (int q = 0; q < PC_NRES; q++)
			if (plan->off_duty[q] >= 0.005)
				fprintf(out, "  why: %.0f%% of the %s work arrives while no %s shift is on duty: it waits "
					     "for the next shift whatever the headcount\n",
					100 * plan->off_duty[q], pc_res_name((pc_res)q), pc_res_name((pc_res)q));
	if (!plan->result.reps)
		return;
	pc_verdict_compute(&plan->result, &v);
	pc_verdict_write_text(out, &v, NULL);
	(void)sc;
}

int pc_plan_write_summary(const pc_plan *plan, FILE *out)
{
	const pc_scenario *sc = plan->sc;
	const pc_plan_outcome *o = &plan->method[PC_PLAN_SEARCH];
	char v[48], lo[48], hi[48], tg[48];
	int held_ci = 0;

	plan_verdict(plan, out);
	fprintf(out, "\npromocap plan: %s (%s), seed %llu\n", sc->name, sc->file, (unsigned long long)plan->seed);
	fprintf(out, "checks: %d replications (%d while screening), common random numbers\n", plan->reps,
		plan->screen_reps);
	fprintf(out, "\ntargets, and at the maximum (max_per_shift on every shift, %d replications):\n",
		plan->target[0].max_reps);
	for (int t = 0; t < plan->ntargets; t++) {
		const pc_plan_target *x = &plan->target[t];

		fmt_value(tg, sizeof tg, x->target, x->unit);
		fmt_value(v, sizeof v, x->max_mean, x->unit);
		fmt_value(lo, sizeof lo, x->max_lo, x->unit);
		fmt_value(hi, sizeof hi, x->max_hi, x->unit);
		fprintf(out, "  %-48s %s %-8s max %s [%s, %s]", x->label, x->is_max ? "<=" : ">=", tg, v, lo, hi);
		if (x->feasible) {
			fprintf(out, "  attainable\n");
		} else {
			char pl[48];
			fmt_value(pl, sizeof pl, x->planned, x->unit);
			fprintf(out, "  CANNOT BE MET: %.3g points %s at the maximum; planned %s %s\n",
				fabs(x->max_mean - x->target), x->is_max ? "over" : "short", x->is_max ? "<=" : ">=", pl);
		}
	}
	if (sc->sla_first_response.set && plan->result.reps) {
		const pc_result *res = &plan->result;
		int days, met, worst;
		double wm, wl, wh, target = 100 * sc->sla_first_response.share;

		if (sc->plan_judged == PC_JUDGED_INTERVAL) {
			char when[64];

			worst = pc_plan_worst_period(res, 1, target, &days, &met, &wm, &wl, &wh);
			pc_plan_interval_text(sc, worst, when, sizeof when);
			if (worst >= 0)
				fprintf(out, "\nfirst response interval by interval (judged per interval, those with at least %d "
					     "requests): met in %d of %d; worst interval %s: %.1f%% [%.1f%%, %.1f%%]\n",
					PC_DAY_MIN_REQUESTS, met, days, when, wm, wl, wh);
		}
		worst = pc_plan_worst_period(res, 0, target, &days, &met, &wm, &wl, &wh);
		if (worst >= 0) {
			char date[16];

			pc_date_format(sc->day0 + worst, date, sizeof date);
			fprintf(out, "\nfirst response day by day (%s): met on %d of %d days; worst day %s: %.1f%% [%.1f%%, %.1f%%]\n",
				sc->plan_judged == PC_JUDGED_DAY	? "judged per day"
				: sc->plan_judged == PC_JUDGED_INTERVAL ? "shown per day, judged per interval"
									: "judged over the horizon",
				met,
				days, date, wm, wl, wh);
		}
	}
	fprintf(out, "\nstaffing, the simulation-based plan (binding: the target one fewer breaks; "
		     "~ not checked alone; (CI) by its 95%% CI alone):\n");
	fprintf(out, "  %-10s %-10s %-10s %-11s %9s %9s %6s  %s\n", "resource", "date", "shift", "hours",
		"headcount", "staff-h", "util%", "binding");
	for (int q = 0; q < PC_NRES; q++) {
		const pc_staff *st = &sc->staff[q];
		for (int d = 0; d < st->ndays; d++)
			for (int s = 0; s < st->nshifts; s++) {
				int i = d * st->nshifts + s, bind = plan->binding[q][i], t = plan->binding_target[q][i];
				char date[16], a[16], b[16], hours[40], util[16];

				if (bind == PC_PLAN_BIND_NONE)
					continue;
				pc_date_format(sc->day0 + d, date, sizeof date);
				clock_text(st->shift[s].start, a, sizeof a);
				clock_text(st->shift[s].end > PC_DAY ? st->shift[s].end - (int)PC_DAY : st->shift[s].end, b,
					   sizeof b);
				snprintf(hours, sizeof hours, "%s-%s", a, b);
				if (isnan(plan->utilisation[q][i]))
					snprintf(util, sizeof util, "-");
				else
					snprintf(util, sizeof util, "%.1f", plan->utilisation[q][i]);
				fprintf(out, "  %-10s %-10s %-10s %-11s %9d %9.0f %6s  %s%s%s\n", pc_res_name((pc_res)q),
					date, st->shift[s].name, hours, o->headcount[q][i], plan->staff_hours[q][i], util,
					bind == PC_PLAN_BIND_ESTIMATE ? "~" : "",
					bind == PC_PLAN_BIND_MIN ? "min_per_shift" : t >= 0 ? plan->target[t].key : "",
					bind == PC_PLAN_BIND_REMOVAL && plan->binding_ci[q][i] ? " (CI)" : "");
				if (bind == PC_PLAN_BIND_REMOVAL && plan->binding_ci[q][i])
					held_ci++;
			}
	}
	fprintf(out, "  staff-hours: agent %.0f, supervisor %.0f, inspector %.0f, all %.0f; cost %.0f CNY\n",
		o->staff_hours[0], o->staff_hours[1], o->staff_hours[2],
		o->staff_hours[0] + o->staff_hours[1] + o->staff_hours[2], o->cost);
	if (held_ci > 0)
		fprintf(out, "  %d shift%s held by the 95%% CI alone: with one fewer the target is met on average, "
			     "but not with 95%% confidence on %d replications; more (--reps %d) may release %s\n",
			held_ci, held_ci == 1 ? "" : "s", plan->reps, 4 * plan->reps, held_ci == 1 ? "it" : "them");

	fprintf(out, "\nmethods compared (same seed, so the same refunds for every roster; * = target missed):\n");
	fprintf(out, "  %-16s %9s %9s %9s %9s %4s", "method", "agent-h", "superv-h", "insp-h", "all-h", "reps");
	for (int t = 0; t < plan->ntargets; t++)
		fprintf(out, " %12s", target_title(plan->target[t].key));
	fputc('\n', out);
	for (int m = 0; m < PC_PLAN_NMETHODS; m++) {
		const pc_plan_outcome *x = &plan->method[m];

		fprintf(out, "  %-16s %9.0f %9.0f %9.0f %9.0f %4d", method_title(m), x->staff_hours[0],
			x->staff_hours[1], x->staff_hours[2], x->staff_hours[0] + x->staff_hours[1] + x->staff_hours[2],
			x->reps);
		for (int t = 0; t < plan->ntargets; t++) {
			char cellbuf[64];
			fmt_value(v, sizeof v, x->mean[t], plan->target[t].unit);
			snprintf(cellbuf, sizeof cellbuf, "%s%s", x->met[t] ? "" : "*", v);
			fprintf(out, " %12s", cellbuf);
		}
		fputc('\n', out);
	}
	if (plan->ncurve > 0) {
		char date[16];
		const pc_staff *st = &sc->staff[plan->curve_res];
		int on_date = plan->curve_day_target >= 0;
		char title[24];

		pc_date_format(sc->day0 + plan->curve_day, date, sizeof date);
		fprintf(out, "\nbusiest shift: %s %s %s, the rest of the plan unchanged (%d replication%s a point):\n",
			pc_res_name((pc_res)plan->curve_res), date, st->shift[plan->curve_shift].name, plan->curve_reps,
			plan->curve_reps == 1 ? "" : "s");
		fprintf(out, "  %9s %9s", "headcount", "all-h");
		for (int t = 0; t < plan->ntargets; t++)
			fprintf(out, " %12s", target_title(plan->target[t].key));
		/* The shift's own date: the worst day of the plan is often
		 * another, and stays put while this shift grows. */
		snprintf(title, sizeof title, "on %s", date + 5);
		if (on_date)
			fprintf(out, " %10s", title);
		fprintf(out, "  all met (each by its 95%% CI's worse end; the columns are means%s)\n",
			on_date ? ", first response on the plan's worst day, then on the shift's date"
				: plan->sc->plan_judged == PC_JUDGED_DAY ? ", first response on its worst day" : "");
		for (int i = 0; i < plan->ncurve; i++) {
			const pc_plan_point *pt = &plan->curve[i];
			int miss = -1;

			fprintf(out, "  %9d %9.0f", pt->headcount, pt->staff_hours);
			for (int t = 0; t < plan->ntargets; t++) {
				fmt_value(v, sizeof v, pt->mean[t], plan->target[t].unit);
				fprintf(out, " %12s", v);
				if (!pt->met[t] && miss < 0)
					miss = t;
			}
			if (on_date) {
				if (isnan(pt->day_mean))
					snprintf(v, sizeof v, "-");
				else
					fmt_value(v, sizeof v, pt->day_mean, plan->target[plan->curve_day_target].unit);
				fprintf(out, " %10s", v);
			}
			if (pt->all_met || miss < 0) {
				fprintf(out, "  %s\n", pt->all_met ? "yes" : "no");
				continue;
			}
			/* Which target, and its CI's worse end: a mean that looks
			 * like the next point's can miss by its CI. */
			{
				const pc_plan_target *mt = &plan->target[miss];

				fmt_value(v, sizeof v, mt->is_max ? pt->hi[miss] : pt->lo[miss], mt->unit);
				fprintf(out, "  no: %s %s %s\n", target_title(mt->key), mt->is_max ? "high" : "low", v);
			}
		}
	}
	fprintf(out, "\neffort: %d checks, %d replications (search %d of a budget of %d); %d shifts checked "
		     "alone at the end, %d not\n",
		plan->checks, plan->replications, plan->search_replications, plan->budget, plan->single_tested,
		plan->single_untested);
	return done(out);
}
