/* sim: one replication of a scenario, every refund through its path, with the
 * raw figures it produced (counts, sums, histograms, time series). */
#ifndef PROMOCAP_SIM_H
#define PROMOCAP_SIM_H

#include <stdatomic.h>
#include <stdint.h>

#include "promocap/error.h"
#include "promocap/scenario.h"

/* Backlog states of an open refund: what it waits for now. */
typedef enum pc_state {
	PC_ST_AGENT,      /* first response: waiting for or with an agent */
	PC_ST_COURIER,    /* path 2: courier feedback or the parcel's return */
	PC_ST_SUPERVISOR, /* path 3: approval above the agent's authority */
	PC_ST_BUYER,      /* path 4: buyer ships the goods back */
	PC_ST_TRANSIT,    /* path 4: return in transit */
	PC_ST_INSPECT,    /* path 4: waiting for inspection */
	PC_ST_PAYOUT,     /* path 4: waiting for the payout */
	PC_NSTATES
} pc_state;

/* The five return-refund segments [000]. */
typedef enum pc_segment {
	PC_SEG_AGREE,   /* 退款同意, agent: request -> agreement */
	PC_SEG_SHIP,    /* 商品邮寄, buyer */
	PC_SEG_TRANSIT, /* 退款在途, courier */
	PC_SEG_INSPECT, /* 验货, warehouse: arrival -> inspected */
	PC_SEG_PAYOUT,  /* 退款, agent: inspected (or signed) -> paid */
	PC_NSEGMENTS
} pc_segment;

/* Histogram grids.  Completion times: PC_SLA_BINS bins of PC_SLA_BIN
 * seconds (15 min, 30 days); first response: 1-minute bins over 48 h.  A
 * value past the grid is counted in the last bin's overflow. */
#define PC_SLA_BIN 900.0
#define PC_SLA_BINS 2880
#define PC_FR_BIN 60.0
#define PC_FR_BINS 2880
/* Return-refund segments: 10-second bins over the first hour (an agent's
 * agreement or payout takes minutes: 15-minute bins put their median at
 * half a bin), then 15-minute bins to 30 days (pc_seg_bin): the 360 fine
 * bins stand for the first four of PC_SLA_BINS. */
#define PC_SEG_FINE_BIN 10.0
#define PC_SEG_FINE_BINS 360
#define PC_SEG_BINS (PC_SEG_FINE_BINS + PC_SLA_BINS - 4)

/* The segment histogram's bin of a duration x >= 0 seconds (the last for
 * anything past 30 days), and bin i's lower edge and width in seconds. */
static inline int pc_seg_bin(double x)
{
	double fine = PC_SEG_FINE_BIN * PC_SEG_FINE_BINS;

	if (!(x >= 0))
		return 0;
	if (x < fine)
		return (int)(x / PC_SEG_FINE_BIN);
	x = (x - fine) / PC_SLA_BIN;
	return x < PC_SEG_BINS - PC_SEG_FINE_BINS - 1 ? PC_SEG_FINE_BINS + (int)x : PC_SEG_BINS - 1;
}

static inline double pc_seg_bin_lo(int i, double *width)
{
	if (i < PC_SEG_FINE_BINS) {
		*width = PC_SEG_FINE_BIN;
		return i * PC_SEG_FINE_BIN;
	}
	*width = PC_SLA_BIN;
	return PC_SEG_FINE_BIN * PC_SEG_FINE_BINS + (i - PC_SEG_FINE_BINS) * PC_SLA_BIN;
}
/* Completion-time histograms: one per path at arrival (shares of that
 * path's arrivals), then all refunds. */
#define PC_NCURVES (PC_NPATHS + 1)

/* Columns of the per-interval time series of one replication. */
typedef enum pc_series {
	PC_TS_ARRIVE_P1, PC_TS_ARRIVE_P2, PC_TS_ARRIVE_P3, PC_TS_ARRIVE_P4,
	PC_TS_ARRIVE_AS,   /* after-sales work arrived */
	PC_TS_FINISHED,    /* refunds finished in the interval */
	PC_TS_BACKLOG0,    /* PC_NSTATES columns: open refunds by state at the interval's end */
	PC_TS_AS_OPEN = PC_TS_BACKLOG0 + PC_NSTATES, /* after-sales work open at the end */
	PC_TS_ESCALATED_OPEN, /* open refunds that were escalated */
	PC_TS_STAFF0,      /* PC_NRES columns: mean staff on duty */
	PC_TS_BUSY0 = PC_TS_STAFF0 + PC_NRES, /* PC_NRES columns: mean busy servers */
	PC_TS_OFFER0 = PC_TS_BUSY0 + PC_NRES, /* PC_NRES columns: tasks that joined the
					       * resource's queue in the interval */
	PC_TS_WORK0 = PC_TS_OFFER0 + PC_NRES, /* PC_NRES columns: their work, seconds of
					       * service (drawn at arrival) */
	PC_TS_FR_N = PC_TS_WORK0 + PC_NRES, /* refund requests of the interval answered
					     * (by the interval of the request) */
	PC_TS_FR_WITHIN,   /* of them within the first response target */
	PC_TS_NCOLS
} pc_series;

/* Columns of the per-day figures of one replication (by the day an event
 * happened; first response by the day of the request). */
typedef enum pc_daily {
	PC_DAY_ARRIVED, PC_DAY_AS_ARRIVED, PC_DAY_FINISHED,
	PC_DAY_FR_N, PC_DAY_FR_WITHIN, PC_DAY_ESCALATED, PC_DAY_DISPUTES,
	PC_DAY_AUTO_APPROVED,
	PC_DAY_ARRIVED_P1, PC_DAY_ARRIVED_P2, PC_DAY_ARRIVED_P3, PC_DAY_ARRIVED_P4, /* by path at arrival */
	PC_DAY_CLAIMS,     /* of them after-sales claims */
	PC_DAY_HO_N, PC_DAY_HO_WITHIN, /* refund-only requests; acted on within the target (day of the request) */
	PC_DAY_QUALITY,    /* refunds with a quality reason (day of the request) */
	PC_DAY_RO_DONE, PC_DAY_RO_SUM, /* refund-only completed; their completion times, seconds */
	PC_DAY_RR_DONE, PC_DAY_RR_SUM, /* return-refunds the same */
	PC_DAY_NCOLS
} pc_daily;

/* The raw figures of one replication.  Counts are doubles so that sums over
 * replications and means need no casts. */
typedef struct pc_rep {
	double orders;                     /* N = G / A (paid orders) */
	double arrived[PC_NPATHS];         /* refunds by path at arrival */
	double finished[PC_NPATHS];        /* by path at arrival */
	double open[PC_NPATHS];            /* by path at arrival, counted at the end */
	double finished_final[PC_NPATHS];  /* by final path */
	double converted_1to2, converted_3to4;
	double as_arrived, as_done, as_open;
	double quality_refunds;            /* first reason quality */
	double fr_n, fr_within, fr_sum;    /* first response */
	double auto_approved, goods_lost, parcels_lost, wrong_goods;
	double escalated, disputes;
	double sup_n, sup_within, sup_sum; /* supervisor approvals */
	double ro_n, ro_sum, ro_within;    /* refund-only completion */
	double ho_n, ho_within, ho_sum;    /* refund-only requests: asked; acted on within
					    * refund_only_handled; time to the action, summed
					    * over those acted on (ho_acted of them) */
	double ho_acted;
	double claims;                     /* after-sales claims among the refunds */
	double ended[6];                   /* ended early: cancelled, gave up after a rejection,
					    * return not shipped in time, ruled refunded, ruled
					    * closed, refunded on the receipt timeout */
	double rejected[3];                /* rejected at the first handling, by what the buyer did */
	double rr_n, rr_sum;               /* return-refund completion */
	double seg_n[PC_NSEGMENTS], seg_sum[PC_NSEGMENTS];
	double paid_n, paid_within;        /* return paid after warehouse arrival */
	double done_24h, done_5d, done_all_within; /* refunds finished within 24 h, 5 d, the all_done target */
	double done_cycle;                 /* refunds finished within processing_cycle */
	double auto_matched, auto_money;   /* matched by the automatic refund rules; CNY they paid */
	double auto_goods_out;             /* matches paid while the goods were on their way */
	double p1_handled;                 /* path-1 interceptions tried by agents */
	double p1_left_before;             /* path 1: the goods had left before the request */
	double batch_runs, batch_items;    /* runs of the batch refund tool; requests in them */
	double late_n[PC_NLATE];           /* late requests by the shop's answer */
	double late_beyond;                /* late requests too late to reopen */
	double late_escalated;             /* late requests escalated at the shop's answer */
	double svc_n[PC_NSERVICES];        /* after-sales cases by kind (catalogue) */
	double svc_done[PC_NSERVICES], svc_sum[PC_NSERVICES]; /* closed, and their times to close */
	double chat_n, chat_answered, chat_done; /* pre-sale chats arrived, answered, finished */
	double chat_abandoned;              /* left before an answer (patience) */
	double enq_n, enq_within, enq_wait_sum; /* enquiries answered; within enquiry_response; waits */
	double chases;                      /* where-is-my-refund enquiries (chase_after) */
	double recep_busy, recep_cap, recep_paid; /* reception agents, server-seconds */
	double chat_wait_sum, chat_within;  /* their waits; answered within presale_response */
	double chat_by_dual, chat_dual_secs; /* answered by dual-skill agents; their time on them */
	double presale_busy, presale_cap;   /* pre-sale-only agents, server-seconds (available) */
	double presale_paid;                /* their paid server-seconds */
	double peak_backlog, peak_backlog_t;
	double busy[PC_NRES], cap[PC_NRES]; /* server-seconds over the run (cap: available) */
	double paid[PC_NRES];               /* paid server-seconds: cap / (1 - shrinkage) */
	double last_done;                  /* time the last work finished */
	double fc[PC_NFC];                 /* the forecast it faced (forecast.h): its draw,
					    * or the scenario's single values */
	double fc_draw;                    /* the number of that draw (pc_fc_draw_of) */
	double events;                     /* calendar events processed */
	double logical_events;             /* arrivals, service starts and ends, timers */
	/* histograms (counts) */
	double sla[PC_NCURVES][PC_SLA_BINS];
	double fr_hist[PC_FR_BINS];
	double seg_hist[PC_NSEGMENTS][PC_SEG_BINS];
	/* time series: nintervals rows x PC_TS_NCOLS; days: ndays x PC_DAY_NCOLS */
	int nintervals;
	double *series;
	int ndays;
	double *daily;
} pc_rep;

typedef struct pc_sim pc_sim;

/* A simulator for scenario sc (borrowed: it must outlive the simulator and
 * stay unchanged).  Allocates the pools, calendar and resources once; runs
 * reuse them.  Returns NULL with err filled on failure. */
pc_sim *pc_sim_new(const pc_scenario *sc, pc_error *err);

/* Lets a set *stop (NULL: none) end pc_sim_run early with PC_ESTOP, the
 * replication then unfinished (its figures are not to be used). */
void pc_sim_set_stop(pc_sim *sim, const atomic_int *stop);

/* Frees the simulator.  NULL-safe. */
void pc_sim_free(pc_sim *sim);

/* Prepares rep for sc (allocates the series).  Returns 0 or PC_ENOMEM. */
int pc_rep_init(pc_rep *rep, const pc_scenario *sc);
void pc_rep_release(pc_rep *rep);

/* Seeds r for forecast draw k of seed: a stream of its own, apart from
 * every stream of the replications, and the same whatever the threads or
 * ranks.  pc_sim_run draws replication r's forecast from draw
 * pc_fc_draw_of(r) so. */
void pc_sim_seed_forecast(gsl_rng *r, uint64_t seed, int k);

/* Runs replication number r with the random streams named by (seed, r) and
 * fills *rep (initialised by pc_rep_init).  Checks conservation (arrived =
 * finished + open, per path, for after-sales work and for pre-sale chats).
 * Returns 0, or
 * PC_ERUN / PC_ENOMEM with err filled. */
int pc_sim_run(pc_sim *sim, uint64_t seed, int r, pc_rep *rep, pc_error *err);
/* With forecast distributions in the scenario (sc->forecast.on), the run
 * first draws its forecast, draw pc_fc_draw_of(r) of the stream
 * pc_sim_seed_forecast(seed, that draw), and simulates that demand: the
 * replications of one draw share it, and rep->fc holds it. */

/* Requests kept across runs.  A replication's requests (orders-based
 * demand: every request drawn at its start and sorted by time) depend on
 * the scenario's demand (pc_scenario_demand_diff), the seed and the
 * replication alone, never on the staffing.  The planner runs the same
 * replications of one demand check after check; a cache kept for its
 * first reps replications lets each be drawn once.  A scenario names the
 * cache its simulators may use (pc_scenario.requests_kept; copies do not
 * share it).  A simulator takes an entry only for the cache's seed, a
 * scenario with the cache's demand and carry-in, and the same marks on its
 * requests (the order's age some levers read): the run is then the same,
 * byte for byte, as one that draws its requests.  An entry is written by
 * the one simulator that runs that replication first; threads may share
 * the cache.  Memory: reps x the requests of a replication x 16 bytes
 * (pc_requests_kept_bytes). */
typedef struct pc_requests_kept pc_requests_kept;

/* A cache for replications 0 .. reps - 1 of seed for scenarios with sc's
 * demand; NULL when out of memory (the runs then draw their own). */
pc_requests_kept *pc_requests_kept_new(const pc_scenario *sc, uint64_t seed, int reps);

/* Bytes held by the entries written so far; runs that took their
 * requests from the cache instead of drawing them. */
double pc_requests_kept_bytes(const pc_requests_kept *k);
long pc_requests_kept_hits(const pc_requests_kept *k);

/* Frees the cache; NULL-safe.  No simulator may still use it. */
void pc_requests_kept_free(pc_requests_kept *k);

#endif
