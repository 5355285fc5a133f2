/* pack: the review packs of plan, compare and sweep (report.html), one
 * self-contained HTML page each in the house style of the run's report
 * (pc_report_write): the verdict first, then the staffing grid and cost
 * (plan), the scenarios' differences and KPIs side by side (compare), the
 * KPIs per point (sweep), each target with met/missed, and the charts
 * embedded as base64 SVG.  No script, no network, no clock time: the same
 * figures give the same bytes.  lang is "en" or "zh" (anything else is
 * taken as "en"); note, when not NULL, is shown at the top (e.g. why the
 * charts are missing); charts[0..ncharts) are borrowed for the call.  Each
 * returns 0 or PC_EIO; out is borrowed, not closed. */
#ifndef PROMOCAP_PACK_H
#define PROMOCAP_PACK_H

#include <stdio.h>

#include "promocap/compare.h"
#include "promocap/design.h"
#include "promocap/plan.h"
#include "promocap/report.h"
#include "promocap/sweep.h"

/* The plan's pack: the verdict (every target met or not, on every day for
 * a target judged per day; cost; people a day; what binds), the staffing
 * grid date x shift per resource with people, staff-hours and cost per
 * day, the targets with met/missed, the methods compared. */
int pc_pack_write_plan(const pc_plan *plan, const pc_report_chart *charts, int ncharts, const char *lang,
		       const char *note, FILE *out);

/* The plan's pack of plan --confidence: as pc_pack_write_plan, with the
 * share of the forecast draws meeting every target in the verdict
 * (pc_plan_confidence_verdict_words) and a section on the forecast: the
 * demand planned for, each target at the 10th and 90th percentile of
 * demand, the draws missing it. */
struct pc_plan_confidence;
int pc_pack_write_plan_confidence(const pc_plan *plan, const struct pc_plan_confidence *conf,
				  const pc_report_chart *charts, int ncharts, const char *lang, const char *note,
				  FILE *out);

/* The pack of a plan with shift design: the verdict, the shift patterns,
 * the grid date x pattern with people and cost per day (and first response
 * that day), the targets with met/missed. */
int pc_pack_write_design(const pc_design *d, const pc_report_chart *charts, int ncharts, const char *lang,
			 const char *note, FILE *out);

/* The pack of plan --confidence with shift design: as
 * pc_pack_write_design, with the forecast's verdict and section as
 * pc_pack_write_plan_confidence has them. */
int pc_pack_write_design_confidence(const pc_design *d, const struct pc_plan_confidence *conf,
				    const pc_report_chart *charts, int ncharts, const char *lang, const char *note,
				    FILE *out);

/* The comparison's pack: the verdict per scenario with its staff cost, the
 * scenario keys that differ from the first scenario, every KPI side by
 * side with its target, met/missed and the paired difference to the first. */
int pc_pack_write_compare(const pc_compare *cmp, const pc_report_chart *charts, int ncharts, const char *lang,
			  const char *note, FILE *out);

/* The sweep's pack: the verdict (which points meet every target, the first
 * that does, where each target is met), the swept values, and per point the
 * targeted KPIs with their CIs and met/missed. */
int pc_pack_write_sweep(const pc_sweep *sw, const pc_report_chart *charts, int ncharts, const char *lang,
			const char *note, FILE *out);

#endif
