/* platform: the platform's rules on a refund (MODEL.md, the platform): the
 * seller-response timeout, the protection period and escalation, the shop's
 * rejection and what the buyer does then, the platform's ruling, and the
 * refunds that end early. */
#include "sim_internal.h"


/* Ends refund id early (how: END_*): counted as completed (完结) with its
 * whole duration, like every refund [000]; its queued tasks and timers are
 * then skipped (ST_ENDED), and the slot kept until the last lets it go. */
void pc_platform_end(pc_sim *sim, uint32_t id, double now, int how)
{
	item *it = &sim->item[id];

	sim->rep->ended[how]++;
	if (sim->ev) {
		pc_ev_refund *e = pc_ev_of(sim->ev, id);
		if (e)
			e->how = (uint8_t)how;
	}
	if (how == END_CANCELLED && !(it->flags & F_HANDLED) && it->path0 != PC_PATH_RETURN &&
	    now < it->t_arrive + sim->ho_limit) {
		/* Withdrawn before its handling deadline: nothing left to handle. */
		sim->rep->ho_n--;
		day_row(sim, it->t_arrive)[PC_DAY_HO_N]--;
	}
	it->hold++;
	pc_sim_finish(sim, id, now);
	it->state = ST_ENDED;
	it->hold--;
	pc_sim_release(sim, id);
}

/* The shop rejects request id at its first handling (marked on arrival):
 * a response and, for refund-only requests, the shop's action; then the
 * buyer asks again after ask_again_after (handled once more, and agreed),
 * escalates to the platform, or gives up (the refund is closed) [MODEL.md,
 * the platform].  The delay is drawn at the rejection from its own stream. */
int pc_platform_rejected(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	int choice = (int)((it->late & REJECT_MASK) >> REJECT_SHIFT) - 1;
	double again = pc_dist_sample(&sim->sc->ask_again_after, sim->rng[RNG_REJECT]);

	sim->rep->rejected[choice]++;
	pc_sim_handled(sim, it, now);
	it->late &= (uint8_t)~REJECT_MASK;
	switch (choice) {
	case PC_REJECT_ASK_AGAIN:
		/* Waiting for the buyer; the next handling agrees. */
		set_state(sim, it, PC_ST_BUYER);
		return pc_sim_timer_push(sim, now + again, EV_ASK_AGAIN, id);
	case PC_REJECT_ESCALATE: {
		int rc;
		if (it->flags & F_ESCALATED) {
			pc_platform_end(sim, id, now, END_GAVE_UP);
			return 0;
		}
		rc = pc_platform_escalation(sim, id, now);
		/* Without a ruling the platform's intervention makes the shop
		 * agree: the request is handled once more. */
		if (!rc && !sim->sc->ruling.set)
			rc = pc_refund_enqueue_first(sim, id, now);
		return rc;
	}
	default:
		pc_platform_end(sim, id, now, END_GAVE_UP);
		return 0;
	}
}

/* The seller did not answer in time: the platform approves [000][001]. */
static int timeout(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	double *day = day_row(sim, now);

	if (it->flags & (F_RESPONDED | F_FINISHED))
		return 0;
	sim->rep->logical_events++;
	pc_sim_first_response(sim, it, now);
	/* The queued task stays and is skipped when an agent reaches it. */
	it->flags |= F_AUTO;
	sim->rep->auto_approved++;
	day[PC_DAY_AUTO_APPROVED]++;
	switch (it->path0) {
	case PC_PATH_IN_TRANSIT:
		sim->rep->goods_lost++; /* 财物两失: money and goods both gone */
		pc_sim_finish(sim, id, now);
		return 0;
	case PC_PATH_RETURN:
		/* Agreed when the timeout fell due: before now only for a
		 * refund carried in past it, approved at the run's start. */
		return pc_refund_buyer_ships_from(sim, id, now,
						  fmin(now, it->t_arrive + sim->sc->response_timeout));
	default:
		pc_sim_finish(sim, id, now);
		return 0;
	}
}

/* The buyer of item id escalates now (小二介入): counted, in the dispute
 * refund rate when judged seller-responsible, and extra agent work. */
int pc_platform_escalation(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	double *day = day_row(sim, now);

	sim->rep->logical_events++;
	it->flags |= F_ESCALATED;
	if (sim->ev) {
		pc_ev_refund *e = pc_ev_of(sim->ev, id);
		if (e)
			e->flags |= (uint8_t)(PC_EVF_ESCALATED | ((it->flags & F_SELLER) ? PC_EVF_SELLER : 0));
	}
	if (sim->sc->ruling.set &&
	    pc_sim_timer_push(sim, now + pc_dist_sample(&sim->sc->ruling.d, sim->rng[RNG_RULING]), EV_RULING, id))
		return PC_ENOMEM;
	sim->escalated_open++;
	sim->rep->escalated++;
	day[PC_DAY_ESCALATED]++;
	if (it->flags & F_SELLER) {
		sim->rep->disputes++;
		day[PC_DAY_DISPUTES]++;
	}
	return pc_sim_enqueue(sim, id, PC_TASK_ESCALATION, now);
}

int pc_platform_escalate(pc_sim *sim, uint32_t id, double now)
{
	const item *it = &sim->item[id];

	/* A buyer who has not shipped the goods back does not escalate, nor
	 * does one who escalated already (at the answer to a late request). */
	if ((it->flags & (F_FINISHED | F_ESCALATED)) || it->state == PC_ST_BUYER)
		return 0;
	return pc_platform_escalation(sim, id, now);
}

/* Whether the deadline at the head of queue q can no longer matter: its
 * refund finished (or, for the timeout, was answered).  Such a refund never
 * becomes open or unanswered again. */
static int deadline_stale(const pc_sim *sim, const deadline *d, int q)
{
	const item *it = &sim->item[d->e[d->head].id];
	uint16_t gone = q == DL_TIMEOUT ? (F_FINISHED | F_RESPONDED) : F_FINISHED;

	return it->epoch != d->e[d->head].epoch || (it->flags & gone) || it->state == ST_ENDED;
}

/* How many entries ahead the sweep below prefetches items. */
#define DEADLINE_AHEAD 6

/* Serves the deadlines of queue q that are due now, drops the stale ones
 * that follow, and schedules the next live one. */
int pc_platform_deadlines_due(pc_sim *sim, int q, double now)
{
	deadline *d = &sim->dl[q];
	int rc = 0;

	d->pending = 0;
	while (!rc && d->n > 0) {
		uint32_t id = d->e[d->head].id;
		int stale;

		/* Most entries are stale (their refund finished long ago) and
		 * each names a cold item: ask for the items a few entries on
		 * while this one is judged. */
		if (d->n > DEADLINE_AHEAD)
			__builtin_prefetch(&sim->item[d->e[(d->head + DEADLINE_AHEAD) & (d->cap - 1)].id]);
		stale = deadline_stale(sim, d, q);
		if (!stale && d->e[d->head].t > now)
			break;
		d->head = (d->head + 1) & (d->cap - 1);
		d->n--;
		if (stale)
			continue;
		if (q == DL_TIMEOUT) {
			rc = timeout(sim, id, now);
		} else if (q == DL_RECEIPT) {
			/* The shop has not paid the returned parcel out in time:
			 * refunded automatically. */
			sim->rep->auto_approved++;
			day_row(sim, now)[PC_DAY_AUTO_APPROVED]++;
			pc_platform_end(sim, id, now, END_RECEIPT_TIMEOUT);
		} else {
			/* Past the protection period: the buyer escalates its draw
			 * later, or, with request_hours, at the same draw read as a
			 * unit of hazard whose rate follows the buyers' hours. */
			const pc_scenario *sc = sim->sc;
			float after = escalate_after(sc, sim->item[id].u_escalate);
			double t = now + after;

			if (sc->request_hours_on && sc->escalation_rate > 0)
				t = pc_demand_hazard_time(&sim->dem, now, after * sc->escalation_rate,
							  sc->escalation_rate);
			rc = pc_sim_push(sim, t, EV_ESCALATE, sim->item[id].epoch & 0xffffff, id);
		}
	}
	if (!rc && d->n > 0) {
		d->pending = 1;
		rc = pc_sim_push(sim, d->e[d->head].t, EV_DEADLINE, (uint32_t)q, 0);
	}
	return rc;
}
