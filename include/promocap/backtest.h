/* backtest: last promotion's exports against the model (issue 12, part 2).
 * The actual KPIs computed from the logs (read by pc_fit_read) with the
 * simulator's own definitions, the predicted ones from replications of the
 * scenario with last year's agent roster, and the comparison: per metric
 * and per day, the predicted mean with its 95% CI and the 95% range of one
 * promotion, the actual value, the error.  The CLI (src/cli/backtest.c)
 * reads the files, runs the replications and writes the outputs. */
#ifndef PROMOCAP_BACKTEST_H
#define PROMOCAP_BACKTEST_H

#include <stdio.h>

#include "promocap/fit.h"
#include "promocap/result.h"

/* The metrics compared, in the order of backtest.csv. */
enum {
	PC_BT_REQUESTS,    /* refund requests (售中 + 售后) */
	PC_BT_QUALITY,     /* 商品体验退款率, % of paid orders */
	PC_BT_RO_TIME,     /* 仅退款自主完结时长, h */
	PC_BT_RR_TIME,     /* 退货退款自主完结时长, h */
	PC_BT_DISPUTE,     /* 纠纷退款率, % of paid orders */
	PC_BT_FR_WITHIN,   /* first response within the target, % */
	PC_BT_FR_MEAN,     /* first response, mean, min */
	PC_BT_HO_WITHIN,   /* refund-only requests acted on within the target, % */
	PC_BT_ESC_RATE,    /* escalations (小二介入), % of requests */
	PC_BT_PEAK,        /* peak backlog of open refunds */
	PC_BT_OPEN_END,    /* refunds open at the horizon */
	PC_BT_NMETRICS
};

/* The daily curves, in the order of backtest_daily.csv. */
enum { PC_BT_DAY_REQUESTS, PC_BT_DAY_BACKLOG, PC_BT_DAY_COMPLETED, PC_BT_NCURVES };

/* Where the agents' roster of the prediction came from. */
enum { PC_BT_ROSTER_SCENARIO, PC_BT_ROSTER_FILE, PC_BT_ROSTER_WORK };

/* A figure predicted over the replications: mean, 95% CI of the mean,
 * and the 95% range of one replication (mean +- t s sqrt(1 + 1/n), where
 * a single promotion's value falls 19 times in 20).  NaN without values
 * (the range needs two). */
typedef struct pc_bt_pred {
	double mean, lo, hi, plo, phi;
	int n;
} pc_bt_pred;

/* One metric compared. */
typedef struct pc_bt_metric {
	const char *key;   /* "first_response_within", as in kpis.csv */
	char label[96];    /* "first response within 30min" */
	const char *unit;  /* "%", "h", "min", "refunds" */
	double actual;     /* from the logs; NaN when they cannot say (why) */
	long n;            /* the cases the actual value is computed from */
	const char *why;   /* NULL, or why there is no actual value */
	pc_bt_pred pred;
	double err, err_pct;  /* predicted - actual, and that in % of actual */
	int in_ci, in_range;  /* the actual within the CI, within the range
			       * (-1: not compared) */
} pc_bt_metric;

/* One day: the actual count and the predicted one of each curve.  Backlog
 * is the open refunds at the day's end. */
typedef struct pc_bt_day {
	double actual[PC_BT_NCURVES];
	pc_bt_pred pred[PC_BT_NCURVES];
} pc_bt_day;

/* The backtest.  A metric is "close" when its error is within
 * PC_BT_CLOSE_PCT percent of the actual value. */
#define PC_BT_CLOSE_PCT 10.0

typedef struct pc_backtest {
	const pc_scenario *sc;   /* borrowed */
	pc_bt_metric m[PC_BT_NMETRICS];
	int ndays;               /* sales_start .. the horizon */
	pc_bt_day *day;          /* [ndays] */
	long orders;             /* orders paid in the sales window */
	long refunds;            /* refunds with a request time */
	int roster;              /* PC_BT_ROSTER_* */
	const char *roster_file; /* PC_BT_ROSTER_FILE: the file (borrowed) */
	int reps;
	/* the comparison (pc_backtest_compare) */
	int compared;            /* metrics with an actual and a prediction */
	int close;               /* of them within PC_BT_CLOSE_PCT */
	int in_range;            /* of them within the 95% range of a promotion */
	int worst;               /* the metric furthest off in half-widths of its
				  * range (beyond 1: outside it); -1: none */
} pc_backtest;

/* Checks that the logs d (read with the scenario's sales window as
 * in->from, in->to) fit the scenario: at least one order paid in the
 * window, no refund requested before sales_start or after the horizon.
 * Returns 0, or PC_EINPUT with err "file:line: message" naming the row. */
int pc_backtest_check(const pc_fit_data *d, const pc_fit_input *in, const pc_scenario *sc, pc_error *err);

/* The agents on duty derived from the work log: hc[h] for each hour h of
 * [0, horizon) (*nhours of them, malloc'd, the caller frees) is the number
 * of distinct agents with work in that hour.  A lower bound: an agent on
 * duty without a task that hour does not show.  Returns 0, or PC_EINPUT
 * (no work log) / PC_ENOMEM with err filled. */
int pc_backtest_roster(const pc_fit_data *d, const pc_scenario *sc, int **hc, int *nhours, pc_error *err);

/* Writes hc[0..nhours) as a roster of change points (datetime,headcount,
 * one row where the headcount changes, the first at sales_start 00:00),
 * which a scenario's [staff.agent] roster loads.  Returns 0 or PC_EIO. */
int pc_backtest_roster_write(const int *hc, int nhours, const pc_scenario *sc, FILE *out);

/* Fills bt (zeroed first) with the actual KPIs and daily curves of the
 * logs d for scenario sc, with the simulator's definitions (docs/
 * outputs.md, backtest): its first-response, handling and completion
 * targets, seller_response_timeout and agent_authority.  Returns 0 or
 * PC_ENOMEM (err filled; bt then holds nothing to release). */
int pc_backtest_actual(pc_backtest *bt, const pc_fit_data *d, const pc_scenario *sc, pc_error *err);

/* Adds the predicted figures of res (replications of the scenario with
 * the roster) and compares: errors, in_ci, in_range, the counts and the
 * worst metric.  Returns 0 or PC_ENOMEM (err filled). */
int pc_backtest_predict(pc_backtest *bt, const pc_result *res, pc_error *err);

/* The verdict in one sentence: "the model reproduces last year within
 * 10% on 9 of 11 metrics (10 inside the 95% range of one promotion);
 * worst: ...".  Writes into buf (n bytes). */
void pc_backtest_verdict(const pc_backtest *bt, char *buf, size_t n);

/* backtest.csv: metric, label, unit, predicted mean, CI, range, actual,
 * n, error, error %, within CI, within range.  Returns 0 or PC_EIO. */
int pc_backtest_write_csv(const pc_backtest *bt, FILE *out);

/* backtest_daily.csv: date, then for requests, backlog and completed the
 * predicted mean, CI, range and the actual.  Returns 0 or PC_EIO. */
int pc_backtest_write_daily(const pc_backtest *bt, FILE *out);

/* backtest.txt: the verdict first, then every metric, the roster used and
 * what the actual values are computed from.  Returns 0 or PC_EIO. */
int pc_backtest_write_txt(const pc_backtest *bt, FILE *out);

/* Frees what bt owns.  NULL-safe. */
void pc_backtest_release(pc_backtest *bt);

#endif
