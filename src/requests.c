/* requests: the refund and after-sales requests of a replication, drawn
 * before it runs.  Orders-based demand draws every order that will ask,
 * its request after the order-to-request delay (the goods' state, the
 * entry's gate, the buyers' hours: demand.c), into one array sorted by
 * time, which the run merges with the calendar (sim.c).  Split from sim.c:
 * the demand box of DESIGN.md, apart from the event loop. */
#include "sim_internal.h"

#include "promocap/memory.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

/* A request's event, unless it comes before the start of a run that
 * starts part way (t_start): those requests are the actuals. */
static inline int push_request(pc_sim *sim, double t, uint32_t arg, uint32_t b)
{
	pc_event *e;

	if (t < sim->t_start || t > sim->sc->horizon)
		return 0; /* before the start, or past the horizon (as pc_sim_push) */
	if (!(t >= 0))
		return PC_EINPUT; /* as pc_calendar_push */
	if (sim->nreq == sim->cap_req) {
		size_t cap = sim->cap_req ? 2 * sim->cap_req : 4096;
		pc_event *r;

		if (cap > SIZE_MAX / sizeof *r || !(r = realloc(sim->req, cap * sizeof *r)))
			return PC_ENOMEM;
		sim->req = r;
		sim->cap_req = cap;
		pc_memory_huge_pages(r, cap * sizeof *r);
	}
	e = &sim->req[sim->nreq++];
	e->time = t + 0.0; /* -0 is +0 */
	e->a = EV_REQUEST | (arg << 8);
	e->b = b;
	return 0;
}

/* Sorts the requests by time, equal times in the order they were drawn
 * (pc_events_sort is stable): the order the calendar gave them, as they
 * were pushed before any other event.  Returns 0 or PC_ENOMEM. */
int pc_sim_sort_requests(pc_sim *sim)
{
	pc_event *s;

	if (sim->nreq < 2)
		return 0;
	if (sim->cap_req_tmp < sim->cap_req) {
		pc_event *t = realloc(sim->req_tmp, sim->cap_req * sizeof *t);

		if (!t)
			return PC_ENOMEM;
		sim->req_tmp = t;
		sim->cap_req_tmp = sim->cap_req;
		pc_memory_huge_pages(t, sim->cap_req * sizeof *t);
	}
	s = pc_events_sort(sim->req, sim->req_tmp, sim->nreq);
	if (s != sim->req) {
		sim->req_tmp = sim->req;
		sim->req = s;
	}
	return 0;
}

/* Orders-based demand: every order that will ask for a refund (or for
 * after-sales help) is drawn at the start, and its request scheduled after
 * the order-to-request delay; refunds not before the refund entry opens
 * (MODEL.md timeline).  The orders need no events of their own. */
int pc_sim_schedule_requests(pc_sim *sim, int s)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng *g = sim->rng[s == SRC_REFUND ? RNG_DELAY : RNG_DELAY_AS];
	double order;

	while ((order = source_next(&sim->src[s], pc_sim_source_rng(sim, s))) < INFINITY) {
		double t;
		uint32_t arg = (uint32_t)s;
		int day = (int)floor(order / PC_DAY);

		if (s == SRC_AS) {
			/* A claim on received goods, or an enquiry. */
			gsl_rng *c = sim->rng[RNG_CLAIM];
			double u = gsl_rng_uniform(c);
			if (u < sc->claims) {
				pc_ask a;
				if (sim->goods) {
					pc_demand_claim(&sim->dem, order, c, &a);
				} else {
					a.t = order + pc_dist_draw(&sc->request_delay, g);
					a.path = gsl_rng_uniform(c) < sc->claim_no_return ? PC_PATH_RECEIVED
											 : PC_PATH_RETURN;
					a.t = pc_demand_hour(&sim->dem, a.t, order, c);
				}
				if (sim->ev)
					pc_ev_ask_add(sim->ev, a.t, order, sim->goods ? a.dispatch : NAN,
						      sim->goods ? a.delivered : NAN);
				arg = SRC_REFUND | REQ_CLAIM | (uint32_t)(a.path + 1) << REQ_PATH_SHIFT;
				if (push_request(sim, a.t, arg,
					 sim->need_age ? float_bits((float)(a.t - order)) : 0))
					return PC_ENOMEM;
				continue;
			}
			t = pc_demand_hour(&sim->dem, order + pc_dist_draw(&sc->request_delay, g), order, c);
			if (push_request(sim, t, arg, 0))
				return PC_ENOMEM;
			continue;
		}
		if (sim->goods) {
			pc_ask a;
			uint32_t b;
			pc_demand_refund(&sim->dem, order, sim->rng[RNG_GOODS], &a);
			arg |= (uint32_t)(a.path + 1) << REQ_PATH_SHIFT;
			if (sim->ev)
				pc_ev_ask_add(sim->ev, a.t, order, a.dispatch, a.delivered);
			b = a.path == PC_PATH_UNSHIPPED ? float_bits((float)(a.dispatch - a.t))
			    : sim->need_age ? float_bits((float)(a.t - order)) : 0;
			if (push_request(sim, a.t, arg, b))
				return PC_ENOMEM;
			continue;
		}
		t = order + pc_dist_draw(&sc->request_delay, g);
		t = pc_demand_hour(&sim->dem, t, order, sim->rng[RNG_GOODS]);
		if (t < sc->entry_opens && day >= 0 && day < sc->sales_days && sim->dem.gated[day]) {
			/* A buyer who wanted a refund while the entry was closed
			 * asks on the first day it is open, at an hour drawn from
			 * the intraday curve: the backlog of the closed entry
			 * arrives as the opening day's peak, not at one instant. */
			size_t j = gsl_ran_discrete(g, sim->dem.reopen);
			t = sc->entry_opens + (j + gsl_rng_uniform(g)) * PC_HOUR;
		}
		if (sim->ev)
			pc_ev_ask_add(sim->ev, t, order, NAN, NAN);
		/* The request's event carries the age of its order, as the
		 * bits of a float, for the levers that need it. */
		if (push_request(sim, t, (uint32_t)s,
			 sim->need_age && s == SRC_REFUND ? float_bits((float)(t - order)) : 0))
			return PC_ENOMEM;
	}
	return 0;
}

/* ---- requests kept across runs (promocap/sim.h) ------------------------- */

typedef struct kept_entry {
	atomic_int state;   /* KEPT_EMPTY, KEPT_WRITING, KEPT_READY */
	int need_age;       /* the requests carry their order's age */
	double t_start;     /* the run's start (requests before it dropped) */
	pc_event *ev;
	size_t n;
} kept_entry;

enum { KEPT_EMPTY, KEPT_WRITING, KEPT_READY };

struct pc_requests_kept {
	pc_scenario demand; /* a copy of the scenario the cache is for */
	uint64_t seed;
	int reps;
	kept_entry *e;
	atomic_long hits;
};

pc_requests_kept *pc_requests_kept_new(const pc_scenario *sc, uint64_t seed, int reps)
{
	pc_requests_kept *k;

	if (reps < 1 || !(k = calloc(1, sizeof *k)))
		return NULL;
	if (pc_scenario_copy(&k->demand, sc)) {
		free(k);
		return NULL;
	}
	if (!(k->e = calloc((size_t)reps, sizeof *k->e))) {
		pc_scenario_release(&k->demand);
		free(k);
		return NULL;
	}
	for (int r = 0; r < reps; r++)
		atomic_init(&k->e[r].state, KEPT_EMPTY);
	atomic_init(&k->hits, 0);
	k->seed = seed;
	k->reps = reps;
	return k;
}

double pc_requests_kept_bytes(const pc_requests_kept *k)
{
	double b = 0;

	for (int r = 0; k && r < k->reps; r++)
		if (atomic_load_explicit(&k->e[r].state, memory_order_acquire) == KEPT_READY)
			b += (double)k->e[r].n * sizeof(pc_event);
	return b;
}

long pc_requests_kept_hits(const pc_requests_kept *k)
{
	return k ? atomic_load(&k->hits) : 0;
}

void pc_requests_kept_free(pc_requests_kept *k)
{
	if (!k)
		return;
	for (int r = 0; r < k->reps; r++)
		free(k->e[r].ev);
	free(k->e);
	pc_scenario_release(&k->demand);
	free(k);
}

int pc_sim_requests_usable(const pc_sim *sim)
{
	const pc_requests_kept *k = sim->base->requests_kept;

	/* The same demand (forecast distributions included) and the same
	 * carry-in: the same requests for the same replication. */
	return k && sim->base->carry == k->demand.carry &&
	       pc_scenario_demand_diff(&k->demand, sim->base, NULL, 0) == 0;
}

/* Replication r's entry, when the cache is for seed and holds r. */
static kept_entry *kept_slot(const pc_sim *sim, uint64_t seed, int r)
{
	pc_requests_kept *k = sim->kept;

	if (!k || sim->ev || seed != k->seed || r < 0 || r >= k->reps)
		return NULL; /* an event log records the orders as drawn */
	return &k->e[r];
}

const pc_event *pc_sim_requests_kept(const pc_sim *sim, uint64_t seed, int r, size_t *n)
{
	const kept_entry *e = kept_slot(sim, seed, r);

	if (!e || atomic_load_explicit(&e->state, memory_order_acquire) != KEPT_READY ||
	    e->need_age != sim->need_age || !(e->t_start == sim->t_start))
		return NULL;
	atomic_fetch_add_explicit(&sim->kept->hits, 1, memory_order_relaxed);
	*n = e->n;
	return e->ev;
}

void pc_sim_requests_keep(const pc_sim *sim, uint64_t seed, int r)
{
	kept_entry *e = kept_slot(sim, seed, r);
	int empty = KEPT_EMPTY;

	if (!e || !atomic_compare_exchange_strong(&e->state, &empty, KEPT_WRITING))
		return; /* kept already, or being kept by another simulator */
	e->n = sim->nreq;
	if (sim->nreq > SIZE_MAX / sizeof *e->ev || !(e->ev = malloc((sim->nreq ? sim->nreq : 1) * sizeof *e->ev))) {
		atomic_store_explicit(&e->state, KEPT_EMPTY, memory_order_release);
		return; /* the cache is only a saving: the runs draw their own */
	}
	if (sim->nreq)
		memcpy(e->ev, sim->req, sim->nreq * sizeof *e->ev);
	e->need_age = sim->need_age;
	e->t_start = sim->t_start;
	atomic_store_explicit(&e->state, KEPT_READY, memory_order_release);
}
