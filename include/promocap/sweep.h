/* sweep: what-if grids over scenario keys (--vary KEY=VALUES), every point run
 * with its replications, KPIs with 95% CIs per point, as CSV for tables and charts. */
#ifndef PROMOCAP_SWEEP_H
#define PROMOCAP_SWEEP_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/experiment.h"
#include "promocap/result.h"
#include "promocap/memory.h"
#include "promocap/scenario.h"

/* Most values on one axis, and most points in a grid. */
#define PC_SWEEP_MAX_VALUES 1000
#define PC_SWEEP_MAX_POINTS 20000

/* One varied key and its values. */
typedef struct pc_sweep_axis {
	char name[160];       /* the key as resolved: "refunds.rate", "agents.day" */
	char section[64];     /* "refunds"; "staff.agent" for a shift headcount */
	char key[64];         /* "rate"; the shift's name for a shift headcount */
	int shift;            /* 1: the headcount of shift key of res on every day */
	pc_res res;
	pc_key_syntax syntax;
	int nvalues;
	char **values;        /* [nvalues] texts in the key's own syntax: "6%", "20min" */
	double *x;            /* [nvalues] the values as numbers for charts, in
			       * x_unit; 1, 2, ... when they are not numbers */
	char x_unit[8];       /* "pct", "s", "min", "h", "d" or "" */
} pc_sweep_axis;

/* Parses one --vary specification, KEY=VALUES, against base, into *axis.
 *
 * KEY is section.key ("refunds.rate", "path.return.refund_on_signature"); a
 * key alone when only one section has it ("gmv", "refund_on_signature"); an
 * alias: refund_rate (refunds.rate), agents, supervisors, inspectors (the
 * roster's headcount in every shift: staff.agent.roster, ...),
 * response_timeout (platform.seller_response_timeout); or agents.SHIFT,
 * supervisors.SHIFT, inspectors.SHIFT: that shift's headcount on every day
 * (pc_scenario_set_shift).
 *
 * VALUES is a range FROM:TO:STEP for keys whose values are numbers, shares
 * or durations, written in the key's syntax ("4:20:2", "3%:8%:1%",
 * "10min:60min:10min"): FROM, FROM + STEP, ... up to TO, STEP > 0, FROM <=
 * TO; or a list: values separated by ';' when the text has one, otherwise
 * by commas outside parentheses ("3%,5%,8%", "fixed(3min),lognormal(mean=3min,
 * cv=0.5)", "unshipped 50%, return 50%;unshipped 30%, return 70%"; a single
 * value with commas ends with ';').  Every value is checked by setting it
 * on a copy of base.
 *
 * Returns 0, or PC_EINPUT / PC_ENOMEM with err filled as
 * "--vary 'SPEC': message" and *axis holding nothing to release. */
int pc_sweep_axis_parse(pc_sweep_axis *axis, const char *spec, const pc_scenario *base,
			pc_error *err);

/* Frees the axis's values.  NULL-safe. */
void pc_sweep_axis_release(pc_sweep_axis *axis);

/* The aliases --vary takes besides section.key and keys unique to one
 * section, for tools that list them (shell completion): alias i
 * ("refund_rate", "agents", ...; i = 0, 1, ...), NULL past the last. */
const char *pc_sweep_alias(int i);

/* Sets value i of axis on sc (pc_scenario_set or pc_scenario_set_shift).
 * Returns 0 or their error, *sc then unchanged. */
int pc_sweep_axis_apply(const pc_sweep_axis *axis, int i, pc_scenario *sc, pc_error *err);

/* A grid: every combination of the axes' values, the first axis varying
 * slowest.  Point p runs with its own scenario's seed and replications
 * (those of base unless an axis varies them): replication r of every point
 * draws from the streams of (seed, r), so points differ by their settings,
 * not by their luck (common random numbers). */
typedef struct pc_sweep {
	const pc_scenario *base;    /* borrowed */
	int naxes;
	const pc_sweep_axis *axis;  /* [naxes], borrowed */
	int npoints;
	int *reps;                  /* [npoints] replications of each point */
	uint64_t *seed;             /* [npoints] */
	int nkpis;
	pc_kpi kpi[PC_MAX_KPIS];    /* the KPIs as base defines them (key, label,
				     * unit, target), then those only some points
				     * have (a lever an axis turns on), matched by
				     * key; the figures are in stat */
	double *stat;               /* [npoints * nkpis * 4]: mean, 95% CI low,
				     * high, target (NaN: none) of KPI k of point p
				     * at ((p * nkpis) + k) * 4 */
	int *complete;              /* [npoints] 1 once its replications all ran */
	double *cost;               /* [npoints] staff cost, CNY (mean of the
				     * replications: paid staff-hours x cost) */
	/* [npoints] each point's verdict (pc_verdict_compute): targets, met,
	 * and the missed ones' short names ("first response, all done"). */
	int *targets, *met;
	char (*missed)[128];
	int points_done;
	int stopped;                /* a stop came before every point ran */
} pc_sweep;

/* Sets up the grid of axes over base, building and checking every point's
 * scenario (a combination can be wrong where each value alone is fine).
 * Returns 0, or PC_EINPUT ("--vary point KEY=V, KEY=V: message", or too
 * many points) / PC_ENOMEM with err filled and *sw holding nothing. */
int pc_sweep_init(pc_sweep *sw, const pc_scenario *base, const pc_sweep_axis *axes, int naxes,
		  pc_error *err);

/* The memory the sweep needs on threads threads (0: one per core), as
 * pc_memory_estimate gives it for a run: the largest point's simulator
 * per thread and the replications' figures of a chunk of points held at
 * once; *m describes that largest point (its refunds, replications,
 * threads).  Returns 0, or PC_ENOMEM / PC_EINPUT with err filled. */
int pc_sweep_memory(const pc_sweep *sw, int threads, pc_memory *m, pc_error *err);

/* Frees the sweep's figures.  NULL-safe. */
void pc_sweep_release(pc_sweep *sw);

/* Value index on axis a of point p. */
int pc_sweep_at(const pc_sweep *sw, int p, int a);

/* Runs every point's replications as pc_experiment_run does, points in
 * order, and fills stat.  After a stop (ex->stop) the points that finished
 * are complete (with several threads not always the first ones), the rest
 * not, and sw->stopped is set; that is not an error.
 * Returns 0, or the first failing replication's error (err filled). */
int pc_sweep_run(pc_sweep *sw, const pc_exec *ex, pc_error *err);

/* sweep.csv: one row per point: point (1, 2, ...), the varied values (one
 * column per axis, named as the axis), complete (yes/no), replications,
 * then for every KPI KEY[_UNIT]_mean, _ci95_low, _ci95_high (UNIT pct,
 * hours or minutes; empty where a point did not run).  Returns 0 or PC_EIO. */
int pc_sweep_write_csv(const pc_sweep *sw, FILE *out);

/* whatif.csv, the shape plots/sweep.gp draws: for every KPI and every value
 * of the first axis one row: kpi, label, unit, target, x (the value as a
 * number), x_label (as written), x_name (the first axis's name), then one
 * column per combination of the
 * other axes' values ("agents.night=2 refunds.rate=5%"; a single column
 * "mean" with one axis) holding the KPI's mean there.  Returns 0 or PC_EIO. */
int pc_sweep_write_whatif(const pc_sweep *sw, FILE *out);

/* The summary on stdout: the grid, then one line per point with the
 * headline KPIs and how many targets the point meets.  Returns 0 or PC_EIO. */
int pc_sweep_write_summary(const pc_sweep *sw, FILE *out);

#endif
