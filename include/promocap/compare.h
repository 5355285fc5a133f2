/* compare: scenarios side by side with common random numbers: KPIs, their
 * differences to the first scenario with CIs from paired replications, SLA curves. */
#ifndef PROMOCAP_COMPARE_H
#define PROMOCAP_COMPARE_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/experiment.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

/* One KPI of one scenario. */
typedef struct pc_compare_fig {
	double mean, lo, hi;           /* over its replications, as pc_result_kpis */
	double diff, diff_lo, diff_hi; /* minus the first scenario's: the mean of the
					* paired differences (replication r against
					* replication r) with its 95% CI; NaN for
					* the first scenario, lo and hi NaN with
					* fewer than two pairs */
	int pairs;                     /* replications where both have a value */
	int has_target, met;           /* the scenario's own target on the KPI, met by the mean */
	double target;
} pc_compare_fig;

typedef struct pc_compare {
	int n;                        /* scenarios */
	const pc_scenario *const *sc; /* [n], borrowed */
	char (*label)[64];            /* [n] short names for columns: the file's base
				       * name without .ini, made unique with _2, _3 */
	uint64_t seed;                /* common to all */
	int reps;                     /* replications asked for */
	int reps_done;                /* paired replications that ran: reps unless stopped */
	int stopped;                  /* a stop came first */
	pc_result *res;               /* [n], reps_done replications each */
	int nkpis;
	pc_kpi kpi[PC_MAX_KPIS];      /* the rows: the first scenario's KPIs, then those
				       * only later scenarios have, matched by key */
	pc_compare_fig *fig;          /* [n * nkpis], scenario i's KPI k at i * nkpis + k */
	int *comparable;              /* [nkpis] 0 where the scenarios measure a KPI
				       * against different times (labels differ:
				       * "within 30min" and "within 1h") */
	char (*demand)[512];          /* [n] the demand keys that differ from the
				       * first scenario's, "" when none (then both
				       * face the same refunds) */
} pc_compare;

/* Runs replications 0 .. reps-1 of every scenario with the same seed
 * (replication r of each from the streams of (seed, r): common random
 * numbers), replication r of all before r + 1, and computes the figures.
 * After a stop (ex->stop) only the replications every scenario finished
 * count and cmp->stopped is set; that is not an error.  Returns 0, or
 * PC_ENOMEM / the first failing replication's error with err filled and
 * *cmp holding nothing. */
int pc_compare_run(pc_compare *cmp, const pc_scenario *const *sc, int n, uint64_t seed, int reps,
		   const pc_exec *ex, pc_error *err);

/* Frees what the comparison holds.  NULL-safe. */
void pc_compare_release(pc_compare *cmp);

/* compare.csv: one row per KPI: kpi, label, unit, comparable (yes/no), then
 * for each scenario L: L_mean, L_ci95_low, L_ci95_high and, after the first,
 * L_diff, L_diff_ci95_low, L_diff_ci95_high.  Returns 0 or PC_EIO. */
int pc_compare_write_csv(const pc_compare *cmp, FILE *out);

/* compare_scenarios.csv: one row per scenario: scenario (its label), file,
 * name, seed, replications, same_demand (yes/no, against the first),
 * demand_differs (the keys).  Returns 0 or PC_EIO. */
int pc_compare_write_scenarios(const pc_compare *cmp, FILE *out);

/* sla_compare.csv: every 15 min of elapsed time (hours), for each scenario
 * L the share of refunds completed within t: L_all_pct, L_all_low,
 * L_all_high, then by path L_unshipped_pct, L_in_transit_pct,
 * L_received_no_return_pct, L_return_pct (empty past a scenario's
 * horizon).  Returns 0, PC_EIO or PC_ENOMEM. */
int pc_compare_write_sla(const pc_compare *cmp, FILE *out);

/* The side-by-side table on stdout, with what each scenario shares with
 * the first.  Returns 0 or PC_EIO. */
int pc_compare_write_summary(const pc_compare *cmp, FILE *out);

#endif
