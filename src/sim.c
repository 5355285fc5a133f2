/* sim: the life of every refund through its path (MODEL.md), on the event
 * calendar and the staffed resources, with the figures of one replication. */
#include "promocap/sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "calendar.h"
#include "resource.h"

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
	EV_SAMPLE     /* end of interval b */
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
	F_LIVE = 1 << 11       /* the slot holds an item */
};

#define NONE UINT32_MAX
#define TASK_BITS 4

/* One refund or piece of after-sales work.  Its random durations are drawn
 * when it arrives, a fixed number per path, so a change of staffing moves no
 * draw to another refund. */
typedef struct item {
	double t_arrive;
	double t_mark;     /* start of the current wait (supervisor, segment) */
	float wh;          /* path 4: arrival at the warehouse, seconds after t_arrive */
	float d_first;     /* first agent task: handle or agreement */
	float d_second;    /* path 3: approval; path 4: payout */
	float d_inspect;   /* path 4 */
	float d_a, d_b;    /* path 2: feedback, refused return; path 4: ships, transit */
	float d_c;         /* path 3 misfiled as a return: payout */
	float d_esc;       /* escalation handle */
	float d_escalate;  /* time past the protection period to an escalation */
	uint32_t epoch;    /* bumped when the slot is freed: stale deadlines skip */
	uint16_t hold;     /* tasks queued or in service that name this item */
	uint16_t flags;
	uint8_t path0, path, state;
} item;

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
	gsl_rng *rng[NRNG];
	gsl_ran_discrete_t *path_table, *reason_table;
	gsl_ran_discrete_t *reopen_table; /* hour after the entry opens, for waiting requests */
	pc_calendar cal;
	pc_resource res[PC_NRES];
	int nchanges[PC_NRES];
	double *change_t[PC_NRES];
	int *change_cap[PC_NRES];
	double *order_t, *order_rate; /* orders-based demand curve */
	int norder;
	source src[NSRC];
	deadline dl[NDEADLINES];
	int delayed;                  /* sources are orders, requests come after a delay */
	item *item;
	uint32_t nitems, cap_items;
	uint32_t *free_stack;
	uint32_t nfree;
	/* live figures of the running replication */
	pc_rep *rep;
	double backlog[PC_NSTATES];
	double open_refunds, escalated_open, as_open;
	double fr_limit, ro_limit, paid_limit, sup_limit, all_limit;
	int nintervals, ndays;
};

static const pc_res task_res[PC_NTASKS] = {
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT,
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_SUPERVISOR, PC_RES_INSPECTOR
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
	pc_calendar_release(&sim->cal);
	for (int r = 0; r < PC_NRES; r++) {
		pc_resource_release(&sim->res[r]);
		free(sim->change_t[r]);
		free(sim->change_cap[r]);
	}
	free(sim->order_t);
	free(sim->order_rate);
	free(sim->item);
	free(sim->free_stack);
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
	sim->nintervals = (int)ceil(sc->horizon / sc->interval - 1e-9);
	sim->ndays = (int)ceil(sc->horizon / PC_DAY - 1e-9);
	/* Buckets of ten minutes keep refunds that wait days (buyer, courier)
	 * out of the heap, which then holds about ten minutes of events. */
	if (pc_calendar_init(&sim->cal, 1024) || pc_calendar_use_buckets(&sim->cal, 600.0))
		goto nomem;
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
		sim->src[SRC_AS].mult = sc->after_sales_ratio;
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
		sim->src[SRC_AS].mult = sc->refund_rate * sc->after_sales_ratio;
	}
	sim->fr_limit = limit_or(&sc->sla_first_response, 1800.0);
	sim->ro_limit = limit_or(&sc->sla_refund_only_done, PC_DAY);
	sim->paid_limit = limit_or(&sc->sla_return_paid, PC_DAY);
	sim->sup_limit = limit_or(&sc->sla_supervisor_approval, 4 * PC_HOUR);
	sim->all_limit = limit_or(&sc->sla_all_done, 5 * PC_DAY);
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

static int item_alloc(pc_sim *sim, uint32_t *id)
{
	if (sim->nfree) {
		*id = sim->free_stack[--sim->nfree];
		return 0;
	}
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

static int start_tasks(pc_sim *sim, pc_res r, double now)
{
	uint32_t job;

	while (pc_resource_next(&sim->res[r], now, &job)) {
		uint32_t id = job >> TASK_BITS;
		pc_task task = (pc_task)(job & ((1u << TASK_BITS) - 1));
		item *it = &sim->item[id];
		double d;

		if (is_first_response(task) && (it->flags & F_RESPONDED)) {
			/* Answered by the platform's timeout while it waited. */
			pc_resource_done(&sim->res[r], now);
			it->hold--;
			item_release_if_idle(sim, id);
			continue;
		}
		d = task_duration(it, task);
		if (is_first_response(task))
			record_first_response(sim, it, now);
		sim->rep->logical_events++;
		if (pc_calendar_push(&sim->cal, now + d, EV_DONE | ((uint32_t)task << 8), id))
			return PC_ENOMEM;
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
	hist_add(rep->sla[it->path], PC_SLA_BINS, PC_SLA_BIN, ct);
	hist_add(rep->sla[PC_NPATHS], PC_SLA_BINS, PC_SLA_BIN, ct);
	if (ct <= PC_DAY)
		rep->done_24h++;
	if (ct <= 5 * PC_DAY)
		rep->done_5d++;
	if (ct <= sim->all_limit)
		rep->done_all_within++;
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

/* Draws everything a new refund's path may need, a fixed number of draws
 * per path. */
static void draw_refund(pc_sim *sim, item *it)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng **g = sim->rng;

	it->path0 = it->path = (uint8_t)gsl_ran_discrete(g[RNG_ATTR], sim->path_table);
	if (gsl_ran_discrete(g[RNG_ATTR], sim->reason_table) == PC_REASON_QUALITY)
		sim->rep->quality_refunds++;
	if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->seller_responsible)
		it->flags |= F_SELLER;
	it->d_esc = (float)pc_dist_sample(&sc->escalation_handle, g[RNG_AGENT]);
	/* Past the protection period an unfinished refund is escalated at rate
	 * h per day [004]: the time to escalation is exponential. */
	it->d_escalate = sc->escalation_rate > 0
		? (float)gsl_ran_exponential(g[RNG_PLATFORM], 1.0 / sc->escalation_rate) : 0.0f;
	switch (it->path0) {
	case PC_PATH_UNSHIPPED:
		it->d_first = pc_dist_sample(&sc->p1_handle, g[RNG_AGENT]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->intercept_fails)
			it->flags |= F_FAIL;
		/* A failed interception continues as path 2: its draws too. */
		it->d_a = pc_dist_sample(&sc->courier_feedback, g[RNG_COURIER]);
		it->d_b = pc_dist_sample(&sc->refused_return, g[RNG_COURIER]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) >= sc->recalled)
			it->flags |= F_NOREC;
		break;
	case PC_PATH_IN_TRANSIT:
		it->d_first = pc_dist_sample(&sc->p2_handle, g[RNG_AGENT]);
		it->d_a = pc_dist_sample(&sc->courier_feedback, g[RNG_COURIER]);
		it->d_b = pc_dist_sample(&sc->refused_return, g[RNG_COURIER]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) >= sc->recalled)
			it->flags |= F_NOREC;
		break;
	case PC_PATH_RECEIVED:
		it->d_first = pc_dist_sample(&sc->p3_handle, g[RNG_AGENT]);
		it->d_second = pc_dist_sample(&sc->approval, g[RNG_SUPERVISOR]);
		if (pc_dist_sample(&sc->amount, g[RNG_ATTR]) > sc->agent_authority)
			it->flags |= F_OVER;
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->misfiled)
			it->flags |= F_MISFILED;
		/* A misfiled request continues as a return. */
		it->d_a = pc_dist_sample(&sc->buyer_ships, g[RNG_BUYER]);
		it->d_b = pc_dist_sample(&sc->transit, g[RNG_COURIER]);
		it->d_inspect = pc_dist_sample(&sc->inspect, g[RNG_INSPECTOR]);
		it->d_c = pc_dist_sample(&sc->payout, g[RNG_AGENT]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->wrong_goods)
			it->flags |= F_WRONG;
		break;
	case PC_PATH_RETURN:
		it->d_first = pc_dist_sample(&sc->agree, g[RNG_AGENT]);
		it->d_a = pc_dist_sample(&sc->buyer_ships, g[RNG_BUYER]);
		it->d_b = pc_dist_sample(&sc->transit, g[RNG_COURIER]);
		it->d_inspect = pc_dist_sample(&sc->inspect, g[RNG_INSPECTOR]);
		it->d_second = pc_dist_sample(&sc->payout, g[RNG_AGENT]);
		if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->wrong_goods)
			it->flags |= F_WRONG;
		break;
	}
}

/* A refund request or after-sales work arrives now. */
static int arrive(pc_sim *sim, int src, double now)
{
	const pc_scenario *sc = sim->sc;
	pc_rep *rep = sim->rep;
	uint32_t id;
	item *it;
	pc_task task;

	if (item_alloc(sim, &id))
		return PC_ENOMEM;
	it = &sim->item[id];
	it->t_arrive = it->t_mark = now;
	it->hold = 0;
	it->flags = F_LIVE;
	it->state = PC_ST_AGENT;
	rep->logical_events++;
	if (src == SRC_AS) {
		it->flags = F_LIVE | F_AS;
		it->path0 = it->path = 0;
		it->d_first = pc_dist_sample(&sc->as_handle, sim->rng[RNG_AGENT]);
		rep->as_arrived++;
		day_row(sim, now)[PC_DAY_AS_ARRIVED]++;
		interval_row(sim, now)[PC_TS_ARRIVE_AS]++;
		sim->as_open++;
		return enqueue(sim, id, PC_TASK_AFTER_SALES, now);
	}
	draw_refund(sim, it);
	rep->arrived[it->path0]++;
	day_row(sim, now)[PC_DAY_ARRIVED]++;
	interval_row(sim, now)[PC_TS_ARRIVE_P1 + it->path0]++;
	sim->backlog[PC_ST_AGENT]++;
	sim->open_refunds++;
	if (sim->open_refunds > rep->peak_backlog) {
		rep->peak_backlog = sim->open_refunds;
		rep->peak_backlog_t = now;
	}
	if (sc->response_timeout > 0 &&
	    deadline_push(sim, DL_TIMEOUT, now + sc->response_timeout, id))
		return PC_ENOMEM;
	if (sc->escalation_rate > 0 &&
	    deadline_push(sim, DL_PROTECTION, now + sc->protection_period, id))
		return PC_ENOMEM;
	task = it->path0 == PC_PATH_RETURN ? PC_TASK_AGREE : (pc_task)it->path0;
	return enqueue(sim, id, task, now);
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

static int task_done(pc_sim *sim, uint32_t id, pc_task task, double now)
{
	const pc_scenario *sc = sim->sc;
	item *it = &sim->item[id];
	pc_res r = task_res[task];
	int rc = 0;

	sim->rep->logical_events++;
	pc_resource_done(&sim->res[r], now);
	it->hold--;
	switch (task) {
	case PC_TASK_AFTER_SALES:
		finish(sim, id, now);
		break;
	case PC_TASK_UNSHIPPED:
		if (it->flags & F_FAIL) {
			/* The warehouse had shipped: intercept with the courier. */
			it->path = PC_PATH_IN_TRANSIT;
			sim->rep->converted_1to2++;
			rc = ask_courier(sim, id, now);
		} else {
			finish(sim, id, now);
		}
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

static int escalate(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	double *day = day_row(sim, now);

	/* A buyer who has not shipped the goods back does not escalate. */
	if ((it->flags & F_FINISHED) || it->state == PC_ST_BUYER)
		return 0;
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

static int roster(pc_sim *sim, pc_res r, uint32_t i, double now)
{
	sim->rep->logical_events++;
	pc_resource_set_capacity(&sim->res[r], now, sim->change_cap[r][i]);
	if ((int)i + 1 < sim->nchanges[r] &&
	    push(sim, sim->change_t[r][i + 1], EV_ROSTER, (uint32_t)r, i + 1))
		return PC_ENOMEM;
	return start_tasks(sim, r, now);
}

static gsl_rng *source_rng(pc_sim *sim, int s)
{
	return sim->rng[s == SRC_REFUND ? RNG_ARRIVE_REFUND : RNG_ARRIVE_AS];
}

/* A request straight from an arrival curve: it arrives now; the next one
 * is scheduled. */
static int source_event(pc_sim *sim, int s, double now)
{
	if (arrive(sim, s, now))
		return PC_ENOMEM;
	return push(sim, source_next(&sim->src[s], source_rng(sim, s)), EV_SOURCE, (uint32_t)s, 0);
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
		if (push(sim, t, EV_REQUEST, (uint32_t)s, 0))
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
	for (uint32_t i = 0; i < sim->nitems; i++)
		sim->item[i].epoch++;
	sim->nitems = 0;
	sim->nfree = 0;
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
	double open[PC_NPATHS] = { 0 }, as_open = 0;

	for (uint32_t i = 0; i < sim->nitems; i++) {
		const item *it = &sim->item[i];
		if (!(it->flags & F_LIVE) || (it->flags & F_FINISHED))
			continue;
		if (it->flags & F_AS)
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
	return 0;
}

int pc_sim_run(pc_sim *sim, uint64_t seed, int r, pc_rep *rep, pc_error *err)
{
	const pc_scenario *sc = sim->sc;
	pc_event ev;
	int rc = 0;

	reset(sim, seed, r, rep);
	for (int s = 0; s < NSRC && !rc; s++)
		rc = sim->delayed ? schedule_requests(sim, s)
				  : push(sim, source_next(&sim->src[s], source_rng(sim, s)), EV_SOURCE,
					 (uint32_t)s, 0);
	for (int k = 0; k < PC_NRES && !rc; k++)
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

		if (!next || next->time > sc->horizon)
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

		rep->events++;
		switch (kind) {
		case EV_SOURCE:
			rc = source_event(sim, (int)arg, now);
			break;
		case EV_REQUEST:
			rc = arrive(sim, (int)arg, now);
			break;
		case EV_DONE:
			rc = task_done(sim, ev.b, (pc_task)arg, now);
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
			rc = roster(sim, (pc_res)arg, ev.b, now);
			break;
		case EV_SAMPLE:
			sample(sim, (int)ev.b);
			break;
		default:
			rc = timer(sim, (int)kind, ev.b, now);
			break;
		}
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
	return conservation(sim, err);
}
