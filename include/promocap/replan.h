/* replan: re-planning during the promotion from what has happened so far
 * (issue 12, part 4).  The refunds exported up to now become the run's
 * carry-in (promocap/carry.h), the rest of the demand is re-forecast by
 * the actual requests against the scenario's forecast to date, and the
 * scenario to plan starts at now with the shifts already worked left
 * unplanned.  The CLI (src/cli/replan.c) plans it as promocap plan does. */
#ifndef PROMOCAP_REPLAN_H
#define PROMOCAP_REPLAN_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/carry.h"
#include "promocap/error.h"
#include "promocap/fit.h"
#include "promocap/plan.h"
#include "promocap/scenario.h"

/* What to read: the refunds export so far (NULL: no actuals), and the
 * orders export (NULL: none; it only tells the goods' state of a refund
 * whose row has no 货物状态), as promocap fit reads them. */
typedef struct pc_replan_input {
	const char *refunds, *orders;
	const pc_fit_map *map;  /* NULL: the built-in headers */
	int gbk;                /* the files are GBK */
} pc_replan_input;

/* The actuals to date, the carry-in, and the re-forecast. */
typedef struct pc_replan {
	double now;               /* seconds from the scenario's start */
	char now_text[32];        /* "2026-11-13 10:00" */
	int has_actuals;          /* a refunds export was given */
	/* the actuals */
	long rows;                /* refunds read (after duplicates) */
	long requests;            /* of them requested in [0, now]: the actual to date */
	long before_start;        /* requested before the scenario's start */
	long no_time;             /* without a request time: skipped */
	long ended;               /* ended by now */
	/* the carry-in: open at now, sorted by request time */
	pc_carry carry;
	pc_carry_item *item;
	long by_state[PC_NSTATES];
	long escalated, claims;
	long refused;            /* rejected by the shop, still open (the buyer to ask again) */
	double oldest_age;        /* seconds, now less the oldest request; 0 if none */
	long past_first_response; /* waiting for the shop's answer past the first-response target */
	long past_timeout;        /* past the seller-response timeout (the platform acts at now) */
	long past_protection;     /* past the protection period */
	/* the re-forecast (pc_replan_forecast) */
	double expected;          /* the scenario's mean refund requests in [0, now) */
	double expected_half;     /* its 95% half-width over the replications */
	int forecast_reps;
	double scale, scale_lo, scale_hi; /* actual / expected, 95% CI (exact Poisson,
					   * widened by the forecast's own error) */
	int scaled;               /* the remaining demand is scaled (actuals and a forecast > 0) */
	int spread;               /* the scale's CI is the rate's forecast distribution
				   * (pc_replan_scenario) */
} pc_replan;

/* Reads --now ("YYYY-MM-DD HH:MM[:SS]", the files' clock) into seconds
 * from sc's start.  It must lie in [start, horizon).  0, or PC_EINPUT with
 * err filled ("'--now' ..., got '...'"). */
int pc_replan_now(const pc_scenario *sc, const char *text, double *now, pc_error *err);

/* Reads the actuals of in at now into *rp (release with pc_replan_release)
 * and builds the carry-in: every refund requested by now and not ended by
 * then, in the stage its times and status give (docs/model.md).  A refund
 * requested after now is an error ("file:line: ..."), as are the fit
 * reader's.  0, PC_EINPUT, PC_EIO or PC_ENOMEM with err filled. */
int pc_replan_read(pc_replan *rp, const pc_scenario *sc, double now, const char *now_text,
		   const pc_replan_input *in, pc_error *err);

/* The scenario's forecast of refund requests in [0, now): reps
 * replications of sc (seed, threads as pc_run), and the scale actual /
 * forecast with its 95% CI.  Without actuals or before any forecast
 * request, the scale stays 1 and nothing is scaled.  0, or an error of
 * pc_run with err filled. */
int pc_replan_forecast(pc_replan *rp, const pc_scenario *sc, uint64_t seed, int reps, int threads,
		       pc_error *err);

/* The scenario to plan: a copy of sc (release with pc_scenario_release)
 * whose refund demand is scaled by rp->scale when rp->scaled, whose run
 * starts at now with rp's carry-in (borrowed from rp: keep rp until out is
 * released), and whose shifts that ended by now are not planned.  With an
 * orders-based demand at one refund rate (no forecast distribution of its
 * own), the scale's uncertainty becomes the rate's forecast distribution:
 * lognormal about the scaled rate with the scale's 95% CI as its 95% range
 * (promocap/forecast.h; plan --confidence plans for it).  At the start with
 * nothing open it is sc itself, unchanged.  0 or PC_ENOMEM. */
int pc_replan_scenario(pc_replan *rp, const pc_scenario *sc, pc_scenario *out, pc_error *err);

/* The re-plan's summary: the verdict of plan (met or missed, its cost),
 * then the carry-in and the re-forecast.  0, or -1 on a write error. */
int pc_replan_write_summary(const pc_replan *rp, const pc_plan *plan, FILE *out);

/* One sentence for the top of the review pack: the moment, the carry-in
 * and the scale with its CI, in lang ("en", or "zh").  Writes at most n
 * bytes into buf. */
void pc_replan_note(const pc_replan *rp, const char *lang, char *buf, size_t n);

/* carry_in.csv: one row per state (count, oldest age in hours) and the
 * totals.  reforecast.csv: the actual to date, the forecast, the scale and
 * its CI.  0, or -1 on a write error. */
int pc_replan_write_carry(const pc_replan *rp, FILE *out);
int pc_replan_write_forecast(const pc_replan *rp, FILE *out);

/* Frees what rp owns.  NULL-safe. */
void pc_replan_release(pc_replan *rp);

#endif
