/* shifts: shift design.  A grid of allowed shift patterns (start times
 * every so many minutes between two clock times, lengths, a break, whether
 * a shift may run past midnight, people a day, the largest day-to-day
 * change) and a requirement of people on duty per interval give the
 * cheapest integer number of people on each pattern each day that covers
 * the requirement (set covering, solved by GLPK's MIP solver glp_intopt
 * within a time limit).  Shrinkage (the share of paid hours nobody is
 * available: absence, training, meetings) is applied as reduced effective
 * headcount: n paid people on duty count as n (1 - shrinkage). */
#ifndef PROMOCAP_SHIFTS_H
#define PROMOCAP_SHIFTS_H

#include <stddef.h>

#include "promocap/error.h"

#define PC_SHIFTS_MAX_LENGTHS 4
/* Most patterns of a design: a scenario's shifts of one resource
 * (PC_MAX_SHIFTS of scenario.h, which includes this header). */
#define PC_SHIFTS_MAX_PATTERNS 8

/* The allowed patterns of one resource ("none": set 0). */
typedef struct pc_shifts_grid {
	int set;
	int first, last, step;  /* start times first, first + step, ... <= last,
				 * minutes after midnight; step > 0 */
	int nlengths;
	int length[PC_SHIFTS_MAX_LENGTHS]; /* paid minutes of a shift, break included */
	int brk;                /* minutes of break in a shift of 6 h or more, at its
				 * middle (paid, not on duty); 0: none */
	int overnight;          /* 1: a shift may run past midnight */
	int min_day, max_day;   /* people starting a shift on a day; max_day 0: no cap */
	int change;             /* largest change of people a day from one day to the
				 * next; -1: no cap */
	int patterns;           /* at most this many different patterns, 1 .. PC_SHIFTS_MAX_PATTERNS */
} pc_shifts_grid;

/* Parses text as written in a scenario:
 *   none
 *   starts 06:00-22:00/30min, lengths 8h 4h, break 1h, overnight no,
 *   people 0-300, change 40, patterns 6
 * starts and lengths are required; break 0, overnight no, people 0-0 (no
 * cap), change none, patterns 8 by default.  Returns 0, or PC_EINPUT with
 * a message naming the faulty item in msg. */
int pc_shifts_parse(const char *text, pc_shifts_grid *g, char *msg, size_t n);

/* The canonical text of g, which pc_shifts_parse reads back to g. */
void pc_shifts_format(const pc_shifts_grid *g, char *buf, size_t n);

/* A shift design problem of one resource. */
typedef struct pc_shifts_problem {
	const pc_shifts_grid *grid;
	const char *who;        /* "agents", for messages */
	double horizon;         /* seconds; days 0 .. ceil(horizon / 1 d) - 1 */
	const int *need;        /* people on duty needed in interval k (effective) */
	int nneed;
	double dt;              /* interval length, seconds, dividing 1 d */
	double shrinkage;       /* 0 <= s < 1 */
	double cost;            /* CNY per paid hour */
	double night_premium;   /* extra share of cost for paid hours 22:00-06:00 */
	double promo_premium;   /* extra share of cost for paid hours on promotion days */
	int promo_days;         /* days 0 .. promo_days - 1 are promotion days */
	double time_limit;      /* seconds for glp_intopt; <= 0: 20 */
	/* When the cheapest cover needs more patterns than the grid allows:
	 * these nkeep (at most the limit, say the last design's) instead of
	 * the set the swaps would find; NULL: the swaps. */
	const struct pc_shifts_pattern *keep;
	int nkeep;
} pc_shifts_problem;

typedef struct pc_shifts_pattern {
	char name[32];          /* "s0630_8h" */
	int start, length;      /* minutes after midnight; paid minutes */
	int brk_start, brk;     /* break from start + brk_start for brk minutes; brk 0: none */
} pc_shifts_pattern;

/* The cheapest design. */
typedef struct pc_shifts_design {
	int npatterns;
	pc_shifts_pattern pattern[PC_SHIFTS_MAX_PATTERNS];
	int first;              /* the day of row 0: -1 with overnight shifts (one may
				 * start the evening before day 0), else 0 */
	int ndays;              /* rows: days first .. first + ndays - 1 */
	int *count;             /* [i * npatterns + p]: paid people on pattern p on
				 * day first + i */
	double *day_cost;       /* [i] CNY of the shifts starting that day */
	double *day_hours;      /* [i] their paid hours */
	double cost, hours;
	int optimal;            /* 1: proven cheapest; 0: the best found in the time limit */
	/* When the grid's 'patterns' limit bound: the cost and the number of
	 * patterns of the cheapest cover found with any number (cost_any 0
	 * when the limit did not bind). */
	double cost_any;
	int patterns_any;
	/* Patterns dropped after the solve for carrying little work: the cover
	 * costs at most 0.5% more without them (optimal says how the solve
	 * ended). */
	int pruned;
	/* Requirement no allowed pattern can cover: the first such stretch
	 * of consecutive intervals by the clock ("02:00-08:00"), and the people short there at most
	 * (gap_need 0: none). */
	char gap[32];
	int gap_need;
	int gap_day;            /* the day it starts (0: the first) */
} pc_shifts_design;

/* Designs the cheapest shifts for pb into *out (release with
 * pc_shifts_release).  Requirement in intervals no pattern can cover is
 * left out and reported in gap.  Returns 0; PC_EINPUT with err filled for a
 * grid that allows no shift, a problem the limits make infeasible (people
 * a day, change) or the solver's time limit reached without any plan;
 * PC_ENOMEM. */
int pc_shifts_design_run(const pc_shifts_problem *pb, pc_shifts_design *out, pc_error *err);

void pc_shifts_release(pc_shifts_design *d);

/* People of pattern p on duty from minute m of its start day (m may pass
 * 1440 for a shift past midnight): whether the pattern is on duty then. */
int pc_shifts_on_duty(const pc_shifts_pattern *p, int m);

#endif
