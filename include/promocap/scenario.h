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
#include "promocap/forecast.h"
#include "promocap/shifts.h"

#define PC_DAY 86400.0
#define PC_HOUR 3600.0
#define PC_MAX_SHIFTS 8
#define PC_MAX_PRIORITY_DAYS 32
#define PC_MAX_WAVES 12

/* The four refund paths, by the goods' state [001][004]. */
typedef enum pc_path {
	PC_PATH_UNSHIPPED,   /* 1 未发货仅退款: not shipped, refund only */
	PC_PATH_IN_TRANSIT,  /* 2 已发货未收到货: shipped, not received, refund only */
	PC_PATH_RECEIVED,    /* 3 已收到货不退货: received, no return */
	PC_PATH_RETURN,      /* 4 退货退款: return and refund */
	PC_NPATHS
} pc_path;

/* The goods' state when a buyer decides to ask for a refund (MODEL.md): it
 * gives the path, before_dispatch 1, in_transit 2, after_delivery 3 or 4. */
typedef enum pc_asked {
	PC_ASKED_BEFORE_DISPATCH, PC_ASKED_IN_TRANSIT, PC_ASKED_AFTER_DELIVERY,
	PC_NSTATES_ASKED
} pc_asked;

/* What a buyer does when the shop rejects the request. */
typedef enum pc_after_reject {
	PC_REJECT_ASK_AGAIN, PC_REJECT_ESCALATE, PC_REJECT_GIVE_UP, PC_NAFTER_REJECT
} pc_after_reject;

/* How request times are drawn: from the order's life (the goods' state and
 * the buyers' hours), or the earlier model: order time plus request_delay,
 * path by path_mix, kept to compare with. */
enum { PC_TIMING_GOODS_STATE, PC_TIMING_ORDER_DELAY };

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

/* Staff rosters: the resources, then the pre-sale-only chat agents, who
 * take no after-sales work and are no pc_res. */
#define PC_STAFF_PRESALE PC_NRES
#define PC_STAFF_RECEPTION (PC_NRES + 1) /* after-sales reception: enquiries */
#define PC_NSTAFF (PC_NRES + 2)

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
	PC_TASK_LATE,        /* agent: a request after the after-sales period [003] */
	PC_TASK_FOLLOW_UP,   /* agent: follow-up of an after-sales case [002] */
	PC_NTASKS
} pc_task;

/* A distribution the scenario may leave out ("none").  d comes first, so a
 * pc_dist_opt can be handed to code that takes a pc_dist. */
typedef struct pc_dist_opt {
	pc_dist d;
	int set;   /* 0: none */
} pc_dist_opt;

/* The kinds of after-sales work of the service catalogue [002]. */
typedef enum pc_service {
	PC_SVC_PARCEL,   /* where_is_my_parcel: 物流进度查询 */
	PC_SVC_CHANGE,   /* order_change: address or size before shipping (修改订单属性) */
	PC_SVC_INVOICE,  /* invoice: 发票, mailed, then its tracking number sent */
	PC_SVC_PRICE,    /* price_protection: 价格保护, 差价 */
	PC_SVC_QUALITY,  /* quality: 质量问题, with photos */
	PC_SVC_WARRANTY, /* warranty: 维修 */
	PC_SVC_EXCHANGE, /* exchange: 换货, shipped once the return is in */
	PC_NSERVICES
} pc_service;

/* One kind of after-sales work. */
typedef struct pc_service_kind {
	double ratio;              /* cases per refund */
	pc_dist handle;            /* agent time of the case */
	pc_dist_opt follow_after;  /* wait before its follow-up; none: no follow-up */
	pc_dist follow_up;         /* agent time of the follow-up */
} pc_service_kind;

/* What the shop does with a request after the after-sales period [003]. */
typedef enum pc_late {
	PC_LATE_REOPEN,     /* reopen the entry (延长售后): the refund follows its path */
	PC_LATE_COMPENSATE, /* small compensation (小额补偿): closed */
	PC_LATE_REFUSE,     /* refused: closed */
	PC_NLATE
} pc_late;

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
	char roster_text[512];   /* the roster's headcount or CSV file as written ("2",
				  * "rosters/a.csv"), without shift headcounts */
	/* Shift headcounts of the roster ("roster = 8, night 3"): shift s has
	 * shift_headcount[s] on every day, over the headcount or CSV; -1 where
	 * the roster itself applies.  Included in headcount[] below. */
	int shift_headcount[PC_MAX_SHIFTS];
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
	double shrinkage;    /* share of paid hours not available (breaks, meetings) */
	int min_per_shift;   /* planning limits */
	int max_per_shift;
	/* Not a key: shifts that end by this time (seconds) are past and not
	 * planned (promocap replan from a run's start part way), one in
	 * progress is planned and costed from it on; 0: none. */
	double planned_from;
	/* The priority list as written, highest first (kept under fifo too, so
	 * the dump shows it); priority_class above is what the queues use. */
	int npriority;
	pc_task priority[PC_NTASKS];
} pc_staff;

/* The period a target is judged over in planning. */
enum { PC_JUDGED_DAY, PC_JUDGED_HORIZON, PC_JUDGED_INTERVAL };

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

struct pc_carry; /* promocap/carry.h */

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
	double refund_rate;      /* the rate, or with rate_by_day the orders' mean rate */
	char rate_text[512];     /* a CSV date,rate, or "" for one rate */
	double *rate_by_day;     /* [sales_days] from rate_text, or NULL */
	double entry_opens;      /* seconds: no refund request before this */
	pc_dist request_delay;   /* order -> refund request */
	int has_arrival_curve;   /* 1: refund requests follow arrival_curve */
	pc_curve arrival_curve;  /* absolute refund request rate per second */
	char arrival_curve_text[512];
	double after_sales_ratio;        /* other after-sales work per refund */
	double reason_mix[PC_NREASONS];  /* sums to 1 */
	double path_mix[PC_NPATHS];      /* sums to 1 */
	pc_dist order_amount;    /* CNY a refund of paths 1, 2 and 4 pays back */
	/* When a buyer asks (MODEL.md, Demand): by the goods' state (the path
	 * follows from it) or, as before, an order-to-request delay with
	 * path_mix.  PC_TIMING_GOODS_STATE needs orders (no arrival_curve). */
	int timing;                     /* PC_TIMING_* */
	double state_mix[PC_NSTATES_ASKED]; /* goods' state when the buyer decides, sums to 1 */
	pc_dist delay_before_dispatch;  /* from the order, before the goods leave */
	pc_dist delay_in_transit;       /* from dispatch, before delivery */
	pc_dist delay_after_delivery;   /* from delivery */
	double no_return;               /* after delivery: refund only (path 3), else return */
	char request_hours_text[512];   /* buyers, uniform, none, or a CSV */
	int request_hours_on;           /* 0: none (a request keeps its drawn hour) */
	double request_hours[24];       /* sums to 1 when on */
	char entry_gated_text[256];     /* peak, all, none or dates: the sales days
					 * whose orders wait for entry_opens */
	int entry_gated_all;
	int nentry_gated;
	int entry_gated_day[PC_MAX_PRIORITY_DAYS];

	/* [goods] the life of an order: dispatch, delivery, confirmation */
	pc_dist dispatch;        /* order -> the goods leave the warehouse */
	pc_dist delivery;        /* dispatch -> delivered */
	double confirm_after;    /* delivery -> automatic confirmation (trade closed) */
	pc_dist claim_delay;     /* confirmation -> an after-sales claim */

	/* [auto_refund] the shop's automatic refund rules [000] (AG); off when
	 * both rules are off */
	double auto_unshipped_below; /* CNY; path 1 below it matches; 0 = none */
	double good_credit;          /* share of buyers whose refund-only requests match */
	pc_dist_opt auto_check;      /* agent check of a match; none: no agent */

	/* [late] requests after the after-sales period [003]; off when
	 * late_period is 0 */
	double late_period;        /* seconds from the order; 0 = none */
	double late_extension;     /* seconds one extension reopens */
	int late_extensions;       /* extensions allowed per order */
	double late_mix[PC_NLATE]; /* sums to 1 */
	pc_dist late_handle[PC_NLATE];
	double late_escalation[PC_NLATE];

	/* [path.unshipped] path 1 */
	pc_dist p1_handle;
	double intercept_fails;  /* -> path 2 */
	double batch_every;      /* seconds between runs of the batch refund tool; 0 = none */
	int batch_size;          /* a run starts once this many wait; 0 = none */
	pc_dist batch_setup;     /* agent time to start a run */
	pc_dist batch_item;      /* agent time per request in a run */
	pc_dist_opt ship_delay;  /* order -> the goods leave the warehouse; set:
				  * interceptions fail when the goods left first */

	/* [path.in_transit] path 2 */
	pc_dist p2_handle;
	pc_dist courier_feedback;
	double recalled;
	pc_dist refused_return;
	double lost_after;       /* seconds; a parcel not back by then is lost */
	int courier_open, courier_close; /* minutes of the day the courier answers;
					  * 0 and 1440 for always */

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
	int nwaves;              /* 0: parcels come in as they arrive */
	int wave_minute[PC_MAX_WAVES]; /* else at these minutes of the day, ascending */

	/* [after_sales] */
	pc_dist as_handle;
	double claims;           /* after-sales cases that are claims on received
				  * goods (售后维权): refunds of paths 3 and 4 */
	double claim_no_return;  /* claims asking a refund without return (path 3) */
	double chase_after;      /* seconds an open refund's buyer waits before asking
				  * where the refund is (and again as long after); 0 = none */
	int catalogue;           /* 1: the work comes from service[] [002] */
	pc_service_kind service[PC_NSERVICES];

	/* [platform] */
	double response_timeout;   /* seconds; 0 = no automatic approval */
	double protection_period;  /* seconds */
	double processing_cycle;   /* seconds; the shop's own target to finish a
				    * refund [004]; 0 = none given */
	double escalation_rate;    /* per second, of unfinished refunds past the period */
	pc_dist escalation_handle;
	double seller_responsible;
	pc_dist_opt ruling;        /* escalation -> the platform's ruling; unset: none */
	double cancel;             /* share of requests the buyer cancels unanswered */
	pc_dist cancel_after;
	int reject_set;            /* 0: the shop rejects nothing */
	double reject[PC_NREASONS]; /* share rejected at the first handling, by reason */
	double after_reject[PC_NAFTER_REJECT]; /* sums to 1 */
	pc_dist ask_again_after;
	double buyer_ship_timeout; /* seconds; 0 = none */
	double receipt_timeout;    /* seconds from the buyer's shipping; 0 = none */

	/* [presale] pre-sale chat and dual-skill agents [004]; off when
	 * chats_per_order is 0 */
	double chats_per_order;  /* pre-sale chats per order */
	pc_dist chat_handle;     /* agent time per chat */
	pc_dist_opt chat_patience; /* a chat buyer leaves unanswered after it; unset: never */
	int chat_concurrency;    /* chats a pre-sale-only agent handles at once, >= 1 */
	double dual_skill;       /* share of the agent roster that also chats */
	char priority_days_text[256]; /* as written: peak, all, none or dates */
	int chat_priority_all;   /* chats come first for dual agents every day */
	int nchat_priority;      /* else on these days (days from sales_start) */
	int chat_priority_day[PC_MAX_PRIORITY_DAYS];

	/* [staff.agent], [staff.supervisor], [staff.inspector],
	 * [staff.presale] (index PC_STAFF_PRESALE: shifts, roster and cost
	 * only; fifo) */
	pc_staff staff[PC_NSTAFF];

	/* [sla] */
	pc_sla_target sla_first_response;
	pc_sla_target sla_refund_only_handled; /* acted on (agreed, intercepted) [000 五.1] */
	pc_sla_target sla_refund_only_done;
	pc_sla_target sla_return_paid;     /* within t of arrival at the warehouse */
	pc_sla_target sla_all_done;
	pc_sla_target sla_supervisor_approval;
	pc_sla_target sla_presale_response; /* pre-sale chats answered, from their start */
	pc_sla_target sla_enquiry_response; /* after-sales enquiries answered, from their start */
	int sla_dispute_set;
	double sla_dispute_max;            /* share of paid orders */

	/* [scorecard] the shop's level before the promotion, for the rolling
	 * 30-day metrics [000] */
	double score_orders_per_day;   /* paid orders a day outside the promotion */
	double score_ro_per_day;       /* refund-only refunds completed a day */
	double score_rr_per_day;       /* return-refunds completed a day */
	double score_ro_time;          /* seconds, their completion time */
	double score_rr_time;
	double score_dispute_rate;     /* share of paid orders */
	double score_quality_rate;

	/* [baseline] the seed's closed form [004] */
	double baseline_cases_per_day; /* cases one agent handles a day */
	double baseline_days;          /* days to finish all work */

	/* [plan] how plan judges targets and designs shifts */
	int plan_judged;          /* PC_JUDGED_DAY, PC_JUDGED_INTERVAL or PC_JUDGED_HORIZON */
	pc_shifts_grid plan_patterns[PC_NRES]; /* allowed shift patterns; set 0: the
						* resource keeps its listed shifts */
	double plan_night_premium; /* extra share of cost for hours 22:00-06:00 */
	double plan_promo_premium; /* extra share of cost on sales days */
	double plan_budget;       /* CNY; 0: none */

	/* [simulation] */
	uint64_t seed;
	int replications;
	double interval;    /* seconds, time-series resolution */

	/* Not a key: the refunds open when the run starts part way through
	 * the promotion and that start (promocap replan; promocap/carry.h),
	 * borrowed, copies share it; NULL: the run starts at 0, nothing open. */
	const struct pc_carry *carry;
	/* Not a key: the carry-in a scenario unpacked from another process
	 * owns (pc_scenario_unpack: carry points to it, its items in the same
	 * block), freed by pc_scenario_release; NULL: carry is borrowed. */
	struct pc_carry *carry_own;

	/* Not a key: requests already drawn for this demand and seed, by
	 * replication (promocap/sim.h: pc_requests_kept), borrowed; a copy
	 * does not share it (NULL: each run draws its own). */
	struct pc_requests_kept *requests_kept;

	/* Warnings of the load: input accepted but extended by promocap on its
	 * own (a roster CSV ending before the horizon repeats its last day),
	 * one "file:line: message" a line, each ending in '\n'; "" when none.
	 * The CLI prints them on stderr; they never fail a load. */
	char warnings[1024];

	/* Bytes of the CSV tables read (curves, rosters), from their sizes
	 * when opened: pc_memory_estimate counts what reading them costs. */
	double table_bytes;

	/* Demand keys given as distributions over forecasts (forecast.h); the
	 * keys' fields above then hold the distributions' means. */
	pc_forecast forecast;

	/* The keys as written in the file (or by pc_scenario_set) and their
	 * lines, private to the scenario's files (src/scenario_internal.h):
	 * pc_scenario_set rebuilds from them. */
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

/* Sets the headcount of one shift of resource res to headcount on every
 * day: the roster's value gets the shift headcount "SHIFT N" ("8" becomes
 * "8, night 3"; an earlier headcount of that shift is replaced), then the
 * scenario is rebuilt as by pc_scenario_set.  Works over a headcount roster
 * and a CSV roster by date and shift.  Returns 0; PC_EINPUT with err filled
 * (and *sc unchanged) for a shift the resource does not have, a roster of
 * capacity change points, or a headcount out of range; PC_EIO / PC_ENOMEM
 * as pc_scenario_set. */
int pc_scenario_set_shift(pc_scenario *sc, pc_res res, const char *shift, int headcount,
			  pc_error *err);

/* Deep copy of src into dst (dst is overwritten, not released first); the
 * copy owns its own arrays and reads no file.  Returns 0, or PC_ENOMEM with
 * dst holding nothing to release. */
int pc_scenario_copy(pc_scenario *dst, const pc_scenario *src);

/* Packs the resolved scenario and every table it holds (rosters, curves,
 * empirical distributions) into one malloc'd buffer (*buf, *n bytes; the
 * caller frees it), for another process of the same binary: no file is
 * read again.  Returns 0 or PC_ENOMEM. */
int pc_scenario_pack(const pc_scenario *sc, void **buf, size_t *n);

/* Rebuilds into *sc a scenario packed by pc_scenario_pack in a process of
 * the same binary; *sc owns its own arrays (release it as a loaded one)
 * but not the keys as written, so pc_scenario_set does not apply to it.
 * Returns 0, or PC_EINPUT (a short or malformed buffer) / PC_ENOMEM with
 * *sc holding nothing to release. */
int pc_scenario_unpack(pc_scenario *sc, const void *buf, size_t n);

/* Writes the resolved scenario as INI text, every key shown with its value
 * (defaults included) in its canonical form, which pc_scenario_load reads
 * back to the same dump.  CSV file names are written as given, relative to
 * the scenario's folder, so a dump loads from that folder.  Returns 0 or
 * PC_EIO. */
int pc_scenario_dump(const pc_scenario *sc, FILE *out);

/* Writes the key reference (markdown table: section, key, default, meaning)
 * generated from the one key table.  Returns 0 or PC_EIO. */
int pc_scenario_keys_markdown(FILE *out);

/* What values a key takes, for tools that generate them (sweeps). */
typedef enum pc_key_syntax {
	PC_SYNTAX_NUMBER,   /* a plain number: gmv, agent_authority, cost */
	PC_SYNTAX_WHOLE,    /* a whole number: a roster's headcount, replications */
	PC_SYNTAX_SHARE,    /* a share, 5% or 0.05 */
	PC_SYNTAX_DURATION, /* a duration with a unit, 30min */
	PC_SYNTAX_OTHER     /* the rest: dates, distributions, mixes, yes/no, ... */
} pc_key_syntax;

/* One key of the key table. */
typedef struct pc_key_info {
	const char *section; /* "refunds", "path.return", ... */
	const char *name;    /* "rate" */
	pc_key_syntax syntax;
	const char *doc;     /* the line of the key reference */
	const char *def;     /* the default as the key reference shows it: a
			      * value, a text in parentheses for a derived
			      * default, or NULL for a required key */
} pc_key_info;

/* Fills *info with key i of the key table (i = 0, 1, ... in the order of
 * the dump); the strings are static.  Returns 0, or -1 past the last key. */
int pc_scenario_key_info(int i, pc_key_info *info);

/* Compares the demand of a and b: the keys that decide which refunds and
 * after-sales cases arrive, when, on which path, with which reason and
 * amount ([promotion] sales_start, sales_end, horizon, gmv, aov,
 * daily_share, hourly_share; every [refunds] key; [path.received_no_return]
 * amount), by their resolved values (CSV tables by their contents).
 * Writes the keys that differ as "section.key" joined by ", " into buf
 * (truncated to n; "" when none) and returns how many differ.  With the
 * same seed, scenarios whose demand agrees draw the same refunds, each
 * with the same random durations wherever their distributions agree
 * (common random numbers). */
int pc_scenario_demand_diff(const pc_scenario *a, const pc_scenario *b, char *buf, size_t n);

/* Capacity schedule of one staffed resource over [0, horizon): change points
 * in ascending time, *t[0] = 0.  Built from shifts and headcounts (overlapping
 * shifts add up) or taken from a change-point roster.  The arrays are
 * malloc'd and owned by the caller.  Returns 0 or PC_ENOMEM. */
int pc_staff_schedule(const pc_staff *st, double horizon, int *n, double **t, int **cap);

/* Whether the roster of st puts anyone on duty at any time. */
int pc_staff_any(const pc_staff *st);

/* Names: "unshipped", "in_transit", "received_no_return", "return". */
const char *pc_path_name(pc_path p);
/* "agent", "supervisor", "inspector". */
const char *pc_res_name(pc_res r);
/* "unshipped", ..., "payout", "after_sales", "escalation", "approval", "inspection". */
const char *pc_task_name(pc_task t);
/* "quality", "no_reason", "not_received", "other". */
const char *pc_reason_name(pc_reason r);
/* "reopen", "compensate", "refuse". */
const char *pc_late_name(pc_late c);
/* "where_is_my_parcel", "order_change", "invoice", "price_protection",
 * "quality", "warranty", "exchange". */
const char *pc_service_name(pc_service k);

/* Other after-sales cases per refund: the catalogue's ratios summed when it
 * is on, else after_sales_ratio. */
double pc_scenario_after_sales_ratio(const pc_scenario *sc);

/* Days since 1970-01-01 -> "YYYY-MM-DD" and back (proleptic Gregorian).
 * pc_date_parse takes exactly "YYYY-MM-DD", a valid calendar date (years
 * 0000 to 9999), and returns 0, or PC_EINPUT with *day left alone. */
void pc_date_format(int64_t day, char *buf, size_t n);
int pc_date_parse(const char *text, int64_t *day);

#endif
