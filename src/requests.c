/* requests: the refund and after-sales requests of a replication, drawn
 * before it runs.  Orders-based demand draws every order that will ask,
 * its request after the order-to-request delay (the goods' state, the
 * entry's gate, the buyers' hours: demand.c), into one array sorted by
 * time, which the run merges with the calendar (sim.c).  Split from sim.c:
 * the demand box of DESIGN.md, apart from the event loop. */
#include "sim_internal.h"

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
	}
	e = &sim->req[sim->nreq++];
	e->time = t + 0.0; /* -0 is +0 */
	e->a = EV_REQUEST | (arg << 8);
	e->b = b;
	return 0;
}

static inline uint64_t req_key(const pc_event *e)
{
	uint64_t u;

	memcpy(&u, &e->time, sizeof u);
	return u;
}

/* Sorts the requests by time, equal times in the order they were drawn
 * (a radix sort on the time's bits, which order as the times do for
 * times >= 0, is stable): the order the calendar gave them, as they were
 * pushed before any other event.  Returns 0 or PC_ENOMEM. */
int pc_sim_sort_requests(pc_sim *sim)
{
	size_t n = sim->nreq, count[8][256];
	pc_event *a = sim->req, *b;

	if (n < 2)
		return 0;
	if (sim->cap_req_tmp < sim->cap_req) {
		pc_event *t = realloc(sim->req_tmp, sim->cap_req * sizeof *t);

		if (!t)
			return PC_ENOMEM;
		sim->req_tmp = t;
		sim->cap_req_tmp = sim->cap_req;
	}
	b = sim->req_tmp;
	memset(count, 0, sizeof count);
	for (size_t i = 0; i < n; i++) {
		uint64_t k = req_key(&a[i]);

		for (int d = 0; d < 8; d++)
			count[d][(k >> (8 * d)) & 0xff]++;
	}
	for (int d = 0; d < 8; d++) {
		size_t pos[256], sum = 0;
		pc_event *t;

		if (count[d][(req_key(&a[0]) >> (8 * d)) & 0xff] == n)
			continue; /* every key has this digit */
		for (int v = 0; v < 256; v++) {
			pos[v] = sum;
			sum += count[d][v];
		}
		for (size_t i = 0; i < n; i++)
			b[pos[(req_key(&a[i]) >> (8 * d)) & 0xff]++] = a[i];
		t = a;
		a = b;
		b = t;
	}
	sim->req = a;
	sim->req_tmp = b;
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
					a.t = order + pc_dist_sample(&sc->request_delay, g);
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
			t = pc_demand_hour(&sim->dem, order + pc_dist_sample(&sc->request_delay, g), order, c);
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
		t = order + pc_dist_sample(&sc->request_delay, g);
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
