/* pack_common: what the review packs of plan (src/pack_plan.c), compare and
 * sweep (src/pack_compare.c) share beyond src/report_page.c: the verdict
 * box, numbers and shares without noise, KPI names in the page's language,
 * table cells. */
#ifndef PC_PACK_COMMON_H
#define PC_PACK_COMMON_H

#include <stddef.h>

#include "promocap/pack.h"
#include "report_page.h"

#define W(p, en, zh) pc_page_w(p, en, zh)

/* The roles' names: plural, Chinese, capitalised. */
extern const char *const pack_res_en[PC_NRES];
extern const char *const pack_res_zh[PC_NRES];
extern const char *const pack_res_cap[PC_NRES];

/* The verdict of a pack: ok (green) or not, a headline and the lines under
 * it.  Built from the command's own met/missed figures; written by
 * section_verdict, the one place to switch when a shared verdict exists. */
typedef struct pack_verdict {
	int ok;
	char head[512];
	char item[24][720];
	int n;
} pack_verdict;

/* With forecast distributions (res->sc->forecast.on): the forecast's
 * spread in words, as the summary says it (pc_output_spread_words), one
 * line per targeted KPI and the refund requests, s[i] the spread of k[i];
 * nothing otherwise. */
struct pc_spread;
void pack_section_forecast(const pc_page *p, const pc_result *res, const pc_kpi *k, int nk,
			   const struct pc_spread *s);

/* Adds a line under the verdict's headline (at most 24). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void pack_v_add(pack_verdict *v, const char *fmt, ...);

/* Writes the verdict section: its heading and the box. */
void pack_section_verdict(const pc_page *p, const pack_verdict *v);

/* Writes the verdict section of a command with a run behind it: the
 * command's own box v, then the shared verdict of that run in detail
 * (pc_verdict_write_html_details: the targets, the worst day, the causes,
 * the actions), as the run's page shows them. */
void pack_section_verdict_run(const pc_page *p, const struct pc_verdict *shared, const pack_verdict *v);

/* A share in percent: one decimal, three significant digits below 10%;
 * sign: with its sign. */
void pack_fmt_pct(char *buf, size_t n, double v, int sign);
/* A number: thousands grouped from 1,000, three significant digits below. */
void pack_fmt_num(char *buf, size_t n, double v);
/* A figure with its unit ("92.1%", "12.2 h", "n/a"). */
void pack_fmt_val(char *buf, size_t n, double v, const char *unit);
/* pack_fmt_val of v, with more digits where it would read as target
 * while it is not (pc_text_apart): "99.97%" against "≥ 100.0%". */
void pack_fmt_val_apart(char *buf, size_t n, double v, double target, const char *unit);
/* A figure and its 95% CI, the unit once: "92.1% (90.3–93.8)". */
void pack_fmt_ci(char *buf, size_t n, double mean, double lo, double hi, const char *unit);
/* "≥ 95.0%" or "≤ 0.1%". */
void pack_fmt_target(char *buf, size_t n, double target, int is_max, const char *unit);
/* CNY, thousands grouped. */
void pack_money(char *buf, size_t n, double v);
/* A KPI's name: its label, in Chinese the Chinese name before it. */
void pack_kpi_name(const pc_page *p, const char *key, const char *label, char *buf, size_t n);
/* A KPI's short name for a column heading. */
void pack_kpi_short(const pc_page *p, const char *key, const char *label, char *buf, size_t n);
/* "hh:mm" of seconds after midnight; is_end: midnight as 24:00. */
void pack_clock_text(int sec, int is_end, char *buf, size_t n);
/* The date of day day (0: the scenario's first). */
void pack_date_text(const pc_scenario *sc, int day, char *buf, size_t n);
/* A heading or data cell, text escaped, class cls (NULL: none). */
void pack_th(const pc_page *p, const char *cls, const char *text);
void pack_td(const pc_page *p, const char *cls, const char *text);
/* A cell with a figure and its 95% CI on a second line. */
void pack_td_ci(const pc_page *p, const char *cls, double mean, double lo, double hi, const char *unit);
/* The charts section (nothing without charts). */
void pack_section_charts(const pc_page *p, const pc_report_chart *charts, int ncharts);
/* A note under a table: where the figures come from. */
void pack_sources(const pc_page *p, const char *en, const char *zh);

/* The staff cost of a run's roster, as the workbook counts it: shifts.csv's
 * staff-hours times each resource's cost.  NaN when it cannot be counted. */
double pack_roster_cost(const pc_result *res);

/* The verdict box of a run, from its verdict vd (src/verdict.c, judged as
 * run prints it: a target judged per day is missed when a day misses it):
 * every target met or which missed and by how much, and the staff cost. */
void pack_result_verdict(const pc_page *p, const pc_result *res, const struct pc_verdict *vd, pack_verdict *v);

/* With forecast distributions (res->sc->forecast.on): the forecast's
 * spread in words, as the summary says it (pc_output_spread_words), one
 * line per targeted KPI and the refund requests, s[i] the spread of k[i];
 * nothing otherwise. */
struct pc_spread;
void pack_section_forecast(const pc_page *p, const pc_result *res, const pc_kpi *k, int nk,
			   const struct pc_spread *s);

#endif
