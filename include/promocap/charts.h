/* charts: the two small tables the chart scripts and the review pack read
 * besides the run's own tables: the scenario's figures (scenario.csv) and
 * staffing and utilisation per resource, day and shift (shifts.csv). */
#ifndef PROMOCAP_CHARTS_H
#define PROMOCAP_CHARTS_H

#include <stddef.h>
#include <stdio.h>

#include "promocap/result.h"

/* Writes scenario.csv to out: a header "key","value","unit" and one row per
 * figure a chart needs from the scenario (unit never empty: "text", "date",
 * "datetime", "h", "min", "%", "CNY", ...):
 *   name, file, seed, replications,
 *   start ("YYYY-MM-DD HH:MM" of time 0), sales_start, sales_end, horizon,
 *   interval_min, gmv_cny, aov_cny, orders, refund_rate_pct,
 *   after_sales_ratio_pct, refunds_expected,
 *   entry_opens, refund_peak (start of the interval with the most refund
 *   requests, mean over the replications), protection_period_hours,
 *   escalation_peak (refund_peak + protection period: where escalations
 *   peak [004]), response_timeout_hours, timeout_first (entry_opens +
 *   timeout: the first automatic approvals), timeout_peak (refund_peak +
 *   timeout),
 *   sla_<target>_pct and sla_<target>_within_<unit> for first_response
 *   (min), refund_only_done, return_paid, all_done, supervisor_approval
 *   (hours), sla_dispute_refund_rate_max_pct,
 *   baseline_agents, baseline_agents_exact, baseline_cases_per_day,
 *   baseline_days.
 * Dates are "YYYY-MM-DD", times "YYYY-MM-DD HH:MM"; a figure the scenario
 * does not set (a target, a timeout of 0) has an empty value, written as
 * nothing between the commas (gnuplot misreads a last empty column and
 * "").  Text is quoted by libcsv, so values are exactly the scenario's;
 * gnuplot itself cuts a text at a comma or quote, which is why the name
 * reaches the charts through pc_plot_write.  Returns 0,
 * PC_ENOMEM or PC_EIO.  out is borrowed, not closed. */
int pc_charts_scenario(const pc_result *res, FILE *out);

/* Writes shifts.csv to out: one row per resource, shift and day of the
 * horizon (grouped by resource, then shift, days ascending), columns
 *   resource, date, shift, start, end ("HH:MM"), headcount (from the
 *   roster), staff_hours (headcount x the shift's hours within the horizon),
 *   busy_hours, utilisation_pct.
 * busy_hours and utilisation_pct come from the per-interval series (mean
 * over the replications), prorated over the shift's window: where shifts
 * overlap, each shows the pooled utilisation of everyone on duty then.  A
 * resource without shifts (a change-point roster) gets one row "all_day"
 * 00:00-24:00 per day with the mean headcount.  utilisation_pct is empty
 * when nobody is on duty.  Returns 0, PC_ENOMEM or PC_EIO; out is borrowed. */
int pc_charts_shifts(const pc_result *res, FILE *out);

/* Reads the scenario's name from an open scenario.csv (as written by
 * pc_charts_scenario) into name[0..n), truncated to fit.  Returns 0, or
 * PC_EINPUT when the stream holds no "name" row (name is then "").  in is
 * borrowed. */
int pc_charts_read_name(FILE *in, char *name, size_t n);

#endif
