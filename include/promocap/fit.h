/* fit: a scenario learnt from the shop's own exports (issue 12, part 1).
 * Reading the seller back end's CSV exports (fit_read.c), fitting the
 * figures with their 95% CIs and the delay distributions by maximum
 * likelihood (fit.c), and writing the scenario, its tables and the fit
 * report (fit_write.c).  The CLI (src/cli/fit.c) only opens the folder. */
#ifndef PROMOCAP_FIT_H
#define PROMOCAP_FIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "promocap/error.h"
#include "promocap/plot.h"

/* ---- reading ---- */

/* The columns fit knows, by role.  The built-in header names are the
 * seller back end's (订单编号, 申请退款时间 or 退款申请时间, ...); a mapping
 * file names others. */
typedef enum pc_fit_col {
	/* orders */
	PC_FC_ORDER_ID, PC_FC_PAID, PC_FC_ORDER_AMOUNT, PC_FC_DISPATCH, PC_FC_DELIVERED, PC_FC_CONFIRM,
	/* refunds */
	PC_FC_REFUND_ID, PC_FC_REFUND_ORDER, PC_FC_REQUESTED, PC_FC_TYPE, PC_FC_STAGE, PC_FC_GOODS,
	PC_FC_REASON, PC_FC_REFUND_AMOUNT, PC_FC_STATUS, PC_FC_ENDED, PC_FC_CLOSED_REASON, PC_FC_ESCALATED,
	PC_FC_REJECTED, PC_FC_AUTO, PC_FC_SHIPPED, PC_FC_WAREHOUSE, PC_FC_RESPONSIBLE,
	/* work log */
	PC_FC_AGENT, PC_FC_CASE, PC_FC_START, PC_FC_END, PC_FC_TASK,
	/* added later, at the end so the others keep their numbers */
	PC_FC_RESOURCE, /* work log: 岗位 (客服, 主管, 质检) */
	PC_FC_NCOLS
} pc_fit_col;

/* The header names of a mapping file (NULL: the built-in one). */
typedef struct pc_fit_map {
	char name[PC_FC_NCOLS][128];
} pc_fit_map;

/* Reads a mapping file: sections [orders], [refunds], [work]; keys the
 * roles (order_id, paid, amount, dispatch, delivered, confirm; refund_id,
 * order_id, requested, type, stage, goods, reason, amount, status, ended,
 * closed_reason, escalated, rejected, auto, shipped, warehouse, responsible; agent,
 * case, start, end, task, resource); values the header in the file.  0, or
 * PC_EINPUT / PC_EIO with err ("file:line: message"). */
int pc_fit_map_read(pc_fit_map *map, const char *path, pc_error *err);

/* The role names of a mapping file, for messages and the documentation. */
const char *pc_fit_col_key(pc_fit_col c);

/* Goods' state when the buyer asked (货物状态, or from the order's times). */
enum { PC_FG_UNKNOWN, PC_FG_UNSHIPPED, PC_FG_IN_TRANSIT, PC_FG_RECEIVED };

/* One order, times in seconds from the window's first day (NaN: none). */
typedef struct pc_fit_order {
	double paid, dispatch, delivered, confirm;
	double amount;
	int32_t line;     /* its row in the orders file, for messages (backtest) */
} pc_fit_order;

/* What an open refund waits for, from the words of its 退款状态. */
enum {
	PC_FW_UNKNOWN,    /* none of the below (or not open) */
	PC_FW_SELLER,     /* ...等待卖家同意: the shop's answer */
	PC_FW_BUYER,      /* ...等待买家退货: the buyer to ship the goods back */
	PC_FW_RETURNED,   /* ...等待卖家确认收货: the return to be received */
	PC_FW_PROCESSING, /* 退款处理中: handled, waiting (courier, approval) */
	PC_FW_REFUSED     /* 卖家拒绝退款: rejected, the buyer to ask again */
};

/* One refund.  order is the index of its order, or -1 (not in the orders
 * file); line the line of the refunds file its row ends on. */
typedef struct pc_fit_refund {
	double t, end, shipped, warehouse, amount;
	int32_t order;
	uint8_t type;     /* 0 仅退款, 1 退货退款 */
	uint8_t after;    /* 售后: an after-sales claim */
	uint8_t goods;    /* PC_FG_* from 货物状态; PC_FG_UNKNOWN without it */
	uint8_t reason;   /* 0 quality, 1 no_reason, 2 not_received, 3 other */
	uint8_t status;   /* 0 open, 1 refunded, 2 closed */
	uint8_t cancelled, escalated, rejected, autoapp;
	uint8_t responsible; /* 卖家责任: the platform judged the seller responsible */
	int8_t has_esc;   /* the 小二介入 column was there */
	uint8_t gave_up;  /* closed: the buyer gave up after a rejection (放弃) */
	uint8_t wait;     /* an open refund: PC_FW_* */
	int32_t line;     /* its row in the refunds file, for messages (backtest) */
} pc_fit_refund;

/* One task of the work log: its refund (index, -1 unknown), agent number. */
typedef struct pc_fit_task {
	double start, end;
	int32_t refund;
	int32_t agent;
	uint8_t task;     /* 0 handle (or unknown), 1 agree, 2 payout, 3 escalation, 4 other,
			   * 5 approval (supervisor), 6 inspect (inspector) */
	uint8_t resource; /* 0 agent 客服, 1 supervisor 主管, 2 inspector 质检 (岗位, or by the task) */
} pc_fit_task;

/* What the reading found wrong and how it was dealt with: every row is
 * counted once, in the data or in one of these. */
typedef struct pc_fit_counts {
	long order_rows, order_dup, order_conflict, order_no_paid, order_outside, order_no_dispatch;
	long refund_rows, refund_dup, refund_conflict, refund_no_time, refund_no_end, refund_no_order,
	     refund_outside, refund_before_paid, refund_open, refund_cancelled, refund_closed;
	long work_rows, work_dup, work_no_time, work_negative, work_no_case;
	long reason_unknown;
} pc_fit_counts;

/* The exports as read. */
typedef struct pc_fit_data {
	int64_t day0;          /* the window's first day (days since 1970-01-01) */
	int days;              /* its length */
	double export_end;     /* the last time in the files, seconds from day0 */
	pc_fit_order *order;
	size_t norders;
	pc_fit_refund *refund;
	size_t nrefunds;
	pc_fit_task *task;
	size_t ntasks;
	int nagents;
	int has_goods_col, has_stage_col, has_delivered, has_dispatch, has_esc_col, has_reject_col,
	    has_closed_col, has_shipped_col, has_warehouse_col, has_work, has_task_col,
	    has_resp_col;
	pc_fit_counts n;
	int has_resource_col;  /* the work log has 岗位 */
} pc_fit_data;

/* What to read.  from/to: the sales window, days since 1970-01-01 (both
 * -1: the first and last payment day of the orders).  orders may be NULL
 * when from and to are given (the refunds alone, as replan reads them). */
typedef struct pc_fit_input {
	const char *orders, *refunds, *work; /* work may be NULL */
	const pc_fit_map *map;               /* NULL: the built-in headers */
	int gbk;                             /* the files are GBK (iconv to UTF-8) */
	int64_t from, to;
} pc_fit_input;

/* Reads the exports.  0, or PC_EINPUT ("file:line: message"), PC_EIO,
 * PC_ENOMEM with err filled. */
int pc_fit_read(pc_fit_data *d, const pc_fit_input *in, pc_error *err);
void pc_fit_data_release(pc_fit_data *d);

/* A time as the exports write it, "YYYY-MM-DD HH:MM[:SS]" (or with '/', or
 * "YYYY-MM-DD" alone), as seconds since 1970 (no time zone: the files'
 * clock); NaN for an empty string; -1 with *bad set for anything else. */
double pc_fit_time(const char *s, int *bad);

/* ---- fitting ---- */

/* The warehouse's delivery waves: at most this many minutes of the day
 * (the scenario's PC_MAX_WAVES), holding at least this share of the
 * returns' arrivals at the warehouse. */
#define PC_FIT_MAX_WAVES 12
#define PC_FIT_WAVES_SHARE 0.95

/* A share with its Wilson 95% interval. */
typedef struct pc_fit_share {
	double p, lo, hi;
	long k, n;
} pc_fit_share;

enum { PC_FD_LOGNORMAL, PC_FD_GAMMA, PC_FD_WEIBULL, PC_FD_NFAMILIES };

/* A sample of durations (seconds) and its fits. */
typedef struct pc_fit_dist {
	const char *key;      /* the scenario key it feeds, "delay_in_transit" */
	long n;
	double mean, mean_lo, mean_hi, sd, median, p90;
	double a[PC_FD_NFAMILIES], b[PC_FD_NFAMILIES]; /* lognormal mu, sigma; gamma k, theta; weibull k, lambda */
	double ks[PC_FD_NFAMILIES];  /* Kolmogorov-Smirnov D of each */
	double ll[PC_FD_NFAMILIES];  /* log-likelihood */
	int best;                    /* smallest D; -1: too few values (< 10) */
	double *q;                   /* nq quantiles for the empirical table */
	int nq;
} pc_fit_dist;

enum {
	PC_FIT_DISPATCH, PC_FIT_DELIVERY, PC_FIT_BEFORE_DISPATCH, PC_FIT_IN_TRANSIT, PC_FIT_AFTER_DELIVERY,
	PC_FIT_CLAIM_DELAY, PC_FIT_BUYER_SHIPS, PC_FIT_TRANSIT, PC_FIT_H_UNSHIPPED, PC_FIT_H_IN_TRANSIT,
	PC_FIT_H_RECEIVED, PC_FIT_AGREE, PC_FIT_PAYOUT, PC_FIT_ESC_HANDLE,
	PC_FIT_APPROVAL,   /* supervisor time per approval (path received_no_return) */
	PC_FIT_INSPECT,    /* inspector time per returned parcel */
	PC_FIT_NDISTS
};

/* The roles of the work log (pc_fit_task.resource). */
enum { PC_FIT_AGENTS, PC_FIT_SUPERVISORS, PC_FIT_INSPECTORS, PC_FIT_NROLES };

/* What a rejected buyer did (the scenario's after_reject). */
enum { PC_FIT_ASK_AGAIN, PC_FIT_ESCALATE, PC_FIT_GIVE_UP };

typedef struct pc_fit {
	const pc_fit_data *d;
	long orders;                  /* in the window */
	double gmv;
	double aov, aov_lo, aov_hi;
	pc_fit_share *daily;          /* [days] share of the orders by day */
	pc_fit_share hourly[24];      /* orders by hour */
	pc_fit_share *rate_day;       /* [days] 售中 refunds of the day's orders */
	pc_fit_share rate;            /* 售中 refunds per order */
	pc_fit_share claims;          /* 售后 refunds per order */
	pc_fit_share req_hour[24];    /* refund requests by hour */
	pc_fit_share goods[3];        /* 售中 requests by goods' state */
	pc_fit_share path[4];         /* 售中 requests by path */
	pc_fit_share no_return;       /* after delivery, 售中: refund only */
	pc_fit_share claim_no_return; /* 售后: refund only */
	pc_fit_share reason[4];
	pc_fit_share escalated, cancelled, rejected, autoapp;
	double esc_hazard, esc_hazard_lo, esc_hazard_hi; /* per day past protection */
	long esc_n;
	double esc_exposure_d;
	pc_fit_share reject_by_reason[4];
	int peak_agents;              /* agents busy at once at the work log's peak */
	pc_fit_dist dist[PC_FIT_NDISTS];
	/* added later */
	pc_fit_share after_reject[3]; /* rejected requests by what the buyer did
				       * next (PC_FIT_ASK_AGAIN ...): escalated
				       * (小二介入), gave up (closed: 放弃), or else
				       * asked again */
	int peak[PC_FIT_NROLES];      /* people of each role busy at once at the peak */
	int people[PC_FIT_NROLES];    /* people of each role in the work log */
	int hours;                    /* hours of the rosters, from day0 00:00 */
	int *roster[PC_FIT_NROLES];   /* [hours]: people of the role seen working in
				       * each hour (NULL: none of that role) */
	/* The refund entry's gate (the scenario's entry_gated, entry_opens):
	 * a sales day none of whose orders asked for a refund on the day
	 * itself, where the other days' same-day share promised at least
	 * PC_FIT_GATE_EXPECTED such requests.  gated[days] (NULL: no day
	 * gated); entry_opens: seconds from day0 00:00, the first request of
	 * the gated days' orders, down to its hour. */
	unsigned char *gated;
	int ngated;
	double entry_opens;
	double gate_expected;         /* same-day requests the gated days would
				       * have had at the other days' share */
	int courier_from, courier_to; /* the courier's hours, [from, to) clock
				       * hours; -1: always (fit.c: courier_window) */
	long courier_n, courier_k;    /* recalled parcels' refunds (path 2, refund
				       * only, within a day), k of them inside */
	int nwaves;                   /* the warehouse's delivery waves found
				       * (fit.c: warehouse_waves); 0: none */
	int wave_minute[PC_FIT_MAX_WAVES]; /* their minutes of the day, ascending */
	long waves_n, waves_k;        /* returns at the warehouse, k of them at
				       * the waves */
	int goods_decided;            /* goods[] is the state when the buyer
				       * decided, estimated from the requests
				       * of the days the entry did not hold
				       * back (fit.c: decided_mix); 0: the
				       * state shown at the requests */
} pc_fit;

/* The fewest same-day requests a day must have been expected to have for
 * none at all to mark it gated (Poisson: P(0 | 10) = 4.5e-5). */
#define PC_FIT_GATE_EXPECTED 10.0

/* The courier's hours: the fewest recalled parcels' refunds that tell them,
 * and the share of them the hours must hold. */
#define PC_FIT_COURIER_MIN 50
#define PC_FIT_COURIER_SHARE 0.99

/* Fits everything d allows.  0 or PC_ENOMEM (err filled). */
int pc_fit_run(pc_fit *f, pc_fit_data *d, pc_error *err);
void pc_fit_release(pc_fit *f);

/* The share k of n with its Wilson interval. */
pc_fit_share pc_fit_wilson(long k, long n);

/* Fits lognormal, gamma and Weibull to x[0..n-1] (seconds, > 0; sorted in
 * place) by maximum likelihood, the KS statistic of each, the best. */
int pc_fit_dist_fit(pc_fit_dist *fd, double *x, long n);

/* The fitted family as a scenario value, "lognormal(mean=2.1h, sd=1.3h)". */
void pc_fit_dist_format(const pc_fit_dist *fd, char *buf, size_t n);

/* ---- writing ---- */

/* Writes into dir (which exists): scenario.ini, daily_share.csv,
 * hourly_share.csv, rate_by_day.csv, request_hours.csv, the empirical
 * tables empirical_KEY.csv, fit.csv (every figure, CI, n) and fit.txt
 * (the report).  0, or PC_EIO with err filled. */
int pc_fit_write(const pc_fit *f, const char *dir, const char *source, pc_error *err);

/* ---- the report's charts and page (fit_charts.c, fit_page.c) ---- */

/* The CDF of family fam (PC_FD_*) as fitted in fd, at x seconds. */
double pc_fit_dist_cdf(const pc_fit_dist *fd, int fam, double x);

/* What a duration is, in words: "Dispatch: paid to dispatched" (zh: 1). */
const char *pc_fit_dist_title(int k, int zh);

/* The fit report's charts for f, drawn by plots/fit_days.gp,
 * plots/fit_hours.gp and plots/fit_cdf.gp from the tables of
 * pc_fit_write_charts: fit_days (orders and refund rate by day), fit_hours
 * (orders and requests by hour), then fit_KEY for each duration fitted
 * (10 values or more).  Fills list[0..n) and list[n].name = NULL, n < max;
 * returns n.  The strings are static. */
int pc_fit_charts(const pc_fit *f, pc_plot_chart *list, int max);

/* Writes into dir the tables the charts read: fit_days.csv (date, order
 * share and refund rate with their 95% CIs and n), fit_hours.csv (hour,
 * order and request shares with CIs) and fit_cdf_KEY.csv per fitted
 * duration (the data's quantiles and the ECDF; a grid and the three fitted
 * CDFs; the column heads are the legend, in lang "en" or "zh", with each
 * family's KS D and the chosen one marked).  0, or PC_EIO (err filled). */
int pc_fit_write_charts(const pc_fit *f, const char *dir, const char *lang, pc_error *err);

struct pc_report_chart;

/* Writes fit.html, the page a manager reads: the verdict (orders and
 * refunds fitted, the window, the rows set aside, the weakest fits), the
 * rows read and what was done with them, every fitted figure with its 95%
 * CI, n, family and KS D, then charts[0..ncharts) (SVG, embedded).
 * source names the exports; lang "en" or "zh"; note (may be NULL) shown at
 * the top.  No clock time: the same exports give the same bytes.  Returns
 * 0 or PC_EIO; out is borrowed. */
int pc_fit_write_html(const pc_fit *f, const char *source, const struct pc_report_chart *charts, int ncharts,
		      const char *lang, const char *note, FILE *out);

#endif
