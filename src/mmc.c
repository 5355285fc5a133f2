/* mmc: the M/M/c queue run on the engine kernel, shared by bench/mmc.c and tests/test_mmc.c. */
#include "mmc.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "calendar.h"
#include "resource.h"

/* Event kinds, in pc_event.a. */
enum { EV_ARRIVAL = 0, EV_DEPARTURE = 1 };

/* Streams of one replication: separate generators per source of
 * randomness, so arrivals stay the same when the service changes. */
enum { STREAM_ARRIVALS = 0, STREAM_SERVICE = 1 };

/* A wait at or below this counts as no wait (it is rounding, not queueing). */
#define NO_WAIT 1e-9

/* splitmix64's finaliser (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014): a bijection of 64-bit
 * words that spreads every input bit over the output. */
static uint64_t splitmix64(uint64_t x)
{
	x += UINT64_C(0x9e3779b97f4a7c15);
	x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
	return x ^ (x >> 31);
}

unsigned long pc_mmc_stream_seed(unsigned long seed, unsigned long replication, unsigned stream)
{
	uint64_t h = splitmix64((uint64_t)seed);

	h = splitmix64(h ^ (uint64_t)replication);
	h = splitmix64(h ^ (uint64_t)stream);
	h = (h ^ (h >> 32)) & UINT64_C(0xffffffff);
	return h ? (unsigned long)h : 1UL;
}

/* Arrival times of the customers waiting, indexed by customer number
 * modulo the (power-of-two) size: FIFO keeps the waiting customers a
 * run of consecutive numbers [first, last), so no two collide. */
typedef struct arrival_ring {
	double *t;
	uint64_t mask;
} arrival_ring;

/* Doubles the ring, moving customers first .. last-1 to their new slots.
 * Returns 0 or PC_ENOMEM (the ring is then unchanged). */
static int arrival_ring_grow(arrival_ring *r, uint64_t first, uint64_t last)
{
	uint64_t size = 2 * (r->mask + 1), j;
	double *t;

	if (size > SIZE_MAX / sizeof *t)
		return PC_ENOMEM;
	t = malloc((size_t)size * sizeof *t);
	if (!t)
		return PC_ENOMEM;
	for (j = first; j < last; j++)
		t[j & (size - 1)] = r->t[j & r->mask];
	free(r->t);
	r->t = t;
	r->mask = size - 1;
	return 0;
}

/* Checks the config; fills err and returns PC_EINPUT when it is bad. */
static int check_config(const pc_mmc_config *cfg, pc_error *err)
{
	if (!(cfg->lambda > 0) || !(cfg->lambda < 1e300)) {
		pc_error_set(err, NULL, 0, "'lambda' must be a number > 0, got '%g'", cfg->lambda);
		return PC_EINPUT;
	}
	if (!(cfg->mu > 0) || !(cfg->mu < 1e300)) {
		pc_error_set(err, NULL, 0, "'mu' must be a number > 0, got '%g'", cfg->mu);
		return PC_EINPUT;
	}
	if (cfg->servers < 1) {
		pc_error_set(err, NULL, 0, "'servers' must be a whole number >= 1, got '%d'",
			     cfg->servers);
		return PC_EINPUT;
	}
	if (cfg->customers < 1) {
		pc_error_set(err, NULL, 0, "'customers' must be a whole number >= 1, got '0'");
		return PC_EINPUT;
	}
	if (cfg->warmup >= cfg->customers) {
		pc_error_set(err, NULL, 0,
			     "'warmup' must be below 'customers' (%llu), got '%llu'",
			     (unsigned long long)cfg->customers,
			     (unsigned long long)cfg->warmup);
		return PC_EINPUT;
	}
	return 0;
}

/* What pc_mmc_run allocates, released together. */
typedef struct mmc_state {
	pc_calendar cal;
	pc_resource res;
	arrival_ring ring;
	gsl_rng *arrivals;
	gsl_rng *service;
} mmc_state;

static void mmc_state_release(mmc_state *s)
{
	pc_calendar_release(&s->cal);
	pc_resource_release(&s->res);
	free(s->ring.t);
	gsl_rng_free(s->arrivals);
	gsl_rng_free(s->service);
}

/* Allocates the state of one run.  Returns 0 or PC_ENOMEM (s then holds
 * nothing to release). */
static int mmc_state_init(mmc_state *s, const pc_mmc_config *cfg)
{
	const gsl_rng_type *type = cfg->rng ? cfg->rng : gsl_rng_taus2;
	int rc;

	memset(s, 0, sizeof *s);
	rc = pc_calendar_init(&s->cal, (size_t)cfg->servers + 1);
	if (rc == 0)
		rc = pc_resource_init(&s->res, 1, 0.0, 0);
	if (rc == 0) {
		s->ring.mask = 255;
		s->ring.t = malloc((s->ring.mask + 1) * sizeof *s->ring.t);
		s->arrivals = gsl_rng_alloc(type);
		s->service = gsl_rng_alloc(type);
		if (!s->ring.t || !s->arrivals || !s->service)
			rc = PC_ENOMEM;
	}
	if (rc != 0) {
		mmc_state_release(s);
		memset(s, 0, sizeof *s);
		return PC_ENOMEM;
	}
	gsl_rng_set(s->arrivals, pc_mmc_stream_seed(cfg->seed, cfg->replication, STREAM_ARRIVALS));
	gsl_rng_set(s->service, pc_mmc_stream_seed(cfg->seed, cfg->replication, STREAM_SERVICE));
	return 0;
}

int pc_mmc_run(const pc_mmc_config *cfg, pc_mmc_stats *st, pc_error *err)
{
	mmc_state s;
	pc_event ev;
	const double mean_gap = 1 / cfg->lambda;
	const double mean_service = 1 / cfg->mu;
	const uint64_t n = cfg->customers, warmup = cfg->warmup;
	uint64_t arrived = 0, started = 0, departed = 0, measured = 0, waited = 0;
	uint64_t starts = 0, pops = 0;
	double wait_sum = 0, wait_max = 0;
	double queue_area = 0, t_queue = 0;
	double q0 = 0, b0 = 0;
	size_t max_queue = 0;
	int rc;

	memset(st, 0, sizeof *st);
	rc = check_config(cfg, err);
	if (rc != 0)
		return rc;
	rc = mmc_state_init(&s, cfg);
	if (rc != 0) {
		pc_error_set(err, NULL, 0, "out of memory");
		return rc;
	}
	pc_resource_set_capacity(&s.res, 0.0, cfg->servers);
	rc = pc_calendar_push(&s.cal, gsl_ran_exponential(s.arrivals, mean_gap), EV_ARRIVAL, 0);

	while (rc == 0 && pc_calendar_pop(&s.cal, &ev)) {
		const double now = ev.time;
		uint32_t job;

		pops++;
		/* The queue only changes at events, so its integral grows by
		 * (number waiting) x (time since the last event). */
		queue_area += (double)s.res.queued * (now - t_queue);
		t_queue = now;

		if (ev.a == EV_ARRIVAL) {
			const uint64_t k = arrived++;

			if (k == warmup) {
				pc_resource_advance(&s.res, now);
				st->window_start = now;
				q0 = queue_area;
				b0 = s.res.busy_area;
			}
			if (arrived < n) {
				rc = pc_calendar_push(&s.cal, now + gsl_ran_exponential(s.arrivals, mean_gap),
						      EV_ARRIVAL, 0);
				if (rc != 0)
					break;
			}
			if (arrived - started > s.ring.mask + 1) {
				rc = arrival_ring_grow(&s.ring, started, k);
				if (rc != 0)
					break;
			}
			s.ring.t[k & s.ring.mask] = now;
			rc = pc_resource_enqueue(&s.res, now, (uint32_t)k, 0);
			if (rc != 0)
				break;
			if (s.res.queued > max_queue)
				max_queue = s.res.queued;
			if (arrived == n) {
				pc_resource_advance(&s.res, now);
				st->window_end = now;
				st->queue_area = queue_area - q0;
				st->busy_area = s.res.busy_area - b0;
				st->end_arrived = arrived;
				st->end_departed = departed;
				st->end_waiting = s.res.queued;
				st->end_in_service = (uint64_t)s.res.busy;
			}
		} else {
			pc_resource_done(&s.res, now);
			departed++;
		}

		while (pc_resource_next(&s.res, now, &job)) {
			const double wait = now - s.ring.t[job & s.ring.mask];

			if (started >= warmup) {
				measured++;
				wait_sum += wait;
				if (wait > NO_WAIT)
					waited++;
				if (wait > wait_max)
					wait_max = wait;
			}
			started++;
			starts++;
			rc = pc_calendar_push(&s.cal, now + gsl_ran_exponential(s.service, mean_service),
					      EV_DEPARTURE, 0);
			if (rc != 0)
				break;
		}
	}

	if (rc != 0) {
		mmc_state_release(&s);
		pc_error_set(err, NULL, 0, "out of memory");
		return rc;
	}

	st->arrived = arrived;
	st->served = departed;
	st->measured = measured;
	st->waited = waited;
	st->wait_sum = wait_sum;
	st->wait_max = wait_max;
	st->mean_wait = measured ? wait_sum / (double)measured : 0;
	st->p_wait = measured ? (double)waited / (double)measured : 0;
	st->window_arrivals = n - warmup;
	if (st->window_end > st->window_start) {
		const double len = st->window_end - st->window_start;

		st->mean_queue = st->queue_area / len;
		st->utilisation = st->busy_area / ((double)cfg->servers * len);
	}
	st->t_end = t_queue;
	st->events = arrived + starts + departed;
	st->calendar_events = pops;
	st->max_queue = max_queue;

	rc = 0;
	if (arrived != n || departed != arrived || started != arrived || s.res.queued != 0 ||
	    s.res.busy != 0) {
		pc_error_set(err, NULL, 0,
			     "conservation broken: %llu arrived, %llu started, %llu left, "
			     "%zu waiting, %d in service",
			     (unsigned long long)arrived, (unsigned long long)started,
			     (unsigned long long)departed, s.res.queued, s.res.busy);
		rc = PC_ERUN;
	}
	mmc_state_release(&s);
	return rc;
}
