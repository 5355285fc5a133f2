/* output: CSV tables of a run (libcsv quotes every text field) and the
 * summary a manager reads.  Column names carry their units. */
#include "promocap/output.h"
#include "promocap/charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvrow.h"
#include "forecast_output.h"
#include "text.h"

const pc_output_table pc_output_tables[] = {
	{ "kpis.csv", pc_output_kpis, "every KPI: mean, 95% CI, target, met" },
	{ "daily.csv", pc_output_daily, "per day: arrivals, completions, first response, escalations, backlog, staff-hours, utilisation" },
	{ "intervals.csv", pc_output_intervals, "per interval: orders, arrivals by path, backlog by state, staff on duty, utilisation" },
	{ "sla.csv", pc_output_sla, "share of refunds completed within t, per path and all, with 95% band" },
	{ "segments.csv", pc_output_segments, "the five return-refund segments: mean, CI, p50, p90" },
	{ "first_response.csv", pc_output_first_response, "share of requests answered within t minutes" },
	{ "scenario.csv", pc_charts_scenario, "the scenario's figures the charts need: dates, deadlines, targets, baseline" },
	{ "shifts.csv", pc_charts_shifts, "per resource, shift and day: headcount, staff-hours, utilisation" },
	{ "scorecard.csv", pc_output_scorecard, "the shop's rolling 30-day metrics day by day, as the platform shows them, with the level outside the promotion" },
	{ "peaks.csv", pc_output_peaks, "peak days of refund requests and escalations, protection period and processing cycle from the request peak" },
	{ NULL, NULL, NULL }
};

int pc_output_csv_text(FILE *out, const char *text)
{
	return pc_csvrow_write_text(out, text);
}

/* The header row: the column names, one text cell each. */
static void header(FILE *out, const char *const *names)
{
	pc_csvrow r = { out, 0 };

	for (; *names; names++)
		pc_csvrow_text(&r, *names);
	pc_csvrow_end(&r);
}

static int done(FILE *out)
{
	return ferror(out) ? PC_EIO : 0;
}

static void datetime(const pc_scenario *sc, double t, char *buf, size_t n)
{
	char date[16];
	int64_t day = (int64_t)floor(t / PC_DAY);
	int min = (int)floor((t - day * PC_DAY) / 60 + 1e-6);

	pc_date_format(sc->day0 + day, date, sizeof date);
	snprintf(buf, n, "%s %02d:%02d", date, min / 60, min % 60);
}

static double sum4(const double *x)
{
	return x[0] + x[1] + x[2] + x[3];
}

int pc_output_kpis(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"kpi", "label", "unit", "mean", "ci95_low", "ci95_high", "replications",
		"target", "target_kind", "met", NULL
	};
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);
	pc_csvrow r = { out, 0 };
	pc_spread *s = NULL;

	if (res->sc->forecast.on) {
		/* With forecasts: the spread columns after the others. */
		if (!(s = malloc(sizeof *s * PC_MAX_KPIS)) || pc_result_spread(res, s, PC_MAX_KPIS) < n) {
			free(s);
			return PC_ENOMEM;
		}
		for (const char *const *c = cols; *c; c++)
			pc_csvrow_text(&r, *c);
		for (const char *const *c = pc_output_spread_columns; *c; c++)
			pc_csvrow_text(&r, *c);
		pc_csvrow_end(&r);
	} else {
		header(out, cols);
	}
	for (int i = 0; i < n; i++) {
		pc_csvrow_text(&r, k[i].key);
		pc_csvrow_text(&r, k[i].label);
		pc_csvrow_text(&r, k[i].unit);
		pc_csvrow_num(&r, k[i].mean);
		pc_csvrow_num(&r, k[i].lo);
		pc_csvrow_num(&r, k[i].hi);
		pc_csvrow_num(&r, k[i].n);
		pc_csvrow_num(&r, k[i].has_target ? k[i].target : NAN);
		pc_csvrow_text(&r, !k[i].has_target ? "" : k[i].target_is_max ? "at most" : "at least");
		pc_csvrow_text(&r, !k[i].has_target ? "" : k[i].met ? "yes" : "no");
		if (s)
			pc_output_spread_cells(&r, &s[i]);
		pc_csvrow_end(&r);
	}
	free(s);
	return done(out);
}

/* Mean over replications of column c of a per-row table. */
static double rep_mean(const pc_result *res, int series, size_t row_i, int c)
{
	double s = 0;

	for (int r = 0; r < res->reps; r++) {
		const pc_rep *p = &res->rep[r];
		const double *base = series ? p->series + row_i * PC_TS_NCOLS : p->daily + row_i * PC_DAY_NCOLS;
		s += base[c];
	}
	return s / res->reps;
}

const pc_output_table pc_output_forecast_table = {
	"forecast.csv", pc_output_forecast,
	"with forecast distributions: each replication's forecast draw (the keys drawn, the refunds they give) and its refund requests"
};

int pc_output_forecast(const pc_result *res, FILE *out)
{
	static const char *const unit[PC_NFC] = { "cny", "cny", "pct", "pct", "pct", "pct", "pct" };
	pc_csvrow r = { out, 0 };
	char name[64];

	pc_csvrow_text(&r, "replication");
	pc_csvrow_text(&r, "draw");
	for (int k = 0; k < PC_NFC; k++) {
		snprintf(name, sizeof name, "%s_%s", pc_fc_key_name((pc_fc_key)k), unit[k]);
		pc_csvrow_text(&r, name);
	}
	pc_csvrow_text(&r, "refunds_expected");
	pc_csvrow_text(&r, "refund_requests");
	pc_csvrow_end(&r);
	for (int i = 0; i < res->reps; i++) {
		const pc_rep *p = &res->rep[i];
		double arrived = 0;

		pc_csvrow_num(&r, res->first + i + 1);
		pc_csvrow_num(&r, p->fc_draw + 1);
		for (int k = 0; k < PC_NFC; k++)
			pc_csvrow_num(&r, unit[k][0] == 'p' ? 100 * p->fc[k] : p->fc[k]);
		pc_csvrow_num(&r, pc_fc_refunds(p->fc));
		for (int q = 0; q < PC_NPATHS; q++)
			arrived += p->arrived[q];
		pc_csvrow_num(&r, arrived);
		pc_csvrow_end(&r);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_output_daily(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"date", "refund_requests", "after_sales_requests", "refunds_finished",
		"first_response_within_target_pct", "escalations", "disputes", "automatic_approvals",
		"requests_unshipped", "requests_in_transit", "requests_received_no_return",
		"requests_return", "after_sales_claims", "refund_only_handled_within_target_pct",
		"open_refunds_end_of_day", "staff_hours_agent", "staff_hours_supervisor",
		"staff_hours_inspector", "utilisation_agent_pct", "utilisation_supervisor_pct",
		"utilisation_inspector_pct", NULL
	};
	const pc_scenario *sc = res->sc;
	const pc_rep *p0 = &res->rep[0];
	int per_day = (int)llround(PC_DAY / sc->interval);
	pc_csvrow r = { out, 0 };

	header(out, cols);
	for (int d = 0; d < p0->ndays; d++) {
		char date[16];
		double fr_n = 0, fr_in = 0, cap[PC_NRES] = { 0 }, busy[PC_NRES] = { 0 };
		int last = (d + 1) * per_day - 1;

		if (last >= p0->nintervals)
			last = p0->nintervals - 1;
		for (int i = 0; i < res->reps; i++) {
			fr_n += res->rep[i].daily[(size_t)d * PC_DAY_NCOLS + PC_DAY_FR_N];
			fr_in += res->rep[i].daily[(size_t)d * PC_DAY_NCOLS + PC_DAY_FR_WITHIN];
		}
		for (int k = d * per_day; k <= last; k++) {
			double len = fmin(sc->interval, sc->horizon - k * sc->interval);
			for (int q = 0; q < PC_NRES; q++) {
				cap[q] += rep_mean(res, 1, (size_t)k, PC_TS_STAFF0 + q) * len;
				busy[q] += rep_mean(res, 1, (size_t)k, PC_TS_BUSY0 + q) * len;
			}
		}
		pc_date_format(sc->day0 + d, date, sizeof date);
		pc_csvrow_text(&r, date);
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_ARRIVED));
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_AS_ARRIVED));
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_FINISHED));
		pc_csvrow_num(&r, fr_n > 0 ? 100 * fr_in / fr_n : NAN);
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_ESCALATED));
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_DISPUTES));
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_AUTO_APPROVED));
		for (int q = 0; q < PC_NPATHS; q++)
			pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_ARRIVED_P1 + q));
		pc_csvrow_num(&r, rep_mean(res, 0, (size_t)d, PC_DAY_CLAIMS));
		{
			double n = rep_mean(res, 0, (size_t)d, PC_DAY_HO_N);
			pc_csvrow_num(&r, n > 0 ? 100 * rep_mean(res, 0, (size_t)d, PC_DAY_HO_WITHIN) / n : NAN);
		}
		{
			double open = 0;
			for (int s = 0; s < PC_NSTATES; s++)
				open += rep_mean(res, 1, (size_t)last, PC_TS_BACKLOG0 + s);
			pc_csvrow_num(&r, open);
		}
		for (int q = 0; q < PC_NRES; q++)
			pc_csvrow_num(&r, cap[q] / 3600);
		for (int q = 0; q < PC_NRES; q++)
			pc_csvrow_num(&r, cap[q] > 0 ? 100 * busy[q] / cap[q] : NAN);
		pc_csvrow_end(&r);
	}
	return done(out);
}

/* The rolling 30-day metrics of day d in replication p [000]: each a sum
 * over the window d-29 .. d of the promotion's figures (paid orders of the
 * sales days; refunds by request day; completions by completion day) and
 * 30 days of the shop's level outside the promotion ([scorecard]). */
static void scorecard_day(const pc_scenario *sc, const pc_rep *p, int d, double out[4])
{
	double b = sc->score_orders_per_day * 30, orders = b;
	double quality = b * sc->score_quality_rate, disputes = b * sc->score_dispute_rate;
	double ro_n = 30 * sc->score_ro_per_day, ro_sum = ro_n * sc->score_ro_time;
	double rr_n = 30 * sc->score_rr_per_day, rr_sum = rr_n * sc->score_rr_time;

	for (int w = d - 29 < 0 ? 0 : d - 29; w <= d; w++) {
		const double *row = p->daily + (size_t)w * PC_DAY_NCOLS;
		if (w < sc->sales_days && !sc->has_arrival_curve)
			orders += sc->gmv / sc->aov * sc->daily_share[w];
		quality += row[PC_DAY_QUALITY];
		disputes += row[PC_DAY_DISPUTES];
		ro_n += row[PC_DAY_RO_DONE];
		ro_sum += row[PC_DAY_RO_SUM];
		rr_n += row[PC_DAY_RR_DONE];
		rr_sum += row[PC_DAY_RR_SUM];
	}
	if (sc->has_arrival_curve)
		orders += p->orders * fmin(d + 1, 30) / fmax(1, p->ndays); /* no order days: spread */
	out[0] = orders > 0 ? 100 * quality / orders : NAN;
	out[1] = ro_n > 0 ? ro_sum / ro_n / 3600 : NAN;
	out[2] = rr_n > 0 ? rr_sum / rr_n / 3600 : NAN;
	out[3] = orders > 0 ? 100 * disputes / orders : NAN;
}

int pc_output_scorecard(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"date", "product_experience_refund_rate_pct", "refund_only_completion_h",
		"return_refund_completion_h", "dispute_refund_rate_pct", NULL
	};
	const pc_scenario *sc = res->sc;
	pc_csvrow r = { out, 0 };

	header(out, cols);
	for (int d = 0; d < res->rep[0].ndays; d++) {
		char date[16];
		double sum[4] = { 0 }, v[4];
		int n[4] = { 0 };

		for (int i = 0; i < res->reps; i++) {
			scorecard_day(sc, &res->rep[i], d, v);
			for (int c = 0; c < 4; c++)
				if (!isnan(v[c])) {
					sum[c] += v[c];
					n[c]++;
				}
		}
		pc_date_format(sc->day0 + d, date, sizeof date);
		pc_csvrow_text(&r, date);
		for (int c = 0; c < 4; c++)
			pc_csvrow_num(&r, n[c] ? sum[c] / n[c] : NAN);
		pc_csvrow_end(&r);
	}
	return done(out);
}

/* Expected orders in [a, b) from the order curve (N * daily * hourly). */
static double orders_between(const pc_scenario *sc, double a, double b)
{
	double n = sc->gmv / sc->aov, s = 0;

	for (int h = (int)floor(a / PC_HOUR); h * PC_HOUR < b; h++) {
		int d = h / 24;
		double lo = fmax(a, h * PC_HOUR), hi = fmin(b, (h + 1) * PC_HOUR);
		if (d >= sc->sales_days)
			break;
		s += n * sc->daily_share[d] * sc->hourly_share[h % 24] * (hi - lo) / PC_HOUR;
	}
	return s;
}

int pc_output_intervals(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"start", "hours_from_start", "orders_expected",
		"arrivals_unshipped", "arrivals_in_transit", "arrivals_received_no_return",
		"arrivals_return", "arrivals_after_sales", "refunds_finished",
		"backlog_agent", "backlog_courier", "backlog_supervisor", "backlog_buyer",
		"backlog_transit", "backlog_inspection", "backlog_payout",
		"after_sales_open", "escalated_open",
		"staff_agent", "staff_supervisor", "staff_inspector",
		"busy_agent", "busy_supervisor", "busy_inspector",
		"utilisation_agent_pct", "utilisation_supervisor_pct", "utilisation_inspector_pct",
		"tasks_offered_agent", "tasks_offered_supervisor", "tasks_offered_inspector",
		"offered_load_agent", "offered_load_supervisor", "offered_load_inspector",
		NULL
	};
	const pc_scenario *sc = res->sc;
	const pc_rep *p0 = &res->rep[0];
	pc_csvrow r = { out, 0 };

	header(out, cols);
	for (int k = 0; k < p0->nintervals; k++) {
		char when[32];
		double t = k * sc->interval;

		datetime(sc, t, when, sizeof when);
		pc_csvrow_text(&r, when);
		pc_csvrow_num(&r, t / 3600);
		pc_csvrow_num(&r, orders_between(sc, t, fmin(t + sc->interval, sc->horizon)));
		for (int c = PC_TS_ARRIVE_P1; c < PC_TS_STAFF0; c++)
			pc_csvrow_num(&r, rep_mean(res, 1, (size_t)k, c));
		for (int c = PC_TS_STAFF0; c < PC_TS_BUSY0 + PC_NRES; c++)
			pc_csvrow_num(&r, rep_mean(res, 1, (size_t)k, c));
		for (int q = 0; q < PC_NRES; q++) {
			double cap = rep_mean(res, 1, (size_t)k, PC_TS_STAFF0 + q);
			double busy = rep_mean(res, 1, (size_t)k, PC_TS_BUSY0 + q);
			pc_csvrow_num(&r, cap > 0 ? 100 * busy / cap : NAN);
		}
		for (int q = 0; q < PC_NRES; q++)
			pc_csvrow_num(&r, rep_mean(res, 1, (size_t)k, PC_TS_OFFER0 + q));
		/* Offered load in erlangs: the work that joined the queue in the
		 * interval over the interval's length. */
		for (int q = 0; q < PC_NRES; q++)
			pc_csvrow_num(&r, rep_mean(res, 1, (size_t)k, PC_TS_WORK0 + q) /
					     fmin(sc->interval, sc->horizon - t));
		pc_csvrow_end(&r);
	}
	return done(out);
}

/* Writes mean, low and high of x[0..reps) (NaN skipped). */
static void cells_ci(pc_csvrow *r, const double *x, int n)
{
	double mean, half;

	pc_stat_ci(x, n, &mean, &half);
	pc_csvrow_num(r, mean);
	pc_csvrow_num(r, mean - half);
	pc_csvrow_num(r, mean + half);
}

/* cells_ci for a share in %: the interval cut to [0, 100], as with two
 * replications the t quantile (12.7) would stretch it far outside. */
static void cells_ci_share(pc_csvrow *r, const double *x, int n)
{
	double mean, half;

	pc_stat_ci(x, n, &mean, &half);
	pc_csvrow_num(r, mean);
	pc_csvrow_num(r, fmax(mean - half, 0.0));
	pc_csvrow_num(r, fmin(mean + half, 100.0));
}

int pc_output_sla(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"hours", "unshipped_pct", "unshipped_low", "unshipped_high",
		"in_transit_pct", "in_transit_low", "in_transit_high",
		"received_no_return_pct", "received_no_return_low", "received_no_return_high",
		"return_pct", "return_low", "return_high", "all_pct", "all_low", "all_high", NULL
	};
	int nrows = (int)fmin(PC_SLA_BINS - 1, floor(res->sc->horizon / PC_SLA_BIN));
	double *cum = calloc((size_t)res->reps * PC_NCURVES, sizeof *cum);
	double *x = calloc((size_t)res->reps, sizeof *x);
	pc_csvrow r = { out, 0 };

	if (!cum || !x) {
		free(cum);
		free(x);
		return PC_ENOMEM;
	}
	header(out, cols);
	for (int k = 1; k <= nrows; k++) {
		pc_csvrow_num(&r, k * PC_SLA_BIN / 3600);
		for (int c = 0; c < PC_NCURVES; c++) {
			for (int i = 0; i < res->reps; i++) {
				const pc_rep *p = &res->rep[i];
				double arrived = c < PC_NPATHS ? p->arrived[c] : sum4(p->arrived);
				cum[i * PC_NCURVES + c] += p->sla[c][k - 1];
				x[i] = arrived > 0 ? 100 * cum[i * PC_NCURVES + c] / arrived : NAN;
			}
			cells_ci_share(&r, x, res->reps);
		}
		pc_csvrow_end(&r);
	}
	free(cum);
	free(x);
	return done(out);
}

/* The q-quantile of a segment histogram (pc_seg_bin), linear within a
 * bin. */
static double seg_quantile(const double *h, double q)
{
	double total = 0, acc = 0, w;

	for (int i = 0; i < PC_SEG_BINS; i++)
		total += h[i];
	if (total <= 0)
		return NAN;
	for (int i = 0; i < PC_SEG_BINS; i++) {
		if (acc + h[i] >= q * total && h[i] > 0) {
			double lo = pc_seg_bin_lo(i, &w);

			return lo + (q * total - acc) / h[i] * w;
		}
		acc += h[i];
	}
	return pc_seg_bin_lo(PC_SEG_BINS - 1, &w) + w;
}

int pc_output_segments(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"segment", "name_zh", "actor", "controllable", "mean_hours", "ci95_low_hours",
		"ci95_high_hours", "p50_hours", "p90_hours", "count_per_replication", NULL
	};
	static const char *const name[PC_NSEGMENTS] = {
		"agreement", "buyer_ships", "transit", "inspection", "payout"
	};
	static const char *const zh[PC_NSEGMENTS] = { "退款同意", "商品邮寄", "退款在途", "验货", "退款" };
	static const char *const actor[PC_NSEGMENTS] = { "agent", "buyer", "courier", "inspector", "agent" };
	static const int control[PC_NSEGMENTS] = { 1, 0, 0, 1, 1 };
	double *x = calloc((size_t)res->reps, sizeof *x);
	double *pool = calloc(PC_SEG_BINS, sizeof *pool);
	pc_csvrow r = { out, 0 };

	if (!x || !pool) {
		free(x);
		free(pool);
		return PC_ENOMEM;
	}
	header(out, cols);
	for (int s = 0; s < PC_NSEGMENTS; s++) {
		double count = 0;

		memset(pool, 0, PC_SEG_BINS * sizeof *pool);
		for (int i = 0; i < res->reps; i++) {
			const pc_rep *p = &res->rep[i];
			x[i] = p->seg_n[s] > 0 ? p->seg_sum[s] / p->seg_n[s] / 3600 : NAN;
			count += p->seg_n[s];
			for (int b = 0; b < PC_SEG_BINS; b++)
				pool[b] += p->seg_hist[s][b];
		}
		pc_csvrow_text(&r, name[s]);
		pc_csvrow_text(&r, zh[s]);
		pc_csvrow_text(&r, actor[s]);
		pc_csvrow_text(&r, control[s] ? "yes" : "no");
		cells_ci(&r, x, res->reps);
		pc_csvrow_num(&r, seg_quantile(pool, 0.5) / 3600);
		pc_csvrow_num(&r, seg_quantile(pool, 0.9) / 3600);
		pc_csvrow_num(&r, count / res->reps);
		pc_csvrow_end(&r);
	}
	free(x);
	free(pool);
	return done(out);
}

int pc_output_first_response(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"minutes", "answered_within_pct", "answered_within_low", "answered_within_high", NULL
	};
	double *cum = calloc((size_t)res->reps, sizeof *cum);
	double *x = calloc((size_t)res->reps, sizeof *x);
	pc_csvrow r = { out, 0 };

	if (!cum || !x) {
		free(cum);
		free(x);
		return PC_ENOMEM;
	}
	header(out, cols);
	for (int k = 1; k < PC_FR_BINS; k++) {
		pc_csvrow_num(&r, k * PC_FR_BIN / 60);
		for (int i = 0; i < res->reps; i++) {
			const pc_rep *p = &res->rep[i];
			cum[i] += p->fr_hist[k - 1];
			x[i] = p->fr_n > 0 ? 100 * cum[i] / p->fr_n : NAN;
		}
		cells_ci_share(&r, x, res->reps);
		pc_csvrow_end(&r);
	}
	free(cum);
	free(x);
	return done(out);
}

/* One row of peaks.csv: a day offset from sales_start (NaN: empty row). */
static void peak_row(pc_csvrow *r, const pc_scenario *sc, const char *event, double day, double after,
		     double count, const pc_peak *pk)
{
	char date[16];

	pc_csvrow_text(r, event);
	if (isnan(day)) {
		pc_csvrow_text(r, "");
	} else {
		pc_date_format(sc->day0 + (int64_t)floor(day), date, sizeof date);
		pc_csvrow_text(r, date);
	}
	pc_csvrow_num(r, day);
	pc_csvrow_num(r, after);
	pc_csvrow_num(r, count);
	pc_csvrow_num(r, pk ? pk->mean : NAN);
	pc_csvrow_num(r, pk ? pk->lo : NAN);
	pc_csvrow_num(r, pk ? pk->hi : NAN);
	pc_csvrow_num(r, pk ? pk->n : NAN);
	pc_csvrow_end(r);
}

int pc_output_peaks(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"event", "date", "days_from_sales_start", "days_after_request_peak", "count_on_peak_day",
		"mean_peak_days", "ci95_low_days", "ci95_high_days", "replications_with_peak", NULL
	};
	const pc_scenario *sc = res->sc;
	pc_peak req, esc;
	double d0;
	pc_csvrow r = { out, 0 };

	pc_result_peak(res, PC_DAY_ARRIVED, &req);
	pc_result_peak(res, PC_DAY_ESCALATED, &esc);
	d0 = req.day >= 0 ? req.day : NAN;
	header(out, cols);
	/* Days are those of the mean daily curves (daily.csv); the means and
	 * intervals are of each replication's own peak day. */
	peak_row(&r, sc, "refund_requests", d0, isnan(d0) ? NAN : 0, req.day >= 0 ? req.count : NAN, &req);
	peak_row(&r, sc, "escalations", esc.day >= 0 ? esc.day : NAN,
		 esc.day >= 0 ? esc.day - d0 : NAN, esc.day >= 0 ? esc.count : NAN, &esc);
	/* [004]: escalations peak a protection period after the requests; a
	 * processing cycle shorter than it finishes refunds before buyers may
	 * escalate. */
	peak_row(&r, sc, "protection_period_end", d0 + sc->protection_period / PC_DAY,
		 sc->protection_period / PC_DAY, NAN, NULL);
	peak_row(&r, sc, "processing_cycle_end",
		 sc->processing_cycle > 0 ? d0 + sc->processing_cycle / PC_DAY : NAN,
		 sc->processing_cycle > 0 ? sc->processing_cycle / PC_DAY : NAN, NAN, NULL);
	return done(out);
}

/* The peak dates of [004], in the summary. */
static void summary_peaks(const pc_result *res, FILE *out)
{
	const pc_scenario *sc = res->sc;
	pc_peak req, esc;
	char date[16], d[32];

	pc_result_peak(res, PC_DAY_ARRIVED, &req);
	pc_result_peak(res, PC_DAY_ESCALATED, &esc);
	fprintf(out, "\npeaks (peaks.csv; docs/business.md §3):\n");
	if (req.day < 0) {
		fprintf(out, "  no refund requests\n");
		return;
	}
	pc_date_format(sc->day0 + req.day, date, sizeof date);
	fprintf(out, "  refund requests peak   %s  (%.0f requests)\n", date, req.count);
	if (esc.day >= 0) {
		pc_date_format(sc->day0 + esc.day, date, sizeof date);
		fprintf(out, "  escalations peak       %s  (%.3g escalations), %d days after the requests\n",
			date, esc.count, esc.day - req.day);
	} else {
		fprintf(out, "  no escalations\n");
	}
	pc_dist_format_duration(sc->protection_period, d, sizeof d);
	pc_date_format(sc->day0 + (int64_t)floor(req.day + sc->protection_period / PC_DAY), date, sizeof date);
	fprintf(out, "  protection period %-5s ends %s for the peak day's requests\n", d, date);
	if (sc->processing_cycle > 0) {
		pc_dist_format_duration(sc->processing_cycle, d, sizeof d);
		pc_date_format(sc->day0 + (int64_t)floor(req.day + sc->processing_cycle / PC_DAY), date,
			       sizeof date);
		fprintf(out, "  processing cycle %-5s ends %s: %.3g days %s the protection period\n", d,
			date, fabs(sc->protection_period - sc->processing_cycle) / PC_DAY,
			sc->processing_cycle <= sc->protection_period ? "inside" : "beyond");
	}
}

int pc_output_summary(const pc_result *res, FILE *out)
{
	const pc_scenario *sc = res->sc;
	pc_baseline b = pc_baseline_compute(sc);
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);
	char v[48], lo[48], hi[48], tg[48];

	fprintf(out, "promocap: %s (%s), %d replication%s, seed %llu\n", sc->name, sc->file, res->reps,
		res->reps == 1 ? "" : "s", (unsigned long long)res->seed);
	fprintf(out, "\ndemand (the closed form of docs/business.md §6):\n");
	fprintf(out, "  orders      %.0f = GMV %.0f / AOV %.0f\n", b.orders, sc->gmv, sc->aov);
	fprintf(out, "  refunds     %.0f = GMV x %.4g%% / AOV%s\n", b.refunds, 100 * sc->refund_rate,
		sc->rate_by_day ? " (the orders' mean of the days' rates)" : "");
	fprintf(out, "  after-sales %.0f = refunds x %.4g%%%s\n", b.after_sales,
		100 * pc_scenario_after_sales_ratio(sc),
		sc->catalogue ? " (the service catalogue)"
		: sc->claims > 0 ? " (claims on received goods, simulated as refunds)" : "");
	fprintf(out, "  baseline    %.0f / %g cases per agent-day / %g days = %.2f -> %d agents\n",
		b.total, sc->baseline_cases_per_day, sc->baseline_days, b.agents_exact, b.agents);
	if (sc->forecast.on)
		fprintf(out, "  (at the forecast's means; its spread below)\n");
	if (sc->forecast.on)
		fprintf(out, "\nsimulated over the forecast's spread, mean [95%% CI] over %d replications (%d forecast draws):\n",
			res->reps, res->reps > 0 ? (int)res->rep[res->reps - 1].fc_draw - (int)res->rep[0].fc_draw + 1 : 0);
	else
		fprintf(out, "\nsimulated, mean [95%% CI] over %d replications:\n", res->reps);
	for (int i = 0; i < n; i++) {
		pc_text_value(v, sizeof v, k[i].mean, k[i].unit);
		/* The CI without repeating the unit: "34.2 h  [33.9, 34.5]". */
		pc_text_value(lo, sizeof lo, k[i].lo, "");
		pc_text_value(hi, sizeof hi, k[i].hi, "");
		fprintf(out, "  %-52s %12s", k[i].label, v);
		if (!isnan(k[i].lo))
			fprintf(out, "  [%s, %s]", lo, hi);
		if (k[i].has_target) {
			pc_text_value(tg, sizeof tg, k[i].target, k[i].unit);
			fprintf(out, "  target %s %s: %s", k[i].target_is_max ? "<=" : ">=", tg,
				k[i].met ? "met" : "MISSED");
		}
		fputc('\n', out);
	}
	if (sc->forecast.on)
		pc_output_forecast_summary(res, k, n, out);
	summary_peaks(res, out);
	return done(out);
}
