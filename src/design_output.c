/* design_output: what the planner with shift design (design.c) shows a
 * manager: the summary (verdict, cost, people, what binds, the roster
 * grid), staffing.csv, the per-day service level, the rosters the scenario
 * can load back and the methods side by side. */
#include "promocap/design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"
#include "design_internal.h"
#include "promocap/plan.h"
#include "promocap/sim.h"
#include "promocap/staffing.h"

static const char *const *const who = pc_design_who;

static void clock_text(int m, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d", (m / 60) % 24, m % 60);
}

static const char *pct(double v, char *buf, size_t n)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", v);
	return buf;
}

static void money(double v, char *buf, size_t n)
{
	long long x = llround(v);
	char raw[32];
	size_t len, j = 0;

	snprintf(raw, sizeof raw, "%lld", x < 0 ? -x : x);
	len = strlen(raw);
	if (x < 0 && j + 1 < n)
		buf[j++] = '-';
	for (size_t i = 0; i < len && j + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = raw[i];
	}
	buf[j] = '\0';
}

void pc_design_binding(const pc_design *d, pc_design_bind *b)
{
	memset(b, 0, sizeof *b);
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];
		const pc_shifts_grid *g = &d->sc->plan_patterns[r];

		if (!d->designed[r])
			continue;
		for (int day = 0; day < s->ndays; day++) {
			int people = 0, before = 0;

			for (int p = 0; p < s->npatterns; p++) {
				people += s->count[day * s->npatterns + p];
				if (day)
					before += s->count[(day - 1) * s->npatterns + p];
			}
			b->res = (pc_res)r;
			b->day = s->first + day;
			if (g->max_day && people == g->max_day) {
				b->kind = PC_BIND_CAP;
				b->value = g->max_day;
				return;
			}
			if (g->change > 0 && day && abs(people - before) == g->change) {
				b->kind = PC_BIND_CHANGE;
				b->value = g->change;
				return;
			}
		}
	}
	if (d->fr_raised && d->by_interval && d->worst_interval >= 0) {
		b->kind = PC_BIND_TIGHTEST_INTERVAL;
		b->interval = d->worst_interval;
		b->day = (int)(d->worst_interval * d->dt / PC_DAY);
		return;
	}
	if (d->fr_raised && d->by_day && d->worst_day >= 0) {
		b->kind = PC_BIND_TIGHTEST_DAY;
		b->day = d->worst_day;
		return;
	}
	for (int t = 0; t < d->ntargets; t++)
		if (d->target[t].raised) {
			b->kind = PC_BIND_HORIZON;
			b->target = t;
			return;
		}
	b->kind = pc_design_lowered(d, NULL) ? PC_BIND_LOWERED : PC_BIND_ERLANG;
	b->day = d->by_day && !d->by_interval ? d->worst_day : -1;
}

int pc_design_lowered(const pc_design *d, int *days)
{
	int per_day = (int)lround(PC_DAY / d->dt), n = 0, any = 0;

	for (int day = 0; day < d->ndays; day++) {
		int low = 0;

		for (int r = 0; r < PC_NRES; r++)
			for (int k = day * per_day; d->base_need[r] && k < (day + 1) * per_day && k < d->nint; k++)
				low |= d->need[r][k] < d->base_need[r][k];
		n += low;
		any |= low;
	}
	if (days)
		*days = n;
	return any;
}

/* What binds the design, in words. */
static void binding(const pc_design *d, char *buf, size_t n)
{
	pc_design_bind b;
	char date[16], w[32];

	pc_design_binding(d, &b);
	day_text(d->sc, b.day, date, sizeof date);
	switch (b.kind) {
	case PC_BIND_CAP:
		snprintf(buf, n, "the cap of %d %s a day (reached on %s)", b.value, who[b.res], date);
		break;
	case PC_BIND_CHANGE:
		snprintf(buf, n, "the largest day-to-day change of %d %s (reached on %s)", b.value, who[b.res], date);
		break;
	case PC_BIND_TIGHTEST_DAY:
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		snprintf(buf, n, "first response %.4g%% within %s on %s, the tightest day", d->fr_target, w, date);
		break;
	case PC_BIND_TIGHTEST_INTERVAL: {
		char when[64];

		pc_dist_format_duration(d->fr_within, w, sizeof w);
		pc_plan_interval_text(d->sc, b.interval, when, sizeof when);
		snprintf(buf, n, "first response %.4g%% within %s in %s, the tightest interval", d->fr_target, w, when);
		break;
	}
	case PC_BIND_LOWERED:
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (b.day >= 0 && !isnan(d->day_mean[b.day]))
			snprintf(buf, n,
				 "the checks: Erlang C's requirement lowered while every target held (first response %.4g%% within %s at worst %.4g%%, on %s)",
				 d->fr_target, w, d->day_mean[b.day], date);
		else
			snprintf(buf, n, "the checks: Erlang C's requirement lowered while every target held");
		break;
	case PC_BIND_ERLANG:
		pc_dist_format_duration(d->fr_within, w, sizeof w);
		if (b.day >= 0 && !isnan(d->day_mean[b.day]))
			snprintf(buf, n,
				 "Erlang C's people for each interval's work at its target, as the patterns cover them (no check found a day short; first response %.4g%% within %s at worst %.4g%%, on %s)",
				 d->fr_target, w, d->day_mean[b.day], date);
		else
			snprintf(buf, n,
				 "Erlang C's people for each interval's work at its target, as the patterns cover them (no check found a target short)");
		break;
	default:
		snprintf(buf, n, "%s over the horizon (its misses raised the requirement)", d->target[b.target].label);
	}
}

/* What sent lowering steps back, by day (interval): the last reason of
 * each, commonest first ("what held the requirement up: refund-only
 * requests acted on within 1d on 18 days, first response on 12 days"). */
static void lower_stops(const pc_design *d, FILE *out)
{
	int n[PC_DESIGN_MAX_TARGETS + 2] = { 0 }, any = 0; /* [0] first response, [1] unclear, [2 + t] */

	for (int u = 0; u < d->lower_units; u++) {
		int w = d->lower_why[u];

		if (w == PC_LOWER_WHY_NONE)
			continue;
		n[w == PC_LOWER_WHY_FIRST_RESPONSE ? 0 : w == PC_LOWER_WHY_UNCLEAR ? 1 : 2 + w]++;
		any = 1;
	}
	if (!any)
		return;
	fputs("    what held it up, by the last step sent back:", out);
	for (int first = 1;; first = 0) {
		int best = -1;
		char w[32];

		for (int i = 0; i < PC_DESIGN_MAX_TARGETS + 2; i++)
			if (n[i] > 0 && (best < 0 || n[i] > n[best]))
				best = i;
		if (best < 0)
			break;
		fputs(first ? " " : ", ", out);
		if (best == 0) {
			pc_dist_format_duration(d->fr_within, w, sizeof w);
			fprintf(out, "first response %.4g%% within %s", d->fr_target, w);
		} else if (best == 1) {
			fputs("several targets at once", out);
		} else {
			fputs(d->target[best - 2].label, out);
		}
		fprintf(out, " on %d %s%s", n[best], d->by_interval ? "interval" : "day", n[best] > 1 ? "s" : "");
		n[best] = 0;
	}
	fputc('\n', out);
}

int pc_design_write_summary(const pc_design *d, FILE *out)
{
	const pc_scenario *sc = d->sc;
	char a[32], b[32], c[32], date[16], bind[400];
	int failed = 0, judged = 0;

	for (int day = 0; day < d->ndays; day++)
		if (d->by_day && d->day_requests[day] > 0 && d->day_requests[day] >= d->day_floor) {
			judged++;
			failed += !d->day_met[day];
		}
	fprintf(out, "verdict: %s\n",
		!d->met		 ? "NOT every target can be met: see why below"
		: d->by_interval ? "every target is met in every interval it is judged"
				 : "every target is met on every day it is judged");
	if (d->by_interval && d->worst_interval >= 0) {
		int k = d->worst_interval, nfail, ni = pc_design_intervals_judged(d, &nfail);
		char w[32], when[64];

		pc_dist_format_duration(d->fr_within, w, sizeof w);
		pc_plan_interval_text(sc, k, when, sizeof when);
		fprintf(out,
			"  first response %.4g%% within %s, judged per interval: met in %d of %d intervals; worst %s: %s (95%% CI %s to %s)\n",
			d->fr_target, w, ni - nfail, ni, when, pct(d->int_mean[k], a, sizeof a), pct(d->int_lo[k], b, sizeof b),
			pct(d->int_hi[k], c, sizeof c));
		if (d->worst_day >= 0) {
			day_text(sc, d->worst_day, date, sizeof date);
			fprintf(out, "  first response by day (shown, judged per interval): lowest %s: %s (95%% CI %s to %s)\n",
				date, pct(d->day_mean[d->worst_day], a, sizeof a), pct(d->day_lo[d->worst_day], b, sizeof b),
				pct(d->day_hi[d->worst_day], c, sizeof c));
		}
	} else if (d->by_day) {
		if (d->worst_day >= 0) {
			day_text(sc, d->worst_day, date, sizeof date);
			char w[32];

			pc_dist_format_duration(d->fr_within, w, sizeof w);
			fprintf(out, "  first response %.4g%% within %s: met on %d of %d days; worst day %s: %s (95%% CI %s to %s)\n",
				d->fr_target, w,
				judged - failed, judged, date, pct(d->day_mean[d->worst_day], a, sizeof a),
				pct(d->day_lo[d->worst_day], b, sizeof b), pct(d->day_hi[d->worst_day], c, sizeof c));
		}
	}
	for (int t = 0; t < d->ntargets; t++)
		fprintf(out, "  %s: %s over the horizon (target %s %.4g, 95%% CI %.4g to %.4g)%s\n",
			d->target[t].label, d->target[t].met ? "met" : "NOT met",
			d->target[t].is_max ? "at most" : "at least", d->target[t].target, d->target[t].lo,
			d->target[t].hi,
			d->target[t].given_up ? "; more staff stopped paying, planned for what it attains" : "");
	money(d->cost, a, sizeof a);
	fprintf(out, "  cost: %s CNY for %.0f paid hours of designed shifts", a, d->hours);
	if (d->budget > 0) {
		money(d->budget, b, sizeof b);
		if (d->cost > d->budget + 0.5) {
			money(d->cost - d->budget, c, sizeof c);
			fprintf(out, "; OVER the budget of %s CNY by %s CNY", b, c);
		} else {
			fprintf(out, " (budget %s CNY)", b);
		}
	}
	fputc('\n', out);
	{
		int days;

		if (pc_design_lowered(d, &days) && d->cost_erlang > d->cost + 0.5) {
			money(d->cost_erlang - d->cost, a, sizeof a);
			money(d->cost_erlang, b, sizeof b);
			fprintf(out,
				"  lowered below Erlang C's requirement on %d of %d days, where every target held with room: %s CNY less than covering it (%s CNY); %d lowering check%s\n",
				days, d->ndays, a, b, d->lower_rounds, d->lower_rounds == 1 ? "" : "s");
			lower_stops(d, out);
		}
	}
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];
		int lo = -1, hi = -1, hi_day = 0;

		if (!d->designed[r])
			continue;
		for (int day = 0; day < s->ndays; day++) {
			int people = 0;

			if (s->first + day < 0)
				continue;
			for (int p = 0; p < s->npatterns; p++)
				people += s->count[day * s->npatterns + p];
			if (lo < 0 || people < lo)
				lo = people;
			if (people > hi) {
				hi = people;
				hi_day = s->first + day;
			}
		}
		day_text(sc, hi_day, date, sizeof date);
		fprintf(out, "  %s a day: %d to %d (most on %s), %d shift patterns\n", who[r], lo, hi, date,
			s->npatterns);
		if (s->cost_any > 0 && s->cost > s->cost_any + 0.5) {
			money(s->cost - s->cost_any, a, sizeof a);
			money(s->cost_any, b, sizeof b);
			fprintf(out,
				"    the limit of %d patterns (the grid's 'patterns') costs %s CNY: the cheapest cover with any number costs %s CNY (%d patterns)\n",
				sc->plan_patterns[r].patterns, a, b, s->patterns_any);
		}
	}
	binding(d, bind, sizeof bind);
	fprintf(out, "  binding constraint: %s\n", bind);
	for (int r = 0; r < PC_NRES; r++)
		if (d->designed[r] && sc->staff[r].shrinkage > 0)
			fprintf(out, "  %s shrinkage %.4g%%: paid people are need / (1 - %.4g) on duty\n", who[r],
				100 * sc->staff[r].shrinkage, sc->staff[r].shrinkage);
	for (int r = 0; r < PC_NRES; r++)
		if (d->why[r][0])
			fprintf(out, "  %s: %s\n", d->met ? "note" : "why", d->why[r]);
	{
		int given = 0;
		double lo = INFINITY, hi = -INFINITY;

		for (int day = 0; day < d->ndays; day++)
			if (d->day_given_up[day] && !d->day_met[day]) {
				given++;
				lo = fmin(lo, d->day_mean[day]);
				hi = fmax(hi, d->day_mean[day]);
			}
		if (given)
			fprintf(out,
				"  on %d day%s more agents stopped paying (less than %.2g point of first response per 10 paid hours): planned for what they attain, %s to %s\n",
				given, given > 1 ? "s" : "", d->min_gain, pct(lo, a, sizeof a), pct(hi, b, sizeof b));
		given = 0;
		lo = INFINITY;
		hi = -INFINITY;
		for (int k = 0; d->by_interval && k < d->nint; k++)
			if (d->int_given_up[k] && !d->int_met[k]) {
				given++;
				lo = fmin(lo, d->int_mean[k]);
				hi = fmax(hi, d->int_mean[k]);
			}
		if (given)
			fprintf(out,
				"  in %d interval%s more agents stopped paying (less than %.2g point of first response per 10 paid hours): planned for what they attain, %s to %s\n",
				given, given > 1 ? "s" : "", d->min_gain, pct(lo, a, sizeof a), pct(hi, b, sizeof b));
	}
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];

		if (!d->designed[r])
			continue;
		fprintf(out, "\nroster of %s (paid people per pattern; shifts %s", who[r],
			s->optimal ? "proven cheapest"
				   : "the cheapest found with the patterns allowed or within the solver's time limit");
		if (s->pruned > 0)
			fprintf(out, "; %d little-used pattern%s dropped for at most 0.5%% more", s->pruned,
				s->pruned > 1 ? "s" : "");
		fputs(")\n", out);
		fprintf(out, "%-10s", "date");
		for (int p = 0; p < s->npatterns; p++) {
			char x[8], y[8], col[32];

			clock_text(s->pattern[p].start, x, sizeof x);
			clock_text(s->pattern[p].start + s->pattern[p].length, y, sizeof y);
			snprintf(col, sizeof col, "%s-%s", x, y);
			fprintf(out, " %11s", col);
		}
		fprintf(out, " %7s %12s", "people", "cost CNY");
		if (r == PC_RES_AGENT && d->by_day)
			fprintf(out, " %9s", "1st resp");
		fputc('\n', out);
		for (int day = 0; day < s->ndays; day++) {
			int people = 0;

			for (int p = 0; p < s->npatterns; p++)
				people += s->count[day * s->npatterns + p];
			if (s->first + day < 0 && !people)
				continue;
			people = 0;
			day_text(sc, s->first + day, date, sizeof date);
			fprintf(out, "%-10s", date);
			for (int p = 0; p < s->npatterns; p++) {
				people += s->count[day * s->npatterns + p];
				fprintf(out, " %11d", s->count[day * s->npatterns + p]);
			}
			money(s->day_cost[day], a, sizeof a);
			fprintf(out, " %7d %12s", people, a);
			if (r == PC_RES_AGENT && d->by_day && s->first + day >= 0 && s->first + day < d->ndays)
				fprintf(out, " %8s%s", pct(d->day_mean[s->first + day], b, sizeof b),
					d->day_met[s->first + day] ? " " : "!");
			fputc('\n', out);
		}
		for (int p = 0; p < s->npatterns; p++)
			if (s->pattern[p].brk) {
				char x[8], y[8];

				clock_text(s->pattern[p].start + s->pattern[p].brk_start, x, sizeof x);
				clock_text(s->pattern[p].start + s->pattern[p].brk_start + s->pattern[p].brk, y,
					   sizeof y);
				fprintf(out, "  break of %s: %s-%s\n", s->pattern[p].name, x, y);
			}
	}
	fprintf(out, "\neffort: %d round%s, %d lowering check%s, %d replications (%d a check)\n", d->rounds_used,
		d->rounds_used == 1 ? "" : "s", d->lower_rounds, d->lower_rounds == 1 ? "" : "s", d->replications,
		d->reps);
	return ferror(out) ? PC_EIO : 0;
}

int pc_design_write_staffing(const pc_design *d, FILE *out)
{
	pc_csvrow row;

	fputs("resource,date,pattern,start,end,break_start,break_end,paid_people,on_duty_people,paid_hours,cost_cny\n",
	      out);
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];

		if (!d->designed[r])
			continue;
		for (int day = 0; day < s->ndays; day++)
			for (int p = 0; p < s->npatterns; p++) {
				const pc_shifts_pattern *pt = &s->pattern[p];
				int c = s->count[day * s->npatterns + p];
				char date[16], x[8], y[8], bx[8] = "", by[8] = "";
				double eff = c * (1 - d->sc->staff[r].shrinkage);

				if (!c)
					continue;
				day_text(d->sc, s->first + day, date, sizeof date);
				clock_text(pt->start, x, sizeof x);
				clock_text(pt->start + pt->length, y, sizeof y);
				if (pt->brk) {
					clock_text(pt->start + pt->brk_start, bx, sizeof bx);
					clock_text(pt->start + pt->brk_start + pt->brk, by, sizeof by);
				}
				row = (pc_csvrow){ out, 0 };
				pc_csvrow_text(&row, pc_res_name((pc_res)r));
				pc_csvrow_text(&row, date);
				pc_csvrow_text(&row, pt->name);
				pc_csvrow_text(&row, x);
				pc_csvrow_text(&row, y);
				pc_csvrow_text(&row, bx);
				pc_csvrow_text(&row, by);
				pc_csvrow_num(&row, c);
				pc_csvrow_num(&row, eff);
				pc_csvrow_num(&row, c * pt->length / 60.0);
				{
					double unit = s->day_hours[day] > 0 ? s->day_cost[day] / s->day_hours[day] : 0;
					pc_csvrow_num(&row, c * pt->length / 60.0 * unit);
				}
				pc_csvrow_end(&row);
			}
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_design_write_daily(const pc_design *d, FILE *out)
{
	pc_csvrow row;

	fputs("date,requests,first_response_pct,first_response_low,first_response_high,target_pct,met\n", out);
	for (int day = 0; day < d->ndays; day++) {
		char date[16];

		day_text(d->sc, day, date, sizeof date);
		row = (pc_csvrow){ out, 0 };
		pc_csvrow_text(&row, date);
		pc_csvrow_num(&row, d->day_requests[day]);
		pc_csvrow_num(&row, d->day_mean[day]);
		pc_csvrow_num(&row, d->day_lo[day]);
		pc_csvrow_num(&row, d->day_hi[day]);
		pc_csvrow_num(&row, d->fr_target);
		pc_csvrow_num(&row, d->day_met[day]);
		pc_csvrow_end(&row);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_design_write_roster(const pc_design *d, pc_res r, FILE *out)
{
	const pc_shifts_design *s = &d->shifts[r];

	fputs("date,shift,headcount\n", out);
	for (int day = -s->first; d->designed[r] && day < s->ndays; day++)
		for (int p = 0; p < s->npatterns; p++) {
			char date[16];

			day_text(d->sc, s->first + day, date, sizeof date);
			fprintf(out, "%s,%s,%d\n", date, s->pattern[p].name, s->count[day * s->npatterns + p]);
		}
	return ferror(out) ? PC_EIO : 0;
}

int pc_design_write_ini(const pc_design *d, FILE *out)
{
	fputs("; the designed shifts, to paste into the scenario (each roster CSV beside it);\n"
	      "; a loaded roster puts every paid person on duty for the whole shift (no break,\n"
	      "; no shrinkage), and a shift of the evening before the first day is left out\n",
	      out);
	for (int r = 0; r < PC_NRES; r++) {
		const pc_shifts_design *s = &d->shifts[r];

		if (!d->designed[r] || !s->npatterns)
			continue;
		fprintf(out, "[staff.%s]\nshifts = ", pc_res_name((pc_res)r));
		for (int p = 0; p < s->npatterns; p++) {
			char x[8], y[8];

			clock_text(s->pattern[p].start, x, sizeof x);
			clock_text(s->pattern[p].start + s->pattern[p].length, y, sizeof y);
			fprintf(out, "%s%s %s-%s", p ? ", " : "", s->pattern[p].name, x, y);
		}
		fprintf(out, "\nroster = roster_%s.csv\n", pc_res_name((pc_res)r));
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_design_write_methods(const pc_design *d, FILE *out)
{
	fputs("resource,method,on_duty_hours,paid_hours,cost_cny\n", out);
	for (int r = 0; r < PC_NRES; r++) {
		double erl = 0, need = 0, s = d->sc->staff[r].shrinkage;
		pc_csvrow row;

		if (!d->designed[r])
			continue;
		for (int k = 0; k < d->nint; k++) {
			double len = fmin(d->dt, d->sc->horizon - k * d->dt) / PC_HOUR;

			erl += d->erlang[r][k] * len;
			need += d->need[r][k] * len;
		}
		row = (pc_csvrow){ out, 0 };
		pc_csvrow_text(&row, pc_res_name((pc_res)r));
		pc_csvrow_text(&row, "erlang_c_mol");
		pc_csvrow_num(&row, erl);
		pc_csvrow_num(&row, erl / (1 - s));
		pc_csvrow_num(&row, NAN);
		pc_csvrow_end(&row);
		row = (pc_csvrow){ out, 0 };
		pc_csvrow_text(&row, pc_res_name((pc_res)r));
		pc_csvrow_text(&row, "requirement_checked");
		pc_csvrow_num(&row, need);
		pc_csvrow_num(&row, need / (1 - s));
		pc_csvrow_num(&row, NAN);
		pc_csvrow_end(&row);
		row = (pc_csvrow){ out, 0 };
		pc_csvrow_text(&row, pc_res_name((pc_res)r));
		pc_csvrow_text(&row, "designed_shifts");
		pc_csvrow_num(&row, NAN);
		pc_csvrow_num(&row, d->shifts[r].hours);
		pc_csvrow_num(&row, d->shifts[r].cost);
		pc_csvrow_end(&row);
	}
	return ferror(out) ? PC_EIO : 0;
}
