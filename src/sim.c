/* sim: the life of every refund through its path (MODEL.md), on the event
 * calendar and the staffed resources, with the shop's levers (automatic
 * refund rules, batch tool and interception race, late requests, service
 * catalogue, pre-sale chat with dual-skill routing) and the figures of one
 * replication. */
#include "promocap/sim.h"
#include "promocap/memory.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calendar.h"
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
	EV_CHAT       /* the next pre-sale chat arrives */
};

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
	F_CHAT = 1 << 13       /* a pre-sale chat, not after-sales work */
};

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
enum { POOL_MAIN, POOL_DUAL, POOL_PRESALE };

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
	float d_escalate;  /* time past the protection period to an escalation */
	uint32_t epoch;    /* bumped when the slot is freed: stale deadlines skip */
	uint16_t hold;     /* tasks queued or in service that name this item */
	uint16_t flags;
	uint8_t path0, path, state; /* after-sales work: path is its pc_service
				     * kind under the catalogue */
	uint8_t late;      /* a late request [003]: 1 + its pc_late, LATE_ESCALATES
			    * if the buyer escalates at the answer; 0 otherwise */
} item;

#define LATE_ESCALATES 0x80

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
typedef struct deadline {
	double *t;
	uint32_t *id, *epoch;
	size_t head, n, cap; /* cap is a power of two */
	int pending;         /* a sweep event is in the calendar */
} deadline;

enum { DL_TIMEOUT, DL_PROTECTION, NDEADLINES };

/* A non-homogeneous Poisson source with a piecewise-constant rate. */
typedef struct source {
	const double *t, *rate;
	int n;
	double end, mult, now;
	int seg;
} source;

struct pc_sim {
	const pc_scenario *sc;
	const atomic_int *stop;  /* pc_sim_set_stop: a run ends early when set */
	gsl_rng *rng[NRNG];
	gsl_ran_discrete_t *path_table, *reason_table;
	gsl_ran_discrete_t *reopen_table; /* hour after the entry opens, for waiting requests */
	gsl_ran_discrete_t *service_table; /* kind of after-sales work (catalogue) */
	pc_calendar cal;
	pc_resource res[PC_NRES];
	int nchanges[PC_NSTAFF];
	double *change_t[PC_NSTAFF];
	int *change_cap[PC_NSTAFF];
	double *order_t, *order_rate; /* orders-based demand curve */
	int norder;
	source src[NSRC];
	deadline dl[NDEADLINES];
	int delayed;                  /* sources are orders, requests come after a delay */
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
	uint32_t *free_stack;
	uint32_t nfree;
	/* live figures of the running replication */
	pc_rep *rep;
	double backlog[PC_NSTATES];
	double open_refunds, escalated_open, as_open;
	double fr_limit, ro_limit, paid_limit, sup_limit, all_limit;
	double cycle_limit;           /* processing_cycle, or -1 for none */
	int nintervals, ndays;
};

static const pc_res task_res[PC_NTASKS] = {
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT,
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_SUPERVISOR, PC_RES_INSPECTOR, PC_RES_AGENT,
	PC_RES_AGENT
};

/* splitmix64: turns (seed, replication, stream) into well-spread seeds. */
static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static double source_next(source *s, gsl_rng *r)
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

void pc_sim_free(pc_sim *sim)
{
	if (!sim)
		return;
	for (int i = 0; i < NRNG; i++)
		if (sim->rng[i])
			gsl_rng_free(sim->rng[i]);
	if (sim->path_table)
		gsl_ran_discrete_free(sim->path_table);
	if (sim->reason_table)
		gsl_ran_discrete_free(sim->reason_table);
	if (sim->reopen_table)
		gsl_ran_discrete_free(sim->reopen_table);
	if (sim->service_table)
		gsl_ran_discrete_free(sim->service_table);
	pc_calendar_release(&sim->cal);
	for (int r = 0; r < PC_NRES; r++)
		pc_resource_release(&sim->res[r]);
	for (int r = 0; r < PC_NSTAFF; r++) {
		free(sim->change_t[r]);
		free(sim->change_cap[r]);
	}
	pc_resource_release(&sim->chat_res);
	free(sim->chat_first);
	free(sim->order_t);
	free(sim->order_rate);
	free(sim->item);
	free(sim->free_stack);
	for (uint32_t i = 0; i < sim->cap_batch; i++)
		free(sim->batch[i].id);
	free(sim->batch);
	free(sim->batch_free);
	for (int i = 0; i < NDEADLINES; i++) {
		free(sim->dl[i].t);
		free(sim->dl[i].id);
		free(sim->dl[i].epoch);
	}
	free(sim);
}

static double limit_or(const pc_sla_target *t, double fallback)
{
	return t->set ? t->within : fallback;
}

static void items_reserve(pc_sim *sim);

pc_sim *pc_sim_new(const pc_scenario *sc, pc_error *err)
{
	pc_sim *sim = calloc(1, sizeof *sim);

	if (!sim)
		goto nomem;
	sim->sc = sc;
	for (int i = 0; i < NRNG; i++)
		if (!(sim->rng[i] = gsl_rng_alloc(gsl_rng_taus2)))
			goto nomem;
	sim->path_table = gsl_ran_discrete_preproc(PC_NPATHS, sc->path_mix);
	sim->reason_table = gsl_ran_discrete_preproc(PC_NREASONS, sc->reason_mix);
	if (!sim->path_table || !sim->reason_table) {
		pc_error_set(err, sc->file, 0, "path_mix and reasons need a share above 0");
		pc_sim_free(sim);
		return NULL;
	}
	{
		/* Hour j after the entry opens gets the intraday share of its
		 * clock hour. */
		double w[24];
		int h0 = (int)floor(fmod(sc->entry_opens, PC_DAY) / PC_HOUR);
		for (int j = 0; j < 24; j++)
			w[j] = sc->hourly_share[(h0 + j) % 24];
		sim->reopen_table = gsl_ran_discrete_preproc(24, w);
		if (!sim->reopen_table)
			goto nomem;
	}
	if (sc->catalogue && pc_scenario_after_sales_ratio(sc) > 0) {
		double w[PC_NSERVICES];
		for (int k = 0; k < PC_NSERVICES; k++)
			w[k] = sc->service[k].ratio;
		sim->service_table = gsl_ran_discrete_preproc(PC_NSERVICES, w);
		if (!sim->service_table)
			goto nomem;
	}
	sim->nintervals = (int)ceil(sc->horizon / sc->interval - 1e-9);
	sim->ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9);
	/* Buckets of ten minutes keep refunds that wait days (buyer, courier)
	 * out of the heap, which then holds about ten minutes of events. */
	if (pc_calendar_init(&sim->cal, 1024) ||
	    pc_calendar_use_buckets(&sim->cal, PC_SIM_BUCKET_SECONDS))
		goto nomem;
	items_reserve(sim);
	for (int r = 0; r < PC_NRES; r++) {
		const pc_staff *st = &sc->staff[r];
		if (pc_resource_init(&sim->res[r], st->nclasses > 0 ? st->nclasses : 1,
				     sc->interval, (size_t)sim->nintervals))
			goto nomem;
		if (st->discipline == PC_DISC_AGE)
			pc_resource_use_keys(&sim->res[r]);
		if (pc_staff_schedule(st, sc->horizon, &sim->nchanges[r], &sim->change_t[r],
				      &sim->change_cap[r]))
			goto nomem;
	}
	if (sc->has_arrival_curve) {
		sim->delayed = 0;
		for (int s = 0; s < NSRC; s++) {
			sim->src[s].t = sc->arrival_curve.t;
			sim->src[s].rate = sc->arrival_curve.rate;
			sim->src[s].n = sc->arrival_curve.n;
			sim->src[s].end = sc->arrival_curve.end;
		}
		sim->src[SRC_REFUND].mult = 1.0;
		sim->src[SRC_AS].mult = pc_scenario_after_sales_ratio(sc);
	} else {
		/* Orders N = G / A spread over the sales days (daily shares) and
		 * hours (intraday shares): rate in hour h of day d is
		 * N * daily[d] * hourly[h] / 3600 per second.  Refund requests
		 * come from a thinned stream of these orders (rate r), after-sales
		 * work from another (rate r * ratio) [004]. */
		double n_orders = sc->gmv / sc->aov;
		sim->delayed = 1;
		sim->norder = sc->sales_days * 24;
		sim->order_t = malloc(sizeof(double) * (size_t)sim->norder);
		sim->order_rate = malloc(sizeof(double) * (size_t)sim->norder);
		if (!sim->order_t || !sim->order_rate)
			goto nomem;
		for (int d = 0; d < sc->sales_days; d++)
			for (int h = 0; h < 24; h++) {
				sim->order_t[d * 24 + h] = d * PC_DAY + h * PC_HOUR;
				sim->order_rate[d * 24 + h] =
					n_orders * sc->daily_share[d] * sc->hourly_share[h] / PC_HOUR;
			}
		for (int s = 0; s < NSRC; s++) {
			sim->src[s].t = sim->order_t;
			sim->src[s].rate = sim->order_rate;
			sim->src[s].n = sim->norder;
			sim->src[s].end = sc->sales_days * PC_DAY;
		}
		sim->src[SRC_REFUND].mult = sc->refund_rate;
		sim->src[SRC_AS].mult = sc->refund_rate * pc_scenario_after_sales_ratio(sc);
	}
	sim->fr_limit = limit_or(&sc->sla_first_response, 1800.0);
	sim->ro_limit = limit_or(&sc->sla_refund_only_done, PC_DAY);
	sim->paid_limit = limit_or(&sc->sla_return_paid, PC_DAY);
	sim->sup_limit = limit_or(&sc->sla_supervisor_approval, 4 * PC_HOUR);
	sim->all_limit = limit_or(&sc->sla_all_done, 5 * PC_DAY);
	sim->cycle_limit = sc->processing_cycle > 0 ? sc->processing_cycle : -1.0;
	sim->auto_on = sc->auto_unshipped_below > 0 || sc->good_credit > 0;
	sim->batch_on = sc->batch_every > 0 || sc->batch_size > 0;
	sim->late_on = sc->late_period > 0;
	sim->need_age = sc->ship_delay.set || sim->late_on;
	sim->arrival_levers = sc->ship_delay.set || sim->batch_on || sim->late_on || sim->auto_on;
	sim->skills_on = sc->chats_per_order > 0 && !sc->has_arrival_curve;
	if (sim->skills_on) {
		/* Pre-sale chats arrive with the orders, chats_per_order each. */
		sim->chat_src = sim->src[SRC_REFUND];
		sim->chat_src.mult = sc->chats_per_order;
		if (pc_resource_init(&sim->chat_res, 1, sc->interval, 0) ||
		    pc_staff_schedule(&sc->staff[PC_STAFF_PRESALE], sc->horizon,
				      &sim->nchanges[PC_STAFF_PRESALE], &sim->change_t[PC_STAFF_PRESALE],
				      &sim->change_cap[PC_STAFF_PRESALE]) ||
		    !(sim->chat_first = calloc((size_t)sim->ndays, 1)))
			goto nomem;
		for (int d = 0; d < sim->ndays; d++)
			sim->chat_first[d] = (unsigned char)sc->chat_priority_all;
		for (int i = 0; i < sc->nchat_priority; i++)
			if (sc->chat_priority_day[i] < sim->ndays)
				sim->chat_first[sc->chat_priority_day[i]] = 1;
		sim->chat_limit = limit_or(&sc->sla_presale_response, 60.0);
	}
	return sim;
nomem:
	pc_error_set(err, NULL, 0, "out of memory setting up the simulation");
	pc_sim_free(sim);
	return NULL;
}

int pc_rep_init(pc_rep *rep, const pc_scenario *sc)
{
	memset(rep, 0, sizeof *rep);
	rep->nintervals = (int)ceil(sc->horizon / sc->interval - 1e-9);
	rep->ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9);
	rep->series = calloc((size_t)rep->nintervals * PC_TS_NCOLS, sizeof(double));
	rep->daily = calloc((size_t)rep->ndays * PC_DAY_NCOLS, sizeof(double));
	if (!rep->series || !rep->daily) {
		pc_rep_release(rep);
		return PC_ENOMEM;
	}
	return 0;
}

void pc_rep_release(pc_rep *rep)
{
	if (!rep)
		return;
	free(rep->series);
	free(rep->daily);
	rep->series = rep->daily = NULL;
}

/* ---- the replication's state ---- */

static int push(pc_sim *sim, double t, uint32_t kind, uint32_t arg, uint32_t b)
{
	if (t > sim->sc->horizon)
		return 0; /* past the horizon: never happens within the run */
	return pc_calendar_push(&sim->cal, t, kind | (arg << 8), b);
}

static int deadline_push(pc_sim *sim, int q, double t, uint32_t id)
{
	deadline *d = &sim->dl[q];
	size_t k;

	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 1024;
		double *nt = malloc(cap * sizeof *nt);
		uint32_t *ni = malloc(cap * sizeof *ni), *ne = malloc(cap * sizeof *ne);
		if (!nt || !ni || !ne) {
			free(nt);
			free(ni);
			free(ne);
			return PC_ENOMEM;
		}
		for (size_t i = 0; i < d->n; i++) {
			size_t from = (d->head + i) & (d->cap - 1);
			nt[i] = d->t[from];
			ni[i] = d->id[from];
			ne[i] = d->epoch[from];
		}
		free(d->t);
		free(d->id);
		free(d->epoch);
		d->t = nt;
		d->id = ni;
		d->epoch = ne;
		d->head = 0;
		d->cap = cap;
	}
	k = (d->head + d->n) & (d->cap - 1);
	d->t[k] = t;
	d->id[k] = id;
	d->epoch[k] = sim->item[id].epoch;
	d->n++;
	if (!d->pending) {
		d->pending = 1;
		return push(sim, t, EV_DEADLINE, (uint32_t)q, 0);
	}
	return 0;
}

/* Items a run can hold at once: a task names its item in the bits of a
 * uint32_t above the task's TASK_BITS. */
#define MAX_ITEMS ((uint32_t)1 << (32 - TASK_BITS))

/* The item pool at the size the memory estimate gives for one replication
 * (every request open at once, 5 standard deviations over), in one
 * allocation: fresh zeroed pages cost nothing until touched, where growing
 * by doubling from 4096 copied and zeroed the pool at each step.  On
 * failure the pool stays empty and grows as before. */
static void items_reserve(pc_sim *sim)
{
	pc_memory m;
	double want;

	pc_memory_estimate(sim->sc, 1, 1, &m);
	want = fmin(m.requests, (double)MAX_ITEMS);
	if (!(want >= 4096))
		want = 4096;
	sim->item = calloc((size_t)want, sizeof *sim->item);
	sim->free_stack = malloc((size_t)want * sizeof *sim->free_stack);
	if (!sim->item || !sim->free_stack) {
		free(sim->item);
		free(sim->free_stack);
		sim->item = NULL;
		sim->free_stack = NULL;
		return;
	}
	sim->cap_items = (uint32_t)want;
}

static inline int item_alloc(pc_sim *sim, uint32_t *id)
{
	if (sim->nfree) {
		*id = sim->free_stack[--sim->nfree];
		return 0;
	}
	if (sim->nitems == MAX_ITEMS)
		return PC_ERUN;
	if (sim->nitems == sim->cap_items) {
		uint32_t cap = sim->cap_items ? sim->cap_items * 2 : 4096;
		item *it = realloc(sim->item, sizeof *it * cap);
		uint32_t *fs;
		if (!it)
			return PC_ENOMEM;
		sim->item = it;
		fs = realloc(sim->free_stack, sizeof *fs * cap);
		if (!fs)
			return PC_ENOMEM;
		sim->free_stack = fs;
		memset(sim->item + sim->cap_items, 0, sizeof *it * (cap - sim->cap_items));
		sim->cap_items = cap;
	}
	*id = sim->nitems++;
	return 0;
}

static void item_release_if_idle(pc_sim *sim, uint32_t id)
{
	item *it = &sim->item[id];

	if ((it->flags & F_FINISHED) && it->hold == 0) {
		it->flags = 0;
		it->epoch++;
		sim->free_stack[sim->nfree++] = id;
	}
}

static void set_state(pc_sim *sim, item *it, int state)
{
	sim->backlog[it->state]--;
	it->state = (uint8_t)state;
	sim->backlog[state]++;
}

static void hist_add(double *h, int nbins, double bin, double x)
{
	int i = (int)(x / bin);
	if (i >= nbins)
		i = nbins - 1;
	if (i < 0)
		i = 0;
	h[i] += 1;
}

static double *day_row(pc_sim *sim, double t)
{
	int d = (int)(t / PC_DAY);
	if (d >= sim->ndays)
		d = sim->ndays - 1;
	return sim->rep->daily + (size_t)d * PC_DAY_NCOLS;
}

static double *interval_row(pc_sim *sim, double t)
{
	int k = (int)(t / sim->sc->interval);
	if (k >= sim->nintervals)
		k = sim->nintervals - 1;
	return sim->rep->series + (size_t)k * PC_TS_NCOLS;
}

/* Queues task for item id at its resource and starts what can start. */
static int start_tasks(pc_sim *sim, pc_res r, double now);
static int batch_start(pc_sim *sim, uint32_t bid, uint32_t pool, double now);
static int chat_start(pc_sim *sim, uint32_t id, uint32_t pool, double now);
static int escalation(pc_sim *sim, uint32_t id, double now);

/* The service time of task for item it, drawn when the item arrived. */
static double task_duration(const item *it, pc_task task)
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

static int enqueue(pc_sim *sim, uint32_t id, pc_task task, double now)
{
	pc_res r = task_res[task];
	int cls = sim->sc->staff[r].priority_class[task];

	uint32_t job = (id << TASK_BITS) | (uint32_t)task;
	double *row = interval_row(sim, now);

	/* The work offered to the resource, by the interval it joins the
	 * queue: what a planner's offered load is made of. */
	row[PC_TS_OFFER0 + r] += 1;
	row[PC_TS_WORK0 + r] += task_duration(&sim->item[id], task);
	sim->item[id].hold++;
	if (sim->sc->staff[r].discipline == PC_DISC_AGE
		    ? pc_resource_enqueue_keyed(&sim->res[r], now, job, sim->item[id].t_arrive)
		    : pc_resource_enqueue(&sim->res[r], now, job, cls))
		return PC_ENOMEM;
	return start_tasks(sim, r, now);
}

static int is_first_response(pc_task task)
{
	return task <= PC_TASK_AGREE || task == PC_TASK_AFTER_SALES;
}

static void record_first_response(pc_sim *sim, item *it, double now)
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
	if (fr <= sim->fr_limit) {
		rep->fr_within++;
		day[PC_DAY_FR_WITHIN]++;
	}
}

/* Starts job on a server of pool already marked busy: its task's time
 * from the item, the first response when it is one, the end event.
 * Returns 1 when it started, 0 when it had nothing left to do (the caller
 * frees the server), or PC_ENOMEM.  Inlined into both routings: it is the
 * hot path of every task. */
static inline __attribute__((always_inline)) int start_job(pc_sim *sim, uint32_t job, uint32_t pool,
							   double now)
{
	uint32_t id = job >> TASK_BITS;
	pc_task task = (pc_task)(job & ((1u << TASK_BITS) - 1));
	item *it;
	double d;

	if (task == (pc_task)TASK_BATCH)
		return batch_start(sim, id, pool, now);
	if (task == (pc_task)TASK_CHAT)
		return chat_start(sim, id, pool, now);
	it = &sim->item[id];
	if (is_first_response(task) && (it->flags & F_AUTO)) {
		/* Answered by the platform's timeout while it waited. */
		it->hold--;
		item_release_if_idle(sim, id);
		return 0;
	}
	d = task_duration(it, task);
	if (task == PC_TASK_LATE || is_first_response(task))
		record_first_response(sim, it, now);
	sim->rep->logical_events++;
	if (pc_calendar_push(&sim->cal, now + d,
			     EV_DONE | (((uint32_t)task | pool << TASK_BITS) << 8), id))
		return PC_ENOMEM;
	return 1;
}

/* A server of pool, serving a task of resource r, is free again. */
static void server_free(pc_sim *sim, pc_res r, uint32_t pool, double now)
{
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

/* Whether a free dual-skill agent takes a chat before after-sales work
 * now: on the priority days [004]. */
static int chats_first(const pc_sim *sim, double now)
{
	int d = (int)(now / PC_DAY);

	return d < sim->ndays && sim->chat_first[d];
}

/* Skill-based routing of the agents when pre-sale chat is on [004]
 * (加强双技能客服培训): a free after-sales-only agent takes the next
 * after-sales job, a free pre-sale-only agent the next chat, and a free
 * dual-skill agent a chat first on a priority day and after-sales work
 * first on other days, the other kind when its first has nothing waiting.
 * Single-skill agents are asked first, keeping the dual-skill ones free for
 * either kind.  A job starts only while its kind of agent has busy <
 * on duty, as in pc_resource_next. */
static int dispatch(pc_sim *sim, double now)
{
	pc_resource *ag = &sim->res[PC_RES_AGENT], *ch = &sim->chat_res;

	for (;;) {
		int free_only = ag->capacity - sim->ndual - sim->only_busy;
		int free_dual = sim->ndual - sim->dual_busy;
		pc_resource *from, *on;
		uint32_t pool, job;
		int rc;

		if (ag->queued && free_only > 0) {
			from = on = ag;
			pool = POOL_MAIN;
			sim->only_busy++;
		} else if (ch->queued && ch->busy < ch->capacity) {
			from = on = ch;
			pool = POOL_PRESALE;
		} else if (free_dual > 0 && (ag->queued || ch->queued)) {
			from = ch->queued && (!ag->queued || chats_first(sim, now)) ? ch : ag;
			on = ag;
			pool = POOL_DUAL;
			sim->dual_busy++;
		} else {
			return 0;
		}
		pc_resource_pop(from, now, &job);
		pc_resource_seize(on, now);
		rc = start_job(sim, job, pool, now);
		if (rc < 0)
			return rc;
		if (rc == 0)
			server_free(sim, PC_RES_AGENT, pool, now);
	}
}

static int start_tasks(pc_sim *sim, pc_res r, double now)
{
	uint32_t job;

	if (r == PC_RES_AGENT && sim->skills_on)
		return dispatch(sim, now);
	while (pc_resource_next(&sim->res[r], now, &job)) {
		int rc = start_job(sim, job, POOL_MAIN, now);

		if (rc < 0)
			return rc;
		if (rc == 0)
			pc_resource_done(&sim->res[r], now);
	}
	return 0;
}

static void finish(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	pc_rep *rep = sim->rep;
	double ct = now - it->t_arrive;

	it->flags |= F_FINISHED;
	if (now > rep->last_done)
		rep->last_done = now;
	if (it->flags & F_AS) {
		sim->as_open--;
		rep->as_done++;
		if (sim->sc->catalogue) {
			rep->svc_done[it->path]++;
			rep->svc_sum[it->path] += ct;
		}
		item_release_if_idle(sim, id);
		return;
	}
	sim->backlog[it->state]--;
	sim->open_refunds--;
	if (it->flags & F_ESCALATED)
		sim->escalated_open--;
	rep->finished[it->path0]++;
	rep->finished_final[it->path]++;
	day_row(sim, now)[PC_DAY_FINISHED]++;
	interval_row(sim, now)[PC_TS_FINISHED]++;
	hist_add(rep->sla[it->path0], PC_SLA_BINS, PC_SLA_BIN, ct);
	hist_add(rep->sla[PC_NPATHS], PC_SLA_BINS, PC_SLA_BIN, ct);
	if (ct <= PC_DAY)
		rep->done_24h++;
	if (ct <= 5 * PC_DAY)
		rep->done_5d++;
	if (ct <= sim->all_limit)
		rep->done_all_within++;
	if (ct <= sim->cycle_limit)
		rep->done_cycle++;
	/* The completion-time metrics count what the shop completed itself
	 * (自主完结): automatic approvals are counted apart. */
	if (!(it->flags & F_AUTO)) {
		if (it->path == PC_PATH_RETURN) {
			rep->rr_n++;
			rep->rr_sum += ct;
		} else {
			rep->ro_n++;
			rep->ro_sum += ct;
			if (ct <= sim->ro_limit)
				rep->ro_within++;
		}
	}
	item_release_if_idle(sim, id);
}

static void segment(pc_sim *sim, pc_segment s, double dt)
{
	sim->rep->seg_n[s]++;
	sim->rep->seg_sum[s] += dt;
	hist_add(sim->rep->seg_hist[s], PC_SLA_BINS, PC_SLA_BIN, dt);
}

/* A duration held in a float.  Beyond FLT_MAX ISO C leaves the conversion
 * undefined (IEEE 754 platforms give inf), and fixed(1e300d) is a valid
 * scenario: larger values, and NaN, become 1e30 s, far past any horizon,
 * which is all that matters of them, on every platform. */
static float to_float(double x)
{
	return x < 1e30 ? (float)x : 1e30f;
}

/* One draw of d from r, as an item holds it. */
static float draw(const pc_dist *d, gsl_rng *r)
{
	return to_float(pc_dist_sample(d, r));
}

/* Draws everything a new refund's path may need, a fixed number of draws
 * per path.  Returns the amount a received_no_return request asks for (0 on
 * the other paths). */
static double draw_refund(pc_sim *sim, item *it)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng **g = sim->rng;
	double asked = 0;

	it->path0 = it->path = (uint8_t)gsl_ran_discrete(g[RNG_ATTR], sim->path_table);
	if (gsl_ran_discrete(g[RNG_ATTR], sim->reason_table) == PC_REASON_QUALITY)
		sim->rep->quality_refunds++;
	if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->seller_responsible)
		it->flags |= F_SELLER;
	it->d_esc = draw(&sc->escalation_handle, g[RNG_AGENT]);
	/* Past the protection period an unfinished refund is escalated at rate
	 * h per day [004]: the time to escalation is exponential. */
	it->d_escalate = sc->escalation_rate > 0
		? to_float(gsl_ran_exponential(g[RNG_PLATFORM], 1.0 / sc->escalation_rate)) : 0.0f;
	switch (it->path0) {
	case PC_PATH_UNSHIPPED:
		it->d_first = draw(&sc->p1_handle, g[RNG_AGENT]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->intercept_fails)
			it->flags |= F_FAIL;
		/* A failed interception continues as path 2: its draws too. */
		it->d_a = draw(&sc->courier_feedback, g[RNG_COURIER]);
		it->d_b = draw(&sc->refused_return, g[RNG_COURIER]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) >= sc->recalled)
			it->flags |= F_NOREC;
		break;
	case PC_PATH_IN_TRANSIT:
		it->d_first = draw(&sc->p2_handle, g[RNG_AGENT]);
		it->d_a = draw(&sc->courier_feedback, g[RNG_COURIER]);
		it->d_b = draw(&sc->refused_return, g[RNG_COURIER]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) >= sc->recalled)
			it->flags |= F_NOREC;
		break;
	case PC_PATH_RECEIVED:
		it->d_first = draw(&sc->p3_handle, g[RNG_AGENT]);
		it->d_second = draw(&sc->approval, g[RNG_SUPERVISOR]);
		asked = pc_dist_sample(&sc->amount, g[RNG_ATTR]);
		if (asked > sc->agent_authority)
			it->flags |= F_OVER;
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->misfiled)
			it->flags |= F_MISFILED;
		/* A misfiled request continues as a return. */
		it->d_a = draw(&sc->buyer_ships, g[RNG_BUYER]);
		it->d_b = draw(&sc->transit, g[RNG_COURIER]);
		it->d_inspect = draw(&sc->inspect, g[RNG_INSPECTOR]);
		it->d_c = draw(&sc->payout, g[RNG_AGENT]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->wrong_goods)
			it->flags |= F_WRONG;
		break;
	case PC_PATH_RETURN:
		it->d_first = draw(&sc->agree, g[RNG_AGENT]);
		it->d_a = draw(&sc->buyer_ships, g[RNG_BUYER]);
		it->d_b = draw(&sc->transit, g[RNG_COURIER]);
		it->d_inspect = draw(&sc->inspect, g[RNG_INSPECTOR]);
		it->d_second = draw(&sc->payout, g[RNG_AGENT]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->wrong_goods)
			it->flags |= F_WRONG;
		break;
	}
	return asked;
}

/* ---- the batch refund tool [001][004] ---- */

/* Takes a free run slot (its array kept from an earlier run).  Returns 0 or
 * PC_ENOMEM. */
static int batch_alloc(pc_sim *sim, uint32_t *bid)
{
	if (sim->nbatch_free) {
		*bid = sim->batch_free[--sim->nbatch_free];
	} else {
		if (sim->nbatch == sim->cap_batch) {
			uint32_t cap = sim->cap_batch ? 2 * sim->cap_batch : 16;
			batch *nb = realloc(sim->batch, sizeof *nb * cap);
			uint32_t *nf;

			if (!nb)
				return PC_ENOMEM;
			sim->batch = nb;
			memset(nb + sim->cap_batch, 0, sizeof *nb * (cap - sim->cap_batch));
			sim->cap_batch = cap;
			nf = realloc(sim->batch_free, sizeof *nf * cap);
			if (!nf)
				return PC_ENOMEM;
			sim->batch_free = nf;
		}
		*bid = sim->nbatch++;
	}
	sim->batch[*bid].n = 0;
	return 0;
}

/* The open run waits for an agent: queued like an unshipped request (its
 * class under priority, the age of its first request under age). */
static int batch_queue(pc_sim *sim, double now)
{
	const pc_staff *st = &sim->sc->staff[PC_RES_AGENT];
	pc_resource *res = &sim->res[PC_RES_AGENT];
	uint32_t job = (sim->open << TASK_BITS) | TASK_BATCH;

	sim->open_queued = 1;
	if (st->discipline == PC_DISC_AGE
		    ? pc_resource_enqueue_keyed(res, now, job, sim->batch[sim->open].key)
		    : pc_resource_enqueue(res, now, job, st->priority_class[PC_TASK_UNSHIPPED]))
		return PC_ENOMEM;
	return start_tasks(sim, PC_RES_AGENT, now);
}

/* An unshipped request joins the open run (a new one if none is open); the
 * run is queued once batch_size requests wait, or at the next timer. */
static int batch_join(pc_sim *sim, uint32_t id, double now)
{
	int size = sim->sc->batch_size;
	batch *b;

	if (sim->open == NONE && batch_alloc(sim, &sim->open))
		return PC_ENOMEM;
	b = &sim->batch[sim->open];
	if (b->n == b->cap) {
		uint32_t cap = b->cap ? 2 * b->cap : 64;
		uint32_t *ids = realloc(b->id, sizeof *ids * cap);

		if (!ids)
			return PC_ENOMEM;
		b->id = ids;
		b->cap = cap;
	}
	if (b->n == 0)
		b->key = sim->item[id].t_arrive;
	b->id[b->n++] = id;
	sim->item[id].hold++;
	if (size > 0 && b->n >= (uint32_t)size && !sim->open_queued)
		return batch_queue(sim, now);
	return 0;
}

/* The batch_every timer: queues the open run if it has requests and is not
 * queued yet, and sets the next timer. */
static int batch_tick(pc_sim *sim, double now)
{
	sim->rep->logical_events++;
	if (push(sim, now + sim->sc->batch_every, EV_BATCH, 0, 0))
		return PC_ENOMEM;
	if (sim->open != NONE && sim->batch[sim->open].n > 0 && !sim->open_queued)
		return batch_queue(sim, now);
	return 0;
}

/* An agent starts run bid (the server is already busy): the run closes, so
 * later requests join a new one; requests the platform approved on timeout
 * meanwhile drop out; the rest get their first response now, and the run
 * lasts batch_setup plus each request's batch_item time.  Returns 1, 0
 * when no request is left (the caller frees the agent), or PC_ENOMEM. */
static int batch_start(pc_sim *sim, uint32_t bid, uint32_t pool, double now)
{
	batch *b = &sim->batch[bid];
	double d = pc_dist_sample(&sim->sc->batch_setup, sim->rng[RNG_SETUP]);
	uint32_t m = 0;

	if (bid == sim->open) {
		sim->open = NONE;
		sim->open_queued = 0;
	}
	for (uint32_t i = 0; i < b->n; i++) {
		uint32_t id = b->id[i];
		item *it = &sim->item[id];

		if (it->flags & F_AUTO) {
			it->hold--;
			item_release_if_idle(sim, id);
			continue;
		}
		record_first_response(sim, it, now);
		d += it->d_first;
		b->id[m++] = id;
	}
	b->n = m;
	if (m == 0) {
		/* Nothing left to refund: the agent is free again. */
		sim->batch_free[sim->nbatch_free++] = bid;
		return 0;
	}
	sim->rep->batch_runs++;
	sim->rep->batch_items += m;
	sim->rep->logical_events++;
	if (pc_calendar_push(&sim->cal, now + d,
			     EV_DONE | (((uint32_t)TASK_BATCH | pool << TASK_BITS) << 8), bid))
		return PC_ENOMEM;
	return 1;
}

/* Queues the first task of a refund's path; with the batch refund tool an
 * unshipped request joins the open run instead (a rule's check does not). */
static int enqueue_first(pc_sim *sim, uint32_t id, double now)
{
	const item *it = &sim->item[id];

	if (it->path0 == PC_PATH_RETURN)
		return enqueue(sim, id, PC_TASK_AGREE, now);
	if (sim->batch_on && it->path0 == PC_PATH_UNSHIPPED && !(it->flags & F_RULE))
		return batch_join(sim, id, now);
	return enqueue(sim, id, (pc_task)it->path0, now);
}

/* A refund requested age after its order, later than the after-sales
 * period [003]: the buyer cannot file it (the entry is closed) and asks the
 * shop, which reopens the entry (延长售后: at most `extensions` times
 * `extension`, within a year of payment), offers a small compensation, or
 * refuses, in the shares of `choices`; a request too late to reopen gets
 * compensate or refuse in their shares' proportion.  Three draws per refund
 * from their own stream (answer, escalation, agent time).  Returns 1 and
 * marks the item when the request is late. */
static int late_request(pc_sim *sim, item *it, double age)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng *g = sim->rng[RNG_LATE];
	double u = gsl_rng_uniform(g), e = gsl_rng_uniform(g);
	int choice = u < sc->late_mix[PC_LATE_REOPEN] ? PC_LATE_REOPEN
		     : u < sc->late_mix[PC_LATE_REOPEN] + sc->late_mix[PC_LATE_COMPENSATE] ? PC_LATE_COMPENSATE
											: PC_LATE_REFUSE;
	double over = age - sc->late_period;
	double handle;

	it->late = 0;
	if (over <= 0) {
		(void)pc_dist_sample(&sc->late_handle[choice], g);
		return 0;
	}
	if (choice == PC_LATE_REOPEN &&
	    (ceil(over / sc->late_extension) > sc->late_extensions || age > 365 * PC_DAY)) {
		/* Beyond the extensions: u / reopen's share is uniform again. */
		double c = sc->late_mix[PC_LATE_COMPENSATE], r = sc->late_mix[PC_LATE_REFUSE];
		choice = c + r > 0 && u / sc->late_mix[PC_LATE_REOPEN] < c / (c + r) ? PC_LATE_COMPENSATE
										  : PC_LATE_REFUSE;
		sim->rep->late_beyond++;
	}
	handle = pc_dist_sample(&sc->late_handle[choice], g);
	it->late = (uint8_t)(1 + choice);
	if (e < sc->late_escalation[choice])
		it->late |= LATE_ESCALATES;
	it->d_late = to_float(handle);
	sim->rep->late_n[choice]++;
	return 1;
}

/* The shop has answered late request id [003]: the buyer may escalate at
 * once; a reopened entry lets the refund follow its path (from now, with
 * its protection period; it is answered already, so no timeout), and a
 * compensation or a refusal closes it. */
static int late_done(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	int choice = (it->late & ~LATE_ESCALATES) - 1;

	if (it->late & LATE_ESCALATES) {
		sim->rep->late_escalated++;
		if (escalation(sim, id, now))
			return PC_ENOMEM;
	}
	it->late = 0;
	if (choice == PC_LATE_REOPEN) {
		if (sim->sc->escalation_rate > 0 &&
		    deadline_push(sim, DL_PROTECTION, now + sim->sc->protection_period, id))
			return PC_ENOMEM;
		return enqueue_first(sim, id, now);
	}
	finish(sim, id, now);
	return 0;
}

/* The automatic refund rules [000] (AG, 利用AG设置有效降低退款) on a new refund:
 * an unshipped refund-only request whose order amount is below
 * unshipped_below matches, and so does a refund-only request (paths 1 to 3)
 * of a buyer with a good credit record (极速退款 [002]), a share good_credit
 * of buyers.  A match is refunded without review: at once, or after the
 * agent's short check.  A late request is not filed (its entry is closed):
 * no rule sees it.  Three draws per refund from their own stream (amount,
 * credit, check), whatever the path.  Returns 1 on a match. */
static int auto_rules(pc_sim *sim, item *it, double asked, int late)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng *g = sim->rng[RNG_AUTO];
	double amount = pc_dist_sample(&sc->order_amount, g);
	int credit = gsl_rng_uniform(g) < sc->good_credit;
	double check = sc->auto_check.set ? pc_dist_sample(&sc->auto_check.d, g) : 0.0;
	int match;

	if (it->path0 == PC_PATH_RETURN || late)
		return 0;
	match = credit || (it->path0 == PC_PATH_UNSHIPPED && amount < sc->auto_unshipped_below);
	if (!match)
		return 0;
	sim->rep->auto_matched++;
	sim->rep->auto_money += it->path0 == PC_PATH_RECEIVED ? asked : amount;
	if (sc->auto_check.set) {
		it->flags |= F_RULE;
		it->d_first = to_float(check);
	}
	return 1;
}

/* Whether the interception (截单) of path-1 request it fails at time now:
 * with ship_delay, exactly when the goods left the warehouse before now,
 * which the system did not show yet [001]; otherwise as drawn on arrival
 * (intercept_fails). */
static int intercept_failed(const pc_sim *sim, const item *it, double now)
{
	if (sim->sc->ship_delay.set)
		return it->t_arrive + it->goods_left <= now;
	return (it->flags & F_FAIL) != 0;
}

/* A refund paid by a rule at time now: on path 2 the goods are on their way
 * back, and on path 1 they are too when the interception fails. */
static void auto_paid(pc_sim *sim, const item *it, double now)
{
	if (it->path0 == PC_PATH_IN_TRANSIT ||
	    (it->path0 == PC_PATH_UNSHIPPED && intercept_failed(sim, it, now)))
		sim->rep->auto_goods_out++;
}

/* The service catalogue [002]: the kind of a new after-sales case (by the
 * kinds' ratios), its agent time, and its follow-up's wait and agent time
 * (kinds with a follow-up only), from their own stream; the kind rides in
 * path.  The handle time drawn before from the agents' stream is replaced,
 * so the refunds' draws stay where they were. */
static void draw_service(pc_sim *sim, item *it)
{
	const pc_service_kind *k;
	gsl_rng *g = sim->rng[RNG_SERVICE];

	it->path = (uint8_t)gsl_ran_discrete(g, sim->service_table);
	k = &sim->sc->service[it->path];
	it->d_first = draw(&k->handle, g);
	if (k->follow_after.set) {
		it->d_a = draw(&k->follow_after.d, g);
		it->d_b = draw(&k->follow_up, g);
	}
	sim->rep->svc_n[it->path]++;
}

/* A new refund's platform deadlines: the seller-response timeout and the
 * end of the protection period, a fixed time after now. */
static inline int push_deadlines(pc_sim *sim, uint32_t id, double now)
{
	const pc_scenario *sc = sim->sc;

	if (sc->response_timeout > 0 &&
	    deadline_push(sim, DL_TIMEOUT, now + sc->response_timeout, id))
		return PC_ENOMEM;
	if (sc->escalation_rate > 0 &&
	    deadline_push(sim, DL_PROTECTION, now + sc->protection_period, id))
		return PC_ENOMEM;
	return 0;
}

/* The rest of a refund's arrival when a lever acts on arrivals (ship_delay,
 * batches, late requests, automatic rules): their draws, then the request
 * is refunded by a rule, answered as late, or queued as usual.  asked is
 * the amount a received_no_return request asks for. */
static int arrive_levers(pc_sim *sim, uint32_t id, double now, double age, double asked)
{
	const pc_scenario *sc = sim->sc;
	item *it = &sim->item[id];
	int late, matched;

	if (sc->ship_delay.set) {
		/* The goods leave the warehouse ship_delay after the order: one
		 * draw per refund, from its own stream. */
		double left = pc_dist_sample(&sc->ship_delay.d, sim->rng[RNG_SHIP]) - age;
		if (it->path0 == PC_PATH_UNSHIPPED) {
			it->goods_left = (float)left;
			if (left <= 0)
				sim->rep->p1_left_before++;
		}
	}
	if (sim->batch_on && it->path0 == PC_PATH_UNSHIPPED)
		it->d_first = draw(&sc->batch_item, sim->rng[RNG_BATCH]);
	late = sim->late_on && late_request(sim, it, age);
	matched = sim->auto_on && auto_rules(sim, it, asked, late);
	if (matched && !(it->flags & F_RULE)) {
		/* Approved by the rules on arrival: answered and refunded now. */
		record_first_response(sim, it, now);
		auto_paid(sim, it, now);
		finish(sim, id, now);
		return 0;
	}
	if (late)
		return enqueue(sim, id, PC_TASK_LATE, now);
	if (push_deadlines(sim, id, now))
		return PC_ENOMEM;
	return enqueue_first(sim, id, now);
}

/* A refund request or after-sales work arrives now; age is how long ago
 * its order was placed (0 when unknown or not needed). */
static int arrive(pc_sim *sim, int src, double now, double age)
{
	const pc_scenario *sc = sim->sc;
	pc_rep *rep = sim->rep;
	uint32_t id;
	item *it;
	double asked;
	int rc = item_alloc(sim, &id);

	if (rc)
		return rc;
	it = &sim->item[id];
	it->t_arrive = it->t_mark = now;
	it->hold = 0;
	it->flags = F_LIVE;
	it->state = PC_ST_AGENT;
	rep->logical_events++;
	if (src == SRC_AS) {
		it->flags = F_LIVE | F_AS;
		it->path0 = it->path = 0;
		it->d_first = draw(&sc->as_handle, sim->rng[RNG_AGENT]);
		if (sc->catalogue)
			draw_service(sim, it);
		rep->as_arrived++;
		day_row(sim, now)[PC_DAY_AS_ARRIVED]++;
		interval_row(sim, now)[PC_TS_ARRIVE_AS]++;
		sim->as_open++;
		return enqueue(sim, id, PC_TASK_AFTER_SALES, now);
	}
	asked = draw_refund(sim, it);
	rep->arrived[it->path0]++;
	day_row(sim, now)[PC_DAY_ARRIVED]++;
	interval_row(sim, now)[PC_TS_ARRIVE_P1 + it->path0]++;
	sim->backlog[PC_ST_AGENT]++;
	sim->open_refunds++;
	if (sim->open_refunds > rep->peak_backlog) {
		rep->peak_backlog = sim->open_refunds;
		rep->peak_backlog_t = now;
	}
	if (sim->arrival_levers)
		return arrive_levers(sim, id, now, age, asked);
	if (push_deadlines(sim, id, now))
		return PC_ENOMEM;
	/* enqueue_first in short: no batches without a lever. */
	return enqueue(sim, id, it->path0 == PC_PATH_RETURN ? PC_TASK_AGREE : (pc_task)it->path0, now);
}

/* Path 2 from the courier step: the courier answers within its feedback time. */
static int ask_courier(pc_sim *sim, uint32_t id, double now)
{
	set_state(sim, &sim->item[id], PC_ST_COURIER);
	return push(sim, now + sim->item[id].d_a, EV_COURIER, 0, id);
}

/* Path 4 after the agreement: the buyer ships the goods back. */
static int buyer_ships(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];

	segment(sim, PC_SEG_AGREE, now - it->t_arrive);
	it->t_mark = now;
	set_state(sim, it, PC_ST_BUYER);
	return push(sim, now + it->d_a, EV_SHIPPED, 0, id);
}

/* Path 1 handled, alone or in a batch run: the order is intercepted in the
 * ERP and refunded, unless the goods had left; then the courier is asked
 * (path 2). */
static inline int unshipped_done(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];

	sim->rep->p1_handled++;
	if (intercept_failed(sim, it, now)) {
		it->path = PC_PATH_IN_TRANSIT;
		sim->rep->converted_1to2++;
		return ask_courier(sim, id, now);
	}
	finish(sim, id, now);
	return 0;
}

/* Run bid ends: each of its requests is done as if handled alone. */
static int batch_done(pc_sim *sim, uint32_t bid, uint32_t pool, double now)
{
	int rc = 0;

	sim->rep->logical_events++;
	server_free(sim, PC_RES_AGENT, pool, now);
	for (uint32_t i = 0; i < sim->batch[bid].n && !rc; i++) {
		uint32_t id = sim->batch[bid].id[i];

		sim->item[id].hold--;
		rc = unshipped_done(sim, id, now);
	}
	sim->batch[bid].n = 0;
	sim->batch_free[sim->nbatch_free++] = bid;
	return rc ? rc : start_tasks(sim, PC_RES_AGENT, now);
}

/* ---- pre-sale chat [004] ---- */

/* The next pre-sale chat arrives: it waits in the chat queue (no
 * abandonment) with its agent time drawn from its own stream. */
static int chat_arrive(pc_sim *sim, double now)
{
	uint32_t id;
	item *it;

	int rc = item_alloc(sim, &id);

	if (rc)
		return rc;
	it = &sim->item[id];
	it->t_arrive = it->t_mark = now;
	it->flags = F_LIVE | F_CHAT;
	it->hold = 1;
	it->d_first = draw(&sim->sc->chat_handle, sim->rng[RNG_CHAT]);
	sim->rep->chat_n++;
	sim->rep->logical_events++;
	if (pc_resource_enqueue(&sim->chat_res, now, (id << TASK_BITS) | TASK_CHAT, 0) ||
	    push(sim, source_next(&sim->chat_src, sim->rng[RNG_CHAT_ARRIVE]), EV_CHAT, 0, 0))
		return PC_ENOMEM;
	return dispatch(sim, now);
}

/* A pre-sale-only or dual-skill agent answers chat id now. */
static int chat_start(pc_sim *sim, uint32_t id, uint32_t pool, double now)
{
	const item *it = &sim->item[id];
	pc_rep *rep = sim->rep;
	double wait = now - it->t_arrive;

	rep->chat_answered++;
	rep->chat_wait_sum += wait;
	if (wait <= sim->chat_limit)
		rep->chat_within++;
	if (pool == POOL_DUAL) {
		rep->chat_by_dual++;
		rep->chat_dual_secs += it->d_first;
	}
	rep->logical_events++;
	if (pc_calendar_push(&sim->cal, now + it->d_first,
			     EV_DONE | (((uint32_t)TASK_CHAT | pool << TASK_BITS) << 8), id))
		return PC_ENOMEM;
	return 1;
}

static int chat_done(pc_sim *sim, uint32_t id, uint32_t pool, double now)
{
	item *it = &sim->item[id];

	sim->rep->logical_events++;
	server_free(sim, PC_RES_AGENT, pool, now);
	it->hold--;
	it->flags |= F_FINISHED;
	sim->rep->chat_done++;
	item_release_if_idle(sim, id);
	return dispatch(sim, now);
}

static int task_done(pc_sim *sim, uint32_t id, pc_task task, uint32_t pool, double now)
{
	const pc_scenario *sc = sim->sc;
	item *it;
	pc_res r;
	int rc = 0;

	if (task == (pc_task)TASK_BATCH)
		return batch_done(sim, id, pool, now);
	if (task == (pc_task)TASK_CHAT)
		return chat_done(sim, id, pool, now);
	it = &sim->item[id];
	r = task_res[task];
	sim->rep->logical_events++;
	server_free(sim, r, pool, now);
	it->hold--;
	if ((it->flags & F_RULE) && task <= PC_TASK_RECEIVED) {
		/* The check of a rule's match is over: refunded. */
		auto_paid(sim, it, now);
		finish(sim, id, now);
		return start_tasks(sim, r, now);
	}
	switch (task) {
	case PC_TASK_AFTER_SALES:
		/* An invoice is mailed, an exchange waits for the return: the
		 * case closes with its follow-up [002]. */
		if (sc->catalogue && sc->service[it->path].follow_after.set)
			rc = push(sim, now + it->d_a, EV_FOLLOW, 0, id);
		else
			finish(sim, id, now);
		break;
	case PC_TASK_FOLLOW_UP:
		finish(sim, id, now);
		break;
	case PC_TASK_UNSHIPPED:
		rc = unshipped_done(sim, id, now);
		break;
	case PC_TASK_IN_TRANSIT:
		rc = ask_courier(sim, id, now);
		break;
	case PC_TASK_RECEIVED:
		if (it->flags & F_MISFILED) {
			/* Guided to return-and-refund: the handling was the agreement. */
			it->path = PC_PATH_RETURN;
			it->d_second = it->d_c;
			sim->rep->converted_3to4++;
			rc = buyer_ships(sim, id, now);
		} else if (it->flags & F_OVER) {
			it->t_mark = now;
			set_state(sim, it, PC_ST_SUPERVISOR);
			rc = enqueue(sim, id, PC_TASK_APPROVAL, now);
		} else {
			finish(sim, id, now);
		}
		break;
	case PC_TASK_APPROVAL: {
		double w = now - it->t_mark;
		sim->rep->sup_n++;
		sim->rep->sup_sum += w;
		if (w <= sim->sup_limit)
			sim->rep->sup_within++;
		finish(sim, id, now);
		break;
	}
	case PC_TASK_AGREE:
		rc = buyer_ships(sim, id, now);
		break;
	case PC_TASK_INSPECT:
		if (sc->refund_on_signature) {
			/* Paid at signature; the inspection came after. */
			item_release_if_idle(sim, id);
			break;
		}
		segment(sim, PC_SEG_INSPECT, now - (it->t_arrive + it->wh));
		it->t_mark = now;
		set_state(sim, it, PC_ST_PAYOUT);
		rc = enqueue(sim, id, PC_TASK_PAYOUT, now);
		break;
	case PC_TASK_PAYOUT: {
		double since = now - (it->t_arrive + it->wh);
		segment(sim, PC_SEG_PAYOUT, now - it->t_mark);
		sim->rep->paid_n++;
		if (since <= sim->paid_limit)
			sim->rep->paid_within++;
		finish(sim, id, now);
		break;
	}
	case PC_TASK_ESCALATION:
		item_release_if_idle(sim, id);
		break;
	case PC_TASK_LATE:
		rc = late_done(sim, id, now);
		break;
	default:
		break;
	}
	if (rc)
		return rc;
	return start_tasks(sim, r, now);
}

static int timer(pc_sim *sim, int kind, uint32_t id, double now)
{
	const pc_scenario *sc = sim->sc;
	item *it = &sim->item[id];

	sim->rep->logical_events++;
	switch (kind) {
	case EV_COURIER:
		if (!(it->flags & F_NOREC)) {
			finish(sim, id, now); /* recalled: refund now */
			return 0;
		}
		/* The buyer refuses delivery and the parcel goes back; no tracking
		 * for lost_after means lost, refunded then, the courier bears it. */
		if (it->d_b > sc->lost_after) {
			sim->rep->parcels_lost++;
			return push(sim, now + sc->lost_after, EV_PARCEL, 0, id);
		}
		return push(sim, now + it->d_b, EV_PARCEL, 0, id);
	case EV_PARCEL:
		finish(sim, id, now);
		return 0;
	case EV_FOLLOW:
		return enqueue(sim, id, PC_TASK_FOLLOW_UP, now);
	case EV_SHIPPED:
		segment(sim, PC_SEG_SHIP, now - it->t_mark);
		it->t_mark = now;
		set_state(sim, it, PC_ST_TRANSIT);
		return push(sim, now + it->d_b, EV_WAREHOUSE, 0, id);
	case EV_WAREHOUSE:
		segment(sim, PC_SEG_TRANSIT, now - it->t_mark);
		it->t_mark = now;
		it->wh = (float)(now - it->t_arrive);
		if (sc->refund_on_signature) {
			/* 签收即退款: pay at once, inspect afterwards; wrong or
			 * missing goods are then lost [001]. */
			segment(sim, PC_SEG_INSPECT, 0.0);
			if (it->flags & F_WRONG)
				sim->rep->wrong_goods++;
			set_state(sim, it, PC_ST_PAYOUT);
			if (enqueue(sim, id, PC_TASK_INSPECT, now))
				return PC_ENOMEM;
			return enqueue(sim, id, PC_TASK_PAYOUT, now);
		}
		set_state(sim, it, PC_ST_INSPECT);
		return enqueue(sim, id, PC_TASK_INSPECT, now);
	}
	return 0;
}

/* The seller did not answer in time: the platform approves [000][001]. */
static int timeout(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	double *day = day_row(sim, now);

	if (it->flags & (F_RESPONDED | F_FINISHED))
		return 0;
	sim->rep->logical_events++;
	record_first_response(sim, it, now);
	/* The queued task stays and is skipped when an agent reaches it. */
	it->flags |= F_AUTO;
	sim->rep->auto_approved++;
	day[PC_DAY_AUTO_APPROVED]++;
	switch (it->path0) {
	case PC_PATH_IN_TRANSIT:
		sim->rep->goods_lost++; /* 财物两失: money and goods both gone */
		finish(sim, id, now);
		return 0;
	case PC_PATH_RETURN:
		return buyer_ships(sim, id, now);
	default:
		finish(sim, id, now);
		return 0;
	}
}

/* The buyer of item id escalates now (小二介入): counted, in the dispute
 * refund rate when judged seller-responsible, and extra agent work. */
static int escalation(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	double *day = day_row(sim, now);

	sim->rep->logical_events++;
	it->flags |= F_ESCALATED;
	sim->escalated_open++;
	sim->rep->escalated++;
	day[PC_DAY_ESCALATED]++;
	if (it->flags & F_SELLER) {
		sim->rep->disputes++;
		day[PC_DAY_DISPUTES]++;
	}
	return enqueue(sim, id, PC_TASK_ESCALATION, now);
}

static int escalate(pc_sim *sim, uint32_t id, double now)
{
	const item *it = &sim->item[id];

	/* A buyer who has not shipped the goods back does not escalate, nor
	 * does one who escalated already (at the answer to a late request). */
	if ((it->flags & (F_FINISHED | F_ESCALATED)) || it->state == PC_ST_BUYER)
		return 0;
	return escalation(sim, id, now);
}

/* Whether the deadline at the head of queue q can no longer matter: its
 * refund finished (or, for the timeout, was answered).  Such a refund never
 * becomes open or unanswered again. */
static int deadline_stale(const pc_sim *sim, const deadline *d, int q)
{
	const item *it = &sim->item[d->id[d->head]];
	uint16_t gone = q == DL_TIMEOUT ? (F_FINISHED | F_RESPONDED) : F_FINISHED;

	return it->epoch != d->epoch[d->head] || (it->flags & gone);
}

/* Serves the deadlines of queue q that are due now, drops the stale ones
 * that follow, and schedules the next live one. */
static int deadlines_due(pc_sim *sim, int q, double now)
{
	deadline *d = &sim->dl[q];
	int rc = 0;

	d->pending = 0;
	while (!rc && d->n > 0 && (d->t[d->head] <= now || deadline_stale(sim, d, q))) {
		uint32_t id = d->id[d->head];
		int stale = deadline_stale(sim, d, q);

		d->head = (d->head + 1) & (d->cap - 1);
		d->n--;
		if (stale)
			continue;
		if (q == DL_TIMEOUT)
			rc = timeout(sim, id, now);
		else
			rc = push(sim, now + sim->item[id].d_escalate, EV_ESCALATE,
				  sim->item[id].epoch & 0xffffff, id);
	}
	if (!rc && d->n > 0) {
		d->pending = 1;
		rc = push(sim, d->t[d->head], EV_DEADLINE, (uint32_t)q, 0);
	}
	return rc;
}

static void sample(pc_sim *sim, int k)
{
	double *row = sim->rep->series + (size_t)k * PC_TS_NCOLS;

	for (int s = 0; s < PC_NSTATES; s++)
		row[PC_TS_BACKLOG0 + s] = sim->backlog[s];
	row[PC_TS_ESCALATED_OPEN] = sim->escalated_open;
	row[PC_TS_AS_OPEN] = sim->as_open;
}

/* Change point i of staff r (a resource, or the pre-sale-only agents). */
static int roster(pc_sim *sim, int r, uint32_t i, double now)
{
	int cap = sim->change_cap[r][i];

	sim->rep->logical_events++;
	if ((int)i + 1 < sim->nchanges[r] &&
	    push(sim, sim->change_t[r][i + 1], EV_ROSTER, (uint32_t)r, i + 1))
		return PC_ENOMEM;
	if (r == PC_STAFF_PRESALE) {
		pc_resource_set_capacity(&sim->chat_res, now, cap);
		return dispatch(sim, now);
	}
	pc_resource_set_capacity(&sim->res[r], now, cap);
	if (r == PC_RES_AGENT && sim->skills_on)
		/* A share dual_skill of the agents on duty, rounded. */
		sim->ndual = (int)floor(sim->sc->dual_skill * cap + 0.5);
	return start_tasks(sim, (pc_res)r, now);
}

static gsl_rng *source_rng(pc_sim *sim, int s)
{
	return sim->rng[s == SRC_REFUND ? RNG_ARRIVE_REFUND : RNG_ARRIVE_AS];
}

/* A request straight from an arrival curve: it arrives now; the next one
 * is scheduled. */
static int source_event(pc_sim *sim, int s, double now)
{
	int rc = arrive(sim, s, now, 0);

	if (rc)
		return rc;
	return push(sim, source_next(&sim->src[s], source_rng(sim, s)), EV_SOURCE, (uint32_t)s, 0);
}

static uint32_t float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
}

static float bits_float(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof f);
	return f;
}

/* Orders-based demand: every order that will ask for a refund (or for
 * after-sales help) is drawn at the start, and its request scheduled after
 * the order-to-request delay; refunds not before the refund entry opens
 * (MODEL.md timeline).  The orders need no events of their own. */
static int schedule_requests(pc_sim *sim, int s)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng *g = sim->rng[s == SRC_REFUND ? RNG_DELAY : RNG_DELAY_AS];
	double order;

	while ((order = source_next(&sim->src[s], source_rng(sim, s))) < INFINITY) {
		double t = order + pc_dist_sample(&sc->request_delay, g);

		if (s == SRC_REFUND && t < sc->entry_opens) {
			/* A buyer who wanted a refund while the entry was closed
			 * asks on the first day it is open, at an hour drawn from
			 * the intraday curve: the backlog of the closed entry
			 * arrives as the opening day's peak, not at one instant. */
			size_t j = gsl_ran_discrete(g, sim->reopen_table);
			t = sc->entry_opens + (j + gsl_rng_uniform(g)) * PC_HOUR;
		}
		/* The request's event carries the age of its order, as the
		 * bits of a float, for the levers that need it. */
		if (push(sim, t, EV_REQUEST, (uint32_t)s,
			 sim->need_age && s == SRC_REFUND ? float_bits((float)(t - order)) : 0))
			return PC_ENOMEM;
	}
	return 0;
}

static void reset(pc_sim *sim, uint64_t seed, int r, pc_rep *rep)
{
	const pc_scenario *sc = sim->sc;
	double *series = rep->series, *daily = rep->daily;
	int nint = rep->nintervals, nd = rep->ndays;

	for (int i = 0; i < NRNG; i++)
		gsl_rng_set(sim->rng[i],
			    (unsigned long)mix64(seed ^ mix64(((uint64_t)r << 8) | (uint64_t)i)));
	pc_calendar_clear(&sim->cal);
	for (int k = 0; k < PC_NRES; k++)
		pc_resource_reset(&sim->res[k]);
	if (sim->skills_on) {
		pc_resource_reset(&sim->chat_res);
		sim->chat_src.seg = 0;
		sim->chat_src.now = 0;
	}
	sim->ndual = sim->only_busy = sim->dual_busy = 0;
	for (uint32_t i = 0; i < sim->nitems; i++)
		sim->item[i].epoch++;
	sim->nitems = 0;
	sim->nfree = 0;
	sim->nbatch = sim->nbatch_free = 0;
	sim->open = NONE;
	sim->open_queued = 0;
	for (int q = 0; q < NDEADLINES; q++) {
		sim->dl[q].head = sim->dl[q].n = 0;
		sim->dl[q].pending = 0;
	}
	memset(sim->backlog, 0, sizeof sim->backlog);
	sim->open_refunds = sim->escalated_open = sim->as_open = 0;
	memset(rep, 0, sizeof *rep);
	rep->series = series;
	rep->daily = daily;
	rep->nintervals = nint;
	rep->ndays = nd;
	memset(series, 0, sizeof(double) * (size_t)nint * PC_TS_NCOLS);
	memset(daily, 0, sizeof(double) * (size_t)nd * PC_DAY_NCOLS);
	rep->orders = sc->gmv / sc->aov;
	sim->rep = rep;
	for (int s = 0; s < NSRC; s++) {
		sim->src[s].seg = 0;
		sim->src[s].now = 0;
	}
}

/* Counts what is still open, from the items themselves, and checks that
 * every arrival is finished or open. */
static int conservation(pc_sim *sim, pc_error *err)
{
	pc_rep *rep = sim->rep;
	double open[PC_NPATHS] = { 0 }, as_open = 0, chat_open = 0;

	for (uint32_t i = 0; i < sim->nitems; i++) {
		const item *it = &sim->item[i];
		if (!(it->flags & F_LIVE) || (it->flags & F_FINISHED))
			continue;
		if (it->flags & F_CHAT)
			chat_open++;
		else if (it->flags & F_AS)
			as_open++;
		else
			open[it->path0]++;
	}
	for (int p = 0; p < PC_NPATHS; p++) {
		rep->open[p] = open[p];
		if (rep->arrived[p] != rep->finished[p] + open[p]) {
			pc_error_set(err, NULL, 0,
				     "conservation broken on path '%s': %.0f arrived, %.0f finished, %.0f open",
				     pc_path_name((pc_path)p), rep->arrived[p], rep->finished[p], open[p]);
			return PC_ERUN;
		}
	}
	rep->as_open = as_open;
	if (rep->as_arrived != rep->as_done + as_open) {
		pc_error_set(err, NULL, 0,
			     "conservation broken on after-sales work: %.0f arrived, %.0f done, %.0f open",
			     rep->as_arrived, rep->as_done, as_open);
		return PC_ERUN;
	}
	if (rep->chat_n != rep->chat_done + chat_open) {
		pc_error_set(err, NULL, 0,
			     "conservation broken on pre-sale chats: %.0f arrived, %.0f done, %.0f open",
			     rep->chat_n, rep->chat_done, chat_open);
		return PC_ERUN;
	}
	return 0;
}

void pc_sim_set_stop(pc_sim *sim, const atomic_int *stop)
{
	sim->stop = stop;
}

int pc_sim_run(pc_sim *sim, uint64_t seed, int r, pc_rep *rep, pc_error *err)
{
	const pc_scenario *sc = sim->sc;
	pc_event ev;
	int rc = 0;
	unsigned tick = 0;

	reset(sim, seed, r, rep);
	for (int s = 0; s < NSRC && !rc; s++)
		rc = sim->delayed ? schedule_requests(sim, s)
				  : push(sim, source_next(&sim->src[s], source_rng(sim, s)), EV_SOURCE,
					 (uint32_t)s, 0);
	if (!rc && sim->sc->batch_every > 0)
		rc = push(sim, sim->sc->batch_every, EV_BATCH, 0, 0);
	if (!rc && sim->skills_on)
		rc = push(sim, source_next(&sim->chat_src, sim->rng[RNG_CHAT_ARRIVE]), EV_CHAT, 0, 0);
	for (int k = 0; k < PC_NSTAFF && !rc; k++)
		if (sim->nchanges[k] > 0)
			rc = push(sim, sim->change_t[k][0], EV_ROSTER, (uint32_t)k, 0);
	for (int k = 0; k < sim->nintervals && !rc; k++) {
		double t = (k + 1) * sc->interval;
		rc = pc_calendar_push(&sim->cal, t < sc->horizon ? t : sc->horizon, EV_SAMPLE, (uint32_t)k);
	}
	/* Hard stop at the horizon: work still in hand then is reported open. */
	while (!rc) {
		const pc_event *next = pc_calendar_peek(&sim->cal);
		uint32_t kind, arg;
		double now;

		if (!next) {
			/* Empty, or a bucket could not move into the heap. */
			if (pc_calendar_size(&sim->cal))
				rc = PC_ENOMEM;
			break;
		}
		if (next->time > sc->horizon)
			break;
		if (pc_calendar_pop(&sim->cal, &ev) != 1) {
			rc = PC_ENOMEM;
			break;
		}
		/* The next event's item is likely cold (a return that waited
		 * days): start loading it while this event is handled. */
		if (sim->cal.n && sim->cal.heap[0].b < sim->nitems)
			__builtin_prefetch(&sim->item[sim->cal.heap[0].b]);
		kind = ev.a & 0xff;
		arg = ev.a >> 8;
		now = ev.time;

		/* A stop asked (Ctrl-C in a sweep) ends a long replication
		 * too, not only the next one; checked every 65536 events. */
		rep->events++;
		if (!(++tick & 0xffff) && sim->stop &&
		    atomic_load_explicit(sim->stop, memory_order_relaxed))
			return PC_ESTOP;
		switch (kind) {
		case EV_SOURCE:
			rc = source_event(sim, (int)arg, now);
			break;
		case EV_REQUEST:
			rc = arrive(sim, (int)arg, now, sim->need_age ? bits_float(ev.b) : 0.0);
			break;
		case EV_BATCH:
			rc = batch_tick(sim, now);
			break;
		case EV_DONE:
			rc = task_done(sim, ev.b, (pc_task)(arg & ((1u << TASK_BITS) - 1)),
				       arg >> TASK_BITS, now);
			break;
		case EV_CHAT:
			rc = chat_arrive(sim, now);
			break;
		case EV_DEADLINE:
			rc = deadlines_due(sim, (int)arg, now);
			break;
		case EV_ESCALATE:
			if ((sim->item[ev.b].epoch & 0xffffff) != arg)
				break; /* the refund finished and its slot moved on */
			rc = escalate(sim, ev.b, now);
			break;
		case EV_ROSTER:
			rc = roster(sim, (int)arg, ev.b, now);
			break;
		case EV_SAMPLE:
			sample(sim, (int)ev.b);
			break;
		default:
			rc = timer(sim, (int)kind, ev.b, now);
			break;
		}
	}
	if (rc == PC_ERUN) {
		pc_error_set(err, NULL, 0,
			     "more than %lu refunds and after-sales cases open at once, the most a run can hold",
			     (unsigned long)MAX_ITEMS);
		return rc;
	}
	if (rc) {
		pc_error_set(err, NULL, 0, "out of memory during the run");
		return rc;
	}
	for (int k = 0; k < PC_NRES; k++) {
		pc_resource *res = &sim->res[k];
		pc_resource_advance(res, sc->horizon);
		rep->busy[k] = res->busy_area;
		rep->cap[k] = res->cap_area;
		for (int i = 0; i < sim->nintervals; i++) {
			double len = fmin(sc->interval, sc->horizon - i * sc->interval);
			double *row = rep->series + (size_t)i * PC_TS_NCOLS;
			row[PC_TS_STAFF0 + k] = res->cap_int[i] / len;
			row[PC_TS_BUSY0 + k] = res->busy_int[i] / len;
		}
	}
	if (sim->skills_on) {
		pc_resource_advance(&sim->chat_res, sc->horizon);
		rep->presale_busy = sim->chat_res.busy_area;
		rep->presale_cap = sim->chat_res.cap_area;
	}
	return conservation(sim, err);
}
