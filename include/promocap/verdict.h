/* verdict: the answer a manager reads first, computed from a run's results:
 * every target met or missed and by how much (the worst day where a target
 * has daily figures, the worst interval where first response is judged per
 * interval), the binding cause in plain words (work arriving while
 * nobody is on duty, a resource saturated on which days, a structural limit
 * of the refund paths), the staff cost, and at most two suggested actions,
 * each checked by simulating the changed scenario before it is shown. */
#ifndef PROMOCAP_VERDICT_H
#define PROMOCAP_VERDICT_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/error.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

#define PC_VERDICT_MAX_TARGETS 16
#define PC_VERDICT_MAX_CAUSES 4
#define PC_VERDICT_MAX_ACTIONS 2
/* Changed scenarios pc_verdict_check simulates at most, over all causes:
 * with 4 replications each, about a run of 20 at worst. */
#define PC_VERDICT_MAX_TRIES 6

/* One target of the scenario as the run met or missed it. */
typedef struct pc_verdict_target {
	const char *key;   /* the KPI's key, "first_response_within" */
	char label[96];    /* the KPI's label, "first response within 30min" */
	const char *unit;  /* "%" for every target so far */
	double mean, lo, hi; /* over the replications (lo, hi NaN with one) */
	double target;
	int is_max;        /* 1: at most the target (dispute rate) */
	int met;           /* by the mean, as kpis.csv's met column; and, for
			    * first response judged per day ([plan] judged =
			    * day, as plan judges it), on every day */
	int by_day;        /* 1: judged per day, and missed on a day */
	double gap;        /* how far the mean falls short (> 0 when missed), in unit */
	/* Targets with daily figures (first response, refund-only acted on):
	 * the day with the lowest share, by the day of the request; worst_day
	 * -1 when the target has none. */
	int worst_day;     /* days after sales_start */
	char worst_date[16]; /* that day, "2026-11-12" */
	double worst;      /* that day's share over the replications, pooled */
	int days_missed;   /* days whose pooled share misses the target */
	int days;          /* days with requests */
	/* First response with [plan] judged = interval (as plan judges it,
	 * per hour of request as WFM tools do): the intervals judged (at
	 * least 5 requests a replication, pc_result_interval_floor), those
	 * whose pooled share misses the target, and the worst of them;
	 * worst_interval -1 when not judged so.  A missed interval misses the
	 * target (met 0, by_interval 1, gap from the worst interval). */
	int by_interval;   /* 1: judged per interval, and missed in an interval */
	int worst_interval; /* intervals after sales_start's midnight, -1: none */
	char worst_when[40]; /* that interval, "2026-11-11 10:00-11:00" */
	double worst_int;  /* its share over the replications, pooled */
	int intervals_missed;
	int intervals;     /* intervals judged */
} pc_verdict_target;

/* Why a target is missed, computed from the run. */
typedef enum pc_cause_kind {
	PC_CAUSE_OFF_SHIFT,  /* work arrives while nobody of the resource is on duty */
	PC_CAUSE_SATURATED,  /* the resource is busy >= 95% of its time on some days or hours */
	PC_CAUSE_STRUCTURAL, /* the refund paths themselves cap the share */
	PC_CAUSE_SHORT_INTERVALS /* first response judged per interval: the agents
				  * are too few in the intervals that miss it */
} pc_cause_kind;

typedef struct pc_verdict_cause {
	pc_cause_kind kind;
	int target;        /* index in targets[] it explains */
	pc_res res;        /* OFF_SHIFT, SATURATED: the resource */
	double share;      /* OFF_SHIFT: share of the resource's work arriving off duty;
			    * STRUCTURAL: the most of the target's KPI the paths allow (%) */
	int hour_from, hour_to; /* OFF_SHIFT: the longest run of hours with work
				 * arriving off duty, [from, to) hours of the day */
	int ndays;         /* SATURATED: days saturated (whole day >= 95%), or with
			    * saturated hours when no whole day is;
			    * SHORT_INTERVALS: days with an interval missed
			    * (day, util: its hours missed) */
	int whole_days;    /* SATURATED: 1 when ndays counts whole days */
	int day[8];        /* SATURATED: the first of them (days after sales_start) */
	double util[8];    /* their utilisation (%), or saturated hours a day */
	double min_days;   /* STRUCTURAL: the median return time of a refused parcel, days */
	char text[512];    /* the sentence, English */
	char text_zh[512]; /* the sentence, Chinese */
} pc_verdict_cause;

/* A suggested action, checked by simulation. */
typedef struct pc_verdict_action {
	char what[320];     /* "add 2 agents to the night shift (00:00-08:00) every day" */
	char what_zh[320];
	int target;         /* index in targets[] it is for */
	int by_day;         /* before and after are the worst day's share */
	int by_interval;    /* before and after are the worst interval's share */
	double before;      /* the target's KPI in the run */
	double after;       /* with the change: before plus the mean paired
			     * difference over the check's replications */
	double cost_delta;  /* CNY the change adds to the staff cost */
	int met_after;      /* every target met in the check */
	int reps;           /* replications of the check */
} pc_verdict_action;

typedef struct pc_verdict {
	char name[160];      /* the scenario's name */
	int reps;
	uint64_t seed;
	int ntargets, nmet;
	pc_verdict_target target[PC_VERDICT_MAX_TARGETS];
	int ncauses;
	pc_verdict_cause cause[PC_VERDICT_MAX_CAUSES];
	int nactions;
	pc_verdict_action action[PC_VERDICT_MAX_ACTIONS];
	int checked;         /* pc_verdict_check ran */
	int tried;           /* changed scenarios it simulated */
	double cost;         /* CNY: paid staff-hours x cost per hour, mean of the replications */
	double cost_res[PC_NSTAFF];
	double hours_res[PC_NSTAFF]; /* paid staff-hours */
} pc_verdict;

/* Fills *v from res: the targets, met or missed, their worst days, the
 * causes of the missed ones, the staff cost.  No simulation; no action yet.
 * Returns 0 (it cannot fail). */
int pc_verdict_compute(const pc_result *res, pc_verdict *v);

/* Suggests at most two actions for the missed targets whose cause staffing
 * can change (more people on the hours or days that bind), each checked by
 * simulating the changed scenario: replications 0 .. reps-1 of res's seed
 * (common random numbers with res), on threads threads, at most
 * PC_VERDICT_MAX_TRIES changes in all.  Per target the best change is kept
 * (one meeting the target for the least cost, else the largest gain) when
 * it meets the target or closes at least a tenth of the gap.  Returns 0, or an error code with err filled
 * (a failing simulation); v keeps what it had. */
int pc_verdict_check(pc_verdict *v, const pc_result *res, int reps, int threads, pc_error *err);

/* The verdict as text, a few lines that lead a command's output, in
 * lang ("en", or "zh" for Chinese; NULL: en).  Returns 0 or PC_EIO. */
int pc_verdict_write_text(FILE *out, const pc_verdict *v, const char *lang);

/* The verdict as an HTML fragment (a <section class="verdict">, no
 * script), for a review pack, in lang ("en" or "zh"; anything else: en);
 * every text from the scenario is escaped.  Returns 0 or PC_EIO. */
int pc_verdict_write_html(FILE *out, const pc_verdict *v, const char *lang);

/* The staff cost of one replication of sc: paid staff-hours of every
 * roster times its cost per hour, CNY. */
double pc_verdict_rep_cost(const pc_scenario *sc, const pc_rep *p);

/* The same without its box, headline and cost line (a <section
 * class="verdict-details"> under a heading of its own), for a page that
 * shows its own verdict box first.  Returns 0 or PC_EIO. */
int pc_verdict_write_html_details(FILE *out, const pc_verdict *v, const char *lang);

/* One line: "all 6 targets met" or "2 of 6 targets missed: first response
 * within 30min 91.4% (target >= 95%), ...", into buf of size n. */
void pc_verdict_line(const pc_verdict *v, char *buf, size_t n);

/* A figure as the verdict prints it: a share with at most one decimal
 * ("91.4%", "100%"), a count or money with thousands separators
 * ("4,400"), other values to three significant digits. */
void pc_verdict_format(char *buf, size_t n, double v, const char *unit);

#endif
