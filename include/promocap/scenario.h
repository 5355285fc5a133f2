/* scenario: a promotion's after-sales scenario, loaded from an INI file (inih)
 * and the CSV tables beside it (libcsv), validated, with every default
 * resolved.  Times inside are seconds from the scenario's start (00:00 of the
 * first sales day); money in CNY; shares as fractions (0.05 for 5%). */
#ifndef PROMOCAP_SCENARIO_H
#define PROMOCAP_SCENARIO_H

#include <stdint.h>
#include <stdio.h>

#include "promocap/dist.h"
#include "promocap/error.h"

#define PC_DAY 86400.0
#define PC_HOUR 3600.0
#define PC_MAX_SHIFTS 8

/* The four refund paths, by the goods' state [001][004]. */
typedef enum pc_path {
	PC_PATH_UNSHIPPED,   /* 1 未发货仅退款: not shipped, refund only */
	PC_PATH_IN_TRANSIT,  /* 2 已发货未收到货: shipped, not received, refund only */
	PC_PATH_RECEIVED,    /* 3 已收到货不退货: received, no return */
	PC_PATH_RETURN,      /* 4 退货退款: return and refund */
	PC_NPATHS
} pc_path;

/* Refund reasons, for the metrics [000]. */
typedef enum pc_reason {
	PC_REASON_QUALITY,      /* feeds the product-experience refund rate */
	PC_REASON_NO_REASON,
	PC_REASON_NOT_RECEIVED,
	PC_REASON_OTHER,
	PC_NREASONS
} pc_reason;

/* The staffed resources. */
typedef enum pc_res {
	PC_RES_AGENT,      /* refund agents 退款专员 */
	PC_RES_SUPERVISOR, /* approvals above the agents' authority */
	PC_RES_INSPECTOR,  /* warehouse QC */
	PC_NRES
} pc_res;

/* Kinds of task a resource serves; the priority list of a resource names
 * them (see pc_task_name). */
typedef enum pc_task {
	PC_TASK_UNSHIPPED,   /* agent: path 1 handling (first response) */
	PC_TASK_IN_TRANSIT,  /* agent: path 2 handling (first response) */
	PC_TASK_RECEIVED,    /* agent: path 3 handling (first response) */
	PC_TASK_AGREE,       /* agent: path 4 agreement (first response) */
	PC_TASK_PAYOUT,      /* agent: path 4 payout after inspection/signature */
	PC_TASK_AFTER_SALES, /* agent: other after-sales work */
	PC_TASK_ESCALATION,  /* agent: extra work for an escalated refund */
	PC_TASK_APPROVAL,    /* supervisor: path 3 approval */
	PC_TASK_INSPECT,     /* inspector: path 4 inspection */
	PC_NTASKS
} pc_task;

typedef enum pc_discipline {
	PC_DISC_FIFO,     /* one queue, first come first served */
	PC_DISC_PRIORITY, /* classes in the order of the priority list, FIFO within */
	PC_DISC_AGE       /* oldest request first, by the time the refund was requested */
} pc_discipline;

typedef enum pc_roster_kind {
	PC_ROSTER_CONSTANT, /* roster = N: N in every shift of every day */
	PC_ROSTER_TABLE,    /* CSV date,shift,headcount */
	PC_ROSTER_CHANGES   /* CSV time_min,headcount: change points */
} pc_roster_kind;

/* A shift: [start, end) seconds after midnight; end may pass 86400 for a
 * shift that runs past midnight ("22:00-06:00" gives 79200..108000). */
typedef struct pc_shift {
	char name[32];
	int start;
	int end;
} pc_shift;

/* One staffed resource: shifts, roster, queue discipline, planning limits. */
typedef struct pc_staff {
	int nshifts;
	pc_shift shift[PC_MAX_SHIFTS];
	pc_roster_kind roster_kind;
	char roster_text[512];   /* the roster value as written ("2", "rosters/a.csv") */
	/* CONSTANT and TABLE: headcount[day * nshifts + s] for day 0 .. ndays-1,
	 * day 0 the scenario's first day, ndays covering the horizon (days past
	 * a table's last date repeat that date's headcounts). */
	int ndays;
	int *headcount;
	/* CHANGES: capacity change points, ascending times (seconds). */
	int nchanges;
	double *change_t;
	int *change_cap;
	pc_discipline discipline;
	int priority_class[PC_NTASKS]; /* queue class of each task (0 first; 0 for
					* the tasks of other resources) */
	int nclasses;
	double cost;         /* CNY per staff-hour */
	int min_per_shift;   /* planning limits */
	int max_per_shift;
	/* The priority list as written, highest first (kept under fifo too, so
	 * the dump shows it); priority_class above is what the queues use. */
	int npriority;
	pc_task priority[PC_NTASKS];
} pc_staff;

/* A service-level target: share of cases within a time (set = 0 if none). */
typedef struct pc_sla_target {
	int set;
	double share;
	double within; /* seconds */
} pc_sla_target;

/* A piecewise-constant rate: rate[i] per second on [t[i], t[i+1]), the last
 * segment ending at end. */
typedef struct pc_curve {
	int n;
	double *t;
	double *rate;
	double end;
} pc_curve;

typedef struct pc_scenario {
	char file[1024];  /* the INI file as given */
	char dir[1024];   /* its folder, for relative CSV paths */

	/* [promotion] */
	char name[160];
	int64_t day0;       /* sales_start, days since 1970-01-01: time 0 */
	int sales_days;     /* sales_start .. sales_end inclusive */
	double horizon;     /* seconds: the run stops here, open work is reported */
	double gmv;         /* CNY */
	double aov;         /* CNY per order */
	double *daily_share;     /* [sales_days], sums to 1 */
	double hourly_share[24]; /* sums to 1 */
	char daily_share_text[512];
	char hourly_share_text[512];

	/* [refunds] */
	double refund_rate;
	double entry_opens;      /* seconds: no refund request before this */
	pc_dist request_delay;   /* order -> refund request */
	int has_arrival_curve;   /* 1: refund requests follow arrival_curve */
	pc_curve arrival_curve;  /* absolute refund request rate per second */
	char arrival_curve_text[512];
	double after_sales_ratio;        /* other after-sales work per refund */
	double reason_mix[PC_NREASONS];  /* sums to 1 */
	double path_mix[PC_NPATHS];      /* sums to 1 */

	/* [path.unshipped] path 1 */
	pc_dist p1_handle;
	double intercept_fails;  /* -> path 2 */

	/* [path.in_transit] path 2 */
	pc_dist p2_handle;
	pc_dist courier_feedback;
	double recalled;
	pc_dist refused_return;
	double lost_after;       /* seconds; a parcel not back by then is lost */

	/* [path.received_no_return] path 3 */
	pc_dist p3_handle;
	pc_dist amount;          /* CNY */
	double agent_authority;  /* CNY; above it a supervisor approves */
	pc_dist approval;        /* supervisor work */
	double misfiled;         /* -> path 4 */

	/* [path.return] path 4, the five segments [000] */
	pc_dist agree;
	pc_dist buyer_ships;
	pc_dist transit;
	pc_dist inspect;
	pc_dist payout;
	int refund_on_signature;
	double wrong_goods;      /* share of returns with wrong or missing goods */

	/* [after_sales] */
	pc_dist as_handle;

	/* [platform] */
	double response_timeout;   /* seconds; 0 = no automatic approval */
	double protection_period;  /* seconds */
	double escalation_rate;    /* per second, of unfinished refunds past the period */
	pc_dist escalation_handle;
	double seller_responsible;

	/* [staff.agent], [staff.supervisor], [staff.inspector] */
	pc_staff staff[PC_NRES];

	/* [sla] */
	pc_sla_target sla_first_response;
	pc_sla_target sla_refund_only_done;
	pc_sla_target sla_return_paid;     /* within t of arrival at the warehouse */
	pc_sla_target sla_all_done;
	pc_sla_target sla_supervisor_approval;
	int sla_dispute_set;
	double sla_dispute_max;            /* share of paid orders */

	/* [baseline] the seed's closed form [004] */
	double baseline_cases_per_day; /* cases one agent handles a day */
	double baseline_days;          /* days to finish all work */

	/* [simulation] */
	uint64_t seed;
	int replications;
	double interval;    /* seconds, time-series resolution */

	/* The keys as written in the file (or by pc_scenario_set) and their
	 * lines, private to scenario.c: pc_scenario_set rebuilds from them. */
	struct pc_scenario_given *given;
} pc_scenario;

/* Loads and validates the scenario in path and the CSV files it names.
 * Returns 0, or PC_EINPUT / PC_EIO / PC_ENOMEM with err filled as
 * "file:line: message" (the CSV's own file and row for a CSV error).
 * On failure *sc holds nothing to release. */
int pc_scenario_load(pc_scenario *sc, const char *path, pc_error *err);

/* Frees what the scenario owns.  NULL-safe. */
void pc_scenario_release(pc_scenario *sc);

/* Sets one key of a loaded scenario to value (written as in the file, e.g.
 * section "refunds", key "rate", value "6%") and rebuilds and re-validates
 * the whole scenario from its keys, re-reading the CSV files it names.
 * The value must be one a scenario file can hold: one line, no control
 * character, no ';' first or after a blank (a comment in a file), and
 * "key = value" in its canonical form within the 199 characters of a line
 * (the same limit holds for every key of a load), so that the dump loads
 * back to the same scenario.
 * Returns 0; or PC_EINPUT / PC_EIO / PC_ENOMEM with err filled ("file:
 * message" for the new value, which has no line), and *sc unchanged. */
int pc_scenario_set(pc_scenario *sc, const char *section, const char *key, const char *value,
		    pc_error *err);

/* Deep copy of src into dst (dst is overwritten, not released first); the
 * copy owns its own arrays and reads no file.  Returns 0, or PC_ENOMEM with
 * dst holding nothing to release. */
int pc_scenario_copy(pc_scenario *dst, const pc_scenario *src);

/* Writes the resolved scenario as INI text, every key shown with its value
 * (defaults included) in its canonical form, which pc_scenario_load reads
 * back to the same dump.  CSV file names are written as given, relative to
 * the scenario's folder, so a dump loads from that folder.  Returns 0 or
 * PC_EIO. */
int pc_scenario_dump(const pc_scenario *sc, FILE *out);

/* Writes the key reference (markdown table: section, key, default, meaning)
 * generated from the one key table.  Returns 0 or PC_EIO. */
int pc_scenario_keys_markdown(FILE *out);

/* Capacity schedule of one staffed resource over [0, horizon): change points
 * in ascending time, *t[0] = 0.  Built from shifts and headcounts (overlapping
 * shifts add up) or taken from a change-point roster.  The arrays are
 * malloc'd and owned by the caller.  Returns 0 or PC_ENOMEM. */
int pc_staff_schedule(const pc_staff *st, double horizon, int *n, double **t, int **cap);

/* Names: "unshipped", "in_transit", "received_no_return", "return". */
const char *pc_path_name(pc_path p);
/* "agent", "supervisor", "inspector". */
const char *pc_res_name(pc_res r);
/* "unshipped", ..., "payout", "after_sales", "escalation", "approval", "inspection". */
const char *pc_task_name(pc_task t);
/* "quality", "no_reason", "not_received", "other". */
const char *pc_reason_name(pc_reason r);

/* Days since 1970-01-01 -> "YYYY-MM-DD" and back (proleptic Gregorian).
 * pc_date_parse takes exactly "YYYY-MM-DD", a valid calendar date (years
 * 0000 to 9999), and returns 0, or PC_EINPUT with *day left alone. */
void pc_date_format(int64_t day, char *buf, size_t n);
int pc_date_parse(const char *text, int64_t *day);

#endif
