/* refund: the life of one refund along its path (MODEL.md): the four paths,
 * the courier's answers in business hours, the five return segments with
 * the warehouse's delivery waves, and the task and timer ends of a path. */
#include "sim_internal.h"

/* Draws everything a new refund's path may need, a fixed number of draws
 * per path; path >= 0 is the path the goods' state gave, *reason the
 * refund reason drawn.  Returns the amount a received_no_return request
 * asks for (0 on the other paths). */
double pc_refund_draw(pc_sim *sim, item *it, int path, int *reason)
{
	const pc_scenario *sc = sim->sc;
	gsl_rng **g = sim->rng;
	double asked = 0;

	/* The path_mix draw is made whatever the path, so the other draws stay
	 * where they are; the goods' state, when known, gives the path. */
	it->path0 = it->path = (uint8_t)gsl_ran_discrete(g[RNG_ATTR], sim->path_table);
	if (path >= 0)
		it->path0 = it->path = (uint8_t)path;
	*reason = (int)gsl_ran_discrete(g[RNG_ATTR], sim->reason_table);
	if (gsl_rng_uniform(g[RNG_DECIDE]) < sc->seller_responsible)
		it->flags |= F_SELLER;
	it->d_esc = draw(&sc->escalation_handle, g[RNG_AGENT]);
	/* Past the protection period an unfinished refund is escalated at rate
	 * h per day [004]: the time to escalation is exponential. */
	it->u_escalate = escalate_draw(sc, g[RNG_PLATFORM]);
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

/* Queues the first task of a refund's path; with the batch refund tool an
 * unshipped request joins the open run instead (a rule's check does not). */
int pc_refund_enqueue_first(pc_sim *sim, uint32_t id, double now)
{
	const item *it = &sim->item[id];

	if (it->path0 == PC_PATH_RETURN)
		return pc_sim_enqueue(sim, id, PC_TASK_AGREE, now);
	if (sim->batch_on && it->path0 == PC_PATH_UNSHIPPED && !(it->flags & F_RULE))
		return pc_lever_batch_join(sim, id, now);
	return pc_sim_enqueue(sim, id, (pc_task)it->path0, now);
}

/* The first moment at or after t within the daily window [open, close)
 * (minutes of the day; 0 and 1440 for always). */
static double within_hours(double t, int open, int close)
{
	double day = floor(t / PC_DAY) * PC_DAY, m = (t - day) / 60;

	if (open == 0 && close >= 1440)
		return t;
	if (m < open)
		return day + open * 60.0;
	if (m >= close)
		return day + PC_DAY + open * 60.0;
	return t;
}

/* The first of the day's wave times (minutes, ascending) at or after t. */
static double next_wave(double t, const int *wave, int n)
{
	double day = floor(t / PC_DAY) * PC_DAY;

	for (int i = 0; i < n; i++)
		if (day + wave[i] * 60.0 >= t)
			return day + wave[i] * 60.0;
	return day + PC_DAY + wave[0] * 60.0;
}

/* Path 2 from the courier step: the courier answers within its feedback
 * time, within its business hours. */
int pc_refund_ask_courier(pc_sim *sim, uint32_t id, double now)
{
	set_state(sim, &sim->item[id], PC_ST_COURIER);
	return pc_sim_timer_push(sim,
			  within_hours(now + sim->item[id].d_a, sim->sc->courier_open, sim->sc->courier_close),
			  EV_COURIER, id);
}

/* Path 4 after the agreement at agreed (now, but earlier for a refund
 * carried in or approved by a timeout already past): the buyer ships the
 * goods back d_a after now, unless the not-shipped timeout, counted from
 * the agreement, comes first (at once when already past). */
int pc_refund_buyer_ships_from(pc_sim *sim, uint32_t id, double now, double agreed)
{
	item *it = &sim->item[id];
	double left = sim->sc->buyer_ship_timeout - (now - agreed);

	pc_sim_segment(sim, PC_SEG_AGREE, fmax(agreed - it->t_arrive, 0.0));
	it->t_mark = agreed;
	set_state(sim, it, PC_ST_BUYER);
	if (sim->sc->buyer_ship_timeout > 0 && it->d_a > left)
		return pc_sim_timer_push(sim, now + fmax(left, 0.0), EV_SHIP_TIMEOUT, id);
	return pc_sim_timer_push(sim, now + it->d_a, EV_SHIPPED, id);
}

/* Path 4 after the agreement now: the buyer ships the goods back. */
int pc_refund_buyer_ships(pc_sim *sim, uint32_t id, double now)
{
	return pc_refund_buyer_ships_from(sim, id, now, now);
}

/* Path 1 handled, alone or in a batch run: the order is intercepted in the
 * ERP and refunded, unless the goods had left; then the courier is asked
 * (path 2). */
int pc_refund_unshipped_done(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];

	sim->rep->p1_handled++;
	if ((it->late & REJECT_MASK) && !(it->flags & F_RULE))
		return pc_platform_rejected(sim, id, now);
	pc_sim_handled(sim, it, now);
	if (pc_lever_intercept_failed(sim, it, now)) {
		it->path = PC_PATH_IN_TRANSIT;
		sim->rep->converted_1to2++;
		return pc_refund_ask_courier(sim, id, now);
	}
	pc_sim_finish(sim, id, now);
	return 0;
}

int pc_refund_task_done(pc_sim *sim, uint32_t id, pc_task task, uint32_t pool, double now)
{
	const pc_scenario *sc = sim->sc;
	item *it;
	pc_res r;
	int rc = 0;

	if (task == (pc_task)TASK_BATCH)
		return pc_lever_batch_done(sim, id, pool, now);
	if (task == (pc_task)TASK_CHAT)
		return pc_lever_chat_done(sim, id, pool, now);
	it = &sim->item[id];
	r = pc_sim_task_res[task];
	sim->rep->logical_events++;
	pc_sim_server_free(sim, r, pool, now);
	it->hold--;
	if (it->state == ST_ENDED) {
		/* Ended while in hand (a ruling, a receipt timeout). */
		pc_sim_release(sim, id);
		return pc_sim_start_after(sim, r, pool, now);
	}
	if ((it->late & REJECT_MASK) && task >= PC_TASK_IN_TRANSIT && task <= PC_TASK_AGREE &&
	    !(it->flags & F_RULE)) {
		rc = pc_platform_rejected(sim, id, now);
		return rc ? rc : pc_sim_start_tasks(sim, r, now);
	}
	if ((it->flags & F_RULE) && task <= PC_TASK_RECEIVED) {
		/* The check of a rule's match is over: refunded. */
		pc_sim_handled(sim, it, now);
		pc_lever_auto_paid(sim, it, now);
		pc_sim_finish(sim, id, now);
		return pc_sim_start_after(sim, r, pool, now);
	}
	switch (task) {
	case PC_TASK_AFTER_SALES:
		/* An invoice is mailed, an exchange waits for the return: the
		 * case closes with its follow-up [002]. */
		if (sc->catalogue && sc->service[it->path].follow_after.set)
			rc = pc_sim_timer_push(sim, now + it->d_a, EV_FOLLOW, id);
		else
			pc_sim_finish(sim, id, now);
		break;
	case PC_TASK_FOLLOW_UP:
		pc_sim_finish(sim, id, now);
		break;
	case PC_TASK_UNSHIPPED:
		rc = pc_refund_unshipped_done(sim, id, now);
		break;
	case PC_TASK_IN_TRANSIT:
		pc_sim_handled(sim, it, now);
		rc = pc_refund_ask_courier(sim, id, now);
		break;
	case PC_TASK_RECEIVED:
		if (!(it->flags & F_OVER) || (it->flags & F_MISFILED))
			pc_sim_handled(sim, it, now); /* decided, or guided to a return */
		if (it->flags & F_MISFILED) {
			/* Guided to return-and-refund: the handling was the agreement. */
			it->path = PC_PATH_RETURN;
			it->d_second = it->d_c;
			sim->rep->converted_3to4++;
			rc = pc_refund_buyer_ships(sim, id, now);
		} else if (it->flags & F_OVER) {
			it->t_mark = now;
			set_state(sim, it, PC_ST_SUPERVISOR);
			rc = pc_sim_enqueue(sim, id, PC_TASK_APPROVAL, now);
		} else {
			pc_sim_finish(sim, id, now);
		}
		break;
	case PC_TASK_APPROVAL: {
		double w = now - it->t_mark;
		pc_sim_handled(sim, it, now);
		sim->rep->sup_n++;
		sim->rep->sup_sum += w;
		if (w <= sim->sup_limit)
			sim->rep->sup_within++;
		pc_sim_finish(sim, id, now);
		break;
	}
	case PC_TASK_AGREE:
		rc = pc_refund_buyer_ships(sim, id, now);
		break;
	case PC_TASK_INSPECT:
		if (sc->refund_on_signature) {
			/* Paid at signature; the inspection came after. */
			pc_sim_release(sim, id);
			break;
		}
		pc_sim_segment(sim, PC_SEG_INSPECT, now - (it->t_arrive + it->wh));
		it->t_mark = now;
		set_state(sim, it, PC_ST_PAYOUT);
		rc = pc_sim_enqueue(sim, id, PC_TASK_PAYOUT, now);
		break;
	case PC_TASK_PAYOUT: {
		double since = now - (it->t_arrive + it->wh);
		pc_sim_segment(sim, PC_SEG_PAYOUT, now - it->t_mark);
		sim->rep->paid_n++;
		if (since <= sim->paid_limit)
			sim->rep->paid_within++;
		pc_sim_finish(sim, id, now);
		break;
	}
	case PC_TASK_ESCALATION:
		pc_sim_release(sim, id);
		break;
	case PC_TASK_LATE:
		rc = pc_lever_late_done(sim, id, now);
		break;
	default:
		break;
	}
	if (rc)
		return rc;
	return pc_sim_start_after(sim, r, pool, now);
}

int pc_refund_timer(pc_sim *sim, int kind, uint32_t id, double now)
{
	const pc_scenario *sc = sim->sc;
	item *it = &sim->item[id];

	it->hold--;
	if (it->state == ST_ENDED) {
		/* Ended (or paid) meanwhile: the timer has nothing left to do. */
		pc_sim_release(sim, id);
		return 0;
	}
	sim->rep->logical_events++;
	switch (kind) {
	case EV_CANCEL:
		if (!(it->flags & (F_RESPONDED | F_FINISHED)))
			pc_platform_end(sim, id, now, END_CANCELLED);
		else
			pc_sim_release(sim, id);
		return 0;
	case EV_ASK_AGAIN:
		/* The buyer asks again: handled once more, and agreed. */
		it->late &= (uint8_t)~REJECT_MASK;
		set_state(sim, it, PC_ST_AGENT);
		return pc_refund_enqueue_first(sim, id, now);
	case EV_RULING:
		if (it->flags & F_FINISHED) {
			pc_sim_release(sim, id);
			return 0;
		}
		pc_platform_end(sim, id, now, (it->flags & F_SELLER) ? END_RULED_REFUND : END_RULED_CLOSED);
		return 0;
	case EV_SHIP_TIMEOUT:
		pc_platform_end(sim, id, now, END_NOT_SHIPPED);
		return 0;

	case EV_COURIER:
		if (!(it->flags & F_NOREC)) {
			pc_sim_finish(sim, id, now); /* recalled: refund now */
			return 0;
		}
		/* The buyer refuses delivery and the parcel goes back; no tracking
		 * for lost_after means lost, refunded then, the courier bears it. */
		if (it->d_b > sc->lost_after) {
			sim->rep->parcels_lost++;
			return pc_sim_timer_push(sim, now + sc->lost_after, EV_PARCEL, id);
		}
		return pc_sim_timer_push(sim, now + it->d_b, EV_PARCEL, id);
	case EV_PARCEL:
		pc_sim_finish(sim, id, now);
		return 0;
	case EV_FOLLOW:
		return pc_sim_enqueue(sim, id, PC_TASK_FOLLOW_UP, now);
	case EV_SHIPPED:
		if (sim->ev) {
			pc_ev_refund *e = pc_ev_of(sim->ev, id);
			if (e)
				e->shipped = now;
		}
		pc_sim_segment(sim, PC_SEG_SHIP, now - it->t_mark);
		return pc_refund_shipped(sim, id, now);
	case EV_WAREHOUSE:
		if (sim->ev) {
			pc_ev_refund *e = pc_ev_of(sim->ev, id);
			if (e)
				e->warehouse = now;
		}
		pc_sim_segment(sim, PC_SEG_TRANSIT, now - it->t_mark);
		return pc_refund_at_warehouse(sim, id, now);
	}
	return 0;
}

int pc_refund_shipped(pc_sim *sim, uint32_t id, double now)
{
	if (sim->sc->receipt_timeout > 0 &&
	    pc_sim_deadline_push(sim, DL_RECEIPT, now + sim->sc->receipt_timeout, id))
		return PC_ENOMEM;
	return pc_refund_in_transit(sim, id, now);
}

int pc_refund_in_transit(pc_sim *sim, uint32_t id, double now)
{
	const pc_scenario *sc = sim->sc;
	item *it = &sim->item[id];

	it->t_mark = now;
	set_state(sim, it, PC_ST_TRANSIT);
	if (sc->nwaves)
		/* Returns come into the warehouse with the courier's next
		 * delivery wave. */
		return pc_sim_timer_push(sim, next_wave(now + it->d_b, sc->wave_minute, sc->nwaves),
				  EV_WAREHOUSE, id);
	return pc_sim_timer_push(sim, now + it->d_b, EV_WAREHOUSE, id);
}

int pc_refund_at_warehouse(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];

	it->t_mark = now;
	it->wh = (float)(now - it->t_arrive);
	if (sim->sc->refund_on_signature) {
		/* 签收即退款: pay at once, inspect afterwards; wrong or missing
		 * goods are then lost [001]. */
		pc_sim_segment(sim, PC_SEG_INSPECT, 0.0);
		if (it->flags & F_WRONG)
			sim->rep->wrong_goods++;
		set_state(sim, it, PC_ST_PAYOUT);
		if (pc_sim_enqueue(sim, id, PC_TASK_INSPECT, now))
			return PC_ENOMEM;
		return pc_sim_enqueue(sim, id, PC_TASK_PAYOUT, now);
	}
	set_state(sim, it, PC_ST_INSPECT);
	return pc_sim_enqueue(sim, id, PC_TASK_INSPECT, now);
}
