/* levers: the shop's levers on the refund process: automatic refund rules
 * [000], the batch refund tool and the ERP interception race [001][004],
 * late requests [003], the service catalogue [002], pre-sale chat and
 * dual-skill agents [004]. */
#include "sim_internal.h"

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
	return pc_sim_start_tasks(sim, PC_RES_AGENT, now);
}

/* An unshipped request joins the open run (a new one if none is open); the
 * run is queued once batch_size requests wait, or at the next timer. */
int pc_lever_batch_join(pc_sim *sim, uint32_t id, double now)
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
int pc_lever_batch_tick(pc_sim *sim, double now)
{
	sim->rep->logical_events++;
	if (pc_sim_push(sim, now + sim->sc->batch_every, EV_BATCH, 0, 0))
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
int pc_lever_batch_start(pc_sim *sim, uint32_t bid, uint32_t pool, double now)
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

		if ((it->flags & F_AUTO) || it->state == ST_ENDED) {
			it->hold--;
			pc_sim_release(sim, id);
			continue;
		}
		pc_sim_first_response(sim, it, now);
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

	it->late &= (uint8_t)REJECT_MASK;
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
	it->late = (uint8_t)(1 + choice); /* answered as late: never rejected */
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
int pc_lever_late_done(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	int choice = (it->late & ~LATE_ESCALATES) - 1;

	pc_sim_handled(sim, it, now); /* the shop's answer to the late request */
	if (it->late & LATE_ESCALATES) {
		sim->rep->late_escalated++;
		if (pc_platform_escalation(sim, id, now))
			return PC_ENOMEM;
	}
	it->late = 0;
	if (choice == PC_LATE_REOPEN) {
		if (sim->sc->escalation_rate > 0 &&
		    pc_sim_deadline_push(sim, DL_PROTECTION, now + sim->sc->protection_period, id))
			return PC_ENOMEM;
		return pc_refund_enqueue_first(sim, id, now);
	}
	pc_sim_finish(sim, id, now);
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
int pc_lever_intercept_failed(const pc_sim *sim, const item *it, double now)
{
	if (sim->race)
		return it->t_arrive + it->goods_left <= now;
	return (it->flags & F_FAIL) != 0;
}

/* A refund paid by a rule at time now: on path 2 the goods are on their way
 * back, and on path 1 they are too when the interception fails. */
void pc_lever_auto_paid(pc_sim *sim, const item *it, double now)
{
	if (it->path0 == PC_PATH_IN_TRANSIT ||
	    (it->path0 == PC_PATH_UNSHIPPED && pc_lever_intercept_failed(sim, it, now)))
		sim->rep->auto_goods_out++;
}

/* The service catalogue [002]: the kind of a new after-sales case (by the
 * kinds' ratios), its agent time, and its follow-up's wait and agent time
 * (kinds with a follow-up only), from their own stream; the kind rides in
 * path.  The handle time drawn before from the agents' stream is replaced,
 * so the refunds' draws stay where they were. */
void pc_lever_draw_service(pc_sim *sim, item *it)
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

/* The rest of a refund's arrival when a lever acts on arrivals (ship_delay,
 * batches, late requests, automatic rules): their draws, then the request
 * is refunded by a rule, answered as late, or queued as usual.  asked is
 * the amount a received_no_return request asks for. */
int pc_lever_arrive(pc_sim *sim, uint32_t id, double now, double age, double asked)
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
		pc_sim_first_response(sim, it, now);
		pc_sim_handled(sim, it, now);
		pc_lever_auto_paid(sim, it, now);
		pc_sim_finish(sim, id, now);
		return 0;
	}
	if (late)
		return pc_sim_enqueue(sim, id, PC_TASK_LATE, now);
	if (pc_platform_deadlines(sim, id, now))
		return PC_ENOMEM;
	return pc_refund_enqueue_first(sim, id, now);
}

/* Run bid ends: each of its requests is done as if handled alone. */
int pc_lever_batch_done(pc_sim *sim, uint32_t bid, uint32_t pool, double now)
{
	int rc = 0;

	sim->rep->logical_events++;
	pc_sim_server_free(sim, PC_RES_AGENT, pool, now);
	for (uint32_t i = 0; i < sim->batch[bid].n && !rc; i++) {
		uint32_t id = sim->batch[bid].id[i];

		sim->item[id].hold--;
		if (sim->item[id].state == ST_ENDED) {
			pc_sim_release(sim, id);
			continue;
		}
		rc = pc_refund_unshipped_done(sim, id, now);
	}
	sim->batch[bid].n = 0;
	sim->batch_free[sim->nbatch_free++] = bid;
	return rc ? rc : pc_sim_start_tasks(sim, PC_RES_AGENT, now);
}

/* The next pre-sale chat arrives: it waits in the chat queue (no
 * abandonment) with its agent time drawn from its own stream. */
int pc_lever_chat_arrive(pc_sim *sim, double now)
{
	uint32_t id;
	item *it;

	int rc = pc_sim_item_alloc(sim, &id);

	if (rc)
		return rc;
	it = &sim->item[id];
	it->t_arrive = it->t_mark = now;
	it->flags = F_LIVE | F_CHAT;
	it->hold = 1;
	it->d_first = draw(&sim->sc->chat_handle, sim->rng[RNG_CHAT]);
	/* The buyer's patience, from the same stream after the handle time
	 * (no draw without patience, so the stream is as before). */
	it->d_a = sim->sc->chat_patience.set ? draw(&sim->sc->chat_patience.d, sim->rng[RNG_CHAT]) : INFINITY;
	sim->rep->chat_n++;
	sim->rep->logical_events++;
	if (pc_resource_enqueue(&sim->chat_res, now, (id << TASK_BITS) | TASK_CHAT, 0) ||
	    pc_sim_push(sim, source_next(&sim->chat_src, sim->rng[RNG_CHAT_ARRIVE]), EV_CHAT, 0, 0))
		return PC_ENOMEM;
	return pc_sim_dispatch(sim, now);
}

/* A pre-sale-only or dual-skill agent answers chat id now. */
int pc_lever_chat_start(pc_sim *sim, uint32_t id, uint32_t pool, double now)
{
	item *it = &sim->item[id];
	pc_rep *rep = sim->rep;
	double wait = now - it->t_arrive;

	if (wait > it->d_a) {
		/* The buyer left at its patience, unanswered.  Taken off the
		 * queue when reached rather than when it left: in first come,
		 * first served that changes no other chat's wait. */
		rep->chat_abandoned++;
		it->hold--;
		it->flags |= F_FINISHED;
		pc_sim_release(sim, id);
		return 0;
	}
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

int pc_lever_chat_done(pc_sim *sim, uint32_t id, uint32_t pool, double now)
{
	item *it = &sim->item[id];

	sim->rep->logical_events++;
	pc_sim_server_free(sim, PC_RES_AGENT, pool, now);
	it->hold--;
	it->flags |= F_FINISHED;
	sim->rep->chat_done++;
	pc_sim_release(sim, id);
	return pc_sim_dispatch(sim, now);
}
