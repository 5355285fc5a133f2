/* workbook: the run's results as an Excel workbook (libxlsxwriter): the verdict first, then KPIs, daily figures, the roster grid and the SLA curve, with native charts. */
#include "promocap/workbook.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <csv.h>
#include <xlsxwriter.h>

#include "promocap/charts.h"
#include "promocap/compare.h"
#include "promocap/design.h"
#include "promocap/output.h"
#include "promocap/plan_confidence.h"
#include "promocap/spread.h"
#include "promocap/sweep.h"
#include "promocap/verdict.h"
#include "forecast_output.h"
#include "text.h"

/* ---- a table of the run, as its CSV writer gives it -------------------- */

/* One CSV table held in memory: rows of text fields, row[0] the header. */
typedef struct wb_row {
	size_t n;
	char **f;
} wb_row;

typedef struct wb_table {
	size_t nrows;
	wb_row *row;
	int nomem;
} wb_table;


/* The axes, legend and place of an SLA chart (share finished within t
 * hours, 0 to 10 days), in the top left of its sheet. */
static void wb_sla_chart_place(lxw_worksheet *ws, lxw_chart *ch)
{
	lxw_chart_options at = { .x_scale = 2.0, .y_scale = 1.5 };

	chart_axis_set_name(ch->x_axis, "hours from the request");
	chart_axis_set_name(ch->y_axis, "% of refunds finished");
	chart_axis_set_min(ch->x_axis, 0);
	chart_axis_set_max(ch->x_axis, 240);
	chart_axis_set_major_unit(ch->x_axis, 24);
	chart_axis_set_min(ch->y_axis, 0);
	chart_axis_set_max(ch->y_axis, 100);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	worksheet_insert_chart_opt(ws, 0, 0, ch, &at);
}

/* The workbook's creation date: the promotion's first sales day, 00:00 UTC,
 * not the clock, so the same seed writes the same bytes (libxlsxwriter
 * takes the current time for 0). */
static time_t wb_created(const pc_scenario *sc)
{
	return (time_t)(sc->day0 * 86400);
}

static void wb_on_field(void *s, size_t len, void *user)
{
	wb_table *t = user;
	wb_row *r;
	char **grown, *text;

	if (t->nomem)
		return;
	if (t->nrows == 0 || t->row[t->nrows - 1].n == (size_t)-1) {
		wb_row *more = realloc(t->row, (t->nrows + 1) * sizeof *t->row);

		if (!more) {
			t->nomem = 1;
			return;
		}
		t->row = more;
		t->row[t->nrows].n = 0;
		t->row[t->nrows].f = NULL;
		t->nrows++;
	}
	r = &t->row[t->nrows - 1];
	grown = realloc(r->f, (r->n + 1) * sizeof *r->f);
	text = malloc(len + 1);
	if (grown)
		r->f = grown;
	if (!grown || !text) {
		free(text);
		t->nomem = 1;
		return;
	}
	memcpy(text, s, len);
	text[len] = '\0';
	r->f[r->n++] = text;
}

/* The row ends: the next field opens a new one (n of a finished row is
 * kept; the marker is a row not yet opened). */
static void wb_on_row(int c, void *user)
{
	wb_table *t = user;
	wb_row *more;

	(void)c;
	if (t->nomem)
		return;
	more = realloc(t->row, (t->nrows + 1) * sizeof *t->row);
	if (!more) {
		t->nomem = 1;
		return;
	}
	t->row = more;
	t->row[t->nrows].n = (size_t)-1;
	t->row[t->nrows].f = NULL;
	t->nrows++;
}

static void wb_table_release(wb_table *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t i = 0; t->row[r].n != (size_t)-1 && i < t->row[r].n; i++)
			free(t->row[r].f[i]);
	for (size_t r = 0; r < t->nrows; r++)
		free(t->row[r].f);
	free(t->row);
	memset(t, 0, sizeof *t);
}

/* A table writer of any module: writes the table for ctx to out. */
typedef int (*wb_writer)(const void *ctx, FILE *out);

/* Fills t with the table write gives for ctx (written to memory, read
 * back with libcsv).  Returns 0, PC_EIO or PC_ENOMEM. */
static int wb_table_fill_any(wb_table *t, wb_writer write, const void *ctx)
{
	struct csv_parser p;
	char *buf = NULL;
	size_t len = 0, keep = 0;
	FILE *mem = open_memstream(&buf, &len);
	int rc;

	memset(t, 0, sizeof *t);
	if (!mem)
		return PC_ENOMEM;
	rc = write(ctx, mem);
	if (fclose(mem) || !buf)
		rc = rc ? rc : PC_ENOMEM;
	if (rc) {
		free(buf);
		return rc;
	}
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		free(buf);
		return PC_ENOMEM;
	}
	if (csv_parse(&p, buf, len, wb_on_field, wb_on_row, t) != len)
		rc = PC_EIO;
	csv_fini(&p, wb_on_field, wb_on_row, t);
	csv_free(&p);
	free(buf);
	/* Drop the unopened row markers. */
	for (size_t r = 0; r < t->nrows; r++)
		if (t->row[r].n != (size_t)-1)
			t->row[keep++] = t->row[r];
	t->nrows = keep;
	if (t->nomem)
		rc = PC_ENOMEM;
	if (rc)
		wb_table_release(t);
	return rc;
}

/* The run's tables (pc_output_fn) as wb_writer: ctx is a wb_run_table. */
typedef struct wb_run_table {
	pc_output_fn write;
	const pc_result *res;
} wb_run_table;

static int wb_run_writer(const void *ctx, FILE *out)
{
	const wb_run_table *t = ctx;

	return t->write(t->res, out);
}

static int wb_table_fill(wb_table *t, pc_output_fn write, const pc_result *res)
{
	wb_run_table job = { write, res };

	return wb_table_fill_any(t, wb_run_writer, &job);
}

/* Field c of row r, "" when the row is shorter. */
static const char *wb_cell(const wb_table *t, size_t r, size_t c)
{
	return r < t->nrows && c < t->row[r].n ? t->row[r].f[c] : "";
}

/* Index of the header column named name, or -1. */
static int wb_col(const wb_table *t, const char *name)
{
	for (size_t c = 0; t->nrows > 0 && c < t->row[0].n; c++)
		if (!strcmp(t->row[0].f[c], name))
			return (int)c;
	return -1;
}

/* Whether text is a whole number as the CSV writers print them (%.6g). */
static int wb_number(const char *text, double *x)
{
	char *end;

	if (!*text)
		return 0;
	*x = strtod(text, &end);
	return *end == '\0' && isfinite(*x);
}

/* ---- formats and helpers ----------------------------------------------- */

/* x to six significant digits, as the CSV tables print it (%.6g), so a
 * cell shows 3.73 rather than 3.7282714. */
static double wb_round6(double x)
{
	char buf[32];

	if (!isfinite(x))
		return x;
	snprintf(buf, sizeof buf, "%.6g", x);
	return strtod(buf, NULL);
}

typedef struct wb {
	lxw_workbook *book;
	const pc_result *res;
	const pc_design *design; /* NULL: not a shift design */
	lxw_format *bold, *title, *head, *num, *int_, *pct, *money, *met, *missed, *wrap, *note, *aside;
	char sheet_daily[32], sheet_sla[32];
} wb;

/* A header label a manager reads: "utilisation_agent_pct" -> "utilisation
 * agent %", "staff_hours_agent" -> "staff hours agent". */
static void wb_label(const char *name, char *buf, size_t n)
{
	size_t len = strlen(name), o = 0;

	if (len > 4 && !strcmp(name + len - 4, "_pct"))
		len -= 4;
	for (size_t i = 0; i < len && o + 1 < n; i++)
		buf[o++] = name[i] == '_' ? ' ' : name[i];
	buf[o] = '\0';
	if (len != strlen(name) && o + 3 < n)
		snprintf(buf + o, n - o, " %%");
}

/* Writes a table's header (labelled) and rows, numbers as numbers, from
 * sheet row first_row; columns first_col.. of the table only (-1: all). */
static void wb_put_table(wb *w, lxw_worksheet *ws, const wb_table *t, int first_row)
{
	char label[128];
	double x;

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->row[r].n; c++) {
			const char *s = t->row[r].f[c];

			if (r == 0) {
				wb_label(s, label, sizeof label);
				worksheet_write_string(ws, (lxw_row_t)(first_row), (lxw_col_t)c, label, w->head);
			} else if (wb_number(s, &x)) {
				worksheet_write_number(ws, (lxw_row_t)(first_row + (int)r), (lxw_col_t)c, x, w->num);
			} else if (*s) {
				worksheet_write_string(ws, (lxw_row_t)(first_row + (int)r), (lxw_col_t)c, s, NULL);
			}
		}
}

/* A sheet printed as a manager would print it: A4 landscape, as wide as
 * one page. */
static lxw_worksheet *wb_sheet(wb *w, const char *name)
{
	lxw_worksheet *ws = workbook_add_worksheet(w->book, name);

	if (ws) {
		worksheet_set_paper(ws, 9);
		worksheet_set_landscape(ws);
		worksheet_fit_to_pages(ws, 1, 0);
	}
	return ws;
}

/* ---- the sheets -------------------------------------------------------- */

/* The cost and staff-hours of the roster, from shifts.csv's figures; with
 * a shift design, a designed resource's from staffing.csv's (paid hours,
 * cost with its premiums). */
typedef struct wb_cost {
	double hours[PC_NRES];
	double cost[PC_NRES];
	double total;
} wb_cost;

static int wb_res_of(const char *name)
{
	for (int q = 0; q < PC_NRES; q++)
		if (!strcmp(name, pc_res_name((pc_res)q)))
			return q;
	return -1;
}

static void wb_roster_cost(const pc_result *res, const wb_table *shifts, const pc_design *d, const wb_table *design,
			   wb_cost *c)
{
	int cres = wb_col(shifts, "resource"), chours = wb_col(shifts, "staff_hours");

	memset(c, 0, sizeof *c);
	for (size_t r = 1; cres >= 0 && chours >= 0 && r < shifts->nrows; r++) {
		int q = wb_res_of(wb_cell(shifts, r, (size_t)cres));
		double h;

		if (q < 0 || (d && d->designed[q]) || !wb_number(wb_cell(shifts, r, (size_t)chours), &h))
			continue;
		c->hours[q] += h;
		c->cost[q] += h * res->sc->staff[q].cost;
	}
	if (d) {
		int dres = wb_col(design, "resource"), dh = wb_col(design, "paid_hours"), dc = wb_col(design, "cost_cny");

		for (size_t r = 1; dres >= 0 && dh >= 0 && dc >= 0 && r < design->nrows; r++) {
			int q = wb_res_of(wb_cell(design, r, (size_t)dres));
			double h, x;

			if (q < 0 || !d->designed[q] || !wb_number(wb_cell(design, r, (size_t)dh), &h) ||
			    !wb_number(wb_cell(design, r, (size_t)dc), &x))
				continue;
			c->hours[q] += h;
			c->cost[q] += x;
		}
	}
	for (int q = 0; q < PC_NRES; q++)
		c->total += c->cost[q];
}

/* The verdict: every target met, or which missed, by how much. */
/* The verdict of res as the run prints it (src/verdict.c): a target judged
 * per day (first response, with [plan] judged = day) is missed when a day
 * misses it, even where the mean over the run meets it. */
static void wb_verdict(const pc_result *res, char *buf, size_t size, int *missed_out)
{
	pc_verdict vd;
	int targets, missed;
	size_t used;

	pc_verdict_compute(res, &vd);
	targets = vd.ntargets;
	missed = targets - vd.nmet;
	*missed_out = missed;
	if (targets == 0) {
		snprintf(buf, size, "No service-level targets set: nothing to meet or miss");
		return;
	}
	if (!missed) {
		snprintf(buf, size, targets == 1 ? "The target is met" : "All %d targets met", targets);
		return;
	}
	snprintf(buf, size, targets == 1 ? "The target is MISSED: " : "%d of %d targets MISSED: ", missed, targets);
	used = strlen(buf);
	for (int i = 0, j = 0; i < vd.ntargets && used < size; i++) {
		const pc_verdict_target *t = &vd.target[i];
		char v[64], g[64], wv[64];

		if (t->met)
			continue;
		pc_text_value(v, sizeof v, t->mean, t->unit);
		pc_text_value(g, sizeof g, t->target, t->unit);
		if (t->by_interval && t->worst_interval >= 0) {
			pc_text_value(wv, sizeof wv, t->worst_int, t->unit);
			snprintf(buf + used, size - used, "%s%s %s (target %s %s in every interval; worst interval %s: %s)",
				 j++ ? "; " : "", t->label, v, t->is_max ? "<=" : ">=", g, t->worst_when, wv);
		} else if (t->by_day && t->worst_day >= 0) {
			pc_text_value(wv, sizeof wv, t->worst, t->unit);
			snprintf(buf + used, size - used, "%s%s %s (target %s %s on every day; worst day %s: %s)",
				 j++ ? "; " : "", t->label, v, t->is_max ? "<=" : ">=", g, t->worst_date, wv);
		} else {
			snprintf(buf + used, size - used, "%s%s %s (target %s %s)", j++ ? "; " : "", t->label, v,
				 t->is_max ? "<=" : ">=", g);
		}
		used = strlen(buf);
	}
}

static void wb_row2(lxw_worksheet *ws, int *row, const char *label, const char *value, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)*row, 0, label, NULL);
	worksheet_write_string(ws, (lxw_row_t)*row, 1, value, f);
	(*row)++;
}

static void wb_row_num(lxw_worksheet *ws, int *row, const char *label, double value, lxw_format *f,
		       const char *note, lxw_format *aside)
{
	worksheet_write_string(ws, (lxw_row_t)*row, 0, label, NULL);
	worksheet_write_number(ws, (lxw_row_t)*row, 1, value, f);
	if (note)
		worksheet_write_string(ws, (lxw_row_t)*row, 2, note, aside);
	(*row)++;
}

static void wb_summary(wb *w, const pc_kpi *k, int n, const pc_spread *s, const wb_cost *cost)
{
	const pc_result *res = w->res;
	const pc_scenario *sc = res->sc;
	lxw_worksheet *ws = wb_sheet(w, "Summary");
	pc_baseline b = pc_baseline_compute(sc);
	char text[2048], d1[16], d2[16], d3[16];
	int row = 0, missed;

	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_set_column(ws, 1, 1, 16, NULL);
	worksheet_set_column(ws, 2, 2, 64, NULL);
	snprintf(text, sizeof text, "promocap: %s", sc->name[0] ? sc->name : sc->file);
	worksheet_write_string(ws, (lxw_row_t)row++, 0, text, w->title);
	row++;
	wb_verdict(res, text, sizeof text, &missed);
	worksheet_write_string(ws, (lxw_row_t)row, 0, "Verdict", w->bold);
	/* Over columns B and C, wrapped, as tall as its lines (about 85
	 * characters each): Excel does not size a row to wrapped text. */
	worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 2, text, missed ? w->missed : w->met);
	worksheet_set_row(ws, (lxw_row_t)row++, 15.0 * (double)(strlen(text) / 85 + 1), NULL);
	row++;
	worksheet_write_string(ws, (lxw_row_t)row++, 0, "Scenario", w->bold);
	wb_row2(ws, &row, "file", sc->file, NULL);
	pc_date_format(sc->day0, d1, sizeof d1);
	pc_date_format(sc->day0 + sc->sales_days - 1, d2, sizeof d2);
	pc_date_format(sc->day0 + (int64_t)ceil(sc->horizon / PC_DAY - 1e-9) - 1, d3, sizeof d3);
	snprintf(text, sizeof text, "%s to %s (%d days)", d1, d2, sc->sales_days);
	wb_row2(ws, &row, "sales days", text, NULL);
	snprintf(text, sizeof text, "to the end of %s (%.0f days)", d3, ceil(sc->horizon / PC_DAY - 1e-9));
	wb_row2(ws, &row, "simulated", text, NULL);
	snprintf(text, sizeof text, "%d, seed %llu", res->reps, (unsigned long long)res->seed);
	wb_row2(ws, &row, "replications", text, NULL);
	row++;
	worksheet_write_string(ws, (lxw_row_t)row++, 0, "Demand (closed form)", w->bold);
	wb_row_num(ws, &row, "GMV (CNY)", sc->gmv, w->money, NULL, w->aside);
	wb_row_num(ws, &row, "average order value (CNY)", sc->aov, w->money, NULL, w->aside);
	wb_row_num(ws, &row, "orders", b.orders, w->int_, "GMV / average order value", w->aside);
	snprintf(text, sizeof text, "orders x refund rate %.4g%%", sc->refund_rate * 100);
	wb_row_num(ws, &row, "refunds", b.refunds, w->int_, text, w->aside);
	snprintf(text, sizeof text, "refunds x %.4g%%", sc->after_sales_ratio * 100);
	wb_row_num(ws, &row, "after-sales cases (claims and enquiries)", b.after_sales, w->int_, text, w->aside);
	snprintf(text, sizeof text, "%.0f cases / %.4g per agent-day / %.4g days = %.2f", b.total,
		 sc->baseline_cases_per_day, sc->baseline_days, b.agents_exact);
	wb_row_num(ws, &row, "baseline agents", b.agents, w->int_, text, w->aside);
	row++;
	worksheet_write_string(ws, (lxw_row_t)row++, 0, "Staff (the rosters simulated)", w->bold);
	for (int q = 0; q < PC_NRES; q++) {
		char rate[48];

		snprintf(text, sizeof text, "%s staff-hours", pc_res_name((pc_res)q));

		if (w->design && w->design->designed[q])
			snprintf(rate, sizeof rate, "paid hours of the designed shifts");
		else
			snprintf(rate, sizeof rate, "%.4g CNY per staff-hour", sc->staff[q].cost);
		wb_row_num(ws, &row, text, cost->hours[q], w->int_, rate, w->aside);
	}
	wb_row_num(ws, &row, "staff cost (CNY)", cost->total, w->money,
		   w->design ? "designed shifts at their cost with premiums (sheet Roster); others staff-hours x cost"
				  : "staff-hours x each resource's cost",
		   w->aside);
	row++;
	worksheet_write_string(ws, (lxw_row_t)row++, 0, "Targets", w->bold);
	for (int i = 0; i < n; i++) {
		char v[64], t[64];

		if (!k[i].has_target)
			continue;
		pc_text_value(v, sizeof v, k[i].mean, k[i].unit);
		pc_text_value(t, sizeof t, k[i].target, k[i].unit);
		snprintf(text, sizeof text, "%s (target %s %s): %s", v, k[i].target_is_max ? "<=" : ">=", t,
			 k[i].met ? "met" : "MISSED");
		worksheet_write_string(ws, (lxw_row_t)row, 0, k[i].label, NULL);
		worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, 2, text, k[i].met ? w->met : w->missed);
		row++;
	}
	if (s) {
		/* The forecast's spread in words, as the summary says it. */
		row++;
		snprintf(text, sizeof text, "Forecast spread (%d draws, %d replications each)", n > 0 ? s[0].draws : 0,
			 PC_FC_RUNS_PER_DRAW);
		worksheet_write_string(ws, (lxw_row_t)row++, 0, text, w->bold);
		for (int i = 0; i < n; i++) {
			if (!pc_output_spread_worded(&k[i]))
				continue;
			pc_output_spread_words(&k[i], &s[i], NULL, 0, text, sizeof text);
			/* Over columns A to C (about 120 characters a line). */
			worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, 2, text, w->wrap);
			worksheet_set_row(ws, (lxw_row_t)row++, 15.0 * (double)(strlen(text) / 115 + 1), NULL);
		}
	}
	row++;
	worksheet_write_string(ws, (lxw_row_t)row, 0,
			       "Figures are means over the replications; the sheets KPIs, Daily, Roster and SLA hold the details.",
			       w->note);
}

/* With forecasts, KPI k's spread in the columns after met (kpis.csv's):
 * P10, P50 and P90 over the draws and chance's +- in the KPI's unit, the
 * forecast's share of the variance and the share of the draws meeting the
 * target as percentages, the draws. */
static void wb_kpi_spread(wb *w, lxw_worksheet *ws, lxw_row_t r, const pc_kpi *k, const pc_spread *s)
{
	const double num[4] = { s->p10, s->p50, s->p90, s->chance_pm };

	for (int c = 0; c < 4; c++)
		if (isfinite(num[c]))
			worksheet_write_number(ws, r, (lxw_col_t)(8 + c), wb_round6(num[c]), w->num);
	if (isfinite(s->share_forecast))
		worksheet_write_number(ws, r, 12, wb_round6(s->share_forecast), w->pct);
	worksheet_write_number(ws, r, 13, s->draws, w->int_);
	if (k->has_target && isfinite(s->met_share))
		worksheet_write_number(ws, r, 14, wb_round6(s->met_share), w->pct);
}

static void wb_kpis(wb *w, const pc_kpi *k, int n, const pc_spread *s)
{
	static const char *const cols[] = { "KPI", "mean", "95% CI low", "95% CI high", "unit",
					    "target", "target is", "met",
					    "P10 over the forecast", "P50 over the forecast", "P90 over the forecast",
					    "chance alone ± (half its P10-P90)", "forecast's share of the variance",
					    "forecast draws", "draws meeting the target" };
	lxw_worksheet *ws = wb_sheet(w, "KPIs");
	int ncols = s ? 15 : 8;

	worksheet_set_column(ws, 0, 0, 52, NULL);
	worksheet_set_column(ws, 1, 3, 13, NULL);
	worksheet_set_column(ws, 4, 7, 11, NULL);
	if (s) {
		/* The spread's headers wrap on three lines. */
		worksheet_set_column(ws, 8, 14, 15, NULL);
		worksheet_set_row(ws, 0, 45, NULL);
	}
	for (int c = 0; c < ncols; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c], w->head);
	worksheet_freeze_panes(ws, 1, 1);
	for (int i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);

		worksheet_write_string(ws, r, 0, k[i].label, NULL);
		if (isfinite(k[i].mean))
			worksheet_write_number(ws, r, 1, wb_round6(k[i].mean), w->num);
		if (isfinite(k[i].lo))
			worksheet_write_number(ws, r, 2, wb_round6(k[i].lo), w->num);
		if (isfinite(k[i].hi))
			worksheet_write_number(ws, r, 3, wb_round6(k[i].hi), w->num);
		worksheet_write_string(ws, r, 4, k[i].unit, NULL);
		if (k[i].has_target) {
			worksheet_write_number(ws, r, 5, wb_round6(k[i].target), w->num);
			worksheet_write_string(ws, r, 6, k[i].target_is_max ? "at most" : "at least", NULL);
			worksheet_write_string(ws, r, 7, k[i].met ? "met" : "MISSED", k[i].met ? w->met : w->missed);
		}
		if (s)
			wb_kpi_spread(w, ws, r, &k[i], &s[i]);
	}
}

static void wb_daily(wb *w, const wb_table *daily)
{
	lxw_worksheet *ws = wb_sheet(w, "Daily");
	lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_LINE);
	int creq = wb_col(daily, "refund_requests"), copen = wb_col(daily, "open_refunds_end_of_day");
	int cas = wb_col(daily, "after_sales_requests");
	lxw_row_t last = (lxw_row_t)(daily->nrows > 1 ? daily->nrows - 1 : 1);
	lxw_chart_series *s;

	snprintf(w->sheet_daily, sizeof w->sheet_daily, "Daily");
	worksheet_set_column(ws, 0, 0, 11, NULL);
	worksheet_set_column(ws, 1, 30, 12, NULL);
	worksheet_set_row(ws, 0, 45, NULL);
	wb_put_table(w, ws, daily, 0);
	worksheet_freeze_panes(ws, 1, 1);
	if (!ch || creq < 0 || copen < 0 || daily->nrows < 2)
		return;
	chart_title_set_name(ch, "Refund requests and open refunds per day");
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(s, "Daily", 1, 0, last, 0);
	chart_series_set_values(s, "Daily", 1, (lxw_col_t)creq, last, (lxw_col_t)creq);
	chart_series_set_name(s, "refund requests");
	if (cas >= 0) {
		s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, "Daily", 1, 0, last, 0);
		chart_series_set_values(s, "Daily", 1, (lxw_col_t)cas, last, (lxw_col_t)cas);
		chart_series_set_name(s, "after-sales enquiries");
	}
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(s, "Daily", 1, 0, last, 0);
	chart_series_set_values(s, "Daily", 1, (lxw_col_t)copen, last, (lxw_col_t)copen);
	chart_series_set_name(s, "open refunds at the end of the day");
	chart_axis_set_name(ch->x_axis, "day");
	chart_axis_set_name(ch->y_axis, "refunds");
	chart_axis_set_min(ch->y_axis, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	{
		lxw_chart_options at = { .x_scale = 1.8, .y_scale = 1.4 };

		worksheet_insert_chart_opt(ws, last + 3, 1, ch, &at);
	}
}

/* The columns of a roster grid's table: shifts.csv (the run's shifts) or
 * staffing.csv of a shift design (its patterns, paid people and cost). */
typedef struct wb_grid {
	const char *shift, *head, *hours, *cost; /* cost NULL: hours x the resource's cost */
	const char *people, *hours_label;        /* "people", "staff-hours" */
	int by_start;                            /* columns by resource and start time */
	unsigned res_mask;                       /* the resources shown */
	int zero_alarm;                          /* 0 people on a shift shows red */
} wb_grid;

/* shifts.csv's grid: every resource, in the table's order. */
static const wb_grid run_grid = { "shift", "headcount", "staff_hours", NULL, "people", "staff-hours", 0, ~0u, 1 };

typedef struct wb_grid_col {
	char res[16], shift[32], start[8], end[8];
	int q;
} wb_grid_col;

static int wb_grid_col_cmp(const void *a, const void *b)
{
	const wb_grid_col *x = a, *y = b;
	int c;

	if (x->q != y->q)
		return x->q - y->q;
	if ((c = strcmp(x->start, y->start)))
		return c;
	return strcmp(x->shift, y->shift);
}

/* The Roster sheet: the date down, one column per (resource, shift) with
 * its people, then each resource's hours and the staff cost per day; a
 * total row. */
static void wb_roster(wb *w, const pc_scenario *sc, const wb_table *shifts, const char *sheet, const wb_grid *g)
{
	lxw_worksheet *ws = wb_sheet(w, sheet);
	int cres = wb_col(shifts, "resource"), cdate = wb_col(shifts, "date");
	int cshift = wb_col(shifts, g->shift), chead = wb_col(shifts, g->head);
	int chours = wb_col(shifts, g->hours), cstart = wb_col(shifts, "start");
	int cend = wb_col(shifts, "end"), ccost = g->cost ? wb_col(shifts, g->cost) : -1;
	int ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9), ncols = 0, col, d0 = 0, nd;
	char label[160];
	lxw_conditional_format scale = { 0 }, zero = { 0 }, bar = { 0 };
	wb_grid_col *cols;
	double *hours, *cost;

	if (cres < 0 || cdate < 0 || cshift < 0 || chead < 0 || chours < 0 || ndays <= 0 || (g->cost && ccost < 0))
		return;
	/* A designed overnight pattern may start the evening before the
	 * first day: its date is a row of its own. */
	for (size_t r = 1; r < shifts->nrows; r++) {
		int64_t day;

		if (pc_date_parse(wb_cell(shifts, r, (size_t)cdate), &day) == 0 && day - sc->day0 < d0 &&
		    day - sc->day0 >= -1)
			d0 = (int)(day - sc->day0);
	}
	nd = ndays - d0;
	cols = malloc(sizeof *cols * (shifts->nrows ? shifts->nrows : 1));
	hours = calloc((size_t)nd * PC_NRES, sizeof *hours);
	cost = calloc((size_t)nd, sizeof *cost);
	if (!cols || !hours || !cost)
		goto out;
	/* The columns: (resource, shift) in the order the table gives them,
	 * or by resource and start time. */
	for (size_t r = 1; r < shifts->nrows; r++) {
		const char *rs = wb_cell(shifts, r, (size_t)cres), *sh = wb_cell(shifts, r, (size_t)cshift);
		int i, q = wb_res_of(rs);

		if (q < 0 || !(g->res_mask & (1u << q)))
			continue;
		for (i = 0; i < ncols && (strcmp(cols[i].res, rs) || strcmp(cols[i].shift, sh)); i++)
			;
		if (i < ncols)
			continue;
		snprintf(cols[ncols].res, sizeof cols[ncols].res, "%s", rs);
		snprintf(cols[ncols].shift, sizeof cols[ncols].shift, "%s", sh);
		snprintf(cols[ncols].start, sizeof cols[ncols].start, "%s", cstart >= 0 ? wb_cell(shifts, r, (size_t)cstart) : "");
		snprintf(cols[ncols].end, sizeof cols[ncols].end, "%s", cend >= 0 ? wb_cell(shifts, r, (size_t)cend) : "");
		cols[ncols].q = q;
		ncols++;
	}
	if (g->by_start)
		qsort(cols, (size_t)ncols, sizeof *cols, wb_grid_col_cmp);
	for (int i = 0; i < ncols; i++) {
		snprintf(label, sizeof label, "%s %s %s-%s (%s)", cols[i].res, cols[i].shift, cols[i].start, cols[i].end,
			 g->people);
		worksheet_write_string(ws, 0, (lxw_col_t)(1 + i), label, w->head);
	}
	worksheet_write_string(ws, 0, 0, "date", w->head);
	col = 1 + ncols;
	for (int q = 0; q < PC_NRES; q++) {
		snprintf(label, sizeof label, "%s %s", pc_res_name((pc_res)q), g->hours_label);
		worksheet_write_string(ws, 0, (lxw_col_t)(col + q), label, w->head);
	}
	worksheet_write_string(ws, 0, (lxw_col_t)(col + PC_NRES), "staff cost per day (CNY)", w->head);
	worksheet_set_row(ws, 0, 62, NULL);
	worksheet_set_column(ws, 0, 0, 11, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(col + PC_NRES), 12, NULL);
	worksheet_freeze_panes(ws, 1, 1);
	for (int d = 0; d < nd; d++) {
		char date[16];

		pc_date_format(sc->day0 + d0 + d, date, sizeof date);
		worksheet_write_string(ws, (lxw_row_t)(d + 1), 0, date, NULL);
	}
	for (size_t r = 1; r < shifts->nrows; r++) {
		const char *rs = wb_cell(shifts, r, (size_t)cres), *sh = wb_cell(shifts, r, (size_t)cshift);
		int64_t day;
		double head, h, x;
		int i;

		if (pc_date_parse(wb_cell(shifts, r, (size_t)cdate), &day) != 0)
			continue;
		day -= sc->day0 + d0;
		if (day < 0 || day >= nd)
			continue;
		for (i = 0; i < ncols && (strcmp(cols[i].res, rs) || strcmp(cols[i].shift, sh)); i++)
			;
		if (i == ncols)
			continue;
		if (wb_number(wb_cell(shifts, r, (size_t)chead), &head))
			worksheet_write_number(ws, (lxw_row_t)(day + 1), (lxw_col_t)(1 + i), head, w->num);
		if (wb_number(wb_cell(shifts, r, (size_t)chours), &h))
			hours[day * PC_NRES + cols[i].q] += h;
		if (ccost >= 0 && wb_number(wb_cell(shifts, r, (size_t)ccost), &x))
			cost[day] += x;
	}
	for (int d = 0; d < nd; d++) {
		double c = 0;

		for (int q = 0; q < PC_NRES; q++) {
			worksheet_write_number(ws, (lxw_row_t)(d + 1), (lxw_col_t)(col + q),
					       wb_round6(hours[d * PC_NRES + q]), w->num);
			c += hours[d * PC_NRES + q] * sc->staff[q].cost;
		}
		/* The table's own cost when it has one (premiums included). */
		worksheet_write_number(ws, (lxw_row_t)(d + 1), (lxw_col_t)(col + PC_NRES), ccost >= 0 ? wb_round6(cost[d]) : c,
				       w->money);
	}
	/* The total row: sums the manager can follow in Excel. */
	worksheet_write_string(ws, (lxw_row_t)(nd + 1), 0, "total", w->bold);
	for (int c = col; c <= col + PC_NRES; c++) {
		char f[96], a[16], z[16];

		lxw_rowcol_to_cell(a, 1, (lxw_col_t)c);
		lxw_rowcol_to_cell(z, (lxw_row_t)nd, (lxw_col_t)c);
		snprintf(f, sizeof f, "=SUM(%s:%s)", a, z);
		worksheet_write_formula(ws, (lxw_row_t)(nd + 1), (lxw_col_t)c, f, c == col + PC_NRES ? w->money : w->num);
	}
	if (ncols == 0)
		goto out;
	/* Headcounts from white (few) to blue (many); nobody on a shift red;
	 * the day's cost as a bar. */
	if (g->zero_alarm) {
		zero.type = LXW_CONDITIONAL_TYPE_CELL;
		zero.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
		zero.value = 0;
		zero.format = w->missed;
		worksheet_conditional_format_range(ws, 1, 1, (lxw_row_t)nd, (lxw_col_t)ncols, &zero);
	}
	scale.type = LXW_CONDITIONAL_2_COLOR_SCALE;
	scale.min_color = 0xFFFFFF;
	scale.max_color = 0x5B9BD5;
	worksheet_conditional_format_range(ws, 1, 1, (lxw_row_t)nd, (lxw_col_t)ncols, &scale);
	bar.type = LXW_CONDITIONAL_DATA_BAR;
	bar.bar_color = 0xF4B183;
	worksheet_conditional_format_range(ws, 1, (lxw_col_t)(col + PC_NRES), (lxw_row_t)nd,
					   (lxw_col_t)(col + PC_NRES), &bar);
out:
	free(cols);
	free(hours);
	free(cost);
}

/* The SLA curve: the table, and a chart of all refunds' curve with its
 * 95% band up to 10 days, and the all_done target as a marker line. */
static void wb_sla(wb *w, const wb_table *sla)
{
	const pc_scenario *sc = w->res->sc;
	lxw_worksheet *ws = wb_sheet(w, "SLA");
	lxw_chart *ch = workbook_add_chart(w->book, LXW_CHART_SCATTER_STRAIGHT);
	int call = wb_col(sla, "all_pct"), clo = wb_col(sla, "all_low"), chi = wb_col(sla, "all_high");
	const lxw_row_t T = 24;
	lxw_row_t last = 0;
	lxw_col_t tcol;
	lxw_chart_series *s;
	double h;

	/* The chart first, on rows 0 .. T - 2; the table from row T.  Printed:
	 * the chart and the table's first 24 hours (the whole curve is in
	 * sla.csv). */
	worksheet_set_row(ws, T, 45, NULL);
	worksheet_set_column(ws, 0, 20, 11, NULL);
	wb_put_table(w, ws, sla, T);
	worksheet_print_area(ws, 0, 0, T + 97, (lxw_col_t)(sla->nrows ? sla->row[0].n + 2 : 20));
	for (size_t r = 1; r < sla->nrows; r++)
		if (wb_number(wb_cell(sla, r, 0), &h) && h <= 240.0)
			last = (lxw_row_t)r;
	if (!ch || call < 0 || last < 1)
		return;
	chart_title_set_name(ch, "Share of refunds finished within t");
	s = chart_add_series(ch, NULL, NULL);
	chart_series_set_categories(s, "SLA", T + 1, 0, T + last, 0);
	chart_series_set_values(s, "SLA", T + 1, (lxw_col_t)call, T + last, (lxw_col_t)call);
	chart_series_set_name(s, "all refunds, mean");
	if (clo >= 0 && chi >= 0) {
		lxw_chart_line thin = { .color = 0xA6A6A6, .width = 0.75, .dash_type = LXW_CHART_LINE_DASH_DASH };

		s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, "SLA", T + 1, 0, T + last, 0);
		chart_series_set_values(s, "SLA", T + 1, (lxw_col_t)clo, T + last, (lxw_col_t)clo);
		chart_series_set_name(s, "95% CI low");
		chart_series_set_line(s, &thin);
		s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, "SLA", T + 1, 0, T + last, 0);
		chart_series_set_values(s, "SLA", T + 1, (lxw_col_t)chi, T + last, (lxw_col_t)chi);
		chart_series_set_name(s, "95% CI high");
		chart_series_set_line(s, &thin);
	}
	if (sc->sla_all_done.set) {
		/* The target: a vertical line at its time up to its share, from
		 * two cells right of the table. */
		lxw_chart_line red = { .color = 0xC00000, .width = 1.5 };
		char name[96];

		tcol = (lxw_col_t)(sla->nrows ? sla->row[0].n + 1 : 1);
		worksheet_write_string(ws, T, tcol, "target hours", w->head);
		worksheet_write_string(ws, T, tcol + 1, "target %", w->head);
		worksheet_write_number(ws, T + 1, tcol, sc->sla_all_done.within / PC_HOUR, w->num);
		worksheet_write_number(ws, T + 1, tcol + 1, 0, w->num);
		worksheet_write_number(ws, T + 2, tcol, sc->sla_all_done.within / PC_HOUR, w->num);
		worksheet_write_number(ws, T + 2, tcol + 1, sc->sla_all_done.share * 100, w->num);
		s = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(s, "SLA", T + 1, tcol, T + 2, tcol);
		chart_series_set_values(s, "SLA", T + 1, tcol + 1, T + 2, tcol + 1);
		snprintf(name, sizeof name, "target: %.4g%% within %.4g h", sc->sla_all_done.share * 100,
			 sc->sla_all_done.within / PC_HOUR);
		chart_series_set_name(s, name);
		chart_series_set_line(s, &red);
	}
	wb_sla_chart_place(ws, ch);
}

static lxw_format *wb_format(lxw_workbook *book)
{
	return workbook_add_format(book);
}

/* The workbook's formats: headers, numbers, met in green, missed in red. */
static void wb_formats(wb *w)
{
	w->bold = wb_format(w->book);
	format_set_bold(w->bold);
	format_set_align(w->bold, LXW_ALIGN_VERTICAL_TOP);
	w->title = wb_format(w->book);
	format_set_bold(w->title);
	format_set_font_size(w->title, 16);
	w->head = wb_format(w->book);
	format_set_bold(w->head);
	format_set_text_wrap(w->head);
	format_set_align(w->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(w->head, 0xDDEBF7);
	format_set_bottom(w->head, LXW_BORDER_THIN);
	w->num = wb_format(w->book);
	/* General: 3 shows as 3, 22.8 as 22.8 (Excel's "0.##" would show
	 * "3."); the figures carry six significant digits, as in the CSV. */
	format_set_num_format(w->num, "General");
	w->int_ = wb_format(w->book);
	format_set_num_format(w->int_, "#,##0");
	w->money = wb_format(w->book);
	format_set_num_format(w->money, "#,##0");
	w->met = wb_format(w->book);
	format_set_font_color(w->met, 0x006100);
	format_set_bg_color(w->met, 0xC6EFCE);
	format_set_text_wrap(w->met);
	w->missed = wb_format(w->book);
	format_set_font_color(w->missed, 0x9C0006);
	format_set_bg_color(w->missed, 0xFFC7CE);
	format_set_bold(w->missed);
	format_set_text_wrap(w->missed);
	w->aside = wb_format(w->book);
	format_set_indent(w->aside, 1);
	format_set_font_color(w->aside, 0x595959);
	w->note = wb_format(w->book);
	format_set_italic(w->note);
	format_set_font_color(w->note, 0x595959);
}

/* plan --confidence: the Forecast sheet: the share of the forecast
 * draws meeting every target, the demand planned for, and per target its
 * planned value, the plan at the 10th and 90th percentile of demand (in
 * the target's unit) and the share of draws meeting it (a percentage). */
static void wb_confidence(wb *w, const pc_plan_confidence *c)
{
	static const char *const cols[] = { "target", "unit", "planned for", "target is", "at P10 demand",
					    "at P90 demand", "draws meeting it" };
	const pc_conf_level *lv[3] = { &c->p10, &c->planned, &c->p90 };
	static const char *const what[3] = { "10th percentile of demand", "planned for", "90th percentile of demand" };
	lxw_worksheet *ws = wb_sheet(w, "Forecast");
	char text[512], words[400];
	int row = 0;

	worksheet_set_column(ws, 0, 0, 52, NULL);
	worksheet_set_column(ws, 1, 1, 8, NULL);
	worksheet_set_column(ws, 2, 6, 17, NULL);
	pc_plan_confidence_verdict_words(c, 0, words, sizeof words);
	snprintf(text, sizeof text, "Forecast: %s", words);
	worksheet_merge_range(ws, (lxw_row_t)row, 0, (lxw_row_t)row, 6, text, c->met ? w->met : w->missed);
	row += 2;
	/* The demand planned for first, then the 10th and 90th percentile. */
	for (int j = 0; j < 3; j++) {
		int i = j == 0 ? 1 : j == 1 ? 0 : 2;

		pc_plan_confidence_level_words(&c->forecast, lv[i], 0, words, sizeof words);
		if (i == 1)
			snprintf(text, sizeof text, "planned for the %.3gth percentile of demand: %s (%d plan%s made)",
				 100 * lv[i]->quantile, words, c->rounds, c->rounds == 1 ? "" : "s");
		else
			snprintf(text, sizeof text, "%s: %s", what[i], words);
		worksheet_write_string(ws, (lxw_row_t)row++, 0, text, NULL);
	}
	snprintf(text, sizeof text, "%.0f refunds and after-sales cases at the mean forecast", c->work_mean);
	worksheet_write_string(ws, (lxw_row_t)row++, 0, text, NULL);
	row++;
	for (int k = 0; k < 7; k++)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)k, cols[k], w->head);
	row++;
	for (int t = 0; t < c->ntargets; t++, row++) {
		const pc_conf_target *x = &c->target[t];
		lxw_row_t r = (lxw_row_t)row;

		snprintf(text, sizeof text, "%s%s", x->label, x->by_day ? " (worst day)" : "");
		worksheet_write_string(ws, r, 0, text, NULL);
		worksheet_write_string(ws, r, 1, x->unit, NULL);
		worksheet_write_number(ws, r, 2, wb_round6(x->planned), w->num);
		worksheet_write_string(ws, r, 3, x->is_max ? "at most" : "at least", NULL);
		for (int i = 0; i < 3; i += 2)
			if (isfinite(lv[i]->mean[t]))
				worksheet_write_number(ws, r, (lxw_col_t)(4 + i / 2), wb_round6(lv[i]->mean[t]),
						       lv[i]->met[t] ? w->met : w->missed);
		if (c->draws > 0)
			worksheet_write_number(ws, r, 6, wb_round6((double)(c->draws - c->missed[t]) / c->draws), w->pct);
	}
	row++;
	snprintf(text, sizeof text,
		 "The same rosters simulated at the 10th and 90th percentile of demand; draws meeting it: of the %d forecast "
		 "draws checked, two replications each, those whose mean (chance taken out) meets the target (docs/forecast.md).",
		 c->draws);
	worksheet_write_string(ws, (lxw_row_t)row, 0, text, w->note);
}

/* staffing.csv of a shift design, as a wb_writer. */
static int wb_design_writer(const void *ctx, FILE *out)
{
	return pc_design_write_staffing(ctx, out);
}

static int write_run(const pc_result *res, const pc_plan_confidence *conf, const pc_design *design, const char *path,
		     pc_error *err)
{
	wb w;
	wb_table daily, shifts, sla, staffing = { 0 };
	pc_kpi k[PC_MAX_KPIS];
	pc_spread *spread = NULL;
	wb_cost cost;
	int n, rc;
	lxw_error lrc;

	memset(&w, 0, sizeof w);
	w.res = res;
	w.design = design;
	if (design && (rc = wb_table_fill_any(&staffing, wb_design_writer, design)) != 0) {
		pc_error_set(err, path, 0, "cannot make the workbook's roster sheet of the design");
		return rc;
	}
	if ((rc = wb_table_fill(&daily, pc_output_daily, res)) != 0) {
		wb_table_release(&staffing);
		pc_error_set(err, path, 0, "cannot make the workbook's daily sheet");
		return rc;
	}
	if ((rc = wb_table_fill(&shifts, pc_charts_shifts, res)) != 0) {
		wb_table_release(&staffing);
		wb_table_release(&daily);
		pc_error_set(err, path, 0, "cannot make the workbook's roster sheet");
		return rc;
	}
	if ((rc = wb_table_fill(&sla, pc_output_sla, res)) != 0) {
		wb_table_release(&staffing);
		wb_table_release(&daily);
		wb_table_release(&shifts);
		pc_error_set(err, path, 0, "cannot make the workbook's SLA sheet");
		return rc;
	}
	n = pc_result_kpis(res, k, PC_MAX_KPIS);
	/* With forecasts: the spread of each KPI (kpis.csv's columns). */
	if (res->sc->forecast.on &&
	    (!(spread = malloc(sizeof *spread * PC_MAX_KPIS)) || pc_result_spread(res, spread, PC_MAX_KPIS) < n)) {
		rc = PC_ENOMEM;
		pc_error_set(err, path, 0, "out of memory for the workbook's forecast spread");
		goto out;
	}
	wb_roster_cost(res, &shifts, design, &staffing, &cost);
	w.book = workbook_new(path);
	if (!w.book) {
		rc = PC_EIO;
		pc_error_set(err, path, 0, "cannot create the workbook '%s'", path);
		goto out;
	}
	wb_formats(&w);
	workbook_set_properties(w.book, &(lxw_doc_properties){ .title = (char *)res->sc->name, .author = "promocap",
								.created = wb_created(res->sc) });
	if (spread || conf) {
		/* Shares of the draws as percentages; only with forecasts, so
		 * that a workbook without is what it was, byte for byte. */
		w.pct = wb_format(w.book);
		format_set_num_format(w.pct, "0.0%");
		w.wrap = wb_format(w.book);
		format_set_text_wrap(w.wrap);
		format_set_align(w.wrap, LXW_ALIGN_VERTICAL_TOP);
	}
	wb_summary(&w, k, n, spread, &cost);
	wb_kpis(&w, k, n, spread);
	wb_daily(&w, &daily);
	if (design) {
		/* The designed patterns (paid people, cost with premiums); the
		 * resources kept as the scenario has them on a sheet of their
		 * own. */
		wb_grid g = { "pattern", "paid_people", "paid_hours", "cost_cny", "paid people", "paid hours", 1, 0, 0 };
		unsigned kept = 0;

		for (int q = 0; q < PC_NRES; q++)
			if (design->designed[q])
				g.res_mask |= 1u << q;
			else
				kept |= 1u << q;
		wb_roster(&w, res->sc, &staffing, "Roster", &g);
		if (kept) {
			wb_grid g2 = run_grid;

			g2.res_mask = kept;
			wb_roster(&w, res->sc, &shifts, "Roster kept", &g2);
		}
	} else {
		wb_roster(&w, res->sc, &shifts, "Roster", &run_grid);
	}
	wb_sla(&w, &sla);
	if (conf)
		wb_confidence(&w, conf);
	lrc = workbook_close(w.book);
	if (lrc != LXW_NO_ERROR) {
		rc = PC_EIO;
		pc_error_set(err, path, 0, "cannot write the workbook: %s", lxw_strerror(lrc));
	}
out:
	free(spread);
	wb_table_release(&staffing);
	wb_table_release(&daily);
	wb_table_release(&shifts);
	wb_table_release(&sla);
	return rc;
}

int pc_workbook_write_run(const pc_result *res, const char *path, pc_error *err)
{
	return write_run(res, NULL, NULL, path, err);
}

int pc_workbook_write_plan_confidence(const pc_result *res, const pc_plan_confidence *conf, const char *path,
				      pc_error *err)
{
	return write_run(res, conf, NULL, path, err);
}

int pc_workbook_write_design(const pc_design *d, const pc_plan_confidence *conf, const char *path, pc_error *err)
{
	return write_run(&d->result, conf, d, path, err);
}

/* ---- compare ----------------------------------------------------------- */

static int wb_compare_csv(const void *ctx, FILE *out)
{
	return pc_compare_write_csv(ctx, out);
}

static int wb_compare_sla(const void *ctx, FILE *out)
{
	return pc_compare_write_sla(ctx, out);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
static void wb_sheet_name(char *buf, size_t n, const char *prefix, const char *label)
{
	size_t o;

	snprintf(buf, n < 32 ? n : 32, "%s%s", prefix, label);
	for (o = 0; buf[o]; o++)
		if (strchr("[]:*?/\\'", buf[o]))
			buf[o] = '_';
}

int pc_workbook_write_compare(const pc_compare *cmp, const char *path, pc_error *err)
{
	wb w;
	wb_table table, sla;
	lxw_worksheet *ws;
	lxw_chart *ch;
	int rc, row = 0;
	lxw_error lrc;
	char text[2048], name[40];

	memset(&w, 0, sizeof w);
	if (cmp->n < 1) {
		pc_error_set(err, path, 0, "nothing to compare");
		return PC_EINPUT;
	}
	w.res = &cmp->res[0];
	if ((rc = wb_table_fill_any(&table, wb_compare_csv, cmp)) != 0) {
		pc_error_set(err, path, 0, "cannot make the workbook's comparison sheet");
		return rc;
	}
	if ((rc = wb_table_fill_any(&sla, wb_compare_sla, cmp)) != 0) {
		wb_table_release(&table);
		pc_error_set(err, path, 0, "cannot make the workbook's SLA sheet");
		return rc;
	}
	w.book = workbook_new(path);
	if (!w.book) {
		wb_table_release(&table);
		wb_table_release(&sla);
		pc_error_set(err, path, 0, "cannot create the workbook '%s'", path);
		return PC_EIO;
	}
	wb_formats(&w);
	workbook_set_properties(w.book, &(lxw_doc_properties){ .title = "promocap compare", .author = "promocap",
								.created = wb_created(cmp->sc[0]) });

	/* Summary: one verdict per scenario, its staff cost, what differs. */
	ws = wb_sheet(&w, "Summary");
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, 2, 2, 80, NULL);
	worksheet_set_column(ws, 3, 4, 16, NULL);
	worksheet_set_column(ws, 5, 5, 50, NULL);
	snprintf(text, sizeof text, "promocap compare: %d scenarios, %d paired replications, seed %llu%s", cmp->n,
		 cmp->reps_done, (unsigned long long)cmp->seed, cmp->stopped ? " (stopped early)" : "");
	worksheet_write_string(ws, (lxw_row_t)row++, 0, text, w.title);
	row++;
	{
		static const char *const cols[] = { "scenario", "file", "verdict", "staff-hours",
						    "staff cost (CNY)", "demand differs from the first in" };

		for (int c = 0; c < 6; c++)
			worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)c, cols[c], w.head);
		row++;
	}
	for (int i = 0; i < cmp->n; i++) {
		int missed;
		wb_table shifts;
		wb_cost cost;
		double hours = 0;

		wb_verdict(&cmp->res[i], text, sizeof text, &missed);
		worksheet_write_string(ws, (lxw_row_t)row, 0, cmp->label[i], w.bold);
		worksheet_write_string(ws, (lxw_row_t)row, 1, cmp->sc[i]->file, NULL);
		worksheet_write_string(ws, (lxw_row_t)row, 2, text, missed ? w.missed : w.met);
		/* Wrapped in its 80-character column: as tall as its lines. */
		worksheet_set_row(ws, (lxw_row_t)row, 15.0 * (double)(strlen(text) / 80 + 1), NULL);
		if (wb_table_fill(&shifts, pc_charts_shifts, &cmp->res[i]) == 0) {
			wb_roster_cost(&cmp->res[i], &shifts, NULL, NULL, &cost);
			for (int q = 0; q < PC_NRES; q++)
				hours += cost.hours[q];
			worksheet_write_number(ws, (lxw_row_t)row, 3, hours, w.int_);
			worksheet_write_number(ws, (lxw_row_t)row, 4, cost.total, w.money);
			wb_table_release(&shifts);
		}
		worksheet_write_string(ws, (lxw_row_t)row, 5, i == 0 ? "(the reference)" : cmp->demand[i][0] ? cmp->demand[i] : "nothing: the same refunds",
				       NULL);
		row++;
	}
	row++;
	worksheet_write_string(ws, (lxw_row_t)row, 0,
			       "Differences to the first scenario, with 95% CIs from paired replications, are in the sheet Compare; each scenario's roster in its own sheet.",
			       w.note);

	/* Compare: compare.csv. */
	ws = wb_sheet(&w, "Compare");
	worksheet_set_row(ws, 0, 45, NULL);
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	worksheet_set_column(ws, 2, 60, 12, NULL);
	wb_put_table(&w, ws, &table, 0);
	worksheet_freeze_panes(ws, 1, 2);

	/* SLA: sla_compare.csv, a chart of each scenario's curve to 10 days. */
	ws = wb_sheet(&w, "SLA");
	worksheet_set_row(ws, 24, 45, NULL);
	worksheet_set_column(ws, 0, 80, 11, NULL);
	/* The chart on top, the table from row 24; printed: the chart and
	 * the table's first 24 hours. */
	wb_put_table(&w, ws, &sla, 24);
	worksheet_print_area(ws, 0, 0, 24 + 97, (lxw_col_t)(sla.nrows ? sla.row[0].n : 20));
	ch = workbook_add_chart(w.book, LXW_CHART_SCATTER_STRAIGHT);
	if (ch && sla.nrows > 1) {
		lxw_row_t last = 1;
		double h;

		for (size_t r = 1; r < sla.nrows; r++)
			if (wb_number(wb_cell(&sla, r, 0), &h) && h <= 240.0)
				last = (lxw_row_t)r;
		for (int i = 0; i < cmp->n; i++) {
			char col[96];
			int c;
			lxw_chart_series *s;

			snprintf(col, sizeof col, "%s_all_pct", cmp->label[i]);
			if ((c = wb_col(&sla, col)) < 0)
				continue;
			s = chart_add_series(ch, NULL, NULL);
			chart_series_set_categories(s, "SLA", 24 + 1, 0, 24 + last, 0);
			chart_series_set_values(s, "SLA", 24 + 1, (lxw_col_t)c, 24 + last, (lxw_col_t)c);
			chart_series_set_name(s, cmp->label[i]);
		}
		chart_title_set_name(ch, "Share of refunds finished within t, per scenario");
		wb_sla_chart_place(ws, ch);
	}
	/* Each scenario's roster grid, after the comparison. */
	for (int i = 0; i < cmp->n; i++) {
		wb_table shifts;

		if (wb_table_fill(&shifts, pc_charts_shifts, &cmp->res[i]) != 0)
			continue;
		w.res = &cmp->res[i];
		wb_sheet_name(name, sizeof name, "Roster ", cmp->label[i]);
		/* Two labels alike in their first 24 characters: number them. */
		for (int j = 0; j < i; j++)
			if (!strncmp(cmp->label[j], cmp->label[i], 24))
				snprintf(name, sizeof name, "Roster %d", i + 1);
		wb_roster(&w, cmp->sc[i], &shifts, name, &run_grid);
		wb_table_release(&shifts);
	}
	lrc = workbook_close(w.book);
	if (lrc != LXW_NO_ERROR) {
		rc = PC_EIO;
		pc_error_set(err, path, 0, "cannot write the workbook: %s", lxw_strerror(lrc));
	}
	wb_table_release(&table);
	wb_table_release(&sla);
	return rc;
}

/* ---- sweep ------------------------------------------------------------- */

static int wb_sweep_csv(const void *ctx, FILE *out)
{
	return pc_sweep_write_csv(ctx, out);
}

/* Whether point p meets KPI k's target, by the mean as the run summary
 * and the sweep's own summary judge it; -1 when k has no target. */
static int wb_sweep_met(const pc_sweep *sw, int p, int k)
{
	const double *st = sw->stat + ((size_t)p * (size_t)sw->nkpis + (size_t)k) * 4;

	if (isnan(st[3]))
		return -1;
	return !isnan(st[0]) && (sw->kpi[k].target_is_max ? st[0] <= st[3] + 1e-12 : st[0] >= st[3] - 1e-12);
}

int pc_workbook_write_sweep(const pc_sweep *sw, const char *path, pc_error *err)
{
	wb w;
	wb_table table;
	lxw_worksheet *ws;
	lxw_error lrc;
	char text[2048];
	int rc, row = 0, first = 2 + sw->naxes, col, nall = 0, best = -1, charts = 0;
	int tk[PC_MAX_KPIS], ntk = 0;

	memset(&w, 0, sizeof w);
	if ((rc = wb_table_fill_any(&table, wb_sweep_csv, sw)) != 0) {
		pc_error_set(err, path, 0, "cannot make the workbook's points sheet");
		return rc;
	}
	w.book = workbook_new(path);
	if (!w.book) {
		wb_table_release(&table);
		pc_error_set(err, path, 0, "cannot create the workbook '%s'", path);
		return PC_EIO;
	}
	wb_formats(&w);
	workbook_set_properties(w.book, &(lxw_doc_properties){ .title = "promocap sweep", .author = "promocap",
								.created = wb_created(sw->base) });
	for (int k = 0; k < sw->nkpis; k++)
		if (sw->npoints > 0 && wb_sweep_met(sw, 0, k) >= 0)
			tk[ntk++] = k;
	for (int p = 0; p < sw->npoints; p++) {
		int all = sw->complete[p];

		for (int i = 0; i < ntk && all; i++)
			all = wb_sweep_met(sw, p, tk[i]) == 1;
		if (all && ntk > 0) {
			nall++;
			if (best < 0)
				best = p;
		}
	}

	ws = wb_sheet(&w, "Summary");
	snprintf(text, sizeof text, "promocap sweep: %s, %d points%s", sw->base->name, sw->npoints,
		 sw->stopped ? " (stopped early: some not run)" : "");
	worksheet_write_string(ws, (lxw_row_t)row++, 0, text, w.title);
	row++;
	if (ntk == 0) {
		snprintf(text, sizeof text, "No service-level targets set: nothing to meet or miss");
	} else if (best < 0) {
		snprintf(text, sizeof text, "No point meets all %d targets", ntk);
	} else {
		size_t used;

		snprintf(text, sizeof text, "%d of %d points meet all %d targets; the first: ", nall, sw->npoints, ntk);
		for (int a = 0; a < sw->naxes; a++) {
			used = strlen(text);
			snprintf(text + used, sizeof text - used, "%s%s = %s", a ? ", " : "", sw->axis[a].name,
				 sw->axis[a].values[pc_sweep_at(sw, best, a)]);
		}
	}
	worksheet_write_string(ws, (lxw_row_t)row, 0, "Verdict", w.bold);
	worksheet_merge_range(ws, (lxw_row_t)row, 1, (lxw_row_t)row, (lxw_col_t)(first), text,
			      best >= 0 || ntk == 0 ? w.met : w.missed);
	row++;
	row++;
	/* One row per point: its values, targets met, which missed, then each
	 * targeted KPI's mean (the charts read these columns). */
	{
		lxw_row_t head = (lxw_row_t)row;

		worksheet_write_string(ws, head, 0, "point", w.head);
		for (int a = 0; a < sw->naxes; a++)
			worksheet_write_string(ws, head, (lxw_col_t)(1 + a), sw->axis[a].name, w.head);
		worksheet_write_string(ws, head, (lxw_col_t)(1 + sw->naxes), "targets met", w.head);
		worksheet_write_string(ws, head, (lxw_col_t)(first), "missed", w.head);
		col = first + 1;
		snprintf(text, sizeof text, "%s as a number%s%s%s", sw->axis[0].name, sw->axis[0].x_unit[0] ? " (" : "",
			 sw->axis[0].x_unit, sw->axis[0].x_unit[0] ? ")" : "");
		worksheet_write_string(ws, head, (lxw_col_t)col, text, w.head);
		for (int i = 0; i < ntk; i++) {
			snprintf(text, sizeof text, "%s (%s)", sw->kpi[tk[i]].label, sw->kpi[tk[i]].unit);
			worksheet_write_string(ws, head, (lxw_col_t)(col + 1 + i), text, w.head);
		}
		worksheet_set_row(ws, head, 45, NULL);
		worksheet_set_column(ws, 0, 0, 8, NULL);
		worksheet_set_column(ws, 1, (lxw_col_t)sw->naxes, 16, NULL);
		worksheet_set_column(ws, (lxw_col_t)(1 + sw->naxes), (lxw_col_t)(1 + sw->naxes), 11, NULL);
		worksheet_set_column(ws, (lxw_col_t)first, (lxw_col_t)first, 50, NULL);
		worksheet_set_column(ws, (lxw_col_t)(first + 1), (lxw_col_t)(first + 1 + ntk), 14, NULL);
		for (int p = 0; p < sw->npoints; p++) {
			lxw_row_t r = (lxw_row_t)(head + 1 + p);
			int met = 0;
			size_t used = 0;

			text[0] = '\0';
			worksheet_write_number(ws, r, 0, p + 1, NULL);
			for (int a = 0; a < sw->naxes; a++)
				worksheet_write_string(ws, r, (lxw_col_t)(1 + a), sw->axis[a].values[pc_sweep_at(sw, p, a)], NULL);
			worksheet_write_number(ws, r, (lxw_col_t)col, sw->axis[0].x[pc_sweep_at(sw, p, 0)], w.num);
			if (!sw->complete[p]) {
				worksheet_write_string(ws, r, (lxw_col_t)(1 + sw->naxes), "not run", NULL);
				continue;
			}
			for (int i = 0; i < ntk; i++) {
				const double *st = sw->stat + ((size_t)p * (size_t)sw->nkpis + (size_t)tk[i]) * 4;

				if (wb_sweep_met(sw, p, tk[i]) == 1) {
					met++;
				} else {
					snprintf(text + used, sizeof text - used, "%s%s", used ? "; " : "", sw->kpi[tk[i]].label);
					used = strlen(text);
				}
				if (isfinite(st[0]))
					worksheet_write_number(ws, r, (lxw_col_t)(col + 1 + i), wb_round6(st[0]), w.num);
			}
			snprintf(text + used, sizeof text - used, "%s", "");
			{
				char m[32];

				snprintf(m, sizeof m, "%d/%d", met, ntk);
				worksheet_write_string(ws, r, (lxw_col_t)(1 + sw->naxes), m, met == ntk ? w.met : w.missed);
			}
			worksheet_write_string(ws, r, (lxw_col_t)first, text, NULL);
		}
		/* A chart per targeted KPI against the first varied key, for a
		 * sweep of one key (with more, a line per combination would be
		 * needed: the what-if charts of gnuplot draw those). */
		if (sw->naxes == 1 && sw->npoints > 1) {
			lxw_row_t last = (lxw_row_t)(head + sw->npoints);

			for (int i = 0; i < ntk && charts < 6; i++) {
				lxw_chart *ch = workbook_add_chart(w.book, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
				lxw_chart_series *s;
				lxw_chart_options at = { .x_scale = 1.2, .y_scale = 1.0 };
				const double *st0 = sw->stat + (size_t)tk[i] * 4;

				if (!ch)
					break;
				s = chart_add_series(ch, NULL, NULL);
				chart_series_set_categories(s, "Summary", head + 1, (lxw_col_t)col, last, (lxw_col_t)col);
				chart_series_set_values(s, "Summary", head + 1, (lxw_col_t)(col + 1 + i), last,
							(lxw_col_t)(col + 1 + i));
				chart_series_set_name(s, "mean");
				snprintf(text, sizeof text, "%s (target %s %.4g %s)", sw->kpi[tk[i]].label,
					 sw->kpi[tk[i]].target_is_max ? "<=" : ">=", st0[3], sw->kpi[tk[i]].unit);
				chart_title_set_name(ch, text);
				snprintf(text, sizeof text, "%s%s%s%s", sw->axis[0].name, sw->axis[0].x_unit[0] ? " (" : "",
					 sw->axis[0].x_unit, sw->axis[0].x_unit[0] ? ")" : "");
				chart_axis_set_name(ch->x_axis, text);
				chart_axis_set_name(ch->y_axis, sw->kpi[tk[i]].unit);
				chart_axis_set_min(ch->y_axis, 0);
				chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
				worksheet_insert_chart_opt(ws, last + 3 + (lxw_row_t)(charts / 2) * 17,
							   (lxw_col_t)((charts % 2) * (first + 1)), ch, &at);
				charts++;
			}
		}
	}

	ws = wb_sheet(&w, "Points");
	worksheet_set_row(ws, 0, 45, NULL);
	worksheet_set_column(ws, 0, 300, 12, NULL);
	wb_put_table(&w, ws, &table, 0);
	worksheet_freeze_panes(ws, 1, 1 + sw->naxes);
	lrc = workbook_close(w.book);
	if (lrc != LXW_NO_ERROR) {
		rc = PC_EIO;
		pc_error_set(err, path, 0, "cannot write the workbook: %s", lxw_strerror(lrc));
	}
	wb_table_release(&table);
	return rc;
}
