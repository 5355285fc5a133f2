/* sim_internal: what the simulator's files share (the engine's glue in
 * sim.c, the refund paths in refund.c, the platform's rules in platform.c,
 * the shop's levers in levers.c): the records of a replication, its event
 * and stream names, and the functions they call across files.  Private to
 * the library: the public contract is include/promocap/sim.h. */
#ifndef PC_SIM_INTERNAL_H
#define PC_SIM_INTERNAL_H

#include "promocap/sim.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calendar.h"
#include "demand.h"
#include "evlog.h"
#include "resource.h"
#include "sim_layout.h"

/* Random streams, one per source of randomness, so that two scenarios run
 * side by side face the same demand (common random numbers). */
enum {
	RNG_ARRIVE_REFUND, /* refund-generating orders or requests */
	RNG_ARRIVE_AS,     /* after-sales work */
	RNG_DELAY,         /* order -> refund request delays */
	RNG_DELAY_AS,      /* order -> after-sales request delays */
	RNG_ATTR,          /* path, reason, amount */
	RNG_DECIDE,        /* the uniforms behind every yes/no of a path */
	RNG_AGENT,         /* agent handle times */
	RNG_SUPERVISOR,    /* approval times */
	RNG_INSPECTOR,     /* inspection times */
	RNG_BUYER,         /* buyer ships the goods back */
	RNG_COURIER,       /* courier feedback, transit, refused returns */
	RNG_PLATFORM,      /* escalation times */
	/* The levers' streams come after the others, which keep their seeds:
	 * a lever left off moves no draw of today's streams. */
	RNG_AUTO,          /* automatic refund rules: order amount, credit, check */
	RNG_BATCH,         /* batch refund tool: time per request */
	RNG_SETUP,         /* batch refund tool: time to start a run */
	RNG_SHIP,          /* order -> the goods leave the warehouse */
	RNG_LATE,          /* late requests: the shop's answer, its time, escalation */
	RNG_SERVICE,       /* the service catalogue: kind, handle, follow-up */
	RNG_CHAT_ARRIVE,   /* pre-sale chats: arrivals */
	RNG_CHAT,          /* pre-sale chats: agent time */
	RNG_GOODS,         /* goods_state timing: the order's life, the request's
			    * moment and hour */
	RNG_CLAIM,         /* after-sales claims or enquiries, and claims' times */
	RNG_BUYER_ACT,     /* buyers' cancellations and the shop's rejections (on arrival) */
	RNG_REJECT,        /* what a rejected buyer does, and when (at the rejection) */
	RNG_RULING,        /* the platform's ruling time (at the escalation) */
	RNG_CHASE,         /* where-is-my-refund enquiries: their handle time */
	NRNG
};

/* Event kinds (low 8 bits of pc_event.a). */
enum {
	EV_SOURCE,    /* next order or request of source (a >> 8) */
	EV_REQUEST,   /* a delayed request of source (a >> 8) arrives */
	EV_DONE,      /* a task (a >> 8) of item b ends */
	EV_COURIER,   /* path 2: the courier's feedback on item b */
	EV_PARCEL,    /* path 2: the refused parcel is back (or declared lost) */
	EV_SHIPPED,   /* path 4: the buyer has shipped the goods back */
	EV_WAREHOUSE, /* path 4: the return arrives at the warehouse */
	EV_DEADLINE,  /* the earliest deadline of queue (a >> 8) is due */
	EV_ESCALATE,  /* buyer escalation of item b (epoch in a >> 8) */
	EV_ROSTER,    /* capacity change b of resource (a >> 8) */
	EV_SAMPLE,    /* end of interval b */
	EV_BATCH,     /* the batch refund tool's timer: queue the open run */
	EV_FOLLOW,    /* an after-sales case's follow-up is due (item b) */
	EV_CHAT,      /* the next pre-sale chat arrives */
	/* Timers of item b that hold it (its hold count) until they fire, so
	 * a refund ended meanwhile keeps its slot until then: */
	EV_CANCEL,    /* the buyer cancels the request */
	EV_ASK_AGAIN, /* a rejected buyer asks again */
	EV_RULING,    /* the platform rules on an escalation */
	EV_SHIP_TIMEOUT, /* the buyer has not shipped the return in time */
	EV_CHASE,     /* the buyer of open refund b asks where the refund is */
	EV_CARRY      /* the run's start with a carry-in: its refunds come in */
};

/* The state of a refund ended early (cancelled, closed, ruled): its queued
 * tasks and pending timers are skipped. */
#define ST_ENDED 0xff

/* How a refund ended early (pc_rep.ended). */
enum { END_CANCELLED, END_GAVE_UP, END_NOT_SHIPPED, END_RULED_REFUND, END_RULED_CLOSED,
       END_RECEIPT_TIMEOUT };

enum { SRC_REFUND, SRC_AS, NSRC };

/* Item flags. */
enum {
	F_AS = 1 << 0,         /* after-sales work, not a refund */
	F_RESPONDED = 1 << 1,  /* first response given (or timed out) */
	F_FINISHED = 1 << 2,
	F_ESCALATED = 1 << 3,
	F_AUTO = 1 << 4,       /* approved automatically on timeout */
	F_FAIL = 1 << 5,       /* path 1: the interception fails */
	F_MISFILED = 1 << 6,   /* path 3: buyer meant return-and-refund */
	F_OVER = 1 << 7,       /* path 3: amount above the agent's authority */
	F_SELLER = 1 << 8,     /* an escalation would be judged seller-responsible */
	F_WRONG = 1 << 9,      /* path 4: wrong or missing goods returned */
	F_NOREC = 1 << 10,     /* path 2: the courier cannot recall the parcel */
	F_LIVE = 1 << 11,      /* the slot holds an item */
	F_RULE = 1 << 12,      /* matched by an automatic refund rule: refunded
				* when its check ends */
	F_CHAT = 1 << 13,      /* a pre-sale chat, not after-sales work */
	F_CLAIM = 1 << 14,     /* an after-sales claim on received goods */
	F_HANDLED = 1 << 15    /* a refund-only request the shop acted on */
};

/* EV_REQUEST's argument above the source: 1 + the path the goods' state
 * gives (0: drawn from path_mix at arrival), and whether it is a claim. */
#define REQ_PATH_SHIFT 4
#define REQ_CLAIM (1u << 8)

#define NONE UINT32_MAX
#define TASK_BITS 4

/* Jobs the scenario's priority lists do not name, after the public tasks:
 * a run of the batch refund tool (its job holds the run, not an item), and
 * a pre-sale chat (in the chat queue, never the agents'). */
enum { TASK_BATCH = PC_NTASKS, TASK_CHAT, NJOBKINDS };
_Static_assert(NJOBKINDS <= 1 << TASK_BITS, "job kinds must fit in TASK_BITS");

/* Who serves a job, in its EV_DONE event above the task's bits: the
 * resource of the task (with pre-sale chat on, for the agents: an
 * after-sales-only agent), a dual-skill agent, or a pre-sale-only agent. */
enum { POOL_MAIN, POOL_DUAL, POOL_PRESALE, POOL_RECEPTION };

/* One refund or piece of after-sales work.  Its random durations are drawn
 * when it arrives, a fixed number per path, so a change of staffing moves no
 * draw to another refund. */
typedef struct item {
	double t_arrive;
	double t_mark;     /* start of the current wait (supervisor, segment) */
	union {
		float wh;     /* path 4: arrival at the warehouse, seconds after t_arrive */
		float d_late; /* a late request: the answer's agent time (used
			       * before any arrival at the warehouse) */
	};
	float d_first;     /* first agent task: handle or agreement (a rule's
			    * check; path 1 in a batch run: its batch_item);
			    * after-sales: the case; a pre-sale chat: the chat */
	float d_second;    /* path 3: approval; path 4: payout */
	float d_inspect;   /* path 4 */
	float d_a, d_b;    /* path 2: feedback, refused return; path 4: ships,
			    * transit; after-sales with a follow-up [002]: its
			    * wait and its agent time */
	union {
		float d_c;        /* path 3 misfiled as a return: payout */
		float goods_left; /* path 1 with ship_delay: when the goods leave
				   * the warehouse, seconds after t_arrive */
	};
	float d_esc;       /* escalation handle */
	uint32_t u_escalate; /* the escalation draw, read by escalate_after */
	uint32_t epoch;    /* bumped when the slot is freed: stale deadlines skip */
	uint16_t hold;     /* tasks queued or in service that name this item */
	uint16_t flags;
	uint8_t path0, path, state; /* after-sales work: path is its pc_service
				     * kind under the catalogue */
	uint8_t late;      /* a late request [003]: 1 + its pc_late, LATE_ESCALATES
			    * if the buyer escalates at the answer; 0 otherwise */
} item;

#define LATE_ESCALATES 0x80
/* A request the shop rejects at its first handling: 1 + pc_after_reject in
 * these bits of late (the late request's own bits are 0x03 and 0x80). */
#define REJECT_SHIFT 2
#define REJECT_MASK (3u << REJECT_SHIFT)

/* One cache line per item: the levers share fields that a path leaves
 * unused (the unions above) rather than grow it. */
_Static_assert(sizeof(item) == PC_SIM_ITEM_BYTES, "an item is one 64-byte cache line, as the memory estimate counts");

/* A run of the batch refund tool [001][004]: the unshipped requests one
 * agent refunds in one go.  Requests join the open run until an agent
 * starts it; its array is kept for the next run that reuses the slot. */
typedef struct batch {
	uint32_t *id;  /* the requests, in the order they joined */
	uint32_t n, cap;
	double key;    /* request time of the first to join (age discipline) */
} batch;

/* Refunds in arrival order with a deadline a fixed time after arrival
 * (seller-response timeout, end of the protection period).  Deadlines come
 * in arrival order, so one calendar event at a time serves the whole queue:
 * no event per refund waits in the calendar for a deadline that a finished
 * refund will never meet. */
typedef struct deadline_entry {
	double t;
	uint32_t id, epoch;
} deadline_entry;

_Static_assert(sizeof(deadline_entry) == PC_SIM_DEADLINE_BYTES, "a deadline entry is 16 bytes, as the memory estimate counts");

typedef struct deadline {
	deadline_entry *e; /* pc_memory_map's pages */
	size_t head, n, cap; /* cap is a power of two */
	int pending;         /* a sweep event is in the calendar */
} deadline;

/* The seller-response timeout and the protection period from the request;
 * the receipt timeout from the buyer's shipping (pushed as the parcels
 * ship, so in time order too). */
enum { DL_TIMEOUT, DL_PROTECTION, DL_RECEIPT, NDEADLINES };

/* A non-homogeneous Poisson source with a piecewise-constant rate. */
typedef struct source {
	const double *t, *rate;
	int n;
	double end, mult, now;
	int seg;
} source;

struct pc_sim {
	const pc_scenario *sc;   /* the scenario a run simulates: base, or drawn */
	const pc_scenario *base; /* the scenario given to pc_sim_new */
	pc_scenario *drawn;      /* with forecasts: base with the run's draw */
	gsl_rng *fc_rng;         /* with forecasts: the draws' stream */
	double fc_base[PC_NFC];  /* base's single values */
	const atomic_int *stop;  /* pc_sim_set_stop: a run ends early when set */
	gsl_rng *rng[NRNG];
	gsl_ran_discrete_t *path_table, *reason_table;
	gsl_ran_discrete_t *service_table; /* kind of after-sales work (catalogue) */
	pc_calendar cal;
	pc_resource res[PC_NRES];
	int nchanges[PC_NSTAFF];
	double *change_t[PC_NSTAFF];
	int *change_cap[PC_NSTAFF];
	double *order_t, *order_rate; /* orders-based demand curve */
	double *req_rate;             /* with a rate per day: order_rate x that day's rate */
	int norder;
	source src[NSRC];
	deadline dl[NDEADLINES];
	int delayed;                  /* sources are orders, requests come after a delay */
	int goods;                    /* goods_state timing */
	int race;                     /* an interception fails when the goods left first */
	pc_demand dem;
	int auto_on;                  /* automatic refund rules [000] */
	int batch_on;                 /* batch refund tool [004] */
	int late_on;                  /* late requests [003] */
	int arrival_levers;           /* any lever that acts when a refund arrives */
	/* Pre-sale chat and dual-skill agents [004] (skills_on): the agents'
	 * pool res[PC_RES_AGENT] holds ndual dual-skill agents and the rest
	 * after-sales-only; the pre-sale-only agents are chat_res, whose queue
	 * holds the chats. */
	int skills_on;
	pc_resource chat_res;
	/* After-sales reception (reception_on): its pool answers the
	 * enquiries (after-sales and follow-up tasks) instead of the agents. */
	int reception_on;
	pc_resource recep_res;
	double enq_limit;             /* enquiry_response target, seconds */
	source chat_src;
	int ndual, only_busy, dual_busy;
	unsigned char *chat_first;    /* per day: dual agents take chats first */
	double chat_limit;            /* presale_response target, seconds */
	int need_age;                 /* requests carry the age of their order */
	batch *batch;                 /* runs of the batch refund tool */
	uint32_t nbatch, cap_batch;   /* slots in use or free; allocated */
	uint32_t *batch_free, nbatch_free;
	uint32_t open;                /* the run requests join now, or NONE */
	int open_queued;              /* it waits in the agents' queue */
	item *item;
	uint32_t nitems, cap_items;
	uint32_t items_hi;            /* the most items an earlier run held */
	/* Orders-based demand: the run's requests, drawn at its start and
	 * sorted by time (ties in the order drawn); the run takes them in
	 * turn with the calendar's events, which keeps them out of the
	 * calendar.  req_tmp is the sort's second array. */
	pc_event *req, *req_tmp;
	size_t nreq, req_pos, cap_req, cap_req_tmp;
	/* The requests the run takes: req, or a cache's entry for this
	 * replication (kept, when the scenario names a usable cache). */
	const pc_event *rq;
	pc_requests_kept *kept;
	uint32_t *free_stack;
	uint32_t nfree;
	pc_events *ev;                /* the event log being recorded, or NULL */
	/* live figures of the running replication: work, the simulator's own
	 * copy (rep points to it), copied out at the end of the run.  The
	 * caller's figures of several replications lie side by side in one
	 * array: written per event from two threads, their neighbouring
	 * cache lines went back and forth between the cores. */
	pc_rep *rep;
	pc_rep work;
	double backlog[PC_NSTATES];
	double open_refunds, escalated_open, as_open;
	double fr_limit, ro_limit, paid_limit, sup_limit, all_limit, ho_limit;
	double cycle_limit;           /* processing_cycle, or -1 for none */
	int nintervals, ndays;
	/* A run that starts part way (sc->carry): no request before t_start
	 * (-INFINITY without a carry-in). */
	double t_start;
};

/* The resource that serves each task (sim.c). */
extern const pc_res pc_sim_task_res[PC_NTASKS];

/* Items a run can hold at once: a task names its item in the bits of a
 * uint32_t above the task's TASK_BITS. */
#define MAX_ITEMS ((uint32_t)1 << (32 - TASK_BITS))

/* ---- small helpers every file uses ---- */

/* The arrival stream of source s. */
static inline gsl_rng *pc_sim_source_rng(pc_sim *sim, int s)
{
	return sim->rng[s == SRC_REFUND ? RNG_ARRIVE_REFUND : RNG_ARRIVE_AS];
}

/* The next arrival of a non-homogeneous Poisson source after its last. */
static inline double source_next(source *s, gsl_rng *r)
{
	while (s->seg < s->n) {
		double seg_end = s->seg + 1 < s->n ? s->t[s->seg + 1] : s->end;
		double rate = s->rate[s->seg] * s->mult;

		if (s->now < s->t[s->seg])
			s->now = s->t[s->seg];
		if (rate > 0) {
			double x = s->now + gsl_ran_exponential(r, 1.0 / rate);
			if (x < seg_end) {
				s->now = x;
				return x;
			}
		}
		/* Memoryless: restart the gap at the segment boundary. */
		s->now = seg_end;
		s->seg++;
	}
	return INFINITY;
}


/* A duration held in a float.  Beyond FLT_MAX ISO C leaves the conversion
 * undefined (IEEE 754 platforms give inf), and fixed(1e300d) is a valid
 * scenario: larger values, and NaN, become 1e30 s, far past any horizon,
 * which is all that matters of them, on every platform. */
static inline float to_float(double x)
{
	return x < 1e30 ? (float)x : 1e30f;
}

/* One draw of d from r, as an item holds it. */
static inline float draw(const pc_dist *d, gsl_rng *r)
{
	return to_float(pc_dist_draw(d, r));
}

/* The time past the protection period to an escalation, exponential of rate
 * h per day [004], drawn for every refund but needed by few: the draw keeps
 * the stream's 32 bits (gsl_rng_get) and is read as gsl_ran_exponential reads
 * it only when the deadline comes, by GSL's inverse CDF.  The same value:
 * taus2's gsl_rng_uniform is its gsl_rng_get / 2^32, and
 * gsl_ran_exponential(r, mu) and gsl_cdf_exponential_Pinv(u, mu) are both
 * -mu log1p(-u). */
static inline uint32_t escalate_draw(const pc_scenario *sc, gsl_rng *r)
{
	return sc->escalation_rate > 0 ? (uint32_t)gsl_rng_get(r) : 0;
}

static inline float escalate_after(const pc_scenario *sc, uint32_t u)
{
	return sc->escalation_rate > 0
		? to_float(gsl_cdf_exponential_Pinv(u / 4294967296.0, 1.0 / sc->escalation_rate)) : 0.0f;
}

static inline void hist_add(double *h, int nbins, double bin, double x)
{
	int i = (int)(x / bin);
	if (i >= nbins)
		i = nbins - 1;
	if (i < 0)
		i = 0;
	h[i] += 1;
}

static inline double *day_row(pc_sim *sim, double t)
{
	int d = (int)(t / PC_DAY);
	if (d >= sim->ndays)
		d = sim->ndays - 1;
	return sim->rep->daily + (size_t)d * PC_DAY_NCOLS;
}

static inline double *interval_row(pc_sim *sim, double t)
{
	int k = (int)(t / sim->sc->interval);
	if (k >= sim->nintervals)
		k = sim->nintervals - 1;
	return sim->rep->series + (size_t)k * PC_TS_NCOLS;
}

/* A refund arrives at the agents' queue at now (day: its day's row): counted
 * as arrived on its path, queued and open, with the peak of the backlog, so
 * that arrived = finished + open holds (new requests and the carry-in). */
static inline void count_arrival(pc_sim *sim, double *day, int path0, double now)
{
	pc_rep *rep = sim->rep;

	rep->arrived[path0]++;
	day[PC_DAY_ARRIVED]++;
	day[PC_DAY_ARRIVED_P1 + path0]++;
	interval_row(sim, now)[PC_TS_ARRIVE_P1 + path0]++;
	sim->backlog[PC_ST_AGENT]++;
	sim->open_refunds++;
	if (sim->open_refunds > rep->peak_backlog) {
		rep->peak_backlog = sim->open_refunds;
		rep->peak_backlog_t = now;
	}
}

static inline void set_state(pc_sim *sim, item *it, int state)
{
	sim->backlog[it->state]--;
	it->state = (uint8_t)state;
	sim->backlog[state]++;
}

/* The service time of task for item it, drawn when the item arrived. */
static inline double task_duration(const item *it, pc_task task)
{
	switch (task) {
	case PC_TASK_PAYOUT:
	case PC_TASK_APPROVAL:
		return it->d_second;
	case PC_TASK_INSPECT:
		return it->d_inspect;
	case PC_TASK_ESCALATION:
		return it->d_esc;
	case PC_TASK_LATE:
		return it->d_late;
	case PC_TASK_FOLLOW_UP:
		return it->d_b;
	default:
		return it->d_first;
	}
}

static inline int is_first_response(pc_task task)
{
	return task <= PC_TASK_AGREE || task == PC_TASK_AFTER_SALES;
}

static inline uint32_t float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
}

static inline float bits_float(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

/* sim.c: the calendar, the queues and the figures.  Each returns 0 or
 * PC_ENOMEM (PC_ERUN past MAX_ITEMS) where it returns an int.  push and
 * timer_push drop events past the horizon; a timer holds its item until it
 * fires; release frees a finished item's slot once nothing holds it;
 * enqueue queues a task and starts what can start; finish counts a
 * completion; handled counts the shop's action on a refund-only request. */
static inline int pc_sim_push(pc_sim *sim, double t, uint32_t kind, uint32_t arg, uint32_t b)
{
	if (t > sim->sc->horizon)
		return 0; /* past the horizon: never happens within the run */
	return pc_calendar_push(&sim->cal, t, kind | (arg << 8), b);
}

static inline int pc_sim_timer_push(pc_sim *sim, double t, uint32_t kind, uint32_t id)
{
	if (t > sim->sc->horizon)
		return 0;
	sim->item[id].hold++;
	return pc_calendar_push(&sim->cal, t, kind, id);
}

/* Doubles a full deadline ring (sim.c).  Returns 0 or PC_ENOMEM, the ring
 * unchanged. */
int pc_sim_deadline_grow(deadline *d);

/* Queues item id's deadline at t in ring q (times come in order within a
 * ring), and schedules the ring's sweep when none is pending. */
static inline int pc_sim_deadline_push(pc_sim *sim, int q, double t, uint32_t id)
{
	deadline *d = &sim->dl[q];
	size_t k;

	if (d->n == d->cap && pc_sim_deadline_grow(d))
		return PC_ENOMEM;
	k = (d->head + d->n) & (d->cap - 1);
	d->e[k].t = t;
	d->e[k].id = id;
	d->e[k].epoch = sim->item[id].epoch;
	d->n++;
	if (!d->pending) {
		d->pending = 1;
		return pc_sim_push(sim, t, EV_DEADLINE, (uint32_t)q, 0);
	}
	return 0;
}

int pc_sim_enqueue(pc_sim *sim, uint32_t id, pc_task task, double now);
int pc_sim_dispatch(pc_sim *sim, double now);
int pc_sim_start_tasks(pc_sim *sim, pc_res r, double now);
/* After a server of pool is freed: the next tasks of resource r, or of the
 * reception for its pool. */
int pc_sim_start_after(pc_sim *sim, pc_res r, uint32_t pool, double now);
void pc_sim_finish(pc_sim *sim, uint32_t id, double now);

/* refund.c: the four paths and the five return segments. */
double pc_refund_draw(pc_sim *sim, item *it, int path, int *reason);
int pc_refund_enqueue_first(pc_sim *sim, uint32_t id, double now);
int pc_refund_ask_courier(pc_sim *sim, uint32_t id, double now);
int pc_refund_buyer_ships(pc_sim *sim, uint32_t id, double now);
int pc_refund_buyer_ships_from(pc_sim *sim, uint32_t id, double now, double agreed);
int pc_refund_unshipped_done(pc_sim *sim, uint32_t id, double now);
int pc_refund_task_done(pc_sim *sim, uint32_t id, pc_task task, uint32_t pool, double now);
int pc_refund_timer(pc_sim *sim, int kind, uint32_t id, double now);
/* Path 4: the buyer has shipped the goods back now (in transit), and the
 * return has reached the warehouse now (inspection, or the payout on
 * signature); the segment that ended is the caller's to count. */
int pc_refund_shipped(pc_sim *sim, uint32_t id, double now);
/* pc_refund_shipped without the receipt timeout (its caller's to push). */
int pc_refund_in_transit(pc_sim *sim, uint32_t id, double now);
int pc_refund_at_warehouse(pc_sim *sim, uint32_t id, double now);

/* platform.c: timeouts, protection periods and escalations, rejections,
 * the platform's ruling, and refunds ended early (pc_platform_end, how:
 * END_*). */
void pc_platform_end(pc_sim *sim, uint32_t id, double now, int how);
int pc_platform_rejected(pc_sim *sim, uint32_t id, double now);
int pc_platform_escalation(pc_sim *sim, uint32_t id, double now);
int pc_platform_escalate(pc_sim *sim, uint32_t id, double now);
int pc_platform_deadlines_due(pc_sim *sim, int q, double now);

/* requests.c: a replication's requests, drawn before it runs.  The
 * orders of source s (SRC_REFUND, SRC_AS) that will ask, their requests
 * scheduled after the order-to-request delay (0, or PC_ENOMEM, also for a
 * request that could not be kept); then all of them sorted by time, equal
 * times in the order drawn (0 or PC_ENOMEM). */
int pc_sim_schedule_requests(pc_sim *sim, int s);
int pc_sim_sort_requests(pc_sim *sim);

/* Requests kept across runs (promocap/sim.h): whether sim may use the
 * cache of its scenario (pc_sim_new); replication r's requests of seed as
 * kept, with their count in *n, or NULL when not kept yet; and keeping
 * sim's requests, just drawn and sorted, for replication r of seed (only
 * the first run of r writes them; nothing happens when the cache cannot
 * take them). */
int pc_sim_requests_usable(const pc_sim *sim);
const pc_event *pc_sim_requests_kept(const pc_sim *sim, uint64_t seed, int r, size_t *n);
void pc_sim_requests_keep(const pc_sim *sim, uint64_t seed, int r);

/* carry.c: the carry-in of a run that starts part way (sc->carry): its
 * refunds come in at now (EV_CARRY); once the run has ended, the days
 * before the start's day are cleared: past, they are not judged (what they
 * held is the carry-in's, counted by the day of its request, and stays in
 * the run's totals). */
int pc_carry_inject(pc_sim *sim, double now);
void pc_carry_clear_past(pc_sim *sim);

/* levers.c: automatic refund rules, the batch refund tool and the
 * interception race, late requests, the service catalogue, pre-sale chat
 * with dual-skill agents. */
int pc_lever_batch_join(pc_sim *sim, uint32_t id, double now);
int pc_lever_batch_tick(pc_sim *sim, double now);
int pc_lever_batch_start(pc_sim *sim, uint32_t bid, uint32_t pool, double now);
int pc_lever_late_done(pc_sim *sim, uint32_t id, double now);
int pc_lever_intercept_failed(const pc_sim *sim, const item *it, double now);
void pc_lever_auto_paid(pc_sim *sim, const item *it, double now);
void pc_lever_draw_service(pc_sim *sim, item *it);
int pc_lever_arrive(pc_sim *sim, uint32_t id, double now, double age, double asked);
int pc_lever_batch_done(pc_sim *sim, uint32_t bid, uint32_t pool, double now);
int pc_lever_chat_arrive(pc_sim *sim, double now);
int pc_lever_chat_start(pc_sim *sim, uint32_t id, uint32_t pool, double now);
int pc_lever_chat_done(pc_sim *sim, uint32_t id, uint32_t pool, double now);

/* ---- hot small steps, inline in every file ---- */

/* Takes a free item slot: a freed one, or the next (pc_sim_item_new grows
 * the pool).  Returns 0, PC_ENOMEM, or PC_ERUN past MAX_ITEMS. */
int pc_sim_item_new(pc_sim *sim, uint32_t *id);
static inline int pc_sim_item_alloc(pc_sim *sim, uint32_t *id)
{
	if (sim->nfree) {
		*id = sim->free_stack[--sim->nfree];
		return 0;
	}
	return pc_sim_item_new(sim, id);
}

static inline void pc_sim_release(pc_sim *sim, uint32_t id)
{
	item *it = &sim->item[id];

	if ((it->flags & F_FINISHED) && it->hold == 0) {
		it->flags = 0;
		it->epoch++;
		sim->free_stack[sim->nfree++] = id;
	}
}

static inline void pc_sim_first_response(pc_sim *sim, item *it, double now)
{
	pc_rep *rep = sim->rep;
	double fr = now - it->t_arrive;
	double *day = day_row(sim, it->t_arrive);

	/* Once per request: a late request answered before its entry was
	 * reopened keeps that first response. */
	if (it->flags & F_RESPONDED)
		return;
	it->flags |= F_RESPONDED;
	if (it->flags & F_AS)
		return;
	rep->fr_n++;
	rep->fr_sum += fr;
	hist_add(rep->fr_hist, PC_FR_BINS, PC_FR_BIN, fr);
	day[PC_DAY_FR_N]++;
	interval_row(sim, it->t_arrive)[PC_TS_FR_N]++;
	if (fr <= sim->fr_limit) {
		rep->fr_within++;
		day[PC_DAY_FR_WITHIN]++;
		interval_row(sim, it->t_arrive)[PC_TS_FR_WITHIN]++;
	}
}

/* A server of pool, serving a task of resource r, is free again. */
static inline void pc_sim_server_free(pc_sim *sim, pc_res r, uint32_t pool, double now)
{
	if (pool == POOL_RECEPTION) {
		pc_resource_done(&sim->recep_res, now);
		return;
	}
	if (pool == POOL_PRESALE) {
		pc_resource_done(&sim->chat_res, now);
		return;
	}
	pc_resource_done(&sim->res[r], now);
	if (pool == POOL_DUAL)
		sim->dual_busy--;
	else if (sim->skills_on && r == PC_RES_AGENT)
		sim->only_busy--;
}

static inline void pc_sim_segment(pc_sim *sim, pc_segment s, double dt)
{
	sim->rep->seg_n[s]++;
	sim->rep->seg_sum[s] += dt;
	sim->rep->seg_hist[s][pc_seg_bin(dt)] += 1;
}

/* The shop acts on refund-only request it now (agrees, intercepts, asks
 * the courier, decides or approves): the handling deadline of [000 五.1]
 * counts from the request.  Once per request; returns are not counted. */
static inline void pc_sim_handled(pc_sim *sim, item *it, double now)
{
	double dt = now - it->t_arrive;

	if ((it->flags & (F_HANDLED | F_AS)) || it->path0 == PC_PATH_RETURN)
		return;
	it->flags |= F_HANDLED;
	sim->rep->ho_acted++;
	sim->rep->ho_sum += dt;
	if (dt <= sim->ho_limit) {
		sim->rep->ho_within++;
		day_row(sim, it->t_arrive)[PC_DAY_HO_WITHIN]++;
	}
}

/* A new refund's platform deadlines: the seller-response timeout and the
 * end of the protection period, a fixed time after now. */
static inline int pc_platform_deadlines(pc_sim *sim, uint32_t id, double now)
{
	const pc_scenario *sc = sim->sc;

	if (sc->response_timeout > 0 &&
	    pc_sim_deadline_push(sim, DL_TIMEOUT, now + sc->response_timeout, id))
		return PC_ENOMEM;
	if (sc->escalation_rate > 0 &&
	    pc_sim_deadline_push(sim, DL_PROTECTION, now + sc->protection_period, id))
		return PC_ENOMEM;
	return 0;
}

#endif
