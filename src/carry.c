/* carry: the refunds already open when a run starts part way through the
 * promotion (promocap/carry.h), put into the simulator at the run's start
 * in the stage each waits in, with the age of its request. */
#include "sim_internal.h"

#include "promocap/carry.h"

/* The buyer's cancellation and the shop's rejection of a carried refund
 * still waiting for its answer, as a new request's (sim.c: arrive), four
 * draws from the same stream, given what the actuals show: it has been
 * waiting for elapsed and the buyer has not cancelled.  A buyer who would
 * cancel does so with the chance c S(elapsed) / (1 - c + c S(elapsed)) (S:
 * cancel_after's survival), after the rest of cancel_after beyond elapsed;
 * the rejection is at the first handling, still to come. */
static int buyer_act(pc_sim *sim, uint32_t id, int reason, double elapsed, double now)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng *g = sim->rng[RNG_BUYER_ACT];
	item *it = &sim->item[id];
	double s = sc->cancel > 0 ? pc_dist_survival(&sc->cancel_after, fmax(elapsed, 0.0)) : 0.0;
	double still = sc->cancel * s / (1.0 - sc->cancel + sc->cancel * s);
	double uc = gsl_rng_uniform(g), dc = pc_dist_sample_residual(&sc->cancel_after, g, elapsed);
	double ur = gsl_rng_uniform(g), ua = gsl_rng_uniform(g);

	if (sc->reject_set && ur < sc->reject[reason]) {
		int a = ua < sc->after_reject[0] ? 0 : ua < sc->after_reject[0] + sc->after_reject[1] ? 1 : 2;
		it->late = (uint8_t)((1 + a) << REJECT_SHIFT);
	}
	if (sc->cancel > 0 && uc < still && pc_sim_timer_push(sim, now + dc, EV_CANCEL, id))
		return PC_ENOMEM;
	return 0;
}

/* Refund c comes in at now (the run's start), first as a request waiting
 * for an agent; advance() then moves it to its stage. */
static int carry_new(pc_sim *sim, const pc_carry_item *c, double now, uint32_t *out)
{
	const pc_scenario *sc = sim->sc;
	pc_rep *rep = sim->rep;
	double *day = day_row(sim, now);
	uint32_t id;
	item *it;
	int reason, rc = pc_sim_item_alloc(sim, &id);

	if (rc)
		return rc;
	it = &sim->item[id];
	/* The run's days begin at 0: a request before the scenario's start
	 * counts from there (its deadlines from its real time). */
	it->t_arrive = it->t_mark = fmax(c->t_request, 0.0);
	it->hold = 0;
	it->flags = F_LIVE;
	it->state = PC_ST_AGENT;
	it->late = 0;
	(void)pc_refund_draw(sim, it, c->path, &reason);
	if (c->state == PC_ST_AGENT && !c->escalated && !c->refused && (sc->cancel > 0 || sc->reject_set) &&
	    buyer_act(sim, id, reason, now - c->t_request, now))
		return PC_ENOMEM;
	if (c->claim)
		it->flags |= F_CLAIM;
	rep->logical_events++;
	/* Work of this run: counted with its arrivals, on the start's day,
	 * so that arrived = finished + open holds. */
	count_arrival(sim, day, it->path0, now);
	if (sc->chase_after > 0) {
		/* The buyer's next where-is-my-refund enquiry, on the same
		 * clock as since the request. */
		double k = ceil((now - c->t_request) / sc->chase_after);
		double t = c->t_request + fmax(k, 1.0) * sc->chase_after;
		if (pc_sim_timer_push(sim, t, EV_CHASE, id))
			return PC_ENOMEM;
	}
	*out = id;
	return 0;
}

/* A carried refund past its first handling: answered before the run. */
static void answered(item *it)
{
	it->flags |= F_RESPONDED | F_HANDLED;
}

/* Moves refund id (waiting for an agent at now) to the stage of c; sets
 * *receipt to when its receipt timeout falls due (NaN: none), for the
 * caller to push in order. */
static int advance(pc_sim *sim, uint32_t id, const pc_carry_item *c, double now, double *receipt)
{
	const pc_scenario *sc = sim->sc;
	item *it = &sim->item[id];

	*receipt = NAN;
	switch (c->state) {
	case PC_ST_AGENT:
		if (c->refused && !c->escalated) {
			/* Rejected, and its buyer neither gave up nor
			 * escalated then: they ask again after the rest of
			 * ask_again_after (since the request: the rejection's
			 * time is not in the exports), and the next handling
			 * agrees; past its protection period they may
			 * escalate as any open refund. */
			double d = pc_dist_sample_residual(&sc->ask_again_after, sim->rng[RNG_REJECT], now - c->t_request);
			answered(it);
			set_state(sim, it, PC_ST_BUYER);
			return pc_sim_timer_push(sim, now + d, EV_ASK_AGAIN, id);
		}
		/* Still to be answered: the platform's deadlines from the
		 * request (one already past comes due at once), then the first
		 * task, as for a new request (the batch tool included).  Its
		 * handling counts if it can still meet its target. */
		if (it->path0 != PC_PATH_RETURN && now - c->t_request <= sim->ho_limit) {
			sim->rep->ho_n++;
			day_row(sim, it->t_arrive)[PC_DAY_HO_N]++;
		} else {
			/* Past the handling deadline already: a miss of the
			 * past, that no plan of the rest can change. */
			it->flags |= F_HANDLED;
		}
		if (sc->response_timeout > 0 &&
		    pc_sim_deadline_push(sim, DL_TIMEOUT, fmax(c->t_request + sc->response_timeout, now), id))
			return PC_ENOMEM;
		return pc_refund_enqueue_first(sim, id, now);
	case PC_ST_COURIER:
		/* Path 2 (or a failed interception): the courier was asked,
		 * at the answer, taken as the request (the stage's start is
		 * not in the exports): the rest of its feedback time. */
		answered(it);
		it->path = PC_PATH_IN_TRANSIT;
		it->d_a = (float)pc_dist_sample_residual(&sc->courier_feedback, sim->rng[RNG_COURIER],
							 now - c->t_request);
		return pc_refund_ask_courier(sim, id, now);
	case PC_ST_SUPERVISOR:
		/* Path 3 above the agent's authority: waits for approval. */
		answered(it);
		it->path = PC_PATH_RECEIVED;
		it->flags = (uint16_t)((it->flags | F_OVER) & ~F_MISFILED);
		it->t_mark = now;
		set_state(sim, it, PC_ST_SUPERVISOR);
		return pc_sim_enqueue(sim, id, PC_TASK_APPROVAL, now);
	case PC_ST_BUYER: {
		/* Agreed at t_stage when known, else at the answer, taken as
		 * the request: the rest of the buyer's time to ship since
		 * then, and the not-shipped timeout from then (one already
		 * past closes the refund at once). */
		double agreed = !isnan(c->t_stage) && c->t_stage <= now ? fmax(c->t_stage, c->t_request)
									 : c->t_request;
		answered(it);
		it->path = PC_PATH_RETURN;
		it->d_a = (float)pc_dist_sample_residual(&sc->buyer_ships, sim->rng[RNG_BUYER], now - agreed);
		return pc_refund_buyer_ships_from(sim, id, now, agreed);
	}
	case PC_ST_TRANSIT:
	case PC_ST_INSPECT:
	case PC_ST_PAYOUT: {
		/* Shipped back: in transit from its shipping, or at the
		 * warehouse since its arrival (the real times when known);
		 * the receipt timeout counts from the shipping (the arrival
		 * when only that is known, else now). */
		int rc;
		int known = !isnan(c->t_stage) && c->t_stage <= now;
		double t = known ? c->t_stage : now;
		double shipped = c->state == PC_ST_TRANSIT ? t
				 : !isnan(c->t_shipped) && c->t_shipped <= t ? c->t_shipped : t;
		answered(it);
		it->path = PC_PATH_RETURN;
		if (it->path0 == PC_PATH_RECEIVED)
			it->d_second = it->d_c; /* a misfiled refund-only request */
		if (sc->receipt_timeout > 0)
			*receipt = fmax(shipped + sc->receipt_timeout, now);
		if (c->state == PC_ST_TRANSIT) {
			/* the rest of the transit since the shipping, when
			 * known; else the whole of it from now */
			if (known)
				it->d_b = (float)pc_dist_sample_residual(&sc->transit, sim->rng[RNG_COURIER], now - t);
			rc = pc_refund_in_transit(sim, id, now);
			sim->item[id].t_mark = t;
			return rc;
		}
		rc = pc_refund_at_warehouse(sim, id, now);
		sim->item[id].wh = (float)(t - sim->item[id].t_arrive);
		return rc;
	}
	default:
		return PC_EINPUT;
	}
}

/* A receipt timeout of the carry-in: when, and its refund. */
typedef struct {
	double t;
	uint32_t id;
	uint32_t k; /* its rank in the carry-in, to break ties */
} due;

static int by_due(const void *a, const void *b)
{
	const due *x = a, *y = b;

	if (x->t != y->t)
		return x->t > y->t ? 1 : -1;
	return (x->k > y->k) - (x->k < y->k);
}

int pc_carry_inject(pc_sim *sim, double now)
{
	const pc_carry *cy = sim->sc->carry;
	due *rd = cy->n ? malloc(cy->n * sizeof *rd) : NULL;
	size_t nrd = 0;
	int rc = 0;

	if (cy->n && !rd)
		return PC_ENOMEM;
	for (size_t i = 0; i < cy->n && !rc; i++) {
		const pc_carry_item *c = &cy->item[i];
		uint32_t id;
		double receipt;

		if ((rc = carry_new(sim, c, now, &id)))
			break;
		/* The end of its protection period, from the request, whatever
		 * its stage: past it an open refund may be escalated, as the
		 * run's own are (one already past comes due at once).  Pushed
		 * before its stage is set, so that a refund that ends there
		 * leaves a stale entry; in request order, as the queue keeps
		 * them. */
		if (sim->sc->escalation_rate > 0 && !c->escalated &&
		    (rc = pc_sim_deadline_push(sim, DL_PROTECTION, fmax(c->t_request + sim->sc->protection_period, now),
					       id)))
			break;
		if ((rc = advance(sim, id, c, now, &receipt)))
			break;
		if (!isnan(receipt))
			rd[nrd++] = (due){ receipt, id, (uint32_t)i };
		if (c->escalated) {
			/* The platform stepped in before the run: an agent
			 * handles it now and the ruling comes as the scenario
			 * says; the escalation itself was counted then. */
			item *it = &sim->item[id];
			it->flags |= F_ESCALATED;
			sim->escalated_open++;
			if (sim->sc->ruling.set &&
			    pc_sim_timer_push(sim, now + pc_dist_sample(&sim->sc->ruling.d, sim->rng[RNG_RULING]),
					      EV_RULING, id)) {
				rc = PC_ENOMEM;
				break;
			}
			rc = pc_sim_enqueue(sim, id, PC_TASK_ESCALATION, now);
		}
	}
	/* The receipt timeouts in time order, as the deadline queue keeps
	 * them: each is due at most receipt_timeout after now, before any of
	 * the run's own. */
	if (!rc && nrd) {
		qsort(rd, nrd, sizeof *rd, by_due);
		for (size_t k = 0; k < nrd && !rc; k++)
			rc = pc_sim_deadline_push(sim, DL_RECEIPT, rd[k].t, rd[k].id);
	}
	free(rd);
	return rc;
}

void pc_carry_clear_past(pc_sim *sim)
{
	int d0 = (int)(sim->t_start / PC_DAY);

	if (d0 > sim->ndays)
		d0 = sim->ndays;
	if (d0 > 0)
		memset(sim->rep->daily, 0, sizeof(double) * (size_t)d0 * PC_DAY_NCOLS);
}
