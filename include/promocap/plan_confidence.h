/* plan_confidence: plans rosters that meet every target in a given share
 * of the forecast draws (plan --confidence 90%), not only at the mean
 * forecast: planned at a quantile of demand, checked over the draws, the
 * quantile raised while too few draws are met (docs/forecast.md). */
#ifndef PROMOCAP_PLAN_CONFIDENCE_H
#define PROMOCAP_PLAN_CONFIDENCE_H

#include <stdio.h>

#include "promocap/design.h"
#include "promocap/plan.h"

/* Forecast draws that rank demand (no simulation: draws only). */
#define PC_CONF_RANK_DRAWS 1000
/* Forecast draws the plan is checked over, PC_FC_RUNS_PER_DRAW
 * replications each. */
#define PC_CONF_CHECK_DRAWS 100
/* Plans made at most: the first, then raises of the quantile. */
#define PC_CONF_MAX_ROUNDS 3

/* The plan at one demand level, its targets judged. */
typedef struct pc_conf_level {
	double quantile;         /* of demand over the forecast draws */
	double work;             /* demand index there: refunds x (1 + after_sales_ratio) */
	double value[PC_NFC];    /* the forecast simulated */
	double mean[PC_PLAN_MAX_TARGETS], lo[PC_PLAN_MAX_TARGETS], hi[PC_PLAN_MAX_TARGETS];
	int met[PC_PLAN_MAX_TARGETS]; /* the planned target by the mean */
	int all_met;
	int reps;
} pc_conf_level;

/* A target the draws were checked against, as the final plan has it. */
typedef struct pc_conf_target {
	char key[48];
	char label[96];
	char unit[16];
	int is_max;
	int by_day;              /* judged on its worst day (first response per day) */
	double planned;          /* the value met, in unit */
} pc_conf_target;

typedef struct pc_plan_confidence {
	double level;            /* asked: 0.9 for 90% */
	pc_forecast forecast;    /* the scenario's forecast distributions */
	double work_mean;        /* demand index at the forecast's means */
	int rounds;              /* plans made */
	pc_conf_level planned;   /* the demand the final plan was made for */
	int draws;               /* forecast draws it was checked over */
	int met_draws;           /* of them meeting every planned target */
	double share, share_lo, share_hi; /* met_draws / draws, 95% Wilson interval */
	int met;                 /* share >= level */
	int covered, covered_met; /* draws asking no more than the median demand;
				   * of them meeting every target */
	int chance_bound;        /* too many of those miss (more than 1 - level):
				  * chance, not demand, misses; no raise helps */
	int ntargets;            /* the final plan's targets, in the order of
				  * missed[], draw_kpi and the levels' figures */
	pc_conf_target target[PC_PLAN_MAX_TARGETS];
	int missed[PC_PLAN_MAX_TARGETS]; /* draws missing each target */
	pc_conf_level p10, p90;  /* the final plan at the 10th and 90th percentile */
	/* Per draw checked (draws of them): its forecast, demand index, each
	 * target's value (mean of its replications) and whether all held. */
	double (*draw_value)[PC_NFC];
	double *draw_work;
	double (*draw_kpi)[PC_PLAN_MAX_TARGETS];
	unsigned char *draw_met;
	pc_scenario design;      /* the scenario planned: sc at planned.value,
				  * without distributions; the plan borrows it */
} pc_plan_confidence;

/* The demand index of forecast value[]: refunds R = gmv * rate / aov and
 * the after-sales work R * after_sales_ratio (docs/business.md §6). */
double pc_conf_work(const double value[PC_NFC]);

/* The forecast at quantile q of demand: the means of sc's distributions,
 * with the volume (gmv, else rate, aov or after_sales_ratio, the first
 * with a distribution) set so that the demand index is the q-quantile of
 * its PC_CONF_RANK_DRAWS draws (the draws pc_sim_run makes for seed).
 * Fills value[] and returns the demand index there. */
double pc_conf_forecast_at(const pc_scenario *sc, uint64_t seed, double q, double value[PC_NFC]);

/* Plans sc, whose forecast has a distribution (sc->forecast.on), so that
 * its rosters meet every planned target in a share level (0 < level < 1)
 * of the forecast draws: plans at the level-quantile of demand with
 * pc_plan_run, simulates the rosters over PC_CONF_CHECK_DRAWS draws and
 * counts those whose replications' mean meets every target; while the
 * share is below level, plans again at a quantile raised by the shortfall
 * (at most PC_CONF_MAX_ROUNDS plans), unless the draws asking no more than
 * the median demand miss as often (chance_bound).  Then simulates the final rosters at
 * the 10th and 90th percentile of demand.  *out is the final plan (its sc
 * is conf->design), conf the rest; release both with
 * pc_plan_confidence_free.  Returns 0 (conf->met says whether the share
 * was reached), PC_EINPUT (no forecast distribution, or as pc_plan_run),
 * PC_ERUN or PC_ENOMEM with err filled and nothing to free. */
int pc_plan_confidence_run(const pc_scenario *sc, double level, const pc_plan_options *opt, pc_plan **out,
			   pc_plan_confidence *conf, pc_error *err);

/* Frees the plan and what conf owns.  NULL-safe for plan. */
void pc_plan_confidence_free(pc_plan *plan, pc_plan_confidence *conf);

/* pc_plan_confidence_run with shift design ([plan] *_patterns): each plan
 * is pc_design_run's at the quantile of demand; its targets are the
 * design's (first response on its worst day when the design judges it
 * per day, by the mean of each draw as plan's are).  The checks use opt's
 * seed, threads and replications.  *out is the final design (its sc is
 * conf->design); release both with pc_design_confidence_free.  Returns as
 * pc_plan_confidence_run (PC_EINPUT also as pc_design_run). */
int pc_design_confidence_run(const pc_scenario *sc, double level, const pc_design_options *opt, pc_design **out,
			     pc_plan_confidence *conf, pc_error *err);

/* Frees the design and what conf owns.  NULL-safe for d. */
void pc_design_confidence_free(pc_design *d, pc_plan_confidence *conf);

/* The verdict and the plan at the 10th and 90th percentile of demand, in
 * words, for the summary (before pc_plan_write_summary's).  Returns 0 or
 * PC_EIO. */
int pc_plan_confidence_write_summary(const pc_plan *plan, const pc_plan_confidence *conf, FILE *out);

/* The verdict in words, as the summary opens with it: "the plan meets
 * every target in 94% of 100 forecast draws [95% CI 88-97%]: met (asked
 * 90%)"; zh: in Chinese, for the review pack. */
void pc_plan_confidence_verdict_words(const pc_plan_confidence *conf, int zh, char *buf, size_t n);

/* Level L's demand and the keys with a distribution that carry it, in
 * words: "6120 refunds and after-sales cases, gmv 21857000, rate 5.2%"
 * (zh: in Chinese). */
void pc_plan_confidence_level_words(const pc_forecast *fc, const pc_conf_level *L, int zh, char *buf, size_t n);

/* The same for a shift design's confidence (pc_design_confidence_run). */
int pc_design_confidence_write_summary(const pc_design *d, const pc_plan_confidence *conf, FILE *out);
int pc_design_confidence_write_draws(const pc_design *d, const pc_plan_confidence *conf, FILE *out);

/* confidence.csv: per forecast draw checked, its keys, demand index, each
 * target's value (mean of its replications) and whether all were met.
 * Returns 0 or PC_EIO. */
int pc_plan_confidence_write_draws(const pc_plan *plan, const pc_plan_confidence *conf, FILE *out);

#endif
