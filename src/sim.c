/* sim: the engine's glue of a replication: the streams, the calendar and
 * the resources' queues, arrivals from the demand, the run loop and its
 * figures (conservation, censoring).  The refund's paths are refund.c, the
 * platform's rules platform.c, the shop's levers levers.c. */
#include "sim_internal.h"

#include <pthread.h>
#include <unistd.h>

#include "promocap/carry.h"
#include "promocap/memory.h"

const pc_res pc_sim_task_res[PC_NTASKS] = {
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


/* ---- engine memory kept for the next simulator ----
 *
 * A simulator's large arrays (the calendar with its chunks, the item pool,
 * the deadline rings) go, when it is freed, to a small stash that the next
 * pc_sim_new takes them from: a run of one replication at a time (the
 * planner's checks, a sweep's points, one pc_run per replication) then
 * pays the first touch of their pages once per worker, not once per
 * simulator, and threads do not fault the same sizes in again.  The stash
 * holds at most one entry per processor (what that many workers had in
 * hand together) and is freed at exit. */
typedef struct spare_engine {
	pc_calendar cal;
	item *item;
	uint32_t *free_stack;
	uint32_t cap_items, items_hi;
	deadline dl[NDEADLINES];
	pc_event *req, *req_tmp;
	size_t cap_req, cap_req_tmp;
} spare_engine;

#define MAX_SPARE 64
static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static spare_engine spare[MAX_SPARE];
static int nspare, spare_exit_set;

static void spare_release(spare_engine *e)
{
	pc_calendar_release(&e->cal);
	free(e->item);
	free(e->free_stack);
	free(e->req);
	free(e->req_tmp);
	for (int i = 0; i < NDEADLINES; i++)
		pc_memory_unmap(e->dl[i].e, e->dl[i].cap * sizeof *e->dl[i].e);
	memset(e, 0, sizeof *e);
}

static void spare_free_all(void)
{
	pthread_mutex_lock(&spare_lock);
	while (nspare > 0)
		spare_release(&spare[--nspare]);
	pthread_mutex_unlock(&spare_lock);
}

/* Gives sim's engine memory to the stash; 0 when the stash is full (the
 * caller frees it). */
static int spare_put(pc_sim *sim)
{
	static long ncpu;
	int kept = 0;

	if (!ncpu) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		ncpu = n > 0 ? n : 1;
	}
	pthread_mutex_lock(&spare_lock);
	if (nspare < MAX_SPARE && nspare < ncpu && (spare_exit_set || atexit(spare_free_all) == 0)) {
		spare_engine *e = &spare[nspare++];

		spare_exit_set = 1;
		pc_calendar_clear(&sim->cal);
		e->cal = sim->cal;
		e->item = sim->item;
		e->free_stack = sim->free_stack;
		e->cap_items = sim->cap_items;
		e->items_hi = sim->items_hi > sim->nitems ? sim->items_hi : sim->nitems;
		memcpy(e->dl, sim->dl, sizeof e->dl);
		e->req = sim->req;
		e->req_tmp = sim->req_tmp;
		e->cap_req = sim->cap_req;
		e->cap_req_tmp = sim->cap_req_tmp;
		kept = 1;
	}
	pthread_mutex_unlock(&spare_lock);
	return kept;
}

/* Takes a stash entry into sim (calendar, items, deadline rings); 0 when
 * the stash is empty.  The items the last simulator touched are zeroed:
 * a new simulator's pool reads as the fresh zeroed pages it would
 * otherwise get. */
static int spare_take(pc_sim *sim, uint32_t want_items)
{
	spare_engine e;

	pthread_mutex_lock(&spare_lock);
	if (nspare == 0) {
		pthread_mutex_unlock(&spare_lock);
		return 0;
	}
	e = spare[--nspare];
	memset(&spare[nspare], 0, sizeof spare[nspare]);
	pthread_mutex_unlock(&spare_lock);
	sim->cal = e.cal;
	if (e.cap_items >= want_items) {
		sim->item = e.item;
		sim->free_stack = e.free_stack;
		sim->cap_items = e.cap_items;
		memset(sim->item, 0, (size_t)e.items_hi * sizeof *sim->item);
	} else {
		free(e.item);
		free(e.free_stack);
	}
	for (int i = 0; i < NDEADLINES; i++) {
		sim->dl[i] = e.dl[i];
		sim->dl[i].head = sim->dl[i].n = 0;
		sim->dl[i].pending = 0;
	}
	sim->req = e.req;
	sim->req_tmp = e.req_tmp;
	sim->cap_req = e.cap_req;
	sim->cap_req_tmp = e.cap_req_tmp;
	return 1;
}

void pc_sim_free(pc_sim *sim)
{
	if (!sim)
		return;
	if (sim->cal.heap && spare_put(sim)) {
		/* The stash has them now. */
		memset(&sim->cal, 0, sizeof sim->cal);
		sim->item = NULL;
		sim->free_stack = NULL;
		memset(sim->dl, 0, sizeof sim->dl);
		sim->req = sim->req_tmp = NULL;
	}
	for (int i = 0; i < NRNG; i++)
		if (sim->rng[i])
			gsl_rng_free(sim->rng[i]);
	if (sim->path_table)
		gsl_ran_discrete_free(sim->path_table);
	if (sim->reason_table)
		gsl_ran_discrete_free(sim->reason_table);
	if (sim->service_table)
		gsl_ran_discrete_free(sim->service_table);
	pc_demand_release(&sim->dem);
	if (sim->fc_rng)
		gsl_rng_free(sim->fc_rng);
	free(sim->drawn);
	pc_calendar_release(&sim->cal);
	for (int r = 0; r < PC_NRES; r++)
		pc_resource_release(&sim->res[r]);
	for (int r = 0; r < PC_NSTAFF; r++) {
		free(sim->change_t[r]);
		free(sim->change_cap[r]);
	}
	pc_resource_release(&sim->chat_res);
	pc_resource_release(&sim->recep_res);
	free(sim->chat_first);
	free(sim->order_t);
	free(sim->order_rate);
	free(sim->req_rate);
	free(sim->item);
	free(sim->free_stack);
	free(sim->req);
	free(sim->req_tmp);
	for (uint32_t i = 0; i < sim->cap_batch; i++)
		free(sim->batch[i].id);
	free(sim->batch);
	free(sim->batch_free);
	for (int i = 0; i < NDEADLINES; i++)
		pc_memory_unmap(sim->dl[i].e, sim->dl[i].cap * sizeof *sim->dl[i].e);
	free(sim);
}

static double limit_or(const pc_sla_target *t, double fallback)
{
	return t->set ? t->within : fallback;
}

static void items_reserve(pc_sim *sim);
static void requests_reserve(pc_sim *sim);
static uint32_t items_wanted(const pc_scenario *sc);
static int start_reception(pc_sim *sim, double now);
static int shrink_schedule(int *n, double **t, int **cap, double s, double horizon);

/* The demand rates of the orders-based sources from sim->sc: orders
 * N = G / A spread over the sales days (daily shares) and hours (intraday
 * shares): the rate in hour h of day d is N * daily[d] * hourly[h] / 3600
 * per second.  Refund requests come from a thinned stream of these orders
 * (rate r), after-sales work from another (rate r * ratio) [004].  Run
 * again for each forecast draw. */
static void set_orders(pc_sim *sim)
{
	const pc_scenario *sc = sim->sc;
	double n_orders = sc->gmv / sc->aov;

	for (int d = 0; d < sc->sales_days; d++)
		for (int h = 0; h < 24; h++) {
			sim->order_t[d * 24 + h] = d * PC_DAY + h * PC_HOUR;
			sim->order_rate[d * 24 + h] = n_orders * sc->daily_share[d] * sc->hourly_share[h] / PC_HOUR;
		}
	for (int s = 0; s < NSRC; s++) {
		sim->src[s].t = sim->order_t;
		sim->src[s].rate = sim->order_rate;
		sim->src[s].n = sim->norder;
		sim->src[s].end = sc->sales_days * PC_DAY;
	}
	sim->src[SRC_REFUND].mult = sc->refund_rate;
	sim->src[SRC_AS].mult = sc->refund_rate * pc_scenario_after_sales_ratio(sc);
	if (sc->rate_by_day) {
		/* A rate per sales day: the refund-generating orders are
		 * thinned by their day's rate (the same product as mult). */
		for (int k = 0; k < sim->norder; k++)
			sim->req_rate[k] = sim->order_rate[k] * sc->rate_by_day[k / 24];
		for (int s = 0; s < NSRC; s++)
			sim->src[s].rate = sim->req_rate;
		sim->src[SRC_REFUND].mult = 1.0;
		sim->src[SRC_AS].mult = pc_scenario_after_sales_ratio(sc);
	}
}

pc_sim *pc_sim_new(const pc_scenario *sc, pc_error *err)
{
	pc_sim *sim = calloc(1, sizeof *sim);

	if (!sim)
		goto nomem;
	sim->sc = sim->base = sc;
	if (sc->forecast.on) {
		/* The scenario of a draw: base with the drawn keys (set by
		 * each run); it shares base's tables. */
		if (!(sim->drawn = malloc(sizeof *sim->drawn)) || !(sim->fc_rng = gsl_rng_alloc(gsl_rng_taus2)))
			goto nomem;
		*sim->drawn = *sc;
		pc_fc_values(sc, sim->fc_base);
	}
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
	if (pc_demand_init(&sim->dem, sc))
		goto nomem;
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
	 * out of the heap, which then holds about ten minutes of events.
	 * Buckets of a minute make the heap shallower (5% fewer instructions
	 * on bench-promo) but cost 10% more time: a push then lands in a
	 * colder bucket and chunk. */
	if ((!spare_take(sim, items_wanted(sc)) && pc_calendar_init(&sim->cal, 1024)) ||
	    pc_calendar_use_buckets(&sim->cal, PC_SIM_BUCKET_SECONDS))
		goto nomem;
	sim->t_start = sc->carry ? sc->carry->start : -INFINITY;
	if (!sim->item)
		items_reserve(sim);
	for (int r = 0; r < PC_NRES; r++) {
		const pc_staff *st = &sc->staff[r];
		if (pc_resource_init(&sim->res[r], st->nclasses > 0 ? st->nclasses : 1,
				     sc->interval, (size_t)sim->nintervals))
			goto nomem;
		if (st->discipline == PC_DISC_AGE)
			pc_resource_use_keys(&sim->res[r]);
		if (pc_staff_schedule(st, sc->horizon, &sim->nchanges[r], &sim->change_t[r],
				      &sim->change_cap[r]) ||
		    shrink_schedule(&sim->nchanges[r], &sim->change_t[r], &sim->change_cap[r], st->shrinkage,
				    sc->horizon))
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
		sim->delayed = 1;
		sim->norder = sc->sales_days * 24;
		sim->order_t = malloc(sizeof(double) * (size_t)sim->norder);
		sim->order_rate = malloc(sizeof(double) * (size_t)sim->norder);
		if (!sim->order_t || !sim->order_rate ||
		    (sc->rate_by_day && !(sim->req_rate = malloc(sizeof(double) * (size_t)sim->norder))))
			goto nomem;
		set_orders(sim);
		sim->goods = sc->timing == PC_TIMING_GOODS_STATE;
		requests_reserve(sim);
	}
	sim->race = sim->goods || sc->ship_delay.set;
	sim->ho_limit = limit_or(&sc->sla_refund_only_handled, PC_DAY);
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
	sim->kept = pc_sim_requests_usable(sim) ? sc->requests_kept : NULL;
	sim->arrival_levers = sc->ship_delay.set || sim->batch_on || sim->late_on || sim->auto_on;
	sim->enq_limit = limit_or(&sc->sla_enquiry_response, 1800.0);
	sim->reception_on = pc_staff_any(&sc->staff[PC_STAFF_RECEPTION]);
	if (sim->reception_on &&
	    (pc_resource_init(&sim->recep_res, 1, sc->interval, 0) ||
	     pc_staff_schedule(&sc->staff[PC_STAFF_RECEPTION], sc->horizon, &sim->nchanges[PC_STAFF_RECEPTION],
			       &sim->change_t[PC_STAFF_RECEPTION], &sim->change_cap[PC_STAFF_RECEPTION]) ||
	     shrink_schedule(&sim->nchanges[PC_STAFF_RECEPTION], &sim->change_t[PC_STAFF_RECEPTION],
			     &sim->change_cap[PC_STAFF_RECEPTION], sc->staff[PC_STAFF_RECEPTION].shrinkage,
			     sc->horizon)))
		goto nomem;
	sim->skills_on = sc->chats_per_order > 0 && !sc->has_arrival_curve;
	if (sim->skills_on) {
		/* Pre-sale chats arrive with the orders, chats_per_order each. */
		sim->chat_src = sim->src[SRC_REFUND];
		sim->chat_src.rate = sim->order_rate;
		sim->chat_src.mult = sc->chats_per_order;
		if (pc_resource_init(&sim->chat_res, 1, sc->interval, 0) ||
		    pc_staff_schedule(&sc->staff[PC_STAFF_PRESALE], sc->horizon,
				      &sim->nchanges[PC_STAFF_PRESALE], &sim->change_t[PC_STAFF_PRESALE],
				      &sim->change_cap[PC_STAFF_PRESALE]) ||
		    shrink_schedule(&sim->nchanges[PC_STAFF_PRESALE], &sim->change_t[PC_STAFF_PRESALE],
				    &sim->change_cap[PC_STAFF_PRESALE], sc->staff[PC_STAFF_PRESALE].shrinkage,
				    sc->horizon) ||
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

/* Doubles a full deadline ring in place: its pages move to a mapping twice
 * the size without a copy (pc_memory_remap), then the part that had wrapped
 * to the front moves behind them.  On failure the ring is unchanged.
 * Returns 0 or PC_ENOMEM. */
int pc_sim_deadline_grow(deadline *d)
{
	size_t old = d->cap, cap = old ? 2 * old : 1024;
	deadline_entry *ne = old ? pc_memory_remap(d->e, old * sizeof *ne, cap * sizeof *ne)
				 : pc_memory_map(cap * sizeof *ne);

	if (!ne)
		return PC_ENOMEM;
	/* Full: entries head .. old - 1, then 0 .. head - 1. */
	memcpy(ne + old, ne, d->head * sizeof *ne);
	d->e = ne;
	d->cap = cap;
	return 0;
}

/* Shrinkage as break windows: within every clock hour of a capacity
 * segment of c people, c (1 - s) are available on average: the next whole
 * number above for the first share of the hour that makes the average
 * exact, the one below for the rest (one person at 15%: 51 minutes on, a
 * 9-minute break).  Replaces the change points (*n, *t, *cap) by the finer
 * ones; s = 0 leaves them.  Returns 0 or PC_ENOMEM. */
static int shrink_schedule(int *n, double **t, int **cap, double s, double horizon)
{
	double *ot = NULL;
	int *oc = NULL;
	size_t m = 0, room = 0;

	if (s <= 0 || *n == 0)
		return 0;
	for (int i = 0; i < *n; i++) {
		double a = (*t)[i], b = i + 1 < *n ? (*t)[i + 1] : horizon;
		double e = (*cap)[i] * (1 - s), lo = floor(e), f = e - lo;

		if (f < 1e-9)
			f = 0;
		while (a < b) {
			double end = f > 0 ? fmin(b, (floor(a / PC_HOUR) + 1) * PC_HOUR) : b;
			double mid = a + f * (end - a);
			double pt[2] = { a, mid };
			int pc[2] = { (int)lo + 1, (int)lo };

			for (int k = f > 0 ? 0 : 1; k < 2; k++) {
				if (k == 0 && !(mid > a))
					continue;
				if (m > 0 && oc[m - 1] == pc[k])
					continue;
				if (m == room) {
					size_t nr = room ? room * 2 : 64;
					double *nt = realloc(ot, nr * sizeof *nt);
					int *nc;
					if (!nt)
						goto nomem;
					ot = nt;
					if (!(nc = realloc(oc, nr * sizeof *nc)))
						goto nomem;
					oc = nc;
					room = nr;
				}
				ot[m] = pt[k];
				oc[m++] = pc[k];
			}
			a = end;
		}
	}
	free(*t);
	free(*cap);
	*t = ot;
	*cap = oc;
	*n = (int)m;
	return 0;
nomem:
	free(ot);
	free(oc);
	return PC_ENOMEM;
}

/* The item pool at the size the memory estimate gives for one replication
 * (every request open at once, 5 standard deviations over), in one
 * allocation: fresh zeroed pages cost nothing until touched, where growing
 * by doubling from 4096 copied and zeroed the pool at each step.  On
 * failure the pool stays empty and grows as before. */
static uint32_t items_wanted(const pc_scenario *sc)
{
	pc_memory m;
	double want;

	pc_memory_estimate(sc, 1, 1, &m);
	want = fmin(m.requests, (double)MAX_ITEMS); /* the carry-in included */
	if (!(want >= 4096))
		want = 4096;
	return (uint32_t)want;
}

/* Orders-based demand: the requests' array at the size the memory
 * estimate counts for it (the expected requests and five standard
 * deviations), allocated once instead of doubling from 4096: each
 * doubling copied the array into fresh pages (glibc's realloc copies a
 * block below its mmap threshold, which rises once a large block is
 * freed).  A replication that draws more grows it as before; a failed
 * allocation leaves the growth to do it. */
static void requests_reserve(pc_sim *sim)
{
	uint32_t want = items_wanted(sim->sc);
	pc_event *r;

	if (sim->cap_req >= want || !(r = malloc((size_t)want * sizeof *r)))
		return;
	free(sim->req);
	sim->req = r;
	sim->cap_req = want;
	pc_memory_huge_pages(r, (size_t)want * sizeof *r);
}

static void items_reserve(pc_sim *sim)
{
	uint32_t want = items_wanted(sim->sc);

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
	pc_memory_huge_pages(sim->item, (size_t)want * sizeof *sim->item);
}

int pc_sim_item_new(pc_sim *sim, uint32_t *id)
{
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


/* Queues task for item id at its resource and starts what can start. */


int pc_sim_enqueue(pc_sim *sim, uint32_t id, pc_task task, double now)
{
	if (sim->reception_on && (task == PC_TASK_AFTER_SALES || task == PC_TASK_FOLLOW_UP)) {
		/* An enquiry: the reception answers it. */
		sim->item[id].hold++;
		if (pc_resource_enqueue(&sim->recep_res, now, (id << TASK_BITS) | (uint32_t)task, 0))
			return PC_ENOMEM;
		return start_reception(sim, now);
	}
	pc_res r = pc_sim_task_res[task];
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
	return pc_sim_start_tasks(sim, r, now);
}


/* Starts job on a server of pool already marked busy: its task's time
 * from the item, the first response when it is one, the end event.
 * Returns 1 when it started, 0 when it had nothing left to do (the caller
 * frees the server), or PC_ENOMEM.  Inlined into both routings: it is the
 * hot path of every task. */
/* An enquiry is answered now (by reception or an agent). */
static void enquiry_answered(pc_sim *sim, const item *it, double now)
{
	double w = now - it->t_arrive;

	sim->rep->enq_n++;
	sim->rep->enq_wait_sum += w;
	if (w <= sim->enq_limit)
		sim->rep->enq_within++;
}

static inline __attribute__((always_inline)) int start_job(pc_sim *sim, uint32_t job, uint32_t pool,
							   double now)
{
	uint32_t id = job >> TASK_BITS;
	pc_task task = (pc_task)(job & ((1u << TASK_BITS) - 1));
	item *it;
	double d;

	if (task == (pc_task)TASK_BATCH)
		return pc_lever_batch_start(sim, id, pool, now);
	if (task == (pc_task)TASK_CHAT)
		return pc_lever_chat_start(sim, id, pool, now);
	it = &sim->item[id];
	if (it->state == ST_ENDED || (is_first_response(task) && (it->flags & F_AUTO))) {
		/* Answered by the platform's timeout while it waited. */
		it->hold--;
		pc_sim_release(sim, id);
		return 0;
	}
	d = task_duration(it, task);
	if (task == PC_TASK_AFTER_SALES)
		enquiry_answered(sim, it, now);
	if (task == PC_TASK_LATE || is_first_response(task))
		pc_sim_first_response(sim, it, now);
	sim->rep->logical_events++;
	if (__builtin_expect(sim->ev != NULL, 0) && pool != POOL_PRESALE && pool != POOL_RECEPTION)
		pc_ev_work_add(sim->ev, id, (int)task, now, now + d);
	if (pc_calendar_push(&sim->cal, now + d,
			     EV_DONE | (((uint32_t)task | pool << TASK_BITS) << 8), id))
		return PC_ENOMEM;
	return 1;
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
int pc_sim_dispatch(pc_sim *sim, double now)
{
	pc_resource *ag = &sim->res[PC_RES_AGENT], *ch = &sim->chat_res;

	for (;;) {
		int free_only = ag->capacity - sim->ndual - sim->only_busy;
		int free_dual = sim->ndual - sim->dual_busy;
		pc_resource *from, *on;
		uint32_t pool, job = 0;
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
		/* from has a job waiting (each branch checked its queue), so
		 * the pop gives one; job's 0 only quiets the compiler, which
		 * cannot see that through the inline pop. */
		pc_resource_pop(from, now, &job);
		pc_resource_seize(on, now);
		rc = start_job(sim, job, pool, now);
		if (rc < 0)
			return rc;
		if (rc == 0)
			pc_sim_server_free(sim, PC_RES_AGENT, pool, now);
	}
}

int pc_sim_start_tasks(pc_sim *sim, pc_res r, double now)
{
	uint32_t job;

	if (r == PC_RES_AGENT && sim->skills_on)
		return pc_sim_dispatch(sim, now);
	while (pc_resource_next(&sim->res[r], now, &job)) {
		uint32_t next;
		int rc;

		/* The next waiting job's item is likely cold (it arrived long
		 * ago): ask for it now, while this one is served. */
		if (pc_resource_peek(&sim->res[r], &next))
			__builtin_prefetch(&sim->item[next >> TASK_BITS]);
		rc = start_job(sim, job, POOL_MAIN, now);

		if (rc < 0)
			return rc;
		if (rc == 0)
			pc_resource_done(&sim->res[r], now);
	}
	return 0;
}

/* The reception agents take the next enquiries while any is free. */
static int start_reception(pc_sim *sim, double now)
{
	uint32_t job;

	while (pc_resource_next(&sim->recep_res, now, &job)) {
		int rc = start_job(sim, job, POOL_RECEPTION, now);

		if (rc < 0)
			return rc;
		if (rc == 0)
			pc_resource_done(&sim->recep_res, now);
	}
	return 0;
}

int pc_sim_start_after(pc_sim *sim, pc_res r, uint32_t pool, double now)
{
	return pool == POOL_RECEPTION ? start_reception(sim, now) : pc_sim_start_tasks(sim, r, now);
}


void pc_sim_finish(pc_sim *sim, uint32_t id, double now)
{
	item *it = &sim->item[id];
	pc_rep *rep = sim->rep;
	double ct = now - it->t_arrive;
	double *day;

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
		pc_sim_release(sim, id);
		return;
	}
	sim->backlog[it->state]--;
	sim->open_refunds--;
	if (it->flags & F_ESCALATED)
		sim->escalated_open--;
	if (__builtin_expect(sim->ev != NULL, 0)) {
		pc_ev_refund *e = pc_ev_of(sim->ev, id);
		if (e) {
			e->end = now;
			e->path = it->path;
			if (it->flags & F_AUTO)
				e->flags |= PC_EVF_AUTO;
		}
	}
	rep->finished[it->path0]++;
	rep->finished_final[it->path]++;
	day = day_row(sim, now);
	day[PC_DAY_FINISHED]++;
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
	/* The completion-time metrics (自主完结时长) count every completed
	 * refund with its whole duration, timeout approvals and escalated
	 * ones included [000]: a slower shop always scores worse. */
	if (it->path == PC_PATH_RETURN) {
		rep->rr_n++;
		rep->rr_sum += ct;
		day[PC_DAY_RR_DONE]++;
		day[PC_DAY_RR_SUM] += ct;
	} else {
		rep->ro_n++;
		rep->ro_sum += ct;
		if (ct <= sim->ro_limit)
			rep->ro_within++;
		day[PC_DAY_RO_DONE]++;
		day[PC_DAY_RO_SUM] += ct;
	}
	pc_sim_release(sim, id);
}


/* ---- the batch refund tool [001][004] ---- */


/* A refund request or after-sales work arrives now; age is how long ago
 * its order was placed (0 when unknown or not needed); path is the path
 * the goods' state gives (-1: drawn from path_mix); claim marks an
 * after-sales claim; goods_left, for a path-1 request in a race, is when
 * the goods leave the warehouse, seconds after now. */
static int arrive(pc_sim *sim, int src, double now, double age, int path, int claim, float goods_left)
{
	const pc_scenario *sc = sim->sc;
	pc_rep *rep = sim->rep;
	uint32_t id;
	item *it;
	double asked;
	int reason;
	double *day;
	int rc = pc_sim_item_alloc(sim, &id);

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
			pc_lever_draw_service(sim, it);
		rep->as_arrived++;
		day_row(sim, now)[PC_DAY_AS_ARRIVED]++;
		interval_row(sim, now)[PC_TS_ARRIVE_AS]++;
		sim->as_open++;
		return pc_sim_enqueue(sim, id, PC_TASK_AFTER_SALES, now);
	}
	it->late = 0;
	asked = pc_refund_draw(sim, it, path, &reason);
	if (sc->cancel > 0 || sc->reject_set) {
		/* The buyer's cancellation and the shop's rejection, four draws
		 * from their own stream whatever the outcome. */
		gsl_rng *g = sim->rng[RNG_BUYER_ACT];
		double uc = gsl_rng_uniform(g), dc = pc_dist_sample(&sc->cancel_after, g);
		double ur = gsl_rng_uniform(g), ua = gsl_rng_uniform(g);
		if (sc->reject_set && ur < sc->reject[reason]) {
			int a = ua < sc->after_reject[0] ? 0 : ua < sc->after_reject[0] + sc->after_reject[1] ? 1 : 2;
			it->late = (uint8_t)((1 + a) << REJECT_SHIFT);
		}
		if (uc < sc->cancel && pc_sim_timer_push(sim, now + dc, EV_CANCEL, id))
			return PC_ENOMEM;
	}
	if (__builtin_expect(sim->ev != NULL, 0)) {
		pc_ev_arrive(sim->ev, id, now, it->path0, reason, asked, claim);
		if (it->late & REJECT_MASK) {
			pc_ev_refund *e = pc_ev_of(sim->ev, id);
			if (e)
				e->flags |= PC_EVF_REJECTED;
		}
	}
	day = day_row(sim, now);
	if (reason == PC_REASON_QUALITY) {
		rep->quality_refunds++;
		day[PC_DAY_QUALITY]++;
	}
	if (claim) {
		it->flags |= F_CLAIM;
		rep->claims++;
		day[PC_DAY_CLAIMS]++;
	}
	if (sim->goods && it->path0 == PC_PATH_UNSHIPPED)
		it->goods_left = goods_left;
	if (it->path0 != PC_PATH_RETURN) {
		rep->ho_n++;
		day[PC_DAY_HO_N]++;
	}
	count_arrival(sim, day, it->path0, now);
	if (sc->chase_after > 0 && pc_sim_timer_push(sim, now + sc->chase_after, EV_CHASE, id))
		return PC_ENOMEM;
	if (sim->arrival_levers)
		return pc_lever_arrive(sim, id, now, age, asked);
	if (pc_platform_deadlines(sim, id, now))
		return PC_ENOMEM;
	/* enqueue_first in short: no batches without a lever. */
	return pc_sim_enqueue(sim, id, it->path0 == PC_PATH_RETURN ? PC_TASK_AGREE : (pc_task)it->path0, now);
}


/* ---- pre-sale chat [004] ---- */


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
	    pc_sim_push(sim, sim->change_t[r][i + 1], EV_ROSTER, (uint32_t)r, i + 1))
		return PC_ENOMEM;
	if (r == PC_STAFF_RECEPTION) {
		pc_resource_set_capacity(&sim->recep_res, now, cap);
		return start_reception(sim, now);
	}
	if (r == PC_STAFF_PRESALE) {
		/* Each pre-sale-only agent is concurrency chat slots. */
		pc_resource_set_capacity(&sim->chat_res, now, cap * sim->sc->chat_concurrency);
		return pc_sim_dispatch(sim, now);
	}
	pc_resource_set_capacity(&sim->res[r], now, cap);
	if (r == PC_RES_AGENT && sim->skills_on)
		/* A share dual_skill of the agents on duty, rounded. */
		sim->ndual = (int)floor(sim->sc->dual_skill * cap + 0.5);
	return pc_sim_start_tasks(sim, (pc_res)r, now);
}

/* A request straight from an arrival curve: it arrives now; the next one
 * is scheduled. */
static int source_event(pc_sim *sim, int s, double now)
{
	int rc;

	if (s == SRC_AS) {
		/* A share claims of the after-sales cases are claims on received
		 * goods: refunds of path 3 or 4. */
		gsl_rng *g = sim->rng[RNG_CLAIM];
		double u = gsl_rng_uniform(g), v = gsl_rng_uniform(g);
		if (u < sim->sc->claims)
			rc = arrive(sim, SRC_REFUND, now, 0,
				    v < sim->sc->claim_no_return ? PC_PATH_RECEIVED : PC_PATH_RETURN, 1, 0);
		else
			rc = arrive(sim, SRC_AS, now, 0, -1, 0, 0);
	} else {
		rc = arrive(sim, s, now, 0, -1, 0, 0);
	}

	if (rc)
		return rc;
	return pc_sim_push(sim, source_next(&sim->src[s], pc_sim_source_rng(sim, s)), EV_SOURCE, (uint32_t)s, 0);
}


/* Clears the simulator for replication r; its figures are counted in
 * sim->work, on out's series and daily arrays. */
static void reset(pc_sim *sim, uint64_t seed, int r, const pc_rep *out)
{
	const pc_scenario *sc = sim->sc;
	double *series = out->series, *daily = out->daily;
	int nint = out->nintervals, nd = out->ndays;
	pc_rep *rep = &sim->work;

	for (int i = 0; i < NRNG; i++)
		gsl_rng_set(sim->rng[i],
			    (unsigned long)mix64(seed ^ mix64(((uint64_t)r << 8) | (uint64_t)i)));
	pc_calendar_clear(&sim->cal);
	for (int k = 0; k < PC_NRES; k++)
		pc_resource_reset(&sim->res[k]);
	if (sim->reception_on)
		pc_resource_reset(&sim->recep_res);
	if (sim->skills_on) {
		pc_resource_reset(&sim->chat_res);
		sim->chat_src.seg = 0;
		sim->chat_src.now = sim->sc->carry ? sim->t_start : 0;
	}
	sim->ndual = sim->only_busy = sim->dual_busy = 0;
	for (uint32_t i = 0; i < sim->nitems; i++)
		sim->item[i].epoch++;
	if (sim->nitems > sim->items_hi)
		sim->items_hi = sim->nitems;
	sim->nitems = 0;
	sim->nreq = sim->req_pos = 0;
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
		/* Requests straight from a curve start with the run; orders
		 * before it still ask after it. */
		sim->src[s].now = sc->carry && !sim->delayed ? sim->t_start : 0;
	}
}

/* Refund-only requests still not acted on at the horizon whose handling
 * deadline lies beyond it have no outcome yet: they leave the handling
 * KPI's count (censored), as the refunds that met it or missed it stay. */
static void censor_handling(pc_sim *sim)
{
	const double horizon = sim->sc->horizon;

	for (uint32_t i = 0; i < sim->nitems; i++) {
		const item *it = &sim->item[i];
		if (!(it->flags & F_LIVE) || (it->flags & (F_FINISHED | F_HANDLED | F_AS | F_CHAT)) ||
		    it->path0 == PC_PATH_RETURN || it->t_arrive + sim->ho_limit <= horizon)
			continue;
		sim->rep->ho_n--;
		day_row(sim, it->t_arrive)[PC_DAY_HO_N]--;
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
	if (rep->chat_n != rep->chat_done + rep->chat_abandoned + chat_open) {
		pc_error_set(err, NULL, 0,
			     "conservation broken on pre-sale chats: %.0f arrived, %.0f done, %.0f open",
			     rep->chat_n, rep->chat_done, chat_open);
		return PC_ERUN;
	}
	return 0;
}

/* The buyer of refund rid asks where the refund is (退款到账查询 [002]) while
 * it is open: an enquiry now, its handle time from its own stream, and the
 * next chase_after later.  Counted with the enquiries (as where-is-my-parcel
 * under the service catalogue). */
static int chase(pc_sim *sim, uint32_t rid, double now)
{
	const pc_scenario *sc = sim->sc;
	uint32_t id;
	item *it;
	int rc;

	sim->item[rid].hold--;
	if ((sim->item[rid].flags & F_FINISHED) || sim->item[rid].state == ST_ENDED) {
		pc_sim_release(sim, rid);
		return 0;
	}
	if ((rc = pc_sim_item_alloc(sim, &id)))
		return rc;
	it = &sim->item[id]; /* the pool may have moved */
	it->t_arrive = it->t_mark = now;
	it->hold = 0;
	it->flags = F_LIVE | F_AS;
	it->state = PC_ST_AGENT;
	it->path0 = it->path = 0;
	it->d_first = draw(&sc->as_handle, sim->rng[RNG_CHASE]);
	sim->rep->as_arrived++;
	sim->rep->chases++;
	sim->rep->logical_events++;
	day_row(sim, now)[PC_DAY_AS_ARRIVED]++;
	interval_row(sim, now)[PC_TS_ARRIVE_AS]++;
	sim->as_open++;
	if ((rc = pc_sim_enqueue(sim, id, PC_TASK_AFTER_SALES, now)))
		return rc;
	return pc_sim_timer_push(sim, now + sc->chase_after, EV_CHASE, rid);
}

void pc_sim_set_stop(pc_sim *sim, const atomic_int *stop)
{
	sim->stop = stop;
}

void pc_sim_seed_forecast(gsl_rng *r, uint64_t seed, int k)
{
	/* Stream 255 of "replication" k: the replications' own streams are
	 * 0 .. NRNG - 1 of theirs. */
	gsl_rng_set(r, (unsigned long)mix64(seed ^ mix64(((uint64_t)k << 8) | 0xffu)));
}

/* The outer level of a replication with forecasts: its draw, and the
 * demand of that draw in place of the last one's. */
static void draw_forecast(pc_sim *sim, uint64_t seed, int r, double value[PC_NFC])
{
	pc_sim_seed_forecast(sim->fc_rng, seed, pc_fc_draw_of(r));
	pc_fc_draw(&sim->base->forecast, sim->fc_base, sim->fc_rng, value);
	pc_fc_apply(sim->drawn, value);
	sim->sc = sim->drawn;
	sim->dem.sc = sim->drawn;
	if (sim->delayed)
		set_orders(sim);
	else
		sim->src[SRC_AS].mult = pc_scenario_after_sales_ratio(sim->sc);
}

static int run(pc_sim *sim, uint64_t seed, int r, pc_rep *out, pc_error *err)
{
	const pc_scenario *sc;
	double fc[PC_NFC];
	pc_event ev;
	pc_rep *rep;
	int rc = 0;
	unsigned tick = 0;

	if (sim->drawn)
		draw_forecast(sim, seed, r, fc);
	else
		pc_fc_values(sim->sc, fc);
	sc = sim->sc;
	reset(sim, seed, r, out);
	rep = sim->rep;
	memcpy(rep->fc, fc, sizeof fc);
	rep->fc_draw = pc_fc_draw_of(r);
	/* A replication's requests drawn already for this demand (the
	 * planner's checks) are taken as kept; else drawn, sorted, and kept
	 * when the scenario names a cache. */
	sim->rq = sim->delayed ? pc_sim_requests_kept(sim, seed, r, &sim->nreq) : NULL;
	for (int s = 0; s < NSRC && !rc && !sim->rq; s++)
		rc = sim->delayed ? pc_sim_schedule_requests(sim, s)
				  : pc_sim_push(sim, source_next(&sim->src[s], pc_sim_source_rng(sim, s)), EV_SOURCE,
					 (uint32_t)s, 0);
	if (!rc && !sim->rq) {
		rc = pc_sim_sort_requests(sim);
		if (!rc && sim->delayed)
			pc_sim_requests_keep(sim, seed, r);
		sim->rq = sim->req;
	}
	/* The sort's second array goes back now, before the run's items and
	 * queues grow to their peak: refaulting it costs a few milliseconds a
	 * replication, keeping it a fifth of large-brand's peak memory. */
	free(sim->req_tmp);
	sim->req_tmp = NULL;
	sim->cap_req_tmp = 0;
	if (!rc && sc->carry)
		rc = pc_sim_push(sim, sim->t_start, EV_CARRY, 0, 0);
	if (!rc && sim->sc->batch_every > 0)
		rc = pc_sim_push(sim, sim->sc->batch_every, EV_BATCH, 0, 0);
	if (!rc && sim->skills_on)
		rc = pc_sim_push(sim, source_next(&sim->chat_src, sim->rng[RNG_CHAT_ARRIVE]), EV_CHAT, 0, 0);
	for (int k = 0; k < PC_NSTAFF && !rc; k++)
		if (sim->nchanges[k] > 0)
			rc = pc_sim_push(sim, sim->change_t[k][0], EV_ROSTER, (uint32_t)k, 0);
	for (int k = 0; k < sim->nintervals && !rc; k++) {
		double t = (k + 1) * sc->interval;
		rc = pc_calendar_push(&sim->cal, t < sc->horizon ? t : sc->horizon, EV_SAMPLE, (uint32_t)k);
	}
	/* Hard stop at the horizon: work still in hand then is reported open. */
	while (!rc) {
		const pc_event *next = pc_calendar_peek(&sim->cal);
		uint32_t kind, arg;
		double now;

		if (!next && pc_calendar_size(&sim->cal)) {
			rc = PC_ENOMEM; /* a bucket could not move into the run */
			break;
		}
		/* The next request, when it comes no later than the calendar's
		 * next event: at the same time the request goes first, as it
		 * was pushed before everything else. */
		if (sim->req_pos < sim->nreq && (!next || sim->rq[sim->req_pos].time <= next->time)) {
			ev = sim->rq[sim->req_pos++];
		} else {
			if (!next || next->time > sc->horizon)
				break;
			pc_calendar_take(&sim->cal, next, &ev);
		}
		/* The next event's item is likely cold (a return that waited
		 * days): start loading it while this event is handled.  Such
		 * events come out of buckets through the run, in order, so the
		 * item four run events on is asked for: each once, with a lead
		 * of four run events.  The heap holds the next ten minutes'
		 * task ends, whose items are mostly warm: only its first.
		 * (Asking for heap[0 .. 4] and run[0 .. 2] at every event cost
		 * 5% of large-brand's instructions and gained no time.) */
		{
			const pc_calendar *cal = &sim->cal;
			const pc_event *top = pc_calendar_heap_top(cal);

			if (top && top->b < sim->nitems)
				__builtin_prefetch(&sim->item[top->b]);
			if (cal->run_pos + 4 < cal->run_n && cal->run[cal->run_pos + 4].b < sim->nitems)
				__builtin_prefetch(&sim->item[cal->run[cal->run_pos + 4].b]);
		}
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
		case EV_REQUEST: {
			int path = (int)((arg >> REQ_PATH_SHIFT) & 0xf) - 1;
			int claim = (arg & REQ_CLAIM) != 0;
			float f = bits_float(ev.b);
			/* A path-1 request of the goods' state carries when its goods
			 * leave; it is never late (asked before dispatch). */
			if (sim->goods && path == PC_PATH_UNSHIPPED && !claim)
				rc = arrive(sim, SRC_REFUND, now, 0, path, 0, f);
			else
				rc = arrive(sim, (int)(arg & 0xf), now, sim->need_age ? f : 0.0, path, claim, 0);
			break;
		}
		case EV_BATCH:
			rc = pc_lever_batch_tick(sim, now);
			break;
		case EV_DONE:
			rc = pc_refund_task_done(sim, ev.b, (pc_task)(arg & ((1u << TASK_BITS) - 1)),
				       arg >> TASK_BITS, now);
			break;
		case EV_CHAT:
			rc = pc_lever_chat_arrive(sim, now);
			break;
		case EV_DEADLINE:
			rc = pc_platform_deadlines_due(sim, (int)arg, now);
			break;
		case EV_ESCALATE:
			if ((sim->item[ev.b].epoch & 0xffffff) != arg)
				break; /* the refund finished and its slot moved on */
			rc = pc_platform_escalate(sim, ev.b, now);
			break;
		case EV_ROSTER:
			rc = roster(sim, (int)arg, ev.b, now);
			break;
		case EV_SAMPLE:
			sample(sim, (int)ev.b);
			break;
		case EV_CHASE:
			rc = chase(sim, ev.b, now);
			break;
		case EV_CARRY:
			rc = pc_carry_inject(sim, now);
			break;
		default:
			rc = pc_refund_timer(sim, (int)kind, ev.b, now);
			break;
		}
	}
	if (rc == PC_ERUN) {
		pc_error_set(err, NULL, 0,
			     "more than %lu refunds and after-sales cases open at once, the most a run can hold",
			     (unsigned long)MAX_ITEMS);
		return rc;
	}
	if (rc == PC_EINPUT) {
		pc_error_set(err, NULL, 0, "an event was scheduled before the run's start (a negative time)");
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
		rep->paid[k] = res->cap_area / (1 - sc->staff[k].shrinkage);
		for (int i = 0; i < sim->nintervals; i++) {
			double len = fmin(sc->interval, sc->horizon - i * sc->interval);
			double *row = rep->series + (size_t)i * PC_TS_NCOLS;
			row[PC_TS_STAFF0 + k] = res->cap_int[i] / len;
			row[PC_TS_BUSY0 + k] = res->busy_int[i] / len;
		}
	}
	if (sim->skills_on) {
		pc_resource_advance(&sim->chat_res, sc->horizon);
		/* In agents: the slots over the concurrency. */
		rep->presale_busy = sim->chat_res.busy_area / sc->chat_concurrency;
		rep->presale_cap = sim->chat_res.cap_area / sc->chat_concurrency;
		rep->presale_paid = rep->presale_cap / (1 - sc->staff[PC_STAFF_PRESALE].shrinkage);
	}
	if (sim->reception_on) {
		pc_resource_advance(&sim->recep_res, sc->horizon);
		rep->recep_busy = sim->recep_res.busy_area;
		rep->recep_cap = sim->recep_res.cap_area;
		rep->recep_paid = rep->recep_cap / (1 - sc->staff[PC_STAFF_RECEPTION].shrinkage);
	}
	censor_handling(sim);
	if (sc->carry)
		pc_carry_clear_past(sim);
	if (sim->ev) {
		/* What the open refunds wait for at the horizon. */
		for (uint32_t i = 0; i < sim->nitems; i++) {
			const item *it = &sim->item[i];
			pc_ev_refund *e;
			if ((it->flags & (F_LIVE | F_FINISHED | F_AS | F_CHAT)) == F_LIVE &&
			    (e = pc_ev_of(sim->ev, i)) && it->state != ST_ENDED)
				e->state = it->state;
		}
		if (sim->ev->nomem) {
			pc_error_set(err, NULL, 0, "out of memory recording the event log");
			return PC_ENOMEM;
		}
	}
	return conservation(sim, err);
}

/* The run works on the simulator's own figures (sim->work) and copies them
 * into rep at its end, whatever its outcome. */
int pc_sim_run(pc_sim *sim, uint64_t seed, int r, pc_rep *rep, pc_error *err)
{
	int rc = run(sim, seed, r, rep, err);

	*rep = sim->work;
	return rc;
}
