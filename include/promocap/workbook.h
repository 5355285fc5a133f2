/* workbook: the run's results as an Excel workbook (report.xlsx, libxlsxwriter): summary with the verdict, KPIs against targets, daily figures, the roster grid and native charts. */
#ifndef PROMOCAP_WORKBOOK_H
#define PROMOCAP_WORKBOOK_H

#include "promocap/error.h"
#include "promocap/result.h"

/* Writes the workbook of a finished run to path (created or replaced; the
 * caller writes it under a temporary name and renames it, so a killed run
 * leaves no half workbook).  res is borrowed: nothing is simulated again,
 * the sheets hold the same figures as the CSV tables of pc_output_tables.
 * Sheets, in order:
 *   Summary  the scenario, its demand and the seed's baseline, staff cost,
 *            and the verdict: every target met, or which missed and by how much;
 *   KPIs     every KPI: mean, 95% CI, unit, target and met/MISSED (coloured);
 *   Daily    per day: requests, completions, first response, backlog,
 *            staff-hours, utilisation; a chart of requests and backlog;
 *   Roster   date x shift headcount per resource, staff-hours and cost per
 *            day (colour scale), from shifts.csv's figures;
 *   SLA      share of refunds finished within t hours, per path and all,
 *            with a chart of the curve and its target.
 * Labels are English; the scenario's name and shift names are written as
 * given (UTF-8, Chinese shows as such in Excel).
 * Returns 0, or PC_EIO / PC_ENOMEM with err filled. */
int pc_workbook_write_run(const pc_result *res, const char *path, pc_error *err);

struct pc_plan_confidence;

/* The workbook of plan --confidence: pc_workbook_write_run's of the
 * chosen rosters' full check, and a sheet Forecast: the share of the
 * forecast draws meeting every target, the demand planned for, and per
 * target its planned value, the plan at the 10th and 90th percentile of
 * demand and the share of draws meeting it (a percentage). */
int pc_workbook_write_plan_confidence(const pc_result *res, const struct pc_plan_confidence *conf, const char *path,
				      pc_error *err);

struct pc_design;

/* report.xlsx of a shift design (pc_design_run; conf, or NULL, from
 * pc_design_confidence_run): the run's sheets of the designed rosters,
 * the Roster sheet the designed patterns per day (paid people, paid hours,
 * cost with premiums, as staffing.csv), a sheet "Roster kept" for the
 * resources whose shifts were not designed, and with conf the Forecast
 * sheet.  Returns as pc_workbook_write_run. */
int pc_workbook_write_design(const struct pc_design *d, const struct pc_plan_confidence *conf, const char *path,
			     pc_error *err);

struct pc_compare;

/* Writes the workbook of a comparison to path, as pc_workbook_write_run:
 *   Summary      per scenario its verdict, staff-hours, staff cost and the
 *                demand keys that differ from the first;
 *   Compare      compare.csv: every KPI side by side, differences to the
 *                first scenario with paired 95% CIs;
 *   SLA          sla_compare.csv, with a chart of every scenario's curve;
 *   Roster NAME  each scenario's roster grid, as in the run's workbook.
 * Returns 0, or PC_EINPUT (no scenario), PC_EIO, PC_ENOMEM with err filled. */
int pc_workbook_write_compare(const struct pc_compare *cmp, const char *path, pc_error *err);

struct pc_sweep;

/* Writes the workbook of a sweep to path, as pc_workbook_write_run:
 *   Summary  the verdict (how many points meet every target, the first that
 *            does), one row per point with its values, targets met, which
 *            missed and each targeted KPI's mean; for a sweep of one key a
 *            chart of each targeted KPI against it (up to six);
 *   Points   sweep.csv.
 * Returns 0, or PC_EIO / PC_ENOMEM with err filled. */
int pc_workbook_write_sweep(const struct pc_sweep *sw, const char *path, pc_error *err);

#endif
