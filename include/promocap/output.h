/* output: the run's tables as CSV (libcsv) and the summary as text, written
 * to streams the caller opened and closes. */
#ifndef PROMOCAP_OUTPUT_H
#define PROMOCAP_OUTPUT_H

#include <stdio.h>

#include "promocap/result.h"

/* A CSV table writer: writes the whole table to out, returns 0 or PC_EIO. */
typedef int (*pc_output_fn)(const pc_result *res, FILE *out);

/* The tables a run writes, in order, each with its file name. */
typedef struct pc_output_table {
	const char *file;   /* "kpis.csv" */
	pc_output_fn write;
	const char *what;   /* one line for --help and README */
} pc_output_table;

/* The tables, terminated by an entry with file == NULL. */
extern const pc_output_table pc_output_tables[];

/* kpis.csv: every KPI with its mean, 95% CI, target and whether it is
 * met; with forecast distributions (sc->forecast.on) also its spread over
 * the forecasts and chance's part (spread.h).  Returns 0 or PC_EIO. */
int pc_output_kpis(const pc_result *res, FILE *out);

/* forecast.csv, written only with forecast distributions: per replication
 * its forecast draw (the keys' values, shares in %), the refunds they give
 * (gmv x rate / aov) and the refund requests simulated.  Returns 0 or
 * PC_EIO. */
int pc_output_forecast(const pc_result *res, FILE *out);
extern const pc_output_table pc_output_forecast_table;

int pc_output_daily(const pc_result *res, FILE *out);

/* scorecard.csv: per day of the run, the shop's rolling 30-day metrics as
 * the platform would show them that day [000] (product-experience refund
 * rate and dispute refund rate per paid order; refund-only and
 * return-refund completion time over every refund completed in the
 * window), from the promotion's figures and 30 days of the [scorecard]
 * level outside it; the means over replications.  Returns 0 or PC_EIO. */
int pc_output_scorecard(const pc_result *res, FILE *out);
int pc_output_intervals(const pc_result *res, FILE *out);
int pc_output_sla(const pc_result *res, FILE *out);
int pc_output_segments(const pc_result *res, FILE *out);
int pc_output_first_response(const pc_result *res, FILE *out);
/* Peak dates [004]: the refund requests' and the escalations' peak days,
 * and the end of the protection period and of the processing cycle counted
 * from the request peak. */
int pc_output_peaks(const pc_result *res, FILE *out);

/* Writes text as one CSV field, quoted by libcsv, for any table that shows
 * text from a scenario.  Text a spreadsheet would take for a formula (its
 * first character after blanks one of = + - @ tab CR, as in
 * "=cmd|' /C calc'!A0") gets a leading apostrophe, so it shows as text and
 * never runs.  Returns 0, PC_EIO or PC_ENOMEM. */
int pc_output_csv_text(FILE *out, const char *text);

/* The summary a manager reads on stdout: demand, the seed's baseline
 * staffing, the simulated KPIs with CIs and targets.  Returns 0 or PC_EIO. */
int pc_output_summary(const pc_result *res, FILE *out);

#endif
