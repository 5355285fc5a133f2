/* charts: scenario.csv and shifts.csv, the figures the chart scripts and the
 * review pack need beyond the run's tables (libcsv quotes every text). */
#include "promocap/charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvrow.h"

/* A text cell (or the first cell of a row when first is set). */
static void cell_text(FILE *out, int first, const char *s)
{
	if (!first)
		fputc(',', out);
	pc_csvrow_write_text(out, s);
}

/* A number cell: whole numbers in full (GMV 20000000, not 2e+07), others
 * to 6 digits; NaN is left empty. */
static void cell_num(FILE *out, double v)
{
	fputc(',', out);
	if (isnan(v))
		return;
	if (v == 0)
		v = 0; /* no "-0" */
	fprintf(out, v == floor(v) && fabs(v) < 1e15 ? "%.0f" : "%.6g", v);
}

/* One row key,value,unit.  An empty value is written as nothing at all
 * (not ""), which every CSV reader, gnuplot's included, takes as empty. */
static void kv_text(FILE *out, const char *key, const char *value, const char *unit)
{
	cell_text(out, 1, key);
	if (*value)
		cell_text(out, 0, value);
	else
		fputc(',', out);
	cell_text(out, 0, unit);
	fputc('\n', out);
}

static void kv_num(FILE *out, const char *key, double v, const char *unit)
{
	cell_text(out, 1, key);
	cell_num(out, v);
	cell_text(out, 0, unit);
	fputc('\n', out);
}

/* "YYYY-MM-DD HH:MM" of t seconds from the scenario's start. */
static void datetime(const pc_scenario *sc, double t, char *buf, size_t n)
{
	char date[16];
	int64_t day = (int64_t)floor(t / PC_DAY);
	int min = (int)floor((t - (double)day * PC_DAY) / 60 + 1e-6);

	if (min >= 1440) {
		day++;
		min -= 1440;
	}
	pc_date_format(sc->day0 + day, date, sizeof date);
	snprintf(buf, n, "%s %02d:%02d", date, min / 60, min % 60);
}

static void kv_time(FILE *out, const pc_scenario *sc, const char *key, double t)
{
	char when[32];

	if (isnan(t)) {
		kv_text(out, key, "", "datetime");
		return;
	}
	datetime(sc, t, when, sizeof when);
	kv_text(out, key, when, "datetime");
}

/* Mean over the replications of column c of interval k. */
static double series_mean(const pc_result *res, int k, int c)
{
	double s = 0;

	for (int r = 0; r < res->reps; r++)
		s += res->rep[r].series[(size_t)k * PC_TS_NCOLS + (size_t)c];
	return s / res->reps;
}

/* Start of the interval with the most refund requests (NaN if none). */
static double refund_peak(const pc_result *res)
{
	const pc_rep *p0 = &res->rep[0];
	double best = 0, when = NAN;

	for (int k = 0; k < p0->nintervals; k++) {
		double n = 0;
		for (int c = PC_TS_ARRIVE_P1; c <= PC_TS_ARRIVE_P4; c++)
			n += series_mean(res, k, c);
		if (n > best) {
			best = n;
			when = k * res->sc->interval;
		}
	}
	return when;
}

/* A service-level target as two rows: share in percent and time in unit. */
static void kv_target(FILE *out, const char *name, const pc_sla_target *t, const char *unit,
		      double unit_s)
{
	char key[96];

	snprintf(key, sizeof key, "sla_%s_pct", name);
	kv_num(out, key, t->set ? 100 * t->share : NAN, "%");
	snprintf(key, sizeof key, "sla_%s_within_%s", name, unit);
	kv_num(out, key, t->set ? t->within / unit_s : NAN, unit_s < PC_HOUR ? "min" : "h");
}

int pc_charts_scenario(const pc_result *res, FILE *out)
{
	const pc_scenario *sc = res->sc;
	pc_baseline b = pc_baseline_compute(sc);
	double peak = refund_peak(res);
	double timeout = sc->response_timeout;
	char date[16];

	cell_text(out, 1, "key");
	cell_text(out, 0, "value");
	cell_text(out, 0, "unit");
	fputc('\n', out);
	kv_text(out, "name", sc->name, "text");
	kv_text(out, "file", sc->file, "text");
	kv_num(out, "seed", (double)res->seed, "number");
	kv_num(out, "replications", res->reps, "number");
	kv_time(out, sc, "start", 0);
	pc_date_format(sc->day0, date, sizeof date);
	kv_text(out, "sales_start", date, "date");
	pc_date_format(sc->day0 + sc->sales_days - 1, date, sizeof date);
	kv_text(out, "sales_end", date, "date");
	kv_time(out, sc, "horizon", sc->horizon);
	kv_num(out, "interval_min", sc->interval / 60, "min");
	kv_num(out, "gmv_cny", sc->gmv, "CNY");
	kv_num(out, "aov_cny", sc->aov, "CNY");
	kv_num(out, "orders", b.orders, "orders");
	kv_num(out, "refund_rate_pct", 100 * sc->refund_rate, "%");
	kv_num(out, "after_sales_ratio_pct", 100 * sc->after_sales_ratio, "%");
	kv_num(out, "refunds_expected", b.refunds, "refunds");
	kv_time(out, sc, "entry_opens", sc->entry_opens);
	kv_time(out, sc, "refund_peak", peak);
	kv_num(out, "protection_period_hours", sc->protection_period / PC_HOUR, "h");
	kv_time(out, sc, "escalation_peak", peak + sc->protection_period);
	kv_num(out, "response_timeout_hours", timeout > 0 ? timeout / PC_HOUR : NAN, "h");
	kv_time(out, sc, "timeout_first", timeout > 0 ? sc->entry_opens + timeout : NAN);
	kv_time(out, sc, "timeout_peak", timeout > 0 ? peak + timeout : NAN);
	kv_target(out, "first_response", &sc->sla_first_response, "min", 60);
	kv_target(out, "refund_only_done", &sc->sla_refund_only_done, "hours", PC_HOUR);
	kv_target(out, "return_paid", &sc->sla_return_paid, "hours", PC_HOUR);
	kv_target(out, "all_done", &sc->sla_all_done, "hours", PC_HOUR);
	kv_target(out, "supervisor_approval", &sc->sla_supervisor_approval, "hours", PC_HOUR);
	kv_num(out, "sla_dispute_refund_rate_max_pct",
	       sc->sla_dispute_set ? 100 * sc->sla_dispute_max : NAN, "%");
	kv_num(out, "baseline_agents", b.agents, "agents");
	kv_num(out, "baseline_agents_exact", b.agents_exact, "agents");
	kv_num(out, "baseline_cases_per_day", sc->baseline_cases_per_day, "cases per agent-day");
	kv_num(out, "baseline_days", sc->baseline_days, "days");
	return ferror(out) ? PC_EIO : 0;
}

/* Mean staff-seconds and busy-seconds of resource q over [a, b), prorated
 * over the intervals it overlaps. */
static void window(const pc_result *res, int q, double a, double b, double *cap, double *busy)
{
	const pc_scenario *sc = res->sc;
	int n = res->rep[0].nintervals;
	int k0 = (int)floor(a / sc->interval);

	*cap = *busy = 0;
	for (int k = k0 < 0 ? 0 : k0; k < n && k * sc->interval < b; k++) {
		double lo = fmax(a, k * sc->interval);
		double hi = fmin(fmin(b, (k + 1) * sc->interval), sc->horizon);
		if (hi <= lo)
			continue;
		*cap += series_mean(res, k, PC_TS_STAFF0 + q) * (hi - lo);
		*busy += series_mean(res, k, PC_TS_BUSY0 + q) * (hi - lo);
	}
}

/* "HH:MM" of a time of day in seconds; a shift ending at midnight ends at
 * "24:00", one running past midnight at its hour the next day. */
static void hhmm(int s, char *buf, size_t n)
{
	int m = s == (int)PC_DAY ? 1440 : (s / 60) % 1440;

	snprintf(buf, n, "%02d:%02d", m / 60, m % 60);
}

int pc_charts_shifts(const pc_result *res, FILE *out)
{
	static const char *const cols[] = {
		"resource", "date", "shift", "start", "end", "headcount", "staff_hours",
		"busy_hours", "utilisation_pct", NULL
	};
	const pc_scenario *sc = res->sc;
	int ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9);

	for (int i = 0; cols[i]; i++)
		cell_text(out, i == 0, cols[i]);
	fputc('\n', out);
	for (int q = 0; q < PC_NRES; q++) {
		const pc_staff *st = &sc->staff[q];
		int by_shift = st->roster_kind != PC_ROSTER_CHANGES && st->nshifts > 0 && st->headcount;
		int nshifts = by_shift ? st->nshifts : 1;

		for (int s = 0; s < nshifts; s++) {
			int start = by_shift ? st->shift[s].start : 0;
			int end = by_shift ? st->shift[s].end : (int)PC_DAY;
			char from[8], to[8];

			hhmm(start, from, sizeof from);
			hhmm(end, to, sizeof to);
			for (int d = 0; d < ndays; d++) {
				double a = d * PC_DAY + start;
				double b = fmin(d * PC_DAY + end, sc->horizon);
				double cap, busy, head, hours;
				char date[16];

				window(res, q, a, b, &cap, &busy);
				if (by_shift) {
					int day = d < st->ndays ? d : st->ndays - 1;
					head = day >= 0 ? st->headcount[(size_t)day * (size_t)st->nshifts + (size_t)s] : 0;
					hours = b > a ? head * (b - a) / PC_HOUR : 0;
				} else {
					head = b > a ? cap / (b - a) : 0;
					hours = cap / PC_HOUR;
				}
				pc_date_format(sc->day0 + d, date, sizeof date);
				cell_text(out, 1, pc_res_name((pc_res)q));
				cell_text(out, 0, date);
				cell_text(out, 0, by_shift ? st->shift[s].name : "all_day");
				cell_text(out, 0, from);
				cell_text(out, 0, to);
				cell_num(out, head);
				cell_num(out, hours);
				cell_num(out, busy / PC_HOUR);
				cell_num(out, cap > 0 ? 100 * busy / cap : NAN);
				fputc('\n', out);
			}
		}
	}
	return ferror(out) ? PC_EIO : 0;
}

/* The reader of pc_charts_read_name: fields of the current row. */
typedef struct name_reader {
	int field;      /* index of the field in its row */
	int is_name;    /* this row's key is "name" */
	int found;
	char *name;
	size_t n;
} name_reader;

static void on_field(void *s, size_t len, void *data)
{
	name_reader *r = data;

	if (r->field == 0)
		r->is_name = len == 4 && !memcmp(s, "name", 4);
	else if (r->field == 1 && r->is_name && !r->found) {
		size_t k = len < r->n - 1 ? len : r->n - 1;
		memcpy(r->name, s, k);
		r->name[k] = '\0';
		r->found = 1;
	}
	r->field++;
}

static void on_row(int c, void *data)
{
	(void)c;
	((name_reader *)data)->field = 0;
}

int pc_charts_read_name(FILE *in, char *name, size_t n)
{
	struct csv_parser p;
	name_reader r = { 0, 0, 0, name, n };
	char buf[4096];
	size_t got;

	if (n == 0)
		return PC_EINPUT;
	name[0] = '\0';
	if (csv_init(&p, 0))
		return PC_ENOMEM;
	while ((got = fread(buf, 1, sizeof buf, in)) > 0 && !r.found)
		if (csv_parse(&p, buf, got, on_field, on_row, &r) != got)
			break;
	csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	return r.found ? 0 : PC_EINPUT;
}
