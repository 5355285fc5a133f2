/* forecast_output: the library's internal calls that add the forecast's
 * spread to kpis.csv (output.c), the words of the
 * summary, the review pack and the workbook; the public ones are in output.h. */
#ifndef PC_FORECAST_OUTPUT_H
#define PC_FORECAST_OUTPUT_H

#include <stdio.h>

#include "csvrow.h"
#include "promocap/spread.h"

/* The names of the spread columns kpis.csv gains with forecasts, NULL
 * terminated. */
extern const char *const pc_output_spread_columns[];

/* Writes s as the cells of those columns. */
void pc_output_spread_cells(pc_csvrow *r, const pc_spread *s);

/* The refunds R = gmv * rate / aov over the forecast draws of res (one a
 * draw): their P10 and P90 into lo, hi (NaN without a draw). */
void pc_output_refunds_range(const pc_result *res, double *lo, double *hi);

/* Chance's +- v of a KPI in unit in words: "2.1 points" for a share in
 * %, "3.2 h" otherwise (zh: in Chinese). */
void pc_output_spread_pm(char *buf, size_t n, double v, const char *unit, int zh);

/* Whether the summary and the packs put KPI k's spread in words: a KPI
 * with a target, and the refund requests. */
int pc_output_spread_worded(const pc_kpi *k);

/* KPI k's spread s in words, as the summary says it: "first response
 * within 30min is 84.2-99.9% (P10-P90); chance alone adds +-2.1 points;
 * target >= 95% met in 50% of the draws" (zh: in Chinese, for the
 * pack).  label: the KPI's name to use (NULL: k->label). */
void pc_output_spread_words(const pc_kpi *k, const pc_spread *s, const char *label, int zh, char *buf, size_t n);

/* The summary's forecast section (res->sc->forecast.on): the keys' forecast
 * distributions, the refunds' P10-P90 over the draws, and for the KPIs k[0
 * .. n) with a target (and refund requests) their P10-P90 over the
 * forecasts, chance's +- and the share of draws meeting the target, in
 * words. */
void pc_output_forecast_summary(const pc_result *res, const pc_kpi *k, int n, FILE *out);

#endif
